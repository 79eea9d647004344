"""``/`` on the run list: only the runs whose shoe, orthotic, note or pain
site holds some text ("calf", "Superfeet", "knee", "hills").

The filter is typed in a bar at the foot of the screen; the list behind it
follows each key (the whole log is searched, a page at a time, not only the
loaded rows). Enter keeps the filter and goes back to the list; esc, in the
bar or on the list, clears it. While a filter is on, the header says so and
the week rows count the matching runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from runlog.domain import Run, Settings

if TYPE_CHECKING:
    from runlog.store.handle import Store

#: Longer text matches nothing a runner logs; the bar stops there.
MOST = 100


def page_of_runs(store: Store, text: str, offset: int, limit: int) -> tuple[Settings | None, list[Run]]:
    """A page of runs, newest first, matching ``text`` when it is not empty;
    the first unfiltered page comes with the settings (and may come before
    SQLAlchemy has loaded). Called in a worker thread."""
    if not text and offset == 0:
        return store.first_page(limit)
    from runlog.store.runs import matching_runs, recent_runs

    with store.read() as session:
        if text:
            return None, matching_runs(session, text, limit=limit, offset=offset)
        return None, recent_runs(session, limit=limit, offset=offset)


def shown(text: str) -> str:
    """The filter as the header quotes it: no control characters."""
    return "".join(character for character in text if character.isprintable())


class FilterScreen(ModalScreen[str | None]):
    """The filter bar; dismisses with the text to keep, or ``None`` (esc: clear)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Clear filter", id="filter.clear")]

    DEFAULT_CSS = """
    FilterScreen {
        background: transparent;
    }
    #filter-bar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $panel;
    }
    #filter-bar Label {
        padding: 0 1;
        text-style: bold;
    }
    #filter-bar Input {
        width: 1fr;
    }
    #filter-bar .filter-hint {
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, text: str, changed: Callable[[str], None]) -> None:
        super().__init__()
        self.text = text
        #: Told each change, so the list follows the typing.
        self.changed = changed

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-bar"):
            yield Label("/")
            yield Input(self.text, placeholder="shoe, orthotic, note or pain site", max_length=MOST, compact=True)
            yield Label("enter keeps · esc clears", classes="filter-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _follow(self, event: Input.Changed) -> None:
        self.changed(event.value)

    @on(Input.Submitted)
    def _keep(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class RunFilterKeys:
    """The run list's ``/`` and esc. Mixed into ``MainScreen``, which supplies
    ``reload``, ``app`` and ``SUB_TITLE``."""

    #: The filter in use ("" for none).
    filter_text: str = ""

    def action_filter(self) -> None:
        self.app.push_screen(FilterScreen(self.filter_text, self.set_filter), self._filter_closed)

    def _filter_closed(self, kept: str | None) -> None:
        self.set_filter(kept or "")

    def action_clear_filter(self) -> None:
        if self.filter_text:
            self.set_filter("")

    def set_filter(self, text: str) -> None:
        """Show only the runs matching ``text`` ("" shows them all)."""
        text = text.strip()
        if text == self.filter_text:
            return
        self.filter_text = text
        self.sub_title = f"{type(self).SUB_TITLE} matching “{shown(text)}” · esc clears" if text else type(self).SUB_TITLE
        self.reload()
