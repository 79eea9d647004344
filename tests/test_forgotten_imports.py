"""A run the runner deleted stays deleted: the watch folder does not bring it
back, undo still works, naming the file brings it back, a backup keeps it.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.domain import Orthotic, Shoe
from runlog.domain.activity import ActivityKind
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.kind_gear import kind_defaults, set_kind_default
from runlog.store.runs import add_run, delete_run, recent_runs

ACTIVITIES = Path(__file__).resolve().parent / "fixtures" / "activities"
RUN_FILE = ACTIVITIES / "fitdecode" / "activity-small-fenix2-run.fit"


@pytest.fixture
def watch(tmp_path) -> Path:
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(RUN_FILE, folder / "run.fit")
    return folder


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored_runs(target) -> list:
    store = open_database(target)
    try:
        with store.read() as session:
            return recent_runs(session, limit=10)
    finally:
        store.close()


def delete_newest(target):
    store = open_database(target)
    try:
        with store.write() as session:
            return delete_run(session, recent_runs(session, limit=1)[0].id)
    finally:
        store.close()


def test_a_run_deleted_from_the_watch_folder_is_not_imported_again(db_target, watch, capsys):
    assert cli(capsys, "--db", db_target, "import", watch)[0] == 0
    delete_newest(db_target)
    code, out, _err = cli(capsys, "--db", db_target, "import", watch)
    assert code == 0
    assert out.splitlines()[0] == "0 imported, 0 merged into runs you logged, 0 already there"
    assert "1 you deleted passed by (runlog import FILE brings one back):" in out
    assert f"  {watch / 'run.fit'} (" in out
    assert stored_runs(db_target) == []


def test_undo_of_the_delete_brings_the_run_back_and_the_folder_sees_it_as_there(db_target, watch, capsys):
    cli(capsys, "--db", db_target, "import", watch)
    deleted = delete_newest(db_target)
    store = open_database(db_target)
    try:
        with store.write() as session:
            add_run(session, deleted, keep_id=True)  # what u does
    finally:
        store.close()
    code, out, _err = cli(capsys, "--db", db_target, "import", watch)
    assert out.splitlines()[0] == "0 imported, 0 merged into runs you logged, 1 already there"
    assert "passed by" not in out
    # Deleted again after the undo: forgotten again.
    delete_newest(db_target)
    assert "1 you deleted passed by" in cli(capsys, "--db", db_target, "import", watch)[1]


def test_naming_the_file_brings_a_deleted_run_back(db_target, watch, capsys):
    cli(capsys, "--db", db_target, "import", watch)
    delete_newest(db_target)
    code, out, _err = cli(capsys, "--db", db_target, "import", watch / "run.fit")
    assert code == 0
    assert out.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"
    assert "1 you had deleted brought back, as the file was named" in out
    assert len(stored_runs(db_target)) == 1
    # ... and the folder no longer passes it by.
    assert cli(capsys, "--db", db_target, "import", watch)[1].splitlines()[0].endswith("1 already there")


def test_a_backup_keeps_the_deleted_imports_and_the_gear_per_kind(db_target, watch, tmp_path, capsys):
    cli(capsys, "--db", db_target, "import", watch)
    deleted = delete_newest(db_target)
    store = open_database(db_target)
    try:
        with store.write() as session:
            shoe = add_gear(session, Shoe(name="Speedgoat"))
            insole = add_gear(session, Orthotic(name="Green"))
            set_kind_default(session, ActivityKind.TRAIL_RUN, shoe, insole)
    finally:
        store.close()
    backup = tmp_path / "b.runlog"
    assert cli(capsys, "--db", db_target, "backup", backup)[0] == 0
    connection = sqlite3.connect(backup)
    try:
        assert connection.execute("SELECT source, run_date FROM forgotten_activities").fetchall() == [
            (deleted.source, deleted.date.isoformat())
        ]
    finally:
        connection.close()
    restored = tmp_path / "restored" / "runlog.db"
    assert cli(capsys, "--db", restored, "restore", backup)[0] == 0
    # The restored log still passes the deleted file by, and knows the trail default.
    assert "1 you deleted passed by" in cli(capsys, "--db", restored, "import", watch)[1]
    store = open_database(restored)
    try:
        with store.read() as session:
            default = kind_defaults(session)[ActivityKind.TRAIL_RUN]
    finally:
        store.close()
    assert (default.shoe.name, default.orthotic.name) == ("Speedgoat", "Green")
