"""Time-series analysis of one numeric column against a date/time column, from its per-period means.

* Period (`infer_period`): from the resolution of the timestamps — months 12, quarters 4, days 7 or 365, hours 24
  or 168, minutes 60 or 1,440 — among those with at least two full cycles in the series; with two candidates, the
  longer one only when it shows in the series without the shorter cycle (autocorrelation at its lag, after a
  moving-average detrend, beyond the noise band) and its STL seasonal strength there beats the shorter cycle's: a
  longer period always fits at least as well on the series itself.
* STL (Cleveland et al. 1990; statsmodels' `STL` defaults, seasonal window 7, not robust): series = trend + seasonal +
  remainder. Strengths (Wang, Smith and Hyndman 2006; Hyndman and Athanasopoulos, FPP3 §4.3):
  F_T = max(0, 1 − Var(R)/Var(T + R)), F_S = max(0, 1 − Var(R)/Var(S + R)).
* Autocorrelation (R's `acf`): lags 1 to max(⌊10 log10 n⌋, 2 × period), the white-noise band ±z/√n that R's
  `plot.acf` draws (ci.type = "white").
* Stationarity: R's `tseries::adf.test` (constant and trend, k = ⌊(n − 1)^(1/3)⌋ lagged differences; here with
  MacKinnon's p-value rather than tseries' table) and `tseries::kpss.test(null = "Trend")` (lag ⌊4 (n/100)^(1/4)⌋,
  table p-value bounded to 0.01-0.10), both as statsmodels computes them.

The cores (STL, autocorrelations, ADF, KPSS) are in `edakit.stats.tsa`, on numpy arrays: statsmodels' time-series
modules import pandas, which cost more than the analyses (tests compare them with statsmodels).

Periods without a value are filled by linear interpolation when they are at most `MAX_FILLED` of the series; with
more, only the autocorrelation is computed (on the pairs of values present) and a note says why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit._sums import dot
from edakit.stats import tsa
from edakit.stats.result import Result

MAX_FILLED = 0.1  # share of interior periods without a value that linear interpolation may fill
MIN_TESTED = 12  # fewer values than this: no autocorrelation or stationarity test
MAX_LAGS = 400
HUGE = 1e150  # beyond this, squares overflow
CANDIDATES = {"minute": (60, 1440), "hour": (24, 168), "day": (7, 365), "month": (12,), "quarter": (4,), "year": ()}
CYCLE = {60: "hourly", 1440: "daily", 24: "daily", 168: "weekly", 7: "weekly", 365: "yearly", 12: "yearly", 4: "yearly"}


@dataclass(repr=False)
class StationarityTest(Result):
    """An ADF or KPSS test. `p_bound`: "below" or "above" when the statistic falls beyond the p-value table (KPSS),
    so the true p-value is smaller or larger than `p_value`."""

    null: str = ""  # the null hypothesis, in words
    lags: int | None = None
    critical_values: dict[str, float] = field(default_factory=dict)
    p_bound: str | None = None
    rejected: bool | None = None  # p-value below alpha


@dataclass
class Decomposition:
    """STL of the series: `trend[i] + seasonal[i] + remainder[i]` equals the series' value at period i."""

    period: int
    trend: list[float] = field(default_factory=list)
    seasonal: list[float] = field(default_factory=list)
    remainder: list[float] = field(default_factory=list)
    trend_strength: float = 0.0
    seasonal_strength: float = 0.0
    season_labels: list[str] = field(default_factory=list)  # positions in the cycle (months, weekdays, ...)
    season_means: list[float] = field(default_factory=list)  # mean seasonal component at each position
    # mean range of the seasonal component within a cycle over the first and the last `swing_cycles` full cycles
    # (a fifth of them, at least one), and the mean trend over the same cycles
    swings: tuple[float, float] = (0.0, 0.0)
    levels: tuple[float, float] = (0.0, 0.0)
    swing_cycles: int = 1


@dataclass
class Autocorrelation:
    """Sample autocorrelations at lags 1..; `band`: the ±z/√n white-noise limit at `conf_level`."""

    lags: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    band: float = 0.0
    conf_level: float = 0.95
    n: int = 0
    outside: list[int] = field(default_factory=list)  # lags whose autocorrelation lies beyond the band


