"""Parametric tests on means and variances: t-tests, one-way ANOVA (classic and Welch) with post-hoc
comparisons, and Levene / Brown-Forsythe tests of equal variances.

Conventions follow R's defaults (`t.test`, `oneway.test`, `aov` + `TukeyHSD`, `car::leveneTest`); each
function says which R call it reproduces. The numbers come from scipy; where scipy leaves a piece out
(Welch ANOVA's denominator df, Games-Howell) the formula is written here and checked against R in
tests/r/hypothesis_tests.R.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats import effect_sizes as es
from edakit.stats._inputs import as_float_array, as_groups, clean
from edakit.stats.result import Result

_ALTERNATIVES = {"two-sided": "two-sided", "two.sided": "two-sided", "less": "less", "greater": "greater"}
#: below this many values per sample the normality of the data matters; above it the CLT usually rescues means
CLT_N = 30


@dataclass(repr=False)
class TTestResult(Result):
    """Result of `ttest`: estimate is the mean (one sample), the mean difference (paired) or mean(x) - mean(y)."""


@dataclass(repr=False)
class AnovaResult(Result):
    """Result of `anova`: F test of equal means; `details["posthoc"]` holds the pairwise comparisons."""


@dataclass(repr=False)
class VarianceTestResult(Result):
    """Result of `variance_test`: Levene / Brown-Forsythe F test of equal variances."""


# ---------------------------------------------------------------------------------------------- helpers


def check_alternative(alternative: str) -> str:
    """Normalise "two-sided" / R's "two.sided" / "less" / "greater"; anything else is a user error."""
    try:
        return _ALTERNATIVES[alternative]
    except (KeyError, TypeError):
        raise EdakitError(f"alternative must be 'two-sided', 'less' or 'greater', not {alternative!r}.") from None


def check_conf_level(conf_level: float) -> float:
    if not (isinstance(conf_level, (int, float)) and 0 < conf_level < 1):
        raise EdakitError(f"conf_level must be a number between 0 and 1 (e.g. 0.95), not {conf_level!r}.")
    return float(conf_level)


def label_of(values: Any, default: str) -> str:
    """The name of a pandas/polars Series, else `default`."""
    name = getattr(values, "name", None)
    return name if isinstance(name, str) and name else default


def dropped_note(n_dropped: int, what: str) -> list[str]:
    return [f"{n_dropped:,} missing value{'s' if n_dropped != 1 else ''} in {what} removed."] if n_dropped else []


def groups_with_notes(
    groups: Mapping[Any, Any] | Iterable[Any], min_groups: int, procedure: str
) -> tuple[dict[str, np.ndarray], list[str]]:
    """`as_groups`, then drop empty groups (with a note) and require at least `min_groups` groups."""
    if isinstance(groups, (str, bytes)) or not isinstance(groups, (Mapping, Iterable)):
        raise EdakitError(f"{procedure} needs the groups as a mapping label -> values or a list of samples.")
    raw = dict(groups.items()) if isinstance(groups, Mapping) else list(groups)
    n_missing = 0
    items = raw.items() if isinstance(raw, dict) else ((f"group {i + 1}", g) for i, g in enumerate(raw))
    for _label, vals in items:
        n_missing += int(np.isnan(as_float_array(vals)).sum())
    data = as_groups(raw)
    notes = dropped_note(n_missing, "the groups")
    empty = [k for k, v in data.items() if v.size == 0]
    if empty:
        notes.append(f"Group(s) without values left out: {', '.join(empty)}.")
        data = {k: v for k, v in data.items() if v.size}
    if len(data) < min_groups:
        raise EdakitError(
            f"{procedure} compares at least {min_groups} groups with data; got {len(data)}. "
            "Pass a mapping label -> values (or a list of samples) with at least two non-empty groups."
        )
    return data, notes


