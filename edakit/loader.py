"""Load stage: a path or a DataFrame becomes a `Table` (a narwhals LazyFrame plus what we learnt loading it).

CSV files are sniffed for encoding (BOMs, UTF-16, UTF-8, then cp1252/Latin-1 via charset-normalizer),
delimiter and quoting (Python's csv.Sniffer on the decoded head of the file), then read with polars.
If polars refuses the file (ragged rows, stray quotes) DuckDB's forgiving reader gets a second try, and the
report says so. Every failure a user can cause becomes an `EdakitError` with a one-line message.

Only the missing-value markers that occur in the sniffed head are given to polars (its parser is ~40 % slower
with the whole list); the result is then checked for the other markers (text columns holding one, float columns
holding NaN, which polars parses from "NaN"/"nan") and read again with the whole list if any turns up, so the
numbers are always those of a read with the whole list.

Larger-than-memory files: a CSV bigger than `STREAM_THRESHOLD_BYTES` (1 GiB, uncompressed; tests and users may
change it), or any CSV when `load(..., stream=True)`, is converted once, in bounded memory, to a Parquet file in
a temporary directory (`tempfile`, so `TMPDIR` chooses the disk) with polars' streaming engine, and the `Table`
scans that file (`in_memory=False`: the pipeline then runs polars' streaming engine). Gzip and non-UTF-8 files are
first decompressed/transcoded to UTF-8 in a stream into the same directory. The directory lives as long as the
`Table` (and any copy made with `dataclasses.replace`) and is removed when it is garbage-collected or at exit.
`stream=False` forces a whole read whatever the size. (DuckDB scanning the CSV in place at every query, which
`engine="duckdb"` does, was measured against this copy on the 3.1 GB file: at least 6.5 times the CPU and 7 GiB
of memory against 1.06; see benchmarks/README.md.)
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit.csv_read import (
    as_text,
    as_utf8_bytes,
    column_renames,
    describe_layout,
    empty_strings_as_missing,
    marker_lists,
    markers_missed,
    name_columns,
    polars_csv_options,
    read_narrowed,
    respaced,
    tidy_rows,
    transcode,
    whole_lines,
)
from edakit.engines import check_engine, read_csv_on, read_parquet_on
from edakit.errors import EdakitError
from edakit.formats import check_options, read_format, read_parquet_directory, sniff_format
from edakit.lenient_csv import lenient_csv_to_parquet, read_csv_lenient
from edakit.sniff import (
    SNIFF_BYTES,
    Layout,
    decode_head,
    detect_encoding,
    first_row_is_data,
    markers_in_head,
    respace,
    sniff_delimiter,
    sniff_layout,
    sniff_spacing,
)

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

    from edakit.config import ReportConfig

# Markers that mean "missing" in the CSVs people export from R, Excel, pandas and databases.
NA_VALUES = ["", "NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "#N/A", "#NA", "-", "?"]
PARQUET_MAGIC = b"PAR1"
GZIP_MAGIC = b"\x1f\x8b"
# CSVs larger than this (uncompressed bytes; gzip files by the size in their trailer) are streamed through a
# temporary Parquet file instead of being read into memory; `load(..., stream=True/False)` overrides it.
STREAM_THRESHOLD_BYTES = 1 << 30
NO_HEADER_NOTE = "The first row was read as data"  # how the notes say that a text file has no header row


@dataclass
class SourceInfo:
    """Where the table came from and how it was read; shown in the report."""

    name: str
    kind: str  # "csv", "parquet", "json", "ipc", "sqlite", "duckdb", "dataframe"
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
    """A loaded table: a lazy narwhals frame plus its provenance (`source`: format, dialect, encoding, notes).

    `to_polars()` and `to_pandas()` give the rows as a DataFrame; `to_native()` the engine's own lazy object;
    `repr` says what was read and how:

    >>> load("sleep")
    <edakit Table 'sleep': 20 rows × 3 columns; csv, delimiter ',', encoding utf-8, header row, read by polars>
    """

    frame: nw.LazyFrame
    source: SourceInfo
    in_memory: bool = False  # the rows are already in memory (not scanned from a file or a remote engine)
    # The temporary directory a streamed CSV was converted into. It is removed when the last object holding it is
    # garbage-collected: this Table, its `frame` or `to_native()` (they hold it too), or a copy made with
    # `dataclasses.replace(table, frame=...)`; a frame derived from `frame` (a select, a filter) does not hold it.
    _scratch: ScratchDir | None = field(default=None, repr=False, compare=False)

    @property
    def columns(self) -> list[str]:
        return list(self.frame.collect_schema().names())

    def to_native(self) -> Any:
        """The backend's own object (a polars LazyFrame, a DuckDB relation, ...)."""
        return self.frame.to_native()

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame (collected from the lazy frame)."""
        return self.frame.collect().to_polars()

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (pandas must be installed: `pip install edakit-report[pandas]`)."""
        return self.frame.collect().to_pandas()

    def __repr__(self) -> str:
        import narwhals.stable.v2 as nw

        rows = self.frame.select(nw.len()).collect().item()
        info = self.source
        how = [info.kind]
        if info.delimiter is not None:
            how.append(f"delimiter {'tab' if info.delimiter == chr(9) else repr(info.delimiter)}")
        if info.encoding:
            how.append(f"encoding {info.encoding}")
        if info.compression:
            how.append(info.compression)
        if info.kind == "csv":
            how.append("no header row" if any(n.startswith(NO_HEADER_NOTE) for n in info.notes) else "header row")
        if info.reader:
            how.append(f"read by {info.reader}")
        shape = f"{rows:,} row{'s' * (rows != 1)} × {len(self.columns)} column{'s' * (len(self.columns) != 1)}"
        return f"<edakit Table {info.name!r}: {shape}; {', '.join(how)}>"


