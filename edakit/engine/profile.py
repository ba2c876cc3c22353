"""Profile stage: every full-data aggregate, written once as narwhals expressions.

Aggregates are batched: one `select` counts the missing and distinct values of every column (8- and 16-bit
integer columns, and the text columns of a tall table in memory, are counted by value instead, which gives their
distinct count too); one bounded `group_by` per column counts its levels (`engine.levels`: modes, entropy, top
values, and the full value counts of numeric columns with few distinct values; on a short table, one stacked
`group_by` for the columns of a type with few values); one `select` computes the first-pass statistics of a group of
the other numeric columns (counts, moments, extremes, exact type-7 quartiles); a second `select` computes what
depends on the first (MAD around the median, Tukey-fence outlier counts and, for charted columns, box-plot whisker
ends); and one `group_by` over stacked bin indexes counts the histograms of the charted columns. Tabulated columns
get all of these from their value counts (`engine.tabulated`), exactly and without those passes.
Only a bounded, seeded sample of rows ever reaches Python as values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine import histogram, tabulated
from edakit.engine.convert import apply_conversions, converted_once
from edakit.engine.duplicates import duplicate_rows, has_key, start_first
from edakit.engine.expressions import (
    aggregate_row,
    chunks,
    collect_aggregates,
    collect_in_order,
    count_if,
    finite_only,
    is_float_type,
    plain,
)
from edakit.engine.levels import (
    SMALL_INTEGERS,
    STACK_MAX_ROWS,
    LevelCounts,
    count_levels,
    counted,
    finite_tabulation,
    integer_spans,
    most_frequent_first,
    offset_counts,
    value_counts_of,
)
from edakit.engine.sample import draw_sample
from edakit.engine.tabulated import Tabulation
from edakit.schema import ColumnSchema, Schema, finalize_roles, pairing_candidates

QUANTILES = {"q25": 0.25, "median": 0.5, "q75": 0.75}
TOP_VALUES = 10
TUKEY_K = 1.5
ORDER = ("count", "mean", "sd", "var", "skew", "kurt", "min", "max", "zeros", "negatives", "sum", "fractional")
ORDER += tuple(QUANTILES)  # the numeric pass's statistics, in the order the summary lists them
COUNT_FIRST_FRACTION = 4  # see _tall_counts
STREAMED_PASS_BYTES = 1 << 30  # budget of one profile pass over rows scanned from a file (16 bytes a value)


@dataclass
class ColumnSummary:
    """Full-data aggregates of one column, as plain numbers."""

    name: str
    role: str
    rows: int
    missing: int
    distinct: int
    numeric: dict[str, Any] = field(default_factory=dict)
    top_values: list[tuple[Any, int]] = field(default_factory=list)
    other_count: int = 0
    lengths: dict[str, Any] = field(default_factory=dict)
    datetime: dict[str, Any] = field(default_factory=dict)
    chart: dict[str, Any] = field(default_factory=dict)  # histogram, whiskers, counts over time (charted columns)
    error: str | None = None

    @property
    def count(self) -> int:
        return self.rows - self.missing


@dataclass
class TableSummary:
    rows: int
    columns: dict[str, ColumnSummary]
    duplicate_rows: int | None
    sample: Any  # a polars DataFrame of at most `sample_size` rows (converted values)
    sample_size: int
    sampled: bool  # True when the sample is a strict subset of the rows
    notes: list[str] = field(default_factory=list)
    missing_patterns: dict[str, Any] | None = None  # see engine.histogram.missing_patterns
    levels: dict[str, LevelCounts] = field(default_factory=dict)  # see engine.levels (modes, entropy)


def profile(
    frame: nw.LazyFrame,
    schema: Schema,
    *,
    sample_size: int = 100_000,
    seed: int = 0,
    columns_per_pass: int = 200,
    max_charted_columns: int | None = None,
    in_memory: bool = False,
    group: str | None = None,
    roles: dict[str, str] | None = None,
    pair: str | None = None,
    on_columns: Callable[[TableSummary], None] | None = None,
) -> TableSummary:
    """Compute the full-data summaries of every column, settling the final roles on the way (`group`: the
    report's group column, for a pairing key that repeats once per group; `roles`: roles set by hand; `pair`: the
    column `--pair` names, an identifier).

    `on_columns(summary)` is called once, on this thread, when every column's summary, the level counts and the
    sample are final: on rows in polars' memory before the table's own queries (the duplicate rows, the missing
    values' patterns) end, which fill `duplicate_rows` and `missing_patterns` of that same summary afterwards, so
    that the caller's analyses run beside them (the report's sections read neither); otherwise at the end.

    Chart aggregates (histogram counts, whisker ends, counts over time) are computed for the first
    `max_charted_columns` columns only (all when None), so wide tables stay cheap. `in_memory`: the rows are
    in memory (lets wide passes use polars' in-memory engine; see `collect_aggregates`).
    """
    with _beside(in_memory and nw.get_native_namespace(frame).__name__ == "polars") as beside:
        return _profile(
            frame,
            schema,
            beside,
            sample_size=sample_size,
            seed=seed,
            columns_per_pass=columns_per_pass,
            max_charted_columns=max_charted_columns,
            in_memory=in_memory,
            group=group,
            roles=roles,
            pair=pair,
            on_columns=on_columns,
        )


def _profile(
    frame: nw.LazyFrame,
    schema: Schema,
    beside: Executor,
    *,
    sample_size: int,
    seed: int,
    columns_per_pass: int,
    max_charted_columns: int | None,
    in_memory: bool,
    group: str | None,
    roles: dict[str, str] | None,
    pair: str | None,
    on_columns: Callable[[TableSummary], None] | None,
) -> TableSummary:
    """`profile`, with the queries that need nothing the main thread is computing run on `beside`: the tall
    table's value counts while this thread counts the small integers, the sample and the duplicate rows while it
    does the rest."""
    pair_group = group  # `group` is reused below for groups of columns
    work, levels_counted = converted_once(frame, schema) if in_memory else (apply_conversions(frame, schema), {})
    names = [c.name for c in schema.columns]
    rows = int(work.select(nw.len()).collect().item())
    if not in_memory:  # exact quantiles hold a whole column each: bound the columns per pass by their bytes
        columns_per_pass = max(1, min(columns_per_pass, STREAMED_PASS_BYTES // max(16 * rows, 1)))
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, Any]] = {}
    small = {c.name for c in schema.columns if c.dtype in SMALL_INTEGERS}  # their value counts give the distinct
    spans = _short_spans(work, schema, rows, small | set(levels_counted)) if in_memory else {}
    hashed = [c.name for c in schema.columns if c.role != "unsupported"]  # the columns a duplicate row repeats
    duplicates_first = None if isinstance(beside, _Inline) else start_first(work, hashed, rows, spans, beside)
    tall = (
        beside.submit(_tall_counts, work, schema, rows, small | set(spans), levels_counted)
        if in_memory
        else _done(({}, {}, set()))
    )
    # rows in polars' memory are sampled by position (other engines order them by the sampled columns): drawn now, of
    # the columns numeric before the roles are settled (settling only takes that role away, bar roles set by hand)
    numeric_before = [c.name for c in schema.by_role("numeric")]
    early_sample = (
        None
        if isinstance(beside, _Inline)
        else beside.submit(draw_sample, work, numeric_before, rows, sample_size, seed, in_memory)
    )
    known = value_counts_of(work, [c.name for c in schema.columns if c.name in small], rows, in_memory)
    wide = work.to_native().select(list(spans)).collect() if spans else None  # one query (flights 1x: 14 columns)
    spanned = {name: offset_counts(wide.get_column(name), *s) for name, s in spans.items()}  # beside the tall's
    by_value, collected, ordered = tall.result()  # value counts: text and dates; numbers
    counted_here = small | set(spans) | set(by_value) | set(collected) | ordered
    for group in chunks(schema.columns, columns_per_pass):
        counts.update(_count_pass(work, group, in_memory, counted=counted_here))
    for name, table in (known | spanned).items():
        counts[name]["distinct"] = int(table.values.size)
    for name, table in (by_value | collected).items():
        counts[name]["distinct"] = len(table)
    for name in ordered:  # strictly increasing or decreasing, none missing: every value distinct
        counts[name]["distinct"] = rows
    paired = {
        name for name in pairing_candidates(schema, pair_group) if _once_per_group(work, name, pair_group, rows, counts)
    }
    finalize_roles(schema, rows, counts, paired=paired, overrides=roles, unit_key=pair)
    summaries = {
        c.name: ColumnSummary(c.name, c.role, rows, counts[c.name]["missing"], counts[c.name]["distinct"])
        for c in schema.columns
    }
    numeric_cols = [c.name for c in schema.by_role("numeric")]
    drawn = (
        early_sample
        if early_sample is not None and numeric_cols and set(numeric_cols) <= set(numeric_before)
        else beside.submit(draw_sample, work, numeric_cols, rows, sample_size, seed, in_memory)
    )
    plain = [c.name for c in schema.columns if c.role != "unsupported"]
    keyed = not plain or has_key(plain, counts, rows)
    numbers = {  # the numeric columns' value counts, in the table's order
        n: spanned[n] if n in spanned else finite_tabulation(collected[n])
        for n in names
        if n in spanned or n in collected
    }
    ranges = {  # integer columns' extremes, from their value counts: packed exactly for the row hashes
        name: (int(t.values[0]), int(t.values[-1]), counts[name]["missing"] > 0)
        for name, t in (known | numbers).items()
        if t is not None and t.values.dtype.kind in "iu" and t.values.size
    }
    if keyed:
        duplicates = _done(0)
    elif duplicates_first is not None and hashed == plain:
        duplicates = duplicates_first
    else:
        duplicates = beside.submit(duplicate_rows, work, plain, rows, in_memory, ranges)
    levels, tables = count_levels(
        work, schema, summaries, known=known, counted_text=by_value, collected={k: t for k, t in numbers.items() if t}
    )
    charted = set(names[:max_charted_columns] if max_charted_columns is not None else names)
    for group in chunks(numeric_cols, columns_per_pass):
        view = finite_view(work, group, schema)
        first.update(_numeric_pass(view, group, schema, rows, counts, in_memory, tables))
        charts = _spread_pass(view, group, first, charted, rows, in_memory, tables)
        for name, chart in charts.items():
            summaries[name].chart = chart
    for name in numeric_cols:
        summaries[name].numeric = first[name]
    for col in schema.by_role("datetime"):
        values = by_value.get(col.name)  # its value counts, when taken: the same extremes and counts per period
        source, name = (work, col.name) if values is None else (values, "value")  # collected: no query
        summaries[col.name].datetime = _minmax(source, name)
        lo, hi = summaries[col.name].datetime["min"], summaries[col.name].datetime["max"]
        if col.name in charted and lo is not None and hi is not None:
            weight = None if values is None else "n"
            summaries[col.name].chart = histogram.time_counts(source, name, lo, hi, weight=weight)
    for col in schema.by_role("text"):
        summaries[col.name].lengths = _lengths(work, col.name)
    for col in schema.by_role("categorical", "boolean", "text", "constant"):
        s = summaries[col.name]
        if col.name in levels:
            counted = levels[col.name]
            s.top_values = list(zip(counted.values[:TOP_VALUES], counted.counts[:TOP_VALUES], strict=True))
            s.other_count = s.count - sum(counted.counts[:TOP_VALUES])
        else:  # all values distinct (no level query), or the engine could not group them
            s.top_values, s.other_count = _top_values(work, col.name, s.count)
    sample, sampled = drawn.result()
    sample = sample.select(numeric_cols) if drawn is early_sample else sample
    summary = TableSummary(rows, summaries, None, sample, sample_size, sampled, levels=levels)
    early = not isinstance(beside, _Inline)  # the table's queries below may run beside the caller's
    if duplicates_first is not None:  # its working set ends before the caller's analyses start theirs
        duplicates_first.result()
    if on_columns is not None and early:
        on_columns(summary)
    by_name = {c.name: c for c in schema.columns}  # `schema[name]` searches the list: slow on wide tables
    gaps = {
        n: finite_only(nw.col(n), is_float_type(by_name[n])).is_null()
        for n in names
        if summaries[n].missing or first.get(n, {}).get("non_finite")
    }
    if 0 < len(gaps) <= histogram.MAX_PATTERN_COLUMNS:
        summary.missing_patterns = histogram.missing_patterns(work, gaps, rows)
    summary.duplicate_rows = duplicates.result()
    if on_columns is not None and not early:
        on_columns(summary)
    return summary


@contextmanager
def _beside(concurrent: bool) -> Iterator[Executor]:
    """Where `_profile` runs the queries that can go beside its own: two threads when the rows are in polars' memory
    (its queries release the GIL, and many use a core or less: a group_by of one column, the row hashes), so the
    sample and the duplicate rows start together once the roles are settled and the hashes end before the report's
    sections (started at the sample) need the most memory (flights 10x: peak 675-740 MB with the hashes queued
    behind the sample, 628-652 with both at once, as before the sections started early; a tall table's hashes
    may start first, `duplicates.start_first`); else this thread (a scanned file's queries each hold their own memory,
    so they run one at a time)."""
    if not concurrent:
        yield _Inline()
        return
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="edakit-profile") as pool:
        yield pool


class _Inline(Executor):
    """An executor that runs each call at once, on the calling thread."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - raised again by `result()`, as a thread's would be
            future.set_exception(exc)
        return future


def _done(value: Any) -> Future:
    """A future that holds `value` already."""
    future: Future = Future()
    future.set_result(value)
    return future


def _once_per_group(work: nw.LazyFrame, name: str, group: str | None, rows: int, counts: dict[str, Any]) -> bool:
    """Whether every value of `name` occurs exactly once in each group of `group` (no value missing in either):
    distinct values × groups = rows, and no (value, group) pair repeats."""
    if group is None or group not in counts or counts[name]["missing"] or counts[group]["missing"]:
        return False
    values, groups = counts[name]["distinct"], counts[group]["distinct"]
    if groups < 2 or values * groups != rows:
        return False
    return int(work.select(name, group).unique().select(nw.len()).collect().item()) == rows


def _tall_counts(
    work: nw.LazyFrame,
    schema: Schema,
    rows: int,
    small: set[str],
    given: dict[str, nw.DataFrame] | None = None,
) -> tuple[dict[str, nw.DataFrame], dict[str, nw.DataFrame], set[str]]:
    """On a tall table in polars' memory: (value counts of the text columns and of the date columns with few
    distinct values, value counts of the numeric columns with few distinct values, the columns whose values are
    all distinct because they strictly increase or decrease down the rows with none missing). The count pass then
    needs no `n_unique` of any of these, and a date column's extremes and counts over time are summed from its
    value counts (flights × 10: time_hour, 6,936 values in 3.4 M rows, four queries over every row saved).

    Value counts (`engine.levels.counted`, one `group_by` each, all collected at once so that polars runs the
    small ones side by side) give a column's distinct count (their rows) and
    its levels, so the levels need no second `group_by` (flights × 10: five text columns, 0.3 CPU-seconds saved);
    a numeric column's are taken when polars' HyperLogLog estimate of its distinct values is at most
    `rows / COUNT_FIRST_FRACTION` (about a third of the `n_unique` cost), and then tabulated
    (`engine.tabulated`) unless it holds too many distinct values (`engine.levels.count_levels`). A sorted id
    column (integers, dates or text whose first rows strictly increase or decrease) is checked on every row by
    comparing each value with the one before, far cheaper than hashing millions of distinct values (a 5 M-row
    id: 0.006 against 0.3 CPU-seconds). `given`: value counts already taken (`convert.converted_once`, columns
    converted once per distinct text), used in place of the estimate and the query. Short tables count their
    levels stacked instead (`engine.levels`)."""
    if rows <= STACK_MAX_ROWS or nw.get_native_namespace(work).__name__ != "polars":
        return {}, {}, set()
    import polars as pl

    dtypes = work.collect_schema()
    names = [c.name for c in schema.columns if c.role != "unsupported" and c.name not in small]
    orderable = [n for n in names if dtypes[n].is_integer() or dtypes[n].is_temporal() or dtypes[n] == nw.String]
    ordered = _strictly_monotone(work.to_native(), orderable)
    numbers = [n for n in names if n not in ordered and (dtypes[n].is_integer() or dtypes[n].is_float())]
    dates = [n for n in names if n not in ordered and (dtypes[n] == nw.Date or dtypes[n] == nw.Datetime)]
    given = given or {}
    few = {n for n in numbers + dates if n in given and len(given[n]) * COUNT_FIRST_FRACTION <= rows}
    estimated = [n for n in numbers + dates if n not in given]
    if estimated:
        estimate = work.to_native().select(pl.col(*estimated).approx_n_unique()).collect().row(0)
        few |= {n for n, k in zip(estimated, estimate, strict=True) if k * COUNT_FIRST_FRACTION <= rows}
    text = [n for n in names if n not in ordered and dtypes[n] == nw.String] + [n for n in dates if n in few]
    counting = text + [n for n in numbers if n in few]
    queries = [n for n in counting if n not in given]
    frames = pl.collect_all([counted(work, nw.col(n)).to_native() for n in queries])  # side by side on polars' pool
    tables = {n: given[n] for n in counting if n in given} | {
        n: nw.from_native(f) for n, f in zip(queries, frames, strict=True)
    }
    return {n: tables[n] for n in text}, {n: tables[n] for n in counting if n not in text}, ordered


def _short_spans(work: nw.LazyFrame, schema: Schema, rows: int, counted: set[str]) -> dict[str, tuple[int, int]]:
    """On a tall table in polars' memory, the integer columns (not in `counted`) whose values span at most
    rows / `COUNT_FIRST_FRACTION` integers, with their extremes (`engine.levels.integer_spans`): their value counts
    are taken by numpy on this thread, not by `_tall_counts`' estimate and `group_by` beside it. Such a column has
    at most that many distinct values, so `_tall_counts` would have counted it by value too (its estimate aside)."""
    if rows <= STACK_MAX_ROWS or nw.get_native_namespace(work).__name__ != "polars":
        return {}
    names = [c.name for c in schema.columns if c.role != "unsupported" and c.name not in counted]
    return integer_spans(work, names, rows // COUNT_FIRST_FRACTION)


def _strictly_monotone(native: Any, names: list[str], head: int = 1_000) -> set[str]:
    """The columns of `names` (orderable: integers, dates, text) whose values strictly increase, or strictly
    decrease, down the rows with none missing, so that every value is distinct. Only the columns whose first
    `head` rows do so are checked on every row (one query; each comparison with the previous row is cheap)."""
    import polars as pl

    if not names:
        return set()
    first = native.select(names).head(head).collect()
    directions = {}
    for name in names:
        values = first[name]
        if values.null_count() or values.len() < 2:
            continue
        later, earlier = values.slice(1), values.slice(0, values.len() - 1)
        up = bool((later > earlier).all())
        if up or bool((later < earlier).all()):
            directions[name] = up
    if not directions:
        return set()
    checks = []
    for i, (name, up) in enumerate(directions.items()):
        x = pl.col(name)
        step = x > x.shift(1) if up else x < x.shift(1)
        checks += [x.null_count().alias(f"n{i}"), step.all().alias(f"s{i}")]  # `all` skips the first row's null
    row = native.select(checks).collect().row(0, named=True)
    return {name for i, name in enumerate(directions) if row[f"n{i}"] == 0 and row[f"s{i}"]}


def finite_view(work: nw.LazyFrame, names: list[str], schema: Schema) -> nw.LazyFrame:
    """The numeric columns `names` with NaN and ±inf as missing, renamed `_key(i)`: the passes' many aggregates
    then read a plain column instead of repeating the `when/then` (cheaper for the engine, and narwhals builds a
    select of a few thousand simple expressions several times faster)."""
    by_name = {c.name: c for c in schema.columns}  # `schema[name]` searches the list: slow on wide tables
    return work.select(
        *(finite_only(nw.col(name), is_float_type(by_name[name])).alias(_key(i)) for i, name in enumerate(names))
    )


def _key(i: int) -> str:
    return f"__edakit_{i}"


def _count_pass(
    work: nw.LazyFrame, columns: list[ColumnSchema], in_memory: bool, counted: set[str]
) -> dict[str, dict[str, Any]]:
    """Missing and distinct counts; columns of unsupported types (lists, structs) get missing counts only, and
    columns in `counted` too (their distinct values are counted from their value counts). Numeric columns whose
    head sample holds whole numbers also get `min` and `fractional` (finite values that are not whole), so the
    schema tells codes and counts from measurements on the full column (`schema.finalize_roles`).

    Over rows polars scans from a file, each distinct count runs as its own query: its streaming engine holds
    every column of a select with several `n_unique` in memory at once (6.4 GB for 34 M rows × 19 columns)."""
    names = [c.name for c in columns]
    missing = [nw.col(*names).null_count().name.suffix("_missing")]  # one expression for all columns
    whole = {i: c for i, c in enumerate(columns) if c.role == "numeric" and c.sample_facts.get("whole")}
    for i, c in whole.items():
        is_float = c.dtype.startswith(("Float", "Decimal")) or c.conversion == "number_text"
        x = finite_only(nw.col(c.name), is_float)
        fractional = count_if(x != x.round(0)) if is_float else nw.lit(0)
        missing += [x.min().alias(f"__edakit_{i}_min"), fractional.alias(f"__edakit_{i}_fractional")]
    counted_names = [c.name for c in columns if not (c.role == "unsupported" or c.name in counted)]
    if in_memory or nw.get_native_namespace(work).__name__ != "polars":
        distinct = [nw.col(*counted_names).n_unique().name.suffix("_nunique")] if counted_names else []
        query = work.select(*missing, *distinct)
        df = collect_aggregates(query, 2 * len(columns) + 2 * len(whole), in_memory)  # aggregates once expanded
        row = dict(zip(df.columns, df.row(0), strict=True))
    else:
        df = work.select(missing).collect()
        row = dict(zip(df.columns, df.row(0), strict=True))
        for name in counted_names:
            row[f"{name}_nunique"] = work.select(nw.col(name).n_unique()).collect().item()
    out: dict[str, dict[str, Any]] = {}
    for col in columns:
        n_missing, n_unique = int(row[f"{col.name}_missing"]), int(row.get(f"{col.name}_nunique", 0))
        out[col.name] = {"missing": n_missing, "distinct": max(n_unique - (1 if n_missing else 0), 0)}
    for i, col in whole.items():
        low, fractional = row[f"__edakit_{i}_min"], row[f"__edakit_{i}_fractional"]
        if low is not None:
            out[col.name].update(min=float(plain(low)), fractional=int(plain(fractional) or 0))
    return out


def _numeric_pass(
    view: nw.LazyFrame,
    names: list[str],
    schema: Schema,
    rows: int,
    counts: dict[str, dict[str, int]],
    in_memory: bool,
    tables: dict[str, Tabulation],
) -> dict[str, dict[str, Any]]:
    """Moments, extremes, quartiles and counts of the numeric columns `names` (as `finite_view` gives them).
    Columns in `tables` get all of them from their value counts (`engine.tabulated.summary`), without a pass.

    Each statistic is one multi-output expression over all the columns (`nw.col(*keys).mean()`), which the
    engine expands into one aggregate per column, the same as writing them out; narwhals then builds a dozen
    expressions instead of a dozen per column (a 1,500-column table: 12,000, the pass's main cost)."""
    keys = [_key(i) for i, name in enumerate(names) if name not in tables]
    float_names = {c.name for c in schema.columns if is_float_type(c)}
    floats = [_key(i) for i, name in enumerate(names) if name not in tables and name in float_names]
    out: dict[str, dict[str, Any]] = {name: {} for name in names}
    if keys:
        x = nw.col(*keys)
        stats = {
            "count": x.count(),
            "mean": x.mean(),
            "sd": x.std(ddof=1),
            "var": x.var(ddof=1),
            "skew": x.skew(),
            "kurt": x.kurtosis(),
            "min": x.min(),
            "max": x.max(),
            "zeros": count_if(x == 0),
            "negatives": count_if(x < 0),
            "sum": x.sum(),
            **{q: x.quantile(p, interpolation="linear") for q, p in QUANTILES.items()},
        }
        extra = [count_if(nw.col(*floats) % 1 != 0).name.suffix("_fractional")] if floats else []
        # (values that are not whole, 0 for integer columns: histogram edges at half-integers if none); the same
        # sums every run: rows in polars' memory by its in-memory engine (`collect_in_order`)
        row = aggregate_row(view, stats, extra, keys, in_memory)
        for i, name in enumerate(names):
            if name not in tables:
                key = _key(i)
                out[name] = {stat: plain(row.get(f"{key}_{stat}", 0)) for stat in ORDER}
    for name in names:
        if name in tables:
            out[name] = tabulated.summary(tables[name], QUANTILES)
        out[name]["non_finite"] = rows - counts[name]["missing"] - out[name]["count"]  # NaN and ±inf
    return out


def _spread_pass(
    view: nw.LazyFrame,
    names: list[str],
    first: dict[str, dict[str, Any]],
    charted: set[str],
    rows: int,
    in_memory: bool,
    tables: dict[str, Tabulation],
) -> dict[str, dict[str, Any]]:
    """MAD and Tukey outlier counts (they need the median and quartiles found by the first pass), and for
    charted columns the box-plot whisker ends, then (one more pass) their histogram counts; see
    `engine.histogram`. Columns in `tables` get all of these from their value counts, without a pass.
    Returns the chart aggregates of the charted columns."""
    exprs = []
    active = [(i, n) for i, n in enumerate(names) if first[n]["count"]]
    edges: dict[str, list[float]] = {}
    shaped = False  # a column's shape computed on its values scaled (`tabulated.shape_scale`)
    for i, name in active:
        s = first[name]
        x = nw.col(_key(i))
        iqr = s["q75"] - s["q25"]
        s["fence_low"], s["fence_high"] = s["q25"] - TUKEY_K * iqr, s["q75"] + TUKEY_K * iqr
        if name in charted:
            integer = not s.get("fractional")
            edges[name] = histogram.histogram_edges(s["min"], s["max"], s["count"], s["q25"], s["q75"], integer)
        if name in tables:
            continue
        if tabulated.far_from_zero(s["mean"], s["var"]):  # Σ(x − c) and Σ(x − c)² about c = the rounded mean
            d = x - s["mean"]
            exprs += [d.sum().alias(f"{i}_dev"), (d * d).sum().alias(f"{i}_dev2")]
        scale = tabulated.shape_scale(s["min"], s["max"]) if s["count"] > 2 else None
        if scale is not None:  # values of extreme size: the shape of x·2^k (exact, free of scale; x⁴ overflows)
            scaled = x * scale[0] * scale[1]
            exprs += [scaled.skew().alias(f"{i}_skew"), scaled.kurtosis().alias(f"{i}_kurt")]
            shaped = True
        exprs += [
            (x - s["median"]).abs().median().alias(f"{i}_mad"),
            count_if(x < s["fence_low"]).alias(f"{i}_low"),
            count_if(x > s["fence_high"]).alias(f"{i}_high"),
        ]
        if name in charted:
            exprs += histogram.whisker_exprs(x, s, f"{i}")
    row = {}
    if exprs:  # sums about the mean (`tabulated.far_from_zero`) and shapes the same every run: `collect_in_order`
        sums = shaped or any(
            s.get("var") is not None and tabulated.far_from_zero(s["mean"], s["var"]) for s in first.values()
        )
        query = view.select(exprs)
        df = collect_in_order(query, in_memory) if sums else collect_aggregates(query, len(exprs), in_memory)
        row = dict(zip(df.columns, df.row(0), strict=True))
    charts = {}
    for i, name in active:
        s = first[name]
        if name in tables:
            s.update(tabulated.spread(tables[name], s["median"], s["fence_low"], s["fence_high"]))
            if name in charted:
                charts[name] = tabulated.whiskers(tables[name], s)
            continue
        if f"{i}_skew" in row:  # the shape of the scaled values (`tabulated.shape_scale`)
            s["skew"], s["kurt"] = plain(row[f"{i}_skew"]), plain(row[f"{i}_kurt"])
        if f"{i}_dev" in row:  # the sum of squares about the exact mean (`tabulated.far_from_zero`)
            s["var"] = (row[f"{i}_dev2"] - row[f"{i}_dev"] ** 2 / s["count"]) / (s["count"] - 1)
            s["sd"] = math.sqrt(s["var"])
        mad_raw, low, high = row[f"{i}_mad"], row[f"{i}_low"], row[f"{i}_high"]
        s.update(mad_raw=plain(mad_raw), outliers_low=int(low), outliers_high=int(high))
        if name in charted:
            charts[name] = histogram.read_whiskers(row, s, f"{i}")
    keys = {name: _key(i) for i, name in enumerate(names)}
    engine_edges = {n: (nw.col(keys[n]), e) for n, e in edges.items() if n not in tables}
    counts = histogram.histogram_counts(view, engine_edges, rows) if engine_edges else {}
    for name, e in edges.items():
        hist = tabulated.histogram_counts(tables[name], e) if name in tables else counts.get(name, [])
        charts[name].update(hist_edges=e, hist_counts=hist)
    return charts


def _minmax(work: nw.LazyFrame | nw.DataFrame, name: str) -> dict[str, Any]:
    """The extremes of a column; of a collected frame (value counts) by its Series, which need no query (a query
    waits for polars' thread pool, busy with the profile's table-wide queries)."""
    if isinstance(work, nw.DataFrame):
        return {"min": work[name].min(), "max": work[name].max()}
    row = work.select(nw.col(name).min().alias("min"), nw.col(name).max().alias("max")).collect().row(0)
    return {"min": row[0], "max": row[1]}


def _lengths(work: nw.LazyFrame, name: str) -> dict[str, Any]:
    length = nw.col(name).cast(nw.String).str.len_chars()
    row = (
        work.select(length.min().alias("min"), length.mean().alias("mean"), length.max().alias("max")).collect().row(0)
    )
    return {"min": plain(row[0]), "mean": plain(row[1]), "max": plain(row[2])}


def _top_values(work: nw.LazyFrame, name: str, present: int) -> tuple[list[tuple[Any, int]], int]:
    """The most frequent non-missing values (ties broken by value, so the order is reproducible)."""
    counts = most_frequent_first(work, nw.col(name)).head(TOP_VALUES).collect()
    top = [(plain(v), int(n)) for v, n in zip(counts["value"].to_list(), counts["n"].to_list(), strict=True)]
    return top, present - sum(n for _, n in top)
