"""Analyse step of the dataset comparison: from the engine's aggregates (`edakit.engine.shift`) to the typed
results of `edakit.stats.shift_results`. Table a is the reference; every difference is b − a.

Procedures, each on full-data aggregates:

* missing share: difference with Newcombe's (1998) hybrid score interval (`proportion.newcombe_interval`), which
  keeps its coverage for the rare events missing values usually are;
* numeric: Welch's t and interval (`means.welch_t_from_moments`), Cohen's d with its noncentral-t interval
  (`effect_sizes.cohens_d_from_moments`), the SD ratio with the F interval of R's `var.test`, quantile shifts,
  two-sample Kolmogorov-Smirnov D (p-value exact for small samples without ties, else Kolmogorov's limiting
  distribution, as R's `ks.test`), Wasserstein distance, PSI on the first table's deciles;
* categorical: Wilson intervals of every level's share, new and vanished levels, chi-square of the 2 × k table
  with Cramér's V and its interval (`association.cramers_v_from_table`), Jensen-Shannon distance, PSI on levels.

Columns are ranked by PSI (a size, the same scale for both kinds), never by p-value, those past a threshold
first; the p-values (KS or chi-square, one per column) are adjusted across the columns (Holm by default).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from edakit._format import fmt_num
from edakit.engine.shift import QUANTILES, LevelAggregates, NumericAggregates, ShiftAggregates
from edakit.errors import EdakitError
from edakit.stats.association import cramers_v_from_table
from edakit.stats.effect_sizes import cohens_d_from_moments
from edakit.stats.means import welch_t_from_moments
from edakit.stats.multitest import adjust_pvalues
from edakit.stats.proportion import newcombe_interval, wilson_interval
from edakit.stats.shift_results import (
    PSI,
    CategoricalShift,
    LevelShare,
    MissingShift,
    NumericShift,
    OtherShift,
    QuantileShift,
    RoleChange,
    SchemaChanges,
    ShiftRank,
    ShiftThresholds,
)

SHOWN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
EPSILON = 1e-4


def population_stability_index(shares_a: Any, shares_b: Any, epsilon: float = EPSILON) -> float:
    """PSI = Σ (b_i − a_i)·ln(b_i / a_i) over bins, a share of 0 replaced by `epsilon` (Siddiqi 2006). It is the
    symmetrised Kullback-Leibler divergence KL(a‖b) + KL(b‖a).

    >>> round(population_stability_index([0.5, 0.5], [0.25, 0.75]), 6)  # (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5)
    0.274653
    """
    a = np.maximum(np.asarray(shares_a, dtype=float), epsilon)
    b = np.maximum(np.asarray(shares_b, dtype=float), epsilon)
    return float(np.sum((b - a) * np.log(b / a)))


def jensen_shannon_distance(shares_a: Any, shares_b: Any) -> float:
    """√JSD with base-2 logarithms, JSD = ½ KL(a‖m) + ½ KL(b‖m), m = (a + b)/2 (Endres & Schindelin 2003): 0 for
    equal shares, 1 when no level is shared; a metric (scipy's `jensenshannon(base=2)`).

    >>> jensen_shannon_distance([1, 0], [0, 1])
    1.0
    """
    from scipy.spatial.distance import jensenshannon

    return float(jensenshannon(np.asarray(shares_a, float), np.asarray(shares_b, float), base=2))


def sd_ratio_interval(var_b: float, n_b: int, var_a: float, n_a: int, conf_level: float = 0.95) -> tuple[float, float]:
    """Interval of σ_b/σ_a: the square root of R's `var.test(b, a)` interval of the variance ratio,
    (F / F_{1−α/2}(n_b − 1, n_a − 1), F / F_{α/2}(n_b − 1, n_a − 1)), F = s_b²/s_a². Exact under normality only."""
    from scipy.stats import f

    ratio = var_b / var_a
    alpha = 1 - conf_level
    lo = ratio / f.ppf(1 - alpha / 2, n_b - 1, n_a - 1)
    hi = ratio / f.ppf(alpha / 2, n_b - 1, n_a - 1)
    return (math.sqrt(lo), math.sqrt(hi))


def ks_pvalue(d: float, n_a: int, n_b: int, values: tuple[list[float], list[float]] | None) -> tuple[float, str]:
    """The two-sided KS p-value and how it was computed: exact (scipy's `ks_2samp(method="exact")`, as R's
    `ks.test` for n_a·n_b < 10,000) when both samples' values are at hand and have no ties; otherwise Kolmogorov's
    limiting distribution of √(n_a n_b / (n_a + n_b))·D (R's `ks.test(exact = FALSE)`)."""
    from scipy import stats

    if values is not None:
        a, b = values
        if len(set(a) | set(b)) == len(a) + len(b):
            return float(stats.ks_2samp(a, b, method="exact").pvalue), "exact"
    z = math.sqrt(n_a * n_b / (n_a + n_b)) * d
    return float(stats.kstwobign.sf(z)), "asymptotic"


def missing_shift(missing_a: int, rows_a: int, missing_b: int, rows_b: int, conf_level: float) -> MissingShift:
    rate_a = missing_a / rows_a if rows_a else None
    rate_b = missing_b / rows_b if rows_b else None
    diff = rate_b - rate_a if rate_a is not None and rate_b is not None else None
    ci = newcombe_interval(missing_b, rows_b, missing_a, rows_a, conf_level) if rows_a and rows_b else None
    return MissingShift(missing_a, rows_a, missing_b, rows_b, rate_a, rate_b, diff, ci)


def _interval_label(lo: float | None, hi: float | None) -> str:
    if lo is None:
        return "all values" if hi is None else f"below {fmt_num(hi)}"
    if hi is None:
        return f"{fmt_num(lo)} and above"
    return f"{fmt_num(lo)} to below {fmt_num(hi)}"


def numeric_shift(g: NumericAggregates, rows_a: int, rows_b: int, conf_level: float) -> NumericShift:
    a, b = g.a, g.b
    out = NumericShift(g.name, a.n, b.n, missing_shift(rows_a - a.n, rows_a, rows_b - b.n, rows_b, conf_level))
    out.hist_edges, out.hist_a, out.hist_b = g.hist_edges, a.hist_counts, b.hist_counts
    if not (a.n and b.n):
        out.notes.append("not computable: a table has no value in this column.")
        return out
    if g.error:
        out.notes.append(f"Its distributions could not be compared ({g.error}); its moments are shown.")
    out.mean_a, out.mean_b = a.mean, b.mean
    out.sd_a = math.sqrt(a.var) if a.var is not None else None
    out.sd_b = math.sqrt(b.var) if b.var is not None else None
    out.quantiles = [
        QuantileShift(p, a.quantiles.get(p), b.quantiles.get(p), _minus(b.quantiles.get(p), a.quantiles.get(p)))
        for p in SHOWN_QUANTILES
        if p in QUANTILES
    ]
    if a.var is not None and b.var is not None:
        w = welch_t_from_moments(b.mean, b.var, b.n, a.mean, a.var, a.n, conf_level)
        out.mean_difference, out.mean_difference_ci = w.estimate, w.ci
        out.welch_t, out.welch_df, out.welch_p = w.statistic, w.df, w.p_value
        if w.reason:
            out.notes.append(w.reason)
        finite = all(math.isfinite(v) for v in (a.mean, a.var, b.mean, b.var))
        if finite:
            try:
                d, _ = cohens_d_from_moments(b.mean, b.var, b.n, a.mean, a.var, a.n, conf_level, notes=out.notes)
                out.smd = d
            except EdakitError as exc:
                out.notes.append(f"Standardised mean difference not computable: {exc}")
        if finite and a.var > 0 and b.var > 0:
            out.sd_ratio = out.sd_b / out.sd_a
            out.sd_ratio_ci = sd_ratio_interval(b.var, b.n, a.var, a.n, conf_level)
    else:
        out.mean_difference = b.mean - a.mean
        out.notes.append("Welch's t and the standardised difference need at least 2 values in each table.")
    if g.ks_d is not None:
        out.ks_d = g.ks_d
        small = (g.values_a, g.values_b) if g.values_a is not None and g.values_b is not None else None
        out.ks_p, out.ks_method = ks_pvalue(g.ks_d, a.n, b.n, small)
    out.wasserstein = g.wasserstein
    if g.wasserstein is not None and out.sd_a:
        out.wasserstein_sd = g.wasserstein / out.sd_a
    if g.error or not g.psi_edges:
        return out
    counts_a, counts_b = _bin_counts(a.below_edges, a.n), _bin_counts(b.below_edges, b.n)
    edges: list[float | None] = [None, *g.psi_edges, None]
    labels = [_interval_label(lo, hi) for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    shares_a, shares_b = [c / a.n for c in counts_a], [c / b.n for c in counts_b]
    out.psi = PSI(population_stability_index(shares_a, shares_b), labels, shares_a, shares_b, EPSILON)
    if len(labels) < 10:
        out.notes.append(
            f"The first table's deciles of {g.name} are tied (many equal values), so its PSI has {len(labels)} bins "
            "instead of 10 and cannot see a shift within a bin; the Kolmogorov-Smirnov D and the quantiles can."
        )
    return out


def _bin_counts(below: list[int], n: int) -> list[int]:
    """Counts per PSI bin from the counts below each interior edge: (-inf, e1), [e1, e2), ..., [ek, inf)."""
    cumulative = [*below, n]
    return [cumulative[0]] + [hi - lo for lo, hi in zip(cumulative[:-1], cumulative[1:], strict=True)]


def _minus(x: float | None, y: float | None) -> float | None:
    return x - y if x is not None and y is not None else None


def categorical_shift(g: LevelAggregates, rows_a: int, rows_b: int, conf_level: float) -> CategoricalShift:
    n_a, n_b = sum(g.counts_a), sum(g.counts_b)
    out = CategoricalShift(g.name, n_a, n_b, missing_shift(g.missing_a, rows_a, g.missing_b, rows_b, conf_level))
    out.pooled_levels = g.pooled
    for level, ca, cb in zip(g.levels, g.counts_a, g.counts_b, strict=True):
        out.levels.append(
            LevelShare(
                level,
                ca,
                ca / n_a if n_a else None,
                wilson_interval(ca, n_a, conf_level) if n_a else None,
                cb,
                cb / n_b if n_b else None,
                wilson_interval(cb, n_b, conf_level) if n_b else None,
            )
        )
    pooled = "(other levels)" if g.pooled else None
    out.new_levels = [v for v, ca, cb in zip(g.levels, g.counts_a, g.counts_b, strict=True) if not ca and cb]
    out.vanished_levels = [v for v, ca, cb in zip(g.levels, g.counts_a, g.counts_b, strict=True) if ca and not cb]
    out.new_levels = [v for v in out.new_levels if v != pooled]
    out.vanished_levels = [v for v in out.vanished_levels if v != pooled]
    if not (n_a and n_b):
        out.notes.append("not computable: a table has no value in this column.")
        return out
    shares_a, shares_b = [c / n_a for c in g.counts_a], [c / n_b for c in g.counts_b]
    out.js_distance = jensen_shannon_distance(shares_a, shares_b)
    out.psi = PSI(population_stability_index(shares_a, shares_b), list(g.levels), shares_a, shares_b, EPSILON)
    if len(g.levels) >= 2:
        v = cramers_v_from_table(
            [g.counts_a, g.counts_b], bias_correction=False, conf_level=conf_level, x_name="table", y_name=g.name
        )
        out.chi_square, out.p_value, out.cramers_v, out.cramers_v_ci = v.statistic, v.p_value, v.estimate, v.ci
        out.df = int(v.df) if v.df is not None else None
        out.notes += [n for n in v.notes if "empty row" not in n]
    else:
        out.notes.append("One level only in both tables: the chi-square test has nothing to compare.")
    return out


def schema_changes(g: ShiftAggregates) -> SchemaChanges:
    out = SchemaChanges(
        added=[n for n in g.roles_b if n not in g.roles_a], removed=[n for n in g.roles_a if n not in g.roles_b]
    )
    for name, (role_a, dtype_a) in g.roles_a.items():
        if name in g.roles_b:
            role_b, dtype_b = g.roles_b[name]
            if role_a != role_b or dtype_a != dtype_b:
                out.changed.append(RoleChange(name, role_a, role_b, dtype_a, dtype_b))
    return out


def analyse(
    g: ShiftAggregates, thresholds: ShiftThresholds, conf_level: float = 0.95, p_adjust: str = "holm"
) -> dict[str, Any]:
    """The per-column shifts, the ranking and the columns past a threshold (fields of `DatasetComparison`)."""
    numeric = [_guarded(numeric_shift, NumericShift, a, g, conf_level) for a in g.numeric.values()]
    categorical = [_guarded(categorical_shift, CategoricalShift, a, g, conf_level) for a in g.categorical.values()]
    compared = {s.column for s in [*numeric, *categorical]}
    other = []
    for name in g.missing_a:
        if name not in compared:
            miss = missing_shift(g.missing_a[name], g.rows_a, g.missing_b[name], g.rows_b, conf_level)
            other.append(OtherShift(name, g.roles_a[name][0], g.roles_b[name][0], miss))
    pvalues = [s.ks_p for s in numeric] + [s.p_value for s in categorical]
    adjusted = adjust_pvalues(pvalues, method=p_adjust)
    for shift, p in zip([*numeric, *categorical], adjusted, strict=True):
        shift.p_adjusted = p
    ranking = []
    for s in numeric:
        s.passed = _passed(s.psi, abs(s.smd.value) if s.smd else None, "smd", s.missing, thresholds)
        effect = s.smd.value if s.smd else None
        ranking.append(ShiftRank(s.column, "numeric", _psi(s), "Cohen's d", effect, s.p_adjusted, s.passed))
    for s in categorical:
        s.passed = _passed(s.psi, s.cramers_v, "cramers_v", s.missing, thresholds)
        ranking.append(ShiftRank(s.column, "categorical", _psi(s), "Cramér's V", s.cramers_v, s.p_adjusted, s.passed))
    for s in other:
        s.passed = _passed(None, None, "", s.missing, thresholds)
    ranking.sort(key=lambda r: (not r.passed, -(r.psi if r.psi is not None else -1), r.column))
    passed = [r.column for r in ranking if r.passed] + [s.column for s in other if s.passed]
    return dict(
        schema=schema_changes(g),
        numeric=numeric,
        categorical=categorical,
        other=other,
        ranking=ranking,
        passed=passed,
    )


def _guarded(analyse_one: Any, kind: type, agg: Any, g: ShiftAggregates, conf_level: float) -> Any:
    """One column's analysis; a failure becomes that column's note, so one odd column never sinks the page."""
    try:
        return analyse_one(agg, g.rows_a, g.rows_b, conf_level)
    except (ArithmeticError, ValueError, TypeError) as exc:
        miss = missing_shift(g.missing_a[agg.name], g.rows_a, g.missing_b[agg.name], g.rows_b, conf_level)
        note = f"{agg.name} could not be compared ({type(exc).__name__}: {exc})."
        return kind(agg.name, 0, 0, miss, notes=[note])


def _psi(shift: NumericShift | CategoricalShift) -> float | None:
    return shift.psi.value if shift.psi is not None else None


def _passed(
    psi: PSI | None, effect: float | None, effect_name: str, missing: MissingShift, t: ShiftThresholds
) -> list[str]:
    """The thresholds reached: PSI, the effect size (|d| or V), the difference in missing share."""
    out = []
    if psi is not None and psi.value >= t.psi:
        out.append(f"PSI {psi.value:.3g} ≥ {t.psi:g}")
    if effect is not None and effect_name == "smd" and effect >= t.smd:
        out.append(f"|d| {effect:.3g} ≥ {t.smd:g}")
    if effect is not None and effect_name == "cramers_v" and effect >= t.cramers_v:
        out.append(f"V {effect:.3g} ≥ {t.cramers_v:g}")
    if missing.difference is not None and abs(missing.difference) >= t.missing:
        out.append(f"missing share {100 * missing.difference:+.1f} points (|Δ| ≥ {100 * t.missing:g})")
    return out
