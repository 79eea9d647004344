"""A form row: label, the field itself, and a note beside it that shows the
field's hint, or in its place the reason the value is not accepted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Static


class FieldRow(Horizontal):
    """One labelled field with its hint or error beside it."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        margin: 0 0 1 0;
    }
    FieldRow > .field-label {
        width: 14;
        padding: 0 1 0 0;
        text-align: right;
        color: $text-muted;
    }
    FieldRow > Choice {
        width: 30;
    }
    FieldRow > Input {
        width: 30;
        background: $boost;
    }
    FieldRow > Input:focus {
        background: $block-cursor-blurred-background;
    }
    FieldRow > Input.wide {
        width: 1fr;
    }
    FieldRow > .field-note {
        width: 1fr;
        padding: 0 0 0 2;
        color: $text-muted;
    }
    FieldRow > .field-note.-error {
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(self, label: str, field: Widget, hint: str = "", *, key: str, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-row")
        self._label = label
        self._field = field
        self._hint = hint
        #: The form_input error key this row shows.
        self.key = key

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield self._field
        yield Static(self._hint, classes="field-note", markup=False)

    def on_mount(self) -> None:
        # Snapshot tests turn blinking off app-wide (``RunlogApp.cursor_blink``).
        if isinstance(self._field, Input):
            self._field.cursor_blink = getattr(self.app, "cursor_blink", True)

    def show(self, error: str | None, hint: str | None = None, *, note: str | None = None) -> None:
        """Show ``error``, else ``note`` (a live figure or a warning, for now),
        else the hint (``hint`` replaces it)."""
        if hint is not None:
            self._hint = hint
        shown = self.query_one(".field-note", Static)
        shown.update(f"✗ {error}" if error else note or self._hint)
        shown.set_class(bool(error), "-error")
