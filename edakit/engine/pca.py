"""Gather for the principal-component analysis: the seeded sample's values of the chosen numeric columns.

PCA (`edakit.stats.pca`) needs raw values, so it runs on the profile's seeded sample of rows (every row when the
table is small). With a group column (`config.group`) the same seeded draw of rows is made again with the group
column alongside, so that each row's scores can be coloured by its group. No scipy, no statistics.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from edakit.engine.convert import apply_conversions
from edakit.engine.sample import draw_sample


def sample_matrix(ctx: Any, names: list[str], group: str | None = None) -> tuple[np.ndarray, list[str] | None]:
    """The columns `names` of the seeded sample of `ctx` (an `AnalysisContext`) as a float matrix (NaN for missing),
    and with `group` the group label of each row that has every value present (the rows PCA uses), else None."""
    if group is None:
        frame = ctx.summary.sample.select(names)
        labels = None
    else:  # the same seeded draw of rows, with the group column alongside
        work = apply_conversions(ctx.table.frame, ctx.schema)
        frame, _ = draw_sample(work, [*names, group], ctx.summary.rows, ctx.summary.sample_size, ctx.config.seed)
        labels = ["(missing)" if v is None else str(v) for v in frame[group].to_list()]
        frame = frame.select(names)
    matrix = np.column_stack([np.asarray(frame[n].cast(float).to_numpy(), dtype=float) for n in names])
    if labels is not None:
        complete = np.all(np.isfinite(matrix), axis=1)
        labels = [lab for lab, keep in zip(labels, complete, strict=True) if keep]
    return matrix, labels
