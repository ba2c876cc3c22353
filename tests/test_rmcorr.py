"""The repeated-measures correlation (`edakit.stats.rmcorr`, `edakit.engine.rmcorr`) and its place on the page of a
design whose rows repeat units (`--pair`).

References, none of them edakit's own output:

* R's rmcorr, its documented example (README and ?rmcorr, rmcorr 0.4+):
  `rmcorr(Subject, PacO2, pH, bland1995)` prints r = -0.5067697, degrees of freedom 38, p-value 0.0008471081,
  95% confidence interval -0.7112297 -0.223255. pingouin's docstring gives the same r, dof and p for
  `pg.rm_corr(df, x="pH", y="PacO2", subject="Subject")` (r -0.50677, dof 38, pval 0.000847).
  The data (Bland & Altman 1995, BMJ 310:446) are below, as rmcorr and pingouin ship them.
* statsmodels' OLS of y on the unit as dummies plus x (the ANCOVA rmcorr fits, `lm(y ~ unit + x)`) on the raw rows:
  r_rm² = SS(x) / (SS(x) + SS(residual)), the same t, residual degrees of freedom and p-value.
"""

from __future__ import annotations

import json
import math
import re

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import polars as pl
import pytest

import edakit
from edakit.engine.rmcorr import unit_counts, unit_pair_moments
from edakit.explain.report import first_sentence
from edakit.model import Report
from edakit.page import TableBlock
from edakit.stats.rmcorr import RepeatedCorrelationResult, rm_corr, rmcorr_from_moments

# Bland & Altman (1995): intramural pH and PaCO2, 8 subjects, 47 rows (rmcorr's bland1995, pingouin's rm_corr).
BLAND1995 = {
    "Subject": [1] * 4 + [2] * 4 + [3] * 9 + [4] * 5 + [5] * 8 + [6] * 6 + [7] * 3 + [8] * 8,
    "pH": [6.68, 6.53, 6.43, 6.33, 6.85, 7.06, 7.13, 7.17, 7.40, 7.42, 7.41, 7.37, 7.34, 7.35, 7.28, 7.30, 7.34,
           7.36, 7.33, 7.29, 7.30, 7.35, 7.35, 7.30, 7.30, 7.37, 7.27, 7.28, 7.32, 7.32, 7.38, 7.30, 7.29, 7.33,
           7.31, 7.33, 6.86, 6.94, 6.92, 7.19, 7.29, 7.21, 7.25, 7.20, 7.19, 6.77, 6.82],
    "PacO2": [3.97, 4.12, 4.09, 3.97, 5.27, 5.37, 5.41, 5.44, 5.67, 3.64, 4.32, 4.73, 4.96, 5.04, 5.22, 4.82, 5.07,
              5.67, 5.10, 5.53, 4.75, 5.51, 4.28, 4.44, 4.32, 3.23, 4.46, 4.72, 4.75, 4.99, 4.78, 4.73, 5.12, 4.93,
              5.03, 4.93, 6.85, 6.44, 6.52, 5.28, 4.56, 4.34, 4.32, 4.41, 3.69, 6.09, 5.58],
}  # fmt: skip


def ancova(frame: pd.DataFrame, x: str, y: str, unit: str) -> dict[str, float]:
    """rmcorr's model by statsmodels on the raw rows: y ~ C(unit) + x; r from the partial sums of squares."""
    import statsmodels.api as sm
    from statsmodels.formula.api import ols

    data = frame[[x, y, unit]].dropna().rename(columns={x: "x", y: "y", unit: "u"})
    fit = ols("y ~ C(u) + x", data=data).fit()
    table = sm.stats.anova_lm(fit, typ=2)
    ss_x, ss_res = table.loc["x", "sum_sq"], table.loc["Residual", "sum_sq"]
    r = math.copysign(math.sqrt(ss_x / (ss_x + ss_res)), fit.params["x"])
    return {"r": r, "t": fit.tvalues["x"], "df": fit.df_resid, "p": fit.pvalues["x"]}


def test_bland1995_matches_rmcorr_documented_example() -> None:
    data = pd.DataFrame(BLAND1995)
    r = rm_corr(data["PacO2"], data["pH"], data["Subject"], x_name="PacO2", y_name="pH", unit_name="Subject")
    assert r.estimate == pytest.approx(-0.5067697, abs=5e-8)
    assert r.df == 38 and r.n == 47 and r.units == 8
    assert r.p_value == pytest.approx(0.0008471081, rel=1e-7)
    assert r.ci == pytest.approx((-0.7112297, -0.223255), abs=5e-7)
    # symmetric in x and y, as rmcorr's r is (pingouin's example has x and y the other way round)
    other = rm_corr(data["pH"], data["PacO2"], data["Subject"])
    assert (other.estimate, other.p_value, *other.ci) == pytest.approx((r.estimate, r.p_value, *r.ci), rel=1e-12)


