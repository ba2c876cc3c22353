"""Pairwise full-data aggregates for the correlations section, written once as narwhals expressions.

* Numeric × numeric: for each pair, the number of rows where both values are present and finite, the two means
  over those rows and the co-moments Sxx, Syy, Sxy centred on those means, from one pass over values shifted by
  their column's mean. Centred sums are what `stats.association.pearson_from_moments` needs: raw sums Σx², Σxy
  lose precision by cancellation.
* Categorical × categorical: the cross-table of two columns, one `group_by` on the pair.
* Numeric × categorical: count, mean and variance of every numeric column in every group of one categorical
  column, one `group_by` for all the numeric columns.

Rows with a missing value in either column of a pair are left out of that pair only (pairwise deletion); NaN and
±inf count as missing. Expressions are batched into few passes; only aggregates come back to Python.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine.expressions import chunks, collect_in_order, finite_column, plain
from edakit.schema import Schema

PAIRS_PER_PASS = 150  # up to 6 sums a pair per select; keeps query plans (and SQL text) of modest size

_GROUP = "__edakit_group__"
CrossTable = tuple[list[str], list[str], list[list[int]]]  # row labels, column labels, counts
MAX_STACKED_CELLS = 20_000  # level combinations of the grouping columns up to which one group_by serves them all


@dataclass
class PairMoments:
    """Full-data sufficient statistics of one numeric pair: complete pairs, their means, centred co-moments."""

    n: int
    mean_x: float | None
    mean_y: float | None
    sxx: float = 0.0  # Σ(x − x̄)² over the complete pairs (0 when n < 3: nothing to compute)
    syy: float = 0.0
    sxy: float = 0.0


@dataclass
class GroupMoments:
    """Count, mean and variance (n − 1 denominator) of one numeric column in each group of a categorical one."""

    labels: list[str]
    sizes: list[int]
    means: list[float | None]
    variances: list[float | None]

    @property
    def n(self) -> int:
        return sum(self.sizes)


def finite_values(names: Sequence[str], schema: Schema) -> dict[str, nw.Expr]:
    """Each numeric column as an expression with NaN and ±inf turned into missing values (as the profile does)."""
    return {name: finite_column(name, schema) for name in names}


INTEGER_TYPES = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"}


def exact_sums(names: Iterable[str], schema: Schema, stats: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The columns of `names` whose group sums are taken as integers, exact in any order (`group_moments`): of an
    integer type as stored and converted, and with n·max|x|² below 2⁶³ so that Σx² fits in 64 bits (`stats`:
    each column's profile, its count, min and max).

    >>> from edakit.schema import ColumnSchema
    >>> schema = Schema([ColumnSchema("a", "Int64", "numeric"), ColumnSchema("b", "Float64", "numeric"),
    ...                  ColumnSchema("c", "Int64", "numeric")])
    >>> stats = {"a": {"count": 3, "min": -5, "max": 2}, "b": {"count": 3, "min": 0.0, "max": 1.5},
    ...          "c": {"count": 10**6, "min": 0, "max": 4 * 10**6}}
    >>> sorted(exact_sums(["a", "b", "c"], schema, stats))
    ['a']
    """
    by_name = {c.name: c for c in schema.columns}
    out = set()
    for name in names:
        col, s = by_name[name], stats[name]
        integer = col.dtype in INTEGER_TYPES and not col.conversion and s.get("count") and s.get("min") is not None
        if integer and s["count"] * max(abs(int(s["min"])), abs(int(s["max"]))) ** 2 < 2**63:
            out.add(name)
    return out


