"""Turn numbers, booleans and dates stored as text, and Unix timestamps, into typed values for profiling.

The conversion is lenient (a value that does not parse becomes missing) and applies to the profiling view only:
the loaded table keeps its raw text. Narwhals has no lenient cast or lenient date parser, so each engine gets its
own: polars expressions (`strict=False`), and SQL for DuckDB and Spark (`TRY_CAST`, `TRY_STRPTIME`,
`try_to_timestamp`), written from one description of each conversion so that the three engines give the same
values (tests/test_engine_parity.py compares their reports field by field). Another engine keeps such columns as
text (or numbers), with a note.
"""

from __future__ import annotations

import re
from typing import Any

import narwhals.stable.v2 as nw

from edakit.csv_read import COMPACT_ATTRIBUTE
from edakit.engine.tabulated import bincount_chunked
from edakit.schema import ColumnSchema, Schema

TRUE_WORDS = ["true", "yes", "y", "t"]
EPOCH_SQL = {  # Unix time in s, ms or us (`edakit.dates.epoch_unit`) to a timestamp, per SQL dialect
    "duckdb": {"s": "to_timestamp({x})", "ms": "epoch_ms({x})", "us": "make_timestamp({x})"},
    "spark": {"s": "timestamp_seconds({x})", "ms": "timestamp_millis({x})", "us": "timestamp_micros({x})"},
}
# chrono (polars) format pieces -> Java pattern pieces (Spark); single letters parse one or two digits
_JAVA = {"%Y": "yyyy", "%m": "M", "%d": "d", "%H": "H", "%M": "m", "%S": "s", "%.f": "[.SSSSSS]", "%#z": "XXX"}


def apply_conversions(frame: nw.LazyFrame, schema: Schema) -> nw.LazyFrame:
    """Return `frame` with converted columns replaced by their typed values."""
    todo = [c for c in schema.columns if c.conversion]
    if not todo:
        return frame
    engine = nw.get_native_namespace(frame).__name__.split(".")[0]
    if engine == "polars":
        return _polars(frame, todo)
    if engine in ("duckdb", "pyspark"):
        dialect = "duckdb" if engine == "duckdb" else "spark"
        return _sql(frame, todo, dialect)
    for col in todo:
        if col.conversion.startswith("epoch_"):
            col.notes.append("Looks like Unix timestamps; this engine keeps them as numbers.")
            col.role, col.conversion = "numeric", None
            continue
        col.notes.append(f"Looks like {col.role} stored as text; this engine keeps it as text.")
        col.role, col.conversion = "categorical", None
    return frame


def converted_once(frame: nw.LazyFrame, schema: Schema) -> tuple[nw.LazyFrame, dict[str, nw.DataFrame]]:
    """`apply_conversions` with the converted columns computed now, for a polars table held in memory: the queries
    that follow read them instead of parsing the text again (flights: time_hour was parsed 5 times). Only those
    columns are collected: the others stay as the table holds them (its text columns compact, `csv_read.as_text`),
    not a second, full copy of the table. A column the table holds as a Categorical is converted once per distinct
    value (`_converted_levels`), which counts its values on the way: returned too, as `engine.levels.counted`
    frames of those columns (the profile then needs no `group_by` of their rows); a text column of repeated values
    held as plain strings, once per distinct value too (`_converted_distinct`)."""
    work = apply_conversions(frame, schema)
    converted = [c for c in schema.columns if c.conversion]
    if not converted or nw.get_native_namespace(work).__name__ != "polars":
        return work, {}
    import polars as pl

    compact = getattr(frame.to_native(), COMPACT_ATTRIBUTE, None)
    by_level, counts = {}, {}
    for col in converted:
        if compact is not None and compact.schema.get(col.name) == pl.Categorical:
            levels = _converted_levels(compact.get_column(col.name), col)
            if levels is not None:
                by_level[col.name], counts[col.name] = levels
    types = frame.to_native().collect_schema()
    for col in converted:
        if col.name not in by_level and types[col.name] == pl.String:
            text = frame.to_native().select(col.name).collect().get_column(col.name)
            parsed = _converted_distinct(text, col)
            if parsed is not None:
                by_level[col.name] = parsed
    rest = [c.name for c in converted if c.name not in by_level]
    done = list(by_level.values()) + (work.to_native().select(rest).collect().get_columns() if rest else [])
    return nw.from_native(frame.to_native().with_columns(pl.lit(series) for series in done)), counts


