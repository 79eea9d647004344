"""Recognise activity files by their content and read each one whole, or refuse it with a reason.

One entry point for the command line, the import dialog and the watched
folder: :func:`read_paths` takes files and folders and yields one
:class:`FileOutcome` per file (a Strava export, zipped or unpacked, counts as
one; a zip of activity files, as Garmin Connect exports them, gives one per
file inside). A refusal, or any failure of a reader, never stops the other
files. Files are opened and bounded by :mod:`runlog.formats.bounded`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from runlog.domain.activity import Activity
from runlog.domain.units import Units
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, decode_text, fingerprint
from runlog.formats.archives import read_zip
from runlog.formats.bounded import (
    MAX_ACTIVITY_BYTES,
    MAX_CSV_BYTES,
    gunzip,
    open_regular,
    read_limited,
    read_regular,
    too_large,
)
from runlog.formats.fit import is_fit, read_fit
from runlog.formats.folders import FOLDER_SUFFIXES, files_under, first_line, folder_opener, strava_csv_in
from runlog.formats.garmin_csv import is_garmin_csv, read_garmin_csv
from runlog.formats.gpx import is_gpx, read_gpx
from runlog.formats.strava import is_strava_csv, read_strava_csv
from runlog.formats.tcx import is_tcx, read_tcx

__all__ = ["FOLDER_SUFFIXES", "FileKind", "FileOutcome", "Refusal", "expand_paths", "read_file", "read_outcomes",
           "read_paths", "shown", "sniff"]


class FileKind(StrEnum):
    """What a file turned out to be."""

    FIT = "fit"
    GPX = "gpx"
    TCX = "tcx"
    STRAVA = "strava"
    GARMIN_CSV = "garmin_csv"
    #: runlog's own CSV: the caller imports it with the contract CSV importer.
    RUNLOG_CSV = "runlog_csv"
    UNKNOWN = "unknown"
    #: A named pipe, a device or a socket: never read.
    NOT_REGULAR = "not_regular"


@dataclass(slots=True)
class Refusal:
    """Why a file was not imported: a stable code and one sentence naming the file."""

    code: RefusalCode
    message: str


@dataclass(slots=True)
class FileOutcome:
    """One file (or Strava export) read: its activities and the sports left out, or its refusal."""

    path: Path
    kind: FileKind
    activities: list[Activity] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    refusal: Refusal | None = None
    #: Activities whose file named no sport, told a run or a walk by their pace.
    by_pace: int = 0

    @property
    def runlog_csv(self) -> bool:
        """True for runlog's own CSV, which the contract CSV importer reads."""
        return self.kind is FileKind.RUNLOG_CSV


def expand_paths(paths: Iterable[Path], unreadable: list[Path] | None = None) -> list[tuple[Path, bool]]:
    """Each file named, and each activity file in each folder named (sorted, recursively), in order.

    The flag says whether the file was found in a folder rather than named. A
    Strava export folder counts as one file. Subfolders that cannot be listed
    are added to ``unreadable``, when given.
    """
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir() and strava_csv_in(path) is None:
            found.extend((inside, True) for inside in files_under(path, unreadable))
        else:
            found.append((path, False))
    return found


def read_paths(paths: Iterable[Path], units: Units) -> Iterator[FileOutcome]:
    """One outcome per file of :func:`expand_paths` (one per activity file inside a zip of them), read in turn.

    ``units`` is the unit of Garmin Connect's CSV, which does not say. A file
    named on its own that runlog does not recognise is refused; one found in a
    folder is passed over (:func:`passed_over` tells which).
    """
    for path, in_folder in expand_paths(paths):
        for outcome in read_outcomes(path, units):
            # A folder also holds other people's CSVs and archives: only what is recognised counts.
            if not (in_folder and passed_over(outcome)):
                yield outcome


def passed_over(outcome: FileOutcome) -> bool:
    """True for a file found in a folder that is no activity file at all: skipped there, not refused."""
    return outcome.refusal is not None and outcome.refusal.code is RefusalCode.UNKNOWN_FORMAT


