"""Large CSVs are held compactly (small integers as Int16, repetitive text as Categorical read back as text):
the rows every query sees, and so the report, are those of polars' plain read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from collections import Counter
from pathlib import Path
from typing import Any

import narwhals.stable.v2 as nw
import polars as pl
import pytest

from edakit import csv_read, datasets
from edakit.config import ReportConfig
from edakit.engine import convert
from edakit.engine.convert import converted_once
from edakit.loader import NA_VALUES, load
from edakit.pipeline import build_report
from edakit.schema import ColumnSchema, Schema, infer_schema

ROWS = 7_000  # about 330 kB: rows beyond the sniffed head (256 kB)
CITIES = ["Oslo, Norway, NO", "Lima, Peru, PE", "Pune, India, IN", "Kyiv, Ukraine, UA", "Accra, Ghana, GH"]


def _write(path: Path) -> Path:
    """city: 5 names of 14-17 bytes, a quoted empty field every 97th row and 'NA' only beyond the head;
    size: 3 short words; code: unique; hour: ISO times (20 bytes, text the profile converts); late: empty in the
    head, numbers after it; value: floats."""
    lines = ["city,size,code,hour,late,value"]
    for i in range(ROWS):
        city = '""' if i % 97 == 5 else ("NA" if i > 6_000 and i % 13 == 0 else f'"{CITIES[i * 7 % 5]}"')
        late = "" if i < 6_000 else str(i % 50)
        hour = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        size = ("small", "medium", "large")[i % 3]
        lines.append(f"{city},{size},id{i:06d},{hour},{late},{(i * 37 % 101) / 7:.4f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _plain(path: Path) -> pl.DataFrame:
    """polars' own read with every marker, quoted empty strings as missing: the independent reference."""
    frame = pl.read_csv(path, null_values=[m for m in NA_VALUES if m], infer_schema_length=10_000)
    text = ("city", "size", "code", "hour")
    return frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in text)


def test_repetitive_text_is_read_as_categorical_from_the_head(tmp_path: Path) -> None:
    head = _write(tmp_path / "t.csv").read_text()[:200_000]
    head = head[: head.rfind("\n") + 1]
    compact = csv_read.compact_columns(head, {"separator": ",", "null_values": []})
    # five cities and 336 times repeat, longer than 12 bytes on average; sizes repeat but are short (held inside
    # polars' string views); codes are unique; `late` is empty in the head (a full read finds numbers); value holds
    # decimals, so neither Int16 nor text
    assert compact == {"city": pl.Categorical, "hour": pl.Categorical}
    frame = pl.read_csv(io.StringIO(head), schema_overrides=compact)
    assert frame.schema["city"] == pl.Categorical
    assert csv_read.as_text(frame).collect_schema()["city"] == pl.String


def test_a_compact_table_holds_the_rows_of_a_plain_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    path = _write(tmp_path / "t.csv")
    table = load(path)
    rows = table.to_polars()
    expected = _plain(path)
    text = ("city", "size", "code", "hour")
    assert {c: rows.schema[c] for c in text} == dict.fromkeys(text, pl.String)
    assert rows.cast(expected.schema).equals(expected)  # the same values; `late` is read as Int16 (small integers)
    assert rows["city"].null_count() == expected["city"].null_count() > ROWS // 97  # "" and NA beyond the head
    assert table.source.memory_bytes < expected.estimated_size()


def test_the_report_on_a_compact_table_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compact, plain = _compact_and_plain(tmp_path, monkeypatch)
    held = []
    for report in (plain, compact):
        for key in ("created", "timings"):
            report.pop(key, None)
        report["overview"].pop("memory_bytes")
        held.append(report["source"].pop("memory_bytes"))
    assert held[1] < held[0]  # the text columns were held as Categorical
    roles = ["categorical", "categorical", "identifier", "datetime", "numeric", "numeric"]
    assert [c["role"] for c in compact["columns"]] == roles
    assert _same(compact, plain)


