"""Words for the group-comparison analysis (`edakit.stats.comparison_results`), built from its numbers only.

Each paragraph says what was compared on how many values, which test was chosen and why, how to read the estimate
and its interval, what the raw and adjusted p-values say and do not say, how large the effect is (with the
convention named), what the alternative test says, which assumptions were checked, and the caveats that matter:
many tests inflate false positives, significance is not size, and group differences in observational data are
not causal.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from edakit._format import count_of
from edakit._format import verb as agree
from edakit.explain.design import RULE, design_sentence
from edakit.explain.hypothesis import _ci_sentence, _effect_sentence, _posthoc_sentence, _top_cells
from edakit.explain.words import fmt_num, fmt_p, fmt_pct, level_pct, p_value_phrase
from edakit.stats.comparisons import MAX_OUTLIER_POINTS, MAX_POSTHOC_GROUPS, SD_RATIO
from edakit.stats.parametric import CLT_N

if TYPE_CHECKING:
    from edakit.stats.comparison_results import (
        CategoricalComparison,
        Check,
        Comparison,
        ComparisonAnalysis,
        CorrelationComparison,
        GroupTest,
        NumericComparison,
    )

_SIZE_ORDER = {"large": 3, "medium": 2, "small": 1, "negligible": 0}
SUMMARY_EFFECTS = 3
SUMMARY_NAMES = 6


def adjust_long(method: str) -> str:
    """The adjustment's full name: "Holm (1979) step-down" or the Benjamini–Hochberg false discovery rate."""
    from edakit.stats.multitest import METHOD_NAMES

    return METHOD_NAMES.get(method, method)


def _adjust_short(method: str) -> str:
    return "Holm's method" if method == "holm" else "the Benjamini–Hochberg procedure"


def _names(names: list[str], limit: int = SUMMARY_NAMES) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _n_tests(a: ComparisonAnalysis, column: str | None = None) -> int:
    """The tests in the multiple-testing family of `column` (the outcomes' when None; `--baseline` has its own)."""
    baseline = set(a.baseline)
    family = column in baseline
    return sum(c.primary.p_value is not None and (c.label in baseline) == family for c in a.comparisons)


def _group_phrase(a: ComparisonAnalysis) -> str:
    parts = [f"{lab} ({fmt_num(a.group_rows.get(lab, 0))} rows)" for lab in a.labels[:12]]
    more = f" and {len(a.labels) - 12} more" if len(a.labels) > 12 else ""
    return ", ".join(parts) + more


def section_title(a: ComparisonAnalysis) -> str:
    if a.mode == "group":
        return f"Comparison across {a.by}"
    if a.numeric_target:
        return f"Target {a.by}: how each column relates to it"
    return f"Target {a.by}: its rate across the levels and bands of each column"


