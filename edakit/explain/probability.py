"""Words for the probability view: modes, entropy, distribution fits, bootstrap intervals and principal components.

Every sentence is built from the numbers of a result (`edakit.stats.modes`, `fitting`, `bootstrap`, `pca`). Fits
are described as models that describe the data more or less well, never as what the data "are". The formulas are
separate constants, shown as formula paragraphs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from edakit._format import count_of, verb
from edakit.explain import register
from edakit.explain.bootstrap import clt_words, narrow_words
from edakit.explain.facts import Explained
from edakit.explain.words import fmt_num, fmt_p, fmt_pct, level_pct
from edakit.stats.bootstrap import BootstrapResult
from edakit.stats.fitting import DistributionFit, FamilyFit, GoodnessOfFit
from edakit.stats.modes import EntropySummary, ModeSummary
from edakit.stats.pca import PCAResult

if TYPE_CHECKING:
    from edakit.model import ColumnReport

ENTROPY_FORMULA = (
    "Entropy: H = −Σᵢ pᵢ · log₂ pᵢ bits, where pᵢ = nᵢ / n is the share of level i; normalised entropy "
    "H / log₂ K for K levels (0 = one level holds every row, 1 = all K equally common); Miller–Madow bias "
    "correction H + (K − 1) / (2 n ln 2)."
)
LIKELIHOOD_FORMULA = (
    "Likelihood: ℓ(θ) = Σᵢ log f(xᵢ; θ); the maximum-likelihood estimate θ̂ maximises ℓ. "
    "AIC = 2k − 2 ℓ(θ̂) for a family with k parameters (lower is better); ΔAIC = AIC − min AIC; "
    "Akaike weight w = exp(−ΔAIC / 2) / Σ exp(−ΔAIC / 2). Standard error: se(θ̂) = √[(−∂²ℓ/∂θ²)⁻¹] at θ̂ "
    "(observed information); interval θ̂ ± z · se, or θ̂ · exp(± z · se / θ̂) for a parameter that must be positive."
)
GOF_FORMULA = (
    "Goodness of fit: D = maxₓ |Fₙ(x) − F(x; θ̂)| (Kolmogorov–Smirnov), p = (1 + #{D* ≥ D}) / (B + 1) over B samples "
    "drawn from F(·; θ̂) and re-fitted; for counts X² = Σ (O − E)² / E over cells expecting ≥ 5, compared with "
    "χ²(cells − 1 − k) and χ²(cells − 1)."
)
BOOTSTRAP_FORMULA = (
    "Bootstrap: draw n values with replacement from the n observed, compute the statistic, repeat B times; the "
    "percentile interval is [q(α/2), q(1 − α/2)] of the B statistics. Student's t-interval: "
    "x̄ ± t(n − 1, 1 − α/2) · s/√n. Median: [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] with k = qbinom(α/2, n, ½)."
)
PCA_FORMULA = (
    "PCA: Z = standardised columns (each minus its mean, divided by its standard deviation); correlation matrix "
    "R = ZᵀZ / (n − 1) = V Λ Vᵀ, with eigenvalues λ₁ ≥ … ≥ λₚ (Σ λ = p) and loadings V (unit-length columns); "
    "scores T = Z V; component j explains λⱼ / p of the total variance."
)

FAMILY_WORDS = {
    "normal": "normal (bell-shaped, symmetric)",
    "log-normal": "log-normal (its logarithm is normal: right-skewed, positive)",
    "exponential": "exponential (waiting times: most values small, a long right tail)",
    "gamma": "gamma (positive and right-skewed, from nearly exponential to nearly normal)",
    "Poisson": "Poisson (counts of independent events; variance equal to the mean)",
    "negative binomial": "negative binomial (counts more variable than a Poisson: variance mu + mu²/size)",
    "Bernoulli": "Bernoulli (a single yes/no trial)",
}
KIND_WORDS = {
    "continuous": "continuous values",
    "count": "whole-number counts",
    "binary": "0/1 values",
}


# ============================================================================================ mode and entropy


def value_text(value: Any) -> str:
    """A column value for a sentence or table cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and abs(value) < 1e15 and value == int(value):  # inf and NaN: as stored
        return str(int(value))
    return str(value)  # as stored: a mode is a value of the column (a year 2009 stays 2009)