def test_a_tall_compact_tables_converted_counts_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a tall table (the profile's `_tall_counts`), `hour`'s value counts come from its conversion once per
    distinct text (no `group_by` of its rows): its levels, extremes and counts per period are those of the plain
    read's profile, which counts the converted rows."""
    import edakit.engine.levels as levels
    import edakit.engine.profile as profile_module

    monkeypatch.setattr(profile_module, "STACK_MAX_ROWS", 100)  # 7,000 rows count as tall
    monkeypatch.setattr(levels, "STACK_MAX_ROWS", 100)
    given = []
    tall_counts = profile_module._tall_counts
    monkeypatch.setattr(profile_module, "_tall_counts", lambda *a: given.append(set(a[-1])) or tall_counts(*a))
    compact, plain = _compact_and_plain(tmp_path, monkeypatch)
    assert given == [{"hour"}, set()]
    hour = [next(c for c in report["columns"] if c["name"] == "hour") for report in (compact, plain)]
    assert hour[0] == hour[1] and hour[0]["role"] == "datetime"
    for report in (plain, compact):
        for key in ("created", "timings", "source"):
            report.pop(key, None)
        report["overview"].pop("memory_bytes")
    assert _same(compact, plain)


def _compact_and_plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """The report of the test table read compactly (text columns as Categorical), then read plainly."""
    path = _write(tmp_path / "t.csv")
    config = ReportConfig(sample_size=1_000)
    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    compact = build_report(path, config).to_dict()
    monkeypatch.setattr(csv_read, "COMPACT_TEXT_MIN", ROWS + 1)  # no text column is held as Categorical
    return compact, build_report(path, config).to_dict()


def _same(a: Any, b: Any) -> bool:
    """Equal, floats up to rounding: polars' threaded sums add in a different order from one run to the next (two
    reports on the same plain table differ so in their correlations and time series means)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-300) or (math.isnan(a) and math.isnan(b))
    return a == b


def test_a_text_column_held_as_categorical_is_converted_as_every_row_would_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile parses `hour` (Categorical) once per distinct value; the values equal Python's `strptime` of
    each row of polars' plain read."""
    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    path = _write(tmp_path / "t.csv")
    table = load(path)
    assert getattr(table.to_native(), csv_read.COMPACT_ATTRIBUTE)["hour"].dtype == pl.Categorical
    schema = infer_schema(table.frame)
    converted = converted_once(table.frame, schema)[0].to_native().collect()
    expected = [
        dt.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC) for v in _plain(path)["hour"].to_list()
    ]
    assert converted["hour"].to_list() == expected
    assert converted["city"].dtype == pl.String  # not converted: read back as text


# lenient conversions and the values they give by hand: a number with a thousands mark, yes/no flags, day-first
# dates (31/02 does not parse); a text that does not parse and a missing value are missing
CONVERSIONS_BY_HAND = [
    ("number_text", [" 1,234", "x", None, "2.5", "1234"], [1234.0, None, None, 2.5, 1234.0]),
    ("bool_text", ["Yes", "no", None, " TRUE ", "Yes"], [True, False, None, True, True]),
    (
        "%d/%m/%Y",
        ["31/01/2024", "31/02/2024", None, " 01/12/1999", "31/01/2024"],
        [dt.date(2024, 1, 31), None, None, dt.date(1999, 12, 1), dt.date(2024, 1, 31)],
    ),
]


@pytest.mark.parametrize(("conversion", "values", "expected"), CONVERSIONS_BY_HAND)
def test_conversions_per_distinct_value_equal_the_values_by_hand(conversion: str, values: list, expected: list) -> None:
    """Lenient conversions of a Categorical, parsed per distinct value (missing when a value does not parse). Its
    own category mapping, so the codes start at 0 whatever other tests left in polars' process-wide one. The
    value counts returned beside are Python's counts of the converted values (two texts parsing to one value
    count together; missing values left out)."""
    column = ColumnSchema("x", "String", "numeric", conversion=conversion)
    series = pl.Series("x", values, dtype=pl.Categorical(pl.Categories.random()))
    for chunk in (2, 1 << 20):  # codes counted two rows at a time, and all at once
        converted, counts = convert._converted_levels(series, column, chunk=chunk)
        assert converted.to_list() == expected
        assert dict(counts.iter_rows()) == Counter(v for v in expected if v is not None)


@pytest.mark.parametrize(("conversion", "values", "expected"), CONVERSIONS_BY_HAND)
def test_repeated_plain_text_is_converted_per_distinct_value(conversion: str, values: list, expected: list) -> None:
    """A String column (not held as a Categorical) whose values repeat is parsed once per distinct text
    (`convert._converted_distinct`), with the values by hand in their rows; one whose values barely repeat, row by
    row (the same values)."""
    column = ColumnSchema("x", "String", "numeric", conversion=conversion)
    repeated = pl.Series("x", values * 4)
    assert convert._converted_distinct(repeated, column).to_list() == expected * 4
    frame = nw.from_native(repeated.to_frame().lazy())
    assert converted_once(frame, Schema([column]))[0].to_native().collect()["x"].to_list() == expected * 4
    assert convert._converted_distinct(pl.Series("x", [str(i) for i in range(100)]), column) is None


def test_categories_coded_far_apart_are_converted_row_by_row() -> None:
    """Codes from polars' process-wide category mapping beyond four per row: no lookup array, the rows are parsed."""
    held = pl.Series([f"far{i}" for i in range(50)], dtype=pl.Categorical)  # takes 50 codes while it lives
    series = pl.Series("x", ["far49", " 7"], dtype=pl.Categorical)
    column = ColumnSchema("x", "String", "numeric", conversion="number_text")
    assert convert._converted_levels(series, column) is None
    frame = nw.from_native(csv_read.as_text(series.to_frame()))
    assert converted_once(frame, Schema([column]))[0].to_native().collect()["x"].to_list() == [None, 7.0]
    assert held.len() == 50


