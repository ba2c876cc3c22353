"""A small SVG plotter for the report's simple charts: rectangles, lines, steps and points on linear axes.

Why not matplotlib: a matplotlib figure costs about 0.2 s to set up and save as SVG (plus about 1 s to import
matplotlib), and a report draws dozens of histograms, box plots, bar charts, QQ plots, heatmaps and timelines. Those
are a few shapes on two linear axes (dates sit at their period's index, `timeseries_charts.date_ticks`); writing
them directly takes microseconds and gives the same look (colours and sizes from `render.style`, text in the page's
font and colour).

Units are points (1/72 in), as in matplotlib's SVG; the y axis of the drawing points down, the data's up.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import escape

from edakit._format import in_years_format, separator
from edakit.render import style

TICK_SIZE = 8.8  # tick labels (seaborn "paper" context), pt
LABEL_SIZE = 9.6  # axis labels
LEGEND_SIZE = 8.0
TICK_LENGTH, TICK_PAD, LABEL_PAD = 4.8, 3.5, 4.0

# DejaVu Sans advance widths in em (digits, punctuation); other characters are estimated by case.
_EM = {**dict.fromkeys("0123456789", 0.636), ".": 0.318, ",": 0.318, " ": 0.318, "−": 0.838, "-": 0.361, "%": 0.95}
_EM.update({"(": 0.39, ")": 0.39, "…": 1.0, "i": 0.28, "l": 0.28, "j": 0.28, "t": 0.39, "f": 0.35, "r": 0.41})


def text_width(text: str, size: float) -> float:
    """Estimated width in points of `text` at font `size`, 5 % generous (no font rendering: fast)."""
    return 1.05 * size * sum(_EM.get(ch, 0.72 if ch.isupper() else 0.6) for ch in text)


def nice_ticks(lo: float, hi: float, target: int = 6) -> list[float]:
    """Round tick positions within [lo, hi] at a step of 1, 2, 2.5 or 5 × 10^k (as matplotlib's MaxNLocator).

    >>> nice_ticks(0, 1)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    >>> nice_ticks(172, 231)
    [180.0, 190.0, 200.0, 210.0, 220.0, 230.0]
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / target
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    digits = max(0, 2 - math.floor(math.log10(step)))  # enough to undo float noise (0.6000000000000001)
    return [round(k * step, digits) for k in range(first, last + 1)]


def tick_labels(ticks: Sequence[float], percent: bool = False) -> list[str]:
    """Labels with the decimals the step needs, thousands separators and a true minus sign; shares as '10 %'.

    >>> tick_labels([0.0, 0.5, 1.0, 1.5])
    ['0.0', '0.5', '1.0', '1.5']
    >>> tick_labels([-2000.0, 0.0, 2000.0])
    ['−2,000', '0', '2,000']
    >>> tick_labels([0.0, 0.025, 0.05], percent=True)
    ['0.0 %', '2.5 %', '5.0 %']
    """
    values = [100 * t for t in ticks] if percent else list(ticks)
    if not values:
        return []
    step = min((abs(b - a) for a, b in zip(values, values[1:], strict=False)), default=0.0)
    biggest = max(abs(v) for v in values)
    if biggest >= 1e9 or (0 < step < 1e-5):
        return [_minus(f"{v:.3g}") for v in values]
    decimals = 0
    while step and decimals < 8 and abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    suffix = " %" if percent else ""
    sep = separator(biggest)  # none for years (`years_format`)
    return [_minus(f"{(v if abs(v) > step * 1e-9 else 0.0):{sep}.{decimals}f}") + suffix for v in values]


def _minus(text: str) -> str:
    return text.replace("-", "−")


def _num(value: float) -> str:
    """A coordinate with one decimal, without trailing zeros."""
    return f"{value:.1f}".removesuffix(".0")


_WHOLE = re.compile(r"\.0(?![0-9])")  # the ".0" of a number written with one decimal (`_num` drops it)


def _repeat(piece: str, *columns: Sequence[float]) -> str:
    """`piece`, a snippet with one `%.1f` per column, written for every point (row of `columns`) and joined, each
    number as `_num` writes it: one %-operation for a chart's hundreds of points instead of a call per coordinate,
    then every ".0" dropped at once (`piece`'s own text holds none: its fixed numbers went through `_num`). The
    columns must be equally long: ValueError otherwise, as `zip(..., strict=True)` raises."""
    if len({len(column) for column in columns}) > 1:
        raise ValueError(f"a path's columns differ in length: {', '.join(str(len(c)) for c in columns)}")
    width = len(columns)
    flat: list[float] = [0.0] * (width * len(columns[0]))
    for k, column in enumerate(columns):
        flat[k::width] = column
    return _WHOLE.sub("", (piece * len(columns[0])) % tuple(flat))


class Plot:
    """One axes box with linear x and y scales; shapes are added in data units, then `svg()` writes it all.

    `y_labels` (with `y_positions`) puts category names on the y axis instead of numbers (bar charts); a
    `percent` axis shows shares as percentages."""

    def __init__(
        self,
        width: float,
        height: float,
        xlim: tuple[float, float],
        ylim: tuple[float, float],
        *,
        x_label: str = "",
        y_label: str = "",
        x_ticks: Sequence[float] | None = None,
        x_tick_labels: Sequence[str] | None = None,
        y_ticks: Sequence[float] | None = None,
        y_tick_labels: Sequence[str] | None = None,
        x_percent: bool = False,
        show_y_axis: bool = True,
        legend: Sequence[tuple[str, str, str]] = (),
        grid: str = "",
        frame: bool = True,
        x_rotate: float = 0.0,
        extra_right: float = 0.0,
    ) -> None:
        self.width, self.height = width * 72, height * 72
        self.xlim, self.ylim = _span(*xlim), _span(*ylim)
        self.x_ticks = list(x_ticks) if x_ticks is not None else nice_ticks(*self.xlim)
        if x_ticks is None and in_years_format():  # years: ticks at whole years only (2007, not 2007.5)
            whole = [t for t in self.x_ticks if t == round(t)]
            self.x_ticks = whole if len(whole) >= 2 else self.x_ticks
        self.x_tick_labels = list(x_tick_labels or tick_labels(self.x_ticks, percent=x_percent))
        if show_y_axis:
            self.y_ticks = list(y_ticks) if y_ticks is not None else nice_ticks(*self.ylim)
            self.y_tick_labels = list(y_tick_labels or tick_labels(self.y_ticks))
        else:
            self.y_ticks, self.y_tick_labels = [], []
        self.x_label, self.y_label, self.legend, self.grid = x_label, y_label, list(legend), grid
        self.show_y_axis, self.frame, self.x_rotate = show_y_axis, frame, x_rotate
        self.overlays: list[str] = []
        line = 1.25 * TICK_SIZE
        if x_rotate and self.x_tick_labels:  # rotated labels hang below the axis by their width × sin(angle)
            line = max(text_width(t, TICK_SIZE) for t in self.x_tick_labels) * math.sin(math.radians(x_rotate)) + 4
        left = 4.0
        if self.y_tick_labels:
            left += TICK_LENGTH + TICK_PAD + max(text_width(t, TICK_SIZE) for t in self.y_tick_labels)
        if y_label:
            left += 1.25 * LABEL_SIZE + LABEL_PAD
        bottom = 3.0 + TICK_LENGTH + TICK_PAD + line + (1.25 * LABEL_SIZE + LABEL_PAD if x_label else 0)
        top = 6.0 + (14.0 if legend else 0)
        last = self.x_tick_labels[-1] if self.x_tick_labels else ""
        right = (8.0 if x_rotate else max(8.0, text_width(last, TICK_SIZE) / 2 + 2)) + extra_right
        self.left = min(left, 0.6 * self.width)
        self.right = self.width - min(right, 0.45 * self.width)
        self.top = min(top, 0.38 * self.height)
        self.bottom = self.height - min(bottom, 0.6 * self.height)
        self.shapes: list[str] = []

    # ---- coordinates
    def x(self, value: float) -> float:
        lo, hi = self.xlim
        return self.left + (value - lo) / (hi - lo) * (self.right - self.left)

    def y(self, value: float) -> float:
        lo, hi = self.ylim
        return self.bottom - (value - lo) / (hi - lo) * (self.bottom - self.top)

    def xs(self, values: Iterable[float]) -> list[float]:
        """`x` of many values (the same arithmetic, in one loop: charts place thousands of points)."""
        lo, hi = self.xlim
        left, span, width = self.left, hi - lo, self.right - self.left
        return [left + (value - lo) / span * width for value in values]

    def ys(self, values: Iterable[float]) -> list[float]:
        """`y` of many values."""
        lo, hi = self.ylim
        bottom, span, height = self.bottom, hi - lo, self.bottom - self.top
        return [bottom - (value - lo) / span * height for value in values]

    # ---- shapes (data units)
    def rect(self, x0: float, x1: float, y0: float, y1: float, fill: str, opacity: float = 1.0) -> None:
        left, right = sorted((self.x(x0), self.x(x1)))
        top, bottom = sorted((self.y(y0), self.y(y1)))
        self.shapes.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" height="{_num(bottom - top)}"'
            f' fill="{fill}"{_opacity(opacity)}/>'
        )

    def boxes(
        self, boxes: Sequence[tuple[float, float, float, float]], fill: str, opacity: float = 1.0, edge: str = ""
    ) -> None:
        """Rectangles (x0, x1, y0, y1) of one colour in one path: about 25 characters a box, for grids of cells and
        rows of bars (outlined in `edge`, when given)."""
        lefts, tops, widths, heights, backs = [], [], [], [], []
        for x0, x1, y0, y1 in boxes:
            left, right = sorted((self.x(x0), self.x(x1)))
            top, bottom = sorted((self.y(y0), self.y(y1)))
            lefts.append(left)
            tops.append(top)
            widths.append(right - left)
            heights.append(bottom - top)
            backs.append(left - right)
        if lefts:
            path = _repeat("M%.1f %.1fh%.1fv%.1fh%.1fz", lefts, tops, widths, heights, backs)
            outline = f' stroke="{edge}" stroke-width="0.6"' if edge else ""
            self.shapes.append(f'<path d="{path}" fill="{fill}"{_opacity(opacity)}{outline}/>')

    def line(
        self, xs: Sequence[float], ys: Sequence[float], colour: str, width: float = 1.2, dash: str = "", fill: str = ""
    ) -> None:
        """A polyline through the points (a filled polygon when `fill` is given)."""
        points = _repeat(" %.1f,%.1f", self.xs(xs), self.ys(ys))[1:]
        if fill:
            self.shapes.append(f'<polygon points="{points}" fill="{fill}" fill-opacity="0.75" stroke="none"/>')
            return
        self.shapes.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
            f'{_dash(dash)} stroke-linejoin="round"/>'
        )

    def vline(self, value: float, colour: str, width: float = 1.4, dash: str = "") -> None:
        x = self.x(value)
        self.shapes.append(
            _line(x, self.top, x, self.bottom, f' stroke="{colour}" stroke-width="{width}"{_dash(dash)}')
        )

    def steps(self, edges: Sequence[float], counts: Sequence[float], fill: str, edge: str) -> None:
        """A histogram: filled area under the bin counts and its outline (as matplotlib's `stairs`)."""
        base = self.y(max(self.ylim[0], 0.0))
        path = _repeat("V%.1fH%.1f", self.ys(counts), self.xs(edges[1:]))
        outline = f"M{_num(self.x(edges[0]))},{_num(base)}{path}V{_num(base)}"
        self.shapes.append(f'<path d="{outline}Z" fill="{fill}" fill-opacity="0.75" stroke="none"/>')
        self.shapes.append(f'<path d="{outline}" fill="none" stroke="{edge}" stroke-width="0.8"/>')

    def points(
        self, xs: Sequence[float], ys: Sequence[float], colour: str, radius: float = 1.7, filled: bool = False
    ) -> None:
        """Circles, all in one path (compact even for hundreds of points)."""
        r = _num(radius)
        arc = f"a{r},{r} 0 1,0 {_num(2 * radius)},0a{r},{r} 0 1,0 {_num(-2 * radius)},0"
        arcs = _repeat(f"M%.1f,%.1f{arc}", [a - radius for a in self.xs(xs)], self.ys(ys))
        fill = colour if filled else "none"
        self.shapes.append(f'<path d="{arcs}" fill="{fill}" stroke="{colour}" stroke-width="0.8"/>')

    def dots(self, xs: Sequence[float], ys: Sequence[float], colour: str, radius: float = 1.6) -> None:
        """Filled dots, each a zero-length stroke with round caps (about 14 characters a point, for thousands). The
        cap is an inline style: a page's stylesheet (a rule such as `*{stroke-linecap: butt}`) overrides presentation
        attributes, and a butt cap of a zero-length stroke draws nothing."""
        path = _repeat("M%.1f %.1fh0", self.xs(xs), self.ys(ys))
        if path:
            self.shapes.append(
                f'<path d="{path}" stroke="{colour}" stroke-width="{_num(2 * radius)}" style="stroke-linecap: round"'
                ' stroke-opacity="0.75" fill="none"/>'
            )

    def diamond(self, x: float, y: float, colour: str, size: float = 3.2) -> None:
        cx, cy = self.x(x), self.y(y)
        d = f"M{_num(cx)},{_num(cy - size)}L{_num(cx + size)},{_num(cy)}L{_num(cx)},{_num(cy + size)}"
        self.shapes.append(f'<path d="{d}L{_num(cx - size)},{_num(cy)}Z" fill="{colour}"/>')

    def segment(self, x0: float, y0: float, x1: float, y1: float, colour: str, width: float = 1.0) -> None:
        self.shapes.append(
            _line(self.x(x0), self.y(y0), self.x(x1), self.y(y1), f' stroke="{colour}" stroke-width="{width}"')
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 7.5,
        anchor: str = "start",
        dx: float = 0.0,
        dy: float = 0.0,
        colour: str = style.INK_CSS,
    ) -> None:
        """Text at a data point (moved `dx` points right, `dy` down), vertically centred on it."""
        self.shapes.append(
            f'<text x="{_num(self.x(x) + dx)}" y="{_num(self.y(y) + dy)}" font-size="{size}" text-anchor="{anchor}"'
            f' dominant-baseline="central" fill="{colour}">{escape(text)}</text>'
        )

    # ---- output
    def svg(self, alt: str = "") -> str:
        """The whole chart as an `<svg>` element: axes, ticks, labels, legend, then the shapes (clipped)."""
        body = "".join(self.shapes)
        uid = hashlib.blake2s((body + alt).encode(), digest_size=3).hexdigest()
        title = f'<title id="ek{uid}-alt">{escape(alt)}</title>' if alt else ""
        return svg_element(self.width, self.height, title + self._inner(uid, body), alt, uid)

    def inner(self, uid: str = "") -> str:
        """The chart's content without the `<svg>` element around it (to compose several plots in one figure);
        `uid` names its clip path (default: a hash of the shapes)."""
        body = "".join(self.shapes)
        return self._inner(uid or hashlib.blake2s(body.encode(), digest_size=3).hexdigest(), body)

    def _inner(self, uid: str, body: str) -> str:
        """`inner` around the shapes joined (`body`), its clip path named by `uid`."""
        parts: list[str] = []
        clip_box = (self.left, self.top, self.right - self.left, self.bottom - self.top)
        clip = f"e{uid}-clip"
        parts.append(
            f'<defs><clipPath id="{clip}"><rect x="{_num(clip_box[0] - 2)}" y="{_num(clip_box[1] - 2)}"'
            f' width="{_num(clip_box[2] + 4)}" height="{_num(clip_box[3] + 4)}"/></clipPath></defs>'
        )
        parts.append(self._grid())
        parts.append(f'<g clip-path="url(#{clip})">{body}</g>')
        parts.append(self._axes())
        parts.append(self._legend())
        parts += self.overlays
        return "".join(parts)

    def _grid(self) -> str:
        lines = []
        if "x" in self.grid:
            lines += [_line(self.x(t), self.top, self.x(t), self.bottom) for t in self.x_ticks]
        if "y" in self.grid:
            lines += [_line(self.left, self.y(t), self.right, self.y(t)) for t in self.y_ticks]
        if not lines:
            return ""
        return f'<g stroke="{style.MUTED}" stroke-opacity="0.35" stroke-width="0.8">{"".join(lines)}</g>'

    def _axes(self) -> str:
        ink = style.INK_CSS
        tick = TICK_LENGTH if self.frame else 0.0
        out = [f'<g stroke="{ink}" stroke-width="1" fill="none" stroke-linecap="square">']
        if self.frame:
            out.append(_line(self.left, self.bottom, self.right, self.bottom))
            if self.show_y_axis:
                out.append(_line(self.left, self.top, self.left, self.bottom))
            out += [_line(self.x(t), self.bottom, self.x(t), self.bottom + tick) for t in self.x_ticks]
            out += [_line(self.left - tick, self.y(t), self.left, self.y(t)) for t in self.y_ticks]
        out.append(f'</g><g fill="{ink}" font-size="{TICK_SIZE}">')
        label_y = self.bottom + tick + TICK_PAD + TICK_SIZE * 0.8
        for t, text in zip(self.x_ticks, self.x_tick_labels, strict=True):
            if self.x_rotate:
                x, y = _num(self.x(t) + TICK_SIZE * 0.3), _num(self.bottom + tick + TICK_PAD)
                out.append(
                    f'<text transform="translate({x},{y}) rotate(-{self.x_rotate:g})" text-anchor="end">'
                    f"{escape(text)}</text>"
                )
            else:
                out.append(
                    f'<text x="{_num(self.x(t))}" y="{_num(label_y)}" text-anchor="middle">{escape(text)}</text>'
                )
        right = self.left - tick - TICK_PAD
        for t, text in zip(self.y_ticks, self.y_tick_labels, strict=True):
            out.append(
                f'<text x="{_num(right)}" y="{_num(self.y(t))}" text-anchor="end" dominant-baseline="central">'
                f"{escape(text)}</text>"
            )
        out.append("</g>")
        if self.x_label:
            y = self.height - 4.0 if self.x_rotate else label_y + LABEL_PAD + LABEL_SIZE
            centre = (self.left + self.right) / 2
            out.append(
                f'<text x="{_num(centre)}" y="{_num(y)}" font-size="{LABEL_SIZE}" text-anchor="middle"'
                f' fill="{ink}">{escape(self.x_label)}</text>'
            )
        if self.y_label:
            x, y = 4.0 + LABEL_SIZE, (self.top + self.bottom) / 2
            out.append(
                f'<text transform="translate({_num(x)},{_num(y)}) rotate(-90)" font-size="{LABEL_SIZE}"'
                f' text-anchor="middle" fill="{ink}">{escape(self.y_label)}</text>'
            )
        return "".join(out)

    def _legend(self) -> str:
        """Entries (label, colour, dash) in one row above the axes, right-aligned."""
        if not self.legend:
            return ""
        sample, gap = 16.0, 8.0
        widths = [sample + 4 + text_width(label, LEGEND_SIZE) for label, _, _ in self.legend]
        x = self.right - sum(widths) - gap * (len(widths) - 1)
        y = self.top - 7.0
        out = [f'<g font-size="{LEGEND_SIZE}" fill="{style.INK_CSS}">']
        for (label, colour, dash), width in zip(self.legend, widths, strict=True):
            if dash == "o":  # a point marker, for scatter groups
                out.append(f'<circle cx="{_num(x + sample / 2)}" cy="{_num(y)}" r="2.4" fill="{colour}"/>')
            else:
                out.append(_line(x, y, x + sample, y, f' stroke="{colour}" stroke-width="1.4"{_dash(dash)}'))
            out.append(
                f'<text x="{_num(x + sample + 4)}" y="{_num(y)}" dominant-baseline="central">{escape(label)}</text>'
            )
            x += width + gap
        out.append("</g>")
        return "".join(out)


