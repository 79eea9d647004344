"""A log changed outside runlog (or damaged): values outside the vocabulary,
impossible numbers, dates that are not dates. The log stays usable: every
command reads the other rows and says in one sentence which table and row
it skipped as damaged, never the value, and writes nothing to the log; the
TUI shows the damaged run as damaged, to delete."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from runlog.cli import main
from runlog.domain import Orthotic, Pain, PainSite, Run, Shoe, ShoeType, Side
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run

SECRET = "SECRET-SITE"
#: A month inside detect's and report's default windows (dates outside a
#: window are never read, so they cannot be found damaged there).
MONTH = (dt.date.today() - dt.timedelta(days=30)).strftime("%Y-%m")

#: (what is done to the file, the row the notice must name, whether run 1 is still read).
TAMPERINGS = [
    (f"UPDATE pains SET site = '{SECRET}'", "pains row 1", False),
    ("UPDATE pains SET side = 'middle'", "pains row 1", False),
    ("UPDATE pains SET next_morning = 'SECRET-STATUS'", "pains row 1", False),
    ("UPDATE pains SET intensity = 99", "pains row 1", False),
    ("UPDATE pains SET intensity = 'six'", "pains row 1", False),
    ("UPDATE runs SET distance_m = -5 WHERE id = 1", "runs row 1", False),
    ("UPDATE runs SET distance_m = 9e999 WHERE id = 1", "runs row 1", False),
    ("UPDATE runs SET distance_m = 2e9 WHERE id = 1", "runs row 1", False),
    ("UPDATE runs SET duration_s = -9e999 WHERE id = 1", "runs row 1", False),
    (f"UPDATE runs SET date = '{MONTH}-0x SECRET' WHERE id = 1", "runs row 1", False),
    (f"UPDATE runs SET date = '{MONTH}-00' WHERE id = 1", "runs row 1", False),
    ("UPDATE runs SET effort = 42 WHERE id = 1", "runs row 1", False),
    ("UPDATE shoes SET type = 'SECRET-TYPE'", "shoes row 1", True),
    ("UPDATE orthotics SET type = 'SECRET-TYPE'", "orthotics row 1", True),
]
NOTICE = "runlog: 1 damaged row was skipped ({}): it holds a value runlog never writes (changed outside runlog?).\n"


def tamper(path, sql: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute(sql)
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


@pytest.fixture
def log(db_path):
    """Run 1 (shoe, orthotic, a pain, a private note) and run 2, plain."""
    store = open_database(db_path)
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Pegasus", type=ShoeType.NEUTRAL))
        orthotic = add_gear(session, Orthotic(name="Insoles"))
        add_run(session, Run(date=dt.date.today() - dt.timedelta(days=2), distance_m=8000, duration_s=2700,
                             shoe=shoe, orthotic=orthotic, notes="private note",
                             pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)]))
        add_run(session, Run(date=dt.date.today() - dt.timedelta(days=4), distance_m=6000, duration_s=2000))
    store.close()
    return db_path


def files(folder) -> dict[str, bytes]:
    """The folder's files and their bytes (SQLite's own -wal and -shm aside)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(("-wal", "-shm"))}


@pytest.mark.parametrize(("sql", "row", "run_1_read"), TAMPERINGS)
@pytest.mark.parametrize("command", [["detect"], ["detect", "--json"], ["report"], ["export"], ["export", "-o", "out.csv"]])
def test_the_other_rows_read_and_the_damaged_one_is_named_never_shown(log, capsys, tmp_path, sql, row, run_1_read,
                                                                     command):
    tamper(log, sql)
    out_file = tmp_path / "out.csv"
    if "-o" in command:
        command = [*command[:-1], str(out_file)]
    before = files(log.parent)
    status = main(["--db", str(log), *command])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == NOTICE.format(row)
    assert "SECRET" not in err + out and "99" not in err and "private" not in err
    assert ("private note" in out) is (run_1_read and command[0] != "detect") or "-o" in command
    assert files(log.parent) == before
    if command[0] == "export":
        exported = out_file.read_text() if "-o" in command else out
        ids = [line.split(",")[0] for line in exported.splitlines()[1:]]
        assert ids == (["2", "1"] if run_1_read else ["2"])
    elif command == ["detect", "--json"]:
        assert '"runs_considered": ' + ("2" if run_1_read else "1") in out
    elif command == ["report"]:
        assert ("| 8.0 km |" in out) is run_1_read and "| 6.0 km |" in out


def test_a_run_dated_before_1900_is_skipped_by_the_export_and_named(log, capsys):
    tamper(log, "UPDATE runs SET date = '1066-10-14' WHERE id = 1")
    assert main(["--db", str(log), "export"]) == 0
    out, err = capsys.readouterr()
    assert err == NOTICE.format("runs row 1")
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["2"]


