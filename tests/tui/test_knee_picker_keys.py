"""The knee picker at 80 and 120 columns: the same arrow keys land on the same
site, the status line names the site under the cursor, the cursor starts on
the site logged last; and the lap-press offer sits where the onset is typed."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import ActivityKind, Mark, Pain, PainSite, Run, Side
from runlog.store.runs import add_run
from runlog.tui.widgets.knee_picker import KneePicker

from .helpers import TODAY, make_app, settle

SIZES = [(80, 24), (120, 40)]
#: Key sequences from where the picker starts (the right kneecap in a new log).
SEQUENCES = [
    ["right", "right", "down"],
    ["right", "right", "right", "right", "down"],  # the left outer knee, then down
    ["down", "down", "down"],
    ["down", "down", "down", "right", "right", "right", "down"],
    ["right", "right", "right", "down", "down", "down", "left", "up", "up"],
    ["left", "up", "right", "right", "right", "right", "right", "down", "down"],
    ["down", "down", "down", "down", "right", "right", "right", "right", "right", "up", "up"],
]


async def cursor_after(factory, size, keys) -> tuple[str, str, str]:
    """The (side, site) under the cursor after ``keys``, and the picker's status line."""
    app = make_app(factory)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        picker = app.screen.query_one(KneePicker)
        assert picker.compact is (size[0] < 116)
        await pilot.press(*keys)
        spot = picker.spots[picker.cursor]
        return spot.side.value, spot.site.label, str(picker.render()).splitlines()[-1]


@pytest.mark.parametrize("keys", SEQUENCES, ids=[" ".join(k) for k in SEQUENCES])
async def test_the_same_keys_land_on_the_same_site_at_80_and_120_columns(factory, keys):
    narrow, wide = [await cursor_after(factory, size, keys) for size in SIZES]
    assert narrow[:2] == wide[:2]
    for side, site, status in (narrow, wide):
        assert f"cursor on {side} {site}" in status


async def test_right_right_down_is_the_left_knee_below_the_kneecap_at_both_sizes(factory):
    for size in SIZES:
        assert (await cursor_after(factory, size, ["right", "right", "down"]))[:2] == ("left", "below kneecap")


async def test_down_from_the_left_outer_knee_stays_on_the_left_knee(factory):
    for size in SIZES:
        side, site, _ = await cursor_after(factory, size, ["right"] * 4)
        assert (side, site) == ("left", "outer knee")
        assert (await cursor_after(factory, size, ["right"] * 4 + ["down"]))[:2] == ("left", "below kneecap")


async def test_the_status_names_the_cursor_after_a_pick_too(factory):
    side, site, status = await cursor_after(factory, (80, 24), ["space", "down"])
    assert status == f"picked: right kneecap · cursor on {side} {site}"


async def test_the_picker_starts_on_the_site_logged_last(factory, one_painful_run):
    with factory.write() as session:
        add_run(session, Run(date=TODAY, distance_m=6000, duration_s=2000,
                             pains=[Pain(PainSite.OUTER_KNEE, Side.LEFT, intensity=3, onset_m=4000)]))
    for size in SIZES:
        side, site, status = await cursor_after(factory, size, [])
        assert (side, site) == ("left", "outer knee")
        assert "cursor on left outer knee" in status


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
async def test_the_lap_press_offer_is_in_sight_where_the_onset_is_typed(factory, size):
    with factory.write() as session:
        run = add_run(session, Run(
            date=TODAY - dt.timedelta(days=1), start_time=dt.time(7, 0), distance_m=8500, duration_s=3000,
            kind=ActivityKind.RUN, source="file:abc", marks=[Mark(3220.0, 1100.0, "lap")],
        ))
    app = make_app(factory)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.watch_newest = run.id  # as after the watch folder brought it in
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")  # pick the site: the onset is next
        await settle(pilot)
        offers = [w for w in app.screen.query("Static") if "use as onset? ctrl+o" in str(w.render())]
        shown = [w for w in offers if w.display and w.region.height and app.screen.region.contains_region(w.region)]
        assert [str(w.render()) for w in shown] == ["lap pressed at 3.22 km, 18:20 in: use as onset? ctrl+o"]
        onset = app.screen.focused
        assert "onset-distance" in onset.classes
        # Right above the field being typed in.
        assert shown[0].region.y == onset.region.y - 1
