"""Regression models of a target on the other columns: R's `lm(y ~ ., data)` for a numeric target and
`glm(y ~ ., family = binomial)` for a two-valued one, fitted with statsmodels on complete rows.

The design matrix is built as R's `model.matrix` builds it: an intercept, numeric columns as they are, and each
categorical column dummy-coded against its reference level, the first in sorted order (R's default factor
levels). Columns that cannot enter are left out with the reason: a constant on the rows used, more than
`MAX_LEVELS` levels, a near-duplicate of an earlier column (|r| ≥ `NEAR_DUPLICATE_R`), or a term that is an
exact linear combination of earlier ones (R reports such a coefficient as NA, "not defined because of
singularities"; here it is left out and named).

The linear model adds what R's `summary(lm)` gives (coefficients, SE, t, p, intervals, R², adjusted R², residual
standard error, F test) and: standardised coefficients (b·sd(x)/sd(y), as `lm.beta`), variance inflation factors,
an interval for R² (noncentral-F inversion with fixed predictors, Steiger and Fouladi 1992, as MBESS's
`ci.R2(Random.Predictors = FALSE)`), the studentised Breusch-Pagan test of uneven residual spread (lmtest's
`bptest` default) and HC3 robust standard errors (sandwich's `vcovHC(type = "HC3")`), shown beside the classic
ones when that test rejects. The logistic model gives odds ratios with Wald intervals (R's `confint.default`), the
likelihood-ratio test against the intercept-only model, the ROC curve with its AUC and DeLong's interval (pROC's
default), and a calibration summary (Brier score, observed against predicted by tenths of the predictions, the
Hosmer-Lemeshow test of `ResourceSelection::hoslem.test`).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.errors import NotComputable
from edakit.stats.ncp import TWO_SIDED, ncp_interval
from edakit.stats.proportion import wilson_interval
from edakit.stats.result import Result

MAX_LEVELS = 10  # a categorical column with more levels would add too many dummies
NEAR_DUPLICATE_R = 0.99
HIGH_VIF = 10.0  # a common rule of thumb for serious collinearity (5 for some authors)
MAX_ROC_POINTS = 400
MAX_DIAGNOSTIC_POINTS = 2_000


@dataclass
class ExcludedColumn:
    """A column that does not enter the model, and why."""

    column: str
    reason: str


@dataclass
class Term:
    """One coefficient of a model: its estimate, standard error, test and interval (and, for a logistic model, the
    odds ratio; for a linear one the standardised coefficient, the VIF and the HC3 robust errors)."""

    term: str  # "Girth", or "species: Chinstrap" for a dummy (that level against the reference level)
    column: str  # the column the term comes from ("(Intercept)" for the intercept)
    estimate: float
    se: float | None
    statistic: float | None  # t (linear) or z (logistic)
    p_value: float | None
    ci: tuple[float, float] | None
    standardised: float | None = None
    vif: float | None = None
    robust_se: float | None = None
    robust_p: float | None = None
    robust_ci: tuple[float, float] | None = None
    odds_ratio: float | None = None
    odds_ratio_ci: tuple[float, float] | None = None


@dataclass
class Design:
    """A model's data: the design matrix (intercept first), the target, and how each column was coded."""

    x: np.ndarray
    y: np.ndarray
    terms: list[str]
    term_columns: list[str]
    predictors: list[str]
    reference_levels: dict[str, str]
    left_out: list[ExcludedColumn]
    n_dropped: int  # rows left out for a missing value in the target or a predictor
    event: str | None = None  # the level counted as 1 for a two-valued target


@dataclass(repr=False)
class LinearModel(Result):
    """Ordinary least squares of a numeric target (R's `lm`). `statistic` and `p_value` are the overall F test
    on `df` = (model, residual) degrees of freedom; `estimate` is R² and `ci` its interval."""

    target: str = ""
    terms: list[Term] = field(default_factory=list)
    predictors: list[str] = field(default_factory=list)
    reference_levels: dict[str, str] = field(default_factory=dict)
    left_out: list[ExcludedColumn] = field(default_factory=list)
    n_dropped: int = 0
    r_squared: float | None = None
    adj_r_squared: float | None = None
    ci_kind: str = TWO_SIDED  # of R²'s interval: "one-sided upper" ([0, U]) when F ≤ 1 (stats.ncp's rule)
    sigma: float | None = None  # residual standard error
    df_residual: int = 0
    spread_statistic: float | None = None  # studentised Breusch-Pagan
    spread_p_value: float | None = None
    robust_shown: bool = False  # the residual spread is uneven (spread test below alpha): HC3 errors are shown
    curvature_statistic: float | None = None  # Tukey's test for nonadditivity: t of fitted² added to the model
    curvature_p_value: float | None = None  # from the standard normal, as car::residualPlots reports it
    max_vif: float | None = None
    residual_skewness: float | None = None
    residual_kurtosis: float | None = None  # excess
    high_leverage: int = 0  # rows with leverage above 2p/n
    influential: int = 0  # rows with Cook's distance above 4/n
    max_cooks: float | None = None
    sampled: bool = False
    diagnostics: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # per-row values (no JSON)


