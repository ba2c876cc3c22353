"""Gather step of the dataset comparison (`edakit compare`): the full-data aggregates of two tables, side by side.

Everything here is a narwhals query on each table's own engine; only aggregates reach Python:

* per table, one streaming `select` per group of numeric columns: count, mean, variance and extremes;
* per numeric column, the value counts of both tables stacked (one `group_by`), cumulated in value order, from
  which one query returns the largest gap between the two empirical distribution functions (Kolmogorov-Smirnov
  D), the area between them (the Wasserstein distance) and each table's exact type-7 quantiles (the first table's
  deciles are the population stability index's bins), and a second query each table's counts in the PSI bins and
  in the histogram bins on common edges (`engine.histogram`), grouped by (PSI bin, histogram bin); an 8- or
  16-bit integer column of tables in polars' memory is counted by numpy's `bincount` instead
  (`small_integer_tables`, which also give the roles' distinct counts) and the same numbers computed from the
  merged counts by the same arithmetic (`_merged_distribution`, `_merged_bins`);
* per categorical column, each table's level counts (`engine.levels.counted`);
* duplicate rows within each table and rows of the second table that also occur in the first, from each row's
  two 64-bit hashes taken once per table on polars (`engine.duplicates.row_hashes`; a semi-join elsewhere).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine import histogram
from edakit.engine.convert import apply_conversions, converted_once
from edakit.engine.duplicates import distinct_pairs, duplicate_rows, hash_units, row_hashes
from edakit.engine.expressions import chunks, collect_in_order, finite_column, plain
from edakit.engine.levels import SMALL_INTEGERS, counted, small_integer_counts
from edakit.engine.pairs import label
from edakit.engine.profile import _count_pass
from edakit.engine.tabulated import Tabulation, histogram_counts
from edakit.errors import EdakitError
from edakit.schema import Schema, finalize_roles

QUANTILES = (0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95)
DECILES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)  # the PSI's bin edges: the first table's deciles
MAX_LEVELS = 50  # levels of a categorical column kept by name; the rest are pooled into one "other" level
COLUMNS_PER_PASS = 40
SMALL_EXACT = 10_000  # n_a · n_b below which the two columns' values are fetched for an exact KS p-value
NARROW_INTEGERS = (nw.Int8, nw.Int16, nw.Int32, nw.UInt8, nw.UInt16, nw.UInt32)
NUMERIC, CATEGORICAL = {"numeric", "constant"}, {"categorical", "boolean", "constant"}


def comparison_kind(role_a: str, role_b: str, dtype_a: str, dtype_b: str) -> str | None:
    """How a column is compared: "numeric", "categorical", or None (by its missing values only).

    The same role in both tables decides; a column constant in one table takes the other's role (one part of a
    split often holds a single value), numeric only when both types are numbers.

    >>> comparison_kind("numeric", "constant", "Int64", "Int64"), comparison_kind("text", "text", "String", "String")
    ('numeric', None)
    """
    roles = {role_a, role_b}
    numbers = all(d.startswith(("Int", "UInt", "Float", "Decimal")) for d in (dtype_a, dtype_b))
    if "numeric" in roles and roles <= NUMERIC and numbers:
        return "numeric"
    if roles & {"categorical", "boolean"} and roles <= CATEGORICAL:
        return "categorical"
    return None


@dataclass
class SideNumeric:
    """One table's aggregates of one numeric column (finite values; NaN and ±inf count as missing)."""

    n: int
    mean: float | None = None
    var: float | None = None
    min: float | None = None
    max: float | None = None
    quantiles: dict[float, float | None] = field(default_factory=dict)
    below_edges: list[int] = field(default_factory=list)  # values below each PSI edge
    hist_counts: list[int] = field(default_factory=list)


