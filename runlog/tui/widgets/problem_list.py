"""Every problem of a refused import, one per line: line number, column, reason.

Lines are drawn only as they scroll into view, so a file with a bad column
in each of 100,000 rows lists them all at once (a DataTable took half a
minute to fill, with the app frozen).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from runlog.formats.problems import Problem


class ProblemList(ScrollView, can_focus=True):
    """A scrollable, read-only table of ``Problem``s with a header that stays put."""

    DEFAULT_CSS = """
    ProblemList {
        height: auto;
        max-height: 16;
        background: $boost;
    }
    ProblemList:focus {
        background-tint: $foreground 5%;
    }
    ProblemList > .problem-list--header {
        text-style: bold;
        color: $text-accent;
    }
    ProblemList > .problem-list--line {
        color: $text-muted;
    }
    ProblemList > .problem-list--column {
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {"problem-list--header", "problem-list--line", "problem-list--column"}

    #: Header labels.
    HEADER = ("Line", "Column", "Problem")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.problems: tuple[Problem, ...] = ()
        self._line_width = len(self.HEADER[0])
        self._column_width = len(self.HEADER[1])

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """List ``problems`` (in their order), scrolled to the first."""
        self.problems = tuple(problems)
        self._line_width = max([len(self.HEADER[0]), *(len(str(p.line)) for p in self.problems)])
        self._column_width = max([len(self.HEADER[1]), *(len(p.column or "") for p in self.problems)])
        widest = max([len(self.HEADER[2]), *(len(p.text) for p in self.problems)])
        # One row more than there are problems: the header.
        self.virtual_size = Size(self._line_width + self._column_width + widest + 5, len(self.problems) + 1)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def row_texts(self, index: int) -> tuple[str, str, str]:
        """The three cells of problem ``index`` as shown (a whole-file problem has no line)."""
        problem = self.problems[index]
        return (str(problem.line) if problem.line else "", problem.column or "", problem.text)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            cells = self.HEADER
            styles = (self.get_component_rich_style("problem-list--header"),) * 3
        else:
            index = scroll_y + y - 1
            if index >= len(self.problems):
                return Strip.blank(width, base)
            cells = self.row_texts(index)
            styles = (
                self.get_component_rich_style("problem-list--line"),
                self.get_component_rich_style("problem-list--column"),
                base,
            )
        line, column, reason = cells
        segments = [
            Segment(f" {line:>{self._line_width}}  ", base + styles[0]),
            Segment(f"{column:<{self._column_width}}  ", base + styles[1]),
            Segment(reason, base + styles[2]),
        ]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, base)
