"""The group-comparison section: `edakit report data.csv --group COLUMN` (or `--target COLUMN`).

Group mode compares every numeric column across the levels of the group column and tests every categorical or
boolean column against it. Target mode takes the target as the outcome: a numeric target is compared across
the levels of each categorical column and correlated with each numeric column; a categorical target is
analysed like a group column.

The four steps, one module each:

* gather (`edakit.engine.comparisons`): the plan of columns and every engine query; `gather(ctx)` here runs it
  for the group and the target column, and the section runner starts it on a thread while scipy is imported;
* analyse (`edakit.stats.comparisons`, results in `edakit.stats.comparison_results`): the tests, the method
  choice, the multiple-testing adjustment and the post-hoc pairs;
* explain (`edakit.explain.comparisons`): the words;
* lay out (this module): `build(ctx, gathered)` leaves the typed `ComparisonAnalysis` in
  `ctx.results["comparisons"]` (`--group`) or `ctx.results["target"]` (`--target`) and lays out the section's
  tables, charts and paragraphs from its fields. Detailed subsections (tables and charts) are shown for the first
  `MAX_DETAILED` comparisons.
"""

from __future__ import annotations

import math
import re
from typing import Any

from edakit.engine import comparisons as gathering
from edakit.engine import paired as paired_gathering
from edakit.engine.comparisons import ComparisonAggregates
from edakit.engine.paired import PairedAggregates
from edakit.explain import baseline as baseline_words
from edakit.explain import comparisons as words
from edakit.explain.words import ONE_SIDED, estimate_with_interval, fmt_num, fmt_p
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.sections import target as target_layout
from edakit.sections.paired import section_of as paired_section_of
from edakit.sections.paired import skipped_table
from edakit.stats import comparisons as procedures
from edakit.stats import paired_analysis as paired_procedures
from edakit.stats.chartdata import BoxStats
from edakit.stats.comparison_results import (
    CategoricalComparison,
    Comparison,
    ComparisonAnalysis,
    CorrelationComparison,
    GroupTest,
    NumericComparison,
)
from edakit.stats.comparisons import adjust
from edakit.stats.result import EffectSize

__all__ = ["adjust", "analyse", "build", "gather", "section_of"]

MAX_COLUMNS = gathering.MAX_COLUMNS  # compared columns per section
MAX_DETAILED = 25  # subsections with group tables, charts and assumption checks
MAX_CHART_BARS = 40
UNADJUSTED = "not widened for the tests of this section, unlike the adjusted p beside it"
SECTION_ID = "comparisons"
RESULT_FIELDS = {"group": "comparisons", "target": "target"}  # the Report field of each mode's typed result


def gather(ctx: AnalysisContext) -> list[ComparisonAggregates | PairedAggregates]:
    """The engine's aggregates for `--group` (laid out by unit with `--pair`) and then `--target` (no scipy: the
    section runner runs this while scipy is imported); [] when the section is off. Raises the section's user errors
    (unknown column, ...)."""
    config = ctx.config
    if not getattr(config, "comparisons", True) or getattr(config, "metrics", None):
        return []  # switched off, or an A/B test (`edakit ab`) owns the group column
    out: list[ComparisonAggregates | PairedAggregates] = []
    if config.group and config.pair:
        out.append(paired_gathering.gather(ctx, config.group, config.pair))
    elif config.group:
        out.append(gathering.gather(ctx, config.group, "group", MAX_COLUMNS))
    if config.target:
        out.append(gathering.gather(ctx, config.target, "target", MAX_COLUMNS))
    return out


def build(ctx: AnalysisContext, gathered: list[ComparisonAggregates | PairedAggregates] | None = None) -> list[Section]:
    """The comparison section(s): one for `--group` (paired with `--pair`), one for `--target` ([] when neither is
    given). Each typed result is left in `ctx.results` under its Report field."""
    out = []
    for aggregates in gather(ctx) if gathered is None else gathered:
        a = _analyse(ctx, aggregates)
        ctx.results[RESULT_FIELDS[a.mode]] = a
        out.append(paired_section_of(a) if a.pair else section_of(a))
    return out


