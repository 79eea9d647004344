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
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

#: The execution option the engine's "begin" hook reads to choose between a
#: deferred transaction (reads) and ``BEGIN IMMEDIATE`` (writes).
WRITE_OPTION = "runlog_write"


class Store:
    """A runner's log, opened: sessions for reading and for writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Objects stay readable after commit: they are turned into domain
        # objects and handed to screens after the session has closed.
        self._readers = sessionmaker(engine, expire_on_commit=False)
        self._writers = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session that only reads; its transaction is rolled back at the end."""
        with self._readers() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes commit together when the block ends."""
        with self._writers.begin() as session:
            yield session

    def close(self) -> None:
        """Close every pooled connection (the file can then be moved or deleted)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
