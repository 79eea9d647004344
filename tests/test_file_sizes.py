"""No Python file in ``runlog/`` or ``migrations/`` over 400 lines: a file that
long holds more than one idea, and the next maintainer has to find each one."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def test_no_source_file_is_over_400_lines():
    files = sorted((*(ROOT / "runlog").rglob("*.py"), *(ROOT / "migrations").rglob("*.py")))
    assert files, "found no source files: has the layout moved?"
    too_long = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
        if lines > MAX_LINES:
            too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, f"over {MAX_LINES} lines, split by idea: " + ", ".join(
        f"{name} ({lines})" for name, lines in too_long.items())
