"""The HTML report's progress section: per group, the onset early and now,
and each change before and after with its verdict (DOMAIN.md "Progress",
"Changes the runner made"). Every text escaped."""

from __future__ import annotations

from html import escape

from runlog.detect import SUGGESTION_TEXT, Report
from runlog.detect.before_after import Comparison
from runlog.detect.progress_text import OWN_RUNS_ONLY, VERDICT_TEXT, p_text, progress_title
from runlog.domain import Units
from runlog.wording import onset_text


def progress_html(report: Report, units: Units) -> str:
    """``<section id="progress">``, or nothing when no group has 6 episodes."""
    if not report.progress:
        return ""
    parts = ['<section id="progress"><h2>Progress</h2>']
    for entry in report.progress:
        parts.append(f'<article class="progress"><p><strong>{escape(progress_title(entry))}.</strong> '
                     f"{escape(entry.explanation)}</p>")
        if entry.comparisons and entry.point is not None:
            point = onset_text(entry.basis, entry.point, units)
            rows = []
            for c in entry.comparisons:
                nearby = ", ".join(f"{o.kind.value} ({o.date:%b} {o.date.day})" for o in c.nearby)
                p = "" if c.p_value is None else p_text(c.p_value)
                rows.append(
                    f'<tr class="change" data-verdict="{c.verdict.value}" data-date="{c.change.date.isoformat()}">'
                    f"<td>{escape(short_name(c))}</td>"
                    f'<td class="num">{c.before_pain} of {c.before_runs}</td>'
                    f'<td class="num">{c.after_pain} of {c.after_runs}</td>'
                    f"<td>{escape(VERDICT_TEXT[c.verdict] + (f' ({p})' if p else ''))}</td>"
                    f"<td>{escape(nearby) or 'none'}</td></tr>"
                )
            parts.append(
                '<table class="changes"><colgroup><col style="width:33%"><col style="width:14%"><col style="width:8%">'
                '<col style="width:29%"><col style="width:16%"></colgroup>'
                f"<thead><tr><th>Change (runs past {escape(point)})</th><th class=\"num\">with pain before</th>"
                "<th class=\"num\">after</th><th>Fisher's exact test</th>"
                "<th>Also within 14 days</th></tr></thead><tbody>"
                + "".join(rows) + f'</tbody></table><p class="note">{escape(OWN_RUNS_ONLY)}</p>'
            )
        parts += [f"<p>{escape(SUGGESTION_TEXT[code])}</p>" for code in entry.suggestions]
        parts.append("</article>")
    parts.append("</section>")
    return "".join(parts)


def short_name(c: Comparison) -> str:
    """``Oct 26 orthotic Custom orthotics``: one line in the table."""
    label = f" {c.change.label}" if c.change.label else ""
    return f"{c.change.date:%b} {c.change.date.day} {c.change.kind.value}{label}"
