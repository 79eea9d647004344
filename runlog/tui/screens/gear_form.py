"""What the shoe and orthotic dialogs share: errors shown beside the fields
once typed in (all of them after a refused save), enter moving on, ctrl+s
saving from anywhere, and escape cancelling."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from runlog.tui.form_keys import ENTER_BINDING, TAB_BINDINGS, EnterMovesOn
from runlog.tui.widgets.field_row import FieldRow


class GearForm(EnterMovesOn, ModalScreen[Any]):
    """A gear dialog; dismisses with the item to save (not yet saved), or ``None``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="gear_form.save", priority=True),
        ENTER_BINDING,
        *TAB_BINDINGS,
        Binding("escape", "dismiss(None)", "Cancel", id="gear_form.cancel"),
    ]

    #: The id of the last input: enter there saves.
    LAST_INPUT: ClassVar[str]
    #: The field focused when the dialog opens.
    FIRST_FIELD: ClassVar[str] = "#name"

    def __init__(self) -> None:
        super().__init__()
        self.reveal = False

    def read(self) -> tuple[Any | None, dict[str, str]]:
        """The item the fields describe, or ``None`` and a reason per field key."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(self.FIRST_FIELD).focus()

    def _check(self) -> Any | None:
        item, errors = self.read()
        for row in self.query(FieldRow):
            typed = any(i.value.strip() for i in row.query(Input))
            row.show(errors.get(row.key) if self.reveal or typed else None)
        return item

    @on(Input.Changed)
    def _changed(self) -> None:
        self._check()

    def input_entered(self, field: Input) -> None:
        if field.id == self.LAST_INPUT:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.reveal = True
        item = self._check()
        if item is not None:
            self.dismiss(item)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
