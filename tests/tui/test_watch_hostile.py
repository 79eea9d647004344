"""The watch folder and the import dialog go past a stranger's files: a FIFO, a link to /dev/zero, a broken clock.

Each such file is named; the files before and after it are imported, and the
app neither hangs nor says "nothing was changed" for what it did change.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

import pytest

from runlog.domain import Settings
from runlog.store.settings import save_settings
from runlog.tui.screens.import_dialog import ImportDialog

from .helpers import SIZE, all_runs, make_app, settle, type_into

FIT = Path(__file__).resolve().parents[1] / "fixtures" / "activities" / "fitdecode"
#: A GPX whose clock stood at year 1 with an offset: an OverflowError escaped the reader before.
YEAR_ONE = (
    b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
    b'<trkpt lat="46.0" lon="14.0"><time>0001-01-01T00:30:00+05:00</time></trkpt>'
    b'<trkpt lat="46.01" lon="14.0"><time>0001-01-01T00:40:00+05:00</time></trkpt></trkseg></trk></gpx>'
)


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
def hostile(tmp_path) -> Path:
    """A synced folder: a run, then a FIFO, a link to /dev/zero and a year-1 GPX, then another run."""
    folder = tmp_path / "GARMIN"
    folder.mkdir()
    shutil.copy(FIT / "activity-small-fenix2-run.fit", folder / "a-2015.fit")
    os.mkfifo(folder / "b-pipe.fit")
    (folder / "c-zero.gpx").symlink_to("/dev/zero")
    (folder / "d-year-one.gpx").write_bytes(YEAR_ONE)
    shutil.copy(FIT / "garmin-fenix-5-run.fit", folder / "e-2017.fit")
    return folder


async def settled(pilot) -> None:
    """Settle, but fail (instead of hanging the suite) when an import never ends."""
    await asyncio.wait_for(settle(pilot), timeout=60)


async def test_the_watch_folder_names_each_hostile_file_and_imports_the_runs_around_them(factory, hostile):
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(hostile)))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await settled(pilot)
        shown = "\n".join(notifications(app))
        assert "2 new runs from your watch: add pain? p" in shown
        # Told once, in one line; f lists each file with why.
        assert "3 files in the watch folder not imported: f shows why." in shown
        assert "nothing was changed" not in shown
        _folder, listed = app.screen.not_imported
        reasons = dict(listed)
        assert reasons["b-pipe.fit"].startswith("is a named pipe (FIFO), not a file")
        assert reasons["c-zero.gpx"].startswith("is a device, not a file")
        assert reasons["d-year-one.gpx"] == "has a start time outside any calendar runlog can read"
    assert sorted(run.date.isoformat() for run in all_runs(factory)) == ["2015-08-15", "2017-06-11"]


async def test_the_import_dialog_goes_past_hostile_files_too(factory, hostile):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("i")
        await settled(pilot)
        assert isinstance(app.screen, ImportDialog)
        type_into(app.screen, "#file", str(hostile))
        await pilot.press("enter")
        await settled(pilot)
        [summary] = [text for text in notifications(app) if text.startswith("2 imported")]
        assert "3 files refused:" in summary
        assert "d-year-one.gpx" in summary
        assert "nothing was changed" not in "\n".join(notifications(app))
    assert len(all_runs(factory)) == 2


async def test_garmins_export_zip_in_the_watch_folder_is_imported_as_its_files(factory, tmp_path):
    import zipfile

    folder = tmp_path / "Downloads"
    folder.mkdir()
    with zipfile.ZipFile(folder / "garmin-export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIT / "activity-small-fenix2-run.fit", "19123_ACTIVITY.fit")
        archive.write(FIT / "garmin-fenix-5-run.fit", "19124_ACTIVITY.fit")
    with factory.write() as session:
        save_settings(session, Settings(watch_folder=str(folder)))
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await settled(pilot)
        assert "2 new runs from your watch: add pain? p" in notifications(app)
    assert sorted(run.date.isoformat() for run in all_runs(factory)) == ["2015-08-15", "2017-06-11"]