def analyse(ctx: AnalysisContext, by: str, mode: str = "group") -> ComparisonAnalysis:
    """Gather and analyse the comparison of every usable column with `by` (a group column, or the target in
    `mode="target"`), without laying it out."""
    return _analyse(ctx, gathering.gather(ctx, by, mode, MAX_COLUMNS))


def _analyse(ctx: AnalysisContext, aggregates: ComparisonAggregates | PairedAggregates) -> ComparisonAnalysis:
    config = ctx.config
    options = {"alpha": config.alpha, "conf_level": config.conf_level, "p_adjust": config.p_adjust}
    design = getattr(config, "design", "observational")
    if isinstance(aggregates, PairedAggregates):
        return paired_procedures.analyse(aggregates, design=design, seed=config.seed, **options)
    a = procedures.analyse(aggregates, **options)
    a.design = design
    return a


def section_of(a: ComparisonAnalysis) -> Section:
    """The report section for `a`: how tests were chosen, overview tables, then one subsection per column."""
    blocks: list[Any] = [Paragraph(words.methods_paragraph(a), tone="method")]  # left out of brief reports
    if a.numeric:
        blocks.append(numeric_table(a))
    if a.correlations:
        blocks.append(correlation_table(a))
    if a.categorical:
        blocks += target_layout.overview_blocks(a)  # a categorical target: its rate by each predictor's levels
        blocks.append(categorical_table(a))
    if a.skipped:
        blocks.append(skipped_table(a))
    if a.baseline:
        blocks.insert(1, Paragraph(baseline_words.baseline_paragraph(a)))
    notes = list(a.notes)
    if a.pairing_keys:
        notes.insert(0, words.pairing_note(a))
    if a.left_out:
        notes.append(words.left_out_note(a.left_out, MAX_COLUMNS))
    detailed = [c for c in a.comparisons if not isinstance(c, CorrelationComparison)]
    subsections = [_detail_section(a, c, i) for i, c in enumerate(detailed[:MAX_DETAILED])]
    if len(detailed) > MAX_DETAILED:
        notes.append(words.detail_note(MAX_DETAILED, len(detailed)))
    return Section(
        f"{SECTION_ID}-{a.mode}",
        words.section_title(a),
        summary=words.section_summary(a),
        blocks=blocks,
        subsections=subsections,
        notes=notes,
    )


def _name(a: ComparisonAnalysis, column: str) -> str:
    """A compared column's name, marked when it is a baseline column (adjusted in a family of its own)."""
    return f"{column} (baseline)" if column in a.baseline else column


def _adjust_name(a: ComparisonAnalysis) -> str:
    return "Holm" if a.p_adjust == "holm" else "BH"


def _effect_text(effect: EffectSize | None, conf: float) -> str | None:
    if effect is None or effect.value is None or not math.isfinite(effect.value):
        return None
    return f"{effect.name} = {estimate_with_interval(effect.value, effect.ci, conf, effect.ci_kind)}"


def _ci_cell(ci: tuple[float, float] | None, kind: str | None = None) -> list[Any] | None:
    """An interval cell; a one-sided interval [0, U] (an estimate at its boundary 0) carries its kind third."""
    if not ci:
        return None
    return [float(ci[0]), float(ci[1]), kind] if kind == ONE_SIDED else [float(ci[0]), float(ci[1])]


def _p_cell(test: GroupTest | None) -> float | None:
    return test.p_value if test is not None and test.defined else None


