"""Tests for three or more conditions measured on the same units (rows: units, columns: conditions).

* `rm_anova(blocks)` is the one-way repeated-measures ANOVA (R's `aov(y ~ condition + Error(unit/condition))`,
  `ez::ezANOVA`, statsmodels' `AnovaRM`) with the Greenhouse–Geisser correction always applied: the degrees of
  freedom are multiplied by epsilon, estimated from the covariance of the conditions (Greenhouse and Geisser
  1959). The correction is not chosen by Mauchly's pre-test: with epsilon = 1 it changes nothing, and below 1 it
  is what the F test needs. The effect size is generalized eta squared (Olejnik and Algina 2003; Bakeman 2005),
  `ez`'s `ges`, with a seeded percentile bootstrap interval over the units (2000 resamples). The Huynh–Feldt
  epsilon (with Lecoutre's 1991 correction, as R's `car::Anova` and `afex` compute it) and its p are given beside.
  The follow-up is `pairwise_t`: a paired t-test for every pair of conditions with Holm-adjusted p-values.
* `cochran_q(blocks)` is Cochran's Q test of a binary outcome (0/1) under k >= 2 conditions (statsmodels'
  `cochrans_q`, R's `RVAideMemoire::cochran.qtest`), the extension of McNemar's test, with Serlin's eta_Q =
  Q / (n (k - 1)) (Serlin, Carr and Marascuilo 1982; Cochran's Q is Friedman's test on 0/1 values, so eta_Q is
  Kendall's W of the same table), its seeded percentile bootstrap interval over the units, and pairwise McNemar
  tests, Holm-adjusted, as the follow-up.

Both bootstrap intervals follow edakit's rule for an estimate at its boundary 0
(`stats.bootstrap.boundary_interval`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.errors import EdakitError, NotComputable
from edakit.stats._inputs import check_conf_level
from edakit.stats.bootstrap import boundary_interval
from edakit.stats.effect_sizes import magnitude
from edakit.stats.result import EffectSize, Result

#: bootstrap resamples of the units for the intervals of generalized eta squared and eta_Q
RESAMPLES = 2000
#: values held at once in a bootstrap chunk (bounds its memory)
BOOT_CELLS = 2_000_000
#: the labels of generalized eta squared: Cohen's for eta², as Bakeman (2005) recommends
GES_CONVENTION = (
    "Cohen (1988) for eta², as Bakeman (2005) uses them: < 0.01 negligible, < 0.06 small, < 0.14 medium, "
    "otherwise large"
)


@dataclass(repr=False)
class RMAnovaResult(Result):
    """Result of `rm_anova`: statistic is F; `df` the uncorrected (k - 1, (k - 1)(n - 1)); p_value the
    Greenhouse–Geisser-corrected p; the effect size generalized eta squared. `details` holds the ANOVA table,
    epsilon, the corrected degrees of freedom and the uncorrected p."""


@dataclass(repr=False)
class CochranQResult(Result):
    """Result of `cochran_q`: statistic is Q on k - 1 df; the effect size Serlin's eta_Q; `details["pairwise"]`
    the McNemar tests of every pair of conditions with Holm-adjusted p-values."""


def _blocks(blocks: Any, what: str, k_min: int) -> np.ndarray:
    m = np.asarray(blocks, dtype=float)
    if m.ndim != 2 or m.shape[1] < k_min:
        raise EdakitError(f"{what} needs a table of units (rows) by at least {k_min} conditions (columns).")
    return m[np.isfinite(m).all(axis=1)]


def _bootstrap(m: np.ndarray, statistic: Any, seed: int) -> np.ndarray:
    """Seeded bootstrap replicates of `statistic` (a function of a (..., n, k) stack of tables) over the units."""
    n, k = m.shape
    rng = np.random.default_rng(seed)
    chunk = max(1, BOOT_CELLS // (n * k))
    return np.concatenate(
        [statistic(m[rng.integers(0, n, (min(chunk, RESAMPLES - i), n))]) for i in range(0, RESAMPLES, chunk)]
    )


# ---------------------------------------------------------------------------------------------- RM ANOVA


def _sums_of_squares(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """SS of the conditions, the units and the residual (condition × unit) of each table in `m` (..., n, k)."""
    n, k = m.shape[-2:]
    grand = m.mean(axis=(-2, -1), keepdims=True)
    conditions = n * ((m.mean(axis=-2, keepdims=True) - grand) ** 2).sum(axis=(-2, -1))
    units = k * ((m.mean(axis=-1, keepdims=True) - grand) ** 2).sum(axis=(-2, -1))
    total = ((m - grand) ** 2).sum(axis=(-2, -1))
    return conditions, units, total - conditions - units


def _ges(m: np.ndarray) -> np.ndarray:
    """Generalized eta squared of a one-way within-unit design: SS_conditions / (SS_conditions + SS_units +
    SS_residual), i.e. the conditions' share of all the variation, units included (Olejnik and Algina 2003)."""
    conditions, units, residual = _sums_of_squares(m)
    total = conditions + units + residual
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, conditions / total, np.nan)


