"""An import that cannot go on says why once and stops; one that raced another runlog says what is there.

A full disk, a PostgreSQL server that went away and a login that may only
read fail every file after the first: the runner is told once, naming the
file it stopped at, never "could not be stored" once per remaining file.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from runlog.cli import Context, main
from runlog.commands.activity_import import import_activity_paths
from runlog.domain.units import Units
from runlog.store import open_database

from .fitwriter import Leg, fit_file
from .pg import ServerUnavailable, start_server

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2025, 1, 6, 6, 30, tzinfo=dt.UTC)  # 400 days a day apart, all in the past


def watch_files(folder: Path, count: int) -> list[Path]:
    """``count`` FIT files, one run a day."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(count):
        path = folder / f"run-{day:03d}.fit"
        leg = Leg("running", START + dt.timedelta(days=day), 1500 + day, 5000.0 + day, records=False)
        path.write_bytes(fit_file([leg]))
        paths.append(path)
    return paths


def fill_the_disk_after(store, pages: int) -> None:
    """Every connection the store makes from now on may grow the file by at most ``pages``
    pages: SQLite then answers as on a full disk (SQLITE_FULL)."""
    engine = store.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def limit(connection, _record):
        used = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {used + pages}")


def test_a_full_disk_is_said_once_naming_the_file_and_the_import_stops(db_path, tmp_path):
    files = watch_files(tmp_path / "watch", 400)
    store = open_database(db_path)
    fill_the_disk_after(store, 2)
    summary = import_activity_paths(store, [tmp_path / "watch"], Units.KM)
    stored = summary.imported
    assert 0 < stored < len(files)
    assert summary.refused == []
    assert summary.stopped == (f"the disk is full: {files[stored]} and the files after it were not imported "
                               "(those before it were)")
    assert summary.lines()[-1] == f"Stopped: {summary.stopped}."
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM runs")).scalar_one() == stored
    store.close()


def test_the_command_line_says_the_disk_is_full_once_and_exits_1(db_path, tmp_path, capsys, monkeypatch):
    watch_files(tmp_path / "watch", 400)
    opened = Context.open_store

    def open_store(self):
        store = opened(self)
        fill_the_disk_after(store, 2)
        return store

    monkeypatch.setattr(Context, "open_store", open_store)
    assert main(["--db", str(db_path), "import", str(tmp_path / "watch")]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("runlog: the disk is full: "), captured.err
    assert "could not be stored" not in captured.out + captured.err


@pytest.fixture
def own_server():
    """A PostgreSQL server of this test's own, which the test may stop."""
    try:
        server = start_server()
    except ServerUnavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    yield server
    server.stop()


@pytest.mark.postgres
def test_a_server_that_stops_during_an_import_is_said_once(own_server, tmp_path):
    files = watch_files(tmp_path / "watch", 30)
    own_server.create_database("runs")
    store = open_database(own_server.url("runs"))
    seen = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        if done == 5:
            subprocess.run([own_server.pg_ctl, "stop", "-D", str(own_server.data_dir), "-m", "immediate"],
                           capture_output=True, check=False, user=own_server.account.pw_uid if own_server.account
                           else None)

    summary = import_activity_paths(store, [tmp_path / "watch"], Units.KM, progress=progress)
    store.close()
    assert summary.imported == 4
    assert summary.refused == []
    assert summary.stopped == ("the PostgreSQL server went away (stopped, restarted or unreachable): "
                               f"{files[4]} and the files after it were not imported (those before it were)")
    assert seen[-1] == 5  # nothing after it was even read


def _reader_url(pg_url: str) -> str:
    """A login that may read every table of the log and write none (a clinician's)."""
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP ROLE IF EXISTS clinician_ro"))
        connection.execute(text("CREATE ROLE clinician_ro LOGIN PASSWORD 'Read-0nly-pw'"))
        connection.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO clinician_ro"))
    admin.dispose()
    return "postgresql+psycopg://clinician_ro:Read-0nly-pw@" + pg_url.split("@", 1)[1]


def _drop_reader(pg_url: str) -> None:
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("REASSIGN OWNED BY clinician_ro TO CURRENT_USER"))
        connection.execute(text("DROP OWNED BY clinician_ro"))
        connection.execute(text("DROP ROLE clinician_ro"))
    admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("what", ["activities", "runlog csv"])
def test_a_login_that_may_only_read_is_one_sentence_on_import(pg_url, tmp_path, capsys, what):
    open_database(pg_url).close()
    url = _reader_url(pg_url)
    try:
        if what == "activities":
            watch_files(tmp_path / "watch", 3)
            target = tmp_path / "watch"
        else:
            target = tmp_path / "runs.csv"
            target.write_text("date,distance_km,duration_min,pain\n2026-05-01,5,25,no\n")
        assert main(["--db", url, "import", str(target)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert err.startswith("runlog: this PostgreSQL login may read the log but not change it")
        assert "Traceback" not in err and "Read-0nly-pw" not in err
        assert main(["--db", url, "report"]) == 0  # reading is still fine
    finally:
        _drop_reader(pg_url)


@pytest.mark.postgres
def test_two_imports_of_the_same_files_at_once_both_account_for_every_file(pg_url, tmp_path):
    open_database(pg_url).close()
    count = 300
    watch_files(tmp_path / "watch", count)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "runlog", "--db", pg_url, "import", str(tmp_path / "watch")]
    both = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(process.wait(timeout=300), process.stdout.read(), process.stderr.read()) for process in both]
    for status, out, err in results:
        assert status == 0, err
        assert err == ""
        imported, _, rest = out.splitlines()[0].partition(" imported, 0 merged into runs you logged, ")
        assert int(imported) + int(rest.removesuffix(" already there")) == count, out
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM runs")).scalar_one() == count
    engine.dispose()
