"""Drawers of the model section's charts: residuals against fitted values, leverage with Cook's distance contours,
the ROC curve, the calibration plot, and the complexity and learning curves. Each draws what the analyse stage
computed, as `render.svgplot` SVG (the residuals' QQ plot uses the column cards' "qq" drawer)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from edakit.render import style
from edakit.render.drawers import drawer, finite
from edakit.render.svgplot import Plot, padded


def _pairs(xs: list[Any], ys: list[Any]) -> tuple[list[float], list[float]]:
    """The points whose two coordinates are both finite (a row with leverage 1 has no standardised residual)."""
    keep = [
        (float(a), float(b))
        for a, b in zip(xs, ys, strict=True)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isfinite(a) and math.isfinite(b)
    ]
    return [a for a, _ in keep], [b for _, b in keep]


@drawer("residuals")
def residuals(data: dict[str, Any]) -> Plot:
    """Residuals against fitted values, with the zero line."""
    x, y = _pairs(data["x"], data["y"])
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        padded(min(x), max(x), 0.05),
        padded(min([*y, 0.0]), max([*y, 0.0]), 0.08),
        x_label=data.get("x_label", "fitted values"),
        y_label="residual",
        grid="xy",
    )
    plot.line(list(plot.xlim), [0.0, 0.0], style.MEAN, 1.0, "--")
    plot.points(x, y, style.EDGE, 1.7)
    return plot


@drawer("leverage")
def leverage(data: dict[str, Any]) -> Plot:
    """Standardised residuals against leverage, with Cook's distance 0.5 and 1 drawn as dotted curves:
    r = ±√(D · p · (1 − h) / h), as R's `plot.lm(which = 5)`."""
    (x, y), p = _pairs(data["x"], data["y"]), int(data["p"])
    top = max([*(abs(v) for v in y), 2.5])
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        (0.0, max(x) * 1.08),
        (-top * 1.08, top * 1.08),
        x_label="leverage",
        y_label="standardised residual",
        grid="xy",
        legend=[("Cook's distance 0.5 and 1", style.MEDIAN, ":")],
    )
    plot.line(list(plot.xlim), [0.0, 0.0], style.MUTED, 0.8)
    h = np.linspace(max(min(x), 1e-3), plot.xlim[1], 60)
    for distance in (0.5, 1.0):
        r = np.sqrt(distance * p * (1 - h) / h)
        for sign in (1, -1):
            keep = np.isfinite(r) & (r <= top * 1.08)
            if keep.sum() >= 2:
                plot.line(h[keep].tolist(), (sign * r[keep]).tolist(), style.MEDIAN, 1.0, ":")
    plot.points(x, y, style.EDGE, 1.7)
    return plot


@drawer("roc")
def roc(data: dict[str, Any]) -> Plot:
    """True positive rate against false positive rate, with the diagonal of guessing."""
    plot = Plot(
        style.WIDTH * 0.8,
        style.WIDTH * 0.8,
        (0.0, 1.0),
        (0.0, 1.0),
        x_label="false positive rate",
        y_label="true positive rate",
        grid="xy",
    )
    plot.line([0.0, 1.0], [0.0, 1.0], style.MUTED, 1.0, ":")
    plot.line(finite(data["fpr"]), finite(data["tpr"]), style.EDGE, 1.6)
    if data.get("auc") is not None:
        plot.text(0.6, 0.2, f"AUC {float(data['auc']):.3f}", size=9)
    return plot


@drawer("calibration")
def calibration(data: dict[str, Any]) -> Plot:
    """Observed share against mean predicted probability per group, with intervals; the diagonal is perfect."""
    plot = Plot(
        style.WIDTH * 0.8,
        style.WIDTH * 0.8,
        (0.0, 1.0),
        (0.0, 1.0),
        x_label="mean predicted probability",
        y_label="observed share",
        grid="xy",
    )
    plot.line([0.0, 1.0], [0.0, 1.0], style.MUTED, 1.0, ":")
    for x, (lo, hi) in zip(data["predicted"], data["ci"], strict=True):
        plot.segment(x, lo, x, hi, style.EDGE, 1.0)
    plot.points(finite(data["predicted"]), finite(data["observed"]), style.EDGE, 2.4, filled=True)
    return plot


