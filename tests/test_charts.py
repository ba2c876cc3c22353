"""Charts: their inputs (engine counts, whiskers, QQ points) against R 4.2.2, and the drawn report.

Reference values: tests/r/charts.R → tests/r/charts.out (R 4.2.2: hist(right = FALSE, include.lowest = TRUE),
nclass.FD, qnorm(ppoints(n)), qqline's quartile line, Tukey whisker ends, missing-value pattern table).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
import sys
from collections import Counter
from types import SimpleNamespace

import duckdb
import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.config import ReportConfig
from edakit.engine import histogram
from edakit.engine.profile import profile
from edakit.model import Chart, Report
from edakit.pipeline import build_report
from edakit.render import charts
from edakit.schema import infer_schema
from edakit.stats.chartdata import MAX_QQ_POINTS, ppoints, qq_indices
from tests.conftest import DATASETS, ROOT, read_r_output

R = read_r_output("charts.out")
R_CASES = {  # R label -> (dataset, column)
    "penguins_body_mass_g": ("penguins", "body_mass_g"),
    "penguins_bill_length_mm": ("penguins", "bill_length_mm"),
    "rivers_length_miles": ("rivers", "length_miles"),
    "airquality_Ozone": ("airquality", "Ozone"),
    "airquality_Wind": ("airquality", "Wind"),
}


def _report(source, **options) -> Report:
    return build_report(source, ReportConfig(**options))


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: _report(name, correlations=False) for name in ("penguins", "rivers", "airquality")}


@pytest.fixture(scope="module")
def penguins_html(reports) -> str:
    return reports["penguins"].to_html()


def _chart(report: Report, column: str, kind: str) -> Chart:
    return next(c for c in report.column(column).charts if c.kind == kind)


# ---- chart inputs against R ------------------------------------------------------------------------------


@pytest.mark.parametrize("label", R_CASES)
def test_histogram_counts_match_r(reports, label: str) -> None:
    dataset, column = R_CASES[label]
    col = reports[dataset].column(column)
    data = _chart(reports[dataset], column, "histogram").data
    ref = R[f"{label}_counts"]
    assert data["counts"] == [int(ref[f"c{i}"]) for i in range(1, len(ref) + 1)]
    assert sum(data["counts"]) == col.numeric.n == R[label]["n"]  # bins hold every non-missing value


@pytest.mark.parametrize("label", R_CASES)
def test_bin_count_is_freedman_diaconis_like_r(reports, label: str) -> None:
    dataset, column = R_CASES[label]
    d = reports[dataset].column(column).numeric
    expected = min(max(int(R[label]["fd"]), histogram.MIN_BINS), histogram.MAX_BINS)
    assert histogram._bin_count(d.min, d.max, d.n, d.q25, d.q75) == expected


@pytest.mark.parametrize("label", R_CASES)
def test_box_inputs_match_r_and_describe(reports, label: str) -> None:
    dataset, column = R_CASES[label]
    d = reports[dataset].column(column).numeric
    box = _chart(reports[dataset], column, "box").data
    ref = R[label]
    assert (box["q25"], box["median"], box["q75"]) == (d.q25, d.median, d.q75)  # exactly the describe quartiles
    assert box["whisker_low"] == pytest.approx(ref["whisker_low"], rel=1e-12)
    assert box["whisker_high"] == pytest.approx(ref["whisker_high"], rel=1e-12)
    assert d.fence_low <= box["whisker_low"] <= box["q25"] and box["q75"] <= box["whisker_high"] <= d.fence_high
    assert (box["outliers_low"], box["outliers_high"]) == (ref["out_low"], ref["out_high"])
    assert all(v < d.fence_low or v > d.fence_high for v in box["outliers"])
    # these tables are smaller than the sample, so every value beyond the whiskers is drawn
    assert len(box["outliers"]) == ref["out_low"] + ref["out_high"]


@pytest.mark.parametrize("label", R_CASES)
def test_qq_line_is_rs_qqline(reports, label: str) -> None:
    dataset, column = R_CASES[label]
    qq = _chart(reports[dataset], column, "qq").data
    assert qq["slope"] == pytest.approx(R[label]["slope"], rel=1e-9)
    assert qq["intercept"] == pytest.approx(R[label]["intercept"], rel=1e-9)
    assert qq["n"] == R[label]["n"] and not qq["sampled"]


@pytest.mark.parametrize("n", [7, 15])
def test_qq_positions_are_qnorm_ppoints(n: int) -> None:
    from scipy.special import ndtri

    ref = R[f"qq{n}"]
    ours = ndtri(ppoints(n)).tolist()
    assert ours == pytest.approx([ref[f"z{i}"] for i in range(1, n + 1)], rel=1e-9, abs=1e-12)


def test_qq_thinning_keeps_both_tails() -> None:
    idx = qq_indices(10_000)
    assert len(idx) <= MAX_QQ_POINTS and idx[0] == 0 and idx[-1] == 9_999
    assert list(idx[:25]) == list(range(25)) and list(idx[-25:]) == list(range(9_975, 10_000))


def test_box_and_qq_share_one_sort_and_equal_numpy_on_the_raw_sample() -> None:
    """The column's box outliers and QQ points come from one sort of the sample: the same numbers as sorting the
    raw, shuffled values (with missing and infinite ones) with numpy and taking scipy's normal quantiles."""
    from scipy import stats

    from edakit.model import ColumnReport
    from edakit.sections.charts import column_charts
    from edakit.stats.descriptive import describe

    rng = np.random.default_rng(3)
    raw = np.concatenate([rng.lognormal(0, 1, 997), [np.inf, -np.inf, np.nan]])
    rng.shuffle(raw)
    finite = np.sort(raw[np.isfinite(raw)])
    col = ColumnReport(name="x", role="numeric", dtype="Float64", role_reason="", rows=1000, missing=3, distinct=997)
    col.numeric = describe(finite)
    box, qq = column_charts(col, {}, pl.Series("x", raw), False)[1:]
    q1, q3 = np.quantile(finite, [0.25, 0.75])
    high = finite[finite > q3 + 1.5 * (q3 - q1)]
    assert box.data["outliers"][-1] == finite[-1] and set(box.data["outliers"]) <= set(high)
    assert len(box.data["outliers"]) == min(high.size, 50)
    keep = qq_indices(finite.size)
    assert qq.data["sample"] == finite[keep].tolist() and qq.data["n"] == 997
    assert qq.data["theoretical"] == pytest.approx(stats.norm.ppf(ppoints(997)[keep]), rel=1e-12)
    # the tails' mean distance from the line (in IQRs), from every point's normal quantile
    probs = ppoints(997)
    line = qq.data["intercept"] + qq.data["slope"] * stats.norm.ppf(probs)
    resid = (finite - line) / (col.numeric.q75 - col.numeric.q25)
    assert qq.data["tail_low"] == pytest.approx(resid[probs < 0.1].mean(), rel=1e-12)
    assert qq.data["tail_high"] == pytest.approx(resid[probs > 0.9].mean(), rel=1e-12)


