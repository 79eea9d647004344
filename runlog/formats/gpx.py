"""GPX tracks recorded by a watch or phone, read with gpxpy.

A GPX file's own summary (the track-statistics extension OpenTracks and Garmin
write) is preferred to figures recomputed from the points. A route, or a
track without times, is a plan rather than something run: it is refused.
Waypoints with a time on the way (OpenTracks' markers) become marks. The
points themselves are only read for those figures, never kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import gpxpy
import gpxpy.gpx

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local

#: Strava's GPX exports name the sport by number.
_STRAVA_TYPE_NUMBERS = {"9": "run", "10": "walk", "4": "hike", "1": "ride", "2": "alpine ski", "5": "swim"}


def is_gpx(head: str) -> bool:
    """True for the start of a GPX document (leading whitespace and a BOM already stripped)."""
    return "<gpx" in head[:4096]


def read_gpx(data: bytes, source: str | None = None) -> ActivitiesRead:
    """The on-foot tracks of a GPX file's bytes, and the other sports counted.

    Raises :class:`Refused` for a file that does not parse, a route or waypoints
    without a track, or a track without times.
    """
    text = _text(data)
    try:
        document = gpxpy.parse(text)
    except (gpxpy.gpx.GPXException, ValueError, TypeError, AttributeError):
        raise Refused(RefusalCode.DAMAGED, "is damaged: it is not readable GPX") from None
    tracks = [track for track in document.tracks if any(segment.points for segment in track.segments)]
    if not tracks:
        if document.routes:
            raise Refused(RefusalCode.NOT_ACTIVITY, "is a route (a plan), not a recorded activity")
        raise Refused(RefusalCode.NOT_ACTIVITY, "holds no recorded track, only waypoints")
    # A file is one activity: several tracks in it (a device's log dumped by GPSBabel,
    # a recording resumed after a crash) are parts of it, and its first track names the sport.
    kind_name = (tracks[0].type or "").strip()
    sport = _STRAVA_TYPE_NUMBERS.get(kind_name, kind_name)
    kind = kind_of_sport(sport) if kind_name else ActivityKind.RUN
    if kind is None:
        return ActivitiesRead(left_out=Counter({sport.lower(): 1}))
    bounds = [track.get_time_bounds() for track in tracks]
    if any(bound.start_time is None or bound.end_time is None for bound in bounds):
        raise Refused(RefusalCode.NO_TIMES, "has a track without times, so it is a plan rather than a run")
    first = min(bound.start_time for bound in bounds)
    last = max(bound.end_time for bound in bounds)
    stats = _summary(tracks)
    distance = stats.get("Distance", sum(track.length_2d() for track in tracks))
    moving = sum(_moving_time(track) for track in tracks)
    duration = stats.get("TimerTime", stats.get("MovingTime", moving))
    if not distance and not duration:
        raise Refused(RefusalCode.NO_FIGURES, "has no distance and no duration")
    # A GPX time with an offset says the local time itself; a "Z" time leaves it to the machine's zone.
    offset = first.utcoffset() if first.tzinfo is not None else None
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
    )
    return ActivitiesRead(activities=[activity])


def _moving_time(track: gpxpy.gpx.GPXTrack) -> float:
    moving = track.get_moving_data()
    return float(moving.moving_time) if moving else 0.0


def _text(data: bytes) -> str:
    """The document as text, without the BOM and the spaces some exporters put before ``<?xml``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.lstrip()


def _summary(tracks: list[gpxpy.gpx.GPXTrack]) -> dict[str, float]:
    """The numbers of the tracks' statistics extensions (Distance, TimerTime, MovingTime, ...), added up."""
    figures: dict[str, float] = {}
    for extension in (extension for track in tracks for extension in track.extensions):
        if not str(extension.tag).endswith("TrackStatsExtension"):
            continue
        for child in extension:
            name = str(child.tag).rsplit("}", 1)[-1]
            try:
                figures[name] = figures.get(name, 0.0) + float((child.text or "").strip())
            except ValueError:
                continue
    return figures


def _marks(document: gpxpy.gpx.GPX, tracks: list[gpxpy.gpx.GPXTrack], start: dt.datetime, end: dt.datetime) -> list[Mark]:
    """A mark for each waypoint timed during the track (not at its very start or end): how far and how long into it."""
    timed = sorted(
        (point.time for point in document.waypoints if point.time is not None and start < point.time < end),
    )
    if not timed:
        return []
    marks: list[Mark] = []
    points = sorted(
        (point for track in tracks for segment in track.segments for point in segment.points if point.time is not None),
        key=lambda point: point.time,
    )
    travelled = 0.0
    position = 0
    for moment in timed:
        while position + 1 < len(points) and points[position + 1].time <= moment:
            travelled += points[position + 1].distance_2d(points[position]) or 0.0
            position += 1
        marks.append(Mark(distance_m=travelled, elapsed_s=(moment - start).total_seconds(), label="marker"))
    return marks
