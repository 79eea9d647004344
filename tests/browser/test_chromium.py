"""The HTML report in a real browser: headless Chromium prints it to PDF and
takes a screenshot of it.

The default 12 weeks of the demo history fit on two A4 pages (and two Letter
pages); nothing reaches past the page's width, even a name or note typed as
one long word. Skipped, with the reason, where ``chromium`` is not installed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from runlog.demo import fill_demo
from runlog.domain import NextMorning, Pain, PainSite, Run, Settings, Shoe, Side
from runlog.report.first_page import QUESTIONS, first_page
from runlog.report.html import render_html
from runlog.review import review_span
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.review_data import load_review_data
from runlog.store.runs import add_run, runs_between, update_run
from runlog.store.settings import save_settings
from tests.browser.images import inked_columns, pdf_page_size_mm, pdf_pages

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not on PATH (Debian package: chromium)"),
]

TODAY = dt.date(2026, 11, 27)
LONG_WORD = "Unbreakable" * 12
#: A4 and Letter in millimetres.
PAPER = {"A4": (210.0, 297.0), "letter": (215.9, 279.4)}


def chromium(tmp_path: Path, *args: str) -> None:
    """Run headless Chromium once, in its own throwaway profile."""
    command = [
        "chromium", "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]  # fmt: skip
    if os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root (CI containers).
        command.insert(1, "--no-sandbox")
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def report_file(tmp_path: Path, db_path: Path, weeks: int, name: str) -> Path:
    factory = open_database(db_path)
    try:
        with factory.read() as session:
            data = load_review_data(session, TODAY, weeks)
    finally:
        factory.close()
    page = tmp_path / f"{name}.html"
    page.write_text(render_html(review_span(data, TODAY, weeks, TODAY), TODAY, data.settings.runner_name), "utf-8")
    return page


def print_pdf(tmp_path: Path, page: Path, paper: str) -> Path:
    """The page printed on ``paper`` (its own @page rule picks no size, as a
    runner's print dialog would)."""
    sized = page.with_name(f"{page.stem}-{paper}.html")
    sized.write_text(page.read_text("utf-8").replace("</style>", f"@page {{ size: {paper} portrait; }}</style>", 1))
    pdf = sized.with_suffix(".pdf")
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri())
    return pdf


@pytest.fixture
def demo_db(db_path):
    factory = open_database(db_path)
    with factory.write() as session:
        fill_demo(session, TODAY)
    factory.close()
    return db_path


@pytest.fixture
def year_db(db_path):
    """52 weeks of four runs a week, knee pain on the long ones for half the year."""
    factory = open_database(db_path)
    with factory.write() as session:
        shoe = add_gear(session, Shoe(name="Everyday trainer"))
        day = TODAY - dt.timedelta(weeks=52)
        while day <= TODAY:
            if day.weekday() in (0, 2, 4, 6):
                long = day.weekday() == 6
                pains = []
                if long and day < TODAY - dt.timedelta(weeks=26):
                    pains.append(Pain(PainSite.BELOW_KNEECAP, Side.LEFT, 5, onset_m=6000, next_morning=NextMorning.GONE))
                add_run(
                    session,
                    Run(day, 14000 if long else 7000, 4200 if long else 2100, shoe=shoe, pains=pains,
                        notes="long one, knee again after 6 km" if pains else ""),
                )
            day += dt.timedelta(days=1)
    factory.close()
    return db_path


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_twelve_weeks_of_the_demo_print_on_two_pages(tmp_path, demo_db, paper):
    pdf = print_pdf(tmp_path, report_file(tmp_path, demo_db, 12, "demo"), paper)
    width, height = pdf_page_size_mm(pdf)
    assert (round(width), round(height)) == tuple(round(v) for v in PAPER[paper])
    assert 1 <= pdf_pages(pdf) <= 2


def test_a_year_prints_on_at_most_four_pages(tmp_path, year_db):
    pdf = print_pdf(tmp_path, report_file(tmp_path, year_db, 52, "year"), "A4")
    # 209 runs: the eight answers on the first page, the charts and runs after.
    assert 2 <= pdf_pages(pdf) <= 4


def _answers(db_path: Path, weeks: int, made: dt.date = TODAY):
    """Page one's eight answers for the demo, as the report computes them."""
    factory = open_database(db_path)
    try:
        with factory.read() as session:
            data = load_review_data(session, TODAY, weeks)
    finally:
        factory.close()
    answers = first_page(review_span(data, TODAY, weeks, made), made).answers
    assert [q for q, _ in answers] == list(QUESTIONS) and all(a for _, a in answers)
    return answers


def _first_page_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_page_one_of_the_demo_answers_the_eight_questions(tmp_path, demo_db, paper):
    pdf = print_pdf(tmp_path, report_file(tmp_path, demo_db, 12, "demo"), paper)
    first = _first_page_text(pdf)
    for question, answer in _answers(demo_db, 12):
        assert question in first, question
        assert " ".join(answer[0].split()) in first, answer[0]
    assert "does not diagnose" in first
    # Nothing overflows: the widest ink on page one stays inside the paper's margins.
    png = tmp_path / f"page1-{paper}"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
                   check=True, timeout=60)
    width, left, right = inked_columns(png.with_suffix(".png"))
    assert left >= 10 and right <= width - 11, (left, right)


def test_runlog_report_pdf_writes_a_private_valid_pdf_with_page_one(tmp_path, demo_db):
    out = tmp_path / "out" / "review.pdf"
    (tmp_path / "out").mkdir()
    temp = Path(tempfile.mkdtemp(prefix="rlt-", dir="/tmp"))  # short: Chromium's socket path limit
    env = {**os.environ, "TMPDIR": str(temp)}
    env.pop("RUNLOG_BROWSER", None)
    done = subprocess.run([sys.executable, "-m", "runlog", "--db", str(demo_db), "report", "--until", TODAY.isoformat(),
                           "--pdf", str(out)], capture_output=True, text=True, timeout=180, env=env,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert 1 <= pdf_pages(out) <= 2
    first = _first_page_text(out)
    assert all(" ".join(answer[0].split()) in first for _, answer in _answers(demo_db, 12, dt.date.today()))
    assert list(temp.iterdir()) == [] and [p.name for p in out.parent.iterdir()] == ["review.pdf"]
    temp.rmdir()


def test_nothing_reaches_past_the_page_width(tmp_path, demo_db):
    """A screenshot as wide as an A4 page's printable width keeps a blank margin
    on both sides: no chart, table or long word is wider than the page."""
    factory = open_database(demo_db)
    with factory.write() as session:
        save_settings(session, Settings())
        add_gear(session, Shoe(name=LONG_WORD))
        run = runs_between(session, TODAY - dt.timedelta(days=3))[-1]
        run.notes = LONG_WORD
        update_run(session, run)
    factory.close()
    page = report_file(tmp_path, demo_db, 12, "wide")
    png = tmp_path / "wide.png"
    # 190 mm at 96 dpi: A4 less 10 mm margins.
    chromium(tmp_path, f"--screenshot={png}", "--window-size=718,2400", page.as_uri())
    width, first, last = inked_columns(png)
    assert width == 718
    assert first >= 8 and last <= width - 9, (first, last)
