"""Cramér's V's chi-square test and eta's interval without scipy.stats, checked against scipy.stats itself.

`stats.association` computes X², its p-value and the expected counts as `scipy.stats.chi2_contingency(table,
correction=False)` does, with scipy.special alone; the intervals of V and eta start from `stats.distfuncs`' central
CDFs (tests/test_distfuncs.py) and invert `stats.ncp`'s noncentral ones, scipy.special's functions too.
scipy.stats, imported here in the test process, is the reference: every number must be its number to the last bit.
The R values of both analyses are asserted, unchanged, in tests/test_correlation.py and
tests/test_boundary_intervals.py.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from edakit.stats.association import correlation_ratio_from_groups, cramers_v_from_table
from edakit.stats.ncp import ncf_cdf, ncp_interval, ncx2_cdf


def _tables(rng: np.random.Generator) -> list[np.ndarray]:
    tables = [np.array([[10, 20], [30, 40]]), np.array([[1, 1], [1, 1]]), np.array([[0, 5], [5, 0]])]
    for _ in range(150):
        r, c = rng.integers(2, 7, size=2)
        scale = rng.choice([1, 5, 50, 10_000, 10**12])
        tables.append(rng.integers(0, scale, size=(r, c)) + rng.integers(0, 2, size=(r, c)) * scale)
    return [t for t in tables if (t.sum(axis=0) > 0).sum() >= 2 and (t.sum(axis=1) > 0).sum() >= 2]


def test_chi_square_equals_chi2_contingency_bit_for_bit() -> None:
    for table in _tables(np.random.default_rng(2026)):
        r = cramers_v_from_table(table, interval=False)
        used = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]  # empty rows/columns are left out first
        ref = stats.chi2_contingency(used, correction=False)
        assert (r.statistic, r.p_value, r.df) == (ref.statistic, ref.pvalue, ref.dof), table
        assert np.array_equal(r.details["expected"], ref.expected_freq)
        assert r.min_expected == ref.expected_freq.min()


def test_interval_of_v_equals_the_one_from_scipy_stats_cdfs() -> None:
    """The limits of V invert the noncentral chi-square from the central CDF at X²: with scipy.stats' own
    `ncx2.cdf` and `chi2.cdf` in their place, the search lands on the same limits."""
    for table in [t for t in _tables(np.random.default_rng(9)) if t.sum() < 10**7][:40]:  # X² below 1e10
        r = cramers_v_from_table(table, bias_correction=False)
        x2, df, n, k = r.statistic, r.df, r.n, min(len(r.row_labels), len(r.col_labels))
        limits = ncp_interval(
            lambda lam, x2=x2, df=df: stats.ncx2.cdf(x2, df, lam),
            x2,
            df,
            0.95,
            float(stats.chi2.cdf(x2, df)),
            "V",
            [],
            r.estimate == 0,
        )
        expected = None if limits is None else tuple(min(1.0, math.sqrt(lam / (n * (k - 1)))) for lam in limits[:2])
        assert r.ci == expected


def test_eta_interval_equals_the_one_from_scipy_stats_cdfs() -> None:
    rng = np.random.default_rng(4)
    for _ in range(40):
        k = int(rng.integers(2, 8))
        sizes = rng.integers(2, 60, k)
        means = rng.normal(0, rng.choice([0.01, 0.3, 3]), k)
        variances = rng.exponential(1, k)
        r = correlation_ratio_from_groups(sizes, means, variances)
        f, (df1, df2) = r.statistic, r.df
        limits = ncp_interval(
            lambda lam, f=f, df1=df1, df2=df2: stats.ncf.cdf(f, df1, df2, lam),
            f * df1,
            df1,
            0.95,
            float(stats.f.cdf(f, df1, df2)),
            "eta²",
            [],
            r.eta_squared == 0,
        )
        assert r.p_value == stats.f.sf(f, df1, df2)
        assert r.eta_squared_ci == (
            None if limits is None else (limits[0] / (limits[0] + df2), limits[1] / (limits[1] + df2))
        )


def test_noncentral_cdfs_at_every_kind_of_argument() -> None:
    """`ncp.ncx2_cdf` and `ncf_cdf` give what `scipy.stats.ncx2.cdf` and `ncf.cdf` give, also where those
    answer without evaluating a distribution (NaN, a statistic ≤ 0 or infinite, λ = 0, λ < 0, bad df)."""
    xs = [-1.0, 0.0, 1e-12, 0.7, 4.0, 80.0, np.inf, -np.inf, np.nan]
    lams = [0.0, 1e-9, 0.5, 3.0, 250.0, -1.0, np.nan]
    for x in xs:
        for lam in lams:
            for df in (0.0, -2.0, 0.5, 1.0, 6.0, np.nan, np.inf):
                assert np.array_equal(ncx2_cdf(x, df)(lam), stats.ncx2.cdf(x, df, lam), equal_nan=True), (x, df, lam)
                for df2 in (0.0, 3.0, 40.0, np.nan):
                    ours, ref = ncf_cdf(x, df, df2)(lam), stats.ncf.cdf(x, df, df2, lam)
                    assert np.array_equal(ours, ref, equal_nan=True), (x, df, df2, lam)
