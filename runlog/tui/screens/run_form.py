"""Log a run, or edit one: the run's fields, its gear, and any pain entries.

Enter moves to the next field, ctrl+s saves. Each field says beside it what
is wrong with it, in plain words; a save is refused (and nothing written)
until every field reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Static

from runlog.domain import Orthotic, PainSite, Run, Shoe, Side, Units
from runlog.domain.activity import ActivityKind
from runlog.domain.dates import date_text, parse_date
from runlog.tui.form_input import RunFields, fields_from_run, read_run
from runlog.tui.form_keys import ENTER_BINDING, TAB_BINDINGS, EnterMovesOn, after_typed_keys
from runlog.tui.form_notes import form_notes
from runlog.tui.messages import StoreFailed
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.run_form_marks import LapOffer
from runlog.tui.store_jobs import store_job
from runlog.tui.watch_figures import watch_line
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.knee_picker import KneePicker
from runlog.tui.widgets.pain_entry import PainEntry
from runlog.wording import plural

if TYPE_CHECKING:
    from runlog.store.handle import Store


class RunForm(LapOffer, EnterMovesOn, Screen[Run | None]):
    """The run form; dismisses with the saved run, or ``None`` when cancelled."""

    @dataclass
    class RunSaved(Message):
        """A run was added or changed."""

        run: Run

    TITLE = "runlog"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        ENTER_BINDING,
        *TAB_BINDINGS,
        Binding("ctrl+n", "add_pain", "Add pain", id="form.add_pain", priority=True),
        Binding("ctrl+r", "remove_pain", "Remove pain", id="form.remove_pain", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+o", "use_mark", "Lap as onset", id="form.use_mark",
                tooltip="Use the watch's lap press as the pain's onset"),
        Binding("ctrl+l", "next_mark", "Next lap", id="form.next_mark", show=False,
                tooltip="Offer the watch's next lap press"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        units: Units,
        today: dt.date,
        shoes: list[Shoe],
        orthotics: list[Orthotic],
        default_shoe: Shoe | None = None,
        default_orthotic: Orthotic | None = None,
        default_kind: ActivityKind = ActivityKind.RUN,
        last_site: tuple[PainSite, Side] | None = None,
        run: Run | None = None,
        add_pain: bool = False,
    ) -> None:
        super().__init__()
        #: Open with a new pain entry (``p`` after the watch brought a run in).
        self.add_pain_on_open = add_pain
        self.store = store
        self.units = units
        self.today = today
        self.original = run
        if run is not None:
            self.start = fields_from_run(run, units)
        else:
            self.start = RunFields(
                date=today.isoformat(), shoe=default_shoe, orthotic=default_orthotic, kind=default_kind
            )
        self.shoes = self._with(shoes, self.start.shoe)
        self.orthotics = self._with(orthotics, self.start.orthotic)
        #: After a refused save every error shows, typed in or not.
        self.reveal = False
        self.saving = False
        #: The watch's lap presses and markers, offered one at a time as a pain onset.
        self.marks = [m for m in (run.marks if run else []) if m.distance_m is not None or m.elapsed_s is not None]
        self.offered = 0
        #: Where a new pain entry's knee picker starts: the site logged last.
        self.last_site = last_site

    @staticmethod
    def _with(items: list, current) -> list:
        return items if current is None or current in items else [*items, current]

    def compose(self) -> ComposeResult:
        start, unit = self.start, self.units.value
        self.sub_title = "Edit run" if self.original else "Log a run"
        yield Header()
        with VerticalScroll(id="form-body"):
            yield FieldRow("Date", Input(start.date, id="date", compact=True), key="date")
            yield FieldRow(
                "Start time",
                Input(start.start_time, id="start", placeholder="HH:MM", compact=True),
                "optional, HH:MM",
                key="start",
            )
            yield FieldRow(
                f"Distance ({unit})",
                Input(start.distance, id="distance", placeholder=unit, compact=True),
                f"in {unit}, e.g. 8.5",
                key="distance",
            )
            yield FieldRow(
                "Duration",
                Input(start.duration, id="duration", placeholder="45:30", compact=True),
                "45, 45:30, 1:02:03 or 1h05",
                key="duration",
            )
            yield FieldRow(
                "Shoe",
                Choice([("none", None)] + [(self._shoe_label(s), s) for s in self.shoes], start.shoe, id="shoe"),
                "←/→ or first letter to change",
                key="shoe",
            )
            yield FieldRow(
                "Orthotic",
                Choice([("none", None)] + [(o.name, o) for o in self.orthotics], start.orthotic, id="orthotic"),
                "←/→ or first letter to change",
                key="orthotic",
            )
            yield FieldRow(
                "Effort", Input(start.effort, id="effort", placeholder="1-10", compact=True), "optional, 1 to 10",
                key="effort",
            )
            yield FieldRow(
                "Kind",
                Choice([(kind.label, kind) for kind in ActivityKind], start.kind, id="kind"),
                "←/→ or first letter to change",
                key="kind",
            )
            yield FieldRow("Notes", Input(start.notes, id="notes", compact=True, classes="wide"), key="notes")
            if watched := watch_line(self.original):
                yield Static("Watch: " + watched, id="watch-figures", markup=False)
            yield Static("Pain", classes="section-title")
            # Above the entries until there is one; then inside each, just above its onset.
            yield Static(id="mark-offer", markup=False)
            with Vertical(id="pains"):
                for number, pain in enumerate(start.pains, start=1):
                    yield PainEntry(number, self.units, pain, offer=self._offer_text())
            yield Static("ctrl+n adds a pain entry · no entry means the run was pain-free", id="pain-hint")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
        yield Footer()

    @staticmethod
    def _shoe_label(shoe: Shoe) -> str:
        return f"{shoe.name} ({shoe.type.label})" if shoe.type else shoe.name

    def on_mount(self) -> None:
        self._show_offer()
        self._check()
        # At once, not after a refresh: the keys typed right after the key
        # that opened the form go to the date.
        self.set_focus(self.query_one("#date", Input))
        self.initial = self._fields()
        if self.add_pain_on_open:
            self.call_after_refresh(self._open_with_pain)

    async def _open_with_pain(self) -> None:
        await self.action_add_pain()
        # An empty entry the form added itself is not a change: esc still leaves without asking.
        self.initial = self._fields()

    # --- reading and checking -------------------------------------------

    def _fields(self) -> RunFields:
        value = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        return RunFields(
            id=self.start.id,
            changed_at=self.start.changed_at,
            date=value("#date"),
            start_time=value("#start"),
            distance=value("#distance"),
            duration=value("#duration"),
            shoe=self.query_one("#shoe", Choice).value,
            orthotic=self.query_one("#orthotic", Choice).value,
            effort=value("#effort"),
            kind=self.query_one("#kind", Choice).value,
            notes=value("#notes"),
            pains=[entry.fields() for entry in self.query(PainEntry)],
        )

    def _check(self) -> tuple[Run | None, dict[str, str]]:
        """Read the form and show each field's error (or hint) beside it."""
        # The date now, not when the form opened: a form left open past
        # midnight must not call the new day "in the future".
        fields = self._fields()
        run, errors = read_run(fields, self.units, self._now(), self.original)
        notes = form_notes(fields, self.units)
        for row in self.query_one("#form-body").query_children(FieldRow):
            error = errors.get(row.key)
            typed = any(i.value.strip() for i in row.query(Input))
            if error and not (self.reveal or typed):
                error = None
            hint = None
            if row.key == "date" and "date" not in errors:
                hint = f"{date_text(self._date_or_today())} · also: yesterday, mon, 2 days ago"
            row.show(error, hint, note=notes.get(row.key))
        for index, entry in enumerate(self.query(PainEntry)):
            entry.show_errors(errors, f"pain{index}", self.reveal, notes)
        return run, errors

    def _now(self) -> dt.date:
        return getattr(self.app, "today", self.today)

    def _date_or_today(self) -> dt.date:
        try:
            return parse_date(self.query_one("#date", Input).value, self._now())
        except ValueError:
            return self._now()

    @on(Input.Changed)
    @on(Choice.Changed)
    @on(KneePicker.Changed)
    def _changed(self) -> None:
        self._check()

    def input_entered(self, field: Input) -> None:
        if field.id == "notes" and not self.query(PainEntry):
            self.query_one("#save", Button).focus()
        else:
            self.focus_next()

    # --- actions --------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        # What is typed at the moment of the key, not what has reached the fields so far.
        after_typed_keys(self, self._save_typed)

    def _save_typed(self) -> None:
        if self.saving:
            return
        run, errors = self._check()
        if run is None:
            self.reveal = True
            self._check()
            self.notify(
                f"Not saved: {plural(len(errors), 'field')} marked ✗ {'needs' if len(errors) == 1 else 'need'} a look.",
                severity="warning",
            )
            self._focus_first_error()
            return
        self.saving = True
        self._save(run)

    def _focus_first_error(self) -> None:
        for row in self.query(FieldRow):
            if row.query(".field-note.-error"):
                focusable = [w for w in row.query("*") if isinstance(w, Widget) and w.focusable]
                if focusable:
                    focusable[0].focus()
                    focusable[0].scroll_visible()
                return

    def _save(self, run: Run) -> None:
        def job() -> RunForm.RunSaved:
            from runlog.store.runs import add_run, update_run

            with self.store.write() as session:
                return self.RunSaved(update_run(session, run) if run.id is not None else add_run(session, run))

        store_job(self, "save the run", job, group="save")

    def on_run_form_run_saved(self, message: RunForm.RunSaved) -> None:
        self.dismiss(message.run)

    def on_store_failed(self, _message: StoreFailed) -> None:
        # The app says what failed; the form stays open with what was typed.
        self.saving = False

    async def action_add_pain(self) -> None:
        entry = PainEntry(len(self.query(PainEntry)) + 1, self.units, offer=self._offer_text(), cursor_on=self.last_site)
        await self.query_one("#pains").mount(entry)
        # At once (``focus()`` waits a turn): the keys typed right after
        # ctrl+n are already queued and belong to the new entry.
        self.set_focus(entry.query_one(KneePicker))
        self.call_after_refresh(entry.scroll_visible)
        self._show_offer()
        self._check()

    async def action_remove_pain(self) -> None:
        focused = self.focused
        entry = next((a for a in focused.ancestors if isinstance(a, PainEntry)), None) if focused else None
        if entry is None:
            self.notify("Move into a pain entry to remove it.")
            return
        entries = list(self.query(PainEntry))
        at = entries.index(entry)
        # Wait for the removal: until then the entry is still in the form,
        # half taken apart, and numbering it again would fail.
        await entry.remove()
        rest = list(self.query(PainEntry))
        for number, kept in enumerate(rest, start=1):
            kept.renumber(number)
        # The cursor stays among the pains: the entry that took this one's
        # place, else the one before, else the notes.
        if rest:
            self.set_focus(rest[min(at, len(rest) - 1)].query_one(KneePicker))
        else:
            self.set_focus(self.query_one("#notes", Input))
        self._show_offer()
        self._check()
        self.call_after_refresh(self.query_one("#pain-hint").scroll_visible)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.leave(lambda: self.dismiss(None))

    def has_changes(self) -> bool:
        """Whether anything differs from how the form opened."""
        return self._fields() != getattr(self, "initial", self._fields())

    def leave(self, go: Callable[[], object], verb: str = "Leave") -> None:
        """Call ``go`` at once when nothing was typed, else after the runner
        agrees to lose it (esc, and ctrl+q for the whole app)."""
        if self.saving:
            return
        if not self.has_changes():
            go()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                go()

        self.app.push_screen(
            ConfirmScreen("Discard changes", f"{verb} without saving? What you typed here is lost.", yes="Discard"),
            answered,
        )
