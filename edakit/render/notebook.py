"""Compact HTML for results shown on their own in Jupyter or VS Code."""

from __future__ import annotations

import re
from typing import Any

from edakit.render.html import environment, format_interval, format_number, format_p, format_percent, slugify

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


def column_html(column: Any, report: Any = None) -> str:
    """One column's card on its own: the report's column template inside the report's scoped CSS.

    `report` (the Report the column belongs to) gives the settings the card shows, such as the confidence
    level; without it the defaults of `ReportConfig` apply. Details are open, so nothing needs JavaScript.
    Links to the glossary are left out (it is not in the card): the terms stay as plain text.
    """
    from edakit.config import ReportConfig

    env = environment()
    index = next((i for i, c in enumerate(report.columns, 1) if c is column), 0) if report is not None else 0
    settings = {"conf_level": ReportConfig.conf_level, **(report.settings if report is not None else {})}
    body = env.get_template("column.html.j2").render(
        col=column,
        col_id=f"ek-card-{slugify(column.name, index)}",  # not the report's ids, which may be on the page too
        report={"settings": settings},  # all the template reads of the report
        details_open=True,
    )
    body = _GLOSSARY_LINK.sub(r"\1", body)
    css = env.get_template("report.css").render()
    return f'<div class="edakit ek-column-card"><style>{css}</style>{body}</div>'


# A link that `glossary_links` adds (data is escaped before, so it cannot make one).
_GLOSSARY_LINK = re.compile(r'<a href="#glossary-[^"]*" class="ek-term">(.*?)</a>', re.DOTALL)


def _fmt(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return ", ".join(_fmt(v) for v in value)
    return format_number(value)
