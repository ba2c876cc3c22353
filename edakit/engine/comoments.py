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

Integer columns small enough (`whole_products`) are summed as they are instead (`_whole_pass`): BLAS's float sums
of integers stay exact below 2⁵³, so every sum is an exact integer, the masks' sums are taken off over the few rows
with a gap, and the means and centred sums are the exact values rounded once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.chunkshare import Helper, shared
from edakit.engine.pairs import GroupMoments, PairMoments, centred_moments, label, sorted_levels

CHUNK_ROWS = 131_072  # 13 MB a float column block of 12 columns: arrays under 32 MB, reused by the allocator

_GROUP = "__edakit_group__"
_GAP = "__edakit_gap_"  # a gapped column's missing marks in a chunk (`_chunks`)
_ANY = "__edakit_any_gap__"
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
    bounds: Mapping[str, int] | None = None,
    helper: Helper | None = None,
) -> tuple[dict[tuple[str, str], PairMoments], dict[tuple[str, str], dict[str, PairMoments]]]:
    """`pairs.pair_moments` of `pairs` over every row and, with `group`, `pairs.group_pair_moments` within each
    of its levels (rows with a missing level left out there), from one chunked pass; ({}, {}) without pairs.
    `helper`: where another thread may take a share of the chunks (`chunkshare`; the same sums).

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["u", "u", "u", "v", "v", "v"], "a": [1.0, 2, 3, 1, 2, 3],
    ...                                   "b": [1.0, 2, 4, 3, 2, None]}))
    >>> overall, within = pair_moments(lf, {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")],
    ...                                shifts={"a": 2.0, "b": 2.0}, rows=6, complete={"a"}, group="g")
    >>> m, u = overall[("a", "b")], within[("a", "b")]["u"]
    >>> m.n, round(m.sxx, 12), round(m.syy, 12), round(m.sxy, 12), u.n, u.sxy, within[("a", "b")]["v"].n
    (5, 2.8, 5.2, 2.4, 3, 3.0, 2)
    """
    found = _pass(work, values, pairs, shifts, rows, complete, group, bounds, helper)
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
    bounds: Mapping[str, int] | None = None,
    helper: Helper | None = None,
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
    return _pass(work, values, pairs, shifts, rows, complete, group, bounds, helper)


def _pass(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    shifts: Mapping[str, float | None],
    rows: int,
    complete: Collection[str],
    group: str | None,
    bounds: Mapping[str, int] | None = None,
    helper: Helper | None = None,
) -> GroupPass:
    names = list(dict.fromkeys(name for pair in pairs for name in pair))
    if not names:
        return GroupPass({}, {}, {}, {})
    if bounds is not None and whole_products(names, bounds, rows):
        return _whole_pass(work, values, names, pairs, complete, group, rows, helper)
    gapped = [name for name in names if name not in complete]
    k = len(names)
    column = {name: i for i, name in enumerate(names)}
    mask = {name: k + (gapped.index(name) if name in gapped else len(gapped)) for name in names}  # ones: no gap
    shift = {name: float(shifts.get(name) or 0.0) for name in names}
    sums = _chunked_sums(work, values, names, gapped, shift, group, rows, helper)

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
    helper: Helper | None = None,
) -> dict[Any, _Sums]:
    """Each level's `_Sums` (one key, None, without a group), from the rows `CHUNK_ROWS` at a time (`helper`: a
    thread may compute some chunks' products; they are added in chunk order all the same)."""
    k = len(names)
    width = k + len(gapped) + 1
    mask = {name: k + j for j, name in enumerate(gapped)}
    levels, count, load = _chunks(work, values, names, group, rows)

    def products(i: int) -> list[tuple[Any, _Sums]]:
        chunk, order, runs = load(i)
        a = _block(chunk, names, shift, mask, width, order)
        return [(level, _products(a[start : start + size], k)) for level, start, size in runs]

    out = {level: _Sums(np.zeros((width, width)), np.zeros((k, len(gapped) + 1))) for level in levels}
    for found in shared(count, products, helper):  # added in chunk order: the one-thread pass's float sums
        for level, sums in found:
            out[level] += sums
    return out


