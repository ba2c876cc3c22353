"""A look at the rows themselves: the first rows of the table and a seeded random sample of the others.

Two small queries (a head, and a filter on drawn row numbers), whatever the table's size; values come back as
Python objects, each row with its 1-based position in the table so a reader can find it in the file.
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
    picks = np.sort(np.random.default_rng(seed).choice(np.arange(first, rows), size=sample, replace=False)).tolist()
    native = selected.to_native()
    try:
        import polars as pl

        polars_lazy = isinstance(native, pl.LazyFrame)
    except ImportError:  # pragma: no cover - polars is a dependency
        polars_lazy = False
    if polars_lazy:  # the file's row order: number the rows as they are
        drawn = native.with_row_index(ROW_INDEX).filter(pl.col(ROW_INDEX).is_in(picks)).collect()
        records = drawn.drop(ROW_INDEX).rows()
        positions = drawn[ROW_INDEX].to_list()
    else:  # other engines keep no row order: number rows in a fixed order of all the columns
        numbered = selected.with_row_index(ROW_INDEX, order_by=columns)
        drawn_nw = numbered.filter(nw.col(ROW_INDEX).is_in(picks)).sort(ROW_INDEX).collect()
        positions = drawn_nw[ROW_INDEX].to_list()
        records = _records(drawn_nw.drop(ROW_INDEX))
    out.sample = [[int(p) + 1, *r] for p, r in zip(positions, records, strict=True)]
    return out


def _records(df: nw.DataFrame) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in df.iter_rows()]


def _numbered(records: list[tuple[Any, ...]], start: int) -> list[list[Any]]:
    return [[start + i, *r] for i, r in enumerate(records)]
