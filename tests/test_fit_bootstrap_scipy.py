"""The distribution section's fast paths give scipy's own numbers: the bootstrap of the centre (resampled ranks, a
small batch) against `scipy.stats.bootstrap` resampling the values with `np.mean` and `np.median`, both seeded
alike; the KS test's vectorised re-fits (closed forms, Brent's method on every sample at once) against
`<family>.fit` per sample and `scipy.optimize.brentq`, and its statistic and p-value against
`scipy.stats.goodness_of_fit`. Equality is exact: the fast paths only change how the same numbers are computed."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from edakit.stats import _search, families, fitting, gof
from edakit.stats import bootstrap as boot


def ks_of_frozen(dist: object, data: np.ndarray, axis: int = -1) -> np.ndarray:
    """`gof.ks_statistic` as a `goodness_of_fit` statistic: scipy's frozen re-fit (shapes, loc, scale) as a Family."""
    *shapes, loc, scale = dist.args
    return gof.ks_statistic(families.Family(dist.dist.name, tuple(shapes), loc, scale), data, axis)


def _scipy_center(x: np.ndarray, seed: int, resamples: int, max_n: int) -> stats._resampling.BootstrapResult:
    """scipy's bootstrap of (mean, median) of the values as `bootstrap_center` draws them: the same seeded subset,
    then resamples of the sorted values (the ranks `bootstrap_center` resamples index the sorted values)."""
    rng = np.random.default_rng(seed)
    if x.size > max_n:
        x = rng.choice(x, max_n, replace=False)

    def mean_and_median(sample: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.stack([np.mean(sample, axis=axis), np.median(sample, axis=axis)])

    return stats.bootstrap(
        (np.sort(x),), mean_and_median, n_resamples=resamples, method="percentile", vectorized=True, rng=rng
    )


@pytest.mark.parametrize(
    "size, max_n, resamples",
    [(345, 2_000, 2_000), (1_999, 2_000, 701), (5_000, 2_000, 300)],  # odd and even n, a subset, odd counts
)
def test_bootstrap_center_equals_scipy_on_the_values(size: int, max_n: int, resamples: int) -> None:
    rng = np.random.default_rng(size)
    x = np.round(rng.gamma(2.0, 3.0, size), 1)  # ties, as in rounded measurements
    ours = boot.bootstrap_center(x, seed=5, resamples=resamples, max_n=max_n)
    ref = _scipy_center(x, 5, resamples, max_n)
    low, high, se = ref.confidence_interval.low, ref.confidence_interval.high, ref.standard_error
    assert ours.mean_boot_ci == (low[0], high[0]) and ours.median_boot_ci == (low[1], high[1])
    assert (ours.mean_boot_se, ours.median_boot_se) == (se[0], se[1])
    assert ours.boot_skewness == stats.skew(ref.bootstrap_distribution[0])


@pytest.mark.parametrize(
    "family, draw",
    [
        ("normal", lambda rng: rng.normal(5.0, 2.0, 300)),
        ("log-normal", lambda rng: rng.lognormal(1.0, 0.5, 300)),
        ("exponential", lambda rng: np.r_[0.0, rng.exponential(2.0, 299)]),  # a 0: no log-normal or gamma
        ("gamma", lambda rng: rng.gamma(2.0, 3.0, 2_500)),  # a seeded subset of GOF_MAX_N, re-fitted
    ],
)
def test_ks_p_value_equals_scipys_goodness_of_fit(family: str, draw: object) -> None:
    """`ks_test`'s parametric-bootstrap p-value is scipy's `goodness_of_fit(statistic="ks")` on the same values
    with the same seed, and its statistic gives scipy's null distribution of D to the last bit."""
    x = draw(np.random.default_rng(8))
    fit = fitting.fit_distributions(x, seed=4)
    assert fit.best.family == family
    rng = np.random.default_rng(4)
    data = rng.choice(x, fitting.GOF_MAX_N, replace=False) if x.size > fitting.GOF_MAX_N else x
    name = fitting._SCIPY_FIT[family]
    dist, known, n = getattr(stats, name), gof.FIXED[name] or None, fitting.GOF_RESAMPLES
    ref = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=n, rng=rng)
    assert fit.gof.p_value == ref.pvalue and fit.gof.n == data.size
    refit = fitting._CONTINUOUS[family](data, 1.0) if x.size > data.size else fit.best
    assert fit.gof.statistic == stats.kstest(data, refit.frozen().cdf).statistic
    ours = stats.goodness_of_fit(dist, data, known_params=known, statistic=ks_of_frozen, n_mc_samples=n, rng=1)
    scipys = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=n, rng=1)
    assert np.array_equal(ours.null_distribution, scipys.null_distribution) and ours.statistic == scipys.statistic


