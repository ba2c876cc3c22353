"""The probability view of one column: its mode(s) and the entropy of its level shares.

Mode and entropy (per column, from exact full-data level counts, `engine.levels`):

* mode: the most frequent value(s), every tie reported. For continuous values (a numeric or date column with
  non-integer values or more than `DISCRETE_LEVELS` distinct values) the exact value that repeats most is an
  artefact of rounding unless it holds a real share of the rows: when it holds less than `MIN_MODE_SHARE` the
  mode is called not meaningful and the histogram's modal bin (or the busiest period) is given instead.
* Shannon entropy of the level shares p_i (categorical columns and discrete numeric ones, up to
  `engine.levels.MAX_LEVELS` levels): H = −Σ p_i log2 p_i bits (Shannon 1948; `scipy.stats.entropy`), and the
  normalised entropy H / log2 K for K observed levels: 0 when one level holds every row, 1 when all K are equally
  common. The plug-in H is biased low when n is not large against K; the Miller–Madow correction
  H + (K − 1) / (2 n ln 2) is kept alongside (Miller 1955).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.engine.levels import MAX_LEVELS

DISCRETE_LEVELS = 50  # whole numbers with at most this many distinct values are discrete (counts, ratings)
MIN_MODE_SHARE = 0.05  # a continuous column's mode must hold at least this share of values to be meaningful
MAX_TIES = 10  # modal values listed (all are counted)


@dataclass
class ModeSummary:
    """The most frequent value(s) of a column, and for continuous data the histogram's modal bin."""

    n: int  # present values
    distinct: int
    values: list[Any] = field(default_factory=list)  # the modal values (at most MAX_TIES listed), in value order
    count: int | None = None  # rows holding each modal value
    ties: int = 0  # how many values share the top count
    ties_exact: bool = True  # False: at least `ties` values tie (only the most frequent were counted)
    meaningful: bool = True
    reason: str = ""  # why the mode is not meaningful
    continuous: bool = False
    bin: list[Any] | None = None  # [low, high] of the modal histogram bin, or [period] for dates
    bin_count: int | None = None
    bin_ties: int = 0  # bins sharing the top count
    bin_kind: str = ""  # "histogram" or the time resolution ("month", ...)

    @property
    def share(self) -> float | None:
        return self.count / self.n if self.count is not None and self.n else None


@dataclass
class EntropySummary:
    """Shannon entropy of a column's level shares, in bits; `bits` is None with a `reason` when not computed."""

    n: int
    levels: int
    bits: float | None = None
    normalized: float | None = None  # bits / log2(levels): 0 = one level, 1 = all equally common
    max_bits: float | None = None  # log2(levels)
    miller_madow: float | None = None  # bias-corrected bits: bits + (levels − 1) / (2 n ln 2)
    reason: str = ""


def entropy_bits(counts: Any) -> tuple[float, float]:
    """(H, H / log2 K) of level counts: H = −Σ p log2 p in bits; the normalised value is 0 for one level.

    >>> entropy_bits([5, 5])
    (1.0, 1.0)
    >>> [round(v, 6) for v in entropy_bits([2, 1, 1])]
    [1.5, 0.946395]
    """
    from scipy.special import entr  # -p ln p; the sum below is scipy.stats.entropy's, without importing scipy.stats

    c = np.asarray(counts, dtype=float)
    c = c[c > 0]
    h = float(np.sum(entr(c / np.sum(c))) / np.log(2)) if c.size else 0.0
    h = max(h, 0.0)  # -0.0 and rounding below zero for one level
    return h, (h / math.log2(c.size) if c.size > 1 else 0.0)


def is_continuous(role: str, distinct: int, fractional: int | None) -> bool:
    """Numeric or date values are continuous when non-integer or when they have many distinct values."""
    if role == "numeric":
        return bool(fractional) or distinct > DISCRETE_LEVELS
    return role == "datetime" and distinct > DISCRETE_LEVELS


