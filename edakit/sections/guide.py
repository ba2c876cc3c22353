"""The reader's guide: "How to read this report" (placed first) and the glossary (placed last).

Both are generic Sections. The guide is written from this report's own settings and contents: how many rows,
whether sample-based methods used a sample, the confidence level, alpha, which sections ran and so which
multiple-testing adjustments and formulas apply. The formulas of the main estimators are
`Paragraph(tone="formula")` blocks in a "Formulas" subsection; the explain stage drops them when the report is
made with `explain="brief"`. The glossary has one subsection per term (`edakit.explain.glossary.TERMS`), whose
id `glossary-<key>` is what the links from explanations point to.
"""

from __future__ import annotations

from importlib.util import find_spec
from statistics import NormalDist
from typing import Any

from edakit.explain.glossary import TERMS, anchor
from edakit.explain.words import fmt_num, level_pct
from edakit.page import Paragraph, Section
from edakit.sections import AnalysisContext

GUIDE_ID = "how-to-read"
FORMULAS_ID = "how-to-read-formulas"
GLOSSARY_ID = "glossary"
POSITION = {GUIDE_ID: "first", GLOSSARY_ID: "last"}

ADJUST_NAMES = {"holm": "Holm", "bh": "Benjamini–Hochberg"}


def build(ctx: AnalysisContext) -> list[Section]:
    """The two guide sections for this report."""
    return [how_to_read(ctx), glossary()]


# ---------------------------------------------------------------------------------------------- how to read


def _roles(ctx: AnalysisContext) -> dict[str, int]:
    roles: dict[str, int] = {}
    for col in ctx.columns:
        if not getattr(col, "skipped", None):
            roles[col.role] = roles.get(col.role, 0) + 1
    return roles


def how_to_read(ctx: AnalysisContext) -> Section:
    """What the report computed on which rows, and how to read estimates, intervals, tests and charts."""
    config, summary = ctx.config, ctx.summary
    rows = int(summary.rows)
    level = level_pct(config.conf_level)
    roles = _roles(ctx)
    numeric = roles.get("numeric", 0)
    categorical = roles.get("categorical", 0) + roles.get("boolean", 0)
    compares = bool((config.group or config.target) and config.comparisons and not config.metrics)
    compares = compares and find_spec("edakit.sections.comparisons") is not None  # the section may not exist
    ab = bool(config.metrics)
    correlations = bool(config.correlations) and (numeric >= 2 or categorical >= 2 or (numeric and categorical))
    sample_rows = min(int(summary.sample_size), rows)

    blocks: list[Any] = [Paragraph(_rows_paragraph(rows, sample_rows, bool(summary.sampled), config.sample_size))]
    blocks.append(
        Paragraph(
            "Estimates and intervals. An estimate (a mean, a share, a correlation) is the best single value these "
            f"rows give for the population they come from. Its {level} confidence interval holds the values "
            f"compatible with the data: the procedure that builds it captures the true value in {level} of "
            "samples, if the rows are a random sample and the method's assumptions hold. A wide interval means "
            "the data pin the value down poorly. An interval for a mean is not a range for individual values, "
            "most of which lie outside it."
        )
    )
    alpha = float(config.alpha)
    blocks.append(
        Paragraph(
            "Tests and p-values. A test asks whether the data are compatible with a null hypothesis, usually "
            "“no difference” or “no association”. Its p-value is the probability of data at least as extreme as "
            f"these if the null hypothesis were true; below {alpha:g} the result is called statistically "
            "significant. A p-value is not the probability that the null hypothesis is true, and it is not the "
            "size of an effect: with many rows a negligible effect is significant, with few rows a large one may "
            "not be. A non-significant result does not show that there is no effect; the interval shows which "
            "effects are still compatible with the data."
        )
    )
    blocks.append(
        Paragraph(
            "Effect sizes say how large a difference or an association is (Cohen's d, r, Cramér's V, eta²), on a "
            "scale that does not grow with the number of rows. The words negligible, small, medium and large are "
            "Cohen's (1988) rules of thumb; whether an effect matters depends on the subject."
        )
    )
    many = _multiple_testing_paragraph(correlations, compares, ab, config.p_adjust)
    if many:
        blocks.append(Paragraph(many))
    blocks.append(
        Paragraph(
            "Assumptions. Each test names the assumptions it needs (independent rows, roughly normal values, equal "
            "variances, large enough counts), says which were checked and with what result, and what was done "
            "when one failed. Independence cannot be checked from the data: repeated measurements of the same "
            "person, or rows close together in time, break it and make intervals too narrow."
        )
    )
    causal = (
        "Association is not causation. A correlation, or a difference between groups in observational data, does "
        "not show that one variable causes the other: a third variable may drive both (confounding), the "
        "influence may run the other way, or the pattern may come from how the rows were selected."
    )
    if getattr(config, "design", "observational") == "randomised":
        what = "the variants here" if ab else f"the groups of {config.group}" if config.group else "this study"
        causal += (
            f" The design is randomised ({what} were assigned at random): random assignment breaks those links, so "
            "a difference between the groups can be attributed to the assignment, provided the randomisation was "
            "carried out as planned. A passing allocation (sample-ratio) check or similar groups before treatment "
            "are consistent with that, but neither proves it."
        )
    elif ab or compares:
        causal += (
            " The design is observational (the groups were not assigned at random), so the report makes no causal "
            "claim; pass --design randomised only when they were."
        )
    blocks.append(Paragraph(causal))
    blocks.append(
        Paragraph(
            "What the rows stand for. Intervals and tests treat the rows as a random sample of the population you "
            "care about. If the rows were selected in a way related to the values (volunteers, survivors, "
            "customers who complained), the estimates are biased and no interval or p-value fixes that. If the "
            "rows are the whole population, an interval describes chance variation in the process that produced "
            "the data, not uncertainty from sampling."
        )
    )
    blocks.append(
        Paragraph(
            "Alerts flag data-quality problems to check before trusting the statistics: many missing values, "
            "constant or identifier-like columns, heavy skew, many outliers, duplicate rows. An outlier is "
            "unusual, not necessarily wrong. Every chart has a caption that says how to read it and what it was "
            "computed on, and a text alternative that says what it shows."
        )
    )
    formulas = formula_blocks(ctx, numeric, categorical, compares, ab, correlations)
    subsections = [Section(FORMULAS_ID, "Formulas", blocks=formulas)] if formulas else []
    return Section(
        GUIDE_ID,
        "How to read this report",
        fold=True,
        summary=(
            f"This report describes {fmt_num(rows)} rows. Every result comes with words that say what was computed, "
            "on which rows, how to read the estimate and its interval, what the p-value does and does not mean, "
            "which assumptions were checked, and the caveat that matters. Terms in the explanations link to the "
            "glossary at the end."
        ),
        blocks=blocks,
        subsections=subsections,
    )


