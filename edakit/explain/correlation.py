"""Words for correlation and association results (Pearson, Spearman, Kendall, Cramér's V, eta).

Every sentence is built from the result's own numbers and notes; nothing here computes a new statistic.
"""

from __future__ import annotations

from edakit.explain import register
from edakit.explain.words import fmt_num, fmt_pct, interval_phrase, p_value_phrase
from edakit.stats.association import (
    COEFFICIENT_NAMES,
    CorrelationRatioResult,
    CorrelationResult,
    CramersVResult,
)

_SYMBOL = {"pearson": "r", "spearman": "rho", "kendall": "tau-b"}

_WHAT = {
    "pearson": (
        "Pearson's r measures linear association, from −1 to 1: how closely the points follow a straight line. "
        "A strong curved relation can still give r near 0, and a few outliers can move r a lot."
    ),
    "spearman": (
        "Spearman's rho is Pearson's r computed on the ranks, so it measures monotonic association: whether one "
        "variable tends to rise (or fall) as the other rises, not necessarily along a straight line. Being based "
        "on ranks, it is little affected by outliers."
    ),
    "kendall": (
        "Kendall's tau-b compares every pair of observations and measures monotonic association: the excess of "
        "pairs ordered the same way on both variables over pairs ordered oppositely, adjusted for ties. Its values "
        "run smaller in size than Pearson's or Spearman's for the same data."
    ),
}

_CAUSATION = (
    "Correlation alone does not show that one variable causes the other: a third variable may drive both "
    "(confounding), the causation may run the other way (reverse causation), or the pattern may come from how "
    "the rows were selected."
)


def _pairs(n: int, dropped: int, unit: str = "complete pair") -> str:
    text = f"{fmt_num(n)} {unit}{'' if n == 1 else 's'}"
    if dropped:
        text += f" ({fmt_num(dropped)} with a missing value left out)"
    return text


def _df(df: float) -> str:
    return f"{fmt_num(df)} degree{'' if df == 1 else 's'} of freedom"


def _notes(notes: list[str]) -> str:
    return ("Note: " + " ".join(notes)) if notes else ""


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def _alternative_phrase(alternative: str | None, what: str) -> str:
    if alternative == "less":
        return f"This is a one-sided test: the alternative is that the {what} is negative."
    if alternative == "greater":
        return f"This is a one-sided test: the alternative is that the {what} is positive."
    return ""


def _magnitude_phrase(magnitude: str | None, convention: str | None, noun: str) -> str:
    if magnitude is None:
        return ""
    size = "negligible (below the threshold for small)" if magnitude == "negligible" else magnitude
    return f"That is a {size} {noun} by the convention of {convention}." if convention else f"That is a {size} {noun}."


@register(CorrelationResult)
def _explain_correlation(r: CorrelationResult) -> str:
    coef = COEFFICIENT_NAMES.get(r.coefficient, r.method)
    x, y = r.x_name, r.y_name
    if r.estimate is None:
        return _join(
            [f"{coef} between {x} and {y} could not be computed ({_pairs(r.n or 0, r.n_dropped)}).", _notes(r.notes)]
        )
    est = float(r.estimate)
    sym = _SYMBOL.get(r.coefficient, "r")
    parts = [f"{r.method} between {x} and {y}, on {_pairs(r.n, r.n_dropped)}.", _WHAT.get(r.coefficient, "")]
    if est > 0:
        direction = f"The association is positive: larger values of {x} tend to go with larger values of {y}."
    elif est < 0:
        direction = f"The association is negative: larger values of {x} tend to go with smaller values of {y}."
    else:
        direction = "The estimate is exactly 0: no tendency in either direction."
    parts.append(f"{sym} = {fmt_num(est, 3)}. {direction}")
    es = r.effect_size
    if es is not None:
        parts.append(_magnitude_phrase(es.magnitude, es.convention, "correlation"))
    r2 = r.details.get("r_squared")
    if r.coefficient == "pearson" and r2 is not None:
        parts.append(
            f"r² = {fmt_num(r2, 3)}: a straight line in {x} accounts for {fmt_pct(r2)} of the variance of {y}."
        )

    if r.ci is not None:
        parts.append(interval_phrase(r.ci, r.conf_level, f"the population {sym}"))
        if r.alternative in ("less", "greater"):
            parts.append("It is a one-sided interval, matching the one-sided test.")
        lo, hi = r.ci
        if lo < 0 < hi:
            parts.append("The interval includes 0, so these data cannot tell the direction of the association.")
        if r.coefficient != "pearson":
            parts.append(
                "This interval is approximate (Fisher's z with a standard error for rank correlations); "
                "R's cor.test gives none for this method."
            )

    null = (
        "the two variables are uncorrelated in the population"
        if r.coefficient == "pearson"
        else "there is no monotonic association in the population"
    )
    parts.append(_alternative_phrase(r.alternative, "correlation"))
    parts.append(p_value_phrase(r.p_value, null=null))
    method = r.details.get("p_value_method")
    if method:
        parts.append(f"The p-value uses the {method}.")
    ties = r.details.get("ties")
    if r.coefficient == "kendall" and not ties and r.n < 50:
        parts.append(
            "With fewer than 50 pairs and no ties, R's cor.test would by default use the exact distribution, "
            "whose p-value can differ somewhat."
        )
    if r.coefficient == "spearman" and not ties and r.n < 1290:
        parts.append(
            "Without ties, R's cor.test would by default use the AS 89 algorithm, whose p-value can differ "
            "somewhat in small samples."
        )
    if r.coefficient == "pearson":
        parts.append(
            "The test and interval assume independent pairs and, in small samples, roughly normal data; "
            "a rank correlation (Spearman or Kendall) is safer when there are outliers or a curved relation."
        )
    if r.n < 10:
        parts.append(f"With only {fmt_num(r.n)} pairs the estimate is very imprecise: one point can change it a lot.")
    parts.append(_CAUSATION)
    parts.append(_notes(r.notes))
    return _join(parts)


