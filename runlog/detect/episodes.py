"""From a list of runs to episodes: the window, its order, and one pass of grouping.

An *episode* is a run with pain in one site group on one side (see the
``runlog.detect`` package docstring).
Everything here is a single pass over the window, so twenty years of daily
runs cost a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from runlog.detect.findings import Change, ChangeKind, Pattern
from runlog.domain import FRONT_INNER_SITES, OUTER_SITES, NextMorning, Pain, PainSite, Run, Side


class SiteGroup(StrEnum):
    """The knee site groups the detector looks at, each per side."""

    FRONT_INNER = "front_inner"
    OUTER = "outer"
    ABOVE_KNEECAP = "above_kneecap"
    BACK_OF_KNEE = "back_of_knee"

    @property
    def sites(self) -> frozenset[PainSite]:
        return _GROUP_SITES[self]

    @property
    def signature_pattern(self) -> Pattern | None:
        """The pattern this group's signature means; ``None`` where only persistence counts."""
        return _SIGNATURE.get(self)


_GROUP_SITES = {
    SiteGroup.FRONT_INNER: FRONT_INNER_SITES,
    SiteGroup.OUTER: OUTER_SITES,
    SiteGroup.ABOVE_KNEECAP: frozenset({PainSite.ABOVE_KNEECAP}),
    SiteGroup.BACK_OF_KNEE: frozenset({PainSite.BACK_OF_KNEE}),
}
_SIGNATURE = {
    SiteGroup.FRONT_INNER: Pattern.RUNNERS_KNEE,
    SiteGroup.OUTER: Pattern.OUTER_KNEE_SUPINATION,
}
GROUP_OF_SITE = {site: group for group in SiteGroup for site in group.sites}

#: Worst last: an episode with two entries keeps the worse of their mornings.
_MORNING_RANK = {NextMorning.GONE: 0, NextMorning.BETTER: 1, NextMorning.SAME: 2, NextMorning.WORSE: 3}


class Episode(NamedTuple):
    """One run's pain in one site group on one side (a named tuple: years of
    daily runs make thousands, and a tuple is the cheapest to build).

    Several entries of the group on the same run (say ``below_kneecap`` and
    ``kneecap``) make one episode: the earliest onset on each basis, the
    highest intensity, stopped early if any entry says so, and the worst of
    the recorded next mornings, so a lingering site is never hidden by a
    neighbour that cleared.
    """

    #: Position of the run in the sorted window.
    index: int
    run: Run
    sites: frozenset[PainSite]
    onset_m: float | None
    onset_s: float | None
    intensity: int
    stopped_early: bool
    next_morning: NextMorning | None


def run_order(run: Run) -> tuple:
    """Sort key: date, start time, id, then the run's own figures, so the
    order (and with it every result) never depends on the order of the input."""
    return (
        run.date,
        run.start_time or dt.time.min,
        -1 if run.id is None else run.id,
        run.distance_m,
        run.duration_s,
        run.shoe.name if run.shoe else "",
        run.orthotic.name if run.orthotic else "",
    )


def window_runs(runs: Iterable[Run], since: dt.date, until: dt.date) -> list[Run]:
    """The runs dated from ``since`` to ``until`` (both included), in run order."""
    return sorted((run for run in runs if since <= run.date <= until), key=run_order)


@dataclass(frozen=True, slots=True)
class Grouped:
    """The window's pain, grouped in one pass."""

    episodes: dict[tuple[Side, SiteGroup], list[Episode]]
    #: Pain entries at sites away from the knee, by site.
    other_sites: Counter[PainSite]


def group_episodes(window: list[Run]) -> Grouped:
    """Episodes per (side, group), oldest first, and a count of non-knee pain."""
    episodes: dict[tuple[Side, SiteGroup], list[Episode]] = {}
    other_sites: Counter[PainSite] = Counter()
    for index, run in enumerate(window):
        if not run.pains:
            continue
        by_key: dict[tuple[Side, SiteGroup], list[Pain]] = {}
        for pain in run.pains:
            group = GROUP_OF_SITE.get(pain.site)
            if group is None:
                other_sites[pain.site] += 1
                continue
            by_key.setdefault((pain.side, group), []).append(pain)
        for key, pains in by_key.items():
            episodes.setdefault(key, []).append(_episode(index, run, pains))
    return Grouped(episodes, other_sites)


def _episode(index: int, run: Run, pains: list[Pain]) -> Episode:
    if len(pains) == 1:
        # The usual case, and the hot path over years of runs: one entry per group.
        (pain,) = pains
        return Episode(
            index, run, frozenset((pain.site,)), pain.onset_m, pain.onset_s,
            pain.intensity, pain.stopped_early, pain.next_morning,
        )  # fmt: skip
    onsets_m = [p.onset_m for p in pains if p.onset_m is not None]
    onsets_s = [p.onset_s for p in pains if p.onset_s is not None]
    mornings = [p.next_morning for p in pains if p.next_morning is not None]
    return Episode(
        index=index,
        run=run,
        sites=frozenset(p.site for p in pains),
        onset_m=min(onsets_m) if onsets_m else None,
        onset_s=min(onsets_s) if onsets_s else None,
        intensity=max(p.intensity for p in pains),
        stopped_early=any(p.stopped_early for p in pains),
        next_morning=max(mornings, key=_MORNING_RANK.__getitem__) if mornings else None,
    )


def gear_changes(window: list[Run]) -> list[int]:
    """The indices of the runs on which the shoe or orthotic differed from the
    run before; ``change_at`` says what changed.

    A run with no shoe recorded is not a shoe change (the runner did not say),
    but a run without an orthotic is: a blank orthotic means none was worn.
    """
    changes: list[int] = []
    last_shoe: str | None = None
    last_orthotic: str | None = None
    for index, run in enumerate(window):
        shoe = run.shoe.name if run.shoe else None
        orthotic = run.orthotic.name if run.orthotic else None
        shoe_changed = shoe is not None and last_shoe is not None and shoe != last_shoe
        if index and (orthotic != last_orthotic or shoe_changed):
            changes.append(index)
        last_orthotic = orthotic
        if shoe is not None:
            last_shoe = shoe
    return changes


def change_at(window: list[Run], index: int) -> Change:
    """The change on a run ``gear_changes`` listed. When shoe and orthotic
    both changed the orthotic is named, being what the source names as
    its main measure."""
    run, previous = window[index], window[index - 1]
    orthotic = run.orthotic.name if run.orthotic else None
    if orthotic != (previous.orthotic.name if previous.orthotic else None):
        return Change(run.date, ChangeKind.ORTHOTIC, orthotic)
    return Change(run.date, ChangeKind.SHOE, run.shoe.name)
