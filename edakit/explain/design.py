"""Causal wording from the study design (`--design observational|randomised`; `edakit ab` is randomised).

Only random assignment of the groups lets a difference be attributed to them; a within-unit comparison removes
the differences between units but not what else changed between the conditions; and no balance or sample-ratio
check proves that a randomisation worked. Every section that speaks about cause takes its sentence from here.
The analysis is designed in advance too: `RULE` says which tests are primary, whatever pre-tests would say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edakit.stats.comparison_results import ComparisonAnalysis


#: The rule that fixes the tests in advance (`stats.comparisons.choose_numeric`), in the words the report uses
#: (`methods_paragraph` joins the parts that apply): Welch's test of means is primary, the rank test the pre-specified
#: sensitivity analysis; no pre-test chooses between them.
RULE = {
    "primary": (
        "the tests are fixed in advance, not chosen by a normality or variance pre-test (such a two-step choice "
        "distorts the error rates): the Welch test of means is the primary test and the rank test is the "
        "pre-specified sensitivity analysis, shown beside it. The normality and spread checks are descriptions of "
        "the data."
    ),
    "two": (
        "Two groups: Welch's t test on the full-data means and variances (R's t.test default); sensitivity "
        "analysis: the Wilcoxon–Mann–Whitney rank test."
    ),
    "k": (
        "Three or more groups: Welch's one-way ANOVA (R's oneway.test, not assuming equal variances), with "
        "Games–Howell pairwise comparisons; sensitivity analysis: the Kruskal–Wallis rank test (Dunn's pairs). The "
        "classic F test is shown for reference."
    ),
}


def design_sentence(a: ComparisonAnalysis) -> str:
    """What the design (`--design`) lets one conclude about cause: only random assignment of the groups lets a
    difference be attributed to them, and no balance check proves that the randomisation worked."""
    if a.mode == "target":  # the target is the outcome: the columns are its candidate predictors
        if a.design == "randomised":
            return (
                f"Only a column that was itself assigned at random (design: randomised) may be read as a cause of "
                f"{a.by}; its associations with the other columns are observational and do not show that any of "
                "them causes it."
            )
        return (
            f"These are observational associations (design: observational): the columns were not assigned at "
            f"random, so an association with {a.by} does not show that a column causes it; other variables may "
            "explain part of it."
        )
    if a.design == "randomised":
        return (
            f"The groups of {a.by} were assigned at random (design: randomised), so a difference in an outcome can "
            f"be attributed to {a.by}, provided the randomisation, blinding and follow-up went as planned; similar "
            "groups before treatment are consistent with that but do not prove it. Columns measured before "
            "assignment differ only by chance, so their tests check the randomisation, not an effect."
        )
    if a.pair:
        return (
            f"Comparing each unit with itself removes the differences between units, but the groups of {a.by} were "
            "not assigned at random (design: observational), so anything else that changed between them (such as "
            "the order or time of the measurements) may explain a difference. Pass --design randomised only when "
            "the groups (or their order) were assigned at random."
        )
    return (
        f"These are observational comparisons (design: observational): {a.by} was not assigned at random, so a "
        "difference between its groups need not be caused by it; other variables may differ between the groups "
        "too. Pass --design randomised when the groups were assigned at random."
    )


def ab_design_sentence(design: str, group: str) -> str:
    """What an A/B comparison's design lets one conclude: attribution to the variant only for random assignment,
    and never on the strength of the allocation check alone."""
    if design == "randomised":
        return (
            f"The variants of {group} were assigned at random (design: randomised), so a difference between them can "
            "be attributed to the variant, provided the randomisation was carried out as planned and the variants "
            "differ only in the change tested; a passing allocation check is consistent with that but does not "
            "prove it."
        )
    return (
        f"The variants of {group} were not assigned at random (design: observational), so a difference between them "
        "need not be caused by the variant: the groups may differ in other ways too, and no allocation check "
        "can rule that out."
    )
