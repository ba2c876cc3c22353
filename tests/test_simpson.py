"""Simpson's paradox: with `--group`, an association is also shown within each group and a reversal is named.

Independent references:
* UCBAdmissions (R's datasets), `mantelhaen.test(UCBAdmissions)` in R 4.x: "Mantel-Haenszel chi-squared test with
  continuity correction", Mantel-Haenszel X-squared = 1.4269, df = 1, p-value = 0.2323, common odds ratio
  0.9046968, 95 percent CI 0.7719074 to 1.0603298 (odds of admission, Male vs Female, within departments); the
  crude odds ratio ignoring department is (1198·1278)/(557·1493) = 1.8411, the other side of 1: the classic
  Simpson's paradox (Bickel et al. 1975).
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

import edakit
from tests.conftest import DATASETS, run_cli

# UCBAdmissions: department -> ((Male admitted, rejected), (Female admitted, rejected))
UCB = {
    "A": ((512, 313), (89, 19)),
    "B": ((353, 207), (17, 8)),
    "C": ((120, 205), (202, 391)),
    "D": ((138, 279), (131, 244)),
    "E": ((53, 138), (94, 299)),
    "F": ((22, 351), (24, 317)),
}


def ucb_rows() -> pd.DataFrame:
    rows = []
    for dept, ((ma, mr), (fa, fr)) in UCB.items():
        for gender, adm, rej in (("Male", ma, mr), ("Female", fa, fr)):
            rows += [(dept, gender, "Yes")] * adm + [(dept, gender, "No")] * rej
    return pd.DataFrame(rows, columns=["dept", "gender", "admitted"])


@pytest.fixture(scope="module")
def ucb() -> edakit.Report:
    return edakit.report(ucb_rows(), target="admitted", group="dept", correlations=False)


def test_mantel_haenszel_matches_r(ucb: edakit.Report) -> None:
    o = ucb.target["gender"].outcome
    assert (o.event, o.compared, o.reference) == ("Yes", "Male", "Female")
    mh = o.stratified
    assert mh is not None and mh.by == "dept" and mh.n == 4526
    assert mh.odds_ratio == pytest.approx(0.9046968, rel=1e-6)
    assert mh.ci == pytest.approx((0.7719074, 1.0603298), rel=1e-6)
    assert mh.statistic == pytest.approx(1.4269, abs=5e-5)
    assert mh.p_value == pytest.approx(0.2323, abs=5e-5)
    assert o.odds_ratio == pytest.approx((1198 * 1278) / (557 * 1493), rel=1e-12)
    assert mh.reversal
    # each department's own odds ratio, written out from the counts
    for s in mh.strata:
        (ma, mr), (fa, fr) = UCB[s.stratum]
        assert s.odds_ratio == pytest.approx((ma / mr) / (fa / fr), rel=1e-12)


def test_page_names_the_reversal(tmp_path) -> None:
    out = tmp_path / "ucb.html"
    edakit.report(ucb_rows(), target="admitted", group="dept", correlations=False).to_html(out)
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text())))
    assert "Mantel–Haenszel odds ratio" in page
    assert "gender Male vs Female 1.841 0.9047 0.7719 – 1.06" in page
    assert "Simpson's paradox: the association reverses direction once dept is held fixed" in page


# ------------------------------------------------------------------ correlations within groups (penguins)


@pytest.fixture(scope="module")
def penguins() -> edakit.Report:
    return edakit.report("penguins", group="species")


def test_within_species_correlations_match_scipy(penguins: edakit.Report) -> None:
    from scipy.stats import pearsonr

    raw = pd.read_csv(DATASETS / "penguins.csv").dropna(subset=["bill_length_mm", "bill_depth_mm"])
    w = penguins.correlations.within_pair("bill_length_mm", "bill_depth_mm")
    assert w.by == "species"
    # R: cor.test(~ bill_length_mm + bill_depth_mm, data = penguins) gives r = -0.2350529 overall; per species
    # (subset = species == ...) 0.3914917 Adelie, 0.6535362 Chinstrap, 0.6433839 Gentoo
    assert w.overall == pytest.approx(-0.2350529, abs=5e-8)
    expected = {"Adelie": 0.3914917, "Chinstrap": 0.6535362, "Gentoo": 0.6433839}
    for species, r_ref in expected.items():
        part = raw[raw["species"] == species]
        ref = pearsonr(part["bill_length_mm"], part["bill_depth_mm"])
        g = w.group(species)
        assert g.n == len(part)
        assert g.r == pytest.approx(r_ref, abs=5e-8)
        assert g.r == pytest.approx(ref.statistic, rel=1e-9)
        assert g.p_value == pytest.approx(ref.pvalue, rel=1e-6)
        ci = ref.confidence_interval(0.95)
        assert g.ci == pytest.approx((ci.low, ci.high), rel=1e-9)
    assert w.reversal
    # pooled within-species r: the correlation of the residuals from the species means
    centred = raw[["bill_length_mm", "bill_depth_mm"]] - raw.groupby("species")[
        ["bill_length_mm", "bill_depth_mm"]
    ].transform("mean")
    assert w.pooled == pytest.approx(centred.corr().iloc[0, 1], rel=1e-9)


def test_no_reversal_when_signs_agree(penguins: edakit.Report) -> None:
    w = penguins.correlations.within_pair("flipper_length_mm", "body_mass_g")
    assert w.overall > 0 and all(g.r > 0 for g in w.groups) and not w.reversal


def test_page_shows_within_species_correlations(tmp_path) -> None:
    out = tmp_path / "p.html"
    res = run_cli("report", "penguins", "--group", "species", "-o", str(out))
    assert res.returncode == 0, res.stderr
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text())))
    assert "Pearson's r of each numeric pair over all rows and within each level of species" in page
    assert "bill_length_mm × bill_depth_mm all rows 342 -0.2351" in page
    assert "bill_length_mm × bill_depth_mm Adelie 151 0.3915" in page
    assert "bill_length_mm × bill_depth_mm Chinstrap 68 0.6535" in page
    assert "bill_length_mm × bill_depth_mm Gentoo 123 0.6434" in page
    assert "Simpson's paradox: " in page
    assert (
        "bill_length_mm and bill_depth_mm correlate negatively over all rows (r = -0.235) but "
        "positively within every level of species (Adelie 0.391, Chinstrap 0.654, Gentoo 0.643" in page
    )


def test_within_group_results_read_back_from_json(penguins: edakit.Report, ucb: edakit.Report) -> None:
    from edakit.model import Report

    back = Report.from_json(penguins.to_json())
    assert back.correlations.within == penguins.correlations.within
    assert back.correlations.within_pair("bill_length_mm", "bill_depth_mm").reversal
    again = Report.from_json(ucb.to_json())
    assert again.target["gender"].outcome == ucb.target["gender"].outcome