def test_log_likelihoods_of_repeated_values_equal_scipys_sum_over_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole numbers spanning few values have their log-densities evaluated once per number of the span: ℓ is
    still scipy's `logpdf(x).sum()` (or `logpmf`) over every value in the column's order, to the last bit (the fit
    with that shortcut turned off makes exactly that call), and the fitted family's own log-density agrees."""
    rng = np.random.default_rng(12)
    rounded = np.round(rng.gamma(3.0, 40.0, 20_000))  # whole minutes: a few hundred distinct values
    counts = rng.negative_binomial(3, 0.3, 20_000).astype(float)

    def fit_both() -> list[fitting.FamilyFit]:
        return fitting.fit_distributions(rounded, counts=False).fits + fitting.fit_distributions(counts).fits

    fits = fit_both()
    monkeypatch.setattr(fitting._Whole, "of", classmethod(lambda cls, x, low, high: None))
    plain = fit_both()
    assert [f.family for f in fits] == [f.family for f in plain] and len(fits) == 6
    for f, g in zip(fits, plain, strict=True):
        assert f.loglik == g.loglik and f.params == g.params and f.se == g.se, f.family
        x = counts if f.discrete else rounded
        scipys = (f.frozen().logpmf(x) if f.discrete else f.frozen().logpdf(x)).sum()
        assert f.loglik == pytest.approx(scipys, rel=1e-13), f.family


def test_resampled_centres_are_scipys_bootstrap_distribution() -> None:
    """`resample_center` (numpy alone) draws what `scipy.stats.bootstrap` draws: its (mean, median) distribution is
    scipy's, value for value, for a subset (5,000 values), an odd n and a column too short or constant to bootstrap."""
    rng = np.random.default_rng(21)
    for x, resamples in [(rng.lognormal(1.0, 0.8, 5_000), 333), (np.round(rng.normal(0, 1, 301), 2), 120)]:
        drawn = boot.resample_center(x, seed=9, resamples=resamples)
        ref = _scipy_center(x, 9, resamples, boot.BOOT_MAX_N)
        assert np.array_equal(drawn.distribution, ref.bootstrap_distribution)
        assert drawn.subset_of == (x.size if x.size > boot.BOOT_MAX_N else None) and drawn.values.size <= 2_000
    assert boot.resample_center(np.arange(9.0)).distribution is None
    assert boot.resample_center(np.full(50, 3.0)).distribution is None


def test_analysis_with_centres_drawn_beforehand_is_the_same() -> None:
    """The report draws the bootstraps' resamples in the section's gather and hands them to `analyse`: the results
    equal those of `analyse` drawing them itself."""
    from edakit.stats import distributions as analysis

    rng = np.random.default_rng(3)
    values = {"a": rng.gamma(2.0, 3.0, 3_000), "b": np.round(rng.normal(10, 2, 400)), "c": np.full(30, 1.0)}
    ours = analysis.analyse(values, seed=7, resampled=analysis.resample_centers(values, seed=7))
    plain = analysis.analyse(values, seed=7)
    for name in values:
        a, b = ours.bootstraps[name], plain.bootstraps[name]
        assert (a.mean_boot_ci, a.median_boot_ci, a.mean_boot_se, a.histogram, a.notes) == (
            b.mean_boot_ci,
            b.median_boot_ci,
            b.mean_boot_se,
            b.histogram,
            b.notes,
        )


