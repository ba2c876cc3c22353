"""Effect sizes for the hypothesis tests, each with the convention that names its magnitude.

A p-value says how surprising the data are under "no effect"; an effect size says how big the effect is.
Every function returns an `EffectSize` (name, value, CI where one is computed, magnitude label and the
convention the label comes from), so a report can print "d = 0.83 (large by Cohen 1988)".

Conventions (labels are rough guides from the social sciences, not laws of nature):

* d, g, h: Cohen (1988): |d| < 0.2 negligible, < 0.5 small, < 0.8 medium, otherwise large.
* r (rank-biserial): Cohen (1988) for correlations: |r| < 0.1 negligible, < 0.3 small, < 0.5 medium, else large.
* eta², omega², epsilon²: Cohen (1988) as tabulated by Field (2013): < 0.01 negligible, < 0.06 small,
  < 0.14 medium, else large.
* Cramér's V: Cohen's (1988) w thresholds 0.1 / 0.3 / 0.5 divided by sqrt(min(rows, cols) - 1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import check_conf_level
from edakit.stats._search import bracket_and_solve
from edakit.stats.means import OneWay, oneway_from_moments
from edakit.stats.result import EffectSize

COHEN_D = "Cohen (1988): |d| < 0.2 negligible, < 0.5 small, < 0.8 medium, otherwise large"
COHEN_H = "Cohen (1988): |h| < 0.2 negligible, < 0.5 small, < 0.8 medium, otherwise large"
COHEN_R = "Cohen (1988): |r| < 0.1 negligible, < 0.3 small, < 0.5 medium, otherwise large"
COHEN_ETA = "Cohen (1988), as in Field (2013): < 0.01 negligible, < 0.06 small, < 0.14 medium, otherwise large"

_THRESHOLDS = {
    "d": (0.2, 0.5, 0.8),
    "r": (0.1, 0.3, 0.5),
    "eta2": (0.01, 0.06, 0.14),
}
_LABELS = ("negligible", "small", "medium", "large")
MAX_T = 1e6  # beyond this scipy's noncentral t CDF returns NaN or takes seconds per call


def magnitude(value: float | None, kind: str, df_star: int = 1) -> str | None:
    """Label |value| with Cohen's (1988) thresholds for `kind` ("d", "r", "eta2" or "cramers_v").

    >>> magnitude(-0.55, "d")
    'medium'
    >>> magnitude(0.2, "cramers_v", df_star=4)
    'medium'
    """
    if value is None or not math.isfinite(value):
        return None
    base = _THRESHOLDS["r" if kind == "cramers_v" else kind]
    scale = math.sqrt(max(df_star, 1)) if kind == "cramers_v" else 1.0
    return magnitude_by(value, tuple(c / scale for c in base))


def magnitude_by(value: float, cuts: Sequence[float]) -> str:
    """Label |value| by three increasing cut points (small, medium, large): below the first "negligible", at or
    above the last "large".

    >>> magnitude_by(0.3, (0.1, 0.3, 0.5))
    'medium'
    """
    size = abs(value)
    for cut, label in zip(cuts, _LABELS, strict=False):
        if size < cut:
            return label
    return _LABELS[-1]


def hedges_correction(df: float) -> float:
    """Exact small-sample factor J(df) = Γ(df/2) / (sqrt(df/2) Γ((df-1)/2)) (Hedges 1981), so g = J·d."""
    from scipy import special

    return math.exp(special.gammaln(df / 2) - 0.5 * math.log(df / 2) - special.gammaln((df - 1) / 2))


def _ncp_interval(t: float, df: float, conf_level: float, alternative: str) -> tuple[float, float]:
    """Noncentrality parameters whose noncentral-t puts the observed t at the CI's tail probabilities.

    Inverts P(T <= t | ncp) = p (Steiger & Fouladi 1997): the lower limit solves p = 1 - a/2, the upper
    p = a/2 (a = 1 - conf_level; one-sided intervals use a on their one side).
    """
    from scipy import stats

    if not (math.isfinite(t) and math.isfinite(df) and df > 0):
        raise NotComputable(f"the interval needs a finite t statistic and df; they are {t:g} and {df:g}")
    if abs(t) > MAX_T:
        raise NotComputable(
            f"the t statistic ({t:.3g}) is too large for the noncentral t distribution to be inverted "
            f"(at most {MAX_T:g})"
        )
    a = 1 - conf_level

    # Bracket the root a few sampling SDs of t (≈ sqrt(1 + t²/(2 df))) around t, widening only if needed:
    # far out in the tails scipy's nct.cdf returns NaN (e.g. t = -7.7, df = 331, ncp = 2.5), which a fixed
    # ±10 bracket can hit.
    step = 3.0 * math.sqrt(1 + t * t / (2 * df))

    def solve(p: float) -> float:
        return bracket_and_solve(
            lambda ncp: stats.nct.cdf(t, df, ncp) - p,  # decreasing in ncp
            t - step,
            t + step,
            decreasing=True,
            what="the noncentral-t limit of Cohen's d",
            next_lo=lambda lo, i: lo - step,
            next_hi=lambda hi, i: hi + step,
            limit=4 * MAX_T,
            xtol=1e-13,
            rtol=4 * np.finfo(float).eps,
            maxiter=500,
        )

    if alternative == "greater":
        return solve(1 - a), math.inf
    if alternative == "less":
        return -math.inf, solve(a)
    return solve(1 - a / 2), solve(a / 2)


def _d_effects(
    d: float,
    t_scale: float,
    df: float,
    conf_level: float,
    alternative: str,
    name: str,
    notes: list[str] | None = None,
) -> tuple[EffectSize, EffectSize]:
    """Cohen's d with its noncentral-t CI, and Hedges' g = J(df)·d with the CI scaled by J(df).

    When the interval is not computable (infinite t, a search that does not close in) `NotComputable` is
    raised, or, given a `notes` list, the intervals are None and the reason is appended to `notes`; a d that is
    not finite always raises `NotComputable`."""
    if not math.isfinite(d):
        raise NotComputable(
            f"{name} is {d}: a value is infinite, or the spread of the values under- or overflows in floating point"
        )
    ci: tuple[float, float] | None
    try:
        lo, hi = _ncp_interval(d * t_scale, df, conf_level, alternative)
        ci = (lo / t_scale, hi / t_scale)
    except NotComputable as exc:
        if notes is None:
            raise
        notes.append(f"The interval of {name} is {exc}.")
        ci = None
    j = hedges_correction(df)
    d_es = EffectSize(name, float(d), ci, magnitude(d, "d"), COHEN_D)
    g_name = name.replace("Cohen's d", "Hedges' g")
    g_ci = None if ci is None else (j * ci[0], j * ci[1])
    g_es = EffectSize(g_name, float(j * d), g_ci, magnitude(j * d, "d"), COHEN_D)
    return d_es, g_es


def cohens_d(
    x: np.ndarray,
    y: np.ndarray | None = None,
    *,
    paired: bool = False,
    mu: float = 0.0,
    conf_level: float = 0.95,
    alternative: str = "two-sided",
    notes: list[str] | None = None,
) -> tuple[EffectSize, EffectSize]:
    """Cohen's d and Hedges' g, each with a noncentral-t confidence interval. Returns (d, g).

    * one sample: d = (mean(x) - mu) / sd(x), df = n - 1, t = d·sqrt(n);
    * paired: d_z = (mean(x - y) - mu) / sd(x - y) on the differences, as one sample;
    * two samples: d = (mean(x) - mean(y) - mu) / s_pooled, s_pooled² = ((n1-1)s1² + (n2-1)s2²)/(n1+n2-2),
      df = n1 + n2 - 2, t = d·sqrt(n1 n2 / (n1 + n2)). The pooled SD is used for Welch's test too (the
      usual convention, e.g. R's effectsize::cohens_d default); the CI uses Student's df.

    The CI is exact under normality (noncentral t, Steiger & Fouladi 1997), not the normal approximation.
    Hedges' g = J(df)·d removes d's small-sample upward bias (Hedges 1981); its CI is the d CI times J(df).
    An interval that is not computable (e.g. an infinite t) raises `edakit.errors.NotComputable`, or, given a
    `notes` list, is None with the reason appended to `notes`.

    >>> d, g = cohens_d(np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 4, 5, 6]))
    >>> round(d.value, 4), d.magnitude  # -1.5 / sqrt((3 * 5/3 + 4 * 2.5) / 7)
    (-1.0247, 'large')
    """
    x = np.asarray(x, dtype=float)
    if y is None or paired:
        diff = x if y is None else x - np.asarray(y, dtype=float)
        n = diff.size
        if n < 2:
            raise NotComputable(f"Cohen's d needs at least 2 values; got {n}")
        d = (diff.mean() - mu) / diff.std(ddof=1)
        name = "Cohen's d" if y is None else "Cohen's d_z (paired)"
        return _d_effects(d, math.sqrt(n), n - 1, conf_level, alternative, name, notes)
    y = np.asarray(y, dtype=float)
    n1, n2 = x.size, y.size
    if n1 < 1 or n2 < 1 or n1 + n2 < 3:
        raise NotComputable(f"Cohen's d needs at least 3 values in all, 1 in each sample; got {n1} and {n2}")
    return _pooled_d(x.mean() - y.mean() - mu, x.var(ddof=1), n1, y.var(ddof=1), n2, conf_level, alternative, notes)


def _pooled_d(
    diff: float,
    var_x: float,
    n_x: int,
    var_y: float,
    n_y: int,
    conf_level: float,
    alternative: str,
    notes: list[str] | None,
) -> tuple[EffectSize, EffectSize]:
    """Two-sample Cohen's d = diff/s_pooled, s_pooled² = ((n_x - 1)s_x² + (n_y - 1)s_y²)/(n_x + n_y - 2), and
    Hedges' g, with their noncentral-t intervals (t = d·sqrt(n_x n_y/(n_x + n_y)) on n_x + n_y - 2 df)."""
    df = n_x + n_y - 2
    sp = math.sqrt(((n_x - 1) * var_x + (n_y - 1) * var_y) / df)
    with np.errstate(divide="ignore", invalid="ignore"):  # sp = 0 or NaN: d is ±inf or NaN, which _d_effects names
        d = float(np.float64(diff) / sp)
    return _d_effects(d, math.sqrt(n_x * n_y / (n_x + n_y)), df, conf_level, alternative, "Cohen's d", notes)


