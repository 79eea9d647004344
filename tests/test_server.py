"""A log on a PostgreSQL server: opened as safely as a file, and its
password never printed, logged or carried by an error or a traceback."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from runlog.cli import main
from runlog.dburl import ServerURL
from runlog.domain import Run
from runlog.errors import DatabaseRefused
from runlog.paths import resolve_db_path
from runlog.store import open_database, runs
from runlog.store.migrate import head_revision

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Sup3r-s3cret-pw"


def chain(exc: BaseException) -> str:
    """Everything an exception and whatever it chains would show: messages, reprs, tracebacks."""
    text_parts = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        text_parts += [str(exc), repr(exc), *traceback.format_exception(exc), repr(getattr(exc, "args", ""))]
        exc = exc.__cause__ or exc.__context__
    return "\n".join(text_parts)


def with_password(url: str, password: str) -> str:
    user, rest = url.split("://", 1)[1].split("@", 1)
    return f"postgresql+psycopg://{user.split(':')[0]}:{password}@{rest}"


def test_a_url_is_a_server_and_never_a_file_named_like_one(tmp_path):
    target = resolve_db_path(f"postgresql+psycopg://ann:{PASSWORD}@db.example:5433/runs", {})
    assert isinstance(target, ServerURL)
    assert PASSWORD not in str(target) and PASSWORD not in repr(target)
    assert target.describe() == "database runs on db.example:5433"
    env_target = resolve_db_path(None, {"RUNLOG_DB": f"postgresql://ann:{PASSWORD}@h/runs"})
    assert isinstance(env_target, ServerURL) and PASSWORD not in f"{env_target!r} {env_target}"


def test_opening_an_empty_database_creates_the_log_and_opening_again_keeps_it(pg_url):
    factory = open_database(pg_url)
    with factory.write() as session:
        runs.add_run(session, Run(date=dt.date(2026, 11, 20), distance_m=5000, duration_s=1500, notes="kept"))
    factory.close()
    again = open_database(pg_url)
    with again.read() as session:
        assert [r.notes for r in runs.runs_between(session)] == ["kept"]
    again.close()
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    engine.dispose()


def _tables(url: str) -> dict[str, list]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: connection.execute(text(f'SELECT * FROM "{name}"')).all()
                for name in inspect(connection).get_table_names()
            }
    finally:
        engine.dispose()


def test_a_database_with_other_tables_and_no_runlog_revision_is_refused_untouched(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE contacts (name text)"))
        connection.execute(text("INSERT INTO contacts VALUES ('Ann')"))
    engine.dispose()
    before = _tables(pg_url)
    with pytest.raises(DatabaseRefused, match="holds other tables and no runlog log; runlog left it untouched"):
        open_database(pg_url)
    assert _tables(pg_url) == before


def test_a_database_from_a_newer_runlog_is_refused_untouched(pg_url):
    open_database(pg_url).close()
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dcafe'"))
    engine.dispose()
    before = _tables(pg_url)
    with pytest.raises(DatabaseRefused, match=r"newer version of runlog \(schema f00dcafe\)"):
        open_database(pg_url)
    assert _tables(pg_url) == before


def test_two_processes_opening_a_new_database_at_once_both_succeed(pg_url):
    """The schema is created once, under the migration lock, not twice."""
    code = f"from runlog.store import open_database; open_database({pg_url!r}).close()"
    children = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(child.wait(timeout=120), child.stderr.read()) for child in children]
    assert results == [(0, ""), (0, "")]


def test_wrong_password_is_one_sentence_naming_host_and_database_and_never_the_password(pg_url, capsys, caplog):
    url = with_password(pg_url, PASSWORD)
    caplog.set_level(logging.DEBUG)
    code = main(["--db", url, "detect"])
    err = capsys.readouterr().err
    host_port = url.split("@", 1)[1].split("/", 1)[0]
    database = url.rsplit("/", 1)[1]
    assert code == 1
    assert err == (
        f"runlog: cannot connect to the PostgreSQL database {database} on {host_port} (wrong user name or password)\n"
    )
    assert PASSWORD not in caplog.text
    with pytest.raises(DatabaseRefused) as caught:
        open_database(url)
    assert PASSWORD not in chain(caught.value)
    assert caught.value.__context__ is None and caught.value.__cause__ is None


@pytest.mark.parametrize(
    ("where", "reason"),
    [("127.0.0.1:1", "nothing is listening there"), ("no-such-host.invalid:5432", "unknown host name")],
)
def test_an_unreachable_server_is_one_sentence_without_the_password(where, reason, capsys):
    url = f"postgresql+psycopg://ann:{PASSWORD}@{where}/runs"
    code = main(["--db", url, "export"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"runlog: cannot connect to the PostgreSQL database runs on {where} ({reason})\n"


def test_a_missing_database_on_a_live_server_is_named(pg_url, capsys):
    url = pg_url.rsplit("/", 1)[0] + "/no_such_db"
    assert main(["--db", url, "report"]) == 1
    err = capsys.readouterr().err
    assert "cannot connect to the PostgreSQL database no_such_db on 127.0.0.1:" in err
    assert "(no such database or user)" in err
    assert pg_url.split(":")[2].split("@")[0] not in err  # the server's real password


def test_an_error_inside_a_session_carries_neither_password_nor_health_data(pg_url):
    """A failed statement mid-session: the URL's password and the run's notes stay out of it."""
    factory = open_database(pg_url)
    secret_note = "left knee hurt after the divorce hearing"
    try:
        with pytest.raises(Exception) as caught, factory.write() as session:
            session.execute(
                text("INSERT INTO runs (date, distance_m, duration_s, notes, created_at, updated_at) "
                     "VALUES (:d, -1, 10, :n, now(), now())"),
                {"d": dt.date(2026, 11, 20), "n": secret_note},
            )
    finally:
        factory.close()
    shown = chain(caught.value)
    assert "ck_runs_distance" in shown
    password = pg_url.split(":")[2].split("@")[0]
    assert password not in shown and secret_note not in shown
    assert password not in repr(factory.engine) and password not in str(factory.engine.url)


def test_a_failing_command_in_a_child_process_prints_no_password(pg_url):
    """The whole program, as a runner runs it: stderr holds one sentence and no password."""
    url = with_password(pg_url, PASSWORD)
    result = subprocess.run(
        [sys.executable, "-m", "runlog", "--db", url, "backup", "/nonexistent-folder/b.runlog"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert PASSWORD not in result.stderr + result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_foreign_url_scheme_is_refused_with_a_sentence(capsys):
    assert main(["--db", f"mysql://ann:{PASSWORD}@h/runs", "detect"]) == 1
    err = capsys.readouterr().err
    assert "names a mysql server; runlog keeps logs in SQLite files or on PostgreSQL" in err
    assert PASSWORD not in err


def test_a_user_who_may_not_create_tables_is_told_what_to_do(pg_url, capsys):
    """PostgreSQL 15: only the owner creates tables in public. One sentence, nothing created."""
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE runner_ann LOGIN PASSWORD '{PASSWORD}'"))
    try:
        server_part = pg_url.split("@", 1)[1]
        url = f"postgresql+psycopg://runner_ann:{PASSWORD}@{server_part}"
        assert main(["--db", url, "import", "nothing.csv"]) == 1
        err = capsys.readouterr().err
        assert "runlog's user may not create tables in the PostgreSQL database" in err
        assert "createdb -O USER" in err and PASSWORD not in err and err.count("\n") == 1
        assert _tables(pg_url) == {}
    finally:
        with admin.connect() as connection:
            connection.execute(text("DROP ROLE runner_ann"))
        admin.dispose()