def normality_checks(samples: Mapping[str, np.ndarray]) -> list[dict[str, Any]]:
    """Shapiro-Wilk on each sample that has 3..5000 values and is not constant (for the explanations)."""
    from scipy import stats

    out = []
    for label, values in samples.items():
        if 3 <= values.size <= 5000 and np.ptp(values) > 0:
            res = stats.shapiro(values)
            out.append(
                {
                    "check": "normality",
                    "test": "Shapiro-Wilk",
                    "sample": label,
                    "n": int(values.size),
                    "statistic": float(res.statistic),
                    "p_value": float(res.pvalue),
                }
            )
    return out


def _ci(ci: Any) -> tuple[float, float]:
    return (float(ci.low), float(ci.high))


# ---------------------------------------------------------------------------------------------- t-test


def _d_or_note(compute: Any, notes: list[str]) -> tuple[es.EffectSize | None, es.EffectSize | None]:
    """(d, g) from `compute()`, or (None, None) with the reason in `notes` when d is not computable."""
    try:
        return compute()
    except NotComputable as exc:
        notes.append(f"Cohen's d is {exc}.")
        return None, None


def _finite_t(method: str, **fields: Any) -> TTestResult:
    """A TTestResult, without the statistic, p-value and interval when t is infinite: with values of spread > 0
    that only happens when their variance under- or overflows in floating point (e.g. values near 1e-300)."""
    t = fields.get("statistic")
    if t is not None and math.isinf(t):
        fields.update(statistic=None, p_value=None, ci=None)
        fields["notes"].append(
            "The t statistic, p-value and interval are not computable: the spread of the values under- or "
            "overflows in floating point (t evaluates to infinity); rescale the values (e.g. change the unit)."
        )
    return TTestResult(method, **fields)


