"""Reading a sniffed delimited file with polars: the options `pl.read_csv`/`pl.scan_csv` get, the missing-value
marker lists tried in turn, small integer columns held as Int16 and long repeated text as Categorical in large
files, text decoded or re-spaced on its way to polars, column names fixed (unnamed, quoted, duplicated, or none at
all) and the notes that say what the sniffer decided. `loader` puts these together for a whole read and for a
streamed one."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit.errors import EdakitError
from edakit.sniff import Layout, respace

if TYPE_CHECKING:
    from edakit.loader import SourceInfo

NARROW_ABOVE_BYTES = 64 << 20  # CSVs larger than this read small integer columns as Int16 (`read_narrowed`)
NARROW_LIMIT = 8_191
COMPACT_TEXT_MIN = 100  # text values in the head needed to judge a column repeated (`compact_columns`)
INLINE_BYTES = 12  # polars keeps a string of at most this many bytes inside its 16-byte view
STREAM_CHUNK_CHARS = 1 << 22  # characters per chunk when a file is decompressed/transcoded for streaming


def empty_strings_as_missing(frame: Any) -> Any:
    """Text columns with their empty strings (quoted empty fields) as missing values; untouched when none has one."""
    import polars as pl

    text = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical)]
    if not text:
        return frame
    found = frame.select(pl.col(text).eq("").any()).row(0)
    hit = [name for name, any_empty in zip(text, found, strict=True) if any_empty]
    return frame.with_columns(pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in hit) if hit else frame


def read_narrowed(source: Any, options: dict[str, Any], size: int | None, head: str) -> Any:
    """`pl.read_csv` with the types `pl.scan_csv` infers (`inferred_schema`), and with compact storage for the
    columns whose values in the file's `head` (its sniffed lines) allow it, when the file is larger than
    `NARROW_ABOVE_BYTES` (`compact_columns`): small integers as Int16, a quarter of the memory of Int64 (flights
    10×: peak 990 → 690 MiB), and long repeated text as Categorical, read back as text by every query (`as_text`).
    A later integer that does not fit Int16 makes polars refuse the read; it is then read again with the
    Categorical columns alone, then with the inferred types alone. Int16 sums are widened to Int64 by polars, and
    the analyses take values as floats, so nothing overflows."""
    import polars as pl

    compact: dict[str, Any] = {}
    inferred = inferred_schema(source, options)
    if size is not None and size > NARROW_ABOVE_BYTES:
        compact = compact_columns(head, options)
    text = {name: dtype for name, dtype in compact.items() if dtype == pl.Categorical}
    for overrides in [compact, text] if text != compact else [compact]:
        if overrides:
            try:
                return _read_typed(source, options, inferred, overrides)
            except pl.exceptions.ComputeError:  # a value beyond the head does not fit Int16
                continue
    return _read_typed(source, options, inferred, {})


def inferred_schema(source: Any, options: dict[str, Any]) -> dict[str, Any] | None:
    """The schema `pl.read_csv(source, **options)` infers (from its first `infer_schema_length` rows), inferred by
    `pl.scan_csv` with the same options; None for a source that is not a file path, or when polars cannot.

    Why: `read_csv`'s own inference is the slower: it took 2.5-2.8 CPU-s on the wide benchmark table (1,500
    columns × 8,000 rows, all of its rows inferred) where `scan_csv`'s inference takes 0.8 and the read with every
    type given 0.45, and on flights' first 250 kB, 1 MB and 4 MB and on flights 1× 11, 36, 50 and 167 CPU-ms
    against 6, 19, 32 and 152 (penguins 1.5 both); the same table (tests/test_load_compact.py compares the two
    reads)."""
    import polars as pl

    if not isinstance(source, Path):
        return None
    try:
        return dict(pl.scan_csv(source, **options).collect_schema())
    except pl.exceptions.PolarsError:
        return None


def _read_typed(source: Any, options: dict[str, Any], inferred: dict[str, Any] | None, overrides: dict) -> Any:
    """`pl.read_csv` with `overrides`, its inference replaced by `inferred` (every column's type, in order) when
    given."""
    import polars as pl

    if inferred is None:
        return pl.read_csv(rewound(source), schema_overrides=overrides or None, **options)
    types = [overrides.get(name, dtype) for name, dtype in inferred.items()]
    return pl.read_csv(source, schema_overrides=types, **(options | {"infer_schema_length": 0}))


def compact_columns(head: str, options: dict[str, Any]) -> dict[str, Any]:
    """{column: Int16} for the integer columns of `head` (whole lines of the file) within ±`NARROW_LIMIT`, a
    quarter of Int16's range; {column: Categorical} for its text columns of repeated values (at most half as many
    distinct values as values, and at least `COMPACT_TEXT_MIN` values) longer than `INLINE_BYTES` on average.

    Why only long text: polars holds a string in a 16-byte view, plus its bytes in a buffer when they are more
    than 12, and a Categorical in 4 bytes a row; but every query that uses the column turns it back into strings
    (about 0.05 CPU-s per 3.4 M rows). A long text saves 25 bytes a row or more (flights 10×: time_hour, 20
    bytes, 135 → 13 MiB held), a short one 12, which on flights' four short columns did not pay for their many
    queries (+1.5 CPU-s for 130 MiB). A column with no value in the head is left to polars: it reads one empty
    there as text, though a full read may find numbers."""
    import polars as pl

    try:
        frame = pl.read_csv(io.BytesIO(head.encode("utf-8")), **options)
    except pl.exceptions.PolarsError:  # e.g. a quoted field cut by the end of the head
        return {}
    if frame.height == 0:
        return {}
    integers = [name for name, dtype in frame.schema.items() if dtype.is_integer()]
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    out: dict[str, Any] = {}
    if integers:
        row = frame.select(pl.col(integers).abs().max()).row(0)
        out |= {name: pl.Int16 for name, top in zip(integers, row, strict=True) if top is None or top <= NARROW_LIMIT}
    if text:
        values = frame.select(pl.col(text).count()).row(0)
        distinct = frame.select(pl.col(text).drop_nulls().n_unique()).row(0)
        length = frame.select(pl.col(text).str.len_bytes().mean()).row(0)
        out |= {
            name: pl.Categorical
            for name, n, k, mean in zip(text, values, distinct, length, strict=True)
            if n >= COMPACT_TEXT_MIN and 2 * k <= n and mean > INLINE_BYTES
        }
    return out


COMPACT_ATTRIBUTE = "_edakit_compact"  # on `as_text`'s LazyFrame: the DataFrame with its Categorical columns


def as_text(frame: Any) -> Any:
    """A polars DataFrame's Categorical columns (`read_narrowed`) read back as text, lazily: the table stays
    compact in memory and each query turns only the columns it uses into strings. The LazyFrame keeps the
    DataFrame (`COMPACT_ATTRIBUTE`), so that a text column converted to dates or numbers is parsed once per
    distinct value rather than once per row (`engine.convert.converted_once`)."""
    import polars as pl

    categorical = [name for name, dtype in frame.schema.items() if dtype == pl.Categorical]
    lazy = frame.lazy()
    if not categorical:
        return lazy
    lazy = lazy.with_columns(pl.col(categorical).cast(pl.String))
    setattr(lazy, COMPACT_ATTRIBUTE, frame)
    return lazy


def whole_lines(head: str, complete: bool) -> str:
    """The sniffed head without its last, possibly cut, line (all of it when it holds the whole file)."""
    return head if complete else head[: head.rfind("\n") + 1]


def rewound(source: Any) -> Any:
    """The source ready to read from its start (an in-memory transcoded file is read more than once)."""
    if isinstance(source, io.BytesIO):
        source.seek(0)
    return source


def polars_csv_options(info: SourceInfo, header: bool, layout: Layout, markers: list[str]) -> dict[str, Any]:
    """The options of `pl.read_csv` / `pl.scan_csv` for a sniffed file (the same for both): comment lines skipped,
    and the empty field after a row's trailing delimiter dropped when the header has none."""
    options = {
        "separator": info.delimiter,
        "has_header": header,
        "skip_rows": layout.skip_rows,
        "null_values": markers,
        "infer_schema_length": 10_000,
        "try_parse_dates": False,
        "decimal_comma": layout.decimal_comma,
        "encoding": "utf8",
        "comment_prefix": layout.comment,
        "truncate_ragged_lines": layout.trailing == "rows",
        "skip_rows_after_header": layout.header_rows - 1 if header else 0,
        "quote_char": '"' if layout.quoted else None,
    }
    return options


