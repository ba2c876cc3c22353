"""What `edakit.load` returns (issue 21): a Table whose repr says rows, columns, format, dialect and encoding, and
whose rows come out as polars or pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import edakit


def test_repr_says_rows_columns_dialect_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_bytes("name;score\nZoë;1,5\nAndré;2,5\nÅse;3\n".encode("cp1252"))
    text = repr(edakit.load(path))
    assert text == (
        "<edakit Table 'semi.csv': 3 rows × 2 columns; csv, delimiter ';', encoding cp1252, header row, read by polars>"
    )
    numbers = tmp_path / "numbers.tsv"
    numbers.write_text("1\t2\n3\t4\n", encoding="utf-8")
    assert "2 rows × 2 columns; csv, delimiter tab, encoding utf-8, no header row" in repr(edakit.load(numbers))
    assert repr(edakit.load(pl.DataFrame({"x": [1]}))) == (
        "<edakit Table 'dataframe': 1 row × 1 column; dataframe, read by polars>"
    )


def test_rows_as_polars_and_pandas() -> None:
    table = edakit.load("penguins")
    frame = table.to_polars()
    assert isinstance(frame, pl.DataFrame) and frame.shape == (344, 8)
    pandas = table.to_pandas()
    assert pandas.shape == (344, 8) and list(pandas.columns) == frame.columns
    # palmerpenguins: mean(penguins$body_mass_g, na.rm = TRUE) = 4201.754
    assert abs(pandas["body_mass_g"].mean() - 4201.754) < 1e-3
    assert edakit.report(table).overview.rows == 344
