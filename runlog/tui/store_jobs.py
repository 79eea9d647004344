"""One way for the TUI to do store work: off the UI thread, failures said once.

A screen hands ``store_job`` a function that reads or writes the store and
returns the message to post when it is done (or ``None``). The function runs
in a thread worker. If it raises, a ``StoreFailed`` is posted instead; it
bubbles up to the app, which says in one sentence what could not be done and
why, judged by the error's type alone: an exception's text could quote the
runner's notes or pains.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from runlog.errors import UserError
from runlog.tui.messages import StoreFailed


def failure_reason(error: BaseException) -> str:
    """Why a store job failed, in a runner's words, from the error's type (and
    the driver's error code), never from its text."""
    if isinstance(error, UserError):
        # Its sentence is written for the runner and never quotes stored data.
        return str(error)
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return "the log is busy: another runlog is writing to it; try again in a moment"
    if code == sqlite3.SQLITE_FULL or (isinstance(original, OSError) and original.errno == errno.ENOSPC):
        return "the disk is full; nothing was changed"
    if code == sqlite3.SQLITE_READONLY or isinstance(original, PermissionError):
        return "the log cannot be written (read-only file or folder)"
    if type(error).__name__ == "IntegrityError":
        return "the log refused a value that breaks its rules; nothing was changed"
    if type(error).__name__ == "StaleRun":
        return "it was changed elsewhere meanwhile; reopen it and try again"
    return f"an unexpected {type(error).__name__}; nothing was changed"


def store_job(
    node: DOMNode,
    doing: str,
    job: Callable[[], Message | None],
    *,
    group: str,
    exclusive: bool = False,
    then: str = "",
) -> Worker[None]:
    """Run ``job`` in a thread worker on behalf of ``node``.

    ``doing`` completes "Could not ..." (for example "save the run"). The
    message ``job`` returns is posted to ``node``; a failure posts
    ``StoreFailed`` to ``node`` instead, which a screen may also handle to
    reset itself before the app reports it. ``then`` tells the runner what
    becomes of what they entered when the job fails.
    """

    def work() -> None:
        try:
            message = job()
        except Exception as error:  # noqa: BLE001 - reported by type only (privacy)
            node.post_message(StoreFailed(doing, failure_reason(error), then))
            return
        if message is not None:
            node.post_message(message)

    return node.run_worker(work, name=doing, group=group, exclusive=exclusive, thread=True, exit_on_error=False)
