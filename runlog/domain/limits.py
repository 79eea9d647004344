"""The figures a run may have: one rule for the form, the CSV, activity files and restores.

A distance is a finite number of metres, 0 or more and under 1,000 km; a
duration is finite, more than 0 and under ten days; a date is 1900-01-01 to
today (``runlog.domain.dates``). A file recorded by a device is also held to
a pace a person can keep over a whole activity: nobody on foot averages
faster than 1:30 /km (40 km/h; the fastest sprinters peak near 44 km/h for a
few metres), so a faster one is a broken file, not a run.

Each check returns the reason as a short phrase ("its distance is not a
finite number") that never quotes the value, or ``None``.
"""

from __future__ import annotations

import datetime as dt
import math

from runlog.domain.dates import date_problem

#: Distances (and onsets) must be under this: anything more is a typo or a
#: broken file, and would break every total and chart.
DISTANCE_LIMIT_M = 1_000_000.0
#: Durations (and onsets) must be under ten days.
DURATION_LIMIT_S = 10 * 24 * 3600.0
#: Average cadences above this many steps a minute are no person's (sprinters reach about 280).
CADENCE_LIMIT_SPM = 300.0
#: Ascent or descent over one activity above this many metres is a broken file or a typo.
CLIMB_LIMIT_M = 20_000.0
#: An activity file averaging faster than this over its moving time is refused.
FASTEST_FILE_PACE_S_PER_KM = 90.0


def _number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` (not a number, infinite, NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def distance_problem(value: object, what: str = "distance") -> str | None:
    """Why ``value`` (metres) cannot be a distance, or ``None``."""
    number = _number(value)
    if number is None:
        return f"its {what} is not a finite number"
    if number < 0:
        return f"its {what} is negative"
    if number >= DISTANCE_LIMIT_M:
        return f"its {what} is 1,000 km or more"
    return None


def duration_problem(value: object, what: str = "duration", more_than_zero: bool = True) -> str | None:
    """Why ``value`` (seconds) cannot be a duration, or ``None``."""
    number = _number(value)
    if number is None:
        return f"its {what} is not a finite number"
    if number < 0 or (more_than_zero and number == 0):
        return f"its {what} is not more than 0" if more_than_zero else f"its {what} is negative"
    if number >= DURATION_LIMIT_S:
        return f"its {what} is 10 days or more"
    return None


def cadence_problem(value: object) -> str | None:
    """Why ``value`` (steps per minute) cannot be an average cadence, or ``None``."""
    number = _number(value)
    if number is None:
        return "its cadence is not a finite number"
    if not 0 <= number <= CADENCE_LIMIT_SPM:
        return "its cadence is not between 0 and 300 steps per minute"
    return None


def climb_problem(value: object, what: str = "ascent") -> str | None:
    """Why ``value`` (metres) cannot be an activity's ascent or descent, or ``None``."""
    number = _number(value)
    if number is None:
        return f"its {what} is not a finite number"
    if not 0 <= number <= CLIMB_LIMIT_M:
        return f"its {what} is not between 0 and 20,000 m"
    return None


def watch_problem(cadence_spm: object, ascent_m: object, descent_m: object) -> str | None:
    """The first reason a cadence, ascent or descent (each optional) cannot be logged, or ``None``."""
    if cadence_spm is not None and (problem := cadence_problem(cadence_spm)):
        return problem
    if ascent_m is not None and (problem := climb_problem(ascent_m)):
        return problem
    if descent_m is not None and (problem := climb_problem(descent_m, "descent")):
        return problem
    return None


def plausible(value: float | None, problem) -> float | None:
    """``value`` when ``problem(value)`` finds nothing wrong, else ``None``: a watch's
    broken cadence or climb is left unknown rather than refusing the whole activity."""
    if value is None or problem(value):
        return None
    return float(value)


def day_problem(day: object, today: dt.date) -> str | None:
    """Why ``day`` cannot be a run's date (not a date, before 1900, after today), or ``None``."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        return "its date is not a date"
    problem = date_problem(day, today)
    return problem and "its " + problem


def run_problem(
    day: object,
    distance_m: object,
    duration_s: object,
    today: dt.date,
    elapsed_s: object = None,
) -> str | None:
    """The first reason a run with these figures cannot be logged, or ``None``:
    the date, the distance, the (moving) duration and, when given, the elapsed time."""
    return (
        day_problem(day, today)
        or distance_problem(distance_m)
        or duration_problem(duration_s)
        or (None if elapsed_s is None else duration_problem(elapsed_s, "elapsed time", more_than_zero=False))
    )


def pace_problem(distance_m: float, duration_s: float) -> str | None:
    """Why a recorded activity's average pace cannot be a person's on foot, or ``None``
    (a zero distance, a treadmill without one, has no pace to judge)."""
    if distance_m <= 0:
        return None
    # Multiplied, not divided: a distance of 5e-324 m would make the pace a division by zero.
    if duration_s * 1000.0 < FASTEST_FILE_PACE_S_PER_KM * distance_m:
        return "its pace is faster than 1:30 /km, faster than anyone on foot"
    return None


def activity_problem(activity, today: dt.date) -> str | None:
    """The first reason an activity read from a file cannot be logged, or
    ``None``: the run's rule, its pace, and the figures of its marks."""
    problem = run_problem(activity.date, activity.distance_m, activity.duration_s, today, activity.elapsed_s)
    if problem:
        return problem
    if activity.start_time is not None and not isinstance(activity.start_time, dt.time):
        return "its start time is not a time of day"
    if problem := pace_problem(activity.distance_m, activity.duration_s):
        return problem
    for mark in activity.marks:
        if mark.distance_m is not None and (problem := distance_problem(mark.distance_m, "mark's distance")):
            return problem
        if mark.elapsed_s is not None and (
            problem := duration_problem(mark.elapsed_s, "mark's time", more_than_zero=False)
        ):
            return problem
    return None
