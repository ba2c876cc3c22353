"""Words for the paired comparison (`--group COLUMN --pair KEY`) and for the raw-value paired tests
(`edakit.stats.paired`), built from their numbers only.

Each paragraph says which units were compared, why the tests work within units, how to read the estimate and its
interval, what the p-values (raw and adjusted) say and do not say, what the sensitivity analysis found, and what
the design allows one to conclude: a within-unit comparison removes the differences between units, but only
random assignment of the conditions (`--design randomised`) lets a difference be attributed to them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from edakit.explain import register
from edakit.explain.comparisons import adjust_long, agreement
from edakit.explain.design import design_sentence
from edakit.explain.hypothesis import _ci_sentence, _effect_sentence
from edakit.explain.words import effect_interval, fmt_num, fmt_p, fmt_pct, level_pct, p_value_phrase
from edakit.stats.paired import FriedmanResult, McNemarResult, SignedRankResult
from edakit.stats.repeated import CochranQResult, RMAnovaResult

if TYPE_CHECKING:
    from edakit.stats.comparison_results import ComparisonAnalysis, GroupTest, PairedComparison


#: what each repeated-measures test assumes, said after its result
ASSUMES = {
    "rm_anova": (
        "Assumptions: the units are independent of one another and each unit's differences between groups are "
        "roughly normal (Friedman's test, on ranks within units, does not need that); unequal variances of those "
        "differences (no sphericity) are what epsilon corrects. The test says whether the group means differ, not "
        "which ones: the pairwise follow-up does."
    ),
    "cochran_q": (
        "Assumptions: the units are independent of one another, and enough of them change level for the "
        "chi-squared approximation (with only a few units that change, read the p-value as rough). Units that "
        "keep one level in every group carry no information about a difference and do not move Q."
    ),
}


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def section_title(a: ComparisonAnalysis) -> str:
    return f"Paired comparison across {a.by} (units: {a.pair})"


def methods_paragraph(a: ComparisonAnalysis) -> str:
    """How the paired section was computed: the units, the tests fixed by the design, the multiplicity family."""
    k = len(a.labels)
    what = (
        f"The rows are paired by {a.pair}: {fmt_num(a.units)} units have a row in each of the {k} groups of {a.by} "
        f"({', '.join(a.labels)}), so every column is compared within units, not between independent groups."
    )
    rules = []
    binary = any(c.levels for c in a.paired)
    numeric = any(not c.levels for c in a.paired)
    if k == 2 and numeric:
        rules.append(
            "A numeric column: the paired t-test on each unit's difference (R's t.test(paired = TRUE)) is the primary "
            "test, with Cohen's d_z (the mean difference in standard deviations of the differences); the Wilcoxon "
            "signed-rank test with the Hodges–Lehmann estimate (R's wilcox.test(paired = TRUE, conf.int = TRUE)) is "
            "the pre-specified sensitivity analysis."
        )
    if k == 2 and binary:
        rules.append(
            "A two-level column: McNemar's test (R's mcnemar.test) on the units that changed level, with the "
            "difference of the paired proportions; the exact binomial test of the same units beside it."
        )
    if k > 2 and numeric:
        rules.append(
            "A numeric column: the one-way repeated-measures ANOVA (R's aov with an Error(unit) stratum, ez::ezANOVA) "
            "is the primary test, its degrees of freedom always multiplied by the Greenhouse–Geisser epsilon (the "
            "correction for unequal variances of the differences between groups, applied whatever Mauchly's test "
            "would say), with generalized eta squared and a bootstrap interval over the units; Friedman's rank test "
            "(R's friedman.test) with Kendall's W is the pre-specified sensitivity analysis."
        )
    if k > 2 and binary:
        rules.append(
            "A two-level column: Cochran's Q test (the extension of McNemar's test to three or more groups) with "
            "Serlin's eta_Q and a bootstrap interval over the units; the McNemar tests of every pair of groups follow, "
            "Holm-adjusted among themselves."
        )
    rules.append(
        "The tests are fixed by the design before looking at the data: no normality or variance pre-test chooses "
        "between them. Units without a value in every group are left out of that column's tests."
    )
    n = sum(c.primary.p_value is not None for c in a.comparisons)
    family = (
        f"The multiplicity family, fixed in advance, is the {n} primary tests of this section (one per column); "
        f"their p-values are adjusted together by {adjust_long(a.p_adjust)} adjustment. The sensitivity analyses "
        "are not in the family: they check the primary tests, they do not add findings."
        if n > 1
        else "There is a single primary test, so no adjustment for multiple testing is needed."
    )
    return _join(what, " ".join(rules), family)


def section_summary(a: ComparisonAnalysis) -> str:
    comps = [c for c in a.paired if c.primary.p_value is not None]
    if not comps:
        return f"No column could be compared within the units of {a.pair}." + (
            " The table below says why." if a.skipped else ""
        )
    sig = [c for c in comps if c.p_adjusted is not None and c.p_adjusted < a.alpha]
    n = len(comps)
    adjusted = " after adjustment" if n > 1 else ""
    if n == 1:
        c = comps[0]
        verb = "differs" if sig else "does not clearly differ"
        head = (
            f"The one column compared, {c.label}, {verb} between the groups of {a.by} within units "
            f"(p {'<' if sig else '≥'} {a.alpha:g})."
        )
    elif sig:
        head = (
            f"{len(sig)} of the {n} columns compared differ between the groups of {a.by} within units{adjusted} "
            f"(p < {a.alpha:g}): {', '.join(c.label for c in sig[:6])}."
        )
    else:
        head = f"None of the {n} columns compared clearly differs between the groups of {a.by} within units{adjusted}."
    estimates = [_estimate_short(c, a) for c in sig[:3]]
    return _join(head, " ".join(e for e in estimates if e), design_sentence(a))


def _estimate_short(c: PairedComparison, a: ComparisonAnalysis) -> str:
    t = c.primary
    if t.estimate is None or t.ci is None:
        return ""
    return f"{c.label}: {t.estimate_name} {fmt_num(t.estimate)} ({effect_interval(t.ci, a.conf_level, t.ci_kind, 4)})."


def _null(c: PairedComparison) -> str:
    if c.primary.key == "paired_t":
        return f"the mean within-unit difference in {c.column} were 0 in the population"
    if c.primary.key == "mcnemar":
        return f"the share of {c.levels[0]} in {c.column} were the same in both groups of {c.by}"
    if c.primary.key == "cochran_q":
        return f"the share of {c.levels[0]} in {c.column} were the same in every group of {c.by}"
    if c.primary.key == "rm_anova":
        return f"the mean of {c.column} were the same in every group of {c.by}"
    return f"{c.column} had the same distribution in every group of {c.by}, unit by unit"


def _sensitivity(c: PairedComparison, a: ComparisonAnalysis) -> str:
    alt = c.alternative
    if alt is None:
        return ""
    if not alt.defined:
        return f"The sensitivity analysis, {alt.name}, could not be computed: {' '.join(alt.notes) or 'undefined.'}"
    est = ""
    if alt.estimate is not None and math.isfinite(alt.estimate):
        est = f"; {alt.estimate_name} {fmt_num(alt.estimate)}"
        if alt.ci is not None:
            est += f" ({effect_interval(alt.ci, a.conf_level, alt.ci_kind, 4)})"
    stat = f"{alt.statistic_name} = {fmt_num(alt.statistic, 4)}, " if alt.statistic is not None else ""
    same = agreement(c, a.alpha) == "yes"
    verdict = (
        f"the same conclusion at the {a.alpha:g} level."
        if same
        else f"a different conclusion at the {a.alpha:g} level: the result depends on the method, so read it with care."
    )
    return f"Sensitivity analysis ({alt.name}): {stat}{fmt_p(alt.p_value)}{est}: {verdict}"


def _adjusted(c: PairedComparison, a: ComparisonAnalysis) -> str:
    n = sum(x.primary.p_value is not None for x in a.comparisons)
    if n < 2 or c.p_adjusted is None:
        return ""
    return (
        f"Adjusted for the {n} primary tests of this section ({adjust_long(a.p_adjust)}): {fmt_p(c.p_adjusted)}. "
        "The intervals are not adjusted: each is a separate interval at its own level."
    )


def _stat(t: GroupTest) -> str:
    if t.statistic is None:
        return ""
    if isinstance(t.df, tuple):
        df = f" on {fmt_num(t.df[0], 4)} and {fmt_num(t.df[1], 4)} degrees of freedom"
    else:
        df = f" on {fmt_num(float(t.df), 4)} degree{'s' if t.df != 1 else ''} of freedom" if t.df is not None else ""
    text = f"{t.statistic_name} = {fmt_num(t.statistic, 4)}{df}."
    eps = t.details.get("epsilon")
    if t.key == "rm_anova" and eps is not None:
        d1, d2 = t.details["df_corrected"]
        text += (
            f" Greenhouse–Geisser epsilon = {fmt_num(eps, 3)} (1 when the variances of all the within-unit differences "
            f"are equal, down to {fmt_num(1 / (len(t.details['means']) - 1), 3)} at the worst), so the p-value below "
            f"uses {fmt_num(d1, 4)} and {fmt_num(d2, 4)} degrees of freedom (uncorrected: "
            f"{fmt_p(t.details['p_uncorrected'])})."
        )
        text += " " + _hf(t.details)
    return text


def _hf(details: dict) -> str:
    """The Huynh–Feldt epsilon and its p, said beside the Greenhouse–Geisser ones."""
    hf = details.get("epsilon_hf")
    if hf is None:
        return "The Huynh–Feldt epsilon cannot be estimated with no more units than groups."
    use = "above 1, so it corrects nothing" if hf >= 1 else "less biased downwards than GG's near sphericity"
    return (
        f"Beside it, the Huynh–Feldt epsilon (with Lecoutre's correction, as R's car::Anova and afex) is "
        f"{fmt_num(hf, 3)} ({use}): {fmt_p(details['p_hf'])}. The Greenhouse–Geisser p is the one reported, the "
        "more cautious of the two."
    )


#: pairs of groups shown in full on the page; beyond this an ordered group shows its successive pairs
SHOWN_PAIRS = 15


def pairwise_layout(c: PairedComparison, a: ComparisonAnalysis) -> str:
    """How the pairwise t-tests are laid out: "all" shown (few pairs), "successive" (many pairs of an ordered
    group: each group against the one before, the changes a reader follows, with every pair one click away), or
    "folded" (many pairs of unordered groups: every pair one click away)."""
    if len(c.primary.details.get("pairwise", [])) <= SHOWN_PAIRS:
        return "all"
    return "successive" if a.role in ("numeric", "datetime") else "folded"


def successive_pairs(c: PairedComparison) -> list[dict]:
    """The rows of each group against the one before it (the groups are in their sorted order)."""
    order = {g: i for i, g in enumerate(c.conditions)}
    return [r for r in c.primary.details["pairwise"] if order[r["second"]] == order[r["first"]] + 1]


def _pairwise_t(c: PairedComparison, a: ComparisonAnalysis) -> str:
    """The Holm-adjusted pairwise paired t-tests that follow the repeated-measures ANOVA."""
    rows = c.primary.details.get("pairwise", [])
    if not rows:
        return ""
    level = level_pct(a.conf_level)
    head = (
        f"Follow-up: a paired t-test for each of the {len(rows)} pairs of groups (R's pairwise.t.test with paired = "
        f"TRUE), Holm-adjusted among the pairs (not in the section's family). Each mean difference has its "
        f"unadjusted {level} CI: it goes with the raw p, not the Holm one, so a pair whose interval excludes 0 can "
        "still be unclear after adjustment."
    )
    layout = pairwise_layout(c, a)
    shown = rows
    if layout == "successive":
        shown = successive_pairs(c)
        head += (
            f" {c.by} is ordered, so the table shows the {len(shown)} successive pairs (each group against the one "
            f"before: the change from step to step) rather than all {len(rows)}; their p-values are still adjusted "
            f"for all {len(rows)} pairs, so choosing to show these does not make them smaller. The full table is one "
            "click away."
        )
    elif layout == "folded":
        head += f" The {len(rows)} pairs are in a table one click away."
    clear = [r for r in shown if r.get("p_holm") is not None and r["p_holm"] < a.alpha]
    undefined = [r for r in shown if r.get("p_value") is None]
    what = "successive pairs" if layout == "successive" else "pairs"
    if not clear:
        found = f"None of the {len(shown)} {what} differs at the {a.alpha:g} level after adjustment."
    elif len(clear) == len(shown):
        found = f"All {len(shown)} {what} differ at the {a.alpha:g} level after adjustment."
    else:
        rest = [r for r in shown if r not in clear and r not in undefined]
        named, which = (clear, "those that do") if len(clear) <= len(rest) else (rest, "those that do not clearly")
        listed = "; ".join(
            f"{r['second']} − {r['first']}: {fmt_num(r['difference'])} ({level} CI {fmt_num(r['ci'][0])} to "
            f"{fmt_num(r['ci'][1])}, adjusted {fmt_p(r['p_holm'])})"
            for r in named[:8]
        )
        more = f" and {len(named) - 8} more" if len(named) > 8 else ""
        found = (
            f"{len(clear)} of the {len(shown)} {what} differ at the {a.alpha:g} level after adjustment; {which}: "
            f"{listed}{more}."
        )
    if undefined:
        found += f" {len(undefined)} pair(s) have the same difference in every unit and no test."
    return f"{head} {found}"


def _pairwise(c: PairedComparison, a: ComparisonAnalysis) -> str:
    """The Holm-adjusted pairwise McNemar tests that follow Cochran's Q."""
    rows = c.primary.details.get("pairwise", [])
    if not rows:
        return ""
    found = [r for r in rows if r.get("p_holm") is not None and r["p_holm"] < a.alpha]
    head = (
        f"Follow-up: McNemar's test for each of the {len(rows)} pairs of groups, Holm-adjusted among themselves "
        "(these pairwise tests are not in the section's family). Each difference of shares has its unadjusted "
        f"{level_pct(a.conf_level)} Wald interval (the difference ± z · √((b + c) − (b − c)²/n) / n, b and c the "
        "units that changed one way and the other): it goes with the raw p, not the Holm one, and with few units "
        "that change it is rough, as the chi-squared approximation is."
    )
    if not found:
        return f"{head} No pair differs at the {a.alpha:g} level after adjustment."
    pairs = "; ".join(
        f"{r['first']} vs {r['second']}: share of {c.levels[0]} {fmt_num(100 * r['difference'], 3)} points apart, "
        f"adjusted {fmt_p(r['p_holm'])}"
        for r in found
    )
    return f"{head} Pairs that differ at the {a.alpha:g} level after adjustment: {pairs}."


