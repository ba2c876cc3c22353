"""Gather for the models of a target: the seeded sample's values of the target and its candidate predictors.

Regression needs raw values, so the models run on the same seeded draw of rows as the profile's sample (every row
when the table has at most `sample_size` rows). No scipy, no statistics.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from edakit.engine.convert import apply_conversions
from edakit.engine.sample import draw_sample


def model_values(ctx: Any, names: list[str], numeric: set[str]) -> tuple[dict[str, Any], bool]:
    """The columns `names` of the seeded sample of `ctx` (an `AnalysisContext`): numeric ones (`numeric`) as float
    arrays with NaN for missing, the others as lists of values with None; and whether the rows are a sample."""
    import polars as pl

    work = apply_conversions(ctx.table.frame, ctx.schema)
    frame, sampled = draw_sample(work, names, ctx.summary.rows, ctx.config.sample_size, ctx.config.seed)
    values: dict[str, Any] = {}
    for name in names:
        column = frame[name]
        if name in numeric:
            values[name] = np.asarray(column.cast(pl.Float64, strict=False).to_numpy(), dtype=float)
        else:
            values[name] = column.to_list()
    return values, sampled