def test_a_tampered_shoe_type_is_named_with_its_row(log, capsys):
    tamper(log, "UPDATE shoes SET type = 'SECRET-TYPE'")
    assert main(["--db", str(log), "detect"]) == 0
    assert "(shoes row 1)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "sql",
    ["UPDATE runs SET distance_m = 9e999 WHERE id = 1", f"UPDATE pains SET site = '{SECRET}'",
     f"UPDATE runs SET date = '{MONTH}-0x SECRET' WHERE id = 1"],
    ids=["infinite distance", "pain site", "date that is not a date"],
)
async def test_the_tui_lists_the_damaged_run_as_damaged_reads_the_rest_and_deletes_it(log, sql):
    from textual.widgets import DataTable

    from runlog.tui.app import RunlogApp
    from runlog.tui.screens.confirm import ConfirmScreen
    from runlog.tui.screens.gear import GearScreen
    from runlog.tui.screens.review import ReviewScreen
    from runlog.tui.widgets.run_list import RunList

    from .tui.helpers import settle

    tamper(log, sql)
    store = open_database(log)
    app = RunlogApp(store, checkin_on_start=True)

    def said() -> list[str]:
        return [str(n.message) for n in app._notifications]

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            run_list = app.screen.query_one(RunList)
            assert list(run_list.runs) == [2] and run_list.damaged == [1]
            first = [str(cell) for cell in run_list.get_row_at(0)]
            assert first[0] == "⚠ damaged" and "unreadable, d deletes it: runs row 1" in first[5]
            assert any(text.startswith("1 damaged row was skipped (") for text in said()), said()
            assert not any(SECRET in text for text in said())
            # The gear and the review read the other rows.
            await pilot.press("g")
            await settle(pilot)
            assert isinstance(app.screen, GearScreen)
            assert app.screen.query_one("#shoes", DataTable).row_count == 1
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen) and app.screen.review is not None
            await pilot.press("escape")
            await settle(pilot)
            # enter on the damaged row says why no form opens; d asks, then deletes it (and its pain).
            app.screen.query_one(RunList).move_cursor(row=0)
            await pilot.press("enter")
            await settle(pilot)
            assert "Runs row 1 is damaged: its values cannot be read, so it cannot be edited; d deletes it." in said()
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            assert "Deleted the damaged run (runs row 1)." in said()
            run_list = app.screen.query_one(RunList)
            # One run left, under its week's row.
            assert list(run_list.runs) == [2] and run_list.damaged == [] and run_list.run_count == 1
    finally:
        store.close()
    connection = sqlite3.connect(log)
    assert connection.execute("SELECT id FROM runs").fetchall() == [(2,)]
    assert connection.execute("SELECT count(*) FROM pains").fetchall() == [(0,)]
    connection.close()


@pytest.mark.parametrize("command", [["export"], ["detect", "--json"], ["report"]])
def test_an_infinite_distance_is_skipped_and_named_on_both_databases(db_target, db_kind, capsys, command):
    # PostgreSQL keeps 'Infinity' in a float column, and it passes the CHECK distance_m >= 0.
    store = open_database(db_target)
    with store.write() as session:
        for days in (2, 4):
            add_run(session, Run(date=dt.date.today() - dt.timedelta(days=days), distance_m=8000, duration_s=2700))
        from sqlalchemy import text

        session.execute(text("UPDATE runs SET distance_m = :inf WHERE id = 1"), {"inf": float("inf")})
    store.close()
    status = main(["--db", str(db_target), *command])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == NOTICE.format("runs row 1")
    if command == ["export"]:
        assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["2"]
    elif command == ["detect", "--json"]:
        assert '"runs_considered": 1' in out


@pytest.mark.postgres
async def test_the_tui_on_postgresql_lists_an_infinite_run_as_damaged_and_deletes_it(pg_url):
    from sqlalchemy import text

    from runlog.tui.app import RunlogApp
    from runlog.tui.screens.confirm import ConfirmScreen
    from runlog.tui.widgets.run_list import RunList

    from .tui.helpers import settle

    store = open_database(pg_url)
    with store.write() as session:
        for days in (2, 4):
            add_run(session, Run(date=dt.date.today() - dt.timedelta(days=days), distance_m=8000, duration_s=2700))
        session.execute(text("UPDATE runs SET distance_m = 'Infinity' WHERE id = 1"))
    app = RunlogApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            run_list = app.screen.query_one(RunList)
            assert list(run_list.runs) == [2] and run_list.damaged == [1]
            run_list.move_cursor(row=0)
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            assert app.screen.query_one(RunList).damaged == []
        with store.read() as session:
            assert session.execute(text("SELECT id FROM runs")).scalars().all() == [2]
    finally:
        store.close()
