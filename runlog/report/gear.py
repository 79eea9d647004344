"""Gear compared: for each shoe and orthotic worn in a report's period, how
the runs in it went. The before/after a podiatrist asks about.

Runs without orthotics make a row of their own ("no orthotics"), so a change
to orthotics has its "before" beside it; likewise runs with no shoe logged.
Rows come shoes first, then orthotics, each in the order first worn.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from runlog.domain import Pain, Run, Units
from runlog.wording import distance_onset, time_onset

#: Onsets are compared by distance when at least this share of the runs with
#: knee pain have one (the detector's rule for a finding's basis).
_DISTANCE_SHARE = 2 / 3


@dataclass(frozen=True, slots=True)
class GearRow:
    """How the runs in one shoe or orthotic (or without one) went."""

    #: ``shoe`` or ``orthotic``.
    kind: str
    #: The shoe's or orthotic's name; ``None`` for runs without one.
    name: str | None
    #: Its type in plain words (``stability``), or ``None``.
    type_label: str | None
    first: dt.date
    last: dt.date
    runs: int
    distance_m: float
    knee_pain_runs: int
    #: Median over the runs with knee pain of where it began (the earliest
    #: knee onset of each run): by distance, or by time when too few runs
    #: have a distance; both ``None`` when none was recorded.
    median_onset_m: float | None
    median_onset_s: float | None
    #: Median over the runs with knee pain of each run's worst knee intensity.
    median_intensity: float | None

    @property
    def knee_pain_share(self) -> float:
        return self.knee_pain_runs / self.runs if self.runs else 0.0

    @property
    def label(self) -> str:
        """``Kayano 30 (stability)``, ``no orthotics``."""
        if self.name is None:
            return "no orthotics" if self.kind == "orthotic" else "no shoe logged"
        return f"{self.name} ({self.type_label})" if self.type_label else self.name


def compare_gear(runs: Sequence[Run]) -> tuple[GearRow, ...]:
    """One row per shoe and per orthotic worn in ``runs`` (and one for runs
    without an orthotic or without a shoe, when there are any)."""
    ordered = sorted(runs, key=lambda run: (run.date, run.start_time is not None, run.start_time or dt.time()))
    rows: list[GearRow] = []
    for kind in ("shoe", "orthotic"):
        groups: dict[object, list[Run]] = {}
        for run in ordered:
            gear = run.shoe if kind == "shoe" else run.orthotic
            # Gear is told apart by id when stored, else by name (runs built in memory).
            key = None if gear is None else (gear.id if gear.id is not None else gear.name)
            groups.setdefault(key, []).append(run)
        for worn in groups.values():
            gear = worn[0].shoe if kind == "shoe" else worn[0].orthotic
            rows.append(_row(kind, gear, worn))
    return tuple(rows)


def onset_of(row: GearRow, units: Units) -> str:
    """A row's median onset, ``5.0 km`` or ``28 min``; empty when none was recorded."""
    if row.median_onset_m is not None:
        return distance_onset(row.median_onset_m, units)
    if row.median_onset_s is not None:
        return time_onset(row.median_onset_s)
    return ""


def _row(kind: str, gear, runs: list[Run]) -> GearRow:
    hurt = [run for run in runs if _knee_pains(run)]
    earliest = [_earliest(_knee_pains(run)) for run in hurt]
    by_distance = [pain.onset_m for pain in earliest if pain.onset_m is not None]
    by_time = [pain.onset_s for pain in earliest if pain.onset_s is not None]
    use_distance = bool(by_distance) and len(by_distance) >= _DISTANCE_SHARE * len(hurt)
    type_ = getattr(gear, "type", None)
    return GearRow(
        kind=kind,
        name=None if gear is None else gear.name,
        type_label=None if type_ is None else type_.label,
        first=runs[0].date,
        last=runs[-1].date,
        runs=len(runs),
        distance_m=sum(run.distance_m for run in runs),
        knee_pain_runs=len(hurt),
        median_onset_m=statistics.median(by_distance) if use_distance else None,
        median_onset_s=statistics.median(by_time) if by_time and not use_distance else None,
        median_intensity=(
            statistics.median(max(pain.intensity for pain in _knee_pains(run)) for run in hurt) if hurt else None
        ),
    )


def _knee_pains(run: Run) -> list[Pain]:
    return [pain for pain in run.pains if pain.site.is_knee]


def _earliest(pains: list[Pain]) -> Pain:
    """The knee pain that began first: by distance, then time, when known."""
    return min(
        pains,
        key=lambda pain: (
            pain.onset_m is None,
            pain.onset_m if pain.onset_m is not None else 0.0,
            pain.onset_s is None,
            pain.onset_s if pain.onset_s is not None else 0.0,
        ),
    )
