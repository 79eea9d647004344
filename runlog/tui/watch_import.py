"""The daily path: import what is new in the folder the watch syncs into.

On start (in a worker, after the first page of runs is shown) and on ``w``,
runlog reads the watched folder; files already imported add nothing. The main
screen then says "2 new runs from your watch: add pain? p".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from runlog.domain import Run, Units
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.path_input import shown_path

if TYPE_CHECKING:
    from runlog.store.activities import ImportSummary
    from runlog.store.handle import Store


@dataclass
class WatchImported(Message):
    """The watched folder was read; ``summary`` says what came in."""

    summary: ImportSummary
    #: The runner pressed the key (rather than the import running on start).
    asked: bool
    folder: str


@dataclass
class WatchProgressed(Message):
    """Files of the watched folder read so far, for a progress bar."""

    done: int
    total: int


def import_watch_folder(node: DOMNode, store: Store, folder: str, units: Units, *, asked: bool) -> None:
    """Import what is new in ``folder`` in a thread worker; posts ``WatchImported`` to ``node``."""
    from runlog.commands.activity_import import import_activity_paths

    def progress(done: int, total: int) -> None:
        node.post_message(WatchProgressed(done, total))

    def job() -> WatchImported:
        from runlog.paths import watch_folder_problem

        problem = watch_folder_problem(folder)
        if problem is not None:  # the whole disk, a system folder or home: nothing is read
            from runlog.formats.activity_files import Refusal
            from runlog.formats.activity_result import RefusalCode
            from runlog.store.activities import ImportSummary

            return WatchImported(ImportSummary(refused=[Refusal(RefusalCode.UNREADABLE, problem[0].upper() + problem[1:] + ".")]),
                                 asked, folder)
        summary = import_activity_paths(store, [Path(folder)], units, progress=progress)
        return WatchImported(summary, asked, folder)

    # Exclusive: two imports of the same folder at once would race for the same files.
    store_job(node, "import from the watch folder", job, group="watch", exclusive=True)


@dataclass
class WatchRunLoaded(Message):
    """The newest run from the watch, to add a pain entry to; ``None`` if it was deleted meanwhile."""

    run: Run | None


class WatchFolderKeys:
    """The main screen's keys for the watch folder: ``w`` imports what is new, ``p`` adds pain
    to the newest run it brought in. Mixed into ``MainScreen``, which supplies ``store``,
    ``settings``, ``reload``, ``load_notices``, ``_open_form`` and ``SUB_TITLE``."""

    #: The newest run the watch folder brought in, for ``p``.
    watch_newest: int | None = None

    def action_watch_import(self) -> None:
        if not self.settings.watch_folder:
            self.notify("No watch folder yet: press s and name the folder your watch or its app syncs into.")
            return
        import_watch_folder(self, self.store, self.settings.watch_folder, self.settings.units, asked=True)

    def on_watch_progressed(self, message: WatchProgressed) -> None:
        # A first import of years of files takes a while: the header counts them.
        if message.total > 1:
            self.sub_title = f"Runs · importing from the watch folder: {message.done:,} of {message.total:,} files"

    def on_watch_imported(self, message: WatchImported) -> None:
        self.sub_title = type(self).SUB_TITLE
        text = notice(message.summary)
        if text is not None:
            self.watch_newest = message.summary.newest_run_id
            self.notify(text, title="Watch", timeout=15, markup=False)
            self.reload(select_id=self.watch_newest)
            self.load_notices()
        elif message.asked and not message.summary.refused and not message.summary.stopped:
            self.notify(f"Nothing new in {shown_path(Path(message.folder))}.", markup=False)
        problems = refusals(message.summary)
        if problems is not None:
            self.notify(problems, title="Not imported", severity="warning", timeout=15, markup=False)

    def action_add_pain(self) -> None:
        newest = self.watch_newest
        if newest is None:
            self.notify("No new run from the watch yet; to add pain to any run, select it and press enter.")
            return
        store = self.store

        def job() -> WatchRunLoaded:
            from runlog.store.runs import get_run

            with store.read() as session:
                return WatchRunLoaded(get_run(session, newest))

        store_job(self, "load the run", job, group="page")

    def on_watch_run_loaded(self, message: WatchRunLoaded) -> None:
        if message.run is None:
            self.notify("That run is no longer in your log.")
            return
        self._open_form(message.run, add_pain=True)


def notice(summary: ImportSummary) -> str | None:
    """``2 new runs from your watch: add pain? p``; ``None`` when nothing new came in."""
    new = summary.imported + summary.merged
    if not new:
        return None
    return f"{new} new run{'s' if new != 1 else ''} from your watch: add pain? p"


def refusals(summary: ImportSummary) -> str | None:
    """One line per refused file (and why the import stopped, if it did), or ``None``."""
    lines = [refusal.message for refusal in summary.refused]
    if summary.stopped:
        lines.append(f"Stopped: {summary.stopped}.")
    return "\n".join(lines) or None
