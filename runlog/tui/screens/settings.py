"""Settings: the distance unit, the first day of the week, the runner's name
(for the HTML report) and the watch's folder, saved in the database; and the
colour theme, saved in the user config folder (it belongs to this terminal,
not to the log, which may be shared)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from runlog.domain import Settings, Units
from runlog.tui.form_keys import (
    ENTER_BINDING,
    TAB_COMPLETES_BINDINGS,
    EnterMovesOn,
    TabCompletes,
    after_typed_keys,
)
from runlog.tui.store_jobs import store_job
from runlog.tui.themes import theme_names
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.path_input import PathSuggester, read_path, shown_path

if TYPE_CHECKING:
    from runlog.store.handle import Store


class SettingsScreen(TabCompletes, EnterMovesOn, ModalScreen[Settings | None]):
    """Change the settings; dismisses with the saved settings, or ``None``."""

    @dataclass
    class SettingsSaved(Message):
        """The runner's preferences were saved."""

        settings: Settings

    DEFAULT_CSS = """
    #settings FieldRow > Input.wide {
        width: 32;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        ENTER_BINDING,
        *TAB_COMPLETES_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings"):
            yield Static("Settings", classes="dialog-title")
            yield FieldRow(
                "Units",
                Choice([("kilometres (km)", Units.KM), ("miles (mi)", Units.MI)], self.settings.units, id="units"),
                "for everything you read and type",
                key="units",
            )
            yield FieldRow(
                "Week starts",
                Choice(list(zip(calendar.day_name, range(7), strict=True)), self.settings.week_start, id="week-start"),
                "for weekly figures",
                key="week-start",
            )
            yield FieldRow(
                "Your name",
                Input(self.settings.runner_name, id="runner-name", compact=True, max_length=200,
                      placeholder="optional"),
                "heads the HTML report",
                key="runner-name",
            )
            yield FieldRow(
                "Watch folder",
                Input(self.settings.watch_folder, id="watch-folder", placeholder="e.g. ~/Downloads", compact=True,
                      classes="wide", suggester=PathSuggester(suffix="/")),
                "imported on start and with w",
                key="watch-folder",
            )
            yield FieldRow(
                "Theme",
                Choice([(name, name) for name in theme_names()], self.app.theme, id="theme"),
                "shown as you choose; RUNLOG_THEME wins",
                key="theme",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#units", Choice).focus()
        #: Put back on cancel: the theme changes as the runner steps through them.
        self.theme_before = self.app.theme

    @on(Choice.Changed, "#theme")
    def _preview_theme(self, event: Choice.Changed) -> None:
        self.app.theme = event.value

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        # What is typed at the moment of the key, not what has reached the fields so far.
        after_typed_keys(self, self._save_typed)

    def _save_typed(self) -> None:
        text = self.query_one("#watch-folder", Input).value
        folder = str(read_path(text)) if text.strip() else ""
        row = next(row for row in self.query(FieldRow) if row.key == "watch-folder")
        from runlog.paths import watch_folder_problem

        problem = (f"there is no folder {shown_path(Path(folder))}" if not Path(folder).is_dir()
                   else watch_folder_problem(folder)) if folder else None
        if problem is not None:
            row.show(problem)
            self.query_one("#watch-folder", Input).focus()
            return
        row.show(None)
        chosen = Settings(
            units=self.query_one("#units", Choice).value,
            week_start=self.query_one("#week-start", Choice).value,
            runner_name=self.query_one("#runner-name", Input).value,
            watch_folder=folder,
        )
        self._save(chosen, self.query_one("#theme", Choice).value)

    def input_entered(self, field: Input) -> None:
        # Enter moves on as in every form; from the last field, to Save.
        if field.id == "watch-folder":
            self.query_one("#save", Button).focus()
        else:
            self.focus_next()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.app.theme = self.theme_before
        self.dismiss(None)

    def _save(self, settings: Settings, theme: str) -> None:
        folder = getattr(self.app, "config_folder", None)

        def job() -> SettingsScreen.SettingsSaved:
            from runlog.keymap import THEME_FILE, write_theme
            from runlog.store.settings import save_settings

            with self.store.write() as session:
                saved = self.SettingsSaved(save_settings(session, settings))
            if folder is not None:
                write_theme(folder / THEME_FILE, theme)
            return saved

        store_job(self, "save the settings", job, group="save")

    def on_settings_screen_settings_saved(self, message: SettingsScreen.SettingsSaved) -> None:
        self.dismiss(message.settings)