def test_bland1995_matches_statsmodels_ancova_with_subject_dummies() -> None:
    data = pd.DataFrame(BLAND1995)
    ref = ancova(data, "PacO2", "pH", "Subject")
    r = rm_corr(data["PacO2"], data["pH"], data["Subject"])
    assert r.estimate == pytest.approx(ref["r"], rel=1e-10)
    assert r.statistic == pytest.approx(ref["t"], rel=1e-9)
    assert r.df == ref["df"]
    assert r.p_value == pytest.approx(ref["p"], rel=1e-8)


def test_interval_is_fisher_z_with_n_equal_to_df() -> None:
    # psych::r.con(r, n = df, p = 0.9): tanh(atanh(r) ± qnorm(0.95) / sqrt(df − 3)), written out by hand
    r = rmcorr_from_moments(30, 5, 4.0, 9.0, 3.0, conf_level=0.9)
    half = 1.6448536269514722 / math.sqrt(24 - 3)
    assert r.df == 24
    assert r.ci == pytest.approx((math.tanh(math.atanh(0.5) - half), math.tanh(math.atanh(0.5) + half)), rel=1e-12)


def test_undefined_cases_say_why() -> None:
    once = rm_corr([1.0, 2, 3], [2.0, 1, 3], ["a", "b", "c"])  # one row per unit: nothing within units
    assert once.estimate is None and "each unit must be seen more than once" in once.notes[0]
    flat = rm_corr([1.0, 1, 2, 2, 3, 3], [1.0, 2, 3, 5, 4, 4], ["a", "a", "b", "b", "c", "c"], x_name="age")
    assert flat.estimate is None and "age does not vary within any unit" in flat.notes[0]
    assert flat.p_value is None and flat.ci is None


def test_engine_moments_match_the_raw_values_on_polars_and_duckdb() -> None:
    duckdb = pytest.importorskip("duckdb")
    rng = np.random.default_rng(7)
    unit = np.repeat(np.arange(30), 6).astype(float)
    x = rng.normal(50, 10, unit.size) + unit
    y = 0.4 * x - 2 * unit + rng.normal(0, 5, unit.size)
    x[[3, 40, 77]] = np.nan
    y[[5, 41]] = np.nan
    unit[[100, 101]] = np.nan  # rows without a unit are left out
    df = pl.DataFrame({"u": unit, "x": x, "y": y}).with_columns(
        pl.col("u").fill_nan(None), pl.col("x", "y").fill_nan(None)
    )
    keep = df.drop_nulls()
    want = rm_corr(keep["x"].to_numpy(), keep["y"].to_numpy(), keep["u"].to_list())
    for native in (df.lazy(), duckdb.connect().from_arrow(df.to_arrow())):
        lf = nw.from_native(native)
        m = unit_pair_moments(lf, "u", {"x": nw.col("x"), "y": nw.col("y")}, [("x", "y")], shifts={"x": 60, "y": 0})
        m = m[("x", "y")]
        assert (m.n, m.units) == (keep.height, 30)
        got = rmcorr_from_moments(m.n, m.units, m.sxx, m.syy, m.sxy)
        assert got.estimate == pytest.approx(want.estimate, rel=1e-10)
        assert got.df == want.df and got.p_value == pytest.approx(want.p_value, rel=1e-8)
        counts = unit_counts(lf, "u")
        assert (counts.rows, counts.units, counts.most, counts.least) == (178, 30, 6, 4)


@pytest.fixture(scope="module")
def chickweight() -> Report:
    return edakit.report("chickweight", group="Time", pair="Chick", max_charted_columns=0)


def test_chickweight_page_reports_the_repeated_measures_correlation(chickweight: Report) -> None:
    frame = pl.read_csv(edakit.datasets.path("chickweight")).to_pandas()
    ref = ancova(frame, "Time", "weight", "Chick")
    rc = chickweight.correlations.repeated
    assert (rc.unit, rc.rows, rc.units, rc.most) == ("Chick", 578, 50, 12)
    p = rc.pair("weight", "Time")
    assert p.result.estimate == pytest.approx(ref["r"], rel=1e-9)
    assert p.result.df == ref["df"] == 578 - 50 - 1
    assert p.result.p_value == pytest.approx(ref["p"], rel=1e-6, abs=1e-300)
    (sec,) = [s for s in chickweight.sections if s.id == "correlations"]
    assert "count each unit up to 12 times as if its rows were independent" in sec.summary
    assert "count each unit up to 12 times" in first_sentence(sec.summary)  # what a brief report keeps
    assert "Time varies within units: for how a column changes across Time, read the paired comparison" in sec.summary
    (table,) = [b for b in sec.blocks if isinstance(b, TableBlock) and b.caption.startswith("Repeated-measures")]
    row = table.rows[0]
    assert row[0] == "weight × Time" and row[1] == p.result.estimate and row[3] == 527 and row[4] == 50
    naive = chickweight.correlations["weight", "Time"].result
    assert row[8] == naive.estimate and naive.n == 578  # the ordinary r stays, for contrast
    assert "r_rm = 0.907" in table.row_notes[0] and "Pearson's r is 0.837" in table.row_notes[0]
    ranked = next(b for b in sec.blocks if isinstance(b, TableBlock) and "strongest associations" in b.caption)
    assert "every row counted as independent" in ranked.caption
    finding = next(f for f in chickweight.findings if f.kind == "association" and "weight and Time" in f.text)
    assert finding.text.startswith("Within Chick, weight and Time are strongly positively correlated")
    assert f"repeated-measures r = {p.result.estimate:.3f}" in finding.text
    html = chickweight.to_html()
    assert "Repeated-measures correlation of each numeric pair within Chick" in html
    assert "r_rm = 0.907" in html
    # the glossary: r_rm links to its entry, and Kendall's W (the Friedman test's effect size) to its own
    assert 'href="#glossary-repeated-measures-correlation"' in html and 'id="glossary-kendalls-w"' in html
    assert re.search(r'<a href="#glossary-kendalls-w" class="ek-term">Kendall&#39;s W</a>', html)
    assert not re.search(r'<a href="#glossary-correlation" class="ek-term">Kendall</a>&#39;s W', html)


