"""The CSV file of CONTRACTS.md: export for the podiatrist, import of the same form.

No terminal here: the command line and the TUI's dialogs (from a worker
thread) call the same functions.

- ``export_csv(session, path, units, since, until) -> int`` writes the file
  atomically with mode 0600 and returns the number of runs written;
  ``write_csv(session, stream, ...)`` does the same into an open text stream
  (opened with ``newline=""``).
- ``import_csv(store, path, progress=None) -> ImportResult`` reads
  a file in either unit and writes it in one transaction, or raises
  ``ImportRejected`` listing every problem (nothing written). ``progress`` is
  called as ``progress(stage, done, total)`` with stage ``"checking"`` or
  ``"writing"``; it runs on the caller's thread.
- ``dictionary(units)`` is the column dictionary for the reader of an export.

Every text cell (shoe and orthotic names, notes) that a spreadsheet would
read as a formula gets a protective leading ``'`` on export, and loses it on
import; numbers are written plain, so spreadsheets type them as numbers.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy.orm import Session

from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Run, Shoe, ShoeType, Side, Units
from runlog.domain.dates import parse_time_of_day
from runlog.errors import UserError
from runlog.store.bulk import add_runs_in_bulk, export_rows, run_signatures_between
from runlog.store.gear import add_gear, list_orthotics, list_shoes

if TYPE_CHECKING:
    from runlog.store.handle import Store


# --- the columns --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the contract, with what the dictionary says about it."""

    name: str
    meaning: str
    #: The column's name in a file written with ``--units mi``, if it differs.
    mi_name: str | None = None

    def header(self, units: Units) -> str:
        return self.mi_name if units is Units.MI and self.mi_name else self.name


def _values(enum) -> str:
    return ", ".join(f"`{member.value}`" for member in enum)


COLUMNS: tuple[Column, ...] = (
    Column("run_id", "The run's number in the exporting log. Rows with the same run_id are one run "
           "(a run with pain at two sites has two rows)."),
    Column("date", "The runner's local date of the run, YYYY-MM-DD."),
    Column("start_time", "When the run started, HH:MM (24-hour); blank if not recorded."),
    Column("distance_km", "Distance run, in {unit}.", "distance_mi"),
    Column("duration_min", "Time running, in minutes (decimal: 45.5 is 45 min 30 s)."),
    Column("shoe", "Name of the shoe worn; blank if not recorded."),
    Column("shoe_type", f"Kind of shoe: {_values(ShoeType)}; blank if not recorded."),
    Column("orthotic", "Name of the orthotic insert worn; blank when none was worn."),
    Column("orthotic_type", f"Kind of orthotic: {_values(OrthoticType)} (`otc` is off the shelf); "
           "blank when none was worn."),
    Column("effort", "Perceived exertion, 1 (very easy) to 10 (all-out); blank if not recorded."),
    Column("pain", "`yes` if the row records pain, `no` for a run without pain."),
    Column("pain_site", f"Where the pain was: {_values(PainSite)}."),
    Column("pain_side", "Which leg: `left` or `right`."),
    Column("pain_onset_km", "How far into the run the pain began, in {unit}; blank if not recorded.",
           "pain_onset_mi"),
    Column("pain_onset_min", "How long into the run the pain began, in minutes; blank if not recorded."),
    Column("pain_intensity", "The worst pain during the run on the 0-10 numeric rating scale: "
           "0 no pain, 10 the worst pain imaginable."),
    Column("stopped_early", "`yes` if the pain forced the runner to stop or cut the run short, else `no`."),
    Column("next_morning", f"How the pain was the next morning: {_values(NextMorning)}; "
           "blank if not recorded."),
    Column("notes", "The runner's free-text notes on the run."),
)

#: Columns an import cannot do without (``distance_km`` or ``distance_mi``).
REQUIRED = ("date", "distance", "duration_min", "pain")

#: A text cell beginning with one of these is a formula to a spreadsheet.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")


def header(units: Units) -> list[str]:
    """The header row of an export in ``units``."""
    return [column.header(units) for column in COLUMNS]


