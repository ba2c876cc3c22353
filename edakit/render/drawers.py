"""The registry of chart drawers (one function per chart kind) and the helpers every drawer shares: units for
values too large or too close together to place on an axis, short labels, and the box glyph of the box plots."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from edakit.render import style
from edakit.render.svgplot import Plot

DRAWERS: dict[str, Callable[[dict[str, Any]], Any]] = {}


def drawer(kind: str) -> Callable[[Callable[[dict[str, Any]], Any]], Callable[[dict[str, Any]], Any]]:
    """Register the drawing function of a chart kind: it returns a `svgplot.Plot` (or anything with `svg(alt)`)."""

    def register(func: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
        DRAWERS[kind] = func
        return func

    return register


def finite(values: Sequence[Any]) -> list[float]:
    """The finite numbers among `values`, as floats, in order (None, NaN, infinities and text left out)."""
    if finite_floats(values):
        return list(values)  # as they are, without a test of each (a QQ plot's hundreds of points)
    return [float(v) for v in values if isinstance(v, (int, float)) and math.isfinite(v)]


_FLOAT = frozenset((float,))


def finite_floats(values: Sequence[Any]) -> bool:
    """Whether `values` are floats alone, none NaN or infinite: their types in one pass and their sum (finite only
    then; a sum that overflows says no, and the callers then test the values one by one)."""
    return _FLOAT.issuperset(map(type, values)) and math.isfinite(sum(values))


class Units:
    """Plot huge, tiny or nearly-equal values in units an axis can place: (x - shift) / scale.

    Values near ±1e308 overflow the axis arithmetic and a range of 1e-15 around 1 makes it singular;
    such axes are drawn shifted and/or scaled by a power of ten, and the axis label says so."""

    def __init__(self, values: Sequence[Any], label: str = "value") -> None:
        present = finite(values)
        lo, hi = (min(present), max(present)) if present else (0.0, 0.0)
        self.shift = lo if hi > lo and (hi - lo) < max(abs(lo), abs(hi)) * 1e-9 else 0.0
        if self.shift:
            top = max((abs(v - self.shift) for v in present if v != self.shift), default=0.0)
        else:  # the largest |v| is at an end of the range
            top = max(abs(lo), abs(hi))
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
        present = finite(values)
        if not self.changed:  # (v - 0.0) / 1.0 is v itself: skip the arithmetic on thousands of points
            return present
        return [self(v) for v in present]

    @property
    def changed(self) -> bool:
        return bool(self.shift or self.exponent)


def short(label: Any, limit: int = 28) -> str:
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw_box(plot: Plot, stats: dict[str, Any], centre: float, half: float) -> None:
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


def scaled_box(stats: dict[str, Any], units: Units) -> dict[str, Any]:
    out = dict(stats)
    for key in ("q1", "med", "q3", "whislo", "whishi", "mean"):
        if isinstance(out.get(key), (int, float)) and math.isfinite(out[key]):
            out[key] = units(out[key])
    out["fliers"] = units.all(out["fliers"])
    return out


def box_stats(data: dict[str, Any], label: str = "") -> dict[str, Any]:
    return {
        "label": label,
        "q1": data["q25"],
        "med": data["median"],
        "q3": data["q75"],
        "whislo": data["whisker_low"],
        "whishi": data["whisker_high"],
        "mean": data.get("mean"),
        "fliers": finite(data.get("outliers") or []),
    }