def cohens_d_from_moments(
    mean_x: float,
    var_x: float,
    n_x: int,
    mean_y: float,
    var_y: float,
    n_y: int,
    conf_level: float = 0.95,
    notes: list[str] | None = None,
) -> tuple[EffectSize, EffectSize]:
    """Cohen's d = (m_x - m_y)/s_pooled and Hedges' g from two groups' n, mean and variance, with the exact
    noncentral-t intervals of `cohens_d` (the same computation, `_pooled_d`, from full-data moments; as R's
    `effectsize::cohens_d(x, y)`). A group of one value contributes no variance. Given a `notes` list, an
    interval that is not computable is None with the reason in `notes` (else `NotComputable` is raised).

    >>> d, g = cohens_d_from_moments(2.5, 5 / 3, 4, 4.0, 2.5, 5)
    >>> round(d.value, 4), d.magnitude
    (-1.0247, 'large')
    """
    conf_level = check_conf_level(conf_level)
    if n_x < 1 or n_y < 1 or n_x + n_y < 3:
        raise EdakitError("Cohen's d needs at least 3 values in all, 1 in each group.")
    var_x, var_y = (var_x if n_x > 1 else 0.0), (var_y if n_y > 1 else 0.0)
    if not math.sqrt(((n_x - 1) * var_x + (n_y - 1) * var_y) / (n_x + n_y - 2)) > 0:
        raise EdakitError("Cohen's d is undefined when both groups are constant (pooled SD 0).")
    return _pooled_d(mean_x - mean_y, var_x, n_x, var_y, n_y, conf_level, "two-sided", notes)


