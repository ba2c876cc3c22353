"""Scatter plots of the correlations section: the engine's full-data grid counts against numpy's histogram2d, the
group colours, when the pair matrix and the binned mode appear, and the page a user opens.

References are independent of edakit: `numpy.histogram2d` on the same values (bins [e_j, e_j+1), the last closed,
as the engine's grid), group sizes counted with polars directly from the CSV, and Pearson's r of penguins' flipper
length and body mass with its interval from R's `cor.test` (tests/r/correlation_section.R and its output).
"""

from __future__ import annotations

import re

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

import edakit
from edakit.engine import scatter as engine
from edakit.page import ChartBlock
from edakit.render import style
from edakit.render.charts import render_chart_block
from tests.conftest import DATASETS, read_r_output, run_cli
from tests.test_documented_commands import PLOT_BODY, SVG, svg_problems

R = read_r_output("correlation_section.out")
CELL = re.compile(r"M[\d.-]+ [\d.-]+h[\d.]+v[\d.]+h-[\d.]+z")  # one grid cell drawn by `Plot.boxes`


def _blocks(rep: edakit.Report, kind: str) -> list[ChartBlock]:
    section = next(s for s in rep.sections if s.id == "correlations")
    return [b for b in section.blocks if isinstance(b, ChartBlock) and b.kind == kind]


def _finite(name: str) -> nw.Expr:
    return nw.when(nw.col(name).is_finite()).then(nw.col(name))


@pytest.mark.parametrize("levels", [["c", "a", "b"], ["b"]])  # every level apart, or b apart and the rest together
@pytest.mark.parametrize("in_memory", [False, True])  # one stacked group_by; or chunks of rows counted by numpy
def test_binned_counts_equal_numpy_histogram2d_for_every_pair_and_group_in_one_query(
    levels: list[str], in_memory: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "CHUNK_ROWS", 1_000)  # many chunks, the last one short
    rng = np.random.default_rng(3)
    n = 12_345
    x = rng.normal(size=n)
    y = 0.6 * x + rng.normal(size=n)
    z = rng.gamma(2.0, size=n)
    x[:40], y[30:90], z[5] = np.nan, np.inf, -np.inf  # missing in one column drops the row from its pairs only
    g = rng.choice(["a", "b", "c", None], n)
    frame = nw.from_native(pl.LazyFrame({"x": x, "y": y, "z": z, "g": g}))
    values = {c: _finite(c) for c in "xyz"}
    ranges = {
        c: (float(np.nanmin(v[np.isfinite(v)])), float(np.nanmax(v[np.isfinite(v)])))
        for c, v in zip("xyz", (x, y, z), strict=True)
    }
    pairs = [("x", "y"), ("x", "z"), ("y", "z")]
    agg = engine.gather(
        frame, values, ranges, pairs, rows=n, group="g", levels=levels, sample_size=1_000, seed=0, in_memory=in_memory
    )
    assert agg.mode == "binned"
    data = {"x": x, "y": y, "z": z}
    for a, b in pairs:
        found = agg.bins[(a, b)]
        ok = np.isfinite(data[a]) & np.isfinite(data[b])
        expected, _, _ = np.histogram2d(data[a][ok], data[b][ok], bins=[found.x_edges, found.y_edges])
        np.testing.assert_array_equal(np.array(found.counts), expected)
        assert found.n == ok.sum()
        assert len(found.x_edges) == engine.GRID_BINS + 1 and found.x_edges[0] == ranges[a][0]
        assert sorted(found.by_group) == sorted(levels)
        for level in levels:
            mine = ok & (g == level)
            per_group, _, _ = np.histogram2d(data[a][mine], data[b][mine], bins=[found.x_edges, found.y_edges])
            np.testing.assert_array_equal(np.array(found.by_group[level]), per_group)
        rest = ok & np.isin(g, [v for v in "abc" if v not in levels])
        if rest.any():
            others, _, _ = np.histogram2d(data[a][rest], data[b][rest], bins=[found.x_edges, found.y_edges])
            np.testing.assert_array_equal(np.array(found.others), others)
        else:
            assert found.others == []


