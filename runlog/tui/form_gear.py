"""What the run form offers, loaded with the main screen's notices (never on the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field

from runlog.domain import Orthotic, Shoe
from runlog.domain.activity import ActivityKind


@dataclass
class FormGear:
    """The gear the run form offers, and the last used (the new run's default)."""

    shoes: list[Shoe] = field(default_factory=list)
    orthotics: list[Orthotic] = field(default_factory=list)
    last_used: tuple[Shoe | None, Orthotic | None] = (None, None)
    #: The kind of the most recent run: the new run's default.
    last_kind: ActivityKind = ActivityKind.RUN
