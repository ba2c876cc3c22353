"""Words for the models of a target: what was fitted, what the coefficients say (associations in these data, not
effects of changing a column), what R² is and is not, collinearity, the diagnostics, and the lesson of the
complexity and learning curves (underfitting, overfitting, bias and variance). Every sentence from the numbers of
an `edakit.stats.models` / `model_complexity` / `model_analysis` result.
"""

from __future__ import annotations

from edakit.explain import register
from edakit.explain.words import effect_interval, fmt_num, fmt_p, fmt_pct, level_pct
from edakit.stats.model_analysis import ModelAnalysis
from edakit.stats.model_complexity import ComplexityCurve, LearningCurve
from edakit.stats.models import HIGH_VIF, LinearModel, LogisticModel, Term

LINEAR_FORMULA = (
    "Linear model: y = b0 + b1·x1 + … + bk·xk + error, b chosen to minimise the sum of squared residuals. "
    "R² = 1 − (residual sum of squares / total sum of squares); adjusted R² = 1 − (1 − R²)(n − 1)/(n − k − 1); "
    "residual standard error = √(RSS / (n − k − 1)); F = (R² / k) / ((1 − R²) / (n − k − 1)); "
    "standardised coefficient = b · sd(x) / sd(y); VIF of x = 1 / (1 − R² of x on the other predictors)."
)
LOGISTIC_FORMULA = (
    "Logistic model: log(p / (1 − p)) = b0 + b1·x1 + … + bk·xk, p the probability of the event, b by maximum "
    "likelihood. Odds ratio = exp(b); likelihood-ratio test: null deviance − residual deviance, χ² on k df; "
    "AUC = probability that a random row with the event gets a higher predicted probability than a random row "
    "without (ties count half); Brier score = mean of (p − y)²."
)
SEPARATION = (
    "Warning: fitted probabilities of 0 or 1 occurred (R warns the same): the predictors separate the two outcomes "
    "(almost) perfectly on these rows, so the maximum-likelihood coefficients run off towards infinity and their "
    "standard errors, p-values and odds ratios are meaningless; a perfect AUC here is overfitting, not skill. "
    "Fewer predictors, more rows or a penalised (Firth) fit are the usual ways out."
)
BIAS_VARIANCE = (
    "How to read these curves. Training error always falls as a model gets more flexible: with enough terms it "
    "can pass through every training point. The cross-validated error, measured on rows the model did not see, "
    "falls at first and then rises. On the left a model is too simple to follow the pattern: it underfits, and its "
    "error is mostly bias (a systematic miss that more data would not cure). On the right it is flexible enough to "
    "follow the noise of the particular training rows: it overfits, and its error is mostly variance (the fitted "
    "curve would change a lot with another sample). The best complexity balances the two; the gap between the "
    "training and the validation curve is the price of fitting noise."
)


def _terms_list(names: list[str]) -> str:
    if not names:
        return "no column"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def rows_phrase(m: LinearModel | LogisticModel) -> str:
    what = f"{m.n:,} complete rows"
    if m.sampled:
        what += " of the seeded random sample of the table (the table is larger; the sample is labelled as such)"
    if m.n_dropped:
        what += f"; {m.n_dropped:,} rows with a missing value in a used column were left out, as R's lm does"
    return what


def methods(m: LinearModel | LogisticModel) -> str:
    """Which model, on which rows, which columns are in and out and why, the reference levels."""
    call = "lm" if isinstance(m, LinearModel) else "glm"
    family = "" if isinstance(m, LinearModel) else ", family = binomial"
    text = (
        f"{m.method}: R's {call}({m.target} ~ {' + '.join(m.predictors)}{family}), fitted with statsmodels on "
        f"{rows_phrase(m)}."
    )
    if isinstance(m, LogisticModel):
        text += f" The model gives the probability that {m.target} is {m.event} ({m.events:,} of the {m.n:,} rows)."
    if m.reference_levels:
        refs = "; ".join(f"{c} against {lev!r}" for c, lev in m.reference_levels.items())
        text += (
            f" Categorical columns are coded as one 0/1 term per level, each compared with a reference level (the "
            f"first in sorted order, as R does): {refs}."
        )
    if m.left_out:
        text += " Left out: " + "; ".join(f"{o.column} ({o.reason})" for o in m.left_out) + "."
    return text


