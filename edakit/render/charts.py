"""Draw charts as compact inline SVG: one function per chart kind, from the numbers in a `Chart`.

This module draws the column charts and turns any chart into page markup (`render_chart`); the analysis sections'
drawers are in `render.section_charts`, and the registry of drawers with their shared helpers in `render.drawers`.

Render stage only: these functions draw what the analyse stage computed and never compute statistics. Every kind
is written directly as SVG by `render.svgplot` (its drawer returns a `Plot`, or something else with `svg(alt)`):
bars, lines, points and cells take microseconds that way, where a matplotlib figure took ~0.2 s and its import
about 1 s. The root `<svg>` gets `role="img"` and a `<title>` with the chart's alt text.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable
from typing import Any

from edakit._format import years_format
from edakit.render import model_charts, scatter_charts, shift_charts, style  # noqa: F401 - importing these registers their drawers
from edakit.render.drawers import DRAWERS, Units, box_stats, draw_box, drawer, finite, scaled_box, short
from edakit.render.section_charts import correlation_heatmap, group_box, group_means_ci
from edakit.render.svgplot import Plot, category_axis, padded
from edakit.render.timeseries_charts import acf, date_ticks, ts_line, ts_season


def render_chart(chart: Any) -> Any:
    """The chart as safe HTML markup: inline SVG, or a note saying why it is not drawn. Never raises."""
    from markupsafe import Markup, escape

    if chart.note:
        return Markup('<p class="ek-note ek-chart-note">{}</p>').format(chart.note)
    draw = DRAWERS.get(chart.kind)
    if draw is None:
        return Markup('<p class="ek-note ek-chart-note">No drawing for charts of kind {}.</p>').format(chart.kind)
    alt = chart.alt or chart.title
    try:
        with years_format(bool(chart.data.get("years"))):  # a year column's axis: 2007, not 2,007
            return _draw(chart, draw, alt)
    except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn becomes a note, never a crash
        return Markup('<p class="ek-note ek-chart-note">This chart could not be drawn ({}: {}).</p>').format(
            type(exc).__name__, escape(str(exc))
        )


def _draw(chart: Any, draw: Callable[[dict[str, Any]], Any], alt: str) -> Any:
    from markupsafe import Markup

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # overflow on extreme values is not the reader's business
        return Markup(draw(chart.data).svg(alt))


_BY_FUNCTION = {"correlation_heatmap": "heatmap", "group_means_ci": "group_means"}  # public names -> kinds


def render_chart_block(block: Any, show_alt: bool = True) -> Any:
    """A section's chart (anything with `kind`, `data`, `alt`, `caption`) as a captioned figure. `kind` is a
    chart kind (heatmap, group_box, group_means, histogram, ...) or the public function's name
    (correlation_heatmap, group_box, group_means_ci), `data` that function's keyword arguments. `show_alt`
    False (a brief report) leaves the alt text out of the caption; the drawing keeps it as its title."""
    from types import SimpleNamespace

    from markupsafe import Markup

    kind = _BY_FUNCTION.get(block.kind, block.kind)
    alt, caption = getattr(block, "alt", ""), getattr(block, "caption", "")
    drawing = render_chart(SimpleNamespace(kind=kind, data=block.data, alt=alt, title=alt, note=None))
    if not show_alt:
        return Markup('<figure class="ek-chart ek-chart-{}">{}<figcaption>{}</figcaption></figure>').format(
            kind, drawing, caption
        )
    return Markup(
        '<figure class="ek-chart ek-chart-{}">{}<figcaption><span class="ek-chart-alt" aria-hidden="true">{}</span>'
        " {}</figcaption></figure>"
    ).format(kind, drawing, alt, caption)


# ---- column charts ---------------------------------------------------------------------------------------


@drawer("histogram")
def histogram(data: dict[str, Any]) -> Plot:
    """Bars of the engine's bin counts; dashed line at the mean, solid at the median."""
    units = Units(data["edges"])
    edges, counts = units.all(data["edges"]), [int(c) for c in data["counts"]]
    if len(edges) != len(counts) + 1 or not counts:
        raise ValueError(f"{len(edges)} bin edges for {len(counts)} counts")
    top = max(counts) * 1.08 if max(counts) else 1
    ticks = labels = None
    widths = {round(b - a, 9) for a, b in itertools.pairwise(edges)}
    if widths == {1.0} and len(counts) <= 15 and edges[0] % 1 == 0.5:  # one bin per integer: label them
        ticks = [e + 0.5 for e in edges[:-1]]
        labels = [f"{t:.0f}".replace("-", "−") for t in ticks]
    marks = [
        (key, colour, dash, label)
        for key, colour, dash, label in (("median", style.MEDIAN, "-", "median"), ("mean", style.MEAN, "--", "mean"))
        if isinstance(data.get(key), (int, float)) and math.isfinite(data[key])
    ]
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        (edges[0], edges[-1]),
        (0, top),
        x_ticks=ticks,
        x_tick_labels=labels,
        y_label="rows",
        x_label=units.label if units.changed else "",
        legend=[(label, colour, dash) for _, colour, dash, label in marks],
    )
    plot.steps(edges, counts, style.FILL, style.EDGE)
    for key, colour, dash, _ in marks:
        plot.vline(units(data[key]), colour, 1.4, dash)
    return plot


