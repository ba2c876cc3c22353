"""The A/B test section (`edakit ab`, or `edakit.report(..., group=..., metrics=[...])`).

Runs only when `config.metrics` is set; `config.group` names the variant column. The per-variant counts and
moments come from the engine in one `group_by` (`engine.groups.group_aggregates`); everything else is
inference on those numbers (`stats.ab`, `stats.power`) and words (`explain.ab`). Order of the section: the
allocation check (a loud warning first when it fails), then one subsection per metric (variants, chart,
comparisons, CUPED), then how to read it (methods and the caveats of experiments).
"""

from __future__ import annotations

import re
from typing import Any

from edakit.errors import EdakitError
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats import ab as stats_ab
from edakit.stats.ab import ABComparison, ABResult, VariantEstimate

SECTION_ID = "ab-test"
KINDS = ("binary", "continuous")


def build(ctx: AnalysisContext) -> list[Section]:
    """The A/B section for `ctx`, or [] when no metrics are configured."""
    config = ctx.config
    if not getattr(config, "metrics", None):
        return []
    result = analyse(ctx.table.frame, ctx.schema, config)
    return [section_of(result)]


# ---------------------------------------------------------------------------------------------- analysis


def _check_config(config: Any, columns: list[str]) -> None:
    group, metrics, covariate = config.group, list(config.metrics or []), config.covariate
    if not group:
        raise EdakitError("An A/B test needs the variant column: pass --group (group=...) with --metric.")
    if not metrics:
        raise EdakitError("An A/B test needs at least one outcome: pass --metric (metrics=[...]).")
    unknown = [c for c in [group, *metrics, *([covariate] if covariate else [])] if c not in columns]
    if unknown:
        raise EdakitError(f"Unknown column(s): {', '.join(unknown)}. Columns are: {', '.join(columns)}.")
    if group in metrics:
        raise EdakitError(f"{group!r} is the variant column; it cannot also be a metric.")
    if covariate and (covariate == group or covariate in metrics):
        raise EdakitError(f"The covariate {covariate!r} must be a column other than the variant and the metrics.")
    if len(set(metrics)) != len(metrics):
        raise EdakitError(f"A metric is named twice: {', '.join(metrics)}.")
    if not (isinstance(config.alpha, (int, float)) and 0 < config.alpha < 1):
        raise EdakitError(f"--alpha must be between 0 and 1 (e.g. 0.05), not {config.alpha!r}.")
    if not (isinstance(config.power, (int, float)) and config.alpha < config.power < 1):
        raise EdakitError(f"--power must be between alpha and 1 (e.g. 0.8), not {config.power!r}.")
    for name, kind in (config.metric_types or {}).items():
        if name not in metrics:
            raise EdakitError(f"metric_types names {name!r}, which is not one of the metrics ({', '.join(metrics)}).")
        if kind not in KINDS:
            raise EdakitError(f"The type of metric {name!r} must be 'binary' or 'continuous', not {kind!r}.")


def analyse(frame: Any, schema: Any, config: Any) -> ABResult:
    """Run the A/B analysis of `frame` (a narwhals LazyFrame) under `config` (a ReportConfig)."""
    from edakit.engine.convert import apply_conversions
    from edakit.engine.groups import group_aggregates, label_text

    columns = list(frame.collect_schema().names())
    _check_config(config, columns)
    metrics, covariate, level = list(config.metrics), config.covariate, config.conf_level
    work = apply_conversions(frame, schema) if schema is not None else frame
    agg = group_aggregates(work, config.group, metrics, covariate)
    labels = agg.labels
    if len(labels) < 2:
        raise EdakitError(
            f"The variant column {config.group!r} has {len(labels)} value{'s' if len(labels) != 1 else ''} "
            f"({', '.join(labels) or 'none'}); an A/B test needs at least two variants."
        )
    control = labels[0] if config.control is None else label_text(config.control)
    if control not in labels:
        raise EdakitError(
            f"Unknown control variant {control!r}: the values of {config.group!r} are {', '.join(labels)}."
        )
    srm = stats_ab.srm_test(agg.rows, config.expected_split)
    result = ABResult(
        group=config.group,
        control=control,
        labels=labels,
        rows=agg.rows,
        srm=srm,
        variants={},
        kinds={},
        comparisons=[],
        covariate=covariate,
        alpha=float(config.alpha),
        power=float(config.power),
        conf_level=level,
        p_adjust=config.p_adjust,
        notes=list(agg.notes),
    )
    treatments = [lab for lab in labels if lab != control]
    for metric in metrics:
        kind, reason = _metric_kind(agg.scans[metric], (config.metric_types or {}).get(metric))
        if reason:
            result.skipped[metric] = reason
            continue
        result.kinds[metric] = kind
        moments = agg.metrics[metric]
        if agg.scans[metric].non_finite:
            result.notes.append(
                f"{agg.scans[metric].non_finite:,} non-finite value(s) (NaN or infinity) of {metric} were treated "
                "as missing."
            )
        result.variants[metric] = [_estimate(lab, moments[lab], agg.rows[lab], kind, level) for lab in labels]
        for t in treatments:
            key = f"{metric}: {t} vs {control}"
            try:
                comp = _compare(metric, kind, moments, t, control, config)
            except _Skip as exc:
                result.skipped[key] = str(exc)
                continue
            if covariate:
                arms = {lab: j for lab, j in agg.joint[metric].items() if j.n > 0}
                if control in arms and t in arms:
                    comp.cuped = stats_ab.cuped_compare(arms, control, t, covariate, level)
                if comp.cuped is None:
                    comp.notes.append(
                        f"CUPED could not be applied (too few rows with both {metric} and {covariate}, or a "
                        "constant covariate); the unadjusted comparison is the primary one."
                    )
            result.comparisons.append(comp)
    stats_ab.adjust_comparisons(result.comparisons, config.p_adjust)
    if abs((1 - level) - result.alpha) > 1e-12:
        result.notes.append(
            f"The intervals are {100 * level:g} % intervals while decisions use alpha = {result.alpha:g}; an "
            "interval may then exclude 0 for a non-significant comparison, or the reverse."
        )
    return result


