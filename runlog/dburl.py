"""A database server URL as ``--db`` or ``RUNLOG_DB`` give it, never shown with its password.

``--db`` names either an SQLite file or a server,
``postgresql+psycopg://user[:password]@host[:port]/dbname``. The URL is kept
in a ``ServerURL`` whose ``str()`` and ``repr()`` leave the password out, so
no message, log line or traceback can show it by accident; only the driver
gets the whole text (``secret()``). Light on purpose (no SQLAlchemy): the
command line parses it on every start.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether ``--db``'s text names a server (``scheme://...``) rather than a file."""
    return bool(_SCHEME.match(text))


class ServerURL:
    """A database URL whose ``str()`` and ``repr()`` leave the password out.

    A plain class rather than a dataclass: ``dataclasses`` costs every start
    several milliseconds, and this is made on every start with a URL.
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerURL) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)

    def secret(self) -> str:
        """The whole URL, password included: for the database driver only."""
        return self._text

    @property
    def host(self) -> str:
        parts = urlsplit(self._text)
        host = parts.hostname or "localhost"
        try:
            port = parts.port
        except ValueError:  # not a number: the driver refuses it, the message still names the host
            port = None
        return f"{host}:{port}" if port else host

    @property
    def database(self) -> str:
        return unquote(urlsplit(self._text).path.lstrip("/")) or "(default)"

    def shown(self) -> str:
        """The URL with any password replaced by ``***``."""
        parts = urlsplit(self._text)
        if parts.password is None:
            return self._text
        user = parts.username or ""
        netloc = f"{user}:***@{parts.netloc.rpartition('@')[2]}"
        return parts._replace(netloc=netloc).geturl()

    def describe(self) -> str:
        """How messages name the log: ``database NAME on HOST:PORT``."""
        return f"database {self.database} on {self.host}"

    def __str__(self) -> str:
        return self.shown()

    def __repr__(self) -> str:
        return f"ServerURL({self.shown()!r})"
