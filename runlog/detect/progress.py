"""Progress per group: is it getting better? (DOMAIN.md, "Progress").

For every group (family, side, knee site group) with at least
``MIN_PROGRESS_EPISODES`` (6) episodes in the window:

- **Early and recent.** The episodes in date order; ``k = max(3, episodes // 3)``
  (``EARLY_RECENT_MIN``, ``EARLY_RECENT_DIVISOR``): *early* is the first k,
  *recent* the last k. 6 episodes give k = 3, 9 give 3, 12 give 4.
- **Onset direction**, on the group's basis (distance or time): the ratio of
  the recent median onset to the early one. At least ``LATER_RATIO`` (1.25):
  ``later``, the pain begins later into the run; at most ``EARLIER_RATIO``
  (0.80): ``earlier``; between them ``no_clear_change``, since the
  signature itself allows onsets ±25% either side of the onset point. Fewer
  than ``MIN_ONSETS_EACH_SIDE`` (3) onsets on the basis among the early or
  the recent episodes: ``not_enough_episodes``. Ratios are exact fractions:
  exactly 1.25 is ``later``, exactly 0.80 ``earlier``.
- **Intensity direction:** recent median minus early median (0-10) at most
  ``-INTENSITY_STEP`` (-2): ``lower``; at least +2: ``higher``; otherwise
  ``no_clear_change``. About 2 points is the smallest change a person
  notices on the 0-10 scale (Salaffi et al. 2004).
- **Mornings:** of the last ``MORNINGS_LOOKED_AT`` (3) episodes with a
  recorded next morning, ``NOT_CLEARING_AT`` (2) or more ``same`` or
  ``worse``: ``not_clearing``, and the group's suggestions gain
  ``see_knee_specialist``; fewer than ``MIN_RECORDED_MORNINGS`` (2) recorded:
  ``not_enough_recorded``; all of them ``gone`` or ``better``: ``clearing``;
  otherwise ``mixed``.
- **Pain-free now:** the recent median onset (how far or how long the runner
  currently gets before the pain), and the longest activity of the family
  after the group's last episode (none of which had this pain).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from runlog.detect.before_after import Comparison
from runlog.detect.episodes import Episode
from runlog.detect.findings import OnsetBasis, Suggestion
from runlog.domain import ActivityFamily, NextMorning, PainSite, Run, Side

#: A group needs at least this many episodes in the window for a progress entry.
MIN_PROGRESS_EPISODES = 6
#: Early and recent hold at least this many episodes each...
EARLY_RECENT_MIN = 3
#: ...or a third of the episodes when that is more.
EARLY_RECENT_DIVISOR = 3
#: Recent median onset at least 1.25 times the early one: the pain begins later.
LATER_RATIO = Fraction(5, 4)
#: At most 0.80 times: the pain begins earlier.
EARLIER_RATIO = Fraction(4, 5)
#: Onsets on the basis needed among the early and among the recent episodes.
MIN_ONSETS_EACH_SIDE = 3
#: A change of at least this many points of median intensity (0-10) is one a person notices.
INTENSITY_STEP = 2
#: How many of the latest episodes with a recorded next morning are looked at.
MORNINGS_LOOKED_AT = 3
#: This many of them ``same`` or ``worse`` means the pain is not clearing by morning.
NOT_CLEARING_AT = 2
#: Fewer recorded mornings than this among them: too few to say.
MIN_RECORDED_MORNINGS = 2


class OnsetDirection(StrEnum):
    LATER = "later"
    EARLIER = "earlier"
    NO_CLEAR_CHANGE = "no_clear_change"
    NOT_ENOUGH_EPISODES = "not_enough_episodes"


class IntensityDirection(StrEnum):
    LOWER = "lower"
    HIGHER = "higher"
    NO_CLEAR_CHANGE = "no_clear_change"


class MorningsDirection(StrEnum):
    CLEARING = "clearing"
    NOT_CLEARING = "not_clearing"
    MIXED = "mixed"
    NOT_ENOUGH_RECORDED = "not_enough_recorded"


def early_recent_size(episodes: int) -> int:
    """k: how many episodes the early and the recent part each hold."""
    return max(EARLY_RECENT_MIN, episodes // EARLY_RECENT_DIVISOR)


def onset_direction(early: Sequence[float | None], recent: Sequence[float | None]) -> OnsetDirection:
    """``later``, ``earlier`` or ``no_clear_change`` from the medians of the
    recorded onsets; ``not_enough_episodes`` with fewer than 3 on either side."""
    early_values = [v for v in early if v is not None]
    recent_values = [v for v in recent if v is not None]
    if len(early_values) < MIN_ONSETS_EACH_SIDE or len(recent_values) < MIN_ONSETS_EACH_SIDE:
        return OnsetDirection.NOT_ENOUGH_EPISODES
    early_median = Fraction(statistics.median(early_values))
    recent_median = Fraction(statistics.median(recent_values))
    if early_median <= 0:
        # Pain from the first step early on: any later onset is later.
        return OnsetDirection.LATER if recent_median > 0 else OnsetDirection.NO_CLEAR_CHANGE
    ratio = recent_median / early_median
    if ratio >= LATER_RATIO:
        return OnsetDirection.LATER
    if ratio <= EARLIER_RATIO:
        return OnsetDirection.EARLIER
    return OnsetDirection.NO_CLEAR_CHANGE


def intensity_direction(early: float, recent: float) -> IntensityDirection:
    """From the early and recent median intensities."""
    difference = recent - early
    if difference <= -INTENSITY_STEP:
        return IntensityDirection.LOWER
    if difference >= INTENSITY_STEP:
        return IntensityDirection.HIGHER
    return IntensityDirection.NO_CLEAR_CHANGE


@dataclass(frozen=True, slots=True)
class MorningsLately:
    """The latest recorded next mornings of a group."""

    recorded: int
    not_cleared: int
    direction: MorningsDirection

    @classmethod
    def of(cls, episodes: Sequence[Episode]) -> MorningsLately:
        latest = [e.next_morning for e in episodes if e.next_morning is not None][-MORNINGS_LOOKED_AT:]
        lingering = sum(1 for m in latest if m in (NextMorning.SAME, NextMorning.WORSE))
        if len(latest) < MIN_RECORDED_MORNINGS:
            direction = MorningsDirection.NOT_ENOUGH_RECORDED
        elif lingering >= NOT_CLEARING_AT:
            direction = MorningsDirection.NOT_CLEARING
        elif lingering == 0:
            direction = MorningsDirection.CLEARING
        else:
            direction = MorningsDirection.MIXED
        return cls(len(latest), lingering, direction)


@dataclass(frozen=True, slots=True)
class Progress:
    """Is it getting better, for one group: the ``progress`` entry of ``detect --json``."""

    family: ActivityFamily
    side: Side
    sites: tuple[PainSite, ...]
    episodes: tuple[Episode, ...]
    basis: OnsetBasis
    #: Median onsets (metres or seconds) of the early and recent episodes; ``None`` when none recorded.
    early_onset: float | None
    recent_onset: float | None
    onset: OnsetDirection
    early_intensity: float
    recent_intensity: float
    intensity: IntensityDirection
    mornings: MorningsLately
    #: The longest activity of the family after the last episode: metres or seconds on the basis.
    longest_since: float | None
    comparisons: tuple[Comparison, ...]
    explanation: str = ""
    #: The group's onset point over all its episodes: what "runs past the point" are measured against.
    point: float | None = None

    @property
    def k(self) -> int:
        return early_recent_size(len(self.episodes))

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        if self.mornings.direction is MorningsDirection.NOT_CLEARING:
            return (Suggestion.SEE_KNEE_SPECIALIST,)
        return ()

    def to_json(self) -> dict:
        km = self.basis is OnsetBasis.DISTANCE
        unit, scale, places = ("km", 1000.0, 2) if km else ("min", 60.0, 1)

        def show(value: float | None) -> float | None:
            return None if value is None else round(value / scale, places)

        return {
            "activity": self.family.value,
            "side": self.side.value,
            "sites": [site.value for site in self.sites],
            "episodes": len(self.episodes),
            "onset_basis": self.basis.value,
            "onset": {"early": show(self.early_onset), "recent": show(self.recent_onset), "unit": unit,
                      "direction": self.onset.value},
            "intensity": {"early": _whole(self.early_intensity), "recent": _whole(self.recent_intensity),
                          "direction": self.intensity.value},
            "mornings": {"recent_recorded": self.mornings.recorded, "recent_not_cleared": self.mornings.not_cleared,
                         "direction": self.mornings.direction.value},
            "pain_free": {"recent_onset": show(self.recent_onset), "unit": unit,
                          f"longest_since_last_episode_{unit}": show(self.longest_since)},
            "changes": [c.to_json() for c in self.comparisons],
            "suggestions": [code.value for code in self.suggestions],
            "explanation": self.explanation,
        }


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def progress_of(
    family: ActivityFamily,
    side: Side,
    sites: tuple[PainSite, ...],
    episodes: Sequence[Episode],
    basis: OnsetBasis,
    later_runs: Sequence[Run],
    comparisons: tuple[Comparison, ...],
) -> Progress | None:
    """The progress entry of a group, or ``None`` below 6 episodes.

    ``episodes`` are oldest first; ``later_runs`` are the family's runs of the
    window after the last episode.
    """
    if len(episodes) < MIN_PROGRESS_EPISODES:
        return None
    k = early_recent_size(len(episodes))
    early, recent = episodes[:k], episodes[-k:]

    def onsets(part: Sequence[Episode]) -> list[float | None]:
        return [e.onset_m if basis is OnsetBasis.DISTANCE else e.onset_s for e in part]

    def median(values: list[float | None]) -> float | None:
        recorded = [v for v in values if v is not None]
        return statistics.median(recorded) if recorded else None

    early_intensity = statistics.median(e.intensity for e in early)
    recent_intensity = statistics.median(e.intensity for e in recent)
    reach = [run.distance_m if basis is OnsetBasis.DISTANCE else run.duration_s for run in later_runs]
    return Progress(
        family=family,
        side=side,
        sites=sites,
        episodes=tuple(episodes),
        basis=basis,
        early_onset=median(onsets(early)),
        recent_onset=median(onsets(recent)),
        onset=onset_direction(onsets(early), onsets(recent)),
        early_intensity=early_intensity,
        recent_intensity=recent_intensity,
        intensity=intensity_direction(early_intensity, recent_intensity),
        mornings=MorningsLately.of(episodes),
        longest_since=max(reach, default=None),
        comparisons=comparisons,
    )
