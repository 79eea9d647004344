"""Recording a change from the run list (one key, typed at a fast typist's
speed), removing one with undo, and the review's progress panel."""

from __future__ import annotations

import datetime as dt
import re

from runlog.demo import fill_demo
from runlog.domain import ChangeSource, RunnerChange, RunnerChangeKind
from runlog.store.changes import add_change, list_changes, recorded_changes
from runlog.tui.screens.change_form import ChangeForm
from runlog.tui.screens.changes import ChangesScreen
from runlog.tui.screens.review import ReviewScreen

from .helpers import SIZE, TODAY, make_app, notes, screen_text, settle, type_into
from .test_fast_typing import burst


def notified(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def recorded(factory) -> list[RunnerChange]:
    with factory.read() as session:
        return recorded_changes(session)


async def test_c_records_a_change_from_the_run_list_typed_in_one_burst(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Typed while the form opens: the kind by its first letter, then the label.
        burst(app, ["c", "p", "enter", *"hip [b]programme"])
        await settle(pilot)
        await pilot.press("enter", "enter")  # past the date (today) and saved
        await settle(pilot)
        assert not isinstance(app.screen, ChangeForm)
        assert "Recorded: physio hip [b]programme on 2026-11-24" in notified(app)
    assert [(c.date, c.kind, c.label) for c in recorded(factory)] == [
        (TODAY, RunnerChangeKind.PHYSIO, "hip [b]programme")
    ]


async def test_the_date_can_be_typed_and_a_bad_one_writes_nothing(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("right")  # orthotic -> cadence
        burst(app, ["enter", *"Custom pair"])
        await settle(pilot)
        type_into(app.screen, "#date", "2026-11-31")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChangeForm)
        assert "not a real date" in notes(app.screen)["date"]
        type_into(app.screen, "#date", "2026-11-25")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "date is in the future" in notes(app.screen)["date"]
        assert recorded(factory) == []
        type_into(app.screen, "#date", "yesterday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ChangeForm)
    assert [(c.date, c.kind, c.label) for c in recorded(factory)] == [
        (TODAY - dt.timedelta(days=1), RunnerChangeKind.CADENCE, "Custom pair")
    ]


async def test_escape_records_nothing(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["c", "r", "enter", *"week off"])
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChangeForm)
    assert recorded(factory) == []


async def test_a_recorded_change_is_removed_and_undo_brings_it_back_under_its_id(factory):
    with factory.write() as session:
        first = add_change(session, RunnerChange(TODAY - dt.timedelta(days=9), RunnerChangeKind.CADENCE, "+5 spm"))
        second = add_change(session, RunnerChange(TODAY - dt.timedelta(days=3), RunnerChangeKind.REST, "a week off"))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["g"])
        await settle(pilot)
        burst(app, ["c"])
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        burst(app, ["down", "d"])
        await settle(pilot)
        assert recorded(factory) == [first]
        burst(app, ["u"])
        await settle(pilot)
        assert recorded(factory) == [first, second]
        assert "Brought back the change: rest a week off" in notified(app)


async def test_a_gear_change_is_listed_and_cannot_be_removed(factory):
    with factory.write() as session:
        fill_demo(session, TODAY)
        before = list_changes(session)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["g", "c"])
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        assert app.screen.changes[0].source is ChangeSource.GEAR
        burst(app, ["d"])
        await settle(pilot)
        assert "follows the gear" in notified(app)
    with factory.read() as session:
        assert list_changes(session) == before


async def test_the_review_shows_progress_and_the_changes_with_their_verdicts(factory):
    with factory.write() as session:
        fill_demo(session, TODAY)
    for size in ((80, 24), (120, 40)):
        app = make_app(factory)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            text = " ".join(screen_text(app).split())
            assert re.search(r"Pain now begins at about [67]\.\d km, later than the [45]\.\d km of", text)
            assert "orthotic Custom orthotics: pain on" in text and "fewer painful runs after" in text
            assert "within 14 days also: physio hip and knee programme" in text
            assert "cannot show what caused the difference" in text
            assert "over 10%" not in text


async def test_the_run_list_marks_a_run_much_longer_than_the_30_days_before(factory):
    from runlog.domain import Run
    from runlog.store.runs import add_run
    from runlog.tui.widgets.run_list import RunList

    with factory.write() as session:
        for days_ago, km in ((40, 8.0), (35, 8.0), (20, 8.0), (10, 8.8), (5, 9.7), (1, 6.0)):
            add_run(session, Run(date=TODAY - dt.timedelta(days=days_ago), distance_m=km * 1000, duration_s=km * 360))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        run_list = app.screen.query_one(RunList)
        marked = sorted(run_list.runs[i].date for i in run_list.spike_ids)
        # 9.7 km is 10.2% over 8.8 km: a spike; exactly 10% (8.8 after 8.0) is not.
        assert marked == [TODAY - dt.timedelta(days=5)]
        distance = run_list.get_cell(str(run_list.spike_ids.copy().pop()), "distance")
        assert distance.plain == "▲9.70"
