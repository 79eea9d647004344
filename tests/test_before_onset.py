"""The kilometre before the pain began: its descent and cadence, computed from
the watch file's track when the file meets a run with a pain onset, and the
track itself never stored."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import create_engine, inspect

from runlog.cli import main
from runlog.domain import Pain, PainSite, Run, Side
from runlog.domain.before_onset import km_before
from runlog.store.runs import add_run
from tests.fitwriter import Leg, fit_file

START = dt.datetime(2026, 10, 1, 7, 0, tzinfo=dt.UTC)


def _hilly(metres: float) -> tuple[float, int]:
    """Flat at 100 m to 3 km, 40 m down over the 4th km, then flat: 80 strides a minute, 86 downhill."""
    if metres < 3000:
        return 100.0, 80
    if metres < 4000:
        return 100.0 - (metres - 3000) / 1000 * 40, 86
    return 60.0, 82


def test_the_km_before_the_onset_takes_the_drops_and_cadences_within_it_only():
    points = [(0.0, 100.0, 160.0), (900.0, 90.0, 160.0), (1100.0, 80.0, 170.0), (1500.0, 85.0, None),
              (2000.0, 70.0, 174.0), (2500.0, 0.0, 190.0)]
    found = km_before(points, 2000.0)
    # From 1 km to 2 km: 90 -> 80 (10 down), 85 -> 70 (15 down); the climb 80 -> 85 is not descent.
    assert (found.descent_m, found.cadence_spm) == (25.0, 172.0)
    assert km_before(points, 800.0) is None, "an onset under 1 km has no whole kilometre before it"


def test_a_hand_logged_painful_run_gains_the_descent_and_cadence_of_the_km_before_its_onset(store, db_path, tmp_path,
                                                                                          capsys, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    with store.write() as session:
        add_run(session, Run(date=START.date(), start_time=START.time(), distance_m=5000.0, duration_s=1800.0,
                             pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=4000.0)]))
    watch = tmp_path / "downhill.fit"
    watch.write_bytes(fit_file([Leg("running", START, 1800, 5000.0, profile=_hilly)]))
    assert main(["--db", str(db_path), "import", str(watch)]) == 0
    assert "1 merged" in capsys.readouterr().out
    connection = sqlite3.connect(db_path)
    try:
        (descent, cadence), = connection.execute("SELECT before_onset_descent_m, before_onset_cadence_spm FROM runs")
    finally:
        connection.close()
    assert round(descent) == 40
    assert cadence == pytest.approx(172, abs=0.1)


def test_no_position_or_per_second_series_reaches_the_database(store, db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    with store.write() as session:
        add_run(session, Run(date=START.date(), start_time=START.time(), distance_m=5000.0, duration_s=1800.0,
                             pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=4000.0)]))
    watch = tmp_path / "downhill.fit"
    watch.write_bytes(fit_file([Leg("running", START, 1800, 5000.0, profile=_hilly)]))
    assert main(["--db", str(db_path), "import", str(watch)]) == 0
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        tables = inspect(engine).get_table_names()
        columns = {column["name"] for table in tables for column in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()
    assert not {name for name in columns if any(word in name for word in ("lat", "lon", "position", "altitude",
                                                                           "heart", "record", "track"))}
    connection = sqlite3.connect(db_path)
    try:
        counts = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        connection.close()
    # The file held 1,801 one-second records: none became a row.
    assert max(counts.values()) <= 2, counts
