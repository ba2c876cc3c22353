"""Kendall's tau-b without scipy.stats (`edakit.stats.kendall`), checked against independent references.

- The counts: the discordant pairs and the pairs tied in both variables, against a brute-force count over all
  n(n − 1)/2 pairs (numpy on the raw values), for tied and untied inputs from n = 2 up, by each of the three ways
  the sequence is formed (the pair's table of distinct values, its distinct cells from the sorted rows, every row).
- The ranks of a column among a pair's rows (`stats.ranks.pair_ranks`, from the column's dense ranks made once):
  scipy's `rankdata` (average and dense) and numpy's counts of the kept values, whichever rows are dropped.
- tau-b and the normal-approximation p-value: equal to the last bit to `scipy.stats.kendalltau(variant="b",
  method="asymptotic")`, imported here in the test process, for every alternative, on many random inputs (ties in
  x, in y, in both, none; n = 3 to 20,000; few and many distinct values).
- The public `correlation(..., "kendall")`: its p-value (normal approximation when ties or n ≥ 50) is kendalltau's.
  The R values for Kendall's tau are asserted in tests/test_correlation.py, which this change leaves as it was.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from edakit.stats import kendall
from edakit.stats.correlations import correlation
from edakit.stats.kendall import discordant_pairs, tau_b
from edakit.stats.ranks import Ranked, SortedColumn, pair_ranks

ALTERNATIVES = ("two-sided", "less", "greater")


def _ranked(x: np.ndarray, y: np.ndarray) -> tuple[Ranked, Ranked]:
    """The two columns' ranks among the pair's rows, as the report builds them."""
    keep = np.ones(x.size, dtype=bool)
    return pair_ranks(SortedColumn(x), keep), pair_ranks(SortedColumn(y), keep)


def _brute_force(x: np.ndarray, y: np.ndarray) -> tuple[int, int]:
    i, j = np.triu_indices(x.size, 1)
    dx, dy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
    return int((dx * dy < 0).sum()), int(((dx == 0) & (dy == 0)).sum())


def _pairs(rng: np.random.Generator, n: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """x and y of n values: `kind` says where the ties are; y depends on x a little, so tau is not always ~0."""
    k = max(1, int(rng.integers(1, n + 2)))
    x = rng.normal(size=n) if kind in ("none", "y") else rng.integers(0, k, n).astype(float)
    noise = rng.normal(size=n) if kind in ("none", "x") else rng.integers(0, max(1, k // 2 + 1), n).astype(float)
    y = np.round(x * rng.uniform(-1, 1), 0) + noise if kind in ("y", "both") else x * rng.uniform(-1, 1) + noise
    return x, y


# (TABLE_CELLS, CELL_SHARE): every pair by its table of (u, v) counts; by its distinct cells of the rows sorted by
# (u, v), weighted; by every row of that order; and the report's own choice among them
WAYS = {"table": (float("inf"), 0.0), "cells": (0.0, float("inf")), "rows": (0.0, 0.0), "default": None}


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("kind", ["none", "x", "y", "both"])
def test_counts_equal_brute_force(kind: str, way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if WAYS[way] is not None:
        monkeypatch.setattr(kendall, "TABLE_CELLS", WAYS[way][0])
        monkeypatch.setattr(kendall, "CELL_SHARE", WAYS[way][1])
    rng = np.random.default_rng(20261203)
    for n in [2, 3, 4, 5, 8, 17, 64, 300]:
        for _ in range(15):
            x, y = _pairs(rng, n, kind)
            assert discordant_pairs(*_ranked(x, y)) == _brute_force(x, y)


@pytest.mark.parametrize("way", list(WAYS))
def test_counts_on_few_values_with_many_rows(way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many rows in few (u, v) cells, the report's case: 3,000 rows, brute force over their 4.5 M pairs."""
    if WAYS[way] is not None:
        monkeypatch.setattr(kendall, "TABLE_CELLS", WAYS[way][0])
        monkeypatch.setattr(kendall, "CELL_SHARE", WAYS[way][1])
    rng = np.random.default_rng(5)
    for kx, ky in [(2, 2), (3, 17), (40, 9), (300, 250)]:
        x = rng.integers(0, kx, 3_000).astype(float)
        y = np.round((x * ky / kx + rng.integers(0, ky, 3_000)) / 2)
        assert discordant_pairs(*_ranked(x, y)) == _brute_force(x, y)