def test_points_below_the_density_threshold_are_the_seeded_sample_rows() -> None:
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=400), rng.normal(size=400)
    frame = nw.from_native(pl.LazyFrame({"x": x, "y": y}))
    agg = engine.gather(
        frame,
        {"x": _finite("x"), "y": _finite("y")},
        {"x": (0, 1), "y": (0, 1)},
        [("x", "y")],
        rows=400,
        sample_size=100,
        seed=1,
    )
    assert agg.mode == "points" and agg.sampled and agg.sample_rows == 100
    picked = np.sort(np.random.default_rng(1).choice(400, size=100, replace=False))  # the profile's sample rule
    np.testing.assert_array_equal(np.array(agg.values["x"]), x[picked])


@pytest.fixture(scope="module")
def penguins() -> edakit.Report:
    return edakit.report("penguins", group="species")


def test_penguins_points_are_coloured_by_species_with_a_legend(penguins: edakit.Report) -> None:
    raw = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")
    plots = _blocks(penguins, "scatter")
    assert len(plots) == 3
    first = plots[0].data  # the strongest numeric pair: flipper length and body mass
    assert {first["x"], first["y"]} == {"flipper_length_mm", "body_mass_g"}
    r_says = R["pearson|flipper_length_mm|body_mass_g"]  # R's cor.test
    assert first["r"] == pytest.approx(r_says["r"], rel=1e-9)
    assert first["ci"] == pytest.approx([r_says["lo"], r_says["hi"]], rel=1e-9)
    assert first["mode"] == "points" and first["labels"] == ["Adelie", "Chinstrap", "Gentoo"]
    complete = raw.drop_nulls(["flipper_length_mm", "body_mass_g"])
    sizes = complete.group_by("species").len().sort("species")["len"].to_list()  # 151, 68, 123
    assert [first["groups"].count(k) for k in range(3)] == sizes
    svg = str(render_chart_block(plots[0]))
    for label, colour in zip(first["labels"], style.PALETTE, strict=False):
        assert f">{label}</text>" in svg  # the legend
        assert f'stroke="{colour}" stroke-width' in svg  # the group's dots
    assert "r = 0.871" in plots[0].caption and "all 342 rows with both values" in plots[0].caption
    assert "Colours mark species" in plots[0].caption


def test_the_pair_matrix_appears_for_penguins_but_not_for_twenty_numeric_columns(penguins: edakit.Report) -> None:
    (matrix,) = _blocks(penguins, "pair_matrix")
    names = matrix.data["names"]
    assert names == ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
    assert len(matrix.data["plots"]) == 10  # every pair of 5 columns
    svg = str(render_chart_block(matrix))
    assert svg.count('<g clip-path="url(#') == 10 and not svg_problems(svg)
    assert "r = 0.87" in svg and "r = −0.24" in svg  # above the diagonal: R's cor.test r, rounded
    rng = np.random.default_rng(5)
    wide = pl.DataFrame({f"v{i}": rng.normal(size=200) + 0.1 * i * np.arange(200) for i in range(20)})
    rep = edakit.report(wide)
    assert _blocks(rep, "pair_matrix") == [] and len(_blocks(rep, "scatter")) == 3


def test_above_the_threshold_the_plots_are_full_data_grid_counts() -> None:
    rng = np.random.default_rng(6)
    n = 6_000
    x = rng.normal(size=n)
    df = pl.DataFrame({"x": x, "y": x + rng.normal(size=n), "w": rng.uniform(size=n), "k": rng.choice(["p", "q"], n)})
    rep = edakit.report(df, group="k")
    plots = _blocks(rep, "scatter")
    assert plots and all(b.data["mode"] == "binned" for b in plots)
    strongest = plots[0].data
    assert {strongest["x"], strongest["y"]} == {"x", "y"} and sum(map(sum, strongest["counts"])) == n
    expected, _, _ = np.histogram2d(
        df[strongest["x"]].to_numpy(), df[strongest["y"]].to_numpy(), bins=[strongest["x_edges"], strongest["y_edges"]]
    )
    np.testing.assert_array_equal(np.array(strongest["counts"]), expected)
    assert f"all {n:,} rows with both values, counted on a 30 × 30 grid" in plots[0].caption
    svg = str(render_chart_block(plots[0]))
    (body,) = PLOT_BODY.findall(svg)
    assert len(CELL.findall(body)) > 100 and "h0" not in body and not svg_problems(svg)  # cells, no dots
    (matrix,) = _blocks(rep, "pair_matrix")
    assert all(p["mode"] == "binned" for p in matrix.data["plots"])


