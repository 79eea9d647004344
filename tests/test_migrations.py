"""Migrations and safe opening: the schema comes only from Alembic, old files
are backed up before an upgrade, and files that are not ours stay untouched."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Float, create_engine, inspect

from runlog.domain import Run
from runlog.errors import DatabaseRefused
from runlog.store import open_database
from runlog.store.migrate import alembic_config, head_revision
from runlog.store.runs import add_run


def tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_there_is_exactly_one_head_and_runlog_knows_it():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [head_revision()]


@pytest.fixture
def empty_engine(db_kind, request, tmp_path):
    """An engine on an empty database: a new SQLite file or a new PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'm.db'}" if db_kind == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_engine(url)
    yield engine
    engine.dispose()


def test_empty_to_head_creates_every_table(empty_engine):
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert set(inspect(empty_engine).get_table_names()) == {"alembic_version", "runs", "pains", "marks", "shoes", "orthotics", "settings",
                                                            "forgotten_activities", "kind_gear", "told_files", "changes"}


def test_downgrade_to_base_and_up_again(empty_engine):
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(empty_engine).get_table_names()) == {"alembic_version"}
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert "pains" in inspect(empty_engine).get_table_names()


def test_models_match_migrations(empty_engine):
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.check(alembic_config(connection))  # raises if autogenerate finds a difference


