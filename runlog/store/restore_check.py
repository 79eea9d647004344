"""A backup's every row checked before a restore loads it, as an import checks a file.

A backup is a file someone may have handed over or edited: it can hold a
value runlog never writes (text in a number, a date like 2026-13-45, an
integer date, infinity), a figure the form and the CSV refuse (9999-12-31,
1e308 m), a name with escapes, a pain of a run that is not there, or two
shoes of one name. Each would break the log after the restore, or make the
load fail halfway with the database's own error. ``check_backup`` reads each
table in stored form, through the driver (no conversion that could fail
first), and raises ``UserError`` at the first bad row: one sentence naming
the file, the table and the row id, never the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from runlog.domain.limits import day_problem, distance_problem, duration_problem, run_problem
from runlog.domain.text import name_problem, notes_problem
from runlog.errors import UserError
from runlog.store.damage import CHECKS

#: The longest text each column holds (PostgreSQL refuses longer; SQLite would keep it).
_LENGTHS = {("shoes", "name"): 200, ("orthotics", "name"): 200, ("runs", "source"): 100,
            ("settings", "runner_name"): 200}
#: Columns that point at another table's rows: (table, column) -> the table pointed at.
_POINTERS = {("runs", "shoe_id"): "shoes", ("runs", "orthotic_id"): "orthotics",
             ("pains", "run_id"): "runs", ("marks", "run_id"): "runs"}
#: Columns no two rows may share.
_UNIQUE = {("shoes", "name"), ("orthotics", "name"), ("runs", "source")}
#: Tables in the order their rows are checked: a pointer's target comes first.
_ORDER = ("settings", "shoes", "orthotics", "runs", "pains", "marks")


class BadRow(UserError):
    """A backup row a restore refuses."""


def check_backup(execute: Callable, path: Path, today: dt.date) -> None:
    """Check every row of the backup ``execute`` reads (a driver-level
    ``execute(sql)``); ``BadRow`` names the first bad one, as
    ``"<path> cannot be restored: runs row 7 holds ... ; nothing was restored"``."""
    seen: dict[str, set[int]] = {}
    for table in _ORDER:
        columns = list(CHECKS[table])
        cursor = execute(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")  # noqa: S608 - fixed names
        ids: set[int] = set()
        taken: dict[str, set[object]] = {column: set() for column in columns if (table, column) in _UNIQUE}
        for row in cursor:
            row_id, values = row[0], dict(zip(columns, row[1:], strict=True))
            if type(row_id) is not int or row_id in ids or (table == "settings" and row_id != 1):
                raise BadRow(f"{path} cannot be restored: the {table} table holds a row without a proper id; "
                             "nothing was restored")
            problem = _row_problem(table, values, today, seen, taken)
            if problem:
                raise BadRow(f"{path} cannot be restored: {table} row {row_id} {problem}; nothing was restored")
            ids.add(row_id)
        seen[table] = ids


def _row_problem(table: str, values: dict, today: dt.date, seen: dict[str, set[int]],
                 taken: dict[str, set[object]]) -> str | None:
    for column, check in CHECKS[table].items():
        if not check(values[column]):
            return f"holds a value runlog never writes in {column}"
    for (in_table, column), limit in _LENGTHS.items():
        if in_table == table and values[column] is not None and len(values[column]) > limit:
            return f"holds a {column} longer than {limit} characters"
    for (in_table, column), target in _POINTERS.items():
        if in_table == table and values[column] is not None and values[column] not in seen[target]:
            return f"names {target} row {values[column]}, which is not in the backup"
    for column, values_seen in taken.items():
        if values[column] is not None:
            if values[column] in values_seen:
                return f"repeats the {column} of an earlier row"
            values_seen.add(values[column])
    return _RULES[table](values, today)


def _date(text: object) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text) if isinstance(text, str) else text


def _runs(values: dict, today: dt.date) -> str | None:
    problem = run_problem(_date(values["date"]), values["distance_m"], values["duration_s"], today,
                          values["elapsed_s"])
    if problem is None and notes_problem(values["notes"]):
        problem = "its notes hold control characters"
    if problem is None and values["source"] is not None and name_problem(values["source"]):
        problem = "its source holds control characters"
    return problem


def _pains(values: dict, today: dt.date) -> str | None:
    if values["onset_m"] is None and values["onset_s"] is None:
        return "has a pain without an onset"
    return _onsets(values["onset_m"], values["onset_s"], "onset")


def _marks(values: dict, today: dt.date) -> str | None:
    if values["distance_m"] is None and values["elapsed_s"] is None:
        return "has a mark without a point"
    return _onsets(values["distance_m"], values["elapsed_s"], "mark")


def _onsets(metres: object, seconds: object, what: str) -> str | None:
    return ((metres is not None and distance_problem(metres, f"{what}'s distance"))
            or (seconds is not None and duration_problem(seconds, f"{what}'s time", more_than_zero=False))
            or None)


def _gear(values: dict, today: dt.date) -> str | None:
    if name_problem(values["name"]):
        return "has a name holding control characters"
    for column in ("first_used", "retired_on"):
        if values[column] is not None and (problem := day_problem(_date(values[column]), today)):
            return problem.replace("its date", f"its {column.replace('_', ' ')} date")
    # Distances: the shoe form takes any finite one (the checks above), so a restore does too.
    return None


def _settings(values: dict, today: dt.date) -> str | None:
    if name_problem(values["runner_name"]):
        return "has a runner name holding control characters"
    return None


_RULES: dict[str, Callable[[dict, dt.date], str | None]] = {
    "runs": _runs, "pains": _pains, "marks": _marks, "shoes": _gear, "orthotics": _gear, "settings": _settings,
}
