"""Reading the run form's text: what is accepted and the words for what is not."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import Pain, PainSite, Run, Side, Units
from runlog.tui.form_input import PainFields, RunFields, fields_from_run, read_run

from .helpers import TODAY


def _fields(**changes) -> RunFields:
    base = dict(date="2026-11-23", distance="8", duration="45:30")
    base.update(changes)
    return RunFields(**base)


def _pain(**changes) -> PainFields:
    base = dict(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, onset_distance="5", intensity="6")
    base.update(changes)
    return PainFields(**base)


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        (dict(date="2026-11-25"), "date", "date is in the future"),
        (dict(date="03/04/2026"), "date", "'03/04/2026' could be read two ways; use YYYY-MM-DD"),
        (dict(date="soon"), "date", "'soon' is not a date"),
        (dict(start_time="25:00"), "start", "start time is like 7, 715, 7:15am or 19:05"),
        (dict(start_time="13pm"), "start", "with am/pm the hour is 1 to 12"),
        (dict(date="0001-01-01"), "date", "date is before 1900-01-01"),
        (dict(distance="10 m"), "distance", "distance must be a positive number"),
        (dict(distance="-3"), "distance", "distance must be a positive number"),
        (dict(distance="eight"), "distance", "distance must be a positive number"),
        (dict(distance="nan"), "distance", "distance must be a positive number"),
        (dict(duration="0"), "duration", "duration must be more than zero"),
        (dict(duration="45 x"), "duration", "duration is like 45, 45:30, 1:02:03, 45 min, 1h05 or 45,5"),
        (dict(duration="1h 75"), "duration", "duration has more than 59 in a minutes or seconds place"),
        (dict(duration="5m 1h"), "duration", "duration is like 45, 45:30, 1:02:03, 45 min, 1h05 or 45,5"),
        (dict(date="last someday"), "date", "'last someday' is not a date"),
        (dict(date="99999 weeks ago"), "date", "date is before 1900-01-01"),
        (dict(effort="0"), "effort", "effort is 1 to 10"),
        (dict(pains=[_pain(site=None, side=None)]), "pain0.site", "pick where it hurt"),
        (dict(pains=[_pain(onset_distance="")]), "pain0.onset", "give the onset as a distance or a time into the run, or ? if not sure"),
        (dict(pains=[_pain(onset_distance="12")]), "pain0.onset", "onset 12 km is past the run's 8 km"),
        (dict(pains=[_pain(onset_time="50")]), "pain0.onset-time", "onset 50 min is past the run's 45.5 min"),
        (dict(pains=[_pain(intensity="11")]), "pain0.intensity", "intensity is 0 to 10"),
        (dict(pains=[_pain(intensity="")]), "pain0.intensity", "intensity is 0 to 10"),
    ],
)
def test_each_bad_field_is_named_in_plain_words(changes, key, message):
    run, errors = read_run(_fields(**changes), Units.KM, TODAY)
    assert run is None
    assert errors == {key: message}


def test_accepts_what_a_tired_runner_types():
    fields = _fields(date="yesterday", start_time="7:05", distance="8,5", duration="1:02:03", effort="7")
    fields.pains = [_pain(onset_distance="", onset_time="28:30", intensity="0")]
    run, errors = read_run(fields, Units.KM, TODAY)
    assert errors == {}
    assert (run.date, run.start_time, run.distance_m, run.duration_s, run.effort) == (
        TODAY - dt.timedelta(days=1), dt.time(7, 5), 8500, 3723, 7
    )
    assert (run.pains[0].onset_m, run.pains[0].onset_s, run.pains[0].intensity) == (None, 1710, 0)


def test_miles_are_stored_as_metres():
    run, _ = read_run(_fields(distance="5", pains=[_pain(onset_distance="3")]), Units.MI, TODAY)
    assert run.distance_m == pytest.approx(8046.72)
    assert run.pains[0].onset_m == pytest.approx(4828.032)


def test_unchanged_text_keeps_the_stored_values_exactly():
    stored = Run(
        id=3, date=TODAY, distance_m=10_001.3, duration_s=3000.4,
        pains=[Pain(id=9, site=PainSite.KNEECAP, side=Side.RIGHT, intensity=5, onset_m=4_999.9)],
    )
    run, errors = read_run(fields_from_run(stored, Units.MI), Units.MI, TODAY, stored)
    assert errors == {}
    assert (run.id, run.distance_m, run.duration_s, run.pains[0].id, run.pains[0].onset_m) == (
        3, 10_001.3, 3000.4, 9, 4_999.9
    )


@pytest.mark.parametrize(
    ("typed", "time"),
    [("7", dt.time(7, 0)), ("715", dt.time(7, 15)), ("7:15am", dt.time(7, 15)), ("7:15 pm", dt.time(19, 15)),
     ("12am", dt.time(0, 0)), ("19:05", dt.time(19, 5)), ("1905", dt.time(19, 5))],
)
def test_start_times_as_runners_type_them(typed, time):
    run, errors = read_run(_fields(start_time=typed), Units.KM, TODAY)
    assert errors == {}
    assert run.start_time == time


@pytest.mark.parametrize(
    ("typed", "units", "metres"),
    [("8.5km", Units.KM, 8500), ("10k", Units.KM, 10000), ("6mi", Units.KM, 6 * 1609.344),
     ("8.5 km", Units.MI, 8500), ("6", Units.MI, 6 * 1609.344), ("8,5", Units.KM, 8500)],
)
def test_distances_with_their_unit_are_converted(typed, units, metres):
    run, errors = read_run(_fields(distance=typed), units, TODAY)
    assert errors == {}
    assert run.distance_m == pytest.approx(metres)


def test_the_first_date_is_1900_01_01():
    run, errors = read_run(_fields(date="1900-01-01"), Units.KM, TODAY)
    assert errors == {} and run.date == dt.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("45 min", 2700), ("45min", 2700), ("45m", 2700), ("1h", 3600), ("1h05", 3900), ("1h 5m", 3900),
     ("1 h 05 min 30 s", 3930), ("45,5", 2730), ("45.5", 2730), ("1.5h", 5400), ("1H05", 3900)],
)
def test_durations_as_people_write_them(typed, seconds):
    run, errors = read_run(_fields(duration=typed), Units.KM, TODAY)
    assert errors == {}
    assert run.duration_s == seconds


@pytest.mark.parametrize(
    ("typed", "days_back"),
    # TODAY is a Tuesday: "last tue" is a week ago, "tue" today.
    [("last tue", 7), ("last mon", 1), ("last sunday", 2), ("tue", 0), ("2 days ago", 2), ("a week ago", 7),
     ("3d ago", 3), ("1 day ago", 1), ("Last Wed", 6)],
)
def test_dates_counted_back_from_today(typed, days_back):
    run, errors = read_run(_fields(date=typed), Units.KM, TODAY)
    assert errors == {}
    assert run.date == TODAY - dt.timedelta(days=days_back)


def test_an_onset_time_in_words_is_read_too():
    run, errors = read_run(_fields(pains=[_pain(onset_distance="", onset_time="28 min")]), Units.KM, TODAY)
    assert errors == {}
    assert run.pains[0].onset_s == 28 * 60


def test_editing_an_imported_run_keeps_the_watchs_cadence_ascent_and_descent():
    stored = Run(id=4, date=TODAY, distance_m=9008.2, duration_s=3000.0, source="file:abc",
                 cadence_spm=162.0, ascent_m=64.0, descent_m=61.0)
    fields = fields_from_run(stored, Units.KM)
    fields.notes = "hilly"
    run, errors = read_run(fields, Units.KM, TODAY, stored)
    assert errors == {}
    assert (run.notes, run.cadence_spm, run.ascent_m, run.descent_m) == ("hilly", 162.0, 64.0, 61.0)
