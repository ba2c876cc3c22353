"""The "Model of the target" section (`--target`): a linear or logistic regression of the target on the other
usable columns, its diagnostics, and the overfitting/underfitting panel.

Columns enter by role: numeric columns as they are, categorical and boolean ones (at most
`stats.models.MAX_LEVELS` levels) dummy-coded; identifiers, constants, dates, free text and columns missing in more
than half the rows are left out, each with the reason, as are (in `stats.models.design`) near-duplicates and
aliased terms. The values come from `edakit.engine.models` (the seeded sample), the results from
`edakit.stats.model_analysis`; `build` leaves the `ModelAnalysis` in `ctx.results["models"]` (`rep.models`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from edakit.engine.models import model_values
from edakit.explain import models as words
from edakit.explain.words import ONE_SIDED, fmt_p
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.model_analysis import ModelAnalysis, analyse
from edakit.stats.model_complexity import ComplexityCurve, LearningCurve
from edakit.stats.models import MAX_DIAGNOSTIC_POINTS, MAX_LEVELS, ExcludedColumn, LinearModel, LogisticModel

SECTION_ID = "models"
MAX_PREDICTORS = 20
MAX_MISSING_SHARE = 0.5
_ROLE_REASONS = {
    "identifier": "an identifier",
    "constant": "constant",
    "empty": "empty",
    "datetime": "a date or time (not used as a predictor)",
    "text": "free text",
    "unsupported": "of a type the report cannot read",
}


def gather(ctx: AnalysisContext) -> tuple[list[str], set[str], list[ExcludedColumn], dict[str, Any], bool] | None:
    """The target's and the candidate predictors' values from the seeded sample (None without `--target`)."""
    target = getattr(ctx.config, "target", None)
    if not target:
        return None
    names, numeric, left = choose_columns(ctx, target)
    values, sampled = model_values(ctx, [target, *names], numeric)
    return names, numeric, left, values, sampled


def choose_columns(ctx: AnalysisContext, target: str) -> tuple[list[str], set[str], list[ExcludedColumn]]:
    """The candidate predictors (by role), the numeric ones among them and the target, and those left out."""
    reports = {c.name: c for c in ctx.columns}
    rows = ctx.summary.rows
    left, candidates, numeric = [], [], set()
    for col in ctx.schema.columns:
        report = reports.get(col.name)
        if col.role == "numeric":
            numeric.add(col.name)
        if col.name == target:
            continue
        if report is not None and report.skipped:
            left.append(ExcludedColumn(col.name, "it could not be profiled"))
        elif col.role in _ROLE_REASONS:
            left.append(ExcludedColumn(col.name, f"it is {_ROLE_REASONS[col.role]}"))
        elif col.role in ("categorical", "boolean") and report is not None and report.distinct > MAX_LEVELS:
            left.append(ExcludedColumn(col.name, f"it has {report.distinct:,} levels (more than {MAX_LEVELS})"))
        elif report is not None and rows and report.missing > MAX_MISSING_SHARE * rows:
            left.append(ExcludedColumn(col.name, "more than half its values are missing; it would discard most rows"))
        else:
            candidates.append((-(report.rows - report.missing) if report else 0, len(candidates), col.name))
    ranked = sorted(candidates)
    for _, _, name in sorted(ranked[MAX_PREDICTORS:], key=lambda c: c[1]):
        left.append(ExcludedColumn(name, f"only the {MAX_PREDICTORS} most complete columns enter"))
    names = [c[2] for c in sorted(ranked[:MAX_PREDICTORS], key=lambda c: c[1])]
    return names, numeric & {target, *names}, left


def build(ctx: AnalysisContext, gathered: Any = None) -> list[Section]:
    target = getattr(ctx.config, "target", None)
    if not target:
        return []
    if gathered is None:
        gathered = gather(ctx)
    names, numeric, left, values, sampled = gathered
    title = f"Model of {target}"
    kinds = {name: "numeric" if name in numeric else "categorical" for name in [target, *names]}
    try:
        a = analyse(
            values,
            kinds,
            target,
            left_out=left,
            rows=ctx.summary.rows,
            sampled=sampled,
            conf_level=ctx.config.conf_level,
            alpha=ctx.config.alpha,
            seed=ctx.config.seed,
        )
    except ValueError as exc:
        return [Section(SECTION_ID, title, summary=f"No model of {target}: {exc}.")]
    ctx.results["models"] = a
    charts = getattr(ctx.config, "max_charted_columns", 1) != 0
    m = a.model
    if isinstance(m, LinearModel):
        blocks = linear_blocks(m, ctx.config.alpha)
        subsections = [diagnostics_section(m, ctx.config.seed, charts, ctx.config.alpha)]
    else:
        blocks = logistic_blocks(m, charts)
        subsections = []
    subsections.append(complexity_section(a, charts))
    notes = list(m.notes)
    if a.sampled:
        notes.append(
            f"Fitted on the seeded random sample of {a.sample_rows:,} of the table's {a.rows:,} rows (seed "
            f"{a.seed}); the curves on {a.curve_rows:,} of them."
        )
    elif a.curve_rows < (m.n or 0):
        notes.append(f"The curves use a seeded subset of {a.curve_rows:,} of the model's {m.n:,} rows.")
    summary = words.analysis_summary(a)
    return [Section(SECTION_ID, title, summary=summary, blocks=blocks, subsections=subsections, notes=notes)]


def _fmt_level(conf_level: float | None) -> str:
    return f"{100 * (conf_level or 0.95):g} % CI"


def _r2_ci(m: LinearModel) -> list[Any] | None:
    """R²'s interval cell; a one-sided interval [0, U] (F ≤ 1: stats.ncp's boundary rule) carries its kind."""
    if not m.ci:
        return None
    return [*m.ci, m.ci_kind] if m.ci_kind == ONE_SIDED else list(m.ci)


def linear_blocks(m: LinearModel, alpha: float) -> list[Any]:
    level = _fmt_level(m.conf_level)
    df = m.df if isinstance(m.df, tuple) else (None, None)
    fit_rows = [
        ["R²", m.r_squared, _r2_ci(m), "share of the target's variance the model accounts for on these rows"],
        ["Adjusted R²", m.adj_r_squared, None, "R² charged for the number of terms"],
        ["Residual standard error", m.sigma, None, f"on {m.df_residual:,} degrees of freedom"],
        ["F statistic", m.statistic, None, f"on {df[0]:g} and {df[1]:g} df; {fmt_p(m.p_value)}"],
        ["Rows", m.n, None, "complete rows used"],
    ]
    fit = TableBlock(
        caption=f"Fit of the linear model of {m.target}",
        columns=[
            TableColumn("Statistic", "text"),
            TableColumn("Value", "num"),
            TableColumn(level, "ci", "R²: noncentral-F interval (fixed predictors)"),
            TableColumn("Note", "text"),
        ],
        rows=fit_rows,
    )
    columns = [
        TableColumn("Term", "text"),
        TableColumn("Estimate", "num", "change in the average target per unit of the term, the others held fixed"),
        TableColumn("Std. error", "num"),
        TableColumn("t", "num"),
        TableColumn("p", "p"),
        TableColumn(level, "ci"),
        TableColumn("Standardised", "num", "b · sd(x) / sd(y)"),
        TableColumn("VIF", "num", "variance inflation factor: how much collinearity inflates the variance"),
    ]
    if m.robust_shown:
        columns += [TableColumn("HC3 SE", "num"), TableColumn("HC3 p", "p"), TableColumn(f"HC3 {level}", "ci")]
    rows = []
    for t in m.terms:
        row = [t.term, t.estimate, t.se, t.statistic, t.p_value, t.ci, t.standardised, t.vif]
        if m.robust_shown:
            row += [t.robust_se, t.robust_p, t.robust_ci]
        rows.append(row)
    coefficients = TableBlock(caption=f"Coefficients of the linear model of {m.target}", columns=columns, rows=rows)
    blocks = [
        Paragraph(words.methods(m), tone="method"),
        Paragraph(words.LINEAR_FORMULA, tone="formula"),
        fit,
        coefficients,
        Paragraph(words.coefficient_words(m)),
        Paragraph(words.r_squared_words(m)),
    ]
    collinear = words.collinearity_words(m)
    if collinear:
        blocks.append(Paragraph(collinear, tone="warning" if (m.max_vif or 0) >= words.HIGH_VIF else "explain"))
    blocks.append(Paragraph(words.spread_words(m, alpha)))
    return blocks


def _thin(n: int, seed: int) -> np.ndarray:
    if n <= MAX_DIAGNOSTIC_POINTS:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, MAX_DIAGNOSTIC_POINTS, replace=False))


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def diagnostics_section(m: LinearModel, seed: int, charts: bool, alpha: float = 0.05) -> Section:
    """Residuals against fitted values, the residuals' normal QQ plot, and leverage with Cook's distance."""
    from scipy.special import ndtri

    d = m.diagnostics
    blocks: list[Any] = []
    if charts and d:
        keep = _thin(len(d["fitted"]), seed)
        shown = f"{keep.size:,} of {len(d['fitted']):,} rows" if keep.size < len(d["fitted"]) else "every row"
        blocks.append(
            ChartBlock(
                "residuals",
                {
                    "x": _rounded(d["fitted"][keep]),
                    "y": _rounded(d["residuals"][keep]),
                    "x_label": f"fitted {m.target}",
                },
                words.residuals_caption(m, alpha),
                f"Scatter plot of residuals against fitted values of {m.target}, {shown}.",
            )
        )
        resid = np.sort(d["residuals"])
        n = resid.size
        a = 3 / 8 if n <= 10 else 1 / 2
        z = ndtri((np.arange(1, n + 1) - a) / (n + 1 - 2 * a))
        q25, q75 = np.quantile(resid, [0.25, 0.75])
        slope = (q75 - q25) / (ndtri(0.75) - ndtri(0.25))
        qkeep = _thin(n, seed)
        qq = {
            "theoretical": _rounded(z[qkeep]),
            "sample": _rounded(resid[qkeep]),
            "slope": float(slope),
            "intercept": float(q25 - slope * ndtri(0.25)),
            "x_label": "normal quantiles",
        }
        blocks.append(ChartBlock("qq", qq, words.qq_caption(m), f"Normal QQ plot of the residuals, {shown}."))
        lev = {
            "x": _rounded(d["leverage"][keep]),
            "y": _rounded(d["std_residuals"][keep]),
            "p": int(d["p"]),
        }
        blocks.append(
            ChartBlock("leverage", lev, words.leverage_caption(m), f"Leverage against standardised residuals, {shown}.")
        )
    else:
        blocks += [Paragraph(words.residuals_caption(m, alpha)), Paragraph(words.qq_caption(m))]
        blocks.append(Paragraph(words.leverage_caption(m)))
    return Section(f"{SECTION_ID}-diagnostics", "Diagnostics of the linear model", blocks=blocks)


def logistic_blocks(m: LogisticModel, charts: bool) -> list[Any]:
    level = _fmt_level(m.conf_level)
    fit = TableBlock(
        caption=f"Fit of the logistic model of {m.target} = {m.event}",
        columns=[TableColumn("Statistic", "text"), TableColumn("Value", "num"), TableColumn(level, "ci")],
        rows=[
            ["Rows", m.n, None],
            [f"Rows with {m.target} = {m.event}", m.events, None],
            ["Null deviance", m.null_deviance, None],
            ["Residual deviance", m.deviance, None],
            ["Likelihood-ratio χ²", m.statistic, None],
            ["Degrees of freedom", m.df, None],
            ["AIC", m.aic, None],
            ["AUC (DeLong interval)", m.auc, m.auc_ci],
            ["Brier score", m.brier, None],
        ],
    )
    fit_p = Paragraph(f"Likelihood-ratio test against the intercept-only model: {fmt_p(m.p_value)}.")
    coefficients = TableBlock(
        caption=f"Coefficients (log odds) and odds ratios of {m.target} = {m.event}",
        columns=[
            TableColumn("Term", "text"),
            TableColumn("Estimate", "num", "change in the log odds per unit of the term, the others held fixed"),
            TableColumn("Std. error", "num"),
            TableColumn("z", "num"),
            TableColumn("p", "p"),
            TableColumn("Odds ratio", "num", "exp(estimate)"),
            TableColumn(f"Odds ratio {level}", "ci", "Wald interval exp(b ± z·SE)"),
        ],
        rows=[[t.term, t.estimate, t.se, t.statistic, t.p_value, t.odds_ratio, t.odds_ratio_ci] for t in m.terms],
    )
    calibration = TableBlock(
        caption="Calibration: observed share against mean predicted probability, rows grouped by their prediction",
        columns=[
            TableColumn("Rows", "int"),
            TableColumn("Mean predicted", "pct"),
            TableColumn("Observed", "pct"),
            TableColumn(f"Observed {level}", "ci_pct", "Wilson interval"),
        ],
        rows=[[b.n, b.predicted, b.observed, b.ci] for b in m.calibration],
    )
    blocks: list[Any] = [
        Paragraph(words.methods(m), tone="method"),
        Paragraph(words.LOGISTIC_FORMULA, tone="formula"),
        fit,
        fit_p,
        Paragraph(words.SEPARATION, tone="warning") if m.separation else None,
        coefficients,
        Paragraph(words.odds_words(m)),
    ]
    collinear = words.collinearity_words(m)
    if collinear:
        blocks.append(Paragraph(collinear, tone="warning" if (m.max_vif or 0) >= words.HIGH_VIF else "explain"))
    if charts and m.roc_fpr:
        blocks.append(
            ChartBlock(
                "roc",
                {"fpr": m.roc_fpr, "tpr": m.roc_tpr, "auc": m.auc},
                words.roc_caption(m),
                f"ROC curve of the logistic model of {m.target}; AUC {m.auc:.3f}.",
            )
        )
    blocks.append(Paragraph(words.calibration_words(m)))
    if charts and m.calibration:
        data = {
            "predicted": [b.predicted for b in m.calibration],
            "observed": [b.observed for b in m.calibration],
            "ci": [list(b.ci) for b in m.calibration],
        }
        blocks.append(
            ChartBlock(
                "calibration",
                data,
                "Observed share of the event against the mean predicted probability in each group of rows, with "
                "Wilson intervals; points on the diagonal mean the predicted probabilities match what happened.",
                f"Calibration plot of {len(m.calibration)} groups of rows.",
            )
        )
    blocks.append(calibration)
    return [b for b in blocks if b is not None]


def _curve_table(c: ComplexityCurve) -> TableBlock:
    marks = {c.best: "lowest validation error", c.one_se: "simplest within 1 SE"}
    if c.best == c.one_se:
        marks = {c.best: "lowest validation error (and simplest within 1 SE)"}
    rows = [
        [step, tr, cv, se, marks.get(i, "")]
        for i, (step, tr, cv, se) in enumerate(zip(c.steps, c.train_error, c.cv_error, c.cv_se, strict=True))
    ]
    return TableBlock(
        caption=f"Training and {c.folds}-fold cross-validated {c.metric} by {c.label}",
        columns=[
            TableColumn("Degree" if c.kind == "degree" else "Predictors", "text"),
            TableColumn(f"Training {c.metric}", "num"),
            TableColumn(f"Validation {c.metric}", "num", "mean over the held-out folds"),
            TableColumn("Std. error", "num", "of the validation error: sd over folds / √k"),
            TableColumn("", "text"),
        ],
        rows=rows,
    )


def _curve_chart(c: ComplexityCurve) -> ChartBlock:
    data = {
        "steps": c.steps,
        "train": c.train_error,
        "cv": c.cv_error,
        "se": c.cv_se,
        "best": c.best,
        "metric": c.metric,
        "x_label": c.label,
    }
    return ChartBlock(
        "complexity",
        data,
        "Training error (solid) and cross-validated error (dashed, with ± 1 standard error) as the model grows; "
        "the dotted line marks the lowest validation error.",
        f"Line chart of training and validation {c.metric} by {c.label}.",
    )


def _learning_chart(lc: LearningCurve) -> ChartBlock:
    data = {"sizes": lc.sizes, "train": lc.train_error, "cv": lc.cv_error, "se": lc.cv_se, "metric": lc.metric}
    return ChartBlock(
        "learning",
        data,
        "Learning curve: training error (solid) and cross-validated error (dashed) of the full model fitted on "
        "growing numbers of rows.",
        f"Line chart of training and validation {lc.metric} against training-set size.",
    )


def complexity_section(a: ModelAnalysis, charts: bool) -> Section:
    """The overfitting and underfitting panel: complexity curves, the bias-variance words, the learning curve."""
    blocks: list[Any] = [Paragraph(words.BIAS_VARIANCE)]
    for curve in (a.polynomial, a.stepwise):
        if curve is None or not curve.steps:
            continue
        blocks.append(Paragraph(words.complexity_words(curve)))
        if charts and curve.best is not None:
            blocks.append(_curve_chart(curve))
        blocks.append(_curve_table(curve))
    if a.learning is not None:
        blocks.append(Paragraph(words.learning_words(a.learning)))
        if charts and len(a.learning.sizes) >= 2:
            blocks.append(_learning_chart(a.learning))
    summary = (
        f"Models of growing complexity fitted to {a.curve_rows:,} rows, each scored on rows it did not see "
        f"(k-fold cross-validation, seed {a.seed})."
    )
    return Section(f"{SECTION_ID}-complexity", "Overfitting and underfitting", summary=summary, blocks=blocks)
