"""The changes migration on a log made by the previous version: every row kept,
the new table guarded, and a downgrade that keeps the runs.

The previous revision is read from the migration itself, so re-chaining it
(its ``down_revision``) needs no edit here.
"""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from runlog.store.migrate import alembic_config

REVISION = "0007"
PREVIOUS = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision


@pytest.fixture
def old_log(tmp_path):
    """A log at the previous revision with a shoe, a run in it and its pain, as a runner left it."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS)
        connection.execute(text("INSERT INTO shoes (id, name, start_distance_m, retire_distance_m) VALUES (1, 'Ghost', 0, 700000)"))
        connection.execute(text(
            "INSERT INTO runs (id, date, start_time, distance_m, duration_s, shoe_id, notes, kind, created_at, updated_at) "
            "VALUES (7, '2026-10-01', '07:30:00.000000', 8000, 2700, 1, 'windy', 'run', '2026-10-01 08:30:00', '2026-10-01 08:30:00')"
        ))
        connection.execute(text(
            "INSERT INTO pains (run_id, site, side, onset_m, intensity, stopped_early, next_morning) "
            "VALUES (7, 'below_kneecap', 'left', 5000, 6, 0, 'gone')"
        ))
    yield engine
    engine.dispose()


def upgrade(engine, to=REVISION):
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), to)


def test_existing_runs_keep_their_pain_and_gear_and_the_changes_table_starts_empty(old_log):
    upgrade(old_log)
    with old_log.connect() as connection:
        run = connection.execute(text("SELECT distance_m, notes, shoe_id FROM runs WHERE id = 7")).one()
        pain = connection.execute(text("SELECT site, onset_m, next_morning FROM pains WHERE run_id = 7")).one()
        assert connection.execute(text("SELECT count(*) FROM changes")).scalar() == 0
    assert tuple(run) == (8000, "windy", 1)
    assert tuple(pain) == ("below_kneecap", 5000, "gone")


def test_the_new_table_takes_a_change_and_refuses_an_unknown_kind(old_log):
    upgrade(old_log)
    insert = text("INSERT INTO changes (date, kind, label, created_at) VALUES ('2026-10-03', :kind, :label, '2026-10-03 08:00:00')")
    with old_log.begin() as connection:
        connection.execute(insert, {"kind": "orthotic", "label": "Custom pair"})
        row = connection.execute(text("SELECT id, date, kind, label FROM changes")).one()
    assert tuple(row) == (1, "2026-10-03", "orthotic", "Custom pair")
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(insert, {"kind": "massage", "label": ""})
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(insert, {"kind": "rest", "label": "x" * 201})


def test_downgrade_drops_the_changes_and_keeps_the_runs(old_log):
    upgrade(old_log)
    with old_log.begin() as connection:
        connection.execute(text("INSERT INTO changes (date, kind, label, created_at) VALUES ('2026-10-03', 'rest', '', '2026-10-03 08:00:00')"))
    with old_log.begin() as connection:
        command.downgrade(alembic_config(connection), PREVIOUS)
    with old_log.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM runs")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM pains")).scalar() == 1
    assert "changes" not in inspect(old_log).get_table_names()
    upgrade(old_log)
    assert "changes" in inspect(old_log).get_table_names()
