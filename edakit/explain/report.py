"""Words for the report's columns, alerts and overview (`edakit.sections.words` lays them into the Report).

`first_sentence` is what the brief level keeps of each explanation.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from edakit._format import count_of, fmt_duration, verb, years_format
from edakit.explain.describe import numeric_facts, numeric_summary
from edakit.explain.facts import Explained
from edakit.explain.probability import probability_facts
from edakit.explain.words import fmt_num, fmt_pct, level_pct
from edakit.stats.quality import HEAVY_SKEW, HIGH_MISSING, Alert

if TYPE_CHECKING:
    from edakit.model import ColumnReport, Report

ROLE_WORDS = {
    "numeric": "numeric",
    "categorical": "categorical",
    "boolean": "true/false",
    "datetime": "date/time",
    "text": "free text",
    "identifier": "identifier",
    "constant": "constant",
    "empty": "all missing",
}


_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bal\.)\s+(?=[^\sa-z])")


def first_sentence(text: str) -> str:
    """The first sentence of `text` (abbreviations such as e.g. and decimals do not end one).

    >>> first_sentence("The mean is 4.5, e.g. for n = 3. It assumes independence.")
    'The mean is 4.5, e.g. for n = 3.'
    """
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text else text


def explain_column(col: ColumnReport, level: str = "95 %") -> None:
    with years_format(col.kind == "year"):  # a year column's numbers: 2007, not 2,007
        _explain_column(col, level)


def _explain_column(col: ColumnReport, level: str) -> None:
    if col.skipped:
        col.summary = f"{col.name} was skipped: {col.skipped}."
        return
    if col.numeric is not None:
        col.facts = numeric_facts(col.numeric, col.rows) + probability_facts(col)
        col.summary = numeric_summary(col.name, col.numeric)
        return
    present = col.rows - col.missing
    col.facts = [
        Explained(
            "n (non-missing)",
            present,
            explanation=f"{fmt_num(present)} of {fmt_num(col.rows)} rows have a value"
            + (f"; the {fmt_num(col.missing)} missing are left out of the counts and shares." if col.missing else "."),
        ),
        Explained(
            "missing",
            col.missing,
            explanation=f"{fmt_pct(col.missing_fraction)} of rows have no value."
            + (
                " If values are missing for reasons related to the values themselves, the shares below are biased."
                if col.missing
                else ""
            ),
        ),
        Explained(
            "distinct values",
            col.distinct,
            explanation=f"{fmt_num(col.distinct)} different non-missing value{'' if col.distinct == 1 else 's'}.",
        ),
    ]
    if col.role in ("categorical", "boolean", "constant"):
        col.summary = categorical_summary(col, level)
        if col.rare_levels is not None:
            col.facts.append(
                Explained(
                    "rare levels",
                    col.rare_levels,
                    explanation=(
                        f"{count_of(col.rare_levels, 'level')} {verb(col.rare_levels, 'is', 'are')} seen in under "
                        "1 % of the non-missing rows. Shares estimated from so few rows are very uncertain."
                        if col.rare_levels
                        else "No level is seen in under 1 % of the non-missing rows."
                    ),
                )
            )
    elif col.role == "datetime" and col.datetime:
        lo, hi = col.datetime.get("min"), col.datetime.get("max")
        col.facts += [
            Explained("earliest", str(lo), explanation=f"The earliest of the {fmt_num(present)} dates/times."),
            Explained("latest", str(hi), explanation=f"The latest of the {fmt_num(present)} dates/times."),
        ]
        if lo is not None and hi is not None:
            span = hi - lo
            words = fmt_duration(span) if isinstance(span, dt.timedelta) else str(span)
            col.facts.append(Explained("span", words, explanation="Time between the earliest and the latest."))
        col.summary = f"{col.name} holds {fmt_num(present)} dates/times from {lo} to {hi}."
        if col.role_reason and col.role_reason != "stored as dates":  # converted from text or Unix time: say how
            col.summary += f" How they were read: {col.role_reason}."
    elif col.role == "text" and col.lengths:
        ln = col.lengths
        col.facts += [
            Explained("shortest (characters)", ln.get("min"), explanation="Length of the shortest value."),
            Explained(
                "mean length",
                ln.get("mean"),
                explanation=f"Average length in characters of the {fmt_num(present)} values.",
            ),
            Explained("longest (characters)", ln.get("max"), explanation="Length of the longest value."),
        ]
        col.summary = (
            f"{col.name} is free text: {fmt_num(col.distinct)} distinct values, "
            f"{fmt_num(ln.get('mean'), 3)} characters long on average."
        )
    elif col.role == "identifier":
        col.summary = (
            f"{col.name} looks like an identifier ({col.role_reason}): it labels rows rather than "
            "measuring something, so it is not summarised further."
        )
    elif col.role == "empty":
        col.summary = f"{col.name} has no values at all."
    else:
        col.summary = f"{col.name}: {ROLE_WORDS.get(col.role, col.role)} column."
    col.facts += probability_facts(col)
    col.summary += "".join(f" {n}" for n in col.notes)


def categorical_summary(col: ColumnReport, level: str) -> str:
    if not col.top_values:
        return f"{col.name} has no values."
    top = col.top_values[0]
    present = col.rows - col.missing
    rows = f"{fmt_num(present)} non-missing rows" + (
        f" ({fmt_num(col.missing)} missing left out)" if col.missing else ""
    )
    parts = [
        f"{col.name} has {count_of(col.distinct, 'distinct value')} in {rows}. The most common is {top.value!s} "
        f"({fmt_num(top.count)} rows, {fmt_pct(top.proportion)}; {level} Wilson interval "
        f"{fmt_pct(top.ci[0])} to {fmt_pct(top.ci[1])})."
    ]
    if col.role == "constant":
        parts.append("It never changes, so it carries no information for comparisons.")
    else:
        parts.append(
            "The interval is the range of shares in the population compatible with these rows, if they are a "
            "random sample of it."
        )
    return " ".join(parts)


def alert_message(alert: Alert, rows: int, reason: str = "") -> str:
    """The alert in words; `reason` is the column's role reason (why an identifier is one)."""
    c = alert.column
    if alert.kind == "empty":
        return f"{c} has no values: the table has no rows." if rows == 0 else f"{c} is entirely missing."
    if alert.kind == "missing":
        return (
            f"{c} is {fmt_pct(alert.value)} missing (threshold {fmt_pct(HIGH_MISSING, 0)}); results for it use "
            "only the rows with a value, which may not be representative."
        )
    if alert.kind == "constant":
        return f"{c} has a single value in every non-missing row."
    if alert.kind == "identifier":
        why = reason or "every value distinct"
        return f"{c} looks like an identifier ({why}); it is not analysed as a measurement."
    if alert.kind == "high_cardinality":
        return f"{c} has {fmt_num(int(alert.value))} distinct values; only the most common are shown."
    if alert.kind == "skewed":
        return (
            f"{c} is heavily skewed (G1 = {fmt_num(alert.value, 3)}, beyond ±{HEAVY_SKEW:g}); prefer the "
            "median and IQR, or a log scale, to describe it."
        )
    if alert.kind == "outliers":
        return (
            f"{c} has {count_of(int(alert.value), 'value')} outside Tukey's fences ({fmt_pct(alert.value / rows)} of "
            "rows, beyond 1.5 × IQR from the quartiles); check whether they are errors or a long tail before "
            "removing any."
        )
    if alert.kind == "duplicates":
        return (
            f"{fmt_num(int(alert.value))} rows are exact copies of an earlier row "
            f"({fmt_pct(alert.value / rows)} of rows); check whether they are real repeats or double entries."
        )
    return f"{alert.kind}: {c}"


def overview_summary(report: Report) -> str:
    o = report.overview
    level = level_pct(report.settings.get("conf_level", 0.95))
    roles = ", ".join(f"{n} {ROLE_WORDS.get(r, r)}" for r, n in sorted(o.roles.items(), key=lambda kv: -kv[1]))
    parts = [f"The table has {fmt_num(o.rows)} rows and {fmt_num(o.columns)} columns ({roles})."]
    parts.append(f"{fmt_pct(o.missing_fraction)} of all cells are missing.")
    if o.duplicate_rows:
        parts.append(f"{fmt_num(o.duplicate_rows)} rows duplicate an earlier row.")
    parts.append(f"Every interval in this report is a {level} confidence interval.")
    if o.sampled:
        parts.append(
            f"Methods that need raw values use a seeded random sample of {fmt_num(o.sample_size)} rows; "
            "all other statistics use every row."
        )
    else:
        parts.append("Every statistic uses all the rows (no sampling).")
    return " ".join(parts)
