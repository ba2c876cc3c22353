"""Tables that are not delimited text: Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods, through
polars' calamine engine, fastexcel), JSON (an array of records, or NDJSON: one record a line), Arrow IPC / Feather,
a directory of Parquet files, and the tables of SQLite and DuckDB database files (a table, or the result of a SQL
query). The format is chosen from the file's first bytes (and its extension where the bytes do not tell); `loader`
calls `sniff_format` first and falls back to the CSV path when it returns None. A format we know but do not read
(SPSS, Stata, HDF5, a ZIP archive, ...) is a one-line `EdakitError` that names it and says what to do."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit.errors import EdakitError

if TYPE_CHECKING:
    from edakit.loader import SourceInfo

SQLITE_MAGIC = b"SQLite format 3\x00"
ARROW_MAGIC = b"ARROW1"
FEATHER_V1_MAGIC = b"FEA1"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel (.xls), old Word, ...
JSON_SUFFIXES = {".json", ".geojson"}
NDJSON_SUFFIXES = {".ndjson", ".jsonl"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
SAVE_AS_CSV = "save it as CSV (or Parquet) and report on that file"
# Formats recognised but not read: (first bytes or None, extensions, what it is, what to do).
UNSUPPORTED: list[tuple[bytes | None, set[str], str, str]] = [
    (b"$FL2", {".sav", ".zsav"}, "an SPSS data file", SAVE_AS_CSV + " (e.g. pandas.read_spss(...).to_csv(...))"),
    (None, {".dta"}, "a Stata data file", SAVE_AS_CSV + " (e.g. pandas.read_stata(...).to_parquet(...))"),
    (None, {".sas7bdat", ".xpt"}, "a SAS data file", SAVE_AS_CSV + " (e.g. pandas.read_sas(...).to_parquet(...))"),
    (None, {".rds", ".rda", ".rdata"}, "an R data file", "write it from R with write.csv() and report on that"),
    (b"\x89HDF\r\n\x1a\n", {".h5", ".hdf5", ".hdf"}, "an HDF5 file", SAVE_AS_CSV),
    (b"\x93NUMPY", {".npy", ".npz"}, "a NumPy array file", SAVE_AS_CSV + " (e.g. with pandas.DataFrame(...))"),
    (None, {".pkl", ".pickle"}, "a Python pickle", "load it in Python and pass the DataFrame to edakit.report"),
    (b"ORC", {".orc"}, "an ORC file", "convert it to Parquet (pyarrow.orc reads it) and report on that"),
    (b"Obj\x01", {".avro"}, "an Avro file", "convert it to Parquet or CSV and report on that"),
    (b"%PDF", {".pdf"}, "a PDF document", "export its table as CSV and report on that"),
]


def sniff_format(path: Path, head: bytes) -> str | None:
    """The format of a file that is not delimited text ("excel", "json", "ndjson", "ipc", "ipc-stream",
    "feather-v1", "sqlite", "duckdb"), None for text (CSV and friends); a format we do not read is an `EdakitError`."""
    suffixes = [s.lower() for s in path.suffixes]
    suffix = suffixes[-2] if suffixes[-1:] == [".gz"] and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head[8:12] == b"DUCK":
        return "duckdb"
    if head.startswith(ARROW_MAGIC):
        return "ipc"
    if head.startswith(FEATHER_V1_MAGIC):
        return "feather-v1"
    if suffix in (".arrows",) or (suffix in (".arrow", ".feather", ".ipc") and head[:4] == b"\xff\xff\xff\xff"):
        return "ipc-stream"
    if head.startswith(b"PK\x03\x04"):
        if _zip_kind(path) != "a ZIP archive":
            return "excel"
        raise EdakitError(f"{path} is a ZIP archive, which edakit does not read: unzip it and report on a table in it.")
    if head.startswith(OLE_MAGIC) or suffix in EXCEL_SUFFIXES:
        return "excel"  # an old Word file in an OLE container fails to read as a workbook, with a one-line error
    for magic, suffixes_of, what, advice in UNSUPPORTED:
        if (magic and head.startswith(magic)) or suffix in suffixes_of:
            raise EdakitError(f"{path} is {what}, which edakit does not read: {advice}.")
    text = _text_start(path, head)
    if suffix in NDJSON_SUFFIXES:
        return "ndjson"
    if suffix in JSON_SUFFIXES or _opens(text, "[", "{[]"):
        return "json"
    if _opens(text, "{", '"}'):  # not a CSV header such as {a},{b}
        first = text.split("\n", 1)[0].strip()
        try:
            json.loads(first)
        except ValueError:
            return "json"  # one object over several lines
        return "ndjson"
    return None


def _opens(text: str, bracket: str, then: str) -> bool:
    """Whether text starts with `bracket` followed (after spaces) by one of `then`: "[{" opens records, while
    "[id],[name]" is a CSV header (SQL Server's quoted names)."""
    return text.startswith(bracket) and text[1:].lstrip()[:1] in tuple(then)


def _text_start(path: Path, head: bytes) -> str:
    """The first characters of the file as text, decompressed, without a BOM or leading whitespace."""
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as handle:
                head = handle.read(4096)
        except (OSError, EOFError):
            return ""
    for bom in (b"\xef\xbb\xbf",):
        head = head.removeprefix(bom)
    return head[:4096].decode("utf-8", errors="replace").lstrip()


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "a ZIP archive"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "an Excel workbook"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument spreadsheet"
    return "a ZIP archive"


def read_format(
    kind: str, path: Path, info: SourceInfo, table: str | None = None, sheet: str | None = None, sql: str | None = None
) -> tuple[Any, bool]:
    """(a polars LazyFrame, whether its rows are in memory) for a file of format `kind` (from `sniff_format`):
    `sheet` picks a workbook's sheet, `table` a database's table and `sql` a query run on a database."""
    import polars as pl

    info.kind = {"ipc-stream": "ipc", "feather-v1": "ipc", "ndjson": "json"}.get(kind, kind)
    info.reader = "duckdb" if kind == "duckdb" else "polars"
    check_options(path, info.kind, table, sheet, sql)
    try:
        if kind == "excel":
            return _read_excel(path, info, sheet).lazy(), True
        if kind == "ipc":
            frame = pl.scan_ipc(path)
            frame.collect_schema()
            return frame, False
        if kind == "ipc-stream":
            return pl.read_ipc_stream(path).lazy(), True
        if kind == "feather-v1":
            import warnings

            import pyarrow.feather as feather

            info.reader = "pyarrow"
            with warnings.catch_warnings():  # pyarrow deprecates Feather V1, which users still have
                warnings.simplefilter("ignore", DeprecationWarning)
                table_v1 = feather.read_table(path)
            return pl.from_arrow(table_v1).lazy(), True  # type: ignore[union-attr]
        if kind in ("json", "ndjson"):
            return _read_json(kind, path, info).lazy(), True
        if kind == "sqlite":
            return _read_sqlite(path, info, table, sql).lazy(), True
        if kind == "duckdb":
            return _read_duckdb(path, info, table, sql).lazy(), True
    except EdakitError:
        raise
    except Exception as exc:  # noqa: BLE001 - every reader's own error becomes one line
        what = {
            "excel": "a spreadsheet workbook",
            "ipc": "Arrow IPC / Feather",
            "json": "JSON",
            "sqlite": "SQLite",
            "duckdb": "DuckDB",
        }[info.kind]
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if sql is not None:
            raise EdakitError(f"The --sql query failed on {path}: {message}") from None
        raise EdakitError(f"Cannot read {path} as {what}: {message}") from None
    raise EdakitError(f"{path}: unknown format {kind!r}.")


def check_options(path: Path, kind: str, table: str | None, sheet: str | None, sql: str | None) -> None:
    """A one-line error for an option that does not apply to the file's format (`kind` as in `SourceInfo.kind`)."""
    database = kind in ("sqlite", "duckdb")
    if sheet is not None and kind != "excel":
        raise EdakitError(f"--sheet applies to Excel and OpenDocument workbooks; {path} is read as {kind}.")
    for option, value in (("--table", table), ("--sql", sql)):
        if value is not None and not database:
            raise EdakitError(f"{option} applies to SQLite and DuckDB database files; {path} is read as {kind}.")
    if table is not None and sql is not None:
        raise EdakitError("Give either --table or --sql, not both: the query names the tables it reads.")
    if sql is not None and not sql.strip():
        raise EdakitError("--sql is empty; give a query such as --sql 'SELECT * FROM penguins WHERE year = 2008'.")


def _read_excel(path: Path, info: SourceInfo, sheet: str | None) -> Any:
    """A sheet of a workbook (the first by default) through polars' calamine engine (fastexcel); the first row
    holds the names, and every row is looked at to type a column."""
    try:
        import fastexcel
    except ImportError:
        raise EdakitError(
            f"{path} is a spreadsheet workbook, but the Excel reader fastexcel is not installed: "
            f"`pip install fastexcel`, or {SAVE_AS_CSV}."
        ) from None
    import polars as pl

    try:
        sheets = fastexcel.read_excel(path).sheet_names
    except Exception as exc:  # noqa: BLE001 - not a workbook after all (an old Word file, a misnamed CSV)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EdakitError(f"Cannot read {path} as a spreadsheet workbook: {message}; {SAVE_AS_CSV}.") from None
    if sheet is not None and sheet not in sheets:
        raise EdakitError(f"{path} has no sheet {sheet!r}; its sheets: {', '.join(sheets) or '(none)'}.")
    if not sheets:
        raise EdakitError(f"{path} is a workbook without sheets; there is nothing to report on.")
    name = sheet if sheet is not None else sheets[0]
    frame = pl.read_excel(path, sheet_name=name, engine="calamine", infer_schema_length=None)
    if frame.width == 0:
        raise EdakitError(f"Sheet {name!r} of {path} is empty; choose another with --sheet NAME.")
    info.kind = "excel"
    info.reader = "polars (fastexcel)"
    note = f"Sheet {name!r} of the workbook"
    if sheet is None and len(sheets) > 1:
        note += f", the first of its {len(sheets)} sheets ({', '.join(sheets)}); choose another with --sheet NAME"
    info.notes.append(note + ".")
    return frame


def read_parquet_directory(path: Path, info: SourceInfo) -> Any:
    """A polars LazyFrame scanning every Parquet file under the directory `path` (as one table)."""
    import polars as pl

    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".parquet", ".pq"))
    if not files:
        raise EdakitError(f"{path} is a directory without Parquet files; give the path of a data file instead.")
    info.kind = "parquet"
    info.reader = "polars"
    info.file_size = sum(p.stat().st_size for p in files)
    try:
        frame = pl.scan_parquet(files)
        frame.collect_schema()
    except Exception as exc:  # noqa: BLE001 - files with different columns, a damaged file
        message = str(exc).strip().splitlines()[0]
        raise EdakitError(f"Cannot read the {len(files)} Parquet files in {path} as one table: {message}") from None
    info.notes.append(f"The table is the {len(files)} Parquet file(s) of the directory, one after another.")
    return frame


