"""The columns of runlog's CSV form, in order, each with its reader and writer.

One list drives the three uses: the header and the cells of an export
(``writer``), the cells of an import (``reader``) and the data dictionary
(``dictionary``). A reader turns a cell's text into its value in stored
units (metres, seconds, enums), ``None`` for a blank cell, or a ``Problem``
(with no line or column yet: the file reader adds them). A writer turns a
stored value back into the cell's text. The distance and pain-onset columns
exist in two units (``distance_km`` or ``distance_mi``); their reader and
writer are made for the file's unit.

Every text cell (shoe and orthotic names, notes) that a spreadsheet would
read as a formula gets a protective leading ``'`` on export, and loses it on
import; numbers are written plain, so spreadsheets type them as numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from runlog.domain import ActivityKind, NextMorning, OrthoticType, PainSite, ShoeType, Side, Units
from runlog.domain.dates import date_problem, parse_hh_mm
from runlog.domain.limits import CADENCE_LIMIT_SPM, CLIMB_LIMIT_M, DISTANCE_LIMIT_M, DURATION_LIMIT_S
from runlog.domain.text import name_problem
from runlog.formats.problems import Code, Problem

#: A cell's text -> its value, ``None`` (blank) or a ``Problem``.
Reader = Callable[[str], object]
#: A stored value -> the cell's text.
Writer = Callable[[object], str]

#: A text cell beginning with one of these is a formula to a spreadsheet.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
#: The longest shoe or orthotic name an import accepts.
NAME_LIMIT = 200


def _problem(code: Code, message: str, cell: str | None = None) -> Problem:
    return Problem(code, 0, None, message, cell)


def shown(text: str) -> str:
    """A cell's text for a message, quoted and kept short (never used for notes)."""
    text = text.strip()
    return repr(text if len(text) <= 30 else text[:27] + "...")


# --- readers and writers --------------------------------------------------------


def number_reader(scale: float, limit: float, limit_text: str, more_than_zero: bool = False) -> Reader:
    """A reader of plain non-negative decimals, stored as ``value * scale``
    (metres or seconds), which must be finite and under ``limit``. The one
    number check of the format: distances, durations and onsets all use it."""
    inf = float("inf")

    def read(text: str):
        try:
            value = float(text)
        except ValueError:
            if text.strip():
                return _problem(Code.NOT_A_NUMBER, "is not a number", shown(text))
            return None
        # float() also takes "1_000", "inf" and "nan": none is a plain number.
        if value < 0:
            return _problem(Code.NEGATIVE, "is negative", shown(text))
        if not value < inf or "_" in text:
            return _problem(Code.NOT_PLAIN, "is not a plain number", shown(text))
        stored = value * scale
        # Checked after the conversion: 1e308 miles is finite, its metres are not.
        if not stored < limit:
            return _problem(Code.TOO_LARGE, f"is too large: runlog takes {limit_text}", shown(text))
        if more_than_zero and stored == 0:
            return _problem(Code.ZERO, "must be more than 0 minutes")
        return stored

    return read


def decimal_writer(divisor: float, decimals: int) -> Writer:
    """Stored metres or seconds as a plain decimal in the file's unit: at most
    ``decimals`` places, no trailing zeros (8.5, 10, 45.51)."""
    form = f"%.{decimals}f"

    def write(value) -> str:
        if value is None:
            return ""
        return (form % (value / divisor)).rstrip("0").rstrip(".")

    return write


def whole_writer(value) -> str:
    """A stored figure as a whole number (170, 38); blank for ``None``."""
    return "" if value is None else str(round(value))


def vocabulary_reader(values: dict[str, object], expected: str) -> Reader:
    """A reader of one of ``values`` (by text, any case, spaces around)."""

    def read(text: str):
        raw = text.strip()
        if not raw:
            return None
        value = values.get(raw.lower())
        if value is None:
            return _problem(Code.NOT_IN_VOCABULARY, f"is not {expected}", shown(text))
        return value

    return read


def scale_reader(low: int, high: int) -> Reader:
    """A reader of whole numbers ``low``-``high`` (effort, intensity); leading
    zeros are read as the number (``05`` is 5)."""

    def read(text: str):
        raw = text.strip()
        if not raw:
            return None
        if raw.isascii() and raw.isdigit():
            value = int(raw)
            if low <= value <= high:
                return value
            cell = raw if raw == str(value) else shown(raw)
            return _problem(Code.OUT_OF_RANGE, f"is outside {low}-{high}", cell)
        return _problem(Code.NOT_WHOLE, f"is not a whole number {low}-{high}", shown(text))

    return read


def read_date(text: str):
    raw = text.strip()
    if not raw:
        return None
    try:
        date = dt.date.fromisoformat(raw)
    except ValueError:
        date = None
    # fromisoformat also takes 20261120 and 2026-W47-5; the form does not.
    if date is None or date.isoformat() != raw:
        return _problem(Code.NOT_A_DATE, "is not a date in YYYY-MM-DD form", shown(text))
    # The run form's rule: 1900-01-01 up to today.
    problem = date_problem(date, dt.date.today())
    if problem:
        return _problem(Code.OUT_OF_RANGE, problem.replace("date is", "is"), shown(text))
    return date


