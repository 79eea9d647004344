"""Single runs much longer than usual (DOMAIN.md, "Load: single runs much longer than usual").

The weekly "10% rule" has no support in trials (532 novices had the same
injury rate either way: Buist et al. 2008). What a cohort of 5,205 runners
did show (Frandsen et al., BJSM 2025) is that one run more than 10% longer
than the longest run of the previous 30 days was followed by more overuse
injuries, more so the larger the jump. runlog flags such runs:

- a **spike** is an activity more than ``SPIKE_SHARE`` (10%) longer than the
  longest activity of the same family (runs with runs, walks with walks) in
  the ``SPIKE_LOOKBACK_DAYS`` (30) days before its date, that day left out,
  when those days hold at least one activity;
- its **band** says by how much: ``10-30`` (more than 10% up to 30%),
  ``30-100`` (more than 30% up to 100%), ``over_100`` (more than double);
- a finding lists the spikes of its family in the ``SPIKES_BEFORE_DAYS``
  (28) days before its first episode.

Exactly 10% longer is not a spike: shares are compared as exact fractions,
so 11 km after 10 km is never one through floating-point noise.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from runlog.domain import ActivityFamily, Run

#: A run is a spike when it is more than this share longer than the longest before it.
SPIKE_SHARE = Fraction(1, 10)
#: The days before a run (its own day left out) whose longest activity it is compared with.
SPIKE_LOOKBACK_DAYS = 30
#: A finding lists the spikes in this many days before its first episode.
SPIKES_BEFORE_DAYS = 28
#: Upper ends of the bands, as shares above the previous longest: up to 30%, up to 100%.
BAND_LIMITS = (Fraction(3, 10), Fraction(1))


class Band(StrEnum):
    """How much longer than the previous longest: the ``band`` of ``detect --json``."""

    UP_TO_30 = "10-30"
    UP_TO_100 = "30-100"
    OVER_100 = "over_100"


@dataclass(frozen=True, slots=True)
class Spike:
    """One activity much longer than the longest of its family in the 30 days before."""

    date: dt.date
    family: ActivityFamily
    distance_m: float
    previous_longest_m: float

    @property
    def increase(self) -> Fraction:
        """The share by which it was longer (0.58 for 58% longer)."""
        return Fraction(self.distance_m) / Fraction(self.previous_longest_m) - 1

    @property
    def increase_pct(self) -> int:
        """The increase in whole percent, rounded half up."""
        return int(self.increase * 100 + Fraction(1, 2))

    @property
    def band(self) -> Band:
        share = self.increase
        if share <= BAND_LIMITS[0]:
            return Band.UP_TO_30
        if share <= BAND_LIMITS[1]:
            return Band.UP_TO_100
        return Band.OVER_100

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "activity": self.family.value,
            "distance_km": round(self.distance_m / 1000.0, 2),
            "previous_longest_km": round(self.previous_longest_m / 1000.0, 2),
            "increase_pct": self.increase_pct,
            "band": self.band.value,
        }


def is_spike(distance_m: float, previous_longest_m: float) -> bool:
    """More than 10% longer than the previous longest (which must be above 0)."""
    return previous_longest_m > 0 and Fraction(distance_m) > (1 + SPIKE_SHARE) * Fraction(previous_longest_m)


def find_spikes(runs: Iterable[Run]) -> list[Spike]:
    """Every spike among ``runs`` (any order), oldest first.

    A run can only be compared with runs in ``runs``: pass the 30 days before
    the first date you want spikes for as well. One pass per family, keeping
    the longest of each day in a sliding 30-day window.
    """
    spikes: list[Spike] = []
    for family in ActivityFamily:
        days: dict[dt.date, list[float]] = {}
        for run in runs:
            if run.kind.family is family:
                days.setdefault(run.date, []).append(run.distance_m)
        spikes += _family_spikes(family, days)
    spikes.sort(key=lambda spike: (spike.date, spike.family.value, spike.distance_m))
    return spikes


def _family_spikes(family: ActivityFamily, days: dict[dt.date, list[float]]) -> list[Spike]:
    found: list[Spike] = []
    # Days before the current one, longest first among those still in reach:
    # a monotonic queue of (date, longest that day).
    window: deque[tuple[dt.date, float]] = deque()
    for day in sorted(days):
        start = day - dt.timedelta(days=SPIKE_LOOKBACK_DAYS)
        while window and window[0][0] < start:
            window.popleft()
        if window:
            previous = window[0][1]
            for distance in sorted(days[day]):
                if is_spike(distance, previous):
                    found.append(Spike(day, family, distance, previous))
        longest = max(days[day])
        while window and window[-1][1] <= longest:
            window.pop()
        window.append((day, longest))
    return found


def spikes_before(spikes: Sequence[Spike], family: ActivityFamily, first_episode: dt.date) -> tuple[dt.date, ...]:
    """The dates of ``family``'s spikes in the 28 days before ``first_episode`` (that day left out)."""
    start = first_episode - dt.timedelta(days=SPIKES_BEFORE_DAYS)
    return tuple(sorted({s.date for s in spikes if s.family is family and start <= s.date < first_episode}))
