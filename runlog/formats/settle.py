"""Files still being written are left for later: a sync that is half done must not become a run.

A watch's app, a browser's download or a copy writes a file over a moment;
read in that moment, a Garmin or Strava CSV is a few rows short and its last
row cut (5.48 km in 3 s), and those figures would stay. A file changed within
the last ``interval`` seconds is looked at again after that interval: if its
size or modification time moved, it is still being written and is passed by
(named, so the runner knows; the next import or watch-folder scan takes it
whole). Files older than that cost nothing. The clock, the wait and the
``stat`` are passed in, so tests see the interval without waiting for it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: Seconds a file must stay untouched to count as complete.
INTERVAL_S = 1.0


@dataclass
class Settle:
    """Tells which files are still being written; one wait covers them all."""

    #: Seconds to watch a fresh file; ``None``: :data:`INTERVAL_S` as it is when asked.
    interval: float | None = None
    stat: Callable[[Path], os.stat_result] = os.stat
    now: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep

    def changing(self, paths: Iterable[Path]) -> set[Path]:
        """The files among ``paths`` that changed while runlog watched them for ``interval``."""
        interval = INTERVAL_S if self.interval is None else self.interval
        fresh: dict[Path, tuple[int, int]] = {}
        for path in paths:
            target = _data_file(path)
            signature = self._signature(target)
            if signature is not None and self.now() - signature[1] / 1e9 < interval:
                fresh[path] = signature
        if not fresh:
            return set()
        self.sleep(interval)
        return {path for path, before in fresh.items() if self._signature(_data_file(path)) != before}

    def _signature(self, path: Path) -> tuple[int, int] | None:
        try:
            info = self.stat(path)
        except OSError:
            return None  # gone or unreadable: the reader says so
        return info.st_size, info.st_mtime_ns


def _data_file(path: Path) -> Path:
    """What a Strava export folder's freshness is judged by: its activities.csv."""
    inside = path / "activities.csv"
    try:
        return inside if path.is_dir() and inside.exists() else path
    except OSError:  # a folder that cannot be read: the reader names it
        return path


#: The refusal's phrase for a file that changed while runlog looked at it.
STILL_WRITTEN = "is still being written (it changed a moment ago); it is left for the next import, when it is complete"
