"""Text on its way to a terminal: control characters made visible.

A note, a shoe name or a CSV a stranger sent can hold escape sequences that
set the window title, clear the screen or write the clipboard (OSC 52) when
printed raw. ``printable`` shows each such character as a harmless ``\\xNN``
instead; line breaks and tabs stay. Files written with ``-o`` keep the
runner's text exact and do not come through here.
"""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL, and the C1 controls (ESC is in C0).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def printable_json(text: str) -> str:
    """JSON text with DEL and the C1 controls (which JSON may carry raw)
    written as ``\\u00NN`` escapes: the same JSON, safe on a terminal."""
    return re.sub("[\x7f-\x9f]", lambda match: f"\\u{ord(match.group()):04x}", text)
