"""Lay out the paired comparison (`edakit report data.csv --group COLUMN --pair KEY`).

The comparisons section (`sections.comparisons`) gathers and analyses it (`engine.paired`,
`stats.paired_analysis`) and leaves the typed `ComparisonAnalysis` (with `pair` set) in `rep.comparisons`; this
module lays out its section from that result: how the tests were fixed, one overview table, then per column the
values in each group, the tests (primary and sensitivity analysis) and the words.
"""

from __future__ import annotations

import math
import re
from typing import Any

from edakit.explain import paired as words
from edakit.explain.words import ONE_SIDED, estimate_with_interval, fmt_num, fmt_p
from edakit.page import Paragraph, Section, TableBlock, TableColumn
from edakit.stats.comparison_results import ComparisonAnalysis, GroupTest, PairedComparison
from edakit.stats.result import EffectSize

SECTION_ID = "comparisons-paired"


def section_of(a: ComparisonAnalysis) -> Section:
    """The paired section: methods, the overview table, columns not compared, then one subsection per column."""
    blocks: list[Any] = [Paragraph(words.methods_paragraph(a), tone="method")]
    if a.paired:
        blocks.append(overview_table(a))
    if a.skipped:
        blocks.append(skipped_table(a))
    subsections = [_detail(a, c, i) for i, c in enumerate(sorted(a.paired, key=lambda c: c.order))]
    return Section(
        SECTION_ID,
        words.section_title(a),
        summary=words.section_summary(a),
        blocks=blocks,
        subsections=subsections,
        notes=list(a.notes),
    )


def skipped_table(a: Any) -> TableBlock:
    """The columns a comparison left out, each with why (this section and the independent-groups one)."""
    return TableBlock(
        caption="Columns not compared",
        columns=[TableColumn("Column", "text"), TableColumn("Why", "text")],
        rows=[[s.column, s.reason] for s in a.skipped],
    )


def _adjust(a: ComparisonAnalysis) -> str:
    return "Holm" if a.p_adjust == "holm" else "BH"


def _ci(ci: tuple[float, float] | None, kind: str | None = None) -> list[Any] | None:
    """An interval cell; a one-sided interval [0, U] (an estimate at its boundary 0) carries its kind third."""
    if not ci:
        return None
    return [float(ci[0]), float(ci[1]), kind] if kind == ONE_SIDED else [float(ci[0]), float(ci[1])]


def _p(t: GroupTest | None) -> float | None:
    return t.p_value if t is not None and t.defined else None


def _minus(text: str) -> str:
    """Minus signs as typeset (−0.42), leaving the hyphens of words ("one-sided", "chi-squared") alone."""
    return re.sub(r"(?<![\w])-(?=[\d.])", "−", text)


def _effect(e: EffectSize | None, level: float) -> str | None:
    """The effect size with its interval, e.g. "Cohen's d_z (paired) = −1.28 (95 % CI −2.11 to −0.42)"."""
    if e is None or e.value is None or not math.isfinite(e.value):
        return None
    text = f"{e.name} = {estimate_with_interval(e.value, e.ci, level, e.ci_kind)}"
    if e.ci is None:
        text += " (interval not computable)"
    return _minus(text)


def _statistic(t: GroupTest) -> str | None:
    if t.statistic is None or not t.statistic_name:
        return None
    name = "X²" if t.statistic_name == "X-squared" else t.statistic_name
    if isinstance(t.df, tuple):
        name += f"({fmt_num(t.df[0], 4)}, {fmt_num(t.df[1], 4)})"
    elif t.df is not None:
        name += f"({fmt_num(float(t.df), 4)})"
    text = f"{name} = {fmt_num(t.statistic, 4)}"
    if t.key == "rm_anova" and t.details.get("epsilon") is not None:
        d1, d2 = t.details["df_corrected"]
        text += f"; GG ε = {fmt_num(t.details['epsilon'], 3)}, df {fmt_num(d1, 4)}, {fmt_num(d2, 4)}"
        if t.details.get("epsilon_hf") is not None:
            text += f"; HF ε = {fmt_num(t.details['epsilon_hf'], 3)}"
    return _minus(text)


def _sensitivity(c: PairedComparison, alpha: float) -> str | None:
    alt = c.alternative
    if alt is None:
        return None
    if not alt.defined:
        return f"{alt.name}: undefined"
    from edakit.explain.comparisons import agreement

    verdict = {"yes": "agrees", "no": "disagrees"}.get(agreement(c, alpha) or "", "")
    return f"{alt.name}: {fmt_p(alt.p_value)}" + (f", {verdict}" if verdict else "")


