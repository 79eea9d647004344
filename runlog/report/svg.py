"""The HTML report's charts, drawn as inline SVG text.

Legible in black-and-white print: series differ by marker shape and fill
pattern, never by colour alone. Each chart has a ``<title>`` and a
``<desc>`` saying in words what it shows, and carries its data points as
``data-`` attributes. Every text is escaped; nothing refers outside the
chart but its own fill patterns (``url(#...)``). Pure string building.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from runlog.report.charts import OnsetChart, WeekBar
from runlog.wording import number

#: The drawing's width in its own units; the page scales it to fit.
WIDTH = 680
_LEFT, _RIGHT = 46, 12
_FONT = 'font-family="sans-serif" font-size="10"'


def _fmt(value: float) -> str:
    """A coordinate with at most one decimal (small files, exact tests)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_top(highest: float, ticks: int = 5) -> tuple[float, float]:
    """An axis top at or above ``highest`` and its tick step (1, 2, 2.5 or 5
    times a power of ten), with at most ``ticks`` steps."""
    if highest <= 0:
        return 1.0, 1.0
    raw = highest / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.ceil(highest / step - 1e-9) * step, step


def _hatch(ident: str) -> str:
    return (
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="1.6"/></pattern></defs>'
    )


def _open(ident: str, height: int, title: str, desc: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        f"{_hatch(ident)}"
    )


