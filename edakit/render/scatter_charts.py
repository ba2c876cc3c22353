"""Drawers of the scatter plots (`stats.scatter.ScatterPlot` as data): one pair, and the pair matrix.

Points are filled dots (`Plot.dots`); binned counts are the grid's non-empty cells, more opaque the more rows they
hold (on a log scale, so a few dense cells do not hide the rest). A group colours the points, or each cell by the
group most common in it, from the colour-blind safe palette of `render.style`; "other" is grey.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from markupsafe import escape

from edakit._format import years_format
from edakit.render import style
from edakit.render.drawers import Units, drawer, short
from edakit.render.svgplot import LABEL_SIZE, TICK_SIZE, Plot, nice_ticks, padded, svg_element, text_width, tick_labels

PANEL = 1.45  # inches: one panel of the pair matrix (fewer columns); shrunk so the matrix stays within MATRIX_WIDTH
MATRIX_WIDTH = 6.6
MARGIN = 34.0  # points left of and below the matrix, for tick labels


def colours(labels: list[str]) -> list[str]:
    """One palette colour per group label, grey for "other"."""
    return [style.MUTED if g == "other" else style.PALETTE[i % len(style.PALETTE)] for i, g in enumerate(labels)]


def blend(a: str, b: str, t: float) -> str:
    """The colour a fraction `t` of the way from `a` to `b` (hex RGB).

    >>> blend("#000000", "#FFFFFF", 0.5)
    '#808080'
    """
    ca, cb = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=True)).upper()


def column_units(plots: list[dict[str, Any]]) -> dict[str, Units]:
    """Each column's drawing units (`drawers.Units`: huge, tiny or nearly-equal values shifted and scaled), from
    its values in every plot, so a column reads the same in every panel."""
    values: dict[str, list[float]] = {}
    for p in plots:
        for axis in ("x", "y"):
            values.setdefault(p[axis], []).extend([*p.get(f"{axis}s", []), *p.get(f"{axis}_edges", [])])
    return {name: Units(found, name) for name, found in values.items()}


def in_units(data: dict[str, Any], units: dict[str, Units]) -> dict[str, Any]:
    """The plot's coordinates in its columns' drawing units."""
    ux, uy = units[data["x"]], units[data["y"]]
    if not (ux.changed or uy.changed):
        return data
    return dict(
        data,
        xs=[ux(v) for v in data.get("xs", [])],
        ys=[uy(v) for v in data.get("ys", [])],
        x_edges=[ux(v) for v in data.get("x_edges", [])],
        y_edges=[uy(v) for v in data.get("y_edges", [])],
    )


def limits(data: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y ranges of a plot: the grid's edges, or the points' range padded by 4 %."""
    if data["mode"] == "binned":
        return (data["x_edges"][0], data["x_edges"][-1]), (data["y_edges"][0], data["y_edges"][-1])
    xs, ys = data["xs"] or [0.0], data["ys"] or [0.0]
    return padded(min(xs), max(xs), 0.04), padded(min(ys), max(ys), 0.04)


def draw_marks(plot: Plot, data: dict[str, Any], radius: float = 1.6) -> None:
    """The pair's points or cells on `plot`."""
    palette = colours(list(data.get("labels") or []))
    if data["mode"] == "points":
        groups = data.get("groups") or []
        if not groups:
            plot.dots(data["xs"], data["ys"], style.EDGE, radius)
            return
        for k, colour in [(-1, style.MUTED), *enumerate(palette)]:
            picked = [(a, b) for a, b, g in zip(data["xs"], data["ys"], groups, strict=True) if g == k]
            plot.dots([a for a, _ in picked], [b for _, b in picked], colour, radius)
        return
    xe, ye, counts = data["x_edges"], data["y_edges"], data["counts"]
    grouped = bool(data.get("labels"))
    cell_groups, purity = data.get("cell_groups") or [], data.get("cell_purity") or []
    top = max((c for row in counts for c in row), default=0)
    shades: dict[tuple[str, float], list[tuple[float, float, float, float]]] = {}  # one path per colour and shade
    for i, row in enumerate(counts):
        for j, c in enumerate(row):
            if not c:
                continue
            k = cell_groups[i][j] if grouped else None
            colour = style.EDGE
            if k is not None and k < len(palette):  # the group's colour, greyer the more evenly the groups mix
                even = 1 / len(palette)
                mixed = max(0.0, (purity[i][j] - even) / (1 - even))
                colour = blend(style.MUTED, palette[k], round(4 * mixed) / 4)  # 5 steps, so cells share paths
            elif grouped:  # the cell's rows are all without a group
                colour = style.MUTED
            shade = round(0.2 + 0.8 * math.log1p(c) / math.log1p(top), 1)  # 9 steps: more rows, darker
            shades.setdefault((colour, shade), []).append((xe[i], xe[i + 1], ye[j], ye[j + 1]))
    for (colour, shade), boxes in sorted(shades.items()):
        plot.boxes(boxes, colour, shade)


