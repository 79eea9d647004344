"""Progress per group (DOMAIN.md "Progress"): early and recent, onset and
intensity direction, mornings lately and pain-free now, at the rules' edges."""

from __future__ import annotations

import pytest

from runlog.detect import Suggestion, detect
from runlog.detect.progress import (
    IntensityDirection,
    MorningsDirection,
    OnsetDirection,
    early_recent_size,
    onset_direction,
)
from runlog.detect.progress_text import progress_title
from runlog.domain import ActivityKind
from tests.histories import WINDOW, pain, run


def history(onsets_km, intensities=None, mornings=None, km=10.0, **pain_args):
    """One painful run every other day with the given onsets, intensities and mornings."""
    count = len(onsets_km)
    intensities = intensities or [4] * count
    mornings = mornings or ["gone"] * count
    return [
        run(2 * i, km, pain(at_km=at, intensity=level, morning=morning, **pain_args))
        for i, (at, level, morning) in enumerate(zip(onsets_km, intensities, mornings, strict=True))
    ]


def progress_of(runs):
    entries = detect(runs, *WINDOW).progress
    assert len(entries) == 1
    return entries[0]


@pytest.mark.parametrize(("episodes", "k"), [(6, 3), (7, 3), (8, 3), (9, 3), (11, 3), (12, 4), (15, 5)])
def test_early_and_recent_hold_k_episodes_each(episodes, k):
    assert early_recent_size(episodes) == k


def test_five_episodes_make_no_progress_entry_and_six_do():
    assert detect(history([5.0] * 5), *WINDOW).progress == ()
    assert len(progress_of(history([5.0] * 6)).episodes) == 6


def test_seven_episodes_compare_the_first_three_with_the_last_three():
    # The middle episode (9 km) is in neither part.
    entry = progress_of(history([4.0, 4.0, 4.0, 9.0, 5.0, 5.0, 5.0]))
    assert (entry.early_onset, entry.recent_onset) == (4000.0, 5000.0)
    assert entry.onset is OnsetDirection.LATER


def test_nine_episodes_still_use_three_each_side():
    entry = progress_of(history([4.0, 4.0, 4.0, 1.0, 1.0, 1.0, 5.0, 5.0, 5.0]))
    assert entry.onset is OnsetDirection.LATER and entry.recent_onset == 5000.0


def test_a_ratio_of_exactly_1_25_is_later_and_just_below_is_no_clear_change():
    assert onset_direction([4000.0] * 3, [5000.0] * 3) is OnsetDirection.LATER
    assert onset_direction([4000.0] * 3, [4999.0] * 3) is OnsetDirection.NO_CLEAR_CHANGE


def test_a_ratio_of_exactly_0_80_is_earlier_and_just_above_is_no_clear_change():
    assert onset_direction([5000.0] * 3, [4000.0] * 3) is OnsetDirection.EARLIER
    assert onset_direction([5000.0] * 3, [4001.0] * 3) is OnsetDirection.NO_CLEAR_CHANGE


def test_fewer_than_three_onsets_on_a_side_is_not_enough_episodes():
    assert onset_direction([4000.0, 4000.0, None], [6000.0] * 3) is OnsetDirection.NOT_ENOUGH_EPISODES
    entry = progress_of(history([None, 4.0, 4.0, 5.0, 6.0, 6.0], at_min=30.0))
    # The group's basis is still distance (5 of 6 have one); the early part lacks a third onset.
    assert entry.onset is OnsetDirection.NOT_ENOUGH_EPISODES
    assert "Too few onsets" in entry.explanation


def test_the_time_basis_compares_minutes_and_reports_them():
    runs = [run(2 * i, 10.0, pain(at_km=None, at_min=m)) for i, m in enumerate([20, 20, 20, 26, 26, 26])]
    entry = progress_of(runs)
    assert entry.onset is OnsetDirection.LATER
    data = entry.to_json()
    assert data["onset"] == {"early": 20.0, "recent": 26.0, "unit": "min", "direction": "later"}
    assert data["pain_free"] == {"recent_onset": 26.0, "unit": "min", "longest_since_last_episode_min": None}


@pytest.mark.parametrize(
    ("early", "recent", "direction"),
    [
        ([6, 6, 6], [4, 4, 4], IntensityDirection.LOWER),
        ([6, 6, 6], [5, 5, 5], IntensityDirection.NO_CLEAR_CHANGE),
        ([4, 4, 4], [6, 6, 6], IntensityDirection.HIGHER),
        ([4, 4, 4], [5, 6, 5], IntensityDirection.NO_CLEAR_CHANGE),
    ],
)
def test_a_difference_of_exactly_two_points_counts_and_one_does_not(early, recent, direction):
    assert progress_of(history([5.0] * 6, intensities=early + recent)).intensity is direction


@pytest.mark.parametrize(
    ("mornings", "direction"),
    [
        (["gone"] * 4 + ["same", "worse"], MorningsDirection.NOT_CLEARING),
        (["same", "same", "gone", "gone", "better", "gone"], MorningsDirection.CLEARING),
        (["gone"] * 4 + ["same", "gone"], MorningsDirection.MIXED),
        ([None] * 5 + ["gone"], MorningsDirection.NOT_ENOUGH_RECORDED),
        # Only the last three recorded count: the unrecorded ones are skipped over.
        (["same", "gone", "gone", None, "worse", None], MorningsDirection.MIXED),
    ],
)
def test_mornings_lately_look_at_the_last_three_recorded(mornings, direction):
    assert progress_of(history([5.0] * 6, mornings=mornings)).mornings.direction is direction


def test_mornings_not_clearing_add_the_knee_specialist_to_the_group():
    runs = history([5.0] * 9, mornings=["gone"] * 7 + ["same", "same"])
    report = detect(runs, *WINDOW)
    (entry,) = report.progress
    assert entry.suggestions == (Suggestion.SEE_KNEE_SPECIALIST,)
    assert entry.to_json()["suggestions"] == ["see_knee_specialist"]
    (finding,) = report.findings  # 7 of 9 gone: still the signature
    assert finding.suggestions[0] is Suggestion.SEE_KNEE_SPECIALIST
    assert "knee specialist" in entry.explanation


def test_pain_free_now_is_the_recent_onset_and_the_longest_run_since_the_last_episode():
    runs = history([3.0, 3.0, 3.0, 7.0, 7.0, 7.0]) + [run(13, 8.4), run(15, 6.0)]
    entry = progress_of(runs)
    data = entry.to_json()
    assert data["pain_free"] == {"recent_onset": 7.0, "unit": "km", "longest_since_last_episode_km": 8.4}
    assert data["onset"]["direction"] == "later"
    assert entry.explanation.startswith("Pain now begins at about 7.0 km, later than the 3.0 km of early September.")
    assert "8.4 km, without this pain" in entry.explanation


def test_walks_make_their_own_progress_entry_and_runs_do_not_count_for_it():
    walks = history([2.0, 2.0, 2.0, 3.0, 3.0, 3.0], km=6.0)
    for w in walks:
        w.kind = ActivityKind.WALK
    runs = [run(2 * i + 1, 12.0) for i in range(6)]
    (entry,) = detect(walks + runs, *WINDOW).progress
    assert entry.family.value == "walk"
    # The pain-free 12 km runs after the last walk are not "the longest walk since".
    assert entry.longest_since is None
    assert progress_title(entry).startswith("Progress, left knee (below kneecap), on walks")
