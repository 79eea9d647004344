"""The store: round trips through the database, and the database's own guards,
on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

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
from runlog.store import open_database
from runlog.store.gear import GearInUse, add_gear, delete_gear, list_orthotics, list_shoes, retire_gear
from runlog.store.handle import WRITE_OPTION
from runlog.store.runs import (
    add_run,
    count_runs,
    delete_run,
    get_run,
    last_used_gear,
    pains_awaiting_morning,
    recent_runs,
    record_next_morning,
    runs_between,
    update_run,
)
from runlog.store.settings import get_settings, save_settings

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def store(db_target):
    """A fresh log on each database: every test here runs on SQLite and on PostgreSQL."""
    opened = open_database(db_target)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(db_path):
    """A fresh SQLite log, for what only SQLite has (its pragmas)."""
    opened = open_database(db_path)
    yield opened
    opened.close()


def knee_pain(**overrides) -> Pain:
    values = dict(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000.0)
    values.update(overrides)
    return Pain(**values)


def test_run_with_gear_and_pains_round_trips(store):
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY, first_used=DAY))
        orthotic = add_gear(session, Orthotic(name="Blue insoles", type=OrthoticType.CUSTOM))
        saved = add_run(
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
    with store.read() as session:
        loaded = get_run(session, saved.id)
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
    with store.write() as session:
        run = add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain(), knee_pain(side=Side.RIGHT)]))
        record_next_morning(session, run.pains[0].id, NextMorning.GONE)
    with store.write() as session:
        run = get_run(session, run.id)
        run.distance_m = 9000
        run.pains = [run.pains[0]]
        run.pains[0].intensity = 4
        update_run(session, run)
    with store.read() as session:
        stored = get_run(session, run.id)
        pain_count = session.execute(text("SELECT count(*) FROM pains")).scalar()
    assert stored.distance_m == 9000
    assert [(p.intensity, p.next_morning) for p in stored.pains] == [(4, NextMorning.GONE)]
    assert pain_count == 1


def test_delete_removes_pains_and_undo_restores_the_same_run(store):
    with store.write() as session:
        run = add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain()]))
    with store.write() as session:
        deleted = delete_run(session, run.id)
    with store.read() as session:
        assert count_runs(session) == 0
        assert session.execute(text("SELECT count(*) FROM pains")).scalar() == 0
    with store.write() as session:
        restored = add_run(session, deleted, keep_id=True)
    assert restored.id == run.id
    assert [(p.site, p.intensity) for p in restored.pains] == [(PainSite.BELOW_KNEECAP, 6)]


def test_a_failed_write_leaves_nothing_behind(store):
    with pytest.raises(IntegrityError):
        with store.write() as session:
            add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400))
            add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain(intensity=11)]))
    with store.read() as session:
        assert count_runs(session) == 0


def test_runs_between_and_recent_runs_order(store):
    with store.write() as session:
        for day, start in [(2, None), (1, dt.time(18)), (1, dt.time(6)), (3, dt.time(9))]:
            add_run(session, Run(date=DAY + dt.timedelta(days=day), start_time=start, distance_m=5000, duration_s=1500))
    with store.read() as session:
        window = runs_between(session, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2))
        newest = recent_runs(session, limit=2)
        second_page = recent_runs(session, limit=2, offset=2)
    assert [(r.date.day, r.start_time) for r in window] == [(21, dt.time(6)), (21, dt.time(18)), (22, None)]
    assert [r.date.day for r in newest] == [23, 22]
    assert [(r.date.day, r.start_time) for r in second_page] == [(21, dt.time(18)), (21, dt.time(6))]


def test_pains_awaiting_morning_are_only_past_runs_with_blank_status(store):
    with store.write() as session:
        yesterday = add_run(session, Run(date=DAY - dt.timedelta(days=1), distance_m=8000, duration_s=2400, pains=[knee_pain(), knee_pain(side=Side.RIGHT)]))
        add_run(session, Run(date=DAY, distance_m=8000, duration_s=2400, pains=[knee_pain()]))
        record_next_morning(session, yesterday.pains[1].id, NextMorning.BETTER)
    with store.read() as session:
        waiting = pains_awaiting_morning(session, today=DAY)
    assert [(run.id, pain.id) for run, pain in waiting] == [(yesterday.id, yesterday.pains[0].id)]


def test_shoe_mileage_adds_starting_distance_and_flags_retirement(store):
    with store.write() as session:
        old = add_gear(session, Shoe(name="Old pair", start_distance_m=650_000, retire_distance_m=700_000))
        new = add_gear(session, Shoe(name="New pair"))
        for _ in range(6):
            add_run(session, Run(date=DAY, distance_m=10_000, duration_s=3000, shoe=old))
        add_run(session, Run(date=DAY, distance_m=5_000, duration_s=1500, shoe=new))
        retire_gear(session, Shoe, new.id, DAY)
    with store.read() as session:
        usages = {u.shoe.name: u for u in list_shoes(session)}
        active = [u.shoe.name for u in list_shoes(session, include_retired=False)]
        assert last_used_gear(session)[0].name == "New pair"
    assert usages["Old pair"].distance_m == 710_000 and usages["Old pair"].runs == 6
    assert usages["Old pair"].past_retirement
    assert not usages["New pair"].past_retirement and usages["New pair"].shoe.retired_on == DAY
    assert active == ["Old pair"]


def test_settings_default_and_round_trip(store):
    with store.read() as session:
        assert get_settings(session) == Settings(units=Units.KM, week_start=0)
    with store.write() as session:
        save_settings(session, Settings(units=Units.MI, week_start=6))
    with store.read() as session:
        assert get_settings(session) == Settings(units=Units.MI, week_start=6)


# Each CHECK constraint, exercised with raw SQL so the database itself (not
# the domain code) is what refuses the value.
RUN = "INSERT INTO runs (date, distance_m, duration_s, effort, notes, created_at, updated_at) VALUES ('2026-11-20', {distance}, {duration}, {effort}, '', '2026-11-20', '2026-11-20')"
PAIN = "INSERT INTO pains (run_id, site, side, onset_m, onset_s, intensity, stopped_early, next_morning) VALUES (1, {site}, {side}, {onset_m}, {onset_s}, {intensity}, {stopped}, {morning})"
GOOD_PAIN = dict(site="'kneecap'", side="'left'", onset_m="5000", onset_s="NULL", intensity="5", stopped="FALSE", morning="NULL")


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
        ("INSERT INTO kind_gear (kind) VALUES ('swim')", "ck_kind_gear_kind"),
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
def test_check_constraints_reject_bad_values(db_kind, store, statement, constraint):
    with store.write() as session:
        session.execute(text(RUN.format(distance=1000, duration=60, effort="NULL")))
    if db_kind == "postgresql" and constraint == "ck_pains_stopped_early":
        # PostgreSQL's boolean column refuses the integer before the check is asked.
        with pytest.raises(DBAPIError, match="stopped_early"), store.engine.begin() as connection:
            connection.execute(text(statement))
        return
    with pytest.raises(IntegrityError, match=constraint), store.engine.begin() as connection:
        connection.execute(text(statement))


def test_foreign_keys_refuse_a_pain_without_its_run(store):
    with pytest.raises(IntegrityError):
        with store.write() as session:
            session.execute(text(pain_sql().replace("VALUES (1,", "VALUES (99,")))


def test_pragmas_are_in_force_on_every_pooled_connection(sqlite_store):
    engine = sqlite_store.engine
    for _ in range(3):
        with engine.connect() as connection:
            values = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
            assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 15000}


def test_errors_do_not_carry_the_values_written(store):
    with pytest.raises(IntegrityError) as caught:
        with store.write() as session:
            add_run(session, Run(date=DAY, distance_m=1000, duration_s=60, notes="my secret note", pains=[knee_pain(intensity=12)]))
    assert "my secret note" not in str(caught.value)
    assert "parameters hidden" in str(caught.value)


def test_unused_gear_can_be_deleted_but_used_gear_cannot(store):
    with store.write() as session:
        used = add_gear(session, Shoe(name="Used pair"))
        spare = add_gear(session, Shoe(name="Typo pair"))
        insoles = add_gear(session, Orthotic(name="Insoles"))
        add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, shoe=used, orthotic=insoles))
    with store.write() as session:
        assert delete_gear(session, Shoe, spare.id).name == "Typo pair"
    with pytest.raises(GearInUse) as caught:
        with store.write() as session:
            delete_gear(session, Shoe, used.id)
    assert caught.value.runs == 1
    with pytest.raises(GearInUse):
        with store.write() as session:
            delete_gear(session, Orthotic, insoles.id)
    with store.read() as session:
        assert [u.shoe.name for u in list_shoes(session)] == ["Used pair"]
        assert [o.name for o in list_orthotics(session)] == ["Insoles"]


def test_a_reader_does_not_wait_for_a_writer_holding_the_lock(store):
    """A report or the run list reads while an import holds the write lock
    (on SQLite the file's write lock, on PostgreSQL the rows being changed)."""
    with store.write() as session:
        add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, pains=[knee_pain()]))
    with store.engine.execution_options(**{WRITE_OPTION: True}).connect() as writer:
        writer.begin()
        writer.execute(text("DELETE FROM pains"))
        writer.execute(text("UPDATE runs SET notes = 'changing'"))
        # A read that asked for the lock would wait out the busy timeout (or
        # forever, on a server) instead of answering from the last commit.
        with store.read() as session:
            assert count_runs(session) == 1
            assert [r.notes for r in runs_between(session)] == [""]
            assert len(runs_between(session)[0].pains) == 1
        writer.rollback()


