"""Property-based tests: random tables with odd types, missing patterns, extreme values and hostile text.

Whatever the table, the report is written, it parses as HTML without executable markup from the data,
and its counts add up.
"""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import edakit

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</style>",
    "=cmd|' /C calc'!A0",
    "",
    " ",
    "ü€😀",
    "NA",
]
FLOATS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324, 1.0]),
)
TEXT = st.one_of(st.none(), st.sampled_from(HOSTILE), st.text(max_size=20))


@st.composite
def tables(draw) -> pl.DataFrame:
    rows = draw(st.integers(min_value=1, max_value=30))
    columns: dict[str, pl.Series] = {}
    for i in range(draw(st.integers(min_value=1, max_value=5))):
        name = draw(st.sampled_from(HOSTILE + ["x", "value", ""])) + f"_{i}"
        kind = draw(st.sampled_from(["float", "int", "text", "bool", "const", "empty"]))
        if kind == "float":
            values = draw(st.lists(FLOATS, min_size=rows, max_size=rows))
            columns[name] = pl.Series(name, values, dtype=pl.Float64)
        elif kind == "int":
            ints = st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62))
            columns[name] = pl.Series(name, draw(st.lists(ints, min_size=rows, max_size=rows)), dtype=pl.Int64)
        elif kind == "text":
            columns[name] = pl.Series(name, draw(st.lists(TEXT, min_size=rows, max_size=rows)), dtype=pl.String)
        elif kind == "bool":
            bools = st.one_of(st.none(), st.booleans())
            columns[name] = pl.Series(name, draw(st.lists(bools, min_size=rows, max_size=rows)), dtype=pl.Boolean)
        elif kind == "const":
            columns[name] = pl.Series(name, ["same"] * rows)
        else:
            columns[name] = pl.Series(name, [None] * rows, dtype=pl.Float64)
    return pl.DataFrame(columns)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        urls = ("href", "src", "action", "formaction", "xlink:href")  # where a javascript: URL would run
        self.handlers += [k for k, v in attrs if k.startswith("on") or (k in urls and "javascript:" in (v or ""))]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_any_table_gives_a_consistent_report(df: pl.DataFrame) -> None:
    rep = edakit.report(df)
    assert rep.overview.rows == df.height and rep.overview.columns == df.width
    for col in rep.columns:
        assert 0 <= col.missing <= col.rows == df.height
        present = col.rows - col.missing
        if col.numeric is not None:
            assert col.numeric.n == present
            for value in (col.numeric.mean, col.numeric.sd, col.numeric.skewness):
                assert value is None or math.isfinite(value)
        if col.top_values:
            assert sum(t.count for t in col.top_values) + col.other_count == present
            assert all(0 <= t.ci[0] <= t.proportion <= t.ci[1] <= 1 for t in col.top_values)
    json.loads(rep.to_json())  # valid JSON: no bare NaN or Infinity
    html = rep.to_html()
    parser = _Tags()
    parser.feed(html)
    assert parser.tags.count("script") <= 1 and "<script>alert(1)</script>" not in html  # only our own script
    assert "img" not in parser.tags
    assert parser.handlers == []
