"""Tests on counts: proportions (R `prop.test`), chi-square test of independence (R `chisq.test`) and
Fisher's exact test for 2x2 tables (R `fisher.test`).

Statistics come from scipy (`chi2_contingency`, `fisher_exact`, `contingency.odds_ratio`); the standardised
residuals are statsmodels' `Table.standardized_resids` written out (two lines; importing statsmodels takes pandas,
0.4 CPU-s and 75 MB), and R's interval for a difference of two proportions, which neither library gives with
Yates' correction, is written here from R's formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError
from edakit.stats import effect_sizes as es
from edakit.stats._inputs import as_float_array, check_alternative, check_conf_level
from edakit.stats.result import EffectSize, Result


@dataclass(repr=False)
class PropTestResult(Result):
    """Result of `prop_test`: statistic is Pearson's X²; estimate is p1 - p2 for two groups."""


@dataclass(repr=False)
class ChiSquareResult(Result):
    """Result of `chi_square`: expected counts and standardised residuals are in `details`."""


@dataclass(repr=False)
class FisherExactResult(Result):
    """Result of `fisher_exact`: estimate is the conditional maximum-likelihood odds ratio."""


_SMALL_EXPECTED = 5


def _as_table(table: Any) -> tuple[np.ndarray, list[str], list[str]]:
    """A 2-D table of counts (list of lists, numpy, pandas or polars DataFrame) -> (array, row and column labels)."""
    rows: list[str] | None = None
    cols: list[str] | None = None
    if hasattr(table, "columns") and hasattr(table, "to_numpy"):  # pandas / polars DataFrame
        cols = [str(c) for c in table.columns]
        index = getattr(table, "index", None)
        if index is not None:
            rows = [str(i) for i in index]
        values = table.to_numpy()
    else:
        values = table
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise EdakitError("The table must contain counts (numbers); could not read it as numbers.") from None
    if arr.ndim != 2:
        raise EdakitError(
            f"Expected a two-way table of counts (rows x columns), got {arr.ndim} dimension(s). "
            "Cross-tabulate two categorical columns first (e.g. pandas.crosstab)."
        )
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise EdakitError("Table counts must be finite and non-negative.")
    rows = rows or [f"row {i + 1}" for i in range(arr.shape[0])]
    cols = cols or [f"column {j + 1}" for j in range(arr.shape[1])]
    return arr, rows, cols


def _check_integer(arr: np.ndarray, what: str) -> None:
    if not np.all(arr == np.round(arr)):
        raise EdakitError(f"{what} must be whole numbers (counts).")


def _matrix(arr: np.ndarray) -> list[list[float]]:
    return [[float(v) for v in row] for row in arr]


# ---------------------------------------------------------------------------------------------- prop.test