def gg_epsilon(blocks: Any) -> float:
    """Greenhouse–Geisser epsilon of a units × conditions table (Box 1954): with S the covariance matrix of the
    conditions double-centred (row and column means removed, grand mean added back),
    epsilon = tr(S)² / ((k - 1) Σ S_ij²). It runs from 1/(k - 1) (worst departure from sphericity) to 1.

    >>> round(gg_epsilon([[1, 2, 4], [2, 3, 3], [3, 5, 6], [2, 2, 5]]), 3)
    0.781
    """
    m = _blocks(blocks, "Greenhouse–Geisser epsilon", 2)
    n, k = m.shape
    centred = m - m.mean(axis=0)
    scale = float(np.abs(centred).max()) if n else 0.0
    if n < 2 or not math.isfinite(scale) or scale == 0:
        raise NotComputable("not computable: epsilon needs 2 or more complete units whose values vary")
    centred = centred / scale  # epsilon does not depend on the scale; this keeps 1e300 from overflowing
    s = centred.T @ centred / (n - 1)
    d = s - s.mean(axis=0, keepdims=True) - s.mean(axis=1, keepdims=True) + s.mean()
    denominator = (k - 1) * float((d**2).sum())
    if not denominator > 0:
        raise NotComputable("not computable: every unit changes by the same amount between the conditions")
    return float(np.trace(d) ** 2 / denominator)


def hf_epsilon(gg: float, n: int, k: int) -> float | None:
    """Huynh–Feldt epsilon from the Greenhouse–Geisser one, with Lecoutre's (1991) correction of the numerator, as
    R's `car::Anova` (and so `afex`) compute it: with p = k - 1 and the error df N - g = n - 1 (one group of units),
    ((n - 1 + 1) p eps - 2) / (p (n - 1 - p eps)). It can exceed 1 (then 1 is used: no correction); GG's epsilon
    is biased downwards when sphericity nearly holds, HF's less so. None when n <= k makes the denominator 0 or
    negative (too few units for the estimate).

    >>> round(hf_epsilon(0.5, 10, 4), 4)
    0.5778
    """
    p = k - 1
    denominator = p * (n - 1 - p * gg)
    return (n * p * gg - 2) / denominator if denominator > 0 else None


def pairwise_t(blocks: Any, names: list[str], conf_level: float = 0.95) -> list[dict[str, Any]]:
    """A paired t-test for every pair of conditions (i < j), on the difference second − first of each unit, with
    its unadjusted interval and the p-values Holm-adjusted over all the pairs: R's `pairwise.t.test(x, g, paired =
    TRUE, p.adjust.method = "holm")` on complete units, with `t.test(paired = TRUE)`'s interval of each pair. A
    pair whose differences are all equal has no test (R: "data are essentially constant") and is left out of the
    Holm family."""
    from scipy import stats

    from edakit.stats.multitest import adjust_pvalues

    m = _blocks(blocks, "Pairwise paired t-tests", 2)
    n, k = m.shape
    pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
    d = np.stack([m[:, j] - m[:, i] for i, j in pairs], axis=1)
    spread = d.std(axis=0, ddof=1) if n > 1 else np.zeros(len(pairs))
    defined = spread > 1e-12 * np.maximum(np.abs(d).max(axis=0), 1e-300)
    rows: list[dict[str, Any]] = [
        {"first": names[i], "second": names[j], "difference": float(d[:, c].mean()), "n": int(n), "df": float(n - 1),
         "statistic": None, "ci": None, "p_value": None, "p_holm": None}
        for c, (i, j) in enumerate(pairs)
    ]  # fmt: skip
    if not defined.any():
        return rows
    res = stats.ttest_rel(m[:, [j for i, j in pairs]][:, defined], m[:, [i for i, j in pairs]][:, defined], axis=0)
    ci = res.confidence_interval(conf_level)
    holm = adjust_pvalues(res.pvalue, "holm")
    for c, index in enumerate(np.flatnonzero(defined)):
        rows[index].update(
            statistic=float(res.statistic[c]),
            ci=[float(ci.low[c]), float(ci.high[c])],
            p_value=float(res.pvalue[c]),
            p_holm=float(holm[c]),
        )
    return rows


