"""The page and the JSON put together from parts made early (`pipeline.build_report(render_early=True)`: each
section rendered and encoded on its builder's thread as it returns, each column card once its charts are made) are
byte for byte those rendered and encoded all at the end; the JSON is also the standard library's `json.dumps`.
A part is used only for the very object it was made from, so a report changed afterwards renders what it holds."""

from __future__ import annotations

import copy
import json

import pytest

from edakit._json import Encoded, dumps, encode_at
from edakit.config import ReportConfig
from edakit.page import Paragraph
from edakit.pipeline import build_report
from edakit.render.html import render_report

CASES = {
    "plain": ("penguins", {}),
    "group": ("penguins", {"group": "species"}),
    "target": ("penguins", {"target": "body_mass_g"}),
    "dates": ("airquality", {}),  # a date column: the time-series section
    "ab": ("licorice", {"group": "treatment", "metrics": ["throat_pain_4h"], "control": "sugar", "covariate": "age"}),
    # a brief report's sections and columns are cut as they are made (`brief_sections`, `brief_column`), not at the end
    "brief": ("penguins", {"explain": "brief", "target": "body_mass_g"}),
    "brief group": ("airquality", {"explain": "brief", "group": "Month"}),
}


def _both(source: str, options: dict) -> tuple:
    """The report built with its parts made early, and the same report built the plain way."""
    early = build_report(source, ReportConfig(**options), render_early=True)
    plain = build_report(source, ReportConfig(**options))
    plain.created = early.created  # the clock's second, the only field that may differ
    plain.timings = early.timings = {}
    return early, plain


def _stdlib_json(report: object) -> str:
    return json.dumps(report.to_dict(), indent=2, allow_nan=False, ensure_ascii=False)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", list(CASES))
def test_page_and_json_from_early_parts_are_the_same_bytes(case: str) -> None:
    source, options = CASES[case]
    early, plain = _both(source, options)
    ready = early._ready
    assert ready is not None and plain._ready is None
    # every section and every column card was made early: the page below is put together from them
    assert all(ready.html(s) is not None and ready.json(s) is not None for s in early.sections)
    assert all(ready.json(c) is not None for c in early.columns)
    assert early.to_html() == plain.to_html()
    assert early.to_json() == plain.to_json() == _stdlib_json(plain)
    # and from the same objects, the parts set aside: rendered and encoded at the end
    html, text = early.to_html(), early.to_json()
    early._ready = None
    assert early.to_html() == html and early.to_json() == text


def test_notebook_fragment_from_early_parts() -> None:
    """A notebook's scoped fragment of the page (`fragment=True`, ids prefixed) is the same too."""
    early, plain = _both("penguins", {})
    assert render_report(early, fragment=True) == render_report(plain, fragment=True)


def test_a_changed_report_renders_what_it_holds() -> None:
    """A section or column replaced after the build is rendered and encoded as it is now, not from the part made
    for the object it replaced."""
    early, _ = _both("penguins", {})
    section = copy.deepcopy(early.sections[-1])
    section.blocks.insert(0, Paragraph("A paragraph added after the build."))
    early.sections[-1] = section
    early.columns[0] = column = copy.deepcopy(early.columns[0])
    column.summary = "A summary written after the build."
    html, text = early.to_html(), early.to_json()
    assert "A paragraph added after the build." in html and "A summary written after the build." in html
    assert text == _stdlib_json(early)
    early._ready = None
    assert early.to_html() == html


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_encoded_parts_splice_into_the_indented_text(level: int) -> None:
    """`encode_at(value, level)` is the text json.dumps(indent=2) writes for `value` `level` containers deep, so
    a container holding it as `Encoded` dumps to json's text."""
    value = {"a": [1, 2.5, "x\u00e9", None], "b": {"c": [], "d": {}, "e": [[1, 2], {"f": True}]}, "g": "s"}
    nested: object = Encoded(encode_at(value, level))
    expected: object = value
    for _ in range(level):
        nested, expected = [0, nested], [0, expected]
    assert dumps(nested) == json.dumps(expected, indent=2, ensure_ascii=False)
