"""CSV in the TUI: x exports, i imports (issue 6).

Pilot tests drive the dialogs by keyboard and read back the file and the
database; the snapshots show the export dialog, the import dialog and the
list of problems of a refused file.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
import threading

import pytest
from textual.widgets import ProgressBar

from runlog.domain import Pain, PainSite, Run, Side, Units
from runlog.formats.contract_csv import importer
from runlog.formats.contract_csv.columns import header
from runlog.formats.contract_csv.importer import ImportResult
from runlog.store.runs import add_run
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.export_dialog import ExportDialog
from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.import_dialog import ImportDialog
from runlog.tui.screens.main import MainScreen
from runlog.tui.widgets.path_input import shown_path
from runlog.tui.widgets.problem_list import ProblemList
from runlog.tui.widgets.run_list import RunList

from .helpers import SIZE, all_runs, make_app, notes, screen_text, settle, snapshot_app, type_into

#: Written in the form before its activity column and the watch's figures (such files still import).
HEADER = ",".join(header(Units.KM)[: header(Units.KM).index("activity")])

#: Two runs in the export form: a pain-free one and one with knee pain.
GOOD_FILE = f"""{HEADER}
1,2026-09-02,07:15,10.5,55,Trail Glide,trail,,,4,no,,,,,,,,easy
2,2026-09-04,,6,33.5,Trail Glide,trail,,,7,yes,below_kneecap,left,4.5,25,5,no,better,knee
"""

#: Three bad rows (a distance, a date and a pain site) among good ones.
BAD_FILE = f"""{HEADER}
1,2026-09-02,07:15,ten,55,,,,,4,no,,,,,,,,
2,2026-09-31,,6,33.5,,,,,7,no,,,,,,,,
3,2026-09-05,,6,33.5,,,,,7,yes,kneee,left,4.5,25,5,no,,
4,2026-09-06,,6,33.5,,,,,7,no,,,,,,,,
"""


@pytest.fixture
def runs(factory, gear):
    """Three runs: 1 October (pain-free), 10 November (pain at two sites), 23 November (one pain)."""
    neutral, stability, orthotic = gear
    with factory.write() as session:
        add_run(session, Run(date=dt.date(2026, 10, 1), distance_m=10_000, duration_s=3000, shoe=neutral))
        add_run(session, Run(
            date=dt.date(2026, 11, 10), distance_m=8000, duration_s=2700, shoe=stability, orthotic=orthotic,
            pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=5000),
                   Pain(site=PainSite.OUTER_KNEE, side=Side.RIGHT, intensity=3, onset_s=1800)],
        ))
        add_run(session, Run(
            date=dt.date(2026, 11, 23), distance_m=5000, duration_s=1800, shoe=neutral,
            pains=[Pain(site=PainSite.CALF, side=Side.RIGHT, intensity=2, onset_m=4000)],
        ))
    return factory


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def open_dialog(pilot, key: str):
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


# --- export ---------------------------------------------------------------


async def test_export_writes_every_run_to_a_private_file(runs, tmp_path):
    target = tmp_path / "for-the-physio.csv"
    app = make_app(runs)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "x")
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#file").value == "~/runlog-2026-11-24.csv"
        type_into(dialog, "#file", str(target))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert f"Exported 3 runs (km) to {target}" in notifications(app)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    rows = read_csv(target)
    assert rows[0] == header(Units.KM)
    stored = all_runs(runs)
    assert len({row[0] for row in rows[1:]}) == len(stored) == 3
    # One row per run and pain site: 1 + 2 + 1.
    assert len(rows) - 1 == sum(max(1, len(run.pains)) for run in stored) == 4


async def test_export_a_date_range_in_miles(runs, tmp_path):
    target = tmp_path / "november.csv"
    app = make_app(runs)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "x")
        type_into(dialog, "#file", str(target))
        await pilot.press("tab", *"2026-11-01", "tab", *"yesterday", "tab", "right")
        await settle(pilot)
        assert notes(dialog)["until"] == "Mon 2026-11-23"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Exported 2 runs from 2026-11-01 to 2026-11-23 (mi) to {target}" in notifications(app)
    rows = read_csv(target)
    assert rows[0] == header(Units.MI)
    assert [(row[1], row[3]) for row in rows[1:]] == [
        ("2026-11-10", "4.971"), ("2026-11-10", "4.971"), ("2026-11-23", "3.107")
    ]


async def test_a_bad_date_is_named_beside_its_field_and_nothing_is_written(runs, tmp_path):
    target = tmp_path / "runs.csv"
    app = make_app(runs)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "x")
        type_into(dialog, "#file", str(target))
        type_into(dialog, "#since", "2026-02-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert notes(dialog)["since"] == "✗ '2026-02-30' is not a real date"
        type_into(dialog, "#since", "2026-11-20")
        type_into(dialog, "#until", "2026-11-01")
        type_into(dialog, "#file", str(tmp_path / "no-such-folder" / "runs.csv"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert notes(dialog)["until"] == "✗ is before From (Fri 2026-11-20)"
        assert notes(dialog)["file"].startswith("✗ the folder ")
        assert notes(dialog)["file"].endswith("no-such-folder does not exist")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert list(tmp_path.glob("*.csv")) == []


async def test_replacing_an_existing_file_asks_first(runs, tmp_path):
    target = tmp_path / "runs.csv"
    target.write_text("keep me\n")
    app = make_app(runs)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "x")
        type_into(dialog, "#file", str(target))
        await settle(pilot)
        assert notes(dialog)["file"] == "exists: asks before replacing it"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog
        assert target.read_text() == "keep me\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert read_csv(target)[0] == header(Units.KM)


# --- import ---------------------------------------------------------------


async def test_import_adds_the_runs_to_the_log_and_the_list(factory, tmp_path):
    source = tmp_path / "old-log.csv"
    source.write_text(GOOD_FILE)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "i")
        assert isinstance(dialog, ImportDialog)
        type_into(dialog, "#file", str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Imported 2 runs with 1 pain entry; skipped 0 already present" in notifications(app)
        run_list = app.screen.query_one(RunList)
        assert sorted(run.date.isoformat() for run in run_list.runs.values()) == ["2026-09-02", "2026-09-04"]
        # The same file again: both runs are already in the log.
        dialog = await open_dialog(pilot, "i")
        type_into(dialog, "#file", str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert "Nothing new: all 2 runs in the file are already in your log" in notifications(app)
    stored = all_runs(factory)
    assert [(run.date, run.distance_m, len(run.pains)) for run in stored] == [
        (dt.date(2026, 9, 2), 10_500, 0), (dt.date(2026, 9, 4), 6000, 1)
    ]
    assert stored[1].shoe.name == "Trail Glide"


async def test_import_shows_its_progress_and_cannot_be_cancelled_halfway(factory, tmp_path, monkeypatch):
    source = tmp_path / "long-log.csv"
    source.write_text(GOOD_FILE)
    halfway, finish = threading.Event(), threading.Event()

    def slow_import(store, path, progress=None):
        progress("checking", 2000, 10_000)
        halfway.set()
        assert finish.wait(10)
        progress("writing", 5000, 5000)
        return ImportResult(runs=5000, pains=12, skipped=0, units=Units.KM)

    monkeypatch.setattr(importer, "import_csv", slow_import)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "i")
        type_into(dialog, "#file", str(source))
        await pilot.press("enter")
        assert halfway.wait(10)
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Checking line 2,000 of 10,000" in text
        assert dialog.query_one(ProgressBar).percentage == pytest.approx(0.2)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        finish.set()
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Imported 5000 runs with 12 pain entries; skipped 0 already present" in notifications(app)


async def test_a_refused_import_lists_every_problem_and_changes_nothing(one_painful_run, factory, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(BAD_FILE)
    before = all_runs(factory)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "i")
        type_into(dialog, "#file", str(tmp_path / "missing.csv"))
        await pilot.press("enter")
        await settle(pilot)
        assert notes(dialog)["file"] == f"✗ there is no file {shown_path(tmp_path / 'missing.csv')}"
        type_into(dialog, "#file", str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        problems = dialog.query_one(ProblemList)
        assert [problems.row_texts(i) for i in range(len(problems.problems))] == [
            ("2", "distance_km", "'ten' is not a number"),
            ("3", "date", "'2026-09-31' is not a date in YYYY-MM-DD form"),
            ("4", "pain_site", "'kneee' is not a pain site (see export --dictionary)"),
        ]
        assert "Nothing was imported: 3 problems in " in screen_text(app)
        assert problems.has_focus
    assert all_runs(factory) == before


# --- reaching them --------------------------------------------------------


async def test_help_and_palette_list_export_and_import_and_only_the_run_list_opens_them(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Export CSV", "Import runs (CSV or activity files)", "Weekly review"} <= titles
        assert "Import CSV" not in titles
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for needle in ("Export CSV", "Import runs (CSV or activity files)", "Weekly review"):
            assert needle in text
        assert "Import CSV" not in text and "Import from CSV" not in text
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Import runs", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)


# --- snapshots ------------------------------------------------------------


def keys(*presses, typed: dict[str, str] | None = None):
    """``run_before``: open a dialog with the first key, fill fields, press the rest."""

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press(presses[0])
        await settle(pilot)
        for selector, text in (typed or {}).items():
            type_into(pilot.app.screen, selector, text)
        for key in presses[1:]:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of the test's own, so ``~/...`` paths read the same on every machine."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_snapshot_export_dialog(snap_compare, runs, home):
    app = snapshot_app(runs)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("x", typed={"#since": "2026-11-01", "#until": "mon"}))


def test_snapshot_import_dialog(snap_compare, runs, home):
    assert snap_compare(snapshot_app(runs), terminal_size=SIZE, run_before=keys("i"))


def test_snapshot_import_problems(snap_compare, runs, home):
    (home / "bad.csv").write_text(BAD_FILE)
    app = snapshot_app(runs)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("i", "enter", typed={"#file": "~/bad.csv"}))