def _size_cell(t: GroupTest | None) -> str | None:
    """The effect's magnitude, with its value when the effect is not the estimate itself (e.g. d for a difference)."""
    e = t.effect_size if t is not None else None
    if e is None or e.value is None or not math.isfinite(e.value):
        return None
    from edakit.explain.hypothesis import label_span

    span = label_span(e)
    size = f"{e.magnitude}?, CI spans {span[0]} to {span[1]}" if span and e.magnitude else e.magnitude
    if t.estimate is not None and e.value == t.estimate:
        return size
    short = {"Cohen's d": "d", "rank-biserial correlation": "r"}.get(e.name, e.name)
    if e.ci is None:
        ci = ", no interval"
    elif e.ci_kind == ONE_SIDED:
        ci = f", one-sided upper limit {fmt_num(e.ci[1], 3)}"
    else:
        ci = f", {fmt_num(e.ci[0], 3)} to {fmt_num(e.ci[1], 3)}"
    return f"{size} ({short} = {fmt_num(e.value, 3)}{ci})" if size else f"{short} = {fmt_num(e.value, 3)}{ci}"


def _alternative_cell(c: Comparison, alpha: float) -> str | None:
    alt = c.alternative
    if alt is None:
        return None
    where = " (sample)" if alt.on_sample else ""
    if not alt.defined:
        return f"{alt.name}{where}: undefined"
    agree = words.agreement(c, alpha)
    verdict = {"yes": "agrees", "no": "disagrees"}.get(agree or "", "")
    return f"{alt.name}{where}: {fmt_p(alt.p_value)}" + (f", {verdict}" if verdict else "")


def numeric_table(a: ComparisonAnalysis) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows = []
    for c in sorted(a.numeric, key=lambda c: c.order):
        p = c.primary
        rows.append(
            [
                _name(a, c.label),
                sum(g.n for g in c.groups),
                p.name + (" (sample)" if p.on_sample else ""),
                p.estimate_name,
                p.estimate,
                _ci_cell(p.ci, p.ci_kind),
                _size_cell(p),
                _p_cell(p),
                c.p_adjusted,
                _alternative_cell(c, a.alpha),
            ]
        )
    what = f"{a.by} across each categorical column" if a.numeric_target else f"numeric columns across {a.by}"
    return TableBlock(
        caption=f"Comparisons of {what}: primary test, estimate, effect size, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column" if not a.numeric_target else "Grouping column", "text"),
            TableColumn("n", "int", "values present in all groups together (full data); per group in the details"),
            TableColumn(
                "Primary test", "text", "fixed in advance by the rule under How this was computed, not by a pre-test"
            ),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(
                f"{level} CI (unadjusted)",
                "ci",
                f"{level} confidence interval of the estimate; " + UNADJUSTED,
            ),
            TableColumn(
                "Effect size",
                "text",
                "Cohen's (1988) conventions, named in the details; '?' when the interval spans labels",
            ),
            TableColumn("p", "p", "unadjusted p-value of the primary test"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn(
                "Sensitivity analysis",
                "text",
                f"the pre-specified rank test (unadjusted p) and whether it falls on the same side of {a.alpha:g}",
            ),
        ],
        rows=rows,
    )


def categorical_table(a: ComparisonAnalysis) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows = []
    for c in sorted(a.categorical, key=lambda c: c.order):
        chi = c.primary if c.primary.key == "chisq" else c.alternative
        effect = c.primary.effect_size
        rows.append(
            [
                _name(a, c.column),
                c.primary.n,
                f"{len(c.row_labels)} × {len(c.col_labels)}",
                c.primary.name,
                _statistic_cell(chi),
                effect.value if effect else None,
                _ci_cell(effect.ci, effect.ci_kind) if effect else None,
                effect.magnitude if effect else None,
                _p_cell(c.primary),
                c.p_adjusted,
                _alternative_cell(c, a.alpha),
            ]
        )
    return TableBlock(
        caption=f"Categorical columns tested against {a.by}: association, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column", "text"),
            TableColumn("n", "int", f"rows with both the column and {a.by} present"),
            TableColumn("Table", "text", f"levels of the column × groups of {a.by}"),
            TableColumn("Test chosen", "text"),
            TableColumn("X²(df)", "text", "Pearson's chi-square statistic (Yates-corrected for 2×2 tables, as R)"),
            TableColumn("Cramér's V", "num", "bias-corrected (Bergsma 2013): 0 none, 1 complete association"),
            TableColumn(
                f"{level} CI (unadjusted)",
                "ci",
                "interval for V; " + UNADJUSTED,
            ),
            TableColumn("Size", "text", "Cohen's (1988) w thresholds scaled to V"),
            TableColumn("p", "p", "unadjusted p-value of the chosen test"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn("Alternative test", "text", "Fisher's exact test for 2×2 tables (or the chi-square test)"),
        ],
        rows=rows,
    )


