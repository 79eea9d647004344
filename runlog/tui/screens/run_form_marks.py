"""The run form's offer of the watch's lap presses as a pain's onset (ctrl+o, ctrl+l).

A mixin for ``RunForm``: it holds ``marks`` (the lap presses and markers),
``offered`` (the one on offer), ``units``, and the pain entries.
"""

from __future__ import annotations

from textual.widgets import Input, Static

from runlog.tui.lap_offer import clock_text, mark_offer
from runlog.tui.widgets.knee_picker import KneePicker
from runlog.tui.widgets.pain_entry import PainEntry


class LapOffer:
    """Offers the watch's lap presses one at a time as the onset of a pain."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("use_mark", "next_mark"):
            return bool(self.marks)
        return True

    def _offer_text(self) -> str:
        """``lap pressed at 3.22 km, 18:40 in: use as onset? ctrl+o``, or ``""`` without marks."""
        if not self.marks:
            return ""
        more = " · ctrl+l the next one" if len(self.marks) > 1 else ""
        return f"{mark_offer(self.marks[self.offered], self.units)}: use as onset? ctrl+o{more}"

    def _show_offer(self) -> None:
        text = self._offer_text()
        entries = list(self.query(PainEntry))
        offer = self.query_one("#mark-offer", Static)
        offer.display = bool(text) and not entries
        offer.update(text)
        for entry in entries:
            entry.show_offer(text)

    def action_next_mark(self) -> None:
        self.offered = (self.offered + 1) % len(self.marks)
        self._show_offer()

    async def action_use_mark(self) -> None:
        """Put the offered lap press into the pain entry being edited (a new one if there is none)."""
        entries = list(self.query(PainEntry))
        focused = self.focused
        entry = next((a for a in focused.ancestors if isinstance(a, PainEntry)), None) if focused else None
        if entry is None:
            if entries:
                entry = entries[-1]
            else:
                await self.action_add_pain()
                entry = self.query(PainEntry).last()
        mark = self.marks[self.offered]
        entry.set_onset(
            "" if mark.distance_m is None else f"{self.units.from_metres(mark.distance_m):.2f}",
            "" if mark.elapsed_s is None else clock_text(mark.elapsed_s),
        )
        self.notify(f"Onset set from the watch: {mark_offer(mark, self.units)}.", markup=False)
        if entry.query_one(KneePicker).value is not None:
            # Where it hurt is said already: how bad is next.
            self.set_focus(entry.query_one(".intensity", Input))
        self._check()
