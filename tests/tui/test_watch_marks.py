"""A lap pressed on the watch becomes a pain onset in the run form, only when the runner accepts it."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import ActivityKind, Mark, PainSite, Run, Side
from runlog.store.runs import add_run
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, TODAY, all_runs, make_app, screen_text, settle


@pytest.fixture
def watch_run(factory):
    """Yesterday's imported 8.5 km run with two lap presses."""
    with factory.write() as session:
        return add_run(session, Run(
            date=TODAY - dt.timedelta(days=1), start_time=dt.time(7, 0), distance_m=8500, duration_s=3000,
            kind=ActivityKind.RUN, source="file:abc", elapsed_s=3010,
            marks=[Mark(5020.0, 1690.0, "lap"), Mark(7000.0, 2400.0, "lap")],
        ))


async def test_lap_press_offered_and_taken_as_onset_in_two_keys(factory, watch_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert "lap pressed at 5.02 km, 28:10 in: use as onset? ctrl+o" in screen_text(app)
        await pilot.press("ctrl+o")  # adds the pain entry with the onset from the lap
        await settle(pilot)
        assert app.screen.query_one(".onset-distance").value == "5.02"
        assert app.screen.query_one(".onset-time").value == "28:10"
        # where and how bad are still the runner's to say: left below kneecap (the picker has focus), 5/10
        await pilot.press("right", "right", "right", "down", "enter")
        app.screen.query_one(".intensity").value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    [pain] = run.pains
    assert (pain.site, pain.side, pain.intensity) == (PainSite.BELOW_KNEECAP, Side.LEFT, 5)
    assert pain.onset_m == pytest.approx(5020.0) and pain.onset_s == 1690.0
    assert len(run.marks) == 2 and run.source == "file:abc", "editing keeps what the watch recorded"


async def test_nothing_is_applied_without_the_key_and_ctrl_l_offers_the_next(factory, watch_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.query_one(".onset-distance").value == ""  # offered, not applied
        await pilot.press("ctrl+l")
        assert "lap pressed at 7.00 km, 40:00 in: use as onset?" in screen_text(app)
        await pilot.press("ctrl+o")
        assert app.screen.query_one(".onset-distance").value == "7.00"


async def test_a_run_without_marks_offers_nothing(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "use as onset" not in screen_text(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert len(app.screen.query(".onset-distance")) == 1  # no entry added


async def test_a_watch_run_with_a_pain_at_the_site_logged_last_takes_five_keys(factory, watch_run):
    """p, enter (the picker starts on the site logged last), ctrl+o (the lap
    press as onset; on to the intensity), 6, ctrl+s."""
    from runlog.domain import Pain

    with factory.write() as session:
        add_run(session, Run(date=TODAY - dt.timedelta(days=3), distance_m=8000, duration_s=2900,
                             pains=[Pain(PainSite.BELOW_KNEECAP, Side.LEFT, 4, onset_m=5000)]))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.watch_newest = watch_run.id
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter", "ctrl+o", "6", "ctrl+s")
        await settle(pilot)
    [saved] = [run for run in all_runs(factory) if run.id == watch_run.id]
    assert [(p.site, p.side, p.onset_m, p.onset_s, p.intensity) for p in saved.pains] == [
        (PainSite.BELOW_KNEECAP, Side.LEFT, pytest.approx(5020.0), 1690.0, 6)
    ]
