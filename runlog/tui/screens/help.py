"""Every key, by screen. Built from the screens' own ``BINDINGS``, so a new
binding shows here without anyone editing this file."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

HelpSection = tuple[str, Sequence[Binding]]


#: Footer labels are short to fit 80 columns; the help and the palette
#: give these actions their full names.
FULL_NAMES = {
    "review": "Weekly review",
    "export_csv": "Export CSV",
    "import_csv": "Import runs (CSV or activity files)",
    "checkin": "Morning check-in",
    "previous_week": "Previous week",
    "jump": "Jump to date",
    "undo_delete": "Undo delete",
    "watch_import": "Import from the watch folder",
    "add_pain": "Add pain to the newest watch run",
    "new_run": "Log run",
    "filter": "Filter runs by shoe, orthotic, note or pain site",
}


def key_text(key: str) -> str:
    """Keys as a person reads them: ``space,k`` -> ``space / k``,
    ``question_mark`` -> ``?``, ``left_square_bracket`` -> ``[``."""
    return " / ".join(_one_key(part.strip()) for part in key.split(","))


def _one_key(key: str) -> str:
    *modifiers, name = key.split("+")
    # Single printable characters by their glyph; named keys (space, enter,
    # left) and text such as "tab / shift+tab" stay as written.
    character = key_to_character(name) if "_" in name else None
    shown = character if character and character.isprintable() and len(character) == 1 else name
    return "+".join([*modifiers, shown])


def action_name(binding: Binding) -> str:
    """What the help and the palette call a binding's action."""
    return FULL_NAMES.get(binding.action, binding.description)


class HelpScreen(ModalScreen[None]):
    """The key reference; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help.close")]

    def __init__(self, sections: Sequence[HelpSection], start: int = 0) -> None:
        super().__init__()
        self.sections = sections
        #: The section shown first: the keys of the screen help was opened from.
        self.start = start

    def on_mount(self) -> None:
        self.call_after_refresh(self._scroll_to_start)

    def _scroll_to_start(self) -> None:
        sections = list(self.query(".help-section"))
        if 0 < self.start < len(sections):
            sections[self.start].scroll_visible(top=True, animate=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                for title, bindings in self.sections:
                    text = Text(title, style="bold")
                    for binding in bindings:
                        text.append(f"\n  {key_text(binding.key):<18}", style="bold")
                        text.append(action_name(binding))
                    yield Static(text, classes="help-section")
            yield Static("escape closes · ctrl+p finds any command by name", classes="dialog-hint")
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()
