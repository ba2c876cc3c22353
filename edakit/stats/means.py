"""Tests of means from sufficient statistics: each group's n, mean and variance (n - 1 denominator).

These are the cores that both the raw-value API (`parametric.ttest`, `parametric.anova`,
`association.correlation_ratio`) and the report's engine path (full-data group moments) call, so each
procedure is written once:

* `welch_t_from_moments`: Welch's two-sample t test (R `t.test(x, y)`), statistic, df, p, interval and SE;
* `oneway_from_moments`: the classic one-way ANOVA (R `oneway.test(var.equal = TRUE)`, `summary(aov(...))`):
  sums of squares, F, p, eta² and omega²;
* `welch_anova_from_moments`: Welch's (1951) one-way ANOVA (R `oneway.test`);
* `moment_groups`: the per-group arrays and the input checks the moment procedures share (also `posthoc`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import check_alternative, check_conf_level


def moment_groups(
    sizes: Sequence[int], means: Sequence[float], variances: Sequence[float | None], need_variance: bool, procedure: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-group n, mean, variance as arrays; EdakitError (saying why) when `procedure` is undefined for them."""
    if not len(sizes) == len(means) == len(variances):
        raise EdakitError(f"{procedure} needs one size, mean and variance per group.")
    if len(sizes) < 2:
        raise EdakitError(f"{procedure} compares at least 2 groups; got {len(sizes)}.")
    n = np.asarray(sizes, dtype=float)
    m = np.asarray(means, dtype=float)
    v = np.asarray([math.nan if x is None else x for x in variances], dtype=float)
    if need_variance and ((n < 2).any() or not np.isfinite(v).all()):
        raise EdakitError(f"{procedure} needs at least 2 values (a variance) in every group.")
    if need_variance and (v <= 0).any():
        raise EdakitError(f"{procedure} is undefined when a group's values are all equal (variance 0).")
    return n, m, v


# ---------------------------------------------------------------------------------------------- Welch's t


@dataclass(frozen=True)
class WelchT:
    """Welch's t test of mean_x - mean_y from moments. `statistic`, `df`, `p_value`, `ci` are None when the test
    is not computable; `reason` then says why, except when se = 0 (both samples constant), which the caller words
    (it knows what the samples are called)."""

    estimate: float | None
    statistic: float | None = None
    df: float | None = None
    p_value: float | None = None
    ci: tuple[float, float] | None = None
    se: float | None = None
    reason: str | None = None


def _finite(*values: Any) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def welch_df(vx: float, vy: float, n_x: float, n_y: float) -> float:
    """Welch-Satterthwaite df of the difference of two means, from the squared standard errors vx = s_x²/n_x and
    vy = s_y²/n_y: (vx + vy)² / (vx²/(n_x - 1) + vy²/(n_y - 1)) (Welch 1947; Satterthwaite 1946). When a square
    over- or underflows it is computed scale-free (each term divided by max(vx, vy)); NaN when undefined.

    >>> round(welch_df(0.32005555555555554, 0.4009, 10, 10), 3)
    17.776
    """
    vx, vy, n_x, n_y = float(vx), float(vy), float(n_x), float(n_y)
    try:
        return (vx + vy) ** 2 / (vx**2 / (n_x - 1) + vy**2 / (n_y - 1))
    except (OverflowError, ZeroDivisionError):
        m = max(vx, vy)
        try:
            return (vx / m + vy / m) ** 2 / ((vx / m) ** 2 / (n_x - 1) + (vy / m) ** 2 / (n_y - 1))
        except (OverflowError, ZeroDivisionError):
            return math.nan


