"""What the run form offers, loaded with the main screen's notices (never on the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field

from runlog.domain import Orthotic, PainSite, Shoe, Side
from runlog.domain.activity import ActivityKind


@dataclass
class FormGear:
    """The gear the run form offers, and the last used (the new run's default)."""

    shoes: list[Shoe] = field(default_factory=list)
    orthotics: list[Orthotic] = field(default_factory=list)
    last_used: tuple[Shoe | None, Orthotic | None] = (None, None)
    #: The kind of the most recent run: the new run's default.
    last_kind: ActivityKind = ActivityKind.RUN
    #: The site and side of the pain logged last: where the knee picker starts.
    last_site: tuple[PainSite, Side] | None = None
