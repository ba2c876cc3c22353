"""Data-quality checks on the profile: which columns and rows deserve a warning, by documented thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HIGH_MISSING = 0.20  # share of missing values that earns a warning
HEAVY_SKEW = 2.0  # |G1| above this is "heavily skewed"
HIGH_CARDINALITY = 50  # distinct levels of a categorical column
RARE_LEVEL = 0.01  # a level seen in under 1 % of the non-missing rows is rare


@dataclass
class Alert:
    """A data-quality finding; `value` is the number behind it, `message` is filled in by explain."""

    kind: str  # missing, empty, constant, identifier, duplicates, skewed, high_cardinality, outliers
    column: str | None
    value: float
    severity: str = "warning"  # "info" or "warning"
    message: str = ""


def column_alerts(
    name: str,
    role: str,
    rows: int,
    missing: int,
    distinct: int,
    skewness: float | None = None,
    outliers: int | None = None,
) -> list[Alert]:
    """Alerts about one column from its counts and shape."""
    alerts = []
    if role == "empty":
        alerts.append(Alert("empty", name, rows))
    elif rows and missing / rows >= HIGH_MISSING:
        alerts.append(Alert("missing", name, missing / rows))
    if role == "constant":
        alerts.append(Alert("constant", name, distinct))
    if role == "identifier":
        alerts.append(Alert("identifier", name, distinct, severity="info"))
    if role in ("categorical", "text") and distinct > HIGH_CARDINALITY:
        alerts.append(Alert("high_cardinality", name, distinct, severity="info"))
    if skewness is not None and abs(skewness) > HEAVY_SKEW:
        alerts.append(Alert("skewed", name, skewness, severity="info"))
    if outliers and rows and outliers / rows > 0.05:
        alerts.append(Alert("outliers", name, outliers, severity="info"))
    return alerts


def table_alerts(rows: int, duplicate_rows: int | None) -> list[Alert]:
    if duplicate_rows:
        return [Alert("duplicates", None, duplicate_rows)]
    return []


def rare_levels(top_values: list[tuple[Any, int]], present: int, distinct: int) -> int:
    """Levels seen in under RARE_LEVEL of the non-missing rows (levels beyond the top list count as rare
    when the smallest listed level is already rare)."""
    if not present:
        return 0
    threshold = RARE_LEVEL * present
    rare = sum(1 for _, n in top_values if n < threshold)
    unlisted = distinct - len(top_values)
    if unlisted > 0 and top_values and top_values[-1][1] < threshold:
        rare += unlisted
    return rare
