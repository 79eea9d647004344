"""The questions of ``runlog log`` and ``runlog morning``, one plain line each.

Each answer is checked at once with the run form's own reading
(``read_run`` on the answers so far), and a wrong one is said in one
sentence and asked again. End of input (ctrl+d, or the end of a pipe) stops
and nothing is saved. Standard input and output only: no colour, no cursor
movement, nothing a screen reader or a braille display cannot follow.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from runlog.terminal import printable


class Stopped(Exception):
    """Input ended before the last question."""


def ask(question: str, default: str = "", check: Callable[[str], str | None] | None = None) -> str:
    """Ask until ``check`` (a problem sentence or ``None``) accepts the answer; Enter gives ``default``."""
    _line_editing()
    shown = f" [{printable(default)}]" if default else ""
    while True:
        try:
            answer = input(f"{question}{shown}: ")
        except EOFError:
            print()
            raise Stopped from None
        if not sys.stdin.isatty():
            # From a pipe nothing echoes the answer: show it, so each question keeps its own line.
            print(printable(answer))
        answer = answer.strip() or default
        problem = check(answer) if check else None
        if problem is None:
            return answer
        print(printable(problem[:1].upper() + problem[1:]) + ".")


def _line_editing() -> None:
    """At a terminal, the arrow keys move along the answer (and up recalls one), as in a shell."""
    if sys.stdin.isatty() and "readline" not in sys.modules:
        try:
            import readline  # noqa: F401  (input() uses it once loaded)
        except ImportError:  # not on every platform (Windows)
            pass


def _choice(reader: Callable[[str], object]) -> Callable[[str], str | None]:
    """A check from a reader that raises ``ValueError`` with a sentence."""

    def check(text: str) -> str | None:
        try:
            reader(text)
        except ValueError as exc:
            return str(exc)
        return None

    return check


def ask_run(gear, today: dt.date):
    """A run from the answers, or ``None`` when input ended first."""
    try:
        return _ask_run(gear, today)
    except Stopped:
        return None


def _ask_run(gear, today: dt.date):
    from runlog.domain import ActivityKind
    from runlog.pain_spec import KINDS_TEXT, read_onset, read_side, read_site, site_menu, yes
    from runlog.tui.form_input import PainFields, RunFields, read_run

    units = gear.units.value
    fields = RunFields(shoe=gear.last_shoe, orthotic=gear.last_orthotic)

    def form_check(key: str, put: Callable[[str], None]) -> Callable[[str], str | None]:
        # The form's own reading of everything answered so far; only this field's problem counts.
        def check(text: str) -> str | None:
            put(text)
            errors = read_run(fields, gear.units, today)[1]
            return errors.get(key) or errors.get(f"{key}-time")
        return check

    print("Log a run. Enter keeps what is in brackets; ctrl+d stops and saves nothing.")
    ask("Date (today, yesterday, mon, 2026-11-20)", "today",
        form_check("date", lambda t: setattr(fields, "date", t)))
    ask("Start time, optional (7:15, 715, 7:15am, 19:05)", "", form_check("start", lambda t: setattr(fields, "start_time", t)))
    ask(f"Distance in {units} (8.5, 10k, 6mi)", "", form_check("distance", lambda t: setattr(fields, "distance", t)))
    ask("Time it took (45, 45:30, 1:02:03)", "", form_check("duration", lambda t: setattr(fields, "duration", t)))
    _say_notes(fields, gear.units, ("duration", "distance"))
    kind = ask(f"Kind ({KINDS_TEXT})", "run", _choice(ActivityKind))
    fields.shoe = _gear_question("Shoe", "shoe", gear.shoes, gear.last_shoe)
    fields.orthotic = _gear_question("Orthotic", "orthotic", gear.orthotics, gear.last_orthotic)
    ask("Effort 1-10, optional", "", form_check("effort", lambda t: setattr(fields, "effort", t)))
    more = yes(ask("Any pain? (y or n)", "n", _choice(yes)))
    while more:
        number = len(fields.pains) + 1
        key = f"pain{number - 1}"
        pain = PainFields()
        fields.pains.append(pain)
        pain.side = read_side(ask(f"Pain {number}: which leg (left or right)", "", _choice(read_side)))
        print(f"Sites: {site_menu()}.")
        pain.site = read_site(ask(f"Pain {number}: where (a number or a name)", "", _choice(read_site)))
        ask(f"Pain {number}: where it began, {units} or minutes into the run (5, 5km, 25min, 25:00)", "",
            form_check(f"{key}.onset", lambda t, p=pain: read_onset(t, p)))
        ask(f"Pain {number}: how bad, 0-10", "", form_check(f"{key}.intensity", lambda t, p=pain: setattr(p, "intensity", t)))
        pain.stopped_early = yes(ask(f"Pain {number}: did it make you stop? (y or n)", "n", _choice(yes)))
        more = yes(ask("Another pain? (y or n)", "n", _choice(yes)))
    ask("Notes, optional", "", form_check("notes", lambda t: setattr(fields, "notes", t)))
    made, errors = read_run(fields, gear.units, today)
    if made is None:  # every answer was checked as it came: only a bug gets here
        raise ValueError(f"the run could not be read: {', '.join(errors)}")
    made.kind = ActivityKind(kind)
    return made


def _say_notes(fields, units, keys: tuple[str, ...]) -> None:
    """The run form's live notes for ``keys`` (the pace; warnings, which never refuse), one line each."""
    from runlog.tui.form_notes import form_notes

    notes = form_notes(fields, units)
    for key in keys:
        if key in notes:
            note = notes[key].removeprefix("⚠ ")
            print(("Check: " if notes[key].startswith("⚠") else "") + note[:1].upper() + note[1:] + ".")


def _gear_question(title: str, kind: str, items: list, last):
    """Ask for a shoe or an orthotic by name (none is allowed); not asked when there are none."""
    from runlog.pain_spec import find_named

    if last is not None and last not in items:
        items = [*items, last]  # as the form: the last one used is offered even when retired since
    if not items:
        return None
    names = ", ".join(item.name for item in items)
    answer = ask(f"{title} ({names}, or none)", last.name if last else "none",
                 _choice(lambda text: find_named(items, text, kind)))
    return find_named(items, answer, kind)
