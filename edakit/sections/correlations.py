"""The "Correlations and associations" section: every pair of usable columns measured on one 0–1 strength scale.

The four steps, one module each:

* gather (`edakit.engine.correlations`): the plan of columns and the engine passes (pair co-moments, cross-tables,
  per-group moments); `gather(ctx)` here runs it, and the section runner starts it on a thread at once;
* analyse (`edakit.stats.correlation_analysis`): Pearson's r, Cramér's V and eta with their tests, the
  Benjamini–Hochberg adjustment across every pair, intervals and rank correlations for the strongest pairs;
* explain (`edakit.explain.correlation`): the words;
* lay out (this module): `build(ctx, aggregates)` leaves the typed `CorrelationAnalysis` in
  `ctx.results["correlations"]` and lays out the heat map and the tables from its fields.

Work is bounded: at most `MAX_NUMERIC` numeric and `MAX_CATEGORICAL` categorical columns (those with the most
present values), categorical columns with at most `MAX_LEVELS` levels, and the `TOP_PAIRS` strongest pairs in the
table; the section says what was left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from edakit._format import count_of, verb
from edakit.engine import correlations as gathering
from edakit.engine import rmcorr as rm_gathering
from edakit.engine.correlations import MAX_CATEGORICAL, MAX_LEVELS, MAX_NUMERIC, Aggregates, Plan, plan_columns
from edakit.explain import correlation as words
from edakit.explain.words import ONE_SIDED
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.sections import rmcorr as repeated
from edakit.sections.scatter import scatter_blocks
from edakit.stats import correlation_analysis as procedures
from edakit.stats.correlation_analysis import (
    ADJUST,
    TOP_PAIRS,
    CorrelationAnalysis,
    Pair,
    _cramers_v,
    _eta,
    categorical_pairs,
    mixed_pairs,
    numeric_pairs,
)
from edakit.stats.correlations import CorrelationResult

# The gather and analyse steps' names, for callers of this module (tests among them).
__all__ = [
    "MAX_CATEGORICAL",
    "MAX_LEVELS",
    "MAX_NUMERIC",
    "TOP_PAIRS",
    "Aggregates",
    "Pair",
    "Plan",
    "_cramers_v",
    "_eta",
    "build",
    "categorical_pairs",
    "gather",
    "mixed_pairs",
    "numeric_pairs",
    "plan_columns",
    "section_of",
]

MAX_UNDEFINED_ROWS = 20
SUMMARY_PAIRS = 3

SECTION_ID = "correlations"
TITLE = "Correlations and associations"


def gather(ctx: AnalysisContext) -> Aggregates | None:
    """Every engine pass of the section (`engine.correlations.gather`: no scipy, so `sections.build_sections` runs
    it beside the other builders, and beside scipy.stats' import in a run that needs it). None when correlations are
    off."""
    if not ctx.config.correlations:
        return None
    early: list[Early] = []
    aggregates = gathering.gather(ctx, on_moments=lambda gathered, ended: early.append(Early(ctx, gathered, ended)))
    ctx.shared[EARLY] = (aggregates, *early)
    unit = getattr(ctx.config, "pair", None)  # --pair: rows repeat units, so r is also measured within them
    if unit and not aggregates.too_few and unit in ctx.summary.columns:
        aggregates.unit = unit
        aggregates.unit_counts, aggregates.within_units = rm_gathering.gather(ctx, unit, list(aggregates.moments))
    return aggregates


def build(ctx: AnalysisContext, aggregates: Aggregates | None = None) -> list[Section]:
    """The section for `ctx` (from `aggregates`, gathered here when not given), or [] when correlations are off.
    The typed `CorrelationAnalysis` is left in `ctx.results["correlations"]`."""
    aggregates = aggregates or gather(ctx)
    if aggregates is None:
        return []
    summary, conf, alpha = ctx.summary, ctx.config.conf_level, ctx.config.alpha
    stored = ctx.shared.get(EARLY, ())
    early = stored[1] if len(stored) == 2 and stored[0] is aggregates else Early(ctx, aggregates)
    analysis = procedures.analyse(
        aggregates,
        summary.sample,
        conf_level=conf,
        alpha=alpha,
        sample_rows=min(summary.sample_size, summary.rows),
        sampled=bool(summary.sampled),
        ranks=early.ranks,
    )
    if analysis.repeated is not None:
        analysis.repeated.by = ctx.config.group  # the column whose levels each unit is measured in
    ctx.results["correlations"] = analysis
    singles, matrix = early.scatter.result() if early.scatter is not None else ([], None)
    return [section_of(analysis, singles, matrix)]


EARLY = "correlations: early"  # `ctx.shared`'s key for the gathered aggregates and their `Early`


class Early:
    """What the section starts once the numeric pairs' co-moments are in (`engine.correlations.gather`'s
    `on_moments`), while the categorical pass still runs: the scatter plots' engine step (it needs only the numeric
    pairs' r) on its own thread, and the rank correlations of the numeric pairs that can be shown
    (`procedures.numeric_ranks`, until the categorical pass has `ended`, when `analyse` knows which it still
    needs). The report's last builder so ends sooner after its gather; `build` uses both, or starts them itself
    when the gather called no `on_moments` (not in polars' memory, no categorical pass, or fewer than two numeric
    columns): then the scatter step runs beside the analysis, as any engine query of the section runs alone."""

    def __init__(self, ctx: AnalysisContext, aggregates: Aggregates, ended: Callable[[], bool] | None = None) -> None:
        conf = ctx.config.conf_level
        pearson = pearson_pairs(aggregates, conf, ctx.config.alpha)
        self.scatter = None
        if ctx.config.max_charted_columns != 0 and not pearson.too_few:  # --max-charts 0: no charts anywhere
            side = ThreadPoolExecutor(max_workers=1)
            self.scatter = side.submit(scatter_blocks, ctx, pearson)
            side.shutdown(wait=False)  # its thread ends with the call
        numeric = [p for p in pearson.pairs if p.kind == "numeric"]
        done = ended if ended is not None else lambda: True  # after the whole gather `analyse` takes those it needs
        stop = done if aggregates.plan.categorical else lambda: False  # numeric pairs alone: the strongest are shown
        self.ranks = procedures.numeric_ranks(numeric, ctx.summary.sample, conf, stop=stop) if numeric else {}


def pearson_pairs(aggregates: Aggregates, conf: float, alpha: float) -> CorrelationAnalysis:
    """The columns paired and Pearson's r of every numeric pair (the same results `procedures.analyse` gives them):
    all the scatter plots need, so that their engine step starts before the rest of the analysis."""
    plan = aggregates.plan
    out = CorrelationAnalysis(list(plan.numeric), list(plan.categorical), aggregates.rows, conf, alpha)
    if not aggregates.too_few:
        out.pairs = numeric_pairs(aggregates.moments, aggregates.rows, conf)
    return out


def section_of(a: CorrelationAnalysis, scatter: Sequence[ChartBlock] = (), matrix: ChartBlock | None = None) -> Section:
    """The section laid out from the typed analysis, with the scatter plots of its strongest numeric pairs after the
    ranked table and the pair matrix after the heat map (`sections.scatter`)."""
    conf, alpha = a.conf_level, a.alpha
    if a.too_few:
        text = words.too_few_columns(len(a.numeric), len(a.categorical))
        return Section(SECTION_ID, TITLE, summary=text, notes=a.notes)
    ranked = a.ranked
    shown = ranked[: a.top]
    summary = words.association_summary(
        [p.result for p in shown[:SUMMARY_PAIRS]], a.n_tests, a.n_significant, a.p_adjust, alpha
    )
    if a.repeated is not None:  # --pair: rows repeat units; the within-unit correlations come first
        summary = f"{repeated.lead(a)} {summary}"
    blocks: list[Any] = [
        Paragraph(
            words.methods_paragraph(
                numeric=len(a.numeric),
                categorical=len(a.categorical),
                rows=a.rows,
                rank_rows=a.sample_rows,
                sampled=a.sampled,
                conf_level=conf,
                rank_pairs=sum(bool(p.rank) for p in shown),
            ),
            tone="method",  # what was computed how: left out of brief reports
        )
    ]
    blocks += repeated.repeated_blocks(a)
    if len(a.numeric) >= 2:
        blocks.append(heatmap_block([p for p in a.pairs if p.kind == "numeric"], a.numeric))
    if matrix is not None:
        blocks.append(matrix)
    if shown:
        sample_rows = a.sample_rows if a.sampled else None
        blocks.append(ranked_table(shown, len(ranked), conf, sample_rows, alpha=alpha, adjust=a.p_adjust))
        if a.repeated is not None:
            blocks[-1].caption += f" (every row counted as independent, though rows repeat units of {a.repeated.unit})"
    blocks += scatter
    if a.within:
        blocks += within_blocks(a)
    if a.undefined:
        blocks.append(undefined_table(a.undefined))
    notes = a.notes
    if len(ranked) > len(shown):
        notes.append(words.top_pairs_note(len(shown), len(ranked), a.n_tests))
    return Section(SECTION_ID, TITLE, summary=summary, blocks=blocks, notes=notes)


# --------------------------------------------------------------------------------------------- blocks


def heatmap_block(found: list[Pair], names: list[str]) -> ChartBlock:
    """Pearson's r of every numeric pair as a symmetric matrix (None where undefined, 1 on the diagonal)."""
    index = {n: i for i, n in enumerate(names)}
    matrix: list[list[float | None]] = [[1.0 if i == j else None for j in names] for i in names]
    for pair in found:
        r = pair.result
        i, j = index[r.x_name], index[r.y_name]
        matrix[i][j] = matrix[j][i] = None if r.estimate is None else float(r.estimate)
    undefined = sum(pair.result.estimate is None for pair in found)
    caption = f"Pearson's r of every pair of the {len(names)} numeric columns, each pair on its complete rows."
    if undefined:
        caption += f" {count_of(undefined, 'undefined pair')} {verb(undefined, 'is', 'are')} left blank."
    strongest = max(
        (p for p in found if p.result.estimate is not None), key=lambda p: abs(p.result.estimate), default=None
    )
    alt = f"Heat map of Pearson correlations among {len(names)} numeric columns, from −1 (blue) to +1 (red)."
    if strongest is not None:
        alt += f" Strongest: {words.pair_label(strongest.result)}, r = {strongest.result.estimate:.2f}."
    return ChartBlock(
        kind="correlation_heatmap",
        data={"names": list(names), "matrix": matrix, "method": "pearson", "label": "Pearson's r"},
        caption=caption,
        alt=alt,
    )


