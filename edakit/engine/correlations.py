"""Gather for the correlation analysis: which columns to pair, and every engine pass the pairs need.

Every engine query of the "Correlations and associations" section, and nothing else (no scipy, no statistics):

* the plan: numeric columns with spread and categorical columns with few levels, at most `MAX_NUMERIC` and
  `MAX_CATEGORICAL` of them (those with the most present values), and what was left out and why;
* numeric × numeric: full-data centred co-moments of every pair with pairwise deletion, and with `--group` within
  each of its levels: one chunked numpy pass over rows polars holds in memory (`comoments.pair_moments`), else one
  engine pass each (`pairs.pair_moments`, `pairs.group_pair_moments`);
* numeric × categorical: per-group counts, means and variances of every numeric column, and categorical ×
  categorical: the full cross-table of every pair, both from one stacked `group_by` on the categorical columns
  when their combinations of levels are few (`pairs.groups_aggregates`), else one `group_by` per column and pair;
  on rows polars holds, on a thread beside the numeric pass (both release the GIL), which then takes a share of
  the numeric pass's remaining chunks (`engine.chunkshare`: added in chunk order, the same sums).

`edakit.stats.correlation_analysis.analyse` turns the aggregates into the typed `CorrelationAnalysis`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from edakit._format import fmt_num
from edakit.engine import comoments, pairs, shared
from edakit.engine.chunkshare import Helper
from edakit.engine.convert import apply_conversions
from edakit.engine.pairs import CrossTable, GroupMoments, PairMoments
from edakit.engine.rmcorr import UnitCounts, UnitMoments

MAX_NUMERIC = 30  # 435 pairs: two passes of 3 aggregates per pair
MAX_CATEGORICAL = 20  # 190 cross-tables, one group_by each
MAX_LEVELS = 30  # a cross-table of at most 30 × 30 cells
NOTE_NAMES = 8  # columns named in a note about columns left out
MAX_GROUPS = 20  # correlations within the levels of --group for a group column with at most this many levels


@dataclass
class LeftOut:
    """Columns that were not paired, and why."""

    columns: list[str]
    reason: str

    @property
    def note(self) -> str:
        """'3 columns left out (why): a, b, c.' with the list cut after `NOTE_NAMES` names."""
        names = self.columns
        shown = ", ".join(names[:NOTE_NAMES]) + (
            f" and {len(names) - NOTE_NAMES} more" if len(names) > NOTE_NAMES else ""
        )
        return f"{fmt_num(len(names))} column{'' if len(names) == 1 else 's'} left out ({self.reason}): {shown}."


@dataclass
class Plan:
    """The columns to pair (table order), and those left out with the reason."""

    numeric: list[str]
    categorical: list[str]
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return [item.note for item in self.left_out]


@dataclass
class Aggregates:
    """The engine's full-data aggregates for every pair of the plan, gathered before any statistic is computed."""

    plan: Plan
    rows: int = 0
    moments: dict[tuple[str, str], PairMoments] = field(default_factory=dict)
    tables: dict[tuple[str, str], CrossTable] = field(default_factory=dict)
    groups: dict[str, dict[str, GroupMoments]] = field(default_factory=dict)
    # with --group: the group column, and every numeric pair's co-moments within each of its levels
    by: str | None = None
    within: dict[tuple[str, str], dict[str, PairMoments]] = field(default_factory=dict)
    # with --pair: the unit column, how the rows fall into its units, every numeric pair's within-unit co-moments
    unit: str | None = None
    unit_counts: UnitCounts | None = None
    within_units: dict[tuple[str, str], UnitMoments] = field(default_factory=dict)

    @property
    def too_few(self) -> bool:
        numeric, categorical = len(self.plan.numeric), len(self.plan.categorical)
        return numeric < 2 and categorical < 2 and not (numeric and categorical)


