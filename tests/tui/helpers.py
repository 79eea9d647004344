"""Helpers for the TUI tests: the fixed today, running the app, reading back."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Run
from runlog.store.runs import runs_between
from runlog.tui.app import RunlogApp

#: A fixed "today" (a Tuesday) so dates, defaults and snapshots never drift.
TODAY = dt.date(2026, 11, 24)
SIZE = (120, 40)


def make_app(factory, checkin_on_start: bool = False) -> RunlogApp:
    return RunlogApp(factory, today=TODAY, checkin_on_start=checkin_on_start)


async def settle(pilot) -> None:
    """Wait for the database workers and the screen updates they cause."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def all_runs(factory) -> list[Run]:
    with factory.read() as session:
        return runs_between(session)


def screen_text(app) -> str:
    """Everything visible on the current screen, as plain text."""
    from textual.widgets import Static

    def shown(widget) -> bool:
        return widget.display and all(ancestor.display for ancestor in widget.ancestors if hasattr(ancestor, "display"))

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static) and shown(widget):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def snapshot_app(factory, checkin_on_start: bool = False) -> RunlogApp:
    """An app for snapshots: fixed today, no blinking cursor."""
    app = make_app(factory, checkin_on_start)
    app.cursor_blink = False
    return app


def notes(screen) -> dict[str, str]:
    """The note beside each form field (its hint or its error), by field key;
    pain entries' fields as ``pain1.onset`` ... (numbered as on screen)."""
    from textual.widgets import Static

    from runlog.tui.widgets.field_row import FieldRow
    from runlog.tui.widgets.pain_entry import PainEntry

    found = {}
    for row in screen.query(FieldRow):
        entry = next((a for a in row.ancestors if isinstance(a, PainEntry)), None)
        key = f"pain{entry.number}.{row.key}" if entry else row.key
        found[key] = str(row.query_one(".field-note", Static).render())
    return found


def type_into(screen, selector: str, text: str, index: int = 0) -> None:
    """Replace the text of the ``index``-th input matching ``selector``."""
    from textual.widgets import Input

    field = list(screen.query(selector).results(Input))[index]
    field.value = text


async def type_keys(pilot, *keys: str, gap: float = 0.04) -> None:
    """Press ``keys`` as a fast typist does, about 40 ms apart (the gap is
    the typist's rhythm, not a wait for a result: callers then ``settle``)."""
    import asyncio

    for key in keys:
        await pilot.press(key)
        await asyncio.sleep(gap)
