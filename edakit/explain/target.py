"""Explain, target direction: words for a categorical target read as an outcome (`stats.target.OutcomeRates`): the
rate in each level of a predictor, the odds ratio, risk ratio and risk difference, and the Mantel–Haenszel odds
ratio stratified by the group, with Simpson's paradox named when the stratified and crude directions disagree."""

from __future__ import annotations

from edakit.explain.words import fmt_num, fmt_p, fmt_pct, level_pct
from edakit.stats.target import BinnedRates, GeneralizedCMH, MantelHaenszel, OutcomeRates


def _ci(ci: tuple[float, float] | None, digits: int = 3, pct: bool = False) -> str:
    if ci is None:
        return "no interval"
    f = (lambda v: fmt_pct(v)) if pct else (lambda v: fmt_num(v, digits))
    return f"{f(ci[0])} to {f(ci[1])}"


def rates_paragraph(o: OutcomeRates, observational: bool = True) -> str:
    """The outcome's rate in each level of the predictor, then the ratios of a two-level predictor."""
    level = level_pct(o.conf_level)
    if o.event is None:
        return (
            f"The table shows how {o.target} is distributed within each level of {o.predictor} (row shares, with "
            f"{level} Wilson intervals): rows that differ mean {o.target} depends on {o.predictor}."
        )
    k = o.event_index or 0
    parts = [f"{r.level} {fmt_pct(r.shares[k])} ({_ci(r.cis[k], pct=True)}, n = {r.n:,})" for r in o.levels]
    text = (
        f"Share with {o.target} = {o.event} in each level of {o.predictor}, with {level} Wilson intervals: "
        + "; ".join(parts)
        + "."
    )
    if o.compared is not None:
        text += " " + ratios_sentence(o)
    if observational:
        text += (
            f" These are associations in the data as observed: {o.predictor} was not assigned at random, so "
            f"other differences between its levels may explain part of the gap."
        )
    return text


def binned_paragraph(b: BinnedRates, observational: bool = True) -> str:
    """The outcome's rate in each quartile band of a numeric predictor, how the bands were cut, and the reading."""
    level = level_pct(b.conf_level)
    how = (
        f"{b.predictor} is cut at its quartiles (the full data's minimum, 25 %, 50 % and 75 % points and maximum, "
        "as R's quantile), so each band holds about a quarter of the rows"
        + (" (fewer bands where quartiles coincide)" if len(b.breaks) < 5 else "")
        + "; a band (a, b] holds the values above a up to b."
    )
    if b.event is None:
        return (
            f"{how} The table shows how {b.target} is distributed within each band (row shares, with {level} "
            f"Wilson intervals): rows that differ mean {b.target} depends on {b.predictor}."
        )
    k = b.event_index or 0
    parts = [f"{r.level} {fmt_pct(r.shares[k])} ({_ci(r.cis[k], pct=True)}, n = {r.n:,})" for r in b.bands]
    text = (
        f"Share with {b.target} = {b.event} in each quartile band of {b.predictor}, with {level} Wilson intervals: "
        + "; ".join(parts)
        + f". {how} The comparison of {b.predictor} between the levels of {b.target} follows: the same association "
        "read the other way."
    )
    if observational:
        text += f" An association, not a cause: {b.predictor} was not assigned at random."
    return text


def ratios_sentence(o: OutcomeRates) -> str:
    """The odds ratio, risk ratio and risk difference of the event, compared level vs the reference."""
    level = level_pct(o.conf_level)
    who = f"{o.compared} (vs {o.reference})"
    parts = []
    if o.odds_ratio is not None:
        parts.append(
            f"the odds of {o.target} = {o.event} are {fmt_num(o.odds_ratio, 3)} times as high for {who} "
            f"({level} CI {_ci(o.odds_ratio_ci)})"
        )
    if o.risk_ratio is not None:
        parts.append(f"the risk ratio is {fmt_num(o.risk_ratio, 3)} ({_ci(o.risk_ratio_ci)})")
    if o.risk_difference is not None:
        parts.append(
            f"the difference in rates is {fmt_num(100 * o.risk_difference, 3)} percentage points "
            f"({fmt_num(100 * o.risk_difference_ci[0], 3)} to {fmt_num(100 * o.risk_difference_ci[1], 3)}, "
            "Newcombe)"
            if o.risk_difference_ci
            else f"the difference in rates is {fmt_num(100 * o.risk_difference, 3)} percentage points"
        )
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + ". A ratio of 1 (a difference of 0) would mean the same rate in both."