def methods_paragraph(a: ComparisonAnalysis) -> str:
    """How the section was computed: what is compared, the rule that picks each test, data used, adjustment."""
    if a.numeric_target:
        what = (
            f"The target {a.by} is numeric: its values are compared across the groups of each categorical column, "
            f"and it is correlated with each numeric column (Pearson's r on every row with both values, with a "
            f"Fisher-z interval; Spearman's rho on ranks alongside)."
        )
    else:
        who = "group" if a.mode == "group" else "target"
        what = (
            f"Every numeric column is compared across the {len(a.labels)} groups of the {who} column {a.by}: "
            f"{_group_phrase(a)}; every categorical column is tested against it."
        )
        if not a.categorical:
            what = what.replace("; every categorical column is tested against it.", ".")
        elif not a.numeric:
            what = (
                f"Every categorical column is tested against the {len(a.labels)} groups of the {who} column {a.by}: "
                f"{_group_phrase(a)}."
            )
    ks = {len(c.groups) for c in a.numeric}
    parts = [RULE["primary"]] + ([RULE["two"]] if 2 in ks else []) + ([RULE["k"]] if any(k > 2 for k in ks) else [])
    rule = " ".join(parts)
    data = (
        "Means, variances, the t and F tests, Tukey and Games–Howell comparisons use every row (exact, from "
        "full-data sums); the rank tests, the Shapiro–Wilk and Brown–Forsythe checks and the box plots use "
        + (
            f"a seeded random sample of {fmt_num(a.sample_rows)} of the {fmt_num(a.rows)} rows, so their numbers "
            "can differ slightly from a run on every row."
            if a.sampled
            else f"all {fmt_num(a.rows)} rows."
        )
    )
    cats = ""
    if a.categorical:
        cats = (
            "Categorical columns: chi-square test of independence on the full cross-table (R's chisq.test, with "
            "Yates' continuity correction for 2×2 tables), Fisher's exact test for 2×2 tables, primary when an "
            "expected count is below 5; the effect size is Cramér's V, bias-corrected, with its interval."
        )
    n, kind = _n_tests(a), "outcome " if a.baseline else ""
    family = (
        f"The multiplicity family, fixed in advance, is the {n} primary {kind}tests of this section (one per "
        f"compared column); their p-values are adjusted together by {adjust_long(a.p_adjust)} adjustment"
        + (
            f" (it keeps the chance of any false positive among them at {100 * a.alpha:g} %)"
            if a.p_adjust == "holm"
            else f" (it keeps the expected share of false positives among the significant ones at {100 * a.alpha:g} %)"
        )
        + "; tables show both the raw and the adjusted p-value. The sensitivity analyses and the tests shown for "
        "reference are not in the family: they check the primary tests, they add no findings, and their p-values "
        "and every interval are unadjusted."
        if n > 1
        else "There is a single test, so no adjustment for multiple testing is needed."
    )
    posthoc = (
        ""
        if not any(len(c.groups) > 2 for c in a.numeric)
        else (
            "For three or more groups, pairwise comparisons (Tukey's HSD after the classic ANOVA, Games–Howell after "
            "Welch's, Dunn with Holm's adjustment after Kruskal–Wallis) are shown only where the overall test is "
            f"significant after adjustment, and for at most {MAX_POSTHOC_GROUPS} groups; Tukey's and Games–Howell's "
            "intervals are simultaneous (they cover all the pairs of a column at once, as their adjusted p-values)."
        )
    )
    how = ("Which tests are run: " + rule) if a.numeric else ""
    return _join(what, how, data if a.numeric else "", cats, family, posthoc)


def _size_rank(c: Comparison) -> tuple[int, float, float]:
    e = c.primary.effect_size
    rank = _SIZE_ORDER.get(e.magnitude or "", -1) if e is not None else -1
    value = abs(e.value) if e is not None and e.value is not None and math.isfinite(e.value) else 0.0
    return (-rank, c.p_adjusted if c.p_adjusted is not None else 1.0, -value)


def _effect_short(c: Comparison) -> str:
    e = c.primary.effect_size
    if e is None or e.value is None or not math.isfinite(e.value):
        return c.label
    size = f", {e.magnitude}" if e.magnitude else ""
    return f"{c.label} ({e.name} = {fmt_num(e.value, 3)}{size})"


