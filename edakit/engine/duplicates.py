"""How many rows repeat an earlier row: the profile's duplicate-row count (and `edakit ab`'s, per table).

On polars each row is reduced to two 64-bit hashes and the distinct pairs are counted; the integer columns whose
range is known are first packed, exactly, into a few 64-bit words, so that fewer units are hashed. Other engines
count `unique()` rows.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any

import narwhals.stable.v2 as nw

WORD_BITS = 63  # a packed word's fields: an Int64 that never overflows, so polars adds the fields with no casts
PACKABLE = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32")  # exact as Int64
FIELD_BITS = 40  # the widest packed field: a wider range is hashed as its column (v − lowest never overflows)
FIRST_ROWS = 1 << 20  # rows in polars' memory from which the count may start first (`start_first`)


def duplicate_rows(
    work: nw.LazyFrame,
    columns: list[str],
    rows: int,
    in_memory: bool = False,
    ranges: dict[str, tuple[int, int, bool]] | None = None,
) -> int:
    """How many of the `rows` rows repeat an earlier row exactly (over `columns`). `ranges`: for integer columns
    whose values are known already (their value counts), (lowest, highest, any missing), which lets them be
    packed into fewer bits (`hash_units`).

    On polars each row is reduced to two 64-bit hashes (each the wrapping sum of per-unit hashes with their
    own seeds; a unit is a column, or a word packing several integer columns, `hash_units`) and the
    distinct pairs are counted: 16 bytes a row instead of `unique()` materialising every
    distinct row (+640 MB on 3.4 M rows of 19 columns), about ten times faster, and row-wise, so the streaming
    engine never holds whole columns (a struct hash of the row does). Two different rows count as one only if
    both hashes collide: probability about n² / 2¹²⁹ (10⁻²⁴ at 34 M rows), far below any other source of error.
    Other engines use `unique()`. On rows polars holds in memory (`in_memory`) the distinct pairs are counted as
    the distinct second hashes within each first hash (a `group_by` with `n_unique`), the same number, cheaper
    than `unique()` of the pairs (flights 10×: 0.37 → 0.32 CPU-s for the whole count; 3.4 M distinct pairs: 0.50
    → 0.31 for the count alone); scanned rows keep the row-wise `unique()`.

    >>> import polars as pl
    >>> lf = nw.from_native(pl.LazyFrame({"a": [1, 1, 2, 1], "b": ["x", "x", "x", None]}))
    >>> duplicate_rows(lf, ["a", "b"], rows=4), duplicate_rows(lf, ["a", "b"], rows=4, in_memory=True)
    (1, 1)
    """
    import polars as pl

    native = work.to_native()
    if isinstance(native, pl.LazyFrame):
        hashed = row_hashes(native, hash_units(native.collect_schema(), columns, ranges or {}))
        return rows - distinct_pairs(hashed, in_memory)
    return rows - int(work.select(columns).unique().select(nw.len()).collect().item())


def row_hashes(native: Any, units: list[Any]) -> Any:
    """A polars LazyFrame's rows as two 64-bit hashes, `h0` and `h1`, of the `units` (`hash_units`)."""
    import polars as pl

    def row_hash(seed: int) -> pl.Expr:
        return pl.sum_horizontal([unit.hash(seed=seed + i) for i, unit in enumerate(units)])

    return native.select(row_hash(0).alias("h0"), row_hash(len(units) + 1).alias("h1"))


def distinct_pairs(hashed: Any, in_memory: bool) -> int:
    """How many distinct (`h0`, `h1`) pairs the polars LazyFrame `hashed` holds (see `duplicate_rows`)."""
    import polars as pl

    if in_memory:
        pairs = hashed.group_by("h0").agg(pl.col("h1").n_unique()).select(pl.col("h1").sum())
        return int(pairs.collect().item())
    return int(hashed.unique().select(pl.len()).collect().item())


