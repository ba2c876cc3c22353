"""A/B comparisons from per-variant summaries: sample-ratio mismatch, lifts with intervals, the MDE, CUPED.

Everything here works on counts and moments (n, mean, variance per variant; joint moments with a
covariate for CUPED), which the engine computes on the full data (`edakit.engine.groups`), so a test on
millions of rows never moves the rows into Python. Conventions, each checked against R in tests/r/ab.R:

* rate per variant: Wilson score interval (R `prop.test(x, n, correct = FALSE)$conf.int`);
  mean per variant: t interval mean ± t_{n−1}·s/sqrt(n) (R `t.test(x)$conf.int`);
* binary lift p_t − p_c: unpooled Wald interval and the pooled two-proportion z test, i.e. R's
  `prop.test(c(x_t, x_c), c(n_t, n_c), correct = FALSE)` (z² is its X²); effect size Cohen's h;
* continuous lift m_t − m_c: Welch's t test and interval (R `t.test(y_t, y_c)`); effect size Cohen's d with
  the pooled SD;
* relative lift m_t/m_c − 1 with an interval on the log scale: Var(log(m_t/m_c)) ≈ v_t/m_t² + v_c/m_c² (delta
  method; v = the variance of each arm's mean, the arms independent), normal quantile, back-transformed, so it
  never goes below −100 %; when a mean is not above 0, the delta-method interval on the ratio itself;
* sample-ratio mismatch: chi-square goodness-of-fit of the allocation (R `chisq.test(n, p = split)`);
* CUPED (Deng et al. 2013): y − θ·(x − x̄), θ = Σ_arms Σ(y − ȳ_arm)(x − x̄_arm) / Σ_arms Σ(x − x̄_arm)²
  (the pooled within-arm slope, so the adjusted difference equals R's `lm(y ~ arm + x)` arm coefficient), then
  Welch on the adjusted values; variance reduction = 1 − Σ SS_within(adjusted) / Σ SS_within(y);
* power, MDE and sample size: `edakit.stats.power`;
* several comparisons (variants × metrics): Holm (default) or Benjamini–Hochberg via `adjust_pvalues`.

The result dataclasses live in `edakit.stats.ab_results` (and are importable from here); a whole test, from the
engine's aggregates (`edakit.engine.ab`) to an `ABResult`, is `edakit.stats.ab_analysis.analyse`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from edakit.errors import EdakitError
from edakit.stats import effect_sizes as es
from edakit.stats import power as pw
from edakit.stats.ab_equivalence import equivalence_test
from edakit.stats.ab_results import (
    SRM_THRESHOLD,
    ABComparison,
    ABResult,
    CupedAdjustment,
    SRMResult,
    VariantEstimate,
)
from edakit.stats.means import welch_t_from_moments
from edakit.stats.parametric import CLT_N
from edakit.stats.result import EffectSize

__all__ = [
    "SRM_THRESHOLD",
    "ABComparison",
    "ABResult",
    "CupedAdjustment",
    "SRMResult",
    "VariantEstimate",
    "adjust_comparisons",
    "compare_means",
    "compare_proportions",
    "cuped_compare",
    "cuped_theta",
    "equivalence_test",
    "mean_estimate",
    "rate_estimate",
    "relative_lift",
    "relative_lift_note",
    "relative_lift_on_log_scale",
    "srm_test",
]


# ---------------------------------------------------------------------------------------------- helpers


def _z(conf_level: float) -> float:
    from scipy import stats

    return float(stats.norm.ppf((1 + conf_level) / 2))


def _finite(*values: Any) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def rate_estimate(label: str, successes: int, n: int, conf_level: float = 0.95, missing: int = 0) -> VariantEstimate:
    """A variant's rate with its Wilson score interval (R `prop.test(x, n, correct = FALSE)$conf.int`).

    >>> e = rate_estimate("A", 24, 117)
    >>> round(e.mean, 4), [round(v, 4) for v in e.ci]
    (0.2051, [0.1419, 0.2871])
    """
    from edakit.stats.proportion import wilson_interval

    if n == 0:
        return VariantEstimate(label, 0, None, None, None, 0, missing)
    p = successes / n
    return VariantEstimate(
        label, n, p, wilson_interval(successes, n, conf_level), math.sqrt(p * (1 - p)), int(successes), missing
    )


def mean_estimate(
    label: str, mean: float, var: float, n: int, conf_level: float = 0.95, missing: int = 0
) -> VariantEstimate:
    """A variant's mean with its t interval mean ± t_{n−1}·s/sqrt(n) (R `t.test(x)$conf.int`).

    >>> e = mean_estimate("A", 10.0, 4.0, 16)
    >>> [round(v, 4) for v in e.ci]
    [8.9343, 11.0657]
    """
    from scipy import stats

    if n == 0:
        return VariantEstimate(label, 0, None, None, None, None, missing)
    if n < 2 or not _finite(var):
        return VariantEstimate(label, n, float(mean), None, None, None, missing)
    if var <= 0:  # constant values: the interval cannot be estimated (R's t.test stops), not a zero-width one
        return VariantEstimate(label, n, float(mean), None, 0.0, None, missing)
    half = float(stats.t.ppf((1 + conf_level) / 2, n - 1)) * math.sqrt(var / n)
    return VariantEstimate(label, n, float(mean), (mean - half, mean + half), math.sqrt(var), None, missing)


def relative_lift_on_log_scale(mean_t: float | None, mean_c: float | None) -> bool:
    """Whether `relative_lift` puts its interval on the log scale: both means finite and above 0."""
    return _finite(mean_t, mean_c) and mean_t > 0 and mean_c > 0  # type: ignore[operator]


def relative_lift(
    mean_t: float, var_mean_t: float, mean_c: float, var_mean_c: float, conf_level: float = 0.95
) -> tuple[float | None, tuple[float, float] | None]:
    """r = m_t/m_c − 1 with an interval for the ratio m_t/m_c computed on the log scale.

    v_t, v_c are the variances of the two means (s²/n, or p(1−p)/n for a rate); the arms are independent.
    When both means are above 0 the interval is exp(log(m_t/m_c) ± z·se) − 1 with the delta-method
    se = sqrt(v_t/m_t² + v_c/m_c²) of the log ratio, so it never goes below −100 % and is asymmetric as a ratio
    is. When a mean is 0 or negative the log is undefined and the interval is the delta-method one on the
    ratio itself, r ± z·sqrt(v_t/m_c² + m_t²·v_c/m_c⁴) (`relative_lift_note` says so). Undefined (None) when
    the control mean is 0.

    >>> r, ci = relative_lift(0.12, 0.12 * 0.88 / 1000, 0.10, 0.10 * 0.90 / 1000)
    >>> round(r, 4), [round(v, 4) for v in ci]
    (0.2, [-0.0659, 0.5416])
    """
    if not _finite(mean_t, mean_c, var_mean_t, var_mean_c) or mean_c == 0:
        return None, None
    r = mean_t / mean_c - 1
    z = _z(conf_level)
    if relative_lift_on_log_scale(mean_t, mean_c):
        log_ratio = math.log(mean_t / mean_c)
        se_log = math.sqrt(var_mean_t / mean_t**2 + var_mean_c / mean_c**2)
        return r, (math.exp(log_ratio - z * se_log) - 1, math.exp(log_ratio + z * se_log) - 1)
    se = math.sqrt(var_mean_t / mean_c**2 + mean_t**2 * var_mean_c / mean_c**4)
    return r, (r - z * se, r + z * se)


def relative_lift_note(mean_t: float | None, mean_c: float | None, what: str = "mean") -> str | None:
    """Why the relative lift's interval is not on the log scale, or None when it is (or there is no lift)."""
    if not _finite(mean_t, mean_c) or mean_c == 0 or relative_lift_on_log_scale(mean_t, mean_c):
        return None
    which = "treatment" if mean_t <= 0 else "control"  # type: ignore[operator]
    return (
        f"The {which} {what} is not above 0, so the ratio's logarithm is undefined: the relative lift's interval "
        "is the delta-method one on the ratio itself, which can extend below −100 %."
    )


