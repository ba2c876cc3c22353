"""The A/B test's float sums over rows polars holds in memory, added by numpy in a fixed order.

polars' streaming engine (its default) adds a `select`'s morsels in the order its threads finish them, so the
per-variant sums of `engine.groups` and CUPED's HC2 sums of `engine.ancova` changed in their last digits between
runs and between `POLARS_MAX_THREADS` settings (CUPED's θ and variance reduction, a variant's SD, Welch's df);
polars' in-memory engine held every working column of the whole table at once (+300 MB on 5 M rows). Here one
pass reads the rows `CHUNK_ROWS` at a time (a slice of the frame, its values computed by the engine's own
expressions) and keeps each variant's values of each column in row order, in blocks of at most `BLOCK` values
(`partition`); numpy sums each block (pairwise, on a contiguous array) and the blocks' sums are added in row order:
the same additions whatever polars' threads or chunks. The blocks keep numpy's temporaries small (in the cache,
and reused by the allocator rather than mapped afresh: 20 MB arrays took twice the CPU).
The quantities are the selects': each metric's mean over the rows with a variant and the complete cases' means
(the shifts) with the first pass's counts (`shifts`), per variant the shifted sums (`variant_sums`) and CUPED's HC2
sums (`hc2_sums`). Scanned files and the other engines keep the selects (`applies`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine.comoments import applies, held
from edakit.engine.pairs import label, sorted_levels

__all__ = ["CHUNK_ROWS", "Partition", "applies", "hc2_sums", "held", "partition", "shifts", "variant_sums"]

CHUNK_ROWS = 1 << 19  # rows read from polars at a time
BLOCK = 1 << 16  # values summed at a time: 512 kB arrays
_CODE = "__edakit_ab_code"


@dataclass
class Partition:
    """Each variant's rows (`variants` order) and their values of each column in row order, NaN where missing, as
    blocks (`values[v][column][b]`: the same rows in every column); `gaps`: the columns with a missing value (the
    others need no mask)."""

    variants: list[Any]
    rows: list[int]  # per variant, then the rows without one
    values: list[dict[str, list[np.ndarray]]]
    gaps: set[str]
    non_finite: dict[str, int]  # NaN and ±inf values (not missing ones) of each column in the rows with a variant

    def blocks(self, v: int) -> Iterator[dict[str, np.ndarray]]:
        """Variant `v`'s blocks in row order, each as column -> values."""
        columns = self.values[v]
        for b in range(len(next(iter(columns.values()), []))):
            yield {name: blocks[b] for name, blocks in columns.items()}

    def present(self, block: Mapping[str, np.ndarray], *names: str) -> np.ndarray | None:
        """The rows of `block` where every column of `names` has a value; None when all of them do."""
        mask = None
        for name in names:
            if name in self.gaps:
                found = ~np.isnan(block[name])
                mask = found if mask is None else mask & found
        return mask


def _code(group: str, variants: Sequence[Any]) -> nw.Expr:
    """Each row's position in `variants`; len(variants) for a missing variant, len(variants) + 1 for another value.
    One comparison per variant (an A/B test has a few), the `filter(group == value)` of the engine's selects."""
    k = len(variants)
    g = nw.col(group)
    code = nw.when(g.is_null()).then(nw.lit(k, nw.UInt8)).otherwise(nw.lit(k + 1, nw.UInt8))
    for i, value in reversed(list(enumerate(variants))):
        code = nw.when(g == value).then(nw.lit(i, nw.UInt8)).otherwise(code)
    return code


