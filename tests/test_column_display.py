"""One column on its own (issue 9): `rep.column(name)` shows a scoped card in a notebook and a one-line repr."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import polars as pl
import pytest

import edakit
from edakit.errors import EdakitError
from edakit.model import Report
from edakit.render.html import format_interval, format_number

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def penguins() -> Report:
    return edakit.report("penguins")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def _selectors(html: str) -> list[str]:
    """Every selector of every <style> block, nested ones (inside @media, @container) included."""
    css = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    preludes = [p for rule in css.split("}") for p in rule.split("{")[:-1]]
    return [s.strip() for p in preludes if not p.strip().startswith("@") for s in p.split(",")]


def test_card_shows_the_column_as_the_report_does(penguins: Report) -> None:
    col = penguins.column("bill_length_mm")
    card = col._repr_html_()
    d = col.numeric
    n, mean, ci = format_number(d.n), format_number(d.mean), format_interval(d.mean_ci)
    assert (n, mean) == ("342", "43.92")
    assert '<span class="ek-colname">bill_length_mm</span>' in card and "numeric" in card
    for text in (f">{n}</td>", f">{mean}</td>", f">{ci}</td>"):  # the statistics table's cells
        assert text in card and text in penguins.to_html()
    assert col.summary.split(" (")[0] in card  # its paragraph
    assert "<svg" in card  # its charts, inline
    assert card.count('<details class="ek-details ek-col-more" open>') == 1  # in a notebook: all of it, open


def test_card_uses_the_report_settings() -> None:
    rep = edakit.report("sleep", conf_level=0.9)
    card = rep.column("extra")._repr_html_()
    assert "90 % CI" in card and "95 % CI" not in card
    loose = dataclasses.replace(rep.column("extra"))  # a column outside any report: the default level
    assert "95 % CI" in loose._repr_html_()


def test_card_is_scoped_and_self_contained(penguins: Report) -> None:
    card = penguins.column("species")._repr_html_()
    assert card.startswith('<div class="edakit ') and card.endswith("</div>")
    selectors = _selectors(card)
    assert selectors and all(re.match(r"\.edakit(?![\w-])", s) or s in ("from", "to") for s in selectors), [
        s for s in selectors if not s.startswith(".edakit")
    ]
    assert "<script" not in card and "@import" not in card
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", card)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", card)
    assert 'href="#glossary-' not in card  # the glossary is not in the card: no dangling links
    assert "<html" not in card and "<body" not in card


def test_card_ids_differ_from_the_report_ids(penguins: Report) -> None:
    strip_svg = re.compile(r"<svg.*?</svg>", re.S)  # a chart's own ids are the same wherever it is drawn
    card = strip_svg.sub("", penguins.column("bill_length_mm")._repr_html_())
    report_ids = set(re.findall(r'\sid="([^"]+)"', strip_svg.sub("", penguins._repr_html_())))
    card_ids = set(re.findall(r'\sid="([^"]+)"', card))
    assert card_ids and not card_ids & report_ids
    assert any(i.endswith("-col-3-bill-length-mm") for i in report_ids) and "ek-card-col-3-bill-length-mm" in card_ids


def test_hostile_column_name_is_escaped() -> None:
    df = pl.DataFrame({HOSTILE: [1.0, 2.0, 3.5, 4.0] * 3, "two\nlines": ["a", "b", "a", "c"] * 3})
    rep = edakit.report(df)
    card = rep.column(HOSTILE)._repr_html_()
    parser = _Tags()
    parser.feed(card)
    assert "script" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert HOSTILE not in card and "&lt;script&gt;alert(1)&lt;/script&gt;" in card
    text = repr(rep.column("two\nlines"))
    assert "\n" not in text and "'two\\nlines'" in text


def test_repr_is_one_readable_line(penguins: Report) -> None:
    num = repr(penguins.column("bill_length_mm"))
    assert num == "<ColumnReport 'bill_length_mm' numeric: n=342, missing=2, mean=43.92 [43.34, 44.5]>"
    cat = repr(penguins.column("species"))
    assert cat.startswith("<ColumnReport 'species' categorical: n=344, missing=0, distinct=3, top='Adelie' (")
    for col in penguins.columns:
        text = repr(col)
        assert "\n" not in text and len(text) < 200 and repr(col.name) in text and col.role in text


def test_unknown_column_is_a_clear_error(penguins: Report) -> None:
    with pytest.raises(EdakitError, match=r"No column named 'nope'; columns are: species, island, bill_length_mm"):
        penguins.column("nope")


def test_json_form_is_unchanged_by_the_back_reference(penguins: Report) -> None:
    data = penguins.to_dict()
    assert all("_report" not in c for c in data["columns"])
    again = Report.from_json(json.dumps(data, allow_nan=False))
    assert again.to_dict() == data
    assert again.column("bill_length_mm")._repr_html_() == penguins.column("bill_length_mm")._repr_html_()
