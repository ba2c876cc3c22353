"""Gather for the paired (repeated-measures) comparison: `edakit report data.csv --group COLUMN --pair KEY`.

The rows of each group are the same units, named by the pairing column (a patient ID measured under each drug).
A paired analysis works on each unit's values side by side, so this step lays the table out wide: one row per
unit that has a row in every group, one value per group for every compared column. It checks first that no unit
has two rows in one group (a user error: the pairing would be ambiguous). No scipy, no statistics:
`edakit.stats.paired_analysis.analyse` turns the wide values into the typed results.

The wide table of every unit is held in memory (a paired test needs each unit's differences); the units are
bounded by the table's rows, as a column already is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine import pairs
from edakit.engine.comparisons import ColumnPlan, _group_levels, _text_words, check_grouping, plan_columns
from edakit.engine.convert import apply_conversions
from edakit.errors import EdakitError


@dataclass
class PairedAggregates:
    """The wide layout of the paired comparison: `values[column]` is a units × groups array (NaN where a unit
    has no value); a two-level categorical column is coded 0/1 by its sorted `levels[column]`."""

    by: str
    pair: str
    rows: int
    labels: list[str]  # the groups (conditions), sorted
    units: int  # units with a row in every group
    units_seen: int  # distinct values of the pairing column (rows with a group)
    missing: int  # rows without a group or a pairing value
    order: dict[str, int]
    plan: ColumnPlan
    role: str = "categorical"  # role of the group column: "numeric" or "datetime" groups are ordered
    values: dict[str, np.ndarray] = field(default_factory=dict)
    levels: dict[str, list[str]] = field(default_factory=dict)  # categorical columns: their two levels
    skipped: list[tuple[str, str]] = field(default_factory=list)


def gather(ctx: Any, by: str, pair: str) -> PairedAggregates:
    """Check the pairing and lay out every compared column of `ctx` (an `AnalysisContext`) wide by `pair`."""
    columns = ctx.summary.columns
    for name, what in ((by, "group"), (pair, "pairing")):
        if name not in columns:
            raise EdakitError(f"Unknown {what} column {name!r}. Columns are: {', '.join(columns)}.")
    if pair == by:
        raise EdakitError("--pair and --group name the same column; --pair names the unit measured in each group.")
    check_grouping(by, columns[by], "group")
    plan = plan_columns(ctx, by, "group")
    skipped = [(c, "the pairing column itself" if c == pair else why) for c, why in plan.skipped]
    plan.numeric = [c for c in plan.numeric if c != pair]
    plan.categorical = [c for c in plan.categorical if c != pair]
    if pair not in [c for c, _ in skipped]:
        skipped.append((pair, "the pairing column itself"))
    work = apply_conversions(ctx.table.frame, ctx.schema).filter(~nw.col(by).is_null() & ~nw.col(pair).is_null())
    _check_one_row_per_unit(work, by, pair)
    labels, _ = _group_levels(work, by)
    if len(labels) < 2:
        raise EdakitError(f"The group column {by!r} has one level among the rows with a {pair!r}; nothing to compare.")
    binary = [c for c in plan.categorical if columns[c].distinct == 2]
    for c in plan.categorical:
        if c not in binary:
            skipped.append((c, f"{columns[c].distinct} levels: a paired comparison of a categorical column needs two"))
    plan.categorical = binary
    values = pairs.finite_values(plan.numeric, ctx.schema)
    selected = work.select(
        nw.col(pair), nw.col(by), *[values[c].alias(c) for c in plan.numeric], *[nw.col(c) for c in binary]
    )
    long = selected.collect().to_polars()
    g = PairedAggregates(
        by=by,
        pair=pair,
        rows=ctx.summary.rows,
        labels=labels,
        units=0,
        units_seen=long[pair].n_unique(),
        missing=ctx.summary.rows - long.height,
        order={c.name: i for i, c in enumerate(ctx.schema.columns)},
        plan=plan,
        role=columns[by].role,
        skipped=sorted(skipped, key=lambda s: [c.name for c in ctx.schema.columns].index(s[0])),
    )
    _lay_out_wide(g, long, binary)
    for c in binary:  # a yes/no column stored as text keeps its own words (No/Yes), not false/true
        schema = next((s for s in ctx.schema.columns if s.name == c), None)
        if schema is not None and schema.conversion == "bool_text":
            own = _text_words(ctx.table.frame, c)
            g.levels[c] = [own.get(v, v) for v in g.levels[c]]
    return g


def _check_one_row_per_unit(work: nw.LazyFrame, by: str, pair: str) -> None:
    """A unit with two rows in one group cannot be paired: say which, as a user error."""
    counts = work.group_by(pair, by).agg(nw.len().alias("__n")).filter(nw.col("__n") > 1)
    twice = counts.head(1).collect().rows()
    if twice:
        unit, group, n = twice[0]
        raise EdakitError(
            f"--pair {pair}: the unit {pairs.label(unit)} has {n} rows in group {pairs.label(group)} of {by}; a paired "
            f"comparison needs at most one row per unit and group. Check that {pair} names the unit measured in "
            "each group."
        )


def _lay_out_wide(g: PairedAggregates, long: Any, binary: list[str]) -> None:
    """Fill `g.values`: one row per unit present in every group, one column per group."""
    import polars as pl

    by, pair = g.by, g.pair
    group_text = _labels(long[by])
    long = long.with_columns(group_text.alias("__group"))
    per_group = long.group_by(pair).agg(pl.col("__group").n_unique().alias("__k"))
    units = per_group.filter(pl.col("__k") == len(g.labels)).select(pair).sort(pair)
    g.units = units.height
    for c in binary:
        text = _labels(long[c])
        g.levels[c] = pairs.sorted_levels(text.drop_nulls().unique().to_list())
        codes = text.replace_strict(g.levels[c], [0.0, 1.0], default=None, return_dtype=pl.Float64)
        long = long.with_columns(codes.alias(c))
    names = [*g.plan.numeric, *binary]
    blocks = {c: np.full((g.units, len(g.labels)), np.nan) for c in names}
    for j, level in enumerate(g.labels):
        part = units.join(long.filter(pl.col("__group") == level), on=pair, how="left").sort(pair)
        for c in names:
            blocks[c][:, j] = part[c].cast(pl.Float64).fill_null(np.nan).to_numpy()
    g.values = blocks


def _labels(values: Any) -> Any:
    """A polars Series written as `pairs.label` writes each level, missing values kept: the label of each distinct
    value computed once, not once per row (a million-row paired table spent most of its gather there)."""
    import polars as pl

    distinct = values.drop_nulls().unique()
    text = [pairs.label(v) for v in distinct.to_list()]
    return values.replace_strict(distinct, text, default=None, return_dtype=pl.String)
