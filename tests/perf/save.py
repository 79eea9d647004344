"""Saving a run from the form: ctrl+s to the commit, in-process with
``App.run_test`` and Pilot, against ``add_run`` and a commit straight
through the store (goal: the form's median under 50 ms).

This one imports runlog, Textual and SQLAlchemy into the benchmark's own
process, so it runs last (see ``harness.Bench.spawn``). The form is filled
with the TUI tests' own helpers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from pathlib import Path

from tests.perf.harness import Bench, Figure, figure
from tests.perf.tui import SIZE


def measure(bench: Bench, log: Path, saves: int, today: dt.date) -> Figure:
    """Log ``saves`` runs through the form (one in three with a pain entry
    picked by keyboard), timing ctrl+s to the commit; and as many ``add_run``
    commits straight through the store, interleaved."""
    return asyncio.run(_save_runs(bench, log, saves, today))


async def _save_runs(bench: Bench, log: Path, saves: int, today: dt.date) -> Figure:
    from sqlalchemy import event

    from runlog.domain import Run
    from runlog.store import open_database
    from runlog.store.runs import add_run, count_runs, recent_runs, runs_between
    from runlog.tui.app import RunlogApp
    from tests.tui.helpers import settle, type_into

    factory = open_database(log)
    commits: list[float] = []
    committed = threading.Event()

    def on_commit(_connection) -> None:
        commits.append(time.perf_counter())
        committed.set()

    event.listen(factory.engine, "commit", on_commit)
    with factory.read() as session:
        before = count_runs(session)
        last = recent_runs(session, limit=1)[0]
    app = RunlogApp(factory, today=today, checkin_on_start=False)
    form_times: list[float] = []
    store_times: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for number in range(saves):
                minutes = 4 * 60 + number
                await pilot.press("n")
                await settle(pilot)
                form = app.screen
                # The date stays today's; the rest is typed in as the TUI tests do.
                for selector, text in (("#start", f"{minutes // 60:02d}:{minutes % 60:02d}"), ("#distance", "10.5"),
                                       ("#duration", "58:30"), ("#effort", "6"), ("#notes", "easy")):
                    type_into(form, selector, text)
                if number % 3 == 0:
                    await pilot.press("ctrl+n")
                    await settle(pilot)
                    # The knee picker by keyboard: the left knee, below the kneecap.
                    await pilot.press("right", "right", "right", "down", "enter")
                    type_into(form, ".onset-distance", "5")
                    type_into(form, ".intensity", "6")
                await settle(pilot)
                committed.clear()
                start = time.perf_counter()
                await pilot.press("ctrl+s")
                while not committed.is_set():
                    await asyncio.sleep(0.0005)
                form_times.append(commits[-1] - start)
                await settle(pilot)
                # The baseline: the same kind of run, straight through the store.
                run = Run(date=today, start_time=dt.time(3, number % 60), distance_m=10500, duration_s=3510,
                          shoe=last.shoe, orthotic=last.orthotic, effort=6, notes="easy")
                committed.clear()
                start = time.perf_counter()
                with factory.write() as session:
                    add_run(session, run)
                store_times.append(commits[-1] - start)
                bench.out(".")
        with factory.read() as session:
            written = count_runs(session) - before
            typed = [run for run in runs_between(session, today, today) if run.start_time.hour == 4]
    finally:
        factory.close()
    with_pain = sum(1 for run in typed if run.pains)
    if written != 2 * saves or len(typed) != saves or with_pain != (saves + 2) // 3:
        raise RuntimeError(f"{saves} saves through the form wrote {len(typed)} runs, {with_pain} with pain")
    return figure("save", store_times, form_times, unit="ms",
                  note=f"{saves} saves into {before} runs; baseline add_run+commit")