@dataclass
class NumericAggregates:
    name: str
    a: SideNumeric
    b: SideNumeric
    psi_edges: list[float] = field(default_factory=list)  # interior edges: distinct deciles of the first table
    hist_edges: list[float] = field(default_factory=list)
    ks_d: float | None = None
    wasserstein: float | None = None
    distinct: int = 0  # distinct values over both tables (ties when below n_a + n_b)
    values_a: list[float] | None = None  # both columns' values when small (exact KS p-value)
    values_b: list[float] | None = None
    error: str | None = None  # why the distribution queries failed (the column keeps its moments)


@dataclass
class LevelAggregates:
    name: str
    levels: list[str]
    counts_a: list[int]
    counts_b: list[int]
    missing_a: int
    missing_b: int
    pooled: int = 0  # levels pooled into "(other levels)"


@dataclass
class ShiftAggregates:
    """What the comparison needs from the two tables, as plain numbers."""

    rows_a: int
    rows_b: int
    roles_a: dict[str, tuple[str, str]]  # column -> (role, dtype) in each table
    roles_b: dict[str, tuple[str, str]]
    missing_a: dict[str, int]  # every common column
    missing_b: dict[str, int]
    duplicates_a: int | None = None
    duplicates_b: int | None = None
    across: int | None = None  # rows of b whose every common column equals a row of a
    numeric: dict[str, NumericAggregates] = field(default_factory=dict)
    categorical: dict[str, LevelAggregates] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def converted(frame: nw.LazyFrame, schema: Schema, in_memory: bool = False) -> nw.LazyFrame:
    """`frame` with `schema`'s conversions applied (text to dates, numbers...), the converted columns computed once
    when the rows are in polars' memory (`convert.converted_once`): `settle_roles` and `gather` query a table
    five times, and each query over a lazily converted column parsed its text again (flights 10x shuffled:
    time_hour, about 1 CPU-s each time)."""
    return converted_once(frame, schema)[0] if in_memory else apply_conversions(frame, schema)


def small_integer_tables(work: nw.LazyFrame, in_memory: bool) -> dict[str, Tabulation]:
    """The value counts of each 8- and 16-bit integer column of a table in polars' memory, by numpy's `bincount`
    (`levels.small_integer_counts`, as the report's profile takes them): they give `settle_roles` its distinct
    counts and `gather` the distributions of those columns without a hash `group_by` of their rows (flights 10x:
    14 of its 19 columns)."""
    if not in_memory or nw.get_native_namespace(work).__name__ != "polars":
        return {}
    names = [name for name, dtype in work.collect_schema().items() if str(dtype) in SMALL_INTEGERS]
    if not names:
        return {}
    columns = work.to_native().select(names).collect()
    return {name: small_integer_counts(columns.get_column(name)) for name in names}


def settle_roles(
    work: nw.LazyFrame, schema: Schema, in_memory: bool = False, tables: dict[str, Tabulation] | None = None
) -> None:
    """Settle `schema`'s roles from full-data counts, exactly as `edakit report`'s profile does (its count pass and
    `schema.finalize_roles`): identifiers, constants, codes, counts, text against categories. `work`: the table
    with its conversions applied (`converted`); `tables`: its `small_integer_tables` (taken here when not given),
    whose distinct values need no count."""
    tables = small_integer_tables(work, in_memory) if tables is None else tables
    rows = int(work.select(nw.len()).collect().item())
    counts: dict[str, dict[str, Any]] = {}
    for group in chunks(schema.columns, COLUMNS_PER_PASS):
        counts.update(_count_pass(work, group, in_memory, counted=set(tables)))
    for name, table in tables.items():
        counts[name]["distinct"] = int(table.values.size)
    finalize_roles(schema, rows, counts)


