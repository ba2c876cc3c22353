"""Association of categorical variables: the chi-square test with Cramér's V (two categorical variables) and the
correlation ratio eta with the one-way ANOVA F test (a numeric variable on a grouping).

Conventions are R's (`chisq.test(correct = FALSE)`, `summary(aov(...))`), so a teacher can check every number;
the intervals of V and eta² invert the noncentral chi-square and F distributions (`stats.ncp`: two-sided, or
one-sided at the boundary 0). Each has a core
on sufficient statistics, the count table (`cramers_v_from_table`) and the group moments
(`correlation_ratio_from_groups`, whose F test is `means.oneway_from_moments`), that the raw-value functions and
the report's engine path both call. Undefined cases give a result whose `estimate` is None and whose `notes` say
why, never a silent NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import as_float_array, check_conf_level, label_of
from edakit.stats.effect_sizes import magnitude_by
from edakit.stats.means import oneway_from_moments
from edakit.stats.ncp import TWO_SIDED, ncf_cdf, ncp_interval, ncx2_cdf
from edakit.stats.result import EffectSize, Result

CHISQ_METHOD = "Pearson's Chi-squared test"
ETA_METHOD = "Correlation ratio (eta) with one-way ANOVA F test"

W_THRESHOLDS = (0.1, 0.3, 0.5)
V_CONVENTION = "Cohen (1988) for w = V·√(min(rows, columns) − 1): w 0.1 small, 0.3 medium, 0.5 large"
ETA2_THRESHOLDS = (0.01, 0.06, 0.14)
ETA2_CONVENTION = "Cohen (1988): eta² 0.01 small, 0.06 medium, 0.14 large"


# --------------------------------------------------------------------------------------------- results


@dataclass(repr=False)
class CramersVResult(Result):
    """Chi-square test of independence of two categorical variables, with Cramér's V as its effect size.

    `estimate` is V (bias-corrected unless `bias_correction` is False), `ci` its interval, `statistic` X².
    """

    bias_correction: bool = True
    ci_kind: str = TWO_SIDED  # or "one-sided upper" ([0, U]) for an estimate at the boundary 0 (stats.ncp)
    v_uncorrected: float | None = None
    table: list[list[int]] = field(default_factory=list)
    row_labels: list[str] = field(default_factory=list)
    col_labels: list[str] = field(default_factory=list)
    min_expected: float | None = None
    n_dropped: int = 0
    x_name: str = "x"
    y_name: str = "y"


@dataclass(repr=False)
class CorrelationRatioResult(Result):
    """Correlation ratio eta of a numeric variable on a grouping, with the one-way ANOVA F test.

    `estimate` is eta, `ci` its interval; eta² (the share of variance explained by the groups) and its
    interval are in `eta_squared`, `eta_squared_ci` and `effect_size`.
    """

    eta_squared: float | None = None
    eta_squared_ci: tuple[float, float] | None = None
    ci_kind: str = TWO_SIDED  # of `ci` and `eta_squared_ci`: or "one-sided upper" ([0, U]; stats.ncp)
    n_groups: int = 0
    group_sizes: dict[str, int] = field(default_factory=dict)
    n_dropped: int = 0
    values_name: str = "values"
    groups_name: str = "groups"


# --------------------------------------------------------------------------------------------- categorical


def _is_missing(value: Any) -> bool:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # NaN and NaT are the values not equal to themselves
    except (TypeError, ValueError):
        return False


def _as_labels(values: Any, name: str) -> list[Any]:
    """A list of Python objects from any array-like of categories (None for missing)."""
    if hasattr(values, "to_list") and callable(values.to_list):  # polars/pandas Series
        items = values.to_list()
    elif hasattr(values, "to_pylist"):  # pyarrow
        items = values.to_pylist()
    elif isinstance(values, np.ndarray):
        items = values.ravel().tolist()
    elif isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise EdakitError(f"{name} must be a sequence of category labels, not a single value.")
    else:
        items = list(values)
    return [None if _is_missing(v) else v for v in items]


def _levels(values: Sequence[Any]) -> list[Any]:
    unique = list(dict.fromkeys(values))
    try:
        return sorted(unique)
    except TypeError:
        return sorted(unique, key=str)


def _paired_labels(x: Any, y: Any, x_name: str, y_name: str) -> tuple[list[Any], list[Any], int]:
    xl, yl = _as_labels(x, x_name), _as_labels(y, y_name)
    if len(xl) != len(yl):
        raise EdakitError(
            f"{x_name} and {y_name} must have the same length to be paired; got {len(xl)} and {len(yl)} values."
        )
    keep = [(a, b) for a, b in zip(xl, yl, strict=True) if a is not None and b is not None]
    return [a for a, _ in keep], [b for _, b in keep], len(xl) - len(keep)


def cramers_v(
    x: Any,
    y: Any,
    bias_correction: bool = True,
    conf_level: float = 0.95,
    *,
    x_name: str | None = None,
    y_name: str | None = None,
) -> CramersVResult:
    """Chi-square test of independence of two categorical variables and Cramér's V, from raw labels.

    Rows with a missing label in either variable are dropped; the cross-table of the rest goes to
    `cramers_v_from_table` (see there for the formulas).

    >>> r = cramers_v(["a", "a", "b", "b", "a", "b"], ["u", "u", "v", "v", "u", "u"], bias_correction=False)
    >>> round(r.statistic, 4), round(r.estimate, 4), r.df
    (3.0, 0.7071, 1)
    """
    xn, yn = label_of(x, "x", x_name), label_of(y, "y", y_name)
    xl, yl, n_dropped = _paired_labels(x, y, xn, yn)
    rows, cols = _levels(xl), _levels(yl)
    r_index = {v: i for i, v in enumerate(rows)}
    c_index = {v: i for i, v in enumerate(cols)}
    table = np.zeros((len(rows), len(cols)), dtype=np.int64)
    np.add.at(table, ([r_index[v] for v in xl], [c_index[v] for v in yl]), 1)
    return cramers_v_from_table(
        table,
        bias_correction=bias_correction,
        conf_level=conf_level,
        row_labels=[str(v) for v in rows],
        col_labels=[str(v) for v in cols],
        n_dropped=n_dropped,
        x_name=xn,
        y_name=yn,
    )


def cramers_v_from_table(
    table: Any,
    bias_correction: bool = True,
    conf_level: float = 0.95,
    *,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    n_dropped: int = 0,
    x_name: str = "x",
    y_name: str = "y",
    interval: bool = True,
) -> CramersVResult:
    """Chi-square test of independence (no continuity correction) and Cramér's V of an r × c count table.

    X² = Σ(O − E)²/E with E = row total·column total/n, on (r − 1)(c − 1) df: R's `chisq.test(correct = FALSE)`
    (scipy's `chi2_contingency`). V = √(X²/(n·(min(r, c) − 1))) (Cramér 1946). With `bias_correction`, the
    estimate is Bergsma's (2013, J Korean Stat Soc 42:323–328):
    φ²~ = max(0, X²/n − (r − 1)(c − 1)/(n − 1)), r~ = r − (r − 1)²/(n − 1), c~ = c − (c − 1)²/(n − 1),
    V~ = √(φ²~ / min(r~ − 1, c~ − 1)) — as `rcompanion::cramerV(bias.correct = TRUE)` and
    `effectsize::cramers_v(adjust = TRUE)`. Plain V overstates association in small tables.

    Interval (for the population V, whichever estimate is shown): X² is approximately noncentral chi-square
    with noncentrality λ = n·φ²; the limits of λ are found by inverting that distribution at the observed X²
    and mapped to V = √(λ/(n·(min(r, c) − 1))), capped at 1 (Smithson 2003; as `effectsize::cramers_v(
    adjust = FALSE, alternative = "two.sided")`). When the V shown is 0 (the bias-corrected estimate often is),
    or the two-sided limits both collapse to 0, the interval is one-sided, [0, upper limit], as
    `alternative = "less"` (`ci_kind`; rule in `stats.ncp`). Empty rows or columns are dropped first. `interval=False`
    skips the interval (it needs a root search), for screening many tables before the shown ones are redone.

    >>> r = cramers_v_from_table([[10, 20], [30, 40]], bias_correction=False)
    >>> round(r.statistic, 4), round(r.estimate, 4)
    (0.7937, 0.0891)
    """
    from edakit.stats.distfuncs import chi2

    conf_level = check_conf_level(conf_level)
    try:
        counts = np.asarray(table.to_numpy() if hasattr(table, "to_numpy") else table, dtype=float)
    except (TypeError, ValueError):
        raise EdakitError("table must be a 2-D array of counts.") from None
    if counts.ndim != 2:
        raise EdakitError(f"table must be a 2-D array of counts (rows × columns); got {counts.ndim} dimension(s).")
    if not np.all(np.isfinite(counts)) or (counts < 0).any() or not np.all(counts == np.round(counts)):
        raise EdakitError("table must hold counts: whole numbers, zero or more, with no missing values.")
    rows = list(row_labels) if row_labels is not None else [str(i + 1) for i in range(counts.shape[0])]
    cols = list(col_labels) if col_labels is not None else [str(j + 1) for j in range(counts.shape[1])]
    if len(rows) != counts.shape[0] or len(cols) != counts.shape[1]:
        raise EdakitError("row_labels and col_labels must match the table's number of rows and columns.")
    notes: list[str] = []
    keep_r, keep_c = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    if not keep_r.all() or not keep_c.all():
        notes.append(
            f"{int((~keep_r).sum()) + int((~keep_c).sum())} empty row(s)/column(s) with no observations were left out."
        )
        counts = counts[keep_r][:, keep_c]
        rows = [v for v, k in zip(rows, keep_r, strict=True) if k]
        cols = [v for v, k in zip(cols, keep_c, strict=True) if k]
    n = int(counts.sum())
    nr, nc = counts.shape
    base = {
        "method": CHISQ_METHOD,
        "conf_level": conf_level,
        "alternative": None,
        "n": n,
        "bias_correction": bias_correction,
        "table": counts.astype(int).tolist(),
        "row_labels": [str(v) for v in rows],
        "col_labels": [str(v) for v in cols],
        "n_dropped": n_dropped,
        "x_name": x_name,
        "y_name": y_name,
    }
    if n == 0:
        return CramersVResult(
            notes=[f"The association is undefined: no observation has both {x_name} and {y_name}.", *notes],
            details={"undefined": True},
            **base,
        )
    if nr < 2 or nc < 2:
        which = x_name if nr < 2 else y_name
        return CramersVResult(
            notes=[
                f"The association is undefined because {which} has only one category among the {n:,} complete "
                "observations: there is nothing to associate.",
                *notes,
            ],
            details={"undefined": True},
            **base,
        )
    if n < 2:
        return CramersVResult(
            notes=["The association is undefined with fewer than 2 observations.", *notes],
            details={"undefined": True},
            **base,
        )

    x2, df, p, expected = _pearson_chi2(counts)
    k = min(nr, nc)
    v_raw = min(1.0, math.sqrt(x2 / (n * (k - 1))))
    if bias_correction:
        phi2 = max(0.0, x2 / n - (nr - 1) * (nc - 1) / (n - 1))
        r_t = nr - (nr - 1) ** 2 / (n - 1)
        c_t = nc - (nc - 1) ** 2 / (n - 1)
        denom = min(r_t - 1, c_t - 1)
        v = min(1.0, math.sqrt(phi2 / denom)) if denom > 0 else None
    else:
        v = v_raw
    ci: tuple[float, float] | None = None
    ci_kind = TWO_SIDED
    if interval:
        try:
            limits = ncp_interval(ncx2_cdf(x2, df), x2, df, conf_level, float(chi2.cdf(x2, df)), "V", notes, v == 0)
            if limits is not None:
                lam_lo, lam_hi, ci_kind = limits
                ci = (min(1.0, math.sqrt(lam_lo / (n * (k - 1)))), min(1.0, math.sqrt(lam_hi / (n * (k - 1)))))
        except NotComputable as exc:  # keep the test and V; only the interval is dropped
            notes.append(f"The interval of V is {exc}.")
    small = int((expected < 5).sum())
    if small:
        notes.append(
            f"{small} of the {expected.size} expected counts are below 5 (smallest {float(expected.min()):.3g}): "
            "the chi-square approximation may be inaccurate (R's chisq.test warns here too); Fisher's exact test "
            "or a simulated p-value is safer."
        )
    if v is None:
        notes.append("The bias-corrected V is undefined for a table this small relative to its size.")
    name = "Cramér's V (bias-corrected)" if bias_correction else "Cramér's V"
    w = None if v is None else v * math.sqrt(k - 1)
    return CramersVResult(
        statistic=x2,
        p_value=p,
        df=df,
        estimate=v,
        ci=ci,
        effect_size=None
        if v is None
        else EffectSize(name, v, ci, magnitude_by(w, W_THRESHOLDS), V_CONVENTION, ci_kind),
        ci_kind=ci_kind,
        v_uncorrected=v_raw,
        min_expected=float(expected.min()),
        notes=notes,
        details={
            "statistic_name": "X-squared",
            "cohens_w": w,
            "expected": expected.tolist(),
            "ci_method": "inversion of the noncentral chi-square distribution of X² (Smithson 2003)" if ci else None,
            "bias_correction_method": "Bergsma (2013)" if bias_correction else None,
        },
        **base,
    )


def _pearson_chi2(counts: np.ndarray) -> tuple[float, int, float, np.ndarray]:
    """X², its df, its p-value and the expected counts of a table with no empty row or column: the numbers of
    `scipy.stats.chi2_contingency(counts, correction=False)` in its own operations (`expected_freq`, then
    `power_divergence`'s Pearson terms summed over the flattened table, the p-value by `chdtrc`), without
    importing scipy.stats (0.6 s) for them. Yates's correction is never applied here (R's `correct = FALSE`)."""
    from scipy.special import chdtrc

    expected = counts.sum(axis=1, keepdims=True) * counts.sum(axis=0, keepdims=True) / counts.sum()
    df = (counts.shape[0] - 1) * (counts.shape[1] - 1)
    x2 = float(((counts - expected) ** 2 / expected).ravel().sum())
    return x2, df, float(chdtrc(float(df), x2)), expected


def correlation_ratio(
    values: Any,
    groups: Any,
    conf_level: float = 0.95,
    *,
    values_name: str | None = None,
    groups_name: str | None = None,
) -> CorrelationRatioResult:
    """Correlation ratio eta of a numeric variable on a categorical one, with the one-way ANOVA F test.

    eta² = SS_between/SS_total (Pearson 1903), the share of the variance of `values` accounted for by the
    group means; eta = √eta². F = (SS_between/(k − 1))/(SS_within/(N − k)) on (k − 1, N − k) df, as R's
    `summary(aov(values ~ groups))`. Rows with a missing value or group are dropped; the per-group count, mean
    and variance go to `correlation_ratio_from_groups` (see there for the interval and the assumption check).

    >>> r = correlation_ratio([1, 2, 3, 4, 5, 6.5], ["a", "a", "a", "b", "b", "b"])
    >>> round(r.statistic, 4), round(r.eta_squared, 4), r.df
    (11.6452, 0.7443, (1, 4))
    """
    conf_level = check_conf_level(conf_level)
    vn, gn = label_of(values, "values", values_name), label_of(groups, "groups", groups_name)
    ys = as_float_array(values, vn)
    labels = _as_labels(groups, gn)
    if ys.size != len(labels):
        raise EdakitError(f"{vn} and {gn} must have the same length; got {ys.size} and {len(labels)} values.")
    keep = [i for i, g in enumerate(labels) if g is not None and math.isfinite(ys[i])]
    by_group: dict[Any, list[float]] = {}
    for i in keep:
        by_group.setdefault(labels[i], []).append(float(ys[i]))
    levels = _levels(list(by_group))
    arrays = [np.asarray(by_group[g]) for g in levels]
    return correlation_ratio_from_groups(
        [a.size for a in arrays],
        [float(a.mean()) for a in arrays],
        [float(a.var(ddof=1)) if a.size > 1 else 0.0 for a in arrays],
        conf_level,
        labels=[str(g) for g in levels],
        n_dropped=ys.size - len(keep),
        values_name=vn,
        groups_name=gn,
    )


def correlation_ratio_from_groups(
    sizes: Sequence[int],
    means: Sequence[float],
    variances: Sequence[float | None],
    conf_level: float = 0.95,
    *,
    labels: Sequence[str] | None = None,
    n_dropped: int = 0,
    values_name: str = "values",
    groups_name: str = "groups",
    interval: bool = True,
) -> CorrelationRatioResult:
    """Correlation ratio eta and the one-way ANOVA F test from each group's count, mean and variance.

    For the report's engine path, where a `group_by` gives n_i, the mean m_i and the variance s_i² (n − 1
    denominator) of every group. With N = Σn_i and grand mean m = Σn_i·m_i/N:
    SS_between = Σn_i(m_i − m)², SS_within = Σ(n_i − 1)s_i², eta² = SS_between/(SS_between + SS_within),
    F = (SS_between/(k − 1))/(SS_within/(N − k)) on (k − 1, N − k) df — the numbers of R's
    `summary(aov(values ~ groups))`, computed by `means.oneway_from_moments` (the core `parametric.anova` calls
    too). Groups with no values are ignored; a variance may be None for a group of one.
    Interval for eta² (unless `interval=False`, for screening): the noncentrality λ of F is bounded by inverting
    the noncentral F distribution and mapped to eta² = λ/(λ + N − k) (Steiger 2004; as
    `effectsize::eta_squared(partial = FALSE, alternative = "two.sided")`); eta's interval is its square root.
    When eta² is 0 or the two-sided limits both collapse to 0, the interval is one-sided, [0, upper limit], as
    `alternative = "less"` (`ci_kind`; rule in `stats.ncp`).
    The F test assumes independent, roughly normal values with equal variances in the groups; a note is added
    when the largest group SD is more than twice the smallest (a common rule of thumb).

    >>> r = correlation_ratio_from_groups([3, 3], [2.0, 5.1666666666666667], [1.0, 1.5833333333333333])
    >>> round(r.statistic, 4), round(r.eta_squared, 4), r.df
    (11.6452, 0.7443, (1, 4))
    """
    from edakit.stats.distfuncs import f as f_dist

    conf_level = check_conf_level(conf_level)
    if not len(sizes) == len(means) == len(variances):
        raise EdakitError("sizes, means and variances must have one entry per group.")
    names = list(labels) if labels is not None else [str(i + 1) for i in range(len(sizes))]
    if len(names) != len(sizes):
        raise EdakitError("labels must have one entry per group.")
    groups = []
    for name, size, mean, var in zip(names, sizes, means, variances, strict=True):
        if size is None or int(size) != size or size < 0:
            raise EdakitError(f"Group sizes must be whole numbers, zero or more; got {size!r} for {name}.")
        if not size:
            continue
        if mean is None or not math.isfinite(mean):
            raise EdakitError(f"The mean of group {name} must be a finite number; got {mean!r}.")
        if size == 1:
            var = 0.0  # one value has no spread (engines give a missing variance)
        if var is None or not math.isfinite(var) or var < -1e-12 * max(1.0, mean * mean):
            raise EdakitError(f"The variance of group {name} must be a finite number, zero or more; got {var!r}.")
        groups.append((str(name), int(size), float(mean), max(0.0, float(var))))
    n, k = sum(g[1] for g in groups), len(groups)
    base: dict[str, Any] = {
        "method": ETA_METHOD,
        "conf_level": conf_level,
        "alternative": None,
        "n": n,
        "n_groups": k,
        "group_sizes": {g[0]: g[1] for g in groups},
        "n_dropped": n_dropped,
        "values_name": values_name,
        "groups_name": groups_name,
    }
    ms = [g[2] for g in groups]
    reason = None
    if k < 2:
        which = "only one group" if k else "no groups"
        reason = f"eta is undefined because {groups_name} has {which} among the complete rows."
    elif n <= k:
        reason = f"eta and the F test need more observations ({n}) than groups ({k})."
    elif all(g[3] == 0 for g in groups) and max(ms) - min(ms) <= 1e-12 * max(abs(m) for m in ms):
        reason = f"eta is undefined because {values_name} is constant (all {n:,} values equal {ms[0]:g})."
    if reason:
        return CorrelationRatioResult(notes=[reason], details={"undefined": True}, **base)

    ow = oneway_from_moments([g[1] for g in groups], ms, [g[3] for g in groups])
    ss_between, ss_within = ow.ss_between, ow.ss_within
    if not ow.computable:
        how = "overflow" if ss_between + ss_within > 0 else "underflow"
        return CorrelationRatioResult(
            notes=[
                f"eta and the F test are not computable: the sums of squares of {values_name} {how} in floating "
                "point; rescale the values (e.g. change the unit)."
            ],
            details={"undefined": True},
            **base,
        )
    eta2, f_stat, p = ow.eta_squared, ow.statistic, ow.p_value
    (df1, df2) = ow.df
    notes: list[str] = []
    ci2: tuple[float, float] | None = None
    ci_kind = TWO_SIDED
    if ss_within == 0:
        notes.append(f"{values_name} is constant within every group: F is infinite and no interval can be computed.")
    elif not math.isfinite(f_stat):
        # ss_within is positive but negligible next to ss_between (e.g. 1e-320 against 50): F overflows, so its
        # nearest float is infinity and p = 0; the noncentral F cannot be inverted at an infinite statistic.
        notes.append(
            f"The interval of eta² is not computable: the variation of {values_name} within the groups "
            f"(SS = {ss_within:.3g}) is negligible next to that between them (SS = {ss_between:.3g}), so F "
            "overflows to infinity (p = 0)."
        )
    elif interval:
        try:
            limits = ncp_interval(
                ncf_cdf(f_stat, df1, df2),
                f_stat * df1,
                df1,
                conf_level,
                float(f_dist.cdf(f_stat, df1, df2)),
                "eta²",
                notes,
                eta2 == 0,
            )
            if limits is not None:
                lam_lo, lam_hi, ci_kind = limits
                ci2 = (lam_lo / (lam_lo + df2), lam_hi / (lam_hi + df2))
        except NotComputable as exc:  # keep F, p and eta²; only the interval is dropped
            notes.append(f"The interval of eta² is {exc}.")
    sds = [math.sqrt(g[3]) for g in groups if g[1] >= 2]
    sd_ratio = max(sds) / min(sds) if len(sds) >= 2 and min(sds) > 0 else None
    if sd_ratio is not None and sd_ratio > 2:
        notes.append(
            f"The largest group standard deviation is {sd_ratio:.2g} times the smallest (rule of thumb: at most 2), "
            "so the equal-variance assumption of the F test is doubtful; Welch's ANOVA (R's oneway.test) is safer."
        )
    return CorrelationRatioResult(
        statistic=f_stat,
        p_value=p,
        df=(df1, df2),
        estimate=math.sqrt(eta2),
        ci=None if ci2 is None else (math.sqrt(ci2[0]), math.sqrt(ci2[1])),
        effect_size=EffectSize("eta squared", eta2, ci2, magnitude_by(eta2, ETA2_THRESHOLDS), ETA2_CONVENTION, ci_kind),
        eta_squared=eta2,
        eta_squared_ci=ci2,
        ci_kind=ci_kind,
        notes=notes,
        details={
            "statistic_name": "F",
            "ss_between": ss_between,
            "ss_within": ss_within,
            "sd_ratio": sd_ratio,
            "ci_method": "inversion of the noncentral F distribution (Steiger 2004)" if ci2 else None,
        },
        **base,
    )
