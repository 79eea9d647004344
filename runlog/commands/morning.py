"""``runlog morning``: the next-morning questions, one plain line each (or ``--all gone``).

The same pain entries as the app's check-in (the runs of the last 7 days
whose next morning is blank, newest first), and the same answers: gone,
better, same, worse, or skip. Each answer is saved as it is given.
"""

from __future__ import annotations

import sys

#: ``NextMorning``'s values, written out so ``--help`` loads no domain module (a test keeps them equal).
ANSWERS = ("gone", "better", "same", "worse")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "morning",
        help="record how each recent pain was the next morning, one line each",
        description="Ask, for each pain of the last 7 days whose next morning is not recorded yet, how it was "
        "the next morning: g gone, b better, s same, w worse, Enter to skip (ctrl+d stops; what was answered "
        "is kept). With --all, record one answer for all of them without asking.",
    )
    parser.add_argument("--all", choices=ANSWERS, metavar="ANSWER",
                        help="record ANSWER (gone, better, same or worse) for every pain waiting, without asking")
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.domain import NextMorning
    from runlog.store.runs import mornings_to_ask, record_next_morning
    from runlog.store.settings import get_settings
    from runlog.terminal import printable
    from runlog.tui.display import run_text
    from runlog.wording import pain_summary, plural

    store = context.open_existing_store()
    try:
        with store.read() as session:
            waiting = mornings_to_ask(session, context.today)
            units = get_settings(session).units
        if not waiting:
            print("Nothing to check in.")
            return 0
        if args.all:
            with store.write() as session:
                for _run, pain in waiting:
                    record_next_morning(session, pain.id, NextMorning(args.all))
            print(f"Recorded {plural(len(waiting), 'pain entry', 'pain entries')} as {args.all} the next morning.")
            return 0
        print(f"{plural(len(waiting), 'pain entry', 'pain entries')} to check in. "
              "Answer g gone, b better, s same, w worse, or Enter to skip.")
        recorded = 0
        for run_, pain in waiting:
            print(printable(f"{run_text(run_, units)}: {pain_summary(pain, units)}."))
            answer = _answer()
            if answer is None:
                break
            if answer:
                with store.write() as session:
                    record_next_morning(session, pain.id, NextMorning(answer))
                recorded += 1
        print(f"Recorded {recorded} of {len(waiting)}.")
        return 0
    finally:
        store.close()


def _answer() -> str | None:
    """``gone``/``better``/``same``/``worse``, ``""`` to skip, ``None`` when input ended."""
    from runlog.commands.log_questions import Stopped, ask

    def check(text: str) -> str | None:
        return None if _read(text) is not None else "answer g, b, s or w, or Enter to skip"

    try:
        return _read(ask("Next morning", "", lambda t: None if not t else check(t)))
    except Stopped:
        return None
    finally:
        sys.stdout.flush()


def _read(text: str) -> str | None:
    word = text.strip().lower()
    if not word:
        return ""
    return next((answer for answer in ANSWERS if answer.startswith(word) or answer[0] == word[:1] and len(word) == 1), None)