def section_summary(a: ComparisonAnalysis) -> str:
    """The section's summary: how many columns differ after adjustment, the largest effects, the caveats."""
    comps = [c for c in a.comparisons if c.primary.p_value is not None]
    n = len(comps)
    with_what = f"the target {a.by}" if a.mode == "target" else f"the groups of {a.by}"
    if n == 0:
        text = f"No column could be compared with {with_what}."
        k = len(a.skipped)
        skipped = f" {count_of(k, 'column')} {agree(k, 'was', 'were')} skipped; the table below says why."
        return text + (skipped if k else "")
    significant = [c for c in comps if c.p_adjusted is not None and c.p_adjusted < a.alpha]
    raw = [c for c in comps if c.primary.p_value < a.alpha]
    target = a.mode == "target"  # the columns relate to a target (its outcome), they differ between groups
    verb, what, rel = (
        (("relates", "relate"), a.by, "to ") if target else (("differs", "differ"), f"the groups of {a.by}", "between ")
    )
    adjusted = " after adjustment" if n > 1 else ""
    if n == 1:
        c = comps[0]
        clearly = "clearly " if significant else "does not clearly "
        parts = [
            f"The one column compared, {c.label}, {clearly}{verb[0] if significant else verb[1]} {rel}{what} "
            f"(p {'<' if significant else '≥'} {a.alpha:g})."
        ]
    elif significant:
        parts = [
            f"{len(significant)} of the {n} columns compared clearly {verb[1]} {rel}{what}{adjusted} "
            f"(p < {a.alpha:g}): {_names([c.label for c in significant])}."
        ]
    else:
        parts = [f"None of the {n} columns compared clearly {verb[0]} {rel}{what}{adjusted} (all p ≥ {a.alpha:g})."]
    if n > 1 and len(raw) > len(significant):
        parts.append(
            f"{len(raw) - len(significant)} more had a raw p-value below {a.alpha:g} but not after adjustment; with "
            f"{n} tests some small p-values turn up by chance alone, which is what the adjustment allows for."
        )
    elif n > 1:
        parts.append(
            f"Running {n} tests at once inflates the chance of false positives; the adjusted p-values allow for it."
        )
    sized = [c for c in comps if c.primary.effect_size is not None and c.primary.effect_size.magnitude]
    ranked = sorted((c for c in sized if c.primary.effect_size.magnitude != "negligible"), key=_size_rank)
    if ranked:
        label = "Largest effects" if len(ranked) > 1 else "Largest effect"
        parts.append(f"{label}: " + "; ".join(_effect_short(c) for c in ranked[:SUMMARY_EFFECTS]) + ".")
    elif sized:
        parts.append("Every effect is negligible by Cohen's (1988) conventions.")
    parts.append(
        "A significant difference is not necessarily a large or important one: read the effect sizes and intervals, "
        "not only the p-values."
    )
    parts.append(design_sentence(a))
    if a.skipped:
        k = len(a.skipped)
        parts.append(f"{count_of(k, 'column')} {agree(k, 'was', 'were')} not compared; the table below says why.")
    return " ".join(parts)


def pairing_note(a: ComparisonAnalysis) -> str:
    """One sentence when a column pairs the rows of the groups (the same units in every group) but the tests below
    treat the groups as independent."""
    keys = ", ".join(a.pairing_keys)
    return (
        f"{keys} pairs the rows of {a.by}: each value appears once in every group, so these are the same units "
        "measured in each group. The tests of this section treat the groups as independent samples, which ignores the "
        "pairing; "
        "a paired analysis (paired t-test or Wilcoxon signed-rank test on the differences within each unit) is the "
        f"right one for such data: run the report with --pair {a.pairing_keys[0]}."
    )


def left_out_note(names: list[str], cap: int) -> str:
    return (
        f"Only the first {cap} usable columns (in table order) were compared, to bound the work; "
        f"{len(names)} were left out: {_names(names, 20)}. Choose the columns to compare with --columns."
    )


def detail_note(shown: int, total: int) -> str:
    return (
        f"Details (group tables, charts, tests and assumption checks) are shown for the first {shown} of {total} "
        "compared columns; the overview tables above cover all of them."
    )


def agreement(c: Comparison, alpha: float) -> str | None:
    """Whether the chosen and the alternative test fall on the same side of `alpha` (raw p-values)."""
    alt = c.alternative
    if alt is None or not alt.defined or not c.primary.defined:
        return None
    return "yes" if (c.primary.p_value < alpha) == (alt.p_value < alpha) else "no"


def _adjusted_sentence(c: Comparison, a: ComparisonAnalysis) -> str:
    n = _n_tests(a, c.label)
    if n < 2 or c.p_adjusted is None:
        return ""
    raw_sig, adj_sig = c.primary.p_value < a.alpha, c.p_adjusted < a.alpha
    if adj_sig:
        tail = f"still below {a.alpha:g}."
    elif raw_sig:
        tail = f"no longer below {a.alpha:g}: with this many tests, the raw p-value alone could be a chance finding."
    else:
        tail = f"not below {a.alpha:g} either."
    which = ("baseline " if c.label in a.baseline else "outcome ") if a.baseline else ""
    adjusted = f"({_adjust_short(a.p_adjust)}): {fmt_p(c.p_adjusted)}, {tail}"
    return f"Adjusted for the {n} {which}tests of this section {adjusted}"