def _statistic_cell(t: GroupTest | None) -> str | None:
    """E.g. "F(2, 339) = 410.6", "t(17.78) = −1.861", "W = 25.5"."""
    if t is None or t.statistic is None or not t.statistic_name:
        return None
    name = "X²" if t.statistic_name == "X-squared" else t.statistic_name
    if isinstance(t.df, (tuple, list)):
        name += "(" + ", ".join(fmt_num(float(v), 4) for v in t.df) + ")"
    elif t.df is not None:
        name += f"({fmt_num(float(t.df), 4)})"
    return f"{name} = {fmt_num(t.statistic, 4)}".replace("-", "−")


def correlation_table(a: ComparisonAnalysis) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows, notes = [], []
    for c in sorted(a.correlations, key=lambda c: c.order):
        p, s = c.primary, c.alternative
        rows.append(
            [
                c.label,
                p.n,
                p.estimate,
                _ci_cell(p.ci),
                p.effect_size.magnitude if p.effect_size else None,
                _p_cell(p),
                c.p_adjusted,
                s.estimate if s else None,
                _p_cell(s),
            ]
        )
        notes.append(words.correlation_note(c, a))
    sample = " (from the sample)" if a.sampled else ""
    return TableBlock(
        caption=f"Correlation of {a.by} with each numeric column: Pearson's r, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column", "text"),
            TableColumn("n", "int", "rows with both values present"),
            TableColumn("Pearson's r", "num", "straight-line association, −1 to 1 (full data)"),
            TableColumn(
                f"{level} CI (unadjusted)",
                "ci",
                "Fisher's z interval; " + UNADJUSTED,
            ),
            TableColumn("Size", "text", "Cohen (1988): |r| 0.1 small, 0.3 medium, 0.5 large"),
            TableColumn("p", "p"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn("Spearman's rho", "num", "rank correlation" + sample),
            TableColumn("rho p", "p"),
        ],
        rows=rows,
        row_notes=notes,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "column"


def _detail_section(a: ComparisonAnalysis, c: Comparison, index: int) -> Section:
    sid = f"{SECTION_ID}-{a.mode}-{index + 1}-{_slug(c.label)}"
    notes = list(c.notes)
    if isinstance(c, NumericComparison):
        blocks = _numeric_blocks(a, c)
        text = words.numeric_paragraph(c, a)
        if c.binned is not None:  # a categorical target: its rate across the bands of the column comes first
            observational = getattr(a, "design", "observational") != "randomised"
            blocks = [*target_layout.binned_blocks(a, c, observational), *blocks]
    elif isinstance(c, CategoricalComparison) and c.outcome is not None:  # the target read as the outcome
        observational = getattr(a, "design", "observational") != "randomised"
        return Section(
            sid,
            f"{c.by} by {c.column}",
            blocks=[*target_layout.detail_blocks(a, c, observational), _tests_block(a, c)],
            notes=notes + c.outcome.notes,
        )
    else:
        assert isinstance(c, CategoricalComparison)
        blocks, more = _categorical_blocks(a, c)
        notes += more
        text = words.categorical_paragraph(c, a)
    blocks.append(Paragraph(text))
    return Section(sid, f"{c.column} by {c.by}", blocks=blocks, notes=notes)


