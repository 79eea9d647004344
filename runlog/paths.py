"""Where the runner's database lives: ``--db``, else ``$RUNLOG_DB``, else
``runlog.db`` in the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "RUNLOG_DB"
DB_NAME = "runlog.db"


def resolve_db_path(option: Path | None, environ: dict[str, str] | None = None) -> Path:
    """The database path for this invocation, in the order the README's "Contracts" gives."""
    env = os.environ if environ is None else environ
    if option is not None:
        return option.expanduser()
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
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
