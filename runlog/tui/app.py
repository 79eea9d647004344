"""The runlog app: the main screen, its dialogs, the help and the palette.

To add a screen: write it in ``screens/``, add a ``Binding`` (with ``id``,
description and tooltip) and an ``action_`` method that pushes it to
``MainScreen``, and list its class in ``KEY_SECTIONS`` if it has keys of its
own. The footer, the help screen (``?``) and the command palette (ctrl+p)
are built from the bindings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from runlog.domain import Settings
from runlog.terminal import printable
from runlog.tui.key_hold import HoldsKeysWhileOpening
from runlog.tui.messages import MorningRecorded, StoreFailed
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.export_dialog import ExportDialog
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.gear_form import GearForm
from runlog.tui.screens.help import HelpScreen, action_name, key_text
from runlog.tui.screens.import_dialog import ImportDialog
from runlog.tui.screens.main import MainScreen
from runlog.tui.screens.review import ReviewScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.knee_picker import KneePicker

if TYPE_CHECKING:
    from runlog.store.handle import Store


#: Screens and widgets whose keys the help screen lists, in this order.
KEY_SECTIONS: list[tuple[str, type]] = [
    ("Run list", MainScreen),
    ("Log or edit a run", RunForm),
    ("Knee picker", KneePicker),
    ("Choices (shoe, orthotic, ...)", Choice),
    ("Next-morning check-in", CheckinScreen),
    ("Shoes and orthotics", GearScreen),
    ("Shoe and orthotic dialogs", GearForm),
    ("Weekly review", ReviewScreen),
    ("Export to CSV", ExportDialog),
    ("Import runs (CSV or activity files)", ImportDialog),
]

#: The app's actions that open from the run list only (not over dialogs or
#: themselves); the help lists their keys with the run list's.
FROM_RUN_LIST = ("review", "export_csv", "import_csv")


class RunlogApp(HoldsKeysWhileOpening, App[int]):
    """The runner's log. ``today`` is injectable so tests and snapshots are fixed."""

    TITLE = "runlog"
    CSS_PATH = "runlog.tcss"
    #: Screens get the class `-narrow` below 116 columns, where side-by-side
    #: panels no longer fit (an 80x24 terminal must work everywhere).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (116, "-wide")]

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key, by screen"),
        # In a text field ? is typed: the footer offers f1 there instead.
        Binding("f1", "help_anywhere", "Help", id="app.help_f1", tooltip="Every key, by screen (also in a text field)"),
        Binding("r", "review", "Review", id="app.review", tooltip="The week, the 12-week trend and the patterns", priority=True),
        Binding("x", "export_csv", "Export", id="app.export_csv", tooltip="Write your runs to a CSV file", priority=True),
        Binding(
            "i", "import_csv", "Import", id="app.import_csv", priority=True,
            tooltip="Load runs from a runlog CSV or from activity files (FIT, GPX, TCX, a Strava or Garmin export)",
        ),
    ]

    def __init__(
        self,
        store: Store,
        today: dt.date | None = None,
        *,
        clock: Callable[[], dt.date] | None = None,
        checkin_on_start: bool = True,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        start_problems: Sequence[str] = (),
        config_folder: Path | None = None,
    ) -> None:
        super().__init__()
        from runlog.tui.themes import MONOCHROME

        self.register_theme(MONOCHROME)
        if keymap:
            self.set_keymap(keymap)
        if theme:
            self.theme = theme
        #: One sentence each about a keys file or a theme that could not be used; shown on start.
        self.start_problems = list(start_problems)
        #: Where the settings save the theme; ``None`` (tests) saves it nowhere.
        self.config_folder = config_folder
        self.store = store
        store.on_wait = self._write_waits
        #: Where "today" comes from, read each time a screen opens or a date
        #: is checked: an app left open overnight follows the real date.
        #: Tests pass a fixed ``today`` or a ``clock`` they move on.
        self.clock: Callable[[], dt.date] = clock or ((lambda: today) if today else dt.date.today)
        self.checkin_on_start = checkin_on_start
        self.settings = Settings()
        #: Text fields blink their cursor; snapshot tests turn it off.
        self.cursor_blink = True

    @property
    def today(self) -> dt.date:
        """The date now, from ``clock``."""
        return self.clock()

    def on_mount(self) -> None:
        for problem in self.start_problems:
            self.notify(problem, severity="warning", timeout=15)

    def key_for(self, binding: Binding) -> str:
        """The key(s) of ``binding`` as the runner's keymap has them."""
        return self._keymap.get(binding.id, binding.key) if binding.id else binding.key

    def _as_mapped(self, bindings: Iterable[Binding]) -> list[Binding]:
        return [dataclasses.replace(b, key=self.key_for(b)) for b in bindings]

    def get_default_screen(self) -> Screen:
        # No database work before the first frame: the main screen's first
        # page worker reads the settings along with the runs.
        return MainScreen()

    # --- help and palette ---------------------------------------------------

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        sections = [
            (title, self._as_mapped([b for b in owner.BINDINGS if isinstance(b, Binding)]
                                    + (self._run_list_bindings() if owner is MainScreen else [])))
            for title, owner in KEY_SECTIONS
        ]
        everywhere = [
            Binding(self.key_for(self.BINDINGS[0]), "help", "This help"),
            Binding("f1", "help", "This help, also from a text field (where ? is typed)"),
            Binding("ctrl+p", "command_palette", "Command palette: every action by name"),
            Binding("tab / shift+tab", "", "Next / previous field or list"),
            Binding("ctrl+q", "quit", "Quit"),
        ]
        return [*sections, ("Everywhere", everywhere)]

    def action_help_anywhere(self) -> None:
        self.action_help()

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit (Textual's own wording is markup, shown here as plain text)."""
        self.notify("Press ctrl+q to quit runlog (q on the run list).", title="Do you want to quit?")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections(), start=self._section_for(self.screen)))

    def _section_for(self, screen: Screen) -> int:
        """The help section of the screen (or the focused widget) in use."""
        owners = [owner for _title, owner in KEY_SECTIONS]
        focused = screen.focused
        for candidate in (type(screen), type(focused) if focused else None):
            for index, owner in enumerate(owners):
                if candidate is not None and issubclass(candidate, owner):
                    return index
        return 0

    def action_review(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.push_screen(ReviewScreen(self.store, self.today))

    def action_export_csv(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.push_screen(ExportDialog(self.store, self.today, self.settings.units))

    def action_import_csv(self) -> None:
        if isinstance(self.screen, MainScreen):
            main = self.screen

            def imported(result: object) -> None:
                if result is not None:
                    main.reload()
                    main.load_notices()

            self.push_screen(ImportDialog(self.store, self.today), imported)

    async def action_quit(self) -> None:
        """Quit; from a run form with typed input, only after asking."""
        form = self.screen
        if isinstance(form, RunForm) and form.has_changes():
            form.leave(self.exit, verb="Quit")
            return
        await super().action_quit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a text field ? is typed, not help: the footer offers f1 there, ? elsewhere.
        typing = isinstance(self.screen.focused, Input)
        if action == "help":
            return not typing
        if action == "help_anywhere":
            return typing
        # The review and the CSV dialogs open from the run list only, not over dialogs or themselves.
        return action not in FROM_RUN_LIST or isinstance(self.screen, MainScreen)

    def _run_list_bindings(self) -> list[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding) and b.action in FROM_RUN_LIST]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The current screen's actions (from its bindings), then Textual's own."""
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(
                    action_name(binding),
                    f"{binding.tooltip or action_name(binding)} (key: {key_text(self.key_for(binding))})",
                    lambda action=binding.action, target=screen: self.run_action(action, target),
                )
        yield SystemCommand("Help", f"Every key, by screen (key: {key_text(self.key_for(self.BINDINGS[0]))})",
                            self.action_help)
        if isinstance(screen, MainScreen):
            for binding in self._run_list_bindings():
                yield SystemCommand(
                    action_name(binding),
                    f"{binding.tooltip} (key: {key_text(self.key_for(binding))})",
                    lambda action=binding.action: self.run_action(action),
                )
        # Textual's own commands, less those the screen already offers (its "Quit").
        offered = {binding.description for binding in screen.BINDINGS if isinstance(binding, Binding)}
        yield from (command for command in super().get_system_commands(screen) if command.title not in offered)

    # --- messages from app-level workers -----------------------------------

    def on_morning_recorded(self, message: MorningRecorded) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.morning_recorded(message)

    def notify(self, message: str, *, markup: bool = True, **options) -> None:  # type: ignore[override]
        """Every notification is shown as plain text: they quote names and
        notes the runner typed or a file brought in, which must never be
        read as markup (``[/]`` would crash, ``[@click=...]`` would act)."""
        super().notify(printable(message), markup=False, **options)

    def _write_waits(self) -> None:
        """A store job's write waits for another runlog's (called from the
        job's thread): say so rather than look frozen."""
        try:
            self.call_from_thread(self.notify, "Waiting for another runlog to finish writing…", timeout=5)
        except RuntimeError:  # not from a worker thread after all
            self.notify("Waiting for another runlog to finish writing…", timeout=5)

    def on_store_failed(self, message: StoreFailed) -> None:
        """The one place a failed store job is reported (see ``store_jobs``)."""
        # A screen waiting for this job will not open: hand the held keys on.
        self.call_later(self.release_keys)
        then = f" {message.then}" if message.then else ""
        self.notify(f"Could not {message.doing}: {message.reason}.{then}", severity="error", markup=False)
        if message.then:
            # What was not saved shows again where it waits (the notices).
            for screen in self.screen_stack:
                if isinstance(screen, MainScreen):
                    screen.load_notices()

    # --- privacy -----------------------------------------------------------

    def _fatal_error(self) -> None:
        """On a crash, show where it happened but no values and no message:
        Textual's default traceback prints local variables, which here would
        be runs, pains and notes. Textual has no public hook for "an
        unhandled exception stops the app", so this one override stays; it
        hands its text to the public ``panic()``."""
        import sys

        error = sys.exc_info()[1]
        frames = traceback.extract_tb(error.__traceback__) if error else []
        where = "\n".join(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames[-8:])
        kind = type(error).__name__ if error else "error"
        self.panic(Text(f"runlog stopped on an unexpected {kind}; nothing half-written was kept.\n{where}"))


def run_app(store: Store, today: dt.date | None = None) -> int:
    """Run the TUI on the given database until the runner quits; the exit status."""
    from runlog.tui.themes import start_appearance

    app = RunlogApp(store, today, **start_appearance())
    app.run()
    return app.return_code or 0
