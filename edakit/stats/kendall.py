"""Kendall's tau-b from a pair's ranks (`stats.ranks`) without scipy.stats: the discordant pairs counted by numpy,
one pass over the pair's distinct (x, y) cells or its rows per bit of the ranks (O(n log k) work at most), then
tau-b and its normal-approximation p-value in the very operations of `scipy.stats.kendalltau(variant="b",
method="asymptotic")`: its numbers to the last bit.

A report with numeric columns computes Kendall's tau for every shown pair, and scipy.stats costs 0.6 s to import;
`tests/test_kendall.py` compares these functions with kendalltau (imported by the test) and with brute force.
"""

from __future__ import annotations

import numpy as np

from edakit.stats.ranks import Ranked

TABLE_CELLS = 2  # the (u, v) cells from a count of every cell when the table has at most this many cells a row
CELL_SHARE = 0.5  # else the inversions counted on the distinct cells (weighted) when at most this share of the rows


def discordant_pairs(rx: Ranked, ry: Ranked) -> tuple[int, int]:
    """The number of discordant pairs (x_i < x_j and y_i > y_j) and of pairs tied in both x and y, the two counts
    of `scipy.stats.kendalltau` that its tie sums leave, in one numpy pass per bit of k, the fewer distinct values.

    The rows in the order of (u, v), v the column with fewer distinct values and u the other, hold v's dense ranks
    in a sequence whose strict inversions are the discordant pairs: a pair tied in u is in v's order, one tied in
    v is no inversion. Equal (u, v) rows are next to each other there and inverted with none, so the sequence is
    taken as its distinct cells, each weighted by its rows, when they are few (often far fewer than the rows: a
    report's columns hold a few hundred or thousand values), and their weights give the pairs tied in both. The
    cells come in order from a count of each (u, v) when that table is small, else from the rows sorted by
    (u, v). The inversions are counted by `_inversions`.
    """
    u, v = (rx, ry) if rx.distinct >= ry.distinct else (ry, rx)
    n, ku, kv = u.dense.size, u.distinct, v.distinct
    if ku * kv <= TABLE_CELLS * n:
        key = u.dense.astype(np.intp) * kv
        key += v.dense
        table = np.bincount(key - (kv + 1), minlength=ku * kv)  # (u, v) at (u − 1)·kv + v − 1
        cells = np.flatnonzero(table)
        weights = table[cells]
        seq = (cells % kv + 1).astype(v.dense.dtype)
        return _inversions(seq, v.counts, weights), int((weights * (weights - 1) // 2).sum())
    rows = v.order[np.argsort(u.dense[v.order], kind="stable")]  # by u, then by v (stable sorts)
    us, vs = u.dense[rows], v.dense[rows]
    new = np.ones(n + 1, dtype=bool)
    np.not_equal(us[1:], us[:-1], out=new[1:-1])
    new[1:-1] |= vs[1:] != vs[:-1]
    starts = np.flatnonzero(new)
    weights = np.diff(starts)
    joint = int((weights * (weights - 1) // 2).sum())
    if weights.size <= CELL_SHARE * n:
        return _inversions(vs[starts[:-1]], v.counts, weights), joint
    return _inversions(vs, v.counts), joint


def _inversions(seq: np.ndarray, counts: np.ndarray, weights: np.ndarray | None = None) -> int:
    """The pairs i < j with seq[i] > seq[j], for seq holding 1 … k (`counts[r - 1]` rows of each r), exactly; with
    `weights`, each element stands for that many rows (Σ w_i·w_j over those pairs, `counts` the rows).

    A pair of values first differs at one bit b of their binary forms; the pairs inverted there are, among the
    rows whose values agree above b (a group), those where a row with bit b set comes before one without. Bit by
    bit from the top, the rows are kept grouped by their value's bits above b in row order (each step a stable
    partition of every group by bit b, which a cumulative sum and a scatter give), and the pairs are counted from
    the cumulative number of set bits: one pass per bit, a radix sort that counts as it goes, instead of the merge
    sort scipy runs in compiled code.
    """
    n, top = seq.size, counts.size.bit_length()
    hist = np.zeros(1 << top, dtype=np.int64)
    hist[1 : counts.size + 1] = counts
    elements = hist if weights is None else np.bincount(seq, minlength=1 << top)  # of each value in seq
    w = None if weights is None else weights.astype(np.int64)
    index = np.int64 if n >= 1 << 31 else np.int32  # 32-bit where they fit: half the memory traffic
    at = np.arange(n, dtype=index)
    total = 0
    for b in range(top - 1, -1, -1):
        group = seq >> b  # the value's bits from b up: its group and bit b
        bit = group & 1
        ones = np.cumsum(bit, dtype=index)  # set bits up to each element
        per_group = hist.reshape(-1, 1 << b).sum(axis=1)
        zeros_g, ones_g = per_group[0::2], per_group[1::2]
        ones_before = np.cumsum(ones_g) - ones_g  # set bits in the groups before each group
        # Σ over elements without bit b of the set bits before them, less those in earlier groups
        if w is None:
            n1 = int(ones[-1]) if n else 0
            total += int(ones.sum(dtype=np.int64)) - n1 * (n1 + 1) // 2
        else:
            set_rows = w * bit
            total += int(np.dot(w - set_rows, np.cumsum(set_rows)))
        total -= int(np.dot(zeros_g, ones_before))
        if b == 0:
            break
        # the elements' places once every group is split by bit b, zeros first (both in row order): one without
        # bit b goes after the zeros before it, one with it after its group's zeros and the ones before it
        sizes = per_group if w is None else elements.reshape(-1, 1 << b).sum(axis=1)
        start = np.empty(sizes.size, dtype=index)
        start[0::2] = np.cumsum(sizes[1::2]) - sizes[1::2]
        start[1::2] = np.cumsum(sizes[0::2]) - 1
        zeros = at - ones
        dest = ones - zeros
        dest *= bit
        dest += zeros
        dest += np.take(start, group)
        dest = dest.astype(np.intp)
        split = np.empty_like(seq)
        split[dest] = seq
        seq = split
        if w is not None:
            moved = np.empty_like(w)
            moved[dest] = w
            w = moved
    return total


def tau_b(rx: Ranked, ry: Ranked, alternative: str) -> tuple[float, float]:
    """Kendall's tau-b and its normal-approximation p-value, the numbers (and the operations) of
    `scipy.stats.kendalltau(variant="b", method="asymptotic")`, from the pairs `ranks.discordant_pairs` counts."""
    from scipy.special import ndtr

    n = int(rx.mid.size)
    dis, joint = discordant_pairs(rx, ry)
    (xtie, x0, x1), (ytie, y0, y1) = _scipy_tie_sums(rx.counts), _scipy_tie_sums(ry.counts)
    tot = n * (n - 1) // 2
    con_minus_dis = tot - xtie - ytie + joint - 2 * dis
    tau = float(np.minimum(1.0, max(-1.0, con_minus_dis / np.sqrt(tot - xtie) / np.sqrt(tot - ytie))))
    m = n * (n - 1.0)
    var = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * xtie * ytie) / m + x0 * y0 / (9 * m * (n - 2))
    z = con_minus_dis / np.sqrt(var)
    p = ndtr(z) if alternative == "less" else ndtr(-z) if alternative == "greater" else 2 * ndtr(-np.abs(z))
    return tau, float(p)


def _scipy_tie_sums(counts: np.ndarray) -> tuple[int, int, int]:
    """Σt(t−1)/2, Σt(t−1)(t−2), Σt(t−1)(2t+5) over the groups of t tied values, as kendalltau sums them (the last
    two in floating point), so that its variance is its number to the last bit."""
    t = counts[counts > 1].astype(np.int64)
    return int((t * (t - 1) // 2).sum()), int((t * (t - 1.0) * (t - 2)).sum()), int((t * (t - 1.0) * (2 * t + 5)).sum())
