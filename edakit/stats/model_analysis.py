"""The models of a target (`--target`): a linear or logistic regression on the other usable columns, and the
overfitting/underfitting panel (complexity curves and a learning curve), as one typed result, `ModelAnalysis`.

A numeric target with more than two values gets a linear model; a target with exactly two values (0/1, a
boolean, two labels) a logistic one. The complexity and learning curves use at most `MAX_CURVE_ROWS` rows (a
seeded subset of the model's rows), because they refit every model k times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.stats.model_complexity import (
    ComplexityCurve,
    LearningCurve,
    learning_curve,
    polynomial_curve,
    predictors_curve,
    strength_order,
)
from edakit.stats.models import ExcludedColumn, LinearModel, LogisticModel, design, linear_model, logistic_model
from edakit.stats.result import Presentable

MAX_CURVE_ROWS = 5_000


@dataclass(repr=False)
class ModelAnalysis(Presentable):
    """A model of the target on the other columns (`linear` or `logistic`, the other None) and the curves that
    show under- and overfitting on these data."""

    target: str
    family: str  # "linear" or "logistic" (not `kind`: the JSON names the class there)
    linear: LinearModel | None = None
    logistic: LogisticModel | None = None
    polynomial: ComplexityCurve | None = None  # degree 1..10 of the strongest numeric predictor
    stepwise: ComplexityCurve | None = None  # predictors added in order of strength
    learning: LearningCurve | None = None  # the full model on growing training sets
    strongest: str | None = None  # the strongest numeric predictor (alone)
    rows: int = 0  # rows of the table
    sample_rows: int = 0  # rows drawn (the seeded sample when the table is large)
    curve_rows: int = 0  # rows the curves used
    sampled: bool = False
    seed: int = 0
    notes: list[str] = field(default_factory=list)

    KEY_FIELDS = ("target", "family", "rows", "sample_rows")

    @property
    def method(self) -> str:
        """The fitted model's method (for the one-line repr)."""
        m = self.model
        return m.method if m is not None else "no model"

    @property
    def model(self) -> LinearModel | LogisticModel | None:
        return self.linear if self.family == "linear" else self.logistic


def is_binary(values: Any, kind: str) -> bool:
    """Whether the target has exactly two distinct present values."""
    if kind == "numeric":
        v = np.asarray(values, dtype=float)
        return np.unique(v[np.isfinite(v)]).size == 2
    return len({str(a) for a in values if a is not None}) == 2


def analyse(
    values: dict[str, Any],
    kinds: dict[str, str],
    target: str,
    *,
    left_out: list[ExcludedColumn] | None = None,
    rows: int = 0,
    sampled: bool = False,
    conf_level: float = 0.95,
    alpha: float = 0.05,
    seed: int = 0,
) -> ModelAnalysis:
    """Fit the model of `target` on the other columns of `values` (name -> array, `kinds[name]` "numeric" or
    "categorical") and compute the curves; `left_out`: columns set aside before (by role), with the reason."""
    binary = is_binary(values[target], kinds[target])
    if not binary and kinds[target] != "numeric":
        raise ValueError(f"{target} is neither numeric nor two-valued, so no regression model fits it")
    d = design(values, kinds, target, binary=binary)
    out = ModelAnalysis(target, "logistic" if binary else "linear", rows=rows, sampled=sampled, seed=seed)
    out.sample_rows = len(values[target])
    if binary:
        out.logistic = logistic_model(d, target, conf_level, sampled=sampled)
    else:
        out.linear = linear_model(d, target, conf_level, alpha, sampled=sampled)
    model = out.model
    model.left_out = list(left_out or []) + model.left_out
    x, y = d.x, d.y
    if y.size > MAX_CURVE_ROWS:
        keep = np.sort(np.random.default_rng(seed).choice(y.size, MAX_CURVE_ROWS, replace=False))
        x, y = x[keep], y[keep]
    out.curve_rows = int(y.size)
    blocks = {name: x[:, [j for j, c in enumerate(d.term_columns) if c == name]] for name in d.predictors}
    numeric = [name for name in d.predictors if kinds[name] == "numeric"]
    if numeric:
        out.strongest = next(name for name in strength_order(blocks, y) if name in numeric)
        out.polynomial = polynomial_curve(blocks[out.strongest][:, 0], y, out.strongest, seed, binary)
    if len(blocks) >= 2:
        out.stepwise = predictors_curve(blocks, y, seed, binary)
    out.learning = learning_curve(x, y, seed, binary)
    return out
