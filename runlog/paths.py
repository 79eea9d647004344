"""Where the runner's database lives: ``--db``, else ``$RUNLOG_DB``, else
``runlog.db`` in the platform's user data directory.

Either names an SQLite file or, as a URL (``postgresql+psycopg://...``), a
database on a server; a URL becomes a ``ServerURL``, which never shows its
password."""

from __future__ import annotations

import os
from pathlib import Path

from runlog.dburl import ServerURL, is_url

ENV_VAR = "RUNLOG_DB"
DB_NAME = "runlog.db"


def resolve_db_path(option: str | Path | None, environ: dict[str, str] | None = None) -> Path | ServerURL:
    """The database for this invocation, in the order the README's "Contracts" gives:
    ``--db``, else ``$RUNLOG_DB``, else the default file."""
    env = os.environ if environ is None else environ
    chosen = option if option is not None else env.get(ENV_VAR) or None
    if chosen is not None:
        if isinstance(chosen, str) and is_url(chosen):
            return ServerURL(chosen)
        return Path(chosen).expanduser()
    folder = default_folder()
    # runlog's own folder: made 0700, and tightened to 0700 if something
    # (an older install, a backup tool) left it readable by others. A folder
    # named with --db or $RUNLOG_DB is the runner's, and is left as it is.
    if folder.is_dir() and os.stat(folder).st_mode & 0o077:
        os.chmod(folder, 0o700)
    return folder / DB_NAME


def default_folder() -> Path:
    """runlog's folder in the platform's user data directory."""
    # Imported here: with --db or $RUNLOG_DB a start does not need it (a few ms).
    import platformdirs

    return Path(platformdirs.user_data_dir("runlog", appauthor=False))


def private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable only by the runner: mode 0700.

    An existing folder runlog created keeps working; a new one is made 0700.
    """
    if not path.exists():
        old = os.umask(0o077)
        try:
            path.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old)
        os.chmod(path, 0o700)


def private_file(path: Path) -> None:
    """Make an existing file readable and writable only by the runner: 0600."""
    if path.exists():
        os.chmod(path, 0o600)


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step, readable only by the runner.

    The text goes to a 0600 temporary file beside ``path``, is synced, and
    then replaces ``path``: a reader never sees half a file, and a failure
    leaves any old file as it was. A missing folder is created 0700. Raises
    ``UserError`` with one sentence naming the path when it cannot be written.
    """
    import tempfile

    from runlog.errors import UserError
    from runlog.formats.atomic import special_output, write_through

    path = Path(path)
    # A device or a named pipe is written as it is; a folder, a socket or a
    # block device is refused (``special_output`` says which).
    if special_output(path):
        write_through(path, lambda stream: stream.write(text))
        return
    try:
        private_dir(path.parent)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"cannot write {path} ({exc.strerror or type(exc).__name__})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        os.unlink(temp_name)
        raise UserError(f"cannot write {path} ({exc.strerror or type(exc).__name__})") from None
    except BaseException:
        os.unlink(temp_name)
        raise


#: Top-level folders that hold the system or everyone's files, never one runner's watch files.
SYSTEM_FOLDERS = frozenset({
    "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "proc", "root",
    "run", "sbin", "snap", "srv", "sys", "usr", "var",
    # macOS
    "Applications", "Library", "System", "Users", "Volumes", "private", "cores",
})


def watch_folder_problem(folder: str | Path, home: Path | None = None) -> str | None:
    """Why ``folder`` cannot be a watch folder, or ``None``: it resolves to the
    whole disk, a system folder or the home folder itself, whose every file
    runlog would read at each start."""
    path = Path(folder).expanduser()
    try:
        resolved = path.resolve()
        home = (home or Path.home()).resolve()
    except (OSError, RuntimeError):
        return None  # a loop of links or no home: the import itself says what is wrong
    aim = "; name the folder your watch or its app syncs into (such as ~/Downloads)"
    shown = "".join(char if char.isprintable() else "?" for char in str(path))
    if resolved == Path(resolved.anchor):
        return f"the watch folder {shown} is the whole disk{aim}"
    if resolved == home:
        return f"the watch folder {shown} is your home folder itself{aim}"
    if resolved.parent == Path(resolved.anchor) and resolved.name in SYSTEM_FOLDERS:
        return f"the watch folder {shown} is a system folder{aim}"
    return None