def pair_moments(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    *,
    rows: int,
    shifts: Mapping[str, float | None] | None = None,
    complete: Collection[str] = (),
    pairs_per_pass: int = PAIRS_PER_PASS,
    in_memory: bool = False,
) -> dict[tuple[str, str], PairMoments]:
    """Complete-pair counts, means and centred co-moments of numeric pairs, in one batched pass (`in_memory`: the
    rows are in polars' memory, summed the same way every run by `collect_in_order`).

    Each column is shifted by a value near its mean (`shifts`: the profile's full-data means; 0 when absent), and
    one pass sums, per pair over the rows where both are present, n, Σdx, Σdy, Σdx², Σdy² and Σdx·dy of the shifted
    values dx = x − shift. Then x̄ = shift + Σdx/n and Sxx = Σdx² − (Σdx)²/n, Sxy = Σdx·dy − Σdx·Σdy/n: exact
    algebra, and without the cancellation of raw sums because Σdx/n is small when the shift is near the mean.
    The pass reads dx and dx² with missing values as 0, and a 0/1 column m that says whether the value is present:
    then the sum of dx over the rows where y is present is Σ dx·m_y, n = Σ m_x·m_y, and Σdx·dy needs no mask at
    all, so no row filter and no per-pair masking (half the work of propagating missing values through every
    pair). Columns in `complete` have no missing value and need no m; the sums of a column over the rows where
    another is present are shared by every pair that needs them.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"a": [1.0, 2, 3, None], "b": [2.0, 4, 7, 1]}))
    >>> m = pair_moments(lf, {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")], rows=4, shifts={"a": 2, "b": 3.5})
    >>> m = m[("a", "b")]
    >>> m.n, m.mean_x, round(m.mean_y, 4), m.sxx, round(m.sxy, 4)
    (3, 2.0, 4.3333, 2.0, 5.0)
    """
    shifts = shifts or {}
    used = list(dict.fromkeys(name for pair in pairs for name in pair))
    keys = {name: f"__edakit_{i}" for i, name in enumerate(used)}
    shift = {name: float(shifts.get(name) or 0.0) for name in used}
    columns = []  # each value computed once: shifted (dx), squared (dx²), present (m)
    for name, key in keys.items():
        dx = values[name] - shift[name]
        columns += [dx.fill_null(0.0).alias(f"{key}_d"), (dx * dx).fill_null(0.0).alias(f"{key}_q")]
        if name not in complete:
            columns.append((~values[name].is_null()).cast(nw.Float64).alias(f"{key}_m"))
    work = work.select(*columns)
    out: dict[tuple[str, str], PairMoments] = {}
    for batch in chunks(list(pairs), pairs_per_pass):
        sums: dict[str, nw.Expr] = {}

        def where_present(column: str, other: str, sums: dict[str, nw.Expr] = sums) -> str:
            """The key of Σ `column` over the rows where `other` is present (added to `sums` once)."""
            key = column if other in complete else f"{column}*{keys[other]}_m"
            expr = nw.col(column) if other in complete else nw.col(column) * nw.col(f"{keys[other]}_m")
            sums.setdefault(key, expr.sum())
            return key

        wanted = []
        for a, b in batch:
            ka, kb = keys[a], keys[b]
            n = None if a in complete else where_present(f"{ka}_m", b)
            if n is None and b not in complete:
                n = where_present(f"{kb}_m", a)
            parts = [where_present(f"{ka}_d", b), where_present(f"{kb}_d", a)]
            parts += [where_present(f"{ka}_q", b), where_present(f"{kb}_q", a)]
            sums.setdefault(f"{ka}_d*{kb}_d", (nw.col(f"{ka}_d") * nw.col(f"{kb}_d")).sum())
            wanted.append((a, b, n, [*parts, f"{ka}_d*{kb}_d"]))
        row = _row(work, [e.alias(k) for k, e in sums.items()], in_memory)
        for a, b, n_key, parts in wanted:
            n = rows if n_key is None else int(round(float(plain(row[n_key]) or 0.0)))
            out[(a, b)] = centred_moments(n, shift[a], shift[b], *(row[k] for k in parts))
    return out


