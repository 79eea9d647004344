"""Read runlog's CSV form: bytes -> text -> header map -> rows -> runs.

No database and no terminal: ``read_runs(path)`` returns a ``ReadResult``
with the runs (domain objects, gear without ids) and every problem found;
putting them in the log is ``importer``'s job. A file that cannot be read as
a whole (not text, not CSV, no header) raises ``ImportRejected`` at once.

Cell texts already seen are looked up rather than read again: a long log
repeats its dates, times, distances, gear and vocabulary, and a lookup is
what keeps a 100,000-row import quick.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import getitem, itemgetter
from pathlib import Path

from runlog.domain import ActivityKind, Orthotic, Pain, Run, Shoe, Units
from runlog.domain.text import notes_problem
from runlog.errors import UserError
from runlog.formats.contract_csv.columns import BY_KEY, PAIN_KEYS, RUN_KEYS, header_names, shown
from runlog.formats.contract_csv.text import decode, line_ends, separator_hint
from runlog.formats.problems import Code, ImportRejected, Problem

#: ``progress(stage, done, total)``; the reader reports stage ``"checking"`` in lines.
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class HeaderMap:
    """Where each column of the form is in a file's records, and its units."""

    #: Record position by column key (``distance``, not ``distance_km``).
    positions: dict[str, int]
    #: Unit of the distance column, and of the pain-onset column.
    units: Units
    onset_units: Units
    width: int
    #: Header names that are not part of the form (their cells are not read).
    ignored: tuple[str, ...]
    problems: tuple[Problem, ...]

    def column_name(self, key: str) -> str:
        """The header name of the column read under ``key``."""
        if key == "distance":
            return f"distance_{self.units.value}"
        if key == "pain_onset":
            return f"pain_onset_{self.onset_units.value}"
        return key


@dataclass
class ReadResult:
    """What a file holds: runs in file order and everything wrong with it."""

    runs: list[Run]
    problems: list[Problem]
    units: Units
    ignored_columns: tuple[str, ...] = ()
    #: For each shoe and orthotic name, the type the file gives it and the
    #: line that first did (to compare with the log's own).
    shoe_types: dict[str, tuple] = field(default_factory=dict)
    orthotic_types: dict[str, tuple] = field(default_factory=dict)


def read_header(row: list[str], line: int = 1) -> HeaderMap:
    """The header row's map: names read trimmed and in any case, any order."""
    names = header_names()
    problems: list[Problem] = []
    ignored: list[str] = []
    positions: dict[str, int] = {}
    units: dict[str, list[Units]] = {}
    seen: set[str] = set()
    for position, raw in enumerate(row):
        name = raw.strip().lower()
        if name in seen:
            problems.append(Problem(Code.DUPLICATE_COLUMN, line, name, "the column appears twice in the header"))
        elif name in names:
            seen.add(name)
            key, unit = names[name]
            positions.setdefault(key, position)
            if unit is not None:
                units.setdefault(key, []).append(unit)
        elif name:
            ignored.append(raw.strip())
    for key, found in units.items():
        if len(found) > 1:
            problems.append(Problem(Code.BOTH_UNITS, line, f"{key}_mi",
                                    f"the header has both {key}_km and {key}_mi; keep one"))
    if positions:
        for key in ("date", "distance", "duration_min", "pain"):
            if key not in positions:
                label = "distance_km or distance_mi" if key == "distance" else key
                problems.append(Problem(Code.MISSING_COLUMN, line, label, "a required column is missing from the header"))
    return HeaderMap(positions, units.get("distance", [Units.KM])[-1], units.get("pain_onset", [Units.KM])[-1],
                     len(row), tuple(ignored), tuple(problems))


