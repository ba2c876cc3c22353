"""The A/B test section (`edakit ab`, or `edakit.report(..., group=..., metrics=[...])`).

Runs only when `config.metrics` is set; `config.group` names the variant column. The four steps, one module each:

* gather (`edakit.engine.ab`): the settings checked against the table and the per-variant counts and moments in
  one `group_by`; `gather(ctx)` here runs it, and the section runner starts it on a thread while scipy is
  imported;
* analyse (`edakit.stats.ab_analysis`, procedures in `edakit.stats.ab`, results in `edakit.stats.ab_results`):
  the allocation check, the comparisons, power, CUPED and the multiple-testing adjustment;
* explain (`edakit.explain.ab`): the words;
* lay out (this module): `build(ctx, gathered)` leaves the typed `ABResult` in `ctx.results["ab"]` (so
  `Report.ab`) and lays out the section from its fields. Order of the section: the allocation check (a loud
  warning first when it fails), then one subsection per metric (variants, chart, comparisons, CUPED), then how to
  read it (methods and the caveats of experiments).
"""

from __future__ import annotations

import re
from typing import Any

from edakit.engine import ab as gathering
from edakit.engine.ab import ABAggregates
from edakit.explain import ab as words
from edakit.explain import explain
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.ab_analysis import analyse
from edakit.stats.ab_results import ABComparison, ABResult, VariantEstimate

__all__ = ["build", "gather", "section_of"]

SECTION_ID = "ab-test"
KINDS = gathering.KINDS
RESULT_FIELD = "ab"  # the Report field that keeps the typed result


def gather(ctx: AnalysisContext) -> ABAggregates | None:
    """The engine's aggregates of the A/B test (no scipy: the section runner runs this while scipy is imported;
    a report on rows polars holds starts it before the profile, `pipeline._start_ab_gather`), or None when no
    metrics are configured. Raises the analysis' user errors (unknown column, one variant, ...)."""
    if not getattr(ctx.config, "metrics", None):
        return None
    counted = getattr(ctx.summary, "levels", {}).get(ctx.config.group)  # the profile's counts of the variants
    variants = list(counted.values) if counted is not None and counted.complete else None
    return gathering.gather(ctx.table.frame, ctx.schema, ctx.config, variants, ctx.table.in_memory)


def build(ctx: AnalysisContext, gathered: ABAggregates | None = None) -> list[Section]:
    """The A/B section for `ctx`, or [] when no metrics are configured; the typed result is left in
    `ctx.results["ab"]`."""
    if gathered is None:
        gathered = gather(ctx)
    if gathered is None:
        return []
    result = analyse(gathered, ctx.config)
    ctx.results[RESULT_FIELD] = result
    return [section_of(result)]


# ---------------------------------------------------------------------------------------------- presentation


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "metric"


def _fmt(kind: str) -> tuple[str, str]:
    return ("pct", "ci_pct") if kind == "binary" else ("num", "ci")


def section_of(result: ABResult) -> Section:
    """The report section showing `result`: allocation, one subsection per metric, then how to read it."""
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
        if any(c.equivalence is not None for c in comps):
            blocks.append(_equivalence_table(result, metric, kind, comps))
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
    raw = " (unadjusted)" if adjusted else ""  # beside an adjusted p, say that the intervals are not
    columns = [
        TableColumn("comparison", "text"),
        TableColumn(f"lift{unit}", value_fmt, "treatment minus control" + (" in percentage points" if unit else "")),
        TableColumn(
            f"{level} CI{raw}", ci_fmt, "Newcombe's hybrid score interval" if kind == "binary" else "Welch interval"
        ),
        TableColumn("rows used", "int", "rows with a value of the metric in the two variants (full data, no sampling)"),
        TableColumn("relative lift", "pct", "treatment / control − 1"),
        TableColumn(f"{level} CI (relative){raw}", "ci_pct", "interval of the ratio on the log scale"),
        TableColumn("p", "p", "two-proportion z test" if kind == "binary" else "Welch t test"),
    ]
    if adjusted:
        columns.append(TableColumn(f"p ({result.p_adjust})", "p", "adjusted across all comparisons of the test"))
    columns += [
        TableColumn("Cohen's h" if kind == "binary" else "Cohen's d", "num", "standardised effect size (no label)"),
        TableColumn(f"{level} CI (h)" if kind == "binary" else f"{level} CI (d)", "ci", "interval of the effect size"),
        TableColumn(
            f"MDE (±){unit}",
            value_fmt,
            f"smallest true lift, up or down, detected with {100 * result.power:g} % power"
            + (" (the rise; the fall is in the text)" if kind == "binary" else ""),
        ),
    ]
    rows = []
    for c in comps:
        row = [
            f"{c.treatment} vs {c.control}",
            c.estimate,
            list(c.ci) if c.ci else None,
            c.n_treatment + c.n_control,
            c.relative_lift,
            list(c.relative_ci) if c.relative_ci else None,
            c.p_value,
        ]
        if adjusted:
            row.append(c.p_adjusted if c.cuped is None else None)
        e = c.effect_size
        row += [e.value if e else None, list(e.ci) if e is not None and e.ci else None, c.mde]
        rows.append(row)
    return TableBlock(caption=f"{metric}: each variant against {result.control}", columns=columns, rows=rows)