def linear_summary(m: LinearModel) -> str:
    interval = effect_interval(m.ci, m.conf_level, m.ci_kind)
    ci = f", {interval}" if interval else ""
    df = m.df if isinstance(m.df, tuple) else (0, 0)
    return (
        f"Together, {_terms_list(m.predictors)} account for {fmt_pct(m.r_squared or 0)} of the variance of "
        f"{m.target} in these {m.n:,} rows (R² = {fmt_num(m.r_squared, 3)}{ci}; adjusted R² "
        f"{fmt_num(m.adj_r_squared, 3)}). The F test of all coefficients at once: F = {fmt_num(m.statistic)} on "
        f"{int(df[0])} and {int(df[1])} degrees of freedom, {fmt_p(m.p_value)}. Predictions miss {m.target} by "
        f"about {fmt_num(m.sigma)} (the residual standard error) on these rows."
    )


def _strongest_terms(m: LinearModel | LogisticModel, most: int = 3) -> list[Term]:
    terms = [t for t in m.terms if t.column != "(Intercept)"]
    key = (lambda t: -abs(t.standardised or 0)) if isinstance(m, LinearModel) else (lambda t: -abs(t.statistic or 0))
    return sorted(terms, key=key)[:most]


def _change(t: Term, m: LinearModel | LogisticModel) -> str:
    """'a one-unit larger Girth goes' or 'rows with species = Chinstrap (rather than Adelie) go'."""
    if t.column in m.reference_levels:
        level = t.term.split(": ", 1)[1]
        return f"rows with {t.column} = {level} (rather than {m.reference_levels[t.column]}) go"
    return f"a one-unit larger {t.column} goes"


def coefficient_words(m: LinearModel) -> str:
    """The strongest terms in words, each as an association holding the others fixed."""
    parts = []
    for t in _strongest_terms(m):
        direction = "larger" if t.estimate >= 0 else "smaller"
        ci = (
            f" ({level_pct(m.conf_level)} CI {fmt_num(t.ci[0])} to {fmt_num(t.ci[1])}, {fmt_p(t.p_value)})"
            if t.ci
            else ""
        )
        parts.append(
            f"holding the other columns fixed, {_change(t, m)} with a {m.target} {direction} by "
            f"{fmt_num(abs(t.estimate))} on average in these data{ci}"
        )
    if not parts:
        return ""
    text = "Read the coefficients as associations: " + "; ".join(parts) + "."
    return text + (
        " These are observational data: a coefficient says how the average target differs between rows that differ "
        "in that column, not what would happen if someone changed the column. A column left out of the model, or "
        "related to both, can produce or hide such a difference. Standardised coefficients (in standard deviations "
        "of the target per standard deviation of the column) compare the terms on one scale."
    )


def r_squared_words(m: LinearModel) -> str:
    return (
        f"What R² is not: it is not the share of {m.target} that these columns cause, nor a test that the model is "
        "right — a curved relation fitted by a straight line can have a high R², and a useful, well-estimated "
        "coefficient can sit in a model with a low one. R² never falls when a column is added, even a column of "
        "noise; adjusted R² charges for each term, and the cross-validated error below shows what the model "
        "predicts on rows it did not see. The interval is for the R² of the population these rows come from."
    )


def collinearity_words(m: LinearModel | LogisticModel) -> str:
    if m.max_vif is None:
        return ""
    high = [t for t in m.terms if t.vif is not None and t.vif >= HIGH_VIF]
    if isinstance(m, LogisticModel) or not high:
        if m.max_vif < HIGH_VIF:
            return (
                f"Collinearity: the largest variance inflation factor is {fmt_num(m.max_vif, 3)} (below the usual "
                f"alarm level of {HIGH_VIF:g}), so the predictors are not so related that their coefficients cannot "
                "be told apart."
            )
        return (
            f"Collinearity warning: the largest variance inflation factor is {fmt_num(m.max_vif, 3)} (at or above "
            f"{HIGH_VIF:g}): some predictors nearly repeat each other, so their separate coefficients are uncertain."
        )
    names = ", ".join(f"{t.term} (VIF {fmt_num(t.vif, 3)})" for t in high)
    return (
        f"Collinearity warning: {names} can largely be predicted from the other predictors. Their standard errors "
        "are inflated (by the square root of the VIF), their coefficients can change sign or size when a column is "
        "added or removed, and a non-significant coefficient may only mean the data cannot separate them. The model's "
        "predictions and R² are not harmed; the individual coefficients are."
    )


