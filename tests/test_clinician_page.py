"""Page one of the report (issue 22): the eight questions a clinician asks,
answered in order from the runner's own numbers, in the HTML and the Markdown."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.detect.progress_text import OWN_RUNS_ONLY
from runlog.domain import Run
from runlog.report.first_page import NOTHING_TO_REPORT, QUESTIONS
from runlog.store import open_database
from runlog.store.runs import add_run

DEMO_DAY = dt.date(2026, 11, 20)
WEEK = ["--until", DEMO_DAY.isoformat()]

#: One phrase per answer that only the demo's own numbers give.
DEMO_ANSWERS = (
    "left knee (below kneecap): resolved; first episode 2026-09-10, 19 episodes (last 2026-10-18)",
    "Pain now begins at about 7.0 km, later than the 5.0 km of mid September",
    "No runs with this pain in the last 2 weeks (to 2026-11-22). Worst pain lately 3.5/10, about as at first (5/10)",
    "Gone next morning 89% of recorded times. Gone or better next morning the last 3 times recorded",
    "Stopped runs early 2 of 19 times",
    "In the 4 weeks before the first episode (2026-09-10): 2026-09-09: 12.5 km, 43% longer",
    "Around orthotic Custom orthotics on 2026-10-13: pain on 14 of 14 runs past 5.0 km before, 5 of 18 after",
    "Lately pain began at about 7.0 km into the run. Longest run since the last painful one on 2026-10-18: 12.0 km",
)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.db"
    factory = open_database(path)
    with factory.write() as session:
        fill_demo(session, DEMO_DAY)
    factory.close()
    return path


def _out(capsys, path, *argv) -> str:
    assert main(["--db", str(path), "report", *argv]) == 0
    return capsys.readouterr().out


def _answers(page: str) -> list[tuple[str, str]]:
    section = page[page.index('<section id="clinician">') : page.index("</section>")]
    items = re.findall(r"<li><strong>(.*?)</strong> (.*?)</li>", section.split("</ol>")[0])
    return [(re.sub("<[^>]+>", "", q), re.sub("<[^>]+>", "", a)) for q, a in items]


def test_page_one_of_the_demo_answers_the_eight_questions_in_order(demo, capsys):
    page = _out(capsys, demo, "--html", *WEEK)
    answers = _answers(page)
    assert [q for q, _ in answers] == [q.replace("'", "&#x27;") for q in QUESTIONS]
    for (_, answer), phrase in zip(answers, DEMO_ANSWERS, strict=True):
        assert phrase in answer.replace("&#x27;", "'")
    assert "Weekly distance (km, week of): Aug 31 50, Sep 7 32," in answers[5][1]
    assert OWN_RUNS_ONLY in answers[6][1] and "Other changes within 14 days could explain" in answers[6][1]
    # Then the suggestions with their source, the disclaimer, and only then the charts.
    order = [page.index(mark) for mark in ('<ol class="answers">', "Options to discuss", "from one podiatrist",
                                           '<p class="disclaimer">', '<section id="onsets">', '<section id="runs">')]
    assert order == sorted(order)
    assert "<section id=\"findings\">" not in page  # its content is page one's now


def test_a_history_without_any_finding_says_so_and_still_answers(db_path, capsys):
    factory = open_database(db_path)
    with factory.write() as session:
        for day in range(0, 28, 3):
            add_run(session, Run(DEMO_DAY - dt.timedelta(days=day), 8000 + day * 100, 2800))
    factory.close()
    answers = _answers(_out(capsys, db_path, "--html", *WEEK))
    assert len(answers) == 8
    assert answers[0][1].startswith(NOTHING_TO_REPORT)
    assert "No knee pain logged in these weeks." in answers[0][1]
    assert "Weekly distance (km, week of):" in answers[5][1] and "longer than the longest of the 30 days before: 0" in answers[5][1]
    assert answers[7][1] == "Longest run in these weeks: 10.7 km."


def test_the_markdown_report_starts_with_the_same_eight_answers(demo, capsys):
    markdown = _out(capsys, demo, *WEEK)
    top = markdown[: markdown.index("## Findings")]
    numbered = re.findall(r"^(\d)\. \*\*(.*?)\*\* (.*)$", top, re.M)
    assert [int(n) for n, _, _ in numbered] == list(range(1, 9))
    assert [q for _, q, _ in numbered] == list(QUESTIONS)
    for (_, _, answer), phrase in zip(numbered, DEMO_ANSWERS, strict=True):
        assert phrase in answer.replace("\\<", "<").replace("\\_", "_")
    # 12 weeks by default, as the HTML.
    assert "12 weeks from runlog" in markdown


def test_the_runners_questions_are_printed_on_page_one_escaped(demo, capsys):
    asked = "Is <script>alert(1)</script> ice ok?\nShould I rest?"
    page = _out(capsys, demo, "--html", *WEEK, "--questions", asked)
    first = page[page.index('<section id="clinician">') : page.index("</section>")]
    assert "Questions for my clinician" in first
    assert "Is &lt;script&gt;alert(1)&lt;/script&gt; ice ok?<br>Should I rest?" in first
    assert "<script>" not in page
    markdown = _out(capsys, demo, *WEEK, "--questions", asked)
    assert "> Is \\<script\\>alert(1)\\</script\\> ice ok?" in markdown
    assert "Questions for my clinician" not in _out(capsys, demo, *WEEK)
