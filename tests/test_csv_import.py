"""CSV import: round trips in both units, formula text, every malformed file
rejected by line and column with the log untouched, duplicates skipped, gear
created by name, the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from runlog.cli import main
from runlog.domain import Orthotic, OrthoticType, Run, Shoe, ShoeType, Units
from runlog.formats.contract_csv.columns import header
from runlog.formats.contract_csv.importer import import_csv
from runlog.formats.problems import ImportRejected
from runlog.store import open_database
from runlog.store.gear import add_gear, list_orthotics, list_shoes
from runlog.store.runs import add_run, delete_run, runs_between
from tests.test_csv_export import export_text, seed_history


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


#: The header of files written before the activity column existed: they must still import, and
#: the rows below are written for it (a blank activity reads as a run).
HEADER = header(Units.KM)[:-4]

#: A small valid file: a run without pain, then one run with pain at two sites.
BASE_ROWS = [
    ["1", "2026-09-01", "07:30", "8.5", "45.5", "Kayano 30", "stability", "Blue insoles", "custom", "6",
     "no", "", "", "", "", "", "", "", "easy"],
    ["2", "2026-09-03", "", "10", "50", "Kayano 30", "stability", "", "", "",
     "yes", "below_kneecap", "left", "5", "25", "6", "yes", "gone", "sore"],
    ["2", "2026-09-03", "", "10", "50", "Kayano 30", "stability", "", "", "",
     "yes", "outer_knee", "right", "", "30", "3", "no", "", "sore"],
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def edited(edits: dict[tuple[int, str], str]) -> bytes:
    """BASE_ROWS with cells changed: ``{(line, column): text}``, line 2 = first row."""
    rows = [list(row) for row in BASE_ROWS]
    for (line, column), text in edits.items():
        rows[line - 2][HEADER.index(column)] = text
    return csv_bytes(rows)


def without_column(name: str) -> bytes:
    index = HEADER.index(name)
    return csv_bytes([row[:index] + row[index + 1:] for row in BASE_ROWS],
                     header=HEADER[:index] + HEADER[index + 1:])


def with_column(name: str, value: str) -> bytes:
    return csv_bytes([[*row, value] for row in BASE_ROWS], header=[*HEADER, name])


def database_rows(target) -> dict[str, list[tuple]]:
    """Every row of the log's tables (an SQLite file or a PostgreSQL URL)."""
    engine = sa.create_engine(target if isinstance(target, str) else f"sqlite:///{target}")
    try:
        with engine.connect() as connection:
            return {
                table: connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")).all()
                for table in ("runs", "pains", "shoes", "orthotics", "settings")
            }
    finally:
        engine.dispose()


