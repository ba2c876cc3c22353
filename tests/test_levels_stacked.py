"""Level counts stacked into one `group_by` per column type (`engine.levels.stacked_counts`) equal each column
counted on its own.

Oracles: numpy's `np.unique(..., return_counts=True)` and Python's `collections.Counter` on the raw values
(missing, NaN and ±inf left out, most frequent first and ties in value order), and the engine's one-query-per-
column path (stacking turned off)."""

from __future__ import annotations

from collections import Counter

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import levels
from edakit.engine.profile import profile
from edakit.schema import infer_schema


def _frame(seed: int, n: int = 2_000) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    floats = rng.integers(-8, 8, size=n) / 4
    floats[:4] = [np.nan, np.inf, -np.inf, -0.0]
    return pl.DataFrame(
        {
            "text": rng.choice(["é", "e", "E", "z", "ß", "日本", ""], size=n),
            "text_gaps": pl.Series(rng.choice(["a", "b", "c"], size=n)).scatter(list(range(0, n, 7)), None),
            "small": rng.integers(-3, 4, size=n).astype(np.int16),
            "ints": rng.integers(0, 30, size=n),
            "big": rng.choice(np.array([2**63 + 1, 2**64 - 1, 5], dtype=np.uint64), size=n),
            "floats": floats,
            "tenths": rng.integers(0, 50, size=n) / 10,
            "many": [f"id{v}" for v in rng.integers(0, 1_500, size=n)],  # over MAX_LEVELS: top values only
        }
    )


def _reference(values: list, top: int | None) -> tuple[list, list[int]]:
    """Counter on the raw values: most frequent first, ties by value (missing and non-finite left out)."""
    kept = [v for v in values if v is not None and not (isinstance(v, float) and not np.isfinite(v))]
    ranked = sorted(Counter(kept).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [v for v, _ in ranked], [c for _, c in ranked]


@pytest.mark.parametrize("seed", range(3))
def test_stacked_level_counts_equal_counter_and_one_query_per_column(seed: int, monkeypatch) -> None:
    native = _frame(seed)
    frame = nw.from_native(native.lazy())
    schema = infer_schema(frame)
    summaries = profile(frame, schema).columns
    stacked, stacked_tables = levels.count_levels(frame, schema, summaries)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 0)
    single, single_tables = levels.count_levels(frame, schema, summaries)
    assert stacked == single
    assert stacked_tables.keys() == single_tables.keys()
    for name, table in stacked_tables.items():
        assert table.values.tolist() == single_tables[name].values.tolist(), name
        assert table.counts.tolist() == single_tables[name].counts.tolist(), name
    for name, counted in stacked.items():
        values, counts = _reference(native[name].to_list(), None if counted.complete else levels.TOP)
        assert (counted.values, counted.counts) == (values, counts), name
    assert not stacked["many"].complete and stacked["text"].complete


def test_stacked_counts_keep_at_most_the_limit_and_follow_numpy() -> None:
    native = _frame(5)
    frame = nw.from_native(native.lazy())
    out = levels.stacked_counts(frame, {n: nw.col(n) for n in native.columns}, native.height, limit=lambda n: 3)
    for name in ("small", "ints", "big", "tenths", "text"):
        values, counts = out[name]
        unique, n = np.unique(native[name].drop_nulls().to_numpy(), return_counts=True)
        order = np.lexsort((unique, -n))[:3]
        assert list(values) == unique[order].tolist() and counts.tolist() == n[order].tolist(), name


def test_value_counts_of_small_integer_columns_equal_numpy(monkeypatch) -> None:
    native = _frame(2)
    frame = nw.from_native(native.lazy())
    tables = levels.value_counts_of(frame, ["small", "ints"], native.height)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 0)
    assert {n: t.values.tolist() for n, t in levels.value_counts_of(frame, ["small"], native.height).items()} == {
        "small": tables["small"].values.tolist()
    }
    for name, table in tables.items():
        unique, n = np.unique(native[name].to_numpy(), return_counts=True)
        assert table.values.tolist() == unique.tolist() and table.counts.tolist() == n.tolist(), name
        assert table.values.dtype == native[name].to_numpy().dtype, name


