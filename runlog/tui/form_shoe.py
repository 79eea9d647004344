"""Reading the shoe and orthotic forms: text as typed -> a ``Shoe`` or ``Orthotic``,
or a plain-words reason per field (``name``, ``first-used``, ``start-distance``,
``retire-distance``). Pure functions, no Textual.
"""

from __future__ import annotations

import datetime as dt

from runlog.domain import Orthotic, OrthoticType, Shoe, ShoeType, Units
from runlog.domain.dates import date_problem, parse_date
from runlog.domain.text import name_problem
from runlog.tui.display import number_text


def _number(text: str) -> float:
    from runlog.tui.form_input import _number as number

    return number(text)


# --- shoes and orthotics ----------------------------------------------------


def _name(text: str, taken: set[str], kind: str, errors: dict[str, str]) -> str:
    name = text.strip()
    if not name:
        errors["name"] = "a name is needed"
    elif problem := name_problem(name):
        errors["name"] = problem
    elif name.lower() in {t.lower() for t in taken}:
        errors["name"] = f"there is already {kind} called {name}"
    return name


def _first_used(text: str, today: dt.date, errors: dict[str, str]) -> dt.date | None:
    if not text.strip():
        return None
    try:
        day = parse_date(text, today)
    except ValueError as exc:
        errors["first-used"] = str(exc)
        return None
    problem = date_problem(day, today)
    if problem:
        errors["first-used"] = problem
    return day


def shoe_distance_text(metres: float, units: Units) -> str:
    """A shoe's start or retirement distance as its form shows it (one decimal):
    ``read_shoe`` keeps the stored metres while the text is unchanged."""
    return number_text(units.from_metres(metres), 1)


def read_shoe(
    name: str,
    type_: ShoeType | None,
    first_used: str,
    start_distance: str,
    retire_distance: str,
    units: Units,
    today: dt.date,
    taken: set[str],
    original: Shoe | None = None,
) -> tuple[Shoe | None, dict[str, str]]:
    """A shoe from the shoe form's text, or ``None`` and a reason per field.

    ``taken`` holds the other shoes' names. Unchanged distances of an edited
    shoe keep their stored metres exactly.
    """
    errors: dict[str, str] = {}
    clean_name = _name(name, taken, "a shoe", errors)
    day = _first_used(first_used, today, errors)

    def metres(text: str, key: str, stored: float | None, minimum_exclusive: bool) -> float:
        if stored is not None and text.strip() == shoe_distance_text(stored, units):
            return stored
        try:
            value = units.to_metres(_number(text or "0"))
            if value < 0 or (minimum_exclusive and value == 0):
                raise ValueError
            return value
        except ValueError:
            errors[key] = "must be a positive number" if minimum_exclusive else "must be a number, 0 or more"
            return 0.0

    start_m = metres(start_distance, "start-distance", original.start_distance_m if original else None, False)
    retire_m = metres(retire_distance, "retire-distance", original.retire_distance_m if original else None, True)
    if errors:
        return None, errors
    shoe = Shoe(
        id=original.id if original else None,
        name=clean_name,
        type=type_,
        first_used=day,
        start_distance_m=start_m,
        retire_distance_m=retire_m,
        retired_on=original.retired_on if original else None,
    )
    return shoe, errors


def read_orthotic(
    name: str,
    type_: OrthoticType | None,
    first_used: str,
    today: dt.date,
    taken: set[str],
    original: Orthotic | None = None,
) -> tuple[Orthotic | None, dict[str, str]]:
    """An orthotic from the orthotic form's text, or ``None`` and a reason per field."""
    errors: dict[str, str] = {}
    clean_name = _name(name, taken, "an orthotic", errors)
    day = _first_used(first_used, today, errors)
    if errors:
        return None, errors
    return Orthotic(
        id=original.id if original else None,
        name=clean_name,
        type=type_,
        first_used=day,
        retired_on=original.retired_on if original else None,
    ), errors
