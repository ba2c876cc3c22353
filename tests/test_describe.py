"""Descriptive statistics against R 4.2.2 (tests/r/describe.R → tests/r/describe.out).

Both paths are checked: `edakit.stats.describe` on an array, and the report, where the same numbers come
from full-data aggregates computed by the polars engine.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

import edakit
from edakit.stats import describe, wilson_interval
from tests.conftest import DATASETS, read_r_output

R = read_r_output("describe.out")
COLUMNS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
FIELDS = {  # our name -> R's name
    "mean": "mean",
    "sd": "sd",
    "var": "var",
    "sem": "sem",
    "q25": "q25",
    "median": "median",
    "q75": "q75",
    "iqr": "iqr",
    "mad": "mad",
    "skewness": "skew",
    "kurtosis": "kurt",
    "min": "min",
    "max": "max",
}


def check_against_r(d, ref: dict[str, float]) -> None:
    assert d.n == ref["n"]
    for ours, theirs in FIELDS.items():
        assert getattr(d, ours) == pytest.approx(ref[theirs], rel=1e-9, abs=1e-12), ours
    assert d.mean_ci == pytest.approx((ref["ci_low"], ref["ci_high"]), rel=1e-9)


@pytest.mark.parametrize("column", COLUMNS)
def test_describe_array_matches_r(column: str) -> None:
    values = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")[column]
    d = describe(values)
    check_against_r(d, R[column])
    assert d.missing == R[column]["missing"]


@pytest.fixture(scope="module")
def penguins_report():
    return edakit.report("penguins")


@pytest.mark.parametrize("column", COLUMNS)
def test_report_engine_matches_r(penguins_report, column: str) -> None:
    col = penguins_report.column(column)
    assert col.role == "numeric"
    check_against_r(col.numeric, R[column])
    assert col.missing == R[column]["missing"]


def test_small_skewed_sample_with_90_percent_interval() -> None:
    ref = R["small"]
    d = describe([0.5, 0.7, 1.1, 1.2, 1.9, 2.3, 3.8, 4.1, 7.9, 15.2], conf_level=0.9)
    assert d.mean_ci == pytest.approx((ref["ci_low"], ref["ci_high"]), rel=1e-9)
    assert d.skewness == pytest.approx(ref["skew"], rel=1e-9)
    assert d.kurtosis == pytest.approx(ref["kurt"], rel=1e-9)
    assert d.mad == pytest.approx(ref["mad"], rel=1e-9)
    assert (d.q25, d.q75) == pytest.approx((ref["q25"], ref["q75"]), rel=1e-12)
    # Tukey fences: Q1 - 1.5 IQR = -3.225, Q3 + 1.5 IQR = 8.375, so only 15.2 is beyond them.
    assert (d.outliers_low, d.outliers_high) == (0, 1)


def test_wilson_interval_matches_prop_test() -> None:
    ref = R["wilson"]
    assert wilson_interval(152, 344) == pytest.approx((ref["low"], ref["high"]), rel=1e-9)


def test_missing_and_non_finite_values_are_counted_not_used() -> None:
    d = describe([1.0, None, float("nan"), float("inf"), 3.0])
    assert d.n == 2 and d.missing == 3 and d.non_finite == 1
    assert d.mean == 2.0
    assert any("infinite" in note for note in d.notes)


@pytest.mark.parametrize(
    ("values", "expect_note"),
    [([], "No non-missing"), ([5.0], "One value"), ([2.0, 2.0, 2.0], "same")],
)
def test_degenerate_inputs_give_notes_not_nan(values, expect_note: str) -> None:
    d = describe(values)
    assert any(expect_note in note for note in d.notes)
    for field in ("skewness", "kurtosis"):
        value = getattr(d, field)
        assert value is None or not math.isnan(value)


def test_constant_column_has_zero_spread_and_undefined_shape() -> None:
    d = describe([2.0, 2.0, 2.0])
    assert d.sd == 0 and d.mad == 0 and d.skewness is None and d.kurtosis is None
    assert d.mean_ci == (2.0, 2.0)


def test_describe_result_serialises_and_explains() -> None:
    d = describe([1, 2, 3, 4, 100])
    data = d.to_dict()
    assert data["kind"] == "Describe" and data["n"] == 5
    assert "highly skewed to the right" in d.explanation
    assert "Describe" in repr(d) and "<table" in d._repr_html_()
