"""The typed result of the group comparisons (`Report.comparisons`, `Report.target`): named fields a notebook user
can read, the same numbers as the page's tables and the JSON, and a JSON form that reads back as itself.

The numbers themselves are checked against R in tests/test_comparisons_section.py.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys

import numpy as np
import pytest

import edakit
from edakit.model import Report
from edakit.stats.chartdata import MAX_OUTLIER_POINTS, box_statistics
from edakit.stats.comparison_results import (
    CategoricalComparison,
    ComparisonAnalysis,
    CorrelationComparison,
    GroupTest,
    NumericComparison,
    PosthocPair,
)
from edakit.stats.comparisons import MAX_OUTLIER_POINTS as GROUP_BOX_OUTLIERS
from tests.conftest import read_r_output

R = read_r_output("comparisons_section.out")


@pytest.fixture(scope="module")
def penguins() -> Report:
    return edakit.report("penguins", group="species", max_charted_columns=0, correlations=False)


def section_table(rep: Report, caption_start: str) -> list[list[object]]:
    (sec,) = [s for s in rep.sections if s.id == "comparisons-group"]
    (table,) = [b for b in sec.blocks if getattr(b, "caption", "").startswith(caption_start)]
    return table.rows


def test_comparisons_are_typed_named_and_match_the_page(penguins: Report) -> None:
    a = penguins.comparisons
    assert isinstance(a, ComparisonAnalysis) and penguins.target is None
    assert a.columns == ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]
    assert a.alpha == 0.05 and a.conf_level == 0.95 and a.p_adjust == "holm" and a.labels[0] == "Adelie"
    c = a["body_mass_g"]
    assert isinstance(c, NumericComparison) and "body_mass_g" in a and [x.label for x in a][4] == "body_mass_g"
    assert [t.key for t in c.tests] == ["welch_anova", "kruskal", "anova"]
    assert (c.primary, c.alternative, c.others) == (c.tests[0], c.tests[1], [c.tests[2]])
    welch = c.primary  # Welch's ANOVA: the group SDs differ by more than 1.5 times
    ref = R["welch_anova|penguins|body_mass_g"]  # oneway.test(body_mass_g ~ species)
    assert welch.p_value == pytest.approx(ref["p"], rel=1e-6) and welch.statistic == pytest.approx(ref["F"], rel=1e-6)
    assert welch.df == (2.0, pytest.approx(ref["df2"], rel=1e-6)) and welch.n == 342 and not welch.on_sample
    assert welch.estimate_name == "eta²" and welch.ci is not None and welch.effect_size.magnitude == "large"
    assert welch.method == "One-way analysis of means (not assuming equal variances)"
    # the page's overview table is laid out from these fields
    row = next(r for r in section_table(penguins, "Comparisons of numeric columns") if r[0] == "body_mass_g")
    assert row[2] == "Welch's ANOVA" and row[4] == welch.estimate and row[5] == list(welch.ci)
    assert row[7] == welch.p_value and row[8] == c.p_adjusted
    # ... and the JSON carries the same numbers under named fields
    data = penguins.to_dict()["comparisons"]
    (entry,) = [n for n in data["numeric"] if n["label"] == "body_mass_g"]
    assert entry["kind"] == "numeric" and entry["primary"]["key"] == "welch_anova"
    assert entry["primary"]["p_value"] == row[7] and entry["p_adjusted"] == row[8]
    assert entry["primary"]["statistic"] == welch.statistic and entry["primary"]["df"] == list(welch.df)
    assert entry["primary"]["ci"] == row[5] and entry["alternative"]["key"] == "kruskal"
    assert [p["pair"] for p in entry["posthoc"]] == [p.pair for p in c.posthoc] and c.posthoc_method == "Games–Howell"
    island = a["island"]
    assert isinstance(island, CategoricalComparison) and island.primary.key == "chisq" and island.primary.df == 4
    assert len(island.share_ci) == 3 and all(lo <= hi for row in island.share_ci for lo, hi in row)


def test_repr_and_missing_columns(penguins: Report) -> None:
    a = penguins.comparisons
    text = repr(a)
    assert text.startswith("<ComparisonAnalysis group 'species' (3 levels): 7 column(s) compared")
    line = next(x for x in text.splitlines() if x.strip().startswith("body_mass_g"))
    c = a["body_mass_g"]
    assert "Welch's ANOVA" in line and f"p = {c.primary.p_value:.4g}" in line
    assert f"p (Holm) = {c.p_adjusted:.4g}" in line and f"eta² = {c.primary.estimate:.4g}" in line
    with pytest.raises(KeyError, match="the group column itself"):
        a["species"]
    with pytest.raises(KeyError, match="not a compared column"):
        a["nope"]
    assert "species" not in a


def test_json_reads_back_as_the_same_classes(penguins: Report) -> None:
    again = Report.from_json(penguins.to_json())
    c, original = again.comparisons["body_mass_g"], penguins.comparisons["body_mass_g"]
    assert isinstance(c, NumericComparison) and c == original
    assert isinstance(c.primary, GroupTest) and isinstance(c.posthoc[0], PosthocPair) and c.box == original.box
    assert c.primary.df == original.primary.df and isinstance(c.primary.df, tuple)
    for name in penguins.comparisons.columns:
        assert again.comparisons[name] == penguins.comparisons[name], name
    assert again.comparisons == penguins.comparisons


def test_numeric_target_reads_back_with_its_correlations() -> None:
    rep = edakit.report("penguins", target="body_mass_g", max_charted_columns=0, correlations=False)
    a = rep.target
    assert rep.comparisons is None and a.numeric_target and a.mode == "target"
    r = a["flipper_length_mm"]
    assert isinstance(r, CorrelationComparison) and r.primary.key == "pearson" and r.alternative.key == "spearman"
    assert isinstance(a["species"], NumericComparison) and a["species"].column == "body_mass_g"
    again = Report.from_json(rep.to_json()).target
    assert isinstance(again["flipper_length_mm"], CorrelationComparison) and again == a


def test_html_shows_the_json_value() -> None:
    rep = edakit.report("sleep", group="group", max_charted_columns=0, correlations=False)
    p = json.loads(rep.to_json())["comparisons"]["numeric"][0]["primary"]["p_value"]  # Welch's t on extra
    assert p == rep.comparisons["extra"].primary.p_value == pytest.approx(R["welch_t|sleep|extra"]["p"], rel=1e-6)
    page = html.unescape(rep.to_html())
    row = re.search(r'<th scope="row">extra</th>(.*?)</tr>', page, re.S).group(1)
    titles = re.findall(r'title="([^"]*)"', row)
    assert repr(p) in titles and f"{p:.2g}" in row  # the full value on hover, rounded in the cell


def test_alpha_and_conf_level_come_from_the_config() -> None:
    rep = edakit.report("sleep", group="group", alpha=0.1, conf_level=0.9, max_charted_columns=0, correlations=False)
    a = rep.comparisons
    assert a.alpha == 0.1 and a.conf_level == 0.9
    c = a["extra"]
    default = edakit.report("sleep", group="group", max_charted_columns=0, correlations=False).comparisons["extra"]
    assert c.primary.p_value == default.primary.p_value and c.primary.ci != default.primary.ci
    (sec,) = [s for s in rep.sections if s.id == "comparisons-group"]
    assert "(p < 0.1)" in sec.summary and "90 % CI (unadjusted)" in [col.name for col in sec.blocks[1].columns]


def test_one_box_statistics_for_every_box_plot(penguins: Report) -> None:
    values = np.concatenate([np.arange(1000.0), 1e6 + np.arange(40.0)])  # 40 high outliers
    b = box_statistics(values[::-1], 30)
    q1, med, q3 = np.quantile(values, [0.25, 0.5, 0.75])
    assert (b.q25, b.median, b.q75, b.n) == (q1, med, q3, 1040) and (b.whisker_low, b.whisker_high) == (0.0, 999.0)
    assert len(b.outliers_high) == 30 and b.outliers_high[0] == 1e6 and b.outliers_high[-1] == 1e6 + 39
    assert b.outliers_low == [] and box_statistics([np.nan], 30) is None
    fenced = box_statistics(values, 50, fences=(None, 900.0))  # the column box plot: full-data fences
    assert len(fenced.outliers_high) == 50 and fenced.outliers_low == [] and fenced.whisker_high == 900.0
    assert GROUP_BOX_OUTLIERS < MAX_OUTLIER_POINTS
    c = penguins.comparisons["body_mass_g"]
    assert [b.median for b in c.box] == [g.median for g in c.groups]  # the sample is every row here


def test_gathering_imports_no_scipy() -> None:
    code = "import sys, edakit.engine.comparisons; assert 'scipy' not in sys.modules, 'scipy imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
