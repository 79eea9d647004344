"""The check-in never takes keys typed for something else, and its last
answer can be taken back from its "done" step."""

from __future__ import annotations

import threading

import pytest

from runlog.domain import NextMorning
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.widgets.run_list import RunList

from .helpers import SIZE, all_runs, make_app, screen_text, settle
from .test_checkin import _painful_runs
from .test_fast_typing import burst
from .typist import type_keys


def _mornings(factory) -> list[NextMorning | None]:
    return [run.pains[0].next_morning for run in all_runs(factory)]


@pytest.fixture
def slow_notices(monkeypatch):
    """The notices (and the check-in) come late, as on a cold start, where
    they arrive about 2 s after the list: until the test sets the event."""
    from runlog.store import runs

    arrived = threading.Event()
    asked = runs.mornings_to_ask

    def late(*args, **kwargs):
        arrived.wait(timeout=30)
        return asked(*args, **kwargs)

    monkeypatch.setattr(runs, "mornings_to_ask", late)
    yield arrived
    arrived.set()


async def test_n_as_soon_as_the_list_shows_gets_the_form_and_the_check_in_waits(factory, gear, slow_notices):
    _painful_runs(factory, [2])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        while not app.screen.query(RunList) or not app.screen.query_one(RunList).row_count:
            await pilot.pause()
        await type_keys(app, ["n", *"sat"])
        slow_notices.set()
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RunForm), "the check-in opened over the form"
        assert form.query_one("#date").value == "sat"
        assert _mornings(factory) == [None], "a key typed for the form answered the check-in"

        await type_keys(app, ["escape", "y"])
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "the check-in opened by itself when the runner came back"
        assert "1 pain entry awaits the next-morning check-in: press m" in screen_text(app)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
    assert _mornings(factory) == [None]


async def test_a_key_typed_while_the_check_in_opens_goes_to_the_run_list(factory, gear):
    """The runner pressed s for the settings just as the check-in came up."""
    _painful_runs(factory, [2])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        [(run, pain)] = [(run, run.pains[0]) for run in main.query_one(RunList).runs.values()]
        app.push_screen(CheckinScreen(app.store, [(run, pain)], app.settings.units, automatic=True), main._checked_in)
        burst(app, ["s"])
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen), "s went to the check-in instead of the run list"
    assert _mornings(factory) == [None]


async def test_a_key_typed_before_the_notices_load_keeps_the_check_in_closed(factory, gear):
    _painful_runs(factory, [2])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "press m" in screen_text(app)


async def test_the_check_in_still_opens_by_itself_on_an_idle_start(factory):
    _painful_runs(factory, [2])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)


async def test_u_on_the_done_step_takes_back_the_last_answer(factory):
    _painful_runs(factory, [2, 1])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_keys(app, ["m", "g", "w"])
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen), "the dialog closed after the last answer"
        assert "2 mornings answered" in screen_text(app)
        assert _mornings(factory) == [NextMorning.WORSE, NextMorning.GONE]

        await pilot.press("u")
        await settle(pilot)
        assert _mornings(factory) == [None, NextMorning.GONE], "u on the done step undoes the last answer"
        assert "2 of 2" in screen_text(app), "and asks it again"

        await type_keys(app, ["b", "enter"])
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert _mornings(factory) == [NextMorning.BETTER, NextMorning.GONE]


async def test_keys_on_the_done_step_answer_nothing(factory):
    _painful_runs(factory, [1])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_keys(app, ["m", "g", "s", "w", "b"])
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen) and "1 morning answered" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    assert _mornings(factory) == [NextMorning.GONE]
