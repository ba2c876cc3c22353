"""The "Correlations and associations" section: every pair of usable columns measured on one 0–1 strength scale.

What is computed where:

* numeric × numeric — Pearson's r from full-data centred co-moments with pairwise deletion
  (`engine.pairs.pair_moments`, one pass) and `stats.association.pearson_from_moments`; Spearman's rho and
  Kendall's tau-b from the profile's seeded sample, for the numeric pairs shown in the ranked table;
* categorical × categorical — chi-square test and bias-corrected Cramér's V from the full cross-table
  (`engine.pairs.cross_table`, one `group_by` per pair);
* numeric × categorical — correlation ratio eta and the one-way ANOVA F test from per-group counts, means and
  variances (`engine.pairs.group_moments`, one `group_by` per categorical column for all numeric columns).

The engine passes are gathered first (`gather`: no scipy), so the section runner can run them while scipy.stats
is imported; `build` then turns the aggregates into results. All p-values of the section are adjusted together by
Benjamini–Hochberg (exploratory screening). Work is bounded:
at most `MAX_NUMERIC` numeric and `MAX_CATEGORICAL` categorical columns (those with the most present values),
categorical columns with at most `MAX_LEVELS` levels, and the `TOP_PAIRS` strongest pairs in the table; the
section says what was left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from edakit.engine import pairs as engine
from edakit.engine.convert import apply_conversions
from edakit.errors import EdakitError
from edakit.explain import correlation as words
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.association import (
    CHISQ_METHOD,
    ETA_METHOD,
    CorrelationRatioResult,
    CramersVResult,
    correlation_ratio_from_groups,
    cramers_v_from_table,
)
from edakit.stats.correlations import METHOD_NAMES, CorrelationResult, correlation, pearson_from_moments
from edakit.stats.multitest import adjust_pvalues

MAX_NUMERIC = 30  # 435 pairs: two passes of 3 aggregates per pair
MAX_CATEGORICAL = 20  # 190 cross-tables, one group_by each
MAX_LEVELS = 30  # a cross-table of at most 30 × 30 cells
TOP_PAIRS = 25  # rows of the ranked table (and pairs given rank correlations and intervals for V and eta)
MAX_UNDEFINED_ROWS = 20
SUMMARY_PAIRS = 3
ADJUST = "bh"  # exploratory screening of many pairs: control the false discovery rate
ALPHA = 0.05

SECTION_ID = "correlations"
TITLE = "Correlations and associations"

Association = CorrelationResult | CramersVResult | CorrelationRatioResult


@dataclass
class Pair:
    """One measured pair: its result, strength on the 0–1 scale, adjusted p and what is needed to redo it."""

    kind: str  # "numeric", "categorical" or "mixed"
    result: Association
    inputs: dict[str, Any] = field(default_factory=dict)  # cross-table or group moments (to add the interval)
    p_adjusted: float | None = None
    rank: dict[str, CorrelationResult] = field(default_factory=dict)  # spearman, kendall (shown numeric pairs)

    @property
    def strength(self) -> float | None:
        est = self.result.estimate
        return None if est is None else abs(float(est))


@dataclass
class Plan:
    numeric: list[str]
    categorical: list[str]
    notes: list[str]


@dataclass
class Aggregates:
    """The engine's full-data aggregates for every pair of the plan, gathered before any statistic is computed."""

    plan: Plan
    moments: dict[tuple[str, str], engine.PairMoments] = field(default_factory=dict)
    tables: dict[tuple[str, str], tuple[list[str], list[str], list[list[int]]]] = field(default_factory=dict)
    groups: dict[str, dict[str, engine.GroupMoments]] = field(default_factory=dict)

    @property
    def too_few(self) -> bool:
        numeric, categorical = len(self.plan.numeric), len(self.plan.categorical)
        return numeric < 2 and categorical < 2 and not (numeric and categorical)


