"""CSV import and export against files and text that broke them: absurd
numbers, misleading messages, the whole problem list, terminal escapes."""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat

import pytest

from runlog.cli import main
from tests.test_csv_import import BASE_ROWS, HEADER, csv_bytes, database_rows, edited, run_cli

# --- absurd numbers ---------------------------------------------------------------

MILES_HEADER = [name.replace("_km", "_mi") for name in HEADER]

TOO_LARGE = [
    # (id, file bytes, line, column)
    ("1e308 km", edited({(2, "distance_km"): "1e308"}), 2, "distance_km"),
    ("1e308 mi", csv_bytes(BASE_ROWS[:1], header=MILES_HEADER).replace(b",8.5,", b",1e308,"), 2, "distance_mi"),
    ("400 mi is over 1,000 km", csv_bytes(BASE_ROWS[:1], header=MILES_HEADER).replace(b",8.5,", b",700,"), 2,
     "distance_mi"),
    ("1,000 km", edited({(2, "distance_km"): "1000"}), 2, "distance_km"),
    ("1e307 minutes", edited({(2, "duration_min"): "1e307"}), 2, "duration_min"),
    ("ten days", edited({(2, "duration_min"): "14400"}), 2, "duration_min"),
    ("onset 1e308 km", edited({(3, "pain_onset_km"): "1e308"}), 3, "pain_onset_km"),
    ("onset 1e307 minutes", edited({(4, "pain_onset_min"): "1e307"}), 4, "pain_onset_min"),
]


@pytest.mark.parametrize(("file_bytes", "line", "column"), [case[1:] for case in TOO_LARGE],
                         ids=[case[0] for case in TOO_LARGE])
def test_absurd_numbers_are_refused_by_line_and_column(seeded, db_path, tmp_path, capsys, file_bytes, line, column):
    file = tmp_path / "absurd.csv"
    file.write_bytes(file_bytes)
    before = database_rows(db_path)
    status, out, err = run_cli(db_path, file, capsys)
    assert status == 1 and out == ""
    assert f"runlog: {file}, line {line}, column {column}: " in err
    assert "is too large" in err
    assert database_rows(db_path) == before


@pytest.mark.parametrize("text", ["inf", "-inf", "nan", "infinity", "1e999"])
def test_non_finite_numbers_are_refused(seeded, db_path, tmp_path, capsys, text):
    file = tmp_path / "infinite.csv"
    file.write_bytes(edited({(2, "distance_km"): text}))
    before = database_rows(db_path)
    status, _, err = run_cli(db_path, file, capsys)
    assert status == 1 and f"line 2, column distance_km: {text!r} is " in err
    assert database_rows(db_path) == before


def test_numbers_just_under_the_limits_are_taken(store, db_path, tmp_path, capsys):
    file = tmp_path / "long.csv"
    file.write_bytes(edited({(2, "distance_km"): "999.999", (2, "duration_min"): "14399.99"}))
    assert run_cli(db_path, file, capsys)[0] == 0


def test_the_problem_carries_a_code():
    from runlog.formats.contract_csv.reader import read_text
    from runlog.formats.problems import Code

    result = read_text(edited({(2, "distance_km"): "1e308", (2, "effort"): "11"}).decode(), "x.csv")
    assert [(p.code, p.line, p.column) for p in result.problems] == [
        (Code.TOO_LARGE, 2, "distance_km"), (Code.OUT_OF_RANGE, 2, "effort")]


# --- messages that say what is wrong ------------------------------------------------


def refused(db_path, file, capsys) -> str:
    status, out, err = run_cli(db_path, file, capsys)
    assert status == 1 and out == "", err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(("separator", "words"), [(";", "semicolons (;)"), ("\t", "tabs"), ("|", "vertical bars (|)")])
def test_another_separator_is_named(store, db_path, tmp_path, capsys, separator, words):
    file = tmp_path / "excel.csv"
    text = csv_bytes(BASE_ROWS).decode().replace(",", separator)
    file.write_text(text)
    err = refused(db_path, file, capsys)
    assert f"runlog: {file}, line 1: the columns are separated by {words}, but runlog expects commas" in err
    assert "no header" not in err


