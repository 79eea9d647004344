"""Recognise activity files by their content and read each one whole, or refuse it with a reason.

One entry point for the command line, the import dialog and the watched
folder: :func:`read_paths` takes files and folders and yields one
:class:`FileOutcome` per file (a Strava export, zipped or unpacked, counts as
one). A refusal never stops the other files.
"""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from runlog.domain.activity import Activity
from runlog.domain.units import Units
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, decode_text
from runlog.formats.fit import is_fit, read_fit, read_fit_gz
from runlog.formats.garmin_csv import is_garmin_csv, read_garmin_csv
from runlog.formats.gpx import is_gpx, read_gpx
from runlog.formats.strava import is_strava_csv, read_strava_csv
from runlog.formats.tcx import is_tcx, read_tcx

#: In a folder only files with these endings are looked at (by content): a watched
#: Downloads folder holds much else, which is not the runner's mistake.
FOLDER_SUFFIXES = (".fit", ".gpx", ".tcx", ".gz", ".csv", ".zip")
#: Larger than any activity file a watch writes; bigger is not read into memory.
MAX_BYTES = 512 * 1024 * 1024


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

    @property
    def runlog_csv(self) -> bool:
        """True for runlog's own CSV, which the contract CSV importer reads."""
        return self.kind is FileKind.RUNLOG_CSV


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Each file named, and each activity file in each folder named (sorted, recursively), in order.

    The flag says whether the file was found in a folder rather than named. A
    Strava export folder counts as one file.
    """
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir() and _strava_csv_in(path) is None:
            found.extend((inside, True) for inside in _files_under(path))
        else:
            found.append((path, False))
    return found


def read_paths(paths: Iterable[Path], units: Units) -> Iterator[FileOutcome]:
    """One outcome per file of :func:`expand_paths`, read in turn.

    ``units`` is the unit of Garmin Connect's CSV, which does not say. A file
    named on its own that runlog does not recognise is refused; one found in a
    folder is passed over.
    """
    for path, in_folder in expand_paths(paths):
        outcome = read_file(path, units)
        # A folder also holds other people's CSVs and archives: only what is recognised counts.
        if in_folder and outcome.refusal is not None and outcome.refusal.code is RefusalCode.UNKNOWN_FORMAT:
            continue
        yield outcome


def read_file(path: Path, units: Units) -> FileOutcome:
    """One file (or an unpacked Strava export folder) read whole, or refused with a reason."""
    try:
        if path.is_dir():
            csv_path = _strava_csv_in(path)
            if csv_path is None:
                _listable(path)
                raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a folder without a Strava activities.csv")
            return _outcome(path, FileKind.STRAVA, read_strava_csv(_read(csv_path), _folder_opener(csv_path.parent)))
        data = _read(path)
        return _recognise(path, data, units)
    except Refused as refused:
        return FileOutcome(path, FileKind.UNKNOWN, refusal=Refusal(refused.code, f"{shown(path)} {refused.phrase}."))


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
    return FileOutcome(path, kind, activities=read.activities, left_out=read.left_out)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Refused(RefusalCode.UNKNOWN_FORMAT, "is far larger than any activity file")
        return path.read_bytes()
    except FileNotFoundError:
        raise Refused(RefusalCode.UNREADABLE, "does not exist") from None
    except PermissionError:
        raise Refused(RefusalCode.UNREADABLE, "cannot be read (permission denied)") from None
    except OSError as error:
        raise Refused(RefusalCode.UNREADABLE, f"cannot be read ({error.strerror or 'input/output error'})") from None


def _recognise(path: Path, data: bytes, units: Units) -> FileOutcome:
    if is_fit(data[:14]):
        return _outcome(path, FileKind.FIT, read_fit(data))
    if data[:2] == b"\x1f\x8b":
        return _gzipped(path, data)
    if data[:4] == b"PK\x03\x04":
        return _outcome(path, FileKind.STRAVA, _strava_zip(data))
    head = decode_text(data[:8192]).lstrip()
    if is_gpx(head):
        return _outcome(path, FileKind.GPX, read_gpx(data))
    if is_tcx(head):
        return _outcome(path, FileKind.TCX, read_tcx(data))
    first_line = (head.splitlines() or [""])[0]
    if is_strava_csv(first_line):
        return _outcome(path, FileKind.STRAVA, read_strava_csv(data, _folder_opener(path.parent)))
    if is_garmin_csv(first_line):
        return _outcome(path, FileKind.GARMIN_CSV, read_garmin_csv(data, units))
    if _is_runlog_csv(first_line):
        return FileOutcome(path, FileKind.RUNLOG_CSV)
    raise Refused(
        RefusalCode.UNKNOWN_FORMAT,
        "is not an activity file runlog reads (FIT, GPX, TCX, a Strava export or Garmin Connect's CSV)",
    )


def _gzipped(path: Path, data: bytes) -> FileOutcome:
    try:
        inner = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        raise Refused(RefusalCode.DAMAGED, "is damaged: it cannot be unpacked") from None
    if is_fit(inner[:14]):
        return _outcome(path, FileKind.FIT, read_fit_gz(data))
    head = decode_text(inner[:8192]).lstrip()
    if is_gpx(head):
        return _outcome(path, FileKind.GPX, read_gpx(inner))
    if is_tcx(head):
        return _outcome(path, FileKind.TCX, read_tcx(inner))
    raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a packed file that holds no activity runlog reads")


def _is_runlog_csv(first_line: str) -> bool:
    names = [name.strip().strip('"') for name in first_line.split(",")]
    return names[:2] == ["run_id", "date"]


def _strava_zip(data: bytes) -> ActivitiesRead:
    """A Strava export still zipped: its activities.csv, and its activity files read from the archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        csv_name = min((name for name in members if PurePosixPath(name).name == "activities.csv"), key=len, default=None)
        if csv_name is None:
            raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a zip archive without a Strava activities.csv")
        folder = PurePosixPath(csv_name).parent

        def open_member(name: str) -> bytes | None:
            member = members.get(str(folder / name) if str(folder) != "." else name)
            if member is None or member.file_size > MAX_BYTES:
                return None
            return archive.read(member)

        return read_strava_csv(archive.read(members[csv_name]), open_member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error, NotImplementedError):
        raise Refused(RefusalCode.DAMAGED, "is damaged: the zip archive cannot be read") from None