def test_columns_of_one_size_share_the_normal_scores_and_keep_their_own_points() -> None:
    """Two columns with as many sampled values take the normal quantiles from one computation (`normal_scores`),
    each QQ plot still scipy's on its own values; the shared arrays cannot be written."""
    from scipy import stats

    from edakit.model import ColumnReport
    from edakit.sections.charts import column_charts
    from edakit.stats.chartdata import normal_scores
    from edakit.stats.descriptive import describe

    rng = np.random.default_rng(8)
    n = 4_003
    normal_scores.cache_clear()
    for raw in (rng.normal(size=n), rng.exponential(size=n) ** 2):
        ordered = np.sort(raw)
        col = ColumnReport(name="x", role="numeric", dtype="Float64", role_reason="", rows=n, missing=0, distinct=n)
        col.numeric = describe(ordered)
        qq = column_charts(col, {}, pl.Series("x", raw), False)[2].data
        keep, probs = qq_indices(n), ppoints(n)
        assert qq["sample"] == ordered[keep].tolist()
        assert qq["theoretical"] == pytest.approx(stats.norm.ppf(probs[keep]), rel=1e-12)
        resid = (ordered - (qq["intercept"] + qq["slope"] * stats.norm.ppf(probs))) / (
            col.numeric.q75 - col.numeric.q25
        )
        assert qq["tail_low"] == pytest.approx(resid[probs < 0.1].mean(), rel=1e-12)
        assert qq["tail_high"] == pytest.approx(resid[probs > 0.9].mean(), rel=1e-12)
    assert normal_scores.cache_info().misses == 1 and normal_scores.cache_info().hits == 1
    with pytest.raises(ValueError):
        normal_scores(n).tail_z[0] = 0.0


@pytest.mark.parametrize(
    ("dtype", "low", "top"),
    [
        (pl.Int16, -30_000, 30_000),
        (pl.UInt8, 0, 255),
        (pl.Int8, -128, 127),  # offsets from the lowest value that would wrap in the values' own type
        (pl.Int64, -(2**62), 2**62),  # a span far wider than the values: sorted, not counted
        (pl.Int64, 2**63 - 3_000, 2**63 - 1),  # counted, beyond 2^53
        (pl.UInt64, 2**64 - 3_000, 2**64 - 1),
        (pl.Int32, -40, 2_000),  # counted: delays, minutes
    ],
)
def test_whole_numbers_sorted_as_held_equal_numpys_sort_of_their_floats(dtype: pl.DataType, low: int, top: int) -> None:
    """`finite_sorted` orders an integer sample as it is held (counted over a narrow span, else sorted) and turns it
    into floats after: the same array as numpy sorting the values as floats, missing ones left out; 64-bit values
    beyond 2^53 too (rounding keeps the order)."""
    from edakit.stats.chartdata import finite_sorted

    rng = np.random.default_rng(9)
    drawn = rng.integers(low, top, 5_000, endpoint=True, dtype=np.uint64 if dtype == pl.UInt64 else np.int64)
    values = pl.Series("x", drawn, dtype=dtype)
    values = pl.select(pl.when(pl.int_range(5_000) % 7 == 0).then(None).otherwise(values)).to_series()
    expected = np.sort(np.array([float(v) for v in values.to_list() if v is not None]))
    found = finite_sorted(values)
    assert found.dtype == np.float64 and found.size == 5_000 - 715
    np.testing.assert_array_equal(found, expected)