def load(
    source: Any,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    name: str | None = None,
    na_values: list[str] | None = None,
    stream: bool | None = None,
    table: str | None = None,
    sheet: str | None = None,
    sql: str | None = None,
    engine: str = "polars",
) -> Table:
    """Load a CSV/TSV (optionally gzip-compressed) or Parquet path, a bundled dataset name, or a DataFrame.

    `header`: whether the first row of a text file holds the column names; None (the default) decides from the
    types of the first row against the rows below (a file of numbers only has none: its columns are called
    column_1, column_2, ...), and the report says so.

    `stream`: convert a CSV to a temporary Parquet file and scan it, never holding the table in memory (True),
    read it whole (False), or stream only files larger than `STREAM_THRESHOLD_BYTES` (None, the default).
    Excel, JSON, Arrow, SQLite, DuckDB and Parquet directories: see `edakit.formats` (`sheet`: a workbook's sheet,
    the first by default; `table`: a database's table; `sql`: a query run on a database file, read-only).

    `engine`: "duckdb" or "spark" read a CSV or Parquet file with that engine, which then runs every query of the
    report (`edakit.engines`); "polars" (the default) reads every format here.

    >>> table = load("penguins")
    >>> table.columns[:3]
    ['species', 'island', 'bill_length_mm']
    """
    markers = NA_VALUES if na_values is None else na_values
    options = CsvOptions(encoding, delimiter, header, markers, stream, table, sheet, sql, check_engine(engine))
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
    if options.engine != "polars":
        raise EdakitError(
            f"engine={engine!r} reads a file; a DataFrame is reported on by its own engine (leave out engine=)."
        )
    return _load_frame(source, name or "dataframe")


def _wrap(native: Any) -> nw.LazyFrame:
    """`native` as a narwhals frame. narwhals is imported here, when the read is done, not with this module: the
    command starts the read before it imports the pipeline (`start_load_table`), so narwhals' import (0.03-0.05
    CPU-s) runs beside polars' read instead of before it."""
    import narwhals.stable.v2 as nw

    return nw.from_native(native)


