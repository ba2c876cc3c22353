"""Draw charts as compact inline SVG: one function per chart kind, from the numbers in a `Chart`.

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
from collections.abc import Callable, Sequence
from typing import Any

from edakit.render import style
from edakit.render.svgplot import Plot, category_axis, colour_bar, diverging, padded, text_width

DRAWERS: dict[str, Callable[[dict[str, Any]], Any]] = {}
DIRECT: set[str] = set()  # kinds drawn by `render.svgplot` (their drawer returns a Plot), not by matplotlib


def drawer(
    kind: str, direct: bool = False
) -> Callable[[Callable[[dict[str, Any]], Any]], Callable[[dict[str, Any]], Any]]:
    """Register the drawing function of a chart kind: it returns a matplotlib Figure, or (`direct`) a
    `svgplot.Plot`."""

    def register(func: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
        DRAWERS[kind] = func
        if direct:
            DIRECT.add(kind)
        return func

    return register


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
        if chart.kind in DIRECT:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # overflow on extreme values is not the reader's business
                return Markup(draw(chart.data).svg(alt))
        return Markup(draw_svg(lambda: draw(chart.data), alt=alt))
    except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn becomes a note, never a crash
        return Markup('<p class="ek-note ek-chart-note">This chart could not be drawn ({}: {}).</p>').format(
            type(exc).__name__, escape(str(exc))
        )


_BY_FUNCTION = {"correlation_heatmap": "heatmap", "group_means_ci": "group_means"}  # public names -> kinds


def render_chart_block(block: Any) -> Any:
    """A section's chart (anything with `kind`, `data`, `alt`, `caption`) as a captioned figure. `kind` is a
    chart kind (heatmap, group_box, group_means, histogram, ...) or the public function's name
    (correlation_heatmap, group_box, group_means_ci), `data` that function's keyword arguments."""
    from types import SimpleNamespace

    from markupsafe import Markup

    kind = _BY_FUNCTION.get(block.kind, block.kind)
    alt, caption = getattr(block, "alt", ""), getattr(block, "caption", "")
    drawing = render_chart(SimpleNamespace(kind=kind, data=block.data, alt=alt, title=alt, note=None))
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
    svg = re.sub(r"<svg ", f'<svg class="ek-svg"{label} ', svg, count=1)
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


def _finite(values: Sequence[Any]) -> list[float]:
    return [float(v) for v in values if isinstance(v, (int, float)) and math.isfinite(v)]


class _Units:
    """Plot huge, tiny or nearly-equal values in units matplotlib can draw: (x - shift) / scale.

    Values near ±1e308 overflow matplotlib's transforms and a range of 1e-15 around 1 makes them singular;
    such axes are drawn shifted and/or scaled by a power of ten, and the axis label says so."""

    def __init__(self, values: Sequence[Any], label: str = "value") -> None:
        finite = _finite(values)
        lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
        self.shift = lo if hi > lo and (hi - lo) < max(abs(lo), abs(hi)) * 1e-9 else 0.0
        top = max((abs(v - self.shift) for v in finite if v != self.shift), default=0.0)
        self.exponent = math.floor(math.log10(top)) if top and (top >= 1e100 or top <= 1e-100) else 0
        self.scale = 10.0**self.exponent
        self.label = label
        if self.shift:
            self.label = f"{label} − {self.shift!r}"
        if self.exponent:
            self.label += f" (× 1e{self.exponent})"

    def __call__(self, value: float) -> float:
        return (value - self.shift) / self.scale

    def all(self, values: Sequence[Any]) -> list[float]:
        return [self(v) for v in _finite(values)]

    @property
    def changed(self) -> bool:
        return bool(self.shift or self.exponent)


def _short(label: Any, limit: int = 28) -> str:
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- column charts ---------------------------------------------------------------------------------------


@drawer("histogram", direct=True)
def histogram(data: dict[str, Any]) -> Plot:
    """Bars of the engine's bin counts; dashed line at the mean, solid at the median."""
    units = _Units(data["edges"])
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
    stats = _box_stats(data)
    units = _Units([stats["whislo"], stats["whishi"], *stats["fliers"]])
    stats = _scaled_box(stats, units)
    values = _finite([stats["whislo"], stats["whishi"], *stats["fliers"]])
    height = style.BOX_HEIGHT + (0.2 if units.changed else 0)
    plot = Plot(
        style.WIDTH,
        height,
        padded(min(values), max(values), 0.04),
        (0.0, 1.0),
        x_label=units.label if units.changed else "",
        show_y_axis=False,
    )
    _draw_box(plot, stats, 0.5, 0.55 / 1.5)
    return plot


def _draw_box(plot: Plot, stats: dict[str, Any], centre: float, half: float) -> None:
    """One horizontal box at height `centre` (± `half`) in the plot's y units."""
    q1, med, q3, lo, hi = (stats[k] for k in ("q1", "med", "q3", "whislo", "whishi"))
    plot.rect(q1, q3, centre - half, centre + half, style.FILL, 0.75)
    plot.line([q1, q3, q3, q1, q1], [centre - half] * 2 + [centre + half] * 2 + [centre - half], style.EDGE, 1.0)
    plot.segment(med, centre - half, med, centre + half, style.MEDIAN, 2.0)
    for end, edge in ((lo, q1), (hi, q3)):
        plot.segment(end, centre, edge, centre, style.EDGE, 1.0)
        plot.segment(end, centre - half / 2, end, centre + half / 2, style.EDGE, 1.0)
    if stats["fliers"]:
        plot.points(stats["fliers"], [centre] * len(stats["fliers"]), style.EDGE, 2.4)
    mean = stats.get("mean")
    if isinstance(mean, (int, float)) and math.isfinite(mean):
        plot.diamond(mean, centre, style.MEAN)


