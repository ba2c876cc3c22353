"""Drawers of the time-series section's charts (`sections.timeseries`): the series over time with its trend, the
seasonal pattern by position in the cycle, and the autocorrelations with their white-noise band. Each is a
`render.svgplot` Plot drawn from the numbers the analyse stage computed; periods are placed at their index and the
axis is labelled at calendar boundaries (years, else months, else evenly)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from edakit.render import style
from edakit.render.drawers import drawer, finite, short
from edakit.render.svgplot import Plot, nice_ticks, padded

MAX_TICKS = 8


def date_ticks(periods: Sequence[str]) -> tuple[list[float], list[str]]:
    """Tick positions (period indexes) and labels: each new year, else each new month, else evenly spaced.

    >>> date_ticks(["1949-11-01", "1949-12-01", "1950-01-01", "1950-02-01", "1951-01-01", "1952-01-01"])
    ([2.0, 4.0, 5.0], ['1950', '1951', '1952'])
    """
    for width in (4, 7):  # years, then months
        starts = [i for i in range(1, len(periods)) if periods[i][:width] != periods[i - 1][:width]]
        if len(starts) >= 2:
            step = max(1, math.ceil(len(starts) / MAX_TICKS))
            if width == 4 and step > 1:  # round years: every 2nd, 5th, 10th... year
                step = next(s for s in (2, 5, 10, 20, 50, 100, 10**9) if s >= step)
                starts = [i for i in starts if int(periods[i][:4]) % step == 0] or starts[::step]
            else:
                starts = starts[::step]
            return [float(i) for i in starts], [periods[i][:width] for i in starts]
    n = len(periods)
    picks = sorted({round(k * (n - 1) / 4) for k in range(5)}) if n > 1 else [0]
    return [float(i) for i in picks], [periods[i][:16].replace("T", " ") for i in picks]


def _segments(values: Sequence[Any]) -> list[tuple[list[float], list[float]]]:
    """Runs of consecutive present values as (x, y) lists, so gaps stay gaps."""
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


@drawer("ts_line", direct=True)
def ts_line(data: dict[str, Any]) -> Plot:
    """The series as a line (gaps left open), its trend dashed."""
    periods, values, trend = list(data["periods"]), list(data["values"]), data.get("trend")
    present = finite(values) + (finite(trend) if trend else [])
    ticks, labels = date_ticks(periods)
    legend = [("series", style.EDGE, "-"), ("trend", style.ORANGE, "--")] if trend else []
    plot = Plot(
        style.WIDTH * 1.6,
        style.HEIGHT,
        (-0.5, len(periods) - 0.5),
        padded(min(present), max(present), 0.05),
        x_ticks=ticks,
        x_tick_labels=labels,
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


@drawer("ts_season", direct=True)
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


@drawer("acf", direct=True)
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
