"""Explanations for the hypothesis tests of `edakit.stats` (t-tests, ANOVA, rank tests, normality, variances,
proportions, chi-square, Fisher). Every sentence is built from the result's own numbers; nothing is computed.

Each explanation says what was computed on how many values, how to read the estimate and its interval, what
the p-value does and does not say, which assumptions were checked, and the caveat that matters.
"""

from __future__ import annotations

import math
from typing import Any

from edakit.config import DEFAULT_ALPHA
from edakit.explain import register, words
from edakit.explain.words import fmt_num, fmt_p, fmt_p_number, fmt_pct, level_pct, p_value_phrase, significance_vs_size
from edakit.stats.contingency import ChiSquareResult, FisherExactResult, PropTestResult
from edakit.stats.nonparametric import KruskalResult, MannWhitneyResult, ShapiroResult
from edakit.stats.parametric import CLT_N, AnovaResult, TTestResult, VarianceTestResult
from edakit.stats.result import EffectSize

ALPHA = DEFAULT_ALPHA  # results from the raw-value API carry no configuration
_NOT_PROB = "The p-value is not the probability that the null hypothesis is true."
_SIZE = "Statistical significance is not size: judge whether the effect matters from the estimate and its interval."


# ---------------------------------------------------------------------------------------------- shared pieces


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and math.isfinite(v)


def _n_phrase(n: Any) -> str:
    if isinstance(n, dict):
        parts = [f"{fmt_num(int(v))} in {k}" for k, v in n.items()]
        total = sum(int(v) for v in n.values())
        return f"{fmt_num(total)} values ({', '.join(parts)})"
    if isinstance(n, list):
        return f"{fmt_num(sum(n))} observations"
    return f"{fmt_num(int(n))} value{'s' if n != 1 else ''}" if n is not None else "no values"


def _total(n: Any) -> int:
    if isinstance(n, dict):
        return sum(int(v) for v in n.values())
    if isinstance(n, list):
        return sum(int(v) for v in n)
    return int(n or 0)


def _ci_sentence(ci: tuple[float, float] | None, conf_level: float | None, what: str, kind: str | None = None) -> str:
    """Two-sided or one-sided interval, read as a range of values compatible with the data (`kind` ONE_SIDED: the
    interval [0, U] of an estimate at its boundary 0)."""
    if ci is None or not all(isinstance(v, (int, float)) and not math.isnan(v) for v in ci):
        return ""
    if kind == words.ONE_SIDED:
        return words.interval_phrase(ci, conf_level, what, kind)
    lo, hi = ci
    pct = level_pct(conf_level)
    if math.isinf(lo) and lo < 0:
        return (
            f"The one-sided {pct} confidence bound says {what} is at most {fmt_num(hi)}; the procedure behind "
            f"it captures the true value in {pct} of samples."
        )
    if math.isinf(hi) and hi > 0:
        return (
            f"The one-sided {pct} confidence bound says {what} is at least {fmt_num(lo)}; the procedure "
            f"behind it captures the true value in {pct} of samples."
        )
    return (
        f"The {pct} confidence interval for {what} runs from {fmt_num(lo)} to {fmt_num(hi)}: these are the "
        f"values compatible with the data (the procedure captures the true value in {pct} of samples)."
    )


_LABEL_ORDER = ("negligible", "small", "medium", "large")


def label_span(effect: EffectSize | None) -> tuple[str, str] | None:
    """The smallest and largest of Cohen's labels over the effect's interval, when they differ (then the label of
    the estimate alone overstates what the data say); None otherwise or when the scale has no such labels."""
    from edakit.stats.effect_sizes import magnitude

    if effect is None or effect.ci is None or not effect.magnitude or not all(_finite(v) for v in effect.ci):
        return None
    name = effect.name.lower()
    if name.startswith(("cohen's d", "hedges", "cohen's h")):
        kind = "d"
    elif any(w in name for w in ("eta", "epsilon", "omega")):
        kind = "eta2"
    elif any(w in name for w in ("rank-biserial", "pearson", "spearman", "kendall's tau", "correlation")):
        kind = "r"
    else:
        return None
    lo, hi = effect.ci
    labels = [magnitude(lo, kind), magnitude(hi, kind)]
    if lo < 0 < hi:
        labels.append("negligible")
    ranks = sorted(_LABEL_ORDER.index(x) for x in labels if x in _LABEL_ORDER)
    if not ranks or ranks[0] == ranks[-1]:
        return None
    return _LABEL_ORDER[ranks[0]], _LABEL_ORDER[ranks[-1]]


