"""Every action is in the help screen and the command palette."""

from __future__ import annotations

from runlog.tui.screens.help import HelpScreen, action_name
from runlog.tui.screens.main import MainScreen

from .helpers import SIZE, all_runs, make_app, screen_text, settle


async def test_help_lists_every_main_key_and_palette_runs_actions(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for binding in MainScreen.BINDINGS:
            assert action_name(binding) in titles
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


async def test_keys_read_as_typed_one_quit_and_help_opens_at_the_screen(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        assert titles.count("Quit") == 1
        helps = " ".join(command.help for command in commands)
        assert "question_mark" not in helps and "square_bracket" not in helps
        await pilot.press("r")
        await settle(pilot)
        review_commands = " ".join(c.help for c in app.get_system_commands(app.screen))
        assert "(key: left / [)" in review_commands
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "left_square_bracket" not in text and "question_mark" not in text
        assert "left / [" in text
        sections = list(app.screen.query(".help-section"))
        review = next(s for s in sections if str(s.render()).startswith("Weekly review"))
        # Opened at the review's keys (near the end): scrolled down to show them.
        view = sections[0].parent
        assert view.scroll_y > 0
        assert view.region.contains_region(review.region)
