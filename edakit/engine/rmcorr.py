"""Gather for the repeated-measures correlation: the co-moments of every numeric pair within the units of `--pair`.

When a key names the unit measured on several rows (`--group Time --pair Chick`: each chick weighed twelve times),
the rows are not independent, and Pearson's r over all rows counts each unit many times. The repeated-measures
correlation (Bakdash & Marusich 2017; R's `rmcorr`) uses the association within units only: each unit's values
centred on that unit's own means, pooled over the units. Its sufficient statistics, per numeric pair, are

    N = Σᵤ nᵤ (complete pairs), k (units with at least one), Sxx_w = Σᵤ Σᵢ (xᵤᵢ − x̄ᵤ)², Syy_w, Sxy_w likewise,

where x̄ᵤ is unit u's mean over its complete pairs. One engine query gives them all: a `group_by` on the unit sums,
per pair, nᵤ, Σdx, Σdy, Σdx², Σdy², Σdx·dy of values shifted near their mean (dx = x − shift, as
`engine.pairs.pair_moments` does, so the sums stay small), each unit's centred sums follow
(Σdx² − (Σdx)²/nᵤ, ...), and a second aggregation adds them up. Only those five numbers per pair come back.
No scipy: `edakit.stats.rmcorr` turns them into the typed results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw

from edakit.engine.convert import apply_conversions
from edakit.engine.expressions import chunks, plain
from edakit.engine.pairs import finite_values

_UNIT = "__edakit_unit__"
PAIRS_PER_PASS = 100  # 6 sums a pair in the group_by, 5 in the total


@dataclass
class UnitMoments:
    """Within-unit sufficient statistics of one numeric pair: `n` complete pairs on `units` units, and the
    co-moments of the values centred on each unit's own means, pooled over the units."""

    n: int
    units: int
    sxx: float = 0.0
    syy: float = 0.0
    sxy: float = 0.0


@dataclass
class UnitCounts:
    """How the rows fall into units: rows with a unit, distinct units, and the most and fewest rows of one unit."""

    rows: int
    units: int
    most: int
    least: int


def unit_counts(work: nw.LazyFrame, unit: str) -> UnitCounts:
    """Rows with a value of `unit`, its distinct values and the largest number of rows of one unit.

    >>> import polars as pl
    >>> unit_counts(nw.from_native(pl.LazyFrame({"u": [1, 1, 2, None]})), "u")
    UnitCounts(rows=3, units=2, most=2, least=1)
    """
    sizes = (
        work.select(nw.col(unit).alias(_UNIT)).filter(~nw.col(_UNIT).is_null()).group_by(_UNIT).agg(nw.len().alias("n"))
    )
    row = sizes.select(
        nw.col("n").sum().alias("rows"),
        nw.len().alias("units"),
        nw.col("n").max().alias("most"),
        nw.col("n").min().alias("least"),
    )
    rows, units, most, least = (int(plain(v) or 0) for v in row.collect().row(0))
    return UnitCounts(rows, units, most, least)


