"""The "Distributions and probability models" section: which standard distribution describes each numeric column
best, how well, and bootstrap intervals for its centre; plus the entropy of the categorical and discrete columns.

Per numeric column (the first `MAX_COLUMNS` in table order; one subsection each): the candidate families that suit
its support, fitted by maximum likelihood and ranked by AIC, the best fit's parameters with intervals, its goodness
of fit with a QQ plot (continuous) or observed-versus-expected counts (counts), and bootstrap percentile intervals
for the mean and median next to the t-interval and the order-statistic interval, with the histogram of the
bootstrap means. Fits and bootstrap use the profile's seeded sample of rows (every row when the table is small) and
are bounded in work (`stats.fitting.GOF_MAX_N`, `stats.bootstrap.BOOT_MAX_N` and `BOOT_RESAMPLES`). Entropy and modes
come from the column reports (exact, full data).

The analysis is `edakit.stats.distributions.analyse` (fits in `stats.fitting`, their KS tests in `stats.gof`,
bootstraps in `stats.bootstrap`; none imports scipy.stats). The section has no engine work (it reads the profile's
sample), so it has no `gather`: `build` starts with the other builders, runs the analysis (its fits and bootstraps
on two threads), leaves its `DistributionAnalysis` in `ctx.results["distributions"]` and lays out the section.
"""

from __future__ import annotations

import re
from typing import Any

from edakit.explain import probability as words
from edakit.explain.words import fmt_num, fmt_p, level_pct
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats import distributions as analysis
from edakit.stats.bootstrap import BOOT_MAX_N, BootstrapResult
from edakit.stats.fitting import GOF_MAX_N, DistributionFit

SECTION_ID = "distributions"
TITLE = "Distributions and probability models"
MAX_COLUMNS = 30


def _columns(ctx: AnalysisContext) -> tuple[list[str], list[str], list[str]]:
    """The numeric columns fitted (the first MAX_COLUMNS, years aside), those left out, and the years."""
    skipped = {c.name: c.skipped for c in ctx.columns if getattr(c, "skipped", None)}
    # years (schema kind "year") are times, not quantities: no distribution is fitted to them
    numeric = [c.name for c in ctx.schema.columns if c.role == "numeric" and c.kind != "year" and c.name not in skipped]
    years = [c.name for c in ctx.schema.columns if c.role == "numeric" and c.kind == "year"]
    return numeric[:MAX_COLUMNS], numeric[MAX_COLUMNS:], years


def _sampled_values(ctx: AnalysisContext, numeric: list[str]) -> dict[str, Any]:
    """The profile's seeded sample of each fitted column that it holds."""
    sample = ctx.summary.sample
    return {name: sample[name] for name in numeric if name in getattr(sample, "columns", [])}


def build(ctx: AnalysisContext) -> list[Section]:
    """The section for `ctx`, or [] when the table has neither numeric nor categorical/discrete columns."""
    conf, seed = ctx.config.conf_level, ctx.config.seed
    sampled = bool(ctx.summary.sampled)
    numeric, left_out, years = _columns(ctx)
    notes = []
    if years:
        notes.append(f"Years are times, not quantities, so no distribution is fitted to them: {', '.join(years)}.")
    if left_out:
        notes.append(
            f"Only the first {MAX_COLUMNS} numeric columns are fitted, to bound the work; left out: "
            f"{', '.join(left_out)}."
        )
    charted = _charted(ctx)
    if any(name not in charted for name in numeric):
        notes.append(
            f"Charts are drawn for the columns among the first {ctx.config.max_charted_columns} of the table only "
            "(--max-charts); the others get their tables and words."
        )
    values = _sampled_values(ctx, numeric)
    missing = [name for name in numeric if name not in values]
    notes += [f"{name}: no sampled values to fit." for name in missing]
    result = analysis.analyse(
        values,
        conf_level=conf,
        seed=seed,
        sampled=sampled,
        left_out=left_out,
        no_values=missing,
        counts={c.name for c in ctx.schema.columns if c.kind == "count"},
    )
    if numeric:
        ctx.results["distributions"] = result
    overview = [(c.fit, c.bootstrap) for c in result]
    subsections = [
        column_section(numeric.index(c.column), c.column, c.fit, c.bootstrap, charts=c.column in charted)
        for c in result
    ]
    entropy_cols = [c for c in ctx.columns if getattr(c, "entropy", None) is not None and not c.skipped]
    if not subsections and not entropy_cols:
        return []
    blocks: list[Any] = [Paragraph(methods_paragraph(len(subsections), ctx.summary, conf), tone="method")]
    if overview:
        blocks += [
            Paragraph(words.LIKELIHOOD_FORMULA, tone="formula"),
            Paragraph(words.GOF_FORMULA, tone="formula"),
            Paragraph(words.BOOTSTRAP_FORMULA, tone="formula"),
            overview_table(overview, conf),
        ]
    if entropy_cols:
        blocks += [entropy_table(entropy_cols), Paragraph(words.ENTROPY_FORMULA, tone="formula")]
    return [
        Section(
            SECTION_ID,
            TITLE,
            summary=section_summary(overview, entropy_cols),
            blocks=blocks,
            subsections=subsections,
            notes=notes,
        )
    ]


