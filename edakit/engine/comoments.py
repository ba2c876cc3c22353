"""Pair co-moments of numeric columns whose rows polars holds in memory, summed by numpy in chunks of rows.

The engine-neutral passes of `engine.pairs` ask the engine for one sum per product of two columns: about 200 sums
for 12 columns and 400 within the levels of a group, where polars' `group_by` spends seconds (5.5 CPU-s on
flights × 10 under `--group origin`). The same sums are a few matrix products. With d the values shifted by
their column's mean (missing as 0), m the 0/1 present mask of each column that has gaps and 1 a column of ones,
A = [d | m | 1] and S = [m | 1] (the last columns of A):

* AᵀA holds Σdₐd_b, Σdₐm_b (the sum of a over the rows where b is present; b's mask is the ones when b has no
  gap) and Σmₐm_b (the complete pairs);
* (d∘d)ᵀS holds Σdₐ²m_b.

Those are the sums `pairs.pair_moments` asks the engine for, so `pairs.centred_moments` turns them into the same
means and centred co-moments, equal up to float rounding (tests/test_correlation_section.py checks them against
numpy on the raw values). Rows come `CHUNK_ROWS` at a time, a slice of the in-memory frame whose columns numpy
reads as polars holds them (`plain_columns`: a view of Int16 values, not a Float64 column computed per expression)
and shifts into a float matrix of a few MB (each array stays under glibc's 32 MB mmap threshold, so its memory
is reused, not faulted in again), so memory stays bounded whatever the rows. With a group column each chunk is
split by level and each level's sums kept apart; as the shifts are common to every level, the sums over all rows
are the sums of every level's (a missing level included), so one pass gives the overall and the within-group
co-moments. The same sums hold each column's own count, Σd and Σd² in each level, and each level's rows
(`group_pass`): the group comparison (`--group`) takes its per-group means and variances from them instead of a
pass of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.pairs import GroupMoments, PairMoments, centred_moments, label, sorted_levels

CHUNK_ROWS = 131_072  # 13 MB a float column block of 12 columns: arrays under 32 MB, reused by the allocator

_GROUP = "__edakit_group__"
# a level's centred sum of squares at or below this share of its sum of squared shifted values is the rounding
# noise of a column constant in that level (as `stats.rmcorr.CONSTANT_WITHIN`): its variance is 0 (a pair's Sxx too:
# `pairs.centred_moments`)
CONSTANT_WITHIN = 1e-12


def applies(work: nw.LazyFrame, in_memory: bool) -> bool:
    """Whether the chunked numpy sums apply: a polars frame whose rows are in memory (a slice is then a view).
    Scanned files and the other engines keep the engine-neutral passes of `engine.pairs`."""
    return in_memory and nw.get_native_namespace(work).__name__ == "polars"


@dataclass
class _Sums:
    """The products of one level's rows (or all rows): AᵀA and (d∘d)ᵀS, summed chunk by chunk."""

    gram: np.ndarray
    squares: np.ndarray

    def __iadd__(self, other: _Sums) -> _Sums:
        self.gram += other.gram
        self.squares += other.squares
        return self


@dataclass
class GroupPass:
    """One chunked pass within the levels of a group column: the pairs' co-moments over every row (`overall`) and
    within each level (`within`), each level's rows (`rows`, a missing level left out) and each column's own count,
    mean and variance in each level (`columns`, levels in the order of `rows`)."""

    overall: dict[tuple[str, str], PairMoments]
    within: dict[tuple[str, str], dict[str, PairMoments]]
    rows: dict[str, int]
    columns: dict[str, GroupMoments]


def pair_moments(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    *,
    shifts: Mapping[str, float | None],
    rows: int,
    complete: Collection[str] = (),
    group: str | None = None,
) -> tuple[dict[tuple[str, str], PairMoments], dict[tuple[str, str], dict[str, PairMoments]]]:
    """`pairs.pair_moments` of `pairs` over every row and, with `group`, `pairs.group_pair_moments` within each
    of its levels (rows with a missing level left out there), from one chunked pass; ({}, {}) without pairs.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["u", "u", "u", "v", "v", "v"], "a": [1.0, 2, 3, 1, 2, 3],
    ...                                   "b": [1.0, 2, 4, 3, 2, None]}))
    >>> overall, within = pair_moments(lf, {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")],
    ...                                shifts={"a": 2.0, "b": 2.0}, rows=6, complete={"a"}, group="g")
    >>> m, u = overall[("a", "b")], within[("a", "b")]["u"]
    >>> m.n, round(m.sxx, 12), round(m.syy, 12), round(m.sxy, 12), u.n, u.sxy, within[("a", "b")]["v"].n
    (5, 2.8, 5.2, 2.4, 3, 3.0, 2)
    """
    found = _pass(work, values, pairs, shifts, rows, complete, group)
    return found.overall, found.within


