"""Which folders may be watched: never the whole disk, a system folder or the home folder itself;
and a folder inside an import that cannot be read is named, not passed over in silence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runlog.paths import watch_folder_problem

ROOT = Path(__file__).resolve().parent.parent
FIT = ROOT / "tests" / "fixtures" / "activities" / "fitdecode"
AS_RUNNER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)


@pytest.mark.parametrize(("folder", "what"), [
    ("/", "is the whole disk"),
    ("/usr", "is a system folder"),
    ("/etc/", "is a system folder"),
    ("/home", "is a system folder"),
    ("/var/../usr", "is a system folder"),
])
def test_the_whole_disk_and_system_folders_are_refused(folder, what, tmp_path):
    problem = watch_folder_problem(folder, home=tmp_path)
    assert problem is not None and what in problem and problem.startswith(f"the watch folder {Path(folder)} ")


def test_the_home_folder_itself_is_refused_also_through_a_link(tmp_path):
    home = tmp_path / "ann"
    home.mkdir()
    link = tmp_path / "link"
    link.symlink_to(home)
    for folder in (home, link, f"{home}/."):
        assert "is your home folder itself" in watch_folder_problem(folder, home=home)


def test_a_folder_inside_home_or_anywhere_else_is_fine(tmp_path):
    home = tmp_path / "ann"
    (home / "Downloads").mkdir(parents=True)
    assert watch_folder_problem(home / "Downloads", home=home) is None
    assert watch_folder_problem("/usr/local/share", home=home) is None
    assert watch_folder_problem(tmp_path, home=home) is None


@pytest.mark.skipif(bool(AS_RUNNER) and shutil.which("setpriv") is None, reason="root without setpriv cannot be denied")
def test_an_unreadable_subfolder_is_named_and_the_rest_imports(tmp_path):
    watch = tmp_path / "watch"
    (watch / "private").mkdir(parents=True)
    shutil.copy(FIT / "garmin-fenix-5-run.fit", watch / "run.fit")
    shutil.copy(FIT / "activity-small-fenix2-run.fit", watch / "private" / "other.fit")
    os.chmod(watch / "private", 0)
    try:
        result = subprocess.run(
            [*AS_RUNNER, sys.executable, "-m", "runlog", "--db", str(tmp_path / "log.db"), "import", str(watch)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        )
    finally:
        os.chmod(watch / "private", 0o700)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"
    assert result.stderr == (f"runlog: {watch / 'private'} is a folder that cannot be read (permission denied); "
                             "the files in it were not looked at.\n")
