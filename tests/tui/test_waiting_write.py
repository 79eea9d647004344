"""The TUI says when a write waits for another runlog's, and a next-morning
answer that could not be saved is said to be open still and asked again."""

from __future__ import annotations

import sqlite3

from runlog.store.runs import pains_awaiting_morning
from runlog.tui.screens.checkin import CheckinScreen

from .helpers import SIZE, TODAY, all_runs, make_app, settle


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def wait_for(pilot, condition) -> None:
    """Let the app run until ``condition()`` holds (a worker is blocked meanwhile)."""
    for _ in range(600):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


async def test_a_delete_behind_another_writer_says_it_waits_then_deletes(factory, one_painful_run):
    path = factory.engine.url.database
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("y")
            await wait_for(pilot, lambda: any("Waiting for another runlog to finish writing" in m for m in messages(app)))
            assert len(all_runs(factory)) == 1
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await settle(pilot)
        await wait_for(pilot, lambda: any("Deleted the run" in m for m in messages(app)))
    assert all_runs(factory) == []


async def test_a_morning_answer_that_could_not_be_saved_is_said_open_and_asked_again(factory, one_painful_run,
                                                                                      monkeypatch):
    import runlog.store.engine as engine

    # The whole wait, shortened: the lock is held past it.
    monkeypatch.setattr(engine, "QUIET_WAIT_MS", 10)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    path = factory.engine.url.database
    app = make_app(factory, checkin_on_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("g")
            await wait_for(pilot, lambda: any("Could not save a morning status" in m for m in messages(app)))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        failed = next(m for m in messages(app) if "Could not save a morning status" in m)
        assert "still open: press m to answer it again" in failed
        await pilot.press("enter")  # close the "done" step
        await settle(pilot)
        assert "await" in str(app.screen.query_one("#notices").render())
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("g", "enter")
        await settle(pilot)
    with factory.read() as session:
        assert pains_awaiting_morning(session, TODAY) == []
