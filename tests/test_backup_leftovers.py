"""Backups and restores leave nothing behind: not on a full disk, not when killed outright,
not in the temporary folder; and a folder named as the backup is said to be one."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.store import open_database

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def filled(target) -> None:
    factory = open_database(target)
    with factory.write() as session:
        fill_demo(session, dt.date(2026, 11, 20))
    factory.close()


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def wait_until(condition, process: subprocess.Popen) -> None:
    """Poll ``condition`` until it holds (the process must still be running)."""
    while not condition():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        os.sched_yield()


def test_backup_to_a_folder_says_it_is_a_folder(db_path, tmp_path, capsys):
    filled(db_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    assert main(["--db", str(db_path), "backup", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err == f"runlog: {folder} is a folder; name the new backup file, such as {folder / 'runlog-backup.db'}\n"
    assert list(folder.iterdir()) == []


def test_a_backup_that_fails_on_a_full_disk_leaves_no_journal(db_path, tmp_path, capsys, monkeypatch):
    import runlog.store.backup_file as backup_file

    filled(db_path)
    out = tmp_path / "out"
    out.mkdir()

    def copy_until_the_disk_fills(source, partial):
        # SQLite's rollback journal is beside the copy when the write fails.
        partial.with_name(partial.name + "-journal").write_bytes(b"\0" * 512)
        full = sqlite3.OperationalError("database or disk is full")
        full.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise full

    monkeypatch.setattr(backup_file, "_sqlite_copy", copy_until_the_disk_fills)
    assert main(["--db", str(db_path), "backup", str(out / "b.db")]) == 1
    assert capsys.readouterr().err == "runlog: the disk is full; nothing was changed\n"
    assert sorted(p.name for p in out.iterdir()) == []


def test_the_next_backup_removes_what_a_killed_one_left_and_nothing_else(db_path, tmp_path, capsys):
    filled(db_path)
    out = tmp_path / "out"
    out.mkdir()
    gone, alive = dead_pid(), os.getppid()
    stale = [f".b.db.runlog-{gone}-ab_d1234.partial{suffix}" for suffix in ("", "-wal", "-shm", "-journal")]
    kept = [f".b.db.runlog-{alive}-ab_d1234.partial", ".b.db.other.partial", "notes.txt"]
    for name in stale + kept:
        (out / name).write_bytes(b"x")
    assert main(["--db", str(db_path), "backup", str(out / "b.db")]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*kept, "b.db"])


@pytest.mark.postgres
def test_a_backup_killed_outright_is_cleaned_up_by_the_next_one(pg_url, tmp_path):
    filled(pg_url)
    out = tmp_path / "out"
    out.mkdir()
    holder = create_engine(pg_url)
    with holder.connect() as connection:
        # The backup's snapshot waits on this lock, its partial copy (with -wal and -shm) already made.
        transaction = connection.begin()
        connection.execute(text("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE"))
        backup = subprocess.Popen([sys.executable, "-m", "runlog", "--db", pg_url, "backup", str(out / "b.db")],
                                  cwd=ROOT, env=ENV, stderr=subprocess.PIPE)
        wait_until(lambda: any(p.name.endswith(".partial-wal") for p in out.iterdir()), backup)
        backup.send_signal(signal.SIGKILL)
        backup.wait()
        transaction.rollback()
    holder.dispose()
    left = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".partial") for name in left) and any(name.endswith("-wal") for name in left)
    assert main(["--db", pg_url, "backup", str(out / "b2.db")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["b2.db"]


@pytest.mark.postgres
def test_a_restore_killed_outright_leaves_no_folder_in_the_temporary_folder(pg_url, new_pg_url, tmp_path):
    filled(pg_url)
    backup = tmp_path / "b.db"
    assert main(["--db", pg_url, "backup", str(backup)]) == 0
    target = new_pg_url()
    open_database(target).close()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    holder = create_engine(target)
    with holder.connect() as connection:
        transaction = connection.begin()
        connection.execute(text("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE"))
        restore = subprocess.Popen([sys.executable, "-m", "runlog", "--db", target, "restore", str(backup)], cwd=ROOT,
                                   env={**ENV, "TMPDIR": str(scratch)}, stderr=subprocess.PIPE)
        # The restore is waiting for the lock once its own session shows up on the server.
        wait_until(lambda: _waiting_sessions(target) > 0, restore)
        restore.send_signal(signal.SIGKILL)
        restore.wait()
        transaction.rollback()
    holder.dispose()
    assert list(scratch.iterdir()) == []


def _waiting_sessions(url: str) -> int:
    """runlog sessions waiting for a lock (asked afresh: a transaction sees one snapshot of the statistics)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'runlog' AND wait_event_type = 'Lock'"
            )).scalar_one()
    finally:
        engine.dispose()


def test_a_restore_removes_the_scratch_folders_of_killed_restores(tmp_path, monkeypatch, capsys):
    from alembic import command

    from runlog.store.migrate import alembic_config

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    gone = scratch / f"runlog-restore-{dead_pid()}-ab_d1234"
    gone.mkdir()
    (gone / "backup.db").write_bytes(b"x")
    running = scratch / f"runlog-restore-{os.getppid()}-ab_d1234"
    running.mkdir()
    old = tmp_path / "old.runlog"  # an older schema: restored through a scratch copy
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()
    assert main(["--db", str(tmp_path / "new" / "runlog.db"), "restore", str(old)]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in scratch.iterdir()) == [running.name]
