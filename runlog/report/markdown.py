"""The weekly review as Markdown: what ``runlog report`` prints.

Fit to print or attach for a podiatrist: the findings with their evidence
first, then a section per week (its figures and a table of its runs), then
the disclaimer. Distances are in the runner's unit.
"""

from __future__ import annotations

import datetime as dt
import re

from runlog.detect import SUGGESTION_TEXT, Report, Status
from runlog.domain import Run, Units
from runlog.domain.dates import date_text
from runlog.domain.units import distance_text, format_duration, format_pace
from runlog.report.first_page import first_page, first_page_markdown
from runlog.report.gear import compare_gear, onset_of
from runlog.report.progress_md import progress_section, spikes_section, week_spikes
from runlog.review import ReviewSpan, WeeklyReview
from runlog.wording import (
    change_text,
    finding_heading,
    finding_onset,
    mornings_text,
    number,
    pain_onset,
    pain_summary,
    plural,
)

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def render_report(span: ReviewSpan, made: dt.date | None = None, questions: str = "") -> str:
    """The whole report, ending with a newline: the eight answers of page one
    first (the last two weeks end ``made``, else the span's end), then the rest."""
    units = span.settings.units
    first, last = span.weeks[0], span.weeks[-1]
    lines = [
        f"# Running review, {date_text(first.start)} to {date_text(last.end)}",
        "",
        f"{plural(len(span.weeks), 'week')} from runlog. Distances in {units.value}; "
        f"weeks start on {_WEEKDAY_NAMES[span.settings.week_start]}.",
        "",
    ]
    lines += first_page_markdown(first_page(span, made or span.end), span.report.disclaimer, questions, _escape)
    lines += _findings(span.report, units)
    lines += progress_section(span.report, units, _escape)
    lines += spikes_section(span.report, units, _escape)
    lines += _gear(span, units)
    evidence = frozenset(day for finding in span.report.findings for day in finding.evidence)
    for review in span.weeks:
        lines += _week(review, units, evidence)
    lines += ["---", "", f"*{_escape(span.report.disclaimer)}*", ""]
    return "\n".join(lines)


def _findings(report: Report, units: Units) -> list[str]:
    lines = [
        "## Findings",
        "",
        f"Patterns looked for in the {plural(((report.until - report.since).days + 1) // 7, 'week')} "
        f"from {report.since.isoformat()} to {report.until.isoformat()} "
        f"({plural(report.runs_considered, 'run')}).",
        "",
    ]
    if not report.findings:
        lines += ["No pattern found.", ""]
    for index, finding in enumerate(report.findings, 1):
        status = finding.status.value
        if finding.change is not None:
            status += f", {change_text(finding.change)}"
        lines += [
            f"### {index}. {_escape(finding_heading(finding))}",
            "",
            f"- **Status:** {_escape(status)}",
            f"- **Pain began:** {finding_onset(finding, units)} (median of {plural(finding.episodes, 'episode')}); "
            f"severity {finding.severity.value}; confidence {finding.confidence:.2f}",
            f"- **Why:** {_escape(finding.explanation)}",
            f"- **Evidence (runs with this pain):** {', '.join(day.isoformat() for day in finding.evidence)}",
        ]
        if finding.suggestions:
            resolved = finding.status is Status.RESOLVED
            lines.append("- **Suggestions, if it returns:**" if resolved else "- **Suggestions:**")
            lines += [f"  - {_escape(SUGGESTION_TEXT[code])}" for code in finding.suggestions]
        lines.append("")
    if report.notes:
        lines += ["Notes:", ""]
        lines += [f"- {_escape(note)}" for note in report.notes]
        lines.append("")
    return lines