def spread_words(m: LinearModel, alpha: float = 0.05) -> str:
    if m.spread_p_value is None:
        return ""
    test = (
        f"The studentised Breusch-Pagan test of uneven residual spread gives {fmt_num(m.spread_statistic, 3)} on "
        f"{len(m.terms) - 1} df, {fmt_p(m.spread_p_value)}."
    )
    if m.robust_shown:
        return test + (
            " The spread of the residuals changes with the predictors, so the classic standard errors may be wrong; "
            "the table shows HC3 robust (heteroscedasticity-consistent) errors, p-values and intervals beside them. "
            "Trust the robust ones where they differ."
        )
    return test + (
        " There is no clear sign of uneven spread, so the classic standard errors stand (HC3 robust errors are in "
        "the JSON, rep.models.linear.terms[i].robust_se)."
    )


def residuals_caption(m: LinearModel, alpha: float = 0.05) -> str:
    text = (
        "Residuals against fitted values: the points should form a shapeless band around 0. A curve means the "
        "model misses a bend in the relation; a funnel means the spread grows with the prediction"
        + (" (as the Breusch-Pagan test also says here)." if m.robust_shown else ".")
    )
    if m.curvature_p_value is None:
        return text
    test = f"Tukey's test for curvature (fitted² added to the model) gives t = {fmt_num(m.curvature_statistic, 3)}, "
    test += f"{fmt_p(m.curvature_p_value)}"
    if m.curvature_p_value < alpha:
        return text + (
            f" {test}: the relation bends, so the straight-line terms miss part of it; a transformed target or "
            "column (a log, a square) may fit better, and the polynomial curve below shows what a bend buys."
        )
    return text + f" {test}: no clear bend."


def qq_caption(m: LinearModel) -> str:
    shape = ""
    if m.residual_skewness is not None:
        shape = f" Here the residuals' skewness is {fmt_num(m.residual_skewness, 2)}"
        if m.residual_kurtosis is not None:
            shape += f" and their excess kurtosis {fmt_num(m.residual_kurtosis, 2)}"
        shape += " (both 0 for a normal distribution)."
    return (
        "Normal QQ plot of the residuals: points on the line mean normally distributed errors, which the t-tests "
        "and intervals of small samples rely on; with many rows they matter less." + shape
    )


def leverage_caption(m: LinearModel) -> str:
    n = m.n or 0
    return (
        f"Leverage against standardised residuals: points far right have unusual predictor values, points far up "
        f"or down are poorly fitted; the dotted curves mark Cook's distance 0.5 and 1, beyond which a single row "
        f"moves the fitted coefficients noticeably. {m.high_leverage:,} of {n:,} rows have leverage above twice the "
        f"average, {m.influential:,} have Cook's distance above 4/n, the largest is {fmt_num(m.max_cooks, 3)}."
    )


def logistic_summary(m: LogisticModel) -> str:
    auc = ""
    if m.auc is not None:
        ci = (
            f" ({level_pct(m.conf_level)} CI {fmt_num(m.auc_ci[0], 3)} to {fmt_num(m.auc_ci[1], 3)}, DeLong)"
            if m.auc_ci
            else ""
        )
        auc = (
            f" The AUC is {fmt_num(m.auc, 3)}{ci}: a random row with {m.target} = {m.event} gets a higher predicted "
            f"probability than a random row without it {fmt_pct(m.auc)} of the time (0.5 is guessing)."
        )
    warning = f" {SEPARATION}" if m.separation else ""
    return (
        f"A logistic model of {m.target} = {m.event} on {_terms_list(m.predictors)}, {m.n:,} rows: the deviance falls "
        f"from {fmt_num(m.null_deviance)} (intercept only) to {fmt_num(m.deviance)}; the likelihood-ratio test "
        f"against the intercept-only model gives χ² = {fmt_num(m.statistic)} on {fmt_num(m.df)} df, "
        f"{fmt_p(m.p_value)}.{auc}{warning}"
    )


def odds_words(m: LogisticModel) -> str:
    parts = []
    for t in _strongest_terms(m):
        if t.odds_ratio is None:
            continue
        ci = (
            f" ({level_pct(m.conf_level)} CI {fmt_num(t.odds_ratio_ci[0])} to {fmt_num(t.odds_ratio_ci[1])})"
            if t.odds_ratio_ci
            else ""
        )
        parts.append(
            f"holding the other columns fixed, {_change(t, m)} with odds of {m.target} = {m.event} multiplied by "
            f"{fmt_num(t.odds_ratio)}{ci}"
        )
    if not parts:
        return ""
    return (
        "Read the odds ratios as associations: " + "; ".join(parts) + ". An odds ratio above 1 goes with higher odds, "
        "below 1 with lower; it is not a ratio of probabilities, and in observational data not the effect of "
        "changing the column. Intervals are Wald intervals, exp(b ± z·SE) (R's confint.default)."
    )


