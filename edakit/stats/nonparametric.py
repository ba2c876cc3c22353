"""Rank-based tests: Wilcoxon rank-sum (Mann-Whitney), Kruskal-Wallis with Dunn's post-hoc, and the
Shapiro-Wilk normality test.

Conventions follow R: `wilcox.test` (W statistic; normal approximation with continuity and tie correction by
default), `kruskal.test`, `shapiro.test`. Test statistics and p-values come from scipy; Dunn's test, the
Hodges-Lehmann interval and the exact null distribution of W (which scipy does not expose) are written here
from their formulas and checked against R in tests/r/hypothesis_tests.R.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import NotComputable
from edakit.stats import effect_sizes as es
from edakit.stats._inputs import check_alternative, check_conf_level, clean, dropped_note, groups_with_notes, label_of
from edakit.stats.result import Result

#: the Hodges-Lehmann estimate needs all n1*n2 pairwise differences; above this it is skipped (with a note)
MAX_PAIRS = 4_000_000
#: the exact null distribution of W is built by a recursion costing about (n1 n2)² / 4 steps
MAX_EXACT_PAIRS = 10_000
#: R's shapiro.test refuses n > 5000; larger samples are tested on a seeded random subsample of this size
SHAPIRO_MAX_N = 5000


@dataclass(repr=False)
class MannWhitneyResult(Result):
    """Result of `mann_whitney`: statistic is R's W (the U of the first sample)."""


@dataclass(repr=False)
class KruskalResult(Result):
    """Result of `kruskal`: statistic is the tie-corrected H; `details["posthoc"]` holds Dunn's tests."""


@dataclass(repr=False)
class ShapiroResult(Result):
    """Result of `shapiro`: statistic is W (1 for a perfect straight line on the normal QQ plot)."""


# ---------------------------------------------------------------------------------------------- Mann-Whitney


def _u_null_cdf(m: int, n: int) -> np.ndarray:
    """Exact null distribution P(U <= u), u = 0..m·n, of the Mann-Whitney U for samples of size m and n
    without ties (R's `pwilcox`). Counts c(i, j; u) = c(i-1, j; u-j) + c(i, j-1; u): the largest of the i + j
    values is either an x (beating all j y's) or a y (beating none)."""
    prev = [np.ones(1)] * (n + 1)  # i = 0: a single configuration with U = 0
    for i in range(1, m + 1):
        cur = [np.ones(1)]
        for j in range(1, n + 1):
            c = np.zeros(i * j + 1)
            c[j : j + prev[j].size] += prev[j]
            c[: cur[j - 1].size] += cur[j - 1]
            cur.append(c)
        prev = cur
    counts = prev[n]
    return np.cumsum(counts) / counts.sum()


def _qwilcox(p: float, cdf: np.ndarray) -> int:
    """Smallest u with P(U <= u) >= p (R's `qwilcox`), with a little slack for rounding as R has."""
    return int(np.searchsorted(cdf, p * (1 - 64 * np.finfo(float).eps), side="left"))


def _hl_interval_exact(
    diffs: np.ndarray, n1: int, n2: int, conf_level: float, alternative: str
) -> tuple[tuple[float, float], float]:
    """R's exact `wilcox.test(conf.int = TRUE)` interval: order statistics of the sorted differences at the
    quantiles of the exact null distribution of W (Bauer 1972). Also returns the confidence level achieved."""
    cdf = _u_null_cdf(n1, n2)
    a = 1 - conf_level
    qu = max(_qwilcox(a / 2 if alternative == "two-sided" else a, cdf), 1)
    ql = n1 * n2 - qu
    lower, upper = float(diffs[qu - 1]), float(diffs[ql])
    achieved = float(cdf[qu - 1]) * (2 if alternative == "two-sided" else 1)  # R: pwilcox(qu - 1, n1, n2)
    if alternative == "greater":
        return (lower, math.inf), 1 - achieved
    if alternative == "less":
        return (-math.inf, upper), 1 - achieved
    return (lower, upper), 1 - achieved