def mode_value(mode: ModeSummary) -> str:
    """The table cell of the mode: the value(s), or why there is none."""
    if not mode.meaningful:
        if mode.count == 1 and mode.ties >= mode.n:
            return "none (all values unique)"
        if mode.ties_exact and mode.ties == mode.distinct:
            return f"none (all {mode.distinct:,} tie)"
        return "not meaningful"
    shown = ", ".join(value_text(v) for v in mode.values)
    if mode.ties > len(mode.values) or not mode.ties_exact:
        shown += ", …"
    return shown


def bin_text(mode: ModeSummary) -> str:
    if not mode.bin:
        return ""
    if mode.bin_kind == "histogram":
        return f"{fmt_num(mode.bin[0])} to {fmt_num(mode.bin[1])}"
    return f"the {mode.bin_kind} starting {mode.bin[0]}"


def mode_facts(col: ColumnReport) -> list[Explained]:
    """The mode row (and the modal-bin row of continuous data) of a column's statistics table."""
    mode = col.mode
    if mode is None:
        return []
    count, n = mode.count or 0, mode.n
    if not mode.meaningful:
        text = f"No meaningful mode: {mode.reason}."
        if mode.bin:
            text += " The modal bin below says where values are most concentrated."
    elif mode.ties == 1:
        text = (
            f"The most common value: {mode_value(mode)}, in {fmt_num(count)} of {fmt_num(n)} values "
            f"({fmt_pct(count / n)})."
        )
    else:
        lead = f"{mode.ties:,} values" if mode.ties_exact else f"At least {mode.ties:,} values"
        listed = ", ".join(value_text(v) for v in mode.values)
        text = (
            f"{lead} tie as the most common ({listed}), with {fmt_num(count)} rows each ({fmt_pct(count / n)}): the "
            "mode is not unique."
        )
        if mode.ties > len(mode.values):
            text += f" The first {len(mode.values)} in value order are listed."
    facts = [Explained("mode", _fact_value(mode), explanation=text)]
    if mode.bin:
        if mode.bin_kind == "histogram":
            low, high = mode.bin
            text = (
                f"The centre of the histogram bin holding the most values, {_exact(low)} to {_exact(high)}: "
                f"{fmt_num(mode.bin_count)} of {fmt_num(n)} values ({fmt_pct((mode.bin_count or 0) / n)}). For "
                "continuous data this is what “most common” can mean (the modal class); it moves a little with the "
                "bin width."
            )
            value: Any = (low + high) / 2
        else:
            text = (
                f"The {mode.bin_kind} with the most values: {fmt_num(mode.bin_count)} of {fmt_num(n)} "
                f"({fmt_pct((mode.bin_count or 0) / n)})."
            )
            value = str(mode.bin[0])
        if mode.bin_ties > 1:
            text += f" {mode.bin_ties} bins tie for the top count; the first is shown."
        facts.append(Explained("modal bin", value, explanation=text))
    return facts


def _fact_value(mode: ModeSummary) -> Any:
    """The mode as the statistics table shows it: a single number stays a number (its exact value on hover);
    tied whole numbers and labels are listed; tied fractional numbers show the first (the sentence lists all)."""
    if not mode.meaningful:
        return mode_value(mode)
    plain = [v for v in mode.values if not isinstance(v, float) or (math.isfinite(v) and v == int(v))]
    if mode.ties == 1 and len(mode.values) == 1:
        value = mode.values[0]
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else value_text(value)
    return mode_value(mode) if len(plain) == len(mode.values) else mode.values[0]


def _exact(value: Any) -> str:
    if isinstance(value, float) and abs(value) < 1e15 and value == int(value):  # inf and NaN: as stored
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def evenness_words(normalized: float) -> str:
    if normalized >= 1 - 1e-9:
        return "every level is exactly equally common"
    if normalized >= 0.9:
        return "the values are spread almost evenly over the levels"
    if normalized >= 0.6:
        return "the values are spread unevenly, with some levels clearly more common"
    if normalized >= 0.3:
        return "a few levels hold most of the values"
    if normalized > 0:
        return "one level holds nearly every value"
    return "one level holds every value"