def paragraph(c: PairedComparison, a: ComparisonAnalysis) -> str:
    """The full explanation of one paired comparison."""
    t = c.primary
    k = len(c.conditions)
    if c.levels:
        shares = "; ".join(f"{g} {fmt_pct(1 - m)}" for g, m in zip(c.conditions, c.means, strict=True) if m is not None)
        where = "both groups" if k == 2 else f"all {k} groups"
        head = f"{c.column} on the same {fmt_num(c.units)} units ({a.pair}) in {where}: share of {c.levels[0]}"
        head += f" {shares}."
    else:
        means = "; ".join(f"{g} {fmt_num(m)}" for g, m in zip(c.conditions, c.means, strict=True) if m is not None)
        where = "both groups" if k == 2 else f"all {k} groups"
        head = f"{c.column} on the same {fmt_num(c.units)} units ({a.pair}) in {where}: means {means}."
    estimate = ""
    if t.key == "paired_t" and t.estimate is not None:
        estimate = f"Estimate: the {t.estimate_name}, averaged over units, is {fmt_num(t.estimate)}"
        if c.diff_sd is not None:
            estimate += f" (SD of the differences {fmt_num(c.diff_sd)})"
        estimate += ". " + _ci_sentence(t.ci, a.conf_level, "the mean difference")
        if t.ci is None:
            estimate += " Its interval cannot be estimated."
    elif t.key == "mcnemar" and t.estimate is not None:
        b, c_ = c.table[0][1], c.table[1][0]
        estimate = (
            f"{fmt_num(b)} units were {c.levels[0]} in {c.conditions[0]} but {c.levels[1]} in {c.conditions[1]}, and "
            f"{fmt_num(c_)} the other way round; only these units carry information about a change. Estimate: the "
            f"{t.estimate_name} is {fmt_num(t.estimate, 3)}. "
            + _ci_sentence(t.ci, a.conf_level, "the difference of the paired shares (Wald)")
        )
    elif t.key == "friedman" and t.details.get("mean_ranks"):
        ranks = ", ".join(f"{g} {fmt_num(r, 3)}" for g, r in zip(c.conditions, t.details["mean_ranks"], strict=True))
        estimate = f"Mean rank within units (1 to {k}): {ranks}."
    reading = ""
    if t.key == "paired_t":
        reading = "d_z is the mean difference in standard deviations of the differences (not of the values)."
    elif t.key == "friedman":
        reading = "W runs from 0 (the units rank the groups in no common order) to 1 (every unit ranks them alike)."
    elif t.key == "rm_anova":
        reading = (
            f"Generalized eta squared is the share of all the variation in {c.column} (between units included) that "
            "lies between the groups, so it can be compared with studies of other designs; it does not say which "
            "groups differ or by how much in the column's units (the means above do)."
        )
    elif t.key == "cochran_q":
        reading = (
            "eta_Q = Q / (units × (groups − 1)) runs from 0 (the groups have the same share) to 1 (every unit has the "
            "same pattern of levels across the groups, and none keeps one level throughout); it is Kendall's W of the "
            "0/1 values."
        )
    tail = (
        "The p-value is not the probability that the groups are the same; statistical significance is not size."
        if t.p_value is not None and t.p_value < a.alpha
        else "A non-significant result is not evidence that the groups are the same, only that this sample cannot tell."
    )
    return _join(
        head,
        f"Test: {t.name}. " + " ".join(c.reasons),
        estimate,
        _stat(t),
        p_value_phrase(t.p_value, a.alpha, _null(c)),
        _adjusted(c, a),
        _effect_sentence(t.effect_size, a.conf_level, reading),
        _sensitivity(c, a),
        _pairwise(c, a) if t.key == "cochran_q" else _pairwise_t(c, a) if t.key == "rm_anova" else "",
        ASSUMES.get(t.key, ""),
        " ".join(f"Note: {n}" for n in [*t.notes, *(c.alternative.notes if c.alternative else [])]),
        tail,
    )


