"""Garmin Connect's activities CSV (the list page's "Export CSV").

Every value is quoted, ``--`` stands for blank, thousands carry a comma
(``"4,808"``) and some locales write decimal commas (``"5,81"``). Times are
``00:31:24`` or ``00:17:48.5``. Distances have no unit: the runner's unit is
given by the caller. ``Date`` is the local date and time, without an offset,
and rows have no id, so an activity is recognised again by its start and sport.
Rides (with a speed in the pace column) and other sports are left out and counted.
``Avg Run Cadence`` is already in steps per minute; ``Total Ascent`` and
``Total Descent`` are in metres, or feet for a runner who uses miles.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

from runlog.domain.activity import Activity, ActivityKind, kind_of_sport
from runlog.domain.units import Units
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, decode_text, split_local, text_lines
from runlog.formats.bounded import MAX_CSV_ACTIVITIES

#: Columns runlog needs; the rest (heart rate, power, ...) are not kept.
REQUIRED = ("Activity Type", "Date", "Distance", "Time")
_TIME = re.compile(r"^(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$|^(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$")
#: A comma followed by other than three digits can only be a decimal comma.
_DECIMAL_COMMA = re.compile(r"^\d+,(\d{1,2}|\d{4,})$")
_BLANK = ("", "--")
_GARMIN_KINDS = {
    "treadmill running": ActivityKind.TREADMILL,
    "indoor running": ActivityKind.TREADMILL,
    "virtual running": ActivityKind.TREADMILL,
    "trail running": ActivityKind.TRAIL_RUN,
    "ultra run": ActivityKind.TRAIL_RUN,
    "hiking": ActivityKind.HIKE,
}


def is_garmin_csv(first_line: str) -> bool:
    """True when a CSV's first line is Garmin Connect's activities header."""
    try:
        names = [name.strip() for name in next(csv.reader([first_line]), [])]
    except csv.Error:  # a NUL byte, a stray carriage return: not Garmin's header
        return False
    return names[:1] == ["Activity Type"] and all(name in names for name in REQUIRED)


def read_garmin_csv(data: bytes, units: Units) -> ActivitiesRead:
    """The on-foot activities of a Garmin Connect CSV, distances read in ``units``.

    Raises :class:`Refused` naming the line and column of the first bad value.
    """
    text = decode_text(data)

    def rows():
        """The records after the header, numbered as lines from 2, blank ones left out (read afresh each time)."""
        reader = csv.reader(text_lines(text))
        next(reader, None)
        return ((number, row) for number, row in enumerate(reader, start=2) if any(cell.strip() for cell in row))

    header = next(csv.reader(text_lines(text)), None)
    if not header or not is_garmin_csv(",".join(f'"{name}"' for name in header)):
        raise Refused(
            RefusalCode.UNKNOWN_HEADER,
            "has a header runlog does not know: Garmin Connect's CSV has the columns " + ", ".join(REQUIRED),
        )
    names = [name.strip() for name in header]
    where = {name: names.index(name) for name in names if name}
    # Two passes over the text rather than a list of every cell: a stranger's CSV of tiny cells stays small.
    decimal_comma = any(_DECIMAL_COMMA.match(_cell(row, where, "Distance")) for _, row in rows())
    result = ActivitiesRead()
    for line, row in rows():
        sport = _cell(row, where, "Activity Type")
        kind = _GARMIN_KINDS.get(sport.lower()) or kind_of_sport(sport)
        if kind is None:
            result.left_out[(sport or "unnamed").lower()] += 1
            continue
        if len(result.activities) >= MAX_CSV_ACTIVITIES:
            raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_CSV_ACTIVITIES:,} activities")
        activity = _activity(row, where, line, kind, units, decimal_comma)
        activity.line = line
        result.activities.append(activity)
    return result


def _cell(row: list[str], where: dict[str, int], name: str) -> str:
    index = where.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _activity(row: list[str], where: dict[str, int], line: int, kind: ActivityKind, units: Units,
              decimal_comma: bool) -> Activity:
    text = _cell(row, where, "Date")
    try:
        start = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Refused(RefusalCode.BAD_VALUE, f"has {text[:40]!r} on line {line} where the Date should be") from None
    distance = _number(_cell(row, where, "Distance"), line, "Distance", decimal_comma)
    duration = _duration(row, where, line, "Time") or _duration(row, where, line, "Moving Time")
    elapsed = _duration(row, where, line, "Elapsed Time")
    if not distance and not duration:
        raise Refused(RefusalCode.NO_FIGURES, f"has an activity without distance or duration on line {line}")
    day, start_time = split_local(start)
    return Activity(
        kind=kind,
        date=day,
        start_time=start_time,
        distance_m=units.to_metres(distance or 0.0),
        duration_s=duration or elapsed or 0.0,
        elapsed_s=elapsed,
        # No id in the file: the local start to the second and the sport recognise it again.
        source=f"garmin:{start.isoformat(timespec='seconds')}:{kind.value}",
        cadence_spm=_number(_cell(row, where, "Avg Run Cadence") or _cell(row, where, "Avg Cadence"), line,
                            "Avg Run Cadence", decimal_comma),
        ascent_m=_climb(_number(_cell(row, where, "Total Ascent"), line, "Total Ascent", decimal_comma), units),
        descent_m=_climb(_number(_cell(row, where, "Total Descent"), line, "Total Descent", decimal_comma), units),
    )


#: Garmin Connect writes elevations in feet for a runner who uses miles.
_FOOT_M = 0.3048


def _climb(value: float | None, units: Units) -> float | None:
    if value is None:
        return None
    return value * _FOOT_M if units is Units.MI else value


def _number(text: str, line: int, column: str, decimal_comma: bool) -> float | None:
    if text in _BLANK:
        return None
    cleaned = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        raise Refused(RefusalCode.BAD_VALUE, f"has {text[:30]!r} on line {line} where {column} should be a number") from None


def _duration(row: list[str], where: dict[str, int], line: int, column: str) -> float | None:
    text = _cell(row, where, column)
    if text in _BLANK:
        return None
    match = _TIME.match(text)
    if not match:
        raise Refused(RefusalCode.BAD_VALUE, f"has {text[:30]!r} on line {line} where {column} should be a time")
    hours, minutes, seconds, short_minutes, short_seconds = match.groups()
    if hours is None:
        hours, minutes, seconds = "0", short_minutes, short_seconds
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))