def prop_test(
    successes: Any,
    totals: Any,
    correct: bool = True,
    conf_level: float = 0.95,
    alternative: str = "two-sided",
) -> PropTestResult:
    """Test that two or more proportions are equal, as R's `prop.test(x, n)`.

    X² = Σ (|O - E| - c)² / E over the k x 2 table of successes and failures, E from the pooled proportion,
    k - 1 df; Yates' correction c = min(0.5, |p1 - p2| / (1/n1 + 1/n2)) only for k = 2 and `correct=True`.
    For two groups the estimate is p1 - p2 with R's Wald interval widened by the same correction:
    p1 - p2 ± (z·sqrt(Σ p_i(1 - p_i)/n_i) + c·(1/n1 + 1/n2)), clipped to [-1, 1]; one-sided alternatives use
    z = sign(p1 - p2)·sqrt(X²). Effect size: Cohen's h (two groups) or Cramér's V (k groups).

    >>> r = prop_test([367, 344], [1731, 470])
    >>> r.method
    '2-sample test for equality of proportions with continuity correction'
    >>> round(r.statistic, 4), [round(v, 4) for v in r.ci]
    (454.4998, [-0.5657, -0.4741])
    """
    from scipy import stats

    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    x, n = as_float_array(successes, "successes"), as_float_array(totals, "totals")
    if x.size != n.size:
        raise EdakitError(f"successes and totals must have the same length; got {x.size} and {n.size}.")
    if x.size < 2:
        raise EdakitError(
            "prop_test compares two or more proportions: pass one success count and one total "
            "per group (e.g. prop_test([12, 20], [50, 60]))."
        )
    if np.any(~np.isfinite(x)) or np.any(~np.isfinite(n)):
        raise EdakitError("successes and totals must not contain missing values.")
    _check_integer(np.concatenate([x, n]), "successes and totals")
    if np.any(n <= 0) or np.any(x < 0) or np.any(x > n):
        raise EdakitError("Each total must be positive and each success count between 0 and its total.")
    k = x.size
    if k > 2 and alternative != "two-sided":
        raise EdakitError("One-sided alternatives are only defined for two proportions.")
    p = x / n
    table = np.column_stack([x, n - x])
    notes: list[str] = []
    delta = float(p[0] - p[1]) if k == 2 else None
    yates = 0.0
    if correct and k == 2:
        yates = min(0.5, abs(delta) / float(np.sum(1 / n)))
    method = f"{k}-sample test for equality of proportions {'with' if yates else 'without'} continuity correction"
    details: dict[str, Any] = {
        "proportions": [float(v) for v in p],
        "successes": [int(v) for v in x],
        "totals": [int(v) for v in n],
        "pooled_proportion": float(x.sum() / n.sum()),
        "correct": bool(yates),
    }
    ci = None
    if k == 2:
        z = float(stats.norm.ppf((1 + conf_level) / 2 if alternative == "two-sided" else conf_level))
        width = z * math.sqrt(float(np.sum(p * (1 - p) / n))) + yates * float(np.sum(1 / n))
        ci = (
            -1.0 if alternative == "less" else max(delta - width, -1.0),
            1.0 if alternative == "greater" else min(delta + width, 1.0),
        )
    common = {
        "estimate": delta,
        "ci": ci,
        "conf_level": conf_level,
        "alternative": alternative,
        "n": [int(v) for v in n],
        "notes": notes,
        "details": details,
    }
    if x.sum() == 0 or x.sum() == n.sum():
        notes.append(
            f"Every group has {'no successes' if x.sum() == 0 else 'only successes'}, so all proportions "
            f"are {'0' if x.sum() == 0 else '1'}: there is no variation and the test is undefined."
        )
        return PropTestResult(method, df=float(k - 1), **common)
    res = stats.chi2_contingency(table, correction=bool(yates))
    stat = float(res.statistic)
    if alternative == "two-sided":
        pval = float(res.pvalue)
    else:
        zstat = math.copysign(math.sqrt(stat), delta)
        pval = float(stats.norm.cdf(zstat) if alternative == "less" else stats.norm.sf(zstat))
    details["expected"] = _matrix(res.expected_freq)
    if np.any(res.expected_freq < _SMALL_EXPECTED):
        notes.append(
            f"Some expected counts are below {_SMALL_EXPECTED} (smallest {res.expected_freq.min():.3g}): the "
            "chi-square approximation may be incorrect (R warns the same); "
            + ("Fisher's exact test (fisher_exact) avoids it." if k == 2 else "consider merging groups.")
        )
    effect = es.cohens_h(float(p[0]), float(p[1])) if k == 2 else es.cramers_v(table)
    return PropTestResult(method, statistic=stat, p_value=pval, df=float(k - 1), effect_size=effect, **common)


# ---------------------------------------------------------------------------------------------- chisq.test


