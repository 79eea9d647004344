"""Leaving the run form: ctrl+q and esc both ask when something was typed,
and leave at once when nothing was."""

from __future__ import annotations

import pytest

from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, all_runs, make_app, settle


@pytest.mark.parametrize("key", ["ctrl+q", "escape"])
async def test_leaving_with_typed_input_asks_first(factory, gear, key):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter", "enter", *"10.2")
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen), f"{key} left the form without asking"
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RunForm), "no keeps the form"
        assert app.screen.query_one("#distance").value == "10.2", "what was typed is still there"
        assert app.is_running
        await pilot.press(key, "y")
        await settle(pilot)
        if key == "ctrl+q":
            assert not app.is_running, "yes to ctrl+q quits"
        else:
            assert not isinstance(app.screen, (RunForm, ConfirmScreen))
    assert all_runs(factory) == []


async def test_ctrl_q_with_nothing_typed_quits_at_once(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_escape_with_nothing_typed_leaves_at_once(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (RunForm, ConfirmScreen))
        assert app.is_running