def hash_units(schema: Any, columns: list[str], ranges: dict[str, tuple[int, int, bool]]) -> list[Any]:
    """The polars expressions `duplicate_rows` hashes for each row: the columns, except that integer columns of
    a known range (`ranges`, for the types in `PACKABLE`) and all 8- and 16-bit integer columns (their type's
    range) are packed into 63-bit words, when that range needs at most `FIELD_BITS` bits. Each value v becomes
    v − lowest + 1 (v − lowest when none is missing; 0 for missing) in a field of just as many bits as its range
    needs, the widest fields placed first, each in the first word with room. Distinct rows so give distinct
    units; a column holding one value and no missing takes no bits (it tells no rows apart). Hashing a word
    costs what hashing one column does (flights × 10: 14 Int16 columns of 0–14 bits in 3 words instead of 5
    words of 3 type-wide fields; flights: 14 Int64 columns in 3 words instead of 14 units)."""
    import polars as pl

    types = {pl.Int8: (-(1 << 7), (1 << 7) - 1), pl.Int16: (-(1 << 15), (1 << 15) - 1)}
    types |= {pl.UInt8: (0, (1 << 8) - 1), pl.UInt16: (0, (1 << 16) - 1)}
    units, fields = [], []
    for c in columns:
        if c in ranges and str(schema[c]) in PACKABLE:
            low, high, missing = ranges[c]
        elif schema[c] in types:
            (low, high), missing = types[schema[c]], True
        else:
            units.append(pl.col(c))
            continue
        bits = (high - low + missing).bit_length()
        if bits > FIELD_BITS:
            units.append(pl.col(c))
        elif bits:
            fields.append((bits, c, low - missing, missing))
    words: list[list[pl.Expr]] = []
    room: list[int] = []
    for bits, c, base, missing in sorted(fields, key=lambda f: -f[0]):
        slot = next((i for i, free in enumerate(room) if bits <= free), len(words))
        if slot == len(words):
            words.append([])
            room.append(WORD_BITS)
        value = pl.col(c).cast(pl.Int64) - base
        value = value.fill_null(0) if missing else value
        shift = WORD_BITS - room[slot]
        words[slot].append(value * (1 << shift) if shift else value)
        room[slot] -= bits
    return units + [pl.sum_horizontal(word) for word in words]


def start_first(
    work: nw.LazyFrame, columns: list[str], rows: int, spans: dict[str, tuple[int, int]], beside: Executor
) -> Future | None:
    """The count of a tall table in polars' memory (at least `FIRST_ROWS` rows), started on `beside` as the
    profile starts, when the first rows show that no column can be a key (`may_be_key`), so that the count is
    needed: None otherwise, and the profile starts it once its counts are known, as for any table. Its working
    set (polars' streaming `group_by` of the row hashes keeps 16 bytes a row past its hot table, plus the hashing's
    morsels: about 110 MB on flights x 10) then overlaps the profile's own queries, and the profile waits for it
    before the caller's analyses start, instead of overlapping their gathers (flights x 10: peak 705 -> 652 MB,
    benchmarks/README.md). Integer columns are packed by their type's range and the spans known so far
    (`spans`: (lowest, highest), missing values or not), not by their value counts: the same count."""
    if rows < FIRST_ROWS or not columns or may_be_key(work, columns):
        return None
    ranges = {name: (low, high, True) for name, (low, high) in spans.items()}
    return beside.submit(duplicate_rows, work, columns, rows, True, ranges)


def may_be_key(work: nw.LazyFrame, columns: list[str], head: int = 1_000) -> bool:
    """Whether one of `columns` may hold a different value in every row with at most one missing (`has_key`):
    one whose first `head` rows do, as every part of a key column does (one query of those rows)."""
    first = work.select(columns).head(head).collect()
    return any(first[c].null_count() <= 1 and first[c].n_unique() == len(first) for c in columns)


def has_key(columns: list[str], counts: dict[str, dict[str, int]], rows: int) -> bool:
    """Whether one of `columns` holds a different value in every row (at most one of them missing), so no row
    can repeat another: no duplicate-row query is needed (tables with an id column)."""
    return any(counts[c]["missing"] <= 1 and counts[c]["distinct"] + counts[c]["missing"] == rows for c in columns)