def _is_dataset_name(text: str) -> bool:
    return "/" not in text and "\\" not in text and "." not in text


@dataclass
class CsvOptions:
    """What the user told us about a text file; None means "sniff it"."""

    encoding: str | None
    delimiter: str | None
    header: bool | None  # None: decided from the first row's types against the rows below
    na_values: list[str]
    stream: bool | None = None  # None: stream files larger than STREAM_THRESHOLD_BYTES
    table: str | None = None  # the table of a database file
    sheet: str | None = None  # the sheet of a workbook
    sql: str | None = None  # a query run on a database file
    engine: str = "polars"  # "duckdb" or "spark": CSV and Parquet read and queried there (`edakit.engines`)


class ScratchDir:
    """A temporary directory that is removed when this object is garbage-collected (or at interpreter exit)."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="edakit-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)

    def cleanup(self) -> None:
        self._finalizer()


def _load_path(path: Path, options: CsvOptions, name: str | None = None) -> Table:
    if not path.exists():
        hint = " (nor a bundled dataset: see `edakit datasets`)" if _is_dataset_name(str(path)) else ""
        raise EdakitError(f"File not found: {path}{hint}.")
    if path.is_dir():
        check_options(path, "parquet", options.table, options.sheet, options.sql)
        info = SourceInfo(name=name or path.name, kind="parquet", path=str(path))
        if options.engine != "polars":
            return Table(frame=read_parquet_on(options.engine, path, info), source=info)
        return Table(frame=_wrap(read_parquet_directory(path, info)), source=info)
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
        check_options(path, "parquet", options.table, options.sheet, options.sql)
        if options.engine != "polars":
            return Table(frame=read_parquet_on(options.engine, path, info), source=info)
        return _load_parquet(path, info)
    kind = sniff_format(path, head)
    if kind and options.engine != "polars":
        raise EdakitError(
            f"The {options.engine} engine reads CSV and Parquet files; {path} is {kind}: leave out --engine."
        )
    if kind:
        frame, in_memory = read_format(kind, path, info, options.table, options.sheet, options.sql)
        if in_memory:
            info.memory_bytes = int(frame.collect().estimated_size())
        return Table(frame=_wrap(frame), source=info, in_memory=in_memory)
    check_options(path, "csv", options.table, options.sheet, options.sql)
    raw_head = head
    if head.startswith(GZIP_MAGIC):
        info.compression = "gzip"
        try:
            with gzip.open(path, "rb") as handle:
                raw_head = handle.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise EdakitError(f"{path} looks gzip-compressed but cannot be decompressed ({exc}).") from None
    info.encoding = options.encoding or detect_encoding(raw_head, path)
    text_head = decode_head(raw_head, info.encoding, path)
    if not text_head.strip():
        raise EdakitError(f"{path} contains only whitespace; there is no table to report on.")
    info.delimiter = options.delimiter or sniff_delimiter(text_head, path)
    info.na_values = options.na_values
    spacing = sniff_spacing(text_head, info.delimiter)
    if spacing:
        text_head = "".join(respace(io.StringIO(text_head, newline=None), spacing))
    layout = sniff_layout(text_head, info.delimiter, complete=len(raw_head) < SNIFF_BYTES)
    layout.spacing = spacing
    seen = markers_in_head(layout, info.na_values)
    header = _decide_header(options.header, info, layout)
    if options.engine != "polars":
        frame = read_csv_on(options.engine, path, info, header, layout, seen)
        describe_layout(info, layout)
        return Table(frame=frame, source=info)
    stream = options.stream if options.stream is not None else streams_by_default(path, size, head)
    if stream and layout.second_table_line is None:  # a second table starts in the head: the first one is small
        return _stream_csv(path, info, header, layout, seen, forced=options.stream is True)
    frame = _read_csv(path, info, header, layout, seen, text_head)
    return Table(frame=frame, source=info, in_memory=True)


def _decide_header(header: bool | None, info: SourceInfo, layout: Layout) -> bool:
    """The user's choice, else whether the sniffed head's first row holds names (said in the notes when not)."""
    if header is not None:
        return header
    why = first_row_is_data(layout, info.na_values)
    if why is None:
        return True
    info.notes.append(
        f"{NO_HEADER_NOTE}, not as column names: {why}. The columns are called column_1, "
        "column_2, ...; if the first row does hold the names, pass --header (header=True in Python)."
    )
    return False


def streams_by_default(path: Path, size: int, head: bytes) -> bool:
    """Whether a CSV of `size` bytes on disk, starting with `head`, is streamed when `stream` is None: when its text
    (uncompressed) is larger than `STREAM_THRESHOLD_BYTES`."""
    text_size = _uncompressed_size(path, size) if head.startswith(GZIP_MAGIC) else size
    return text_size > STREAM_THRESHOLD_BYTES


def _uncompressed_size(path: Path, size: int) -> int:
    """A gzip file's uncompressed size from its trailer (which holds it modulo 2³²; last member only)."""
    try:
        with path.open("rb") as handle:
            handle.seek(-4, os.SEEK_END)
            isize = int.from_bytes(handle.read(4), "little")
    except OSError:
        return size
    while size > (1 << 20) and isize < size:  # text shrinks when compressed: a smaller trailer value wrapped round
        isize += 1 << 32
    return isize


