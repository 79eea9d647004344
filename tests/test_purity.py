"""Purity enforced, not hoped for: the pure modules and the commands that need
no database load none of Textual, SQLAlchemy or Alembic.

Each check runs in a fresh interpreter, since this one has long since loaded
all three. Loading one of them costs a start a third of a second or more,
and a pure module that pulls one in can no longer be tested, or reused by
the command line, without it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "sqlalchemy", "alembic")

#: Packages whose every module is pure.
PURE_PACKAGES = ("runlog.domain", "runlog.detect", "runlog.formats")
#: Pure modules outside those packages. Add a module here as soon as it is pure.
PURE_MODULES: tuple[str, ...] = (
    "runlog.tui.form_input", "runlog.pain_spec", "runlog.keymap", "runlog.shell_completion", "runlog.manpage",
)

#: ``runlog`` arguments that must neither open the database nor load the heavy libraries.
FAST_COMMANDS = (
    ("--version",),
    ("--help",),
    ("export", "--dictionary"),
    ("export", "--dictionary", "--units", "mi"),
    ("export", "--help"),
    ("import", "--help"),
    ("completion", "bash"),
    ("man",),
    ("log", "--help"),
    ("morning", "--help"),
    ("status", "--help"),
)

#: Prints, as JSON, which of HEAVY the code before it loaded.
_REPORT = f"import json, sys; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))"


def _modules(package: str) -> list[str]:
    """``package`` and every module below it, found without importing them."""
    locations = importlib.util.find_spec(package).submodule_search_locations
    return [package, *(info.name for info in pkgutil.walk_packages(locations, prefix=f"{package}."))]


def _loaded_heavy(code: str, env: dict[str, str] | None = None) -> list[str]:
    """Run ``code`` in a fresh interpreter at the repository root; the heavy libraries it loaded."""
    done = subprocess.run([sys.executable, "-c", f"{code}\n{_REPORT}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("module", [m for p in PURE_PACKAGES for m in _modules(p)] + list(PURE_MODULES))
def test_a_pure_module_loads_no_ui_or_database_library(module):
    assert _loaded_heavy(f"import {module}") == [], f"importing {module} loaded them"


@pytest.mark.parametrize("args", FAST_COMMANDS, ids=" ".join)
def test_a_command_without_a_database_loads_no_ui_or_database_library(args, tmp_path):
    # As the console script runs it; stdout goes to a file, so only the report reaches ours.
    code = (
        "import contextlib, runpy, sys\n"
        f"sys.argv = ['runlog', *{list(args)!r}]\n"
        f"with open({str(tmp_path / 'out.txt')!r}, 'w') as out, contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        runpy.run_module('runlog', run_name='__main__')\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code in (0, None), exit.code\n"
    )
    # Should a command reach for the database after all, it finds a throwaway one.
    env = {**os.environ, "RUNLOG_DB": str(tmp_path / "runlog.db")}
    assert _loaded_heavy(code, env) == [], f"runlog {' '.join(args)} loaded them"
    assert not (tmp_path / "runlog.db").exists(), f"runlog {' '.join(args)} created a database"
    assert (tmp_path / "out.txt").read_text().strip(), "the command printed nothing"


def test_the_package_lists_find_the_modules():
    # A typo in a package name would otherwise make the tests above vanish.
    assert "runlog.detect.rules" in _modules("runlog.detect")
    assert "runlog.domain.units" in _modules("runlog.domain")


def test_the_export_unit_choices_are_the_domains_units():
    from runlog.commands.csv_export import UNIT_CHOICES
    from runlog.domain import Units

    assert UNIT_CHOICES == tuple(unit.value for unit in Units)


def test_the_import_commands_problem_count_is_the_formats():
    from runlog.commands.csv_import import SHOWN
    from runlog.formats import problems

    assert SHOWN == problems.SHOWN