def stratified_paragraph(o: OutcomeRates, mh: MantelHaenszel) -> str:
    """The Mantel–Haenszel odds ratio across the strata, each stratum's odds ratio, and a reversal named."""
    level = level_pct(o.conf_level)
    strata = "; ".join(
        f"{s.stratum} {fmt_num(s.odds_ratio, 3)}" if s.odds_ratio is not None else f"{s.stratum} undefined (a 0 cell)"
        for s in mh.strata
    )
    text = (
        f"Within each level of {mh.by}, the odds ratio of {o.target} = {o.event} for {o.compared} vs {o.reference} "
        f"is: {strata}. Combined across the {len(mh.strata)} levels (Mantel–Haenszel, as R's mantelhaen.test), the "
        f"common odds ratio is {fmt_num(mh.odds_ratio, 4)} ({level} CI {_ci(mh.ci, 4)}), against "
        f"{fmt_num(o.odds_ratio, 4)} ignoring {mh.by}; the Mantel–Haenszel test of no association within levels "
        f"gives X² = {fmt_num(mh.statistic, 4)} (1 df), {fmt_p(mh.p_value)}."
    )
    if mh.reversal:
        text += (
            f" Simpson's paradox: the association reverses direction once {mh.by} is held fixed. {mh.by} is "
            f"related to both {o.predictor} and {o.target}, so the crude comparison mixes the two; the stratified "
            "odds ratio compares like with like."
        )
    return text


def association_paragraph(o: OutcomeRates, m: GeneralizedCMH, alpha: float) -> str:
    """The generalized Cochran–Mantel–Haenszel test: what it tests, what it found, what it does not say."""
    k = len(m.strata)
    if m.statistic is None:
        return f"The association of {o.target} with {o.predictor} within the levels of {m.by} could not be tested: " + (
            " ".join(m.notes) or "the strata leave no degrees of freedom."
        )
    found = m.p_value is not None and m.p_value < alpha
    text = (
        f"Within the {k} levels of {m.by}: the generalized Cochran–Mantel–Haenszel test (as R's mantelhaen.test on "
        f"the {len(o.levels)}×{len(o.outcome_levels)}×{k} table) asks whether {o.target} is distributed differently "
        f"across the levels of {o.predictor} once {m.by} is held fixed, comparing rows only with rows of the same "
        f"level of {m.by}. M² = {fmt_num(m.statistic, 4)} on {m.df} degrees of freedom, {fmt_p(m.p_value)}"
    )
    if m.crude_statistic is not None:
        text += f"; ignoring {m.by}, the same statistic is {fmt_num(m.crude_statistic, 4)} ({fmt_p(m.crude_p_value)})"
    text += ". "
    if found:
        text += (
            f"So {o.predictor} and {o.target} remain associated within levels of {m.by}: {m.by} alone does not "
            "explain the association. "
        )
    else:
        text += (
            f"Within levels of {m.by} the data show no clear association (p ≥ {alpha:g}); that is not evidence of "
            "none. "
        )
    text += (
        "The test pools the strata, so it finds an association that goes the same way in most of them and can miss "
        "one that reverses between them; it uses no order of the levels and gives no single effect size (read the "
        "rates above for the size and direction). It assumes the rows are independent and the pooled counts large "
        "enough for the chi-squared approximation."
    )
    if m.notes:
        text += " " + " ".join(m.notes)
    return text