class _Skip(Exception):
    """A comparison that cannot be computed (its reason is shown in the report)."""


def _metric_kind(scan: Any, declared: str | None) -> tuple[str, str | None]:
    """binary when the values are within {0, 1} (or boolean), else continuous; `declared` overrides."""
    if not scan.numeric:
        return "", f"not numeric ({scan.dtype}); an A/B metric must be 0/1, boolean or a number"
    if scan.count == 0:
        return "", "no values in any variant"
    if declared == "binary" and scan.not_01:
        neg = f", {scan.negatives:,} of them negative" if scan.negatives else ""
        return "", (
            f"declared binary but {scan.not_01:,} value(s) are neither 0 nor 1{neg}; recode it to 0/1 or declare "
            "it continuous"
        )
    if declared:
        return declared, None
    return ("binary" if scan.dtype == "Boolean" or scan.not_01 == 0 else "continuous"), None


def _estimate(label: str, m: Any, rows: int, kind: str, level: float) -> VariantEstimate:
    if kind == "binary":
        return stats_ab.rate_estimate(label, round(m.total), m.n, level, missing=rows - m.n)
    return stats_ab.mean_estimate(label, m.mean, m.var, m.n, level, missing=rows - m.n)


def _compare(metric: str, kind: str, moments: dict[str, Any], t: str, c: str, config: Any) -> ABComparison:
    mt, mc = moments[t], moments[c]
    need = 1 if kind == "binary" else 2
    for label, m in ((c, mc), (t, mt)):
        if m.n < need:
            raise _Skip(
                f"every value of {metric} is missing in variant {label}"
                if m.n == 0
                else f"variant {label} has only {m.n} value of {metric}; a variance needs two"
            )
    common = {
        "metric": metric,
        "treatment": t,
        "control": c,
        "conf_level": config.conf_level,
        "alpha": float(config.alpha),
        "power": float(config.power),
    }
    if kind == "binary":
        return stats_ab.compare_proportions(round(mt.total), mt.n, round(mc.total), mc.n, **common)
    return stats_ab.compare_means(mt.mean, mt.var, mt.n, mc.mean, mc.var, mc.n, **common)


# ---------------------------------------------------------------------------------------------- presentation


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "metric"


def _fmt(kind: str) -> tuple[str, str]:
    return ("pct", "ci_pct") if kind == "binary" else ("num", "ci")


def section_of(result: ABResult) -> Section:
    """The report section showing `result`: allocation, one subsection per metric, then how to read it."""
    from edakit.explain import ab as words
    from edakit.explain import explain

    blocks: list[Any] = []
    srm = result.srm
    if srm is not None and srm.mismatch:
        blocks.append(Paragraph(explain(srm), tone="warning"))
    if srm is not None:
        blocks.append(
            TableBlock(
                caption=f"Allocation of rows to the variants of {result.group}",
                columns=[
                    TableColumn("variant", "text"),
                    TableColumn("rows", "int", "rows assigned to the variant, with or without a metric value"),
                    TableColumn("share", "pct", "observed share of the rows"),
                    TableColumn("planned share", "pct", "the expected split (equal unless given)"),
                ],
                rows=[
                    [
                        _variant_label(lab, result.control),
                        result.rows[lab],
                        result.rows[lab] / max(srm.n or 0, 1),
                        srm.expected_share.get(lab),
                    ]
                    for lab in result.labels
                ],
            )
        )
        if not srm.mismatch:
            blocks.append(Paragraph(explain(srm)))
    subsections = [_metric_section(result, metric, index) for index, metric in enumerate(result.variants)]
    subsections.append(_reading_section(result, words))
    notes = list(result.notes) + [f"Skipped {k}: {v}." for k, v in result.skipped.items()]
    return Section(
        SECTION_ID,
        f"A/B test: {', '.join(result.variants) or 'no metric'} by {result.group}",
        summary=explain(result),
        blocks=blocks,
        subsections=subsections,
        notes=notes,
    )


