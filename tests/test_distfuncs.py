"""`edakit.stats.distfuncs` against scipy.stats itself, imported here as the independent reference.

Each function evaluates the scipy.special function that scipy.stats' distribution evaluates, inside the same
handling of NaN, bad arguments, the support's ends and loc/scale, so the numbers must be equal to the bit
(`assert_array_equal`, which also requires NaN where scipy gives NaN) over grids of arguments that include the
tails, 0, 1, infinities, NaN, arguments out of range and degrees of freedom from 1e-3 to 1e12.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy import stats

from edakit.stats import distfuncs

X = np.array(
    [-np.inf, -1e300, -40.0, -8.5, -3.0, -1.0, -1e-300, -0.0, 0.0, 1e-300, 1e-8, 0.3, 1.0, 1.96, 3.0, 8.5, 40.0]
    + [1e5, 1e300, np.inf, np.nan]
)
Q = np.array(
    [-0.5, -0.0, 0.0, 5e-324, 1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999]
    + [1 - 1e-12, 1 - 2**-53, 1.0, 1.5, np.inf, np.nan]
)
DF = np.array([-1.0, 0.0, 1e-3, 0.5, 1.0, 2.0, 2.5, 3.0, 10.0, 30.0, 100.0, 1e4, 1e6, 1e12, np.inf, np.nan])
# t, chi2 and F are not defined at df = inf in the same way everywhere; scipy gives nan or the limit: both sides agree
FAMILIES = {"norm": 0, "t": 1, "chi2": 1, "f": 2}
METHODS = ("pdf", "cdf", "sf", "ppf", "isf")


def _grid(name: str, method: str) -> tuple[np.ndarray, ...]:
    """Every combination of the argument grid with the degrees of freedom (both for F), broadcast as arrays."""
    first = Q if method in ("ppf", "isf") else X
    dfs = [DF] * FAMILIES[name]
    return tuple(a.ravel() for a in np.meshgrid(first, *dfs, indexing="ij"))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", FAMILIES)
def test_equal_to_scipy_stats_on_a_grid(name: str, method: str) -> None:
    ours, theirs = getattr(getattr(distfuncs, name), method), getattr(getattr(stats, name), method)
    args = _grid(name, method)
    with np.errstate(all="ignore"):
        expected = theirs(*args)
    assert_array_equal(ours(*args), expected, strict=True)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", FAMILIES)
def test_scalars_give_numpy_scalars_as_scipy(name: str, method: str) -> None:
    """One value in, one NumPy float out, equal to scipy's (callers write `float(t.sf(x, df))`)."""
    args = (0.3,) + (7.0,) * FAMILIES[name]
    ours = getattr(getattr(distfuncs, name), method)(*args)
    theirs = getattr(getattr(stats, name), method)(*args)
    assert type(ours) is type(theirs) is np.float64
    assert ours == theirs


@pytest.mark.parametrize("method", METHODS)
def test_normal_with_loc_and_scale(method: str) -> None:
    """loc and scale by keyword or by position, including bad scales (0, negative, NaN) and a NaN loc."""
    first = Q if method in ("ppf", "isf") else X
    loc = np.array([0.0, -2.5, 1e6, np.nan])
    scale = np.array([1.0, 0.1, 3.7, 1e-300, 0.0, -1.0, np.inf, np.nan])
    x, lo, sc = (a.ravel() for a in np.meshgrid(first, loc, scale, indexing="ij"))
    ours, theirs = getattr(distfuncs.norm, method), getattr(stats.norm, method)
    with np.errstate(all="ignore"):
        expected = theirs(x, lo, sc)
        assert_array_equal(ours(x, lo, sc), expected, strict=True)
        assert_array_equal(ours(x, loc=lo, scale=sc), expected, strict=True)
        assert_array_equal(ours(x, lo, scale=sc), expected, strict=True)
    assert ours(0.7, 2.0, 3.0) == theirs(0.7, 2.0, 3.0)


def test_t_and_chi2_with_loc_and_scale() -> None:
    x = np.linspace(-5, 5, 41)
    assert_array_equal(distfuncs.t.cdf(x, 4.0, 1.5, 2.0), stats.t.cdf(x, 4.0, 1.5, 2.0), strict=True)
    assert_array_equal(distfuncs.chi2.sf(x, 3.0, loc=-1.0, scale=0.5), stats.chi2.sf(x, 3.0, loc=-1.0, scale=0.5))


def test_wrong_number_of_arguments() -> None:
    with pytest.raises(TypeError):
        distfuncs.t.cdf(1.0)
    with pytest.raises(TypeError):
        distfuncs.norm.cdf(1.0, 0.0, 1.0, 2.0)


