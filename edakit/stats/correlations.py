"""Correlation of two numeric variables: Pearson, Spearman and Kendall, with their tests and intervals.

Conventions are R's (`cor.test`), so a teacher can check every number:

* Pearson: t test with n − 2 degrees of freedom, interval by Fisher's z (R's `cor.test`).
* Spearman: rho = Pearson's r on mid-ranks; p-value as R's `cor.test` default: without ties and for n < 1290
  from the distribution of S = Σd² (AS 89: exact, by all n! orderings, for n ≤ 9; Edgeworth series for
  9 < n < 1290); with ties or n ≥ 1290 from the t approximation on n − 2 df (R's `exact = FALSE`).
* Kendall: tau-b; without ties and for n < 50 the exact null distribution of T, the number of concordant pairs
  (R's default, statistic T); otherwise the tie-corrected normal approximation (statistic z), as R.
* R gives no interval for rank correlations; we give Fisher-z intervals with the standard errors of
  Bonett & Wright (2000) for Spearman and Fieller, Hartley & Pearson (1957) for Kendall.

Functions are pure: they take array-likes (or, for Pearson, full-data co-moments from the engine) and return
`Result` objects. Undefined cases (a constant column, too few pairs) give a result whose `estimate` is None
and whose `notes` say why, never a silent NaN.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit._sums import dot
from edakit.errors import EdakitError
from edakit.stats._inputs import as_float_array, check_alternative, check_conf_level, label_of
from edakit.stats.effect_sizes import magnitude_by
from edakit.stats.kendall import tau_b
from edakit.stats.ranks import Ranked, SortedColumn, complete, pair_ranks
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

#: Cohen (1988) thresholds for |r|; used for Pearson and Spearman.
R_THRESHOLDS = (0.1, 0.3, 0.5)
R_CONVENTION = "Cohen (1988): |r| 0.1 small, 0.3 medium, 0.5 large"
#: Cohen's |r| thresholds carried over to tau by Greiner's relation tau = (2/pi)·arcsin(r) (Gilpin 1993).
TAU_THRESHOLDS = tuple(2 / math.pi * math.asin(t) for t in R_THRESHOLDS)
TAU_CONVENTION = (
    "Cohen (1988) |r| 0.1/0.3/0.5 mapped to tau by tau = (2/π)·arcsin(r) (Gilpin 1993): "
    "|tau| 0.064 small, 0.194 medium, 0.333 large"
)

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


# --------------------------------------------------------------------------------------------- helpers


def _fisher_ci(r: float, se: float, conf_level: float, alternative: str) -> tuple[float, float]:
    """Interval for a correlation from z = atanh(r) ± quantile·se, back-transformed with tanh.

    One-sided alternatives give one-sided intervals, as R's `cor.test`. |r| = 1 gives the degenerate (r, r).
    """
    from edakit.stats.distfuncs import norm

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
    from edakit.stats.distfuncs import t as t_dist

    if alternative == "less":
        return float(t_dist.cdf(t, df))
    if alternative == "greater":
        return float(t_dist.sf(t, df))
    return float(min(1.0, 2 * t_dist.sf(abs(t), df)))


_INFINITE_NOTE = "{:,} pair(s) with an infinite value were left out as well as the missing ones."


def _paired(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    """Float arrays of the complete pairs, how many pairs were dropped, and notes about them."""
    xa, ya = as_float_array(x, "x"), as_float_array(y, "y")
    if xa.size != ya.size:
        raise EdakitError(f"x and y must have the same length to be paired; got {xa.size} and {ya.size} values.")
    finite = np.isfinite(xa) & np.isfinite(ya)
    infinite = int((np.isinf(xa) | np.isinf(ya)).sum())
    notes = []
    if infinite:
        notes.append(_INFINITE_NOTE.format(infinite))
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


def _result(
    coefficient: str,
    estimate: float,
    ci: tuple[float, float] | None,
    statistic: float,
    p_value: float,
    df: int | None,
    details: dict[str, Any],
    n: int,
    n_dropped: int,
    alternative: str,
    conf_level: float,
    x_name: str,
    y_name: str,
    notes: list[str],
) -> CorrelationResult:
    """A computed correlation, with the coefficient as its effect size labelled by its convention."""
    thresholds, convention = (
        (TAU_THRESHOLDS, TAU_CONVENTION) if coefficient == "kendall" else (R_THRESHOLDS, R_CONVENTION)
    )
    return CorrelationResult(
        method=METHOD_NAMES[coefficient],
        statistic=statistic,
        p_value=p_value,
        df=df,
        estimate=estimate,
        ci=ci,
        conf_level=conf_level,
        alternative=alternative,
        effect_size=EffectSize(
            COEFFICIENT_NAMES[coefficient], estimate, ci, magnitude_by(estimate, thresholds), convention
        ),
        n=n,
        notes=notes,
        details=details,
        coefficient=coefficient,
        n_dropped=n_dropped,
        x_name=x_name,
        y_name=y_name,
    )


def _constant_reason(n: int, value: float, name: str, coefficient: str) -> str:
    return (
        f"{COEFFICIENT_NAMES[coefficient]} is undefined because {name} is constant "
        f"(all {n:,} complete values equal {value:g}): a correlation needs both variables to vary."
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
    * "spearman": rho = Pearson's r of the mid-ranks; S = (n³ − n)(1 − rho)/6 as R reports it; p-value as
      R's default: without ties and n < 1290 from the distribution of S (exact for n ≤ 9, AS 89's Edgeworth
      series above), otherwise from t = rho·√((n − 2)/(1 − rho²)) on n − 2 df; Fisher-z interval with
      se = √((1 + rho²/2)/(n − 3)) (Bonett & Wright 2000, Psychometrika 65:23–28).
    * "kendall": tau-b; without ties and n < 50 the exact null distribution of T (concordant pairs, R's
      default); otherwise z = S/√Var(S) with the tie-corrected variance (Kendall 1970), no continuity
      correction; Fisher-z interval with se = √(0.437/(n − 4)) (Fieller, Hartley & Pearson 1957,
      Biometrika 44:470–481), so it needs n ≥ 5. Rank methods measure monotonic association.

    `details["p_value_exact"]` says whether the p-value is exact.

    >>> r = correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(r.estimate, 4), round(r.p_value, 4), r.df
    (0.8, 0.1041, 3)
    >>> correlation([1, 2, 3], [5, 5, 5]).estimate is None
    True
    """
    coefficient = str(method).lower()
    if coefficient not in METHOD_NAMES:
        raise EdakitError(f"Unknown correlation method {method!r}; use 'pearson', 'spearman' or 'kendall'.")
    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    xn, yn = label_of(x, "x", x_name), label_of(y, "y", y_name)
    if coefficient != "pearson":
        ranked = rank_correlations(
            SortedColumn(x, "x"), SortedColumn(y, "y"), (coefficient,), alternative, conf_level, x_name=xn, y_name=yn
        )
        return ranked[coefficient]
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
            return undefined(_constant_reason(values.size, values[0], name, coefficient))
    dx, dy = xs - xs.mean(), ys - ys.mean()  # two-pass centred sums: numerically stable
    sums = dot(dx, dx), dot(dy, dy), dot(dx, dy)
    return pearson_from_moments(
        n, *sums, alternative=alternative, conf_level=conf_level, n_dropped=n_dropped, x_name=xn, y_name=yn, notes=notes
    )


