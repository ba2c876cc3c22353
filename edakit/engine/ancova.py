"""Gather for CUPED's robust standard error: the ANCOVA y ~ variant + x and the sums its HC2 sandwich needs.

CUPED's adjusted difference is the variant coefficient of the ANCOVA `lm(y ~ variant + x)` on the complete cases
(Deng et al. 2013); its standard error must allow for the estimated slope and for unequal variances, so it is the
HC2 sandwich (MacKinnon & White 1985; R `sandwich::vcovHC(type = "HC2")`, statsmodels `cov_type="HC2"`).
The design, one indicator per variant and the covariate x̃ = x − c (c a shift near its mean), gives a bread
A = (X'X)⁻¹ from the per-variant moments alone (`design`), and each row's leverage h = A[a,a] + 2·A[a,x]·x̃ +
A[x,x]·x̃² and residual e = y − α_a − θ·x̃ from the coefficients. The meat needs, per variant, Σw, Σw·x̃ and
Σw·x̃² with w = e²/(1 − h): one engine pass (`hc2_sums`), sums only. `stats.ab` forms the sandwich A·M·A.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.expressions import finite_only
from edakit.engine.pairs import label


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
    frame: nw.LazyFrame, group: str, metric: str, covariate: str, d: Design, float_columns: tuple[bool, bool]
) -> dict[str, tuple[float, float, float]]:
    """Per variant of `d`, Σw, Σw·x̃ and Σw·x̃² over the complete cases, w = e²/(1 − h) (see the module), in one
    pass. `float_columns` says whether the metric and the covariate are float columns (NaN and ±inf are missing)."""
    y = finite_only(nw.col(metric).cast(nw.Float64), float_columns[0])
    x = finite_only(nw.col(covariate).cast(nw.Float64), float_columns[1]) - d.shift
    raw = frame.select(nw.col(group).alias("g")).filter(~nw.col("g").is_null()).unique().collect()["g"].to_list()
    values = {label(v): v for v in raw}
    k = len(d.labels)
    exprs = []
    for i, name in enumerate(d.labels):
        a = d.bread
        h = a[i, i] + 2 * a[i, k] * x + a[k, k] * x * x
        e = y - d.alpha[i] - d.theta * x
        w = nw.when((nw.col(group) == values[name]) & ~y.is_null() & ~x.is_null()).then(e * e / (1 - h))
        exprs += [w.sum().alias(f"w{i}"), (w * x).sum().alias(f"wx{i}"), (w * x * x).sum().alias(f"wxx{i}")]
    df = frame.select(exprs).collect()
    row = dict(zip(df.columns, df.row(0), strict=True))
    return {
        name: (float(row[f"w{i}"] or 0.0), float(row[f"wx{i}"] or 0.0), float(row[f"wxx{i}"] or 0.0))
        for i, name in enumerate(d.labels)
    }
