"""The store handle: the one object the rest of runlog holds to reach the log.

``open_database()`` returns a ``Store``. Work on the log happens inside one of
its two context managers, and the caller owns the transaction (the unit of
work): everything done inside ``write()`` commits together when the block
ends, or not at all if it raises; ``read()`` never takes the write lock, so a
report or the run list reads beside a long import (SQLite's WAL lets readers
and one writer run at once).

    with store.read() as session:
        runs = runs_between(session, since, until)
    with store.write() as session:
        add_run(session, run)
    store.close()

SQLAlchemy is loaded on the first ``read()`` or ``write()``, not when the log
is opened: the TUI paints its first page (``first_page``) before that, and
its next store job, in a worker, loads it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from runlog.domain import Run, Settings
from runlog.store.skipping import Skipped

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

#: The execution option the engine's "begin" hook reads to choose between a
#: deferred transaction (reads) and ``BEGIN IMMEDIATE`` (writes).
WRITE_OPTION = "runlog_write"


class Store:
    """A runner's log, opened: sessions for reading and for writing.

    ``engine`` is an engine already made, or a function that makes it when
    first needed. ``sqlite_path`` is the log's file when it is SQLite (the
    first page can then be read without SQLAlchemy).
    """

    def __init__(self, engine: Engine | Callable[[], Engine], *, sqlite_path: Path | None = None) -> None:
        self._make_engine = engine if callable(engine) and not hasattr(engine, "dispose") else None
        self._engine: Engine | None = None if self._make_engine else engine  # type: ignore[assignment]
        self.sqlite_path = sqlite_path
        self._lock = threading.Lock()
        self._readers = None
        self._writers = None
        #: Called (from the writing thread) when a write has to wait for
        #: another process's write lock: the CLI and the TUI say so.
        self.on_wait: Callable[[], None] | None = None
        #: The damaged rows reads have left out (``runlog.store.skipping``).
        self.skipped = Skipped()

    def _waiting(self) -> None:
        if self.on_wait is not None:
            self.on_wait()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy loaded) on first use."""
        return self._ready()[0]

    def _ready(self):
        """The engine and the two session factories, made on first use."""
        with self._lock:
            if self._engine is None:
                assert self._make_engine is not None
                self._engine = self._make_engine()
            if self._readers is None:
                from sqlalchemy.orm import sessionmaker

                # Objects stay readable after commit: they become domain
                # objects handed to screens after the session has closed.
                self._readers = sessionmaker(self._engine, expire_on_commit=False)
                self._writers = sessionmaker(
                    self._engine.execution_options(**{WRITE_OPTION: self._waiting}), expire_on_commit=False
                )
            return self._engine, self._readers, self._writers

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session that only reads; its transaction is rolled back at the end."""
        _engine, readers, _writers = self._ready()
        with readers() as session:
            session.info["skipped"] = self.skipped
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes commit together when the block ends."""
        _engine, _readers, writers = self._ready()
        with writers.begin() as session:
            session.info["skipped"] = self.skipped
            yield session

    def first_page(self, limit: int) -> tuple[Settings, list[Run]]:
        """The settings and the newest ``limit`` runs, without waiting for
        SQLAlchemy when the log is a SQLite file it has not loaded yet."""
        if self.sqlite_path is not None and self._engine is None:
            from runlog.store.first_page import read_first_page

            return read_first_page(self.sqlite_path, limit, skipped=self.skipped)
        from runlog.store.runs import recent_runs
        from runlog.store.settings import get_settings

        with self.read() as session:
            return get_settings(session), recent_runs(session, limit=limit)

    def export_batches(self, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[list[tuple]]:
        """The CSV export's rows dated within [since, until] (either end open),
        in lists of a few thousand; each row as ``bulk.export_rows`` gives it.

        A SQLite log is read with the standard library's ``sqlite3``, so an
        export never waits for SQLAlchemy to load (``csv_rows``); any other
        database through the ORM's session. Consume the batches promptly: the
        read stays open until the iteration ends.
        """
        from runlog.store.skipping import find_damage, healthy_batches

        if self.sqlite_path is not None:
            from runlog.store.csv_rows import damage_in, export_batches

            path = self.sqlite_path
            yield from healthy_batches(export_batches(path, since, until), lambda: damage_in(path), self.skipped)
            return
        from itertools import islice

        from runlog.store.bulk import export_rows
        from runlog.store.csv_rows import BATCH

        with self.read() as session:
            rows = export_rows(session, since, until)

            def batches():
                while batch := list(islice(rows, BATCH)):
                    yield batch

            yield from healthy_batches(batches(), lambda: find_damage(session.connection()), self.skipped)

    def close(self) -> None:
        """Close every pooled connection (the file can then be moved or deleted)."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