# ---------------------------------------------------------------------------------------------- raw-value results


@register(SignedRankResult)
def _signed_rank(r: SignedRankResult) -> str:
    if r.p_value is None:
        return " ".join(r.notes) or "The signed-rank test could not be computed."
    ci = _ci_sentence(r.ci, r.conf_level, "the pseudomedian of the differences")
    return _join(
        f"{r.method} on {fmt_num(r.n)} differences: V = {fmt_num(r.statistic, 4)} (the sum of the ranks of the "
        f"positive differences), {fmt_p(r.p_value)}.",
        f"Hodges–Lehmann estimate (pseudomedian of the differences): {fmt_num(r.estimate)}. {ci}",
        " ".join(r.notes),
    )


@register(McNemarResult)
def _mcnemar(r: McNemarResult) -> str:
    if r.p_value is None:
        return " ".join(r.notes)
    b, c = r.details.get("discordant", [0, 0])
    return _join(
        f"{r.method} on {fmt_num(r.n)} pairs: {b} changed one way and {c} the other; X² = {fmt_num(r.statistic, 4)} "
        f"on 1 degree of freedom, {fmt_p(r.p_value)} (exact binomial test {fmt_p(r.details.get('exact_p'))}).",
        f"Difference of the paired proportions: {fmt_num(r.estimate, 3)}.",
        _ci_sentence(r.ci, r.conf_level, "the difference"),
        " ".join(r.notes),
    )


