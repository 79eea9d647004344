"""Strava's bulk export: its ``activities.csv``, with the files its ``Filename`` column points to.

The CSV repeats column names with different units (``Elapsed Time`` in whole
seconds, then in float seconds; ``Distance`` in the runner's display unit, then
in metres), so columns are found by position, never by a name-keyed reader.
``Activity Date`` is UTC. Exports made before 2019 have lower-case headers and
metres; German accounts get German headers, day-first dates and decimal commas.
An activity with a file takes its local time, moving time and lap presses from
that file; a manual entry (no file) is imported from the CSV's own figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from runlog.domain.activity import Activity, ActivityKind, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, decode_text, local_start, split_local, text_lines
from runlog.formats.bounded import MAX_CSV_ACTIVITIES, gunzip
from runlog.formats.fit import is_fit, read_fit
from runlog.formats.gpx import read_gpx
from runlog.formats.tcx import read_tcx

#: Opens a path inside the export (``activities/123.fit.gz``): its bytes, or None when missing.
OpenFile = Callable[[str], bytes | None]


@dataclass(frozen=True, slots=True)
class _Header:
    """Where one language's header puts each column runlog reads (first use of each name)."""

    language: str
    id: str
    date: str
    type: str
    elapsed: str
    distance: str
    moving: str | None
    gear: str
    filename: str
    cadence: str
    gain: str
    loss: str
    #: The metres are in the second column of this name (the first is in display units).
    metres_in_second_distance: bool
    decimal_comma: bool


_HEADERS = (
    _Header("English", "Activity ID", "Activity Date", "Activity Type", "Elapsed Time", "Distance", "Moving Time",
            "Activity Gear", "Filename", "Average Cadence", "Elevation Gain", "Elevation Loss", True, False),
    _Header("German", "Aktivitäts-ID", "Aktivitätsdatum", "Aktivitätsart", "Verstrichene Zeit", "Distanz",
            "Bewegungszeit", "Aktivitätsausrüstung", "Dateiname", "Average Cadence", "Elevation Gain",
            "Elevation Loss", True, True),
    # Exports made before 2019: lower-case names, one distance column and it is in metres.
    _Header("pre-2019", "id", "date", "type", "elapsed_time", "distance", None, "gear", "filename",
            "average_cadence", "elevation_gain", "elevation_loss", False, False),
)

_GERMAN_MONTHS = {
    "jan": 1, "januar": 1, "feb": 2, "februar": 2, "mär": 3, "märz": 3, "mrz": 3, "apr": 4, "april": 4, "mai": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dez": 12, "dezember": 12,
}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.\s*([^\s\d.]+)\.?\s+(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})$")
_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y, %H:%M:%S", "%d.%m.%Y %H:%M:%S")


def is_strava_csv(first_line: str) -> bool:
    """True when a CSV's first line is a Strava ``activities.csv`` header in a language runlog reads."""
    try:
        names = next(csv.reader([first_line]), [])
    except csv.Error:  # a NUL byte, a stray carriage return: not Strava's header
        return False
    return _header_for(names) is not None


def read_strava_csv(data: bytes, open_file: OpenFile | None = None) -> ActivitiesRead:
    """The on-foot activities of a Strava ``activities.csv``, other sports counted.

    ``open_file`` reads the export's activity files; without it (the CSV alone)
    every activity comes from the CSV's own figures.
    Raises :class:`Refused` naming the line and column of the first bad value,
    or the columns expected when the header is not one runlog knows.
    """
    reader = csv.reader(text_lines(decode_text(data)))
    names = next(reader, None)
    header = _header_for(names or [])
    if header is None:
        expected = ", ".join(f"{h.id}, {h.date}, {h.type}" for h in _HEADERS[:1])
        raise Refused(
            RefusalCode.UNKNOWN_HEADER,
            f"has a header runlog does not know: a Strava activities.csv begins with {expected} "
            "(or the German or pre-2019 names)",
        )
    columns = _positions(names or [], header)
    result = ActivitiesRead()
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cells = _Row(row, reader.line_num, header)
        sport = cells.text(columns["type"])
        kind = kind_of_sport(sport)
        if kind is None:
            result.left_out[(sport or "unnamed").lower()] += 1
            continue
        if len(result.activities) >= MAX_CSV_ACTIVITIES:
            raise Refused(RefusalCode.TOO_LARGE, f"holds more than {MAX_CSV_ACTIVITIES:,} activities")
        activity = _activity(cells, columns, kind, open_file)
        activity.line = cells.line
        result.activities.append(activity)
    return result


def _header_for(names: list[str]) -> _Header | None:
    stripped = [name.strip() for name in names]
    for header in _HEADERS:
        if stripped[:1] == [header.id] and header.date in stripped and header.type in stripped:
            return header
    return None