@dataclass
class SeriesAnalysis:
    """One numeric column over time. `values[i]`: the column's mean over the rows of `periods[i]` (None: no value
    that period); `aggregate` is "value" when no period has more than one row (the values are shown as they are)."""

    column: str
    time_column: str
    resolution: str
    aggregate: str
    periods: list[str] = field(default_factory=list)
    values: list[float | None] = field(default_factory=list)
    n: int = 0  # periods with a value
    filled: int = 0  # interior periods without a value, filled by interpolation for the analyses
    period: int | None = None
    period_reason: str = ""
    strengths: dict[str, float] = field(default_factory=dict)  # candidate period -> seasonal strength
    decomposition: Decomposition | None = None
    acf: Autocorrelation | None = None
    adf: StationarityTest | None = None
    kpss: StationarityTest | None = None
    verdict: str | None = None  # "trend-stationary", "unit root", "conflicting", "inconclusive"
    notes: list[str] = field(default_factory=list)


@dataclass
class TimeSeriesAnalysis:
    """Every analysed numeric column against one time column (`series`), and what was left out and why."""

    time_column: str
    resolution: str
    natural: str  # the timestamps' own spacing, before coarsening to at most a readable number of points
    alpha: float = 0.05
    conf_level: float = 0.95
    series: list[SeriesAnalysis] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # numeric columns beyond the cap
    other_time_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyse_series(
    column: str,
    time_column: str,
    resolution: str,
    periods: list[str],
    values: list[float | None],
    rows: list[int],
    *,
    alpha: float = 0.05,
    conf_level: float = 0.95,
) -> SeriesAnalysis:
    """The full analysis of one series (see the module docstring)."""
    multi = any(r > 1 for r in rows)
    out = SeriesAnalysis(column, time_column, resolution, "mean" if multi else "value")
    first = next((i for i, v in enumerate(values) if v is not None), None)
    if first is None:
        out.notes.append("No period has a value.")
        return out
    last = max(i for i, v in enumerate(values) if v is not None)
    out.periods, out.values = periods[first : last + 1], values[first : last + 1]
    y = np.array([np.nan if v is None else v for v in out.values], dtype=float)
    if np.nanmax(np.abs(y)) > HUGE:
        out.notes.append(
            f"Values beyond ±{HUGE:.0e} overflow the sums of squares these methods need: the series is shown, not "
            "analysed."
        )
        out.n = int(np.isfinite(y).sum())
        return out
    gaps = int(np.isnan(y).sum())
    out.n = len(y) - gaps
    if gaps and gaps > MAX_FILLED * len(y):
        out.period_reason = (
            f"{gaps} of {len(y)} periods have no value (more than {MAX_FILLED:.0%}): too many to fill in, so there is "
            "no decomposition or stationarity test; the autocorrelations use the pairs of periods that have values."
        )
        if out.n >= MIN_TESTED:
            out.acf = autocorrelation(y, conf_level, None)
        return out
    if gaps:
        known = ~np.isnan(y)
        y = np.interp(np.arange(len(y)), np.flatnonzero(known), y[known])
        out.filled = gaps
    out.period, out.period_reason, out.strengths, out.decomposition = infer_period(y, resolution, out.periods)
    if len(y) >= MIN_TESTED and np.ptp(y) > 0:
        out.acf = autocorrelation(y, conf_level, out.period)
        out.adf, out.kpss = adf_test(y, alpha), kpss_test(y, alpha)
        out.verdict = verdict(out.adf, out.kpss)
    elif np.ptp(y) == 0:
        out.notes.append("The series is constant: nothing to decompose or test.")
    else:
        out.notes.append(f"Only {len(y)} periods: too few for autocorrelations and stationarity tests.")
    return out


