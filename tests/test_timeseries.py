"""The time-series view: each numeric column against the date/time column, checked against R's documented output,
closed forms computed here with numpy, and statsmodels called directly on the same series; and the page it lays out.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import numpy as np
import polars as pl
import pytest

import edakit
import edakit.loader
from edakit import csv_read
from edakit.engine.timeseries import choose_resolution, grid_size
from edakit.model import Report
from edakit.stats.timeseries import analyse_series, infer_period, strength


@pytest.fixture(scope="module")
def air() -> Report:
    return edakit.report("airpassengers")


def test_airpassengers_acf_matches_r(air: Report) -> None:
    # R: acf(AirPassengers, plot = FALSE): lag 1 0.948, lag 2 0.876, lag 12 0.760; lag.max = 10 log10(144) -> 21,
    # here 24 = two 12-month cycles. Band of plot.acf: qnorm(0.975) / sqrt(144) = 0.1633.
    s = air.timeseries.series[0]
    assert s.column == "passengers" and s.period == 12
    assert s.acf.values[0] == pytest.approx(0.948, abs=5e-4)
    assert s.acf.values[1] == pytest.approx(0.876, abs=5e-4)
    assert s.acf.values[11] == pytest.approx(0.760, abs=5e-4)
    assert s.acf.band == pytest.approx(1.959964 / 12, rel=1e-6)
    assert s.acf.lags == list(range(1, 25))
    # the closed form r_k = sum (y_t - m)(y_{t+k} - m) / sum (y_t - m)^2 on the same values
    y = np.array(s.values, dtype=float)
    d = y - y.mean()
    assert s.acf.values[4] == pytest.approx(float(d[5:] @ d[:-5] / (d @ d)), rel=1e-10)


def test_airpassengers_adf_matches_r_and_the_regression(air: Report) -> None:
    # R: tseries::adf.test(AirPassengers) -> Dickey-Fuller = -7.3186, Lag order = 5 (p-value 0.01, table-bounded).
    s = air.timeseries.series[0]
    assert s.adf.statistic == pytest.approx(-7.3186, abs=5e-5)
    assert s.adf.lags == 5 and s.adf.rejected
    # the same statistic from the regression written out: diff(y) on 1, t, y[t-1] and 5 lagged differences
    y = np.array(s.values, dtype=float)
    k, dy = 5, np.diff(y)
    rows = range(k, len(dy))
    x = np.array([[1.0, t + k + 1, y[t], *dy[t - k : t][::-1]] for t in rows])
    target = dy[k:]
    beta, *_ = np.linalg.lstsq(x, target, rcond=None)
    resid = target - x @ beta
    sigma2 = resid @ resid / (len(target) - x.shape[1])
    se = math.sqrt(sigma2 * np.linalg.inv(x.T @ x)[2, 2])
    assert s.adf.statistic == pytest.approx(beta[2] / se, rel=1e-9)


def test_kpss_matches_its_formula_and_statsmodels(air: Report) -> None:
    from statsmodels.tsa.stattools import kpss

    s = air.timeseries.series[0]
    y = np.array(s.values, dtype=float)
    n, lag = len(y), math.floor(4 * (len(y) / 100) ** 0.25)  # tseries' short lag: 4 for n = 144
    t = np.arange(1, n + 1)
    e = y - np.polyval(np.polyfit(t, y, 1), t)  # residuals of y on a constant and a trend
    s2 = e @ e / n + 2 / n * sum((1 - j / (lag + 1)) * (e[j:] @ e[:-j]) for j in range(1, lag + 1))
    eta = float(np.sum(np.cumsum(e) ** 2) / (n**2 * s2))
    assert s.kpss.statistic == pytest.approx(eta, rel=1e-9)
    with pytest.warns(Warning):  # statsmodels says the p-value lies beyond its table
        stat = kpss(y, regression="ct", nlags=lag, result_object=False)[0]
    assert s.kpss.statistic == pytest.approx(stat, rel=1e-12)
    assert s.kpss.lags == 4
    assert s.kpss.p_bound == "above" and not s.kpss.rejected  # 0.096 < 0.119, the 10 % critical value
    assert s.verdict == "trend-stationary"


def test_stl_components_add_up_and_strengths_follow_their_formula(air: Report) -> None:
    s = air.timeseries.series[0]
    d = s.decomposition
    y = np.array(s.values, dtype=float)
    total = np.array(d.trend) + np.array(d.seasonal) + np.array(d.remainder)
    assert np.allclose(total, y, rtol=0, atol=1e-9)
    r = np.array(d.remainder)
    expected = 1 - np.var(r, ddof=1) / np.var(np.array(d.seasonal) + r, ddof=1)
    assert d.seasonal_strength == pytest.approx(expected, rel=1e-12)
    assert d.season_labels[:3] == ["Jan", "Feb", "Mar"] and len(d.season_labels) == 12
    assert d.season_labels[int(np.argmax(d.season_means))] == "Jul"  # the summer peak of the Box-Jenkins series
    seasonal, trend = np.array(d.seasonal), np.array(d.trend)
    # 12 cycles: the first and last fifth are 2 cycles each, 1949-50 and 1959-60
    assert d.swing_cycles == 2
    first = (np.ptp(seasonal[:12]) + np.ptp(seasonal[12:24])) / 2
    assert d.swings == pytest.approx((first, (np.ptp(seasonal[-24:-12]) + np.ptp(seasonal[-12:])) / 2), rel=1e-12)
    assert d.levels == pytest.approx((trend[:24].mean(), trend[-24:].mean()), rel=1e-12)
    assert d.swings[1] > 1.5 * d.swings[0] and d.levels[1] > 1.5 * d.levels[0]  # the swings grow with the level


def test_stl_recovers_a_known_pattern() -> None:
    # y = 10 + 0.5 t + 5 sin(2 pi t / 12): the seasonal part peaks at t = 3 (April when t = 0 is January)
    periods = [f"{2000 + i // 12}-{i % 12 + 1:02d}-01" for i in range(96)]
    t = np.arange(96)
    y = 10 + 0.5 * t + 5 * np.sin(2 * np.pi * t / 12) + np.random.default_rng(2).normal(0, 0.05, 96)
    s = analyse_series("y", "month", "month", periods, y.tolist(), [1] * 96)
    d = s.decomposition
    assert s.period == 12 and d.seasonal_strength > 0.99 and d.trend_strength > 0.99
    assert d.season_labels[int(np.argmax(d.season_means))] == "Apr"
    assert np.allclose(d.seasonal[12:-12], (5 * np.sin(2 * np.pi * t / 12))[12:-12], atol=0.1)


def test_period_is_inferred_from_the_resolution() -> None:
    rng = np.random.default_rng(3)
    days = [(dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(3 * 365)]
    t = np.arange(len(days))
    yearly = 10 * np.sin(2 * np.pi * t / 365) + rng.normal(0, 1, len(t))
    period, reason, strengths, _ = infer_period(yearly, "day", days)
    assert period == 365 and set(strengths) == {"7", "365"} and "yearly" in reason
    weekly = 3 * np.isin(t % 7, [5, 6]) + rng.normal(0, 0.5, len(t))
    period, reason, _, _ = infer_period(weekly[:200], "day", days[:200])
    assert period == 7 and "730 days" in reason  # 365 needs two years; said so
    noise = rng.normal(0, 1, len(t))
    period, reason, _, _ = infer_period(noise, "day", days)
    assert period == 7 and "no sign of a yearly cycle" in reason  # STL alone would fit a "yearly" pattern to noise
    hours = [(dt.datetime(2024, 3, 1) + dt.timedelta(hours=h)).isoformat() for h in range(720)]
    h = np.arange(720)
    both = 10 * np.sin(2 * np.pi * h / 24) + 8 * (h % 168 > 120) + rng.normal(0, 1, 720)  # daily cycle, weekends
    assert infer_period(both, "hour", hours)[0] == 168
    assert infer_period(np.arange(20.0), "year", [])[0] is None
    assert infer_period(np.arange(10.0), "quarter", [])[0] == 4
    assert infer_period(np.arange(7.0), "quarter", [])[0] is None  # fewer than two cycles


def test_strength_closed_form() -> None:
    r = np.array([1.0, -1.0, 1.0, -1.0])
    assert strength(r, 3 * r) == pytest.approx(1 - 1 / 9)
    assert strength(r, r) == 0.0


def test_resolution_from_span_and_distinct_count() -> None:
    assert grid_size(dt.date(1949, 1, 1), dt.date(1960, 12, 1), "month") == 144
    assert grid_size(dt.datetime(2020, 1, 1, 0, 30), dt.datetime(2020, 1, 2, 0, 0), "hour") == 25
    assert choose_resolution(dt.date(1949, 1, 1), dt.date(1960, 12, 1), 144) == ("month", "month")
    assert choose_resolution(dt.date(1973, 5, 1), dt.date(1973, 9, 30), 153) == ("day", "day")
    # a year of timestamps to the second: natural minutes, grouped into days (at most 1,500 points)
    assert choose_resolution(dt.datetime(2023, 1, 1), dt.datetime(2023, 12, 31, 23), 900_000) == ("day", "minute")
    assert choose_resolution(dt.date(2020, 1, 1), dt.date(2020, 1, 3), 3) is None  # too few periods


def test_engine_means_per_period_equal_a_group_by_by_hand() -> None:
    rng = np.random.default_rng(11)
    n = 3_000
    seconds = np.sort(rng.integers(0, 60 * 86400, n))
    stamps = [dt.datetime(2024, 1, 1) + dt.timedelta(seconds=int(s)) for s in seconds]
    x = rng.normal(size=n)
    x[::7] = np.nan  # missing values are left out of the means
    frame = pl.DataFrame({"when": stamps, "x": x, "k": rng.integers(0, 50, n)}).with_columns(pl.col("x").fill_nan(None))
    rep = edakit.report(frame)
    r = rep.timeseries
    assert r.time_column == "when" and r.resolution == "day"
    by_day: dict[str, list[float]] = {}
    for s, v in zip(stamps, x, strict=True):
        if not math.isnan(v):
            by_day.setdefault(s.date().isoformat(), []).append(float(v))
    s = next(s for s in r.series if s.column == "x")
    assert s.aggregate == "mean" and len(s.periods) == 60
    for period, value in zip(s.periods, s.values, strict=True):
        assert value == pytest.approx(float(np.mean(by_day[period])), rel=1e-12)


def test_many_numeric_columns_are_capped_and_named() -> None:
    rng = np.random.default_rng(5)
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=i) for i in range(60)]
    frame = pl.DataFrame({"day": days, **{f"m{i}": rng.normal(size=60) for i in range(8)}})
    rep = edakit.report(frame)
    assert [s.column for s in rep.timeseries.series] == [f"m{i}" for i in range(6)]
    assert rep.timeseries.left_out == ["m6", "m7"]
    section = next(s for s in rep.sections if s.id == "timeseries")
    assert any("left out: m6, m7" in note for note in section.notes)


def test_airquality_date_parts_and_gaps() -> None:
    rep = edakit.report("airquality")
    r = rep.timeseries
    assert r.resolution == "day" and [s.column for s in r.series] == ["Ozone", "Solar.R", "Wind", "Temp"]
    assert any(n.endswith("get no series: Day.") for n in r.notes)  # Month is a categorical code, no measurement
    ozone = r.series[0]  # 37 of 153 days missing: no decomposition, autocorrelation on the pairs present
    assert ozone.decomposition is None and ozone.adf is None and "37 of 153" in ozone.period_reason
    from statsmodels.tsa.stattools import acf

    values = np.array([np.nan if v is None else v for v in ozone.values])
    expected = acf(values, nlags=len(ozone.acf.lags), missing="conservative")[1:]
    assert np.allclose(ozone.acf.values, expected, rtol=1e-12)
    solar = r.series[1]  # 7 missing days, filled by interpolation
    assert solar.filled == 7 and solar.period == 7 and "730 days" in solar.period_reason


def test_json_round_trip_keeps_the_time_series(air: Report) -> None:
    text = air.to_json()
    back = Report.from_json(text)
    assert back.timeseries == air.timeseries
    data = json.loads(text)["timeseries"]
    assert data["series"][0]["adf"]["kind"] == "StationarityTest"


def test_the_page_shows_the_time_series(air: Report) -> None:
    page = air.to_html()
    start = page.index('id="timeseries"')
    section = page[start : page.index("</section>", page.index("passengers over time", start))]
    svgs = re.findall(r"<svg.*?</svg>", section, flags=re.S)
    assert len(svgs) == 3  # series with trend, seasonal pattern, autocorrelations
    for svg in svgs:
        assert "<polyline" in svg or "<rect" in svg or "<line" in svg
        assert not re.search(r"(?<![a-z])(nan|inf)(?![a-z])", re.sub(r"<title.*?</title>", "", svg), flags=re.I)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", section, flags=re.S))
    s = air.timeseries.series[0]
    assert "At lag 1 the autocorrelation is 0.948" in text
    assert "24 of 24 lags lie outside" in text
    assert "ADF = -7.319" in text and "rejects a unit root" in text
    assert "does not reject trend stationarity" in text and "stationary around its trend" in text
    assert f"strength {s.decomposition.seasonal_strength:.2f}" in text and "highest in Jul" in text
    assert "lowest in 1949-11 (104) and highest in 1960-07 (622)" in text
    assert "the swings grow with the level (multiplicative seasonality)" in text  # min and max of R's AirPassengers


def test_a_regular_series_gets_no_flat_timeline(air: Report) -> None:
    chart = air.column("month").charts[0]
    assert chart.kind == "timeline" and chart.note and "exactly 1 row" in chart.note
    assert "Time series section" in chart.note


def test_hourly_time_zone_aware_series_finds_its_daily_cycle() -> None:
    # 30 days of hourly readings in UTC with a 24-hour cycle: both 24 (daily) and 168 (weekly) fit twice in 720
    # hours, but without the daily cycle nothing repeats at lag 168
    hours = 30 * 24
    stamps = [dt.datetime(2024, 3, 1, tzinfo=dt.UTC) + dt.timedelta(hours=h) for h in range(hours)]
    t = np.arange(hours)
    load = 50 + 10 * np.sin(2 * np.pi * t / 24) + np.random.default_rng(4).normal(0, 1, hours)
    rep = edakit.report(pl.DataFrame({"at": stamps, "load": load}))
    r = rep.timeseries
    assert (r.resolution, r.natural) == ("hour", "hour")
    s = r.series[0]
    assert s.period == 24 and "no sign of a weekly cycle" in s.period_reason
    assert s.decomposition.season_labels[int(np.argmax(s.decomposition.season_means))] == "06:00"  # sin peaks at 6 h


def test_no_time_column_no_section() -> None:
    rep = edakit.report("mtcars")
    assert rep.timeseries is None and not any(s.id == "timeseries" for s in rep.sections)


def test_duckdb_gives_the_same_series() -> None:
    import duckdb

    frame = edakit.datasets.load("airpassengers")  # noqa: F841 - read by duckdb's replacement scan
    rep = edakit.report(duckdb.sql("select * from frame"))
    s = rep.timeseries.series[0]
    assert rep.timeseries.resolution == "month" and s.period == 12
    assert s.acf.values[0] == pytest.approx(0.948, abs=5e-4)  # R: acf(AirPassengers) at lag 1


@pytest.mark.parametrize("engine", ["polars", "duckdb", "compact"])
@pytest.mark.parametrize("form", ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"])
def test_text_timestamps_grouped_before_parsing_give_the_means_by_hand(
    tmp_path, monkeypatch, engine: str, form: str
) -> None:
    # a CSV whose timestamps are text with few distinct values (4 a day for 30 days, 3,000 rows: at most
    # PARSE_DISTINCT of the rows): the engine groups the rows on the text first and parses only the distinct texts;
    # the daily means must equal numpy's on the raw rows. Also ISO with a Z for UTC (flights' time_hour), which
    # DuckDB's %z alone does not read. "compact": polars holds the timestamps as a Categorical (as a large file's,
    # `csv_read.compact_columns`), whose codes the rows are grouped on, and the whole numbers k as Int16, summed as
    # integers; k has no gap, so its count in a day is the day's rows
    if engine == "compact":
        monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    rng = np.random.default_rng(12)
    n = 3_000
    stamps = [dt.datetime(2024, 1, 1) + dt.timedelta(hours=6 * int(k)) for k in rng.integers(0, 30 * 4, n)]
    texts = [s.strftime(form) for s in stamps]
    texts[5] = f"  {texts[5]} "  # surrounding spaces: another text, the same instant
    x = rng.normal(100, 15, n).round(3)
    present = rng.random(n) > 0.1  # missing values are left out of the means
    k = rng.integers(-3_000, 3_000, n)
    rows = zip(texts, x, present, k, strict=True)
    lines = ["when,x,k"] + [f"{t},{v if p else ''},{whole}" for t, v, p, whole in rows]
    path = tmp_path / "stamps.csv"
    path.write_text("\n".join(lines) + "\n")
    if engine == "compact":
        held = getattr(edakit.loader.load(path).frame.to_native(), csv_read.COMPACT_ATTRIBUTE)
        assert held.schema["when"] == pl.Categorical and held.schema["k"] == pl.Int16
    rep = edakit.report(path) if engine != "duckdb" else edakit.report(path, engine="duckdb")
    r = rep.timeseries
    assert rep.column("when").role == "datetime" and rep.column("when").missing == 0
    assert r.time_column == "when" and r.resolution == "day"
    by_day: dict[str, list[float]] = {}
    for s, v, p in zip(stamps, x, present, strict=True):
        by_day.setdefault(s.date().isoformat(), []).extend([float(v)] if p else [])
    s = r.series[0]
    assert s.column == "x" and s.periods == sorted(by_day) and s.aggregate == "mean"
    assert np.allclose(s.values, [np.mean(by_day[p]) for p in s.periods], rtol=1e-12, atol=0)
    whole_by_day: dict[str, list[int]] = {}
    for s, whole in zip(stamps, k, strict=True):
        whole_by_day.setdefault(s.date().isoformat(), []).append(int(whole))
    s = r.series[1]
    assert s.column == "k" and s.periods == sorted(whole_by_day)
    assert np.allclose(s.values, [np.mean(whole_by_day[p]) for p in s.periods], rtol=1e-12, atol=0)
