"""The run list: newest first, loaded a page at a time.

Only the pages the runner has scrolled to are in the table; when the cursor
or the scroll position nears the end, the list asks for the next page with
``NeedMore``. Twenty years of daily runs stay as quick as a week's.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from runlog.domain import Run, Units
from runlog.domain.dates import date_text
from runlog.domain.units import format_duration
from runlog.tui.display import pain_text

#: Rows per page; more load when the cursor comes within ``PAGE_MARGIN`` of the end.
PAGE = 100
PAGE_MARGIN = 25


class RunList(DataTable):
    """Runs as rows, keyed by run id."""

    BINDINGS = [
        Binding("home", "scroll_top", "First run", show=False),
        Binding("end", "scroll_bottom", "Last loaded run", show=False),
    ]

    @dataclass
    class NeedMore(Message):
        """The runner is near the end of the loaded rows."""

        run_list: RunList
        offset: int

    def __init__(self, units: Units, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable")
        self.units = units
        self.runs: dict[int, Run] = {}
        #: Every run is loaded (the last page came back short).
        self.complete = False
        self.waiting_for_more = False

    def on_mount(self) -> None:
        self._columns()

    def _columns(self) -> None:
        unit = self.units.value
        self.clear(columns=True)
        self.add_column("Date", width=14, key="date")
        self.add_column(unit, width=6, key="distance")
        self.add_column("Time", width=7, key="time")
        self.add_column(f"/{unit}", width=5, key="pace")
        # Pain right after the figures: in an 80-column terminal it is the
        # column this log exists for; the gear scrolls off to the right.
        self.add_column("Eff", width=3, key="effort")
        self.add_column("Pain", width=44, key="pain")
        self.add_column("Shoe", width=12, key="shoe")
        self.add_column("Orthotic", width=10, key="orthotic")

    def set_units(self, units: Units) -> None:
        """Show distances in ``units`` from now on (the caller reloads)."""
        self.units = units
        self._columns()
        self.runs = {}

    def _cells(self, run: Run) -> list:
        units = self.units
        distance = units.from_metres(run.distance_m)
        pace = format_duration(run.duration_s / distance) if distance > 0 else "—"
        return [
            date_text(run.date),
            Text(f"{distance:.2f}", justify="right"),
            Text(format_duration(run.duration_s), justify="right"),
            Text(pace, justify="right"),
            Text("" if run.effort is None else str(run.effort), justify="right"),
            Text(pain_text(run, units), style="bold" if run.pains else ""),
            # Text, not str: a str cell is read as markup, and names are the runner's.
            Text(run.shoe.name if run.shoe else ""),
            Text(run.orthotic.name if run.orthotic else ""),
        ]

    def show_page(self, runs: list[Run], offset: int, asked: int) -> None:
        """Put a page in place: the first page replaces everything."""
        if offset == 0:
            self.clear()
            self.runs = {}
        elif offset != self.row_count:
            return  # a page for a list that has since been reloaded
        # Adding the first row moves the cursor, whose watcher would ask for
        # the page after row 1: a wasted query on every start and reload.
        self.waiting_for_more = True
        for run in runs:
            assert run.id is not None
            self.runs[run.id] = run
            self.add_row(*self._cells(run), key=str(run.id))
        self.complete = len(runs) < asked
        self.waiting_for_more = False

    def replace_run(self, run: Run) -> None:
        """Show a changed run in its row, if it is loaded."""
        if run.id not in self.runs:
            return
        self.runs[run.id] = run
        keys = ("date", "distance", "time", "pace", "effort", "pain", "shoe", "orthotic")
        for key, cell in zip(keys, self._cells(run), strict=True):
            self.update_cell(str(run.id), key, cell)

    def select_run(self, run_id: int) -> None:
        if str(run_id) in self.rows:
            self.move_cursor(row=self.get_row_index(str(run_id)))

    def neighbour(self, run_id: int) -> int | None:
        """The run that takes ``run_id``'s place when it goes: the next row,
        or the one above for the last row; ``None`` when it is the only one."""
        ids = [int(row.key.value) for row in self.ordered_rows if row.key.value and row.key.value.isdigit()]
        if run_id not in ids:
            return None
        at = ids.index(run_id)
        rest = ids[:at] + ids[at + 1 :]
        return rest[min(at, len(rest) - 1)] if rest else None

    @property
    def current_run(self) -> Run | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.runs.get(int(key)) if key is not None else None

    def _ask_for_more(self) -> None:
        if not self.complete and not self.waiting_for_more and self.row_count:
            self.waiting_for_more = True
            self.post_message(self.NeedMore(self, self.row_count))

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        if new.row >= self.row_count - PAGE_MARGIN:
            self._ask_for_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - PAGE_MARGIN:
            self._ask_for_more()
