"""The watch folder's notices: files not imported told once each (f lists them
with the reason), a deleted run stays deleted (u still brings it back), and a
run merged into one typed by hand is called merged."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable

from runlog.domain import Run, Settings
from runlog.store.runs import add_run
from runlog.store.settings import save_settings
from runlog.tui.screens.not_imported import NotImportedScreen

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
    """A watch folder with two runs, a damaged file and a settings file."""
    folder = tmp_path / "GARMIN"
    folder.mkdir()
    shutil.copy(FIT / "activity-small-fenix2-run.fit", folder / "a.fit")
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder / "b.fit")
    shutil.copy(FIT / "invalid" / "activity-filecrc.fit", folder / "broken.fit")
    shutil.copy(FIT / "Settings.fit", folder / "Settings.fit")
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(folder)))
    return folder


async def started(pilot) -> None:
    await settle(pilot)
    await settle(pilot)


def table_rows(screen) -> list[tuple[str, str]]:
    table = screen.query_one(DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]


async def test_each_file_not_imported_is_told_once_briefly_and_f_lists_them_with_why(factory, watch):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        told = [n for n in app._notifications if n.title == "Not imported"]
        assert [str(n.message) for n in told] == ["2 files in the watch folder not imported: f shows why."]
        assert told[0].timeout <= 6  # never covers the run list for long
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, NotImportedScreen)
        assert table_rows(app.screen) == [
            ("Settings.fit", "is not an activity file (it holds settings)"),
            ("broken.fit", "is damaged: its checksum does not match"),
        ]
        await pilot.press("escape")
        await pilot.press("w")
        await settle(pilot)
        assert len([n for n in app._notifications if n.title == "Not imported"]) == 1, "told again on w"
        assert any(text.endswith("(2 files not imported: f shows why)") for text in notifications(app))
    # The next start does not tell them again; a new bad file is told, alone.
    shutil.copy(FIT / "invalid" / "activity-unexpected-eof.fit", watch / "cut.fit")
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert [str(n.message) for n in app._notifications if n.title == "Not imported"] == [
            "1 file in the watch folder not imported: f shows why."
        ]


async def test_a_run_deleted_from_the_watch_folder_stays_deleted_and_u_brings_it_back(factory, watch):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert len(all_runs(factory)) == 2
        await pilot.press("d", "y")  # the newest, selected after the import
        await settle(pilot)
        assert any("The watch folder will not bring it back (f lists it)." in t for t in notifications(app))
        await pilot.press("w")
        await settle(pilot)
        assert [run.date for run in all_runs(factory)] == [dt.date(2015, 8, 15)]
        await pilot.press("f")
        await settle(pilot)
        assert ("b.fit", "you deleted its run of 2017-06-11") in table_rows(app.screen)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert len(all_runs(factory)) == 2
        await pilot.press("w")
        await settle(pilot)
        assert len(all_runs(factory)) == 2
    # Deleted again and the app started anew: still gone.
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert len(all_runs(factory)) == 1


async def test_a_watch_run_merged_into_a_hand_logged_one_is_called_merged(factory, watch):
    (watch / "b.fit").unlink()
    with factory.write() as session:
        add_run(session, Run(date=dt.date(2015, 8, 15), distance_m=9000, duration_s=3000, notes="typed"))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "1 run from your watch merged into the one you logged: add pain? p" in notifications(app)
        assert not [t for t in notifications(app) if "new run" in t]
    assert len(all_runs(factory)) == 1