def test_missing_patterns_match_r(reports) -> None:
    data = reports["penguins"].charts[1].data
    names = sorted(R["pattern_columns"], key=R["pattern_columns"].get)
    assert data["columns"] == names
    ref = {k.removeprefix("p"): int(v) for k, v in R["patterns"].items()}
    ours = {"".join("1" if m else "0" for m in p): c for p, c in zip(data["patterns"], data["counts"], strict=True)}
    assert ours == ref and data["other_rows"] == 0


def test_missing_chart_counts_every_column(reports) -> None:
    rep = reports["penguins"]
    data = rep.charts[0].data
    assert data["columns"] == [c.name for c in rep.columns]
    assert data["missing"] == [c.missing for c in rep.columns]
    assert sum(data["missing"]) == rep.overview.missing_cells


def test_bars_carry_wilson_intervals_and_other(reports) -> None:
    col = reports["penguins"].column("species")
    data = _chart(reports["penguins"], "species", "bars").data
    assert data["labels"] == [str(t.value) for t in col.top_values]
    assert data["ci_low"] == [t.ci[0] for t in col.top_values] and data["other"] is None


def test_engine_chart_aggregates_same_on_duckdb() -> None:
    df = pl.read_csv(DATASETS / "airquality.csv", null_values="NA")
    results = []
    for frame in (nw.from_native(df.lazy()), nw.from_native(duckdb.sql("select * from df"))):
        summary = profile(frame, infer_schema(frame))
        results.append({name: s.chart for name, s in summary.columns.items()})
        results[-1]["patterns"] = summary.missing_patterns
    polars_result, duckdb_result = results
    for name in ("Ozone", "Wind", "Temp"):
        assert duckdb_result[name]["hist_counts"] == polars_result[name]["hist_counts"]
        assert duckdb_result[name]["whisker_low"] == pytest.approx(polars_result[name]["whisker_low"])
        assert duckdb_result[name]["whisker_high"] == pytest.approx(polars_result[name]["whisker_high"])
    assert duckdb_result["patterns"] == polars_result["patterns"]


def test_timeline_counts_on_both_engines() -> None:
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=int(d)) for d in np.random.default_rng(1).integers(0, 400, 500)]
    days[:3] = [None, None, None]
    df = pl.DataFrame({"day": days})
    expected: dict[dt.date, int] = {}
    for d in days[3:]:
        monday = d - dt.timedelta(days=d.weekday())
        expected[monday] = expected.get(monday, 0) + 1
    for frame in (nw.from_native(df.lazy()), nw.from_native(duckdb.sql("select * from df"))):
        lo, hi = min(days[3:]), max(days[3:])
        got = histogram.time_counts(frame, "day", lo, hi)
        assert got["resolution"] == "week"
        ours = dict(zip(got["periods"], got["counts"], strict=True))
        assert {dt.date.fromisoformat(p): c for p, c in ours.items() if c} == expected
        assert sum(got["counts"]) == 497
        weeks = [dt.date.fromisoformat(p) for p in got["periods"]]
        assert all(b - a == dt.timedelta(days=7) for a, b in zip(weeks, weeks[1:], strict=False))  # gaps are zeros


