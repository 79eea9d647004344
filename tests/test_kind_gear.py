"""Imported runs get the shoe and orthotic of their kind: the runner's default
for the kind, else the last used for it; a Strava gear name still wins; the
summary says so."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from runlog.cli import main
from runlog.domain import Orthotic, Run, Shoe
from runlog.domain.activity import ActivityKind
from runlog.store.gear import add_gear, retire_gear
from runlog.store.kind_gear import set_kind_default
from runlog.store.runs import add_run

ACTIVITIES = Path(__file__).resolve().parent / "fixtures" / "activities"
STRAVA = ACTIVITIES / "runlog" / "strava-2018" / "activities.csv"
FIT_RUN = ACTIVITIES / "fitdecode" / "activity-small-fenix2-run.fit"


def gear_of_runs(db_path: Path) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT r.date, r.kind, s.name, o.name FROM runs r LEFT JOIN shoes s ON s.id = r.shoe_id "
            "LEFT JOIN orthotics o ON o.id = r.orthotic_id WHERE r.source IS NOT NULL ORDER BY r.date"
        ).fetchall()
    finally:
        connection.close()


def imported(db_path, capsys, path) -> list[str]:
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    return capsys.readouterr().out.splitlines()


def test_an_import_gets_the_last_used_gear_of_its_kind_and_strava_gear_wins(store, db_path, capsys):
    with store.write() as session:
        pegasus = add_gear(session, Shoe(name="Pegasus"))
        boots = add_gear(session, Shoe(name="Boots"))
        green = add_gear(session, Orthotic(name="Green"))
        add_run(session, Run(date=dt.date(2018, 3, 1), distance_m=5000, duration_s=1500, shoe=pegasus, orthotic=green))
        add_run(session, Run(date=dt.date(2018, 3, 2), distance_m=9000, duration_s=9000, shoe=boots, kind=ActivityKind.HIKE))
    out = imported(db_path, capsys, STRAVA)
    assert gear_of_runs(db_path) == [
        ("2018-03-14", "run", "Brooks Ghost 10", "Green"),  # Strava's gear name wins over Pegasus
        ("2018-03-17", "hike", "Boots", None),
    ]
    assert "1 given orthotic Green (last used for runs)" in out
    assert "1 given shoe Boots (last used for hikes)" in out


def test_the_runners_default_for_the_kind_wins_over_the_last_used(store, db_path, capsys):
    with store.write() as session:
        pegasus = add_gear(session, Shoe(name="Pegasus"))
        ghost = add_gear(session, Shoe(name="Ghost"))
        green = add_gear(session, Orthotic(name="Green"))
        add_run(session, Run(date=dt.date(2017, 6, 1), distance_m=5000, duration_s=1500, shoe=pegasus))
        set_kind_default(session, ActivityKind.RUN, ghost, green)
    out = imported(db_path, capsys, FIT_RUN)
    assert [row[1:] for row in gear_of_runs(db_path)] == [("run", "Ghost", "Green")]
    assert "1 given shoe Ghost and orthotic Green (your default for runs)" in out


def test_a_shoe_retired_before_the_run_is_not_given_and_other_kinds_do_not_count(store, db_path, capsys):
    with store.write() as session:
        old = add_gear(session, Shoe(name="Old pair"))
        trail = add_gear(session, Shoe(name="Speedgoat"))
        add_run(session, Run(date=dt.date(2017, 5, 1), distance_m=5000, duration_s=1500, shoe=old))
        add_run(session, Run(date=dt.date(2017, 6, 1), distance_m=5000, duration_s=1500, shoe=trail,
                             kind=ActivityKind.TRAIL_RUN))
        retire_gear(session, Shoe, old.id, dt.date(2017, 5, 20))
    out = imported(db_path, capsys, FIT_RUN)
    assert [row[1:] for row in gear_of_runs(db_path)] == [("run", None, None)]
    assert not [line for line in out if "given" in line]


def test_deleting_a_default_shoe_leaves_the_kind_to_the_last_used(store):
    from runlog.store.gear import delete_gear
    from runlog.store.kind_gear import kind_defaults

    with store.write() as session:
        spare = add_gear(session, Shoe(name="Spare"))
        insole = add_gear(session, Orthotic(name="Green"))
        set_kind_default(session, ActivityKind.WALK, spare, insole)
        delete_gear(session, Shoe, spare.id)
    with store.read() as session:
        default = kind_defaults(session)[ActivityKind.WALK]
    assert (default.shoe, default.orthotic.name) == (None, "Green")
