"""Drawers of the analysis sections' charts: the correlation heatmap, group box plots and group means with their
intervals, observed-versus-expected counts of a fit, the bootstrap distribution, and PCA's scree, loadings and
scores. Each draws what the analyse stage computed, as `render.svgplot` SVG."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from edakit.render import style
from edakit.render.drawers import Units, box_stats, draw_box, drawer, finite, short
from edakit.render.svgplot import Plot, category_axis, colour_bar, diverging, padded


@drawer("heatmap")
def _heatmap_chart(data: dict[str, Any]) -> Plot:
    return heatmap_plot(data["names"], data["matrix"], annotate=data.get("annotate"), label=data.get("label", ""))


@drawer("group_box")
def _group_box_chart(data: dict[str, Any]) -> Plot:
    return group_box_plot(data["labels"], data["stats"], value_label=data.get("value_label", ""))


@drawer("group_means")
def _group_means_chart(data: dict[str, Any]) -> Plot:
    return group_means_plot(
        data["labels"],
        data["means"],
        data["cis"],
        overall=data.get("overall"),
        value_label=data.get("value_label", ""),
        percent=bool(data.get("percent")),
    )


def correlation_heatmap(
    names: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    alt: str = "",
    annotate: bool | None = None,
    label: str = "correlation",
) -> str:
    """Inline SVG of a correlation matrix: diverging palette centred at 0 (−1 blue … +1 red), values
    written in the cells when there are at most 12 variables (or when `annotate` says so); missing cells grey."""
    return heatmap_plot(names, matrix, annotate=annotate, label=label).svg(alt)


def heatmap_plot(
    names: Sequence[str], matrix: Sequence[Sequence[float | None]], annotate: bool | None = None, label: str = ""
) -> Plot:
    k = len(names)
    if len(matrix) != k or any(len(row) != k for row in matrix):
        raise ValueError(f"matrix is {len(matrix)}×{len(matrix[0]) if matrix else 0}, names {k}")
    size = min(2.2 + 0.42 * k, 9.0)
    return _grid_plot(
        [short(n, 18) for n in names], [short(n, 18) for n in names], matrix, size + 0.9, size, annotate, label
    )


def _grid_plot(
    rows: Sequence[str],
    cols: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    width: float,
    height: float,
    annotate: bool | None,
    label: str,
    rotate: float = 60,
) -> Plot:
    """A matrix of values in [−1, 1] as coloured cells (first row at the top), with a colour scale."""
    n_rows, n_cols = len(rows), len(cols)
    annotate = max(n_rows, n_cols) <= 12 if annotate is None else annotate
    plot = Plot(
        width,
        height,
        (-0.5, n_cols - 0.5),
        (-0.5, n_rows - 0.5),
        x_ticks=list(range(n_cols)),
        x_tick_labels=list(cols),
        y_ticks=[float(n_rows - 1 - i) for i in range(n_rows)],
        y_tick_labels=list(rows),
        frame=False,
        x_rotate=rotate,
        extra_right=70.0 if label else 44.0,
    )
    for i, row in enumerate(matrix):
        y = n_rows - 1 - i
        for j, value in enumerate(row):
            v = None if value is None or not math.isfinite(float(value)) else float(value)
            plot.rect(j - 0.5, j + 0.5, y - 0.5, y + 0.5, diverging(v))
            if annotate:
                text = "–" if v is None else f"{v:.2f}".replace("-", "−")
                plot.text(j, y, text, size=7.5, anchor="middle", colour="white" if v and abs(v) > 0.6 else "#1a1a1a")
    colour_bar(plot, label)
    return plot


def group_box(labels: Sequence[str], stats: Sequence[dict[str, Any]], *, alt: str = "", value_label: str = "") -> str:
    """Inline SVG: one horizontal box per group, each from its quartiles, whisker ends and outliers
    (the same keys as a column's box chart: q25, median, q75, whisker_low, whisker_high, mean, outliers)."""
    return group_box_plot(labels, stats, value_label=value_label).svg(alt)


def group_box_plot(labels: Sequence[str], stats: Sequence[dict[str, Any]], value_label: str = "") -> Plot:
    boxes = [box_stats(s, short(label)) for label, s in zip(labels, stats, strict=True)]
    values = finite([v for b in boxes for v in (b["whislo"], b["whishi"], *b["fliers"])]) or [0.0]
    positions, names = category_axis([b["label"] for b in boxes])
    plot = Plot(
        style.WIDTH,
        0.6 + 0.36 * len(boxes),
        padded(min(values), max(values), 0.04),
        (-0.6, len(boxes) - 0.4),
        y_ticks=positions,
        y_tick_labels=names,
        x_label=value_label,
        grid="x",
    )
    for pos, b in zip(positions, boxes, strict=True):
        if all(isinstance(b[k], (int, float)) for k in ("q1", "med", "q3", "whislo", "whishi")):
            draw_box(plot, b, pos, 0.55 / 2)
    return plot


def group_means_ci(
    labels: Sequence[str],
    means: Sequence[float],
    cis: Sequence[Sequence[float]],
    *,
    overall: float | None = None,
    alt: str = "",
    value_label: str = "",
) -> str:
    """Inline SVG: each group's mean as a point with its confidence interval as a line (point-and-interval),
    and the overall mean as a dotted reference line."""
    return group_means_plot(labels, means, cis, overall=overall, value_label=value_label).svg(alt)


def group_means_plot(
    labels: Sequence[str],
    means: Sequence[float],
    cis: Sequence[Sequence[float]],
    overall: float | None = None,
    value_label: str = "",
    percent: bool = False,
) -> Plot:
    """`percent`: the means are shares (0 to 1), labelled as percentages on the axis."""
    n = len(labels)
    if not (len(means) == len(cis) == n):
        raise ValueError("labels, means and intervals must have the same length")
    positions, names = category_axis([short(label) for label in labels])
    ends = [
        (c[0] if c and c[0] is not None else m, c[1] if c and c[1] is not None else m)
        for m, c in zip(means, cis, strict=True)
    ]
    values = finite([*means, *(v for e in ends for v in e), *([overall] if overall is not None else [])]) or [0.0]
    plot = Plot(
        style.WIDTH,
        0.6 + 0.3 * n,
        padded(min(values), max(values), 0.05),
        (-0.6, n - 0.4),
        y_ticks=positions,
        y_tick_labels=names,
        x_label=value_label,
        x_percent=percent,
        grid="x",
    )
    if overall is not None:
        plot.vline(overall, style.MUTED, 1.2, ":")
    for pos, (lo, hi) in zip(positions, ends, strict=True):
        plot.segment(lo, pos, hi, pos, style.EDGE, 1.2)
        for end in (lo, hi):
            plot.segment(end, pos - 0.12, end, pos + 0.12, style.EDGE, 1.2)
    plot.points(list(means), positions, style.EDGE, 2.5, filled=True)
    return plot


# ---- charts for the distributions and principal-components sections ----------------------------------------


@drawer("fit_counts")
def fit_counts(data: dict[str, Any]) -> Plot:
    """Observed counts per cell as bars, and the counts the fitted family expects as points on a line."""
    labels, observed, expected = list(data["labels"]), list(data["observed"]), list(data["expected"])
    positions = list(range(len(labels)))
    plot = Plot(
        max(style.WIDTH, 1.2 + 0.38 * len(labels)),
        style.HEIGHT,
        (-0.6, len(labels) - 0.4),
        (0, max([*observed, *expected, 1]) * 1.1),
        x_ticks=positions,
        x_tick_labels=[short(v, 12) for v in labels],
        x_rotate=45 if len(labels) > 8 else 0,
        y_label="values",
        legend=[("observed", style.FILL, ""), (f"{data['family']} fit", style.MEAN, "")],
    )
    for x, count in zip(positions, observed, strict=True):
        plot.rect(x - 0.375, x + 0.375, 0, count, style.FILL, 0.75)
    plot.line(positions, expected, style.MEAN, 1.2)
    plot.points(positions, expected, style.MEAN, 1.75, filled=True)
    return plot


@drawer("bootstrap")
def bootstrap(data: dict[str, Any]) -> Plot:
    """Histogram of the bootstrap estimates, the normal curve the t-interval assumes, and both intervals."""
    edges, counts = [float(e) for e in data["edges"]], [int(c) for c in data["counts"]]
    units = Units([*edges, *data.get("normal_x", [])], "bootstrap mean")
    level = f"{100 * float(data.get('conf_level', 0.95)):g} %"
    intervals = [
        (data[key], colour, dash, label)
        for key, colour, dash, label in (
            ("boot_ci", style.MEDIAN, "-", f"bootstrap {level}"),
            ("t_ci", style.MEAN, "--", f"t {level}"),
        )
        if data.get(key)
    ]
    legend = [("normal (t) curve", style.MUTED, "")] if data.get("normal_x") else []
    legend += [(label, colour, dash) for _, colour, dash, label in intervals]
    xs = units.all([*edges, *data.get("normal_x", []), *(v for ci, *_ in intervals for v in ci)])
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        (min(xs), max(xs)),
        (0, max([*counts, 1]) * 1.12),
        x_label=units.label,
        y_label="resamples",
        legend=legend,
    )
    plot.steps(units.all(edges), counts, style.FILL, style.EDGE)
    if data.get("normal_x"):
        plot.line(units.all(data["normal_x"]), data["normal_y"], style.MUTED, 1.2)
    for ci, colour, dash, _ in intervals:
        for value in ci:
            plot.vline(units(value), colour, 1.3, dash)
    return plot