def _variant_label(label: str, control: str) -> str:
    return f"{label} (control)" if label == control else label


def _metric_section(result: ABResult, metric: str, index: int) -> Section:
    from edakit.explain import explain

    kind = result.kinds[metric]
    value_fmt, ci_fmt = _fmt(kind)
    what = "rate" if kind == "binary" else "mean"
    level = f"{100 * result.conf_level:g} %"
    estimates = result.variants[metric]
    blocks: list[Any] = [
        TableBlock(
            caption=f"{metric}: {what} per variant",
            columns=[
                TableColumn("variant", "text"),
                TableColumn("n", "int", "rows with a value of the metric"),
                TableColumn("missing", "int", "rows of the variant without a value"),
                TableColumn(what, value_fmt, "share of 1s" if kind == "binary" else "arithmetic mean"),
                TableColumn(f"{level} CI", ci_fmt, "Wilson score interval" if kind == "binary" else "t interval"),
            ],
            rows=[
                [_variant_label(e.label, result.control), e.n, e.missing, e.mean, list(e.ci) if e.ci else None]
                for e in estimates
            ],
        ),
        _chart(result, metric, kind, estimates),
    ]
    comps = [c for c in result.comparisons if c.metric == metric]
    if comps:
        blocks.append(_comparison_table(result, metric, kind, comps))
        if any(c.cuped is not None for c in comps):
            blocks.append(_cuped_table(result, metric, kind, comps))
        blocks += [Paragraph(explain(c)) for c in comps]
    notes = [f"Skipped {k}: {v}." for k, v in result.skipped.items() if k.startswith(f"{metric}: ")]
    return Section(
        f"{SECTION_ID}-{index + 1}-{_slug(metric)}",
        f"{metric} ({'rate, binary metric' if kind == 'binary' else 'mean, continuous metric'})",
        blocks=blocks,
        notes=notes,
    )


def _chart(result: ABResult, metric: str, kind: str, estimates: list[VariantEstimate]) -> ChartBlock:
    shown = [e for e in estimates if e.mean is not None]
    what = "rate" if kind == "binary" else "mean"
    level = f"{100 * result.conf_level:g} %"

    def value(v: float) -> str:
        return f"{100 * v:.3g} %" if kind == "binary" else f"{v:.4g}"

    parts = [f"{e.label} {value(e.mean)}" + (f" ({value(e.ci[0])} to {value(e.ci[1])})" if e.ci else "") for e in shown]
    return ChartBlock(
        kind="group_means_ci",
        data={
            "labels": [e.label for e in shown],
            "means": [e.mean for e in shown],
            "cis": [list(e.ci) if e.ci else None for e in shown],
            "value_label": f"{metric} ({what})",
            "metric": metric,
            "kind": kind,
            "control": result.control,
            "percent": kind == "binary",
        },
        caption=f"{metric}: {what} per variant with its {level} confidence interval.",
        alt=f"{what.capitalize()} of {metric} per variant with {level} intervals: " + "; ".join(parts) + ".",
    )


