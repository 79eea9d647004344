"""Stored rows to domain objects: the only place the two shapes meet.

The functions take any row with the columns as attributes (an ORM object, a
SQLAlchemy ``Row`` or a named tuple from the standard library's ``sqlite3``
first-page read), so both read paths convert, and check, the same way. This
module imports no SQLAlchemy: the TUI's first page is read without it.
"""

from __future__ import annotations

from typing import Any

from runlog.domain import Mark, NextMorning, Orthotic, OrthoticType, Pain, PainSite, Settings, Shoe, ShoeType, Side, Units
from runlog.store.damage import check_object


def shoe_from_row(row: Any) -> Shoe:
    """The shoe stored in ``row``; ``DamagedLog`` if a value is not one runlog writes."""
    check_object("shoes", row)
    return Shoe(
        id=row.id,
        name=row.name,
        type=ShoeType(row.type) if row.type else None,
        first_used=row.first_used,
        start_distance_m=row.start_distance_m,
        retire_distance_m=row.retire_distance_m,
        retired_on=row.retired_on,
    )


def orthotic_from_row(row: Any) -> Orthotic:
    """The orthotic stored in ``row``; ``DamagedLog`` if a value is not one runlog writes."""
    check_object("orthotics", row)
    return Orthotic(
        id=row.id,
        name=row.name,
        type=OrthoticType(row.type) if row.type else None,
        first_used=row.first_used,
        retired_on=row.retired_on,
    )


def pain_from_row(row) -> Pain:
    """The pain entry stored in ``row``; ``DamagedLog`` if a value is not one runlog writes."""
    check_object("pains", row)
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


def settings_from_row(row: Any | None) -> Settings:
    """The stored settings row, or the defaults when none was saved yet."""
    if row is None:
        return Settings()
    check_object("settings", row)
    return Settings(units=Units(row.units), week_start=row.week_start, runner_name=row.runner_name,
                    watch_folder=row.watch_folder or "")


def mark_from_row(row: Any) -> Mark:
    return Mark(distance_m=row.distance_m, elapsed_s=row.elapsed_s, label=row.label)
