"""Keys typed right after the key that opens a screen: none is lost and none
lands in the wrong field (``pilot.press`` sends them with no pause between)."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import PainSite, Side
from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.knee_picker import KneePicker

from .helpers import SIZE, TODAY, all_runs, make_app, settle
from .test_fast_typing import burst


async def test_typing_right_after_n_lands_in_the_date(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", *"mon")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#date").value == "mon"


async def test_a_burst_right_after_n_lands_in_the_date(factory, gear):
    """As a terminal delivers them: every key queued before any is handled."""
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["n", *"tue"])
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#date").value == "tue"


async def test_a_burst_right_after_ctrl_n_goes_to_the_new_pain(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["n", "enter", "enter", *"10", "enter", *"50", "ctrl+n", "down", "enter", "5", "enter", "enter", "7"])
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RunForm)
        assert form.query_one("#notes").value == "", "a key meant for the pain landed in Notes"
        assert form.query_one(".intensity").value == "7"
        assert form.query_one(KneePicker).value == (PainSite.BELOW_KNEECAP, Side.RIGHT)


async def test_typing_right_after_n_at_start_lands_in_the_date(factory, gear):
    """``n`` pressed before the run list has loaded (the form waits for its gear)."""
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"mon")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#date").value == "mon"


async def test_typing_right_after_ctrl_n_goes_to_the_new_pain(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "ctrl+a", "ctrl+k", *"yesterday", "enter", "enter", *"10", "enter", *"50")
        await pilot.press("ctrl+n", "down", "enter", "5", "enter", "enter", "7")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#notes").value == "", "a key meant for the pain landed in Notes"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert run.date == TODAY - dt.timedelta(days=1)
    assert [(p.site, p.side, p.onset_m, p.intensity) for p in run.pains] == [
        (PainSite.BELOW_KNEECAP, Side.RIGHT, pytest.approx(5000), 7)
    ]


async def test_ctrl_n_focuses_the_new_knee_picker_before_the_next_key(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "right")
        await settle(pilot)
        pickers = list(app.screen.query(KneePicker))
        assert len(pickers) == 2
        assert app.screen.focused is pickers[1]
