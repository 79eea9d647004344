"""A GPX document's tracks measured as it streams: no point is kept but the one before.

Each track's length, moving time and first and last times are added up point
by point with gpxpy's own formulas (its distance, its 1 km/h stopped
threshold), so the figures equal gpxpy's ``length_2d``, ``get_moving_data``
and ``get_time_bounds``, while a track of millions of points takes a few
dozen bytes a timed point (kept only to place waypoint markers). The climb
is the sum of the rises and of the drops between a segment's successive
heights, unsmoothed; the cadence is the mean of the points' ``cad`` extension
(Garmin's TrackPointExtension, in strides a minute), doubled into steps.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field

import gpxpy.gpx
import gpxpy.gpxfield
from gpxpy.geo import distance

from runlog.formats.activity_result import RefusalCode, Refused

#: More tracks or waypoints than any device writes to one file: a stranger's file built to fill memory.
MAX_TRACKS = 10_000
MAX_WAYPOINTS = 100_000
#: gpxpy's DEFAULT_STOPPED_SPEED_THRESHOLD: slower than this (km/h) between two points is standing still.
STOPPED_KMH = 1.0


@dataclass(slots=True)
class Point:
    latitude: float
    longitude: float
    elevation: float | None = None
    time: dt.datetime | None = None
    cadence: float | None = None


@dataclass(slots=True)
class Track:
    """One ``<trk>``: its type, statistics extension, and figures summed over its segments."""

    type: str | None = None
    stats: list[tuple[str, str]] = field(default_factory=list)
    points: int = 0
    timed: int = 0
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    length_2d: float = 0.0
    moving_s: float = 0.0
    ascent_m: float = 0.0
    descent_m: float = 0.0
    heights: int = 0
    cadence_sum: float = 0.0
    cadences: int = 0
    #: The timed points' times (POSIX seconds), latitudes and longitudes, in file order.
    times: array = field(default_factory=lambda: array("d"))
    latitudes: array = field(default_factory=lambda: array("d"))
    longitudes: array = field(default_factory=lambda: array("d"))
    previous: Point | None = None

    @property
    def recorded(self) -> bool:
        """True for a recorded track: nine in ten of its points or more have a time (a few may lack one)."""
        return self.points > 0 and self.timed >= 0.9 * self.points

    def add(self, point: Point) -> None:
        """One more point of the current segment, measured against the one before it."""
        self.points += 1
        previous = self.previous
        if point.elevation is not None:
            self.heights += 1
            if previous is not None and previous.elevation is not None:
                rise = point.elevation - previous.elevation
                if rise > 0:
                    self.ascent_m += rise
                else:
                    self.descent_m -= rise
        if point.cadence is not None:
            self.cadence_sum += point.cadence
            self.cadences += 1
        if previous is not None:
            flat = distance(point.latitude, point.longitude, None, previous.latitude, previous.longitude, None)
            if flat:
                self.length_2d += flat
            if point.time and previous.time:
                if point.elevation and previous.elevation:
                    step = distance(point.latitude, point.longitude, point.elevation,
                                    previous.latitude, previous.longitude, previous.elevation)
                else:
                    step = flat
                seconds = (point.time - previous.time).total_seconds()
                if seconds > 0 and step and (step / 1000) / (seconds / 3600) > STOPPED_KMH:
                    self.moving_s += seconds
        if point.time is not None:
            self.timed += 1
            self.start = self.start or point.time
            self.end = point.time
            self.times.append(point.time.timestamp())
            self.latitudes.append(point.latitude)
            self.longitudes.append(point.longitude)
        self.previous = point


class Document:
    """What runlog reads of a GPX, gathered element by element: tracks, routes counted, waypoint times."""

    def __init__(self) -> None:
        self.tracks: list[Track] = []
        self.routes = 0
        self.waypoint_times: list[dt.datetime] = []
        self._point: Point | None = None
        self._waypoint_time: dt.datetime | None = None

    def start(self, path: list[str], attributes: dict[str, str]) -> None:
        depth, name = len(path), path[-1]
        if depth == 2 and name == "trk":
            if len(self.tracks) >= MAX_TRACKS:
                raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_TRACKS:,} tracks, more than any recording")
            self.tracks.append(Track())
        elif depth == 3 and name == "trkseg" and path[1] == "trk":
            self.tracks[-1].previous = None
        elif depth == 4 and name == "trkpt" and path[2] == "trkseg":
            self._point = Point(_float(attributes.get("lat")), _float(attributes.get("lon")))
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
        elif depth == 7 and path[3] == "trkpt" and name == "cad" and self._point is not None and text.strip():
            self._point.cadence = _float(text)
        elif depth == 4 and name == "trkpt" and self._point is not None:
            self.tracks[-1].add(self._point)
            self._point = None
        elif depth == 3 and path[1] == "trk" and name == "type":
            self.tracks[-1].type = text
        elif depth == 5 and path[1] == "trk" and path[2] == "extensions" and path[3].endswith("TrackStatsExtension"):
            self.tracks[-1].stats.append((name, text))
        elif depth == 3 and path[1] == "wpt" and name == "time":
            self._waypoint_time = _time(text)
        elif depth == 2 and name == "wpt" and self._waypoint_time is not None:
            if len(self.waypoint_times) >= MAX_WAYPOINTS:
                raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_WAYPOINTS:,} waypoints, more than any recording")
            self.waypoint_times.append(self._waypoint_time)


def walked_until(tracks: list[Track], moments: list[float]) -> list[float]:
    """How far (2D, metres) the timed points of ``tracks``, in time order, had gone at each of ``moments`` (sorted)."""
    times = array("d", (moment for track in tracks for moment in track.times))
    latitudes = array("d", (value for track in tracks for value in track.latitudes))
    longitudes = array("d", (value for track in tracks for value in track.longitudes))
    order = range(len(times))
    if any(times[index] > times[index + 1] for index in range(len(times) - 1)):
        order = sorted(order, key=times.__getitem__)
    walked: list[float] = []
    travelled = 0.0
    position = 0
    for moment in moments:
        while position + 1 < len(order) and times[order[position + 1]] <= moment:
            here, before = order[position + 1], order[position]
            travelled += distance(latitudes[here], longitudes[here], None,
                                  latitudes[before], longitudes[before], None) or 0.0
            position += 1
        walked.append(travelled)
    return walked


def _float(text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        raise Refused(RefusalCode.DAMAGED, "is damaged: a point's position or height is not a number") from None


def _time(text: str) -> dt.datetime | None:
    """A GPX time, aware (a time without a zone is read as UTC, as gpxpy's figures treat it)."""
    try:
        moment = gpxpy.gpxfield.parse_time(text.strip())
    except (gpxpy.gpx.GPXException, ValueError, OverflowError):
        raise Refused(RefusalCode.BAD_VALUE, "has a time that is not a time") from None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment
