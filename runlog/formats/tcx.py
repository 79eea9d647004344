"""Garmin's Training Center files (TCX), read with the standard library's XML parser.

Totals are the laps' own (timer time and distance, as the device summed them).
Laps ended by a press (``TriggerMethod`` Manual) become marks. Strava writes
``Sport="Other"`` for what it cannot name; its export's CSV then gives the kind.
Track points are only read for the elapsed time, never kept.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from collections import Counter

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local

_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def is_tcx(head: str) -> bool:
    """True for the start of a TCX document (leading whitespace and a BOM already stripped)."""
    return "<TrainingCenterDatabase" in head[:4096]


def read_tcx(data: bytes, source: str | None = None, kind: ActivityKind | None = None) -> ActivitiesRead:
    """The on-foot activities of a TCX file's bytes, and the other sports counted.

    ``kind``, when given (the Strava export's own type), overrides the file's ``Sport``.
    Raises :class:`Refused` for a file that does not parse or holds no activity
    (a course, a workout).
    """
    # Strava writes about ten spaces before "<?xml", which XML parsers reject.
    text = data.lstrip(b" \t\r\n")
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:].lstrip(b" \t\r\n")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        raise Refused(RefusalCode.DAMAGED, "is damaged: it is not readable TCX") from None
    activities = root.findall(f"{_NS}Activities/{_NS}Activity")
    if not activities:
        if root.find(f"{_NS}Courses") is not None:
            raise Refused(RefusalCode.NOT_ACTIVITY, "is a course (a plan), not a recorded activity")
        raise Refused(RefusalCode.NOT_ACTIVITY, "holds no recorded activity")
    source = source or fingerprint(data)
    result = ActivitiesRead()
    left_out: Counter[str] = Counter()
    for index, element in enumerate(activities):
        sport = element.get("Sport", "Other")
        activity_kind = kind or kind_of_sport(sport)
        if activity_kind is None:
            left_out[sport.lower()] += 1
            continue
        activity = _activity(element, activity_kind, source if len(activities) == 1 else f"{source}#{index}")
        result.activities.append(activity)
    result.left_out = left_out
    return result


def _activity(element: ElementTree.Element, kind: ActivityKind, source: str) -> Activity:
    laps = element.findall(f"{_NS}Lap")
    if not laps:
        raise Refused(RefusalCode.NO_FIGURES, "has an activity without laps: no distance and no duration")
    start = _time(laps[0].get("StartTime")) or _time(element.findtext(f"{_NS}Id"))
    if start is None:
        raise Refused(RefusalCode.NO_TIMES, "has an activity without a start time")
    distance = 0.0
    timer = 0.0
    marks: list[Mark] = []
    for position, lap in enumerate(laps):
        distance += _number(lap.findtext(f"{_NS}DistanceMeters"))
        timer += _number(lap.findtext(f"{_NS}TotalTimeSeconds"))
        trigger = (lap.findtext(f"{_NS}TriggerMethod") or "").strip()
        if trigger == "Manual" and position < len(laps) - 1:
            marks.append(Mark(distance_m=distance, elapsed_s=timer, label="lap"))
    if not distance and not timer:
        raise Refused(RefusalCode.NO_FIGURES, "has no distance and no duration")
    last = None
    for stamp in element.iterfind(f".//{_NS}Trackpoint/{_NS}Time"):
        last = stamp.text
    end = _time(last)
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
