"""Small builders for runner histories, so a detector test reads like a training log."""

from __future__ import annotations

import datetime as dt
import itertools

from runlog.domain import (
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    Shoe,
    ShoeType,
    Side,
    Units,
)

START = dt.date(2026, 9, 1)
NEUTRAL = Shoe(name="Pegasus", type=ShoeType.NEUTRAL, id=1)
MOTION = Shoe(name="Beast", type=ShoeType.MOTION_CONTROL, id=2)
INSOLES = Orthotic(name="Blue insoles", type=OrthoticType.CUSTOM, id=1)
SHOCK_INSOLES = Orthotic(name="Soft insoles", type=OrthoticType.SHOCK_ABSORBING, id=2)
#: A steady 6 min/km.
PACE_S_PER_KM = 360.0

_ids = itertools.count(1)


def day(n: int) -> dt.date:
    """The n-th day of the test history."""
    return START + dt.timedelta(days=n)


def pain(
    site: str = "below_kneecap",
    side: str = "left",
    *,
    at_km: float | None = 5.0,
    at_min: float | None = None,
    intensity: int = 4,
    stopped: bool = False,
    morning: str | None = "gone",
    units: Units = Units.KM,
) -> Pain:
    """One pain entry; onsets in ``units`` or minutes."""
    return Pain(
        site=PainSite(site),
        side=Side(side),
        intensity=intensity,
        onset_m=None if at_km is None else units.to_metres(at_km),
        onset_s=None if at_min is None else at_min * 60.0,
        stopped_early=stopped,
        next_morning=None if morning is None else NextMorning(morning),
    )


def run(
    n: int,
    km: float = 8.0,
    *pains: Pain,
    minutes: float | None = None,
    shoe: Shoe | None = NEUTRAL,
    orthotic: Orthotic | None = None,
    units: Units = Units.KM,
) -> Run:
    """A run on day ``n`` of ``km`` (in ``units``) with the given pains."""
    metres = units.to_metres(km)
    return Run(
        date=day(n),
        distance_m=metres,
        duration_s=minutes * 60.0 if minutes is not None else metres / 1000.0 * PACE_S_PER_KM,
        shoe=shoe,
        orthotic=orthotic,
        pains=list(pains),
        id=next(_ids),
    )


def knee_runs(days, km: float = 8.0, **pain_args) -> list[Run]:
    """One painful run on each of ``days``, the same pain every time."""
    run_args = {k: pain_args.pop(k) for k in ("shoe", "orthotic", "minutes") if k in pain_args}
    if "units" in pain_args:
        run_args["units"] = pain_args["units"]
    return [run(n, km, pain(**pain_args), **run_args) for n in days]


def easy_runs(days, km: float = 8.0, **run_args) -> list[Run]:
    """Pain-free runs on each of ``days``."""
    return [run(n, km, **run_args) for n in days]


#: Every other day for 12 days: six runs with the classic runner's-knee pain.
PATTERN_DAYS = range(0, 12, 2)
WINDOW = (START - dt.timedelta(days=7), START + dt.timedelta(days=60))


def runners_knee(**pain_args) -> list[Run]:
    """A textbook left runner's-knee history: six 8 km runs, pain at 5 km,
    gone next morning, with short pain-free runs between them."""
    return knee_runs(PATTERN_DAYS, **pain_args) + easy_runs(range(1, 12, 2), km=3.0)