def group_pass(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    *,
    shifts: Mapping[str, float | None],
    rows: int,
    group: str,
    complete: Collection[str] = (),
) -> GroupPass:
    """`pair_moments` within the levels of `group`, with each level's rows and each column's own moments there.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["u", "u", "u", "v", "v", None], "a": [1.0, 2, 3, 5, 5, 9],
    ...                                   "b": [1.0, 2, 4, 3, None, 1]}))
    >>> p = group_pass(lf, {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")], shifts={"a": 4.0, "b": 2.0},
    ...                rows=6, group="g", complete={"a"})
    >>> p.rows, p.columns["a"].means, p.columns["a"].variances, p.columns["b"].sizes, p.columns["b"].variances
    ({'u': 3, 'v': 2}, [2.0, 5.0], [1.0, 0.0], [3, 1], [2.3333333333333335, None])
    """
    return _pass(work, values, pairs, shifts, rows, complete, group)


def _pass(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    shifts: Mapping[str, float | None],
    rows: int,
    complete: Collection[str],
    group: str | None,
) -> GroupPass:
    names = list(dict.fromkeys(name for pair in pairs for name in pair))
    if not names:
        return GroupPass({}, {}, {}, {})
    gapped = [name for name in names if name not in complete]
    k = len(names)
    column = {name: i for i, name in enumerate(names)}
    mask = {name: k + (gapped.index(name) if name in gapped else len(gapped)) for name in names}  # ones: no gap
    shift = {name: float(shifts.get(name) or 0.0) for name in names}
    sums = _chunked_sums(work, values, names, gapped, shift, group, rows)

    def moments(s: _Sums, a: str, b: str) -> PairMoments:
        ia, ib, ma, mb = column[a], column[b], mask[a], mask[b]
        g, q = s.gram, s.squares
        n = int(round(float(g[ma, mb])))
        return centred_moments(n, shift[a], shift[b], g[ia, mb], g[ib, ma], q[ia, mb - k], q[ib, ma - k], g[ia, ib])

    total = _Sums(np.zeros((k + len(gapped) + 1,) * 2), np.zeros((k, len(gapped) + 1)))
    for s in sums.values():
        total += s
    overall = {(a, b): moments(total, a, b) for a, b in pairs}
    if group is None:
        return GroupPass(overall, {}, {}, {})
    levels = sorted_levels(level for level in sums if level is not None)
    labels = [label(level) for level in levels]
    within = {(a, b): {label(level): moments(sums[level], a, b) for level in levels} for a, b in pairs}
    level_rows = {lab: int(round(float(sums[level].gram[-1, -1]))) for lab, level in zip(labels, levels, strict=True)}
    columns = {}
    for name in names:
        i, m = column[name], mask[name]
        found = [
            _own(sums[level].gram[m, m], sums[level].gram[i, m], sums[level].squares[i, m - k]) for level in levels
        ]
        columns[name] = GroupMoments(
            list(labels),
            [n for n, _, _ in found],
            [None if mean is None else shift[name] + mean for _, mean, _ in found],
            [var for _, _, var in found],
        )
    return GroupPass(overall, within, level_rows, columns)


def _own(count: float, total: float, squares: float) -> tuple[int, float | None, float | None]:
    """A column's count, mean of its shifted values and variance (n − 1) in one level, from its present values'
    count, Σd and Σd²; a centred sum of squares within the rounding noise of Σd² is 0 (`CONSTANT_WITHIN`)."""
    n = int(round(float(count)))
    if not n:
        return 0, None, None
    mean = float(total) / n
    if n < 2:
        return n, mean, None
    ss = float(squares) - float(total) * mean  # NaN or inf when the values overflow: kept, as the engine's
    return n, mean, (0.0 if abs(ss) <= CONSTANT_WITHIN * float(squares) else max(ss, 0.0)) / (n - 1)


