"""Chart aggregates computed on the engine: histogram counts, box-plot whisker ends, counts over time and
missing-value patterns. Everything is a narwhals expression or a bounded `group_by`; no column is ever
collected into Python.

Histogram bins (the rule, also stated in the report's chart captions):

* width h = 2 · IQR · n^(-1/3) (Freedman & Diaconis 1981; R's `nclass.FD`), k = ceil((max - min) / h) bins,
  clamped to [MIN_BINS, MAX_BINS]. When IQR = 0 (over half the values tied) Sturges' k = ceil(log2 n) + 1.
* the width (max - min) / k is then rounded to the nearest 1, 2, 2.5 or 5 × 10^e and the edges put at its
  multiples, so bins read 3,500-3,750 rather than 3,491.7-3,818.2 (R's `hist` rounds with `pretty` likewise);
  the bin count stays within [MIN_BINS, MAX_BINS].
* integer-valued columns: a whole-number width with edges at half-integers, so every bin holds the same number
  of possible values; one bin per integer when the width would be 1 or less (e.g. years, counts, ratings).
* bins are [e_j, e_j+1), the last one closed, with R's tolerance: a value less than FUZZ (1e-7) bin widths
  below an edge counts in the bin above, exactly as R's `hist(right = FALSE, include.lowest = TRUE)`
  (so 0.3 lands in [0.3, 0.4) although 0.3 / 0.1 < 3 in floating point). The engine computes one bin
  index per value, floor((x - e_0) / w + FUZZ), and counts (column, bin) pairs in one `group_by` over the
  stacked index columns: two expressions per column whatever the bin count. Infinite values and NaN are
  missing, as everywhere in the profile.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import Any

import narwhals.stable.v2 as nw

MIN_BINS = 5
MAX_BINS = 50
FLOAT_MAX = sys.float_info.max
MAX_PATTERN_COLUMNS = 40  # the missing-pattern view is drawn when at most this many columns have gaps
TOP_PATTERNS = 12


def histogram_edges(
    lo: float | None, hi: float | None, n: int, q25: float | None, q75: float | None, integer: bool = False
) -> list[float]:
    """Bin edges for `n` finite values in [lo, hi] by the rule in the module docstring.

    >>> histogram_edges(1, 3, 100, 1.5, 2.5, integer=True)  # FD: h = 2 / 100^(1/3) < 1: one bin per integer
    [0.5, 1.5, 2.5, 3.5]
    >>> histogram_edges(0.0, 10.0, 1000, 2.5, 7.5)  # FD: h = 2 * 5 / 10 = 1
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    """
    if not n or lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    lo, hi = float(lo), float(hi)  # the engine bins float64 values: an integer beyond 2**53 as its nearest float
    if lo == hi:  # one value, or integers closer together than floats are at their size: one bin around it
        half = max(0.5, math.ulp(lo)) if integer else max(abs(lo) * 0.05, 0.5)
        return [_clamp(lo - half), _clamp(lo + half)]
    k = _bin_count(lo, hi, n, q25, q75)
    raw = 2 * (hi / 2 - lo / 2) / k  # the width k equal bins would have, computed without overflow
    if integer and raw <= 1 and hi - lo < 2**53:
        return [lo - 0.5 + j for j in range(int(hi - lo) + 2)]
    edges = None
    if math.isfinite(raw) and raw > 0:
        try:
            edges = _nice_edges(lo, hi, raw, integer)
        except (OverflowError, ValueError):  # near the float limits
            edges = None
    valid = edges and edges[0] <= lo and edges[-1] >= hi and 1 <= len(edges) - 1 <= MAX_BINS
    if not valid or not all(math.isfinite(e) for e in edges):  # at the float limits: k equal bins, min to max
        edges = sorted({lo * (1 - j / k) + hi * (j / k) for j in range(k + 1)})
        edges[0], edges[-1] = lo, hi
    return edges


NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def _bin_count(lo: float, hi: float, n: int, q25: float | None, q75: float | None) -> int:
    """Freedman-Diaconis k = ceil(range / (2 IQR n^(-1/3))), else Sturges; clamped to [MIN_BINS, MAX_BINS]."""
    half_range = hi / 2 - lo / 2
    iqr_half = (q75 / 2 - q25 / 2) if q25 is not None and q75 is not None else 0.0
    k = None
    if iqr_half > 0:
        ratio = half_range / (2 * iqr_half * n ** (-1 / 3))  # range / h, both halved so neither overflows
        k = math.ceil(ratio) if math.isfinite(ratio) else MAX_BINS
    if k is None:
        k = math.ceil(math.log2(n)) + 1
    return max(MIN_BINS, min(MAX_BINS, k))


def _nice_edges(lo: float, hi: float, raw: float, integer: bool) -> list[float] | None:
    """Edges at multiples of the 1-2-2.5-5 x 10^e width nearest `raw`, widened or narrowed until the
    bin count is within [MIN_BINS, MAX_BINS]; integer data get whole widths and half-integer edges."""
    widths = _nice_ladder(raw, integer)
    i = min(range(len(widths)), key=lambda j: abs(math.log(widths[j] / raw)))
    for _ in range(len(widths)):
        w = widths[i]
        offset = 0.5 if integer else 0.0
        first = math.floor((lo + offset) / w) * w - offset
        k = max(1, math.ceil((hi - first) / w))
        if k > MAX_BINS and i + 1 < len(widths):
            i += 1
        elif k < MIN_BINS and i > 0 and not (integer and widths[i - 1] < 1):
            i -= 1
        else:
            edges = sorted({float(f"{first + j * w:.12g}") for j in range(k + 1)})  # 0.6, not 0.6000000000000001
            edges[0], edges[-1] = min(edges[0], lo), max(edges[-1], hi)
            return edges if len(edges) > 1 and all(math.isfinite(e) for e in edges) else None
    return None


def _nice_ladder(raw: float, integer: bool) -> list[float]:
    exponent = math.floor(math.log10(raw))
    ladder = [m * 10.0**e for e in range(max(exponent - 2, -320), min(exponent + 3, 308)) for m in NICE_STEPS]
    if integer:
        ladder = [w for w in ladder if w >= 1 and w == int(w)]
    return [w for w in ladder if math.isfinite(w) and w > 0] or [raw]


def _clamp(value: float) -> float:
    return max(-FLOAT_MAX, min(FLOAT_MAX, value))


def whisker_exprs(x: nw.Expr, stats: dict[str, Any], key: str) -> list[nw.Expr]:
    """Box-plot whisker ends of one column: the most extreme values inside Tukey's fences (`read_whiskers`)."""
    exprs = []
    low, high = stats.get("fence_low"), stats.get("fence_high")
    if low is not None and math.isfinite(low):
        exprs.append(nw.when(x >= low).then(x).min().alias(f"{key}_wlo"))
    if high is not None and math.isfinite(high):
        exprs.append(nw.when(x <= high).then(x).max().alias(f"{key}_whi"))
    return exprs


