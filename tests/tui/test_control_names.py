"""A name holding an escape sequence (an OSC title change from a Strava
export's gear, or stored raw by an older runlog) never reaches the terminal
raw: the gear screen, the run list, both run forms and the notices show its
control characters as ``\\xNN``."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable

from runlog.domain import Run, Shoe
from runlog.store.gear import add_gear
from runlog.store.runs import add_run
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, TODAY, make_app, settle

OSC = "\x1b]0;pwned\x07Ghost 15"
SHOWN = "\\x1b]0;pwned\\x07Ghost 15"


def cells(app) -> str:
    parts = []
    for table in app.screen.query(DataTable):
        for index in range(table.row_count):
            parts += [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(index)]
    return "\n".join(parts)


def choices(app) -> str:
    return "\n".join(widget.render().plain for widget in app.screen.query("Choice"))


def notices(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


async def test_an_osc_sequence_in_a_shoe_name_is_shown_escaped_everywhere(factory):
    with factory.write() as session:
        shoe = add_gear(session, Shoe(name=OSC, retire_distance_m=1000))
        add_run(session, Run(date=TODAY - dt.timedelta(days=1), distance_m=8000, duration_s=2700, shoe=shoe))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The run list, and the notice that the shoe is past its retirement.
        assert SHOWN in cells(app) and "\x1b" not in cells(app)
        worn = app.screen.query_one("#notices").render().plain
        assert f"⚠ {SHOWN} has run" in worn and "\x1b" not in worn
        # The edit form and the new-run form (the shoe is the default).
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert SHOWN in choices(app) and "\x1b" not in choices(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert SHOWN in choices(app) and "\x1b" not in choices(app)
        await pilot.press("escape")
        await settle(pilot)
        # The gear screen, and retire's notice.
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GearScreen)
        assert SHOWN in cells(app) and "\x1b" not in cells(app)
        await pilot.press("t")
        await settle(pilot)
        assert f"Retired {SHOWN}" in notices(app) and "\x1b" not in notices(app)
        assert "\x1b" not in app.export_screenshot()
