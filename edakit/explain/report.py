"""Fill in the words of a Report: column tables and paragraphs, alert messages, the overview summary."""

from __future__ import annotations

from edakit.explain.describe import numeric_facts, numeric_summary
from edakit.explain.words import fmt_num, fmt_pct, level_pct
from edakit.model import ColumnReport, Explained, Report
from edakit.stats.quality import HEAVY_SKEW, HIGH_MISSING, Alert

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


def explain_report(report: Report) -> None:
    level = level_pct(report.settings.get("conf_level", 0.95))
    for col in report.columns:
        explain_column(col, level)
    for alert in report.alerts:
        alert.message = alert_message(alert, report.overview.rows)
    report.overview.summary = overview_summary(report)
    from edakit.explain.charts import explain_charts

    explain_charts(report)


def explain_column(col: ColumnReport, level: str = "95 %") -> None:
    if col.skipped:
        col.summary = f"{col.name} was skipped: {col.skipped}."
        return
    if col.numeric is not None:
        col.facts = numeric_facts(col.numeric, col.rows)
        col.summary = numeric_summary(col.name, col.numeric)
        return
    present = col.rows - col.missing
    col.facts = [
        Explained(
            "n (non-missing)", present, explanation=f"{fmt_num(present)} of {fmt_num(col.rows)} rows have a value."
        ),
        Explained("missing", col.missing, explanation=f"{fmt_pct(col.missing_fraction)} of rows are missing."),
        Explained("distinct values", col.distinct, explanation="Different non-missing values."),
    ]
    if col.role in ("categorical", "boolean", "constant"):
        col.summary = categorical_summary(col, level)
        if col.rare_levels is not None:
            col.facts.append(
                Explained(
                    "rare levels",
                    col.rare_levels,
                    explanation="Levels seen in under 1 % of "
                    "the non-missing rows; estimates for them are very uncertain.",
                )
            )
    elif col.role == "datetime" and col.datetime:
        lo, hi = col.datetime.get("min"), col.datetime.get("max")
        col.facts += [Explained("earliest", str(lo)), Explained("latest", str(hi))]
        if lo is not None and hi is not None:
            span = hi - lo
            col.facts.append(Explained("span", str(span), explanation="Time between the earliest and latest."))
        col.summary = f"{col.name} holds dates/times from {lo} to {hi}."
    elif col.role == "text" and col.lengths:
        ln = col.lengths
        col.facts += [
            Explained("shortest (characters)", ln.get("min")),
            Explained("mean length", ln.get("mean")),
            Explained("longest (characters)", ln.get("max")),
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
    col.summary += "".join(f" {n}" for n in col.notes)


def categorical_summary(col: ColumnReport, level: str) -> str:
    if not col.top_values:
        return f"{col.name} has no values."
    top = col.top_values[0]
    parts = [
        f"{col.name} has {fmt_num(col.distinct)} distinct value(s). The most common is {top.value!s} "
        f"({fmt_num(top.count)} rows, {fmt_pct(top.proportion)}; {level} Wilson interval "
        f"{fmt_pct(top.ci[0])} to {fmt_pct(top.ci[1])})."
    ]
    if col.role == "constant":
        parts.append("It never changes, so it carries no information for comparisons.")
    else:
        parts.append("The interval is where the share in the population the rows were drawn from plausibly lies.")
    return " ".join(parts)


def alert_message(alert: Alert, rows: int) -> str:
    c = alert.column
    if alert.kind == "empty":
        return f"{c} is entirely missing."
    if alert.kind == "missing":
        return (
            f"{c} is {fmt_pct(alert.value)} missing (threshold {fmt_pct(HIGH_MISSING, 0)}); results for it use "
            "only the rows with a value, which may not be representative."
        )
    if alert.kind == "constant":
        return f"{c} has a single value in every non-missing row."
    if alert.kind == "identifier":
        return f"{c} looks like an identifier (every value distinct); it is not analysed as a measurement."
    if alert.kind == "high_cardinality":
        return f"{c} has {fmt_num(int(alert.value))} distinct values; only the most common are shown."
    if alert.kind == "skewed":
        return (
            f"{c} is heavily skewed (G1 = {fmt_num(alert.value, 3)}, beyond ±{HEAVY_SKEW:g}); prefer the "
            "median and IQR, or a log scale, to describe it."
        )
    if alert.kind == "outliers":
        return f"{c} has {fmt_num(int(alert.value))} value(s) outside Tukey's fences ({fmt_pct(alert.value / rows)})."
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
    return " ".join(parts)
