"""The run list: newest first, loaded a page at a time, a quiet row per week.

Only the pages the runner has scrolled to are in the table; when the cursor
or the scroll position nears the end, the list asks for the next page with
``NeedMore``. Twenty years of daily runs stay as quick as a week's.

Above each week's runs a dim row gives the week's distance, time and number
of runs (of the runs shown: with a filter, of those that match). The cursor
never rests on it: moving onto one carries on to the next run that way, so
every key that acts on "the selected run" acts on a run.

The text columns (pain, shoe, orthotic) share the width the figures leave:
each gets what its longest entry needs when that fits, the pain column the
rest; what still does not fit ends in an ellipsis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from runlog.detect.spikes import SPIKE_LOOKBACK_DAYS, find_spikes
from runlog.domain import Run, Units
from runlog.domain.dates import date_text
from runlog.domain.units import format_duration
from runlog.terminal import printable
from runlog.tui.display import pain_text

#: Rows per page; more load when the cursor comes within ``PAGE_MARGIN`` of the end.
PAGE = 100
PAGE_MARGIN = 25

#: The figures' columns: (key, width); the unit's columns are named on building.
FIGURES = (("date", 14), ("distance", 6), ("time", 7), ("pace", 5), ("effort", 3))
TEXTS = ("pain", "shoe", "orthotic")
KEYS = tuple(key for key, _ in FIGURES) + TEXTS
#: The pain column is never narrower than this (then the gear scrolls off to the
#: right), and keeps up to ``PAIN_KEEP`` when the gear needs room.
PAIN_LEAST = 20
PAIN_KEEP = 38
#: A shoe or orthotic name is cut (with an ellipsis) past this many characters,
#: and its column is never narrower than ``GEAR_LEAST``.
GEAR_MOST = 24
GEAR_LEAST = 8
#: A week's row key starts so; a run's row key is its id.
WEEK_KEY = "week-"
#: A damaged run's row key starts so (its values cannot be read; it can be deleted).
DAMAGED_KEY = "damaged:"


@dataclass
class WeekTotal:
    """The runs shown of one week: how far, how long, how many."""

    start: dt.date
    distance_m: float = 0.0
    duration_s: float = 0.0
    runs: int = 0


def text_widths(available: int, needs: dict[str, int]) -> dict[str, int]:
    """The pain, shoe and orthotic columns' widths in ``available`` cells
    (their padding already taken off), given what each one's longest entry
    ``needs`` (a shoe or orthotic name up to ``GEAR_MOST``).

    When all fit, the pain column takes what is left over. Else the pain
    column keeps its need up to ``PAIN_KEEP`` (a whole "L below kneecap 6/10
    @5.0 km, stopped"; a gear name is on every row, the longest pain on few)
    and the gear columns share the rest (each at least ``GEAR_LEAST``). When
    not even that fits (80 columns), the pain column takes the visible width
    (at least ``PAIN_LEAST``) and the gear scrolls off to the right."""
    shoe, orthotic = (max(4, min(needs[key], GEAR_MOST)) for key in ("shoe", "orthotic"))
    pain = max(4, min(needs["pain"], PAIN_KEEP))
    if pain + shoe + orthotic <= available:
        return {"pain": available - shoe - orthotic, "shoe": shoe, "orthotic": orthotic}
    least = min(shoe, GEAR_LEAST) + min(orthotic, GEAR_LEAST)
    if pain + least > available:
        return {"pain": max(PAIN_LEAST, available), "shoe": shoe, "orthotic": orthotic}
    room = available - pain
    # Each gear column gets half the room, and the other's unused half.
    half = room // 2
    fair = min(shoe, max(half, room - orthotic)), min(orthotic, max(room - half, room - shoe))
    shoe, orthotic = (max(share, min(need, GEAR_LEAST)) for share, need in zip(fair, (shoe, orthotic), strict=True))
    return {"pain": available - shoe - orthotic, "shoe": shoe, "orthotic": orthotic}


def _cut(text: str, **style) -> Text:
    """Text that ends in an ellipsis where its column cuts it (never markup)."""
    return Text(text, no_wrap=True, overflow="ellipsis", **style)


class RunList(DataTable):
    """Runs as rows keyed by run id, under a row per week."""

    BINDINGS = [
        Binding("home", "scroll_top", "First run", show=False),
        Binding("end", "scroll_bottom", "Last loaded run", show=False),
    ]

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {"runlist--week"}

    DEFAULT_CSS = """
    RunList > .runlist--week {
        color: $text-muted;
        text-style: italic;
    }
    """

    @dataclass
    class NeedMore(Message):
        """The runner is near the end of the loaded rows."""

        run_list: RunList
        offset: int

    def __init__(self, units: Units, *, week_start: int = 0, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable")
        self.units = units
        #: The first day of the week (0 = Monday ... 6 = Sunday), as in settings.
        self.week_start = week_start
        self.runs: dict[int, Run] = {}
        self.weeks: dict[dt.date, WeekTotal] = {}
        #: The rows in order: a week's first day, a run's id, or a damaged run's row key.
        self.order: list[dt.date | int | str] = []
        #: Runs the log holds damaged, shown first (as damaged) to be deleted.
        self.damaged: list[int] = []
        self.widths: dict[str, int] = {}
        #: Every run is loaded (the last page came back short).
        self.complete = False
        self.waiting_for_more = False
        #: Ids of the loaded runs much longer than the longest of the 30 days before (▲).
        self.spike_ids: set[int] = set()

    @property
    def run_count(self) -> int:
        """How many runs are loaded (the offset of the next page)."""
        return len(self.runs)

    def on_mount(self) -> None:
        self._columns()

    def on_resize(self) -> None:
        self._fit()

    def _columns(self) -> None:
        unit = self.units.value
        widths = self.widths or text_widths(80, self._needs())
        self.clear(columns=True)
        titles = {"date": "Date", "distance": unit, "time": "Time", "pace": f"/{unit}", "effort": "Eff"}
        for key, width in FIGURES:
            self.add_column(titles[key], width=width, key=key)
        # Pain right after the figures: in an 80-column terminal it is the
        # column this log exists for; the gear scrolls off to the right.
        for key in TEXTS:
            self.add_column(key.capitalize(), width=widths[key], key=key)

    def _needs(self) -> dict[str, int]:
        runs = self.runs.values()
        return {
            "pain": max([4, *(len(pain_text(run, self.units)) for run in runs)]),
            "shoe": max([4, *(len(run.shoe.name) for run in runs if run.shoe)]),
            "orthotic": max([8, *(len(run.orthotic.name) for run in runs if run.orthotic)]),
        }

    def _fit(self) -> None:
        """Share the width among the text columns; rebuild the rows if it changed."""
        if not self.size.width:
            return
        padding = 2 * self.cell_padding * len(KEYS)
        available = self.size.width - self.styles.scrollbar_size_vertical - padding - sum(w for _, w in FIGURES)
        widths = text_widths(available, self._needs())
        if widths == self.widths:
            return
        self.widths = widths
        current, waiting = self.current_run, self.waiting_for_more
        self.waiting_for_more = True  # no page is asked for while the rows go back in
        self._columns()
        for item in self.order:
            self._add(item)
        self.waiting_for_more = waiting
        if current is not None:
            self.select_run(current.id)

    def set_units(self, units: Units, week_start: int | None = None) -> None:
        """Show distances in ``units`` (and weeks from ``week_start``) from now on (the caller reloads)."""
        self.units = units
        if week_start is not None:
            self.week_start = week_start
        self.runs, self.weeks, self.order = {}, {}, []
        self.spike_ids = set()
        self._columns()

    # --- rows -------------------------------------------------------------

    def _cells(self, run: Run) -> list:
        units = self.units
        distance = units.from_metres(run.distance_m)
        pace = format_duration(run.duration_s / distance) if distance > 0 else "—"
        spike = run.id in self.spike_ids
        return [
            date_text(run.date),
            Text.assemble(("▲" if spike else "", "bold"), f"{distance:.2f}", justify="right"),
            Text(format_duration(run.duration_s), justify="right"),
            Text(pace, justify="right"),
            Text("" if run.effort is None else str(run.effort), justify="right"),
            _cut(pain_text(run, units), style="bold" if run.pains else ""),
            # Text, not str: a str cell is read as markup, and names are the runner's.
            _cut(printable(run.shoe.name if run.shoe else "")),
            _cut(printable(run.orthotic.name if run.orthotic else "")),
        ]

    def _week_cells(self, week: WeekTotal) -> list:
        style = self.get_component_rich_style("runlist--week", partial=True)
        runs = f"{week.runs} run{'s' if week.runs != 1 else ''}"
        return [
            Text(f"Week of {week.start.day} {week.start:%b}", style=style),
            Text(f"{self.units.from_metres(week.distance_m):.2f}", style=style, justify="right"),
            Text(format_duration(week.duration_s), style=style, justify="right"),
            Text(""),
            Text(""),
            Text(runs, style=style),
            Text(""),
            Text(""),
        ]

    def _add(self, item: dt.date | int | str) -> None:
        if isinstance(item, str):
            run_id = item.removeprefix(DAMAGED_KEY)
            self.add_row(Text("⚠ damaged", style="bold"), "", "", "", "",
                         Text(f"unreadable, d deletes it: runs row {run_id}"), "", "", key=item)
        elif isinstance(item, dt.date):
            self.add_row(*self._week_cells(self.weeks[item]), key=f"{WEEK_KEY}{item.isoformat()}")
        else:
            self.add_row(*self._cells(self.runs[item]), key=str(item))

    def _week_of(self, day: dt.date) -> dt.date:
        return day - dt.timedelta(days=(day.weekday() - self.week_start) % 7)

    def show_page(self, runs: list[Run], offset: int, asked: int, damaged: Iterable[int] = ()) -> None:
        """Put a page in place: the first page replaces everything, with the
        ``damaged`` runs (which cannot be read) first."""
        if offset == 0:
            self.clear()
            self.runs, self.weeks, self.order = {}, {}, []
            self.spike_ids = set()
            self.damaged = sorted(damaged)
            for run_id in self.damaged:
                self.order.append(f"{DAMAGED_KEY}{run_id}")
                self._add(self.order[-1])
        elif offset != self.run_count:
            return  # a page for a list that has since been reloaded
        # Adding the first row moves the cursor, whose watcher would ask for
        # the page after row 1: a wasted query on every start and reload.
        self.waiting_for_more = True
        grown: set[dt.date] = set()
        for run in runs:
            assert run.id is not None
            start = self._week_of(run.date)
            if start not in self.weeks:
                self.weeks[start] = WeekTotal(start)
                self.order.append(start)
                self._add(start)
            week = self.weeks[start]
            week.distance_m += run.distance_m
            week.duration_s += run.duration_s
            week.runs += 1
            grown.add(start)
            self.runs[run.id] = run
            self.order.append(run.id)
            self._add(run.id)
        for start in grown:
            # A week begun on the page before grew: its row says so now.
            for key, cell in zip(KEYS, self._week_cells(self.weeks[start]), strict=True):
                self.update_cell(f"{WEEK_KEY}{start.isoformat()}", key, cell)
        self.complete = len(runs) < asked
        self.waiting_for_more = False
        self._mark_spikes()
        self._fit()
        self._off_week_rows(down=True)

    def _mark_spikes(self) -> None:
        """Mark the spikes among the loaded runs (``detect.spikes``). A run is
        judged only once the 30 days before it are loaded too (or every run
        is), so a page boundary never makes a run look longer than usual."""
        if not self.runs:
            return
        oldest = min(run.date for run in self.runs.values())
        found = {
            (spike.date, spike.distance_m, spike.family)
            for spike in find_spikes(self.runs.values())
            if self.complete or (spike.date - oldest).days > SPIKE_LOOKBACK_DAYS
        }
        marked = {
            run_id for run_id, run in self.runs.items() if (run.date, run.distance_m, run.kind.family) in found
        }
        changed, self.spike_ids = marked ^ self.spike_ids, marked
        for run_id in changed & self.runs.keys():
            self.update_cell(str(run_id), "distance", self._cells(self.runs[run_id])[1])

    def replace_run(self, run: Run) -> None:
        """Show a changed run in its row, if it is loaded."""
        if run.id not in self.runs:
            return
        self.runs[run.id] = run
        for key, cell in zip(KEYS, self._cells(run), strict=True):
            self.update_cell(str(run.id), key, cell)

    def select_run(self, run_id: int | None) -> None:
        if run_id is not None and str(run_id) in self.rows:
            self.move_cursor(row=self.get_row_index(str(run_id)))

    def _row_key(self, row: int) -> str:
        return self.coordinate_to_cell_key((row, 0)).row_key.value or ""

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
        key = self._row_key(self.cursor_row)
        return self.runs.get(int(key)) if key.isdigit() else None

    @property
    def current_damaged(self) -> int | None:
        """The id of the damaged run under the cursor, or ``None``."""
        if self.row_count == 0:
            return None
        key = self._row_key(self.cursor_row)
        return int(key.removeprefix(DAMAGED_KEY)) if key.startswith(DAMAGED_KEY) else None

    # --- the cursor steps over the week rows -------------------------------

    def _off_week_rows(self, down: bool) -> None:
        """From a week's row, on to the nearest run that way (or the other)."""
        row = self.cursor_row
        if not self.row_count or not self._row_key(row).startswith(WEEK_KEY):
            return
        steps = (1, -1) if down else (-1, 1)
        for step in steps:
            target = row + step
            while 0 <= target < self.row_count and self._row_key(target).startswith(WEEK_KEY):
                target += step
            if 0 <= target < self.row_count:
                self.move_cursor(row=target)
                return

    def _ask_for_more(self) -> None:
        if not self.complete and not self.waiting_for_more and self.row_count:
            self.waiting_for_more = True
            self.post_message(self.NeedMore(self, self.run_count))

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        if not self.waiting_for_more:
            self._off_week_rows(down=new.row >= old.row)
        if new.row >= self.row_count - PAGE_MARGIN:
            self._ask_for_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - PAGE_MARGIN:
            self._ask_for_more()
