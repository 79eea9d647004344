"""The run form's live notes: pace, warnings for slips, conflicting onsets."""

from __future__ import annotations

import datetime as dt

from runlog.domain import PainSite, Side, Units
from runlog.tui.form_input import PainFields, RunFields, read_run
from runlog.tui.form_notes import form_notes

from .helpers import SIZE, TODAY, all_runs, make_app, notes, settle, type_into, type_keys


def _fields(**changes) -> RunFields:
    base = dict(date="2026-11-23", distance="10", duration="50")
    base.update(changes)
    return RunFields(**base)


def test_the_pace_shows_in_the_forms_unit():
    assert form_notes(_fields(), Units.KM) == {"duration": "pace 5:00 /km"}
    assert form_notes(_fields(distance="6.2137"), Units.MI)["duration"].startswith("pace 8:0")


def test_implausible_entries_are_warned_about_and_still_read():
    fields = _fields(duration="0:00:30")
    assert form_notes(fields, Units.KM)["duration"].startswith("⚠ pace 0:03 /km: faster than 2:30 /km")
    far = _fields(distance="999", duration="150:00:00")
    assert form_notes(far, Units.KM)["distance"] == "⚠ 999 km in one run: check it"
    for typed in (fields, far):
        run, errors = read_run(typed, Units.KM, TODAY)
        assert errors == {} and run is not None, "a warning never refuses"


def test_the_form_refuses_what_the_csv_refuses_1000_km_or_10_days():
    for typed, field, reason in (
        (_fields(distance="1000", duration="150:00:00"), "distance", "distance must be under 1,000 km (621 mi)"),
        (_fields(distance="10", duration="240:00:00"), "duration", "duration must be under 10 days"),
    ):
        run, errors = read_run(typed, Units.KM, TODAY)
        assert run is None and errors == {field: reason}


def test_an_onset_whose_distance_and_time_disagree_says_which_is_used():
    pain = PainFields(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, onset_distance="9.9", onset_time="30", intensity="5")
    notes = form_notes(_fields(pains=[pain]), Units.KM)
    assert notes["pain0.onset-time"] == "⚠ at the run's pace that distance is about 49:30: the distance is the one used"
    pain.onset_time = "48"
    assert "pain0.onset-time" not in form_notes(_fields(pains=[pain]), Units.KM)


async def test_the_form_shows_the_pace_as_it_is_typed(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        type_into(app.screen, "#distance", "10k")
        type_into(app.screen, "#duration", "50")
        await settle(pilot)
        assert notes(app.screen)["duration"] == "pace 5:00 /km"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert run.distance_m == 10_000


def test_a_distance_typed_in_the_other_unit_shows_its_conversion():
    assert form_notes(_fields(distance="5 mi"), Units.KM)["distance"] == "5 mi = 8.05 km"
    assert form_notes(_fields(distance="10k"), Units.MI)["distance"] == "10 km = 6.21 mi"
    assert "distance" not in form_notes(_fields(distance="8km"), Units.KM)
    pain = PainFields(site=PainSite.KNEECAP, side=Side.LEFT, onset_distance="2mi", intensity="3")
    assert form_notes(_fields(pains=[pain]), Units.KM)["pain0.onset"] == "2 mi = 3.22 km"


async def test_words_for_dates_and_durations_save_and_the_converted_distance_shows(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_keys(pilot, "ctrl+a", "ctrl+k", *"2 days ago", "enter", "enter", *"5 mi", "enter", *"1h05")
        await settle(pilot)
        assert notes(app.screen)["distance"] == "5 mi = 8.05 km"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert (run.date, round(run.distance_m), run.duration_s) == (TODAY - dt.timedelta(days=2), 8047, 3900)


async def test_one_refused_field_needs_a_look_in_the_singular(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_keys(pilot, "enter", "enter", *"8", "enter", *"4O")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = [notice.message for notice in app._notifications]
    assert "Not saved: 1 field marked ✗ needs a look." in said
    assert all_runs(factory) == []
