"""Messages that cross screens: a morning answered in the check-in, and a
store job that failed (reported by the app).

A screen's own workers post messages defined on that screen. All carry
domain objects only; none of them is ever logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from runlog.domain import NextMorning


@dataclass
class MorningRecorded(Message):
    """The next-morning status of one pain entry was saved (``None``: cleared by undo)."""

    pain_id: int
    status: NextMorning | None










@dataclass
class StoreFailed(Message):
    """A store job failed: ``doing`` says what ("save the run"), ``reason``
    why, worded from the error's type (never its text, which could quote
    stored data). It bubbles up to the app, which tells the runner."""

    doing: str
    reason: str
    #: What becomes of the runner's input, if anything ("it is asked again ...").
    then: str = ""
