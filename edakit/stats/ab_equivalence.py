"""The equivalence test of an A/B comparison (`edakit ab --equivalence-margin M`, `edakit.ab(...,
equivalence_margin=M)`): two one-sided tests (TOST, Schuirmann 1987) that the true lift lies within ±M, so that
"no meaningful difference" can be shown, not only "not significant". TOSTER's closed forms: p = the larger of the
two one-sided p-values; equivalent exactly when the (1 − 2·alpha) interval lies inside ±M.
"""

from __future__ import annotations

import math

from edakit.errors import EdakitError
from edakit.stats.ab_results import ABComparison, EquivalenceTest


def _finite(*values: object) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def equivalence_test(c: ABComparison, margin: float) -> EquivalenceTest | None:
    """TOST (Schuirmann 1987) of |true lift| < `margin` for a comparison, on the lift its decision rests on: the
    CUPED ANCOVA's estimate, standard error and df when there is one; else Welch's (means) or the unpooled
    standard error sqrt(p_t(1−p_t)/n_t + p_c(1−p_c)/n_c) with the normal distribution (rates, as TOSTER's
    `twoprop_test`). p_lower = P(T ≥ (d + margin)/se), p_upper = P(T ≤ (d − margin)/se), p = the larger; the
    (1 − 2·alpha) interval d ± q·se lies inside ±margin exactly when p < alpha. None when no standard error.

    >>> from edakit.stats.ab import compare_proportions
    >>> e = equivalence_test(compare_proportions(500, 1000, 510, 1000), 0.05)
    >>> round(e.p_value, 4), e.equivalent
    (0.0368, True)
    """
    from scipy import stats

    if not (isinstance(margin, (int, float)) and math.isfinite(margin) and margin > 0):
        raise EdakitError(f"The equivalence margin must be a positive number; got {margin!r}.")
    if c.cuped is not None:
        est, se, df, what = c.cuped.estimate, c.cuped.se, c.cuped.df, "ANCOVA (CUPED) t"
    elif c.kind == "binary":
        pt, pc = c.treatment_mean, c.control_mean
        est, df, what = c.estimate, None, "z, unpooled standard error"
        se = math.sqrt(pt * (1 - pt) / c.n_treatment + pc * (1 - pc) / c.n_control)
    else:
        est, se, df, what = c.estimate, c.details.get("se"), c.df, "Welch t"
    if not _finite(est, se) or se <= 0:
        return None
    dist = stats.norm if df is None else stats.t(df)
    p_lower = float(dist.sf((est + margin) / se))
    p_upper = float(dist.cdf((est - margin) / se))
    q = float(dist.ppf(1 - c.alpha))
    p = max(p_lower, p_upper)
    return EquivalenceTest(
        margin=float(margin),
        estimate=est,
        se=se,
        df=df,
        p_lower=p_lower,
        p_upper=p_upper,
        p_value=p,
        ci=(est - q * se, est + q * se),
        alpha=c.alpha,
        equivalent=p < c.alpha,
        method=f"Two one-sided tests (TOST, {what}) against ±{margin:g}",
    )
