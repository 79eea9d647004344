"""``runlog import`` for activity files: FIT, GPX, TCX, a Strava export, Garmin Connect's CSV, folders.

runlog's own CSV met on the way is handed back to the contract CSV importer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from runlog.domain.units import Units

#: Imports of more files than this get a progress bar (on a terminal).
PROGRESS_ABOVE_FILES = 20


def import_activity_paths(store, paths: list[Path], units: Units | None, progress=None, settle=None):
    """Read and store every activity file under ``paths``; the :class:`ImportSummary`.

    ``units`` is the unit of a Garmin Connect CSV; ``None`` uses the log's setting.
    ``progress``, if given, is called as ``progress(done, total)`` after each file
    (the TUI's bar); without it a terminal gets a progress bar on stderr.
    ``settle`` tells the files still being written (a :class:`~runlog.formats.settle.Settle`
    by default), which are named and left for the next import.
    """
    from runlog.formats.activity_files import FileKind, FileOutcome, Refusal, expand_paths, passed_over, read_outcomes, shown
    from runlog.formats.activity_result import RefusalCode
    from runlog.formats.settle import STILL_WRITTEN, Settle
    from runlog.store.activities import import_outcomes

    if units is None:
        units = _log_units(store)
    unreadable: list[Path] = []
    files = expand_paths(paths, unreadable)
    skipped: list[Refusal] = []
    changing = (settle or Settle()).changing([path for path, _ in files])
    bar = _FileProgress(len(files), progress)

    def outcomes():
        for path, in_folder in files:
            if path in changing:
                bar.step()
                refusal = Refusal(RefusalCode.STILL_WRITTEN, f"{shown(path)} {STILL_WRITTEN}.")
                yield FileOutcome(path, FileKind.UNKNOWN, refusal=refusal)
                continue
            read = read_outcomes(path, units)
            # The file counts as done once read, before its runs are stored: an import that
            # stops while storing it has read nothing after it.
            bar.step()
            for outcome in read:
                # A folder also holds other files (other people's CSVs and archives): they are
                # skipped, and named once in the summary, rather than refused.
                if in_folder and passed_over(outcome):
                    skipped.append(outcome.refusal)
                    continue
                yield outcome
        # A subfolder that cannot be listed is refused, saying why: its files were not looked at.
        for folder in unreadable:
            yield from read_outcomes(folder, units)

    named = {path for path, in_folder in files if not in_folder}
    try:
        # A file named (not found in a folder) brings back a run the runner deleted.
        summary = import_outcomes(store, outcomes(), named=named.__contains__)
    finally:
        bar.close()
    summary.skipped.extend(skipped)
    return summary


def _log_units(store) -> Units:
    from runlog.store.settings import get_settings

    with store.read() as session:
        return get_settings(session).units


class _FileProgress:
    """A rich progress bar on stderr for a large folder or export, on a terminal only."""

    def __init__(self, total: int, report=None) -> None:
        self._total = total
        self._progress = None
        self._task = None
        self._report = report
        self._done = 0

    def step(self) -> None:
        self._done += 1
        if self._report is not None:
            self._report(self._done, self._total)
            return
        if self._total <= PROGRESS_ABOVE_FILES or not sys.stderr.isatty():
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("importing", total=self._total)
        self._progress.advance(self._task)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
