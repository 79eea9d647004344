"""The knee picker: both knees drawn from the front, each site selectable.

A front view, as someone facing the runner sees them: the runner's RIGHT
knee is on the viewer's left, and each knee's inner side faces the other
knee. Sites away from the knee are listed beside the drawing, one column per
leg in the same left/right order. Arrow keys move the cursor, enter or space
picks, a click picks the site under the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from runlog.domain import NON_KNEE_SITES, PainSite, Side

KNEE_WIDTH = 33
COMPACT_KNEE_WIDTH = 25


@dataclass(frozen=True)
class Spot:
    """A selectable label in the drawing."""

    site: PainSite
    side: Side
    line: int
    x: int
    text: str

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + len(self.text) / 2, float(self.line)


def _edges(side: Side) -> tuple[tuple[PainSite, str], tuple[PainSite, str]]:
    """The knee's left-hand and right-hand edge sites as drawn, with their
    labels: the inner sides of the two knees face each other."""
    outer, inner = (PainSite.OUTER_KNEE, " outer "), (PainSite.INNER_KNEE, " inner ")
    return (inner, outer) if side is Side.LEFT else (outer, inner)


def _paint(lines: list[str], spots: list[Spot], margin: int) -> list[str]:
    """``lines`` with each spot's text written over it, as wide as the widest
    line plus ``margin`` or the furthest spot."""
    width = max(max(len(line) for line in lines) + margin, max(spot.x + len(spot.text) for spot in spots))
    canvas = [list(line.ljust(width)) for line in lines]
    for spot in spots:
        canvas[spot.line][spot.x : spot.x + len(spot.text)] = spot.text
    return ["".join(chars) for chars in canvas]


def _knee(side: Side, left: int) -> tuple[list[str], list[Spot]]:
    """One knee's lines (``KNEE_WIDTH`` wide) and spots, placed at column ``left``."""
    (west, west_text), (east, east_text) = _edges(side)
    lines = [
        f"your {side.value.upper()} knee".center(KNEE_WIDTH),
        " " * 10 + "│           │" + " " * 10,
        " " * 10 + "│           │" + " " * 10,
        " " * 8 + "╭─┴───────────┴─╮" + " " * 8,
        " " * 8 + "│   ╭───────╮   │" + " " * 8,
        " " * 8 + "│   │       │   │" + " " * 8,
        " " * 8 + "│   ╰───────╯   │" + " " * 8,
        " " * 8 + "╰─┬───────────┬─╯" + " " * 8,
        " " * 10 + "│           │" + " " * 10,
        " " * 10 + "│           │" + " " * 10,
        " " * KNEE_WIDTH,
    ]
    spots = [
        Spot(PainSite.ABOVE_KNEECAP, side, 2, left + 13, " above "),
        Spot(west, side, 5, left + 1, west_text),
        Spot(PainSite.KNEECAP, side, 5, left + 13, "kneecap"),
        Spot(east, side, 5, left + 25, east_text),
        Spot(PainSite.BELOW_KNEECAP, side, 8, left + 13, " below "),
        Spot(PainSite.BACK_OF_KNEE, side, 10, left + 9, " back of knee "),
    ]
    return lines, spots


def _compact_knee(side: Side, left: int) -> tuple[list[str], list[Spot]]:
    """One knee in ``COMPACT_KNEE_WIDTH`` columns, its spots in ``_knee``'s order."""
    (west, west_text), (east, east_text) = _edges(side)
    lines = [
        f"your {side.value.upper()} knee".center(COMPACT_KNEE_WIDTH),
        " " * 8 + "│       │" + " " * 8,
        " " * 7 + "╭─┴─────┴─╮" + " " * 7,
        " " * 7 + "│         │" + " " * 7,
        " " * 7 + "╰─┬─────┬─╯" + " " * 7,
        " " * 8 + "│       │" + " " * 8,
        " " * COMPACT_KNEE_WIDTH,
    ]
    spots = [
        Spot(PainSite.ABOVE_KNEECAP, side, 1, left + 9, " above "),
        Spot(west, side, 3, left, west_text),
        Spot(PainSite.KNEECAP, side, 3, left + 9, "kneecap"),
        Spot(east, side, 3, left + 18, east_text),
        Spot(PainSite.BELOW_KNEECAP, side, 5, left + 9, " below "),
        Spot(PainSite.BACK_OF_KNEE, side, 6, left + 5, " back of knee "),
    ]
    return lines, spots


def _with_legs(lines: list[str], spots: list[Spot], gap: int) -> tuple[list[str], list[Spot]]:
    """The knees' ``lines`` and ``spots`` with the other sites in two rows under
    them (right leg, left leg), ``gap`` columns apart. Both layouts are built
    so: the same rows, the same spots in the same order."""
    lines = [*lines, "", "right leg", "left leg "]
    knees = list(spots)
    others = []
    for column, site in enumerate(NON_KNEE_SITES):
        x = 10 + sum(len(other.label) + gap for other in NON_KNEE_SITES[:column])
        for row, side in enumerate((Side.RIGHT, Side.LEFT)):
            others.append(Spot(site, side, len(lines) - 2 + row, x, f" {site.label} "))
    return lines, knees + others


