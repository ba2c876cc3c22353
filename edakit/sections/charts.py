"""Lay out the charts of every column and of the table: the Report's Charts from `edakit.stats.chartdata`'s inputs.

A chart whose inputs cannot be prepared becomes a Chart with a `note` in place of the picture; it never raises,
so one odd column never sinks the report.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from edakit.model import Chart, ColumnReport
from edakit.stats.chartdata import (
    NoChart,
    bars_data,
    box_data,
    finite_sorted,
    histogram_data,
    missing_data,
    pattern_data,
    qq_data,
    timeline_data,
)


def column_charts(
    col: ColumnReport, chart: dict[str, Any], sample: Any, sampled: bool, conf_level: float = 0.95
) -> list[Chart]:
    """The charts of one column. `chart` is the column's engine aggregates (`ColumnSummary.chart`),
    `sample` the column's values in the seeded sample (a polars Series) or None."""
    name = col.name
    if col.role == "numeric":
        ordered = functools.cache(lambda: finite_sorted(sample))  # sorted once, for the box and the QQ plot
        charts = [
            _safe("histogram", f"Distribution of {name}", lambda: histogram_data(col, chart)),
            _safe("box", f"Box plot of {name}", lambda: box_data(col, chart, ordered(), sampled)),
            _safe("qq", f"Normal QQ plot of {name}", lambda: qq_data(col, ordered(), sampled)),
        ]
        if col.kind == "year":  # years: no normal QQ plot; the axes are drawn with years (2007, not 2,007)
            charts = [c for c in charts if c.kind != "qq"]
            for c in charts:
                if not c.note:
                    c.data["years"] = True
        return charts
    if col.role in ("categorical", "boolean", "constant"):
        return [_safe("bars", f"Most common values of {name}", lambda: bars_data(col, conf_level))]
    if col.role == "datetime":
        return [_safe("timeline", f"{name} over time", lambda: timeline_data(col, chart))]
    if col.role == "empty":
        return [Chart("histogram", f"Distribution of {name}", note="Every value is missing: there is nothing to draw.")]
    return []


def table_charts(columns: list[ColumnReport], patterns: dict[str, Any] | None, rows: int) -> list[Chart]:
    """Table-level charts: missing values per column, and the missing-value patterns of the rows."""
    charts = [_safe("missing", "Missing values per column", lambda: missing_data(columns, rows))]
    gaps = sum(1 for c in columns if c.missing)
    if gaps:
        charts.append(_safe("missing_patterns", "Missing-value patterns", lambda: pattern_data(patterns, gaps, rows)))
    return charts


def _safe(kind: str, title: str, build: Callable[[], dict[str, Any]]) -> Chart:
    try:
        return Chart(kind, title, data=build())
    except NoChart as exc:
        return Chart(kind, title, note=str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd column must never sink the report
        return Chart(kind, title, note=f"This chart could not be prepared ({type(exc).__name__}: {exc}).")