def srm_test(
    observed: Mapping[str, int] | Sequence[int],
    expected_split: Sequence[float] | Mapping[str, float] | None = None,
    threshold: float = SRM_THRESHOLD,
) -> SRMResult:
    """Sample-ratio mismatch check: chi-square goodness-of-fit of the allocation to the planned split.

    X² = Σ (n_i − N·π_i)² / (N·π_i), k − 1 df, π the planned shares (default equal; rescaled to sum to 1):
    R's `chisq.test(n, p = split, rescale.p = TRUE)`, computed with scipy's `chisquare`. A p-value below
    `threshold` (0.001) means the split itself is off, so randomisation or logging is broken somewhere.
    `expected_split` is one share per variant in the order of `observed`, or a mapping label -> share.

    >>> r = srm_test([5000, 5400])
    >>> round(r.statistic, 4), r.mismatch
    (15.3846, True)
    """
    from scipy import stats

    counts = (
        dict(observed) if isinstance(observed, Mapping) else {f"variant {i + 1}": v for i, v in enumerate(observed)}
    )
    labels = [str(k) for k in counts]
    n = [int(v) for v in counts.values()]
    k = len(n)
    if k < 2:
        raise EdakitError("A sample-ratio check needs at least two variants.")
    if isinstance(expected_split, Mapping):
        given = {str(key): v for key, v in expected_split.items()}
        if set(given) != set(labels):
            raise EdakitError(
                f"The expected split names {', '.join(given)} but the variants are {', '.join(labels)}; "
                "give one share per variant."
            )
        expected_split = [given[label] for label in labels]
    split = [1.0] * k if expected_split is None else [float(v) for v in expected_split]
    if len(split) != k:
        raise EdakitError(
            f"The expected split has {len(split)} value(s) but there are {k} variants ({', '.join(labels)}); "
            "give one share per variant, in that order (e.g. --expected-split 50,50)."
        )
    if any(not math.isfinite(v) or v <= 0 for v in split):
        raise EdakitError(f"Every share of the expected split must be positive; got {split}.")
    total = sum(n)
    shares = [v / sum(split) for v in split]
    expected = [total * s for s in shares]
    notes = []
    method = "Chi-squared test for given probabilities"
    details: dict[str, Any] = {"total": total}
    if total == 0:
        notes.append("No rows: the allocation cannot be checked.")
        return SRMResult(method, n=0, notes=notes, details=details, threshold=threshold)
    res = stats.chisquare(n, expected)
    if min(expected) < 5:
        notes.append(
            f"Some expected counts are below 5 (smallest {min(expected):.3g}): the chi-square approximation "
            "may be poor (R warns the same)."
        )
    return SRMResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=float(k - 1),
        n=total,
        notes=notes,
        details=details,
        observed=dict(zip(labels, n, strict=True)),
        expected=dict(zip(labels, expected, strict=True)),
        expected_share=dict(zip(labels, shares, strict=True)),
        threshold=threshold,
    )


