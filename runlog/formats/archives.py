"""Zip archives of activities: a Strava bulk export, or a zip of activity files (Garmin Connect's "Export Original").

The archive is read from its open file, never into memory whole, and each
member is unpacked as it streams up to its limit (:mod:`runlog.formats.bounded`):
a member that claims a small size and inflates to gigabytes is refused after
its first megabytes. An archive with more members than any export has is refused.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import BinaryIO, TypeVar

from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused
from runlog.formats.bounded import MAX_ACTIVITY_BYTES, MAX_CSV_BYTES, MAX_ZIP_MEMBERS, read_member
from runlog.formats.strava import read_strava_csv

T = TypeVar("T")

#: Members of a zip of activity files that are looked at (by content); Garmin's own
#: "Export Original" holds ``NNN_ACTIVITY.fit``, other sites' archives GPX or TCX.
MEMBER_SUFFIXES = (".fit", ".gpx", ".tcx", ".gz")


def read_zip(
    handle: BinaryIO,
    on_member: Callable[[str, bytes], T],
    on_refused: Callable[[str, Refused], T],
) -> ActivitiesRead | list[T]:
    """A Strava export's activities, or ``on_member(name, bytes)`` for each activity file in the archive.

    A member that cannot be unpacked gives ``on_refused(name, refusal)`` and the
    others go on. Raises :class:`Refused` for an archive that cannot be read,
    has too many members, or holds no activity file at all.
    """
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise Refused(RefusalCode.DAMAGED, "is damaged: the zip archive cannot be read") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise Refused(RefusalCode.TOO_LARGE, f"is a zip archive of more than {MAX_ZIP_MEMBERS:,} files")
        members = {info.filename: info for info in infos if not info.is_dir()}
        csv_name = min((name for name in members if PurePosixPath(name).name == "activities.csv"), key=len, default=None)
        if csv_name is not None:
            return _strava(archive, members, csv_name)
        activity_files = sorted(name for name in members if name.lower().endswith(MEMBER_SUFFIXES))
        if not activity_files:
            raise Refused(
                RefusalCode.UNKNOWN_FORMAT,
                "is a zip archive without a Strava activities.csv and without activity files (FIT, GPX, TCX)",
            )
        results: list[T] = []
        for name in activity_files:
            try:
                data = read_member(archive, members[name], MAX_ACTIVITY_BYTES)
            except Refused as refused:
                results.append(on_refused(name, refused))
                continue
            results.append(on_member(name, data))
        return results


def _strava(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], csv_name: str) -> ActivitiesRead:
    """A Strava export still zipped: its activities.csv, and its activity files read from the archive."""
    folder = PurePosixPath(csv_name).parent

    def open_member(name: str) -> bytes | None:
        member = members.get(str(folder / name) if str(folder) != "." else name)
        if member is None:
            return None
        try:
            return read_member(archive, member, MAX_ACTIVITY_BYTES)
        except Refused:
            # One upload Strava kept but runlog cannot unpack: the CSV's own figures stand for it.
            return None

    data = read_member(archive, members[csv_name], MAX_CSV_BYTES)
    try:
        return read_strava_csv(data, open_member)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise Refused(RefusalCode.DAMAGED, "is damaged: the zip archive cannot be read") from None
