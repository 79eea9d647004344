"""Add or edit an orthotic."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Static

from runlog.domain import Orthotic, OrthoticType
from runlog.tui.form_input import read_orthotic
from runlog.tui.screens.gear_form import GearForm
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow


class OrthoticForm(GearForm):
    """Dismisses with the orthotic to save (not yet saved), or ``None``."""

    LAST_INPUT = "first-used"

    def __init__(self, today: dt.date, taken: set[str], orthotic: Orthotic | None = None) -> None:
        super().__init__()
        self.today = today
        self.taken = taken
        self.original = orthotic

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
                    # Blank means not known: the day the form is filled in is
                    # rarely the day they were first worn.
                    item.first_used.isoformat() if item and item.first_used else "",
                    id="first-used",
                    compact=True,
                ),
                "optional: the day you first ran in them",
                key="first-used",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def read(self) -> tuple[Orthotic | None, dict[str, str]]:
        text = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        return read_orthotic(
            text("#name"), self.query_one("#type", Choice).value, text("#first-used"), self.today, self.taken,
            self.original,
        )
