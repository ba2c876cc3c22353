"""Small narwhals building blocks shared by every engine pass, so all backends treat values alike."""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw


def finite_only(expr: nw.Expr, is_float: bool) -> nw.Expr:
    """The values with NaN and ±inf turned into missing, so sums and moments stay finite (floats only)."""
    return nw.when(expr.is_finite()).then(expr) if is_float else expr


def count_if(condition: nw.Expr) -> nw.Expr:
    """How many rows satisfy `condition` (a boolean expression); Spark cannot sum booleans directly."""
    return condition.cast(nw.Int64).sum()


def plain(value: Any) -> Any:
    """Engine scalars (numpy, arrow) to Python values; None stays None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
