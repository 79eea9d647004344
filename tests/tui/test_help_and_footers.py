"""? opens help wherever it is offered (f1 in a text field, where ? is
typed), ctrl+c says how to quit in plain words, and each dialog shows its
own keys in the footer, not the run list's."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from runlog.tui.screens.checkin import CheckinScreen
from runlog.tui.screens.confirm import ConfirmScreen
from runlog.tui.screens.export_dialog import ExportDialog
from runlog.tui.screens.help import HelpScreen
from runlog.tui.screens.html_report_dialog import HtmlReportDialog
from runlog.tui.screens.import_dialog import ImportDialog
from runlog.tui.screens.orthotic_form import OrthoticForm
from runlog.tui.screens.run_form import RunForm
from runlog.tui.screens.settings import SettingsScreen
from runlog.tui.screens.shoe_form import ShoeForm

from .helpers import SIZE, make_app, settle
from .test_checkin import _painful_runs


def footer_keys(app) -> dict[str, str]:
    """The keys the footer of the screen in front shows, key -> label."""
    return {key.key: key.description for key in app.screen.query(FooterKey) if key.display}


async def test_the_form_footer_offers_f1_in_a_text_field_and_question_mark_elsewhere(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert form.focused is form.query_one("#date")
        assert "question_mark" not in footer_keys(app), "? is offered where it types"
        assert footer_keys(app).get("f1") == "Help"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), "f1 in a text field opens the help"
        await pilot.press("escape")
        await settle(pilot)

        form.query_one("#shoe").focus()
        await settle(pilot)
        assert footer_keys(app).get("question_mark") == "Help"
        assert "f1" not in footer_keys(app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), "? offered in the footer opens the help"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RunForm)
        assert form.query_one("#date").value == "2026-11-24", "nothing was typed into the date"


async def test_ctrl_c_says_how_to_quit_without_markup(factory):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        [message] = [str(n.message) for n in app._notifications]
        assert message == "Press ctrl+q to quit runlog (q on the run list)."
        assert app.is_running


#: Keys that open each dialog from a fresh run list (with gear, one run with pain),
#: and the dialog's own key its footer must show.
DIALOGS = [
    (["d"], ConfirmScreen, "y"),
    (["s"], SettingsScreen, "ctrl+s"),
    (["question_mark"], HelpScreen, "escape"),
    (["x"], ExportDialog, "ctrl+s"),
    (["i"], ImportDialog, "ctrl+s"),
    (["g", "a"], ShoeForm, "ctrl+s"),
    (["g", "o"], OrthoticForm, "ctrl+s"),
    (["r", "h"], HtmlReportDialog, "ctrl+s"),
    (["m"], CheckinScreen, "g"),
]


@pytest.mark.parametrize(("keys", "dialog", "own_key"), DIALOGS, ids=[d.__name__ for _k, d, _o in DIALOGS])
async def test_each_dialog_shows_its_own_keys_not_the_run_lists(factory, gear, keys, dialog, own_key):
    _painful_runs(factory, [1])
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, dialog)
        shown = footer_keys(app)
        assert own_key in shown, f"the footer lacks the dialog's own {own_key}: {shown}"
        run_list = {("d", "Delete"), ("g", "Gear"), ("m", "Mornings"), ("r", "Review"), ("x", "Export"), ("i", "Import")}
        if dialog is not CheckinScreen:
            run_list.add(("n", "Log run"))
        assert not run_list & set(shown.items()), f"the run list's keys show over a dialog: {shown}"
