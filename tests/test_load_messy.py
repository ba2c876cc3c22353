"""Messy text files read as the clean table they hold (issue 21): comment lines, titles above the header, trailing
delimiters, blank lines among the rows and a second table after the first. Each file is the bundled penguins
data (R's palmerpenguins) with one pollution; the loaded table must equal the clean file read by polars."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import edakit
from edakit.loader import load

CLEAN = Path(__file__).resolve().parent.parent / "datasets" / "penguins.csv"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return CLEAN.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def clean() -> pl.DataFrame:
    return pl.read_csv(CLEAN, null_values=["NA"])


def _load(tmp_path: Path, text: str, **options):
    path = tmp_path / "messy.csv"
    path.write_text(text, encoding="utf-8")
    table = load(path, **options)
    return table, pl.from_arrow(table.frame.collect().to_arrow())


def _polluted(name: str, lines: list[str]) -> str:
    header, rows = lines[0], lines[1:]
    if name == "comments":
        body = [r if i % 50 else f"# checked by RG, batch {i // 50}\n{r}" for i, r in enumerate(rows)]
        return "# Palmer penguins\n# source: palmerpenguins 0.1.0\n" + "\n".join([header, *body]) + "\n"
    if name == "preamble":
        return "Palmer Station penguins\nGorman, Williams and Fraser (2014)\n\n" + "\n".join(lines) + "\n"
    if name == "padded title":
        return "Palmer Station penguins" + "," * 7 + "\n" + "\n".join(lines) + "\n"
    if name == "trailing everywhere":
        return "\n".join(f"{line}," for line in lines) + "\n"
    if name == "trailing rows":
        return header + "\n" + "\n".join(f"{r}," for r in rows) + "\n"
    if name == "blank lines":
        return header + "\n" + "\n".join(r if i % 40 else f"\n{r}" for i, r in enumerate(rows, start=1)) + "\n"
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("comments", 'Lines starting with "#" were read as comments'),
        ("preamble", "Skipped 3 line(s) above the header"),
        ("padded title", "Skipped 1 line(s) above the header"),
        ("trailing everywhere", "Every line ends with a delimiter"),
        ("trailing rows", "Every row ends with a delimiter that the header lacks"),
        ("blank lines", "8 blank line(s) among the rows were left out"),
    ],
)
@pytest.mark.parametrize("stream", [False, True])
def test_polluted_file_reads_as_the_clean_one(
    tmp_path: Path, lines: list[str], clean: pl.DataFrame, name: str, note: str, stream: bool
) -> None:
    table, df = _load(tmp_path, _polluted(name, lines), stream=stream)
    assert_frame_equal(df, clean, check_dtypes=False)
    assert any(note in n for n in table.source.notes), table.source.notes
    assert table.source.reader.startswith("polars")  # read strictly, not by the lenient second try


def test_second_table_after_a_blank_line_is_left_out_and_said(
    tmp_path: Path, lines: list[str], clean: pl.DataFrame
) -> None:
    counts = clean["island"].value_counts().sort("island")
    summary = "\n".join(f"{i},{n}" for i, n in counts.iter_rows())
    text = "\n".join(lines) + "\n\nisland,penguins\n" + summary + "\n"
    table, df = _load(tmp_path, text)
    assert_frame_equal(df, clean, check_dtypes=False)
    note = next(n for n in table.source.notes if "more than one table" in n)
    assert "only the first (344 rows)" in note and f"starts on line {len(lines) + 2}" in note
    # a second table of the same width is told by its header over the first table's numeric columns
    same_width = "\n".join(lines) + "\n\n" + ",".join(f"total_{c}" for c in clean.columns) + "\n" + lines[1] + "\n"
    table, df = _load(tmp_path, same_width)
    assert df.height == 344 and any("more than one table" in n for n in table.source.notes)
    rep = edakit.report(table)
    assert rep.overview.rows == 344


def test_hash_values_in_rows_are_data_not_comments(tmp_path: Path) -> None:
    table, df = _load(tmp_path, "colour,n\n#ff0000,3\n#00ff00,5\n#0000ff,7\n")
    assert df["colour"].to_list() == ["#ff0000", "#00ff00", "#0000ff"] and table.source.notes == []


def test_second_header_row_of_units_is_left_out_of_the_rows(
    tmp_path: Path, lines: list[str], clean: pl.DataFrame
) -> None:
    units = "species,island,mm,mm,mm,g,sex,year"
    table, df = _load(tmp_path, "\n".join([lines[0], units, *lines[1:]]) + "\n")
    assert_frame_equal(df, clean, check_dtypes=False)
    assert any("Line 2 is a second header row" in n for n in table.source.notes)


def test_title_above_a_two_column_table(tmp_path: Path) -> None:
    # R's faithful: the first three eruptions (3.600 min, 79 min wait; 1.800, 54; 3.333, 74)
    table, df = _load(tmp_path, "Old Faithful,\neruptions,waiting\n3.600,79\n1.800,54\n3.333,74\n")
    assert df.columns == ["eruptions", "waiting"] and df["waiting"].to_list() == [79, 54, 74]
    assert table.source.skipped_lines == 1
    _, df = _load(tmp_path, ",value\n0,1.5\n1,2.5\n")  # pandas' unnamed index column is not a title
    assert df.height == 2 and df.columns[1] == "value"


def test_quotes_that_open_no_field_are_characters(tmp_path: Path, lines: list[str], clean: pl.DataFrame) -> None:
    # every 50th row starts with a double quote that is never closed (a hand-edited export): read as quoting,
    # it would swallow the rows down to the next one
    rows = [f'"{r}' if i % 50 == 7 else r for i, r in enumerate(lines[1:])]
    table, df = _load(tmp_path, "\n".join([lines[0], *rows]) + "\n")
    expected = clean.with_columns(
        pl.when(pl.int_range(pl.len()) % 50 == 7)
        .then(pl.lit('"') + pl.col("species"))
        .otherwise(pl.col("species"))
        .alias("species")
    )
    assert_frame_equal(df, expected, check_dtypes=False)
    assert table.source.reader == "polars" and any("open no quoted field" in n for n in table.source.notes)
    # quotes that do quote (a delimiter and a line break inside a field) keep quoting
    table, df = _load(tmp_path, 'name,note\nAda,"first, and\nforemost"\nAlan,"plain"\n')
    assert df["note"].to_list() == ["first, and\nforemost", "plain"]
