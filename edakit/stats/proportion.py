"""Intervals for a single proportion."""

from __future__ import annotations


def wilson_interval(successes: int, total: int, conf_level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval without continuity correction (Wilson 1927; R: `prop.test(correct=FALSE)$conf.int`).

    >>> [round(v, 6) for v in wilson_interval(15, 50)]
    [0.191036, 0.437504]
    """
    from scipy.stats import binomtest

    ci = binomtest(int(successes), int(total)).proportion_ci(confidence_level=conf_level, method="wilson")
    return (float(ci.low), float(ci.high))
