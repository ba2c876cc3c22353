"""The report's sections start as soon as the profile's column summaries and sample are final (`profile`'s
`on_columns`), beside the profile's last table-wide queries: what the callback sees, what the profile fills in
afterwards, and a profile that fails after the sections started."""

from __future__ import annotations

import threading

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

import edakit
from edakit.engine import histogram
from edakit.engine.profile import profile
from edakit.schema import infer_schema


def _frame(n: int = 4_000) -> pl.DataFrame:
    """Numbers with gaps, a categorical and repeated rows (the first 500 rows again at the end)."""
    rng = np.random.default_rng(3)
    x = rng.normal(10, 2, n)
    df = pl.DataFrame(
        {
            "x": np.where(rng.random(n) < 0.1, np.nan, x),
            "y": (x * 3 + rng.normal(0, 1, n)).round(1),
            "k": rng.choice(["a", "b", "c"], n),
            "m": pl.Series(rng.integers(0, 50, n)).cast(pl.Int64),
        }
    ).with_columns(pl.when(pl.col("m") > 45).then(None).otherwise(pl.col("m")).alias("m"))
    return pl.concat([df, df.head(500)])


@pytest.mark.parametrize("in_memory", [True, False])
def test_on_columns_sees_final_columns_and_sample(in_memory: bool) -> None:
    """In memory, the callback comes before the duplicate rows and missing-value patterns are known and the
    profile then fills them into the same summary; a scanned table's profile calls it at the end. Either way the
    duplicate count is polars' exact unique()'s, and the sample is the rows numpy's seeded draw of row numbers
    picks (`engine.sample`: rng(seed).choice(rows, size, replace=False))."""
    df = _frame()
    frame = nw.from_native(df.lazy())
    seen = []

    def on_columns(summary: object) -> None:
        seen.append((summary, summary.duplicate_rows, summary.missing_patterns, summary.sample.height))

    summary = profile(frame, infer_schema(frame), sample_size=1_000, seed=7, in_memory=in_memory, on_columns=on_columns)
    ((called_with, duplicates_then, patterns_then, sample_rows),) = seen
    assert called_with is summary and sample_rows == 1_000
    repeated = df.height - df.unique().height
    assert (duplicates_then, patterns_then is None) == ((None, True) if in_memory else (repeated, False))
    assert summary.duplicate_rows == repeated >= 500
    assert summary.missing_patterns is not None
    picks = np.sort(np.random.default_rng(7).choice(df.height, size=1_000, replace=False))
    expected = df[picks].select("x", "y", "m")
    assert summary.sample.select("x", "y", "m").equals(expected)


def test_profile_failing_after_the_sections_started_stops_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """A query of the profile that fails after the sections started raises its own error, and the sections'
    threads have ended by then (none left running behind the error)."""

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("patterns failed")

    monkeypatch.setattr(histogram, "missing_patterns", fail)
    before = {t.ident for t in threading.enumerate()}
    with pytest.raises(RuntimeError, match="patterns failed"):
        edakit.report(_frame())
    assert [t.name for t in threading.enumerate() if t.ident not in before] == []
