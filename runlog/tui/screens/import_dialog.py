"""Import runs from a CSV file (the form export writes, in km or mi), or from
what a watch recorded: FIT, GPX, TCX files, a Strava export, Garmin Connect's
CSV, or a folder of these.

The import runs in a worker thread with a progress bar. A runlog CSV is all
or nothing: a file with any bad row changes nothing, and the dialog then lists
every problem (line, column, reason) so the runner can fix the file and try
again. Activity files are each whole or not at all; refused ones are named in
the summary. On success the dialog closes and a notification gives the summary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, ProgressBar, Static

from runlog.errors import UserError
from runlog.formats.problems import ImportRejected, Problem
from runlog.tui.form_keys import TAB_COMPLETES_BINDINGS, TabCompletes
from runlog.tui.messages import StoreFailed
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.path_input import PathSuggester, read_path, shown_path
from runlog.tui.widgets.problem_list import ProblemList

if TYPE_CHECKING:
    from runlog.formats.contract_csv.importer import ImportResult
    from runlog.store.activities import ImportSummary
    from runlog.store.handle import Store

FILE_HINT = "CSV, FIT, GPX, TCX or a folder"
#: Wide enough for the problem list's reasons (the app's dialogs are 90).
WIDTH = 104


def summary_text(result: ImportResult) -> str:
    """What an import did, as a sentence: ``Imported 412 runs with 96 pain
    entries; skipped 3 already present``, or plainly why nothing was."""
    if result.runs:
        text = result.summary()
    else:
        if result.skipped:
            every = "the run" if result.skipped == 1 else f"all {result.skipped} runs"
            text = f"nothing new: {every} in the file {'is' if result.skipped == 1 else 'are'} already in your log"
        else:
            text = "nothing imported: the file has no runs"
        if result.ignored_columns:
            text += f"; ignored unknown column{'s' if len(result.ignored_columns) > 1 else ''} "
            text += ", ".join(result.ignored_columns)
    return text[0].upper() + text[1:]


def _is_runlog_csv(path: Path) -> bool:
    """A CSV that is neither Strava's nor Garmin's is runlog's own: its importer explains its problems."""
    from runlog.formats.activity_files import FileKind, sniff

    return path.is_file() and path.suffix.lower() == ".csv" and sniff(path) in (FileKind.RUNLOG_CSV, FileKind.UNKNOWN)


