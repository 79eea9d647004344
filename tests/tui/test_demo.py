"""The demo history: realistic, deterministic, and a clear resolved runner's-knee case."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from pathlib import Path

import pytest

from runlog.demo import fill_demo
from runlog.domain import FRONT_INNER_SITES, NextMorning, PainSite, Side
from runlog.store import open_database
from runlog.store.gear import list_orthotics, list_shoes
from runlog.store.runs import count_runs, runs_between

from .helpers import TODAY


def _demo_runs(tmp_path: Path, today: dt.date):
    factory = open_database(tmp_path / f"demo-{today}.db")
    try:
        with factory.write() as session:
            fill_demo(session, today)
        with factory.read() as session:
            return runs_between(session), list_shoes(session), list_orthotics(session)
    finally:
        factory.close()


def _knee(run):
    return [p for p in run.pains if p.side is Side.LEFT and p.site in FRONT_INNER_SITES]


@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 3, 1)])
def test_demo_meets_the_rules_with_margin(tmp_path, today):
    runs, shoes, orthotics = _demo_runs(tmp_path, today)
    assert runs[0].date >= today - dt.timedelta(weeks=16) and runs[-1].date < today
    weeks = {run.date.isocalendar()[:2] for run in runs}
    assert 3 * len(weeks) - 3 <= len(runs) <= 5 * len(weeks) + 5
    assert {u.shoe.type.value for u in shoes} == {"neutral", "stability"}
    [orthotic] = orthotics
    assert today - dt.timedelta(weeks=6) <= orthotic.first_used <= today - dt.timedelta(weeks=5)

    episodes = [run for run in runs if _knee(run)]
    before = [run for run in episodes if run.orthotic is None]
    in_orthotics = [run for run in episodes if run.orthotic is not None]
    onsets = [_knee(run)[0].onset_m for run in before]
    median = statistics.median(onsets)
    assert len(before) >= 10
    assert 4500 <= median <= 5500
    assert all(abs(onset - median) <= 0.25 * median for onset in onsets)
    assert all(4 <= _knee(run)[0].intensity <= 7 for run in before)
    assert any(_knee(run)[0].stopped_early for run in before)
    mornings = [_knee(run)[0].next_morning for run in episodes]
    assert mornings.count(NextMorning.GONE) >= 0.75 * len(mornings)

    # In the orthotics: the pain on a few runs only, milder and later into them,
    # never so many that the onsets stop clustering.
    assert 3 <= len(in_orthotics) <= len(before) // 2
    assert all(_knee(run)[0].onset_m >= 1.3 * median for run in in_orthotics)
    assert all(_knee(run)[0].intensity <= 4 for run in in_orthotics)

    # One run much longer than anything in the month before, then the pain.
    spike = max((r for r in runs if r.date < episodes[0].date), key=lambda r: r.date)
    month = [r.distance_m for r in runs if 1 <= (spike.date - r.date).days <= 30]
    assert spike.distance_m > 1.3 * max(month) and (episodes[0].date - spike.date).days <= 28

    between = [r for r in runs if before[0].date <= r.date <= before[-1].date and r.distance_m > median]
    assert sum(1 for r in between if _knee(r)) >= 0.8 * len(between)
    assert all(not _knee(r) for r in runs if r.distance_m < 4500), "short runs are free of the knee pain"
    after = [r for r in runs if r.date > episodes[-1].date and r.distance_m > median]
    assert len(after) >= 3 and not any(_knee(r) for r in after)

    waiting = [p for r in runs for p in r.pains if p.next_morning is None]
    assert 1 <= len(waiting) <= 2 and all(p.site is PainSite.CALF for p in waiting)


def test_demo_is_the_same_for_the_same_today(tmp_path):
    first, _, _ = _demo_runs(tmp_path / "a", TODAY)
    second, _, _ = _demo_runs(tmp_path / "b", TODAY)
    assert first == second


def test_detector_reports_resolved_runners_knee_since_the_orthotics(tmp_path):
    detector = pytest.importorskip("runlog.detect.detector")
    runs, _, [orthotic] = _demo_runs(tmp_path, TODAY)
    report = detector.detect(runs, *detector.default_window(TODAY))
    [finding] = [f for f in report.findings if f.pattern == "runners_knee"]
    assert (finding.side, finding.status) == (Side.LEFT, "resolved")
    assert (finding.change.kind, finding.change.name) == ("orthotic", orthotic.name)


def test_run_demo_uses_a_private_folder_and_removes_it(monkeypatch):
    from runlog.tui import app as app_module
    from runlog.tui.demo import run_demo

    seen = {}

    def fake_run_app(factory, today=None):
        path = Path(factory.engine.url.database)
        seen["folder"] = path.parent
        seen["mode"] = os.stat(path.parent).st_mode & 0o777
        with factory.read() as session:
            seen["runs"] = count_runs(session)
        return 0

    monkeypatch.setattr(app_module, "run_app", fake_run_app)
    assert run_demo(TODAY) == 0
    assert seen["mode"] == 0o700
    assert seen["runs"] > 40
    assert not seen["folder"].exists()
