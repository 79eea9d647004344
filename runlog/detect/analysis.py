"""Every rule evaluated for one side and site group, with the numbers behind it.

A ``GroupAnalysis`` is what both a finding and a "why not" note are made
from, so the explanation always quotes the same figures the decision used.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from runlog.domain import PainSite, Run, Side
from runlog.detect.episodes import Episode, SiteGroup
from runlog.detect.findings import Change, OnsetBasis, Pattern, Status
from runlog.detect.rules import (
    MIN_EPISODES,
    RESOLVED_AFTER_RUNS,
    TWO_THIRDS,
    Mornings,
    at_least,
    is_partway,
    onset,
    onset_basis,
    onset_point,
    run_reach,
    within_tolerance,
)


@dataclass(frozen=True, slots=True)
class Window:
    """The sorted runs of the window with what every group's analysis shares."""

    runs: list[Run]
    #: ``runs``' dates, for bisecting.
    dates: list[dt.date]
    #: Gear changes as (run index, change), in run order.
    changes: list[tuple[int, Change]]


@dataclass(frozen=True, slots=True)
class GroupAnalysis:
    """The rules of DOMAIN.md for one side and site group."""

    side: Side
    group: SiteGroup
    episodes: tuple[Episode, ...]
    basis: OnsetBasis
    #: The onset point (metres or seconds), ``None`` when no onset is recorded on ``basis``.
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

    @property
    def count(self) -> int:
        return len(self.episodes)

    @property
    def sites(self) -> tuple[PainSite, ...]:
        """The group's sites logged on its episodes, in vocabulary order."""
        logged = frozenset().union(*(e.sites for e in self.episodes))
        return tuple(site for site in PainSite if site in logged)

    @property
    def recurs(self) -> bool:
        return self.count >= MIN_EPISODES

    @property
    def partway(self) -> bool:
        return self.point is not None and is_partway(self.basis, self.point)

    @property
    def same_point(self) -> bool:
        return at_least(self.within, self.count, TWO_THIRDS)

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


def analyse(side: Side, group: SiteGroup, episodes: list[Episode], window: Window) -> GroupAnalysis:
    """Evaluate every rule for one group's episodes (oldest first)."""
    basis = onset_basis(episodes)
    point = onset_point(episodes, basis)
    onsets = [onset(e, basis) for e in episodes]
    near = [] if point is None else [v for v in onsets if within_tolerance(v, point)]
    runs = window.runs
    first, last = episodes[0], episodes[-1]

    def past(run: Run) -> bool:
        return point is None or run_reach(run, basis) >= point

    # Only dates between the first and last episode count; same-day runs included.
    start = bisect.bisect_left(window.dates, first.run.date)
    stop = bisect.bisect_right(window.dates, last.run.date)
    episode_runs = {e.index for e in episodes}
    pain_free_between = sum(1 for i in range(start, stop) if i not in episode_runs and past(runs[i]))
    after = [i for i in range(last.index + 1, len(runs)) if past(runs[i])]
    resolved = len(after) >= RESOLVED_AFTER_RUNS
    return GroupAnalysis(
        side=side,
        group=group,
        episodes=tuple(episodes),
        basis=basis,
        point=point,
        within=len(near),
        within_range=(min(near), max(near)) if near else None,
        mornings=Mornings.of(episodes),
        past_between=len(episodes) + pain_free_between,
        pain_free_after=len(after),
        change=_change_before(window.changes, first.index, after[0]) if resolved else None,
    )


def _change_before(changes: list[tuple[int, Change]], first: int, stretch: int) -> Change | None:
    """The most recent gear change after the first episode, up to the first run
    of the pain-free stretch. A change made before the pain began cannot be
    what ended it, so it is not named."""
    position = bisect.bisect_right(changes, stretch, key=lambda item: item[0])
    if position and changes[position - 1][0] > first:
        return changes[position - 1][1]
    return None