def svg_element(width: float, height: float, content: str, alt: str, uid: str) -> str:
    """An inline `<svg>` of `width` × `height` points around `content` (which holds the `<title>` when `alt`)."""
    label = f'role="img" aria-labelledby="ek{uid}-alt"' if alt else 'aria-hidden="true"'
    w, h = _num(width), _num(height)
    return (
        f'<svg class="ek-svg" {label} xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt"'
        f' viewBox="0 0 {w} {h}" version="1.1" style="font-family: inherit">{content}</svg>'
    )


# matplotlib's "RdBu_r": ColorBrewer's 11-class RdBu, reversed, interpolated linearly between its anchors.
_RDBU_R = ("#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d")
_RDBU_R += ("#b2182b", "#67001f")


def diverging(value: float | None, missing: str = style.PRESENT) -> str:
    """The colour of `value` in [−1, 1] on the report's diverging scale (blue −1, near-white 0, red +1).

    >>> diverging(-1.0), diverging(0.0), diverging(1.0), diverging(None)
    ('#053061', '#f7f7f7', '#67001f', '#B8C4D0')
    """
    if value is None or not math.isfinite(value):
        return missing
    t = (min(1.0, max(-1.0, value)) + 1) / 2 * (len(_RDBU_R) - 1)
    i = min(int(t), len(_RDBU_R) - 2)
    a, b = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in (_RDBU_R[i], _RDBU_R[i + 1]))
    return "#" + "".join(f"{round(x + (y - x) * (t - i)):02x}" for x, y in zip(a, b, strict=True))


