"""A complete copy of a log, and loading one into an empty log.

A backup is a runlog SQLite file at the current schema holding every table
runlog keeps (runs, pains, shoes with their start and retirement distances
and retired dates, orthotics, settings, the imports the runner deleted, the
gear per activity kind, the changes the runner recorded, and whatever later
schemas add),
row for row with the same ids. From an SQLite log it is made with SQLite's
backup API; from a PostgreSQL log a new SQLite log is created at the current
schema and filled table by table from one consistent snapshot.

The file appears whole or not at all: it is written under a temporary name
(mode 0600) beside the destination and linked into place only when complete,
never over an existing file. Restoring loads a backup into an empty log in
one transaction: all of it, or nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, Table, create_engine, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from runlog.errors import UserError
from runlog.formats.atomic import process_alive, remove_stale_temporaries
from runlog.store.engine import make_engine
from runlog.store.handle import WRITE_OPTION
from runlog.store.migrate import SCHEMA_HEAD, _read_only_uri, inspect_file, upgrade
from runlog.store.models import Base

#: The files SQLite keeps beside a database while it writes it.
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
#: A backup's partial copy (``.NAME.runlog-PID-XXXXXXXX.partial``) and SQLite's files beside it.
_PARTIAL_NAME = re.compile(r"\..+\.runlog-(?P<pid>[0-9]+)-[a-z0-9_]{8}\.partial(?:-journal|-wal|-shm)?")
#: A restore's scratch folder in the temporary folder (``runlog-restore-PID-XXXXXXXX``).
_SCRATCH_NAME = re.compile(r"runlog-restore-(?P<pid>[0-9]+)-[a-z0-9_]{8}")
#: Rows per INSERT batch when copying table by table.
BATCH = 1000
#: The one table a fresh log may already have written without anything being logged.
SETTINGS = "settings"


def log_tables() -> list[Table]:
    """Every table of a log, parents before children (foreign keys)."""
    return list(Base.metadata.sorted_tables)


def rows(connection: Connection, table: Table) -> Iterator[dict]:
    """A table's rows in id order, as column -> value."""
    order = list(table.primary_key.columns)
    yield from (dict(row) for row in connection.execute(select(table).order_by(*order)).mappings())


def _copy_tables(source: Connection, target: Connection) -> dict[str, int]:
    counts = {}
    for table in log_tables():
        batch: list[dict] = []
        counts[table.name] = 0
        for row in rows(source, table):
            batch.append(row)
            if len(batch) == BATCH:
                target.execute(insert(table), batch)
                counts[table.name] += len(batch)
                batch = []
        if batch:
            target.execute(insert(table), batch)
            counts[table.name] += len(batch)
    return counts


def write_backup(source: Engine, destination: Path) -> dict[str, int]:
    """Write a complete copy of the log ``source`` to the new file ``destination``.

    Returns the rows copied per table. Raises ``UserError`` when the
    destination exists or its folder is missing; nothing is left behind on failure.
    """
    destination = Path(destination)
    folder = destination.parent
    if destination.is_dir():
        raise UserError(f"{destination} is a folder; name the new backup file, such as {destination / 'runlog-backup.db'}")
    if destination.exists() or destination.is_symlink():
        raise UserError(f"{destination} already exists; a backup never replaces a file, choose a new name")
    if not folder.is_dir():
        raise UserError(f"cannot write {destination} (folder {folder} does not exist)")
    # What a backup killed outright (SIGKILL, power loss) left here: its partial copy and SQLite's files beside it.
    remove_stale_temporaries(folder, _PARTIAL_NAME)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{destination.name}.runlog-{os.getpid()}-", suffix=".partial",
                                         dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write {destination} ({exc.strerror})") from None
    os.close(fd)  # mkstemp makes it 0600: the copy is as private as the log
    partial = Path(temporary)
    try:
        if source.dialect.name == "sqlite":
            counts = _sqlite_copy(Path(source.url.database), partial)
        else:
            counts = _table_copy(source, partial)
        try:
            os.link(partial, destination)  # fails rather than replace a file that appeared meanwhile
        except FileExistsError:
            raise UserError(f"{destination} already exists; a backup never replaces a file, choose a new name") from None
        except OSError as exc:
            raise UserError(f"cannot write {destination} ({exc.strerror})") from None
    finally:
        for suffix in ("", *SQLITE_SIDE_FILES):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    return counts


def _sqlite_copy(source: Path, partial: Path) -> dict[str, int]:
    """SQLite's backup API: a page-for-page copy read from one snapshot."""
    reader = sqlite3.connect(_read_only_uri(source), uri=True)
    writer = sqlite3.connect(partial)
    try:
        reader.backup(writer)
        # One self-contained file: no -wal beside the copy.
        writer.execute("PRAGMA journal_mode = DELETE")
        counts = {t.name: writer.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in log_tables()}
    finally:
        writer.close()
        reader.close()
    return counts


