"""Shoes and orthotics: what each shoe has run against its retirement
distance, and which orthotics are in use since when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from runlog.domain import Orthotic, Shoe, ShoeUsage, Units
from runlog.domain.activity import ActivityKind
from runlog.domain.units import distance_text
from runlog.tui.damaged_runs import say_skipped
from runlog.tui.display import shown_name
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.kind_gear_form import KindGear, KindGearForm
from runlog.tui.screens.orthotic_form import OrthoticForm
from runlog.tui.screens.shoe_form import ShoeForm
from runlog.tui.store_jobs import store_job

if TYPE_CHECKING:
    from runlog.store.handle import Store


BAR_WIDTH = 10


def usage_bar(usage: ShoeUsage) -> str:
    """``███████░░░ 72%`` of the retirement distance."""
    share = usage.distance_m / usage.shoe.retire_distance_m
    filled = min(BAR_WIDTH, round(share * BAR_WIDTH))
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {share:4.0%}"


def kind_gear_text(defaults: dict[ActivityKind, tuple[Shoe | None, Orthotic | None]]) -> str:
    """``Imported runs get Ghost + Green; other kinds the last used for the kind (k to set)``."""
    parts = []
    for kind, (shoe, orthotic) in sorted(defaults.items(), key=lambda item: list(ActivityKind).index(item[0])):
        gear = " + ".join(item.name for item in (shoe, orthotic) if item is not None)
        parts.append(f"{kind.plural} get {gear}")
    if not parts:
        return "Imported activities get the shoe and orthotic last used for their kind (k to set one per kind)."
    others = "; other kinds the last used for the kind" if len(parts) < len(ActivityKind) else ""
    return f"Imported {'; '.join(parts)}{others} (k to change)."


class GearScreen(Screen[None]):
    """The gear list; tab moves between shoes and orthotics."""

    @dataclass
    class GearLoaded(Message):
        """Shoes with their distance so far, and orthotics."""

        shoes: list[ShoeUsage]
        orthotics: list[Orthotic]
        #: The runner's gear for imported activities, by kind.
        defaults: dict[ActivityKind, tuple[Shoe | None, Orthotic | None]] = field(default_factory=dict)

    @dataclass
    class GearSaved(Message):
        """A shoe or orthotic was added, changed, retired, brought back or deleted."""

        item: Shoe | Orthotic
        deleted: bool = False

    @dataclass
    class GearKept(Message):
        """A delete was refused: runs still name this shoe or orthotic."""

        item: Shoe | Orthotic
        runs: int

    @dataclass
    class KindGearSaved(Message):
        """The gear for imported activities of a kind was set."""

        kind: ActivityKind
        shoe: Shoe | None
        orthotic: Orthotic | None

    TITLE = "runlog"
    SUB_TITLE = "Shoes and orthotics"

    BINDINGS = [
        Binding("a", "add_shoe", "Add shoe", id="gear.add_shoe"),
        Binding("o", "add_orthotic", "Add orthotic", id="gear.add_orthotic"),
        Binding("e", "edit", "Edit", id="gear.edit"),
        Binding("t", "retire", "Retire / bring back", id="gear.retire"),
        Binding("d", "delete", "Delete", id="gear.delete", tooltip="Only gear no run names; retire the rest"),
        Binding("k", "kind_gear", "Per kind", id="gear.kind_gear",
                tooltip="The shoe and orthotic imported runs, walks ... get, by kind"),
        Binding("c", "changes", "Changes", id="gear.changes", tooltip="Changes made for the pain, recorded and from gear"),
        Binding("escape", "dismiss", "Back", id="gear.back"),
    ]

    def __init__(self, store: Store, units: Units, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.units = units
        self.today = today
        self.shoes: dict[int, ShoeUsage] = {}
        self.orthotics: dict[int, Orthotic] = {}
        self.defaults: dict[ActivityKind, tuple[Shoe | None, Orthotic | None]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Shoes", classes="section-title")
        yield DataTable(id="shoes", cursor_type="row", zebra_stripes=True)
        yield Static("Orthotics", classes="section-title")
        yield DataTable(id="orthotics", cursor_type="row", zebra_stripes=True)
        yield Static(id="kind-gear", markup=False)
        yield Static(id="gear-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#gear-hint", Static).update(
            "a add shoe · o add orthotic · e/enter edit · t retire or bring back · d delete unused · "
            "k gear per kind · tab switches list · esc back"
        )
        self.load()

    def action_changes(self) -> None:
        from runlog.tui.screens.changes import ChangesScreen

        self.app.push_screen(ChangesScreen(self.store, self.today))

    def load(self) -> None:
        def job() -> GearScreen.GearLoaded:
            from runlog.store.gear import list_orthotics, list_shoes
            from runlog.store.kind_gear import kind_defaults

            with self.store.read() as session:
                defaults = {kind: (d.shoe, d.orthotic) for kind, d in kind_defaults(session).items()}
                return self.GearLoaded(list_shoes(session), list_orthotics(session), defaults)

        store_job(self, "load the gear", job, group="gear-load", exclusive=True)

    def on_gear_screen_gear_loaded(self, message: GearScreen.GearLoaded) -> None:
        say_skipped(self, self.store)
        warning = self.app.current_theme.warning or "yellow"
        unit = self.units.value
        shoes = self.query_one("#shoes", DataTable)
        row = shoes.cursor_row
        # Columns are rebuilt with the rows so their widths fit the new content.
        shoes.clear(columns=True)
        shoes.add_columns("Name", "Type", f"Run {unit}", f"Retire {unit}", "Used", "Runs", "Status")
        self.shoes = {}
        for usage in message.shoes:
            shoe = usage.shoe
            assert shoe.id is not None
            self.shoes[shoe.id] = usage
            if shoe.retired_on:
                status = Text(f"retired {shoe.retired_on.isoformat()}", style="dim")
            elif usage.past_retirement:
                over = distance_text(usage.distance_m - shoe.retire_distance_m, self.units, 0)
                status = Text(f"⚠ {over} past retirement", style=f"bold {warning}")
            else:
                left = distance_text(shoe.retire_distance_m - usage.distance_m, self.units, 0)
                status = Text(f"{left} to go")
            shoes.add_row(
                shown_name(shoe.name),
                shoe.type.label if shoe.type else "",
                Text(f"{self.units.from_metres(usage.distance_m):.1f}", justify="right"),
                Text(f"{self.units.from_metres(shoe.retire_distance_m):.0f}", justify="right"),
                usage_bar(usage),
                Text(str(usage.runs), justify="right"),
                status,
                key=str(shoe.id),
            )
        shoes.move_cursor(row=row)
        orthotics = self.query_one("#orthotics", DataTable)
        row = orthotics.cursor_row
        orthotics.clear(columns=True)
        orthotics.add_columns("Name", "Type", "First used", "Status")
        self.orthotics = {}
        for item in message.orthotics:
            assert item.id is not None
            self.orthotics[item.id] = item
            status = f"retired {item.retired_on.isoformat()}" if item.retired_on else "in use"
            orthotics.add_row(
                shown_name(item.name),
                item.type.label if item.type else "",
                item.first_used.isoformat() if item.first_used else "",
                status,
                key=str(item.id),
            )
        orthotics.move_cursor(row=row)
        self.defaults = message.defaults
        self.query_one("#kind-gear", Static).update(kind_gear_text(message.defaults))

    # --- which item ---------------------------------------------------

    def _current(self) -> Shoe | Orthotic | None:
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#shoes", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None
        if table.id == "shoes":
            return self.shoes[int(key)].shoe
        return self.orthotics[int(key)]

    # --- actions --------------------------------------------------------

    def action_kind_gear(self) -> None:
        shoes = [u.shoe for u in self.shoes.values() if not u.shoe.retired_on]
        orthotics = [o for o in self.orthotics.values() if not o.retired_on]
        self.app.push_screen(KindGearForm(shoes, orthotics, self.defaults, picked=self._current()), self._save_kind_gear)

    def _save_kind_gear(self, chosen: KindGear | None) -> None:
        if chosen is None:
            return
        kind, shoe, orthotic = chosen

        def job() -> GearScreen.KindGearSaved:
            from runlog.store.kind_gear import set_kind_default

            with self.store.write() as session:
                set_kind_default(session, kind, shoe, orthotic)
            return self.KindGearSaved(kind, shoe, orthotic)

        store_job(self, "save the gear per kind", job, group="gear-save")

    def on_gear_screen_kind_gear_saved(self, message: GearScreen.KindGearSaved) -> None:
        gear = " + ".join(item.name for item in (message.shoe, message.orthotic) if item is not None)
        self.notify(f"Imported {message.kind.plural} now get {gear or 'the shoe and orthotic last used for the kind'}.")
        self.load()

    def action_add_shoe(self) -> None:
        self.app.push_screen(ShoeForm(self.units, self.today, self._shoe_names()), self._save)

    def action_add_orthotic(self) -> None:
        self.app.push_screen(OrthoticForm(self.today, self._orthotic_names()), self._save)

    def _shoe_names(self, but: Shoe | None = None) -> set[str]:
        return {u.shoe.name for u in self.shoes.values() if but is None or u.shoe.id != but.id}

    def _orthotic_names(self, but: Orthotic | None = None) -> set[str]:
        return {o.name for o in self.orthotics.values() if but is None or o.id != but.id}

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        item = self._current()
        if isinstance(item, Shoe):
            self.app.push_screen(ShoeForm(self.units, self.today, self._shoe_names(item), item), self._save)
        elif isinstance(item, Orthotic):
            self.app.push_screen(OrthoticForm(self.today, self._orthotic_names(item), item), self._save)

    def action_retire(self) -> None:
        item = self._current()
        if item is None:
            return
        day = None if item.retired_on else self.today
        self._retire(item, day)
        self.notify(f"{'Retired' if day else 'Brought back'} {item.name}. Press t again to undo.")

    def action_delete(self) -> None:
        item = self._current()
        if item is None:
            return
        if isinstance(item, Shoe) and self.shoes[item.id].runs:
            self.on_gear_screen_gear_kept(self.GearKept(item, self.shoes[item.id].runs))
            return
        question = f"Delete {item.name}? No run names it, so no run changes."

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(item)

        self.app.push_screen(ConfirmScreen("Delete gear", question, yes="Delete"), answered)

    def _delete(self, item: Shoe | Orthotic) -> None:
        assert item.id is not None
        gear_id = item.id

        def job() -> Message:
            from runlog.store.gear import GearInUse, delete_gear

            try:
                with self.store.write() as session:
                    delete_gear(session, type(item), gear_id)
            except GearInUse as exc:
                return self.GearKept(item, exc.runs)
            return self.GearSaved(item, deleted=True)

        store_job(self, "delete the gear", job, group="gear-save")

    def on_gear_screen_gear_kept(self, message: GearScreen.GearKept) -> None:
        runs = "1 run" if message.runs == 1 else f"{message.runs} runs"
        self.notify(
            f"{message.item.name} is on {runs}, so it stays in your log; press t to retire it instead.",
            severity="warning",
        )

    def _save(self, item: Shoe | Orthotic | None) -> None:
        if item is not None:
            self._write(item)

    def _write(self, item: Shoe | Orthotic) -> None:
        def job() -> GearScreen.GearSaved:
            from runlog.store.gear import add_gear, update_gear

            with self.store.write() as session:
                return self.GearSaved(update_gear(session, item) if item.id else add_gear(session, item))

        store_job(self, "save the gear", job, group="gear-save")

    def _retire(self, item: Shoe | Orthotic, day: dt.date | None) -> None:
        assert item.id is not None
        gear_id = item.id

        def job() -> GearScreen.GearSaved:
            from runlog.store.gear import retire_gear

            with self.store.write() as session:
                return self.GearSaved(retire_gear(session, type(item), gear_id, day))

        store_job(self, "retire the gear", job, group="gear-save")

    def on_gear_screen_gear_saved(self, message: GearScreen.GearSaved) -> None:
        if message.deleted:
            self.notify(f"Deleted {message.item.name}.")
        self.load()
