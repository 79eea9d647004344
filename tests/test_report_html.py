"""``runlog report --html``: the page's structure on a fixed history (the
findings, the charts' data points, the gear table), escaping of everything
the runner typed, nothing external, and how the file is written."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from html.parser import HTMLParser

import pytest

from runlog.cli import main
from runlog.domain import Orthotic, Pain, PainSite, Run, Shoe, Side
from runlog.store.gear import add_gear
from runlog.store.runs import add_run
from tests.test_report import TODAY, _fill, _report


class Page(HTMLParser):
    """Every start tag with its attributes and the text inside each element
    whose class or id is asked about later."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.tags if name in attrs.get("class", "").split()]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def _html(db_path, capsys, *argv) -> str:
    return _report(db_path, capsys, "--html", *argv)


@pytest.fixture
def page(store, db_path, capsys) -> str:
    _fill(store)
    return _html(db_path, capsys, "--weeks", "4", "--until", "2026-10-25")


def test_the_page_is_in_the_order_a_podiatrist_reads(page):
    sections = re.findall(r'<section id="([a-z]+)">', page)
    assert sections == ["clinician", "onsets", "weeks", "gear", "runs"]
    assert page.startswith("<!DOCTYPE html>\n")
    header = page[page.index("<header>") : page.index("</header>")]
    assert "Mon 2026-09-28 to Sun 2026-10-25" in header and "(4 weeks)" in header
    assert f"made {TODAY.isoformat()}" in header and "distances in km" in header


def test_the_findings_are_worded_as_the_review_says_them(page):
    text = Page(page).all_text
    assert "Runner's knee pattern, left knee (below kneecap): resolved" in text
    assert "Resolved since switching to the orthotic Green | insoles on 2026-10-12" in text
    assert "first episode 2026-09-28, 4 episodes (last 2026-10-09)" in text
    assert "Typically 5.0 km into the run" in text
    # Resolved in orthotics: if it returns, have them checked.
    assert "If it returns" in text and "have a foot specialist check them" in text
    assert "does not diagnose" in text


def test_the_onset_chart_carries_its_data_points(page):
    p = Page(page)
    episodes = [(a["data-date"], a["data-value"]) for a in p.with_class("episode")]
    assert episodes == [("2026-09-28", "5.2"), ("2026-10-03", "4.9"), ("2026-10-05", "5.1"), ("2026-10-09", "5")]
    (band,) = p.with_class("band")
    assert (band["data-low"], band["data-high"]) == ("3.8", "6.3")  # 5.05 km ±25%
    assert [a["data-value"] for a in p.with_class("onset-point")] == ["5"]
    # The five runs in orthotics all went past 5 km without pain.
    assert [a["data-date"] for a in p.with_class("pain-free")] == [
        "2026-10-12", "2026-10-14", "2026-10-17", "2026-10-21", "2026-10-25",
    ]  # fmt: skip
    assert [a["data-date"] for a in p.with_class("gear-mark")] == ["2026-10-12"]
    assert "orthotic: Green | insoles" in p.all_text


def test_the_weekly_chart_marks_spikes_and_pain_and_no_weekly_rise(page):
    bars = [
        (a["data-start"], a["data-distance"], a["data-runs"], a["data-pain-runs"], a["data-jump"])
        for a in Page(page).with_class("week")
    ]
    assert bars == [
        ("2026-09-28", "22", "3", "2", ""),
        ("2026-10-05", "21.5", "3", "2", ""),
        ("2026-10-12", "27", "3", "0", ""),
        ("2026-10-19", "20", "2", "0", ""),
    ]
    # Weekly totals stay, without a "+26%": the single run much longer than usual is the load signal.
    assert "Rises of more than 10%" not in page and "+26%" not in page
    assert [a["data-start"] for a in Page(page).with_class("spike")] == ["2026-09-28", "2026-10-19"]
    assert "2026-10-03: 10.0 km, 25% longer than your longest run in the previous 30 days (8.0 km)" in page
    assert "Sep 28: gone 2; Oct 5: gone 2" in page


def test_the_gear_table_shows_the_before_and_after(page):
    table = page[page.index('<table class="gear">') : page.index("</table>", page.index('<table class="gear">'))]
    rows = [re.sub(r"<[^>]+>", "|", row).strip("|").replace("||", "|") for row in re.findall(r"<tr class=.*?</tr>", table)]
    assert rows == [
        "Shoe: Pegasus 40 (neutral)|2026-09-28 to 2026-10-25|11|90.5|4 (36%)|5.0 km|6/10",
        "Orthotic: no orthotics|2026-09-28 to 2026-10-09|6|43.5|4 (67%)|5.0 km|6/10",
        "Orthotic: Green | insoles (off the shelf)|2026-10-12 to 2026-10-25|5|47|0 (0%)",
    ]


def test_the_runs_table_lists_every_run_with_its_notes(page):
    table = page[page.index('<table class="runs">') :]
    assert table.count("<tr") == 1 + 11
    assert table.count('<tr class="evidence">') == 4
    assert "felt it at the *bridge*, again" in table


