"""Explanations for A/B tests: the allocation check, each treatment-vs-control comparison, the whole test and
sample-size plans. Every sentence is built from the result's numbers; nothing is computed here.

What an A/B reader needs: the lift in the metric's own units with its interval ("between +0.4 and +2.1
percentage points"), the decision at the chosen alpha (after multiple-testing adjustment when there are several
comparisons), what a non-significant result does not mean (with the minimum detectable effect),
and the caveats specific to experiments: a broken allocation, peeking at interim results, novelty effects.
"""

from __future__ import annotations

import math
from typing import Any

from edakit.explain import register
from edakit.explain.design import ab_design_sentence
from edakit.explain.words import fmt_num, fmt_p, level_pct
from edakit.stats.ab import relative_lift_on_log_scale
from edakit.stats.ab_results import ABComparison, ABResult, CupedAdjustment, EquivalenceTest, SRMResult
from edakit.stats.multitest import METHOD_NAMES
from edakit.stats.power import SampleSizeResult

PEEKING = (
    "Decide the sample size (or the end date) before starting and read the result once, at the end: checking "
    "the p-value repeatedly while the test runs and stopping at the first p < alpha (peeking) inflates the "
    "false-positive rate far above alpha; the intervals and p-values here assume a single look."
)
NOVELTY = (
    "Early behaviour can differ from the long run: users may try a new variant because it is new (novelty "
    "effect) or resist it at first (change aversion), so an effect measured over a short window may fade or "
    "grow. Cover at least one full business cycle (e.g. whole weeks) before deciding."
)
DELTA_METHOD = (
    "Relative lifts (treatment / control − 1) carry an interval for the ratio computed on the log scale (delta "
    "method for log(treatment / control), which treats the control mean as estimated, not known), so it never "
    "goes below −100 % and is longer above than below; it is poor when the control mean is near 0, and when a "
    "mean is not above 0 the delta-method interval on the ratio itself is used instead (a note says so)."
)


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _signed(value: float, digits: int = 3) -> str:
    if value == 0:
        return "0"
    return ("+" if value > 0 else "-") + fmt_num(abs(value), digits)


def lift_text(value: float | None, kind: str, digits: int = 3) -> str:
    """An absolute lift in the metric's units: percentage points for a rate, the metric's units otherwise.

    >>> lift_text(0.0123, "binary"), lift_text(-2.5, "continuous")
    ('+1.23 percentage points', '-2.5')
    """
    if not _finite(value):
        return "undefined"
    return f"{_signed(100 * value, digits)} percentage points" if kind == "binary" else _signed(value, digits)


def interval_text(ci: tuple[float, float] | None, kind: str, digits: int = 3) -> str:
    """'between +0.4 and +2.1 percentage points' (rates) or 'between -1.2 and +3.4' (means)."""
    if ci is None or not all(_finite(v) for v in ci):
        return "with no interval (it could not be computed)"
    lo, hi = ci
    if kind == "binary":
        return f"between {_signed(100 * lo, digits)} and {_signed(100 * hi, digits)} percentage points"
    if kind == "relative":
        return f"between {_signed(100 * lo, digits)} % and {_signed(100 * hi, digits)} %"
    return f"between {_signed(lo, digits)} and {_signed(hi, digits)}"


def _level(value: float | None, kind: str) -> str:
    if not _finite(value):
        return "undefined"
    return f"{fmt_num(100 * value, 3)} %" if kind == "binary" else fmt_num(value, 4)


def _pct(value: float | None) -> str:
    return f"{fmt_num(100 * value, 3)} %" if _finite(value) else "undefined"


def _adjustment_phrase(c: ABComparison) -> str:
    if c.p_adjusted is None:
        return f"{fmt_p(c.cuped.p_value if c.cuped else c.p_value)}"
    name = METHOD_NAMES.get(c.p_adjust_method or "", c.p_adjust_method or "")
    raw = c.cuped.p_value if c.cuped else c.p_value
    return (
        f"{fmt_p(raw)} on its own, adjusted {fmt_p(c.p_adjusted).removeprefix('p ')} by the {name} method for "
        f"{c.family_size} comparisons"
    )


