"""Record a change made to deal with the pain: kind, label and date
(DOMAIN.md "Changes the runner made").

The kind is picked like the shoe type (←/→ or its first letter), the label
is free text, and the date defaults to today, typed as in the run form.
Enter moves on; enter on the date (or ctrl+s anywhere) saves.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from runlog.domain import RunnerChange, RunnerChangeKind
from runlog.domain.changes import label_problem
from runlog.domain.dates import date_problem, parse_date
from runlog.tui.screens.gear_form import GearForm
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow


def read_change(kind: RunnerChangeKind, label: str, date_text: str, today: dt.date) -> tuple[RunnerChange | None, dict[str, str]]:
    """A change from the form's fields, or ``None`` and a reason per field."""
    errors: dict[str, str] = {}
    label = label.strip()
    if problem := label_problem(label):
        errors["label"] = problem
    day = today
    try:
        day = parse_date(date_text, today) if date_text.strip() else today
        if problem := date_problem(day, today):
            errors["date"] = problem
    except ValueError as exc:
        errors["date"] = str(exc)
    if errors:
        return None, errors
    return RunnerChange(day, kind, label), {}


class ChangeForm(GearForm):
    """Dismisses with the change to record (not yet saved), or ``None``."""

    LAST_INPUT = "date"
    FIRST_FIELD = "#kind"

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="change-form"):
            yield Static("Record a change", classes="dialog-title")
            yield Static(
                "Something you did to deal with the pain: runlog compares your runs before and after it.",
                classes="dialog-text",
            )
            yield FieldRow(
                "Kind",
                Choice([(kind.label, kind) for kind in RunnerChangeKind], RunnerChangeKind.ORTHOTIC, id="kind"),
                "←/→ or its first letter",
                key="kind",
            )
            yield FieldRow("Label", Input("", id="label", compact=True, placeholder="e.g. custom pair"), "optional", key="label")
            yield FieldRow("Date", Input(self.today.isoformat(), id="date", compact=True), "today, yesterday, 3 Oct ...",
                           key="date")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def read(self) -> tuple[RunnerChange | None, dict[str, str]]:
        return read_change(
            self.query_one("#kind", Choice).value,
            self.query_one("#label", Input).value,
            self.query_one("#date", Input).value,
            self.today,
        )
