"""The shoe and orthotic imported activities of a kind get (``k`` in the gear screen).

Without a default, an imported activity gets what the last one of its kind
wore; a Strava gear name always wins.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from runlog.domain import Orthotic, Shoe
from runlog.domain.activity import ActivityKind
from runlog.tui.form_keys import ENTER_BINDING, TAB_BINDINGS, EnterMovesOn
from runlog.tui.widgets.choice import Choice
from runlog.tui.widgets.field_row import FieldRow

#: What "no default" means, as the dialog's choices say it.
LAST_USED = "last used for the kind"

KindGear = tuple[ActivityKind, Shoe | None, Orthotic | None]


class KindGearForm(EnterMovesOn, ModalScreen[KindGear | None]):
    """Dismisses with ``(kind, shoe, orthotic)`` to save (``None`` in both: no default), or ``None``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="kind_gear.save", priority=True),
        ENTER_BINDING,
        *TAB_BINDINGS,
        Binding("escape", "dismiss(None)", "Cancel", id="kind_gear.cancel"),
    ]

    def __init__(
        self,
        shoes: list[Shoe],
        orthotics: list[Orthotic],
        defaults: dict[ActivityKind, tuple[Shoe | None, Orthotic | None]],
        kind: ActivityKind = ActivityKind.RUN,
        picked: Shoe | Orthotic | None = None,
    ) -> None:
        super().__init__()
        self.shoes = shoes
        self.orthotics = orthotics
        self.defaults = defaults
        self.kind = kind
        #: The shoe or orthotic selected in the gear screen: the dialog starts with it.
        self.picked = picked

    def compose(self) -> ComposeResult:
        shoe, orthotic = self.defaults.get(self.kind, (None, None))
        if isinstance(self.picked, Shoe):
            shoe = self.picked
        elif isinstance(self.picked, Orthotic):
            orthotic = self.picked
        with Vertical(classes="dialog", id="kind-gear-form"):
            yield Static("Gear for imported activities", classes="dialog-title")
            yield FieldRow("Kind", Choice([(k.label, k) for k in ActivityKind], self.kind, id="kind"),
                           "←/→ to change", key="kind")
            yield FieldRow("Shoe", Choice([(LAST_USED, None)] + [(s.name, s) for s in self.shoes], shoe, id="shoe"),
                           "←/→ or first letter", key="shoe")
            yield FieldRow("Orthotic",
                           Choice([(LAST_USED, None)] + [(o.name, o) for o in self.orthotics], orthotic, id="orthotic"),
                           "←/→ or first letter", key="orthotic")
            yield Static("A Strava gear name always wins over these.", classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#kind", Choice).focus()

    @on(Choice.Changed, "#kind")
    def _kind_changed(self, message: Choice.Changed) -> None:
        # A kind with a default shows it; otherwise what is picked stays, to be set for this kind.
        if message.value in self.defaults:
            shoe, orthotic = self.defaults[message.value]
            self.query_one("#shoe", Choice).value = shoe
            self.query_one("#orthotic", Choice).value = orthotic

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss((self.query_one("#kind", Choice).value, self.query_one("#shoe", Choice).value,
                      self.query_one("#orthotic", Choice).value))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
