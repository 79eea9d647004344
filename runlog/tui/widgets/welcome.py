"""What an empty log shows: a short welcome that says where to start.

Shown in place of the run list until the first run exists (the main screen
hides it then). It names the unit in use, the keys that set up a log
(settings, gear, import) and ``runlog --demo`` for a look around first.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from runlog.domain import Units

#: (key, what it does): the first steps, in the order a new runner takes them.
STEPS = (
    ("n", "log a run: date, distance, time, and any pain (where, from when)"),
    ("s", "settings: km or miles, first day of the week, your watch's folder"),
    ("w", "bring in the new runs from that folder (done on every start too)"),
    ("g", "your shoes and orthotics, so each run carries them"),
    ("i", "import a CSV or activity files (FIT, GPX, TCX, Strava, Garmin)"),
    ("?", "every key"),
)


def welcome_text(units: Units) -> Text:
    """The welcome, as plain text with the keys in bold (never markup)."""
    text = Text()
    text.append("Welcome to runlog", style="bold")
    text.append(": a log of your runs and of where and when it hurts.\n")
    text.append(f"Distances are in {'kilometres' if units is Units.KM else 'miles'} (s to change).\n")
    for key, what in STEPS:
        text.append(f"\n {key} ", style="bold reverse")
        text.append(f" {what}")
    text.append("\n\nTo look around first, quit (q) and start ")
    text.append("runlog --demo", style="bold")
    text.append(":\na made-up 16-week history on a throwaway log; yours is not touched.")
    return text


class Welcome(Static):
    """The empty log's welcome; ``set_units`` follows a change of settings."""

    DEFAULT_CSS = """
    Welcome {
        display: none;
        padding: 1 2;
        height: auto;
        color: $text;
    }
    """

    def __init__(self, units: Units, *, id: str | None = None) -> None:
        super().__init__(welcome_text(units), id=id)

    def set_units(self, units: Units) -> None:
        self.update(welcome_text(units))

    def show_for(self, run_list: Widget, *, empty: bool) -> None:
        """Shown in place of ``run_list`` while the log is ``empty``; the list
        takes the focus back when its first run comes."""
        self.display = empty
        run_list.display = not empty
        if not empty and self.screen.focused is None:
            run_list.focus()