def read_runs(path: Path, progress: Progress | None = None) -> ReadResult:
    """Read and check the file at ``path`` without touching any database.

    Raises ``UserError`` when it cannot be opened and ``ImportRejected``
    when it cannot be read as a whole; problems with rows are in the result.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a CSV file") from None
    except PermissionError:
        raise UserError(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise UserError(f"{path} cannot be read ({exc.strerror})") from None
    return read_text(decode(data, str(path)), str(path), progress)


def read_text(text: str, filename: str, progress: Progress | None = None) -> ReadResult:
    """Read and check a whole file's text (``filename`` names it in problems)."""
    if not text.strip():
        raise ImportRejected(filename, [Problem(Code.EMPTY, 0, None, "the file is empty")])
    end = line_ends(text)
    lines = text.count(end) + (not text.endswith(end))
    reader = csv.reader(io.StringIO(text, newline=end), strict=True)
    first = 1
    try:
        row = next(reader)
        if ",".join(row).strip().lower() == "sep=,":
            # Excel's separator hint line, naming the comma: the header follows.
            row, first = next(reader, []), 2
    except csv.Error as exc:
        raise ImportRejected(filename, [Problem(Code.UNREADABLE_CSV, 1, None,
                                                f"the header is not readable CSV ({exc})")]) from None
    header = read_header(row, first)
    if not header.positions:
        hint = separator_hint(text)
        problem = Problem(Code.SEPARATOR, first, None, hint) if hint else Problem(
            Code.NO_HEADER, first, None,
            "there is no header row (the first line should name the columns: run_id, date, distance_km, ...)")
        raise ImportRejected(filename, [problem])
    if header.problems:
        raise ImportRejected(filename, header.problems)
    rows = _Rows(header)
    read = rows.read
    line = first + 1
    try:
        for cells in reader:
            # Skip blank lines, and rows of empty cells that spreadsheets leave.
            if "".join(cells).strip():
                read(line, cells)
            line = reader.line_num + 1
            if progress is not None and line % PROGRESS_EVERY == 0:
                progress("checking", line, lines)
    except csv.Error as exc:
        rows.problems.append(Problem(Code.UNREADABLE_CSV, line, None,
                                     f"is not readable CSV ({exc}); nothing after it was read"))
        raise ImportRejected(filename, rows.problems) from None
    if progress is not None:
        progress("checking", lines, lines)
    return ReadResult(
        runs=[found[2] for found in rows.runs.values()],
        problems=rows.problems,
        units=header.units,
        ignored_columns=header.ignored,
        shoe_types=rows.gear_types[Shoe],
        orthotic_types=rows.gear_types[Orthotic],
    )


class _Seen(dict):
    """A column's values by cell text, read on first sight (a Problem is kept
    too, and its text added to ``spoilt``, a list the columns share)."""

    __slots__ = ("read", "spoilt")

    def __init__(self, read: Callable[[str], object], spoilt: list[str]):
        super().__init__()
        self.read = read
        self.spoilt = spoilt

    def __missing__(self, text: str) -> object:
        value = self[text] = self.read(text)
        if value.__class__ is Problem:
            self.spoilt.append(text)
        return value


