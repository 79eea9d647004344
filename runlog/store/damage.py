"""Stored values checked before runlog believes them.

The CHECK constraints keep runlog's own writes sane, but a file edited by
another program (or damaged) can hold anything: a pain site outside the
vocabulary, intensity 99, a distance of infinity (which passes
``distance_m >= 0``), a date that is not a date, text where a number belongs.
Every value read is checked here before it becomes a domain object or a CSV
field; a bad one raises ``DamagedLog``, naming the table, column and row but
never the value.

The checks take the stored form (text, numbers) as well as the form
SQLAlchemy converts it to (``date``, ``time``), so the same table of checks
serves the ORM reads, the export's raw rows and the full scan.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping

from runlog.domain.activity import ActivityKind
from runlog.domain.dates import FIRST_DATE
from runlog.domain.limits import CADENCE_LIMIT_SPM, CLIMB_LIMIT_M, DISTANCE_LIMIT_M, DURATION_LIMIT_S
from runlog.domain.vocab import NextMorning, OrthoticType, PainSite, ShoeType, Side
from runlog.errors import DamagedLog

Check = Callable[[object], bool]

_TIME = re.compile(r"\d\d:\d\d(:\d\d(\.\d{1,6})?)?")


def _date(value: object) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _time(value: object) -> bool:
    if isinstance(value, dt.time):
        return True
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return False
    try:
        dt.time.fromisoformat(value)
    except ValueError:
        return False
    return True


def _timestamp(value: object) -> bool:
    if isinstance(value, dt.datetime):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(low: float, high: float = math.inf, low_open: bool = False) -> Check:
    """Finite, at least ``low`` (more than it if ``low_open``) and under ``high``."""

    def check(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return False
        return (value > low if low_open else value >= low) and value < high

    return check


def _run_date(value: object) -> bool:
    """A date, not before the first date a run may have (``domain.dates.FIRST_DATE``)."""
    if not _date(value):
        return False
    return (value if isinstance(value, dt.date) else dt.date.fromisoformat(value)) >= FIRST_DATE


#: A run's figures are held to the form's and the CSV's limits (``domain.limits``).
_DISTANCE = _number(0, DISTANCE_LIMIT_M)
_DURATION = _number(0, DURATION_LIMIT_S)


def _whole(low: int, high: int) -> Check:
    return lambda value: type(value) is int and low <= value <= high


def _one_of(values) -> Check:
    allowed = frozenset(v.value if hasattr(v, "value") else v for v in values)
    return lambda value: isinstance(value, str) and value in allowed


def _name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text(value: object) -> bool:
    return isinstance(value, str)


def _optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _id(value: object) -> bool:
    return type(value) is int


#: Each table's columns and what a value runlog wrote looks like.
CHECKS: dict[str, dict[str, Check]] = {
    "runs": {
        "date": _run_date,
        "start_time": _optional(_time),
        "distance_m": _DISTANCE,
        "duration_s": _number(0, DURATION_LIMIT_S, low_open=True),
        "shoe_id": _optional(_id),
        "orthotic_id": _optional(_id),
        "effort": _optional(_whole(1, 10)),
        "notes": _text,
        "created_at": _timestamp,
        "updated_at": _timestamp,
        "kind": _one_of(ActivityKind),
        "elapsed_s": _optional(_DURATION),
        "source": _optional(_text),
        "cadence_spm": _optional(_number(0, math.nextafter(CADENCE_LIMIT_SPM, math.inf))),
        "ascent_m": _optional(_number(0, math.nextafter(CLIMB_LIMIT_M, math.inf))),
        "descent_m": _optional(_number(0, math.nextafter(CLIMB_LIMIT_M, math.inf))),
        "before_onset_descent_m": _optional(_number(0, math.nextafter(CLIMB_LIMIT_M, math.inf))),
        "before_onset_cadence_spm": _optional(_number(0, math.nextafter(CADENCE_LIMIT_SPM, math.inf))),
    },
    "pains": {
        "run_id": _id,
        "site": _one_of(PainSite),
        "side": _one_of(Side),
        "onset_m": _optional(_DISTANCE),
        "onset_s": _optional(_DURATION),
        "intensity": _whole(0, 10),
        "stopped_early": lambda value: value in (0, 1) and not isinstance(value, float),
        "next_morning": _optional(_one_of(NextMorning)),
    },
    "shoes": {
        "name": _name,
        "type": _optional(_one_of(ShoeType)),
        "first_used": _optional(_date),
        "start_distance_m": _number(0),
        "retire_distance_m": _number(0, low_open=True),
        "retired_on": _optional(_date),
    },
    "orthotics": {
        "name": _name,
        "type": _optional(_one_of(OrthoticType)),
        "first_used": _optional(_date),
        "retired_on": _optional(_date),
    },
    "settings": {
        "units": _one_of(("km", "mi")),
        "week_start": _whole(0, 6),
        "runner_name": _text,
        "watch_folder": _optional(_text),
    },
    "marks": {
        "run_id": _id,
        "distance_m": _optional(_DISTANCE),
        "elapsed_s": _optional(_DURATION),
        "label": _one_of(("lap", "marker")),
    },
}


def check_values(table: str, row_id: object, values: Mapping[str, object]) -> None:
    """Raise ``DamagedLog`` unless every checked column in ``values`` holds a
    value runlog writes (columns not in ``values`` are not looked at)."""
    if not _id(row_id):
        raise DamagedLog(table, "id")
    for column, check in CHECKS[table].items():
        if column in values and not check(values[column]):
            raise DamagedLog(table, column, row_id)


def check_object(table: str, row) -> None:
    """``check_values`` for a row with its columns as attributes (an ORM
    object, a SQLAlchemy ``Row``, a named tuple); columns it lacks are not
    looked at."""
    values = {column: getattr(row, column) for column in CHECKS[table] if hasattr(row, column)}
    check_values(table, getattr(row, "id", 1), values)


def scan(connection) -> None:
    """Check every stored value of every table, in stored form, through the
    driver (no type conversion that could fail first); raise ``DamagedLog`` at
    the first bad one. Called when a read failed, to name what is wrong.
    ``connection`` is SQLAlchemy's or the standard library's."""
    execute = getattr(connection, "exec_driver_sql", None) or connection.execute
    for table, checks in CHECKS.items():
        columns = ", ".join(["id", *checks])
        cursor = execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - fixed names
        for row in cursor:
            check_values(table, row[0], dict(zip(checks, row[1:], strict=True)))


_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
#: Where the checked values sit in an export row: (table, index, column).
_FIELDS = (
    ("runs", 1, "date"), ("runs", 3, "distance_m"), ("runs", 4, "duration_s"), ("runs", 9, "effort"),
    ("runs", 10, "notes"), ("shoes", 5, "name"), ("shoes", 6, "type"), ("orthotics", 7, "name"),
    ("orthotics", 8, "type"), ("pains", 11, "site"), ("pains", 12, "side"), ("pains", 13, "onset_m"),
    ("pains", 14, "onset_s"), ("pains", 15, "intensity"), ("pains", 16, "stopped_early"),
    ("pains", 17, "next_morning"), ("runs", 18, "kind"),
)
#: Columns that are absent (NULL) when the run has no gear or no pain.
_OUTER = {"shoes": 5, "orthotics": 7, "pains": 11}


#: The same as (index, check, index of the cell that is NULL when the
#: table's part is absent), looked up once.
_CHECKERS = tuple((index, CHECKS[table][column], _OUTER.get(table)) for table, index, column in _FIELDS)


def bad_export_field(row: tuple) -> tuple[str, str] | None:
    """The (table, column) of the first value in an export row that runlog
    never writes, or ``None``: an export must not carry one silently."""
    for index, check, outer in _CHECKERS:
        if not check(row[index]) and (outer is None or row[outer] is not None):
            return next((table, column) for table, at, column in _FIELDS if at == index)
    if row[2] is not None and not (isinstance(row[2], str) and _CLOCK.fullmatch(row[2])):
        return "runs", "start_time"
    return None


class reading:  # noqa: N801 - used as a context manager, like contextlib's
    """``with reading(session):`` around a read: a value the driver or
    SQLAlchemy cannot convert (a date that is not a date, text in a number
    column) becomes the ``DamagedLog`` that names it, not a traceback that
    quotes it."""

    def __init__(self, session) -> None:
        self.session = session

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, _traceback) -> bool:
        if error is None or isinstance(error, DamagedLog):
            return False
        if isinstance(error, ValueError | TypeError | OverflowError | ArithmeticError):
            scan(self.session.connection())
            # Nothing stored is out of line: a real bug, to be reported as one.
        return False
