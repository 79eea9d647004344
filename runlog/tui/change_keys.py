"""The main screen's key for recording a change made to deal with the pain:
``c`` opens the change form straight from the run list (the date defaults to
today). Mixed into ``MainScreen``, which supplies ``store`` and ``app``."""

from __future__ import annotations

from runlog.domain import RunnerChange
from runlog.tui.screens.change_form import ChangeForm
from runlog.tui.screens.changes import ChangeSaved, change_line, record_change


class ChangeKeys:
    """``c``: record a change."""

    def action_record_change(self) -> None:
        def chosen(change: RunnerChange | None) -> None:
            if change is not None:
                record_change(self, self.store, change)

        self.app.push_screen(ChangeForm(self.app.today), chosen)

    def on_change_saved(self, message: ChangeSaved) -> None:
        self.notify(
            f"Recorded: {change_line(message.change)}. The review compares your runs before and after it.",
            markup=False,
        )
