"""A file path typed into a dialog: ``~`` for the home folder, and a grey
completion from the folder's own entries that right-arrow accepts."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

#: A folder with more entries than this is not listed for completion (a
#: keystroke must never wait on a huge folder).
_MOST_ENTRIES = 2000


def read_path(text: str) -> Path:
    """The absolute path the runner means by ``text`` (``~`` is the home folder,
    a relative path is from the folder runlog was started in)."""
    raw = text.strip()
    if raw == "~" or raw.startswith("~/"):
        raw = str(Path.home()) + raw[1:]
    return Path(os.path.abspath(raw))


def shown_path(path: Path) -> str:
    """``path`` as the runner reads it: under the home folder as ``~/...``."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class PathSuggester(Suggester):
    """Suggest the first (by name) ``suffix`` file or folder whose name
    continues what is typed; a folder comes with a trailing ``/`` so the
    next right-arrow goes on into it. Hidden entries only when a dot is typed."""

    def __init__(self, suffix: str = ".csv") -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffix = suffix

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith(("/.", "/..")):
            return None
        folder_text, _, start = value.rpartition("/")
        folder = read_path(folder_text + "/" if folder_text or value.startswith("/") else ".")
        names = []
        try:
            with os.scandir(folder) as entries:
                for count, entry in enumerate(entries):
                    if count > _MOST_ENTRIES:
                        return None
                    if entry.name.startswith(start) and entry.name != start and not (
                        entry.name.startswith(".") and not start.startswith(".")
                    ):
                        is_folder = entry.is_dir()
                        if is_folder or entry.name.endswith(self.suffix):
                            names.append(entry.name + ("/" if is_folder else ""))
        except OSError:
            return None
        if not names:
            return None
        return value[: len(value) - len(start)] + min(names)
