"""A look at the rows themselves: the first rows of the table and a seeded random sample of the others.

Two small queries (a head, and a filter on drawn row numbers), whatever the table's size; values come back as
Python objects, each row with its 1-based position in the table so a reader can find it in the file. Rows are
numbered in the order the engine reads them (polars, DuckDB and Spark keep the file's order), so every engine
shows the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.sample import ROW_INDEX


@dataclass
class RowsPreview:
    """`head`: the first rows; `sample`: rows drawn at random (seeded) from the rest; each row is
    [position, value, value, ...] with position counted from 1, in the order of `columns`."""

    columns: list[str]
    rows: int  # rows in the table
    seed: int
    head: list[list[Any]] = field(default_factory=list)
    sample: list[list[Any]] = field(default_factory=list)


def preview_rows(frame: nw.LazyFrame, columns: list[str], rows: int, head: int, sample: int, seed: int) -> RowsPreview:
    """The first `head` rows of `columns` and `sample` rows drawn without replacement from the others (seed `seed`);
    a table of at most `head + sample` rows is shown whole, as its head."""
    out = RowsPreview(columns=list(columns), rows=rows, seed=seed)
    if not columns or rows == 0:
        return out
    selected = frame.select(columns)
    first = head + sample if rows <= head + sample else head
    out.head = _numbered(_records(selected.head(first).collect()), 1)
    if rows <= first:
        return out
    # positions first..rows-1, drawn as offsets from `first`: the same draw as from np.arange(first, rows), which
    # would allocate every row's number (40 MB for 5 M rows)
    picks = (first + np.sort(np.random.default_rng(seed).choice(rows - first, size=sample, replace=False))).tolist()
    native = selected.to_native()
    try:
        import polars as pl

        polars_lazy = isinstance(native, pl.LazyFrame)
    except ImportError:  # pragma: no cover - polars is a dependency
        polars_lazy = False
    module = nw.get_native_namespace(selected).__name__
    if polars_lazy:  # the file's row order: one slice per drawn row, which polars reads alone (a row index and
        # a filter made it compute every column whole first: a compact table's text as strings, 60 MB on flights 10x)
        records = [row for p in picks for row in native.slice(p, 1).collect().rows()]
        positions = picks
    elif module.startswith(("duckdb", "pyspark")):  # the scan's order, as the head's: the same rows as on polars
        drawn_nw = nw.from_native(_numbered_in_scan_order(native, module, picks)).collect()
        positions = drawn_nw[ROW_INDEX].to_list()
        records = _records(drawn_nw.drop(ROW_INDEX))
    else:  # other engines keep no row order: number rows in a fixed order of all the columns
        numbered = selected.with_row_index(ROW_INDEX, order_by=columns)
        drawn_nw = numbered.filter(nw.col(ROW_INDEX).is_in(picks)).sort(ROW_INDEX).collect()
        positions = drawn_nw[ROW_INDEX].to_list()
        records = _records(drawn_nw.drop(ROW_INDEX))
    out.sample = [[int(p) + 1, *r] for p, r in zip(positions, records, strict=True)]
    return out


def _numbered_in_scan_order(native: Any, module: str, picks: list[int]) -> Any:
    """The rows at 0-based positions `picks` of a DuckDB relation (row_number over its scan, in insertion order)
    or a Spark DataFrame (numbered by monotonically_increasing_id, which follows the partitions' order; the
    window moves the row ids, not the rows' values, through one partition), with their position in ROW_INDEX."""
    wanted = ", ".join(str(int(p)) for p in picks)
    if module.startswith("duckdb"):
        numbered = native.project(f"*, row_number() OVER () - 1 AS {ROW_INDEX}")
        return numbered.filter(f"{ROW_INDEX} IN ({wanted})").order(ROW_INDEX)
    from pyspark.sql import Window
    from pyspark.sql import functions as F  # noqa: N812 - pyspark's usual name

    order = Window.orderBy(F.monotonically_increasing_id())
    numbered = native.withColumn(ROW_INDEX, F.row_number().over(order) - 1)
    return numbered.filter(F.col(ROW_INDEX).isin([int(p) for p in picks])).orderBy(ROW_INDEX)


def _records(df: nw.DataFrame) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in df.iter_rows()]


def _numbered(records: list[tuple[Any, ...]], start: int) -> list[list[Any]]:
    return [[start + i, *r] for i, r in enumerate(records)]