def colour_bar(plot: Plot, label: str = "") -> None:
    """A vertical −1 … +1 colour scale right of the plot (for heatmaps), with ticks and a label."""
    x0, width = plot.right + 14, 9.0
    top, bottom = plot.top + 0.1 * (plot.bottom - plot.top), plot.bottom - 0.1 * (plot.bottom - plot.top)
    gid = "e" + hashlib.blake2s("".join(plot.shapes).encode(), digest_size=3).hexdigest() + "-bar"
    stops = "".join(
        f'<stop offset="{i / (len(_RDBU_R) - 1):.2f}" stop-color="{c}"/>' for i, c in enumerate(reversed(_RDBU_R))
    )
    out = [f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="0" y2="1">{stops}</linearGradient></defs>']
    out.append(
        f'<rect x="{_num(x0)}" y="{_num(top)}" width="{width}" height="{_num(bottom - top)}" fill="url(#{gid})"/>'
    )
    out.append(f'<g fill="{style.INK_CSS}" font-size="{TICK_SIZE}">')
    values = [-1.0, -0.5, 0.0, 0.5, 1.0]
    for value, text in zip(values, tick_labels(values), strict=True):
        y = bottom - (value + 1) / 2 * (bottom - top)
        out.append(f'<text x="{_num(x0 + width + 3)}" y="{_num(y)}" dominant-baseline="central">{text}</text>')
    if label:
        x, y = x0 + width + 40, (top + bottom) / 2
        out.append(
            f'<text transform="translate({_num(x)},{_num(y)}) rotate(-90)" font-size="{LABEL_SIZE}"'
            f' text-anchor="middle">{escape(label)}</text>'
        )
    out.append("</g>")
    plot.overlays.append("".join(out))


def _line(x1: float, y1: float, x2: float, y2: float, attrs: str = "") -> str:
    return f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"{attrs}/>'


def _span(lo: float, hi: float) -> tuple[float, float]:
    """Limits with a non-zero width (a single value gets a small window around it)."""
    lo, hi = float(lo), float(hi)
    if hi > lo:
        return lo, hi
    margin = max(abs(lo) * 0.05, 0.5)
    return lo - margin, hi + margin


def _opacity(value: float) -> str:
    return "" if value >= 1 else f' fill-opacity="{value:g}"'


def _dash(dash: str) -> str:
    return {"": "", "-": "", "--": ' stroke-dasharray="5.2,2.2"', ":": ' stroke-dasharray="1.2,2"'}[dash]


def padded(lo: float, hi: float, pad: float) -> tuple[float, float]:
    """[lo, hi] widened by `pad` of its range on each side, without overflowing (values near ±1.8e308 are legal)."""
    half_range = hi / 2 - lo / 2
    margin = half_range * (2 * pad) if half_range > 0 else max(abs(lo) * 0.05, 0.5)
    return max(-1.79e308, lo - margin), min(1.79e308, hi + margin)


def category_axis(labels: Sequence[Any]) -> tuple[list[float], list[str]]:
    """Positions (top to bottom) and labels for a horizontal bar chart."""
    n = len(labels)
    return [float(n - 1 - i) for i in range(n)], [str(v) for v in labels]
