"""The changes made to deal with the pain: recorded ones (removable, with
undo) and the first day each shoe or orthotic was worn (they follow the gear).

a records a change, d removes the selected recorded one, u brings back the
last removed, escape goes back. The review, ``detect`` and the reports
compare the runs before and after each of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from runlog.domain import ChangeSource, RunnerChange
from runlog.tui.screens.change_form import ChangeForm
from runlog.tui.store_jobs import store_job

if TYPE_CHECKING:
    from runlog.store.handle import Store


@dataclass
class ChangesLoaded(Message):
    """Every change, oldest first."""

    changes: list[RunnerChange]


@dataclass
class ChangeSaved(Message):
    """A change was recorded (or brought back), or removed (``removed``)."""

    change: RunnerChange
    removed: bool = False


def record_change(node, store: Store, change: RunnerChange, keep_id: bool = False) -> None:
    """Store ``change`` in a worker; ``ChangeSaved`` follows."""

    def job() -> ChangeSaved:
        from runlog.store.changes import add_change, restore_change

        with store.write() as session:
            return ChangeSaved(restore_change(session, change) if keep_id else add_change(session, change))

    store_job(node, "record the change", job, group="write")


def change_line(change: RunnerChange) -> str:
    """``orthotic Custom pair on 2026-10-03``."""
    label = f" {change.label}" if change.label else ""
    return f"{change.kind.value}{label} on {change.date.isoformat()}"


class ChangesScreen(Screen[None]):
    """The changes, oldest first."""

    TITLE = "runlog"
    SUB_TITLE = "Changes made for the pain"

    BINDINGS = [
        Binding("a", "add", "Record change", id="changes.add"),
        Binding("d", "remove", "Remove", id="changes.remove", tooltip="Remove the selected recorded change"),
        Binding("u", "undo", "Undo remove", id="changes.undo", tooltip="Bring back the last removed change"),
        Binding("escape", "dismiss", "Back", id="changes.back"),
    ]

    def __init__(self, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.changes: list[RunnerChange] = []
        #: Removed changes, newest last: ``u`` brings them back in turn.
        self.removed: list[RunnerChange] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield Static(
            "a record a change · d remove the selected one · u undo · esc back. "
            "Gear rows are the first day a shoe or orthotic was worn: they follow the gear.",
            id="changes-hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self, select: RunnerChange | None = None) -> None:
        def job() -> ChangesLoaded:
            from runlog.store.changes import list_changes

            with self.store.read() as session:
                return ChangesLoaded(list_changes(session))

        self._select = select
        store_job(self, "load the changes", job, group="changes-load", exclusive=True)

    def on_changes_loaded(self, message: ChangesLoaded) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Date", "Kind", "Label", "From")
        self.changes = message.changes
        for index, change in enumerate(self.changes):
            source = "gear, first worn" if change.source is ChangeSource.GEAR else "recorded"
            # Text, never markup: the label is the runner's own.
            table.add_row(change.date.isoformat(), change.kind.value, Text(change.label), source, key=str(index))
            if self._select is not None and change.id is not None and change.id == self._select.id:
                row = index
        if self.changes:
            table.move_cursor(row=min(max(row, 0), len(self.changes) - 1))
        table.focus()

    def action_add(self) -> None:
        def chosen(change: RunnerChange | None) -> None:
            if change is not None:
                record_change(self, self.store, change)

        self.app.push_screen(ChangeForm(self.today), chosen)

    def _selected(self) -> RunnerChange | None:
        table = self.query_one(DataTable)
        if not self.changes or table.cursor_row < 0 or table.cursor_row >= len(self.changes):
            return None
        return self.changes[table.cursor_row]

    def action_remove(self) -> None:
        change = self._selected()
        if change is None:
            return
        if change.source is ChangeSource.GEAR or change.id is None:
            self.notify("This is the first day that gear was worn: it follows the gear, so it cannot be removed here.")
            return
        change_id = change.id

        def job() -> ChangeSaved:
            from runlog.store.changes import remove_change

            with self.store.write() as session:
                return ChangeSaved(remove_change(session, change_id), removed=True)

        store_job(self, "remove the change", job, group="write")

    def action_undo(self) -> None:
        if not self.removed:
            self.notify("Nothing to undo.")
            return
        # It leaves the stack once it is back (``on_change_saved``): a failed undo can be tried again.
        record_change(self, self.store, self.removed[-1], keep_id=True)

    def on_change_saved(self, message: ChangeSaved) -> None:
        if message.removed:
            self.removed.append(message.change)
            self.notify(f"Removed the change: {change_line(message.change)}. Press u to undo.", markup=False)
        elif any(c.id == message.change.id for c in self.removed):
            self.removed = [c for c in self.removed if c.id != message.change.id]
            self.notify(f"Brought back the change: {change_line(message.change)}.", markup=False)
        else:
            self.notify(f"Recorded: {change_line(message.change)}.", markup=False)
        self.load(select=message.change)
