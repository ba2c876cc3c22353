"""Gather for CUPED's robust standard error: the ANCOVA y ~ variant + x and the sums its HC2 sandwich needs.

CUPED's adjusted difference is the variant coefficient of the ANCOVA `lm(y ~ variant + x)` on the complete cases
(Deng et al. 2013); its standard error must allow for the estimated slope and for unequal variances, so it is the
HC2 sandwich (MacKinnon & White 1985; R `sandwich::vcovHC(type = "HC2")`, statsmodels `cov_type="HC2"`).
The design, one indicator per variant and the covariate x̃ = x − c (c a shift near its mean), gives a bread
A = (X'X)⁻¹ from the per-variant moments alone (`design`), and each row's leverage h = A[a,a] + 2·A[a,x]·x̃ +
A[x,x]·x̃² and residual e = y − α_a − θ·x̃ from the coefficients. The meat needs, per variant, Σw, Σw·x̃ and
Σw·x̃² with w = e²/(1 − h): one `select` on each variant's rows for all metrics (`hc2_sums`), sums only.
`stats.ab` forms the sandwich A·M·A.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine import ab_sums
from edakit.engine.expressions import finite_only


@dataclass
class Design:
    """The ANCOVA on the complete cases of the variants in `labels`: slope `theta`, per-variant intercepts `alpha`
    (at x̃ = 0), the bread `bread` = (X'X)⁻¹ (variants in `labels` order, then x̃) and the shift of x."""

    labels: list[str]
    theta: float
    alpha: list[float]
    bread: np.ndarray
    shift: float


def design(joint: Mapping[str, Any], shift: float) -> Design | None:
    """The ANCOVA's coefficients and bread from each variant's complete-case moments (n, mean_y, mean_x, ss_x,
    sp_xy, as `engine.groups.JointMoments`), x shifted by `shift`; None when singular (a constant covariate)."""
    labels = [k for k, j in joint.items() if j.n > 0]
    k = len(labels)
    xtx = np.zeros((k + 1, k + 1))
    ss_x = sp = 0.0
    for i, name in enumerate(labels):
        j = joint[name]
        mx = j.mean_x - shift
        xtx[i, i] = j.n
        xtx[i, k] = xtx[k, i] = j.n * mx
        xtx[k, k] += j.ss_x + j.n * mx * mx
        ss_x += j.ss_x
        sp += j.sp_xy
    if not ss_x > 0 or not np.all(np.isfinite(xtx)):
        return None
    theta = sp / ss_x
    alpha = [joint[name].mean_y - theta * (joint[name].mean_x - shift) for name in labels]
    try:
        bread = np.linalg.inv(xtx)
    except np.linalg.LinAlgError:
        return None
    return Design(labels, theta, alpha, bread, shift)


def hc2_sums(
    frame: nw.LazyFrame,
    group: str,
    covariate: str,
    designs: Mapping[str, Design],
    values: Mapping[str, Any],
    floats: Mapping[str, bool],
    rows: ab_sums.Partition | None = None,
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Per metric of `designs` (metric -> its ANCOVA) and per variant of its design, Σw, Σw·x̃ and Σw·x̃² over the
    complete cases, w = e²/(1 − h) (see the module): one `select` on each variant's rows for every metric (a few
    filtered selects cost polars less than a `group_by` hashing every row's variant). `values` maps each variant's
    label to its value in `group`; `floats` says which columns are float columns (NaN and ±inf are missing). A
    variant's constants (A[a,a], A[a,x], α_a) are literals of its select; the values, x̃ and w are each computed
    once as a column, which the sums then read (the nested expressions they replace cost the engine twice as much).
    `rows`: each variant's values as numpy arrays (`engine.ab_sums.partition`, rows polars holds), which numpy
    sums in a fixed order instead (the same digits whatever polars' threads)."""
    names = list(dict.fromkeys(name for d in designs.values() for name in d.labels))
    if rows is not None:
        records = ab_sums.hc2_sums(rows, covariate, dict(enumerate(designs.items())))
    else:
        records = {name: _variant_sums(frame, group, values[name], name, covariate, designs, floats) for name in names}

    def sums(name: str, j: int) -> tuple[float, float, float]:
        row = records.get(name, {})
        w, wx, wxx = (float(row.get(f"{key}{j}") or 0.0) for key in ("w", "wx", "wxx"))
        return w, wx, wxx

    return {metric: {name: sums(name, j) for name in d.labels} for j, (metric, d) in enumerate(designs.items())}


def _variant_sums(
    frame: nw.LazyFrame,
    group: str,
    value: Any,
    name: str,
    covariate: str,
    designs: Mapping[str, Design],
    floats: Mapping[str, bool],
) -> dict[str, Any]:
    """Σw, Σw·x̃ and Σw·x̃² (`w{j}`, `wx{j}`, `wxx{j}`) of every metric j whose design has the variant `name`, over
    the rows whose `group` is `value`: one `select`."""
    columns = [finite_only(nw.col(covariate).cast(nw.Float64), floats[covariate]).alias("__edakit_ab_x")]
    shifted: dict[float, str] = {}  # x̃ = x − shift, one column per distinct shift (the metrics usually share it)
    weights: list[nw.Expr] = []
    aggs: list[nw.Expr] = []
    for j, (metric, d) in enumerate(designs.items()):
        if name not in d.labels:
            continue
        columns.append(finite_only(nw.col(metric).cast(nw.Float64), floats[metric]).alias(f"__edakit_ab_y{j}"))
        xt = shifted.setdefault(d.shift, f"__edakit_ab_xt{len(shifted)}")
        a, k, i = d.bread, len(d.labels), d.labels.index(name)
        x, y = nw.col(xt), nw.col(f"__edakit_ab_y{j}")
        h = float(a[i, i]) + float(2 * a[i, k]) * x + a[k, k] * x * x
        e = y - float(d.alpha[i]) - d.theta * x
        weights.append(nw.when(~y.is_null() & ~x.is_null()).then(e * e / (1 - h)).alias(f"__edakit_ab_w{j}"))
        w = nw.col(f"__edakit_ab_w{j}")
        aggs += [w.sum().alias(f"w{j}"), (w * x).sum().alias(f"wx{j}"), (w * x * x).sum().alias(f"wxx{j}")]
    rows = frame.filter(nw.col(group) == value).with_columns(*columns)
    rows = rows.with_columns(*[(nw.col("__edakit_ab_x") - shift).alias(xt) for shift, xt in shifted.items()])
    out = rows.with_columns(*weights).select(*aggs).collect()
    return dict(zip(out.columns, out.row(0), strict=True))
