"""Every key, by screen. Built from the screens' own ``BINDINGS``, so a new
binding shows here without anyone editing this file."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpSection = tuple[str, Sequence[Binding]]


def key_text(key: str) -> str:
    """``space,k`` -> ``space / k``."""
    return " / ".join(part.strip() for part in key.split(","))


class HelpScreen(ModalScreen[None]):
    """The key reference; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help.close")]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                for title, bindings in self.sections:
                    text = Text(title, style="bold")
                    for binding in bindings:
                        text.append(f"\n  {key_text(binding.key):<18}", style="bold")
                        text.append(binding.description)
                    yield Static(text, classes="help-section")
            yield Static("escape closes · ctrl+p finds any command by name", classes="dialog-hint")
