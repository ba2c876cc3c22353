"""Ranks of a pair's complete observations, read from each column's sort order computed once.

Spearman's rho and Kendall's tau need, for every pair of columns, the ranks of each column among the rows where
both are present (pairwise deletion). Sorting each column anew for every pair (and again for its ties) repeats the
same O(n log n) work: a column in k pairs was sorted about 4k times. Here a column is sorted once (`SortedColumn`,
a stable argsort); a pair keeps the rows of that order where both values are present, which is still sorted, and
reads the mid-ranks (`scipy.stats.rankdata(method="average")`), the dense ranks and the sizes of the groups of
tied values from it in linear time (`pair_ranks`). The ranks are exact (whole numbers and halves), so they are
the very numbers rankdata gives on the pair's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.stats._inputs import as_float_array


class SortedColumn:
    """One column's values as floats, which of them are finite, and the stable sort order of the finite ones (the
    others after them): computed once and shared by every pair of the column."""

    def __init__(self, values: Any, name: str = "x") -> None:
        self.values = as_float_array(values, name)
        self.finite = np.isfinite(self.values)
        self.order = np.argsort(_small_integers(self.values, self.finite), kind="stable")


def _small_integers(values: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """The sort key of `values`, the non-finite ones mapped past the finite: 16-bit integers when the finite values
    are whole numbers that fit, which numpy sorts stably in linear time (radix sort) and in the same order as the
    floats; else the floats."""
    present = values[finite]
    top = np.iinfo(np.int16).max
    if not present.size or present.min() < -top - 1 or present.max() >= top or np.any(present != np.round(present)):
        return values if present.size == values.size else np.where(finite, values, np.inf)
    return np.where(finite, values, top).astype(np.int16)


@dataclass
class Ranked:
    """One column's ranks among a pair's complete observations (`n` of them, in the pair's row order)."""

    mid: np.ndarray  # mid-ranks 1 … n, ties sharing their average rank (rankdata's "average")
    dense: np.ndarray  # 1 … k for the k distinct values, small unsigned integers when k allows
    order: np.ndarray  # the positions sorted by value (stable)
    counts: np.ndarray  # sizes of the groups of equal values, in value order
    first: float  # one of the values (what a constant column equals)

    @property
    def distinct(self) -> int:
        return int(self.counts.size)

    @property
    def ties(self) -> bool:
        return bool(self.counts.size < self.mid.size)


def complete(x: SortedColumn, y: SortedColumn) -> np.ndarray:
    """The rows where both values are finite (the pair's complete observations)."""
    if x.values.size != y.values.size:
        from edakit.errors import EdakitError

        raise EdakitError(
            f"x and y must have the same length to be paired; got {x.values.size} and {y.values.size} values."
        )
    return x.finite & y.finite


def pair_ranks(col: SortedColumn, keep: np.ndarray, positions: np.ndarray | None = None) -> Ranked:
    """The ranks of `col` among the rows `keep` (a boolean mask), read from its sort order in linear time.
    `positions`: each row's position among the kept rows (`np.cumsum(keep) - 1`), shared by both columns."""
    n = int(keep.sum())
    if positions is None:
        positions = np.cumsum(keep) - 1
    rows = col.order[keep[col.order]]  # the kept rows, still sorted by value
    v = col.values[rows]
    new = np.ones(n, dtype=bool)
    np.not_equal(v[1:], v[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    counts = np.diff(starts, append=n)
    order = positions[rows]
    mid = np.empty(n)
    mid[order] = np.repeat(starts + 1 + (counts - 1) / 2, counts)
    dense = np.empty(n, dtype=np.uint16 if counts.size <= np.iinfo(np.uint16).max else np.intp)
    dense[order] = np.repeat(np.arange(1, counts.size + 1), counts)
    return Ranked(mid, dense, order, counts, float(v[0]) if n else float("nan"))