def _stat_sentence(t: GroupTest) -> str:
    if t.statistic is None or not t.statistic_name:
        return ""
    if isinstance(t.df, (tuple, list)):
        df = f" on {fmt_num(float(t.df[0]), 4)} and {fmt_num(float(t.df[1]), 4)} degrees of freedom"
    elif t.df is not None:
        df = f" on {fmt_num(float(t.df), 4)} degree{'s' if t.df != 1 else ''} of freedom"
    else:
        df = ""
    return f"{t.statistic_name} = {fmt_num(t.statistic, 4)}{df}."


def _alternative_sentence(c: Comparison, a: ComparisonAnalysis) -> str:
    alt = c.alternative
    if alt is None:
        return ""
    where = " on the sample" if alt.on_sample else ""
    role = "The alternative"
    if c.kind == "numeric":  # the rank test checks the primary test of means (which is primary when undefined)
        role = "The test of means" if c.primary.key in ("mann_whitney", "kruskal") else "The sensitivity analysis"
    if not alt.defined:
        return f"{role}, {alt.name}, gives no result here: {' '.join(alt.notes) or 'it is undefined.'}"
    same = agreement(c, a.alpha) == "yes"
    est = ""
    if alt.estimate is not None and alt.estimate_name and math.isfinite(alt.estimate):
        est = f" ({alt.estimate_name} {fmt_num(alt.estimate, 4)})"
    verdict = (
        f"the same conclusion at the {a.alpha:g} level."
        if same
        else f"a different conclusion at the {a.alpha:g} level: the result depends on the method, so read it with care."
    )
    return f"{role}, {alt.name}{where}, gives {fmt_p(alt.p_value)}{est}: {verdict}"


def _others_sentence(c: Comparison) -> str:
    out = []
    for t in c.others:
        if t.defined:
            out.append(f"For reference, {t.name} gives {_stat_sentence(t).rstrip('.')}, {fmt_p(t.p_value)}.")
    return " ".join(out)


def _checks_sentence(c: NumericComparison, a: ComparisonAnalysis) -> str:
    normal = [k for k in c.checks if k.check == "normality"]
    parts = []
    done = [k for k in normal if k.p_value is not None]
    if done:
        where = "on the sample" if a.sampled else "per group"
        items = ", ".join(f"{k.group} {fmt_p(k.p_value)}" for k in done)
        parts.append(f"Shapiro–Wilk {where}: {items}")
    missing = [k.group for k in normal if k.p_value is None]
    if missing:
        parts.append(f"normality not checkable in {', '.join(map(str, missing))} (too few values or no spread)")
    for k in c.checks:
        if k.check == "SD ratio" and k.statistic is not None:
            parts.append(f"largest/smallest group SD {fmt_num(k.statistic, 3)}")
        if k.check == "equal spread" and k.p_value is not None:
            parts.append(f"Brown–Forsythe {fmt_p(k.p_value)}")
    if not parts:
        return ""
    return (
        "Assumptions checked: " + "; ".join(parts) + ". All the tests assume independent observations, which no "
        "check can confirm: it depends on how the data were collected."
    )


def _null(c: Comparison) -> str:
    key = c.primary.key
    if key in ("welch_t", "anova", "welch_anova"):
        return f"every group of {c.by} had the same mean {c.column} in the population"
    if key in ("mann_whitney", "kruskal"):
        return f"{c.column} had the same distribution in every group of {c.by}"
    if key in ("pearson", "spearman"):
        return f"{c.label} and {c.column} were unrelated in the population"
    return f"{c.column} and {c.by} were independent (the same shares of each level in every group)"


