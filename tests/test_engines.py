"""One implementation, many backends: DuckDB and Spark tables give the same numbers as polars."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

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


def spark_session(master: str, **config: str) -> Iterator[Any]:
    """A Spark session on `master` for one test module, stopped after it (one Spark context per process: a module
    that wants another master gets its own after this one has stopped)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        if in_ci():
            pytest.fail("pyspark is missing; .ci/run installs it (pip install '.[test,spark]').")
        pytest.skip("pyspark is not installed (pip install '.[spark]'; CI installs it).")

    session = (
        SparkSession.builder.master(master)
        .appName("edakit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config(map=config)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    yield from spark_session("local[2]")


def test_spark_dataframe_matches_polars(spark, reference) -> None:
    """Full-data statistics run on Spark through the same narwhals code; only aggregates come back."""
    frame = spark.createDataFrame(penguins().to_arrow())
    assert_same_numbers(edakit.report(frame, correlations=False), reference)


# ------------------------------------------------------------------ the same report, field by field, on each engine


def mixed_table() -> pl.DataFrame:
    """Numbers, dates and yes/no flags stored as text, missing values, a group column: what engine.convert and
    every section must treat alike on every engine."""
    rows = []
    for i in range(60):
        rows.append(
            {
                "arm": "A" if i % 2 else "B",
                "amount": None if i % 11 == 0 else f"{1000 + 37 * i:,}",  # "1,037": a number stored as text
                "day": None if i % 13 == 0 else f"2021-03-{1 + i % 28:02d}",  # a date stored as text
                "signed_up": None if i % 17 == 0 else ("yes" if (i * 7) % 3 else "no"),  # a yes/no flag
                "score": float((i * 13) % 29) / 3 if i % 7 else None,
                "visits": (i * 5) % 9,
                "city": ["Oslo", "Lima", "Pune"][i % 3],
            }
        )
    return pl.DataFrame(rows)


ENGINE_FIELDS = {"created", "timings", "reader", "memory_bytes"}  # when and how it ran, not what it found


def flatten(obj: object, prefix: str = "") -> dict[str, object]:
    if isinstance(obj, dict):
        return {
            k: v
            for key, value in obj.items()
            if key not in ENGINE_FIELDS
            for k, v in flatten(value, f"{prefix}.{key}").items()
        }
    if isinstance(obj, list):
        return {k: v for i, value in enumerate(obj) for k, v in flatten(value, f"{prefix}[{i}]").items()}
    return {prefix: obj}


def assert_same_document(other: edakit.Report, reference: edakit.Report) -> None:
    """Every field of the two JSON documents equal (floats to 1e-9), except when and how the report ran."""
    import json

    a, b = flatten(json.loads(other.to_json())), flatten(json.loads(reference.to_json()))
    assert sorted(a) == sorted(b)
    for key, expected in b.items():
        if isinstance(expected, float):
            assert a[key] == pytest.approx(expected, rel=1e-9, abs=1e-12), key
        else:
            assert a[key] == expected, key


# group comparisons and correlations (with the within-group ones) in one report; the A/B test in the other
PARITY_RUNS = [{"group": "arm"}, {"group": "arm", "metrics": ["signed_up"]}]


@pytest.fixture(scope="module")
def mixed_reference() -> list[edakit.Report]:
    reports = [edakit.report(mixed_table(), max_charted_columns=0, **options) for options in PARITY_RUNS]
    roles = {c.name: c.role for c in reports[0].columns}
    assert roles == {"arm": "categorical", "amount": "numeric", "day": "datetime", "signed_up": "boolean",
                     "score": "numeric", "visits": "numeric", "city": "categorical"}  # fmt: skip
    assert reports[0].correlations is not None and reports[0].comparisons is not None and reports[1].ab is not None
    assert not reports[0].notes and not reports[1].notes  # every section computed
    return reports


def assert_same_report(source: object, run: int, reference: list[edakit.Report]) -> None:
    rep = edakit.report(source, max_charted_columns=0, **PARITY_RUNS[run])
    assert not rep.notes  # no section failed
    assert_same_document(rep, reference[run])


@pytest.mark.parametrize("run", range(len(PARITY_RUNS)))
def test_duckdb_gives_the_same_document_as_polars(mixed_reference, run: int) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("mixed", mixed_table().to_arrow())
    # one DuckDB connection runs one query at a time: the section builders take turns on it
    assert_same_report(con.sql("SELECT * FROM mixed"), run, mixed_reference)


@pytest.mark.parametrize("run", range(len(PARITY_RUNS)))
def test_spark_gives_the_same_document_as_polars(spark, mixed_reference, run: int) -> None:
    assert_same_report(spark.createDataFrame(mixed_table().to_arrow()), run, mixed_reference)


def test_duckdb_and_spark_samples_are_seeded_top_k_draws(spark) -> None:
    """A seeded sample without sorting the table: the same rows for the same seed, other rows for another seed,
    `size` distinct rows, spread over the whole table."""
    duckdb = pytest.importorskip("duckdb")
    import narwhals.stable.v2 as nw

    from edakit.engine.sample import draw_sample

    con = duckdb.connect()
    relation = nw.from_native(con.sql("SELECT i, i % 7 AS g FROM range(20000) t(i)"))
    frame = nw.from_native(spark.range(20000).selectExpr("id AS i", "id % 7 AS g"))
    for table in (relation, frame):
        first, sampled = draw_sample(table, ["i", "g"], 20000, 700, seed=3)
        again, _ = draw_sample(table, ["i", "g"], 20000, 700, seed=3)
        other, _ = draw_sample(table, ["i", "g"], 20000, 700, seed=4)
        assert sampled and first.height == 700 and first["i"].n_unique() == 700
        assert sorted(first["i"]) == sorted(again["i"]) and sorted(first["i"]) != sorted(other["i"])
        # a uniform draw of 700 from 0..19999: the mean is 9999.5 with standard error about 218
        assert abs(first["i"].mean() - 9999.5) < 4 * 218
        assert first["g"].n_unique() == 7


@pytest.mark.parametrize("run", range(len(PARITY_RUNS)))
def test_pandas_gives_the_same_document_as_polars(mixed_reference, run: int) -> None:
    """A pandas DataFrame is converted to polars once, through Arrow (`pl.from_pandas`), and reported as the polars
    frame of the same data is: pandas' NaN for a missing number is a missing value, not a number."""
    frame = mixed_table().to_pandas()
    assert frame["score"].isna().sum() == mixed_table()["score"].null_count() > 0
    assert_same_report(frame, run, mixed_reference)


# ------------------------------------------------------------------ engine= / --engine: a file read by another engine


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_a_file_read_by_duckdb_gives_the_same_document_as_polars(tmp_path, suffix: str) -> None:
    """`engine="duckdb"` scans the file in DuckDB, which then runs every query; the document is polars' own."""
    path = tmp_path / f"mixed.{suffix}"
    getattr(mixed_table(), f"write_{suffix}")(path)
    options = {"max_charted_columns": 0, **PARITY_RUNS[0]}
    rep = edakit.report(path, engine="duckdb", **options)
    assert rep.source.reader == "duckdb" and not rep.notes
    assert_same_document(rep, edakit.report(path, **options))


def test_engine_option_errors_are_one_line(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from edakit.cli import app

    path = tmp_path / "mixed.parquet"
    mixed_table().write_parquet(path)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if pyspark were not installed
    runner = CliRunner()
    missing = runner.invoke(app, ["report", str(path), "--engine", "spark", "-o", str(tmp_path / "r.html")])
    assert missing.exit_code == 2 and missing.exception is not None
    assert missing.output.strip() == (
        "edakit: error: The spark engine needs the pyspark package: pip install 'edakit-report[spark]' (and Java)."
    )
    unknown = runner.invoke(app, ["report", str(path), "--engine", "pandas", "-o", str(tmp_path / "r.html")])
    assert unknown.exit_code == 2
    assert unknown.output.strip() == "edakit: error: Unknown engine 'pandas'; choose one of polars, duckdb, spark."
    with pytest.raises(edakit.EdakitError, match="a DataFrame is reported on by its own engine"):
        edakit.report(mixed_table(), engine="duckdb")
    assert not (tmp_path / "r.html").exists()


def test_iso_date_times_with_a_t_and_a_zone_convert_alike_on_every_engine(spark) -> None:
    """flights' time_hour ("2013-01-01T10:00:00Z"): DuckDB's %z does not read a Z, and Spark's pattern quotes the
    literal T ('T'), which must be escaped inside its SQL string; every engine gives the same UTC instants."""
    duckdb = pytest.importorskip("duckdb")
    import narwhals.stable.v2 as nw

    from edakit.engine.convert import apply_conversions
    from edakit.schema import infer_schema

    texts = ["2013-01-01T10:00:00Z", "2013-06-30T23:15:00+02:00", " 2013-12-31T00:00:00Z ", None] * 3
    frame = pl.DataFrame({"at": texts})
    schema = infer_schema(nw.from_native(frame.lazy()))
    assert schema["at"].role == "datetime" and schema["at"].conversion.endswith("%#z")
    expected = [dt.datetime(2013, 1, 1, 10), dt.datetime(2013, 6, 30, 21, 15), dt.datetime(2013, 12, 31), None] * 3
    spark_frame = spark.createDataFrame([(t,) for t in texts], "at string")
    for native in (frame.lazy(), duckdb.sql("SELECT * FROM frame"), spark_frame):
        out = apply_conversions(nw.from_native(native), schema).collect()["at"].to_list()
        assert [v.replace(tzinfo=None) if v else None for v in out] == expected, type(native)
