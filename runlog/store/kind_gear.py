"""The shoe and orthotic an imported activity is given, by its kind.

A watch file names no shoe (Strava's gear name is the one exception, and it
wins). So an imported run gets the runner's default for its kind, set in the
gear screen, or else the shoe and orthotic of the last run of that kind:
the treadmill keeps its cushioned pair, the trail its trail shoes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from runlog.domain import Orthotic, Shoe
from runlog.domain.activity import ActivityKind
from runlog.store.convert import orthotic_from_row, shoe_from_row
from runlog.store.models import KindGearRow, OrthoticRow, RunRow, ShoeRow


@dataclass(frozen=True, slots=True)
class KindDefault:
    """The runner's default gear for one activity kind (``None``: the last used)."""

    kind: ActivityKind
    shoe: Shoe | None = None
    orthotic: Orthotic | None = None


@dataclass(frozen=True, slots=True)
class GivenGear:
    """The gear an imported activity got, and why: ``default`` or ``last used``."""

    shoe_id: int | None
    orthotic_id: int | None
    shoe: str | None
    orthotic: str | None
    why: str


def kind_defaults(session: Session) -> dict[ActivityKind, KindDefault]:
    """The defaults the runner set, by kind (kinds without one are left out)."""
    found = {}
    for row in session.scalars(select(KindGearRow)):
        shoe = session.get(ShoeRow, row.shoe_id) if row.shoe_id is not None else None
        orthotic = session.get(OrthoticRow, row.orthotic_id) if row.orthotic_id is not None else None
        if shoe is None and orthotic is None:
            continue
        kind = ActivityKind(row.kind)
        found[kind] = KindDefault(kind, shoe_from_row(shoe) if shoe else None,
                                  orthotic_from_row(orthotic) if orthotic else None)
    return found


def set_kind_default(session: Session, kind: ActivityKind, shoe: Shoe | None, orthotic: Orthotic | None) -> None:
    """Set (or, with both ``None``, clear) the default gear of ``kind``."""
    row = session.get(KindGearRow, kind.value)
    if shoe is None and orthotic is None:
        if row is not None:
            session.delete(row)
        session.flush()
        return
    if row is None:
        row = KindGearRow(kind=kind.value)
        session.add(row)
    row.shoe_id = shoe.id if shoe else None
    row.orthotic_id = orthotic.id if orthotic else None
    session.flush()


def gear_for(session: Session, kind: ActivityKind, day: dt.date) -> GivenGear | None:
    """The gear for an imported activity of ``kind`` on ``day``: the runner's
    default for the kind, else what the last run of that kind up to ``day``
    wore; ``None`` when there is neither. A shoe or orthotic retired before
    ``day`` is not given."""
    default = session.get(KindGearRow, kind.value)
    if default is not None and (default.shoe_id is not None or default.orthotic_id is not None):
        shoe_id, orthotic_id, why = default.shoe_id, default.orthotic_id, "your default"
    else:
        last = session.execute(
            select(RunRow.shoe_id, RunRow.orthotic_id)
            .where(RunRow.kind == kind.value, RunRow.date <= day)
            .order_by(RunRow.date.desc(), RunRow.start_time.desc().nulls_last(), RunRow.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return None
        shoe_id, orthotic_id, why = last.shoe_id, last.orthotic_id, "last used"
    shoe = session.get(ShoeRow, shoe_id) if shoe_id is not None else None
    orthotic = session.get(OrthoticRow, orthotic_id) if orthotic_id is not None else None
    if shoe is not None and shoe.retired_on is not None and shoe.retired_on < day:
        shoe = None
    if orthotic is not None and orthotic.retired_on is not None and orthotic.retired_on < day:
        orthotic = None
    if shoe is None and orthotic is None:
        return None
    return GivenGear(shoe.id if shoe else None, orthotic.id if orthotic else None,
                     shoe.name if shoe else None, orthotic.name if orthotic else None, why)
