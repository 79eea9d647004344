"""A watch folder that is the whole disk, a system folder or the home folder itself is never read;
``w`` on a folder that is gone says only that it is gone."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from runlog.domain import Settings
from runlog.store.settings import get_settings, save_settings
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.widgets.field_row import FieldRow

from .helpers import SIZE, all_runs, make_app, settle

FIT = Path(__file__).resolve().parents[1] / "fixtures" / "activities" / "fitdecode"


def notifications(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder holding a run file at its top (runlog must not read it as a watch folder)."""
    folder = tmp_path / "home" / "ann"
    folder.mkdir(parents=True)
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder / "old-run.fit")
    monkeypatch.setenv("HOME", str(folder))
    return folder


async def test_a_home_folder_set_as_watch_folder_is_refused_at_start_and_nothing_is_read(factory, home):
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(home)))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        said = notifications(app)
        assert f"The watch folder {home} is your home folder itself; name the folder your watch or its app syncs " \
               "into (such as ~/Downloads)." in said, said
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert not any(text.startswith("Nothing new") for text in notifications(app))
    assert all_runs(factory) == []


async def test_settings_refuse_the_home_folder_as_watch_folder(factory, home):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#watch-folder").value = "~"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen), "the home folder is not saved as the watch folder"
        row = next(row for row in app.screen.query(FieldRow) if row.key == "watch-folder")
        note = str(row.query_one(".field-note", Static).render())
        assert note == (f"✗ the watch folder {home} is your home folder itself; name the folder your watch or its "
                        "app syncs into (such as ~/Downloads)"), note
    with factory.read() as session:
        assert get_settings(session).watch_folder in (None, "")


async def test_w_on_a_folder_that_is_gone_says_only_that(factory, tmp_path):
    gone = tmp_path / "GARMIN"
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(gone)))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await settle(pilot)
        said = notifications(app)
        assert any("does not exist" in text for text in said), said
        assert not any(text.startswith("Nothing new") for text in said), said
