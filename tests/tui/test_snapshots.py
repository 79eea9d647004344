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
        rows = pilot.app.screen_stack[0].query_one("#runs")
        while not all("gone" in str(cell) for cell in list(rows.get_column("pain"))[:2]):
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
