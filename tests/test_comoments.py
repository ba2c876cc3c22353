"""The chunked numpy co-moments (`edakit.engine.comoments`) against numpy on the raw values and against the
engine-neutral passes of `edakit.engine.pairs`.

The reference is computed here from the raw values, pair by pair: the rows where both values are finite, their
means and the centred sums Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ) (numpy), overall and within each level of the
group (rows with a missing level left out there). The chunk size is made small so that many chunks, a short last
chunk and chunks missing a level all occur. Sums added in another order agree up to float rounding only, hence
the relative tolerances.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import comoments
from edakit.engine import pairs as engine
from edakit.engine.pairs import PairMoments
from edakit.sections import correlations
from tests.test_correlation_section import context

N = 1003
NAMES = ["x", "y", "z", "w"]


def frame() -> pl.DataFrame:
    """x: floats with NaN, ±inf and nulls; y: integers with nulls; z: no gap and a large mean (the shift must
    keep its small spread); w: integers with no gap. g: four levels and some missing."""
    rng = np.random.default_rng(11)
    x = rng.normal(3.0, 2.0, N)
    x[rng.random(N) < 0.05] = np.nan
    x[[5, 40]] = np.inf
    x[77] = -np.inf
    z = 1e7 + rng.normal(0.0, 0.01, N) + 0.3 * np.nan_to_num(x, posinf=0, neginf=0)
    return pl.DataFrame(
        {
            "x": x,
            "y": rng.integers(-50, 50, N),
            "z": z,
            "w": rng.integers(0, 7, N),
            "g": rng.choice(["b", "a", "d", "c"], N),
        }
    ).with_columns(
        pl.when(pl.int_range(pl.len()) % 13 == 0).then(None).otherwise(pl.col("x")).alias("x"),
        pl.when(pl.int_range(pl.len()) % 9 == 0).then(None).otherwise(pl.col("y")).alias("y"),
        pl.when(pl.int_range(pl.len()) % 31 == 0).then(None).otherwise(pl.col("g")).alias("g"),
    )


def values() -> dict[str, nw.Expr]:
    return {n: nw.when(nw.col(n).is_finite()).then(nw.col(n)) if n in ("x", "z") else nw.col(n) for n in NAMES}


def reference(df: pl.DataFrame, a: str, b: str) -> tuple[int, float, float, float, float, float]:
    """n, x̄, ȳ, Sxx, Syy, Sxy of the rows of `df` where both values are finite, by numpy."""
    x = df[a].cast(pl.Float64).fill_null(np.nan).to_numpy()
    y = df[b].cast(pl.Float64).fill_null(np.nan).to_numpy()
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    dx, dy = x - x.mean(), y - y.mean()
    return int(keep.sum()), x.mean(), y.mean(), float(dx @ dx), float(dy @ dy), float(dx @ dy)


def check(m: PairMoments, ref: tuple[int, float, float, float, float, float], scale: float) -> None:
    n, mx, my, sxx, syy, sxy = ref
    assert m.n == n
    assert m.mean_x == pytest.approx(mx, rel=1e-12) and m.mean_y == pytest.approx(my, rel=1e-12)
    assert m.sxx == pytest.approx(sxx, rel=1e-9) and m.syy == pytest.approx(syy, rel=1e-9)
    assert m.sxy == pytest.approx(sxy, rel=1e-9, abs=1e-9 * scale)  # Sxy may be near 0: relative to sqrt(Sxx·Syy)


def run(df: pl.DataFrame, group: str | None, complete: set[str]) -> tuple[dict, dict]:
    shifts = {n: df[n].cast(pl.Float64).fill_nan(None).filter(df[n].cast(pl.Float64).is_finite()).mean() for n in NAMES}
    return comoments.pair_moments(
        nw.from_native(df.lazy()),
        values(),
        list(combinations(NAMES, 2)),
        shifts=shifts,
        rows=df.height,
        complete=complete,
        group=group,
    )


@pytest.mark.parametrize("chunk", [97, 1000, 5000])
def test_overall_and_within_group_moments_equal_numpy_on_the_raw_values(monkeypatch, chunk):
    monkeypatch.setattr(comoments, "CHUNK_ROWS", chunk)
    df = frame()
    overall, within = run(df, "g", {"z", "w"})
    present = df.filter(pl.col("g").is_not_null())
    for a, b in combinations(NAMES, 2):
        ref = reference(df, a, b)
        check(overall[(a, b)], ref, np.sqrt(ref[3] * ref[4]))
        assert list(within[(a, b)]) == ["a", "b", "c", "d"]
        for level in "abcd":
            ref = reference(present.filter(pl.col("g") == level), a, b)
            check(within[(a, b)][level], ref, np.sqrt(ref[3] * ref[4]))
    no_group, none = run(df, None, {"z", "w"})
    assert none == {}
    for pair, m in no_group.items():
        ref = reference(df, *pair)
        check(m, ref, np.sqrt(ref[3] * ref[4]))


def test_a_column_listed_with_gaps_when_it_has_none_gives_the_same_moments(monkeypatch):
    """`complete` only saves work: masking every column gives the same figures."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 128)
    df = frame()
    fast, fast_within = run(df, "g", {"z", "w"})
    masked, masked_within = run(df, "g", set())
    for pair in fast:
        assert fast[pair].n == masked[pair].n
        assert fast[pair].sxy == pytest.approx(masked[pair].sxy, rel=1e-9, abs=1e-6)
        for level in "abcd":
            assert fast_within[pair][level].sxx == pytest.approx(masked_within[pair][level].sxx, rel=1e-9)


