"""A tired runner types fast: keys sent right after enter land in the next field."""

from __future__ import annotations

import pytest
from textual import events

from runlog.domain import PainSite, Side

from .helpers import SIZE, all_runs, make_app, settle


def burst(app, keys: list[str]) -> None:
    """Queue keys as a terminal delivers a burst: all at once, no waiting
    between them (Pilot.press waits for each key to be handled)."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_burst_of_keys_fills_each_field_in_turn(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        # date (today), no start time, 10.2 km, 55:10, default shoe and orthotic, effort 6
        burst(app, ["enter", "enter", *"10.2", "enter", *"55:10", "enter", "enter", "enter", "6", "enter"])
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        # left below kneecap, onset 5.1 km, no onset time, intensity 7
        burst(app, ["right", "right", "right", "down", "enter", *"5.1", "enter", "enter", "7", "enter"])
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    runs = all_runs(factory)
    assert len(runs) == 1, "the form did not save: a key went to the wrong field"
    run = runs[0]
    assert (run.distance_m, run.duration_s, run.effort) == (pytest.approx(10200), 55 * 60 + 10, 6)
    assert [(p.site, p.side, p.onset_m, p.onset_s, p.intensity) for p in run.pains] == [
        (PainSite.BELOW_KNEECAP, Side.LEFT, pytest.approx(5100), None, 7)
    ]


async def test_a_burst_with_tab_fills_each_field_in_turn(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        burst(app, ["tab", "tab", *"7.8", "tab", *"40", "tab", "tab", "tab", "5"])
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    runs = all_runs(factory)
    assert [(run.distance_m, run.duration_s, run.effort) for run in runs] == [(pytest.approx(7800), 40 * 60, 5)]
