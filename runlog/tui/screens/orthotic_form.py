"""Add or edit an orthotic."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from runlog.domain import Orthotic, OrthoticType
from runlog.tui.form_input import read_orthotic
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow


class OrthoticForm(ModalScreen[Orthotic | None]):
    """Dismisses with the orthotic to save (not yet saved), or ``None``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="orthotic.save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel", id="orthotic.cancel"),
    ]

    def __init__(self, today: dt.date, taken: set[str], orthotic: Orthotic | None = None) -> None:
        super().__init__()
        self.today = today
        self.taken = taken
        self.original = orthotic
        self.reveal = False

    def compose(self) -> ComposeResult:
        item = self.original
        with Vertical(classes="dialog", id="orthotic-form"):
            yield Static("Edit orthotic" if item else "Add an orthotic", classes="dialog-title")
            yield FieldRow("Name", Input(item.name if item else "", id="name", compact=True), key="name")
            yield FieldRow(
                "Type",
                Choice(
                    [("not set", None)] + [(t.label, t) for t in OrthoticType], item.type if item else None, id="type"
                ),
                "←/→ to change",
                key="type",
            )
            yield FieldRow(
                "First used",
                Input(
                    item.first_used.isoformat() if item and item.first_used else self.today.isoformat(),
                    id="first-used",
                    compact=True,
                ),
                "the day you first ran in them",
                key="first-used",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _read(self) -> tuple[Orthotic | None, dict[str, str]]:
        text = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        item, errors = read_orthotic(
            text("#name"), self.query_one("#type", Choice).value, text("#first-used"), self.today, self.taken,
            self.original,
        )
        for row in self.query(FieldRow):
            typed = any(i.value.strip() for i in row.query(Input))
            row.show(errors.get(row.key) if self.reveal or typed else None)
        return item, errors

    @on(Input.Changed)
    def _changed(self) -> None:
        self._read()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "first-used":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.reveal = True
        item, _errors = self._read()
        if item is not None:
            self.dismiss(item)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
