"""Analyse, tables and pairs: the tests of the group-comparison analysis that are not about a numeric column across
groups (`edakit.stats.comparisons` has those and runs the whole analysis).

* categorical × group: the cross-table's chi-square test of independence (R's `chisq.test`, Yates for 2×2) and,
  for a 2×2 table, Fisher's exact test, with the bias-corrected Cramér's V and its interval; the Wilson interval
  of every cell's share of its group;
* numeric target × numeric column: Pearson's r from the full-data centred co-moments, Spearman's rho from the
  seeded sample.
"""

from __future__ import annotations

import math

import numpy as np

from edakit.engine.comparisons import ComparisonAggregates, CrossTable
from edakit.engine.pairs import PairMoments
from edakit.errors import EdakitError
from edakit.stats.comparison_results import (
    CategoricalComparison,
    ComparisonAnalysis,
    CorrelationComparison,
    GroupTest,
    Skip,
    as_df,
    as_interval,
)
from edakit.stats.proportion import wilson_interval
from edakit.stats.target import binned_rates, generalized_cmh, mantel_haenszel, outcome_rates

# --------------------------------------------------------------------------------------------- categorical


def compare_categorical(column: str, by: str, cross: CrossTable, conf: float) -> CategoricalComparison | Skip:
    """Chi-square test of independence of `column` (rows) and `by` (columns), R's `chisq.test` (Yates for 2×2);
    Fisher's exact test for a 2×2 table, primary when an expected count is below 5; Cramér's V (bias-corrected)
    with its interval as the effect size."""
    from edakit.stats.association import cramers_v_from_table
    from edakit.stats.contingency import chi_square, fisher_exact

    row_labels, col_labels = cross.row_labels, cross.col_labels
    counts = np.asarray(cross.counts, dtype=float).reshape(len(row_labels), len(col_labels))
    keep_r, keep_c = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    counts = counts[keep_r][:, keep_c]
    rows = [r for r, k in zip(row_labels, keep_r, strict=True) if k]
    cols = [c for c, k in zip(col_labels, keep_c, strict=True) if k]
    if len(rows) < 2:
        return Skip(column, f"only one level of {column} occurs in rows with a value of {by}: nothing to test")
    if len(cols) < 2:
        return Skip(column, f"only one group of {by} has values of {column}: nothing to compare")
    n = int(counts.sum())
    chi = chi_square(counts, labels=(rows, cols))  # labelled, for the residuals' words
    v = cramers_v_from_table(counts, conf_level=conf, row_labels=rows, col_labels=cols, x_name=column, y_name=by)
    test = GroupTest(
        "chisq",
        "chi-square test",
        chi.method,
        "X-squared",
        chi.statistic,
        as_df(chi.df),
        chi.p_value,
        estimate_name="Cramér's V (bias-corrected)",
        estimate=v.estimate,
        ci=as_interval(v.ci),
        ci_kind=v.ci_kind,
        effect_size=v.effect_size,
        n=n,
    )
    test.details.update(v_uncorrected=v.v_uncorrected, cells=chi.details)
    # V's interval was dropped, is one-sided or cannot be estimated (stats.ncp)
    test.notes += [note for note in v.notes if any(w in note for w in ("not computable", "cannot be", "one-sided"))]
    min_expected = chi.details.get("min_expected")
    totals = counts.sum(axis=0)
    share_ci = [
        [as_interval(wilson_interval(int(c), int(t), conf)) for c, t in zip(row, totals, strict=True)] for row in counts
    ]
    comp = CategoricalComparison(
        label=column,
        column=column,
        by=by,
        primary=test,
        row_labels=rows,
        col_labels=cols,
        table=counts.astype(int).tolist(),
        share_ci=share_ci,
        min_expected=min_expected,
    )
    small = min_expected is not None and min_expected < 5
    if counts.shape == (2, 2):
        f = fisher_exact(counts, conf_level=conf)
        fisher = GroupTest(
            "fisher",
            "Fisher's exact test",
            f.method,
            "",
            None,
            None,
            f.p_value,
            estimate_name=f"odds ratio (conditional MLE; odds of {rows[0]} in {cols[0]} vs {cols[1]})",
            estimate=f.estimate,
            ci=as_interval(f.ci),
            effect_size=v.effect_size,
            n=n,
            notes=list(f.notes),
        )
        if small:
            comp.primary, comp.alternative = fisher, test
            comp.reasons.append(
                f"The table is 2×2 and its smallest expected count is {min_expected:.3g} (below 5), so Fisher's exact "
                "test, which needs no large-sample approximation, is the primary test."
            )
        else:
            comp.alternative = fisher
            comp.reasons.append(
                f"Every expected count is at least 5 (smallest {min_expected:.3g}), so the chi-square approximation "
                "holds (with Yates' continuity correction, as R does for 2×2 tables); Fisher's exact test is shown "
                "alongside."
            )
    else:
        comp.reasons.append(
            f"For a {len(rows)}×{len(cols)} table the chi-square test of independence is the test (R's chisq.test; "
            "the continuity correction applies to 2×2 tables only)."
        )
        if small:
            comp.notes.append(
                f"Some expected counts are below 5 (smallest {min_expected:.3g}): the chi-square p-value is "
                f"approximate; merging rare levels of {column} would make it more reliable."
            )
    return comp


