"""The plain words for progress, changes before and after, and spikes.

Every sentence here describes the runner's own numbers and never claims
more (DOMAIN.md, "How sure is this advice"): no cause named as fact, no
promise, no diagnosis. ``tests/test_claims.py`` holds the banned phrases out.
"""

from __future__ import annotations

import datetime as dt

from runlog.detect.before_after import NEARBY_DAYS, Comparison, Verdict
from runlog.detect.findings import OnsetBasis
from runlog.detect.progress import IntensityDirection, MorningsDirection, OnsetDirection, Progress
from runlog.detect.spikes import Spike
from runlog.domain import Units
from runlog.wording import number, onset_text, plural

#: Said with every before-and-after comparison.
OWN_RUNS_ONLY = (
    "This compares your own runs before and after; it cannot show what caused the difference."
)
#: Said with the spikes (Frandsen et al., BJSM 2025).
SPIKE_STUDY = "in a large study such runs were followed by more overuse injuries"

VERDICT_TEXT = {
    Verdict.FEWER_PAINFUL_RUNS: "fewer painful runs after",
    Verdict.MORE_PAINFUL_RUNS: "more painful runs after",
    Verdict.NO_CLEAR_DIFFERENCE: "no clear difference",
    Verdict.NOT_ENOUGH_RUNS: "not enough runs to compare",
}


def progress_title(p: Progress) -> str:
    """``Progress, left knee (below kneecap)``; ``..., on walks`` for walks."""
    sites = ", ".join(site.label for site in p.sites)
    walks = ", on walks" if p.family.value == "walk" else ""
    return f"Progress, {p.side.value} knee ({sites}){walks}: {plural(len(p.episodes), 'episode')}"


def part_of_month(day: dt.date) -> str:
    """``early September``, ``mid October``, ``late November``."""
    part = "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"
    return f"{part} {day.strftime('%B')}"


def progress_text(p: Progress, units: Units) -> str:
    """The whole explanation of a progress entry."""
    return " ".join(part for part in (onset_sentence(p, units), intensity_sentence(p), mornings_sentence(p),
                                      pain_free_sentence(p, units)) if part)


def onset_sentence(p: Progress, units: Units) -> str:
    """``Pain now begins at about 6.8 km, later than the 3.1 km of early September.``"""
    noun = p.family.value
    if p.onset is OnsetDirection.NOT_ENOUGH_EPISODES or p.early_onset is None or p.recent_onset is None:
        return f"Too few onsets recorded to tell whether the point in the {noun} where pain begins has moved."
    now = onset_text(p.basis, p.recent_onset, units)
    then = onset_text(p.basis, p.early_onset, units)
    when = part_of_month(p.episodes[p.k // 2].run.date)
    if p.onset is OnsetDirection.LATER:
        return f"Pain now begins at about {now}, later than the {then} of {when}."
    if p.onset is OnsetDirection.EARLIER:
        return f"Pain now begins at about {now}, earlier than the {then} of {when}."
    return f"Pain now begins at about {now}, no clear change from the {then} of {when}."


def intensity_sentence(p: Progress) -> str:
    early, recent = number(p.early_intensity), number(p.recent_intensity)
    if p.intensity is IntensityDirection.LOWER:
        return f"Worst pain lately {recent}/10, lower than {early}/10 at first."
    if p.intensity is IntensityDirection.HIGHER:
        return f"Worst pain lately {recent}/10, higher than {early}/10 at first."
    return f"Worst pain lately {recent}/10, about as at first ({early}/10)."


def mornings_sentence(p: Progress) -> str:
    m = p.mornings
    if m.direction is MorningsDirection.NOT_CLEARING:
        return (
            f"Same or worse next morning {m.not_cleared} of the last {m.recorded} times recorded: "
            "pain that lingers into the next day does not fit this pattern, and a knee specialist should look at it."
        )
    if m.direction is MorningsDirection.CLEARING:
        return f"Gone or better next morning the last {plural(m.recorded, 'time')} recorded."
    if m.direction is MorningsDirection.MIXED:
        return f"Same or worse next morning {m.not_cleared} of the last {m.recorded} times recorded."
    return "Too few next mornings recorded lately to say how they are going."


def pain_free_sentence(p: Progress, units: Units) -> str:
    last = p.episodes[-1].run.date
    noun = p.family.value
    if p.longest_since is None:
        return f"No {noun} since the last painful one on {last}."
    if p.basis is OnsetBasis.DISTANCE:
        longest = f"{units.from_metres(p.longest_since):.1f} {units.value}"
    else:
        longest = f"{number(p.longest_since / 60)} min"
    return f"Longest {noun} since the last painful one on {last}: {longest}, without this pain."


def change_name(c: Comparison) -> str:
    """``orthotic Custom pair on 2026-10-03``."""
    label = f" {c.change.label}" if c.change.label else ""
    return f"{c.change.kind.value}{label} on {c.change.date}"


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def comparison_text(c: Comparison, point: str, noun: str = "run") -> str:
    """One change, before and after, with the verdict and the nearby changes;
    ``OWN_RUNS_ONLY`` goes once beside the list."""
    head = (
        f"Around {change_name(c)}: pain on {c.before_pain} of {plural(c.before_runs, noun)} past {point} "
        f"before, {c.after_pain} of {c.after_runs} after"
    )
    if c.verdict is Verdict.NOT_ENOUGH_RUNS:
        text = f"{head}; at least 3 on each side are needed to compare."
    else:
        text = f"{head}: {VERDICT_TEXT[c.verdict]} (Fisher's exact test, {p_text(c.p_value or 0.0)})."
    if c.nearby:
        named = ", ".join(f"{o.kind.value}{' ' + o.label if o.label else ''} on {o.date}" for o in c.nearby)
        text += f" Other changes within {NEARBY_DAYS} days could explain the same difference: {named}."
    return text


def spike_text(spike: Spike, units: Units) -> str:
    """``2026-09-20: 16.1 km, 58% longer than your longest run in the previous 30 days``."""
    noun = spike.family.value
    return (
        f"{spike.date}: {units.from_metres(spike.distance_m):.1f} {units.value}, {spike.increase_pct}% longer "
        f"than your longest {noun} in the previous 30 days "
        f"({units.from_metres(spike.previous_longest_m):.1f} {units.value})"
    )


def spikes_before_text(dates: tuple[dt.date, ...], noun: str = "run") -> str:
    """The finding's sentence naming the spikes in the 28 days before its first episode."""
    if not dates:
        return ""
    listed = ", ".join(day.isoformat() for day in dates)
    return (
        f"In the 28 days before the first painful {noun}: {plural(len(dates), 'single ' + noun)} more than 10% "
        f"longer than the longest of the 30 days before it ({listed}); {SPIKE_STUDY}."
    )
