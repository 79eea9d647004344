"""The 0006 migration on a log made by the previous version: every run and pain
kept (ids too), a pain may now have no onset, and the new tables are guarded."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from runlog.store.migrate import alembic_config

PREVIOUS = "0005"
NO_ONSET = (
    "INSERT INTO pains (run_id, site, side, onset_m, onset_s, intensity, stopped_early) "
    "VALUES (7, 'kneecap', 'right', NULL, NULL, 3, FALSE)"
)


@pytest.fixture
def old_log(tmp_path):
    """A log at the previous revision with an imported run, its pains and a shoe."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS)
        connection.execute(text("INSERT INTO shoes (id, name, start_distance_m, retire_distance_m) VALUES (1, 'Ghost', 0, 700000)"))
        connection.execute(text(
            "INSERT INTO runs (id, date, start_time, distance_m, duration_s, shoe_id, notes, kind, source, created_at, updated_at) "
            "VALUES (7, '2026-10-01', '07:30:00.000000', 8000, 2700, 1, 'windy', 'run', 'file:abc', "
            "'2026-10-01 08:30:00', '2026-10-01 08:30:00')"
        ))
        connection.execute(text(
            "INSERT INTO pains (id, run_id, site, side, onset_m, onset_s, intensity, stopped_early, next_morning) "
            "VALUES (41, 7, 'below_kneecap', 'left', 5000, NULL, 6, 0, 'gone'), "
            "(42, 7, 'outer_knee', 'left', NULL, 1500, 2, 1, NULL)"
        ))
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(text(NO_ONSET))  # refused before 0006
    yield engine
    engine.dispose()


def upgrade(engine, revision="0006"):
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def test_runs_and_pains_are_kept_with_their_ids_and_a_pain_may_have_no_onset(old_log):
    upgrade(old_log)
    with old_log.begin() as connection:
        pains = connection.execute(text(
            "SELECT id, site, onset_m, onset_s, intensity, stopped_early, next_morning FROM pains ORDER BY id"
        )).all()
        run = connection.execute(text("SELECT source, shoe_id, notes FROM runs WHERE id = 7")).one()
        connection.execute(text(NO_ONSET))
        assert connection.execute(text("SELECT count(*) FROM pains WHERE onset_m IS NULL AND onset_s IS NULL")).scalar() == 1
    assert [tuple(p) for p in pains] == [
        (41, "below_kneecap", 5000, None, 6, 0, "gone"),
        (42, "outer_knee", None, 1500, 2, 1, None),
    ]
    assert tuple(run) == ("file:abc", 1, "windy")
    # The other guards on pains survived the table's rebuild.
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(text("INSERT INTO pains (run_id, site, side, intensity, stopped_early) VALUES (7, 'knee', 'left', 3, 0)"))
    # Ids are still never reused.
    with old_log.begin() as connection:
        connection.execute(text("DELETE FROM pains WHERE id = 43"))
        connection.execute(text(NO_ONSET))
        assert connection.execute(text("SELECT max(id) FROM pains")).scalar() == 44


def test_the_new_tables_are_guarded(old_log):
    upgrade(old_log)
    assert {"forgotten_activities", "kind_gear", "told_files"} <= set(inspect(old_log).get_table_names())
    with old_log.begin() as connection:
        connection.execute(text("PRAGMA foreign_keys = ON"))
        connection.execute(text("INSERT INTO forgotten_activities (source, run_date, deleted_at) VALUES ('file:abc', '2026-10-01', '2026-10-02 08:00:00')"))
        connection.execute(text("INSERT INTO kind_gear (kind, shoe_id) VALUES ('treadmill', 1)"))
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(text("INSERT INTO forgotten_activities (source, run_date, deleted_at) VALUES ('file:abc', '2026-10-01', '2026-10-02 08:00:00')"))
    with pytest.raises(IntegrityError), old_log.begin() as connection:
        connection.execute(text("INSERT INTO kind_gear (kind) VALUES ('swim')"))


def test_downgrade_keeps_the_runs_and_refuses_to_invent_an_onset(old_log):
    upgrade(old_log)
    with old_log.begin() as connection:
        command.downgrade(alembic_config(connection), PREVIOUS)
    with old_log.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM pains")).scalar() == 2
    assert "forgotten_activities" not in inspect(old_log).get_table_names()
    upgrade(old_log)
    with old_log.begin() as connection:
        connection.execute(text(NO_ONSET))
    with pytest.raises(RuntimeError, match="without an onset"), old_log.begin() as connection:
        command.downgrade(alembic_config(connection), PREVIOUS)
    with old_log.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM pains")).scalar() == 3