def rm_anova(
    blocks: Any, conf_level: float = 0.95, seed: int = 0, names: list[str] | None = None, alpha: float | None = None
) -> RMAnovaResult:
    """One-way repeated-measures ANOVA of k >= 3 conditions on the same units (rows: units, columns: conditions),
    with the Greenhouse–Geisser correction always applied (Huynh–Feldt's beside it), generalized eta squared as
    the effect size and the Holm-adjusted pairwise paired t-tests (`pairwise_t`) as the follow-up. `alpha` (by
    default 1 − conf_level) is the threshold its words count the pairwise tests against (`details["alpha"]`).

    F = MS_conditions / MS_residual on (k - 1, (k - 1)(n - 1)) df; the p-value uses those df times epsilon.

    >>> r = rm_anova([[1, 2, 4], [2, 3, 3], [3, 5, 6], [2, 2, 5]])
    >>> r.df, round(r.statistic, 4)
    ((2.0, 6.0), 11.4)
    """
    from scipy import stats

    conf_level = check_conf_level(conf_level)
    if alpha is not None and not 0 < alpha < 1:
        raise EdakitError(f"alpha must be between 0 and 1; got {alpha!r}.")
    m = _blocks(blocks, "A repeated-measures ANOVA", 3)
    n, k = m.shape
    common = {"conf_level": conf_level, "alternative": "two-sided", "n": int(n)}
    method = "Repeated-measures ANOVA with Greenhouse-Geisser correction"
    if n < 3:
        return RMAnovaResult(method, notes=["A repeated-measures ANOVA needs at least 3 complete units."], **common)
    conditions, units, residual = (float(v) for v in _sums_of_squares(m))
    df1, df2 = float(k - 1), float((k - 1) * (n - 1))
    if residual <= 1e-12 * max(conditions + units + residual, 1e-300):
        note = "Every unit changes by the same amount between the conditions (no residual variation): F is undefined."
        return RMAnovaResult(method, df=(df1, df2), notes=[note], **common)
    f = (conditions / df1) / (residual / df2)
    notes: list[str] = []
    try:
        epsilon = gg_epsilon(m)
    except NotComputable:
        epsilon = 1.0 / (k - 1)  # the most conservative correction (the lower bound)
        notes.append(
            "The covariance of the groups gives no Greenhouse–Geisser epsilon; the lower bound 1/(k - 1) was used."
        )
    p_raw = float(stats.f.sf(f, df1, df2))
    p_gg = float(stats.f.sf(f, epsilon * df1, epsilon * df2))
    ges = conditions / (conditions + units + residual)
    ci, kind = boundary_interval(_bootstrap(m, _ges, seed), ges, conf_level, "generalized eta²", notes)
    effect = EffectSize("generalized eta²", ges, ci, magnitude(ges, "eta2"), GES_CONVENTION, kind)
    hf = hf_epsilon(epsilon, n, k)
    details = {
        "epsilon": epsilon,
        "df_corrected": [epsilon * df1, epsilon * df2],
        "p_uncorrected": p_raw,
        "epsilon_hf": hf,  # may exceed 1; the p uses min(1, epsilon_hf), as car and afex
        "p_hf": float(stats.f.sf(f, min(1.0, hf) * df1, min(1.0, hf) * df2)) if hf is not None else None,
        "ss": {"conditions": conditions, "units": units, "residual": residual},
        "partial_eta_squared": conditions / (conditions + residual),
        "means": [float(v) for v in m.mean(axis=0)],
        "pairwise": pairwise_t(m, names or [str(j + 1) for j in range(k)], conf_level),
        "alpha": round(1 - conf_level, 12) if alpha is None else alpha,
    }
    return RMAnovaResult(
        method,
        statistic=f,
        p_value=p_gg,
        df=(df1, df2),
        estimate=ges,
        ci=ci,
        effect_size=effect,
        notes=notes,
        details=details,
        **common,
    )


# ---------------------------------------------------------------------------------------------- Cochran's Q


