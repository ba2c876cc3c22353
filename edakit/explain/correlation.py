"""Words for correlation and association results (Pearson, Spearman, Kendall, Cramér's V, eta).

Every sentence is built from the result's own numbers and notes; nothing here computes a new statistic.
"""

from __future__ import annotations

from collections.abc import Sequence

from edakit._format import count_of, verb
from edakit.explain import register
from edakit.explain.words import (
    effect_interval,
    fmt_num,
    fmt_p,
    fmt_pct,
    interval_phrase,
    level_pct,
    p_value_phrase,
    significance_vs_size,
)
from edakit.stats.association import CorrelationRatioResult, CramersVResult
from edakit.stats.correlations import COEFFICIENT_NAMES, CorrelationResult
from edakit.stats.within import WithinGroups

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
    parts.append(significance_vs_size(r.p_value, es.magnitude if es else None, r.n, what="correlation"))
    method = r.details.get("p_value_method")
    if method:
        parts.append(f"The p-value uses the {method}.")
    if r.details.get("p_value_exact"):
        parts.append("It is exact: no large-sample approximation is involved.")
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
            parts.append(significance_vs_size(r.p_value, es.magnitude, r.n, what="association"))
        if r.bias_correction and r.v_uncorrected is not None and r.v_uncorrected > r.estimate:
            parts.append(
                f"The uncorrected V would be {fmt_num(r.v_uncorrected, 3)}; the correction removes the part that "
                "chance alone produces in a table of this size and sample."
            )
    if r.ci is not None:
        parts.append(interval_phrase(r.ci, r.conf_level, "the population V", r.ci_kind))
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
        parts.append(interval_phrase(r.eta_squared_ci, r.conf_level, "the population eta²", r.ci_kind))
    parts.append(
        f"A one-way analysis of variance tests whether the group means differ: "
        f"F({fmt_num(df1)}, {fmt_num(df2)}) = {fmt_num(r.statistic)}."
    )
    parts.append(p_value_phrase(r.p_value, null=f"the mean of {v} is the same in every group of {g}"))
    parts.append(significance_vs_size(r.p_value, es.magnitude if es else None, r.n, what="difference between groups"))
    parts.append(
        "The F test assumes independent observations, roughly normal values within each group and equal group "
        "variances. eta says how much of the spread lies between groups, not which groups differ or why: in "
        "observational data other variables may explain the differences."
    )
    small = [k for k, size in r.group_sizes.items() if size < 5]
    if small:
        parts.append(
            f"{count_of(len(small), 'group')} {verb(len(small), 'has', 'have')} fewer than 5 values, so "
            f"{verb(len(small), 'its mean is', 'their means are')} imprecise."
        )
    parts.append(_notes(r.notes))
    return _join(parts)


# --------------------------------------------------------------------------------------------- report section
# Short forms for the report's "Correlations and associations" section, which screens many pairs at once.

ADJUST_NAMES = {"bh": "Benjamini–Hochberg", "holm": "Holm"}
AssociationResult = CorrelationResult | CramersVResult | CorrelationRatioResult


def measure_name(r: AssociationResult) -> str:
    """The name of a result's estimate, as a table column shows it."""
    if isinstance(r, CramersVResult):
        return "Cramér's V (bias-corrected)" if r.bias_correction else "Cramér's V"
    if isinstance(r, CorrelationRatioResult):
        return "eta"
    return COEFFICIENT_NAMES.get(r.coefficient, r.method)


def pair_label(r: AssociationResult) -> str:
    """'x × y' (for eta: values × groups)."""
    if isinstance(r, CorrelationRatioResult):
        return f"{r.values_name} × {r.groups_name}"
    return f"{r.x_name} × {r.y_name}"


def _subject(r: AssociationResult) -> str:
    if isinstance(r, CorrelationRatioResult):
        return f"{r.values_name} by {r.groups_name}"
    return f"{r.x_name} and {r.y_name}"


def _few(r: AssociationResult) -> str:
    n = r.n or 0
    return f" With only {n} rows the estimate is very imprecise." if n < 10 else ""


def _ci_short(r: AssociationResult) -> str:
    interval = effect_interval(r.ci, r.conf_level, getattr(r, "ci_kind", None))
    return f", {interval}" if interval else ""


def _adjusted_p(
    p: float | None, p_adjusted: float | None, adjust: str, alpha: float, null: str, size: str | None = None
) -> str:
    if p is None:
        return ""
    if p_adjusted is None:
        text, decisive = fmt_p(p), p
    else:
        text, decisive = f"{ADJUST_NAMES.get(adjust, adjust)}-adjusted {fmt_p(p_adjusted)}", p_adjusted
    if decisive >= alpha:
        return f"{text}: compatible with {null}."
    if size == "negligible":
        return f"{text}: statistically significant but negligible, as tiny effects are with many rows."
    return f"{text}."