def _rows_paragraph(rows: int, sample_rows: int, sampled: bool, sample_size: int) -> str:
    text = (
        f"Which rows. The table has {fmt_num(rows)} rows. Each statistic uses the rows where its own column (or "
        "pair of columns) has a value; missing values are left out and counted next to the result. Counts, means, "
        "standard deviations, quantiles, Pearson correlations, contingency tables and group means use every row."
    )
    if sampled:
        text += (
            " Methods that need all raw values at once (ranks, Shapiro–Wilk, Kendall's tau, QQ plots) use a "
            f"seeded random sample of {fmt_num(sample_rows)} rows, and say so next to the result; the seed makes "
            "the numbers repeat from run to run."
        )
    else:
        text += (
            " The table is within the sample limit of "
            f"{fmt_num(sample_size)} rows, so methods that need raw values (ranks, Shapiro–Wilk, QQ plots) use "
            "every row too."
        )
    return text


def _multiple_testing_paragraph(correlations: bool, compares: bool, ab: bool, p_adjust: str) -> str:
    parts = []
    if correlations:
        parts.append(
            "The correlations section tests every pair of columns, so its p-values are adjusted by "
            "Benjamini–Hochberg (the false discovery rate); treat small ones as leads to check on new data."
        )
    if compares:
        parts.append(
            f"The group comparisons run many tests, so their p-values are adjusted by {ADJUST_NAMES[p_adjust]}."
        )
    if ab:
        parts.append(
            f"When an A/B test has several comparisons, the decision uses p-values adjusted by "
            f"{ADJUST_NAMES[p_adjust]}."
        )
    if not parts:
        return ""
    return (
        "Many tests. Each test at alpha = 0.05 has a 5 % chance of a false positive when there is nothing to find, "
        "so among many tests some small p-values turn up by chance alone. " + " ".join(parts)
    )


# ---------------------------------------------------------------------------------------------- formulas