def infer_period(
    y: np.ndarray, resolution: str, periods: list[str]
) -> tuple[int | None, str, dict[str, float], Decomposition | None]:
    """The seasonal period for `resolution` (see the module docstring), why, each candidate's seasonal strength and
    the STL decomposition at the chosen period (None without a usable period)."""
    unit = {"minute": "minutes", "hour": "hours", "day": "days", "month": "months", "quarter": "quarters"}.get(
        resolution, resolution + "s"
    )
    options = CANDIDATES.get(resolution, ())
    if not options:
        return None, f"the periods are {unit}, so there is no seasonal cycle within a year to look for.", {}, None
    usable = [p for p in options if len(y) >= 2 * p]
    if not usable:
        shortest = min(options)
        return (
            None,
            f"{_a(CYCLE[shortest])} cycle of {shortest} {unit} needs at least {2 * shortest} {unit} (two full cycles); "
            f"the series has {len(y)}.",
            {},
            None,
        )
    short = stl(y, usable[0], periods)
    strengths = {str(usable[0]): short.seasonal_strength}
    best, chosen = usable[0], short
    reason = f"{best} {unit}: {_a(CYCLE[best])} cycle, as the periods are {unit}"
    if len(usable) > 1:
        long, name, short_name = usable[1], CYCLE[usable[1]], CYCLE[usable[0]]
        rest = y - np.asarray(short.seasonal)
        r, band = lag_autocorrelation(rest, long)
        # a longer period always fits at least as well (more free positions; 168 hours contain 24, and STL finds
        # some pattern in noise), so it must show in what the shorter cycle leaves: an autocorrelation at its lag
        # beyond the noise band, and a seasonal strength there above the shorter cycle's
        beyond = stl(rest, long, periods).seasonal_strength if r is not None and r > band else None
        if r is None:
            reason += f"; the series is too short to confirm {_a(name)} cycle ({long} {unit})"
        elif beyond is None:
            reason += (
                f"; once the {short_name} cycle and the trend are removed, the autocorrelation at lag {long} is "
                f"{abs(r) if abs(r) < 0.005 else r:.2f}, within the ±{band:.2f} noise band, so there is no sign of "
                f"{_a(name)} cycle"
            )
        else:
            strengths[str(long)] = beyond
            if beyond > short.seasonal_strength:
                best, chosen = long, stl(y, long, periods)
                reason = (
                    f"{long} {unit}: {_a(name)} cycle. Once the {short_name} cycle and the trend are removed, the "
                    f"autocorrelation at lag {long} is {r:.2f} (beyond the ±{band:.2f} noise band) and the {name} "
                    f"seasonal strength {beyond:.2f} beats the {short_name} cycle's {short.seasonal_strength:.2f}"
                )
            else:
                reason += (
                    f"; its seasonal strength {short.seasonal_strength:.2f} beats the {name} cycle's {beyond:.2f} "
                    f"(measured once the {short_name} cycle is removed)"
                )
    skipped = [p for p in options if p not in usable]
    if skipped:
        p = skipped[0]
        reason += f"; {_a(CYCLE[p])} cycle ({p} {unit}) needs {2 * p} {unit} and the series has {len(y)}"
    return best, reason + ".", strengths, chosen


def lag_autocorrelation(y: np.ndarray, lag: int) -> tuple[float | None, float]:
    """The autocorrelation at `lag` of `y` minus its centred moving average over `lag` periods (2 × `lag` when even,
    as classical decomposition detrends), and the ±z(0.975)/√m noise band on the m detrended values; (None, band)
    with fewer than 30 pairs at that lag."""
    weights = np.ones(lag) / lag if lag % 2 else np.r_[0.5, np.ones(lag - 1), 0.5] / lag
    half = len(weights) // 2
    d = y[half : len(y) - half] - np.convolve(y, weights, mode="valid")
    band = 1.959963984540054 / math.sqrt(max(len(d), 1))
    if len(d) - lag < 30:
        return None, band
    d = d - d.mean()
    total = dot(d, d)
    return (dot(d[lag:], d[:-lag]) / total if total > 0 else 0.0), band