def _test_rows(c: Comparison, conf: float) -> tuple[list[list[Any]], list[str]]:
    rows, notes = [], []
    first, second = ("primary", "sensitivity analysis") if c.kind == "numeric" else ("chosen", "alternative")
    for role, t in ((first, c.primary), (second, c.alternative), *(("also computed", o) for o in c.others)):
        if t is None:
            continue
        effect = _effect_text(t.effect_size, conf)
        if effect and t.effect_size.magnitude:
            from edakit.explain.hypothesis import label_span

            span = label_span(t.effect_size)
            effect += (
                f" ({t.effect_size.magnitude}?, the interval spans {span[0]} to {span[1]})"
                if span
                else (f" ({t.effect_size.magnitude})")
            )
        rows.append(
            [
                t.name,
                role,
                _statistic_cell(t),
                _p_cell(t),
                c.p_adjusted if role == first else None,
                t.estimate_name or None,
                t.estimate,
                _ci_cell(t.ci, t.ci_kind),
                effect,
                "sample" if t.on_sample else "all rows",
            ]
        )
        note = f"{t.name}: R's “{t.method}”"
        if not t.defined:
            note += " — undefined here: " + (" ".join(t.notes) or "no test statistic can be computed.")
        notes.append(note)
    return rows, notes


def _tests_block(a: ComparisonAnalysis, c: Comparison) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    rows, notes = _test_rows(c, a.conf_level)
    return TableBlock(
        caption=f"Tests of {c.column} by {c.by}",
        columns=[
            TableColumn("Test", "text"),
            TableColumn(
                "Role", "text", "the primary (or chosen) test, the sensitivity analysis, any other test computed"
            ),
            TableColumn("Statistic", "text", "test statistic with its degrees of freedom"),
            TableColumn("p", "p"),
            TableColumn(f"p ({_adjust_name(a)})", "p", "adjusted across every test of this section"),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(
                f"{level} CI (unadjusted)",
                "ci",
                "not a simultaneous interval: it is not widened for the tests of this section",
            ),
            TableColumn("Effect size", "text"),
            TableColumn("Data", "text", "all rows, or the seeded random sample"),
        ],
        rows=rows,
        row_notes=notes,
    )


def _numeric_blocks(a: ComparisonAnalysis, c: NumericComparison) -> list[Any]:
    level = f"{100 * a.conf_level:g} %"
    blocks: list[Any] = [
        TableBlock(
            caption=f"{c.column} in each group of {c.by}",
            columns=[
                TableColumn("Group", "text"),
                TableColumn("n", "int", "values present (full data)"),
                TableColumn("Mean", "num"),
                TableColumn(f"{level} CI", "ci", "t interval of the mean"),
                TableColumn("SD", "num", "standard deviation (n − 1)"),
                TableColumn("Median", "num", "from the sample" if a.sampled else "exact"),
            ],
            rows=[[g.label, g.n, g.mean, _ci_cell(g.ci), g.sd, g.median] for g in c.groups],
        )
    ]
    blocks += _numeric_charts(a, c)
    blocks.append(_tests_block(a, c))
    blocks.append(
        TableBlock(
            caption="Assumption checks",
            columns=[
                TableColumn("Check", "text"),
                TableColumn("Test", "text"),
                TableColumn("Group", "text"),
                TableColumn("n", "int"),
                TableColumn("Statistic", "num"),
                TableColumn("p", "p"),
                TableColumn("Reading", "text"),
            ],
            rows=[
                [k.check, k.test, k.group, k.n, k.statistic, k.p_value, words.check_reading(k, c, a)] for k in c.checks
            ],
        )
    )
    if c.posthoc:
        dunn = c.primary.key == "kruskal"
        blocks.append(
            TableBlock(
                caption=f"Pairwise comparisons: {c.posthoc_method}",
                columns=[
                    TableColumn("Pair", "text"),
                    TableColumn(
                        "Difference in mean ranks" if dunn else "Difference in means", "num", "first minus second"
                    ),
                    TableColumn(
                        f"{level} simultaneous CI",
                        "ci",
                        "Dunn's test gives no interval"
                        if dunn
                        else "covers all the pairs of this column at once (family-wise), as the adjusted p",
                    ),
                    TableColumn("adjusted p", "p", "adjusted for the pairs of this column"),
                ],
                rows=[[" − ".join(r.groups), r.diff, _ci_cell(r.ci), r.p_adj] for r in c.posthoc],
            )
        )
    return blocks


