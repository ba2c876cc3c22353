"""Small narwhals building blocks shared by every engine pass, so all backends treat values alike."""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw

from edakit.schema import ColumnSchema, Schema


def finite_only(expr: nw.Expr, is_float: bool) -> nw.Expr:
    """The values with NaN and ±inf turned into missing, so sums and moments stay finite (floats only)."""
    return nw.when(expr.is_finite()).then(expr) if is_float else expr


def is_float_column(name: str, schema: Schema) -> bool:
    """Whether the column's values are floats once converted (so NaN and ±inf can occur)."""
    return is_float_type(schema[name])


def is_float_type(col: ColumnSchema) -> bool:
    """`is_float_column` of a column's schema entry (no lookup by name: wide tables call it per column)."""
    return col.dtype.startswith("Float") or col.conversion == "number_text"


def finite_column(name: str, schema: Schema) -> nw.Expr:
    """The column with NaN and ±inf turned into missing values, so moments stay finite."""
    return finite_only(nw.col(name), is_float_column(name, schema))


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """`items` in consecutive groups of at most `size` (for batched passes)."""
    return [items[i : i + size] for i in range(0, len(items), max(size, 1))]


def count_if(condition: nw.Expr) -> nw.Expr:
    """How many rows satisfy `condition` (a boolean expression); Spark cannot sum booleans directly."""
    return condition.cast(nw.Int64).sum()


def plain(value: Any) -> Any:
    """Engine scalars (numpy, arrow) to Python values; None stays None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


IN_MEMORY_ABOVE = 400  # aggregates in one select above which polars' in-memory engine is used (rows in memory)


def collect_aggregates(query: nw.LazyFrame, expressions: int, in_memory: bool) -> nw.DataFrame:
    """Collect a `select` of `expressions` aggregates, choosing polars' engine.

    polars 2 streams by default: faster and smaller than its in-memory engine on the few dozen aggregates of a
    tall table (flights ×10: profile 12 s and 1.0 GB peak vs 16 s and 1.4 GB), but about 20× slower on a select
    of thousands of aggregates (a 1,500-column table). So: in-memory only for wide selects over rows already in
    memory; never for a scanned file, where it would load whole columns. Other engines choose for themselves."""
    native = query.to_native()
    if in_memory and expressions > IN_MEMORY_ABOVE and type(native).__module__.startswith("polars"):
        return query.collect(engine="in-memory")
    return query.collect()


def collect_in_order(query: nw.LazyFrame, in_memory: bool) -> nw.DataFrame:
    """Collect a query whose float sums must not depend on polars' threads: its in-memory engine over rows in
    polars' memory. The streaming engine (polars 2's default) adds up morsels whose size follows the thread count,
    in the order threads finish them, so a group's mean and variance changed in their last digits from run to run
    and between `POLARS_MAX_THREADS` settings; the in-memory engine sums each group's rows in the same order every
    time (tests/test_determinism.py). A scanned file streams (the in-memory engine would load whole columns)."""
    if in_memory and type(query.to_native()).__module__.startswith("polars"):
        return query.collect(engine="in-memory")
    return query.collect()


SHAPE = {"skew": lambda x: x.skew(), "kurt": lambda x: x.kurtosis()}


def aggregate_row(
    view: nw.LazyFrame, stats: dict[str, nw.Expr], extra: list[nw.Expr], keys: list[str], in_memory: bool
) -> dict[str, Any]:
    """One row of `stats` (expressions over the columns `keys`, each output suffixed `_<stat>`) and `extra`.

    DuckDB refuses a skewness or kurtosis that overflows ("SKEW is out of range!", values near 1e100 and beyond:
    fourth powers exceed 1.8e308), which would fail the whole query: then the rest is collected without them and
    each column's shape alone, None for the column whose shape is out of range."""
    exprs = [e.name.suffix(f"_{stat}") for stat, e in stats.items()] + extra
    try:
        df = collect_in_order(view.select(exprs), in_memory)
        return dict(zip(df.columns, df.row(0), strict=True))
    except Exception as exc:  # noqa: BLE001 - engines raise their own types; only "out of range" is handled
        if "out of range" not in str(exc).lower():
            raise
    kept = [e.name.suffix(f"_{stat}") for stat, e in stats.items() if stat not in SHAPE] + extra
    df = collect_in_order(view.select(kept), in_memory)
    row = dict(zip(df.columns, df.row(0), strict=True))
    for key in keys:
        try:
            one = view.select(*(f(nw.col(key)).alias(f"{key}_{stat}") for stat, f in SHAPE.items())).collect()
            row.update(zip(one.columns, one.row(0), strict=True))
        except Exception as exc:  # noqa: BLE001 - as above: this column's shape is out of the engine's range
            if "out of range" not in str(exc).lower():
                raise
            row.update({f"{key}_{stat}": None for stat in SHAPE})
    return row
