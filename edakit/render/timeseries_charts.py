"""Drawers of the time-series section's charts (`sections.timeseries`): the series over time with its trend, the
seasonal pattern by position in the cycle, and the autocorrelations with their white-noise band. Each is a
`render.svgplot` Plot drawn from the numbers the analyse stage computed; periods are placed at their index and the
axis is labelled at calendar boundaries (years, else months, else evenly)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, NamedTuple

from edakit.render import style
from edakit.render.drawers import drawer, finite, finite_floats, short
from edakit.render.svgplot import Plot, nice_ticks, padded

MAX_TICKS = 8
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Calendar units of a date axis, coarsest first: name, length of the ISO prefix naming one (1950, 1950-03,
# 1950-03-05, 1950-03-05T06, ...), position of its number in that text, and the round steps to thin ticks by.
_UNITS = (
    ("year", 4, slice(0, 4), (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)),
    ("month", 7, slice(5, 7), (1, 2, 3, 6)),
    ("day", 10, slice(8, 10), (1, 2, 7, 14)),
    ("hour", 13, slice(11, 13), (1, 2, 3, 6, 12)),
    ("minute", 16, slice(14, 16), (1, 5, 10, 15, 30)),
)
_FLOOR = "0000-01-01T00:00:00"  # the first instant of a unit, after its prefix


class DateTicks(NamedTuple):
    """Ticks of a date axis whose periods sit at their indexes: positions, labels, the calendar `unit` they mark
    ("period" when spaced evenly, each label naming its period), and the `context` the labels leave out (the year
    of day ticks, the date of hour ticks), for the axis label."""

    positions: list[float]
    labels: list[str]
    unit: str
    context: str


def date_ticks(periods: Sequence[str], max_ticks: int = MAX_TICKS) -> DateTicks:
    """Ticks at the starts of calendar units: the coarsest unit (years, months, days, hours, minutes) giving at
    least three, thinned to round steps (every 2nd, 5th, 10th year; every quarter; every 6 hours) to at most
    `max_ticks`; else evenly spaced. `periods` are ISO texts of consecutive periods' first instants (as the engine
    writes them); a unit starting inside a period (a month inside a week) is placed at its fraction of that period.

    >>> date_ticks(["1949-11-01", "1949-12-01", "1950-01-01", "1950-02-01", "1951-01-01", "1952-01-01"])[:3]
    ([2.0, 4.0, 5.0], ['1950', '1951', '1952'], 'year')
    >>> date_ticks([f"2013-{m:02d}-01" for m in range(1, 13)])[:2]
    ([0.0, 2.0, 4.0, 6.0, 8.0, 10.0], ['Jan 2013', 'Mar', 'May', 'Jul', 'Sep', 'Nov'])
    >>> date_ticks([f"2013-01-01T{h:02d}:00:00" for h in range(24)], max_ticks=6)[1:]
    (['Jan 1', '06:00', '12:00', '18:00'], 'hour', '2013-01-01')
    """
    texts = [p[:19] for p in periods]
    fallback: DateTicks | None = None
    for unit, width, number, steps in _UNITS:
        if not texts or width > len(texts[0]):  # dates without times have no hour ticks
            break
        starts = [
            i
            for i, text in enumerate(texts)
            if (text[:width] != texts[i - 1][:width] if i else text[width:] == _FLOOR[width : len(text)])
        ]
        first = 1 if unit in ("month", "day") else 0  # months and days count from 1
        for step in steps:
            kept = [i for i in starts if (int(texts[i][number]) - first) % step == 0]
            if len(kept) <= max_ticks:
                break
        else:
            kept = starts[:: math.ceil(len(starts) / max_ticks)]
        if unit == "day" and step > 1:  # months of 28 to 31 days break the cycle: drop the 29th before the 1st
            days = [dt.date.fromisoformat(texts[i][:10]) for i in kept]
            kept = [i for k, i in enumerate(kept) if k + 1 == len(kept) or (days[k + 1] - days[k]).days > step / 2]
        if len(kept) >= 2:
            ticks = DateTicks(
                [_position(texts, i, width) for i in kept], _labels(texts, kept, unit), unit, _context(texts, unit)
            )
            if len(kept) >= 3:
                return ticks
            fallback = fallback or ticks
    if fallback:
        return fallback
    n = len(texts)
    picks = sorted({round(k * (n - 1) / 4) for k in range(5)}) if n > 1 else [0]
    return DateTicks([float(i) for i in picks], [texts[i][:16].replace("T", " ") for i in picks], "period", "")


def _position(texts: Sequence[str], i: int, width: int) -> float:
    """Index `i`, less the fraction of the period before it that lies after the unit's start (a month starting on
    a Wednesday begins 5/7 of a week before the first Monday in it); 0 for periods aligned with the unit."""
    if i == 0:
        return 0.0
    start = dt.datetime.fromisoformat(texts[i][:width] + _FLOOR[width : len(texts[i])])
    here, before = dt.datetime.fromisoformat(texts[i]), dt.datetime.fromisoformat(texts[i - 1])
    return i - (here - start) / (here - before)


def _labels(texts: Sequence[str], kept: Sequence[int], unit: str) -> list[str]:
    """Years as 1950; months as Mar, with the year on the first and on each January (Mar 2013, Jan 2014); days as
    Mar 5; hours and minutes as 06:00, with the day at midnight (Mar 5)."""
    labels, year = [], ""
    for i in kept:
        text = texts[i]
        month, day = MONTHS[int(text[5:7]) - 1] if len(text) >= 7 else "", text[8:10].lstrip("0")
        if unit == "year":
            labels.append(text[:4].lstrip("0") or "0")
        elif unit == "month":
            labels.append(month if text[:4] == year else f"{month} {text[:4].lstrip('0')}")
            year = text[:4]
        elif unit == "day" or text[11:16] == "00:00":
            labels.append(f"{month} {day}")
        else:
            labels.append(text[11:16])
    return labels


def _context(texts: Sequence[str], unit: str) -> str:
    """What tick labels of `unit` leave out: the years of day ticks, the dates of hour and minute ticks."""
    first, last = texts[0], texts[-1]
    if unit == "day":
        return first[:4] if first[:4] == last[:4] else f"{first[:4]}–{last[:4]}"
    if unit in ("hour", "minute"):
        return first[:10] if first[:10] == last[:10] else f"{first[:10]} to {last[:10]}"
    return ""


def _segments(values: Sequence[Any]) -> list[tuple[list[float], list[float]]]:
    """Runs of consecutive present values as (x, y) lists, so gaps stay gaps."""
    if values and finite_floats(values):  # no gap: one run
        return [(list(map(float, range(len(values)))), list(values))]
    runs: list[tuple[list[float], list[float]]] = []
    current: tuple[list[float], list[float]] = ([], [])
    for i, v in enumerate(values):
        if isinstance(v, (int, float)) and math.isfinite(v):
            current[0].append(float(i))
            current[1].append(float(v))
        elif current[0]:
            runs.append(current)
            current = ([], [])
    if current[0]:
        runs.append(current)
    return runs


@drawer("ts_line")
def ts_line(data: dict[str, Any]) -> Plot:
    """The series as a line (gaps left open), its trend dashed."""
    periods, values, trend = list(data["periods"]), list(data["values"]), data.get("trend")
    present = finite(values) + (finite(trend) if trend else [])
    ticks = date_ticks(periods)
    legend = [("series", style.EDGE, "-"), ("trend", style.ORANGE, "--")] if trend else []
    plot = Plot(
        style.WIDTH * 1.6,
        style.HEIGHT,
        (-0.5, len(periods) - 0.5),
        padded(min(present), max(present), 0.05),
        x_ticks=ticks.positions,
        x_tick_labels=ticks.labels,
        x_label=ticks.context,
        y_label=short(data.get("y_label", ""), 30),
        legend=legend,
        grid="y",
    )
    for xs, ys in _segments(values):
        if len(xs) == 1:
            plot.points(xs, ys, style.EDGE, 1.5, filled=True)
        else:
            plot.line(xs, ys, style.EDGE, 1.2)
    if trend:
        for xs, ys in _segments(trend):
            plot.line(xs, ys, style.ORANGE, 1.4, "--")
    return plot


@drawer("ts_season")
def ts_season(data: dict[str, Any]) -> Plot:
    """Mean seasonal component per position in the cycle, as bars above and below 0."""
    labels, values = list(data["labels"]), [float(v) for v in data["values"]]
    many = len(labels) > 24
    step = max(1, math.ceil(len(labels) / 24))
    plot = Plot(
        style.WIDTH * 1.6 if len(labels) > 12 else style.WIDTH,
        style.HEIGHT,
        (-0.6, len(labels) - 0.4),
        padded(min([*values, 0.0]), max([*values, 0.0]), 0.08),
        x_ticks=[float(i) for i in range(0, len(labels), step)],
        x_tick_labels=[short(labels[i], 12) for i in range(0, len(labels), step)],
        x_rotate=60 if many or len(labels) > 12 else 0,
        y_label=short(data.get("value_label", ""), 34),
        grid="y",
    )
    for i, v in enumerate(values):
        plot.rect(i - 0.38, i + 0.38, 0.0, v, style.FILL if v >= 0 else style.MUTED, 0.9)
    plot.line([-0.6, len(labels) - 0.4], [0.0, 0.0], style.INK_CSS, 0.8)
    return plot


@drawer("acf")
def acf(data: dict[str, Any]) -> Plot:
    """Autocorrelation per lag as thin bars from 0, the ±band dashed, the seasonal lag marked."""
    lags, values, band = [int(v) for v in data["lags"]], [float(v) for v in data["values"]], float(data["band"])
    lo = min(-band, *values, 0.0)
    hi = max(band, *values, 0.0)
    ticks = [float(t) for t in nice_ticks(0, lags[-1]) if t == int(t)] if lags else []
    plot = Plot(
        style.WIDTH * 1.6 if len(lags) > 30 else style.WIDTH,
        style.HEIGHT,
        (0.0, lags[-1] + 1.0),
        padded(lo, hi, 0.05),
        x_ticks=ticks,
        x_label="lag",
        y_label="autocorrelation",
    )
    width = 1.2 if len(lags) <= 60 else 0.8
    for lag, v in zip(lags, values, strict=True):
        plot.segment(float(lag), 0.0, float(lag), v, style.EDGE if abs(v) > band else style.MUTED, width)
    span = [0.0, lags[-1] + 1.0]
    plot.line(span, [0.0, 0.0], style.INK_CSS, 0.8)
    plot.line(span, [band, band], style.VERMILLION, 1.0, "--")
    plot.line(span, [-band, -band], style.VERMILLION, 1.0, "--")
    period = data.get("period")
    if period and period <= lags[-1]:
        plot.vline(float(period), style.MUTED, 0.8, ":")
    return plot