def group_pair_moments(
    work: nw.LazyFrame,
    group: str,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    *,
    shifts: Mapping[str, float | None] | None = None,
    pairs_per_pass: int = PAIRS_PER_PASS,
) -> dict[tuple[str, str], dict[str, PairMoments]]:
    """`pair_moments` within each level of `group`: per pair and group, the complete pairs, their means and centred
    co-moments, from one `group_by` per batch of pairs (rows with a missing group are left out). The shifts (the
    full-data means) keep the sums small, as in `pair_moments`; every column is masked, so any may have gaps.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["u", "u", "u", "v", "v", "v"], "a": [1.0, 2, 3, 1, 2, 3],
    ...                                   "b": [1.0, 2, 4, 3, 2, None]}))
    >>> m = group_pair_moments(lf, "g", {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")])[("a", "b")]
    >>> m["u"].n, m["u"].sxx, m["u"].sxy, m["v"].n
    (3, 2.0, 3.0, 2)
    """
    shifts = shifts or {}
    used = list(dict.fromkeys(name for pair in pairs for name in pair))
    keys = {name: f"__edakit_{i}" for i, name in enumerate(used)}
    shift = {name: float(shifts.get(name) or 0.0) for name in used}
    columns = [nw.col(group).alias(_GROUP)]
    for name, key in keys.items():
        dx = values[name] - shift[name]
        columns += [
            dx.fill_null(0.0).alias(f"{key}_d"),
            (dx * dx).fill_null(0.0).alias(f"{key}_q"),
            (~values[name].is_null()).cast(nw.Float64).alias(f"{key}_m"),
        ]
    work = work.select(*columns).filter(~nw.col(_GROUP).is_null())
    out: dict[tuple[str, str], dict[str, PairMoments]] = {}
    for batch in chunks(list(pairs), pairs_per_pass):
        sums: dict[str, nw.Expr] = {}
        wanted = []
        for a, b in batch:
            ka, kb = keys[a], keys[b]
            names = [f"{ka}_m*{kb}_m", f"{ka}_d*{kb}_m", f"{kb}_d*{ka}_m", f"{ka}_q*{kb}_m", f"{kb}_q*{ka}_m"]
            for key in names:
                left, right = key.split("*")
                sums.setdefault(key, (nw.col(left) * nw.col(right)).sum())
            sums.setdefault(f"{ka}_d*{kb}_d", (nw.col(f"{ka}_d") * nw.col(f"{kb}_d")).sum())
            wanted.append((a, b, [*names, f"{ka}_d*{kb}_d"]))
        frame = work.group_by(_GROUP).agg(*[e.alias(k) for k, e in sums.items()]).collect()
        records = {row[_GROUP]: row for row in frame.iter_rows(named=True)}
        levels = sorted_levels(records)
        for a, b, parts in wanted:
            within = {}
            for g in levels:
                row = records[g]
                n = int(round(float(plain(row[parts[0]]) or 0.0)))
                within[label(g)] = centred_moments(n, shift[a], shift[b], *(row[k] for k in parts[1:]))
            out[(a, b)] = within
    return out


def centred_moments(n: int, shift_x: float, shift_y: float, *sums: Any) -> PairMoments:
    """PairMoments from the sums of shifted values: Σdx, Σdy, Σdx², Σdy², Σdxdy over n complete pairs. A centred
    sum of squares within `CONSTANT_SHARE` of its Σd² is the rounding noise of a column constant on these rows
    (Σd² − (Σd)²/n of equal values left a few millionths, which made Pearson's r a number near 0): 0.

    >>> d = [580.1] * 7  # a constant x: Σd² − (Σd)²/n = 4.7e-10 in floats
    >>> m = centred_moments(7, 1039.9, 0.0, sum(d), 7.0, sum(v * v for v in d), 9.0, sum(d))
    >>> m.sxx, m.syy
    (0.0, 2.0)
    """
    if not n:
        return PairMoments(0, None, None)
    sx, sy, sxx, syy, sxy = (float(plain(v) or 0.0) for v in sums)
    mx, my = sx / n, sy / n
    if n < 3:
        return PairMoments(n, shift_x + mx, shift_y + my)
    cxx, cyy = sxx - sx * mx, syy - sy * my
    cxx, cyy = (0.0 if c <= CONSTANT_SHARE * total else max(c, 0.0) for c, total in ((cxx, sxx), (cyy, syy)))
    return PairMoments(n, shift_x + mx, shift_y + my, cxx, cyy, sxy - sx * my)


CONSTANT_SHARE = 1e-12  # as `stats.rmcorr.CONSTANT_WITHIN` and `comoments.CONSTANT_WITHIN`