def test_a_write_block_commits_together_or_not_at_all(store):
    with pytest.raises(RuntimeError):
        with store.write() as session:
            add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500))
            raise RuntimeError("interrupted")
    with store.read() as session:
        assert count_runs(session) == 0


def test_a_conflicting_edit_is_refused_not_silently_overwritten(store):
    """Two runlogs (two machines) load the same run; the second save is refused."""
    from runlog.store.runs import StaleRun

    with store.write() as session:
        stored = add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, notes="first", pains=[knee_pain()]))
    with store.read() as session:
        laptop, desktop = get_run(session, stored.id), get_run(session, stored.id)
    laptop.notes = "typed on the laptop"
    with store.write() as session:
        saved = update_run(session, laptop)
    desktop.pains[0].intensity = 9  # a change to the pains alone is a change of the run too
    with pytest.raises(StaleRun, match="was changed elsewhere; reload it"), store.write() as session:
        update_run(session, desktop)
    with store.read() as session:
        now = get_run(session, stored.id)
    assert now.notes == "typed on the laptop" and now.pains[0].intensity == knee_pain().intensity
    # Reloaded, the desktop's edit goes through, and so on in turn.
    now.pains[0].intensity = 9
    with store.write() as session:
        again = update_run(session, now)
    assert again.pains[0].intensity == 9 and again.changed_at != saved.changed_at
    with pytest.raises(StaleRun), store.write() as session:
        update_run(session, saved)


