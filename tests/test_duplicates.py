"""Duplicate-row counts from row hashes agree with an exact unique() on tables full of ties, nulls, NaN and ±0."""

from __future__ import annotations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine.duplicates import hash_units
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
        for in_memory in (False, True):  # pairs counted by unique(), and by n_unique within each first hash
            assert duplicate_rows(nw.from_native(df.lazy()), df.columns, n, in_memory) == n - df.unique().height


def test_values_swapped_between_columns_are_different_rows() -> None:
    df = pl.DataFrame({"a": [1, 2, 1], "b": [2, 1, 2]})
    assert duplicate_rows(nw.from_native(df.lazy()), df.columns, 3) == 1
    assert duplicate_rows(nw.from_native(df.lazy()), df.columns, 3, in_memory=True) == 1


@pytest.mark.parametrize("seed", range(3))
def test_small_integer_columns_packed_into_words_count_as_python_tuples(seed: int) -> None:
    """8- and 16-bit integer columns are hashed packed a few to a word: the count still equals that of the rows as
    Python tuples (type extremes, missing values, values swapped between packed columns, seven such columns so a
    word is partly filled), and of polars' exact unique()."""
    rng = np.random.default_rng(seed)
    n = 600
    kinds = [("i8", pl.Int8), ("i16", pl.Int16), ("u8", pl.UInt8), ("u16", pl.UInt16)]
    data: dict[str, pl.Series] = {}
    for name, dtype in kinds:
        info = np.iinfo(str(dtype).lower())
        choices = [info.min, info.max, 0, 1, None]
        for k in (0, 1):
            data[f"{name}_{k}"] = pl.Series([choices[i] for i in rng.integers(0, 5, n)], dtype=dtype)
    df = pl.DataFrame(data).drop("u16_1").with_columns(pl.Series("s", rng.choice(["a", "b"], n)))
    swapped = df.head(1).with_columns(pl.col("i16_0").alias("i16_1"), pl.col("i16_1").alias("i16_0"))
    df = pl.concat([df, swapped, df.head(1)])
    expected = df.height - len(set(df.iter_rows()))
    for in_memory in (False, True):
        assert duplicate_rows(nw.from_native(df.lazy()), df.columns, df.height, in_memory) == expected
    assert expected == df.height - df.unique().height


def _tall_frame(n: int = 3_000) -> pl.DataFrame:
    rng = np.random.default_rng(11)
    return pl.DataFrame(
        {
            "small": pl.Series(rng.integers(0, 4, n), dtype=pl.Int16),
            "text": [["x", "y", "z", None][i] for i in rng.integers(0, 4, n)],
            "value": np.round(rng.normal(size=n), 0),
        }
    )


def test_profile_counts_duplicates_beside_its_other_queries(monkeypatch, tmp_path) -> None:
    """On a tall table in polars' memory the profile hashes the rows on a thread beside its other queries (and
    counts the text values beside the small integers): the duplicate count is still Python's count of repeated
    row tuples, and every summary is that of the same rows scanned from a file (every query on one thread)."""
    import edakit.engine.levels as levels
    import edakit.engine.profile as profile_module
    from edakit.schema import infer_schema

    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)  # 3,000 rows count as tall
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    df = _tall_frame()
    df.write_parquet(tmp_path / "t.parquet")
    memory = nw.from_native(df.lazy())
    scanned = nw.from_native(pl.scan_parquet(tmp_path / "t.parquet"))
    beside = profile_module.profile(memory, infer_schema(memory), in_memory=True)
    inline = profile_module.profile(scanned, infer_schema(scanned), in_memory=False)
    assert beside.duplicate_rows == df.height - len(set(df.iter_rows())) == inline.duplicate_rows
    assert beside.levels == inline.levels
    for name in df.columns:
        b, i = beside.columns[name], inline.columns[name]
        assert (b.role, b.missing, b.distinct, b.top_values, b.numeric) == (
            i.role,
            i.missing,
            i.distinct,
            i.top_values,
            i.numeric,
        )


@pytest.mark.parametrize("in_memory", [True, False])
def test_a_failing_query_beside_the_profile_fails_the_profile(in_memory: bool, monkeypatch) -> None:
    """An error in a query run beside the main thread is raised by `profile` itself, as it would be inline."""
    import edakit.engine.profile as profile_module
    from edakit.schema import infer_schema

    def broken(*args: object) -> int:
        raise RuntimeError("hash failed")

    monkeypatch.setattr(profile_module, "duplicate_rows", broken)
    frame = nw.from_native(_tall_frame().lazy())
    with pytest.raises(RuntimeError, match="hash failed"):
        profile_module.profile(frame, infer_schema(frame), in_memory=in_memory)


