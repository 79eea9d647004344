"""``runlog --demo``: the app (or ``report``, ``detect``, ``export``) on a
throwaway database filled with a demo history.

The database lives in a private temporary folder (mode 0700) that is removed
when the app exits: by quitting, on an error, or when the terminal goes away
(SIGHUP) or the process is asked to stop (SIGTERM).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _stop(signum: int, _frame) -> None:
    # Unwind through the ``finally`` below instead of dying on the spot.
    raise SystemExit(128 + signum)


@contextmanager
def demo_database(today: dt.date) -> Iterator[Path]:
    """A throwaway database filled with the demo history up to ``today``; the
    folder holding it is removed on leaving (also on SIGHUP and SIGTERM)."""
    from runlog.demo import fill_demo
    from runlog.store import open_database

    folder = Path(tempfile.mkdtemp(prefix="runlog-demo-"))
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        os.chmod(folder, 0o700)
        path = folder / "runlog.db"
        factory = open_database(path)
        try:
            with factory.write() as session:
                fill_demo(session, today)
        finally:
            factory.close()
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_demo(today: dt.date | None = None) -> int:
    """Fill a temporary database with the demo history, run the app on it, clean up."""
    from runlog.store import open_database
    from runlog.tui.app import run_app

    today = today or dt.date.today()
    with demo_database(today) as path:
        factory = open_database(path)
        try:
            return run_app(factory, today)
        finally:
            factory.close()
