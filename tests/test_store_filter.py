"""The run list's filter in the store: shoe, orthotic, note or pain site, in
any case, on SQLite and on PostgreSQL alike; a % or _ typed is only text."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import Orthotic, Pain, PainSite, Run, Shoe, Side
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run, matching_runs

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def store(db_target):
    opened = open_database(db_target)
    with opened.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano 30"))
        insoles = add_gear(session, Orthotic(name="Superfeet Green"))
        runs = [
            Run(date=DAY, distance_m=8000, duration_s=2400, shoe=shoe, notes="hills, 100% effort"),
            Run(date=DAY - dt.timedelta(days=1), distance_m=5000, duration_s=1500, orthotic=insoles),
            Run(date=DAY - dt.timedelta(days=2), distance_m=6000, duration_s=1800, notes="easy_run",
                pains=[Pain(PainSite.BELOW_KNEECAP, Side.LEFT, 5, onset_m=4000)]),
            Run(date=DAY - dt.timedelta(days=3), distance_m=7000, duration_s=2100,
                pains=[Pain(PainSite.CALF, Side.RIGHT, 2, onset_m=1000)]),
        ]
        for run in runs:
            add_run(session, run)
    yield opened
    opened.close()


def _days(store, text: str) -> list[int]:
    with store.read() as session:
        return [(DAY - run.date).days for run in matching_runs(session, text, limit=10)]


@pytest.mark.parametrize(
    ("text", "days"),
    [("kayano", [0]), ("SUPERFEET", [1]), ("green", [1]), ("hills", [0]), ("L below", [2]),
     ("left below kneecap", [2]), ("kneecap", [2]), ("r calf", [3]), ("calf", [3]), ("right", [3]),
     ("100%", [0]), ("%", [0]), ("_", [2]), ("y_r", [2]), ("a_y", []), ("nothing like it", [])],
)
def test_the_filter_matches_gear_notes_and_sites_as_shown(store, text, days):
    assert _days(store, text) == days


def test_the_filter_pages_newest_first(store):
    with store.read() as session:
        first = matching_runs(session, "e", limit=2)
        rest = matching_runs(session, "e", limit=2, offset=2)
    assert [run.date for run in first + rest] == sorted((run.date for run in first + rest), reverse=True)
