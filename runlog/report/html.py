"""The weekly review as one self-contained HTML page for a podiatrist.

In this order: a header (runner, period, when made, units), the findings as
the review words them, the onset chart of each knee group with pain, the
progress of each group with 6 or more episodes and its changes before and
after, the weekly distance with pain share and next mornings, the gear compared, and
the runs with their notes; the disclaimer last.

Self-contained and inert: no script, nothing fetched (no fonts, images or
styles from elsewhere), a Content-Security-Policy that forbids both, and
every text the runner typed escaped. Laid out for A4 or Letter in portrait:
a fixed content width that fits both, charts that scale to it, and tables
that wrap long words rather than widen the page.
"""

from __future__ import annotations

import calendar
import datetime as dt
from html import escape

from runlog.detect.progress_text import spike_text
from runlog.domain import Run, Units
from runlog.domain.dates import date_text
from runlog.domain.units import format_duration, format_pace
from runlog.report.charts import onset_charts, week_bars
from runlog.report.first_page import first_page
from runlog.report.first_page_html import first_page_html
from runlog.report.gear import compare_gear, onset_of
from runlog.report.svg import onset_svg, weekly_svg
from runlog.review import ReviewSpan
from runlog.wording import (
    mornings_text,
    number,
    pain_summary,
    plural,
)

