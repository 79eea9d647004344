"""How runlog says a finding, in one place: titles, onsets, gear changes,
next mornings and counts.

The review screen, both reports and ``runlog detect`` word findings through
these functions, so a change reads the same wherever the runner meets it.
Pure text from domain values: no database, no terminal, and no import of the
detector at run time (the detector's explanations use these words too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from runlog.domain import NextMorning, Pain, Units

if TYPE_CHECKING:
    from runlog.detect.findings import Change, Finding, OnsetBasis

#: What a missing onset reads as.
NOT_RECORDED = "not recorded"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 run``, ``3 runs`` (``many`` for an irregular plural)."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or noun + 's'}"


def number(value: float) -> str:
    """``5``, ``5.5``: one decimal at most, and none for a whole number."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- onsets -------------------------------------------------------------------


def distance_onset(metres: float, units: Units) -> str:
    """An onset by distance: ``5.0 km`` (always one decimal)."""
    return f"{units.from_metres(metres):.1f} {units.value}"


def time_onset(seconds: float) -> str:
    """An onset by time: ``24 min``, ``24.5 min``."""
    return f"{number(seconds / 60)} min"


def onset_text(basis: OnsetBasis, value: float, units: Units) -> str:
    """An onset on a finding's basis (metres or seconds) as ``5.0 km`` or ``24 min``."""
    # Compared by value: the basis is the detector's StrEnum, not imported here.
    return distance_onset(value, units) if basis == "distance" else time_onset(value)


def pain_onset(pain: Pain, units: Units) -> str:
    """Where one pain began: by distance when logged, else by time."""
    if pain.onset_m is not None:
        return distance_onset(pain.onset_m, units)
    if pain.onset_s is not None:
        return time_onset(pain.onset_s)
    return NOT_RECORDED


def finding_onset(finding: Finding, units: Units) -> str:
    """``5.0 km into the run`` or ``28 min into the run`` on the finding's basis."""
    if finding.onset_basis == "distance" and finding.onset_km is not None:
        return f"{distance_onset(finding.onset_km * 1000, units)} into the run"
    if finding.onset_min is not None:
        return f"{time_onset(finding.onset_min * 60)} into the run"
    return "onset not recorded"


def pain_summary(pain: Pain, units: Units) -> str:
    """``L below kneecap 6/10 @5.0 km, gone`` for lists, tables and notices."""
    text = f"{pain.side.letter} {pain.site.label} {pain.intensity}/10"
    if pain.onset_m is not None or pain.onset_s is not None:
        text += f" @{pain_onset(pain, units)}"
    if pain.stopped_early:
        text += ", stopped"
    if pain.next_morning is not None:
        text += f", {pain.next_morning.value}"
    return text


# --- findings -----------------------------------------------------------------


def on_walks(finding: Finding) -> str:
    """``, on walks`` for a pattern found in walks (walks and runs are looked at apart), else nothing."""
    return ", on walks" if finding.activity == "walk" else ""


def finding_where(finding: Finding) -> str:
    """``Runner's knee pattern, left knee (below kneecap)``; ``..., on walks`` for walks."""
    sites = ", ".join(site.label for site in finding.sites)
    return f"{finding.pattern.title}, {finding.side.value} knee ({sites}){on_walks(finding)}"


def finding_heading(finding: Finding) -> str:
    """``Runner's knee pattern, left knee (below kneecap): resolved``."""
    return f"{finding_where(finding)}: {finding.status.value}"


def finding_title(finding: Finding) -> str:
    """``Runner's knee pattern, left knee (significant, active)``: the plain
    text title of ``runlog detect``, sites named only where the pattern's
    name does not already say them (persistent pain has four site groups)."""
    where = f"{finding.side.value} knee"
    if finding.pattern == "persistent_knee_pain":
        where += ", " + ", ".join(site.label for site in finding.sites)
    return f"{finding.pattern.title}, {where}{on_walks(finding)} ({finding.severity.value}, {finding.status.value})"


def iso_day(day: dt.date) -> str:
    """``2026-10-03``: the default way a change's date is written."""
    return day.isoformat()


def change_text(change: Change, day: Callable[[dt.date], str] = iso_day) -> str:
    """``since switching to the orthotic Foo on 2026-10-03`` (``to Custom
    orthotics`` when the name says the kind), or ``since stopping
    the orthotics on 2026-10-03``; ``day`` writes the date (the review screen
    writes ``Oct 3``)."""
    if change.name is None:
        return f"since stopping the orthotics on {day(change.date)}"
    # "orthotic Custom orthotics" says the kind twice: a name that already
    # says it ("Custom orthotics", "Trail shoes") goes alone.
    kind = change.kind.value
    named = change.name if kind in change.name.lower() else f"the {kind} {change.name}"
    return f"since switching to {named} on {day(change.date)}"


def suggestions_label(finding: Finding) -> str:
    """What a finding's suggestions are: what to try, or what to do if a
    resolved pattern returns."""
    return "If it returns" if finding.status == "resolved" else "Suggestions"


# --- next mornings --------------------------------------------------------------


def mornings_text(counts: Mapping[NextMorning, int], missing: int = 0) -> str:
    """``gone 2, better 1, not recorded 1``; ``not yet due`` when nothing is."""
    parts = [f"{status.value} {counts[status]}" for status in NextMorning if counts.get(status)]
    if missing:
        parts.append(f"{NOT_RECORDED} {missing}")
    return ", ".join(parts) or "not yet due"
