"""The run list loads a page at a time, newest first."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain import Orthotic, Pain, PainSite, Run, Shoe, Side
from runlog.store.gear import add_gear
from runlog.store.runs import add_run
from runlog.tui.run_filter import FilterScreen
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.run_list import PAGE, RunList

from .helpers import SIZE, TODAY, all_runs, make_app, screen_text, settle, type_keys


async def test_pages_load_as_the_cursor_nears_the_end(factory):
    total = PAGE * 2 + 50
    with factory.write() as session:
        for day in range(total):
            add_run(session, Run(date=TODAY - dt.timedelta(days=day), distance_m=5000 + day, duration_s=1500))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert table.run_count == PAGE
        assert str(table.get_row_at(0)[0]) == "Week of 23 Nov"
        assert str(table.get_row_at(1)[0]) == "Tue 2026-11-24"
        await pilot.press("end")
        await settle(pilot)
        assert table.run_count == PAGE * 2
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert table.run_count == total
        last = table.row_count - 1
        assert str(table.get_row_at(last)[0]) == (TODAY - dt.timedelta(days=total - 1)).strftime("%a %Y-%m-%d")


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
        assert app.screen.query_one("#runs").run_count == 100
    assert len(pages) == 1


# --- weeks, the cursor over them, the filter and the column widths ---------


def _shown_rows(table) -> list[str]:
    """The table's lines as drawn (header first), trailing spaces dropped."""
    return ["".join(segment.text for segment in table.render_line(y)).rstrip() for y in range(table.size.height)]


@pytest.fixture
def two_weeks(factory, gear):
    """Runs on Tue 24 and Mon 23 Nov (this week), and Sat 21, Thu 19, Mon 16 Nov (the week before)."""
    neutral, stability, orthotic = gear
    days = {0: (10_000, None), 1: (5_000, "hills"), 3: (8_000, None), 5: (6_000, None), 8: (12_000, "easy")}
    with factory.write() as session:
        for back, (metres, note) in days.items():
            add_run(session, Run(
                date=TODAY - dt.timedelta(days=back), distance_m=metres, duration_s=metres * 0.3,
                shoe=stability if back < 4 else neutral, orthotic=orthotic if back == 8 else None, notes=note or "",
                pains=[Pain(PainSite.CALF, Side.RIGHT, 3, onset_m=2000)] if back == 3 else [],
            ))
    return factory


async def test_each_week_has_a_quiet_row_with_its_distance_and_runs(two_weeks):
    app = make_app(two_weeks)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RunList)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    assert [row[0] for row in rows] == [
        "Week of 23 Nov", "Tue 2026-11-24", "Mon 2026-11-23",
        "Week of 16 Nov", "Sat 2026-11-21", "Thu 2026-11-19", "Mon 2026-11-16",
    ]
    assert (rows[0][1], rows[0][5]) == ("15.00", "2 runs")
    assert (rows[3][1], rows[3][5]) == ("26.00", "3 runs")


async def test_the_cursor_steps_over_week_rows_so_keys_act_on_runs(two_weeks):
    app = make_app(two_weeks)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RunList)
        assert table.current_run.date == TODAY
        await type_keys(pilot, "down", "down")
        assert table.current_run.date == TODAY - dt.timedelta(days=3), "down skips the week's row"
        await type_keys(pilot, "up")
        assert table.current_run.date == TODAY - dt.timedelta(days=1), "up skips it too"
        await type_keys(pilot, "end", "home")
        assert table.current_run.date == TODAY, "home lands on the newest run, not its week"
        await type_keys(pilot, "down", "down", "e")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.query_one("#date").value == (TODAY - dt.timedelta(days=3)).isoformat()
        await pilot.press("escape")
        await settle(pilot)
        await type_keys(pilot, "d")
        await settle(pilot)
        assert "Delete the run of Sat 2026-11-21" in screen_text(app)


async def test_a_week_split_over_two_pages_counts_all_its_runs(factory):
    with factory.write() as session:
        for day in range(PAGE + 10):
            add_run(session, Run(date=TODAY - dt.timedelta(days=day), distance_m=1000, duration_s=300))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RunList)
        await pilot.press("end")
        await settle(pilot)
        assert table.complete and table.run_count == PAGE + 10
        counts, current = {}, None
        for index in range(table.row_count):
            first = str(table.get_row_at(index)[0])
            if first.startswith("Week of"):
                current = first
                counts[current] = [str(table.get_row_at(index)[5]), 0]
            else:
                counts[current][1] += 1
    for said, counted in counts.values():
        assert said == f"{counted} run{'s' if counted != 1 else ''}"


async def test_slash_filters_by_shoe_note_or_site_and_esc_clears(two_weeks):
    app = make_app(two_weeks)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RunList)
        # "pegasus" holds e and s, "need"-like letters that are keys on the list: they type.
        await type_keys(pilot, "slash", *"pegasus")
        await settle(pilot)
        assert sorted(run.date for run in table.runs.values()) == [
            TODAY - dt.timedelta(days=8), TODAY - dt.timedelta(days=5)
        ]
        assert isinstance(app.screen, FilterScreen)
        await type_keys(pilot, *["backspace"] * 7, *"r calf")
        await settle(pilot)
        assert [run.date for run in table.runs.values()] == [TODAY - dt.timedelta(days=3)]
        await type_keys(pilot, *["backspace"] * 6, *"HILLS", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [run.notes for run in table.runs.values()] == ["hills"]
        assert "matching “HILLS”" in app.screen.sub_title
        await type_keys(pilot, "e")
        await settle(pilot)
        assert app.screen.query_one("#notes").value == "hills", "e edits the filtered run"
        await pilot.press("escape")
        await settle(pilot)
        await type_keys(pilot, "escape")
        await settle(pilot)
        assert table.run_count == 5 and app.screen.sub_title == "Runs"
    assert len(all_runs(two_weeks)) == 5


async def test_long_gear_names_end_in_an_ellipsis_and_short_ones_are_whole(factory):
    with factory.write() as session:
        long = add_gear(session, Orthotic(name="Superfeet Green with a heel cup"))
        shoe = add_gear(session, Shoe(name="Brooks Ghost 15"))
        add_run(session, Run(date=TODAY, distance_m=8000, duration_s=2400, shoe=shoe, orthotic=long,
                             pains=[Pain(PainSite.BELOW_KNEECAP, Side.LEFT, 6, onset_m=5000, stopped_early=True)]))
    app = make_app(factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wide = "\n".join(_shown_rows(app.screen.query_one(RunList)))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = "\n".join(_shown_rows(app.screen.query_one(RunList)))
    assert "Brooks Ghost 15 " in wide, "a shoe name of 15 characters is whole at 120 columns"
    assert "L below kneecap 6/10 @5.0 km, stopped " in wide
    assert "Superfeet Gree…" in wide
    assert "L below kneecap 6/10 @5.0 …" in narrow, "at 80 columns the pain is cut with an ellipsis"
