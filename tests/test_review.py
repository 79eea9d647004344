"""The weekly review's figures, week boundaries, the 10% flag and the findings' window."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import NextMorning, Pain, PainSite, Run, Settings, Shoe, Side
from runlog.review import WeeklyReview, review_from_runs, week_start_for, weekly_review
from runlog.store.gear import add_gear
from runlog.store.review_data import load_review_data
from runlog.store.runs import add_run
from runlog.store.settings import save_settings

D = dt.date.fromisoformat
TODAY = D("2026-11-24")


def _pain(intensity, onset_m=None, onset_s=None, site=PainSite.BELOW_KNEECAP, side=Side.LEFT, **kw) -> Pain:
    return Pain(site=site, side=side, intensity=intensity, onset_m=onset_m, onset_s=onset_s, **kw)


def _weekly(factory, day: dt.date) -> WeeklyReview:
    """The review of the week containing ``day``, loaded as the review screen does."""
    with factory.read() as session:
        data = load_review_data(session, day)
    return weekly_review(data, day, TODAY)


@pytest.fixture
def history(store):
    """Three weeks around Wed 2026-11-11, with two shoes (hand-computed below)."""
    with store.write() as session:
        a = add_gear(session, Shoe(name="Alpha", start_distance_m=100_000))
        b = add_gear(session, Shoe(name="Bravo"))
        rows = [
            ("2026-11-03", 10_000, 3000, a, []),  # Tue
            ("2026-11-06", 10_000, 3000, a, []),  # Fri
            ("2026-11-08", 5_000, 1500, b, []),  # Sun
            ("2026-11-09", 8_000, 2400, a, []),  # Mon
            ("2026-11-11", 6_000, 1980, a, [_pain(4, onset_m=4000, next_morning=NextMorning.GONE)]),
            (
                "2026-11-14",  # Sat
                10_000,
                3300,
                b,
                [
                    _pain(6, onset_m=5000, stopped_early=True, next_morning=NextMorning.GONE),
                    _pain(3, onset_s=1800, site=PainSite.OUTER_KNEE, side=Side.RIGHT),
                ],
            ),
            ("2026-11-15", 4_000, 1300, a, []),  # Sun
            ("2026-11-20", 6_000, 1900, b, []),  # after the week
        ]
        for day, metres, seconds, shoe, pains in rows:
            add_run(session, Run(date=D(day), distance_m=metres, duration_s=seconds, shoe=shoe, pains=pains))
    return store


def test_week_start_honours_the_first_day_of_the_week():
    wednesday = D("2026-11-11")
    assert week_start_for(wednesday, 0) == D("2026-11-09")  # Monday
    assert week_start_for(wednesday, 6) == D("2026-11-08")  # Sunday
    assert week_start_for(D("2026-11-08"), 6) == D("2026-11-08")
    assert week_start_for(D("2026-11-08"), 0) == D("2026-11-02")


def test_figures_of_a_known_week(history):
    review = _weekly(history, D("2026-11-11"))
    f = review.figures
    assert (review.start, review.end) == (D("2026-11-09"), D("2026-11-15"))
    assert f.runs == 4
    assert f.distance_m == 28_000
    assert f.duration_s == 2400 + 1980 + 3300 + 1300
    assert f.longest_m == 10_000
    assert f.pain_runs == 2
    # Each pain run's worst: 4 and 6.
    assert (f.mean_intensity, f.worst_intensity) == (5.0, 6)
    assert [(p.date, p.pain.onset_m, p.pain.onset_s) for p in f.onsets] == [
        (D("2026-11-11"), 4000, None),
        (D("2026-11-14"), 5000, None),
        (D("2026-11-14"), None, 1800),
    ]
    assert f.mornings == {NextMorning.GONE: 2}
    assert f.mornings_missing == 1
    # Previous week: 10 + 10 + 5 km; 28 / 25 is 12% up.
    assert f.previous_distance_m == 25_000
    assert round(f.distance_change, 2) == 0.12 and f.big_jump
    # Alpha: 100 km to start + 10 + 10 + 8 + 6 + 4; Bravo: 5 + 10 (the 20th comes later).
    shoes = {s.usage.shoe.name: (s.week_m, s.total_m) for s in review.shoes}
    assert shoes == {"Alpha": (18_000, 138_000), "Bravo": (10_000, 15_000)}
    chart = {day.date.day: (day.distance_m, day.has_pain) for day in review.days}
    assert chart == {9: (8000, False), 10: (0, False), 11: (6000, True), 12: (0, False),
                     13: (0, False), 14: (10000, True), 15: (4000, False)}
    assert [day.date for day in review.days if day.onset_fractions()] == [D("2026-11-11"), D("2026-11-14")]
    assert review.days[2].onset_fractions() == [pytest.approx(4 / 6)]


def test_sunday_weeks_regroup_the_same_runs(history):
    with history.write() as session:
        save_settings(session, Settings(week_start=6))
    review = _weekly(history, D("2026-11-11"))
    f = review.figures
    assert (review.start, review.end) == (D("2026-11-08"), D("2026-11-14"))
    assert (f.runs, f.distance_m) == (4, 29_000)
    # Sun 1st to Sat 7th held the two 10 km runs.
    assert f.previous_distance_m == 20_000
    assert [day.date.strftime("%a") for day in review.days][0] == "Sun"


def test_trend_is_twelve_weeks_ending_with_the_week(history):
    review = _weekly(history, D("2026-11-11"))
    assert len(review.trend) == 12
    assert review.trend[-1].start == D("2026-11-09")
    assert review.trend[0].start == D("2026-08-24")
    last_two = [(w.distance_m, w.runs, w.pain_share) for w in review.trend[-2:]]
    assert last_two == [(25_000, 3, 0.0), (28_000, 4, 0.5)]
    assert review.trend[0].pain_share is None


def _two_weeks(previous_km: float | None, this_km: float) -> Run:
    runs = [Run(date=D("2026-11-10"), distance_m=this_km * 1000, duration_s=3600)]
    if previous_km:
        runs.append(Run(date=D("2026-11-03"), distance_m=previous_km * 1000, duration_s=3600))
    return review_from_runs(runs, D("2026-11-09"), Settings(), [], TODAY).figures


@pytest.mark.parametrize(
    ("previous_km", "this_km", "flagged"),
    [(10, 10.9, False), (10, 11.0, False), (10, 11.1, True), (10, 5, False), (None, 30, False)],
)
def test_a_jump_of_more_than_ten_percent_is_flagged(previous_km, this_km, flagged):
    figures = _two_weeks(previous_km, this_km)
    assert figures.big_jump is flagged


def test_no_previous_week_has_no_change_to_show():
    figures = _two_weeks(None, 30)
    assert figures.distance_change is None and figures.previous_distance_m == 0


def _knee_pattern(first: dt.date, count: int = 4) -> list[Run]:
    """8 km runs three days apart, left knee pain from 5 km, gone by morning."""
    return [
        Run(
            date=first + dt.timedelta(days=3 * i),
            distance_m=8000,
            duration_s=2700,
            pains=[_pain(5, onset_m=5000, next_morning=NextMorning.GONE)],
        )
        for i in range(count)
    ]


def test_findings_cover_the_twelve_weeks_up_to_the_weeks_end():
    runs = _knee_pattern(D("2026-08-24"), count=3)  # 24th, 27th, 30th of August
    # The week of 2026-11-09 ends on the 15th; its 12 weeks start on 2026-08-24.
    inside = review_from_runs(runs, D("2026-11-09"), Settings(), [], TODAY)
    assert [f.pattern.value for f in inside.report.findings] == ["runners_knee"]
    # A week later the window starts on 2026-08-31, after every episode.
    later = review_from_runs(runs, D("2026-11-16"), Settings(), [], TODAY)
    assert later.report.findings == ()


def test_evidence_days_are_marked_in_the_week():
    runs = _knee_pattern(D("2026-11-09"))  # 9th, 12th, 15th, 18th
    review = review_from_runs(runs, D("2026-11-09"), Settings(), [], TODAY)
    assert [day.date.day for day in review.days if day.evidence] == [9, 12, 15]


def test_days_after_today_are_future():
    review = review_from_runs([], D("2026-11-23"), Settings(), [], TODAY)
    assert [day.future for day in review.days] == [False, False, True, True, True, True, True]


def test_a_week_under_way_is_compared_with_the_same_days_of_the_week_before():
    # Today is Tuesday 24 November: Mon-Tue of this week against Mon-Tue of last week.
    runs = [
        Run(date=D("2026-11-23"), distance_m=8000, duration_s=2400),
        Run(date=D("2026-11-16"), distance_m=8000, duration_s=2400),
        Run(date=D("2026-11-20"), distance_m=20000, duration_s=6000),
    ]
    figures = review_from_runs(runs, D("2026-11-23"), Settings(), [], D("2026-11-24")).figures
    assert figures.so_far
    assert figures.previous_distance_m == 8000 and figures.distance_change == 0
    # A finished week compares whole weeks.
    whole = review_from_runs(runs, D("2026-11-16"), Settings(), [], D("2026-11-24")).figures
    assert not whole.so_far


def test_a_future_week_shows_no_change():
    runs = [Run(date=D("2026-11-23"), distance_m=8000, duration_s=2400)]
    figures = review_from_runs(runs, D("2026-11-30"), Settings(), [], D("2026-11-24")).figures
    assert figures.distance_change is None
