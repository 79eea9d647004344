"""A CSV read while it is still being written never stores wrong figures for good.

A file changed within the last moment is watched for that moment (on a
clock the test drives: no real waiting); if it grew meanwhile it is named and
left for the next import. And a run imported from a file cut short is
corrected by the complete file, unless the runner has edited it since.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from sqlalchemy import select

from runlog.commands.activity_import import import_activity_paths
from runlog.domain.units import Units
from runlog.formats.settle import Settle
from runlog.store import open_database
from runlog.store.models import RunRow
from runlog.store.runs import get_run, update_run

HEADER = '"Activity Type","Date","Title","Distance","Time","Elapsed Time"\n'
ROWS = [
    '"Running","2024-03-01 07:00:00","a","5.00","00:25:00","00:25:40"\n',
    '"Running","2024-03-02 07:00:00","b","10.00","00:52:10","00:53:00"\n',
]
#: The last row as a reader that came in the middle of writing it sees it.
CUT = '"Running","2024-03-02 07:00:00","b","10.00","00:52:1'


class Clock:
    """A clock the test moves; ``sleep`` moves it, and lets the writer write on."""

    def __init__(self, start: float, on_sleep=None) -> None:
        self.time = start
        self.slept: list[float] = []
        self.on_sleep = on_sleep

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.time += seconds
        if self.on_sleep is not None:
            self.on_sleep()


def stored(db: Path) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT date, distance_m, duration_s FROM runs ORDER BY date").fetchall()
    finally:
        connection.close()


def test_a_csv_that_grows_while_it_is_watched_is_named_and_left_for_later(db_path, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    path = folder / "Activities.csv"
    path.write_text(HEADER + ROWS[0] + CUT)

    def writer_goes_on() -> None:
        path.write_text(HEADER + "".join(ROWS))

    clock = Clock(os.stat(path).st_mtime + 0.2, on_sleep=writer_goes_on)
    store = open_database(db_path)
    summary = import_activity_paths(store, [folder], Units.KM,
                                    settle=Settle(interval=1.0, now=clock.now, sleep=clock.sleep))
    assert clock.slept == [1.0]
    assert summary.imported == 0
    assert [refusal.message for refusal in summary.refused] == [
        f"{path} is still being written (it changed a moment ago); it is left for the next import, "
        "when it is complete."
    ]
    assert stored(db_path) == []
    # The next scan, the file long complete: both runs, with their true figures.
    later = Clock(os.stat(path).st_mtime + 60)
    summary = import_activity_paths(store, [folder], Units.KM,
                                    settle=Settle(interval=1.0, now=later.now, sleep=later.sleep))
    store.close()
    assert later.slept == []
    assert summary.imported == 2
    assert stored(db_path) == [("2024-03-01", 5000.0, 1500.0), ("2024-03-02", 10000.0, 3130.0)]


def test_a_fresh_file_that_stays_still_is_imported_after_one_wait_for_all(db_path, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.csv").write_text(HEADER + ROWS[0].replace("2024-03-01", f"2024-03-0{number + 1}"))
    clock = Clock(max(os.stat(p).st_mtime for p in folder.iterdir()) + 0.1)
    store = open_database(db_path)
    summary = import_activity_paths(store, [folder], Units.KM,
                                    settle=Settle(interval=1.0, now=clock.now, sleep=clock.sleep))
    store.close()
    assert clock.slept == [1.0]
    assert (summary.imported, summary.refused) == (3, [])


def _import(store, path: Path):
    clock = Clock(os.stat(path).st_mtime + 60)
    return import_activity_paths(store, [path], Units.KM, settle=Settle(interval=1.0, now=clock.now, sleep=clock.sleep))


def test_the_complete_file_corrects_what_a_cut_one_stored(db_path, tmp_path):
    path = tmp_path / "Activities.csv"
    path.write_text(HEADER + ROWS[0] + CUT)  # read cut, by an older runlog or after a crash of the writer
    store = open_database(db_path)
    assert _import(store, path).imported == 2
    assert stored(db_path)[1] == ("2024-03-02", 10000.0, 3121.0)
    path.write_text(HEADER + "".join(ROWS))
    summary = _import(store, path)
    store.close()
    assert (summary.imported, summary.corrected, summary.already_there) == (0, 1, 1)
    assert "1 corrected from a complete copy of a file read while it was being written" in summary.lines()
    assert stored(db_path) == [("2024-03-01", 5000.0, 1500.0), ("2024-03-02", 10000.0, 3130.0)]


def test_a_run_the_runner_edited_is_never_corrected(db_path, tmp_path):
    path = tmp_path / "Activities.csv"
    path.write_text(HEADER + ROWS[0] + CUT)
    store = open_database(db_path)
    _import(store, path)
    with store.write() as session:
        row = session.scalars(select(RunRow).where(RunRow.date == dt.date(2024, 3, 2))).one()
        # Imported an hour ago, edited by the runner now.
        row.created_at -= dt.timedelta(hours=1)
        row.updated_at -= dt.timedelta(hours=1)
        run_id = row.id
    with store.write() as session:
        run = get_run(session, run_id)
        run.distance_m = 9000.0
        run.duration_s = 3000.0
        update_run(session, run)
    path.write_text(HEADER + "".join(ROWS))
    summary = _import(store, path)
    store.close()
    assert (summary.corrected, summary.already_there) == (0, 2)
    assert stored(db_path)[1] == ("2024-03-02", 9000.0, 3000.0)
