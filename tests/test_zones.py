"""A watch's FIT and Strava's activities.csv of the same run are one run, whatever the computer's zone.

The FIT says the watch's own offset (Berlin, UTC+1 in November); Strava's CSV
alone says UTC, shown in the computer's zone. Both orders, in three zones.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from runlog.cli import main

from .fitwriter import Leg, fit_file

START = dt.datetime(2026, 11, 3, 6, 30, 12, tzinfo=dt.UTC)  # 07:30 on the watch in Berlin
SECONDS = 1834
METRES = 5012.0
HEADER = ("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Gear,Filename,"
          "Elapsed Time,Moving Time,Distance\n")


@pytest.fixture(params=["UTC", "America/Los_Angeles", "Pacific/Auckland"])
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def watch_fit(folder: Path, start: dt.datetime = START, metres: float = METRES, name: str = "run.fit") -> Path:
    path = folder / name
    path.write_bytes(fit_file([Leg("running", start, SECONDS, metres, records=False)],
                              local_offset=dt.timedelta(hours=1)))
    return path


def strava_csv(folder: Path, start: dt.datetime = START, metres: float = METRES) -> Path:
    path = folder / "activities.csv"
    when = start.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " ")
    path.write_text(HEADER + f'9001,"{when}",Morning Run,Run,{SECONDS},{metres / 1000:.2f},,,'
                             f'{SECONDS}.0,{SECONDS - 20}.0,{metres}\n', encoding="utf-8")
    return path


def runs(db: Path) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT date, start_time, source FROM runs ORDER BY id").fetchall()
    finally:
        connection.close()


def imported(db: Path, path: Path, capsys) -> str:
    assert main(["--db", str(db), "import", str(path)]) == 0
    return capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize("fit_first", [True, False], ids=["fit then strava", "strava then fit"])
def test_the_same_run_from_a_watch_and_strava_is_stored_once(zone, fit_first, tmp_path, capsys):
    db = tmp_path / "log.db"
    fit, csv = watch_fit(tmp_path), strava_csv(tmp_path)
    first, second = (fit, csv) if fit_first else (csv, fit)
    assert imported(db, first, capsys) == "1 imported, 0 merged into runs you logged, 0 already there"
    assert imported(db, second, capsys) == "0 imported, 0 merged into runs you logged, 1 already there"
    assert len(runs(db)) == 1


def test_two_runs_of_the_same_route_a_day_apart_stay_two(zone, tmp_path, capsys):
    db = tmp_path / "log.db"
    imported(db, watch_fit(tmp_path), capsys)
    imported(db, strava_csv(tmp_path, START + dt.timedelta(days=1)), capsys)
    assert len(runs(db)) == 2


def test_a_gap_no_time_zone_makes_keeps_two_runs(zone, tmp_path, capsys):
    db = tmp_path / "log.db"
    imported(db, watch_fit(tmp_path), capsys)
    imported(db, strava_csv(tmp_path, START + dt.timedelta(minutes=37)), capsys)
    assert len(runs(db)) == 2


def test_a_different_distance_keeps_two_runs(zone, tmp_path, capsys):
    db = tmp_path / "log.db"
    imported(db, watch_fit(tmp_path), capsys)
    imported(db, strava_csv(tmp_path, START + dt.timedelta(hours=3), metres=8000.0), capsys)
    assert len(runs(db)) == 2