def ttest(
    x: Any,
    y: Any = None,
    paired: bool = False,
    equal_var: bool = False,
    mu: float = 0.0,
    alternative: str = "two-sided",
    conf_level: float = 0.95,
) -> TTestResult:
    """t-test of a mean, a mean difference (paired) or a difference of two means, as R's `t.test`.

    t = (estimate - mu) / SE with
    * one sample: SE = s/sqrt(n), df = n - 1 ("One Sample t-test");
    * paired: the one-sample test on the differences x - y ("Paired t-test");
    * Welch (default, `equal_var=False`): SE = sqrt(s1²/n1 + s2²/n2), Welch-Satterthwaite df
      ("Welch Two Sample t-test"; Welch 1947);
    * Student (`equal_var=True`): pooled variance, df = n1 + n2 - 2 ("Two Sample t-test"; R prints it with a
      leading space).
    The CI is for the estimate itself (not estimate - mu), one-sided for one-sided alternatives, as in R.

    Effect size: Cohen's d (d_z for paired data; pooled SD for two samples) with an exact noncentral-t CI,
    and Hedges' g in `details["hedges_g"]` (see `effect_sizes.cohens_d`). Shapiro-Wilk checks of each sample
    (or of the differences) are stored in `details["assumptions"]`.

    >>> r = ttest([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...           [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
    >>> r.method, round(r.statistic, 4), round(r.df, 3), round(r.p_value, 4)
    ('Welch Two Sample t-test', -1.8608, 17.776, 0.0794)
    """
    from scipy import stats

    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    label_x, label_y = label_of(x, "x"), label_of(y, "y")
    common = {"alternative": alternative, "conf_level": conf_level}

    if y is None or paired:
        if y is None:
            if paired:
                raise EdakitError("A paired t-test needs both x and y (the two measurements of each unit).")
            data, n_dropped = clean(x, label_x)
            method, what, notes = "One Sample t-test", f"the mean of {label_x}", dropped_note(n_dropped, label_x)
            samples = {label_x: data}
        else:
            ax, ay = as_float_array(x, label_x), as_float_array(y, label_y)
            if ax.size != ay.size:
                raise EdakitError(
                    f"A paired t-test needs x and y of the same length (one pair per unit); got {ax.size} "
                    f"and {ay.size}. Pass paired=False for two independent samples."
                )
            keep = ~(np.isnan(ax) | np.isnan(ay))
            data = ax[keep] - ay[keep]
            n_dropped = int((~keep).sum())
            method, what = "Paired t-test", f"the mean difference {label_x} - {label_y}"
            notes = (
                [f"{n_dropped:,} pair{'s' if n_dropped != 1 else ''} with a missing value removed."]
                if n_dropped
                else []
            )
            samples = {f"{label_x} - {label_y}": data}
        n = int(data.size)
        estimate = float(data.mean()) if n else None
        details: dict[str, Any] = {
            "labels": [label_x] if y is None else [label_x, label_y],
            "mu": mu,
            "paired": y is not None,
            "estimate_name": "mean" if y is None else "mean difference",
            "sd": float(data.std(ddof=1)) if n > 1 else None,
            "n_dropped": n_dropped,
        }
        if n < 2:
            notes.append(
                f"{what.capitalize()} cannot be tested with {n} value{'s' if n != 1 else ''}: "
                "a t-test needs at least 2 to estimate the spread."
            )
            return TTestResult(method, estimate=estimate, n=n, notes=notes, details=details, **common)
        if np.ptp(data) == 0:
            notes.append(
                f"All {n} values are equal, so their standard deviation is 0 and the t statistic is "
                "undefined; there is no variation to test against."
            )
            return TTestResult(method, estimate=estimate, n=n, notes=notes, details=details, **common)
        res = stats.ttest_1samp(data, mu, alternative=alternative)
        d, g = _d_or_note(
            lambda: es.cohens_d(data, mu=mu, conf_level=conf_level, alternative=alternative, notes=notes), notes
        )
        if y is not None and d is not None and g is not None:
            d.name, g.name = "Cohen's d_z (paired)", "Hedges' g_z (paired)"
        details.update(se=float(details["sd"] / math.sqrt(n)), hedges_g=g, assumptions=normality_checks(samples))
        return _finite_t(
            method,
            statistic=float(res.statistic),
            p_value=float(res.pvalue),
            df=float(res.df),
            estimate=estimate,
            ci=_ci(res.confidence_interval(conf_level)),
            effect_size=d,
            n=n,
            notes=notes,
            details=details,
            **common,
        )

    # two independent samples
    xs, dx = clean(x, label_x)
    ys, dy = clean(y, label_y)
    if label_x == label_y:
        label_y = label_y + " (2)"
    method = "Two Sample t-test" if equal_var else "Welch Two Sample t-test"
    notes = dropped_note(dx, label_x) + dropped_note(dy, label_y)
    n = {label_x: int(xs.size), label_y: int(ys.size)}
    details = {
        "labels": [label_x, label_y],
        "mu": mu,
        "paired": False,
        "equal_var": equal_var,
        "estimate_name": f"difference in means ({label_x} - {label_y})",
        "means": {label_x: float(xs.mean()) if xs.size else None, label_y: float(ys.mean()) if ys.size else None},
        "sds": {
            label_x: float(xs.std(ddof=1)) if xs.size > 1 else None,
            label_y: float(ys.std(ddof=1)) if ys.size > 1 else None,
        },
        "n_dropped": dx + dy,
    }
    estimate = float(xs.mean() - ys.mean()) if xs.size and ys.size else None
    too_few = [lab for lab, arr in ((label_x, xs), (label_y, ys)) if arr.size < 2]
    if too_few:
        notes.append(
            f"Too few values in {' and '.join(too_few)} (fewer than 2): the two-sample t-test needs at "
            "least 2 values per sample to estimate the spread."
        )
        return TTestResult(method, estimate=estimate, n=n, notes=notes, details=details, **common)
    if np.ptp(xs) == 0 and np.ptp(ys) == 0:
        notes.append(
            "Each sample is constant (standard deviation 0), so the t statistic is undefined; compare the "
            "values directly."
        )
        return TTestResult(method, estimate=estimate, n=n, notes=notes, details=details, **common)
    res = stats.ttest_ind(xs - mu, ys, equal_var=equal_var, alternative=alternative)
    lo, hi = _ci(res.confidence_interval(conf_level))
    d, g = _d_or_note(
        lambda: es.cohens_d(xs, ys, mu=mu, conf_level=conf_level, alternative=alternative, notes=notes), notes
    )
    se = math.sqrt(xs.var(ddof=1) / xs.size + ys.var(ddof=1) / ys.size) if not equal_var else None
    if equal_var:
        sp2 = ((xs.size - 1) * xs.var(ddof=1) + (ys.size - 1) * ys.var(ddof=1)) / (xs.size + ys.size - 2)
        se = math.sqrt(sp2 * (1 / xs.size + 1 / ys.size))
    details.update(se=se, hedges_g=g, assumptions=normality_checks({label_x: xs, label_y: ys}))
    if equal_var and max(xs.var(ddof=1), ys.var(ddof=1)) > 4 * min(xs.var(ddof=1), ys.var(ddof=1)):
        notes.append(
            "The sample variances differ by more than a factor of 4; Student's test assumes equal "
            "variances, Welch's test (equal_var=False) does not."
        )
    return _finite_t(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=float(res.df),
        estimate=estimate,
        ci=(lo + mu, hi + mu),
        effect_size=d,
        n=n,
        notes=notes,
        details=details,
        **common,
    )


