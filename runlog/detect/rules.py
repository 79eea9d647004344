"""The detector's rules (described in full in the ``runlog.detect`` package
docstring) as named thresholds and small pure checks over episodes.

Shares are exact fractions, so "two thirds of 6" is 4 and never 3.9999.
Where the rules leave a choice open, the choice is written on the function.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from runlog.detect.episodes import Episode
from runlog.detect.findings import OnsetBasis, Severity
from runlog.domain import NextMorning

#: Recurs: a pattern needs at least this many episodes in the window.
MIN_EPISODES = 3
#: Partway: the onset point is at least this far into the run (distance basis)...
MIN_ONSET_KM = 1.0
#: ...or at least this many minutes into it (time basis).
MIN_ONSET_MIN = 5.0
#: Same point: an onset within this share either side of the onset point.
SAME_POINT_TOLERANCE = 0.25
#: The share used by the onset basis, same point, clears-by-morning and comes-back rules.
TWO_THIRDS = Fraction(2, 3)
#: Clears by morning: next-morning status recorded for at least this many episodes.
MIN_MORNINGS = 2
#: Status: this many runs past the onset point without the pain make it resolved.
RESOLVED_AFTER_RUNS = 3
#: Severity: a median intensity (0-10) of at least this is significant...
SIGNIFICANT_INTENSITY = 6
#: ...and so is stopping early in at least this share of the episodes.
STOPPED_SHARE = Fraction(1, 3)
#: The window ``detect`` looks at unless told otherwise.
DEFAULT_WINDOW_WEEKS = 12

#: Confidence weights (they sum to 1): episode count, onset tightness, mornings answered.
CONFIDENCE_WEIGHTS = (0.4, 0.3, 0.3)


def at_least(part: int, whole: int, share: Fraction) -> bool:
    """True when ``part`` is at least ``share`` of ``whole`` (and ``whole`` is not 0)."""
    return whole > 0 and part >= share * whole


def onsets(episodes: Sequence[Episode], basis: OnsetBasis) -> list[float | None]:
    """Each episode's onset on ``basis`` (metres or seconds into the run), or ``None``."""
    return [e.onset_m for e in episodes] if basis is OnsetBasis.DISTANCE else [e.onset_s for e in episodes]


def onset_basis(episodes: Sequence[Episode]) -> OnsetBasis:
    """Distance when at least two thirds of the episodes have a distance onset, else time."""
    with_distance = sum(1 for e in episodes if e.onset_m is not None)
    return OnsetBasis.DISTANCE if at_least(with_distance, len(episodes), TWO_THIRDS) else OnsetBasis.TIME


def median_onset(values: Sequence[float | None]) -> float | None:
    """The median of the recorded onsets; ``None`` when there is none."""
    recorded = [v for v in values if v is not None]
    return statistics.median(recorded) if recorded else None


def is_partway(basis: OnsetBasis, point: float) -> bool:
    """The onset point is at least 1 km or 5 minutes into the run."""
    if basis is OnsetBasis.DISTANCE:
        return point >= MIN_ONSET_KM * 1000.0
    return point >= MIN_ONSET_MIN * 60.0


def within_tolerance(value: float | None, point: float) -> bool:
    """An onset within ±25% of the onset point; a missing onset never is."""
    return value is not None and abs(value - point) <= SAME_POINT_TOLERANCE * point


def tightness(values: Sequence[float | None], point: float | None) -> float:
    """How tight the onset cluster is, in [0, 1].

    ``1 - d / SAME_POINT_TOLERANCE`` (at least 0), where ``d`` is the median
    over all episodes of ``|onset - point| / point``; an episode without an
    onset on the basis counts as infinitely far. 1 means every onset at the
    same spot; 0 means the typical onset is 25% or more away.
    """
    if point is None or point <= 0:
        return 0.0
    deviations = [math.inf if v is None else abs(v - point) / point for v in values]
    return max(0.0, 1.0 - statistics.median(deviations) / SAME_POINT_TOLERANCE)


@dataclass(frozen=True, slots=True)
class Mornings:
    """Next-morning statuses of a group's episodes."""

    recorded: int
    gone: int
    same_or_worse: int

    @classmethod
    def of(cls, episodes: Sequence[Episode]) -> Mornings:
        statuses = [e.next_morning for e in episodes if e.next_morning is not None]
        return cls(
            recorded=len(statuses),
            gone=statuses.count(NextMorning.GONE),
            same_or_worse=sum(1 for s in statuses if s in (NextMorning.SAME, NextMorning.WORSE)),
        )

    @property
    def clears(self) -> bool:
        """Clears by morning: at least 2 recorded and two thirds of them ``gone``."""
        return self.recorded >= MIN_MORNINGS and at_least(self.gone, self.recorded, TWO_THIRDS)

    @property
    def lingers(self) -> bool:
        """More than half of the recorded mornings (at least one) ``same`` or ``worse``."""
        return 2 * self.same_or_worse > self.recorded > 0


def severity(episodes: Sequence[Episode]) -> Severity:
    """Significant when the median intensity is at least 6 or the runner
    stopped early in at least a third of the episodes; otherwise mild."""
    median_intensity = statistics.median(e.intensity for e in episodes)
    stopped = sum(1 for e in episodes if e.stopped_early)
    if median_intensity >= SIGNIFICANT_INTENSITY or at_least(stopped, len(episodes), STOPPED_SHARE):
        return Severity.SIGNIFICANT
    return Severity.MILD


def confidence(episodes: int, tight: float, mornings_share: float) -> float:
    """How sure the finding is, in [0, 1]:

    ``0.4 * n / (n + 2) + 0.3 * tightness + 0.3 * share of episodes with a
    next morning answered``. The episode term grows with every episode
    (3 episodes give 0.6, 8 give 0.8, 18 give 0.9) and never reaches 1.
    """
    w_episodes, w_tight, w_mornings = CONFIDENCE_WEIGHTS
    value = w_episodes * episodes / (episodes + 2) + w_tight * tight + w_mornings * mornings_share
    # The terms are each in [0, 1]; the clamp only absorbs float rounding.
    return min(1.0, max(0.0, value))
