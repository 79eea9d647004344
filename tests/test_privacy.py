"""Health data stays on the machine: no command opens a network connection."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from runlog.demo import fill_demo
from runlog.store import open_database

ROOT = Path(__file__).resolve().parent.parent

#: Installed before runlog is imported: any socket connection, name lookup or
#: listening socket ends the process with status 97 and says what it was.
GUARD = textwrap.dedent(
    """
    import os, sys
    WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.bind", "socket.sendto", "urllib.Request"}
    def guard(event, args):
        if event in WATCHED:
            os.write(2, f"NETWORK: {event} {args!r}\\n".encode())
            os._exit(97)
    sys.addaudithook(guard)
    """
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("privacy") / "runlog.db"
    factory = open_database(path)
    with factory.write() as session:
        fill_demo(session, dt.date.today())
    factory.close()
    return path


def run_guarded(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", GUARD + code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


@pytest.mark.parametrize(
    "attempt",
    ["import socket; socket.create_connection(('127.0.0.1', 9))", "import socket; socket.socket().connect(('127.0.0.1', 9))"],
)
def test_the_guard_catches_a_connection(tmp_path, attempt):
    result = run_guarded(attempt, tmp_path)
    assert result.returncode == 97 and "NETWORK: socket." in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["detect"],
        ["detect", "--json", "--since", "2000-01-01"],
        ["report", "--weeks", "2"],
        ["export"],
        ["export", "--units", "mi", "-o", "{tmp}/out.csv"],
        ["export", "--dictionary"],
        ["import", "{tmp}/out.csv"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_no_command_touches_the_network(demo_db, tmp_path, args):
    if args[0] == "import":
        # Something to import: the demo exported, into a fresh database.
        from runlog.cli import main

        assert main(["--db", str(demo_db), "export", "-o", str(tmp_path / "out.csv")]) == 0
        target = tmp_path / "fresh.db"
    else:
        target = demo_db
    argv = ["--db", str(target), *[a.replace("{tmp}", str(tmp_path)) for a in args]]
    result = run_guarded(f"from runlog.cli import main; raise SystemExit(main({argv!r}))", tmp_path)
    assert "NETWORK" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_the_tui_touches_no_network(demo_db, tmp_path):
    code = textwrap.dedent(
        f"""
        import asyncio, datetime as dt
        from pathlib import Path
        from runlog.store import open_database
        from runlog.tui.app import RunlogApp

        async def walk():
            app = RunlogApp(open_database(Path({str(demo_db)!r})))
            async with app.run_test(size=(120, 40)) as pilot:
                for key in ["escape", "r", "escape", "g", "escape", "n", "escape", "question_mark", "escape"]:
                    await pilot.press(key)
                    await pilot.pause()
        asyncio.run(walk())
        print("walked")
        """
    )
    result = run_guarded(code, tmp_path)
    assert "NETWORK" not in result.stderr
    assert result.returncode == 0 and "walked" in result.stdout, result.stderr


def test_a_crash_in_the_tui_prints_no_stored_notes_or_pains(tmp_path):
    """Textual's own crash report prints local variables; runlog's must not,
    nor the exception's message, which can quote the value at fault."""
    from runlog.domain import Pain, PainSite, Run, Side
    from runlog.store.runs import add_run

    path = tmp_path / "runlog.db"
    factory = open_database(path)
    with factory.write() as session:
        add_run(
            session,
            Run(
                date=dt.date(2026, 11, 20),
                distance_m=8000,
                duration_s=2400,
                notes="SECRET-NOTE about my knee",
                pains=[Pain(site=PainSite.INNER_KNEE, side=Side.LEFT, intensity=7, onset_m=5000)],
            ),
        )
    factory.close()
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from runlog.store import open_database
        from runlog.store.runs import recent_runs
        import runlog.tui.app
        from runlog.tui.app import RunlogApp

        class Crashing(RunlogApp):
            CSS_PATH = str(Path(runlog.tui.app.__file__).with_name("runlog.tcss"))

            def on_ready(self):
                self.set_timer(0.3, self.crash)

            def crash(self):
                with self.store.read() as session:
                    run = recent_runs(session, limit=1)[0]
                notes, pain = run.notes, run.pains[0]
                raise RuntimeError(f"cannot show {{notes}} / {{pain}}")

        app = Crashing(open_database(Path({str(path)!r})), checkin_on_start=False)
        app.run(headless=True, size=(120, 40))
        print("exit status", app.return_code)
        """
    )
    script = tmp_path / "crashing_app.py"  # Textual wants an app class defined in a file
    script.write_text(code)
    result = run_guarded(f"import runpy; runpy.run_path({str(script)!r}, run_name='__main__')", tmp_path)
    output = result.stdout + result.stderr
    assert "exit status 1" in result.stdout, result.stderr
    assert "RuntimeError" in result.stderr and "crash" in result.stderr  # where it broke is still reported
    for secret in ("SECRET-NOTE", "inner_knee", "INNER_KNEE", "intensity=7", "8000"):
        assert secret not in output
