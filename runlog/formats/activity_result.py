"""What every activity-file reader hands back: activities and counts, or a refusal.

Readers raise :class:`Refused` with a reason phrase ("is damaged: the file ends
early"); :mod:`runlog.formats.activity_files` puts the file's name in front of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from runlog.domain.activity import Activity

#: A watch's local offset from UTC is never more than this; anything else is a broken clock.
MAX_OFFSET = dt.timedelta(hours=14)


class RefusalCode(StrEnum):
    """Why a file was refused; tests and callers match these, not the wording."""

    DAMAGED = "damaged"
    NOT_ACTIVITY = "not_activity"
    NO_TIMES = "no_times"
    NO_FIGURES = "no_figures"
    UNKNOWN_FORMAT = "unknown_format"
    UNKNOWN_HEADER = "unknown_header"
    BAD_VALUE = "bad_value"
    UNREADABLE = "unreadable"
    STILL_WRITTEN = "still_written"


class Refused(Exception):  # noqa: N818 - a refusal is an outcome, not a programming error
    """A file that cannot be imported, with a phrase saying why."""

    def __init__(self, code: RefusalCode, phrase: str) -> None:
        super().__init__(phrase)
        self.code = code
        self.phrase = phrase


@dataclass(slots=True)
class ActivitiesRead:
    """The on-foot activities of one file and the other sports it held, counted by name."""

    activities: list[Activity] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)


def fingerprint(data: bytes) -> str:
    """``file:<sha256>``: the same bytes are the same activity, whatever the file is called."""
    return "file:" + hashlib.sha256(data).hexdigest()


def local_start(start: dt.datetime, offset: dt.timedelta | None) -> dt.datetime:
    """The local wall-clock start of an activity that began at ``start`` (aware, any zone).

    ``offset`` is the local offset the file itself recorded; it is used when it
    is a plausible one (within 14 hours, to the quarter hour after rounding to the
    minute), otherwise the machine's time zone at that date decides.
    """
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)
    if offset is not None:
        minutes = round(offset.total_seconds() / 60)
        if abs(minutes) <= MAX_OFFSET.total_seconds() / 60 and minutes % 15 == 0:
            return start.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
    return start.astimezone()


def split_local(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    """The date and the start time (to the minute, as runners log it) of a local moment."""
    return moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)


def decode_text(data: bytes) -> str:
    """A text file's contents: UTF-8 (with or without a BOM), else Windows-1252 as older exports wrote it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
