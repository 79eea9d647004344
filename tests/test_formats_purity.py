"""The file formats and ``export --dictionary`` load no database or terminal
library: checked in a fresh interpreter, where nothing else has imported them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "textual", "alembic")


def fresh_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
    )


def test_export_dictionary_loads_no_database_layer(tmp_path):
    db = tmp_path / "never-made" / "runlog.db"
    result = fresh_python(
        "import sys\n"
        "from runlog.cli import main\n"
        f"status = main(['--db', {str(db)!r}, 'export', '--dictionary'])\n"
        f"loaded = [name for name in {HEAVY!r} if name in sys.modules]\n"
        "print('LOADED', loaded, status, file=sys.stderr)\n"
    )
    assert "distance_km" in result.stdout
    assert "LOADED [] 0" in result.stderr, result.stderr
    assert not db.parent.exists(), "the dictionary needs no log"


def test_every_format_module_imports_without_database_or_terminal():
    result = fresh_python(
        "import importlib, pkgutil, sys\n"
        "import runlog.formats\n"
        "names = [m.name for m in pkgutil.walk_packages(runlog.formats.__path__, 'runlog.formats.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"loaded = [name for name in {HEAVY!r} if name in sys.modules]\n"
        "print('MODULES', len(names), 'LOADED', loaded)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout
    # problems, atomic, contract_csv and its modules at least.
    assert int(result.stdout.split()[1]) >= 7