def _numeric_charts(a: ComparisonAnalysis, c: NumericComparison) -> list[ChartBlock]:
    charts = []
    shown = [g for g in c.groups if g.ci is not None]
    if shown:
        charts.append(
            ChartBlock(
                kind="group_means_ci",
                data={
                    "labels": [g.label for g in shown],
                    "means": [g.mean for g in shown],
                    "cis": [list(g.ci) for g in shown],
                    "overall": c.overall_mean,
                    "value_label": c.column,
                },
                caption=words.means_caption(c, a, len(shown)),
                alt=words.means_alt(c, a),
            )
        )
    if c.box is not None:
        charts.append(
            ChartBlock(
                kind="group_box",
                data={
                    "labels": [g.label for g in c.groups],
                    "stats": [_box_cell(b) for b in c.box],
                    "value_label": c.column,
                },
                caption=words.box_caption(c, a),
                alt=words.box_alt(c),
            )
        )
    return charts


def _box_cell(b: BoxStats) -> dict[str, Any]:
    """One group's box as the group_box chart draws it."""
    return {
        "q25": b.q25,
        "median": b.median,
        "q75": b.q75,
        "mean": b.mean,
        "whisker_low": b.whisker_low,
        "whisker_high": b.whisker_high,
        "outliers": b.outliers,
        "n": b.n,
    }


def _categorical_blocks(a: ComparisonAnalysis, c: CategoricalComparison) -> tuple[list[Any], list[str]]:
    """The cross-table, the chart of shares and the tests; and the notes about what was not drawn."""
    totals = [sum(row[j] for row in c.table) for j in range(len(c.col_labels))]
    blocks: list[Any] = [
        TableBlock(
            caption=f"Counts of {c.column} (rows) in each group of {c.by} (columns), with the share within the group",
            columns=[
                TableColumn(c.column, "text"),
                *[
                    TableColumn(g, "text", f"count and share of the {totals[j]:,} rows of {g}")
                    for j, g in enumerate(c.col_labels)
                ],
            ],
            rows=[
                [lvl, *[f"{row[j]:,} ({100 * row[j] / totals[j]:.1f} %)" for j in range(len(c.col_labels))]]
                for lvl, row in zip(c.row_labels, c.table, strict=True)
            ],
        )
    ]
    notes: list[str] = []
    levels = list(enumerate(c.row_labels))
    if len(levels) == 2:
        levels = levels[1:]  # two levels: the share of one says everything
    bars = [(g, i, lvl, j) for i, lvl in levels for j, g in enumerate(c.col_labels)]
    if len(bars) <= MAX_CHART_BARS:
        labels, shares, lows, highs = [], [], [], []
        for g, i, lvl, j in sorted(bars, key=lambda b: (b[3], b[1])):
            count, total = c.table[i][j], totals[j]
            lo, hi = c.share_ci[i][j]
            labels.append(g if len(levels) == 1 else f"{g} · {lvl}")
            shares.append(count / total)
            lows.append(lo)
            highs.append(hi)
        blocks.append(
            ChartBlock(
                kind="bars",
                data={
                    "labels": labels,
                    "proportions": shares,
                    "ci_low": lows,
                    "ci_high": highs,
                    "other": None,
                    "distinct": len(labels),
                    "conf_level": a.conf_level,
                },
                caption=words.bars_caption(c, a, levels[0][1] if len(levels) == 1 else None),
                alt=words.bars_alt(c, levels[0][1] if len(levels) == 1 else None),
            )
        )
    else:
        notes.append(f"No chart: {len(bars)} bars would be too many to read; the table above has every count.")
    blocks.append(_tests_block(a, c))
    return blocks, notes