def gather(
    frame_a: nw.LazyFrame,
    schema_a: Schema,
    frame_b: nw.LazyFrame,
    schema_b: Schema,
    in_memory: bool = False,
    tables: tuple[dict[str, Tabulation], dict[str, Tabulation]] | None = None,
) -> ShiftAggregates:
    """Every aggregate of the comparison of table a (the reference) with table b, on their full data (each frame
    with the conversions its schema says applied, `converted`: e.g. numbers written as text as numbers).
    `in_memory`: both tables' rows are in memory (the moments then never vary from run to run, `_first_pass`).
    `tables`: each table's `small_integer_tables`, taken here when not given."""
    if nw.get_native_namespace(frame_a) is not nw.get_native_namespace(frame_b):
        raise EdakitError("Both tables must be on the same engine (e.g. both polars or both pandas) to be compared.")
    if tables is None:
        tables = small_integer_tables(frame_a, in_memory), small_integer_tables(frame_b, in_memory)
    roles_a = {c.name: (c.role, c.dtype) for c in schema_a.columns}
    roles_b = {c.name: (c.role, c.dtype) for c in schema_b.columns}
    common = [n for n in roles_a if n in roles_b and roles_a[n][0] != "unsupported" and roles_b[n][0] != "unsupported"]
    rows_a = int(frame_a.select(nw.len()).collect().item())
    rows_b = int(frame_b.select(nw.len()).collect().item())
    if not common:
        raise EdakitError("The two tables have no column in common: there is nothing to compare.")
    kinds = {n: comparison_kind(roles_a[n][0], roles_b[n][0], roles_a[n][1], roles_b[n][1]) for n in common}
    numeric = [n for n in common if kinds[n] == "numeric"]
    categorical = [n for n in common if kinds[n] == "categorical"]
    out = ShiftAggregates(
        rows_a,
        rows_b,
        roles_a,
        roles_b,
        _nulls(frame_a, common),
        _nulls(frame_b, common),
    )
    ranges = {}  # both tables' extremes of their small integer columns: packed exactly, alike, for the row hashes
    for name in common:
        a, b = tables[0].get(name), tables[1].get(name)
        if a is not None and b is not None and a.values.size and b.values.size:
            low, high = min(int(a.values[0]), int(b.values[0])), max(int(a.values[-1]), int(b.values[-1]))
            ranges[name] = (low, high, bool(out.missing_a[name] or out.missing_b[name]))
    rows = _rows(frame_a, frame_b, common, (rows_a, rows_b), schema_a, schema_b, in_memory, ranges)
    out.duplicates_a, out.duplicates_b, out.across = rows
    for group in chunks(numeric, COLUMNS_PER_PASS):
        out.numeric.update(_numeric(frame_a, schema_a, frame_b, schema_b, group, in_memory, tables))
    for name in categorical:
        out.categorical[name] = _levels(frame_a, frame_b, name, out.missing_a[name], out.missing_b[name])
    return out


def _nulls(frame: nw.LazyFrame, names: list[str]) -> dict[str, int]:
    row = frame.select(*(nw.col(n).null_count().alias(f"m{i}") for i, n in enumerate(names))).collect().row(0)
    return {n: int(v) for n, v in zip(names, row, strict=True)}


def _rows(
    frame_a: nw.LazyFrame,
    frame_b: nw.LazyFrame,
    names: list[str],
    rows: tuple[int, int],
    schema_a: Schema,
    schema_b: Schema,
    in_memory: bool,
    ranges: dict[str, tuple[int, int, bool]],
) -> tuple[int, int, int | None]:
    """Duplicate rows within each table and the rows of b found in a (`_across`). When both tables are polars
    frames with the same types, each row is hashed once (`duplicates.row_hashes`, the same units for both
    tables, so equal rows hash alike) and the hashes serve all three counts: before, each count hashed its
    tables again (flights 10x: 1.9 -> 1.0 CPU-s). In memory, the hashes are held (16 bytes a row) for the three
    queries. `ranges`: the extremes of integer columns over both tables (`hash_units`)."""
    import polars as pl

    a, b = frame_a.select(names).to_native(), frame_b.select(names).to_native()
    same = all(schema_a[n].dtype == schema_b[n].dtype for n in names)
    if not (same and isinstance(a, pl.LazyFrame) and isinstance(b, pl.LazyFrame)) or (
        a.collect_schema() != b.collect_schema()
    ):
        return (
            duplicate_rows(frame_a, names, rows[0], in_memory) if rows[0] else 0,
            duplicate_rows(frame_b, names, rows[1], in_memory) if rows[1] else 0,
            _across(frame_a, frame_b, names, schema_a, schema_b),
        )
    units = hash_units(a.collect_schema(), names, ranges)
    hashed_a, hashed_b = row_hashes(a, units), row_hashes(b, units)
    if in_memory:
        hashed_a, hashed_b = hashed_a.collect().lazy(), hashed_b.collect().lazy()
    duplicates_a = rows[0] - distinct_pairs(hashed_a, in_memory) if rows[0] else 0
    duplicates_b = rows[1] - distinct_pairs(hashed_b, in_memory) if rows[1] else 0
    across = hashed_b.join(hashed_a, on=["h0", "h1"], how="semi").select(pl.len()).collect().item()
    return duplicates_a, duplicates_b, int(across)


