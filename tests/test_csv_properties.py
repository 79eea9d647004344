"""Properties of CSV import over generated files (hypothesis), through the
real command line: whatever the bytes, the answer is exit 0 or 1 and never a
traceback; a refused file leaves the log byte for byte as it was; whatever
is accepted is finite and in range."""

from __future__ import annotations

import csv
import io
import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from runlog.cli import main
from runlog.domain import NextMorning, OrthoticType, PainSite, ShoeType, Side, Units
from runlog.formats.contract_csv.columns import header

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADER_LINE = (",".join(header(Units.KM)) + "\r\n").encode()


def log_bytes(db_path: Path) -> bytes:
    """The log as it is on disk: the database file and its write-ahead log."""
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def import_file(db_path: Path, file: Path, data: bytes, capsys) -> tuple[int, bytes, bytes]:
    file.write_bytes(data)
    before = log_bytes(db_path)
    status = main(["--db", str(db_path), "import", str(file)])
    err = capsys.readouterr().err
    assert status in (0, 1), err
    assert "Traceback" not in err
    event("imported" if status == 0 else "refused")
    if status == 1:
        assert err.startswith("runlog: ") and err.endswith("\n")
        assert log_bytes(db_path) == before
    return status, before, log_bytes(db_path)


def assert_everything_stored_is_in_range(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    try:
        for distance_m, duration_s, effort in connection.execute("SELECT distance_m, duration_s, effort FROM runs"):
            assert math.isfinite(distance_m) and 0 <= distance_m < 1_000_000
            assert math.isfinite(duration_s) and 0 < duration_s < 864_000
            assert effort is None or 1 <= effort <= 10
        for onset_m, onset_s, intensity in connection.execute("SELECT onset_m, onset_s, intensity FROM pains"):
            assert onset_m is None or (math.isfinite(onset_m) and 0 <= onset_m < 1_000_000)
            assert onset_s is None or (math.isfinite(onset_s) and 0 <= onset_s < 864_000)
            assert 0 <= intensity <= 10
    finally:
        connection.close()


@pytest.fixture
def log(store, db_path) -> Path:
    return db_path


@EXAMPLES
@given(data=st.one_of(st.binary(max_size=600), st.binary(max_size=600).map(lambda tail: HEADER_LINE + tail)))
def test_random_bytes_never_break_the_import(log, tmp_path, capsys, data):
    import_file(log, tmp_path / "random.csv", data, capsys)
    assert_everything_stored_is_in_range(log)


def words(values) -> st.SearchStrategy[str]:
    return st.sampled_from([value.value if hasattr(value, "value") else value for value in values])


NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10, max_value=10**6).map(str),
    st.sampled_from(["1e308", "1e307", "-0", "0", "0.0001", "1_000", "١٢", "5,5", " 7 ", "999.999", "14399.99"]),
)
TEXT = st.text(max_size=12)


def cell(good: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly a plausible value, sometimes any text at all."""
    return st.one_of(good, good, good, TEXT, st.just(""))


ROW = st.tuples(
    cell(st.integers(1, 5).map(str)),
    cell(st.dates().map(lambda day: day.isoformat())),
    cell(st.sampled_from(["07:30", "7:05", "23:59", "24:00", ""])),
    cell(NUMBER),
    cell(NUMBER),
    cell(st.sampled_from(["Kayano", "=HYPERLINK()", "'+x", "Pegasus"])),
    cell(words(ShoeType)),
    cell(st.sampled_from(["Insoles", ""])),
    cell(words(OrthoticType)),
    cell(st.integers(-1, 12).map(str)),
    cell(words(["yes", "no", "Yes", "NO"])),
    cell(words(PainSite)),
    cell(words(Side)),
    cell(NUMBER),
    cell(NUMBER),
    cell(st.integers(-1, 11).map(str)),
    cell(words(["yes", "no"])),
    cell(words(NextMorning)),
    TEXT,
)


SIZE = st.one_of(
    st.floats(min_value=0.01, max_value=2000).map(repr),
    st.integers(min_value=1, max_value=20_000).map(str),
    st.floats(min_value=0, allow_infinity=True).map(repr),
    st.sampled_from(["1e308", "1e307", "999.999", "1000", "14399.99", "14400", "0.01"]),
)
#: A row that is good apart from how large its numbers are.
PLAIN_ROW = st.tuples(
    st.just(""),
    st.dates().map(lambda day: day.isoformat()),
    st.just(""),
    SIZE,
    SIZE,
    *[st.just("")] * 4,
    st.sampled_from(["", "5", "05", "10"]),
    st.just("no"),
    *[st.just("")] * 7,
    TEXT,
)


def csv_of(rows) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header(Units.KM))
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8", "surrogatepass")


@EXAMPLES
@given(rows=st.lists(ROW, max_size=6))
def test_random_fields_never_break_the_import(log, tmp_path, capsys, rows):
    import_file(log, tmp_path / "fields.csv", csv_of(rows), capsys)
    assert_everything_stored_is_in_range(log)


@EXAMPLES
@given(rows=st.lists(PLAIN_ROW, min_size=1, max_size=4))
def test_numbers_of_any_size_are_stored_finite_and_in_range_or_refused(log, tmp_path, capsys, rows):
    import_file(log, tmp_path / "sizes.csv", csv_of(rows), capsys)
    assert_everything_stored_is_in_range(log)
