"""A uniform random sample of rows with a fixed seed, for the methods that need raw values."""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

ROW_INDEX = "__edakit_row__"


def draw_sample(frame: nw.LazyFrame, columns: list[str], rows: int, size: int, seed: int) -> tuple[Any, bool]:
    """Return (polars DataFrame of at most `size` rows of `columns`, whether it is a strict subset)."""
    import polars as pl

    if not columns:
        return pl.DataFrame(), False
    selected = frame.select(columns)
    if rows <= size:
        return _to_polars(selected.collect()), False
    picks = np.sort(np.random.default_rng(seed).choice(rows, size=size, replace=False)).tolist()
    native = selected.to_native()
    if isinstance(native, pl.LazyFrame):  # row order is the file's order: number rows as they are
        sample = native.with_row_index(ROW_INDEX).filter(pl.col(ROW_INDEX).is_in(picks)).drop(ROW_INDEX)
        return sample.collect(), True
    # Other engines have no intrinsic row order: number rows in a fixed order of all sampled columns.
    numbered = selected.with_row_index(ROW_INDEX, order_by=columns)
    sample = numbered.filter(nw.col(ROW_INDEX).is_in(picks)).drop(ROW_INDEX).collect()
    return _to_polars(sample), True


def _to_polars(df: nw.DataFrame) -> Any:
    import polars as pl

    native = df.to_native()
    return native if isinstance(native, pl.DataFrame) else pl.from_arrow(df.to_arrow())
