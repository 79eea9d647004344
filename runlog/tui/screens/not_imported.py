"""The files of the watch folder that were not imported, and why (``f`` on the run list).

The notice after a scan names only how many new ones there are; this list
holds every one of the last scan, with its reason, and says how to bring
back a run the runner deleted.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


class NotImportedScreen(ModalScreen[None]):
    """``(file, why)`` for each file not imported; esc closes."""

    BINDINGS = [Binding("escape,f,q", "dismiss(None)", "Close", id="not_imported.close")]

    DEFAULT_CSS = """
    NotImportedScreen > .dialog {
        width: 90%;
        max-height: 90%;
    }
    NotImportedScreen DataTable {
        height: auto;
        max-height: 100%;
    }
    """

    def __init__(self, folder: str, files: list[tuple[str, str]]) -> None:
        super().__init__()
        self.folder = folder
        self.files = files

    def compose(self) -> ComposeResult:
        count = len(self.files)
        with Vertical(classes="dialog"):
            yield Static(f"Not imported from the watch folder: {count} file{'s' if count != 1 else ''}",
                         classes="dialog-title", markup=False)
            yield Static(Text(self.folder), classes="dialog-hint")
            table: DataTable = DataTable(cursor_type="row", zebra_stripes=True)
            yield table
            yield Static("A run you deleted comes back with i (or runlog import FILE) naming its file · esc closes",
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("File", "Why")
        for name, why in self.files:
            # Text cells: a file's name is data, never markup.
            table.add_row(Text(name), Text(why))
        table.focus()
