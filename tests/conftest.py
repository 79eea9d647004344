"""Fixtures shared by the whole suite: a private temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest

from runlog.store import open_database


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
