"""Loading: encodings, delimiters, quoting, compression, Parquet and DataFrames all give the same table."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import edakit
from edakit.errors import EdakitError
from edakit.loader import load

ROWS = [("Zoë", "1,5", 3.5), ("Ålesund", "2", -1.25), ('say "hi"', "3", 10.0), ("naïve café €", "4", 0.0)]


def write_table(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    lines = [delimiter.join(["name", "code", "value"])]
    for name, code, value in ROWS:
        quoted = '"' + name.replace('"', '""') + '"'
        code_field = f'"{code}"' if delimiter in code or "," in code else code
        lines.append(delimiter.join([quoted, code_field, repr(value)]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def collected(table) -> pl.DataFrame:
    return pl.from_arrow(table.frame.collect().to_arrow())


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    table = load(write_table(tmp_path / "t.csv", encoding=encoding))
    assert table.source.encoding == expected
    df = collected(table)
    assert df.columns == ["name", "code", "value"]
    assert df["name"].to_list() == [r[0] for r in ROWS]
    assert df["value"].to_list() == [r[2] for r in ROWS]


def test_latin1_without_euro_sign_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("city,temp\nSão Paulo,21.5\nMálaga,19\nKöln,8\n".encode("latin-1"))
    df = collected(load(path))
    assert df["city"].to_list() == ["São Paulo", "Málaga", "Köln"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    table = load(write_table(tmp_path / "t.txt", delimiter=delimiter))
    assert table.source.delimiter == delimiter
    assert collected(table).shape == (4, 3)


def test_quoted_fields_with_delimiters_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('id,comment\n1,"first, with comma"\n2,"two\nlines"\n3,"a ""quote"""\n', encoding="utf-8")
    df = collected(load(path))
    assert df["comment"].to_list() == ["first, with comma", "two\nlines", 'a "quote"']


def test_gzip_csv(tmp_path: Path) -> None:
    plain = write_table(tmp_path / "t.csv")
    packed = tmp_path / "t.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    table = load(packed)
    assert table.source.compression == "gzip"
    assert collected(table).equals(collected(load(plain)))


def test_parquet(tmp_path: Path) -> None:
    df = pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None]})
    df.write_parquet(tmp_path / "t.parquet")
    table = load(tmp_path / "t.parquet")
    assert table.source.kind == "parquet"
    assert collected(table).equals(df)


def test_bundled_dataset_by_name() -> None:
    table = load("penguins")
    assert table.source.name == "penguins"
    assert collected(table).shape == (344, 8)


def test_ragged_rows_fall_back_to_lenient_reader_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", encoding="utf-8")
    table = load(path)
    df = collected(table)
    assert df.columns[:3] == ["a", "b", "c"]  # the long row keeps its extra field in a new column
    assert df["a"].to_list()[:2] == [1, 4]
    assert df["c"].to_list()[:2] == [3, None]
    assert table.source.reader == "duckdb" and table.source.notes