def calibration_words(m: LogisticModel) -> str:
    text = (
        f"Calibration: the Brier score (mean squared error of the predicted probability) is {fmt_num(m.brier, 3)} "
        f"(always predicting the overall share would give {fmt_num(_base_brier(m), 3)})."
    )
    if m.hosmer_lemeshow is not None:
        text += (
            f" The Hosmer-Lemeshow test compares observed and predicted counts in groups of the predictions: "
            f"χ² = {fmt_num(m.hosmer_lemeshow, 3)} on {m.hosmer_lemeshow_df} df, {fmt_p(m.hosmer_lemeshow_p)}; "
            "a small p-value says the predicted probabilities are off somewhere, a large one does not prove them right "
            "(the test has little power with few rows)."
        )
    return text + " These are measured on the rows the model was fitted to, which flatters it."


def _base_brier(m: LogisticModel) -> float:
    share = m.events / m.n if m.n else 0.0
    return share * (1 - share)


def roc_caption(m: LogisticModel) -> str:
    return (
        f"ROC curve: each point is one threshold on the predicted probability, with the share of {m.target} = "
        f"{m.event} rows caught (true positive rate) against the share of the others wrongly flagged (false positive "
        "rate). The diagonal is guessing; the area under the curve is the AUC. Measured on the fitting rows."
    )


def complexity_words(c: ComplexityCurve) -> str:
    if c.best is None:
        return f"No model of growing complexity ({c.label}) could be scored."
    best, lowest = c.steps[c.best], c.cv_error[c.best]
    first, last = c.cv_error[0], next((e for e in reversed(c.cv_error) if e is not None), None)
    if c.kind == "degree":
        what = "degree " + best
    else:
        what = f"{best} alone" if c.best == 0 else f"the first {c.best + 1} predictors (up to {best.lstrip('+ ')})"
    text = (
        f"Across {c.label}, the {c.folds}-fold cross-validated {c.metric} is lowest at {what}: "
        f"{fmt_num(lowest)}, against {fmt_num(first)} for the simplest model"
    )
    text += f" and {fmt_num(last)} for the most complex." if last is not None and len(c.steps) > 1 else "."
    if c.one_se is not None and c.one_se != c.best:
        text += (
            f" The simplest model within one standard error of it is step {c.steps[c.one_se]}, a common choice "
            "when the difference is within the noise of cross-validation."
        )
    if last is not None and lowest is not None and last > lowest * 1.05 and c.best < len(c.steps) - 1:
        text += " Beyond the best step the validation error rises while the training error keeps falling: overfitting."
    if c.best > 0 and first is not None and lowest is not None and first > lowest * 1.05:
        text += " Below it the model underfits: both errors are higher."
    return text


def learning_words(lc: LearningCurve) -> str:
    if len(lc.sizes) < 2:
        return "Too few rows for a learning curve."
    gap = (lc.cv_error[-1] or 0) - (lc.train_error[-1] or 0)
    trend = (lc.cv_error[-2] or 0) - (lc.cv_error[-1] or 0)
    text = (
        f"Learning curve: fitted on {lc.sizes[0]:,} to {lc.sizes[-1]:,} rows, the full model's cross-validated "
        f"{lc.metric} goes from {fmt_num(lc.cv_error[0])} to {fmt_num(lc.cv_error[-1])}, its training error from "
        f"{fmt_num(lc.train_error[0])} to {fmt_num(lc.train_error[-1])}."
    )
    if trend > (lc.cv_se[-1] or 0):
        text += " The validation error is still falling at the end: more rows would likely improve predictions."
    else:
        text += (
            " The validation error has levelled off: more rows of the same kind would buy little; a better model "
            "(other columns, other terms) would."
        )
    if gap > 0:
        text += f" The remaining gap of {fmt_num(gap)} between the curves is the variance part of the error."
    return text


def analysis_summary(a: ModelAnalysis) -> str:
    m = a.model
    if m is None:
        return f"No model of {a.target}."
    return linear_summary(m) if isinstance(m, LinearModel) else logistic_summary(m)


@register(LinearModel)
def _(m: LinearModel) -> str:
    return linear_summary(m) + " " + coefficient_words(m)


@register(LogisticModel)
def _(m: LogisticModel) -> str:
    return logistic_summary(m) + " " + odds_words(m)


@register(ModelAnalysis)
def _(a: ModelAnalysis) -> str:
    return analysis_summary(a)