def read_time(text: str):
    if not text.strip():
        return None
    try:
        return parse_hh_mm(text)
    except ValueError:
        return _problem(Code.NOT_A_TIME, "is not a time of day in HH:MM form", shown(text))


def read_run_id(text: str):
    raw = text.strip()
    if not raw:
        return None
    if raw.isascii() and raw.isdigit():
        return raw
    return _problem(Code.NOT_WHOLE, "is not a whole number", shown(raw))


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


def read_name(text: str):
    name = unneutralise(text).strip()
    if len(name) > NAME_LIMIT:
        return _problem(Code.TOO_LONG, f"the name is longer than {NAME_LIMIT} characters")
    if problem := name_problem(name):
        return _problem(Code.CONTROL_CHARACTER, problem)
    return name or None


def read_notes(text: str) -> str:
    return unneutralise(text)


def write_text(value) -> str:
    return "" if value is None else neutralise(value)


def write_plain(value) -> str:
    if value is None:
        return ""
    return value.value if isinstance(value, Enum) else str(value)


def write_yes_no(value) -> str:
    return "" if value is None else ("yes" if value else "no")


# --- the columns ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the form: its name, what the dictionary says about it,
    what a blank cell means, and how to read and write its cells."""

    #: The name it is read under; the header name too unless ``in_units``.
    key: str
    #: The dictionary's sentence; ``{unit}`` is the file's unit in words.
    meaning: str
    make_reader: Callable[[Units], Reader]
    make_writer: Callable[[Units], Writer] = lambda units: write_plain
    #: Named ``{key}_km`` or ``{key}_mi`` after the file's unit.
    in_units: bool = False
    #: What the cell holds, for "is blank; a number is needed".
    expected: str = ""
    #: Every row needs it (``date``), or every pain row (``pain_site``).
    required: bool = False
    required_on_pain_rows: bool = False

    def header(self, units: Units) -> str:
        return f"{self.key}_{Units(units).value}" if self.in_units else self.key

    def reader(self, units: Units) -> Reader:
        return self.make_reader(Units(units))

    def writer(self, units: Units) -> Writer:
        return self.make_writer(Units(units))


def _fixed(function: Callable) -> Callable[[Units], Callable]:
    return lambda units: function


def _values(enum) -> str:
    return ", ".join(f"`{member.value}`" for member in enum)


def _one_of(vocabulary) -> str:
    values = [member.value for member in vocabulary]
    return "one of " + ", ".join(values[:-1]) + " or " + values[-1]


def _by_value(*enums) -> dict[str, object]:
    return {member.value: member for enum in enums for member in enum}


_YES_NO = {"yes": True, "no": False}
_DISTANCE_LIMIT = "distances under 1,000 km (621.37 mi)"
_DURATION_LIMIT = "durations under 10 days (14,400 minutes)"
#: Up to and including the limit: ``number_reader`` takes values under the one it is given.
_CADENCE = number_reader(1.0, math.nextafter(CADENCE_LIMIT_SPM, math.inf), "cadences up to 300 steps per minute")
_CLIMB = number_reader(1.0, math.nextafter(CLIMB_LIMIT_M, math.inf), "ascents and descents up to 20,000 m")


def _distance_reader(units: Units) -> Reader:
    return number_reader(units.metres, DISTANCE_LIMIT_M, _DISTANCE_LIMIT)


def _distance_writer(units: Units) -> Writer:
    return decimal_writer(units.metres, 3)


COLUMNS: tuple[Column, ...] = (
    Column("run_id", "The run's number in the exporting log. Rows with the same run_id are one run "
           "(a run with pain at two sites has two rows).", _fixed(read_run_id)),
    Column("date", "The runner's local date of the run, YYYY-MM-DD.", _fixed(read_date),
           expected="a date", required=True),
    Column("start_time", "When the run started, HH:MM (24-hour); blank if not recorded.", _fixed(read_time)),
    Column("distance", "Distance run, in {unit}.", _distance_reader, _distance_writer, in_units=True,
           expected="a number", required=True),
    Column("duration_min", "Time running, in minutes (decimal: 45.5 is 45 min 30 s).",
           _fixed(number_reader(60.0, DURATION_LIMIT_S, _DURATION_LIMIT, more_than_zero=True)),
           _fixed(decimal_writer(60.0, 2)), expected="a number", required=True),
    Column("shoe", "Name of the shoe worn; blank if not recorded.", _fixed(read_name), _fixed(write_text)),
    Column("shoe_type", f"Kind of shoe: {_values(ShoeType)}; blank if not recorded.",
           _fixed(vocabulary_reader(_by_value(ShoeType), _one_of(ShoeType)))),
    Column("orthotic", "Name of the orthotic insert worn; blank when none was worn.", _fixed(read_name),
           _fixed(write_text)),
    Column("orthotic_type", f"Kind of orthotic: {_values(OrthoticType)} (`otc` is off the shelf); "
           "blank when none was worn.", _fixed(vocabulary_reader(_by_value(OrthoticType), _one_of(OrthoticType)))),
    Column("effort", "Perceived exertion, 1 (very easy) to 10 (all-out); blank if not recorded.",
           _fixed(scale_reader(1, 10))),
    Column("pain", "`yes` if the row records pain, `no` for a run without pain.",
           _fixed(vocabulary_reader(_YES_NO, "yes or no")), _fixed(write_yes_no), expected="yes or no",
           required=True),
    Column("pain_site", f"Where the pain was: {_values(PainSite)}.",
           _fixed(vocabulary_reader(_by_value(PainSite), "a pain site (see export --dictionary)")),
           expected="a pain site (see export --dictionary)", required_on_pain_rows=True),
    Column("pain_side", "Which leg: `left` or `right`.", _fixed(vocabulary_reader(_by_value(Side), "left or right")),
           expected="left or right", required_on_pain_rows=True),
    Column("pain_onset", "How far into the run the pain began, in {unit}; blank if not recorded.",
           _distance_reader, _distance_writer, in_units=True),
    Column("pain_onset_min", "How long into the run the pain began, in minutes; blank if not recorded.",
           _fixed(number_reader(60.0, DURATION_LIMIT_S, _DURATION_LIMIT)), _fixed(decimal_writer(60.0, 2))),
    Column("pain_intensity", "The worst pain during the run on the 0-10 numeric rating scale: "
           "0 no pain, 10 the worst pain imaginable.", _fixed(scale_reader(0, 10)),
           expected="a whole number 0-10", required_on_pain_rows=True),
    Column("stopped_early", "`yes` if the pain forced the runner to stop or cut the run short, else `no`.",
           _fixed(vocabulary_reader(_YES_NO, "yes or no")), _fixed(write_yes_no), expected="yes or no",
           required_on_pain_rows=True),
    Column("next_morning", f"How the pain was the next morning: {_values(NextMorning)}; blank if not recorded.",
           _fixed(vocabulary_reader(_by_value(NextMorning),
                                    "one of " + ", ".join(s.value for s in NextMorning) + " or blank"))),
    Column("notes", "The runner's free-text notes on the run.", _fixed(read_notes), _fixed(write_text)),
    # Last, so that files written before it existed still import (blank reads as a run).
    Column("activity", f"What kind of activity: {_values(ActivityKind)}; `walk` and `hike` are walks, "
           "the rest runs. Blank is `run`.",
           _fixed(vocabulary_reader(_by_value(ActivityKind), _one_of(ActivityKind) + " or blank"))),
    # After activity, for the same reason: a file may stop before any of them.
    Column("cadence_spm", "Average cadence in steps per minute (both feet counted); blank if not recorded.",
           _fixed(_CADENCE), _fixed(whole_writer)),
    Column("ascent_m", "Total ascent in whole metres; blank if not recorded.", _fixed(_CLIMB), _fixed(whole_writer)),
    Column("descent_m", "Total descent in whole metres; blank if not recorded.", _fixed(_CLIMB),
           _fixed(whole_writer)),
)

BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
#: The run's own columns, which every row of one run must repeat.
RUN_KEYS = ("date", "start_time", "distance", "duration_min", "shoe", "shoe_type", "orthotic", "orthotic_type",
            "effort", "activity", "cadence_spm", "ascent_m", "descent_m", "notes")
#: The columns of a pain row, blank on a row with pain = no.
PAIN_KEYS = ("pain_site", "pain_side", "pain_onset", "pain_onset_min", "pain_intensity", "stopped_early",
             "next_morning")


def header(units: Units) -> list[str]:
    """The header row of an export in ``units``."""
    return [column.header(units) for column in COLUMNS]


def header_names() -> dict[str, tuple[str, Units | None]]:
    """Every name a header may use: ``{"distance_mi": ("distance", Units.MI), "date": ("date", None), ...}``."""
    names: dict[str, tuple[str, Units | None]] = {}
    for column in COLUMNS:
        if column.in_units:
            for units in Units:
                names[column.header(units)] = (column.key, units)
        else:
            names[column.key] = (column.key, None)
    return names


def dictionary(units: Units = Units.KM) -> str:
    """The column dictionary (plain text with light Markdown) for the reader of an export."""
    units = Units(units)
    other_units = Units.KM if units is Units.MI else Units.MI
    unit = "miles" if units is Units.MI else "kilometres"
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
        other = ""
        if column.in_units:
            export = "a kilometre" if other_units is Units.KM else "a mile"
            other = f" (`{column.header(other_units)}` in {export} export)"
        lines.append(f"{column.header(units)}{other}: {column.meaning.format(unit=unit)}")
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
