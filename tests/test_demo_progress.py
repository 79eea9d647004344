"""The demo history tells the story of issue 21 through ``runlog detect``:
a spike before the first episode, the pain beginning later since the
orthotics, fewer painful runs past the point after them, with the test's
verdict and the other change nearby, and the careful sentence.

The demo is drawn for a fixed day, so ``detect --json`` is compared byte for
byte with a golden file, regenerated deliberately, never by a failing test:
``RUNLOG_REGENERATE_GOLDEN=1 python -m pytest tests/test_demo_progress.py``,
then read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.detect.progress_text import OWN_RUNS_ONLY
from runlog.store import open_database

GOLDEN = Path(__file__).parent / "golden" / "demo_detect.json"
DEMO_DAY = dt.date(2026, 11, 20)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.db"
    store = open_database(path)
    with store.write() as session:
        fill_demo(session, DEMO_DAY)
    store.close()
    return path


def detect(capsys, path, *extra) -> str:
    assert main(["--db", str(path), "detect", "--until", DEMO_DAY.isoformat(), *extra]) == 0
    return capsys.readouterr().out


def test_the_demo_detect_json_matches_the_golden_file(demo, capsys):
    text = detect(capsys, demo, "--json")
    if os.environ.get("RUNLOG_REGENERATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_demo_shows_a_later_onset_fewer_painful_runs_since_the_orthotics_and_the_spike(demo, capsys):
    data = json.loads(detect(capsys, demo, "--json"))
    (finding,) = [f for f in data["findings"] if f["pattern"] == "runners_knee"]
    (spike,) = data["spikes"]
    assert finding["spikes_before"] == [spike["date"]] and spike["band"] == "30-100"
    (progress,) = data["progress"]
    assert progress["onset"]["direction"] == "later"
    assert progress["onset"]["recent"] >= 1.25 * progress["onset"]["early"]
    orthotic = next(c for c in progress["changes"] if c["kind"] == "orthotic")
    assert orthotic["label"] == "Custom orthotics" and orthotic["verdict"] == "fewer_painful_runs"
    assert orthotic["p_value"] < 0.05
    assert [c["kind"] for c in orthotic["other_changes_nearby"]] == ["physio"]
    text = " ".join(detect(capsys, demo).split())
    assert "Pain now begins at about 7.0 km, later than the 5.0 km of" in text
    assert f"{spike['date']}: 12.5 km, {spike['increase_pct']}% longer than your longest run in the previous 30 days" in text
    assert "fewer painful runs after (Fisher's exact test" in text
    assert "Other changes within 14 days could explain the same difference: physio" in text
    assert OWN_RUNS_ONLY in text


@pytest.mark.parametrize("offset", range(0, 28, 3))
def test_the_demo_tells_the_same_story_whatever_day_it_is_drawn_for(tmp_path, capsys, offset):
    day = DEMO_DAY + dt.timedelta(days=offset)
    path = tmp_path / f"demo{offset}.db"
    store = open_database(path)
    with store.write() as session:
        fill_demo(session, day)
    store.close()
    assert main(["--db", str(path), "detect", "--json", "--until", day.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in data["findings"] if f["pattern"] == "runners_knee"]
    assert finding["status"] == "resolved" and finding["change"]["kind"] == "orthotic"
    assert len(finding["spikes_before"]) == 1
    (progress,) = data["progress"]
    assert progress["onset"]["direction"] == "later"
    orthotic = next(c for c in progress["changes"] if c["kind"] == "orthotic")
    assert orthotic["verdict"] == "fewer_painful_runs"


def test_both_reports_tell_the_same_story_from_the_same_numbers(demo, capsys):
    data = json.loads(detect(capsys, demo, "--json"))
    (progress,) = data["progress"]
    orthotic = next(c for c in progress["changes"] if c["kind"] == "orthotic")
    spike = data["spikes"][0]["date"]
    week = ["--until", DEMO_DAY.isoformat(), "--weeks", "12"]
    assert main(["--db", str(demo), "report", *week]) == 0
    markdown = capsys.readouterr().out
    assert "## Progress" in markdown and "later than the 5.0 km of" in markdown
    counts = (f"pain on {orthotic['before']['with_pain']} of {orthotic['before']['runs_past_point']} runs past")
    assert counts in markdown and "fewer painful runs after (Fisher's exact test" in markdown
    assert "## Single runs much longer than usual" in markdown and f"- {spike}: 12.5 km" in markdown
    assert "more than 10% up" not in markdown
    assert main(["--db", str(demo), "report", "--html", *week]) == 0
    page = capsys.readouterr().out
    # Page one answers "what was changed, and what followed" from the same comparisons.
    first = page[page.index('<section id="clinician">') : page.index("</section>")]
    assert OWN_RUNS_ONLY in first and counts in first
    assert f"Around orthotic Custom orthotics on {orthotic['date']}" in first
    # The onset chart marks the early and recent medians and each change with its verdict.
    assert 'class="median" data-label="early"' in page and 'class="median" data-label="recent"' in page
    assert f'data-date="{orthotic["date"]}" data-verdict="fewer_painful_runs"' in page
    assert "orthotic: fewer painful runs after" in page
    assert "p < 0" not in page  # the HTML says "p &lt; 0.001": text escaped like every other
    assert f"<span class=\"spike-text\">{spike}: 12.5 km" in page
