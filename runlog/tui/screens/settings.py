"""Settings: the distance unit and the first day of the week, saved in the database."""

from __future__ import annotations

import calendar

from sqlalchemy.orm import Session, sessionmaker
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from runlog.domain import Settings, Units
from runlog.store import queries
from runlog.tui.messages import SettingsSaved, StoreFailed
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow


class SettingsScreen(ModalScreen[Settings | None]):
    """Change the settings; dismisses with the saved settings, or ``None``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        super().__init__()
        self.factory = factory
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
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#units", Choice).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        chosen = Settings(
            units=self.query_one("#units", Choice).value,
            week_start=self.query_one("#week-start", Choice).value,
        )
        self._save(chosen)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exit_on_error=False, group="save")
    def _save(self, settings: Settings) -> None:
        try:
            with self.factory.begin() as session:
                saved = queries.save_settings(session, settings)
        except Exception as exc:  # noqa: BLE001 - reported by type only
            self.post_message(StoreFailed("save the settings", type(exc).__name__))
        else:
            self.post_message(SettingsSaved(saved))

    def on_settings_saved(self, message: SettingsSaved) -> None:
        self.dismiss(message.settings)

    def on_store_failed(self, message: StoreFailed) -> None:
        self.notify(f"Could not {message.doing} ({message.kind}).", severity="error")
