"""The weekly review screen: reached by r and the palette, week by week, jump
to a date, and snapshots on the demo history at 120x40.

Regenerate the snapshots deliberately with ``--snapshot-update`` and look at
them (``snapshot_report.html``) before committing.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console
from textual.widgets import Static

from runlog.demo import fill_demo
from runlog.domain import Settings
from runlog.store.settings import save_settings
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.review import ReviewScreen
from runlog.tui.widgets.day_chart import DayChart

from .helpers import SIZE, TODAY, make_app, settle

#: With the demo's fixed today (Tue 2026-11-24): the week of Oct 12 has the
#: knee pain; the week of Nov 2 is pain-free in orthotics.
PAIN_WEEK_BACK = 6
PAIN_FREE_WEEK_BACK = 3


@pytest.fixture
def demo(factory):
    with factory.write() as session:
        fill_demo(session, TODAY)
    return factory


def _review_after(weeks_back: int):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        for _ in range(weeks_back):
            await pilot.press("left")
        await settle(pilot)

    return run_before


def test_snapshot_a_week_with_knee_pain(demo, snap_compare):
    """The pattern is active; its evidence days are marked in the chart and the list."""
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=_review_after(PAIN_WEEK_BACK))


def test_snapshot_a_pain_free_week_in_orthotics(demo, snap_compare):
    """The same pattern shows as resolved since the orthotics, without scrolling."""
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=_review_after(PAIN_FREE_WEEK_BACK))


def _chart_lines(app) -> list[str]:
    return str(app.screen.query_one(DayChart).render()).splitlines()


def _findings(app) -> str:
    """The findings panel's text as the runner reads it."""
    console = Console(width=116, file=io.StringIO(), record=True)
    console.print(app.screen.query_one("#review-findings-text", Static).content)
    return console.export_text()


async def test_r_opens_this_week_and_keys_step_and_jump(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.review.start == dt.date(2026, 11, 23)
        await pilot.press("left_square_bracket", "left")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 9)
        await pilot.press("right")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 16)

        await pilot.press("j", *"12 oct", "enter")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 10, 12)
        # Evidence days carry a diamond on their bar; the list picks them out.
        marked = [line.split()[1] for line in _chart_lines(app)[:7] if line.rstrip().endswith("◆")]
        assert marked == ["12", "13", "14", "15", "17"]  # the 17th: in orthotics, the pain later into the run
        assert "ACTIVE" in _findings(app) and "does not diagnose" in _findings(app)

        await pilot.press("t")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 23)
        assert "RESOLVED since switching to" in _findings(app)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_date_that_is_not_one_keeps_the_week(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("j", *"03/04/2026", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.review.start == dt.date(2026, 11, 23)
        assert screen.query_one("#review-jump").has_class("open")
        await pilot.press("ctrl+u", *"0001-01-01", "enter")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 23)
        # Escape closes the date box first, then the screen.
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert not screen.query_one("#review-jump").has_class("open")


async def test_sunday_weeks_start_the_chart_on_sunday(factory):
    with factory.write() as session:
        save_settings(session, Settings(week_start=6))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.review.start == dt.date(2026, 11, 22)
        assert [line.split()[0] for line in _chart_lines(app)[:7]] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


async def test_the_palette_opens_the_review(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"weekly review", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_h_writes_the_html_report_of_the_weeks_shown(demo, tmp_path, monkeypatch):
    """The dialog offers the documents folder; the file is written privately and the
    notification says where."""
    import os
    import stat

    from textual.widgets import Input

    from runlog.tui.screens.html_report_dialog import HtmlReportDialog

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, HtmlReportDialog)
        field = dialog.query_one("#file", Input)
        assert field.value == "~/Documents/runlog-report-2026-11-22.html"
        target = tmp_path / "podiatrist.html"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        messages = [str(n.message) for n in app._notifications]
        assert f"Wrote the report of 12 weeks to {target}" in messages
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    meta = page[page.index("<header>") : page.index("</header>")]
    assert "Sun 2026-11-22 (12 weeks)" in meta, meta
    assert "Runner&#x27;s knee pattern, left knee (below kneecap): resolved" in page


async def test_the_html_dialog_refuses_a_missing_folder_beside_the_field(demo, tmp_path):
    from textual.widgets import Input

    from .helpers import notes

    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        app.screen.query_one("#file", Input).value = str(tmp_path / "nowhere" / "r.html")
        await pilot.press("enter")
        await settle(pilot)
        assert "does not exist" in notes(app.screen)["file"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    assert not (tmp_path / "nowhere").exists()


async def test_the_review_never_steps_past_this_week_and_refuses_a_future_jump(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        await pilot.press("right", "right_square_bracket")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 23), "stepped past this week"
        await pilot.press("j", *"2026-12-01", "enter")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 23)
        assert any("in the future" in str(n.message) for n in app._notifications)
        # From last Sunday, a week on is this week (not a future Sunday).
        await pilot.press("ctrl+u", *"2026-11-22", "enter")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 16)
        await pilot.press("right")
        await settle(pilot)
        assert screen.review.start == dt.date(2026, 11, 23)


