"""The "Principal components" section: PCA of the standardised numeric columns (R's `prcomp(scale. = TRUE)`).

Method choice: complete cases on the profile's seeded sample of rows (every row when the table is small), which is
the textbook `prcomp` and gives real component scores to plot; the alternative — the eigen-decomposition of the
full-data pairwise-deletion correlation matrix (`engine.pairs`) — uses more rows but can be non-positive-definite
and has no scores. Columns: numeric columns with some spread, at most half missing (a column missing more would
discard most rows), at most `MAX_COLUMNS` of them (those with the most present values); the section names any left
out. Shown: eigenvalues with the explained and cumulative variance (table and scree plot), the loadings of the first
components (heat map and table), and the scores on PC1 and PC2 for at most `stats.pca.MAX_SCORE_POINTS` rows,
coloured by `config.group` when given.

The sample's values come from `edakit.engine.pca`, the components from `edakit.stats.pca`; `build` leaves the
`PCAResult` in `ctx.results["pca"]` and lays out the section from it.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from edakit.engine.pca import sample_matrix
from edakit.explain import probability as words
from edakit.explain.words import fmt_pct
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.pca import MAX_SCORE_POINTS, PCAResult, pca

SECTION_ID = "pca"
TITLE = "Principal components"
MAX_COLUMNS = 30
MAX_MISSING_SHARE = 0.5
MAX_LOADING_COMPONENTS = 6
MAX_GROUPS = 8
SHOWN_SHARE = 0.9  # loadings are shown for the components reaching this share (at least 2)


def build(ctx: AnalysisContext) -> list[Section]:
    """The section for `ctx`, or [] when fewer than two numeric columns can enter a PCA."""
    names, notes = choose_columns(ctx)
    if len(names) < 2:
        return []
    group = _group(ctx)
    data, labels = sample_matrix(ctx, names, group)
    try:
        result = pca(data, names, sampled=bool(ctx.summary.sampled))
    except ValueError as exc:
        return [Section(SECTION_ID, TITLE, summary=f"No principal components: {exc}.", notes=notes)]
    ctx.results["pca"] = result
    charts = getattr(ctx.config, "max_charted_columns", 1) != 0  # --max-charts 0: no charts anywhere
    scatter = scores_block(result, labels, group, ctx.config.seed) if charts else None
    shown = len(scatter.data["x"]) if scatter else 0
    m = loading_components(result)
    blocks: list[Any] = [
        Paragraph(words.pca_methods(result, group if labels is not None else None, shown), tone="method"),
        Paragraph(words.PCA_FORMULA, tone="formula"),
        eigen_table(result),
        Paragraph(words.pca_loadings_words(result)),
        scree_block(result) if charts else None,  # the two charts side by side on a wide page
        loadings_block(result, m) if charts else None,
        dataclasses.replace(loadings_table(result, m), fold=True),  # the chart shows it; the numbers one click away
        scatter,
    ]
    blocks = [b for b in blocks if b is not None]
    notes += [n for n in result.notes]
    return [Section(SECTION_ID, TITLE, summary=words.pca_summary(result), blocks=blocks, notes=notes)]


def choose_columns(ctx: AnalysisContext) -> tuple[list[str], list[str]]:
    """Numeric columns with spread and at most half missing, at most MAX_COLUMNS (most present values first)."""
    skipped = {c.name for c in ctx.columns if getattr(c, "skipped", None)}
    rows = ctx.summary.rows
    candidates, flat, sparse, huge, lost = [], [], [], [], []
    sample_cols = set(getattr(ctx.summary.sample, "columns", []))
    for i, col in enumerate(ctx.schema.columns):
        if col.role != "numeric" or col.name in skipped or col.name not in sample_cols:
            continue
        s = ctx.summary.columns[col.name].numeric
        count = int(s.get("count") or 0)
        if count >= 3 and s.get("var") == 0 and s.get("min") != s.get("max"):
            lost.append(col.name)  # values that differ, but not in double precision (2^53 + k, 1e-309)
        elif count < 3 or not s.get("var"):
            flat.append(col.name)
        elif not math.isfinite(s["var"]):  # values near ±1.8e308: their squares overflow, so they cannot be scaled
            huge.append(col.name)
        elif rows and count < (1 - MAX_MISSING_SHARE) * rows:
            sparse.append(col.name)
        else:
            candidates.append((-count, i, col.name))
    notes = []
    if flat:
        notes.append(f"Left out (fewer than 3 values or no spread): {', '.join(flat)}.")
    if lost:
        notes.append(f"Left out (their spread is lost in double-precision arithmetic): {', '.join(lost)}.")
    if huge:
        notes.append(
            f"Left out (values too large for double-precision arithmetic: their variance overflows): {', '.join(huge)}."
        )
    if sparse:
        notes.append(
            f"Left out (more than {fmt_pct(MAX_MISSING_SHARE, 0)} missing; keeping them would discard most rows): "
            f"{', '.join(sparse)}."
        )
    ranked = sorted(candidates)
    if len(ranked) > MAX_COLUMNS:
        dropped = sorted(ranked[MAX_COLUMNS:], key=lambda c: c[1])
        notes.append(
            f"Only the {MAX_COLUMNS} numeric columns with the most present values enter the PCA, to bound the work; "
            f"left out: {', '.join(c[2] for c in dropped)}."
        )
        ranked = ranked[:MAX_COLUMNS]
    return [c[2] for c in sorted(ranked, key=lambda c: c[1])], notes


def _group(ctx: AnalysisContext) -> str | None:
    group = getattr(ctx.config, "group", None)
    if not group:
        return None
    try:
        role = ctx.schema[group].role
    except KeyError:
        return None
    return group if role in ("categorical", "boolean", "constant") else None


def loading_components(r: PCAResult) -> int:
    """Components whose loadings are shown: those reaching SHOWN_SHARE of the variance, 2 to 6."""
    return max(2, min(words.components_for(r, SHOWN_SHARE), MAX_LOADING_COMPONENTS, len(r.eigenvalues)))


def eigen_table(r: PCAResult) -> TableBlock:
    rows = [
        [f"PC{j + 1}", e, s, c]
        for j, (e, s, c) in enumerate(zip(r.eigenvalues, r.explained, r.cumulative, strict=True))
    ]
    columns = [
        TableColumn("Component", "text"),
        TableColumn("Eigenvalue", "num", "variance of the component's scores; the eigenvalues sum to the column count"),
        TableColumn("Share of variance", "pct", "eigenvalue / number of columns"),
        TableColumn("Cumulative", "pct", "share carried by this and all earlier components"),
    ]
    return TableBlock(
        caption=f"Eigenvalues of the correlation matrix of {len(r.columns)} columns", columns=columns, rows=rows
    )


def scree_block(r: PCAResult) -> ChartBlock:
    k = min(len(r.eigenvalues), 30)
    caption = (
        "Scree plot: the eigenvalue of each component, labelled with its share of the variance. The dotted line at 1 "
        "marks one column's worth of variance (Kaiser's rule); look for the elbow after which the bars flatten."
    )
    alt = (
        f"Scree plot of {len(r.eigenvalues)} eigenvalues; PC1 {fmt_pct(r.explained[0])} of the variance, "
        f"the first two {fmt_pct(r.cumulative[min(1, len(r.cumulative) - 1)])}."
    )
    data = {"eigenvalues": r.eigenvalues[:k], "explained": r.explained[:k], "cumulative": r.cumulative[:k]}
    return ChartBlock(kind="scree", data=data, caption=caption, alt=alt)


def loadings_block(r: PCAResult, m: int) -> ChartBlock:
    matrix = [row[:m] for row in r.loadings]
    caption = (
        f"Loadings of each column on the first {m} components (red positive, blue negative). A column with a large "
        "loading moves with that component; loadings near 0 mean the component ignores it."
    )
    alt = f"Heat map of the loadings of {len(r.columns)} columns on components PC1 to PC{m}."
    data = {"rows": list(r.columns), "columns": [f"PC{j + 1}" for j in range(m)], "matrix": matrix, "label": "loading"}
    return ChartBlock(kind="loadings", data=data, caption=caption, alt=alt)


def loadings_table(r: PCAResult, m: int) -> TableBlock:
    columns = [TableColumn("Column", "text")] + [
        TableColumn(f"PC{j + 1}", "num", f"loading on component {j + 1}") for j in range(m)
    ]
    rows = [[name, *row[:m]] for name, row in zip(r.columns, r.loadings, strict=True)]
    return TableBlock(caption="Loadings (rotation) of the first components", columns=columns, rows=rows)


def scores_block(r: PCAResult, labels: list[str] | None, group: str | None, seed: int) -> ChartBlock | None:
    """PC1 against PC2 for at most MAX_SCORE_POINTS rows (a seeded subset), coloured by group when given."""
    if r.scores is None or r.scores.shape[1] < 2:
        return None
    n = r.scores.shape[0]
    keep = np.arange(n)
    if n > MAX_SCORE_POINTS:
        keep = np.sort(np.random.default_rng(seed).choice(n, MAX_SCORE_POINTS, replace=False))
    x, y = r.scores[keep, 0], r.scores[keep, 1]
    data: dict[str, Any] = {
        "x": [round(float(v), 5) for v in x],
        "y": [round(float(v), 5) for v in y],
        "x_label": f"PC1 ({fmt_pct(r.explained[0])})",
        "y_label": f"PC2 ({fmt_pct(r.explained[1])})",
        "n": n,
    }
    if labels is not None:
        chosen = [labels[i] for i in keep]
        counts: dict[str, int] = {}
        for lab in chosen:
            counts[lab] = counts.get(lab, 0) + 1
        top = sorted(counts, key=lambda k: (-counts[k], k))[:MAX_GROUPS]
        data["groups"] = [lab if lab in top else "other" for lab in chosen]
        data["labels"] = sorted(top) + (["other"] if len(counts) > len(top) else [])
        data["group_name"] = group
    subset = f"{len(keep):,} of {n:,} rows" if len(keep) < n else f"all {n:,} rows"
    caption = (
        f"Scores of {subset} on the first two components. Rows close together have similar standardised values; "
        "the loadings above say which columns push a row along each axis."
    )
    if labels is not None:
        caption += f" Colours mark {group}; separated clouds mean the groups differ along those components."
    alt = f"Scatter plot of PC1 against PC2 scores for {subset}" + (f", coloured by {group}." if labels else ".")
    return ChartBlock(kind="scores", data=data, caption=caption, alt=alt)