def stl(y: np.ndarray, period: int, periods: list[str] | None = None) -> Decomposition:
    """STL of `y` with `period` (statsmodels' defaults), with the trend and seasonal strengths."""
    trend, seasonal, remainder = tsa.stl(y, period)
    out = Decomposition(period, trend.tolist(), seasonal.tolist(), remainder.tolist())
    cycles = len(y) // period
    k = max(1, cycles // 5)  # the first and last fifth of the full cycles (at least one each)
    first, last = seasonal[: k * period], seasonal[(cycles - k) * period : cycles * period]
    out.swings = tuple(float(np.mean(np.ptp(part.reshape(k, period), axis=1))) for part in (first, last))
    out.levels = (float(trend[: k * period].mean()), float(trend[(cycles - k) * period : cycles * period].mean()))
    out.swing_cycles = k
    out.trend_strength = strength(remainder, trend + remainder)
    out.seasonal_strength = strength(remainder, seasonal + remainder)
    labels = [season_label(p, period) for p in periods] if periods else [f"{i % period:04d}" for i in range(len(y))]
    positions: dict[str, list[float]] = {}
    for label, s in zip(labels, seasonal, strict=True):
        positions.setdefault(label, []).append(float(s))
    ordered = sorted(positions, key=lambda k: _season_order(k, period))
    out.season_labels = ordered
    out.season_means = [float(np.mean(positions[k])) for k in ordered]
    return out


def strength(remainder: np.ndarray, component_plus_remainder: np.ndarray) -> float:
    """max(0, 1 − Var(R) / Var(C + R)) (FPP3 §4.3); 0 when C + R does not vary.

    >>> strength(np.array([1.0, -1.0, 1.0, -1.0]), np.array([3.0, -3.0, 3.0, -3.0]))
    0.8888888888888888
    """
    total = float(np.var(component_plus_remainder, ddof=1))
    return max(0.0, 1.0 - float(np.var(remainder, ddof=1)) / total) if total > 0 else 0.0


def autocorrelation(y: np.ndarray, conf_level: float, period: int | None) -> Autocorrelation | None:
    """R's `acf(y)` (lags to max(⌊10 log10 n⌋, 2 × period)) with the white-noise band; NaN values skipped pairwise.
    None when not even lag 1 is computable."""
    from edakit.stats.distfuncs import norm

    n = int(np.isfinite(y).sum())
    nlags = max(int(math.floor(10 * math.log10(max(n, 1)))), 2 * period if period else 0)
    nlags = min(nlags, len(y) - 1, MAX_LAGS)
    with np.errstate(all="ignore"):
        values = tsa.acf(y, nlags)[1:]
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:  # a lag without pairs of values (or an overflow): the lags before it only
        values, nlags = values[: bad[0]], int(bad[0])
    if nlags == 0:
        return None
    band = float(norm.ppf((1 + conf_level) / 2) / math.sqrt(n))
    lags = list(range(1, nlags + 1))
    out = Autocorrelation(lags, [float(v) for v in values], band, conf_level, n)
    out.outside = [lag for lag, v in zip(lags, values, strict=True) if abs(v) > band]
    return out


def adf_test(y: np.ndarray, alpha: float = 0.05) -> StationarityTest:
    """Augmented Dickey-Fuller with constant and trend and ⌊(n − 1)^(1/3)⌋ lags, as R's `tseries::adf.test`."""
    k = int(math.floor((len(y) - 1) ** (1 / 3)))
    stat, p, lags, nobs, crit = tsa.adf(y, k)
    out = StationarityTest(
        method="Augmented Dickey-Fuller test (constant and trend; MacKinnon's p-value)",
        statistic=stat,
        p_value=p,
        alternative="stationary",
        conf_level=None,
        n=nobs,
        null="the series has a unit root: it wanders, and a shock to it never dies out",
        lags=lags,
        critical_values=crit,
    )
    out.rejected = out.p_value is not None and out.p_value < alpha
    return out


def kpss_test(y: np.ndarray, alpha: float = 0.05) -> StationarityTest:
    """KPSS for trend stationarity with lag ⌊4 (n/100)^(1/4)⌋, as R's `tseries::kpss.test(null = "Trend")`."""
    lag = int(math.floor(4 * (len(y) / 100) ** 0.25))
    stat, p, crit = tsa.kpss(y, lag)
    bound = "below" if p == tsa.KPSS_P[-1] else "above" if p == tsa.KPSS_P[0] else None  # beyond the table
    out = StationarityTest(
        method="KPSS test of trend stationarity (table p-value, between 0.01 and 0.10)",
        statistic=stat,
        p_value=p,
        alternative="unit root",
        conf_level=None,
        n=len(y),
        null="the series is stationary around a straight-line trend: its swings around the trend die out",
        lags=lag,
        critical_values=crit,
        p_bound=bound,
    )
    out.rejected = p < alpha
    return out


def verdict(adf: StationarityTest, kpss: StationarityTest) -> str:
    """What the pair says: ADF rejects a unit root and KPSS keeps trend stationarity -> trend-stationary, etc."""
    if adf.rejected and not kpss.rejected:
        return "trend-stationary"
    if kpss.rejected and not adf.rejected:
        return "unit root"
    return "conflicting" if adf.rejected else "inconclusive"


def _a(word: str) -> str:
    """'an hourly', 'a daily'."""
    return ("an " if word[0] in "aeiou" or word.startswith("hour") else "a ") + word


def season_label(iso: str, period: int) -> str:
    """The position in the cycle of the period starting at `iso` (a month name for period 12, a weekday for 7...)."""
    t = dt.datetime.fromisoformat(iso)
    if period == 12:
        return calendar.month_abbr[t.month]
    if period == 4:
        return f"Q{(t.month - 1) // 3 + 1}"
    if period == 7:
        return calendar.day_abbr[t.weekday()]
    if period == 365:
        return calendar.month_abbr[t.month]  # days of a year, summarised by month
    if period == 24:
        return f"{t.hour:02d}:00"
    if period == 168:
        return f"{calendar.day_abbr[t.weekday()]} {t.hour:02d}:00"
    if period == 60:
        return f":{t.minute:02d}"
    return f"{t.hour:02d}:{t.minute:02d}"


def _season_order(label: str, period: int) -> Any:
    if period in (12, 365):
        return list(calendar.month_abbr).index(label)
    if period == 7:
        return list(calendar.day_abbr).index(label)
    if period == 168:
        day, hour = label.split(" ")
        return list(calendar.day_abbr).index(day), hour
    return label
