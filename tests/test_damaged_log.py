"""A log changed outside runlog (or damaged): values outside the vocabulary,
impossible numbers, dates that are not dates. Every command says in one
sentence which table, column and row are wrong, never the value, exits 1 and
writes nothing; the TUI says the same and keeps running."""

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

#: (what is done to the file, the table and column the message must name).
TAMPERINGS = [
    (f"UPDATE pains SET site = '{SECRET}'", "pains.site"),
    ("UPDATE pains SET side = 'middle'", "pains.side"),
    ("UPDATE pains SET next_morning = 'SECRET-STATUS'", "pains.next_morning"),
    ("UPDATE pains SET intensity = 99", "pains.intensity"),
    ("UPDATE pains SET intensity = 'six'", "pains.intensity"),
    ("UPDATE runs SET distance_m = -5", "runs.distance_m"),
    ("UPDATE runs SET distance_m = 9e999", "runs.distance_m"),
    ("UPDATE runs SET duration_s = -9e999", "runs.duration_s"),
    (f"UPDATE runs SET date = '{MONTH}-0x SECRET'", "runs.date"),
    (f"UPDATE runs SET date = '{MONTH}-00'", "runs.date"),
    ("UPDATE runs SET effort = 42", "runs.effort"),
    ("UPDATE shoes SET type = 'SECRET-TYPE'", "shoes.type"),
    ("UPDATE orthotics SET type = 'SECRET-TYPE'", "orthotics.type"),
]


def tamper(path, sql: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute(sql)
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


@pytest.fixture
def log(db_path):
    store = open_database(db_path)
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Pegasus", type=ShoeType.NEUTRAL))
        orthotic = add_gear(session, Orthotic(name="Insoles"))
        add_run(session, Run(date=dt.date.today() - dt.timedelta(days=2), distance_m=8000, duration_s=2700,
                             shoe=shoe, orthotic=orthotic, notes="private note",
                             pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)]))
    store.close()
    return db_path


def files(folder) -> dict[str, bytes]:
    """The folder's files and their bytes (SQLite's own -wal and -shm aside)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(("-wal", "-shm"))}


@pytest.mark.parametrize(("sql", "names"), TAMPERINGS)
@pytest.mark.parametrize("command", [["detect"], ["detect", "--json"], ["report"], ["export"], ["export", "-o", "out.csv"]])
def test_a_tampered_value_is_one_sentence_naming_where_never_what(log, capsys, tmp_path, sql, names, command):
    tamper(log, sql)
    if "-o" in command:
        command = [*command[:-1], str(tmp_path / "out.csv")]
    before = files(log.parent)
    status = main(["--db", str(log), *command])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("runlog: the log is damaged: ") and names in err
    assert "SECRET" not in err + out and "99" not in err and "private" not in err + out
    assert files(log.parent) == before
    assert not (tmp_path / "out.csv").exists()


def test_a_tampered_shoe_type_is_named_with_its_row(log, capsys):
    tamper(log, "UPDATE shoes SET type = 'SECRET-TYPE'")
    assert main(["--db", str(log), "detect"]) == 1
    assert "shoes.type of row 1 " in capsys.readouterr().err


async def test_the_tui_says_the_log_is_damaged_and_keeps_running(log):
    from runlog.tui.app import RunlogApp

    from .tui.helpers import settle

    tamper(log, f"UPDATE pains SET site = '{SECRET}'")
    store = open_database(log)
    app = RunlogApp(store, checkin_on_start=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            shown = [str(n.message) for n in app._notifications]
            assert any("the log is damaged: pains.site of row 1 " in text for text in shown), shown
            assert not any(SECRET in text for text in shown)
            await pilot.press("g")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.is_running
    finally:
        store.close()
