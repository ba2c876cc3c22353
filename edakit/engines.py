"""`engine=` / `--engine`: read a CSV or Parquet file with DuckDB or Spark, so that every full-data query of the
report runs there (the rows never pass through polars). polars, the default, is `edakit.loader`'s own path.

DuckDB scans the file where it lies (`read_csv` / `read_parquet`), spilling to disk when memory runs short. A
CSV is parsed again by every query: on the 3.1 GB flights file that cost at least 690 CPU-seconds and 7 GiB,
against 105 CPU-seconds and 1.06 GiB for polars through its one temporary Parquet copy (benchmarks/README.md), so
the default stays polars and the Parquet copy; a Parquet file is DuckDB's fast input.

Spark reads the file with the active session, or a new one whose master comes from Spark's own configuration
(`spark-defaults.conf`, `PYSPARK_SUBMIT_ARGS="--master URL pyspark-shell"`; `local[*]` otherwise), so on a
cluster the path must be one every executor can read.

The sniffed dialect (delimiter, header row, missing-value markers, lines above the header) is handed to the
engine; a layout that needs edakit's own tidying (comment lines, ragged rows, a second table, a decimal comma,
fields split by spaces, a non-UTF-8 encoding) is a one-line error that says to leave `--engine` out.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit.errors import EdakitError

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

    from edakit.loader import SourceInfo
    from edakit.sniff import Layout

ENGINES = ("polars", "duckdb", "spark")
_PACKAGES = {"polars": "polars", "duckdb": "duckdb", "spark": "pyspark"}
# The types polars' CSV reader infers; dates and yes/no flags stay text and are converted as polars' are
# (`engine.convert`), so a CSV gives the same roles and numbers on either engine.
DUCKDB_TYPES = ["BIGINT", "DOUBLE", "VARCHAR"]
_INSTALL = {"spark": "pip install 'edakit-report[spark]' (and Java)", "duckdb": "pip install duckdb"}


def check_engine(engine: str) -> str:
    """The engine's name, lower-cased, after checking that it is one we know and that its package is installed."""
    name = engine.strip().lower()
    if name not in ENGINES:
        raise EdakitError(f"Unknown engine {engine!r}; choose one of {', '.join(ENGINES)}.")
    if importlib.util.find_spec(_PACKAGES[name]) is None:
        raise EdakitError(f"The {name} engine needs the {_PACKAGES[name]} package: {_INSTALL[name]}.")
    return name


def read_parquet_on(engine: str, path: Path, info: SourceInfo) -> nw.LazyFrame:
    """A Parquet file, or a directory of Parquet files, as a DuckDB relation or a Spark DataFrame."""
    target = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
    info.kind, info.reader = "parquet", engine
    if engine == "duckdb":
        return _duckdb(lambda con: con.read_parquet(target), path)
    return _spark(lambda spark: spark.read.parquet(str(path)), path)


def read_csv_on(
    engine: str, path: Path, info: SourceInfo, header: bool, layout: Layout, seen: set[str]
) -> nw.LazyFrame:
    """A delimited text file as a DuckDB relation (scanned in place at every query) or a Spark DataFrame.

    `seen`: the missing-value markers found in the sniffed head (Spark takes one marker besides empty fields)."""
    _check_layout(engine, path, info, layout)
    info.reader = engine
    markers = [m for m in info.na_values if m != "" and m in seen]
    if engine == "duckdb":
        extra = {"skiprows": layout.skip_rows} if layout.skip_rows else {}
        return _duckdb(
            lambda con: con.read_csv(
                str(path),
                delimiter=info.delimiter,
                header=header,
                na_values=info.na_values,
                quotechar='"',
                auto_type_candidates=DUCKDB_TYPES,
                **extra,
            ),
            path,
        )
    if len(markers) > 1:
        info.notes.append(
            "Spark reads one missing-value marker besides empty fields: "
            f"{markers[0]!r} is missing; the others in this file ({', '.join(repr(m) for m in markers[1:])}) are text."
        )

    def read(spark: Any) -> Any:
        frame = spark.read.csv(
            str(path), header=header, sep=info.delimiter, inferSchema=True, nullValue=markers[0] if markers else ""
        )
        return frame if header else frame.toDF(*[f"column_{i + 1}" for i in range(len(frame.columns))])

    return _spark(read, path)


def _check_layout(engine: str, path: Path, info: SourceInfo, layout: Layout) -> None:
    needs = [
        (info.encoding not in ("utf-8", "utf-8-sig", "ascii"), f"the {info.encoding} encoding"),
        (info.compression is not None and engine == "spark", "gzip compression"),
        (layout.comment is not None, "comment lines"),
        (bool(layout.ragged_rows), "rows of different lengths"),
        (layout.second_table_line is not None, "a second table"),
        (layout.decimal_comma, "decimal commas"),
        (layout.spacing is not None, "fields split by spaces"),
        (layout.trailing is not None, "trailing delimiters"),
        (layout.header_rows != 1, "a second header row"),
        (not layout.quoted, "stray double quotes"),
        (layout.skip_rows and engine == "spark", "lines above the header"),
    ]
    what = [reason for needed, reason in needs if needed]
    if what:
        raise EdakitError(
            f"{path} has {', '.join(what)}, which edakit tidies itself but {engine} cannot read as it is; "
            "leave out --engine (polars reads it), or save the table as Parquet for the other engines."
        )


def _duckdb(read: Any, path: Path) -> nw.LazyFrame:
    import duckdb

    con = duckdb.connect()  # the relation keeps its connection open
    try:
        relation = read(con)
        relation.columns  # noqa: B018 - binds the query, so an unreadable file fails here, not mid-report
    except duckdb.Error as exc:
        raise EdakitError(f"DuckDB cannot read {path}: {str(exc).splitlines()[0]}") from None
    import narwhals.stable.v2 as nw

    return nw.from_native(relation)


def _spark(read: Any, path: Path) -> nw.LazyFrame:
    from pyspark.errors import PySparkException
    from pyspark.sql import SparkSession

    spark = SparkSession.getActiveSession()
    if spark is None:  # edakit prints its own progress: Spark's stage bars would garble it
        spark = SparkSession.builder.appName("edakit").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    try:
        frame = read(spark)
    except PySparkException as exc:
        raise EdakitError(f"Spark cannot read {path}: {str(exc).splitlines()[0]}") from None
    import narwhals.stable.v2 as nw

    return nw.from_native(frame)
