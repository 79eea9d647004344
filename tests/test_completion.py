"""``runlog completion bash|zsh|fish``: static scripts written from the parser.

The bash script is sourced in a real bash, and its completion function asked
what it offers for a command line, the way bash asks it at a TAB.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

import pytest

from runlog.cli import build_parser, main
from runlog.shell_completion import script

BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def _script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def _offers(source: str, line: list[str], cwd) -> list[str]:
    """What the sourced script offers for ``line`` (its last word is the one being typed)."""
    (cwd / "completion.bash").write_text(source)
    words = " ".join("'" + w + "'" for w in line)
    program = (f"source ./completion.bash\nCOMP_WORDS=({words})\nCOMP_CWORD={len(line) - 1}\n"
               "_runlog\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run([BASH, "--norc", "--noprofile", "-c", program], cwd=cwd, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [w for w in done.stdout.splitlines() if w]


@needs_bash
def test_bash_completes_the_subcommands(capsys, tmp_path):
    source = _script(capsys, "bash")
    offered = _offers(source, ["runlog", ""], tmp_path)
    assert offered == list(build_parser()._subparsers._group_actions[0].choices)
    assert {"import", "export", "detect", "report", "backup", "restore", "completion"} <= set(offered)
    assert _offers(source, ["runlog", "ex"], tmp_path) == ["export"]
    assert _offers(source, ["runlog", "--db", "x.db", "re"], tmp_path) == ["report", "restore"]


@needs_bash
def test_bash_completes_a_commands_options_and_their_values(capsys, tmp_path):
    source = _script(capsys, "bash")
    assert _offers(source, ["runlog", "export", "--u"], tmp_path) == ["--units", "--until"]
    assert _offers(source, ["runlog", "export", "--units", ""], tmp_path) == ["km", "mi"]
    assert _offers(source, ["runlog", "import", "--units", "m"], tmp_path) == ["mi"]
    assert _offers(source, ["runlog", "completion", ""], tmp_path) == ["bash", "zsh", "fish"]
    # An option's value is not taken for a positional argument or a command.
    assert _offers(source, ["runlog", "--db", "export", "det"], tmp_path) == ["detect"]


@needs_bash
def test_bash_completes_file_names_where_a_file_is_named(capsys, tmp_path):
    source = _script(capsys, "bash")
    (tmp_path / "runs.csv").write_text("")
    (tmp_path / "watch").mkdir()
    (tmp_path / "other.txt").write_text("")
    assert _offers(source, ["runlog", "import", "r"], tmp_path) == ["runs.csv"]
    assert _offers(source, ["runlog", "import", "runs.csv", "w"], tmp_path) == ["watch"]
    assert _offers(source, ["runlog", "export", "-o", "o"], tmp_path) == ["other.txt"]
    assert _offers(source, ["runlog", "--db", "ot"], tmp_path) == ["other.txt"]
    # A date is not a file name.
    assert _offers(source, ["runlog", "export", "--since", "o"], tmp_path) == []


def _with_change(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A ``change add KIND`` command as the progress branch adds it, when this parser has none."""
    commands = parser._subparsers._group_actions[0]
    if "change" not in commands.choices:
        change = commands.add_parser("change", help="gear and training changes").add_subparsers(dest="what")
        add = change.add_parser("add", help="add a change")
        add.add_argument("kind", choices=("shoe", "orthotic", "cadence", "strength", "physio", "rest", "other"))
        add.add_argument("--date", metavar="DATE")
        change.add_parser("list", help="list the changes")
        change.add_parser("remove", help="remove a change")
    return parser


@needs_bash
def test_bash_completes_nested_commands_and_the_kinds_of_change_add(tmp_path):
    source = script(_with_change(build_parser()), "bash")
    assert _offers(source, ["runlog", "change", ""], tmp_path) == ["add", "list", "remove"]
    kinds = _offers(source, ["runlog", "change", "add", ""], tmp_path)
    if not kinds:  # the real command takes the date first, then the kind
        kinds = _offers(source, ["runlog", "change", "add", "2026-12-01", ""], tmp_path)
    assert set(kinds) >= {"shoe", "orthotic", "cadence", "strength", "physio", "rest", "other"}
    assert _offers(source, ["runlog", "change", "add", "--d"], tmp_path)[:1] in (["--date"], ["--db"])


def test_zsh_and_fish_scripts_carry_the_same_commands_and_values(capsys):
    zsh, fish = _script(capsys, "zsh"), _script(capsys, "fish")
    assert zsh.startswith("#compdef runlog\n")
    assert "'export') REPLY='-h --help -o --output --units --since --until --dictionary --db'" in zsh
    assert "'export|--units') REPLY='choices km mi'" in zsh and "_files" in zsh
    assert "complete -c runlog -n '__fish_use_subcommand' -a export" in fish
    assert "complete -c runlog -n '__fish_seen_subcommand_from export' -l units -x -a 'km mi'" in fish
    assert "complete -c runlog -n '__fish_seen_subcommand_from export' -s o -r -F" in fish


def _shell(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return program


def test_fish_completes_commands_options_and_their_values(capsys, tmp_path):
    fish = _shell("fish")
    (tmp_path / "runlog.fish").write_text(_script(capsys, "fish"))

    def offers(line: str) -> list[str]:
        done = subprocess.run([fish, "--no-config", "-c", f"source runlog.fish; complete -C {line!r}"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and not done.stderr, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert offers("runlog ex") == ["export"]
    assert offers("runlog export --units ") == ["km", "mi"]
    assert offers("runlog log --kind ") == sorted(["run", "trail_run", "treadmill", "walk", "hike"])
    assert offers("runlog morning --all g") == ["gone"]
    assert "--dictionary" in offers("runlog export --")


def test_zsh_offers_what_bash_offers(capsys, tmp_path):
    zsh = _shell("zsh")
    (tmp_path / "_runlog").write_text(_script(capsys, "zsh"))
    # compadd and _files answer only inside zsh's completion system: stand-ins print what they are given.
    stubs = 'compdef() { :; }; compadd() { [ "$1" = "--" ] && shift; print -l -- "$@"; }; _files() { print FILES; }'

    def offers(*words: str) -> list[str]:
        program = f"{stubs}; source ./_runlog; words=({' '.join(repr(w) for w in words)}); CURRENT={len(words)}; _runlog"
        done = subprocess.run([zsh, "-f", "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and not done.stderr, done.stderr
        return done.stdout.split()

    assert offers("runlog", "export", "--units", "") == ["km", "mi"]
    assert offers("runlog", "--db", "x.db", "morning", "--all", "") == ["gone", "better", "same", "worse"]
    assert offers("runlog", "import", "x") == ["FILES"]
    assert offers("runlog", "export", "--since", "") == []
    assert "completion" in offers("runlog", "")


def test_an_unknown_shell_is_wrong_usage(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["completion", "tcsh"])
    assert exit.value.code == 2
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err


def test_help_does_not_load_the_completion_generator():
    code = ("import contextlib, io, sys\nfrom runlog.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main(['--help'])\n    except SystemExit: pass\n"
            "print('runlog.shell_completion' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