def test_the_centres_resampling_imports_no_scipy() -> None:
    """The section's gather runs while the runner imports scipy.stats: it must not import scipy itself."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np, polars as pl, edakit.sections.distributions\n"
        "from edakit.stats.distributions import resample_centers\n"
        "r = resample_centers({'x': pl.Series(np.arange(500.0) % 37)}, seed=1)\n"
        "assert r['x'].distribution.shape == (2, 2000)\n"
        "assert not any(m.startswith('scipy') for m in sys.modules), 'scipy imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "family, draw",
    [
        ("norm", lambda rng, n: rng.normal(-3.0, 0.01, n)),
        ("lognorm", lambda rng, n: rng.lognormal(0.0, 2.0, n)),
        ("expon", lambda rng, n: rng.exponential(1e-3, n)),
        ("gamma", lambda rng, n: rng.gamma(0.35, 5.0, n)),  # a small shape: the root near 0
        ("gamma", lambda rng, n: rng.gamma(60.0, 0.1, n)),  # a large one: s near 0
    ],
)
def test_vectorised_refits_are_scipys_fit_of_every_sample(family: str, draw: object) -> None:
    """Every simulated sample's parameters, fitted all at once, are what `goodness_of_fit` gets by fitting each
    sample alone (`np.mean`/`np.std(ddof=1)` for the normal, `<family>.fit(sample, floc=0)` otherwise), bit for bit;
    and the KS test on data of an odd size has scipy's statistic and p-value."""
    rng = np.random.default_rng(17)
    samples = draw(rng, (150, 701))
    dist = getattr(stats, family)
    if family == "norm":
        expected = np.array([np.mean(samples, axis=-1), np.std(samples, ddof=1, axis=-1)])
    else:
        expected = np.array([dist.fit(sample, floc=0.0) for sample in samples]).T
    ours = families.fit(family, samples, ddof=1 if family == "norm" else 0)
    assert np.array_equal(np.array(np.broadcast_arrays(*ours)), expected)
    data = draw(rng, 701)
    known = gof.FIXED[family] or None
    ref = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=99, rng=3)
    assert gof.parametric_ks(family, data, np.random.default_rng(3), 99) == (ref.statistic, ref.pvalue)


def test_brent_on_many_brackets_is_scipys_brentq_on_each() -> None:
    """The lane-by-lane Brent's method returns `scipy.optimize.brentq`'s root for each bracket (x³ = c and the
    gamma shape's equation, brackets on either side), and reports a failure where brentq raises (no sign change)."""
    from scipy import optimize, special

    c = np.geomspace(1e-6, 1e6, 41)
    lo, hi = np.cbrt(c) * 0.3, np.cbrt(c) * 2.5 + np.arange(41)
    roots, status = _search.brentq(lambda x, i: x**3 - c[i], lo, hi)
    expected = [optimize.brentq(lambda x, k=k: x**3 - k, a, b) for k, a, b in zip(c, lo, hi, strict=True)]
    assert np.array_equal(roots, expected) and np.all(status == _search.CONVERGED)
    s = np.geomspace(1e-4, 3.0, 25)  # log a − ψ(a) ≈ 1/(2a): the root near 1/(2s), inside [0.2/s, 1/s]
    roots, _ = _search.brentq(lambda a, i: np.log(a) - special.digamma(a) - s[i], 0.2 / s, 1.0 / s)
    expected = [optimize.brentq(lambda a, v=v: np.log(a) - special.digamma(a) - v, 0.2 / v, 1.0 / v) for v in s]
    assert np.array_equal(roots, expected)
    _, status = _search.brentq(lambda x, i: x**2 + 1.0, np.zeros(3), np.ones(3))
    assert np.all(status == _search.SIGN_ERROR)


