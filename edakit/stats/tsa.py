"""Time-series cores on numpy arrays: STL, sample autocorrelations, the ADF and KPSS tests.

These are statsmodels' procedures with its defaults (`STL(y, period).fit()`, `acf(y, fft=True)`,
`adfuller(y, maxlag, regression="ct", autolag=None)`, `kpss(y, regression="ct", nlags)`), written out because every
`statsmodels.tsa` module imports pandas (the package's `__init__` and STL's compiled module both do): on a report
with a date column that import cost 0.4-0.5 CPU-s and 75 MB of resident memory for a few milliseconds of work.
tests/test_tsa.py compares every output with statsmodels on the same series (equal up to float rounding), and the
MacKinnon tables below with statsmodels' own.

STL (Cleveland, Cleveland, McRae and Terpenning 1990), not robust: seasonal window 7, trend window the smallest odd
integer ≥ 1.5 p / (1 − 1.5 / 7), low-pass window the smallest odd integer > p, local-linear loess everywhere, no
jumps, 5 inner passes. Without robustness weights every loess is a fixed linear smoother of its input, so each is
built once (positions and tricube weights) and applied by a weighted sum.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from edakit._sums import dot

SEASONAL = 7  # STL's seasonal smoother length (statsmodels' and R's `stl(s.window = 7)` default)
INNER = 5  # STL's inner passes without robustness (statsmodels' default)

# MacKinnon (1994) p-value surfaces for the ADF test with constant and trend, one integrated series (N = 1):
# statsmodels.tsa.adfvalues tau_ct_smallp[0], tau_ct_largep[0] (with their scalings), tau_max/min/star_ct[0]
TAU_CT_SMALL = (3.2512, 1.6047, 4.9588e-2)
TAU_CT_LARGE = (2.5261, 6.1654e-1, -3.7956e-1, -6.0285e-2)
TAU_CT_MAX, TAU_CT_MIN, TAU_CT_STAR = 0.7, -16.18, -2.89
# MacKinnon (2010) critical values (1 %, 5 %, 10 %) as polynomials in 1/nobs: tau_ct_2010[0]
TAU_CT_2010 = (
    (-3.95877, -9.0531, -28.428, -134.155),
    (-3.41049, -4.3904, -9.036, -45.374),
    (-3.12705, -2.5856, -3.925, -22.380),
)
# KPSS (1992) table for trend stationarity: critical values at 10 %, 5 %, 2.5 %, 1 %
KPSS_CT_CRIT = (0.119, 0.146, 0.176, 0.216)
KPSS_P = (0.10, 0.05, 0.025, 0.01)


def stl(y: np.ndarray, period: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trend, seasonal, remainder) of `y` by STL with `period` (see the module docstring)."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    trend_len = math.ceil(1.5 * period / (1 - 1.5 / SEASONAL))
    trend_len += trend_len % 2 == 0
    low_len = period + 1 + (period % 2 == 1)  # the smallest odd integer > period
    trend, season = np.zeros(n), np.zeros(n)
    q, r = divmod(n, period)
    for _ in range(INNER):
        cycles = _cycle_subseries(y - trend, period, q, r)
        smooth = _moving_average(_moving_average(_moving_average(cycles, period), period), 3)
        season = cycles[period : period + n] - _smooth(smooth, low_len)
        trend = _smooth(y - season, trend_len)
    return trend, season, y - season - trend


def _cycle_subseries(x: np.ndarray, period: int, q: int, r: int) -> np.ndarray:
    """Each position's subseries (x[j], x[j + p], ...) smoothed by loess and extended by one value at each end, laid
    back on the grid of n + 2p values (STL's step 2)."""
    grid = np.full(((q + 1) * period,), np.nan)
    grid[: len(x)] = x
    by_position = grid.reshape(q + 1, period).T  # row j: position j's subseries (the first r have q + 1 values)
    out = np.full((period, q + 3), np.nan)
    for rows, k in ((slice(0, r), q + 1), (slice(r, period), q)):
        if k > 0 and rows.start < rows.stop:
            out[rows, : k + 2] = _extended(by_position[rows, :k], k)
    return out.T.reshape(-1)[: len(x) + 2 * period]


def _extended(series: np.ndarray, k: int) -> np.ndarray:
    """Loess (SEASONAL points, local linear) of each row of `series` (k values) at positions 0 to k + 1."""
    index, weights, ok = _cycle_operator(k)
    out = np.einsum("ij,mij->mi", weights, series[:, index])
    inner = ~ok[1 : k + 1]
    out[:, 1 : k + 1][:, inner] = series[:, inner]
    if not ok[0]:
        out[:, 0] = out[:, 1]
    if not ok[k + 1]:
        out[:, k + 1] = out[:, k]
    return out


@functools.lru_cache(maxsize=16)
def _cycle_operator(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loess of a k-value subseries at 0..k+1: at 1..k as STL's smoother, at 0 and k + 1 from the first and
    last windows."""
    width = min(SEASONAL, k)
    xs = np.arange(k + 2, dtype=float)
    left = np.concatenate([[1], _window_starts(k, SEASONAL), [max(1, k - SEASONAL + 1)]])
    return _loess(k, SEASONAL, xs, left, width)


def _smooth(x: np.ndarray, length: int) -> np.ndarray:
    """STL's loess smoother of `x` with window `length` (local linear; a point without weight keeps its value)."""
    index, weights, ok = _series_operator(len(x), length)
    out = np.einsum("ij,ij->i", weights, x[index])
    out[~ok] = x[~ok]
    return out


@functools.lru_cache(maxsize=16)
def _series_operator(n: int, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _loess(n, length, np.arange(1, n + 1, dtype=float), _window_starts(n, length), min(length, n))


def _window_starts(n: int, length: int) -> np.ndarray:
    """First position (1-based) of each point's window of `length` points: centred, slid in at the ends."""
    half = (length + 2) // 2
    return 1 + np.clip(np.arange(1, n + 1) - half, 0, max(n - length, 0))


def _loess(
    n: int, length: int, xs: np.ndarray, left: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Local-linear loess with tricube weights at positions `xs` (1-based) from the windows of `width` points that
    start at `left`: (0-based indices, weights summing the values to the fit, whether the fit exists). As STL's
    Fortran `est`: the bandwidth is the farther window end (widened by (length − n) / 2 when length > n)."""
    pos = left[:, None] + np.arange(width)  # 1-based positions of each window
    h = np.maximum(xs - left, left + width - 1 - xs)
    if length > n:
        h = h + (length - n) // 2
    dist = np.abs(pos - xs[:, None])
    h_ = h[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(dist <= 0.001 * h_, 1.0, np.where(dist <= 0.999 * h_, (1.0 - (dist / h_) ** 3) ** 3, 0.0))
    total = w.sum(axis=1)
    ok = total > 0
    w = w / np.where(ok, total, 1.0)[:, None]
    centre = (w * pos).sum(axis=1)
    spread = (w * (pos - centre[:, None]) ** 2).sum(axis=1)
    linear = ok & (h > 0) & (np.sqrt(spread) > 0.001 * (n - 1.0))
    slope = np.where(linear, (xs - centre) / np.where(linear, spread, 1.0), 0.0)
    w = np.where(linear[:, None], w * (slope[:, None] * (pos - centre[:, None]) + 1.0), w)
    return pos - 1, w, ok


def _moving_average(x: np.ndarray, length: int) -> np.ndarray:
    return sliding_window_view(x, length).sum(axis=1) / length


def acf(y: np.ndarray, nlags: int) -> np.ndarray:
    """Sample autocorrelations at lags 0..nlags (statsmodels' `acf`; missing values as `missing="conservative"`:
    the mean of the values present, and a missing value adds nothing to a lag's sum)."""
    y = np.asarray(y, dtype=float)
    present = ~np.isnan(y)
    d = np.where(present, y - y[present].sum() / present.sum(), 0.0)
    n = len(d)
    cov = np.array([dot(d[k:], d[: n - k]) for k in range(nlags + 1)])
    return cov / cov[0]


def adf(y: np.ndarray, lags: int) -> tuple[float, float, int, int, dict[str, float]]:
    """Augmented Dickey-Fuller regression with constant and trend and `lags` lagged differences: (statistic,
    MacKinnon's p-value, lags, observations, critical values), as statsmodels' `adfuller(..., regression="ct",
    autolag=None)`."""
    y = np.asarray(y, dtype=float)
    dy = np.diff(y)
    nobs = len(dy) - lags
    lagged = [dy[lags - i : len(dy) - i] for i in range(1, lags + 1)]
    x = np.column_stack([y[lags : lags + nobs], *lagged, np.ones(nobs), np.arange(1.0, nobs + 1)])
    target = dy[lags:]
    inverse = np.linalg.pinv(x)
    beta = inverse @ target
    resid = target - x @ beta
    scale = (resid @ resid) / (nobs - np.linalg.matrix_rank(x))
    stat = float(beta[0] / math.sqrt(scale * (inverse[0] @ inverse[0])))
    crit = {
        level: float(np.polyval(coef[::-1], 1 / nobs))
        for level, coef in zip(("1%", "5%", "10%"), TAU_CT_2010, strict=True)
    }
    return stat, mackinnon_p(stat), lags, nobs, crit


def mackinnon_p(stat: float) -> float:
    """MacKinnon's (1994) approximate p-value of an ADF statistic with constant and trend (statsmodels'
    `mackinnonp(stat, "ct")`)."""
    from scipy.special import ndtr

    if stat > TAU_CT_MAX:
        return 1.0
    if stat < TAU_CT_MIN:
        return 0.0
    coef = TAU_CT_SMALL if stat <= TAU_CT_STAR else TAU_CT_LARGE
    return float(ndtr(np.polyval(coef[::-1], stat)))


def kpss(y: np.ndarray, lags: int) -> tuple[float, float, dict[str, float]]:
    """KPSS statistic for trend stationarity with a Bartlett long-run variance over `lags` lags, its p-value
    interpolated in the table (held at 0.01 or 0.10 beyond it) and the critical values (statsmodels' `kpss(y,
    regression="ct", nlags=lags)`)."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    x = np.column_stack([np.ones(n), np.arange(1.0, n + 1)])
    resid = y - x @ (np.linalg.pinv(x) @ y)
    eta = float(np.sum(np.cumsum(resid) ** 2)) / n**2
    s = dot(resid, resid)
    for i in range(1, lags + 1):
        s += 2 * (1 - i / (lags + 1)) * dot(resid[i:], resid[: n - i])
    stat = eta / (s / n)
    p = float(np.interp(stat, KPSS_CT_CRIT, KPSS_P))
    return stat, p, dict(zip(("10%", "5%", "2.5%", "1%"), KPSS_CT_CRIT, strict=True))