def test_the_page_of_penguins_by_species_has_the_scatter_plots(tmp_path) -> None:
    out = tmp_path / "penguins.html"
    done = run_cli("report", "penguins", "--group", "species", "-o", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text()
    figures = re.findall(r'<figure class="ek-chart ek-chart-(scatter|pair_matrix)">(.*?)</figure>', html, re.S)
    assert sorted(kind for kind, _ in figures) == ["pair_matrix", "scatter", "scatter", "scatter"]
    for kind, figure in figures:
        (svg,) = SVG.findall(figure)
        assert svg_problems(svg) == [], kind
        assert re.search(r'<title id="[^"]+">(Scatter plot|Pair matrix) of [^<]+, coloured by species\.</title>', svg)
        assert "<figcaption>" in figure
        # a dot is a zero-length stroke: its round cap is an inline style, which a page's stylesheet (matplotlib's
        # SVG brings `*{stroke-linecap: butt}`) cannot override, as it overrides presentation attributes
        assert all('style="stroke-linecap: round"' in tag for tag in re.findall(r'<path d="M[^"]*h0"[^>]*>', svg))
        dots = re.findall(r'd="((?:M[\d.-]+ [\d.-]+h0)+)"', svg)
        assert dots and sum(d.count("h0") for d in dots) >= 300  # every penguin with both values is a dot
    section = html[html.index('id="correlations"') :]
    assert section.index("ek-chart-pair_matrix") < section.index("ek-chart-scatter")  # matrix by the heat map


def test_values_at_the_float_limits_draw_finite_coordinates() -> None:
    edges = engine.grid_edges(-1.7e308, 1.7e308, 4)
    assert all(np.isfinite(edges)) and edges[0] == -1.7e308 and edges[-1] == 1.7e308
    binned = {"x": "big", "y": "near_one", "mode": "binned", "x_edges": edges, "y_edges": [1, 1 + 1e-14, 1 + 2e-14]}
    binned["counts"] = [[1, 0], [0, 2], [3, 0], [0, 1]]
    points = {"x": "big", "y": "near_one", "mode": "points", "xs": [-1.7e308, 0.0, 1.7e308], "ys": [1, 1 + 1e-14, 1]}
    matrix = {"names": ["big", "near_one"], "plots": [binned]}
    for kind, data in (("scatter", binned), ("scatter", points), ("pair_matrix", matrix)):
        svg = str(render_chart_block(ChartBlock(kind, data, "", kind)))
        assert "<svg" in svg and svg_problems(svg) == [], kind
    assert "(× 1e308)" in str(render_chart_block(ChartBlock("scatter", points, "", "big")))  # the axis says its unit


def test_a_cell_takes_its_most_common_group_and_the_share_of_it() -> None:
    from edakit.stats.scatter import MAX_GROUPS, group_labels, scatter_plot

    found = engine.PairBins("x", "y", [0.0, 1.0, 2.0], [0.0, 1.0], [[4], [6]])
    found.by_group = {"p": [[3], [1]], "q": [[1], [1]]}
    found.others = [[0], [4]]  # levels the engine did not keep apart
    agg = engine.ScatterAggregates(10_000, "binned", group="k", bins={("x", "y"): found})
    labels = group_labels(agg)
    assert labels == ["p", "q", "other"] and MAX_GROUPS >= 2
    plot = scatter_plot(agg, "x", "y", 0.5, (0.1, 0.8), 0.95, labels)
    assert plot.cell_groups == [[0], [2]]  # cell 1: p has 3 of 4 rows; cell 2: the other levels have 4 of 6
    assert plot.cell_purity == [[0.75], [pytest.approx(4 / 6, abs=1e-3)]]
    svg = str(render_chart_block(ChartBlock("scatter", {**plot.__dict__, "ci": list(plot.ci)}, "", "cells")))
    (body,) = PLOT_BODY.findall(svg)
    assert len(CELL.findall(body)) == 2 and f">{labels[2]}</text>" in svg and not svg_problems(svg)


def test_between_the_thresholds_the_matrix_counts_cells_and_the_single_plots_keep_points() -> None:
    from edakit.stats.scatter import MATRIX_DENSITY_ROWS

    rng = np.random.default_rng(8)
    n = 2_000
    assert MATRIX_DENSITY_ROWS < n <= engine.DENSITY_ROWS
    x = rng.normal(size=n)
    df = pl.DataFrame({"x": x, "y": x + rng.normal(size=n), "w": rng.uniform(size=n)})
    rep = edakit.report(df)
    assert [b.data["mode"] for b in _blocks(rep, "scatter")] == ["points"] * 3
    assert all(len(b.data["xs"]) == n for b in _blocks(rep, "scatter"))
    (matrix,) = _blocks(rep, "pair_matrix")
    assert [p["mode"] for p in matrix.data["plots"]] == ["binned"] * 3
    assert all(sum(map(sum, p["counts"])) == n for p in matrix.data["plots"])
    assert "counted on a 30 × 30 grid" in matrix.caption and not svg_problems(str(render_chart_block(matrix)))


@pytest.mark.parametrize("dtype", [pl.Int16, pl.Int64, pl.Float64, pl.Float32])
def test_integer_columns_binned_by_numpy_equal_histogram2d_and_the_engines_query(
    dtype: pl.DataType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows in memory are binned by numpy (integers through a table of each value's bin, floats by the engine's
    formula; Float32 left to the engine): the counts of whole numbers from 0 to 30 on a grid of 30 unit bins are
    numpy's histogram2d (no value near an edge but on it), and every pair's counts those of the engine's stacked
    query. x spans more than `LOOKUP_VALUES` values but as Int16, so a 64-bit integer x is binned by the formula."""
    monkeypatch.setattr(engine, "CHUNK_ROWS", 500)
    rng = np.random.default_rng(8)
    n = 6_001
    y = rng.integers(0, 31, n).astype(float)
    z = rng.integers(0, 31, n).astype(float)
    span = 30_000 if dtype == pl.Int16 else 100_000
    x = rng.integers(-span, span, n).astype(float)
    y[::17] = np.nan  # missing: a null in the column
    g = rng.choice(["a", "b", None], n)
    df = pl.DataFrame({"x": x, "y": y, "z": z, "g": g}).with_columns(pl.col("y").fill_nan(None))
    df = df.with_columns(pl.col("x", "y", "z").cast(dtype))
    values = {c: nw.col(c) for c in "xyz"}
    ranges = {"x": (float(np.min(x)), float(np.max(x))), "y": (0.0, 30.0), "z": (0.0, 30.0)}
    pairs = [("y", "z"), ("x", "y"), ("x", "z")]

    def gather(in_memory: bool) -> engine.ScatterAggregates:
        lf = nw.from_native(df.lazy())
        return engine.gather(
            lf, values, ranges, pairs, rows=n, group="g", levels=["a"], sample_size=100, seed=0, in_memory=in_memory
        )

    fast, slow = gather(True), gather(False)
    assert (ranges["x"][1] - ranges["x"][0] > engine.LOOKUP_VALUES) == (dtype != pl.Int16)
    for pair in pairs:
        assert fast.bins[pair] == slow.bins[pair]
    found = fast.bins[("y", "z")]
    assert found.x_edges == [float(v) for v in range(31)]
    ok = np.isfinite(y)
    expected, _, _ = np.histogram2d(y[ok], z[ok], bins=[found.x_edges, found.y_edges])
    np.testing.assert_array_equal(np.array(found.counts), expected)
    mine = ok & (g == "a")
    expected, _, _ = np.histogram2d(y[mine], z[mine], bins=[found.x_edges, found.y_edges])
    np.testing.assert_array_equal(np.array(found.by_group["a"]), expected)
