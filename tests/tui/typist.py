"""Keys as a fast typist sends them: one every 30-50 ms, each sent whether or
not the app has handled the one before (``Pilot.press`` waits for each)."""

from __future__ import annotations

import asyncio

from textual import events

#: Seconds between two keys of a fast typist.
FAST = 0.04


def key_event(key: str) -> events.Key:
    character = key if len(key) == 1 else {"space": " "}.get(key)
    return events.Key(key, character)


async def type_keys(app, keys, gap: float = FAST) -> None:
    """Send ``keys`` (names as ``Pilot.press`` takes them) ``gap`` seconds apart.
    The gap is the typist's pace, not a wait for the app: nothing here waits
    for a key to be handled."""
    for key in keys:
        app.post_message(key_event(key))
        await asyncio.sleep(gap)