def welch_t_from_moments(
    mean_x: float,
    var_x: float,
    n_x: int,
    mean_y: float,
    var_y: float,
    n_y: int,
    conf_level: float = 0.95,
    *,
    mu: float = 0.0,
    alternative: str = "two-sided",
) -> WelchT:
    """Welch's two-sample t test of mean_x - mean_y = mu from each sample's mean, variance and n (R's
    `t.test(x, y, mu = mu, alternative = ...)`, "Welch Two Sample t-test"; Welch 1947).

    se = sqrt(s_x²/n_x + s_y²/n_y); Welch-Satterthwaite df (`welch_df`);
    t = (m_x - m_y - mu)/se; p from the t distribution on df (two-sided: 2·P(T > |t|)); the interval is for
    m_x - m_y itself: diff ± t_{(1+conf)/2, df}·se, one-sided (an infinite end) for a one-sided alternative.
    Not computable (None with a `reason`): a sample with fewer than 2 values, a mean or variance that is
    infinite or missing, variances that overflow; se = 0 leaves the test undefined with no reason (see `WelchT`).

    >>> w = welch_t_from_moments(0.75, 3.2005555555555554, 10, 2.33, 4.009, 10)
    >>> round(w.statistic, 4), round(w.df, 3), round(w.p_value, 4)
    (-1.8608, 17.776, 0.0794)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    alternative = check_alternative(alternative)
    if n_x < 2 or n_y < 2:
        return WelchT(
            estimate=mean_x - mean_y if _finite(mean_x, mean_y) else None,
            reason="Welch's t test is not computable: it needs at least 2 values in each sample.",
        )
    diff = mean_x - mean_y
    if not _finite(mean_x, var_x, mean_y, var_y):
        return WelchT(
            estimate=diff if not math.isnan(diff) else None,
            reason="Welch's t test is not computable: a mean or variance is infinite or missing.",
        )
    vx, vy = var_x / n_x, var_y / n_y
    se = math.sqrt(vx + vy)
    if se == 0:
        return WelchT(estimate=diff, se=0.0)
    df = welch_df(vx, vy, n_x, n_y)
    if not (math.isfinite(se) and math.isfinite(diff) and df > 0):
        return WelchT(
            estimate=diff,
            se=se,
            reason="Welch's t test is not computable: the variances overflow in floating point.",
        )
    t = (diff - mu) / se
    dist = stats.t(df)
    if alternative == "less":
        p = float(dist.cdf(t))
        ci = (-math.inf, diff + float(dist.ppf(conf_level)) * se)
    elif alternative == "greater":
        p = float(dist.sf(t))
        ci = (diff - float(dist.ppf(conf_level)) * se, math.inf)
    else:
        p = float(2 * dist.sf(abs(t)))
        half = float(dist.ppf((1 + conf_level) / 2)) * se
        ci = (diff - half, diff + half)
    return WelchT(estimate=diff, statistic=float(t), df=float(df), p_value=p, ci=ci, se=se)


# ---------------------------------------------------------------------------------------------- one-way ANOVA


@dataclass(frozen=True)
class OneWay:
    """The classic one-way ANOVA from group moments. `statistic` (F) is +inf (p = 0) when the variation within
    the groups is 0 or negligible next to that between them; F, p, eta² and omega² are None when the sums of
    squares under- or overflow (`computable` is False)."""

    n: int
    k: int
    ss_between: float
    ss_within: float
    df: tuple[int, int]
    statistic: float | None = None
    p_value: float | None = None
    eta_squared: float | None = None
    omega_squared: float | None = None

    @property
    def computable(self) -> bool:
        return self.statistic is not None


def oneway_from_moments(sizes: Sequence[int], means: Sequence[float], variances: Sequence[float]) -> OneWay:
    """The classic one-way ANOVA F test, eta² and omega² from each group's n (≥ 1), mean and variance (n - 1
    denominator; 0 for a group of one).

    With N = Σn_i and grand mean m = Σn_i·m_i/N: SS_between = Σn_i(m_i - m)², SS_within = Σ(n_i - 1)s_i²,
    F = (SS_between/(k - 1))/(SS_within/(N - k)) on (k - 1, N - k) df, as R's `oneway.test(var.equal = TRUE)`
    and `summary(aov(y ~ g))`; eta² = SS_between/SS_total (Pearson 1903), omega² = (SS_between - (k - 1)·MS_within)
    / (SS_total + MS_within) (Hays 1963). Raises EdakitError for fewer than 2 groups or no more values than groups.

    >>> r = oneway_from_moments([3, 3], [2.0, 5.1666666666666667], [1.0, 1.5833333333333333])
    >>> round(r.statistic, 4), round(r.eta_squared, 4), r.df
    (11.6452, 0.7443, (1, 4))
    """
    from edakit.stats.distfuncs import f as f_dist

    n, k = int(sum(sizes)), len(sizes)
    if k < 2 or n <= k:
        raise EdakitError(f"The one-way ANOVA needs at least 2 groups and more values ({n}) than groups ({k}).")
    df1, df2 = k - 1, n - k
    try:
        grand = sum(ni * mi for ni, mi in zip(sizes, means, strict=True)) / n
        ss_between = sum(ni * (mi - grand) ** 2 for ni, mi in zip(sizes, means, strict=True))
        ss_within = sum((ni - 1) * vi for ni, vi in zip(sizes, variances, strict=True))
    except OverflowError:
        ss_between = ss_within = math.inf
    base = OneWay(n, k, ss_between, ss_within, (df1, df2))
    if not (math.isfinite(ss_between + ss_within) and ss_between + ss_within > 0):
        return base
    eta2 = min(1.0, ss_between / (ss_between + ss_within))
    ms_within = ss_within / df2  # may underflow to 0 for a positive but subnormal ss_within
    f_stat = (ss_between / df1) / ms_within if ms_within > 0 else math.inf
    if math.isfinite(f_stat):
        p = float(f_dist.sf(f_stat, df1, df2))
    else:  # no or negligible variation within the groups: F's nearest float is infinity
        f_stat, p = math.inf, 0.0
    total = ss_between + ss_within + ms_within
    omega2 = (ss_between - df1 * ms_within) / total if math.isfinite(total) and total > 0 else None
    return OneWay(n, k, ss_between, ss_within, (df1, df2), f_stat, p, eta2, omega2)


def welch_anova_from_moments(
    sizes: Sequence[int], means: Sequence[float], variances: Sequence[float | None]
) -> dict[str, Any]:
    """Welch's (1951) one-way ANOVA from each group's n, mean and variance (n - 1 denominator), as R's
    `oneway.test(y ~ g)` (whose default is var.equal = FALSE); `parametric.anova(welch=True)` and the engine path
    (full-data moments) both call it.

    w_i = n_i/s_i², W = Σw_i, m_w = Σw_i·m_i/W, Λ = Σ(1 - w_i/W)²/(n_i - 1);
    F* = [Σw_i(m_i - m_w)²/(k - 1)] / [1 + 2(k - 2)Λ/(k² - 1)] on (k - 1, (k² - 1)/(3Λ)) df.
    Raises EdakitError when a group has fewer than 2 values or no spread (a weight would be infinite), and
    NotComputable when the weights under- or overflow.

    >>> r = welch_anova_from_moments([5, 5, 5], [5.108, 4.57, 5.568], [0.62037, 0.7234, 0.19897])
    >>> round(r["statistic"], 4), [round(d, 3) for d in r["df"]], round(r["p_value"], 4)
    (2.6501, [2.0, 7.292], 0.1364)
    """
    from edakit.stats.distfuncs import f as f_dist

    n, m, v = moment_groups(sizes, means, variances, True, "Welch's ANOVA")
    k = n.size
    if not np.isfinite(m).all():
        raise NotComputable("Welch's ANOVA needs finite group means")
    with np.errstate(all="ignore"):
        w = n / v
        big_w = w.sum()
        mw = float((w * m).sum() / big_w)
        lam = float(((1 - w / big_w) ** 2 / (n - 1)).sum())
        f = float((w * (m - mw) ** 2).sum() / (k - 1) / (1 + 2 * (k - 2) * lam / (k**2 - 1)))
        df2 = float((k**2 - 1) / (3 * lam))
    if not (math.isfinite(f) and math.isfinite(df2) and df2 > 0):
        raise NotComputable("Welch's F: the group variances under- or overflow in floating point (weights n/s²)")
    return {"statistic": f, "df": (float(k - 1), df2), "p_value": float(f_dist.sf(f, k - 1, df2))}