def _hostile(store) -> None:
    with store.write() as session:
        shoe = add_gear(session, Shoe(name='<img src=x onerror="alert(2)">'))
        insole = add_gear(session, Orthotic(name="</table><script>alert(3)</script>"))
        pains = [Pain(PainSite.KNEECAP, Side.LEFT, 5, onset_m=5000)]
        for day in (1, 4, 7):
            add_run(
                session,
                Run(dt.date(2026, 10, day), 8000, 2700, shoe=shoe, orthotic=insole, pains=list(pains),
                    notes="<script>alert(1)</script> & \"quotes\" 'too'"),
            )


def test_every_text_the_runner_typed_is_escaped(store, db_path, capsys):
    _hostile(store)
    page = _html(db_path, capsys, "--until", "2026-10-25")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "&lt;/table&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page
    text = Page(page).all_text
    assert "<script>alert(1)</script>" in text and "</table><script>alert(3)</script>" in text


def test_nothing_is_loaded_from_elsewhere(page):
    lowered = page.lower()
    assert not re.search(r"https?:|//[a-z]|ftp:|@import|<script|<iframe|<object|<embed|<link|<img", lowered)
    assert not re.search(r"\s(src|href|srcset|action|xlink:href)=", lowered)
    assert set(re.findall(r"url\(([^)]*)\)", lowered)) <= {f"#{name}-hatch" for name in ("onset1", "weekly")}
    assert "http" not in lowered.replace('http-equiv="content-security-policy"', "")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and csp.group(1) == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def test_every_chart_has_a_text_alternative(page):
    p = Page(page)
    charts = [attrs for tag, attrs in p.tags if tag == "svg"]
    assert len(charts) == 2
    for chart in charts:
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart["role"] == "img"
        assert f'<title id="{title_id}">' in page and f'<desc id="{desc_id}">' in page
    assert "Hollow squares are runs that went past the onset point (5 km) without this pain" in p.all_text


def test_a_file_is_written_private_in_a_private_new_folder(store, db_path, capsys, tmp_path):
    _fill(store)
    target = tmp_path / "for the podiatrist" / "review.html"
    assert main(["--db", str(db_path), "report", "--html", "-o", str(target), "--until", "2026-10-25"]) == 0
    out = capsys.readouterr().out
    assert out == f"wrote the report to {target}\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(target.parent).st_mode) == 0o700
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["review.html"]


def test_a_folder_as_the_file_is_one_sentence_and_nothing_written(store, db_path, capsys, tmp_path):
    assert main(["--db", str(db_path), "report", "--html", "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"runlog: cannot write {tmp_path}: it is a folder, not a file; name a file or a new file's path\n"


def test_html_defaults_to_twelve_weeks(store, db_path, capsys):
    page = _html(db_path, capsys)
    start = TODAY - dt.timedelta(days=TODAY.weekday()) - dt.timedelta(weeks=11)
    assert f"{start:%a} {start.isoformat()} to" in page and "(12 weeks)" in page


def test_the_runners_name_heads_the_page_escaped(store, db_path, capsys):
    from runlog.domain import Settings
    from runlog.store.settings import save_settings

    with store.write() as session:
        save_settings(session, Settings(runner_name='Ana "<b>" Ruiz'))
    page = _html(db_path, capsys, "--weeks", "1")
    assert "<h1>Running review: Ana &quot;&lt;b&gt;&quot; Ruiz</h1>" in page
    assert "<title>Running review: Ana &quot;&lt;b&gt;&quot; Ruiz," in page
    with store.write() as session:
        save_settings(session, Settings())
    assert "<h1>Running review</h1>" in _html(db_path, capsys, "--weeks", "1")


def test_a_long_report_lists_earlier_runs_only_with_pain_notes_or_spikes(store, db_path, capsys):
    until = dt.date(2026, 10, 25)
    with store.write() as session:
        for back in range(0, 7 * 30, 2):
            day = until - dt.timedelta(days=back)
            pains = [Pain(PainSite.BELOW_KNEECAP, Side.LEFT, 4, onset_m=5000)] if back == 150 else []
            add_run(session, Run(day, 8000, 2800, pains=pains, notes="windy" if back == 160 else ""))
    page = _html(db_path, capsys, "--weeks", "30", "--until", until.isoformat())
    table = page[page.index('<section id="runs">') :]
    rows = re.findall(r"<tr(?: class=\"evidence\")?><td>(\w{3} \d{4}-\d\d-\d\d)</td>", table)
    recent = [d for d in rows if dt.date.fromisoformat(d[4:]) > until - dt.timedelta(weeks=12)]
    older = sorted(d[4:] for d in rows if d not in recent)
    assert older == sorted({(until - dt.timedelta(days=150)).isoformat(), (until - dt.timedelta(days=160)).isoformat()})
    assert len(recent) == 42
    assert "Before the last 12 weeks only runs with pain, notes or much longer than usual are listed" in table
