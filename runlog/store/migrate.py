"""Opening a database file safely: refuse what is not ours, back up, upgrade.

Before anything writes to an existing file it is inspected read-only. A file
that is not SQLite, is damaged, belongs to another program or was made by a
newer runlog is refused with one sentence and left byte-for-byte as it was.
A runlog database on an older schema is copied (SQLite backup API, mode 0600)
next to itself before Alembic upgrades it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from runlog.errors import DatabaseRefused

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"

#: The newest migration's revision. Opening a file already at this revision
#: is the everyday case, and knowing it here spares importing Alembic on
#: every start; a test keeps it equal to the migrations' head.
SCHEMA_HEAD = "0008"


def script_location() -> Path:
    """The bundled migrations: ``runlog/migrations`` when installed, else the
    repository's top-level ``migrations/`` (a source checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "migrations"
    if (installed / "env.py").is_file():
        return installed
    return package.parent / "migrations"


def alembic_config(connectable: Connection | Engine | None = None) -> Config:
    """Alembic's configuration, built in code (no alembic.ini to lose)."""
    import sys

    from alembic.config import Config

    # Alembic's default stdout is bound when alembic.config is first imported, which may be
    # inside a captured (later closed) stream; the stream of the moment is the right one.
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(script_location()))
    if connectable is not None:
        config.attributes["connection"] = connectable
    return config


def head_revision() -> str:
    """The schema revision this version of runlog writes."""
    return SCHEMA_HEAD


def known_revisions() -> set[str]:
    """Every revision the bundled migrations know."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


#: runlog's own tables and the columns each has had since the first schema.
#: A file is taken for a runlog log only if it has exactly these tables
#: (besides Alembic's and SQLite's own) with at least these columns; a test
#: keeps them within the models'.
TABLES: dict[str, frozenset[str]] = {
    "runs": frozenset({"id", "date", "start_time", "distance_m", "duration_s", "shoe_id", "orthotic_id",
                       "effort", "notes", "created_at", "updated_at"}),
    "pains": frozenset({"id", "run_id", "site", "side", "onset_m", "onset_s", "intensity", "stopped_early",
                        "next_morning"}),
    "shoes": frozenset({"id", "name", "type", "first_used", "start_distance_m", "retire_distance_m", "retired_on"}),
    "orthotics": frozenset({"id", "name", "type", "first_used", "retired_on"}),
    "settings": frozenset({"id", "units", "week_start"}),
}
#: Tables and columns added since, which a log at a later revision must have.
ADDED_BY: dict[str, dict[str, frozenset[str]]] = {
    "0002": {"settings": frozenset({"runner_name"})},
    "0004": {"runs": frozenset({"kind", "source", "elapsed_s"}), "settings": frozenset({"watch_folder"}),
             "marks": frozenset({"id", "run_id", "distance_m", "elapsed_s", "label"})},
    "0006": {"forgotten_activities": frozenset({"source", "run_date", "deleted_at"}),
             "kind_gear": frozenset({"kind", "shoe_id", "orthotic_id"}),
             "told_files": frozenset({"fingerprint", "told_at"})},
    "0007": {"changes": frozenset({"id", "date", "kind", "label", "created_at"})},
    "0008": {"runs": frozenset({"cadence_spm", "ascent_m", "descent_m", "before_onset_descent_m",
                                "before_onset_cadence_spm"})},
}
#: Every revision in order: which of ``ADDED_BY`` a log at a revision has.
REVISIONS = ("0001", "0002", "0004", "0005", "0006", "0007", "0008")


def columns_at(revision: str) -> dict[str, frozenset[str]]:
    """runlog's tables and their columns at ``revision`` (one runlog knows)."""
    columns = dict(TABLES)
    for rev in REVISIONS[: REVISIONS.index(revision) + 1]:
        for table, added in ADDED_BY.get(rev, {}).items():
            columns[table] = columns.get(table, frozenset()) | added
    return columns


@dataclass(frozen=True)
class FileState:
    """What a read-only look at the database file found."""

    #: Empty (a file runlog has just created): nothing to back up or refuse.
    empty: bool
    #: The Alembic revision stamped in the file, if any.
    revision: str | None


