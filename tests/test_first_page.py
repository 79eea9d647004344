"""The TUI's first page: read without SQLAlchemy, the same as the ORM reads it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from runlog.demo import fill_demo
from runlog.domain import Settings, Units
from runlog.store import open_database
from runlog.store.runs import recent_runs
from runlog.store.settings import get_settings, save_settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 20)


def _demo_log(db_path: Path) -> None:
    store = open_database(db_path)
    with store.write() as session:
        fill_demo(session, TODAY)
        save_settings(session, Settings(units=Units.MI, week_start=6))
    store.close()


def test_the_first_page_equals_the_orms_page(db_path):
    _demo_log(db_path)
    fresh = open_database(db_path)
    settings, runs = fresh.first_page(30)
    with fresh.read() as session:
        assert settings == get_settings(session) == Settings(units=Units.MI, week_start=6)
        assert runs == recent_runs(session, limit=30)
    assert any(run.pains for run in runs) and any(run.orthotic for run in runs) and any(run.start_time for run in runs)
    # Once the ORM is loaded the same call goes through it, with the same result.
    assert fresh.first_page(30) == (settings, runs)
    fresh.close()


def test_an_empty_log_has_default_settings_and_no_runs(db_path):
    store = open_database(db_path)
    store.close()
    assert open_database(db_path).first_page(10) == (Settings(), [])


def test_opening_a_current_log_and_reading_its_first_page_loads_no_sqlalchemy(db_path):
    _demo_log(db_path)
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from runlog.store import open_database
        import runlog.tui.app
        store = open_database(Path({str(db_path)!r}))
        settings, runs = store.first_page(50)
        assert len(runs) == 50, len(runs)
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "alembic"))
        print(loaded)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
