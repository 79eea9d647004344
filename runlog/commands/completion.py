"""``runlog completion bash|zsh|fish``: print a shell completion script.

The script is static, written from the parser (``runlog.shell_completion``):
nothing of runlog runs when TAB is pressed. The generator is imported only
here, inside ``run``, so ``--help`` does not pay for it.
"""

from __future__ import annotations

import sys

#: Written out, not imported from ``runlog.shell_completion``: building the parser must stay light.
SHELLS = ("bash", "zsh", "fish")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "completion",
        help="print a completion script for bash, zsh or fish",
        description="Print a completion script for SHELL: subcommands, options, their values and file names. "
        "bash: add  eval \"$(runlog completion bash)\"  to ~/.bashrc; "
        "zsh: runlog completion zsh > ~/.zfunc/_runlog (a folder on $fpath, before compinit); "
        "fish: runlog completion fish > ~/.config/fish/completions/runlog.fish.",
    )
    parser.add_argument("shell", metavar="SHELL", choices=SHELLS, help="bash, zsh or fish")
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.cli import build_parser
    from runlog.shell_completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    return 0
