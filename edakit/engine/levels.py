"""Level counts of each column, for its mode and entropy: one bounded `group_by` per column on the engine.

A column with at most `MAX_LEVELS` distinct values gets every level's count (all that entropy needs); a column
with more gets only its `TOP` most frequent values (enough for the mode and its ties). Columns whose values are
all distinct need no query (every count is 1), nor do constant columns (one level, counted by the profile).
NaN and ±inf in float columns count as missing, as everywhere in the profile. Only counts come back to Python,
at most `MAX_LEVELS` rows per column. A column the engine cannot group is left out (the profile's top values
then give its mode).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine.pairs import finite_values
from edakit.engine.profile import ColumnSummary
from edakit.schema import Schema

MAX_LEVELS = 1_000
TOP = 11  # the mode and up to 10 values tied with it
ROLES = ("numeric", "categorical", "boolean", "datetime", "text", "constant")


@dataclass
class LevelCounts:
    """Counts of a column's values, most frequent first (ties in value order); `complete` when every level
    is listed, else only the `TOP` most frequent."""

    values: list[Any]
    counts: list[int]
    complete: bool


def level_counts(
    work: nw.LazyFrame,
    schema: Schema,
    summaries: dict[str, ColumnSummary],
    max_levels: int = MAX_LEVELS,
    top: int = TOP,
) -> dict[str, LevelCounts]:
    """Level counts of every column whose role has a mode (see the module docstring).

    >>> import polars as pl
    >>> from edakit.engine.profile import profile
    >>> from edakit.schema import infer_schema
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "b", "a", None], "x": [1.5, 2.5, 1.5, 4.0]}))
    >>> schema = infer_schema(lf)
    >>> counts = level_counts(lf, schema, profile(lf, schema).columns)
    >>> counts["g"], counts["x"].values, counts["x"].counts
    (LevelCounts(values=['a', 'b'], counts=[2, 1], complete=True), [1.5, 2.5, 4.0], [2, 1, 1])
    """
    out: dict[str, LevelCounts] = {}
    for col in schema.columns:
        s = summaries.get(col.name)
        if s is None or col.role not in ROLES or s.count == 0 or s.error:
            continue
        if col.role == "constant" or s.distinct == 1:
            if s.top_values:
                out[col.name] = LevelCounts([s.top_values[0][0]], [s.top_values[0][1]], True)
            continue
        if s.distinct >= s.count:  # every present value is distinct: all counts are 1, no query needed
            continue
        if s.top_values and len(s.top_values) >= s.distinct:  # the profile's top values already hold every level
            out[col.name] = LevelCounts([v for v, _ in s.top_values], [int(c) for _, c in s.top_values], True)
            continue
        value = finite_values([col.name], schema)[col.name] if col.role == "numeric" else nw.col(col.name)
        query = (
            work.select(value.alias("value"))
            .filter(~nw.col("value").is_null())
            .group_by("value")
            .agg(nw.len().alias("n"))
            .sort(["n", "value"], descending=[True, False])
        )
        complete = s.distinct <= max_levels
        try:
            frame = (query if complete else query.head(top)).collect()
        except Exception:  # noqa: BLE001 - a type the engine cannot group or sort: the profile's top values serve
            continue
        values = [_plain(v) for v in frame["value"].to_list()]
        counts = [int(n) for n in frame["n"].to_list()]
        out[col.name] = LevelCounts(values, counts, complete)
    return out


def _plain(value: Any) -> Any:
    """Engine scalars (numpy, arrow) to Python values."""
    return value.item() if hasattr(value, "item") else value
