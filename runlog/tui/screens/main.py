"""The main screen: the most recent runs, and what needs the runner's attention.

Every action here is a ``Binding`` with an ``id`` and a description: the
footer, the help screen and the command palette are all built from
``BINDINGS``, so a new screen needs one binding and one ``action_`` method.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from runlog.domain import Orthotic, Pain, Run, Settings, Shoe, ShoeUsage
from runlog.domain.units import distance_text
from runlog.tui.display import run_text
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.main_checkin import CheckinOffer
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.store_jobs import store_job
from runlog.tui.watch_import import WatchFolderKeys, import_watch_folder
from runlog.tui.widgets.run_list import PAGE, RunList

if TYPE_CHECKING:
    from runlog.store.handle import Store


@dataclass
class FormGear:
    """The gear the run form offers, and the last used (the new run's default)."""

    shoes: list[Shoe] = field(default_factory=list)
    orthotics: list[Orthotic] = field(default_factory=list)
    last_used: tuple[Shoe | None, Orthotic | None] = (None, None)


class MainScreen(CheckinOffer, WatchFolderKeys, Screen[None]):
    """Recent runs, newest first, with notices above them."""

    @dataclass
    class RunsPageLoaded(Message):
        """A page of runs, newest first, starting at ``offset`` in that order."""

        runs: list[Run]
        offset: int
        #: The page size asked for; fewer runs means the log has no more.
        asked: int
        #: Select this run once shown (after a save or undo).
        select_id: int | None = None
        #: Which reload this page belongs to; pages of an older one are dropped.
        generation: int = 0
        #: The settings as stored, read with a first page (start, reload).
        settings: Settings | None = None

    @dataclass
    class NoticesLoaded(Message):
        """What the main screen should point out."""

        awaiting: list[tuple[Run, Pain]]
        worn_out: list[ShoeUsage]
        #: Open the check-in when something awaits (on start, and on ``m``).
        open_checkin: bool = False
        #: What the run form offers next time it opens.
        gear: FormGear = field(default_factory=FormGear)

    @dataclass
    class RunDeleted(Message):
        """A run and its pains were deleted; ``run`` is what undo restores."""

        run: Run

    @dataclass
    class RunRestored(Message):
        """Undo put a deleted run back under its old id."""

        run: Run

    TITLE = "runlog"
    SUB_TITLE = "Runs"

    # Keys that open a screen are priority bindings: they run in the app's
    # key loop, so the keys typed right after them wait for the new screen
    # (see ``key_hold``) instead of reaching the run list.
    # The footer has room for about ten keys at 120 columns: edit (enter does
    # it too), undo (the delete notice names it) and settings are left to the
    # help screen and the palette.
    BINDINGS = [
        Binding("n", "new_run", "Log run", id="main.new_run", tooltip="Log a new run", priority=True),
        Binding(
            "e", "edit_run", "Edit", id="main.edit_run", show=False, tooltip="Edit the selected run (or enter)", priority=True
        ),
        Binding("d", "delete_run", "Delete", id="main.delete_run", tooltip="Delete the selected run", priority=True),
        Binding("u", "undo_delete", "Undo delete", id="main.undo_delete", show=False, tooltip="Bring back the last deleted run"),
        Binding(
            "m", "checkin", "Mornings", id="main.checkin", tooltip="Record how each pain was the next morning", priority=True
        ),
        Binding("g", "gear", "Gear", id="main.gear", tooltip="Shoes and orthotics", priority=True),
        Binding(
            "s", "settings", "Settings", id="main.settings", show=False,
            tooltip="Units, first day of the week and the watch folder",
            priority=True,
        ),
        Binding("w", "watch_import", "Import from watch", id="main.watch_import", show=False,
                tooltip="Import what is new in the watch folder (set in settings)", priority=True),
        Binding("p", "add_pain", "Add pain", id="main.add_pain", show=False,
                tooltip="Add a pain entry to the newest run from the watch", priority=True),
        Binding("q", "app.quit", "Quit", id="main.quit", show=False, tooltip="Quit runlog"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0
        #: The reload after which held keys are handed on (after a delete).
        self.release_on_page: int | None = None
        #: The runs deletes removed, newest last: ``u`` brings them back in turn.
        self.deleted: list[Run] = []
        #: The first page has been shown (and the notices asked for).
        self.started = False
        #: What the run form offers, loaded with the notices (never on the UI thread).
        self.form_gear = FormGear()
        self.form_gear_loaded = False
        #: A form asked for before the gear was loaded: ``(run, add a pain entry)``.
        self.form_waiting: tuple[Run | None, bool] | None = None
        #: The newest run the watch folder brought in, for ``p``.
        self.watch_newest: int | None = None

    @property
    def store(self) -> Store:
        return self.app.store

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

    def reload(self, select_id: int | None = None, release_keys: bool = False) -> None:
        """Load the first page again (as many rows as are loaded now, at least a
        page); with ``release_keys``, hand on the keys held meanwhile once it shows."""
        self.generation += 1
        self.release_on_page = self.generation if release_keys else None
        run_list = self.query_one(RunList)
        self.load_page(0, max(PAGE, run_list.row_count), select_id, self.generation)

    def load_page(self, offset: int, limit: int, select_id: int | None, generation: int) -> None:
        def job() -> MainScreen.RunsPageLoaded:
            if offset == 0:
                # The first page (and the settings) may come before SQLAlchemy has loaded.
                settings, runs = self.store.first_page(limit)
                return self.RunsPageLoaded(runs, offset, limit, select_id, generation, settings)
            from runlog.store.runs import recent_runs

            with self.store.read() as session:
                runs = recent_runs(session, limit=limit, offset=offset)
            return self.RunsPageLoaded(runs, offset, limit, select_id, generation, None)

        store_job(self, "load the runs", job, group="page")

    def on_main_screen_runs_page_loaded(self, message: MainScreen.RunsPageLoaded) -> None:
        if message.generation != self.generation:
            return
        run_list = self.query_one(RunList)
        if message.settings is not None and message.settings != self.settings:
            self.app.settings = message.settings
            run_list.set_units(message.settings.units)
        run_list.show_page(message.runs, message.offset, message.asked)
        if not self.started:
            # Notices wait for the first page: they need the unit, and the
            # first rows matter more. SQLAlchemy loads for them after the
            # first rows are painted.
            self.started = True
            self.call_after_refresh(self.load_notices, open_checkin=self.app.checkin_on_start)
            if self.settings.watch_folder:
                self.call_after_refresh(
                    import_watch_folder, self, self.store, self.settings.watch_folder, self.settings.units, asked=False
                )
        if message.select_id is not None:
            run_list.select_run(message.select_id)
        self.query_one("#empty").display = run_list.row_count == 0
        if self.release_on_page == message.generation:
            self.release_on_page = None
            self.call_later(self.app.release_keys)

    @on(RunList.NeedMore)
    def _more(self, message: RunList.NeedMore) -> None:
        self.load_page(message.offset, PAGE, None, self.generation)

    def load_notices(self, open_checkin: bool = False) -> None:
        """Ask for the notices (check-ins due, worn shoes) and the gear the
        run form offers, so that opening the form reads nothing."""
        today = self.app.today

        def job() -> MainScreen.NoticesLoaded:
            from runlog.store.gear import list_orthotics, list_shoes
            from runlog.store.runs import last_used_gear, mornings_to_ask

            with self.store.read() as session:
                awaiting = mornings_to_ask(session, today)
                active = list_shoes(session, include_retired=False)
                gear = FormGear(
                    shoes=[usage.shoe for usage in active],
                    orthotics=list_orthotics(session, include_retired=False),
                    last_used=last_used_gear(session),
                )
            worn = [usage for usage in active if usage.past_retirement]
            return self.NoticesLoaded(awaiting, worn, open_checkin, gear)

        store_job(self, "load the notices", job, group="notices")

    def on_main_screen_notices_loaded(self, message: MainScreen.NoticesLoaded) -> None:
        self.form_gear = message.gear
        self.form_gear_loaded = True
        if self.form_waiting is not None:
            (run, add_pain), self.form_waiting = self.form_waiting, None
            self.app.push_screen(self._form(run, add_pain), self._saved)
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
        self.offer_checkin(message.awaiting, message.open_checkin)

    # --- runs -----------------------------------------------------------

    def _form(self, run: Run | None = None, add_pain: bool = False) -> RunForm:
        gear = self.form_gear
        last_shoe, last_orthotic = gear.last_used if run is None else (None, None)
        return RunForm(
            self.store,
            units=self.settings.units,
            today=self.app.today,
            shoes=gear.shoes,
            orthotics=gear.orthotics,
            default_shoe=last_shoe,
            default_orthotic=last_orthotic,
            run=run,
            add_pain=add_pain,
        )

    def action_new_run(self) -> None:
        self._open_form(None)

    @on(DataTable.RowSelected)
    def action_edit_run(self) -> None:
        run = self.query_one(RunList).current_run
        if run is None:
            self.notify("No run to edit yet. Press n to log one.")
            return
        self._open_form(run)

    def _open_form(self, run: Run | None, add_pain: bool = False) -> None:
        if self.form_gear_loaded:
            self.app.push_screen(self._form(run, add_pain), self._saved)
        else:
            # Asked for before the gear arrived (a key pressed at start):
            # the form opens as soon as it does.
            self.form_waiting = (run, add_pain)
            self.app.hold_keys()
            self.load_notices()

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
                # The keys typed next (another d) wait until the list shows
                # where the cursor lands, or they would act on the deleted row.
                self.app.hold_keys()
                self._delete(run)

        self.app.push_screen(ConfirmScreen("Delete run", question, yes="Delete"), answered)

    def _delete(self, run: Run) -> None:
        assert run.id is not None
        run_id = run.id

        def job() -> MainScreen.RunDeleted:
            from runlog.store.runs import delete_run

            with self.store.write() as session:
                return self.RunDeleted(delete_run(session, run_id))

        store_job(self, "delete the run", job, group="write")

    def on_main_screen_run_deleted(self, message: MainScreen.RunDeleted) -> None:
        self.deleted.append(message.run)
        self.notify(f"Deleted the run of {run_text(message.run, self.settings.units)}. Press u to undo.")
        # The cursor stays in place: on the run that took the deleted one's row.
        assert message.run.id is not None
        self.reload(select_id=self.query_one(RunList).neighbour(message.run.id), release_keys=True)
        self.load_notices()

    def action_undo_delete(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        # The run leaves the stack only once it is back (see below): a
        # failed restore can be tried again.
        self._restore(self.deleted[-1])

    def _restore(self, run: Run) -> None:
        def job() -> MainScreen.RunRestored:
            from runlog.store.runs import add_run, get_run

            with self.store.write() as session:
                if run.id is not None and get_run(session, run.id) is not None:
                    # A second u pressed before the first finished.
                    return self.RunRestored(run)
                return self.RunRestored(add_run(session, run, keep_id=True))

        store_job(self, "bring the run back", job, group="write")

    def on_main_screen_run_restored(self, message: MainScreen.RunRestored) -> None:
        self.deleted = [run for run in self.deleted if run.id != message.run.id]
        self.notify(f"Brought back the run of {run_text(message.run, self.settings.units)}.")
        self.reload(select_id=message.run.id)
        self.load_notices()

    # --- check-in, gear, settings ---------------------------------------

    def action_gear(self) -> None:
        self.app.push_screen(GearScreen(self.store, self.settings.units, self.app.today), self._gear_closed)

    def _gear_closed(self, _result: None) -> None:
        self.reload()
        self.load_notices()

    def action_settings(self) -> None:
        self.app.push_screen(SettingsScreen(self.store, self.settings), self._settings_saved)

    def _settings_saved(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.app.settings = settings
        self.query_one(RunList).set_units(settings.units)
        self.reload()
        self.load_notices()
        self.notify(f"Settings saved: distances in {settings.units.value}.")
