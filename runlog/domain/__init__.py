"""Plain domain objects and vocabulary: no database, no terminal.

Everything the detector, the CSV contract and the screens share lives here, so
each of them can be used and tested without SQLAlchemy or Textual.
"""

from runlog.domain.activity import Activity, ActivityFamily, ActivityKind, Mark
from runlog.domain.changes import ChangeSource, RunnerChange, RunnerChangeKind
from runlog.domain.models import Orthotic, Pain, Run, Settings, Shoe, ShoeUsage
from runlog.domain.units import Units
from runlog.domain.vocab import (
    FRONT_INNER_SITES,
    KNEE_SITES,
    NON_KNEE_SITES,
    OUTER_SITES,
    NextMorning,
    OrthoticType,
    PainSite,
    ShoeType,
    Side,
)

__all__ = [
    "Activity",
    "ActivityFamily",
    "ActivityKind",
    "ChangeSource",
    "Mark",
    "FRONT_INNER_SITES",
    "KNEE_SITES",
    "NON_KNEE_SITES",
    "OUTER_SITES",
    "NextMorning",
    "Orthotic",
    "OrthoticType",
    "Pain",
    "PainSite",
    "Run",
    "RunnerChange",
    "RunnerChangeKind",
    "Settings",
    "Shoe",
    "ShoeType",
    "ShoeUsage",
    "Side",
    "Units",
]
