"""Exact order statistics of a numeric column from its value counts.

A numeric column with few distinct values next to its rows (codes, counts, times of day, prices, ages) is
summarised from one `group_by` of its values (`engine.levels`) instead of engine quantiles, which select over every
row once per quantile and again for the MAD. With the distinct values sorted and their counts cumulated, the k-th
order statistic (0-based) is the first value whose cumulative count exceeds k. So the type-7 quantiles, the MAD
(the median of |x − median|, its distances sorted the same way), the Tukey-fence counts, the whisker ends and the
histogram counts are all exact, and cost only as many steps as there are distinct values. The arithmetic is the
engine's (polars' `quantile(interpolation="linear")`, `engine.histogram.bin_index`), so the results are equal to
the last bit (tests/test_tabulated.py checks them against polars and numpy).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit._sums import dot
from edakit.engine import histogram


def bincount_chunked(codes: np.ndarray, size: int, chunk: int = 1 << 20) -> np.ndarray:
    """`np.bincount(codes, minlength=size)` (codes all below `size`), a chunk of rows at a time: numpy widens each
    chunk of small unsigned codes to 64 bits, so a whole column at once would need 8 bytes a row.

    >>> bincount_chunked(np.array([2, 0, 2, 3], dtype=np.uint16), 5, chunk=3).tolist()
    [1, 0, 2, 1, 0]
    """
    counts = np.zeros(size, dtype=np.int64)
    for start in range(0, codes.size, chunk):
        counts += np.bincount(codes[start : start + chunk], minlength=size)
    return counts


@dataclass(repr=False)
class Tabulation:
    """The distinct finite values of a column, ascending, and how often each occurs."""

    values: np.ndarray
    counts: np.ndarray  # int64, same length

    @classmethod
    def from_counts(cls, values: np.ndarray, counts: np.ndarray) -> Tabulation:
        order = np.argsort(values, kind="stable")
        return cls(values[order], np.asarray(counts, dtype=np.int64)[order])

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def __repr__(self) -> str:
        return f"Tabulation({self.values.size} distinct values, {self.n} in all)"


def quantile(values: np.ndarray, counts: np.ndarray, p: float) -> float | None:
    """The type-7 (linear) `p`-quantile of `values` repeated `counts` times; `values` ascending.

    >>> quantile(np.array([1, 2, 10]), np.array([2, 1, 1]), 0.5)  # 1 1 2 10: halfway between 1 and 2
    1.5
    """
    cumulative = np.cumsum(counts)
    n = int(cumulative[-1]) if cumulative.size else 0
    if n == 0:
        return None
    h = (n - 1) * p
    low = math.floor(h)
    fraction = h - low
    a = float(values[np.searchsorted(cumulative, low, side="right")])
    if fraction == 0:
        return a
    b = float(values[np.searchsorted(cumulative, low + 1, side="right")])
    return a + fraction * (b - a)


SHIFT_RATIO = 1e6  # |mean| / sd beyond which the rounding of the mean shows in the variance


EXTREME = 2.0**200  # values beyond this size (or below its inverse) may overflow or underflow in their 4th powers


def shape_scale(low: float, high: float) -> tuple[float, float] | None:
    """Two powers of two whose product brings the largest |value| of [low, high] near 2^200 (where fourth powers
    stay finite, and values 2^1000 times smaller stay normal floats), for values of extreme size; else None. Two
    factors, as one 2^k can exceed the float range (subnormal values). Multiplying by a power of two is exact and
    skewness and kurtosis do not depend on the scale, so those of the scaled values are the values' own, without
    the overflow or underflow of their cubes and fourth powers (values near 1e100, 1e300, 1e-100, 1e-310)."""
    top = max(abs(low), abs(high))
    if not (math.isfinite(top) and top > 0) or 1 / EXTREME <= top <= EXTREME:
        return None
    k = 200 - math.frexp(top)[1]
    return math.ldexp(1.0, k // 2), math.ldexp(1.0, k - k // 2)


def far_from_zero(mean: float, var: float | None) -> bool:
    """Whether the values sit so far from 0 next to their spread (1e15 + tiny differences) that the mean's
    rounding (half a unit in its last place) inflates Σ(x − mean)²: then Σ(x − mean)² − (Σ(x − mean))² / n, the
    sum of squares about the exact mean, is used (the deviations x − mean are exact for values this close)."""
    return bool(var) and math.isfinite(var) and math.isfinite(mean) and abs(mean) > SHIFT_RATIO * math.sqrt(var)


def summary(table: Tabulation, quantiles: dict[str, float]) -> dict[str, Any]:
    """Everything the profile's numeric pass computes, from the value counts: count, moments (two-pass about the
    mean, as polars defines them: sd and var with n − 1, skewness and excess kurtosis biased, NaN when every
    value is the same), extremes, zeros, negatives, the sum (exact for integers), non-integer values and the
    `quantiles` ({name: p}).

    >>> s = summary(Tabulation.from_counts(np.array([1, 2, 3, 9]), np.array([1, 2, 1, 1])), {"median": 0.5})
    >>> s["count"], s["mean"], round(s["var"], 12), round(s["skew"], 6), s["sum"], s["median"]
    (5, 3.4, 10.3, 1.321087, 17, 2.0)
    """
    values, counts = table.values, table.counts
    n = int(counts.sum())
    weights = counts.astype(np.float64)
    if values.dtype.kind in "iu":  # exact, in Python integers
        total: float | int = sum(int(v) * int(c) for v, c in zip(values.tolist(), counts.tolist(), strict=True))
    else:
        total = dot(values, weights)
    mean = total / n
    with np.errstate(over="ignore", invalid="ignore"):  # values near the float limits: inf and NaN, as polars
        deviation = values.astype(np.float64) - mean
        squares = deviation * deviation
        m2 = dot(squares, weights)
        m3, m4 = dot(squares * deviation, weights), dot(squares * squares, weights)
    if n > 1 and far_from_zero(mean, m2 / (n - 1)):  # the rounded mean's error, taken out of m2
        m2 -= dot(deviation, weights) ** 2 / n
    var = m2 / (n - 1) if n > 1 else None
    spread_ = m2 / n
    skew, kurt = _shape(m3 / n, spread_, 1.5), _shape(m4 / n, spread_, 2.0) - 3
    scale = shape_scale(float(values[0]), float(values[-1])) if n > 2 else None
    if scale is not None:  # values of extreme size: the shape of their copy scaled by a power of two (exact)
        with np.errstate(over="ignore", invalid="ignore"):
            scaled = values.astype(np.float64) * scale[0] * scale[1]
            d = scaled - dot(scaled, weights) / n
            d2 = d * d
            s2 = dot(d2, weights) / n
            skew, kurt = (
                _shape(dot(d2 * d, weights) / n, s2, 1.5),
                _shape(dot(d2 * d2, weights) / n, s2, 2.0) - 3,
            )
    out = {
        "count": n,
        "mean": mean,
        "sd": math.sqrt(var) if var is not None else None,
        "var": var,
        "skew": skew,
        "kurt": kurt,
        "min": values[0].item(),
        "max": values[-1].item(),
        "zeros": int(counts[values == 0].sum()),
        "negatives": int(counts[values < 0].sum()),
        "sum": total,
        "fractional": int(counts[values != np.round(values)].sum()) if values.dtype.kind == "f" else 0,
    }
    out.update({name: quantile(values, counts, p) for name, p in quantiles.items()})
    return out


def _shape(moment: float, spread_: float, power: float) -> float:
    """moment / spread_**power in float64 arithmetic: values near the float limits give inf or NaN (as polars
    does), never Python's OverflowError from `float ** power`; NaN when there is no spread."""
    if not spread_ > 0:
        return math.nan
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return float(np.float64(moment) / np.float64(spread_) ** power)