def _effect_sentence(effect: EffectSize | None, conf_level: float | None, reading: str = "") -> str:
    if effect is None or not _finite(effect.value):
        return ""
    text = f"Effect size: {effect.name} = {fmt_num(effect.value, 3)}"
    if effect.ci is not None and effect.ci_kind == words.ONE_SIDED:
        text += f", with a one-sided {level_pct(conf_level)} upper limit of {fmt_num(effect.ci[1], 3)}"
    elif effect.ci is not None and all(isinstance(v, (int, float)) for v in effect.ci):
        lo, hi = effect.ci
        if math.isinf(lo):
            text += f" (one-sided {level_pct(conf_level)} bound: at most {fmt_num(hi, 3)})"
        elif math.isinf(hi):
            text += f" (one-sided {level_pct(conf_level)} bound: at least {fmt_num(lo, 3)})"
        else:
            text += f" ({level_pct(conf_level)} CI {fmt_num(lo, 3)} to {fmt_num(hi, 3)})"
    span = label_span(effect)
    if effect.magnitude and span:
        text += (
            f"; the estimate alone would be {effect.magnitude} by the convention of {effect.convention}, but the "
            f"interval runs from {span[0]} to {span[1]}, so the data do not pin the size down to one label"
        )
    elif effect.magnitude:
        text += f", {effect.magnitude} by the convention of {effect.convention}"
    text += "."
    if reading:
        text += " " + reading
    if effect.ci is not None and effect.magnitude and all(_finite(v) for v in effect.ci):
        lo, hi = effect.ci
        if lo < 0 < hi:
            text += " The interval includes 0, so the data do not pin down even the direction of the effect."
        elif hi - lo > 1 and effect.name.startswith(("Cohen", "Hedges")):
            text += " The interval is wide, so the size of the effect is uncertain."
    return text


def _normality_sentence(checks: list[dict[str, Any]], what: str = "the t-test") -> str:
    if not checks:
        return "Normality was not checked (it needs 3 to 5,000 values that are not all equal)."
    out = []
    for c in checks:
        name, n, p = c["sample"], c["n"], c["p_value"]
        if p < ALPHA:
            s = f"Shapiro-Wilk suggests {name} is not normally distributed ({fmt_p(p)})"
            if n >= CLT_N:
                s += f"; with {fmt_num(n)} values {what} usually stays reliable (central limit theorem)."
            else:
                s += (
                    f"; with only {fmt_num(n)} values this matters, so a rank-based test or a bootstrap "
                    "is a safer check."
                )
        else:
            s = f"Shapiro-Wilk finds no clear departure from normality in {name} ({fmt_p(p)})"
            s += ", though with so few values it has little power to detect one." if n < CLT_N else "."
        out.append(s)
    return " ".join(out)


def _p_core(p: float, null: str) -> str:
    """The p-value's definition alone, for tests of assumptions where "no effect" is the wrong word."""
    return f"{fmt_p(p)}: if {null}, data at least this extreme would turn up with probability {fmt_p_number(p)}."


def _notes_sentence(notes: list[str]) -> str:
    return " ".join(f"Note: {n}" for n in notes)


