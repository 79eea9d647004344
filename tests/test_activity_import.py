"""``runlog import`` of activity files: new runs, re-import, merging into a run typed by hand, refusals."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.domain import Pain, PainSite, Run, Side
from runlog.store.runs import add_run

ACTIVITIES = Path(__file__).resolve().parent / "fixtures" / "activities"
EXPORT = ACTIVITIES / "geo-activity-playground" / "strava-export"


@pytest.fixture(autouse=True)
def berlin(monkeypatch):
    """Files that do not say their own offset are read in the machine's zone: make it fixed."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run_import(db_path: Path, capsys, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db_path), "import", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def rows(db_path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_folder_of_watch_files_imports_runs_leaves_out_rides_and_names_refusals(db_path, tmp_path, capsys):
    watch = tmp_path / "watch"
    shutil.copytree(ACTIVITIES / "fitdecode", watch)
    status, out, err = run_import(db_path, capsys, str(watch))
    assert status == 1
    assert out.splitlines()[0] == "2 imported, 0 merged into runs you logged, 0 already there"
    assert "left out (not on foot): 2 cycling" in out
    assert "3 files refused" in out.splitlines()
    assert f"runlog: {watch / 'Settings.fit'} is not an activity file (it holds settings).\n" in err
    assert f"runlog: {watch / 'invalid' / 'activity-unexpected-eof.fit'} is damaged: the file ends early.\n" in err
    assert f"runlog: {watch / 'invalid' / 'activity-filecrc.fit'} is damaged: its checksum does not match.\n" in err
    stored = rows(db_path, "SELECT date, start_time, round(distance_m, 2), kind, source LIKE 'file:%' FROM runs ORDER BY date")
    assert stored == [
        ("2015-08-15", "16:45:00.000000", 9008.22, "run", 1),
        ("2017-06-11", "07:34:00.000000", 157.56, "run", 1),
    ]
    assert rows(db_path, "SELECT count(*) FROM marks") == [(3,)]

    status, out, _ = run_import(db_path, capsys, str(watch))
    assert out.splitlines()[0] == "0 imported, 0 merged into runs you logged, 2 already there"
    assert rows(db_path, "SELECT count(*) FROM runs") == [(2,)]
    assert rows(db_path, "SELECT count(*) FROM marks") == [(3,)]


def test_only_good_files_exit_0(db_path, capsys):
    status, out, err = run_import(db_path, capsys, str(ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit"))
    assert (status, err) == (0, "")
    assert out == "1 imported, 0 merged into runs you logged, 0 already there\n"


def test_a_run_logged_by_hand_and_its_watch_file_become_one_run_with_its_pain(store, db_path, capsys):
    with store.write() as session:
        typed = add_run(session, Run(
            date=dt.date(2022, 5, 29), start_time=dt.time(17, 45), distance_m=3300.0, duration_s=24 * 60,
            notes="hill at the end",
            pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=2800.0)],
        ))
    status, out, _ = run_import(db_path, capsys, str(EXPORT))
    assert status == 0
    assert out.splitlines()[0] == "0 imported, 1 merged into runs you logged, 0 already there"
    [run] = rows(db_path, "SELECT id, start_time, distance_m, duration_s, notes, source, round(elapsed_s) FROM runs")
    # What the runner typed wins; the watch fills the blank (elapsed time) and says where it came from.
    assert run == (typed.id, "17:45:00.000000", 3300.0, 1440.0, "hill at the end", "strava:12070555079", 1428.0)
    assert rows(db_path, "SELECT site, onset_m FROM pains") == [("below_kneecap", 2800.0)]
    assert rows(db_path, "SELECT round(distance_m), label FROM marks ORDER BY id") == [(1000.0, "lap"), (1417.0, "lap"), (2786.0, "lap")]

    status, out, _ = run_import(db_path, capsys, str(EXPORT / "activities" / "12866632127.fit.gz"))
    # The same run from the watch's own file: already there, not a second run.
    assert out.splitlines()[0] == "0 imported, 0 merged into runs you logged, 1 already there"
    assert rows(db_path, "SELECT count(*) FROM runs") == [(1,)]


def test_a_walk_is_not_merged_into_a_run_of_the_same_length(store, db_path, capsys, tmp_path):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2022, 5, 29), distance_m=3320.0, duration_s=1400.0))
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    csv_path = export / "activities.csv"
    csv_path.write_text(csv_path.read_text().replace(",Run,", ",Walk,", 1))
    _, out, _ = run_import(db_path, capsys, str(export))
    assert out.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"
    assert rows(db_path, "SELECT kind FROM runs ORDER BY id") == [("run",), ("walk",)]


