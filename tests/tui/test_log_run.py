"""Logging a run by keyboard only, with two pain entries."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import PainSite, Side

from .helpers import SIZE, TODAY, all_runs, make_app, settle


async def test_log_run_with_two_pains_by_keyboard(factory, gear):
    neutral, stability, orthotic = gear
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        # date: "yesterday"; start time 07:15; 10.5 km; 58:30; shoe: next one; orthotic: none; effort 6; kind: run
        await pilot.press("ctrl+a", "ctrl+k", *"yesterday", "enter")
        await pilot.press(*"07:15", "enter", *"10.5", "enter", *"58:30", "enter")
        await pilot.press("right", "enter", "enter", "6", "enter", "enter", *"tired legs", "enter")
        # first pain: left below kneecap, at 5 km, 6/10, did not stop
        await pilot.press("ctrl+n")
        await settle(pilot)
        # the cursor starts on the right kneecap; the left knee is to the viewer's right
        await pilot.press("right", "right", "right", "down", "enter")
        await pilot.press(*"5", "enter", "enter", "6", "enter", "enter")
        # second pain: right outer knee, at 30 min, 3/10, stopped early
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("left", "enter", "enter", *"30", "enter", "3", "enter", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
    runs = all_runs(factory)
    assert len(runs) == 1
    run = runs[0]
    assert run.date == TODAY - dt.timedelta(days=1)
    assert run.start_time == dt.time(7, 15)
    assert run.distance_m == pytest.approx(10500)
    assert run.duration_s == 58 * 60 + 30
    assert run.effort == 6
    assert run.notes == "tired legs"
    assert [(p.site, p.side, p.onset_m, p.onset_s, p.intensity, p.stopped_early) for p in run.pains] == [
        (PainSite.BELOW_KNEECAP, Side.LEFT, 5000.0, None, 6, False),
        (PainSite.OUTER_KNEE, Side.RIGHT, None, 1800.0, 3, True),
    ]


async def test_knee_picker_by_mouse_front_view(factory, gear):
    """In the front view the runner's left knee is on the viewer's right, and
    its outer side is the far right of the drawing."""
    from runlog.tui.widgets.knee_picker import _SPOTS, KneePicker

    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        picker = app.screen.query_one(KneePicker)
        inset = picker.content_region.offset - picker.region.offset
        spots = [s for s in _SPOTS if s.site.is_knee and s.line == 5]
        assert [(s.side.value, s.site.value) for s in sorted(spots, key=lambda s: s.x)] == [
            ("right", "outer_knee"), ("right", "kneecap"), ("right", "inner_knee"),
            ("left", "inner_knee"), ("left", "kneecap"), ("left", "outer_knee"),
        ]
        far_right = max(spots, key=lambda s: s.x)
        await pilot.click(picker, offset=(inset.x + far_right.x + 2, inset.y + far_right.line))
        assert picker.value == (PainSite.OUTER_KNEE, Side.LEFT)
        assert "picked: left outer knee" in str(picker.render())


async def test_a_run_with_one_pain_by_hand_takes_26_keys(factory, gear):
    """The count the notes give: yesterday's 10.5 km in 58:30 with the last
    shoe and orthotic, left below-kneecap pain from 5 km, 6/10."""
    from .helpers import type_keys

    keys = ["n", "y", "enter", "enter", *"10.5", "enter", *"58:30", "enter", "ctrl+n",
            "right", "right", "right", "down", "enter", "5", "enter", "enter", "6", "ctrl+s"]
    assert len(keys) == 26
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_keys(pilot, *keys)
        await settle(pilot)
    [run] = all_runs(factory)
    assert (run.date, run.distance_m, run.duration_s) == (TODAY - dt.timedelta(days=1), pytest.approx(10500), 3510)
    assert [(p.site, p.side, p.onset_m, p.intensity) for p in run.pains] == [
        (PainSite.BELOW_KNEECAP, Side.LEFT, 5000.0, 6)
    ]
