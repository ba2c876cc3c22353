"""Draw charts as compact inline SVG: one function per chart kind, from the numbers in a `Chart`.

This module draws the column charts and turns any chart into page markup (`render_chart`); the analysis sections'
drawers are in `render.section_charts`, and the registry of drawers with their shared helpers in `render.drawers`.

Render stage only: these functions draw what the analyse stage computed and never compute statistics.
Almost every kind is written directly as SVG by `render.svgplot` (registered with `direct=True`): bars, lines,
points and cells on linear axes take microseconds that way, where matplotlib takes ~0.2 s a chart and 1.5 s to
import. Only the timeline (date axes) still uses matplotlib, imported on first use (object-oriented API, no
pyplot and no global state), inside `matplotlib.rc_context(style.rc())` so a notebook's settings are untouched.

matplotlib's SVG is made small and theme-aware after drawing: metadata, comments and unused ids are dropped,
coordinates rounded to 0.1 pt, repeated marker styles moved onto the marker, the remaining ids prefixed with
a hash of the chart (unique on the page, the same on every render), text set in the report's font, and the
INK / PAPER placeholder colours turned into `currentColor` and the report's background. The root gets
`role="img"` and a `<title>` with the chart's alt text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import math
import re
import warnings
from collections.abc import Callable
from typing import Any

from edakit._format import years_format
from edakit.render import model_charts, scatter_charts, shift_charts, style  # noqa: F401 - importing these registers their drawers
from edakit.render.drawers import DIRECT, DRAWERS, Units, box_stats, draw_box, drawer, finite, scaled_box, short
from edakit.render.section_charts import correlation_heatmap, group_box, group_means_ci
from edakit.render.svgplot import Plot, category_axis, padded, text_width
from edakit.render.timeseries_charts import acf, ts_line, ts_season


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

    if chart.kind in DIRECT:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # overflow on extreme values is not the reader's business
            return Markup(draw(chart.data).svg(alt))
    return Markup(draw_svg(lambda: draw(chart.data), alt=alt))


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


def draw_svg(make_figure: Callable[[], Any], alt: str = "") -> str:
    """Run `make_figure` (returns a matplotlib Figure) under the edakit style and return compact SVG text."""
    import matplotlib
    import numpy as np

    with matplotlib.rc_context(style.rc()), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # overflow and layout warnings are not the reader's business
        fig = make_figure()
        if fig.get_layout_engine() is None:
            _fit_margins(fig)
        buffer = io.StringIO()
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
        fig.savefig(buffer, format="svg", dpi=style.RASTER_DPI, metadata=metadata)
    return compact_svg(buffer.getvalue(), alt)


# ---- SVG post-processing ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+\.\d{2,}")
_COORD_ATTRS = re.compile(r'\b(d|x|y|x1|x2|y1|y2|width|height|transform|points)="([^"]*)"')


def compact_svg(svg: str, alt: str = "") -> str:
    """Shrink matplotlib's SVG and make it fit an HTML page (see the module docstring)."""
    from markupsafe import escape

    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = _COORD_ATTRS.sub(lambda m: f'{m.group(1)}="{_round_numbers(m.group(2))}"', svg)
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)
    svg = re.sub(r"\s*\n\s*", " ", svg).replace("> <", "><")
    svg = _hoist_marker_styles(svg)
    # ids must be unique on the page and the same on every render: name them after the chart's own content
    uid = hashlib.blake2s((svg + alt).encode(), digest_size=3).hexdigest()
    referenced = set(re.findall(r"#([\w.-]+)\)?\"", svg)) | set(re.findall(r"url\(#([\w.-]+)\)", svg))

    short = {ref: f"e{uid}-{i}" for i, ref in enumerate(sorted(referenced))}  # unique on the page, and short

    def rename(m: re.Match[str]) -> str:
        return f' id="{short[m.group(1)]}"' if m.group(1) in short else ""

    svg = re.sub(r' id="([^"]+)"', rename, svg)
    svg = re.sub(r'(xlink:href="#|url\(#)([\w.-]+)', lambda m: m.group(1) + short.get(m.group(2), m.group(2)), svg)
    svg = re.sub(re.escape(style.INK), style.INK_CSS, svg, flags=re.I)
    svg = re.sub(re.escape(style.PAPER), style.PAPER_CSS, svg, flags=re.I)
    svg = re.sub(r"font-family: [^;\"]+", "font-family: inherit", svg)
    svg = re.sub(r"<g>(<use [^>]*/>)</g>", r"\1", svg)
    title = f'<title id="ek{uid}-alt">{escape(alt)}</title>' if alt else ""
    label = f' role="img" aria-labelledby="ek{uid}-alt"' if alt else ' aria-hidden="true"'
    # matplotlib's `*{stroke-linejoin: round; ...}` would style every element of the page: scope it to this chart
    scoped = "*{" in svg
    svg = svg.replace("*{stroke-linejoin", f".ek-mpl-{uid} *{{stroke-linejoin")
    svg = re.sub(r"<svg ", f'<svg class="ek-svg{f" ek-mpl-{uid}" if scoped else ""}"{label} ', svg, count=1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + title, svg, count=1)
    return svg.strip()


