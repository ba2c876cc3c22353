"""Chart inputs: the numbers each chart draws, gathered from the full-data profile and the seeded sample.

This is the analyse stage's share of the charts; `edakit.sections.charts` makes them Charts of the Report,
drawing happens in `edakit.render.charts` and the words in `edakit.explain.charts`. Every input is bounded in
size whatever the row count:

* histogram: the engine's bins and counts (at most 50 bins), mean and median from the full data;
* box plot: exact full-data quartiles, whisker ends (the most extreme values inside Tukey's fences) and
  outlier counts; outlier *points* are the full-data minimum/maximum plus up to MAX_OUTLIER_POINTS per side
  from the sample;
* normal QQ plot: the sample's order statistics against normal quantiles at R's `ppoints(n)`
  (a = 3/8 for n <= 10, else 1/2), thinned to at most MAX_QQ_POINTS (every point in both tails, evenly
  spaced in the middle), with the reference line through the quartiles as R's `qqline` draws it;
* bars: top values with their Wilson intervals, plus "other";
* timeline: the engine's counts per period;
* missing values per column, and the most common missing-value patterns (exact, full data).

A builder raises `NoChart` when a chart makes no sense; its message becomes the chart's note.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from edakit.stats.proportion import wilson_interval

if TYPE_CHECKING:
    from edakit.model import ColumnReport

MAX_QQ_POINTS = 200
QQ_TAIL_POINTS = 25  # points kept at each end before thinning the middle
MAX_OUTLIER_POINTS = 50  # per side
MIN_BOX_N = 5
MIN_QQ_N = 3
MAX_MISSING_BARS = 60
MAX_PATTERN_COLUMNS = 40


class NoChart(Exception):
    """Raised by a data builder when a chart makes no sense; the message becomes the chart's note."""


@dataclass
class BoxStats:
    """A box plot's numbers from a set of values: type-7 quartiles, mean, Tukey's fences (1.5 IQR beyond the
    quartiles, unless given), whisker ends (the most extreme values inside the fences) and outlier points."""

    q25: float
    median: float
    q75: float
    mean: float | None
    whisker_low: float | None  # None when no value lies inside the fences
    whisker_high: float | None
    fence_low: float | None
    fence_high: float | None
    n: int
    outliers_low: list[float] = field(default_factory=list)  # at most `max_outliers` points, evenly spread
    outliers_high: list[float] = field(default_factory=list)

    @property
    def outliers(self) -> list[float]:
        return [*self.outliers_low, *self.outliers_high]


def box_statistics(
    values: Any,
    max_outliers: int,
    fences: tuple[float | None, float | None] | None = None,
    *,
    ordered: bool = False,
) -> BoxStats | None:
    """The box-plot statistics of the finite `values` (one implementation for every box plot of the report), with
    at most `max_outliers` outlier points per side, evenly spread and always including the most extreme value.
    `fences` replaces Tukey's fences computed from these values (e.g. the full-data fences when `values` is a
    sample; None for a side without a fence). `ordered`: `values` are already `finite_sorted` (a float array),
    so they are not sorted again. None when there is no finite value.

    >>> b = box_statistics([1.0, 2, 3, 4, 100], 30)
    >>> b.q25, b.median, b.q75, b.whisker_high, b.outliers
    (2.0, 3.0, 4.0, 4.0, [100.0])
    """
    v = values if ordered else finite_sorted(values)
    if not v.size:
        return None
    q1, med, q3 = (float(x) for x in np.quantile(v, [0.25, 0.5, 0.75]))
    low, high = (q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)) if fences is None else fences
    inside = v[(v >= (low if low is not None else -np.inf)) & (v <= (high if high is not None else np.inf))]
    with np.errstate(over="ignore"):  # values near ±1.8e308: the sum overflows, and the box has no mean
        mean = float(v.mean())
    outliers = outlier_points(v, low, high, max_outliers)
    return BoxStats(
        q25=q1,
        median=med,
        q75=q3,
        mean=mean if np.isfinite(mean) else None,
        whisker_low=float(inside.min()) if inside.size else None,
        whisker_high=float(inside.max()) if inside.size else None,
        fence_low=low,
        fence_high=high,
        n=int(v.size),
        outliers_low=outliers[0],
        outliers_high=outliers[1],
    )


