"""runlog installs by its name on the package index, from the wheel, on a machine with no network.

The wheel is built offline from this checkout and installed with ``--no-index``
into a fresh virtual environment; the libraries it depends on come from this
test environment's site-packages (a path in a ``.pth`` file), so nothing is
fetched. The installed ``runlog`` then starts, says its version and paints
the demo's first screen in a real terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The distribution's name: ``runlog`` on the index is someone else's project.
DISTRIBUTION = "runlog-knee"

pytestmark = pytest.mark.slow


def test_the_distribution_is_named_runlog_knee_and_the_command_stays_runlog():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == DISTRIBUTION
    assert project["scripts"] == {"runlog": "runlog.cli:main"}
    readme = (ROOT / "README.md").read_text()
    assert f"pipx install {DISTRIBUTION}" in readme and f"uv tool install {DISTRIBUTION}" in readme


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from this checkout, offline (no build isolation, no index)."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    [found] = out.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed and no network used; its bin folder."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies, offline: this environment's libraries, after the fresh one's own (a plain
    # path line, so this environment's editable runlog is not picked up).
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        # --ignore-installed: the test environment may hold runlog-knee itself (CI installs it, not
        # editable), and through the .pth line pip would call it installed and leave the venv empty.
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         "--ignore-installed", str(wheel)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return venv / "bin"


def _clean_env(home: Path) -> dict[str, str]:
    """An environment as on a fresh machine: no PYTHONPATH, an empty home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "RUNLOG_", "XDG_"))}
    return {**env, "HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}


def test_the_wheel_is_named_for_the_distribution(wheel):
    assert wheel.name.startswith("runlog_knee-")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        assert "Name: runlog-knee" in archive.read(metadata).decode()
    assert "runlog/cli.py" in names
    assert f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.data/data/share/man/man1/runlog.1" in names


def test_the_installed_manual_page_is_where_man_looks(installed, tmp_path):
    page = installed.parent / "share" / "man" / "man1" / "runlog.1"
    assert page.read_text() == (ROOT / "runlog" / "man" / "runlog.1").read_text()


def test_the_installed_runlog_says_its_version_from_its_own_folder(installed, tmp_path):
    from runlog import __version__

    done = subprocess.run([str(installed / "runlog"), "--version"], capture_output=True, text=True,
                          cwd=tmp_path, env=_clean_env(tmp_path), timeout=60)
    assert (done.returncode, done.stdout) == (0, f"runlog {__version__}\n")
    where = subprocess.run([str(installed / "python"), "-c", "import runlog; print(runlog.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=_clean_env(tmp_path), timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "runlog came from the checkout, not the wheel"


def test_the_installed_demo_paints_its_first_screen_in_a_terminal(installed, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(str(installed / "runlog"), ["--demo"], cwd=str(tmp_path), env=_clean_env(tmp_path),
                          dimensions=(24, 80), encoding="utf-8", codec_errors="replace", timeout=120)
    try:
        # The run list's notices, then the check-in that opens over it.
        child.expect("Pegasus 38")
        child.expect("Next-morning check-in")
        child.sendcontrol("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert not any(tmp_path.iterdir()), "the demo left files behind"
