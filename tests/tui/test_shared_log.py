"""The terminal app on a shared log, on SQLite and on PostgreSQL: the first
page, the form, the check-in, delete and undo work the same; an edit that
collides with one made elsewhere is refused with what was typed kept; a
database server that goes away is said in words."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from runlog.domain import NextMorning, Pain, PainSite, Run, Side
from runlog.store import open_database
from runlog.store.runs import add_run, get_run, update_run
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.run_form import RunForm

from .helpers import SIZE, TODAY, all_runs, make_app, screen_text, settle, type_into


@pytest.fixture
def factory(db_target):
    """A fresh log on each database."""
    opened = open_database(db_target)
    yield opened
    opened.close()


@pytest.fixture
def painful_run(factory) -> Run:
    with factory.write() as session:
        return add_run(session, Run(
            date=TODAY - dt.timedelta(days=1), distance_m=8000, duration_s=2700, notes="easy",
            pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=5000)],
        ))


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_first_page_checkin_edit_delete_and_undo(factory, painful_run):
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("g", "enter")  # answer, then close the "done" step
        await settle(pilot)
        assert not isinstance(app.screen, CheckinScreen)
        assert "8.00" in str(app.screen.query_one("#runs").get_row_at(1)[1])
        await pilot.press("e")
        await settle(pilot)
        type_into(app.screen, "#distance", "9")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "9.00" in str(app.screen.query_one("#runs").get_row_at(1)[1])
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all_runs(factory) == []
        await pilot.press("u")
        await settle(pilot)
    [run] = all_runs(factory)
    assert (run.id, run.distance_m, run.pains[0].next_morning) == (painful_run.id, 9000, NextMorning.GONE)


async def test_an_edit_that_collides_with_one_made_elsewhere_is_refused_and_the_form_keeps_it(factory, painful_run):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        # Meanwhile, on another machine, the same run is edited and saved.
        with factory.write() as session:
            elsewhere = get_run(session, painful_run.id)
            elsewhere.notes = "saved on the laptop"
            update_run(session, elsewhere)
        type_into(app.screen, "#notes", "typed on the desktop")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RunForm), "the form stays open"
        assert app.screen.query_one("#notes").value == "typed on the desktop"
        assert "Could not save the run: it was changed elsewhere meanwhile; reopen it and try again." in notifications(app)
    [run] = all_runs(factory)
    assert run.notes == "saved on the laptop"


@pytest.mark.postgres
async def test_a_server_that_goes_away_is_said_and_what_was_typed_stays(new_pg_url, pg_server):
    url = new_pg_url()
    store = open_database(url)
    try:
        with store.write() as session:
            add_run(session, Run(date=TODAY, distance_m=5000, duration_s=1500))
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            # The database disappears under the app (as when a server is
            # replaced or the network drops): its connections are cut and
            # new ones find nothing there.
            name = url.rsplit("/", 1)[1]
            admin = create_engine(pg_server.url("postgres"), isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
            try:
                type_into(app.screen, "#notes", "still here")
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert isinstance(app.screen, RunForm)
                assert app.screen.query_one("#notes").value == "still here"
                shown = " ".join(notifications(app))
                assert "Could not save the run: the database server cannot be reached" in shown
                assert pg_server.password not in shown and "Traceback" not in screen_text(app)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
                admin.dispose()
    finally:
        store.close()