def _comparison_table(result: ABResult, metric: str, kind: str, comps: list[ABComparison]) -> TableBlock:
    value_fmt, ci_fmt = _fmt(kind)
    level = f"{100 * result.conf_level:g} %"
    unit = " (points)" if kind == "binary" else ""
    adjusted = any(c.p_adjusted is not None for c in comps)
    columns = [
        TableColumn("comparison", "text"),
        TableColumn(f"lift{unit}", value_fmt, "treatment minus control" + (" in percentage points" if unit else "")),
        TableColumn(f"{level} CI", ci_fmt, "unpooled Wald interval" if kind == "binary" else "Welch interval"),
        TableColumn("relative lift", "pct", "treatment / control − 1"),
        TableColumn(f"{level} CI (relative)", "ci_pct", "delta-method interval"),
        TableColumn("p", "p", "two-proportion z test" if kind == "binary" else "Welch t test"),
    ]
    if adjusted:
        columns.append(TableColumn(f"p ({result.p_adjust})", "p", "adjusted across all comparisons of the test"))
    columns += [
        TableColumn("Cohen's h" if kind == "binary" else "Cohen's d", "num", "standardised effect size"),
        TableColumn("power", "pct", "power to detect the observed lift"),
        TableColumn(f"MDE{unit}", value_fmt, f"smallest lift detected with {100 * result.power:g} % power"),
    ]
    rows = []
    for c in comps:
        row = [
            f"{c.treatment} vs {c.control}",
            c.estimate,
            list(c.ci) if c.ci else None,
            c.relative_lift,
            list(c.relative_ci) if c.relative_ci else None,
            c.p_value,
        ]
        if adjusted:
            row.append(c.p_adjusted if c.cuped is None else None)
        row += [c.effect_size.value if c.effect_size else None, c.achieved_power, c.mde]
        rows.append(row)
    return TableBlock(caption=f"{metric}: each variant against {result.control}", columns=columns, rows=rows)


def _cuped_table(result: ABResult, metric: str, kind: str, comps: list[ABComparison]) -> TableBlock:
    value_fmt, ci_fmt = _fmt(kind)
    level = f"{100 * result.conf_level:g} %"
    adjusted = any(c.p_adjusted is not None for c in comps)
    columns = [
        TableColumn("comparison", "text"),
        TableColumn("θ", "num", "pooled within-variant slope of the metric on the covariate"),
        TableColumn("variance reduction", "pct", "share of the within-variant variance removed"),
        TableColumn("adjusted lift", value_fmt, "difference of the CUPED-adjusted means"),
        TableColumn(f"{level} CI", ci_fmt, "Welch interval on the adjusted metric"),
        TableColumn("relative lift", "pct", "adjusted treatment / adjusted control − 1"),
        TableColumn("p", "p", "Welch t test on the adjusted metric"),
    ]
    if adjusted:
        columns.append(TableColumn(f"p ({result.p_adjust})", "p", "adjusted across all comparisons of the test"))
    rows = []
    for c in comps:
        cu = c.cuped
        if cu is None:
            continue
        row = [
            f"{c.treatment} vs {c.control}",
            cu.theta,
            cu.variance_reduction,
            cu.estimate,
            list(cu.ci) if cu.ci else None,
            cu.relative_lift,
            cu.p_value,
        ]
        if adjusted:
            row.append(c.p_adjusted)
        rows.append(row)
    return TableBlock(
        caption=f"{metric}: CUPED-adjusted comparisons (covariate {result.covariate})", columns=columns, rows=rows
    )


def _reading_section(result: ABResult, words: Any) -> Section:
    level = f"{100 * result.conf_level:g} %"
    methods = [
        f"Rates: {level} Wilson score intervals per variant; the lift is the difference of rates with an unpooled "
        "Wald interval, tested by the two-proportion z test (R's prop.test without continuity correction); "
        "effect size Cohen's h = 2·asin(√p_t) − 2·asin(√p_c).",
        f"Means: {level} t intervals per variant; the lift is the difference of means with Welch's interval and "
        "t test (unequal variances); effect size Cohen's d with the pooled standard deviation.",
        words.DELTA_METHOD,
        f"Power and minimum detectable effect (MDE) at alpha = {result.alpha:g}, two-sided, for the sample sizes "
        f"observed; the MDE is the smallest true lift detected with {100 * result.power:g} % power (Cohen's h "
        "with the normal test for rates, the noncentral t for means). Use edakit.stats.sample_size to plan.",
    ]
    if len(result.comparisons) > 1:
        methods.append(
            f"{len(result.comparisons)} comparisons (variants × metrics) are tested at once, so each p-value is "
            f"also adjusted by the {words.METHOD_NAMES.get(result.p_adjust, result.p_adjust)} method, and the "
            "decision uses the adjusted p-value; otherwise the chance of at least one false positive grows with "
            "the number of comparisons."
        )
    if result.covariate:
        methods.append(
            f"CUPED: the metric is replaced by metric − θ·({result.covariate} − its mean), θ the pooled "
            "within-variant regression slope (the same adjusted lift as a regression of the metric on the variant "
            "and the covariate); it removes the part of the variance the pre-period covariate explains. The "
            "adjusted comparison is the primary one and enters the multiple-testing adjustment."
        )
    blocks = [Paragraph(text, tone="formula") for text in methods]
    blocks += [Paragraph(words.PEEKING, tone="note"), Paragraph(words.NOVELTY, tone="note")]
    return Section(f"{SECTION_ID}-reading", "How to read this A/B test", blocks=blocks)