async def test_two_runs_on_one_day_each_get_their_own_bar(factory):
    from runlog.domain import Pain, PainSite, Run, Side
    from runlog.store.runs import add_run

    with factory.write() as session:
        add_run(session, Run(date=TODAY, start_time=dt.time(7), distance_m=10_000, duration_s=3000,
                             pains=[Pain(site=PainSite.KNEECAP, side=Side.LEFT, intensity=5, onset_m=5000)]))
        add_run(session, Run(date=TODAY, start_time=dt.time(18), distance_m=4000, duration_s=1300))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        lines = _chart_lines(app)
        label = f"{TODAY:%a} {TODAY.day:>2}"
        mine = [i for i, line in enumerate(lines) if line.startswith(label)]
        assert len(mine) == 1
        first, second = lines[mine[0]], lines[mine[0] + 1]
        # The morning's 10 km, pain from halfway, then the evening's 4 km under the same label.
        assert "┃" in first and "10.0" in first
        assert second.startswith(" " * len(label)) and "4.0" in second and "┃" not in second
        assert first.count("█") > second.count("█") > 0


def _figures_lines(app) -> list[str]:
    """The week's figures as drawn in their box (its border off)."""
    box = app.screen.query_one("#review-figures")
    return ["".join(segment.text for segment in box.render_line(y)).strip("│ ").rstrip() for y in range(box.size.height)]


async def test_a_spike_keeps_every_figure_in_its_box_at_120x40(factory):
    """A run far longer than the month's longest (the load signal that replaced
    the weekly "up more than 10%") gets its own line, whole, and the shoe lines
    below it stay in view."""
    from runlog.domain import Pain, PainSite, Run, Shoe, Side
    from runlog.store.gear import add_gear
    from runlog.store.runs import add_run

    week = TODAY - dt.timedelta(days=TODAY.weekday())
    with factory.write() as session:
        shoe = add_gear(session, Shoe(name="Kayano 30"))
        other = add_gear(session, Shoe(name="Pegasus 38"))
        add_run(session, Run(date=week - dt.timedelta(days=6), distance_m=4000, duration_s=1300, shoe=shoe))
        add_run(session, Run(date=week, distance_m=12_000, duration_s=3900, shoe=shoe,
                             pains=[Pain(PainSite.KNEECAP, Side.LEFT, 4, onset_m=6000)]))
        add_run(session, Run(date=TODAY, distance_m=14_000, duration_s=4500, shoe=other))
    app = make_app(factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.review.spikes and app.screen.review.figures.so_far
        lines = _figures_lines(app)
    assert not [line for line in lines if line.endswith("…")], "no figure is cut at the box's edge"
    week_before = next(line for line in lines if line.startswith("Week before"))
    assert week_before.endswith("so far"), "the change is whole on its line"
    # Two spikes this week (Monday's 12 km after 4 km, then today's 14 km): one line says both.
    [spikes] = [line for line in lines if line.startswith("Long run")]
    assert spikes.endswith(f"2, most {week:%a} +200% ⚠"), "the spikes are whole on one line, the mark with them"
    shoes = [line for line in lines if line.startswith("Shoe")]
    assert len(shoes) == 2 and "Kayano 30" in shoes[0] + shoes[1] and "Pegasus 38" in shoes[0] + shoes[1]


async def test_the_evidence_mark_is_on_the_painful_run_of_a_day_with_two(factory):
    from runlog.domain import Run
    from runlog.store.runs import add_run
    from tests.histories import runners_knee

    runs = runners_knee()
    for run in runs:
        run.shoe = run.orthotic = None  # the histories' gear is not in this log
    last = max((run for run in runs if run.pains), key=lambda run: run.date)
    # A pain-free run later on the evidence day, as a second run that day.
    runs.append(Run(date=last.date, start_time=dt.time(19), distance_m=3000, duration_s=1000))
    last.start_time = dt.time(7)
    with factory.write() as session:
        for run in runs:
            add_run(session, run)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("j")
        await pilot.press(*last.date.isoformat(), "enter")
        await settle(pilot)
        lines = _chart_lines(app)
    label = f"{last.date:%a} {last.date.day:>2}"
    at = next(i for i, line in enumerate(lines) if line.startswith(label))
    painful, pain_free = lines[at], lines[at + 1]
    assert "┃" in painful and painful.rstrip().endswith("◆")
    assert "◆" not in pain_free and "✚" not in pain_free


async def test_the_legend_names_every_mark_the_chart_uses(demo):
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        legend = "\n".join(_chart_lines(app)[-2:])
    for mark in ("█ run", "▓ in pain", "┃ pain began", "✚ pain", "◆ evidence", "▲ spike"):
        assert mark in legend
