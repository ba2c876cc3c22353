"""Tests for paired and repeated measures: the same units measured under two or more conditions.

Conventions follow R:

* `signed_rank(x, y)` is `wilcox.test(x, y, paired = TRUE, conf.int = TRUE)`: V (the sum of the ranks of the
  positive differences, zeros dropped), an exact p-value and interval for fewer than 50 differences without ties
  or zeros, otherwise the normal approximation with tie and continuity correction; the estimate is the
  Hodges–Lehmann (pseudo)median of the differences with its interval;
* `mcnemar(table)` is `mcnemar.test` (continuity-corrected chi-square on the discordant pairs), with the exact
  binomial test on the discordant pairs and the difference of the paired proportions (Wald interval, Agresti 2002
  §10.1) beside it;
* `friedman(blocks)` is `friedman.test` (ties corrected), with Kendall's W and a seeded bootstrap interval over
  the units.

The paired t-test is `edakit.stats.ttest(x, y, paired=True)`. p-values come from scipy and statsmodels; the
Hodges–Lehmann interval and the exact null distribution of V (which scipy does not expose) are written here from
their formulas and checked against R's output and by inverting scipy's test in tests/test_paired.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError
from edakit.stats._inputs import as_float_array, check_conf_level
from edakit.stats.bootstrap import boundary_interval
from edakit.stats.result import EffectSize, Result

#: R's `wilcox.test` uses the exact distribution of V below this many non-zero differences (without ties)
EXACT_BELOW = 50
#: the Hodges–Lehmann estimate needs all n(n+1)/2 Walsh averages; above this it is skipped (with a note)
MAX_WALSH = 4_000_000
#: bootstrap resamples of the units for the interval of Kendall's W
W_RESAMPLES = 2000
#: values ranked at once in the bootstrap of Kendall's W (bounds its memory)
BOOT_CELLS = 2_000_000


@dataclass(repr=False)
class SignedRankResult(Result):
    """Result of `signed_rank`: statistic is R's V; estimate the Hodges–Lehmann (pseudo)median of the differences."""


@dataclass(repr=False)
class McNemarResult(Result):
    """Result of `mcnemar`: statistic is R's McNemar's chi-squared; estimate the difference of paired proportions."""


@dataclass(repr=False)
class FriedmanResult(Result):
    """Result of `friedman`: statistic is R's Friedman chi-squared; the effect size is Kendall's W."""


# ---------------------------------------------------------------------------------------------- signed rank


def _v_null_cdf(n: int) -> np.ndarray:
    """P(V <= v), v = 0..n(n+1)/2, of the signed-rank statistic for n differences without ties (R's
    `psignrank`): each rank r is positive or not, so the counts are the coefficients of Π (1 + x^r)."""
    counts = np.zeros(n * (n + 1) // 2 + 1)
    counts[0] = 1.0
    for r in range(1, n + 1):
        counts[r:] = counts[r:] + counts[:-r].copy()
    return np.cumsum(counts) / counts.sum()


def _walsh(d: np.ndarray) -> np.ndarray:
    """The n(n+1)/2 Walsh averages (d_i + d_j)/2, i <= j, sorted."""
    i, j = np.triu_indices(d.size)
    return np.sort((d[i] + d[j]) / 2)


def _z_of(d: np.ndarray, mu: float, correct: bool) -> float:
    """R's normal-approximation z of the signed-rank test of location `mu` (zeros dropped, ties corrected)."""
    from scipy import stats

    xd = d - mu
    xd = xd[xd != 0]
    n = xd.size
    if n == 0:
        return 0.0
    ranks = stats.rankdata(np.abs(xd))
    dz = float(ranks[xd > 0].sum()) - n * (n + 1) / 4
    _, t = np.unique(ranks, return_counts=True)
    sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - float((t**3 - t).sum()) / 48)
    if sigma == 0:
        return 0.0
    return (dz - (float(np.sign(dz)) * 0.5 if correct else 0.0)) / sigma


def _root(d: np.ndarray, walsh: np.ndarray, zq: float, correct: bool, strict: bool = False) -> float:
    """Where the non-increasing step function z(mu) - zq reaches 0 (below 0 when `strict`): z only jumps at Walsh
    averages, so the crossing is found exactly by bisection over them (R finds it with `uniroot`, tol = 1e-4)."""
    uniq = np.unique(walsh)

    def below(mu: float) -> bool:
        z = _z_of(d, mu, correct) - zq
        return z < 0 if strict else z <= 0

    if below(float(uniq[0])):
        return float(uniq[0])
    if not below(float(uniq[-1])):
        return float(uniq[-1])
    lo, hi = 0, uniq.size - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if below(float(uniq[mid] + uniq[mid + 1]) / 2):
            hi = mid
        else:
            lo = mid + 1
    return float(uniq[lo])


