"""Correcting a next-morning answer: undo in the check-in, a field in the run
form, and the answer shown in the run list."""

from __future__ import annotations

import datetime as dt

from runlog.domain import NextMorning, Pain, PainSite, Run, Side
from runlog.store.runs import add_run
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, TODAY, all_runs, make_app, screen_text, settle


def _painful_runs(factory, days_ago: list[int]) -> None:
    with factory.write() as session:
        for n, ago in enumerate(days_ago):
            add_run(
                session,
                Run(
                    date=TODAY - dt.timedelta(days=ago),
                    distance_m=8000 + n * 100,
                    duration_s=2700,
                    pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=n + 2, onset_m=5000)],
                ),
            )


def _mornings(factory) -> dict[dt.date, NextMorning | None]:
    return {run.date: run.pains[0].next_morning for run in all_runs(factory)}


def _pain_column(app) -> str:
    from runlog.tui.widgets.run_list import RunList

    return " ".join(str(cell) for cell in app.screen.query_one(RunList).get_column("pain"))


async def test_u_takes_back_the_last_answer_and_asks_again(factory):
    _painful_runs(factory, [3, 2, 1])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        # newest first: yesterday, then 2 days ago
        await pilot.press("g", "w")
        await settle(pilot)
        assert "3 of 3" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert "2 of 3" in screen_text(app), "undo asks the taken-back question again"
        await pilot.press("b", "escape")
        await settle(pilot)
    assert _mornings(factory) == {
        TODAY - dt.timedelta(days=1): NextMorning.GONE,
        TODAY - dt.timedelta(days=2): NextMorning.BETTER,
        TODAY - dt.timedelta(days=3): None,
    }


async def test_the_run_form_corrects_a_morning_and_the_list_shows_it(factory):
    _painful_runs(factory, [1])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "s", "enter")  # answer, then close the "done" step
        await settle(pilot)
        assert "same" in _pain_column(app), "the run list shows the morning"
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RunForm)
        form.query_one(".next-morning").focus()
        await pilot.pause()
        await pilot.press("right", "ctrl+s")  # same -> worse
        await settle(pilot)
        assert "worse" in _pain_column(app)
    [run] = all_runs(factory)
    assert run.pains[0].next_morning is NextMorning.WORSE