def gather(ctx: Any, on_moments: Callable[[Aggregates, Callable[[], bool]], None] | None = None) -> Aggregates:
    """Every engine pass of the analysis of `ctx` (an `AnalysisContext`): pair moments, cross-tables and group
    moments of the planned columns. `on_moments(aggregates, ended)` is called, on this thread, once the numeric
    pairs' moments are in when the categorical pass runs beside them (rows in polars' memory; other engines take
    one query at a time, so the caller's own queries wait for the whole gather); `ended()` says whether that pass
    has ended."""
    plan = plan_columns(ctx)
    out = Aggregates(plan, rows=ctx.summary.rows)
    if out.too_few:
        return out
    work = apply_conversions(ctx.table.frame, ctx.schema)
    by = within_group(ctx)

    def categorical() -> tuple[dict[str, dict[str, GroupMoments]], dict[tuple[str, str], CrossTable]]:
        tables = list(combinations(plan.categorical, 2))
        if plan.numeric:  # the group moments' pass gives the cross-tables too
            values = pairs.finite_values(plan.numeric, ctx.schema)
            distinct = {g: ctx.summary.columns[g].distinct for g in plan.categorical}
            held = comoments.applies(work, ctx.table.in_memory)
            stats = {n: ctx.summary.columns[n].numeric for n in plan.numeric}
            exact = pairs.exact_sums(plan.numeric, ctx.schema, stats)
            complete = {n for n in plan.numeric if stats[n].get("count") == ctx.summary.rows}
            return pairs.groups_aggregates(work, plan.categorical, values, distinct, tables, held, exact, complete)
        return {}, {(a, b): pairs.cross_table(work, a, b) for a, b in tables}

    if len(plan.numeric) < 2:
        out.groups, out.tables = categorical()
        return out
    beside = plan.categorical and comoments.applies(work, ctx.table.in_memory)
    helper, ended = Helper(), threading.Event()

    def categorical_then_help() -> tuple[dict[str, dict[str, GroupMoments]], dict[tuple[str, str], CrossTable]]:
        try:
            return categorical()
        finally:  # then the numeric pass's remaining chunks, when it is still running
            ended.set()
            helper.help()

    with ThreadPoolExecutor(max_workers=1) as side:
        # rows polars holds: the categorical pass (a GIL-free group_by) runs on a thread beside the numeric one
        # (numpy's products and polars' slices, GIL-free too), and then takes a share of its chunks; other engines
        # take one query at a time
        pending = side.submit(categorical_then_help) if beside else None
        try:
            out.moments, out.within = numeric_moments(ctx, work, plan.numeric, by, helper if beside else None)
        finally:
            helper.close()
        out.by = by if out.within else None
        if on_moments is not None and pending is not None:
            on_moments(out, ended.is_set)
        out.groups, out.tables = pending.result() if pending is not None else categorical()
    return out


def within_group(ctx: Any) -> str | None:
    """The `--group` column when correlations are also computed within its levels (Simpson's paradox): a
    categorical or boolean column with 2 to MAX_GROUPS levels, and not an A/B test's variant column."""
    group = getattr(ctx.config, "group", None)
    if not group or getattr(ctx.config, "metrics", None) or group not in ctx.summary.columns:
        return None
    role = next((c.role for c in ctx.schema.columns if c.name == group), None)
    distinct = ctx.summary.columns[group].distinct
    return group if role in ("categorical", "boolean") and 2 <= distinct <= MAX_GROUPS else None


def plan_columns(ctx: Any) -> Plan:
    """Choose the columns to pair: numeric with spread, categorical with few levels, within the caps."""
    skipped = {c.name for c in ctx.columns if getattr(c, "skipped", None)}
    numeric: list[tuple[int, int, str]] = []
    categorical: list[tuple[int, int, str]] = []
    flat: list[str] = []
    lost: list[str] = []
    many_levels: list[str] = []
    other: dict[str, list[str]] = {}
    for i, col in enumerate(ctx.schema.columns):
        s = ctx.summary.columns[col.name]
        if col.name in skipped:
            other.setdefault("could not be summarised", []).append(col.name)
        elif col.role == "numeric":
            count, var = s.numeric.get("count") or 0, s.numeric.get("var")
            if count >= 3 and var == 0 and s.numeric.get("min") != s.numeric.get("max"):
                lost.append(col.name)  # values that differ, but not in double precision (2^53 + k, 1e-309)
            elif count < 3 or not var:
                flat.append(col.name)
            else:
                numeric.append((-count, i, col.name))
        elif col.role in ("categorical", "boolean"):
            if s.distinct > MAX_LEVELS:
                many_levels.append(col.name)
            elif s.distinct >= 2:
                categorical.append((-s.count, i, col.name))
            else:
                flat.append(col.name)
        else:
            other.setdefault(f"{col.role} columns are not measured", []).append(col.name)
    left_out = [LeftOut(names, why) for why, names in other.items()]
    if flat:
        left_out.append(LeftOut(flat, "fewer than 3 values or no spread: nothing to correlate"))
    if lost:
        left_out.append(LeftOut(lost, "their spread is lost in double-precision arithmetic, as their columns say"))
    if many_levels:
        left_out.append(LeftOut(many_levels, f"more than {MAX_LEVELS} categories"))
    chosen_numeric = _cap(numeric, MAX_NUMERIC, "numeric", left_out)
    chosen_categorical = _cap(categorical, MAX_CATEGORICAL, "categorical", left_out)
    return Plan(chosen_numeric, chosen_categorical, left_out)