def _across(
    frame_a: nw.LazyFrame, frame_b: nw.LazyFrame, names: list[str], schema_a: Schema, schema_b: Schema
) -> int | None:
    """Rows of b equal, in every common column, to some row of a (None when a column's types differ)."""
    if any(schema_a[n].dtype != schema_b[n].dtype for n in names):
        return None
    import polars as pl

    a, b = frame_a.select(names).to_native(), frame_b.select(names).to_native()
    if isinstance(a, pl.LazyFrame) and isinstance(b, pl.LazyFrame):

        def hashed(frame: pl.LazyFrame) -> pl.LazyFrame:
            def row_hash(seed: int) -> pl.Expr:
                return pl.sum_horizontal([pl.col(c).hash(seed=seed + i) for i, c in enumerate(names)])

            return frame.select(row_hash(0).alias("h0"), row_hash(len(names) + 1).alias("h1"))

        joined = hashed(b).join(hashed(a).unique(), on=["h0", "h1"], how="semi")
        return int(joined.select(pl.len()).collect().item())
    seen = frame_a.select(names).unique()
    return int(frame_b.select(names).join(seen, on=names, how="semi").select(nw.len()).collect().item())


def _key(i: int) -> str:
    return f"__edakit_{i}"


def _first_pass(frame: nw.LazyFrame, schema: Schema, names: list[str], in_memory: bool) -> dict[str, SideNumeric]:
    """Count, mean, variance and extremes of each column: one `select` over one table, over rows in polars' memory
    by its in-memory engine, whose sums are the same every run (`collect_in_order`); a scanned file streams."""
    exprs = []
    for i, name in enumerate(names):
        x = finite_column(name, schema)
        exprs += [
            x.count().alias(f"{i}_n"),
            x.mean().alias(f"{i}_mean"),
            x.var(ddof=1).alias(f"{i}_var"),
            x.min().alias(f"{i}_min"),
            x.max().alias(f"{i}_max"),
        ]
    df = collect_in_order(frame.select(exprs), in_memory)
    row = dict(zip(df.columns, df.row(0), strict=True))
    out = {}
    for i, name in enumerate(names):
        n = int(row[f"{i}_n"] or 0)
        out[name] = SideNumeric(
            n=n,
            mean=plain(row[f"{i}_mean"]) if n else None,
            var=plain(row[f"{i}_var"]) if n > 1 else None,
            min=plain(row[f"{i}_min"]),
            max=plain(row[f"{i}_max"]),
        )
    return out


