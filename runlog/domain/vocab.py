"""runlog's vocabulary: pain sites, sides, morning statuses, gear types.

The string values are a public contract (storage, CSV, ``detect --json``);
never rename one without a migration and a CHANGELOG entry.
"""

from enum import StrEnum


class PainSite(StrEnum):
    """Where the pain was felt."""

    BELOW_KNEECAP = "below_kneecap"
    INNER_KNEE = "inner_knee"
    KNEECAP = "kneecap"
    OUTER_KNEE = "outer_knee"
    ABOVE_KNEECAP = "above_kneecap"
    BACK_OF_KNEE = "back_of_knee"
    SHIN = "shin"
    CALF = "calf"
    ANKLE = "ankle"
    FOOT = "foot"
    HEEL = "heel"
    HIP = "hip"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The site in plain words, as a runner would say it."""
        return self.value.replace("_", " ")

    @property
    def is_knee(self) -> bool:
        """True for the sites on the knee itself."""
        return self in KNEE_SITES


class Side(StrEnum):
    """Which leg."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def letter(self) -> str:
        """``L`` or ``R``, for compact summaries."""
        return self.value[0].upper()


class NextMorning(StrEnum):
    """How the pain was the morning after the run."""

    GONE = "gone"
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class ShoeType(StrEnum):
    """Kinds of running shoe."""

    NEUTRAL = "neutral"
    STABILITY = "stability"
    MOTION_CONTROL = "motion_control"
    CUSHIONED = "cushioned"
    MINIMALIST = "minimalist"
    TRAIL = "trail"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class OrthoticType(StrEnum):
    """Kinds of orthotic insert."""

    OTC = "otc"
    CUSTOM = "custom"
    SHOCK_ABSORBING = "shock_absorbing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"otc": "off the shelf"}.get(self.value, self.value.replace("_", " "))


#: The front/inner site group: the classic runner's-knee (over-pronation) sites.
FRONT_INNER_SITES = frozenset({PainSite.BELOW_KNEECAP, PainSite.INNER_KNEE, PainSite.KNEECAP})
#: The outer site group: the rarer over-supination variant.
OUTER_SITES = frozenset({PainSite.OUTER_KNEE})
#: Every site on the knee, in the order the knee picker draws them.
KNEE_SITES = (
    PainSite.ABOVE_KNEECAP,
    PainSite.KNEECAP,
    PainSite.INNER_KNEE,
    PainSite.OUTER_KNEE,
    PainSite.BELOW_KNEECAP,
    PainSite.BACK_OF_KNEE,
)
#: Sites away from the knee, listed beside the picker.
NON_KNEE_SITES = tuple(s for s in PainSite if s not in KNEE_SITES)
