"""Every activity a file brings in is held to the rule the form and the CSV
keep (finite, in range, dates 1900-01-01 to today, duration more than 0, a
pace a person keeps): otherwise the file is refused in one sentence naming
it, and nothing of it is stored. Names a file brings in lose their control
characters before they are stored."""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from runlog.cli import main

from .fitwriter import Leg, fit_file

ACTIVITIES = Path(__file__).resolve().parent / "fixtures" / "activities"
OPENTRACKS = ACTIVITIES / "runlog" / "opentracks-markers.gpx"
CERKNICA = ACTIVITIES / "gpxpy" / "cerknicko-jezero.gpx"
STRAVA_2018 = ACTIVITIES / "runlog" / "strava-2018" / "activities.csv"


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Files that do not say their own offset are read in the machine's zone: make it UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def tcx(distance: str = "5000.0", seconds: str = "1500.0", start: str = "2024-06-01T06:30:00Z") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{start}</Id><Lap StartTime="{start}">'
        f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{distance}</DistanceMeters>"
        "</Lap></Activity></Activities></TrainingCenterDatabase>\n"
    ).encode()


def stored(db_path: Path) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT date, distance_m, duration_s, elapsed_s FROM runs").fetchall()
    finally:
        connection.close()


def refused_alone(db_path: Path, file: Path, capsys) -> str:
    """Import ``file`` with a good file beside it: ``file`` is refused in one
    sentence naming it, the good one is stored; returns the sentence."""
    good = ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit"
    status = main(["--db", str(db_path), "import", str(file), str(good)])
    out, err = capsys.readouterr()
    assert status == 1, out + err
    assert "Traceback" not in err
    assert out.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"
    [line] = err.splitlines()
    assert line.startswith(f"runlog: {file} has an activity on ") and line.endswith("; nothing from it was kept.")
    assert [row[0] for row in stored(db_path)] == ["2017-06-11"]  # the good file only
    return line


@pytest.mark.parametrize("figure", ["inf", "INF", "+Infinity", "nan"])
def test_an_infinite_distance_in_a_gpx_track_summary_is_refused_naming_the_file(db_path, tmp_path, capsys, figure):
    gpx = tmp_path / "infinite.gpx"
    gpx.write_text(OPENTRACKS.read_text().replace("<gpxtrkx:Distance>8012.5<", f"<gpxtrkx:Distance>{figure}<"))
    assert "its distance is not a finite number" in refused_alone(db_path, gpx, capsys)


@pytest.mark.parametrize(
    ("distance", "seconds", "reason"),
    [
        ("inf", "1500", "its distance is not a finite number"),
        ("2e308", "1500", "its distance is not a finite number"),
        ("9" * 5000, "1500", "its distance is not a finite number"),
        ("5000", "inf", "its duration is not a finite number"),
        ("5000", "1" + "0" * 5000, "its duration is not a finite number"),
        ("1e308", "1500", "its distance is 1,000 km or more"),
        ("40000", "1", "its pace is faster than 1:30 /km"),
        ("5000", "864000", "its duration is 10 days or more"),
        ("-5000", "1500", "its distance is negative"),
    ],
    ids=["inf", "2e308", "5000 digits", "inf time", "5000-digit time", "1e308 m", "40 km in 1 s", "10 days", "negative"],
)
def test_absurd_figures_in_a_tcx_are_refused_naming_the_file(db_path, tmp_path, capsys, distance, seconds, reason):
    file = tmp_path / "absurd.tcx"
    file.write_bytes(tcx(distance, seconds))
    line = refused_alone(db_path, file, capsys)
    assert reason in line
    assert len(line) < 300  # a 5000-digit figure is never quoted back


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("0001-01-01T10:00:00Z", "its date is before 1900-01-01"),
        ("1899-12-31T10:00:00Z", "its date is before 1900-01-01"),
        ("2090-06-01T10:00:00Z", "its date is in the future"),
        ("9999-12-31T10:00:00Z", "its date is in the future"),
    ],
)
def test_dates_outside_1900_to_today_are_refused(db_path, tmp_path, capsys, start, reason):
    file = tmp_path / "clock.tcx"
    file.write_bytes(tcx(start=start))
    assert reason in refused_alone(db_path, file, capsys)


@pytest.mark.parametrize(
    ("seconds", "metres", "reason"),
    [(4_294_967, 42_949_672.0, "its distance is 1,000 km or more"), (1, 40_000.0, "its pace is faster than 1:30 /km")],
    ids=["42949 km in 49.7 days", "40 km in 1 s"],
)
def test_absurd_figures_in_a_fit_are_refused(db_path, tmp_path, capsys, seconds, metres, reason):
    start = dt.datetime(2024, 6, 1, 5, 0, tzinfo=dt.UTC)
    file = tmp_path / "absurd.fit"
    file.write_bytes(fit_file([Leg("running", start, seconds, metres, records=False)]))
    assert reason in refused_alone(db_path, file, capsys)


