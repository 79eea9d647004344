"""Stored rows to domain objects: the only place the two shapes meet.

The functions take any row with the columns as attributes (an ORM object, a
SQLAlchemy ``Row`` or a named tuple from the standard library's ``sqlite3``
first-page read), so both read paths convert, and check, the same way. This
module imports no SQLAlchemy: the TUI's first page is read without it.
"""

from __future__ import annotations

from typing import Any

from runlog.domain import (
    ActivityKind,
    Mark,
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    Settings,
    Shoe,
    ShoeType,
    Side,
    Units,
)
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


def run_from_row(row: Any, gear: tuple[dict, dict], pains: dict, marks: dict, **converted: Any) -> Run:
    """A stored run with its gear (by id), pains and marks (by run id).
    ``converted`` overrides columns a read path has already turned into
    Python values (the first page reads dates as text)."""
    shoes, orthotics = gear
    values = {
        "date": row.date, "start_time": row.start_time, "changed_at": row.updated_at, **converted,
    }
    return Run(
        id=row.id,
        date=values["date"],
        start_time=values["start_time"],
        distance_m=row.distance_m,
        duration_s=row.duration_s,
        shoe=shoes.get(row.shoe_id) if row.shoe_id else None,
        orthotic=orthotics.get(row.orthotic_id) if row.orthotic_id else None,
        effort=row.effort,
        notes=row.notes,
        pains=pains.get(row.id, []),
        kind=ActivityKind(row.kind),
        elapsed_s=row.elapsed_s,
        source=row.source,
        marks=marks.get(row.id, []),
        cadence_spm=getattr(row, "cadence_spm", None),
        ascent_m=getattr(row, "ascent_m", None),
        descent_m=getattr(row, "descent_m", None),
        before_onset_descent_m=getattr(row, "before_onset_descent_m", None),
        before_onset_cadence_spm=getattr(row, "before_onset_cadence_spm", None),
        changed_at=values["changed_at"],
    )