def _week_ticks(start: dt.date, end: dt.date, at_most: int = 13) -> list[dt.date]:
    weeks = [start + dt.timedelta(weeks=i) for i in range(((end - start).days + 1 + 6) // 7)]
    every = max(1, math.ceil(len(weeks) / at_most))
    return weeks[::every]


def onset_svg(chart: OnsetChart, ident: str) -> str:
    """Onsets over time: a filled dot per episode at its onset, a hollow
    square per pain-free run past the onset point (drawn at it), the
    finding's ±25% band hatched, and a dashed line at each gear change."""
    height, top, bottom = 164, 32, 120
    plot_w = WIDTH - _LEFT - _RIGHT
    days = (chart.end - chart.start).days + 1
    values = [p.value for p in chart.episodes] + ([chart.band[1]] if chart.band else [])
    values += [chart.point] if chart.point is not None else []
    y_top, step = nice_top(max(values, default=1.0) * 1.1)

    def x(day: dt.date) -> float:
        return _LEFT + ((day - chart.start).days + 0.5) / days * plot_w

    def y(value: float) -> float:
        return bottom - min(value, y_top) / y_top * (bottom - top)

    parts = [_open(ident, height, chart.title, _onset_desc(chart))]
    if chart.band is not None:
        low, high = chart.band
        parts.append(
            f'<rect class="band" data-low="{_fmt(low)}" data-high="{_fmt(high)}" x="{_LEFT}" y="{_fmt(y(high))}" '
            f'width="{plot_w}" height="{_fmt(y(low) - y(high))}" fill="url(#{ident}-hatch)" fill-opacity="0.55"/>'
        )
    # Axes and grid.
    tick = 0.0
    while tick <= y_top + 1e-9:
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{_fmt(y(tick))}" y2="{_fmt(y(tick))}" '
            f'stroke="#ccc" stroke-width="0.6"/><text x="{_LEFT - 4}" y="{_fmt(y(tick) + 3.5)}" '
            f'text-anchor="end" {_FONT}>{number(tick)}</text>'
        )
        tick += step
    parts.append(
        f'<text x="4" y="{top - 8}" {_FONT}>{escape(chart.unit)}</text>'
        f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{bottom}" y2="{bottom}" stroke="black"/>'
    )
    for day in _week_ticks(chart.start, chart.end):
        parts.append(
            f'<text x="{_fmt(x(day))}" y="{bottom + 13}" text-anchor="middle" {_FONT}>{day:%b} {day.day}</text>'
        )
    if chart.point is not None:
        parts.append(
            f'<line class="onset-point" data-value="{_fmt(chart.point)}" x1="{_LEFT}" x2="{WIDTH - _RIGHT}" '
            f'y1="{_fmt(y(chart.point))}" y2="{_fmt(y(chart.point))}" stroke="black" stroke-dasharray="1 3"/>'
        )
    parts += _marks(chart, x, top, bottom)
    for median in chart.medians:
        left, right = x(median.first) - 4, x(median.last) + 4
        parts.append(
            f'<g class="median" data-label="{median.label}" data-value="{_fmt(median.value)}">'
            f'<line x1="{_fmt(left)}" x2="{_fmt(right)}" y1="{_fmt(y(median.value))}" y2="{_fmt(y(median.value))}" '
            'stroke="black" stroke-width="2.2"/>'
            f'<text x="{_fmt(left)}" y="{_fmt(y(median.value) - 5)}" {_FONT} font-weight="bold">'
            f"{median.label} {number(median.value)} {escape(chart.unit)}</text></g>"
        )
    for p in chart.pain_free:
        parts.append(
            f'<rect class="pain-free" data-date="{p.date.isoformat()}" x="{_fmt(x(p.date) - 3.5)}" '
            f'y="{_fmt(y(p.value) - 3.5)}" width="7" height="7" fill="white" stroke="black" stroke-width="1.3"/>'
        )
    for p in chart.episodes:
        parts.append(
            f'<circle class="episode" data-date="{p.date.isoformat()}" data-value="{_fmt(p.value)}" '
            f'cx="{_fmt(x(p.date))}" cy="{_fmt(y(p.value))}" r="3.8" fill="black"/>'
        )
    parts.append(_onset_legend(chart, ident, height - 16))
    parts.append("</svg>")
    return "".join(parts)


def _marks(chart: OnsetChart, x, top: float, bottom: float) -> list[str]:
    """Dashed lines at gear changes, named at the top; a label that would
    run into the one before goes on a second row."""
    parts, last_end = [], [-math.inf, -math.inf]
    for mark in chart.marks:
        if not chart.start <= mark.date <= chart.end:
            continue
        at = x(mark.date)
        width = len(mark.label) * 5.4 + 6
        anchor, text_x, left, right = "start", at + 3, at, at + width
        if at + width > WIDTH:
            anchor, text_x, left, right = "end", at - 3, at - width, at
        # The first row where the label clears the one before it; else the emptier row.
        row = next((r for r in (0, 1) if left >= last_end[r]), 0 if last_end[0] <= last_end[1] else 1)
        last_end[row] = right
        parts.append(
            f'<g class="gear-mark" data-date="{mark.date.isoformat()}" data-verdict="{mark.verdict}">'
            f'<line x1="{_fmt(at)}" x2="{_fmt(at)}" '
            f'y1="{top - 22 + row * 11}" y2="{bottom}" stroke="black" stroke-dasharray="5 3" stroke-width="1"/>'
            f'<text x="{_fmt(text_x)}" y="{top - 14 + row * 11}" text-anchor="{anchor}" {_FONT}>'
            f"{escape(mark.label)}</text></g>"
        )
    return parts


def _onset_legend(chart: OnsetChart, ident: str, at_y: float) -> str:
    items = [
        f'<circle cx="{_LEFT + 4}" cy="{at_y - 3}" r="3.8" fill="black"/>'
        f'<text x="{_LEFT + 12}" y="{at_y}" {_FONT}>pain began here</text>',
        f'<rect x="{_LEFT + 120}" y="{at_y - 6.5}" width="7" height="7" fill="white" stroke="black" stroke-width="1.3"/>'
        f'<text x="{_LEFT + 132}" y="{at_y}" {_FONT}>ran past the onset point without it</text>',
    ]
    if chart.band is not None:
        items.append(
            f'<rect x="{_LEFT + 320}" y="{at_y - 8}" width="14" height="9" fill="url(#{ident}-hatch)" stroke="#555" '
            f'stroke-width="0.5"/><text x="{_LEFT + 338}" y="{at_y}" {_FONT}>onset point ±25%</text>'
        )
    items.append(
        f'<line x1="{_LEFT + 450}" x2="{_LEFT + 450}" y1="{at_y - 9}" y2="{at_y + 2}" stroke="black" '
        f'stroke-dasharray="5 3"/><text x="{_LEFT + 456}" y="{at_y}" {_FONT}>'
        + ("a change, with before/after" if chart.medians else "shoe or orthotic changed") + "</text>"
    )
    return f'<g class="legend" aria-hidden="true">{"".join(items)}</g>'


def _onset_desc(chart: OnsetChart) -> str:
    unit = chart.unit
    text = f"Each filled dot is a run with this pain, at the {unit} into the run where it began."
    if chart.point is not None:
        text += (
            f" Hollow squares are runs that went past the onset point ({number(chart.point)} {unit}) "
            "without this pain, drawn on it."
        )
    if chart.band is not None:
        text += f" The hatched band is ±25% around the onset point ({number(chart.band[0])}-{number(chart.band[1])} {unit})."
    shown = [m for m in chart.marks if chart.start <= m.date <= chart.end]
    for median in chart.medians:
        text += (
            f" A thick line marks the median onset of the {median.label} episodes "
            f"({median.first.isoformat()} to {median.last.isoformat()}): {number(median.value)} {unit}."
        )
    if shown and chart.medians:
        text += " Dashed lines mark changes, with what the runs before and after show: " + "; ".join(
            f"{m.label} from {m.date.isoformat()}" for m in shown) + "."
    elif shown:
        text += " Dashed lines mark gear changes: " + "; ".join(f"{m.label} from {m.date.isoformat()}" for m in shown) + "."
    return text


def weekly_svg(bars: Sequence[WeekBar], unit: str, ident: str) -> str:
    """Weekly distance as bars (a ▲ over a week with a run much longer than
    usual), and below them the share of runs with pain as black bars."""
    height, top, axis, strip_top, strip_bottom = 136, 14, 72, 90, 118
    plot_w = WIDTH - _LEFT - _RIGHT
    slot = plot_w / max(1, len(bars))
    y_top, step = nice_top(max((bar.distance for bar in bars), default=1.0), ticks=4)
    desc = (
        f"Distance per week in {unit}; a triangle marks a week with a run more than 10% longer than the "
        "longest of the 30 days before it. "
        "Below, the black bars are the share of each week's runs with pain. "
        + "; ".join(
            f"week of {bar.start.isoformat()}: {number(bar.distance)} {unit}, "
            f"{bar.pain_runs} of {bar.runs} runs with pain" + (", a run much longer than usual" if bar.spikes else "")
            for bar in bars
        )
        + "."
    )
    parts = [_open(ident, height, f"Distance per week ({unit}) and share of runs with pain", desc)]
    tick = 0.0
    while tick <= y_top + 1e-9:
        at = axis - tick / y_top * (axis - top)
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{_fmt(at)}" y2="{_fmt(at)}" stroke="#ccc" stroke-width="0.6"/>'
            f'<text x="{_LEFT - 4}" y="{_fmt(at + 3.5)}" text-anchor="end" {_FONT}>{number(tick)}</text>'
        )
        tick += step
    parts.append(f'<text x="4" y="{top - 6}" {_FONT}>{escape(unit)}</text>')
    labels = set(_week_ticks(bars[0].start, bars[-1].start + dt.timedelta(days=6))) if bars else set()
    few = len(bars) <= 16
    for index, bar in enumerate(bars):
        left = _LEFT + index * slot + slot * 0.15
        width = slot * 0.7
        h = bar.distance / y_top * (axis - top)
        fill = f"url(#{ident}-hatch)" if bar.jump else "#bbb"
        jump = "" if bar.jump is None else f"{bar.jump:.2f}"
        parts.append(
            f'<rect class="week" data-start="{bar.start.isoformat()}" data-distance="{_fmt(bar.distance)}" '
            f'data-runs="{bar.runs}" data-pain-runs="{bar.pain_runs}" data-jump="{jump}" '
            f'x="{_fmt(left)}" y="{_fmt(axis - h)}" width="{_fmt(width)}" height="{_fmt(h)}" fill="{fill}" '
            'stroke="black" stroke-width="0.8"/>'
        )
        middle = _fmt(left + width / 2)
        if bar.spikes:
            parts.append(
                f'<text class="spike" data-start="{bar.start.isoformat()}" x="{middle}" y="{_fmt(axis - h - 3)}" '
                f'text-anchor="middle" {_FONT} font-weight="bold">▲</text>'
            )
        if bar.start in labels:
            parts.append(
                f'<text x="{middle}" y="{axis + 12}" text-anchor="middle" {_FONT}>{bar.start:%b} {bar.start.day}</text>'
            )
        share = bar.pain_share
        if share:
            sh = share * (strip_bottom - strip_top)
            parts.append(
                f'<rect class="pain-share" data-start="{bar.start.isoformat()}" x="{_fmt(left)}" '
                f'y="{_fmt(strip_bottom - sh)}" width="{_fmt(width)}" height="{_fmt(sh)}" fill="black"/>'
            )
        if few and bar.runs:
            parts.append(
                f'<text x="{middle}" y="{strip_bottom + 12}" text-anchor="middle" {_FONT}>{bar.pain_runs}/{bar.runs}</text>'
            )
    parts.append(
        f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{axis}" y2="{axis}" stroke="black"/>'
        f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{strip_bottom}" y2="{strip_bottom}" stroke="black"/>'
        f'<text x="{_LEFT - 4}" y="{strip_top + 12}" text-anchor="end" {_FONT}>pain</text>'
        f'<text x="{_LEFT - 4}" y="{strip_top + 24}" text-anchor="end" {_FONT}>share</text>'
        "</svg>"
    )
    return "".join(parts)