def cross_table(work: nw.LazyFrame, a: str, b: str) -> CrossTable:
    """Counts of every combination of the levels of `a` (rows) and `b` (columns), missing values left out.

    Levels are sorted (as text when their types do not compare), so the table is reproducible.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"a": ["u", "v", "u", None], "b": ["x", "x", "y", "y"]}))
    >>> cross_table(lf, "a", "b")
    (['u', 'v'], ['x', 'y'], [[1, 1], [1, 0]])
    """
    counts = (
        work.select(nw.col(a).alias("a"), nw.col(b).alias("b"))
        .filter(~nw.col("a").is_null() & ~nw.col("b").is_null())
        .group_by("a", "b")
        .agg(nw.len().alias("n"))
        .collect()
    )
    cells = list(zip(counts["a"].to_list(), counts["b"].to_list(), counts["n"].to_list(), strict=True))
    rows, cols = sorted_levels(c[0] for c in cells), sorted_levels(c[1] for c in cells)
    r_index, c_index = {v: i for i, v in enumerate(rows)}, {v: j for j, v in enumerate(cols)}
    table = [[0] * len(cols) for _ in rows]
    for ra, cb, n in cells:
        table[r_index[ra]][c_index[cb]] = int(n)
    return [label(v) for v in rows], [label(v) for v in cols], table


def stratified_tables(
    work: nw.LazyFrame, a: str, b: str, strata: str, rows: list[str], cols: list[str]
) -> tuple[list[str], list[list[list[int]]]]:
    """Counts of `a` (rows, in the order of `rows`) by `b` (columns, `cols`) within each level of `strata`, one
    `group_by` on the three columns; rows missing any of them are left out. Levels as `label` writes them.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"a": ["u", "v", "u"], "b": ["x", "x", "y"], "s": [1, 1, 2]}))
    >>> stratified_tables(lf, "a", "b", "s", ["u", "v"], ["x", "y"])
    (['1', '2'], [[[1, 0], [1, 0]], [[0, 1], [0, 0]]])
    """
    counts = (
        work.select(nw.col(a).alias("a"), nw.col(b).alias("b"), nw.col(strata).alias("s"))
        .filter(~nw.col("a").is_null() & ~nw.col("b").is_null() & ~nw.col("s").is_null())
        .group_by("a", "b", "s")
        .agg(nw.len().alias("n"))
        .collect()
    )
    cells = list(
        zip(counts["a"].to_list(), counts["b"].to_list(), counts["s"].to_list(), counts["n"].to_list(), strict=True)
    )
    levels = sorted_levels(c[2] for c in cells)
    r_index, c_index = {v: i for i, v in enumerate(rows)}, {v: j for j, v in enumerate(cols)}
    s_index = {v: k for k, v in enumerate(levels)}
    tables = [[[0] * len(cols) for _ in rows] for _ in levels]
    for ra, cb, s, n in cells:
        i, j = r_index.get(label(ra)), c_index.get(label(cb))
        if i is not None and j is not None:
            tables[s_index[s]][i][j] = int(n)
    return [label(v) for v in levels], tables


def group_moments(
    work: nw.LazyFrame,
    group: str,
    values: Mapping[str, nw.Expr],
    in_memory: bool = False,
    exact: Collection[str] = (),
    complete: Collection[str] = (),
) -> dict[str, GroupMoments]:
    """Per-group count, mean and variance of every column in `values`, in one `group_by` on `group`.

    Rows with a missing group are left out; within a group, each column uses its own present values. The columns
    in `exact` hold integers whose sums of squares fit in 64 bits: summed as integers, so their figures are exact;
    `in_memory`: the rows are in polars' memory (see `_cells`: the figures never vary from run to run); `complete`:
    columns with no missing value, whose count in a group is its rows.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "b", "b", None], "y": [1.0, 3, 4, None, 9]}))
    >>> group_moments(lf, "g", {"y": nw.col("y")})["y"]
    GroupMoments(labels=['a', 'b'], sizes=[2, 1], means=[2.0, 4.0], variances=[2.0, None])
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "a", "b"], "y": [1, 2, 4, 5]}))
    >>> group_moments(lf, "g", {"y": nw.col("y")}, exact={"y"})["y"]  # variance 7/3, rounded once
    GroupMoments(labels=['a', 'b'], sizes=[3, 1], means=[2.3333333333333335, 5.0], variances=[2.3333333333333335, None])
    """
    keys = {name: f"__edakit_{i}" for i, name in enumerate(values)}
    work = work.filter(~nw.col(group).is_null())
    _, cells = _cells(work, {group: _GROUP}, values, keys, exact, in_memory, complete=complete)
    return {name: _pooled(cells[key][_GROUP], cells[key], key, name in exact) for name, key in keys.items()}