# ---------------------------------------------------------------------------------------------- comparisons


def compare_proportions(
    successes_t: int,
    n_t: int,
    successes_c: int,
    n_c: int,
    *,
    metric: str = "metric",
    treatment: str = "treatment",
    control: str = "control",
    conf_level: float = 0.95,
    alpha: float = 0.05,
    power: float = 0.8,
) -> ABComparison:
    """Rate of the treatment against the control: p_t − p_c, relative lift, test, Cohen's h and the MDE.

    Test: `edakit.stats.contingency.prop_test([x_t, x_c], [n_t, n_c], correct=False)`, i.e. R's
    `prop.test(correct = FALSE)`, the pooled two-proportion z test (z² = X²). Interval of p_t − p_c: Newcombe's
    hybrid score interval (1998, method 10; `stats.proportion.newcombe_interval`), built from the two Wilson score
    intervals, so that, unlike the Wald interval, it stays within [−1, 1] and agrees with the score test in all
    but borderline cases (a note says so when they disagree). Effect sizes with intervals (`effect_sizes`):
    Cohen's h ± z·sqrt(1/n_t + 1/n_c), the risk difference (Newcombe) and the risk ratio (Katz's log interval,
    the relative lift + 1). The MDE on Cohen's h (`edakit.stats.power`) is the smallest increase of the control
    rate detected with probability `power` (`details["mde_decrease"]` the smallest decrease); no "observed power"
    is computed, as it adds nothing to the p-value.

    >>> c = compare_proportions(24, 117, 52, 116)
    >>> round(c.estimate, 4), [round(v, 4) for v in c.ci], round(c.p_value, 6)
    (-0.2431, [-0.3537, -0.1233], 7.5e-05)
    """
    from edakit.stats.contingency import prop_test
    from edakit.stats.proportion import newcombe_interval

    if n_t == 0 or n_c == 0:
        raise EdakitError("Each arm needs at least one value to compare rates.")
    res = prop_test([successes_t, successes_c], [n_t, n_c], correct=False, conf_level=conf_level)
    p_t, p_c = successes_t / n_t, successes_c / n_c
    ci = newcombe_interval(successes_t, n_t, successes_c, n_c, conf_level)
    h = es.cohens_h(p_t, p_c).value
    half = _z(conf_level) * math.sqrt(1 / n_t + 1 / n_c)
    effect = EffectSize("Cohen's h", h, (h - half, h + half))
    notes = list(res.notes)
    same_level = abs((1 - conf_level) - alpha) < 1e-12
    if res.p_value is not None and same_level and (res.p_value < alpha) == (ci[0] <= 0 <= ci[1]):
        notes.append(
            "The z test and Newcombe's interval fall on different sides of the threshold here (a borderline "
            "case: the interval is built from the two Wilson intervals, not by inverting the pooled test)."
        )
    mde = up = down = None
    hm = pw.mde_h(n_c, n_t, alpha, power)
    if _finite(hm):
        up, down = pw.rate_change(p_c, hm)
        mde = up if up is not None else down
    out = _comparison(
        "Two-proportion z test (prop.test without continuity correction), Newcombe hybrid score interval",
        "binary",
        (res.statistic, res.p_value, res.df, ci),
        treatment=(treatment, p_t, p_t * (1 - p_t), n_t),
        control=(control, p_c, p_c * (1 - p_c), n_c),
        effect_size=effect,
        mde=mde,
        notes=notes,
        details={
            "mde_h": hm,
            "mde_increase": up,
            "mde_decrease": down,
            "successes": {treatment: successes_t, control: successes_c},
        },
        metric=metric,
        conf_level=conf_level,
        alpha=alpha,
        power=power,
    )
    out.effect_sizes = [effect, EffectSize("risk difference", out.estimate, ci)]
    if out.relative_lift is not None and relative_lift_on_log_scale(p_t, p_c) and out.relative_ci is not None:
        lo, hi = out.relative_ci
        out.effect_sizes.append(EffectSize("risk ratio", out.relative_lift + 1, (lo + 1, hi + 1)))
    return out