def rank_correlations(
    x: SortedColumn,
    y: SortedColumn,
    methods: Sequence[str] = ("spearman", "kendall"),
    alternative: str = "two-sided",
    conf_level: float = 0.95,
    *,
    x_name: str = "x",
    y_name: str = "y",
) -> dict[str, CorrelationResult]:
    """Spearman's rho and Kendall's tau-b (`methods`) of two columns each sorted once (`stats.ranks`), as
    `correlation(x, y, method)` gives them (which calls this): the report's pairs share their columns' sorts."""
    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    keep = complete(x, y)
    n = int(keep.sum())
    n_dropped = int(x.values.size - n)
    infinite = int((np.isinf(x.values) | np.isinf(y.values)).sum()) if x.has_infinite or y.has_infinite else 0
    notes = [_INFINITE_NOTE.format(infinite)] if infinite else []

    def undefined(coefficient: str, reason: str) -> CorrelationResult:
        return _undefined_correlation(
            coefficient, n, n_dropped, reason, x_name, y_name, conf_level, alternative, list(notes)
        )

    if n < _MIN_PAIRS:
        were = "was" if n == 1 else "were"
        few = f"needs at least {_MIN_PAIRS} complete pairs; only {n} {were} available."
        return {m: undefined(m, f"{COEFFICIENT_NAMES[m]} {few}") for m in methods}
    rx, ry = pair_ranks(x, keep), pair_ranks(y, keep)
    for r, name in ((rx, x_name), (ry, y_name)):
        if r.distinct == 1:
            return {m: undefined(m, _constant_reason(n, r.first, name, m)) for m in methods}
    compute = {"spearman": _spearman, "kendall": _kendall}
    return {m: compute[m](rx, ry, n_dropped, alternative, conf_level, x_name, y_name, list(notes)) for m in methods}


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
    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
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
    details = {
        "statistic_name": "t",
        "r_squared": r * r,
        "ci_method": "Fisher's z transformation, se = 1/√(n − 3)" if ci else None,
        "p_value_method": f"t distribution with {_dof(df)}",
    }
    return _result("pearson", r, ci, t, p, df, details, n, n_dropped, alternative, conf_level, x_name, y_name, notes)


