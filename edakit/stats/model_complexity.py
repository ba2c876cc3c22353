"""Overfitting and underfitting on the user's data: training error against k-fold cross-validated error for
models of growing complexity, and a learning curve (error against training-set size).

Two ladders of complexity: polynomials of the strongest numeric predictor, degree 1 to `MAX_DEGREE` (its values
standardised on each training fold, then raised to the powers 1..d and fitted by least squares); and the
predictors added one at a time in order of strength (the share of the target's variance each explains alone).
Every model is fitted on k − 1 folds and scored on the held-out fold; the same seeded folds serve every model,
so the curves compare like with like. The error is the root mean squared error (RMSE) for a numeric target and
the Brier score (the mean squared error of the predicted probability) for a two-valued one, whose models are
logistic fits. The best complexity is the one with the lowest cross-validated error; the simplest model within
one standard error of it (the "one-standard-error rule", Hastie, Tibshirani and Friedman 2009, §7.10) is marked
too. No scikit-learn: the folds are a seeded permutation split in k parts, as `KFold(shuffle=True)` makes them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

MAX_DEGREE = 10
MAX_STEPS = 15  # predictors added one at a time: at most this many steps
LEARNING_SIZES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

Fitter = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass
class ComplexityCurve:
    """Training and cross-validated error of models of growing complexity (`steps[i]` names the i-th model)."""

    kind: str  # "degree" (polynomial of one predictor) or "predictors" (added in order of strength)
    label: str  # what grows, in words: "polynomial degree of Girth"
    steps: list[str] = field(default_factory=list)
    train_error: list[float | None] = field(default_factory=list)  # mean over folds of the error on the training folds
    cv_error: list[float | None] = field(default_factory=list)  # mean over folds of the error on the held-out fold
    cv_se: list[float | None] = field(default_factory=list)  # standard error of that mean (sd of folds / √k)
    best: int | None = None  # index of the lowest cross-validated error
    one_se: int | None = None  # the simplest model within one standard error of the best
    metric: str = "RMSE"
    folds: int = 0
    n: int = 0


@dataclass
class LearningCurve:
    """Training and cross-validated error of the full model fitted on growing shares of each training fold."""

    sizes: list[int] = field(default_factory=list)  # rows the model was fitted on (mean over folds)
    train_error: list[float | None] = field(default_factory=list)
    cv_error: list[float | None] = field(default_factory=list)
    cv_se: list[float | None] = field(default_factory=list)
    metric: str = "RMSE"
    folds: int = 0
    n: int = 0


def fold_count(n: int) -> int:
    """10 folds from 100 rows on, 5 below (each held-out fold keeps a handful of rows)."""
    return 10 if n >= 100 else 5


def folds_of(n: int, k: int, seed: int) -> list[np.ndarray]:
    """k disjoint held-out index sets covering 0..n−1, from a seeded permutation."""
    return [np.sort(f) for f in np.array_split(np.random.default_rng(seed).permutation(n), k)]


def least_squares(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray) -> np.ndarray:
    beta, *_ = np.linalg.lstsq(x_train, y_train, rcond=None)
    return x_test @ beta


def logistic_fit(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray) -> np.ndarray:
    """Predicted probabilities of a logistic fit (statsmodels GLM); near-separation gives probabilities near
    0 and 1, which is what overfitting looks like here."""
    import statsmodels.api as sm

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fit = sm.GLM(y_train, x_train, family=sm.families.Binomial()).fit(maxiter=50)
        return np.asarray(fit.predict(x_test), dtype=float)


def rmse(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.sqrt(np.mean((y - pred) ** 2)))


def brier(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean((y - pred) ** 2))


def _scores(
    build: Callable[[np.ndarray], np.ndarray], y: np.ndarray, folds: list[np.ndarray], fitter: Fitter, loss: Callable
) -> tuple[float | None, float | None, float | None]:
    """Mean training error, mean held-out error and its standard error over the folds; `build(train_index)`
    returns the design matrix of all rows, built with what only the training rows may decide."""
    n = y.size
    train_errors, test_errors = [], []
    for held in folds:
        train = np.setdiff1d(np.arange(n), held, assume_unique=True)
        x = build(train)
        if x.shape[1] >= train.size:
            return None, None, None
        try:
            fitted = fitter(x[train], y[train], x)
        except (np.linalg.LinAlgError, ValueError, ArithmeticError):
            return None, None, None
        if not np.all(np.isfinite(fitted)):
            return None, None, None
        train_errors.append(loss(y[train], fitted[train]))
        test_errors.append(loss(y[held], fitted[held]))
    k = len(test_errors)
    se = float(np.std(test_errors, ddof=1) / math.sqrt(k)) if k > 1 else None
    return float(np.mean(train_errors)), float(np.mean(test_errors)), se


def _mark_best(curve: ComplexityCurve) -> ComplexityCurve:
    scored = [(e, i) for i, e in enumerate(curve.cv_error) if e is not None]
    if not scored:
        return curve
    best_error, curve.best = min(scored)
    se = curve.cv_se[curve.best] or 0.0
    curve.one_se = min(i for e, i in scored if e <= best_error + se)
    return curve


def polynomial_curve(
    x: np.ndarray, y: np.ndarray, name: str, seed: int, binary: bool = False, max_degree: int = MAX_DEGREE
) -> ComplexityCurve:
    """Polynomials of degree 1..max_degree of `x` (at most distinct values − 1) fitted to `y`, k-fold CV."""
    n = y.size
    k = fold_count(n)
    folds = folds_of(n, k, seed)
    top = int(min(max_degree, np.unique(x).size - 1))
    curve = ComplexityCurve("degree", f"polynomial degree of {name}", metric="Brier score" if binary else "RMSE")
    curve.folds, curve.n = k, n
    fitter, loss = (logistic_fit, brier) if binary else (least_squares, rmse)
    for degree in range(1, top + 1):

        def build(train: np.ndarray, degree: int = degree) -> np.ndarray:
            z = (x - x[train].mean()) / (x[train].std() or 1.0)
            return np.vander(z, degree + 1, increasing=True)

        tr, cv, se = _scores(build, y, folds, fitter, loss)
        curve.steps.append(str(degree))
        curve.train_error.append(tr)
        curve.cv_error.append(cv)
        curve.cv_se.append(se)
    return _mark_best(curve)


def strength_order(blocks: dict[str, np.ndarray], y: np.ndarray) -> list[str]:
    """Predictors (name -> its design columns) from strongest to weakest: by the R² of y on that predictor alone."""
    tss = float(((y - y.mean()) ** 2).sum())
    r2 = {}
    for name, cols in blocks.items():
        x = np.column_stack([np.ones(y.size), cols])
        resid = y - least_squares(x, y, x)
        r2[name] = 1 - float(resid @ resid) / tss if tss > 0 else 0.0
    return sorted(blocks, key=lambda name: -r2[name])


def predictors_curve(blocks: dict[str, np.ndarray], y: np.ndarray, seed: int, binary: bool = False) -> ComplexityCurve:
    """Models with the first 1, 2, … predictors in order of strength (at most MAX_STEPS), k-fold CV."""
    n = y.size
    k = fold_count(n)
    folds = folds_of(n, k, seed)
    order = strength_order(blocks, y)[:MAX_STEPS]
    curve = ComplexityCurve(
        "predictors", "predictors, added in order of strength", metric="Brier score" if binary else "RMSE"
    )
    curve.folds, curve.n = k, n
    fitter, loss = (logistic_fit, brier) if binary else (least_squares, rmse)
    for i, name in enumerate(order):
        x = np.column_stack([np.ones(n), *(blocks[c] for c in order[: i + 1])])
        tr, cv, se = _scores(lambda _train, x=x: x, y, folds, fitter, loss)
        curve.steps.append(("" if i == 0 else "+ ") + name)
        curve.train_error.append(tr)
        curve.cv_error.append(cv)
        curve.cv_se.append(se)
    return _mark_best(curve)


def learning_curve(x: np.ndarray, y: np.ndarray, seed: int, binary: bool = False) -> LearningCurve:
    """The model with design matrix `x` fitted on 10 %, 20 %, … 100 % of each training fold (a seeded subset,
    at least one more row than coefficients), scored on that subset and on the held-out fold."""
    n = y.size
    k = fold_count(n)
    folds = folds_of(n, k, seed)
    rng = np.random.default_rng(seed + 1)
    fitter, loss = (logistic_fit, brier) if binary else (least_squares, rmse)
    out = LearningCurve(metric="Brier score" if binary else "RMSE", folds=k, n=n)
    orders = [rng.permutation(np.setdiff1d(np.arange(n), held, assume_unique=True)) for held in folds]
    for share in LEARNING_SIZES:
        train_errors, test_errors, sizes = [], [], []
        for held, order in zip(folds, orders, strict=True):
            m = int(round(share * order.size))
            if m <= x.shape[1] + 1:
                continue
            train = order[:m]
            if binary and np.unique(y[train]).size < 2:
                continue
            try:
                fitted = fitter(x[train], y[train], x)
            except (np.linalg.LinAlgError, ValueError, ArithmeticError):
                continue
            if not np.all(np.isfinite(fitted)):
                continue
            train_errors.append(loss(y[train], fitted[train]))
            test_errors.append(loss(y[held], fitted[held]))
            sizes.append(m)
        if len(test_errors) < 2:
            continue
        out.sizes.append(int(round(np.mean(sizes))))
        out.train_error.append(float(np.mean(train_errors)))
        out.cv_error.append(float(np.mean(test_errors)))
        out.cv_se.append(float(np.std(test_errors, ddof=1) / math.sqrt(len(test_errors))))
    return out