def dictionary(units: Units = Units.KM) -> str:
    """The column dictionary (plain text with light Markdown) for the reader of an export."""
    lines = [
        "runlog CSV export: column dictionary",
        "",
        "One row per run and pain site: a run without pain is one row with pain = no; "
        "a run with pain at two sites is two rows sharing run_id and the run's columns. "
        "UTF-8, comma-separated, first row is the header.",
        "Numbers are plain decimals with a dot (8.5, 10, 45.25). Blank means not recorded.",
        "A text cell that a spreadsheet would take for a formula (starting with = + - @, tab or "
        "carriage return) is written with a leading apostrophe ('), which is not part of the text.",
        "",
    ]
    for column in COLUMNS:
        name = column.header(units)
        other = f" (`{column.name}` in a kilometre export)" if name != column.name else (
            f" (`{column.mi_name}` in a mile export)" if column.mi_name else "")
        unit = "miles" if units is Units.MI else "kilometres"
        lines.append(f"{name}{other}: {column.meaning.format(unit=unit)}")
    lines += [
        "",
        "Pain sites in plain words: "
        + "; ".join(f"`{site.value}` = {site.label}" for site in PainSite) + ".",
        "Pain columns are blank on a row with pain = no. A pain row gives where (site, side), "
        "when it began (distance and/or time into the run), how bad (0-10), whether it stopped "
        "the run, and the next morning.",
        "runlog finds patterns in the runner's own log; it does not diagnose.",
    ]
    return "\n".join(lines) + "\n"


# --- export -------------------------------------------------------------------


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet: a leading ``'`` when it would be
    read as a formula (also before text that already starts with apostrophes
    and then a trigger, so that ``unneutralise`` gives back the original)."""
    if text and (text[0] in FORMULA_TRIGGERS or (text[0] == "'" and text.lstrip("'")[:1] in FORMULA_TRIGGERS)):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The inverse of ``neutralise``: drop a leading ``'`` standing before a
    formula trigger (or before more apostrophes and a trigger)."""
    if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def write_csv(
    session: Session,
    stream: TextIO,
    units: Units = Units.KM,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> int:
    """Write the runs dated within [since, until] (either end open) to
    ``stream`` in the contract's format; returns the number of runs."""
    units = Units(units)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header(units))
    per_unit = units.metres
    triggers = FORMULA_TRIGGERS | {"'"}
    runs = 0
    last_id = None
    batch: list[tuple] = []
    # One loop with the formatting written out (rather than a call per cell):
    # it is what an export of a long log spends its time on.
    for (run_id, date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type,
         effort, notes, site, side, onset_m, onset_s, intensity, stopped_early, next_morning
         ) in export_rows(session, since, until):
        if run_id != last_id:
            runs += 1
            last_id = run_id
        if shoe and shoe[0] in triggers:
            shoe = neutralise(shoe)
        if orthotic and orthotic[0] in triggers:
            orthotic = neutralise(orthotic)
        if notes and notes[0] in triggers:
            notes = neutralise(notes)
        distance = ("%.3f" % (distance_m / per_unit)).rstrip("0").rstrip(".")
        duration = ("%.2f" % (duration_s / 60.0)).rstrip("0").rstrip(".")
        if site is None:
            batch.append((run_id, date, start_time, distance, duration, shoe, shoe_type, orthotic, orthotic_type,
                          effort, "no", None, None, None, None, None, None, None, notes))
        else:
            batch.append((
                run_id, date, start_time, distance, duration, shoe, shoe_type, orthotic, orthotic_type, effort,
                "yes",
                site,
                side,
                None if onset_m is None else ("%.3f" % (onset_m / per_unit)).rstrip("0").rstrip("."),
                None if onset_s is None else ("%.2f" % (onset_s / 60.0)).rstrip("0").rstrip("."),
                intensity,
                "yes" if stopped_early else "no",
                next_morning,
                notes,
            ))
        if len(batch) >= 2000:
            writer.writerows(batch)
            batch.clear()
    writer.writerows(batch)
    return runs


