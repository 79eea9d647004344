"""The words of ``runlog log --pain``: sides, sites by name or number, onsets, intensities."""

from __future__ import annotations

import re

import pytest

from runlog.domain import PainSite, Side
from runlog.pain_spec import SITES, find_named, read_pain, read_site, yes


def test_a_pain_spec_takes_its_words_in_any_order():
    pain = read_pain("6/10 @5km Left below-kneecap stopped")
    assert (pain.side, pain.site, pain.onset_distance, pain.onset_time, pain.intensity, pain.stopped_early) == (
        Side.LEFT, PainSite.BELOW_KNEECAP, "5km", "", "6", True)


@pytest.mark.parametrize(("onset", "distance", "time"), [
    ("@5", "5", ""), ("@3mi", "3mi", ""), ("@25min", "", "25"), ("@25:00", "", "25:00"), ("@1:02:03", "", "1:02:03"),
])
def test_an_onset_is_a_distance_or_a_time_into_the_run(onset, distance, time):
    pain = read_pain(f"r 1 {onset} 2/10")
    assert (pain.onset_distance, pain.onset_time) == (distance, time)


def test_a_site_is_a_name_or_its_number_in_the_listed_order():
    assert [read_site(str(n)) for n in range(1, len(SITES) + 1)] == list(PainSite)
    assert read_site("outer knee") is PainSite.OUTER_KNEE
    with pytest.raises(ValueError, match=r"^'14' is not a site; give a number 1-13 or a name: 1 below_kneecap, "):
        read_site("14")


@pytest.mark.parametrize(("spec", "says"), [
    ("left 1 @5", "it needs an intensity such as 6/10"),
    ("1 @5 3/10", "it needs a side (left or right)"),
    ("left right", "it needs a site and an intensity such as 6/10"),
])
def test_a_pain_spec_missing_a_part_says_which(spec, says):
    with pytest.raises(ValueError, match=f"^{re.escape(says)}"):
        read_pain(spec)


def test_gear_is_found_by_name_in_any_case_or_none():
    class Item:
        def __init__(self, name):
            self.name = name

    items = [Item("Kayano 30")]
    assert find_named(items, "  kayano   30 ", "shoe") is items[0]
    assert find_named(items, "none", "shoe") is None
    with pytest.raises(ValueError, match="^there is no shoe called 'Nike'; yours: Kayano 30$"):
        find_named(items, "Nike", "shoe")


def test_yes_or_no_with_a_default():
    assert (yes("Y"), yes("no"), yes("", default=True)) == (True, False, True)
    with pytest.raises(ValueError):
        yes("maybe")