def methods_paragraph(fitted: int, summary: Any, conf: float) -> str:
    rows, size = summary.rows, min(summary.sample_size, summary.rows)
    where = f"a seeded random sample of {size:,} of the {rows:,} rows" if summary.sampled else f"all {rows:,} rows"
    lead = "The numeric column below is" if fitted == 1 else f"Each of the {fitted:,} numeric columns below is"
    text = (
        f"{lead} compared with the standard families that suit its values "
        "— normal, log-normal, exponential and gamma for continuous values (the last three only for positive ones), "
        "Poisson and negative binomial for whole-number counts, Bernoulli for 0/1 — fitted by maximum likelihood "
        f"and ranked by AIC, on {where}. Intervals are {level_pct(conf)}. A fit names the model that describes the "
        "values best among those tried and says how well; it does not say the values were generated by it."
    )
    cap = min(GOF_MAX_N, BOOT_MAX_N)
    if rows > cap:
        text += (
            f" To bound the work, the goodness-of-fit test and the bootstrap of a column with more than {cap:,} values "
            f"use a seeded random subset of {cap:,} of them; the fits use all of them."
        )
    if not fitted:
        text = "No numeric column to fit. The entropy of the categorical and discrete columns follows."
    return text


def section_summary(overview: list[tuple[DistributionFit, BootstrapResult]], entropy_cols: list[Any]) -> str:
    parts = []
    fitted = [(f, b) for f, b in overview if f.best is not None]
    if fitted:
        best = "; ".join(f"{f.name}: {f.best.family}" for f, _ in fitted[:6])
        more = f" (and {len(fitted) - 6} more)" if len(fitted) > 6 else ""
        parts.append(f"Best-fitting families by AIC — {best}{more}.")
        poor = [f.name for f, _ in fitted if _poor(f)]
        if poor:
            parts.append(f"Even the best family departs clearly from the data for {words._and(poor[:6])}.")
        differ = [b.name for _, b in fitted if (words.agreement(b) or 0) > 0.15]
        if differ:
            parts.append(
                f"Bootstrap and t-intervals for the mean differ noticeably for {words._and(differ[:6])} (skewed)."
            )
    computed = [c for c in entropy_cols if c.entropy.bits is not None and c.entropy.levels > 1]
    if len(computed) == 1:
        parts.append(words.entropy_summary(computed[0].name, computed[0].entropy))
    elif computed:
        low = min(computed, key=lambda c: c.entropy.normalized)
        high = max(computed, key=lambda c: c.entropy.normalized)
        if low.entropy.normalized == high.entropy.normalized:  # a tie (every level equally common in each)
            parts.append(f"Normalised entropy is {fmt_num(low.entropy.normalized, 3)} in every column measured.")
        else:
            parts.append(
                f"Normalised entropy runs from {fmt_num(low.entropy.normalized, 3)} ({low.name}, the most "
                f"concentrated) to {fmt_num(high.entropy.normalized, 3)} ({high.name}, the most even)."
            )
    return " ".join(parts)