def read_file(path: Path, units: Units) -> FileOutcome:
    """One file (or an unpacked Strava export folder) read whole, or refused with a reason.

    A zip of activity files gives the outcome of the first of them; :func:`read_outcomes` gives all.
    """
    return read_outcomes(path, units)[0]


def read_outcomes(path: Path, units: Units) -> list[FileOutcome]:
    """One file read whole: one outcome, or one per activity file inside a zip of them (Garmin's "Export Original").

    Never raises: whatever goes wrong while reading one file (a reader's own
    failure, a date out of range, memory) refuses that file, named, and the
    caller goes on to the next.
    """
    try:
        if path.is_dir():
            csv_path = strava_csv_in(path)
            if csv_path is None:
                _listable(path)
                raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a folder without a Strava activities.csv")
            data = read_regular(csv_path, MAX_CSV_BYTES, "a Strava activities.csv")
            return [_outcome(path, FileKind.STRAVA, read_strava_csv(data, folder_opener(csv_path.parent)))]
        with open_regular(path) as handle:
            head = handle.read(65536)
            handle.seek(0)
            if head[:4] == b"PK\x03\x04":
                return _zip_outcomes(path, handle)
            size = os.fstat(handle.fileno()).st_size
            csv = _looks_like_csv(head)
            limit, what = (MAX_CSV_BYTES, "a CSV of activities") if csv else (MAX_ACTIVITY_BYTES, "an activity file")
            if size > limit:
                raise too_large(limit, what)
            data = read_limited(handle, limit, what)
        return [_recognise(path, data, units)]
    except Refused as refused:
        return [_refused(path, refused)]
    except OSError as error:  # the file system's own failure while reading (an I/O error, a file in /proc)
        reason = f"cannot be read ({error.strerror or 'input/output error'})"
        return [_refused(path, Refused(RefusalCode.UNREADABLE, reason))]
    except Exception as error:  # noqa: BLE001 - any failure refuses this file only
        return [_failed(path, error)]


def _refused(path: Path, refused: Refused) -> FileOutcome:
    return FileOutcome(path, FileKind.UNKNOWN, refusal=Refusal(refused.code, f"{shown(path)} {refused.phrase}."))


def _failed(path: Path, error: BaseException) -> FileOutcome:
    """A reader's unforeseen failure, named by its type only: its text could quote the file."""
    if isinstance(error, MemoryError):
        phrase = "could not be read: it needs more memory than this computer has free"
    elif isinstance(error, RecursionError):
        phrase = "could not be read: it is nested too deeply"
    elif isinstance(error, OverflowError):
        phrase = "is damaged: it holds a date or figure out of any possible range"
    else:
        phrase = f"could not be read (the reader failed with {type(error).__name__}); nothing from it was imported"
    return FileOutcome(path, FileKind.UNKNOWN, refusal=Refusal(RefusalCode.READER_FAILED, f"{shown(path)} {phrase}."))


def _zip_outcomes(path: Path, handle) -> list[FileOutcome]:
    """A Strava export's zip as one outcome, or a zip of activity files as one outcome per file in it."""

    def inside(name: str) -> Path:
        return path.joinpath(*(part for part in PurePosixPath(name).parts if part not in ("/", "..", ".")))

    read = read_zip(
        handle,
        lambda name, data: _member_outcome(inside(name), data),
        # A member's refusal already names it ("holds NNN_ACTIVITY.fit encrypted ..."): said of the archive.
        lambda _name, refused: _refused(path, refused),
    )
    if isinstance(read, ActivitiesRead):
        return [_outcome(path, FileKind.STRAVA, read)]
    return read


def _member_outcome(path: Path, data: bytes) -> FileOutcome:
    """One activity file from inside a zip archive, read like a file of its own."""
    try:
        if not (is_fit(data[:14]) or data[:2] == b"\x1f\x8b" or _is_xml_activity(data)):
            raise Refused(RefusalCode.UNKNOWN_FORMAT, "is not an activity file runlog reads (FIT, GPX or TCX)")
        return _recognise(path, data, Units.KM)
    except Refused as refused:
        return _refused(path, refused)
    except Exception as error:  # noqa: BLE001 - any failure refuses this member only
        return _failed(path, error)


