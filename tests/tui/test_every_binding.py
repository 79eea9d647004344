"""Every key of every screen, dialog and widget is pressed at least once.

``SCENARIOS`` says, for each key a runlog class binds (and the app's own),
the state to press it in and what the runner should then see or find in the
log. ``test_every_binding_has_a_scenario`` reads the bindings off the
classes themselves: a new binding without a scenario fails it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Button, DataTable, Input

import runlog.tui
from runlog.domain import Mark, NextMorning, Pain, PainSite, Run, Side
from runlog.store.gear import list_shoes
from runlog.store.runs import add_run
from runlog.store.settings import get_settings
from runlog.tui.app import RunlogApp
from runlog.tui.run_filter import FilterScreen
from runlog.tui.screens.change_form import ChangeForm
from runlog.tui.screens.changes import ChangesScreen
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.export_dialog import ExportDialog
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.html_report_dialog import HtmlReportDialog
from runlog.tui.screens.import_dialog import ImportDialog
from runlog.tui.screens.kind_gear_form import KindGearForm
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.not_imported import NotImportedScreen
from runlog.tui.screens.orthotic_form import OrthoticForm
from runlog.tui.screens.review import ReviewScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.screens.shoe_form import ShoeForm
from runlog.tui.widgets.knee_picker import KneePicker
from runlog.tui.widgets.pain_entry import PainEntry
from runlog.tui.widgets.run_list import RunList

from .helpers import SIZE, TODAY, all_runs, make_app, settle, type_into
from .test_csv_dialogs import GOOD_FILE

# --- the bindings, read off the classes ---------------------------------------


def _runlog_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(runlog.tui.__path__, "runlog.tui."):
        module = importlib.import_module(info.name)
        classes += [c for _n, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
    return classes


def declared_keys() -> set[tuple[str, str]]:
    """``(class, key)`` for each key bound by a runlog screen, dialog or widget
    (its own bindings and those it inherits from runlog classes; a base class
    with subclasses counts through them), and the app's with Textual's own."""
    classes = _runlog_classes()
    bases = {base for cls in classes for base in cls.__mro__[1:]}
    keys = set()
    for cls in classes:
        if cls in bases:
            continue
        if issubclass(cls, App):
            owners = [c for c in cls.__mro__ if "BINDINGS" in vars(c)]
            extra = [Binding(cls.COMMAND_PALETTE_BINDING, "command_palette")]
        else:
            owners = [c for c in cls.__mro__ if "BINDINGS" in vars(c) and c.__module__.startswith("runlog.")]
            extra = []
        for owner in owners:
            for binding in [*vars(owner)["BINDINGS"], *extra]:
                key = binding.key if isinstance(binding, Binding) else binding[0]
                keys |= {(cls.__name__, part.strip()) for part in key.split(",")}
    return keys


# --- the state each key is pressed in ------------------------------------------

YESTERDAY = TODAY - dt.timedelta(days=1)


@dataclass
class Ctx:
    """What a check reads: the app, the log and what was there before the key."""

    app: RunlogApp
    factory: object
    tmp: Path
    was: object = None

    @property
    def screen(self):
        return self.app.screen

    def runs(self) -> list[Run]:
        return all_runs(self.factory)

    def morning(self) -> NextMorning | None:
        return next(run for run in self.runs() if run.date == YESTERDAY).pains[0].next_morning

    def said(self, text: str) -> bool:
        return any(text in str(n.message) for n in self.app._notifications)


@dataclass
class Scenario:
    """Press ``setup`` keys (each waited for), call ``before``, note ``was``,
    press the key, then ``check``."""

    setup: tuple[str, ...]
    check: Callable[[Ctx], object]
    before: Callable[[Ctx], object] | None = None
    was: Callable[[Ctx], object] | None = None
    quits: bool = False
    marks: list[Mark] = field(default_factory=list)


def S(setup: str, check, **options) -> Scenario:  # noqa: N802 - reads as a table row
    return Scenario(tuple(setup.split()), check, **options)


def is_(cls):
    return lambda c: isinstance(c.screen, cls)


def focused_id(c: Ctx) -> str | None:
    return c.screen.focused.id if c.screen.focused is not None else None


def moved_focus(c: Ctx) -> bool:
    return c.screen.focused is not c.was and c.screen.focused is not None


def picker(c: Ctx) -> KneePicker:
    return c.screen.query_one(KneePicker)


def _current_run(c: Ctx) -> Run:
    return c.screen.query_one(RunList).current_run


def shoe(c: Ctx):
    return c.screen.query_one("#shoe").value


def shoe_changed(c: Ctx) -> bool:
    """The shoe changed, and the cursor stayed on it."""
    return focused_id(c) == "shoe" and shoe(c) != c.was


def file_to(name: str):
    def fill(c: Ctx) -> None:
        type_into(c.screen, "#file", str(c.tmp / name))

    return fill


def shoe_named(name: str):
    def fill(c: Ctx) -> None:
        type_into(c.screen, "#name", name)

    return fill


def csv_to_import(c: Ctx) -> None:
    source = c.tmp / "old-log.csv"
    source.write_text(GOOD_FILE)
    type_into(c.screen, "#file", str(source))


def typed_run(c: Ctx) -> None:
    type_into(c.screen, "#distance", "6.4")
    type_into(c.screen, "#duration", "33:20")


def _shoe_count(c: Ctx) -> int:
    with c.factory.read() as session:
        return len(list_shoes(session, include_retired=True))


def _units(c: Ctx) -> str:
    with c.factory.read() as session:
        return get_settings(session).units.value


def filtered(c: Ctx) -> None:
    c.screen.set_filter("Kayano")


def not_imported(c: Ctx) -> None:
    c.app.push_screen(NotImportedScreen("~/watch", [("~/watch/broken.fit", "not a FIT file")]))


def recorded_change(c: Ctx) -> None:
    """Put the cursor on the change recorded by hand (not one that follows the gear)."""
    row = next(i for i, change in enumerate(c.screen.changes) if change.id is not None and change.label == "")
    c.screen.query_one(DataTable).move_cursor(row=row)


def removed_change(c: Ctx) -> None:
    recorded_change(c)
    c.screen.action_remove()


LAPS = [Mark(distance_m=3220, elapsed_s=1000), Mark(distance_m=5000, elapsed_s=1600)]
PAIN_FORM = "n ctrl+n"  # a new run with an empty pain entry, the picker focused
SHOE_CHOICE = "n enter enter enter enter"  # the run form with the shoe choice focused

SCENARIOS: dict[tuple[str, str], Scenario] = {
    # The app: everywhere.
    ("RunlogApp", "question_mark"): S("", is_(HelpScreen)),
    ("RunlogApp", "f1"): S("n", is_(HelpScreen)),
    ("RunlogApp", "r"): S("", is_(ReviewScreen)),
    ("RunlogApp", "x"): S("", is_(ExportDialog)),
    ("RunlogApp", "i"): S("", is_(ImportDialog)),
    ("RunlogApp", "ctrl+q"): S("", lambda c: not c.app.is_running, quits=True),
    ("RunlogApp", "ctrl+c"): S("", lambda c: c.said("Press ctrl+q to quit runlog")),
    ("RunlogApp", "ctrl+p"): S("", is_(CommandPalette)),
    # The run list (row 0: yesterday's painful run, row 1: an older run with laps).
    ("MainScreen", "n"): S("", lambda c: isinstance(c.screen, RunForm) and focused_id(c) == "date"),
    ("MainScreen", "e"): S("down", lambda c: isinstance(c.screen, RunForm) and c.screen.original.marks == LAPS),
    ("MainScreen", "d"): S("", is_(ConfirmScreen)),
    ("MainScreen", "u"): S("d y", lambda c: len(c.runs()) == 2),
    ("MainScreen", "m"): S("", is_(CheckinScreen)),
    ("MainScreen", "g"): S("", is_(GearScreen)),
    ("MainScreen", "s"): S("", is_(SettingsScreen)),
    ("MainScreen", "w"): S("", lambda c: c.said("No watch folder yet")),
    ("MainScreen", "p"): S("", lambda c: c.said("No new run from the watch yet")),
    ("MainScreen", "q"): S("", lambda c: not c.app.is_running, quits=True),
    ("MainScreen", "c"): S("", is_(ChangeForm)),
    ("MainScreen", "f"): S("", lambda c: c.said("The watch folder has not been read yet")),
    ("MainScreen", "slash"): S("", is_(FilterScreen)),
    ("MainScreen", "escape"): S("", lambda c: isinstance(c.screen, MainScreen) and c.screen.filter_text == "",
                                before=filtered),
    ("FilterScreen", "escape"): S("slash", lambda c: isinstance(c.screen, MainScreen) and c.screen.filter_text == ""),
    ("NotImportedScreen", "escape"): S("", is_(MainScreen), before=not_imported),
    ("NotImportedScreen", "f"): S("", is_(MainScreen), before=not_imported),
    ("NotImportedScreen", "q"): S("", lambda c: isinstance(c.screen, MainScreen) and c.app.is_running, before=not_imported),
    # Recording a change made for the pain.
    ("ChangeForm", "ctrl+s"): S("c", lambda c: isinstance(c.screen, MainScreen) and c.said("Recorded:")),
    ("ChangeForm", "enter"): S("c", lambda c: focused_id(c) == "label"),
    ("ChangeForm", "tab"): S("c", lambda c: focused_id(c) == "label"),
    ("ChangeForm", "shift+tab"): S("c tab", lambda c: focused_id(c) == "kind"),
    ("ChangeForm", "escape"): S("c", is_(MainScreen)),
    # Above the runs, a row per week: the cursor lands on runs, never on a week's row.
    ("RunList", "end"): S("", lambda c: _current_run(c).date == TODAY - dt.timedelta(days=3)),
    ("RunList", "home"): S("end", lambda c: _current_run(c).date == YESTERDAY),
    # The run form.
    ("RunForm", "ctrl+s"): S("n", lambda c: isinstance(c.screen, MainScreen) and len(c.runs()) == 3, before=typed_run),
    ("RunForm", "enter"): S("n", lambda c: focused_id(c) == "start"),
    ("RunForm", "tab"): S("n", lambda c: focused_id(c) == "start"),
    ("RunForm", "shift+tab"): S("n tab", lambda c: focused_id(c) == "date"),
    ("RunForm", "ctrl+n"): S("n", lambda c: c.screen.query(PainEntry) and isinstance(c.screen.focused, KneePicker)),
    ("RunForm", "ctrl+r"): S(PAIN_FORM, lambda c: isinstance(c.screen, RunForm) and not c.screen.query(PainEntry)),
    ("RunForm", "escape"): S("n", is_(MainScreen)),
    ("RunForm", "ctrl+o"): S(
        "down e", lambda c: c.screen.query_one(".onset-distance").value == "3.22" and len(c.runs()) == 2
    ),
    ("RunForm", "ctrl+l"): S("down e", lambda c: "5.00 km" in str(c.screen.query_one("#mark-offer").render())),
    # The knee picker, in a new pain entry.
    ("KneePicker", "up"): S(PAIN_FORM, lambda c: picker(c).cursor != c.was, was=lambda c: picker(c).cursor),
    ("KneePicker", "down"): S(PAIN_FORM, lambda c: picker(c).cursor != c.was, was=lambda c: picker(c).cursor),
    ("KneePicker", "left"): S(PAIN_FORM, lambda c: picker(c).cursor != c.was, was=lambda c: picker(c).cursor),
    # The picker starts on the last pain's site (the left knee's edge): right moves from a site with one that way.
    ("KneePicker", "right"): S(PAIN_FORM, lambda c: picker(c).cursor != c.was, was=lambda c: picker(c).cursor,
                               before=lambda c: setattr(picker(c), "cursor", 0)),
    ("KneePicker", "space"): S(PAIN_FORM, lambda c: picker(c).value is not None and isinstance(c.screen.focused, KneePicker)),
    ("KneePicker", "enter"): S(PAIN_FORM, lambda c: picker(c).value is not None and isinstance(c.screen.focused, Input)),
    # A choice (the run form's shoe).
    ("Choice", "left"): S(SHOE_CHOICE, shoe_changed, was=shoe),
    ("Choice", "right"): S(SHOE_CHOICE, shoe_changed, was=shoe),
    ("Choice", "space"): S(SHOE_CHOICE, shoe_changed, was=shoe),
    ("Choice", "enter"): S(SHOE_CHOICE, lambda c: focused_id(c) == "orthotic"),
    # The check-in (yesterday's pain waits).
    ("CheckinScreen", "g"): S("m", lambda c: c.morning() is NextMorning.GONE),
    ("CheckinScreen", "b"): S("m", lambda c: c.morning() is NextMorning.BETTER),
    ("CheckinScreen", "s"): S("m", lambda c: c.morning() is NextMorning.SAME),
    ("CheckinScreen", "w"): S("m", lambda c: c.morning() is NextMorning.WORSE),
    ("CheckinScreen", "u"): S("m g", lambda c: c.morning() is None and isinstance(c.screen, CheckinScreen)),
    ("CheckinScreen", "space"): S("m", lambda c: c.morning() is None and isinstance(c.screen, MainScreen)),
    ("CheckinScreen", "k"): S("m", lambda c: c.morning() is None and isinstance(c.screen, MainScreen)),
    ("CheckinScreen", "a"): S("m", lambda c: c.morning() is None and isinstance(c.screen, MainScreen)),
    ("CheckinScreen", "escape"): S("m", lambda c: c.morning() is None and isinstance(c.screen, MainScreen)),
    ("CheckinScreen", "enter"): S("m g", lambda c: c.morning() is NextMorning.GONE and isinstance(c.screen, MainScreen)),
    ("CheckinScreen", "n"): S("m", is_(RunForm)),
    # Shoes and orthotics.
    ("GearScreen", "a"): S("g", lambda c: isinstance(c.screen, ShoeForm) and c.screen.original is None),
    ("GearScreen", "o"): S("g", is_(OrthoticForm)),
    ("GearScreen", "e"): S("g", lambda c: isinstance(c.screen, ShoeForm) and c.screen.original is not None),
    ("GearScreen", "t"): S("g", lambda c: c.said("Retired")),
    ("GearScreen", "d"): S("g", is_(ConfirmScreen)),
    ("GearScreen", "escape"): S("g", is_(MainScreen)),
    ("GearScreen", "c"): S("g", is_(ChangesScreen)),
    ("GearScreen", "k"): S("g", is_(KindGearForm)),
    ("ChangesScreen", "a"): S("g c", is_(ChangeForm)),
    ("ChangesScreen", "d"): S("c ctrl+s g c", lambda c: c.said("Removed the change"), before=recorded_change),
    ("ChangesScreen", "u"): S("c ctrl+s g c", lambda c: c.said("Removed the change") and not c.screen.removed,
                              before=removed_change),
    ("ChangesScreen", "escape"): S("g c", is_(GearScreen)),
    ("KindGearForm", "ctrl+s"): S("g k", is_(GearScreen)),
    ("KindGearForm", "enter"): S("g k", lambda c: focused_id(c) == "shoe"),
    ("KindGearForm", "tab"): S("g k", lambda c: focused_id(c) == "shoe"),
    ("KindGearForm", "shift+tab"): S("g k tab", lambda c: focused_id(c) == "kind"),
    ("KindGearForm", "escape"): S("g k", is_(GearScreen)),
    ("ShoeForm", "ctrl+s"): S(
        "g a", lambda c: isinstance(c.screen, GearScreen) and _shoe_count(c) == c.was + 1, before=shoe_named("Clifton 9"),
        was=_shoe_count,
    ),
    ("ShoeForm", "enter"): S("g a", lambda c: focused_id(c) == "type", before=shoe_named("Clifton 9")),
    ("ShoeForm", "tab"): S("g a", lambda c: focused_id(c) == "type"),
    ("ShoeForm", "shift+tab"): S("g a tab", lambda c: focused_id(c) == "name"),
    ("ShoeForm", "escape"): S("g a", is_(GearScreen)),
    ("OrthoticForm", "ctrl+s"): S("g o", is_(GearScreen), before=shoe_named("Blue insoles")),
    ("OrthoticForm", "enter"): S("g o", lambda c: focused_id(c) == "type", before=shoe_named("Blue insoles")),
    ("OrthoticForm", "tab"): S("g o", lambda c: focused_id(c) == "type"),
    ("OrthoticForm", "shift+tab"): S("g o tab", lambda c: focused_id(c) == "name"),
    ("OrthoticForm", "escape"): S("g o", is_(GearScreen)),
    # The weekly review.
    ("ReviewScreen", "left"): S("r", lambda c: c.screen.day == TODAY - dt.timedelta(days=7)),
    ("ReviewScreen", "left_square_bracket"): S("r", lambda c: c.screen.day == TODAY - dt.timedelta(days=7)),
    ("ReviewScreen", "right"): S("r left", lambda c: c.screen.day == TODAY),
    ("ReviewScreen", "right_square_bracket"): S("r left", lambda c: c.screen.day == TODAY),
    ("ReviewScreen", "t"): S("r left left", lambda c: c.screen.day == TODAY),
    ("ReviewScreen", "j"): S("r", lambda c: focused_id(c) == "review-jump"),
    ("ReviewScreen", "h"): S("r", is_(HtmlReportDialog)),
    ("ReviewScreen", "escape"): S("r", is_(MainScreen)),
    ("HtmlReportDialog", "ctrl+s"): S("r h", lambda c: (c.tmp / "report.html").is_file(), before=file_to("report.html")),
    ("HtmlReportDialog", "escape"): S("r h", is_(ReviewScreen)),
    ("HtmlReportDialog", "tab"): S("r h", lambda c: isinstance(c.screen.focused, Button)),
    ("HtmlReportDialog", "shift+tab"): S("r h tab", lambda c: focused_id(c) == "file"),
    # Yes or no.
    ("ConfirmScreen", "y"): S("d", lambda c: len(c.runs()) == 1 and isinstance(c.screen, MainScreen)),
    ("ConfirmScreen", "n"): S("d", lambda c: len(c.runs()) == 2 and isinstance(c.screen, MainScreen)),
    ("ConfirmScreen", "escape"): S("d", lambda c: len(c.runs()) == 2 and isinstance(c.screen, MainScreen)),
    # Settings.
    ("SettingsScreen", "ctrl+s"): S("s right", lambda c: isinstance(c.screen, MainScreen) and _units(c) == "mi"),
    ("SettingsScreen", "enter"): S("s", lambda c: focused_id(c) == "week-start"),
    ("SettingsScreen", "tab"): S("s", lambda c: focused_id(c) == "week-start"),
    ("SettingsScreen", "shift+tab"): S("s tab", lambda c: focused_id(c) == "units"),
    ("SettingsScreen", "escape"): S("s right", lambda c: isinstance(c.screen, MainScreen) and _units(c) == "km"),
    # The help.
    ("HelpScreen", "escape"): S("question_mark", is_(MainScreen)),
    ("HelpScreen", "q"): S("question_mark", lambda c: isinstance(c.screen, MainScreen) and c.app.is_running),
    ("HelpScreen", "question_mark"): S("question_mark", is_(MainScreen)),
    # CSV export and import.
    ("ExportDialog", "ctrl+s"): S("x", lambda c: (c.tmp / "runs.csv").read_text().count("\n") >= 3, before=file_to("runs.csv")),
    ("ExportDialog", "escape"): S("x", is_(MainScreen)),
    ("ExportDialog", "tab"): S("x", lambda c: focused_id(c) == "since"),
    ("ExportDialog", "shift+tab"): S("x tab", lambda c: focused_id(c) == "file"),
    ("ImportDialog", "ctrl+s"): S("i", lambda c: len(c.runs()) == 4, before=csv_to_import),
    ("ImportDialog", "escape"): S("i", is_(MainScreen)),
    ("ImportDialog", "tab"): S("i", moved_focus, was=lambda c: c.screen.focused),
    ("ImportDialog", "shift+tab"): S("i", moved_focus, was=lambda c: c.screen.focused),
}


def test_every_binding_has_a_scenario():
    declared = declared_keys()
    missing = sorted(declared - set(SCENARIOS))
    assert not missing, f"keys bound without a scenario in SCENARIOS: {missing}"
    stale = sorted(set(SCENARIOS) - declared)
    assert not stale, f"scenarios for keys no class binds any more: {stale}"


@pytest.fixture
def log(factory, gear):
    """Yesterday's run with a pain awaiting its morning, and an older run
    whose watch recorded two lap presses."""
    neutral, _stability, _orthotic = gear
    with factory.write() as session:
        add_run(session, Run(date=TODAY - dt.timedelta(days=3), distance_m=6000, duration_s=2000, marks=LAPS))
        add_run(
            session,
            Run(
                date=YESTERDAY,
                distance_m=8000,
                duration_s=2700,
                shoe=neutral,
                pains=[Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=6, onset_m=5000)],
            ),
        )
    return factory


@pytest.mark.parametrize(("owner", "key"), sorted(SCENARIOS), ids=[f"{o}-{k}" for o, k in sorted(SCENARIOS)])
async def test_each_key_does_what_it_says(log, tmp_path, owner, key):
    scenario = SCENARIOS[(owner, key)]
    app = make_app(log)
    ctx = Ctx(app, log, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for setup_key in scenario.setup:
            await pilot.press(setup_key)
            await settle(pilot)
        if scenario.before is not None:
            scenario.before(ctx)
            await settle(pilot)
        if scenario.was is not None:
            ctx.was = scenario.was(ctx)
        await pilot.press(key)
        await settle(pilot)
        if not scenario.quits:
            assert app.is_running, f"{key} stopped the app"
            assert scenario.check(ctx), f"{key} on {type(app.screen).__name__} did not do what it says"
    if scenario.quits:
        assert scenario.check(ctx)
