"""Post-hoc pairwise comparisons after a one-way ANOVA, from each group's n, mean and variance: Tukey's HSD
(Tukey-Kramer for unequal n; R `TukeyHSD(aov(y ~ g))`) after the classic F test, Games-Howell after Welch's F,
and the studentized range quantile they both need (R `qtukey`).

The raw-value forms (`tukey_hsd`, `games_howell`) compute the moments and call the `*_from_moments` cores,
which the report's engine path calls with full-data moments; rows are in R's layout: pair "b-a", diff =
mean(b) - mean(a) for each a listed before b, simultaneous CI and adjusted p-value.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import check_conf_level
from edakit.stats.means import moment_groups, welch_df


@functools.lru_cache(maxsize=512)
def studentized_range_ppf(p: float, k: int, df: float) -> float:
    """The p quantile of the studentized range of k means on df degrees of freedom (R's `qtukey(p, k, df)`).

    scipy's `studentized_range.ppf` brackets the root from scratch, about 14 CDF evaluations (each a 2-D
    integral, ~0.01 s); here the secant method on the same scipy CDF starts from `_start` and needs about 5 to 7,
    to 1e-12. Falls back to scipy's `ppf` if the secant method does not converge or the start is not a positive
    number (both bounded: the secant method stops after root_scalar's default 50 iterations, scipy's ppf after
    its own bracket). Raises `NotComputable` for a non-finite or non-positive df. Cached: Tukey's HSD needs one
    per column.

    >>> round(studentized_range_ppf(0.95, 3, 12.0), 6)  # R: qtukey(0.95, 3, 12) = 3.772929
    3.772929
    """
    from scipy import optimize, stats

    if not (0 < p < 1 and k >= 2 and math.isfinite(df) and df > 0):
        raise NotComputable(
            f"the studentized range quantile needs 0 < p < 1, k ≥ 2 and a finite df > 0; got {p:g}, {k}, {df:g}"
        )

    def slow() -> float:
        return float(stats.studentized_range.ppf(p, k, df))

    try:
        start = _start(p, k, df)
    except (ValueError, ArithmeticError):
        return slow()
    if not (math.isfinite(start) and start > 0):
        return slow()
    res = optimize.root_scalar(
        lambda q: stats.studentized_range.cdf(q, k, df) - p,
        x0=start,
        x1=start * 1.0005,
        method="secant",
        xtol=1e-12,
        maxiter=50,
    )
    q = float(res.root)
    if not (res.converged and math.isfinite(q) and q > 0):
        return slow()
    if abs(float(stats.studentized_range.cdf(q, k, df)) - p) > 1e-10:
        return slow()
    return q


def _start(p: float, k: int, df: float) -> float:
    """A start for the quantile's secant search: within 0.5 % for df ≥ 40 and 4 % for df ≥ 12 (further off for
    fewer df, where the search takes a few more steps; p from 0.8 to 0.999, k up to 50). Two means: Q/√2 is
    |t| on df, so q = √2·t_df((1 + p)/2) exactly. More: the quantile on infinite df, q∞, widened by the first
    term in 1/df of Q = R/S (S² ~ χ²_df/df: E[S] ≈ 1 − 1/(4df), Var[S] ≈ 1/(2df)), which moves the quantile by
    q∞(1 − q∞f′(q∞)/f(q∞))/(4df) for f the density of the range R; written as a factor exp(c/df), which stays
    closer for small df. (statsmodels' `qsturng` table would start closer, but its import takes pandas with it.)"""
    from scipy import stats

    if k == 2:
        return math.sqrt(2) * float(stats.t.ppf((1 + p) / 2, df))
    q, c = _infinite_df(p, k)
    return q * math.exp(c / df)


@functools.lru_cache(maxsize=64)
def _infinite_df(p: float, k: int) -> tuple[float, float]:
    """q∞, the p quantile of the range of k standard normal values, and c = (1 − q∞f′(q∞)/f(q∞))/4 (`_start`);
    scipy evaluates the infinite-df distribution as a 1-D integral, about 2 ms for both."""
    from scipy import stats

    dist = stats.studentized_range(k, math.inf)
    q = float(dist.ppf(p))
    h = 1e-4 * q
    slope = (float(dist.pdf(q + h)) - float(dist.pdf(q - h))) / (2 * h)
    return q, (1 - q * slope / float(dist.pdf(q))) / 4


def tukey_from_moments(
    labels: Sequence[str],
    sizes: Sequence[int],
    means: Sequence[float],
    variances: Sequence[float | None],
    conf_level: float = 0.95,
) -> list[dict[str, Any]]:
    """Tukey-Kramer HSD from each group's n, mean and variance, in R's `TukeyHSD(aov(y ~ g))` layout.

    MSE = Σ(n_i - 1)s_i²/(N - k) on N - k df; for a listed before b: diff = m_b - m_a,
    SE = sqrt(MSE/2 · (1/n_a + 1/n_b)), p = P(Q_{k,N-k} > |diff|/SE), CI = diff ± q_{conf,k,N-k}·SE (Tukey 1953;
    Kramer 1956); `tukey_hsd` (raw values) and the engine path (full-data moments) call it. A group of one value
    contributes no variance (its s² may be None).

    >>> rows = tukey_from_moments(["a", "b", "c"], [5, 5, 5], [5.108, 4.57, 5.568], [0.62037, 0.7234, 0.19897])
    >>> rows[0]["pair"], round(rows[0]["diff"], 3), round(rows[0]["p_adj"], 4)
    ('b-a', -0.538, 0.4831)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    n, m, v = moment_groups(sizes, means, variances, False, "Tukey's HSD")
    if (n < 1).any():
        raise EdakitError("Tukey's HSD needs at least one value in every group.")
    k, total = n.size, float(n.sum())
    ss = float(sum((ni - 1) * vi for ni, vi in zip(n, v, strict=True) if ni > 1))
    if total - k < 1 or ss <= 0:
        raise EdakitError("Tukey's HSD needs variation within the groups (a positive pooled variance).")
    mse, df = ss / (total - k), total - k
    q_crit = studentized_range_ppf(conf_level, k, float(df))
    out = []
    for i, j in itertools.combinations(range(k), 2):
        diff = float(m[j] - m[i])
        se = math.sqrt(mse / 2 * (1 / n[i] + 1 / n[j]))
        if not (se > 0 and math.isfinite(se) and math.isfinite(diff)):
            raise NotComputable(f"the standard error of {labels[j]}-{labels[i]} is {se:g} (the spread underflows)")
        out.append(
            {
                "pair": f"{labels[j]}-{labels[i]}",
                "groups": [labels[j], labels[i]],
                "diff": diff,
                "ci": (diff - q_crit * se, diff + q_crit * se),
                "p_adj": float(stats.studentized_range.sf(abs(diff) / se, k, df)),
            }
        )
    return out


def _moments(data: Mapping[str, np.ndarray]) -> tuple[list[str], list[int], list[float], list[float | None]]:
    """Labels, sizes, means and variances (None for a group of one) of raw samples."""
    arrays = list(data.values())
    return (
        list(data),
        [int(a.size) for a in arrays],
        [float(a.mean()) for a in arrays],
        [float(a.var(ddof=1)) if a.size > 1 else None for a in arrays],
    )


def tukey_hsd(data: Mapping[str, np.ndarray], conf_level: float = 0.95) -> list[dict[str, Any]]:
    """Tukey's HSD of raw samples (label -> values); see `tukey_from_moments`."""
    return tukey_from_moments(*_moments(data), conf_level)


def games_howell(data: Mapping[str, np.ndarray], conf_level: float = 0.95) -> list[dict[str, Any]]:
    """Games-Howell pairwise comparisons of raw samples (label -> values); see `games_howell_from_moments`."""
    return games_howell_from_moments(*_moments(data), conf_level)


def games_howell_from_moments(
    labels: Sequence[str],
    sizes: Sequence[int],
    means: Sequence[float],
    variances: Sequence[float | None],
    conf_level: float = 0.95,
) -> list[dict[str, Any]]:
    """Games-Howell pairwise comparisons (Games & Howell 1976): Welch's t per pair, referred to the studentized
    range distribution with k groups and the pair's Welch-Satterthwaite df.

    t = |m_b - m_a| / sqrt(s_a²/n_a + s_b²/n_b); p = P(Q_{k,df} > t·sqrt(2));
    CI = diff ± q_{conf,k,df} / sqrt(2) · SE. scipy has the distribution but not the procedure. Each pair costs
    one studentized-range quantile (about 0.3 s in scipy), so callers bound the number of pairs.

    >>> rows = games_howell_from_moments(["a", "b"], [5, 5], [5.108, 4.57], [0.62037, 0.7234])
    >>> rows[0]["pair"], round(rows[0]["diff"], 3)
    ('b-a', -0.538)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    n, m, v = moment_groups(sizes, means, variances, True, "The Games-Howell procedure")
    k = n.size
    out = []
    for i, j in itertools.combinations(range(k), 2):
        va, vb = v[i] / n[i], v[j] / n[j]
        se = math.sqrt(va + vb)
        df = welch_df(va, vb, n[i], n[j])
        diff = float(m[j] - m[i])
        if not (se > 0 and math.isfinite(se) and math.isfinite(df) and df > 0 and math.isfinite(diff)):
            raise NotComputable(
                f"the standard error or df of {labels[j]}-{labels[i]} is not a positive number (the spread underflows)"
            )
        t = abs(diff) / se
        q = studentized_range_ppf(conf_level, k, float(df)) / math.sqrt(2)
        out.append(
            {
                "pair": f"{labels[j]}-{labels[i]}",
                "groups": [labels[j], labels[i]],
                "diff": diff,
                "ci": (float(diff - q * se), float(diff + q * se)),
                "p_adj": float(stats.studentized_range.sf(t * math.sqrt(2), k, df)),
                "t": float(t),
                "df": float(df),
            }
        )
    return out
