"""The Markdown report's progress, changes and spikes sections (DOMAIN.md
"Progress", "Changes the runner made", "Load: single runs much longer than usual")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from runlog.detect import SUGGESTION_TEXT, Report
from runlog.detect.progress_text import OWN_RUNS_ONLY, SPIKE_STUDY, comparison_text, progress_title, spike_text
from runlog.domain import Units
from runlog.wording import onset_text


def progress_section(report: Report, units: Units, escape: Callable[[str], str]) -> list[str]:
    """``## Progress``: per group, the explanation and each change before and after."""
    if not report.progress:
        return []
    lines = ["## Progress", ""]
    for entry in report.progress:
        lines += [f"### {escape(progress_title(entry))}", "", escape(entry.explanation), ""]
        if entry.comparisons and entry.point is not None:
            point = onset_text(entry.basis, entry.point, units)
            lines += ["Before and after each change:", ""]
            lines += [f"- {escape(comparison_text(c, point, entry.family.value))}" for c in entry.comparisons]
            lines += ["", f"*{escape(OWN_RUNS_ONLY)}*", ""]
        lines += [f"- {escape(SUGGESTION_TEXT[code])}" for code in entry.suggestions]
        if entry.suggestions:
            lines.append("")
    return lines


def spikes_section(report: Report, units: Units, escape: Callable[[str], str]) -> list[str]:
    """``## Single runs much longer than usual``: the window's spikes."""
    if not report.spikes:
        return []
    lines = ["## Single runs much longer than usual", "", escape(f"More than 10% longer than the longest of the "
             f"30 days before; {SPIKE_STUDY}."), ""]
    lines += [f"- {escape(spike_text(spike, units))}" for spike in report.spikes]
    return [*lines, ""]


def week_spikes(report: Report, start: dt.date, end: dt.date, units: Units) -> str:
    """The spikes dated in one week, for its figures table; ``""`` when none."""
    return "; ".join(spike_text(s, units) for s in report.spikes if start <= s.date <= end)
