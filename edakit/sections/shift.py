"""Lay out the dataset comparison (`edakit compare`) as page sections, from the typed `DatasetComparison`.

Order: the summary with the ranking of every compared column by the size of its shift and the thresholds; the
tables themselves (rows, duplicates within each and across them, schema changes); one subsection per column in
ranking order (its numbers, a chart for the top `CHARTED` columns, its words); columns compared by their missing
values only; how to read the measures. Every table is built from the result's fields, so page and JSON agree.
"""

from __future__ import annotations

from typing import Any

from edakit.explain import shift as words
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.stats.shift_results import CategoricalShift, DatasetComparison, NumericShift

CHARTED = 12  # columns with a chart: the most shifted ones
ALPHA = 0.05


def sections_of(c: DatasetComparison) -> list[Section]:
    """Every section of the comparison page, in order."""
    return [_summary(c), _tables(c), _columns(c), *_others(c), _reading()]


def _summary(c: DatasetComparison) -> Section:
    rows = []
    for r in c.ranking:
        rows.append(
            [
                r.column,
                r.kind,
                r.psi,
                words.psi_size(r.psi),
                r.effect,
                r.effect_value,
                r.p_adjusted,
                "; ".join(r.passed) or "no",
            ]
        )
    table = TableBlock(
        caption=f"Columns ranked by the size of their shift from {c.name_a} to {c.name_b}",
        columns=[
            TableColumn("column", "text"),
            TableColumn("kind", "text"),
            TableColumn("PSI", "num", "population stability index: the size of the shift"),
            TableColumn("size", "text", "by the PSI bands stated below"),
            TableColumn("effect size", "text"),
            TableColumn("value", "num", f"{c.name_b} − {c.name_a}; Cramér's V is 0 to 1"),
            TableColumn("adjusted p", "p", f"KS or chi-square p-value, adjusted ({c.p_adjust}) across the columns"),
            TableColumn("past a threshold", "text"),
        ],
        rows=rows,
    )
    blocks: list[Any] = [table, Paragraph(words.method_note(c), tone="method")]
    if c.passed:
        blocks.insert(0, Paragraph(f"Shifted past a threshold: {', '.join(c.passed)}.", tone="warning"))
    return Section(
        "compare-summary", "Which columns shifted", summary=words.summary(c, ALPHA), blocks=blocks, notes=list(c.notes)
    )


def _tables(c: DatasetComparison) -> Section:
    table = TableBlock(
        caption="The two tables",
        columns=[
            TableColumn("table", "text"),
            TableColumn("rows", "int"),
            TableColumn("duplicate rows within", "int", "rows repeating an earlier row of the same table"),
            TableColumn("rows also in the other", "int", f"rows of {c.name_b} equal to a row of {c.name_a}"),
        ],
        rows=[[c.name_a, c.rows_a, c.duplicates_a, None], [c.name_b, c.rows_b, c.duplicates_b, c.across]],
    )
    blocks: list[Any] = [table, Paragraph(words.duplicates_words(c), tone="warning" if c.across else "explain")]
    s = c.schema
    blocks.append(Paragraph(words.schema_words(s, c.name_a, c.name_b)))
    if s.changed:
        blocks.append(
            TableBlock(
                caption="Columns whose role or type differs",
                columns=[
                    TableColumn(n, "text")
                    for n in (
                        "column",
                        f"role in {c.name_a}",
                        f"role in {c.name_b}",
                        f"type in {c.name_a}",
                        f"type in {c.name_b}",
                    )
                ],
                rows=[[ch.column, ch.role_a, ch.role_b, ch.dtype_a, ch.dtype_b] for ch in s.changed],
            )
        )
    return Section("compare-tables", "Rows, duplicates and columns", blocks=blocks)


def _columns(c: DatasetComparison) -> Section:
    by_name: dict[str, NumericShift | CategoricalShift] = {s.column: s for s in [*c.numeric, *c.categorical]}
    subsections = []
    for index, r in enumerate(c.ranking):
        shift = by_name[r.column]
        if isinstance(shift, NumericShift):
            subsections.append(_numeric(shift, c, index, charted=index < CHARTED))
        else:
            subsections.append(_categorical(shift, c, index, charted=index < CHARTED))
    return Section(
        "compare-columns",
        "Each column's shift",
        summary=f"In the order of the ranking; charts for the {min(CHARTED, len(c.ranking))} largest shifts.",
        subsections=subsections,
    )