def tidy_rows(frame: Any, layout: Layout) -> tuple[Any, list[str]]:
    """The table without what a layout adds to it: the empty column after trailing delimiters, and the rows of
    missing values that polars reads from blank lines (in a table of two or more columns); eager or lazy polars.
    Returns the frame and the notes that say so."""
    import polars as pl

    notes = []
    names = frame.collect_schema().names()
    if layout.trailing == "all" and len(names) > 1 and not names[-1].strip():
        frame = frame.drop(names[-1])
        names = names[:-1]
        notes.append("Every line ends with a delimiter: the empty column after it was left out.")
    elif layout.trailing == "rows":
        notes.append("Every row ends with a delimiter that the header lacks: the empty field after it was left out.")
    if layout.blank_rows and len(names) > 1:
        frame = frame.filter(~pl.all_horizontal(pl.all().is_null()))
        notes.append(f"{layout.blank_rows:,} blank line(s) among the rows were left out.")
    return frame, notes


def marker_lists(markers: list[str], seen: set[str]) -> list[tuple[list[str], bool]]:
    """The marker lists to try in turn, each with whether it is the last: those seen in the head, then all."""
    few = [m for m in markers if m in seen]
    return [(few, False), (markers, True)] if len(few) < len(markers) else [(markers, True)]


