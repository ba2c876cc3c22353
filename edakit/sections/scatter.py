"""The scatter plots of the correlations section: the strongest numeric pairs one by one, and a pair matrix when
there are few numeric columns (`stats.scatter` says which).

The pairs to draw depend on the analysed r, so this gather runs after the analysis, in one engine step
(`engine.scatter.gather`: the seeded sample's points, or one batched `group_by` of full-data grid counts for all
the pairs together).
"""

from __future__ import annotations

from dataclasses import asdict
from itertools import combinations
from typing import Any

from edakit.engine import scatter as gathering
from edakit.engine.convert import apply_conversions
from edakit.engine.pairs import finite_values
from edakit.explain import scatter as words
from edakit.page import ChartBlock
from edakit.stats.correlation_analysis import CorrelationAnalysis
from edakit.stats.scatter import MATRIX_COLUMNS, MAX_GROUPS, ScatterPlot, group_labels, scatter_plot, strongest_pairs


def scatter_blocks(ctx: Any, a: CorrelationAnalysis) -> tuple[list[ChartBlock], ChartBlock | None]:
    """The strongest pairs' plots and the pair matrix (None unless 3 to `MATRIX_COLUMNS` numeric columns)."""
    found = {(p.x, p.y): p.result for p in a.pairs if p.kind == "numeric"}
    chosen = strongest_pairs([(x, y, r.estimate) for (x, y), r in found.items()])
    matrix = list(combinations(a.numeric, 2)) if 3 <= len(a.numeric) <= MATRIX_COLUMNS else []
    wanted = list(dict.fromkeys([*chosen, *(pair for pair in matrix if pair in found)]))
    if not wanted:
        return [], None
    group = ctx.config.group if ctx.config.group in {c.name for c in ctx.schema.columns} else None
    summary = ctx.summary
    levels = _levels(summary, group)
    uncoloured = ""
    if group and not levels and summary.rows > gathering.DENSITY_ROWS:  # no levels to keep apart in the counts
        group, uncoloured = None, words.uncoloured_note(group)
    names = {n for pair in wanted for n in pair}
    ranges = {n: (summary.columns[n].numeric["min"], summary.columns[n].numeric["max"]) for n in names}
    agg = gathering.gather(
        apply_conversions(ctx.table.frame, ctx.schema),
        finite_values(sorted(names), ctx.schema),
        ranges,
        wanted,
        rows=summary.rows,
        group=group,
        levels=levels,
        sample_size=ctx.config.sample_size,
        seed=ctx.config.seed,
    )
    labels = group_labels(agg) if group else []

    def plot(x: str, y: str) -> ScatterPlot:
        r = found[(x, y)]
        return scatter_plot(agg, x, y, r.estimate, r.ci, a.conf_level, labels)

    years = {c.name for c in ctx.schema.columns if c.kind == "year"}  # axes read 2007, not 2,007
    singles = []
    for x, y in chosen:
        p = plot(x, y)
        data = {**_data(p), "year_columns": sorted(years & {x, y})}
        caption = words.scatter_caption(p) + uncoloured
        singles.append(ChartBlock("scatter", data, caption, words.scatter_alt(p)))
    matrix_block = None
    if matrix:
        plots = [plot(x, y) for x, y in matrix if (x, y) in found]
        data = {"names": list(a.numeric), "plots": [_data(p) for p in plots], "year_columns": sorted(years & names)}
        matrix_block = ChartBlock(
            "pair_matrix", data, words.matrix_caption(plots, a.numeric) + uncoloured, words.matrix_alt(a.numeric, group)
        )
    return singles, matrix_block


def _data(p: ScatterPlot) -> dict[str, Any]:
    """The plot's fields for the chart block, coordinates rounded to 6 significant digits (the JSON stays small)."""
    data = asdict(p)
    data["xs"] = [float(f"{v:.6g}") for v in p.xs]
    data["ys"] = [float(f"{v:.6g}") for v in p.ys]
    data["ci"] = list(p.ci) if p.ci else None
    return data


def _levels(summary: Any, group: str | None) -> list[Any]:
    """The `MAX_GROUPS` most frequent levels of the group column (the profile's level counts, most frequent first):
    the engine keeps them apart in the grid counts and counts the rest together."""
    counted = summary.levels.get(group) if group else None
    return list(counted.values[:MAX_GROUPS]) if counted is not None else []