def read_whiskers(row: dict[str, Any], stats: dict[str, Any], key: str) -> dict[str, Any]:
    """{'whisker_low', 'whisker_high'} from the aggregates of `whisker_exprs` (min/max when a fence is ±inf)."""
    wlo, whi = row.get(f"{key}_wlo"), row.get(f"{key}_whi")
    return {
        "whisker_low": _number(wlo) if wlo is not None else stats.get("min"),
        "whisker_high": _number(whi) if whi is not None else stats.get("max"),
    }


FUZZ = 1e-7  # in bin widths, as R's hist
MAX_STACKED_CELLS = 20_000_000  # rows x columns stacked into one histogram query (bounds its memory)

TINY_RANGE = 2.0**-900  # edges within ±this: the values are scaled by TINY_SCALE before they are binned
TINY_SCALE = 2.0**1000


def bin_index(x: nw.Expr, edges: list[float]) -> nw.Expr:
    """The histogram bin of each value of `x` (null stays null): floor((x - e_0) / w + FUZZ), clipped to
    [0, k - 1]; computed as x / w - e_0 / w when the values are near the float limits, so nothing overflows."""
    k = len(edges) - 1
    if k == 1:
        return nw.when(~x.is_null()).then(nw.lit(0))
    return (scaled_position(x, edges) + FUZZ).floor().clip(0, k - 1)


def scaled_position(x: Any, edges: list[float]) -> Any:
    """(x - e_0) / w in bin widths, for an expression or an array alike (`engine.tabulated` bins value counts).
    Values of subnormal size are multiplied by 2^1000 first (exact): polars divides by a number through its
    reciprocal, which overflows to inf for a width below 5.6e-309 (every value fell in the last bin)."""
    lo, hi = edges[0], edges[-1]
    if max(abs(lo), abs(hi)) < TINY_RANGE:
        x, lo, hi = x * TINY_SCALE, lo * TINY_SCALE, hi * TINY_SCALE
    width = 2 * (hi / 2 - lo / 2) / (len(edges) - 1)
    return x / width - lo / width if max(abs(lo), abs(hi)) > 1e300 else (x - lo) / width


