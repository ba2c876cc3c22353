"""p-values are written as R's `format.pval` writes them: below `.Machine$double.eps` (2.220446e-16) as
"< 2.2e-16", never "p = 0" or "with probability 0" (issue 20). A p-value of 0.0 from scipy has underflowed; the
JSON keeps the number as computed."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

import edakit
from edakit._format import P_EPS, fmt_p, fmt_p_number
from edakit.explain.words import p_value_phrase
from edakit.render.html import format_cell, format_p
from edakit.stats.correlations import correlation

_ZERO = re.compile(r"p = 0(?![.\d])|probability 0(?![.\d])")


def test_r_threshold_and_formats() -> None:
    assert np.finfo(float).eps == P_EPS  # R: .Machine$double.eps = 2.220446e-16
    assert fmt_p(0.0) == fmt_p(1e-300) == fmt_p(2.2e-16) == "p < 2.2e-16"
    assert fmt_p(P_EPS) == "p < 0.001" and fmt_p(0.0004) == "p < 0.001" and fmt_p(0.032) == "p = 0.032"
    assert format_p(0.0) == format_cell(0.0, "p") == "< 2.2e-16"
    assert format_p(1e-111) == "< 2.2e-16"
    assert fmt_p_number(0.0) == "below 2.2e-16" and fmt_p_number(0.032) == "0.032"
    text = p_value_phrase(0.0)
    assert text.startswith("p < 2.2e-16:") and "probability below 2.2e-16" in text and not _ZERO.search(text)


def test_exact_zero_from_scipy_in_a_result() -> None:
    # r = 1 exactly: t is infinite and scipy's p is 0.0 (R rounds r to 1 - 2e-16 and prints p-value < 2.2e-16).
    r = correlation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert r.p_value == 0.0
    assert "p < 2.2e-16" in r.explanation and not _ZERO.search(r.explanation)


def test_report_with_an_underflowing_p_value() -> None:
    # Two groups 100 SDs apart: Welch's t is so large that scipy returns p = 0.0 exactly.
    rng = np.random.default_rng(20)
    y = rng.normal(size=400)
    df = pl.DataFrame({"arm": ["a"] * 200 + ["b"] * 200, "y": np.concatenate([y[:200], y[200:] + 100])})
    rep = edakit.report(df, group="arm", max_charted_columns=0, correlations=False)
    (c,) = [c for c in rep.comparisons.comparisons if c.label == "y"]
    assert c.primary.p_value == 0.0  # the JSON keeps the number as computed
    html = rep.to_html()
    assert "&lt; 2.2e-16" in html and "p &lt; 2.2e-16" in html
    assert not _ZERO.search(html)


def test_penguins_flipper_length_by_species() -> None:
    # R: oneway.test(flipper_length_mm ~ species, penguins) prints p-value < 2.2e-16 (p is about 3e-79 here).
    rep = edakit.report("penguins", group="species", max_charted_columns=0, correlations=False)
    (c,) = [c for c in rep.comparisons.comparisons if c.label == "flipper_length_mm"]
    assert 0 < c.primary.p_value < 1e-70
    html = rep.to_html()
    assert f'title="{c.primary.p_value!r}">&lt; 2.2e-16<' in html
    assert not _ZERO.search(html)
