"""Workbooks (.xlsx, .xls, .ods; --sheet) and SQL queries on database files (--sql) (issue 21).

The .xls and .ods files in tests/data were written by xlwt and odfpy from R's `sleep` data (see
tests/data/README.md); the .xlsx workbook is written here by openpyxl. Every value is checked against the bundled
CSV of the same data, read by polars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import edakit
from edakit import datasets
from edakit.cli import app
from edakit.loader import load

DATA = Path(__file__).parent / "data"


def collected(table) -> pl.DataFrame:
    return pl.from_arrow(table.frame.collect().to_arrow())


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "-q"])
    return result.exit_code, result.output


def _penguins_xlsx(path: Path) -> pl.DataFrame:
    """penguins in an openpyxl workbook (missing values as empty cells, a date column as Excel dates), a notes
    sheet after it; returns the frame written."""
    openpyxl = pytest.importorskip("openpyxl")
    penguins = (
        datasets.load("penguins")
        .with_row_index("row")
        .with_columns((pl.date(2007, 11, 1) + pl.duration(days=pl.col("row"))).alias("seen"))
        .drop("row")
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "penguins"
    sheet.append(penguins.columns)
    for row in penguins.iter_rows():
        sheet.append(list(row))
    book.create_sheet("notes").append(["Palmer penguins, Gorman et al. (2014)"])
    book.save(path)
    return penguins


def test_xlsx_first_sheet_by_default_and_by_name(tmp_path: Path) -> None:
    path = tmp_path / "penguins.xlsx"
    penguins = _penguins_xlsx(path)
    table = load(path)
    df = collected(table)
    assert table.source.kind == "excel" and df.shape == penguins.shape and df.columns == penguins.columns
    assert df["body_mass_g"].null_count() == 2 and df["body_mass_g"].mean() == pytest.approx(4201.754385964912)
    assert df["species"].value_counts().sort("species")["count"].to_list() == [152, 68, 124]
    assert df.schema["seen"] in (pl.Date, pl.Datetime)
    assert df["seen"].dt.date().max() == dt.date(2007, 11, 1) + dt.timedelta(days=343)
    assert any("the first of its 2 sheets (penguins, notes)" in n and "--sheet" in n for n in table.source.notes)
    named = load(path, sheet="penguins")
    assert collected(named).shape == penguins.shape and not any("--sheet" in n for n in named.source.notes)
    assert collected(load(path, sheet="notes")).columns == ["Palmer penguins, Gorman et al. (2014)"]
    rep = edakit.report(path)
    assert rep.overview.rows == 344 and rep.column("seen").role == "datetime"
    assert rep.column("body_mass_g").numeric.mean == pytest.approx(4201.754385964912)


@pytest.mark.parametrize("name", ["sleep.xls", "sleep.ods"])
def test_xls_and_ods_workbooks(name: str) -> None:
    sleep = datasets.load("sleep")
    table = load(DATA / name)
    df = collected(table)
    assert table.source.kind == "excel" and df.columns == ["extra", "group", "ID"]
    assert df["extra"].to_list() == pytest.approx(sleep["extra"].to_list())
    assert df["ID"].to_list() == sleep["ID"].to_list()
    notes = collected(load(DATA / name, sheet="notes"))
    assert notes["source"].to_list() == ["R datasets::sleep (Cushny and Peebles 1905)"]
    # R: t.test(extra ~ group, data = sleep) gives t = -1.8608, df = 17.776, p-value = 0.07939
    rep = edakit.report(DATA / name, group="group")
    assert rep.comparisons["extra"].primary.p_value == pytest.approx(0.07939, abs=5e-5)


def test_sheet_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "notes.html"
    code, output = run("report", str(DATA / "sleep.ods"), "--sheet", "notes", "-o", str(out))
    assert code == 0 and "Cushny" in out.read_text(encoding="utf-8"), output
    code, output = run("report", str(DATA / "sleep.xls"), "--sheet", "Sheet9", "-o", str(out))
    assert code == 2 and output.strip().splitlines() == [
        f"edakit: error: {DATA / 'sleep.xls'} has no sheet 'Sheet9'; its sheets: sleep, notes."
    ]
    code, output = run("report", "penguins", "--sheet", "notes", "-o", str(out))
    assert code == 2 and len(output.strip().splitlines()) == 1 and "--sheet applies to Excel" in output


def test_a_file_named_like_a_workbook_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(edakit.EdakitError, match="Cannot read .* as a spreadsheet workbook.*save it as CSV"):
        load(path)


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same two tables (penguins, keepers) in a DuckDB file and a SQLite file."""
    import sqlite3

    import duckdb

    folder = tmp_path_factory.mktemp("zoo")
    penguins = datasets.load("penguins")
    duck = folder / "zoo.duckdb"
    con = duckdb.connect(str(duck))
    con.register("frame", penguins.to_arrow())
    con.execute("CREATE TABLE penguins AS SELECT * FROM frame")
    con.execute("CREATE TABLE keepers AS SELECT 'Ada' AS name")
    con.close()
    lite = folder / "zoo.sqlite"
    con = sqlite3.connect(lite)
    con.execute(f"CREATE TABLE penguins ({', '.join(penguins.columns)})")
    con.executemany(f"INSERT INTO penguins VALUES ({', '.join('?' * penguins.width)})", penguins.rows())
    con.execute("CREATE TABLE keepers (name TEXT)")
    con.commit()
    con.close()
    return duck, lite


QUERY = "SELECT species, body_mass_g FROM penguins WHERE year = 2008 AND body_mass_g IS NOT NULL"


@pytest.mark.parametrize("which", [0, 1])
def test_sql_query_on_a_database(zoo: tuple[Path, Path], which: int) -> None:
    expected = datasets.load("penguins").filter((pl.col("year") == 2008) & pl.col("body_mass_g").is_not_null())
    table = load(zoo[which], sql=QUERY)
    df = collected(table)
    # R: table(palmerpenguins::penguins$year)["2008"] is 114, and no 2008 row lacks its body mass
    assert df.columns == ["species", "body_mass_g"] and df.height == expected.height == 114
    assert df["body_mass_g"].sum() == expected["body_mass_g"].sum()
    assert any("--sql query" in n for n in table.source.notes)
    rep = edakit.report(zoo[which], sql=QUERY)
    assert rep.overview.rows == 114 and rep.overview.columns == 2


@pytest.mark.parametrize("which", [0, 1])
def test_sql_errors_are_one_line(zoo: tuple[Path, Path], which: int, tmp_path: Path) -> None:
    out = str(tmp_path / "r.html")
    path = str(zoo[which])
    code, output = run("report", path, "--sql", "SELECT * FROM birds", "-o", out)
    assert code == 2 and len(output.strip().splitlines()) == 1, output
    assert output.startswith(f"edakit: error: The --sql query failed on {path}:") and "birds" in output
    code, output = run("report", path, "--sql", "SELECT * FROM penguins", "--table", "penguins", "-o", out)
    assert code == 2 and "either --table or --sql" in output
    code, output = run("report", "penguins", "--sql", "SELECT 1", "-o", out)
    assert code == 2 and "--sql applies to SQLite and DuckDB" in output
    code, output = run("report", path, "--sql", QUERY, "-o", out)
    assert code == 0, output
