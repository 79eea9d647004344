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
        assert "9.00" in str(app.screen.query_one("#runs").get_row_at(1)[1])
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
        assert app.screen.query_one("#runs").run_count == 0

        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one("#runs").run_count == 1
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


async def test_undo_after_a_new_run_took_the_next_id_brings_back_run_and_pains(factory, one_painful_run):
    """Delete, log a new run, u: both runs are there, the restored one with its
    id, its pain (and that pain's id). Before ids were never reused the new
    run took the deleted id and the undo lost the run for good."""
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all_runs(factory) == []
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter", "enter", *"3", "enter", *"20:00", "ctrl+s")
        await settle(pilot)
        assert len(all_runs(factory)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one("#runs").run_count == 2
    runs = {run.id: run for run in all_runs(factory)}
    assert len(runs) == 2
    restored = runs[one_painful_run.id]
    assert [p.id for p in restored.pains] == [p.id for p in one_painful_run.pains]
    assert [pain_summary(p, Units.KM) for p in restored.pains] == ["L below kneecap 6/10 @5.0 km"]


async def test_several_deletes_are_undone_in_turn(factory, gear):
    import datetime as dt

    from runlog.domain import Pain, PainSite, Run, Side
    from runlog.store.runs import add_run

    with factory.write() as session:
        made = [
            add_run(session, Run(date=dt.date(2026, 11, day), distance_m=5000 + day, duration_s=1500,
                                 pains=[Pain(site=PainSite.KNEECAP, side=Side.RIGHT, intensity=day % 10, onset_m=100)]))
            for day in (20, 21, 22)
        ]
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
        assert all_runs(factory) == []
        for left in (1, 2, 3):
            await pilot.press("u")
            await settle(pilot)
            assert len(all_runs(factory)) == left
        await pilot.press("u")
        await settle(pilot)
    assert sorted((r.id, len(r.pains)) for r in all_runs(factory)) == sorted((r.id, 1) for r in made)
