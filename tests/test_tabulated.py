"""Order statistics from value counts (`engine.tabulated`) equal the engine's own, value for value.

Oracles: polars' `quantile(interpolation="linear")` and numpy's type-7 `quantile` on the repeated values, and the
profile's engine path (the same columns with tabulation turned off)."""

from __future__ import annotations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import levels, tabulated
from edakit.engine.profile import profile
from edakit.engine.tabulated import Tabulation
from edakit.schema import infer_schema


@pytest.mark.parametrize("seed", range(40))
def test_quantiles_equal_polars_and_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    if seed % 2:
        values = rng.integers(-50, 50, size=int(rng.integers(1, 30)))
    else:
        values = np.round(rng.normal(size=int(rng.integers(1, 30))) * 10.0 ** int(rng.integers(-4, 4)), 3)
    values = np.unique(values)
    counts = rng.integers(1, 9, size=values.size)
    repeated = np.repeat(values, counts)
    for p in (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0):
        ours = tabulated.quantile(values, counts, p)
        assert ours == pl.Series(repeated).quantile(p, interpolation="linear")  # bit for bit
        assert ours == pytest.approx(float(np.quantile(repeated, p)), rel=1e-15, abs=1e-300)


def test_mad_whiskers_histogram_by_hand() -> None:
    # 1 1 2 2 2 3 40: median 2; |x - 2| = 1 1 0 0 0 1 38 -> median 1; quartiles 1.5 and 2.5, fences 0 and 4
    table = Tabulation.from_counts(np.array([40, 3, 2, 1]), np.array([1, 1, 3, 2]))
    assert table.values.tolist() == [1, 2, 3, 40]
    spread = tabulated.spread(table, 2.0, 0.0, 4.0)
    assert spread == {"mad_raw": 1.0, "outliers_low": 0, "outliers_high": 1}
    stats = {"fence_low": 0.0, "fence_high": 4.0, "min": 1, "max": 40}
    assert tabulated.whiskers(table, stats) == {"whisker_low": 1, "whisker_high": 3}
    # bins [0.5, 1.5) [1.5, 2.5) ... : the integer rule's half-integer edges
    edges = [0.5 + j for j in range(41)]
    counts = tabulated.histogram_counts(table, edges)
    assert counts[:3] == [2, 3, 1] and counts[-1] == 1 and sum(counts) == 7


def _frame(rng: np.random.Generator, n: int) -> pl.DataFrame:
    ints = rng.integers(0, 40, size=n)
    tenths = rng.integers(-30, 30, size=n) / 10  # 0.1 multiples: the histogram's FUZZ matters
    skewed = np.round(rng.lognormal(2, 1, size=n), 1)
    with_gaps = np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 5, size=n).astype(float))
    with_gaps[:3] = [np.inf, -np.inf, np.nan]
    return pl.DataFrame(
        {"ints": ints, "tenths": tenths, "skewed": skewed, "gaps": with_gaps, "outlier": np.r_[ints[:-1], 10_000]}
    ).with_columns(pl.when(pl.col("ints") == 7).then(None).otherwise(pl.col("ints")).alias("nulls"))


ORDER_STATISTICS = ("q25", "median", "q75", "mad_raw", "outliers_low", "outliers_high", "fence_low", "fence_high")


