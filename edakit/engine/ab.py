"""Gather for the A/B analysis (`edakit ab`, `edakit.ab(...)`, `edakit.report(..., metrics=[...])`).

Every engine query of the A/B test, and nothing else (no scipy, no statistics): the settings are checked against
the table's columns, the table's conversions (`engine.convert`) applied, and `engine.groups.group_aggregates`
computes in two passes the allocation (rows per variant), each metric's scan (type, values outside {0, 1},
non-finite values), per-variant n, mean, variance and sum, and with a covariate the complete-case joint moments
used by CUPED. The user errors of the analysis (an unknown column, a bad setting, fewer than two variants, an
unknown control) are raised here, before any statistic is computed; `edakit.stats.ab_analysis.analyse` turns the
aggregates into the typed `ABResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from edakit.engine.ancova import Design, design, hc2_sums
from edakit.engine.convert import apply_conversions
from edakit.engine.groups import GroupAggregates, group_aggregates
from edakit.engine.pairs import label
from edakit.errors import EdakitError

KINDS = ("binary", "continuous")


@dataclass
class ABAggregates:
    """What the A/B analysis needs from the engine: the variant column, the control (as a label), the metrics and
    covariate asked for, and the per-variant aggregates (`aggregates.labels` in sorted order, `rows`, `metrics`,
    `scans`, `joint`)."""

    group: str
    control: str
    metrics: list[str]
    covariate: str | None
    aggregates: GroupAggregates
    # with a covariate: per metric, the ANCOVA y ~ variant + x and its HC2 sums per variant (`engine.ancova`)
    ancova: dict[str, tuple[Design, dict[str, tuple[float, float, float]]]] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return self.aggregates.labels

    @property
    def treatments(self) -> list[str]:
        return [label for label in self.aggregates.labels if label != self.control]


def check_config(config: Any, columns: list[str]) -> None:
    """Raise EdakitError when the A/B settings of `config` (a ReportConfig) do not fit the table's `columns`."""
    group, metrics, covariate = config.group, list(config.metrics or []), config.covariate
    if not group:
        raise EdakitError("An A/B test needs the variant column: pass --group (group=...) with --metric.")
    if not metrics:
        raise EdakitError("An A/B test needs at least one outcome: pass --metric (metrics=[...]).")
    unknown = [c for c in [group, *metrics, *([covariate] if covariate else [])] if c not in columns]
    if unknown:
        raise EdakitError(f"Unknown column(s): {', '.join(unknown)}. Columns are: {', '.join(columns)}.")
    if group in metrics:
        raise EdakitError(f"{group!r} is the variant column; it cannot also be a metric.")
    if covariate and (covariate == group or covariate in metrics):
        raise EdakitError(f"The covariate {covariate!r} must be a column other than the variant and the metrics.")
    if len(set(metrics)) != len(metrics):
        raise EdakitError(f"A metric is named twice: {', '.join(metrics)}.")
    for name, kind in (config.metric_types or {}).items():
        if name not in metrics:
            raise EdakitError(f"metric_types names {name!r}, which is not one of the metrics ({', '.join(metrics)}).")
        if kind not in KINDS:
            raise EdakitError(f"The type of metric {name!r} must be 'binary' or 'continuous', not {kind!r}.")


def gather(
    frame: Any, schema: Any, config: Any, variants: list[Any] | None = None, in_memory: bool = False
) -> ABAggregates:
    """The engine's aggregates for the A/B test of `frame` (a narwhals LazyFrame, `schema` its inferred Schema or
    None) under `config` (a ReportConfig with `group` and `metrics`). Raises the analysis' user errors.
    `variants`: the variant column's distinct values if already counted (`engine.groups.group_aggregates`);
    `in_memory`: polars holds the rows in memory (numpy then adds the sums up in a fixed order, `engine.ab_sums`).

    >>> import narwhals.stable.v2 as nw, polars as pl
    >>> from edakit.config import ReportConfig
    >>> df = nw.from_native(pl.DataFrame({"v": ["A", "A", "B", "B", "B"], "y": [1.0, 3.0, 2.0, 4.0, 6.0]}).lazy())
    >>> a = gather(df, None, ReportConfig(group="v", metrics=["y"], control="B"))
    >>> a.labels, a.control, a.treatments, a.aggregates.metrics["y"]["B"].mean
    (['A', 'B'], 'B', ['A'], 4.0)
    """
    columns = list(frame.collect_schema().names())
    check_config(config, columns)
    metrics, covariate = list(config.metrics), config.covariate
    work = apply_conversions(frame, schema) if schema is not None else frame
    agg = group_aggregates(work, config.group, metrics, covariate, variants=variants, in_memory=in_memory)
    labels = agg.labels
    if len(labels) < 2:
        raise EdakitError(
            f"The variant column {config.group!r} has {len(labels)} value{'s' if len(labels) != 1 else ''} "
            f"({', '.join(labels) or 'none'}); an A/B test needs at least two variants."
        )
    control = labels[0] if config.control is None else label(config.control)
    if control not in labels:
        raise EdakitError(
            f"Unknown control variant {control!r}: the values of {config.group!r} are {', '.join(labels)}."
        )
    out = ABAggregates(group=config.group, control=control, metrics=metrics, covariate=covariate, aggregates=agg)
    if covariate:
        designs = {}
        for m, joint in agg.joint.items():
            n = sum(j.n for j in joint.values())
            if n == 0:
                continue
            shift = sum(j.n * j.mean_x for j in joint.values() if j.n) / n
            d = design(joint, shift)
            if d is not None:
                designs[m] = d
        if designs:
            types = work.collect_schema()
            floats = {name: types[name].is_float() for name in [covariate, *designs]}
            sums = hc2_sums(work, config.group, covariate, designs, agg.values, floats, agg.in_order)
            out.ancova = {m: (d, sums[m]) for m, d in designs.items()}
    agg.in_order = None  # the variants' values, held for the HC2 sums
    return out
