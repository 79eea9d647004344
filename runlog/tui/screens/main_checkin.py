"""The run list's side of the next-morning check-in: when it opens, and ``m``.

It opens by itself only on start, over the run list and nothing else, and
only while the runner has typed nothing yet: keys typed for the list (``n``
then a date) must never answer it. Otherwise the notice above the runs
offers it ("press m") until the runner asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runlog.domain import NextMorning
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.widgets.run_list import RunList

if TYPE_CHECKING:
    from runlog.domain import Pain, Run
    from runlog.tui.messages import MorningRecorded


class CheckinOffer:
    """Mixed into ``MainScreen``, which supplies ``store``, ``settings``,
    ``load_notices`` and ``action_new_run``."""

    #: The runner pressed m (rather than the check-in opening on start).
    checkin_asked = False

    def offer_checkin(self, awaiting: list[tuple[Run, Pain]], open_checkin: bool) -> None:
        """Open the check-in when asked (m) or on an idle start; else the notice stays."""
        app = self.app  # type: ignore[attr-defined]
        asked, self.checkin_asked = self.checkin_asked, False
        if not open_checkin:
            return
        on_the_list = app.screen is self
        if awaiting and on_the_list and (asked or (app.keys_typed == 0 and not app.holding_keys())):
            screen = CheckinScreen(self.store, awaiting, self.settings.units, automatic=not asked)  # type: ignore[attr-defined]
            app.push_screen(screen, self._checked_in)
            return
        if asked:
            # The keys typed after m wait for it (see ``action_checkin``).
            self.call_later(app.release_keys)  # type: ignore[attr-defined]
            if not awaiting:
                self.notify("Nothing to check in: every morning after a painful run is recorded.")  # type: ignore[attr-defined]

    def action_checkin(self) -> None:
        self.checkin_asked = True
        # The keys typed right after m are answers: they wait for the dialog.
        self.app.hold_keys()  # type: ignore[attr-defined]
        self.load_notices(open_checkin=True)  # type: ignore[attr-defined]

    def _checked_in(self, answered: int | None) -> None:
        self.load_notices()  # type: ignore[attr-defined]
        if answered == CheckinScreen.LOG_RUN:
            self.action_new_run()  # type: ignore[attr-defined]

    def morning_recorded(self, message: MorningRecorded) -> None:
        """Show a recorded morning in its run's row at once."""
        run_list = self.query_one(RunList)  # type: ignore[attr-defined]
        for run in run_list.runs.values():
            for pain in run.pains:
                if pain.id == message.pain_id:
                    pain.next_morning = NextMorning(message.status) if message.status else None
                    run_list.replace_run(run)
                    return
