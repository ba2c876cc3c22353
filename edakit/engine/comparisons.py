"""Gather for the group-comparison analysis (`edakit report data.csv --group COLUMN` or `--target COLUMN`).

Every engine query of the comparison section, and nothing else (no scipy, no statistics):

* the plan: which columns are compared with the group (or target) column, which are skipped and why, and which are
  left out beyond `MAX_COLUMNS`;
* the levels of the group column and the rows of each (missing values left out);
* per-group n, mean and variance of every compared numeric column, in one `group_by` (`grouped`), or under
  `--group` from the correlations' chunked pass within the group's levels, which holds them
  (`correlations.shared_group_pass`: one pass for both sections);
* the cross-table of every compared categorical column with the group column (`pairs.cross_table`);
* for a numeric target: its full-data centred co-moments with every numeric column (`pairs.pair_moments`) and
  its per-group moments across each categorical column;
* the seeded uniform sample (as the profile draws it) of the grouping columns and the finite numeric values, split
  into each group's finite values (for the rank tests, normality checks and box plots).

The user errors of the section (an unknown column, a group column with one level or too many levels, ...) are
raised here, before any statistic is computed. `edakit.stats.comparisons.analyse` turns the aggregates into the
typed results.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine import comoments, correlations, pairs
from edakit.engine.convert import apply_conversions
from edakit.engine.pairs import GroupMoments, PairMoments
from edakit.engine.sample import draw_sample
from edakit.errors import EdakitError
from edakit.schema import PAIRING_REASON

if TYPE_CHECKING:
    import polars as pl

MAX_GROUP_LEVELS = 50  # a group (or categorical target) column with more levels is a user error
MAX_CATEGORY_LEVELS = 30  # categorical columns with more levels are not cross-tabulated
MAX_COLUMNS = 100  # compared columns per section
MAX_STRATA_CELLS = 20_000  # predictor × target × --group levels: larger tables get no stratified test

_ROLE_SKIPS = {
    "identifier": "an identifier (a label per row, not a measurement)",
    "text": "free text (too many distinct values to compare)",
    "constant": "constant: a single value, nothing to compare",
    "empty": "every value is missing",
    "datetime": "dates and times are not compared across groups",
    "unsupported": "values of an unsupported type (lists, structs or binary)",
}


@dataclass
class CrossTable:
    """Counts of the levels of `column` (rows) in each group (columns), missing values left out."""

    row_labels: list[str]
    col_labels: list[str]
    counts: list[list[int]]


@dataclass
class BinCounts:
    """A numeric predictor of a categorical target cut at `breaks` (its full-data quartiles, repeated values
    merged): `counts[i][j]` rows in band i with the j-th level of the target (in the order of
    `ComparisonAggregates.labels`). Band i is (breaks[i], breaks[i + 1]]; the first is closed on the left too."""

    breaks: list[float]
    counts: list[list[int]]


@dataclass
class ColumnPlan:
    """Which columns are compared with the group/target column (table order), and why the others are not."""

    numeric: list[str] = field(default_factory=list)
    categorical: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (column, why), in table order
    left_out: list[str] = field(default_factory=list)  # usable but beyond MAX_COLUMNS


@dataclass
class ComparisonAggregates:
    """Everything the comparison analysis needs from the engine, for one group (or target) column.

    Group mode and a categorical target: `labels`/`group_rows` are the levels of `by` and their rows, `moments`
    maps each numeric column to its moments in each group of `by`, `tables` each categorical column to its
    cross-table with `by`, and `sample_groups` each numeric column to its sample values per group of `by`.
    Numeric target: `moments` maps each categorical column to the target's moments in each of its groups,
    `sample_groups` each categorical column to the target's sample values per group, `pair_moments` each numeric
    column to its co-moments with the target, and `sample_columns` holds the sample's values of the target and of
    each numeric column (for Spearman's rho).
    """

    mode: str  # "group" or "target"
    by: str
    role: str  # role of the group/target column
    rows: int
    missing: int  # rows without a value of `by`
    sample_size: int  # the configured sample size
    order: dict[str, int]  # each column's position in the table
    plan: ColumnPlan
    labels: list[str] = field(default_factory=list)
    group_rows: dict[str, int] = field(default_factory=dict)
    moments: dict[str, GroupMoments] = field(default_factory=dict)
    tables: dict[str, CrossTable] = field(default_factory=dict)
    pair_moments: dict[str, PairMoments] = field(default_factory=dict)
    sample_groups: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    pairing_keys: list[str] = field(default_factory=list)  # columns that pair the rows of the groups (schema)
    sample_columns: dict[str, pl.Series] = field(default_factory=dict)
    # a categorical target with --group: the group column, and for each two-level predictor of a two-level target
    # its cross-table with the target within each level of the group (stratum labels, tables)
    baseline: list[str] = field(default_factory=list)  # compared columns named by --baseline (group mode)
    strata_by: str | None = None
    strata: dict[str, tuple[list[str], list[list[list[int]]]]] = field(default_factory=dict)
    # a categorical target: each numeric predictor's quartile bands and the target's counts in each
    bins: dict[str, BinCounts] = field(default_factory=dict)

    @property
    def numeric_target(self) -> bool:
        return self.mode == "target" and self.role == "numeric"

    @property
    def sampled(self) -> bool:
        """Whether the sample-based methods see a strict subset of the rows."""
        return self.rows > self.sample_size

    @property
    def sample_rows(self) -> int:
        return min(self.sample_size, self.rows)


def gather(ctx: Any, by: str, mode: str = "group", max_columns: int = MAX_COLUMNS) -> ComparisonAggregates:
    """The engine's aggregates for comparing every usable column of `ctx` (an `AnalysisContext`) with `by`."""
    config = ctx.config
    if by not in ctx.summary.columns:
        names = ", ".join(ctx.summary.columns)
        raise EdakitError(f"Unknown column {by!r}. Columns are: {names}.")
    summary = ctx.summary.columns[by]
    role = summary.role
    numeric_target = mode == "target" and role == "numeric"
    if not numeric_target:
        check_grouping(by, summary, mode)
    plan = plan_columns(ctx, by, mode, max_columns)
    work = apply_conversions(ctx.table.frame, ctx.schema)
    rows = ctx.summary.rows
    g = ComparisonAggregates(
        mode=mode,
        by=by,
        role=role,
        rows=rows,
        missing=summary.missing,
        sample_size=config.sample_size,
        order={c.name: i for i, c in enumerate(ctx.schema.columns)},
        plan=plan,
        pairing_keys=[c.name for c in ctx.schema.columns if mode == "group" and c.reason == PAIRING_REASON],
    )
    numeric, categorical = plan.numeric, plan.categorical
    g.baseline = _baseline(config, ctx, by, mode, [*numeric, *categorical])
    values = pairs.finite_values([*numeric, *([by] if numeric_target else [])], ctx.schema)
    groupers = categorical if numeric_target else [by]
    sample = _sample(work, groupers, values, rows, config.sample_size, config.seed)
    index = {name: _sample_index(sample, name) for name in groupers}
    if numeric_target:
        held = ctx.table.in_memory and nw.get_native_namespace(work).__name__ == "polars"
        if numeric:
            stats = {n: ctx.summary.columns[n].numeric for n in [by, *numeric]}
            complete = {n for n in stats if stats[n].get("count") == rows}
            shifts = {n: stats[n].get("mean") for n in stats}
            found = pairs.pair_moments(
                work, values, [(x, by) for x in numeric], rows=rows, shifts=shifts, complete=complete, in_memory=held
            )
            g.pair_moments = {x: found[(x, by)] for x in numeric}
            if sample is not None:
                g.sample_columns = {n: sample[n] for n in [by, *numeric] if n in sample.columns}
        exact = pairs.exact_sums([by], ctx.schema, {by: ctx.summary.columns[by].numeric})
        for col in categorical:  # the same figures every run (`pairs.group_moments`)
            g.moments[col] = pairs.group_moments(work, col, {by: values[by]}, held, exact)[by]
            g.sample_groups[col] = _sample_groups(sample, index[col], by)
        _own_words(g, ctx)
        return g
    breaks = {}
    if mode == "target":  # a numeric predictor's quartile bands; years are times, not amounts: no bands of them
        years = {c.name for c in ctx.schema.columns if c.kind == "year"}
        cuts = {n: quartile_breaks(ctx.summary.columns[n].numeric) for n in numeric if n not in years}
        breaks = {n: b for n, b in cuts.items() if len(b) > 2}
    distinct = {n: ctx.summary.columns[n].distinct for n in [by, *categorical]}
    within = _within_pass(ctx) if mode == "group" else None
    taken = (
        {n: replace(within.columns[n], labels=list(within.rows)) for n in numeric if n in within.columns}
        if within
        else {}
    )
    rest = {n: values[n] for n in numeric if n not in taken}
    if taken and not rest:
        g.labels, g.group_rows = list(within.rows), dict(within.rows)
        g.moments, g.tables = taken, cross_tables(work, by, categorical, distinct)
    else:
        held = ctx.table.in_memory and nw.get_native_namespace(work).__name__ == "polars"
        stats = {n: ctx.summary.columns[n].numeric for n in rest}
        exact = pairs.exact_sums(rest, ctx.schema, stats)
        found = grouped(work, by, categorical, rest, breaks, distinct, held, exact)
        g.labels, g.group_rows, moments, g.tables, g.bins = found
        g.moments = {n: taken.get(n) or moments[n] for n in numeric}
    if len(g.labels) < 2:  # e.g. a level present only in rows that the conversion made missing
        raise EdakitError(f"The {mode} column {by!r} has one level; nothing to compare.")
    for col in numeric:
        g.sample_groups[col] = _sample_groups(sample, index[by], col)
    strata = config.group if mode == "target" and config.group not in (None, by) else None
    if strata is not None and strata in ctx.summary.columns:
        g.strata_by = strata
        levels = ctx.summary.columns[strata].distinct or 0
        for col in categorical:
            t = g.tables[col]
            # 2×2 tables give the Mantel–Haenszel odds ratio, larger ones the generalized CMH test (bounded size)
            cells = len(t.row_labels) * len(t.col_labels) * levels
            if col != strata and len(t.row_labels) >= 2 and len(t.col_labels) >= 2 and cells <= MAX_STRATA_CELLS:
                g.strata[col] = pairs.stratified_tables(work, col, by, strata, t.row_labels, t.col_labels)
    _own_words(g, ctx)
    return g


def _within_pass(ctx: Any) -> comoments.GroupPass | None:
    """Under --group, the correlations' pass within the group's levels, which holds every numeric column's moments
    there (`correlations.shared_group_pass`); None when there is none or it failed: the correlations' section
    then says why, and the comparison groups the rows itself."""
    try:
        return correlations.shared_group_pass(ctx)
    except EdakitError:
        raise
    except Exception:  # one failing analysis never sinks another
        return None


def quartile_breaks(numeric: dict[str, Any]) -> list[float]:
    """The profile's full-data minimum, quartiles (type 7, as R's quantile) and maximum, repeated values merged."""
    found = [numeric.get(k) for k in ("min", "q25", "median", "q75", "max")]
    return sorted({float(v) for v in found if v is not None and math.isfinite(v)})


def grouped(
    work: nw.LazyFrame,
    by: str,
    categorical: list[str],
    values: dict[str, nw.Expr],
    breaks: dict[str, list[float]],
    distinct: dict[str, int],
    in_memory: bool = False,
    exact: Collection[str] = (),
) -> tuple[list[str], dict[str, int], dict[str, GroupMoments], dict[str, CrossTable], dict[str, BinCounts]]:
    """The levels of `by` and their rows, every numeric column's moments in each level and the counts of each
    column of `breaks` in its bands (a categorical target), from one `group_by` on `by`; and the cross-table of
    every categorical column with `by` (`cross_tables`). Rows missing `by` are left out; a column's moments use
    its own present values, the same every run (`in_memory` and `exact` as in `pairs.group_moments`).

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "b", "b", None], "c": ["u", "v", "u", "u", "v"],
    ...                                   "x": [1.0, 3, 4, None, 9]}))
    >>> found = grouped(lf, "g", ["c"], {"x": nw.col("x")}, {"x": [1.0, 2.0, 9.0]}, {"g": 2, "c": 2})
    >>> labels, rows, moments, tables, bins = found
    >>> labels, rows, moments["x"].means, moments["x"].variances, tables["c"].counts, bins["x"].counts
    (['a', 'b'], {'a': 2, 'b': 2}, [2.0, 4.0], [2.0, None], [[1, 2], [1, 0]], [[1, 0], [1, 1]])
    """
    keys = {name: f"__edakit_{i}" for i, name in enumerate(values)}
    aggs = []
    for i, (name, cuts) in enumerate(breaks.items()):
        x = nw.col(keys[name])
        for j in range(len(cuts) - 1):
            inside = (x >= cuts[0] if j == 0 else x > cuts[j]) & (x <= cuts[j + 1])
            aggs.append(inside.fill_null(False).cast(nw.Int64).sum().alias(f"__edakit_b{i}_{j}"))
    present = work.filter(~nw.col(by).is_null())
    columns, cells = pairs._cells(present, {by: "__edakit_g"}, values, keys, exact, in_memory, aggs)
    records = {v: i for i, v in enumerate(columns["__edakit_g"])}
    levels = pairs.sorted_levels(records)
    labels = [pairs.label(v) for v in levels]
    group_rows = {lab: int(columns["__edakit_rows"][records[v]]) for lab, v in zip(labels, levels, strict=True)}
    moments = {
        name: pairs._pooled(cells[key]["__edakit_g"], cells[key], key, name in exact) for name, key in keys.items()
    }
    bins = {
        name: BinCounts(
            cuts, [[int(columns[f"__edakit_b{i}_{j}"][records[v]] or 0) for v in levels] for j in range(len(cuts) - 1)]
        )
        for i, (name, cuts) in enumerate(breaks.items())
    }
    return labels, group_rows, moments, cross_tables(work, by, categorical, distinct), bins


def cross_tables(
    work: nw.LazyFrame, by: str, categorical: list[str], distinct: dict[str, int]
) -> dict[str, CrossTable]:
    """The cross-table of every categorical column with `by`, missing values left out: one `group_by` on `by` and
    as many of the columns (in order) as keep their level combinations within `pairs.MAX_STACKED_CELLS` (counting
    a missing level; `distinct`: the profile's distinct counts), each table adding up the rows of the cells with
    both of its levels present (whole counts: the same tables as one pass per column); a column that does not fit
    gets a pass of its own (`pairs.cross_table`).

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"g": ["a", "a", "b", None], "c": ["u", "v", "u", "v"], "d": [1, 1, 2, None]}))
    >>> found = cross_tables(lf, "g", ["c", "d"], {"g": 2, "c": 2, "d": 2})
    >>> found["c"].counts, found["d"].row_labels, found["d"].counts
    ([[1, 1], [1, 0]], ['1', '2'], [[2, 0], [0, 1]])
    """
    stacked: list[str] = []
    cells = distinct[by] + 1
    for col in categorical:
        if cells * (distinct[col] + 1) <= pairs.MAX_STACKED_CELLS:
            stacked.append(col)
            cells *= distinct[col] + 1
    out = {}
    if stacked:
        keys = [f"__edakit_g{i}" for i in range(len(stacked) + 1)]
        frame = (
            work.select(*(nw.col(c).alias(k) for c, k in zip([by, *stacked], keys, strict=True)))
            .filter(~nw.col(keys[0]).is_null())
            .group_by(*keys)
            .agg(nw.len().alias("__edakit_rows"))
            .collect()
        )
        columns = {c: frame[c].to_list() for c in frame.columns}
        out = {
            col: _cross_table(columns[key], columns[keys[0]], columns["__edakit_rows"])
            for col, key in zip(stacked, keys[1:], strict=True)
        }
    return {col: out[col] if col in out else CrossTable(*pairs.cross_table(work, col, by)) for col in categorical}


def _cross_table(rows: list[Any], cols: list[Any], n: list[int]) -> CrossTable:
    """A cross-table from the cells of a stacked pass: each cell's level of the row and column variables and its
    rows; the rows of the cells with both levels present added up."""
    counts: dict[tuple[Any, Any], int] = {}
    for a, b, k in zip(rows, cols, n, strict=True):
        if a is not None and b is not None:
            counts[(a, b)] = counts.get((a, b), 0) + int(k)
    row_levels, col_levels = pairs.sorted_levels(a for a, _ in counts), pairs.sorted_levels(b for _, b in counts)
    r_index, c_index = {v: i for i, v in enumerate(row_levels)}, {v: j for j, v in enumerate(col_levels)}
    table = [[0] * len(col_levels) for _ in row_levels]
    for (a, b), k in counts.items():
        table[r_index[a]][c_index[b]] = k
    return CrossTable([pairs.label(v) for v in row_levels], [pairs.label(v) for v in col_levels], table)


def _own_words(g: ComparisonAggregates, ctx: Any) -> None:
    """Give the levels of yes/no columns stored as text their own words back (No/Yes, not false/true): the
    profile reads them as booleans, but a reader knows the target by its labels."""
    words = {}
    grouped = list(g.moments) if g.numeric_target else []  # a numeric target's moments are per level of these
    for col in [g.by, *g.tables, *grouped, *([g.strata_by] if g.strata_by else [])]:
        schema = next((c for c in ctx.schema.columns if c.name == col), None)
        if schema is not None and schema.conversion == "bool_text":
            words[col] = _text_words(ctx.table.frame, col)
    if not words:
        return
    by = words.get(g.by, {})
    g.labels = [by.get(v, v) for v in g.labels]
    g.group_rows = {by.get(k, k): v for k, v in g.group_rows.items()}
    for col, t in g.tables.items():
        own = words.get(col, {})
        t.row_labels, t.col_labels = (
            [own.get(v, v) for v in t.row_labels],
            [by.get(v, v) for v in t.col_labels],
        )
    for col, gm in g.moments.items():
        own = words.get(col, {}) if g.numeric_target else by
        gm.labels = [own.get(v, v) for v in gm.labels]
        g.sample_groups[col] = {own.get(k, k): v for k, v in g.sample_groups.get(col, {}).items()}
    if g.strata_by in words:
        own = words[g.strata_by]
        g.strata = {col: ([own.get(v, v) for v in levels], tables) for col, (levels, tables) in g.strata.items()}


def _text_words(frame: nw.LazyFrame, name: str) -> dict[str, str]:
    """{"true": word, "false": word}: the most frequent spelling of each side of a yes/no column stored as text."""
    from edakit.engine.convert import TRUE_WORDS

    counts = (
        frame.select(nw.col(name).cast(nw.String).str.strip_chars().alias("v"))
        .filter(~nw.col("v").is_null())
        .group_by("v")
        .agg(nw.len().alias("n"))
        .collect()
    )
    best: dict[str, tuple[int, str]] = {}
    for value, n in zip(counts["v"].to_list(), counts["n"].to_list(), strict=True):
        side = "true" if value.lower() in TRUE_WORDS else "false"
        if value and (side not in best or n > best[side][0]):
            best[side] = (int(n), value)
    return {side: word for side, (_, word) in best.items()}


def _baseline(config: Any, ctx: Any, by: str, mode: str, compared: list[str]) -> list[str]:
    """The compared columns named by `--baseline` (group mode only); an unknown name is a user error."""
    names = list(getattr(config, "baseline", None) or [])
    unknown = [n for n in names if n not in ctx.summary.columns]
    if unknown:
        raise EdakitError(
            f"--baseline names unknown column(s): {', '.join(unknown)}. Columns are: {', '.join(ctx.summary.columns)}."
        )
    if by in names:
        raise EdakitError(f"--baseline names the group column {by!r} itself; list the columns measured before it.")
    return [n for n in compared if n in names] if mode == "group" else []


def check_grouping(by: str, summary: Any, mode: str) -> None:
    """A group (or categorical target) column needs 2 to MAX_GROUP_LEVELS levels."""
    what = "group" if mode == "group" else "target"
    if summary.role == "unsupported":
        raise EdakitError(f"The {what} column {by!r} holds values that cannot be grouped ({summary.role}).")
    if summary.count == 0:
        raise EdakitError(f"The {what} column {by!r} has no values; nothing to compare.")
    if summary.distinct < 2:
        raise EdakitError(
            f"The {what} column {by!r} has one level; nothing to compare. Choose a column with at least two groups."
        )
    if summary.distinct == summary.count:
        raise EdakitError(
            f"The {what} column {by!r} has a different value in every row ({summary.distinct:,} levels for "
            f"{summary.count:,} rows): there is nothing to compare within groups. Choose a coarser column."
        )
    if summary.distinct > MAX_GROUP_LEVELS:
        raise EdakitError(
            f"The {what} column {by!r} has {summary.distinct:,} levels; group comparisons handle at most "
            f"{MAX_GROUP_LEVELS}. Choose a coarser column (or bin this one into a few groups)."
        )


def plan_columns(ctx: Any, by: str, mode: str, max_columns: int = MAX_COLUMNS) -> ColumnPlan:
    """Numeric and categorical columns to compare with `by` (table order, at most `max_columns`), and the skips."""
    profile_skips = {c.name: c.skipped for c in ctx.columns if getattr(c, "skipped", None)}
    plan = ColumnPlan()
    chosen: list[str] = []
    for col in ctx.schema.columns:
        name, s = col.name, ctx.summary.columns[col.name]
        if name == by:
            plan.skipped.append((name, f"the {'group' if mode == 'group' else 'target'} column itself"))
        elif name in profile_skips:
            plan.skipped.append((name, f"it could not be profiled ({profile_skips[name]})"))
        elif col.role == "numeric":
            chosen.append(name)
            plan.numeric.append(name)
        elif col.role in ("categorical", "boolean"):
            if s.distinct > MAX_CATEGORY_LEVELS:
                why = f"{s.distinct:,} levels (more than {MAX_CATEGORY_LEVELS}): too many for a cross-table"
                plan.skipped.append((name, why))
            elif s.distinct < 2:
                plan.skipped.append((name, "a single level: nothing to compare"))
            else:
                chosen.append(name)
                plan.categorical.append(name)
        else:
            plan.skipped.append(
                (
                    name,
                    _ROLE_SKIPS.get(col.role, f"{col.role} columns are not compared"),
                )
            )
    plan.left_out = chosen[max_columns:]
    keep = set(chosen[:max_columns])
    plan.numeric = [n for n in plan.numeric if n in keep]
    plan.categorical = [n for n in plan.categorical if n in keep]
    return plan


def _group_levels(work: nw.LazyFrame, by: str) -> tuple[list[str], dict[str, int]]:
    """Levels of `by` (sorted as the engine helpers sort them) and the rows of each, missing values left out."""
    counts = work.select(nw.col(by).alias("g")).filter(~nw.col("g").is_null()).group_by("g").agg(nw.len().alias("n"))
    df = counts.collect()
    records = dict(zip(df["g"].to_list(), df["n"].to_list(), strict=True))
    levels = pairs.sorted_levels(records)
    return [pairs.label(v) for v in levels], {pairs.label(v): int(records[v]) for v in levels}


def _sample(
    work: nw.LazyFrame,
    groupers: list[str],
    values: dict[str, nw.Expr],
    rows: int,
    size: int,
    seed: int,
) -> pl.DataFrame | None:
    """The seeded uniform sample (as the profile draws it) of the grouping columns and finite numeric values."""
    columns = [*groupers, *[n for n in values if n not in groupers]]
    if not columns:
        return None
    prepared = work.select(
        *[nw.col(g) for g in groupers],
        *[values[n].alias(n) for n in values if n not in groupers],
    )
    sample, _ = draw_sample(prepared, columns, rows, size, seed)
    return sample


def _sample_index(sample: pl.DataFrame | None, by: str) -> dict[str, np.ndarray]:
    """Row positions of each level of `by` in the sample (labels as the engine writes them)."""
    if sample is None or by not in sample.columns:
        return {}
    codes = sample[by]
    return {  # in the levels' order (not `unique`'s, which varies from run to run), so the tests sum alike
        pairs.label(value): np.flatnonzero((codes == value).fill_null(False).to_numpy())
        for value in pairs.sorted_levels(codes.drop_nulls().unique().to_list())
    }


def _sample_groups(sample: pl.DataFrame | None, index: dict[str, np.ndarray], column: str) -> dict[str, np.ndarray]:
    """Finite values of `column` in the sample, per level of the grouping that `index` locates."""
    if sample is None or column not in sample.columns:
        return {}
    values = sample[column].cast(float, strict=False).fill_null(math.nan).to_numpy()
    out = {label: values[rows][np.isfinite(values[rows])] for label, rows in index.items()}
    return {k: v for k, v in out.items() if v.size}