def chi_square(
    table: Any, correct: bool = True, *, labels: tuple[list[str], list[str]] | None = None
) -> ChiSquareResult:
    """Pearson's chi-square test of independence of the rows and columns of a table (R `chisq.test`).

    X² = Σ (|O - E| - c)² / E with E = row total x column total / N, (r - 1)(c - 1) df; Yates' correction
    c = min(0.5, |O - E|) only for 2x2 tables and `correct=True` (scipy `chi2_contingency`, as R). `details`
    holds the expected counts, Pearson residuals (O - E)/sqrt(E) and standardised residuals (R's `$stdres`,
    statsmodels `Table.standardized_resids`), which are approximately N(0, 1) under independence: cells beyond
    ±2 drive the association. Rows or columns with no counts carry no information and are dropped (with a note;
    R returns NaN). Effect size: Cramér's V. `labels` (row labels, column labels) name the cells of a table given
    as numbers (a pandas DataFrame brings its own).

    >>> r = chi_square([[1364, 367], [126, 344]])
    >>> r.method, round(r.statistic, 4)
    ("Pearson's Chi-squared test with Yates' continuity correction", 454.4998)
    """
    from scipy import stats

    arr, rows, cols = _as_table(table)
    if labels is not None:
        rows, cols = list(labels[0]), list(labels[1])
    if arr.shape[0] < 2 or arr.shape[1] < 2:
        raise EdakitError(f"A test of independence needs at least a 2x2 table; got {arr.shape[0]}x{arr.shape[1]}.")
    notes: list[str] = []
    keep_r, keep_c = arr.sum(axis=1) > 0, arr.sum(axis=0) > 0
    if not keep_r.all() or not keep_c.all():
        dropped = [r for r, k in zip(rows, keep_r, strict=True) if not k] + [
            c for c, k in zip(cols, keep_c, strict=True) if not k
        ]
        notes.append(f"Rows/columns without any counts left out: {', '.join(dropped)}.")
        arr = arr[keep_r][:, keep_c]
        rows = [r for r, k in zip(rows, keep_r, strict=True) if k]
        cols = [c for c, k in zip(cols, keep_c, strict=True) if k]
    total = float(arr.sum())
    details: dict[str, Any] = {"rows": rows, "columns": cols, "observed": _matrix(arr)}
    yates = correct and arr.shape == (2, 2)
    method = "Pearson's Chi-squared test" + (" with Yates' continuity correction" if yates else "")
    if arr.shape[0] < 2 or arr.shape[1] < 2:
        notes.append("Fewer than two non-empty rows or columns remain, so there is no association to test.")
        return ChiSquareResult(method, n=int(total), alternative=None, conf_level=None, notes=notes, details=details)
    res = stats.chi2_contingency(arr, correction=yates)
    expected = res.expected_freq
    details.update(
        expected=_matrix(expected),
        residuals=_matrix((arr - expected) / np.sqrt(expected)),
        stdres=_matrix(standardized_residuals(arr)),
        min_expected=float(expected.min()),
    )
    n_small = int((expected < _SMALL_EXPECTED).sum())
    if n_small:
        notes.append(
            f"{n_small} of {expected.size} expected counts are below {_SMALL_EXPECTED} (smallest "
            f"{expected.min():.3g}): the chi-square approximation may be incorrect (R warns the same)"
            + (
                "; Fisher's exact test (fisher_exact) does not rely on it."
                if arr.shape == (2, 2)
                else "; consider merging sparse categories."
            )
        )
    return ChiSquareResult(
        method,
        statistic=float(res.statistic),
        p_value=float(res.pvalue),
        df=float(res.dof),
        effect_size=es.cramers_v(arr),
        n=int(total) if total == int(total) else total,
        alternative=None,
        conf_level=None,
        notes=notes,
        details=details,
    )


def standardized_residuals(arr: np.ndarray) -> np.ndarray:
    """R's `chisq.test(x)$stdres`: (O − E)/√(E(1 − rᵢ)(1 − cⱼ)) with rᵢ, cⱼ the row and column shares, the same
    operations as statsmodels' `Table(x, shift_zeros=False).standardized_resids` (whose import takes pandas).

    >>> standardized_residuals(np.array([[762.0, 327, 468], [484, 239, 477]])).round(4)[0].tolist()  # R ?chisq.test
    [4.5021, 0.6995, -5.3159]
    """
    n = arr.sum()
    row, col = arr.sum(1) / n, arr.sum(0) / n
    fit = n * np.outer(row, col)
    return (arr - fit) / np.sqrt(fit) / np.sqrt(np.outer(1 - row, 1 - col))


# ---------------------------------------------------------------------------------------------- fisher.test


MAX_FISHER_CI_TABLES = 2000  # the exact odds-ratio interval is computed for at most this many tables
MAX_FISHER_N = 2**31 - 1  # scipy's noncentral hypergeometric stores counts as C ints


