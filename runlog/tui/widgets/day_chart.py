"""The week day by day: one horizontal bar per run, scaled to the week's longest run
(two runs on one day are two bars under that day's label).

A bar turns to the pain colour and shading (▓) from the point where pain began (marked ┃), so a runner
sees at a glance that it starts at the same place on every long run. A run
with pain ends in ✚, or in a diamond when it is a finding's evidence (on a
day of two runs, the painful one); a run much longer than the longest of the
30 days before (a spike) carries a triangle; days after today are dim. The
legend names every mark.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from runlog.domain import Units
from runlog.review import DayFigures

#: Columns for the weekday and date, and for the distance after the bar.
_LABEL = 7
_VALUE = 6
_MARKS = 4
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
        height: auto;
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
        longest = max((run.distance_m for day in self.days for run in day.runs), default=0.0)
        lines = [line for day in self.days for line in self._day_lines(day, bar_width, longest)]
        return Text("\n").join([*lines, Text(""), *self.legend()])

    def legend(self) -> list[Text]:
        """Every mark the bars use, on two lines (each fits the narrowest chart)."""
        style = self.get_component_rich_style
        return [
            Text.assemble(
                ("█", style("day-chart--bar")), " run  ", ("▓", style("day-chart--pain")), " in pain  ",
                ("┃", style("day-chart--onset") + style("day-chart--pain")), " pain began",
            ),
            Text.assemble(
                ("✚", style("day-chart--pain")), " pain  ", ("◆", style("day-chart--evidence")), " evidence  ",
                ("▲", style("day-chart--evidence")), " spike",
            ),
        ]

    def _day_lines(self, day: DayFigures, bar_width: int, longest: float) -> list[Text]:
        style = self.get_component_rich_style
        label = f"{day.date:%a} {day.date.day:>2} "
        line = Text(label)
        if day.future:
            line.stylize(style("day-chart--dim"))
            return [line]
        if not day.runs:
            line.append("·", style("day-chart--dim"))
            return [line]
        lines = []
        # The evidence is the run with knee pain (any pain, if none is at
        # the knee): a pain-free run of the same day carries no mark.
        knee = [run for run in day.runs if any(pain.site.is_knee for pain in run.pains)]
        evidence = (knee or [run for run in day.runs if run.has_pain]) if day.evidence else []
        for index, run in enumerate(day.runs):
            line = Text(label if index == 0 else " " * len(label))
            self._bar(line, DayFigures(day.date, (run,)), bar_width, longest)
            if day.is_spike(run):
                line.append(" ▲", style("day-chart--evidence"))
            if any(run is marked for marked in evidence):
                line.append(" ◆", style("day-chart--evidence"))
            elif run.has_pain:
                line.append(" ✚", style("day-chart--pain"))
            lines.append(line)
        return lines

    def _bar(self, line: Text, run_day: DayFigures, bar_width: int, longest: float) -> None:
        """One run's bar, red from where its pain began, and its distance."""
        style = self.get_component_rich_style
        cells = run_day.distance_m / longest * bar_width if longest else 0.0
        whole = int(cells)
        bar = "█" * whole + (_EIGHTHS[int((cells - whole) * 8)] if whole < bar_width else "")
        bar = bar.rstrip() or "▏"
        pain_from = min((round(f * len(bar)) for f in run_day.onset_fractions()), default=None)
        if pain_from is None:
            line.append(bar, style("day-chart--bar"))
        else:
            pain_from = min(pain_from, len(bar) - 1)
            line.append(bar[:pain_from], style("day-chart--bar"))
            line.append("┃", style("day-chart--onset") + style("day-chart--pain"))
            # Shaded as well as coloured: the painful part must show without colour too.
            line.append(bar[pain_from + 1 :].replace("█", "▓"), style("day-chart--pain"))
        line.append(" " * (bar_width - len(bar) + 1))
        line.append(f"{self.units.from_metres(run_day.distance_m):>{_VALUE - 1}.1f}")
