"""The numeric co-moments pass with a second thread taking a share of its chunks (`engine.chunkshare`): the same
sums, to the last bit, as the pass on one thread, and numpy's (float columns) or exact rational arithmetic's
(integer columns) on the raw values.

The helper is made to take chunks for certain: the pass's own thread waits, at its first chunk, until the helper
has computed one (`gate`). The references are those of `tests/test_comoments.py`: numpy's centred sums of the
rows where both values are finite, and the exact rational sums of the integers, rounded once.
"""

from __future__ import annotations

import threading
from itertools import combinations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import chunkshare, comoments
from edakit.engine import correlations as gathering
from tests.test_comoments import NAMES, assert_exact_by_level, check, exact, frame, integer_frame, reference, values
from tests.test_correlation_section import context

GUARD = 60  # seconds before a missing helper fails the test instead of hanging it


class Gate:
    """Chunks computed per thread once `arm`ed: the first thread to build a chunk's block then waits until another
    thread has built one, so that both threads take chunks whatever the scheduling."""

    def __init__(self) -> None:
        self.armed = False
        self.counts: dict[str, int] = {}
        self.first: int | None = None
        self.helped = threading.Event()
        self.lock = threading.Lock()

    def arm(self) -> None:
        self.armed, self.counts, self.first, self.helped = True, {}, None, threading.Event()

    def wrap(self, build):  # noqa: ANN001, ANN201 - `_block` or `_whole_block`
        def block(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if not self.armed:
                return build(*args, **kwargs)
            me = threading.get_ident()
            with self.lock:
                self.first = me if self.first is None else self.first
            if me == self.first:
                assert self.helped.wait(GUARD), "no helper took a chunk"
            out = build(*args, **kwargs)
            with self.lock:
                name = "first" if me == self.first else "other"
                self.counts[name] = self.counts.get(name, 0) + 1
            if me != self.first:
                self.helped.set()
            return out

        return block


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    found = Gate()
    monkeypatch.setattr(comoments, "_block", found.wrap(comoments._block))
    monkeypatch.setattr(comoments, "_whole_block", found.wrap(comoments._whole_block))
    return found


def helped_pass(run):  # noqa: ANN001, ANN201 - run(helper) -> the pass's result
    """`run(helper)` with a thread helping as the correlations' gather's side thread does once its pass ends."""
    helper = chunkshare.Helper()
    side = threading.Thread(target=helper.help)
    side.start()
    try:
        return run(helper)
    finally:
        helper.close()
        side.join()


@pytest.mark.parametrize("group", [None, "g"])
def test_float_columns_split_over_two_threads_keep_the_one_thread_sums(monkeypatch, gate, group):
    """Float columns (NaN, ±inf, nulls, a large mean) take the shifted float sums: the chunks' products are added
    in chunk order whichever thread computed them, so every figure equals the one-thread pass's exactly."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 61)
    df = frame()
    lf = nw.from_native(df.lazy())
    shifts = {n: df[n].cast(pl.Float64).fill_nan(None).filter(df[n].cast(pl.Float64).is_finite()).mean() for n in NAMES}
    pairs = list(combinations(NAMES, 2))

    def run(helper):  # noqa: ANN001, ANN202
        return comoments.pair_moments(
            lf, values(), pairs, shifts=shifts, rows=df.height, complete={"z", "w"}, group=group, helper=helper
        )

    alone = comoments.pair_moments(lf, values(), pairs, shifts=shifts, rows=df.height, complete={"z", "w"}, group=group)
    gate.arm()
    overall, within = helped_pass(run)
    assert gate.counts.get("other", 0) >= 1 and sum(gate.counts.values()) == -(-df.height // 61)
    assert overall == alone[0] and within == alone[1]
    for a, b in pairs:
        ref = reference(df, a, b)
        check(overall[(a, b)], ref, np.sqrt(ref[3] * ref[4]))
    present = df.filter(pl.col("g").is_not_null())
    for (a, b), levels in within.items():
        for level, m in levels.items():
            ref = reference(present.filter(pl.col("g") == level), a, b)
            check(m, ref, np.sqrt(ref[3] * ref[4]))


def test_integer_columns_split_over_two_threads_give_the_exact_moments(monkeypatch, gate):
    """Integer columns take the exact sums: with a helper too, each pair's figures overall and within each level,
    and each column's own moments, are the exact rational values rounded once."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 97)
    df = integer_frame()
    names = ["a", "b", "c", "d"]
    bounds = {n: int(df[n].abs().max()) for n in names}
    gate.arm()
    found = helped_pass(
        lambda helper: comoments.group_pass(
            nw.from_native(df.lazy()),
            {n: nw.col(n) for n in names},
            list(combinations(names, 2)),
            shifts={},
            rows=df.height,
            group="g",
            complete={"d"},
            bounds=bounds,
            helper=helper,
        )
    )
    assert gate.counts.get("other", 0) >= 1
    assert_exact_by_level(found, df, names)


def test_the_gathers_side_thread_takes_chunks_once_its_categorical_pass_ends(monkeypatch, gate):
    """The section's gather: the thread of the categorical `group_by` then computes some of the numeric pass's
    chunks, and the moments are the exact ones (integer columns) and numpy's (a float column)."""
    monkeypatch.setattr(comoments, "CHUNK_ROWS", 53)
    df = integer_frame(1_500, seed=3)
    ctx = context(df)
    gate.arm()
    gathered = gathering.gather(ctx)
    assert gathered.plan.categorical == ["g"] and gate.counts.get("other", 0) >= 1
    for (a, b), m in gathered.moments.items():
        assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == exact(df, a, b)
    floats = df.with_columns(pl.col("a").cast(pl.Float64) / 3)
    ctx = context(floats)
    gate.arm()
    moments = gathering.gather(ctx).moments
    assert gate.counts.get("other", 0) >= 1
    for (a, b), m in moments.items():
        ref = reference(floats, a, b)
        check(m, ref, np.sqrt(ref[3] * ref[4]))


def test_an_error_in_a_helpers_chunk_is_raised_by_the_pass():
    """A chunk that fails on the helper's thread fails the pass on its own thread (no hang, no lost chunk)."""

    def work(i: int) -> int:
        if i == 2:
            raise ValueError("chunk 2")
        return i

    share = chunkshare.Share(5, work)
    share.work_through()  # another thread's share: here every chunk
    with pytest.raises(ValueError, match="chunk 2"):
        list(share.results())
