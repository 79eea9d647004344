"""Keys typed while a screen opens wait for it, however fast they come.

A terminal hands over a burst of keys at once ("n" then "tue"). The screen
"n" opens is built in its own task, and its first field gets focus a moment
later; keys handled before then went to the screen left behind, or to no
field at all. The app therefore holds every key from the moment a screen is
pushed (or one is about to be) until that screen has mounted and set its
focus, then hands the held keys on in the order they were typed.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import Screen


class ScreenReady(Message):
    """Posted to a new screen when it is pushed. The screen handles it after
    its compose and mount, and it bubbles up to the app, where the held keys
    are handed on."""


class HoldsKeysWhileOpening(App):
    """An app mixin: hold keys while a screen opens (see the module)."""

    _held_keys: list[events.Key] | None = None
    #: Keys the runner has typed since the app started (held ones included).
    keys_typed: int = 0

    def holding_keys(self) -> int:
        """How many keys wait for a screen to open."""
        return len(self._held_keys or [])

    def hold_keys(self) -> None:
        """Hold keys until the next screen is ready (a screen that opens
        after a database read calls this when it is asked for)."""
        if self._held_keys is None:
            self._held_keys = []

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):  # type: ignore[override]
        """Push as Textual does, holding keys until the screen is ready."""
        pushed = super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)
        if isinstance(screen, Screen):
            self.hold_keys()
            screen.post_message(ScreenReady())
        return pushed

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.keys_typed += 1
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
        await super().on_event(event)

    async def on_screen_ready(self, _message: ScreenReady) -> None:
        # The screen's on_mount asked for focus with ``call_later``, queued
        # ahead of this message: focus is where the screen wants it now.
        await self.release_keys()

    async def release_keys(self) -> None:
        """Hand on the held keys in order; a key that opens another screen
        holds the rest for that one."""
        held, self._held_keys = self._held_keys or [], None
        for index, key in enumerate(held):
            if self._held_keys is not None:
                self._held_keys.extend(held[index:])
                return
            await super().on_event(key)