def _cuped_table(result: ABResult, metric: str, kind: str, comps: list[ABComparison]) -> TableBlock:
    value_fmt, ci_fmt = _fmt(kind)
    level = f"{100 * result.conf_level:g} %"
    adjusted = any(c.p_adjusted is not None for c in comps)
    raw = " (unadjusted)" if adjusted else ""  # beside an adjusted p, say that the interval is not
    columns = [
        TableColumn("comparison", "text"),
        TableColumn("θ", "num", "pooled within-variant slope of the metric on the covariate"),
        TableColumn("variance reduction", "pct", "share of the within-variant variance removed"),
        TableColumn("adjusted lift", value_fmt, "difference of the CUPED-adjusted means"),
        TableColumn(f"{level} CI{raw}", ci_fmt, "t interval with the ANCOVA's HC2 robust standard error"),
        TableColumn("rows used", "int", "rows with both the metric and the covariate (full data)"),
        TableColumn("relative lift", "pct", "adjusted treatment / adjusted control − 1"),
        TableColumn("p", "p", "t test of the ANCOVA's variant coefficient, HC2 robust standard error"),
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
            cu.n_treatment + cu.n_control,
            cu.relative_lift,
            cu.p_value,
        ]
        if adjusted:
            row.append(c.p_adjusted)
        rows.append(row)
    return TableBlock(
        caption=f"{metric}: CUPED-adjusted comparisons (covariate {result.covariate})", columns=columns, rows=rows
    )


def _equivalence_table(result: ABResult, metric: str, kind: str, comps: list[ABComparison]) -> TableBlock:
    value_fmt, ci_fmt = _fmt(kind)
    level = f"{100 * (1 - 2 * result.alpha):g} %"
    rows = [
        [
            f"{c.treatment} vs {c.control}",
            e.margin,
            e.estimate,
            list(e.ci),
            e.p_lower,
            e.p_upper,
            e.p_value,
            "equivalent" if e.equivalent else "not shown",
        ]
        for c in comps
        if (e := c.equivalence) is not None
    ]
    return TableBlock(
        caption=f"{metric}: equivalence (TOST) within the smallest lift that matters",
        columns=[
            TableColumn("comparison", "text"),
            TableColumn("margin (±)", value_fmt, "the smallest lift that matters, given by the user"),
            TableColumn("lift", value_fmt, "the lift the decision rests on (CUPED-adjusted when there is one)"),
            TableColumn(f"{level} CI", ci_fmt, "equivalent when it lies inside ± the margin"),
            TableColumn("p (lift ≤ −margin)", "p", "one-sided test against the lower margin"),
            TableColumn("p (lift ≥ +margin)", "p", "one-sided test against the upper margin"),
            TableColumn("p (TOST)", "p", "the larger of the two"),
            TableColumn("verdict", "text", f"both one-sided tests reject at alpha = {result.alpha:g}"),
        ],
        rows=rows,
    )


def _reading_section(result: ABResult, words: Any) -> Section:
    level = f"{100 * result.conf_level:g} %"
    methods = [
        f"Rates: {level} Wilson score intervals per variant; the lift is the difference of rates with Newcombe's "
        "hybrid score interval (from the two Wilson intervals; it stays within ±100 points), tested by the "
        "two-proportion z test (R's prop.test without continuity correction); standardised effect size Cohen's "
        "h = 2·asin(√p_t) − 2·asin(√p_c) with the interval h ± z·√(1/n_t + 1/n_c), and the risk ratio with its "
        "log-scale interval.",
        f"Means: {level} t intervals per variant; the lift is the difference of means with Welch's interval and "
        "t test (unequal variances); standardised effect size Cohen's d with the pooled standard deviation and its "
        'noncentral-t interval. Cohen\'s labels ("small", "negligible") are not used here: the lift and its '
        "interval, in the metric's own units, are the effect size a decision needs.",
        "Every number here is computed on all rows with a value (full data); nothing is sampled.",
        words.DELTA_METHOD,
        f"Minimum detectable effect (MDE) at alpha = {result.alpha:g}, two-sided, for the sample sizes observed: "
        f"the smallest true lift, up or down, detected with {100 * result.power:g} % power (Cohen's h with the "
        "normal test for rates, the noncentral t for means). No power is computed from the observed lift, as "
        "it adds nothing to the p-value. Use edakit.stats.sample_size to plan.",
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
            "within-variant regression slope: the adjusted lift is the variant coefficient of the regression "
            "(ANCOVA) of the metric on the variant and the covariate, and its standard error is that regression's "
            "HC2 robust one (it allows for θ being estimated and for unequal variances; with fewer than 30 rows "
            "in an arm it can be too small). It removes the part of the variance the pre-period covariate "
            "explains. The adjusted comparison is the primary one and enters the multiple-testing adjustment; the "
            "covariate itself is not tested (a baseline measure is not an outcome, and is balanced by the "
            "randomisation)."
        )
    blocks = [Paragraph(text, tone="formula") for text in methods]
    blocks += [Paragraph(words.PEEKING, tone="note"), Paragraph(words.NOVELTY, tone="note")]
    return Section(f"{SECTION_ID}-reading", "How to read this A/B test", blocks=blocks)
