"""Fixtures shared by the whole suite: a private temporary database, on SQLite
and on a real PostgreSQL server.

PostgreSQL tests are marked ``postgres`` (the ``pg_url`` fixture marks them
itself); tests that drive a browser are marked ``chromium``. When the server
or the browser is missing they are skipped with the reason, and with
``RUNLOG_REQUIRE_SERVICES=1`` (set by ``.ci/run``) such a skip is a failure:
CI must never pass while quietly leaving out the PostgreSQL or browser tests.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from runlog.domain import Orthotic, OrthoticType, Run, Shoe, ShoeType
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run

from .pg import PgServer, ServerUnavailable, start_server
from .services import pytest_collection_modifyitems, pytest_runtest_makereport  # noqa: F401 (pytest hooks)


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the session, started on first use; when it
    cannot start, the ``ServerUnavailable`` saying why, for ``pg_url`` to skip with."""
    try:
        server = start_server()
    except ServerUnavailable as exc:
        yield exc
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_log_template(pg_server) -> str | None:
    """A database holding an empty runlog log at the current schema, made once
    by runlog itself; copying it spares each store test the migrations."""
    if isinstance(pg_server, ServerUnavailable):
        return None
    name = "runlog_template"
    pg_server.create_database(name)
    open_database(pg_server.url(name)).close()
    return name


@pytest.fixture
def new_pg_url(pg_server):
    """Makes URLs of new PostgreSQL databases (all dropped after the test):
    empty by default, or copies of a template database."""
    if isinstance(pg_server, ServerUnavailable):
        pytest.skip(f"PostgreSQL unavailable: {pg_server}")
    server: PgServer = pg_server
    made: list[str] = []

    def make(template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        server.create_database(name, template)
        made.append(name)
        return server.url(name)

    yield make
    for name in made:
        server.drop_database(name)


@pytest.fixture
def pg_url(new_pg_url) -> str:
    """The URL of a new, empty PostgreSQL database (dropped after the test)."""
    return new_pg_url()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (inside a folder runlog will create)."""
    return tmp_path / "data" / "runlog.db"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_kind(request) -> str:
    """Which database a test about the store runs on: each such test runs on both."""
    return request.param


@pytest.fixture
def db_target(db_kind, request, tmp_path):
    """What ``--db`` names for this test: a new SQLite path, or a PostgreSQL
    database holding a new, empty log (the empty-database rules have tests of their own)."""
    if db_kind == "sqlite":
        return tmp_path / "data" / "runlog.db"
    return request.getfixturevalue("new_pg_url")(request.getfixturevalue("pg_log_template"))


@pytest.fixture
def store(db_path: Path):
    """A session factory on a fresh, migrated database."""
    factory = open_database(db_path)
    yield factory
    factory.close()


@pytest.fixture
def seeded(store, db_path):
    """A log that already holds one run, a shoe and an orthotic."""
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))
        add_gear(session, Orthotic(name="Old insoles", type=OrthoticType.OTC))
        add_run(session, Run(date=dt.date(2026, 8, 1), distance_m=6000.0, duration_s=2000.0, shoe=shoe))
    return store


@pytest.fixture(autouse=True)
def files_written_before_the_test(monkeypatch):
    """Files a test has just written are complete: no import waits the interval a
    file still being written is watched for (tests/test_still_written.py watches it
    with a clock of its own)."""
    import runlog.formats.settle

    monkeypatch.setattr(runlog.formats.settle, "INTERVAL_S", 0.0)
