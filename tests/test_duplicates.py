"""Duplicate-row counts from row hashes agree with an exact unique() on tables full of ties, nulls, NaN and ±0."""

from __future__ import annotations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine.profile import duplicate_rows


@pytest.mark.parametrize("seed", range(5))
def test_hash_count_equals_unique(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(40):
        n = int(rng.integers(1, 400))
        df = pl.DataFrame(
            {
                "a": rng.integers(0, 3, n).tolist(),
                "b": [["x", "y", None][i] for i in rng.integers(0, 3, n)],
                "c": [[0.5, -0.0, 0.0, float("nan"), None][i] for i in rng.integers(0, 5, n)],
                "d": [[True, False, None][i] for i in rng.integers(0, 3, n)],
            },
            strict=False,
        )
        assert duplicate_rows(nw.from_native(df.lazy()), df.columns, n) == n - df.unique().height


def test_values_swapped_between_columns_are_different_rows() -> None:
    df = pl.DataFrame({"a": [1, 2, 1], "b": [2, 1, 2]})
    assert duplicate_rows(nw.from_native(df.lazy()), df.columns, 3) == 1
