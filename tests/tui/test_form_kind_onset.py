"""The run form's activity kind (the last used by default) and a pain onset
the runner is not sure of (?), by keyboard."""

from __future__ import annotations

from runlog.domain.activity import ActivityKind
from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.choice import Choice

from .helpers import SIZE, all_runs, make_app, notes, settle


async def test_a_treadmill_run_by_keyboard_and_the_next_form_starts_on_treadmill(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#kind", Choice).value is ActivityKind.RUN
        # date today, no start time, 6 km, 35 min, shoe and orthotic as offered, no effort, kind: t t
        await pilot.press("enter", "enter", "6", "enter", *"35", "enter", "enter", "enter", "enter", "t", "t")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [run.kind for run in all_runs(factory)] == [ActivityKind.TREADMILL]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#kind", Choice).value is ActivityKind.TREADMILL


async def test_editing_a_run_changes_its_kind(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#kind", Choice).focus()
        await pilot.press("w", "ctrl+s")
        await settle(pilot)
    (run,) = all_runs(factory)
    assert run.kind is ActivityKind.WALK
    assert len(run.pains) == 1


async def test_a_pain_onset_typed_as_question_mark_is_saved_as_not_sure(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter", "enter", "8", "enter", *"45", "enter")
        await pilot.press("ctrl+n")
        await settle(pilot)
        # right kneecap (where the picker starts), onset not sure, intensity 4
        await pilot.press("enter", "?", "enter", "enter", "4")
        await settle(pilot)
        assert notes(app.screen)["pain1.onset"].startswith("saved without an onset: patterns need onsets")
        await pilot.press("ctrl+s")
        await settle(pilot)
    (run,) = all_runs(factory)
    assert [(p.onset_m, p.onset_s, p.intensity) for p in run.pains] == [(None, None, 4)]