class _Rows:
    """Checks records and groups them into runs, collecting every problem."""

    def __init__(self, header: HeaderMap):
        self.header = header
        self.problems: list[Problem] = []
        #: By run_id (or by line, for a row without one): [first line, run fields, Run, pain-free line].
        self.runs: dict[str, list] = {}
        # A column the file lacks points past the end, at the blank cell
        # ``read`` appends to every record.
        width = header.width
        self.at = at = {key: header.positions.get(key, width) for key in BY_KEY}
        #: The texts that read as a Problem: while there is none, no row's
        #: values need looking through for one.
        self.spoilt: list[str] = []
        self.seen = {key: _Seen(BY_KEY[key].reader(header.onset_units if key == "pain_onset" else header.units),
                                self.spoilt)
                     for key in BY_KEY if key != "notes"}
        #: (position, values seen) of the run's columns before notes, which are read apart (each is its own).
        self.run_texts = itemgetter(*(at[key] for key in RUN_KEYS[:-1]))
        self.run_seen = tuple(self.seen[key] for key in RUN_KEYS[:-1])
        self.pain_texts = itemgetter(*(at[key] for key in PAIN_KEYS))
        self.pain_seen = tuple(self.seen[key] for key in PAIN_KEYS)
        self.read_notes = BY_KEY["notes"].reader(header.units)
        self.pain_values = self.seen["pain"]
        self.width = width
        self.at_notes, self.at_pain, self.at_run_id = at["notes"], at["pain"], at["run_id"]
        #: For Shoe and Orthotic: each name's type and the line that first gave it.
        self.gear_types: dict[type, dict[str, tuple]] = {Shoe: {}, Orthotic: {}}
        #: One Shoe or Orthotic per (class, name, type), shared by the runs.
        self.gear: dict[tuple, Shoe | Orthotic] = {}

    def _errors(self, line: int, keys: tuple[str, ...], values: list, cells: list[str], pain_row: bool = False
                ) -> list[Problem]:
        """The problems of cells whose value is a Problem or a blank that the row needs."""
        errors = []
        for key, value in zip(keys, values, strict=False):
            if value.__class__ is Problem:
                errors.append(replace(value, line=line, column=self.header.column_name(key)))
            elif value is None and not cells[self.at[key]].strip():
                column = BY_KEY[key]
                if column.required:
                    errors.append(Problem(Code.BLANK, line, self.header.column_name(key),
                                          f"is blank; {column.expected} is needed"))
                elif pain_row and column.required_on_pain_rows:
                    errors.append(Problem(Code.BLANK, line, key,
                                          f"is blank on a pain row; {column.expected} is needed"))
        return errors

    def read(self, line: int, cells: list[str]) -> None:
        """Check one record (``line`` is where it starts) and file it under its run."""
        if len(cells) != self.width:
            self.problems.append(Problem(Code.CELL_COUNT, line, None,
                                         f"the row has {len(cells)} cells but the header has {self.width}"))
            return
        cells.append("")
        # The common case, written for speed: every value already seen and good.
        values = list(map(getitem, self.run_seen, self.run_texts(cells)))
        (date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type, effort,
         *_rest) = values
        if (self.spoilt and Problem in map(type, values)) or date is None or distance_m is None or duration_s is None:
            errors = self._errors(line, RUN_KEYS, values, cells)
            values = [None if value.__class__ is Problem else value for value in values]
            (date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type, effort,
             *_rest) = values
        else:
            errors = []
        notes = cells[self.at_notes]
        if notes[:1] == "'":
            notes = self.read_notes(notes)
        if notes and (problem := notes_problem(notes)):
            errors.append(Problem(Code.CONTROL_CHARACTER, line, "notes", problem))
        if shoe_type is not None and shoe is None:
            errors.append(Problem(Code.NEEDS_OTHER, line, "shoe_type", "is filled in but shoe is blank"))
        if orthotic_type is not None and orthotic is None:
            errors.append(Problem(Code.NEEDS_OTHER, line, "orthotic_type", "is filled in but orthotic is blank"))
        pain = self.pain_values[cells[self.at_pain]]
        if pain is None or pain.__class__ is Problem:
            errors += self._errors(line, ("pain",), [pain], cells)
        pain_entry = None
        if pain is True:
            pain_entry = self._pain(line, cells, distance_m, duration_s, errors)
        elif pain is False and any(self.pain_texts(cells)):
            for key in PAIN_KEYS:
                if cells[self.at[key]].strip():
                    errors.append(Problem(Code.NOT_ON_PAIN_FREE_ROW, line, self.header.column_name(key),
                                          "is filled in but pain is no"))
        run_id = cells[self.at_run_id]
        if not (run_id.isdigit() and run_id.isascii()):
            run_id = self.seen["run_id"][run_id]
            if run_id.__class__ is Problem:
                errors += self._errors(line, ("run_id",), [run_id], cells)
        if errors:
            self.problems += errors
            return
        fields = (*values, notes)
        if pain_entry is None and run_id and run_id not in self.runs:
            # The common case: a run of one row without pain.
            self.runs[run_id] = [line, fields, self._new_run(line, fields), line]
        else:
            self._file(line, run_id, fields, pain_entry)

    def _pain(self, line: int, cells: list[str], distance_m, duration_s, errors: list) -> Pain | None:
        """The pain columns of a pain row, checked."""
        before = len(errors)
        values = list(map(getitem, self.pain_seen, self.pain_texts(cells)))
        errors += self._errors(line, PAIN_KEYS, values, cells, pain_row=True)
        if len(errors) > before:
            values = [None if value.__class__ is Problem else value for value in values]
        site, side, onset_m, onset_s, intensity, stopped, morning = values
        # Both onsets blank: the runner was not sure when the pain began (the detector leaves it out of the point).
        onset = self.header.column_name("pain_onset")
        if onset_m is not None and distance_m is not None and onset_m > distance_m:
            errors.append(Problem(Code.PAST_THE_RUN, line, onset, "is past the run's distance"))
        if onset_s is not None and duration_s is not None and onset_s > duration_s:
            errors.append(Problem(Code.PAST_THE_RUN, line, "pain_onset_min", "is past the run's duration"))
        if len(errors) > before:
            return None
        return Pain(site=site, side=side, onset_m=onset_m, onset_s=onset_s, intensity=intensity,
                    stopped_early=stopped, next_morning=morning)

    def _file(self, line: int, run_id: str | None, fields: tuple, pain: Pain | None) -> None:
        """File a checked row under its run: a new run, or one more row of a run already seen."""
        key = run_id or f"line {line}"
        found = self.runs.get(key)
        if found is None:
            found = self.runs[key] = [line, fields, self._new_run(line, fields), None]
        elif found[1] != fields:
            column = next(name for name, a, b in zip(RUN_KEYS, found[1], fields, strict=True) if a != b)
            self.problems.append(Problem(Code.RUN_ROWS_DIFFER, line, self.header.column_name(column),
                                         f"differs from line {found[0]}, which has the same run_id {run_id}"))
            return
        first_line, _, run, pain_free_line = found
        if pain is None:
            if run.pains:
                self.problems.append(Problem(Code.PAIN_ROWS_CONFLICT, line, "pain",
                                             f"is no, but run_id {run_id} has pain rows from line {first_line}"))
            elif pain_free_line is not None:
                self.problems.append(Problem(Code.PAIN_ROWS_CONFLICT, line, "pain",
                                             f"run_id {run_id} already has a pain = no row on line {pain_free_line}"))
            found[3] = line
        else:
            if pain_free_line is not None:
                self.problems.append(Problem(Code.PAIN_ROWS_CONFLICT, line, "pain",
                                             f"is yes, but run_id {run_id} has pain = no on line {pain_free_line}"))
            run.pains.append(pain)

    def _new_run(self, line: int, fields: tuple) -> Run:
        (date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type, effort, kind, cadence, ascent,
         descent, notes) = fields
        if shoe is not None:
            shoe = self.gear.get((Shoe, shoe, shoe_type)) or self._new_gear(line, Shoe, shoe, shoe_type)
        if orthotic is not None:
            orthotic = (self.gear.get((Orthotic, orthotic, orthotic_type))
                        or self._new_gear(line, Orthotic, orthotic, orthotic_type))
        return Run(date=date, start_time=start_time, distance_m=distance_m, duration_s=duration_s, shoe=shoe,
                   orthotic=orthotic, effort=effort, notes=notes or "", pains=[], kind=kind or ActivityKind.RUN,
                   cadence_spm=cadence, ascent_m=ascent, descent_m=descent)

    def _new_gear(self, line: int, kind: type, name: str, gear_type) -> Shoe | Orthotic:
        """The first Shoe or Orthotic of this name and type; a name given two
        types in the file is a problem."""
        gear = self.gear[(kind, name, gear_type)] = kind(name=name, type=gear_type)
        if gear_type is None:
            return gear
        first_type, first_line = self.gear_types[kind].setdefault(name, (gear_type, line))
        if first_type != gear_type:
            label = kind.__name__.lower()
            self.problems.append(Problem(
                Code.GEAR_TYPE_CONFLICT, line, f"{label}_type",
                f"is {first_type.value} on line {first_line} but {gear_type.value} here", f"{label} {shown(name)}"))
        return gear
