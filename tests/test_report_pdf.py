"""``runlog report --pdf`` without a real browser: the sentence when none is
found, the browser's command line (headless, no network, a private profile),
the PDF written 0600 in one step, and nothing left behind on SIGTERM.

A stand-in browser (a small script named by RUNLOG_BROWSER) records its
command line and writes a PDF; the real Chromium prints in tests/browser.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.report.pdf import NO_BROWSER
from runlog.store import open_database

DEMO_DAY = dt.date(2026, 11, 20)
ROOT = Path(__file__).resolve().parent.parent
FAKE = """#!{python}
import os, pathlib, sys, time
args = sys.argv[1:]
pathlib.Path({record!r}).write_text("\\n".join(args))
page = next(a for a in args if a.startswith("file://"))
pathlib.Path({record!r} + ".html").write_text(pathlib.Path(page[7:]).read_text())
pathlib.Path({record!r} + ".pid").write_text(str(os.getpid()))
if {sleep}:
    time.sleep(60)
out = next(a for a in args if a.startswith("--print-to-pdf="))[len("--print-to-pdf="):]
pathlib.Path(out).write_bytes(b"%PDF-1.4\\n% stand-in\\n")
"""


@pytest.fixture
def temp():
    """A short private TMPDIR (Chromium's socket path limit), emptied by the code under test."""
    folder = Path(tempfile.mkdtemp(prefix="rlt-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.db"
    factory = open_database(path)
    with factory.write() as session:
        fill_demo(session, DEMO_DAY)
    factory.close()
    return path


def _fake(tmp_path: Path, sleep: bool = False) -> tuple[Path, Path]:
    record = tmp_path / "argv.txt"
    script = tmp_path / "fake-browser"
    script.write_text(FAKE.format(python=sys.executable, record=str(record), sleep=sleep))
    script.chmod(0o700)
    return script, record


def test_without_a_browser_one_sentence_and_exit_1_and_nothing_written(demo, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("RUNLOG_BROWSER", raising=False)
    out = tmp_path / "out" / "report.pdf"
    (tmp_path / "out").mkdir()
    assert main(["--db", str(demo), "report", "--until", DEMO_DAY.isoformat(), "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"runlog: {NO_BROWSER}\n"
    assert "--html -o FILE" in err and err.count("\n") == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_the_browser_runs_headless_offline_and_the_pdf_is_private(demo, tmp_path, temp, monkeypatch, capsys):
    script, record = _fake(tmp_path)
    monkeypatch.setenv("RUNLOG_BROWSER", str(script))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setattr("tempfile.tempdir", None)
    out = tmp_path / "out" / "report.pdf"
    (tmp_path / "out").mkdir()
    assert main(["--db", str(demo), "report", "--until", DEMO_DAY.isoformat(), "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    argv = record.read_text().splitlines()
    for flag in ("--headless", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"):
        assert flag in argv, flag
    assert "--no-proxy-server" not in argv  # it would override the dead proxy
    profile = next(a for a in argv if a.startswith("--user-data-dir="))[len("--user-data-dir="):]
    assert Path(profile).parent.parent == temp and not Path(profile).parent.exists()
    # The page printed is the HTML report, page one first.
    page = Path(str(record) + ".html").read_text()
    assert '<section id="clinician">' in page and "<script" not in page
    assert list(temp.iterdir()) == [] and [p.name for p in (tmp_path / "out").iterdir()] == ["report.pdf"]


def test_a_browser_that_prints_nothing_is_one_sentence_and_no_file(demo, tmp_path, monkeypatch, capsys):
    script = tmp_path / "silent-browser"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o700)
    monkeypatch.setenv("RUNLOG_BROWSER", str(script))
    out = tmp_path / "report.pdf"
    assert main(["--db", str(demo), "report", "--until", DEMO_DAY.isoformat(), "--pdf", str(out)]) == 1
    assert "silent-browser did not print a PDF" in capsys.readouterr().err
    assert not out.exists()


def test_sigterm_while_printing_leaves_no_temporary_file_and_no_browser(demo, tmp_path, temp):
    script, record = _fake(tmp_path, sleep=True)
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "RUNLOG_BROWSER": str(script), "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "runlog", "--db", str(demo), "report", "--until", DEMO_DAY.isoformat(),
         "--pdf", str(out / "report.pdf")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    pid_file = Path(str(record) + ".pid")
    for _ in range(3000):  # until the browser has started, not a fixed wait
        if pid_file.exists() and pid_file.read_text():
            break
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    assert list(temp.iterdir()), "the private temporary folder is there while printing"
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert list(temp.iterdir()) == [] and list(out.iterdir()) == []
    browser = int(pid_file.read_text())
    for _ in range(500):
        try:
            os.kill(browser, 0)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    else:
        pytest.fail("the browser outlived runlog")


def test_pdf_and_output_together_is_one_sentence(demo, tmp_path, capsys):
    assert main(["--db", str(demo), "report", "--pdf", str(tmp_path / "a.pdf"), "-o", str(tmp_path / "b")]) == 1
    assert "--pdf FILE or -o FILE, not both" in capsys.readouterr().err
