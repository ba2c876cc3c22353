"""Words for the repeated-measures correlation (`edakit.stats.rmcorr`): what it measures, why the ordinary r over
all rows misleads when the rows repeat units, and each pair's estimate, interval and p-value.

Every sentence is built from the results' own numbers; nothing here computes a new statistic.
"""

from __future__ import annotations

from edakit._format import count_of
from edakit.explain import register
from edakit.explain.words import fmt_num, fmt_p, interval_phrase, level_pct, p_value_phrase, significance_vs_size
from edakit.stats.rmcorr import RepeatedCorrelationResult, RepeatedCorrelations, RepeatedPair

ADJUST_NAMES = {"bh": "Benjamini–Hochberg", "holm": "Holm"}
REFERENCE = "Bakdash & Marusich 2017; R's rmcorr"


def _units(n: int, unit: str) -> str:
    """'50 units (Chick)': the units named by their column, not by a made-up plural."""
    return f"{count_of(n, 'unit')} ({unit})"


def _times(most: int, least: int) -> str:
    """'twice', '12 times' when every unit has as many rows; 'up to 12 times' otherwise."""
    if least != most:
        return f"up to {fmt_num(most)} times"
    return "once" if most == 1 else "twice" if most == 2 else f"{fmt_num(most)} times"


def _direction(r: RepeatedCorrelationResult) -> str:
    est = float(r.estimate)
    if est == 0:
        return "no tendency in either direction"
    other = "larger" if est > 0 else "smaller"
    return f"within a unit, larger {r.x_name} goes with {other} {r.y_name}"


@register(RepeatedCorrelationResult)
def _explain_rmcorr(r: RepeatedCorrelationResult) -> str:
    x, y, unit = r.x_name, r.y_name, r.unit_name
    head = (
        f"Repeated-measures correlation of {x} and {y} within {unit} ({REFERENCE}), on {fmt_num(r.n or 0)} complete "
        f"pairs from {_units(r.units, unit)}."
    )
    if r.estimate is None:
        return " ".join([head, *r.notes])
    parts = [
        head,
        "It measures how the two move together within each unit: every unit gets its own intercept and all "
        f"share one slope (an analysis of covariance with {unit} as a factor), so differences from one unit to "
        "another do not count; the ordinary r over all rows would count each unit many times as if its rows were "
        "independent.",
        f"r_rm = {fmt_num(r.estimate, 3)}: {_direction(r)}.",
    ]
    es = r.effect_size
    if es is not None and es.magnitude:
        parts.append(f"That is a {es.magnitude} correlation by the convention of {es.convention}.")
    if r.ci is not None:
        parts.append(interval_phrase(r.ci, r.conf_level, "the population r_rm"))
    parts.append(
        f"t = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degrees of freedom (N − k − 1: the complete pairs less "
        "one per unit and one for the slope)."
    )
    parts.append(p_value_phrase(r.p_value, null=f"{x} and {y} were unrelated within {unit}"))
    parts.append(significance_vs_size(r.p_value, es.magnitude if es else None, r.n, what="correlation"))
    parts.append(
        "It assumes the same straight-line slope in every unit, units independent of one another and, in small "
        "samples, "
        "roughly normal residuals; it does not show that one variable causes the other."
    )
    return " ".join(p for p in [*parts, *r.notes] if p)


def lead(rc: RepeatedCorrelations, overall: dict[tuple[str, str], float | None]) -> str:
    """The section's first words in a design whose rows repeat units: the repeated-measures correlations of the
    strongest pairs, and why the associations over all rows below misstate the evidence."""
    unit, times = rc.unit, _times(rc.most, rc.least)
    if rc.most <= 1:
        return f"Every unit ({unit}) has a single row here: the pairing repeats no unit among these rows."
    # one sentence first, so that a brief report (which keeps the first) still says it
    text = (
        f"The {fmt_num(rc.rows)} rows are {_units(rc.units, unit)} measured {times} each, so the associations over "
        f"all rows below count each unit {times} as if its rows were independent: their p-values and intervals are "
        "not to be trusted (for a trait that differs between units they are too optimistic), and they mix the "
        "differences between units with the association within them."
    )
    if rc.by:
        text += (
            f" {rc.by} varies within units: for how a column changes across {rc.by}, read the paired comparison, "
            f"which compares each unit with itself, not the associations with {rc.by} over all rows below."
        )
    defined = sorted((p for p in rc.pairs if p.result.estimate is not None), key=lambda p: -abs(p.result.estimate))
    if defined:
        listed = "; ".join(_short_estimate(p, rc, overall.get((p.x, p.y))) for p in defined[:3])
        text += f" Within units (the repeated-measures correlation, {REFERENCE}): {listed}."
    elif rc.pairs:
        text += " No numeric pair has a defined repeated-measures correlation within units."
    return text