def _read_csv(path: Path, info: SourceInfo, header: bool, layout: Layout, seen: set[str], head: str) -> nw.LazyFrame:
    import polars as pl

    source: Any = path
    if layout.second_table_line is not None:  # only the first table, which the sniffed head holds whole
        first = "".join(head.splitlines(keepends=True)[: layout.second_table_line - 1]).rstrip() + "\n"
        source = io.BytesIO(first.encode("utf-8"))
    elif layout.spacing:
        source = io.BytesIO()
        respaced(path, info, layout.spacing, source)
        source.seek(0)
    elif info.encoding not in ("utf-8", "utf-8-sig") or info.compression:
        source = as_utf8_bytes(path, info)
    df = None
    error = ""
    for markers, last in marker_lists(info.na_values, seen):
        try:
            # polars reads empty fields as missing by itself; the "" marker costs it ~10 % of the read, so it is
            # left out and only quoted empty strings ("") are turned into missing values afterwards
            options = polars_csv_options(info, header, layout, [m for m in markers if m != ""])
            df = read_narrowed(source, options, info.file_size, whole_lines(head, layout.complete))
            if "" in markers:
                df = empty_strings_as_missing(df)
        except pl.exceptions.ComputeError as exc:  # with fewer markers, a later marker may not parse: retry
            error = str(exc).splitlines()[0]
            continue
        except pl.exceptions.NoDataError:
            raise EdakitError(f"{path} has no rows or columns to read.") from None
        if last or not markers_missed(df, [m for m in info.na_values if m not in markers]):
            info.reader = "polars"
            break
        df = None
    if df is None:
        df = read_csv_lenient(source, info, header, reason=error, skip_rows=layout.skip_rows)
    describe_layout(info, layout)
    df, tidy_notes = tidy_rows(df, layout)
    info.notes.extend(tidy_notes)
    if df.width == 0:
        raise EdakitError(f"{path} has no columns to read.")
    if df.height == 0:
        info.notes.append("The file has a header but no data rows: the report lists its columns and nothing more.")
    df = name_columns(df, header, info)
    info.memory_bytes = int(df.estimated_size())
    return _wrap(as_text(df))


