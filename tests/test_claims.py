"""The claims audit (DOMAIN.md, "How sure is this advice"): no sentence runlog
shows a user promises, names a cause as fact, calls running safe or diagnoses.

Two nets: every string written in runlog's code (docstrings aside, which no
user sees), and what the commands actually print for histories that reach
every finding, progress entry, change and spike: ``detect`` as text and JSON,
both reports, and the help of every command.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from runlog.cli import build_parser, main
from runlog.demo import fill_demo
from runlog.store import open_database
from runlog.store.runs import add_run
from tests.histories import knee_runs

ROOT = Path(__file__).resolve().parent.parent / "runlog"
BANNED = re.compile(
    r"most effective|will fix|\bcur(e|es|ed|ing)\b|caused by|safe to run|you have|inside the knee"
    r"|cartilage|\btorn\b|diagnos",
    re.IGNORECASE,
)
#: The disclaimer is the one place that may say runlog does not diagnose.
DISCLAIMER_WORDS = re.compile(r"(it )?does not diagnose", re.IGNORECASE)


def banned_in(text: str) -> list[str]:
    return [m.group(0) for m in BANNED.finditer(DISCLAIMER_WORDS.sub("", text))]


def code_strings() -> list[tuple[str, int, str]]:
    """Every string constant in runlog's modules that is not a docstring."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        found += [
            (str(path.relative_to(ROOT)), node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        ]
    return found


def test_the_banned_phrase_list_catches_what_it_should_and_spares_the_disclaimer():
    assert banned_in("Orthotics are the most effective measure") == ["most effective"]
    assert banned_in("it points to a problem inside the knee") == ["inside the knee"]
    assert banned_in("You have runner's knee") == ["You have"]
    assert banned_in("a torn ligament, worn cartilage") == ["torn", "cartilage"]
    assert banned_in("ice cures nothing; caused by your shoes") == ["cures", "caused by"]
    assert banned_in("runlog finds patterns in your own log; it does not diagnose.") == []
    assert banned_in("a secure, procured store; a diagnosis") == ["diagnos"]


def test_no_string_in_runlog_s_code_makes_a_banned_claim():
    offending = [f"{path}:{line}: {text[:80]!r}" for path, line, text in code_strings() if banned_in(text)]
    assert offending == []


@pytest.fixture
def logs(tmp_path):
    """The demo (a resolved runner's-knee pattern, progress, changes, a spike)
    and a log with pain that does not clear by morning."""
    demo, lingering = tmp_path / "demo.db", tmp_path / "lingering.db"
    store = open_database(demo)
    with store.write() as session:
        fill_demo(session, dt.date.today())
    store.close()
    store = open_database(lingering)
    with store.write() as session:
        first = knee_runs([0])[0].date
        for run in knee_runs(range(0, 16, 2), morning="same", intensity=7, shoe=None):
            run.date = dt.date.today() - dt.timedelta(days=20) + (run.date - first)
            run.id = None
            add_run(session, run)
    store.close()
    return demo, lingering


def printed(capsys, *argv) -> str:
    assert main([str(a) for a in argv]) == 0
    return capsys.readouterr().out


def test_what_detect_and_the_reports_print_makes_no_banned_claim(logs, capsys, tmp_path):
    outputs = {}
    for log in logs:
        outputs[f"{log.name} detect"] = printed(capsys, "--db", log, "detect")
        outputs[f"{log.name} detect --json"] = printed(capsys, "--db", log, "detect", "--json")
        outputs[f"{log.name} report"] = printed(capsys, "--db", log, "report", "--weeks", "12")
        outputs[f"{log.name} report --html"] = printed(capsys, "--db", log, "report", "--html")
    assert "knee specialist" in outputs["lingering.db detect"]
    assert "Progress" in outputs["demo.db detect"] and "could explain" in outputs["demo.db detect"]
    offending = {name: banned_in(text) for name, text in outputs.items() if banned_in(text)}
    assert offending == {}


def test_no_command_s_help_makes_a_banned_claim():
    parser = build_parser()
    texts = [parser.format_help()]
    subparsers = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    pending = [p for action in subparsers for p in action.choices.values()]
    while pending:
        command = pending.pop()
        texts.append(command.format_help())
        pending += [p for a in command._actions if a.__class__.__name__ == "_SubParsersAction" for p in a.choices.values()]
    assert len(texts) > 5
    assert [banned_in(text) for text in texts if banned_in(text)] == []