@register(FriedmanResult)
def _friedman(r: FriedmanResult) -> str:
    if r.p_value is None:
        return " ".join(r.notes)
    return _join(
        f"{r.method} on {fmt_num(r.n)} units: chi-squared = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degrees of "
        f"freedom, {fmt_p(r.p_value)}.",
        _effect_sentence(r.effect_size, r.conf_level, "W runs from 0 (no common ranking) to 1 (every unit agrees)."),
    )


@register(RMAnovaResult)
def _rm_anova(r: RMAnovaResult) -> str:
    if r.p_value is None:
        return " ".join(r.notes)
    d1, d2 = r.details["df_corrected"]
    return _join(
        f"{r.method} on {fmt_num(r.n)} units: F = {fmt_num(r.statistic, 4)} on {fmt_num(r.df[0])} and "
        f"{fmt_num(r.df[1])} degrees of freedom; Greenhouse–Geisser epsilon = {fmt_num(r.details['epsilon'], 3)}, so "
        f"the p-value uses {fmt_num(d1, 4)} and {fmt_num(d2, 4)}: {fmt_p(r.p_value)} (uncorrected "
        f"{fmt_p(r.details['p_uncorrected'])}).",
        _hf(r.details),
        _effect_sentence(r.effect_size, r.conf_level, "the conditions' share of all the variation, units included."),
        _pairwise_count(r.details.get("pairwise", []), r.details.get("alpha", 1 - (r.conf_level or 0.95))),
        " ".join(r.notes),
    )


def _pairwise_count(rows: list[dict], alpha: float) -> str:
    """How many of the pairwise paired t-tests (`details["pairwise"]`) stand after Holm's adjustment at `alpha`
    (the report's decision threshold, kept in the result's details)."""
    if not rows:
        return ""
    clear = sum(r.get("p_holm") is not None and r["p_holm"] < alpha for r in rows)
    return (
        f"Follow-up: {clear} of the {len(rows)} pairwise paired t-tests have a Holm-adjusted p below {alpha:g} "
        '(details["pairwise"]: each pair\'s mean difference, its unadjusted interval and both p-values).'
    )


@register(CochranQResult)
def _cochran_q(r: CochranQResult) -> str:
    if r.p_value is None:
        return " ".join(r.notes)
    return _join(
        f"{r.method} on {fmt_num(r.n)} units: Q = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degrees of freedom, "
        f"{fmt_p(r.p_value)}.",
        _effect_sentence(r.effect_size, r.conf_level, "eta_Q runs from 0 (equal shares) to 1."),
        " ".join(r.notes),
    )
