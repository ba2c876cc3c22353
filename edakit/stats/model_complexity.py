"""Overfitting and underfitting on the user's data: training error against k-fold cross-validated error for
models of growing complexity, and a learning curve (error against training-set size).

Two ladders of complexity: polynomials of the strongest numeric predictor, degree 1 to `MAX_DEGREE` (orthogonal
polynomials, as R's `poly()`: the same fitted values as raw powers, with stable arithmetic); and the
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
from dataclasses import dataclass, field

import numpy as np

MAX_DEGREE = 10
MAX_STEPS = 15  # predictors added one at a time: at most this many steps
LEARNING_SIZES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


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


def orthonormal(x: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns of `x` that keeps their nesting: the first j columns of the result span
    the first j columns of `x` (a QR decomposition, as R's `poly()` builds orthogonal polynomials). Fits on it give
    the same fitted values as fits on `x`, with stable arithmetic even for a degree-10 polynomial."""
    q, r = np.linalg.qr(x)
    keep = np.abs(np.diag(r)) > 1e-10 * max(float(np.abs(np.diag(r)).max()), 1e-300)
    return q * np.where(keep, 1.0, 0.0)  # a column that adds nothing new adds nothing to any fit


def _least_squares_steps(
    q: np.ndarray, y: np.ndarray, train: np.ndarray, held: np.ndarray, widths: list[int]
) -> list[tuple[float, float] | None]:
    """Training and held-out RMSE of the least-squares fits on the first `w` columns of `q`, for each w in
    `widths`: one Gram matrix of the training rows, then a small solve per model."""
    qt, yt = q[train], y[train]
    gram, cross = qt.T @ qt, qt.T @ yt
    out: list[tuple[float, float] | None] = []
    for w in widths:
        if w >= train.size:
            out.append(None)
            continue
        beta = np.linalg.lstsq(gram[:w, :w], cross[:w], rcond=None)[0]
        out.append((rmse(yt, qt[:, :w] @ beta), rmse(y[held], q[held, :w] @ beta)))
    return out


def logistic_fit(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, max_iter: int = 25) -> np.ndarray:
    """Predicted probabilities of the maximum-likelihood logistic fit, by Newton's method on the small Gram
    matrices (the same estimates as statsmodels' GLM, which the report's model uses, about 50 times faster: the
    curves refit hundreds of models). At most `max_iter` steps (R's glm default): under (near) separation the
    estimates run off and the probabilities go to 0 and 1, which is what overfitting looks like here; the linear
    predictor is clipped at ±35 so that no exponential overflows."""
    beta = np.zeros(x_train.shape[1])
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-np.clip(x_train @ beta, -35, 35)))
        hessian = (x_train * (p * (1 - p))[:, None]).T @ x_train
        step = np.linalg.lstsq(hessian, x_train.T @ (y_train - p), rcond=None)[0]
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return 1 / (1 + np.exp(-np.clip(x_test @ beta, -35, 35)))


def _logistic_steps(
    q: np.ndarray, y: np.ndarray, train: np.ndarray, held: np.ndarray, widths: list[int]
) -> list[tuple[float, float] | None]:
    """Training and held-out Brier score of the logistic fits on the first `w` columns of `q`, for each w."""
    out: list[tuple[float, float] | None] = []
    for w in widths:
        if w >= train.size or np.unique(y[train]).size < 2:
            out.append(None)
            continue
        try:
            fitted = logistic_fit(q[train, :w], y[train], q[:, :w])
        except (np.linalg.LinAlgError, ValueError, ArithmeticError):
            out.append(None)
            continue
        ok = np.all(np.isfinite(fitted))
        out.append((brier(y[train], fitted[train]), brier(y[held], fitted[held])) if ok else None)
    return out


def rmse(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.sqrt(np.mean((y - pred) ** 2)))


def brier(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean((y - pred) ** 2))