def groups_moments(
    work: nw.LazyFrame,
    groups: Sequence[str],
    values: Mapping[str, nw.Expr],
    distinct: Mapping[str, int],
    in_memory: bool = False,
) -> dict[str, dict[str, GroupMoments]]:
    """`group_moments` for each of `groups` (`groups_aggregates` without cross-tables).

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "b", None], "h": [1, 2, 2, 1], "y": [1.0, 3, 4, 9]}))
    >>> groups_moments(lf, ["g", "h"], {"y": nw.col("y")}, {"g": 2, "h": 2})["h"]["y"]
    GroupMoments(labels=['1', '2'], sizes=[2, 2], means=[5.0, 3.5], variances=[32.0, 0.5])
    """
    return groups_aggregates(work, groups, values, distinct, in_memory=in_memory)[0]


def groups_aggregates(
    work: nw.LazyFrame,
    groups: Sequence[str],
    values: Mapping[str, nw.Expr],
    distinct: Mapping[str, int],
    tables: Sequence[tuple[str, str]] = (),
    in_memory: bool = False,
    exact: Collection[str] = (),
    complete: Collection[str] = (),
) -> tuple[dict[str, dict[str, GroupMoments]], dict[tuple[str, str], CrossTable]]:
    """`group_moments` for each of `groups` and the `cross_table` of each pair of them in `tables`. When their
    combinations of levels are few (at most `MAX_STACKED_CELLS`, counting a missing level), one `group_by` on all
    of them gives the rows and the moments of every combination: each group's moments are pooled from those
    (Chan, Golub and LeVeque's update: counts add, means weight by count, M2 = Σ M2ᵢ + Σ nᵢ(x̄ᵢ − x̄)²) and each
    cross-table adds up the rows of the combinations: one pass over the rows instead of one per group and one
    per pair. The pooled figures equal the separate passes' up to float rounding, the counts exactly
    (tests/test_correlation_section.py). The same every run (`_cells`; `exact`, `in_memory` and `complete` as in
    `group_moments`): each level pools its cells in the order of their figures, not in the order the `group_by`
    returned them.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "b", None], "h": [1, 2, 2, 1], "y": [1.0, 3, 4, 9]}))
    >>> groups_aggregates(lf, ["g", "h"], {"y": nw.col("y")}, {"g": 2, "h": 2}, [("g", "h")])[1]
    {('g', 'h'): (['a', 'b'], ['1', '2'], [[1, 1], [0, 1]])}
    """
    if len(groups) < 2 or math.prod(distinct[g] + 1 for g in groups) > MAX_STACKED_CELLS:
        moments = {g: group_moments(work, g, values, in_memory, exact, complete) for g in groups}
        return moments, {(a, b): cross_table(work, a, b) for a, b in tables}
    group_keys = dict(zip(groups, (f"__edakit_g{i}" for i in range(len(groups))), strict=True))
    keys = {name: f"__edakit_{i}" for i, name in enumerate(values)}
    columns, cells = _cells(work, group_keys, values, keys, exact, in_memory, complete=complete)
    moments = {
        group: {name: _pooled(cells[key][group_key], cells[key], key, name in exact) for name, key in keys.items()}
        for group, group_key in group_keys.items()
    }
    rows = columns["__edakit_rows"]
    return moments, {(a, b): _added(columns[group_keys[a]], columns[group_keys[b]], rows) for a, b in tables}


