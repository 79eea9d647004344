"""The weekly review: the week's figures, its days, the 12-week trend and the
patterns found, week by week.

←/→ (or [ and ]) step a week, t comes back to this week, j jumps to the week
of a date typed as in the run form. The figures come from ``runlog.review``,
loaded in a thread worker that posts ``ReviewLoaded`` back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from runlog.detect import SUGGESTION_TEXT, Finding, Status
from runlog.domain import Units
from runlog.domain.dates import parse_date
from runlog.domain.units import format_duration
from runlog.review import WeeklyReview, week_start_for, weekly_review
from runlog.tui.screens.html_report_dialog import HtmlReportDialog
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.day_chart import DayChart
from runlog.tui.widgets.trend import TrendChart
from runlog.wording import change_text, distance_onset, finding_onset, finding_where, mornings_text, time_onset

if TYPE_CHECKING:
    from runlog.store.handle import Store

_WEEK = dt.timedelta(days=7)
#: Weeks outside these years are a typing slip (and near year 1 or 9999 the
#: 12 weeks of history would not fit in a date).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(9998, 12, 31)


@dataclass
class ReviewLoaded(Message):
    """The review of one week is ready."""

    review: WeeklyReview


class ReviewScreen(Screen[None]):
    """One week at a time: figures, days, trend, findings."""

    TITLE = "runlog"
    SUB_TITLE = "Weekly review"
    AUTO_FOCUS = "#review-findings"

    DEFAULT_CSS = """
    ReviewScreen #review-nav {
        height: 1;
        padding: 0 1;
    }
    ReviewScreen #review-week {
        width: 1fr;
        text-style: bold;
    }
    ReviewScreen #review-jump {
        display: none;
        width: 44;
        height: 1;
        border: none;
        padding: 0 1;
    }
    ReviewScreen #review-jump.open {
        display: block;
    }
    ReviewScreen #review-top {
        height: 11;
    }
    ReviewScreen .review-box {
        border: round $primary 60%;
        border-title-color: $text-accent;
        padding: 0 1;
        height: 100%;
    }
    ReviewScreen #review-figures {
        width: 42;
    }
    ReviewScreen #review-days {
        width: 1fr;
    }
    ReviewScreen #review-trend {
        width: 38;
    }
    ReviewScreen #review-findings {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("left,left_square_bracket", "previous_week", "Previous week", id="review.previous_week", key_display="←"),
        Binding("right,right_square_bracket", "next_week", "Next week", id="review.next_week", key_display="→"),
        Binding("t", "this_week", "This week", id="review.this_week", tooltip="Back to the week of today"),
        Binding("j", "jump", "Jump to date", id="review.jump", tooltip="Show the week of a date you type"),
        Binding(
            "h", "html_report", "HTML report", id="review.html_report",
            tooltip="Write the 12 weeks shown as one page to print or give a podiatrist",
        ),
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the runs"),
    ]

    def __init__(self, store: Store, today: dt.date, day: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        #: A day of the week being shown (or asked for).
        self.day = day or today
        self.review: WeeklyReview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-nav"):
            yield Static("Loading the week…", id="review-week")
            yield Input(placeholder="date: 2026-10-03, yesterday, mon, 3 Oct", id="review-jump")
        with Horizontal(id="review-top"):
            yield Static(id="review-figures", classes="review-box")
            yield DayChart(id="review-days", classes="review-box")
            yield TrendChart(id="review-trend", classes="review-box")
        with VerticalScroll(id="review-findings", classes="review-box"):
            yield Static(id="review-findings-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-figures").border_title = "The week"
        self.query_one("#review-days").border_title = "Day by day"
        self.query_one("#review-trend").border_title = "12 weeks"
        self.query_one("#review-findings").border_title = "Patterns"
        self.load(self.day)

    # --- loading --------------------------------------------------------

    def load(self, day: dt.date) -> None:
        def job() -> ReviewLoaded:
            from runlog.store.review_data import load_review_data

            with self.store.read() as session:
                data = load_review_data(session, day)
            return ReviewLoaded(weekly_review(data, day, self.today))

        store_job(self, "load the weekly review", job, group="review-load")

    def on_review_loaded(self, message: ReviewLoaded) -> None:
        review = message.review
        # A quick run of key presses: only the week last asked for is shown.
        if week_start_for(self.day, review.settings.week_start) != review.start:
            return
        self.review = review
        units = review.settings.units
        self.query_one("#review-week", Static).update(self._week_title(review))
        self.query_one("#review-figures", Static).update(figures_text(review))
        chart = self.query_one(DayChart)
        chart.border_title = f"Day by day ({units.value})"
        chart.show(review.days, units)
        self.query_one(TrendChart).show(review.trend, units)
        findings = self.query_one("#review-findings", VerticalScroll)
        findings.border_title = (
            f"Patterns in the 12 weeks {_day(review.findings_since, weekday=False)} – "
            f"{_day(review.end, weekday=False)}, {review.end.year}"
        )
        self.query_one("#review-findings-text", Static).update(findings_text(review))
        findings.scroll_home(animate=False)

    def _week_title(self, review: WeeklyReview) -> Text:
        title = Text.assemble(
            ("◀ ", "dim"),
            (f"Week of {_day(review.start)} – {_day(review.end)}, {review.end.year}", "bold"),
            (" ▶", "dim"),
        )
        if review.start <= self.today <= review.end:
            title.append("  this week, so far", "italic")
        title.append("    ←/→ week · t this week · j jump to a date", "dim")
        return title

    # --- navigation -----------------------------------------------------

    def _go(self, day: dt.date) -> bool:
        """Show the week of ``day``; False (and a notice) for a day out of range."""
        if not FIRST_DAY <= day <= LAST_DAY:
            self.notify(f"runlog reviews weeks from {FIRST_DAY.year} to {LAST_DAY.year}.", title="Weekly review")
            return False
        self.day = day
        self.load(day)
        return True

    def action_previous_week(self) -> None:
        self._go(self.day - _WEEK)

    def action_next_week(self) -> None:
        self._go(self.day + _WEEK)

    def action_this_week(self) -> None:
        self._go(self.today)

    def action_jump(self) -> None:
        jump = self.query_one("#review-jump", Input)
        jump.value = ""
        jump.add_class("open")
        jump.focus()

    @on(Input.Submitted, "#review-jump")
    def _jumped(self, event: Input.Submitted) -> None:
        try:
            day = parse_date(event.value, self.today)
        except ValueError as exc:
            self.notify(f"{exc}; try 2026-10-03, yesterday, mon or 3 Oct.", title="Jump to date", severity="warning")
            return
        if self._go(day):
            self._close_jump()

    def _close_jump(self) -> None:
        jump = self.query_one("#review-jump", Input)
        jump.remove_class("open")
        self.query_one("#review-findings").focus()

    def action_html_report(self) -> None:
        if self.review is None:
            return
        from runlog.review import TREND_WEEKS

        self.app.push_screen(
            HtmlReportDialog(self.store, database_path(self.store), self.review.end, TREND_WEEKS, self.today)
        )

    def action_back(self) -> None:
        if self.query_one("#review-jump", Input).has_class("open"):
            self._close_jump()
        else:
            self.dismiss()


def database_path(store: Store) -> Path:
    """The file of the log the screen reads."""
    return Path(store.engine.url.database)


# --- text of the panels ----------------------------------------------------


def figures_text(review: WeeklyReview) -> Text:
    """The week's numbers, one per line, a label column on the left."""
    f = review.figures
    units = review.settings.units
    lines: list[tuple[str, Text | str]] = []
    if not f.runs:
        lines.append(("Runs", "none this week"))
    else:
        runs = f"{f.runs}, {f.pain_runs} with pain" if f.pain_runs else f"{f.runs}, none with pain"
        lines += [("Runs", runs), ("Distance", _km(f.distance_m, units)), ("Time", format_duration(f.duration_s))]
        lines.append(("Longest", _km(f.longest_m, units)))
    lines.append(("Week before", _change(review)))
    if f.pain_runs:
        lines.append(("Intensity", f"mean {f.mean_intensity:.1f}, worst {f.worst_intensity}/10"))
        lines.append(("Pain began", _onsets(review)))
        lines.append(("Next morning", _mornings(review)))
    for shoe in review.shoes:
        text = Text(f"{shoe.usage.shoe.name}: {units.from_metres(shoe.total_m):.0f} {units.value} so far")
        if shoe.past_retirement:
            text.append(" ⚠", "bold yellow")
        lines.append(("Shoe", text))
    out = Text()
    for index, (label, value) in enumerate(lines):
        if index:
            out.append("\n")
        out.append(f"{label:<13}", "dim")
        out.append_text(value if isinstance(value, Text) else Text(value))
    return out


def findings_text(review: WeeklyReview) -> Group:
    """Each finding: what, where, since when; its evidence; why; what to try."""
    report = review.report
    units = review.settings.units
    parts: list[RenderableType] = []
    if not report.findings:
        parts.append(Text("No pattern in these 12 weeks.", "bold"))
    for finding in report.findings:
        parts += [_finding_title(finding), _finding_body(finding, review, units), Text("")]
    # The "why not" notes: pain that made no pattern, and why.
    parts += [Text(f"Note: {note}.", "dim") for note in report.notes]
    if report.notes or not report.findings:
        parts.append(Text(""))
    parts.append(Text(report.disclaimer, "italic dim"))
    return Group(*parts)


def _finding_title(finding: Finding) -> Text:
    resolved = finding.status is Status.RESOLVED
    title = Text()
    title.append("● ", "green" if resolved else "red")
    title.append(finding_where(finding), "bold")
    title.append("  ")
    title.append(finding.status.value.upper(), "bold green" if resolved else "bold red")
    if finding.change is not None:
        title.append(f" {change_text(finding.change, lambda day: _day(day, weekday=False))}", "bold green")
    return title


def _finding_body(finding: Finding, review: WeeklyReview, units: Units) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", width=13, no_wrap=True)
    grid.add_column(ratio=1)
    morning = (
        f"gone next morning {finding.cleared_by_morning:.0%} of recorded times"
        if finding.cleared_by_morning is not None
        else "next mornings not recorded"
    )
    grid.add_row(
        "Pain began",
        f"{finding_onset(finding, units)} · {finding.episodes} runs · {morning} · "
        f"{finding.severity.value} · confidence {finding.confidence:.2f}",
    )
    grid.add_row("Evidence", evidence_text(finding.evidence, review.start, review.end))
    grid.add_row("Why", finding.explanation)
    label = "If it returns" if finding.status is Status.RESOLVED else "Try"
    for code in finding.suggestions:
        grid.add_row(label, f"• {SUGGESTION_TEXT[code]}")
        label = ""
    return Padding(grid, (0, 0, 0, 2))


def evidence_text(days: tuple[dt.date, ...], start: dt.date, end: dt.date) -> Text:
    """``Sep 11 14 18 · Oct 1 5``, the days of the shown week picked out."""
    text = Text()
    month = None
    for day in days:
        if (day.year, day.month) != month:
            if month is not None:
                text.append(" · ", "dim")
            text.append(f"{day:%b} ", "dim")
            month = (day.year, day.month)
        else:
            text.append(" ")
        text.append(str(day.day), "bold reverse" if start <= day <= end else "")
    return text


def _day(day: dt.date, weekday: bool = True) -> str:
    """``Mon Nov 23`` (or ``Nov 23``): month first, as the evidence reads."""
    text = f"{day:%b} {day.day}"
    return f"{day:%a} {text}" if weekday else text


def _km(metres: float, units: Units) -> str:
    return f"{units.from_metres(metres):.1f} {units.value}"


def _change(review: WeeklyReview) -> Text:
    f = review.figures
    units = review.settings.units
    if f.distance_change is None:
        return Text("no runs", "dim")
    text = Text(f"{_km(f.previous_distance_m, units)}, {f.distance_change:+.0%}")
    if f.big_jump:
        text.append(" ⚠ over 10%", "bold yellow")
    return text


def _onsets(review: WeeklyReview) -> str:
    """``4.8, 5.1 km`` (and ``30 min`` for onsets logged by time only)."""
    units = review.settings.units
    onsets = [point.pain for point in review.figures.onsets]
    # The unit is said once after the figures: ``4.8, 5.1 km``.
    by_distance = [distance_onset(p.onset_m, units).split()[0] for p in onsets if p.onset_m is not None]
    by_time = [time_onset(p.onset_s).split()[0] for p in onsets if p.onset_m is None and p.onset_s is not None]
    parts = []
    if by_distance:
        parts.append(f"{', '.join(by_distance)} {units.value}")
    if by_time:
        parts.append(f"{', '.join(by_time)} min")
    return "; ".join(parts) or "not recorded"


def _mornings(review: WeeklyReview) -> str:
    return mornings_text(review.figures.mornings, review.figures.mornings_missing)
