"""Reading a stranger's file safely: regular files only, and never more bytes than a real one holds.

A named pipe would block a read for ever and ``/dev/zero`` never ends, so a
file is opened without blocking and read only when it is a regular file. Every
read, and every unpacking of a ``.gz`` or a zip member, stops one byte past
its limit: a packed file that inflates to gigabytes is refused after reading
its first few megabytes, never held whole.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from runlog.formats.activity_result import RefusalCode, Refused

_MB = 1024 * 1024
#: A FIT, GPX or TCX file, unpacked. A watch recording one point a second with
#: heart rate and cadence writes about 250 bytes a point to GPX (about 1 MB an
#: hour) and far less to FIT: 64 MB is more than two days and nights of GPX.
MAX_ACTIVITY_BYTES = 64 * _MB
#: Strava's activities.csv or Garmin Connect's CSV: about 2 KB an activity in
#: Strava's export, so 32 MB is more than ten thousand activities.
MAX_CSV_BYTES = 32 * _MB
#: Activities in one CSV: thirty a week for thirty years.
MAX_CSV_ACTIVITIES = 50_000
#: Files in one zip archive (a Strava export or Garmin Connect's "Export Original").
MAX_ZIP_MEMBERS = 20_000


def limit_text(limit: int) -> str:
    """``64 MB``: a limit as the refusals say it."""
    return f"{limit // _MB} MB"


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading when it is a regular file (a link to one is fine).

    The open never blocks (a named pipe with no writer would wait for ever);
    the kind of file is checked on the open file itself, so nothing can be
    swapped in between. Raises :class:`Refused` for anything else.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise Refused(RefusalCode.UNREADABLE, "does not exist") from None
    except PermissionError:
        raise Refused(RefusalCode.UNREADABLE, "cannot be read (permission denied)") from None
    except OSError as error:
        raise Refused(RefusalCode.UNREADABLE, f"cannot be read ({error.strerror or 'input/output error'})") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(RefusalCode.NOT_REGULAR, f"is {_special(mode)}, not a file; only regular files are read")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _special(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_limited(handle: BinaryIO, limit: int, what: str = "an activity file") -> bytes:
    """All of ``handle`` from where it stands, refused when it holds more than ``limit`` bytes.

    A regular file is read in one piece of its own size (plus one byte, to see it
    has not grown past the limit), so no buffer of the full limit is made for a small file.
    """
    try:
        size = os.fstat(handle.fileno()).st_size - handle.tell()
        data = handle.read(min(max(size, 0), limit) + 1)
        if len(data) <= limit and len(data) > size:
            # It grew while being read: read on, still to the limit.
            data += handle.read(limit + 1 - len(data))
    except OSError as error:
        raise Refused(RefusalCode.UNREADABLE, f"cannot be read ({error.strerror or 'input/output error'})") from None
    if len(data) > limit:
        raise too_large(limit, what)
    return data


def too_large(limit: int, what: str = "an activity file") -> Refused:
    """The refusal of a file past its limit."""
    return Refused(RefusalCode.TOO_LARGE, f"is larger than runlog reads for {what} ({limit_text(limit)})")


def read_regular(path: Path, limit: int, what: str = "an activity file") -> bytes:
    """A regular file's bytes, refused past ``limit`` (without reading it when its size already says so)."""
    with open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise too_large(limit, what)
        return read_limited(handle, limit, what)


def gunzip(data: bytes, limit: int = MAX_ACTIVITY_BYTES) -> bytes:
    """A ``.gz`` file's contents, unpacked as they stream and refused once they pass ``limit``."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            inner = packed.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        raise Refused(RefusalCode.DAMAGED, "is damaged: it cannot be unpacked") from None
    if len(inner) > limit:
        raise Refused(RefusalCode.TOO_LARGE, f"unpacks to more than runlog reads for one activity ({limit_text(limit)})")
    return inner


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    """One zip member unpacked, as it streams, refused past ``limit`` whatever its header claims.

    Raises :class:`Refused` naming the member for an encrypted, damaged or too large one.
    """
    name = shown_member(member.filename)
    if member.file_size > limit:
        raise Refused(RefusalCode.TOO_LARGE, f"holds {name}, larger than runlog reads ({limit_text(limit)})")
    try:
        with archive.open(member) as handle:
            data = handle.read(limit + 1)
    except RuntimeError:  # zipfile's word for an encrypted member
        raise Refused(RefusalCode.UNREADABLE, f"holds {name} encrypted with a password, which runlog cannot read") from None
    except NotImplementedError:
        raise Refused(RefusalCode.UNREADABLE, f"holds {name} packed in a way runlog cannot unpack") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError):
        raise Refused(RefusalCode.DAMAGED, f"is damaged: {name} in it cannot be unpacked") from None
    if len(data) > limit:
        raise Refused(RefusalCode.TOO_LARGE, f"holds {name}, which unpacks to more than runlog reads ({limit_text(limit)})")
    return data


def shown_member(name: str) -> str:
    """A zip member's name as it may be printed: printable, and not too long."""
    cleaned = "".join(char if char.isprintable() else "?" for char in name)
    return cleaned if len(cleaned) <= 120 else cleaned[:119] + "…"
