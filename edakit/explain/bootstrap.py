"""Words for the bootstrap of a mean (`stats.bootstrap.BootstrapResult`) that compare it with the t-interval:
at small n the percentile interval is too narrow by construction, and which side of it is longer is read from the
interval itself, not from the sign of the skewness."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from edakit.explain.words import fmt_num, fmt_pct

if TYPE_CHECKING:
    from edakit.stats.bootstrap import BootstrapResult


def narrow_words(r: BootstrapResult) -> str:
    """At small n the percentile bootstrap is too narrow by construction: say so before any talk of skewness."""
    ratio = r.expected_width_ratio
    if ratio is None or ratio >= 0.97 or r.mean_boot_ci is None or r.mean_t_ci is None:
        return ""
    boot = r.mean_boot_ci[1] - r.mean_boot_ci[0]
    t = r.mean_t_ci[1] - r.mean_t_ci[0]
    if not t > 0:  # the interval's ends rounded to the mean (values like 1e15 + tiny differences)
        return ""
    return (
        f"With {r.n:,} values the percentile bootstrap is too narrow by construction: even for normal data its "
        f"interval of the mean is about {fmt_pct(1 - ratio, 0)} narrower than the t-interval (it spreads the "
        "resamples by the divisor n and uses normal rather than t quantiles, so it ignores the uncertainty in the "
        f"standard deviation). Here it is {fmt_pct(boot / t, 0)} of the t-interval's width, so "
        + ("most of the gap is" if boot / t >= 1 - 2 * (1 - ratio) else "part of the gap is")
        + " that narrowness, not skewness; the t-interval is the better guide at this size."
    )


def clt_words(r: BootstrapResult) -> str:
    """The central limit theorem, made concrete: a mean of n values has skewness about G1 / √n."""
    if r.skewness is None:
        return ""
    expected = r.skewness / math.sqrt(r.n)
    seen = f"; the bootstrap means show {fmt_num(r.boot_skewness, 2)}" if r.boot_skewness is not None else ""
    text = (
        f"Why: the mean of n values inherits the skewness of the values divided by √n — here "
        f"{fmt_num(r.skewness, 3)} / √{r.n:,} ≈ {fmt_num(expected, 2)}{seen}."
    )
    if abs(expected) < 0.1:
        return text + (
            " That is small: the central limit theorem has already made the mean's sampling distribution close to "
            "normal, which is what the t-interval assumes, so the two methods give nearly the same answer."
        )
    text += (
        " That is still visible: the central limit theorem makes the mean normal only as n grows, so with values "
        "this skewed the t-interval's symmetric shape is an approximation, while the bootstrap can follow the skew."
    )
    if r.mean_boot_ci is not None and r.mean is not None:
        up, down = r.mean_boot_ci[1] - r.mean, r.mean - r.mean_boot_ci[0]
        if max(up, down) > 1.1 * min(up, down):
            side = "above" if up > down else "below"
            text += f" Here the bootstrap interval's longer side lies {side} the mean."
        else:
            text += " Here the bootstrap interval is still nearly symmetric about the mean."
    return text + (
        " With four times as many values the mean's skewness would halve, and the intervals would draw together."
    )
