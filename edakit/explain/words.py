"""Shared phrasing: numbers for people, p-values, interval sentences, effect-size words."""

from __future__ import annotations

import math
from typing import Any

from edakit._format import fmt_num, fmt_p, fmt_p_number, fmt_pct, level_pct

__all__ = ["fmt_num", "fmt_p", "fmt_p_number", "fmt_pct", "level_pct"]  # numbers for people are shared with every stage


def interval_phrase(
    ci: tuple[float, float] | None, conf_level: float | None, what: str = "the true value", kind: str | None = None
) -> str:
    """'The 95 % confidence interval runs from a to b: ...' with the correct frequentist reading (or the one-sided
    upper limit of an estimate at its boundary 0, `kind` ONE_SIDED)."""
    if ci is None or any(v is None or (isinstance(v, float) and math.isnan(v)) for v in ci):
        return "No confidence interval could be computed."
    if kind == ONE_SIDED:
        return (
            f"The {level_pct(conf_level)} confidence interval is one-sided, from 0 (the lowest value possible) up to "
            f"{fmt_num(ci[1])}: a procedure that is right {level_pct(conf_level)} of the time it is used says {what} "
            "lies in this range."
        )
    return (
        f"The {level_pct(conf_level)} confidence interval runs from {fmt_num(ci[0])} to {fmt_num(ci[1])}: "
        f"a procedure that is right {level_pct(conf_level)} of the time it is used says {what} lies in this range."
    )


ONE_SIDED = "one-sided upper"  # stats.ncp.ONE_SIDED_UPPER: an interval [0, U] for an estimate at its boundary 0


def effect_interval(
    ci: Any, conf_level: float | None, kind: str | None = None, digits: int = 3, sep: str = " to "
) -> str:
    """'95 % CI a to b', or for a one-sided interval [0, U] 'one-sided 95 % upper limit U'; "" without one."""
    if not ci or any(not isinstance(v, (int, float)) or math.isnan(v) for v in ci):
        return ""
    if kind == ONE_SIDED:
        return f"one-sided {level_pct(conf_level)} upper limit {fmt_num(ci[1], digits)}"
    return f"{level_pct(conf_level)} CI {fmt_num(ci[0], digits)}{sep}{fmt_num(ci[1], digits)}"


def estimate_with_interval(
    value: float, ci: Any, conf_level: float | None, kind: str | None = None, digits: int = 3
) -> str:
    """'0.12 (95 % CI 0.05 to 0.2)', or at the boundary '0, with a one-sided 95 % upper limit of 0.12'."""
    text = fmt_num(value, digits)
    if kind == ONE_SIDED and ci:
        return f"{text}, with a one-sided {level_pct(conf_level)} upper limit of {fmt_num(ci[1], digits)}"
    interval = effect_interval(ci, conf_level, kind, digits)
    return f"{text} ({interval})" if interval else text


def p_value_phrase(p: float | None, alpha: float = 0.05, null: str = "there is no effect") -> str:
    """What the p-value says and what it does not."""
    if p is None or math.isnan(p):
        return "The p-value could not be computed."
    base = f"{fmt_p(p)}: if {null}, data at least this extreme would turn up with probability {fmt_p_number(p)}."
    if p < alpha:
        return (
            f'{base} That is below {alpha:g}, so the data are hard to reconcile with "{null}"; '
            "a small p-value does not by itself say the effect is large or important."
        )
    return (
        f'{base} That is not below {alpha:g}, so the data are compatible with "{null}"; '
        "this is not evidence that there is no effect, only that this sample cannot rule it out."
    )


def significance_vs_size(
    p: float | None, magnitude: str | None, n: int | None, alpha: float = 0.05, what: str = "effect"
) -> str:
    """The sentence for when the p-value and the effect size tell different stories, else "".

    Significant but negligible (typical of huge samples) and large but not significant (typical of small ones)
    are the two cases where reading only the p-value misleads.

    >>> significance_vs_size(1e-9, "negligible", 1_000_000, what="correlation")[:60]
    'The correlation is statistically significant but negligible:'
    """
    if p is None or magnitude is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    rows = f"{fmt_num(n)} observations" if isinstance(n, int) and n > 0 else "this many observations"
    if p < alpha and magnitude == "negligible":
        return (
            f"The {what} is statistically significant but negligible: with {rows} even a tiny {what} gives a "
            f"small p-value, and a significant result is not thereby an important one."
        )
    if p >= alpha and magnitude in ("medium", "large"):
        return (
            f"The estimated {what} is {magnitude}, yet not statistically significant: {rows} are too few to tell it "
            f"apart from no {what}, so the question is open, not answered with a no."
        )
    return ""


def generic_explanation(result: Any) -> str:
    """Fallback for results without a dedicated explainer: method, estimate, interval and p-value."""
    parts = [f"{getattr(result, 'method', type(result).__name__)}."]
    est = getattr(result, "estimate", None)
    if isinstance(est, (int, float)):
        parts.append(f"Estimate: {fmt_num(est)}.")
    ci = getattr(result, "ci", None)
    if ci is not None:
        parts.append(interval_phrase(ci, getattr(result, "conf_level", 0.95)))
    p = getattr(result, "p_value", None)
    if p is not None:
        parts.append(p_value_phrase(p))
    return " ".join(parts)