@pytest.mark.parametrize("seed", range(4))
def test_profile_is_the_same_with_and_without_tabulation(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = nw.from_native(_frame(np.random.default_rng(seed), 3_000).lazy())
    schema = infer_schema(frame)
    tabulated_summary = profile(frame, schema)
    monkeypatch.setattr(levels, "TABULATE_MAX", 0)
    engine_summary = profile(frame, infer_schema(frame))
    for name, s in tabulated_summary.columns.items():
        e = engine_summary.columns[name]
        assert s.numeric.keys() == e.numeric.keys(), name
        for key in ORDER_STATISTICS:  # bit for bit; moments are the same pass either way (sums may differ in order)
            assert s.numeric.get(key) == e.numeric.get(key), (name, key)
        for key, value in s.numeric.items():
            other = e.numeric[key]
            assert value == pytest.approx(other, rel=1e-12, nan_ok=True), (name, key)
        assert s.chart == e.chart, name
        assert tabulated_summary.levels[name] == engine_summary.levels[name], name


def test_columns_with_many_distinct_values_are_not_tabulated() -> None:
    rng = np.random.default_rng(1)
    frame = nw.from_native(pl.DataFrame({"x": rng.normal(size=500), "k": rng.integers(0, 3, size=500)}).lazy())
    schema = infer_schema(frame)
    _, tables = levels.count_levels(frame, schema, profile(frame, schema).columns)
    assert set(tables) == {"k"}


@pytest.mark.parametrize("tall", [False, True])
def test_small_integer_columns_are_counted_from_their_value_counts(tall: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Int16 columns skip n_unique (their distinct count is the number of values counted); same profile as Int64.
    `tall`: the table counts as tall, so numpy counts the Int16 columns (`levels.small_integer_counts`)."""
    if tall:
        from edakit.engine import profile as profile_module

        monkeypatch.setattr(levels, "STACK_MAX_ROWS", 0)
        monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 0)
    wide = _frame(np.random.default_rng(7), 2_000).with_columns(pl.col("ints").alias("few").clip(0, 0))
    narrow = wide.with_columns(pl.col("ints", "nulls", "outlier", "few").cast(pl.Int16))
    profiles = []
    for native in (wide, narrow):
        frame = nw.from_native(native.lazy())
        profiles.append(profile(frame, infer_schema(frame), in_memory=True))
    for name, s in profiles[0].columns.items():
        t = profiles[1].columns[name]
        assert (s.role, s.missing, s.distinct) == (t.role, t.missing, t.distinct), name
        for key in ORDER_STATISTICS:
            assert s.numeric.get(key) == t.numeric.get(key), (name, key)
        assert s.chart == t.chart, name
        assert profiles[0].levels.get(name) == profiles[1].levels.get(name), name
    assert profiles[1].columns["few"].role == "constant" and profiles[1].columns["nulls"].distinct == 39


@pytest.mark.parametrize("dtype", [pl.Int8, pl.Int16, pl.UInt8, pl.UInt16])
def test_small_integer_counts_equal_numpy_unique(dtype: pl.DataType) -> None:
    """Counts by bincount over the bits equal `np.unique(..., return_counts=True)` of the present values, with the
    type's extremes, missing values and chunks that cut the rows anywhere."""
    rng = np.random.default_rng(3)
    info = np.iinfo(str(dtype).lower())
    values = rng.integers(info.min, int(info.max) + 1, size=1_000).astype(str(dtype).lower())
    values[:4] = [info.min, info.max, 0, info.min]
    series = pl.Series(values).scatter([5, 17, 999], None)
    present = series.drop_nulls().to_numpy()
    expected_values, expected_counts = np.unique(present, return_counts=True)
    for chunk in (7, 1 << 20):
        table = levels.small_integer_counts(series, chunk=chunk)
        assert table.values.dtype == present.dtype
        assert table.values.tolist() == expected_values.tolist()
        assert table.counts.tolist() == expected_counts.tolist()
    empty = levels.small_integer_counts(pl.Series([None, None], dtype=dtype))
    assert empty.values.size == 0 and empty.counts.size == 0


def test_values_near_the_float_limits_give_a_skewness_not_an_overflow() -> None:
    """spread**1.5 of values around 1e100 overflows Python floats (OverflowError); float64 gives the number."""
    import scipy.stats

    values = np.array([-3e100, 1e100, 2e100])
    counts = np.array([2, 2, 1])
    out = tabulated.summary(Tabulation.from_counts(values, counts), {"median": 0.5})
    # scipy's moment skewness g1 of the same five values, scaled down by 1e100 (skewness is scale-free)
    assert out["skew"] == pytest.approx(scipy.stats.skew(np.repeat(values / 1e100, counts)), rel=1e-9)