def short_explanation(
    r: AssociationResult,
    p_adjusted: float | None = None,
    adjust: str = "bh",
    *,
    rank: CorrelationResult | None = None,
    alpha: float = 0.05,
) -> str:
    """One or two sentences on one pair, for a table's row notes: estimate, interval, n, size, adjusted p.

    `rank` (a Spearman result for the same numeric pair) adds whether the rank correlation tells the same story.
    """
    subject = _subject(r)
    if r.estimate is None:
        reason = " ".join(r.notes[:1]) or "not enough data."
        return f"{subject}: {measure_name(r)} is undefined. {reason}"
    es = r.effect_size
    size = "negligible" if es is None or es.magnitude is None else es.magnitude
    est = float(r.estimate)
    if isinstance(r, CorrelationResult):
        sym = _symbol(r)
        if est == 0:
            shape = "no linear tendency"
        else:
            sign, other = ("positive", "larger") if est > 0 else ("negative", "smaller")
            shape = f"a {size} {sign} correlation (larger {r.x_name} goes with {other} {r.y_name})"
            if size == "negligible":
                shape = f"a negligible {sign} correlation"
        text = f"{subject}: {sym} = {fmt_num(est, 3)}{_ci_short(r)}, on {_pairs(r.n, 0)}: {shape}; "
        text += _adjusted_p(r.p_value, p_adjusted, adjust, alpha, "no correlation", size)
        if rank is not None and rank.estimate is not None:
            rho = float(rank.estimate)
            if abs(rho - est) >= 0.1:
                text += (
                    f" Spearman's rho is {fmt_num(rho, 3)}, {'stronger' if abs(rho) > abs(est) else 'weaker'} than r: "
                    "the relation may be curved, or outliers may weigh on r."
                )
            else:
                text += f" Spearman's rho ({fmt_num(rho, 3)}) tells the same story on the ranks."
        return text + _few(r)
    if isinstance(r, CramersVResult):
        text = (
            f"{subject}: V = {fmt_num(est, 3)}{_ci_short(r)}, on {_pairs(r.n or 0, 0, 'row')} in a "
            f"{len(r.row_labels)} × {len(r.col_labels)} table: a {size} association; "
        )
        text += _adjusted_p(r.p_value, p_adjusted, adjust, alpha, "independence", size)
        if r.min_expected is not None and r.min_expected < 5:
            text += " Some expected counts are below 5, so the chi-square p-value is only approximate."
        return text + _few(r)
    eta2 = float(r.eta_squared)
    text = (
        f"{subject}: eta = {fmt_num(est, 3)}{_ci_short(r)}, on {_pairs(r.n or 0, 0, 'value')} in {r.n_groups} "
        f"groups: the group means account for {fmt_pct(eta2)} of the variance of {r.values_name}, a {size} effect; "
    )
    text += _adjusted_p(r.p_value, p_adjusted, adjust, alpha, "equal group means", size)
    if r.details.get("sd_ratio") and r.details["sd_ratio"] > 2:
        text += " The group spreads differ a lot, so the F test's p-value is doubtful."
    return text + _few(r)


def association_summary(
    strongest: Sequence[AssociationResult],
    n_tests: int,
    n_significant: int,
    adjust: str = "bh",
    alpha: float = 0.05,
) -> str:
    """The section's opening paragraph: the strongest associations in words, the caveat about screening many
    pairs, and why an association is not a cause. `strongest` holds defined results, strongest first."""
    if not strongest:
        return "No pair of columns could be measured, so there are no associations to report."
    name = ADJUST_NAMES.get(adjust, adjust)
    items = [f"{_subject(r)} ({_symbol(r)} = {fmt_num(float(r.estimate), 2)})" for r in strongest]
    listing = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    top = strongest[0]
    top_size = top.effect_size.magnitude if top.effect_size else None
    first = f"The strongest association{'s are' if len(items) > 1 else ' is'} {listing}"
    if top_size:
        first += f"; {'the first' if len(items) > 1 else 'it'} is {top_size} by the usual conventions"
        if top.ci is not None and top.ci[0] <= 0 <= top.ci[1]:
            first += ", but its interval reaches 0, so these data are also compatible with no association"
    parts = [first + "."]
    if n_tests:
        parts.append(
            f"Of the {fmt_num(n_tests)} pair{'' if n_tests == 1 else 's'} tested, {fmt_num(n_significant)} "
            f"{'has' if n_significant == 1 else 'have'} a {name}-adjusted p-value below {alpha:g}."
        )
        parts.append(_screening_caveat(n_tests, adjust, alpha))
    parts.append(
        "A small p-value says the data would be surprising if there were no association at all, not that it is "
        "strong; a large one does not show there is none. Read the strength and its interval."
    )
    parts.append(
        "And an association, however strong, does not show that one variable causes the other: a third variable "
        "may drive both (confounding), the influence may run the other way (reverse causation), or the pattern may "
        "come from how the rows were selected."
    )
    return " ".join(parts)