@pytest.mark.parametrize("n", [12, 17, 640, 2_000])
def test_ks_statistic_evaluated_where_it_can_peak_is_scipys(n: int) -> None:
    """For the gamma the CDF is evaluated at block ends and inside the blocks that can hold the largest distance
    only: the null distribution of D is still scipy's (every value's CDF), for sample sizes that do and do not
    fill whole blocks, and for a sample that fits badly (the largest distance far from the block ends' values)."""
    rng = np.random.default_rng(n)
    for data in (rng.gamma(1.7, 2.0, n), np.r_[rng.gamma(5.0, 1.0, n // 2), rng.gamma(0.5, 1.0, n - n // 2)]):
        ours = stats.goodness_of_fit(
            stats.gamma, data, known_params={"loc": 0.0}, statistic=ks_of_frozen, n_mc_samples=199, rng=5
        )
        scipys = stats.goodness_of_fit(
            stats.gamma, data, known_params={"loc": 0.0}, statistic="ks", n_mc_samples=199, rng=5
        )
        assert np.array_equal(ours.null_distribution, scipys.null_distribution)
        assert ours.statistic == scipys.statistic and ours.pvalue == scipys.pvalue


def test_whole_numbers_counted_instead_of_sorted_give_the_sort() -> None:
    """Whole numbers spanning few values are counted, not sorted: the sorted values, the distinct levels and their
    counts are `np.sort`'s and `np.unique`'s (negative numbers, numbers beyond 2⁵³ whose neighbours are not floats,
    and a −0.0, whose sign only the sort keeps)."""
    rng = np.random.default_rng(6)
    cases = [
        np.round(rng.normal(0, 40, 5_000)),
        2.0**60 + 256 * rng.integers(0, 20, 30_000).astype(float),
        np.r_[rng.integers(0, 9, 200).astype(float), -0.0],
    ]
    for x in cases:
        whole = fitting._Whole.of(x, float(x.min()), float(x.max()))
        ordered, levels, tally = fitting._sorted(x, whole)
        assert whole is not None and ordered.dtype == x.dtype
        assert np.array_equal(ordered, np.sort(x)) and np.array_equal(np.signbit(ordered), np.signbit(np.sort(x)))
        expected_levels, expected_tally = np.unique(x, return_counts=True)
        assert np.array_equal(levels, expected_levels) and np.array_equal(tally, expected_tally)


def test_qq_probabilities_at_the_points_drawn_are_ppoints() -> None:
    """The fitted family's QQ quantiles are taken at R's ppoints(n) of the points drawn only: the same numbers as
    ppoints(n) at those positions, and (i − 1/2)/n by hand for n > 10."""
    from edakit.stats.chartdata import ppoints, qq_indices

    for n in (7, 11, 2_001, 100_000):
        keep = qq_indices(n)
        assert np.array_equal(ppoints(n, keep), ppoints(n)[keep])
    assert ppoints(20, np.array([0, 19])).tolist() == [0.5 / 20, 19.5 / 20]


def test_a_sample_that_cannot_be_refitted_leaves_d_without_a_p_value() -> None:
    """Values of a gamma with a tiny shape: samples simulated from the fit hold values that underflow to 0, which
    the gamma's fit refuses (scipy's `goodness_of_fit` raises on these data and seed). The column keeps its fits
    and D (kstest's), with no p-value and a note; the words and the overview say so instead of the section failing."""
    from edakit.explain import probability as words
    from edakit.sections import distributions as section

    x = np.random.default_rng(1).gamma(0.004, 5.0, 3_000)
    x = x[x > 0]
    fit = fitting.fit_distributions(x, name="tiny", seed=0)
    rng = np.random.default_rng(0)
    data = rng.choice(x, fitting.GOF_MAX_N, replace=False)
    with pytest.raises(ValueError):
        stats.goodness_of_fit(stats.gamma, data, known_params={"loc": 0.0}, statistic="ks", n_mc_samples=199, rng=rng)
    assert fit.best.family == "gamma" and fit.gof.p_value is None and fit.gof.note.startswith("not computable")
    refit = fitting._CONTINUOUS["gamma"](data, 1.0)
    assert fit.gof.statistic == stats.kstest(data, refit.frozen().cdf).statistic
    text = words.gof_words(fit)
    assert f"D = {words.fmt_num(fit.gof.statistic, 3)}" in text and "p-value is not computable" in text
    assert section._gof_text(fit).endswith("no p-value")
