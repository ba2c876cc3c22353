"""Files as users have them: no header row, whitespace-separated, and formats beyond CSV (issue 21)."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import edakit
from edakit.cli import app
from edakit.loader import load


def collected(table) -> pl.DataFrame:
    return pl.from_arrow(table.frame.collect().to_arrow())


def _numbers_only(path: Path, rows: int = 120, width: int = 65) -> Path:
    """A digits.csv-like file: small integers, no header row."""
    rng = random.Random(7)
    lines = [",".join(str(rng.randint(0, 16)) for _ in range(width)) for _ in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_numbers_only_file_keeps_its_first_row_and_says_so(tmp_path: Path) -> None:
    path = _numbers_only(tmp_path / "digits.csv")
    table = load(path)
    df = collected(table)
    assert df.shape == (120, 65)
    assert df.columns[:2] == ["column_1", "column_2"] and df.columns[-1] == "column_65"
    first = [int(v) for v in path.read_text().splitlines()[0].split(",")]
    assert list(df.row(0)) == first
    assert any("read as data" in n and "--header" in n for n in table.source.notes)
    forced = collected(load(path, header=True))
    assert forced.shape == (119, 65) and forced.columns[0] == str(first[0])


def test_first_row_of_the_same_types_as_the_rest_is_data(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("Adelie,39.1,181\nGentoo,46.1,211\nChinstrap,46.5,192\nAdelie,,190\n", encoding="utf-8")
    df = collected(load(path))
    assert df.shape == (4, 3) and df.columns == ["column_1", "column_2", "column_3"]
    assert df["column_3"].to_list() == [181, 211, 192, 190]


@pytest.mark.parametrize(
    "text",
    [
        "species,bill,flipper\nAdelie,39.1,181\nGentoo,46.1,211\n",
        "x\n1\n2\n3\n",
        "name,city\nAda,London\nAlan,Wilmslow\n",  # all text: a header, as before
        ",a,b\n0,1.5,2\n1,2.5,3\n",  # pandas' unnamed index column
    ],
)
def test_files_with_a_header_keep_it(tmp_path: Path, text: str) -> None:
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    table = load(path)
    assert collected(table).height == text.count("\n") - 1
    assert not any("read as data" in n for n in table.source.notes)


def test_header_options_on_the_command_line(tmp_path: Path) -> None:
    path = _numbers_only(tmp_path / "n.csv", rows=30, width=4)
    runner = CliRunner()
    for flag, rows in (([], 30), (["--header"], 29), (["--no-header"], 30)):
        out = tmp_path / f"r{len(flag)}{flag[:1]}.html"
        json_path = out.with_suffix(".json")
        result = runner.invoke(app, ["report", str(path), "-o", str(out), "--json", str(json_path), "-q", *flag])
        assert result.exit_code == 0, result.output
        assert edakit.Report.from_json(json_path.read_text()).overview.rows == rows


def test_report_on_a_numbers_only_file(tmp_path: Path) -> None:
    # ReportConfig.header defaults to True (a header), so the Python API detects through `edakit.load`
    rep = edakit.report(edakit.load(_numbers_only(tmp_path / "d.csv", rows=50, width=5)))
    assert [c.name for c in rep.columns][:2] == ["column_1", "column_2"]


def _diabetes_like(path: Path, rows: int = 442) -> Path:
    """scikit-learn's diabetes_data_raw style: ten numbers a row, single spaces, no header."""
    rng = random.Random(3)
    lines = [" ".join(f"{rng.uniform(-1, 1):.6f}" if j % 2 else str(rng.randint(1, 99)) for j in range(10))]
    lines += [
        " ".join(f"{rng.uniform(-1, 1):.6f}" if j % 2 else str(rng.randint(1, 99)) for j in range(10))
        for _ in range(rows - 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stream", [False, True])
def test_single_space_separated_numbers(tmp_path: Path, stream: bool) -> None:
    path = _diabetes_like(tmp_path / "diabetes_data_raw.csv")
    table = load(path, stream=stream)
    df = collected(table)
    assert df.shape == (442, 10) and df.columns[-1] == "column_10"
    assert table.source.delimiter == " " and df.schema["column_2"] == pl.Float64
    assert df["column_1"][0] == int(path.read_text().split(" ")[0])
    assert any("separated by spaces" in n for n in table.source.notes)


def test_runs_of_spaces_with_a_header_and_gzip(tmp_path: Path) -> None:
    import gzip

    text = 'age  sex   bmi name\n 59   2  32.1 "Ada L"\n48  1   21.6  Alan\n72 2 30.5    Grace\n'
    path = tmp_path / "spaced.txt.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    df = collected(load(path))
    assert df.columns == ["age", "sex", "bmi", "name"]
    assert df["bmi"].to_list() == [32.1, 21.6, 30.5] and df["name"].to_list() == ["Ada L", "Alan", "Grace"]
    rep = edakit.report(path)
    assert rep.column("age").numeric.n == 3


def test_comma_space_fields_lose_their_leading_spaces(tmp_path: Path) -> None:
    path = tmp_path / "cs.csv"
    path.write_text('name, city, value\nAda, "London, UK", 1.5\nAlan, Wilmslow, 2\nGrace, NYC, 3\n', encoding="utf-8")
    df = collected(load(path))
    assert df.columns == ["name", "city", "value"]
    assert df["city"].to_list() == ["London, UK", "Wilmslow", "NYC"] and df["value"].sum() == 6.5


def test_single_quoted_header_names_lose_their_quotes(tmp_path: Path) -> None:
    path = tmp_path / "anes96.csv"
    path.write_text("'popul'\t'TVnews'\t'age'\n0\t7\t36\n190\t1\t20\n31\t7\t24\n", encoding="utf-8")
    table = load(path)
    assert collected(table).columns == ["popul", "TVnews", "age"]
    assert any("Single quotes" in n for n in table.source.notes)


# Formats beyond CSV: each written here from the penguins table, then loaded and reported on.


@pytest.fixture(scope="module")
def penguins() -> pl.DataFrame:
    from edakit import datasets

    return datasets.load("penguins")


def _check(source, penguins: pl.DataFrame, kind: str, **options) -> None:
    table = load(source, **options)
    df = collected(table)
    assert table.source.kind == kind
    assert df.shape == penguins.shape and df.columns == penguins.columns
    assert df["bill_length_mm"].mean() == pytest.approx(penguins["bill_length_mm"].mean())
    rep = edakit.report(load(source, **options) if options else source)
    assert rep.overview.rows == 344 and rep.overview.columns == 8
    assert rep.column("body_mass_g").numeric.mean == pytest.approx(penguins["body_mass_g"].mean())


def test_json_array_of_records(tmp_path: Path, penguins: pl.DataFrame) -> None:
    path = tmp_path / "penguins.json"
    penguins.write_json(path)
    assert path.read_text().startswith("[{")
    _check(path, penguins, "json")


@pytest.mark.parametrize("suffix", [".ndjson", ".jsonl", ".txt"])
def test_ndjson_records_per_line(tmp_path: Path, penguins: pl.DataFrame, suffix: str) -> None:
    path = tmp_path / f"penguins{suffix}"
    penguins.write_ndjson(path)
    _check(path, penguins, "json")


def test_vega_cars_json_is_a_table() -> None:
    vega = pytest.importorskip("vega_datasets")
    table = load(Path(vega.__file__).parent / "_data" / "cars.json")
    df = collected(table)
    assert df.shape == (406, 9) and "Miles_per_Gallon" in df.columns and df.schema["Horsepower"].is_numeric()


def test_nested_json_is_flattened_with_dotted_names(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text(
        '[{"id": 1, "pos": {"x": 1.5, "y": {"z": 2}}, "tags": ["a", "b"]},'
        ' {"id": 2, "pos": {"x": 2.5, "y": {"z": null}}, "tags": []}]',
        encoding="utf-8",
    )
    table = load(path)
    df = collected(table)
    assert df.columns == ["id", "pos.x", "pos.y.z", "tags"]
    assert df["pos.x"].to_list() == [1.5, 2.5] and df["tags"].to_list() == ['["a", "b"]', "[]"]
    assert any("dotted" in n for n in table.source.notes)


@pytest.mark.parametrize("writer", ["ipc", "feather-v1", "ipc-stream"])
def test_arrow_ipc_and_feather(tmp_path: Path, penguins: pl.DataFrame, writer: str) -> None:
    path = tmp_path / ("penguins.arrows" if writer == "ipc-stream" else "penguins.feather")
    if writer == "ipc":
        penguins.write_ipc(path)
    elif writer == "ipc-stream":
        penguins.write_ipc_stream(path)
    else:
        import pyarrow.feather as feather

        with pytest.warns(DeprecationWarning):  # pyarrow deprecates writing Feather V1; users still have such files
            feather.write_feather(penguins.to_arrow(), path, version=1)
    _check(path, penguins, "ipc")


def test_directory_of_parquet_files(tmp_path: Path, penguins: pl.DataFrame) -> None:
    folder = tmp_path / "penguins_parts"
    folder.mkdir()
    for i, part in enumerate(penguins.iter_slices(100)):
        part.write_parquet(folder / f"part-{i}.parquet")
    _check(folder, penguins, "parquet")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(edakit.EdakitError, match="without Parquet files"):
        load(empty)


def test_sqlite_tables(tmp_path: Path, penguins: pl.DataFrame) -> None:
    import sqlite3

    path = tmp_path / "zoo.sqlite"
    con = sqlite3.connect(path)
    columns = ", ".join(f'"{c}"' for c in penguins.columns)
    con.execute(f"CREATE TABLE penguins ({columns})")
    con.executemany(f"INSERT INTO penguins VALUES ({', '.join('?' * penguins.width)})", penguins.rows())
    con.commit()
    _check(path, penguins, "sqlite")
    con.execute("CREATE TABLE keepers (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(edakit.EdakitError, match=r"2 tables \(keepers, penguins\); choose one with --table"):
        load(path)
    _check(path, penguins, "sqlite", table="penguins")
    with pytest.raises(edakit.EdakitError, match="no table 'birds'"):
        load(path, table="birds")


def test_duckdb_tables(tmp_path: Path, penguins: pl.DataFrame) -> None:
    import duckdb

    path = tmp_path / "zoo.duckdb"
    con = duckdb.connect(str(path))
    con.register("frame", penguins.to_arrow())
    con.execute("CREATE TABLE penguins AS SELECT * FROM frame")
    con.close()
    _check(path, penguins, "duckdb")
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE other AS SELECT 1 AS x")
    con.close()
    _check(path, penguins, "duckdb", table="penguins")
    runner = CliRunner()
    out = tmp_path / "zoo.html"
    result = runner.invoke(app, ["report", str(path), "--table", "penguins", "-o", str(out), "-q"])
    assert result.exit_code == 0 and out.exists(), result.output
    result = runner.invoke(app, ["report", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 2 and "--table" in result.output


def _xlsx(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("book.xlsx", None, "as a spreadsheet workbook"),  # a damaged workbook
        ("book.bin", None, "as a spreadsheet workbook"),  # an .xlsx by content, whatever its name
        ("data.sav", b"$FL2@(#) SPSS DATA FILE", "SPSS"),
        ("data.h5", b"\x89HDF\r\n\x1a\n\x00\x00", "HDF5"),
        ("data.zip", b"", "ZIP archive"),
        ("list.json", b"[1, 2, 3]", "JSON but not a table"),
        ("broken.json", b'[{"a": 1}, {"a": ', "Cannot read"),
    ],
)
def test_unsupported_formats_are_one_line_errors(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        _xlsx(path)
    elif name.endswith(".zip"):
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a.csv", "x\n1\n")
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(app, ["report", str(path), "-o", str(tmp_path / "r.html"), "-q"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.output
    if "workbook" in expected or "SPSS" in expected:
        assert "save it as CSV" in lines[0]


def test_bracketed_csv_header_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("[id],[name]\n1,Ada\n2,Alan\n", encoding="utf-8")
    table = load(path)
    assert table.source.kind == "csv" and collected(table).columns == ["[id]", "[name]"]
    braces = tmp_path / "b.csv"
    braces.write_text("{a},{b}\n1,2\n3,4\n", encoding="utf-8")
    assert load(braces).source.kind == "csv"


def test_report_from_python_detects_a_file_without_header(tmp_path: Path) -> None:
    """edakit.report(path) decides the header as the CLI does (ReportConfig.header defaults to detection)."""
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,3\n4,5,6\n7,8,9\n10,11,12\n", encoding="utf-8")
    rep = edakit.report(path)
    assert rep.overview.rows == 4
    assert [c.name for c in rep.columns] == ["column_1", "column_2", "column_3"]
    assert edakit.report(path, header=True).overview.rows == 3