def entropy_facts(col: ColumnReport) -> list[Explained]:
    """The entropy rows of a column's statistics table."""
    e = col.entropy
    if e is None:
        return []
    if e.bits is None:
        return [Explained("entropy (bits)", "not computed", explanation=f"Entropy was {e.reason}.")]
    k = e.levels
    text = (
        f"Shannon entropy of the shares of the {k:,} levels: {_bits(e.bits)}. It is the average number of "
        "yes/no questions a best strategy needs to guess a value"
        + (
            f"; {k:,} equally common levels would need log₂ {k:,} = {fmt_num(e.max_bits, 3)}."
            if k > 1
            else "; with one level there is nothing to guess."
        )
    )
    if k > 1 and e.n < 5 * k and e.miller_madow is not None:
        text += (
            f" With only {e.n:,} values for {k:,} levels the plug-in estimate is biased low; the Miller–Madow "
            f"corrected value is {_bits(e.miller_madow)}."
        )
    facts = [Explained("entropy (bits)", e.bits, explanation=text)]
    facts.append(
        Explained(
            "normalised entropy",
            e.normalized,
            explanation=(
                f"Entropy divided by its maximum, log₂ K: 0 means one level holds every value, 1 means all levels are "
                f"equally common. At {fmt_num(e.normalized, 3)}, {evenness_words(e.normalized or 0.0)}."
            ),
        )
    )
    return facts


def probability_facts(col: ColumnReport) -> list[Explained]:
    """Mode and entropy rows for `explain.report.explain_column`."""
    return mode_facts(col) + entropy_facts(col)


def entropy_summary(name: str, e: EntropySummary) -> str:
    if e.bits is None:
        return f"{name}: entropy {e.reason}."
    return (
        f"{name}: {_bits(e.bits)} over {e.levels:,} levels (normalised {fmt_num(e.normalized, 3)}): "
        f"{evenness_words(e.normalized or 0.0)}."
    )


# ============================================================================================ distribution fits


def params_text(fit: FamilyFit, digits: int = 4) -> str:
    """'meanlog = 6.176, sdlog = 0.5894'."""
    return ", ".join(f"{k} = {fmt_num(v, digits)}" for k, v in fit.params.items())


def delta_words(delta: float) -> str:
    """Burnham & Anderson (2002): ΔAIC ≤ 2 substantial support, 4–7 considerably less, > 10 essentially none."""
    if delta <= 2:
        return "practically as good"
    if delta <= 7:
        return "clearly less supported"
    if delta <= 10:
        return "much less supported"
    return "essentially without support by comparison"


def fit_summary(r: DistributionFit) -> str:
    """What was fitted and which family describes the values best, with its parameters."""
    name = r.name or "the values"
    if r.skip_reason:
        return f"No distribution was fitted to {name}: {r.skip_reason}."
    best = r.best
    where = _where(r.n, r.sampled)
    if r.kind == "binary":
        lo, hi = best.ci["prob"]
        return (
            f"{name} holds only 0 and 1 ({where}), so a Bernoulli distribution describes it exactly; the only thing to "
            f"estimate is the share of 1s: {fmt_num(best.params['prob'])} ({level_pct(r.conf_level)} Wilson interval "
            f"{fmt_num(lo)} to {fmt_num(hi)})."
        )
    fitted = [f.family for f in r.fits]
    parts = [
        f"{name} holds {KIND_WORDS[r.kind]} ({where}). Fitted by maximum likelihood: {', '.join(fitted)}. "
        f"Of these, the {FAMILY_WORDS[best.family]} has the lowest AIC, so it describes {name} best among the "
        f"families tried (Akaike weight {fmt_num(best.weight, 3)}), with {params_text(best)}."
    ]
    if len(r.fits) > 1:
        second = r.fits[1]
        parts.append(
            f"The next best, {second.family}, is {fmt_num(second.delta_aic, 3)} AIC units worse: "
            f"{delta_words(second.delta_aic)}."
        )
    if r.skipped:
        parts.append("Not fitted: " + "; ".join(f"{f} ({why})" for f, why in r.skipped.items()) + ".")
    return " ".join(parts)