def _layout() -> tuple[list[str], list[Spot]]:
    right_lines, right_spots = _knee(Side.RIGHT, 0)
    left_x = KNEE_WIDTH + 2
    left_lines, left_spots = _knee(Side.LEFT, left_x)
    lines = [r + "  " + left for r, left in zip(right_lines, left_lines, strict=True)]
    lines, spots = _with_legs(lines, right_spots + left_spots, gap=4)
    return _paint(lines, spots, margin=1), spots


def _compact_layout() -> tuple[list[str], list[Spot]]:
    """The narrow-terminal layout: the same drawing with smaller knees."""
    right_lines, right_spots = _compact_knee(Side.RIGHT, 0)
    left_x = COMPACT_KNEE_WIDTH + 1
    left_lines, left_spots = _compact_knee(Side.LEFT, left_x)
    lines = [r + " " + left for r, left in zip(right_lines, left_lines, strict=True)]
    lines, spots = _with_legs(lines, right_spots + left_spots, gap=2)
    return _paint(lines, spots, margin=0), spots


_LINES, _SPOTS = _layout()
_COMPACT_LINES, _COMPACT_SPOTS = _compact_layout()
#: Below this many columns of terminal the compact drawing is used.
COMPACT_BELOW = 116

#: The arrow keys' moves, as (dx, dy).
ARROWS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def _moves(spots: list[Spot]) -> dict[tuple[int, tuple[int, int]], int]:
    """Where each arrow key leads from each spot, by index: one table for both
    layouts (they hold the same spots in the same order), so the same keys
    land on the same site at any width.

    On a knee the moves stay on that knee (down from the outer side is
    ``below``, never a site of the other leg), except left and right, which
    step across to the other knee's facing side or its same site. Under the
    knees, left and right walk a leg's row, up and down change rows.
    """
    at = {(spot.site, spot.side): index for index, spot in enumerate(spots)}
    moves: dict[tuple[int, tuple[int, int]], int] = {}

    def link(a: tuple[PainSite, Side], move: tuple[int, int], b: tuple[PainSite, Side]) -> None:
        moves[(at[a], move)] = at[b]

    left, right, up, down = ARROWS["left"], ARROWS["right"], ARROWS["up"], ARROWS["down"]
    for side in Side:
        (west, _), (east, _) = _edges(side)
        other = Side.LEFT if side is Side.RIGHT else Side.RIGHT
        # The right knee is drawn on the viewer's left: "across" is right from it, left from the left knee.
        across = right if side is Side.RIGHT else left
        back = left if side is Side.RIGHT else right
        facing, far = (east, west) if side is Side.RIGHT else (west, east)
        above, cap, below = PainSite.ABOVE_KNEECAP, PainSite.KNEECAP, PainSite.BELOW_KNEECAP
        for site in (west, cap, east):
            link((site, side), up, (above, side))
            link((site, side), down, (below, side))
        link((above, side), down, (cap, side))
        link((below, side), up, (cap, side))
        link((below, side), down, (PainSite.BACK_OF_KNEE, side))
        link((PainSite.BACK_OF_KNEE, side), up, (below, side))
        link((far, side), across, (cap, side))
        link((cap, side), across, (facing, side))
        link((cap, side), back, (far, side))
        link((facing, side), back, (cap, side))
        link((facing, side), across, (facing, other))
        for site in (above, below, PainSite.BACK_OF_KNEE):
            link((site, side), across, (site, other))
    legs = NON_KNEE_SITES
    for position, site in enumerate(legs):
        link((site, Side.RIGHT), down, (site, Side.LEFT))
        link((site, Side.LEFT), up, (site, Side.RIGHT))
        for side in Side:
            if position:
                link((site, side), left, (legs[position - 1], side))
            if position + 1 < len(legs):
                link((site, side), right, (legs[position + 1], side))
        # Up from the right leg's row: the back of the knee drawn above it.
        nearest = min(Side, key=lambda side: abs(spots[at[(PainSite.BACK_OF_KNEE, side)]].centre[0]
                                                   - spots[at[(site, Side.RIGHT)]].centre[0]))
        link((site, Side.RIGHT), up, (PainSite.BACK_OF_KNEE, nearest))
    for side in Side:
        # Down from the back of a knee: the site of the right leg's row drawn under it.
        back_x = spots[at[(PainSite.BACK_OF_KNEE, side)]].centre[0]
        nearest_site = min(legs, key=lambda site: abs(spots[at[(site, Side.RIGHT)]].centre[0] - back_x))
        link((PainSite.BACK_OF_KNEE, side), down, (nearest_site, Side.RIGHT))
    return moves


#: Worked out on the compact drawing and used at every width.
_MOVES = _moves(_COMPACT_SPOTS)


