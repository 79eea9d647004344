"""The main screen: the most recent runs, and what needs the runner's attention.

Every action here is a ``Binding`` with an ``id`` and a description: the
footer, the help screen and the command palette are all built from
``BINDINGS``, so a new screen needs one binding and one ``action_`` method.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from runlog.domain import NextMorning, Run, Settings
from runlog.domain.units import distance_text
from runlog.store import queries
from runlog.tui.display import run_text
from runlog.tui.messages import (
    MorningRecorded,
    NoticesLoaded,
    RunDeleted,
    RunRestored,
    RunsPageLoaded,
    StoreFailed,
)
from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.widgets.run_list import PAGE, RunList


class MainScreen(Screen[None]):
    """Recent runs, newest first, with notices above them."""

    TITLE = "runlog"
    SUB_TITLE = "Runs"

    # The footer has room for about ten keys at 120 columns: edit (enter does
    # it too), undo (the delete notice names it) and settings are left to the
    # help screen and the palette.
    BINDINGS = [
        Binding("n", "new_run", "Log run", id="main.new_run", tooltip="Log a new run"),
        Binding("e", "edit_run", "Edit", id="main.edit_run", show=False, tooltip="Edit the selected run (or enter)"),
        Binding("d", "delete_run", "Delete", id="main.delete_run", tooltip="Delete the selected run"),
        Binding("u", "undo_delete", "Undo delete", id="main.undo_delete", show=False, tooltip="Bring back the last deleted run"),
        Binding("m", "checkin", "Morning check-in", id="main.checkin", tooltip="Record how each pain was the next morning"),
        Binding("g", "gear", "Gear", id="main.gear", tooltip="Shoes and orthotics"),
        Binding("s", "settings", "Settings", id="main.settings", show=False, tooltip="Units and first day of the week"),
        Binding("q", "app.quit", "Quit", id="main.quit", show=False, tooltip="Quit runlog"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0
        #: The run the last delete removed, for ``u``.
        self.last_deleted: Run | None = None
        #: The runner pressed m (rather than the check-in opening on start).
        self.checkin_asked = False
        #: The first page has been shown (and the notices asked for).
        self.started = False

    @property
    def factory(self):
        return self.app.session_factory

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="notices", markup=False)
        yield RunList(self.settings.units, id="runs")
        yield Static("No runs yet. Press n to log your first run.", id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notices").display = False
        self.query_one("#empty").display = False
        # The first frame goes out before any database work competes with it.
        self.call_after_refresh(self.reload)

    # --- loading --------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Load the first page again (as many rows as are loaded now, at least a page)."""
        self.generation += 1
        run_list = self.query_one(RunList)
        self.load_page(0, max(PAGE, run_list.row_count), select_id, self.generation)

    @work(thread=True, group="page", exit_on_error=False)
    def load_page(self, offset: int, limit: int, select_id: int | None, generation: int) -> None:
        try:
            with self.factory() as session:
                settings = queries.get_settings(session) if offset == 0 else None
                runs = queries.recent_runs(session, limit=limit, offset=offset)
        except Exception as exc:  # noqa: BLE001 - reported by type only (privacy)
            self.post_message(StoreFailed("load the runs", type(exc).__name__))
        else:
            self.post_message(RunsPageLoaded(runs, offset, limit, select_id, generation, settings))

    def on_runs_page_loaded(self, message: RunsPageLoaded) -> None:
        if message.generation != self.generation:
            return
        run_list = self.query_one(RunList)
        if message.settings is not None and message.settings != self.settings:
            self.app.settings = message.settings
            run_list.set_units(message.settings.units)
        run_list.show_page(message.runs, message.offset, message.asked)
        if not self.started:
            # Notices wait for the first page: they need the unit, and the
            # first rows matter more.
            self.started = True
            self.load_notices(open_checkin=self.app.checkin_on_start)
        if message.select_id is not None:
            run_list.select_run(message.select_id)
        self.query_one("#empty").display = run_list.row_count == 0

    @on(RunList.NeedMore)
    def _more(self, message: RunList.NeedMore) -> None:
        self.load_page(message.offset, PAGE, None, self.generation)

    @work(thread=True, group="notices", exit_on_error=False)
    def load_notices(self, open_checkin: bool = False) -> None:
        try:
            with self.factory() as session:
                awaiting = queries.pains_awaiting_morning(session, self.app.today)
                worn = [u for u in queries.list_shoes(session, include_retired=False) if u.past_retirement]
        except Exception as exc:  # noqa: BLE001 - reported by type only (privacy)
            self.post_message(StoreFailed("load the notices", type(exc).__name__))
        else:
            self.post_message(NoticesLoaded(awaiting, worn, open_checkin))

    def on_notices_loaded(self, message: NoticesLoaded) -> None:
        units = self.settings.units
        lines = []
        if message.awaiting:
            count = len(message.awaiting)
            lines.append(
                f"☀ {count} pain entr{'ies' if count != 1 else 'y'} await{'' if count != 1 else 's'} "
                "the next-morning check-in: press m"
            )
        for usage in message.worn_out:
            lines.append(
                f"⚠ {usage.shoe.name} has run {distance_text(usage.distance_m, units, 0)}, past its "
                f"retirement at {distance_text(usage.shoe.retire_distance_m, units, 0)}: press g"
            )
        notices = self.query_one("#notices", Static)
        notices.update("\n".join(lines))
        notices.display = bool(lines)
        if message.open_checkin and message.awaiting:
            self.app.push_screen(CheckinScreen(self.factory, message.awaiting, units), self._checked_in)
        elif message.open_checkin and self.checkin_asked:
            self.notify("Nothing to check in: every morning after a painful run is recorded.")
        self.checkin_asked = False

    def on_store_failed(self, message: StoreFailed) -> None:
        self.notify(f"Could not {message.doing} ({message.kind}).", severity="error")

    # --- runs -----------------------------------------------------------

    def _form(self, run: Run | None = None) -> RunForm:
        with self.factory() as session:
            shoes = [u.shoe for u in queries.list_shoes(session, include_retired=False)]
            orthotics = queries.list_orthotics(session, include_retired=False)
            last_shoe, last_orthotic = queries.last_used_gear(session) if run is None else (None, None)
        return RunForm(
            self.factory,
            units=self.settings.units,
            today=self.app.today,
            shoes=shoes,
            orthotics=orthotics,
            default_shoe=last_shoe,
            default_orthotic=last_orthotic,
            run=run,
        )

    def action_new_run(self) -> None:
        self.app.push_screen(self._form(), self._saved)

    @on(DataTable.RowSelected)
    def action_edit_run(self) -> None:
        run = self.query_one(RunList).current_run
        if run is None:
            self.notify("No run to edit yet. Press n to log one.")
            return
        self.app.push_screen(self._form(run), self._saved)

    def _saved(self, run: Run | None) -> None:
        if run is None:
            return
        self.notify(f"Saved: {run_text(run, self.settings.units)}")
        self.reload(select_id=run.id)
        self.load_notices()

    def action_delete_run(self) -> None:
        run = self.query_one(RunList).current_run
        if run is None:
            return
        pains = len(run.pains)
        also = f" Its {pains} pain entr{'ies' if pains != 1 else 'y'} go{'' if pains != 1 else 'es'} with it." if pains else ""
        question = f"Delete the run of {run_text(run, self.settings.units)}?{also}\nu undoes it."

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(run)

        self.app.push_screen(ConfirmScreen("Delete run", question, yes="Delete"), answered)

    @work(thread=True, group="write", exit_on_error=False)
    def _delete(self, run: Run) -> None:
        assert run.id is not None
        try:
            with self.factory.begin() as session:
                deleted = queries.delete_run(session, run.id)
        except Exception as exc:  # noqa: BLE001 - reported by type only (privacy)
            self.post_message(StoreFailed("delete the run", type(exc).__name__))
        else:
            self.post_message(RunDeleted(deleted))

    def on_run_deleted(self, message: RunDeleted) -> None:
        self.last_deleted = message.run
        self.notify(f"Deleted the run of {run_text(message.run, self.settings.units)}. Press u to undo.")
        self.reload()
        self.load_notices()

    def action_undo_delete(self) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo.")
            return
        run, self.last_deleted = self.last_deleted, None
        self._restore(run)

    @work(thread=True, group="write", exit_on_error=False)
    def _restore(self, run: Run) -> None:
        try:
            with self.factory.begin() as session:
                restored = queries.add_run(session, run, keep_id=True)
        except Exception as exc:  # noqa: BLE001 - reported by type only (privacy)
            self.post_message(StoreFailed("bring the run back", type(exc).__name__))
        else:
            self.post_message(RunRestored(restored))

    def on_run_restored(self, message: RunRestored) -> None:
        self.notify(f"Brought back the run of {run_text(message.run, self.settings.units)}.")
        self.reload(select_id=message.run.id)
        self.load_notices()

    # --- check-in, gear, settings ---------------------------------------

    def action_checkin(self) -> None:
        self.checkin_asked = True
        self.load_notices(open_checkin=True)

    def _checked_in(self, answered: int | None) -> None:
        self.load_notices()

    def morning_recorded(self, message: MorningRecorded) -> None:
        """Show a recorded morning in its run's row at once."""
        run_list = self.query_one(RunList)
        for run in run_list.runs.values():
            for pain in run.pains:
                if pain.id == message.pain_id:
                    pain.next_morning = NextMorning(message.status)
                    run_list.replace_run(run)
                    return

    def action_gear(self) -> None:
        self.app.push_screen(GearScreen(self.factory, self.settings.units, self.app.today), self._gear_closed)

    def _gear_closed(self, _result: None) -> None:
        self.reload()
        self.load_notices()

    def action_settings(self) -> None:
        self.app.push_screen(SettingsScreen(self.factory, self.settings), self._settings_saved)

    def _settings_saved(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.app.settings = settings
        self.query_one(RunList).set_units(settings.units)
        self.reload()
        self.load_notices()
        self.notify(f"Settings saved: distances in {settings.units.value}.")
