"""Level counts of each column, for its mode, entropy and top values, and the value counts of numeric columns
with few distinct values: one bounded `group_by` per column on the engine, run by the profile.

A column with at most `MAX_LEVELS` distinct values gets every level's count (all that entropy needs); a column
with more gets only its `TOP` most frequent values (enough for the mode, its ties and the top values). Columns
whose values are all distinct need no query (every count is 1). NaN and ±inf in float columns count as missing,
as everywhere in the profile. A numeric column with at most `TABULATE_MAX` distinct values, and at most half as
many as its values, is counted in full instead: the profile then finds its quantiles, MAD, outliers and histogram
exactly from these counts (`engine.tabulated`) without the engine's per-row quantile passes. Only counts come back
to Python. A column the engine cannot group is left out (the profile's top-values query then serves).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.expressions import finite_column, plain
from edakit.engine.tabulated import Tabulation
from edakit.schema import Schema

MAX_LEVELS = 1_000
TOP = 11  # the mode and up to 10 values tied with it
TABULATE_MAX = 100_000  # numeric columns with at most this many distinct values are summarised from their counts
SMALL_INTEGERS = ("Int8", "Int16", "UInt8", "UInt16")  # at most 65,536 values: counted in full, no n_unique first
ROLES = ("numeric", "categorical", "boolean", "datetime", "text", "constant")


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
) -> tuple[dict[str, LevelCounts], dict[str, Tabulation]]:
    """Level counts of every column whose role has a mode, and the full value counts of the numeric columns
    worth tabulating (see the module docstring). `summaries`: the profile's column summaries (role, count,
    distinct). `tabulate_max`: `TABULATE_MAX` when None. `known`: value counts already taken (`value_counts` of
    the small-integer columns), used instead of a query.

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
    for col in schema.columns:
        s = summaries.get(col.name)
        if s is None or col.role not in ROLES or s.count == 0 or s.error:
            continue
        tabulate = col.role == "numeric" and s.distinct <= tabulate_max and 2 * s.distinct <= s.count
        if s.distinct >= s.count and not tabulate:  # every present value is distinct: all counts are 1
            continue
        value = finite_column(col.name, schema) if col.role == "numeric" else nw.col(col.name)
        complete = s.distinct <= max_levels
        try:
            table = (known or {}).get(col.name) or (value_counts(work, value) if tabulate else None)
            if table is not None and table.values.size:  # plain numbers (decimals take the ranked query below)
                if tabulate:
                    tables[col.name] = table
                levels[col.name] = _most_frequent(table, complete, top)
                continue
            ranked = most_frequent_first(work, value)
            frame = (ranked if complete else ranked.head(top)).collect()
        except Exception:  # noqa: BLE001 - a type the engine cannot group or sort: the top-values query serves
            continue
        values = [plain(v) for v in frame["value"].to_list()]
        levels[col.name] = LevelCounts(values, [int(n) for n in frame["n"].to_list()], complete)
    return levels, tables


def counted(work: nw.LazyFrame, value: nw.Expr) -> nw.LazyFrame:
    """The query of every distinct present value of `value` (column `value`) and how often it occurs (`n`)."""
    return (
        work.select(value.alias("value")).filter(~nw.col("value").is_null()).group_by("value").agg(nw.len().alias("n"))
    )


def most_frequent_first(work: nw.LazyFrame, value: nw.Expr) -> nw.LazyFrame:
    """`counted`, most frequent first and ties in value order, so the order is reproducible."""
    return counted(work, value).sort(["n", "value"], descending=[True, False])


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
