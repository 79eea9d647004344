"""Changes the runner made, before and after (DOMAIN.md, "Changes the runner made").

For a group (family, side, site group) and a change dated from the group's
first episode to the window's end:

- the **runs past the point** are the family's activities of the window at
  least as long (in distance, or in time on the time basis) as the group's
  onset point;
- **before** are those dated from the group's first episode to the day
  before the change, **after** those from the change's date to the window's
  end;
- with fewer than ``MIN_RUNS_EACH_SIDE`` (3) on either side the verdict is
  ``not_enough_runs``; otherwise the share of them with pain in the group is
  compared with Fisher's exact test (two-sided, ``fisher``): a p-value below
  ``SIGNIFICANCE`` (0.05, the usual convention) with a lower share after is
  ``fewer_painful_runs``, with a higher share ``more_painful_runs``, and
  anything else ``no_clear_difference``;
- the **other changes** dated within ``NEARBY_DAYS`` (14) days of it, either
  way, are named: they could explain the same difference.

It compares the runner's own runs; it cannot show what caused a difference,
and the words that go with it say so.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from runlog.detect.fisher import fisher_two_sided
from runlog.domain import RunnerChange
from runlog.domain.changes import change_order

#: Fewer runs past the point than this on either side of a change: not enough to compare.
MIN_RUNS_EACH_SIDE = 3
#: A p-value below this counts as a clear difference (the common 5% convention).
SIGNIFICANCE = 0.05
#: Other changes this many days or fewer either side of a change are named beside it.
NEARBY_DAYS = 14


class Verdict(StrEnum):
    """What the comparison around one change shows (``verdict`` in ``detect --json``)."""

    FEWER_PAINFUL_RUNS = "fewer_painful_runs"
    MORE_PAINFUL_RUNS = "more_painful_runs"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    NOT_ENOUGH_RUNS = "not_enough_runs"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Runs past the onset point with and without the group's pain, before and after one change."""

    change: RunnerChange
    before_runs: int
    before_pain: int
    after_runs: int
    after_pain: int
    verdict: Verdict
    #: Fisher's two-sided p-value; ``None`` when there were too few runs to test.
    p_value: float | None
    #: Other changes dated within ``NEARBY_DAYS`` of this one, oldest first.
    nearby: tuple[RunnerChange, ...]

    def to_json(self) -> dict:
        return {
            "date": self.change.date.isoformat(),
            "kind": self.change.kind.value,
            "label": self.change.label,
            "before": {"runs_past_point": self.before_runs, "with_pain": self.before_pain},
            "after": {"runs_past_point": self.after_runs, "with_pain": self.after_pain},
            "verdict": self.verdict.value,
            "p_value": None if self.p_value is None else _p_round(self.p_value),
            "other_changes_nearby": [
                {"date": c.date.isoformat(), "kind": c.kind.value, "label": c.label} for c in self.nearby
            ],
        }


def _p_round(p: float) -> float:
    """Four decimals, but a tiny p-value stays above 0 (0.0001 at least)."""
    return max(round(p, 4), 0.0001) if p > 0 else 0.0


def verdict(before_runs: int, before_pain: int, after_runs: int, after_pain: int) -> tuple[Verdict, float | None]:
    """The verdict and p-value for the counts of one comparison."""
    if before_runs < MIN_RUNS_EACH_SIDE or after_runs < MIN_RUNS_EACH_SIDE:
        return Verdict.NOT_ENOUGH_RUNS, None
    p = fisher_two_sided(before_pain, before_runs - before_pain, after_pain, after_runs - after_pain)
    if p >= SIGNIFICANCE:
        return Verdict.NO_CLEAR_DIFFERENCE, p
    # Shares compared without division: after_pain/after_runs < before_pain/before_runs.
    lower = after_pain * before_runs < before_pain * after_runs
    higher = after_pain * before_runs > before_pain * after_runs
    if lower:
        return Verdict.FEWER_PAINFUL_RUNS, p
    if higher:
        return Verdict.MORE_PAINFUL_RUNS, p
    return Verdict.NO_CLEAR_DIFFERENCE, p


@dataclass(frozen=True, slots=True)
class PastPoint:
    """The runs past a group's onset point in date order, and which had the pain."""

    dates: list[dt.date]
    #: ``painful_before[i]``: how many of the first ``i`` runs had the pain.
    painful_before: list[int]

    @classmethod
    def of(cls, runs: Sequence[tuple[dt.date, bool]]) -> PastPoint:
        """From ``(date, had the pain)`` of each run past the point, in date order."""
        dates, counts, total = [], [0], 0
        for day, painful in runs:
            dates.append(day)
            total += painful
            counts.append(total)
        return cls(dates, counts)

    def count(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        """Runs dated ``first`` to ``last`` (both included), and how many had the pain."""
        lo = bisect.bisect_left(self.dates, first)
        hi = bisect.bisect_right(self.dates, last)
        if hi <= lo:
            return 0, 0
        return hi - lo, self.painful_before[hi] - self.painful_before[lo]


def compare_changes(
    past: PastPoint, first_episode: dt.date, until: dt.date, changes: Sequence[RunnerChange]
) -> tuple[Comparison, ...]:
    """A comparison for every change dated from ``first_episode`` to ``until`` (oldest first)."""
    result = []
    ordered = sorted(changes, key=change_order)
    for change in ordered:
        if not first_episode <= change.date <= until:
            continue
        before_runs, before_pain = past.count(first_episode, change.date - dt.timedelta(days=1))
        after_runs, after_pain = past.count(change.date, until)
        found, p = verdict(before_runs, before_pain, after_runs, after_pain)
        nearby = tuple(
            other for other in ordered
            if other is not change and abs((other.date - change.date).days) <= NEARBY_DAYS
        )
        result.append(Comparison(change, before_runs, before_pain, after_runs, after_pain, found, p, nearby))
    return tuple(result)