def _cells(
    work: nw.LazyFrame,
    group_keys: Mapping[str, str],
    values: Mapping[str, nw.Expr],
    keys: Mapping[str, str],
    exact: Collection[str],
    in_memory: bool,
    extra: Sequence[nw.Expr] = (),
    complete: Collection[str] = (),
) -> tuple[dict[str, list[Any]], dict[str, dict[str, list[Any]]]]:
    """Every cell's rows (a combination of the levels of the columns `group_keys` names, by their aliases) and,
    for each column of `values` (`keys`: its alias), its count and moments in the cell: those in `exact` as
    integer sums (KEY_n, KEY_s, KEY_q: Σx and Σx² in 64 bits), the others as count, mean and variance (KEY_n,
    KEY_m, KEY_v); `extra`: more aggregates of the first query (counts). Returns the first query's columns (the
    cells' levels, rows and `extra`) and each key's query's columns.

    Fewer aggregates for the integer sums (flights 10x, 12 columns by three categorical ones: 0.28 -> 0.25
    CPU-s): a column of `complete` (no missing value) takes the cell's rows as its count instead of counting them,
    and polars sums an 8- or 16-bit column as Int64 by itself (its documented `sum`), so Σx reads the column as
    held instead of a cast copy.

    Why two queries: polars' streaming engine (its default) adds up morsels whose size follows the thread count,
    in the order the threads finish them, so a float sum's last digits varied from run to run and between
    `POLARS_MAX_THREADS` settings. Integer sums are exact in any order; the float columns of rows in polars'
    memory go to its in-memory engine, which sums each group's rows in the same order every time (its
    `group_by` costs about four times the CPU and holds each column's rows regrouped, so only they take it).
    A scanned file's float sums stream (the in-memory engine would load whole columns)."""
    whole = [key for name, key in keys.items() if name in exact]
    floats = [key for name, key in keys.items() if name not in exact]
    aliased = [nw.col(g).alias(k) for g, k in group_keys.items()]
    selected = work.select(*aliased, *(values[name].alias(key) for name, key in keys.items()))
    polars = type(work.to_native()).__module__.startswith("polars")
    counted = [key for name, key in keys.items() if name in exact and name not in complete]
    held = set()
    if polars and whole:
        dtypes = selected.collect_schema()
        held = {key for key in whole if dtypes[key] in WIDENED_BY_SUM}
    aggs = [nw.len().alias("__edakit_rows"), *extra, *_integer_aggs(whole, counted, held)]
    apart = in_memory and bool(floats) and polars
    if not apart:
        aggs += _moment_aggs(floats)
    first = selected.group_by(*group_keys.values()).agg(*aggs).collect()
    columns = {c: first[c].to_list() for c in first.columns}
    for key in whole:
        columns.setdefault(f"{key}_n", columns["__edakit_rows"])  # a complete column: every row of the cell
    cells = {key: columns for key in whole} | ({} if apart else {key: columns for key in floats})
    if apart:
        query = selected.select(*group_keys.values(), *floats).group_by(*group_keys.values())
        second = collect_in_order(query.agg(*_moment_aggs(floats)), in_memory)
        columns_f = {c: second[c].to_list() for c in second.columns}
        cells |= {key: columns_f for key in floats}
    return columns, cells


def _added(a: list[Any], b: list[Any], rows: list[int]) -> CrossTable:
    """The cross-table of `a` (rows) by `b` (columns) from the cells of a stacked `group_by`: each cell's levels
    and rows, the rows of the cells with both levels present added up (as `cross_table` counts them)."""
    counts: dict[tuple[Any, Any], int] = {}
    for ra, cb, n in zip(a, b, rows, strict=True):
        if ra is not None and cb is not None:
            counts[(ra, cb)] = counts.get((ra, cb), 0) + int(n)
    row_levels, col_levels = sorted_levels(c[0] for c in counts), sorted_levels(c[1] for c in counts)
    r_index, c_index = {v: i for i, v in enumerate(row_levels)}, {v: j for j, v in enumerate(col_levels)}
    table = [[0] * len(col_levels) for _ in row_levels]
    for (ra, cb), n in counts.items():
        table[r_index[ra]][c_index[cb]] = n
    return [label(v) for v in row_levels], [label(v) for v in col_levels], table


def _moment_aggs(keys: Iterable[str]) -> list[nw.Expr]:
    """Count, mean and variance (n − 1) of each column in `keys`, named KEY_n, KEY_m and KEY_v."""
    aggs = []
    for key in keys:
        v = nw.col(key)
        aggs += [v.count().alias(f"{key}_n"), v.mean().alias(f"{key}_m"), v.var(ddof=1).alias(f"{key}_v")]
    return aggs


# integer types whose polars `sum` is an Int64 (polars casts them before summing, to prevent overflow)
WIDENED_BY_SUM = (nw.Int8, nw.Int16, nw.UInt8, nw.UInt16, nw.Int64)