# ---------------------------------------------------------------------------------------------- ANOVA


def _welch_df2(groups: list[np.ndarray]) -> float:
    """Denominator df of Welch's F: (k² - 1) / (3 Σ (1 - w_i/W)² / (n_i - 1)), w_i = n_i / s_i² (Welch 1951)."""
    return welch_anova_from_moments(
        [g.size for g in groups], [g.mean() for g in groups], [g.var(ddof=1) for g in groups]
    )["df"][1]


@functools.lru_cache(maxsize=512)
def studentized_range_ppf(p: float, k: int, df: float) -> float:
    """The p quantile of the studentized range of k means on df degrees of freedom (R's `qtukey(p, k, df)`).

    scipy's `studentized_range.ppf` brackets the root from scratch, about 14 CDF evaluations (each a 2-D
    integral, ~0.03 s); here the secant method on the same scipy CDF starts from the statsmodels approximation
    `qsturng` (within ~0.1 %) and needs about 5, to 1e-12. Falls back to scipy's `ppf` if the secant method does
    not converge or the start is out of the approximation's range (both bounded: the secant method stops after
    root_scalar's default 50 iterations, scipy's ppf after its own bracket). Raises `NotComputable` for a
    non-finite or non-positive df. Cached: Tukey's HSD needs one per column.

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
        from statsmodels.stats.libqsturng import qsturng

        start = float(qsturng(p, k, df))
    except (ValueError, TypeError, AssertionError, IndexError):
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


def _moment_groups(
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


def welch_anova_from_moments(
    sizes: Sequence[int], means: Sequence[float], variances: Sequence[float | None]
) -> dict[str, Any]:
    """Welch's (1951) one-way ANOVA from each group's n, mean and variance (n - 1 denominator), as R's
    `oneway.test(y ~ g)` (whose default is var.equal = FALSE); for full-data moments from the engine.

    w_i = n_i/s_i², W = Σw_i, m_w = Σw_i·m_i/W, Λ = Σ(1 - w_i/W)²/(n_i - 1);
    F* = [Σw_i(m_i - m_w)²/(k - 1)] / [1 + 2(k - 2)Λ/(k² - 1)] on (k - 1, (k² - 1)/(3Λ)) df.
    scipy's `f_oneway(equal_var=False)` computes the same from raw values only. Raises EdakitError when a
    group has fewer than 2 values or no spread (a weight would be infinite).

    >>> r = welch_anova_from_moments([5, 5, 5], [5.108, 4.57, 5.568], [0.62037, 0.7234, 0.19897])
    >>> round(r["statistic"], 4), [round(d, 3) for d in r["df"]], round(r["p_value"], 4)
    (2.6501, [2.0, 7.292], 0.1364)
    """
    from scipy import stats

    n, m, v = _moment_groups(sizes, means, variances, True, "Welch's ANOVA")
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
    return {"statistic": f, "df": (float(k - 1), df2), "p_value": float(stats.f.sf(f, k - 1, df2))}


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
    Kramer 1956). Same numbers as `tukey_hsd` (scipy, raw values), here for full-data moments. A group of one
    value contributes no variance (its s² may be None).

    >>> rows = tukey_from_moments(["a", "b", "c"], [5, 5, 5], [5.108, 4.57, 5.568], [0.62037, 0.7234, 0.19897])
    >>> rows[0]["pair"], round(rows[0]["diff"], 3), round(rows[0]["p_adj"], 4)
    ('b-a', -0.538, 0.4831)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    n, m, v = _moment_groups(sizes, means, variances, False, "Tukey's HSD")
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


def cohens_d_from_moments(
    mean_x: float,
    var_x: float,
    n_x: int,
    mean_y: float,
    var_y: float,
    n_y: int,
    conf_level: float = 0.95,
    notes: list[str] | None = None,
) -> tuple[es.EffectSize, es.EffectSize]:
    """Cohen's d = (m_x - m_y)/s_pooled and Hedges' g from two groups' n, mean and variance, with the exact
    noncentral-t intervals of `effect_sizes.cohens_d` (the same numbers from full-data moments; as R's
    `effectsize::cohens_d(x, y)`). s_pooled² = ((n_x - 1)s_x² + (n_y - 1)s_y²)/(n_x + n_y - 2).
    Given a `notes` list, an interval that is not computable is None with the reason in `notes` (else
    `NotComputable` is raised).

    >>> d, g = cohens_d_from_moments(2.5, 5 / 3, 4, 4.0, 2.5, 5)
    >>> round(d.value, 4), d.magnitude
    (-1.0247, 'large')
    """
    conf_level = check_conf_level(conf_level)
    if n_x < 1 or n_y < 1 or n_x + n_y < 3:
        raise EdakitError("Cohen's d needs at least 3 values in all, 1 in each group.")
    df = n_x + n_y - 2
    sp = math.sqrt(((n_x - 1) * (var_x if n_x > 1 else 0.0) + (n_y - 1) * (var_y if n_y > 1 else 0.0)) / df)
    if not sp > 0:
        raise EdakitError("Cohen's d is undefined when both groups are constant (pooled SD 0).")
    d = (mean_x - mean_y) / sp
    return es._d_effects(d, math.sqrt(n_x * n_y / (n_x + n_y)), df, conf_level, "two-sided", "Cohen's d", notes)


def tukey_hsd(data: Mapping[str, np.ndarray], conf_level: float = 0.95) -> list[dict[str, Any]]:
    """Tukey's HSD (Tukey-Kramer for unequal n) from scipy, in R's `TukeyHSD` layout: pair "b-a", diff =
    mean(b) - mean(a) for each a listed before b, simultaneous CI and adjusted p-value."""
    from scipy import stats

    labels = list(data)
    res = stats.tukey_hsd(*data.values())
    ci = res.confidence_interval(conf_level)
    out = []
    for i, j in itertools.combinations(range(len(labels)), 2):
        out.append(
            {
                "pair": f"{labels[j]}-{labels[i]}",
                "groups": [labels[j], labels[i]],
                "diff": float(res.statistic[j, i]),
                "ci": (float(ci.low[j, i]), float(ci.high[j, i])),
                "p_adj": float(res.pvalue[j, i]),
            }
        )
    return out


def games_howell(data: Mapping[str, np.ndarray], conf_level: float = 0.95) -> list[dict[str, Any]]:
    """Games-Howell pairwise comparisons of raw samples; see `games_howell_from_moments`."""
    return games_howell_from_moments(
        list(data),
        [a.size for a in data.values()],
        [a.mean() for a in data.values()],
        [a.var(ddof=1) for a in data.values()],
        conf_level,
    )


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

    n, m, v = _moment_groups(sizes, means, variances, True, "The Games-Howell procedure")
    k = n.size
    out = []
    for i, j in itertools.combinations(range(k), 2):
        va, vb = v[i] / n[i], v[j] / n[j]
        se = math.sqrt(va + vb)
        df = (va + vb) ** 2 / (va**2 / (n[i] - 1) + vb**2 / (n[j] - 1))
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


def anova(
    groups: Mapping[Any, Any] | Iterable[Any], welch: bool = False, conf_level: float = 0.95, posthoc: bool = True
) -> AnovaResult:
    """One-way analysis of means: classic F test (R `oneway.test(var.equal = TRUE)` / `aov`) or Welch's F
    (R `oneway.test`, the default there; Welch 1951), with post-hoc pairwise comparisons.

    Classic: F = MS_between / MS_within on (k - 1, N - k) df. Welch: F* = [Σ w_i (m_i - m_w)² / (k - 1)] /
    [1 + 2(k - 2)/(k² - 1) Σ (1 - w_i/W)²/(n_i - 1)], w_i = n_i/s_i², on (k - 1, df2) df (`_welch_df2`).

    Effect sizes: eta² (the `effect_size`) and omega² (`details["omega_squared"]`), both from the classic sums
    of squares. Post-hoc in `details["posthoc"]`: Tukey HSD for the classic test (R `TukeyHSD`), Games-Howell
    for Welch (`posthoc=False` skips them: scipy's studentized-range quantile costs ~0.1-0.2 s per Games-Howell
    pair). Assumption checks in `details["assumptions"]`: Brown-Forsythe test of equal variances and Shapiro-Wilk
    on the residuals (values minus their group mean).

    >>> r = anova({"a": [4.17, 5.58, 5.18, 6.11, 4.5], "b": [4.81, 4.17, 4.41, 3.59, 5.87],
    ...            "c": [6.31, 5.12, 5.54, 5.5, 5.37]})
    >>> r.method, r.df
    ('One-way analysis of means', (2.0, 12.0))
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    data, notes = groups_with_notes(groups, 2, "ANOVA")
    labels = list(data)
    arrays = list(data.values())
    k, total = len(arrays), int(sum(a.size for a in arrays))
    method = "One-way analysis of means (not assuming equal variances)" if welch else "One-way analysis of means"
    n = {lab: int(a.size) for lab, a in data.items()}
    details: dict[str, Any] = {
        "labels": labels,
        "welch": welch,
        "means": {lab: float(a.mean()) for lab, a in data.items()},
        "sds": {lab: float(a.std(ddof=1)) if a.size > 1 else None for lab, a in data.items()},
        "n_total": total,
        "posthoc_method": ("Games-Howell" if welch else "Tukey HSD") if posthoc else None,
        "posthoc": [],
    }
    common = {"conf_level": conf_level, "alternative": None, "n": n, "notes": notes, "details": details}
    if total - k < 1:
        notes.append(
            f"Every group has a single value ({total} values in {k} groups): there is no within-group "
            "variation to compare the group means against, so the F test is undefined."
        )
        return AnovaResult(method, **common)
    if not all(np.isfinite(a).all() for a in arrays):
        notes.append(
            "The F test is not computable: some values are infinite, so their group's mean and variance are too."
        )
        return AnovaResult(method, **common)
    ss_within = sum(float(((a - a.mean()) ** 2).sum()) for a in arrays)
    if ss_within == 0:
        notes.append(
            "All values within each group are equal (no within-group variation), so the F ratio is "
            "undefined (infinite when the group means differ)."
        )
        return AnovaResult(method, **common)
    small = [lab for lab, a in data.items() if a.size < 2 or np.ptp(a) == 0]
    if welch and small:
        notes.append(
            f"Welch's ANOVA needs a variance in every group; {', '.join(small)} has fewer than 2 values or no "
            "variation. Use welch=False (classic ANOVA, pooled variance) or drop that group."
        )
        return AnovaResult(method, **common)

    if welch:
        res = stats.f_oneway(*arrays, equal_var=False)
        try:
            df: tuple[float, float] = (float(k - 1), _welch_df2(arrays))
        except NotComputable as exc:
            notes.append(f"Welch's F is {exc}.")
            return AnovaResult(method, **common)
    else:
        res = stats.f_oneway(*arrays)
        df = (float(k - 1), float(total - k))
    try:  # the post-hoc comparisons may not be computable (NotComputable): the F test stays
        if welch:
            if posthoc:
                details["posthoc"] = games_howell(data, conf_level)
        else:
            if posthoc and all(a.size >= 2 for a in arrays):
                details["posthoc"] = tukey_hsd(data, conf_level)
            elif posthoc:
                notes.append(
                    "Tukey HSD was not computed: scipy's implementation needs at least 2 values in every group."
                )
    except NotComputable as exc:
        notes.append(f"The post-hoc comparisons are {exc}.")
    eta = omega = None
    try:
        eta, omega = es.eta_squared(arrays), es.omega_squared(arrays)
    except NotComputable as exc:
        notes.append(f"eta² and omega² are {exc}.")
    details["omega_squared"] = omega
    if omega is not None and omega.value < 0:
        notes.append("omega² is negative: the groups explain less variance than chance alone would; read it as 0.")
    residuals = np.concatenate([a - a.mean() for a in arrays])
    assumptions = normality_checks({"residuals": residuals})
    if all(a.size >= 2 for a in arrays) and any(np.ptp(a) > 0 for a in arrays):
        bf = stats.levene(*arrays, center="median")
        assumptions.insert(
            0,
            {
                "check": "equal variances",
                "test": "Brown-Forsythe",
                "statistic": float(bf.statistic),
                "p_value": float(bf.pvalue),
            },
        )
    details["assumptions"] = assumptions
    return AnovaResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=df,
        effect_size=eta,
        **common,
    )