def decision_sentence(c: ABComparison) -> str:
    """The decision at alpha, with what a significant and a non-significant result do and do not say."""
    p = c.decision_p
    basis = "CUPED-adjusted " if c.cuped is not None else ""
    if p is None:
        return "No test could be computed for this comparison, so there is no decision."
    ci, est = (c.cuped.ci, c.cuped.estimate) if c.cuped is not None else (c.ci, c.estimate)
    if p < c.alpha:
        direction = "higher" if (est or 0) > 0 else "lower"
        text = (
            f"Decision at alpha = {c.alpha:g}: the {basis}difference is statistically significant "
            f"({_adjustment_phrase(c)}): the data indicate that {c.treatment} has a {direction} {_noun(c)} than "
            f"{c.control}, though they do not prove it."
        )
        if ci is not None and all(_finite(v) for v in ci) and not (ci[0] <= 0 <= ci[1]):
            bound = ci[0] if est > 0 else ci[1]
            text += f" The data are compatible with a lift as small as {lift_text(bound, c.kind)}"
            text += "; judge whether that would still matter." if abs(bound) < abs(est) / 3 else "."
        text += " Significance is not size, and a p-value is not the probability that the variants are equal."
        return text
    text = (
        f"Decision at alpha = {c.alpha:g}: the {basis}difference is not statistically significant "
        f"({_adjustment_phrase(c)}). This does not show that {c.treatment} and {c.control} perform the same: the "
        f"interval still includes lifts from {lift_text(ci[0], c.kind) if ci else 'undefined'} to "
        f"{lift_text(ci[1], c.kind) if ci else 'undefined'}."
    )
    mde = mde_text(c)
    if mde:
        text += (
            f" With these sample sizes the test detects {mde} (the minimum detectable effect) with "
            f"{_pct(c.target_power)} probability; smaller true effects would usually be missed, so collect more "
            "data if they would matter."
        )
    return text


def mde_text(c: ABComparison) -> str | None:
    """The minimum detectable effect without the sign of the observed lift: a true change either way.

    For a mean it is the same size up and down ('a true change of 5.31 either way'); for a rate the rise
    and the fall differ on the arcsine scale ('a true rise of 18.2 or fall of 17.5 percentage points').
    """
    if c.kind == "binary":
        up, down = c.details.get("mde_increase"), c.details.get("mde_decrease")
        sizes = [f"{word} of {fmt_num(100 * v, 3)}" for word, v in (("rise", up), ("fall", down)) if _finite(v)]
        if sizes:
            return f"a true {' or '.join(sizes)} percentage points in the rate"
    if not _finite(c.mde):
        return None
    size = fmt_num(100 * abs(c.mde), 3) + " percentage points" if c.kind == "binary" else fmt_num(abs(c.mde), 3)
    return f"a true change of {size} either way"


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _noun(c: ABComparison) -> str:
    return f"{c.metric} rate" if c.kind == "binary" else f"mean {c.metric}"


def cuped_sentence(cu: CupedAdjustment, kind: str) -> str:
    units = "binary" if kind == "binary" else "continuous"
    text = (
        f"Adjusted for the pre-period covariate {cu.covariate} (CUPED: metric − θ·(covariate − its mean), "
        f"θ = {fmt_num(cu.theta, 4)}, on {fmt_num(cu.n_treatment + cu.n_control)} rows with both values), the "
        f"lift is {lift_text(cu.estimate, units)} ({level_pct(cu.conf_level)} CI {interval_text(cu.ci, units)}, "
        f"{fmt_p(cu.p_value)}). Its standard error is the regression's ({cu.method}), so it allows for θ being "
        "estimated and for unequal variances. The covariate removed "
        f"{_pct(cu.variance_reduction)} of the metric's within-variant variance, which narrows the interval without "
        "biasing the lift, provided the covariate was measured before the assignment."
    )
    return " ".join([text, *cu.notes])