def partition(
    frame: nw.LazyFrame, group: str, values: Sequence[str], variants: Sequence[Any] = (), limit: int = 250
) -> Partition | None:
    """The rows of `frame` split by their variant (rows with a missing variant are counted, not kept), with the
    numeric columns `values` as floats, NaN where missing or not finite (`held`), read `CHUNK_ROWS` rows at a
    time; each chunk's rows ordered by variant (a stable radix sort) and cut into the variants' blocks; the
    variants in `pairs.sorted_levels` order. `variants`: the values expected (the profile's counts); any other is
    found in the chunk where it first appears (so the pass needs no query of the distinct values first, and can
    start before the profile has counted them). None when more than `limit` (at most 250) values are found."""
    names = list(values)
    types = frame.collect_schema()
    work = [held(nw.col(name), types[name]).alias(f"__edakit_ab_v{i}") for i, name in enumerate(names)]
    found: list[Any] = list(dict.fromkeys(variants))
    rows: list[int] = [0] * len(found)
    missing = 0
    blocks: list[dict[str, list[np.ndarray]]] = [{name: [] for name in names} for _ in found]
    gaps: set[str] = set()
    non_finite: dict[str, int] = {}
    offset = 0
    while True:
        part = nw.from_native(frame.to_native().slice(offset, CHUNK_ROWS))
        chunk = part.select(_code(group, found).alias(_CODE), *work).to_native().collect()
        k = len(found)
        codes = chunk.get_column(_CODE).to_numpy()
        counts = np.bincount(codes, minlength=k + 2)
        if counts[k + 1]:  # values not seen before: found in this chunk, which is read again with them
            coded = part.with_columns(_code(group, found).alias(_CODE))
            new = coded.filter(nw.col(_CODE) == k + 1).select(nw.col(group)).unique().collect()
            found += sorted_levels(new.get_column(group).to_list())
            if len(found) > min(limit, 250):
                return None
            rows += [0] * (len(found) - k)
            blocks += [{name: [] for name in names} for _ in range(len(found) - k)]
            continue
        missing += int(counts[k])
        order = None  # the variants' rows, variant by variant, each in row order (the rows without one left out)
        if np.count_nonzero(counts[:k]) > 1 or counts[k]:
            order = np.concatenate([np.flatnonzero(codes == v) for v in range(k) if counts[v]] or [codes[:0]])
        for i, name in enumerate(names):
            x = chunk.get_column(f"__edakit_ab_v{i}").to_numpy()  # nulls: NaN (an integer column's as floats)
            if not (x.dtype.kind in "iu" and x.itemsize <= 2):  # small integers stay so (a quarter of the bytes)
                x = np.asarray(x, dtype=np.float64)
                finite = np.isfinite(x)
                if not finite.all():
                    gaps.add(name)
                    column = chunk.get_column(f"__edakit_ab_v{i}")
                    odd = ~finite & (codes < k) & ~column.is_null().to_numpy()
                    non_finite[name] = non_finite.get(name, 0) + int(np.count_nonzero(odd))
                    x = np.where(finite, x, np.nan)
            x = x[order] if order is not None else x
            start = 0
            for v in range(k):
                end = start + int(counts[v])
                blocks[v][name] += [x[b : min(b + BLOCK, end)] for b in range(start, end, BLOCK)]
                start = end
        rows = [r + int(c) for r, c in zip(rows, counts[:k], strict=True)]
        if chunk.height < CHUNK_ROWS:
            break
        offset += CHUNK_ROWS
    keep = [found.index(value) for value in sorted_levels(found)]
    ordered = [found[v] for v in keep], [rows[v] for v in keep] + [missing], [blocks[v] for v in keep]
    return Partition(*ordered, gaps, non_finite)


def _sum(values: np.ndarray, mask: np.ndarray | None = None) -> float:
    return float(np.sum(values if mask is None else values[mask]))


def _add(totals: dict[str, Any], updates: Mapping[str, Any]) -> None:
    for key, value in updates.items():
        totals[key] = totals.get(key, 0) + value


def shifts(rows: Partition, metrics: Sequence[str], x: str | None) -> dict[str, Any]:
    """The figures of `engine.groups`' first pass, over the rows with a variant: each metric's (i its position in
    `metrics`) count of finite values `m{i}_count` and their mean `m{i}_mean`, the counts of those other than 0 and
    1 (`m{i}_not01`), of negative ones (`m{i}_neg`) and of present ones (`m{i}_present`: with NaN and ±inf); with
    a covariate `x`, its count `x_count` and over each metric's complete cases their count `x{i}_count` and the
    means of x and of the metric (`x{i}_mean`, `xy{i}_mean`); means None without a value; and `missing_group`, the
    rows without a variant. The blocks' sums in turn, variant by variant."""
    totals: dict[str, Any] = {}
    for v in range(len(rows.variants)):
        for block in rows.blocks(v):
            for i, m in enumerate(metrics):
                mask = rows.present(block, m)
                y = block[m] if mask is None else block[m][mask]
                counts = {f"m{i}_count": y.size, f"m{i}_not01": int(np.count_nonzero((y != 0) & (y != 1)))}
                _add(totals, {f"m{i}": _sum(y), f"m{i}_neg": int(np.count_nonzero(y < 0))} | counts)
                if x is not None:
                    both = rows.present(block, m, x)
                    n = block[m].size if both is None else int(np.count_nonzero(both))
                    _add(totals, {f"x{i}": _sum(block[x], both), f"xy{i}": _sum(block[m], both), f"x{i}_count": n})
            if x is not None:
                mask = rows.present(block, x)
                _add(totals, {"x_count": block[x].size if mask is None else int(np.count_nonzero(mask))})
    first: dict[str, Any] = {"missing_group": rows.rows[-1], "x_count": totals.get("x_count", 0)}
    for i, m in enumerate(metrics):
        n = first[f"m{i}_count"] = totals.get(f"m{i}_count", 0)
        first[f"m{i}_mean"] = totals[f"m{i}"] / n if n else None
        first[f"m{i}_not01"], first[f"m{i}_neg"] = totals.get(f"m{i}_not01", 0), totals.get(f"m{i}_neg", 0)
        first[f"m{i}_present"] = n + rows.non_finite.get(m, 0)
        if x is not None:
            n = first[f"x{i}_count"] = totals.get(f"x{i}_count", 0)
            first[f"x{i}_mean"] = totals[f"x{i}"] / n if n else None
            first[f"xy{i}_mean"] = totals[f"xy{i}"] / n if n else None
    return first