def inspect_file(path: Path, created: bool = False) -> FileState:
    """Look at ``path`` without writing to it; raise ``DatabaseRefused`` if
    runlog must not open it.

    ``created`` says runlog has just made the file itself: only then may it
    be empty. Anything else must be a runlog log: runlog's tables with their
    columns, no triggers, and one revision runlog knows (or a newer one).
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DatabaseRefused(f"{path} cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseRefused(f"{path} is a folder, not a database file")
    if not stat.S_ISREG(info.st_mode):
        # A device, a pipe (opening it would wait forever) or a socket; SQLite
        # would also create a journal beside it.
        raise DatabaseRefused(
            f"{path} is not a regular file (a device, pipe or socket); runlog keeps its log in an ordinary file"
        )
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DatabaseRefused(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise DatabaseRefused(f"{path} cannot be read ({exc.strerror})") from None
    if not header:
        if created:
            return FileState(empty=True, revision=None)
        raise DatabaseRefused(f"{path} is an empty file, not a runlog log (runlog makes a new log only where no file exists)")
    if header != SQLITE_HEADER:
        raise DatabaseRefused(f"{path} is not a runlog database (it is not an SQLite file)")
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error:
        raise DatabaseRefused(f"{path} cannot be opened as a database") from None
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise DatabaseRefused(f"{path} is damaged (SQLite's integrity check failed)")
        revision = _runlog_revision(path, connection)
    except sqlite3.DatabaseError:
        raise DatabaseRefused(f"{path} is damaged or not a database") from None
    finally:
        connection.close()
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise DatabaseRefused(
            f"{path} was written by a newer version of runlog (schema {revision}); "
            "upgrade runlog to open it"
        )
    return FileState(empty=False, revision=revision)


def _runlog_revision(path: Path, connection: sqlite3.Connection) -> str:
    """The revision of a runlog log; ``DatabaseRefused`` for anything else."""
    kinds: dict[str, set[str]] = {}
    for kind, name in connection.execute("SELECT type, name FROM sqlite_master"):
        kinds.setdefault(kind, set()).add(name)
    tables = {name for name in kinds.get("table", set()) if not name.startswith("sqlite_")}
    if not tables:
        raise DatabaseRefused(
            f"{path} is an SQLite database with no tables, not a runlog log "
            "(runlog makes a new log only where no file exists)"
        )
    ours = tables & TABLES.keys()
    if not ours:
        raise DatabaseRefused(f"{path} is an SQLite database but not runlog's (it has none of runlog's tables)")
    rows = connection.execute("SELECT version_num FROM alembic_version").fetchall() if "alembic_version" in tables else []
    # A known revision says which tables and columns the log must have; an
    # unknown (newer) one must have at least the newest this runlog knows.
    known = rows[0][0] if len(rows) == 1 and rows[0][0] in REVISIONS else SCHEMA_HEAD
    expected = columns_at(known) if rows else TABLES
    if missing := sorted(expected.keys() - tables):
        raise DatabaseRefused(f"{path} is damaged or not runlog's: runlog's table {missing[0]} is missing")
    if extra := sorted(tables - columns_at(SCHEMA_HEAD).keys() - {"alembic_version"}):
        raise DatabaseRefused(f"{path} is not a runlog log as runlog made it: it has a table runlog does not make ({extra[0]})")
    for table, columns in expected.items():
        have = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if lacking := sorted(columns - have):
            raise DatabaseRefused(f"{path} is damaged or not runlog's: table {table} has no column {lacking[0]}")
    if kinds.get("trigger"):
        raise DatabaseRefused(
            f"{path} has a trigger runlog did not make (it was changed by another program); "
            "runlog will not run it on your log"
        )
    if "alembic_version" not in tables:
        raise DatabaseRefused(f"{path} has runlog's tables but no schema revision (no alembic_version table)")
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise DatabaseRefused(
            f"{path} records no single schema revision (its alembic_version table holds {len(rows)} rows); "
            "it is damaged or was changed outside runlog"
        )
    return rows[0][0]


def _read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without creating anything beside it.

    Even a read-only open of a WAL database creates -wal and -shm files. With
    no -wal file present there is nothing un-checkpointed to read, so the file
    can be opened as immutable; with one present it must be read through it.
    """
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return f"file:{quote(str(path))}?{flags}"


def backup(path: Path, revision: str | None, now: dt.datetime | None = None) -> Path:
    """Copy the database next to itself with SQLite's backup API; mode 0600."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.{revision or 'unversioned'}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}.{revision or 'unversioned'}.{counter}.bak")
        counter += 1
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    source = sqlite3.connect(_read_only_uri(path), uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    except BaseException:
        # A half-written copy (a full disk) is no backup: none is left.
        destination.close()
        target.unlink(missing_ok=True)
        raise
    finally:
        destination.close()
        source.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    from alembic import command

    with engine.connect() as connection:
        # Recreating a table (SQLite's only way to change one) drops the old
        # one, and with foreign keys on that would cascade into its children:
        # SQLite's own procedure turns them off (outside any transaction)
        # and checks them before the commit.
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), revision)
                if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the upgrade would leave rows pointing at nothing")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
