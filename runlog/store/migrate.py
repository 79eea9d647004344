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
SCHEMA_HEAD = "0004"


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


@dataclass(frozen=True)
class FileState:
    """What a read-only look at the database file found."""

    #: Empty (new or zero-length): nothing to back up or refuse.
    empty: bool
    #: The Alembic revision stamped in the file, if any.
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """Look at ``path`` without writing to it; raise ``DatabaseRefused`` if
    runlog must not open it."""
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a database file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DatabaseRefused(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise DatabaseRefused(f"{path} cannot be read ({exc.strerror})") from None
    if not header:
        return FileState(empty=True, revision=None)
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
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return FileState(empty=True, revision=None)
        if "alembic_version" not in tables:
            raise DatabaseRefused(f"{path} is an SQLite database but not runlog's")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise DatabaseRefused(f"{path} is damaged or not a database") from None
    finally:
        connection.close()
    revision = row[0] if row else None
    if revision not in (None, SCHEMA_HEAD) and revision not in known_revisions():
        raise DatabaseRefused(
            f"{path} was written by a newer version of runlog (schema {revision}); "
            "upgrade runlog to open it"
        )
    return FileState(empty=False, revision=revision)


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
    finally:
        destination.close()
        source.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