def _is_xml_activity(data: bytes) -> bool:
    head = decode_text(data[:8192]).lstrip()
    return is_gpx(head) or is_tcx(head)


def _looks_like_csv(head: bytes) -> bool:
    line = (decode_text(head).lstrip().splitlines() or [""])[0]
    return is_strava_csv(line) or is_garmin_csv(line) or _is_runlog_csv(line)


def _listable(folder: Path) -> None:
    """Refuse a folder whose files cannot be listed, saying why (they were not looked at)."""
    try:
        os.listdir(folder)
    except PermissionError:
        raise Refused(RefusalCode.UNREADABLE, "is a folder that cannot be read (permission denied); "
                                              "the files in it were not looked at") from None
    except OSError as error:
        raise Refused(RefusalCode.UNREADABLE, f"is a folder that cannot be read ({error.strerror or 'input/output error'}); "
                                              "the files in it were not looked at") from None


def shown(path: Path) -> str:
    """A path as it may be printed: control characters in a file's name are replaced."""
    return "".join(char if char.isprintable() else "?" for char in str(path))


def _outcome(path: Path, kind: FileKind, read: ActivitiesRead) -> FileOutcome:
    return FileOutcome(path, kind, activities=read.activities, left_out=read.left_out, by_pace=read.by_pace)


def _recognise(path: Path, data: bytes, units: Units) -> FileOutcome:
    if is_fit(data[:14]):
        return _outcome(path, FileKind.FIT, read_fit(data))
    if data[:2] == b"\x1f\x8b":
        return _gzipped(path, data)
    if data[:4] == b"PK\x03\x04":
        raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a zip archive inside a zip archive, which runlog does not open")
    head = decode_text(data[:8192]).lstrip()
    if is_gpx(head):
        return _outcome(path, FileKind.GPX, read_gpx(data))
    if is_tcx(head):
        return _outcome(path, FileKind.TCX, read_tcx(data))
    first_line = (head.splitlines() or [""])[0]
    if is_strava_csv(first_line):
        return _outcome(path, FileKind.STRAVA, read_strava_csv(data, folder_opener(path.parent)))
    if is_garmin_csv(first_line):
        return _outcome(path, FileKind.GARMIN_CSV, read_garmin_csv(data, units))
    if _is_runlog_csv(first_line):
        return FileOutcome(path, FileKind.RUNLOG_CSV)
    raise Refused(
        RefusalCode.UNKNOWN_FORMAT,
        "is not an activity file runlog reads (FIT, GPX, TCX, a Strava export or Garmin Connect's CSV)",
    )


def _gzipped(path: Path, data: bytes) -> FileOutcome:
    inner = gunzip(data)
    if is_fit(inner[:14]):
        return _outcome(path, FileKind.FIT, read_fit(inner, source=fingerprint(data)))
    head = decode_text(inner[:8192]).lstrip()
    if is_gpx(head):
        return _outcome(path, FileKind.GPX, read_gpx(inner))
    if is_tcx(head):
        return _outcome(path, FileKind.TCX, read_tcx(inner))
    raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a packed file that holds no activity runlog reads")


def _is_runlog_csv(first_line: str) -> bool:
    names = [name.strip().strip('"') for name in first_line.split(",")]
    return names[:2] == ["run_id", "date"]


def sniff(path: Path) -> FileKind:
    """What a CSV file is, from its first line alone: Strava's, Garmin's, runlog's own, or unknown."""
    line = first_line(path)
    if line is None:
        # A named pipe or a device is never read as a CSV: the activity reader refuses it by name.
        return FileKind.NOT_REGULAR if path.exists() and not path.is_file() and not path.is_dir() else FileKind.UNKNOWN
    if is_strava_csv(line):
        return FileKind.STRAVA
    if is_garmin_csv(line):
        return FileKind.GARMIN_CSV
    return FileKind.RUNLOG_CSV if _is_runlog_csv(line) else FileKind.UNKNOWN