def compare_means(
    mean_t: float,
    var_t: float,
    n_t: int,
    mean_c: float,
    var_c: float,
    n_c: int,
    *,
    metric: str = "metric",
    treatment: str = "treatment",
    control: str = "control",
    conf_level: float = 0.95,
    alpha: float = 0.05,
    power: float = 0.8,
) -> ABComparison:
    """Mean of the treatment against the control: Welch's t test and interval (R `t.test(y_t, y_c)`), the
    relative lift (log-scale interval), Cohen's d (pooled SD) and the MDE, the same either way (noncentral t,
    `edakit.stats.power`).

    >>> c = compare_means(85.6965517241, 69.7546305419, 29, 81.1076923077, 22.5079384615, 26)
    >>> round(c.estimate, 4), [round(v, 4) for v in c.ci], round(c.df, 3)
    (4.5889, [0.9467, 8.2311], 45.221)
    """
    if n_t < 2 or n_c < 2:
        raise EdakitError("Each arm needs at least two values to compare means (a variance is needed).")
    w = welch_t_from_moments(mean_t, var_t, n_t, mean_c, var_c, n_c, conf_level)
    notes: list[str] = []
    if w.p_value is None:
        notes.append(w.reason or "Both arms are constant, so there is no variation to test against.")
    elif min(n_t, n_c) < CLT_N:
        notes.append(
            f"An arm has fewer than {CLT_N} values: Welch's t test then relies on roughly normal data in each arm, "
            "which skewed metrics such as revenue rarely are; treat the p-value and interval as approximate."
        )
    sp = math.sqrt(((n_t - 1) * var_t + (n_c - 1) * var_c) / (n_t + n_c - 2))
    sizes: list[EffectSize] = []
    if sp > 0:
        try:  # the noncentral-t intervals of d and g; no Cohen's label: the lift and its interval are the effect
            d, g = es.cohens_d_from_moments(mean_t, var_t, n_t, mean_c, var_c, n_c, conf_level, notes)
            sizes = [EffectSize(e.name, e.value, e.ci) for e in (d, g) if _finite(e.value)]
        except (EdakitError, ArithmeticError, ValueError) as exc:
            notes.append(f"Cohen's d and its interval could not be computed ({exc}).")
    effect = sizes[0] if sizes else None
    dm = pw.mde_d(n_c, n_t, alpha, power)
    out = _comparison(
        "Welch Two Sample t-test",
        "continuous",
        (w.statistic, w.p_value, w.df, w.ci),
        treatment=(treatment, mean_t, var_t, n_t),
        control=(control, mean_c, var_c, n_c),
        effect_size=effect,
        mde=dm * sp if _finite(dm) and sp > 0 else None,
        notes=notes,
        details={"mde_d": dm, "pooled_sd": sp, "se": w.se},
        metric=metric,
        conf_level=conf_level,
        alpha=alpha,
        power=power,
    )
    out.effect_sizes = sizes
    return out