def test_counts_all_ties_and_extremes() -> None:
    rng = np.random.default_rng(7)
    for n in (2, 3, 10):
        const, ramp = np.full(n, 3.0), np.arange(n, dtype=float)
        assert discordant_pairs(*_ranked(const, const)) == (0, n * (n - 1) // 2)
        assert discordant_pairs(*_ranked(const, ramp)) == (0, 0)
        assert discordant_pairs(*_ranked(ramp, ramp[::-1])) == (n * (n - 1) // 2, 0)
        assert discordant_pairs(*_ranked(ramp, ramp)) == (0, 0)
    # more than 65,535 distinct values (ranks no longer 16-bit) and a two-valued column against them
    x = rng.permutation(70_000).astype(float)
    y = (rng.random(70_000) < 0.5).astype(float)
    order = np.argsort(x)
    ones_before = np.cumsum(y[order]) - y[order]  # a 1 before a 0 in x's order is a discordant pair
    assert discordant_pairs(*_ranked(x, y)) == (int(ones_before[y[order] == 0].sum()), 0)


@pytest.mark.parametrize("kind", ["none", "x", "y", "both"])
def test_tau_b_and_p_equal_scipy_bit_for_bit(kind: str) -> None:
    rng = np.random.default_rng(25)
    for n in [3, 4, 5, 9, 33, 50, 200, 2_000, 20_000]:
        for _ in range(6 if n < 1000 else 2):
            x, y = _pairs(rng, n, kind)
            rx, ry = _ranked(x, y)
            if rx.distinct < 2 or ry.distinct < 2:  # a constant column: correlation() returns "undefined"
                continue
            for alternative in ALTERNATIVES:
                ref = stats.kendalltau(x, y, variant="b", method="asymptotic", alternative=alternative)
                assert tau_b(rx, ry, alternative) == (ref.statistic, ref.pvalue), (n, kind, alternative)


def test_tau_b_few_distinct_values_in_large_samples() -> None:
    """The report's columns: 100,000 sampled rows with from 2 to a few thousand distinct values."""
    rng = np.random.default_rng(3)
    for kx, ky in [(2, 2), (19, 1000), (1371, 1266), (3419, 210), (100_000, 7)]:
        x = rng.integers(0, kx, 100_000).astype(float)
        y = (x * ky / kx + rng.integers(0, ky, 100_000)) // 2
        rx, ry = _ranked(x, y)
        ref = stats.kendalltau(x, y, variant="b", method="asymptotic")
        assert tau_b(rx, ry, "two-sided") == (ref.statistic, ref.pvalue)
    # both columns with more than 65,535 distinct values: ranks in machine integers, 17 bits
    x = rng.normal(size=100_000)
    y = x + rng.normal(size=100_000)
    rx, ry = _ranked(x, y)
    assert rx.dense.dtype == ry.dense.dtype == np.intp
    ref = stats.kendalltau(x, y, variant="b", method="asymptotic")
    assert tau_b(rx, ry, "two-sided") == (ref.statistic, ref.pvalue)


def test_correlation_p_value_is_kendalltau_with_ties_or_n_of_50() -> None:
    rng = np.random.default_rng(11)
    x_tied, y_tied = rng.integers(0, 6, 40).astype(float), rng.integers(0, 5, 40).astype(float)
    x_long, y_long = rng.normal(size=80), rng.normal(size=80)
    for x, y in ((x_tied, y_tied), (x_long, y_long)):
        for alternative in ALTERNATIVES:
            ours = correlation(x, y, "kendall", alternative=alternative)
            ref = stats.kendalltau(x, y, variant="b", method="asymptotic", alternative=alternative)
            assert ours.details["statistic_name"] == "z"
            assert (ours.estimate, ours.p_value) == (ref.statistic, ref.pvalue)


def test_two_pairs_and_a_constant_column_are_undefined() -> None:
    assert correlation([1.0, 2.0], [2.0, 1.0], "kendall").estimate is None
    r = correlation([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0], "kendall")
    assert r.estimate is None and r.p_value is None


def test_pair_ranks_equal_rankdata_whichever_rows_are_dropped() -> None:
    """A column's ranks among a pair's rows: all rows, its own finite rows, rows dropping whole groups of tied
    values (renumbered dense ranks), none; whole numbers sorted as 16-bit integers and floats."""
    rng = np.random.default_rng(9)
    n = 3_000
    columns = [np.round(rng.normal(size=n) * 4), rng.normal(size=n), rng.integers(0, 70_000, n) * 0.5]
    for values in columns:
        values = values.copy()
        values[rng.choice(n, 100, replace=False)] = np.nan
        values[:2] = [np.inf, -np.inf]
        col = SortedColumn(values)
        finite = np.isfinite(values)
        low = finite & (values < np.quantile(values[finite], 0.3))
        masks = [finite, finite & (rng.random(n) < 0.5), low, finite & ~low, np.zeros(n, dtype=bool)]
        for keep in masks:
            ranked = pair_ranks(col, keep)
            kept = values[keep]
            assert ranked.mid.tolist() == stats.rankdata(kept).tolist()
            assert ranked.dense.tolist() == stats.rankdata(kept, method="dense").astype(int).tolist()
            assert ranked.counts.tolist() == np.unique(kept, return_counts=True)[1].tolist()
            assert ranked.order.tolist() == np.argsort(kept, kind="stable").tolist()
            if kept.size:
                assert ranked.first == kept.min()
    every = np.arange(10.0)
    ranked = pair_ranks(SortedColumn(every), np.ones(10, dtype=bool))
    assert ranked.mid.tolist() == stats.rankdata(every).tolist() and ranked.counts.tolist() == [1] * 10
