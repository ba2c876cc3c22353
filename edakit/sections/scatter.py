"""The scatter plots of the correlations section: the strongest numeric pairs one by one, and a pair matrix when
there are few numeric columns (`stats.scatter` says which).

The pairs to draw depend on the analysed r, so this gather runs after the analysis, in one engine step
(`engine.scatter.gather`: the seeded sample's points, or one batched `group_by` of full-data grid counts for all
the pairs together). The pair matrix's small panels turn to grid counts from `MATRIX_DENSITY_ROWS` rows on, where
its points would already merge into blots (and fill the page); the single plots from `DENSITY_ROWS`.
"""

from __future__ import annotations

from dataclasses import asdict
from itertools import combinations
from typing import Any

from edakit.engine import scatter as gathering
from edakit.engine.convert import apply_conversions
from edakit.engine.pairs import finite_values
from edakit.engine.scatter import DENSITY_ROWS, ScatterAggregates
from edakit.explain import scatter as words
from edakit.page import ChartBlock
from edakit.stats.correlation_analysis import CorrelationAnalysis
from edakit.stats.scatter import (
    MATRIX_COLUMNS,
    MATRIX_DENSITY_ROWS,
    MAX_GROUPS,
    ScatterPlot,
    group_labels,
    row_groups,
    scatter_plot,
    strongest_pairs,
)


def scatter_blocks(ctx: Any, a: CorrelationAnalysis) -> tuple[list[ChartBlock], ChartBlock | None]:
    """The strongest pairs' plots and the pair matrix (None unless 3 to `MATRIX_COLUMNS` numeric columns)."""
    found = {(p.x, p.y): p.result for p in a.pairs if p.kind == "numeric"}
    chosen = strongest_pairs([(x, y, r.estimate) for (x, y), r in found.items()])
    matrix = (
        [pair for pair in combinations(a.numeric, 2) if pair in found] if 3 <= len(a.numeric) <= MATRIX_COLUMNS else []
    )
    if not chosen and not matrix:
        return [], None
    group = ctx.config.group if ctx.config.group in {c.name for c in ctx.schema.columns} else None
    summary, rows = ctx.summary, ctx.summary.rows
    levels = _levels(summary, group)
    names = sorted({n for pair in [*chosen, *matrix] for n in pair})
    work, values = apply_conversions(ctx.table.frame, ctx.schema), finite_values(names, ctx.schema)
    ranges = {n: (summary.columns[n].numeric["min"], summary.columns[n].numeric["max"]) for n in names}

    def gather(pairs: list[tuple[str, str]], density_rows: int) -> ScatterAggregates:
        binned = rows > density_rows
        return gathering.gather(
            work,
            values,
            ranges,
            pairs,
            rows=rows,
            group=None if binned and not levels else group,  # no level counts: nothing to keep apart
            levels=levels,
            sample_size=ctx.config.sample_size,
            seed=ctx.config.seed,
            density_rows=density_rows,
            in_memory=ctx.table.in_memory,
        )

    if (rows > DENSITY_ROWS) == (rows > MATRIX_DENSITY_ROWS):  # one mode: one engine step for every pair
        single_agg = matrix_agg = gather(list(dict.fromkeys([*chosen, *matrix])), DENSITY_ROWS)
    else:
        single_agg, matrix_agg = gather(chosen, DENSITY_ROWS), gather(matrix, MATRIX_DENSITY_ROWS) if matrix else None
    years = {c.name for c in ctx.schema.columns if c.kind == "year"}  # axes read 2007, not 2,007

    def plots(agg: ScatterAggregates, pairs: list[tuple[str, str]]) -> tuple[list[ScatterPlot], str]:
        labels = group_labels(agg) if agg.group else []
        drawn = [
            scatter_plot(agg, x, y, found[(x, y)].estimate, found[(x, y)].ci, a.conf_level, labels) for x, y in pairs
        ]
        return drawn, words.uncoloured_note(group) if group and not agg.group else ""

    singles = []
    drawn, note = plots(single_agg, chosen)
    for p in drawn:
        data = {**_data(p), "year_columns": sorted(years & {p.x, p.y})}
        singles.append(ChartBlock("scatter", data, words.scatter_caption(p) + note, words.scatter_alt(p)))
    if not matrix or matrix_agg is None:
        return singles, None
    drawn, note = plots(matrix_agg, matrix)
    data = {"names": list(a.numeric), "plots": [_data(p) for p in drawn], "year_columns": sorted(years & set(names))}
    if matrix_agg.mode == "points":  # the sample's rows once, not once per pair (the JSON stays small)
        for plot in data["plots"]:
            plot.update(xs=[], ys=[], groups=[])
        columns = {n: [None if v is None else _round(v) for v in matrix_agg.values[n]] for n in a.numeric}
        data["points"] = {"columns": columns, "groups": row_groups(matrix_agg, drawn[0].labels if drawn else [])}
    caption = words.matrix_caption(drawn, a.numeric) + note
    return singles, ChartBlock("pair_matrix", data, caption, words.matrix_alt(a.numeric, matrix_agg.group))


def _data(p: ScatterPlot) -> dict[str, Any]:
    """The plot's fields for the chart block, points rounded to 4 significant digits (a tenth of a point on a plot
    300 points wide, and the JSON stays small)."""
    data = asdict(p)
    data["xs"] = [_round(v) for v in p.xs]
    data["ys"] = [_round(v) for v in p.ys]
    data["ci"] = list(p.ci) if p.ci else None
    return data


def _levels(summary: Any, group: str | None) -> list[Any]:
    """The `MAX_GROUPS` most frequent levels of the group column (the profile's level counts, most frequent first):
    the engine keeps them apart in the grid counts and counts the rest together."""
    counted = summary.levels.get(group) if group else None
    return list(counted.values[:MAX_GROUPS]) if counted is not None else []


def _round(value: float) -> float:
    return float(f"{value:.4g}")
