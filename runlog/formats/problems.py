"""What is wrong with a file a runner brought in, shared by every format.

A ``Problem`` has a stable ``code`` (tests and callers match codes, never
wording), the physical ``line`` (1 is the first line; 0 for the file as a
whole), the ``column`` at fault if there is one, and a ``message`` for the
runner that holds nothing from the file. The cell's text, when showing it
helps (``'ten' is not a number``), is kept apart in ``cell``: it goes on the
screen, never into a problems file. Free text (notes) is never quoted at all.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from runlog.errors import UserError
from runlog.formats.atomic import write_file


class Code(StrEnum):
    """Why a file, a row or a cell was refused."""

    # The file as a whole.
    EMPTY = "empty"
    ENCODING = "encoding"
    SEPARATOR = "separator"
    LINE_ENDS = "line_ends"
    NO_HEADER = "no_header"
    UNREADABLE_CSV = "unreadable_csv"
    # The header.
    DUPLICATE_COLUMN = "duplicate_column"
    MISSING_COLUMN = "missing_column"
    BOTH_UNITS = "both_units"
    # A row.
    CELL_COUNT = "cell_count"
    # A cell.
    BLANK = "blank"
    NOT_A_NUMBER = "not_a_number"
    NOT_PLAIN = "not_plain"
    NEGATIVE = "negative"
    ZERO = "zero"
    TOO_LARGE = "too_large"
    OUT_OF_RANGE = "out_of_range"
    NOT_WHOLE = "not_whole"
    NOT_A_DATE = "not_a_date"
    NOT_A_TIME = "not_a_time"
    NOT_IN_VOCABULARY = "not_in_vocabulary"
    TOO_LONG = "too_long"
    CONTROL_CHARACTER = "control_character"
    # Cells that disagree with each other, with other rows, or with the log.
    NEEDS_OTHER = "needs_other"
    NOT_ON_PAIN_FREE_ROW = "not_on_pain_free_row"
    PAST_THE_RUN = "past_the_run"
    RUN_ROWS_DIFFER = "run_rows_differ"
    PAIN_ROWS_CONFLICT = "pain_rows_conflict"
    GEAR_TYPE_CONFLICT = "gear_type_conflict"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where, why (``code``) and in words."""

    code: Code
    line: int
    column: str | None
    message: str
    #: What the message is about, as shown before it (``'elbow'``, ``12``,
    #: ``shoe 'Kayano 30'``); ``None`` when the message stands alone.
    cell: str | None = None

    @property
    def text(self) -> str:
        """The message with the cell it is about: ``'elbow' is not a pain site``."""
        return self.message if self.cell is None else f"{self.cell} {self.message}"

    def describe(self, filename: str) -> str:
        """``runs.csv, line 3, column pain_site: 'elbow' is not a pain site``."""
        where = f"{filename}, line {self.line}" if self.line else filename
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.text}"


#: How many problems a refusal lists on screen; ``--problems`` writes them all.
SHOWN = 50


class ImportRejected(UserError):
    """The file was not imported because of ``problems``; nothing was written."""

    def __init__(self, filename: str, problems: Iterable[Problem]):
        self.filename = filename
        # By line; within a line, in the order they were found (column order).
        self.problems = tuple(sorted(problems, key=lambda problem: problem.line))
        count = len(self.problems)
        super().__init__(
            f"{filename} was not imported ({count} problem{'s' if count != 1 else ''}); your log is unchanged"
        )


def write_problems(path: Path, problems: Iterable[Problem]) -> int:
    """Write every problem to ``path`` as CSV (line, column, code, message),
    created with mode 0600 and replaced atomically; returns how many.

    Only positions, codes and runlog's own messages are written, never the
    text of a cell (that stays in ``Problem.cell``, for the screen): the file
    may be passed around, and the cells are the runner's health data.
    """
    problems = tuple(problems)

    def write(stream) -> int:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(("line", "column", "code", "message"))
        writer.writerows((p.line or "", p.column or "", p.code.value, p.message) for p in problems)
        return len(problems)

    return write_file(Path(path), write)