@pytest.mark.parametrize("seed", range(3))
def test_integer_columns_packed_by_their_known_ranges_count_as_python_tuples(seed: int) -> None:
    """Integer columns whose range is known (the profile's value counts) are packed into just as many bits as
    that range needs, several to a word: a constant column takes none, a column with missing values one value
    more; a range too wide is hashed as its column. The count still equals that of the rows as Python tuples,
    whatever the extremes and ties."""
    rng = np.random.default_rng(seed)
    n = 500
    spans = {"i16": (pl.Int16, -300, 40), "u8": (pl.UInt8, 7, 9), "i32": (pl.Int32, -(2**31), 2**31 - 1)}
    spans |= {"i64": (pl.Int64, 10**12, 10**12 + 5), "wide": (pl.Int64, -(2**62), 2**62)}  # wide: hashed as is
    data: dict[str, pl.Series] = {"one": pl.Series([5] * n, dtype=pl.Int16)}  # one value, none missing: 0 bits
    for name, (dtype, low, high) in spans.items():
        for k in range(3):
            values = [[low, high, low + 1, None][i] for i in rng.integers(0, 4 if k else 3, n)]
            data[f"{name}_{k}"] = pl.Series(values, dtype=dtype)
    df = pl.DataFrame(data).with_columns(pl.Series("s", rng.choice(["a", "b"], n)))
    swapped = df.head(1).with_columns(pl.col("i16_1").alias("i16_2"), pl.col("i16_2").alias("i16_1"))
    df = pl.concat([df, swapped, df.head(1)])
    ranges = {c: (df[c].min(), df[c].max(), df[c].null_count() > 0) for c in df.columns if df.schema[c].is_integer()}
    assert ranges["one"] == (5, 5, False) and ranges["i16_0"] == (-300, 40, False)
    units = hash_units(df.schema, df.columns, ranges)
    assert len(units) == 1 + 3 + 3  # s, wide_0..2; the others in 3 words: 0 + 3 × 9 + 3 × 2 + 32 + 33 + 33 + 3 × 3 bits
    expected = df.height - len(set(df.iter_rows()))
    for in_memory in (False, True):
        got = duplicate_rows(nw.from_native(df.lazy()), df.columns, df.height, in_memory, ranges)
        assert got == expected


def _profile_with_spy(monkeypatch, df: pl.DataFrame) -> tuple[object, list[str], list[dict]]:
    """Profile `df` in memory as a tall table whose duplicate rows may be counted first (thresholds lowered),
    recording the order in which the count ends and the caller's analyses are called back, and each count's
    ranges."""
    import edakit.engine.duplicates as duplicates
    import edakit.engine.levels as levels
    import edakit.engine.profile as profile_module
    from edakit.schema import infer_schema

    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    monkeypatch.setattr(duplicates, "FIRST_ROWS", 1_000)
    events: list[str] = []
    ranges: list[dict] = []
    counted = profile_module.duplicate_rows

    def spy(work, columns, rows, in_memory=False, given=None):  # noqa: ANN001, ANN202 - the function's own
        ranges.append(dict(given or {}))
        try:
            return counted(work, columns, rows, in_memory, given)
        finally:
            events.append("counted")

    monkeypatch.setattr(profile_module, "duplicate_rows", spy)
    monkeypatch.setattr(duplicates, "duplicate_rows", spy)  # the count started first
    frame = nw.from_native(df.lazy())
    summary = profile_module.profile(
        frame, infer_schema(frame), in_memory=True, on_columns=lambda s: events.append("analyses")
    )
    return summary, events, ranges


def test_tall_table_without_a_key_counts_duplicate_rows_before_the_analyses_start(monkeypatch) -> None:
    """A tall table whose first rows show that no column can be a key has its duplicate rows counted from the
    start of the profile, packed by the type ranges and the spans known then, and the caller's analyses start
    once that count has ended: still Python's count of repeated row tuples."""
    rng = np.random.default_rng(5)
    df = _tall_frame().with_columns(  # an Int64 column of a short span: packed by that span, missing or not
        pl.Series("big", 10**12 + rng.integers(0, 6, 3_000)),
        pl.Series("gappy", [[1, 2, None][i] for i in rng.integers(0, 3, 3_000)], dtype=pl.Int64),
    )
    df = pl.concat([df, df.head(40)])  # exact repeats, far from their first rows
    summary, events, ranges = _profile_with_spy(monkeypatch, df)
    assert summary.duplicate_rows == df.height - len(set(df.iter_rows())) == df.height - df.unique().height
    assert events == ["counted", "analyses"]
    assert ranges == [{"big": (10**12, 10**12 + 5, True), "gappy": (1, 2, True)}]


@pytest.mark.parametrize("key", ["head", "whole"])
def test_a_table_that_may_have_a_key_counts_duplicate_rows_as_before(key: str, monkeypatch) -> None:
    """A column whose first rows are all distinct may be a key: the count then waits for the profile's counts
    (none at all with a key) and runs beside the caller's analyses, packed by the value counts' ranges (the
    small integers' among them, which the count started first packs by their type's)."""
    df = _tall_frame().with_columns(pl.Series("id", range(3_000)))  # a key
    if key == "head":  # distinct in the first rows only: no key, duplicate rows counted once the counts are known
        df = df.with_columns(pl.col("id") % 2_000)
    summary, events, ranges = _profile_with_spy(monkeypatch, df)
    assert summary.duplicate_rows == df.height - len(set(df.iter_rows()))
    if key == "whole":
        assert summary.duplicate_rows == 0 and events == ["analyses"]
    else:
        assert sorted(events) == ["analyses", "counted"] and ranges[0]["small"] == (0, 3, False)
