"""Properties of progress, before/after and spikes over generated histories (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from runlog.detect import detect
from runlog.detect.episodes import group_episodes, window_runs
from runlog.detect.progress import MIN_PROGRESS_EPISODES
from runlog.domain import ActivityFamily, RunnerChange, RunnerChangeKind
from tests.test_detect_properties import SINCE, UNTIL, histories

EXAMPLES = settings(max_examples=60, deadline=None)
CHANGES = st.lists(
    st.builds(RunnerChange, date=st.dates(SINCE, UNTIL), kind=st.sampled_from(RunnerChangeKind),
              label=st.sampled_from(["", "new pair", "physio"])),
    max_size=4,
)


@EXAMPLES
@given(st.data())
def test_progress_changes_and_spikes_do_not_depend_on_input_order(data):
    runs = data.draw(histories())
    changes = data.draw(CHANGES)
    report = detect(runs, SINCE, UNTIL, changes=changes)
    shuffled = detect(data.draw(st.permutations(runs)), SINCE, UNTIL, changes=data.draw(st.permutations(changes)))
    assert shuffled.to_json() == report.to_json()


@EXAMPLES
@given(histories(), CHANGES)
def test_a_progress_entry_exactly_for_each_group_with_at_least_six_episodes(runs, changes):
    report = detect(runs, SINCE, UNTIL, changes=changes)
    window = window_runs(runs, SINCE, UNTIL)
    counts = {
        (family, key): len(episodes)
        for family in ActivityFamily
        for key, episodes in group_episodes([r for r in window if r.kind.family is family]).episodes.items()
    }
    expected = sum(1 for count in counts.values() if count >= MIN_PROGRESS_EPISODES)
    assert len(report.progress) == expected
    for entry in report.progress:
        assert len(entry.episodes) >= MIN_PROGRESS_EPISODES
        for c in entry.comparisons:
            assert entry.episodes[0].run.date <= c.change.date <= UNTIL
            assert 0 <= c.before_pain <= c.before_runs and 0 <= c.after_pain <= c.after_runs
            assert c.p_value is None or 0 < c.p_value <= 1


@EXAMPLES
@given(histories())
def test_every_spike_is_more_than_ten_percent_over_a_run_of_the_30_days_before(runs):
    for spike in detect(runs, SINCE, UNTIL).spikes:
        before = [r.distance_m for r in runs if 1 <= (spike.date - r.date).days <= 30]
        assert before and spike.distance_m > 1.1 * max(before) * (1 - 1e-12)
        assert spike.previous_longest_m == max(before)