def gof_words(r: DistributionFit) -> str:
    """How well the best family fits: the test, its size, its p-value and what that does and does not mean."""
    best, g = r.best, r.gof
    parts = []
    if r.kind == "count" and r.dispersion is not None:
        parts.append(dispersion_words(r))
    if g is None or best is None:
        return " ".join(parts)
    family = best.family
    if g.test.startswith("Kolmogorov"):
        subset = f" (on a random subset of {g.n:,} of the {g.subset_of:,} values)" if g.subset_of else ""
        floor = 1 / ((g.resamples or 0) + 1)
        p_text = f"p ≤ {fmt_num(floor, 2)}" if g.p_value is not None and g.p_value <= floor else fmt_p(g.p_value)
        parts.append(
            f"The cumulative distribution of {r.name or 'the values'} and that of the fitted {family} differ by at "
            f"most D = {fmt_num(g.statistic, 3)}{subset}: at worst, the share of values below some point is off by "
            f"{fmt_num(100 * g.statistic, 2)} percentage points."
        )
        if g.p_value is None:
            parts.append(f"The parametric bootstrap's p-value is {g.note}.")
            return " ".join(parts)
        parts.append(
            f"A parametric bootstrap ({g.resamples:,} samples simulated from the fitted {family}, each re-fitted, as "
            f"the parameters were) gives {p_text}."
        )
    else:
        cells = len(g.cells["labels"]) if g.cells else 0
        if g.p_value is None:
            parts.append(f"No chi-square test: {g.note}.")
            return " ".join(parts)
        parts.append(
            f"Pearson's chi-square over {cells} cells (each expecting at least 5 values) is X² = "
            f"{fmt_num(g.statistic, 4)}. Because the parameters were estimated from the raw values, its p-value lies "
            f"between {fmt_p(g.p_value)} (χ² with {g.df} df) and {fmt_p(g.p_value_upper)} "
            f"(χ² with {(g.df or 0) + best.k} df)."
        )
    parts.append(gof_reading(r, g))
    return " ".join(parts)


def gof_reading(r: DistributionFit, g: GoodnessOfFit) -> str:
    family = r.best.family
    high = g.p_value_upper if g.p_value_upper is not None else g.p_value
    if g.p_value is not None and g.p_value >= 0.05:
        return (
            f"The values are compatible with the fitted {family}: the test finds no departure larger than chance would "
            "produce. That does not show the values follow it — with few values many shapes pass — only that this "
            "model is not contradicted."
        )
    if high is not None and high < 0.05:
        text = (
            f"The values depart from the fitted {family} by more than chance alone explains: it is the best of the "
            "families tried, not a faithful description."
        )
    else:
        text = f"The evidence against the fitted {family} is borderline (the two p-values fall on either side of 0.05)."
    if g.n >= 1000:
        text += (
            f" With {g.n:,} values even small, harmless departures are detected; judge by D and the QQ plot whether "
            "they matter."
        )
    else:
        text += " The plot shows where the two disagree."
    return text


def dispersion_words(r: DistributionFit) -> str:
    d, p = r.dispersion, r.dispersion_p
    if d is None:
        return ""
    if p is not None and p < 0.05 and d > 1:
        what = "overdispersed: more variable than a Poisson allows, as when events cluster or rates vary by unit"
    elif p is not None and p < 0.05:
        what = "underdispersed: less variable than a Poisson allows, so neither count family can describe them well"
    else:
        what = "compatible with a Poisson's variance"
    return (
        f"The variance of the counts is {fmt_num(d, 3)} times their mean (a Poisson has exactly 1): {what} "
        f"(Fisher's index-of-dispersion test, {fmt_p(p)})."
    )


def fit_chart_caption(r: DistributionFit) -> tuple[str, str]:
    """(caption, alt) of the fit's chart."""
    best, name = r.best, r.name or "the values"
    if r.kind == "continuous":
        caption = (
            f"QQ plot: each point pairs a sorted value of {name} with the quantile the fitted {best.family} puts at "
            "the same rank (R's ppoints). Points on the line mean agreement; points bending away at the ends show "
            "tails heavier or lighter than the model's."
        )
        if r.chart and r.chart.get("shown", 0) + r.chart.get("beyond_float", 0) < r.chart.get("n", 0):
            caption += f" {r.chart['shown']:,} of {r.chart['n']:,} order statistics are drawn (all tail points)."
        if r.chart and r.chart.get("beyond_float"):
            caption += (
                f" {count_of(r.chart['beyond_float'], 'point')} {verb(r.chart['beyond_float'], 'is', 'are')} left "
                "out: there the fitted quantile exceeds the largest double-precision number (about 1.8e308)."
            )
        alt = f"QQ plot of {name} against the fitted {best.family} distribution."
    else:
        caption = (
            f"Observed counts of {name} per cell (bars) and the counts the fitted {best.family} expects (line); "
            "cells are merged until each expects at least 5 values, as for the chi-square test."
        )
        alt = f"Observed and expected counts of {name} under the fitted {best.family}."
    return caption, alt


@register(DistributionFit)
def _(r: DistributionFit) -> str:
    return " ".join(t for t in (fit_summary(r), gof_words(r)) if t)


# ============================================================================================ bootstrap


