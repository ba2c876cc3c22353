"""Correlation and association: Pearson, Spearman, Kendall, Cramér's V and the correlation ratio eta.

Conventions are R's (`cor.test`, `chisq.test`, `summary(aov(...))`), so a teacher can check every number:

* Pearson: t test with n − 2 degrees of freedom, interval by Fisher's z (R's `cor.test`).
* Spearman: rho = Pearson's r on mid-ranks; p-value from the t approximation, as R's
  `cor.test(method = "spearman", exact = FALSE)`. (R's default uses the AS 89 algorithm for n < 1290 without
  ties; the t approximation is what R uses whenever there are ties or n is larger.)
* Kendall: tau-b with the tie-corrected normal approximation, as R's
  `cor.test(method = "kendall", exact = FALSE)` (R's default is the exact null distribution for n < 50
  without ties).
* R gives no interval for rank correlations; we give Fisher-z intervals with the standard errors of
  Bonett & Wright (2000) for Spearman and Fieller, Hartley & Pearson (1957) for Kendall.

Functions are pure: they take array-likes (or, for Pearson, full-data co-moments from the engine) and return
`Result` objects. Undefined cases (a constant column, too few pairs) give a result whose `estimate` is None
and whose `notes` say why, never a silent NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import as_float_array
from edakit.stats._search import bracket_and_solve
from edakit.stats.result import EffectSize, Result

METHOD_NAMES: dict[str, str] = {
    "pearson": "Pearson's product-moment correlation",
    "spearman": "Spearman's rank correlation rho",
    "kendall": "Kendall's rank correlation tau",
}
COEFFICIENT_NAMES: dict[str, str] = {
    "pearson": "Pearson's r",
    "spearman": "Spearman's rho",
    "kendall": "Kendall's tau-b",
}
CHISQ_METHOD = "Pearson's Chi-squared test"
ETA_METHOD = "Correlation ratio (eta) with one-way ANOVA F test"

#: Cohen (1988) thresholds for |r|; used for Pearson and Spearman.
R_THRESHOLDS = (0.1, 0.3, 0.5)
R_CONVENTION = "Cohen (1988): |r| 0.1 small, 0.3 medium, 0.5 large"
#: Cohen's |r| thresholds carried over to tau by Greiner's relation tau = (2/pi)·arcsin(r) (Gilpin 1993).
TAU_THRESHOLDS = tuple(2 / math.pi * math.asin(t) for t in R_THRESHOLDS)
TAU_CONVENTION = (
    "Cohen (1988) |r| 0.1/0.3/0.5 mapped to tau by tau = (2/π)·arcsin(r) (Gilpin 1993): "
    "|tau| 0.064 small, 0.194 medium, 0.333 large"
)
W_THRESHOLDS = (0.1, 0.3, 0.5)
V_CONVENTION = "Cohen (1988) for w = V·√(min(rows, columns) − 1): w 0.1 small, 0.3 medium, 0.5 large"
ETA2_THRESHOLDS = (0.01, 0.06, 0.14)
ETA2_CONVENTION = "Cohen (1988): eta² 0.01 small, 0.06 medium, 0.14 large"

ALTERNATIVES = ("two-sided", "less", "greater")
_MIN_PAIRS = 3


# --------------------------------------------------------------------------------------------- results


@dataclass(repr=False)
class CorrelationResult(Result):
    """Pearson, Spearman or Kendall correlation of two numeric variables.

    `n` is the number of complete pairs used, `n_dropped` the pairs left out because a value was missing
    (pairwise deletion). `estimate` is r, rho or tau-b; `statistic` is R's (t, S or z, named in
    `details["statistic_name"]`).
    """

    coefficient: str = "pearson"
    n_dropped: int = 0
    x_name: str = "x"
    y_name: str = "y"


@dataclass(repr=False)
class CramersVResult(Result):
    """Chi-square test of independence of two categorical variables, with Cramér's V as its effect size.

    `estimate` is V (bias-corrected unless `bias_correction` is False), `ci` its interval, `statistic` X².
    """

    bias_correction: bool = True
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
    n_groups: int = 0
    group_sizes: dict[str, int] = field(default_factory=dict)
    n_dropped: int = 0
    values_name: str = "values"
    groups_name: str = "groups"


# --------------------------------------------------------------------------------------------- helpers


def _check_alternative(alternative: str) -> str:
    alt = str(alternative).replace(".", "-").replace("_", "-").lower()
    if alt not in ALTERNATIVES:
        raise EdakitError(f"alternative must be one of {', '.join(ALTERNATIVES)}; got {alternative!r}.")
    return alt


def _check_conf_level(conf_level: float) -> float:
    if not (isinstance(conf_level, (int, float)) and 0 < conf_level < 1):
        raise EdakitError(f"conf_level must be a number between 0 and 1 (e.g. 0.95); got {conf_level!r}.")
    return float(conf_level)


def _name(values: Any, given: str | None, default: str) -> str:
    if given is not None:
        return str(given)
    name = getattr(values, "name", None)
    return name if isinstance(name, str) and name else default


def _magnitude(value: float, thresholds: Sequence[float]) -> str:
    small, medium, large = thresholds
    a = abs(value)
    if a >= large:
        return "large"
    if a >= medium:
        return "medium"
    return "small" if a >= small else "negligible"


def _fisher_ci(r: float, se: float, conf_level: float, alternative: str) -> tuple[float, float]:
    """Interval for a correlation from z = atanh(r) ± quantile·se, back-transformed with tanh.

    One-sided alternatives give one-sided intervals, as R's `cor.test`. |r| = 1 gives the degenerate (r, r).
    """
    from scipy.stats import norm

    z = math.copysign(math.inf, r) if abs(r) >= 1 else math.atanh(r)
    if alternative == "less":
        return (-1.0, math.tanh(z + norm.ppf(conf_level) * se))
    if alternative == "greater":
        return (math.tanh(z - norm.ppf(conf_level) * se), 1.0)
    q = norm.ppf((1 + conf_level) / 2)
    return (math.tanh(z - q * se), math.tanh(z + q * se))


def _dof(df: int) -> str:
    return f"{df} degree{'' if df == 1 else 's'} of freedom"


def _p_from_t(t: float, df: float, alternative: str) -> float:
    from scipy.stats import t as t_dist

    if alternative == "less":
        return float(t_dist.cdf(t, df))
    if alternative == "greater":
        return float(t_dist.sf(t, df))
    return float(min(1.0, 2 * t_dist.sf(abs(t), df)))


def _paired(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    """Float arrays of the complete pairs, how many pairs were dropped, and notes about them."""
    xa, ya = as_float_array(x, "x"), as_float_array(y, "y")
    if xa.size != ya.size:
        raise EdakitError(f"x and y must have the same length to be paired; got {xa.size} and {ya.size} values.")
    finite = np.isfinite(xa) & np.isfinite(ya)
    infinite = int((np.isinf(xa) | np.isinf(ya)).sum())
    notes = []
    if infinite:
        notes.append(f"{infinite:,} pair(s) with an infinite value were left out as well as the missing ones.")
    return xa[finite], ya[finite], int(xa.size - finite.sum()), notes


def _undefined_correlation(
    coefficient: str,
    n: int,
    n_dropped: int,
    reason: str,
    x_name: str,
    y_name: str,
    conf_level: float,
    alternative: str,
    notes: list[str],
) -> CorrelationResult:
    return CorrelationResult(
        method=METHOD_NAMES[coefficient],
        conf_level=conf_level,
        alternative=alternative,
        n=n,
        notes=[reason, *notes],
        details={"undefined": True},
        coefficient=coefficient,
        n_dropped=n_dropped,
        x_name=x_name,
        y_name=y_name,
    )


def _constant_reason(values: np.ndarray, name: str, coefficient: str) -> str:
    return (
        f"{COEFFICIENT_NAMES[coefficient]} is undefined because {name} is constant "
        f"(all {values.size:,} complete values equal {values[0]:g}): a correlation needs both variables to vary."
    )


# --------------------------------------------------------------------------------------------- correlation


def correlation(
    x: Any,
    y: Any,
    method: str = "pearson",
    alternative: str = "two-sided",
    conf_level: float = 0.95,
    *,
    x_name: str | None = None,
    y_name: str | None = None,
) -> CorrelationResult:
    """Correlation of two numeric variables with its test and interval, as R's `cor.test`.

    Pairs with a missing value in either variable are dropped (pairwise deletion); `n` and `n_dropped` say
    how many pairs were used and left out. At least 3 complete pairs are needed.

    * "pearson": r = Sxy / √(Sxx·Syy); t = r·√((n − 2)/(1 − r²)) on n − 2 df; interval tanh(atanh(r) ± z·se)
      with se = 1/√(n − 3), so it needs n ≥ 4 (Fisher 1921). Measures linear association.
    * "spearman": rho = Pearson's r of the mid-ranks; S = (n³ − n)(1 − rho)/6 as R reports it; p-value from
      t = rho·√((n − 2)/(1 − rho²)) on n − 2 df (R's `exact = FALSE`); Fisher-z interval with
      se = √((1 + rho²/2)/(n − 3)) (Bonett & Wright 2000, Psychometrika 65:23–28).
    * "kendall": tau-b; z = S/√Var(S) with the tie-corrected variance (Kendall 1970), no continuity
      correction (R's `exact = FALSE`); Fisher-z interval with se = √(0.437/(n − 4)) (Fieller, Hartley &
      Pearson 1957, Biometrika 44:470–481), so it needs n ≥ 5. Rank methods measure monotonic association.

    The p-values for rank methods are the large-sample approximations R uses with `exact = FALSE`; for small
    samples without ties R's default exact p-values differ somewhat.

    >>> r = correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(r.estimate, 4), round(r.p_value, 4), r.df
    (0.8, 0.1041, 3)
    >>> correlation([1, 2, 3], [5, 5, 5]).estimate is None
    True
    """
    coefficient = str(method).lower()
    if coefficient not in METHOD_NAMES:
        raise EdakitError(f"Unknown correlation method {method!r}; use 'pearson', 'spearman' or 'kendall'.")
    alternative = _check_alternative(alternative)
    conf_level = _check_conf_level(conf_level)
    xn, yn = _name(x, x_name, "x"), _name(y, y_name, "y")
    xs, ys, n_dropped, notes = _paired(x, y)
    n = int(xs.size)

    def undefined(reason: str) -> CorrelationResult:
        return _undefined_correlation(coefficient, n, n_dropped, reason, xn, yn, conf_level, alternative, notes)

    if n < _MIN_PAIRS:
        return undefined(
            f"{COEFFICIENT_NAMES[coefficient]} needs at least {_MIN_PAIRS} complete pairs; only {n} "
            f"{'was' if n == 1 else 'were'} available."
        )
    for values, name in ((xs, xn), (ys, yn)):
        if np.ptp(values) == 0:
            return undefined(_constant_reason(values, name, coefficient))

    if coefficient == "pearson":
        dx, dy = xs - xs.mean(), ys - ys.mean()  # two-pass centred sums: numerically stable
        return pearson_from_moments(
            n,
            float(dx @ dx),
            float(dy @ dy),
            float(dx @ dy),
            alternative=alternative,
            conf_level=conf_level,
            n_dropped=n_dropped,
            x_name=xn,
            y_name=yn,
            notes=notes,
        )
    if coefficient == "spearman":
        return _spearman(xs, ys, n_dropped, alternative, conf_level, xn, yn, notes)
    return _kendall(xs, ys, n_dropped, alternative, conf_level, xn, yn, notes)


def pearson_from_moments(
    n: int,
    sxx: float,
    syy: float,
    sxy: float,
    *,
    alternative: str = "two-sided",
    conf_level: float = 0.95,
    n_dropped: int = 0,
    x_name: str = "x",
    y_name: str = "y",
    notes: Sequence[str] = (),
) -> CorrelationResult:
    """Pearson's r, its t test and Fisher-z interval from full-data centred co-moments.

    For the report's engine path: with n complete pairs, Sxx = Σ(x − x̄)², Syy = Σ(y − ȳ)² and
    Sxy = Σ(x − x̄)(y − ȳ) (computed on the database in a second pass after the means, or as (n − 1)·var and
    (n − 1)·cov), r = Sxy/√(Sxx·Syy) and everything else follows from r and n. Centred sums are asked for
    because raw sums Σx², Σxy lose all precision by cancellation when the mean is large relative to the spread.
    Gives the same numbers as `correlation(x, y, "pearson")`, which calls this.

    >>> r = pearson_from_moments(5, 10.0, 10.0, 8.0)
    >>> round(r.estimate, 4), round(r.statistic, 4), r.df
    (0.8, 2.3094, 3)
    """
    alternative = _check_alternative(alternative)
    conf_level = _check_conf_level(conf_level)
    notes = list(notes)
    if int(n) != n or n < 0:
        raise EdakitError(f"n must be a whole number of pairs; got {n!r}.")
    n = int(n)
    for label, value in (("Sxx", sxx), ("Syy", syy), ("Sxy", sxy)):
        if value is None or not math.isfinite(value):
            raise EdakitError(f"{label} must be a finite number; got {value!r}.")
    if sxx < 0 or syy < 0:
        raise EdakitError("Sxx and Syy are sums of squared deviations and cannot be negative; check the inputs.")

    def undefined(reason: str) -> CorrelationResult:
        return _undefined_correlation("pearson", n, n_dropped, reason, x_name, y_name, conf_level, alternative, notes)

    if n < _MIN_PAIRS:
        return undefined(
            f"Pearson's r needs at least {_MIN_PAIRS} complete pairs; only {n} {'was' if n == 1 else 'were'} available."
        )
    for label, value in ((x_name, sxx), (y_name, syy)):
        if value == 0:
            return undefined(
                f"Pearson's r is undefined because {label} is constant (its {n:,} complete values are all equal): "
                "a correlation needs both variables to vary."
            )

    denom = math.sqrt(sxx * syy)
    if not (0 < denom < math.inf):  # sxx·syy under- or overflows (e.g. 1e-300 · 1e-300): take the roots first
        denom = math.sqrt(sxx) * math.sqrt(syy)
    r = max(-1.0, min(1.0, sxy / denom))
    df = n - 2
    if abs(r) == 1:
        t = math.copysign(math.inf, r)
        notes.append(f"All {n:,} points lie exactly on a straight line (r = {r:g}): t is infinite.")
    else:
        t = r * math.sqrt(df / (1 - r * r))
    p = _p_from_t(t, df, alternative)
    ci: tuple[float, float] | None = None
    if n >= 4:
        ci = _fisher_ci(r, 1 / math.sqrt(n - 3), conf_level, alternative)
    else:
        notes.append("No confidence interval: Fisher's z interval needs at least 4 pairs (R's cor.test gives none).")
    return CorrelationResult(
        method=METHOD_NAMES["pearson"],
        statistic=t,
        p_value=p,
        df=df,
        estimate=r,
        ci=ci,
        conf_level=conf_level,
        alternative=alternative,
        effect_size=EffectSize("Pearson's r", r, ci, magnitude=_magnitude(r, R_THRESHOLDS), convention=R_CONVENTION),
        n=n,
        notes=notes,
        details={
            "statistic_name": "t",
            "r_squared": r * r,
            "ci_method": "Fisher's z transformation, se = 1/√(n − 3)" if ci else None,
            "p_value_method": f"t distribution with {_dof(df)}",
        },
        coefficient="pearson",
        n_dropped=n_dropped,
        x_name=x_name,
        y_name=y_name,
    )


def _spearman(
    xs: np.ndarray,
    ys: np.ndarray,
    n_dropped: int,
    alternative: str,
    conf_level: float,
    x_name: str,
    y_name: str,
    notes: list[str],
) -> CorrelationResult:
    from scipy.stats import spearmanr

    n = int(xs.size)
    res = spearmanr(xs, ys, alternative=alternative)  # t approximation on n - 2 df, as R with exact = FALSE
    rho = max(-1.0, min(1.0, float(res.statistic)))
    s = (n**3 - n) * (1 - rho) / 6
    ci = _fisher_ci(rho, math.sqrt((1 + rho * rho / 2) / (n - 3)), conf_level, alternative) if n >= 4 else None
    if ci is None:
        notes.append("No confidence interval: the Fisher z interval for rho needs at least 4 pairs.")
    ties = _has_ties(xs) or _has_ties(ys)
    return CorrelationResult(
        method=METHOD_NAMES["spearman"],
        statistic=s,
        p_value=float(res.pvalue),
        df=None,
        estimate=rho,
        ci=ci,
        conf_level=conf_level,
        alternative=alternative,
        effect_size=EffectSize(
            "Spearman's rho", rho, ci, magnitude=_magnitude(rho, R_THRESHOLDS), convention=R_CONVENTION
        ),
        n=n,
        notes=notes,
        details={
            "statistic_name": "S",
            "ties": ties,
            "ci_method": "Fisher's z with the Bonett–Wright (2000) standard error √((1 + rho²/2)/(n − 3))"
            if ci
            else None,
            "p_value_method": f"t approximation with {_dof(n - 2)} (as R's cor.test, exact = FALSE)",
        },
        coefficient="spearman",
        n_dropped=n_dropped,
        x_name=x_name,
        y_name=y_name,
    )


def _has_ties(values: np.ndarray) -> bool:
    return bool(np.unique(values).size < values.size)


def _tie_sums(values: np.ndarray) -> tuple[float, float, float]:
    """Σt(t−1), Σt(t−1)(2t+5), Σt(t−1)(t−2) over groups of t tied values."""
    _, counts = np.unique(values, return_counts=True)
    t = counts[counts > 1].astype(float)
    return float((t * (t - 1)).sum()), float((t * (t - 1) * (2 * t + 5)).sum()), float((t * (t - 1) * (t - 2)).sum())


def _kendall(
    xs: np.ndarray,
    ys: np.ndarray,
    n_dropped: int,
    alternative: str,
    conf_level: float,
    x_name: str,
    y_name: str,
    notes: list[str],
) -> CorrelationResult:
    from scipy.stats import kendalltau

    n = int(xs.size)
    # method="asymptotic": scipy's default switches to the exact distribution for small n without ties.
    res = kendalltau(xs, ys, variant="b", method="asymptotic", alternative=alternative)
    tau = max(-1.0, min(1.0, float(res.statistic)))
    # z as R reports it: S = tau_b·√((n0 − n1)(n0 − n2)), Var(S) tie-corrected (Kendall 1970, eq. 4.4).
    x1, x2, x3 = _tie_sums(xs)
    y1, y2, y3 = _tie_sums(ys)
    n0 = n * (n - 1) / 2
    s = tau * math.sqrt((n0 - x1 / 2) * (n0 - y1 / 2))
    var_s = (
        (n * (n - 1) * (2 * n + 5) - x2 - y2) / 18 + x1 * y1 / (2 * n * (n - 1)) + x3 * y3 / (9 * n * (n - 1) * (n - 2))
    )
    z = s / math.sqrt(var_s)
    ci = _fisher_ci(tau, math.sqrt(0.437 / (n - 4)), conf_level, alternative) if n >= 5 else None
    if ci is None:
        notes.append("No confidence interval: the Fisher z interval for tau needs at least 5 pairs.")
    return CorrelationResult(
        method=METHOD_NAMES["kendall"],
        statistic=z,
        p_value=float(res.pvalue),
        df=None,
        estimate=tau,
        ci=ci,
        conf_level=conf_level,
        alternative=alternative,
        effect_size=EffectSize(
            "Kendall's tau-b", tau, ci, magnitude=_magnitude(tau, TAU_THRESHOLDS), convention=TAU_CONVENTION
        ),
        n=n,
        notes=notes,
        details={
            "statistic_name": "z",
            "ties": bool(x1 or y1),
            "ci_method": "Fisher's z with the Fieller–Hartley–Pearson (1957) standard error √(0.437/(n − 4))"
            if ci
            else None,
            "p_value_method": "normal approximation with tie-corrected variance (as R's cor.test, exact = FALSE)",
        },
        coefficient="kendall",
        n_dropped=n_dropped,
        x_name=x_name,
        y_name=y_name,
    )


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
    xn, yn = _name(x, x_name, "x"), _name(y, y_name, "y")
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


MAX_NONCENTRALITY = 1e10  # beyond this scipy's noncentral F/t CDFs return NaN or take seconds per call


def _ncp_limits(cdf: Any, observed: float, df: float, conf_level: float, central_cdf: float) -> tuple[float, float]:
    """Noncentrality limits (lo, hi) with cdf(lo) = 1 − a/2 and cdf(hi) = a/2, a = 1 − conf_level.

    `cdf(ncp)` is the distribution function at the observed statistic, decreasing in ncp; `observed` is the
    statistic on the noncentrality scale (X², or F·df1) and `df` its degrees of freedom, used only to bracket
    the root near observed − df. A limit is 0 when even ncp = 0 puts the observed value below the target
    (Steiger & Fouladi 1997; Smithson 2003). Raises `NotComputable` for an infinite, NaN or absurdly large
    statistic (above MAX_NONCENTRALITY, where the noncentral CDFs cannot be evaluated) or a search that does
    not close in (`_search.bracket_and_solve`).
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
    adjust = FALSE, alternative = "two.sided")`). Empty rows or columns are dropped first. `interval=False`
    skips the interval (it needs a root search), for screening many tables before the shown ones are redone.

    >>> r = cramers_v_from_table([[10, 20], [30, 40]], bias_correction=False)
    >>> round(r.statistic, 4), round(r.estimate, 4)
    (0.7937, 0.0891)
    """
    from scipy.stats import chi2, chi2_contingency, ncx2

    conf_level = _check_conf_level(conf_level)
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

    res = chi2_contingency(counts, correction=False)
    x2, df, p = float(res.statistic), int(res.dof), float(res.pvalue)
    expected = res.expected_freq
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
    if interval:
        try:
            lam_lo, lam_hi = _ncp_limits(lambda lam: ncx2.cdf(x2, df, lam), x2, df, conf_level, float(chi2.cdf(x2, df)))
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
        else EffectSize(name, v, ci, magnitude=_magnitude(w, W_THRESHOLDS), convention=V_CONVENTION),
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
    conf_level = _check_conf_level(conf_level)
    vn, gn = _name(values, values_name, "values"), _name(groups, groups_name, "groups")
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
    `summary(aov(values ~ groups))`. Groups with no values are ignored; a variance may be None for a group of one.
    Interval for eta² (unless `interval=False`, for screening): the noncentrality λ of F is bounded by inverting
    the noncentral F distribution and mapped to eta² = λ/(λ + N − k) (Steiger 2004; as
    `effectsize::eta_squared(partial = FALSE, alternative = "two.sided")`); eta's interval is its square root.
    The F test assumes independent, roughly normal values with equal variances in the groups; a note is added
    when the largest group SD is more than twice the smallest (a common rule of thumb).

    >>> r = correlation_ratio_from_groups([3, 3], [2.0, 5.1666666666666667], [1.0, 1.5833333333333333])
    >>> round(r.statistic, 4), round(r.eta_squared, 4), r.df
    (11.6452, 0.7443, (1, 4))
    """
    from scipy.stats import f as f_dist
    from scipy.stats import ncf

    conf_level = _check_conf_level(conf_level)
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

    try:
        grand = sum(g[1] * g[2] for g in groups) / n
        ss_between = sum(g[1] * (g[2] - grand) ** 2 for g in groups)
        ss_within = sum((g[1] - 1) * g[3] for g in groups)
    except OverflowError:
        ss_between = ss_within = math.inf
    if not (math.isfinite(ss_between + ss_within) and ss_between + ss_within > 0):
        how = "overflow" if ss_between + ss_within > 0 else "underflow"
        return CorrelationRatioResult(
            notes=[
                f"eta and the F test are not computable: the sums of squares of {values_name} {how} in floating "
                "point; rescale the values (e.g. change the unit)."
            ],
            details={"undefined": True},
            **base,
        )
    eta2 = min(1.0, ss_between / (ss_between + ss_within))
    df1, df2 = k - 1, n - k
    notes: list[str] = []
    ci2: tuple[float, float] | None = None
    ms_within = ss_within / df2  # may underflow to 0 for a positive but subnormal ss_within
    f_stat = (ss_between / df1) / ms_within if ms_within > 0 else math.inf
    if ss_within == 0:
        p = 0.0
        notes.append(f"{values_name} is constant within every group: F is infinite and no interval can be computed.")
    elif not math.isfinite(f_stat):
        # ss_within is positive but negligible next to ss_between (e.g. 1e-320 against 50): F overflows, so its
        # nearest float is infinity and p = 0; the noncentral F cannot be inverted at an infinite statistic.
        f_stat, p = math.inf, 0.0
        notes.append(
            f"The interval of eta² is not computable: the variation of {values_name} within the groups "
            f"(SS = {ss_within:.3g}) is negligible next to that between them (SS = {ss_between:.3g}), so F "
            "overflows to infinity (p = 0)."
        )
    else:
        p = float(f_dist.sf(f_stat, df1, df2))
        if interval:
            try:
                lam_lo, lam_hi = _ncp_limits(
                    lambda lam: ncf.cdf(f_stat, df1, df2, lam),
                    f_stat * df1,
                    df1,
                    conf_level,
                    float(f_dist.cdf(f_stat, df1, df2)),
                )
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
        effect_size=EffectSize(
            "eta squared", eta2, ci2, magnitude=_magnitude(eta2, ETA2_THRESHOLDS), convention=ETA2_CONVENTION
        ),
        eta_squared=eta2,
        eta_squared_ci=ci2,
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