def test_numeric_pass_equals_numpy_and_scipy_on_the_raw_values(monkeypatch) -> None:
    """The profile's engine pass (one multi-output expression per statistic) against numpy/scipy per column:
    counts, moments, extremes, quartiles (type 7), zeros, negatives and non-whole values; NaN and ±inf left out."""
    import scipy.stats

    monkeypatch.setattr(levels, "TABULATE_MAX", 0)  # every column through the engine pass, none from counts
    rng = np.random.default_rng(11)
    n = 1_500
    halves = rng.integers(-20, 20, size=n) / 2
    halves[:3] = [np.nan, np.inf, -np.inf]
    native = pl.DataFrame(
        {"halves": halves, "normal": rng.normal(3, 2, size=n), "ints": rng.integers(-5, 50, size=n)}
    ).with_columns(pl.when(pl.col("ints") == 7).then(None).otherwise(pl.col("ints")).alias("ints"))
    frame = nw.from_native(native.lazy())
    columns = profile(frame, infer_schema(frame)).columns
    for name in native.columns:
        x = native[name].cast(pl.Float64).to_numpy()
        x = x[np.isfinite(x)]
        s = columns[name].numeric
        assert s["count"] == x.size and s["zeros"] == int((x == 0).sum()) and s["negatives"] == int((x < 0).sum())
        assert s["fractional"] == int((x != np.round(x)).sum()), name
        assert (s["min"], s["max"]) == (x.min(), x.max()), name
        assert [s["q25"], s["median"], s["q75"]] == pytest.approx(np.quantile(x, [0.25, 0.5, 0.75]), rel=1e-14)
        assert s["mean"] == pytest.approx(x.mean(), rel=1e-12) and s["sum"] == pytest.approx(x.sum(), rel=1e-12)
        assert s["var"] == pytest.approx(x.var(ddof=1), rel=1e-12) and s["sd"] == pytest.approx(x.std(ddof=1))
        assert s["skew"] == pytest.approx(scipy.stats.skew(x), rel=1e-9), name
        assert s["kurt"] == pytest.approx(scipy.stats.kurtosis(x), rel=1e-9), name
    assert columns["halves"].numeric["fractional"] > 0 and columns["ints"].numeric["fractional"] == 0


def test_value_counts_of_tall_tables_give_distinct_counts_and_levels(monkeypatch) -> None:
    """On a tall table in memory the text columns' value counts, and the numeric columns' when they have few
    distinct values, serve the distinct count, the levels and (numeric) the tabulated summary: no `n_unique`,
    no second `group_by`. The same summaries as the separate queries (order statistics and charts bit for bit,
    moments up to the order of their sums), and as Counter."""
    import edakit.engine.profile as profile_module

    native = _frame(4)
    frame = nw.from_native(native.lazy())
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)  # 2,000 rows count as tall here
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    text, numbers, ordered = profile_module._tall_counts(frame, infer_schema(frame), native.height, {"small"})
    assert set(text) == {"text", "text_gaps", "many"} and set(numbers) == {"ints", "big", "floats", "tenths"}
    assert not ordered
    tall = profile(frame, infer_schema(frame), in_memory=True)
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 10**9)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 0)  # one query per column, n_unique in the count pass
    separate = profile(frame, infer_schema(frame), in_memory=True)
    assert tall.levels == separate.levels and list(tall.levels) == list(separate.levels)
    for name in native.columns:
        s, t = tall.columns[name], separate.columns[name]
        assert (s.role, s.distinct, s.top_values, s.other_count) == (t.role, t.distinct, t.top_values, t.other_count)
        assert s.chart == t.chart, name
        for key, value in s.numeric.items():
            if key in ("mean", "sd", "var", "skew", "kurt", "sum"):  # tabulated: the same sums in another order
                assert value == pytest.approx(t.numeric[key], rel=1e-12), (name, key)
            else:
                assert value == t.numeric[key], (name, key)
        present = [v for v in native[name].to_list() if v is not None]
        assert s.distinct == len({"nan" if v != v else v for v in present}), name  # NaN one value, -0.0 == 0.0
        top = None if tall.levels[name].complete else levels.TOP
        assert (tall.levels[name].values, tall.levels[name].counts) == _reference(present, top), name


