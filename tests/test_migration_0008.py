"""The watch-figures migration on a log made by the previous version, on SQLite
and PostgreSQL: every run kept with its pain and gear, the new columns unknown
until filled, guarded by the same ranges as the form, and a downgrade that
keeps the runs.

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

REVISION = "0008"
PREVIOUS = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision


@pytest.fixture(params=["sqlite", "postgresql"])
def old_log(request, tmp_path):
    """A log at the previous revision with a shoe, a run in it and its pain, as a runner left it."""
    url = f"sqlite:///{tmp_path / 'old.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS)
        connection.execute(text("INSERT INTO shoes (id, name, start_distance_m, retire_distance_m) VALUES (1, 'Ghost', 0, 700000)"))
        connection.execute(text(
            "INSERT INTO runs (id, date, start_time, distance_m, duration_s, shoe_id, notes, kind, created_at, updated_at) "
            "VALUES (7, '2026-10-01', '07:30:00', 8000, 2700, 1, 'windy', 'trail_run', '2026-10-01 08:30:00', '2026-10-01 08:30:00')"
        ))
        connection.execute(text(
            "INSERT INTO pains (run_id, site, side, onset_m, intensity, stopped_early, next_morning) "
            "VALUES (7, 'below_kneecap', 'left', 5000, 6, false, 'gone')"
        ))
    yield engine
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    engine.dispose()


def upgrade(engine, to=REVISION):
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), to)


def test_existing_runs_keep_everything_and_have_no_cadence_or_climb_yet(old_log):
    upgrade(old_log)
    with old_log.connect() as connection:
        run = connection.execute(text(
            "SELECT distance_m, notes, shoe_id, kind, cadence_spm, ascent_m, descent_m FROM runs WHERE id = 7")).one()
        pain = connection.execute(text("SELECT site, onset_m, next_morning FROM pains WHERE run_id = 7")).one()
    assert tuple(run) == (8000, "windy", 1, "trail_run", None, None, None)
    assert tuple(pain) == ("below_kneecap", 5000, "gone")


def test_the_new_columns_take_a_watch_summary_and_refuse_impossible_values(old_log):
    upgrade(old_log)
    fill = text("UPDATE runs SET cadence_spm = :cadence, ascent_m = :up, descent_m = :down WHERE id = 7")
    with old_log.begin() as connection:
        connection.execute(fill, {"cadence": 167.34375, "up": 64, "down": 61})
        row = connection.execute(text("SELECT cadence_spm, ascent_m, descent_m FROM runs WHERE id = 7")).one()
    assert tuple(row) == (167.34375, 64, 61)
    for bad in ({"cadence": 301, "up": 0, "down": 0}, {"cadence": None, "up": -1, "down": 0},
                {"cadence": None, "up": 0, "down": 20001}):
        with pytest.raises(IntegrityError), old_log.begin() as connection:
            connection.execute(fill, bad)


def test_downgrade_drops_the_columns_and_keeps_the_runs(old_log):
    upgrade(old_log)
    with old_log.begin() as connection:
        connection.execute(text("UPDATE runs SET cadence_spm = 170 WHERE id = 7"))
    with old_log.begin() as connection:
        command.downgrade(alembic_config(connection), PREVIOUS)
    with old_log.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM runs")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM pains")).scalar() == 1
    assert "cadence_spm" not in {column["name"] for column in inspect(old_log).get_columns("runs")}
    upgrade(old_log)
    assert "cadence_spm" in {column["name"] for column in inspect(old_log).get_columns("runs")}


def test_a_deleted_runs_id_is_still_never_reused_after_the_upgrade(old_log):
    if old_log.dialect.name != "sqlite":
        pytest.skip("SQLite rebuilds the table to add columns; PostgreSQL's sequence is untouched")
    upgrade(old_log)
    with old_log.begin() as connection:
        connection.execute(text("DELETE FROM runs WHERE id = 7"))
        connection.execute(text(
            "INSERT INTO runs (date, distance_m, duration_s, notes, kind, created_at, updated_at) "
            "VALUES ('2026-10-02', 5000, 1800, '', 'run', '2026-10-02 08:30:00', '2026-10-02 08:30:00')"))
        assert connection.execute(text("SELECT max(id) FROM runs")).scalar() == 8