def _spearman(
    rx: Ranked,
    ry: Ranked,
    n_dropped: int,
    alternative: str,
    conf_level: float,
    x_name: str,
    y_name: str,
    notes: list[str],
) -> CorrelationResult:
    n = int(rx.mid.size)
    rs = np.corrcoef(rx.mid, ry.mid)[1, 0]  # Pearson's r of the mid-ranks, as scipy.stats.spearmanr computes it
    rho = max(-1.0, min(1.0, float(rs)))
    s = (n**3 - n) * (1 - rho) / 6
    ci = _fisher_ci(rho, math.sqrt((1 + rho * rho / 2) / (n - 3)), conf_level, alternative) if n >= 4 else None
    if ci is None:
        notes.append("No confidence interval: the Fisher z interval for rho needs at least 4 pairs.")
    ties = rx.ties or ry.ties
    if not ties and n < _SPEARMAN_EXACT_BELOW:
        p = _spearman_p(s, n, alternative)
        exact = n <= _SPEARMAN_ENUMERATE_UP_TO
        method = (
            f"exact permutation distribution of S over all {math.factorial(n):,} orderings (as R's cor.test)"
            if exact
            else "Edgeworth series approximation to the permutation distribution of S (AS 89, as R's cor.test)"
        )
    else:
        p = _spearman_t_p(rs, n, alternative)
        exact = False
        why = "ties rule out the exact distribution" if ties else f"n ≥ {_SPEARMAN_EXACT_BELOW}"
        method = f"t approximation with {_dof(n - 2)} ({why}; as R's cor.test)"
    details = {
        "statistic_name": "S",
        "ties": ties,
        "ci_method": "Fisher's z with the Bonett–Wright (2000) standard error √((1 + rho²/2)/(n − 3))" if ci else None,
        "p_value_method": method,
        "p_value_exact": exact,
    }
    return _result(
        "spearman", rho, ci, s, p, None, details, n, n_dropped, alternative, conf_level, x_name, y_name, notes
    )


def _spearman_t_p(rs: np.floating, n: int, alternative: str) -> float:
    """The p-value `scipy.stats.spearmanr` gives (R's cor.test with exact = FALSE): t = rho·√((n − 2)/((1 + rho)
    (1 − rho))) on n − 2 degrees of freedom, in scipy's own operations so that the numbers are its numbers."""
    from scipy.special import stdtr

    dof = n - 2
    with np.errstate(divide="ignore"):
        t = rs * np.sqrt((dof / ((rs + 1.0) * (1.0 - rs))).clip(0))
    if alternative == "less":
        return float(stdtr(dof, t))
    if alternative == "greater":
        return float(stdtr(dof, -t))
    return float(2 * stdtr(dof, -np.abs(t)))