def _error_lines(plot: Plot, xs: list[float], train: list[Any], cv: list[Any], se: list[Any]) -> None:
    """Training error solid, validation error dashed with ± 1 SE bars; steps that could not be scored skipped.
    A validation error above the axis is drawn at its top edge as an open triangle with its value written."""
    top = plot.ylim[1]
    pairs = [(x, t) for x, t in zip(xs, train, strict=True) if t is not None and math.isfinite(t)]
    if len(pairs) >= 2:
        plot.line([a for a, _ in pairs], [min(b, top) for _, b in pairs], style.EDGE, 1.6)
    scored = [(x, c, s) for x, c, s in zip(xs, cv, se, strict=True) if c is not None and math.isfinite(c)]
    if len(scored) >= 2:
        plot.line([a for a, _, _ in scored], [min(b, top) for _, b, _ in scored], style.MEAN, 1.6, "--")
    for x, c, s in scored:
        if c > top:
            plot.text(x, top, "▲", size=8, anchor="middle", dy=4, colour=style.MEAN)
            plot.text(x, top, f"{c:.3g}", size=6.5, anchor="middle", dy=13, colour=style.MEAN)
        elif s:
            plot.segment(x, max(c - s, plot.ylim[0]), x, min(c + s, top), style.MEAN, 1.0)
    plot.points([a for a, _ in pairs], [b for _, b in pairs], style.EDGE, 2.0, filled=True)
    inside = [(a, b) for a, b, _ in scored if b <= top]
    plot.points([a for a, _ in inside], [b for _, b in inside], style.MEAN, 2.0, filled=True)


def _error_range(train: list[Any], cv: list[Any], se: list[Any]) -> tuple[float, float]:
    """The y range: every training error and the validation errors up to 3 × the best one (a runaway degree-10
    fit would otherwise flatten the interesting part; the table keeps its number)."""
    low = finite([*train, *cv])
    best = min(finite(cv) or [1.0])
    shown = [v for v in low if v <= 3 * best] + [
        c + (s or 0) for c, s in zip(cv, se, strict=True) if c is not None and c <= 3 * best
    ]
    return padded(min([0.0, *shown]), max(shown or [1.0]), 0.04)


@drawer("complexity")
def complexity(data: dict[str, Any]) -> Plot:
    steps = list(data["steps"])
    xs = [float(i) for i in range(len(steps))]
    metric = data.get("metric", "error")
    plot = Plot(
        max(style.WIDTH, 1.2 + 0.45 * len(steps)),
        style.HEIGHT,
        (-0.4, len(steps) - 0.6),
        _error_range(data["train"], data["cv"], data["se"]),
        x_ticks=xs,
        x_tick_labels=[s if len(s) <= 14 else s[:13] + "…" for s in steps],
        x_rotate=45 if any(len(s) > 4 for s in steps) else 0,
        x_label=data.get("x_label", ""),
        y_label=metric,
        grid="y",
        legend=[("training", style.EDGE, ""), ("cross-validated", style.MEAN, "--")],
    )
    if data.get("best") is not None:
        plot.vline(float(data["best"]), style.MEDIAN, 1.2, ":")
    _error_lines(plot, xs, data["train"], data["cv"], data["se"])
    return plot


@drawer("learning")
def learning(data: dict[str, Any]) -> Plot:
    xs = [float(v) for v in data["sizes"]]
    plot = Plot(
        style.WIDTH,
        style.HEIGHT,
        padded(min(xs), max(xs), 0.04),
        _error_range(data["train"], data["cv"], data["se"]),
        x_label="rows the model was fitted on",
        y_label=data.get("metric", "error"),
        grid="y",
        legend=[("training", style.EDGE, ""), ("cross-validated", style.MEAN, "--")],
    )
    _error_lines(plot, xs, data["train"], data["cv"], data["se"])
    return plot