def signed_rank(x: Any, y: Any = None, conf_level: float = 0.95, correct: bool = True) -> SignedRankResult:
    """Wilcoxon signed-rank test of the differences x - y (or of x), two-sided, as R's
    `wilcox.test(x, y, paired = TRUE, conf.int = TRUE)`.

    V = Σ ranks of |d| over the positive d, zeros dropped. Exact p-value and interval (order statistics of the
    Walsh averages at the quantiles of the exact distribution of V) when there are fewer than 50 differences and
    no ties or zeros, as R's default; otherwise z = (V - n(n+1)/4 - cc) / sigma with the tie-corrected sigma and
    continuity correction, and the interval inverts that test.

    >>> r = signed_rank([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...                 [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
    >>> r.statistic, round(r.p_value, 6)
    (0.0, 0.009091)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    ax = as_float_array(x, "x")
    if y is not None:
        ay = as_float_array(y, "y")
        if ax.size != ay.size:
            raise EdakitError(f"A paired test needs x and y of the same length; got {ax.size} and {ay.size}.")
        ax = ax - ay
    d = ax[np.isfinite(ax)]
    nonzero = d[d != 0]
    n = int(nonzero.size)
    notes: list[str] = []
    common = {"conf_level": conf_level, "alternative": "two-sided", "n": int(d.size)}
    if n == 0:
        notes.append("Every difference is 0 (or there are none), so the signed-rank test cannot be computed.")
        return SignedRankResult("Wilcoxon signed rank test", estimate=0.0 if d.size else None, notes=notes, **common)
    ties = np.unique(np.abs(nonzero)).size < n
    exact = n < EXACT_BELOW and not ties and n == d.size
    if d.size > n:
        notes.append(f"{d.size - n} difference(s) of exactly 0 were dropped, as R does.")
    if n < EXACT_BELOW and not exact:
        notes.append("With ties or zeros the exact p-value is not available; the normal approximation is used (as R).")
    res = stats.wilcoxon(nonzero, correction=correct, method="exact" if exact else "approx")
    ranks = stats.rankdata(np.abs(nonzero))
    v = float(ranks[nonzero > 0].sum())  # R's V (scipy's statistic is the smaller of the two rank sums)
    alpha = 1 - conf_level
    details = {"exact": exact, "n_nonzero": n}
    if exact:
        method = "Wilcoxon signed rank exact test"
    else:
        method = "Wilcoxon signed rank test" + (" with continuity correction" if correct else "")
    if n * (n + 1) // 2 > MAX_WALSH:
        notes.append(
            f"The Hodges–Lehmann estimate and its interval were not computed ({n * (n + 1) // 2:,} Walsh averages); "
            "the test is unaffected."
        )
        return SignedRankResult(method, statistic=v, p_value=float(res.pvalue), notes=notes, details=details, **common)
    walsh = _walsh(nonzero)  # R drops the zeros before the interval too
    if exact:
        cdf = _v_null_cdf(n)
        qu = max(int(np.searchsorted(cdf, alpha / 2 * (1 - 64 * np.finfo(float).eps), side="left")), 1)
        ql = n * (n + 1) // 2 - qu
        ci = (float(walsh[qu - 1]), float(walsh[ql]))
        estimate = float(np.median(walsh))
        achieved = 1 - 2 * float(cdf[qu - 1])
        if alpha / 2 < (1 - achieved) - alpha:  # R's "requested conf.level not achievable"
            notes.append(
                f"With so few differences the requested {100 * conf_level:g} % interval is not achievable; the "
                f"interval shown has confidence level {100 * achieved:.3g} % (R warns the same)."
            )
    else:
        zq = float(stats.norm.isf(alpha / 2))
        ci = (_root(nonzero, walsh, zq, correct), _root(nonzero, walsh, -zq, correct))
        # z(mu) = 0 on a whole step (the continuity correction makes it flat); R's uniroot returns some point of
        # it: the point nearest the median of the Walsh averages (the Hodges–Lehmann estimate) is given.
        low, high = _root(nonzero, walsh, 0.0, correct), _root(nonzero, walsh, 0.0, correct, strict=True)
        estimate = float(np.clip(np.median(walsh), low, high))
    return SignedRankResult(
        method,
        statistic=v,
        p_value=float(res.pvalue),
        estimate=estimate,
        ci=ci,
        notes=notes,
        details=details,
        **common,
    )


# ---------------------------------------------------------------------------------------------- McNemar


def mcnemar(table: Any, conf_level: float = 0.95, correct: bool = True) -> McNemarResult:
    """McNemar's test of a 2×2 table of paired binary outcomes (rows: first condition, columns: second), as R's
    `mcnemar.test`: X² = (|b - c| - 1)² / (b + c) on 1 df with the off-diagonal (discordant) counts b and c.

    Estimate: the difference of the paired proportions p1 - p2 = (b - c)/n (the share with the first level under
    the first condition minus under the second) with its Wald interval, SE = sqrt((b + c) - (b - c)²/n) / n
    (Agresti 2002, §10.1). `details["exact_p"]` is the exact binomial test of b out of b + c at 1/2.

    >>> r = mcnemar([[794, 150], [86, 570]])
    >>> round(r.statistic, 3), float(f"{r.p_value:.4g}")
    (16.818, 4.115e-05)
    """
    from scipy import stats
    from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar

    conf_level = check_conf_level(conf_level)
    t = np.asarray(table, dtype=float)
    if t.shape != (2, 2) or (t < 0).any():
        raise EdakitError("McNemar's test needs a 2×2 table of non-negative counts.")
    n = float(t.sum())
    b, c = float(t[0, 1]), float(t[1, 0])
    method = "McNemar's Chi-squared test" + (" with continuity correction" if correct else "")
    common = {"conf_level": conf_level, "alternative": "two-sided", "n": int(n)}
    est = (b - c) / n if n else None
    se = math.sqrt(max((b + c) - (b - c) ** 2 / n, 0.0)) / n if n else 0.0
    z = float(stats.norm.isf((1 - conf_level) / 2))
    ci = (max(est - z * se, -1.0), min(est + z * se, 1.0)) if est is not None and se > 0 else None
    if b + c == 0:
        notes = ["No unit changed between the conditions (no discordant pairs), so McNemar's test is undefined."]
        return McNemarResult(method, estimate=est, notes=notes, **common)
    res = sm_mcnemar(t, exact=False, correction=correct)
    exact_p = float(stats.binomtest(int(b), int(b + c), 0.5).pvalue)
    notes = []
    if se == 0:
        notes.append(
            "Every discordant pair goes the same way, so the Wald interval of the difference has no width "
            "and is not shown."
        )
    return McNemarResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=1.0,
        estimate=est,
        ci=ci,
        notes=notes,
        details={"discordant": [int(b), int(c)], "exact_p": exact_p},
        **common,
    )


# ---------------------------------------------------------------------------------------------- Friedman


def _kendall_w(blocks: np.ndarray) -> np.ndarray:
    """Kendall's W = Friedman chi-squared / (n (k - 1)) of each units × conditions table in `blocks` (shape
    (..., n, k)), ties corrected: W = S / (n (Σ r² - n k (k + 1)² / 4)) with S = Σ_j (R_j - n (k + 1) / 2)² and
    r the within-unit mid-ranks (Conover 1999, §5.8; equal to R's tie correction). NaN when every unit is tied."""
    from scipy import stats

    n, k = blocks.shape[-2:]
    ranks = stats.rankdata(blocks, axis=-1)
    s = ((ranks.sum(axis=-2) - n * (k + 1) / 2) ** 2).sum(axis=-1)
    denominator = (ranks**2).sum(axis=(-2, -1)) - n * k * (k + 1) ** 2 / 4
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, s / (n * denominator), np.nan)


