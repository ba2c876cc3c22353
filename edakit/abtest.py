"""`edakit.ab(...)`: an A/B test on a table, without the rest of the report."""

from __future__ import annotations

from typing import Any

from edakit.stats.ab import ABResult


def ab(
    source: Any,
    group: str,
    metrics: str | list[str],
    control: Any = None,
    *,
    expected_split: list[float] | dict[str, float] | None = None,
    covariate: str | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
    metric_types: dict[str, str] | None = None,
    p_adjust: str = "holm",
    conf_level: float = 0.95,
    equivalence_margin: float | None = None,
    design: str = "randomised",
) -> ABResult:
    """Compare the variants in column `group` on each of `metrics` against `control`.

    `source` is a DataFrame (polars, pandas, ...), a CSV/Parquet path or a bundled dataset name. Per variant:
    n and the rate (0/1 or boolean metrics) or mean with its interval; per treatment: absolute and relative
    lift with intervals, p-value (Holm-adjusted across comparisons when there are several), effect size
    and minimum detectable effect (no "observed power"); the allocation is checked against `expected_split`
    (default equal; a list in the sorted order of the variant labels, or a mapping label -> share);
    `covariate` (measured before assignment) enables CUPED; `equivalence_margin`, the smallest lift that matters
    in the metric's units (for a rate 0.01 = one percentage point), adds an equivalence test (TOST) to each
    comparison (`c.equivalence`), so that "no meaningful difference" can be shown, not only "not significant".
    `design="observational"` when the variants were not assigned at random (the words then make no causal claim).
    The control defaults to the first label in sorted order. The result shows itself in a notebook and has
    `to_dict()`; `result.comparison(metric)` gives one comparison.

    >>> from edakit.abtest import ab  # also edakit.ab
    >>> r = ab("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar")
    >>> c = r.comparison("sore_throat_4h")
    >>> round(c.estimate, 4), c.significant
    (-0.2431, True)
    """
    from edakit.config import ReportConfig
    from edakit.pipeline import run_ab

    names = [metrics] if isinstance(metrics, str) else list(metrics)
    config = ReportConfig(
        group=group,
        metrics=names,
        control=control,
        expected_split=expected_split,
        covariate=covariate,
        alpha=alpha,
        power=power,
        metric_types=metric_types,
        p_adjust=p_adjust,
        conf_level=conf_level,
        equivalence_margin=equivalence_margin,
        design=design,
    )
    return run_ab(source, config)
