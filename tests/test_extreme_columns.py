"""Extreme-valued columns never sink a section: a table of odd columns (values near ±1.8e308 whose sums overflow,
subnormals whose squares underflow, integers beyond 2^53, 1e15 + tiny variation, inf/-inf/NaN written in the CSV,
constants, one value, all missing, negative zero, dates at the calendar's ends) gives a report in which every section
renders, no chart fails to draw, and each odd column gets a note saying in words what was not computed and why,
never an overflowed number. The references are numpy on the raw values and exact integer arithmetic."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import edakit

N = 40
BIGINT = [2**62 + 3 * i for i in range(N)]


def extreme_table() -> pl.DataFrame:
    rng = np.random.default_rng(1)
    i = np.arange(N)
    inftext = [["inf", "-inf", "NaN"][k % 3] if k % 4 == 0 else repr(float(rng.normal())) for k in range(N)]
    dates = [dt.date(1, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 3_000_000, size=N)]
    dates[0], dates[1] = dt.date(1, 1, 1), dt.date(9999, 12, 31)
    return pl.DataFrame(
        {
            "x": rng.normal(size=N),
            "huge": np.where(i % 5 == 0, 1e308, rng.normal(size=N)),
            "neghuge": np.where(i % 7 == 0, -1e308, rng.normal(size=N)),
            "subnormal": rng.uniform(size=N) * 1e-308,
            "nearmax": np.finfo(float).max * rng.uniform(0.5, 1.0, size=N),
            "const": np.full(N, 3.5),
            "onevalue": pl.Series([1.25] + [None] * (N - 1), dtype=pl.Float64),
            "allmissing": pl.Series([None] * N, dtype=pl.Float64),
            "bigint": pl.Series(BIGINT, dtype=pl.Int64),
            "inftext": inftext,
            "binary": (i % 2).astype(np.int64),
            "cancel": 1e15 + rng.uniform(size=N) * 0.5,
            "negzero": np.where(i % 2 == 0, -0.0, 0.0),
            "y": rng.normal(size=N) * 3 + 1,
            "farDates": dates,
        }
    )


def page_text(page: str) -> str:
    page = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def csv_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("extremes") / "extremes.csv"
    extreme_table().write_csv(path)
    return path


@pytest.fixture(scope="module")
def cli_page(csv_path: Path) -> str:
    out = csv_path.with_suffix(".html")
    done = subprocess.run(
        [sys.executable, "-m", "edakit", "report", str(csv_path), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out.read_text()


@pytest.fixture(scope="module")
def api_report(csv_path: Path) -> edakit.Report:
    return edakit.report(pl.read_csv(csv_path))


def _no_failure(page: str) -> None:
    text = page_text(page)
    assert "could not" not in text.lower(), re.findall(r".{200}could not.{200}", text, flags=re.I)[:3]
    for section in ("Correlations", "Principal components", "Distributions"):
        assert section in text


def test_every_section_renders_from_the_cli(cli_page: str) -> None:
    _no_failure(cli_page)


def test_every_section_renders_from_a_polars_frame(api_report: edakit.Report) -> None:
    _no_failure(api_report.to_html())


def test_overflowing_columns_say_so_and_show_no_mean(api_report: edakit.Report) -> None:
    for name in ("huge", "neghuge", "nearmax"):
        col = api_report.column(name)
        d = col.numeric
        assert d.mean is None and d.sd is None and d.mean_ci is None, name
        assert any("too large for double-precision" in n for n in d.notes), name
        values = np.asarray(extreme_table()[name].to_numpy(), dtype=float)
        ordered = np.sort(values)  # type-7 median of 40 values: the mean of the 20th and 21st, halved first
        assert d.median == ordered[19] / 2 + ordered[20] / 2 and d.min == ordered[0] and d.max == ordered[-1]
        assert f"{name} has 40 values from" in col.summary and "no numeric values" not in col.summary


def test_spread_lost_to_precision_is_not_reported_as_zero(api_report: edakit.Report) -> None:
    sub = api_report.column("subnormal").numeric
    assert sub.sd is None and sub.mean_ci is None and any("underflow" in n for n in sub.notes)
    big = api_report.column("bigint").numeric
    assert big.sd is None and big.mean_ci is None and any("2^53" in n for n in big.notes)
    assert (big.min, big.max) == (min(BIGINT), max(BIGINT))  # exact integers, not their nearest floats
    assert "Every value is the same" not in " ".join(sub.notes + big.notes)


def test_a_histogram_of_subnormal_values_spreads_them_over_its_bins(api_report: edakit.Report) -> None:
    """polars divides by a width through its reciprocal, inf below 5.6e-309: every value fell in the last bin.
    Checked against numpy's histogram of the values and edges scaled by 2^1000 (exact)."""
    from edakit.engine import histogram

    values = extreme_table()["subnormal"].to_numpy()
    chart = next(c for c in api_report.column("subnormal").charts if c.kind == "histogram")
    edges, counts = chart.data["edges"], chart.data["counts"]
    expected = np.histogram(values * 2.0**1000, bins=np.array(edges) * 2.0**1000)[0]
    assert counts == expected.tolist() and max(counts) < len(values)
    position = pl.DataFrame({"x": values}).select(histogram.scaled_position(pl.col("x"), edges)).to_series()
    # polars multiplies by the width's reciprocal, numpy divides: the same positions but for the last bit
    assert position.to_numpy() == pytest.approx(histogram.scaled_position(values, edges), rel=1e-15)


