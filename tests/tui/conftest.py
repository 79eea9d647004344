"""Fixtures for the TUI tests: a temporary database and typical gear and runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runlog.domain import Orthotic, OrthoticType, Pain, PainSite, Run, Shoe, ShoeType, Side
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run

from .helpers import TODAY


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def factory(tmp_path: Path):
    """A session factory on a fresh, migrated database."""
    made = open_database(tmp_path / "runlog.db")
    yield made
    made.close()


@pytest.fixture
def gear(factory):
    """Two shoes and an orthotic, as most runners' logs have."""
    with factory.write() as session:
        neutral = add_gear(session, Shoe(name="Pegasus 40", type=ShoeType.NEUTRAL))
        stability = add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))
        orthotic = add_gear(session, Orthotic(name="Green insoles", type=OrthoticType.OTC))
    return neutral, stability, orthotic


@pytest.fixture
def one_painful_run(factory, gear):
    """Yesterday's 8 km run with a left below-kneecap pain at 5 km, morning not recorded."""
    neutral, _stability, _orthotic = gear
    with factory.write() as session:
        return add_run(
            session,
            Run(
                date=TODAY - dt.timedelta(days=1),
                distance_m=8000,
                duration_s=2700,
                shoe=neutral,
                pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)],
            ),
        )