def _poor(fit: DistributionFit) -> bool:
    g = fit.gof
    if g is None or g.p_value is None:
        return False
    high = g.p_value_upper if g.p_value_upper is not None else g.p_value
    return high < 0.05


# --------------------------------------------------------------------------------------------- blocks


def _charted(ctx: AnalysisContext) -> set[str]:
    """The columns that get charts: the first `max_charted_columns` of the table, as in the column profiles."""
    limit = getattr(ctx.config, "max_charted_columns", None)
    names = [c.name for c in ctx.schema.columns]
    return set(names if limit is None else names[:limit])


def column_section(index: int, name: str, fit: DistributionFit, boot: BootstrapResult, charts: bool = True) -> Section:
    """One numeric column: fit table, best-fit parameters, goodness of fit and chart, bootstrap."""
    blocks: list[Any] = [Paragraph(words.fit_summary(fit))]
    notes = []
    if fit.best is not None:
        blocks.append(_folded(families_table(fit)))
        blocks.append(_folded(parameters_table(fit)))
        gof = words.gof_words(fit)
        if gof:
            blocks.append(Paragraph(gof, fold=True))
        if fit.chart and charts:
            caption, alt = words.fit_chart_caption(fit)
            kind = "qq" if fit.kind == "continuous" else "fit_counts"
            blocks.append(ChartBlock(kind=kind, data=fit.chart, caption=caption, alt=alt))
    blocks.append(Paragraph(words.bootstrap_words(boot), fold=True))  # the fit is the result; the bootstrap its check
    if boot.mean_boot_ci is not None:
        blocks.append(_folded(bootstrap_table(boot)))
        if charts:
            caption, alt = words.bootstrap_caption(boot)
            blocks.append(ChartBlock(kind="bootstrap", data=boot.histogram, caption=caption, alt=alt, fold=True))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "column"
    return Section(f"{SECTION_ID}-{index + 1}-{slug}", f"Distribution of {name}", blocks=blocks, notes=notes)


def _folded(table: TableBlock) -> TableBlock:
    """`table`, one click away (a reference table: the result's words and chart stay in view)."""
    table.fold = True
    return table


def families_table(fit: DistributionFit) -> TableBlock:
    rows = [[f.family, words.params_text(f), f.loglik, f.k, f.aic, f.delta_aic, f.weight] for f in fit.fits]
    columns = [
        TableColumn("Family", "text"),
        TableColumn("Parameters (MLE)", "text", "maximum-likelihood estimates, in R's fitdistr parameterisation"),
        TableColumn("log-likelihood", "num", "ℓ(θ̂) = Σ log f(x; θ̂): higher is better"),
        TableColumn("k", "int", "number of fitted parameters"),
        TableColumn("AIC", "num", "2k − 2ℓ: lower is better"),
        TableColumn("ΔAIC", "num", "AIC minus the lowest AIC"),
        TableColumn("Akaike weight", "pct", "relative support among the families fitted"),
    ]
    caption = f"Families fitted to {fit.name}, best (lowest AIC) first"
    notes = [f"{family}: not fitted — {why}." for family, why in fit.skipped.items()]
    return TableBlock(caption=caption, columns=columns, rows=rows, row_notes=notes)


def parameters_table(fit: DistributionFit) -> TableBlock:
    best = fit.best
    level = level_pct(fit.conf_level)
    method = (
        "Wilson score interval"
        if best.family == "Bernoulli"
        else "Wald interval from the observed information (log scale for positive parameters)"
    )
    rows = [[k, v, best.se[k], list(best.ci[k])] for k, v in best.params.items()]
    columns = [
        TableColumn("Parameter", "text"),
        TableColumn("Estimate", "num"),
        TableColumn("Standard error", "num", "from the observed information (inverse Hessian of ℓ)"),
        TableColumn(f"{level} CI", "ci", method),
    ]
    return TableBlock(caption=f"Parameters of the best fit ({best.family})", columns=columns, rows=rows)


