"""What the detector reports: findings, the report around them, and their JSON.

The field names and string values are the ``detect --json`` contract in
the README's "Contracts"; ``to_json`` produces exactly that shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from runlog.domain import ActivityFamily, PainSite, Side, Units

if TYPE_CHECKING:
    from runlog.detect.before_after import Comparison
    from runlog.detect.progress import Progress
    from runlog.detect.spikes import Spike


class Pattern(StrEnum):
    """The patterns the detector can report."""

    RUNNERS_KNEE = "runners_knee"
    OUTER_KNEE_SUPINATION = "outer_knee_supination"
    PERSISTENT_KNEE_PAIN = "persistent_knee_pain"

    @property
    def title(self) -> str:
        """The pattern's name in plain words, for headings."""
        return _TITLES[self]


_TITLES = {
    Pattern.RUNNERS_KNEE: "Runner's knee pattern",
    Pattern.OUTER_KNEE_SUPINATION: "Outer-knee pattern (over-supination)",
    Pattern.PERSISTENT_KNEE_PAIN: "Knee pain that does not clear by morning",
}


class OnsetBasis(StrEnum):
    """Whether onsets are compared by distance or by time into the run."""

    DISTANCE = "distance"
    TIME = "time"


class Severity(StrEnum):
    MILD = "mild"
    SIGNIFICANT = "significant"


class Status(StrEnum):
    ACTIVE = "active"
    RESOLVED = "resolved"


class ChangeKind(StrEnum):
    SHOE = "shoe"
    ORTHOTIC = "orthotic"


class Suggestion(StrEnum):
    """Suggestion codes of the package docstring's table; the words are in ``SUGGESTION_TEXT``."""

    MOTION_CONTROL_SHOES = "motion_control_shoes"
    ORTHOTICS = "orthotics"
    SEE_FOOT_SPECIALIST = "see_foot_specialist"
    SHOCK_ABSORBING_ORTHOTICS = "shock_absorbing_orthotics"
    SEE_KNEE_SPECIALIST = "see_knee_specialist"
    ICE_SHORT_TERM = "ice_short_term"


@dataclass(frozen=True, slots=True)
class Change:
    """A switch of shoe or orthotic: the first run on which the gear differed."""

    date: dt.date
    kind: ChangeKind
    #: The new shoe or orthotic; ``None`` when the runner stopped wearing orthotics.
    name: str | None

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind.value, "name": self.name}


@dataclass(frozen=True, slots=True)
class Finding:
    """One pattern on one knee, with the numbers behind it."""

    pattern: Pattern
    side: Side
    #: The sites of the group that were logged on its episodes, in vocabulary order.
    sites: tuple[PainSite, ...]
    episodes: int
    onset_basis: OnsetBasis
    #: Median onset distance in km over the episodes that have one, else ``None``.
    onset_km: float | None
    #: Median onset time in minutes over the episodes that have one, else ``None``.
    onset_min: float | None
    #: Share of recorded next mornings that were ``gone``; ``None`` if none recorded.
    cleared_by_morning: float | None
    severity: Severity
    status: Status
    #: For a resolved finding, the gear change before the pain-free stretch.
    change: Change | None
    confidence: float
    #: The dates of the episodes, oldest first.
    evidence: tuple[dt.date, ...]
    suggestions: tuple[Suggestion, ...]
    explanation: str
    #: The family whose activities the pattern was found in: runs and walks are looked at apart.
    activity: ActivityFamily = ActivityFamily.RUN
    #: Dates of the family's spikes in the 28 days before the first episode (``spikes``).
    spikes_before: tuple[dt.date, ...] = ()
    #: Before and after each change from the first episode on (``before_after``).
    comparisons: tuple[Comparison, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The finding as the ``detect --json`` object of the README's "Contracts"."""
        return {
            "pattern": self.pattern.value,
            "side": self.side.value,
            "sites": [site.value for site in self.sites],
            "episodes": self.episodes,
            "onset_basis": self.onset_basis.value,
            "onset_km": _round(self.onset_km, 2),
            "onset_min": _round(self.onset_min, 1),
            "cleared_by_morning": _round(self.cleared_by_morning, 2),
            "severity": self.severity.value,
            "status": self.status.value,
            "change": None if self.change is None else self.change.to_json(),
            "confidence": round(self.confidence, 2),
            "evidence": [day.isoformat() for day in self.evidence],
            "suggestions": [code.value for code in self.suggestions],
            "explanation": self.explanation,
            "activity": self.activity.value,
            "spikes_before": [day.isoformat() for day in self.spikes_before],
            "before_after": [comparison.to_json() for comparison in self.comparisons],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The detector's answer for one window of runs."""

    since: dt.date
    until: dt.date
    #: Runs dated inside the window, with or without pain.
    runs_considered: int
    findings: tuple[Finding, ...]
    #: Why knee pain in the window did not make a finding, in plain words.
    notes: tuple[str, ...]
    disclaimer: str
    #: The unit the explanations and notes were worded in.
    units: Units = Units.KM
    #: Is it getting better: one entry per group with at least 6 episodes (version 2).
    progress: tuple[Progress, ...] = ()
    #: Single runs much longer than usual, dated in the window, oldest first (version 2).
    spikes: tuple[Spike, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The whole ``detect --json`` object of the README's "Contracts" (version 2)."""
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "runs_considered": self.runs_considered,
            "findings": [finding.to_json() for finding in self.findings],
            "progress": [entry.to_json() for entry in self.progress],
            "spikes": [spike.to_json() for spike in self.spikes],
            "disclaimer": self.disclaimer,
        }


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)
