"""Numbers for people: one formatting of counts, estimates, p-values and percentages for every stage.

It sits below the stages because a result's own notes ("not computable: ...", "only two distinct values (0 and
1)") are written where the result is computed, and they must print numbers exactly as the explanations do.
"""

from __future__ import annotations

import math


def fmt_num(value: float | int | None, digits: int = 4, missing: str = "undefined") -> str:
    """A number for people: thousands separators, `digits` significant digits, scientific only when huge/tiny."""
    if value is None:
        return missing
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "infinity" if value > 0 else "minus infinity"
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 1e12 or magnitude < 1e-4:
        return f"{value:.{digits - 1}e}"
    if value == int(value) and magnitude < 1e15:
        return f"{int(value):,}"
    decimals = max(digits - 1 - math.floor(math.log10(magnitude)), 0)
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_p(p: float | None) -> str:
    """p-value as people write it: 'p < 0.001' or 'p = 0.032'."""
    if p is None or math.isnan(p):
        return "p undefined"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def fmt_pct(fraction: float, digits: int = 1) -> str:
    return f"{100 * fraction:.{digits}f} %"


def level_pct(conf_level: float | None) -> str:
    return f"{100 * (conf_level or 0.95):g} %"
