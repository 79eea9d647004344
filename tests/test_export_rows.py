"""The export's fast road gives what the plain one would: the store's rows read
with the standard library's ``sqlite3`` equal the ORM's, and the exporter's
column-at-a-time cells equal the columns' own writers applied row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3

import pytest

from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Run, Shoe, ShoeType, Side, Units
from runlog.formats.contract_csv.columns import BY_KEY, header, write_text
from runlog.formats.contract_csv.exporter import write_csv
from runlog.store import csv_rows
from runlog.store.bulk import export_rows
from runlog.store.engine import make_engine
from runlog.store.gear import add_gear
from runlog.store.handle import Store
from runlog.store.runs import add_run
from tests.perf.history import build_log

FIRST = dt.date(2026, 3, 1)


@pytest.fixture
def odd_log(store):
    """A generated year with several runs a day, plus runs that test the edges:
    no start time, no gear, only an orthotic, zero and repeated numbers,
    pain at two sites, formula-like and control-character text."""
    path = store.sqlite_path
    store.close()
    build_log(path, 1, rows=900)
    with store.write() as session:
        trap = add_gear(session, Shoe(name="=HYPERLINK(1)", type=ShoeType.OTHER))
        plain = add_gear(session, Shoe(name="Clifton, 9 \"wide\""))
        insole = add_gear(session, Orthotic(name="-3 mm wedge", type=OrthoticType.CUSTOM))
        for day in range(40):
            pains = []
            if day % 3 == 0:
                pains = [
                    Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=day % 11, onset_m=0.0,
                         onset_s=float(day * 7), stopped_early=day % 2 == 0, next_morning=NextMorning.SAME),
                    Pain(site=PainSite.OUTER_KNEE, side=Side.RIGHT, intensity=2, onset_s=60.0),
                ]
            add_run(session, Run(
                date=FIRST + dt.timedelta(days=day // 2),
                start_time=None if day % 4 else dt.time(6, day % 60),
                distance_m=[0.0, 5000.0, 5000.0, 42195.0, 999.9996][day % 5],
                duration_s=[1500.0, 1500.0, 0.6, 10799.4][day % 4],
                shoe=[None, trap, plain][day % 3],
                orthotic=insole if day % 5 == 0 else None,
                effort=None if day % 2 else day % 10 + 1,
                notes=["", "+1 km", "tab\there", "esc \x1b[31m red", "'=quoted", "\rcr"][day % 6],
                pains=pains,
                cadence_spm=[None, 170.5, 0.0, 300.0][day % 4],
                ascent_m=[None, 12.4, 20000.0][day % 3],
                descent_m=[0.0, None][day % 2],
            ))
    return store


def by_hand(rows: list[tuple], units: Units, visible: bool = False) -> str:
    """The export written row by row with the columns' own writers."""
    distance, duration = BY_KEY["distance"].writer(units), BY_KEY["duration_min"].writer(units)
    onset_m, onset_s = BY_KEY["pain_onset"].writer(units), BY_KEY["pain_onset_min"].writer(units)
    whole = BY_KEY["cadence_spm"].writer(units)

    def text(value):
        cell = write_text(value)
        if visible:
            cell = "".join(f"\\x{ord(c):02x}" if ord(c) in set(range(32)) - {9, 10} or 0x7f <= ord(c) <= 0x9f
                           else c for c in cell)
        return cell

    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header(units))
    for (run_id, date, start, metres, seconds, shoe, shoe_type, orthotic, orthotic_type, effort, notes,
         site, side, pain_m, pain_s, intensity, stopped, morning, kind, cadence, ascent, descent) in rows:
        pain = site is not None
        writer.writerow([
            run_id, date, start, distance(metres), duration(seconds), text(shoe), shoe_type, text(orthotic),
            orthotic_type, effort, "yes" if pain else "no", site, side, onset_m(pain_m), onset_s(pain_s),
            intensity, ("yes" if stopped else "no") if pain else "", morning, text(notes), kind,
            whole(cadence), whole(ascent), whole(descent),
        ])
    return stream.getvalue()


SPANS = [(None, None), (FIRST, None), (None, FIRST + dt.timedelta(days=5)), (FIRST, FIRST)]


@pytest.mark.parametrize(("since", "until"), SPANS)
def test_the_plain_sqlite_rows_are_the_orms(odd_log, since, until, monkeypatch):
    monkeypatch.setattr(csv_rows, "BATCH", 64)
    orm = Store(make_engine(odd_log.sqlite_path))  # no file path: the ORM's road
    try:
        with orm.read() as session:
            expected = list(export_rows(session, since, until))
        by_orm = list(orm.export_batches(since, until))
    finally:
        orm.close()
    plain = list(odd_log.export_batches(since, until))
    assert expected and [row for batch in plain for row in batch] == expected
    assert [row for batch in by_orm for row in batch] == expected
    assert all(0 < len(batch) <= 64 for batch in plain + by_orm)


@pytest.mark.parametrize("batch", [1, 2, 7, 2000])
@pytest.mark.parametrize("units", list(Units))
def test_the_export_is_the_columns_writers_row_by_row(odd_log, units, batch, monkeypatch):
    # Small batches put the rows of one run on both sides of a batch's end.
    monkeypatch.setattr(csv_rows, "BATCH", batch)
    with odd_log.read() as session:
        rows = list(export_rows(session))
    stream = io.StringIO(newline="")
    assert write_csv(odd_log, stream, units) == len({row[0] for row in rows})
    assert stream.getvalue() == by_hand(rows, units)
    shown = io.StringIO(newline="")
    write_csv(odd_log, shown, units, visible_controls=True)
    assert shown.getvalue() == by_hand(rows, units, visible=True)
    assert "\\x1b[31m" in shown.getvalue() and "\\x0dcr" in shown.getvalue()


def test_an_export_of_a_sqlite_log_loads_no_database_library(odd_log, tmp_path):
    # SQLAlchemy alone costs more than the sqlite3 shell's whole export of a long log.
    from tests.test_purity import _loaded_heavy

    target = tmp_path / "out.csv"
    code = (
        "from runlog.cli import main\n"
        f"assert main(['--db', {str(odd_log.sqlite_path)!r}, 'export', '-o', {str(target)!r}]) == 0\n"
    )
    assert _loaded_heavy(code) == []
    assert target.read_text(encoding="utf-8").startswith("run_id,date,")


def test_an_export_never_creates_a_log(tmp_path):
    from runlog.store import open_database

    folder = tmp_path / "a log folder"
    folder.mkdir()
    path = folder / "runlog.db"
    store = open_database(path)
    assert list(store.export_batches()) == []
    store.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with pytest.raises(sqlite3.OperationalError):
        list(store.export_batches())
    assert not path.exists()
