"""One implementation, many backends: DuckDB and Spark tables give the same numbers as polars."""

from __future__ import annotations

import polars as pl
import pytest

import edakit
from tests.conftest import in_ci

COLUMNS = ["species", "island", "bill_length_mm", "body_mass_g", "sex"]


def penguins() -> pl.DataFrame:
    return pl.read_csv(edakit.datasets.path("penguins"), null_values="NA").select(COLUMNS)


def assert_same_numbers(other, reference) -> None:
    for a, b in zip(other.columns, reference.columns, strict=True):
        assert (a.name, a.role, a.missing, a.distinct) == (b.name, b.role, b.missing, b.distinct)
        if b.numeric is not None:
            for field in ("n", "mean", "sd", "q25", "median", "q75", "mad", "skewness", "kurtosis", "min", "max"):
                assert getattr(a.numeric, field) == pytest.approx(getattr(b.numeric, field), rel=1e-9), field
            assert a.numeric.mean_ci == pytest.approx(b.numeric.mean_ci, rel=1e-9)
            assert (a.numeric.outliers_low, a.numeric.outliers_high) == (
                b.numeric.outliers_low,
                b.numeric.outliers_high,
            )
        assert [(t.value, t.count) for t in a.top_values] == [(t.value, t.count) for t in b.top_values]
    assert other.overview.duplicate_rows == reference.overview.duplicate_rows


@pytest.fixture(scope="module")
def reference():
    return edakit.report(penguins(), correlations=False)


def test_duckdb_relation_matches_polars(reference) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("penguins_frame", penguins().to_arrow())
    relation = con.sql("SELECT * FROM penguins_frame")
    assert_same_numbers(edakit.report(relation, correlations=False), reference)


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        if in_ci():
            pytest.fail("pyspark is missing; .ci/run installs it (pip install '.[test,spark]').")
        pytest.skip("pyspark is not installed (pip install '.[spark]'; CI installs it).")

    session = (
        SparkSession.builder.master("local[2]")
        .appName("edakit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_dataframe_matches_polars(spark, reference) -> None:
    """Full-data statistics run on Spark through the same narwhals code; only aggregates come back."""
    frame = spark.createDataFrame(penguins().to_arrow())
    assert_same_numbers(edakit.report(frame, correlations=False), reference)
