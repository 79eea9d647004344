"""Enter and tab move on at once, however fast the runner types.

Textual hands each key to the focused widget's own queue without waiting for
it, so with an ordinary binding the digits typed right after enter (or tab)
can reach the field being left ("55:10⏎6" put the 6 in the duration). A
priority binding runs in the app's key loop instead: focus has moved before
the next key is handed on.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Button, Input

from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.knee_picker import KneePicker

ENTER_BINDING = Binding("enter", "enter", "Next field", id="form.enter", show=False, priority=True)
#: Tab and shift+tab, in order with the keys typed after them.
TAB_BINDINGS = [
    Binding("tab", "app.focus_next", "Next field", id="form.tab", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", id="form.shift_tab", show=False, priority=True),
]

#: Tab completes a path where a completion is shown (grey), else moves on.
TAB_COMPLETES_BINDINGS = [
    Binding("tab", "tab", "Complete or next field", id="form.tab_complete", show=False, priority=True),
    TAB_BINDINGS[1],
]


class TabCompletes:
    """A dialog mixin for ``TAB_COMPLETES_BINDINGS``: tab in a path field
    showing a completion takes it (as → does), anywhere else goes on."""

    def action_tab(self) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        # What the field shows in grey now: what the runner saw when pressing tab.
        shown = getattr(focused, "_suggestion", "") if isinstance(focused, Input) else ""
        if shown and len(shown) > len(focused.value) and focused.cursor_at_end:
            focused.value = shown
            focused.cursor_position = len(shown)
            return
        self.focus_next()  # type: ignore[attr-defined]


class EnterMovesOn:
    """A form screen mixin: add ``ENTER_BINDING`` to the screen's ``BINDINGS``."""

    def action_enter(self) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        if isinstance(focused, Input):
            self.input_entered(focused)
        elif isinstance(focused, KneePicker):
            focused.action_pick_and_next()
        elif isinstance(focused, Choice):
            focused.action_next_field()
        elif isinstance(focused, Button):
            focused.press()
        else:
            raise SkipAction()

    def input_entered(self, field: Input) -> None:
        """Enter in a text field: the next field (screens may do more)."""
        self.focus_next()  # type: ignore[attr-defined]


def after_typed_keys(screen, then) -> None:
    """Call ``then`` once the focused field has taken the keys typed before
    this one. A priority key (ctrl+s) runs in the app's key loop, ahead of
    the characters still queued for the field: a save read at once would
    check "45:3" while the "0" is on its way, and refuse it."""
    focused = screen.focused
    if focused is None:
        then()
    else:
        focused.call_later(then)
