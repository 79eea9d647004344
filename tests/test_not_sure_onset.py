"""A pain logged as "not sure" (no onset): the form takes it with a note, the
detector leaves it out of the onset point without failing, and the CSV keeps
the blank onsets through export and import."""

from __future__ import annotations

import csv
import datetime as dt
import io

from runlog.cli import main
from runlog.detect import detect
from runlog.domain import Pain, PainSite, Run, Side, Units
from runlog.store import open_database
from runlog.store.runs import add_run, runs_between
from runlog.tui.form_input import PainFields, RunFields, read_run
from runlog.tui.form_notes import NOT_SURE_NOTE, form_notes
from tests.histories import WINDOW, pain, run

TODAY = dt.date(2026, 11, 24)


def fields(onset_distance: str = "", onset_time: str = "") -> RunFields:
    return RunFields(date="2026-11-20", distance="8", duration="45:30", pains=[PainFields(
        site=PainSite.KNEECAP, side=Side.RIGHT, onset_distance=onset_distance, onset_time=onset_time, intensity="3",
    )])


def test_a_question_mark_says_not_sure_and_the_pain_is_kept_without_an_onset():
    for typed in ("?", " not sure ", "Not Sure"):
        run_read, errors = read_run(fields(onset_distance=typed), Units.KM, TODAY)
        assert errors == {}
        assert [(p.onset_m, p.onset_s, p.intensity) for p in run_read.pains] == [(None, None, 3)]
    assert read_run(fields(onset_time="?"), Units.KM, TODAY)[1] == {}
    assert form_notes(fields(onset_distance="?"), Units.KM)["pain0.onset"] == NOT_SURE_NOTE
    # A blank onset is still asked for, and the message says how to say not sure.
    assert read_run(fields(), Units.KM, TODAY)[1] == {
        "pain0.onset": "give the onset as a distance or a time into the run, or ? if not sure"
    }
    # "?" in one field and a time in the other: the time is the onset.
    run_read, errors = read_run(fields(onset_distance="?", onset_time="28"), Units.KM, TODAY)
    assert [(p.onset_m, p.onset_s) for p in run_read.pains] == [(None, 28 * 60)]
    assert "pain0.onset" not in form_notes(fields(onset_distance="?", onset_time="28"), Units.KM)


def test_the_detector_leaves_not_sure_pains_out_of_the_onset_point():
    # Three pains at 5 km and two not sure: before, 3 of 5 at the point was
    # too few, and the basis fell to time, which no pain had.
    runs = [run(2 * i, 10.0, pain(at_km=5.0)) for i in range(3)] + [
        run(8, 10.0, pain(at_km=None)), run(10, 10.0, pain(at_km=None)),
    ]
    findings = detect(runs, *WINDOW, units=Units.KM).findings
    assert [f.pattern.value for f in findings] == ["runners_knee"]
    assert findings[0].onset_km == 5.0
    assert "at 5.0 km on 3 of 3 with an onset" in findings[0].explanation
    assert len(findings[0].evidence) == 5
    # Only not-sure pains: nothing to place, no finding, no failure.
    report = detect([run(2 * i, 10.0, pain(at_km=None)) for i in range(4)], *WINDOW, units=Units.KM)
    assert report.findings == ()
    assert "no onset" in report.notes[0]


def test_a_blank_onset_survives_export_and_import(tmp_path, capsys):
    first, second, file = tmp_path / "a" / "runlog.db", tmp_path / "b" / "runlog.db", tmp_path / "runs.csv"
    store = open_database(first)
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 11, 2), distance_m=8000, duration_s=2700,
                             pains=[Pain(PainSite.OUTER_KNEE, Side.LEFT, intensity=4)]))
    store.close()
    assert main(["--db", str(first), "export", "-o", str(file)]) == 0
    rows = list(csv.DictReader(io.StringIO(file.read_text(encoding="utf-8"))))
    assert [(r["pain_site"], r["pain_onset_km"], r["pain_onset_min"]) for r in rows] == [("outer_knee", "", "")]
    assert main(["--db", str(second), "import", str(file)]) == 0
    capsys.readouterr()
    store = open_database(second)
    with store.read() as session:
        (imported,) = runs_between(session)
    store.close()
    assert [(p.site, p.onset_m, p.onset_s, p.intensity) for p in imported.pains] == [
        (PainSite.OUTER_KNEE, None, None, 4)
    ]
