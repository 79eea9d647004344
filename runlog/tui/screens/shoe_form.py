"""Add or edit a pair of shoes."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Static

from runlog.domain import Shoe, ShoeType, Units
from runlog.domain.models import DEFAULT_RETIRE_M
from runlog.tui.form_input import read_shoe, shoe_distance_text
from runlog.tui.screens.gear_form import GearForm
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow


class ShoeForm(GearForm):
    """Dismisses with the shoe to save (not yet saved), or ``None``."""

    LAST_INPUT = "retire-distance"

    def __init__(self, units: Units, today: dt.date, taken: set[str], shoe: Shoe | None = None) -> None:
        super().__init__()
        self.units = units
        self.today = today
        self.taken = taken
        self.original = shoe

    def compose(self) -> ComposeResult:
        shoe, unit = self.original, self.units.value
        distance = lambda m: shoe_distance_text(m, self.units)  # noqa: E731
        with Vertical(classes="dialog", id="shoe-form"):
            yield Static("Edit shoe" if shoe else "Add a shoe", classes="dialog-title")
            yield FieldRow("Name", Input(shoe.name if shoe else "", id="name", compact=True), key="name")
            yield FieldRow(
                "Type",
                Choice([("not set", None)] + [(t.label, t) for t in ShoeType], shoe.type if shoe else None, id="type"),
                "←/→ to change",
                key="type",
            )
            yield FieldRow(
                "First used",
                Input(shoe.first_used.isoformat() if shoe and shoe.first_used else "", id="first-used", compact=True),
                "optional date",
                key="first-used",
            )
            yield FieldRow(
                f"Start ({unit})",
                Input(distance(shoe.start_distance_m) if shoe else "0", id="start-distance", compact=True),
                "distance already run before logging here",
                key="start-distance",
            )
            yield FieldRow(
                f"Retire at ({unit})",
                Input(distance(shoe.retire_distance_m if shoe else DEFAULT_RETIRE_M), id="retire-distance", compact=True),
                "warn me past this distance",
                key="retire-distance",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def read(self) -> tuple[Shoe | None, dict[str, str]]:
        text = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        return read_shoe(
            text("#name"),
            self.query_one("#type", Choice).value,
            text("#first-used"),
            text("#start-distance"),
            text("#retire-distance"),
            self.units,
            self.today,
            self.taken,
            self.original,
        )
