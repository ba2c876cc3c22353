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


#: R's `.Machine$double.eps`: `format.pval` writes a p-value below it as "< 2.2e-16" (a p-value computed as 0 has
#: underflowed, it is not 0).
P_EPS = 2.220446049250313e-16


def fmt_p(p: float | None) -> str:
    """p-value as people write it: 'p < 0.001' or 'p = 0.032'; below R's double.eps 'p < 2.2e-16', as R writes it.

    >>> fmt_p(0.0), fmt_p(1e-111), fmt_p(0.0004), fmt_p(0.032)
    ('p < 2.2e-16', 'p < 2.2e-16', 'p < 0.001', 'p = 0.032')
    """
    if p is None or math.isnan(p):
        return "p undefined"
    if p < P_EPS:
        return "p < 2.2e-16"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def fmt_p_number(p: float | None, digits: int = 2) -> str:
    """A p-value as a number in a sentence ('with probability 0.032'), never 0: below R's double.eps it is
    'below 2.2e-16', as R's `format.pval` writes '< 2.2e-16'.

    >>> fmt_p_number(0.0), fmt_p_number(3.2e-5), fmt_p_number(0.0321)
    ('below 2.2e-16', '3.2e-05', '0.032')
    """
    if p is not None and not math.isnan(p) and p < P_EPS:
        return "below 2.2e-16"
    return fmt_num(p, digits)


def fmt_pct(fraction: float, digits: int = 1) -> str:
    return f"{100 * fraction:.{digits}f} %"


def level_pct(conf_level: float | None) -> str:
    return f"{100 * (conf_level or 0.95):g} %"
