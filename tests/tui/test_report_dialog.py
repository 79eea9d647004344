"""The review's report dialog (issue 22): HTML or PDF, a default file in a
folder the runner sees named after the last day shown, a path that fits at
80 columns, and the palette finding it by "report", "HTML" and "PDF"."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from textual.widgets import Input, RadioButton

from runlog.demo import fill_demo
from runlog.tui.screens.html_report_dialog import HtmlReportDialog
from runlog.tui.screens.review import ReviewScreen

from .helpers import TODAY, make_app, settle


@pytest.fixture
def demo(factory):
    with factory.write() as session:
        fill_demo(session, TODAY)
    return factory


async def _open(pilot, app) -> HtmlReportDialog:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(app.screen, HtmlReportDialog)
    return app.screen


async def test_the_default_is_home_without_documents_named_after_today_in_this_week(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(pilot, app)
        field = dialog.query_one("#file", Input)
        # This week runs past today: the file is named after today, not the week's future end.
        assert field.value == f"~/runlog-report-{TODAY.isoformat()}.html"
        # At 80 columns the whole path is in view inside the dialog.
        assert field.region.right <= 80 and field.region.width >= len(field.value) + 1
        assert dialog.query_one("#html-report").region.right <= 80


async def test_choosing_pdf_prints_it_with_the_browser_to_a_private_file(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    browser = tmp_path / "fake-browser"
    browser.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\n"
        "out = next(a for a in sys.argv if a.startswith('--print-to-pdf='))[len('--print-to-pdf='):]\n"
        "pathlib.Path(out).write_bytes(b'%PDF-1.4 stand-in')\n"
    )
    browser.chmod(0o700)
    monkeypatch.setenv("RUNLOG_BROWSER", str(browser))
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(pilot, app)
        dialog.query_one("#pdf", RadioButton).value = True
        await settle(pilot)
        field = dialog.query_one("#file", Input)
        assert field.value == f"~/Documents/runlog-report-{TODAY.isoformat()}.pdf"
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    written = tmp_path / "Documents" / f"runlog-report-{TODAY.isoformat()}.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600


async def test_without_a_browser_the_pdf_choice_says_so_beside_the_field(demo, tmp_path, monkeypatch):
    from .helpers import notes

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("RUNLOG_BROWSER", str(tmp_path / "no-such-browser"))
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(pilot, app)
        dialog.query_one("#pdf", RadioButton).value = True
        await settle(pilot)
        dialog.query_one("#file", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, HtmlReportDialog)
        assert "no Chromium-family browser found" in notes(app.screen)["file"]
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize("words", ["report", "HTML", "PDF"])
async def test_the_palette_finds_the_report_by(demo, words):
    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any(words.lower() in title.lower() for title in titles), titles
        await pilot.press("ctrl+p", *words, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HtmlReportDialog)