@drawer("scree")
def scree(data: dict[str, Any]) -> Plot:
    """Eigenvalue of each component as a bar, labelled with its share of the variance; dotted line at 1."""
    eigen, shares = [float(v) for v in data["eigenvalues"]], [float(v) for v in data["explained"]]
    positions = list(range(1, len(eigen) + 1))
    plot = Plot(
        max(style.WIDTH, 1.0 + 0.32 * len(eigen)),
        style.HEIGHT,
        (0.4, len(eigen) + 0.6),
        (0, max([*eigen, 1.0]) * 1.15),
        x_ticks=positions,
        x_tick_labels=[f"PC{i}" for i in positions],
        x_rotate=0 if len(eigen) <= 10 else 60,
        y_label="eigenvalue",
    )
    for x, e in zip(positions, eigen, strict=True):
        plot.rect(x - 0.35, x + 0.35, 0, e, style.FILL, 0.85)
    plot.line([0.4, len(eigen) + 0.6], [1.0, 1.0], style.MUTED, 1.2, ":")
    if len(eigen) <= 15:
        for x, e, share in zip(positions, eigen, shares, strict=True):
            plot.text(x, e, f"{100 * share:.0f} %", size=7, anchor="middle", dy=-5)
    return plot


@drawer("loadings")
def loadings(data: dict[str, Any]) -> Plot:
    """Loadings of each column (rows) on the first components (columns), −1 blue … +1 red, values written."""
    rows, cols = list(data["rows"]), list(data["columns"])
    flat = list(itertools.chain.from_iterable(data["matrix"])) if rows and isinstance(data["matrix"][0], list) else []
    flat = flat or list(data["matrix"])
    matrix = [flat[i * len(cols) : (i + 1) * len(cols)] for i in range(len(rows))]
    return _grid_plot(
        [short(r, 22) for r in rows],
        cols,
        matrix,
        min(2.6 + 0.55 * len(cols), 8.0) + 0.6,
        min(0.9 + 0.26 * len(rows), 9.0),
        len(rows) <= 20 and len(cols) <= 8,
        data.get("label", "loading"),
        rotate=0,
    )