def _numeric(
    frame_a: nw.LazyFrame,
    schema_a: Schema,
    frame_b: nw.LazyFrame,
    schema_b: Schema,
    names: list[str],
    in_memory: bool = False,
    tables: tuple[dict[str, Tabulation], dict[str, Tabulation]] = ({}, {}),
) -> dict[str, NumericAggregates]:
    """The aggregates of a group of numeric columns: one moments pass over each table, then, per column, its two
    tables' value counts (`tables`) merged by numpy, or two queries over the value counts of both tables stacked
    (`_grouped`)."""
    first_a = _first_pass(frame_a, schema_a, names, in_memory)
    first_b = _first_pass(frame_b, schema_b, names, in_memory)
    out = {}
    for name in names:
        a, b = first_a[name], first_b[name]
        agg = out[name] = NumericAggregates(name, a, b)
        if not (a.n and b.n):
            continue
        dtypes = schema_a[name].dtype, schema_b[name].dtype
        common = None if dtypes[0] == dtypes[1] else _common_type(*dtypes)  # e.g. Int64 and Int16: stacked alike
        values = []
        for frame, schema in ((frame_a, schema_a), (frame_b, schema_b)):
            v = finite_column(name, schema)
            v = v if common is None else v.cast(common)
            values.append(frame.select(v.alias("v")).filter(~nw.col("v").is_null()))
        counted = (tables[0][name], tables[1][name]) if name in tables[0] and name in tables[1] else None
        float_column = any(d.startswith("F") for d in dtypes)
        try:
            _distributions(values[0], values[1], agg, float_column, counted)
        except Exception as exc:  # noqa: BLE001 - an engine that cannot run a query on one column spares the rest
            agg.error = f"{type(exc).__name__}: {exc}"
    return out


def _common_type(dtype_a: str, dtype_b: str) -> Any:
    """The type both tables' values of a numeric column are stacked as when their types differ (a small file's
    Int64 against a large file's Int16, say): Int64 for integers that it holds exactly, else Float64.

    >>> _common_type("Int16", "Int64"), _common_type("Int64", "Float64"), _common_type("UInt64", "Int8")
    (Int64, Float64, Float64)
    """
    integers = all(d.startswith(("Int", "UInt")) and d != "UInt64" for d in (dtype_a, dtype_b))
    return nw.Int64 if integers else nw.Float64


def _distributions(
    values_a: nw.LazyFrame,
    values_b: nw.LazyFrame,
    agg: NumericAggregates,
    float_column: bool,
    tables: tuple[Tabulation, Tabulation] | None = None,
) -> None:
    """The KS, Wasserstein, quantile, PSI and histogram aggregates of one column (see the module docstring), from
    its two tables' value counts when given (`_merged`), else by queries over the values."""
    a, b = agg.a, agg.b
    merged = _merged(*tables) if tables is not None else None
    grouped = _grouped(values_a, values_b) if merged is None else None
    if merged is not None:
        _merged_distribution(*merged, agg)
    else:
        _distribution(grouped, agg)
    agg.psi_edges = sorted({a.quantiles[p] for p in DECILES if a.quantiles.get(p) is not None})
    lo, hi = min(a.min, b.min), max(a.max, b.max)
    integer = float(lo).is_integer() and float(hi).is_integer() and not float_column
    agg.hist_edges = histogram.histogram_edges(lo, hi, a.n + b.n, a.quantiles[0.25], a.quantiles[0.75], integer)
    if merged is not None:
        _merged_bins(*merged, agg)
    else:
        _bins(grouped, agg)
    if a.n * b.n < SMALL_EXACT:
        agg.values_a = [float(v) for v in values_a.collect()["v"].to_list()]
        agg.values_b = [float(v) for v in values_b.collect()["v"].to_list()]


def _grouped(values_a: nw.LazyFrame, values_b: nw.LazyFrame) -> nw.LazyFrame:
    """The query of every distinct value `v` of both tables with its count in each (`ca`, `cb`)."""
    stacked = nw.concat(
        [
            values_a.with_columns(nw.lit(1).alias("ia"), nw.lit(0).alias("ib")),
            values_b.with_columns(nw.lit(0).alias("ia"), nw.lit(1).alias("ib")),
        ],
        how="vertical",
    )
    return stacked.group_by("v").agg(nw.col("ia").sum().alias("ca"), nw.col("ib").sum().alias("cb"))


