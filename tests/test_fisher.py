"""Fisher's exact test (two-sided) against a brute-force enumeration and known values."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlog.detect.fisher import fisher_two_sided


def brute_force(a: int, b: int, c: int, d: int) -> float:
    """Every way of choosing which of the runs were the ``before`` ones, each
    equally likely with the painful runs fixed: the share of choices whose
    table is no more likely than the one seen. No formula, only counting."""
    before, painful, total = a + b, a + c, a + b + c + d
    runs = [True] * painful + [False] * (total - painful)
    tables: dict[int, int] = {}
    for chosen in itertools.combinations(range(total), before):
        x = sum(runs[i] for i in chosen)
        tables[x] = tables.get(x, 0) + 1
    count = sum(tables.values())
    seen = tables.get(a, 0)
    return float(Fraction(sum(n for n in tables.values() if n <= seen), count))


@pytest.mark.parametrize(
    "table",
    [(3, 1, 1, 3), (5, 0, 0, 5), (0, 4, 4, 0), (2, 2, 2, 2), (4, 1, 0, 3), (1, 0, 0, 1), (3, 3, 0, 0), (6, 1, 2, 5)],
)
def test_small_tables_match_a_brute_force_enumeration(table):
    assert fisher_two_sided(*table) == pytest.approx(brute_force(*table), abs=1e-12)


@given(st.tuples(*[st.integers(0, 4)] * 4))
def test_any_small_table_matches_a_brute_force_enumeration(table):
    assert fisher_two_sided(*table) == pytest.approx(brute_force(*table), abs=1e-12)


def test_the_lady_tasting_tea_gives_the_textbook_value():
    # Fisher's own example: 3 of 4 right each way, two-sided p = 34/70.
    assert fisher_two_sided(3, 1, 1, 3) == pytest.approx(34 / 70)


def test_eleven_of_twelve_before_and_none_of_ten_after_is_far_below_five_percent():
    assert fisher_two_sided(11, 1, 0, 10) < 0.0001


def test_the_p_value_is_the_same_with_before_and_after_swapped():
    assert fisher_two_sided(7, 2, 1, 6) == fisher_two_sided(1, 6, 7, 2)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        fisher_two_sided(-1, 2, 3, 4)