@drawer("scores")
def scores(data: dict[str, Any]) -> Plot:
    """Scatter of two component scores, one colour per group when groups are given."""
    x, y = [float(v) for v in data["x"]], [float(v) for v in data["y"]]
    groups = data.get("groups")
    labels = list(dict.fromkeys(data.get("labels") or groups)) if groups else []
    colours = {
        label: style.PALETTE[i % len(style.PALETTE)] if label != "other" else style.MUTED
        for i, label in enumerate(labels)
    }
    plot = Plot(
        style.WIDTH,
        style.WIDTH * 0.8,
        padded(min([*x, 0.0]), max([*x, 0.0]), 0.05),
        padded(min([*y, 0.0]), max([*y, 0.0]), 0.05),
        x_label=data.get("x_label", "PC1"),
        y_label=data.get("y_label", "PC2"),
        legend=[(short(label, 18), colours[label], "o") for label in labels],
    )
    plot.line(list(plot.xlim), [0.0, 0.0], style.MUTED, 0.6)
    plot.line([0.0, 0.0], list(plot.ylim), style.MUTED, 0.6)
    if groups:
        for label in labels:
            picked = [(a, b) for a, b, g in zip(x, y, groups, strict=True) if g == label]
            plot.points([a for a, _ in picked], [b for _, b in picked], colours[label], 1.6, filled=True)
    else:
        plot.points(x, y, style.EDGE, 1.6)
    return plot
