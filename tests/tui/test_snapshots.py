"""One snapshot per screen and dialog (pytest-textual-snapshot), each at
80x24 (the smallest common terminal: nothing may be cut) and at 120x40.

Regenerate with ``--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import pytest

from runlog.demo import fill_demo

from .helpers import TODAY, settle, snapshot_app


@pytest.fixture(params=[(80, 24), (120, 40)], ids=["80x24", "120x40"])
def size(request) -> tuple[int, int]:
    return request.param


@pytest.fixture
def demo(factory):
    with factory.write() as session:
        fill_demo(session, TODAY)
    return factory


def keys(*presses: str):
    """``run_before`` that presses keys, letting the database workers finish
    after each group (a list) so the screen is settled when it is taken."""

    async def run(pilot) -> None:
        await settle(pilot)
        for group in presses:
            await pilot.press(*group) if isinstance(group, (list, tuple)) else await pilot.press(group)
            await settle(pilot)

    return run


def test_main_with_demo_data(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys())


def test_run_form_empty(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("n"))


def test_run_form_with_errors(snap_compare, demo, size):
    typing = ["ctrl+a", "ctrl+k", *"2026-12-01", "enter", "enter", "0", "enter", *"1:75", "enter", "enter", "enter"]
    typing += [*"11", "ctrl+n"]
    pain = ["right", "right", "right", "down", "enter", *"12", "enter", "enter", *"12", "ctrl+s"]
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("n", typing, pain))


def test_knee_picker(snap_compare, demo, size):
    picking = ["right", "right", "right", "down", "space", "up"]
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("n", "ctrl+n", picking))


def test_confirm_delete(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("down", "d"))


def test_checkin(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo, checkin_on_start=True), terminal_size=size, run_before=keys())


def test_checkin_done(snap_compare, demo, size):
    """The "done" step after the last answer, from which u still undoes it."""
    answer = keys("m", "g", "g")

    async def run(pilot) -> None:
        await answer(pilot)
        # Each answer reaches its row from a worker thread: wait until both show.
        # (The two newest runs' rows, not the week rows above them.) Bounded, so a
        # change that never shows fails the comparison instead of hanging.
        rows = pilot.app.screen_stack[0].query_one("#runs")
        for _ in range(2000):
            newest = [item for item in rows.order if isinstance(item, int)][:2]
            if all("gone" in str(rows.get_cell(str(run_id), "pain")) for run_id in newest):
                break
            await pilot.pause()
        # The list under the dialog is painted again only when asked.
        rows.refresh()
        pilot.app.screen.refresh()
        await pilot.pause()

    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=run)


def test_gear(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("g"))


def test_settings(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("s"))


def test_help(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("question_mark"))


def test_review(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("r"))


def test_review_scrolled_to_the_end(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("r", "end"))


def test_shoe_form(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("g", "a"))


def test_export_dialog(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("x"))


def test_import_dialog(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("i"))


def test_html_report_dialog(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("r", "h"))


def test_kind_gear_dialog(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("g", "k"))


def test_not_imported_list(snap_compare, demo, size):
    from runlog.tui.screens.not_imported import NotImportedScreen

    files = [("Settings.fit", "is not an activity file (it holds settings)"),
             ("2026/broken.fit", "is damaged: its checksum does not match"),
             ("2026-11-20-run.fit", "you deleted its run of 2026-11-20")]

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(NotImportedScreen("~/GARMIN/Activity", files))
        await settle(pilot)

    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=run_before)


def test_watch_run_with_a_lap_press_offered_as_onset(snap_compare, demo, size):
    import datetime as dt

    from runlog.domain import ActivityKind, Mark, Run
    from runlog.store.runs import add_run

    with demo.write() as session:
        run = add_run(session, Run(date=TODAY, start_time=dt.time(6, 30), distance_m=8500, duration_s=2950,
                                   kind=ActivityKind.RUN, source="file:snap", marks=[Mark(3220.0, 1100.0, "lap")]))

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.screen.watch_newest = run.id
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=run_before)


def test_review_in_the_monochrome_theme(snap_compare, demo, size):
    # Greys only: where pain began and which days hurt must show by shape and text.
    app = snapshot_app(demo)
    app.theme = "monochrome"
    assert snap_compare(app, terminal_size=size, run_before=keys("r"))


def test_welcome_on_an_empty_log(snap_compare, factory, size):
    assert snap_compare(snapshot_app(factory), terminal_size=size, run_before=keys())


def test_run_list_filtered(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("slash", list("calf")))


def test_change_form(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("c", "p", "enter", *"hip and knee"))


def test_changes(snap_compare, demo, size):
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("g", "c"))


def test_review_of_the_week_with_the_spike(snap_compare, demo, size):
    jump = ["j", *"2026-09-14", "enter"]
    assert snap_compare(snapshot_app(demo), terminal_size=size, run_before=keys("r", jump))