def _table_copy(source: Engine, partial: Path) -> dict[str, int]:
    """A new SQLite log at the current schema, filled from one snapshot of ``source``."""
    target = make_engine(partial)
    try:
        upgrade(target)
        snapshot = source.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with snapshot.connect() as reading, target.begin() as writing:
            counts = _copy_tables(reading, writing)
    finally:
        target.dispose()
    # One self-contained file: no -wal beside the copy (outside any transaction).
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
    return counts


@contextmanager
def open_backup(path: Path) -> Iterator[Engine]:
    """A read-only engine on the backup at ``path``, at the current schema.

    A backup from an older runlog is upgraded in a private temporary copy;
    the file itself is never written. Refuses what is not a runlog log.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist" if not path.exists() else f"{path} is not a file")
    state = inspect_file(path)
    if state.empty:
        raise UserError(f"{path} is empty; it is not a runlog backup")
    if state.revision == SCHEMA_HEAD:
        # Read where it lies: no copy, no scratch folder.
        uri = _read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
        try:
            _check_rows(engine, path)
            yield engine
        finally:
            engine.dispose()
        return
    remove_stale_scratch()
    scratch = tempfile.mkdtemp(prefix=f"runlog-restore-{os.getpid()}-")
    try:
        copy = Path(scratch) / "backup.db"
        reader, writer = sqlite3.connect(_read_only_uri(path), uri=True), sqlite3.connect(copy)
        try:
            reader.backup(writer)
        finally:
            writer.close()
            reader.close()
        engine = make_engine(copy)
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def remove_stale_scratch() -> list[str]:
    """Remove the scratch folders of restores that were killed outright
    (their process is gone); returns their names. Other users' folders and
    those of a restore still running are left alone."""
    folder = tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _SCRATCH_NAME.fullmatch(name)
        if match is None or process_alive(int(match.group("pid"))):
            continue
        candidate = os.path.join(folder, name)
        try:
            info = os.lstat(candidate)
        except OSError:
            continue
        if info.st_uid == os.getuid() and os.path.isdir(candidate) and not os.path.islink(candidate):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(name)
    return removed


def _check_rows(engine: Engine, path: Path) -> None:
    """Every row of the backup as an import checks a file (``restore_check``);
    a file SQLite cannot read through (a flipped page) is refused in words too."""
    import datetime as dt

    from runlog.store.restore_check import check_backup

    try:
        with engine.connect() as connection:
            check_backup(connection.exec_driver_sql, path, dt.date.today())
    except (sqlite3.DatabaseError, DBAPIError):
        raise UserError(f"{path} cannot be restored: it is damaged (SQLite cannot read all of it); "
                        "nothing was restored") from None


class NotEmpty(UserError):
    """The log to restore into already holds runs or gear."""


def restore_into(backup: Engine, target: Engine, target_name: str, notices: list[str] | None = None) -> dict[str, int]:
    """Load every row of ``backup`` into the empty log ``target`` in one transaction.

    Raises ``NotEmpty`` (changing nothing) when the target holds anything but
    default settings. A watch folder the backup names is cleared, and
    ``notices`` (if given) gets a sentence saying so.
    """
    # The write option makes an SQLite target take its write lock at BEGIN.
    writer = target.execution_options(**{WRITE_OPTION: True})
    with backup.connect() as reading, writer.begin() as writing:
        if target.dialect.name == "postgresql":
            # Nothing may be written between the emptiness check and the load.
            names = ", ".join(f'"{t.name}"' for t in log_tables())
            writing.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
        for table in log_tables():
            if table.name != SETTINGS and writing.execute(select(func.count()).select_from(table)).scalar_one():
                raise NotEmpty(f"{target_name} already holds a log; restore only into a new, empty one")
        writing.execute(Base.metadata.tables[SETTINGS].delete())
        counts = _copy_tables(reading, writing)
        settings = Base.metadata.tables[SETTINGS]
        cleared = writing.execute(update(settings).where(func.coalesce(settings.c.watch_folder, "") != "")
                                  .values(watch_folder=None)).rowcount
        if cleared and notices is not None:
            # A folder named on another machine (or by a stranger) is never imported from unasked.
            notices.append("the backup's watch folder setting was cleared; set it again in the settings "
                           "if that folder is yours")
        if target.dialect.name == "postgresql":
            _reset_sequences(writing)
    return counts


def _reset_sequences(connection: Connection) -> None:
    """Restored rows carry their ids: move each id sequence past the highest one."""
    for table in log_tables():
        # Only integer ids have a sequence (not a fingerprint or a kind).
        for column in (c for c in table.primary_key.columns if isinstance(c.type, Integer)):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f'COALESCE(MAX("{column.name}"), 1), MAX("{column.name}") IS NOT NULL) FROM "{table.name}"'
                )
            )
