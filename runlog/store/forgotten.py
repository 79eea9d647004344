"""What the watch folder must not bring back, and what the runner was already told.

A run imported from a file and then deleted by the runner is *forgotten*: its
source (the file's fingerprint, ``strava:<id>`` ...) is kept, and a scan of
the watch folder passes the file by. Undo of the delete forgets the
forgetting (``add_run`` calls :func:`remember`), and so does importing the
file by name (``runlog import FILE``, or ``i`` in the TUI).

The files a watch folder could not import are told to the runner once each,
by fingerprint (:func:`untold`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runlog.store.models import ForgottenActivityRow, ToldFileRow


def forget(session: Session, source: str | None, run_date: dt.date) -> None:
    """Remember that the runner deleted the run imported from ``source``."""
    if not source or session.get(ForgottenActivityRow, source) is not None:
        return
    session.add(ForgottenActivityRow(source=source, run_date=run_date))
    session.flush()


def remember(session: Session, source: str | None) -> None:
    """The run from ``source`` is back in the log (undo, or imported by name)."""
    if source:
        session.execute(delete(ForgottenActivityRow).where(ForgottenActivityRow.source == source))


def is_forgotten(session: Session, source: str | None) -> bool:
    """Whether the runner deleted the run imported from ``source``."""
    return bool(source) and session.get(ForgottenActivityRow, source) is not None


def forgotten_sources(session: Session) -> list[tuple[str, dt.date]]:
    """Every forgotten source with the date of its run, oldest run first."""
    rows = session.execute(select(ForgottenActivityRow.source, ForgottenActivityRow.run_date)
                           .order_by(ForgottenActivityRow.run_date, ForgottenActivityRow.source))
    return [(source, day) for source, day in rows]


def untold(session: Session, fingerprints: Iterable[str]) -> set[str]:
    """Which of ``fingerprints`` the runner has not been told about; they are
    marked told now."""
    wanted = set(fingerprints)
    if not wanted:
        return set()
    told = set(session.scalars(select(ToldFileRow.fingerprint).where(ToldFileRow.fingerprint.in_(wanted))))
    new = wanted - told
    session.add_all(ToldFileRow(fingerprint=fingerprint) for fingerprint in sorted(new))
    session.flush()
    return new
