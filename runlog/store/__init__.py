"""The database: engine and pragmas, safe opening and migration, queries.

``open_database(path)`` is the one way in: it refuses files that are not
runlog's, creates a new file privately, backs up and upgrades an old one,
and returns a ``Store`` handle (``read()``, ``write()``, ``close()``). The store
functions take a ``Session`` and return domain objects, one module per
aggregate: ``runs`` (runs, their pains, the next-morning answers), ``gear``
(shoes and orthotics), ``settings``, and ``bulk`` (the CSV's fast paths).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from runlog.errors import DatabaseRefused, store_failure
from runlog.paths import private_file
from runlog.store.handle import Store
from runlog.store.migrate import backup, head_revision, inspect_file, upgrade

#: SQLite's files beside the log.
SIDE_FILES = ("-wal", "-shm", "-journal")


def open_database(path: Path) -> Store:
    """The store handle on the runner's database at ``path``, at the current schema.

    Raises ``DatabaseRefused`` (leaving the file untouched) for a folder, a
    device, pipe or dangling link, an unreadable, foreign, damaged or
    newer-schema file, and when the disk is full.
    """
    path = Path(path)
    created = False
    if not _exists(path):
        _create(path)
        created = True
    try:
        state = inspect_file(path, created=created)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise DatabaseRefused(f"{path} cannot be written (read-only file or folder)")
        if not state.empty and state.revision != head_revision():
            try:
                backup(path, state.revision)
            except Exception as error:
                reason = store_failure(error)
                if reason is None:
                    raise
                raise DatabaseRefused(f"cannot back up {path} before upgrading it: {reason}") from None
        if state.empty or state.revision != head_revision():
            engine = _upgraded(path, "create" if created else "upgrade")
        else:
            # The everyday case: nothing to change, so SQLAlchemy loads later,
            # off the path to the TUI's first page.
            engine = None
    except BaseException:
        if created:
            # A log runlog could not finish making is not left behind to be
            # refused as "empty" on the next start.
            for suffix in ("", *SIDE_FILES):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    for suffix in ("", "-wal", "-shm"):
        private_file(path.with_name(path.name + suffix))
    return Store(engine or (lambda: _engine(path)), sqlite_path=path)


def _engine(path: Path):
    from runlog.store.engine import make_engine

    return make_engine(path)


def _upgraded(path: Path, doing: str):
    engine = _engine(path)
    try:
        upgrade(engine)
    except Exception as error:
        engine.dispose()
        reason = store_failure(error)
        if reason is None:
            raise
        raise DatabaseRefused(f"cannot {doing} {path}: {reason}") from None
    return engine


def _exists(path: Path) -> bool:
    """Whether something is at ``path``; a dangling link or a name the file
    system cannot hold is refused here, in words that say so."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DatabaseRefused(_os_reason(path, exc)) from None
    if stat.S_ISLNK(info.st_mode) and not path.exists():
        raise DatabaseRefused(f"{path} is a symbolic link to {os.readlink(path)}, which does not exist")
    return True


def _create(path: Path) -> None:
    from runlog.store.engine import create_file

    try:
        create_file(path)
    except PermissionError:
        raise DatabaseRefused(f"cannot create {path} (permission denied)") from None
    except FileNotFoundError:
        raise DatabaseRefused(f"cannot create {path} (its folder cannot be made)") from None
    except OSError as exc:
        raise DatabaseRefused(f"cannot create {path}: {_os_reason(path, exc)}") from None


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return f"a name in {path} is longer than the file system allows"
    if exc.errno == errno.ENOTDIR:
        return f"part of {path} is a file, not a folder"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return f"{path}: {exc.strerror}"