def _comparison(
    method: str,
    kind: str,
    test: tuple[float | None, float | None, float | None, tuple[float, float] | None],
    *,
    treatment: tuple[str, float, float, int],
    control: tuple[str, float, float, int],
    effect_size: EffectSize | None,
    mde: float | None,
    notes: list[str],
    details: dict[str, Any],
    metric: str,
    conf_level: float,
    alpha: float,
    power: float,
) -> ABComparison:
    """The ABComparison of a treatment against the control, for rates (`compare_proportions`) and means.

    `test` is (statistic, p-value, df, interval of the lift); each arm is (label, mean, variance of one value,
    n), the variance being p(1 − p) for a rate. The lift is mean_t − mean_c; the relative lift and its
    interval (`relative_lift`) and the MDE relative to the control mean are derived here.
    """
    (label_t, mean_t, var_t, n_t), (label_c, mean_c, var_c, n_c) = treatment, control
    statistic, p_value, df, ci = test
    rel, rel_ci = relative_lift(mean_t, var_t / n_t, mean_c, var_c / n_c, conf_level)
    what = "rate" if kind == "binary" else "mean"
    if rel is None:
        notes = [*notes, f"The control {what} is 0, so the relative lift (a ratio to it) is undefined."]
    elif (why := relative_lift_note(mean_t, mean_c, what)) is not None:
        notes = [*notes, why]
    return ABComparison(
        method,
        statistic=statistic,
        p_value=p_value,
        df=df,
        estimate=mean_t - mean_c,
        ci=ci,
        conf_level=conf_level,
        effect_size=effect_size,
        n={label_t: n_t, label_c: n_c},
        notes=notes,
        details=details,
        metric=metric,
        kind=kind,
        control=label_c,
        treatment=label_t,
        control_mean=mean_c,
        treatment_mean=mean_t,
        n_control=n_c,
        n_treatment=n_t,
        relative_lift=rel,
        relative_ci=rel_ci,
        target_power=power,
        mde=mde,
        mde_relative=mde / abs(mean_c) if mde is not None and mean_c else None,
        alpha=alpha,
    )