def outlier_points(ordered: np.ndarray, low: float | None, high: float | None, limit: int) -> tuple[list, list]:
    """The sorted values `ordered` below the fence `low` and above `high` (None: no fence on that side), at most
    `limit` a side, evenly spread and always including the most extreme value."""
    lows = _spread_pick(ordered[ordered < low], limit) if low is not None else []
    return lows, _spread_pick(ordered[ordered > high], limit) if high is not None else []


def histogram_data(col: ColumnReport, chart: dict[str, Any]) -> dict[str, Any]:
    d = col.numeric
    if d is None or d.n == 0:
        raise NoChart("No finite values: there is nothing to draw.")
    if not chart.get("hist_counts"):
        raise NoChart("No histogram was computed for this column.")
    return {
        "edges": chart["hist_edges"],
        "counts": chart["hist_counts"],
        "n": d.n,
        "missing": d.missing,
        "non_finite": d.non_finite,
        "mean": d.mean,
        "median": d.median,
        "min": d.min,
        "max": d.max,
    }


def box_data(col: ColumnReport, chart: dict[str, Any], ordered: np.ndarray, sampled: bool) -> dict[str, Any]:
    """The box plot: full-data quartiles and whiskers; outlier points from `ordered`, the sample's finite values
    sorted (`finite_sorted`)."""
    d = col.numeric
    if d is None or d.n == 0:
        raise NoChart("No finite values: there is nothing to draw.")
    if d.n < MIN_BOX_N:
        raise NoChart(f"Only {d.n} value(s): too few for a box plot; the statistics table lists them all.")
    low, high = d.fence_low, d.fence_high
    # quartiles and whiskers are the exact full-data ones; only the outlier points come from the sample, beyond
    # the full-data fences (up to MAX_OUTLIER_POINTS a side: one box per chart has room for more points than the
    # side-by-side group boxes of the comparison section)
    lows, highs = outlier_points(ordered, low, high, MAX_OUTLIER_POINTS)
    if low is not None and d.min < low and d.min not in lows:  # the exact extremes are always shown
        lows = [d.min, *lows]
    if high is not None and d.max > high and d.max not in highs:
        highs = [*highs, d.max]
    return {
        "q25": d.q25,
        "median": d.median,
        "q75": d.q75,
        "mean": d.mean,
        "whisker_low": chart.get("whisker_low", d.min),
        "whisker_high": chart.get("whisker_high", d.max),
        "fence_low": low,
        "fence_high": high,
        "outliers": lows + highs,
        "outliers_low": d.outliers_low,
        "outliers_high": d.outliers_high,
        "n": d.n,
        "sampled": sampled,
    }


def qq_data(col: ColumnReport, ordered: np.ndarray, sampled: bool) -> dict[str, Any]:
    """Normal QQ points: the sorted sample values `ordered` (`finite_sorted`) against qnorm(ppoints(n)), thinned;
    line as R's qqline."""
    d = col.numeric
    values = ordered
    n = values.size
    if n < MIN_QQ_N:
        raise NoChart(f"Only {n} value(s): a QQ plot needs at least {MIN_QQ_N}.")
    if values[0] == values[-1]:
        raise NoChart("Every value is the same: there is no shape to compare with a normal distribution.")
    from scipy.special import ndtri  # the standard normal quantile function (R's qnorm), vectorised

    z25, z75 = float(ndtri(0.25)), float(ndtri(0.75))
    q25, q75 = (d.q25, d.q75) if d is not None and d.q25 is not None else np.quantile(values, [0.25, 0.75])
    slope = (q75 - q25) / (z75 - z25)
    intercept = q25 - slope * z25
    scores = normal_scores(n)
    return {
        "theoretical": list(scores.theoretical),
        "sample": values[scores.keep].tolist(),
        "n": int(n),
        "shown": len(scores.keep),
        "slope": float(slope),
        "intercept": float(intercept),
        "sampled": sampled,
        **qq_tails(values[scores.tails], scores.tail_z, scores.tail_probs, slope, intercept, q75 - q25),
    }