def _small_n(total: int, threshold: int = 10) -> str:
    if total < threshold:
        return (
            f"With only {fmt_num(total)} values the estimate is imprecise and the test has little power to "
            "detect anything but a large effect."
        )
    return ""


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _significance_tail(p: float, effect: EffectSize | None = None, n: Any = None, what: str = "effect") -> str:
    """The closing caveats: what the p-value is not, and (from the effect size's label) when significance and
    size disagree."""
    tail = f"{_NOT_PROB} {_SIZE}" if p < ALPHA else _NOT_PROB
    magnitude = effect.magnitude if effect is not None and _finite(effect.value) else None
    return _join(significance_vs_size(p, magnitude, _total(n) if n is not None else None, ALPHA, what), tail)


def _posthoc_sentence(rows: list[dict[str, Any]], name: str, conf_level: float | None, diff_word: str) -> str:
    if not rows:
        return ""
    flagged = [r for r in rows if r["p_adj"] < ALPHA]
    intro = (
        f"Post-hoc {name} ({len(rows)} pairwise comparison{'s' if len(rows) != 1 else ''}, adjusted for "
        "multiple testing):"
    )
    if not flagged:
        return f"{intro} no pair differs clearly (all adjusted p >= {ALPHA:g})."
    shown = sorted(flagged, key=lambda r: r["p_adj"])[:5]
    items = []
    for r in shown:
        s = f"{r['pair']} ({diff_word} {fmt_num(r['diff'], 3)}"
        if "ci" in r:
            s += f", {level_pct(conf_level)} CI {fmt_num(r['ci'][0], 3)} to {fmt_num(r['ci'][1], 3)}"
        s += f", adjusted {fmt_p(r['p_adj'])})"
        items.append(s)
    more = f" and {len(flagged) - len(shown)} more" if len(flagged) > len(shown) else ""
    return (
        f"{intro} {len(flagged)} of {len(rows)} pairs differ clearly: {'; '.join(items)}{more}. The other pairs "
        "are compatible with no difference."
    )


# ---------------------------------------------------------------------------------------------- t-test


@register(TTestResult)
def _ttest(r: TTestResult) -> str:
    d = r.details
    mu = d.get("mu", 0)
    labels = d.get("labels", ["x"])
    if r.details.get("paired"):
        what = f"a paired t-test on the {fmt_num(_total(r.n))} differences {labels[0]} - {labels[1]}"
        quantity = "the mean difference"
    elif len(labels) == 1:
        what = f"a one-sample t-test on {_n_phrase(r.n)} of {labels[0]}"
        quantity = "the mean"
    else:
        kind = "Student's" if d.get("equal_var") else "Welch's"
        what = f"{kind} two-sample t-test comparing the means of {labels[0]} and {labels[1]} on {_n_phrase(r.n)}"
        quantity = f"the difference in means ({labels[0]} - {labels[1]})"
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} ({what}): the test could not be computed.", _notes_sentence(r.notes))
    null = f"{quantity} is {fmt_num(mu)} in the population"
    est = f"{quantity.capitalize()} is {fmt_num(r.estimate)}"
    if "means" in d:
        est += " (" + ", ".join(f"mean of {k} {fmt_num(v)}" for k, v in d["means"].items()) + ")"
    est += "."
    stat = f"t = {fmt_num(r.statistic, 4)} on {fmt_num(r.df, 4)} degrees of freedom."
    ci = _ci_sentence(r.ci, r.conf_level, quantity)
    if r.ci is not None and _finite(r.ci[0]) and _finite(r.ci[1]) and r.ci[0] <= mu <= r.ci[1]:
        ci += f" It includes {fmt_num(mu)}."
    alt = ""
    if r.alternative != "two-sided":
        alt = f"The test is one-sided: it asks only whether {quantity} is {r.alternative} than {fmt_num(mu)}."
    reading = ""
    if r.effect_size is not None and len(labels) == 2 and not d.get("paired"):
        reading = "d expresses the difference in means in pooled standard deviations."
    elif r.effect_size is not None:
        reading = "d expresses the distance from the reference value in standard deviations."
    g = d.get("hedges_g")
    if isinstance(g, EffectSize):
        reading += f" Hedges' g, corrected for small-sample bias, is {fmt_num(g.value, 3)}."
    var_note = ""
    if len(labels) == 2 and not d.get("paired"):
        var_note = (
            "Student's version assumes equal variances in both groups."
            if d.get("equal_var")
            else "Welch's version does not assume equal variances."
        )
    return _join(
        f"{r.method}: {what}.",
        est,
        ci,
        stat,
        alt,
        p_value_phrase(r.p_value, ALPHA, null),
        _effect_sentence(r.effect_size, r.conf_level, reading),
        "Assumptions: independent observations"
        + (" (pairs independent of each other)" if d.get("paired") else "")
        + "; roughly normal data or large samples. "
        + _normality_sentence(d.get("assumptions", [])),
        var_note,
        _small_n(_total(r.n)),
        _significance_tail(r.p_value, r.effect_size, r.n),
        _notes_sentence(r.notes),
    )


