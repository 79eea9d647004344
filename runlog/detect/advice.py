"""What runlog suggests for a finding (the table in the ``runlog.detect`` package
docstring), in codes and plain words.

The words are options to discuss with a professional, attributed to their
source (one podiatrist's page, with the trials DOMAIN.md's "How sure is this
advice" names), never promises: no efficacy superlatives, no cause stated as
fact, no diagnosis (``tests/test_claims.py``).

runlog never suggests medication or doses, and strengthening exercises are
left out on purpose: the source rates them of marginal use for a mechanical
problem. Every output that suggests anything carries ``DISCLAIMER``.
"""

from __future__ import annotations

from runlog.detect.findings import Pattern, Severity, Suggestion
from runlog.domain import OrthoticType, Run, ShoeType

DISCLAIMER = (
    "runlog finds patterns in your own log; it does not diagnose. "
    "Talk to a health professional about any pain."
)

SUGGESTION_TEXT: dict[Suggestion, str] = {
    Suggestion.MOTION_CONTROL_SHOES: (
        "Motion-control running shoes limit how far the arch rolls in; the source "
        "suggests them for a mild case, and a trial found fewer injuries with them "
        "in runners whose feet roll in. An option to discuss with a professional."
    ),
    Suggestion.ORTHOTICS: (
        "Orthotics, custom-made or well made, that limit over-pronation: the "
        "source's main suggestion for this pattern, and trials found short-term "
        "relief with them. An option to discuss with a podiatrist or physio."
    ),
    Suggestion.SEE_FOOT_SPECIALIST: (
        "You already run in orthotics: have a foot specialist check them and "
        "refit or adjust them."
    ),
    Suggestion.SHOCK_ABSORBING_ORTHOTICS: (
        "Pain on the outside of the knee can come from a foot that absorbs shock "
        "poorly (over-supination). Shock-absorbing orthotics fitted by a foot "
        "specialist may help; most off-the-shelf inserts absorb little shock."
    ),
    Suggestion.SEE_KNEE_SPECIALIST: (
        "Pain still there the next morning does not fit this pattern, and the "
        "source suggests no shoes or orthotics for it: a knee specialist should "
        "look at it."
    ),
    Suggestion.ICE_SHORT_TERM: (
        "For comfort only: a few minutes of ice on the knee before and after a run "
        "can ease the symptoms for now, but it does not treat the cause."
    ),
}


def suggestions_for(pattern: Pattern, severity: Severity, latest: Run) -> tuple[Suggestion, ...]:
    """The suggestion codes for a finding; ``latest``'s shoe and orthotic
    decide "already wearing". For an active finding that is its most recent
    episode's run; for a resolved one the most recent run of all, so the
    advice for a return follows the gear worn now.

    For the outer-knee pattern a runner already in shock-absorbing orthotics
    is sent to have them checked rather than told to get some.
    """
    if pattern is Pattern.PERSISTENT_KNEE_PAIN:
        return (Suggestion.SEE_KNEE_SPECIALIST,)
    orthotic = latest.orthotic
    if pattern is Pattern.OUTER_KNEE_SUPINATION:
        if orthotic is not None and orthotic.type is OrthoticType.SHOCK_ABSORBING:
            main = Suggestion.SEE_FOOT_SPECIALIST
        else:
            main = Suggestion.SHOCK_ABSORBING_ORTHOTICS
    elif orthotic is not None:
        main = Suggestion.SEE_FOOT_SPECIALIST
    elif severity is Severity.SIGNIFICANT or (
        latest.shoe is not None and latest.shoe.type is ShoeType.MOTION_CONTROL
    ):
        main = Suggestion.ORTHOTICS
    else:
        main = Suggestion.MOTION_CONTROL_SHOES
    return (main, Suggestion.ICE_SHORT_TERM)
