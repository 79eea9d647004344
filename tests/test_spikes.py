"""Single runs much longer than usual (DOMAIN.md "Load"): the edges of the rule."""

from __future__ import annotations

from runlog.detect import detect
from runlog.detect.spikes import Band, find_spikes
from runlog.domain import ActivityKind
from tests.histories import day, knee_runs, run


def walk(n, km):
    r = run(n, km)
    r.kind = ActivityKind.WALK
    return r


def spikes(runs):
    return [(s.date, s.band, s.increase_pct) for s in find_spikes(runs)]


def test_exactly_ten_percent_longer_is_not_a_spike_and_a_metre_more_is():
    assert spikes([run(0, 10.0), run(5, 11.0)]) == []
    assert spikes([run(0, 10.0), run(5, 11.001)]) == [(day(5), Band.UP_TO_30, 10)]


def test_the_bands_split_at_thirty_and_one_hundred_percent():
    assert spikes([run(0, 10.0), run(1, 13.0)]) == [(day(1), Band.UP_TO_30, 30)]
    assert spikes([run(0, 10.0), run(1, 13.01)]) == [(day(1), Band.UP_TO_100, 30)]
    assert spikes([run(0, 10.0), run(1, 20.0)]) == [(day(1), Band.UP_TO_100, 100)]
    assert spikes([run(0, 10.0), run(1, 20.01)]) == [(day(1), Band.OVER_100, 100)]


def test_only_the_thirty_days_before_count_and_after_a_longer_gap_nothing_is_a_spike():
    # Day 0 is 30 days before day 30: still compared. Day 31 is 31 days after: nothing to compare with.
    assert spikes([run(0, 10.0), run(30, 12.0)]) == [(day(30), Band.UP_TO_30, 20)]
    assert spikes([run(0, 10.0), run(31, 12.0)]) == []
    # The longest of the 30 days is what counts, not the latest.
    assert spikes([run(0, 15.0), run(20, 8.0), run(25, 12.0)]) == []


def test_a_run_on_the_same_day_is_not_part_of_what_it_is_compared_with():
    found = spikes([run(0, 10.0), run(3, 12.0), run(3, 5.0)])
    assert found == [(day(3), Band.UP_TO_30, 20)]


def test_walks_are_compared_only_with_walks():
    # A long walk after short runs is no spike; a walk after shorter walks is.
    assert spikes([run(0, 5.0), walk(2, 12.0)]) == []
    assert spikes([walk(0, 5.0), run(1, 6.0), walk(2, 12.0)]) == [(day(2), Band.OVER_100, 140)]
    assert [s.family.value for s in find_spikes([walk(0, 5.0), walk(2, 12.0)])] == ["walk"]


def test_the_order_of_the_runs_does_not_matter():
    runs = [run(0, 10.0), run(3, 12.0), run(9, 16.0), run(40, 4.0), run(41, 9.0)]
    assert spikes(runs) == spikes(list(reversed(runs)))


def test_a_finding_names_the_spikes_of_the_28_days_before_its_first_episode():
    history = [run(-60, 8.0), run(-29, 12.0), run(-28, 9.0), run(-5, 15.0)]
    history += knee_runs(range(0, 12, 2), km=8.0)
    since, until = day(-2), day(40)
    report = detect(history, since, until)
    (finding,) = report.findings
    # Day -29 is 29 days before the first episode: outside the 28; day -5 is inside.
    assert finding.spikes_before == (day(-5),)
    assert "(2026-08-27)" in finding.explanation and "more overuse injuries" in finding.explanation
    # The report's list holds only the window's spikes.
    assert report.spikes == ()
    assert detect(history, day(-10), until).spikes[0].date == day(-5)


def test_the_spikes_json_follows_the_contract():
    report = detect([run(0, 10.2), run(10, 16.1)], day(0), day(20))
    assert report.to_json()["spikes"] == [
        {"date": day(10).isoformat(), "activity": "run", "distance_km": 16.1, "previous_longest_km": 10.2,
         "increase_pct": 58, "band": "30-100"}
    ]
