"""Runs and walks are looked at apart: each family gets its own findings, and neither counts for the other."""

from __future__ import annotations

import dataclasses

from runlog.detect import detect, format_text
from runlog.domain import ActivityKind
from tests.histories import WINDOW, easy_runs, knee_runs, runners_knee


def as_kind(runs, kind):
    return [dataclasses.replace(run, kind=kind) for run in runs]


def test_a_pattern_on_walks_is_a_walking_finding_worded_for_walks():
    walks = as_kind(runners_knee(), ActivityKind.WALK)
    report = detect(walks, *WINDOW)
    [finding] = report.findings
    assert finding.to_json()["activity"] == "walk"
    assert finding.explanation.startswith("6 walks with left knee pain")
    assert "partway into the walk" in finding.explanation
    assert " runs " not in finding.explanation
    assert "Runner's knee pattern, left knee, on walks (" in format_text(report)
    from runlog.wording import finding_where

    assert finding_where(finding) == "Runner's knee pattern, left knee (below kneecap), on walks"


def test_running_finding_says_run_and_hikes_count_as_walks():
    report = detect(runners_knee() + as_kind(easy_runs(range(20, 30)), ActivityKind.HIKE), *WINDOW)
    [finding] = report.findings
    assert finding.to_json()["activity"] == "run"
    assert "walks" not in format_text(report)
    # Ten pain-free hikes after the last painful run would resolve a mixed count; apart, the runs stay active.
    assert finding.status.value == "active"


def test_walks_do_not_make_a_running_pattern():
    # Two painful runs and two painful walks at the same point: four together would recur,
    # but each family has two episodes, and a pattern needs three.
    runs = knee_runs([0, 2]) + easy_runs([1, 3], km=3.0)
    walks = as_kind(knee_runs([4, 6]) + easy_runs([5], km=3.0), ActivityKind.WALK)
    report = detect(runs + walks, *WINDOW)
    assert report.findings == ()
    assert "2 runs with left knee pain (below kneecap); a pattern needs at least 3" in report.notes
    assert "2 walks with left knee pain (below kneecap); a pattern needs at least 3" in report.notes
    both = detect(runs + as_kind(walks, ActivityKind.RUN), *WINDOW)
    assert [finding.episodes for finding in both.findings] == [4]  # the same log counted as runs alone


def test_painless_walks_do_not_count_against_a_running_pattern():
    # Six 8 km walks without pain between the painful runs would break "comes back"
    # (6 of 12 past 5 km) if walks were counted with runs.
    walks = as_kind(easy_runs(range(1, 12, 2)), ActivityKind.TREADMILL)  # treadmill is running: it counts
    mixed = detect(runners_knee() + walks, *WINDOW)
    assert mixed.findings == ()  # running-family activities do count against
    walks = as_kind(easy_runs(range(1, 12, 2)), ActivityKind.WALK)
    apart = detect(runners_knee() + walks, *WINDOW)
    assert [finding.activity.value for finding in apart.findings] == ["run"]