class ImportDialog(TabCompletes, ModalScreen["ImportResult | ImportSummary | None"]):
    """Ask for a file and import it; dismisses with what was imported, or
    ``None`` when cancelled."""

    DEFAULT_CSS = """
    #import FieldRow > Input.wide {
        width: 50;
    }
    #import-progress {
        height: auto;
        margin: 0 0 1 0;
    }
    #import-stage {
        width: 36;
        color: $text-muted;
    }
    #import-problems {
        height: auto;
    }
    #import-verdict {
        color: $text-error;
        text-style: bold;
        margin: 0 0 1 0;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "import", "Import", id="import.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        *TAB_COMPLETES_BINDINGS,
    ]

    @dataclass
    class Progressed(Message):
        """How far the import is: ``stage`` is ``checking`` (lines), ``writing`` (runs) or ``reading`` (files)."""

        stage: str
        done: int
        total: int

    @dataclass
    class Imported(Message):
        """The file is in the log."""

        result: ImportResult

    @dataclass
    class Rejected(Message):
        """Nothing was imported from ``path`` because of ``problems``."""

        path: Path
        problems: tuple[Problem, ...]

    @dataclass
    class Unreadable(Message):
        """The file could not be read; ``reason`` is one sentence naming it."""

        reason: str

    def __init__(self, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.importing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import"):
            yield Static("Import runs", classes="dialog-title")
            yield FieldRow(
                "File",
                Input(id="file", placeholder=f"e.g. ~/runlog-{self.today.isoformat()}.csv", compact=True,
                      classes="wide", suggester=PathSuggester()),
                FILE_HINT,
                key="file",
            )
            with Horizontal(id="import-progress"):
                yield Static(id="import-stage")
                yield ProgressBar(show_eta=False, id="import-bar")
            with Vertical(id="import-problems"):
                yield Static(id="import-verdict", markup=False)
                yield ProblemList(id="problem-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
            yield Static(
                "A runlog CSV is all or nothing. Also FIT, GPX, TCX, a Strava export (zip or folder), "
                "Garmin Connect's CSV, or a folder of these. Runs already in your log are skipped. "
                "tab or → completes a file name.",
                classes="dialog-hint",
            )
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def on_mount(self) -> None:
        # Inline, as the app's stylesheet sizes every ``.dialog``.
        self.query_one("#import").styles.width = WIDTH
        self.query_one("#import-progress").display = False
        self.query_one("#import-problems").display = False
        self.query_one("#file", Input).focus()

    def _file_row(self) -> FieldRow:
        return next(row for row in self.query(FieldRow) if row.key == "file")

    @on(Input.Changed)
    def _changed(self) -> None:
        self._file_row().show(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_import()

    # --- actions --------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_import(self) -> None:
        if self.importing:
            return
        text = self.query_one("#file", Input).value
        path = read_path(text)
        if not text.strip():
            error = "a file name is needed"
        elif not path.exists():
            error = f"there is no file {shown_path(path)}"
        else:
            error = None
        self._file_row().show(error)
        if error is None:
            self._set_importing(True)
            if _is_runlog_csv(path):
                self._import(path)
            else:
                self._import_activities(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.importing:
            self.notify("The import is still running; nothing is written until it has checked every row.")
        else:
            self.dismiss(None)

    def _set_importing(self, importing: bool) -> None:
        self.importing = importing
        save = self.query_one("#save", Button)
        save.label = "Importing…" if importing else "Import  ctrl+s"
        save.disabled = importing
        self.query_one("#file", Input).disabled = importing
        self.query_one("#cancel", Button).disabled = importing
        self.query_one("#import-progress").display = importing
        if importing:
            self.query_one("#import-problems").display = False
            self.query_one("#import-stage", Static).update("Reading the file…")
            self.query_one(ProgressBar).update(total=None, progress=0)

    # Exclusive, and the dialog refuses a second start while one runs:
    # import_csv pauses the garbage collector for the whole process (this
    # UI's thread too) and only restores what it found, so imports must not overlap.
    def _import(self, path: Path) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            # Called every few thousand lines or runs, on the worker's thread.
            self.post_message(self.Progressed(stage, done, total))

        def job() -> Message:
            try:
                from runlog.formats.contract_csv.importer import import_csv

                result = import_csv(self.store, path, progress)
            except ImportRejected as exc:
                return self.Rejected(path, exc.problems)
            except UserError as exc:
                return self.Unreadable(str(exc))
            return self.Imported(result)

        store_job(self, "import the file", job, group="import", exclusive=True)

    def _import_activities(self, path: Path) -> None:
        units = self.app.settings.units

        def progress(done: int, total: int) -> None:
            self.post_message(self.Progressed("reading", done, total))

        def job() -> Message:
            from runlog.commands.activity_import import import_activity_paths

            return self.ActivitiesImported(import_activity_paths(self.store, [path], units, progress=progress))

        store_job(self, "import the files", job, group="import", exclusive=True)

    @dataclass
    class ActivitiesImported(Message):
        """Activity files were read; ``summary`` says what came in and what was refused."""

        summary: ImportSummary

    @on(ActivitiesImported)
    def _activities_imported(self, message: ActivitiesImported) -> None:
        summary = message.summary
        self.notify("\n".join(summary.lines()), title="Import", timeout=15, markup=False,
                    severity="warning" if summary.refused else "information")
        self.dismiss(summary)

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        what = {"checking": "line", "writing": "run"}.get(message.stage, "file")
        self.query_one("#import-stage", Static).update(
            f"{message.stage.capitalize()} {what} {message.done:,} of {message.total:,}")
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Imported)
    def _imported(self, message: Imported) -> None:
        self.notify(summary_text(message.result), title="CSV import", timeout=10)
        self.dismiss(message.result)

    @on(Rejected)
    def _rejected(self, message: Rejected) -> None:
        self._set_importing(False)
        count = len(message.problems)
        self.query_one("#import-verdict", Static).update(
            f"✗ Nothing was imported: {count:,} problem{'' if count == 1 else 's'} in {shown_path(message.path)}, "
            "and your log is unchanged. Fix the file and press ctrl+s to try again.")
        problems = self.query_one(ProblemList)
        problems.show_problems(message.problems)
        self.query_one("#import-problems").display = True
        problems.focus()

    @on(Unreadable)
    def _unreadable(self, message: Unreadable) -> None:
        self._set_importing(False)
        self._file_row().show(message.reason)
        self.query_one("#file", Input).focus()

    def on_store_failed(self, _message: StoreFailed) -> None:
        # The app says what failed; the dialog stays open to try again.
        self._set_importing(False)
