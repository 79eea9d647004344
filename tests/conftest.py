"""Fixtures shared by the whole suite: a private temporary database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runlog.domain import Orthotic, OrthoticType, Run, Shoe, ShoeType
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (inside a folder runlog will create)."""
    return tmp_path / "data" / "runlog.db"


@pytest.fixture
def store(db_path: Path):
    """A session factory on a fresh, migrated database."""
    factory = open_database(db_path)
    yield factory
    factory.close()


@pytest.fixture
def seeded(store, db_path):
    """A log that already holds one run, a shoe and an orthotic."""
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))
        add_gear(session, Orthotic(name="Old insoles", type=OrthoticType.OTC))
        add_run(session, Run(date=dt.date(2026, 8, 1), distance_m=6000.0, duration_s=2000.0, shoe=shoe))
    return store