def gather(ctx: AnalysisContext) -> Aggregates | None:
    """Every engine pass of the section (pair moments, cross-tables, group moments) and nothing else: no scipy, so
    `sections.build_sections` runs it while scipy.stats is being imported. None when correlations are off."""
    if not ctx.config.correlations:
        return None
    plan = plan_columns(ctx)
    out = Aggregates(plan)
    if out.too_few:
        return out
    work = apply_conversions(ctx.table.frame, ctx.schema)
    if len(plan.numeric) >= 2:
        out.moments = numeric_moments(ctx, work, plan.numeric)
    out.tables = {(a, b): engine.cross_table(work, a, b) for a, b in combinations(plan.categorical, 2)}
    if plan.numeric:
        values = engine.finite_values(plan.numeric, ctx.schema)
        out.groups = {g: engine.group_moments(work, g, values) for g in plan.categorical}
    return out


def build(ctx: AnalysisContext, aggregates: Aggregates | None = None) -> list[Section]:
    """The section for `ctx` (from `aggregates`, gathered here when not given), or [] when correlations are off."""
    aggregates = aggregates or gather(ctx)
    if aggregates is None:
        return []
    plan = aggregates.plan
    conf = ctx.config.conf_level
    if aggregates.too_few:
        text = words.too_few_columns(len(plan.numeric), len(plan.categorical))
        return [Section(SECTION_ID, TITLE, summary=text, notes=plan.notes)]

    rows = ctx.summary.rows
    found = numeric_pairs(aggregates.moments, rows, conf)
    found += categorical_pairs(aggregates.tables, rows, conf)
    found += mixed_pairs(aggregates.groups, rows, conf)
    for pair, p_adj in zip(found, adjust_pvalues([p.result.p_value for p in found], ADJUST), strict=True):
        pair.p_adjusted = p_adj

    defined = sorted(
        (p for p in found if p.strength is not None),
        key=lambda p: (
            -p.strength,
            p.result.p_value if p.result.p_value is not None else 1.0,
            words.pair_label(p.result),
        ),
    )
    shown = defined[:TOP_PAIRS]
    for pair in shown:
        _finish(pair, ctx, conf)
    n_tests = sum(p.result.p_value is not None for p in found)
    n_significant = sum(p.p_adjusted is not None and p.p_adjusted < ALPHA for p in found)
    summary = words.association_summary(
        [p.result for p in shown[:SUMMARY_PAIRS]], n_tests, n_significant, ADJUST, ALPHA
    )
    rank_pairs = sum(bool(p.rank) for p in shown)
    blocks: list[Any] = [
        Paragraph(
            words.methods_paragraph(
                numeric=len(plan.numeric),
                categorical=len(plan.categorical),
                rows=rows,
                rank_rows=min(ctx.summary.sample_size, rows),
                sampled=bool(ctx.summary.sampled),
                conf_level=conf,
                rank_pairs=rank_pairs,
            ),
            tone="method",  # what was computed how: left out of brief reports
        )
    ]
    if len(plan.numeric) >= 2:
        blocks.append(heatmap_block([p for p in found if p.kind == "numeric"], plan.numeric))
    if shown:
        sample_rows = min(ctx.summary.sample_size, rows) if ctx.summary.sampled else None
        blocks.append(ranked_table(shown, len(defined), conf, sample_rows))
    undefined = [p for p in found if p.strength is None]
    if undefined:
        blocks.append(undefined_table(undefined))
    notes = list(plan.notes)
    if len(defined) > len(shown):
        notes.append(words.top_pairs_note(len(shown), len(defined), n_tests))
    return [Section(SECTION_ID, TITLE, summary=summary, blocks=blocks, notes=notes)]


# --------------------------------------------------------------------------------------------- columns