def test_cancellation_keeps_the_spread_of_the_raw_values(api_report: edakit.Report) -> None:
    values = extreme_table()["cancel"].to_list()
    d = api_report.column("cancel").numeric
    assert d.sd == pytest.approx(statistics.stdev(values), rel=1e-9)  # exact rational arithmetic on the floats


def test_correlations_name_the_overflowing_column(api_report: edakit.Report) -> None:
    pairs = {(p.x, p.y): p for p in api_report.correlations.pairs}
    r = pairs[("x", "huge")].result
    assert r.estimate is None
    assert r.notes == [
        "Not computable: the values of huge are too large for double-precision arithmetic: their sums of squares "
        "overflow (beyond about 1.8e308), so this association cannot be measured."
    ]
    assert pairs[("x", "y")].result.estimate == pytest.approx(
        np.corrcoef(extreme_table()["x"].to_numpy(), extreme_table()["y"].to_numpy())[0, 1], abs=1e-12
    )


def test_pca_leaves_out_the_overflowing_columns(api_report: edakit.Report) -> None:
    assert api_report.pca is not None
    assert not {"huge", "neghuge", "nearmax"} & set(api_report.pca.columns)


def test_bootstrap_of_an_overflowing_column_is_a_note(api_report: edakit.Report) -> None:
    fits = {c.column: c for c in api_report.distributions}
    boot = fits["huge"].bootstrap
    assert boot.mean is None and boot.mean_boot_ci is None and boot.histogram == {}
    assert any("too large for double-precision" in n for n in boot.notes)


def test_histogram_edges_of_integers_closer_than_floats() -> None:
    from edakit.engine.histogram import histogram_edges

    lo, hi = 2**62, 2**62 + 117  # 117 apart, but floats are 1,024 apart at 2^62: one value as a float
    edges = histogram_edges(lo, hi, 40, lo + 29, hi - 29, integer=True)
    assert len(edges) == 2 and edges[0] < float(lo) and edges[1] > float(hi)