def variant_sums(
    rows: Partition,
    metrics: Sequence[str],
    x: str | None,
    centre: Sequence[float],
    joint_centre: Mapping[int, tuple[float, float]],
) -> list[dict[str, Any]]:
    """Per variant (in `rows.variants` order), the sums of `engine.groups`' selects: its rows, and per metric i
    (its position in `metrics`) the count `n{i}` and the sums `s{i}`, `q{i}` of y − `centre[i]` and its square;
    with a covariate `x`, over the complete cases, the count `jn{i}` and the sums `jy{i}_sum`, `jx{i}_sum`,
    `jyy{i}_sum`, `jxx{i}_sum`, `jxy{i}_sum` of y − cy, x − cx, their squares and product ((cy, cx) =
    `joint_centre[i]`)."""
    out = []
    for v in range(len(rows.variants)):
        totals: dict[str, Any] = {"rows": rows.rows[v]}
        for i in range(len(metrics)):  # every key, for a variant without a value
            totals.update({f"n{i}": 0, f"s{i}": 0.0, f"q{i}": 0.0})
            if x is not None:
                totals.update({f"jn{i}": 0} | {f"j{k}{i}_sum": 0.0 for k in ("y", "x", "yy", "xx", "xy")})
        for block in rows.blocks(v):
            shared: dict[float, tuple[np.ndarray, float, float]] = {}  # x − cx over every row, its sums
            for i, m in enumerate(metrics):
                mask = rows.present(block, m)
                d = (block[m] if mask is None else block[m][mask]) - centre[i]
                sums = {f"n{i}": d.size, f"s{i}": _sum(d), f"q{i}": _sum(d * d)}
                _add(totals, sums)
                if x is None:
                    continue
                both = rows.present(block, m, x)
                cy, cx = joint_centre[i]
                if cy == centre[i] and x not in rows.gaps:  # the complete cases are the metric's rows: y − cy is d
                    jy, sy, syy = d, sums[f"s{i}"], sums[f"q{i}"]
                else:
                    jy = (block[m] if both is None else block[m][both]) - cy
                    sy, syy = _sum(jy), _sum(jy * jy)
                if both is None and cx in shared:
                    jx, sx, sxx = shared[cx]
                else:
                    jx = (block[x] if both is None else block[x][both]) - cx
                    sx, sxx = _sum(jx), _sum(jx * jx)
                    if both is None:
                        shared[cx] = jx, sx, sxx
                _add(totals, {f"jn{i}": jy.size, f"jy{i}_sum": sy, f"jx{i}_sum": sx, f"jyy{i}_sum": syy})
                _add(totals, {f"jxx{i}_sum": sxx, f"jxy{i}_sum": _sum(jy * jx)})
        out.append(totals)
    return out


def hc2_sums(rows: Partition, x: str, metrics: Mapping[int, tuple[str, Any]]) -> dict[str, dict[str, float]]:
    """Per variant (by its label), Σw, Σw·x̃ and Σw·x̃² (`w{j}`, `wx{j}`, `wxx{j}`) of every metric j of `metrics`
    (j -> its name and its `engine.ancova.Design`) whose design has the variant, w = e²/(1 − h) over the complete
    cases, in the arithmetic of `engine.ancova`'s expressions."""
    out: dict[str, dict[str, float]] = {}
    for v, value in enumerate(rows.variants):
        name = label(value)
        totals = out[name] = {}
        designs = {j: (metric, d, d.labels.index(name)) for j, (metric, d) in metrics.items() if name in d.labels}
        for block in rows.blocks(v):
            leverages: dict[tuple[float, ...], tuple[np.ndarray, np.ndarray]] = {}  # x̃, 1 − h of every row
            for j, (metric, d, i) in designs.items():
                a, k = d.bread, len(d.labels)
                both = rows.present(block, metric, x)
                y, xs = (block[metric], block[x]) if both is None else (block[metric][both], block[x][both])
                key = (d.shift, float(a[i, i]), float(2 * a[i, k]), float(a[k, k]))
                if both is None and key in leverages:  # the metrics' designs share their rows and bread
                    xt, rest = leverages[key]
                else:
                    xt = xs - d.shift
                    rest = 1 - (key[1] + key[2] * xt + a[k, k] * xt * xt)
                    if both is None:
                        leverages[key] = xt, rest
                e = y - float(d.alpha[i]) - d.theta * xt
                w = e * e / rest
                wx = w * xt
                _add(totals, {f"w{j}": _sum(w), f"wx{j}": _sum(wx), f"wxx{j}": _sum(wx * xt)})
    return out