def agreement(r: BootstrapResult) -> float | None:
    """Largest gap between the endpoints of the bootstrap and t intervals, in units of the t half-width."""
    if not (r.mean_t_ci and r.mean_boot_ci):
        return None
    half = (r.mean_t_ci[1] - r.mean_t_ci[0]) / 2
    if half <= 0:
        return None
    return max(abs(r.mean_boot_ci[0] - r.mean_t_ci[0]), abs(r.mean_boot_ci[1] - r.mean_t_ci[1])) / half


def bootstrap_words(r: BootstrapResult) -> str:
    """The bootstrap intervals next to the classical ones, and why they agree or differ."""
    name = r.name or "the values"
    if r.mean_boot_ci is None:
        return f"No bootstrap for {name}: {' '.join(r.notes)}"
    level = level_pct(r.conf_level)
    where = f"the {r.n:,} values"
    if r.subset_of:
        where = f"a seeded random subset of {r.n:,} of the {r.subset_of:,} values"
    parts = [
        f"Bootstrap: {r.resamples:,} resamples of {where} (each {r.n:,} values drawn with replacement, seeded) show "
        f"how the mean and median would vary from sample to sample, using nothing but the data. The middle {level} of "
        f"the bootstrap means runs from {fmt_num(r.mean_boot_ci[0])} to {fmt_num(r.mean_boot_ci[1])}; Student's "
        f"t-interval, which assumes the mean's sampling distribution is normal, runs from {fmt_num(r.mean_t_ci[0])} "
        f"to {fmt_num(r.mean_t_ci[1])}."
    ]
    gap = agreement(r)
    up, down = r.mean_boot_ci[1] - r.mean, r.mean - r.mean_boot_ci[0]
    half = (r.mean_t_ci[1] - r.mean_t_ci[0]) / 2
    if gap is not None and gap <= 0.05:
        parts.append(
            f"They agree closely (endpoints within {fmt_pct(gap, 0)} of the t-interval's half-width, {fmt_num(half)})."
        )
    elif gap is not None and gap <= 0.15:
        parts.append(
            f"They nearly agree, but the bootstrap interval leans to one side: it reaches {fmt_num(up)} above the mean "
            f"and {fmt_num(down)} below it, where the t-interval reaches {fmt_num(half)} each way."
        )
    else:
        parts.append(
            f"They differ: the bootstrap interval reaches {fmt_num(up)} above the mean and {fmt_num(down)} below it, "
            f"while the t-interval is symmetric by construction ({fmt_num(half)} each way)."
        )
    parts.append(narrow_words(r))
    parts.append(clt_words(r))
    if r.median_boot_ci is not None:
        text = (
            f"For the median ({fmt_num(r.median)}) the bootstrap gives {fmt_num(r.median_boot_ci[0])} to "
            f"{fmt_num(r.median_boot_ci[1])}"
        )
        if r.median_ci is not None:
            text += (
                f"; the distribution-free interval between two order statistics gives {fmt_num(r.median_ci[0])} to "
                f"{fmt_num(r.median_ci[1])} (exact coverage {fmt_pct(r.median_ci_coverage or 0)})"
            )
        parts.append(
            text + ". The median has no t-interval: its spread depends on how densely values crowd around it, "
            "which the bootstrap reads off the data."
        )
    if r.sampled:
        parts.append("The values are the report's seeded random sample of the rows.")
    return " ".join(parts)


def bootstrap_caption(r: BootstrapResult) -> tuple[str, str]:
    level = level_pct(r.conf_level)
    caption = (
        f"The {r.resamples:,} bootstrap means of {r.name or 'the values'}, with the middle {level} (solid lines) and "
        f"Student's t-interval (dashed). The grey curve is the normal distribution the t-interval assumes "
        "(mean x̄, standard deviation s/√n): where the bars follow it, the central limit theorem has done its work."
    )
    shape = "skewed" if r.boot_skewness is not None and abs(r.boot_skewness) >= 0.2 else "roughly symmetric"
    alt = (
        f"Bootstrap distribution of the mean of {r.name or 'the values'}: {shape}, with both confidence intervals "
        "marked."
    )
    return caption, alt


@register(BootstrapResult)
def _(r: BootstrapResult) -> str:
    return bootstrap_words(r)


# ============================================================================================ PCA


def components_for(r: PCAResult, share: float = 0.8) -> int:
    """How many components reach `share` of the variance."""
    for j, c in enumerate(r.cumulative):
        if c >= share - 1e-12:
            return j + 1
    return len(r.cumulative)


