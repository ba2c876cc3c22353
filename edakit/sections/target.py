"""Lay out, target direction: the blocks of the target section (`edakit report data.csv --target COLUMN`) that read
a categorical target as an outcome, from the typed `stats.target.OutcomeRates` of each categorical predictor:
an overview of the target's rate in every level of every predictor, the odds ratios, risk ratios and risk
differences of two-level predictors (stratified by `--group` when given), and each predictor's detail blocks."""

from __future__ import annotations

from typing import Any

from edakit.explain import target as words
from edakit.explain.words import fmt_pct
from edakit.page import ChartBlock, Paragraph, TableBlock, TableColumn
from edakit.stats.comparison_results import CategoricalComparison, ComparisonAnalysis, NumericComparison
from edakit.stats.target import OutcomeRates


def _ci(ci: tuple[float, float] | None) -> list[float] | None:
    return [float(ci[0]), float(ci[1])] if ci else None


def _outcomes(a: ComparisonAnalysis) -> list[OutcomeRates]:
    return [c.outcome for c in sorted(a.categorical, key=lambda c: c.order) if c.outcome is not None]


def overview_blocks(a: ComparisonAnalysis) -> list[TableBlock]:
    """The rate of the event in every level of every categorical predictor and every quartile band of every numeric
    one, and the ratios table."""
    outcomes = [o for o in _outcomes(a) if o.event is not None]
    bands = _bands_block(a)
    if not outcomes:
        return [*bands, *_association_blocks(a)]
    level = f"{100 * a.conf_level:g} %"
    event = outcomes[0].event
    blocks = [
        TableBlock(
            caption=f"Share with {a.by} = {event} in each level of each categorical column (all rows with both values)",
            columns=[
                TableColumn("Column", "text"),
                TableColumn("Level", "text"),
                TableColumn("n", "int", "rows in this level with a value of the target"),
                TableColumn(event, "int", f"rows with {a.by} = {event}"),
                TableColumn("Share", "num", f"share with {a.by} = {event}"),
                TableColumn(f"{level} CI", "ci", "Wilson score interval"),
            ],
            rows=[_event_row(o.predictor, r, o.event_index) for o in outcomes for r in o.levels],
        )
    ]
    blocks += bands
    pairs = [o for o in outcomes if o.compared is not None]
    if pairs:
        blocks.append(
            TableBlock(
                caption=f"Odds ratio, risk ratio and risk difference of {a.by} = {event} for two-level columns "
                "(second level vs the first, the reference)",
                columns=[
                    TableColumn("Column", "text"),
                    TableColumn("Compared", "text", "level compared vs the reference level"),
                    TableColumn("Odds ratio", "num", "sample odds ratio"),
                    TableColumn(f"{level} CI", "ci", "Woolf's logit interval"),
                    TableColumn("Risk ratio", "num", "ratio of the two shares"),
                    TableColumn(f"{level} CI ", "ci", "Katz's log interval"),
                    TableColumn("Risk difference", "num", "difference of the two shares"),
                    TableColumn(f"{level} CI  ", "ci", "Newcombe's hybrid score interval"),
                ],
                rows=[
                    [
                        o.predictor,
                        f"{o.compared} vs {o.reference}",
                        o.odds_ratio,
                        _ci(o.odds_ratio_ci),
                        o.risk_ratio,
                        _ci(o.risk_ratio_ci),
                        o.risk_difference,
                        _ci(o.risk_difference_ci),
                    ]
                    for o in pairs
                ],
            )
        )
    stratified = [o for o in pairs if o.stratified is not None]
    if stratified:
        by = stratified[0].stratified.by  # type: ignore[union-attr]
        blocks.append(
            TableBlock(
                caption=f"Odds ratio of {a.by} = {event} within the levels of {by} (Mantel–Haenszel) and ignoring "
                f"{by} (crude)",
                columns=[
                    TableColumn("Column", "text"),
                    TableColumn("Compared", "text"),
                    TableColumn("Crude odds ratio", "num", f"ignoring {by}"),
                    TableColumn("Mantel–Haenszel odds ratio", "num", f"common odds ratio within the levels of {by}"),
                    TableColumn(f"{level} CI", "ci", "Robins–Breslow–Greenland interval"),
                    TableColumn("X² (MH)", "num", "Mantel–Haenszel chi-square, continuity-corrected, 1 df"),
                    TableColumn("p", "p"),
                    TableColumn("Reversal", "text", "Simpson's paradox: the direction changes once the group is fixed"),
                ],
                rows=[
                    [
                        o.predictor,
                        f"{o.compared} vs {o.reference}",
                        o.odds_ratio,
                        s.odds_ratio,
                        _ci(s.ci),
                        s.statistic,
                        s.p_value,
                        "yes: Simpson's paradox" if s.reversal else "no",
                    ]
                    for o in stratified
                    if (s := o.stratified) is not None
                ],
            )
        )
    return blocks + _association_blocks(a)


def _association_blocks(a: ComparisonAnalysis) -> list[TableBlock]:
    """The generalized Cochran–Mantel–Haenszel test of every predictor with more than two levels (or of a target
    with more than two), within the levels of the group and ignoring it."""
    tested = [o for o in _outcomes(a) if o.association is not None]
    if not tested:
        return []
    by = tested[0].association.by  # type: ignore[union-attr]
    return [
        TableBlock(
            caption=f"Association of {a.by} with each column within the levels of {by} (generalized "
            f"Cochran–Mantel–Haenszel) and ignoring {by}",
            columns=[
                TableColumn("Column", "text"),
                TableColumn("Levels", "int", "levels of the column"),
                TableColumn("M² (CMH)", "num", f"general association within the levels of {by}"),
                TableColumn("df", "int", "(levels of the column − 1) × (levels of the target − 1)"),
                TableColumn("p", "p", "unadjusted"),
                TableColumn(f"M² ignoring {by}", "num", "the same statistic on the table summed over the levels"),
                TableColumn("p ", "p", f"ignoring {by}"),
            ],
            rows=[
                [o.predictor, len(o.levels), m.statistic, m.df, m.p_value, m.crude_statistic, m.crude_p_value]
                for o in tested
                if (m := o.association) is not None
            ],
        )
    ]