def _scaled_box(stats: dict[str, Any], units: _Units) -> dict[str, Any]:
    out = dict(stats)
    for key in ("q1", "med", "q3", "whislo", "whishi", "mean"):
        if isinstance(out.get(key), (int, float)) and math.isfinite(out[key]):
            out[key] = units(out[key])
    out["fliers"] = units.all(out["fliers"])
    return out


def _box_stats(data: dict[str, Any], label: str = "") -> dict[str, Any]:
    return {
        "label": label,
        "q1": data["q25"],
        "med": data["median"],
        "q3": data["q75"],
        "whislo": data["whisker_low"],
        "whishi": data["whisker_high"],
        "mean": data.get("mean"),
        "fliers": _finite(data.get("outliers") or []),
    }


@drawer("qq", direct=True)
def qq(data: dict[str, Any]) -> Plot:
    """Sample quantiles against normal quantiles, with the line through the quartiles (R's qqline)."""
    x = [float(v) for v in data["theoretical"]]
    units = _Units(data["sample"], "sample values")
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
    labels = [_short(v) for v in data["labels"]]
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
    positions, plot = _share_bars([_short(n) for n in names], 5.6, 0.6 + 0.22 * len(names), top, "rows missing")
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
    label_room = 0.05 * max(len(_short(n, 20)) for n in names)  # rotated column names below the matrix
    plot = Plot(
        min(2.4 + 0.3 * k, 9.0) + 1.0,
        0.8 + 0.24 * m + label_room,
        (-0.5, k - 0.5),
        (-0.5, m - 0.5),
        x_ticks=list(range(k)),
        x_tick_labels=[_short(n, 20) for n in names],
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


@drawer("heatmap", direct=True)
def _heatmap_chart(data: dict[str, Any]) -> Plot:
    return heatmap_plot(data["names"], data["matrix"], annotate=data.get("annotate"), label=data.get("label", ""))


@drawer("group_box", direct=True)
def _group_box_chart(data: dict[str, Any]) -> Plot:
    return group_box_plot(data["labels"], data["stats"], value_label=data.get("value_label", ""))


@drawer("group_means", direct=True)
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
        [_short(n, 18) for n in names], [_short(n, 18) for n in names], matrix, size + 0.9, size, annotate, label
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
    boxes = [_box_stats(s, _short(label)) for label, s in zip(labels, stats, strict=True)]
    values = _finite([v for b in boxes for v in (b["whislo"], b["whishi"], *b["fliers"])]) or [0.0]
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
            _draw_box(plot, b, pos, 0.55 / 2)
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
    positions, names = category_axis([_short(label) for label in labels])
    ends = [
        (c[0] if c and c[0] is not None else m, c[1] if c and c[1] is not None else m)
        for m, c in zip(means, cis, strict=True)
    ]
    values = _finite([*means, *(v for e in ends for v in e), *([overall] if overall is not None else [])]) or [0.0]
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


@drawer("fit_counts", direct=True)
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
        x_tick_labels=[_short(v, 12) for v in labels],
        x_rotate=45 if len(labels) > 8 else 0,
        y_label="values",
        legend=[("observed", style.FILL, ""), (f"{data['family']} fit", style.MEAN, "")],
    )
    for x, count in zip(positions, observed, strict=True):
        plot.rect(x - 0.375, x + 0.375, 0, count, style.FILL, 0.75)
    plot.line(positions, expected, style.MEAN, 1.2)
    plot.points(positions, expected, style.MEAN, 1.75, filled=True)
    return plot


@drawer("bootstrap", direct=True)
def bootstrap(data: dict[str, Any]) -> Plot:
    """Histogram of the bootstrap estimates, the normal curve the t-interval assumes, and both intervals."""
    edges, counts = [float(e) for e in data["edges"]], [int(c) for c in data["counts"]]
    units = _Units([*edges, *data.get("normal_x", [])], "bootstrap mean")
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


@drawer("scree", direct=True)
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


@drawer("loadings", direct=True)
def loadings(data: dict[str, Any]) -> Plot:
    """Loadings of each column (rows) on the first components (columns), −1 blue … +1 red, values written."""
    rows, cols = list(data["rows"]), list(data["columns"])
    flat = list(itertools.chain.from_iterable(data["matrix"])) if rows and isinstance(data["matrix"][0], list) else []
    flat = flat or list(data["matrix"])
    matrix = [flat[i * len(cols) : (i + 1) * len(cols)] for i in range(len(rows))]
    return _grid_plot(
        [_short(r, 22) for r in rows],
        cols,
        matrix,
        min(2.6 + 0.55 * len(cols), 8.0) + 0.6,
        min(0.9 + 0.26 * len(rows), 9.0),
        len(rows) <= 20 and len(cols) <= 8,
        data.get("label", "loading"),
        rotate=0,
    )


@drawer("scores", direct=True)
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
        legend=[(_short(label, 18), colours[label], "o") for label in labels],
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
