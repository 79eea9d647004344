"""A one-line chooser: ``‹ Kayano 30 ›``. Left/right (or a click) changes it,
a letter jumps to the first option starting with it, enter moves on.

Quicker than a drop-down for a tired runner: the default is usually right,
and changing it never opens anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from runlog.terminal import printable


class Choice(Widget, can_focus=True):
    """Pick one of a few labelled values."""

    DEFAULT_CSS = """
    Choice {
        width: auto;
        min-width: 20;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    Choice:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    # Priority bindings run in the app's key loop, in the order typed: an
    # ordinary binding is looked up when the key reaches this widget, and a
    # "right" typed just before enter would change the next field instead.
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False, priority=True),
        Binding("right,space", "step(1)", "Next", show=False, priority=True),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
    ]

    index: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The chosen value changed."""

        choice: Choice
        value: Any

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        options: Sequence[tuple[str, Any]],
        value: Any = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._options = list(options)
        self.set_reactive(Choice.index, self._index_of(value))

    def _index_of(self, value: Any) -> int:
        for index, (_label, option) in enumerate(self._options):
            if option == value:
                return index
        return 0

    @property
    def value(self) -> Any:
        return self._options[self.index][1]

    @value.setter
    def value(self, value: Any) -> None:
        self.index = self._index_of(value)

    def render(self) -> Text:
        # Labels are names the runner typed or a file brought in: no control character reaches the terminal.
        return Text(printable(f"‹ {self._options[self.index][0]} ›"))

    def watch_index(self, old: int, new: int) -> None:
        if old != new:
            self.post_message(self.Changed(self, self.value))

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self._options)

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.action_step(-1 if event.x < self.size.width // 3 else 1)

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if len(char) != 1 or not char.isalnum():
            return
        count = len(self._options)
        for step in range(1, count + 1):
            index = (self.index + step) % count
            if self._options[index][0].lower().startswith(char):
                self.index = index
                event.stop()
                return
