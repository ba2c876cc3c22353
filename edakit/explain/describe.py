"""Words for descriptive statistics: one line per statistic and a paragraph per column."""

from __future__ import annotations

import math

from edakit._format import count_of, verb
from edakit.explain import register
from edakit.explain.facts import Explained
from edakit.explain.words import fmt_num, fmt_pct, level_pct
from edakit.stats.descriptive import Describe


def skew_words(g1: float | None) -> str:
    """Bulmer's (1979) rule of thumb: |G1| < 0.5 roughly symmetric, < 1 moderately, else highly skewed."""
    if g1 is None:
        return "undefined"
    side = "right (a longer tail of large values)" if g1 > 0 else "left (a longer tail of small values)"
    if abs(g1) < 0.5:
        return "roughly symmetric"
    if abs(g1) < 1:
        return f"moderately skewed to the {side}"
    return f"highly skewed to the {side}"


def kurtosis_words(g2: float | None) -> str:
    if g2 is None:
        return "undefined"
    if abs(g2) < 1:
        return "tails close to a normal distribution's"
    return (
        "heavier tails than a normal distribution (more extreme values)"
        if g2 > 0
        else ("lighter tails than a normal distribution (fewer extreme values)")
    )


def _values(n: int) -> str:
    return f"{fmt_num(n)} value" if n == 1 else f"{fmt_num(n)} values"


def _how_many(count: int, n: int, what: str) -> str:
    """'None of the values is exactly 0.' or '12 of the 344 values (3.5 %) are exactly 0.'"""
    if not count:
        return f"None of the values is {what}."
    verb = "is" if count == 1 else "are"
    return f"{fmt_num(count)} of the {_values(n)} ({fmt_pct(count / n)}) {verb} {what}."


def numeric_facts(d: Describe, rows: int) -> list[Explained]:
    """The statistics table of a numeric column, each row with a sentence built from its own numbers.

    The first sentence of each says what the number means here; later ones give the method or the caveat
    (a brief report keeps only the first).
    """
    level = level_pct(d.conf_level)
    facts = [
        Explained(
            "n (non-missing)",
            d.n,
            explanation=f"{fmt_num(d.n)} of {fmt_num(rows)} rows have a value; the statistics below use "
            + ("this value." if d.n == 1 else f"these {fmt_num(d.n)} values.")
            + (f" The {fmt_num(d.missing)} missing {'is' if d.missing == 1 else 'are'} left out." if d.missing else ""),
        ),
        Explained(
            "missing",
            d.missing,
            explanation=f"{fmt_pct(d.missing / rows if rows else 0)} of rows have no value (NaN and infinite "
            "values count as missing)."
            + (
                " If values are missing for reasons related to the values themselves, the statistics below are biased."
                if d.missing
                else ""
            ),
        ),
    ]
    if d.min is None:
        return facts
    # no mean when the sum overflowed (the note says why): the order statistics below stand
    if d.mean is not None and d.mean_ci is not None and d.sd is not None and d.sem is not None:
        lo, hi = d.mean_ci
        mean_text = (
            f"The average of the {fmt_num(d.n)} values is {fmt_num(d.mean)}, with a {level} confidence interval "
            f"from {fmt_num(lo)} to {fmt_num(hi)}. The interval comes from Student's t with {d.n - 1:,} degrees of "
            f"freedom (mean ± t · standard error): a range built this way covers the population mean in {level} "
            "of samples. It is a range for the mean, not for individual values, and it assumes the rows are "
            "independent draws from that population."
        )
        if d.n < 30 and d.skewness is not None and abs(d.skewness) >= 1:
            mean_text += f" With only {fmt_num(d.n)} values and this much skew it is only approximate."
        elif d.n < 10:
            mean_text += f" With only {fmt_num(d.n)} values it is wide and relies on the values being roughly normal."
        facts.append(Explained("mean", d.mean, d.mean_ci, mean_text))
        facts.append(
            Explained(
                "standard error",
                d.sem,
                explanation=f"The mean of another sample of {fmt_num(d.n)} would typically differ from this one by "
                f"about {fmt_num(d.sem)}: sd / √n = {fmt_num(d.sd)} / √{d.n:,}. It shrinks as n grows, unlike "
                "the standard deviation.",
            )
        )
        facts.append(
            Explained(
                "standard deviation",
                d.sd,
                explanation=f"Values typically lie about {fmt_num(d.sd)} from the mean of {fmt_num(d.mean)}. It is "
                "the square root of the variance, with divisor n − 1 (as R's sd).",
            )
        )
        facts.append(
            Explained(
                "variance",
                d.var,
                explanation=f"The square of the standard deviation ({fmt_num(d.sd)}² = {fmt_num(d.var)}), in "
                "squared units; the standard deviation is easier to read.",
            )
        )
    elif d.mean is not None:
        facts.append(
            Explained(
                "mean",
                d.mean,
                explanation=f"The average is {fmt_num(d.mean)}. "
                + (
                    "A single value gives no spread and no interval."
                    if d.n < 2
                    else "Its interval is not given: double precision lost the values' spread (see the note)."
                ),
            )
        )
    facts += [
        Explained("minimum", d.min, explanation=f"The smallest of the {_values(d.n)}."),
        Explained(
            "first quartile (Q1)",
            d.q25,
            explanation=f"About 25 % of the values are at or below {fmt_num(d.q25)}. Type-7 quantile (R's "
            "default): it interpolates between neighbouring sorted values.",
        ),
        Explained(
            "median",
            d.median,
            explanation=f"Half the values are at or below {fmt_num(d.median)} and half at or above. Unlike the mean"
            + (f" ({fmt_num(d.mean)})" if d.mean is not None else "")
            + " it is not pulled by extreme values.",
        ),
        Explained(
            "third quartile (Q3)",
            d.q75,
            explanation=f"About 75 % of the values are at or below {fmt_num(d.q75)}.",
        ),
        Explained("maximum", d.max, explanation=f"The largest of the {_values(d.n)}."),
        Explained(
            "IQR",
            d.iqr,
            explanation=f"The middle half of the values spans {fmt_num(d.iqr)} (Q3 − Q1, from {fmt_num(d.q25)} to "
            f"{fmt_num(d.q75)}). Extreme values do not move it.",
        ),
    ]
    if d.mad is not None:
        mad_text = (
            f"A spread of {fmt_num(d.mad)} that outliers barely move: 1.4826 × the median distance of the values "
            "from their median, which estimates the standard deviation when the data are normal."
        )
        if d.sd and d.mad < d.sd / 1.5:
            mad_text += (
                f" It is well below the standard deviation ({fmt_num(d.sd)}), a sign of outliers or heavy tails."
            )
        facts.append(Explained("MAD", d.mad, explanation=mad_text))
    if d.skewness is not None:
        skew_text = (
            f"{skew_words(d.skewness).capitalize()}; 0 would be symmetric. Sample skewness G1, as SAS, SPSS and "
            "Excel report it."
        )
        if d.n < 50:
            skew_text += f" With {fmt_num(d.n)} values this estimate is itself very uncertain."
        facts.append(Explained("skewness (G1)", d.skewness, explanation=skew_text))
    if d.kurtosis is not None:
        facts.append(
            Explained(
                "excess kurtosis (G2)",
                d.kurtosis,
                explanation=f"{kurtosis_words(d.kurtosis)}".capitalize() + "; 0 for a normal distribution.",
            )
        )
    facts += [
        Explained("zeros", d.zeros, explanation=_how_many(d.zeros, d.n, "exactly 0")),
        Explained("negative values", d.negatives, explanation=_how_many(d.negatives, d.n, "below 0")),
    ]
    if d.outliers is not None:
        fences = "(Tukey's fences: 1.5 × IQR beyond the quartiles)"
        lo, hi = (
            fmt_num(f) if f is None or math.isfinite(f) else f"{'−' if f < 0 else ''}1.8e308, the float limit"
            for f in (d.fence_low, d.fence_high)
        )  # a fence beyond the largest double: its arithmetic overflowed, so the limit is named instead of inf
        facts.append(
            Explained(
                "outliers (Tukey)",
                d.outliers,
                explanation=(
                    f"{count_of(d.outliers_low, 'value')} {verb(d.outliers_low, 'lies', 'lie')} below {lo} and "
                    f"{fmt_num(d.outliers_high)} above {hi} "
                    f"{fences}. An outlier is unusual, not necessarily wrong: check it before removing it."
                    if d.outliers
                    else f"No value lies below {lo} or above {hi} {fences}."
                ),
            )
        )
    return facts