def _short_estimate(p: RepeatedPair, rc: RepeatedCorrelations, overall: float | None) -> str:
    r = p.result
    level = level_pct(rc.conf_level)
    ci = f" ({level} CI {fmt_num(r.ci[0], 3)} to {fmt_num(r.ci[1], 3)})" if r.ci else ""
    adjusted = p.p_adjusted if p.p_adjusted is not None else r.p_value
    text = f"{p.label} r_rm = {fmt_num(r.estimate, 3)}{ci}, {ADJUST_NAMES.get(rc.p_adjust, rc.p_adjust)}-adjusted "
    text += fmt_p(adjusted)
    if overall is not None:
        text += f" (over all rows r = {fmt_num(overall, 3)})"
    return text


def row_note(p: RepeatedPair, rc: RepeatedCorrelations, overall: float | None, alpha: float) -> str:
    """One pair's words for the table's row notes."""
    r = p.result
    if r.estimate is None:
        return f"{p.label}: undefined. " + " ".join(r.notes[:1])
    size = r.effect_size.magnitude if r.effect_size and r.effect_size.magnitude else "negligible"
    adjusted = p.p_adjusted if p.p_adjusted is not None else r.p_value
    verdict = "" if adjusted is None or adjusted < alpha else f": compatible with no association within {rc.unit}"
    text = (
        f"{p.label} within {rc.unit}: r_rm = {fmt_num(r.estimate, 3)}, a {size} correlation ({_direction(r)}), on "
        f"{fmt_num(r.n)} complete pairs from {_units(r.units, rc.unit)} (df = {fmt_num(r.df)}); "
        f"{ADJUST_NAMES.get(rc.p_adjust, rc.p_adjust)}-adjusted {fmt_p(adjusted)}{verdict}."
    )
    if overall is not None:
        text += f" Over all {fmt_num(r.n)} rows, as if independent, Pearson's r is {fmt_num(overall, 3)}"
        gap = abs(overall - float(r.estimate))
        if overall * float(r.estimate) < 0:
            text += ", of the opposite sign: the association between units runs against the one within them."
        elif gap >= 0.1:
            text += ": the association between units differs from the one within them."
        else:
            text += "."
    return text


def methods_paragraph(rc: RepeatedCorrelations) -> str:
    """How the repeated-measures correlations were computed, and how they are adjusted."""
    unit = rc.unit
    level = level_pct(rc.conf_level)
    return (
        f"Repeated-measures correlation ({REFERENCE}; pingouin's rm_corr): for each numeric pair, the analysis of "
        f"covariance of one column on the other with {unit} as a factor (lm(y ~ {unit} + x)), on the rows where both "
        "are present. Each unit's values are centred on that unit's own means, so only the variation within "
        f"units counts: r_rm = Σ(x − x̄ᵤ)(y − ȳᵤ) / √(Σ(x − x̄ᵤ)² · Σ(y − ȳᵤ)²), on N − k − 1 degrees of freedom "
        f"(N complete pairs, k units); t = r_rm · √(df / (1 − r_rm²)); the {level} interval is Fisher's z with "
        "rmcorr's n = df, tanh(atanh(r_rm) ± z / √(df − 3)). The p-values are adjusted by "
        f"{ADJUST_NAMES.get(rc.p_adjust, rc.p_adjust)} across the {count_of(len(rc.pairs), 'pair')}. "
        "A unit with a single row adds nothing within units (but still counts in k)."
    )