# ---------------------------------------------------------------------------------------------- CUPED


def cuped_theta(joint: Mapping[str, Any]) -> tuple[float, float]:
    """θ = Σ_arms SP_xy / Σ_arms SS_x (pooled within-arm slope) and the variance reduction it achieves,
    1 − Σ_arms SS(y − θx) / Σ_arms SS(y) (= the squared pooled within-arm correlation).

    `joint` maps each arm to an object with `ss_y`, `ss_x`, `sp_xy` (within-arm sums of squares / products).
    """
    ss_x = sum(j.ss_x for j in joint.values())
    ss_y = sum(j.ss_y for j in joint.values())
    sp = sum(j.sp_xy for j in joint.values())
    if ss_x <= 0:
        return math.nan, math.nan
    theta = sp / ss_x
    residual = sum(j.ss_y - 2 * theta * j.sp_xy + theta**2 * j.ss_x for j in joint.values())
    return theta, (1 - residual / ss_y) if ss_y > 0 else math.nan


def cuped_compare(
    joint: Mapping[str, Any],
    control: str,
    treatment: str,
    covariate: str,
    conf_level: float = 0.95,
    robust: tuple[Any, Mapping[str, tuple[float, float, float]]] | None = None,
) -> CupedAdjustment | None:
    """The CUPED-adjusted difference between two arms: the arm coefficient of the ANCOVA `lm(y ~ arm + x)` fitted
    on every analysed arm's complete cases, i.e. the difference of ȳ − θ(x̄_arm − x̄) with θ the pooled within-arm
    slope, and its standard error from the same model, so that the estimated θ is accounted for.

    `joint` maps every analysed arm to its complete-case moments (n, mean_y, mean_x, ss_y, ss_x, sp_xy). With
    `robust` = (the `engine.ancova.Design`, its per-arm HC2 sums), as the engine path gathers them, the standard
    error is the HC2 sandwich (R `sandwich::vcovHC(fit, type = "HC2")`, statsmodels `cov_type="HC2"`), robust to
    unequal variances; without (moments only) it is the classical ANCOVA standard error σ̂²·c'(X'X)⁻¹c. The
    interval and test use the t distribution on the model's residual df N − k − 1 (as R's `coeftest`). Returns
    None when θ is undefined (a constant covariate), an arm has fewer than 2 complete cases, or a moment is
    infinite or over-/underflows.

    Worked by hand: θ = (12 + 14) / (10 + 12) = 1.1818, x̄ = 5.25, so the adjusted means are
    10 + 0.2955 and 12 − 0.2955, a difference of 1.4091.

    >>> from edakit.engine.groups import JointMoments
    >>> def arm(n, my, mx, ssy, ssx, spxy):
    ...     return JointMoments(n, my, mx, ssy / (n - 1), ssx / (n - 1), spxy / (n - 1), ssy, ssx, spxy)
    >>> arms = {"A": arm(4, 10.0, 5.0, 20.0, 10.0, 12.0), "B": arm(4, 12.0, 5.5, 22.0, 12.0, 14.0)}
    >>> round(cuped_compare(arms, "A", "B", covariate="pre").estimate, 4)
    1.4091
    """
    if not all(_finite(j.mean_y, j.mean_x, j.ss_y, j.ss_x, j.sp_xy) for j in joint.values()):
        return None  # an infinite or missing moment: the adjustment is not computable
    theta, reduction = cuped_theta(joint)
    arms = [joint[control], joint[treatment]]
    if not _finite(theta) or any(a.n < 2 for a in arms):
        return None
    try:
        return _cuped(joint, control, treatment, theta, reduction, covariate, conf_level, robust)
    except (OverflowError, ZeroDivisionError, ValueError):  # the moments over- or underflow in floating point
        return None


