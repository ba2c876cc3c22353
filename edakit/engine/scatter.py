"""Gather for the scatter plots of the correlations section: the points or the full-data binned counts of a few
numeric pairs, and nothing else (no scipy, no statistics).

* Up to `DENSITY_ROWS` rows, a pair is drawn as points: the rows of the seeded sample (all rows when the sample
  holds them), read once for every column the plots need, with the `--group` column beside them.
* Above that, points would pile up and the page would grow with the row count, so a pair is drawn as a 2-D
  histogram of the full data: each value's bin on an equal-width grid of `GRID_BINS` × `GRID_BINS` cells between
  the column's full-data minimum and maximum (the histograms' bin rule: `histogram.bin_index`, bins [e_j, e_j+1)
  with the last closed), and the cells counted by one `group_by` for all pairs together: each row of each pair
  gets the integer key pair · GRID_BINS² + bin_x · GRID_BINS + bin_y, the pairs' keys are stacked into one
  column, and only the non-empty cells come back to Python (at most pairs × GRID_BINS² of them, times the
  levels coloured apart plus two when `--group` is given). Rows with either value missing (NaN and ±inf count
  as missing) are left out of that pair only, as in the correlations themselves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine.comoments import plain_columns
from edakit.engine.histogram import FUZZ, MAX_STACKED_CELLS, bin_index, scaled_position
from edakit.engine.pairs import label
from edakit.engine.sample import draw_sample

DENSITY_ROWS = 5_000  # above this many rows a pair is drawn as full-data binned counts, not as points
GRID_BINS = 30  # cells per axis of a 2-D histogram
CHUNK_ROWS = 131_072  # rows counted at a time when polars holds them in memory (`binned_counts`)

_GROUP = "__edakit_group__"


@dataclass
class PairBins:
    """Full-data counts of one pair on a grid: `counts[i][j]` rows have x in bin i and y in bin j (the layout of
    `numpy.histogram2d`'s H); `by_group` the same per level of the group column kept apart, `others` for the rest
    of its levels (rows without a group are in `counts` only)."""

    x: str
    y: str
    x_edges: list[float]
    y_edges: list[float]
    counts: list[list[int]]
    by_group: dict[str, list[list[int]]] = field(default_factory=dict)
    others: list[list[int]] = field(default_factory=list)  # rows of the levels not kept apart ([] when none)

    @property
    def n(self) -> int:
        """Rows with both values present: every row counted."""
        return sum(map(sum, self.counts))


@dataclass
class ScatterAggregates:
    """What the scatter plots draw: the sample's values (mode "points") or every pair's binned counts ("binned")."""

    rows: int
    mode: str  # "points" or "binned"
    group: str | None = None
    sample_rows: int = 0  # rows read for the points (the seeded sample)
    sampled: bool = False  # the sample is a strict subset of the rows
    values: dict[str, list[float | None]] = field(default_factory=dict)  # points: each column's sample values
    groups: list[str | None] = field(default_factory=list)  # points: each sample row's group label
    bins: dict[tuple[str, str], PairBins] = field(default_factory=dict)  # binned: per pair


def gather(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    ranges: Mapping[str, tuple[float, float]],
    pairs: Sequence[tuple[str, str]],
    *,
    rows: int,
    group: str | None = None,
    levels: Sequence[Any] = (),
    sample_size: int,
    seed: int,
    density_rows: int = DENSITY_ROWS,
    bins: int = GRID_BINS,
    in_memory: bool = False,
) -> ScatterAggregates:
    """The points (at most `density_rows` rows) or the binned counts of `pairs`. `values` maps each column to its
    expression with non-finite values as missing; `ranges` its full-data (min, max); `levels` the group's levels to
    colour apart (see `binned_counts`); `in_memory`: polars holds the rows in memory (counted in chunks)."""
    if rows > density_rows:
        edges = {name: grid_edges(*ranges[name], bins) for pair in pairs for name in pair}
        found = binned_counts(work, values, edges, pairs, rows=rows, group=group, levels=levels, in_memory=in_memory)
        return ScatterAggregates(rows, "binned", group=group, bins=found)
    names = list(dict.fromkeys(name for pair in pairs for name in pair))
    frame = work.select(*(values[n].alias(n) for n in names), *([nw.col(group).alias(_GROUP)] if group else []))
    sample, sampled = draw_sample(frame, [*names, *([_GROUP] if group else [])], rows, sample_size, seed)
    out = ScatterAggregates(rows, "points", group=group, sample_rows=sample.height, sampled=sampled)
    out.values = {n: sample[n].to_list() for n in names}
    if group:
        out.groups = [None if g is None else label(g) for g in sample[_GROUP].to_list()]
    return out


def grid_edges(lo: float, hi: float, bins: int = GRID_BINS) -> list[float]:
    """`bins` equal-width bins from `lo` to `hi` (a window of ±0.5 around a single value).

    >>> grid_edges(0.0, 3.0, 3)
    [0.0, 1.0, 2.0, 3.0]
    """
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    step = (hi - lo) / bins
    if math.isfinite(step):
        return [lo + step * j for j in range(bins)] + [hi]
    return [lo * (1 - j / bins) + hi * (j / bins) for j in range(bins)] + [hi]  # the range overflows: ±1.8e308


def binned_counts(
    work: nw.LazyFrame,
    values: Mapping[str, nw.Expr],
    edges: Mapping[str, list[float]],
    pairs: Sequence[tuple[str, str]],
    *,
    rows: int,
    group: str | None = None,
    levels: Sequence[Any] = (),
    in_memory: bool = False,
) -> dict[tuple[str, str], PairBins]:
    """Every pair's 2-D bin counts (and per group), from one stacked `group_by` per batch of pairs (batches bounded
    by `histogram.MAX_STACKED_CELLS` rows). Each column's bin is computed once. The group is folded into the
    integer key as a code: the position of the row's level in `levels` (the levels kept apart), then one code for
    every other level (`PairBins.others`) and one for a missing group; so the answer has at most
    pairs × cells × (levels + 2) rows, and one integer key groups several times faster than a (key, text) pair.
    Rows polars holds in memory (`in_memory`) are counted chunk by chunk instead (`_chunked_counts`)."""
    out = {(a, b): PairBins(a, b, edges[a], edges[b], _zeros(edges[a], edges[b])) for a, b in dict.fromkeys(pairs)}
    names = list(dict.fromkeys(n for pair in out for n in pair))
    column = {n: f"__edakit_b{i}" for i, n in enumerate(names)}
    cells = max(len(edges[n]) - 1 for n in names) ** 2
    width = len(levels) + 2 if group else 1  # key = (pair · cells + cell) · width + group code
    binned = work.select(
        *(bin_index(values[n], edges[n]).cast(nw.Int64).alias(column[n]) for n in names),
        *([_group_code(nw.col(group), levels).alias(_GROUP)] if group else []),
    )
    if in_memory and nw.get_native_namespace(work).__name__ == "polars":
        codes = [_group_code(nw.col(group), levels).alias(_GROUP)] if group else []
        dtypes = work.select(*(values[n].alias(n) for n in names)).collect_schema().dtypes()
        if all(dtype.is_integer() or dtype == nw.Float64 for dtype in dtypes):
            plain = plain_columns(work, values, names, codes).to_native()
            _chunked_counts(plain, out, {n: n for n in names}, width, rows, group, levels, edges)
        else:  # other types (Float32) keep the engine's arithmetic on them: its bins exactly
            binned = binned.select(*(nw.col(c).fill_null(-1) for c in column.values()), *([_GROUP] if group else []))
            _chunked_counts(binned.to_native(), out, column, width, rows, group, levels)
    else:
        ordered = list(out)
        per_query = max(1, MAX_STACKED_CELLS // max(rows, 1))
        for start in range(0, len(ordered), per_query):
            batch = ordered[start : start + per_query]
            parts = []
            for i, (a, b) in enumerate(batch):
                cell = nw.col(column[a]) * (len(edges[b]) - 1) + nw.col(column[b]) + i * cells
                key = cell * width + nw.col(_GROUP) if group else cell
                parts.append(binned.select(key.alias("k")).filter(~nw.col("k").is_null()))
            stacked = parts[0] if len(parts) == 1 else nw.concat(parts, how="vertical")
            result = stacked.group_by("k").agg(nw.len().alias("n")).collect()
            for key, n in result.iter_rows():
                p, local = divmod(int(key), cells * width)
                _tally(out[batch[p]], local, int(n), width, group, levels)
    for found in out.values():
        found.by_group = dict(sorted(found.by_group.items()))
    return out


def _chunked_counts(
    chunks: Any,
    out: dict[tuple[str, str], PairBins],
    column: Mapping[str, str],
    width: int,
    rows: int,
    group: str | None,
    levels: Sequence[Any],
    edges: Mapping[str, list[float]] | None = None,
) -> None:
    """`binned_counts` over rows polars holds in memory: `CHUNK_ROWS` rows at a time, each pair's keys counted by
    `numpy.bincount`, so no stacked key column of rows × pairs is ever built (flights × 10: 80 MB less at the
    analyse stage's peak, and a third of the CPU time). `column` names each column's bins (-1: missing) in `chunks`,
    or with `edges` its values (`comoments.plain_columns`), binned here by numpy (`_slots`).

    Each column's rows come as slots into a table of bins (`_slots`: slot 0 for a missing value), and a pair's key
    is its x table's entry (bin_x · y bins · width) plus its y table's (bin_y · width) plus the group code: a
    missing value's entry is past every cell, so its rows are counted beyond them and dropped, with no mask."""
    import numpy as np

    totals = {pair: 0 for pair in out}
    tables = {name: _bin_table(edges[name]) for name in column} if edges is not None else {}
    for offset in range(0, rows, CHUNK_ROWS):
        chunk = chunks.slice(offset, CHUNK_ROWS).collect()
        codes = chunk[_GROUP].to_numpy() if group else 0
        if edges is None:
            slots = {name: _bin_slots(chunk[key].to_numpy()) for name, key in column.items()}
        else:
            slots = {name: _slots(chunk[key], edges[name], tables[name]) for name, key in column.items()}
        for (a, b), found in out.items():
            (xs, xbins), (ys, ybins) = slots[a], slots[b]
            ny = len(found.y_edges) - 1
            cells = (len(found.x_edges) - 1) * ny * width
            key = _entries(xbins, ny * width, cells).take(xs)
            key += _entries(ybins, width, cells).take(ys)
            key += codes
            totals[(a, b)] = totals[(a, b)] + np.bincount(key, minlength=cells)[:cells]
    for pair, counts in totals.items():
        for local in np.flatnonzero(counts).tolist():
            _tally(out[pair], local, int(counts[local]), width, group, levels)


def _entries(bins: Any, scale: int, cells: int) -> Any:
    """A column's table of key parts: each slot's bin times `scale`, and `cells` (past every cell) for slot 0."""
    out = bins * scale
    out[0] = cells
    return out


LOOKUP_VALUES = 1 << 16  # an integer column spanning at most this many values is binned by a table of its bins


def bin_positions(x: Any, edges: list[float]) -> Any:
    """`histogram.bin_index` of a float64 array, by the same arithmetic (to the last bit): floor((x − e₀)/w + FUZZ)
    clipped to [0, k − 1], 0 for a single bin."""
    import numpy as np

    k = len(edges) - 1
    if k == 1:
        return np.zeros(x.shape, dtype=np.int64)
    return np.clip(np.floor(scaled_position(x, edges) + FUZZ), 0, k - 1).astype(np.int64)


def _bin_table(edges: list[float]) -> tuple[int, Any] | None:
    """(lowest value, the bin of every integer from it to the highest) for a range of at most `LOOKUP_VALUES`
    integers, else None."""
    import numpy as np

    lo, hi = edges[0], edges[-1]
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi - lo > LOOKUP_VALUES:
        return None
    first = math.ceil(lo)
    return first, bin_positions(np.arange(first, math.floor(hi) + 1, dtype=np.float64), edges)


def _slots(series: Any, edges: list[float], table: tuple[int, Any] | None) -> tuple[Any, Any]:
    """Each value's slot in a table of bins, and that table (`bin_positions`; slot 0: a missing value). An integer
    column with a bin table (`_bin_table`: the values lie between the first and last edge, the column's minimum
    and maximum) takes its value's place in the table as the slot; other columns are binned by the arithmetic."""
    import numpy as np

    if not (series.dtype.is_integer() and table is not None):
        with np.errstate(invalid="ignore"):  # a missing value's NaN has no bin: marked -1 below
            bins = bin_positions(series.to_numpy().astype(np.float64, copy=False), edges)
        if series.null_count():
            bins[series.is_null().to_numpy()] = -1
        return _bin_slots(bins)
    first, found = table
    nulls = series.is_null().arg_true().to_numpy() if series.null_count() else None
    x = (series if nulls is None else series.fill_null(first)).to_numpy()
    slots = np.subtract(x, first - 1, dtype=np.intp)
    np.clip(slots, 1, found.size, out=slots)
    if nulls is not None:
        slots[nulls] = 0
    return slots, np.concatenate([[0], found]).astype(np.intp)


def _bin_slots(bins: Any) -> tuple[Any, Any]:
    """Bins (-1: missing) as slots into the table 0, 1, …: the bin plus one (slot 0: missing)."""
    import numpy as np

    slots = bins.astype(np.intp) + 1
    return slots, np.arange(-1, max(int(slots.max(initial=0)), 1), dtype=np.intp)


def _tally(found: PairBins, key: int, n: int, width: int, group: str | None, levels: Sequence[Any]) -> None:
    """Add `n` rows to the cell of `found` that `key` = (bin_x · y bins + bin_y) · width + group code names."""
    cell, code = divmod(key, width)
    i, j = divmod(cell, len(found.y_edges) - 1)
    found.counts[i][j] += n
    if not group or code > len(levels):  # no group, or a row without one
        return
    if code == len(levels):
        found.others = found.others or _zeros(found.x_edges, found.y_edges)
        found.others[i][j] += n
        return
    name = label(levels[code])
    if name not in found.by_group:
        found.by_group[name] = _zeros(found.x_edges, found.y_edges)
    found.by_group[name][i][j] += n


def _group_code(g: nw.Expr, levels: Sequence[Any]) -> nw.Expr:
    """The position of each row's group in `levels`; len(levels) for another level, len(levels) + 1 for none.

    One comparison per level (at most `sections.scatter.MAX_GROUPS`), not `replace_strict`: polars' streaming engine
    holds a `replace_strict` column whole (flights 100x streamed under `--group origin`: a 2.6 GB peak)."""
    k = len(levels)
    code = nw.lit(k, nw.Int64)
    for i, level in reversed(list(enumerate(levels))):
        code = nw.when(g == level).then(nw.lit(i, nw.Int64)).otherwise(code)
    return nw.when(g.is_null()).then(nw.lit(k + 1, nw.Int64)).otherwise(code)


def _zeros(x_edges: list[float], y_edges: list[float]) -> list[list[int]]:
    return [[0] * (len(y_edges) - 1) for _ in range(len(x_edges) - 1)]
