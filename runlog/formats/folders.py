"""Finding activity files in folders, and the peeks that tell a Strava export or a CSV apart.

Everything here opens files through :mod:`runlog.formats.bounded`: a named
pipe or a device in a folder is never waited on or read without end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from runlog.formats.activity_result import Refused, decode_text
from runlog.formats.bounded import MAX_ACTIVITY_BYTES, open_regular, read_regular
from runlog.formats.strava import is_strava_csv

#: In a folder only files with these endings are looked at (by content): a watched
#: Downloads folder holds much else, which is not the runner's mistake.
FOLDER_SUFFIXES = (".fit", ".gpx", ".tcx", ".gz", ".csv", ".zip")


def first_line(path: Path) -> str | None:
    """The first line of a regular file (from its first 64 KB), or ``None`` when it is not one or cannot be read."""
    try:
        with open_regular(path) as handle:
            head = handle.read(65536)
    except (Refused, OSError):
        return None
    return (decode_text(head).splitlines() or [""])[0].strip()


def strava_csv_in(folder: Path) -> Path | None:
    """The Strava ``activities.csv`` directly in ``folder``, if it holds one."""
    candidate = folder / "activities.csv"
    line = first_line(candidate)
    return candidate if line is not None and is_strava_csv(line) else None


def folder_opener(folder: Path):
    """Reads a file the export's CSV names, only from inside the export's folder, only a regular file."""
    root = folder.resolve()

    def open_file(name: str) -> bytes | None:
        target = (folder / name).resolve()
        if not target.is_relative_to(root):
            return None
        try:
            return read_regular(target, MAX_ACTIVITY_BYTES)
        except Refused:
            return None

    return open_file


def files_under(folder: Path, unreadable: list[Path] | None = None) -> Iterator[Path]:
    """Activity files under a folder, sorted, hidden files and folders left alone; Strava export folders whole.

    Subfolders that cannot be listed are added to ``unreadable``, when given.
    """

    def refused_folder(error: OSError) -> None:
        if unreadable is not None and error.filename:
            unreadable.append(Path(error.filename))

    for current, folders, files in os.walk(folder, onerror=refused_folder):
        here = Path(current)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        exports = [name for name in folders if strava_csv_in(here / name) is not None]
        for name in exports:
            folders.remove(name)
            yield here / name
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                yield here / name