def _symbol(r: AssociationResult) -> str:
    if isinstance(r, CramersVResult):
        return "V"
    if isinstance(r, CorrelationRatioResult):
        return "eta"
    return _SYMBOL.get(r.coefficient, "r")


def _screening_caveat(n_tests: int, adjust: str, alpha: float) -> str:
    if adjust == "bh":
        return (
            f"Screening {fmt_num(n_tests)} pairs at once makes some small p-values turn up by chance alone, so the "
            "p-values are adjusted by Benjamini–Hochberg, the usual choice for exploratory screening: it controls "
            f"the false discovery rate, so among the pairs with adjusted p below {alpha:g} at most about "
            f"{alpha * 100:g} % are expected, on average, to be false leads. Treat them as leads to check on new "
            "data, not as findings."
        )
    return (
        f"Screening {fmt_num(n_tests)} pairs at once makes some small p-values turn up by chance alone, so the "
        f"p-values are adjusted by {ADJUST_NAMES.get(adjust, adjust)}, which keeps the chance of even one false "
        f"lead below {alpha:g}."
    )


def methods_paragraph(
    *,
    numeric: int,
    categorical: int,
    rows: int,
    rank_rows: int,
    sampled: bool,
    conf_level: float,
    rank_pairs: int,
) -> str:
    """What was computed on which rows, and how the strength scale puts three measures side by side."""
    level = level_pct(conf_level)
    parts = []
    if numeric >= 2:
        parts.append(
            f"Pairs of numeric columns: Pearson's r on every row where both values are present (each pair uses its "
            f"own complete rows; NaN and infinities count as missing), with a t test and a {level} Fisher-z interval."
        )
        if rank_pairs:
            where = (
                f"a uniform random sample of {fmt_num(rank_rows)} of the {fmt_num(rows)} rows (a seeded sample, so "
                "the numbers repeat)"
                if sampled
                else f"all {fmt_num(rows)} rows"
            )
            parts.append(
                f"Spearman's rho and Kendall's tau-b, which need ranks, are given for the {fmt_num(rank_pairs)} "
                f"numeric pair{'' if rank_pairs == 1 else 's'} in the table, from {where}."
            )
    if categorical >= 2:
        parts.append(
            "Pairs of categorical columns: a chi-square test of independence on the full cross-table, and Cramér's "
            f"V with Bergsma's bias correction and a {level} interval."
        )
    if numeric and categorical:
        parts.append(
            "A numeric column by a categorical one: the correlation ratio eta (the square root of the share of the "
            "variance that lies between group means), from each group's count, mean and variance, with the one-way "
            "analysis of variance F test."
        )
    parts.append(
        "Strength puts these on one scale from 0 (none) to 1 (perfect): |r| for two numeric columns, V for two "
        "categorical ones, eta for numeric by categorical. They measure different things (a straight-line trend, "
        "any dependence between categories, differences between group means), so compare strengths within a kind "
        "more than across kinds."
    )
    return " ".join(parts)


def too_few_columns(numeric: int, categorical: int) -> str:
    """Why a table gets no association measures."""
    return (
        "Associations need at least two usable numeric or categorical columns; this table has "
        f"{numeric} usable numeric and {categorical} usable categorical column{'' if categorical == 1 else 's'}."
    )


def top_pairs_note(shown: int, measured: int, n_tests: int) -> str:
    """What the ranked table leaves out, and that the adjustment still covers every test."""
    return (
        f"The table shows the {shown} strongest of {measured} measured pairs; the adjusted p-values account for "
        f"all {n_tests} tests."
    )


def within_paragraph(pairs: list[WithinGroups], by: str) -> str:
    """Name each reversal of sign between the overall and the within-group correlations (Simpson's paradox)."""
    reversed_ = [w for w in pairs if w.reversal]
    if not reversed_:
        return (
            f"No numeric pair changes the sign of its correlation within the levels of {by}. A correlation over all "
            f"rows can still mix differences between the levels of {by} with the relation within them: compare "
            "each level's r with the overall one."
        )
    parts = []
    for w in reversed_:
        sign = "negatively" if (w.overall or 0) < 0 else "positively"
        other = "positively" if sign == "negatively" else "negatively"
        groups = ", ".join(f"{g.group} {fmt_num(g.r, 3)}" for g in w.groups if g.r is not None)
        parts.append(
            f"{w.x} and {w.y} correlate {sign} over all rows (r = {fmt_num(w.overall, 3)}) but {other} within every "
            f"level of {by} ({groups}; pooled within-group r = {fmt_num(w.pooled, 3)})"
        )
    return (
        "Simpson's paradox: " + "; ".join(parts) + f". The levels of {by} differ in both columns, so the overall "
        f"correlation mixes the differences between levels with the relation within them; {by} confounds it. Read "
        "the within-group correlations for the relation among comparable rows."
    )
