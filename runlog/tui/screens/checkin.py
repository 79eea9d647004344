"""The next-morning check-in: one question per pain entry, one key per answer.

Every pain entry whose run's next morning has come and whose status is
blank is asked in turn, oldest first: g gone, b better, s same, w worse;
space or k skips, escape ends. Each answer is saved at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from runlog.domain import NextMorning, Pain, Run, Units
from runlog.tui.display import run_text
from runlog.tui.messages import MorningRecorded
from runlog.tui.store_jobs import store_job
from runlog.wording import pain_summary

if TYPE_CHECKING:
    from runlog.store.handle import Store


class CheckinScreen(ModalScreen[int]):
    """Ask about each waiting pain entry; dismisses with how many were gone through."""

    BINDINGS = [
        Binding("g", "answer('gone')", "Gone", id="checkin.gone"),
        Binding("b", "answer('better')", "Better", id="checkin.better"),
        Binding("s", "answer('same')", "Same", id="checkin.same"),
        Binding("w", "answer('worse')", "Worse", id="checkin.worse"),
        Binding("space,k", "skip", "Skip", id="checkin.skip"),
        Binding("escape", "done", "Done", id="checkin.done"),
    ]

    def __init__(self, store: Store, waiting: list[tuple[Run, Pain]], units: Units) -> None:
        super().__init__()
        self.store = store
        self.waiting = waiting
        self.units = units
        self.position = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="checkin"):
            yield Static("Next-morning check-in", classes="dialog-title")
            yield Static(id="checkin-count")
            yield Static(id="checkin-run", markup=False)
            yield Static(id="checkin-pain", markup=False)
            yield Static("How was it the next morning?", id="checkin-question")
            yield Static(
                "[b]g[/] gone   [b]b[/] better   [b]s[/] same   [b]w[/] worse      "
                "[b]space[/]/[b]k[/] skip   [b]esc[/] done",
                id="checkin-keys",
            )
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        if self.position >= len(self.waiting):
            self.action_done()
            return
        run, pain = self.waiting[self.position]
        self.query_one("#checkin-count", Static).update(f"{self.position + 1} of {len(self.waiting)}")
        self.query_one("#checkin-run", Static).update(f"Run: {run_text(run, self.units)}")
        self.query_one("#checkin-pain", Static).update(f"Pain: {pain_summary(pain, self.units)}")

    def action_answer(self, status: str) -> None:
        if self.position >= len(self.waiting):
            return
        _run, pain = self.waiting[self.position]
        assert pain.id is not None
        self._record(pain.id, NextMorning(status))
        self.position += 1
        self._show()

    def _record(self, pain_id: int, status: NextMorning) -> None:
        # An app-level worker: the last answer must be written even though
        # this screen closes at once (a screen's workers are cancelled with it).
        app = self.app
        store = self.store

        def job() -> MorningRecorded:
            from runlog.store.runs import record_next_morning

            with store.write() as session:
                record_next_morning(session, pain_id, status)
            return MorningRecorded(pain_id, status)

        store_job(app, "save a morning status", job, group="checkin")

    def action_skip(self) -> None:
        self.position += 1
        self._show()

    def action_done(self) -> None:
        self.dismiss(self.position)
