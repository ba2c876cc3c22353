"""Ranks of a pair's complete observations, read from each column's ranks computed once.

Spearman's rho and Kendall's tau need, for every pair of columns, the ranks of each column among the rows where
both are present (pairwise deletion). Sorting each column anew for every pair (and again for its ties) repeats the
same O(n log n) work: a column in k pairs was sorted about 4k times. Here a column is sorted once (`SortedColumn`,
a stable argsort) and each row given its dense rank among the column's finite values; a pair keeps the rows where
both values are present, and a column's mid-ranks among them (`scipy.stats.rankdata(method="average")`), dense
ranks and sizes of the groups of tied values follow in linear time from those dense ranks and a count of each
value's kept rows (`pair_ranks`): a gather from a table of k values, no pass over the sort order per pair. The
ranks are exact (whole numbers and halves), so they are the very numbers rankdata gives on the pair's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from edakit.stats._inputs import as_float_array


class SortedColumn:
    """One column's values as floats, which of them are finite, the stable sort order of the finite ones (the
    others after them), each row's dense rank among the finite values (1 … k; 0 for the others), the sizes of the
    k groups of equal values and the values themselves: computed once and shared by every pair of the column."""

    def __init__(self, values: Any, name: str = "x") -> None:
        self.values = as_float_array(values, name)
        self.finite = np.isfinite(self.values)
        self.order = np.argsort(_small_integers(self.values, self.finite), kind="stable")
        self.n_finite = int(self.finite.sum())
        self.has_infinite = self.n_finite < self.values.size and bool(np.isinf(self.values).any())
        rows = self.order[: self.n_finite]
        v = self.values[rows]
        new = np.ones(v.size, dtype=bool)
        np.not_equal(v[1:], v[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        self.counts = np.diff(starts, append=v.size)  # sizes of the groups of equal values, in value order
        self.levels = v[starts]  # the distinct finite values, in order
        k = self.counts.size
        dtype = np.uint16 if k <= np.iinfo(np.uint16).max else np.intp
        self.dense = np.zeros(self.values.size, dtype=dtype)  # read-only once made: pairs share it
        self.dense[rows] = np.repeat(np.arange(1, k + 1, dtype=dtype), self.counts)


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
    dense: np.ndarray  # 1 … k for the k distinct values, small unsigned integers when k allows (do not modify)
    counts: np.ndarray  # sizes of the groups of equal values, in value order
    first: float  # the smallest of the values (what a constant column equals)

    @property
    def distinct(self) -> int:
        return int(self.counts.size)

    @property
    def ties(self) -> bool:
        return bool(self.counts.size < self.mid.size)

    @cached_property
    def order(self) -> np.ndarray:
        """The positions sorted by value (stable): a radix sort of the dense ranks."""
        return np.argsort(self.dense, kind="stable")


def complete(x: SortedColumn, y: SortedColumn) -> np.ndarray:
    """The rows where both values are finite (the pair's complete observations)."""
    if x.values.size != y.values.size:
        from edakit.errors import EdakitError

        raise EdakitError(
            f"x and y must have the same length to be paired; got {x.values.size} and {y.values.size} values."
        )
    return x.finite & y.finite


def pair_ranks(col: SortedColumn, keep: np.ndarray) -> Ranked:
    """The ranks of `col` among the rows `keep` (a boolean mask), from its rows' dense ranks in linear time: when
    `keep` holds every finite value of the column, its groups are the column's; else each value's kept rows are
    counted and the values with none dropped from the dense ranks. The mid-rank of a group starting after s rows
    with c rows is s + 1 + (c − 1)/2, gathered from that table of k values."""
    n = int(keep.sum())
    dense = col.dense if n == col.dense.size else col.dense[keep]
    counts, first = col.counts, 0
    if n != col.n_finite:
        counts = np.bincount(dense, minlength=col.counts.size + 1)[1:]
        present = counts > 0
        if not present.all():
            renumber = np.zeros(counts.size + 1, dtype=dense.dtype)
            renumber[1:] = np.cumsum(present)
            dense = renumber[dense]
            first = int(np.argmax(present))
            counts = counts[present]
    starts = np.cumsum(counts) - counts
    mid_of = np.empty(counts.size + 1)
    mid_of[1:] = starts + 1 + (counts - 1) / 2
    return Ranked(mid_of[dense], dense, counts, float(col.levels[first]) if n else float("nan"))