def _round_numbers(text: str) -> str:
    """Coordinates to 0.1 pt (about 0.13 px: invisible), which roughly halves the size of the path data."""

    def short(m: re.Match[str]) -> str:
        value = round(float(m.group(0)), 1)
        return f"{value:.1f}".removesuffix(".0") if value != 0 else "0"

    return _NUMBER.sub(short, text)


_USE = re.compile(r'<use xlink:href="#([^"]+)" x="([^"]*)" y="([^"]*)" style="([^"]*)"/>')


def _hoist_marker_styles(svg: str) -> str:
    """Markers are drawn as one <use> per point, each repeating the same style; when every use of a marker
    has the same style, move it onto the marker's definition once (scatter plots shrink by half)."""
    styles: dict[str, set[str]] = {}
    for ref, _x, _y, css in _USE.findall(svg):
        styles.setdefault(ref, set()).add(css)
    for ref, found in styles.items():
        if len(found) != 1:
            continue
        css = found.pop()
        definition = re.compile(rf'(<path id="{re.escape(ref)}" d="[^"]*")(?: style="[^"]*")?')
        if not definition.search(svg):
            continue
        svg = definition.sub(lambda m, css=css: f'{m.group(1)} style="{css}"', svg)
        svg = re.sub(rf'(<use xlink:href="#{re.escape(ref)}" x="[^"]*" y="[^"]*") style="[^"]*"/>', r"\1/>", svg)
    return svg


# ---- helpers ---------------------------------------------------------------------------------------------


