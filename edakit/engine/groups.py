"""Per-variant sufficient statistics for A/B comparisons, computed on the table's own engine via narwhals.

Two passes over the data: a one-row `select` (rows without a variant, and per metric the overall mean used as a shift,
counts of values outside {0, 1} and of negative values) beside a query of the distinct variants (unless the caller
counted them), then one `select` on the rows of each variant that returns, per metric, the non-missing count n, the
shifted sums S1 = Σ(y − c) and S2 = Σ(y − c)²; with a covariate x also the complete-case sums of (y − c_y), (x − c_x),
their squares and their cross-product. A select on a variant's rows, not a `group_by` on the variant column: an A/B test
has a few variants, and polars spends less on a few filtered selects than on hashing every row's variant (2.5 times less
on 5 M rows and two variants). Means, variances and covariances follow exactly: mean = c + S1/n, var = (S2 − S1²/n)/(n −
1), cov = (Sxy − Sx·Sy/n)/(n − 1). The shift c (the overall mean) keeps the subtraction well conditioned. When every
metric's complete cases are the covariate's rows (nothing missing where the other is present), the complete-case sums
are the metric's own sums and one set of covariate sums, so each select adds only Σ(y − c_y)(x − c_x) per metric. No row
reaches Python as a value; no scipy here. On rows polars holds, one numpy pass over chunks of them (`engine.ab_sums`)
gives both passes' figures in a fixed order and finds the variants itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine import ab_sums
from edakit.engine.expressions import count_if, finite_only
from edakit.engine.pairs import label, sorted_levels
from edakit.errors import EdakitError

#: an A/B test compares a handful of variants; more distinct values than this means the wrong column
MAX_VARIANTS = 20


@dataclass
class Moments:
    """Count, mean and variance (ddof = 1, NaN when n < 2) of one metric in one variant."""

    n: int
    mean: float
    var: float
    total: float  # Σ y: the number of successes for a 0/1 metric


@dataclass
class JointMoments:
    """Complete-case moments of a metric y and a covariate x in one variant (for CUPED)."""

    n: int
    mean_y: float
    mean_x: float
    var_y: float
    var_x: float
    cov_xy: float
    ss_y: float  # Σ (y − ȳ)² within the variant
    ss_x: float  # Σ (x − x̄)²
    sp_xy: float  # Σ (y − ȳ)(x − x̄)


@dataclass
class MetricScan:
    """What the first pass learnt about a metric column (for type detection and validation)."""

    name: str
    dtype: str
    numeric: bool
    count: int = 0  # finite values in rows that have a variant
    not_01: int = 0  # finite values other than 0 and 1
    negatives: int = 0
    non_finite: int = 0  # NaN or ±inf (treated as missing)


@dataclass
class GroupAggregates:
    """Per-variant aggregates of an experiment: allocation and metric moments, in sorted variant order."""

    group: str
    labels: list[str]
    values: dict[str, Any]  # label -> the variant's value in the group column (as the engine returned it)
    rows: dict[str, int]  # rows per variant (the allocation, whether or not a metric is missing)
    missing_group: int  # rows without a variant label (left out)
    metrics: dict[str, dict[str, Moments]]  # metric -> variant -> moments
    scans: dict[str, MetricScan]
    covariate: str | None = None
    joint: dict[str, dict[str, JointMoments]] = field(default_factory=dict)  # metric -> variant -> moments
    notes: list[str] = field(default_factory=list)
    # with a covariate on rows polars holds: each variant's values as numpy arrays, for CUPED's HC2 sums
    # (`engine.ancova.hc2_sums`), which `engine.ab.gather` lets go once it has them
    in_order: ab_sums.Partition | None = field(default=None, repr=False, compare=False)


def _numeric(dtype: Any) -> bool:
    return dtype.is_numeric() or dtype == nw.Boolean


def _value(name: str, dtype: Any) -> nw.Expr:
    """The column as Float64, with NaN and ±inf turned into missing (booleans become 0/1)."""
    x = nw.col(name).cast(nw.Float64)
    return finite_only(x, dtype.is_float())


def group_aggregates(
    frame: nw.LazyFrame,
    group: str,
    metrics: list[str],
    covariate: str | None = None,
    max_variants: int = MAX_VARIANTS,
    variants: Sequence[Any] | None = None,
    in_memory: bool = False,
) -> GroupAggregates:
    """Allocation and per-variant moments of `metrics` (and their joint moments with `covariate`).

    Non-numeric metrics are scanned (so the caller can say why they are skipped) but not aggregated.
    Raises EdakitError when the variant column has more than `max_variants` distinct values. `variants`: the
    distinct values of a text variant column when the caller has counted them (the profile's level counts), which
    spares the query of the distinct values; they are used only if every row with a variant has one of them.
    `in_memory`: polars holds the rows in memory, so numpy adds up the float sums in a fixed order
    (`engine.ab_sums`: the same digits whatever polars' threads) instead of the engine's selects.

    >>> import polars as pl
    >>> df = pl.DataFrame({"v": ["A", "A", "B", "B", "B"], "y": [1.0, 3.0, 2.0, 4.0, 6.0]}).lazy()
    >>> agg = group_aggregates(nw.from_native(df), "v", ["y"])
    >>> b = agg.metrics["y"]["B"]
    >>> agg.labels, agg.rows, b.n, b.mean, round(b.var, 12), b.total
    (['A', 'B'], {'A': 2, 'B': 3}, 3, 4.0, 4.0, 12.0)
    """
    if isinstance(frame, nw.DataFrame):
        frame = frame.lazy()
    schema = frame.collect_schema()
    for name in [group, *metrics, *([covariate] if covariate else [])]:
        if name not in schema:
            raise EdakitError(f"Unknown column {name!r}. Columns are: {', '.join(schema.names())}.")
    if covariate and not _numeric(schema[covariate]):
        raise EdakitError(f"The covariate {covariate!r} must be numeric (it is {schema[covariate]}).")
    scans = {m: MetricScan(m, str(schema[m]), _numeric(schema[m])) for m in metrics}
    numeric = [m for m in metrics if scans[m].numeric]
    has_group = ~nw.col(group).is_null()
    # each metric's values as Float64 with NaN and ±inf missing (`y{i}`), the covariate's (`x`) and whether the
    # row has a variant (`g`), computed once as columns (named apart from the table's own by `_tmp`): the passes'
    # aggregates then read them instead of repeating the casts and `when`s (half the engine's time)
    y_of = {m: _tmp(f"y{i}") for i, m in enumerate(numeric)}
    values = [_value(m, schema[m]).alias(y_of[m]) for m in numeric]
    x_col, g_col = _tmp("x"), _tmp("g")
    if covariate:
        values.append(_value(covariate, schema[covariate]).alias(x_col))
    in_order = ab_sums.applies(frame, in_memory)  # the first pass's figures and the sums come from numpy
    text = schema[group] == nw.String or schema[group] == nw.Categorical or schema[group] == nw.Enum
    hinted = bool(text and variants is not None and len(variants) <= max_variants)
    hinted = hinted and all(isinstance(v, str) for v in variants or [])
    if in_order:  # the partition finds the variants the profile did not count
        columns = list(dict.fromkeys([*numeric, *([covariate] if covariate else [])]))
        rows = ab_sums.partition(frame, group, columns, variants if hinted else (), max_variants)
        if rows is None:
            raise _too_many(group, _distinct(frame, group, None), max_variants)
        present = rows.variants
        first = ab_sums.shifts(rows, numeric, covariate)
    else:
        first = _first_pass(frame.with_columns(*values, has_group.alias(g_col)), numeric, y_of, covariate)
        present = list(variants or []) if hinted else _distinct(frame, group, max_variants)
    missing_group = int(first["missing_group"])
    shift: dict[str, float] = {}
    for i, m in enumerate(numeric):
        s = scans[m]
        s.count, s.not_01 = int(first[f"m{i}_count"]), int(first[f"m{i}_not01"] or 0)
        s.negatives, s.non_finite = int(first[f"m{i}_neg"] or 0), int(first[f"m{i}_present"]) - s.count
        shift[m] = _float(first[f"m{i}_mean"], 0.0)
    # every metric's complete cases are the rows with a covariate value (no metric missing where the covariate is
    # not, and the reverse): their joint sums are the metric's own and one set of the covariate's, not a set each
    shared = bool(covariate) and all(
        int(first[f"x{i}_count"]) == scans[m].count == int(first["x_count"]) for i, m in enumerate(numeric)
    )

    # ---- pass 2: the shifted sums of each variant's rows
    cx = {i: _float(first[f"x{0 if shared else i}_mean"], 0.0) for i in range(len(numeric))} if covariate else {}
    cy = {i: shift[m] if shared else _float(first[f"xy{i}_mean"], 0.0) for i, m in enumerate(numeric) if covariate}
    if in_order:
        joint = {i: (cy[i], cx[i]) for i in cx}
        found = ab_sums.variant_sums(rows, numeric, covariate, list(shift.values()), joint)
        records = dict(zip(rows.variants, found, strict=True))
    else:
        sums = ([y_of[m] for m in numeric], list(shift.values()), cx, cy, shared)
        records = _selects(frame, group, present, values, *sums)
        if hinted and sum(int(r["rows"]) for r in records.values()) != int(first["rows"]) - missing_group:
            records = _selects(frame, group, _distinct(frame, group, max_variants), values, *sums)  # one missed
    records = {value: r for value, r in records.items() if int(r["rows"])}  # a value given but not in the rows
    ordered = list(records)
    labels = [label(k) for k in ordered]
    if len(set(labels)) != len(labels):
        raise EdakitError(f"Variant labels of {group!r} are not distinct once written as text: {labels}.")

    result = GroupAggregates(
        group=group,
        labels=labels,
        values=dict(zip(labels, ordered, strict=True)),
        rows={lab: int(records[k]["rows"]) for lab, k in zip(labels, ordered, strict=True)},
        missing_group=missing_group,
        metrics={},
        scans=scans,
        covariate=covariate,
        in_order=rows if in_order and covariate else None,
    )
    for i, m in enumerate(numeric):
        result.metrics[m] = {}
        for lab, k in zip(labels, ordered, strict=True):
            r = records[k]
            n, s1, s2 = int(r[f"n{i}"]), _float(r[f"s{i}"], 0.0), _float(r[f"q{i}"], 0.0)
            result.metrics[m][lab] = _moments(n, s1, s2, shift[m])
        if covariate:
            result.joint[m] = {}
            for lab, k in zip(labels, ordered, strict=True):
                r = records[k]
                n = int(r[f"jn{i}"])
                sy, sx = _float(r[f"jy{i}_sum"], 0.0), _float(r[f"jx{i}_sum"], 0.0)
                syy, sxx, sxy = (_float(r[f"{key}{i}_sum"], 0.0) for key in ("jyy", "jxx", "jxy"))
                result.joint[m][lab] = _joint(n, sy, sx, syy, sxx, sxy, cy[i], cx[i])
    if missing_group:
        result.notes.append(f"{missing_group:,} row(s) without a value in {group!r} were left out.")
    return result


def _first_pass(work: nw.LazyFrame, numeric: list[str], y_of: dict[str, str], covariate: str | None) -> dict:
    """Pass 1, one row: the rows without a variant, and per metric over the rows with one its finite values' count
    and mean (the shift), the counts of values other than 0 and 1, of negative values and of present ones (minus
    the finite ones: NaN and ±inf); with a covariate, its count and each metric's complete cases' count and means.
    `work`: the frame with the working columns (each metric's finite values, the covariate's, `g` the variant)."""
    g_col, x_col = _tmp("g"), _tmp("x")
    exprs = [count_if(~nw.col(g_col)).alias("missing_group"), nw.len().alias("rows")]
    kept: list[nw.Expr] = []  # the values of the rows with a variant
    for i, m in enumerate(numeric):
        kept += [nw.when(nw.col(g_col)).then(nw.col(y_of[m])).alias(_tmp(f"gy{i}"))]
        kept += [nw.when(nw.col(g_col)).then(nw.col(m)).alias(_tmp(f"raw{i}"))]
        y = nw.col(_tmp(f"gy{i}"))
        exprs += [
            y.count().alias(f"m{i}_count"),
            y.mean().alias(f"m{i}_mean"),
            count_if(~y.is_null() & (y != 0) & (y != 1)).alias(f"m{i}_not01"),
            count_if(~y.is_null() & (y < 0)).alias(f"m{i}_neg"),
            nw.col(_tmp(f"raw{i}")).count().alias(f"m{i}_present"),
        ]
    if covariate:
        gx = nw.col(_tmp("gx"))
        kept.append(nw.when(nw.col(g_col)).then(nw.col(x_col)).alias(_tmp("gx")))
        exprs.append(gx.count().alias("x_count"))
        for i in range(len(numeric)):
            gy = nw.col(_tmp(f"gy{i}"))
            complete = nw.when(~gy.is_null()).then(gx)
            exprs.append(complete.count().alias(f"x{i}_count"))
            exprs.append(complete.mean().alias(f"x{i}_mean"))
            exprs.append(nw.when(~gx.is_null()).then(gy).mean().alias(f"xy{i}_mean"))
    df = work.with_columns(*kept).select(exprs).collect()
    return dict(zip(df.columns, df.row(0), strict=True))


def _selects(
    frame: nw.LazyFrame,
    group: str,
    present: list[Any],
    values: list[nw.Expr],
    ys: list[str],
    shift: list[float],
    cx: dict[int, float],
    cy: dict[int, float],
    shared: bool,
) -> dict[Any, dict[str, Any]]:
    """One `select` on each variant's rows (in sorted order) of the shifted sums, from the working columns `ys`
    (each metric's values) and `_tmp("x")` (the covariate's, when `cx` has shifts): shifted sums only (every
    backend aggregates sums). `shared`: every metric's complete cases are the covariate's rows, so the joint sums
    are the metric's own (`cy` its shift) and one set of the covariate's (`cx` one shift)."""
    derived: list[nw.Expr] = []
    aggs: list[nw.Expr] = [nw.len().alias("rows")]
    x = nw.col(_tmp("x"))
    if shared and ys:
        dx = nw.col(_tmp("dx"))
        derived.append((x - cx[0]).alias(_tmp("dx")))
        aggs += [dx.sum().alias("dx_sum"), (dx * dx).sum().alias("dxx_sum")]
    for i, name in enumerate(ys):
        d, y = nw.col(_tmp(f"d{i}")), nw.col(name)
        derived.append((y - shift[i]).alias(_tmp(f"d{i}")))
        aggs += [d.count().alias(f"n{i}"), d.sum().alias(f"s{i}"), (d * d).sum().alias(f"q{i}")]
        if shared:
            aggs.append((d * dx).sum().alias(f"jxy{i}_sum"))
        elif cx:
            both = ~y.is_null() & ~x.is_null()
            jy, jx = nw.col(_tmp(f"jy{i}")), nw.col(_tmp(f"jx{i}"))
            derived += [
                nw.when(both).then(y - cy[i]).alias(_tmp(f"jy{i}")),
                nw.when(both).then(x - cx[i]).alias(_tmp(f"jx{i}")),
            ]
            aggs += [jy.count().alias(f"jn{i}"), jy.sum().alias(f"jy{i}_sum"), jx.sum().alias(f"jx{i}_sum")]
            aggs += [(jy * jy).sum().alias(f"jyy{i}_sum"), (jx * jx).sum().alias(f"jxx{i}_sum")]
            aggs.append((jy * jx).sum().alias(f"jxy{i}_sum"))
    records = {}
    for value in sorted_levels(present):
        rows = frame.filter(nw.col(group) == value).with_columns(*values)
        if derived:
            rows = rows.with_columns(*derived)
        out = rows.select(*aggs).collect()
        row = records[value] = dict(zip(out.columns, out.row(0), strict=True))
        if shared:  # the joint sums are the metric's and the covariate's own (same rows, same shifts)
            for i in range(len(ys)):
                row.update({f"jn{i}": row[f"n{i}"], f"jy{i}_sum": row[f"s{i}"], f"jyy{i}_sum": row[f"q{i}"]})
                row.update({f"jx{i}_sum": row["dx_sum"], f"jxx{i}_sum": row["dxx_sum"]})
    return records


def _moments(n: int, s1: float, s2: float, shift: float) -> Moments:
    if n == 0:
        return Moments(0, math.nan, math.nan, 0.0)
    var = max(s2 - s1 * s1 / n, 0.0) / (n - 1) if n > 1 else math.nan
    return Moments(n, shift + s1 / n, var, s1 + shift * n)


def _joint(n: int, sy: float, sx: float, syy: float, sxx: float, sxy: float, cy: float, cx: float) -> JointMoments:
    if n == 0:
        nan = math.nan
        return JointMoments(0, nan, nan, nan, nan, nan, 0.0, 0.0, 0.0)
    ss_y, ss_x = max(syy - sy * sy / n, 0.0), max(sxx - sx * sx / n, 0.0)
    sp = sxy - sx * sy / n
    div = n - 1 if n > 1 else math.nan
    return JointMoments(n, cy + sy / n, cx + sx / n, ss_y / div, ss_x / div, sp / div, ss_y, ss_x, sp)


def _distinct(frame: nw.LazyFrame, group: str, max_variants: int | None) -> list[Any]:
    """The distinct values of the variant column (missing left out); EdakitError when there are more than
    `max_variants`."""
    present = frame.filter(~nw.col(group).is_null()).select(nw.col(group)).unique().collect()[group].to_list()
    if max_variants is not None and len(present) > max_variants:
        raise _too_many(group, present, max_variants)
    return present


def _too_many(group: str, present: list[Any], max_variants: int) -> EdakitError:
    return EdakitError(
        f"The variant column {group!r} has {len(present):,} distinct values; an A/B test compares a few "
        f"variants (at most {max_variants}). Is it the right column (not an id or a measurement)?"
    )


def _tmp(name: str) -> str:
    """A working column's name, apart from the table's own."""
    return f"__edakit_ab_{name}"


def _float(value: Any, default: float) -> float:
    if value is None:
        return default
    value = float(value)
    return default if math.isnan(value) else value
