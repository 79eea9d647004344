"""GPX tracks recorded by a watch or phone, read as a stream and measured as gpxpy measures them.

A GPX file's own summary (the track-statistics extension OpenTracks and Garmin
write) is preferred to figures recomputed from the points. A route, or a file
whose tracks have no times, is a plan rather than something run: it is refused;
beside timed tracks (GPSBabel's dump of a handheld GPS) untimed ones are passed
over. A track whose type names no sport (OpenTracks' ``unknown``) is a run or a
walk by its moving pace.
Waypoints with a time on the way (OpenTracks' markers) become marks. Ascent
and descent come from the summary (``ElevationGain``/``ElevationLoss``) or the
points' heights, the average cadence from the points' cadence extension. The
points themselves are only read for those figures, never kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local
from runlog.formats.gpx_tracks import Document, Track, walked_until
from runlog.formats.xml_stream import walk

#: Strava's GPX exports name the sport by number.
_STRAVA_TYPE_NUMBERS = {"9": "run", "10": "walk", "4": "hike", "1": "ride", "2": "alpine ski", "5": "swim"}


def is_gpx(head: str) -> bool:
    """True for the start of a GPX document (leading whitespace and a BOM already stripped)."""
    return "<gpx" in head[:4096]


def read_gpx(data: bytes, source: str | None = None) -> ActivitiesRead:
    """The on-foot activity of a GPX file's bytes, or the other sport it is counted as.

    Raises :class:`Refused` for a file that does not parse, a route or waypoints
    without a track, or tracks none of which has times.
    """
    document = Document()
    walk(data, document, "GPX")
    tracks = [track for track in document.tracks if track.points]
    if not tracks:
        if document.routes:
            raise Refused(RefusalCode.NOT_ACTIVITY, "is a route (a plan), not a recorded activity")
        raise Refused(RefusalCode.NOT_ACTIVITY, "holds no recorded track, only waypoints")
    # A file is one activity: several tracks in it (a device's log dumped by GPSBabel,
    # a recording resumed after a crash) are parts of it. Tracks without times beside
    # timed ones are the device's stored routes or saved tracks: the timed ones were run.
    tracks = [track for track in tracks if track.recorded]
    if not tracks:
        raise Refused(RefusalCode.NO_TIMES, "has tracks without times only, so it is a plan rather than a run")
    first = min(track.start for track in tracks)
    last = max(track.end for track in tracks)
    stats = _summary([track.stats for track in tracks])
    distance = stats.get("Distance", sum(track.length_2d for track in tracks))
    moving = sum(track.moving_s for track in tracks)
    duration = stats.get("TimerTime", stats.get("MovingTime", moving))
    if not distance and not duration:
        raise Refused(RefusalCode.NO_FIGURES, "has no distance and no duration")
    # Its first track names the sport; OpenTracks writes "unknown" when the runner never picked one.
    kind_name = (tracks[0].type or "").strip()
    sport = _STRAVA_TYPE_NUMBERS.get(kind_name, kind_name)
    by_pace = sport.lower() in _UNNAMED
    kind = kind_by_pace(float(distance), float(moving or duration)) if by_pace else kind_of_sport(sport)
    if kind is None:
        return ActivitiesRead(left_out=Counter({(_TOO_FAST if by_pace else sport).lower(): 1}))
    # A GPX time with an offset says the local time itself; a "Z" time leaves it to the machine's zone.
    offset = first.utcoffset()
    day, start_time = split_local(local_start(first, offset if offset else None))
    activity = Activity(
        kind=kind,
        date=day,
        start_time=start_time,
        distance_m=float(distance),
        duration_s=float(duration),
        elapsed_s=float(stats.get("TotalElapsedTime", (last - first).total_seconds())),
        source=source or fingerprint(data),
        marks=_marks(document, tracks, first, last),
        cadence_spm=_cadence(tracks),
        ascent_m=_climb(stats, "ElevationGain", tracks, "ascent_m"),
        descent_m=_climb(stats, "ElevationLoss", tracks, "descent_m"),
    )
    return ActivitiesRead(activities=[activity], by_pace=1 if by_pace else 0)


#: Activity types that name no sport: the activity is told by its pace.
_UNNAMED = frozenset({"", "unknown", "other", "generic"})
#: Moving faster than this (9:00 min/km) without a sport named is a run; slower, a walk.
RUN_ABOVE_M_S = 1000 / (9 * 60)
#: Faster than this (2:30 min/km, faster than any road-race record) is not on foot at all.
ON_FOOT_BELOW_M_S = 1000 / (2.5 * 60)
_TOO_FAST = "unnamed (too fast to be on foot)"


def kind_by_pace(distance_m: float, duration_s: float) -> ActivityKind | None:
    """A run or a walk by its moving pace; ``None`` for a speed no one reaches on foot."""
    if distance_m <= 0 or duration_s <= 0:
        return ActivityKind.RUN
    speed = distance_m / duration_s
    if speed >= ON_FOOT_BELOW_M_S:
        return None
    return ActivityKind.RUN if speed >= RUN_ABOVE_M_S else ActivityKind.WALK


def _cadence(tracks: list[Track]) -> float | None:
    """The mean of the points' cadences (strides a minute) doubled into steps, or ``None`` without any."""
    count = sum(track.cadences for track in tracks)
    return 2.0 * sum(track.cadence_sum for track in tracks) / count if count else None


def _climb(stats: dict[str, float], name: str, tracks: list[Track], measured: str) -> float | None:
    """The summary's ascent or descent, else the one summed from the heights, else ``None`` (no heights)."""
    if name in stats:
        return stats[name]
    if not any(track.heights for track in tracks):
        return None
    return sum(getattr(track, measured) for track in tracks)


def _summary(extensions: list[list[tuple[str, str]]]) -> dict[str, float]:
    """The numbers of the tracks' statistics extensions (Distance, TimerTime, MovingTime, ...), added up."""
    figures: dict[str, float] = {}
    for name, text in (pair for pairs in extensions for pair in pairs):
        try:
            figures[name] = figures.get(name, 0.0) + float(text.strip())
        except ValueError:
            continue
    return figures


def _marks(document: Document, tracks: list[Track], start: dt.datetime, end: dt.datetime) -> list[Mark]:
    """A mark for each waypoint timed during the track (not at its very start or end): how far and how long into it."""
    timed = sorted(moment for moment in document.waypoint_times if start < moment < end)
    if not timed:
        return []
    walked = walked_until(tracks, [moment.timestamp() for moment in timed])
    return [
        Mark(distance_m=travelled, elapsed_s=(moment - start).total_seconds(), label="marker")
        for moment, travelled in zip(timed, walked, strict=True)
    ]