READS = {
    "mixed": "a,b,c,d\n" + "".join(f"{i},{i / 3:.3f},w{i % 7},\n" for i in range(300)) + "301,0.5,x,7\n",
    "late_text": "n,t\n" + "1,2\n" * 150 + "2,NA\n",  # t: numbers, then a marker polars reads as text
    "duplicated": "a,a,b\n1,x,2.5\n3,y,\n",
    "plain": "a,b\n1,2\n3,4\n",
}


@pytest.mark.parametrize("name", sorted(READS))
@pytest.mark.parametrize("header", [True, False])
def test_a_read_with_the_schema_inferred_first_equals_polars_own_read(tmp_path: Path, name: str, header: bool) -> None:
    """`read_narrowed` reads a file path with the types `pl.scan_csv` infers (`csv_read.inferred_schema`): the same
    table as `pl.read_csv` inferring them itself, with and without Int16 overrides, and a value that does not fit
    an override still makes polars refuse the read."""
    path = tmp_path / f"{name}.csv"
    path.write_text(READS[name], encoding="utf-8")
    options = {"has_header": header, "null_values": [], "infer_schema_length": 10_000}
    inferred = csv_read.inferred_schema(path, options)
    assert inferred is not None
    expected = pl.read_csv(path, **options)
    assert csv_read._read_typed(path, options, inferred, {}).equals(expected)
    first = expected.columns[0]
    if expected.schema[first] == pl.Int64:
        narrowed = pl.read_csv(path, schema_overrides={first: pl.Int16}, **options)
        assert csv_read._read_typed(path, options, inferred, {first: pl.Int16}).equals(narrowed)
        path.write_text(READS[name].replace("301,", "99999,"), encoding="utf-8")
        if "99999" in path.read_text():
            with pytest.raises(pl.exceptions.ComputeError):
                csv_read._read_typed(path, options, csv_read.inferred_schema(path, options), {first: pl.Int16})
    assert csv_read.inferred_schema(io.BytesIO(READS[name].encode()), options) is None  # not a path: polars infers


def _numbers_late(rows: int) -> str:
    """An integer column whose first float comes after polars' 10,000 inferred rows: both reads refuse it."""
    return "n,x\n" + "".join(f"{i},{i % 7}\n" for i in range(rows)) + "5,2.5\n"


MESSY = {
    "comments": "# made by hand\nx,y\n1,a\n# a note\n2,b\n3,NA\n",
    "title": "Penguins 2007,,\nspecies,mass,note\nAdelie,3750,\nGentoo,5000,big\nChinstrap,NA,\n",
    "decimal_comma": "a;b;c\n1,5;2;x\n2,25;3;y\n3,0;NA;z\n",
    "trailing": "a,b,\n1,2,\n3,4,\n5,,\n",
    "ragged": "a,b,c\n1,2,3\n4,5\n6,7,8\n",
    "markers": 'a,b,c\n1,"",NULL\n2,x,3.5\nN/A,y,nan\n',
    "late_float": _numbers_late(12_000),
    "late_marker": "n,t\n" + "1,2\n" * 11_000 + "2,?\n",
}


@pytest.mark.parametrize("name", sorted(MESSY))
def test_a_small_file_loads_as_with_polars_own_inference(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of any size is read with the types `pl.scan_csv` infers (quicker than `pl.read_csv` inferring
    them itself: flights 1×, 152 against 167 CPU-ms); the table and what the loader says about it are those of the
    read in which polars infers the types itself (`inferred_schema` giving None), the reference."""
    path = tmp_path / f"{name}.csv"
    path.write_text(MESSY[name], encoding="utf-8")
    typed = []
    real = csv_read._read_typed
    monkeypatch.setattr(
        csv_read, "_read_typed", lambda s, o, inferred, v: typed.append(inferred) or real(s, o, inferred, v)
    )
    table = load(path)
    assert typed and typed[0] is not None  # the scan's types were given to the read
    monkeypatch.setattr(csv_read, "inferred_schema", lambda source, options: None)
    expected = load(path)
    rows, plain = table.to_polars(), expected.to_polars()
    assert rows.schema == plain.schema
    assert rows.equals(plain, null_equal=True)
    assert dataclasses.replace(table.source, memory_bytes=None) == dataclasses.replace(
        expected.source, memory_bytes=None
    )


@pytest.mark.parametrize("name", [card.name for card in datasets.list_datasets()])
def test_every_bundled_dataset_loads_as_with_polars_own_inference(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    table = load(name)
    monkeypatch.setattr(csv_read, "inferred_schema", lambda source, options: None)
    expected = load(name)
    assert table.to_polars().equals(expected.to_polars(), null_equal=True)
    assert table.to_polars().schema == expected.to_polars().schema
    assert table.source == expected.source
