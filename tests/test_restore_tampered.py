"""A tampered backup is refused, not restored: every row is checked as an
import checks a file, and a bad one is named by table and row (never its
value) in one sentence, with no traceback and nothing restored. A watch
folder the backup names is cleared, with a notice."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from runlog.cli import main
from runlog.domain import Mark, Orthotic, Pain, PainSite, Run, Settings, Shoe, Side
from runlog.store import gear, open_database, runs, settings

SECRET = "SECRET"
DAY = (dt.date.today() - dt.timedelta(days=3)).isoformat()

#: (what is done to the backup, the words the refusal must hold).
TAMPERINGS = {
    "infinite distance": ("UPDATE runs SET distance_m = 9e999", "runs row 1 "),
    "negative duration (a CHECK)": ("UPDATE runs SET duration_s = -5", "runs row 1 "),
    "1e308 m": ("UPDATE runs SET distance_m = 1e308", "runs row 1 holds a value runlog never writes in distance_m"),
    "month 13": ("UPDATE runs SET date = '2026-13-45'", "runs row 1 holds a value runlog never writes in date"),
    "integer date": ("UPDATE runs SET date = 20261231", "runs row 1 holds a value runlog never writes in date"),
    "year 9999": ("UPDATE runs SET date = '9999-12-31'", "runs row 1 its date is in the future"),
    "year 1899": ("UPDATE runs SET date = '1899-12-31'", "runs row 1 holds a value runlog never writes in date"),
    "text for a number": (f"UPDATE runs SET duration_s = '{SECRET}'", "runs row 1 "),
    "start time 25:99": ("UPDATE runs SET start_time = '25:99:00.000000'", "runs row 1 "),
    "effort 42 (a CHECK)": ("UPDATE runs SET effort = 42", "runs row 1 "),
    "escape in notes": ("UPDATE runs SET notes = 'x' || char(27) || ']0;" + SECRET + "' || char(7)",
                        "runs row 1 its notes hold control characters"),
    "long source": ("UPDATE runs SET source = 'file:' || hex(randomblob(60))", "runs row 1 holds a source longer"),
    "NUL in a source": ("UPDATE runs SET source = 'file:' || char(0)", "runs row 1 its source holds control"),
    "dangling shoe": ("UPDATE runs SET shoe_id = 99", "runs row 1 names shoes row 99"),
    "pain site": (f"UPDATE pains SET site = '{SECRET}'", "pains row 1 "),
    "intensity 99 (a CHECK)": ("UPDATE pains SET intensity = 99", "pains row 1 "),
    "pain of no run": ("UPDATE pains SET run_id = 99", "pains row 1 names runs row 99"),
    "pain without onset (a CHECK)": ("UPDATE pains SET onset_m = NULL, onset_s = NULL", "pains row 1 "),
    "infinite onset": ("UPDATE pains SET onset_s = 9e999", "pains row 1 "),
    "infinite mark": ("UPDATE marks SET distance_m = 9e999", "marks row 1 "),
    "OSC in a shoe name": ("UPDATE shoes SET name = char(27) || ']0;" + SECRET + "' || char(7)",
                           "shoes row 1 has a name holding control characters"),
    "NUL in an orthotic name": ("UPDATE orthotics SET name = 'a' || char(0) || 'b'", "orthotics row 1 "),
    "blank name (a CHECK)": ("UPDATE shoes SET name = '   '", "shoes row 1 "),
    # The shoes table made again without its UNIQUE name, as a hand-built file could be.
    "two shoes of one name": ("CREATE TABLE copied AS SELECT * FROM shoes; DROP TABLE shoes; "
                              "ALTER TABLE copied RENAME TO shoes; "
                              "INSERT INTO shoes (id, name, start_distance_m, retire_distance_m) "
                              "SELECT 2, name, 0, 700000 FROM shoes", "shoes row 2 repeats the name"),
    "shoe first used in 9999": ("UPDATE shoes SET first_used = '9999-12-31'", "shoes row 1 its first used date"),
    "week start 9 (a CHECK)": ("UPDATE settings SET week_start = 9", "settings row 1 "),
    "second settings row": ("INSERT INTO settings (id, units, week_start, runner_name) VALUES (2, 'km', 0, '')",
                            "the settings table holds a row without a proper id"),
}
#: Where PostgreSQL's own rules would have refused the load (CheckViolation,
#: foreign and unique keys, lengths): the cases run there too.
ON_POSTGRESQL = ["negative duration (a CHECK)", "NUL in a source", "effort 42 (a CHECK)", "intensity 99 (a CHECK)", "infinite distance",
                 "year 9999", "pain of no run", "two shoes of one name", "long source", "blank name (a CHECK)"]


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def backup(tmp_path, capsys) -> Path:
    """A backup made by runlog of a log with a run (pain, mark, shoe, orthotic) and settings."""
    log = tmp_path / "source" / "runlog.db"
    store = open_database(log)
    with store.write() as session:
        shoe = gear.add_gear(session, Shoe(name="Pegasus"))
        orthotic = gear.add_gear(session, Orthotic(name="Insoles"))
        runs.add_run(session, Run(
            date=dt.date.fromisoformat(DAY), distance_m=8000, duration_s=2700, shoe=shoe, orthotic=orthotic,
            notes="private note", marks=[Mark(distance_m=4000.0, elapsed_s=1300.0)],
            pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)],
        ))
        settings.save_settings(session, Settings(week_start=6))
    store.close()
    path = tmp_path / "log.runlog"
    assert cli(capsys, "--db", log, "backup", path)[0] == 0
    return path


def tamper(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.executescript(sql)
    connection.commit()
    connection.close()


def assert_refused(capsys, target, backup: Path, words: str) -> None:
    code, out, err = cli(capsys, "--db", target, "restore", backup)
    assert code == 1, out + err
    assert "Traceback" not in err and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"runlog: {backup} cannot be restored: ") and err.endswith("; nothing was restored\n")
    assert words in err, err
    assert SECRET not in err and "private" not in err and "inf" not in err.lower()


@pytest.mark.parametrize("case", list(TAMPERINGS))
def test_a_tampered_backup_is_refused_naming_table_and_row_on_sqlite(backup, tmp_path, capsys, case):
    sql, words = TAMPERINGS[case]
    tamper(backup, sql)
    target = tmp_path / "target" / "runlog.db"
    assert_refused(capsys, target, backup, words)
    assert not target.exists()  # the restore made it, and took it away again


@pytest.mark.postgres
@pytest.mark.parametrize("case", ON_POSTGRESQL)
def test_a_tampered_backup_is_refused_naming_table_and_row_on_postgresql(backup, pg_url, capsys, case):
    sql, words = TAMPERINGS[case]
    tamper(backup, sql)
    assert_refused(capsys, pg_url, backup, words)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            tables = connection.execute(text("SELECT count(*) FROM pg_tables WHERE tablename = 'runs'")).scalar()
            if tables:
                assert connection.execute(text("SELECT count(*) FROM runs")).scalar() == 0
    finally:
        engine.dispose()


def flip(path: Path, start: int, length: int) -> None:
    """Invert ``length`` bytes of the file from ``start``: a flipped stretch of a page
    that SQLite's integrity check does not notice (a record's payload, not its structure)."""
    data = bytearray(path.read_bytes())
    for offset in range(start, start + length):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_backup_with_a_flipped_text_is_refused_in_one_sentence(backup, tmp_path, capsys):
    flip(backup, backup.read_bytes().index(b"private note"), len("private note"))  # no longer UTF-8
    code, out, err = cli(capsys, "--db", tmp_path / "target" / "runlog.db", "restore", backup)
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1, err
    assert err == f"runlog: {backup} cannot be restored: it is damaged (SQLite cannot read all of it); nothing was restored\n"
    assert not (tmp_path / "target" / "runlog.db").exists()


def test_a_backup_with_a_flipped_distance_is_refused_naming_the_row(backup, tmp_path, capsys):
    stored = sqlite3.connect(backup)
    stored.execute("UPDATE runs SET distance_m = 8000.123456789")  # bytes to find: a REAL, not an integer
    stored.commit()
    stored.close()
    import struct

    flip(backup, backup.read_bytes().index(struct.pack(">d", 8000.123456789)), 2)  # sign and exponent
    assert_refused(capsys, tmp_path / "target" / "runlog.db", backup, "runs row 1 holds a value runlog never writes in distance_m")


def test_a_markup_name_restores_as_the_csv_would_take_it(backup, tmp_path, capsys):
    tamper(backup, "UPDATE shoes SET name = '[red]Pegasus[/] [@click=app.quit]'")
    target = tmp_path / "target" / "runlog.db"
    code, out, err = cli(capsys, "--db", target, "restore", backup)
    assert code == 0, err
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT name FROM shoes").fetchall() == [("[red]Pegasus[/] [@click=app.quit]",)]
    connection.close()


@pytest.mark.parametrize("db_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_restored_watch_folder_is_cleared_with_a_notice(backup, tmp_path, capsys, request, db_kind):
    tamper(backup, "UPDATE settings SET watch_folder = '/'")
    target = tmp_path / "target" / "runlog.db" if db_kind == "sqlite" else request.getfixturevalue("pg_url")
    code, out, err = cli(capsys, "--db", target, "restore", backup)
    assert code == 0, err
    assert out.startswith("restored 1 run, 1 pain entry, 1 shoe, 1 orthotic into ")
    assert err == "runlog: the backup's watch folder setting was cleared; set it again in the settings if that folder is yours.\n"
    store = open_database(target)
    try:
        with store.read() as session:
            restored = settings.get_settings(session)
    finally:
        store.close()
    assert restored.watch_folder == "" and restored.week_start == 6