def _read_json(kind: str, path: Path, info: SourceInfo) -> Any:
    import polars as pl

    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    with opener(path, "rb") as handle:
        data = handle.read()
    data = data.removeprefix(b"\xef\xbb\xbf")
    if kind == "ndjson":
        frame = pl.read_ndjson(data, infer_schema_length=None)
    else:
        parsed = json.loads(data)
        if isinstance(parsed, dict) and parsed and all(isinstance(v, list) for v in parsed.values()):
            frame = pl.DataFrame(parsed, strict=False)  # {"column": [values], ...}
        elif isinstance(parsed, list) and parsed and all(isinstance(r, dict) for r in parsed):
            frame = pl.DataFrame(parsed, infer_schema_length=None, strict=False)
        else:
            what = type(parsed).__name__.replace("dict", "object").replace("list", "array")
            raise EdakitError(
                f"{path} is JSON but not a table (its top level is {'an empty' if not parsed else 'an'} {what}, "
                "not an array of records, records per line or an object of columns); "
                "reshape it into records or save it as CSV."
            )
    return _flatten(frame, info)


def _flatten(frame: Any, info: SourceInfo) -> Any:
    """Nested objects as columns with dotted names (a.b.c), lists and other values as JSON text."""
    import polars as pl

    nested = False
    while structs := [n for n, t in frame.schema.items() if isinstance(t, pl.Struct)]:
        nested = True
        for name in structs:
            fields = [f.name for f in frame.schema[name].fields]
            frame = frame.with_columns(pl.col(name).struct.rename_fields([f"{name}.{f}" for f in fields])).unnest(name)
    if nested:
        info.notes.append("Nested JSON objects were flattened into columns with dotted names (e.g. a.b).")
    lists = [n for n, t in frame.schema.items() if isinstance(t, (pl.List, pl.Array, pl.Object))]
    if lists:
        frame = frame.with_columns(
            pl.col(n).map_elements(lambda v: json.dumps(_plain(v), default=str), return_dtype=pl.String) for n in lists
        )
        info.notes.append(f"{len(lists)} column(s) holding lists were read as their JSON text: {', '.join(lists)}.")
    if frame.width == 0:
        raise EdakitError(f"{info.path} holds JSON records without any field; there is no table to report on.")
    return frame