@drawer("scatter")
def scatter(data: dict[str, Any]) -> Plot:
    """One pair: x against y, points or full-data cells, coloured by group when given."""
    units = column_units([data])
    data = in_units(data, units)
    xlim, ylim = limits(data)
    labels = list(data.get("labels") or [])
    years = set(data.get("year_columns") or [])
    x_ticks, y_ticks = nice_ticks(*xlim), nice_ticks(*ylim)
    plot = Plot(
        style.WIDTH,
        style.WIDTH * 0.8,
        xlim,
        ylim,
        x_ticks=x_ticks,
        x_tick_labels=_labels(x_ticks, data["x"] in years),
        y_ticks=y_ticks,
        y_tick_labels=_labels(y_ticks, data["y"] in years),
        x_label=short(units[data["x"]].label, 48),
        y_label=short(units[data["y"]].label, 48),
        legend=[(short(g, 18), c, "o") for g, c in zip(labels, colours(labels), strict=True)],
    )
    draw_marks(plot, data)
    return plot


class PairMatrix:
    """Several panels composed into one figure: `svg(alt)` as `Plot.svg` does for one."""

    def __init__(self, width: float, height: float, panels: list[tuple[float, float, Plot]], labels: list[str]) -> None:
        self.width, self.height, self.panels, self.labels = width, height, panels, labels

    def svg(self, alt: str = "") -> str:
        body = "".join(f'<g transform="translate({x:.1f},{y:.1f})">{p.inner()}</g>' for x, y, p in self.panels)
        body += "".join(self.labels)
        uid = hashlib.blake2s((body + alt).encode(), digest_size=3).hexdigest()
        title = f'<title id="ek{uid}-alt">{escape(alt)}</title>' if alt else ""
        return svg_element(self.width, self.height, title + body, alt, uid)


@drawer("pair_matrix")
def pair_matrix(data: dict[str, Any]) -> PairMatrix:
    """Every pair of k columns: x against y below the diagonal (the column's name on it), r above it."""
    names, plots = list(data["names"]), [_with_points(p, data.get("points")) for p in data["plots"]]
    k = len(names)
    panel = min(PANEL, (MATRIX_WIDTH - MARGIN / 72) / k) * 72
    gap = 5.0
    units = column_units(plots)
    plots = [in_units(p, units) for p in plots]
    by_pair = {(p["x"], p["y"]): p for p in plots}
    ranges: dict[str, tuple[float, float]] = {}
    for p in plots:  # each column's range, the same in its row and its column
        (x0, x1), (y0, y1) = limits(p)
        ranges[p["x"]] = (min(x0, ranges.get(p["x"], (x0, x1))[0]), max(x1, ranges.get(p["x"], (x0, x1))[1]))
        ranges[p["y"]] = (min(y0, ranges.get(p["y"], (y0, y1))[0]), max(y1, ranges.get(p["y"], (y0, y1))[1]))
    panels, labels = [], []
    legend_height = 16.0 if data["plots"] and data["plots"][0].get("labels") else 0.0
    for i, row_name in enumerate(names):  # row i: y is names[i]
        for j, col_name in enumerate(names):  # column j: x is names[j]
            left, top = MARGIN + j * panel, legend_height + i * panel
            if i == j:
                name = units[row_name].label if row_name in units else row_name
                labels.append(_centred(left + panel / 2, top + panel / 2, short(name, 16), LABEL_SIZE))
                continue
            pair = by_pair.get((col_name, row_name)) or by_pair.get((row_name, col_name))
            if pair is None:
                continue
            if i < j:
                r = pair.get("r")
                text = "r undefined" if r is None else f"r = {r:.2f}".replace("-", "−")
                labels.append(_centred(left + panel / 2, top + panel / 2, text, TICK_SIZE + 1))
                continue
            axes = (i == k - 1, j == 0)
            panels.append(
                (left, top, _panel(pair, col_name, ranges, panel, gap, axes, set(data.get("year_columns") or [])))
            )
    if legend_height:
        labels.append(_legend(plots[0]["labels"], MARGIN, 10.0))
    return PairMatrix(MARGIN + k * panel + 4, legend_height + k * panel + MARGIN, panels, labels)


