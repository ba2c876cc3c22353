"""Compact HTML for results shown on their own in Jupyter or VS Code."""

from __future__ import annotations

from typing import Any

from edakit.render.html import environment, format_interval, format_number, format_p, format_percent

_FIELDS = (
    ("estimate", "estimate"),
    ("statistic", "statistic"),
    ("df", "df"),
    ("p_value", "p-value"),
    ("n", "n"),
    ("mean", "mean"),
    ("sd", "sd"),
    ("median", "median"),
    ("iqr", "IQR"),
    ("skewness", "skewness"),
)


def result_html(result: Any) -> str:
    """A small card: the method, the main numbers and the explanation."""
    rows = []
    for name, label in _FIELDS:
        value = getattr(result, name, None)
        if value is not None:
            rows.append((label, format_p(value) if name == "p_value" else _fmt(value)))
    ci = getattr(result, "ci", None) or getattr(result, "mean_ci", None)
    if ci:
        rows.append((f"{format_percent(getattr(result, 'conf_level', 0.95), 0)} CI", format_interval(ci)))
    es = getattr(result, "effect_size", None)
    if es is not None:
        text = _fmt(es.value) + (f" ({format_interval(es.ci)})" if es.ci else "")
        rows.append((es.name, text + (f", {es.magnitude}" if es.magnitude else "")))
    return (
        environment()
        .get_template("result_card.html.j2")
        .render(title=result.method, rows=rows, explanation=result.explanation)
    )


def _fmt(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return ", ".join(_fmt(v) for v in value)
    return format_number(value)