def test_numeric_columns_with_many_values_are_tabulated_once_counted_on_a_tall_table(monkeypatch) -> None:
    """A tall table's numeric column with more distinct values than `TABULATE_MAX` but at most half as many as
    its values is summarised from the value counts the profile took anyway: quartiles, MAD, outliers and extremes
    as numpy gives them on the raw values, moments to float rounding."""
    import edakit.engine.profile as profile_module

    rng = np.random.default_rng(8)
    x = np.round(rng.lognormal(3, 1, size=3_000), 1)
    x[:3] = [np.nan, np.inf, -np.inf]
    frame = nw.from_native(pl.DataFrame({"x": x}).lazy())
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    monkeypatch.setattr(levels, "TABULATE_MAX", 10)  # far fewer than x's distinct values
    s = profile(frame, infer_schema(frame), in_memory=True).columns["x"]
    finite = x[np.isfinite(x)]
    assert 10 < np.unique(finite).size <= finite.size / 2 and s.distinct == np.unique(x).size
    n = s.numeric
    assert (n["count"], n["min"], n["max"], n["non_finite"]) == (finite.size, finite.min(), finite.max(), 3)
    assert [n["q25"], n["median"], n["q75"]] == pytest.approx(np.quantile(finite, [0.25, 0.5, 0.75]), rel=1e-15)
    assert n["mad_raw"] == np.median(np.abs(finite - np.median(finite)))
    iqr = n["q75"] - n["q25"]
    assert n["outliers_high"] == int((finite > n["q75"] + 1.5 * iqr).sum())
    assert n["mean"] == pytest.approx(finite.mean(), rel=1e-13) and n["var"] == pytest.approx(finite.var(ddof=1))


def test_sorted_columns_of_a_tall_table_are_all_distinct_without_counting(monkeypatch) -> None:
    """Columns that strictly increase or decrease down every row (no value missing) have as many distinct values
    as rows; a column that only starts in order, or has a gap, is counted (numpy's `unique` as the oracle)."""
    import edakit.engine.profile as profile_module

    n = 2_000
    ids = np.arange(10, 10 + 3 * n, 3)
    native = pl.DataFrame(
        {
            "id": ids,
            "code": [f"u{v:06d}" for v in ids],
            "down": pl.Series(ids[::-1]).cast(pl.Datetime("ms")),
            "repeats_late": np.r_[np.arange(n - 5), np.zeros(5, dtype=np.int64)],
            "gap": pl.Series(ids).scatter([n - 1], None),
            "value": np.random.default_rng(2).normal(size=n),
        }
    )
    frame = nw.from_native(native.lazy())
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    schema = infer_schema(frame)
    assert profile_module._tall_counts(frame, schema, n, set())[2] == {"id", "code", "down"}
    columns = profile(frame, schema, in_memory=True).columns
    for name in native.columns:
        present = native[name].drop_nulls()
        assert columns[name].distinct == np.unique(present.to_numpy()).size, name
    assert columns["repeats_late"].distinct == n - 5 and columns["gap"].distinct == n - 1


@pytest.mark.parametrize("gap", [False, True])
def test_a_column_unique_in_every_row_means_no_duplicate_rows(gap: bool, monkeypatch) -> None:
    """With an id column (one value missing at most) no row can repeat: 0, without the row-hash query; the
    other columns alone repeat rows, which the query still finds when the id column is left out."""
    import edakit.engine.profile as profile_module

    rng = np.random.default_rng(3)
    native = pl.DataFrame({"id": np.arange(500), "a": rng.integers(0, 3, size=500), "b": rng.choice(["x", "y"], 500)})
    if gap:
        native = native.with_columns(pl.when(pl.col("id") == 7).then(None).otherwise(pl.col("id")).alias("id"))
    frame = nw.from_native(native.lazy())
    calls = []
    monkeypatch.setattr(profile_module, "duplicate_rows", lambda *args: calls.append(args) or -1)
    assert profile(frame, infer_schema(frame)).duplicate_rows == 0 and not calls
    assert native.is_duplicated().sum() == 0
    others = nw.from_native(native.drop("id").lazy())
    assert profile(others, infer_schema(others)).duplicate_rows == -1 and len(calls) == 1  # the query runs
    monkeypatch.undo()
    assert profile(others, infer_schema(others)).duplicate_rows == native.height - native.drop("id").n_unique()