class KneePicker(Widget, can_focus=True):
    """Pick the pain site and side from a drawing of both knees."""

    DEFAULT_CSS = """
    KneePicker {
        width: auto;
        height: auto;
        padding: 0 1;
        border: round $foreground 30%;
    }
    KneePicker:focus {
        border: round $accent;
    }
    KneePicker > .knee-picker--spot {
        color: $text-primary;
    }
    KneePicker > .knee-picker--cursor {
        background: $block-cursor-blurred-background;
    }
    KneePicker:focus > .knee-picker--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    KneePicker > .knee-picker--chosen {
        color: $text-warning;
        text-style: bold reverse;
    }
    KneePicker > .knee-picker--hint {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "knee-picker--spot",
        "knee-picker--cursor",
        "knee-picker--chosen",
        "knee-picker--hint",
    }

    # Priority bindings run in the app's key loop, in the order typed, even
    # when the form's enter (also a priority binding, see enter_key) follows
    # at once: "down, enter" picks the spot moved to.
    BINDINGS = [
        Binding("up", "move(0,-1)", "Up", show=False, priority=True),
        Binding("down", "move(0,1)", "Down", show=False, priority=True),
        Binding("left", "move(-1,0)", "Left", show=False, priority=True),
        Binding("right", "move(1,0)", "Right", show=False, priority=True),
        Binding("space", "pick", "Pick site", show=False, priority=True),
        Binding("enter", "pick_and_next", "Pick, next field", show=False, priority=True),
    ]

    cursor: reactive[int] = reactive(0)
    chosen: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        """A site and side were picked."""

        picker: KneePicker
        site: PainSite
        side: Side

        @property
        def control(self) -> KneePicker:
            return self.picker

    def __init__(
        self,
        site: PainSite | None = None,
        side: Side | None = None,
        *,
        cursor_on: tuple[PainSite, Side] | None = None,
        id: str | None = None,
    ) -> None:
        """``site`` and ``side``: what is picked (editing). ``cursor_on``: where
        the cursor starts when nothing is picked (the site last logged)."""
        super().__init__(id=id)
        start = self._find(site, side) if site and side else None
        self.set_reactive(KneePicker.chosen, start)
        first = cursor_on or (PainSite.KNEECAP, Side.RIGHT)
        self.set_reactive(KneePicker.cursor, start if start is not None else self._find(*first))

    @staticmethod
    def _find(site: PainSite, side: Side) -> int:
        return next(i for i, spot in enumerate(_SPOTS) if spot.site is site and spot.side is side)

    @property
    def compact(self) -> bool:
        """True in a narrow terminal, where the full drawing would wrap."""
        return self.app.size.width < COMPACT_BELOW

    @property
    def spots(self) -> list[Spot]:
        """The spots of the layout in use (the same sites in the same order in both)."""
        return _COMPACT_SPOTS if self.compact else _SPOTS

    @property
    def value(self) -> tuple[PainSite, Side] | None:
        """The picked site and side, or ``None``."""
        if self.chosen is None:
            return None
        spot = _SPOTS[self.chosen]
        return spot.site, spot.side

    def pick(self, site: PainSite, side: Side) -> None:
        """Pick a site and side from code (as a click would)."""
        self.cursor = self.chosen = self._find(site, side)

    def render(self) -> Text:
        lines = [Text(line) for line in (_COMPACT_LINES if self.compact else _LINES)]
        for index, spot in enumerate(self.spots):
            style = self.get_component_rich_style("knee-picker--spot")
            if index == self.chosen:
                style += self.get_component_rich_style("knee-picker--chosen")
            if index == self.cursor:
                style += self.get_component_rich_style("knee-picker--cursor")
            lines[spot.line].stylize(style, spot.x, spot.x + len(spot.text))
        return Text("\n").join([*lines, self._status()])

    def _status(self) -> Text:
        """The line under the drawing: always the site under the cursor, and what is picked."""
        hint = self.get_component_rich_style("knee-picker--hint")
        under = self.spots[self.cursor]
        where = Text(f"{under.side.value} {under.site.label}", Style(bold=True))
        if self.value is None:
            # Short enough for the compact drawing's width.
            lead = "cursor on " if self.compact else "not picked yet · cursor on "
            return Text.assemble((lead, hint), where, (" · enter picks", hint))
        site, side = self.value
        picked = Text(f"{side.value} {site.label}", Style(bold=True))
        if self.chosen == self.cursor:
            return Text.assemble(("picked: ", hint), picked)
        return Text.assemble(("picked: ", hint), picked, (" · cursor on ", hint), where)

    def action_move(self, dx: int, dy: int) -> None:
        # The same table at every width: the same keys land on the same site.
        self.cursor = _MOVES.get((self.cursor, (dx, dy)), self.cursor)

    def action_pick(self) -> None:
        self.chosen = self.cursor
        spot = self.spots[self.cursor]
        self.post_message(self.Changed(self, spot.site, spot.side))

    def action_pick_and_next(self) -> None:
        self.action_pick()
        self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, spot in enumerate(self.spots):
            if spot.line == offset.y and spot.x <= offset.x < spot.x + len(spot.text):
                self.cursor = index
                self.action_pick()
                return
