"""Garmin's Training Center files (TCX), read as a stream of elements (:mod:`runlog.formats.xml_stream`).

Totals are the laps' own (timer time and distance, as the device summed them).
Laps ended by a press (``TriggerMethod`` Manual) become marks. Strava writes
``Sport="Other"`` for what it cannot name; its export's CSV then gives the kind.
Track points are only read for the elapsed time, the climb (the sum of the
rises and of the drops between successive ``AltitudeMeters``) and the average
cadence (``RunCadence``, in strides a minute, doubled into steps), never kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local
from runlog.formats.xml_stream import walk


def is_tcx(head: str) -> bool:
    """True for the start of a TCX document (leading whitespace and a BOM already stripped)."""
    return "<TrainingCenterDatabase" in head[:4096]


def read_tcx(data: bytes, source: str | None = None, kind: ActivityKind | None = None) -> ActivitiesRead:
    """The on-foot activities of a TCX file's bytes, and the other sports counted.

    ``kind``, when given (the Strava export's own type), overrides the file's ``Sport``.
    Raises :class:`Refused` for a file that does not parse or holds no activity
    (a course, a workout).
    """
    document = _Document()
    walk(data, document, "TCX")
    activities = document.activities
    if not activities:
        if document.courses:
            raise Refused(RefusalCode.NOT_ACTIVITY, "is a course (a plan), not a recorded activity")
        raise Refused(RefusalCode.NOT_ACTIVITY, "holds no recorded activity")
    source = source or fingerprint(data)
    result = ActivitiesRead()
    left_out: Counter[str] = Counter()
    for index, element in enumerate(activities):
        sport = element.sport
        activity_kind = kind or kind_of_sport(sport)
        if activity_kind is None:
            left_out[sport.lower()] += 1
            continue
        activity = _activity(element, activity_kind, source if len(activities) == 1 else f"{source}#{index}")
        result.activities.append(activity)
    result.left_out = left_out
    return result


@dataclass(slots=True)
class _Lap:
    start: str | None
    distance: str | None = None
    timer: str | None = None
    trigger: str = ""


@dataclass(slots=True)
class _Element:
    """One ``Activity`` of the file: what runlog reads of it."""

    sport: str
    id: str | None = None
    laps: list[_Lap] = field(default_factory=list)
    last_time: str | None = None
    last_height: float | None = None
    heights: int = 0
    ascent_m: float = 0.0
    descent_m: float = 0.0
    cadence_sum: float = 0.0
    cadences: int = 0

    def height(self, text: str) -> None:
        """One more track point's height, measured against the one before."""
        height = _number(text)
        if self.last_height is not None:
            rise = height - self.last_height
            if rise > 0:
                self.ascent_m += rise
            else:
                self.descent_m -= rise
        self.last_height = height
        self.heights += 1


#: More activities or laps than any device writes to one file: a stranger's file built to fill memory.
MAX_ACTIVITIES = 10_000
MAX_LAPS = 100_000


class _Document:
    """The activities of a TCX, gathered element by element (Activities/Activity/Lap/...)."""

    def __init__(self) -> None:
        self.activities: list[_Element] = []
        self.courses = False
        self._laps = 0

    def start(self, path: list[str], attributes: dict[str, str]) -> None:
        depth, name = len(path), path[-1]
        if depth == 3 and name == "Activity" and path[1] == "Activities":
            if len(self.activities) >= MAX_ACTIVITIES:
                raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_ACTIVITIES:,} activities")
            self.activities.append(_Element(attributes.get("Sport", "Other")))
        elif depth == 4 and name == "Lap" and self._in_activity(path):
            self._laps += 1
            if self._laps > MAX_LAPS:
                raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_LAPS:,} laps, more than any recording")
            self.activities[-1].laps.append(_Lap(attributes.get("StartTime")))
        elif depth == 2 and name == "Courses":
            self.courses = True

    def end(self, path: list[str], text: str) -> None:
        depth, name = len(path), path[-1]
        if not self._in_activity(path) or depth < 4:
            return
        activity = self.activities[-1]
        if depth == 4 and name == "Id":
            activity.id = text
        elif depth == 5 and path[3] == "Lap":
            lap = activity.laps[-1]
            if name == "DistanceMeters":
                lap.distance = text
            elif name == "TotalTimeSeconds":
                lap.timer = text
            elif name == "TriggerMethod":
                lap.trigger = text.strip()
        elif name == "Time" and path[-2] == "Trackpoint":
            activity.last_time = text
        elif name == "AltitudeMeters" and path[-2] == "Trackpoint" and text.strip():
            activity.height(text)
        elif name == "RunCadence" and len(path) >= 4 and path[-4] == "Trackpoint" and text.strip():
            activity.cadence_sum += _number(text)
            activity.cadences += 1

    def _in_activity(self, path: list[str]) -> bool:
        return len(path) >= 3 and path[1] == "Activities" and path[2] == "Activity" and bool(self.activities)


def _activity(element: _Element, kind: ActivityKind, source: str) -> Activity:
    laps = element.laps
    if not laps:
        raise Refused(RefusalCode.NO_FIGURES, "has an activity without laps: no distance and no duration")
    start = _time(laps[0].start) or _time(element.id)
    if start is None:
        raise Refused(RefusalCode.NO_TIMES, "has an activity without a start time")
    distance = 0.0
    timer = 0.0
    marks: list[Mark] = []
    for position, lap in enumerate(laps):
        distance += _number(lap.distance)
        timer += _number(lap.timer)
        if lap.trigger == "Manual" and position < len(laps) - 1:
            marks.append(Mark(distance_m=distance, elapsed_s=timer, label="lap"))
    if not distance and not timer:
        raise Refused(RefusalCode.NO_FIGURES, "has no distance and no duration")
    end = _time(element.last_time)
    offset = start.utcoffset()
    day, start_time = split_local(local_start(start, offset if offset else None))
    return Activity(
        kind=kind,
        date=day,
        start_time=start_time,
        distance_m=distance,
        duration_s=timer,
        elapsed_s=(end - start).total_seconds() if end and end > start else None,
        source=source,
        marks=marks,
        cadence_spm=2.0 * element.cadence_sum / element.cadences if element.cadences else None,
        ascent_m=element.ascent_m if element.heights else None,
        descent_m=element.descent_m if element.heights else None,
    )


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise Refused(RefusalCode.BAD_VALUE, f"has a time that is not a time ({text.strip()[:40]!r})") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _number(text: str | None) -> float:
    if not text or not text.strip():
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise Refused(RefusalCode.BAD_VALUE, f"has a figure that is not a number ({text.strip()[:40]!r})") from None
