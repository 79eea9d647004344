"""``runlog backup`` and ``runlog restore``: a complete copy of a log, on
SQLite and on PostgreSQL, moved between them with nothing lost.

Every comparison is table by table and row for row, ids included."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.domain import Run, Settings, Shoe, Units
from runlog.store import gear, open_database, runs, settings
from runlog.store.backup_file import log_tables, rows

TODAY = dt.date(2026, 11, 20)


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def fill(target) -> None:
    """The demo history (two shoes, one retired-looking Pegasus with 560 km
    before its first logged run, orthotics, painful runs, morning answers),
    a retired shoe and non-default settings."""
    factory = open_database(target)
    with factory.write() as session:
        fill_demo(session, TODAY)
        pegasus = next(s.shoe for s in gear.list_shoes(session) if s.shoe.name == "Pegasus 38")
        gear.retire_gear(session, Shoe, pegasus.id, TODAY - dt.timedelta(days=30))
        settings.save_settings(session, Settings(units=Units.MI, week_start=6))
    factory.close()


def dump(url: str) -> dict[str, list[dict]]:
    """Every table of the log at ``url``, row for row in id order."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table.name: list(rows(connection, table)) for table in log_tables()}
    finally:
        engine.dispose()


def url_of(target) -> str:
    return f"sqlite:///{target}" if isinstance(target, Path) else target


def new_target(db_kind, tmp_path, new_pg_url_factory, name):
    if db_kind == "sqlite":
        return tmp_path / name / "runlog.db"
    return new_pg_url_factory()


@pytest.fixture
def another(db_kind, tmp_path, request):
    """Makes further empty targets of the same kind as ``db_target``."""
    if db_kind == "sqlite":
        counter = iter(range(100))
        return lambda: tmp_path / f"other{next(counter)}" / "runlog.db"
    return request.getfixturevalue("new_pg_url")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_backup_restore_backup_gives_the_same_log_row_for_row(db_target, another, tmp_path, capsys):
    fill(db_target)
    first, second = tmp_path / "first.runlog", tmp_path / "second.runlog"
    code, out, err = cli(capsys, "--db", db_target, "backup", first)
    assert (code, err) == (0, "")
    assert out.startswith("backed up ") and str(first) in out
    assert mode(first) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no partial file left
    restored = another()
    code, out, err = cli(capsys, "--db", restored, "restore", first)
    assert (code, err) == (0, "")
    assert cli(capsys, "--db", restored, "backup", second)[0] == 0
    original = dump(url_of(db_target))
    assert original["runs"] and original["pains"] and original["orthotics"] and original["changes"]
    assert dump(f"sqlite:///{first}") == original
    assert dump(url_of(restored)) == original
    assert dump(f"sqlite:///{second}") == original


def test_a_backup_keeps_what_a_csv_round_trip_loses(db_target, tmp_path, capsys):
    fill(db_target)
    file = tmp_path / "b.runlog"
    assert cli(capsys, "--db", db_target, "backup", file)[0] == 0
    connection = sqlite3.connect(file)
    try:
        shoe = connection.execute(
            "SELECT start_distance_m, retire_distance_m, retired_on FROM shoes WHERE name = 'Pegasus 38'"
        ).fetchone()
        settings = connection.execute("SELECT units, week_start FROM settings").fetchall()
        mornings = connection.execute("SELECT count(*) FROM pains WHERE next_morning IS NOT NULL").fetchone()[0]
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    assert shoe == (560_000.0, 700_000.0, (TODAY - dt.timedelta(days=30)).isoformat())
    assert settings == [("mi", 6)]
    assert mornings > 0
    from runlog.store.migrate import head_revision

    assert revision == head_revision()


@pytest.mark.postgres
def test_a_log_moves_sqlite_to_postgresql_to_sqlite_with_nothing_lost(tmp_path, new_pg_url, capsys):
    laptop = tmp_path / "laptop" / "runlog.db"
    fill(laptop)
    server = new_pg_url()
    assert cli(capsys, "--db", laptop, "backup", tmp_path / "move.runlog")[0] == 0
    code, out, err = cli(capsys, "--db", server, "restore", tmp_path / "move.runlog")
    password = server.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    assert code == 0 and out.startswith("restored ") and ":***@" in out
    assert password not in out + err
    # The server's log is a working log: new runs get fresh ids after the restored ones.
    factory = open_database(_server(server))
    with factory.write() as session:
        added = runs.add_run(session, Run(date=TODAY, distance_m=3000, duration_s=1000))
    factory.close()
    assert added.id == max(r["id"] for r in dump(url_of(laptop))["runs"]) + 1
    with create_engine(server).begin() as connection:
        connection.execute(text("DELETE FROM runs WHERE id = :id"), {"id": added.id})
    assert cli(capsys, "--db", server, "backup", tmp_path / "back.runlog")[0] == 0
    desktop = tmp_path / "desktop" / "runlog.db"
    assert cli(capsys, "--db", desktop, "restore", tmp_path / "back.runlog")[0] == 0
    assert dump(url_of(desktop)) == dump(url_of(laptop)) == dump(server)