@register(CramersVResult)
def _explain_cramers_v(r: CramersVResult) -> str:
    x, y = r.x_name, r.y_name
    nr, nc = len(r.row_labels), len(r.col_labels)
    obs = _pairs(r.n or 0, r.n_dropped, "observation")
    if r.statistic is None:
        return _join([f"The association between {x} and {y} could not be computed ({obs}).", _notes(r.notes)])
    parts = [
        f"A chi-square test of independence (without continuity correction) on the {nr} × {nc} table of {x} "
        f"by {y}, with {obs}: X² = {fmt_num(r.statistic)} on {_df(r.df)}.",
        p_value_phrase(r.p_value, null=f"{x} and {y} are independent"),
    ]
    if r.estimate is not None:
        name = "bias-corrected Cramér's V (Bergsma 2013)" if r.bias_correction else "Cramér's V"
        parts.append(
            f"The {name} is {fmt_num(r.estimate, 3)}. V measures how strongly the categories of one variable go "
            "with those of the other, from 0 (no association) to 1 (one determines the other); it has no direction."
        )
        es = r.effect_size
        if es is not None:
            parts.append(_magnitude_phrase(es.magnitude, es.convention, "association"))
        if r.bias_correction and r.v_uncorrected is not None and r.v_uncorrected > r.estimate:
            parts.append(
                f"The uncorrected V would be {fmt_num(r.v_uncorrected, 3)}; the correction removes the part that "
                "chance alone produces in a table of this size and sample."
            )
    if r.ci is not None:
        parts.append(interval_phrase(r.ci, r.conf_level, "the population V"))
        parts.append("The interval comes from inverting the noncentral chi-square distribution of X².")
    parts.append(
        "An association between categories does not show that one causes the other: other variables may explain "
        "it (confounding)."
    )
    parts.append(_notes(r.notes))
    return _join(parts)


@register(CorrelationRatioResult)
def _explain_correlation_ratio(r: CorrelationRatioResult) -> str:
    v, g = r.values_name, r.groups_name
    obs = _pairs(r.n or 0, r.n_dropped, "value")
    if r.estimate is None:
        return _join([f"The correlation ratio of {v} on {g} could not be computed ({obs}).", _notes(r.notes)])
    eta2 = float(r.eta_squared)
    df1, df2 = r.df
    parts = [
        f"The correlation ratio eta of {v} on {g}: {fmt_num(r.n_groups)} groups, {obs}.",
        f"eta² = {fmt_num(eta2, 3)}: the group means account for {fmt_pct(eta2)} of the variance of {v} "
        f"(eta = {fmt_num(r.estimate, 3)}).",
    ]
    es = r.effect_size
    if es is not None:
        parts.append(_magnitude_phrase(es.magnitude, es.convention, "effect"))
    if r.eta_squared_ci is not None:
        parts.append(interval_phrase(r.eta_squared_ci, r.conf_level, "the population eta²"))
    parts.append(
        f"A one-way analysis of variance tests whether the group means differ: "
        f"F({fmt_num(df1)}, {fmt_num(df2)}) = {fmt_num(r.statistic)}."
    )
    parts.append(p_value_phrase(r.p_value, null=f"the mean of {v} is the same in every group of {g}"))
    parts.append(
        "The F test assumes independent observations, roughly normal values within each group and equal group "
        "variances. eta says how much of the spread lies between groups, not which groups differ or why: in "
        "observational data other variables may explain the differences."
    )
    small = [k for k, size in r.group_sizes.items() if size < 5]
    if small:
        parts.append(f"{len(small)} group(s) have fewer than 5 values, so their means are imprecise.")
    parts.append(_notes(r.notes))
    return _join(parts)
