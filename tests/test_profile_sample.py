"""The profile's sample is drawn at its start, of the columns numeric before the roles are settled, and cut to the
columns still numeric afterwards: it must hold exactly the final numeric columns, in the table's order, at the
rows numpy's seeded draw picks (`engine.sample`: `default_rng(seed).choice(rows, size, replace=False)`, sorted),
whether or not the rows are in memory (a scanned table's sample is drawn after the roles, as before)."""

from __future__ import annotations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine.profile import profile
from edakit.schema import infer_schema


def _frame(n: int = 3_000) -> pl.DataFrame:
    """Two measurements, then numeric columns the settled roles take away: row numbers (identifier), a constant
    (constant); and a text column."""
    rng = np.random.default_rng(11)
    x = rng.normal(0, 1, n)
    return pl.DataFrame(
        {
            "row": np.arange(n),
            "x": np.where(rng.random(n) < 0.05, np.nan, x),
            "c": np.full(n, 5),
            "k": rng.choice(["a", "b"], n),
            "y": (2 * x + rng.normal(0, 1, n)).round(2),
        }
    )


@pytest.mark.parametrize("in_memory", [True, False])
def test_sample_holds_the_settled_numeric_columns_at_the_seeded_rows(in_memory: bool) -> None:
    df = _frame()
    frame = nw.from_native(df.lazy())
    schema = infer_schema(frame)
    assert [c.name for c in schema.by_role("numeric")] == ["row", "x", "c", "y"]  # before the roles are settled
    summary = profile(frame, schema, sample_size=500, seed=4, in_memory=in_memory)
    assert [c.name for c in schema.by_role("numeric")] == ["x", "y"]
    picks = np.sort(np.random.default_rng(4).choice(df.height, size=500, replace=False))
    assert summary.sampled is True
    assert summary.sample.columns == ["x", "y"]
    assert summary.sample.equals(df[picks].select("x", "y"))


@pytest.mark.parametrize("in_memory", [True, False])
def test_no_sample_when_no_column_stays_numeric(in_memory: bool) -> None:
    """Only row numbers and a constant among the numbers: no numeric column, so no sample (an empty frame)."""
    df = _frame().select("row", "c", "k")
    frame = nw.from_native(df.lazy())
    summary = profile(frame, infer_schema(frame), sample_size=500, seed=4, in_memory=in_memory)
    assert (summary.sample.shape, summary.sampled) == ((0, 0), False)


def test_small_table_sample_is_every_row_of_the_numeric_columns() -> None:
    df = _frame(300)
    frame = nw.from_native(df.lazy())
    summary = profile(frame, infer_schema(frame), sample_size=500, seed=4, in_memory=True)
    assert summary.sampled is False
    assert summary.sample.equals(df.select("x", "y"))