#: R's cor.test: the AS 89 distribution of S without ties for n < 1290, exact (enumerated) for n <= 9.
_SPEARMAN_EXACT_BELOW = 1290
_SPEARMAN_ENUMERATE_UP_TO = 9
#: R's cor.test: the exact distribution of Kendall's T without ties for n < 50.
_KENDALL_EXACT_BELOW = 50
#: AS 89's Edgeworth series coefficients (Best & Roberts 1975, as in R's prho.c).
_AS89_C = (0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4)


@functools.lru_cache(maxsize=16)
def _spearman_s_counts(n: int) -> tuple[int, ...]:
    """How many of the n! orderings give each value of S = Σ(i − π(i))², for S = 0, 1, ..., n(n² − 1)/3.

    Dynamic programming over the set of ranks already placed (2^n states), which counts every permutation once.
    """
    s_max = n * (n * n - 1) // 3
    counts = np.zeros((1 << n, s_max + 1), dtype=np.int64)
    counts[0, 0] = 1
    for mask in range(1 << n):
        row = counts[mask]
        if not row.any():
            continue
        i = mask.bit_count()  # position being filled
        for v in range(n):
            if not mask >> v & 1:
                d2 = (i - v) ** 2
                counts[mask | 1 << v, d2:] += row[: s_max + 1 - d2]
    return tuple(int(c) for c in counts[(1 << n) - 1])


def _prho(n: int, is_: float, lower_tail: bool) -> float:
    """R's prho.c (AS 89): P[S ≥ is_], or P[S < is_] with `lower_tail`."""
    from edakit.stats.distfuncs import norm

    pv = 0.0 if lower_tail else 1.0
    if is_ <= 0:
        return pv
    n3 = n * (n * n - 1) / 3
    if is_ > n3:
        return 1 - pv
    if n <= _SPEARMAN_ENUMERATE_UP_TO:
        counts = _spearman_s_counts(n)
        nfac = math.factorial(n)
        ifr = sum(c for value, c in enumerate(counts) if value >= is_)
        return (nfac - ifr if lower_tail else ifr) / nfac
    c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 = _AS89_C
    b = 1 / n
    x = (6 * (is_ - 1) * b / (n * n - 1) - 1) * math.sqrt(n - 1)
    y = x * x
    u = (
        x
        * b
        * (
            c1
            + b * (c2 + c3 * b)
            + y * (-c4 + b * (c5 + c6 * b) - y * b * (c7 + c8 * b - y * (c9 - c10 * b + y * b * (c11 - c12 * y))))
        )
    )
    y = u / math.exp(y / 2)
    pv = (-y if lower_tail else y) + float(norm.cdf(x) if lower_tail else norm.sf(x))
    return min(1.0, max(0.0, pv))


def _spearman_p(q: float, n: int, alternative: str) -> float:
    """p-value of S = q as R's cor.test (pspearman with exact = TRUE)."""

    def pspearman(value: float, lower_tail: bool) -> float:
        return _prho(n, round(value) + 2 * lower_tail, lower_tail)

    if alternative == "two-sided":
        p = pspearman(q - 1, False) if q > (n**3 - n) / 6 else pspearman(q, True)
        return min(2 * p, 1.0)
    if alternative == "greater":
        return pspearman(q, True)
    return pspearman(q - 1, False)


@functools.lru_cache(maxsize=64)
def _kendall_t_counts(n: int) -> tuple[int, ...]:
    """How many of the n! orderings have k inversions, k = 0, ..., n(n − 1)/2 (Mahonian numbers).

    Because inversions and concordant pairs have the same distribution, this is also the null count of T.
    """
    counts = [1]
    for m in range(2, n + 1):  # insert the m-th element: it adds 0 to m − 1 inversions
        new = [0] * (len(counts) + m - 1)
        for k, c in enumerate(counts):
            for j in range(m):
                new[k + j] += c
        counts = new
    return tuple(counts)


