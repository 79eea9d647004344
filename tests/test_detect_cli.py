"""``runlog detect`` end to end: the JSON contract and the readable text, on
the demo history (a left runner's-knee pattern that clears after orthotics)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.store import open_database


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

TODAY = dt.date.today()  # the CLI's window is the 12 whole weeks ending with this week

FINDING_KEYS = {
    "pattern": str,
    "side": str,
    "sites": list,
    "episodes": int,
    "onset_basis": str,
    "onset_km": (float, type(None)),
    "onset_min": (float, type(None)),
    "cleared_by_morning": (float, type(None)),
    "severity": str,
    "status": str,
    "change": (dict, type(None)),
    "confidence": float,
    "evidence": list,
    "suggestions": list,
    "explanation": str,
    "activity": str,
    "spikes_before": list,
    "before_after": list,
}


@pytest.fixture
def demo_db(db_path):
    factory = open_database(db_path)
    with factory.write() as session:
        fill_demo(session, TODAY)
    factory.close()
    return db_path


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_detect_json_follows_the_contract(demo_db, capsys):
    code, out, err = run_cli(capsys, "--db", str(demo_db), "detect", "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert list(report) == ["since", "until", "runs_considered", "findings", "progress", "spikes", "disclaimer"]
    # The review's window: the 12 whole weeks (from Monday) ending with this week.
    week_end = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    assert report["until"] == week_end.isoformat()
    assert report["since"] == (week_end - dt.timedelta(days=83)).isoformat()
    assert isinstance(report["runs_considered"], int) and report["runs_considered"] > 0
    assert report["disclaimer"].startswith("runlog finds patterns in your own log; it does not diagnose")
    assert report["findings"], "the demo's runner's-knee pattern was not found"
    for finding in report["findings"]:
        assert list(finding) == list(FINDING_KEYS)
        for key, kind in FINDING_KEYS.items():
            assert isinstance(finding[key], kind), key
        assert finding["pattern"] in {"runners_knee", "outer_knee_supination", "persistent_knee_pain"}
        assert finding["side"] in {"left", "right"}
        assert finding["severity"] in {"mild", "significant"} and finding["status"] in {"active", "resolved"}
        assert 0 <= finding["confidence"] <= 1
        assert all(dt.date.fromisoformat(day) for day in finding["evidence"])
    knee = next(f for f in report["findings"] if f["pattern"] == "runners_knee")
    assert knee["status"] == "resolved"
    assert set(knee["change"]) == {"date", "kind", "name"} and knee["change"]["kind"] == "orthotic"
    assert len(knee["evidence"]) == knee["episodes"]
    # Resolved since the custom orthotics: if it returns, have them checked,
    # rather than the motion-control shoes its last episode's gear would say.
    assert knee["suggestions"] == ["see_foot_specialist", "ice_short_term"]


def test_detect_json_resolved_advice_follows_the_gear_worn_now(db_path, capsys):
    """A runner pain-free since leaving the orthotics out is not told to have them checked."""
    from runlog.domain import NextMorning, Orthotic, Pain, PainSite, Run, Side
    from runlog.store.gear import add_gear
    from runlog.store.runs import add_run

    factory = open_database(db_path)
    start = TODAY - dt.timedelta(days=30)
    with factory.write() as session:
        insoles = add_gear(session, Orthotic(name="Blue insoles"))
        for i in range(4):
            pain = Pain(PainSite.KNEECAP, Side.RIGHT, 4, onset_m=5000, next_morning=NextMorning.GONE)
            add_run(session, Run(start + dt.timedelta(days=2 * i), 8000, 2700, orthotic=insoles, pains=[pain]))
        for i in range(3):
            add_run(session, Run(start + dt.timedelta(days=10 + 2 * i), 8000, 2700))
    factory.close()
    _, out, _ = run_cli(capsys, "--db", str(db_path), "detect", "--json")
    (finding,) = json.loads(out)["findings"]
    assert (finding["status"], finding["change"]["name"]) == ("resolved", None)
    assert finding["suggestions"] == ["motion_control_shoes", "ice_short_term"]


def test_detect_text_tells_the_story_with_evidence(demo_db, capsys):
    code, out, _ = run_cli(capsys, "--db", str(demo_db), "detect")
    assert code == 0
    assert "Runner's knee pattern, left knee" in out
    assert "resolved" in out and "since switching to" in out
    assert "Episodes:" in out
    assert out.rstrip().endswith("professional about any pain.")


def test_detect_window_options(demo_db, capsys):
    code, out, _ = run_cli(capsys, "--db", str(demo_db), "detect", "--json", "--since", "2001-01-01", "--until", "2001-02-01")
    assert code == 0
    assert json.loads(out) | {"disclaimer": ""} == {
        "since": "2001-01-01",
        "until": "2001-02-01",
        "runs_considered": 0,
        "findings": [],
        "progress": [],
        "spikes": [],
        "disclaimer": "",
    }
    code, out, _ = run_cli(capsys, "--db", str(demo_db), "detect", "--since", "2001-01-01", "--until", "2001-02-01")
    assert "no runs logged in this window" in out


def test_detect_refuses_a_window_that_ends_before_it_starts_as_a_usage_error(demo_db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(demo_db), "detect", "--since", "2026-12-01", "--until", "2026-11-01"])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("runlog: --since 2026-12-01 is after --until 2026-11-01\n")


def test_detect_rejects_a_date_that_is_not_one(demo_db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(demo_db), "detect", "--until", "the 45th"])
    assert caught.value.code == 2
    assert "argument --until" in capsys.readouterr().err