# --------------------------------------------------------------------------------------------- target


def correlations(g: ComparisonAggregates, conf: float) -> tuple[list[CorrelationComparison], list[Skip]]:
    """Pearson's r of the numeric target with each numeric column (full data), Spearman's rho from the sample."""
    from edakit.stats.correlations import correlation, pearson_from_moments

    target, rows, sample = g.by, g.rows, g.sample_columns
    out, skips = [], []
    for x in g.plan.numeric:
        m: PairMoments = g.pair_moments[x]
        huge = [name for name, ss in ((x, m.sxx), (target, m.syy)) if not math.isfinite(ss)]
        if huge or not math.isfinite(m.sxy):
            skips.append(
                Skip(
                    x,
                    f"Pearson's r is not computable: the values of {' and '.join(huge or [x, target])} "
                    "are too large for double-precision arithmetic (their sums of squares overflow)",
                )
            )
            continue
        try:
            r = pearson_from_moments(
                m.n, m.sxx, m.syy, m.sxy, conf_level=conf, n_dropped=rows - m.n, x_name=x, y_name=target
            )
        except (EdakitError, ArithmeticError, ValueError) as exc:
            skips.append(Skip(x, f"Pearson's r could not be computed ({exc})"))
            continue
        if r.p_value is None:
            skips.append(Skip(x, " ".join(r.notes[:1]) or "Pearson's r is undefined"))
            continue
        test = GroupTest(
            "pearson",
            "Pearson correlation",
            r.method,
            "t",
            r.statistic,
            as_df(r.df),
            r.p_value,
            estimate_name="Pearson's r",
            estimate=r.estimate,
            ci=as_interval(r.ci),
            effect_size=r.effect_size,
            n=r.n,
            notes=list(r.notes),
        )
        comp = CorrelationComparison(label=x, column=target, by=x, primary=test, order=g.order.get(x, 0))
        comp.reasons.append(
            "Pearson's r measures the straight-line association on every row with both values (full data); "
            "Spearman's rho, on ranks, is shown alongside for a monotone but curved relation."
        )
        if x in sample and target in sample:
            rho = correlation(sample[x], sample[target], "spearman", conf_level=conf, x_name=x, y_name=target)
            comp.alternative = GroupTest(
                "spearman",
                "Spearman correlation",
                rho.method,
                "S",
                rho.statistic,
                None,
                rho.p_value,
                estimate_name="Spearman's rho",
                estimate=rho.estimate,
                ci=as_interval(rho.ci),
                effect_size=rho.effect_size,
                n=rho.n,
                on_sample=g.sampled,
                notes=list(rho.notes),
            )
        out.append(comp)
    return out, skips


def add_outcome_rates(a: ComparisonAnalysis, g: ComparisonAggregates) -> None:
    """A categorical target read the way a reader asks: for every categorical predictor, the target's rate in each
    of its levels (`stats.target.outcome_rates`), the odds and risk ratio for a two-level predictor, and with
    `--group` the Mantel–Haenszel odds ratio stratified by the group (the generalized Cochran–Mantel–Haenszel
    test when either side has more than two levels). Fisher's odds ratio is named the same way."""
    if a.mode != "target" or a.numeric_target:
        return
    conf = a.conf_level
    for n in a.numeric:
        if n.column in g.bins:
            b = g.bins[n.column]
            n.binned = binned_rates(a.by, n.column, a.labels, b.breaks, np.asarray(b.counts), conf)
    for c in a.categorical:
        counts = np.asarray(c.table, dtype=float)
        c.outcome = outcome_rates(a.by, c.column, c.row_labels, c.col_labels, counts, conf)
        o = c.outcome
        for t in c.tests:
            if t.key == "fisher" and o.compared is not None:
                t.estimate_name = f"odds ratio (conditional MLE; odds of {o.event} for {o.compared} vs {o.reference})"
        if c.column in g.strata and g.strata_by is not None:
            levels, tables = g.strata[c.column]
            full = g.tables[c.column]
            keep = [full.row_labels.index(r) for r in c.row_labels], [full.col_labels.index(v) for v in c.col_labels]
            picked = [np.asarray(t, dtype=float)[keep[0]][:, keep[1]] for t in tables]
            if o.compared is not None:
                o.stratified = mantel_haenszel(o, g.strata_by, levels, picked, conf)
            elif len(c.row_labels) >= 2 and len(c.col_labels) >= 2:
                o.association = generalized_cmh(g.strata_by, levels, picked)