def _gear(span: ReviewSpan, units: Units) -> list[str]:
    rows = compare_gear(span.runs)
    lines = ["## Gear compared", ""]
    if not rows:
        return lines + ["No runs in these weeks.", ""]
    lines += [
        "| Gear | Worn | Runs | Distance | Runs with knee pain | Median onset | Median intensity |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        intensity = "" if row.median_intensity is None else f"{number(row.median_intensity)}/10"
        lines.append(
            f"| {row.kind.capitalize()}: {_escape(row.label)} | {row.first.isoformat()} to {row.last.isoformat()} "
            f"| {row.runs} | {distance_text(row.distance_m, units, 1)} "
            f"| {row.knee_pain_runs} ({row.knee_pain_share:.0%}) | {onset_of(row, units)} | {intensity} |"
        )
    return [*lines, ""]


def _week(review: WeeklyReview, units: Units, evidence: frozenset[dt.date]) -> list[str]:
    figures = review.figures
    lines = [f"## Week of {date_text(review.start)} to {date_text(review.end)}", ""]
    if not figures.runs:
        return lines + ["No runs this week.", ""]
    rows = [
        ("Runs", str(figures.runs)),
        ("Distance", distance_text(figures.distance_m, units, 1)),
        ("Change on the week before", _change(review, units)),
        ("Time", format_duration(figures.duration_s)),
        ("Longest run", distance_text(figures.longest_m, units, 1)),
        ("Runs with pain", f"{figures.pain_runs} of {figures.runs}"),
    ]
    if spikes := week_spikes(review.report, review.start, review.end, units):
        rows.append(("Much longer than usual", _escape(spikes)))
    if figures.pain_runs:
        rows += [
            ("Pain intensity", f"mean {figures.mean_intensity:.1f}, worst {figures.worst_intensity} of 10"),
            ("Pain began", _onsets(review, units)),
            ("Next morning", _mornings(review)),
        ]
    for shoe in review.shoes:
        kind = f" ({shoe.usage.shoe.type.label})" if shoe.usage.shoe.type else ""
        text = (
            f"{_escape(shoe.usage.shoe.name)}{kind}: {distance_text(shoe.week_m, units, 1)} this week, "
            f"{distance_text(shoe.total_m, units, 1)} at week's end"
        )
        if shoe.past_retirement:
            text += " (past its retirement distance)"
        rows.append(("Shoe", text))
    lines += ["| Figure | Value |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    lines += ["", "| Date | Distance | Time | Pace | Shoe | Orthotic | Effort | Pain | Notes |"]
    lines.append("| --- | ---: | ---: | ---: | --- | --- | ---: | --- | --- |")
    lines += [_run_row(run, units, run.date in evidence) for run in review.week_runs]
    if any(run.date in evidence for run in review.week_runs):
        lines += ["", "Dates in bold are evidence for a finding."]
    lines.append("")
    return lines


def _run_row(run: Run, units: Units, evidence: bool) -> str:
    date = f"**{date_text(run.date)}**" if evidence else date_text(run.date)
    cells = [
        date,
        distance_text(run.distance_m, units, 1),
        format_duration(run.duration_s),
        format_pace(run.duration_s, run.distance_m, units),
        _escape(run.shoe.name) if run.shoe else "",
        _escape(run.orthotic.name) if run.orthotic else "",
        str(run.effort) if run.effort is not None else "",
        _escape("; ".join(pain_summary(pain, units) for pain in run.pains)) or "no",
        _escape(" ".join(run.notes.split())),
    ]
    return "| " + " | ".join(cells) + " |"


def _change(review: WeeklyReview, units: Units) -> str:
    figures = review.figures
    change = figures.distance_change
    if change is None:
        return "no runs the week before"
    text = f"{change:+.0%} on {distance_text(figures.previous_distance_m, units, 1)}"
    if figures.so_far:
        text += " (the same days of the week before: this week so far)"
    return text


def _onsets(review: WeeklyReview, units: Units) -> str:
    return "; ".join(
        f"{point.date:%a} {point.pain.side.letter} {point.pain.site.label} at {pain_onset(point.pain, units)}"
        for point in review.figures.onsets
    )


def _mornings(review: WeeklyReview) -> str:
    return mornings_text(review.figures.mornings, review.figures.mornings_missing)


def _escape(text: str) -> str:
    """Text that reads as itself in Markdown, on one line, safe in a table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
