"""One activity brought in twice from two sources whose clocks are in different zones.

A watch's FIT gives the start on the watch's own clock (its local offset);
Strava's ``activities.csv`` alone gives it in UTC, which runlog shows in the
computer's zone. When the computer is not in the watch's zone the two local
starts differ by the zones' difference, a whole number of quarter hours (up
to 14 hours either way), and may even fall on different dates; the start
times compared to the minute then differ by that much, give or take the
minute they were cut to. The log keeps no UTC start of its own (a schema
change no migration gives yet), so such a pair is recognised by what both
sources report alike: the distance within 3 %, the elapsed time (or the
moving time where one has none) within a minute, the same family, and a
start gap shaped like a zone difference. Only runs that came from a file of
another source are compared so: a run the runner logged by hand is matched
by its local start as the README says (within 15 minutes).

And one activity read twice from the same source: a CSV read while it was
still being written stored a cut last row; the complete file, read later,
corrects that run's figures, unless the runner edited the run since.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from runlog.domain.activity import Activity, ActivityKind
from runlog.store.models import RunRow

#: The largest difference between two zones' clocks (UTC+14 and UTC-12 are 26 h apart; ±14 h from UTC).
MAX_ZONE_GAP = dt.timedelta(hours=14)
#: Zones differ by whole quarter hours; starts cut to the minute may be one minute further apart.
QUARTER = 15
MINUTE_SLACK = 1
#: What both sources report alike for one activity.
SAME_DISTANCE = 0.03
SAME_TIME_S = 60.0


def source_kind(source: str | None) -> str:
    """``file``, ``strava``, ``garmin``: where an imported run came from (its source's prefix)."""
    return (source or "").split(":", 1)[0]


def same_activity_in_another_zone(session: Session, activity: Activity) -> RunRow | None:
    """The run imported from another source that is ``activity`` seen from another time zone, if any."""
    if activity.start_time is None or not activity.source:
        return None
    kind = source_kind(activity.source)
    start = dt.datetime.combine(activity.date, activity.start_time)
    days = [activity.date + dt.timedelta(days=shift) for shift in (-1, 0, 1)]
    family = activity.kind.family
    best: tuple[float, RunRow] | None = None
    for run in session.scalars(select(RunRow).where(RunRow.date.in_(days), RunRow.source.is_not(None))):
        if source_kind(run.source) == kind or run.start_time is None:
            continue
        if ActivityKind(run.kind).family is not family or not _alike(run, activity):
            continue
        gap = dt.datetime.combine(run.date, run.start_time) - start
        if not zone_shaped(gap):
            continue
        score = abs(run.distance_m - activity.distance_m)
        if best is None or score < best[0]:
            best = (score, run)
    return best[1] if best else None


def zone_shaped(gap: dt.timedelta) -> bool:
    """Whether two starts cut to the minute are this far apart because their clocks are in different zones."""
    if abs(gap) > MAX_ZONE_GAP + dt.timedelta(minutes=MINUTE_SLACK):
        return False
    minutes = round(gap.total_seconds() / 60)
    off = minutes % QUARTER
    return min(off, QUARTER - off) <= MINUTE_SLACK


def _alike(run: RunRow, activity: Activity) -> bool:
    larger = max(run.distance_m, activity.distance_m)
    if larger and abs(run.distance_m - activity.distance_m) > SAME_DISTANCE * larger:
        return False
    if run.elapsed_s is not None and activity.elapsed_s is not None:
        return abs(run.elapsed_s - activity.elapsed_s) <= SAME_TIME_S
    return abs(run.duration_s - activity.duration_s) <= SAME_TIME_S


#: A run whose row changed no later than this after it was imported is as the import left it.
UNTOUCHED = dt.timedelta(seconds=1)


def correct_figures(run: RunRow, activity: Activity) -> bool:
    """Give an imported run the figures of a later copy of its file (same source), if they differ
    and the runner has not edited the run since it was imported; whether it did.

    A CSV read while it was still being written stores its cut last row
    (5.48 km in 3 s); the complete file, read later, is the same activity.
    """
    figures = (activity.distance_m, activity.duration_s, activity.elapsed_s)
    if (run.distance_m, run.duration_s, run.elapsed_s) == figures or activity.duration_s <= 0:
        return False
    if run.created_at is None or run.updated_at is None or run.updated_at - run.created_at > UNTOUCHED:
        return False  # edited since (or merged into a run typed by hand): what the runner has stays
    run.distance_m, run.duration_s, run.elapsed_s = figures
    # Still as the import left it: a yet later copy may correct it again.
    run.updated_at = run.created_at
    return True
