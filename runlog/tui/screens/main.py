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
from textual.widgets import DataTable, Header, Static

from runlog.domain import Pain, Run, Settings, ShoeUsage
from runlog.domain.units import distance_text
from runlog.tui.change_keys import ChangeKeys
from runlog.tui.damaged_runs import DamagedRuns
from runlog.tui.display import run_text, shown_name
from runlog.tui.form_gear import FormGear
from runlog.tui.run_filter import RunFilterKeys, page_of_runs
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.main_checkin import CheckinOffer
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.store_jobs import store_job
from runlog.tui.watch_import import WatchFolderKeys, import_watch_folder
from runlog.tui.widgets.key_footer import KeyFooter
from runlog.tui.widgets.run_list import PAGE, RunList
from runlog.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from runlog.store.handle import Store


class MainScreen(CheckinOffer, ChangeKeys, DamagedRuns, RunFilterKeys, WatchFolderKeys, Screen[None]):
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
    # At 120 columns the footer shows every key but f, / and esc that fits
    # (short labels; the help and the palette use FULL_NAMES): with c, the
    # rarely used i (import) is left to the help and the palette. Below that,
    # the keys in NARROW_HIDDEN are left to the help and the palette too, so
    # the daily keys and ?, r, x, i stay.
    BINDINGS = [
        Binding("n", "new_run", "Log run", id="main.new_run", tooltip="Log a new run", priority=True),
        Binding("e", "edit_run", "Edit", id="main.edit_run", tooltip="Edit the selected run (or enter)", priority=True),
        Binding("d", "delete_run", "Delete", id="main.delete_run", tooltip="Delete the selected run", priority=True),
        Binding("u", "undo_delete", "Undo", id="main.undo_delete", tooltip="Bring back the last deleted run"),
        Binding(
            "m", "checkin", "Mornings", id="main.checkin", tooltip="Record how each pain was the next morning", priority=True
        ),
        Binding("g", "gear", "Gear", id="main.gear", tooltip="Shoes and orthotics", priority=True),
        Binding(
            "s", "settings", "Settings", id="main.settings",
            tooltip="Units, first day of the week and the watch folder",
            priority=True,
        ),
        Binding("w", "watch_import", "Watch", id="main.watch_import",
                tooltip="Import what is new in the watch folder (set in settings)", priority=True),
        Binding("p", "add_pain", "Pain", id="main.add_pain",
                tooltip="Add a pain entry to the newest run from the watch", priority=True),
        Binding("f", "not_imported", "Not imported", id="main.not_imported", show=False,
                tooltip="The files of the watch folder not imported, and why", priority=True),
        Binding("c", "record_change", "Change", id="main.record_change", tooltip="Record a change made for the pain",
                priority=True),
        Binding("q", "app.quit", "Quit", id="main.quit", tooltip="Quit runlog"),
        Binding("slash", "filter", "Filter", id="main.filter", show=False, priority=True,
                tooltip="Show only runs whose shoe, orthotic, note or pain site holds some text"),
        Binding("escape", "clear_filter", "Clear filter", id="main.clear_filter", show=False,
                tooltip="Show every run again"),
    ]
    NARROW_HIDDEN = ("edit_run", "undo_delete", "settings", "watch_import", "add_pain", "record_change")

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
        self.not_imported: tuple[str, list[tuple[str, str]]] = ("", [])

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="notices", markup=False)
        yield RunList(self.settings.units, week_start=self.settings.week_start, id="runs")
        yield Welcome(self.settings.units, id="empty")
        yield KeyFooter(self.NARROW_HIDDEN)

    def on_mount(self) -> None:
        self.query_one("#notices").display = False
        # The first frame goes out before any database work competes with it.
        self.call_after_refresh(self.reload)

    # --- loading --------------------------------------------------------

    def reload(self, select_id: int | None = None, release_keys: bool = False) -> None:
        """Load the first page again (as many rows as are loaded now, at least a
        page); with ``release_keys``, hand on the keys held meanwhile once it shows."""
        self.generation += 1
        self.release_on_page = self.generation if release_keys else None
        run_list = self.query_one(RunList)
        self.load_page(0, max(PAGE, run_list.run_count), select_id, self.generation)

    def load_page(self, offset: int, limit: int, select_id: int | None, generation: int) -> None:
        text = self.filter_text

        def job() -> MainScreen.RunsPageLoaded:
            settings, runs = page_of_runs(self.store, text, offset, limit)
            return self.RunsPageLoaded(runs, offset, limit, select_id, generation, settings)

        store_job(self, "load the runs", job, group="page")

    def on_main_screen_runs_page_loaded(self, message: MainScreen.RunsPageLoaded) -> None:
        if message.generation != self.generation:
            return
        run_list = self.query_one(RunList)
        if message.settings is not None and message.settings != self.settings:
            self.app.settings = message.settings
            run_list.set_units(message.settings.units, message.settings.week_start)
            self.query_one(Welcome).set_units(message.settings.units)
        run_list.show_page(message.runs, message.offset, message.asked, self.damaged_runs(message.offset))
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
        self.query_one(Welcome).show_for(run_list, empty=run_list.row_count == 0 and not self.filter_text)
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
            from runlog.store.runs import last_pain_site, last_used_gear, last_used_kind, mornings_to_ask

            with self.store.read() as session:
                awaiting = mornings_to_ask(session, today)
                active = list_shoes(session, include_retired=False)
                gear = FormGear([usage.shoe for usage in active], list_orthotics(session, include_retired=False),
                                last_used_gear(session), last_used_kind(session), last_pain_site(session))
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
        notices.update(shown_name("\n".join(lines)))
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
            default_kind=gear.last_kind,
            last_site=gear.last_site,
            run=run,
            add_pain=add_pain,
        )

    def action_new_run(self) -> None:
        self._open_form(None)

    @on(DataTable.RowSelected)
    def action_edit_run(self) -> None:
        run = (run_list := self.query_one(RunList)).current_run
        if run is None:
            self.notify(self.not_editable(run_list.current_damaged))
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
        run = (run_list := self.query_one(RunList)).current_run
        if run is None:
            return self.delete_damaged(run_list.current_damaged)
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
        text = f"Deleted the run of {run_text(message.run, self.settings.units)}. Press u to undo."
        if message.run.source:
            # Imported: the watch folder will pass its file by from now on.
            text += " The watch folder will not bring it back (f lists it)."
        self.notify(text)
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
        self.query_one(RunList).set_units(settings.units, settings.week_start)
        self.query_one(Welcome).set_units(settings.units)
        self.reload()
        self.load_notices()
        self.notify(f"Settings saved: distances in {settings.units.value}.")
