"""The watch folder: set in settings, imported on start and with w, and p adds pain to the newest run."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from runlog.domain import Settings
from runlog.store.settings import get_settings, save_settings
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.widgets.pain_entry import PainEntry

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
def watch(tmp_path, factory):
    """A folder the watch synced two runs into, named in the settings."""
    folder = tmp_path / "GARMIN" / "Activity"
    folder.mkdir(parents=True)
    shutil.copy(FIT / "activity-small-fenix2-run.fit", folder / "2015-08-15.fit")
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder / "2017-06-11.fit")
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(folder)))
    return folder


async def test_new_runs_are_imported_on_start_and_p_opens_the_pain_entry_of_the_newest(factory, watch):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert "2 new runs from your watch: add pain? p" in notifications(app)
        assert len(all_runs(factory)) == 2
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert app.screen.original.date.isoformat() == "2017-06-11"  # the newest, not the last file read
        assert len(app.screen.query(PainEntry)) == 1
        await pilot.press("escape")  # nothing typed yet: leaves without asking
        await settle(pilot)
        assert not isinstance(app.screen, RunForm)


async def test_w_imports_only_what_is_new(factory, watch):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert any(text.startswith("Nothing new in ") for text in notifications(app))
        shutil.copy(FIT / "garmin-fenix-5-bike.fit", watch / "ride.fit")
        shutil.copy(FIT / "invalid" / "activity-filecrc.fit", watch / "broken.fit")
        await pilot.press("w")
        await settle(pilot)
        assert "1 file in the watch folder not imported: f shows why." in notifications(app)
    assert len(all_runs(factory)) == 2


async def test_without_a_folder_w_says_where_to_set_one(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert any("No watch folder yet" in text for text in notifications(app))
        await pilot.press("p")
        assert any("No new run from the watch yet" in text for text in notifications(app))


async def test_settings_name_the_watch_folder(factory, tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#watch-folder").value = str(tmp_path / "nowhere")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen), "a folder that does not exist is not saved"
        app.screen.query_one("#watch-folder").value = str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
    with factory.read() as session:
        assert get_settings(session).watch_folder == str(folder)


async def test_a_large_first_import_counts_its_files_in_the_header(factory, watch):
    from runlog.tui.watch_import import WatchProgressed

    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        main = app.screen
        main.post_message(WatchProgressed(120, 2000))
        await pilot.pause()
        assert main.sub_title == "Runs · importing from the watch folder: 120 of 2,000 files"
        await pilot.press("w")
        await settle(pilot)
        assert main.sub_title == "Runs"
