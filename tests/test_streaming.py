"""Streaming large CSVs through a temporary Parquet file, and passing polars only the NA markers a file needs.

A streamed table must give the same report numbers as a whole read; its temporary directory must go away with
the Table; and a missing-value marker that first appears after the sniffed head must still be read as missing.
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import random
import re
from pathlib import Path

import polars as pl
import pytest

import edakit
from edakit import loader
from edakit.loader import NA_VALUES, SNIFF_BYTES, load
from edakit.schema import INFER_SAMPLE_ROWS


def write_mixed(path: Path, rows: int = 400) -> Path:
    """Numbers with missing values and outliers, categories, text and a few duplicated rows."""
    rng = random.Random(7)
    lines = ["id,score,count,group,flag,note"]
    for i in range(rows):
        score = "NA" if i % 17 == 0 else f"{rng.gauss(50, 12):.3f}"
        count = "" if i % 23 == 0 else str(rng.randint(0, 40) + (500 if i % 97 == 0 else 0))
        group = rng.choice(["a", "b", "c", "d"])
        flag = rng.choice(["yes", "no"])
        note = "null" if i % 11 == 0 else f"note {rng.randint(0, 1000)}"
        lines.append(f"{i % 380},{score},{count},{group},{flag},{note}")
    lines += lines[1:6]  # five duplicated rows
    path.write_text("\n".join(lines) + "\n")
    return path


def numbers(rep: edakit.Report) -> dict:
    out: dict = {
        "rows": rep.overview.rows,
        "missing": rep.overview.missing_cells,
        "duplicates": rep.overview.duplicate_rows,
    }
    for col in rep.columns:
        entry: dict = {"role": col.role, "missing": col.missing, "distinct": col.distinct}
        entry["top"] = [(t.value, t.count) for t in col.top_values]
        if col.numeric:
            d = col.numeric
            entry.update(
                n=d.n, mean=d.mean, sd=d.sd, min=d.min, q25=d.q25, median=d.median, q75=d.q75, max=d.max, mad=d.mad
            )
        out[col.name] = entry
    return out


def assert_same_numbers(streamed: dict, whole: dict) -> None:
    assert streamed.keys() == whole.keys()
    for key, expected in whole.items():
        if isinstance(expected, dict):
            for stat, value in expected.items():
                got = streamed[key][stat]
                assert got == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), (key, stat)
        else:
            assert streamed[key] == expected, key


def test_streamed_report_has_the_same_numbers(tmp_path: Path) -> None:
    path = write_mixed(tmp_path / "mixed.csv")
    config = {"correlations": False, "max_charted_columns": 0}
    whole = edakit.report(load(path, stream=False), **config)
    table = load(path, stream=True)
    assert not table.in_memory
    assert table.source.reader == "polars (streamed via Parquet)"
    assert any("stream" in note for note in table.source.notes)
    streamed = edakit.report(table, **config)
    assert streamed.overview.duplicate_rows == 5
    assert_same_numbers(numbers(streamed), numbers(whole))


def test_temporary_directory_lives_as_long_as_the_table(tmp_path: Path) -> None:
    table = load(write_mixed(tmp_path / "mixed.csv", rows=50), stream=True)
    scratch = table._scratch.path
    assert (scratch / "table.parquet").exists()
    copy = dataclasses.replace(table, frame=table.frame.select("id", "score"))
    del table
    gc.collect()
    assert scratch.exists()  # the copy still scans it
    assert copy.frame.collect().shape == (55, 2)
    del copy
    gc.collect()
    assert not scratch.exists()
    native = load(tmp_path / "mixed.csv", stream=True).to_native()  # the Table itself is gone at once
    gc.collect()
    assert native.collect().height == 55


def test_automatic_streaming_above_the_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_mixed(tmp_path / "mixed.csv", rows=50)
    monkeypatch.setattr(loader, "STREAM_THRESHOLD_BYTES", 1000)
    table = load(path)
    assert not table.in_memory and table._scratch is not None
    assert any("larger than" in note for note in table.source.notes)
    assert load(path, stream=False).in_memory  # forced whole read
    monkeypatch.setattr(loader, "STREAM_THRESHOLD_BYTES", 10**9)
    assert load(path).in_memory
    assert not load(path, stream=True).in_memory


def test_automatic_streaming_in_a_full_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_mixed(tmp_path / "mixed.csv", rows=100)
    monkeypatch.setattr(loader, "STREAM_THRESHOLD_BYTES", 1000)
    rep = edakit.report(path, correlations=False, max_charted_columns=2)
    assert rep.source.reader == "polars (streamed via Parquet)"
    assert rep.overview.rows == 105 and rep.overview.duplicate_rows == 5


def test_automatic_streaming_with_selected_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_mixed(tmp_path / "mixed.csv", rows=100)
    monkeypatch.setattr(loader, "STREAM_THRESHOLD_BYTES", 1000)
    rep = edakit.report(path, columns=["score", "group"], correlations=False, max_charted_columns=0)
    assert rep.overview.rows == 105


def test_gzip_and_cp1252_files_are_streamed_too(tmp_path: Path) -> None:
    text = "city,temp\n" + "".join(f"{c},{t}\n" for c, t in [("Köln", 8), ("Málaga", 19), ("São Paulo", 21)] * 5)
    path = tmp_path / "cities.csv.gz"
    path.write_bytes(gzip.compress(text.encode("cp1252")))
    table = load(path, stream=True)
    assert table.source.encoding == "cp1252" and table.source.compression == "gzip"
    df = pl.from_arrow(table.frame.collect().to_arrow())
    assert df["city"].to_list()[:3] == ["Köln", "Málaga", "São Paulo"]
    assert list(table._scratch.path.iterdir()) == [table._scratch.path / "table.parquet"]  # UTF-8 copy removed


def test_streamed_files_that_polars_refuses_go_through_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b\n" + "".join(f"{k},{k * 2}\n" for k in range(50)) + "7,8,9\n")
    table = load(path, stream=True)
    assert table.source.reader == "duckdb (streamed via Parquet)" and not table.in_memory
    assert table.frame.collect().shape[0] == 51
    empty = tmp_path / "header-only.csv"
    empty.write_text("a,b\n")
    table = load(empty, stream=True)
    assert table.columns == ["a", "b"] and table.frame.collect().shape[0] == 0
    assert any("no data rows" in note for note in table.source.notes)


def write_late_markers(path: Path, rows: int = 12_000) -> Path:
    """A file whose sniffed head holds no marker at all; markers come after it, some within polars' 10,000
    schema-inference rows (changing a column's type), some after them (a refused or silently parsed value)."""
    pad = "x" * 40
    lines = ["i,j,f,g,s,t,pad"]
    for k in range(rows):
        i, j, f, g, s, t = str(k), str(k), f"{k / 7:.4f}", f"{k / 3:.2f}", f"w{k % 5}", f"v{k % 3}"
        if k == 6_000:  # after the head, within the inference rows
            i, f, s = "NA", "NaN", "None"
        if k == 11_000:  # after the inference rows
            j, g, s, t = "?", "nan", "#N/A", '""'
        lines.append(",".join([i, j, f, g, s, t, pad]))
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 2 * SNIFF_BYTES
    return path


@pytest.mark.parametrize("stream", [False, True])
def test_markers_after_the_sniffed_head_are_still_missing(tmp_path: Path, stream: bool) -> None:
    path = write_late_markers(tmp_path / "late.csv")
    expected = pl.read_csv(path, null_values=NA_VALUES, infer_schema_length=10_000)
    assert expected.null_count().row(0) == (1, 1, 1, 1, 2, 1, 0)
    df = pl.from_arrow(load(path, stream=stream).frame.collect().to_arrow())
    assert df.schema == expected.schema
    assert df.equals(expected)


def test_only_the_markers_in_the_head_are_passed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_mixed(tmp_path / "mixed.csv")
    calls: list[list[str]] = []
    read_csv = pl.read_csv

    def spy(*args, **kwargs):
        calls.append(kwargs["null_values"])
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pl, "read_csv", spy)
    table = load(path)
    # the head was checked and nothing else needed; "" is polars' own default (quoted "" handled after the read)
    assert calls == [["NA", "null"]]
    assert table.source.na_values == NA_VALUES  # the report still lists every marker that means missing