def equivalence_sentence(e: EquivalenceTest, kind: str) -> str:
    """The TOST verdict: equivalent within ±margin, or not shown to be."""
    units = "binary" if kind == "binary" else "continuous"
    margin = lift_text(e.margin, units).removeprefix("+")
    level = level_pct(1 - 2 * e.alpha)
    head = (
        f"Equivalence (two one-sided tests against a smallest lift that matters of ±{margin}): the "
        f"{level} interval of the lift is {interval_text(e.ci, units)}, p = {fmt_num(e.p_value, 3)} (the larger of "
        f"{fmt_num(e.p_lower, 3)} and {fmt_num(e.p_upper, 3)})."
    )
    if e.equivalent:
        return head + (
            f" Both one-sided tests reject at alpha = {e.alpha:g}: the lift lies within ±{margin}, so the variants "
            "can be called equivalent for this purpose; no meaningful difference, not merely no significant one."
        )
    return head + (
        f" Equivalence is not shown: the interval reaches beyond ±{margin}, so lifts that matter remain compatible "
        "with the data (a non-significant difference alone never shows equivalence)."
    )


@register(ABComparison)
def _comparison(c: ABComparison) -> str:
    k = c.kind
    what = "rate" if k == "binary" else "mean"
    parts = [
        f"{c.metric}, {c.treatment} against {c.control}: {what} {_level(c.treatment_mean, k)} "
        f"({fmt_num(c.n_treatment)} rows) against {_level(c.control_mean, k)} ({fmt_num(c.n_control)} rows)."
    ]
    if not _finite(c.estimate):
        parts.append("The lift could not be computed.")
        return " ".join(parts + [f"Note: {n}" for n in c.notes])
    rel = ""
    if _finite(c.relative_lift):
        rel = (
            f"; relative to {c.control} that is {_signed(100 * c.relative_lift)} % "
            f"({interval_text(c.relative_ci, 'relative')}, "
            f"{'log scale' if relative_lift_on_log_scale(c.treatment_mean, c.control_mean) else 'delta method'})"
        )
    parts.append(
        f"The absolute lift is {lift_text(c.estimate, k)} ({level_pct(c.conf_level)} confidence interval "
        f"{interval_text(c.ci, k)}){rel}. The interval holds the lifts compatible with the data: the procedure "
        f"captures the true lift in {level_pct(c.conf_level)} of experiments."
    )
    if c.cuped is not None:
        parts.append(cuped_sentence(c.cuped, k))
    parts.append(decision_sentence(c))
    if c.equivalence is not None:
        parts.append(equivalence_sentence(c.equivalence, k))
    sizes = [e for e in c.effect_sizes if _finite(e.value) and e.name not in ("risk difference",)]
    if sizes:
        parts.append(
            "Standardised effect sizes, for comparing across metrics: "
            + "; ".join(
                f"{e.name} = {fmt_num(e.value, 3)}"
                + (f" ({fmt_num(e.ci[0], 3)} to {fmt_num(e.ci[1], 3)})" if e.ci else "")
                for e in sizes
            )
            + ". The lift and its interval above are the effect size for the decision: no label such as "
            '"small" is attached, since a small standardised effect can be a large gain for a product.'
        )
    parts += [f"Note: {n}" for n in c.notes]
    return " ".join(parts)