def test_two_saves_of_the_same_run_at_the_same_moment_let_exactly_one_through(store):
    """The check is atomic: the second saver waits for the first's lock, then finds the run changed."""
    import threading

    from runlog.store.runs import StaleRun

    with store.write() as session:
        stored = add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, notes="before"))
    with store.read() as session:
        first, second = get_run(session, stored.id), get_run(session, stored.id)
    first.notes, second.notes = "first", "second"
    holding, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def save_first() -> None:
        with store.write() as session:
            update_run(session, first)
            holding.set()
            release.wait(60)

    def save_second() -> None:
        holding.wait(60)
        try:
            with store.write() as session:
                update_run(session, second)
            outcome["second"] = "saved"
        except StaleRun:
            outcome["second"] = "stale"

    threads = [threading.Thread(target=save_first), threading.Thread(target=save_second)]
    for thread in threads:
        thread.start()
    holding.wait(60)
    release.set()
    for thread in threads:
        thread.join(90)
    assert outcome == {"second": "stale"}
    with store.read() as session:
        assert get_run(session, stored.id).notes == "first"


def test_a_run_edited_from_the_first_page_is_checked_too(sqlite_store, db_path):
    """The first page (read without SQLAlchemy) carries the same change stamp as the ORM,
    so an edit begun there is checked as any other."""
    from runlog.store.first_page import read_first_page
    from runlog.store.runs import StaleRun

    with sqlite_store.write() as session:
        add_run(session, Run(date=DAY, distance_m=5000, duration_s=1500, notes="first"))
    _settings, (page_run,) = read_first_page(db_path, 10)
    with sqlite_store.read() as session:
        (orm_run,) = recent_runs(session, limit=10)
    assert page_run.changed_at == orm_run.changed_at is not None
    orm_run.notes = "elsewhere"
    with sqlite_store.write() as session:
        update_run(session, orm_run)
    page_run.notes = "here"
    with pytest.raises(StaleRun), sqlite_store.write() as session:
        update_run(session, page_run)
