"""The scatter plots of the correlations section, as typed data: which pairs to draw, and what each plot shows.

* the strongest numeric pairs: the `SCATTER_PAIRS` numeric pairs with the largest |r| of the correlation analysis;
* the pair matrix: every pair of the numeric columns when there are at most `MATRIX_COLUMNS` of them.

A plot is points (the seeded sample's rows with both values present) or, above `engine.scatter.DENSITY_ROWS`
rows (`MATRIX_DENSITY_ROWS` for the pair matrix's small panels), the full data's counts on a grid
(`engine.scatter`). With `--group`, points take their group's colour and a cell the colour of the group most common
in it, greyer the more the groups mix; the `MAX_GROUPS` largest groups get a colour each, the rest are "other".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from edakit.engine.scatter import ScatterAggregates

SCATTER_PAIRS = 3  # the strongest numeric pairs drawn one by one
MATRIX_COLUMNS = 6  # a pair matrix is drawn when there are at most this many numeric columns
MATRIX_DENSITY_ROWS = 1_000  # above this many rows the matrix's small panels are grid counts, not points
MAX_GROUPS = 6  # groups with a colour of their own; the rest are "other"
OTHER = "other"


@dataclass
class ScatterPlot:
    """One pair as drawn: x against y, with Pearson's r and its interval from the correlation analysis.

    `mode` "points": `xs`, `ys` (and `groups`, an index into `labels` per point) are the sample's complete rows;
    "binned": `counts[i][j]` full-data rows fall in x bin i and y bin j of `x_edges` × `y_edges`, and `cell_groups`
    gives the index in `labels` of the group most common in each cell (None: no group, or an empty cell) and
    `cell_purity` its share of the cell's rows with a group."""

    x: str
    y: str
    mode: str
    n: int  # rows drawn: points plotted, or rows counted in the cells
    rows: int  # rows of the table
    sampled: bool = False  # points from a sample that is a strict subset of the rows
    r: float | None = None
    ci: tuple[float, float] | None = None
    conf_level: float = 0.95
    group: str | None = None
    labels: list[str] = field(default_factory=list)  # group labels, in legend order
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    x_edges: list[float] = field(default_factory=list)
    y_edges: list[float] = field(default_factory=list)
    counts: list[list[int]] = field(default_factory=list)
    cell_groups: list[list[int | None]] = field(default_factory=list)
    cell_purity: list[list[float | None]] = field(default_factory=list)  # that group's share of the cell's rows


def strongest_pairs(
    pairs: Sequence[tuple[str, str, float | None]], limit: int = SCATTER_PAIRS
) -> list[tuple[str, str]]:
    """The `limit` (x, y) pairs with the largest |r| (undefined r left out; ties keep the given order).

    >>> strongest_pairs([("a", "b", 0.1), ("a", "c", -0.9), ("b", "c", None)], 1)
    [('a', 'c')]
    """
    defined = [(x, y, r) for x, y, r in pairs if r is not None and math.isfinite(r)]
    return [(x, y) for x, y, _ in sorted(defined, key=lambda p: -abs(p[2]))[:limit]]


def group_labels(agg: ScatterAggregates) -> list[str]:
    """The groups with a colour (the `MAX_GROUPS` largest, in label order) and "other" when more exist."""
    sizes: dict[str, int] = {}
    if agg.mode == "points":  # in binned mode the engine kept the largest levels apart (`engine.scatter`)
        for g in agg.groups:
            if g is not None:
                sizes[g] = sizes.get(g, 0) + 1
    others = False
    if agg.mode == "binned":
        for found in agg.bins.values():
            others = others or bool(found.others)
            for g, counts in found.by_group.items():
                sizes[g] = sizes.get(g, 0) + sum(map(sum, counts))
    top = sorted(sorted(sizes, key=lambda g: (-sizes[g], g))[:MAX_GROUPS])
    return top + ([OTHER] if others or len(sizes) > len(top) else [])


def row_groups(agg: ScatterAggregates, labels: list[str]) -> list[int]:
    """Each sampled row's group as its index in `labels` (levels beyond them: "other"; no group: -1)."""
    index = {g: i for i, g in enumerate(labels)}
    other = index.get(OTHER, -1)
    return [-1 if g is None else index.get(g, other) for g in agg.groups]


def scatter_plot(
    agg: ScatterAggregates,
    x: str,
    y: str,
    r: float | None,
    ci: tuple[float, float] | None,
    conf_level: float,
    labels: list[str],
) -> ScatterPlot:
    """The plot of `x` against `y` from the gathered points or cells, with the pair's r and interval."""
    plot = ScatterPlot(x, y, agg.mode, 0, agg.rows, agg.sampled, r, ci, conf_level, agg.group, list(labels))
    index = {g: i for i, g in enumerate(labels)}
    other = index.get(OTHER)
    if agg.mode == "points":
        codes = row_groups(agg, labels)
        for i, (a, b) in enumerate(zip(agg.values[x], agg.values[y], strict=True)):
            if a is None or b is None:
                continue
            plot.xs.append(float(a))
            plot.ys.append(float(b))
            if agg.group:
                plot.groups.append(codes[i])
        plot.n = len(plot.xs)
        return plot
    found = agg.bins[(x, y)]
    plot.x_edges, plot.y_edges, plot.counts, plot.n = found.x_edges, found.y_edges, found.counts, found.n
    if agg.group:
        plot.cell_groups = [[None] * len(row) for row in found.counts]
        merged: dict[int, list[list[int]]] = {}
        coloured = [(index.get(g, other), counts) for g, counts in found.by_group.items()]
        for k, counts in [*coloured, (other, found.others)]:
            if k is None or not counts:
                continue
            into = merged.setdefault(k, [[0] * len(row) for row in counts])
            for i, row in enumerate(counts):
                for j, c in enumerate(row):
                    into[i][j] += c
        plot.cell_purity = [[None] * len(row) for row in found.counts]
        for i, row in enumerate(found.counts):
            for j in range(len(row)):
                best = max(merged, key=lambda k: (merged[k][i][j], -k), default=None)
                total = sum(m[i][j] for m in merged.values())
                if best is not None and merged[best][i][j]:
                    plot.cell_groups[i][j] = best
                    plot.cell_purity[i][j] = round(merged[best][i][j] / total, 3)
    return plot