def _chunked_sums(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    names: list[str],
    gapped: list[str],
    shift: Mapping[str, float],
    group: str | None,
    rows: int,
) -> dict[Any, _Sums]:
    """Each level's `_Sums` (one key, None, without a group), from the rows `CHUNK_ROWS` at a time. With a group,
    each chunk's rows are sorted by their level's code (a radix sort) and every level's run summed apart."""
    k = len(names)
    levels: list[Any] = [None]
    extra = []
    if group is not None:
        # in a fixed order (polars' unique() is not), so the levels' sums are added up the same way every run
        present = sorted_levels(v for v in work.select(group).unique().collect()[group].to_list() if v is not None)
        extra.append(_level_code(nw.col(group), present).alias(_GROUP))
        levels = [*present, None]  # the last code: a missing level
    native = plain_columns(work, values, names, extra).to_native()
    width = k + len(gapped) + 1
    mask = {name: k + j for j, name in enumerate(gapped)}
    out = {level: _Sums(np.zeros((width, width)), np.zeros((k, len(gapped) + 1))) for level in levels}
    for offset in range(0, rows, CHUNK_ROWS):
        chunk = native.slice(offset, CHUNK_ROWS).collect()
        if group is None:
            out[None] += _products(_block(chunk, names, shift, mask, width), k)
            continue
        codes = chunk.get_column(_GROUP).to_numpy().astype(np.uint8 if len(levels) < 256 else np.int64)  # radix
        counts = np.bincount(codes, minlength=len(levels))
        order = np.argsort(codes, kind="stable") if np.count_nonzero(counts) > 1 else None
        a = _block(chunk, names, shift, mask, width, order)
        start = 0
        for level, count in zip(levels, counts.tolist(), strict=True):
            if count:
                out[level] += _products(a[start : start + count], k)
            start += count
    return out


def _block(
    chunk: Any,
    names: list[str],
    shift: Mapping[str, float],
    mask: Mapping[str, int],
    width: int,
    order: np.ndarray | None = None,
) -> np.ndarray:
    """A = [d | m | 1] of one chunk of `plain_columns` (`mask`: the column of each gapped name's 0/1 mask), in
    Fortran order. With `order`, its rows in that order: each column's values are taken in order before they
    become floats, rather than the float block's rows copied (flights 10× under `--group origin`: 0.34–0.43 →
    0.26 CPU-s for the chunks' blocks); a level's rows are then a strided view, whose products may differ from a
    copy's in the last digit."""
    a = np.empty((chunk.height, width), order="F")
    for i, name in enumerate(names):
        x, valid = present_values(chunk.get_column(name))
        if order is not None:
            x, valid = x[order], None if valid is None else valid[order]
        np.subtract(x, shift[name], out=a[:, i], dtype=np.float64)
        if valid is not None:
            a[~valid, i] = 0.0
        if name in mask:
            a[:, mask[name]] = 1.0 if valid is None else valid
    a[:, -1] = 1.0
    return a


CHAINED_LEVELS = 20  # up to this many levels, a row's level code is found by comparing it with each level


def _level_code(g: nw.Expr, present: list[Any]) -> nw.Expr:
    """The position of each row's level in `present` (every level the column has), len(present) for a missing one.
    Up to `CHAINED_LEVELS` levels by one comparison per level, which polars runs several times faster than a hash
    lookup of each row (`replace_strict`: flights 10×, origin's three levels, 0.075 → 0.022 CPU-s over the chunks);
    NaN equals NaN in both."""
    k = len(present)
    if k > CHAINED_LEVELS:
        return g.replace_strict(present, list(range(k)), default=k).cast(nw.Int64)
    code = nw.lit(k, nw.Int64)
    for i, level in reversed(list(enumerate(present))):
        code = nw.when(g == level).then(nw.lit(i, nw.Int64)).otherwise(code)
    return code


def plain_columns(
    work: nw.LazyFrame, values: Mapping[str, nw.Expr], names: Sequence[str], extra: Sequence[nw.Expr] = ()
) -> nw.LazyFrame:
    """`values` of `names`, each under its name, as the engine holds them: integers and Float64 read as they are
    (a view of the rows in memory), other types cast to Float64; then `extra`. numpy does the arithmetic on each
    chunk (`present_values`) instead of the engine materialising a float column per expression."""
    dtypes = work.select(*(values[n].alias(n) for n in names)).collect_schema()
    exprs = [
        values[n] if dtypes[n].is_integer() or dtypes[n] == nw.Float64 else values[n].cast(nw.Float64) for n in names
    ]
    return work.select(*(e.alias(n) for e, n in zip(exprs, names, strict=True)), *extra)


def present_values(series: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """A polars Series of `plain_columns` as a numpy array, and which of its values are present (None: all of
    them). A missing value's slot holds NaN or anything: callers overwrite it. Integers stay integers (numpy turns
    them into floats as polars' cast does, to the nearest float), so arithmetic with `dtype=np.float64` gives the
    engine's `cast(Float64)` values to the last bit."""
    x = series.to_numpy()
    return x, (series.is_not_null().to_numpy() if series.null_count() else None)


def _products(a: np.ndarray, k: int) -> _Sums:
    """AᵀA and (d∘d)ᵀS of one block of rows A = [d | m | 1] (d: its first `k` columns). Values near the float
    limit overflow to inf, which the statistics report as undefined, so numpy's overflow warning is not shown."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _Sums(a.T @ a, np.square(a[:, :k]).T @ a[:, k:])