# ---------------------------------------------------------------------------------------------- variances


def variance_test(groups: Mapping[Any, Any] | Iterable[Any], center: str = "median") -> VarianceTestResult:
    """Test of equal variances across groups: Brown-Forsythe (`center="median"`, the default, robust) or
    Levene's original test (`center="mean"`), as R's `car::leveneTest` (whose default is the median).

    It is the one-way ANOVA F test on z_ij = |y_ij - center_i|, i.e. `anova(lm(abs(y - ave(y, g, FUN =
    median)) ~ g))` in R (Levene 1960; Brown & Forsythe 1974); computed with `scipy.stats.levene`.

    >>> r = variance_test([[1.0, 2, 3, 4], [2.0, 4, 6, 8], [1.0, 1.5, 2, 2.5]])
    >>> r.method
    "Levene's Test for Homogeneity of Variance (center = median)"
    """
    from scipy import stats

    if center not in ("median", "mean"):
        raise EdakitError(f"center must be 'median' (Brown-Forsythe) or 'mean' (Levene), not {center!r}.")
    data, notes = groups_with_notes(groups, 2, "The variance test")
    arrays = list(data.values())
    k, total = len(arrays), int(sum(a.size for a in arrays))
    method = f"Levene's Test for Homogeneity of Variance (center = {center})"
    details: dict[str, Any] = {
        "labels": list(data),
        "center": center,
        "variant": "Brown-Forsythe" if center == "median" else "Levene (original)",
        "sds": {lab: float(a.std(ddof=1)) if a.size > 1 else None for lab, a in data.items()},
    }
    n = {lab: int(a.size) for lab, a in data.items()}
    common = {"alternative": None, "conf_level": None, "n": n, "notes": notes, "details": details}
    if total - k < 1:
        notes.append("Every group has a single value, so there is no spread to compare.")
        return VarianceTestResult(method, **common)
    center_fn = np.median if center == "median" else np.mean
    z = [np.abs(a - center_fn(a)) for a in arrays]
    if all(np.ptp(zi) == 0 for zi in z):
        notes.append(
            "The absolute deviations from the group centres are constant within every group, so the "
            "test statistic is undefined."
        )
        return VarianceTestResult(method, **common)
    res = stats.levene(*arrays, center=center)
    return VarianceTestResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=(float(k - 1), float(total - k)),
        **common,
    )
