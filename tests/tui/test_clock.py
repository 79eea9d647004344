"""An app left open overnight follows the real date (an injected clock)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from runlog.tui.app import RunlogApp

from .helpers import SIZE, TODAY, all_runs, settle


class Clock:
    """A clock the test moves on; the app reads it whenever it needs the date."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


async def test_past_midnight_the_form_defaults_to_and_accepts_the_new_day(factory, gear):
    clock = Clock(TODAY)
    app = RunlogApp(factory, clock=clock, checkin_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.day = TODAY + dt.timedelta(days=1)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#date", Input).value == clock.day.isoformat()
        await pilot.press("enter", "enter", *"8", "enter", *"45:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [run.date for run in all_runs(factory)] == [TODAY + dt.timedelta(days=1)]


async def test_a_form_open_across_midnight_does_not_refuse_the_new_day(factory, gear):
    clock = Clock(TODAY)
    app = RunlogApp(factory, clock=clock, checkin_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        clock.day = TODAY + dt.timedelta(days=1)
        await pilot.press("ctrl+a", "ctrl+k", *clock.day.isoformat(), "enter", "enter", *"8", "enter", *"45:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [run.date for run in all_runs(factory)] == [TODAY + dt.timedelta(days=1)]


async def test_the_review_opens_at_the_week_of_the_date_now(factory, gear):
    clock = Clock(dt.date(2026, 11, 29))  # a Sunday
    app = RunlogApp(factory, clock=clock, checkin_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.day = dt.date(2026, 11, 30)  # past midnight: Monday, a new week
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.review.start == dt.date(2026, 11, 30)
