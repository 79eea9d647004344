"""``bare_app.py WIDTH HEIGHT ROWS SPAWNED RESULT``: the first-paint baseline.

A bare Textual app (Header, a DataTable of one page of plain rows, Footer),
headless at the given size. After the refresh that paints the rows it writes
``{"seconds": since SPAWNED, "rows": n}`` to RESULT and exits.
"""

import json
import resource
import sys
import time

from textual.app import App
from textual.widgets import DataTable, Footer, Header


def peak_kib() -> int:
    """Peak resident memory so far (Linux: KiB), read the moment the rows are painted."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Bare(App):
    def __init__(self, rows: int, spawned: float, result: str):
        super().__init__()
        self.rows, self.spawned, self.result = rows, spawned, result

    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Date", "km", "Time", "/km", "Shoe", "Orthotic", "Eff", "Pain")
        for n in range(self.rows):
            table.add_row(f"Tue 24 Nov {n}", "10.00", "55:00", "5:30", "Pegasus 40", "", "6", "")
        self.call_after_refresh(self.painted)

    def painted(self):
        with open(self.result, "w") as out:
            json.dump({"seconds": time.time() - self.spawned, "rows": self.query_one(DataTable).row_count,
                       "peak_kib": peak_kib()}, out)
        self.exit()


if __name__ == "__main__":
    width, height, rows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    Bare(rows, float(sys.argv[4]), sys.argv[5]).run(headless=True, size=(width, height))