def _measures_table(column: str, rows: list[list[Any]]) -> TableBlock:
    """A compared column's measures of the shift: each measure's value, interval, p-value and adjusted p."""
    return TableBlock(
        caption=f"{column}: measures of the shift",
        columns=[
            TableColumn("measure", "text"),
            TableColumn("value", "num"),
            TableColumn("interval", "ci"),
            TableColumn("p-value", "p"),
            TableColumn("adjusted p", "p"),
        ],
        rows=rows,
    )


def _missing_table(s: Any, c: Any) -> TableBlock:
    """The missing share of column `s` in each table and their difference, with Newcombe's interval."""
    return TableBlock(
        caption=f"{s.column}: missing values",
        columns=[
            TableColumn("", "text"),
            TableColumn(c.name_a, "pct"),
            TableColumn(c.name_b, "pct"),
            TableColumn("difference", "pct"),
            TableColumn("interval", "ci_pct", "Newcombe's hybrid score"),
        ],
        rows=[_missing_row(s)],
    )


def _missing_row(shift: Any) -> list[Any]:
    m = shift.missing
    return ["missing share", m.rate_a, m.rate_b, m.difference, m.ci]


def _numeric(s: NumericShift, c: DatasetComparison, index: int, charted: bool) -> Section:
    rows = [
        ["values", s.n_a, s.n_b, s.n_b - s.n_a, None],
        ["mean", s.mean_a, s.mean_b, s.mean_difference, s.mean_difference_ci],
        ["standard deviation", s.sd_a, s.sd_b, None, None],
        *[[f"{100 * q.p:g} % quantile", q.a, q.b, q.difference, None] for q in s.quantiles],
    ]
    table = TableBlock(
        caption=f"{s.column}: {c.name_a} and {c.name_b}",
        columns=[
            TableColumn("statistic", "text"),
            TableColumn(c.name_a, "num"),
            TableColumn(c.name_b, "num"),
            TableColumn("difference", "num", f"{c.name_b} − {c.name_a}"),
            TableColumn("interval", "ci", f"{100 * c.conf_level:g} % interval of the difference (Welch)"),
        ],
        rows=rows,
    )
    missing = _missing_table(s, c)
    measures = _measures_table(
        s.column,
        [
            [
                "Cohen's d (standardised mean difference)",
                s.smd.value if s.smd else None,
                s.smd.ci if s.smd else None,
                s.welch_p,
                None,
            ],
            ["SD ratio (" + c.name_b + " / " + c.name_a + ")", s.sd_ratio, s.sd_ratio_ci, None, None],
            [f"Kolmogorov-Smirnov D ({s.ks_method})", s.ks_d, None, s.ks_p, s.p_adjusted],
            ["Wasserstein distance", s.wasserstein, None, None, None],
            ["Wasserstein distance in SD of " + c.name_a, s.wasserstein_sd, None, None, None],
            ["PSI (10 bins at " + c.name_a + "'s deciles)", s.psi.value if s.psi else None, None, None, None],
        ],
    )
    blocks: list[Any] = [Paragraph(words.numeric_words(s, c, ALPHA)), table, measures, missing]
    if s.psi is not None:
        blocks.append(_psi_table(s.psi, s.column, c))
    if charted and s.hist_edges and sum(s.hist_a) and sum(s.hist_b):
        blocks.append(
            ChartBlock(
                "overlaid_histogram",
                {
                    "edges": s.hist_edges,
                    "counts_a": s.hist_a,
                    "counts_b": s.hist_b,
                    "name_a": c.name_a,
                    "name_b": c.name_b,
                },
                caption=f"Share of each table's values of {s.column} per bin (the same bins for both; "
                f"{c.name_a} solid, {c.name_b} dashed).",
                alt=f"Overlaid histograms of {s.column} in {c.name_a} and {c.name_b}",
            )
        )
    return Section(f"shift-{index}", f"{s.column} (numeric)", blocks=blocks, notes=list(s.notes))


