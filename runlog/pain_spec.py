"""The words of the line-by-line commands: a pain as one option, sites by name or number, gear by name.

``runlog log --pain "left below_kneecap @5km 6/10 stopped"``: the words in any
order, separated by spaces:

- the side: ``left`` or ``right`` (``l``, ``r``);
- the site: its name (``below_kneecap``, ``below-kneecap``; ``runlog log --help``
  lists them) or its number in that list;
- where it began: ``@`` then a distance (``@5``, in the log's unit, ``@5km``,
  ``@3mi``) or a time into the run (``@25min``, ``@25:00``, ``@1:02:03``);
- how bad: ``6/10`` (0 to 10);
- ``stopped`` if it made you stop.

Pure: the result is the run form's own ``PainFields``, read by the form's
``read_run``, so the checks are the form's.
"""

from __future__ import annotations

import re

from runlog.domain import ActivityKind, PainSite, Side
from runlog.tui.form_input import PainFields

SITES: tuple[PainSite, ...] = tuple(PainSite)
KINDS_TEXT = ", ".join(kind.value for kind in ActivityKind)
_SIDES = {"left": Side.LEFT, "l": Side.LEFT, "right": Side.RIGHT, "r": Side.RIGHT}
_INTENSITY = re.compile(r"^(\d+)/10$")
_TIME = re.compile(r"^(\d+)\s*(?:min|mins|minutes)$|^\d+:\d{1,2}(?::\d{1,2})?$")


def site_menu() -> str:
    """The sites with their numbers, as the help and the questions show them."""
    return ", ".join(f"{number} {site.value}" for number, site in enumerate(SITES, start=1))


def read_site(text: str) -> PainSite:
    """A site from its name or its number in ``SITES``; ``ValueError`` with a sentence otherwise."""
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    if word.isdigit() and 1 <= int(word) <= len(SITES):
        return SITES[int(word) - 1]
    try:
        return PainSite(word)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a site; give a number 1-{len(SITES)} or a name: {site_menu()}") from None


def read_side(text: str) -> Side:
    side = _SIDES.get(text.strip().lower())
    if side is None:
        raise ValueError(f"{text.strip()!r} is not a side; say left or right")
    return side


def read_onset(text: str, fields: PainFields) -> None:
    """Put an onset (``5``, ``5km``, ``25min``, ``25:00``) into ``fields`` as the form holds it."""
    word = text.strip().lower()
    match = _TIME.match(word)
    if match:
        fields.onset_time = match.group(1) if match.group(1) else word
        fields.onset_distance = ""
    else:
        fields.onset_distance = word
        fields.onset_time = ""


def read_pain(spec: str) -> PainFields:
    """One ``--pain`` value as the form's fields; ``ValueError`` with one sentence for a word it cannot place.

    The numbers (onset, intensity) are checked afterwards by ``read_run``, as in the form.
    """
    fields = PainFields()
    for word in spec.split():
        low = word.lower()
        if low in _SIDES:
            fields.side = read_side(low)
        elif low in ("stopped", "stop"):
            fields.stopped_early = True
        elif low.startswith("@"):
            read_onset(low[1:], fields)
        elif _INTENSITY.match(low):
            fields.intensity = _INTENSITY.match(low).group(1)
        else:
            fields.site = read_site(word)
    missing = [name for name, value in (("a side (left or right)", fields.side), ("a site", fields.site),
                                        ("an intensity such as 6/10", fields.intensity or None)) if value is None]
    if missing:
        raise ValueError(f"it needs {' and '.join(missing)}")
    if not fields.onset_distance and not fields.onset_time:
        raise ValueError("it needs where the pain began, such as @5km or @25min")
    return fields


def find_named(items, text: str, kind: str):
    """The item (a shoe or an orthotic) named ``text`` (any case), ``None`` for ``none``; ``ValueError`` otherwise."""
    word = " ".join(text.split())
    if word.lower() in ("none", "no", "-"):
        return None
    for item in items:
        if item.name.lower() == word.lower():
            return item
    names = ", ".join(item.name for item in items) or f"none yet (add one with g in the app, or leave {kind} as none)"
    raise ValueError(f"there is no {kind} called {word!r}; yours: {names}")


def yes(text: str, default: bool = False) -> bool:
    """``y``/``yes``/``n``/``no``; empty is ``default``; ``ValueError`` otherwise."""
    word = text.strip().lower()
    if not word:
        return default
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise ValueError("answer y or n")