def _distribution(grouped: nw.LazyFrame, agg: NumericAggregates) -> None:
    """From the value counts cumulated in value order, in one query: D = max |F_a − F_b|, W = ∫ |F_a − F_b| dx
    (F_a − F_b is constant between consecutive values; summed in value order, a running sum whose largest value is
    the total, so its last digits never depend on the order polars' threads add rows), the number of distinct
    values, and each table's exact
    type-7 quantiles (R's default): x_(j) is the smallest value whose cumulative count reaches j, and the
    p-quantile x_(lo) + (h − lo)·(x_(lo+1) − x_(lo)) with h = 1 + (n − 1)·p, lo = floor(h)."""
    na, nb = agg.a.n, agg.b.n
    cum = {"a": nw.col("ca").cum_sum().over(order_by="v"), "b": nw.col("cb").cum_sum().over(order_by="v")}
    gap = (nw.col("cum_a") / na - nw.col("cum_b") / nb).abs()
    v = nw.col("v")
    if grouped.collect_schema()["v"] in NARROW_INTEGERS:  # their differences could wrap around (Int16: 20000 - -20000)
        v = v.cast(nw.Int64)
    width = v.shift(-1).over(order_by="v") - v
    exprs = [nw.col("gap").max().alias("d"), nw.col("area").max().alias("w"), nw.len().alias("k")]
    ranks: dict[tuple[str, int], str] = {}
    for side, n in (("a", na), ("b", nb)):
        for p in QUANTILES:
            lo = int(math.floor(1 + (n - 1) * p))
            for j in (lo, min(lo + 1, n)):
                if (side, j) not in ranks:
                    ranks[side, j] = f"x_{side}_{j}"
                    exprs.append(nw.when(nw.col(f"cum_{side}") >= j).then(nw.col("v")).min().alias(ranks[side, j]))
    query = grouped.with_columns(cum["a"].alias("cum_a"), cum["b"].alias("cum_b"), width.alias("width"))
    area = (nw.col("gap") * nw.col("width")).cum_sum().over(order_by="v")  # no decrease: its max is the total
    query = query.with_columns(gap.alias("gap")).with_columns(area.alias("area"))
    row = query.select(exprs).collect().rows(named=True)[0]
    agg.ks_d, agg.distinct = plain(row["d"]), int(row["k"])
    agg.wasserstein = plain(row["w"]) if row["w"] is not None else 0.0  # one distinct value: no width
    for side, n in (("a", na), ("b", nb)):
        quantiles = {}
        for p in QUANTILES:
            h = 1 + (n - 1) * p
            lo = int(math.floor(h))
            x_lo, x_hi = plain(row[ranks[side, lo]]), plain(row[ranks[side, min(lo + 1, n)]])
            quantiles[p] = x_lo + (h - lo) * (x_hi - x_lo)
        getattr(agg, side).quantiles = quantiles