def export_csv(
    session: Session,
    path: Path,
    units: Units = Units.KM,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> int:
    """Write the export to ``path`` (created with mode 0600, replaced
    atomically: a reader never sees half a file); returns the number of runs.

    Raises ``UserError`` when the folder does not exist or cannot be written.
    """
    return write_file(Path(path), lambda stream: write_csv(session, stream, units, since, until))


def write_file(path: Path, write: Callable[[TextIO], int]) -> int:
    """Call ``write`` on a private temporary file beside ``path``, then move it
    into place; returns what ``write`` returned."""
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise UserError(f"cannot write {path}: it is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except PermissionError:
        raise UserError(f"cannot write {path}: permission denied in {folder}") from None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    try:
        os.fchmod(fd, 0o600)
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
        _sync_folder(folder)
    except BaseException as exc:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return result


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- import -------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file. ``line`` is the physical line
    (the header is line 1); ``column`` the header name, if one is at fault."""

    line: int
    column: str
    reason: str

    def describe(self, filename: str) -> str:
        where = f"{filename}, line {self.line}" if self.line else filename
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


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

    def messages(self, limit: int = 50) -> list[str]:
        """One sentence per problem, the first ``limit`` of them, then how many more."""
        lines = [problem.describe(self.filename) for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return lines


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    runs: int
    pains: int
    skipped: int
    units: Units
    #: Columns in the file that are not part of the contract (not read).
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        """``imported 412 runs with 96 pain entries; skipped 3 already present``."""
        text = (
            f"imported {self.runs} run{'' if self.runs == 1 else 's'} with "
            f"{self.pains} pain entr{'y' if self.pains == 1 else 'ies'}; "
            f"skipped {self.skipped} already present"
        )
        if self.ignored_columns:
            text += "; ignored unknown column" + ("s " if len(self.ignored_columns) > 1 else " ")
            text += ", ".join(self.ignored_columns)
        return text


Progress = Callable[[str, int, int], None]

#: The run's own columns, in the order of a checked run's ``fields``.
_RUN_FIELDS = ("date", "start_time", "distance", "duration_min", "shoe", "shoe_type", "orthotic",
               "orthotic_type", "effort", "notes")
_PAIN_FIELDS = ("pain_site", "pain_side", "pain_onset", "pain_onset_min", "pain_intensity",
                "stopped_early", "next_morning")
_YES_NO = {"yes": True, "no": False}
_NAME_LIMIT = 200
_PROGRESS_EVERY = 2000
_UNSEEN = object()
_from_iso = dt.date.fromisoformat


def _show(text: str) -> str:
    """A cell's value for a message, kept short (never used for notes)."""
    text = text.strip()
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _one_of(vocabulary) -> str:
    values = [member.value for member in vocabulary]
    return "one of " + ", ".join(values[:-1]) + " or " + values[-1]


_SHOE_TYPES = _one_of(ShoeType)
_ORTHOTIC_TYPES = _one_of(OrthoticType)
_MORNINGS = "one of " + ", ".join(status.value for status in NextMorning) + " or blank"


@dataclass(slots=True)
class _FoundRun:
    """A run as read from the file, before it meets the database."""

    #: The line of its first row.
    line: int
    #: The run's own columns, checked; its other rows must have the same.
    fields: tuple
    run: Run
    #: The line of its ``pain = no`` row, if it has one.
    pain_free_line: int | None = None


class _Checker:
    """Checks a file's records and groups them into runs, collecting every problem.

    Cell texts already seen are looked up rather than parsed again (a long
    log repeats its dates, times, gear and vocabulary); only a text not seen
    before goes through the lenient parse (spaces, capitals) and the error
    messages.
    """

    def __init__(self, header_row: list[str]):
        self.problems: list[Problem] = []
        #: Header names that are not part of the contract (their cells are not read).
        self.ignored: list[str] = []
        #: The runs by run_id (or by line, for a row without one), in file order.
        self.runs: dict[str, _FoundRun] = {}
        self.width = len(header_row)
        index = self._read_header(header_row)
        self.units = self._unit_of(index, "distance")
        self.onset_units = self._unit_of(index, "pain_onset")
        if not index:
            self.problems.append(Problem(1, "", "there is no header row (the first line should name the "
                                         "columns: run_id, date, distance_km, ...)"))
            return
        for key in REQUIRED:
            if key not in index:
                label = "distance_km or distance_mi" if key == "distance" else key
                self.problems.append(Problem(1, label, "a required column is missing from the header"))
        # Where each column is in a record; a column the file lacks points
        # past the end, at the blank cell ``read`` appends to every record.
        self.at = {key: index.get(key, self.width) for key in ("run_id", "pain", *_RUN_FIELDS, *_PAIN_FIELDS)}
        #: For "shoe" and "orthotic": each name's type and the line that first gave it.
        self.gear_types: dict[str, dict[str, tuple]] = {"shoe": {}, "orthotic": {}}
        self.seen: dict[str, dict] = {
            "start_time": {"": None},
            "shoe_type": {"": None, **{kind.value: kind for kind in ShoeType}},
            "orthotic_type": {"": None, **{kind.value: kind for kind in OrthoticType}},
            "effort": {"": None, **{str(n): n for n in range(1, 11)}},
            "pain": dict(_YES_NO),
            "pain_site": {site.value: site for site in PainSite},
            "pain_side": {side.value: side for side in Side},
            "pain_intensity": {str(n): n for n in range(0, 11)},
            "stopped_early": dict(_YES_NO),
            "next_morning": {"": None, **{status.value: status for status in NextMorning}},
        }
        self.run_at = tuple(self.at[key] for key in _RUN_FIELDS)
        self.pain_fields_at = tuple(self.at[key] for key in _PAIN_FIELDS)
        #: Checked (site, side, intensity, stopped_early, next_morning) by their texts.
        self.pain_cells: dict[tuple[str, ...], tuple] = {}
        self.start_times = self.seen["start_time"]
        self.efforts = self.seen["effort"]
        self.pain_at = self.at["pain"]
        self.run_id_at = self.at["run_id"]
        self.metres_per_unit = self.units.metres
        #: Parsed gear cells (shoe, shoe_type, orthotic, orthotic_type) by their texts.
        self.gear_cells: dict[tuple[str, str, str, str], tuple] = {}
        #: One Shoe or Orthotic object per (class, name, type), shared by the runs.
        self.gear: dict[tuple, Shoe | Orthotic] = {}

    def _read_header(self, header_row: list[str]) -> dict[str, int]:
        known = {column.name for column in COLUMNS} | {c.mi_name for c in COLUMNS if c.mi_name}
        index: dict[str, int] = {}
        for position, raw in enumerate(header_row):
            name = raw.strip().lower()
            if name in index:
                self.problems.append(Problem(1, name, "the column appears twice in the header"))
            elif name in known:
                index[name] = position
            elif name:
                self.ignored.append(raw.strip())
        return index

    def _unit_of(self, index: dict[str, int], key: str) -> Units:
        """File the distance-like column ``key`` under its plain key; its unit."""
        km, mi = f"{key}_km", f"{key}_mi"
        if km in index and mi in index:
            self.problems.append(Problem(1, mi, f"the header has both {km} and {mi}; keep one"))
        if mi in index:
            index[key] = index.pop(mi)
            return Units.MI
        if km in index:
            index[key] = index.pop(km)
        return Units.KM

    def column_name(self, key: str) -> str:
        """The header name of the column read under ``key``."""
        if key == "distance":
            return f"distance_{self.units.value}"
        if key == "pain_onset":
            return f"pain_onset_{self.onset_units.value}"
        return key

    def read(self, line: int, cells: list[str]) -> None:
        """Check one record (``line`` is where it starts) and file it under its run."""
        if len(cells) != self.width:
            self.problems.append(Problem(line, "", f"the row has {len(cells)} cells but the header has {self.width}"))
            return
        cells.append("")
        errors: list[tuple[str, str]] = []
        fields = self._run_fields(line, cells, errors)
        text = cells[self.pain_at]
        pain = _YES_NO.get(text)
        if pain is None:
            pain = self._choice("pain", text, errors, "yes or no")
        pain_entry = None
        if pain:
            pain_entry = self._pain(cells, fields, errors)
        elif pain is not None:
            for key in _PAIN_FIELDS:
                if cells[self.at[key]].strip():
                    errors.append((self.column_name(key), "is filled in but pain is no"))
        run_id = cells[self.run_id_at]
        if run_id and not run_id.isdigit():
            run_id = run_id.strip()
            if run_id and not run_id.isdigit():
                errors.append(("run_id", f"{_show(run_id)} is not a whole number"))
        if errors:
            self.problems.extend(Problem(line, column, reason) for column, reason in errors)
            return
        key = run_id or f"line {line}"
        run = self.runs.get(key)
        if run is None:
            run = self.runs[key] = _FoundRun(line, fields, self._new_run(fields))
        elif run.fields != fields:
            column = next(name for name, a, b in zip(_RUN_FIELDS, run.fields, fields, strict=True) if a != b)
            self.problems.append(Problem(
                line, self.column_name(column), f"differs from line {run.line}, which has the same run_id {run_id}"))
            return
        if pain_entry is None:
            if run.run.pains:
                self.problems.append(Problem(
                    line, "pain", f"is no, but run_id {run_id} has pain rows from line {run.line}"))
            elif run.pain_free_line is not None:
                self.problems.append(Problem(
                    line, "pain", f"run_id {run_id} already has a pain = no row on line {run.pain_free_line}"))
            run.pain_free_line = line
        else:
            if run.pain_free_line is not None:
                self.problems.append(Problem(
                    line, "pain", f"is yes, but run_id {run_id} has pain = no on line {run.pain_free_line}"))
            run.run.pains.append(pain_entry)

    def _new_run(self, fields: tuple) -> Run:
        date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type, effort, notes = fields
        if shoe is not None:
            shoe = self.gear.get((Shoe, shoe, shoe_type)) or self.gear.setdefault(
                (Shoe, shoe, shoe_type), Shoe(name=shoe, type=shoe_type))
        if orthotic is not None:
            orthotic = self.gear.get((Orthotic, orthotic, orthotic_type)) or self.gear.setdefault(
                (Orthotic, orthotic, orthotic_type), Orthotic(name=orthotic, type=orthotic_type))
        return Run(date=date, start_time=start_time, distance_m=distance_m, duration_s=duration_s, shoe=shoe,
                   orthotic=orthotic, effort=effort, notes=notes, pains=[])

    def _run_fields(self, line: int, cells: list[str], errors: list[tuple[str, str]]) -> tuple:
        """The run's own columns of a record, checked. The common case of each
        cell is written out here (a long import spends its time in this
        method); anything unusual goes to the helper that explains it."""
        at_date, at_start, at_distance, at_duration, at_shoe, at_shoe_type, at_orthotic, at_orthotic_type, \
            at_effort, at_notes = self.run_at
        text = cells[at_date]
        try:
            # fromisoformat also takes 20261120 and 2026-W47-5; these do not.
            date = _from_iso(text) if len(text) == 10 and text[7] == "-" else None
        except ValueError:
            date = None
        if date is None:
            date = self._date(text, errors)
        text = cells[at_start]
        start_time = self.start_times.get(text, _UNSEEN)
        if start_time is _UNSEEN:
            start_time = self._time(text, errors)
        text = cells[at_distance]
        try:
            distance_m = float(text)
            if not 0 <= distance_m < math.inf or "_" in text:
                raise ValueError
            distance_m *= self.metres_per_unit
        except ValueError:
            distance_m = None
            self._number("distance", text, errors, required=True)
        text = cells[at_duration]
        try:
            duration_s = float(text)
            if not 0 < duration_s < math.inf or "_" in text:
                raise ValueError
            duration_s *= 60.0
        except ValueError:
            duration_s = None
            if self._number("duration_min", text, errors, required=True) == 0:
                errors.append(("duration_min", "must be more than 0 minutes"))
        gear_texts = (cells[at_shoe], cells[at_shoe_type], cells[at_orthotic], cells[at_orthotic_type])
        gear = self.gear_cells.get(gear_texts) or self._gear(line, gear_texts, errors)
        text = cells[at_effort]
        effort = self.efforts.get(text, _UNSEEN)
        if effort is _UNSEEN:
            effort = self._choice("effort", text, errors, "a whole number 1-10")
        notes = cells[at_notes]
        if notes[:1] == "'":
            notes = unneutralise(notes)
        return (date, start_time, distance_m, duration_s, *gear, effort, notes)

    def _gear(self, line: int, texts: tuple[str, str, str, str], errors: list[tuple[str, str]]) -> tuple:
        """Shoe and orthotic names and types, checked once per distinct set of
        texts; a name given two types in the file is a problem."""
        shoe_text, shoe_type_text, orthotic_text, orthotic_type_text = texts
        before = len(errors)
        shoe = self._name("shoe", shoe_text, errors)
        shoe_type = self._choice("shoe_type", shoe_type_text, errors, _SHOE_TYPES)
        orthotic = self._name("orthotic", orthotic_text, errors)
        orthotic_type = self._choice("orthotic_type", orthotic_type_text, errors, _ORTHOTIC_TYPES)
        if shoe_type is not None and shoe is None:
            errors.append(("shoe_type", "is filled in but shoe is blank"))
        if orthotic_type is not None and orthotic is None:
            errors.append(("orthotic_type", "is filled in but orthotic is blank"))
        gear = (shoe, shoe_type, orthotic, orthotic_type)
        if len(errors) == before:
            self.gear_cells[texts] = gear
            self._note_gear_types(line, gear)
        return gear

    def _pain(self, cells: list[str], fields: tuple, errors: list[tuple[str, str]]) -> Pain | None:
        """The pain columns of a pain row, checked."""
        at_site, at_side, at_onset, at_onset_min, at_intensity, at_stopped, at_morning = self.pain_fields_at
        before = len(errors)
        texts = (cells[at_site], cells[at_side], cells[at_intensity], cells[at_stopped], cells[at_morning])
        ratings = self.pain_cells.get(texts) or self._ratings(texts, errors)
        onset_m = self._onset("pain_onset", cells[at_onset], self.onset_units.metres, errors)
        onset_s = self._onset("pain_onset_min", cells[at_onset_min], 60.0, errors)
        if onset_m is None and onset_s is None and not cells[at_onset].strip() and not cells[at_onset_min].strip():
            errors.append((self.column_name("pain_onset"),
                           "is blank, and so is pain_onset_min; a pain row needs one of them"))
        distance_m, duration_s = fields[2], fields[3]
        if onset_m is not None and distance_m is not None and onset_m > distance_m:
            errors.append((self.column_name("pain_onset"), "is past the run's distance"))
        if onset_s is not None and duration_s is not None and onset_s > duration_s:
            errors.append(("pain_onset_min", "is past the run's duration"))
        if len(errors) > before:
            return None
        site, side, intensity, stopped, morning = ratings
        return Pain(site=site, side=side, onset_m=onset_m, onset_s=onset_s, intensity=intensity,
                    stopped_early=stopped, next_morning=morning)

    def _ratings(self, texts: tuple[str, ...], errors: list[tuple[str, str]]) -> tuple | None:
        """Site, side, intensity, stopped early and next morning, checked once
        per distinct set of texts."""
        before = len(errors)
        site_text, side_text, intensity_text, stopped_text, morning_text = texts
        ratings = (
            self._choice("pain_site", site_text, errors, "a pain site (see export --dictionary)", required=True),
            self._choice("pain_side", side_text, errors, "left or right", required=True),
            self._choice("pain_intensity", intensity_text, errors, "a whole number 0-10", required=True),
            self._choice("stopped_early", stopped_text, errors, "yes or no", required=True),
            self._choice("next_morning", morning_text, errors, _MORNINGS),
        )
        if len(errors) > before:
            return None
        self.pain_cells[texts] = ratings
        return ratings

    def _onset(self, key: str, text: str, metres_or_seconds: float, errors: list) -> float | None:
        """An onset cell in metres or seconds (``metres_or_seconds`` per unit), or ``None`` if blank."""
        if not text:
            return None
        try:
            value = float(text)
            if 0 <= value < math.inf and "_" not in text:
                return value * metres_or_seconds
        except ValueError:
            pass
        value = self._number(key, text, errors)
        return None if value is None else value * metres_or_seconds

    def _choice(self, key: str, text: str, errors: list, expected: str = "", required: bool = False):
        """The value of a cell from a fixed set (vocabulary, yes/no, a 0-10 scale)."""
        seen = self.seen[key]
        value = seen.get(text, _UNSEEN)
        if value is not _UNSEEN:
            return value
        raw = text.strip()
        value = seen.get(raw.lower(), _UNSEEN)
        if value is not _UNSEEN:
            seen[text] = value
            return value
        if not raw:
            errors.append((key, f"is blank{' on a pain row' if required else ''}; {expected} is needed"))
        elif key in ("effort", "pain_intensity") and raw.isdigit():
            errors.append((key, f"{int(raw)} is outside {expected.rsplit(' ', 1)[-1]}"))
        else:
            errors.append((key, f"{_show(text)} is not {expected}"))
        return None

    def _number(self, key: str, text: str, errors: list, required: bool = False) -> float | None:
        """A non-negative decimal, or ``None`` for a blank cell."""
        try:
            value = float(text)
        except ValueError:
            if text.strip():
                errors.append((self.column_name(key), f"{_show(text)} is not a number"))
            elif required:
                errors.append((self.column_name(key), "is blank; a number is needed"))
            return None
        if 0 <= value < math.inf and "_" not in text:
            return value
        reason = "is negative" if value < 0 else "is not a plain number"
        errors.append((self.column_name(key), f"{_show(text)} {reason}"))
        return None

    def _date(self, text: str, errors: list) -> dt.date | None:
        raw = text.strip()
        try:
            date = dt.date.fromisoformat(raw)
        except ValueError:
            date = None
        if date is None or date.isoformat() != raw:
            errors.append(("date", f"{_show(text)} is not a date in YYYY-MM-DD form" if raw
                           else "is blank; a date is needed"))
            return None
        return date

    def _time(self, text: str, errors: list) -> dt.time | None:
        try:
            value = parse_time_of_day(text) if text.strip() else None
        except ValueError:
            errors.append(("start_time", f"{_show(text)} is not a time of day in HH:MM form"))
            return None
        self.seen["start_time"][text] = value
        return value

    def _name(self, key: str, text: str, errors: list) -> str | None:
        name = unneutralise(text).strip()
        if len(name) > _NAME_LIMIT:
            errors.append((key, f"the name is longer than {_NAME_LIMIT} characters"))
        return name or None

    def _note_gear_types(self, line: int, gear: tuple) -> None:
        for kind, name, gear_type in (("shoe", gear[0], gear[1]), ("orthotic", gear[2], gear[3])):
            if name is None or gear_type is None:
                continue
            first_type, first_line = self.gear_types[kind].setdefault(name, (gear_type, line))
            if first_type != gear_type:
                self.problems.append(Problem(
                    line, f"{kind}_type",
                    f"{kind} {_show(name)} is {first_type.value} on line {first_line} but {gear_type.value} here"))


def _read_text(path: Path) -> str:
    """The file's text; ``UserError`` if unreadable, ``ImportRejected`` naming
    every line that is not UTF-8."""
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems = []
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(Problem(number, "", f"is not valid UTF-8 (byte {exc.start + 1} of the line); "
                                        "save the file as UTF-8"))
        raise ImportRejected(str(path), problems) from None
    if not text.strip():
        raise ImportRejected(str(path), [Problem(0, "", "the file is empty")])
    return text


def read_runs(path: Path, progress: Progress | None = None) -> tuple[list[Run], _Checker]:
    """Read and check the file at ``path`` without touching any database.

    Returns the runs (gear without ids) and the checker, whose ``problems``
    lists everything wrong with the rows; a file that cannot be read as a
    whole raises ``ImportRejected`` (or ``UserError``) at once. ``progress``
    gets ``("checking", line, lines)``.
    """
    path = Path(path)
    text = _read_text(path)
    lines = text.count("\n") + (not text.endswith("\n"))
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    try:
        checker = _Checker(next(reader))
    except csv.Error as exc:
        raise ImportRejected(str(path), [Problem(1, "", f"the header is not readable CSV ({exc})")]) from None
    if checker.problems:
        raise ImportRejected(str(path), checker.problems)
    read = checker.read
    line = 2
    try:
        for cells in reader:
            # Skip blank lines, and rows of empty cells that spreadsheets leave.
            if "".join(cells).strip():
                read(line, cells)
            line = reader.line_num + 1
            if progress is not None and line % _PROGRESS_EVERY == 0:
                progress("checking", line, lines)
    except csv.Error as exc:
        checker.problems.append(Problem(line, "", f"is not readable CSV ({exc}); nothing after it was read"))
        raise ImportRejected(str(path), checker.problems) from None
    if progress is not None:
        progress("checking", lines, lines)
    return [found.run for found in checker.runs.values()], checker


def import_csv(
    store: Store, path: Path, progress: Progress | None = None
) -> ImportResult:
    """Import the CSV file at ``path`` into the log, all or nothing.

    Runs already in the log (same date, start time to the minute, distance
    and duration to the file's precision) are skipped and counted; shoes and
    orthotics not yet in the log are created by name. Raises
    ``ImportRejected`` with every problem found, having written nothing, or
    ``UserError`` when the file cannot be read. Safe to call from a worker
    thread: it opens its own session and transaction, and ``progress`` is
    called on that thread (post a message from it). Python's cyclic garbage
    collector is paused for the duration (process-wide; a few seconds for
    100,000 rows), which roughly halves the time of a large import.
    """
    path = Path(path)
    with _collector_paused():
        return _import(store, path, progress)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector: reading a long file creates
    hundreds of thousands of objects that all live to the end, and the
    collector would keep walking them (it doubled an import's time). Nothing
    here makes reference cycles, so nothing is lost by waiting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(store: Store, path: Path, progress: Progress | None) -> ImportResult:
    runs, checker = read_runs(path, progress)
    problems = list(checker.problems)
    with store.write() as session:
        shoes = {usage.shoe.name: usage.shoe for usage in list_shoes(session)}
        orthotics = {orthotic.name: orthotic for orthotic in list_orthotics(session)}
        problems += _gear_conflicts("shoe", checker.gear_types["shoe"], shoes)
        problems += _gear_conflicts("orthotic", checker.gear_types["orthotic"], orthotics)
        if problems:
            # Leaving the block by an exception rolls the transaction back.
            raise ImportRejected(str(path), problems)
        fresh = _not_yet_stored(session, runs, checker.units)
        _store_new_gear(session, fresh, shoes, orthotics)
        report = None if progress is None else (lambda done, total: progress("writing", done, total))
        pains = add_runs_in_bulk(session, fresh, progress=report)
    return ImportResult(
        runs=len(fresh),
        pains=pains,
        skipped=len(runs) - len(fresh),
        units=checker.units,
        ignored_columns=tuple(checker.ignored),
    )


def _gear_conflicts(kind: str, in_file: dict[str, tuple], stored: dict) -> list[Problem]:
    """Where the file gives a shoe or orthotic another type than the log does."""
    problems = []
    for name, (gear_type, line) in in_file.items():
        known = stored.get(name)
        if known is not None and known.type is not None and known.type != gear_type:
            problems.append(Problem(
                line, f"{kind}_type",
                f"{kind} {_show(name)} is {known.type.value} in your log but {gear_type.value} here"))
    return problems


def _not_yet_stored(session: Session, runs: list[Run], units: Units) -> list[Run]:
    """``runs`` without those already in the log, found with one query over
    the file's date range. Distances match to half the file's last digit
    (3 decimals of its unit), durations to half a second (2 decimals of a
    minute is 0.3 s), start times to the minute."""
    if not runs:
        return []
    first = min(run.date for run in runs)
    last = max(run.date for run in runs)
    signatures = run_signatures_between(session, first, last)
    if not signatures:
        return runs
    same_distance = 0.0005 * units.metres + 1e-6
    stored: dict[tuple, list[tuple[float, float]]] = {}
    for date, start_time, distance_m, duration_s in signatures:
        stored.setdefault((date, _minute(start_time)), []).append((distance_m, duration_s))
    fresh = []
    for run in runs:
        candidates = stored.get((run.date, _minute(run.start_time)), ())
        if not any(
            abs(distance_m - run.distance_m) <= same_distance and abs(duration_s - run.duration_s) <= 0.5
            for distance_m, duration_s in candidates
        ):
            fresh.append(run)
    return fresh


def _minute(value: dt.time | None) -> dt.time | None:
    return None if value is None else value.replace(second=0, microsecond=0)


def _store_new_gear(session: Session, runs: list[Run], shoes: dict[str, Shoe],
                    orthotics: dict[str, Orthotic]) -> None:
    """Add the shoes and orthotics of ``runs`` that the log lacks (first used
    on the earliest of those runs, typed as the file says), then point every
    run at the stored gear."""
    new_shoes: dict[str, list] = {}
    new_orthotics: dict[str, list] = {}
    for run in runs:
        shoe, orthotic = run.shoe, run.orthotic
        if shoe is not None and shoe.name not in shoes:
            _note_first_use(new_shoes, shoe, run.date)
        if orthotic is not None and orthotic.name not in orthotics:
            _note_first_use(new_orthotics, orthotic, run.date)
    for name, (first_used, shoe_type) in new_shoes.items():
        shoes[name] = add_gear(session, Shoe(name=name, type=shoe_type, first_used=first_used))
    for name, (first_used, orthotic_type) in new_orthotics.items():
        orthotics[name] = add_gear(
            session, Orthotic(name=name, type=orthotic_type, first_used=first_used))
    for run in runs:
        if run.shoe is not None:
            run.shoe = shoes[run.shoe.name]
        if run.orthotic is not None:
            run.orthotic = orthotics[run.orthotic.name]


def _note_first_use(new: dict[str, list], gear: Shoe | Orthotic, date: dt.date) -> None:
    seen = new.get(gear.name)
    if seen is None:
        new[gear.name] = [date, gear.type]
    else:
        seen[0] = min(seen[0], date)
        seen[1] = seen[1] or gear.type
