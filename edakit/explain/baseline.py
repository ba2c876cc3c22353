"""Explain, baseline columns (`--baseline`): why the columns measured before the groups were formed are adjusted
as a family of their own, apart from the outcomes, and what their tests can and cannot say."""

from __future__ import annotations

from edakit.stats.comparison_results import ComparisonAnalysis


def baseline_paragraph(a: ComparisonAnalysis) -> str:
    """One paragraph: the two families, their sizes, and the reading of a baseline test."""
    baseline = set(a.baseline)
    outcomes = [c.label for c in a.comparisons if c.label not in baseline]
    method = "Holm" if a.p_adjust == "holm" else "Benjamini–Hochberg"
    text = (
        f"{len(a.baseline)} column(s) were measured before the groups of {a.by} were formed ({', '.join(a.baseline)}): "
        f"they describe who is in each group, not what the grouping did, so their tests form a family of their own "
        f"({method}-adjusted among themselves) and the {len(outcomes)} outcome test(s) are adjusted apart from them."
    )
    if a.design == "randomised":
        text += (
            " The groups were assigned at random, so any difference at baseline is chance by construction: these "
            "tests check the allocation rather than test a hypothesis, and a baseline difference matters by its size "
            "(it can be adjusted for), not by its p-value."
        )
    else:
        text += (
            " In an observational comparison a baseline difference is a possible confounder: the groups may differ "
            "in outcome because they differed here first."
        )
    return text