@pytest.mark.parametrize(
    "group",
    [
        pl.Series([True, False, None] * 20),
        pl.Series([3, 1, 2, None] * 15),
        pl.Series([1.0, 2.0, None] * 20),
        pl.Series(["u", "v", None, "w"] * 15, dtype=pl.Categorical),
        pl.Series(["u", "v", None, "w"] * 15, dtype=pl.Enum(["w", "v", "u"])),
    ],
    ids=["bool", "int", "float", "categorical", "enum"],
)
def test_group_levels_and_labels_are_those_of_the_engine_pass(monkeypatch, group):
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 7)
    rng = np.random.default_rng(3)
    n = len(group)
    df = pl.DataFrame({"g": group, "a": rng.normal(size=n), "b": rng.normal(size=n)})
    lf = nw.from_native(df.lazy())
    vals = {"a": nw.col("a"), "b": nw.col("b")}
    shifts = {"a": 0.1, "b": -0.2}
    _, within = comoments.pair_moments(lf, vals, [("a", "b")], shifts=shifts, rows=n, complete={"a", "b"}, group="g")
    expected = engine.group_pair_moments(lf, "g", vals, [("a", "b")], shifts=shifts)
    assert list(within[("a", "b")]) == list(expected[("a", "b")])
    for level, m in expected[("a", "b")].items():
        got = within[("a", "b")][level]
        assert got.n == m.n
        assert (got.mean_x, got.sxx, got.sxy) == pytest.approx((m.mean_x, m.sxx, m.sxy), rel=1e-12)


def test_only_polars_rows_in_memory_take_the_numpy_path():
    duckdb = pytest.importorskip("duckdb")
    df = pl.DataFrame({"a": [1.0, 2.0]})
    assert comoments.applies(nw.from_native(df.lazy()), in_memory=True)
    assert not comoments.applies(nw.from_native(df.lazy()), in_memory=False)  # a scanned file
    assert not comoments.applies(nw.from_native(duckdb.connect().from_arrow(df.to_arrow())), in_memory=True)


def test_gather_gives_the_engine_passes_figures(monkeypatch):
    """The section's gather on rows in memory (numpy path) and on the same rows as a scan (engine passes)."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 100)
    df = frame().with_columns(pl.col("x").fill_nan(None))
    fast = correlations.gather(context(df, group="g"))
    slow_ctx = context(df, group="g")
    slow_ctx.table.in_memory = False
    slow = correlations.gather(slow_ctx)
    assert fast.by == slow.by == "g"
    assert list(fast.moments) == list(slow.moments) and list(fast.within) == list(slow.within)
    for pair, m in slow.moments.items():
        assert fast.moments[pair].n == m.n
        assert fast.moments[pair].sxx == pytest.approx(m.sxx, rel=1e-9)
        assert fast.moments[pair].sxy == pytest.approx(m.sxy, rel=1e-9, abs=1e-6 * np.sqrt(m.sxx * m.syy))
        for level, w in slow.within[pair].items():
            assert fast.within[pair][level].n == w.n
            assert fast.within[pair][level].syy == pytest.approx(w.syy, rel=1e-9)


@pytest.mark.parametrize("dtype", [pl.Int16, pl.UInt8, pl.Int64, pl.Float32, pl.Boolean])
def test_every_column_type_gives_numpys_moments_on_the_raw_values(monkeypatch, dtype):
    """numpy reads each chunk's columns as polars holds them (small integers with gaps come as float32 with NaN,
    Float32 and Boolean are cast to Float64 by the engine first): the moments are numpy's on the values as floats."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 64)
    rng = np.random.default_rng(5)
    n = 700
    raw = rng.integers(0, 2 if dtype == pl.Boolean else 200, (3, n))
    df = pl.DataFrame({name: raw[i] for i, name in enumerate("abc")}).with_columns(
        pl.when(pl.int_range(pl.len()) % 7 == 0).then(None).otherwise(pl.col("a")).alias("a"),
        pl.when(pl.int_range(pl.len()) % 11 == 3).then(None).otherwise(pl.col("b")).alias("b"),
        pl.Series("g", rng.choice(["u", "v"], n)),
    )
    df = df.with_columns(pl.col("a", "b", "c").cast(dtype))
    vals = {name: nw.col(name) for name in "abc"}
    shifts = {name: float(df[name].cast(pl.Float64).mean()) + 0.25 for name in "abc"}
    overall, within = comoments.pair_moments(
        nw.from_native(df.lazy()), vals, list(combinations("abc", 2)), shifts=shifts, rows=n, complete={"c"}, group="g"
    )
    for a, b in combinations("abc", 2):
        ref = reference(df, a, b)
        check(overall[(a, b)], ref, np.sqrt(ref[3] * ref[4]))
        for level in "uv":
            ref = reference(df.filter(pl.col("g") == level), a, b)
            check(within[(a, b)][level], ref, np.sqrt(ref[3] * ref[4]))


@pytest.mark.parametrize("chunk", [977, 131_072])
def test_a_column_constant_within_a_level_has_no_spread_there(monkeypatch, chunk):
    """A column constant within a level (flights: F9's distance, 1620, in every row), shifted by a mean far from
    it: its centred sum there is Σd² − (Σd)²/n, whose float rounding left a few millionths that made Pearson's r
    of that level a number near 0 instead of undefined. Within `CONSTANT_WITHIN` of Σd² it is 0, as numpy's
    centred sum of the raw values is."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", chunk)
    rng = np.random.default_rng(7)  # a draw whose sums leave that rounding (about 3e-7) in both chunkings
    n = 20_000
    g = rng.choice(["a", "b", "c"], n)
    y = np.where(g == "c", 1620.0, rng.integers(100, 3000, n).astype(float))
    df = pl.DataFrame({"g": g, "x": rng.normal(230, 90, n), "y": y}).with_columns(pl.col("y").cast(pl.Int16))
    vals = {"x": nw.col("x"), "y": nw.col("y")}
    shifts = {"x": float(df["x"].mean()), "y": float(df["y"].mean())}
    _, within = comoments.pair_moments(
        nw.from_native(df.lazy()), vals, [("x", "y")], shifts=shifts, rows=n, complete={"x", "y"}, group="g"
    )
    assert within[("x", "y")]["c"].syy == 0.0
    assert within[("x", "y")]["a"].syy == pytest.approx(reference(df.filter(pl.col("g") == "a"), "x", "y")[4])
    # the engine's sums (scanned files, DuckDB, Spark) take the same rule (`pairs.centred_moments`)
    engine_within = engine.group_pair_moments(nw.from_native(df.lazy()), "g", vals, [("x", "y")], shifts=shifts)
    assert engine_within[("x", "y")]["c"].syy == 0.0


# ------------------------------------------------------------------ integer columns: exact sums, rounded once


def integer_frame(n: int = 2_000, seed: int = 17) -> pl.DataFrame:
    """Integer columns as flights has them (Int16 with gaps, two sharing their gaps, one with a large offset so
    that float sums of the raw values would lose digits) and a group with a missing level."""
    rng = np.random.default_rng(seed)
    df = pl.DataFrame(
        {
            "a": rng.integers(-1300, 1300, n),
            "b": rng.integers(0, 2400, n),
            "c": rng.integers(30000, 32700, n),
            "d": rng.integers(0, 60, n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    ).with_columns(pl.col("a", "b", "c", "d").cast(pl.Int16))
    gaps = rng.random(n)
    return df.with_columns(
        pl.when(pl.Series(gaps < 0.03)).then(None).otherwise(pl.col("a")).alias("a"),
        pl.when(pl.Series(gaps < 0.03)).then(None).otherwise(pl.col("b")).alias("b"),  # a's gaps
        pl.when(pl.Series(rng.random(n) < 0.05)).then(None).otherwise(pl.col("c")).alias("c"),
        pl.when(pl.int_range(pl.len()) % 29 == 0).then(None).otherwise(pl.col("g")).alias("g"),
    )


def exact(df: pl.DataFrame, a: str, b: str) -> tuple[int, float, float, float, float, float]:
    """n, x̄, ȳ, Sxx, Syy, Sxy of the rows where both are present, in exact rational arithmetic on the raw
    integers (Python), each rounded once to a float: the correctly rounded values."""
    rows = [(x, y) for x, y in zip(df[a].to_list(), df[b].to_list(), strict=True) if x is not None and y is not None]
    n = len(rows)
    mx, my = Fraction(sum(x for x, _ in rows), n), Fraction(sum(y for _, y in rows), n)
    sxx = sum((x - mx) ** 2 for x, _ in rows)
    syy = sum((y - my) ** 2 for _, y in rows)
    sxy = sum((x - mx) * (y - my) for x, y in rows)
    return n, float(mx), float(my), float(sxx), float(syy), float(sxy)


def assert_exact_by_level(found: Any, df: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """Every pair's moments overall and within each level u, v, w of "g" equal the exact ones (`exact`), and the
    levels' row counts; returns the rows with a level."""
    present = df.filter(pl.col("g").is_not_null())
    for a, b in combinations(names, 2):
        m = found.overall[(a, b)]
        assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == exact(df, a, b)
        for level in "uvw":
            m = found.within[(a, b)][level]
            assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == exact(present.filter(pl.col("g") == level), a, b)
    assert found.rows == {level: present.filter(pl.col("g") == level).height for level in "uvw"}
    return present


@pytest.mark.parametrize("chunk", [101, 131_072])
def test_integer_columns_give_the_exact_moments_rounded_once(monkeypatch, chunk):
    """With each integer column's largest |value| (`bounds`), the pass sums the integers themselves, exactly: every
    pair's count, means and centred sums, overall and within each level, are the exact rational values rounded
    once, and each column's own count, mean and variance in each level those of exact arithmetic too."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", chunk)
    df = integer_frame()
    names = ["a", "b", "c", "d"]
    bounds = {n: int(df[n].abs().max()) for n in names}
    assert comoments.whole_products(names, bounds, df.height)
    found = comoments.group_pass(
        nw.from_native(df.lazy()),
        {n: nw.col(n) for n in names},
        list(combinations(names, 2)),
        shifts={n: 0.0 for n in names},  # unused: the integers are summed as they are
        rows=df.height,
        group="g",
        complete={"d"},
        bounds=bounds,
    )
    present = assert_exact_by_level(found, df, names)
    for name in names:
        own = found.columns[name]
        for i, level in enumerate("uvw"):
            x = [v for v in present.filter(pl.col("g") == level)[name].to_list() if v is not None]
            mean = Fraction(sum(x), len(x))
            assert (own.sizes[i], own.means[i]) == (len(x), float(mean))
            assert own.variances[i] == float(sum((v - mean) ** 2 for v in x) / (len(x) - 1))


def test_the_section_sums_integer_columns_exactly_and_others_as_before(monkeypatch):
    """The gather hands the profile's bounds to the pass: flights-like integer columns take the exact sums (a
    constant level's spread is exactly 0), and a table with a float column the shifted float sums."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 256)
    df = integer_frame(1_500, seed=3).with_columns(
        pl.when(pl.col("g") == "w").then(1620).otherwise(pl.col("d")).cast(pl.Int16).alias("d")
    )
    gathered = correlations.gather(context(df, group="g"))
    for (a, b), m in gathered.moments.items():
        assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == exact(df, a, b)
    assert all(gathered.within[(a, "d")]["w"].syy == 0.0 for a in "abc")
    floats = df.with_columns(pl.col("a").cast(pl.Float64) + 0.5)
    moments = correlations.gather(context(floats)).moments
    ref = exact(floats.with_columns((pl.col("a") * 2).cast(pl.Int64)), "a", "b")  # halves made whole: Sxy doubled
    assert moments[("a", "b")].sxy == pytest.approx(ref[5] / 2, rel=1e-12)


def test_integer_columns_too_large_for_exact_float_products_keep_the_shifted_sums():
    """A chunk's products must stay below 2⁵³ to be exact in floats: columns beyond that take the float pass."""
    assert comoments.whole_products(["a"], {"a": 2**18}, 10**6)
    assert not comoments.whole_products(["a", "b"], {"a": 3, "b": 2**18 + 1}, 10)
    assert not comoments.whole_products(["a", "b"], {"a": 3}, 10)  # b is not an integer column
    assert not comoments.whole_products(["a"], {"a": 2**18}, 2**28)  # Σx² over every row beyond 64 bits


@pytest.mark.parametrize("group", [None, "g"])
def test_chunks_without_a_gap_and_columns_without_any_sum_exactly_too(monkeypatch, group):
    """Gaps only in the first rows (the later chunks have none), and a pass of complete columns only."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 101)
    df = integer_frame(1_000, seed=5).with_columns(
        pl.when(pl.int_range(pl.len()) < 60).then(pl.col("a")).otherwise(pl.col("a").fill_null(7)).alias("a"),
        pl.col("b", "c").fill_null(3),
    )
    for names, complete in ((["a", "b", "c"], {"b", "c"}), (["b", "d"], {"b", "d"})):
        overall, within = comoments.pair_moments(
            nw.from_native(df.lazy()),
            {n: nw.col(n) for n in names},
            list(combinations(names, 2)),
            shifts={},
            rows=df.height,
            complete=complete,
            group=group,
            bounds={n: int(df[n].abs().max()) for n in names},
        )
        for a, b in combinations(names, 2):
            m = overall[(a, b)]
            assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == exact(df, a, b)
            for level, w in within.get((a, b), {}).items():
                ref = exact(df.filter(pl.col("g") == level), a, b)
                assert (w.n, w.mean_x, w.mean_y, w.sxx, w.syy, w.sxy) == ref