def _hl_interval_normal(
    x: np.ndarray, y: np.ndarray, diffs: np.ndarray, conf_level: float, alternative: str, correct: bool
) -> tuple[float, float]:
    """Interval from inverting the normal-approximation test, as R's `wilcox.test(exact = FALSE,
    conf.int = TRUE)`: the shifts d at which z(d) = (W(x - d) - n1 n2/2 - cc) / sigma(d) crosses ±z_{a/2}.

    z(d) is a non-increasing step function that only jumps at the pairwise differences, so the crossing is
    found exactly by bisection over the sorted distinct differences (R finds it with `uniroot`, tol = 1e-4,
    so R's printed limits can sit up to about 1e-4 away from these).
    """
    from scipy import stats

    n1, n2 = x.size, y.size
    big_n = n1 + n2

    def z_of(d: float, zq: float) -> float:
        combined = np.concatenate([x - d, y])
        ranks = stats.rankdata(combined)
        dz = ranks[:n1].sum() - n1 * (n1 + 1) / 2 - n1 * n2 / 2
        _, t = np.unique(combined, return_counts=True)
        sigma = math.sqrt(n1 * n2 / 12 * ((big_n + 1) - float((t**3 - t).sum()) / (big_n * (big_n - 1))))
        cc = 0.0
        if correct:
            cc = {"two-sided": float(np.sign(dz)) * 0.5, "greater": 0.5, "less": -0.5}[alternative]
        return (dz - cc) / sigma - zq

    uniq = np.unique(diffs)

    def root(zq: float) -> float:
        if z_of(uniq[0], zq) <= 0:
            return float(uniq[0])
        if z_of(uniq[-1], zq) >= 0:
            return float(uniq[-1])
        lo, hi = 0, uniq.size - 1  # find the first gap (uniq[k], uniq[k+1]) where z(d) - zq <= 0
        for _ in range(int(uniq.size).bit_length() + 1):  # bisection on indices: log2(size) + 1 steps suffice
            if lo >= hi:
                break
            mid = (lo + hi) // 2
            if z_of((uniq[mid] + uniq[mid + 1]) / 2, zq) <= 0:
                hi = mid
            else:
                lo = mid + 1
        return float(uniq[lo])

    a = 1 - conf_level
    if alternative == "greater":
        return root(stats.norm.isf(a)), math.inf
    if alternative == "less":
        return -math.inf, root(stats.norm.ppf(a))
    return root(stats.norm.isf(a / 2)), root(stats.norm.ppf(a / 2))


