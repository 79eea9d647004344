"""Properties of the detector over generated histories (hypothesis).

Each history mixes a planted knee-pain pattern (so findings are common) with
random runs and random pain, on either knee and away from it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from runlog.detect import OnsetBasis, Pattern, Suggestion, detect
from runlog.detect.episodes import GROUP_OF_SITE
from runlog.domain import KNEE_SITES, NextMorning, Pain, PainSite, Run, Side
from tests.histories import INSOLES, MOTION, NEUTRAL, SHOCK_INSOLES, START

SINCE, UNTIL = START, START + dt.timedelta(days=90)
EXAMPLES = settings(max_examples=60, deadline=None)
SHOES = st.sampled_from([None, NEUTRAL, MOTION])
ORTHOTICS = st.sampled_from([None, None, INSOLES, SHOCK_INSOLES])
MORNINGS = st.sampled_from([None, *NextMorning])


@st.composite
def random_pain(draw) -> Pain:
    return Pain(
        site=draw(st.sampled_from([*KNEE_SITES, PainSite.SHIN])),
        side=draw(st.sampled_from(Side)),
        intensity=draw(st.integers(0, 10)),
        onset_m=draw(st.none() | st.floats(0, 15_000)),
        onset_s=draw(st.none() | st.floats(0, 5_400)),
        stopped_early=draw(st.booleans()),
        next_morning=draw(MORNINGS),
    )


@st.composite
def planted_pain(draw, site: PainSite, side: Side, at_m: float, morning: NextMorning, by_distance: bool) -> Pain:
    """The planted pattern's pain: onset within 15% of ``at_m`` (or its time at
    6 min/km), mostly with the history's usual ``morning``."""
    def near(point: float) -> float | None:
        return None if draw(st.integers(0, 7)) == 0 else draw(st.floats(0.85 * point, 1.15 * point))

    return Pain(
        site=site,
        side=side,
        intensity=draw(st.integers(2, 8)),
        onset_m=near(at_m) if by_distance else None,
        onset_s=near(at_m * 0.36),
        stopped_early=draw(st.integers(0, 3)) == 0,
        next_morning=draw(st.sampled_from([morning] * 10 + [None, *NextMorning])),
    )


@st.composite
def histories(draw) -> list[Run]:
    """Runs with unique ids, dated in and around the window: most carry the
    planted pain, some are shorter than its onset, some are anything."""
    site = draw(st.sampled_from(KNEE_SITES))
    side = draw(st.sampled_from(Side))
    at_m = draw(st.floats(500, 9_000))
    morning = draw(st.sampled_from([NextMorning.GONE, NextMorning.GONE, NextMorning.SAME]))
    by_distance = draw(st.integers(0, 3)) > 0
    # From this day on the planted pain is gone (a pattern that may resolve).
    recovered = draw(st.none() | st.integers(30, 90))
    # A short span packs several runs into one day, where run order matters.
    span = draw(st.sampled_from([100, 100, 15]))
    runs = []
    for index in range(draw(st.integers(0, 30))):
        date = SINCE + dt.timedelta(days=draw(st.integers(-5, span - 5)))
        kind = draw(st.sampled_from(["planted", "planted", "planted", "short", "any"]))
        if kind == "planted":
            distance = draw(st.floats(at_m * 1.05, 20_000))
            pains = [draw(planted_pain(site, side, at_m, morning, by_distance))]
            if recovered is not None and date >= SINCE + dt.timedelta(days=recovered):
                pains = []
        else:
            low, high = (300, 0.95 * at_m) if kind == "short" else (500, 20_000)
            distance, pains = draw(st.floats(low, high)), []
        pains += draw(st.lists(random_pain(), max_size=1 if draw(st.integers(0, 3)) == 0 else 0))
        runs.append(
            Run(
                date=date,
                distance_m=distance,
                duration_s=distance * draw(st.floats(0.3, 0.42)),
                shoe=draw(SHOES),
                orthotic=draw(ORTHOTICS),
                pains=pains,
                id=index + 1,
            )
        )
    return runs


def found(report) -> set[tuple]:
    return {(f.pattern, f.side, f.sites, f.episodes) for f in report.findings}


@EXAMPLES
@given(st.data())
def test_findings_do_not_depend_on_input_order(data):
    runs = data.draw(histories())
    shuffled = data.draw(st.permutations(runs))
    assert detect(shuffled, SINCE, UNTIL) == detect(runs, SINCE, UNTIL)


@EXAMPLES
@given(histories(), st.data())
def test_short_pain_free_runs_never_remove_a_finding(runs, data):
    before = detect(runs, SINCE, UNTIL)
    # Shorter than every signature finding's onset point, on its own basis, and
    # dated among the episodes, where they could weigh against "comes back".
    max_m, max_s = 20_000.0, 7_200.0
    first, last = SINCE, UNTIL
    for f in before.findings:
        if f.pattern is not Pattern.PERSISTENT_KNEE_PAIN:
            first, last = max(first, f.evidence[0]), min(last, f.evidence[-1])
            if f.onset_basis is OnsetBasis.DISTANCE:
                max_m = min(max_m, f.onset_km * 1000.0)
            else:
                max_s = min(max_s, f.onset_min * 60.0)
    short_run = st.builds(
        Run,
        date=st.dates(first, max(first, last)),
        distance_m=st.floats(0, 0.99 * max_m),
        duration_s=st.floats(0, 0.99 * max_s),
        shoe=SHOES,
        orthotic=ORTHOTICS,
    )
    added = data.draw(st.lists(short_run, min_size=1, max_size=12))
    for number, run in enumerate(added, start=len(runs) + 1):
        run.id = number
    after = detect([*runs, *added], SINCE, UNTIL)
    assert found(before) <= found(after)


@EXAMPLES
@given(histories())
def test_persistent_pain_gets_a_knee_specialist_and_no_gear_advice(runs):
    for finding in detect(runs, SINCE, UNTIL).findings:
        if finding.pattern is Pattern.PERSISTENT_KNEE_PAIN:
            assert finding.suggestions == (Suggestion.SEE_KNEE_SPECIALIST,)
        else:
            assert Suggestion.SEE_KNEE_SPECIALIST not in finding.suggestions


@EXAMPLES
@given(histories())
def test_every_finding_is_consistent_and_confidence_is_in_0_1(runs):
    report = detect(runs, SINCE, UNTIL)
    assert report.runs_considered == sum(1 for run in runs if SINCE <= run.date <= UNTIL)
    seen = set()
    for finding in report.findings:
        assert 0.0 <= finding.confidence <= 1.0
        assert finding.episodes == len(finding.evidence) >= 3
        assert list(finding.evidence) == sorted(finding.evidence)
        assert all(SINCE <= day <= UNTIL for day in finding.evidence)
        # One finding per side and site group at most.
        key = (finding.side, GROUP_OF_SITE[finding.sites[0]])
        assert {GROUP_OF_SITE[site] for site in finding.sites} == {key[1]}
        assert key not in seen
        seen.add(key)
        assert finding.to_json()["confidence"] == round(finding.confidence, 2)


def test_the_generator_plants_findings():
    """Guard for the properties above: they mean little if no history has a finding."""
    seen = []

    @settings(max_examples=40, deadline=None, database=None, derandomize=True)
    @given(histories())
    def collect(runs):
        seen.append(bool(detect(runs, SINCE, UNTIL).findings))

    collect()
    assert sum(seen) >= 5