def run_cli(db_path: Path, file: Path, capsys) -> tuple[int, str, str]:
    status = main(["--db", str(db_path), "import", str(file)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def fresh_store(tmp_path: Path, name: str):
    return open_database(tmp_path / name)


# --- round trips ----------------------------------------------------------------


@pytest.mark.parametrize("units", list(Units))
def test_export_import_export_is_identical_apart_from_run_id(store, tmp_path, units):
    with store.write() as session:
        # Give the exporting log ids that an empty log would not hand out.
        dropped = add_run(session, Run(date=dt.date(2026, 1, 1), distance_m=1.0, duration_s=1.0))
        seed_history(session)
        delete_run(session, dropped.id)
    first = export_text(store, units)
    file = tmp_path / "history.csv"
    file.write_bytes(first.encode())

    other = fresh_store(tmp_path, "other.db")
    result = import_csv(other, file)
    assert (result.runs, result.pains, result.skipped, result.units) == (3, 2, 0, units)
    second = export_text(other, units)

    def without_run_id(text: str) -> list[str]:
        return [line.split(",", 1)[1] for line in text.splitlines()]

    assert first.split(",", 1)[0] == "run_id" and first.splitlines()[1].startswith("2,")
    assert second.splitlines()[1].startswith("1,")
    assert without_run_id(second) == without_run_id(first)
    with other.read() as session:
        shoes = {usage.shoe.name: usage for usage in list_shoes(session)}
    assert shoes["Kayano 30"].shoe.type is ShoeType.STABILITY and shoes["Kayano 30"].runs == 2
    assert shoes["Kayano 30"].shoe.first_used == dt.date(2026, 9, 1)
    other.close()


def test_formula_text_round_trips_to_the_same_names_and_notes(store, tmp_path):
    names = ["=SUM(A1:A2)", "+shoe", "-5", "@home", "'=kept", "plain"]
    notes = ["=1+1", "+x", "-5", "@y", "\ttab", "\rreturn", "'=quoted", "''-two", "fine"]
    with store.write() as session:
        for day, name in enumerate(names, start=1):
            shoe = add_gear(session, Shoe(name=name))
            orthotic = add_gear(session, Orthotic(name=f"{name} insole" if name[0] != "'" else name + "!"))
            add_run(session, Run(date=dt.date(2026, 3, day), distance_m=5000.0, duration_s=1500.0,
                                   shoe=shoe, orthotic=orthotic))
        for day, note in enumerate(notes, start=1):
            add_run(session, Run(date=dt.date(2026, 4, day), distance_m=5000.0, duration_s=1500.0, notes=note))
    file = tmp_path / "formulas.csv"
    file.write_bytes(export_text(store).encode())
    assert "'=SUM(A1:A2)" in file.read_text()

    other = fresh_store(tmp_path, "other.db")
    import_csv(other, file)
    with store.read() as session:
        before = [(r.shoe and r.shoe.name, r.orthotic and r.orthotic.name, r.notes) for r in runs_between(session)]
    with other.read() as session:
        after = [(r.shoe and r.shoe.name, r.orthotic and r.orthotic.name, r.notes) for r in runs_between(session)]
    assert after == before
    with other.read() as session:
        assert {usage.shoe.name for usage in list_shoes(session)} == set(names)
    other.close()


def test_reimporting_the_same_file_imports_nothing(seeded, db_path, tmp_path, capsys):
    file = tmp_path / "runs.csv"
    file.write_bytes(csv_bytes(BASE_ROWS))
    assert run_cli(db_path, file, capsys) == (0, "imported 2 runs with 2 pain entries; skipped 0 already present\n", "")
    before = database_rows(db_path)
    assert run_cli(db_path, file, capsys) == (0, "imported 0 runs with 0 pain entries; skipped 2 already present\n", "")
    assert database_rows(db_path) == before


@pytest.mark.parametrize("units", list(Units))
def test_an_export_imported_back_into_its_own_log_is_all_skipped(store, db_path, tmp_path, units):
    # 8.5 km is 5.282 mi, which reads back as 8500.55 m: still the same run.
    with store.write() as session:
        seed_history(session)
    file = tmp_path / "mine.csv"
    file.write_bytes(export_text(store, units).encode())
    before = database_rows(db_path)
    result = import_csv(store, file)
    assert (result.runs, result.pains, result.skipped) == (0, 0, 3)
    assert database_rows(db_path) == before


def test_only_the_new_runs_of_a_file_are_imported(seeded, tmp_path):
    rows = [*BASE_ROWS, ["9", "2026-08-01", "", "6", "33.33", "Kayano 30", "", "", "", "", "no", *[""] * 8]]
    file = tmp_path / "overlap.csv"
    file.write_bytes(csv_bytes(rows))
    result = import_csv(seeded, file)
    assert (result.runs, result.pains, result.skipped) == (2, 2, 1)
    assert result.summary() == "imported 2 runs with 2 pain entries; skipped 1 already present"


def test_gear_is_created_by_name_once_and_reused(seeded, tmp_path):
    rows = [list(row) for row in BASE_ROWS]
    rows[1][7:9] = rows[2][7:9] = ["New custom pair", "custom"]
    rows.append(["3", "2026-09-05", "", "5", "25", "", "", "New custom pair", "", "", "no", *[""] * 8])
    file = tmp_path / "gear.csv"
    file.write_bytes(csv_bytes(rows))
    import_csv(seeded, file)
    with seeded.read() as session:
        shoes = list_shoes(session)
        orthotics = {o.name: o for o in list_orthotics(session)}
        runs = runs_between(session, since=dt.date(2026, 9, 1))
    assert [(u.shoe.name, u.runs) for u in shoes] == [("Kayano 30", 3)]
    assert len(orthotics) == 3
    assert orthotics["Blue insoles"].type is OrthoticType.CUSTOM
    assert orthotics["Blue insoles"].first_used == dt.date(2026, 9, 1)
    assert orthotics["New custom pair"].type is OrthoticType.CUSTOM
    assert [r.orthotic.name for r in runs] == ["Blue insoles", "New custom pair", "New custom pair"]
    assert [len(r.pains) for r in runs] == [0, 2, 0]


def test_columns_by_name_in_any_order_with_extras_ignored(store, tmp_path):
    order = list(reversed(HEADER))
    rows = [[row[HEADER.index(name)] for name in order] + ["7:05/km"] for row in BASE_ROWS]
    header = [f" {name.upper()} " for name in order] + ["pace"]
    text = "\ufeff" + csv_bytes(rows, header).decode().replace("\r\n", "\n") + "\n,,,,,,,,,,,,,,,,,,,\n\n"
    file = tmp_path / "reordered.csv"
    file.write_text(text, encoding="utf-8")
    result = import_csv(store, file)
    assert result.summary() == (
        "imported 2 runs with 2 pain entries; skipped 0 already present; ignored unknown column pace"
    )
    assert export_text(store).splitlines()[1:] == [
        "1,2026-09-01,07:30,8.5,45.5,Kayano 30,stability,Blue insoles,custom,6,no,,,,,,,,easy,run,,,",
        "2,2026-09-03,,10,50,Kayano 30,stability,,,,yes,below_kneecap,left,5,25,6,yes,gone,sore,run,,,",
        "2,2026-09-03,,10,50,Kayano 30,stability,,,,yes,outer_knee,right,,30,3,no,,sore,run,,,",
    ]


def test_a_minimal_hand_made_file_in_miles(store, tmp_path):
    file = tmp_path / "minimal.csv"
    file.write_text("date,distance_mi,duration_min,pain\n2026-05-01,3.1,28,no\n2026-05-02,3.1,27.5,No\n")
    result = import_csv(store, file)
    assert (result.runs, result.units) == (2, Units.MI)
    with store.read() as session:
        runs = runs_between(session)
    assert [r.distance_m for r in runs] == pytest.approx([4988.9664, 4988.9664])
    assert [r.duration_s for r in runs] == [1680.0, 1650.0]


def test_a_header_alone_imports_nothing(store, tmp_path):
    file = tmp_path / "empty-log.csv"
    file.write_bytes(csv_bytes([]))
    assert import_csv(store, file).summary() == "imported 0 runs with 0 pain entries; skipped 0 already present"


def test_progress_is_reported_in_two_stages(store, tmp_path):
    file = tmp_path / "runs.csv"
    file.write_bytes(csv_bytes(BASE_ROWS))
    calls = []
    import_csv(store, file, progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls[-2:] == [("checking", 4, 4), ("writing", 2, 2)]


# --- malformed files --------------------------------------------------------------

BAD_UTF8 = csv_bytes(BASE_ROWS).replace(b"sore", b"so\xffre", 1)

MALFORMED = [
    # (id, file bytes, line, column, words of the reason)
    ("unknown site", edited({(3, "pain_site"): "kneecap_left"}), 3, "pain_site", "'kneecap_left' is not a pain site"),
    ("intensity 12", edited({(3, "pain_intensity"): "12"}), 3, "pain_intensity", "12 is outside 0-10"),
    ("intensity blank", edited({(3, "pain_intensity"): ""}), 3, "pain_intensity", "is blank on a pain row"),
    ("onset past the distance", edited({(3, "pain_onset_km"): "10.5"}), 3, "pain_onset_km", "past the run's distance"),
    ("onset past the duration", edited({(4, "pain_onset_min"): "50.5"}), 4, "pain_onset_min",
     "past the run's duration"),
    ("negative onset", edited({(3, "pain_onset_km"): "-1"}), 3, "pain_onset_km", "is negative"),
    ("impossible date", edited({(2, "date"): "2026-02-30"}), 2, "date", "'2026-02-30' is not a date"),
    ("ambiguous date form", edited({(2, "date"): "01/09/2026"}), 2, "date", "YYYY-MM-DD"),
    ("week date", edited({(2, "date"): "2026-W36-2"}), 2, "date", "is not a date"),
    ("blank date", edited({(2, "date"): ""}), 2, "date", "is blank"),
    ("start time 25:00", edited({(2, "start_time"): "25:00"}), 2, "start_time", "HH:MM"),
    ("pain row without side", edited({(3, "pain_side"): ""}), 3, "pain_side", "is blank on a pain row"),
    ("side misspelt", edited({(3, "pain_side"): "lft"}), 3, "pain_side", "'lft' is not left or right"),
    ("pain no with pain columns", edited({(2, "pain_site"): "shin"}), 2, "pain_site", "is filled in but pain is no"),
    ("pain neither yes nor no", edited({(2, "pain"): "maybe"}), 2, "pain", "'maybe' is not yes or no"),
    ("non-number distance", edited({(2, "distance_km"): "ten"}), 2, "distance_km", "'ten' is not a number"),
    ("distance with a comma", edited({(2, "distance_km"): "8,5"}), 2, "distance_km", "'8,5' is not a number"),
    ("negative distance", edited({(2, "distance_km"): "-8.5"}), 2, "distance_km", "is negative"),
    ("nan distance", edited({(2, "distance_km"): "nan"}), 2, "distance_km", "is not a plain number"),
    ("blank distance", edited({(2, "distance_km"): ""}), 2, "distance_km", "is blank"),
    ("zero duration", edited({(2, "duration_min"): "0"}), 2, "duration_min", "more than 0 minutes"),
    ("negative duration", edited({(2, "duration_min"): "-45"}), 2, "duration_min", "is negative"),
    ("effort 11", edited({(2, "effort"): "11"}), 2, "effort", "11 is outside 1-10"),
    ("effort 0", edited({(2, "effort"): "0"}), 2, "effort", "0 is outside 1-10"),
    ("effort not whole", edited({(2, "effort"): "6.5"}), 2, "effort", "is not a whole number 1-10"),
    ("next morning not in vocabulary", edited({(3, "next_morning"): "fine"}), 3, "next_morning",
     "'fine' is not one of gone, better, same, worse or blank"),
    ("stopped early blank on a pain row", edited({(3, "stopped_early"): ""}), 3, "stopped_early",
     "is blank on a pain row"),
    ("unknown shoe type", edited({(2, "shoe_type"): "racing"}), 2, "shoe_type", "'racing' is not one of neutral"),
    ("shoe type without a shoe", edited({(2, "shoe"): ""}), 2, "shoe_type", "shoe is blank"),
    ("one shoe given two types", edited({(3, "shoe_type"): "neutral", (4, "shoe_type"): "neutral"}), 3,
     "shoe_type", "shoe 'Kayano 30' is stability on line 2 but neutral here"),
    ("rows of one run disagree", edited({(4, "distance_km"): "10.1"}), 4, "distance_km",
     "differs from line 3, which has the same run_id 2"),
    ("pain no beside pain rows", edited({(4, "pain"): "no", (4, "pain_site"): "", (4, "pain_side"): "",
                                         (4, "pain_onset_min"): "", (4, "pain_intensity"): "",
                                         (4, "stopped_early"): ""}), 4, "pain", "has pain rows from line 3"),
    ("run_id not a number", edited({(2, "run_id"): "one"}), 2, "run_id", "'one' is not a whole number"),
    ("too few cells", csv_bytes([*BASE_ROWS, ["3", "2026-09-05"]]), 5, None,
     "the row has 2 cells but the header has 19"),
    ("missing required column", without_column("duration_min"), 1, "duration_min", "required column is missing"),
    ("missing distance column", without_column("distance_km"), 1, "distance_km or distance_mi", "required column"),
    ("both units", with_column("distance_mi", "5"), 1, "distance_mi", "both distance_km and distance_mi"),
    ("a column twice", with_column("date", "2026-01-01"), 1, "date", "appears twice"),
    ("no header", csv_bytes(BASE_ROWS[1:], header=BASE_ROWS[0]), 1, None, "there is no header row"),
    ("empty file", b"", None, None, "the file is empty"),
    ("only blank lines", b"\r\n\r\n  \r\n", None, None, "the file is empty"),
    ("bad UTF-8", BAD_UTF8, 3, None, "is not valid UTF-8"),
    ("Latin-1 file", edited({(2, "notes"): "caf\u00e9"}).replace(b"caf\xc3\xa9", b"caf\xe9"), 2, None,
     "is not valid UTF-8"),
    ("unterminated quote", csv_bytes(BASE_ROWS) + b'3,2026-09-05,,"5,25\r\n', 5, None, "is not readable CSV"),
    ("stray quote", csv_bytes(BASE_ROWS) + b'3,2026-09-05,,"5"x,25\r\n', 5, None, "is not readable CSV"),
    # A note over two physical lines (2 and 3): the bad row after it is line 4, not 3.
    ("physical line numbers", edited({(2, "notes"): "first line\nsecond line", (3, "pain_intensity"): "11"}),
     4, "pain_intensity", "11 is outside 0-10"),
]


# The reading of the file is what these cases test, and it is the same
# whatever the log: SQLite only. That a refused file leaves a PostgreSQL log
# untouched is tested below (every bad row listed, a contradicting gear type).
@pytest.mark.parametrize("db_kind", ["sqlite"])
@pytest.mark.parametrize(("file_bytes", "line", "column", "reason"),
                         [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_rejected_by_line_and_column_and_changes_nothing(
    db_kind, seeded, db_path, tmp_path, capsys, file_bytes, line, column, reason
):
    file = tmp_path / "bad.csv"
    file.write_bytes(file_bytes)
    before = database_rows(db_path)
    status, out, err = run_cli(db_path, file, capsys)
    assert status == 1
    assert out == ""
    where = f"runlog: {file}" + (f", line {line}" if line else "") + (f", column {column}" if column else "")
    messages = err.splitlines()
    assert any(message.startswith(where + ": ") and reason in message for message in messages), err
    assert messages[-1].startswith(f"runlog: {file} was not imported (")
    assert messages[-1].endswith("); your log is unchanged")
    assert "Traceback" not in err
    assert database_rows(db_path) == before


def test_there_are_at_least_twenty_malformed_cases():
    assert len(MALFORMED) >= 20


def test_every_bad_row_is_listed(seeded, db_path, tmp_path, capsys):
    file = tmp_path / "three-bad.csv"
    file.write_bytes(edited({(2, "effort"): "99", (3, "pain_site"): "elbow", (4, "duration_min"): "x"}))
    status, _, err = run_cli(db_path, file, capsys)
    assert status == 1
    assert err.splitlines() == [
        f"runlog: {file}, line 2, column effort: 99 is outside 1-10",
        f"runlog: {file}, line 3, column pain_site: 'elbow' is not a pain site (see export --dictionary)",
        f"runlog: {file}, line 4, column duration_min: 'x' is not a number",
        f"runlog: {file} was not imported (3 problems); your log is unchanged",
    ]


def test_a_long_list_of_problems_is_capped(seeded, db_path, tmp_path, capsys):
    rows = [[str(n), "2026-10-01", "", "5", "25", "", "", "", "", "12", "no", *[""] * 8] for n in range(60)]
    file = tmp_path / "sixty-bad.csv"
    file.write_bytes(csv_bytes(rows))
    status, _, err = run_cli(db_path, file, capsys)
    messages = err.splitlines()
    assert status == 1 and len(messages) == 52
    assert messages[49] == f"runlog: {file}, line 51, column effort: 12 is outside 1-10"
    assert messages[50:] == [
        "runlog: ... and 10 more (--problems OUT writes them all to a file)",
        f"runlog: {file} was not imported (60 problems); your log is unchanged",
    ]


def test_a_gear_type_that_contradicts_the_log_is_rejected(seeded, db_path, tmp_path, capsys):
    file = tmp_path / "neutral.csv"
    file.write_bytes(edited({(2, "shoe_type"): "neutral", (3, "shoe_type"): "neutral", (4, "shoe_type"): "neutral"}))
    before = database_rows(db_path)
    status, _, err = run_cli(db_path, file, capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        f"runlog: {file}, line 2, column shoe_type: shoe 'Kayano 30' is stability in your log but neutral here"
    )
    assert database_rows(db_path) == before


def test_the_rejection_carries_the_problems_for_a_dialog(store, tmp_path):
    file = tmp_path / "bad.csv"
    file.write_bytes(edited({(3, "pain_intensity"): "12"}))
    with pytest.raises(ImportRejected) as caught:
        import_csv(store, file)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "pain_intensity")]


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "absent.csv", "{path} does not exist"),
])
def test_a_file_that_cannot_be_read_is_one_sentence(store, db_path, tmp_path, capsys, make, message):
    path = make(tmp_path)
    assert run_cli(db_path, path, capsys) == (1, "", f"runlog: {message.format(path=path)}\n")