def bootstrap_table(b: BootstrapResult) -> TableBlock:
    level = level_pct(b.conf_level)
    rows = [
        ["mean", b.mean, list(b.mean_t_ci) if b.mean_t_ci else None, list(b.mean_boot_ci), b.mean_se, b.mean_boot_se],
        [
            "median",
            b.median,
            list(b.median_ci) if b.median_ci else None,
            list(b.median_boot_ci) if b.median_boot_ci else None,
            None,
            b.median_boot_se,
        ],
    ]
    columns = [
        TableColumn("Statistic", "text"),
        TableColumn("Estimate", "num"),
        TableColumn(f"{level} classical CI", "ci", "mean: Student's t; median: order statistics (distribution-free)"),
        TableColumn(f"{level} bootstrap CI", "ci", f"percentile interval of {b.resamples:,} resamples"),
        TableColumn("SE (s/√n)", "num", "the standard error the t-interval uses"),
        TableColumn("Bootstrap SE", "num", "standard deviation of the bootstrap estimates"),
    ]
    return TableBlock(caption=f"Intervals for the centre of {b.name}", columns=columns, rows=rows)


def overview_table(overview: list[tuple[DistributionFit, BootstrapResult]], conf: float) -> TableBlock:
    rows = []
    for fit, boot in overview:
        if fit.best is None:
            rows.append([fit.name, "—", "skipped", fit.skip_reason, None, "—", _agree_text(boot)])
            continue
        rows.append(
            [
                fit.name,
                words.KIND_WORDS.get(fit.kind, fit.kind),
                fit.best.family,
                words.params_text(fit.best),
                fit.best.weight,
                _gof_text(fit),
                _agree_text(boot),
            ]
        )
    columns = [
        TableColumn("Column", "text"),
        TableColumn("Values", "text"),
        TableColumn("Best family (AIC)", "text"),
        TableColumn("Parameters", "text"),
        TableColumn("Akaike weight", "pct"),
        TableColumn("Goodness of fit", "text", "KS distance D with bootstrap p (continuous); chi-square (counts)"),
        TableColumn("Mean: bootstrap vs t", "text", "whether the bootstrap and t-intervals for the mean agree"),
    ]
    return TableBlock(caption="Best fit per numeric column", columns=columns, rows=rows)


def _gof_text(fit: DistributionFit) -> str:
    g = fit.gof
    if g is None:
        return "exact (0/1)" if fit.kind == "binary" else "—"
    if g.test.startswith("Kolmogorov"):
        floor = 1 / ((g.resamples or 0) + 1)
        p = f"p ≤ {fmt_num(floor, 2)}" if g.p_value is not None and g.p_value <= floor else fmt_p(g.p_value)
        return f"D = {fmt_num(g.statistic, 3)}, {p if g.p_value is not None else 'no p-value'}"
    if g.p_value is None:
        return "too few cells"
    return f"X² = {fmt_num(g.statistic, 3)}, {fmt_p(g.p_value)} to {fmt_p(g.p_value_upper)}"


def _agree_text(b: BootstrapResult) -> str:
    gap = words.agreement(b)
    if gap is None:
        return "—"
    return "agree" if gap <= 0.05 else ("nearly agree" if gap <= 0.15 else "differ")


def entropy_table(cols: list[Any]) -> TableBlock:
    rows = []
    for c in cols:
        e, m = c.entropy, getattr(c, "mode", None)
        mode = words.mode_value(m) if m is not None else "—"
        rows.append([c.name, e.levels, e.bits, e.max_bits, e.normalized, mode])
    columns = [
        TableColumn("Column", "text"),
        TableColumn("Levels", "int", "distinct non-missing values"),
        TableColumn("Entropy (bits)", "num", "−Σ p log₂ p"),
        TableColumn("Maximum (log₂ K)", "num", "entropy if every level were equally common"),
        TableColumn("Normalised", "num", "0 = one level holds every value, 1 = all equally common"),
        TableColumn("Mode", "text", "most common value(s)"),
    ]
    notes = [words.entropy_summary(c.name, c.entropy) for c in cols]
    return TableBlock(
        caption="Entropy of the categorical and discrete columns (full data)",
        columns=columns,
        rows=rows,
        row_notes=notes,
    )
