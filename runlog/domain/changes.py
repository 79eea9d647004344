"""Changes the runner made to deal with the pain (DOMAIN.md, "Changes the runner made").

A change is a dated thing the runner did: new shoes, orthotics, a higher
cadence, a strength or physio programme, rest, or anything else, with a short
label. The runner records most of them; the first day a shoe or orthotic was
worn is a change of its own (``source`` ``gear``), read from the log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from runlog.domain.text import name_problem

#: The longest label a change may have, in characters.
MAX_LABEL = 200


class RunnerChangeKind(StrEnum):
    """What kind of change; the values are a public contract (storage, ``change``, ``detect --json``)."""

    SHOE = "shoe"
    ORTHOTIC = "orthotic"
    CADENCE = "cadence"
    STRENGTH = "strength"
    PHYSIO = "physio"
    REST = "rest"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value


class ChangeSource(StrEnum):
    """Where a change comes from: typed by the runner, or the first day gear was worn."""

    RECORDED = "recorded"
    GEAR = "gear"


@dataclass(frozen=True, slots=True)
class RunnerChange:
    """One dated change: what the before/after comparison is made around."""

    date: dt.date
    kind: RunnerChangeKind
    label: str = ""
    source: ChangeSource = ChangeSource.RECORDED
    #: The stored id of a recorded change; ``None`` for one read from the gear.
    id: int | None = None

    def to_json(self) -> dict:
        """``change list --json``'s object."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "kind": self.kind.value,
            "label": self.label,
            "source": self.source.value,
        }


def change_order(change: RunnerChange) -> tuple:
    """Oldest first; on one day recorded before gear, then by kind, label and id."""
    return (change.date, change.source != ChangeSource.RECORDED, change.kind.value, change.label,
            -1 if change.id is None else change.id)


def kind_problem(text: str) -> str | None:
    """Why ``text`` is not a change kind, or ``None``."""
    if text.strip().lower() in RunnerChangeKind.__members__.values():
        return None
    kinds = " ".join(kind.value for kind in RunnerChangeKind)
    return f"kind {text!r} is not one of {kinds}"


def label_problem(text: str) -> str | None:
    """Why ``text`` cannot be a change's label, or ``None`` (a blank label is fine)."""
    if len(text) > MAX_LABEL:
        return f"label is longer than {MAX_LABEL} characters"
    problem = name_problem(text)
    return None if problem is None else problem.replace("a name", "a label")
