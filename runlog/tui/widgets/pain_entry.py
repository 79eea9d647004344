"""One pain entry inside the run form: where (knee picker), when it began,
how bad, and whether it stopped the run."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from runlog.domain import NextMorning, PainSite, Side, Units
from runlog.tui.form_input import PainFields
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow
from runlog.tui.widgets.knee_picker import KneePicker


class PainEntry(Vertical):
    """The fields of one pain entry; ``fields()`` reads them back."""

    DEFAULT_CSS = """
    PainEntry {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $warning 50%;
    }
    PainEntry:focus-within {
        border-left: thick $warning;
    }
    PainEntry > .pain-title {
        text-style: bold;
        margin: 0 0 0 0;
    }
    PainEntry > FieldRow {
        margin: 0;
    }
    PainEntry > .mark-offer {
        color: $text-accent;
        text-style: bold;
    }
    PainEntry > FieldRow > Input, PainEntry > FieldRow > Choice {
        width: 12;
    }
    /* The picker has no hint: its note shows only for an error, so the
       drawing keeps the columns it needs in an 80-column terminal. */
    PainEntry > FieldRow.where-row > .field-note {
        display: none;
    }
    PainEntry > FieldRow.where-row > .field-note.-error {
        display: block;
    }
    """

    def __init__(
        self,
        number: int,
        units: Units,
        fields: PainFields | None = None,
        offer: str = "",
        cursor_on: tuple[PainSite, Side] | None = None,
    ) -> None:
        super().__init__(classes="pain-entry")
        self.number = number
        self.units = units
        self._start = fields or PainFields()
        #: The watch's lap press offered as the onset, shown just above the onset fields.
        self._offer = offer
        #: Where the knee picker's cursor starts (the site logged last).
        self._cursor_on = cursor_on

    def compose(self) -> ComposeResult:
        start = self._start
        yield Static(self._title(), classes="pain-title")
        where = FieldRow("Where", KneePicker(start.site, start.side, cursor_on=self._cursor_on), key="site")
        where.add_class("where-row")
        yield where
        offer = Static(self._offer, classes="mark-offer", markup=False)
        offer.display = bool(self._offer)
        yield offer
        yield FieldRow(
            f"Onset ({self.units.value})",
            Input(start.onset_distance, placeholder=self.units.value, compact=True, classes="onset-distance"),
            f"{self.units.value} into the run · ? if not sure",
            key="onset",
        )
        yield FieldRow(
            "Onset (time)",
            Input(start.onset_time, placeholder="min", compact=True, classes="onset-time"),
            "minutes into the run (28 or 28:30)",
            key="onset-time",
        )
        yield FieldRow(
            "Intensity",
            Input(start.intensity, placeholder="0-10", compact=True, classes="intensity"),
            "0 to 10, the worst during the run",
            key="intensity",
        )
        yield FieldRow(
            "Stopped early",
            Choice([("no", False), ("yes", True)], start.stopped_early, classes="stopped-early"),
            "did the pain stop the run or cut it short?",
            key="stopped",
        )
        yield FieldRow(
            "Next morning",
            Choice(
                [("not recorded", None)] + [(status.value, status) for status in NextMorning],
                start.next_morning,
                classes="next-morning",
            ),
            "how it was the morning after",
            key="morning",
        )

    def _title(self) -> str:
        return f"Pain {self.number}   (ctrl+r removes this entry)"

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".pain-title", Static).update(self._title())

    def fields(self) -> PainFields:
        """What the runner entered, unparsed (what it opened with, while its
        fields are still being built)."""
        if not self.query(KneePicker):
            return replace(self._start)
        picked = self.query_one(KneePicker).value
        return PainFields(
            id=self._start.id,
            next_morning=self.query_one(".next-morning", Choice).value,
            site=picked[0] if picked else None,
            side=picked[1] if picked else None,
            onset_distance=self.query_one(".onset-distance", Input).value,
            onset_time=self.query_one(".onset-time", Input).value,
            intensity=self.query_one(".intensity", Input).value,
            stopped_early=bool(self.query_one(".stopped-early", Choice).value),
        )

    def show_offer(self, text: str) -> None:
        """Offer a lap press as the onset (``""``: none to offer)."""
        self._offer = text
        for offer in self.query(".mark-offer").results(Static):
            offer.update(text)
            offer.display = bool(text)

    def set_onset(self, distance: str, time: str) -> None:
        """Fill the onset fields (from a lap press the runner accepted)."""
        self.query_one(".onset-distance", Input).value = distance
        self.query_one(".onset-time", Input).value = time

    def show_errors(
        self, errors: dict[str, str], prefix: str, reveal: bool, notes: dict[str, str] | None = None
    ) -> None:
        """Show this entry's errors (``prefix`` is ``pain0`` ...); with ``reveal``
        false, only for fields the runner has typed in. ``notes`` are warnings
        shown where there is no error."""
        for row in self.query(FieldRow):
            error = errors.get(f"{prefix}.{row.key}")
            if error and not reveal and not self._typed(row):
                error = None
            row.show(error, note=(notes or {}).get(f"{prefix}.{row.key}"))

    def _typed(self, row: FieldRow) -> bool:
        if row.key == "onset":
            return any(i.value.strip() for i in self.query(".onset-distance, .onset-time").results(Input))
        return any(i.value.strip() for i in row.query(Input))
