"""Readable `repr` of results for consoles and doctests."""

from __future__ import annotations

from typing import Any

from edakit.explain.words import fmt_num, fmt_p

_SHOWN = ("estimate", "ci", "statistic", "df", "p_value", "n")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return fmt_num(value, 6)
    if isinstance(value, tuple):
        return "(" + ", ".join(_fmt(v) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items()) + "}"
    return str(value)


def result_text(result: Any) -> str:
    """`<TTestResult method='Welch Two Sample t-test' statistic=... p=...>` style one-line summary: the fields a
    result class names in `KEY_FIELDS` (its key numbers), else the estimate, interval, statistic, df, p and n."""
    parts = [f"method={result.method!r}"]
    for name in getattr(result, "KEY_FIELDS", _SHOWN):
        value = getattr(result, name, None)
        if value is None:
            continue
        parts.append(fmt_p(value).replace(" ", "") if name == "p_value" else f"{name}={_fmt(value)}")
    es = getattr(result, "effect_size", None)
    if es is not None:
        parts.append(f"{es.name}={_fmt(es.value)}")
    return f"<{type(result).__name__} " + " ".join(parts) + ">"
