"""Reading the dates and durations a tired runner types."""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION = re.compile(r"^(?:(\d+):)?(\d+)(?::(\d{1,2}(?:\.\d+)?))?$")
#: ``2 days ago``, ``a week ago``, ``3d ago``.
_AGO = re.compile(r"^(\d{1,5}|a|an|one)\s*(d|days?|w|wks?|weeks?)\s+ago$")
#: ``last tue``, ``last tuesday``.
_LAST = re.compile(r"^last\s+([a-z]{3,9})$")
#: One part of a duration with units: ``1h``, ``05``, ``45 min``, ``30s``.
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)?")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
DURATION_FORMS = "duration is like 45, 45:30, 1:02:03, 45 min, 1h05 or 45,5"


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date from ISO, ``today``, ``yesterday``, a weekday name (the most recent
    such day, today included) or anything python-dateutil reads unambiguously.

    Raises ``ValueError`` with a short reason when the text is not a date or
    could be read two ways (``03/04/2026``).
    """
    raw = text.strip().lower()
    if not raw:
        raise ValueError("date is empty")
    if raw in ("today", "t"):
        return today
    if raw in ("yesterday", "y"):
        return today - dt.timedelta(days=1)
    index = _weekday(raw)
    if index is not None:
        return today - dt.timedelta(days=(today.weekday() - index) % 7)
    if match := _LAST.match(raw):
        # "last tue": the most recent Tuesday before today (a week ago on a Tuesday).
        index = _weekday(match.group(1))
        if index is None:
            raise ValueError(f"{text.strip()!r} is not a date")
        return today - dt.timedelta(days=(today.weekday() - index - 1) % 7 + 1)
    if match := _AGO.match(raw):
        count = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
        days = count * (7 if match.group(2).startswith("w") else 1)
        try:
            return today - dt.timedelta(days=days)
        except OverflowError:
            raise ValueError(f"{text.strip()!r} is before {FIRST_DATE.isoformat()}") from None
    if _ISO.match(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a real date") from None
    # Imported on first use: dateutil's time-zone data costs every start ~70 ms,
    # and ISO dates and the words above never need it.
    from dateutil import parser as dateparser

    try:
        day_first = dateparser.parse(raw, dayfirst=True, yearfirst=False, default=_default(today))
        month_first = dateparser.parse(raw, dayfirst=False, yearfirst=False, default=_default(today))
    except (ValueError, OverflowError):
        raise ValueError(f"{text.strip()!r} is not a date") from None
    if day_first.date() != month_first.date():
        raise ValueError(f"{text.strip()!r} could be read two ways; use YYYY-MM-DD")
    return day_first.date()


#: The first date a run may have. With ``check_date``, the one rule the run
#: form, the CSV reader and the review's jump share: 1900-01-01 to today.
FIRST_DATE = dt.date(1900, 1, 1)


def date_problem(day: dt.date, today: dt.date) -> str | None:
    """Why ``day`` cannot be a run's date (before 1900 or after ``today``), or ``None``."""
    if day < FIRST_DATE:
        return f"date is before {FIRST_DATE.isoformat()}"
    if day > today:
        return "date is in the future"
    return None


def check_date(day: dt.date, today: dt.date) -> dt.date:
    """``day``, or ``ValueError`` with ``date_problem``'s reason."""
    problem = date_problem(day, today)
    if problem:
        raise ValueError(problem)
    return day


def _weekday(word: str) -> int | None:
    """0 for ``mon``/``monday`` ... 6 for ``sun``; ``None`` for anything else."""
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return index
    return None


def _default(today: dt.date) -> dt.datetime:
    return dt.datetime(today.year, today.month, today.day)


def date_text(day: dt.date) -> str:
    """``Tue 2026-11-24``: the weekday helps a runner find a run."""
    return f"{day:%a} {day.isoformat()}"


def parse_duration(text: str) -> float:
    """Seconds from ``45`` (minutes), ``45:30`` (m:ss), ``1:02:03`` (h:mm:ss),
    or minutes and hours as people write them: ``45,5``, ``45 min``, ``1h``,
    ``1h05``, ``1h 5m 30s``.

    Raises ``ValueError`` with a short reason for anything else.
    """
    raw = text.strip().lower()
    match = _DURATION.match(raw)
    if not match:
        return _duration_in_words(raw)
    first, second, third = match.groups()
    if first is None and third is None:
        return float(second) * 60
    if third is None:
        hours, minutes, seconds = 0, int(first), float(second)
    elif first is None:
        hours, minutes, seconds = 0, int(second), float(third)
    else:
        hours, minutes, seconds = int(first), int(second), float(third)
    if seconds >= 60 or (hours and minutes >= 60):
        raise ValueError("duration has more than 59 in a minutes or seconds place")
    return hours * 3600 + minutes * 60 + seconds


def _duration_in_words(raw: str) -> float:
    """``45,5`` or ``45.5`` (minutes), ``45 min``, ``1h``, ``1h05`` (an
    unmarked number after hours is minutes, after minutes seconds)."""
    parts, position = [], 0
    while position < len(raw):
        match = _PART.match(raw, position)
        if not match or match.end() == position:
            raise ValueError(DURATION_FORMS)
        parts.append((float(match.group(1).replace(",", ".")), match.group(2)))
        position = match.end()
        while position < len(raw) and raw[position] == " ":
            position += 1
    if not parts or len(parts) > 3:
        raise ValueError(DURATION_FORMS)
    seconds, previous = 0.0, None
    for number, unit in parts:
        if unit is None:
            # A bare number: minutes alone or after hours, seconds after minutes.
            unit = {None: "m", "h": "m", "m": "s"}.get(previous)
            if unit is None:
                raise ValueError(DURATION_FORMS)
        unit = unit[0]
        if previous is not None and _UNIT_SECONDS[unit] >= _UNIT_SECONDS[previous]:
            raise ValueError(DURATION_FORMS)
        if previous is not None and number >= 60:
            raise ValueError("duration has more than 59 in a minutes or seconds place")
        seconds += number * _UNIT_SECONDS[unit]
        previous = unit
    return seconds


def parse_hh_mm(text: str) -> dt.time:
    """``HH:MM`` (24-hour) only, as files write it; ``ValueError`` otherwise."""
    match = re.match(r"^(\d{1,2}):(\d{2})$", text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError("start time is HH:MM, 24-hour")
    return dt.time(int(match.group(1)), int(match.group(2)))


_TIME_OF_DAY = re.compile(r"^(\d{1,2})(?::?(\d{2}))?\s*([ap]\.?m?\.?)?$")


def parse_time_of_day(text: str) -> dt.time:
    """A start time as runners type it: ``7``, ``715``, ``07:15``, ``7:15am``,
    ``7pm``, ``19:05``; ``ValueError`` otherwise."""
    raw = text.strip().lower()
    match = _TIME_OF_DAY.match(raw)
    if not match:
        raise ValueError("start time is like 7, 715, 7:15am or 19:05")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError("start time is like 7, 715, 7:15am or 19:05")
    return dt.time(hour, minute)
