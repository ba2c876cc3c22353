"""Analyse for the group-comparison analysis: typed results (`stats.comparison_results`) from the engine's
aggregates (`engine.comparisons.ComparisonAggregates`).

What is computed from what (sufficient statistics from the engine, raw values only from the seeded sample):

* per-group n, mean and variance of every numeric column: Welch's t (`stats.means.welch_t_from_moments`), Cohen's d,
  the classic ANOVA F with eta² (`stats.association.correlation_ratio_from_groups`), Welch's ANOVA, Tukey and
  Games–Howell (`stats.parametric.*_from_moments`) use nothing else, so they are exact on the full data;
* the rank tests (Wilcoxon–Mann–Whitney, Kruskal–Wallis with Dunn), the Shapiro–Wilk normality checks, the
  Brown–Forsythe test of equal spread and the box plots use the seeded uniform sample of at most
  `config.sample_size` rows (the whole table when it is smaller), and say so;
* categorical × group: the cross-table, R's `chisq.test` and, for a 2×2 table, Fisher's exact test, with the
  bias-corrected Cramér's V and its interval;
* numeric target × numeric column: Pearson's r from full-data centred co-moments, Spearman's rho from the sample.

The tests are fixed in advance, never chosen by a pre-test (`choose_numeric`; the rule in words is
`explain.design.RULE`): Welch's t / Welch's ANOVA is primary, the rank test the sensitivity analysis. All
primary p-values of an analysis are adjusted together (Holm by default, or BH).
Work is bounded: post-hoc pairs only for up to `MAX_POSTHOC_GROUPS` groups and at most `MAX_GAMES_HOWELL_PAIRS`
Games–Howell pairs per analysis (one studentized-range quantile each, ~0.3 s in scipy).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from edakit.engine.comparisons import ComparisonAggregates
from edakit.engine.pairs import GroupMoments
from edakit.errors import EdakitError
from edakit.stats.chartdata import BoxStats, box_statistics
from edakit.stats.comparison_results import (
    CategoricalComparison,
    Check,
    Comparison,
    ComparisonAnalysis,
    GroupStats,
    GroupTest,
    NumericComparison,
    PosthocPair,
    Skip,
    as_df,
    as_interval,
)
from edakit.stats.comparison_tables import add_outcome_rates, compare_categorical, correlations

MAX_POSTHOC_GROUPS = 6  # 15 pairs
MAX_GAMES_HOWELL_PAIRS = 30  # per analysis
# Outlier points per group and side of a group box plot: fewer than a single column's box plot shows
# (chartdata.MAX_OUTLIER_POINTS), as up to MAX_GROUP_LEVELS boxes share one chart.
MAX_OUTLIER_POINTS = 30
MIN_BOX_N = 5  # no box plots when a group has fewer sample values
SD_RATIO = 1.5  # a largest/smallest group SD ratio above this is described as a difference in spread

Compare = Callable[..., Comparison | Skip]


def analyse(g: ComparisonAggregates, *, alpha: float, conf_level: float, p_adjust: str) -> ComparisonAnalysis:
    """Compare every planned column with `g.by` from the gathered aggregates; adjust and add post-hoc pairs."""
    a = ComparisonAnalysis(
        mode=g.mode,
        by=g.by,
        role=g.role,
        labels=list(g.labels),
        rows=g.rows,
        group_rows=dict(g.group_rows),
        missing=g.missing,
        alpha=alpha,
        conf_level=conf_level,
        p_adjust=p_adjust,
        skipped=[Skip(column, reason) for column, reason in g.plan.skipped],
        left_out=list(g.plan.left_out),
        sample_rows=g.sample_rows,
        sampled=g.sampled,
        pairing_keys=list(g.pairing_keys),
    )
    conf, by = conf_level, g.by
    if g.numeric_target:
        a.correlations, skips = correlations(g, conf)
        a.skipped += skips
        for col in g.plan.categorical:
            args = (by, col, g.moments[col], g.sample_groups[col], conf, a.sampled)
            _collect(a, _safe(col, compare_numeric, *args, label=col), g.order)
    else:
        for col in g.plan.numeric:
            args = (col, by, g.moments[col], g.sample_groups[col], conf, a.sampled)
            _collect(a, _safe(col, compare_numeric, *args), g.order)
        for col in g.plan.categorical:
            _collect(a, _safe(col, compare_categorical, col, by, g.tables[col], conf), g.order)
    if a.missing:
        what = "group" if g.mode == "group" else "target"
        a.notes.append(f"{a.missing:,} row(s) without a value of the {what} column {by!r} were left out.")
    a.skipped.sort(key=lambda s: g.order.get(s.column, 0))
    add_outcome_rates(a, g)
    a.baseline = [c for c in a.columns if c in g.baseline]  # table order
    adjust(a)
    add_posthoc(a)
    return a


def _safe(column: str, compare: Compare, *args: Any, **kwargs: Any) -> Comparison | Skip:
    """`compare(*args, **kwargs)`, or a skip row saying why when the numbers cannot be used: one odd column never
    sinks the analysis."""
    try:
        return compare(*args, **kwargs)
    except (EdakitError, ArithmeticError, ValueError) as exc:
        return Skip(column, f"could not be computed ({type(exc).__name__}: {exc})")


def _collect(a: ComparisonAnalysis, result: Comparison | Skip, order: dict[str, int]) -> None:
    if isinstance(result, Skip):
        a.skipped.append(result)
        return
    result.order = order.get(result.label, 0)
    if isinstance(result, NumericComparison):
        a.numeric.append(result)
    elif isinstance(result, CategoricalComparison):
        a.categorical.append(result)


# --------------------------------------------------------------------------------------------- numeric


def compare_numeric(
    column: str,
    by: str,
    gm: GroupMoments,
    sample_groups: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
    label: str | None = None,
) -> NumericComparison | Skip:
    """Compare `column` across the groups of `by` from full-data moments `gm` and the sample's values per group;
    the primary test is chosen by `choose_numeric`."""
    from edakit.stats.ab import mean_estimate

    label = label or column
    names = list(gm.labels)
    sizes = [int(s) for s in gm.sizes]
    empty = [g for g, n in zip(names, sizes, strict=True) if n == 0]
    what = f"{column} by {by}"
    if len(names) < 2:
        return Skip(label, f"{what}: fewer than two groups have values")
    if empty:
        return Skip(
            label,
            f"every value of {column} is missing in {_group_list(empty, by)}; each group needs values to be compared",
        )
    means = [float(m) for m in gm.means]
    variances = [None if v is None or n < 2 else max(float(v), 0.0) for v, n in zip(gm.variances, sizes, strict=True)]
    if all(not v for v in variances) and max(means) - min(means) <= 1e-12 * max(1.0, *map(abs, means)):
        return Skip(label, f"every value of {column} is the same ({means[0]:g}) in every group: nothing to compare")
    groups = []
    for g, n, m, v in zip(names, sizes, means, variances, strict=True):
        e = mean_estimate(g, m, math.nan if v is None else v, n, conf)
        s = sample_groups.get(g, np.array([]))
        median = float(np.median(s)) if s.size else None
        groups.append(GroupStats(g, n, m, as_interval(e.ci), e.sd, median, int(s.size)))
    total = sum(sizes)
    comp = NumericComparison(
        label=label,
        column=column,
        by=by,
        primary=GroupTest("none", "", ""),
        groups=groups,
        overall_mean=sum(n * m for n, m in zip(sizes, means, strict=True)) / total,
    )
    comp.checks = _checks(names, variances, sample_groups)
    tests = (
        _two_group_tests(comp, means, variances, sizes, sample_groups, conf, sampled)
        if len(names) == 2
        else _k_group_tests(comp, means, variances, sizes, sample_groups, conf, sampled)
    )
    chosen = choose_numeric(comp, tests)
    if chosen is None:
        reasons = [n for t in tests.values() if t is not None for n in t.notes[-1:]]
        return Skip(label, f"no test is defined for {what}: " + " ".join(dict.fromkeys(reasons)))
    for t in comp.tests:
        t.ci, t.df = as_interval(t.ci), as_df(t.df)
    comp.box = group_boxes(names, sample_groups)
    return comp


def _group_list(labels: list[str], by: str) -> str:
    return f"{'group' if len(labels) == 1 else 'groups'} {', '.join(labels)} of {by}"


def _checks(names: list[str], variances: list[float | None], sample: dict[str, np.ndarray]) -> list[Check]:
    """Shapiro–Wilk per group and Brown–Forsythe on the sample; the ratio of full-data SDs."""
    from edakit.stats.nonparametric import shapiro
    from edakit.stats.parametric import variance_test

    checks = []
    for g in names:
        values = sample.get(g, np.array([]))
        r = shapiro(values)
        checks.append(
            Check(
                "normality", "Shapiro–Wilk", g, r.n, r.statistic, r.p_value, " ".join(r.notes[-1:]) if r.notes else ""
            )
        )
    sds = [math.sqrt(v) for v in variances if v is not None]
    if len(sds) == len(names) and min(sds) > 0:
        checks.append(Check("SD ratio", "largest / smallest group SD", statistic=max(sds) / min(sds)))
    else:
        checks.append(
            Check("SD ratio", "largest / smallest group SD", note="a group has fewer than 2 values or no spread")
        )
    usable = {g: v for g, v in sample.items() if v.size}
    if len(usable) >= 2:
        try:
            bf = variance_test(usable, center="median")
        except EdakitError as exc:
            checks.append(Check("equal spread", "Brown–Forsythe", note=str(exc)))
        else:
            n = sum(int(v.size) for v in usable.values())
            checks.append(
                Check("equal spread", "Brown–Forsythe", None, n, bf.statistic, bf.p_value, " ".join(bf.notes))
            )
    return checks


def _two_group_tests(
    comp: NumericComparison,
    means: list[float],
    variances: list[float | None],
    sizes: list[int],
    sample: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
) -> dict[str, GroupTest | None]:
    """Welch's t (full-data moments) with Cohen's d, and the Wilcoxon–Mann–Whitney test (sample)."""
    import polars as pl

    from edakit.stats.effect_sizes import cohens_d_from_moments
    from edakit.stats.means import welch_t_from_moments
    from edakit.stats.nonparametric import mann_whitney

    a, b = comp.groups[0].label, comp.groups[1].label
    welch = GroupTest(
        "welch_t",
        "Welch's t test",
        "Welch Two Sample t-test",
        "t",
        estimate_name=f"difference in means ({a} − {b})",
        estimate=means[0] - means[1],
        n=sum(sizes),
    )
    small = [g.label for g in comp.groups if g.n < 2]
    if small:
        welch.notes.append(
            f"Welch's t test needs at least 2 values in each group; {', '.join(small)} has only one value of "
            f"{comp.column}."
        )
    else:
        w = welch_t_from_moments(means[0], variances[0], sizes[0], means[1], variances[1], sizes[1], conf)
        if w.p_value is None and w.reason:  # not computable (infinite or overflowing moments)
            welch.notes.append(w.reason)
        elif w.p_value is None:
            welch.notes.append(
                f"Both groups are constant ({comp.column} does not vary within either group), so the t statistic is "
                "undefined."
            )
        else:
            welch.statistic, welch.df, welch.p_value, welch.ci = w.statistic, w.df, w.p_value, w.ci
            welch.details["se"] = w.se
    try:
        d, g = cohens_d_from_moments(  # an interval that is not computable is None, with a note in welch.notes
            means[0], variances[0] or 0.0, sizes[0], means[1], variances[1] or 0.0, sizes[1], conf, welch.notes
        )
        welch.effect_size, welch.hedges_g = d, g
    except EdakitError as exc:
        welch.notes.append(str(exc))
    except (ArithmeticError, ValueError) as exc:  # the interval's root search failed: keep the test, say so
        welch.notes.append(f"Cohen's d and its interval are not reported ({exc}).")
    xs, ys = sample.get(a, np.array([])), sample.get(b, np.array([]))
    mw = GroupTest(
        "mann_whitney",
        "Mann–Whitney test",
        "Wilcoxon rank sum test with continuity correction",
        "W",
        estimate_name=f"Hodges–Lehmann shift ({a} − {b})",
        n=int(xs.size + ys.size),
        on_sample=sampled,
    )
    if xs.size and ys.size:
        r = mann_whitney(pl.Series(a, xs), pl.Series(b, ys), conf_level=conf)
        mw.method, mw.statistic, mw.p_value = r.method, r.statistic, r.p_value
        mw.estimate, mw.ci, mw.effect_size, mw.notes = r.estimate, r.ci, r.effect_size, list(r.notes)
        mw.details["medians"] = r.details.get("medians", {})
    else:
        mw.notes.append("The rank test needs values in both groups of the sample.")
    return {"parametric": welch, "rank": mw, "other": None}


def _k_group_tests(
    comp: NumericComparison,
    means: list[float],
    variances: list[float | None],
    sizes: list[int],
    sample: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
) -> dict[str, GroupTest | None]:
    """Classic and Welch one-way ANOVA (full-data moments) with eta², and Kruskal–Wallis with Dunn (sample)."""
    from edakit.stats.association import correlation_ratio_from_groups
    from edakit.stats.means import welch_anova_from_moments
    from edakit.stats.nonparametric import kruskal

    labels = [g.label for g in comp.groups]
    n = sum(sizes)
    eta = correlation_ratio_from_groups(
        sizes, means, variances, conf, labels=labels, values_name=comp.column, groups_name=comp.by
    )
    common = {
        "estimate_name": "eta²",
        "estimate": eta.eta_squared,
        "ci": eta.eta_squared_ci,
        "ci_kind": eta.ci_kind,
        "n": n,
    }
    classic = GroupTest("anova", "classic ANOVA", "One-way analysis of means", "F", **common)
    if eta.p_value is not None and math.isfinite(eta.statistic):
        classic.statistic, classic.df, classic.p_value = eta.statistic, eta.df, eta.p_value
        classic.effect_size = eta.effect_size
        # the interval was dropped, is one-sided or cannot be estimated (stats.ncp)
        classic.notes += [n for n in eta.notes if any(w in n for w in ("not computable", "cannot be", "one-sided"))]
    else:
        classic.notes.append(" ".join(eta.notes[:1]) or "The F test is undefined for these groups.")
    welch = GroupTest(
        "welch_anova",
        "Welch's ANOVA",
        "One-way analysis of means (not assuming equal variances)",
        "F",
        **common,
    )
    welch.effect_size = classic.effect_size
    welch.notes += [n for n in classic.notes if "cannot be" in n or "one-sided" in n]
    try:
        w = welch_anova_from_moments(sizes, means, variances)
        welch.statistic, welch.df, welch.p_value = w["statistic"], w["df"], w["p_value"]
    except (EdakitError, ArithmeticError) as exc:  # NotComputable when the variances under- or overflow
        welch.notes.append(str(exc))
    usable = {g: sample[g] for g in labels if g in sample and sample[g].size}
    kw = GroupTest(
        "kruskal",
        "Kruskal–Wallis test",
        "Kruskal-Wallis rank sum test",
        "H",
        estimate_name="epsilon² (rank)",
        n=sum(int(v.size) for v in usable.values()),
        on_sample=sampled,
    )
    if len(usable) >= 2:
        r = kruskal(usable, conf_level=conf)
        kw.statistic, kw.df, kw.p_value, kw.effect_size = r.statistic, r.df, r.p_value, r.effect_size
        kw.estimate = r.effect_size.value if r.effect_size is not None else None
        kw.ci = r.effect_size.ci if r.effect_size is not None else None
        kw.ci_kind = r.effect_size.ci_kind if r.effect_size is not None else kw.ci_kind
        kw.notes = list(r.notes)
        kw.details = {"posthoc": r.details.get("posthoc", []), "mean_ranks": r.details.get("mean_ranks", {})}
        missing = [g for g in labels if g not in usable]
        if missing and kw.defined:
            kw.notes.append(f"The sample has no values in {', '.join(missing)}; the rank test compares the others.")
    else:
        kw.notes.append("The rank test needs values in at least two groups of the sample.")
    parametric, other = welch, classic
    if not welch.defined and classic.defined:
        comp.reasons.append(
            "Welch's ANOVA is undefined here (it needs at least 2 values and some spread in every group), so the "
            "classic ANOVA, which pools the spread of the groups, is the test of means instead."
        )
        parametric, other = classic, welch
    return {"parametric": parametric, "rank": kw, "other": other}


def choose_numeric(comp: NumericComparison, tests: dict[str, GroupTest | None]) -> GroupTest | None:
    """Set the primary and alternative tests of `comp` by the rule fixed in advance (`explain.design.RULE`
    says it in words): the Welch test of means is primary and the rank test is the sensitivity analysis, whatever
    the normality and spread checks say (choosing by a pre-test distorts the error rates); the rank test is
    primary only when no test of means is defined. None when no test is defined."""
    parametric, rank, other = tests["parametric"], tests["rank"], tests["other"]
    if parametric is not None and parametric.defined:
        comp.primary, comp.alternative = parametric, rank
        test = "Welch's t test" if len(comp.groups) == 2 else parametric.name
        comp.reasons.insert(
            0,
            f"{test} is the primary test, fixed in advance (it does not assume equal variances), and the rank test "
            "is the pre-specified sensitivity analysis; the normality and spread checks below describe the data, "
            "they do not choose the test.",
        )
    elif rank is not None and rank.defined:
        comp.primary, comp.alternative = rank, parametric
        name = parametric.name if parametric else "The test of means"
        comp.reasons.insert(0, f"{name} is undefined here, so the rank test is the primary test.")
    else:
        return None
    if other is not None:
        comp.others.append(other)
    return comp.primary


def group_boxes(names: list[str], sample: dict[str, np.ndarray]) -> list[BoxStats] | None:
    """Per-group box statistics from the sample (`chartdata.box_statistics`, up to MAX_OUTLIER_POINTS outliers
    per side); None when a group has fewer than MIN_BOX_N values there."""
    out = []
    for g in names:
        values = sample.get(g, np.array([]))
        box = box_statistics(values, MAX_OUTLIER_POINTS) if values.size >= MIN_BOX_N else None
        if box is None:
            return None
        out.append(box)
    return out


# --------------------------------------------------------------------------------------------- family


def adjust(a: ComparisonAnalysis) -> None:
    """Adjust the primary p-values of the outcomes together (Holm or BH, as `a.p_adjust`), and those of the
    baseline columns (`a.baseline`, measured before the groups were formed) as a family of their own."""
    from edakit.stats.multitest import adjust_pvalues

    baseline = set(a.baseline)
    for family in (
        [c for c in a.comparisons if c.label not in baseline],
        [c for c in a.comparisons if c.label in baseline],
    ):
        for comp, p in zip(family, adjust_pvalues([c.primary.p_value for c in family], a.p_adjust), strict=True):
            comp.p_adjusted = p


def add_posthoc(a: ComparisonAnalysis) -> None:
    """Pairwise comparisons for k ≥ 3 groups whose overall test is significant after adjustment: Tukey (classic
    ANOVA), Games–Howell (Welch's ANOVA, at most MAX_GAMES_HOWELL_PAIRS per analysis) or Dunn with Holm (rank)."""
    from edakit.stats.posthoc import games_howell_from_moments, tukey_from_moments

    budget = MAX_GAMES_HOWELL_PAIRS
    for comp in sorted(a.numeric, key=lambda c: c.order):
        k = len(comp.groups)
        if k < 3:
            continue
        pairs = k * (k - 1) // 2
        if k > MAX_POSTHOC_GROUPS:
            comp.posthoc_note = (
                f"Pairwise comparisons were not computed: {k} groups make {pairs} pairs (at most "
                f"{MAX_POSTHOC_GROUPS} groups are compared pair by pair, to keep the report readable and quick)."
            )
            continue
        if comp.p_adjusted is None or comp.p_adjusted >= a.alpha:
            comp.posthoc_note = (
                "Pairwise comparisons are shown only when the overall test is significant after adjustment; "
                "here it is not."
            )
            continue
        key = comp.primary.key
        args = (
            [g.label for g in comp.groups],
            [g.n for g in comp.groups],
            [g.mean for g in comp.groups],
            [None if g.sd is None else g.sd**2 for g in comp.groups],
            a.conf_level,
        )
        try:
            if key == "kruskal":
                comp.posthoc_method = "Dunn's test (Holm-adjusted)" + (", on the sample" if a.sampled else "")
                comp.posthoc = [PosthocPair.from_row(r) for r in comp.primary.details.get("posthoc", [])]
            elif key == "anova":
                comp.posthoc_method = "Tukey's HSD (Tukey–Kramer)"
                comp.posthoc = [PosthocPair.from_row(r) for r in tukey_from_moments(*args)]
            elif budget >= pairs:
                comp.posthoc_method = "Games–Howell"
                comp.posthoc = [PosthocPair.from_row(r) for r in games_howell_from_moments(*args)]
                budget -= pairs
            else:
                comp.posthoc_note = (
                    f"Games–Howell comparisons were not computed: this section already computed "
                    f"{MAX_GAMES_HOWELL_PAIRS - budget} pairs (each needs a slow studentized-range quantile); the "
                    "Dunn comparisons of the rank test answer the same question."
                )
        except (EdakitError, ArithmeticError, ValueError) as exc:  # e.g. NotComputable for an underflowing SE
            comp.posthoc_note = f"Pairwise comparisons could not be computed ({exc})."
