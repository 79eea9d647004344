"""The next-morning check-in: one key per answer, skippable, written at once."""

from __future__ import annotations

import datetime as dt

from runlog.domain import NextMorning, Pain, PainSite, Run, Side
from runlog.store.runs import add_run
from runlog.tui.screens.checkin import CheckinScreen

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


async def test_checkin_records_each_answer_and_skips(factory):
    # Newest first: 2, 3, 4, 5 and 6 days ago; today's run has no morning yet.
    _painful_runs(factory, [6, 5, 4, 3, 2, 0])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen), "the check-in opens by itself on start"
        assert "1 of 5" in screen_text(app)
        assert "L below kneecap 6/10 @5.0 km" in screen_text(app)
        await pilot.press("g", "b", "s", "w")
        await pilot.press("space")
        await settle(pilot)
        assert "4 mornings answered" in screen_text(app), "the dialog stays on its done step"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinScreen)
        assert "1 pain entry awaits the next-morning check-in" in screen_text(app)

        await pilot.press("m")
        await settle(pilot)
        assert "1 of 1" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    statuses = [run.pains[0].next_morning for run in all_runs(factory)]
    assert statuses == [None, NextMorning.WORSE, NextMorning.SAME, NextMorning.BETTER, NextMorning.GONE, None]


async def test_nothing_to_check_in(factory):
    _painful_runs(factory, [0])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, CheckinScreen)
        await pilot.press("m")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinScreen)
        assert any("Nothing to check in" in str(n.message) for n in app._notifications)


async def test_only_the_last_seven_days_are_asked_newest_first(factory):
    # An imported history: blank mornings from months ago are not asked.
    _painful_runs(factory, [200, 120, 30, 8, 7, 1])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert "1 of 2" in screen_text(app)
        assert (TODAY - dt.timedelta(days=1)).isoformat() in screen_text(app)
        await pilot.press("space")
        assert (TODAY - dt.timedelta(days=7)).isoformat() in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "2 pain entries await" in screen_text(app)


async def test_a_skips_all_and_n_logs_a_run_from_the_checkin(factory, gear):
    from runlog.tui.screens.run_form import RunForm

    _painful_runs(factory, [3, 2, 1])
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "a")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinScreen), "a skips the rest"
        await pilot.press("m")
        await settle(pilot)
        assert "1 of 2" in screen_text(app)
        await pilot.press("n", *"mon")
        await settle(pilot)
        assert isinstance(app.screen, RunForm), "n opens the run form from the check-in"
        assert app.screen.query_one("#date").value == "mon"
    statuses = [run.pains[0].next_morning for run in all_runs(factory)]
    assert statuses == [None, None, NextMorning.GONE]
