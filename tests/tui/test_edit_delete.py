"""Editing, deleting (after a confirmation) and undoing a delete."""

from __future__ import annotations

from runlog.domain import NextMorning, Settings, Units
from runlog.store.runs import record_next_morning
from runlog.store.settings import save_settings
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.run_form import RunForm
from runlog.wording import pain_summary

from .helpers import SIZE, all_runs, make_app, settle, type_into


async def test_edit_changes_the_run_and_keeps_its_pain(factory, one_painful_run):
    with factory.write() as session:
        record_next_morning(session, one_painful_run.pains[0].id, NextMorning.GONE)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        type_into(app.screen, "#distance", "9")
        type_into(app.screen, ".intensity", "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "9.00" in str(app.screen.query_one("#runs").get_row_at(0)[1])
    [run] = all_runs(factory)
    assert run.id == one_painful_run.id
    assert run.distance_m == 9000
    [pain] = run.pains
    assert pain.id == one_painful_run.pains[0].id
    assert pain.intensity == 4
    assert pain.next_morning is NextMorning.GONE, "editing keeps the morning status"


async def test_saving_unchanged_in_miles_keeps_exact_metres(factory, one_painful_run):
    with factory.write() as session:
        save_settings(session, Settings(units=Units.MI))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert run.distance_m == 8000 and run.pains[0].onset_m == 5000


async def test_delete_asks_first_and_undo_brings_it_back(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(all_runs(factory)) == 1, "no means no"

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all_runs(factory) == []
        assert app.screen.query_one("#runs").row_count == 0

        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one("#runs").row_count == 1
    [run] = all_runs(factory)
    assert run.id == one_painful_run.id
    assert [pain_summary(p, Units.KM) for p in run.pains] == ["L below kneecap 6/10 @5.0 km"]


async def test_escape_asks_before_throwing_away_typed_changes(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        type_into(app.screen, "#distance", "12")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, RunForm), "no keeps the form with what was typed"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, (RunForm, ConfirmScreen))
    [run] = all_runs(factory)
    assert run.distance_m == 8000