def column_mode(
    role: str,
    n: int,
    distinct: int,
    values: list[Any] | None,
    counts: list[int] | None,
    complete: bool,
    *,
    fractional: int | None = None,
    chart: dict[str, Any] | None = None,
) -> ModeSummary | None:
    """The mode of a column from its level counts (most frequent first, ties in value order).

    `complete` says every level is in `counts`; otherwise only the most frequent ones are, and a tie running to
    the end of the list is reported as "at least". `chart` holds the histogram (hist_edges, hist_counts) or the
    counts over time (periods, counts) from which the modal bin of continuous data is read. None when the column
    has no values or its counts are unknown.

    >>> m = column_mode("categorical", 6, 3, ["a", "b", "c"], [3, 2, 1], True)
    >>> m.values, m.count, m.ties, m.meaningful
    (['a'], 3, 1, True)
    """
    if n <= 0:
        return None
    continuous = is_continuous(role, distinct, fractional)
    out = ModeSummary(n=n, distinct=distinct, continuous=continuous)
    if distinct >= n and n > 1:  # every value appears once
        out.count, out.ties, out.meaningful = 1, n, False
        out.reason = f"every value appears once ({n:,} distinct values)"
    elif not counts:
        return None
    else:
        top = counts[0]
        tied = [v for v, c in zip(values or [], counts, strict=True) if c == top]
        out.count, out.ties = top, len(tied)
        out.values = tied[:MAX_TIES]
        out.ties_exact = complete or len(tied) < len(counts)
        if out.ties_exact and out.ties == distinct and distinct > 1:
            out.meaningful = False
            out.reason = f"all {distinct:,} values are equally common ({top:,} rows each)"
        elif continuous and top / n < MIN_MODE_SHARE:
            out.meaningful = False
            if distinct > n / 2:
                out.reason = f"most values are unique ({distinct:,} distinct values among {n:,})"
            else:
                out.reason = (
                    f"no exact value stands out: the most common holds {100 * top / n:.1f} % of the values, "
                    "and on a continuous scale which value repeats most depends on rounding"
                )
    if continuous and chart:
        _modal_bin(out, chart)
    return out


def _modal_bin(out: ModeSummary, chart: dict[str, Any]) -> None:
    if chart.get("hist_counts") and chart.get("hist_edges"):
        counts, edges = chart["hist_counts"], chart["hist_edges"]
        top = max(counts)
        j = counts.index(top)
        out.bin, out.bin_count, out.bin_kind = [edges[j], edges[j + 1]], int(top), "histogram"
        out.bin_ties = sum(c == top for c in counts)
    elif chart.get("counts") and chart.get("periods"):
        counts, periods = chart["counts"], chart["periods"]
        top = max(counts)
        j = counts.index(top)
        out.bin, out.bin_count, out.bin_kind = [periods[j]], int(top), str(chart.get("resolution", "period"))
        out.bin_ties = sum(c == top for c in counts)


def column_entropy(
    role: str, n: int, distinct: int, counts: list[int] | None, complete: bool, *, fractional: int | None = None
) -> EntropySummary | None:
    """Entropy of a categorical, true/false, constant or discrete numeric column; None for other columns.

    >>> e = column_entropy("categorical", 4, 2, [2, 2], True)
    >>> e.bits, e.normalized
    (1.0, 1.0)
    """
    discrete_numeric = role == "numeric" and not is_continuous(role, distinct, fractional)
    if n <= 0 or not (role in ("categorical", "boolean", "constant") or discrete_numeric):
        return None
    if counts and complete:
        levels = len(counts)
    elif distinct >= n:  # every value distinct: n levels of one row each
        counts, levels = [1] * n, n
    else:
        return EntropySummary(
            n=n,
            levels=distinct,
            reason=f"not computed: {distinct:,} levels, more than the {MAX_LEVELS:,} whose counts are collected",
        )
    bits, normalized = entropy_bits(counts)
    return EntropySummary(
        n=n,
        levels=levels,
        bits=bits,
        normalized=normalized,
        max_bits=math.log2(levels) if levels > 1 else 0.0,
        miller_madow=bits + (levels - 1) / (2 * n * math.log(2)),
    )


def column_probability(summary: Any, levels: Any | None) -> tuple[ModeSummary | None, EntropySummary | None]:
    """Mode and entropy of one profiled column (`engine.profile.ColumnSummary`) from its level counts
    (`engine.levels.LevelCounts`, or None: then the profile's top values are used where there are any)."""
    role = summary.role
    if role in ("empty", "unsupported", "identifier"):
        if role == "identifier" and summary.count:
            return column_mode(role, summary.count, summary.distinct, None, None, False), None
        return None, None
    numeric = summary.numeric or {}
    n = int(numeric.get("count") or 0) if role == "numeric" else summary.count
    fractional = numeric.get("fractional")
    if levels is not None:
        values, counts, complete = list(levels.values), list(levels.counts), bool(levels.complete)
    elif summary.top_values:
        values = [v for v, _ in summary.top_values]
        counts = [int(c) for _, c in summary.top_values]
        complete = len(counts) >= summary.distinct
    else:
        values, counts, complete = None, None, False
    mode = column_mode(
        role, n, summary.distinct, values, counts, complete, fractional=fractional, chart=summary.chart or None
    )
    entropy = column_entropy(role, n, summary.distinct, counts, complete, fractional=fractional)
    return mode, entropy
