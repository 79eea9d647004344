"""Page one of the HTML report: the eight answers, the runner's own
questions, the suggestions with their source, and the disclaimer. Every
text escaped; page two starts after it when printed."""

from __future__ import annotations

from html import escape

from runlog.report.first_page import FirstPage


def first_page_html(page: FirstPage, disclaimer: str, questions: str = "") -> str:
    """``<section id="clinician">``: the whole of page one after the header."""
    parts = ['<section id="clinician"><h2>For the clinician: eight questions</h2><ol class="answers">']
    for question, answer in page.answers:
        text = " ".join(escape(sentence) for sentence in answer) or "Nothing logged to answer this."
        parts.append(f'<li><strong>{escape(question)}</strong> {text}</li>')
    parts.append("</ol>")
    if questions.strip():
        lines = "<br>".join(escape(line) for line in questions.strip().splitlines())
        parts.append(f'<div class="questions"><h3>Questions for my clinician</h3><p>{lines}</p></div>')
    if page.suggestions:
        parts.append('<h3>Options to discuss (suggestions, never promises)</h3><ul class="suggestions">')
        parts += [f"<li><em>{escape(source)}:</em> {escape(text)}</li>" for source, text in page.suggestions]
        parts.append("</ul>")
    parts.append(f'<p class="disclaimer">{escape(disclaimer)}</p></section>')
    return "".join(parts)
