"""Switching to miles changes what is shown and how input is read; storage stays metres."""

from __future__ import annotations

import pytest

from runlog.domain import Units
from runlog.store.settings import get_settings

from .helpers import SIZE, all_runs, make_app, settle, type_into


async def test_miles_in_display_and_input(factory, one_painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert str(table.get_row_at(1)[1]) == "8.00"
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("right", "ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert [str(c.label) for c in table.columns.values()][1] == "mi"
        assert str(table.get_row_at(1)[1]) == "4.97"
        assert "@3.1 mi" in str(table.get_row_at(1)[list(table.columns).index("pain")])

        await pilot.press("n")
        await settle(pilot)
        type_into(app.screen, "#distance", "5")
        type_into(app.screen, "#duration", "40")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with factory.read() as session:
        assert get_settings(session).units is Units.MI
    newest = max(all_runs(factory), key=lambda run: run.id)
    assert newest.distance_m == pytest.approx(8046.72)


async def test_the_runner_name_is_set_in_settings_and_may_be_blank(factory):
    from textual.widgets import Input

    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#runner-name", Input).value = "Ana <b>Ruiz</b>"
        await pilot.press("ctrl+s")
        await settle(pilot)
        with factory.read() as session:
            assert get_settings(session).runner_name == "Ana <b>Ruiz</b>"
        await pilot.press("s")
        await settle(pilot)
        field = app.screen.query_one("#runner-name", Input)
        assert field.value == "Ana <b>Ruiz</b>"
        field.value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
    with factory.read() as session:
        assert get_settings(session).runner_name == ""