def test_a_frame_of_infinities_and_the_largest_integers() -> None:
    """A column of +inf only (one stored value), unsigned 64-bit integers beyond 2^63 and the largest Int64s,
    datetimes at the calendar's ends: the report renders, and the mode reads "inf" as stored."""
    n = 30
    df = pl.DataFrame(
        {
            "f": [float("inf"), float("-inf"), float("nan")] + [float(v) for v in range(n - 3)],
            "ts": [dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)]
            + [dt.datetime(2000, 1, 1) + dt.timedelta(days=i) for i in range(n - 2)],
            "allinf": [float("inf")] * n,
            "bigu": pl.Series([2**63 + i for i in range(n)], dtype=pl.UInt64),
            "i64max": pl.Series([2**63 - 1 - i for i in range(n)], dtype=pl.Int64),
            "y": [float(v * v) for v in range(n)],
        }
    )
    rep = edakit.report(df)
    _no_failure(rep.to_html())
    f = rep.column("f").numeric
    assert (f.n, f.non_finite, f.mean) == (27, 3, 13.0)  # 0 … 26: the infinities and NaN are missing
    for name, values in (("bigu", [2**63 + i for i in range(n)]), ("i64max", [2**63 - 1 - i for i in range(n)])):
        d = rep.column(name).numeric
        assert (d.min, d.max) == (min(values), max(values)) and d.sd is None and d.mean_ci is None
    assert "The most common value: inf" in page_text(rep.to_html())


def test_columns_whose_spread_is_lost_are_left_out_with_the_reason(cli_page: str) -> None:
    text = page_text(cli_page)
    assert "2 columns left out (their spread is lost in double-precision arithmetic, as their columns say): " in text
    assert "Left out (their spread is lost in double-precision arithmetic): subnormal, bigint." in text


def test_distributions_of_integers_beyond_two_to_the_53(api_report: edakit.Report) -> None:
    """bigint's 40 distinct values are one float: no fit and no bootstrap, said so, not "every value is the same"."""
    fits = {c.column: c for c in api_report.distributions}
    assert fits["bigint"].fit.skip_reason.startswith("its values differ by less than double-precision arithmetic")
    assert fits["bigint"].bootstrap.notes[0].startswith("Its values differ by less than double-precision")
    assert fits["subnormal"].fit.best is None or all(
        math.isfinite(v) for f in fits["subnormal"].fit.fits for v in f.params.values()
    )  # no rate = 1/scale = inf for values near 1e-308


def test_variance_about_the_exact_mean_on_the_engine_path(tmp_path: Path) -> None:
    """319 distinct values of 1e12 + [0, 0.1): the engine's pass (not the value counts). polars' own std is off by
    2e-5 relative here (its mean is rounded to 1.2e-4); the profile's equals the exact stdev of the floats."""
    rng = np.random.default_rng(3)
    v = 1e12 + rng.uniform(size=400) * 0.1
    df = pl.DataFrame({"v": v, "w": rng.normal(size=400)})
    exact = statistics.stdev(v.tolist())  # exact rational arithmetic on the floats, rounded once
    path = tmp_path / "v.csv"
    df.write_csv(path)
    for source in (df, str(path)):
        d = edakit.report(source).column("v").numeric
        assert d.sd == pytest.approx(exact, rel=1e-12)


def test_a_tie_in_normalised_entropy_is_not_a_range(cli_page: str) -> None:
    """nearmax and bigint have 40 distinct values in 40 rows: log2(40) / log2(40) = 1 for both."""
    text = page_text(cli_page)
    assert "Normalised entropy is 1 in every column measured." in text and "runs from 1 (" not in text