#: Scripts, frames, fonts and fetches are all refused; only the page's own
#: style element and (unused today) inline data images are allowed.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_STYLE = """
@page { size: auto; margin: 10mm; }
html { font: 9pt/1.28 Arial, Helvetica, "Liberation Sans", "DejaVu Sans Condensed", sans-serif; color: #000; background: #fff; }
body { max-width: 180mm; margin: 0 auto; padding: 6mm 4mm; }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 11pt; margin: 9pt 0 3pt; padding-bottom: 1pt; border-bottom: 1pt solid #000; break-after: avoid; }
h3 { font-size: 10pt; margin: 5pt 0 1pt; break-after: avoid; }
p { margin: 2pt 0; }
.meta { margin: 1pt 0 0; }
.finding { break-inside: avoid; }
table.changes th, table.changes td { padding: 0.3pt 2pt; }
.finding dl { display: grid; grid-template-columns: 23mm 1fr; gap: 0 3mm; margin: 1pt 0 3pt; }
.finding dt { font-weight: bold; }
.finding dd { margin: 0; }
.finding ul { margin: 0; padding-left: 4mm; }
.note, .disclaimer { font-style: italic; }
figure { margin: 2pt 0 4pt; break-inside: avoid; }
figcaption { font-weight: bold; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; max-height: 48mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8pt; }
table.runs { font-size: 7pt; line-height: 1.12; }
table.runs td { padding: 0.3pt 2pt; }
table.changes { font-size: 7.5pt; margin-top: 2pt; }
th, td { text-align: left; vertical-align: top; padding: 0.6pt 2pt; border-bottom: 0.5pt solid #999;
         overflow-wrap: anywhere; word-break: break-word; }
th { border-bottom: 1pt solid #000; }
tr { break-inside: avoid; }
.num { text-align: right; }
.evidence td:first-child { font-weight: bold; }
.key { font-size: 8pt; }
#clinician ol.answers { margin: 2pt 0; padding-left: 5mm; }
#clinician ol.answers li { margin: 0 0 3pt; }
#clinician ul.suggestions { margin: 0; padding-left: 4mm; }
@media print { body { max-width: none; padding: 0; } }
"""


def render_html(span: ReviewSpan, made: dt.date, runner_name: str = "", questions: str = "") -> str:
    """The whole page; ``made`` is the day it was written, ``questions`` the
    runner's own questions for the clinician (page one, when given)."""
    units = span.settings.units
    evidence = frozenset(day for finding in span.report.findings for day in finding.evidence)
    who = f": {runner_name.strip()}" if runner_name.strip() else ""
    title = f"Running review{who}, {span.start.isoformat()} to {span.end.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        _header(span, made, runner_name.strip()),
        first_page_html(first_page(span, made), span.report.disclaimer, questions),
        _onsets(span),
        _weeks(span),
        _gear(span, units),
        _runs(listed_runs(span), units, evidence, len(span.runs)),
        f'<p class="disclaimer">{escape(span.report.disclaimer)}</p>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _header(span: ReviewSpan, made: dt.date, name: str) -> str:
    settings = span.settings
    runner = f"<h1>Running review: {escape(name)}</h1>" if name else "<h1>Running review</h1>"
    return (
        f'<header>{runner}<p class="meta">{date_text(span.start)} to {date_text(span.end)} '
        f"({plural(len(span.weeks), 'week')}) · made {made.isoformat()} by runlog · distances in "
        f"{settings.units.value}, onsets by distance or minutes into the run · weeks start on "
        f"{calendar.day_name[settings.week_start]}</p></header>"
    )


def _onsets(span: ReviewSpan) -> str:
    charts = onset_charts(span)
    parts = ['<section id="onsets"><h2>Where the knee pain began</h2>']
    if not charts:
        parts.append("<p>No knee pain in these weeks.</p>")
    for index, chart in enumerate(charts, 1):
        parts.append(f"<figure><figcaption>{escape(chart.title)}</figcaption>{onset_svg(chart, f'onset{index}')}</figure>")
    parts.append("</section>")
    return "".join(parts)


def _weeks(span: ReviewSpan) -> str:
    bars = week_bars(span)
    units = span.settings.units
    mornings = [
        f"{bar.start:%b} {bar.start.day}: {mornings_text(bar.mornings, bar.mornings_missing)}"
        for bar in bars
        if bar.pain_runs
    ]
    spikes = "; ".join(f'<span class="spike-text">{escape(spike_text(spike, units))}</span>' for spike in span.report.spikes)
    return (
        '<section id="weeks"><h2>Week by week</h2>'
        f"<figure>{weekly_svg(bars, units.value, 'weekly')}</figure>"
        f"<p><strong>Single runs much longer than usual</strong> (▲): {spikes or 'none'}.</p>"
        f"<p><strong>Next mornings after pain</strong> (week of): {'; '.join(mornings) or 'no pain in these weeks'}.</p>"
        "</section>"
    )


def _gear(span: ReviewSpan, units: Units) -> str:
    rows = compare_gear(span.runs)
    head = (
        '<section id="gear"><h2>Gear compared</h2>'
        '<table class="gear"><colgroup><col style="width:28%"><col style="width:24%"><col style="width:6%">'
        '<col style="width:10%"><col style="width:13%"><col style="width:9%"><col style="width:10%"></colgroup>'
        "<thead><tr><th>Shoe or orthotic</th><th>Worn</th><th class=\"num\">Runs</th>"
        f'<th class="num">Distance ({units.value})</th><th class="num">Runs with knee pain</th>'
        '<th class="num">Median onset</th><th class="num">Median intensity</th></tr></thead><tbody>'
    )
    body = []
    for row in rows:
        intensity = "" if row.median_intensity is None else f"{number(row.median_intensity)}/10"
        body.append(
            f'<tr class="{row.kind}"><td>{row.kind.capitalize()}: {escape(row.label)}</td>'
            f"<td>{row.first.isoformat()} to {row.last.isoformat()}</td><td class=\"num\">{row.runs}</td>"
            f'<td class="num">{number(units.from_metres(row.distance_m))}</td>'
            f'<td class="num">{row.knee_pain_runs} ({row.knee_pain_share:.0%})</td>'
            f'<td class="num">{onset_of(row, units)}</td><td class="num">{intensity}</td></tr>'
        )
    if not body:
        body.append('<tr><td colspan="7">No runs in these weeks.</td></tr>')
    return head + "".join(body) + "</tbody></table></section>"


#: Every run of the last this many weeks is listed; before them only the runs a clinician asks about.
LISTED_WEEKS = 12


def listed_runs(span: ReviewSpan) -> tuple[Run, ...]:
    """The runs of the table: all of the last 12 weeks, and before them those
    with pain, notes or much longer than usual (a year stays on 4 pages)."""
    since = span.end - dt.timedelta(weeks=LISTED_WEEKS) + dt.timedelta(days=1)
    marked = {spike.date for spike in span.report.spikes}
    return tuple(run for run in span.runs
                 if run.date >= since or run.pains or run.notes.strip() or run.date in marked)


def _runs(runs: tuple[Run, ...], units: Units, evidence: frozenset[dt.date], total: int) -> str:
    left_out = total - len(runs)
    note = (f'<p class="key">Before the last {LISTED_WEEKS} weeks only runs with pain, notes or much longer than '
            f"usual are listed ({plural(left_out, 'other run')} left out; the weekly chart counts them).</p>"
            if left_out else "")
    head = (
        f'<section id="runs"><h2>Runs</h2>{note}'
        '<table class="runs"><colgroup><col style="width:12%"><col style="width:4%"><col style="width:5.5%">'
        '<col style="width:4%"><col style="width:8.5%"><col style="width:12.5%"><col style="width:4.5%">'
        '<col style="width:25.5%"><col style="width:23.5%"></colgroup>'
        f'<thead><tr><th>Date</th><th class="num">{units.value}</th><th class="num">Time</th>'
        f'<th class="num">Pace</th><th>Shoe</th><th>Orthotic</th><th class="num">Effort</th><th>Pain</th>'
        "<th>Notes</th></tr></thead><tbody>"
    )
    rows = []
    for run in runs:
        cells = [
            date_text(run.date),
            f"{units.from_metres(run.distance_m):.1f}",
            format_duration(run.duration_s),
            format_pace(run.duration_s, run.distance_m, units).split()[0],
            escape(run.shoe.name) if run.shoe else "",
            escape(run.orthotic.name) if run.orthotic else "",
            "" if run.effort is None else str(run.effort),
            escape("; ".join(pain_summary(pain, units) for pain in run.pains)) or "no",
            escape(" ".join(run.notes.split())),
        ]
        numeric = (1, 2, 3, 6)
        tds = "".join(
            f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>" for i, cell in enumerate(cells)
        )
        rows.append(f'<tr class="evidence">{tds}</tr>' if run.date in evidence else f"<tr>{tds}</tr>")
    if not rows:
        rows.append('<tr><td colspan="9">No runs in these weeks.</td></tr>')
    key = '<p class="key">Dates in bold are evidence for a finding.</p>' if evidence & {r.date for r in runs} else ""
    return head + "".join(rows) + "</tbody></table>" + key + "</section>"