def _converted_distinct(text: Any, col: ColumnSchema) -> Any | None:
    """`col`'s conversion of a polars String Series whose values repeat (at most half as many distinct values as
    rows, by polars' HyperLogLog estimate), each distinct text parsed once and the values put back in place
    (`replace_strict`; a missing value stays missing): the same values as parsing every row. For a table whose
    text the loader keeps as plain strings, e.g. flights 10x shuffled (its head's dates too varied to be read as a
    Categorical): time_hour, 6,935 distinct texts in 3.4 M rows, 1.04 -> 0.25 CPU-s. None when the values barely
    repeat: every row is then parsed, which is cheaper."""
    if text.approx_n_unique() * 2 > text.len():
        return None
    distinct = text.unique()
    parsed = _polars(nw.from_native(distinct.to_frame().lazy()), [col]).to_native().collect().get_column(col.name)
    return text.replace_strict(distinct, parsed, return_dtype=parsed.dtype)


def _converted_levels(values: Any, col: ColumnSchema, chunk: int = 1 << 20) -> tuple[Any, nw.DataFrame] | None:
    """`col`'s conversion of a polars Categorical Series, parsed once per distinct value and gathered to the rows
    by the values' category codes: the same values as parsing every row (flights × 10: time_hour, 6,936 distinct
    strings in 3.4 M rows, 0.18 → 0.06 CPU-seconds). The codes present are found by `tabulated.bincount_chunked`,
    whose counts, summed per converted value (two texts may parse to one value; a text that does not parse is
    missing), are returned too: the `engine.levels.counted` frame of the converted column (flights × 10: its
    HyperLogLog estimate and `group_by` of 3.4 M rows, 0.04 CPU-s, saved).
    None when the codes are spread too far (categories left in polars' process-wide mapping by other tables) for
    one counter per code."""
    import numpy as np
    import polars as pl

    codes = values.to_physical()
    top = codes.max()
    if top is None or top > 4 * values.len():
        return None
    missing = top + 1  # the code given to missing values
    filled = (codes.fill_null(missing) if codes.null_count() else codes).to_numpy()
    counts = bincount_chunked(filled, missing + 1, chunk)
    present = np.flatnonzero(counts[:missing])
    text = pl.Series(col.name, present.astype(np.uint32)).cat.to(values.dtype).cast(pl.String)
    parsed = _polars(nw.from_native(text.to_frame().lazy()), [col]).to_native().collect().get_column(col.name)
    position = np.full(missing + 1, present.size, dtype=np.uint32)  # a missing value's position: past the end
    position[present] = np.arange(present.size, dtype=np.uint32)
    tally = pl.DataFrame({"value": parsed, "n": counts[present]}).drop_nulls("value")
    tally = tally.group_by("value").agg(pl.col("n").sum().cast(pl.get_index_type()))
    gathered = parsed.extend(pl.Series([None], dtype=parsed.dtype)).gather(position[filled]).alias(col.name)
    return gathered, nw.from_native(tally)


def _polars(frame: nw.LazyFrame, todo: list[ColumnSchema]) -> nw.LazyFrame:
    import polars as pl

    exprs = []
    for col in todo:
        text = pl.col(col.name).cast(pl.String).str.strip_chars()
        if col.conversion.startswith("epoch_"):
            unit = col.conversion.removeprefix("epoch_")
            exprs.append(pl.from_epoch(pl.col(col.name).cast(pl.Int64), time_unit=unit).alias(col.name))
        elif col.conversion == "number_text":
            exprs.append(text.str.replace_all(",", "").cast(pl.Float64, strict=False).alias(col.name))
        elif col.conversion == "bool_text":
            flag = text.str.to_lowercase().is_in(TRUE_WORDS)
            exprs.append(pl.when(text.is_null()).then(None).otherwise(flag).alias(col.name))
        else:
            target = pl.Datetime if "%H" in col.conversion else pl.Date
            exprs.append(text.str.strptime(target, col.conversion, strict=False).alias(col.name))
    return nw.from_native(frame.to_native().with_columns(exprs))