def _psi_table(psi: Any, column: str, c: DatasetComparison) -> TableBlock:
    return TableBlock(
        caption=f"{column}: the PSI's bins and shares",
        columns=[TableColumn("bin", "text"), TableColumn(c.name_a, "pct"), TableColumn(c.name_b, "pct")],
        rows=[[b, sa, sb] for b, sa, sb in zip(psi.bins, psi.shares_a, psi.shares_b, strict=True)],
    )


def _categorical(s: CategoricalShift, c: DatasetComparison, index: int, charted: bool) -> Section:
    shares = TableBlock(
        caption=f"{s.column}: share of each level",
        columns=[
            TableColumn("level", "text"),
            TableColumn(f"rows in {c.name_a}", "int"),
            TableColumn(f"share in {c.name_a}", "pct"),
            TableColumn("interval", "ci_pct", "Wilson score interval"),
            TableColumn(f"rows in {c.name_b}", "int"),
            TableColumn(f"share in {c.name_b}", "pct"),
            TableColumn("interval ", "ci_pct", "Wilson score interval"),
        ],
        rows=[[lv.level, lv.count_a, lv.share_a, lv.ci_a, lv.count_b, lv.share_b, lv.ci_b] for lv in s.levels],
    )
    measures = _measures_table(
        s.column,
        [
            [f"chi-square ({s.df} df)", s.chi_square, None, s.p_value, s.p_adjusted],
            ["Cramér's V", s.cramers_v, s.cramers_v_ci, None, None],
            ["Jensen-Shannon distance", s.js_distance, None, None, None],
            ["PSI (on the levels)", s.psi.value if s.psi else None, None, None, None],
        ],
    )
    missing = _missing_table(s, c)
    blocks: list[Any] = [Paragraph(words.categorical_words(s, c, ALPHA)), shares, measures, missing]
    if charted and s.levels:
        shown = s.levels[:15]
        blocks.append(
            ChartBlock(
                "paired_bars",
                {
                    "labels": [lv.level for lv in shown],
                    "shares_a": [lv.share_a for lv in shown],
                    "shares_b": [lv.share_b for lv in shown],
                    "ci_a": [lv.ci_a for lv in shown],
                    "ci_b": [lv.ci_b for lv in shown],
                    "name_a": c.name_a,
                    "name_b": c.name_b,
                },
                caption=f"Share of each level of {s.column} in {c.name_a} (upper bar) and {c.name_b} (lower bar), "
                "with Wilson intervals" + (f"; the first 15 of {len(s.levels)} levels." if len(s.levels) > 15 else "."),
                alt=f"Side-by-side bars of the level shares of {s.column} in {c.name_a} and {c.name_b}",
            )
        )
    notes = list(s.notes)
    if s.pooled_levels:
        notes.append(f"{s.pooled_levels} rarer levels are pooled into '(other levels)'.")
    return Section(f"shift-{index}", f"{s.column} (categorical)", blocks=blocks, notes=notes)


def _others(c: DatasetComparison) -> list[Section]:
    if not c.other:
        return []
    table = TableBlock(
        caption="Columns compared by their missing values only",
        columns=[
            TableColumn("column", "text"),
            TableColumn(f"role in {c.name_a}", "text"),
            TableColumn(f"role in {c.name_b}", "text"),
            TableColumn(f"missing in {c.name_a}", "pct"),
            TableColumn(f"missing in {c.name_b}", "pct"),
            TableColumn("difference", "pct"),
            TableColumn("interval", "ci_pct", "Newcombe's hybrid score"),
            TableColumn("past a threshold", "text"),
        ],
        rows=[
            [
                o.column,
                o.role_a,
                o.role_b,
                o.missing.rate_a,
                o.missing.rate_b,
                o.missing.difference,
                o.missing.ci,
                "; ".join(o.passed) or "no",
            ]
            for o in c.other
        ],
    )
    text = (
        "Text, identifier and date columns, and columns whose role differs between the tables, have no shared "
        "distribution to compare here; their missing values are."
    )
    return [Section("compare-other", "Other columns", summary=text, blocks=[table])]


def _reading() -> Section:
    return Section(
        "compare-reading",
        "How to read the measures",
        blocks=[Paragraph(text) for text in words.READING],
    )