@drawer("box")
def box(data: dict[str, Any]) -> Plot:
    """A horizontal box plot from the exact quartiles and whisker ends; outliers as points; ◇ the mean."""
    stats = box_stats(data)
    units = Units([stats["whislo"], stats["whishi"], *stats["fliers"]])
    stats = scaled_box(stats, units)
    values = finite([stats["whislo"], stats["whishi"], *stats["fliers"]])
    height = style.BOX_HEIGHT + (0.2 if units.changed else 0)
    plot = Plot(
        style.WIDTH,
        height,
        padded(min(values), max(values), 0.04),
        (0.0, 1.0),
        x_label=units.label if units.changed else "",
        show_y_axis=False,
    )
    draw_box(plot, stats, 0.5, 0.55 / 1.5)
    return plot


@drawer("qq")
def qq(data: dict[str, Any]) -> Plot:
    """Sample quantiles against normal quantiles, with the line through the quartiles (R's qqline)."""
    raw = [float(v) for v in data["theoretical"]]
    across = Units(raw, data.get("x_label", "normal quantiles"))  # a fitted family's quantiles in `fit` QQ plots
    x = across.all(raw)
    units = Units(data["sample"], "sample values")
    y = units.all(data["sample"])
    if len(x) != len(y) or not x:
        raise ValueError(f"{len(x)} theoretical quantiles for {len(y)} sample values")
    lo, hi = min(raw), max(raw)
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        padded(min(x), max(x), 0.05),
        padded(min(y), max(y), 0.05),
        x_label=across.label,
        y_label=units.label,
        grid="xy",
    )
    plot.points(x, y, style.EDGE)
    slope, intercept = float(data["slope"]) / units.scale, units(float(data["intercept"]))
    plot.line([across(lo), across(hi)], [intercept + slope * lo, intercept + slope * hi], style.MEAN, 1.2)
    return plot


@drawer("bars")
def bars(data: dict[str, Any]) -> Plot:
    """Horizontal bars: share of rows per value, with its confidence interval; grey bar for all others."""
    labels = [short(v) for v in data["labels"]]
    shares, lows, highs = list(data["proportions"]), list(data["ci_low"]), list(data["ci_high"])
    colours = [style.FILL] * len(labels)
    other = data.get("other")
    if other:
        labels.append(f"(other {data['distinct'] - len(data['labels']):,} values)")
        shares.append(other["proportion"])
        lows.append(other["ci"][0])
        highs.append(other["ci"][1])
        colours.append(style.MUTED)
    top = min(1.0, max(highs) * 1.1) if highs else 1.0
    positions, plot = _share_bars(labels, style.WIDTH, 0.55 + style.BAR_HEIGHT * len(labels), top, "non-missing rows")
    for pos, share, lo, hi, colour in zip(positions, shares, lows, highs, colours, strict=True):
        plot.rect(0.0, share, pos - 0.35, pos + 0.35, colour, 0.85)
        plot.segment(lo, pos, hi, pos, style.INK_CSS, 1.0)
        for end in (lo, hi):
            plot.segment(end, pos - 0.15, end, pos + 0.15, style.INK_CSS, 1.0)
    return plot


