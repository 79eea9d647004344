"""Helpers for the TUI tests: the fixed today, running the app, reading back."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Run
from runlog.store import queries
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
    with factory() as session:
        return queries.runs_between(session)


def screen_text(app) -> str:
    """Everything visible on the current screen, as plain text."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)