def rank_biserial(
    u: float, n1: int, n2: int, *, conf_level: float = 0.95, alternative: str = "two-sided"
) -> EffectSize:
    """Rank-biserial correlation r = 2U/(n1 n2) - 1 from the Mann-Whitney U (R's W) of the first sample.

    r = P(X > Y) - P(X < Y) (ties count half): +1 when every x exceeds every y (Kerby 2014). The CI uses
    Fisher's z with SE = sqrt((n1 + n2 + 1) / (3 n1 n2)), as R's effectsize::rank_biserial does.

    >>> round(rank_biserial(575.5, 30, 30).value, 6)  # 2 * 575.5 / 900 - 1
    0.278889
    """
    from scipy import stats

    if not (math.isfinite(u) and n1 >= 1 and n2 >= 1):
        raise NotComputable(f"the rank-biserial correlation needs a finite U and both samples; got U = {u}")
    r = 2 * u / (n1 * n2) - 1
    ci: tuple[float, float] | None = None
    if abs(r) < 1:
        se = math.sqrt((n1 + n2 + 1) / (3 * n1 * n2))
        z = math.atanh(r)
        if alternative == "two-sided":
            q = stats.norm.ppf(1 - (1 - conf_level) / 2)
            ci = (math.tanh(z - q * se), math.tanh(z + q * se))
        else:
            q = stats.norm.ppf(conf_level)
            ci = (math.tanh(z - q * se), 1.0) if alternative == "greater" else (-1.0, math.tanh(z + q * se))
    return EffectSize("rank-biserial correlation", float(r), ci, magnitude(r, "r"), COHEN_R)


def _oneway(groups: Sequence[np.ndarray]) -> OneWay:
    """The one-way ANOVA (`means.oneway_from_moments`) of the non-missing values of the non-empty groups;
    NotComputable (saying why) when a share of variance is undefined: fewer than 2 groups or no df within,
    infinite values, no variation at all, or sums of squares that overflow."""
    groups = [g[~np.isnan(g)] for g in (np.asarray(g, dtype=float) for g in groups)]
    groups = [g for g in groups if g.size]
    if len(groups) < 2 or sum(g.size for g in groups) <= len(groups):
        raise NotComputable("a share of variance needs at least 2 groups and more values than groups")
    if not all(np.isfinite(g).all() for g in groups):
        raise NotComputable("a share of variance is undefined with infinite values")
    ow = oneway_from_moments(
        [int(g.size) for g in groups],
        [float(g.mean()) for g in groups],
        [float(g.var(ddof=1)) if g.size > 1 else 0.0 for g in groups],
    )
    if not ow.computable:
        total = ow.ss_between + ow.ss_within
        raise NotComputable(f"a share of variance needs a finite, positive total sum of squares; it is {total:g}")
    return ow