def _eta_q(patterns: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Serlin's eta_Q = Q / (n (k - 1)) of 0/1 tables given as distinct unit patterns (P × k) and, per table, how
    many units show each pattern (... × P), with Q in its closed form Q = (k - 1)(k Σ C_j² - T²) / (k T - Σ R_i²)
    (C: condition totals, R: unit totals, T: all). A table is a few patterns however many units it has."""
    k = patterns.shape[1]
    r = patterns.sum(axis=1)
    n = counts.sum(axis=-1)
    c = counts @ patterns
    t = counts @ r
    denominator = k * t - counts @ r**2
    with np.errstate(divide="ignore", invalid="ignore"):
        q = (k - 1) * (k * (c**2).sum(axis=-1) - t**2) / denominator
        return np.where(denominator > 0, q / (n * (k - 1)), np.nan)


def _eta_q_boot(m: np.ndarray, seed: int) -> np.ndarray:
    """Seeded bootstrap replicates of eta_Q over the units: a resample is a multinomial draw of the unit patterns."""
    patterns, counts = np.unique(m, axis=0, return_counts=True)
    n = int(counts.sum())
    return _eta_q(patterns, np.random.default_rng(seed).multinomial(n, counts / n, size=RESAMPLES).astype(float))


def cochran_q(blocks: Any, conf_level: float = 0.95, seed: int = 0, names: list[str] | None = None) -> CochranQResult:
    """Cochran's Q test that a binary outcome (0/1) has the same share under every condition, with Serlin's eta_Q
    (bootstrap interval over the units) and the pairwise McNemar tests with Holm-adjusted p-values, each with the
    Wald interval of its difference of paired shares (`stats.paired.mcnemar`; R's PropCIs::diffpropci.Wald.mp),
    unadjusted.

    >>> r = cochran_q([[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0], [1, 0, 0], [1, 1, 0]])
    >>> r.df, round(r.statistic, 4)
    (2.0, 6.0)
    """
    from statsmodels.stats.contingency_tables import cochrans_q

    from edakit.stats.multitest import adjust_pvalues
    from edakit.stats.paired import mcnemar

    conf_level = check_conf_level(conf_level)
    m = _blocks(blocks, "Cochran's Q test", 2)
    if not np.isin(m, (0.0, 1.0)).all():
        raise EdakitError("Cochran's Q test needs a binary outcome coded 0 and 1.")
    n, k = m.shape
    names = names or [str(j + 1) for j in range(k)]
    common = {"conf_level": conf_level, "alternative": "two-sided", "n": int(n)}
    method = "Cochran's Q test"
    shares = [float(v) for v in m.mean(axis=0)] if n else []
    if n < 2 or not np.any(np.ptp(m, axis=1) > 0):
        why = "fewer than 2 complete units" if n < 2 else "no unit changed between the conditions"
        return CochranQResult(method, notes=[f"Cochran's Q cannot be computed: {why}."], details={"shares": shares},
                              **common)  # fmt: skip
    res = cochrans_q(m)
    q = float(res.statistic)
    eta = q / (n * (k - 1))
    notes: list[str] = []
    ci, kind = boundary_interval(_eta_q_boot(m, seed), eta, conf_level, "eta_Q", notes)
    effect = EffectSize("Serlin's eta_Q", eta, ci, ci_kind=kind)  # no conventional labels exist for eta_Q
    pairwise = []
    for i in range(k):
        for j in range(i + 1, k):
            a, b = m[:, i].astype(int), m[:, j].astype(int)
            table = [[int(np.sum((a == x) & (b == y))) for y in (1, 0)] for x in (1, 0)]
            t = mcnemar(table, conf_level=conf_level)
            pairwise.append(
                {
                    "first": names[i],
                    "second": names[j],
                    "discordant": [table[0][1], table[1][0]],
                    "difference": shares[i] - shares[j],
                    "ci": list(t.ci) if t.ci is not None else None,  # McNemar's Wald interval of the difference
                    "statistic": t.statistic,
                    "p_value": t.p_value,
                }
            )
    defined = [i for i, row in enumerate(pairwise) if row["p_value"] is not None]
    adjusted = adjust_pvalues([pairwise[i]["p_value"] for i in defined], "holm")
    for i, p in zip(defined, adjusted, strict=True):
        pairwise[i]["p_holm"] = float(p)
    for row in pairwise:
        row.setdefault("p_holm", None)
    return CochranQResult(
        method,
        statistic=q,
        p_value=float(res.pvalue),
        df=float(k - 1),
        estimate=eta,
        ci=ci,
        effect_size=effect,
        notes=notes,
        details={"shares": shares, "pairwise": pairwise},
        **common,
    )
