"""``runlog_app.py WIDTH HEIGHT DB SPAWNED RESULT``: the TUI's first paint.

Starts the TUI the way ``runlog --db DB`` does (argument parsing, the
database path, opening it with the migration check, the app), headless at
the given size. After the refresh that follows the first page of runs going
into the run list, it writes ``{"seconds": since SPAWNED, "rows": n}`` to
RESULT and exits.
"""

import json
import resource
import sys
import time

from runlog.cli import build_parser
from runlog.paths import resolve_db_path


def peak_kib() -> int:
    """Peak resident memory so far (Linux: KiB), read the moment the rows are painted."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(width: int, height: int, db: str, spawned: float, result: str) -> None:
    args = build_parser().parse_args(["--db", db])
    # Imported after the parsing, as the CLI does, so the order of costs is the real one.
    import inspect
    from pathlib import Path

    from runlog.store import open_database
    from runlog.tui.app import RunlogApp
    from runlog.tui.widgets.run_list import RunList

    factory = open_database(resolve_db_path(args.db))

    class Painted(RunlogApp):
        # A class defined here has no stylesheet beside it: point at the app's.
        CSS_PATH = Path(inspect.getfile(RunlogApp)).with_name(RunlogApp.CSS_PATH)

        # Textual calls RunlogApp's own mount handlers as well (they run along the MRO).
        def on_mount(self):
            self.seen = False
            # The slow poll is the fallback, should the page message stop
            # bubbling up; a fast one would itself load the event loop.
            self.poll = self.set_interval(0.05, self.look)

        def on_runs_page_loaded(self, message):
            # The page message bubbles up from the main screen once the rows
            # are in the table: from there one refresh paints them, as in the bare app.
            self.look()

        def look(self):
            shown = [table for table in self.screen.query(RunList) if table.row_count]
            if shown and not self.seen:
                self.seen = True
                self.poll.stop()
                self.call_after_refresh(self.painted, shown[0].run_count)

        def painted(self, rows):
            with open(result, "w") as out:
                json.dump({"seconds": time.time() - spawned, "rows": rows, "peak_kib": peak_kib()}, out)
            self.exit()

    Painted(factory, checkin_on_start=False).run(headless=True, size=(width, height))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5])
