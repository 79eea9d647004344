"""After a delete the cursor stays where it was: d y d y deletes two neighbours."""

from __future__ import annotations

import datetime as dt

from runlog.domain import Run
from runlog.store.runs import add_run
from runlog.tui.widgets.run_list import RunList

from .helpers import SIZE, TODAY, all_runs, make_app, settle
from .typist import type_keys


def _runs(factory, count: int) -> list[Run]:
    """``count`` runs on the days before today, newest first (as the list shows them)."""
    with factory.write() as session:
        made = [
            add_run(session, Run(date=TODAY - dt.timedelta(days=ago), distance_m=5000 + ago * 100, duration_s=1800))
            for ago in range(count, 0, -1)
        ]
    return made[::-1]


async def test_d_y_d_y_deletes_the_selected_run_and_the_next_one(factory):
    newest_first = _runs(factory, 5)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.query_one(RunList).current_run.id == newest_first[1].id
        await type_keys(app, ["d", "y", "d", "y"])
        await settle(pilot)
        assert app.screen.query_one(RunList).current_run.id == newest_first[3].id
    left = {run.id for run in all_runs(factory)}
    assert left == {newest_first[0].id, newest_first[3].id, newest_first[4].id}


async def test_deleting_the_last_row_selects_the_one_above(factory):
    newest_first = _runs(factory, 3)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await type_keys(app, ["d", "y"])
        await settle(pilot)
        assert app.screen.query_one(RunList).current_run.id == newest_first[1].id
        await type_keys(app, ["d", "y"])
        await settle(pilot)
    assert [run.id for run in all_runs(factory)] == [newest_first[0].id]