def schema(engine) -> dict:
    """Every table's columns (generic type, nullability) and every named
    constraint and index, in a form both databases can be compared in."""
    inspector = inspect(engine)
    found = {}
    for table in sorted(inspector.get_table_names()):
        columns = {}
        for column in inspector.get_columns(table):
            generic = column["type"].as_generic()
            # PostgreSQL reflects FLOAT as DOUBLE PRECISION: the same 8-byte float as SQLite's REAL.
            kind = "Float" if isinstance(generic, Float) else type(generic).__name__
            columns[column["name"]] = (kind, getattr(generic, "length", None), column["nullable"])
        pk = inspector.get_pk_constraint(table)
        foreign = sorted(
            (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]),
             (fk.get("options") or {}).get("ondelete"))
            for fk in inspector.get_foreign_keys(table)
        )
        indexes = sorted(
            (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
            for ix in inspector.get_indexes(table)
            if not ix.get("duplicates_constraint")  # PostgreSQL lists a unique constraint's own index too
        )
        found[table] = {
            "columns": columns,
            "primary_key": (pk["name"], tuple(pk["constrained_columns"])),
            "foreign_keys": foreign,
            "unique": sorted((uq["name"], tuple(uq["column_names"])) for uq in inspector.get_unique_constraints(table)),
            "checks": sorted(ck["name"] for ck in inspector.get_check_constraints(table)),
            "indexes": indexes,
        }
    return found


def test_postgresql_schema_matches_sqlite_name_for_name_and_type_for_type(tmp_path, pg_url):
    engines = [create_engine(f"sqlite:///{tmp_path / 'm.db'}"), create_engine(pg_url)]
    try:
        for engine in engines:
            with engine.begin() as connection:
                command.upgrade(alembic_config(connection), "head")
        on_sqlite, on_postgres = (schema(engine) for engine in engines)
    finally:
        for engine in engines:
            engine.dispose()
    # SQLite's AUTOINCREMENT (ids never reused) needs the key written inline on
    # the column, where a constraint has no name: compare those keys' columns.
    for table in ("runs", "pains", "changes"):
        assert on_sqlite[table]["primary_key"] == (None, ("id",))
        on_sqlite[table]["primary_key"] = on_postgres[table]["primary_key"]
    assert on_postgres == on_sqlite
    # The naming convention reached the database: nothing was left for the server to name.
    assert on_postgres["pains"]["checks"] == sorted(
        f"ck_pains_{name}" for name in
        ("site", "side", "intensity", "onset_m", "onset_s", "stopped_early", "next_morning")
    )
    assert on_postgres["runs"]["primary_key"] == ("pk_runs", ("id",))
    assert on_postgres["shoes"]["unique"] == [("uq_shoes_name", ("name",))]


def test_postgresql_enforces_the_same_checks(pg_url):
    """The CHECK constraints are real on the server: a bad value is refused there too."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    engine = create_engine(pg_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        for statement in (
            "INSERT INTO shoes (name, start_distance_m, retire_distance_m) VALUES ('  ', 0, 1)",
            "INSERT INTO shoes (name, type, start_distance_m, retire_distance_m) VALUES ('a', 'rocket', 0, 1)",
            "INSERT INTO settings (id, units, week_start) VALUES (2, 'km', 0)",
        ):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def test_new_database_is_private_in_a_private_folder(db_path):
    factory = open_database(db_path)
    with factory.write() as session:
        add_run(session, Run(date=dt.date(2026, 11, 20), distance_m=5000, duration_s=1500))
    assert mode(db_path.parent) == 0o700
    for name in ("runlog.db", "runlog.db-wal", "runlog.db-shm"):
        assert mode(db_path.parent / name) == 0o600, name
    factory.close()


def test_an_existing_database_at_head_is_opened_without_a_backup(db_path):
    open_database(db_path).close()
    open_database(db_path).close()
    assert not list(db_path.parent.glob("*.bak"))


def make_0001_log(db_path: Path) -> None:
    """A log as the first released schema (0001) left it, with one run."""
    from runlog.store.engine import create_file, make_engine

    create_file(db_path)
    engine = make_engine(db_path)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO runs (id, date, distance_m, duration_s, notes, created_at, updated_at) VALUES "
            "(1, '2026-11-20', 5000, 1500, 'kept', '2026-11-20 07:00:00', '2026-11-20 07:00:00')"
        )
    engine.dispose()


def test_an_older_database_is_backed_up_before_the_upgrade_and_keeps_its_rows(db_path):
    make_0001_log(db_path)
    open_database(db_path).close()
    backups = list(db_path.parent.glob("runlog.db.*.0001.bak"))
    assert len(backups) == 1
    assert mode(backups[0]) == 0o600
    restored = sqlite3.connect(backups[0])
    assert restored.execute("SELECT notes FROM runs").fetchall() == [("kept",)]
    assert restored.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    restored.close()
    open_database(db_path).close()
    assert len(list(db_path.parent.glob("runlog.db.*.bak"))) == 1, "one backup per upgrade, not per start"


def test_upgrade_of_an_existing_file_writes_backup_first(db_path, monkeypatch):
    open_database(db_path).close()
    import runlog.store as store_module

    order = []
    real_backup = store_module.backup
    # Pretend this runlog ships a newer head than the file's revision.
    monkeypatch.setattr(store_module, "head_revision", lambda: "9999")
    monkeypatch.setattr(store_module, "backup", lambda path, rev: order.append(("backup", rev)) or real_backup(path, rev))
    monkeypatch.setattr(store_module, "upgrade", lambda engine: order.append(("upgrade", None)))
    open_database(db_path).close()
    assert order == [("backup", head_revision()), ("upgrade", None)]
    assert len(list(db_path.parent.glob(f"runlog.db.*.{head_revision()}.bak"))) == 1


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


def refused(path: Path, match: str) -> None:
    before = snapshot(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(DatabaseRefused, match=match) as caught:
        open_database(path)
    assert snapshot(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    assert str(path) in str(caught.value)


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("date,distance\n2026-11-20,5\n")
    refused(path, "not an SQLite file")


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ann')")
    connection.commit()
    connection.close()
    refused(path, "not runlog's")


def test_a_corrupt_database_is_refused_untouched(db_path):
    factory = open_database(db_path)
    with factory.write() as session:
        for day in range(1, 200):
            add_run(session, Run(date=dt.date(2026, 1, 1) + dt.timedelta(days=day), distance_m=5000, duration_s=1500, notes="x" * 200))
    factory.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # scribble over every page after the first two
        data[offset + 8 : offset + 40] = b"\xff" * 32
    db_path.write_bytes(bytes(data))
    refused(db_path, "damaged")


def test_a_truncated_database_is_refused_untouched(db_path):
    factory = open_database(db_path)
    with factory.write() as session:
        for day in range(1, 300):
            add_run(session, Run(date=dt.date(2026, 1, 1) + dt.timedelta(days=day), distance_m=5000, duration_s=1500, notes="y" * 300))
    factory.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    refused(db_path, "damaged")


def test_a_database_from_a_newer_runlog_is_refused_untouched(db_path):
    open_database(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    refused(db_path, "newer version of runlog")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseRefused, match="is a folder"):
        open_database(tmp_path)


def test_head_revision_is_the_file_stamp(db_path):
    open_database(db_path).close()
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    connection.close()
    assert {"runs", "pains"} <= tables(db_path)


def test_ids_never_reused_migration_keeps_every_row_id_pain_and_morning(db_path):
    """A log at 0001 (ids reusable) upgraded by opening it: runs, their ids,
    pains, pain ids and morning statuses all survive, and a deleted run's id
    is not handed to the next run any more."""
    from runlog.store.engine import create_file, make_engine

    create_file(db_path)
    engine = make_engine(db_path)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO runs (id, date, distance_m, duration_s, notes, created_at, updated_at) VALUES "
            "(3, '2026-11-01', 5000, 1500, 'three', '2026-11-01 07:00:00', '2026-11-01 07:00:00'), "
            "(7, '2026-11-02', 8000, 2700, 'seven', '2026-11-02 07:00:00', '2026-11-02 07:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO pains (id, run_id, site, side, onset_m, intensity, stopped_early, next_morning) VALUES "
            "(11, 7, 'below_kneecap', 'left', 5000, 6, 0, 'same'), (12, 7, 'outer_knee', 'right', 2000, 3, 1, NULL)"
        )
    engine.dispose()

    store = open_database(db_path)
    try:
        from runlog.store.runs import delete_run, runs_between

        with store.read() as session:
            runs = runs_between(session)
        assert [(r.id, r.notes) for r in runs] == [(3, "three"), (7, "seven")]
        assert [(p.id, p.intensity, p.stopped_early, p.next_morning and p.next_morning.value) for p in runs[1].pains] == [
            (11, 6, False, "same"),
            (12, 3, True, None),
        ]
        with store.write() as session:
            delete_run(session, 7)
        with store.write() as session:
            new = add_run(session, Run(date=dt.date(2026, 11, 3), distance_m=1000, duration_s=400))
        assert new.id == 8, "the deleted run's id 7 must not be reused"
    finally:
        store.close()
    connection = sqlite3.connect(db_path)
    sql = connection.execute("SELECT sql FROM sqlite_master WHERE name IN ('runs', 'pains')").fetchall()
    connection.close()
    assert all("AUTOINCREMENT" in row[0] for row in sql)


def test_0002_adds_a_blank_runner_name_and_keeps_every_row(tmp_path):
    """A log at 0001 with settings and a run upgrades with both intact and the
    name blank; downgrading drops only the name."""
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql("INSERT INTO settings (id, units, week_start) VALUES (1, 'mi', 6)")
        connection.exec_driver_sql(
            "INSERT INTO runs (date, distance_m, duration_s, notes, created_at, updated_at) "
            "VALUES ('2026-11-20', 5000, 1500, 'kept', '2026-11-20 07:00:00', '2026-11-20 07:00:00')"
        )
        command.upgrade(alembic_config(connection), "0002")
        assert connection.exec_driver_sql("SELECT units, week_start, runner_name FROM settings").fetchall() == [
            ("mi", 6, "")
        ]
        assert connection.exec_driver_sql("SELECT notes FROM runs").fetchall() == [("kept",)]
        connection.exec_driver_sql("UPDATE settings SET runner_name = 'Ana'")
        command.downgrade(alembic_config(connection), "0001")
        assert connection.exec_driver_sql("SELECT * FROM settings").fetchall() == [(1, "mi", 6)]
        assert connection.exec_driver_sql("SELECT notes FROM runs").fetchall() == [("kept",)]
    engine.dispose()


def test_the_runner_name_is_saved_and_read_back(db_path):
    from runlog.domain import Settings
    from runlog.store.settings import get_settings, save_settings

    store = open_database(db_path)
    with store.write() as session:
        assert get_settings(session).runner_name == ""
        save_settings(session, Settings(runner_name="  Ana   María "))
    with store.read() as session:
        assert get_settings(session).runner_name == "Ana María"
    store.close()


def test_a_log_at_0001_opens_upgraded_with_a_backup(db_path):
    db_path.parent.mkdir(mode=0o700)
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql("INSERT INTO settings (id, units, week_start) VALUES (1, 'mi', 2)")
    engine.dispose()
    from runlog.store.settings import get_settings

    store = open_database(db_path)
    with store.read() as session:
        settings = get_settings(session)
    store.close()
    assert (settings.units.value, settings.week_start, settings.runner_name) == ("mi", 2, "")
    assert len(list(db_path.parent.glob("runlog.db.*.0001.bak"))) == 1
