"""The CSV export's rows, read from a SQLite log with the standard library's ``sqlite3``.

Importing SQLAlchemy costs more CPU than the ``sqlite3`` shell spends on a
whole 100,000-row export, and an export needs nothing of the ORM: it is one
joined select whose stored forms go straight into the file. So a SQLite log
is exported with this plain SQL, and ``bulk.export_rows`` (the same select
in SQLAlchemy Core) serves other databases; a test holds the two to the same
rows. The rows come in batches, which the exporter turns into cells a whole
column at a time.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from runlog.store.skipping import Damage, find_damage

#: As the engine's: a runlog writing at the same time makes this read wait, not fail.
BUSY_TIMEOUT_S = 15.0
#: Rows per batch: big enough that the per-batch work vanishes, small enough
#: that a long log is never held in memory whole.
BATCH = 2000

#: ``bulk.export_rows``'s select: the same columns, joins and order (NULL start
#: times sort first, and SQLite walks ix_runs_date_start instead of sorting).
_SELECT = (
    "SELECT runs.id, runs.date, substr(runs.start_time, 1, 5), runs.distance_m, runs.duration_s, "
    "shoes.name, shoes.type, orthotics.name, orthotics.type, runs.effort, runs.notes, "
    "pains.site, pains.side, pains.onset_m, pains.onset_s, pains.intensity, pains.stopped_early, "
    "pains.next_morning, runs.kind, runs.cadence_spm, runs.ascent_m, runs.descent_m "
    "FROM runs "
    "LEFT OUTER JOIN shoes ON shoes.id = runs.shoe_id "
    "LEFT OUTER JOIN orthotics ON orthotics.id = runs.orthotic_id "
    "LEFT OUTER JOIN pains ON pains.run_id = runs.id"
)
_ORDER = " ORDER BY runs.date, runs.start_time, runs.id, pains.id"


def export_batches(path: Path, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[list[tuple]]:
    """The rows of ``bulk.export_rows`` (same tuples, same order) for the
    SQLite log at ``path``, in lists of up to ``BATCH`` rows.

    One select is one snapshot of the log: a write landing meanwhile is
    either wholly in the export or not at all. The connection only reads,
    and is closed when the iteration ends or is abandoned.
    """
    where, parameters = [], []
    if since is not None:
        where.append("runs.date >= ?")
        parameters.append(since.isoformat())
    if until is not None:
        where.append("runs.date <= ?")
        parameters.append(until.isoformat())
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + _ORDER
    # mode=rw: a log removed meanwhile is an error, not a new empty file made with the umask's mode.
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = ON")
        cursor = connection.execute(sql, parameters)
        while batch := cursor.fetchmany(BATCH):
            # Checked, and damaged runs left out, by ``skipping.healthy_batches``.
            yield batch
    finally:
        connection.close()


def log_units(path: Path) -> str:
    """The distance unit (``km`` or ``mi``) a SQLite log is set to show; ``km``
    when no setting is stored. Read with ``sqlite3``, as the rows are."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None)
    try:
        row = connection.execute("SELECT units FROM settings LIMIT 1").fetchone()
    finally:
        connection.close()
    return row[0] if row and row[0] in ("km", "mi") else "km"


def damage_in(path: Path) -> Damage:
    """``find_damage`` on the SQLite log at ``path``, read with ``sqlite3``."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None)
    try:
        return find_damage(connection)
    finally:
        connection.close()