def test_month_ticks_among_weeks_sit_at_the_first_of_the_month() -> None:
    """Weeks start on Monday, months mostly mid-week: a month's tick sits at its first day's place on the axis of
    week indexes, (first of the month - first Monday) / 7 weeks, as a calendar gives it."""
    from edakit.render.timeseries_charts import date_ticks

    monday = dt.date(2012, 12, 31)
    weeks = [(monday + dt.timedelta(weeks=k)).isoformat() for k in range(60)]  # to 2014-02-10
    ticks = date_ticks(weeks, max_ticks=20)
    firsts = [dt.date(2013 + m // 12, m % 12 + 1, 1) for m in range(14)]  # 2013-01-01 to 2014-02-01
    assert ticks.unit == "month" and ticks.context == ""
    assert ticks.positions == pytest.approx([(d - monday).days / 7 for d in firsts])
    months = ["Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert ticks.labels == ["Jan 2013", *months, "Jan 2014", "Feb"]


def _days(start: dt.date, n: int) -> list[str]:
    return [(start + dt.timedelta(days=k)).isoformat() for k in range(n)]


def _months(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}-01" for y in range(first, last + 1) for m in range(1, 13)]


@pytest.mark.parametrize(
    ("periods", "labels", "context"),
    [
        ([f"{y}-01-01" for y in range(1700, 2000, 10)], ["1700", "1750", "1800", "1850", "1900", "1950"], ""),
        (_months(1999, 2009), ["2000", "2002", "2004", "2006", "2008"], ""),
        ([f"2020-{m:02d}-01" for m in range(3, 13)], ["Mar 2020", "May", "Jul", "Sep", "Nov"], ""),
        (_days(dt.date(2020, 1, 20), 40), ["Jan 22", "Feb 1", "Feb 8", "Feb 15", "Feb 22"], "2020"),  # no Jan 29
        ([f"2013-01-01T{h:02d}:00:00" for h in range(24)], ["Jan 1", "06:00", "12:00", "18:00"], "2013-01-01"),
        ([f"2013-01-01T05:{m:02d}:00" for m in range(50)], ["05:00", "05:10", "05:20", "05:30", "05:40"], "2013-01-01"),
    ],
    ids=["decades", "months-of-a-decade", "months-of-a-year", "days", "hours-of-a-day", "minutes"],
)
def test_date_ticks_mark_round_calendar_units(periods: list[str], labels: list[str], context: str) -> None:
    from edakit.render.timeseries_charts import date_ticks

    ticks = date_ticks(periods, max_ticks=6)
    assert ticks.labels == labels and ticks.context == context


def test_timeline_draws_bars_for_few_periods_and_steps_for_many() -> None:
    years = {"resolution": "year", "periods": [f"{y}-01-01" for y in range(2001, 2011)]}
    counts = [0, 3, 5, 8, 8, 2, 0, 1, 4, 6]
    svg = str(charts.render_chart(Chart("timeline", "t", data={**years, "counts": counts})))
    bars = [tuple(map(float, b)) for b in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h", svg)]
    with_rows = [i for i, c in enumerate(counts) if c]
    assert len(bars) == len(with_rows)  # one bar per year with rows, heights in proportion to the counts
    assert [b[3] / bars[0][3] for b in bars] == pytest.approx([counts[i] / 3 for i in with_rows], abs=0.05)
    centres = {str(2001 + i): x + width / 2 for i, (x, _, width, _) in zip(with_rows, bars, strict=True)}
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d{4})</text>', svg)
    assert len(labels) >= 3 and all(abs(float(x) - centres[year]) < 0.2 for x, year in labels)  # under its bar
    many = {"resolution": "month", "periods": _months(2001, 2010)}
    svg = str(charts.render_chart(Chart("timeline", "t", data={**many, "counts": list(range(1, 121))})))
    outline = re.findall(r'<path d="(M[^"]+)" fill="none"', svg)
    assert len(outline) == 1 and outline[0].count("H") == 120  # one step per month
    assert re.findall(r">(\d{4})</text>", svg) == ["2002", "2004", "2006", "2008", "2010"]


@pytest.mark.parametrize(
    ("span", "unit"),
    [
        (dt.timedelta(minutes=90), "minute"),
        (dt.timedelta(days=2), "hour"),
        (dt.timedelta(days=60), "day"),
        (dt.timedelta(days=700), "week"),
        (dt.timedelta(days=3000), "month"),
        (dt.timedelta(days=365 * 40), "quarter"),
        (dt.timedelta(days=365 * 300), "year"),
    ],
)
def test_time_resolution_follows_the_span(span: dt.timedelta, unit: str) -> None:
    start = dt.datetime(1900, 1, 1)
    assert histogram.time_resolution(start, start + span) == unit


def test_histogram_edges_rule() -> None:
    # integer data with a width of at most 1: one bin per integer
    assert histogram.histogram_edges(2007, 2009, 344, 2007, 2009, integer=True) == [2006.5, 2007.5, 2008.5, 2009.5]
    # extreme values: finite, increasing edges covering min..max, within the bin limits
    for lo, hi in [(-1e308, 1e308), (-1.7976931348623157e308, 1.7976931348623157e308), (0.0, 1e-300)]:
        edges = histogram.histogram_edges(lo, hi, 1000, lo / 4, hi / 4)
        assert all(math.isfinite(e) for e in edges) and edges == sorted(set(edges))
        assert edges[0] <= lo and edges[-1] >= hi and 1 <= len(edges) - 1 <= histogram.MAX_BINS
    # found by fuzzing:
    for lo, hi, q25, q75 in [(0.0, 1e308, 0.0, 1e308), (-1.7976931348623157e308, 1e15, -1e308, 1.0)]:
        edges = histogram.histogram_edges(lo, hi, 2, q25, q75)
        assert all(math.isfinite(e) for e in edges) and edges[0] <= lo and edges[-1] >= hi
    assert histogram.histogram_edges(5.0, 5.0, 1, 5.0, 5.0) == [4.5, 5.5]  # one value: one bin around it
    assert histogram.histogram_edges(None, None, 0, None, None) == []


# ---- the report --------------------------------------------------------------------------------------------


def _alts(html: str) -> list[str]:
    return re.findall(r"<title id=\"[^\"]+\">([^<]*)</title>", html)


def test_penguins_report_has_every_chart_with_alt_text(reports, penguins_html: str) -> None:
    alts = _alts(penguins_html)
    for column in ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"):
        assert any(a.startswith(f"Histogram of {column} (") for a in alts)
        assert any(a.startswith(f"Box plot of {column}: ") for a in alts)
        # year holds years (issue 19): no normal QQ plot for it
        assert any(a.startswith(f"Normal QQ plot of {column} (") for a in alts) == (column != "year")
    for column in ("species", "island", "sex"):
        assert any(a.startswith(f"Bar chart of {column}: ") for a in alts)
    assert any(a.startswith("Missing values per column: 5 of 8 columns have gaps") for a in alts)
    assert any(a.startswith("Missing-value patterns: 333 rows (96.8 %) are complete") for a in alts)
    svgs = re.findall(r"<svg [^>]*>", penguins_html)
    assert len(svgs) == len(alts) >= 5 * 3 + 3 + 2  # column and table charts, plus analysis sections
    assert all('role="img"' in s and "aria-labelledby" in s for s in svgs)
    assert "could not be drawn" not in penguins_html
    assert len(penguins_html.encode()) < 1_000_000


def test_alt_text_reads_the_numbers(reports) -> None:
    rep = reports["penguins"]
    alt = _chart(rep, "body_mass_g", "histogram").alt
    assert "roughly symmetric" in alt and "between 3,550 and 4,750" in alt
    assert "from 3,500 to 3,749, with 49 values" in alt
    species = _chart(rep, "species", "bars").alt
    assert "Adelie is the most common value (152 rows, 44.2 %; 95 % interval 39.0 % to 49.5 %)" in species
    box = _chart(reports["rivers"], "length_miles", "box").alt
    assert "whiskers reach from 135 to 1,205" in box and "11 values (7.8 %) lie beyond the whiskers" in box
    qq = _chart(reports["rivers"], "length_miles", "qq").alt
    assert "a long right tail" in qq and "skewed to the right" in qq


def test_svg_is_compact_and_ids_are_unique(penguins_html: str) -> None:
    assert "<metadata" not in penguins_html and "<?xml" not in penguins_html
    assert "DejaVu" not in penguins_html and "currentColor" in penguins_html
    ids = re.findall(r' id="([^"]+)"', penguins_html)
    assert len(ids) == len(set(ids))
    for ref in set(re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', penguins_html)):
        assert ref in ids


def test_json_keeps_chart_inputs_and_rerenders(reports) -> None:
    rep = reports["penguins"]
    data = json.loads(rep.to_json())
    back = Report.from_dict(data)
    assert back.column("body_mass_g").charts == rep.column("body_mass_g").charts
    assert back.charts == rep.charts
    assert back.column("body_mass_g").charts[0].render().startswith("<svg")


def test_chart_bound_and_note() -> None:
    df = pl.DataFrame({f"x{i}": np.arange(30.0) * (i + 1) for i in range(6)})
    rep = _report(df, max_charted_columns=2, correlations=False)
    assert [bool(c.charts) for c in rep.columns] == [True, True, False, False, False, False]
    assert rep.charts_omitted == 4
    assert "first 2 columns" in rep.chart_note and "--max-charts" in rep.chart_note and "--columns" in rep.chart_note
    html = rep.to_html()
    column_part = html.split('id="columns"', 1)[1].split("</main>", 1)[0]
    assert rep.chart_note in html and column_part.count("<svg") == 2 * 3  # two columns; no missing values to chart
    assert "No column has missing values." in html
    off = _report(df, max_charted_columns=0, correlations=False)
    assert not any(c.charts for c in off.columns) and "turned off" in off.chart_note


def test_cli_max_charts(tmp_path) -> None:
    from typer.testing import CliRunner

    from edakit.cli import app

    out = tmp_path / "p.html"
    done = CliRunner().invoke(app, ["report", "penguins", "-o", str(out), "--max-charts", "1", "-q"])
    assert done.exit_code == 0, done.output
    html = out.read_text()
    assert "first 1 columns" in html
    ours = [a for a in _alts(html) if a.startswith(("Histogram", "Box plot", "Normal QQ", "Bar chart", "Missing"))]
    assert len(ours) == 1 + 2  # species, and the two missing-value charts
    bad = CliRunner().invoke(app, ["report", "penguins", "-o", str(out), "--max-charts", "-1"])
    assert bad.exit_code == 2 and "--max-charts must be 0 or more" in bad.output


def test_pathological_columns_never_fail() -> None:
    n = 30
    rng = np.random.default_rng(0)
    df = pl.DataFrame(
        {
            "all_missing": pl.Series([None] * n, dtype=pl.Float64),
            "constant": [3.0] * n,
            "two_values": [1.0, 2.0] + [None] * (n - 2),
            "with_inf": [math.inf, -math.inf, math.nan, *rng.normal(size=n - 3)],
            "extreme": [1e308, -1e308, *rng.normal(size=n - 2)],
            "max_float": [1.7976931348623157e308, -1.7976931348623157e308] + [0.0] * (n - 2),
            "tiny": rng.normal(size=n) * 1e-300,
            "inf_only": [math.inf, -math.inf] * (n // 2),
            "near_equal": [1.0 + i * 1e-16 for i in range(n)],
            "dates": [dt.date(1, 1, 1), dt.date(9999, 12, 31)] * (n // 2),
        }
    )
    rep = _report(df, correlations=False)  # this test is about charts
    html = rep.to_html()
    assert "could not be drawn" not in html and "could not be prepared" not in html
    notes = {c.name: [ch.note for ch in c.charts if ch.note] for c in rep.columns}
    assert notes["all_missing"] == ["Every value is missing: there is nothing to draw."]
    assert any("too few for a box plot" in n for n in notes["two_values"])
    assert all("No finite values" in n or "needs at least" in n for n in notes["inf_only"])
    for name in ("extreme", "max_float", "tiny", "with_inf"):
        hist = _chart(rep, name, "histogram").data
        assert sum(hist["counts"]) == rep.column(name).numeric.n
    one_row = _report(pl.DataFrame({"x": [1.5], "c": ["a"], "d": [dt.date(2020, 1, 1)]}), correlations=False)
    assert "could not be drawn" not in one_row.to_html()


def test_data_cannot_inject_markup() -> None:
    names = ["<script>alert(1)</script>", "x</title><script>"]
    df = pl.DataFrame({names[0]: ["<img src=x onerror=alert(1)>", "b&c", '"q"'] * 5, names[1]: [1.0, 2, 3] * 5})
    rep = _report(df, correlations=False)
    drawn = "".join(str(chart.render()) for col in rep.columns for chart in col.charts)
    assert "<script" not in drawn and "<img" not in drawn and "&lt;img" in drawn
    block = SimpleNamespace(
        kind="heatmap", data={"names": names, "matrix": [[1, 0], [0, 1]]}, alt=names[0], caption=names[1]
    )
    assert "<script" not in str(charts.render_chart_block(block))


def test_a_failing_drawing_becomes_a_note() -> None:
    broken = Chart("histogram", "Broken", data={"edges": [0, 1], "counts": []})
    assert "could not be drawn" in broken.render()
    assert "No drawing" in Chart("nonsense", "What").render()
    assert "too few" in Chart("box", "Few", note="Only 2 values: too few").render()


# ---- charts for other sections -----------------------------------------------------------------------------


def test_correlation_heatmap_renders() -> None:
    names = ["a", "b", "c"]
    svg = charts.correlation_heatmap(names, [[1, 0.5, None], [0.5, 1, -0.8], [None, -0.8, 1]], alt="Heatmap of a, b, c")
    assert svg.startswith("<svg") and "Heatmap of a, b, c" in svg and "0.50" in svg and "−0.80" in svg
    big = [f"v{i}" for i in range(20)]
    matrix = np.corrcoef(np.random.default_rng(0).normal(size=(20, 50))).tolist()
    svg = charts.correlation_heatmap(big, matrix)
    assert svg.count("<rect") == 20 * 20 + 2  # every cell, the clip box and the colour bar
    assert svg.count("<text") == 20 + 20 + 5 + 1  # tick labels and colour bar, no cell labels
    with pytest.raises(ValueError):
        charts.correlation_heatmap(names, [[1, 0], [0, 1]])


def test_group_charts_render() -> None:
    stats = [
        {"q25": 1, "median": 2, "q75": 3, "whisker_low": 0, "whisker_high": 5, "mean": 2.2, "outliers": [9]},
        {"q25": 2, "median": 3, "q75": 5, "whisker_low": 1, "whisker_high": 7, "mean": None, "outliers": []},
    ]
    svg = charts.group_box(["A", "B"], stats, alt="Boxes by group", value_label="mass")
    assert svg.startswith("<svg") and "Boxes by group" in svg and ">mass<" in svg
    svg = charts.group_means_ci(["A", "B", "C"], [1.0, 2.0, 1.5], [(0.5, 1.5), (1.6, 2.4), (1.0, 2.0)], overall=1.5)
    assert svg.startswith("<svg") and 'aria-hidden="true"' in svg
    from edakit.explain.charts import group_means_words, heatmap_words

    alt, caption = heatmap_words({"names": ["a", "b", "c"], "matrix": [[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]]})
    assert "strongest is between a and b (0.9)" in alt and "weakest between a and c (0.1)" in alt
    assert "not cause" in caption
    alt, _ = group_means_words(
        {"labels": ["A", "B"], "means": [1.0, 2.0], "cis": [(0.5, 1.5), (1.5, 2.5)], "conf_level": 0.95}
    )
    assert "highest B (2, 1.5 to 2.5)" in alt and "lowest A (1, 0.5 to 1.5)" in alt


# ---- style and cost ----------------------------------------------------------------------------------------


def test_import_edakit_stays_light() -> None:
    code = "import sys, edakit; print(sorted(m for m in ('scipy', 'statsmodels', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_no_page_imports_matplotlib() -> None:
    """Every chart is drawn by render.svgplot: a report with dates (the timeline), a group comparison, an A/B test
    and a dataset comparison render without matplotlib, which is no dependency of edakit."""
    code = """if True:
        import datetime as dt, sys
        import polars as pl
        import edakit
        n = 120
        df = pl.DataFrame({
            "day": [dt.date(2020, 1, 1) + dt.timedelta(days=(i * i) % 300) for i in range(n)],
            "arm": ["a", "b"] * (n // 2),
            "y": [float(i % 7) for i in range(n)],
        })
        edakit.report(df, group="arm").to_html()
        edakit.report(df, group="arm", metrics=["y"], control="a", correlations=False).to_html()  # edakit ab
        edakit.compare(df, by="arm").to_html()
        print(sorted(m for m in ("matplotlib", "seaborn") if m in sys.modules))
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_section_chart_blocks_render() -> None:
    block = SimpleNamespace(
        kind="correlation_heatmap",
        data={"names": ["a", "b"], "matrix": [[1.0, 0.3], [0.3, 1.0]]},
        alt="Heatmap of a and b",
        caption="Colour shows the correlation.",
    )
    html = str(charts.render_chart_block(block))
    assert html.startswith('<figure class="ek-chart ek-chart-heatmap">') and "<svg" in html
    assert "Heatmap of a and b" in html and "Colour shows the correlation." in html


# ---- charts written directly as SVG (render.svgplot) --------------------------------------------------------


@pytest.mark.parametrize(("lo", "hi"), [(0, 1), (172, 231), (-3.2, 7.9), (0.001, 0.0047), (1e5, 4.4e6), (-50, -2)])
def test_nice_ticks_match_matplotlib_maxnlocator(lo: float, hi: float) -> None:
    from matplotlib.ticker import MaxNLocator

    from edakit.render.svgplot import nice_ticks

    theirs = [t for t in MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi) if lo <= t <= hi]
    assert nice_ticks(lo, hi) == pytest.approx(theirs, rel=1e-12, abs=1e-12)


def test_coordinates_written_in_bulk_have_one_decimal_without_a_trailing_zero() -> None:
    """A path's coordinates, formatted all at once (`svgplot._repeat`), read as each would on its own: one decimal
    rounded from the float's exact binary value (0.25 is a tie, to even: 0.2; 0.05 is 0.05000000000000000277: 0.1),
    its ".0" dropped (3.0 -> 3, -0.04 -> -0.0 -> -0), and the snippet's own text left as it is."""
    from edakit.render.svgplot import Plot, _repeat

    xs = [0.25, 0.05, 2.96, -0.04, 10.0, 1e20, 12.34, float("nan"), 100.05]
    ys = [1.0, -7.25, 0.0, 3.5, 0.96, -2.0, 5.0, 8.0, 0.95]
    assert _repeat("M%.1f %.1fh0", xs, ys) == (
        "M0.2 1h0M0.1 -7.2h0M3 0h0M-0 3.5h0M10 1h0M100000000000000000000 -2h0M12.3 5h0Mnan 8h0M100 0.9h0"
    )
    assert _repeat("V%.1fH%.1f", [], []) == ""
    assert _repeat("M%.1f,%.1fa1.5,1.5 0 1,0 3,0", [2.0], [4.05]) == "M2,4a1.5,1.5 0 1,0 3,0"  # 4.05: 4.0499999...
    for xs, ys in (([1.0, 2.0], [3.0]), ([], [3.0]), ([1.0], [])):  # points without their other coordinate
        with pytest.raises(ValueError, match="differ in length"):
            _repeat("M%.1f %.1fh0", xs, ys)
    with pytest.raises(ValueError):  # a chart's line of unequal x and y, as zip(strict=True) refused it
        Plot(200, 100, (0.0, 1.0), (0.0, 1.0)).line([0.0, 1.0], [0.5], "#000")


def test_finite_values_with_and_without_the_all_floats_shortcut() -> None:
    """The finite numbers of a list, as floats, whichever way they are found: floats alone (taken as they are when
    their sum is finite), or anything else (tested one by one), including floats whose sum overflows."""
    from edakit.render.drawers import finite, finite_floats
    from edakit.render.timeseries_charts import _segments

    inf, nan = float("inf"), float("nan")
    assert finite([1.5, -2.0, 0.0]) == [1.5, -2.0, 0.0] and finite_floats([1.5, -2.0, 0.0])
    assert finite([1e308, 1e308, -3.0]) == [1e308, 1e308, -3.0] and not finite_floats([1e308, 1e308])
    assert finite([1.0, nan, 2.0, inf, -inf]) == [1.0, 2.0] and not finite_floats([1.0, nan])
    mixed = finite([1, None, "x", 2.5, True])
    assert mixed == [1.0, 2.5, 1.0] and all(type(v) is float for v in mixed)
    assert finite([]) == [] and finite_floats([])
    assert _segments([1.0, 2.0, 3.0]) == [([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])]
    assert _segments([1.0, nan, 3.0, 4]) == [([0.0], [1.0]), ([2.0, 3.0], [3.0, 4.0])]
    assert _segments([]) == [] and _segments([nan]) == []


def test_charts_are_well_formed_svg_with_ticks_where_the_data_is(reports) -> None:
    import xml.etree.ElementTree as ET

    rep = reports["penguins"]
    for column in rep.columns:
        for chart in column.charts:
            svg = ET.fromstring(str(chart.render()))  # parses: well-formed, one root
            ns = "{http://www.w3.org/2000/svg}"
            assert svg.tag == f"{ns}svg" and svg.get("role") == "img"
            assert svg.find(f"{ns}title").text == chart.alt
    hist = _chart(rep, "body_mass_g", "histogram")
    labels = re.findall(r'text-anchor="middle">([^<]+)</text>', str(hist.render()))
    values = [float(t.replace(",", "").replace("−", "-")) for t in labels]
    edges = hist.data["edges"]
    assert values == sorted(values) and edges[0] <= values[0] and values[-1] <= edges[-1]
    steps = {round(b - a, 9) for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (250, 500, 1000)  # one round step (2.5 × 10^k, 5 × 10^k or 10^k)


@pytest.mark.parametrize("width", [3, 7, 8, 15, 16, 31, 32, 40])
def test_missing_patterns_equal_python_counts_of_the_flags(width: int) -> None:
    """The patterns (one packed integer code per row, its type as narrow as `width` flags allow) are Python's
    counts of each row's tuple of missing flags: most frequent first, ties with present before missing, the
    first column first (as sorting the flag tuples would give), and only the TOP_PATTERNS most frequent."""
    rng = np.random.default_rng(width)
    n = 400
    data = {f"c{i}": [None if rng.random() < (0.9 if i % 2 else 0.1) else 1.0 for _ in range(n)] for i in range(width)}
    data["c0"][:40] = [None] * 40  # ties between patterns that differ only in the first column's flag
    df = pl.DataFrame(data, schema=dict.fromkeys(data, pl.Float64))
    tally = Counter(tuple(v is None for v in row) for row in df.iter_rows())
    expected = sorted(tally.items(), key=lambda item: (-item[1], item[0]))[: histogram.TOP_PATTERNS]
    found = histogram.missing_patterns(nw.from_native(df.lazy()), {c: nw.col(c).is_null() for c in df.columns}, n)
    assert [tuple(p) for p in found["patterns"]] == [p for p, _ in expected]
    assert found["counts"] == [c for _, c in expected]
    assert found["other_rows"] == n - sum(c for _, c in expected) and found["columns"] == df.columns


@pytest.mark.parametrize(
    ("zone", "hours", "resolution"),
    [
        ("America/New_York", 80, "hour"),
        (None, 24 * 40, "day"),
        ("UTC", 24 * 700, "week"),
        ("Asia/Kolkata", 24 * 2000, "month"),
    ],
)
def test_time_counts_of_value_counts_equal_the_rows_and_python(zone: str | None, hours: int, resolution: str) -> None:
    """A date column's counts over time from its collected value counts (numpy's sums of the counts per truncated
    value, no engine query) equal the engine's `group_by` over the rows, and Python's count of each value's local
    period (the hour, day, Monday or first of the month in the column's zone): periods and counts."""
    from zoneinfo import ZoneInfo

    rng = np.random.default_rng(9)
    start = dt.datetime(2021, 5, 3, 6, 30)
    stamps = [
        start + dt.timedelta(hours=int(h), minutes=int(m))
        for h, m in zip(rng.integers(0, hours, 3_000), rng.integers(0, 60, 3_000), strict=True)
    ]
    stamps[::97] = [None] * len(stamps[::97])
    native = pl.DataFrame({"t": pl.Series(stamps, dtype=pl.Datetime("us"))})
    if zone is not None:
        native = native.with_columns(pl.col("t").dt.replace_time_zone(zone))
    counted = native.drop_nulls().group_by("t").agg(pl.len().alias("n")).rename({"t": "value"})
    present = native["t"].drop_nulls().to_list()
    lo, hi = min(present), max(present)
    assert histogram.time_resolution(lo, hi) == resolution
    from_counts = histogram.time_counts(nw.from_native(counted), "value", lo, hi, weight="n")
    assert from_counts == histogram.time_counts(nw.from_native(native.lazy()), "t", lo, hi)

    def period(v: dt.datetime) -> str:
        local = v.astimezone(ZoneInfo(zone)).replace(tzinfo=None) if zone is not None else v
        if resolution == "hour":
            return local.replace(minute=0, second=0).isoformat()
        day = local.date()
        if resolution == "week":
            day -= dt.timedelta(days=day.weekday())
        elif resolution == "month":
            day = day.replace(day=1)
        return day.isoformat()

    shown = {p: n for p, n in zip(from_counts["periods"], from_counts["counts"], strict=True) if n}
    assert shown == Counter(period(v) for v in present)
    assert from_counts["periods"] == sorted(from_counts["periods"]) and from_counts["resolution"] == resolution