def _stream_csv(path: Path, info: SourceInfo, header: bool, layout: Layout, seen: set[str], forced: bool) -> Table:
    """Convert a CSV once to a temporary Parquet file in bounded memory and return a Table that scans it."""
    import polars as pl

    scratch = ScratchDir()
    source = path
    if info.encoding not in ("utf-8", "utf-8-sig") or info.compression or layout.spacing:
        source = scratch.path / "source.csv"
        if layout.spacing:
            with source.open("wb") as out:
                respaced(path, info, layout.spacing, out)
        else:
            transcode(path, info, source)
    target = scratch.path / "table.parquet"
    name_notes: list[str] = []
    converted = False
    error = ""
    for markers, last in marker_lists(info.na_values, seen):
        try:
            scan = pl.scan_csv(source, **polars_csv_options(info, header, layout, markers))
            lazy, tidy_notes = tidy_rows(scan, layout)
            renames, name_notes = column_renames(lazy.collect_schema().names(), header)
            lazy.rename(renames).sink_parquet(target, compression="lz4")  # lz4: ~15 % quicker to write than zstd
        except pl.exceptions.ComputeError as exc:
            error = str(exc).splitlines()[0]
            continue
        except pl.exceptions.NoDataError:
            raise EdakitError(f"{path} has no rows or columns to read.") from None
        except OSError as exc:  # most likely a full disk
            raise EdakitError(
                f"Cannot write the temporary Parquet copy of {path} in {scratch.path.parent} ({exc}); free some "
                "space there, point TMPDIR at a larger disk, or read the file whole with --no-stream."
            ) from None
        if last or not markers_missed(pl.scan_parquet(target), [m for m in info.na_values if m not in markers]):
            converted = True
            info.reader = "polars (streamed via Parquet)"
            break
    if not converted:
        lenient_csv_to_parquet(source, info, header, error, layout.skip_rows, target, scratch.path)
        info.reader = "duckdb (streamed via Parquet)"
    if source != path:
        source.unlink()
    frame = pl.scan_parquet(target)
    describe_layout(info, layout)
    names = frame.collect_schema().names()
    if not names:
        raise EdakitError(f"{path} has no columns to read.")
    if frame.select(pl.len()).collect().item() == 0:
        info.notes.append("The file has a header but no data rows: the report lists its columns and nothing more.")
    if converted:
        info.notes.extend(tidy_notes + name_notes)  # polars' names were fixed before the conversion
    else:
        frame = name_columns(frame, header, info)
    why = "streaming was asked for" if forced else f"it is larger than {STREAM_THRESHOLD_BYTES / 2**30:g} GiB"
    steps = ["decompressed"] if info.compression else []
    if info.encoding not in ("utf-8", "utf-8-sig"):
        steps.append(f"converted from {info.encoding} to UTF-8")
    via = f" ({' and '.join(steps)} on the way)" if steps else ""
    info.notes.append(
        f"The file was read in a stream because {why}: it was converted once to a temporary Parquet file{via}, "
        "which every pass of the report scans without holding the whole table in memory; the numbers are the same."
    )
    wrapped = _wrap(frame)
    for obj in (frame, wrapped):  # `load(path).frame.collect()` and `.to_native()` keep the directory too
        obj._edakit_scratch = scratch  # type: ignore[union-attr]
    return Table(frame=wrapped, source=info, in_memory=False, _scratch=scratch)


def _load_parquet(path: Path, info: SourceInfo) -> Table:
    import polars as pl

    info.kind = "parquet"
    try:
        frame = pl.scan_parquet(path)
        frame.collect_schema()
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise EdakitError(f"Cannot read {path} as Parquet: {str(exc).splitlines()[0]}") from None
    info.reader = "polars"
    return Table(frame=_wrap(frame), source=info)