def unit_pair_moments(
    work: nw.LazyFrame,
    unit: str,
    values: Mapping[str, nw.Expr],
    pairs: Sequence[tuple[str, str]],
    *,
    shifts: Mapping[str, float | None] | None = None,
    pairs_per_pass: int = PAIRS_PER_PASS,
) -> dict[tuple[str, str], UnitMoments]:
    """Within-unit co-moments of every pair in `pairs` (rows with a missing unit left out; each pair uses the rows
    where both its values are present, as `pair_moments` does).

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"u": [1, 1, 2, 2, 2], "a": [1.0, 3, 2, 4, 9], "b": [2.0, 4, 1, 5, None]}))
    >>> unit_pair_moments(lf, "u", {"a": nw.col("a"), "b": nw.col("b")}, [("a", "b")])[("a", "b")]
    UnitMoments(n=4, units=2, sxx=4.0, syy=10.0, sxy=6.0)
    """
    shifts = shifts or {}
    used = list(dict.fromkeys(name for pair in pairs for name in pair))
    keys = {name: f"__edakit_{i}" for i, name in enumerate(used)}
    columns = [nw.col(unit).alias(_UNIT)]
    for name, key in keys.items():
        dx = values[name] - float(shifts.get(name) or 0.0)
        columns += [
            dx.fill_null(0.0).alias(f"{key}_d"),
            (dx * dx).fill_null(0.0).alias(f"{key}_q"),
            (~values[name].is_null()).cast(nw.Float64).alias(f"{key}_m"),
        ]
    work = work.select(*columns).filter(~nw.col(_UNIT).is_null())
    out: dict[tuple[str, str], UnitMoments] = {}
    for batch in chunks(list(pairs), pairs_per_pass):
        sums: dict[str, nw.Expr] = {}
        totals: list[nw.Expr] = []
        for i, (a, b) in enumerate(batch):
            ka, kb = keys[a], keys[b]
            parts = {
                "n": f"{ka}_m*{kb}_m",
                "sx": f"{ka}_d*{kb}_m",
                "sy": f"{kb}_d*{ka}_m",
                "qx": f"{ka}_q*{kb}_m",
                "qy": f"{kb}_q*{ka}_m",
                "xy": f"{ka}_d*{kb}_d",
            }
            for key in parts.values():
                left, right = key.split("*")
                sums.setdefault(key, (nw.col(left) * nw.col(right)).sum())
            n, sx, sy = nw.col(parts["n"]), nw.col(parts["sx"]), nw.col(parts["sy"])
            seen = n > 0

            def centred(total: str, a: nw.Expr, b: nw.Expr, n: nw.Expr = n, seen: nw.Expr = seen) -> nw.Expr:
                """Σ over the unit of (a − ā)(b − b̄): the raw sum less Σa·Σb/n (0 for a unit without pairs)."""
                return nw.when(seen).then(nw.col(total) - a * b / n).otherwise(0.0)

            totals += [
                n.sum().alias(f"{i}_n"),
                seen.cast(nw.Int64).sum().alias(f"{i}_k"),
                centred(parts["qx"], sx, sx).sum().alias(f"{i}_xx"),
                centred(parts["qy"], sy, sy).sum().alias(f"{i}_yy"),
                centred(parts["xy"], sx, sy).sum().alias(f"{i}_xy"),
            ]
        per_unit = work.group_by(_UNIT).agg(*[e.alias(k) for k, e in sums.items()])
        frame = per_unit.select(*totals).collect()
        row = dict(zip(frame.columns, frame.row(0), strict=True))
        for i, pair in enumerate(batch):
            n, k = (int(round(float(plain(row[f"{i}_{s}"]) or 0.0))) for s in ("n", "k"))
            xx, yy, xy = (float(plain(row[f"{i}_{s}"]) or 0.0) for s in ("xx", "yy", "xy"))
            out[pair] = UnitMoments(n, k, max(xx, 0.0), max(yy, 0.0), xy) if n else UnitMoments(0, 0)
    return out


def gather(
    ctx: Any, unit: str, pairs: Sequence[tuple[str, str]]
) -> tuple[UnitCounts, dict[tuple[str, str], UnitMoments]]:
    """How the rows of `ctx` (an `AnalysisContext`) fall into the units of `unit`, and the within-unit co-moments of
    every numeric pair in `pairs` (shifted by the profile's full-data means)."""
    work = apply_conversions(ctx.table.frame, ctx.schema)
    if not pairs:
        return unit_counts(work, unit), {}
    names = list(dict.fromkeys(name for pair in pairs for name in pair))
    shifts = {n: ctx.summary.columns[n].numeric.get("mean") for n in names}
    values = finite_values(names, ctx.schema)
    return unit_counts(work, unit), unit_pair_moments(work, unit, values, pairs, shifts=shifts)