def test_repeated_correlations_round_trip_through_json(chickweight: Report) -> None:
    back = Report.from_json(json.dumps(chickweight.to_dict()))
    p = back.correlations.repeated.pair("Time", "weight")
    assert isinstance(p.result, RepeatedCorrelationResult)
    assert p.result.estimate == chickweight.correlations.repeated.pair("weight", "Time").result.estimate


def test_no_pairing_no_repeated_measures_correlation() -> None:
    rep = edakit.report("chickweight", group="Diet", max_charted_columns=0)
    assert rep.correlations.repeated is None
    (sec,) = [s for s in rep.sections if s.id == "correlations"]
    assert "as if its rows were independent" not in sec.summary


def test_a_pairing_without_numeric_pairs_still_says_the_rows_repeat_units() -> None:
    # sleep: extra by group over all 20 rows is the unpaired comparison (eta's p = 0.079) that the pairing replaces
    rep = edakit.report("sleep", group="group", pair="ID", max_charted_columns=0)
    rc = rep.correlations.repeated
    assert (rc.rows, rc.units, rc.most, rc.pairs, rc.by) == (20, 10, 2, [], "group")
    (sec,) = [s for s in rep.sections if s.id == "correlations"]
    assert sec.summary.startswith(
        "The 20 rows are 10 units (ID) measured twice each, so the associations over all rows"
    )
    assert "group varies within units" in sec.summary
    assert not any(isinstance(b, TableBlock) and b.caption.startswith("Repeated-measures") for b in sec.blocks)


def test_a_trait_of_the_unit_has_no_repeated_measures_correlation() -> None:
    # dose is fixed per unit (0.1, 0.2, 0.3...: unit means of such floats are not exact), so nothing varies within
    # units; its r_rm with anything is undefined, on the raw values and on the report's engine path alike
    rng = np.random.default_rng(5)
    unit = np.repeat(np.arange(20), 3)
    frame = pl.DataFrame(
        {"unit": unit, "group": np.tile(["a", "b", "c"], 20), "dose": 0.1 * (unit % 7 + 1), "y": rng.normal(size=60)}
    )
    means = np.bincount(unit, frame["dose"].to_numpy()) / 3
    assert np.abs(frame["dose"].to_numpy() - means[unit]).max() > 0  # the rounding noise is there, to be ignored
    raw = rm_corr(frame["dose"], frame["y"], frame["unit"], x_name="dose")
    assert raw.estimate is None and "dose does not vary within any unit" in raw.notes[0]
    rep = edakit.report(frame, group="group", pair="unit", max_charted_columns=0, comparisons=False)
    got = rep.correlations.repeated.pair("dose", "y").result
    assert got.estimate is None and "does not vary within any unit" in got.notes[0]


def test_a_reversal_between_and_within_units_is_named() -> None:
    # units with higher x have lower y (between), but within every unit y rises with x: r over all rows is negative,
    # r_rm positive (the ANCOVA's common slope, checked against statsmodels)
    rng = np.random.default_rng(11)
    unit = np.repeat(np.arange(12), 5)
    x = 10.0 * unit + rng.normal(0, 2, unit.size)
    y = -10.0 * unit + 0.8 * (x - 10.0 * unit) + rng.normal(0, 1, unit.size)
    frame = pl.DataFrame({"unit": unit, "visit": np.tile(["v1", "v2", "v3", "v4", "v5"], 12), "x": x, "y": y})
    rep = edakit.report(frame, group="visit", pair="unit", max_charted_columns=0, comparisons=False)
    p = rep.correlations.repeated.pair("x", "y")
    ref = ancova(frame.to_pandas(), "x", "y", "unit")
    assert p.result.estimate == pytest.approx(ref["r"], rel=1e-9) and p.result.estimate > 0
    assert rep.correlations["x", "y"].result.estimate < 0
    finding = next(f for f in rep.findings if f.text.startswith("Within unit, x and y"))
    assert "The sign is reversed over all rows" in finding.text
    (sec,) = [s for s in rep.sections if s.id == "correlations"]
    assert sec.summary.startswith("The 60 rows are 12 units (unit) measured 5 times each, so the associations")