def histogram_counts(work: nw.LazyFrame, columns: dict[str, tuple[nw.Expr, list[float]]], rows: int) -> dict:
    """Bin counts of several columns: each value's key c·(MAX_BINS + 1) + bin (c numbers the column) stacked into
    one column and counted by one `group_by` per batch of columns (batches bounded by MAX_STACKED_CELLS); one
    integer key groups about twice as fast as a (column, bin) pair. `columns` maps a name to (the column with
    non-finite values as null, its edges)."""
    names = [n for n, (_, edges) in columns.items() if len(edges) > 1]
    counts = {n: [0] * (len(columns[n][1]) - 1) for n in names}
    per_query = max(1, MAX_STACKED_CELLS // max(rows, 1))
    stride = MAX_BINS + 1
    for start in range(0, len(names), per_query):
        batch = names[start : start + per_query]
        parts = [
            work.select((bin_index(x, edges).cast(nw.Int32) + i * stride).alias("k")).filter(~nw.col("k").is_null())
            for i, (x, edges) in ((i, columns[n]) for i, n in enumerate(batch))
        ]
        stacked = parts[0] if len(parts) == 1 else nw.concat(parts, how="vertical")
        result = stacked.group_by("k").agg(nw.len().alias("n")).collect()
        for key, n in result.iter_rows():
            c, b = divmod(int(key), stride)
            counts[batch[c]][b] += int(n)
    return counts


def _number(value: Any) -> Any:
    value = value.item() if hasattr(value, "item") else value
    return float(value) if not isinstance(value, (int, float)) else value


# ---- counts over time ----------------------------------------------------------------------------------

RESOLUTIONS = ("minute", "hour", "day", "week", "month", "quarter", "year")
_TRUNCATE = {"minute": "1m", "hour": "1h", "day": "1d", "week": "1d", "month": "1mo", "quarter": "1q", "year": "1y"}


def time_resolution(lo: Any, hi: Any) -> str:
    """Pick the period from the span so a timeline has roughly 10 to 200 bars.

    >>> time_resolution(dt.date(2020, 1, 1), dt.date(2020, 2, 1))
    'day'
    >>> time_resolution(dt.date(1949, 1, 1), dt.date(1960, 12, 1))
    'month'
    """
    span = _as_datetime(hi) - _as_datetime(lo)
    days = span.total_seconds() / 86400
    if days <= 3 / 24 and isinstance(lo, dt.datetime):
        return "minute"
    if days <= 4 and isinstance(lo, dt.datetime):
        return "hour"
    if days <= 92:
        return "day"
    if days <= 3 * 366:
        return "week"
    if days <= 15 * 366:
        return "month"
    if days <= 60 * 366:
        return "quarter"
    return "year"


def time_counts(work: nw.LazyFrame, name: str, lo: Any, hi: Any, weight: str | None = None) -> dict[str, Any]:
    """Rows per period (engine `group_by` on the truncated value), at the resolution `time_resolution` picks.
    `weight`: a column of `work` holding how many rows each of its rows stands for (`work` is then a column's
    value counts, `engine.levels.counted`), summed instead of counting rows.

    Weeks start on Monday; they are folded from day counts (at most ~1,100 of them), since engines
    disagree on week truncation. Year counts spanning more than 150 years are folded into decades or
    centuries. Periods are ISO strings of each period's first instant.
    """
    resolution = time_resolution(lo, hi)
    if isinstance(work, nw.DataFrame) and weight is not None and nw.get_native_namespace(work).__name__ == "polars":
        periods, counts = _weighted_periods(work.to_native(), name, weight, _TRUNCATE[resolution])
    else:
        t = nw.col(name).dt.truncate(_TRUNCATE[resolution]).alias("t")
        n = nw.len() if weight is None else nw.col(weight).cast(nw.Int64).sum()
        rows = work.select(t) if weight is None else work.select(t, weight)
        grouped = rows.filter(~nw.col("t").is_null()).group_by("t").agg(n.alias("n")).sort("t")
        df = grouped.collect()
        periods = [_as_datetime(v) for v in df["t"].to_list()]
        counts = [int(v) for v in df["n"].to_list()]
    if resolution == "week":
        periods, counts = _fold(periods, counts, lambda p: p - dt.timedelta(days=p.weekday()))
    if resolution == "year" and periods and periods[-1].year - periods[0].year > 150:
        step = 10 if periods[-1].year - periods[0].year <= 1500 else 100
        resolution = "decade" if step == 10 else "century"
        periods, counts = _fold(periods, counts, lambda p: p.replace(year=max(1, p.year // step * step)))
    periods, counts = _fill_gaps(periods, counts, resolution)
    date_only = not isinstance(lo, dt.datetime) or resolution not in ("minute", "hour")
    return {
        "resolution": resolution,
        "periods": [p.date().isoformat() if date_only else p.isoformat() for p in periods],
        "counts": counts,
    }


def _weighted_periods(counted: Any, name: str, weight: str, every: str) -> tuple[list[dt.datetime], list[int]]:
    """`time_counts` of a collected polars frame of value counts (a few thousand rows): the values truncated by
    the Series, the weights summed per period by numpy, in time order. The same periods and sums as the engine's
    `group_by`, which on this small frame would wait for polars' thread pool, kept busy by the profile's
    table-wide queries meanwhile (flights 10x: 0.07-0.3 s before the sections start)."""
    import numpy as np

    t = counted.get_column(name).dt.truncate(every)
    kept = np.flatnonzero(t.is_not_null().to_numpy())
    stamps = t.to_physical().to_numpy()[kept]
    _, first, period = np.unique(stamps, return_index=True, return_inverse=True)
    sums = np.zeros(first.size, dtype=np.int64)
    np.add.at(sums, period, counted.get_column(weight).to_numpy()[kept].astype(np.int64))
    return [_as_datetime(v) for v in t.gather(kept[first]).to_list()], sums.tolist()


def _next_period(p: dt.datetime, resolution: str) -> dt.datetime:
    fixed = {"minute": dt.timedelta(minutes=1), "hour": dt.timedelta(hours=1), "day": dt.timedelta(days=1)}
    if resolution in fixed:
        return p + fixed[resolution]
    if resolution == "week":
        return p + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[resolution]
    total = p.year * 12 + p.month - 1 + months
    if resolution == "century" and p.year == 1:  # the first century is folded onto year 1, not year 0
        total -= 12
    return p.replace(year=total // 12, month=total % 12 + 1)


def _fill_gaps(periods: list[dt.datetime], counts: list[int], resolution: str) -> tuple[list, list[int]]:
    """Put in the periods without rows (count 0), so a timeline shows gaps rather than bridging them."""
    if len(periods) < 2:
        return periods, counts
    have = dict(zip(periods, counts, strict=True))
    filled, p = [], periods[0]
    while p <= periods[-1] and len(filled) < 10_000:
        filled.append(p)
        if p.year >= 9999 and resolution not in ("minute", "hour", "day", "week"):
            break
        try:
            p = _next_period(p, resolution)
        except (OverflowError, ValueError):
            break
    filled = sorted(set(filled) | set(periods))
    return filled, [have.get(p, 0) for p in filled]


def _fold(periods: list[dt.datetime], counts: list[int], key: Any) -> tuple[list[dt.datetime], list[int]]:
    out: dict[dt.datetime, int] = {}
    for p, c in zip(periods, counts, strict=True):
        k = key(p)
        out[k] = out.get(k, 0) + c
    keys = sorted(out)
    return keys, [out[k] for k in keys]


def _as_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    raise TypeError(f"not a date or datetime: {value!r}")


# ---- missing-value patterns -----------------------------------------------------------------------------


_CODE_TYPES = ((7, nw.Int8), (15, nw.Int16), (31, nw.Int32), (63, nw.Int64))  # signed: Spark has no unsigned types


def missing_patterns(work: nw.LazyFrame, missing: dict[str, nw.Expr], rows: int) -> dict[str, Any]:
    """The most common combinations of missing columns, with exact full-data row counts.

    `missing` maps each column that has gaps (at most `MAX_PATTERN_COLUMNS`) to a boolean expression "this cell
    is missing". The flags of a row are packed into the bits of one integer, the first column's the highest, and
    one `group_by` counts those codes (an integer key instead of one key per flag: flights × 10, six columns,
    0.057 → 0.037 CPU-s); only the TOP_PATTERNS most frequent come back to Python, ties in the order of the
    flags (missing after present, the first column first).
    """
    names = list(missing)
    last = len(names) - 1
    bits = next(dtype for width, dtype in _CODE_TYPES if len(names) <= width)  # the narrowest, the quickest
    code = nw.sum_horizontal(*(flag.cast(bits) * (1 << (last - i)) for i, flag in enumerate(missing.values())))
    top = (
        work.select(code.alias("code"))
        .group_by("code")
        .agg(nw.len().alias("n"))
        .sort(["n", "code"], descending=[True, False])
        .head(TOP_PATTERNS)
        .collect()
    )
    codes, counts = [int(c) for c in top["code"].to_list()], [int(n) for n in top["n"].to_list()]
    patterns = [[bool(c >> (last - i) & 1) for i in range(len(names))] for c in codes]
    return {"columns": names, "patterns": patterns, "counts": counts, "other_rows": rows - sum(counts)}