def _server(url: str):
    from runlog.dburl import ServerURL

    return ServerURL(url)


def test_restore_into_a_log_that_holds_runs_is_refused_and_changes_nothing(db_target, another, tmp_path, capsys):
    fill(db_target)
    file = tmp_path / "b.runlog"
    assert cli(capsys, "--db", db_target, "backup", file)[0] == 0
    before = dump(url_of(db_target))
    code, out, err = cli(capsys, "--db", db_target, "restore", file)
    assert code == 1 and out == ""
    assert "already holds a log; restore only into a new, empty one" in err
    assert err.count("\n") == 1
    assert dump(url_of(db_target)) == before


def test_backup_where_there_is_no_log_exits_1_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nothing" / "runlog.db"
    code, out, err = cli(capsys, "--db", missing, "backup", tmp_path / "b.runlog")
    assert code == 1 and out == ""
    assert err == f"runlog: there is no runlog log at {missing}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_backup_of_an_empty_postgresql_database_exits_1_and_creates_nothing(pg_url, tmp_path, capsys):
    code, out, err = cli(capsys, "--db", pg_url, "backup", tmp_path / "b.runlog")
    assert code == 1 and "there is no runlog log in the PostgreSQL database" in err
    assert list(tmp_path.iterdir()) == []
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
    finally:
        engine.dispose()


def test_backup_never_replaces_a_file(db_target, tmp_path, capsys):
    open_database(db_target).close()
    file = tmp_path / "b.runlog"
    file.write_text("precious")
    code, _out, err = cli(capsys, "--db", db_target, "backup", file)
    assert code == 1 and "already exists" in err
    assert file.read_text() == "precious"


def test_restore_refuses_a_file_that_is_not_a_backup_and_creates_no_log(tmp_path, capsys):
    file = tmp_path / "notes.txt"
    file.write_text("date,distance\n")
    target = tmp_path / "new" / "runlog.db"
    code, out, err = cli(capsys, "--db", target, "restore", file)
    assert code == 1 and "not a runlog database" in err
    assert not target.exists()


def test_a_failed_restore_leaves_the_target_empty(db_target, another, tmp_path, capsys, monkeypatch):
    fill(db_target)
    file = tmp_path / "b.runlog"
    assert cli(capsys, "--db", db_target, "backup", file)[0] == 0
    target = another()
    open_database(target).close()
    import runlog.store.backup_file as backup_module

    real = backup_module._copy_tables

    def copy_then_fail(source, destination):
        real(source, destination)
        raise OSError("disk full")

    monkeypatch.setattr(backup_module, "_copy_tables", copy_then_fail)
    with pytest.raises(OSError):
        main(["--db", str(target), "restore", str(file)])
    assert all(not table_rows for table_rows in dump(url_of(target)).values())


def test_a_backup_from_an_older_runlog_is_upgraded_on_the_way_in_and_left_as_it_was(db_target, tmp_path, capsys):
    """A backup written before the newest migrations restores into a log at
    the current schema; the backup file itself is not changed."""
    from alembic import command

    from runlog.store.migrate import alembic_config

    old = tmp_path / "old.runlog"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(text(
            "INSERT INTO runs (id, date, distance_m, duration_s, notes, created_at, updated_at) "
            "VALUES (7, '2026-11-20', 5000, 1500, 'kept', '2026-11-20 07:00:00.000000', '2026-11-20 07:00:00.000000')"
        ))
    engine.dispose()
    before = old.read_bytes()
    code, _out, err = cli(capsys, "--db", db_target, "restore", old)
    assert (code, err) == (0, "")
    assert old.read_bytes() == before
    restored = dump(url_of(db_target))
    assert [(r["id"], r["notes"]) for r in restored["runs"]] == [(7, "kept")]


def test_the_backup_summary_counts_one_of_a_kind_in_the_singular():
    from runlog.commands.backup import _summary

    assert _summary({"runs": 1, "pains": 1, "shoes": 1, "orthotics": 1}) == "1 run, 1 pain entry, 1 shoe, 1 orthotic"
    assert _summary({"runs": 2, "pains": 0, "shoes": 3, "orthotics": 2}) == "2 runs, 0 pain entries, 3 shoes, 2 orthotics"