def test_strava_gear_becomes_a_shoe_and_the_export_zip_imports_once(db_path, capsys, tmp_path):
    export = ACTIVITIES / "runlog" / "strava-2018" / "activities.csv"
    status, out, _ = run_import(db_path, capsys, str(export))
    assert status == 0
    assert out.splitlines() == [
        "2 imported, 0 merged into runs you logged, 0 already there",
        "left out (not on foot): 1 ride",
    ]
    assert rows(db_path, "SELECT name FROM shoes") == [("Brooks Ghost 10",)]
    assert rows(db_path, "SELECT r.kind, s.name FROM runs r LEFT JOIN shoes s ON s.id = r.shoe_id ORDER BY r.date") == [
        ("run", "Brooks Ghost 10"), ("hike", None),
    ]
    run_import(db_path, capsys, str(export))
    assert rows(db_path, "SELECT count(*) FROM runs") == [(2,)]
    assert rows(db_path, "SELECT count(*) FROM shoes") == [(1,)]


def test_garmin_csv_units_follow_the_option(db_path, capsys):
    status, out, _ = run_import(db_path, capsys, "--units", "mi", str(ACTIVITIES / "pacer" / "Activities.csv"))
    assert status == 0
    assert "left out (not on foot): 1 indoor cycling" in out
    assert rows(db_path, "SELECT round(distance_m) FROM runs WHERE date = '2025-02-06'") == [(round(5.48 * 1609.344),)]


def test_each_refused_file_is_named_once_on_standard_error_and_not_on_standard_output(db_path, tmp_path, capsys):
    watch = tmp_path / "watch"
    shutil.copytree(ACTIVITIES / "fitdecode", watch)
    _, out, err = run_import(db_path, capsys, str(watch))
    for name in ("Settings.fit", "activity-unexpected-eof.fit", "activity-filecrc.fit"):
        assert name not in out
        assert err.count(name) == 1, err
    assert len(err.splitlines()) == 3


def test_a_file_that_cannot_be_logged_is_refused_whole_and_the_others_still_import(db_path, capsys, tmp_path):
    bad = tmp_path / "no-duration.csv"
    bad.write_text(
        '"Activity Type","Date","Title","Distance","Time"\n'
        '"Running","2024-03-01 07:00:00","ok","5.00","00:25:00"\n'
        '"Running","2024-03-02 07:00:00","no time","5.00","--"\n'
    )
    good = ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit"
    status, out, err = run_import(db_path, capsys, str(bad), str(good))
    assert status == 1
    assert out.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"
    assert err == f"runlog: {bad} has an activity on 2024-03-02 (line 3) runlog cannot log: its duration is not more than 0; nothing from it was kept.\n"
    assert rows(db_path, "SELECT date FROM runs") == [("2017-06-11",)]  # nothing of the bad file, not even its good row


def test_runlog_csv_still_imports_through_the_same_command(db_path, capsys, tmp_path):
    own = tmp_path / "mine.csv"
    own.write_text("date,distance_km,duration_min,pain\n2026-05-01,5,25,no\n")
    status, out, _ = run_import(db_path, capsys, str(own), str(ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit"))
    assert status == 0
    assert "imported 1 run with 0 pain entries" in out
    assert rows(db_path, "SELECT count(*) FROM runs") == [(2,)]


def test_a_sport_name_from_a_file_cannot_drive_the_terminal(db_path, capsys, tmp_path):
    # A CSV's activity type is the file's text: printed in the summary, it must not carry escape sequences.
    # (XML forbids control characters: such a GPX or TCX is refused as damaged.)
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        '"Activity Type","Date","Title","Distance","Time"\n'
        '"\x1b]0;owned\x07Kayak","2024-03-01 07:00:00","x","5.00","00:25:00"\n'
    )
    status, out, _ = run_import(db_path, capsys, "--units", "km", str(hostile))
    assert status == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "left out (not on foot): 1 ?]0;owned?kayak" in out


def test_garmin_csv_takes_the_logs_unit_by_default(store, db_path, capsys):
    from runlog.domain import Settings, Units
    from runlog.store.settings import save_settings

    with store.write() as session:
        save_settings(session, Settings(units=Units.MI))
    run_import(db_path, capsys, str(ACTIVITIES / "pacer" / "Activities.csv"))
    assert rows(db_path, "SELECT round(distance_m) FROM runs WHERE date = '2025-02-06'") == [(round(5.48 * 1609.344),)]