def plan_columns(ctx: AnalysisContext) -> Plan:
    """Choose the columns to pair: numeric with spread, categorical with few levels, within the caps."""
    skipped = {c.name for c in ctx.columns if getattr(c, "skipped", None)}
    numeric: list[tuple[int, int, str]] = []
    categorical: list[tuple[int, int, str]] = []
    flat: list[str] = []
    many_levels: list[str] = []
    other: dict[str, list[str]] = {}
    for i, col in enumerate(ctx.schema.columns):
        s = ctx.summary.columns[col.name]
        if col.name in skipped:
            other.setdefault("could not be summarised", []).append(col.name)
        elif col.role == "numeric":
            count, var = s.numeric.get("count") or 0, s.numeric.get("var")
            if count < 3 or not var:
                flat.append(col.name)
            else:
                numeric.append((-count, i, col.name))
        elif col.role in ("categorical", "boolean"):
            if s.distinct > MAX_LEVELS:
                many_levels.append(col.name)
            elif s.distinct >= 2:
                categorical.append((-s.count, i, col.name))
            else:
                flat.append(col.name)
        else:
            other.setdefault(f"{col.role} columns are not measured", []).append(col.name)
    notes = [words.left_out_note(names, why) for why, names in other.items()]
    if flat:
        notes.append(words.left_out_note(flat, "fewer than 3 values or no spread: nothing to correlate"))
    if many_levels:
        notes.append(words.left_out_note(many_levels, f"more than {MAX_LEVELS} categories"))
    chosen_numeric = _cap(numeric, MAX_NUMERIC, "numeric", notes)
    chosen_categorical = _cap(categorical, MAX_CATEGORICAL, "categorical", notes)
    return Plan(chosen_numeric, chosen_categorical, notes)


def _cap(candidates: list[tuple[int, int, str]], limit: int, kind: str, notes: list[str]) -> list[str]:
    """The `limit` candidates with the most present values (ties: table order), back in table order."""
    ranked = sorted(candidates)
    kept, dropped = ranked[:limit], ranked[limit:]
    if dropped:
        why = f"only the {limit} {kind} columns with the most present values are paired, to bound the work"
        notes.append(words.left_out_note([c[2] for c in sorted(dropped, key=lambda c: c[1])], why))
    return [c[2] for c in sorted(kept, key=lambda c: c[1])]


# --------------------------------------------------------------------------------------------- pairs


def numeric_moments(ctx: AnalysisContext, work: Any, names: list[str]) -> dict[tuple[str, str], engine.PairMoments]:
    """Full-data centred co-moments of every pair of `names` (pairwise deletion), in one engine pass."""
    rows = ctx.summary.rows
    stats = {n: ctx.summary.columns[n].numeric for n in names}
    complete = {n for n in names if stats[n]["count"] == rows}
    shifts = {n: stats[n]["mean"] for n in names}
    values = engine.finite_values(names, ctx.schema)
    return engine.pair_moments(work, values, list(combinations(names, 2)), rows=rows, shifts=shifts, complete=complete)


def numeric_pairs(moments: dict[tuple[str, str], engine.PairMoments], rows: int, conf: float) -> list[Pair]:
    """Pearson's r of every pair from its co-moments."""
    out = []
    for (a, b), m in moments.items():

        def pearson(m: engine.PairMoments = m, a: str = a, b: str = b) -> Association:
            return pearson_from_moments(
                m.n, m.sxx, m.syy, m.sxy, conf_level=conf, n_dropped=rows - m.n, x_name=a, y_name=b
            )

        out.append(Pair("numeric", _safe("numeric", a, b, m.n, conf, pearson)))
    return out


def categorical_pairs(
    tables: dict[tuple[str, str], tuple[list[str], list[str], list[list[int]]]], rows: int, conf: float
) -> list[Pair]:
    """Chi-square test and bias-corrected Cramér's V of every pair from its cross-table (interval added when
    shown)."""
    out = []
    for (a, b), (row_labels, col_labels, table) in tables.items():
        n = sum(map(sum, table))
        inputs = {"table": table, "row_labels": row_labels, "col_labels": col_labels, "n_dropped": rows - n}
        result = _safe("categorical", a, b, n, conf, lambda i=inputs, a=a, b=b: _cramers_v(i, a, b, conf, False))
        out.append(Pair("categorical", result, inputs))
    return out


def mixed_pairs(groups: dict[str, dict[str, engine.GroupMoments]], rows: int, conf: float) -> list[Pair]:
    """Correlation ratio eta of every numeric column on every categorical one, from per-group moments."""
    out = []
    for g, by_column in groups.items():
        for y, gm in by_column.items():
            inputs = {"groups": gm, "n_dropped": rows - gm.n}
            result = _safe("mixed", y, g, gm.n, conf, lambda i=inputs, y=y, g=g: _eta(i, y, g, conf, False))
            out.append(Pair("mixed", result, inputs))
    return out