def write_flights_like(path: Path, rows: int) -> Path:
    """A date, two categories, correlated numbers with a gap and a yes/no flag: enough for the correlation,
    scatter, distribution, PCA, time-series and group sections to run."""
    rng = random.Random(11)
    lines = ["day,origin,carrier,dep_delay,arr_delay,distance,air_time,flag"]
    for i in range(rows):
        x = rng.gauss(10, 30)
        dep = "" if i % 31 == 0 else f"{x:.0f}"
        lines.append(
            f"2024-01-{1 + i % 28:02d},{rng.choice(['EWR', 'JFK', 'LGA'])},{rng.choice('ABCDEFG')},{dep},"
            f"{x + rng.gauss(0, 9):.0f},{rng.randint(100, 3000)},{rng.gauss(150, 60):.0f},{rng.choice(['yes', 'no'])}"
        )
    path.write_text("\n".join(lines) + "\n")
    return path


def in_memory_fallbacks(query: pl.LazyFrame) -> list[str]:
    """The nodes of `query`'s physical plan that polars' streaming engine runs on whole columns (its in-memory
    fallback), read from the plan's graph, whose legend names the colour it fills them with."""
    dot = query.show_graph(engine="streaming", plan_stage="physical", raw_output=True, show=False)
    assert isinstance(dot, str)
    colour = re.search(r'<FONT COLOR="([^"]+)">[^<]*</FONT> in-memory engine fallback', dot)
    assert colour, "polars' plan graph no longer has its legend"
    return re.findall(r'\[label="([^"\\]*)[^\]]*fillcolor="' + re.escape(colour.group(1)) + '"', dot)