# ---------------------------------------------------------------------------------------------- ANOVA


@register(AnovaResult)
def _anova(r: AnovaResult) -> str:
    d = r.details
    k = len(d.get("labels", []))
    what = f"comparing the means of {k} groups on {_n_phrase(r.n)}"
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} ({what}): the test could not be computed.", _notes_sentence(r.notes))
    means = ", ".join(f"{lab} {fmt_num(v)}" for lab, v in d["means"].items())
    kind = (
        "Welch's ANOVA, which does not assume equal variances"
        if d.get("welch")
        else "the classic one-way ANOVA, which assumes equal variances in all groups"
    )
    df1, df2 = r.df
    stat = f"F = {fmt_num(r.statistic, 4)} on {fmt_num(df1, 4)} and {fmt_num(df2, 4)} degrees of freedom."
    eta = r.effect_size
    omega = d.get("omega_squared")
    reading = ""
    if eta is not None and _finite(eta.value):
        reading = f"The groups account for about {fmt_pct(max(eta.value, 0.0))} of the variance in this sample"
        if isinstance(omega, EffectSize) and _finite(omega.value):
            interval = words.effect_interval(omega.ci, r.conf_level, omega.ci_kind)
            reading += (
                f"; omega² = {fmt_num(omega.value, 3)} ({omega.magnitude}{', ' + interval if interval else ''}) "
                "estimates it for the population, with less upward bias"
            )
        reading += "."
    assumptions = []
    for c in d.get("assumptions", []):
        if c["check"] == "equal variances":
            if c["p_value"] < ALPHA:
                assumptions.append(
                    f"The Brown-Forsythe test suggests the group variances differ ({fmt_p(c['p_value'])})"
                    + (
                        "; Welch's ANOVA (welch=True) does not need equal variances and is the safer choice."
                        if not d.get("welch")
                        else "; Welch's ANOVA, used here, allows for that."
                    )
                )
            else:
                assumptions.append(
                    f"The Brown-Forsythe test finds no clear difference in variances ({fmt_p(c['p_value'])})."
                )
    normal = [c for c in d.get("assumptions", []) if c["check"] == "normality"]
    if normal:
        assumptions.append(_normality_sentence(normal, "the F test"))
    return _join(
        f"{r.method}: {kind}, {what}.",
        f"Group means: {means}.",
        stat,
        p_value_phrase(r.p_value, ALPHA, "all group means are equal in the population"),
        "A small p-value says at least one mean differs, not which one or by how much; the post-hoc comparisons "
        "answer that."
        if r.p_value < ALPHA
        else "",
        _effect_sentence(eta, r.conf_level, reading),
        _posthoc_sentence(d.get("posthoc", []), d.get("posthoc_method", ""), r.conf_level, "difference"),
        "Assumptions: independent observations, roughly normal values within groups. " + " ".join(assumptions),
        _small_n(_total(r.n), 5 * max(k, 1)),
        _significance_tail(r.p_value, eta, r.n),
        _notes_sentence(r.notes),
    )


# ---------------------------------------------------------------------------------------------- variances


