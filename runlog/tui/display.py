"""How runs, distances and dates read on screen, in the runner's unit."""

from __future__ import annotations

from rich.text import Text

from runlog.domain import Run, Units
from runlog.domain.dates import date_text
from runlog.domain.units import distance_text, format_duration
from runlog.terminal import printable
from runlog.wording import pain_summary


def shown_name(text: str) -> Text:
    """A name or note for a cell: a ``Text`` (a str would be read as markup)
    with every control character shown as ``\\xNN`` (raw, an escape sequence
    would drive the terminal: set its title, write its clipboard)."""
    return Text(printable(text))


def number_text(value: float, decimals: int = 2) -> str:
    """``12``, ``5.5``, ``8.05``: a number without trailing zeros."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pain_text(run: Run, units: Units) -> str:
    """Every pain entry of a run, ``; ``-separated, or an empty string."""
    return "; ".join(pain_summary(pain, units) for pain in run.pains)


def run_text(run: Run, units: Units) -> str:
    """``Tue 2026-11-24 · 10.02 km in 58:12 · Kayano 30`` for dialogs."""
    text = f"{date_text(run.date)} · {distance_text(run.distance_m, units)} in {format_duration(run.duration_s)}"
    if run.shoe is not None:
        text += f" · {run.shoe.name}"
    return text
