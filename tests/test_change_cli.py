"""``runlog change add|list|remove`` end to end, on an SQLite file and on
PostgreSQL: what is stored, what is refused (writing nothing), gear changes,
and the changes kept by backup and restore."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from runlog.cli import main
from runlog.domain import Run, Shoe
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run

TODAY = dt.date.today()


def cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as usage:  # argparse's wrong usage: exit status 2
        code = usage.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(target) -> list[tuple]:
    url = f"sqlite:///{target}" if isinstance(target, Path) else target
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text("SELECT id, date, kind, label FROM changes ORDER BY id"))]
    finally:
        engine.dispose()


def as_dates(rows):
    return [(i, d if isinstance(d, str) else d.isoformat(), k, label) for i, d, k, label in rows]


def test_add_list_and_remove_round_trip(db_target, capsys):
    assert cli(capsys, "--db", db_target, "change", "add", "2026-10-03", "orthotic", "Custom pair") == (
        0, "recorded change 1: 2026-10-03 orthotic Custom pair\n", "")
    assert cli(capsys, "change", "add", "2026-10-10", "PHYSIO", "--db", db_target)[0] == 0
    code, out, err = cli(capsys, "--db", db_target, "change", "list", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {"id": 1, "date": "2026-10-03", "kind": "orthotic", "label": "Custom pair", "source": "recorded"},
        {"id": 2, "date": "2026-10-10", "kind": "physio", "label": "", "source": "recorded"},
    ]
    code, out, _ = cli(capsys, "--db", db_target, "change", "list")
    assert out.splitlines() == ["   1  2026-10-03  orthotic  Custom pair", "   2  2026-10-10  physio"]
    assert cli(capsys, "--db", db_target, "change", "remove", "1") == (
        0, "removed change 1: 2026-10-03 orthotic Custom pair\n", "")
    assert as_dates(stored(db_target)) == [(2, "2026-10-10", "physio", "")]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (("add", "2026-10-03", "massage", "x"), 2, "'massage' is not a kind of change; use one of shoe orthotic"),
        (("add", "2026-02-30", "rest"), 2, "'2026-02-30' is not a real date"),
        (("add", (TODAY + dt.timedelta(days=1)).isoformat(), "rest"), 1, "date is in the future"),
        (("add", "2026-10-03", "rest", "a\x1b[2Jb"), 1, "LABEL: a label cannot hold control characters"),
        (("add", "2026-10-03", "rest", "x" * 201), 1, "LABEL: label is longer than 200 characters"),
        (("remove", "9"), 1, "there is no recorded change 9"),
        (("remove", "nine"), 2, "'nine' is not a change id"),
    ],
)
def test_bad_input_is_one_sentence_and_writes_nothing(db_target, capsys, argv, status, message):
    assert cli(capsys, "--db", db_target, "change", "add", "2026-09-01", "rest", "before")[0] == 0
    code, out, err = cli(capsys, "--db", db_target, "change", *argv)
    assert code == status and out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("runlog: ") and message in last and "Traceback" not in err
    assert as_dates(stored(db_target)) == [(1, "2026-09-01", "rest", "before")]


def test_the_first_day_gear_was_worn_is_listed_as_a_change_that_cannot_be_removed(db_target, capsys):
    store = open_database(db_target)
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano"))
        for day in (dt.date(2026, 10, 5), dt.date(2026, 10, 1)):
            add_run(session, Run(date=day, distance_m=5000, duration_s=1800, shoe=shoe))
    store.close()
    cli(capsys, "--db", db_target, "change", "add", "2026-10-01", "cadence", "+5 steps/min")
    code, out, _ = cli(capsys, "--db", db_target, "change", "list", "--json")
    assert json.loads(out) == [
        {"id": 1, "date": "2026-10-01", "kind": "cadence", "label": "+5 steps/min", "source": "recorded"},
        {"id": None, "date": "2026-10-01", "kind": "shoe", "label": "Kayano", "source": "gear"},
    ]
    assert "(first worn)" in cli(capsys, "--db", db_target, "change", "list")[1]


def test_list_where_there_is_no_log_exits_1_and_creates_nothing(tmp_path, capsys):
    target = tmp_path / "none.db"
    code, out, err = cli(capsys, "--db", target, "change", "list")
    assert code == 1 and out == "" and "no runlog log" in err
    assert not target.exists()


def test_a_backup_keeps_the_changes_and_restore_brings_them_back_with_their_ids(db_target, tmp_path, capsys):
    for argv in (("2026-10-03", "orthotic", "Custom pair"), ("2026-10-10", "rest"), ("2026-10-12", "other", "x")):
        cli(capsys, "--db", db_target, "change", "add", *argv)
    cli(capsys, "--db", db_target, "change", "remove", "2")
    backup = tmp_path / "b.runlog"
    assert cli(capsys, "--db", db_target, "backup", backup)[0] == 0
    restored = tmp_path / "restored" / "runlog.db"
    assert cli(capsys, "--db", restored, "restore", backup)[0] == 0
    assert as_dates(stored(restored)) == as_dates(stored(db_target)) == [
        (1, "2026-10-03", "orthotic", "Custom pair"), (3, "2026-10-12", "other", "x")]
    # A change added after the restore gets a new id, never a restored one's.
    cli(capsys, "--db", restored, "change", "add", "2026-10-20", "rest")
    assert stored(restored)[-1][0] == 4