def _bands_block(a: ComparisonAnalysis) -> list[TableBlock]:
    """The rate of the event in every quartile band of every numeric predictor (a binary target), at a glance."""
    binned = [c.binned for c in sorted(a.numeric, key=lambda c: c.order) if c.binned and c.binned.event]
    if not binned:
        return []
    level, event = f"{100 * a.conf_level:g} %", binned[0].event
    rows = [_event_row(b.predictor, r, b.event_index) for b in binned for r in b.bands]
    return [
        TableBlock(
            caption=f"Share with {a.by} = {event} in each quartile band of each numeric column (full-data quartiles)",
            columns=[
                TableColumn("Column", "text"),
                TableColumn("Band", "text", "quartile band: (a, b] holds the values above a up to b"),
                TableColumn("n", "int", "rows in this band with a value of the target"),
                TableColumn(event, "int", f"rows with {a.by} = {event}"),
                TableColumn("Share", "num", f"share with {a.by} = {event}"),
                TableColumn(f"{level} CI", "ci", "Wilson score interval"),
            ],
            rows=rows,
        )
    ]


def _event_row(predictor: str, r: Any, event_index: int | None) -> list[Any]:
    """An overview row: the predictor, a level or band `r`, its rows, and the event's count, share and interval."""
    k = event_index or 0
    return [predictor, r.level, r.n, r.counts[k], r.shares[k], _ci(r.cis[k])]


def binned_blocks(a: ComparisonAnalysis, c: NumericComparison, observational: bool = True) -> list[Any]:
    """A numeric predictor of a categorical target read the way a reader asks: the target's rate in each quartile
    band of the predictor (Wilson intervals), its chart and the words; the comparison of the predictor across the
    target's levels follows in the caller."""
    b = c.binned
    assert b is not None
    first = TableColumn(f"{c.column} band", "text", "quartile band: (a, b] holds values above a up to b")
    blocks = _rate_blocks(a, b, first, f"rows in the band with a value of {a.by}", "band", c.column)
    blocks.append(Paragraph(words.binned_paragraph(b, observational)))
    return blocks


def detail_blocks(a: ComparisonAnalysis, c: CategoricalComparison, observational: bool = True) -> list[Any]:
    """The target within each level of the predictor (row shares with Wilson intervals), the chart of the event's
    rate, and the words."""
    o = c.outcome
    assert o is not None
    blocks = _rate_blocks(
        a, o, TableColumn(c.column, "text"), f"rows with both {c.column} and {a.by}", "level", c.column
    )
    blocks.append(Paragraph(words.rates_paragraph(o, observational)))
    if o.stratified is not None:
        blocks.append(Paragraph(words.stratified_paragraph(o, o.stratified)))
    if o.association is not None:
        blocks.append(Paragraph(words.association_paragraph(o, o.association, a.alpha)))
    return blocks


def _rate_blocks(
    a: ComparisonAnalysis, rates: Any, first: TableColumn, n_help: str, unit: str, column: str
) -> list[Any]:
    """The target's levels within each `unit` ("band": quartile band, or "level") of `column`: the table of row shares
    with Wilson intervals and, when the target has an event, the bar chart of its rate. `rates` holds `bands` or
    `levels` (rows with level, n, counts, shares, cis), `outcome_levels`, `event` and `event_index`."""
    groups = rates.bands if unit == "band" else rates.levels
    level = f"{100 * a.conf_level:g} %"
    columns = [first, TableColumn("n", "int", n_help)]
    for lvl in rates.outcome_levels:
        columns.append(TableColumn(f"{a.by} = {lvl}", "text", f"count and share of the {unit}'s rows, {level} CI"))
    rows = [
        [
            r.level,
            r.n,
            *[
                f"{k:,} ({fmt_pct(s)}; {fmt_pct(ci[0])} to {fmt_pct(ci[1])})"
                for k, s, ci in zip(r.counts, r.shares, r.cis, strict=True)
            ],
        ]
        for r in groups
    ]
    within = f"each quartile band of {column}" if unit == "band" else f"each level of {column}"
    by = f"quartile band of {column}" if unit == "band" else column
    blocks: list[Any] = [
        TableBlock(caption=f"{a.by} within {within} (row shares, Wilson intervals)", columns=columns, rows=rows)
    ]
    if rates.event is not None:
        k = rates.event_index or 0
        blocks.append(
            ChartBlock(
                kind="bars",
                data={
                    "labels": [r.level for r in groups],
                    "proportions": [r.shares[k] for r in groups],
                    "ci_low": [r.cis[k][0] for r in groups],
                    "ci_high": [r.cis[k][1] for r in groups],
                    "other": None,
                    "distinct": len(groups),
                    "conf_level": a.conf_level,
                },
                caption=f"Share with {a.by} = {rates.event} in {within}, with {level} Wilson intervals.",
                alt=f"Bar chart of the share with {a.by} = {rates.event} by {by}: "
                + ", ".join(f"{r.level} {fmt_pct(r.shares[k])}" for r in groups)
                + ".",
            )
        )
    return blocks