def _merged(a: Tabulation, b: Tabulation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every distinct value of two tables' value counts, ascending (as 64-bit integers or floats), with its count
    in each: what `_grouped`'s query returns, sorted."""
    values = np.union1d(a.values, b.values)
    counts = []
    for table in (a, b):
        c = np.zeros(values.size, dtype=np.int64)
        c[np.searchsorted(values, table.values)] = table.counts
        counts.append(c)
    return values.astype(np.float64 if values.dtype.kind == "f" else np.int64), counts[0], counts[1]


def _merged_distribution(values: np.ndarray, ca: np.ndarray, cb: np.ndarray, agg: NumericAggregates) -> None:
    """`_distribution`'s numbers from the merged value counts (`_merged`), by the same arithmetic in the same
    order (the gap of the two cumulative shares, its area summed in value order: numpy's `cumsum` adds one value
    after another as polars' does), so the same to the last bit (tests/test_compare.py checks both paths)."""
    na, nb = agg.a.n, agg.b.n
    cums = {"a": np.cumsum(ca), "b": np.cumsum(cb)}
    gap = np.abs(cums["a"] * (1 / na) - cums["b"] * (1 / nb))  # polars divides by a number through its reciprocal
    agg.ks_d, agg.distinct = float(gap.max()), int(values.size)
    area = np.cumsum(gap[:-1] * np.diff(values))
    agg.wasserstein = float(area.max()) if area.size else 0.0  # one distinct value: no width
    for side, n in (("a", na), ("b", nb)):
        quantiles = {}
        for p in QUANTILES:
            h = 1 + (n - 1) * p
            lo = int(math.floor(h))
            at = np.searchsorted(cums[side], [lo, min(lo + 1, n)])  # the smallest values reaching ranks lo, lo + 1
            x_lo, x_hi = values[at].tolist()
            quantiles[p] = x_lo + (h - lo) * (x_hi - x_lo)
        getattr(agg, side).quantiles = quantiles


def _merged_bins(values: np.ndarray, ca: np.ndarray, cb: np.ndarray, agg: NumericAggregates) -> None:
    """`_bins`' counts from the merged value counts (`_merged`): below each PSI edge, and in each histogram bin
    by `engine.histogram`'s rule (`tabulated.histogram_counts`)."""
    at = np.searchsorted(values.astype(np.float64), agg.psi_edges)  # values below each edge
    for side, counts in (("a", ca), ("b", cb)):
        cumulative = np.concatenate([[0], np.cumsum(counts)])
        getattr(agg, side).below_edges = [int(c) for c in cumulative[at]]
        getattr(agg, side).hist_counts = histogram_counts(Tabulation(values, counts), agg.hist_edges)


def _bins(grouped: nw.LazyFrame, agg: NumericAggregates) -> None:
    """Each table's counts below every PSI edge and in every histogram bin, from one `group_by` of the value
    counts by (PSI bin, histogram bin): at most 10 × MAX_BINS rows come back."""
    v = nw.col("v")
    psi_bin = nw.lit(0)
    for edge in agg.psi_edges:
        psi_bin = psi_bin + count_if_value(v >= edge)
    hist_bin = histogram.bin_index(v, agg.hist_edges).cast(nw.Int64) if len(agg.hist_edges) > 1 else nw.lit(0)
    cells = (
        grouped.with_columns(psi_bin.alias("pb"), hist_bin.alias("hb"))
        .group_by("pb", "hb")
        .agg(nw.col("ca").sum().alias("na"), nw.col("cb").sum().alias("nb"))
        .collect()
    )
    k, bins = len(agg.psi_edges) + 1, max(len(agg.hist_edges) - 1, 0)
    psi = {"a": [0] * k, "b": [0] * k}
    hist = {"a": [0] * bins, "b": [0] * bins}
    for pb, hb, na, nb in cells.iter_rows():
        for side, count in (("a", int(na)), ("b", int(nb))):
            psi[side][int(pb)] += count
            if bins:
                hist[side][int(hb)] += count
    for side in ("a", "b"):
        getattr(agg, side).below_edges = list(itertools.accumulate(psi[side]))[:-1]
        getattr(agg, side).hist_counts = hist[side]


def count_if_value(condition: nw.Expr) -> nw.Expr:
    """1 where `condition` holds, else 0 (a row-wise indicator, not an aggregate)."""
    return condition.cast(nw.Int64)


def _levels(frame_a: nw.LazyFrame, frame_b: nw.LazyFrame, name: str, missing_a: int, missing_b: int) -> LevelAggregates:
    """Level counts of one categorical column in each table; beyond MAX_LEVELS (by total count) pooled."""
    tables = []
    for frame in (frame_a, frame_b):
        df = counted(frame, nw.col(name)).collect()
        tables.append({label(v): int(n) for v, n in zip(df["value"].to_list(), df["n"].to_list(), strict=True)})
    ca, cb = tables
    order = sorted(set(ca) | set(cb), key=lambda v: (-(ca.get(v, 0) + cb.get(v, 0)), v))
    kept, rest = order[:MAX_LEVELS], order[MAX_LEVELS:]
    levels = list(kept)
    counts_a, counts_b = [ca.get(v, 0) for v in kept], [cb.get(v, 0) for v in kept]
    if rest:
        levels.append("(other levels)")
        counts_a.append(sum(ca.get(v, 0) for v in rest))
        counts_b.append(sum(cb.get(v, 0) for v in rest))
    return LevelAggregates(name, levels, counts_a, counts_b, missing_a, missing_b, pooled=len(rest))