@register(VarianceTestResult)
def _variance(r: VarianceTestResult) -> str:
    d = r.details
    variant = d.get("variant", "Levene")
    what = f"{variant} test of equal variances across {len(d.get('labels', []))} groups on {_n_phrase(r.n)}"
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} ({what}): the test could not be computed.", _notes_sentence(r.notes))
    sds = ", ".join(f"{k} {fmt_num(v)}" for k, v in d.get("sds", {}).items() if v is not None)
    centre = "median" if d.get("center") == "median" else "mean"
    if r.p_value < ALPHA:
        advice = (
            f"That is below {ALPHA:g}: the spreads look different, so prefer methods that allow for it "
            "(Welch's t-test or Welch's ANOVA) over those that assume equal variances."
        )
    else:
        advice = (
            f"That is not below {ALPHA:g}, but it is no proof that the variances are equal, only that this "
            "sample does not show a clear difference; Welch's methods are safe either way."
        )
    return _join(
        f"{r.method}: the {what}.",
        f"It runs an ANOVA on the absolute deviations of the values from their group {centre}"
        + (
            ", which keeps it reliable for non-normal data."
            if centre == "median"
            else "; it is sensitive to non-normal data (center='median' is the robust version)."
        ),
        f"Standard deviations: {sds}." if sds else "",
        f"F = {fmt_num(r.statistic, 4)} on {fmt_num(r.df[0], 4)} and {fmt_num(r.df[1], 4)} degrees of freedom.",
        _p_core(r.p_value, "all groups have the same variance"),
        advice,
        _NOT_PROB,
        _notes_sentence(r.notes),
    )


# ---------------------------------------------------------------------------------------------- rank tests


@register(MannWhitneyResult)
def _mann_whitney(r: MannWhitneyResult) -> str:
    d = r.details
    lx, ly = d.get("labels", ["x", "y"])
    what = f"comparing {lx} and {ly} on {_n_phrase(r.n)}"
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} ({what}): the test could not be computed.", _notes_sentence(r.notes))
    how = (
        "exact p-value from the permutation distribution"
        if d.get("exact")
        else "normal approximation with tie correction" + (" and continuity correction" if d.get("correct") else "")
    )
    medians = ", ".join(f"median of {k} {fmt_num(v)}" for k, v in d.get("medians", {}).items())
    est = ""
    if r.estimate is not None:
        est = (
            f"The Hodges-Lehmann shift (the median of all differences between a value of {lx} and a value of "
            f"{ly}) is {fmt_num(r.estimate)}; {medians}."
        )
    reading = ""
    es = r.effect_size
    if es is not None and _finite(es.value):
        prob = (es.value + 1) / 2
        reading = (
            f"A randomly chosen value of {lx} exceeds one of {ly} with probability {fmt_pct(prob)} "
            "(ties counted half); 50 % would mean no tendency either way."
        )
    return _join(
        f"{r.method}: {what} ({how}).",
        f"W = {fmt_num(r.statistic)} (the number of pairs in which the {lx} value is larger, ties counting half).",
        est,
        _ci_sentence(r.ci, r.conf_level, "the shift"),
        p_value_phrase(r.p_value, ALPHA, f"values of {lx} and {ly} come from the same distribution"),
        _effect_sentence(es, r.conf_level, reading),
        "Assumptions: independent observations; no normality needed. The test compares whole distributions; it "
        "reads as a difference in medians only if both groups have the same shape and spread.",
        _small_n(_total(r.n)),
        _significance_tail(r.p_value, es, r.n),
        _notes_sentence(r.notes),
    )