def _pkendall(q: int, n: int, lower_tail: bool = True) -> float:
    """P[T ≤ q] (or P[T > q]) under independence, T the number of concordant pairs (R's pkendall).

    Both tails are summed in whole numbers, so a small upper tail is not lost to 1 − P[T ≤ q].
    """
    counts = _kendall_t_counts(n)
    q = max(-1, min(q, len(counts) - 1))
    tail = sum(counts[: q + 1]) if lower_tail else sum(counts[q + 1 :])
    return tail / math.factorial(n)


def _kendall_exact_p(t: int, n: int, alternative: str) -> float:
    """p-value of T = t as R's cor.test with exact = TRUE."""
    if alternative == "two-sided":
        p = _pkendall(t - 1, n, lower_tail=False) if t > n * (n - 1) / 4 else _pkendall(t, n)
        return min(2 * p, 1.0)
    if alternative == "greater":
        return _pkendall(t - 1, n, lower_tail=False)
    return _pkendall(t, n)


def _tie_sums(counts: np.ndarray) -> tuple[float, float, float]:
    """Σt(t−1), Σt(t−1)(2t+5), Σt(t−1)(t−2) over groups of t tied values (`counts`: the sizes of the groups of
    equal values, in value order)."""
    t = counts[counts > 1].astype(float)
    return float((t * (t - 1)).sum()), float((t * (t - 1) * (2 * t + 5)).sum()), float((t * (t - 1) * (t - 2)).sum())


def _kendall(
    rx: Ranked,
    ry: Ranked,
    n_dropped: int,
    alternative: str,
    conf_level: float,
    x_name: str,
    y_name: str,
    notes: list[str],
) -> CorrelationResult:
    n = int(rx.mid.size)
    tau, p_normal = tau_b(rx, ry, alternative)
    # z as R reports it: S = tau_b·√((n0 − n1)(n0 − n2)), Var(S) tie-corrected (Kendall 1970, eq. 4.4).
    x1, x2, x3 = _tie_sums(rx.counts)
    y1, y2, y3 = _tie_sums(ry.counts)
    n0 = n * (n - 1) / 2
    s = tau * math.sqrt((n0 - x1 / 2) * (n0 - y1 / 2))
    var_s = (
        (n * (n - 1) * (2 * n + 5) - x2 - y2) / 18 + x1 * y1 / (2 * n * (n - 1)) + x3 * y3 / (9 * n * (n - 1) * (n - 2))
    )
    z = s / math.sqrt(var_s)
    ci = _fisher_ci(tau, math.sqrt(0.437 / (n - 4)), conf_level, alternative) if n >= 5 else None
    if ci is None:
        notes.append("No confidence interval: the Fisher z interval for tau needs at least 5 pairs.")
    ties = bool(x1 or y1)
    exact = not ties and n < _KENDALL_EXACT_BELOW
    if exact:
        t_concordant = round((tau + 1) * n * (n - 1) / 4)  # R's T
        statistic, statistic_name = float(t_concordant), "T"
        p = _kendall_exact_p(t_concordant, n, alternative)
        method = "exact null distribution of T, the number of concordant pairs (as R's cor.test)"
    else:
        statistic, statistic_name = z, "z"
        p = p_normal
        why = "ties rule out the exact distribution" if ties else f"n ≥ {_KENDALL_EXACT_BELOW}"
        method = f"normal approximation with tie-corrected variance ({why}; as R's cor.test)"
    details = {
        "statistic_name": statistic_name,
        "ties": ties,
        "ci_method": "Fisher's z with the Fieller–Hartley–Pearson (1957) standard error √(0.437/(n − 4))"
        if ci
        else None,
        "p_value_method": method,
        "p_value_exact": exact,
    }
    return _result(
        "kendall", tau, ci, statistic, p, None, details, n, n_dropped, alternative, conf_level, x_name, y_name, notes
    )