def _positions(names: list[str], header: _Header) -> dict[str, int | None]:
    """The position of each column runlog reads; the later of a repeated name where it holds the canonical unit."""
    stripped = [name.strip() for name in names]

    def first(name: str | None) -> int | None:
        return stripped.index(name) if name and name in stripped else None

    def last(name: str) -> int | None:
        spots = [index for index, value in enumerate(stripped) if value == name]
        return spots[-1] if spots else None

    distance = last(header.distance) if header.metres_in_second_distance else first(header.distance)
    if header.metres_in_second_distance and stripped.count(header.distance) < 2:
        raise Refused(RefusalCode.UNKNOWN_HEADER, f"has only one {header.distance!r} column, so its unit is unknown")
    return {
        "id": first(header.id),
        "date": first(header.date),
        "type": first(header.type),
        "elapsed": last(header.elapsed),
        "distance": distance,
        "moving": first(header.moving),
        "gear": first(header.gear),
        "filename": first(header.filename),
        "cadence": first(header.cadence),
        "gain": first(header.gain),
        "loss": first(header.loss),
    }


@dataclass(frozen=True, slots=True)
class _Row:
    """One row's cells, able to name its line and column when a value is bad."""

    cells: list[str]
    line: int
    header: _Header

    def text(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def number(self, name: str, index: int | None) -> float | None:
        text = self.text(index)
        if not text:
            return None
        if self.header.decimal_comma:
            text = text.replace(".", "").replace(",", ".")
        try:
            return float(text)
        except ValueError:
            raise Refused(
                RefusalCode.BAD_VALUE, f"has {text[:30]!r} on line {self.line} where the {name} should be a number"
            ) from None

    def moment(self, index: int | None) -> dt.datetime:
        """``Activity Date`` as an aware UTC time, in any of the layouts Strava has used."""
        text = self.text(index)
        for layout in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, layout).replace(tzinfo=dt.UTC)
            except ValueError:
                continue
        match = _GERMAN_DATE.match(text)
        if match and match.group(2).lower() in _GERMAN_MONTHS:
            day, month, year, hour, minute, second = match.groups()
            return dt.datetime(int(year), _GERMAN_MONTHS[month.lower()], int(day), int(hour), int(minute), int(second),
                               tzinfo=dt.UTC)
        raise Refused(RefusalCode.BAD_VALUE, f"has {text[:40]!r} on line {self.line} where the activity date should be")


def _activity(row: _Row, columns: dict[str, int | None], kind: ActivityKind, open_file: OpenFile | None) -> Activity:
    identity = row.text(columns["id"])
    if not identity:
        raise Refused(RefusalCode.BAD_VALUE, f"has no activity id on line {row.line}")
    started = row.moment(columns["date"])
    elapsed = row.number("elapsed time", columns["elapsed"])
    moving = row.number("moving time", columns["moving"])
    distance = row.number("distance", columns["distance"])
    gear = row.text(columns["gear"]) or None
    # Strava keeps a run's or walk's cadence as its watch does, in strides: doubled into steps.
    strides = row.number("average cadence", columns["cadence"])
    cadence = None if strides is None else 2.0 * strides
    gain = row.number("elevation gain", columns["gain"])
    loss = row.number("elevation loss", columns["loss"])
    source = f"strava:{identity}"
    from_file = _from_file(row.text(columns["filename"]), open_file, source)
    if from_file is not None:
        if kind is ActivityKind.RUN and from_file.kind.family is kind.family:
            # Strava says "Run" for a treadmill run too; the watch's file knows better.
            kind = from_file.kind
        from_file.kind = kind
        from_file.shoe = gear
        # The watch's own summary first; Strava's figures where the file has none.
        from_file.cadence_spm = from_file.cadence_spm if from_file.cadence_spm is not None else cadence
        from_file.ascent_m = from_file.ascent_m if from_file.ascent_m is not None else gain
        from_file.descent_m = from_file.descent_m if from_file.descent_m is not None else loss
        return from_file
    day, start_time = split_local(local_start(started, None))
    return Activity(
        kind=kind,
        date=day,
        start_time=start_time,
        distance_m=distance or 0.0,
        duration_s=moving or elapsed or 0.0,
        elapsed_s=elapsed,
        shoe=gear,
        source=source,
        cadence_spm=cadence,
        ascent_m=gain,
        descent_m=loss,
    )


def _from_file(name: str, open_file: OpenFile | None, source: str) -> Activity | None:
    """The activity read from the export's own file, or None when there is none to read.

    A file that is missing or damaged leaves the CSV's own figures to stand: Strava
    already read that file once, and one bad upload must not keep a history out.
    """
    if not name or open_file is None:
        return None
    data = open_file(name)
    if data is None:
        return None
    lower = name.lower()
    try:
        if lower.endswith(".gz"):
            data = gunzip(data)
            lower = lower[:-3]
        if lower.endswith(".fit") and is_fit(data):
            found = read_fit(data, source=source)
        elif lower.endswith(".gpx"):
            found = read_gpx(data, source=source)
        elif lower.endswith(".tcx"):
            found = read_tcx(data, source=source, kind=ActivityKind.RUN)
        else:
            return None
    except Exception:  # noqa: BLE001 - the CSV's own figures stand for a file no reader takes
        return None
    return found.activities[0] if len(found.activities) == 1 else None
