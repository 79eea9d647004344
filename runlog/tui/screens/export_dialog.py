"""Export the log as CSV (the form of the README's "Contracts"): which file, which dates,
which unit.

Each field says beside it what is wrong (a date that does not read, From
after To, a folder that does not exist) and nothing is written until all of
them read. A file that already exists is replaced only after a yes. The
file is written in a worker thread, readable only by the runner (0600).
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
from textual.widgets import Button, Footer, Input, Static

from runlog.domain import Units
from runlog.domain.dates import date_text, parse_date
from runlog.errors import UserError
from runlog.tui.form_keys import TAB_COMPLETES_BINDINGS, TabCompletes
from runlog.tui.messages import StoreFailed
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.path_input import PathSuggester, read_path, shown_path

if TYPE_CHECKING:
    from runlog.store.handle import Store

DATE_WORDS = "2026-09-01, yesterday, mon, 3 Sep"
#: Room for a path and the note beside it (the app's dialogs are 90).
WIDTH = 104


@dataclass(frozen=True)
class ExportRequest:
    """The dialog's fields, read: where to write and which runs."""

    path: Path
    since: dt.date | None
    until: dt.date | None


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    path: Path
    runs: int
    units: Units
    since: dt.date | None = None
    until: dt.date | None = None

    def sentence(self) -> str:
        """``Exported 412 runs (km) to /home/ana/runlog-2026-11-24.csv``."""
        dates = _range_text(self.since, self.until)
        if self.runs == 0:
            return f"No runs{' ' + dates if dates else ''}: wrote only the header row to {self.path}"
        runs = f"{self.runs} run{'' if self.runs == 1 else 's'}"
        return f"Exported {runs}{' ' + dates if dates else ''} ({self.units.value}) to {self.path}"


def _range_text(since: dt.date | None, until: dt.date | None) -> str:
    if since and until:
        return f"from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f"from {since.isoformat()} on"
    if until:
        return f"up to {until.isoformat()}"
    return ""


def read_export(file_text: str, since_text: str, until_text: str, today: dt.date
                ) -> tuple[ExportRequest | None, dict[str, str]]:
    """The request the fields describe, or ``None`` and a reason per field
    (``file``, ``since``, ``until``)."""
    errors: dict[str, str] = {}
    path = None
    if not file_text.strip():
        errors["file"] = "a file name is needed"
    else:
        path = read_path(file_text)
        if path.is_dir():
            errors["file"] = "is a folder; add a file name, e.g. runlog.csv"
        elif not path.parent.exists():
            errors["file"] = f"the folder {shown_path(path.parent)} does not exist"
        elif not path.parent.is_dir():
            errors["file"] = f"{shown_path(path.parent)} is a file, not a folder"
    dates: dict[str, dt.date | None] = {}
    for key, text in (("since", since_text), ("until", until_text)):
        dates[key] = None
        if text.strip():
            try:
                dates[key] = parse_date(text, today)
            except ValueError as exc:
                errors[key] = str(exc)
    since, until = dates["since"], dates["until"]
    if since and until and since > until:
        errors["until"] = f"is before From ({date_text(since)})"
    if errors or path is None:
        return None, errors
    return ExportRequest(path, since, until), errors


class ExportDialog(TabCompletes, ModalScreen[Exported | None]):
    """Ask where and what to export, then write it; dismisses with what was
    written (also said in a notification), or ``None`` when cancelled."""

    DEFAULT_CSS = """
    #export FieldRow > Input.wide {
        width: 44;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        *TAB_COMPLETES_BINDINGS,
    ]

    @dataclass
    class Written(Message):
        """The export file is in place."""

        exported: Exported

    @dataclass
    class Refused(Message):
        """The file could not be written; ``reason`` is one sentence naming it."""

        reason: str

    def __init__(self, store: Store, today: dt.date, units: Units) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.units = units
        #: After a refused export every error shows, typed in or not.
        self.reveal = False
        self.writing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Static("Export runs to CSV", classes="dialog-title")
            yield FieldRow(
                "File",
                Input(f"~/runlog-{self.today.isoformat()}.csv", id="file", compact=True, classes="wide",
                      suggester=PathSuggester()),
                key="file",
            )
            yield FieldRow("From", Input(id="since", placeholder="the first run", compact=True), key="since")
            yield FieldRow("To", Input(id="until", placeholder="the last run", compact=True), key="until")
            yield FieldRow(
                "Units",
                Choice([("kilometres (km)", Units.KM), ("miles (mi)", Units.MI)], self.units, id="units"),
                "for distances and pain onsets",
                key="units",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
            yield Static(
                "One row per run and pain site, for a spreadsheet or your physio.\n"
                "enter exports · tab or →: complete the file name, else tab: next field",
                classes="dialog-hint",
            )
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def on_mount(self) -> None:
        # Inline, as the app's stylesheet sizes every ``.dialog``.
        self.query_one("#export").styles.width = WIDTH
        self._check()
        self.query_one("#file", Input).focus()

    # --- reading and checking -------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _check(self) -> ExportRequest | None:
        """Read the fields and show each one's error, or what it will do, beside it."""
        request, errors = read_export(self._value("#file"), self._value("#since"), self._value("#until"), self.today)
        for row in self.query(FieldRow):
            if row.key == "units":
                continue
            text = self._value(f"#{row.key}")
            error = errors.get(row.key) if self.reveal or text.strip() else None
            row.show(error, self._hint(row.key, text))
        return request

    def _hint(self, key: str, text: str) -> str:
        if key == "file":
            if text.strip() and read_path(text).is_file():
                return "exists: asks before replacing it"
            return "a new file, readable only by you"
        if text.strip():
            try:
                return date_text(parse_date(text, self.today))
            except ValueError:
                pass
        if key == "since":
            return f"optional · {DATE_WORDS}"
        return "optional"

    @on(Input.Changed)
    def _changed(self) -> None:
        self._check()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    # --- actions --------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_export(self) -> None:
        if self.writing:
            return
        request = self._check()
        if request is None:
            self.reveal = True
            self._check()
            return
        units = self.query_one("#units", Choice).value
        if request.path.exists():
            question = f"{request.path} already exists.\nReplace it with this export?"

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(request, units)

            self.app.push_screen(ConfirmScreen("Replace file", question, yes="Replace"), answered)
        else:
            self._start(request, units)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.writing:
            self.dismiss(None)

    def _start(self, request: ExportRequest, units: Units) -> None:
        self._set_writing(True)
        self._write(request, units)

    def _set_writing(self, writing: bool) -> None:
        self.writing = writing
        save = self.query_one("#save", Button)
        save.label = "Writing…" if writing else "Export  ctrl+s"
        save.disabled = writing

    def _write(self, request: ExportRequest, units: Units) -> None:
        def job() -> Message:
            try:
                from runlog.formats.contract_csv.exporter import export_csv

                runs = export_csv(self.store, request.path, units, request.since, request.until)
            except UserError as exc:
                return self.Refused(str(exc))
            return self.Written(Exported(request.path, runs, units, request.since, request.until))

        store_job(self, "export the runs", job, group="export", exclusive=True)

    @on(Written)
    def _written(self, message: Written) -> None:
        exported = message.exported
        self.notify(exported.sentence(), title="CSV export", severity="warning" if exported.runs == 0 else "information",
                    timeout=10)
        self.dismiss(exported)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self._set_writing(False)
        self.query_one("#file", Input).focus()
        for row in self.query(FieldRow):
            if row.key == "file":
                row.show(message.reason)

    def on_store_failed(self, _message: StoreFailed) -> None:
        # The app says what failed; the dialog stays open to try again.
        self._set_writing(False)
