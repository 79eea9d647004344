"""Names and notes are data, never markup: a walk of every screen and dialog
with hostile shoe and orthotic names and notes. Each shows literally and the
app keeps running (``[/]`` used to crash it at start, ``[wide]`` vanished,
``[@click=app.quit]`` became a clickable action)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable, Static

from runlog.domain import Orthotic, Pain, PainSite, Run, Shoe, Side
from runlog.store.gear import add_gear
from runlog.store.runs import add_run
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.review import ReviewScreen
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, TODAY, make_app, settle

SHOE = "Clifton 9 [/]"
WIDE = "Ghost 15 [wide]"
ORTHOTIC = "[@click=app.quit]q"
BOLD = "[bold]x"
LONG = "Endless [i]" + "n" * 180
NOTE = "[bold]x [/] [@click=app.quit]q \x1b]0;pwned\x07 [red]"


def visible(app) -> str:
    """Every text the current screen holds: statics, table cells and the
    notifications, as plain text."""
    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, DataTable):
            for index in range(widget.row_count):
                parts += [cell.plain if isinstance(cell, Text) else str(cell) for cell in widget.get_row_at(index)]
        elif isinstance(widget, Static):
            rendered = widget.render()
            parts.append(getattr(rendered, "plain", str(rendered)))
    parts += [str(notification.message) for notification in app._notifications]
    return "\n".join(parts)


def hostile_log(factory) -> None:
    with factory.write() as session:
        shoe = add_gear(session, Shoe(name=SHOE, retire_distance_m=1000))
        wide = add_gear(session, Shoe(name=WIDE))
        add_gear(session, Shoe(name=LONG))
        add_gear(session, Shoe(name=BOLD))
        orthotic = add_gear(session, Orthotic(name=ORTHOTIC))
        for days, gear_shoe in ((12, wide), (9, shoe), (6, shoe), (3, shoe), (1, shoe)):
            add_run(session, Run(
                date=TODAY - dt.timedelta(days=days), distance_m=8000, duration_s=2700, shoe=gear_shoe,
                orthotic=orthotic if gear_shoe is shoe else None, notes=NOTE,
                pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=4000)]
                if gear_shoe is shoe else [],
            ))


async def test_every_screen_shows_hostile_names_and_notes_literally(factory):
    hostile_log(factory)
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The check-in opens on start (pains await their morning).
        assert isinstance(app.screen, CheckinScreen)
        assert SHOE in visible(app)
        await pilot.press("escape")
        await settle(pilot)
        # Run list and the notices (the shoe is past its retirement).
        text = visible(app)
        for name in (SHOE, ORTHOTIC):
            assert name in text, name
        assert f"⚠ {SHOE} has run" in text
        # Edit form: the shoe and orthotic choices, the notes.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#notes").value == NOTE
        rendered = "\n".join(str(w.render()) for w in app.screen.query("Choice"))
        assert SHOE in rendered and ORTHOTIC in rendered, rendered
        await pilot.press("escape")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("n")
            await settle(pilot)
        # Delete's question, then its notice and undo's.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and SHOE in visible(app)
        await pilot.press("y")
        await settle(pilot)
        assert "Deleted the run of" in visible(app) and SHOE in visible(app)
        await pilot.press("u")
        await settle(pilot)
        assert any(SHOE in str(n.message) and "Brought back" in str(n.message) for n in app._notifications)
        # Gear: both tables, the edit dialog, retire's notice, delete's question.
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GearScreen)
        text = visible(app)
        for name in (SHOE, WIDE, ORTHOTIC, BOLD, LONG):
            assert name in text, name
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#name").value in (SHOE, WIDE, LONG, BOLD)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert any("Retired" in str(n.message) and "[" in str(n.message) for n in app._notifications)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("tab")
        await pilot.press("d")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):
            assert ORTHOTIC in visible(app)
            await pilot.press("n")
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # The weekly review: the shoe's line and the patterns.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert SHOE in visible(app)
        await pilot.press("escape")
        await settle(pilot)
        # Help and the palette.
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # Clicking where the orthotic name shows does not quit.
        await pilot.click("#runs", offset=(80, 1))
        await settle(pilot)
        assert app.is_running