@dataclass
class CalibrationBin:
    """Rows grouped by their predicted probability: how many, the mean prediction, the observed share."""

    n: int
    predicted: float
    observed: float
    ci: tuple[float, float]  # Wilson interval of the observed share


@dataclass(repr=False)
class LogisticModel(Result):
    """Logistic regression of a two-valued target (R's `glm(family = binomial)`). `statistic` and `p_value` are
    the likelihood-ratio test against the intercept-only model on `df` degrees of freedom; `estimate` is the AUC
    and `ci` its DeLong interval."""

    target: str = ""
    event: str = ""  # the level modelled (counted as 1)
    terms: list[Term] = field(default_factory=list)
    predictors: list[str] = field(default_factory=list)
    reference_levels: dict[str, str] = field(default_factory=dict)
    left_out: list[ExcludedColumn] = field(default_factory=list)
    n_dropped: int = 0
    events: int = 0
    null_deviance: float | None = None
    deviance: float | None = None
    aic: float | None = None
    auc: float | None = None
    auc_ci: tuple[float, float] | None = None
    roc_fpr: list[float] = field(default_factory=list)  # the ROC curve, at most MAX_ROC_POINTS points
    roc_tpr: list[float] = field(default_factory=list)
    brier: float | None = None
    calibration: list[CalibrationBin] = field(default_factory=list)
    hosmer_lemeshow: float | None = None
    hosmer_lemeshow_df: int | None = None
    hosmer_lemeshow_p: float | None = None
    separation: bool = False  # fitted probabilities of 0 or 1 occurred: estimates and errors are unreliable
    max_vif: float | None = None
    sampled: bool = False


def design(values: dict[str, Any], kinds: dict[str, str], target: str, binary: bool = False) -> Design:
    """The design matrix of `target` on the other columns of `values` (name -> array; `kinds[name]` "numeric" or
    "categorical"), on the rows where every used value is present. `binary`: code the target 0/1, its event
    being 1, True, or the last of its two levels in sorted order (R's factor: the first level is failure)."""
    names = [c for c in values if c != target]
    left: list[ExcludedColumn] = []
    y_raw = values[target]
    present = _present(y_raw, kinds[target])
    for name in names:
        present &= _present(values[name], kinds[name])
    n_all = len(present)
    event = None
    if binary:
        y, event = _binary(np.asarray(y_raw, dtype=object)[present])
    else:
        y = np.asarray(y_raw, dtype=float)[present]
    columns, terms, owners, refs = [np.ones(int(present.sum()))], ["(Intercept)"], ["(Intercept)"], {}
    numeric_kept: list[tuple[str, np.ndarray]] = []
    for name in names:
        raw = values[name]
        if kinds[name] == "numeric":
            v = np.asarray(raw, dtype=float)[present]
            if v.size < 2 or np.ptp(v) == 0:
                left.append(ExcludedColumn(name, "it is constant on the rows used"))
                continue
            twin = _near_duplicate(v, numeric_kept)
            if twin:
                left.append(ExcludedColumn(name, f"it is a near-duplicate of {twin[0]} (r = {twin[1]:.3f})"))
                continue
            numeric_kept.append((name, v))
            new = [(name, v)]
        else:
            v = np.array([str(a) for a in np.asarray(raw, dtype=object)[present]], dtype=object)
            levels = sorted(set(v.tolist()))
            if len(levels) < 2:
                left.append(ExcludedColumn(name, "it has one level on the rows used"))
                continue
            if len(levels) > MAX_LEVELS:
                left.append(
                    ExcludedColumn(name, f"it has {len(levels)} levels (more than {MAX_LEVELS} add too many terms)")
                )
                continue
            refs[name] = levels[0]
            new = [(f"{name}: {lev}", (v == lev).astype(float)) for lev in levels[1:]]
        for term, col in new:
            columns.append(col)
            terms.append(term)
            owners.append(name)
    # A term that is a linear combination of the terms before it has R[j, j] = 0 in x = QR (one decomposition
    # decides every term in order, as R's lm aliases them): left out, as R reports such a coefficient as NA.
    x = np.column_stack(columns)
    diag = np.abs(np.diag(np.linalg.qr(x, mode="r")))
    aliased = diag <= 1e-9 * np.maximum(np.linalg.norm(x, axis=0), 1e-300)
    for j in np.flatnonzero(aliased):
        left.append(ExcludedColumn(terms[j], "it is an exact linear combination of the terms before it (R: NA)"))
    keep = ~aliased
    terms = [t for t, k in zip(terms, keep, strict=True) if k]
    owners = [o for o, k in zip(owners, keep, strict=True) if k]
    kept = [name for name in names if name in owners]
    refs = {name: level for name, level in refs.items() if name in owners}
    return Design(x[:, keep], y, terms, owners, kept, refs, left, n_all - int(present.sum()), event)