def overview_table(a: ComparisonAnalysis) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    rows = []
    for c in sorted(a.paired, key=lambda c: c.order):
        t = c.primary
        rows.append(
            [
                c.label,
                c.units,
                t.name,
                t.estimate_name,
                t.estimate,
                _ci(t.ci, t.ci_kind),
                _effect(t.effect_size, a.conf_level),
                _p(t),
                c.p_adjusted,
                _sensitivity(c, a.alpha),
            ]
        )
    return TableBlock(
        caption=f"Paired comparisons across {a.by} (units: {a.pair}): primary test, estimate, raw and "
        f"{_adjust(a)}-adjusted p",
        columns=[
            TableColumn("Column", "text"),
            TableColumn("Units", "int", f"units ({a.pair}) with a value in every group"),
            TableColumn("Primary test", "text", "fixed by the design, not by a pre-test"),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(
                f"{level} CI (unadjusted)", "ci", "interval of the estimate, not widened for the tests of this section"
            ),
            TableColumn("Effect size", "text", "with its unadjusted interval"),
            TableColumn("p", "p", "unadjusted p-value of the primary test"),
            TableColumn(f"p ({_adjust(a)})", "p", "adjusted across the primary tests of this section"),
            TableColumn("Sensitivity analysis", "text", "pre-specified; unadjusted p and whether it agrees"),
        ],
        rows=rows,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "column"


def _detail(a: ComparisonAnalysis, c: PairedComparison, index: int) -> Section:
    blocks: list[Any] = [_values_table(a, c), _tests_table(a, c)]
    if c.primary.details.get("pairwise") and c.primary.key == "cochran_q":
        blocks.append(_pairwise_table(a, c))
    elif c.primary.details.get("pairwise"):
        blocks += _pairwise_t_tables(a, c)
    blocks.append(Paragraph(words.paragraph(c, a)))
    return Section(
        f"{SECTION_ID}-{index + 1}-{_slug(c.label)}", f"{c.column} by {c.by}, within {a.pair}", blocks=blocks
    )


def _values_table(a: ComparisonAnalysis, c: PairedComparison) -> TableBlock:
    if c.table:
        first, second = c.conditions
        return TableBlock(
            caption=f"Units by their {c.column} in {first} (rows) and in {second} (columns)",
            columns=[TableColumn(f"{c.column} in {first}", "text")]
            + [TableColumn(f"{lvl} in {second}", "int") for lvl in c.levels],
            rows=[[lvl, *row] for lvl, row in zip(c.levels, c.table, strict=True)],
        )
    if c.levels:
        return TableBlock(
            caption=f"Share of {c.levels[0]} in {c.column} in each group of {c.by}, over the {c.units} units with a "
            "value in every group",
            columns=[
                TableColumn("Group", "text"),
                TableColumn("Units", "int"),
                TableColumn(f"{c.levels[0]}", "int", "units with this level in the group"),
                TableColumn(f"Share of {c.levels[0]}", "pct"),
            ],
            rows=[[g, c.units, round(c.units * (1 - m)), 1 - m] for g, m in zip(c.conditions, c.means, strict=True)],
        )
    rows: list[list[Any]] = [[g, c.units, m, s] for g, m, s in zip(c.conditions, c.means, c.sds, strict=True)]
    if len(c.conditions) == 2 and c.means[0] is not None and c.means[1] is not None:
        rows.append(
            [f"difference ({c.conditions[0]} − {c.conditions[1]})", c.units, c.means[0] - c.means[1], c.diff_sd]
        )
    return TableBlock(
        caption=f"{c.column} in each group of {c.by}, over the {c.units} units with a value in every group",
        columns=[
            TableColumn("Group", "text"),
            TableColumn("Units", "int"),
            TableColumn("Mean", "num"),
            TableColumn("SD", "num", "standard deviation (n − 1)"),
        ],
        rows=rows,
    )


def _tests_table(a: ComparisonAnalysis, c: PairedComparison) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    rows, notes = [], []
    for role, t in (("primary", c.primary), ("sensitivity analysis", c.alternative)):
        if t is None:
            continue
        rows.append(
            [
                t.name,
                role,
                _statistic(t),
                _p(t),
                c.p_adjusted if role == "primary" else None,
                t.estimate_name or None,
                t.estimate,
                _ci(t.ci, t.ci_kind),
                _effect(t.effect_size, a.conf_level),
            ]
        )
        note = f"{t.name}: R's “{t.method}”"
        if t.key == "rm_anova":
            note = (
                f"{t.name}: as R's summary(aov(y ~ group + Error(unit/group))), with the Greenhouse–Geisser "
                "corrected p of ez::ezANOVA (p[GG])"
            )
            if t.details.get("p_hf") is not None:
                note += (
                    f"; Huynh–Feldt ε (Lecoutre's correction, as car::Anova and afex) gives {fmt_p(t.details['p_hf'])}"
                )
        if not t.defined:
            note += " — undefined here: " + (" ".join(t.notes) or "no test statistic can be computed.")
        notes.append(note)
    return TableBlock(
        caption=f"Tests of {c.column} by {c.by}, within units",
        columns=[
            TableColumn("Test", "text"),
            TableColumn("Role", "text", "the primary test and the pre-specified sensitivity analysis"),
            TableColumn("Statistic", "text", "test statistic with its degrees of freedom"),
            TableColumn("p", "p"),
            TableColumn(f"p ({_adjust(a)})", "p", "adjusted across the primary tests of this section"),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(f"{level} CI (unadjusted)", "ci", "not widened for the tests of this section"),
            TableColumn("Effect size", "text"),
        ],
        rows=rows,
        row_notes=notes,
    )


def _pairwise_table(a: ComparisonAnalysis, c: PairedComparison) -> TableBlock:
    """Cochran's Q follow-up: McNemar's test for each pair of groups, Holm-adjusted among the pairs."""
    rows = [
        [
            f"{r['first']} vs {r['second']}",
            r["discordant"][0],
            r["discordant"][1],
            r["difference"],
            r.get("ci"),
            r["statistic"],
            r["p_value"],
            r["p_holm"],
        ]
        for r in c.primary.details["pairwise"]
    ]
    level = f"{100 * a.conf_level:g} %"
    return TableBlock(
        caption=f"Pairwise McNemar tests of {c.column} (follow-up to Cochran's Q; Holm-adjusted among the pairs)",
        columns=[
            TableColumn("Pair", "text"),
            TableColumn(f"{c.levels[0]} only in the first", "int", "units with this level in the first group only"),
            TableColumn(f"{c.levels[0]} only in the second", "int", "units with this level in the second group only"),
            TableColumn("Difference of shares", "pct", f"share of {c.levels[0]}: first − second"),
            TableColumn(
                f"{level} CI (unadjusted)",
                "ci_pct",
                "Wald interval of the difference of paired shares (as R's PropCIs::diffpropci.Wald.mp), not adjusted",
            ),
            TableColumn("X²", "num", "McNemar's chi-squared with continuity correction, 1 df"),
            TableColumn("p", "p", "unadjusted"),
            TableColumn("p (Holm)", "p", "adjusted across the pairs of this column"),
        ],
        rows=rows,
    )


def _pairwise_t_tables(a: ComparisonAnalysis, c: PairedComparison) -> list[TableBlock]:
    """The repeated-measures ANOVA's follow-up, laid out by `words.pairwise_layout`: every pair when there are few,
    the successive pairs of an ordered group with every pair one click away, or every pair one click away."""
    rows = c.primary.details["pairwise"]
    layout = words.pairwise_layout(c, a)
    level = f"{100 * a.conf_level:g} %"
    columns = [
        TableColumn("Pair", "text", "second group − first group"),
        TableColumn("Mean difference", "num", "mean over units of (second − first)"),
        TableColumn(f"{level} CI (unadjusted)", "ci", "t.test(paired = TRUE)'s interval, not adjusted for the pairs"),
        TableColumn("t", "num", f"paired t on {c.units - 1} df"),
        TableColumn("p", "p", "unadjusted"),
        TableColumn(f"p (Holm, {len(rows)} pairs)", "p", f"adjusted across all {len(rows)} pairs of this column"),
    ]

    def table(shown: list[dict[str, Any]], caption: str, fold: bool) -> TableBlock:
        body = [
            [f"{r['second']} − {r['first']}", r["difference"], r["ci"], r["statistic"], r["p_value"], r["p_holm"]]
            for r in shown
        ]
        return TableBlock(caption=caption, columns=columns, rows=body, fold=fold)

    every = (
        f"Paired t-tests of {c.column} for all {len(rows)} pairs of groups of {c.by} (follow-up to the "
        f"repeated-measures ANOVA; p Holm-adjusted among the {len(rows)} pairs, CIs unadjusted)"
    )
    if layout == "all":
        return [table(rows, every, False)]
    if layout == "folded":
        return [table(rows, every, True)]
    successive = words.successive_pairs(c)
    caption = (
        f"Successive groups of {c.by}: paired t-tests of {c.column}, each group against the one before "
        f"({len(successive)} of the {len(rows)} pairs; p Holm-adjusted over all {len(rows)}, as R's pairwise.t.test; "
        "CIs unadjusted)"
    )
    return [table(successive, caption, False), table(rows, every, True)]