def test_a_shoe_and_an_orthotic_may_share_a_name(store, tmp_path):
    file = tmp_path / "same-name.csv"
    file.write_text("date,distance_km,duration_min,pain,shoe,orthotic\n2026-05-01,5,25,no,Blue,Blue\n")
    import_csv(store, file)
    with store.read() as session:
        [run] = runs_between(session)
    assert isinstance(run.shoe, Shoe) and isinstance(run.orthotic, Orthotic)
    assert (run.shoe.name, run.orthotic.name) == ("Blue", "Blue")


def test_the_activity_column_round_trips_and_a_blank_reads_as_a_run(store, tmp_path):
    file = tmp_path / "walks.csv"
    file.write_text(
        "date,distance_km,duration_min,pain,activity\n"
        "2026-05-01,5,25,no,trail_run\n2026-05-02,4,50,no,walk\n2026-05-03,6,30,no,\n2026-05-04,12,180,no,Hike\n"
    )
    assert import_csv(store, file).runs == 4
    with store.read() as session:
        assert [run.kind.value for run in runs_between(session)] == ["trail_run", "walk", "run", "hike"]
    assert [line.rsplit(",", 4)[1] for line in export_text(store).splitlines()[1:]] == ["trail_run", "walk", "run", "hike"]
    file.write_text("date,distance_km,duration_min,pain,activity\n2026-05-05,5,25,no,swim\n")
    with pytest.raises(ImportRejected) as rejected:
        import_csv(store, file)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column, problem.code.value) == (2, "activity", "not_in_vocabulary")


