"""Parametric tests on means and variances from raw values: t-tests, one-way ANOVA (classic and Welch) with
post-hoc comparisons, and Levene / Brown-Forsythe tests of equal variances.

Conventions follow R's defaults (`t.test`, `oneway.test`, `aov` + `TukeyHSD`, `car::leveneTest`); each
function says which R call it reproduces, and the tests check it against R in tests/r/hypothesis_tests.R.
Where a procedure has a core on sufficient statistics (Welch's t, both one-way ANOVAs in `stats.means`; Tukey
and Games-Howell in `stats.posthoc`), the raw-value function computes the group moments and calls that core, the
one the report's engine path calls with full-data moments.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats import effect_sizes as es
from edakit.stats._inputs import (
    as_float_array,
    check_alternative,
    check_conf_level,
    clean,
    dropped_note,
    groups_with_notes,
    label_of,
)
from edakit.stats.means import oneway_from_moments, welch_anova_from_moments, welch_t_from_moments
from edakit.stats.posthoc import games_howell, tukey_hsd
from edakit.stats.result import Result

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


_SPREAD_NOTE = (
    "The t statistic, p-value and interval are not computable: the spread of the values under- or "
    "overflows in floating point (t evaluates to infinity); rescale the values (e.g. change the unit)."
)


def _finite_t(method: str, **fields: Any) -> TTestResult:
    """A TTestResult, without the statistic, p-value and interval when t is infinite: with values of spread > 0
    that only happens when their variance under- or overflows in floating point (e.g. values near 1e-300)."""
    t = fields.get("statistic")
    if t is not None and math.isinf(t):
        fields.update(statistic=None, p_value=None, ci=None)
        fields["notes"].append(_SPREAD_NOTE)
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
    d, g = _d_or_note(
        lambda: es.cohens_d(xs, ys, mu=mu, conf_level=conf_level, alternative=alternative, notes=notes), notes
    )
    var_x, var_y = float(xs.var(ddof=1)), float(ys.var(ddof=1))
    if equal_var:
        res = stats.ttest_ind(xs - mu, ys, equal_var=True, alternative=alternative)
        lo, hi = _ci(res.confidence_interval(conf_level))
        test = {"statistic": float(res.statistic), "p_value": float(res.pvalue), "df": float(res.df)}
        test["ci"] = (lo + mu, hi + mu)
        sp2 = ((xs.size - 1) * var_x + (ys.size - 1) * var_y) / (xs.size + ys.size - 2)
        se: float | None = math.sqrt(sp2 * (1 / xs.size + 1 / ys.size))
        if max(var_x, var_y) > 4 * min(var_x, var_y):
            notes.append(
                "The sample variances differ by more than a factor of 4; Student's test assumes equal "
                "variances, Welch's test (equal_var=False) does not."
            )
    else:
        mx, my = float(xs.mean()), float(ys.mean())
        w = welch_t_from_moments(mx, var_x, xs.size, my, var_y, ys.size, conf_level, mu=mu, alternative=alternative)
        test = {"statistic": w.statistic, "p_value": w.p_value, "df": w.df, "ci": w.ci}
        se = w.se
        if w.statistic is None:
            notes.append(w.reason or _SPREAD_NOTE)
    details.update(se=se, hedges_g=g, assumptions=normality_checks({label_x: xs, label_y: ys}))
    return _finite_t(method, estimate=estimate, effect_size=d, n=n, notes=notes, details=details, **test, **common)


# ---------------------------------------------------------------------------------------------- ANOVA


def anova(
    groups: Mapping[Any, Any] | Iterable[Any], welch: bool = False, conf_level: float = 0.95, posthoc: bool = True
) -> AnovaResult:
    """One-way analysis of means: classic F test (R `oneway.test(var.equal = TRUE)` / `aov`) or Welch's F
    (R `oneway.test`, the default there; Welch 1951), with post-hoc pairwise comparisons.

    The group sizes, means and variances go to the cores of `stats.means`: classic F = MS_between / MS_within
    on (k - 1, N - k) df (`oneway_from_moments`); Welch's F* on (k - 1, df2) df (`welch_anova_from_moments`).

    Effect sizes: eta² (the `effect_size`) and omega² (`details["omega_squared"]`), both from the classic sums
    of squares. Post-hoc in `details["posthoc"]` (`stats.posthoc`): Tukey HSD for the classic test (R `TukeyHSD`),
    Games-Howell for Welch (`posthoc=False` skips them: scipy's studentized-range quantile costs ~0.1-0.2 s per
    Games-Howell pair). Assumption checks in `details["assumptions"]`: Brown-Forsythe test of equal variances and
    Shapiro-Wilk on the residuals (values minus their group mean).

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
    sizes, means = [int(a.size) for a in arrays], [float(a.mean()) for a in arrays]
    variances = [float(a.var(ddof=1)) if a.size > 1 else 0.0 for a in arrays]
    classic = oneway_from_moments(sizes, means, variances)
    if classic.ss_within == 0:
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
        try:
            test = welch_anova_from_moments(sizes, means, variances)
        except NotComputable as exc:
            notes.append(f"Welch's F is {exc}.")
            return AnovaResult(method, **common)
    else:
        test = {"statistic": classic.statistic, "p_value": classic.p_value, "df": tuple(map(float, classic.df))}
        if not classic.computable:
            notes.append(
                "The F test is not computable: the sums of squares under- or overflow in floating point; rescale "
                "the values (e.g. change the unit)."
            )
    try:  # the post-hoc comparisons may not be computable (NotComputable): the F test stays
        if welch:
            if posthoc:
                details["posthoc"] = games_howell(data, conf_level)
        else:
            if posthoc and all(a.size >= 2 for a in arrays):
                details["posthoc"] = tukey_hsd(data, conf_level)
            elif posthoc:
                notes.append("Tukey HSD was not computed: it needs at least 2 values in every group here.")
    except NotComputable as exc:
        notes.append(f"The post-hoc comparisons are {exc}.")
    eta = omega = None
    try:  # the same core (means.oneway_from_moments) as the F test
        eta, omega = es.eta_squared(arrays), es.omega_squared(arrays, conf_level, notes)
    except NotComputable as exc:
        notes.append(f"eta² and omega² are {exc}.")
    if eta is not None:  # its noncentral-F interval, as the report's (effectsize::eta_squared)
        from edakit.stats.association import correlation_ratio_from_groups

        try:
            ratio = correlation_ratio_from_groups(
                [a.size for a in arrays],
                [float(a.mean()) for a in arrays],
                [float(a.var(ddof=1)) if a.size > 1 else None for a in arrays],
                conf_level,
            )
        except (EdakitError, ArithmeticError, ValueError) as exc:
            notes.append(f"The interval of eta² could not be computed ({exc}).")
        else:
            eta.ci, eta.ci_kind = ratio.eta_squared_ci, ratio.ci_kind
            notes += [n for n in ratio.notes if "interval of eta²" in n]
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
    return AnovaResult(method, effect_size=eta, **test, **common)


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
