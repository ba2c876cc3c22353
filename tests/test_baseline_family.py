"""`--baseline`: columns measured before the groups were formed are adjusted as a family of their own, never
together with the outcomes (issue 20). The adjusted p-values are checked against statsmodels' `multipletests`
(= R's `p.adjust(p, "holm")`) applied to each family's raw p-values separately."""

from __future__ import annotations

import html
import re

import pytest
from statsmodels.stats.multitest import multipletests

import edakit
from tests.conftest import run_cli

BASELINE = ["gender", "age", "bmi", "asa", "mallampati", "smoking", "surgery_size"]


@pytest.fixture(scope="module")
def licorice() -> edakit.Report:
    return edakit.report(
        "licorice", group="treatment", design="randomised", baseline=BASELINE, correlations=False
    ).comparisons


def test_baseline_and_outcomes_are_separate_families(licorice) -> None:
    a = licorice
    assert a.baseline == [c for c in a.columns if c in BASELINE] and len(a.baseline) == 7
    for family in ([c for c in a if c.label in BASELINE], [c for c in a if c.label not in BASELINE]):
        raw = [c.primary.p_value for c in family]
        assert len(raw) >= 5
        expected = multipletests(raw, method="holm")[1]
        assert [c.p_adjusted for c in family] == pytest.approx(list(expected), rel=1e-12)
    # one joint family would have multiplied the smallest outcome p-value by 12, not 5
    outcome = min((c for c in a if c.label not in BASELINE), key=lambda c: c.primary.p_value)
    assert outcome.p_adjusted == pytest.approx(5 * outcome.primary.p_value, rel=1e-12)


def test_page_marks_baseline_columns_and_says_why(tmp_path) -> None:
    out = tmp_path / "lic.html"
    res = run_cli(
        "report", "licorice", "--group", "treatment", "--design", "randomised", "--baseline", ",".join(BASELINE),
        "--no-correlations", "-o", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text())))
    assert "age (baseline) 235 Welch's t test" in page and "gender (baseline) 235" in page
    # the five outcomes (three pain scores, two sore-throat flags) form the family; the seven baseline columns do not
    assert (
        "the 5 primary outcome tests of this section (one per compared column); their p-values are adjusted together"
        in page
    )
    assert "7 column(s) were measured before the groups of treatment were formed" in page
    assert "The groups were assigned at random, so any difference at baseline is chance by construction" in page
    bad = run_cli("report", "licorice", "--group", "treatment", "--baseline", "nope")
    assert bad.returncode == 2 and "--baseline names unknown column(s): nope" in bad.stderr
    assert "Traceback" not in bad.stderr
