"""The report end to end: roles on a messy file, odd columns, escaping, JSON round trip, notebook view."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

import edakit
from edakit.model import Report

MESSY = """id,amount,when,flag,note,empty,const,score,city
1,"1,234", 2024-01-05 ,yes,short,,x,1.5,Oslo
2,"2,000",2024-02-11,no,"a much longer free text note that goes on and on and on",,x,inf,Bergen
3,  42 ,2024-03-15,Yes,hi,,x,,Oslo
4,"10,500.5",2024-12-31,NO,,,x,2.5,Oslo
"""


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Report:
    path = tmp_path_factory.mktemp("messy") / "messy.csv"
    path.write_text(MESSY, encoding="utf-8")
    return edakit.report(path)


def test_roles_on_a_messy_file(messy: Report) -> None:
    roles = {c.name: c.role for c in messy.columns}
    assert roles == {
        "id": "identifier",  # 1..4 in order and named id: row numbers (issue 19)
        "amount": "numeric",
        "when": "datetime",
        "flag": "boolean",
        "note": "categorical",
        "empty": "empty",
        "const": "constant",
        "score": "numeric",
        "city": "categorical",
    }


def test_numbers_stored_as_text_are_parsed(messy: Report) -> None:
    amount = messy.column("amount").numeric
    assert (amount.n, amount.min, amount.max) == (4, 42.0, 10500.5)
    assert amount.sum == pytest.approx(1234 + 2000 + 42 + 10500.5)


def test_infinity_is_counted_as_missing_with_a_note(messy: Report) -> None:
    score = messy.column("score")
    assert score.numeric.n == 2 and score.missing == 2 and score.numeric.non_finite == 1
    assert score.numeric.mean == 2.0


def test_dates_and_booleans_stored_as_text(messy: Report) -> None:
    when = messy.column("when")
    assert str(when.datetime["min"]) == "2024-01-05" and str(when.datetime["max"]) == "2024-12-31"
    flag = messy.column("flag")
    assert {tv.value: tv.count for tv in flag.top_values} == {True: 2, False: 2}


def test_alerts_name_the_odd_columns(messy: Report) -> None:
    kinds = {(a.kind, a.column) for a in messy.alerts}
    assert {("empty", "empty"), ("constant", "const"), ("missing", "score")} <= kinds
    assert all(a.message for a in messy.alerts)


def test_duplicate_rows_count_extra_copies() -> None:
    df = pl.DataFrame({"a": [1, 1, 1, 2, 2, 3], "b": ["x", "x", "x", "y", "y", "z"]})
    rep = edakit.report(df)
    assert rep.overview.duplicate_rows == 3  # two extra copies of (1, x) and one of (2, y)
    assert any(a.kind == "duplicates" for a in rep.alerts)


def test_identifier_column_detected() -> None:
    df = pl.DataFrame({"customer_id": list(range(1000, 1100)), "value": [float(i % 7) for i in range(100)]})
    rep = edakit.report(df)
    assert rep.column("customer_id").role == "identifier"


HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style><b>x</b>"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [k for k, _ in attrs]


def test_hostile_names_and_values_are_escaped(tmp_path: Path) -> None:
    df = pl.DataFrame({HOSTILE[0]: HOSTILE * 3, HOSTILE[1]: [1.0, 2.0, 3.0] * 3})
    html = edakit.report(df, title=HOSTILE[2]).to_html()
    parser = _Collector()
    parser.feed(html)
    assert parser.tags.count("script") == 1  # edakit's own inline script (templates/report.js), nothing from the data
    assert "img" not in parser.tags and "b" not in parser.tags
    assert "onerror" not in parser.attrs
    assert "&lt;/style&gt;&lt;b&gt;x&lt;/b&gt;" in html  # the title is shown as text


def test_json_round_trip_renders_the_same_page(tmp_path: Path) -> None:
    rep = edakit.report("penguins")
    path = tmp_path / "p.json"
    rep.to_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == "2.0"
    body = data["columns"][2]["numeric"]
    assert isinstance(body["mean"], float) and isinstance(body["mean_ci"], list)
    again = Report.from_json(path)
    assert again.to_html() == rep.to_html()


def test_json_of_an_ab_report_reads_back_typed_in_a_fresh_process(tmp_path: Path) -> None:
    """The Report's rarer result classes (A/B, comparisons, models, time series) are imported only when needed: a
    process that has not imported them still reads an A/B report's JSON back as the same classes and page."""
    rep = edakit.report("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar")
    path = tmp_path / "ab.json"
    rep.to_json(path)
    (tmp_path / "ab.html").write_text(rep.to_html(), encoding="utf-8")
    code = f"""if True:
        import sys
        from pathlib import Path
        from edakit.model import Report
        lazy = ("edakit.stats.ab_results", "edakit.stats.comparison_results", "edakit.stats.model_analysis",
                "edakit.stats.timeseries")
        print(sorted(m for m in lazy if m in sys.modules))
        again = Report.from_json({str(path)!r})
        print(type(again.ab).__name__, type(again.ab.comparisons[0]).__name__, type(again.ab.srm).__name__)
        print(again.to_html() == Path({str(tmp_path / "ab.html")!r}).read_text(encoding="utf-8"))
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["[]", "ABResult ABComparison SRMResult", "True"]


def test_non_finite_numbers_are_valid_json() -> None:
    rep = edakit.report(pl.DataFrame({"x": [1.0, 1.0, 1.0]}))
    text = rep.to_json()
    assert "NaN" not in text.replace('"NaN"', "")  # only as an explicit string, never a bare token
    json.loads(text)


def test_notebook_view_is_scoped_fragment() -> None:
    rep = edakit.report("sleep")
    html = rep._repr_html_()
    assert "<html" not in html and 'class="edakit"' in html
    css = html[html.index("<style>") + len("<style>") : html.index("</style>")]
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = [r.strip() for r in css.split("}") if "{" in r]
    selectors = [r.split("{")[0].strip() for r in rules]
    top_level = [s for s in selectors if not s.startswith(("@", ".edakit", "from", "to"))]
    assert top_level == []
    assert "sleep" in repr(rep)


def test_one_bad_column_does_not_sink_the_report() -> None:
    df = pl.DataFrame({"ok": [1.0, 2.0, 3.0], "nested": [[1], [2], [3]]})
    rep = edakit.report(df)
    assert rep.column("ok").numeric.mean == 2.0
    nested = rep.column("nested")
    assert nested.role == "unsupported" and "not summarised" in nested.skipped


@pytest.mark.slow
def test_a_table_of_five_thousand_columns_gets_a_complete_report(tmp_path: Path) -> None:
    """Issue 11: 5,000 columns (a third categorical) of 200 rows; about a minute, so in the slow run."""
    import numpy as np

    rng = np.random.default_rng(0)
    data = {
        (f"c{i}" if i % 3 == 0 else f"x{i}"): (rng.choice(["a", "b", "c"], 200) if i % 3 == 0 else rng.normal(size=200))
        for i in range(5000)
    }
    rep = edakit.report(pl.DataFrame(data))
    assert rep.overview.columns == 5000 and rep.overview.rows == 200
    assert not [c.name for c in rep.columns if c.skipped]
    assert rep.column("x4999").numeric.n == 200 and rep.column("c4998").distinct == 3
    assert rep.charts_omitted == 5000 - rep.settings["max_charted_columns"]
    out = tmp_path / "wide.html"
    rep.to_html(out)
    html = out.read_text(encoding="utf-8")
    assert html.count('<article class="ek-column"') == 5000


def test_two_reports_in_one_notebook_page_keep_their_ids_apart() -> None:
    fragments = [edakit.report(name)._repr_html_() for name in ("penguins", "sleep")]
    ids = [re.findall(r' id="([^"]+)"', html) for html in fragments]
    assert not set(ids[0]) & set(ids[1])
    for html, own in zip(fragments, ids, strict=True):
        assert len(own) == len(set(own))
        refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', html))
        labels = {v for group in re.findall(r'aria-labelledby="([^"]+)"', html) for v in group.split()}
        assert refs | labels <= set(own)  # every link and label points inside its own report
