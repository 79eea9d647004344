"""Shoe mileage against the retirement distance, and adding/retiring gear."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Orthotic, OrthoticType, Run, Settings, Shoe, ShoeType, Units
from runlog.store.gear import add_gear, list_orthotics, list_shoes
from runlog.store.runs import add_run
from runlog.store.settings import save_settings
from runlog.tui.screens.gear import GearScreen

from .helpers import SIZE, TODAY, make_app, screen_text, settle


async def test_mileage_and_retirement_warning(factory):
    with factory.write() as session:
        old = add_gear(session, Shoe(name="Old faithful", type=ShoeType.NEUTRAL, start_distance_m=650_000))
        add_gear(session, Shoe(name="Fresh pair", type=ShoeType.STABILITY))
        for day in range(6):
            add_run(session, Run(date=TODAY - dt.timedelta(days=day + 1), distance_m=10_000, duration_s=3000, shoe=old))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Old faithful has run 710 km, past its retirement at 700 km" in screen_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GearScreen)
        shoes = app.screen.query_one("#shoes")
        rows = {str(shoes.get_row_at(i)[0]): [str(c) for c in shoes.get_row_at(i)] for i in range(shoes.row_count)}
        assert rows["Old faithful"][2] == "710.0"
        assert rows["Old faithful"][6] == "⚠ 10 km past retirement"
        assert rows["Fresh pair"][2] == "0.0"
        assert rows["Fresh pair"][6] == "700 km to go"


async def test_add_gear_and_retire_a_shoe_by_keyboard(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Kayano 31", "enter", "right", "right", "enter", "enter", *"120", "enter", *"800", "enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*"Podiatrist pair", "enter", "right", "right", "enter", "enter")
        await settle(pilot)
    with factory.read() as session:
        [orthotic] = list_orthotics(session)
        [usage] = list_shoes(session)
    # Left blank, the first day stays unknown rather than becoming the day of typing.
    assert (orthotic.name, orthotic.type, orthotic.first_used) == ("Podiatrist pair", OrthoticType.CUSTOM, None)
    shoe = usage.shoe
    assert (shoe.name, shoe.type, shoe.start_distance_m, shoe.retire_distance_m) == (
        "Kayano 31", ShoeType.STABILITY, 120_000, 800_000
    )
    assert shoe.retired_on == TODAY


async def test_delete_unused_gear_after_confirming_but_keep_used_gear(factory):
    with factory.write() as session:
        used = add_gear(session, Shoe(name="Daily pair"))
        add_gear(session, Shoe(name="Typo pair"))
        add_run(session, Run(date=TODAY - dt.timedelta(days=1), distance_m=8000, duration_s=2400, shoe=used))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        # Shoes are listed by name: "Daily pair" first, on 1 run.
        await pilot.press("d")
        await settle(pilot)
        assert "Daily pair is on 1 run, so it stays in your log; press t to retire it instead." in [
            notice.message for notice in app._notifications
        ]
        await pilot.press("down", "d")
        await settle(pilot)
        assert "Delete Typo pair?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
    with factory.read() as session:
        assert [u.shoe.name for u in list_shoes(session)] == ["Daily pair"]


async def test_saving_an_unchanged_shoe_in_miles_keeps_its_stored_distances(factory):
    with factory.write() as session:
        save_settings(session, Settings(units=Units.MI))
        add_gear(session, Shoe(name="Ghost 15", start_distance_m=320_000, retire_distance_m=805_000))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    with factory.read() as session:
        [usage] = list_shoes(session)
    assert (usage.shoe.start_distance_m, usage.shoe.retire_distance_m) == (320_000, 805_000)


async def test_an_orthotic_first_used_starts_blank_and_an_edit_keeps_a_known_day(factory):
    known = TODAY - dt.timedelta(days=40)
    with factory.write() as session:
        add_gear(session, Orthotic(name="Green insoles", first_used=known))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.query_one("#first-used").value == ""
        await pilot.press(*"Blue pair", "ctrl+s")
        await settle(pilot)
        await pilot.press("tab", "down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#first-used").value == known.isoformat()
        await pilot.press("ctrl+s")
        await settle(pilot)
    with factory.read() as session:
        found = {o.name: o.first_used for o in list_orthotics(session)}
    assert found == {"Blue pair": None, "Green insoles": known}
