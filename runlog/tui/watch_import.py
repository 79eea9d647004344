"""The daily path: import what is new in the folder the watch syncs into.

On start (in a worker, after the first page of runs is shown) and on ``w``,
runlog reads the watched folder; files already imported add nothing. The main
screen then says "2 new runs from your watch: add pain? p" (or that a run was
merged into one the runner logged). Files it could not import are told once
each, by fingerprint, in one short line; ``f`` lists them all with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from runlog.domain import Run, Units
from runlog.formats.activity_files import shown
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
    #: Files not imported that the runner had not been told about yet.
    untold: int = 0
    #: Why the folder as a whole was not read (missing, unreadable, the whole disk), said at once.
    problem: str | None = None


@dataclass
class WatchProgressed(Message):
    """Files of the watched folder read so far, for a progress bar."""

    done: int
    total: int


def file_fingerprint(path: Path) -> str:
    """``file:<sha256>`` of a regular file's bytes (the same as an imported run's
    source); anything else (a folder, a named pipe, a device, an unreadable or
    over-large file) by its path, without reading it: a FIFO would block and
    /dev/zero would never end."""
    import hashlib

    from runlog.formats.activity_result import Refused
    from runlog.formats.bounded import MAX_ACTIVITY_BYTES, open_regular

    by_path = "path:" + hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()
    try:
        handle = open_regular(path)
    except Refused:
        return by_path
    digest = hashlib.sha256()
    read = 0
    try:
        with handle:
            while chunk := handle.read(1 << 20):
                read += len(chunk)
                if read > MAX_ACTIVITY_BYTES:
                    return by_path
                digest.update(chunk)
    except OSError:
        return by_path
    return "file:" + digest.hexdigest()


def import_watch_folder(node: DOMNode, store: Store, folder: str, units: Units, *, asked: bool) -> None:
    """Import what is new in ``folder`` in a thread worker; posts ``WatchImported`` to ``node``."""
    from runlog.commands.activity_import import import_activity_paths

    def progress(done: int, total: int) -> None:
        node.post_message(WatchProgressed(done, total))

    def job() -> WatchImported:
        from runlog.paths import watch_folder_problem
        from runlog.store.activities import ImportSummary
        from runlog.store.forgotten import untold

        problem = watch_folder_problem(folder)
        if problem is not None:  # the whole disk, a system folder or home: nothing is read
            return WatchImported(ImportSummary(), asked, folder, problem=problem[0].upper() + problem[1:] + ".")
        root = Path(folder)
        summary = import_activity_paths(store, [root], units, progress=progress)
        # The folder itself missing or unreadable is said at once, not listed as a file.
        whole = [why for path, why in summary.not_imported if path == root]
        summary.not_imported = [(path, why) for path, why in summary.not_imported if path != root]
        # A deleted run's file is not told about here: the delete said how to bring it back.
        forgotten = {path for path, _day in summary.forgotten}
        refused = {file_fingerprint(path) for path, _why in summary.not_imported if path not in forgotten}
        new: set[str] = set()
        if refused:
            with store.write() as session:
                new = untold(session, refused)
        problem = f"{shown(root)} {whole[0]}." if whole else None
        return WatchImported(summary, asked, folder, len(new), problem)

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
    #: The watch folder of the last scan and ``(file, why)`` for each file it did not import, for ``f``.
    not_imported: tuple[str, list[tuple[str, str]]] = ("", [])

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
        folder = Path(message.folder)
        self.not_imported = (message.folder, [
            (_within(path, folder), why) for path, why in message.summary.not_imported
        ])
        text = notice(message.summary)
        if text is not None:
            self.watch_newest = message.summary.newest_run_id
            self.notify(text, title="Watch", timeout=8, markup=False)
            self.reload(select_id=self.watch_newest)
            self.load_notices()
        elif message.asked and not message.problem and not message.summary.stopped:
            skipped = len(message.summary.not_imported)
            also = f" ({skipped} file{'s' if skipped != 1 else ''} not imported: f shows why)" if skipped else ""
            self.notify(f"Nothing new in {shown_path(folder)}.{also}", markup=False)
        if message.problem:
            self.notify(message.problem, title="Not imported", severity="warning", timeout=15, markup=False)
        if message.summary.stopped:
            self.notify(f"Stopped: {message.summary.stopped}.", title="Not imported", severity="error", timeout=15,
                        markup=False)
        if message.untold:
            self.notify(
                f"{message.untold} file{'s' if message.untold != 1 else ''} in the watch folder not imported: f shows why.",
                title="Not imported", severity="warning", timeout=6, markup=False,
            )

    def action_not_imported(self) -> None:
        folder, files = self.not_imported
        if not files:
            self.notify("Every file the watch folder holds was imported." if folder
                        else "The watch folder has not been read yet: press w.")
            return
        from runlog.tui.screens.not_imported import NotImportedScreen

        self.app.push_screen(NotImportedScreen(shown_path(Path(folder)), files))

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
    """``2 new runs from your watch: add pain? p``, or ``1 run from your watch merged into the
    one you logged: ...``, with the gear given; ``None`` when nothing new came in."""
    new, merged = summary.imported, summary.merged
    if not new and not merged:
        return None
    if new and merged:
        text = f"{new} new run{'s' if new != 1 else ''} from your watch, and {merged} merged into what you logged"
    elif new:
        text = f"{new} new run{'s' if new != 1 else ''} from your watch"
    else:
        text = (f"{merged} run{'s' if merged != 1 else ''} from your watch merged into "
                f"{'the one' if merged == 1 else 'those'} you logged")
    given = "".join(f"\n{count} given {what}" for what, count in sorted(summary.given.items()))
    return f"{text}: add pain? p{given}"


def _within(path: Path, folder: Path) -> str:
    """A file's name as the list shows it: from the watch folder on."""
    try:
        return shown(path.relative_to(folder))
    except ValueError:
        return shown(path)