@dataclass(frozen=True)
class NormalScores:
    """What a QQ plot of n sorted values takes from n alone: the order statistics drawn (`keep`) and their normal
    quantiles, and those of the lowest and highest 10 % (`tails`: positions, ppoints and normal quantiles)."""

    keep: np.ndarray
    theoretical: tuple[float, ...]
    tails: np.ndarray
    tail_probs: np.ndarray
    tail_z: np.ndarray


@functools.lru_cache(maxsize=8)
def normal_scores(n: int) -> NormalScores:
    """The `NormalScores` of n values, computed once for every column with n sampled values (a sample's columns
    without missing values share one n): the normal quantiles of 20 % of n points are most of a QQ plot's work."""
    from scipy.special import ndtri

    probs = ppoints(n)
    keep = qq_indices(n)
    # the normal quantiles of the points drawn and of the lowest and highest 10 % (the tails), not of every point
    tails = np.r_[0 : np.searchsorted(probs, 0.1), np.searchsorted(probs, 0.9, side="right") : n]
    tail_probs = probs[tails]
    out = NormalScores(keep, tuple(ndtri(probs[keep]).tolist()), tails, tail_probs, ndtri(tail_probs))
    for array in (out.keep, out.tails, out.tail_probs, out.tail_z):
        array.flags.writeable = False  # shared by every caller with this n
    return out


def qq_tails(values: np.ndarray, z: np.ndarray, probs: np.ndarray, slope: float, intercept: float, iqr: float) -> dict:
    """Where the QQ points sit relative to the line in each tail: the mean vertical distance of the lowest and
    highest 10 % of points from the line, in IQR units (positive: above the line). About 0 for normal data;
    e.g. a long right tail gives `tail_high` > 0, a short left tail `tail_low` > 0. `values`, `z` and `probs` may
    be those of the tails alone (the points with probs < 0.1 or > 0.9)."""
    if not iqr or not np.isfinite(iqr):
        return {"tail_low": None, "tail_high": None}
    with np.errstate(over="ignore", invalid="ignore"):
        resid = (values - (intercept + slope * z)) / iqr
    low, high = resid[probs < 0.1], resid[probs > 0.9]
    return {
        "tail_low": float(low.mean()) if low.size and np.isfinite(low).all() else None,
        "tail_high": float(high.mean()) if high.size and np.isfinite(high).all() else None,
    }


def ppoints(n: int, at: np.ndarray | None = None) -> np.ndarray:
    """R's ppoints: (i - a) / (n + 1 - 2a), a = 3/8 if n <= 10 else 1/2; with `at` (0-based positions), only
    those points (`ppoints(n)[at]`, the same numbers).

    >>> ppoints(3).round(4).tolist()
    [0.1923, 0.5, 0.8077]
    """
    a = 3 / 8 if n <= 10 else 1 / 2
    i = np.arange(1, n + 1) if at is None else np.asarray(at) + 1
    return (i - a) / (n + 1 - 2 * a)


def qq_indices(n: int, limit: int = MAX_QQ_POINTS, tail: int = QQ_TAIL_POINTS) -> np.ndarray:
    """Which order statistics to draw: all when n <= limit, else `tail` at each end and the rest evenly spaced.

    >>> qq_indices(5).tolist()
    [0, 1, 2, 3, 4]
    >>> idx = qq_indices(10_000); len(idx), idx[:2].tolist(), idx[-1].item()
    (200, [0, 1], 9999)
    """
    if n <= limit:
        return np.arange(n)
    middle = np.linspace(tail, n - 1 - tail, limit - 2 * tail).round().astype(int)
    return np.unique(np.concatenate([np.arange(tail), middle, np.arange(n - tail, n)]))


def bars_data(col: ColumnReport, conf_level: float) -> dict[str, Any]:
    present = col.rows - col.missing
    if not col.top_values or present <= 0:
        raise NoChart("No values: there is nothing to draw.")
    other = None
    if col.other_count:
        lo, hi = wilson_interval(col.other_count, present, conf_level)
        other = {"count": col.other_count, "proportion": col.other_count / present, "ci": [lo, hi]}
    bars = col.top_values
    if col.kind == "code" and not other:  # ordered codes (1, 2, 3): the bars in the codes' order
        bars = sorted(bars, key=lambda t: t.value)
    return {
        "labels": [_label(t.value) for t in bars],
        "counts": [t.count for t in bars],
        "proportions": [t.proportion for t in bars],
        "ci_low": [t.ci[0] for t in bars],
        "ci_high": [t.ci[1] for t in bars],
        "other": other,
        "n": present,
        "distinct": col.distinct,
        "missing": col.missing,
        "conf_level": conf_level,
    }