def _chunks(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    names: list[str],
    group: str | None,
    rows: int,
    gaps: Sequence[str] = (),
) -> tuple[list[Any], int, Callable[[int], tuple[Any, np.ndarray | None, list[tuple[Any, int, int]]]]]:
    """The levels of `group` ([None] without one; a missing level last), the number of chunks of `CHUNK_ROWS` rows
    and a function that reads chunk i (any thread may call it): the chunk of `plain_columns`, the order that sorts
    its rows by their level's code (a radix sort; None when they
    are all of one level) and each level's run of rows in that order (level, start, count). With `gaps`, those
    columns' missing values come as 0, beside whether each is missing (`_GAP` + its position) and whether any is
    (`_ANY`): the engine fills and marks every column of a chunk at once."""
    levels: list[Any] = [None]
    extra = []
    if gaps:
        missing = [values[name].is_null() for name in gaps]
        extra += [m.alias(f"{_GAP}{j}") for j, m in enumerate(missing)]
        extra.append(nw.any_horizontal(*missing, ignore_nulls=True).alias(_ANY))
        values = {**values, **{name: values[name].fill_null(0) for name in gaps}}
    if group is not None:
        # in a fixed order (polars' unique() is not), so the levels' sums are added up the same way every run
        present = sorted_levels(v for v in work.select(group).unique().collect()[group].to_list() if v is not None)
        extra.append(_level_code(nw.col(group), present).alias(_GROUP))
        levels = [*present, None]  # the last code: a missing level
    native = plain_columns(work, values, names, extra).to_native()

    def load(i: int) -> tuple[Any, np.ndarray | None, list[tuple[Any, int, int]]]:
        chunk = native.slice(i * CHUNK_ROWS, CHUNK_ROWS).collect()
        if group is None:
            return chunk, None, [(None, 0, chunk.height)]
        codes = chunk.get_column(_GROUP).to_numpy().astype(np.uint8 if len(levels) < 256 else np.int64)  # radix
        counts = np.bincount(codes, minlength=len(levels))
        order = np.argsort(codes, kind="stable") if np.count_nonzero(counts) > 1 else None
        starts = np.cumsum(counts) - counts
        return chunk, order, [(lv, int(st), int(c)) for lv, st, c in zip(levels, starts, counts, strict=True) if c]

    return levels, -(-rows // CHUNK_ROWS), load


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
    return work.select(*(held(values[n], dtypes[n]).alias(n) for n in names), *extra)


def held(value: nw.Expr, dtype: Any) -> nw.Expr:
    """`value` (of type `dtype`) as the engine holds it when numpy reads it as floats exactly as `cast(Float64)`
    gives them (integers and Float64: no column computed per chunk), else cast to Float64."""
    return value if dtype.is_integer() or dtype == nw.Float64 else value.cast(nw.Float64)


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


# ------------------------------------------------------------------------------ integer columns: exact sums

EXACT_FLOAT = 2**53  # integers up to this size are exact in a float64, and so is every partial sum below it


def whole_products(names: Sequence[str], bounds: Mapping[str, int], rows: int) -> bool:
    """Whether every column of `names` holds integers (`bounds`: each integer column's largest |value|) small
    enough that a chunk's products of them, summed by BLAS in floats, are exact integers (CHUNK_ROWS · max² within
    2⁵³), and their sums over every row fit in 64 bits: then `_whole_pass` applies.

    >>> whole_products(["a", "b"], {"a": 2400, "b": 1300}, 3_400_000), whole_products(["a"], {"a": 10**6}, 10)
    (True, False)
    """
    if not all(name in bounds for name in names):
        return False
    top = max(int(bounds[name]) for name in names) ** 2
    return CHUNK_ROWS * top <= EXACT_FLOAT and max(rows, 1) * top < 2**63


@dataclass
class _Whole:
    """One level's exact sums of integer columns x (missing as 0) and u, the 0/1 missing marks of the gapped ones:
    `gram` = [x | 1]ᵀ[x | 1] (Σxₐx_b, Σxₐ, rows), over the rows where a gapped column is missing `lost` =
    [x | 1]ᵀu (Σxₐ and the rows there), `lost_squares` = (x∘x)ᵀu and `both` = uᵀu."""

    gram: np.ndarray
    lost: np.ndarray
    lost_squares: np.ndarray
    both: np.ndarray

    def __iadd__(self, other: _Whole) -> _Whole:
        self.gram += other.gram
        self.lost += other.lost
        self.lost_squares += other.lost_squares
        self.both += other.both
        return self


def _whole_pass(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    names: list[str],
    pairs: Sequence[tuple[str, str]],
    complete: Collection[str],
    group: str | None,
    rows: int,
    helper: Helper | None = None,
) -> GroupPass:
    """`_pass` of integer columns (`whole_products`): the sums of their values, not of shifted ones, are exact
    integers, so each pair's means and centred co-moments are the exact ones rounded once (and the same in any
    order of the chunks' sums). A pair's sums over the rows where the other column is present are the column's
    sums less those over the few rows where the other is missing, so the products over every row are of
    [x | 1] alone (13 columns for flights' 12 instead of 18 with the masks, and no squared block)."""
    gapped = [name for name in names if name not in complete]
    k, g = len(names), len(gapped)
    levels, count, load = _chunks(work, values, names, group, rows, gapped)

    def products(i: int) -> list[tuple[Any, _Whole]]:
        chunk, order, runs = load(i)
        a, lost, marks = _whole_block(chunk, names, gapped, order)
        found = []
        for level, start, size in runs:
            at = slice(*np.searchsorted(lost, (start, start + size)).tolist())
            found.append((level, _whole_products(a[start : start + size], a[lost[at]], marks[at], k)))
        return found

    out = {
        level: _Whole(*(np.zeros(shape, dtype=np.int64) for shape in ((k + 1, k + 1), (k + 1, g), (k, g), (g, g))))
        for level in levels
    }
    for found in shared(count, products, helper):
        for level, sums in found:
            out[level] += sums
    column = {name: i for i, name in enumerate(names)}
    gap = {name: j for j, name in enumerate(gapped)}

    def sums(s: _Whole, a: str, b: str) -> tuple[int, int, int, int, int, int]:
        """n, Σx, Σy, Σx², Σy², Σxy over the rows where both a and b are present."""
        ia, ib, ja, jb = column[a], column[b], gap.get(a), gap.get(b)
        n = int(s.gram[k, k]) - _at(s.lost, k, ja) - _at(s.lost, k, jb) + _at(s.both, ja, jb)
        sx, sy = int(s.gram[ia, k]) - _at(s.lost, ia, jb), int(s.gram[ib, k]) - _at(s.lost, ib, ja)
        qx, qy = int(s.gram[ia, ia]) - _at(s.lost_squares, ia, jb), int(s.gram[ib, ib]) - _at(s.lost_squares, ib, ja)
        return n, sx, sy, qx, qy, int(s.gram[ia, ib])

    total = _Whole(*(sum(parts) for parts in zip(*(vars(s).values() for s in out.values()), strict=True)))
    overall = {(a, b): _exact_moments(*sums(total, a, b)) for a, b in pairs}
    if group is None:
        return GroupPass(overall, {}, {}, {})
    present = sorted_levels(level for level in out if level is not None)
    labels = [label(level) for level in present]
    within = {(a, b): {label(level): _exact_moments(*sums(out[level], a, b)) for level in present} for a, b in pairs}
    level_rows = {lab: int(out[level].gram[k, k]) for lab, level in zip(labels, present, strict=True)}
    columns = {}
    for name in names:
        found = []
        for level in present:
            n, total, _, squares, _, _ = sums(out[level], name, name)
            found.append(_exact_own(n, total, squares))
        columns[name] = GroupMoments(list(labels), *(list(part) for part in zip(*found, strict=True)))
    return GroupPass(overall, within, level_rows, columns)


def _at(table: np.ndarray, i: int | None, j: int | None) -> int:
    """table[i, j] as an int, 0 when either index is None (a column without gaps)."""
    return 0 if i is None or j is None else int(table[i, j])


def _exact_moments(n: int, sx: int, sy: int, qx: int, qy: int, sxy: int) -> PairMoments:
    """PairMoments from exact integer sums over n complete pairs: each mean and centred sum computed exactly and
    rounded once (Python's int / int is correctly rounded), so a constant column's is exactly 0.

    >>> _exact_moments(4, 10, 8, 30, 16, 20)  # x = 1, 2, 3, 4 and y = 2, 2, 2, 2
    PairMoments(n=4, mean_x=2.5, mean_y=2.0, sxx=5.0, syy=0.0, sxy=0.0)
    """
    if not n:
        return PairMoments(0, None, None)
    if n < 3:
        return PairMoments(n, sx / n, sy / n)
    return PairMoments(n, sx / n, sy / n, (n * qx - sx * sx) / n, (n * qy - sy * sy) / n, (n * sxy - sx * sy) / n)


def _exact_own(n: int, total: int, squares: int) -> tuple[int, float | None, float | None]:
    """A column's count, mean and variance (n − 1) in one level from its exact count, Σx and Σx², as
    `pairs._pooled_exact` takes them."""
    if not n:
        return 0, None, None
    return n, total / n, ((n * squares - total * total) / (n * (n - 1)) if n > 1 else None)


def _whole_block(
    chunk: Any, names: list[str], gapped: list[str], order: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """[x | 1] of one chunk of `_chunks` (with `gaps`) as floats in Fortran order (a missing value as 0; rows in
    `order` when given), the rows where a gapped column is missing (sorted) and, for each of those rows, which of
    them are (0/1 floats)."""
    k = len(names)
    a = np.empty((chunk.height, k + 1), order="F")
    for i, name in enumerate(names):
        x = chunk.get_column(name).to_numpy()
        np.copyto(a[:, i], x if order is None else x[order])
    a[:, k] = 1.0
    if not gapped:
        return a, np.empty(0, dtype=np.intp), np.empty((0, 0))
    lost = chunk.get_column(_ANY).arg_true().to_numpy().astype(np.intp)
    marks = chunk.select([f"{_GAP}{j}" for j in range(len(gapped))])[lost].to_numpy().astype(np.float64)
    if order is not None:  # the rows' places in the sorted block
        inverse = np.empty_like(order)
        inverse[order] = np.arange(order.size)
        lost = inverse[lost]
        by_place = np.argsort(lost)
        lost, marks = lost[by_place], marks[by_place]
    return a, lost, marks


def _whole_products(a: np.ndarray, lost: np.ndarray, marks: np.ndarray, k: int) -> _Whole:
    """The exact sums of one run of rows `a` = [x | 1] (`whole_products`: every partial sum an integer below
    2⁵³, so BLAS's floats hold them exactly), `lost` its rows where a gapped column is missing and `marks` which."""
    exact = np.int64
    return _Whole(
        (a.T @ a).astype(exact),
        (lost.T @ marks).astype(exact),
        (np.square(lost[:, :k]).T @ marks).astype(exact),
        (marks.T @ marks).astype(exact),
    )
