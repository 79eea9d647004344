"""The benchmark's printed table and the line that says where it ran."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib.metadata import PackageNotFoundError, version

from tests.perf.harness import GOALS, Figure


def report_lines(figures: list[Figure], skipped: dict[str, str]) -> list[str]:
    """One line per goal: ``PASS``/``MISS`` (or ``SKIP`` with the reason)."""
    lines = [f"{'goal':<10} {'measures':<26} {'subject':>11} {'baseline':>11} {'ratio':>7} {'range':>11} "
             f"{'goal':>8}  result"]
    for figure in figures:
        lines.append(
            f"{figure.goal:<10} {GOALS[figure.goal][0]:<26} {figure.value_text(figure.subject):>11} "
            f"{figure.value_text(figure.baseline):>11} {figure.ratio:>6.2f}x {figure.range_text():>11} "
            f"{figure.limit_text():>8}  {'PASS' if figure.passed else 'MISS'}  ({figure.note})"
        )
    for goal, reason in skipped.items():
        lines.append(f"{goal:<10} {GOALS[goal][0]:<26} {'-':>11} {'-':>11} {'-':>7} {'-':>11} {'-':>8}  "
                     f"SKIP  ({reason})")
    return lines


def environment(repeats: int, years: int, csv_rows: int, saves: int) -> str:
    """Versions, CPUs, load and sizes: what a figure needs beside it to be read."""
    try:
        load = "load %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = "load unknown"
    return (f"Python {platform.python_version()}, Textual {_version('textual')}, SQLAlchemy "
            f"{_version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs, {load}; "
            f"{repeats} repeats (saves: {saves}), {years} years, {csv_rows} CSV rows; "
            "ratio = median of the paired ratios, range = lowest-highest of them")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
