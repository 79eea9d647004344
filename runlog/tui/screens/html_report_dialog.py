"""Write the report of the weeks the review shows, as HTML or PDF: which
file, then a worker thread loads, renders and writes it (0600, replaced in
one step; the PDF printed by a Chromium-family browser, offline).

The file defaults to a folder the runner sees (Documents, else the home
folder), named after the last day shown. A folder that
does not exist, or a folder given as the file, is said beside the field; a
file that exists is replaced only after a yes.
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
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, Static

from runlog.domain.dates import date_text
from runlog.errors import UserError
from runlog.tui.form_keys import TAB_COMPLETES_BINDINGS, TabCompletes
from runlog.tui.messages import StoreFailed
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.path_input import PathSuggester, read_path, shown_path

if TYPE_CHECKING:
    from runlog.store.handle import Store

#: The dialog's width: room for a path and the note beside it.
WIDTH = 104


def read_report_path(text: str) -> tuple[Path | None, str | None]:
    """The file the field names, or ``None`` and why not."""
    if not text.strip():
        return None, "a file name is needed"
    path = read_path(text)
    if path.is_dir():
        return None, "is a folder; add a file name, e.g. review.html"
    if not path.parent.exists():
        return None, f"the folder {shown_path(path.parent)} does not exist"
    if not path.parent.is_dir():
        return None, f"{shown_path(path.parent)} is a file, not a folder"
    return path, None


def default_report_path(last_day: dt.date, suffix: str = ".html", home: Path | None = None) -> Path:
    """``~/Documents/runlog-report-2026-11-20.html``: the documents folder, else home."""
    home = Path.home() if home is None else home
    folder = home / "Documents" if (home / "Documents").is_dir() else home
    return folder / f"runlog-report-{last_day.isoformat()}{suffix}"


def with_suffix(text: str, suffix: str) -> str:
    """The field's text with ``.html`` and ``.pdf`` swapped for ``suffix``."""
    for old in (".html", ".pdf"):
        if text.endswith(old):
            return text[: -len(old)] + suffix
    return text


class HtmlReportDialog(TabCompletes, ModalScreen[Path | None]):
    """Ask where to write the report of the ``weeks`` weeks ending ``until``;
    dismisses with the file written (also said in a notification), or ``None``."""

    BINDINGS = [
        Binding("ctrl+s", "write", "Write", id="html_report.write", priority=True),
        Binding("escape", "cancel", "Cancel", id="html_report.cancel"),
        *TAB_COMPLETES_BINDINGS,
    ]

    @dataclass
    class Written(Message):
        """The report file is in place."""

        path: Path

    @dataclass
    class Refused(Message):
        """The file could not be written; ``reason`` is one sentence naming it."""

        reason: str

    def __init__(self, store: Store, database: Path, until: dt.date, weeks: int, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.database = database
        self.until = until
        self.weeks = weeks
        self.today = today
        self.writing = False

    @property
    def last_day(self) -> dt.date:
        """The last day the report shows: the week's end, or today in a week under way."""
        return min(self.until, self.today)

    @property
    def as_pdf(self) -> bool:
        return self.query_one("#pdf", RadioButton).value

    def compose(self) -> ComposeResult:
        default = shown_path(default_report_path(self.last_day))
        with Vertical(classes="dialog", id="html-report"):
            yield Static("Report for your clinician", classes="dialog-title")
            with RadioSet(id="format", compact=True):
                yield RadioButton("HTML page", value=True, id="html", compact=True)
                yield RadioButton("PDF (printed by Chromium, Chrome or Edge)", id="pdf", compact=True)
            yield FieldRow(
                "File",
                Input(default, id="file", compact=True, classes="wide", suggester=PathSuggester(".html")),
                key="file",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
            yield Static(
                f"The {self.weeks} weeks to {date_text(self.until)}: page one answers a clinician's questions,\n"
                "then charts and runs. enter writes · tab or →: complete the file name",
                classes="dialog-hint",
            )
        # The dialog's own keys, over the footer of the screen beneath.
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#html-report").styles.width = min(WIDTH, max(40, self.app.size.width - 2))
        self._check()
        self.query_one("#file", Input).focus()

    def _check(self, reveal: bool = False) -> Path | None:
        text = self.query_one("#file", Input).value
        path, error = read_report_path(text)
        if path is not None and path.is_file():
            hint = "exists: asks before replacing it"
        else:
            hint = "a new file, readable only by you"
        self.query_one(FieldRow).show(error if reveal or text.strip() else None, hint)
        return path

    @on(Input.Changed)
    def _changed(self) -> None:
        self._check()

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#file", Input)
        field.value = with_suffix(field.value, ".pdf" if self.as_pdf else ".html")
        field.suggester = PathSuggester(".pdf" if self.as_pdf else ".html")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    @on(Button.Pressed, "#save")
    def action_write(self) -> None:
        if self.writing:
            return
        path = self._check(reveal=True)
        if path is None:
            return
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(path)

            question = f"{path} already exists.\nReplace it with this report?"
            self.app.push_screen(ConfirmScreen("Replace file", question, yes="Replace"), answered)
        else:
            self._start(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.writing:
            self.dismiss(None)

    def _start(self, path: Path) -> None:
        self._set_writing(True)
        self._write(path)

    def _set_writing(self, writing: bool) -> None:
        self.writing = writing
        save = self.query_one("#save", Button)
        save.label = "Writing…" if writing else "Write  ctrl+s"
        save.disabled = writing

    def _write(self, path: Path) -> None:
        from runlog.paths import write_private_text
        from runlog.report.html import render_html
        from runlog.report.pdf import print_pdf
        from runlog.review import review_span
        from runlog.store.review_data import load_review_data

        as_pdf = self.as_pdf

        def job() -> Message:
            with self.store.read() as session:
                data = load_review_data(session, self.until, self.weeks)
            span = review_span(data, self.until, self.weeks, self.today)
            try:
                page = render_html(span, self.today, data.settings.runner_name)
                if as_pdf:
                    print_pdf(page, path)
                else:
                    write_private_text(path, page)
            except UserError as exc:
                return self.Refused(str(exc))
            return self.Written(path)

        store_job(self, "write the HTML report", job, group="html-report", exclusive=True)

    @on(Written)
    def _written(self, message: Written) -> None:
        self.notify(f"Wrote the report of {self.weeks} weeks to {message.path}",
                    title="PDF report" if self.as_pdf else "HTML report", timeout=10)
        self.dismiss(message.path)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self._set_writing(False)
        self.query_one("#file", Input).focus()
        self.query_one(FieldRow).show(message.reason)

    def on_store_failed(self, _message: StoreFailed) -> None:
        # The app says what failed; the dialog stays open to try again.
        self._set_writing(False)
