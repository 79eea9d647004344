"""Fixtures shared by the whole suite: a private temporary database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runlog.domain import Orthotic, OrthoticType, Run, Shoe, ShoeType
from runlog.store import open_database
from runlog.store import queries as q


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (inside a folder runlog will create)."""
    return tmp_path / "data" / "runlog.db"


@pytest.fixture
def store(db_path: Path):
    """A session factory on a fresh, migrated database."""
    factory = open_database(db_path)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def seeded(store, db_path):
    """A log that already holds one run, a shoe and an orthotic."""
    with store.begin() as session:
        shoe = q.add_shoe(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))
        q.add_orthotic(session, Orthotic(name="Old insoles", type=OrthoticType.OTC))
        q.add_run(session, Run(date=dt.date(2026, 8, 1), distance_m=6000.0, duration_s=2000.0, shoe=shoe))
    return store
