"""The next-morning check-in: one question per pain entry, one key per answer.

The blank mornings of the last week's runs are asked in turn, newest first
(older blank ones stay "not recorded"; the run form can still fill them):
g gone, b better, s same, w worse; u takes the last answer back; space or k
skips one, a or escape skips the rest, n leaves to log a run. Each answer is
saved at once. After the last one the dialog stays on a "done" step, from
which u still takes the last answer back; enter, space or escape close it.

Opened by itself on start (``automatic``), it steps aside when a key was
typed while it opened: that key was meant for the run list, never an answer.
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
from runlog.tui.key_hold import ScreenReady
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
        Binding("u", "undo", "Undo", id="checkin.undo"),
        Binding("space,k", "skip", "Skip", id="checkin.skip"),
        Binding("a", "skip_all", "Skip all", id="checkin.skip_all"),
        Binding("escape", "done", "Done", id="checkin.done", show=False),
        Binding("enter", "close", "Close", id="checkin.close"),
        # Priority: the keys typed right after n go to the run form (see key_hold).
        Binding("n", "log_run", "Log run", id="checkin.log_run", priority=True),
    ]

    KEYS = (
        "[b]g[/] gone   [b]b[/] better   [b]s[/] same   [b]w[/] worse      "
        "[b]u[/] undo   [b]space[/] skip   [b]a[/] skip all   [b]n[/] log a run"
    )

    #: Dismissed with this when the runner pressed n to log a run.
    LOG_RUN = -1
    #: Dismissed with this when it stepped aside for keys typed for the run list.
    STEPPED_ASIDE = -2

    def __init__(
        self, store: Store, waiting: list[tuple[Run, Pain]], units: Units, *, automatic: bool = False
    ) -> None:
        super().__init__()
        self.automatic = automatic
        self.store = store
        self.waiting = waiting
        self.units = units
        self.position = 0
        #: The answers given, as (position, pain id), for undo.
        self.answered: list[tuple[int, int]] = []
        #: The status each answered pain should end with.
        self.wanted: dict[int, NextMorning | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="checkin"):
            yield Static("Next-morning check-in", classes="dialog-title")
            yield Static(id="checkin-count")
            yield Static(id="checkin-run", markup=False)
            yield Static(id="checkin-pain", markup=False)
            yield Static("How was it the next morning?", id="checkin-question")
            yield Static(self.KEYS, id="checkin-keys")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def on_screen_ready(self, _message: ScreenReady) -> None:
        # Keys typed while this opened by itself were typed without seeing
        # it: they go on to the run list (the app hands them on after this).
        if self.automatic and self.app.holding_keys():
            self.dismiss(self.STEPPED_ASIDE)

    @property
    def finished(self) -> bool:
        """On the "done" step: every waiting pain was answered or skipped."""
        return self.position >= len(self.waiting)

    def _show(self) -> None:
        if self.finished and not self.answered:
            self.action_done()
            return
        self.set_class(self.finished, "-done")
        # The footer offers what works on the step shown (see ``check_action``).
        self.refresh_bindings()
        for question in self.query("#checkin-pain, #checkin-question"):
            question.display = not self.finished
        if self.finished:
            count = len(self.answered)
            self.query_one("#checkin-count", Static).update("Done")
            self.query_one("#checkin-run", Static).update(
                f"{count} morning{'s' if count != 1 else ''} answered."
            )
            self.query_one("#checkin-keys", Static).update(
                "[b]u[/] undo the last answer   [b]enter[/] close   [b]n[/] log a run"
            )
            return
        run, pain = self.waiting[self.position]
        self.query_one("#checkin-count", Static).update(f"{self.position + 1} of {len(self.waiting)}")
        self.query_one("#checkin-run", Static).update(f"Run: {run_text(run, self.units)}")
        self.query_one("#checkin-pain", Static).update(f"Pain: {pain_summary(pain, self.units)}")
        self.query_one("#checkin-keys", Static).update(self.KEYS)

    def action_answer(self, status: str) -> None:
        if self.position >= len(self.waiting):
            return
        _run, pain = self.waiting[self.position]
        assert pain.id is not None
        self._record(pain.id, NextMorning(status))
        self.answered.append((self.position, pain.id))
        self.position += 1
        self._show()

    def action_undo(self) -> None:
        """Take back the last answer: blank again, and asked again."""
        if not self.answered:
            self.notify("Nothing to undo.")
            return
        self.position, pain_id = self.answered.pop()
        self._record(pain_id, None)
        self._show()

    def action_log_run(self) -> None:
        self.app.hold_keys()
        self.dismiss(self.LOG_RUN)

    def _record(self, pain_id: int, status: NextMorning | None) -> None:
        # An app-level worker: the last answer must be written even though
        # this screen closes at once (a screen's workers are cancelled with it).
        # Jobs run on threads in no set order, so an answer and its undo may
        # be written either way round: each job writes the latest wanted
        # status, read inside the write, and the last one written is right.
        app = self.app
        store = self.store
        wanted = self.wanted
        wanted[pain_id] = status

        def job() -> MorningRecorded:
            from runlog.store.runs import record_next_morning

            with store.write() as session:
                latest = wanted[pain_id]
                record_next_morning(session, pain_id, latest)
            return MorningRecorded(pain_id, latest)

        # A status that could not be saved stays blank in the log, so the
        # check-in asks for it again: the runner is told so, never left to
        # believe it was kept.
        store_job(app, "save a morning status", job, group="checkin",
                  then="That pain's next morning is still open: press m to answer it again.")

    def action_skip(self) -> None:
        self.position += 1
        self._show()

    def action_close(self) -> None:
        """Enter: closes the "done" step (and nothing else)."""
        if self.finished:
            self.action_done()

    def action_skip_all(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(min(self.position, len(self.waiting)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer offers what works on the step shown.
        if action in ("answer", "skip", "skip_all"):
            return not self.finished
        if action == "close":
            return self.finished
        return True
