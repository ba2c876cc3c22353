"""Level counts of each column, for its mode, entropy and top values, and the value counts of numeric columns
with few distinct values: one bounded `group_by` per column on the engine, run by the profile.

A column with at most `MAX_LEVELS` distinct values gets every level's count (all that entropy needs); a column
with more gets only its `TOP` most frequent values (enough for the mode, its ties and the top values). Columns
whose values are all distinct need no query (every count is 1). NaN and ±inf in float columns count as missing,
as everywhere in the profile. A numeric column with at most `TABULATE_MAX` distinct values, and at most half as
many as its values, is counted in full instead: the profile then finds its quantiles, MAD, outliers and histogram
exactly from these counts (`engine.tabulated`) without the engine's per-row quantile passes. Only counts come back
to Python. A column the engine cannot group is left out (the profile's top-values query then serves).

On a table of at most `STACK_MAX_ROWS` rows the columns of one type with at most `STACK_MAX_DISTINCT` values are
counted together: unpivoted into one (column, value) pair per cell and counted by one `group_by` per batch. Each
per-column query costs a few milliseconds whatever its rows, which on a wide table (1,500 columns) is most of
the work. Not stacked: tall tables, where the stacked rows cost more than the queries they replace (flights × 10:
0.41 against 0.32 CPU-seconds for its five text columns), and columns with many distinct values, whose groups
together make one hash table too large to be quick (600 float columns of 8,000 rows, 7,000 values each: 1.6
CPU-seconds stacked against 1.2 one by one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.expressions import finite_only, is_float_type, plain
from edakit.engine.tabulated import Tabulation, bincount_chunked
from edakit.schema import Schema

MAX_LEVELS = 1_000
TOP = 11  # the mode and up to 10 values tied with it
TABULATE_MAX = 100_000  # numeric columns with at most this many distinct values are summarised from their counts
SMALL_INTEGERS = ("Int8", "Int16", "UInt8", "UInt16")  # at most 65,536 values: counted in full, no n_unique first
ROLES = ("numeric", "categorical", "boolean", "datetime", "text", "constant")
STACK_MAX_ROWS = 250_000  # tables of at most this many rows count the levels of many columns in one group_by
STACK_MAX_DISTINCT = 1_000  # ... of the columns with at most this many distinct values
MAX_STACKED_CELLS = 2_000_000  # rows × columns stacked into one query (bounds its memory: about 50 MB)
STACKABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "String"}


@dataclass
class LevelCounts:
    """Counts of a column's values, most frequent first (ties in value order); `complete` when every level
    is listed, else only the `TOP` most frequent."""

    values: list[Any]
    counts: list[int]
    complete: bool


def count_levels(
    work: nw.LazyFrame,
    schema: Schema,
    summaries: dict[str, Any],
    max_levels: int = MAX_LEVELS,
    top: int = TOP,
    tabulate_max: int | None = None,
    known: dict[str, Tabulation] | None = None,
    counted_text: dict[str, nw.DataFrame] | None = None,
    collected: dict[str, Tabulation] | None = None,
) -> tuple[dict[str, LevelCounts], dict[str, Tabulation]]:
    """Level counts of every column whose role has a mode, and the full value counts of the numeric columns
    worth tabulating (see the module docstring). `summaries`: the profile's column summaries (role, count,
    distinct). `tabulate_max`: `TABULATE_MAX` when None. `known`: value counts already taken (`value_counts` of
    the small-integer columns), used instead of a query; `counted_text`: likewise, collected `counted` frames
    of text columns (and of a tall table's date columns); `collected`: the value counts of numeric columns a tall
    table's profile took in place of their distinct count (`engine.profile._tall_counts`), tabulated whenever they
    hold at most half as many distinct values as values: `tabulate_max` bounds what a query returns, and these are
    in memory already.

    >>> import polars as pl
    >>> from edakit.engine.profile import profile
    >>> from edakit.schema import infer_schema
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "b", "a", None], "x": [2.5, 1.5, 2.5, 2.5]}))
    >>> schema = infer_schema(lf)
    >>> counts, tables = count_levels(lf, schema, profile(lf, schema).columns)
    >>> counts["g"]
    LevelCounts(values=['a', 'b'], counts=[2, 1], complete=True)
    >>> counts["x"]
    LevelCounts(values=[2.5, 1.5], counts=[3, 1], complete=True)
    >>> tables["x"].values.tolist(), tables["x"].counts.tolist()  # x: 2 distinct values in 4, so tabulated
    ([1.5, 2.5], [1, 3])
    """
    tabulate_max = TABULATE_MAX if tabulate_max is None else tabulate_max
    levels: dict[str, LevelCounts] = {}
    tables: dict[str, Tabulation] = {}
    queries: dict[str, tuple[nw.Expr, bool, bool]] = {}  # name: (values, tabulate, complete)
    for col in schema.columns:
        s = summaries.get(col.name)
        if s is None or col.role not in ROLES or s.count == 0 or s.error:
            continue
        table = (collected or {}).get(col.name)
        bound = s.distinct if table is not None else tabulate_max
        tabulate = col.role == "numeric" and s.distinct <= bound and 2 * s.distinct <= s.count
        if s.distinct >= s.count and not tabulate:  # every present value is distinct: all counts are 1
            continue
        complete = s.distinct <= max_levels
        table = table if table is not None else (known or {}).get(col.name)
        if table is not None and table.values.size:
            if tabulate:
                tables[col.name] = table
            levels[col.name] = _most_frequent(table, complete, top)
            continue
        frame = (counted_text or {}).get(col.name)
        if frame is not None:
            ranked = _most_frequent_rows(frame)
            ranked = ranked if complete else ranked.head(top)
            values = [plain(v) for v in ranked["value"].to_list()]
            levels[col.name] = LevelCounts(values, [int(n) for n in ranked["n"].to_list()], complete)
            continue
        value = finite_only(nw.col(col.name), is_float_type(col)) if col.role == "numeric" else nw.col(col.name)
        queries[col.name] = (value, tabulate, complete)
    rows = next((s.rows for s in summaries.values()), 0)
    few = {n: q[0] for n, q in queries.items() if summaries[n].distinct <= STACK_MAX_DISTINCT}
    stacked = stacked_counts(work, few, rows, limit=lambda n: _limit(queries[n], top))
    for name, (value, tabulate, complete) in queries.items():
        try:
            if name in stacked:
                values, counts = stacked[name]
            else:
                table = value_counts(work, value) if tabulate else None
                if table is not None and table.values.size:  # plain numbers (decimals take the ranked query below)
                    tables[name] = table
                    levels[name] = _most_frequent(table, complete, top)
                    continue
                ranked = most_frequent_first(work, value)
                frame = (ranked if complete else ranked.head(top)).collect()
                values, counts = frame["value"].to_list(), frame["n"].to_numpy()
        except Exception:  # noqa: BLE001 - a type the engine cannot group or sort: the top-values query serves
            continue
        if tabulate and isinstance(values, np.ndarray) and values.size:  # plain numbers, counted in full
            tables[name] = Tabulation.from_counts(values, counts)
            levels[name] = _most_frequent(tables[name], complete, top)
            continue
        listed = values.tolist() if isinstance(values, np.ndarray) else [plain(v) for v in values]
        levels[name] = LevelCounts(listed, [int(n) for n in counts.tolist()], complete)
    order = {c.name: i for i, c in enumerate(schema.columns)}  # the schema's order, whichever way counted
    return dict(sorted(levels.items(), key=lambda item: order[item[0]])), tables


def _most_frequent_rows(frame: nw.DataFrame) -> nw.DataFrame:
    """A collected `counted` frame, most frequent first and ties in value order. polars sorts it on this thread
    (`multithreaded=False`: a few thousand rows), not in its thread pool, which the profile's table-wide queries
    keep busy meanwhile (a pooled sort of carrier's 16 rows waited up to 0.24 s there)."""
    native = frame.to_native()
    if nw.get_native_namespace(frame).__name__ == "polars":
        return nw.from_native(native.sort(["n", "value"], descending=[True, False], multithreaded=False))
    return frame.sort(["n", "value"], descending=[True, False])


def _limit(query: tuple[nw.Expr, bool, bool], top: int) -> int | None:
    """How many of a column's most frequent levels `count_levels` keeps: all when tabulated or complete."""
    _, tabulate, complete = query
    return None if tabulate or complete else top


def stacked_counts(
    work: nw.LazyFrame, values: dict[str, nw.Expr], rows: int, limit: Any = None
) -> dict[str, tuple[Any, np.ndarray]]:
    """The value counts of the columns `values` (name: expression), most frequent first and ties in value order,
    counted in stacked `group_by`s when the table has at most `STACK_MAX_ROWS` rows (see the module docstring);
    values as a numpy array for numbers, a list otherwise. `limit(name)`: how many levels to keep (None: all).
    Columns of other types, and all columns of a taller table, are left out (the caller counts them one by
    one), as are the columns of a batch the engine fails on.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"a": ["x", "y", "y", None], "b": ["u", "u", "v", "w"], "c": [2, 1, 2, 1]}))
    >>> out = stacked_counts(lf, {n: nw.col(n) for n in "abc"}, 4)
    >>> out["a"][0], out["a"][1].tolist(), out["b"][0], out["c"][0].tolist(), out["c"][1].tolist()
    (['y', 'x'], [2, 1], ['u', 'v', 'w'], [1, 2], [2, 2])
    """
    if rows > STACK_MAX_ROWS or not values:
        return {}
    dtypes = work.collect_schema()
    by_type: dict[str, list[str]] = {}
    for name in values:
        kind = str(dtypes.get(name))
        if kind in STACKABLE:
            by_type.setdefault(kind, []).append(name)
    out: dict[str, tuple[Any, np.ndarray]] = {}
    per_query = max(1, MAX_STACKED_CELLS // max(rows, 1))
    for kind, names in by_type.items():
        for start in range(0, len(names), per_query):
            batch = names[start : start + per_query]
            try:
                out.update(_stacked_batch(work, batch, [values[n] for n in batch], kind == "String", limit))
            except Exception:  # noqa: BLE001 - the engine cannot stack these: the caller counts them one by one
                continue
    return out


def _stacked_batch(
    work: nw.LazyFrame, names: list[str], exprs: list[nw.Expr], text: bool, limit: Any
) -> dict[str, tuple[Any, np.ndarray]]:
    """One `group_by` of (column number, value) over the columns `names` (one type), unpivoted into one column."""
    frame = (
        work.select(*(e.alias(str(i)) for i, e in enumerate(exprs)))
        .unpivot(variable_name="c", value_name="value")
        .filter(~nw.col("value").is_null())
        .group_by("c", "value")
        .agg(nw.len().alias("n"))
        .with_columns(nw.col("c").cast(nw.Int32))
        .sort(["c", "n", "value"], descending=[False, True, False])
        .collect()
    )
    column = frame["c"].to_numpy()
    counts = frame["n"].to_numpy().astype(np.int64)
    values = frame["value"] if text else frame["value"].to_numpy()
    bounds = np.searchsorted(column, np.arange(len(names) + 1), side="left").tolist()
    out = {}
    for i, name in enumerate(names):
        start, end = bounds[i], bounds[i + 1]
        keep = limit(name) if limit else None
        if keep is not None:
            end = min(end, start + keep)
        out[name] = (values[start:end].to_list() if text else values[start:end], counts[start:end])
    return out


def counted(work: nw.LazyFrame, value: nw.Expr) -> nw.LazyFrame:
    """The query of every distinct present value of `value` (column `value`) and how often it occurs (`n`)."""
    return (
        work.select(value.alias("value")).filter(~nw.col("value").is_null()).group_by("value").agg(nw.len().alias("n"))
    )


def most_frequent_first(work: nw.LazyFrame, value: nw.Expr) -> nw.LazyFrame:
    """`counted`, most frequent first and ties in value order, so the order is reproducible."""
    return counted(work, value).sort(["n", "value"], descending=[True, False])


def value_counts_of(work: nw.LazyFrame, names: list[str], rows: int, in_memory: bool = False) -> dict[str, Tabulation]:
    """`value_counts` of each column of `names` (stacked on short tables, see `stacked_counts`); columns whose
    values are not plain numbers are left out. On a tall table polars holds in memory (`in_memory`), the 8- and
    16-bit integer columns among them are counted by numpy (`small_integer_counts`) instead; a scanned table's
    rows never leave the engine."""
    out = {}
    if in_memory and rows > STACK_MAX_ROWS and nw.get_native_namespace(work).__name__ == "polars":
        dtypes = work.collect_schema()
        for name in names:
            if str(dtypes[name]) in SMALL_INTEGERS:
                out[name] = small_integer_counts(work.to_native().select(name).collect().to_series())
    names = [n for n in names if n not in out]
    stacked = stacked_counts(work, {n: nw.col(n) for n in names}, rows)
    for name in names:
        if name in stacked:
            values, counts = stacked[name]
            table = Tabulation.from_counts(values, counts) if isinstance(values, np.ndarray) else None
        else:
            table = value_counts(work, nw.col(name))
        if table is not None:
            out[name] = table
    return out


def small_integer_counts(series: Any, chunk: int = 1 << 20) -> Tabulation:
    """The value counts of a polars Series of 8- or 16-bit integers (missing values left out), by
    `tabulated.bincount_chunked` over its bits read as unsigned: one counter per possible value, 65,536 at most.
    Twice as fast as a polars `group_by` (flights × 10: 14 columns of 3.4 M rows, 0.32 → 0.16 CPU-seconds), and
    the same counts, as `Tabulation`: ascending values of the column's type.

    >>> import polars as pl
    >>> t = small_integer_counts(pl.Series([3, -2, None, 3, -32768], dtype=pl.Int16))
    >>> t.values.tolist(), t.counts.tolist(), t.values.dtype
    ([-32768, -2, 3], [1, 1, 2], dtype('int16'))
    """
    missing = series.null_count()
    values = (series.fill_null(0) if missing else series).to_numpy()
    bits = values.dtype.itemsize * 8
    unsigned = values.view(np.dtype(f"uint{bits}"))
    counts = bincount_chunked(unsigned, 1 << bits, chunk)
    counts[0] -= missing  # the missing values were counted as 0
    if values.dtype.kind == "i":  # bit patterns 2^(bits-1) and up are the negative values: put them first
        half = 1 << (bits - 1)
        counts = np.concatenate([counts[half:], counts[:half]])
        levels = np.arange(-half, half, dtype=np.int64)
    else:
        levels = np.arange(1 << bits, dtype=np.int64)
    present = np.flatnonzero(counts)
    return Tabulation(levels[present].astype(values.dtype), counts[present])


WIDE_INTEGERS = ("Int32", "Int64", "UInt32", "UInt64")  # counted by value when their span is short (`integer_spans`)


def integer_spans(work: nw.LazyFrame, names: list[str], most: int) -> dict[str, tuple[int, int]]:
    """(lowest, highest) of each integer column of `names` wider than 16 bits whose values span at most `most`
    integers, from one query of their extremes (a polars table held in memory): such a column has at most that
    many distinct values, which `offset_counts` counts by numpy's `bincount` of v − lowest, a few times cheaper
    than polars' HyperLogLog estimate and `group_by` (flights: 13 Int64 columns of 337,000 rows, 0.09 → 0.03
    CPU-s)."""
    import polars as pl

    dtypes = work.collect_schema()
    wide = [n for n in names if str(dtypes[n]) in WIDE_INTEGERS]
    if not wide:
        return {}
    ends = [e for i, n in enumerate(wide) for e in (pl.col(n).min().alias(f"{i}l"), pl.col(n).max().alias(f"{i}h"))]
    row = work.to_native().select(ends).collect().row(0)
    spans = {n: (row[2 * i], row[2 * i + 1]) for i, n in enumerate(wide)}
    return {n: (int(lo), int(hi)) for n, (lo, hi) in spans.items() if lo is not None and hi - lo < most}


def offset_counts(series: Any, low: int, high: int, chunk: int = 1 << 20) -> Tabulation:
    """The value counts of a polars Series of integers between `low` and `high` (missing values left out), by
    `bincount` of v − low a chunk of rows at a time: the same counts as a `group_by`, as `Tabulation` (ascending
    values of the column's type).

    >>> import polars as pl
    >>> t = offset_counts(pl.Series([10**12, None, 10**12 + 3, 10**12]), 10**12, 10**12 + 3)
    >>> t.values.tolist(), t.counts.tolist(), t.values.dtype
    ([1000000000000, 1000000000003], [2, 1], dtype('int64'))
    """
    missing = series.null_count()
    values = (series.fill_null(low) if missing else series).to_numpy()
    base = values.dtype.type(low)
    counts = np.zeros(high - low + 1, dtype=np.int64)
    for start in range(0, values.size, chunk):
        offsets = (values[start : start + chunk] - base).astype(np.intp, copy=False)
        counts += np.bincount(offsets, minlength=counts.size)
    counts[0] -= missing  # the missing values were counted as `low`
    present = np.flatnonzero(counts)
    return Tabulation(present.astype(values.dtype) + base, counts[present])


def finite_tabulation(frame: nw.DataFrame) -> Tabulation | None:
    """The finite values of a collected `counted` frame with their counts (NaN and ±inf left out, as missing);
    None when the values are not plain numbers (decimals) or none is finite."""
    values = frame["value"].to_numpy()
    if values.dtype.kind not in "iuf":
        return None
    finite = np.isfinite(values) if values.dtype.kind == "f" else np.ones(values.size, dtype=bool)
    if not finite.any():
        return None
    return Tabulation.from_counts(values[finite], frame["n"].to_numpy()[finite])


def value_counts(work: nw.LazyFrame, value: nw.Expr) -> Tabulation | None:
    """Every distinct present value of `value` with its count, in one `group_by`; None when the values are not
    plain numbers (decimals, text)."""
    frame = counted(work, value).collect()
    values = frame["value"].to_numpy()
    if values.dtype.kind not in "iuf":
        return None
    return Tabulation.from_counts(values, frame["n"].to_numpy())


def _most_frequent(table: Tabulation, complete: bool, top: int) -> LevelCounts:
    """A tabulation's levels, most frequent first and ties by value (as the engine query sorts them)."""
    order = np.lexsort((table.values, -table.counts))
    if not complete:
        order = order[:top]
    return LevelCounts(table.values[order].tolist(), table.counts[order].tolist(), complete)
