"""The repeated-measures correlation (Bland & Altman 1995; Bakdash & Marusich 2017; R's `rmcorr`, pingouin's
`rm_corr`): the association of two numeric variables within units measured several times.

When each unit (a chick, a patient) has several rows, Pearson's r over all rows treats them as independent: its n
counts every unit many times, so its p-value and interval are too optimistic, and it mixes the association between
units (heavier chicks, older patients) with the one within them. The repeated-measures correlation is the ANCOVA
`lm(y ~ unit + x)`: one slope shared by all units, one intercept each. With every unit's values centred on its own
means (over its complete pairs), pooled over the k units and N complete pairs,

    r_rm = Sxy_w / √(Sxx_w · Syy_w)    (= sign(slope) · √(SS_x / (SS_x + SS_residual)), as rmcorr computes it)
    df = N − k − 1,  t = r_rm · √(df / (1 − r_rm²)),  p two-sided from t(df) (= the ANCOVA's F test of x)
    CI = tanh(atanh(r_rm) ± z₁₋α/₂ / √(df − 3))    (rmcorr's `psych::r.con(r, df)`: Fisher's z with n = df)

`rmcorr_from_moments` is the core on those sufficient statistics (the report's engine path,
`engine.rmcorr.unit_pair_moments`); `rm_corr(x, y, unit)` computes them from raw values and calls it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit._sums import dot
from edakit.engine.pairs import PairMoments
from edakit.engine.rmcorr import UnitCounts, UnitMoments
from edakit.errors import EdakitError
from edakit.stats._inputs import as_float_array, check_conf_level
from edakit.stats.correlations import R_CONVENTION, R_THRESHOLDS
from edakit.stats.effect_sizes import magnitude_by
from edakit.stats.multitest import adjust_pvalues
from edakit.stats.result import EffectSize, Result

METHOD = "Repeated measures correlation"
NAME = "repeated-measures r"
ADJUST = "bh"  # the pairs are screened, as the section's other correlations are
# within-unit variation at or below this share of the overall variation is rounding noise of a column that is
# constant within every unit (a trait of the unit), not variation to correlate
CONSTANT_WITHIN = 1e-12


@dataclass(repr=False)
class RepeatedCorrelationResult(Result):
    """The repeated-measures correlation of `x_name` and `y_name` within the units of `unit_name`: `estimate` is
    r_rm, `statistic` its t on `df` = N − k − 1, `n` the complete pairs N, `units` the units k they fall in."""

    units: int = 0
    n_dropped: int = 0
    x_name: str = "x"
    y_name: str = "y"
    unit_name: str = "unit"


def rmcorr_from_moments(
    n: int,
    units: int,
    sxx: float,
    syy: float,
    sxy: float,
    *,
    conf_level: float = 0.95,
    n_dropped: int = 0,
    x_name: str = "x",
    y_name: str = "y",
    unit_name: str = "unit",
) -> RepeatedCorrelationResult:
    """r_rm, its t test and interval from the within-unit co-moments of `n` complete pairs on `units` units.

    >>> r = rmcorr_from_moments(6, 2, 4.0, 9.0, 3.0)
    >>> round(r.estimate, 4), r.df, round(r.statistic, 4)
    (0.5, 3, 1.0)
    """
    conf_level = check_conf_level(conf_level)
    for label, value in (("Sxx", sxx), ("Syy", syy), ("Sxy", sxy)):
        if value is None or not math.isfinite(value):
            raise EdakitError(f"{label} must be a finite number; got {value!r}.")
    if sxx < 0 or syy < 0 or n < 0 or units < 0 or units > n:
        raise EdakitError("rmcorr needs Sxx, Syy ≥ 0 and 0 ≤ units ≤ complete pairs; check the inputs.")
    df = n - units - 1
    base: dict[str, Any] = {
        "method": METHOD,
        "conf_level": conf_level,
        "n": n,
        "units": units,
        "n_dropped": n_dropped,
        "x_name": x_name,
        "y_name": y_name,
        "unit_name": unit_name,
    }
    if df < 1:
        why = (
            f"The repeated-measures correlation needs more complete pairs than units plus one (df = N − k − 1 = "
            f"{n:,} − {units:,} − 1 = {df}): each unit must be seen more than once."
        )
        return RepeatedCorrelationResult(notes=[why], details={"undefined": True}, **base)
    for name, value in ((x_name, sxx), (y_name, syy)):
        if value == 0:
            why = (
                f"The repeated-measures correlation is undefined because {name} does not vary within any {unit_name} "
                "(each unit's values are all equal): it measures how the two move together within units."
            )
            return RepeatedCorrelationResult(notes=[why], details={"undefined": True}, **base)
    r = max(-1.0, min(1.0, sxy / (math.sqrt(sxx) * math.sqrt(syy))))
    notes: list[str] = []
    if abs(r) == 1:
        t, p = math.copysign(math.inf, r), 0.0
        notes.append(f"Within every {unit_name} the points lie exactly on parallel lines (r = {r:g}): t is infinite.")
    else:
        from edakit.stats.distfuncs import t as t_dist

        t = r * math.sqrt(df / (1 - r * r))
        p = float(min(1.0, 2 * t_dist.sf(abs(t), df)))
    ci = None
    if df > 3:
        from edakit.stats.distfuncs import norm

        z, half = math.atanh(r) if abs(r) < 1 else math.copysign(math.inf, r), norm.ppf((1 + conf_level) / 2)
        ci = (math.tanh(z - half / math.sqrt(df - 3)), math.tanh(z + half / math.sqrt(df - 3)))
    else:
        notes.append("No confidence interval: Fisher's z interval with rmcorr's n = df needs df ≥ 4.")
    effect = EffectSize(NAME, r, ci, magnitude_by(r, R_THRESHOLDS), R_CONVENTION)
    details = {
        "statistic_name": "t",
        "ci_method": "Fisher's z with n = df (se = 1/√(df − 3)), as R's rmcorr" if ci else None,
        "p_value_method": f"t distribution with {df} degrees of freedom (the ANCOVA's F(1, {df}) test)",
    }
    return RepeatedCorrelationResult(
        statistic=t, p_value=p, df=df, estimate=r, ci=ci, effect_size=effect, notes=notes, details=details, **base
    )


def rm_corr(
    x: Any,
    y: Any,
    unit: Any,
    *,
    conf_level: float = 0.95,
    x_name: str = "x",
    y_name: str = "y",
    unit_name: str = "unit",
) -> RepeatedCorrelationResult:
    """The repeated-measures correlation of `x` and `y` measured on the units labelled by `unit` (one label per row;
    rows with a missing value of x, y or the unit are left out, as rmcorr and pingouin do).

    >>> x, y, u = [1.0, 2, 3, 2, 3, 4], [1.0, 3, 2, 4, 6, 5], ["a", "a", "a", "b", "b", "b"]
    >>> r = rm_corr(x, y, u)
    >>> round(r.estimate, 4), r.df, r.units  # N − k − 1 = 6 − 2 − 1
    (0.5, 3, 2)
    """
    xa, ya = as_float_array(x, x_name), as_float_array(y, y_name)
    labels = np.asarray([None if v is None or v != v else v for v in unit], dtype=object)
    if not (xa.size == ya.size == labels.size):
        raise EdakitError(f"x, y and unit must have one value per row; got {xa.size}, {ya.size} and {labels.size}.")
    keep = np.isfinite(xa) & np.isfinite(ya) & np.array([v is not None for v in labels], dtype=bool)
    xa, ya = xa[keep], ya[keep]
    _, codes = np.unique(labels[keep].astype(str), return_inverse=True)
    sizes = np.bincount(codes)
    k = int((sizes > 0).sum())
    cx = _centred(xa, codes, sizes)
    cy = _centred(ya, codes, sizes)
    return rmcorr_from_moments(
        int(xa.size),
        k,
        dot(cx, cx),
        dot(cy, cy),
        dot(cx, cy),
        conf_level=conf_level,
        n_dropped=int(keep.size - keep.sum()),
        x_name=x_name,
        y_name=y_name,
        unit_name=unit_name,
    )


def _centred(values: np.ndarray, codes: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Each value less its unit's mean, scaled by the largest |deviation| (r_rm does not depend on the scale, and
    values near 1e300 would otherwise overflow the sums of squares)."""
    scale = float(np.max(np.abs(values))) if values.size else 0.0
    if not math.isfinite(scale) or scale == 0:
        scale = 1.0
    x = values / scale
    centred = x - (np.bincount(codes, x, minlength=sizes.size) / sizes)[codes]
    top = float(np.max(np.abs(centred))) if centred.size else 0.0
    if top <= CONSTANT_WITHIN:  # rounding noise of a column constant within every unit: no variation
        return np.zeros_like(centred)
    return centred / top