def test_duckdb_reads_the_table_without_losing_the_report(csv_path: Path) -> None:
    """DuckDB raises "SKEW is out of range!" on huge's skewness, which took the whole profile down: the shape of
    that column alone is dropped from that query, then taken on its values scaled by a power of two (scipy's on
    the values scaled here); x's skewness is the one numpy gives, and cancel's sd the exact one."""
    from scipy import stats

    rep = edakit.report(str(csv_path), engine="duckdb")
    _no_failure(rep.to_html())
    raw = pl.read_csv(csv_path)
    x = raw["x"].to_numpy()
    g1 = np.mean((x - x.mean()) ** 3) / np.mean((x - x.mean()) ** 2) ** 1.5
    assert rep.column("x").numeric.skewness == pytest.approx(g1 * math.sqrt(N * (N - 1)) / (N - 2), rel=1e-9)
    huge = np.ldexp(raw["huge"].to_numpy(), -900)  # exact: every value stays a normal float
    assert rep.column("huge").numeric.skewness == pytest.approx(stats.skew(huge, bias=False), rel=1e-10)
    assert rep.column("cancel").numeric.sd == pytest.approx(statistics.stdev(raw["cancel"].to_list()), rel=1e-12)


def test_a_kurtosis_whose_fourth_powers_overflow_is_computed_on_the_values_scaled() -> None:
    """Deviations near 1e100: cubes are finite (1e300), fourth powers are not (1e400 > 1.8e308), which left the
    kurtosis out; the values scaled by a power of two (exactly) have the same G1 and G2, and no note is left."""
    from scipy import stats

    values = [1e100, 2e100, 3e100, 5e100, 1e100]
    d = edakit.stats.describe(values)
    scaled = np.ldexp(values, -330)  # about 1: nothing overflows
    assert d.skewness == pytest.approx(stats.skew(scaled, bias=False), rel=1e-12)
    assert d.kurtosis == pytest.approx(stats.kurtosis(scaled, bias=False), rel=1e-12)
    assert d.notes == []


def test_an_overflowing_target_is_compared_in_words(csv_path: Path) -> None:
    """`--target huge`: Welch's t and Cohen's d are not computable (the group means overflow) and say so; the rank
    test stands."""
    rep = edakit.report(str(csv_path), target="huge")
    text = page_text(rep.to_html())
    _no_failure(rep.to_html())
    assert "Welch's t test, gives no result here: Welch's t test is not computable" in text
    assert "Cohen's d and its interval are not reported (not computable: " in text


@pytest.mark.parametrize("size", [1e300, 1e100, 1e-100, 1e-200, 1e-310])
def test_the_shape_of_extreme_values_is_that_of_their_scaled_copy(size: float, tmp_path: Path) -> None:
    """Values near `size` overflow or underflow in their cubes, fourth powers or squares, which gave no skewness
    or kurtosis ("not computable"); both are free of scale and multiplying by a power of two is exact, so they
    are those that scipy gives on the values scaled here to near 1: in the report on a polars frame (the profile's
    pass: `v`; the value counts of a column with four values: `few`), by DuckDB, and by `edakit.stats.describe`."""
    from scipy import stats

    rng = np.random.default_rng(7)
    frame = pl.DataFrame({"v": rng.gamma(2.0, 1.0, 200) * size, "few": rng.choice([1.0, 2.0, 3.0, 7.0], 200) * size})
    path = tmp_path / "v.parquet"
    frame.write_parquet(path)
    roles = {"few": "numeric"}  # (whole numbers of four values would be read as codes)
    reports = [edakit.report(frame, roles=roles), edakit.report(str(path), engine="duckdb", roles=roles)]
    for name in ("v", "few"):
        values = frame[name].to_numpy()
        k = -math.frexp(float(np.max(np.abs(values))))[1]
        scaled = np.ldexp(values, k)
        assert np.array_equal(np.ldexp(scaled, -k), values)  # the scaling lost nothing
        g1, g2 = stats.skew(scaled, bias=False), stats.kurtosis(scaled, bias=False)
        for d in [r.column(name).numeric for r in reports] + [edakit.stats.describe(values)]:
            assert d.skewness == pytest.approx(g1, rel=1e-10) and d.kurtosis == pytest.approx(g2, rel=1e-10), name
            assert not any("not reported: the values' cubes" in n or "kurtosis is not" in n for n in d.notes)
