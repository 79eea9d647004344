"""First start: a welcome until the first run exists, and a footer that
shows every run-list key at 120 columns."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from runlog.tui.widgets.run_list import RunList

from .helpers import make_app, screen_text, settle, type_keys


def _footer_keys(app) -> list[str]:
    """The keys the footer shows, each whole inside the terminal."""
    width = app.size.width
    return [
        key.key for key in app.screen.query(FooterKey)
        if key.region.width > 0 and key.region.right <= width
    ]


async def test_an_empty_log_welcomes_until_the_first_run_is_logged(factory):
    app = make_app(factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for needle in ("Welcome to runlog", "kilometres (s to change)", "watch's folder", "runlog --demo",
                       "shoes and orthotics"):
            assert needle in text
        assert not app.screen.query_one(RunList).display
        await pilot.press("n")
        await settle(pilot)
        await type_keys(pilot, "enter", "enter", *"8", "enter", *"45")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Welcome to runlog" not in screen_text(app)
        run_list = app.screen.query_one(RunList)
        assert run_list.display and run_list.run_count == 1
        # The keys act on the list at once: e opens the new run.
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "RunForm"


async def test_the_welcome_follows_the_unit_setting(factory):
    app = make_app(factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("right", "ctrl+s")
        await settle(pilot)
        assert "Distances are in miles (s to change)" in screen_text(app)


@pytest.mark.parametrize(
    ("size", "expected"),
    [((120, 40), ["n", "e", "d", "u", "m", "g", "s", "w", "p", "c", "q", "question_mark", "r", "x"]),
     ((80, 24), ["n", "d", "m", "g", "q", "question_mark", "r", "x", "i"])],
)
async def test_the_footer_shows_every_run_list_key_that_fits(factory, size, expected):
    app = make_app(factory)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert _footer_keys(app) == expected