@register(KruskalResult)
def _kruskal(r: KruskalResult) -> str:
    d = r.details
    k = len(d.get("labels", []))
    what = f"comparing {k} groups on {_n_phrase(r.n)}"
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} ({what}): the test could not be computed.", _notes_sentence(r.notes))
    medians = ", ".join(f"{lab} {fmt_num(v)}" for lab, v in d.get("medians", {}).items())
    reading = "It is the share of the variation in ranks that the groups account for."
    return _join(
        f"{r.method}: {what} by the ranks of the values (no normality needed).",
        f"Group medians: {medians}.",
        f"H = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degrees of freedom (tie-corrected, chi-square "
        "approximation).",
        p_value_phrase(r.p_value, ALPHA, "all groups come from the same distribution"),
        "A small p-value says at least one group tends to have larger or smaller values than another; Dunn's "
        "comparisons say which."
        if r.p_value < ALPHA
        else "",
        _effect_sentence(r.effect_size, r.conf_level, reading),
        _posthoc_sentence(d.get("posthoc", []), "Dunn tests, Holm", r.conf_level, "difference in mean ranks"),
        "Assumptions: independent observations. The test is about medians only if the groups' distributions "
        "have the same shape.",
        _small_n(_total(r.n), 5 * max(k, 1)),
        _significance_tail(r.p_value, r.effect_size, r.n),
        _notes_sentence(r.notes),
    )


@register(ShapiroResult)
def _shapiro(r: ShapiroResult) -> str:
    label = r.details.get("labels", ["x"])[0]
    if r.statistic is None or r.p_value is None:
        return _join(f"{r.method} on {label}: the test could not be computed.", _notes_sentence(r.notes))
    n = _total(r.n)
    if r.p_value < ALPHA:
        verdict = "The data are hard to reconcile with a normal distribution. " + (
            "With this many values even small, harmless departures are detected; look at a QQ plot to "
            "judge whether it matters."
            if n >= 1000
            else "Methods that assume normality (t-tests, ANOVA) may mislead with small samples; "
            "rank-based methods do not need it."
        )
    else:
        verdict = "The data show no clear departure from normality, but that is not proof of normality" + (
            f": with only {fmt_num(n)} values the test has little power."
            if n < CLT_N
            else "; look at a QQ plot as well."
        )
    return _join(
        f"{r.method} on {fmt_num(n)} values of {label}: W = {fmt_num(r.statistic, 4)} (1 means the sorted values "
        "line up perfectly with normal quantiles).",
        _p_core(r.p_value, f"{label} comes from a normal distribution"),
        verdict,
        _notes_sentence(r.notes),
    )


# ---------------------------------------------------------------------------------------------- counts


@register(PropTestResult)
def _prop(r: PropTestResult) -> str:
    d = r.details
    props = d.get("proportions", [])
    groups = ", ".join(
        f"group {i + 1}: {fmt_num(s)} of {fmt_num(t)} ({fmt_pct(p)})"
        for i, (s, t, p) in enumerate(zip(d.get("successes", []), d.get("totals", []), props, strict=False))
    )
    corr = "with Yates' continuity correction" if d.get("correct") else "without continuity correction"
    head = f"{r.method}: comparing {len(props)} proportions ({groups})."
    if r.statistic is None or r.p_value is None:
        return _join(head, _ci_sentence(r.ci, r.conf_level, "the difference in proportions"), _notes_sentence(r.notes))
    est = ""
    if r.estimate is not None:
        est = (
            f"The difference (group 1 - group 2) is {fmt_num(r.estimate)}, i.e. {fmt_num(100 * r.estimate, 3)} "
            "percentage points."
        )
    reading = ""
    if r.effect_size is not None and r.effect_size.name == "Cohen's h":
        reading = "h is the difference of the arcsine-transformed proportions, comparable across baselines."
    return _join(
        head,
        est,
        _ci_sentence(r.ci, r.conf_level, "the difference in proportions"),
        f"X-squared = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degree{'s' if r.df != 1 else ''} of freedom "
        f"({corr}).",
        p_value_phrase(r.p_value, ALPHA, "all groups have the same true proportion"),
        _effect_sentence(r.effect_size, r.conf_level, reading),
        "Assumptions: independent observations, and expected counts large enough (at least 5) for the chi-square "
        "approximation.",
        _significance_tail(r.p_value, r.effect_size, r.n, "difference"),
        _notes_sentence(r.notes),
    )


