"""What text runlog stores: no control characters.

A NUL, an escape or another control character in a name or a note is never
something a runner meant: it hides the rest of the text from SQLite's
``length()`` (a name starting with NUL looks blank to its CHECK), and
printed it can drive the terminal. Names take none; notes keep line breaks
and tabs.
"""

from __future__ import annotations

import re

_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f]")
_IN_NOTES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def name_problem(text: str) -> str | None:
    """Why ``text`` cannot be a shoe or orthotic name, or ``None``."""
    if _IN_NAMES.search(text):
        return "a name cannot hold control characters (such as NUL, tab, line breaks or escapes)"
    return None


def notes_problem(text: str) -> str | None:
    """Why ``text`` cannot be a run's notes, or ``None`` (line breaks and tabs are fine)."""
    if _IN_NOTES.search(text):
        return "notes cannot hold control characters (such as NUL or escapes)"
    return None


def clean_name(text: str | None, limit: int = 200) -> str | None:
    """A name a file brought in (Strava's gear), fit to store: control
    characters dropped, runs of spaces made one, cut to ``limit``; ``None``
    when nothing is left."""
    cleaned = " ".join(_IN_NAMES.sub(" ", text or "").split())[:limit].strip()
    return cleaned or None
