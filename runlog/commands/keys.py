"""``runlog keys``: every key binding's id, its key and what it does, for writing ``keys.toml``.

The keys shown are the runner's own where ``keys.toml`` maps them; a file
runlog cannot use is named in one sentence first (the app would start with
the default keys). Loads Textual to read the screens' bindings.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "keys",
        help="list the key bindings' ids and keys, for your keys.toml",
        description="List every key binding of the app: its id (the name keys.toml uses), its key as your "
        "keys.toml maps it, and what it does; then where keys.toml is read from.",
    )
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.keymap import KEYS_FILE, config_folder, read_keymap
    from runlog.terminal import printable
    from runlog.tui.app import KEY_SECTIONS, RunlogApp
    from runlog.tui.screens.help import action_name, key_text
    from runlog.tui.themes import binding_ids

    path = config_folder() / KEYS_FILE
    keymap, problem = read_keymap(path, binding_ids())
    if problem:
        print(f"runlog: {printable(problem)}", file=sys.stderr)
    seen: set[str] = set()
    for title, owner in [("Everywhere", RunlogApp), *KEY_SECTIONS]:
        rows = [b for b in owner.BINDINGS if getattr(b, "id", None) and b.id not in seen]
        if not rows:
            continue
        print(f"{title}:")
        for binding in rows:
            seen.add(binding.id)
            print(f"  {binding.id:<28} {key_text(keymap.get(binding.id, binding.key)):<18} {action_name(binding)}")
    print(f"Your keys file: {path}{'' if path.exists() else ' (none yet)'}")
    return 0
