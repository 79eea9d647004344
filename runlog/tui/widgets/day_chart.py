"""The week day by day: one horizontal bar per day, scaled to the week's longest day.

A bar turns to the pain colour from the point where pain began (marked ┃), so a runner
sees at a glance that it starts at the same place on every long run. Days
that are a finding's evidence carry a diamond; days after today are dim.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from runlog.domain import Units
from runlog.review import DayFigures

#: Columns for the weekday and date, and for the distance after the bar.
_LABEL = 7
_VALUE = 6
_MARKS = 2
_EIGHTHS = " ▏▎▍▌▋▊▉"


class DayChart(Widget):
    """Distance per day as horizontal bars, pain from its onset point in red."""

    COMPONENT_CLASSES = {
        "day-chart--bar",
        "day-chart--pain",
        "day-chart--onset",
        "day-chart--evidence",
        "day-chart--dim",
    }

    DEFAULT_CSS = """
    DayChart {
        height: 9;
    }
    DayChart > .day-chart--bar {
        color: $primary;
    }
    DayChart > .day-chart--pain {
        color: $error;
    }
    DayChart > .day-chart--onset {
        color: $text;
        text-style: bold;
    }
    DayChart > .day-chart--evidence {
        color: $warning;
        text-style: bold;
    }
    DayChart > .day-chart--dim {
        color: $text-disabled;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.days: tuple[DayFigures, ...] = ()
        self.units = Units.KM

    def show(self, days: tuple[DayFigures, ...], units: Units) -> None:
        """Draw these seven days."""
        self.days = days
        self.units = units
        self.refresh()

    def render(self) -> Text:
        if not self.days:
            return Text("")
        bar_width = max(4, self.size.width - _LABEL - _VALUE - _MARKS - 1)
        longest = max((day.distance_m for day in self.days), default=0.0)
        style = self.get_component_rich_style
        lines = [self._day_line(day, bar_width, longest) for day in self.days]
        legend = Text.assemble(
            ("█", style("day-chart--bar")),
            " run  ",
            ("█", style("day-chart--pain")),
            " in pain  ",
            ("◆", style("day-chart--evidence")),
            " evidence",
        )
        return Text("\n").join([*lines, Text(""), legend])

    def _day_line(self, day: DayFigures, bar_width: int, longest: float) -> Text:
        style = self.get_component_rich_style
        line = Text(f"{day.date:%a} {day.date.day:>2} ")
        if day.future:
            line.stylize(style("day-chart--dim"))
            return line
        if not day.runs:
            line.append("·", style("day-chart--dim"))
            return line
        cells = day.distance_m / longest * bar_width if longest else 0.0
        whole = int(cells)
        bar = "█" * whole + (_EIGHTHS[int((cells - whole) * 8)] if whole < bar_width else "")
        bar = bar.rstrip() or "▏"
        pain_from = min((round(f * len(bar)) for f in day.onset_fractions()), default=None)
        if pain_from is None:
            line.append(bar, style("day-chart--bar"))
        else:
            pain_from = min(pain_from, len(bar) - 1)
            line.append(bar[:pain_from], style("day-chart--bar"))
            line.append("┃", style("day-chart--onset") + style("day-chart--pain"))
            line.append(bar[pain_from + 1 :], style("day-chart--pain"))
        line.append(" " * (bar_width - len(bar) + 1))
        line.append(f"{self.units.from_metres(day.distance_m):>{_VALUE - 1}.1f}")
        if day.evidence:
            line.append(" ◆", style("day-chart--evidence"))
        elif day.has_pain:
            line.append(" ✚", style("day-chart--pain"))
        return line
