"""Analyse for the paired comparison (`--group COLUMN --pair KEY`): typed results from the wide layout
(`engine.paired.PairedAggregates`), one `PairedComparison` per column.

The tests are fixed by the design and the column, never by a pre-test:

* a numeric column in two groups: the paired t-test on the within-unit differences (R's `t.test(paired = TRUE)`,
  primary) with Cohen's d_z, and the Wilcoxon signed-rank test with the Hodges–Lehmann estimate as the
  pre-specified sensitivity analysis (`wilcox.test(paired = TRUE, conf.int = TRUE)`);
* a numeric column in three or more groups: the repeated-measures ANOVA with the Greenhouse–Geisser correction
  always applied and generalized eta squared (primary), with Friedman's rank test (`friedman.test`) and Kendall's
  W as the pre-specified sensitivity analysis;
* a two-level column in two groups: McNemar's test (`mcnemar.test`) with the difference of the paired
  proportions, and the exact binomial test of the discordant pairs beside it;
* a two-level column in three or more groups: Cochran's Q test with Serlin's eta_Q, and pairwise McNemar tests
  (Holm-adjusted) as the follow-up.

Every unit with a value in every group is used (complete blocks, as R's paired tests drop incomplete pairs). The
primary p-values of the columns form one multiplicity family, adjusted together (Holm or BH).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from edakit.engine.paired import PairedAggregates
from edakit.errors import EdakitError
from edakit.stats.comparison_results import ComparisonAnalysis, GroupTest, PairedComparison, Skip, as_interval
from edakit.stats.comparisons import adjust


def analyse(
    g: PairedAggregates, *, alpha: float, conf_level: float, p_adjust: str, design: str = "observational", seed: int = 0
) -> ComparisonAnalysis:
    """Compare every planned column across the groups of `g.by`, unit by unit; adjust the primary p-values."""
    a = ComparisonAnalysis(
        mode="group",
        by=g.by,
        role=g.role,
        labels=list(g.labels),
        rows=g.rows,
        group_rows={},
        missing=g.missing,
        alpha=alpha,
        conf_level=conf_level,
        p_adjust=p_adjust,
        skipped=[Skip(c, why) for c, why in g.skipped],
        left_out=list(g.plan.left_out),
        sample_rows=g.rows,
        pair=g.pair,
        units=g.units,
        design=design,
    )
    if g.units < 2:
        raise EdakitError(
            f"--pair {g.pair}: only {g.units} unit(s) have a row in every group of {g.by}; a paired comparison needs "
            "at least 2. Check that the pairing column names the unit measured in each group."
        )
    for col in [*g.plan.numeric, *g.plan.categorical]:
        try:
            result = compare(col, g, conf_level, seed, alpha=alpha)
        except (EdakitError, ArithmeticError, ValueError) as exc:  # one odd column never sinks the analysis
            result = Skip(col, f"could not be computed ({type(exc).__name__}: {exc})")
        if isinstance(result, Skip):
            a.skipped.append(result)
        else:
            result.order = g.order.get(col, 0)
            a.paired.append(result)
    if g.units_seen > g.units:
        a.notes.append(
            f"{g.units_seen - g.units:,} of the {g.units_seen:,} units ({g.pair}) lack a row in some group of {g.by} "
            "and were left out: a paired comparison uses only units seen in every group."
        )
    if a.missing:
        a.notes.append(f"{a.missing:,} row(s) without a value of {g.by} or {g.pair} were left out.")
    a.skipped.sort(key=lambda s: g.order.get(s.column, 0))
    adjust(a)
    return a


def compare(
    col: str, g: PairedAggregates, conf: float, seed: int, *, alpha: float | None = None
) -> PairedComparison | Skip:
    """One column's paired comparison, from its units × groups values (complete units only); `alpha` (by default
    1 − conf) is the decision threshold the repeated-measures ANOVA's words use."""
    block = g.values[col]
    complete = block[np.isfinite(block).all(axis=1)]
    n, k = complete.shape
    if n < 2:
        return Skip(col, f"fewer than 2 units have a value of {col} in every group of {g.by}")
    comp = PairedComparison(
        label=col, column=col, by=g.by, primary=GroupTest("none", "", ""), conditions=list(g.labels), units=n
    )
    if col in g.levels:
        return _binary(comp, complete, g.levels[col], conf)
    comp.means = [float(v) for v in complete.mean(axis=0)]
    comp.sds = [float(v) for v in complete.std(axis=0, ddof=1)]
    if np.ptp(complete) == 0:
        return Skip(col, f"every value of {col} is the same ({complete[0, 0]:g}): nothing to compare")
    if k == 2:
        comp.diff_sd = float(np.std(complete[:, 0] - complete[:, 1], ddof=1))
        return _two(comp, complete, conf)
    return _repeated(comp, complete, conf, seed, alpha)


def _two(comp: PairedComparison, x: np.ndarray, conf: float) -> PairedComparison | Skip:
    from edakit.stats.paired import signed_rank
    from edakit.stats.parametric import ttest

    a, b = comp.conditions
    diff = f"({a} − {b})"
    t = ttest(x[:, 0], x[:, 1], paired=True, conf_level=conf)
    primary = _from_result("paired_t", "paired t-test", "t", f"mean difference {diff}", t)
    primary.effect_size = t.effect_size
    if t.details.get("hedges_g") is not None:
        primary.hedges_g = t.details["hedges_g"]
    if not primary.defined:  # constant differences: the SD of the differences is 0
        primary.notes.append(
            f"Every unit's difference {diff} is the same ({x[0, 0] - x[0, 1]:g}), so the spread of the differences "
            "is 0 and the interval cannot be estimated."
        )
    w = signed_rank(x[:, 0], x[:, 1], conf_level=conf)
    rank = _from_result("signed_rank", "Wilcoxon signed-rank test", "V", f"Hodges–Lehmann pseudomedian {diff}", w)
    comp.primary, comp.alternative = primary, rank
    comp.reasons.append(
        "The design pairs the values (the same unit in both groups), so the tests work on each unit's difference: "
        "the paired t-test is the primary test and the Wilcoxon signed-rank test is the pre-specified sensitivity "
        "analysis, whatever the data look like."
    )
    return comp