def formula_blocks(
    ctx: AnalysisContext, numeric: int, categorical: int, compares: bool, ab: bool, correlations: bool
) -> list[Paragraph]:
    """The formulas of the estimators this report uses, as plain text (no scripts, no images)."""
    conf = float(ctx.config.conf_level)
    q = 1 - (1 - conf) / 2
    z = NormalDist().inv_cdf(q)
    out: list[str] = []
    if numeric or compares or ab:
        out.append(
            f"Mean and its interval: x̄ = Σxᵢ / n; s = √(Σ(xᵢ − x̄)² / (n − 1)) (standard deviation; variance s²); "
            f"SE = s / √n; {level_pct(conf)} interval x̄ ± t(q; n − 1) · SE, where t(q; n − 1) is the q = {q:g} "
            f"quantile of Student's t with n − 1 degrees of freedom (it tends to {z:.3f} as n grows)."
        )
    if numeric:
        out += [
            "Quantiles (type 7, R's default): sort the values x(1) ≤ … ≤ x(n); for a probability p let "
            "h = (n − 1)·p + 1; Q(p) = x(⌊h⌋) + (h − ⌊h⌋)·(x(⌊h⌋ + 1) − x(⌊h⌋)). Median = Q(0.5); IQR = Q(0.75) − "
            "Q(0.25); Tukey's fences Q(0.25) − 1.5·IQR and Q(0.75) + 1.5·IQR.",
            "MAD = 1.4826 · median(|xᵢ − median(x)|); 1.4826 ≈ 1 / Φ⁻¹(0.75) makes it estimate the standard "
            "deviation of normal data.",
            "Skewness and kurtosis: m_k = Σ(xᵢ − x̄)^k / n; g1 = m3 / m2^(3/2), G1 = g1 · √(n(n − 1)) / (n − 2); "
            "g2 = m4 / m2² − 3, G2 = ((n + 1)·g2 + 6) · (n − 1) / ((n − 2)(n − 3)) (Joanes and Gill 1998; SAS, SPSS "
            "and Excel).",
        ]
    if categorical or ab:
        out.append(
            f"Wilson interval of a share p̂ = k / n, with z = Φ⁻¹({q:g}) = {z:.4f}: centre (p̂ + z²/(2n)) / "
            "(1 + z²/n), half-width z · √(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n) (Wilson 1927; R's prop.test with "
            "correct = FALSE)."
        )
    if compares or ab:
        out.append(
            "Welch's t-test: t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂), df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + "
            "(s₂²/n₂)²/(n₂ − 1)) (Welch–Satterthwaite); interval (x̄₁ − x̄₂) ± t(q; df) · SE. Cohen's d = "
            "(x̄₁ − x̄₂) / s_pooled, s_pooled = √(((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2))."
        )
    if correlations and numeric >= 2:
        out.append(
            "Pearson's r = Σ(xᵢ − x̄)(yᵢ − ȳ) / √(Σ(xᵢ − x̄)² · Σ(yᵢ − ȳ)²); test t = r√(n − 2) / √(1 − r²) on "
            f"n − 2 degrees of freedom; interval tanh(atanh(r) ± {z:.3f} / √(n − 3)) (Fisher's z)."
        )
    if (correlations and categorical >= 2) or compares:
        out.append(
            "Chi-square test of independence: Eᵢⱼ = (row total · column total) / n, X² = Σ(Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ on "
            "(r − 1)(c − 1) degrees of freedom. Cramér's V = √(X² / (n · (min(r, c) − 1))); edakit shows Bergsma's "
            "bias-corrected V: φ² = max(0, X²/n − (r − 1)(c − 1)/(n − 1)), r' = r − (r − 1)²/(n − 1), "
            "c' = c − (c − 1)²/(n − 1), V = √(φ² / min(r' − 1, c' − 1))."
        )
    if (correlations and numeric and categorical) or compares:
        out.append(
            "One-way ANOVA and eta²: with group sizes nᵢ, means x̄ᵢ, variances sᵢ² and grand mean x̄, "
            "SS_between = Σnᵢ(x̄ᵢ − x̄)², SS_within = Σ(nᵢ − 1)sᵢ²; F = (SS_between / (k − 1)) / (SS_within / "
            "(N − k)); eta² = SS_between / (SS_between + SS_within), eta = √eta²."
        )
    if correlations or compares or ab:
        out.append(
            "Adjusted p-values for m tests with p(1) ≤ … ≤ p(m): Holm p̃(i) = max over j ≤ i of "
            "min(1, (m − j + 1)·p(j)); Benjamini–Hochberg p̃(i) = min over j ≥ i of min(1, m·p(j) / j)."
        )
    return [Paragraph(text, tone="formula") for text in out]


# ---------------------------------------------------------------------------------------------- glossary


def glossary() -> Section:
    """One subsection per term, alphabetical, each with the id that explanations link to."""
    entries = [
        Section(anchor(t), t.title, blocks=[Paragraph(t.definition)])
        for t in sorted(TERMS, key=lambda t: t.title.casefold())
    ]
    return Section(
        GLOSSARY_ID,
        "Glossary",
        summary="The statistical terms this report uses, in plain words. A term in an explanation links here.",
        subsections=entries,
        fold=True,
    )