K = np.array([-np.inf, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 9.0, 9.5, 10.0, 11.0, 999.0, 1000.0, 1e9, np.inf, np.nan])
N = np.array([-1.0, 0.0, 1.0, 2.5, 10.0, 11.0, 200.0, 1000.0, 2000.0, 1e9, np.nan])
P = np.array([-0.1, 0.0, 1e-300, 1e-6, 0.3, 0.5, 0.77, 1.0, 1.5, np.nan])


def test_binomial_cdf_equal_to_scipy() -> None:
    k, n, p = (a.ravel() for a in np.meshgrid(K, N, P, indexing="ij"))
    assert_array_equal(distfuncs.binom.cdf(k, n, p), stats.binom.cdf(k, n, p), strict=True)


def test_binomial_ppf_equal_to_scipy() -> None:
    q, n, p = (a.ravel() for a in np.meshgrid(Q, N, P, indexing="ij"))
    with np.errstate(all="ignore"):
        expected = stats.binom.ppf(q, n, p)
    assert_array_equal(distfuncs.binom.ppf(q, n, p), expected, strict=True)


def test_binomial_scalars() -> None:
    for args in [(0.025, 20, 0.5), (0.975, 2000, 0.5), (0.5, 7, 0.3)]:
        ours, theirs = distfuncs.binom.ppf(*args), stats.binom.ppf(*args)
        assert type(ours) is type(theirs) and ours == theirs
    for args in [(5, 20, 0.5), (5.5, 20, 0.5), (0, 1, 0.5)]:
        ours, theirs = distfuncs.binom.cdf(*args), stats.binom.cdf(*args)
        assert type(ours) is type(theirs) and ours == theirs


def test_known_values() -> None:
    """Textbook quantiles, independently of scipy: z(0.975) = 1.959964, t(0.975; 10) = 2.228139,
    chi2(0.95; 1) = 3.841459, F(0.95; 3, 20) = 3.098391 (R: qnorm, qt, qchisq, qf)."""
    assert distfuncs.norm.ppf(0.975) == pytest.approx(1.959964, abs=1e-6)
    assert distfuncs.t.ppf(0.975, 10) == pytest.approx(2.228139, abs=1e-6)
    assert distfuncs.chi2.isf(0.05, 1) == pytest.approx(3.841459, abs=1e-6)
    assert distfuncs.f.isf(0.05, 3, 20) == pytest.approx(3.098391, abs=1e-6)
    assert distfuncs.binom.cdf(5, 20, 0.5) == pytest.approx(0.02069473, abs=1e-8)  # pbinom(5, 20, 0.5)


# ------------------------------------------------------------ the bootstrap's percentiles and skewness (numpy alone)


def _bootstrap_rows(rng: np.random.Generator) -> list[np.ndarray]:
    """(2, m) rows as the bootstrap's distribution of means and medians: smooth, tied, constant, with ±inf and NaN,
    huge and tiny, and short rows (1, 2, 3 resamples)."""
    rows = [rng.gamma(2.0, 3.0, (2, 2000)), np.round(rng.normal(size=(2, 2001)), 1), np.full((2, 500), 7.25)]
    rows += [rng.normal(1e300, 1e299, (2, 999)), rng.normal(0, 1e-300, (2, 1000))]
    with_inf = rng.normal(size=(2, 300))
    with_inf[0, 3], with_inf[1, 7] = np.inf, -np.inf
    with_nan = rng.normal(size=(2, 300))
    with_nan[1, 11] = np.nan
    return rows + [with_inf, with_nan] + [rng.normal(size=(2, m)) for m in (1, 2, 3)]


@pytest.mark.parametrize("conf_level", [0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1 - 1e-9])
def test_bootstrap_percentiles_equal_scipy_quantile(conf_level: float) -> None:
    """`bootstrap._quantiles` gives `scipy.stats.quantile(dist, (α, 1 − α), axis=-1)`, as `bootstrap_center` called
    it (NaN for a row holding a NaN)."""
    from edakit.stats.bootstrap import _quantiles

    rng = np.random.default_rng(25)
    for dist in _bootstrap_rows(rng):
        alpha = np.asarray((1 - conf_level) / 2, dtype=dist.dtype)
        with np.errstate(all="ignore"):
            expected = stats.quantile(dist, np.stack((alpha, 1 - alpha), axis=-1), axis=-1)
            got = _quantiles(dist, np.array([(1 - conf_level) / 2, 1 - (1 - conf_level) / 2]))
        assert_array_equal(got, expected, strict=True)


def test_bootstrap_skewness_equals_scipy_skew() -> None:
    from edakit.stats.bootstrap import _skewness

    rng = np.random.default_rng(3)
    for dist in _bootstrap_rows(rng):
        for row in dist:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # scipy's warning of a near-constant row
                expected = stats.skew(row)
                got = _skewness(row)
            assert_array_equal(got, expected)