def ranked_table(
    shown: list[Pair],
    measured: int,
    conf: float,
    sample_rows: int | None = None,
    *,
    alpha: float = 0.05,
    adjust: str = ADJUST,
) -> TableBlock:
    """The strongest pairs, one row each, with a short explanation per row (`sample_rows`: rank methods' sample)."""
    level = f"{100 * conf:g} %"
    rank_help = "rank correlation (numeric pairs)" + (
        f", from a random sample of {sample_rows:,} rows" if sample_rows else ""
    )
    columns = [
        TableColumn("Pair", "text"),
        TableColumn(
            "Measure", "text", "Pearson's r (numeric pair), Cramér's V (two categorical), eta (numeric by categorical)"
        ),
        TableColumn("Strength", "num", "0 = none, 1 = perfect: |r|, V or eta"),
        TableColumn("Estimate", "num", "r keeps its sign: negative means one falls as the other rises"),
        TableColumn(
            f"{level} CI (unadjusted)", "ci", f"{level} interval of the estimate, not widened for the pairs tested"
        ),
        TableColumn("n", "int", "rows used: both values present"),
        TableColumn("p", "p", "unadjusted p-value of the test of no association"),
        TableColumn("p (BH)", "p", "Benjamini–Hochberg adjusted across every pair tested in this section"),
        TableColumn("Spearman rho", "num", rank_help),
        TableColumn("Kendall tau-b", "num", rank_help),
    ]
    rows, notes = [], []
    for pair in shown:
        r = pair.result
        rho, tau = pair.rank.get("spearman"), pair.rank.get("kendall")
        rows.append(
            [
                words.pair_label(r),
                words.measure_name(r),
                pair.strength,
                float(r.estimate),
                _ci_cell(r),
                r.n,
                r.p_value,
                pair.p_adjusted,
                _rank_cell(rho),
                _rank_cell(tau),
            ]
        )
        text = words.short_explanation(r, pair.p_adjusted, adjust, rank=rho, alpha=alpha)
        dropped = [note for note in r.notes if "not computable" in note]  # e.g. an interval that could not be found
        notes.append(" ".join([text, *dropped]))
    caption = f"The {len(shown)} strongest associations" + (f" of {measured}" if measured > len(shown) else "")
    return TableBlock(caption=caption + ", strongest first", columns=columns, rows=rows, row_notes=notes)


