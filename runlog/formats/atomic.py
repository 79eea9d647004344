"""Write a file the runner asked for: private (0600) and all at once.

The text goes to a temporary file beside the target, which is then renamed
over it, so a reader never sees half a file and a failed write leaves the
old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from runlog.errors import UserError


def write_file(path: Path, write: Callable[[TextIO], int]) -> int:
    """Call ``write`` on a private temporary file beside ``path``, then move it
    into place; returns what ``write`` returned.

    Raises ``UserError`` when the folder does not exist or cannot be written.
    """
    path = Path(path)
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