def timeline_data(col: ColumnReport, chart: dict[str, Any]) -> dict[str, Any]:
    if not chart.get("counts"):
        raise NoChart("No dates to count.")
    counts = chart["counts"]
    if len(counts) > 2 and len(set(counts)) == 1:  # a regular series: rows per period would draw a flat line
        unit = chart.get("resolution", "period")
        rows = "1 row" if counts[0] == 1 else f"{counts[0]:,} rows"
        raise NoChart(
            f"Every {unit} from {chart['periods'][0]} to {chart['periods'][-1]} has exactly {rows}: the dates are "
            f"evenly spaced with no gaps, so a chart of rows per {unit} would be a flat line. The Time series section "
            "plots the table's numeric columns against these dates."
        )
    return {**chart, "n": col.rows - col.missing, "missing": col.missing}


def missing_data(columns: list[ColumnReport], rows: int) -> dict[str, Any]:
    if not columns or rows == 0:
        raise NoChart("The table has no rows.")
    gaps = sum(1 for c in columns if c.missing)
    if not gaps:
        raise NoChart("No column has missing values.")
    shown = columns
    if len(columns) > MAX_MISSING_BARS:
        shown = sorted(columns, key=lambda c: -c.missing)[:MAX_MISSING_BARS]
    return {
        "columns": [c.name for c in shown],
        "missing": [c.missing for c in shown],
        "rows": rows,
        "total_columns": len(columns),
        "columns_with_missing": gaps,
        "top_only": len(shown) < len(columns),
    }


def pattern_data(patterns: dict[str, Any] | None, gaps: int, rows: int) -> dict[str, Any]:
    if patterns is None:
        raise NoChart(
            f"{gaps:,} columns have missing values; patterns are shown for up to {MAX_PATTERN_COLUMNS} such columns."
        )
    return {**patterns, "rows": rows}


def finite_sorted(sample: Any) -> np.ndarray:
    """The finite values of `sample` (a polars Series, an array or None) as sorted floats: what the box plot and
    the QQ plot of a column both draw from, sorted once."""
    if sample is None:
        return np.array([], dtype=float)
    if hasattr(sample, "drop_nulls") and sample.dtype.is_integer():
        # whole numbers (no NaN or inf) ordered as they are held, then turned into floats (rounding keeps the
        # order, so the same array as sorting the floats)
        return _sorted_whole(sample.drop_nulls().to_numpy()).astype(float)
    values = np.asarray(sample.drop_nulls().cast(float).to_numpy() if hasattr(sample, "drop_nulls") else sample, float)
    finite = values[np.isfinite(values)]  # a new array: sorted in place
    finite.sort()
    return finite


def _sorted_whole(values: np.ndarray) -> np.ndarray:
    """Integers sorted: counted over their span (`bincount`, then each value repeated its count) when the span is
    at most a few times their number (minutes, delays, codes: a twentieth of numpy's sort of 64-bit integers,
    which is no radix sort), else by numpy's sort."""
    if not values.size:
        return values
    low, high = int(values.min()), int(values.max())
    if high - low > max(4 * values.size, 1024):
        return np.sort(values)
    # offsets from the lowest value (in the values' own type when unsigned, where they cannot wrap)
    shifted = values - values.dtype.type(low) if values.dtype.kind == "u" else values.astype(np.int64) - low
    counts = np.bincount(shifted.astype(np.intp, copy=False), minlength=high - low + 1)
    return np.repeat(np.arange(low, high + 1, dtype=values.dtype), counts)


def _spread_pick(values: np.ndarray, limit: int) -> list[float]:
    """At most `limit` of the sorted `values`, evenly spread and always including both ends."""
    if values.size <= limit:
        return values.tolist()
    return values[np.linspace(0, values.size - 1, limit).round().astype(int)].tolist()


def _label(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
