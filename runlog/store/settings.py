"""The runner's settings: one row, defaults until first saved."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runlog.domain import Settings, Units
from runlog.errors import DamagedLog
from runlog.store.convert import settings_from_row
from runlog.store.damage import reading
from runlog.store.models import SettingsRow
from runlog.store.skipping import find_damage, skipped_of


def get_settings(session: Session) -> Settings:
    """The stored settings (defaults if never saved); ``DamagedLog`` if a
    stored value is not one runlog writes."""
    try:
        with reading(session):
            return settings_from_row(session.get(SettingsRow, 1))
    except DamagedLog:
        # Damaged settings read as the defaults, and are named (``runlog.store.skipping``).
        damage = find_damage(session.connection())
        if not damage.settings:
            raise
        if (skipped := skipped_of(session)) is not None:
            skipped.found(damage)
        return Settings()


def save_settings(session: Session, settings: Settings) -> Settings:
    row = session.get(SettingsRow, 1)
    if row is None:
        row = SettingsRow(id=1)
        session.add(row)
    row.units = Units(settings.units).value
    row.week_start = settings.week_start
    row.runner_name = " ".join(settings.runner_name.split())
    row.watch_folder = settings.watch_folder.strip() or None
    session.flush()
    return get_settings(session)