def _ci_cell(r: Any) -> list[Any] | None:
    """The interval cell; a one-sided interval [0, U] of V or eta (estimate at 0; stats.ncp) carries its kind."""
    if not r.ci:
        return None
    kind = getattr(r, "ci_kind", None)
    return [*r.ci, kind] if kind == ONE_SIDED else list(r.ci)


def within_blocks(a: CorrelationAnalysis) -> list[Any]:
    """Every shown numeric pair's r over all rows and within each level of the group, reversals first, and the
    words that name a reversal of sign (Simpson's paradox)."""
    level = f"{100 * a.conf_level:g} %"
    shown = {(p.x, p.y) for p in a.shown if p.kind == "numeric"}
    pairs = sorted(
        (w for w in a.within if (w.x, w.y) in shown),
        key=lambda w: (not w.reversal, -abs(w.overall or 0.0), w.label),
    )
    if not pairs:
        return []
    overall = {(p.x, p.y): p.result for p in a.pairs if p.kind == "numeric"}
    rows = []
    for w in pairs:
        r = overall[(w.x, w.y)]
        flag = "sign reverses in every group" if w.reversal else None
        rows.append([w.label, "all rows", r.n, w.overall, list(r.ci) if r.ci else None, r.p_value, flag])
        rows += [[w.label, g.group, g.n, g.r, list(g.ci) if g.ci else None, g.p_value, None] for g in w.groups]
        rows.append([w.label, f"pooled within {w.by}", sum(g.n for g in w.groups), w.pooled, None, None, None])
    return [
        TableBlock(
            caption=f"Pearson's r of each numeric pair over all rows and within each level of {a.by}",
            columns=[
                TableColumn("Pair", "text"),
                TableColumn(a.by, "text", "all rows, one level, or the pooled within-group correlation"),
                TableColumn("n", "int", "rows with both values present"),
                TableColumn("Pearson's r", "num"),
                TableColumn(f"{level} CI", "ci", "Fisher's z interval"),
                TableColumn("p", "p", "unadjusted: describes this group alone"),
                TableColumn("Simpson's paradox", "text", f"r has the opposite sign within every level of {a.by}"),
            ],
            rows=rows,
        ),
        Paragraph(words.within_paragraph(pairs, a.by or "")),
    ]


def _rank_cell(r: CorrelationResult | None) -> Any:
    if r is None:
        return None
    return "undefined" if r.estimate is None else float(r.estimate)


def undefined_table(undefined: list[Pair]) -> TableBlock:
    shown = undefined[:MAX_UNDEFINED_ROWS]
    rows = [
        [
            words.pair_label(p.result),
            words.measure_name(p.result),
            "undefined",
            p.result.n,
            " ".join(p.result.notes[:1]),
        ]
        for p in shown
    ]
    caption = "Pairs whose association is undefined"
    if len(undefined) > len(shown):
        caption += f" (first {len(shown)} of {len(undefined)})"
    return TableBlock(
        caption=caption,
        columns=[
            TableColumn("Pair", "text"),
            TableColumn("Measure", "text"),
            TableColumn("Estimate", "text"),
            TableColumn("n", "int", "rows with both values present"),
            TableColumn("Why", "text"),
        ],
        rows=rows,
    )