def _sql(frame: nw.LazyFrame, todo: list[ColumnSchema], dialect: str) -> nw.LazyFrame:
    """The conversions as SQL expressions on a DuckDB relation or a Spark DataFrame."""
    native = frame.to_native()
    exprs = {col.name: sql_conversion(col.name, col.conversion, dialect) for col in todo}
    if dialect == "duckdb":
        replace = ", ".join(f"{sql} AS {_quote(name, dialect)}" for name, sql in exprs.items())
        return nw.from_native(native.project(f"* REPLACE ({replace})"))
    from pyspark.sql import functions as F  # noqa: N812 - pyspark's usual name

    return nw.from_native(native.withColumns({name: F.expr(sql) for name, sql in exprs.items()}))


def sql_conversion(name: str, conversion: str, dialect: str) -> str:
    """One column's conversion as an SQL expression in `dialect` ("duckdb" or "spark"): the same lenient rules as
    the polars expressions (surrounding spaces dropped, "1,234" read as 1234, yes/no words, a strptime format).

    >>> sql_conversion("amount", "number_text", "duckdb")
    'TRY_CAST(replace(trim(CAST("amount" AS VARCHAR)), \\',\\', \\'\\') AS DOUBLE)'
    >>> sql_conversion("day", "%Y-%m-%d", "spark")
    "CAST(try_to_timestamp(trim(CAST(`day` AS STRING)), 'yyyy-M-d') AS DATE)"
    """
    column = _quote(name, dialect)
    text = f"trim(CAST({column} AS {'VARCHAR' if dialect == 'duckdb' else 'STRING'}))"
    if conversion.startswith("epoch_"):
        return EPOCH_SQL[dialect][conversion.removeprefix("epoch_")].format(x=f"CAST({column} AS BIGINT)")
    if conversion == "number_text":
        return f"TRY_CAST(replace({text}, ',', '') AS DOUBLE)"
    if conversion == "bool_text":
        words = ", ".join(f"'{w}'" for w in TRUE_WORDS)
        return f"CASE WHEN {text} IS NULL THEN NULL ELSE lower({text}) IN ({words}) END"
    if dialect == "duckdb":
        formats = ", ".join(f"'{f}'" for f in _duckdb_formats(conversion))
        if conversion.endswith("%#z"):  # chrono converts an offset to UTC; DuckDB gives TIMESTAMPTZ
            # chrono reads a final Z as UTC, DuckDB's %z does not (and a format with a literal Z after one with %z
            # keeps the previous row's offset), so Z is written +00:00 first
            parsed = f"timezone('UTC', TRY_STRPTIME(regexp_replace({text}, 'Z$', '+00:00'), [{formats}]))"
        else:
            parsed = f"TRY_STRPTIME({text}, [{formats}])"
    else:
        patterns = [p.replace("'", "\\'") for p in _java_patterns(conversion)]  # quoted letters ('T') escaped
        calls = [f"try_to_timestamp({text}, '{pattern}')" for pattern in patterns]
        parsed = calls[0] if len(calls) == 1 else f"coalesce({', '.join(calls)})"
    return parsed if "%H" in conversion else f"CAST({parsed} AS DATE)"


def _duckdb_formats(fmt: str) -> list[str]:
    """DuckDB's strptime formats for a chrono format: an optional fraction becomes two formats, %#z is %z, and
    %B (which chrono reads as a full or abbreviated month) is tried as both."""
    formats = [fmt.replace("%#z", "%z")]
    if "%.f" in fmt:
        formats = [f.replace("%.f", ".%f") for f in formats] + [f.replace("%.f", "") for f in formats]
    if "%B" in fmt:
        formats += [f.replace("%B", "%b") for f in formats]
    return formats


def _java_patterns(fmt: str) -> list[str]:
    """Spark's (Java) datetime patterns for a chrono format; literal letters are quoted, %B is MMMM or MMM."""
    pieces = re.split(r"(%\.f|%#z|%[A-Za-z])", fmt)
    out = ["".join(_JAVA.get(p, p if p.startswith("%") else _java_literal(p)) for p in pieces)]
    if "%B" in fmt:
        out = [out[0].replace("%B", "MMMM"), out[0].replace("%B", "MMM")]
    return out


def _java_literal(text: str) -> str:
    """Literal text in a Java pattern: letters are quoted, other characters stand for themselves."""
    return re.sub(r"([A-Za-z]+)", r"'\1'", text)


def _quote(name: str, dialect: str) -> str:
    if dialect == "duckdb":
        return '"' + name.replace('"', '""') + '"'
    return "`" + name.replace("`", "``") + "`"
