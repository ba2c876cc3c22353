"""Intervals for a single proportion."""

from __future__ import annotations

import math
from statistics import NormalDist

from edakit.errors import EdakitError


def wilson_interval(successes: int, total: int, conf_level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval without continuity correction (Wilson 1927; R: `prop.test(correct=FALSE)$conf.int`).

    The closed form, with the normal quantile from the standard library: the report computes one interval per
    top value of every column, and scipy's `binomtest` object costs ~1 ms a call (and `scipy.stats`' import).

    >>> [round(v, 6) for v in wilson_interval(15, 50)]
    [0.191036, 0.437504]
    >>> wilson_interval(0, 10)[0], wilson_interval(10, 10)[1]
    (0.0, 1.0)
    """
    n, x = int(total), int(successes)
    if n <= 0 or not 0 <= x <= n:
        raise EdakitError(f"need 0 <= successes <= total and total > 0, got {successes} of {total}")
    z = NormalDist().inv_cdf(0.5 + conf_level / 2)
    p, z2 = x / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return (low, high)


def newcombe_interval(x1: int, n1: int, x2: int, n2: int, conf_level: float = 0.95) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, method 10): from the two Wilson intervals,
    so it stays within [−1, 1], is sensible at 0 or n successes and agrees with the score test far better than
    the Wald interval. A closed form on `wilson_interval`; statsmodels' `confint_proportions_2indep(method=
    "newcomb")` is the same and is the tests' independent check.

    Newcombe's worked example (1998, table II, 56/70 vs 48/80): 0.0524 to 0.3339.

    >>> [round(v, 4) for v in newcombe_interval(56, 70, 48, 80)]
    [0.0524, 0.3339]
    """
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, conf_level)
    l2, u2 = wilson_interval(x2, n2, conf_level)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
