"""Load stage: a path or a DataFrame becomes a `Table` (a narwhals LazyFrame plus what we learnt loading it).

CSV files are sniffed for encoding (BOMs, UTF-16, UTF-8, then cp1252/Latin-1 via charset-normalizer),
delimiter and quoting (Python's csv.Sniffer on the decoded head of the file), then read with polars.
If polars refuses the file (ragged rows, stray quotes) DuckDB's forgiving reader gets a second try, and the
report says so. Every failure a user can cause becomes an `EdakitError` with a one-line message.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import narwhals.stable.v2 as nw

from edakit.errors import EdakitError

# Markers that mean "missing" in the CSVs people export from R, Excel, pandas and databases.
NA_VALUES = ["", "NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "#N/A", "#NA", "-", "?"]
SNIFF_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
PARQUET_MAGIC = b"PAR1"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class SourceInfo:
    """Where the table came from and how it was read; shown in the report."""

    name: str
    kind: str  # "csv", "parquet", "dataframe"
    path: str | None = None
    file_size: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    compression: str | None = None
    reader: str | None = None  # "polars", "duckdb", "polars (from pandas)", ...
    memory_bytes: int | None = None  # in-memory size of the loaded table, where the engine knows it
    decimal: str | None = None  # "," when numbers use a decimal comma (semicolon files)
    skipped_lines: int = 0  # title or comment lines before the header
    ragged_rows: int | None = None  # rows whose field count differs from the header's (None: not counted)
    na_values: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A loaded table: a lazy narwhals frame plus its provenance."""

    frame: nw.LazyFrame
    source: SourceInfo

    @property
    def columns(self) -> list[str]:
        return list(self.frame.collect_schema().names())

    def to_native(self) -> Any:
        """The backend's own object (a polars LazyFrame, a DuckDB relation, ...)."""
        return self.frame.to_native()


def load(
    source: Any,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    header: bool = True,
    name: str | None = None,
    na_values: list[str] | None = None,
) -> Table:
    """Load a CSV/TSV (optionally gzip-compressed) or Parquet path, a bundled dataset name, or a DataFrame.

    >>> table = load("penguins")
    >>> table.columns[:3]
    ['species', 'island', 'bill_length_mm']
    """
    options = CsvOptions(encoding, delimiter, header, NA_VALUES if na_values is None else na_values)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists() and isinstance(source, str) and _is_dataset_name(source):
            from edakit import datasets

            try:
                dataset_path = datasets.path(source)
            except EdakitError as exc:
                raise EdakitError(f"File not found: {source}; it is not a bundled dataset either: {exc}") from None
            table = _load_path(dataset_path, options)
            table.source.name = source
            return table
        return _load_path(path, options, name=name)
    return _load_frame(source, name or "dataframe")


def _is_dataset_name(text: str) -> bool:
    return "/" not in text and "\\" not in text and "." not in text


@dataclass
class CsvOptions:
    """What the user told us about a text file; None means "sniff it"."""

    encoding: str | None
    delimiter: str | None
    header: bool
    na_values: list[str]


@dataclass
class Layout:
    """The shape of a delimited file's first lines, as sniffed."""

    skip_rows: int  # title/comment lines before the header
    fields: int  # fields per row in the header
    ragged_rows: int  # rows in the sniffed head whose field count differs
    head_rows: int  # data rows seen in the sniffed head
    complete: bool  # whether the head holds the whole file
    decimal_comma: bool