def friedman(blocks: Any, conf_level: float = 0.95, seed: int = 0) -> FriedmanResult:
    """Friedman's rank test of k >= 3 conditions measured on the same units (rows: units, columns: conditions),
    as R's `friedman.test(matrix)`: values ranked within each unit, chi-squared on k - 1 df, ties corrected.

    Effect size: Kendall's W = chi-squared / (n (k - 1)), the agreement of the units' rankings (0: none, 1: every
    unit ranks the conditions the same way), with a seeded percentile bootstrap interval over the units (one-sided
    at the boundary 0: `stats.bootstrap.boundary_interval`).

    >>> r = friedman([[1, 2, 3], [1, 3, 2], [1, 2, 3], [2, 1, 3]])
    >>> r.df, round(r.statistic, 3)
    (2.0, 4.5)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    m = np.asarray(blocks, dtype=float)
    if m.ndim != 2 or m.shape[1] < 3:
        raise EdakitError("Friedman's test needs a table of units (rows) by at least 3 conditions (columns).")
    m = m[np.isfinite(m).all(axis=1)]
    n, k = m.shape
    common = {"conf_level": conf_level, "alternative": "two-sided", "n": int(n)}
    method = "Friedman rank sum test"
    if n < 2 or np.all(np.ptp(m, axis=1) == 0):
        why = "fewer than 2 complete units" if n < 2 else "every unit has the same value under every condition"
        return FriedmanResult(method, notes=[f"Friedman's test cannot be computed: {why}."], **common)
    res = stats.friedmanchisquare(*m.T)
    w = float(res.statistic) / (n * (k - 1))  # equals _kendall_w(m)
    rng = np.random.default_rng(seed)
    chunk = max(1, BOOT_CELLS // (n * k))
    boot = np.concatenate(
        [_kendall_w(m[rng.integers(0, n, (min(chunk, W_RESAMPLES - i), n))]) for i in range(0, W_RESAMPLES, chunk)]
    )
    notes: list[str] = []
    ci, kind = boundary_interval(boot, w, conf_level, "Kendall's W", notes)
    convention = f"percentile bootstrap interval over the units ({W_RESAMPLES} resamples)"
    effect = EffectSize("Kendall's W", w, ci, convention=convention, ci_kind=kind)
    return FriedmanResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=float(k - 1),
        estimate=w,
        effect_size=effect,
        notes=notes,
        details={"mean_ranks": [float(v) for v in stats.rankdata(m, axis=1).mean(axis=0)]},
        **common,
    )
