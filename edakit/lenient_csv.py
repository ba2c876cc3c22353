"""The second try for a CSV the strict reader refuses: DuckDB's forgiving reader (short rows padded with missing
values, rows it cannot parse skipped), in memory or straight to Parquet for a streamed file; the note it leaves
says so in the report."""

from __future__ import annotations

import io
import os
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit.errors import EdakitError

if TYPE_CHECKING:
    from edakit.loader import SourceInfo


def read_csv_lenient(source: Any, info: SourceInfo, header: bool, reason: str, skip_rows: int = 0) -> Any:
    """Second try with DuckDB's forgiving reader (ragged rows padded, bad rows skipped), said in the notes."""
    import duckdb
    import polars as pl

    temp_name = remove = None
    if isinstance(source, io.BytesIO):  # DuckDB reads files: hand it the decoded text in a temporary one
        with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as handle:
            # removed at exit too if this read still runs then (the command's early read, `edakit.early_read`)
            temp_name, remove = handle.name, weakref.finalize(handle, os.unlink, handle.name)
            handle.write(source.getvalue())
    con = duckdb.connect()
    try:
        df = pl.from_arrow(_duckdb_relation(con, temp_name or str(source), info, header, skip_rows).to_arrow_table())
    except duckdb.Error as exc:
        message = f"Cannot parse {info.path} as a delimited text table: {reason}; {exc}"
        raise EdakitError(message.splitlines()[0]) from None
    finally:
        con.close()
        if remove:
            remove()
    info.reader = "duckdb"
    info.notes.append(_duckdb_note(reason))
    return df


def lenient_csv_to_parquet(
    source: Path, info: SourceInfo, header: bool, reason: str, skip_rows: int, target: Path, scratch: Path
) -> None:
    """The lenient DuckDB reader for a streamed file: written straight to Parquet, spilling to `scratch`."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": "1GB", "temp_directory": str(scratch)})
    try:
        _duckdb_relation(con, str(source), info, header, skip_rows).write_parquet(str(target))
    except duckdb.Error as exc:
        message = f"Cannot parse {info.path} as a delimited text table: {reason}; {exc}"
        raise EdakitError(message.splitlines()[0]) from None
    finally:
        con.close()
    info.notes.append(_duckdb_note(reason))


def _duckdb_relation(con: Any, path: str, info: SourceInfo, header: bool, skip_rows: int) -> Any:
    extra = {"skiprows": skip_rows} if skip_rows else {}  # an explicit 0 turns DuckDB's sniffer off
    return con.read_csv(
        path,
        delimiter=info.delimiter,
        header=header,
        null_padding=True,
        ignore_errors=True,
        strict_mode=False,
        parallel=False,
        na_values=info.na_values,
        **extra,
    )


def _duckdb_note(reason: str) -> str:
    return (
        f"The strict CSV reader refused this file ({reason}); DuckDB's lenient reader was used instead, "
        "padding short rows with missing values and skipping rows it could not parse."
    )
