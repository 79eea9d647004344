"""Messages the app's workers post back to the UI thread, named for what happened.

They carry domain objects only; none of them is ever logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from runlog.domain import NextMorning, Orthotic, Pain, Run, Settings, Shoe, ShoeUsage


@dataclass
class RunsPageLoaded(Message):
    """A page of runs, newest first, starting at ``offset`` in that order."""

    runs: list[Run]
    offset: int
    #: The page size asked for; fewer runs means the log has no more.
    asked: int
    #: Select this run once shown (after a save or undo).
    select_id: int | None = None
    #: Which reload this page belongs to; pages of an older one are dropped.
    generation: int = 0
    #: The settings as stored, read with a first page (start, reload).
    settings: Settings | None = None


@dataclass
class NoticesLoaded(Message):
    """What the main screen should point out."""

    awaiting: list[tuple[Run, Pain]]
    worn_out: list[ShoeUsage]
    #: Open the check-in when something awaits (on start, and on ``m``).
    open_checkin: bool = False


@dataclass
class RunSaved(Message):
    """A run was added or changed."""

    run: Run


@dataclass
class RunDeleted(Message):
    """A run and its pains were deleted; ``run`` is what undo restores."""

    run: Run


@dataclass
class RunRestored(Message):
    """Undo put a deleted run back under its old id."""

    run: Run


@dataclass
class MorningRecorded(Message):
    """The next-morning status of one pain entry was saved."""

    pain_id: int
    status: NextMorning


@dataclass
class GearLoaded(Message):
    """Shoes with their distance so far, and orthotics."""

    shoes: list[ShoeUsage]
    orthotics: list[Orthotic]


@dataclass
class GearSaved(Message):
    """A shoe or orthotic was added, changed, retired, brought back or deleted."""

    item: Shoe | Orthotic
    deleted: bool = False


@dataclass
class GearKept(Message):
    """A delete was refused: runs still name this shoe or orthotic."""

    item: Shoe | Orthotic
    runs: int


@dataclass
class SettingsSaved(Message):
    """The runner's preferences were saved."""

    settings: Settings


@dataclass
class StoreFailed(Message):
    """A database job failed; ``doing`` says what, ``kind`` is the error's type name.

    Only these two reach the screen: an exception's text could quote stored data.
    """

    doing: str
    kind: str
