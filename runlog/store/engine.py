"""The SQLAlchemy engine for a personal database file.

Every connection gets the pragmas a health log needs: WAL with
``synchronous=FULL`` (a returned commit survives power loss), foreign keys,
and a busy timeout so a second runlog process waits instead of failing.
Writing transactions begin with ``BEGIN IMMEDIATE`` so a writer never has
to upgrade a read lock mid-transaction (in WAL mode that fails at once, busy
timeout or not); reading ones begin deferred and so never wait for a writer.
Parameters are hidden from SQLAlchemy's error messages: they would carry
notes and pain entries.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from runlog.paths import private_dir
from runlog.store.handle import WRITE_OPTION

BUSY_TIMEOUT_MS = 15_000
#: How long a write waits for the lock before the runner is told it waits.
QUIET_WAIT_MS = 1_000


def create_file(path: Path) -> None:
    """Create an empty database file with mode 0600 in a 0700 folder.

    SQLite gives its -wal and -shm files the mode of the database file, so
    creating it private here keeps those private too.
    """
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


def make_engine(path: Path) -> Engine:
    """An engine on the database file at ``path`` (which must exist)."""
    engine = create_engine(f"sqlite+pysqlite:///{path}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        # Driver-level autocommit: SQLAlchemy's "begin" event below decides
        # where transactions start, so DDL and DML are both transactional.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        waiting = connection.get_execution_options().get(WRITE_OPTION)
        if waiting:
            begin_immediate(connection.connection.driver_connection, waiting)
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def begin_immediate(raw: sqlite3.Connection, waiting: Callable[[], None] | bool) -> None:
    """``BEGIN IMMEDIATE``, saying so if it has to wait.

    A write first waits quietly for up to a second (another runlog's save
    takes milliseconds); if the lock is still held (a long import), it calls
    ``waiting`` (the CLI prints a line, the TUI a notice) and then waits out
    the rest of the busy timeout, as before.
    """
    raw.execute(f"PRAGMA busy_timeout = {QUIET_WAIT_MS}")
    try:
        raw.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
            raise
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if callable(waiting):
        waiting()
    raw.execute("BEGIN IMMEDIATE")