def _repeated(comp: PairedComparison, x: np.ndarray, conf: float, seed: int, alpha: float | None) -> PairedComparison:
    from edakit.stats.paired import friedman
    from edakit.stats.repeated import rm_anova

    a = rm_anova(x, conf_level=conf, seed=seed, names=comp.conditions, alpha=alpha)
    test = _from_result("rm_anova", "repeated-measures ANOVA", "F", "generalized eta²", a)
    test.effect_size = a.effect_size
    test.ci_kind = a.effect_size.ci_kind if a.effect_size is not None else test.ci_kind
    test.details = dict(a.details)
    comp.primary = test
    r = friedman(x, conf_level=conf, seed=seed)
    rank = _from_result("friedman", "Friedman test", "Friedman chi-squared", "Kendall's W", r)
    rank.effect_size = r.effect_size
    rank.ci = r.effect_size.ci if r.effect_size is not None else None
    rank.ci_kind = r.effect_size.ci_kind if r.effect_size is not None else rank.ci_kind
    rank.details["mean_ranks"] = r.details.get("mean_ranks", [])
    comp.alternative = rank
    comp.reasons.append(
        f"The design measures each unit in all {len(comp.conditions)} groups, so the repeated-measures ANOVA "
        "compares the group means within units (the differences between units are set aside); its degrees of "
        "freedom are always corrected by the Greenhouse–Geisser epsilon, which is not chosen by a sphericity "
        "pre-test. Friedman's rank test is the pre-specified sensitivity analysis; paired t-tests of every pair of "
        "groups, Holm-adjusted among themselves, are the follow-up."
    )
    return comp


def _binary(comp: PairedComparison, x: np.ndarray, levels: list[str], conf: float) -> PairedComparison | Skip:
    from edakit.stats.paired import mcnemar

    comp.levels = levels
    comp.means = [float(v) for v in x.mean(axis=0)]  # share of the second level in each group
    if len(comp.conditions) != 2:
        return _cochran(comp, x, levels, conf)
    first, second = x[:, 0].astype(int), x[:, 1].astype(int)
    table = [[int(np.sum((first == i) & (second == j))) for j in (0, 1)] for i in (0, 1)]
    comp.table = table
    r = mcnemar(table, conf_level=conf)
    a, b = comp.conditions
    test = _from_result("mcnemar", "McNemar's test", "X-squared", f"share of {levels[0]}: {a} − {b}", r)
    comp.primary = test
    exact = GroupTest(
        "mcnemar_exact",
        "exact McNemar test",
        "Exact binomial test of the discordant pairs",
        n=comp.units,
        p_value=r.details.get("exact_p"),
        notes=[] if r.details.get("exact_p") is not None else ["No discordant pairs: the exact test is undefined."],
    )
    comp.alternative = exact
    comp.reasons.append(
        f"The design pairs the values and {comp.column} has two levels, so McNemar's test compares the units that "
        "changed level one way with those that changed the other way (the discordant pairs); the exact binomial "
        "test of the same pairs is the pre-specified sensitivity analysis."
    )
    return comp


def _cochran(comp: PairedComparison, x: np.ndarray, levels: list[str], conf: float) -> PairedComparison | Skip:
    from edakit.stats.repeated import cochran_q

    if not np.any(np.ptp(x, axis=1) > 0):
        return Skip(comp.column, f"no unit changes its {comp.column} between the groups: a trait of the unit")
    # Cochran's Q counts the first level, as the paired shares of McNemar's test do
    r = cochran_q(1 - x, conf_level=conf, names=comp.conditions)
    test = _from_result("cochran_q", "Cochran's Q test", "Q", "Serlin's eta_Q", r)
    test.effect_size = r.effect_size
    test.ci_kind = r.effect_size.ci_kind if r.effect_size is not None else test.ci_kind
    test.details = dict(r.details)
    comp.primary = test
    k = len(comp.conditions)
    comp.reasons.append(
        f"The design measures each unit in all {k} groups and {comp.column} has two levels, so Cochran's Q (the "
        f"extension of McNemar's test) compares the share of {levels[0]} across the groups using the units whose "
        f"level changed; the {k * (k - 1) // 2} pairwise McNemar tests are the follow-up, Holm-adjusted among "
        "themselves."
    )
    return comp


def _from_result(key: str, name: str, statistic_name: str, estimate_name: str, r: Any) -> GroupTest:
    """A GroupTest from a raw-value result of `stats.paired` or `stats.parametric.ttest`."""
    df = r.df if r.df is None else tuple(float(v) for v in r.df) if isinstance(r.df, tuple) else float(r.df)
    return GroupTest(
        key,
        name,
        r.method,
        statistic_name,
        statistic=r.statistic,
        df=df,
        p_value=r.p_value if r.p_value is not None and math.isfinite(r.p_value) else None,
        estimate_name=estimate_name,
        estimate=r.estimate,
        ci=as_interval(r.ci),
        n=int(r.n) if isinstance(r.n, int) else 0,
        notes=list(r.notes),
    )
