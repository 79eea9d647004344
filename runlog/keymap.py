"""The runner's own keys and theme, from runlog's folder in the user config directory.

``keys.toml`` maps binding ids (``app.review``, ``main.new_run``; the help
screen lists them) to keys, the form Textual's keymap takes::

    main.new_run = "a"            # or, the same: [main] new_run = "a"
    "app.review" = "R,f5"         # several keys, comma-separated

``theme.toml`` holds the theme chosen in the settings (``theme = "nord"``).
A file that cannot be read is one sentence, and the defaults are used: a
wrong key must never stop a runner from logging a run. Standard library
only (``tomllib``); nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

KEYS_FILE = "keys.toml"
THEME_FILE = "theme.toml"
#: One key as Textual names it: ``a``, ``R``, ``f5``, ``ctrl+n``, ``question_mark``, ``?``.
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z][a-z0-9_]*|[^\s,+]|\+)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def config_folder() -> Path:
    """runlog's folder in the platform's user config directory (``~/.config/runlog`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("runlog", appauthor=False))


def _flatten(table: dict, prefix: str = "") -> Iterable[tuple[str, object]]:
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def read_keymap(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], str | None]:
    """The keymap in ``path`` and ``None``; or no keymap and one sentence saying what is wrong.

    A missing file is no keymap and no problem. ``known_ids`` are the binding
    ids runlog has: any other id is a mistake (a typo would otherwise do nothing).
    """
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except UnicodeDecodeError:
        return {}, f"{path} is not UTF-8 text; using the default keys"
    except tomllib.TOMLDecodeError as exc:
        return {}, f"{path} is not valid TOML ({exc}); using the default keys"
    except OSError as exc:
        return {}, f"cannot read {path} ({exc.strerror or type(exc).__name__}); using the default keys"
    known = set(known_ids)
    keymap: dict[str, str] = {}
    for binding_id, keys in _flatten(data):
        shown = _printable(binding_id)
        if binding_id not in known:
            return {}, f"{path}: runlog has no key binding named {shown!r}; using the default keys"
        if not isinstance(keys, str) or not keys.strip():
            return {}, f"{path}: {shown} must be keys in quotes, such as \"ctrl+n\"; using the default keys"
        parts = [part.strip() for part in keys.split(",")]
        bad = next((part for part in parts if not _KEY.match(part)), None)
        if bad is not None:
            return {}, f"{path}: {shown} names {_printable(bad)!r}, which is not a key; using the default keys"
        keymap[binding_id] = ",".join(parts)
    return keymap, None


def read_theme(path: Path) -> str | None:
    """The theme saved in ``path``, or ``None`` (no file, or not one runlog wrote)."""
    import tomllib

    try:
        name = tomllib.loads(path.read_text(encoding="utf-8")).get("theme")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return name if isinstance(name, str) and _NAME.match(name) else None


def write_theme(path: Path, name: str) -> None:
    """Save the theme's name in ``path`` (0600, in a 0700 folder), in one step."""
    from runlog.paths import write_private_text

    if not _NAME.match(name):
        raise ValueError("not a theme name")
    write_private_text(path, f'# Written by runlog\'s settings.\ntheme = "{name}"\n')


def choose_theme(environ: dict[str, str] | os._Environ, saved: str | None, available: Iterable[str],
                 default: str, plain: str) -> tuple[str, str | None]:
    """The theme to start with, and one sentence if ``RUNLOG_THEME`` names none runlog has.

    ``RUNLOG_THEME`` wins over the saved choice; ``NO_COLOR`` (any value) starts
    in ``plain`` unless a theme was asked for by name.
    """
    names = set(available)
    asked = environ.get("RUNLOG_THEME", "").strip()
    if asked:
        if asked in names:
            return asked, None
        problem = f"RUNLOG_THEME names no theme runlog has ({_printable(asked)!r}); see Settings for the names"
    else:
        problem = None
    if "NO_COLOR" in environ:
        return plain, problem
    return (saved if saved in names else default), problem


def _printable(text: str) -> str:
    """``text`` with control characters dropped and cut to a readable length."""
    text = "".join(ch for ch in text if ch.isprintable())
    return text if len(text) <= 40 else text[:39] + "…"