def test_excel_sep_line_is_named(store, db_path, tmp_path, capsys):
    file = tmp_path / "excel.csv"
    file.write_text("sep=;\r\n" + csv_bytes(BASE_ROWS).decode().replace(",", ";"))
    err = refused(db_path, file, capsys)
    assert "(sep=;) says its columns are separated by semicolons (;), but runlog expects commas" in err


def test_a_sep_line_naming_the_comma_is_skipped(store, db_path, tmp_path, capsys):
    file = tmp_path / "excel.csv"
    file.write_bytes(b"sep=,\r\n" + csv_bytes(BASE_ROWS))
    assert run_cli(db_path, file, capsys)[:2] == (0, "imported 2 runs with 2 pain entries; skipped 0 already present\n")


def test_carriage_returns_alone_end_lines(store, db_path, tmp_path, capsys):
    file = tmp_path / "old-mac.csv"
    file.write_bytes(csv_bytes(BASE_ROWS).replace(b"\r\n", b"\r"))
    assert run_cli(db_path, file, capsys)[:2] == (0, "imported 2 runs with 2 pain entries; skipped 0 already present\n")


def test_carriage_return_line_numbers_are_physical(store, db_path, tmp_path, capsys):
    file = tmp_path / "old-mac.csv"
    file.write_bytes(edited({(3, "pain_intensity"): "11"}).replace(b"\r\n", b"\r"))
    assert f"runlog: {file}, line 3, column pain_intensity: 11 is outside 0-10" in refused(db_path, file, capsys)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(store, db_path, tmp_path, capsys, encoding):
    data = csv_bytes(BASE_ROWS).decode().encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    file = tmp_path / "unicode.csv"
    file.write_bytes(data)
    assert run_cli(db_path, file, capsys)[0] == 0