def markers_missed(frame: Any, omitted: list[str]) -> bool:
    """Whether a table read without the `omitted` markers holds one of them, so a read with them would differ.

    A marker left out is read as text (a text column holding it), as NaN (polars parses "NaN" and "nan" in float
    columns) or not at all (a number column refuses it: `read_csv` fails, and the caller retries). Checks every
    column in one pass; `frame` is a polars DataFrame or LazyFrame."""
    import polars as pl

    if not omitted:
        return False
    nan_markers = {"NaN", "nan"}.intersection(omitted)
    checks = []
    for name, dtype in frame.collect_schema().items():
        if dtype in (pl.String, pl.Categorical):
            checks.append(pl.col(name).is_in(omitted).any())
        elif dtype.is_float() and nan_markers:
            checks.append(pl.col(name).is_nan().any())
    if not checks:
        return False
    result = frame.select(checks)
    row = (result.collect() if isinstance(result, pl.LazyFrame) else result).row(0)
    return any(bool(v) for v in row)


def transcode(path: Path, info: SourceInfo, target: Path) -> None:
    """Decompress and/or decode a file into UTF-8 text at `target`, a chunk at a time (polars reads UTF-8 only)."""
    opener = gzip.open if info.compression == "gzip" else open
    try:
        with (
            opener(path, "rb") as raw,
            io.TextIOWrapper(raw, encoding=info.encoding or "utf-8", newline="") as text,
            target.open("w", encoding="utf-8", newline="") as out,
        ):
            first = True
            while chunk := text.read(STREAM_CHUNK_CHARS):
                if first and chunk.startswith("\ufeff"):
                    chunk = chunk[1:]
                first = False
                out.write(chunk)
    except UnicodeDecodeError:
        raise EdakitError(f"{path} is not valid {info.encoding} text; pass the right one with --encoding.") from None
    except (OSError, EOFError) as exc:
        raise EdakitError(f"Cannot convert {path} to UTF-8 in {target.parent}: {exc}.") from None


def respaced(path: Path, info: SourceInfo, spacing: str, out: Any) -> None:
    """The file (decompressed, decoded) as UTF-8 text with the spaces between fields normalised (`respace`),
    written line by line to the binary stream `out`, so memory stays bounded."""
    opener = gzip.open if info.compression == "gzip" else open
    try:
        with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding=info.encoding or "utf-8", newline="") as text:
            for line in respace(text, spacing):
                out.write(line.lstrip("\ufeff").encode("utf-8"))
    except UnicodeDecodeError:
        raise EdakitError(f"{path} is not valid {info.encoding} text; pass the right one with --encoding.") from None
    except (OSError, EOFError) as exc:
        raise EdakitError(f"Cannot read {path}: {exc}.") from None


def describe_layout(info: SourceInfo, layout: Layout) -> None:
    """Say in the report what the sniffer decided about the file's layout."""
    if layout.spacing == "runs":
        info.notes.append("Fields are separated by spaces (one or more between two fields).")
    elif layout.spacing == "after_comma":
        info.notes.append('Fields are separated by ", " (a comma and a space): the spaces after commas were removed.')
    if layout.header_line:
        info.skipped_lines = layout.header_line
        info.notes.append(f"Skipped {layout.header_line} line(s) above the header (a title, comments, blank lines).")
    if not layout.quoted:
        info.notes.append(
            "The double quotes in this file open no quoted field (none is closed on its line): they were read as "
            "characters of the values."
        )
    if layout.header_rows > 1:
        info.notes.append(
            f"Line {layout.header_line + 2:,} is a second header row (units or labels, text over numeric columns); "
            "it was left out of the rows, and the names are those of the line above it."
        )
    if layout.comment:
        info.notes.append(f'Lines starting with "{layout.comment}" were read as comments and left out.')
    if layout.second_table_line is not None:
        info.notes.append(
            f"The file holds more than one table: only the first ({layout.first_table_rows:,} rows) was read; "
            f"another starts on line {layout.second_table_line:,}. Save each table in a file of its own to report "
            "on the others."
        )
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


def name_columns(df: Any, header: bool, info: SourceInfo) -> Any:
    """Give unnamed columns a name, and say when duplicated names had to be made unique (eager or lazy polars)."""
    renames, notes = column_renames(df.collect_schema().names(), header)
    info.notes.extend(notes)
    return df.rename(renames) if renames else df


def column_renames(names: list[str], header: bool) -> tuple[dict[str, str], list[str]]:
    """New names for unnamed columns (or every column, without a header), and the notes that say so."""
    if not header:
        return {c: f"column_{i + 1}" for i, c in enumerate(names)}, []
    renames = {c: f"(unnamed {i + 1})" for i, c in enumerate(names) if not c.strip()}
    notes = []
    if renames:
        notes.append(f"{len(renames)} column(s) had no name in the header; they are called (unnamed N).")
    quoted = {c: c[1:-1] for c in names if len(c) > 2 and c[0] == c[-1] == "'" and c not in renames}
    if quoted and len(set(names) - set(quoted) | set(quoted.values())) == len(names):
        renames.update(quoted)
        notes.append(f"Single quotes around {len(quoted)} column name(s) were removed (e.g. {next(iter(quoted))}).")
    duplicated = [c for c in names if "_duplicated_" in c]
    if duplicated:
        notes.append(f"Repeated column names were made unique: {', '.join(duplicated)}.")
    return renames, notes


def as_utf8_bytes(path: Path, info: SourceInfo) -> io.BytesIO:
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