def _figure(width: float = style.WIDTH, height: float = style.HEIGHT, layout: str | None = None) -> Any:
    """A figure; margins are set from the labels by `_fit_margins` unless `layout` ("constrained") is given."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout=layout)


def _tick_labels(axis: Any) -> tuple[list[str], str]:
    """The tick labels an axis will show (within its limits) and its offset text, without drawing."""
    if not axis.get_visible():
        return [], ""
    lo, hi = sorted(axis.get_view_interval())
    span = hi - lo
    locs = [v for v in axis.get_major_locator()() if lo - 1e-9 * span <= v <= hi + 1e-9 * span]
    formatter = axis.get_major_formatter()
    labels = [t for t in formatter.format_ticks(locs) if t] if locs else []
    offset = formatter.get_offset() if hasattr(formatter, "get_offset") else ""
    return labels, offset


def _fit_margins(fig: Any) -> None:
    """Set the axes' margins from its tick labels, axis labels and legend: what constrained layout does, for a
    single axes, at a fraction of the cost (no text is rendered twice)."""
    import matplotlib

    rc = matplotlib.rcParams
    ax = fig.axes[0]
    width, height = (v * 72 for v in fig.get_size_inches())
    tick_size, label_size = rc["xtick.labelsize"], rc["axes.labelsize"]
    line = 1.25 * tick_size
    xlabels, xoffset = _tick_labels(ax.xaxis)
    ylabels, yoffset = _tick_labels(ax.yaxis)
    left = 4.0
    if ylabels:
        left += rc["ytick.major.size"] + rc["ytick.major.pad"] + max(text_width(t, tick_size) for t in ylabels)
    if ax.get_ylabel():
        left += 1.25 * label_size + rc["axes.labelpad"]
    bottom = 3.0 + rc["xtick.major.size"] + rc["xtick.major.pad"] + (line if xlabels else 0) + (line if xoffset else 0)
    if ax.get_xlabel():
        bottom += 1.25 * label_size + rc["axes.labelpad"]
    top = 6.0 + (line if yoffset else 0) + (14.0 if ax.get_legend() is not None else 0)
    right = max(8.0, text_width(xlabels[-1], tick_size) / 2 + 2) if xlabels else 8.0
    fig.subplots_adjust(
        left=min(left / width, 0.6),
        right=max(1 - right / width, 0.65),
        bottom=min(bottom / height, 0.6),
        top=max(1 - top / height, 0.62),
    )


# ---- column charts ---------------------------------------------------------------------------------------


@drawer("histogram", direct=True)
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


@drawer("box", direct=True)
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


@drawer("qq", direct=True)
def qq(data: dict[str, Any]) -> Plot:
    """Sample quantiles against normal quantiles, with the line through the quartiles (R's qqline)."""
    x = [float(v) for v in data["theoretical"]]
    units = Units(data["sample"], "sample values")
    y = units.all(data["sample"])
    if len(x) != len(y) or not x:
        raise ValueError(f"{len(x)} theoretical quantiles for {len(y)} sample values")
    lo, hi = min(x), max(x)
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        padded(lo, hi, 0.05),
        padded(min(y), max(y), 0.05),
        x_label=data.get("x_label", "normal quantiles"),  # a fitted family's quantiles in `fit` QQ plots
        y_label=units.label,
        grid="xy",
    )
    plot.points(x, y, style.EDGE)
    slope, intercept = float(data["slope"]) / units.scale, units(float(data["intercept"]))
    plot.line([lo, hi], [intercept + slope * lo, intercept + slope * hi], style.MEAN, 1.2)
    return plot


@drawer("bars", direct=True)
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


_PERIOD_DAYS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "month": 30,
    "quarter": 91,
    "year": 365,
    "decade": 3652,
}
_PERIOD_DAYS["century"] = 36524


@drawer("timeline")
def timeline(data: dict[str, Any]) -> Any:
    """Rows per period: bars when there are few periods, a step line when there are many."""
    import matplotlib.dates as mdates

    periods = [dt.datetime.fromisoformat(p) for p in data["periods"]]
    counts = [int(c) for c in data["counts"]]
    fig = _figure()
    ax = fig.add_subplot()
    width = dt.timedelta(days=_PERIOD_DAYS.get(data.get("resolution", "day"), 1))
    last = periods[-1] + width if periods[-1] < dt.datetime.max - width else dt.datetime.max
    if len(periods) <= 60:
        ax.bar(periods, counts, width=width * 0.85, align="edge", color=style.FILL, edgecolor=style.EDGE, lw=0.6)
    else:
        ends = [*periods, last]
        ax.stairs(counts, ends, fill=True, color=style.FILL, alpha=0.75, linewidth=0)
        ax.stairs(counts, ends, color=style.EDGE, linewidth=0.8)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    margin = (last - periods[0]) * 0.02
    low = periods[0] - margin if periods[0] > dt.datetime.min + margin else dt.datetime.min
    ax.set_xlim(
        max(low, dt.datetime(1, 1, 2)),
        min(last + margin if last < dt.datetime.max - margin else last, dt.datetime(9999, 12, 30)),
    )
    ax.set_ylim(0, max(counts) * 1.08 if counts and max(counts) else 1)
    ax.set_ylabel(f"rows per {data.get('resolution', 'period')}")
    return fig


# ---- table charts ----------------------------------------------------------------------------------------


@drawer("missing", direct=True)
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


@drawer("missing_patterns", direct=True)
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
    "DIRECT",
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