@pytest.mark.parametrize(("encoding", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_a_byte_order_mark_is_named(store, db_path, tmp_path, capsys, encoding, order):
    file = tmp_path / "unicode.csv"
    file.write_bytes(csv_bytes(BASE_ROWS).decode().encode(encoding))
    err = refused(db_path, file, capsys)
    assert f"runlog: {file}: looks like UTF-16 ({order}) text without a byte-order mark; save it as UTF-8" in err


def test_windows_1252_is_named(store, db_path, tmp_path, capsys):
    file = tmp_path / "cp1252.csv"
    file.write_bytes(edited({(2, "notes"): "caf\u00e9 \u2013 easy"}).decode().encode("cp1252"))
    err = refused(db_path, file, capsys)
    assert f"runlog: {file}, line 2: is not valid UTF-8" in err
    assert "another encoding, such as Windows-1252" in err


def test_a_workbook_is_named(store, db_path, tmp_path, capsys):
    file = tmp_path / "runs.csv"
    file.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    assert "is a spreadsheet workbook (.xlsx or .ods), not CSV" in refused(db_path, file, capsys)


@pytest.mark.parametrize(("column", "text", "value"), [("effort", "05", 5), ("effort", " 010 ", 10),
                                                       ("pain_intensity", "06", 6)])
def test_leading_zeros_are_read_as_the_number(store, db_path, tmp_path, capsys, column, text, value):
    line = 2 if column == "effort" else 3
    file = tmp_path / "zeros.csv"
    file.write_bytes(edited({(line, column): text}))
    assert run_cli(db_path, file, capsys)[0] == 0
    assert main(["--db", str(db_path), "export"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[line - 2][column] == str(value)


def test_an_out_of_range_number_with_leading_zeros_is_described_truly(store, db_path, tmp_path, capsys):
    file = tmp_path / "zeros.csv"
    file.write_bytes(edited({(2, "effort"): "011"}))
    assert "line 2, column effort: '011' is outside 1-10" in refused(db_path, file, capsys)


@pytest.mark.parametrize("digits", ["\u00b2", "\u0665", "\uff15"])
def test_digits_from_other_scripts_are_not_a_scale(store, db_path, tmp_path, capsys, digits):
    file = tmp_path / "digits.csv"
    file.write_bytes(edited({(2, "effort"): digits}))
    assert "line 2, column effort: " in refused(db_path, file, capsys)


# --- the whole problem list -----------------------------------------------------------

SIXTY_BAD = csv_bytes([[str(n), "2026-10-01", "", "5", "25", "", "", "", "", "", "yes", "secret_site", "left",
                        "1", "", "3", "no", "", "private note"] for n in range(60)])


def test_every_problem_goes_to_the_problems_file(seeded, db_path, tmp_path, capsys):
    file, out = tmp_path / "sixty.csv", tmp_path / "problems.csv"
    file.write_bytes(SIXTY_BAD)
    before = database_rows(db_path)
    assert main(["--db", str(db_path), "import", str(file), "--problems", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 53
    assert err[50:] == [
        "runlog: ... and 10 more",
        f"runlog: all 60 problems are listed in {out}",
        f"runlog: {file} was not imported (60 problems); your log is unchanged",
    ]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(out.read_text(), newline="")))
    assert rows[0] == ["line", "column", "code", "message"]
    assert rows[1:] == [[str(line), "pain_site", "not_in_vocabulary", "is not a pain site (see export --dictionary)"]
                        for line in range(2, 62)]
    text = out.read_text()
    assert "secret_site" not in text and "private note" not in text
    assert database_rows(db_path) == before


def test_without_the_option_the_message_points_to_it(seeded, db_path, tmp_path, capsys):
    file = tmp_path / "sixty.csv"
    file.write_bytes(SIXTY_BAD)
    err = refused(db_path, file, capsys)
    assert "runlog: ... and 10 more (--problems OUT writes them all to a file)" in err.splitlines()


def test_a_problems_file_in_a_missing_folder_is_refused_first(seeded, db_path, tmp_path, capsys):
    file, out = tmp_path / "sixty.csv", tmp_path / "nowhere" / "problems.csv"
    file.write_bytes(SIXTY_BAD)
    assert main(["--db", str(db_path), "import", str(file), "--problems", str(out)]) == 1
    assert capsys.readouterr().err == f"runlog: cannot write {out}: the folder {out.parent} does not exist\n"


def test_an_accepted_file_writes_no_problems_file(store, db_path, tmp_path, capsys):
    file, out = tmp_path / "good.csv", tmp_path / "problems.csv"
    file.write_bytes(csv_bytes(BASE_ROWS))
    assert main(["--db", str(db_path), "import", str(file), "--problems", str(out)]) == 0
    assert not out.exists()


# --- terminal safety ----------------------------------------------------------------

HOSTILE_NOTES = "\x1b]0;owned\x07 \x1b[2J\x9b31m \x00\x08\x7f ok\tfine\nnext"
HOSTILE_SHOE = "\x1b[31mred\x1b[0m"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile(store):
    import datetime as dt

    from runlog.domain import Run, Shoe
    from runlog.store.gear import add_gear
    from runlog.store.runs import add_run

    with store.write() as session:
        shoe = add_gear(session, Shoe(name=HOSTILE_SHOE))
        add_run(session, Run(date=dt.date(2026, 9, 1), distance_m=5000.0, duration_s=1500.0, shoe=shoe,
                             notes=HOSTILE_NOTES))
    return store


def test_export_to_the_screen_shows_control_characters_as_escapes(hostile, db_path, capsysbinary):
    assert main(["--db", str(db_path), "export"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert not CONTROLS.search(out.replace("\r\n", "")), repr(out)
    [row] = list(csv.DictReader(io.StringIO(out, newline="")))
    assert row["notes"] == "\\x1b]0;owned\\x07 \\x1b[2J\\x9b31m \\x00\\x08\\x7f ok\tfine\nnext"
    assert row["shoe"] == "\\x1b[31mred\\x1b[0m"


def test_export_to_a_file_keeps_the_text_exact(hostile, db_path, tmp_path, capsys):
    target = tmp_path / "exact.csv"
    assert main(["--db", str(db_path), "export", "-o", str(target)]) == 0
    [row] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert (row["notes"], row["shoe"]) == (HOSTILE_NOTES, HOSTILE_SHOE)


@pytest.mark.parametrize(("date", "words"), [("2999-01-01", "is in the future"), ("1899-12-31", "is before 1900-01-01")])
def test_dates_follow_the_run_forms_rule(seeded, db_path, tmp_path, capsys, date, words):
    file = tmp_path / "dates.csv"
    file.write_bytes(edited({(2, "date"): date}))
    before = database_rows(db_path)
    err = refused(db_path, file, capsys)
    assert f"runlog: {file}, line 2, column date: " in err and words in err
    assert database_rows(db_path) == before
