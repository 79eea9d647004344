"""Damaged rows in the TUI: the run list shows a damaged run as damaged, to
delete, and each screen that read around one says so once.

A run the log holds damaged (infinity in its distance, a date that is not a
date, a pain site outside the vocabulary) cannot be read, so it cannot be
opened in the form or undone once deleted; everything else in the log reads
as usual (``runlog.store.skipping``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.run_list import RunList

if TYPE_CHECKING:
    from runlog.store.handle import Store


@dataclass
class DamagedRunDeleted(Message):
    """A damaged run (and its pains and marks) was deleted."""

    run_id: int


def say_skipped(node, store: Store) -> None:
    """Notify what the reads left out as damaged (table and row, never the value), once per finding."""
    notice = store.skipped.notice()
    if notice and getattr(node.app, "skipped_said", None) != notice:
        node.app.skipped_said = notice
        node.notify(notice[0].upper() + notice[1:] + ".", severity="warning", timeout=10)


class DamagedRuns:
    """The main screen's part: damaged runs listed first, deleted with ``d``."""

    store: Store

    def damaged_runs(self, offset: int) -> set[int]:
        """The damaged runs to list before the first page (and the notice, once).
        One met first on a later page is listed by loading the list again."""
        say_skipped(self, self.store)
        damaged = self.store.skipped.runs
        if offset != 0:
            if damaged - set(self.query_one(RunList).damaged):
                self.call_after_refresh(self.reload)
            return set()
        return damaged

    @staticmethod
    def not_editable(run_id: int | None) -> str:
        """Why enter opens no form: no run yet, or the run under the cursor is damaged."""
        if run_id is None:
            return "No run to edit yet. Press n to log one."
        return f"Runs row {run_id} is damaged: its values cannot be read, so it cannot be edited; d deletes it."

    def delete_damaged(self, run_id: int | None) -> None:
        """Ask, then delete the damaged run ``run_id`` (``None``: nothing is selected)."""
        if run_id is None:
            return
        question = (f"Delete the damaged run (runs row {run_id})? Its values cannot be read, "
                    "so u cannot bring it back.")

        def answered(yes: bool | None) -> None:
            if yes:
                store_job(self, "delete the damaged run", job, group="write")

        def job() -> DamagedRunDeleted:
            from runlog.store.runs import delete_damaged_run

            with self.store.write() as session:
                delete_damaged_run(session, run_id)
            return DamagedRunDeleted(run_id)

        self.app.push_screen(ConfirmScreen("Delete damaged run", question, yes="Delete"), answered)

    def on_damaged_run_deleted(self, message: DamagedRunDeleted) -> None:
        self.app.skipped_said = None
        self.notify(f"Deleted the damaged run (runs row {message.run_id}).")
        self.reload()
        self.load_notices()
