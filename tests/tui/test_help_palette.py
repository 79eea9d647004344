"""Every action is in the help screen and the command palette."""

from __future__ import annotations

from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.main import MainScreen

from .helpers import SIZE, all_runs, make_app, screen_text, settle


async def test_help_lists_every_main_key_and_palette_runs_actions(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for binding in MainScreen.BINDINGS:
            assert binding.description in titles
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for needle in ("Log run", "Undo delete", "Morning check-in", "Pick site", "Gone", "Retire / bring back"):
            assert needle in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Log run")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.sub_title == "Log a run"
        await pilot.press("escape")
        await settle(pilot)
    assert all_runs(factory) == []