def numeric_summary(name: str, d: Describe) -> str:
    """A paragraph on a numeric column's centre, spread and shape, and on which rows it was computed."""
    if not d.n or d.min is None:
        return " ".join([f"{name} has no numeric values to describe.", *d.notes])
    rows = _values(d.n)
    if d.missing:
        rows += f" ({fmt_num(d.missing)} missing left out)"
    parts = [f"{name} has {rows} from {fmt_num(d.min)} to {fmt_num(d.max)}."]
    if d.mean_ci is None and d.median is not None and d.n > 1:  # no mean or no interval: the median and quartiles stand
        parts.append(
            f"Its median is {fmt_num(d.median)}; typical values lie between {fmt_num(d.q25)} and "
            f"{fmt_num(d.q75)} (the middle half)."
        )
    if d.mean_ci is not None:
        parts.append(
            f"Its mean is {fmt_num(d.mean)} ({level_pct(d.conf_level)} CI {fmt_num(d.mean_ci[0])} to "
            f"{fmt_num(d.mean_ci[1])}) and its median {fmt_num(d.median)}; typical values lie between "
            f"{fmt_num(d.q25)} and {fmt_num(d.q75)} (the middle half)."
        )
    if d.skewness is not None:
        parts.append(f"The distribution is {skew_words(d.skewness)}.")
        if abs(d.skewness) >= 1 and d.median is not None:
            parts.append("With this much skew the median describes a typical value better than the mean.")
    if d.outliers:
        parts.append(f"{count_of(d.outliers, 'value')} {verb(d.outliers, 'lies', 'lie')} outside Tukey's fences.")
    parts += d.notes
    return " ".join(parts)


@register(Describe)
def _(d: Describe) -> str:
    return numeric_summary("The variable", d)
