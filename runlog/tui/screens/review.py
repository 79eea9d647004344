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

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from runlog.domain.dates import FIRST_DATE, date_problem, parse_date
from runlog.review import WeeklyReview, week_start_for, weekly_review
from runlog.tui.damaged_runs import say_skipped
from runlog.tui.screens.html_report_dialog import HtmlReportDialog
from runlog.tui.screens.review_progress import progress_text
from runlog.tui.screens.review_text import day_label, figures_text, findings_text
from runlog.tui.store_jobs import store_job
from runlog.tui.widgets.day_chart import DayChart
from runlog.tui.widgets.trend import TrendChart

if TYPE_CHECKING:
    from runlog.store.handle import Store

_WEEK = dt.timedelta(days=7)
#: Weeks outside these years are a typing slip (and near year 1 or 9999 the
#: 12 weeks of history would not fit in a date).


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
    ReviewScreen #review-keys {
        width: auto;
        color: $text-muted;
    }
    /* Wide: figures, days and trend side by side over the findings. */
    ReviewScreen #review-body {
        layout: grid;
        grid-size: 3 3;
        grid-columns: 42 1fr 38;
        grid-rows: 13 auto 1fr;
    }
    ReviewScreen .review-box {
        border: round $primary 60%;
        border-title-color: $text-accent;
        padding: 0 1;
        height: 100%;
    }
    ReviewScreen #review-findings { column-span: 3; }
    /* A figure never wraps into the next line's place (the shoe's). */
    ReviewScreen #review-figures {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ReviewScreen #review-progress {
        column-span: 3;
        height: auto;
        max-height: 12;
    }
    /* Narrow: one column that scrolls, the days and the findings first. */
    ReviewScreen.-narrow #review-keys { display: none; }
    ReviewScreen.-narrow #review-body { layout: vertical; }
    ReviewScreen.-narrow .review-box {
        height: auto;
        width: 1fr;
    }
    ReviewScreen.-narrow #review-progress { max-height: 60; }
    ReviewScreen.-narrow #review-days {
        height: auto;
    }
    ReviewScreen.-narrow #review-trend {
        height: 11;
    }
    """

    BINDINGS = [
        Binding("left,left_square_bracket", "previous_week", "Prev week", id="review.previous_week", key_display="←"),
        Binding("right,right_square_bracket", "next_week", "Next week", id="review.next_week", key_display="→"),
        Binding("t", "this_week", "This week", id="review.this_week", tooltip="Back to the week of today"),
        Binding("j", "jump", "Jump", id="review.jump", tooltip="Show the week of a date you type"),
        Binding(
            "h", "html_report", "HTML/PDF report", id="review.html_report",
            tooltip="Write the report of the 12 weeks shown, as HTML or PDF, to print or give your clinician",
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
            yield Static("←/→ week · t this week · j jump to a date", id="review-keys")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-figures", classes="review-box")
            yield DayChart(id="review-days", classes="review-box")
            yield TrendChart(id="review-trend", classes="review-box")
            with VerticalScroll(id="review-progress", classes="review-box"):
                yield Static(id="review-progress-text")
            with VerticalScroll(id="review-findings", classes="review-box"):
                yield Static(id="review-findings-text")
        yield Footer()

    def on_resize(self) -> None:
        # Screen's own resize handler (which sets ``-narrow``) runs after this one.
        self.call_later(self._arrange)

    def _arrange(self) -> None:
        """Order the panels for the width: side by side (figures, days, trend,
        then findings) when wide; the days and findings first when narrow."""
        body = self.query_one("#review-body")
        figures, days, trend, progress, findings = (
            self.query_one(f"#review-{name}") for name in ("figures", "days", "trend", "progress", "findings")
        )
        wanted = (
            [days, progress, findings, figures, trend]
            if self.has_class("-narrow")
            else [figures, days, trend, progress, findings]
        )
        if list(body.children) != wanted:
            for widget in wanted:
                body.move_child(widget, after=len(body.children) - 1)
        # The panel that scrolls takes the keys: the whole column when narrow.
        if self.focused in (None, body, findings):
            (body if self.has_class("-narrow") else findings).focus()

    def on_mount(self) -> None:
        self.query_one("#review-figures").border_title = "The week"
        self.query_one("#review-days").border_title = "Day by day"
        self.query_one("#review-trend").border_title = "12 weeks"
        self.query_one("#review-findings").border_title = "Patterns"
        self.query_one("#review-progress").border_title = "Progress: is it getting better?"
        self.query_one("#review-progress").display = False
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
        say_skipped(self, self.store)
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
            f"Patterns in the 12 weeks {day_label(review.findings_since, weekday=False)} – "
            f"{day_label(review.end, weekday=False)}, {review.end.year}"
        )
        theme = self.app.current_theme
        self.query_one("#review-findings-text", Static).update(
            findings_text(review, theme.success or "green", theme.error or "red"))
        panel = progress_text(review)
        self.query_one("#review-progress").display = panel is not None
        self.query_one("#review-progress-text", Static).update(panel or "")
        findings.scroll_home(animate=False)

    def _week_title(self, review: WeeklyReview) -> Text:
        title = Text.assemble(
            ("◀ ", "dim"),
            (f"Week of {day_label(review.start)} – {day_label(review.end)}, {review.end.year}", "bold"),
            (" ▶", "dim"),
        )
        if review.start <= self.today <= review.end:
            title.append("  this week, so far", "italic")
        return title

    # --- navigation -----------------------------------------------------

    def _go(self, day: dt.date) -> bool:
        """Show the week of ``day``; False (and a notice) for a day out of
        range: the run form's rule, from 1900-01-01 to this week."""
        problem = date_problem(day, self.today)
        if problem:
            self.notify(
                f"{problem[0].upper()}{problem[1:]}: runlog reviews weeks from {FIRST_DATE.isoformat()} to this week.",
                title="Weekly review",
            )
            return False
        self.day = day
        self.load(day)
        return True

    def action_previous_week(self) -> None:
        self._go(self.day - _WEEK)

    def action_next_week(self) -> None:
        # Up to this week, never past it: a day of next week is in the future.
        if self.day + _WEEK > self.today and self.day < self.today:
            self._go(self.today)
        else:
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
        self.query_one("#review-body" if self.has_class("-narrow") else "#review-findings").focus()

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