def spread(table: Tabulation, median: float, fence_low: float, fence_high: float) -> dict[str, Any]:
    """The raw MAD (median of |x − median|) and the counts below and above Tukey's fences.

    >>> spread(Tabulation.from_counts(np.array([1, 2, 9]), np.array([2, 2, 1])), 2.0, 0.5, 3.5)
    {'mad_raw': 1.0, 'outliers_low': 0, 'outliers_high': 1}
    """
    distance = np.abs(table.values.astype(np.float64) - median)
    order = np.argsort(distance, kind="stable")
    return {
        "mad_raw": quantile(distance[order], table.counts[order], 0.5),
        "outliers_low": int(table.counts[table.values < fence_low].sum()),
        "outliers_high": int(table.counts[table.values > fence_high].sum()),
    }


def whiskers(table: Tabulation, stats: dict[str, Any]) -> dict[str, Any]:
    """Box-plot whisker ends: the most extreme values inside Tukey's fences (min/max when a fence is ±inf)."""
    low, high = stats.get("fence_low"), stats.get("fence_high")
    values = table.values
    whisker_low = whisker_high = None
    if low is not None and math.isfinite(low):
        inside = values[values >= low]
        whisker_low = inside[0].item() if inside.size else None
    if high is not None and math.isfinite(high):
        inside = values[values <= high]
        whisker_high = inside[-1].item() if inside.size else None
    return {
        "whisker_low": whisker_low if whisker_low is not None else stats.get("min"),
        "whisker_high": whisker_high if whisker_high is not None else stats.get("max"),
    }


def histogram_counts(table: Tabulation, edges: list[float]) -> list[int]:
    """Counts per bin by the rule of `engine.histogram` (same bin of each value as `histogram.bin_index`)."""
    k = len(edges) - 1
    if k < 1:
        return []
    if k == 1:
        return [table.n]
    scaled = histogram.scaled_position(table.values.astype(np.float64), edges)
    bins = np.clip(np.floor(scaled + histogram.FUZZ), 0, k - 1).astype(np.int64)
    out = np.zeros(k, dtype=np.int64)
    np.add.at(out, bins, table.counts)
    return [int(c) for c in out]
