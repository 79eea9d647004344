"""``runlog import`` keeps the watch's cadence, ascent and descent on each run,
fills them into a run typed by hand, and leaves a broken sensor's value unknown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.domain import Run
from runlog.formats.activity_files import FileKind, FileOutcome
from runlog.formats.fit import read_fit
from runlog.store.activities import import_outcomes
from runlog.store.runs import add_run, recent_runs

ACTIVITIES = Path(__file__).resolve().parent / "fixtures" / "activities"
EXPORT = ACTIVITIES / "geo-activity-playground" / "strava-export"


@pytest.fixture(autouse=True)
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rows(db_path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_an_imported_fit_run_has_its_cadence_in_steps_and_the_watchs_ascent_and_descent(db_path, capsys):
    assert main(["--db", str(db_path), "import", str(ACTIVITIES / "fitdecode" / "activity-small-fenix2-run.fit")]) == 0
    capsys.readouterr()
    assert rows(db_path, "SELECT cadence_spm, ascent_m, descent_m FROM runs") == [(162.0, 64.0, 61.0)]


def test_a_run_typed_by_hand_gains_the_watch_figures_and_keeps_a_cadence_the_runner_typed(store, db_path, capsys):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2022, 5, 29), start_time=dt.time(17, 45), distance_m=3300.0,
                             duration_s=24 * 60, ascent_m=50.0))
    assert main(["--db", str(db_path), "import", str(EXPORT)]) == 0
    assert "1 merged" in capsys.readouterr().out
    # The watch's own file (in the export) gives the cadence and descent; the runner's typed ascent stays.
    assert rows(db_path, "SELECT cadence_spm, ascent_m, descent_m FROM runs") == [(140.0, 50.0, 86.0)]


def test_a_broken_cadence_is_left_unknown_and_the_run_still_imported(store):
    (activity,) = read_fit((ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit").read_bytes()).activities
    broken = dataclasses.replace(activity, cadence_spm=float("nan"), ascent_m=25_000.0, descent_m=3.0)
    outcome = FileOutcome(path=Path("run.fit"), kind=FileKind.FIT, activities=[broken])
    assert import_outcomes(store, [outcome]).imported == 1
    with store.read() as session:
        (run,) = recent_runs(session, 5)
    assert (run.cadence_spm, run.ascent_m, run.descent_m) == (None, None, 3.0)


def test_a_backup_and_its_restore_carry_cadence_ascent_and_descent(store, db_path, tmp_path, capsys):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 5, 1), distance_m=5000.0, duration_s=1500.0,
                             cadence_spm=171.5, ascent_m=38.0, descent_m=41.0))
    assert main(["--db", str(db_path), "backup", str(tmp_path / "copy.runlog")]) == 0
    restored = tmp_path / "elsewhere" / "runlog.db"
    assert main(["--db", str(restored), "restore", str(tmp_path / "copy.runlog")]) == 0
    capsys.readouterr()
    assert rows(restored, "SELECT cadence_spm, ascent_m, descent_m FROM runs") == [(171.5, 38.0, 41.0)]


def test_a_backup_holding_an_impossible_cadence_is_refused_and_nothing_restored(store, db_path, tmp_path, capsys):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 5, 1), distance_m=5000.0, duration_s=1500.0))
    backup = tmp_path / "copy.runlog"
    assert main(["--db", str(db_path), "backup", str(backup)]) == 0
    connection = sqlite3.connect(backup)
    with connection:
        # A CHECK constraint guards the column: a tampered file drops it to get past.
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE runs SET cadence_spm = 999")
    connection.close()
    restored = tmp_path / "elsewhere" / "runlog.db"
    assert main(["--db", str(restored), "restore", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "runs row 1 holds a value runlog never writes in cadence_spm" in err
    assert "999" not in err
