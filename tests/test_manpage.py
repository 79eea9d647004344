"""runlog's manual page: written from the parser, current, valid roff, and shown by ``runlog man``."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from runlog.cli import build_parser, main
from runlog.manpage import manpage

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "runlog" / "man" / "runlog.1"


def _rendered(roff: str, tmp_path: Path) -> str:
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed")
    (tmp_path / "runlog.1").write_text(roff)
    done = subprocess.run([groff, "-ww", "-man", "-Tutf8", "-P-c", "-P-b", "-P-u", str(tmp_path / "runlog.1")],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def test_the_shipped_page_is_the_one_the_parser_writes_today():
    assert PAGE.read_text() == manpage(build_parser()), "run: runlog man > runlog/man/runlog.1"


def test_runlog_man_prints_the_page(capsys):
    assert main(["man"]) == 0
    assert capsys.readouterr().out == manpage(build_parser())


def test_the_page_lists_every_command_and_option_and_the_exit_statuses_files_and_environment(tmp_path):
    text = " ".join(_rendered(manpage(build_parser()), tmp_path).split())
    for heading in ("NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES"):
        assert f" {heading} " in f" {text} ", heading
    for name, sub in build_parser()._subparsers._group_actions[0].choices.items():
        assert f"runlog {name} [-h]" in text, name
        for action in sub._actions:
            for option in action.option_strings:
                assert option in text, f"{name} {option}"
    assert "RUNLOG_DB" in text and "runlog.db" in text and "0600" in text
    assert "2 Wrong usage" in text and "1 The command could not do its job" in text


def test_text_that_roff_would_read_as_a_request_is_printed_as_it_is(tmp_path):
    parser = argparse.ArgumentParser(prog="runlog", description="first line\n.SH INJECTED\n'also\\fB bold")
    parser.add_argument("--x", help="a \\n backslash and -- dashes")
    text = _rendered(manpage(parser), tmp_path)
    assert ".SH INJECTED" in text and "'also\\fB bold" in text and "a \\n backslash and -- dashes" in text


def test_help_points_to_the_manual(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "man runlog" in " ".join(capsys.readouterr().out.split())
