"""The TUI's first page, read with the standard library's ``sqlite3``.

Opening runlog should paint the newest runs as fast as a bare Textual app
paints a table. Importing SQLAlchemy alone costs more than that, so the
first page of a SQLite log is read here with plain SQL while the ORM loads
in the background. The rows are converted by the same functions as the ORM
path (``runlog.store.convert``), and a test holds the two paths to the same
result. Everything else goes through the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict, namedtuple
from pathlib import Path

from runlog.domain import Mark, Pain, Run, Settings
from runlog.errors import DamagedLog
from runlog.store.convert import mark_from_row, orthotic_from_row, pain_from_row, run_from_row, settings_from_row, shoe_from_row
from runlog.store.damage import check_values
from runlog.store.skipping import Damage, Skipped, find_damage

#: As the engine's: a second runlog writing makes this read wait, not fail.
BUSY_TIMEOUT_S = 15.0

_RUNS = (
    "SELECT id, date, start_time, distance_m, duration_s, shoe_id, orthotic_id, effort, notes, kind, elapsed_s, source, "
    "cadence_spm, ascent_m, descent_m, before_onset_descent_m, before_onset_cadence_spm, updated_at FROM runs {where}"
    "ORDER BY date DESC, start_time DESC NULLS LAST, id DESC LIMIT ? OFFSET ?"
)


def _not_in(ids: set[int]) -> str:
    """``WHERE id NOT IN (...)`` for the damaged rows' ids (whole numbers, written out), or nothing."""
    return f"WHERE id NOT IN ({', '.join(str(int(i)) for i in sorted(ids))}) " if ids else ""


def _rows(connection: sqlite3.Connection, sql: str, parameters: tuple = ()) -> list:
    cursor = connection.execute(sql, parameters)
    shape = namedtuple("Row", [column[0] for column in cursor.description])
    return [shape(*values) for values in cursor]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _utc(text: str | None) -> dt.datetime | None:
    """A stored UTC timestamp, zone restored, as ``UTCDateTime`` reads it."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC) if text else None


def read_first_page(path: Path, limit: int, offset: int = 0, skipped: Skipped | None = None) -> tuple[Settings, list[Run]]:
    """The settings and a page of runs, newest first, as ``recent_runs`` gives them.

    Stored values are checked as on the ORM path; damaged rows are left out
    as there (``runlog.store.skipping``) and noted on ``skipped``.
    """
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        try:
            return _read(connection, limit, offset, None)
        except (ValueError, TypeError, OverflowError, DamagedLog):
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            damage = find_damage(connection)
            if not damage.rows:
                raise  # nothing stored is out of line: a bug, raised as one
        if skipped is not None:
            skipped.found(damage)
        return _read(connection, limit, offset, damage)
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, limit: int, offset: int, damage: Damage | None) -> tuple[Settings, list[Run]]:
    connection.execute("PRAGMA query_only = ON")
    # One read transaction: the page, its gear and its pains agree.
    connection.execute("BEGIN")
    settings_rows = [] if damage is not None and damage.settings else _rows(
        connection, "SELECT units, week_start, runner_name, watch_folder FROM settings WHERE id = 1")
    runs = _rows(connection, _RUNS.format(where=_not_in(damage.runs if damage else set())), (limit, offset))
    for row in runs:
        check_values("runs", row.id, row._asdict())
    shoes = {row.id: shoe_from_row(row._replace(first_used=_date(row.first_used), retired_on=_date(row.retired_on)))
             for row in _rows(connection, "SELECT * FROM shoes " + _not_in(damage.shoes if damage else set()))}
    orthotics = {row.id: orthotic_from_row(row._replace(first_used=_date(row.first_used), retired_on=_date(row.retired_on)))
                 for row in _rows(connection, "SELECT * FROM orthotics " + _not_in(damage.orthotics if damage else set()))}
    pains: dict[int, list[Pain]] = defaultdict(list)
    laps: dict[int, list[Mark]] = defaultdict(list)
    if runs:
        marks = ", ".join("?" * len(runs))
        ids = tuple(run.id for run in runs)
        for row in _rows(connection, f"SELECT * FROM pains WHERE run_id IN ({marks}) ORDER BY id", ids):
            pains[row.run_id].append(pain_from_row(row))
        for row in _rows(connection, f"SELECT * FROM marks WHERE run_id IN ({marks}) ORDER BY id", ids):
            laps[row.run_id].append(mark_from_row(row))
    connection.execute("COMMIT")
    return settings_from_row(settings_rows[0] if settings_rows else None), [
        run_from_row(row, (shoes, orthotics), pains, laps,
                     date=_date(row.date), start_time=_time(row.start_time), changed_at=_utc(row.updated_at))
        for row in runs
    ]