def pca_summary(r: PCAResult) -> str:
    """What the eigenvalues say: how much each component carries and how many matter."""
    p = len(r.columns)
    e1, s1 = r.eigenvalues[0], r.explained[0]
    parts = [
        f"Principal component analysis turns the {p} standardised numeric columns into {p} uncorrelated components, "
        f"ordered by how much of the total variance each carries. PC1 carries {fmt_pct(s1)} (eigenvalue "
        f"{fmt_num(e1, 3)}: as much variance as {fmt_num(e1, 2)} of the original columns)"
    ]
    if len(r.eigenvalues) > 1:
        parts[-1] += (
            f", PC2 {fmt_pct(r.explained[1])} (eigenvalue {fmt_num(r.eigenvalues[1], 3)}); together "
            f"{fmt_pct(r.cumulative[1])}."
        )
    else:
        parts[-1] += "."
    k80 = components_for(r)
    kaiser = sum(e > 1 for e in r.eigenvalues)
    has = "have" if kaiser != 1 else "has"
    parts.append(
        f"{count_of(k80, 'component')} {verb(k80, 'reaches', 'reach')} 80 % of the variance; {kaiser} {has} "
        "an eigenvalue above 1 (Kaiser's rule of thumb: a component worth keeping carries more than one column's "
        "worth of variance)."
    )
    if s1 < 1.5 / p:
        parts.append(
            "No component stands out: the columns are nearly uncorrelated, so PCA cannot summarise them in fewer "
            "dimensions."
        )
    return " ".join(parts)


def loading_words(r: PCAResult, component: int, threshold: float = 0.3, most: int = 4) -> str:
    """Which columns drive a component, and how to read a high score on it."""
    loads = [(name, row[component]) for name, row in zip(r.columns, r.loadings, strict=True)]
    strong = sorted((x for x in loads if abs(x[1]) >= threshold), key=lambda x: -abs(x[1]))[:most]
    if not strong:
        strong = sorted(loads, key=lambda x: -abs(x[1]))[:2]
    pos = [f"{n} ({fmt_num(v, 2)})" for n, v in strong if v > 0]
    neg = [f"{n} ({fmt_num(v, 2)})" for n, v in strong if v < 0]
    label = f"PC{component + 1}"
    bits = []
    if pos:
        bits.append(f"positively on {_and(pos)}")
    if neg:
        bits.append(f"negatively on {_and(neg)}")
    text = f"{label} loads {' and '.join(bits)}"
    high = [n for n, v in strong if v > 0]
    low = [n for n, v in strong if v < 0]
    reading = []
    if high:
        reading.append(f"high {_and(high)}")
    if low:
        reading.append(f"low {_and(low)}")
    return f"{text}: rows with a high {label} score tend to have {' and '.join(reading)}."


def pca_loadings_words(r: PCAResult) -> str:
    parts = [
        "A loading is the weight of a standardised column in a component (the loadings of a component have squares "
        "summing to 1; ±1 would mean the component is that column alone)."
    ]
    parts += [loading_words(r, j) for j in range(min(2, len(r.eigenvalues)))]
    parts.append(
        "Components describe shared variance, not causes; a component's sign is arbitrary (here its largest loading "
        "is made positive), and standardising gives every column the same weight whatever its units."
    )
    return " ".join(parts)


def pca_methods(r: PCAResult, group: str | None, shown: int) -> str:
    where = f"{r.n:,} complete rows" + (" of the report's seeded random sample" if r.sampled else "")
    text = (
        f"Computed as R's prcomp(scale. = TRUE) does: on the {where} (rows missing any of the {len(r.columns)} "
        f"columns left out: {r.n_dropped:,}), each column centred on its mean and divided by its standard deviation, "
        "then decomposed by singular value decomposition — the eigen-decomposition of the correlation matrix."
    )
    if shown:
        text += f" The score plot shows {shown:,} rows" + (f", coloured by {group}" if group else "") + "."
    return text


@register(PCAResult)
def _(r: PCAResult) -> str:
    return pca_summary(r) + " " + pca_loadings_words(r)


# ============================================================================================ helpers


def _bits(value: float | None) -> str:
    text = fmt_num(value, 3)
    return f"{text} bit" if text == "1" else f"{text} bits"


def _where(n: int, sampled: bool) -> str:
    return f"{n:,} values" + (", from the report's seeded random sample of rows" if sampled else "")


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def is_finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)