# --------------------------------------------------------------------------------------------- the screening


@dataclass
class RepeatedPair:
    """One numeric pair's repeated-measures correlation, with its p-value adjusted across the pairs screened."""

    x: str
    y: str
    result: RepeatedCorrelationResult
    p_adjusted: float | None = None

    @property
    def label(self) -> str:
        return f"{self.x} × {self.y}"


@dataclass
class RepeatedCorrelations:
    """In a design whose rows repeat units (`--pair`): every numeric pair's repeated-measures correlation within
    the units of `unit`, and how the rows fall into units (`rows` with a unit, `units`, the `most` and `least`
    rows of one unit)."""

    unit: str
    rows: int
    units: int
    most: int
    conf_level: float
    pairs: list[RepeatedPair] = field(default_factory=list)
    p_adjust: str = ADJUST
    by: str | None = None
    least: int = 0  # the --group column, whose levels the units are measured in

    def pair(self, a: str, b: str) -> RepeatedPair:
        """The pair of `a` and `b`, in either order."""
        for p in self.pairs:
            if {p.x, p.y} == {a, b}:
                return p
        raise KeyError(f"the pair ({a!r}, {b!r}) has no repeated-measures correlation")


def repeated_correlations(
    unit: str,
    moments: dict[tuple[str, str], UnitMoments],
    counts: UnitCounts,
    rows: int,
    conf_level: float,
    by: str | None = None,
    overall: dict[tuple[str, str], PairMoments] | None = None,
) -> RepeatedCorrelations:
    """The repeated-measures correlation of every gathered pair, the p-values adjusted together by
    Benjamini–Hochberg (`rows`: the table's rows, so that pairs left out for a missing value are counted).
    `overall`, the pairs' co-moments over all rows, tells a column constant within every unit (its within-unit
    sum of squares no more than rounding noise of its overall one) from one that varies."""
    out = RepeatedCorrelations(unit, counts.rows, counts.units, counts.most, conf_level, by=by, least=counts.least)
    for (a, b), m in moments.items():
        total = (overall or {}).get((a, b))
        sxx, syy, sxy = m.sxx, m.syy, m.sxy
        if total is not None:
            flat_x, flat_y = sxx <= CONSTANT_WITHIN * total.sxx, syy <= CONSTANT_WITHIN * total.syy
            if flat_x or flat_y:
                sxx, syy, sxy = 0.0 if flat_x else sxx, 0.0 if flat_y else syy, 0.0
        try:
            result = rmcorr_from_moments(
                m.n,
                m.units,
                sxx,
                syy,
                sxy,
                conf_level=conf_level,
                n_dropped=rows - m.n,
                x_name=a,
                y_name=b,
                unit_name=unit,
            )
        except (EdakitError, ArithmeticError, ValueError) as exc:
            result = RepeatedCorrelationResult(
                METHOD,
                conf_level=conf_level,
                n=m.n,
                units=m.units,
                x_name=a,
                y_name=b,
                unit_name=unit,
                notes=[f"It could not be computed from these values ({exc})."],
                details={"undefined": True},
            )
        out.pairs.append(RepeatedPair(a, b, result))
    adjusted = adjust_pvalues([p.result.p_value for p in out.pairs], ADJUST)
    for pair, p in zip(out.pairs, adjusted, strict=True):
        pair.p_adjusted = p
    return out
