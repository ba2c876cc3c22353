"""Words for descriptive statistics: one line per statistic and a paragraph per column."""

from __future__ import annotations

from edakit.explain import register
from edakit.explain.words import fmt_num, fmt_pct, level_pct
from edakit.model import Explained
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


def numeric_facts(d: Describe, rows: int) -> list[Explained]:
    """The statistics table of a numeric column, each row with a sentence."""
    level = level_pct(d.conf_level)
    facts = [
        Explained("n (non-missing)", d.n, explanation=f"{fmt_num(d.n)} of {fmt_num(rows)} rows have a value."),
        Explained(
            "missing",
            d.missing,
            explanation=f"{fmt_pct(d.missing / rows if rows else 0)} of rows are "
            "missing (including any NaN or infinite values).",
        ),
    ]
    if d.mean is None:
        return facts
    if d.mean_ci is not None:
        facts.append(
            Explained(
                "mean",
                d.mean,
                d.mean_ci,
                f"The average is {fmt_num(d.mean)}. The {level} confidence interval ({fmt_num(d.mean_ci[0])} to "
                f"{fmt_num(d.mean_ci[1])}) comes from Student's t with {d.n - 1:,} degrees of freedom: a range built "
                f"this way covers the population mean in {level} of samples. It assumes the rows are independent "
                "draws; with strong skew and few rows it is only approximate.",
            )
        )
        facts.append(
            Explained(
                "standard error", d.sem, explanation="How much the mean would vary from sample to sample: sd / √n."
            )
        )
        facts.append(
            Explained(
                "standard deviation", d.sd, explanation="Typical distance of a value from the mean (divisor n − 1)."
            )
        )
        facts.append(Explained("variance", d.var, explanation="The square of the standard deviation."))
    else:
        facts.append(Explained("mean", d.mean, explanation="The average; one value gives no interval."))
    facts += [
        Explained("minimum", d.min, explanation="The smallest value."),
        Explained(
            "first quartile (Q1)",
            d.q25,
            explanation="25 % of values are at or below this (type-7 quantile, R's default).",
        ),
        Explained(
            "median",
            d.median,
            explanation="Half the values are at or below this; unlike the mean it is not pulled by extreme values.",
        ),
        Explained("third quartile (Q3)", d.q75, explanation="75 % of values are at or below this."),
        Explained("maximum", d.max, explanation="The largest value."),
        Explained("IQR", d.iqr, explanation="Q3 − Q1: the range of the middle half of the data."),
    ]
    if d.mad is not None:
        facts.append(
            Explained(
                "MAD",
                d.mad,
                explanation="Median absolute deviation × 1.4826: a spread that "
                "ignores outliers and equals the sd for normal data.",
            )
        )
    if d.skewness is not None:
        facts.append(
            Explained(
                "skewness (G1)",
                d.skewness,
                explanation=f"{skew_words(d.skewness).capitalize()}"
                " (0 is symmetric; sample skewness G1, as SAS, SPSS and Excel report it).",
            )
        )
    if d.kurtosis is not None:
        facts.append(
            Explained(
                "excess kurtosis (G2)",
                d.kurtosis,
                explanation=f"{kurtosis_words(d.kurtosis)}".capitalize() + " (0 for a normal distribution).",
            )
        )
    facts += [
        Explained("zeros", d.zeros, explanation=f"{fmt_pct(d.zeros / d.n)} of values are exactly zero."),
        Explained(
            "negative values", d.negatives, explanation=f"{fmt_pct(d.negatives / d.n)} of values are below zero."
        ),
    ]
    if d.outliers is not None:
        facts.append(
            Explained(
                "outliers (Tukey)",
                d.outliers,
                explanation=f"{fmt_num(d.outliers_low)} below {fmt_num(d.fence_low)} and {fmt_num(d.outliers_high)} "
                f"above {fmt_num(d.fence_high)} (1.5 × IQR beyond the quartiles). An outlier is unusual, not "
                "necessarily wrong: check it before removing it.",
            )
        )
    return facts


def numeric_summary(name: str, d: Describe) -> str:
    """A paragraph on a numeric column's centre, spread and shape."""
    if d.mean is None:
        return f"{name} has no numeric values to describe."
    parts = [f"{name} has {fmt_num(d.n)} values from {fmt_num(d.min)} to {fmt_num(d.max)}."]
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
        parts.append(f"{fmt_num(d.outliers)} value(s) lie outside Tukey's fences.")
    parts += d.notes
    return " ".join(parts)


@register(Describe)
def _(d: Describe) -> str:
    return numeric_summary("The variable", d)
