"""edakit.stats.tsa (STL, autocorrelations, ADF, KPSS on numpy arrays) against statsmodels called on the same series:
equal up to float rounding, including the MacKinnon and KPSS tables; and a report with a date column that no longer
imports statsmodels' time-series modules or pandas."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
from statsmodels.tsa import adfvalues
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.stattools import acf, adfuller, kpss

import edakit
from edakit.stats import tsa


def _series() -> list[tuple[str, np.ndarray, int]]:
    rng = np.random.default_rng(1)
    air = np.array(edakit.datasets.load("airpassengers")["passengers"].to_list(), dtype=float)
    out = [("airpassengers", air, 12), ("random walk", np.cumsum(rng.normal(size=500)), 7)]
    # trend + cycle + noise at the lengths and periods the section meets: days (7, 365), hours (24, 168),
    # quarters, series shorter than the trend window, and both subseries lengths (n not a multiple of p)
    for n, p in [(366, 7), (730, 365), (720, 24), (722, 168), (16, 4), (15, 7), (9, 4)]:
        t = np.arange(n)
        out.append((f"n={n}, p={p}", 1e3 + 0.3 * t + 5 * np.sin(2 * np.pi * t / p) + rng.normal(0, 2, n), p))
    return out


@pytest.mark.parametrize(("name", "y", "period"), _series(), ids=[s[0] for s in _series()])
def test_stl_equals_statsmodels(name: str, y: np.ndarray, period: int) -> None:
    fit = STL(y, period=period).fit()
    trend, seasonal, remainder = tsa.stl(y, period)
    scale = np.ptp(y)
    assert np.allclose(trend, fit.trend, rtol=0, atol=1e-11 * scale)
    assert np.allclose(seasonal, fit.seasonal, rtol=0, atol=1e-11 * scale)
    assert np.allclose(remainder, fit.resid, rtol=0, atol=1e-11 * scale)


@pytest.mark.parametrize(("name", "y", "period"), _series()[:5], ids=[s[0] for s in _series()[:5]])
def test_acf_adf_kpss_equal_statsmodels(name: str, y: np.ndarray, period: int) -> None:
    nlags = min(40, len(y) - 1)
    assert np.allclose(tsa.acf(y, nlags), acf(y, nlags=nlags, fft=True), rtol=0, atol=1e-14)
    k = math.floor((len(y) - 1) ** (1 / 3))
    stat, p, lags, nobs, crit = adfuller(y, maxlag=k, regression="ct", autolag=None, result_object=False)[:5]
    ours = tsa.adf(y, k)
    assert ours[0] == pytest.approx(stat, rel=1e-12) and ours[1] == pytest.approx(p, rel=1e-12, abs=1e-300)
    assert ours[2:4] == (lags, nobs) and ours[4] == pytest.approx(crit, rel=1e-14)
    lag = math.floor(4 * (len(y) / 100) ** 0.25)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns when the statistic lies beyond its table
        stat, p, _, crit = kpss(y, regression="ct", nlags=lag, result_object=False)
    ours = tsa.kpss(y, lag)
    assert ours[0] == pytest.approx(stat, rel=1e-12) and ours[1] == pytest.approx(p, rel=1e-12)
    assert ours[2] == crit


def test_acf_with_missing_values_equals_statsmodels_conservative() -> None:
    y = np.array(edakit.datasets.load("airpassengers")["passengers"].to_list(), dtype=float)
    y[[3, 10, 11, 50, 143]] = np.nan
    assert np.allclose(tsa.acf(y, 30), acf(y, nlags=30, missing="conservative"), rtol=0, atol=1e-14)


def test_tables_are_statsmodels_tables() -> None:
    small, large = adfvalues.tau_ct_smallp[0], adfvalues.tau_ct_largep[0]
    assert np.allclose(tsa.TAU_CT_SMALL, small, rtol=1e-15, atol=0)
    assert np.allclose(tsa.TAU_CT_LARGE, large, rtol=1e-15, atol=0)
    ends = (adfvalues.tau_max_ct[0], adfvalues.tau_min_ct[0], adfvalues.tau_star_ct[0])
    assert ends == (tsa.TAU_CT_MAX, tsa.TAU_CT_MIN, tsa.TAU_CT_STAR)
    assert np.array_equal(np.array(tsa.TAU_CT_2010), adfvalues.tau_ct_2010[0])
    for stat in (-20.0, -4.0, -2.89, -1.0, 0.5, 1.0):  # both surfaces and both ends
        assert tsa.mackinnon_p(stat) == pytest.approx(adfvalues.mackinnonp(stat, "ct"), rel=1e-12, abs=1e-300)
    _, _, _, nobs, crit = tsa.adf(np.cumsum(np.ones(50) + np.sin(np.arange(50))), 3)
    assert nobs == 46 and list(crit.values()) == pytest.approx(list(adfvalues.mackinnoncrit(1, "ct", 46)), rel=1e-14)


def test_a_dated_report_imports_neither_statsmodels_time_series_nor_pandas() -> None:
    # the reason edakit.stats.tsa exists: every statsmodels.tsa module imports pandas (0.4-0.5 CPU-s, 75 MB)
    code = (
        "import sys, edakit; rep = edakit.report('airpassengers'); "
        "assert rep.timeseries.series[0].decomposition is not None; "
        "print(sorted(m for m in sys.modules if m == 'pandas' or m.startswith('statsmodels.tsa')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