def test_no_header_option_names_columns(tmp_path: Path) -> None:
    path = tmp_path / "nh.csv"
    path.write_text("1,2\n3,4\n", encoding="utf-8")
    df = collected(load(path, header=False))
    assert df.columns == ["column_1", "column_2"] and df.height == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"   \n\n  \n", "whitespace"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(EdakitError, match=message):
        load(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(EdakitError, match="not found"):
        load(tmp_path / "nope.csv")
    with pytest.raises(EdakitError, match="directory"):
        load(tmp_path)


def test_wrong_encoding_option_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("city\nMálaga\n".encode("latin-1"))
    with pytest.raises(EdakitError, match="not valid utf-8"):
        load(path, encoding="utf-8")


def test_dataframes_of_every_kind_give_the_same_numbers() -> None:
    """pandas, polars (eager, lazy) and pyarrow inputs are profiled to identical statistics."""
    base = pl.read_csv(edakit.datasets.path("penguins"), null_values="NA")
    inputs = [base, base.lazy(), base.to_pandas(), base.to_arrow()]
    reports = [edakit.report(frame) for frame in inputs]
    means = [r.column("body_mass_g").numeric.mean for r in reports]
    assert means == pytest.approx([means[0]] * 4, rel=1e-12)
    assert all(r.column("species").top_values[0].count == 152 for r in reports)
    assert isinstance(inputs[2], pd.DataFrame) and isinstance(inputs[3], pa.Table)


def test_unsupported_object_is_a_user_error() -> None:
    with pytest.raises(EdakitError, match="Cannot report on an object"):
        edakit.report(object())


def test_title_lines_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "title.csv"
    path.write_text(
        "Weather export\nStation 12, generated 2024-01-01\n\ndate,temp,rain\n2024-01-01,3.5,0\n"
        "2024-01-02,4.0,1.2\n2024-01-03,-1.5,0\n",
        encoding="utf-8",
    )
    table = load(path)
    df = collected(table)
    assert df.columns == ["date", "temp", "rain"] and df.height == 3
    # the header is on line 4: two title lines and a blank line lie above it
    assert table.source.skipped_lines == 3 and any("above the header" in n for n in table.source.notes)


def test_decimal_comma_in_semicolon_files(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text("name;price;qty\nApfel;1,25;3\nBirne;0,99;10\nKiwi;2,5;1\n", encoding="utf-8")
    table = load(path)
    assert table.source.delimiter == ";" and table.source.decimal == ","
    assert collected(table)["price"].to_list() == [1.25, 0.99, 2.5]


def test_common_missing_markers(tmp_path: Path) -> None:
    path = tmp_path / "na.csv"
    path.write_text("x,y\n1,a\nNA,b\nN/A,c\n-,d\n?,e\nnull,f\n,g\n8,h\n", encoding="utf-8")
    df = collected(load(path))
    assert df["x"].to_list() == [1, None, None, None, None, None, None, 8]


def test_na_values_option_replaces_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "na.csv"
    path.write_text("x,y\n1,a\n-999,b\n3,-\n", encoding="utf-8")
    df = collected(load(path, na_values=["-999"]))
    assert df["x"].to_list() == [1, None, 3] and df["y"].to_list() == ["a", "b", "-"]


def test_short_rows_are_counted_and_padded_not_shifted(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("a,b,c\n1,2,3\n4,5\n7,8,9\n10\n", encoding="utf-8")
    table = load(path)
    df = collected(table)
    assert df["c"].to_list() == [3, None, 9, None] and df["b"].to_list() == [2, 5, 8, None]
    assert table.source.ragged_rows == 2 and any("2 row(s)" in n for n in table.source.notes)


def test_empty_and_duplicated_column_names(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("a,a,,<b>x</b>\n1,2,3,4\n5,6,7,8\n", encoding="utf-8")
    table = load(path)
    names = collected(table).columns
    assert names[0] == "a" and names[1] != "a" and names[2] == "(unnamed 3)" and names[3] == "<b>x</b>"
    assert len(table.source.notes) == 2


def test_header_only_file_loads_with_zero_rows_and_a_note(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_bytes(b"a,b,c\n")
    table = load(path)
    assert table.columns == ["a", "b", "c"] and collected(table).height == 0
    assert any("no data rows" in note for note in table.source.notes)


def _integer_csv(path: Path, rows: int, late: dict[str, str]) -> None:
    """Columns small (0..99), ids (0, 10, 20, ...), neg (-50..49, 'NA' every 7th), late (small until the last row)."""
    lines = ["small,ids,neg,late"]
    for i in range(rows):
        lines.append(f"{i % 100},{10 * i},{'NA' if i % 7 == 0 else i % 100 - 50},{i % 10}")
    lines.append(f"5,{10 * rows},1,{late['late']}")
    path.write_text("\n".join(lines) + "\n")


def test_large_files_read_small_integers_as_int16(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edakit import csv_read

    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    path = tmp_path / "ints.csv"
    _integer_csv(path, 20_000, {"late": "9"})
    frame = load(path).frame.collect().to_native()
    # ids pass NARROW_LIMIT within the sniffed head (its first 256 kB), so they stay Int64
    assert frame.schema == pl.Schema({"small": pl.Int16, "ids": pl.Int64, "neg": pl.Int16, "late": pl.Int16})
    expected = pl.read_csv(path, null_values=["NA"])
    assert frame.cast(pl.Int64).equals(expected)  # the same values, narrower storage
    # a value beyond the head that does not fit Int16: the file is read again as polars infers it
    _integer_csv(path, 20_000, {"late": "40000"})
    frame = load(path).frame.collect().to_native()
    assert frame.schema["late"] == pl.Int64 and frame["late"].max() == 40_000
    assert frame.equals(pl.read_csv(path, null_values=["NA"]))


def test_small_files_keep_polars_integer_types(tmp_path: Path) -> None:
    path = tmp_path / "ints.csv"
    _integer_csv(path, 100, {"late": "9"})
    assert load(path).frame.collect().to_native().schema["small"] == pl.Int64


def test_empty_and_quoted_empty_fields_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text('a,b,c\n1,"",x\n,y,\n3,"z",""\n4,NA,w\n')
    frame = load(path).frame.collect().to_native()
    assert frame["a"].to_list() == [1, None, 3, 4]
    assert frame["b"].to_list() == [None, "y", "z", None]
    assert frame["c"].to_list() == ["x", None, None, "w"]
