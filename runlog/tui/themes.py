"""The app's look at start: the runner's keys, the theme, and the monochrome theme.

Read once, before the app starts, from runlog's user config folder
(``runlog.keymap``) and the environment (``RUNLOG_THEME``, ``NO_COLOR``).
What cannot be used is one sentence each, shown when the app opens; the
defaults stand in for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding
from textual.theme import BUILTIN_THEMES, Theme

from runlog.keymap import KEYS_FILE, THEME_FILE, choose_theme, config_folder, read_keymap, read_theme

DEFAULT_THEME = "textual-dark"
#: Greys only: nothing on screen may depend on telling colours apart.
MONOCHROME = Theme(
    name="monochrome",
    primary="#d0d0d0",
    secondary="#a0a0a0",
    accent="#ffffff",
    warning="#e0e0e0",
    error="#ffffff",
    success="#b0b0b0",
    foreground="#e8e8e8",
    background="#000000",
    surface="#121212",
    panel="#262626",
    dark=True,
)


def theme_names() -> list[str]:
    """Every theme the app offers: Textual's own and the monochrome one."""
    return [*BUILTIN_THEMES, MONOCHROME.name]


def binding_ids() -> set[str]:
    """The ids of every binding runlog's screens and widgets declare (the keymap's names)."""
    from textual.dom import DOMNode

    ids: set[str] = set()
    stack = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("runlog."):
            ids |= {b.id for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id}
    return ids


def start_appearance(environ=os.environ, folder: Path | None = None) -> dict:
    """The keymap, theme and problems to start the app with (``RunlogApp``'s keyword arguments)."""
    import runlog.tui.app  # noqa: F401  (every screen's bindings declared before they are looked up)

    folder = config_folder() if folder is None else folder
    keymap, key_problem = read_keymap(folder / KEYS_FILE, binding_ids())
    theme, theme_problem = choose_theme(environ, read_theme(folder / THEME_FILE), theme_names(),
                                        DEFAULT_THEME, MONOCHROME.name)
    problems = [problem for problem in (key_problem, theme_problem) if problem]
    return {"keymap": keymap, "theme": theme, "start_problems": problems, "config_folder": folder}