def mann_whitney(
    x: Any,
    y: Any,
    alternative: str = "two-sided",
    correct: bool = True,
    exact: bool = False,
    conf_level: float = 0.95,
) -> MannWhitneyResult:
    """Wilcoxon rank-sum / Mann-Whitney test of two independent samples, as R's `wilcox.test(x, y)`.

    W = Σ ranks of x in the pooled sample - n1(n1 + 1)/2 (= the number of pairs with x > y, ties half).
    Default (R's `exact = FALSE, correct = TRUE`): z = (W - n1 n2/2 - cc) / sigma with the tie-corrected
    sigma² = n1 n2/12 · ((N + 1) - Σ(t³ - t)/(N(N - 1))) and continuity correction cc = ±0.5
    ("Wilcoxon rank sum test with continuity correction"). `exact=True` uses the exact permutation
    distribution when there are no ties and n1·n2 <= 10,000 ("Wilcoxon rank sum exact test"); with ties it
    falls back to the normal approximation, as R does, and says so. (R's own default switches to exact for
    n < 50 without ties; edakit keeps one method for all sizes unless asked.)

    Estimate: the Hodges-Lehmann shift, the median of all n1·n2 differences x_i - y_j (R's exact estimate;
    R's normal-approximation estimate is a `uniroot` solution within the same step). CI: exact order
    statistics when exact, otherwise the inversion of the normal-approximation test (as R's `conf.int`).
    Effect size: rank-biserial correlation r = 2W/(n1 n2) - 1 with a Fisher-z CI.

    >>> r = mann_whitney([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...                  [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
    >>> r.statistic, round(r.p_value, 4)
    (25.5, 0.0693)
    """
    from scipy import stats

    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    label_x, label_y = label_of(x, "x"), label_of(y, "y")
    if label_x == label_y:
        label_y = label_y + " (2)"
    xs, dx = clean(x, label_x)
    ys, dy = clean(y, label_y)
    n1, n2 = int(xs.size), int(ys.size)
    notes = dropped_note(dx, label_x) + dropped_note(dy, label_y)
    details: dict[str, Any] = {
        "labels": [label_x, label_y],
        "medians": {label_x: float(np.median(xs)) if n1 else None, label_y: float(np.median(ys)) if n2 else None},
        "estimate_name": f"Hodges-Lehmann shift ({label_x} - {label_y})",
        "correct": correct,
        "exact": False,
        "n_dropped": dx + dy,
    }
    common = {"alternative": alternative, "conf_level": conf_level, "n": {label_x: n1, label_y: n2}}
    has_ties = np.unique(np.concatenate([xs, ys])).size < n1 + n2
    use_exact = exact and not has_ties and n1 * n2 <= MAX_EXACT_PAIRS
    if exact and has_ties:
        notes.append(
            "The exact p-value is not available with tied values; the normal approximation was used (as R does)."
        )
    elif exact and n1 * n2 > MAX_EXACT_PAIRS:
        notes.append(
            f"The exact distribution was not computed for {n1:,} x {n2:,} values (too costly); the "
            "normal approximation is accurate at this size and was used."
        )
    if use_exact:
        method = "Wilcoxon rank sum exact test"
    elif correct:
        method = "Wilcoxon rank sum test with continuity correction"
    else:
        method = "Wilcoxon rank sum test"
    details["exact"] = use_exact
    if n1 == 0 or n2 == 0:
        notes.append(f"{label_x if n1 == 0 else label_y} has no values, so there is nothing to compare.")
        return MannWhitneyResult(method, notes=notes, details=details, **common)
    if np.ptp(np.concatenate([xs, ys])) == 0:
        notes.append(
            "All values in both samples are equal (all tied), so the ranks carry no information and "
            "the test is undefined."
        )
        return MannWhitneyResult(method, estimate=0.0, notes=notes, details=details, **common)
    res = stats.mannwhitneyu(
        xs, ys, use_continuity=correct, alternative=alternative, method="exact" if use_exact else "asymptotic"
    )
    w = float(res.statistic)
    estimate = ci = None
    if n1 * n2 <= MAX_PAIRS:
        diffs = np.sort(np.subtract.outer(xs, ys).ravel())
    if n1 * n2 <= MAX_PAIRS and not np.isfinite(diffs).all():
        notes.append(
            "The Hodges-Lehmann shift and its interval are not computable: infinite values make some pairwise "
            "differences infinite or undefined; the test and the rank-biserial correlation are unaffected."
        )
    elif n1 * n2 <= MAX_PAIRS:
        estimate = float(np.median(diffs))
        if use_exact:
            ci, achieved = _hl_interval_exact(diffs, n1, n2, conf_level, alternative)
            if (1 - achieved) - (1 - conf_level) > (1 - conf_level) / 2:  # R's "conf.level not achievable" rule
                details["achieved_conf_level"] = achieved
                notes.append(
                    f"With so few values the requested {100 * conf_level:g} % interval is not achievable; the "
                    f"interval shown has confidence level {100 * achieved:.3g} % (R warns the same)."
                )
        else:
            ci = _hl_interval_normal(xs, ys, diffs, conf_level, alternative, correct)
    else:
        notes.append(
            f"The Hodges-Lehmann shift and its interval were not computed ({n1 * n2:,} pairwise "
            "differences); the test and the rank-biserial correlation are unaffected."
        )
    if min(n1, n2) < 5:
        notes.append(f"With only {min(n1, n2)} value(s) in the smaller sample the test has very little power.")
    return MannWhitneyResult(
        method,
        statistic=w,
        p_value=float(res.pvalue),
        estimate=estimate,
        ci=ci,
        effect_size=es.rank_biserial(w, n1, n2, conf_level=conf_level, alternative=alternative),
        notes=notes,
        details=details,
        **common,
    )


# ---------------------------------------------------------------------------------------------- Kruskal-Wallis


