"""The run list loads a page at a time, newest first."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Run
from runlog.store.runs import add_run
from runlog.tui.widgets.run_list import PAGE

from .helpers import SIZE, TODAY, make_app, screen_text, settle


async def test_pages_load_as_the_cursor_nears_the_end(factory):
    total = PAGE * 2 + 50
    with factory.write() as session:
        for day in range(total):
            add_run(session, Run(date=TODAY - dt.timedelta(days=day), distance_m=5000 + day, duration_s=1500))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert table.row_count == PAGE
        assert str(table.get_row_at(0)[0]) == "Tue 2026-11-24"
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == PAGE * 2
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == total
        assert str(table.get_row_at(total - 1)[0]) == (TODAY - dt.timedelta(days=total - 1)).strftime("%a %Y-%m-%d")


async def test_empty_log_says_what_to_do(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to runlog" in text and "log a run: date, distance, time" in text


async def test_start_up_reads_the_first_page_once(factory):
    """Filling the list moves its cursor; that must not ask for a page the
    list then throws away (a wasted query on every start)."""
    from sqlalchemy import event

    with factory.write() as session:
        for day in range(250):
            add_run(session, Run(date=TODAY - dt.timedelta(days=day + 1), distance_m=5000, duration_s=1500))
    pages = []

    def watch(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("SELECT runs.id") and PAGE in parameters:
            pages.append(parameters)  # a page of the list (LIMIT PAGE OFFSET n)

    event.listen(factory.engine, "before_cursor_execute", watch)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.screen.query_one("#runs").row_count == 100
    assert len(pages) == 1
