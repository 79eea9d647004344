"""Changes the runner made (DOMAIN.md, "Changes the runner made"): stored and read.

The runner records changes (``changes`` table); the first day each shoe and
orthotic was worn is a change too, read from the runs, so it follows the
gear: renaming a shoe renames its change, and it cannot be removed here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runlog.domain import ChangeSource, RunnerChange, RunnerChangeKind
from runlog.domain.changes import change_order, label_problem
from runlog.store.models import ChangeRow, OrthoticRow, RunRow, ShoeRow


def _from_row(row: ChangeRow) -> RunnerChange:
    return RunnerChange(date=row.date, kind=RunnerChangeKind(row.kind), label=row.label or "", id=row.id)


def add_change(session: Session, change: RunnerChange, keep_id: bool = False) -> RunnerChange:
    """Store a recorded change; returns it with its id. ``keep_id`` puts a
    removed change back under its own id (undo)."""
    label = change.label.strip()
    if problem := label_problem(label):
        raise ValueError(problem)
    row = ChangeRow(date=change.date, kind=change.kind.value, label=label)
    if keep_id:
        row.id = change.id
    session.add(row)
    session.flush()
    return _from_row(row)


def remove_change(session: Session, change_id: int) -> RunnerChange:
    """Remove the recorded change ``change_id``; returns it (for undo).
    Raises ``LookupError`` when there is none."""
    row = session.get(ChangeRow, change_id)
    if row is None:
        raise LookupError(f"there is no recorded change {change_id}")
    removed = _from_row(row)
    session.delete(row)
    session.flush()
    return removed


def recorded_changes(session: Session) -> list[RunnerChange]:
    """The changes the runner recorded, oldest first."""
    rows = session.scalars(select(ChangeRow).order_by(ChangeRow.date, ChangeRow.id))
    return [_from_row(row) for row in rows]


def gear_changes(session: Session) -> list[RunnerChange]:
    """The first day each shoe and orthotic was worn on a logged activity.

    Runs the log holds damaged are left out (a date that is not a date would
    stop the read): those already found, and, when the read meets another,
    those one scan of the log finds (``runlog.store.skipping``)."""
    from runlog.errors import DamagedLog
    from runlog.store.skipping import find_damage, skipped_of

    skipped = skipped_of(session)
    left_out = skipped.runs if skipped is not None else set()
    try:
        return _gear_changes(session, left_out)
    except (ValueError, TypeError, OverflowError, DamagedLog):
        damage = find_damage(session.connection())
        if skipped is not None and damage.rows:
            skipped.found(damage)
        return _gear_changes(session, damage.runs | left_out)


def _gear_changes(session: Session, left_out: set[int]) -> list[RunnerChange]:
    found = []
    for model, column, kind in (
        (ShoeRow, RunRow.shoe_id, RunnerChangeKind.SHOE),
        (OrthoticRow, RunRow.orthotic_id, RunnerChangeKind.ORTHOTIC),
    ):
        first = select(column.label("gear_id"), func.min(RunRow.date).label("day")).where(column.is_not(None))
        if left_out:
            first = first.where(RunRow.id.not_in(left_out))
        first = first.group_by(column).subquery()
        for name, day in session.execute(select(model.name, first.c.day).join(first, first.c.gear_id == model.id)):
            found.append(RunnerChange(date=day, kind=kind, label=name, source=ChangeSource.GEAR))
    return found


def list_changes(session: Session) -> list[RunnerChange]:
    """Every change, recorded and from the gear, oldest first."""
    return sorted([*recorded_changes(session), *gear_changes(session)], key=change_order)


def changes_until(session: Session, until: dt.date) -> list[RunnerChange]:
    """Every change dated up to ``until``, oldest first."""
    return [change for change in list_changes(session) if change.date <= until]


def restore_change(session: Session, change: RunnerChange) -> RunnerChange:
    """Put a removed change back under its own id (undo); a change already
    back (undo pressed twice) is returned as it is."""
    if change.id is not None and (row := session.get(ChangeRow, change.id)) is not None:
        return _from_row(row)
    return add_change(session, change, keep_id=True)