def _cuped(
    joint: Mapping[str, Any],
    control: str,
    treatment: str,
    theta: float,
    reduction: Any,
    covariate: str,
    conf_level: float,
    robust: tuple[Any, Mapping[str, tuple[float, float, float]]] | None,
) -> CupedAdjustment | None:
    import numpy as np
    from scipy import stats

    from edakit.engine.ancova import design

    total = sum(j.n for j in joint.values())
    x_bar = sum(j.n * j.mean_x for j in joint.values()) / total
    d = robust[0] if robust is not None else design(joint, x_bar)
    if d is None or control not in d.labels or treatment not in d.labels:
        return None
    k = len(d.labels)
    c = np.zeros(k + 1)
    c[d.labels.index(treatment)], c[d.labels.index(control)] = 1.0, -1.0
    df = total - k - 1
    notes = []
    if robust is not None:
        meat = np.zeros((k + 1, k + 1))
        for i, name in enumerate(d.labels):
            w0, w1, w2 = robust[1][name]
            meat[i, i], meat[i, k], meat[k, i] = w0, w1, w1
            meat[k, k] += w2
        var = float(c @ d.bread @ meat @ d.bread @ c)
        method = "ANCOVA lm(y ~ variant + x), HC2 robust standard error"
        small = [name for name in (control, treatment) if joint[name].n < CLT_N]
        if small:
            notes.append(
                f"{' and '.join(small)} {'has' if len(small) == 1 else 'have'} fewer than {CLT_N} complete cases: the "
                "HC2 standard error is then often too small, so the interval may be too narrow and the p-value too "
                "small."
            )
    else:
        residual = sum(j.ss_y - 2 * theta * j.sp_xy + theta**2 * j.ss_x for j in joint.values())
        var = max(residual, 0.0) / df * float(c @ d.bread @ c) if df > 0 else math.nan
        method = "ANCOVA lm(y ~ variant + x), classical standard error"
    mc = joint[control].mean_y - theta * (joint[control].mean_x - x_bar)
    mt = joint[treatment].mean_y - theta * (joint[treatment].mean_x - x_bar)
    if not _finite(mc, mt, var) or df < 1:
        return None
    se = math.sqrt(max(var, 0.0))
    estimate = mt - mc
    q = float(stats.t.ppf((1 + conf_level) / 2, df))
    statistic = estimate / se if se > 0 else None
    p_value = float(2 * stats.t.sf(abs(statistic), df)) if statistic is not None else None
    # relative lift: the adjusted means' variances as the arms' own (s²/n of the adjusted values), log scale
    vc = max(joint[control].ss_y - 2 * theta * joint[control].sp_xy + theta**2 * joint[control].ss_x, 0.0)
    vt = max(joint[treatment].ss_y - 2 * theta * joint[treatment].sp_xy + theta**2 * joint[treatment].ss_x, 0.0)
    nc, nt = joint[control].n, joint[treatment].n
    rel, rel_ci = relative_lift(mt, vt / (nt - 1) / nt, mc, vc / (nc - 1) / nc, conf_level)
    return CupedAdjustment(
        covariate=covariate,
        theta=theta,
        variance_reduction=reduction,
        n_control=nc,
        n_treatment=nt,
        control_mean=mc,
        treatment_mean=mt,
        estimate=estimate,
        ci=(estimate - q * se, estimate + q * se) if se > 0 else None,
        statistic=statistic,
        df=float(df),
        p_value=p_value,
        relative_lift=rel,
        relative_ci=rel_ci,
        conf_level=conf_level,
        se=se,
        method=method,
        notes=notes,
    )


def adjust_comparisons(comparisons: Sequence[ABComparison], method: str = "holm") -> None:
    """Set `p_adjusted` on every comparison: Holm or BH across the whole family (variants × metrics).

    The family's p-values are each comparison's primary one (the CUPED analysis when there is one).
    With a single comparison nothing is adjusted (`p_adjusted` stays None).
    """
    from edakit.stats.multitest import adjust_pvalues

    primary = [c.cuped.p_value if c.cuped is not None else c.p_value for c in comparisons]
    size = sum(p is not None for p in primary)
    for c in comparisons:
        c.family_size = size
    if size < 2:
        return
    for c, p in zip(comparisons, adjust_pvalues(primary, method), strict=True):
        c.p_adjusted, c.p_adjust_method = p, method
