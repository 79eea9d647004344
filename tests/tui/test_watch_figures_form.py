"""The run form shows what the watch knew about the run, and saving an edit keeps it."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Pain, PainSite, Run, Side
from runlog.store.runs import add_run
from runlog.tui.screens.run_form import RunForm
from runlog.tui.watch_figures import watch_line

from .helpers import SIZE, TODAY, all_runs, make_app, settle, type_into


def test_a_run_typed_by_hand_has_no_watch_line():
    assert watch_line(Run(date=TODAY, distance_m=5000, duration_s=1500)) == ""


async def test_the_form_shows_cadence_climb_and_the_km_before_the_onset_and_an_edit_keeps_them(factory):
    with factory.write() as session:
        add_run(session, Run(
            date=TODAY - dt.timedelta(days=1), distance_m=8000, duration_s=2700, source="file:abc",
            cadence_spm=167.3, ascent_m=64.0, descent_m=61.0, before_onset_descent_m=40.2, before_onset_cadence_spm=172.0,
            pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)],
        ))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        shown = str(app.screen.query_one("#watch-figures").render())
        assert shown == ("Watch: 167 steps/min · 64 m up · 61 m down · "
                         "km before the pain began: 40 m down, 172 steps/min")
        type_into(app.screen, "#distance", "8.1")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert run.distance_m == 8100
    assert (run.cadence_spm, run.ascent_m, run.descent_m) == (167.3, 64.0, 61.0)
    assert (run.before_onset_descent_m, run.before_onset_cadence_spm) == (40.2, 172.0)
