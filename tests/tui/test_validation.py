"""The run form refuses to save until every field reads, says why beside
each field, and writes nothing meanwhile."""

from __future__ import annotations

from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.knee_picker import KneePicker

from .helpers import SIZE, all_runs, make_app, notes, settle, type_into


async def test_each_message_and_nothing_written(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RunForm)
        type_into(form, "#date", "2026-12-01")
        type_into(form, "#distance", "0")
        type_into(form, "#duration", "abc")
        type_into(form, "#effort", "11")
        await pilot.press("ctrl+n")
        type_into(form, ".intensity", "11")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = notes(form)
        assert shown["date"] == "✗ date is in the future"
        assert shown["distance"] == "✗ distance must be a positive number"
        assert shown["duration"] == "✗ duration is like 45, 45:30, 1:02:03, 45 min, 1h05 or 45,5"
        assert shown["effort"] == "✗ effort is 1 to 10"
        assert shown["pain1.site"] == "✗ pick where it hurt"
        assert shown["pain1.onset"] == "✗ give the onset as a distance or a time into the run, or ? if not sure"
        assert shown["pain1.intensity"] == "✗ intensity is 0 to 10"
        assert isinstance(app.screen, RunForm), "a refused save keeps the form open"
        assert all_runs(factory) == []

        # Fixed run fields; now the onset lies past the end of the run.
        type_into(form, "#date", "yesterday")
        type_into(form, "#distance", "8")
        type_into(form, "#duration", "45")
        type_into(form, "#effort", "")
        form.query_one(KneePicker).pick(*_left_below())
        type_into(form, ".onset-distance", "12")
        type_into(form, ".onset-time", "50")
        type_into(form, ".intensity", "6")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = notes(form)
        assert shown["pain1.onset"] == "✗ onset 12 km is past the run's 8 km"
        assert shown["pain1.onset-time"] == "✗ onset 50 min is past the run's 45 min"
        assert not any(text.startswith("✗") for key, text in shown.items() if "onset" not in key)
        assert all_runs(factory) == []

        type_into(form, ".onset-distance", "5")
        type_into(form, ".onset-time", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RunForm)
    [run] = all_runs(factory)
    assert run.distance_m == 8000 and run.pains[0].onset_m == 5000


async def test_errors_show_while_typing_not_before(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert not any(text.startswith("✗") for text in notes(form).values()), "an empty form is not scolded"
        await pilot.press("tab", "tab", "minus", "3")
        assert notes(form)["distance"] == "✗ distance must be a positive number"


def _left_below():
    from runlog.domain import PainSite, Side

    return PainSite.BELOW_KNEECAP, Side.LEFT
