"""Intervals by inverting a noncentral distribution (V from X², eta², epsilon² and omega² from F), with the rule
for an estimate at the boundary 0.

The noncentrality λ of the observed statistic is bounded by the values at which the observed statistic sits at
the wanted tail probabilities (Steiger & Fouladi 1997; Smithson 2003; Steiger 2004), and each analysis maps λ to
its own scale (V = √(λ/(n·(k − 1))), eta² = λ/(λ + df2)).

Two kinds of interval, and the JSON says which (`ci_kind`):

* ``two-sided``: the limits λ_lo, λ_hi with P(X ≤ x | λ_lo) = 1 − a/2 and P(X ≤ x | λ_hi) = a/2,
  a = 1 − conf_level; R's `effectsize::cramers_v(..., alternative = "two.sided")` and `eta_squared(...)`.
* ``one-sided upper``: [0, λ_U] with P(X ≤ x | λ_U) = a, the one-sided conf_level upper limit (equal to the upper
  limit of the two-sided 1 − 2a interval); R's `alternative = "less"`. It is used when the estimate sits at the
  boundary 0 (a bias-corrected V or an omega² of 0): a two-sided interval around an estimate that cannot go lower
  says nothing about its lower side.

λ_U is never above the two-sided upper limit (its tail is a, not a/2). So when λ_U is 0 (the statistic is below its
a point even with no effect) the two-sided interval is kept if its upper limit is positive (it only widens [0, 0],
so the coverage stays at least conf_level), and when that is 0 too (the statistic is below its a/2 point, e.g.
X² = 0 for a perfectly balanced table) no interval is given: it cannot be estimated, and a note says so. Never a
zero-width (0, 0) interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from edakit.errors import NotComputable
from edakit.stats._search import bracket_and_solve

TWO_SIDED = "two-sided"
ONE_SIDED_UPPER = "one-sided upper"
MAX_NONCENTRALITY = 1e10  # beyond this scipy's noncentral F/t CDFs return NaN or take seconds per call


def ncf_cdf(f: float, df1: float, df2: float) -> Callable[[float], float]:
    """λ ↦ P(F ≤ f) under the noncentral F(df1, df2, λ), the function an eta² or omega² interval inverts:
    `scipy.special.ncfdtr`, which `scipy.stats.ncf.cdf` calls for these arguments, without `rv_continuous.cdf`'s
    argument checks, which cost more than the function (29 of 30 parts of a call), and without importing
    scipy.stats (0.6 s). Other arguments get what `ncf.cdf` gives them: NaN for a NaN f or invalid df or λ, 0 at
    f ≤ 0, 1 at f = ∞ (`tests/test_ncp_cdf.py` compares both over a grid)."""
    from scipy import special

    valid = df1 > 0 and df2 > 0

    def cdf(lam: float) -> float:
        if not (valid and lam >= 0) or math.isnan(f):
            return math.nan
        if f <= 0 or f == math.inf:
            return float(f > 0)
        return special.ncfdtr(df1, df2, lam, f)

    return cdf


def ncx2_cdf(x: float, df: float) -> Callable[[float], float]:
    """λ ↦ P(X² ≤ x) under the noncentral chi-square(df, λ), the function a Cramér's V interval inverts:
    `scipy.special.chndtr`, which `scipy.stats.ncx2.cdf` calls for λ > 0 (the central `chdtr` at λ = 0), without
    `rv_continuous.cdf`'s argument checks (as `ncf_cdf`); other arguments get what `ncx2.cdf` gives them."""
    import numpy as np
    from scipy import special

    valid = math.isfinite(df) and df > 0

    def cdf(lam: float) -> float:
        if not (valid and lam >= 0) or math.isnan(x):
            return math.nan
        if x <= 0 or x == math.inf:
            return float(x > 0)
        if lam == 0:
            return special.chdtr(df, x)
        with np.errstate(over="ignore"):  # as ncx2._cdf
            return special.chndtr(x, df, lam)

    return cdf