def _plain(value: Any) -> Any:
    return value.to_list() if hasattr(value, "to_list") else value


def _choose_table(path: Path, tables: list[str], table: str | None, what: str) -> str:
    if table is not None:
        if table in tables:
            return table
        raise EdakitError(f"{path} has no table {table!r}; its tables: {', '.join(tables) or '(none)'}.")
    if len(tables) == 1:
        return tables[0]
    if not tables:
        raise EdakitError(f"{path} is a {what} database without tables; there is nothing to report on.")
    raise EdakitError(
        f"{path} is a {what} database with {len(tables)} tables ({', '.join(tables)}); choose one with --table NAME."
    )


def _read_sqlite(path: Path, info: SourceInfo, table: str | None, sql: str | None) -> Any:
    """A table (or view) of a SQLite file, or the result of the query `sql` on it (opened read-only), through
    Python's sqlite3 (DuckDB's SQLite extension needs a download)."""
    import sqlite3

    import polars as pl

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if sql is not None:
            frame = pl.read_database(sql, connection=con, infer_schema_length=None)
            info.reader = "polars (sqlite3)"
            info.notes.append("The table is the result of the --sql query on the SQLite database.")
            return frame
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        name = _choose_table(path, tables, table, "SQLite")
        quoted = '"' + name.replace('"', '""') + '"'
        frame = pl.read_database(f"SELECT * FROM {quoted}", connection=con, infer_schema_length=None)
    finally:
        con.close()
    info.reader = "polars (sqlite3)"
    info.notes.append(f"Table {name!r} of the SQLite database.")
    return frame


def _read_duckdb(path: Path, info: SourceInfo, table: str | None, sql: str | None) -> Any:
    """A table of a DuckDB file, or the result of the query `sql` on it (opened read-only)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        if sql is not None:
            relation = con.sql(sql)
            if relation is None:  # a statement that returns no rows (SET, PRAGMA, ...)
                raise EdakitError(f"The --sql query on {path} returns no table; give a SELECT query.")
            info.notes.append("The table is the result of the --sql query on the DuckDB database.")
            return relation.pl()
        rows = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() ORDER BY table_schema, table_name"
        ).fetchall()
        names = {(n if s == "main" else f"{s}.{n}"): (s, n) for s, n in rows}
        name = _choose_table(path, list(names), table, "DuckDB")
        schema, bare = names[name]
        quote = '"{}"'.format
        frame = con.sql(
            f"SELECT * FROM {quote(schema.replace(chr(34), chr(34) * 2))}.{quote(bare.replace(chr(34), chr(34) * 2))}"
        ).pl()
    finally:
        con.close()
    info.notes.append(f"Table {name!r} of the DuckDB database.")
    return frame