@register(SRMResult)
def _srm(r: SRMResult) -> str:
    if r.p_value is None:
        return " ".join(["The allocation could not be checked.", *r.notes])
    obs = ", ".join(f"{k} {fmt_num(v)}" for k, v in r.observed.items())
    plan = " / ".join(fmt_num(100 * s, 3) for s in r.expected_share.values())
    base = (
        f"Allocation check (sample-ratio mismatch): {obs} rows against a planned split of {plan} %; chi-square "
        f"goodness-of-fit X² = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} df, {fmt_p(r.p_value)}."
    )
    if r.mismatch:
        return (
            f"SAMPLE-RATIO MISMATCH. {base} A split this far from the plan almost never happens by chance "
            f"(p < {r.threshold:g}): the assignment or the logging is broken somewhere (bucketing bug, a redirect "
            "or crash that loses users in one variant, bots filtered unevenly, a variant launched late). The "
            "variants are then no longer comparable, so the comparisons below cannot be trusted until the cause "
            "is found and fixed."
        )
    return (
        f"{base} The observed split is compatible with the plan (the check flags p < {r.threshold:g}), so there is "
        "no sign that assignment or logging lost rows unevenly. A passing check is necessary, not sufficient: it "
        "cannot show that the assignment was random or that the variants differ only in the change tested."
        + "".join(f" Note: {n}" for n in r.notes)
    )


@register(ABResult)
def _ab(r: ABResult) -> str:
    treatments = [lab for lab in r.labels if lab != r.control]
    metrics = list(r.variants)
    total = sum(r.rows.values())
    parts = [
        f"A/B test on {fmt_num(total)} rows: {len(treatments)} variant{'s' if len(treatments) != 1 else ''} "
        f"({', '.join(treatments)}) against the control {r.control}, on {len(metrics)} "
        f"metric{'s' if len(metrics) != 1 else ''} ({', '.join(metrics) or 'none analysed'})."
    ]
    if r.srm is not None and r.srm.mismatch:
        parts.append(
            f"WARNING: the allocation does not match the planned split ({fmt_p(r.srm.p_value)}); the results below "
            "cannot be trusted until the cause is found."
        )
    done = [c for c in r.comparisons if c.decision_p is not None]
    if done:
        sig = [c for c in done if c.significant]
        adj = (
            f" after {METHOD_NAMES.get(r.p_adjust, r.p_adjust)} adjustment for {len(done)} comparisons"
            if len(done) > 1
            else ""
        )
        parts.append(
            f"{len(sig)} of {len(done)} comparison{'s' if len(done) != 1 else ''} "
            f"{'is' if len(sig) == 1 else 'are'} statistically significant at alpha = {r.alpha:g}{adj}"
            + (
                ": " + "; ".join(f"{c.metric} ({c.treatment}: {lift_text(_est(c), c.kind)})" for c in sig)
                if sig
                else ""
            )
            + "."
        )
    parts.append(ab_design_sentence(r.design, r.group))
    if r.skipped:
        parts.append("Skipped: " + "; ".join(f"{k} ({v})" for k, v in r.skipped.items()) + ".")
    return " ".join(parts)


def _est(c: ABComparison) -> float:
    return c.cuped.estimate if c.cuped is not None else c.estimate


@register(SampleSizeResult)
def _sample_size(r: SampleSizeResult) -> str:
    e = r.effect_size
    if r.kind == "binary" and r.baseline is not None:
        change = (
            f"a change of the rate from {fmt_num(100 * r.baseline, 3)} % to {fmt_num(100 * (r.baseline + r.mde), 3)} %"
            f" ({lift_text(r.mde, 'binary')}, Cohen's h = {fmt_num(e.value, 3)})"
        )
    else:
        change = (
            f"a difference in means of {fmt_num(r.mde, 4)} (SD {fmt_num(r.sd, 4)}, Cohen's d = {fmt_num(e.value, 3)})"
        )
    arms = (
        f"{fmt_num(r.n_control)} per arm ({fmt_num(r.n_control + r.n_treatment)} in total)"
        if r.n_control == r.n_treatment
        else f"{fmt_num(r.n_control)} in the control and {fmt_num(r.n_treatment)} in the treatment arm"
    )
    return (
        f"To detect {change} with {_pct(r.power)} power in a two-sided test at alpha = {r.alpha:g}, you need "
        f"{arms}. Power is the chance of a significant result if the true effect is exactly that large; smaller "
        f"true effects are likely to be missed. ({r.method}.) Fix this number before starting and look at the "
        "result once it is reached."
    )