@pytest.mark.parametrize("group", [None, "origin"])
def test_streamed_report_never_collects_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: str | None
) -> None:
    """Every query on a streamed table returns aggregates, a bounded sample or the bounded head that the schema is
    inferred from, never the rows themselves: a gather that pulled a scanned table into memory (the chunked numpy
    sums of rows held in memory, say) would hold all 34 M rows of flights 100x at once. And polars' streaming
    engine runs every query without falling back to whole columns in memory (the scatter plots' group codes by
    `replace_strict` did: a 2.6 GB peak on flights 100x under `--group origin`)."""
    rows, sample = 12_000, 200
    path = write_flights_like(tmp_path / "flights.csv", rows)
    heights: list[int] = []
    fallbacks: list[str] = []
    collect = pl.LazyFrame.collect

    def spy(self: pl.LazyFrame, *args, **kwargs):
        fallbacks.extend(in_memory_fallbacks(self))
        out = collect(self, *args, **kwargs)
        heights.append(out.height)
        return out

    monkeypatch.setattr(pl.LazyFrame, "collect", spy)
    table = load(path, stream=True)
    assert not table.in_memory
    rep = edakit.report(table, sample_size=sample, group=group)
    assert rep.correlations is not None and rep.pca is not None and rep.distributions is not None
    assert (rep.comparisons is not None) == (group is not None)
    assert rep.overview.rows == rows
    assert heights and max(heights) < rows
    # the largest results are the schema's head and the distinct values of a number with one value per row or so
    assert max(heights) <= max(INFER_SAMPLE_ROWS, max(c.distinct or 0 for c in rep.columns))
    assert fallbacks == []


def test_the_fallback_check_sees_a_whole_column_step(tmp_path: Path) -> None:
    """The check above can fail: `replace_strict` on a scanned column is such a step, comparisons are not."""
    path = tmp_path / "t.parquet"
    pl.DataFrame({"g": ["a", "b", None] * 10}).write_parquet(path)
    scan = pl.scan_parquet(path)
    replaced = pl.col("g").replace_strict(["a", "b"], [0, 1], default=2, return_dtype=pl.Int64)
    compared = pl.when(pl.col("g") == "a").then(0).otherwise(pl.when(pl.col("g") == "b").then(1).otherwise(2))
    assert in_memory_fallbacks(scan.select(replaced.alias("k")).group_by("k").len()) == ["columnar-function"]
    assert in_memory_fallbacks(scan.select(compared.alias("k")).group_by("k").len()) == []
