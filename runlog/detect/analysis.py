"""Every rule evaluated for one side and site group, with the numbers behind it.

A ``GroupAnalysis`` is what both a finding and a "why not" note are made
from, so the explanation always quotes the same figures the decision used.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from dataclasses import dataclass
from functools import partial

from runlog.detect.episodes import Episode, SiteGroup, change_at, gear_changes
from runlog.detect.findings import Change, OnsetBasis, Pattern, Status
from runlog.detect.rules import (
    MIN_EPISODES,
    RESOLVED_AFTER_RUNS,
    TWO_THIRDS,
    Mornings,
    at_least,
    is_partway,
    median_onset,
    onset_basis,
    onsets,
    within_tolerance,
)
from runlog.domain import ActivityFamily, PainSite, Run, Side


@dataclass(frozen=True, slots=True)
class Window:
    """The sorted runs of the window with what every group's analysis shares."""

    runs: list[Run]
    #: ``runs``' dates, for bisecting.
    dates: list[dt.date]
    #: How far each run went on each basis: distance (m) or duration (s).
    reach: dict[OnsetBasis, list[float]]
    #: Indices of the runs on which the shoe or orthotic changed.
    changes: list[int]

    @classmethod
    def of(cls, runs: list[Run]) -> Window:
        """The shared figures of ``runs`` (already in run order), in one pass each."""
        return cls(
            runs=runs,
            dates=[run.date for run in runs],
            reach={
                OnsetBasis.DISTANCE: [run.distance_m for run in runs],
                OnsetBasis.TIME: [run.duration_s for run in runs],
            },
            changes=gear_changes(runs),
        )


@dataclass(frozen=True, slots=True)
class GroupAnalysis:
    """The detector's rules (the package docstring) for one side and site group."""

    side: Side
    group: SiteGroup
    episodes: tuple[Episode, ...]
    #: The group's sites logged on its episodes, in vocabulary order.
    sites: tuple[PainSite, ...]
    basis: OnsetBasis
    #: Each episode's onset on ``basis`` (metres or seconds), or ``None``.
    onsets: tuple[float | None, ...]
    #: The onset point: the median of ``onsets``; ``None`` when none is recorded.
    point: float | None
    #: Episodes whose onset lies within the tolerance of the onset point.
    within: int
    #: The lowest and highest of those onsets.
    within_range: tuple[float, float] | None
    mornings: Mornings
    #: Runs from the first to the last episode's date that went past the
    #: onset point; episodes always count, being runs that reached their pain.
    past_between: int
    #: Runs after the last episode that went past the onset point (every later
    #: run when the onset point is unknown); none of them had this pain.
    pain_free_after: int
    #: The gear change before the pain-free stretch, for a resolved group.
    change: Change | None
    #: Runs or walks: the family whose activities these are.
    family: ActivityFamily = ActivityFamily.RUN
    #: Episodes with an onset (distance or time); a pain logged as "not
    #: sure" has none and is left out of the onset basis and the same point.
    placed: int = 0

    @property
    def noun(self) -> str:
        """``run`` or ``walk``, for the plain words about this group."""
        return self.family.value

    @property
    def count(self) -> int:
        return len(self.episodes)

    @property
    def recurs(self) -> bool:
        return self.count >= MIN_EPISODES

    @property
    def partway(self) -> bool:
        return self.point is not None and is_partway(self.basis, self.point)

    @property
    def same_point(self) -> bool:
        return at_least(self.within, self.placed, TWO_THIRDS)

    @property
    def comes_back(self) -> bool:
        return at_least(self.count, self.past_between, TWO_THIRDS)

    @property
    def signature(self) -> bool:
        """All five rules of the signature hold."""
        return (
            self.recurs
            and self.partway
            and self.same_point
            and self.mornings.clears
            and self.comes_back
        )

    @property
    def persistent(self) -> bool:
        return self.recurs and self.mornings.lingers

    @property
    def pattern(self) -> Pattern | None:
        """The finding's pattern, if any.

        Persistence wins: pain that lingers is "not this pattern" for that
        side and group (the two cannot both hold anyway, since a signature
        needs two thirds of the mornings ``gone``).
        """
        if self.persistent:
            return Pattern.PERSISTENT_KNEE_PAIN
        if self.signature:
            return self.group.signature_pattern
        return None

    @property
    def status(self) -> Status:
        return Status.RESOLVED if self.pain_free_after >= RESOLVED_AFTER_RUNS else Status.ACTIVE


def analyse(
    side: Side, group: SiteGroup, episodes: list[Episode], window: Window, family: ActivityFamily = ActivityFamily.RUN
) -> GroupAnalysis:
    """Evaluate every rule for one group's episodes (oldest first).

    The counts over the window's runs go through ``map`` on prepared lists:
    twenty years of daily runs are a few milliseconds per group.
    """
    # A pain the runner was not sure of the onset of cannot be placed: the
    # onset basis and the same-point rule look at the placed episodes only.
    placed = [e for e in episodes if e.onset_m is not None or e.onset_s is not None]
    basis = onset_basis(placed or episodes)
    values = onsets(placed, basis)
    point = median_onset(values)
    near = [] if point is None else [v for v in values if within_tolerance(v, point)]
    reach = window.reach[basis]
    first, last = episodes[0], episodes[-1]
    # Whether a run reached the onset point; every run does when it is unknown.
    reached = partial(operator.le, point) if point is not None else lambda _: True

    # Only dates between the first and last episode count; same-day runs included.
    start = bisect.bisect_left(window.dates, first.run.date)
    stop = bisect.bisect_right(window.dates, last.run.date)
    episodes_past = sum(1 for e in episodes if reached(reach[e.index]))
    pain_free_between = sum(map(reached, reach[start:stop])) - episodes_past
    pain_free_after = sum(map(reached, reach[last.index + 1 :]))
    change = None
    if pain_free_after >= RESOLVED_AFTER_RUNS:
        stretch = next(i for i in range(last.index + 1, len(reach)) if reached(reach[i]))
        change = _change_before(window, first.index, stretch)
    logged = frozenset().union(*(e.sites for e in episodes))
    return GroupAnalysis(
        side=side,
        group=group,
        episodes=tuple(episodes),
        sites=tuple(site for site in PainSite if site in logged),
        basis=basis,
        onsets=tuple(values),
        point=point,
        within=len(near),
        within_range=(min(near), max(near)) if near else None,
        mornings=Mornings.of(episodes),
        past_between=len(episodes) + pain_free_between,
        pain_free_after=pain_free_after,
        change=change,
        family=family,
        placed=len(placed),
    )


def _change_before(window: Window, first: int, stretch: int) -> Change | None:
    """The most recent gear change after the first episode, up to the first run
    of the pain-free stretch. A change made before the pain began cannot be
    what ended it, so it is not named."""
    position = bisect.bisect_right(window.changes, stretch)
    if position and window.changes[position - 1] > first:
        return change_at(window.runs, window.changes[position - 1])
    return None
