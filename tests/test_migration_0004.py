"""The activities migration on a log made by the previous version: every run kept, and a run."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from runlog.store.migrate import alembic_config

PREVIOUS = "0002"


@pytest.fixture
def old_log(tmp_path):
    """A log at the previous revision with a run, its pain and a shoe, as a runner left it."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS)
        connection.execute(text("INSERT INTO shoes (id, name, start_distance_m, retire_distance_m) VALUES (1, 'Ghost', 0, 700000)"))
        connection.execute(text(
            "INSERT INTO runs (id, date, start_time, distance_m, duration_s, shoe_id, notes, created_at, updated_at) "
            "VALUES (7, '2026-10-01', '07:30:00.000000', 8000, 2700, 1, 'windy', '2026-10-01 08:30:00', '2026-10-01 08:30:00')"
        ))
        connection.execute(text(
            "INSERT INTO pains (run_id, site, side, onset_m, intensity, stopped_early, next_morning) "
            "VALUES (7, 'below_kneecap', 'left', 5000, 6, 0, 'gone')"
        ))
    yield engine
    engine.dispose()


def test_existing_runs_become_runs_and_keep_their_pain(old_log):
    with old_log.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with old_log.connect() as connection:
        run = connection.execute(text("SELECT kind, source, elapsed_s, distance_m, notes, shoe_id FROM runs WHERE id = 7")).one()
        pain = connection.execute(text("SELECT site, onset_m, next_morning FROM pains WHERE run_id = 7")).one()
    assert tuple(run) == ("run", None, None, 8000, "windy", 1)
    assert tuple(pain) == ("below_kneecap", 5000, "gone")
    assert "marks" in inspect(old_log).get_table_names()


def test_new_columns_are_guarded(old_log):
    with old_log.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    insert = text(
        "INSERT INTO runs (date, distance_m, duration_s, notes, kind, source, created_at, updated_at) "
        "VALUES ('2026-10-02', 5000, 1500, '', :kind, :source, '2026-10-02 08:00:00', '2026-10-02 08:00:00')"
    )
    with old_log.begin() as connection:
        connection.execute(insert, {"kind": "walk", "source": "strava:1"})
        connection.execute(insert, {"kind": "hike", "source": None})
        connection.execute(insert, {"kind": "run", "source": None})  # several hand-logged runs: no source each
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(insert, {"kind": "swim", "source": None})
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(insert, {"kind": "run", "source": "strava:1"})
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(text("INSERT INTO marks (run_id, label) VALUES (7, 'lap')"))  # a mark says where


def test_downgrade_keeps_the_runs(old_log):
    with old_log.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        connection.execute(text("INSERT INTO marks (run_id, distance_m, elapsed_s, label) VALUES (7, 5020, 1690, 'lap')"))
        command.downgrade(alembic_config(connection), PREVIOUS)
    with old_log.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM runs")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM pains")).scalar() == 1
    assert "marks" not in inspect(old_log).get_table_names()
    assert "kind" not in {column["name"] for column in inspect(old_log).get_columns("runs")}