def _panel(
    pair: dict[str, Any],
    x_name: str,
    ranges: dict[str, tuple[float, float]],
    panel: float,
    gap: float,
    axes: tuple[bool, bool],
    years: set[str],
) -> Plot:
    """One lower-triangle panel, `x_name` across (the pair is transposed when it was measured the other way), with
    tick labels on the x axis, the y axis, both or neither (`axes`)."""
    if pair["x"] != x_name:
        pair = _transposed(pair)
    xlim, ylim = ranges[pair["x"]], ranges[pair["y"]]
    x_ticks = _few_ticks(xlim) if axes[0] else []
    y_ticks = _few_ticks(ylim) if axes[1] else []
    plot = Plot(
        panel / 72,
        panel / 72,
        xlim,
        ylim,
        x_ticks=x_ticks,
        x_tick_labels=_labels(x_ticks, pair["x"] in years),
        y_ticks=y_ticks,
        y_tick_labels=_labels(y_ticks, pair["y"] in years),
    )
    plot.left, plot.right, plot.top, plot.bottom = gap, panel - gap, gap, panel - gap
    draw_marks(plot, pair, radius=1.1)
    return plot


def _with_points(pair: dict[str, Any], points: dict[str, Any] | None) -> dict[str, Any]:
    """A matrix panel's points, from the sample's rows given once for all panels (`points`: columns and groups)."""
    if pair["mode"] != "points" or not points:
        return pair
    xs, ys, groups = [], [], []
    codes = points.get("groups") or []
    for i, (a, b) in enumerate(zip(points["columns"][pair["x"]], points["columns"][pair["y"]], strict=True)):
        if a is not None and b is not None:
            xs.append(a)
            ys.append(b)
            groups += [codes[i]] if codes else []
    return dict(pair, xs=xs, ys=ys, groups=groups)


def _transposed(pair: dict[str, Any]) -> dict[str, Any]:
    out = dict(pair, x=pair["y"], y=pair["x"], xs=pair.get("ys", []), ys=pair.get("xs", []))
    if pair["mode"] == "binned":
        out.update(x_edges=pair["y_edges"], y_edges=pair["x_edges"], counts=_transpose(pair["counts"]))
        if pair.get("cell_groups"):
            out["cell_groups"] = _transpose(pair["cell_groups"])
    return out


def _few_ticks(lim: tuple[float, float]) -> list[float]:
    """Two to four round ticks: a small panel has room for no more."""
    ticks = nice_ticks(*lim, target=3)
    return ticks if len(ticks) >= 2 else nice_ticks(*lim, target=4)


def _labels(ticks: list[float], year: bool) -> list[str]:
    with years_format(year):
        return tick_labels(ticks)


def _transpose(matrix: list[list[Any]]) -> list[list[Any]]:
    return [list(column) for column in zip(*matrix, strict=True)]


def _centred(x: float, y: float, text: str, size: float) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="middle" dominant-baseline="central"'
        f' fill="{style.INK_CSS}">{escape(text)}</text>'
    )


def _legend(labels: list[str], x: float, y: float) -> str:
    out = [f'<g font-size="{TICK_SIZE}" fill="{style.INK_CSS}">']
    for label, colour in zip(labels, colours(labels), strict=True):
        out.append(f'<circle cx="{x + 4:.1f}" cy="{y:.1f}" r="2.4" fill="{colour}"/>')
        out.append(f'<text x="{x + 10:.1f}" y="{y:.1f}" dominant-baseline="central">{escape(short(label, 18))}</text>')
        x += 18 + text_width(short(label, 18), TICK_SIZE)
    out.append("</g>")
    return "".join(out)
