"""The import dialog takes what a watch recorded: files and folders, each whole or refused by name."""

from __future__ import annotations

import shutil
from pathlib import Path

from runlog.tui.screens.import_dialog import ImportDialog
from runlog.tui.screens.main import MainScreen
from runlog.tui.widgets.run_list import RunList

from .helpers import SIZE, all_runs, make_app, settle, type_into

FIT = Path(__file__).resolve().parents[1] / "fixtures" / "activities" / "fitdecode"


def notifications(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_folder_of_watch_files_imports_and_names_the_refused(factory, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder / "run.fit")
    shutil.copy(FIT / "garmin-fenix-5-bike.fit", folder / "ride.fit")
    shutil.copy(FIT / "Settings.fit", folder / "Settings.fit")
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        type_into(app.screen, "#file", str(folder))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [summary] = [text for text in notifications(app) if text.startswith("1 imported")]
        assert "left out (not on foot): 1 cycling" in summary
        assert f"{folder / 'Settings.fit'} is not an activity file (it holds settings)." in summary
        assert [run.date.isoformat() for run in app.screen.query_one(RunList).runs.values()] == ["2017-06-11"]
    assert len(all_runs(factory)) == 1


async def test_a_single_fit_file(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        type_into(app.screen, "#file", str(FIT / "activity-small-fenix2-run.fit"))
        await pilot.press("enter")
        await settle(pilot)
        assert "1 imported, 0 merged into runs you logged, 0 already there" in notifications(app)
    [run] = all_runs(factory)
    assert len(run.marks) == 3
