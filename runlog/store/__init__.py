"""The database: engine and pragmas, safe opening and migration, queries.

``open_database(path)`` is the one way in: it refuses files that are not
runlog's, creates a new file privately, backs up and upgrades an old one,
and returns a ``Store`` handle (``read()``, ``write()``, ``close()``). The store
functions take a ``Session`` and return domain objects, one module per
aggregate: ``runs`` (runs, their pains, the next-morning answers), ``gear``
(shoes and orthotics), ``settings``, and ``bulk`` (the CSV's fast paths).
"""

from __future__ import annotations

import os
from pathlib import Path

from runlog.errors import DatabaseRefused
from runlog.paths import private_file
from runlog.store.handle import Store
from runlog.store.migrate import backup, head_revision, inspect_file, upgrade


def open_database(path: Path) -> Store:
    """The store handle on the runner's database at ``path``, at the current schema.

    Raises ``DatabaseRefused`` (leaving the file untouched) for a folder, an
    unreadable, foreign, damaged or newer-schema file.
    """
    path = Path(path)
    if not path.exists():
        from runlog.store.engine import create_file

        try:
            create_file(path)
        except PermissionError:
            raise DatabaseRefused(f"cannot create {path} (permission denied)") from None
        except FileNotFoundError:
            raise DatabaseRefused(f"cannot create {path} (its folder cannot be made)") from None
        except OSError as exc:
            raise DatabaseRefused(f"cannot create {path} ({exc.strerror})") from None
    state = inspect_file(path)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseRefused(f"{path} cannot be written (read-only file or folder)")
    if not state.empty and state.revision != head_revision():
        backup(path, state.revision)
    if state.empty or state.revision != head_revision():
        engine = _upgraded(path)
    else:
        # The everyday case: nothing to change, so SQLAlchemy loads later,
        # off the path to the TUI's first page.
        engine = None
    for suffix in ("", "-wal", "-shm"):
        private_file(path.with_name(path.name + suffix))
    return Store(engine or (lambda: _engine(path)), sqlite_path=path)


def _engine(path: Path):
    from runlog.store.engine import make_engine

    return make_engine(path)


def _upgraded(path: Path):
    engine = _engine(path)
    try:
        upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    return engine