def ncp_limits(
    cdf: Callable[[float], float], observed: float, df: float, conf_level: float, central_cdf: float
) -> tuple[float, float]:
    """Noncentrality limits (lo, hi) with cdf(lo) = 1 − a/2 and cdf(hi) = a/2, a = 1 − conf_level.

    `cdf(ncp)` is the distribution function at the observed statistic, decreasing in ncp; `observed` is the
    statistic on the noncentrality scale (X², or F·df1) and `df` its degrees of freedom, used only to bracket
    the root near observed − df; `central_cdf` is cdf(0). A limit is 0 when even ncp = 0 puts the observed value
    below the target. Raises `NotComputable` for an infinite, NaN or absurdly large statistic (above
    MAX_NONCENTRALITY, where the noncentral CDFs cannot be evaluated) or a search that does not close in
    (`_search.bracket_and_solve`).
    """
    if not (math.isfinite(observed) and math.isfinite(df) and df > 0 and math.isfinite(central_cdf)):
        raise NotComputable(f"the interval needs a finite statistic; it is {observed:g} on {df:g} df")
    if observed > MAX_NONCENTRALITY:
        raise NotComputable(
            f"the statistic ({observed:.3g}) is too large for the noncentral distribution to be inverted "
            f"(at most {MAX_NONCENTRALITY:.0e})"
        )
    a = (1 - conf_level) / 2

    def solve(target: float) -> float:
        if central_cdf <= target:
            return 0.0
        step = 4 * math.sqrt(2 * (df + 2 * observed)) + df + 1
        lo = max(0.0, observed - df - step)
        if lo > 0 and cdf(lo) < target:
            lo = 0.0
        return bracket_and_solve(
            lambda lam: cdf(lam) - target,
            lo,
            observed + step,
            decreasing=True,
            what="the noncentrality limit",
            next_hi=lambda hi, i: hi + step * 2.0**i,
            carry=True,
            limit=4 * MAX_NONCENTRALITY,
            xtol=1e-12,
            rtol=1e-14,
            maxiter=500,
        )

    return solve(1 - a), solve(a)


def ncp_interval(
    cdf: Callable[[float], float],
    observed: float,
    df: float,
    conf_level: float,
    central_cdf: float,
    what: str,
    notes: list[str],
    at_boundary: bool = False,
) -> tuple[float, float, str] | None:
    """Noncentrality limits (lo, hi) and their kind (TWO_SIDED or ONE_SIDED_UPPER) by the rule in the module's
    docstring; None (with a note) when the interval cannot be estimated. `at_boundary`: the estimate shown is 0.
    Never a zero-width (0, 0) interval."""
    lo, hi = ncp_limits(cdf, observed, df, conf_level, central_cdf)
    pct = f"{100 * conf_level:g} %"
    if at_boundary:
        _, upper = ncp_limits(cdf, observed, df, 2 * conf_level - 1, central_cdf)
        if upper > 0:
            notes.append(
                f"The interval of {what} is one-sided, from 0 up to its one-sided {pct} upper limit: the estimate "
                'sits at the boundary 0, below which it cannot go (as R effectsize\'s alternative = "less").'
            )
            return 0.0, upper, ONE_SIDED_UPPER
    if hi > 0:
        return lo, hi, TWO_SIDED
    notes.append(
        f"The interval of {what} cannot be estimated: the statistic is smaller than expected even with no "
        f"association (below its {100 * (1 - conf_level) / 2:g} % point), so its two-sided limits and its one-sided "
        f"{pct} upper limit are all 0; the data are compatible with none."
    )
    return None


def omega_squared_interval(
    f_stat: float, df1: float, df2: float, omega2: float, conf_level: float, notes: list[str]
) -> tuple[float, float, str] | None:
    """Interval of omega² in a one-way ANOVA, as R's `effectsize::omega_squared(aov, partial = FALSE, ci =
    conf_level, alternative = "two.sided")` (after MBESS's `ci.R2`): the estimate ω²₊ = max(0, ω²) is turned back
    into the F that would give eta² = ω²₊, f* = (ω²₊/df1)/((1 − ω²₊)/df2); the noncentral F(df1, df2) limits λ at
    f* are mapped to λ/(λ + df2).

    At the boundary (ω² ≤ 0, i.e. F ≤ 1) f* is 0 and that interval collapses to 0 to 0, so here the interval is
    one-sided from the observed F instead: [0, U] with U = λ_U/(λ_U + df2) and P(F ≤ f | λ_U) = 1 − conf_level,
    the upper limit that eta²'s interval has too (both estimate the same population share of variance).
    Returns (lo, hi, kind), or None (with a note) when it cannot be estimated."""
    from edakit.stats.distfuncs import f as f_dist

    if not (math.isfinite(f_stat) and math.isfinite(omega2) and df1 > 0 and df2 > 0):
        raise NotComputable(f"the interval of omega² needs a finite F; it is {f_stat:g}")
    at_boundary = omega2 <= 0
    f = f_stat if at_boundary else (omega2 / df1) / ((1 - omega2) / df2)
    limits = ncp_interval(
        ncf_cdf(f, df1, df2),
        f * df1,
        df1,
        conf_level,
        float(f_dist.cdf(f, df1, df2)),
        "omega²",
        notes,
        at_boundary,
    )
    if limits is None:
        return None
    lam_lo, lam_hi, kind = limits
    return lam_lo / (lam_lo + df2), lam_hi / (lam_hi + df2), kind
