"""Shoes and orthotics: one implementation serves both kinds of gear.

A kind of gear is described once (its table, its row-to-domain conversion and
the columns a runner edits); adding, changing, retiring and deleting are
written once for both. Shoes also carry the distance they had before runlog
and the distance at which to retire them, which ``list_shoes`` adds up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runlog.domain import Orthotic, Shoe, ShoeUsage
from runlog.errors import DamagedLog
from runlog.store.convert import orthotic_from_row, shoe_from_row
from runlog.store.damage import reading, scan
from runlog.store.models import OrthoticRow, RunRow, ShoeRow
from runlog.store.skipping import Damage, find_damage, skipped_of

Gear = TypeVar("Gear", Shoe, Orthotic)


@dataclass(frozen=True)
class _Kind:
    """How one kind of gear is stored."""

    model: type
    to_domain: Callable[[Any], Any]
    #: The run column that names this kind of gear.
    run_column: Any
    #: Columns copied from the domain object as they are.
    plain: tuple[str, ...]


_KINDS: dict[type, _Kind] = {
    Shoe: _Kind(ShoeRow, shoe_from_row, RunRow.shoe_id,
                ("first_used", "start_distance_m", "retire_distance_m", "retired_on")),
    Orthotic: _Kind(OrthoticRow, orthotic_from_row, RunRow.orthotic_id, ("first_used", "retired_on")),
}


class GearInUse(Exception):
    """Gear that runs still name cannot be deleted (retire it instead)."""

    def __init__(self, runs: int) -> None:
        super().__init__(f"used on {runs} runs")
        self.runs = runs


def _fill(row, item: Shoe | Orthotic, kind: _Kind) -> None:
    row.name = item.name.strip()
    row.type = item.type.value if item.type else None
    for column in kind.plain:
        setattr(row, column, getattr(item, column))


def _row(session: Session, kind: _Kind, gear_id: int | None):
    row = session.get(kind.model, gear_id) if gear_id is not None else None
    if row is None:
        raise LookupError(f"{kind.model.__tablename__} {gear_id} does not exist")
    return row


def add_gear(session: Session, item: Gear) -> Gear:
    """Store a new shoe or orthotic; returns it with its id."""
    kind = _KINDS[type(item)]
    row = kind.model()
    _fill(row, item, kind)
    session.add(row)
    session.flush()
    return kind.to_domain(row)


def update_gear(session: Session, item: Gear) -> Gear:
    """Replace the stored shoe or orthotic ``item.id`` with ``item``."""
    kind = _KINDS[type(item)]
    row = _row(session, kind, item.id)
    _fill(row, item, kind)
    session.flush()
    return kind.to_domain(row)


def retire_gear(session: Session, gear_type: type[Gear], gear_id: int, on: dt.date | None) -> Gear:
    """Retire a shoe or orthotic on a date, or bring it back with ``None``."""
    kind = _KINDS[gear_type]
    row = _row(session, kind, gear_id)
    row.retired_on = on
    session.flush()
    return kind.to_domain(row)


def delete_gear(session: Session, gear_type: type[Gear], gear_id: int) -> Gear:
    """Delete a shoe or orthotic no run names; raises ``GearInUse`` otherwise."""
    kind = _KINDS[gear_type]
    row = _row(session, kind, gear_id)
    runs = session.scalar(select(func.count()).select_from(RunRow).where(kind.run_column == gear_id)) or 0
    if runs:
        raise GearInUse(runs)
    item = kind.to_domain(row)
    session.delete(row)
    session.flush()
    return item


def _listed(model, include_retired: bool):
    query = select(model).order_by(model.retired_on.is_not(None), func.lower(model.name))
    if not include_retired:
        query = query.where(model.retired_on.is_(None))
    return query


def list_shoes(session: Session, include_retired: bool = True) -> list[ShoeUsage]:
    """Shoes with their distance so far (starting distance plus logged runs),
    active ones first, then by name. Damaged rows (a shoe, or a run's
    distance) are left out and noted, as ``runs.load_runs`` does."""
    return _skipping_damage(session, lambda damage: _list_shoes(session, include_retired, damage))


def _list_shoes(session: Session, include_retired: bool, damage: Damage | None) -> list[ShoeUsage]:
    with reading(session):
        query = select(RunRow.shoe_id, func.sum(RunRow.distance_m), func.count()).group_by(RunRow.shoe_id)
        shoes = _listed(ShoeRow, include_retired)
        if damage is not None:
            query = query.where(RunRow.id.not_in(damage.runs))
            shoes = shoes.where(ShoeRow.id.not_in(damage.shoes))
        totals = {shoe_id: (distance or 0.0, count) for shoe_id, distance, count in session.execute(query)}
        if not all(isinstance(total, int | float) and math.isfinite(total) for total, _count in totals.values()):
            # A stored distance is not a finite number: the scan names the run.
            scan(session.connection())
            raise DamagedLog("runs", "distance_m")
        usages = []
        for row in session.scalars(shoes):
            distance, count = totals.get(row.id, (0.0, 0))
            usages.append(ShoeUsage(shoe=shoe_from_row(row), distance_m=row.start_distance_m + distance, runs=count))
    return usages


def list_orthotics(session: Session, include_retired: bool = True) -> list[Orthotic]:
    """Orthotics, active ones first, then by name (damaged ones left out and noted)."""

    def listed(damage: Damage | None) -> list[Orthotic]:
        query = _listed(OrthoticRow, include_retired)
        if damage is not None:
            query = query.where(OrthoticRow.id.not_in(damage.orthotics))
        with reading(session):
            return [orthotic_from_row(row) for row in session.scalars(query)]

    return _skipping_damage(session, listed)


def _skipping_damage(session: Session, read: Callable[[Damage | None], Any]) -> Any:
    """``read(None)``; if it meets a damaged row, the log is scanned and
    ``read(damage)`` leaves out what the scan found."""
    try:
        return read(None)
    except DamagedLog:
        damage = find_damage(session.connection())
        if not damage.rows:
            raise
        if (skipped := skipped_of(session)) is not None:
            skipped.found(damage)
    return read(damage)