@pytest.mark.parametrize("dtype", [pl.Datetime("us", "UTC"), pl.Date])
def test_date_columns_of_a_tall_table_are_summarised_from_their_value_counts(dtype, monkeypatch) -> None:
    """A tall table's date column with few distinct values is counted by value: its distinct count, levels,
    extremes and counts per day are Python's own on the raw values, and the same as the
    per-row queries give (a shorter table's path); one with many values keeps the per-row queries."""
    import datetime as dt

    import edakit.engine.profile as profile_module

    rng = np.random.default_rng(5)
    n = 3_000
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) if dtype == pl.Datetime else dt.date(2020, 1, 1)
    few = [start + dt.timedelta(days=int(d)) for d in rng.integers(0, 90, n)]
    few[::11] = [None] * len(few[::11])
    many = [start + dt.timedelta(days=int(d)) for d in rng.permutation(n)]  # every value distinct, out of order
    native = pl.DataFrame({"few": pl.Series(few, dtype=dtype), "many": pl.Series(many, dtype=dtype)})
    frame = nw.from_native(native.lazy())
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)  # 3,000 rows count as tall
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    text, _, ordered = profile_module._tall_counts(frame, infer_schema(frame), n, set())
    assert set(text) == {"few"} and not ordered
    tall = profile(frame, infer_schema(frame), in_memory=True)
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 10**9)
    per_row = profile(frame, infer_schema(frame), in_memory=True)
    present = [v for v in few if v is not None]
    s = tall.columns["few"]
    assert (s.role, s.distinct, s.missing) == ("datetime", len(set(present)), n - len(present))
    assert s.datetime == {"min": min(present), "max": max(present)}
    assert s.chart["resolution"] == "day" and sum(s.chart["counts"]) == len(present)
    by_day = Counter(v.isoformat()[:10] for v in present)
    assert dict(zip(s.chart["periods"], s.chart["counts"], strict=True)) == {
        p: by_day.get(p, 0) for p in s.chart["periods"]
    }
    assert (tall.levels["few"].values, tall.levels["few"].counts) == _reference(present, None)
    for name in native.columns:
        a, b = tall.columns[name], per_row.columns[name]
        assert (a.role, a.distinct, a.missing, a.datetime, a.chart) == (
            b.role,
            b.distinct,
            b.missing,
            b.datetime,
            b.chart,
        )
    assert tall.levels == per_row.levels


def test_wider_integer_columns_of_a_short_span_are_counted_by_numpy(monkeypatch) -> None:
    """On a tall table, integer columns wider than 16 bits whose values span at most rows / 4 integers are counted
    by `bincount` of v − lowest (`levels.integer_spans`, `levels.offset_counts`): numpy's `unique` on the raw
    values (missing left out) gives the same values, counts and type; a column whose span is longer is left to
    the engine's counts, and the profile's distinct counts and levels are Counter's on the raw values."""
    import edakit.engine.profile as profile_module

    rng = np.random.default_rng(12)
    n = 4_000
    native = pl.DataFrame(
        {
            "negative": pl.Series(rng.integers(-500, -400, size=n)).scatter([3, 70], None),  # Int64, two missing
            "int32": rng.integers(10**9, 10**9 + 900, size=n).astype(np.int32),
            "uint32": rng.integers(4_000_000_000, 4_000_000_050, size=n).astype(np.uint32),
            "uint64": (np.uint64(2**64 - 1) - rng.integers(0, 300, size=n).astype(np.uint64)),
            "long_span": np.r_[0, rng.integers(0, 40, size=n - 2), n // 4],  # n / 4 + 1 integers: left to polars
        }
    )
    frame = nw.from_native(native.lazy())
    spans = levels.integer_spans(frame, native.columns, n // 4)
    assert set(spans) == {"negative", "int32", "uint32", "uint64"}
    for name, (low, high) in spans.items():
        present = native[name].drop_nulls().to_numpy()
        assert (low, high) == (int(present.min()), int(present.max())), name
        table = levels.offset_counts(native[name], low, high, chunk=1_000)
        unique, counts = np.unique(present, return_counts=True)
        assert table.values.tolist() == unique.tolist() and table.counts.tolist() == counts.tolist(), name
        assert table.values.dtype == present.dtype, name
    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)  # 4,000 rows count as tall
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    summary = profile(frame, infer_schema(frame), in_memory=True)
    for name in native.columns:
        present = native[name].drop_nulls().to_list()
        assert summary.columns[name].distinct == len(set(present)), name
        level = summary.levels[name]
        top = None if level.complete else levels.TOP
        assert (level.values, level.counts) == _reference(present, top), name
