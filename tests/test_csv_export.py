"""CSV export: the contract's exact bytes, formula-safe text, plain numbers,
a private file written atomically, the column dictionary, the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat

import pytest

from runlog.cli import main
from runlog.domain import (
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    Shoe,
    ShoeType,
    Side,
    Units,
)
from runlog.formats.contract_csv import exporter
from runlog.formats.contract_csv.columns import dictionary, header, neutralise, unneutralise
from runlog.formats.contract_csv.exporter import export_csv, write_csv
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run


@pytest.fixture
def db_path(db_target):
    """The log the commands are pointed at: every test here runs on an SQLite
    file and on a PostgreSQL database (``--db`` takes either)."""
    return db_target


@pytest.fixture
def store(db_target):
    """A fresh log on that database."""
    opened = open_database(db_target)
    yield opened
    opened.close()

HEADER_KM = (
    "run_id,date,start_time,distance_km,duration_min,shoe,shoe_type,orthotic,orthotic_type,effort,"
    "pain,pain_site,pain_side,pain_onset_km,pain_onset_min,pain_intensity,stopped_early,next_morning,notes,activity,"
    "cadence_spm,ascent_m,descent_m\r\n"
)

#: The export of ``seed_history``, written out by hand from the contract.
GOLDEN_KM = (
    HEADER_KM
    + '1,2026-09-01,07:30,8.5,45.51,Kayano 30,stability,Blue insoles,custom,6,no,,,,,,,,"easy, windy",run,167,64,61\r\n'
    + '2,2026-09-03,,10,50,Kayano 30,stability,,,,yes,below_kneecap,left,5,25,6,yes,gone,"said ""ouch""",run,,,\r\n'
    + '2,2026-09-03,,10,50,Kayano 30,stability,,,,yes,outer_knee,right,,30,3,no,,"said ""ouch""",run,,,\r\n'
    + "3,2026-09-05,18:05,5.25,25,'=cmd|' /C calc'!A0,other,,,10,no,,,,,,,,'-5 km tempo,run,,,\r\n"
)

GOLDEN_MI = GOLDEN_KM.replace("distance_km", "distance_mi").replace("pain_onset_km", "pain_onset_mi").replace(
    ",8.5,45.51,", ",5.282,45.51,"
).replace(",10,50,", ",6.214,50,").replace("left,5,25,", "left,3.107,25,").replace(",5.25,25,", ",3.262,25,")


def seed_history(session) -> None:
    """Three runs: one plain, one with pain at two sites, one whose shoe name
    and notes a spreadsheet would take for formulas."""
    kayano = add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))
    insoles = add_gear(session, Orthotic(name="Blue insoles", type=OrthoticType.CUSTOM))
    trap = add_gear(session, Shoe(name="=cmd|' /C calc'!A0", type=ShoeType.OTHER))
    add_run(session, Run(date=dt.date(2026, 9, 1), start_time=dt.time(7, 30), distance_m=8500.0,
                           duration_s=2730.5, shoe=kayano, orthotic=insoles, effort=6, notes="easy, windy",
                           cadence_spm=167.34375, ascent_m=64.0, descent_m=61.4))
    add_run(session, Run(
        date=dt.date(2026, 9, 3), distance_m=10000.0, duration_s=3000.0, shoe=kayano, notes='said "ouch"',
        pains=[
            Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000.0, onset_s=1500.0,
                 stopped_early=True, next_morning=NextMorning.GONE),
            Pain(site=PainSite.OUTER_KNEE, side=Side.RIGHT, intensity=3, onset_s=1800.0),
        ],
    ))
    add_run(session, Run(date=dt.date(2026, 9, 5), start_time=dt.time(18, 5), distance_m=5250.0,
                           duration_s=1500.0, shoe=trap, effort=10, notes="-5 km tempo"))


def export_text(store, units: Units = Units.KM, since=None, until=None) -> str:
    stream = io.StringIO(newline="")
    write_csv(store, stream, units, since, until)
    return stream.getvalue()


@pytest.fixture
def history(store):
    with store.write() as session:
        seed_history(session)
    return store


def test_exact_bytes_in_kilometres(history):
    assert export_text(history) == GOLDEN_KM


def test_exact_bytes_in_miles(history):
    assert export_text(history, Units.MI) == GOLDEN_MI


def test_the_file_on_disk_is_utf8_with_crlf_and_private(history, tmp_path):
    target = tmp_path / "for-podiatrist.csv"
    assert export_csv(history, target, Units.KM) == 3
    assert target.read_bytes() == GOLDEN_KM.encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["for-podiatrist.csv"], "no temp file left"


def test_an_existing_file_is_replaced_and_made_private(history, tmp_path):
    target = tmp_path / "old.csv"
    target.write_text("stale")
    os.chmod(target, 0o644)
    export_csv(history, target)
    assert target.read_bytes() == GOLDEN_KM.encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_export_leaves_the_old_file_and_no_temp_file(history, tmp_path, monkeypatch):
    target = tmp_path / "keep.csv"
    target.write_text("previous export")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(exporter, "write_csv", broken)
    with pytest.raises(RuntimeError):
        export_csv(history, target)
    assert target.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["keep.csv"]  # "data": an SQLite log


def test_since_and_until_bound_the_dates(history):
    lines = export_text(history, since=dt.date(2026, 9, 2), until=dt.date(2026, 9, 3)).splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == ["2026-09-03", "2026-09-03"]
    assert export_text(history, since=dt.date(2026, 9, 5)).count("\r\n") == 2