def _top_cells(d: dict[str, Any], limit: int = 3) -> str:
    res = d.get("stdres")
    if not res:
        return ""
    cells = [
        (abs(v), v, d["rows"][i], d["columns"][j], d["observed"][i][j], d["expected"][i][j])
        for i, row in enumerate(res)
        for j, v in enumerate(row)
    ]
    strong = sorted((c for c in cells if c[0] > 2), reverse=True)[:limit]
    if not strong:
        return "No cell has a standardised residual beyond ±2: no single cell stands out."
    items = [
        f"({r}, {c}): {fmt_num(o)} observed vs {fmt_num(e, 3)} expected, residual {fmt_num(v, 3)}"
        for _, v, r, c, o, e in strong
    ]
    return "Cells that depart most from independence (standardised residuals beyond ±2): " + "; ".join(items) + "."


@register(ChiSquareResult)
def _chisq(r: ChiSquareResult) -> str:
    d = r.details
    shape = f"{len(d.get('rows', []))}x{len(d.get('columns', []))}"
    head = f"{r.method}: are the rows and columns of this {shape} table of {fmt_num(r.n)} counts independent?"
    if r.statistic is None or r.p_value is None:
        return _join(head, "The test could not be computed.", _notes_sentence(r.notes))
    return _join(
        head,
        f"X-squared = {fmt_num(r.statistic, 4)} on {fmt_num(r.df)} degree{'s' if r.df != 1 else ''} of freedom, "
        "comparing each count with "
        "the count expected if the two variables were unrelated.",
        p_value_phrase(r.p_value, ALPHA, "the two variables are independent"),
        _effect_sentence(r.effect_size, r.conf_level, "V runs from 0 (no association) to 1 (perfect association)."),
        _top_cells(d) if r.p_value < ALPHA else "",
        "Assumptions: each count is an independent observation in exactly one cell, and expected counts are at "
        "least 5.",
        "An association is not causation: a third variable can create or hide it.",
        _significance_tail(r.p_value, r.effect_size, r.n, "association"),
        _notes_sentence(r.notes),
    )


@register(FisherExactResult)
def _fisher(r: FisherExactResult) -> str:
    d = r.details
    rows, cols = d.get("rows", ["row 1", "row 2"]), d.get("columns", ["column 1", "column 2"])
    named = (
        ""
        if rows[0] == "row 1" and cols[0] == "column 1"
        else f" (rows {rows[0]}, {rows[1]}; columns {cols[0]}, {cols[1]})"
    )
    head = f"{r.method} on a 2x2 table of {fmt_num(r.n)} counts{named}, exact given the table's margins."
    if r.p_value is None:
        return _join(head, "The test could not be computed.", _notes_sentence(r.notes))
    est = ""
    if r.estimate is not None and _finite(r.estimate) and r.estimate > 0:
        est = (
            f"The odds ratio (conditional maximum-likelihood estimate) is {fmt_num(r.estimate, 4)}: the odds of "
            f"{cols[0]} rather than {cols[1]} are {fmt_num(r.estimate, 3)} times as high in {rows[0]} as in "
            f"{rows[1]}; 1 would mean no association."
        )
    elif r.estimate is not None:
        est = f"The odds ratio estimate is {fmt_num(r.estimate)}, because of a zero cell; 1 would mean no association."
    alt = (
        ""
        if r.alternative == "two-sided"
        else (f"The test is one-sided: it asks only whether the odds ratio is {r.alternative} than 1.")
    )
    return _join(
        head,
        est,
        _ci_sentence(r.ci, r.conf_level, "the odds ratio"),
        alt,
        p_value_phrase(r.p_value, ALPHA, "the rows and columns are independent (odds ratio 1)"),
        "No large-sample approximation is involved, so it is valid for small counts.",
        "An association is not causation.",
        _significance_tail(r.p_value),
        _notes_sentence(r.notes),
    )