def _curve(curve: ComplexityCurve, q: np.ndarray, y: np.ndarray, widths: list[int], seed: int, binary: bool) -> None:
    """Fill `curve` with the mean training error, mean held-out error and its standard error over k seeded folds
    of the models on the first w columns of `q`, w in `widths`; a model that cannot be fitted on every fold is
    left unscored (None)."""
    n = y.size
    curve.folds, curve.n = fold_count(n), n
    steps = _logistic_steps if binary else _least_squares_steps
    per_fold = []
    for held in folds_of(n, curve.folds, seed):
        train = np.setdiff1d(np.arange(n), held, assume_unique=True)
        per_fold.append(steps(q, y, train, held, widths))
    for i in range(len(widths)):
        scores = [fold[i] for fold in per_fold]
        if any(s is None for s in scores):
            curve.train_error.append(None)
            curve.cv_error.append(None)
            curve.cv_se.append(None)
            continue
        test = [s[1] for s in scores]
        curve.train_error.append(float(np.mean([s[0] for s in scores])))
        curve.cv_error.append(float(np.mean(test)))
        curve.cv_se.append(float(np.std(test, ddof=1) / math.sqrt(len(test))))


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
    top = int(min(max_degree, np.unique(x).size - 1))
    curve = ComplexityCurve("degree", f"polynomial degree of {name}", metric="Brier score" if binary else "RMSE")
    z = (x - x.mean()) / (x.std() or 1.0)  # any centring and scaling gives the same fits; this one keeps powers small
    q = orthonormal(np.vander(z, top + 1, increasing=True))
    curve.steps = [str(d) for d in range(1, top + 1)]
    _curve(curve, q, y, [d + 1 for d in range(1, top + 1)], seed, binary)
    return _mark_best(curve)


def strength_order(blocks: dict[str, np.ndarray], y: np.ndarray) -> list[str]:
    """Predictors (name -> its design columns) from strongest to weakest: by the R² of y on that predictor alone."""
    centred = y - y.mean()
    tss = float(centred @ centred)
    r2 = {}
    for name, cols in blocks.items():
        q = orthonormal(np.column_stack([np.ones(y.size), cols]))
        explained = q.T @ centred
        r2[name] = float(explained @ explained) / tss if tss > 0 else 0.0
    return sorted(blocks, key=lambda name: -r2[name])


def predictors_curve(blocks: dict[str, np.ndarray], y: np.ndarray, seed: int, binary: bool = False) -> ComplexityCurve:
    """Models with the first 1, 2, … predictors in order of strength (at most MAX_STEPS), k-fold CV."""
    order = strength_order(blocks, y)[:MAX_STEPS]
    curve = ComplexityCurve(
        "predictors", "predictors, added in order of strength", metric="Brier score" if binary else "RMSE"
    )
    q = orthonormal(np.column_stack([np.ones(y.size), *(blocks[c] for c in order)]))
    widths = list(np.cumsum([1] + [blocks[c].shape[1] for c in order])[1:])
    curve.steps = [("" if i == 0 else "+ ") + name for i, name in enumerate(order)]
    _curve(curve, q, y, [int(w) for w in widths], seed, binary)
    return _mark_best(curve)


def learning_curve(x: np.ndarray, y: np.ndarray, seed: int, binary: bool = False) -> LearningCurve:
    """The model with design matrix `x` fitted on 10 %, 20 %, … 100 % of each training fold (a seeded subset,
    at least one more row than coefficients), scored on that subset and on the held-out fold."""
    n = y.size
    k = fold_count(n)
    folds = folds_of(n, k, seed)
    rng = np.random.default_rng(seed + 1)
    q = orthonormal(x)
    w = q.shape[1]
    steps = _logistic_steps if binary else _least_squares_steps
    out = LearningCurve(metric="Brier score" if binary else "RMSE", folds=k, n=n)
    orders = [rng.permutation(np.setdiff1d(np.arange(n), held, assume_unique=True)) for held in folds]
    for share in LEARNING_SIZES:
        scores, sizes = [], []
        for held, order in zip(folds, orders, strict=True):
            m = int(round(share * order.size))
            if m <= w + 1:
                continue
            score = steps(q, y, order[:m], held, [w])[0]
            if score is not None:
                scores.append(score)
                sizes.append(m)
        if len(scores) < 2:
            continue
        test = [s[1] for s in scores]
        out.sizes.append(int(round(np.mean(sizes))))
        out.train_error.append(float(np.mean([s[0] for s in scores])))
        out.cv_error.append(float(np.mean(test)))
        out.cv_se.append(float(np.std(test, ddof=1) / math.sqrt(len(test))))
    return out
