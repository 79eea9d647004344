"""Fisher's exact test for a 2x2 table, two-sided, from ``math.comb`` alone.

The table is painful and pain-free runs before and after a change::

                 with pain   without
    before           a          b
    after            c          d

With the margins fixed, the number of painful runs before follows the
hypergeometric distribution. The two-sided p-value is the total probability
of every table with those margins that is no more likely than the one seen.
Probabilities are exact fractions (``math.comb`` gives whole numbers), so
"no more likely" needs no rounding tolerance.
"""

from __future__ import annotations

import math
from fractions import Fraction


def table_probability(a: int, b: int, c: int, d: int) -> Fraction:
    """The probability of exactly this table given its margins."""
    before, after, painful = a + b, c + d, a + c
    return Fraction(math.comb(before, a) * math.comb(after, c), math.comb(before + after, painful))


def fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on ``[[a, b], [c, d]]``.

    Raises ``ValueError`` for a negative count.
    """
    if min(a, b, c, d) < 0:
        raise ValueError("counts in a 2x2 table cannot be negative")
    before, after, painful = a + b, c + d, a + c
    seen = table_probability(a, b, c, d)
    low, high = max(0, painful - after), min(painful, before)
    total = Fraction(0)
    for x in range(low, high + 1):
        p = table_probability(x, before - x, painful - x, after - painful + x)
        if p <= seen:
            total += p
    return float(min(total, Fraction(1)))