def test_a_gpx_whose_clock_is_stuck_at_1901_is_refused(db_path, tmp_path, capsys):
    stuck = tmp_path / "stuck.gpx"
    stuck.write_text(re.sub(r"<time>[^<]*</time>", "<time>1901-12-13T20:45:52Z</time>", CERKNICA.read_text()))
    assert "its duration is not more than 0" in refused_alone(db_path, stuck, capsys)


def test_inf_in_a_strava_csv_is_refused_naming_the_file(db_path, tmp_path, capsys):
    export = tmp_path / "activities.csv"
    export.write_text(STRAVA_2018.read_text().replace("8046.7", "inf"))
    assert "its distance is not a finite number" in refused_alone(db_path, export, capsys)


def test_a_strava_gear_name_loses_its_control_characters_at_import(db_path, tmp_path, capsys):
    export = tmp_path / "activities.csv"
    osc = "\x1b]0;pwned\x07Brooks\x00 Ghost\x9b 10"
    export.write_text(STRAVA_2018.read_text().replace("Brooks Ghost 10", osc))
    assert main(["--db", str(db_path), "import", str(export)]) == 0, capsys.readouterr()
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("SELECT name FROM shoes").fetchall() == [("]0;pwned Brooks Ghost 10",)]
    finally:
        connection.close()


def test_figures_at_the_edges_of_the_rule_are_stored(db_path, tmp_path, capsys):
    edge = tmp_path / "edge.tcx"
    edge.write_bytes(tcx("999999.0", "863999", start="1900-01-01T10:00:00Z"))
    assert main(["--db", str(db_path), "import", str(edge)]) == 0, capsys.readouterr()
    assert stored(db_path) == [("1900-01-01", 999999.0, 863999.0, None)]


# --- the class, not only the examples ---------------------------------------------------------

def _figures(usual: st.SearchStrategy[int], plausible: st.SearchStrategy[float]) -> st.SearchStrategy[str]:
    """A figure's text: mostly plausible, else any float, or text float() reads as a huge or odd one."""
    return st.one_of(
        usual.map(str),
        usual.map(str),
        plausible.map(repr),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["inf", "-inf", "nan", "1e308", "2e308", "9" * 400, "0", "-0.0", "1e-300", "1e6"]),
    )


_DISTANCES = _figures(st.integers(1_000, 20_000), st.floats(min_value=0, max_value=60_000))
_SECONDS = _figures(st.integers(300, 10_000), st.floats(min_value=0, max_value=30_000))
_STARTS = st.one_of(
    st.datetimes(min_value=dt.datetime(1890, 1, 1), max_value=dt.datetime(2040, 1, 1)),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2025, 1, 1)),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
)


def _in_rule(date: str, distance_m: float, duration_s: float, elapsed_s: float | None) -> bool:
    day = dt.date.fromisoformat(date)
    return (
        dt.date(1900, 1, 1) <= day <= dt.date.today()
        and math.isfinite(distance_m) and 0 <= distance_m < 1_000_000
        and math.isfinite(duration_s) and 0 < duration_s < 864_000
        and (elapsed_s is None or (math.isfinite(elapsed_s) and 0 <= elapsed_s < 864_000))
        and duration_s * 1000 >= 90 * distance_m
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["tcx", "gpx", "strava", "garmin"]),
    distance=_DISTANCES,
    seconds=_SECONDS,
    start=_STARTS,
)
def test_whatever_figures_and_dates_a_file_holds_nothing_outside_the_rule_is_stored(
    db_path, tmp_path, capsys, kind, distance, seconds, start
):
    stamp = f"{start.year:04d}-{start.month:02d}-{start.day:02d}T{start:%H:%M:%S}"
    if kind == "tcx":
        file = tmp_path / "generated.tcx"
        file.write_bytes(tcx(distance, seconds, stamp + "Z"))
    elif kind == "gpx":
        file = tmp_path / "generated.gpx"
        text = OPENTRACKS.read_text().replace("8012.5<", f"{distance}<").replace(">2700<", f">{seconds}<")
        file.write_text(text.replace("2024-05-04", stamp[:10]))
    elif kind == "strava":
        file = tmp_path / "activities.csv"
        file.write_text(STRAVA_2018.read_text().replace("8046.7", distance).replace(",2712,", f",{seconds},"))
    else:  # Garmin Connect's CSV: kilometres (the log's unit) and h:mm:ss
        file = tmp_path / "garmin.csv"
        clock = f"{int(float(seconds)) // 3600:02d}:{int(float(seconds)) // 60 % 60:02d}:{int(float(seconds)) % 60:02d}" \
            if seconds.replace(".", "", 1).isdigit() and float(seconds) < 1e7 else seconds
        file.write_text('"Activity Type","Date","Title","Distance","Time"\n'
                        f'"Running","{stamp.replace("T", " ")}","run","{distance}","{clock}"\n')
    before = stored(db_path) if db_path.exists() else []
    status = main(["--db", str(db_path), "import", str(file)])
    out, err = capsys.readouterr()
    assert status in (0, 1) and "Traceback" not in err
    event("stored" if stored(db_path) != before else "refused")
    if status == 1:
        assert err.startswith(f"runlog: {file} ") and err.count("\n") == 1
    for row in stored(db_path):
        assert _in_rule(*row), row
