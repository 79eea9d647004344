"""The detector against its rules (the ``runlog.detect`` docstring): each rule failing alone, severity,
suggestions, status, windows, units and the ``detect --json`` shape."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from runlog.detect import (
    DISCLAIMER,
    SUGGESTION_TEXT,
    Change,
    ChangeKind,
    OnsetBasis,
    Pattern,
    Severity,
    Status,
    Suggestion,
    default_window,
    detect,
    format_text,
)
from runlog.domain import Orthotic, OrthoticType, PainSite, Side, Units
from tests.histories import (
    INSOLES,
    MOTION,
    NEUTRAL,
    PATTERN_DAYS,
    SHOCK_INSOLES,
    WINDOW,
    day,
    easy_runs,
    knee_runs,
    pain,
    run,
    runners_knee,
)

ICE = Suggestion.ICE_SHORT_TERM


def report(runs, units=Units.KM):
    return detect(runs, *WINDOW, units=units)


def only_finding(runs, units=Units.KM):
    found = report(runs, units).findings
    assert len(found) == 1, [f.pattern for f in found]
    return found[0]


def no_finding(runs) -> tuple[str, ...]:
    """Assert nothing is reported; the notes saying why."""
    result = report(runs)
    assert result.findings == ()
    return result.notes


def knee_runs_with(values, key, km=10.0, **pain_args):
    """One painful run every other day, ``key`` taking each of ``values``."""
    return [run(2 * i, km, pain(**{key: v}, **pain_args)) for i, v in enumerate(values)]


def test_textbook_history_is_runners_knee():
    finding = only_finding(runners_knee())
    assert finding.pattern is Pattern.RUNNERS_KNEE
    assert finding.side is Side.LEFT
    assert finding.sites == (PainSite.BELOW_KNEECAP,)
    assert finding.episodes == 6
    assert finding.onset_basis is OnsetBasis.DISTANCE
    assert finding.onset_km == pytest.approx(5.0)
    assert finding.onset_min is None
    assert finding.cleared_by_morning == 1.0
    assert finding.evidence == tuple(day(n) for n in PATTERN_DAYS)
    assert "at 5.0 km on 6 of 6" in finding.explanation
    assert "came back on 6 of 6 runs that went past 5.0 km" in finding.explanation
    assert "gone next morning 6 of 6 times" in finding.explanation


# Rule 1, recurs.


def test_two_episodes_are_not_a_pattern_and_the_note_says_so():
    notes = no_finding(knee_runs([0, 2]) + easy_runs([1], km=3.0))
    assert notes == ("2 runs with left knee pain (below kneecap); a pattern needs at least 3",)


def test_three_episodes_are_enough():
    assert only_finding(knee_runs([0, 2, 4])).episodes == 3


# Rule 2, partway.


def test_pain_from_the_first_kilometre_is_not_partway():
    notes = no_finding(knee_runs(PATTERN_DAYS, at_km=0.8))
    assert "near the start rather than partway" in notes[0]


def test_pain_at_exactly_one_km_is_partway():
    assert only_finding(knee_runs(PATTERN_DAYS, at_km=1.0)).pattern is Pattern.RUNNERS_KNEE


def test_partway_on_time_needs_five_minutes():
    early = knee_runs(PATTERN_DAYS, at_km=None, at_min=4.5)
    assert "began at 4.5 min" in no_finding(early)[0]
    on_time = only_finding(knee_runs(PATTERN_DAYS, at_km=None, at_min=5.0))
    assert on_time.onset_basis is OnsetBasis.TIME


# Rule 3, same point.


def test_onsets_scattered_along_the_run_are_not_the_same_point():
    notes = no_finding(knee_runs_with([2.0, 4.0, 5.0, 6.0, 7.0, 9.0], "at_km"))
    assert "different points (2 of 6 within 25% of 5.5 km)" in notes[0]


def test_two_thirds_of_onsets_near_the_point_is_enough():
    finding = only_finding(knee_runs_with([3.0, 5.0, 5.0, 5.0, 5.0, 8.0], "at_km"))
    assert "at 5.0 km on 4 of 6" in finding.explanation


def test_onsets_on_the_edges_of_the_tolerance_are_at_the_point():
    finding = only_finding(knee_runs_with([3.75, 5.0, 5.0, 5.0, 6.25, 9.0], "at_km"))
    assert "at 3.8-6.2 km on 5 of 6 (typically 5.0 km)" in finding.explanation


def test_episodes_without_a_distance_onset_count_as_not_at_the_point():
    # Four distance onsets make the basis distance (4 of 6); the two time-only
    # episodes cannot be "within", so 3 of 6 is too few.
    runs = knee_runs_with([5.0, 5.0, 5.0, 9.0], "at_km") + [
        run(20, 10.0, pain(at_km=None, at_min=30.0)),
        run(22, 10.0, pain(at_km=None, at_min=30.0)),
    ]
    assert "3 of 6 within" in no_finding(runs)[0]


# Rule 4, clears by morning.


def test_a_single_recorded_morning_is_not_enough():
    notes = no_finding(knee_runs_with(["gone", None, None, None, None, None], "morning"))
    assert "only 1 next-morning status recorded (2 needed)" in notes[0]


def test_two_recorded_mornings_both_gone_are_enough():
    assert only_finding(knee_runs_with(["gone", "gone", None, None, None, None], "morning"))


def test_no_recorded_morning_is_named_in_the_note():
    notes = no_finding(knee_runs([0, 2, 4], morning=None))
    assert notes == ("3 runs with left knee pain (below kneecap), but no next-morning status recorded yet",)


def test_gone_on_two_thirds_of_recorded_mornings_is_enough():
    mornings = ["gone", "better", "gone", "better", "gone", "gone"]
    assert only_finding(knee_runs_with(mornings, "morning")).cleared_by_morning == pytest.approx(4 / 6)


def test_gone_on_half_of_mornings_is_neither_pattern():
    mornings = ["gone", "better", "gone", "better", "gone", "better"]
    assert "gone next morning only 3 of 6 times" in no_finding(knee_runs_with(mornings, "morning"))[0]


def test_pain_that_stays_to_the_morning_is_persistent_not_runners_knee():
    finding = only_finding(knee_runs_with(["same", "gone", "worse", "same", "gone", "same"], "morning"))
    assert finding.pattern is Pattern.PERSISTENT_KNEE_PAIN
    assert finding.suggestions == (Suggestion.SEE_KNEE_SPECIALIST,)
    assert "same or worse 4 of 6 times" in finding.explanation


def test_lingering_on_exactly_half_the_mornings_is_not_persistent():
    no_finding(knee_runs_with(["same", "gone", "same", "gone"], "morning"))


# Rule 5, comes back.


def test_long_pain_free_runs_between_episodes_break_the_pattern():
    runs = knee_runs(PATTERN_DAYS) + easy_runs([1, 3, 5, 7], km=8.0)
    assert "came back on only 6 of 10 runs that went past 5.0 km" in no_finding(runs)[0]


def test_pain_on_two_thirds_of_the_long_runs_is_enough():
    runs = knee_runs(PATTERN_DAYS) + easy_runs([1, 3, 5], km=8.0)
    assert "came back on 6 of 9 runs" in only_finding(runs).explanation


def test_a_run_reaching_exactly_the_onset_point_went_past_it():
    no_finding(knee_runs(PATTERN_DAYS) + easy_runs([1, 3, 5, 7], km=5.0))
    assert only_finding(knee_runs(PATTERN_DAYS) + easy_runs([1, 3, 5, 7], km=4.9))


def test_pain_free_short_runs_never_count_against_the_pattern():
    runs = runners_knee() + easy_runs(range(13, 40), km=4.0) + easy_runs([1, 3, 5], km=2.0)
    assert only_finding(runs).pattern is Pattern.RUNNERS_KNEE


def test_pain_free_runs_before_the_first_episode_do_not_count():
    assert only_finding(easy_runs(range(-6, 0), km=10.0) + runners_knee())


# Site groups and sides.


def test_both_knees_at_once():
    runs = [
        run(n, 8.0, pain("inner_knee", "left", at_km=5.0), pain("outer_knee", "right", at_km=3.0))
        for n in PATTERN_DAYS
    ]
    left, right = report(runs).findings
    assert (left.pattern, left.side, left.sites) == (Pattern.RUNNERS_KNEE, Side.LEFT, (PainSite.INNER_KNEE,))
    assert (right.pattern, right.side) == (Pattern.OUTER_KNEE_SUPINATION, Side.RIGHT)
    assert right.onset_km == pytest.approx(3.0)


def test_front_inner_sites_on_one_run_make_one_episode():
    runs = [
        run(n, 8.0, pain("below_kneecap", at_km=5.0), pain("kneecap", at_km=5.5, morning=None))
        for n in PATTERN_DAYS
    ]
    finding = only_finding(runs)
    assert finding.episodes == 6
    assert finding.sites == (PainSite.BELOW_KNEECAP, PainSite.KNEECAP)
    assert finding.onset_km == pytest.approx(5.0)


def test_worst_morning_of_one_run_decides():
    runs = [run(n, 8.0, pain("below_kneecap"), pain("kneecap", morning="same")) for n in PATTERN_DAYS]
    assert only_finding(runs).pattern is Pattern.PERSISTENT_KNEE_PAIN


def test_back_of_knee_on_its_own_is_persistent_with_a_knee_specialist():
    finding = only_finding(knee_runs([0, 2, 4], site="back_of_knee", at_km=0.0, morning="worse"))
    assert finding.pattern is Pattern.PERSISTENT_KNEE_PAIN
    assert finding.sites == (PainSite.BACK_OF_KNEE,)
    assert finding.suggestions == (Suggestion.SEE_KNEE_SPECIALIST,)


def test_above_and_back_of_knee_are_separate_groups():
    runs = knee_runs([0, 2], site="above_kneecap", morning="same") + knee_runs(
        [4, 6], site="back_of_knee", morning="same"
    )
    notes = no_finding(runs)
    assert notes == (
        "2 runs with left knee pain (above kneecap); a pattern needs at least 3",
        "2 runs with left knee pain (back of knee); a pattern needs at least 3",
    )


def test_above_kneecap_pain_that_clears_is_not_reported():
    notes = no_finding(knee_runs([0, 2, 4], site="above_kneecap"))
    assert "same or worse next morning only 0 of 3 times" in notes[0]


def test_pain_away_from_the_knee_is_not_a_knee_pattern():
    notes = no_finding(knee_runs(PATTERN_DAYS, site="shin"))
    assert notes == (
        "no knee pain logged in this window",
        "pain away from the knee (shin 6 times) is not part of these patterns",
    )


# Onsets in time, and miles.


def test_time_only_onsets_use_the_time_basis():
    runs = knee_runs(PATTERN_DAYS, at_km=None, at_min=30.0, minutes=48.0) + easy_runs(
        [1, 3, 5], km=3.0, minutes=20.0
    )
    finding = only_finding(runs)
    assert finding.onset_basis is OnsetBasis.TIME
    assert (finding.onset_km, finding.onset_min) == (None, pytest.approx(30.0))
    assert "at 30 min on 6 of 6" in finding.explanation


def test_a_runner_logging_miles():
    mi = Units.MI
    runs = knee_runs(PATTERN_DAYS, km=5.0, at_km=3.1, units=mi) + easy_runs([1, 3, 5], km=2.0, units=mi)
    result = detect(runs, *WINDOW, units=mi)
    (finding,) = result.findings
    assert finding.onset_km == pytest.approx(3.1 * 1.609344)
    assert "at 3.1 mi on 6 of 6" in finding.explanation
    assert "3.1 mi" in format_text(result, mi)
    with pytest.raises(ValueError, match="worded in mi"):
        format_text(result, Units.KM)


# Severity.


@pytest.mark.parametrize(
    ("intensities", "expected"),
    [([5, 5, 5, 6, 6, 6], Severity.MILD), ([5, 5, 6, 6, 6, 6], Severity.SIGNIFICANT)],
)
def test_median_intensity_of_six_is_significant(intensities, expected):
    assert only_finding(knee_runs_with(intensities, "intensity")).severity is expected


@pytest.mark.parametrize(("stops", "expected"), [(1, Severity.MILD), (2, Severity.SIGNIFICANT)])
def test_stopping_early_in_a_third_of_episodes_is_significant(stops, expected):
    runs = knee_runs_with([True] * stops + [False] * (6 - stops), "stopped")
    assert only_finding(runs).severity is expected


# Suggestions.


def test_mild_runners_knee_suggests_motion_control_shoes():
    assert only_finding(runners_knee()).suggestions == (Suggestion.MOTION_CONTROL_SHOES, ICE)


def test_significant_runners_knee_suggests_orthotics():
    assert only_finding(runners_knee(intensity=7)).suggestions == (Suggestion.ORTHOTICS, ICE)


def test_mild_runners_knee_already_in_motion_control_shoes_suggests_orthotics():
    runs = knee_runs(PATTERN_DAYS[:-1]) + knee_runs([12], shoe=MOTION)
    assert only_finding(runs).suggestions == (Suggestion.ORTHOTICS, ICE)


def test_runners_knee_in_orthotics_sends_to_a_foot_specialist():
    runs = knee_runs(PATTERN_DAYS[:-1]) + knee_runs([12], orthotic=INSOLES, intensity=8)
    assert only_finding(runs).suggestions == (Suggestion.SEE_FOOT_SPECIALIST, ICE)


def test_the_most_recent_episode_decides_already_wearing():
    runs = knee_runs(PATTERN_DAYS[:-1], orthotic=INSOLES) + knee_runs([12], shoe=NEUTRAL)
    assert only_finding(runs).suggestions == (Suggestion.MOTION_CONTROL_SHOES, ICE)


@pytest.mark.parametrize(
    ("orthotic", "main"),
    [
        (None, Suggestion.SHOCK_ABSORBING_ORTHOTICS),
        (INSOLES, Suggestion.SHOCK_ABSORBING_ORTHOTICS),
        (SHOCK_INSOLES, Suggestion.SEE_FOOT_SPECIALIST),
    ],
)
def test_outer_knee_suggests_shock_absorbing_orthotics(orthotic, main):
    finding = only_finding(knee_runs(PATTERN_DAYS, site="outer_knee", orthotic=orthotic))
    assert finding.pattern is Pattern.OUTER_KNEE_SUPINATION
    assert finding.suggestions == (main, ICE)


def test_resolved_in_new_orthotics_advice_follows_the_orthotics_worn_now():
    """Pain-free since switching to orthotics: if it returns, have them checked."""
    finding = only_finding(runners_knee() + easy_runs([13, 15, 17], orthotic=INSOLES))
    assert finding.status is Status.RESOLVED
    assert finding.suggestions == (Suggestion.SEE_FOOT_SPECIALIST, ICE)


def test_resolved_in_motion_control_shoes_advice_is_orthotics():
    finding = only_finding(runners_knee() + easy_runs([13, 15, 17], shoe=MOTION))
    assert (finding.status, finding.suggestions) == (Status.RESOLVED, (Suggestion.ORTHOTICS, ICE))


def test_resolved_after_taking_orthotics_out_advice_no_longer_assumes_them():
    runs = knee_runs(PATTERN_DAYS, orthotic=INSOLES) + easy_runs([13, 15, 17])
    finding = only_finding(runs)
    assert (finding.status, finding.suggestions) == (Status.RESOLVED, (Suggestion.MOTION_CONTROL_SHOES, ICE))


def test_an_active_finding_keeps_the_gear_of_its_last_episode():
    # Two pain-free runs in orthotics are not yet a resolution.
    finding = only_finding(runners_knee() + easy_runs([13, 15], orthotic=INSOLES))
    assert (finding.status, finding.suggestions) == (Status.ACTIVE, (Suggestion.MOTION_CONTROL_SHOES, ICE))


def test_every_suggestion_has_plain_words_and_none_mention_medication():
    assert set(SUGGESTION_TEXT) == set(Suggestion)
    words = " ".join(SUGGESTION_TEXT.values()).lower() + DISCLAIMER.lower()
    for banned in ("ibuprofen", "advil", "motrin", "medication", "anti-inflammatory", "dose", "exercise"):
        assert banned not in words


# Status and the change before it.


def test_three_long_pain_free_runs_in_new_orthotics_resolve_it():
    runs = runners_knee() + easy_runs([13, 15, 17], orthotic=INSOLES)
    finding = only_finding(runs)
    assert finding.status is Status.RESOLVED
    assert finding.change == Change(day(13), ChangeKind.ORTHOTIC, "Blue insoles")
    assert "since switching to the orthotic Blue insoles on 2026-09-14" in finding.explanation


def test_two_long_pain_free_runs_are_not_yet_resolved():
    runs = runners_knee() + easy_runs([13, 15], orthotic=INSOLES) + easy_runs([17, 19], km=3.0, orthotic=INSOLES)
    finding = only_finding(runs)
    assert (finding.status, finding.change) == (Status.ACTIVE, None)
    assert "Active: 2 runs past 5.0 km without this pain since 2026-09-11; 1 more would mark it resolved." in (
        finding.explanation
    )


def test_an_active_pattern_with_no_pain_free_run_yet_says_when_it_was_last_felt():
    finding = only_finding(runners_knee())
    assert finding.status is Status.ACTIVE
    assert "0 runs" not in finding.explanation
    assert "Active: last felt on 2026-09-11; 3 runs past 5.0 km without it would mark it resolved." in (
        finding.explanation
    )


def test_a_change_whose_name_says_its_kind_is_not_named_twice():
    runs = runners_knee() + easy_runs([13, 15, 17], orthotic=Orthotic(name="Custom orthotics", type=OrthoticType.CUSTOM, id=9))
    finding = only_finding(runs)
    assert "since switching to Custom orthotics on 2026-09-14" in finding.explanation
    assert "orthotic Custom" not in finding.explanation


def test_the_change_may_come_on_a_short_run_before_the_stretch():
    runs = runners_knee() + easy_runs([12], km=3.0, shoe=MOTION) + easy_runs([13, 15, 17], shoe=MOTION)
    assert only_finding(runs).change == Change(day(12), ChangeKind.SHOE, "Beast")


def test_a_change_before_the_pain_began_is_not_named():
    runs = easy_runs([-2], shoe=MOTION) + runners_knee() + easy_runs([13, 15, 17])
    finding = only_finding(runs)
    assert (finding.status, finding.change) == (Status.RESOLVED, None)


def test_taking_orthotics_out_is_a_change_without_a_name():
    runs = knee_runs(PATTERN_DAYS, orthotic=INSOLES) + easy_runs([13, 15, 17])
    change = only_finding(runs).change
    assert change == Change(day(13), ChangeKind.ORTHOTIC, None)
    assert change.to_json() == {"date": "2026-09-14", "kind": "orthotic", "name": None}


# The window and the order of the input.


def test_a_pattern_before_the_window_is_not_reported():
    runs = runners_knee() + easy_runs([40, 42])
    result = detect(runs, day(30), day(60))
    assert (result.runs_considered, result.findings) == (2, ())
    assert result.notes == ("no knee pain logged in this window",)
    assert detect(runs, day(50), day(60)).notes == ("no runs logged in this window",)


def test_the_window_includes_its_first_and_last_day():
    assert detect(runners_knee(), day(0), day(10)).findings[0].episodes == 6


def test_runs_after_the_window_are_ignored():
    runs = runners_knee() + easy_runs([13, 15, 17])
    assert detect(runs, WINDOW[0], day(12)).findings[0].status is Status.ACTIVE


def test_the_input_order_does_not_matter():
    runs = runners_knee() + knee_runs([1, 3, 5, 7], site="outer_knee", side="right", morning="same")
    assert report(list(reversed(runs))) == report(runs)


def test_on_a_day_with_two_runs_the_later_start_is_the_most_recent():
    morning, evening = knee_runs([12, 12], orthotic=INSOLES)
    morning.start_time, morning.orthotic = dt.time(7, 0), None
    evening.start_time = dt.time(18, 30)
    for last_two in ([morning, evening], [evening, morning]):
        finding = only_finding(knee_runs(PATTERN_DAYS[:-1]) + last_two)
        assert finding.suggestions == (Suggestion.SEE_FOOT_SPECIALIST, ICE)


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="after it ends"):
        detect([], day(5), day(1))


def test_default_window_is_the_twelve_whole_weeks_ending_with_this_one():
    # Friday 2026-11-20: weeks from Monday end on Sunday 11-22; from Sunday, on Saturday 11-21.
    assert default_window(dt.date(2026, 11, 20)) == (dt.date(2026, 8, 31), dt.date(2026, 11, 22))
    assert default_window(dt.date(2026, 11, 20), week_start=6) == (dt.date(2026, 8, 30), dt.date(2026, 11, 21))
    assert default_window(dt.date(2026, 11, 22)) == default_window(dt.date(2026, 11, 16))


# Confidence.


def test_confidence_grows_with_episodes_tightness_and_mornings():
    base = only_finding(knee_runs(range(0, 12, 2))).confidence
    more = only_finding(knee_runs(range(0, 24, 2))).confidence
    looser = only_finding(knee_runs_with([4.5, 4.6, 5.0, 5.4, 5.5, 5.0], "at_km", km=8.0)).confidence
    fewer_mornings = only_finding(knee_runs_with(["gone"] * 4 + [None] * 2, "morning", km=8.0)).confidence
    assert 0 < fewer_mornings < base and looser < base < more <= 1


# The contract shape.


def test_to_json_is_the_detect_contract():
    runs = runners_knee(intensity=7) + easy_runs([13, 15, 17], orthotic=INSOLES)
    data = json.loads(json.dumps(report(runs).to_json()))
    # Version 2: every version 1 field, with progress and spikes beside the findings.
    assert list(data) == ["since", "until", "runs_considered", "findings", "progress", "spikes", "disclaimer"]
    assert (data["since"], data["until"], data["runs_considered"]) == ("2026-08-25", "2026-10-31", 15)
    assert data["disclaimer"].startswith("runlog finds patterns in your own log; it does not diagnose")
    (finding,) = data["findings"]
    assert list(finding) == [
        "pattern", "side", "sites", "episodes", "onset_basis", "onset_km", "onset_min",
        "cleared_by_morning", "severity", "status", "change", "confidence", "evidence",
        "suggestions", "explanation", "activity", "spikes_before", "before_after",
    ]  # fmt: skip
    assert finding | {"explanation": None, "confidence": None} == {
        "pattern": "runners_knee",
        "side": "left",
        "sites": ["below_kneecap"],
        "episodes": 6,
        "onset_basis": "distance",
        "onset_km": 5.0,
        "onset_min": None,
        "cleared_by_morning": 1.0,
        "severity": "significant",
        "status": "resolved",
        "change": {"date": "2026-09-14", "kind": "orthotic", "name": "Blue insoles"},
        "confidence": None,
        "evidence": [day(n).isoformat() for n in PATTERN_DAYS],
        "suggestions": ["see_foot_specialist", "ice_short_term"],  # resolved, in orthotics now
        "explanation": None,
        "activity": "run",
        "spikes_before": [],
        "before_after": [],
    }
    assert isinstance(finding["confidence"], float) and finding["confidence"] == round(finding["confidence"], 2)
    assert isinstance(finding["explanation"], str) and finding["explanation"]


# The readable form.


def test_format_text_shows_each_finding_and_ends_with_the_disclaimer():
    text = format_text(report(runners_knee(intensity=7)))
    assert "Runner's knee pattern, left knee (significant, active)" in text
    assert "2026-09-01, 2026-09-03" in text
    assert "the source's main suggestion for this pattern" in " ".join(text.split())
    assert text.rstrip().split("\n\n")[-1].replace("\n", " ") == DISCLAIMER


def test_format_text_gives_the_reason_when_there_is_nothing_to_report():
    text = format_text(report(knee_runs([0, 2])))
    assert "Nothing to report:\n  - 2 runs with left knee pain (below kneecap); a pattern needs at least 3" in text


def test_the_detector_imports_without_textual_or_sqlalchemy():
    blocked = "textual", "sqlalchemy", "alembic"
    code = f"import sys; sys.modules.update(dict.fromkeys({blocked!r})); import runlog.detect"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr
