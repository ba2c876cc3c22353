"""Under `--group`, the group comparison takes its per-group counts, means and variances from the correlations'
chunked pass within the group's levels (`engine.comoments.group_pass`, shared through `engine.shared.once`)
instead of a `group_by` of its own. Checked against numpy on the raw values (finite values of each column in
each level: their count, mean and variance with n − 1), and the pass runs once for both sections."""

from __future__ import annotations

from itertools import combinations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import comoments
from edakit.engine import comparisons as comparison_gather
from edakit.engine import correlations as correlation_gather
from edakit.sections import comparisons, correlations
from tests.test_comoments import NAMES, frame, values
from tests.test_correlation_section import context


def finite(df: pl.DataFrame, column: str) -> np.ndarray:
    x = df[column].cast(pl.Float64).fill_null(np.nan).to_numpy()
    return x[np.isfinite(x)]


def numpy_moments(df: pl.DataFrame, column: str, level: str) -> tuple[int, float | None, float | None]:
    x = finite(df.filter(pl.col("g") == level), column)
    return x.size, (float(x.mean()) if x.size else None), (float(x.var(ddof=1)) if x.size > 1 else None)


def with_trait(df: pl.DataFrame) -> pl.DataFrame:
    """`t`: one value per level of g (a trait of the group, far from the overall mean): no spread within."""
    return df.with_columns(pl.col("g").replace_strict(list("abcd"), [1e6 + 0.1, 2e6, 3e6 + 0.7, 5e6]).alias("t"))


@pytest.mark.parametrize("chunk", [97, 5000])
def test_each_columns_moments_within_each_level_equal_numpy(monkeypatch, chunk):
    monkeypatch.setattr(comoments, "CHUNK_ROWS", chunk)
    df = with_trait(frame())
    names = [*NAMES, "t"]
    shifts = {n: float(finite(df, n).mean()) for n in names}
    found = comoments.group_pass(
        nw.from_native(df.lazy()),
        {**values(), "t": nw.col("t")},
        list(combinations(names, 2)),
        shifts=shifts,
        rows=df.height,
        group="g",
        complete={"z", "w"},
    )
    levels = ["a", "b", "c", "d"]
    assert found.rows == {v: df.filter(pl.col("g") == v).height for v in levels}
    for name in names:
        m = found.columns[name]
        assert m.labels == levels
        for i, level in enumerate(levels):
            n, mean, var = numpy_moments(df, name, level)
            assert m.sizes[i] == n
            assert m.means[i] == pytest.approx(mean, rel=1e-12)
            assert m.variances[i] == pytest.approx(var, rel=1e-9)
    # no spread (numpy leaves ~1e-20 of rounding in one level, polars' group_by 0): no rounding noise taken for spread
    assert found.columns["t"].variances == [0.0, 0.0, 0.0, 0.0]


def test_the_comparison_takes_the_correlations_pass_once(monkeypatch):
    df = with_trait(frame()).with_columns(pl.col("x").fill_nan(None))
    calls = []
    real = comoments.group_pass
    monkeypatch.setattr(comoments, "group_pass", lambda *a, **k: calls.append(1) or real(*a, **k))
    ctx = context(df, group="g")
    assert ctx.table.in_memory
    gathered = comparisons.gather(ctx)
    correlation_aggregates = correlations.gather(ctx)
    assert calls == [1]  # one pass for both sections
    g = gathered[0]
    levels = ["a", "b", "c", "d"]
    assert g.labels == levels and g.group_rows == {v: df.filter(pl.col("g") == v).height for v in levels}
    assert set(g.moments) == set(g.plan.numeric) and set(g.plan.numeric) <= set(correlation_aggregates.plan.numeric)
    for name, m in g.moments.items():
        for i, level in enumerate(levels):
            n, mean, var = numpy_moments(df, name, level)
            assert m.sizes[i] == n and m.means[i] == pytest.approx(mean, rel=1e-12)
            assert m.variances[i] == pytest.approx(var, rel=1e-9, abs=1e-18)
    assert correlation_aggregates.by == "g" and set(correlation_aggregates.within[("x", "y")]) == set(levels)
    ctx.results = {}
    comparisons.build(ctx, gathered)
    shared = {c.column: c for c in ctx.results["comparisons"].numeric}
    alone = {c.column: c for c in comparisons.analyse(context(df, group="g", correlations=False), "g").numeric}
    assert set(shared) == set(alone)
    for name, c in shared.items():  # the same tests chosen, the same numbers up to rounding: polars' group_by
        # variance of z (mean 1e7, SD 0.6) is off numpy's by ~1e-9 relative, the shared pass's by ~1e-15
        assert c.primary.key == alone[name].primary.key
        assert c.primary.p_value == pytest.approx(alone[name].primary.p_value, rel=1e-6, abs=1e-300)
    # the trait has no spread in any group (variance 0, not rounding noise): no test of means, the rank test leads
    assert shared["t"].primary.key == "kruskal" and not shared["t"].alternative.defined


def test_without_the_correlations_the_comparison_groups_by_itself(monkeypatch):
    df = frame()
    calls = []
    real = comoments.group_pass
    monkeypatch.setattr(comoments, "group_pass", lambda *a, **k: calls.append(1) or real(*a, **k))
    ctx = context(df, group="g", correlations=False)
    assert correlation_gather.shared_group_pass(ctx) is None
    g = comparison_gather.gather(ctx, "g")
    assert calls == []
    for name, m in g.moments.items():
        n, mean, var = numpy_moments(df, name, "a")
        assert (
            m.sizes[0] == n
            and m.means[0] == pytest.approx(mean, rel=1e-12)
            and m.variances[0] == pytest.approx(var, rel=1e-9)
        )


def test_a_failing_shared_pass_leaves_the_comparison_to_group_by_itself(monkeypatch):
    def fail(*args, **kwargs):
        raise MemoryError("no room for the chunks")

    monkeypatch.setattr(comoments, "group_pass", fail)
    df = frame()
    ctx = context(df, group="g")
    g = comparisons.gather(ctx)[0]
    n, mean, var = numpy_moments(df, "y", "b")
    assert g.moments["y"].sizes[1] == n and g.moments["y"].means[1] == pytest.approx(mean, rel=1e-12)
    with pytest.raises(MemoryError):  # the correlations' own gather fails, and the runner notes it
        correlations.gather(ctx)
