"""Rows to domain objects and back: the only place the two shapes meet."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Shoe, ShoeType, Side
from runlog.store.models import OrthoticRow, PainRow, ShoeRow


def shoe_from_row(row: ShoeRow) -> Shoe:
    return Shoe(
        id=row.id,
        name=row.name,
        type=ShoeType(row.type) if row.type else None,
        first_used=row.first_used,
        start_distance_m=row.start_distance_m,
        retire_distance_m=row.retire_distance_m,
        retired_on=row.retired_on,
    )


def orthotic_from_row(row: OrthoticRow) -> Orthotic:
    return Orthotic(
        id=row.id,
        name=row.name,
        type=OrthoticType(row.type) if row.type else None,
        first_used=row.first_used,
        retired_on=row.retired_on,
    )


def pain_from_row(row) -> Pain:
    return Pain(
        id=row.id,
        site=PainSite(row.site),
        side=Side(row.side),
        onset_m=row.onset_m,
        onset_s=row.onset_s,
        intensity=row.intensity,
        stopped_early=bool(row.stopped_early),
        next_morning=NextMorning(row.next_morning) if row.next_morning else None,
    )


def pain_to_row(pain: Pain) -> PainRow:
    return PainRow(
        site=PainSite(pain.site).value,
        side=Side(pain.side).value,
        onset_m=pain.onset_m,
        onset_s=pain.onset_s,
        intensity=pain.intensity,
        stopped_early=pain.stopped_early,
        next_morning=pain.next_morning.value if pain.next_morning else None,
    )


def all_gear(session: Session) -> tuple[dict[int, Shoe], dict[int, Orthotic]]:
    shoes = {row.id: shoe_from_row(row) for row in session.scalars(select(ShoeRow))}
    orthotics = {row.id: orthotic_from_row(row) for row in session.scalars(select(OrthoticRow))}
    return shoes, orthotics
