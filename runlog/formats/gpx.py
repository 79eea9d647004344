"""GPX tracks recorded by a watch or phone, read as a stream; gpxpy measures the tracks.

A GPX file's own summary (the track-statistics extension OpenTracks and Garmin
write) is preferred to figures recomputed from the points. A route, or a file
whose tracks have no times, is a plan rather than something run: it is refused;
beside timed tracks (GPSBabel's dump of a handheld GPS) untimed ones are passed
over. A track whose type names no sport (OpenTracks' ``unknown``) is a run or a
walk by its moving pace.
Waypoints with a time on the way (OpenTracks' markers) become marks. The
points themselves are only read for those figures, never kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import gpxpy.gpx
import gpxpy.gpxfield

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local
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
    document = _Document()
    walk(data, document, "GPX")
    tracks = [track for track in document.tracks if any(segment.points for segment in track.segments)]
    if not tracks:
        if document.routes:
            raise Refused(RefusalCode.NOT_ACTIVITY, "is a route (a plan), not a recorded activity")
        raise Refused(RefusalCode.NOT_ACTIVITY, "holds no recorded track, only waypoints")
    # A file is one activity: several tracks in it (a device's log dumped by GPSBabel,
    # a recording resumed after a crash) are parts of it. Tracks without times beside
    # timed ones are the device's stored routes or saved tracks: the timed ones were run.
    timed = [(track, track.get_time_bounds()) for track in tracks if _timed(track)]
    if not timed:
        raise Refused(RefusalCode.NO_TIMES, "has tracks without times only, so it is a plan rather than a run")
    tracks = [track for track, _ in timed]
    first = min(bound.start_time for _, bound in timed)
    last = max(bound.end_time for _, bound in timed)
    stats = _summary([document.stats[id(track)] for track in tracks])
    distance = stats.get("Distance", sum(track.length_2d() for track in tracks))
    moving = sum(_moving_time(track) for track in tracks)
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


class _Document:
    """What runlog reads of a GPX, gathered element by element: tracks and their points, routes, waypoint times."""

    def __init__(self) -> None:
        self.tracks: list[gpxpy.gpx.GPXTrack] = []
        #: Each track's statistics extension, by the track's id.
        self.stats: dict[int, list[tuple[str, str]]] = {}
        self.routes = 0
        self.waypoint_times: list[dt.datetime] = []
        self._point: gpxpy.gpx.GPXTrackPoint | None = None
        self._waypoint_time: dt.datetime | None = None

    def start(self, path: list[str], attributes: dict[str, str]) -> None:
        depth, name = len(path), path[-1]
        if depth == 2 and name == "trk":
            self.tracks.append(gpxpy.gpx.GPXTrack())
            self.stats[id(self.tracks[-1])] = []
        elif depth == 3 and name == "trkseg" and path[1] == "trk":
            self.tracks[-1].segments.append(gpxpy.gpx.GPXTrackSegment())
        elif depth == 4 and name == "trkpt" and path[2] == "trkseg":
            self._point = gpxpy.gpx.GPXTrackPoint(_float(attributes.get("lat")), _float(attributes.get("lon")))
        elif depth == 2 and name == "rte":
            self.routes += 1
        elif depth == 2 and name == "wpt":
            self._waypoint_time = None

    def end(self, path: list[str], text: str) -> None:
        depth, name = len(path), path[-1]
        if depth == 5 and path[3] == "trkpt" and self._point is not None:
            if name == "time":
                self._point.time = _time(text)
            elif name == "ele" and text.strip():
                self._point.elevation = _float(text)
        elif depth == 4 and name == "trkpt" and self._point is not None:
            self.tracks[-1].segments[-1].points.append(self._point)
            self._point = None
        elif depth == 3 and path[1] == "trk" and name == "type":
            self.tracks[-1].type = text
        elif depth == 5 and path[1] == "trk" and path[2] == "extensions" and path[3].endswith("TrackStatsExtension"):
            self.stats[id(self.tracks[-1])].append((name, text))
        elif depth == 3 and path[1] == "wpt" and name == "time":
            self._waypoint_time = _time(text)
        elif depth == 2 and name == "wpt" and self._waypoint_time is not None:
            self.waypoint_times.append(self._waypoint_time)


def _timed(track: gpxpy.gpx.GPXTrack) -> bool:
    """True for a recorded track: nine in ten of its points or more have a time (a few may lack one)."""
    points = [point for segment in track.segments for point in segment.points]
    return sum(point.time is not None for point in points) >= 0.9 * len(points)


def _float(text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        raise Refused(RefusalCode.DAMAGED, "is damaged: a point's position or height is not a number") from None


def _time(text: str) -> dt.datetime | None:
    try:
        return gpxpy.gpxfield.parse_time(text.strip())
    except (gpxpy.gpx.GPXException, ValueError, OverflowError):
        raise Refused(RefusalCode.BAD_VALUE, "has a time that is not a time") from None


def _moving_time(track: gpxpy.gpx.GPXTrack) -> float:
    moving = track.get_moving_data()
    return float(moving.moving_time) if moving else 0.0


def _summary(extensions: list[list[tuple[str, str]]]) -> dict[str, float]:
    """The numbers of the tracks' statistics extensions (Distance, TimerTime, MovingTime, ...), added up."""
    figures: dict[str, float] = {}
    for name, text in (pair for pairs in extensions for pair in pairs):
        try:
            figures[name] = figures.get(name, 0.0) + float(text.strip())
        except ValueError:
            continue
    return figures


def _marks(document: _Document, tracks: list[gpxpy.gpx.GPXTrack], start: dt.datetime, end: dt.datetime) -> list[Mark]:
    """A mark for each waypoint timed during the track (not at its very start or end): how far and how long into it."""
    timed = sorted(
        (moment for moment in document.waypoint_times if start < moment < end),
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