def _estimate_sentence(c: NumericComparison, a: ComparisonAnalysis) -> str:
    t = c.primary
    if t.key in ("welch_t", "mann_whitney") and t.estimate is not None:
        what = t.estimate_name
        if t.key == "mann_whitney":
            what = (
                f"the Hodges–Lehmann shift ({c.groups[0].label} − {c.groups[1].label}: the median of all differences "
                "between a value of one group and a value of the other)"
            )
        text = f"Estimate: {what} is {fmt_num(t.estimate)}."
        ci = _ci_sentence(t.ci, a.conf_level, "the true " + ("difference" if t.key == "welch_t" else "shift"))
        if t.ci is not None and t.ci[0] <= 0 <= t.ci[1]:
            ci += " It includes 0 (no difference)."
        elif t.ci is not None:
            ci += " It excludes 0."
        return text + (" " + ci if ci else "")
    if t.key in ("anova", "welch_anova") and t.estimate is not None:
        text = (
            f"Estimate: the groups account for {fmt_pct(max(t.estimate, 0.0))} of the variance of {c.column} "
            f"(eta² = {fmt_num(t.estimate, 3)})."
        )
        ci = _ci_sentence(t.ci, a.conf_level, "eta² in the population", t.ci_kind)
        return text + (" " + ci if ci else "")
    return ""


def numeric_paragraph(c: NumericComparison, a: ComparisonAnalysis) -> str:
    """The full explanation of one numeric comparison."""
    k = len(c.groups)
    total = sum(g.n for g in c.groups)
    means = "; ".join(
        f"{g.label} {fmt_num(g.mean)}"
        + (
            f" ({level_pct(a.conf_level)} CI {fmt_num(g.ci[0])} to {fmt_num(g.ci[1])})"
            if g.ci
            else " (one value)"
            if g.n < 2
            else " (not computable: the values' sum overflows double-precision arithmetic)"
            if g.mean is None or not math.isfinite(g.mean)
            else " (constant: its interval cannot be estimated)"
        )
        for g in c.groups
    )
    t = c.primary
    where = " It runs on the seeded sample." if t.on_sample else ""
    reading = ""
    if t.key == "welch_t":
        reading = "d is the difference in means in pooled standard deviations."
        g = t.hedges_g
        if g is not None and g.value is not None:
            reading += f" Hedges' g, corrected for small-sample bias, is {fmt_num(g.value, 3)}."
    elif t.key == "mann_whitney" and t.effect_size is not None and t.effect_size.value is not None:
        prob = (t.effect_size.value + 1) / 2
        reading = (
            f"A random value of {c.groups[0].label} exceeds one of {c.groups[1].label} with probability "
            f"{fmt_pct(prob)} (ties half); 50 % means no tendency either way."
        )
    elif t.key == "kruskal":
        reading = "It is the share of the variation in ranks that the groups account for."
    elif t.key in ("anova", "welch_anova"):
        reading = "eta² is the share of the variance of the values explained by the group means."
    posthoc = ""
    if c.posthoc:
        diff = "difference in mean ranks" if t.key == "kruskal" else "difference"
        posthoc = _posthoc_sentence([r.as_row() for r in c.posthoc], c.posthoc_method or "", a.conf_level, diff)
    elif c.posthoc_note:
        posthoc = c.posthoc_note
    small = ""
    if min(g.n for g in c.groups) < 5:
        small = (
            f"A group has fewer than 5 values of {c.column}: estimates are imprecise and the tests can only detect "
            "large differences."
        )
    elif total < 5 * k:
        small = "With so few values per group, only large differences can be detected."
    tail = ""
    if t.p_value is not None and t.p_value < a.alpha:
        tail = "The p-value is not the probability that the groups are the same; statistical significance is not size."
    elif t.p_value is not None:
        tail = (
            "A non-significant result is not evidence that the groups are the same, only that this sample cannot tell."
        )
    sample_note = ""
    if t.on_sample or (c.alternative is not None and c.alternative.on_sample):
        sample_note = (
            f"Rank tests and checks use the seeded sample of {fmt_num(a.sample_rows)} rows (of {fmt_num(a.rows)})."
        )
    return _join(
        f"{c.column} compared across the {k} groups of {c.by} ({fmt_num(total)} values): means {means}.",
        f"Primary test: {t.name}.{where} " + " ".join(c.reasons),
        _estimate_sentence(c, a),
        _stat_sentence(t),
        p_value_phrase(t.p_value, a.alpha, _null(c)),
        _adjusted_sentence(c, a),
        _effect_sentence(t.effect_size, a.conf_level, reading),
        _alternative_sentence(c, a),
        _others_sentence(c),
        posthoc,
        _checks_sentence(c, a),
        sample_note,
        small,
        tail,
        " ".join(f"Note: {n}" for n in t.notes if t.defined),
    )


