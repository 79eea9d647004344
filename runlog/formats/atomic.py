"""Write a file the runner asked for: private (0600) and all at once.

The text goes to a temporary file beside the target, which is then renamed
over it, so a reader never sees half a file and a failed write leaves the
old file as it was. The temporary file holds the whole export (health data),
so it must not outlive the write: it is removed on any error, on SIGTERM,
SIGHUP and SIGINT, and, for a process that was killed outright (SIGKILL,
power loss), by the next write into the same folder. Its name says whose it
is (``.NAME.runlog-PID-XXXXXXXX.tmp``), so that clean-up touches only
runlog's own files of processes that are gone.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from runlog.errors import UserError

#: ``mkstemp``'s random part is 8 characters of lowercase letters, digits and ``_``.
_TEMP_NAME = re.compile(r"\..+\.runlog-(?P<pid>[0-9]+)-[a-z0-9_]{8}\.tmp")
#: Signals that end runlog by default and can be caught.
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def write_file(path: Path, write: Callable[[TextIO], int]) -> int:
    """Call ``write`` on a private temporary file beside ``path``, then move it
    into place; returns what ``write`` returned.

    Raises ``UserError`` when the folder does not exist or cannot be written.
    """
    path = Path(path)
    if special_output(path):
        return write_through(path, write)
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    remove_stale_temporaries(folder)
    with _signals_end_the_write():
        # Signals wait while the file is made, so that one arriving between
        # its creation and the clean-up below cannot leave it behind.
        held = _hold_signals()
        try:
            fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.runlog-{os.getpid()}-", suffix=".tmp")
        except PermissionError:
            _release_signals(held)
            raise UserError(f"cannot write {path}: permission denied in {folder}") from None
        except OSError as exc:
            _release_signals(held)
            raise UserError(f"cannot write {path}: {exc.strerror}") from None
        try:
            _release_signals(held)
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


def special_output(path: Path) -> bool:
    """True when ``path`` is a character device or a named pipe, written by
    opening it; raises ``UserError`` for a folder or another special file
    (a block device, a socket), which no output may replace or write into."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # not there (or a dangling link): a new file is made
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    what = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else (
        "a socket" if stat.S_ISSOCK(mode) else "a special file")
    raise UserError(f"cannot write {path}: it is {what}, not a file; name a file or a new file's path")


def write_through(path: Path, write: Callable[[TextIO], int]):
    """Write to a character device or named pipe as it is: opened for writing,
    never created, truncated, renamed over or given another mode."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            result = write(stream)
            stream.flush()
    except BrokenPipeError:
        raise UserError(f"cannot write {path}: the program reading it went away") from None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    return result


class Interrupted(SystemExit):
    """A signal ended the write; the exit status is 128 + its number, as a shell reports it."""

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum


def _hold_signals() -> set[int] | None:
    """Hold back the ending signals (main thread only); returns what to restore."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {*_ENDING, signal.SIGINT})


def _release_signals(held: set[int] | None) -> None:
    """Deliver the signals held back (their handlers run here)."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def _signals_end_the_write() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Interrupted`` for the duration, so the
    clean-up above runs (SIGINT already raises KeyboardInterrupt). Only the
    main thread can set handlers; a worker thread's write (the terminal
    app's) relies on the next write's clean-up instead."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, _frame):
        raise Interrupted(signum)

    previous = {}
    try:
        for signum in _ENDING:
            if signal.getsignal(signum) is signal.SIG_DFL:
                previous[signum] = signal.signal(signum, interrupt)
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def remove_stale_temporaries(folder: Path, pattern: re.Pattern[str] = _TEMP_NAME) -> list[str]:
    """Remove runlog's temporary files in ``folder`` whose process is gone
    (killed mid-write); returns their names. Files of a write still running,
    other users' files and anything not named like runlog's are left alone.
    ``pattern`` names them, with the writing process's id as ``pid``."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or process_alive(int(match.group("pid"))):
            continue
        candidate = os.path.join(folder, name)
        try:
            info = os.lstat(candidate)
            if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
                continue
            os.unlink(candidate)
        except OSError:
            continue
        removed.append(name)
    return removed


def process_alive(pid: int) -> bool:
    """Whether the process ``pid`` may still be writing (this one always may)."""
    if pid == os.getpid():
        # Another write of this process may be under way (the terminal app writes from a worker).
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False
    return True


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
