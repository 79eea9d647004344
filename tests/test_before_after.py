"""Changes before and after (DOMAIN.md "Changes the runner made"): the runs
past the point, the verdict, the other changes nearby and the careful words."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from runlog.detect import detect
from runlog.detect.before_after import Verdict, verdict
from runlog.detect.progress_text import OWN_RUNS_ONLY
from runlog.detect.text import format_text
from runlog.domain import ChangeSource, RunnerChange, RunnerChangeKind
from tests.histories import WINDOW, day, easy_runs, knee_runs, run

ORTHOTIC = RunnerChange(day(20), RunnerChangeKind.ORTHOTIC, "Custom pair", ChangeSource.GEAR)


def rehab(after_painful: int = 0):
    """Eight painful 8 km runs (pain at 5 km), then from day 20 eight runs
    past the point of which ``after_painful`` hurt, and short runs that never reach it."""
    runs = knee_runs(range(0, 16, 2), km=8.0)
    runs += knee_runs(range(20, 20 + 2 * after_painful, 2), km=8.0)
    runs += easy_runs(range(20 + 2 * after_painful, 36, 2), km=8.0)
    runs += easy_runs(range(1, 36, 2), km=3.0)  # never past 5 km: left out of every count
    return runs


def comparison(runs, changes):
    report = detect(runs, *WINDOW, changes=changes)
    (entry,) = report.progress
    return entry, report


def test_fewer_painful_runs_after_the_orthotics_with_the_counts_and_p_value():
    entry, report = comparison(rehab(after_painful=0), [ORTHOTIC])
    (c,) = entry.comparisons
    assert (c.before_runs, c.before_pain, c.after_runs, c.after_pain) == (8, 8, 8, 0)
    assert c.verdict is Verdict.FEWER_PAINFUL_RUNS and c.p_value < 0.001
    assert entry.to_json()["changes"] == [{
        "date": day(20).isoformat(), "kind": "orthotic", "label": "Custom pair",
        "before": {"runs_past_point": 8, "with_pain": 8}, "after": {"runs_past_point": 8, "with_pain": 0},
        "verdict": "fewer_painful_runs", "p_value": 0.0002, "other_changes_nearby": [],
    }]  # fmt: skip
    assert report.findings[0].comparisons == entry.comparisons
    text = format_text(report)
    assert "pain on 8 of 8 runs past 5.0 km before, 0 of 8 after: fewer painful runs after" in " ".join(text.split())
    assert " ".join(OWN_RUNS_ONLY.split()) in " ".join(text.split())


def test_a_few_painful_runs_after_is_no_clear_difference():
    (c,) = comparison(rehab(after_painful=5), [ORTHOTIC])[0].comparisons
    assert (c.after_runs, c.after_pain) == (8, 5)
    assert c.verdict is Verdict.NO_CLEAR_DIFFERENCE and c.p_value >= 0.05


def test_fewer_than_three_runs_past_the_point_on_a_side_is_not_enough_runs():
    runs = knee_runs(range(0, 16, 2), km=8.0) + easy_runs([20, 22], km=8.0)
    (c,) = comparison(runs, [ORTHOTIC])[0].comparisons
    assert (c.after_runs, c.verdict, c.p_value) == (2, Verdict.NOT_ENOUGH_RUNS, None)
    assert verdict(3, 3, 3, 0)[0] is not Verdict.NOT_ENOUGH_RUNS
    assert verdict(2, 2, 10, 0) == (Verdict.NOT_ENOUGH_RUNS, None)


def test_a_change_before_the_first_episode_or_after_the_window_is_not_compared():
    early = RunnerChange(day(-1), RunnerChangeKind.SHOE, "Old pair")
    late = RunnerChange(WINDOW[1] + dt.timedelta(days=1), RunnerChangeKind.REST)
    first_day = RunnerChange(day(0), RunnerChangeKind.CADENCE, "+5 steps/min")
    entry, _ = comparison(rehab(), [early, late, first_day, ORTHOTIC])
    assert [c.change for c in entry.comparisons] == [first_day, ORTHOTIC]
    # On the first episode's own day nothing is before it.
    assert entry.comparisons[0].before_runs == 0


def test_other_changes_within_14_days_either_way_are_named_and_15_days_away_are_not():
    physio = RunnerChange(day(6), RunnerChangeKind.PHYSIO, "programme")  # 14 days before
    rest = RunnerChange(day(35), RunnerChangeKind.REST, "a week off")  # 15 days after
    entry, report = comparison(rehab(), [ORTHOTIC, physio, rest])
    orthotic = next(c for c in entry.comparisons if c.change == ORTHOTIC)
    assert orthotic.nearby == (physio,)
    assert orthotic.to_json()["other_changes_nearby"] == [
        {"date": day(6).isoformat(), "kind": "physio", "label": "programme"}
    ]
    assert "could explain the same difference: physio programme on 2026-09-07" in " ".join(
        format_text(report).split()
    )


def test_walks_are_compared_with_walks_only():
    runs = rehab()
    walks = easy_runs(range(21, 36, 2), km=9.0)
    for walk in walks:
        walk.kind = walk.kind.WALK
    (c,) = comparison(runs + walks, [ORTHOTIC])[0].comparisons
    assert c.after_runs == 8  # the 9 km walks are not runs past the point


@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12), st.integers(0, 12))
def test_swapping_before_and_after_swaps_the_verdict_and_keeps_the_p_value(b, bp, a, ap):
    before_runs, before_pain = b + bp, bp
    after_runs, after_pain = a + ap, ap
    there, p = verdict(before_runs, before_pain, after_runs, after_pain)
    back, q = verdict(after_runs, after_pain, before_runs, before_pain)
    mirror = {
        Verdict.FEWER_PAINFUL_RUNS: Verdict.MORE_PAINFUL_RUNS,
        Verdict.MORE_PAINFUL_RUNS: Verdict.FEWER_PAINFUL_RUNS,
        Verdict.NO_CLEAR_DIFFERENCE: Verdict.NO_CLEAR_DIFFERENCE,
        Verdict.NOT_ENOUGH_RUNS: Verdict.NOT_ENOUGH_RUNS,
    }
    assert back is mirror[there] and p == q


def test_a_run_exactly_as_long_as_the_onset_point_counts_as_past_it():
    runs = knee_runs(range(0, 12, 2), km=8.0) + [run(n, 5.0) for n in (20, 22, 24)]
    (c,) = comparison(runs, [ORTHOTIC])[0].comparisons
    assert (c.after_runs, c.after_pain) == (3, 0)
