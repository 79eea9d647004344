"""The detector's plain words: a finding's explanation and the "why not" notes.

Both quote the figures the rules were decided on (``GroupAnalysis``), in the
runner's unit of distance.
"""

from __future__ import annotations

import statistics
from collections import Counter

from runlog.detect.analysis import GroupAnalysis
from runlog.detect.findings import OnsetBasis, Severity, Status
from runlog.detect.rules import MIN_EPISODES, MIN_MORNINGS, RESOLVED_AFTER_RUNS, SAME_POINT_TOLERANCE
from runlog.domain import PainSite, Units
from runlog.wording import change_text, number, onset_text, plural


def runs(count: int, noun: str = "run") -> str:
    """``1 run``, ``3 walks``."""
    return plural(count, noun)

NO_RUNS = "no runs logged in this window"
NO_KNEE_PAIN = "no knee pain logged in this window"


def range_text(basis: OnsetBasis, low: float, high: float, units: Units) -> str:
    """``4.9-5.2 km``, or one figure when both ends read the same."""
    low_text, high_text = onset_text(basis, low, units), onset_text(basis, high, units)
    if low_text == high_text:
        return low_text
    return f"{low_text.split()[0]}-{high_text}"


def where(analysis: GroupAnalysis) -> str:
    """``left knee pain (below kneecap, kneecap)``."""
    sites = ", ".join(site.label for site in analysis.sites)
    return f"{analysis.side.value} knee pain ({sites})"


def explanation(analysis: GroupAnalysis, severity: Severity, units: Units) -> str:
    """Which rules held, with their numbers, for a finding."""
    a = analysis
    first, last = a.episodes[0].run.date, a.episodes[-1].run.date
    parts = [f"{runs(a.count, a.noun).capitalize()} with {where(a)} from {first} to {last}."]
    m = a.mornings
    if a.persistent:
        parts.append(
            f"Next morning it was the same or worse {m.same_or_worse} of {m.recorded} times "
            "recorded. Pain that lingers into the next morning does not fit runner's knee, and the "
            "source suggests no shoes or orthotics for it."
        )
    else:
        point = onset_text(a.basis, a.point, units)
        spread = range_text(a.basis, *a.within_range, units)
        typical = "" if spread == point else f" (typically {point})"
        parts.append(
            f"Pain began partway into the {a.noun}, at {spread} on "
            f"{a.within} of {_placed(a)}{typical}; it came back on {a.count} of "
            f"{a.past_between} {a.noun}s that went past {point} (shorter {a.noun}s left out); gone next "
            f"morning {m.gone} of {m.recorded} times recorded."
        )
    parts.append(_severity_text(a, severity))
    parts.append(_status_text(a, units))
    return " ".join(parts)


def _severity_text(a: GroupAnalysis, severity: Severity) -> str:
    median = statistics.median(e.intensity for e in a.episodes)
    stopped = sum(1 for e in a.episodes if e.stopped_early)
    return (
        f"Median intensity {number(median)}/10, stopped early {stopped} of {a.count} "
        f"times: {severity.value}."
    )


def _status_text(a: GroupAnalysis, units: Units) -> str:
    reach = "" if a.point is None else f" past {onset_text(a.basis, a.point, units)}"
    last = a.episodes[-1].run.date
    done = f"{runs(a.pain_free_after, a.noun)}{reach} without this pain since {last}"
    if a.status is Status.ACTIVE:
        # Said for every count: "0 runs ... without this pain" read as if
        # runs were missing, and "3 would" ignored those already run.
        left = RESOLVED_AFTER_RUNS - a.pain_free_after
        if a.pain_free_after == 0:
            return (f"Active: last felt on {last}; {runs(left, a.noun)}{reach} without it "
                    "would mark it resolved.")
        return f"Active: {done}; {left} more would mark it resolved."
    text = f"Resolved: {done}"
    if a.change is None:
        return text + "."
    return text + f", {change_text(a.change)}."


def note(analysis: GroupAnalysis, units: Units) -> str:
    """Why a group with knee pain made no finding, every failing rule named."""
    a = analysis
    head = f"{runs(a.count, a.noun)} with {where(a)}"
    if not a.recurs:
        return f"{head}; a pattern needs at least {MIN_EPISODES}"
    reasons = []
    if a.group.signature_pattern is not None:
        reasons += _signature_reasons(a, units)
    m = a.mornings
    if m.recorded == 0:
        reasons.append("no next-morning status recorded yet")
    elif a.group.signature_pattern is None:
        reasons.append(
            f"same or worse next morning only {m.same_or_worse} of {m.recorded} times; "
            "runlog reports pain there only when it lingers"
        )
    elif m.recorded < MIN_MORNINGS:
        reasons.append(f"only {m.recorded} next-morning status recorded ({MIN_MORNINGS} needed)")
    elif not m.clears:
        reasons.append(f"gone next morning only {m.gone} of {m.recorded} times")
    return f"{head}, but " + "; ".join(reasons)


def _placed(a: GroupAnalysis) -> str:
    """``6``, or ``4 with an onset`` when some pains were logged without one."""
    return str(a.placed) if a.placed == a.count else f"{a.placed} with an onset"


def _signature_reasons(a: GroupAnalysis, units: Units) -> list[str]:
    if a.point is None:
        return [f"no onset (distance or time into the {a.noun}) recorded"]
    point = onset_text(a.basis, a.point, units)
    reasons = []
    if not a.partway:
        reasons.append(f"pain began at {point}, near the start rather than partway into the {a.noun}")
    if not a.same_point:
        reasons.append(
            f"pain began at different points ({a.within} of {_placed(a)} within "
            f"{SAME_POINT_TOLERANCE:.0%} of {point})"
        )
    if not a.comes_back:
        reasons.append(f"it came back on only {a.count} of {a.past_between} {a.noun}s that went past {point}")
    return reasons


def other_sites_note(other_sites: Counter[PainSite]) -> str:
    """Pain logged away from the knee, which no pattern covers."""
    listed = ", ".join(
        f"{site.label} {plural(count, 'time')}"
        for site, count in sorted(other_sites.items(), key=lambda item: list(PainSite).index(item[0]))
    )
    return f"pain away from the knee ({listed}) is not part of these patterns"
