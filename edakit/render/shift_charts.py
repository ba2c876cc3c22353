"""Drawers of the dataset comparison's charts (`edakit compare`): the two tables' histograms overlaid on common bins
(as shares of each table's values, so tables of different sizes compare), and each level's share side by side with
its Wilson interval. They draw what the analyse stage computed, as `render.svgplot` SVG."""

from __future__ import annotations

import math
from typing import Any

from edakit.render import style
from edakit.render.drawers import Units, drawer, short
from edakit.render.svgplot import Plot, category_axis

COLOURS = (style.BLUE, style.ORANGE)
DASHES = ("-", "--")


@drawer("overlaid_histogram")
def overlaid_histogram(data: dict[str, Any]) -> Plot:
    """Two step outlines on the same bins: each table's share of its values per bin."""
    units = Units(data["edges"])
    edges = units.all(data["edges"])
    sides = [[int(c) for c in data["counts_a"]], [int(c) for c in data["counts_b"]]]
    if any(len(edges) != len(c) + 1 or not sum(c) for c in sides):
        raise ValueError(f"{len(edges)} bin edges for {len(sides[0])} and {len(sides[1])} counts")
    shares = [[c / sum(counts) for c in counts] for counts in sides]
    top = max(max(s) for s in shares) * 1.1
    names = [short(data["name_a"], 20), short(data["name_b"], 20)]
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        (edges[0], edges[-1]),
        (0, top),
        y_label="share of values",
        x_label=units.label if units.changed else "",
        legend=[(name, colour, dash) for name, colour, dash in zip(names, COLOURS, DASHES, strict=True)],
    )
    for share, colour, dash in zip(shares, COLOURS, DASHES, strict=True):
        xs, ys = [edges[0]], [0.0]
        for value, left, right in zip(share, edges[:-1], edges[1:], strict=True):
            xs += [left, right]
            ys += [value, value]
        xs.append(edges[-1])
        ys.append(0.0)
        plot.line(xs, ys, colour, 1.6, dash)
    return plot


@drawer("paired_bars")
def paired_bars(data: dict[str, Any]) -> Plot:
    """Per level, two horizontal bars (first table above, second below) with their intervals."""
    labels = [short(v) for v in data["labels"]]
    shares = [list(data["shares_a"]), list(data["shares_b"])]
    cis = [list(data["ci_a"]), list(data["ci_b"])]
    highs = [ci[1] for side in cis for ci in side if ci] + [s for side in shares for s in side if s is not None]
    top = min(1.0, max(highs) * 1.1) if highs else 1.0
    positions, names = category_axis(labels)
    names_ab = [short(data["name_a"], 20), short(data["name_b"], 20)]
    plot = Plot(
        style.WIDTH,
        0.75 + 2 * style.BAR_HEIGHT * len(labels),
        (0.0, top),
        (-0.6, len(labels) - 0.4),
        y_ticks=positions,
        y_tick_labels=names,
        x_percent=True,
        legend=[(name, colour, "-") for name, colour in zip(names_ab, COLOURS, strict=True)],
    )
    for side, (offset, colour) in enumerate(zip((0.2, -0.2), COLOURS, strict=True)):
        for pos, share, ci in zip(positions, shares[side], cis[side], strict=True):
            if share is None or not math.isfinite(share):
                continue
            y = pos + offset
            plot.rect(0.0, share, y - 0.18, y + 0.18, colour, 0.8)
            if ci:
                plot.segment(ci[0], y, ci[1], y, style.INK_CSS, 1.0)
    return plot
