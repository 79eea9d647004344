"""Twelve weeks at a glance: distance per week as columns from zero, and the
share of runs with pain under it, the reviewed week (the last) picked out.

Textual's ``Sparkline`` scales from the smallest value to the largest, which
makes 25 km against 28 km look like a cliff; a running trend needs a zero
baseline, so these columns are drawn here.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from runlog.domain import Units
from runlog.review import TrendWeek

_BLOCKS = " ▁▂▃▄▅▆▇█"
_LABEL = 9


class TrendChart(Widget):
    """Weekly distance (upper rows) and share of runs with pain (lower rows)."""

    COMPONENT_CLASSES = {"trend--distance", "trend--current", "trend--pain", "trend--dim"}

    DEFAULT_CSS = """
    TrendChart {
        height: 9;
    }
    TrendChart > .trend--distance {
        color: $primary;
    }
    TrendChart > .trend--current {
        color: $accent;
        text-style: bold;
    }
    TrendChart > .trend--pain {
        color: $error;
    }
    TrendChart > .trend--dim {
        color: $text-muted;
    }
    """

    #: Rows of the distance columns and of the pain columns.
    DISTANCE_ROWS = 4
    PAIN_ROWS = 2

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks: tuple[TrendWeek, ...] = ()
        self.units = Units.KM

    def show(self, weeks: tuple[TrendWeek, ...], units: Units) -> None:
        """Draw these weeks, oldest first; the last is the reviewed week."""
        self.weeks = weeks
        self.units = units
        self.refresh()

    def render(self) -> Text:
        if not self.weeks:
            return Text("")
        column = max(1, min(4, (self.size.width - _LABEL) // len(self.weeks)))
        top = max(week.distance_m for week in self.weeks)
        distances = [week.distance_m / top if top else 0.0 for week in self.weeks]
        shares = [week.pain_share or 0.0 for week in self.weeks]
        heading = f"{self.units.from_metres(top):.0f} {self.units.value}"
        lines = self._columns(distances, self.DISTANCE_ROWS, column, "trend--distance", [heading, "", "", "distance"])
        lines += self._columns(shares, self.PAIN_ROWS, column, "trend--pain", ["100%", "pain"])
        lines.append(self._axis(column))
        return Text("\n").join(lines)

    def _columns(self, values: list[float], rows: int, column: int, kind: str, labels: list[str]) -> list[Text]:
        style = self.get_component_rich_style
        colour = style(kind)
        # The reviewed week stands out in the distance columns; pain stays red.
        current_colour = colour + style("trend--current") if kind == "trend--distance" else colour
        lines = []
        for row in reversed(range(rows)):
            line = Text(f"{labels[rows - 1 - row]:>{_LABEL - 1}} ", style("trend--dim"))
            for index, value in enumerate(values):
                eighths = round(value * rows * 8) - row * 8
                block = _BLOCKS[max(0, min(8, eighths))]
                # A week with some distance never vanishes into the baseline.
                if row == 0 and value > 0 and block == " ":
                    block = _BLOCKS[1]
                current = index == len(values) - 1
                cell = block * (column - 1) + " " if column > 1 else block
                line.append(cell, current_colour if current else colour)
            lines.append(line)
        return lines

    def _axis(self, column: int) -> Text:
        style = self.get_component_rich_style
        first, last = self.weeks[0].start, self.weeks[-1].start
        width = column * len(self.weeks)
        left, right = f"{first:%b} {first.day}", f"{last:%b} {last.day}"
        gap = max(1, width - len(left) - len(right))
        return Text(" " * _LABEL + left + " " * gap + right, style("trend--dim"))
