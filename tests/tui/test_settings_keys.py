"""Settings keys: enter moves to the next field, tab completes the watch
folder, and nothing typed in the dialog reaches the run list."""

from __future__ import annotations

from textual.widgets import Button, Input

from runlog.domain import Units
from runlog.store.settings import get_settings
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.settings import SettingsScreen

from .helpers import SIZE, make_app, settle
from .typist import type_keys


async def test_enter_goes_field_to_field_and_ctrl_s_saves_everything_typed(factory, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # miles, Monday, a name with a w in it, the folder: enter after each.
        await type_keys(app, ["s", "right", "enter", "enter", *"Wendy w", "enter", *str(folder), "enter"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen), "enter closed the settings"
        assert screen.query_one("#runner-name", Input).value == "Wendy w"
        assert screen.query_one("#watch-folder", Input).value == str(folder)
        assert isinstance(screen.focused, Button) and screen.focused.id == "save", "enter from the last field goes to Save"
        with factory.read() as session:
            assert get_settings(session).runner_name == "", "enter saved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert not [n for n in app._notifications if "watch" in str(n.message).lower() and "Settings" not in str(n.message)], (
            "a key typed in the settings reached the run list"
        )
    with factory.read() as session:
        saved = get_settings(session)
    assert (saved.units, saved.runner_name, saved.watch_folder) == (Units.MI, "Wendy w", str(folder))


async def test_tab_completes_the_watch_folder_and_then_moves_on(factory, tmp_path):
    (tmp_path / "GarminSync").mkdir()
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        field = screen.query_one("#watch-folder", Input)
        field.focus()
        await type_keys(app, [*f"{tmp_path}/Gar"])
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert field.value == f"{tmp_path}/GarminSync/"
        assert screen.focused is field, "tab took the completion and stayed"
        await pilot.press("tab")
        await settle(pilot)
        assert screen.focused is screen.query_one("#theme"), "with nothing to complete tab moves on (to the theme)"