def fisher_exact(table: Any, alternative: str = "two-sided", conf_level: float = 0.95) -> FisherExactResult:
    """Fisher's exact test for a 2x2 table (R `fisher.test`), with the conditional maximum-likelihood odds
    ratio and its exact CI.

    Conditional on the margins, the top-left count is noncentral-hypergeometric with the odds ratio as
    parameter. The p-value (scipy `fisher_exact`, same rule as R) sums the probabilities of tables no more
    likely than the observed one (two-sided) or one tail; the estimate maximises the conditional likelihood
    and the CI inverts the two one-sided tests (Cornfield 1956; scipy `odds_ratio(kind="conditional")`). It
    differs from the sample odds ratio ad/bc (in `details["sample_odds_ratio"]`).

    Note: R finds the estimate and limits with `uniroot` at its default tolerance (about 1e-4 on the scale it
    searches), so R's printed values can differ from these in the 4th digit; the same algorithm at full
    precision agrees (tests/r/hypothesis_tests.R).

    >>> r = fisher_exact([[3, 1], [1, 3]])
    >>> round(r.p_value, 6), round(r.estimate, 4)
    (0.485714, 6.4083)
    """
    from scipy import stats
    from scipy.stats.contingency import odds_ratio

    alternative = check_alternative(alternative)
    conf_level = check_conf_level(conf_level)
    arr, rows, cols = _as_table(table)
    if arr.shape != (2, 2):
        raise EdakitError(
            f"fisher_exact handles 2x2 tables; got {arr.shape[0]}x{arr.shape[1]}. Use chi_square for larger "
            "tables, or merge categories into two."
        )
    _check_integer(arr, "Table counts")
    counts = arr.astype(np.int64)
    method = "Fisher's Exact Test for Count Data"
    (a, b), (c, d) = counts
    details: dict[str, Any] = {
        "rows": rows,
        "columns": cols,
        "observed": counts.tolist(),
        "sample_odds_ratio": float(a * d / (b * c)) if b * c else (math.inf if a * d else None),
    }
    notes: list[str] = []
    common = {
        "alternative": alternative,
        "conf_level": conf_level,
        "n": int(counts.sum()),
        "notes": notes,
        "details": details,
    }
    if np.any(counts.sum(axis=0) == 0) or np.any(counts.sum(axis=1) == 0):
        notes.append(
            "A row or column of the table is empty, so only one table fits the margins: the odds ratio "
            "is undefined and there is nothing to test."
        )
        return FisherExactResult(method, **common)
    if counts.sum() > MAX_FISHER_N:
        notes.append(
            f"Fisher's exact test is not computable for {int(counts.sum()):,} observations: scipy's noncentral "
            f"hypergeometric distribution takes at most {MAX_FISHER_N:,}; at this size the chi-square test is as good."
        )
        return FisherExactResult(method, **common)
    p = float(stats.fisher_exact(counts, alternative=alternative).pvalue)
    orr = odds_ratio(counts, kind="conditional")
    estimate = float(orr.statistic)
    # scipy's interval sums the noncentral hypergeometric pmf term by term at every step of its root search:
    # about 1 s for 2,000 possible tables, 13 s for 10,000, hours for 10^7; beyond the cap it is not computed
    r1, c1, total = int(a + b), int(a + c), int(counts.sum())
    support = min(r1, c1) - max(0, r1 + c1 - total) + 1
    ci: tuple[float, float] | None = None
    if support > MAX_FISHER_CI_TABLES:
        notes.append(
            f"The exact interval of the odds ratio is not computable here: it sums over the {support:,} tables "
            f"with these margins (at most {MAX_FISHER_CI_TABLES:,} are summed, to keep it quick); the p-value and "
            "the estimate are exact."
        )
    else:
        ci_obj = orr.confidence_interval(conf_level, alternative=alternative)
        ci = (float(ci_obj.low), float(ci_obj.high))
    if 0 in (a, b, c, d):
        notes.append(
            "The table has a zero cell, so the odds ratio estimate is 0 or infinite and one end of its "
            "interval is 0 or infinity."
        )
    return FisherExactResult(
        method,
        statistic=None,
        p_value=p,
        estimate=estimate,
        ci=ci,
        effect_size=EffectSize("odds ratio (conditional MLE)", estimate, ci),
        **common,
    )
