"""The keys file and the theme choice, read without a terminal (``runlog.keymap``)."""

from __future__ import annotations

import pytest

from runlog.keymap import choose_theme, read_keymap, read_theme, write_theme

KNOWN = {"app.review", "main.new_run", "help.close"}
THEMES = ["textual-dark", "nord", "monochrome"]


def _keys(tmp_path, text: str):
    path = tmp_path / "keys.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_keymap(path, KNOWN)


def test_a_keys_file_maps_binding_ids_to_keys_written_dotted_or_as_tables(tmp_path):
    keymap, problem = _keys(tmp_path, 'main.new_run = "a"\n"app.review" = "R, f5"\n[help]\nclose = "ctrl+x,?"\n')
    assert problem is None
    assert keymap == {"main.new_run": "a", "app.review": "R,f5", "help.close": "ctrl+x,?"}


def test_no_keys_file_is_the_default_keys_and_no_complaint(tmp_path):
    assert read_keymap(tmp_path / "keys.toml", KNOWN) == ({}, None)


@pytest.mark.parametrize(("text", "says"), [
    ('main.new_run = "a\nx = 1', "is not valid TOML (Illegal character '\\n' (at line 1, column 18)); using the default keys"),
    ('main.new_runn = "a"', "runlog has no key binding named 'main.new_runn'; using the default keys"),
    ("main.new_run = 3", 'main.new_run must be keys in quotes, such as "ctrl+n"; using the default keys'),
    ('main.new_run = "ctrl+"', "main.new_run names 'ctrl+', which is not a key; using the default keys"),
    ('main.new_run = "a b"', "main.new_run names 'a b', which is not a key; using the default keys"),
    (b'main.new_run = "\xff"', "is not UTF-8 text; using the default keys"),
])
def test_a_bad_keys_file_is_one_sentence_naming_the_file_and_no_keymap(tmp_path, text, says):
    keymap, problem = _keys(tmp_path, text)
    assert keymap == {}
    assert problem.startswith(str(tmp_path / "keys.toml")) and problem.endswith(says)
    assert "\n" not in problem


def test_a_binding_id_with_control_characters_is_not_echoed_to_the_terminal(tmp_path):
    _keymap, problem = _keys(tmp_path, '"main.\\u001b[31mx" = "a"')
    assert "\x1b" not in problem and "main.[31mx" in problem


def test_the_theme_is_saved_privately_and_read_back(tmp_path):
    path = tmp_path / "runlog" / "theme.toml"
    write_theme(path, "nord")
    assert read_theme(path) == "nord"
    assert (path.stat().st_mode & 0o777, path.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    path.write_text('theme = "$(rm -rf)"\n')
    assert read_theme(path) is None
    path.write_text("not toml [")
    assert read_theme(path) is None


@pytest.mark.parametrize(("environ", "saved", "chosen", "problem"), [
    ({}, None, "textual-dark", None),
    ({}, "nord", "nord", None),
    ({}, "gone-theme", "textual-dark", None),
    ({"RUNLOG_THEME": "monochrome"}, "nord", "monochrome", None),
    ({"NO_COLOR": ""}, "nord", "monochrome", None),
    ({"NO_COLOR": "1", "RUNLOG_THEME": "nord"}, None, "nord", None),
    ({"RUNLOG_THEME": "neon"}, "nord", "nord", "RUNLOG_THEME names no theme runlog has ('neon'); see Settings for the names"),
])
def test_runlog_theme_wins_then_no_color_then_the_saved_theme(environ, saved, chosen, problem):
    assert choose_theme(environ, saved, THEMES, "textual-dark", "monochrome") == (chosen, problem)