def _integer_aggs(keys: Iterable[str], counted: Collection[str], held: Collection[str] = ()) -> list[nw.Expr]:
    """Σx and Σx² of each integer column in `keys` as 64-bit integers (exact in any order of addition), named
    KEY_s and KEY_q, and the count KEY_n of those in `counted`; the columns in `held` are summed as they are
    (`WIDENED_BY_SUM`), the others cast to Int64 first."""
    aggs = []
    for key in keys:
        v = nw.col(key).cast(nw.Int64)
        if key in counted:
            aggs.append(nw.col(key).count().alias(f"{key}_n"))
        aggs += [(nw.col(key) if key in held else v).sum().alias(f"{key}_s"), (v * v).sum().alias(f"{key}_q")]
    return aggs


def _pooled(cell_levels: list[Any], columns: Mapping[str, list[Any]], key: str, exact: bool = False) -> GroupMoments:
    """One numeric column's moments in each level of a group, pooled from the cells of the stacked `group_by`
    (or a `group_by` on the group alone: one cell a level); `exact`: from the cells' integer sums, exactly."""
    if exact:
        return _pooled_exact(cell_levels, columns, key)
    levels = sorted_levels(v for v in cell_levels if v is not None)
    parts: dict[Any, list[tuple[int, float, float, float]]] = {level: [] for level in levels}
    moments = zip(columns[f"{key}_n"], columns[f"{key}_m"], columns[f"{key}_v"], strict=True)
    for level, (n, mean, var) in zip(cell_levels, moments, strict=True):
        if level is not None and n:
            var = float(var) if n > 1 else 0.0
            parts[level].append((int(n), float(mean), var * (n - 1), var))
    sizes, means, variances = [], [], []
    for level in levels:
        parts[level].sort()  # the cells' order in the group_by's output varies from run to run; their figures do not
        n = sum(p[0] for p in parts[level])
        mean = sum(p[0] * p[1] for p in parts[level]) / n if n else None
        m2 = sum(p[2] + p[0] * (p[1] - mean) ** 2 for p in parts[level]) if n else 0.0
        var = m2 / (n - 1) if n > 1 else None
        if len(parts[level]) == 1 and n > 1:  # the level is one cell: its own figures, as the engine gave them
            mean, var = parts[level][0][1], parts[level][0][3]
        sizes.append(n)
        means.append(mean)
        variances.append(var)
    return GroupMoments([label(level) for level in levels], sizes, means, variances)


def _pooled_exact(cell_levels: list[Any], columns: Mapping[str, list[Any]], key: str) -> GroupMoments:
    """`_pooled` from the cells' integer count, Σx and Σx²: added as Python integers, the mean Σx / n and the
    variance (nΣx² − (Σx)²) / (n(n − 1)) each rounded once (true division of integers is correctly rounded)."""
    levels = sorted_levels(v for v in cell_levels if v is not None)
    totals = {level: [0, 0, 0] for level in levels}
    sums = zip(columns[f"{key}_n"], columns[f"{key}_s"], columns[f"{key}_q"], strict=True)
    for level, (n, s1, s2) in zip(cell_levels, sums, strict=True):
        if level is not None and n:
            t = totals[level]
            t[0], t[1], t[2] = t[0] + int(n), t[1] + int(s1), t[2] + int(s2)
    sizes = [totals[level][0] for level in levels]
    means = [s1 / n if n else None for n, s1, _ in totals.values()]
    variances = [(n * s2 - s1 * s1) / (n * (n - 1)) if n > 1 else None for n, s1, s2 in totals.values()]
    return GroupMoments([label(level) for level in levels], sizes, means, variances)


def _row(work: nw.LazyFrame, exprs: list[nw.Expr], in_memory: bool = False) -> dict[str, Any]:
    df = collect_in_order(work.select(exprs), in_memory)
    return dict(zip(df.columns, df.row(0), strict=True))


def sorted_levels(values: Any) -> list[Any]:
    """The distinct `values` sorted (as text when their types do not compare), so tables are reproducible."""
    unique = list(dict.fromkeys(values))
    try:
        return sorted(unique)
    except TypeError:
        return sorted(unique, key=str)


def label(value: Any) -> str:
    """A level (a group, a variant, a category) as every section writes it: plain Python text, booleans as
    "true"/"false", whole floats without ".0" (a group coded 1.0, 2.0 reads "1", "2")."""
    value = plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