def test_an_empty_log_is_the_header_alone(store):
    assert export_text(store) == HEADER_KM


@pytest.mark.parametrize(
    ("metres", "seconds", "distance", "minutes"),
    [
        (8500.0, 2730.0, "8.5", "45.5"),
        (10000.0, 3000.0, "10", "50"),
        (5250.0, 1815.0, "5.25", "30.25"),
        (42195.0, 10799.4, "42.195", "179.99"),
        (999999.0, 600.0, "999.999", "10"),
        (0.0, 0.6, "0", "0.01"),
        (999.9996, 59.999, "1", "1"),
    ],
)
def test_numbers_are_plain(store, metres, seconds, distance, minutes):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 1, 1), distance_m=metres, duration_s=seconds))
    row = export_text(store).splitlines()[1].split(",")
    assert (row[3], row[4]) == (distance, minutes)


def test_numeric_cells_are_never_quoted_or_prefixed(history):
    numeric = {"run_id", "distance_km", "duration_min", "effort", "pain_onset_km", "pain_onset_min", "pain_intensity"}
    rows = list(csv.DictReader(io.StringIO(export_text(history), newline="")))
    for row in rows:
        for column in numeric:
            assert re.fullmatch(r"(\d+(\.\d+)?)?", row[column]), (column, row[column])


FORMULAS = [
    ("=1+2", "'=1+2"),
    ("+44 7700 900123", "'+44 7700 900123"),
    ("-5", "'-5"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tindented", "'\tindented"),
    ("\rcarriage", "'\rcarriage"),
    ("'=already quoted", "''=already quoted"),
    ("''-twice", "'''-twice"),
    ("plain text", "plain text"),
    ("5 km easy", "5 km easy"),
    ("it's fine", "it's fine"),
    ("'just an apostrophe", "'just an apostrophe"),
    ("a=b, c-d", "a=b, c-d"),
]


@pytest.mark.parametrize(("text", "written"), FORMULAS)
def test_formula_text_gets_a_leading_apostrophe(text, written):
    assert neutralise(text) == written
    assert unneutralise(written) == text


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_every_trigger_is_neutralised_in_notes(store, trigger):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 1, 1), distance_m=5000.0, duration_s=1500.0,
                               notes=f"{trigger}HYPERLINK(\"http://evil\")"))
    [row] = list(csv.DictReader(io.StringIO(export_text(store), newline="")))
    assert row["notes"] == f"'{trigger}HYPERLINK(\"http://evil\")"


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@"])
def test_every_trigger_is_neutralised_in_gear_names(store, trigger):
    with store.write() as session:
        shoe = add_gear(session, Shoe(name=f"{trigger}shoe"))
        orthotic = add_gear(session, Orthotic(name=f"{trigger}insole"))
        add_run(session, Run(date=dt.date(2026, 1, 1), distance_m=5000.0, duration_s=1500.0,
                               shoe=shoe, orthotic=orthotic))
    [row] = list(csv.DictReader(io.StringIO(export_text(store), newline="")))
    assert (row["shoe"], row["orthotic"]) == (f"'{trigger}shoe", f"'{trigger}insole")


def test_dictionary_explains_every_column_and_vocabulary():
    for units in Units:
        text = dictionary(units)
        for name in header(units):
            assert re.search(rf"^{name}\b", text, re.MULTILINE), name
        for vocabulary in (PainSite, Side, NextMorning, ShoeType, OrthoticType):
            for member in vocabulary:
                assert f"`{member.value}`" in text, member
        assert "0-10" in text
    assert "in miles" in dictionary(Units.MI) and "in kilometres" in dictionary(Units.KM)


# --- the command line ---------------------------------------------------------


def test_cli_export_to_stdout(history, db_path, capsysbinary):
    assert main(["--db", str(db_path), "export"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == GOLDEN_KM.encode("utf-8")
    assert captured.err == b""


def test_cli_export_to_a_file(history, db_path, tmp_path, capsys):
    target = tmp_path / "out.csv"
    assert main(["--db", str(db_path), "export", "-o", str(target), "--units", "mi", "--since", "2026-09-02"]) == 0
    assert capsys.readouterr().out == f"exported 2 runs to {target}\n"
    lines = GOLDEN_MI.split("\r\n")
    assert target.read_bytes() == "\r\n".join([lines[0], *lines[2:]]).encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_refuses_a_missing_folder(history, db_path, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "out.csv"
    assert main(["--db", str(db_path), "export", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == f"runlog: cannot write {target}: the folder {target.parent} does not exist\n"
    assert not target.parent.exists()


def test_cli_since_after_until_is_a_usage_error_exit_2(history, db_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db_path), "export", "--since", "2026-09-05", "--until", "2026-09-01"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith("runlog: --since 2026-09-05 is after --until 2026-09-01\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--units", "furlongs"], "invalid choice: 'furlongs'"),
        (["export", "--since", "03/04/2026"], "could be read two ways"),
        (["export", "--until", "someday"], "is not a date"),
        (["export", "--dictionary", "--since", "2026-01-01"], "--dictionary describes the columns"),
        (["import"], "the following arguments are required: PATH"),
    ],
)
def test_cli_wrong_usage_is_exit_2(db_path, capsys, argv, message):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db_path), *argv])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_dictionary(db_path, capsys, tmp_path):
    assert main(["--db", str(db_path), "export", "--dictionary"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in header(Units.KM))
    target = tmp_path / "columns.txt"
    assert main(["--db", str(db_path), "export", "--dictionary", "--units", "mi", "-o", str(target)]) == 0
    assert target.read_text() == dictionary(Units.MI)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