def _load_path(path: Path, options: CsvOptions, name: str | None = None) -> Table:
    if not path.exists():
        hint = " (nor a bundled dataset: see `edakit datasets`)" if _is_dataset_name(str(path)) else ""
        raise EdakitError(f"File not found: {path}{hint}.")
    if path.is_dir():
        raise EdakitError(f"{path} is a directory; give the path of a CSV, TSV or Parquet file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise EdakitError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if size == 0:
        raise EdakitError(f"{path} is empty (0 bytes); there is no table to report on.")
    info = SourceInfo(name=name or path.name, kind="csv", path=str(path), file_size=size)
    if head.startswith(PARQUET_MAGIC) or path.suffix.lower() == ".parquet":
        return _load_parquet(path, info)
    raw_head = head
    if head.startswith(GZIP_MAGIC):
        info.compression = "gzip"
        try:
            with gzip.open(path, "rb") as handle:
                raw_head = handle.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise EdakitError(f"{path} looks gzip-compressed but cannot be decompressed ({exc}).") from None
    info.encoding = options.encoding or detect_encoding(raw_head, path)
    text_head = _decode_head(raw_head, info.encoding, path)
    if not text_head.strip():
        raise EdakitError(f"{path} contains only whitespace; there is no table to report on.")
    info.delimiter = options.delimiter or sniff_delimiter(text_head, path)
    info.na_values = options.na_values
    layout = sniff_layout(text_head, info.delimiter, complete=len(raw_head) < SNIFF_BYTES)
    frame = _read_csv(path, info, options.header, layout)
    return Table(frame=frame, source=info)


def detect_encoding(head: bytes, path: Path) -> str:
    """Encoding of a file from its first bytes: BOMs first, then UTF-8, then charset-normalizer."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "utf-16-be"
    if b"\x00" in head:
        raise EdakitError(f"{path} looks like a binary file, not a text table (CSV/TSV) or Parquet file.")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte character cut by the sniff window
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    if best is None:
        raise EdakitError(f"Cannot tell the text encoding of {path}; pass it with --encoding (e.g. --encoding cp1252).")
    return "cp1252" if best.encoding in ("cp1252", "windows_1252") else best.encoding.replace("_", "-")


def _decode_head(head: bytes, encoding: str, path: Path) -> str:
    try:
        return head.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        if len(head) == SNIFF_BYTES and exc.start >= len(head) - 4:  # window ends inside a character
            return head[: exc.start].decode(encoding, errors="replace")
        raise EdakitError(f"{path} is not valid {encoding} text; pass the right one with --encoding.") from None
    except LookupError:
        raise EdakitError(f"Unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1252.") from None


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the first lines most consistently; a comma when nothing else fits."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    sample = "\n".join(lines[:-1] if len(lines) > 2 else lines)
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")


def sniff_layout(text: str, delimiter: str, complete: bool) -> Layout:
    """Find title lines above the header, rows with the wrong number of fields, and decimal commas."""
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut by the sniff window
    rows = [r for r in csv.reader(lines, delimiter=delimiter) if r]
    counts = [len(r) for r in rows]
    if not counts:
        return Layout(0, 0, 0, 0, complete, False)
    body = counts[len(counts) // 5 :] or counts  # the table's own width: most common count after the top
    width = max(set(body), key=body.count)
    skip = 0
    while skip < min(len(counts) - 1, 20) and counts[skip] < width and width > 1:
        skip += 1
    data = rows[skip + 1 :]
    ragged = sum(1 for r in data if len(r) != width)
    cells = [c.strip() for r in data[:500] for c in r]
    comma = sum(1 for c in cells if _DECIMAL_COMMA.match(c))
    point = sum(1 for c in cells if _DECIMAL_POINT.match(c))
    decimal_comma = delimiter == ";" and comma > 0 and point == 0
    # Lines that quoted newlines split in two are counted by csv.reader as one row, so `ragged` is exact.
    return Layout(skip, width, ragged, len(data), complete, decimal_comma)


def _read_csv(path: Path, info: SourceInfo, header: bool, layout: Layout) -> nw.LazyFrame:
    import polars as pl

    source: Any = path
    if info.encoding not in ("utf-8", "utf-8-sig") or info.compression:
        source = _as_utf8_bytes(path, info)
    try:
        df = pl.read_csv(
            source,
            separator=info.delimiter,
            has_header=header,
            skip_rows=layout.skip_rows,
            null_values=info.na_values,
            infer_schema_length=10_000,
            try_parse_dates=False,
            decimal_comma=layout.decimal_comma,
            encoding="utf8",
        )
        info.reader = "polars"
    except pl.exceptions.ComputeError as exc:
        df = _read_csv_duckdb(source, info, header, reason=str(exc).splitlines()[0], skip_rows=layout.skip_rows)
    except pl.exceptions.NoDataError:
        raise EdakitError(f"{path} has no rows or columns to read.") from None
    _describe_layout(info, layout)
    if df.width == 0:
        raise EdakitError(f"{path} has no columns to read.")
    if df.height == 0:
        raise EdakitError(f"{path} has a header but no data rows; there is nothing to describe.")
    df = _name_columns(df, header, info)
    info.memory_bytes = int(df.estimated_size())
    return nw.from_native(df.lazy())


def _describe_layout(info: SourceInfo, layout: Layout) -> None:
    """Say in the report what the sniffer decided about the file's layout."""
    if layout.skip_rows:
        info.skipped_lines = layout.skip_rows
        info.notes.append(f"Skipped {layout.skip_rows} line(s) above the header (a title or comments).")
    if layout.decimal_comma:
        info.decimal = ","
        info.notes.append("Numbers use a decimal comma (e.g. 1,5 = one and a half).")
    if layout.complete:
        info.ragged_rows = layout.ragged_rows
    if layout.ragged_rows:
        where = "" if layout.complete else f" among the first {layout.head_rows:,} rows"
        info.notes.append(
            f"{layout.ragged_rows:,} row(s){where} have a different number of fields than the header "
            f"({layout.fields}): short rows were padded with missing values; no value was moved to another column."
        )


def _name_columns(df: Any, header: bool, info: SourceInfo) -> Any:
    """Give unnamed columns a name, and say when duplicated names had to be made unique."""
    if not header:
        return df.rename({c: f"column_{i + 1}" for i, c in enumerate(df.columns)})
    renames = {c: f"(unnamed {i + 1})" for i, c in enumerate(df.columns) if not c.strip()}
    if renames:
        info.notes.append(f"{len(renames)} column(s) had no name in the header; they are called (unnamed N).")
    duplicated = [c for c in df.columns if "_duplicated_" in c]
    if duplicated:
        info.notes.append(f"Repeated column names were made unique: {', '.join(duplicated)}.")
    return df.rename(renames) if renames else df


def _as_utf8_bytes(path: Path, info: SourceInfo) -> io.BytesIO:
    """Decode the whole file (and decompress it) so polars, which reads UTF-8 only, can parse it."""
    opener = gzip.open if info.compression == "gzip" else open
    try:
        with opener(path, "rb") as handle:
            raw = handle.read()
        text = raw.decode(info.encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise EdakitError(
            f"{path} is not valid {info.encoding} text (byte {exc.start}); pass the right one with --encoding."
        ) from None
    except (OSError, EOFError) as exc:
        raise EdakitError(f"Cannot read {path}: {exc}.") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return io.BytesIO(text.encode("utf-8"))


def _read_csv_duckdb(source: Any, info: SourceInfo, header: bool, reason: str, skip_rows: int = 0) -> Any:
    """Second try with DuckDB's forgiving reader (ragged rows padded, bad rows skipped), said in the notes."""
    import duckdb
    import polars as pl

    temp_name = None
    if isinstance(source, io.BytesIO):  # DuckDB reads files: hand it the decoded text in a temporary one
        with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as handle:
            handle.write(source.getvalue())
            temp_name = handle.name
    con = duckdb.connect()
    try:
        extra = {"skiprows": skip_rows} if skip_rows else {}  # an explicit 0 turns DuckDB's sniffer off
        rel = con.read_csv(
            temp_name or str(source),
            delimiter=info.delimiter,
            header=header,
            null_padding=True,
            ignore_errors=True,
            strict_mode=False,
            parallel=False,
            na_values=info.na_values,
            **extra,
        )
        df = pl.from_arrow(rel.to_arrow_table())
    except duckdb.Error as exc:
        message = f"Cannot parse {info.path} as a delimited text table: {reason}; {exc}"
        raise EdakitError(message.splitlines()[0]) from None
    finally:
        con.close()
        if temp_name:
            os.unlink(temp_name)
    info.reader = "duckdb"
    info.notes.append(
        f"The strict CSV reader refused this file ({reason}); DuckDB's lenient reader was used instead, "
        "padding short rows with missing values and skipping rows it could not parse."
    )
    return df


def _load_parquet(path: Path, info: SourceInfo) -> Table:
    import polars as pl

    info.kind = "parquet"
    try:
        frame = pl.scan_parquet(path)
        frame.collect_schema()
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise EdakitError(f"Cannot read {path} as Parquet: {str(exc).splitlines()[0]}") from None
    info.reader = "polars"
    return Table(frame=nw.from_native(frame), source=info)


def _load_frame(obj: Any, name: str) -> Table:
    """DataFrames: polars stays polars; pandas and pyarrow are converted to polars; lazy engines stay put."""
    import polars as pl

    info = SourceInfo(name=name, kind="dataframe")
    if isinstance(obj, Table):
        return obj
    if isinstance(obj, pl.DataFrame):
        info.memory_bytes = int(obj.estimated_size())
    if isinstance(obj, (pl.DataFrame, pl.LazyFrame)):
        info.reader = "polars"
        return Table(frame=nw.from_native(obj.lazy()), source=info)
    module = type(obj).__module__.split(".")[0]
    if module == "pandas":
        info.reader = "polars (from pandas)"
        try:
            df = pl.from_pandas(obj.reset_index(drop=True) if _has_default_index(obj) else obj.reset_index())
        except Exception as exc:  # pandas columns of mixed Python objects
            df = pl.from_pandas(obj.astype(str))
            info.notes.append(f"Columns of mixed Python objects were read as text ({exc}).")
        return Table(frame=nw.from_native(df.lazy()), source=info)
    if module == "pyarrow":
        info.reader = "polars (from pyarrow)"
        return Table(frame=nw.from_native(pl.from_arrow(obj).lazy()), source=info)
    try:
        frame = nw.from_native(obj)
    except TypeError:
        raise EdakitError(
            f"Cannot report on an object of type {type(obj).__name__}; pass a file path, a bundled dataset name, "
            "or a pandas, polars, pyarrow, DuckDB or PySpark table."
        ) from None
    info.reader = module
    return Table(frame=frame.lazy() if isinstance(frame, nw.DataFrame) else frame, source=info)


def _has_default_index(df: Any) -> bool:
    import pandas as pd

    return isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1
