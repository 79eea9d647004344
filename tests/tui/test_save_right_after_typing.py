"""ctrl+s pressed right after the last key saves what is typed at that moment."""

from __future__ import annotations

import pytest

from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, all_runs, make_app, settle
from .test_fast_typing import burst
from .typist import type_keys

#: Date (today), no start time, 10.2 km, then the duration typed last.
KEYS = ["enter", "enter", *"10.2", "enter", *"45:30"]


@pytest.mark.parametrize("attempt", range(5))
async def test_ctrl_s_50_ms_after_the_last_key_saves_what_was_typed(factory, gear, attempt):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_keys(app, [*KEYS, "ctrl+s"], gap=0.05)
        await settle(pilot)
        assert not isinstance(app.screen, RunForm), "the save was refused"
        assert not [n for n in app._notifications if "Not saved" in str(n.message)]
    assert [(run.distance_m, run.duration_s) for run in all_runs(factory)] == [(pytest.approx(10200), 45 * 60 + 30)]


async def test_ctrl_s_in_the_same_burst_as_the_last_keys_saves_what_was_typed(factory, gear):
    """The worst case: every key queued before the first is handled."""
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        burst(app, [*KEYS, "ctrl+s"])
        await settle(pilot)
        assert not isinstance(app.screen, RunForm), "the save was refused"
    assert [(run.distance_m, run.duration_s) for run in all_runs(factory)] == [(pytest.approx(10200), 45 * 60 + 30)]
