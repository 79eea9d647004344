"""Fixtures for the activity-file readers: the files, and a fixed machine time zone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ACTIVITIES = Path(__file__).resolve().parent.parent / "fixtures" / "activities"


@pytest.fixture
def machine_zone(monkeypatch):
    """Set the machine's time zone, the fallback for files that do not say their own."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()