def _present(raw: Any, kind: str) -> np.ndarray:
    if kind == "numeric":
        return np.isfinite(np.asarray(raw, dtype=float))
    return np.array([a is not None and not (isinstance(a, float) and math.isnan(a)) for a in raw], dtype=bool)


def _binary(raw: np.ndarray) -> tuple[np.ndarray, str]:
    levels = sorted({_label(a) for a in raw})
    if len(levels) != 2:
        raise ValueError(f"a logistic model needs a target with two values; it has {len(levels)} on the rows used")
    event = levels[1]
    return np.array([_label(a) == event for a in raw], dtype=float), event


def _label(value: Any) -> str:
    """A target value as a level name: 1.0 and 1 are both "1", True is "True"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _near_duplicate(v: np.ndarray, kept: list[tuple[str, np.ndarray]]) -> tuple[str, float] | None:
    for name, other in kept:
        r = float(np.corrcoef(v, other)[0, 1])
        if abs(r) >= NEAR_DUPLICATE_R:
            return name, r
    return None


def _check_size(d: Design, what: str) -> None:
    n, p = d.x.shape
    if p < 2:
        raise ValueError("no predictor could enter the model")
    if n <= p + 1:
        raise ValueError(f"only {n} complete rows for {p} coefficients; {what} needs more rows than coefficients")


def linear_model(
    d: Design, target: str, conf_level: float = 0.95, alpha: float = 0.05, sampled: bool = False
) -> LinearModel:
    """OLS of `d.y` on `d.x` (R's `lm`), with the additions listed in the module's docstring.

    >>> d = design({"x": [1.0, 2, 3, 4, 5], "y": [1.1, 1.9, 3.2, 3.9, 5.1]}, {"x": "numeric", "y": "numeric"}, "y")
    >>> m = linear_model(d, "y"); round(m.terms[1].estimate, 4), round(m.r_squared, 4)
    (1.0, 0.9929)
    """
    from statsmodels.regression.linear_model import OLS
    from statsmodels.stats.diagnostic import het_breuschpagan

    _check_size(d, "a linear model")
    x, y = d.x, d.y
    n, p = x.shape
    fit = OLS(y, x).fit()
    a = 1 - conf_level
    ci = fit.conf_int(a)
    robust = fit.get_robustcov_results("HC3")
    rci = robust.conf_int(a)
    sd_y = float(np.std(y, ddof=1))
    vifs = _vifs(x)
    terms = []
    for j, name in enumerate(d.terms):
        sd_x = float(np.std(x[:, j], ddof=1))
        terms.append(
            Term(
                name,
                d.term_columns[j],
                float(fit.params[j]),
                float(fit.bse[j]),
                float(fit.tvalues[j]),
                float(fit.pvalues[j]),
                (float(ci[j, 0]), float(ci[j, 1])),
                standardised=float(fit.params[j]) * sd_x / sd_y if j and sd_y > 0 else None,
                vif=vifs[j - 1] if j else None,
                robust_se=float(robust.bse[j]),
                robust_p=float(robust.pvalues[j]),
                robust_ci=(float(rci[j, 0]), float(rci[j, 1])),
            )
        )
    out = LinearModel(
        method="Linear regression by ordinary least squares (R's lm)",
        statistic=float(fit.fvalue),
        p_value=float(fit.f_pvalue),
        df=(float(p - 1), float(n - p)),
        estimate=float(fit.rsquared),
        conf_level=conf_level,
        alternative=None,
        n=n,
        target=target,
        terms=terms,
        predictors=d.predictors,
        reference_levels=d.reference_levels,
        left_out=d.left_out,
        n_dropped=d.n_dropped,
        r_squared=float(fit.rsquared),
        adj_r_squared=float(fit.rsquared_adj),
        sigma=float(np.sqrt(fit.scale)),
        df_residual=n - p,
        sampled=sampled,
    )
    try:
        limits = r_squared_interval(float(fit.fvalue), p - 1, n - p, conf_level, out.notes)
        if limits is not None:
            out.ci, out.ci_kind = (limits[0], limits[1]), limits[2]
    except NotComputable as exc:
        out.notes.append(f"The interval for R² is not computable: {exc}.")
    with np.errstate(all="ignore"):
        bp_stat, bp_p, _, _ = het_breuschpagan(fit.resid, x)
    out.spread_statistic, out.spread_p_value = float(bp_stat), float(bp_p)
    out.robust_shown = bool(bp_p < alpha)
    out.curvature_statistic, out.curvature_p_value = tukey_curvature(x, y, np.asarray(fit.fittedvalues, dtype=float))
    out.max_vif = max((v for v in vifs if v is not None), default=None)
    _diagnose(out, fit, p)
    return out


def tukey_curvature(x: np.ndarray, y: np.ndarray, fitted: np.ndarray) -> tuple[float | None, float | None]:
    """Tukey's one-degree-of-freedom test for nonadditivity, as car's `residualPlots` reports it: the t statistic
    of the squared fitted values added to the model, with a two-sided standard-normal p-value. A small p-value
    says the relation bends in a way the linear terms miss. (None when fitted² adds nothing new to the terms.)"""
    from scipy import stats
    from statsmodels.regression.linear_model import OLS

    augmented = np.column_stack([x, fitted**2])
    if np.linalg.matrix_rank(augmented) < augmented.shape[1] or y.size <= augmented.shape[1] + 1:
        return None, None
    t = float(OLS(y, augmented).fit().tvalues[-1])
    return t, float(2 * stats.norm.sf(abs(t)))


def _vifs(x: np.ndarray) -> list[float | None]:
    """VIF of each non-intercept column, 1 / (1 − R² of that column on the others) (R's car::vif for 1-df terms):
    the diagonal of the inverse of their correlation matrix, which is the same number without k regressions."""
    if x.shape[1] < 3:
        return [1.0] * (x.shape[1] - 1)
    corr = np.corrcoef(x[:, 1:], rowvar=False)
    try:
        diag = np.diag(np.linalg.inv(corr))
    except np.linalg.LinAlgError:
        return [None] * (x.shape[1] - 1)
    return [float(v) if np.isfinite(v) and v >= 1 - 1e-9 else None for v in diag]


def _diagnose(out: LinearModel, fit: Any, p: int) -> None:
    """Leverage, Cook's distance and the residuals' shape; per-row values (at most MAX_DIAGNOSTIC_POINTS rows for
    the charts, seeded thinning by the section) go in `diagnostics`."""
    from scipy import stats

    influence = fit.get_influence()
    leverage = np.asarray(influence.hat_matrix_diag, dtype=float)
    cooks = np.asarray(influence.cooks_distance[0], dtype=float)
    std_resid = np.asarray(influence.resid_studentized_internal, dtype=float)
    n = leverage.size
    resid = np.asarray(fit.resid, dtype=float)
    out.high_leverage = int((leverage > 2 * p / n).sum())
    out.influential = int((cooks > 4 / n).sum())
    finite = cooks[np.isfinite(cooks)]
    out.max_cooks = float(finite.max()) if finite.size else None
    if n >= 3 and np.ptp(resid) > 0:
        out.residual_skewness = float(stats.skew(resid, bias=False))
        out.residual_kurtosis = float(stats.kurtosis(resid, bias=False)) if n >= 4 else None
    out.diagnostics = {
        "fitted": np.asarray(fit.fittedvalues, dtype=float),
        "residuals": resid,
        "std_residuals": std_resid,
        "leverage": leverage,
        "cooks": cooks,
        "p": p,
    }


def r_squared_interval(
    f: float, df1: int, df2: int, conf_level: float = 0.95, notes: list[str] | None = None
) -> tuple[float, float, str] | None:
    """Interval for the population R² with fixed predictors, and its kind: the noncentrality λ of the F distribution
    at which the observed F is the upper (lower) α/2 quantile, turned into R² = λ / (λ + n), n = df1 + df2 + 1
    (Steiger and Fouladi 1992; MBESS's `ci.R2(Random.Predictors = FALSE)`), by the boundary rule of `stats.ncp`
    that the other effect sizes follow: when F ≤ 1 (adjusted R² ≤ 0, the estimate of the population R² at its
    boundary 0, as omega² is) the interval is one-sided, [0, U] with P(F ≤ f | λ_U) = 1 − conf_level; an interval
    whose limits are all 0 is not given (None, with a note in `notes`), never a zero-width (0, 0)."""
    from scipy.stats import f as f_dist
    from scipy.stats import ncf

    n = df1 + df2 + 1
    limits = ncp_interval(
        lambda lam: float(ncf.cdf(f, df1, df2, lam)),
        f * df1,
        df1,
        conf_level,
        float(f_dist.cdf(f, df1, df2)),
        "R²",
        notes if notes is not None else [],
        at_boundary=f <= 1,
    )
    if limits is None:
        return None
    lo, hi, kind = limits
    return lo / (lo + n), hi / (hi + n), kind


def logistic_model(d: Design, target: str, conf_level: float = 0.95, sampled: bool = False) -> LogisticModel:
    """Logistic regression of the 0/1 `d.y` on `d.x` by IRLS (statsmodels GLM, binomial family: R's `glm`)."""
    from scipy import stats
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    _check_size(d, "a logistic model")
    x, y = d.x, d.y
    n, p = x.shape
    events = int(y.sum())
    if events == 0 or events == n:
        raise ValueError(f"the target {target} takes one value on the rows used")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = GLM(y, x, family=families.Binomial()).fit(maxiter=25)  # R: glm.control(maxit = 25)
    prob = np.asarray(fit.fittedvalues, dtype=float)
    separation = any("separation" in str(w.message).lower() for w in caught) or bool(
        np.any((prob < 1e-8) | (prob > 1 - 1e-8))
    )
    ci = fit.conf_int(1 - conf_level)
    terms = [
        Term(
            name,
            d.term_columns[j],
            float(fit.params[j]),
            float(fit.bse[j]),
            float(fit.tvalues[j]),
            float(fit.pvalues[j]),
            (float(ci[j, 0]), float(ci[j, 1])),
            odds_ratio=_exp(fit.params[j]),
            odds_ratio_ci=(_exp(ci[j, 0]), _exp(ci[j, 1])),
        )
        for j, name in enumerate(d.terms)
    ]
    lr = float(fit.null_deviance - fit.deviance)
    out = LogisticModel(
        method="Logistic regression by maximum likelihood (R's glm, family = binomial)",
        statistic=lr,
        p_value=float(stats.chi2.sf(lr, p - 1)),
        df=float(p - 1),
        conf_level=conf_level,
        alternative=None,
        n=n,
        target=target,
        event=d.event or "1",
        terms=terms,
        predictors=d.predictors,
        reference_levels=d.reference_levels,
        left_out=d.left_out,
        n_dropped=d.n_dropped,
        events=events,
        null_deviance=float(fit.null_deviance),
        deviance=float(fit.deviance),
        aic=float(fit.aic),
        separation=separation,
        sampled=sampled,
    )
    vifs = _vifs(x)
    out.max_vif = max((v for v in vifs if v is not None), default=None)
    out.auc, se = delong_auc(prob[y == 1], prob[y == 0])
    z = float(stats.norm.ppf(1 - (1 - conf_level) / 2))
    out.auc_ci = (max(0.0, out.auc - z * se), min(1.0, out.auc + z * se)) if se is not None else None
    out.estimate, out.ci = out.auc, out.auc_ci
    out.roc_fpr, out.roc_tpr = roc_curve(y, prob)
    out.brier = float(np.mean((prob - y) ** 2))
    out.calibration = calibration_bins(y, prob, conf_level)
    try:
        out.hosmer_lemeshow, out.hosmer_lemeshow_df, out.hosmer_lemeshow_p = hosmer_lemeshow(y, prob)
    except ValueError as exc:
        out.notes.append(f"The Hosmer-Lemeshow test is not computable: {exc}.")
    return out


def _exp(v: float) -> float:
    with np.errstate(over="ignore"):
        return float(np.exp(v))


def delong_auc(pos: np.ndarray, neg: np.ndarray) -> tuple[float, float | None]:
    """The AUC (the probability that a random positive scores above a random negative, ties counting half) and
    its standard error by DeLong, DeLong and Clarke-Pearson (1988), as pROC's `ci.auc(method = "delong")`.

    By hand for positives (0.9, 0.6) and negatives (0.7, 0.1): each positive beats (1, 1/2) of the negatives, each
    negative is beaten by (1/2, 1) of the positives; AUC = 3/4, variance = var(1, 1/2)/2 + var(1/2, 1)/2 = 1/8.

    >>> auc, se = delong_auc(np.array([0.9, 0.6]), np.array([0.7, 0.1])); auc, round(se**2, 4)
    (0.75, 0.125)
    """
    pos, neg = np.asarray(pos, dtype=float), np.asarray(neg, dtype=float)
    m, k = pos.size, neg.size
    if m == 0 or k == 0:
        raise ValueError("the AUC needs rows of both outcomes")
    # psi(x, y) = 1 if x > y, 1/2 if equal: from ranks, without an m × k matrix
    from scipy.stats import rankdata

    both = np.concatenate([pos, neg])
    r_all = rankdata(both)
    v10 = (r_all[:m] - rankdata(pos)) / k  # for each positive: the share of negatives below it
    v01 = 1 - (r_all[m:] - rankdata(neg)) / m  # for each negative: the share of positives above it
    auc = float(v10.mean())
    if m < 2 or k < 2:
        return auc, None
    var = float(np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / k)
    return auc, math.sqrt(var)


def roc_curve(y: np.ndarray, prob: np.ndarray) -> tuple[list[float], list[float]]:
    """False and true positive rates at every threshold (at most MAX_ROC_POINTS points, ends kept)."""
    order = np.argsort(-prob, kind="mergesort")
    ys, ps = y[order], prob[order]
    last = np.r_[np.flatnonzero(np.diff(ps)), ps.size - 1]  # the last row of each run of equal predictions
    tp = np.cumsum(ys)[last]
    fp = (last + 1) - tp
    tpr = np.r_[0.0, tp / max(ys.sum(), 1)]
    fpr = np.r_[0.0, fp / max((1 - ys).sum(), 1)]
    if tpr.size > MAX_ROC_POINTS:
        keep = np.unique(np.linspace(0, tpr.size - 1, MAX_ROC_POINTS).round().astype(int))
        tpr, fpr = tpr[keep], fpr[keep]
    return [round(float(v), 5) for v in fpr], [round(float(v), 5) for v in tpr]


def _groups(prob: np.ndarray, g: int = 10) -> np.ndarray:
    """Group index of each prediction: cut at its quantiles (type 7) into at most g groups, lowest included."""
    breaks = np.unique(np.quantile(prob, np.linspace(0, 1, g + 1)))
    return np.clip(np.searchsorted(breaks, prob, side="left") - 1, 0, max(breaks.size - 2, 0))


def calibration_bins(y: np.ndarray, prob: np.ndarray, conf_level: float = 0.95) -> list[CalibrationBin]:
    """Observed share against mean prediction in tenths of the predictions (fewer when predictions repeat)."""
    groups = _groups(prob)
    out = []
    for gi in np.unique(groups):
        sel = groups == gi
        n, events = int(sel.sum()), int(y[sel].sum())
        out.append(CalibrationBin(n, float(prob[sel].mean()), events / n, wilson_interval(events, n, conf_level)))
    return out


def hosmer_lemeshow(y: np.ndarray, prob: np.ndarray, g: int = 10) -> tuple[float, int, float]:
    """Σ over groups of (O − E)² / (E (1 − E/n)) for events, groups cut at the predictions' quantiles, on g − 2
    degrees of freedom (ResourceSelection's `hoslem.test`, which sums over events and non-events alike: the same
    number)."""
    from scipy import stats

    groups = _groups(prob, g)
    k = int(np.unique(groups).size)
    if k < 3:
        raise ValueError("the predictions take fewer than 3 distinct groups")
    stat = 0.0
    for gi in np.unique(groups):
        sel = groups == gi
        n, observed, expected = sel.sum(), y[sel].sum(), prob[sel].sum()
        for e in (expected, n - expected):  # a cell expecting no rows contributes its limit, 0 (its O − E is 0)
            stat += (observed - expected) ** 2 / e if e > 1e-12 else 0.0
    return float(stat), k - 2, float(stats.chi2.sf(stat, k - 2))