def eta_squared(groups: Sequence[np.ndarray]) -> EffectSize:
    """eta² = SS_between / SS_total: the share of the variance explained by the groups in this sample.

    It is biased upwards in small samples; omega² corrects that. No CI is computed here (`anova()` and the report
    add the noncentral-F interval of `association.correlation_ratio_from_groups`).

    >>> round(eta_squared([np.array([1.0, 2, 3]), np.array([3.0, 4, 5])]).value, 4)
    0.6
    """
    value = _oneway(groups).eta_squared  # the one-way ANOVA core, as parametric.anova
    return EffectSize("eta squared", value, None, magnitude(value, "eta2"), COHEN_ETA)


def omega_squared(groups: Sequence[np.ndarray], conf_level: float = 0.95, notes: list[str] | None = None) -> EffectSize:
    """omega² = (SS_between - (k-1)·MS_within) / (SS_total + MS_within) (Hays 1963): less biased than eta².

    It can be slightly negative when the groups explain less than chance would. Its interval is
    `ncp.omega_squared_interval` (R's `effectsize::omega_squared(ci = conf_level, alternative = "two.sided")`;
    one-sided [0, upper limit] when omega² ≤ 0); a note about the interval goes to `notes`.

    >>> round(omega_squared([np.array([1.0, 2, 3]), np.array([3.0, 4, 5])]).value, 4)  # (6 - 1) / (10 + 1)
    0.4545
    """
    from edakit.stats.ncp import TWO_SIDED, omega_squared_interval

    ow = _oneway(groups)
    value = ow.omega_squared
    if value is None:
        raise NotComputable("omega² needs a finite, positive total sum of squares plus MS_within")
    effect = EffectSize("omega squared", value, None, magnitude(value, "eta2"), COHEN_ETA)
    said: list[str] = []
    try:
        limits = omega_squared_interval(ow.statistic, *ow.df, value, conf_level, said)
    except NotComputable as exc:  # an infinite F (no spread within the groups) has no interval
        said.append(f"The interval of omega² is not computable ({exc}).")
        limits = None
    effect.ci, effect.ci_kind = ((limits[0], limits[1]), limits[2]) if limits else (None, TWO_SIDED)
    if notes is not None:
        notes += said
    return effect


def epsilon_squared(h: float, n: int) -> EffectSize:
    """Rank epsilon² = H / ((n² - 1)/(n + 1)) = H / (n - 1) for Kruskal-Wallis (Tomczak & Tomczak 2014).

    >>> round(epsilon_squared(7.988228749, 30).value, 6)
    0.275456
    """
    if not (math.isfinite(h) and h >= 0 and n >= 2):
        raise NotComputable(f"epsilon² needs a finite H ≥ 0 and n ≥ 2; got H = {h}, n = {n}")
    value = h / (n - 1)
    return EffectSize("epsilon squared (rank)", value, None, magnitude(value, "eta2"), COHEN_ETA)


def cohens_h(p1: float, p2: float) -> EffectSize:
    """Cohen's h = 2·asin(sqrt(p1)) - 2·asin(sqrt(p2)): a difference of proportions on a variance-stable scale.

    >>> round(cohens_h(0.5, 0.2).value, 4)
    0.6435
    """
    value = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))
    return EffectSize("Cohen's h", value, None, magnitude(value, "d"), COHEN_H)


def cramers_v(table: np.ndarray) -> EffectSize:
    """Cramér's V = sqrt(X² / (N·(min(r, c) - 1))) from the uncorrected Pearson X² (Cramér 1946).

    >>> round(cramers_v(np.array([[10, 20], [20, 10]])).value, 4)
    0.3333
    """
    from scipy import stats

    table = np.asarray(table, dtype=float)
    df_star = min(table.shape) - 1
    chi2 = stats.chi2_contingency(table, correction=False).statistic
    value = math.sqrt(chi2 / (table.sum() * df_star))
    convention = (
        f"Cohen (1988) w thresholds / sqrt({df_star}): "
        + ", ".join(f"< {c / math.sqrt(df_star):.3g} {lab}" for c, lab in zip((0.1, 0.3, 0.5), _LABELS, strict=False))
        + ", otherwise large"
    )
    return EffectSize("Cramér's V", value, None, magnitude(value, "cramers_v", df_star), convention)
