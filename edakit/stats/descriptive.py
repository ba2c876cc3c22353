"""Descriptive statistics of one numeric variable, with the mean's t-interval.

Conventions (R's, see DESIGN): sd and var with n - 1; quantiles of type 7; MAD = 1.4826 × median absolute
deviation; skewness G1 and excess kurtosis G2 (the SAS/SPSS/Excel sample definitions, Joanes & Gill 1998):

    G1 = g1 · sqrt(n(n-1)) / (n-2)                    g1 = m3 / m2^(3/2)
    G2 = ((n+1) g2 + 6) · (n-1) / ((n-2)(n-3))        g2 = m4 / m2^2 - 3

The same code serves `describe(values)` and the report, which hands over full-data aggregates from the
engine (`describe_aggregates`), so both give identical numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from edakit.engine.tabulated import shape_scale
from edakit.stats._inputs import as_float_array
from edakit.stats.result import Presentable

MAD_SCALE = 1.4826


@dataclass(repr=False)
class Describe(Presentable):
    """Summary of a numeric variable. Undefined values are None, with the reason in `notes`."""

    n: int
    missing: int
    mean: float | None = None
    sd: float | None = None
    var: float | None = None
    sem: float | None = None
    mean_ci: tuple[float, float] | None = None
    conf_level: float = 0.95
    min: float | None = None
    q25: float | None = None
    median: float | None = None
    q75: float | None = None
    max: float | None = None
    iqr: float | None = None
    mad: float | None = None
    skewness: float | None = None
    kurtosis: float | None = None
    sum: float | None = None
    zeros: int = 0
    negatives: int = 0
    non_finite: int = 0
    outliers_low: int | None = None
    outliers_high: int | None = None
    fence_low: float | None = None
    fence_high: float | None = None
    method: str = "Descriptive statistics (t-interval for the mean)"
    notes: list[str] = field(default_factory=list)

    KEY_FIELDS: ClassVar[tuple[str, ...]] = ("n", "missing", "mean", "mean_ci", "sd", "median", "q25", "q75")

    @property
    def outliers(self) -> int | None:
        if self.outliers_low is None or self.outliers_high is None:
            return None
        return self.outliers_low + self.outliers_high

    @property
    def bimodality_coefficient(self) -> float | None:
        """Sarle's bimodality coefficient b = (G1² + 1) / (G2 + 3 (n-1)² / ((n-2)(n-3))), from the sample
        skewness and excess kurtosis (SAS's formula; Pfister et al. 2013). A uniform distribution gives 5/9, a
        normal 1/3; above 5/9 suggests two modes (or one mode and a heavy skew). None below 4 values."""
        n, g1, g2 = self.n, self.skewness, self.kurtosis
        if g1 is None or g2 is None or n < 4:
            return None
        return (g1 * g1 + 1) / (g2 + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))


def describe(values: Any, conf_level: float = 0.95) -> Describe:
    """Describe a numeric array-like; missing values (None/NaN) are counted and dropped, ±inf too.

    >>> d = describe([4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14])
    >>> round(d.mean, 3), round(d.sd, 5), d.n
    (5.032, 0.58309, 10)
    """
    arr = as_float_array(values)
    missing = int(np.isnan(arr).sum())
    finite = arr[np.isfinite(arr)]
    agg: dict[str, Any] = {"count": int(finite.size), "non_finite": int((~np.isfinite(arr)).sum()) - missing}
    if finite.size:
        return _describe_finite(finite, missing, agg, conf_level)
    return describe_aggregates(agg, missing=missing, conf_level=conf_level)


def _describe_finite(finite: np.ndarray, missing: int, agg: dict[str, Any], conf_level: float) -> Describe:
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is detected and explained downstream
        q25, median, q75 = np.quantile(finite, [0.25, 0.5, 0.75], method="linear")
        centred = finite - finite.mean()
        m2 = np.mean(centred**2)  # numpy scalar: overflow gives inf, not an exception
        agg.update(
            mean=float(finite.mean()),
            min=float(finite.min()),
            max=float(finite.max()),
            q25=float(q25),
            median=float(median),
            q75=float(q75),
            sum=float(finite.sum()),
            sd=float(finite.std(ddof=1)) if finite.size > 1 else None,
            var=float(finite.var(ddof=1)) if finite.size > 1 else None,
            skew=float(np.mean(centred**3) / m2**1.5) if m2 > 0 else None,
            kurt=float(np.mean(centred**4) / m2**2 - 3) if m2 > 0 else None,
            mad_raw=float(np.median(np.abs(finite - median))),
            zeros=int((finite == 0).sum()),
            negatives=int((finite < 0).sum()),
        )
        scale = shape_scale(agg["min"], agg["max"]) if finite.size > 2 else None
        if scale is not None:  # values of extreme size: the shape of their copy scaled by a power of two (exact)
            scaled = finite * scale[0] * scale[1]
            d = scaled - scaled.mean()
            s2 = np.mean(d**2)
            if s2 > 0:
                agg.update(skew=float(np.mean(d**3) / s2**1.5), kurt=float(np.mean(d**4) / s2**2 - 3))
        iqr = q75 - q25
        agg["fence_low"], agg["fence_high"] = float(q25 - 1.5 * iqr), float(q75 + 1.5 * iqr)
        agg["outliers_low"] = int((finite < agg["fence_low"]).sum())
        agg["outliers_high"] = int((finite > agg["fence_high"]).sum())
    return describe_aggregates(agg, missing=missing, conf_level=conf_level)


def describe_aggregates(agg: dict[str, Any], missing: int, conf_level: float = 0.95) -> Describe:
    """Build a Describe from aggregates: count, mean, sd, var, biased skew g1 and excess kurtosis g2
    (as engines compute them), min, quartiles, max, mad_raw, zeros, negatives, non_finite, fences."""
    n = int(agg.get("count") or 0)
    non_finite = int(agg.get("non_finite") or 0)
    out = Describe(n=n, missing=missing + non_finite, non_finite=non_finite, conf_level=conf_level)
    if non_finite:
        out.notes.append(f"{non_finite:,} infinite or NaN value(s) were treated as missing.")
    if n == 0:
        out.notes.append("No non-missing values: nothing to describe.")
        return out
    out.min, out.max = agg["min"], agg["max"]
    out.q25, out.median, out.q75 = agg["q25"], agg["median"], agg["q75"]
    out.iqr = _finite(out.q75 - out.q25)
    out.mad = _finite(MAD_SCALE * agg["mad_raw"]) if agg.get("mad_raw") is not None else None
    out.mean, out.sum = _finite(agg["mean"]), _finite(agg.get("sum"))
    out.zeros, out.negatives = int(agg.get("zeros") or 0), int(agg.get("negatives") or 0)
    out.fence_low, out.fence_high = agg.get("fence_low"), agg.get("fence_high")
    out.outliers_low, out.outliers_high = agg.get("outliers_low"), agg.get("outliers_high")
    if out.mean is None or (n > 1 and (_finite(agg.get("sd")) is None or _finite(agg.get("var")) is None)):
        shaped = _set_shape(out, agg, n)
        out.notes.append(
            "The values are too large for double-precision arithmetic (near ±1.8e308): their sum or their sum "
            "of squares overflows, "
            + (
                "so the mean and spread are not reported (the skewness and kurtosis, which do not depend on the "
                "values' scale, are computed on the values multiplied by a power of two, exactly)"
                if shaped
                else "so the mean, spread and shape are not reported"
            )
            + "; quantiles, minimum and maximum are exact."
        )
        out.mean = out.sum = None
        return out
    if n < 2 or agg.get("sd") is None:
        out.notes.append("One value only: the standard deviation and the interval need at least two.")
        return out
    if agg["sd"] == 0 and out.min is not None and out.max is not None and out.min < out.max:
        out.notes.append(_lost_spread(out.min, out.max, _set_shape(out, agg, n)))
        return out
    out.sd, out.var = agg["sd"], agg["var"]
    out.sem = out.sd / math.sqrt(n)
    out.mean_ci = t_interval(out.mean, out.sem, n - 1, conf_level)
    if out.sd > 0 and out.mean_ci[0] == out.mean_ci[1]:
        out.notes.append(
            "The interval for the mean is narrower than double-precision arithmetic resolves at the mean's size "
            "(about 16 significant digits): its ends round to the same number."
        )
    if out.sd == 0:
        out.notes.append("Every value is the same: spread is zero and shape (skewness, kurtosis) is undefined.")
        return out
    _set_shape(out, agg, n)
    overflow = "overflow double-precision arithmetic (beyond about 1.8e308)"
    if out.skewness is None:
        out.notes.append(
            "Skewness needs at least 3 values and kurtosis at least 4."
            if n < 3
            else f"The skewness and kurtosis are not reported: the values' cubes or fourth powers {overflow}."
        )
    elif out.kurtosis is None:
        out.notes.append(
            "Kurtosis needs at least 4 values."
            if n < 4
            else f"The kurtosis is not reported: the values' fourth powers {overflow}."
        )
    return out


def _set_shape(out: Describe, agg: dict[str, Any], n: int) -> bool:
    """G1 and G2 from the engine's g1 and g2 (None when not finite); whether both are numbers."""
    out.skewness = _finite(sample_skewness(agg.get("skew"), n))
    out.kurtosis = _finite(sample_excess_kurtosis(agg.get("kurt"), n))
    return out.skewness is not None and out.kurtosis is not None


def _lost_spread(lo: float, hi: float, shaped: bool = False) -> str:
    """Why a spread computed as 0 is not reported for values that differ (min < max): double precision lost it.
    `shaped`: the skewness and kurtosis are reported (computed on the values scaled by a power of two)."""
    if max(abs(lo), abs(hi)) < 1e-150:
        why = "are so close to 0 that their squares underflow double-precision arithmetic (below about 1e-308)"
    else:
        why = (
            "differ by less than double-precision arithmetic resolves at their size (about 16 significant "
            "digits; whole numbers beyond 2^53 are rounded)"
        )
    what = (
        "spread and the interval for the mean are not reported; the skewness and kurtosis, which do not depend on "
        "the values' scale, are computed on the values multiplied by a power of two, exactly"
        if shaped
        else "spread, the interval for the mean and the shape are not reported"
    )
    return (
        f"The values {why}: the standard deviation comes out as 0 although they are not all equal, so the {what}; "
        "quantiles, minimum and maximum stand."
    )


def _finite(value: float | None) -> float | None:
    """None for overflowed or undefined results (inf, NaN), so they are reported as such, never shown as NaN."""
    return value if value is not None and math.isfinite(value) else None


def t_interval(mean: float, sem: float, df: int, conf_level: float) -> tuple[float, float]:
    """mean ± t(1 - α/2, df) · sem (`scipy.special.stdtrit`: the t quantile without importing `scipy.stats`)."""
    from scipy.special import stdtrit

    half = float(stdtrit(df, 0.5 + conf_level / 2)) * sem
    return (mean - half, mean + half)


def sample_skewness(g1: float | None, n: int) -> float | None:
    """G1 from the population skewness g1 (Joanes & Gill 1998, type 2)."""
    if g1 is None or n < 3:
        return None
    return g1 * math.sqrt(n * (n - 1)) / (n - 2)


def sample_excess_kurtosis(g2: float | None, n: int) -> float | None:
    """G2 from the population excess kurtosis g2 (Joanes & Gill 1998, type 2)."""
    if g2 is None or n < 4:
        return None
    return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