def categorical_paragraph(c: CategoricalComparison, a: ComparisonAnalysis) -> str:
    """The full explanation of one categorical comparison."""
    t = c.primary
    shape = f"{len(c.row_labels)}×{len(c.col_labels)}"
    est = ""
    if t.key == "fisher" and t.estimate is not None and math.isfinite(t.estimate) and t.estimate > 0:
        est = (
            f"Estimate: the odds ratio (conditional maximum-likelihood) is {fmt_num(t.estimate, 4)}: the odds of "
            f"{c.row_labels[0]} rather than {c.row_labels[1]} are {fmt_num(t.estimate, 3)} times as high in "
            f"{c.col_labels[0]} as in {c.col_labels[1]}; 1 would mean no association. "
            + _ci_sentence(t.ci, a.conf_level, "the odds ratio")
        )
    elif t.key == "fisher" and t.estimate is not None:
        est = f"The odds ratio estimate is {fmt_num(t.estimate)} because of a zero cell."
    v = t.effect_size
    reading = "V runs from 0 (the shares are the same in every group) to 1 (the group determines the level)."
    cells = ""
    chi = t if t.key == "chisq" else c.alternative
    if chi is not None and t.p_value is not None and t.p_value < a.alpha:
        details = chi.details.get("cells") or {}
        if details.get("stdres"):
            cells = _top_cells(details)
    return _join(
        f"{c.column} cross-tabulated with {c.by}: a {shape} table of {fmt_num(t.n)} rows with both values.",
        f"Chosen test: {t.name}. " + " ".join(c.reasons),
        est,
        _stat_sentence(t),
        p_value_phrase(t.p_value, a.alpha, _null(c)),
        _adjusted_sentence(c, a),
        _effect_sentence(v, a.conf_level, reading),
        cells,
        _alternative_sentence(c, a),
        "Assumptions: each row is an independent observation counted in exactly one cell.",
        "An association is not causation: a third variable can create or hide it."
        + (" Statistical significance is not size." if t.p_value is not None and t.p_value < a.alpha else ""),
        " ".join(f"Note: {n}" for n in c.notes),
    )


def correlation_note(c: CorrelationComparison, a: ComparisonAnalysis) -> str:
    """One sentence per correlation row: r with its interval and size, adjusted p, Spearman alongside."""
    t = c.primary
    e = t.effect_size
    ci = f" ({level_pct(a.conf_level)} CI {fmt_num(t.ci[0], 3)} to {fmt_num(t.ci[1], 3)})" if t.ci is not None else ""
    size = (
        f", {e.magnitude} by Cohen's (1988) convention for |r| (0.1 small, 0.3 medium, 0.5 large)"
        if (e is not None and e.magnitude)
        else ""
    )
    text = f"{c.label}: r = {fmt_num(t.estimate, 3)} on {fmt_num(t.n)} rows{ci}{size}; "
    if t.ci is not None and t.ci[0] <= 0 <= t.ci[1]:
        text += "the interval includes 0, so not even the direction of the association is clear."
    else:
        direction = "rise" if (t.estimate or 0) > 0 else "fall"
        text += f"{a.by} tends to {direction} as {c.label} rises."
    if c.p_adjusted is not None:
        text += f" Adjusted {fmt_p(c.p_adjusted)}."
    s = c.alternative
    if s is not None and s.estimate is not None:
        text += f" Spearman's rho = {fmt_num(s.estimate, 3)}" + (" (sample)" if s.on_sample else "") + "."
        if (s.estimate > 0) != ((t.estimate or 0) > 0):
            text += " r and rho disagree in sign: the relation is not a simple straight line; look at a scatter plot."
    return text