def _share_bars(labels: list[str], width: float, height: float, top: float, of: str) -> tuple[list[float], Plot]:
    """An empty horizontal bar chart of shares (0 to `top`) with one row per label, first at the top."""
    positions, names = category_axis(labels)
    plot = Plot(
        width,
        height,
        (0.0, top),
        (-0.6, len(labels) - 0.4),
        y_ticks=positions,
        y_tick_labels=names,
        x_percent=True,
        x_label=f"share of {of}",
        grid="x",
    )
    return positions, plot


@drawer("timeline")
def timeline(data: dict[str, Any]) -> Plot:
    """Rows per period, one slot of the axis per period: bars when there are few, a step line when there are many.
    Ticks mark calendar units (`date_ticks`, as the time-series charts); a tick naming one period (a year of yearly
    counts, a day of daily counts) sits under its middle, a tick marking an instant (06:00, a month's start among
    weeks) at that instant."""
    periods, counts = list(data["periods"]), [int(c) for c in data["counts"]]
    if len(periods) != len(counts) or not counts:
        raise ValueError(f"{len(periods)} periods for {len(counts)} counts")
    resolution, n = data.get("resolution", "period"), len(counts)
    ticks = date_ticks(periods, max_ticks=6)
    middle = 0.5 if ticks.unit in (resolution, "period") and resolution not in ("hour", "minute") else 0.0
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        (-0.02 * n, 1.02 * n),
        (0, max(counts) * 1.08 or 1),
        x_ticks=[t + middle for t in ticks.positions],
        x_tick_labels=ticks.labels,
        x_label=ticks.context,
        y_label=f"rows per {resolution}",
    )
    if n <= 60:
        bars = [(i + 0.075, i + 0.925, 0.0, float(c)) for i, c in enumerate(counts) if c]
        plot.boxes(bars, style.FILL, edge=style.EDGE)
    else:
        plot.steps(list(range(n + 1)), counts, style.FILL, style.EDGE)
    return plot


# ---- table charts ----------------------------------------------------------------------------------------


@drawer("missing")
def missing(data: dict[str, Any]) -> Plot:
    """Share of missing rows per column, labelled with the count."""
    names, counts, rows = data["columns"], [int(c) for c in data["missing"]], int(data["rows"])
    shares = [c / rows for c in counts]
    top = min(1.0, max(shares) * 1.35) if max(shares) else 1.0
    positions, plot = _share_bars([short(n) for n in names], 5.6, 0.6 + 0.22 * len(names), top, "rows missing")
    for pos, share, count in zip(positions, shares, counts, strict=True):
        plot.rect(0.0, share, pos - 0.35, pos + 0.35, style.MISSING if count else style.PRESENT)
        if count:
            plot.text(share, pos, f"{count:,} ({100 * share:.1f} %)", dx=3)
    return plot


@drawer("missing_patterns")
def missing_patterns(data: dict[str, Any]) -> Plot:
    """One row per pattern (most common first): dark cells are missing; the label gives its row count."""
    names, patterns, counts, rows = data["columns"], data["patterns"], data["counts"], int(data["rows"])
    k, m = len(names), len(patterns)
    label_room = 0.05 * max(len(short(n, 20)) for n in names)  # rotated column names below the matrix
    plot = Plot(
        min(2.4 + 0.3 * k, 9.0) + 1.0,
        0.8 + 0.24 * m + label_room,
        (-0.5, k - 0.5),
        (-0.5, m - 0.5),
        x_ticks=list(range(k)),
        x_tick_labels=[short(n, 20) for n in names],
        y_ticks=[float(m - 1 - i) for i in range(m)],
        y_tick_labels=[f"{c:,} rows ({100 * c / rows:.1f} %)" for c in counts],
        frame=False,
        x_rotate=60,
    )
    cells = list(itertools.islice(itertools.chain.from_iterable(patterns), k * m))
    for index, missing in enumerate(cells):
        i, j = divmod(index, k)
        plot.rect(j - 0.46, j + 0.46, m - 1 - i - 0.44, m - 1 - i + 0.44, style.MISSING if missing else style.PRESENT)
    return plot


# ---- charts for other sections (correlations, group comparisons) --------------------------------------------

# importing section_charts registers its drawers; the registry and its public functions are reached from here too
__all__ = [
    "DRAWERS",
    "correlation_heatmap",
    "group_box",
    "group_means_ci",
    "render_chart",
    "render_chart_block",
    "acf",
    "scatter_charts",
    "ts_line",
    "ts_season",
]
