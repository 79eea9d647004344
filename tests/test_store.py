"""The store: round trips through the database, and the database's own guards."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from runlog.domain import (
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    Settings,
    Shoe,
    ShoeType,
    Side,
    Units,
)
from runlog.store import queries as q

DAY = dt.date(2026, 11, 20)


def knee_pain(**overrides) -> Pain:
    values = dict(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000.0)
    values.update(overrides)
    return Pain(**values)


def test_run_with_gear_and_pains_round_trips(store):
    with store.begin() as session:
        shoe = q.add_shoe(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY, first_used=DAY))
        orthotic = q.add_orthotic(session, Orthotic(name="Blue insoles", type=OrthoticType.CUSTOM))
        saved = q.add_run(
            session,
            Run(
                date=DAY,
                start_time=dt.time(7, 30),
                distance_m=8046.72,
                duration_s=2730.5,
                shoe=shoe,
                orthotic=orthotic,
                effort=7,
                notes="hills, windy",
                pains=[
                    knee_pain(stopped_early=True),
                    knee_pain(site=PainSite.OUTER_KNEE, side=Side.RIGHT, onset_m=None, onset_s=1800.0, intensity=3),
                ],
            ),
        )
    with store() as session:
        loaded = q.get_run(session, saved.id)
    assert loaded == saved
    assert loaded.shoe.name == "Kayano 30" and loaded.shoe.type is ShoeType.STABILITY
    assert loaded.orthotic.type is OrthoticType.CUSTOM
    assert loaded.start_time == dt.time(7, 30)
    assert loaded.distance_m == pytest.approx(8046.72)
    assert [(p.site, p.side, p.onset_m, p.onset_s, p.stopped_early) for p in loaded.pains] == [
        (PainSite.BELOW_KNEECAP, Side.LEFT, 5000.0, None, True),
        (PainSite.OUTER_KNEE, Side.RIGHT, None, 1800.0, False),
    ]


def test_update_keeps_morning_status_of_kept_pains_and_drops_removed_ones(store):
    with store.begin() as session:
        run = q.add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain(), knee_pain(side=Side.RIGHT)]))
        q.record_next_morning(session, run.pains[0].id, NextMorning.GONE)
    with store.begin() as session:
        run = q.get_run(session, run.id)
        run.distance_m = 9000
        run.pains = [run.pains[0]]
        run.pains[0].intensity = 4
        q.update_run(session, run)
    with store() as session:
        stored = q.get_run(session, run.id)
        pain_count = session.execute(text("SELECT count(*) FROM pains")).scalar()
    assert stored.distance_m == 9000
    assert [(p.intensity, p.next_morning) for p in stored.pains] == [(4, NextMorning.GONE)]
    assert pain_count == 1


def test_delete_removes_pains_and_undo_restores_the_same_run(store):
    with store.begin() as session:
        run = q.add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain()]))
    with store.begin() as session:
        deleted = q.delete_run(session, run.id)
    with store() as session:
        assert q.count_runs(session) == 0
        assert session.execute(text("SELECT count(*) FROM pains")).scalar() == 0
    with store.begin() as session:
        restored = q.add_run(session, deleted, keep_id=True)
    assert restored.id == run.id
    assert [(p.site, p.intensity) for p in restored.pains] == [(PainSite.BELOW_KNEECAP, 6)]


def test_a_failed_write_leaves_nothing_behind(store):
    with pytest.raises(IntegrityError):
        with store.begin() as session:
            q.add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400))
            q.add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain(intensity=11)]))
    with store() as session:
        assert q.count_runs(session) == 0


def test_runs_between_and_recent_runs_order(store):
    with store.begin() as session:
        for day, start in [(2, None), (1, dt.time(18)), (1, dt.time(6)), (3, dt.time(9))]:
            q.add_run(session, Run(date=DAY + dt.timedelta(days=day), start_time=start, distance_m=5000, duration_s=1500))
    with store() as session:
        window = q.runs_between(session, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2))
        newest = q.recent_runs(session, limit=2)
        second_page = q.recent_runs(session, limit=2, offset=2)
    assert [(r.date.day, r.start_time) for r in window] == [(21, dt.time(6)), (21, dt.time(18)), (22, None)]
    assert [r.date.day for r in newest] == [23, 22]
    assert [(r.date.day, r.start_time) for r in second_page] == [(21, dt.time(18)), (21, dt.time(6))]


def test_pains_awaiting_morning_are_only_past_runs_with_blank_status(store):
    with store.begin() as session:
        yesterday = q.add_run(session, Run(date=DAY - dt.timedelta(days=1), distance_m=8000, duration_s=2400, pains=[knee_pain(), knee_pain(side=Side.RIGHT)]))
        q.add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain()]))
        q.record_next_morning(session, yesterday.pains[1].id, NextMorning.BETTER)
    with store() as session:
        waiting = q.pains_awaiting_morning(session, today=DAY)
    assert [(run.id, pain.id) for run, pain in waiting] == [(yesterday.id, yesterday.pains[0].id)]


def test_shoe_mileage_adds_starting_distance_and_flags_retirement(store):
    with store.begin() as session:
        old = q.add_shoe(session, Shoe(name="Old pair", start_distance_m=650_000, retire_distance_m=700_000))
        new = q.add_shoe(session, Shoe(name="New pair"))
        for _ in range(6):
            q.add_run(session, Run(date=DAY, distance_m=10_000, duration_s=3000, shoe=old))
        q.add_run(session, Run(date=DAY, distance_m=5_000, duration_s=1500, shoe=new))
        q.retire_shoe(session, new.id, DAY)
    with store() as session:
        usages = {u.shoe.name: u for u in q.list_shoes(session)}
        active = [u.shoe.name for u in q.list_shoes(session, include_retired=False)]
        assert q.last_used_gear(session)[0].name == "New pair"
    assert usages["Old pair"].distance_m == 710_000 and usages["Old pair"].runs == 6
    assert usages["Old pair"].past_retirement
    assert not usages["New pair"].past_retirement and usages["New pair"].shoe.retired_on == DAY
    assert active == ["Old pair"]


def test_settings_default_and_round_trip(store):
    with store() as session:
        assert q.get_settings(session) == Settings(units=Units.KM, week_start=0)
    with store.begin() as session:
        q.save_settings(session, Settings(units=Units.MI, week_start=6))
    with store() as session:
        assert q.get_settings(session) == Settings(units=Units.MI, week_start=6)


# Each CHECK constraint, exercised with raw SQL so the database itself (not
# the domain code) is what refuses the value.
RUN = "INSERT INTO runs (date, distance_m, duration_s, effort, notes, created_at, updated_at) VALUES ('2026-11-20', {distance}, {duration}, {effort}, '', '2026-11-20', '2026-11-20')"
PAIN = "INSERT INTO pains (run_id, site, side, onset_m, onset_s, intensity, stopped_early, next_morning) VALUES (1, {site}, {side}, {onset_m}, {onset_s}, {intensity}, {stopped}, {morning})"
GOOD_PAIN = dict(site="'kneecap'", side="'left'", onset_m="5000", onset_s="NULL", intensity="5", stopped="0", morning="NULL")


def pain_sql(**bad) -> str:
    return PAIN.format(**{**GOOD_PAIN, **bad})


@pytest.mark.parametrize(
    ("statement", "constraint"),
    [
        (RUN.format(distance=-1, duration=60, effort="NULL"), "ck_runs_distance"),
        (RUN.format(distance=1000, duration=0, effort="NULL"), "ck_runs_duration"),
        (RUN.format(distance=1000, duration=60, effort=0), "ck_runs_effort"),
        (RUN.format(distance=1000, duration=60, effort=11), "ck_runs_effort"),
        (pain_sql(site="'elbow'"), "ck_pains_site"),
        (pain_sql(side="'both'"), "ck_pains_side"),
        (pain_sql(intensity="11"), "ck_pains_intensity"),
        (pain_sql(intensity="-1"), "ck_pains_intensity"),
        (pain_sql(onset_m="-5"), "ck_pains_onset_m"),
        (pain_sql(onset_s="-5"), "ck_pains_onset_s"),
        (pain_sql(onset_m="NULL", onset_s="NULL"), "ck_pains_onset_given"),
        (pain_sql(stopped="2"), "ck_pains_stopped_early"),
        (pain_sql(morning="'fine'"), "ck_pains_next_morning"),
        ("INSERT INTO shoes (name, type, start_distance_m, retire_distance_m) VALUES ('A', 'racing', 0, 1)", "ck_shoes_type"),
        ("INSERT INTO shoes (name, type, start_distance_m, retire_distance_m) VALUES ('  ', NULL, 0, 1)", "ck_shoes_name_not_blank"),
        ("INSERT INTO shoes (name, type, start_distance_m, retire_distance_m) VALUES ('A', NULL, -1, 1)", "ck_shoes_start_distance"),
        ("INSERT INTO shoes (name, type, start_distance_m, retire_distance_m) VALUES ('A', NULL, 0, 0)", "ck_shoes_retire_distance"),
        ("INSERT INTO orthotics (name, type) VALUES ('A', 'magnetic')", "ck_orthotics_type"),
        ("INSERT INTO orthotics (name, type) VALUES ('', NULL)", "ck_orthotics_name_not_blank"),
        ("INSERT INTO settings (id, units, week_start) VALUES (1, 'yd', 0)", "ck_settings_units"),
        ("INSERT INTO settings (id, units, week_start) VALUES (1, 'km', 7)", "ck_settings_week_start"),
        ("INSERT INTO settings (id, units, week_start) VALUES (2, 'km', 0)", "ck_settings_single_row"),
    ],
)
def test_check_constraints_reject_bad_values(db_path, store, statement, constraint):
    with store.begin() as session:
        session.execute(text(RUN.format(distance=1000, duration=60, effort="NULL")))
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match=constraint):
            connection.execute(statement)
    finally:
        connection.close()


def test_foreign_keys_refuse_a_pain_without_its_run(store):
    with pytest.raises(IntegrityError):
        with store.begin() as session:
            session.execute(text(pain_sql().replace("VALUES (1,", "VALUES (99,")))


def test_pragmas_are_in_force_on_every_pooled_connection(store):
    engine = store.kw["bind"]
    for _ in range(3):
        with engine.connect() as connection:
            values = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
            assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 15000}


def test_errors_do_not_carry_the_values_written(store):
    with pytest.raises(IntegrityError) as caught:
        with store.begin() as session:
            q.add_run(session, Run(date=DAY, distance_m=1000, duration_s=60, notes="my secret note", pains=[knee_pain(intensity=12)]))
    assert "my secret note" not in str(caught.value)
    assert "parameters hidden" in str(caught.value)


def test_unused_gear_can_be_deleted_but_used_gear_cannot(store):
    with store.begin() as session:
        used = q.add_shoe(session, Shoe(name="Used pair"))
        spare = q.add_shoe(session, Shoe(name="Typo pair"))
        insoles = q.add_orthotic(session, Orthotic(name="Insoles"))
        q.add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, shoe=used, orthotic=insoles))
    with store.begin() as session:
        assert q.delete_shoe(session, spare.id).name == "Typo pair"
    with pytest.raises(q.GearInUse) as caught:
        with store.begin() as session:
            q.delete_shoe(session, used.id)
    assert caught.value.runs == 1
    with pytest.raises(q.GearInUse):
        with store.begin() as session:
            q.delete_orthotic(session, insoles.id)
    with store() as session:
        assert [u.shoe.name for u in q.list_shoes(session)] == ["Used pair"]
        assert [o.name for o in q.list_orthotics(session)] == ["Insoles"]