def check_reading(k: Check, c: NumericComparison, a: ComparisonAnalysis) -> str:
    """A short reading of one assumption check."""
    sizes = {g.label: g.n for g in c.groups}
    if k.check == "normality":
        if k.p_value is None:
            return k.note or "not checkable (fewer than 3 values or no spread)"
        n = sizes.get(k.group, k.n or 0)
        if k.p_value < a.alpha:
            if n >= CLT_N:
                return f"departs from normality; with {fmt_num(n)} values the mean is still close to normal (CLT)"
            return (
                f"departs from normality with only {fmt_num(n)} values: the rank test (sensitivity analysis) "
                "matters more here"
            )
        return "no clear departure" + (" (little power with so few values)" if n < CLT_N else "")
    if k.check == "SD ratio":
        if k.statistic is None:
            return k.note
        if k.statistic <= SD_RATIO:
            return "similar spreads"
        if k.statistic <= 2:
            return "moderately different spreads"
        return "clearly different spreads (Welch's tests allow for them)"
    if k.check == "equal spread":
        if k.p_value is None:
            return k.note or "not computable"
        return "spreads differ" if k.p_value < a.alpha else "no clear difference in spread"
    return k.note


def _drawn_from(a: ComparisonAnalysis) -> str:
    if a.sampled:
        return f"drawn from the seeded random sample of {fmt_num(a.sample_rows)} of the {fmt_num(a.rows)} rows"
    return f"drawn from all {fmt_num(a.rows)} rows"


def means_caption(c: NumericComparison, a: ComparisonAnalysis, shown: int) -> str:
    text = (
        f"Mean of {c.column} in each group of {c.by} with its {level_pct(a.conf_level)} t interval (every row); the "
        "dotted line is the overall mean. Intervals that do not overlap suggest a difference, but overlapping "
        "intervals do not rule one out: the test above is the right comparison."
    )
    if shown < len(c.groups):
        single = len(c.groups) - shown
        text += (
            f" {count_of(single, 'group')} with a single value or no spread {agree(single, 'has', 'have')} no "
            f"interval (it cannot be estimated) and {agree(single, 'is', 'are')} not drawn."
        )
    return text


def means_alt(c: NumericComparison, a: ComparisonAnalysis) -> str:
    parts = ", ".join(f"{g.label} {fmt_num(g.mean, 3)}" for g in c.groups if g.mean is not None)
    return f"Mean {c.column} per group of {c.by} with {level_pct(a.conf_level)} intervals: {parts}."


def box_caption(c: NumericComparison, a: ComparisonAnalysis) -> str:
    return (
        f"Box plots of {c.column} per group of {c.by}, {_drawn_from(a)}: the box spans the quartiles (type 7), the "
        "thick line is the median, ◇ the mean, whiskers reach the most extreme values within 1.5 IQR of the box, "
        f"and circles mark values beyond (at most {MAX_OUTLIER_POINTS} per side shown)."
    )


def box_alt(c: NumericComparison) -> str:
    assert c.box is not None
    parts = ", ".join(f"{g.label} {fmt_num(b.median, 3)}" for g, b in zip(c.groups, c.box, strict=True))
    return f"Box plots of {c.column} for each group of {c.by}; medians: {parts}."


def bars_caption(c: CategoricalComparison, a: ComparisonAnalysis, level: str | None) -> str:
    share = f"Share of {c.column} = {level}" if level is not None else f"Share of each level of {c.column}"
    return (
        f"{share} within each group of {c.by} (every row with both values), with {level_pct(a.conf_level)} Wilson "
        "intervals. Bars of similar length in every group mean no association."
    )


def bars_alt(c: CategoricalComparison, level: str | None) -> str:
    totals = [sum(row[j] for row in c.table) for j in range(len(c.col_labels))]
    if level is not None:
        i = c.row_labels.index(level)
        parts = ", ".join(f"{g} {fmt_pct(c.table[i][j] / totals[j])}" for j, g in enumerate(c.col_labels))
        return f"Bar chart of the share of {c.column} = {level} in each group of {c.by}: {parts}."
    return f"Bar chart of the share of each level of {c.column} within each group of {c.by}."


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
