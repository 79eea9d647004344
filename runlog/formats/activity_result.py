"""What every activity-file reader hands back: activities and counts, or a refusal.

Readers raise :class:`Refused` with a reason phrase ("is damaged: the file ends
early"); :mod:`runlog.formats.activity_files` puts the file's name in front of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
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
    #: A named pipe, a device or another special file: only regular files are read.
    NOT_REGULAR = "not_regular"
    #: Larger, read or unpacked, than any real file of its kind.
    TOO_LARGE = "too_large"
    #: The reader failed in a way no refusal foresaw; the file is refused, the others go on.
    READER_FAILED = "reader_failed"
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
    #: Activities whose file named no sport, told a run or a walk by their pace.
    by_pace: int = 0


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
    try:
        if offset is not None:
            minutes = round(offset.total_seconds() / 60)
            if abs(minutes) <= MAX_OFFSET.total_seconds() / 60 and minutes % 15 == 0:
                return start.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
        return start.astimezone()
    except (OverflowError, OSError, ValueError):
        # Year 1 or 9999 moved by an offset leaves the calendar: a broken clock, not a run.
        raise Refused(RefusalCode.BAD_VALUE, "has a start time outside any calendar runlog can read") from None


def split_local(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    """The date and the start time (to the minute, as runners log it) of a local moment."""
    return moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)


def decode_text(data: bytes) -> str:
    """A text file's contents: UTF-8 (with or without a BOM), else Windows-1252 as older exports wrote it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as ``io.StringIO(text, newline="")`` gives them for ``csv``.

    StringIO would copy the text at four bytes a character; this hands out one line at a time.
    """
    for line in _LINE.finditer(text):
        yield line.group()