def _cap(candidates: list[tuple[int, int, str]], limit: int, kind: str, left_out: list[LeftOut]) -> list[str]:
    """The `limit` candidates with the most present values (ties: table order), back in table order."""
    ranked = sorted(candidates)
    kept, dropped = ranked[:limit], ranked[limit:]
    if dropped:
        why = f"only the {limit} {kind} columns with the most present values are paired, to bound the work"
        left_out.append(LeftOut([c[2] for c in sorted(dropped, key=lambda c: c[1])], why))
    return [c[2] for c in sorted(kept, key=lambda c: c[1])]


def numeric_moments(
    ctx: Any, work: Any, names: list[str], by: str | None = None, helper: Helper | None = None
) -> tuple[dict[tuple[str, str], PairMoments], dict[tuple[str, str], dict[str, PairMoments]]]:
    """Full-data centred co-moments of every pair of `names` (pairwise deletion) and, with `by`, within each level
    of `by`: chunked numpy sums over rows polars holds in memory (`comoments`, one pass for both; `helper`: where
    another thread may take a share of its chunks), else one engine pass each (`pairs`)."""
    in_memory = comoments.applies(work, ctx.table.in_memory)
    if in_memory and by is not None:
        p = group_pass(ctx, work, names, by, helper)
        return p.overall, p.within
    rows, complete, shifts, values, found = _pass_inputs(ctx, names)
    if in_memory:
        bounds = _bounds(ctx, names)
        return comoments.pair_moments(
            work, values, found, shifts=shifts, rows=rows, complete=complete, bounds=bounds, helper=helper
        )
    overall = pairs.pair_moments(work, values, found, rows=rows, shifts=shifts, complete=complete)
    within = {} if by is None else pairs.group_pair_moments(work, by, values, found, shifts=shifts)
    return overall, within


def group_pass(ctx: Any, work: Any, names: list[str], by: str, helper: Helper | None = None) -> comoments.GroupPass:
    """The chunked pass of `names` within the levels of `by` (rows in memory), run once per report: the group
    comparison's gather takes each column's per-group moments from it too (`shared.once`; `helper` is used when
    this call runs it)."""
    rows, complete, shifts, values, found = _pass_inputs(ctx, names)
    bounds = _bounds(ctx, names)
    return shared.once(
        ctx,
        ("group_pass", by, tuple(names)),
        lambda: comoments.group_pass(
            work, values, found, shifts=shifts, rows=rows, group=by, complete=complete, bounds=bounds, helper=helper
        ),
    )


def _pass_inputs(ctx: Any, names: list[str]) -> tuple[int, set[str], dict[str, Any], dict[str, Any], list]:
    """What a co-moments pass of `names` takes from the profile: the table's rows, the columns with no missing
    value, each column's mean (the shift), the finite-value expressions and every pair."""
    rows = ctx.summary.rows
    stats = {n: ctx.summary.columns[n].numeric for n in names}
    complete = {n for n in names if stats[n]["count"] == rows}
    shifts = {n: stats[n]["mean"] for n in names}
    return rows, complete, shifts, pairs.finite_values(names, ctx.schema), list(combinations(names, 2))


def _bounds(ctx: Any, names: list[str]) -> dict[str, int]:
    """The largest |value| of each column of `names` that holds integers whose sums of squares fit in 64 bits
    (`pairs.exact_sums`), from the profile: the chunked pass sums such columns exactly (`comoments.whole_products`)."""
    stats = {n: ctx.summary.columns[n].numeric for n in names}
    exact = pairs.exact_sums(names, ctx.schema, stats)
    return {n: max(abs(int(stats[n]["min"])), abs(int(stats[n]["max"]))) for n in exact}


def shared_group_pass(ctx: Any) -> comoments.GroupPass | None:
    """The within-group pass `gather` runs under `--group` (the same one, shared), or None when it runs none: the
    section is off, the group column is not one to correlate within, fewer than two numeric columns, or the rows
    are not in polars' memory."""
    by = within_group(ctx)
    if not getattr(ctx.config, "correlations", False) or by is None:
        return None
    names = plan_columns(ctx).numeric
    work = apply_conversions(ctx.table.frame, ctx.schema)
    if len(names) < 2 or not comoments.applies(work, ctx.table.in_memory):
        return None
    return group_pass(ctx, work, names, by)
