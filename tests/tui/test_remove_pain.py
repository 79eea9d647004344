"""ctrl+r removes the pain entry being edited, whichever way the form opened."""

from __future__ import annotations

import pytest

from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.knee_picker import KneePicker
from runlog.tui.widgets.pain_entry import PainEntry

from .helpers import SIZE, all_runs, make_app, settle
from .test_watch_folder import utc, watch  # noqa: F401 - fixtures
from .typist import type_keys


async def test_ctrl_r_on_a_new_pain_of_a_new_run_removes_it_and_the_run_saves_pain_free(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_keys(app, ["n", "enter", "enter", *"8", "enter", *"40", "ctrl+n", "ctrl+r"])
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RunForm), "the app stopped or the form closed"
        assert not form.query(PainEntry)
        assert form.focused is form.query_one("#notes"), "the cursor stays in the form, where the pains were"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert (run.distance_m, run.pains) == (pytest.approx(8000), [])


async def test_ctrl_r_on_a_logged_pain_deletes_it_when_saved_and_renumbers_the_rest(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        # A second pain (right kneecap), then back to the first and remove it.
        # (A new pain's picker starts on the last logged site: put it on the right kneecap.)
        await type_keys(app, ["ctrl+n"])
        await settle(pilot)
        form = app.screen
        new_picker = form.query(PainEntry).last().query_one(KneePicker)
        new_picker.cursor = next(i for i, spot in enumerate(new_picker.spots)
                                 if (spot.site.value, spot.side.value) == ("kneecap", "right"))
        await type_keys(app, ["enter", *"6", "enter", "enter", "4"])
        await settle(pilot)
        form.set_focus(form.query(PainEntry).first().query_one(KneePicker))
        await pilot.press("ctrl+r")
        await settle(pilot)
        [entry] = form.query(PainEntry)
        assert entry.number == 1 and "Pain 1" in str(entry.query_one(".pain-title").render())
        assert form.focused is entry.query_one(KneePicker), "the cursor moves to the entry that took its place"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [run] = all_runs(factory)
    assert [(p.site.value, p.side.value, p.onset_m, p.intensity) for p in run.pains] == [
        ("kneecap", "right", pytest.approx(6000), 4)
    ]


async def test_ctrl_r_on_the_pain_p_opened_for_the_watch_run_leaves_it_pain_free(factory, watch):  # noqa: F811
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, RunForm) and app.screen.query(PainEntry)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RunForm) and not app.screen.query(PainEntry)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RunForm)
    assert [run.pains for run in all_runs(factory)] == [[], []]