def _safe(kind: str, a: str, b: str, n: int, conf: float, compute: Callable[[], Association]) -> Association:
    """`compute()`, or an undefined result saying why when the numbers cannot be used (e.g. overflow)."""
    try:
        return compute()
    except (EdakitError, ArithmeticError, ValueError) as exc:
        reason = f"It could not be computed from these values ({exc})"
        reason = reason if reason.endswith(".") else reason + "."
        details = {"undefined": True}
        if kind == "numeric":
            return CorrelationResult(
                METHOD_NAMES["pearson"], conf_level=conf, n=n, notes=[reason], details=details, x_name=a, y_name=b
            )
        if kind == "categorical":
            return CramersVResult(
                CHISQ_METHOD,
                conf_level=conf,
                alternative=None,
                n=n,
                notes=[reason],
                details=details,
                x_name=a,
                y_name=b,
            )
        return CorrelationRatioResult(
            ETA_METHOD,
            conf_level=conf,
            alternative=None,
            n=n,
            notes=[reason],
            details=details,
            values_name=a,
            groups_name=b,
        )


def _cramers_v(inputs: dict[str, Any], a: str, b: str, conf: float, interval: bool) -> CramersVResult:
    rows, cols = inputs["row_labels"], inputs["col_labels"]
    return cramers_v_from_table(
        np.asarray(inputs["table"], dtype=float).reshape(len(rows), len(cols)),
        conf_level=conf,
        row_labels=rows,
        col_labels=cols,
        n_dropped=inputs["n_dropped"],
        x_name=a,
        y_name=b,
        interval=interval,
    )


def _eta(inputs: dict[str, Any], y: str, g: str, conf: float, interval: bool) -> CorrelationRatioResult:
    gm = inputs["groups"]
    return correlation_ratio_from_groups(
        gm.sizes,
        gm.means,
        gm.variances,
        conf,
        labels=gm.labels,
        n_dropped=inputs["n_dropped"],
        values_name=y,
        groups_name=g,
        interval=interval,
    )


def _finish(pair: Pair, ctx: AnalysisContext, conf: float) -> None:
    """For a pair that is shown: the interval of V or eta, and rank correlations of a numeric pair (sample)."""
    r = pair.result
    try:
        if isinstance(r, CramersVResult):
            pair.result = _cramers_v(pair.inputs, r.x_name, r.y_name, conf, interval=True)
        elif isinstance(r, CorrelationRatioResult):
            pair.result = _eta(pair.inputs, r.values_name, r.groups_name, conf, interval=True)
        else:
            sample = ctx.summary.sample
            if r.x_name in sample.columns and r.y_name in sample.columns:
                x, y = sample[r.x_name], sample[r.y_name]
                for method in ("spearman", "kendall"):
                    pair.rank[method] = correlation(x, y, method, conf_level=conf, x_name=r.x_name, y_name=r.y_name)
    except (EdakitError, ArithmeticError, ValueError) as exc:  # keep the screening result, say what is missing
        pair.result.notes.append(f"The interval or rank correlations could not be added ({exc}).")


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
        caption += f" {undefined} undefined pair(s) are left blank."
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


def ranked_table(shown: list[Pair], measured: int, conf: float, sample_rows: int | None = None) -> TableBlock:
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
        TableColumn(f"{level} CI", "ci", f"{level} confidence interval of the estimate"),
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
                list(r.ci) if r.ci else None,
                r.n,
                r.p_value,
                pair.p_adjusted,
                _rank_cell(rho),
                _rank_cell(tau),
            ]
        )
        text = words.short_explanation(r, pair.p_adjusted, ADJUST, rank=rho, alpha=ALPHA)
        dropped = [note for note in r.notes if "not computable" in note]  # e.g. an interval that could not be found
        notes.append(" ".join([text, *dropped]))
    caption = f"The {len(shown)} strongest associations" + (f" of {measured}" if measured > len(shown) else "")
    return TableBlock(caption=caption + ", strongest first", columns=columns, rows=rows, row_notes=notes)


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
