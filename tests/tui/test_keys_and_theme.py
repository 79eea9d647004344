"""The runner's keys (keys.toml), the theme (settings, RUNLOG_THEME) and NO_COLOR, in the app."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from runlog.keymap import read_theme
from runlog.tui.app import RunlogApp
from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.themes import start_appearance

from .helpers import SIZE, TODAY, screen_text, settle


def _app(factory, folder, environ=None) -> RunlogApp:
    """The app as ``run_app`` starts it, with its config folder and environment given."""
    return RunlogApp(factory, today=TODAY, checkin_on_start=False, **start_appearance(environ or {}, folder))


def _messages(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_keys_file_moves_an_action_to_the_runners_key_in_the_footer_help_and_palette(factory, tmp_path):
    (tmp_path / "keys.toml").write_text('main.new_run = "a"\n[app]\nreview = "f5"\n')
    app = _app(factory, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = {key.description: key.key_display for key in app.screen.query(FooterKey)}
        assert footer["Log run"] == "a" and footer["Review"] == "f5"
        palette = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert palette["Log run"].endswith("(key: a)") and palette["Weekly review"].endswith("(key: f5)")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "n no longer logs a run"
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        assert any(line.split() == ["a", "Log", "run"] for line in lines)
        assert any(line.split() == ["f5", "Weekly", "review"] for line in lines)
        await pilot.press("escape", "a")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
    assert _messages(app) == []


async def test_a_bad_keys_file_is_one_sentence_on_start_and_the_default_keys(factory, tmp_path):
    (tmp_path / "keys.toml").write_text('main.new_run = "a"\nmain.log_a_run = "b"\n')
    app = _app(factory, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _messages(app) == [f"{tmp_path / 'keys.toml'}: runlog has no key binding named 'main.log_a_run'; "
                                  "using the default keys"]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)


async def test_runlog_theme_chooses_the_theme_and_an_unknown_one_is_one_sentence(factory, tmp_path):
    app = _app(factory, tmp_path, {"RUNLOG_THEME": "nord"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    app = _app(factory, tmp_path, {"RUNLOG_THEME": "neon"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert _messages(app) == ["RUNLOG_THEME names no theme runlog has ('neon'); see Settings for the names"]


async def test_no_color_starts_in_the_monochrome_theme_without_colour(factory, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    import os

    app = _app(factory, tmp_path, dict(os.environ))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "monochrome" and app.no_color


async def test_the_theme_chosen_in_settings_shows_at_once_and_is_saved_in_the_config_folder(factory, tmp_path):
    app = _app(factory, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("tab", "tab", "tab", "tab", "right")
        await settle(pilot)
        assert app.theme == "textual-light"
        await pilot.press("escape")
        await settle(pilot)
        assert app.theme == "textual-dark", "cancel puts the theme back"
        assert read_theme(tmp_path / "theme.toml") is None
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "right", "right", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.theme == "nord"
    assert read_theme(tmp_path / "theme.toml") == "nord"
    again = _app(factory, tmp_path)
    assert again.theme == "nord"


async def test_where_pain_began_and_the_painful_part_of_a_run_show_by_shape_not_only_colour(factory, tmp_path):
    from runlog.demo import fill_demo
    from runlog.tui.widgets.day_chart import DayChart

    with factory.write() as session:
        fill_demo(session, TODAY)
    app = _app(factory, tmp_path, {"RUNLOG_THEME": "monochrome"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        lines = str(app.screen.query_one(DayChart).render()).splitlines()
    painful = [line for line in lines[:-2] if "┃" in line and "█" in line]  # the legend is the last two lines
    assert painful, lines
    for line in painful:
        before, after = line.split("┃", 1)
        assert "▓" not in before and "▓" in after and "█" not in after.split()[0]
    legend = " ".join(lines[-2:])
    assert "▓ in pain" in legend and "┃ pain began" in legend and "✚ pain" in legend


def test_runlog_keys_lists_each_binding_id_with_the_runners_key(tmp_path, monkeypatch, capsys):
    from runlog.cli import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("RUNLOG_DB", str(tmp_path / "runlog.db"))
    (tmp_path / "runlog").mkdir()
    (tmp_path / "runlog" / "keys.toml").write_text('main.new_run = "a"\n')
    assert main(["keys"]) == 0
    rows = {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")}
    assert rows["main.new_run"] == "a" and rows["app.review"] == "r" and rows["checkin.gone"] == "g"
    (tmp_path / "runlog" / "keys.toml").write_text('main.new = "a"\n')
    assert main(["keys"]) == 0
    out, err = capsys.readouterr()
    assert err == f"runlog: {tmp_path / 'runlog' / 'keys.toml'}: runlog has no key binding named 'main.new'; using the default keys\n"
    assert "  main.new_run                 n " in out
    assert not (tmp_path / "runlog.db").exists()