def _load_frame(obj: Any, name: str) -> Table:
    """DataFrames: polars stays polars; pandas and pyarrow are converted to polars; lazy engines stay put."""
    import narwhals.stable.v2 as nw
    import polars as pl

    info = SourceInfo(name=name, kind="dataframe")
    if isinstance(obj, Table):
        return obj
    if isinstance(obj, pl.DataFrame):
        info.memory_bytes = int(obj.estimated_size())
    if isinstance(obj, (pl.DataFrame, pl.LazyFrame)):
        info.reader = "polars"
        return Table(frame=_wrap(obj.lazy()), source=info, in_memory=isinstance(obj, pl.DataFrame))
    module = type(obj).__module__.split(".")[0]
    if module == "pandas":
        # One conversion through Arrow (0.1 CPU-s for flights' 336,776 x 19) rather than running the report on pandas
        # through narwhals: that took 4.3 and 7.3 CPU-s in two runs against 3.4 and 5.4 for the whole report with the
        # conversion, and pandas gets none of engine.convert's conversions (dates stored as text would stay text)
        info.reader = "polars (from pandas)"
        try:
            df = pl.from_pandas(obj.reset_index(drop=True) if _has_default_index(obj) else obj.reset_index())
        except Exception as exc:  # pandas columns of mixed Python objects
            df = pl.from_pandas(obj.astype(str))
            info.notes.append(f"Columns of mixed Python objects were read as text ({exc}).")
        return Table(frame=_wrap(df.lazy()), source=info, in_memory=True)
    if module == "pyarrow":
        info.reader = "polars (from pyarrow)"
        return Table(frame=_wrap(pl.from_arrow(obj).lazy()), source=info, in_memory=True)
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


#: The ReportConfig fields that decide how a source is read: `load`'s options, all of them (`read_key`).
READ_OPTIONS = ("encoding", "delimiter", "header", "na_values", "stream", "table", "sheet", "sql", "engine")


def load_table(source: Any, config: ReportConfig) -> Table:
    """The load stage: `source` loaded under `config`'s reading options and restricted to `config.columns` (plus
    the group, target, covariate and metric columns, each checked to exist)."""
    return restrict_table(read_table(source, config), config)


def read_table(source: Any, config: ReportConfig) -> Table:
    """`source` loaded under `config`'s reading options (`READ_OPTIONS`), every column kept."""
    return load(source, **{name: getattr(config, name) for name in READ_OPTIONS})


def read_key(source: Any, config: ReportConfig) -> tuple[Any, ...]:
    """What decides the table `read_table(source, config)` gives: two equal keys read the same table (lists made
    tuples to compare). The command compares the key of the read it started before parsing its options with this."""
    values = [getattr(config, name) for name in READ_OPTIONS]
    return (source, *(tuple(v) if isinstance(v, list) else v for v in values))


def restrict_table(table: Table, config: ReportConfig) -> Table:
    """`table` restricted to `config.columns` plus the group, pair, target, covariate and metric columns."""
    keep = [c for c in (config.group, config.pair, config.target, config.covariate, *(config.metrics or [])) if c]
    return _select_columns(table, config.columns, keep=keep)


def _select_columns(table: Table, columns: list[str] | None, keep: list[str]) -> Table:
    """Check every named column exists; restrict the table to `columns` (plus the group/target ones)."""
    names = table.columns
    unknown = [c for c in [*(columns or []), *keep] if c not in names]
    if unknown:
        raise EdakitError(f"Unknown column(s): {', '.join(unknown)}. Columns are: {', '.join(names)}.")
    if not columns:
        return table
    wanted = list(dict.fromkeys([*columns, *keep]))
    return replace(table, frame=table.frame.select(wanted))  # keeps a streamed file's scratch copy


def start_load_table(source: Any, config: ReportConfig) -> Future[Table]:
    """`load_table` on a thread, for a caller that imports what the analysis needs meanwhile (`edakit report`:
    0.2-0.3 CPU-s of edakit's, numpy's and scipy's modules beside polars' read, which releases the GIL).

    polars and numpy are imported here first, so that the read never finds them half-imported in `sys.modules`
    (narwhals and polars test objects against numpy's types when numpy is there). Only polars' own read runs on
    the thread: DuckDB and Spark keep their connections on the caller's thread (`load_table` there)."""
    if config.engine != "polars":
        future: Future[Table] = Future()
        try:
            future.set_result(load_table(source, config))
        except BaseException as exc:
            future.set_exception(exc)
        return future
    import numpy  # noqa: F401
    import polars  # noqa: F401

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="load")
    try:
        return pool.submit(load_table, source, config)
    finally:
        pool.shutdown(wait=False)