def test_cadence_ascent_and_descent_round_trip_and_a_file_may_stop_before_any_of_them(store, tmp_path):
    file = tmp_path / "watch.csv"
    file.write_text(
        "date,distance_km,duration_min,pain,activity,cadence_spm,ascent_m,descent_m\n"
        "2026-05-01,5,25,no,run,172,38,41\n"
        "2026-05-02,4,50,no,walk,,,\n"
    )
    assert import_csv(store, file).runs == 2
    stopped_early = tmp_path / "stops.csv"
    stopped_early.write_text("date,distance_km,duration_min,pain,activity,cadence_spm\n2026-05-03,6,30,no,,168.4\n")
    assert import_csv(store, stopped_early).runs == 1
    with store.read() as session:
        figures = [(run.cadence_spm, run.ascent_m, run.descent_m) for run in runs_between(session)]
    assert figures == [(172, 38, 41), (None, None, None), (168.4, None, None)]
    exported = export_text(store)
    assert [line.split(",")[-3:] for line in exported.splitlines()[1:]] == [
        ["172", "38", "41"], ["", "", ""], ["168", "", ""]]
    # The export read back into a new log exports the same bytes.
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    with store.write() as session:
        for run in runs_between(session):
            delete_run(session, run.id)
    assert import_csv(store, again).runs == 3
    # Only the run numbers differ: ids are never reused.
    assert [line.split(",", 1)[1] for line in export_text(store).splitlines()[1:]] == [
        line.split(",", 1)[1] for line in exported.splitlines()[1:]]


@pytest.mark.parametrize(("column", "cell"), [("cadence_spm", "301"), ("ascent_m", "-3"), ("descent_m", "20001"),
                                              ("cadence_spm", "nan")])
def test_an_impossible_cadence_or_climb_is_refused_by_line_and_column(store, tmp_path, column, cell):
    file = tmp_path / "bad.csv"
    file.write_text(f"date,distance_km,duration_min,pain,{column}\n2026-05-01,5,25,no,{cell}\n")
    with pytest.raises(ImportRejected) as rejected:
        import_csv(store, file)
    [problem] = rejected.value.problems
    assert (problem.line, problem.column) == (2, column)
    with store.read() as session:
        assert runs_between(session) == []