def ranked_groups(arrays: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """Each group's mid-ranks in the pooled sample (ties get average ranks, as `scipy.stats.rankdata`) and the
    sizes of the runs of tied values, from one stable sort of the pooled values (`stats.ranks`): H, Dunn's tests
    and epsilon²'s interval share it instead of ranking the sample four times. The ranks are whole numbers and
    halves, so they are exactly rankdata's."""
    from edakit.stats.ranks import SortedColumn, pair_ranks

    pooled = np.concatenate(arrays)
    ranked = pair_ranks(SortedColumn(pooled), np.ones(pooled.size, dtype=bool))
    return np.split(ranked.mid, np.cumsum([a.size for a in arrays])[:-1]), ranked.counts


def dunn_test(labels: list[str], ranks: list[np.ndarray], ties: np.ndarray) -> list[dict[str, Any]]:
    """Dunn's (1964) pairwise z tests on mean ranks of the pooled sample, Holm-adjusted (`ranks`, `ties`: each
    group's mid-ranks and the sizes of the runs of ties, from `ranked_groups`).

    z = (R̄_b - R̄_a) / sqrt((N(N + 1)/12 - Σ(t³ - t)/(12(N - 1))) (1/n_a + 1/n_b)); two-sided p from the
    normal distribution; Holm's step-down adjustment (R's `p.adjust`, `stats.multitest`: statsmodels'
    `multipletests` runs a full garbage collection for Holm, about 0.1 s per call in a large report).
    """
    from scipy import stats

    from edakit.stats.multitest import adjust_pvalues

    big_n = sum(r.size for r in ranks)
    mean_rank = [float(r.mean()) for r in ranks]
    s2 = big_n * (big_n + 1) / 12 - float((ties**3 - ties).sum()) / (12 * (big_n - 1))
    rows = []
    for i, j in itertools.combinations(range(len(labels)), 2):
        diff = mean_rank[j] - mean_rank[i]
        z = diff / math.sqrt(s2 * (1 / ranks[i].size + 1 / ranks[j].size))
        p = float(2 * stats.norm.sf(abs(z)))
        rows.append(
            {"pair": f"{labels[j]}-{labels[i]}", "groups": [labels[j], labels[i]], "diff": diff, "z": z, "p": p}
        )
    for r, p_adj in zip(rows, adjust_pvalues([r["p"] for r in rows], "holm"), strict=True):
        r["p_adj"] = p_adj
    return rows


def _epsilon_squared_ci(ranks: list[np.ndarray], conf_level: float, effect: es.EffectSize) -> list[str]:
    """Interval of rank epsilon² (set on `effect`, with its kind; the notes about it returned): H/(N - 1) is
    exactly eta² of the one-way ANOVA on the (mid)ranks, so its interval is that ANOVA's noncentral-F interval for
    eta² (the rank transform of Conover & Iman 1981), one-sided at the boundary 0 as there (`stats.ncp`)."""
    from edakit.stats.association import correlation_ratio_from_groups

    r = correlation_ratio_from_groups(
        [a.size for a in ranks],
        [float(a.mean()) for a in ranks],
        [float(a.var(ddof=1)) if a.size > 1 else None for a in ranks],
        conf_level,
    )
    effect.ci, effect.ci_kind = r.eta_squared_ci, r.ci_kind
    return [n.replace("eta²", "epsilon²") for n in r.notes if "one-sided" in n or "cannot be" in n]


def _kruskal_h(ranks: list[np.ndarray], ties: np.ndarray) -> tuple[float, float]:
    """H and its p-value, in `scipy.stats.kruskal`'s own operations on the shared ranks (the same numbers:
    tests/test_hypothesis_tests.py compares them with scipy's on raw values with ties)."""
    from scipy import stats

    total = sum(r.size for r in ranks)
    t = ties.astype(np.float64)
    tie_factor = 1 - np.sum(t**3 - t) / (total**3 - total)
    ssbn = sum(np.sum(r) ** 2 / r.size for r in ranks)
    h = (12.0 / (total * (total + 1)) * ssbn - 3 * (total + 1)) / tie_factor
    return float(h), float(stats.chi2.sf(h, len(ranks) - 1))


def kruskal(groups: Mapping[Any, Any] | Iterable[Any], conf_level: float = 0.95) -> KruskalResult:
    """Kruskal-Wallis rank sum test (R `kruskal.test`): do the groups come from the same distribution?

    H = [12/(N(N + 1)) Σ R_i²/n_i - 3(N + 1)] / (1 - Σ(t³ - t)/(N³ - N)), referred to chi-square with k - 1 df
    (Kruskal & Wallis 1952; scipy.stats.kruskal). Effect size: rank epsilon² = H/(N - 1), with the interval of
    eta² in the one-way ANOVA on the ranks (of which it is the eta², ties included). Post-hoc: Dunn's
    test with Holm's adjustment in `details["posthoc"]` (diff = difference in mean ranks). The pooled values are
    ranked once for all of these (`ranked_groups`).

    >>> r = kruskal({"a": [1.0, 2, 3, 4], "b": [3.0, 5, 6, 8], "c": [7.0, 9, 10, 12]})
    >>> r.method, r.df
    ('Kruskal-Wallis rank sum test', 2.0)
    """
    data, notes = groups_with_notes(groups, 2, "The Kruskal-Wallis test")
    arrays = list(data.values())
    total = int(sum(a.size for a in arrays))
    method = "Kruskal-Wallis rank sum test"
    details: dict[str, Any] = {
        "labels": list(data),
        "medians": {lab: float(np.median(a)) for lab, a in data.items()},
        "posthoc_method": "Dunn (Holm-adjusted)",
        "posthoc": [],
    }
    common = {"alternative": None, "conf_level": None, "n": {lab: int(a.size) for lab, a in data.items()}}
    ranks, ties = ranked_groups(arrays)
    if ties.size == 1:
        notes.append("All values are equal (all tied), so the ranks carry no information and the test is undefined.")
        return KruskalResult(method, notes=notes, details=details, **common)
    statistic, p_value = _kruskal_h(ranks, ties)
    details["posthoc"] = dunn_test(list(data), ranks, ties)
    details["mean_ranks"] = {lab: float(r.mean()) for lab, r in zip(data, ranks, strict=True)}
    if min(a.size for a in arrays) < 5:
        notes.append("Some groups have fewer than 5 values; the chi-square approximation to H is rough there.")
    try:
        effect: es.EffectSize | None = es.epsilon_squared(statistic, total)
        notes += _epsilon_squared_ci(ranks, conf_level, effect)
    except NotComputable as exc:
        effect = None
        notes.append(f"Epsilon² is {exc}.")
    return KruskalResult(
        method,
        statistic=statistic,
        p_value=p_value,
        df=float(len(arrays) - 1),
        effect_size=effect,
        notes=notes,
        details=details,
        **common,
    )


# ---------------------------------------------------------------------------------------------- Shapiro-Wilk


def shapiro(x: Any, max_n: int = SHAPIRO_MAX_N, seed: int = 0) -> ShapiroResult:
    """Shapiro-Wilk test of normality (R `shapiro.test`; Royston's 1995 algorithm AS R94, as in scipy).

    W = (Σ a_i x_(i))² / Σ (x_i - x̄)². R accepts 3 to 5000 values. Above `max_n` (5000) the test runs on a
    uniform random subsample of `max_n` values drawn with `seed` (the note says so): the approximation is only
    validated to 5000, and with that many values even harmless departures from normality are "significant".

    >>> r = shapiro([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0])
    >>> round(r.statistic, 6), round(r.p_value, 6)
    (0.925806, 0.407929)
    """
    from scipy import stats

    label = label_of(x, "x")
    data, n_dropped = clean(x, label)
    notes = dropped_note(n_dropped, label)
    n = int(data.size)
    method = "Shapiro-Wilk normality test"
    details: dict[str, Any] = {"labels": [label], "n_dropped": n_dropped, "subsampled": False}
    common = {"alternative": None, "conf_level": None}
    if n < 3:
        notes.append(f"The Shapiro-Wilk test needs at least 3 values; {label} has {n}.")
        return ShapiroResult(method, n=n, notes=notes, details=details, **common)
    if np.ptp(data) == 0:
        notes.append(f"All {n:,} values are identical, so normality cannot be assessed (the data are constant).")
        return ShapiroResult(method, n=n, notes=notes, details=details, **common)
    tested = data
    if n > max_n:
        tested = np.random.default_rng(seed).choice(data, size=max_n, replace=False)
        details.update(subsampled=True, n_tested=max_n, seed=seed)
        notes.append(
            f"Tested on a random subsample of {max_n:,} of the {n:,} values (seed {seed}): the "
            "Shapiro-Wilk approximation is validated up to 5,000 values."
        )
    res = stats.shapiro(tested)
    return ShapiroResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        n=n,
        notes=notes,
        details=details,
        **common,
    )
