"""The weekly review's panel texts: the week's figures and the findings,
as Rich text from a ``WeeklyReview``."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from runlog.detect import SUGGESTION_TEXT, Finding, Status
from runlog.domain import Units
from runlog.domain.units import format_duration
from runlog.review import WeeklyReview
from runlog.terminal import printable
from runlog.wording import change_text, distance_onset, finding_onset, finding_where, mornings_text, time_onset


def figures_text(review: WeeklyReview) -> Text:
    """The week's numbers, one per line, a label column on the left."""
    f = review.figures
    units = review.settings.units
    lines: list[tuple[str, Text | str]] = []
    if not f.runs:
        lines.append(("Runs", "none this week"))
    else:
        runs = f"{f.runs}, {f.pain_runs} with pain" if f.pain_runs else f"{f.runs}, none with pain"
        lines += [("Runs", runs), ("Distance", _km(f.distance_m, units)), ("Time", format_duration(f.duration_s))]
        lines.append(("Longest", _km(f.longest_m, units)))
    lines.append(("Week before", _change(review)))
    if review.spikes:
        # The load signal: a run much longer than the longest of the 30 days before.
        # One line however many (the day chart marks each with ▲), so the shoes
        # below stay in the box: the biggest, and how many there were.
        spike = max(review.spikes, key=lambda s: s.increase)
        text = Text(f"{spike.date:%a} {_km(spike.distance_m, units)} +{spike.increase_pct}%")
        if len(review.spikes) > 1:
            text = Text(f"{len(review.spikes)}, most {spike.date:%a} +{spike.increase_pct}%")
        text.append(" ⚠", "bold yellow")
        lines.append(("Long run" if len(review.spikes) == 1 else "Long runs", text))
    if f.pain_runs:
        lines.append(("Intensity", f"mean {f.mean_intensity:.1f}, worst {f.worst_intensity}/10"))
        lines.append(("Pain began", _onsets(review)))
        lines.append(("Next morning", _mornings(review)))
    for shoe in review.shoes:
        text = Text(f"{printable(shoe.usage.shoe.name)}: {units.from_metres(shoe.total_m):.0f} {units.value} so far")
        if shoe.past_retirement:
            text.append(" ⚠", "bold yellow")
        lines.append(("Shoe", text))
    out = Text(no_wrap=True, overflow="ellipsis")
    for index, (label, value) in enumerate(lines):
        if index:
            out.append("\n")
        out.append(f"{label:<13}", "dim")
        out.append_text(value if isinstance(value, Text) else Text(value))
    return out


def findings_text(review: WeeklyReview, good: str = "green", bad: str = "red") -> Group:
    """Each finding: what, where, since when; its evidence; why; what to try."""
    report = review.report
    units = review.settings.units
    parts: list[RenderableType] = []
    if not report.findings:
        parts.append(Text("No pattern in these 12 weeks.", "bold"))
    for finding in report.findings:
        parts += [_finding_title(finding, good, bad), _finding_body(finding, review, units), Text("")]
    # The "why not" notes: pain that made no pattern, and why.
    parts += [Text(f"Note: {note}.", "dim") for note in report.notes]
    if report.notes or not report.findings:
        parts.append(Text(""))
    parts.append(Text(report.disclaimer, "italic dim"))
    return Group(*parts)


def _finding_title(finding: Finding, good: str, bad: str) -> Text:
    # The theme's colours (``good``, ``bad``), and the status in words: never colour alone.
    resolved = finding.status is Status.RESOLVED
    title = Text()
    title.append("● ", good if resolved else bad)
    title.append(finding_where(finding), "bold")
    title.append("  ")
    title.append(finding.status.value.upper(), f"bold {good if resolved else bad}")
    if finding.change is not None:
        title.append(f" {change_text(finding.change, lambda day: day_label(day, weekday=False))}", f"bold {good}")
    return title


def _finding_body(finding: Finding, review: WeeklyReview, units: Units) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", width=13, no_wrap=True)
    grid.add_column(ratio=1)
    morning = (
        f"gone next morning {finding.cleared_by_morning:.0%} of recorded times"
        if finding.cleared_by_morning is not None
        else "next mornings not recorded"
    )
    # Cells are Text, never str: Rich reads a str cell as markup, and the
    # explanation names the runner's shoes and orthotics.
    grid.add_row(
        "Pain began",
        Text(f"{finding_onset(finding, units)} · {finding.episodes} runs · {morning} · "
             f"{finding.severity.value} · confidence {finding.confidence:.2f}"),
    )
    grid.add_row("Evidence", evidence_text(finding.evidence, review.start, review.end))
    grid.add_row("Why", Text(finding.explanation))
    label = "If it returns" if finding.status is Status.RESOLVED else "Try"
    for code in finding.suggestions:
        grid.add_row(label, Text(f"• {SUGGESTION_TEXT[code]}"))
        label = ""
    return Padding(grid, (0, 0, 0, 2))


def evidence_text(days: tuple[dt.date, ...], start: dt.date, end: dt.date) -> Text:
    """``Sep 11 14 18 · Oct 1 5``, the days of the shown week picked out."""
    text = Text()
    month = None
    for day in days:
        if (day.year, day.month) != month:
            if month is not None:
                text.append(" · ", "dim")
            text.append(f"{day:%b} ", "dim")
            month = (day.year, day.month)
        else:
            text.append(" ")
        text.append(str(day.day), "bold reverse" if start <= day <= end else "")
    return text


def day_label(day: dt.date, weekday: bool = True) -> str:
    """``Mon Nov 23`` (or ``Nov 23``): month first, as the evidence reads."""
    text = f"{day:%b} {day.day}"
    return f"{day:%a} {text}" if weekday else text


def _km(metres: float, units: Units) -> str:
    return f"{units.from_metres(metres):.1f} {units.value}"


def _change(review: WeeklyReview) -> Text:
    f = review.figures
    units = review.settings.units
    if f.distance_change is None:
        return Text("no runs", "dim")
    text = Text(f"{_km(f.previous_distance_m, units)}, {f.distance_change:+.0%}")
    if f.so_far:
        text.append(" so far", "dim")
    return text


def _onsets(review: WeeklyReview) -> str:
    """``4.8, 5.1 km`` (and ``30 min`` for onsets logged by time only)."""
    units = review.settings.units
    onsets = [point.pain for point in review.figures.onsets]
    # The unit is said once after the figures: ``4.8, 5.1 km``.
    by_distance = [distance_onset(p.onset_m, units).split()[0] for p in onsets if p.onset_m is not None]
    by_time = [time_onset(p.onset_s).split()[0] for p in onsets if p.onset_m is None and p.onset_s is not None]
    parts = []
    if by_distance:
        parts.append(f"{', '.join(by_distance)} {units.value}")
    if by_time:
        parts.append(f"{', '.join(by_time)} min")
    return "; ".join(parts) or "not recorded"


def _mornings(review: WeeklyReview) -> str:
    return mornings_text(review.figures.mornings, review.figures.mornings_missing)
