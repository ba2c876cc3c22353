"""Lay out the repeated-measures correlations of a design whose rows repeat units (`--pair`), inside the
"Correlations and associations" section: one table of every numeric pair's r_rm (with the ordinary r beside it for
contrast), its words, and how it was computed. The typed results are `CorrelationAnalysis.repeated`
(`edakit.stats.rmcorr`); the words come from `edakit.explain.rmcorr`.
"""

from __future__ import annotations

from typing import Any

from edakit.explain import rmcorr as words
from edakit.page import Paragraph, TableBlock, TableColumn
from edakit.stats.correlation_analysis import CorrelationAnalysis
from edakit.stats.rmcorr import RepeatedCorrelations


def overall_r(a: CorrelationAnalysis) -> dict[tuple[str, str], float | None]:
    """Pearson's r over all rows of every numeric pair, by its columns."""
    return {(p.x, p.y): p.result.estimate for p in a.pairs if p.kind == "numeric"}


def lead(a: CorrelationAnalysis) -> str:
    """The words that open the section in such a design ("" without one)."""
    return words.lead(a.repeated, overall_r(a)) if a.repeated is not None else ""


def repeated_blocks(a: CorrelationAnalysis) -> list[Any]:
    """The table of repeated-measures correlations, strongest first, and how they were computed."""
    rc: RepeatedCorrelations | None = a.repeated
    if rc is None or not rc.pairs:
        return []
    level = f"{100 * rc.conf_level:g} %"
    overall = overall_r(a)
    shown = sorted(rc.pairs, key=lambda p: (p.result.estimate is None, -abs(p.result.estimate or 0.0), p.label))
    rows, notes = [], []
    for p in shown:
        r = p.result
        rows.append(
            [
                p.label,
                r.estimate,
                list(r.ci) if r.ci else None,
                r.df,
                r.units,
                r.n,
                r.p_value,
                p.p_adjusted,
                overall.get((p.x, p.y)),
            ]
        )
        notes.append(words.row_note(p, rc, overall.get((p.x, p.y)), a.alpha))
    table = TableBlock(
        caption=f"Repeated-measures correlation of each numeric pair within {rc.unit} (rows of one unit are not "
        "independent), strongest first",
        columns=[
            TableColumn("Pair", "text"),
            TableColumn("r_rm", "num", f"the association within units of {rc.unit}: one slope, one intercept each"),
            TableColumn(f"{level} CI (unadjusted)", "ci", "Fisher's z with n = df, as R's rmcorr"),
            TableColumn("df", "int", "N − k − 1: complete pairs less one per unit and one for the slope"),
            TableColumn("Units", "int", f"units of {rc.unit} with both values at least once"),
            TableColumn("Pairs", "int", "rows with both values present"),
            TableColumn("p", "p", "unadjusted p-value of the test of no association within units"),
            TableColumn("p (BH)", "p", "Benjamini–Hochberg adjusted across the repeated-measures correlations"),
            TableColumn("r over all rows", "num", "Pearson's r treating every row as independent: for contrast"),
        ],
        rows=rows,
        row_notes=notes,
    )
    return [table, Paragraph(words.methods_paragraph(rc), tone="method")]