def _strava_csv_in(folder: Path) -> Path | None:
    candidate = folder / "activities.csv"
    try:
        with candidate.open("rb") as handle:
            first_line = (decode_text(handle.read(65536)).splitlines() or [""])[0]
    except OSError:
        return None
    return candidate if is_strava_csv(first_line.strip()) else None


def _folder_opener(folder: Path):
    """Reads a file the export's CSV names, only from inside the export's folder."""
    root = folder.resolve()

    def open_file(name: str) -> bytes | None:
        target = (folder / name).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return None
        try:
            return target.read_bytes()
        except OSError:
            return None

    return open_file


def _files_under(folder: Path) -> Iterator[Path]:
    """Activity files under a folder, sorted, hidden files and folders left alone; Strava export folders whole.

    A folder that cannot be listed is yielded itself, for :func:`read_file` to name.
    """
    unreadable: list[OSError] = []
    yield from _walk(folder, unreadable)
    yield from (Path(error.filename) for error in unreadable if error.filename)


def _walk(folder: Path, unreadable: list[OSError]) -> Iterator[Path]:
    for current, folders, files in os.walk(folder, onerror=unreadable.append):
        here = Path(current)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        exports = [name for name in folders if _strava_csv_in(here / name) is not None]
        for name in exports:
            folders.remove(name)
            yield here / name
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                yield here / name


def sniff(path: Path) -> FileKind:
    """What a CSV file is, from its first line alone: Strava's, Garmin's, runlog's own, or unknown."""
    try:
        with path.open("rb") as handle:
            first_line = (decode_text(handle.read(65536)).splitlines() or [""])[0].strip()
    except OSError:
        return FileKind.UNKNOWN
    if is_strava_csv(first_line):
        return FileKind.STRAVA
    if is_garmin_csv(first_line):
        return FileKind.GARMIN_CSV
    return FileKind.RUNLOG_CSV if _is_runlog_csv(first_line) else FileKind.UNKNOWN
