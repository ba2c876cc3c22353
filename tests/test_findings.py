"""Key findings: ranked one-sentence findings right after the overview, each with its number, interval and a link.

Reference values come from independent computations on the raw data (numpy / scipy, which match R's `cor.test`
and `summary(aov(...))`), and from closed forms (Sarle's bimodality coefficient of a uniform, normal and
two-point distribution), never from edakit's own output.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl
import pytest
from scipy import stats

import edakit
from edakit.explain import findings
from edakit.explain.findings import Finding, key_findings
from edakit.stats.descriptive import describe
from tests.conftest import DATASETS


@pytest.fixture(scope="module")
def penguins() -> edakit.Report:
    return edakit.report("penguins")


def test_bimodality_coefficient_closed_forms() -> None:
    # Population limits of b = (γ1² + 1) / (γ2 + 3): uniform 1 / 1.8 = 5/9, normal 1/3, a two-point 50/50 mix 1.
    grid = np.linspace(0, 1, 200_001)
    assert describe(grid).bimodality_coefficient == pytest.approx(5 / 9, abs=1e-4)
    normal = stats.norm.ppf((np.arange(1, 200_001) - 0.5) / 200_000)
    assert describe(normal).bimodality_coefficient == pytest.approx(1 / 3, abs=2e-3)
    assert describe([0.0] * 5000 + [1.0] * 5000).bimodality_coefficient == pytest.approx(1.0, abs=1e-3)
    assert describe([1.0, 2.0, 3.0]).bimodality_coefficient is None  # G2 needs 4 values


def test_penguins_findings_are_ranked_and_match_independent_numbers(penguins: edakit.Report) -> None:
    found = penguins.findings
    assert 5 <= len(found) <= findings.LIMIT
    assert [f.score for f in found] == sorted((f.score for f in found), reverse=True)
    raw = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")
    both = raw.select("flipper_length_mm", "body_mass_g").drop_nulls()
    r = stats.pearsonr(both["flipper_length_mm"].to_numpy(), both["body_mass_g"].to_numpy())
    ci = r.confidence_interval(0.95)  # Fisher's z, as R's cor.test: 0.871 (0.843 to 0.895)
    # beside the BH-adjusted p, the interval says it is not adjusted
    sentence = f"Pearson's r = {r.statistic:.3f} (95 % CI {ci.low:.3f} to {ci.high:.3f}, unadjusted), BH-adjusted"
    assert any(sentence in f.text and "flipper_length_mm and body_mass_g" in f.text for f in found), sentence
    # eta of flipper length by species: sqrt(SS between / SS total), R: summary(aov(flipper_length_mm ~ species))
    sub = raw.select("flipper_length_mm", "species").drop_nulls()
    y = sub["flipper_length_mm"].to_numpy().astype(float)
    groups = [y[(sub["species"] == s).to_numpy()] for s in sub["species"].unique()]
    ss_between = sum(len(g) * (g.mean() - y.mean()) ** 2 for g in groups)
    eta = np.sqrt(ss_between / ((y - y.mean()) ** 2).sum())
    first = found[0]
    assert first.kind == "association" and first.section == "correlations"
    assert f"flipper_length_mm (eta = {eta:.3f}, 95 % CI" in first.text and "differ across species" in first.text
    missing_sex = next(f for f in found if f.kind == "data quality")
    assert missing_sex.column == "sex" and "11 of 344 rows (3.2 %)" in missing_sex.text  # 11 NA in R's penguins$sex


def test_findings_on_the_page_follow_the_overview_and_link_to_their_evidence(penguins: edakit.Report) -> None:
    html = penguins.to_html()
    order = [html.index(f'<section id="{sid}"') for sid in ("overview", "findings", "alerts")]
    assert order == sorted(order)
    block = html[order[1] : order[2]]
    items = re.findall(r'<li class="ek-finding">(.*?)</li>', block, flags=re.S)
    assert len(items) == len(penguins.findings)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for item, finding in zip(items, penguins.findings, strict=True):
        target = re.search(r'href="#([^"]+)"', item)
        assert target and target.group(1) in ids, item  # every finding links to evidence that is on the page
        assert finding.text.split(":")[0].replace("'", "&#39;") in item


def test_data_quality_and_shape_findings() -> None:
    rng = np.random.default_rng(4)
    n = 400
    skewed = rng.lognormal(0, 1.2, n)
    frame = pl.DataFrame(
        {
            "customer_id": [f"C{i:04d}" for i in range(n)],
            "constant": ["same"] * n,
            "mostly_missing": [None if i % 10 else float(i) for i in range(n)],
            "income": skewed,
        }
    )
    frame = pl.concat([frame, frame.head(20)])  # 20 duplicated rows
    rep = edakit.report(frame, correlations=False)
    texts = [f.text for f in rep.findings]
    g1 = stats.skew(np.concatenate([skewed, skewed[:20]]), bias=False)  # G1, as e1071::skewness(type = 2)
    expected = [  # ranked by the documented scores: 0.6 + 0.4 × 90 % missing, duplicates 0.9, constant 0.85, skew
        "mostly_missing is missing in 378 of 420 rows (90.0 %)",  # 360 of the 400 rows, and 18 of the 20 copies
        "20 of 420 rows (4.8 %) are exact copies",
        "constant holds one single value",
        f"income is heavily skewed to the right (a long tail of large values): skewness G1 = {g1:.3g}",
    ]
    assert [next(i for i, t in enumerate(texts) if e in t) for e in expected] == [0, 1, 2, 3], texts


def test_old_faithful_eruptions_may_have_two_peaks() -> None:
    rep = edakit.report("faithful")
    raw = pl.read_csv(DATASETS / "faithful.csv")["eruptions"].to_numpy()
    n, g1, g2 = len(raw), stats.skew(raw, bias=False), stats.kurtosis(raw, bias=False)
    b = (g1**2 + 1) / (g2 + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))  # Sarle's coefficient from scipy's G1, G2
    assert b > 5 / 9
    peaks = [f for f in rep.findings if f.kind == "distribution" and f.column == "eruptions"]
    assert peaks and f"bimodality coefficient is {b:.3f}" in peaks[0].text


def test_group_differences_and_simpsons_reversal() -> None:
    rep = edakit.report("penguins", group="species")
    diffs = [f for f in rep.findings if f.kind == "group difference"]
    assert diffs and all("Holm-adjusted p" in f.text for f in diffs)
    assert all(f.section == "comparisons-group" for f in diffs)
    assert len(diffs) <= findings.PER_KIND
    assert not any("differ across species" in f.text for f in rep.findings)  # said once, by the comparison
    # bill length and depth: r < 0 over all penguins, r > 0 within each species (the textbook Simpson's paradox)
    raw = pl.read_csv(DATASETS / "penguins.csv", null_values="NA").drop_nulls(["bill_length_mm", "bill_depth_mm"])
    r_all = stats.pearsonr(raw["bill_length_mm"], raw["bill_depth_mm"]).statistic
    adelie = raw.filter(pl.col("species") == "Adelie")
    r_adelie = stats.pearsonr(adelie["bill_length_mm"], adelie["bill_depth_mm"])
    ci = r_adelie.confidence_interval(0.95)
    first = rep.findings[0]
    assert first.kind == "reversal" and first.section == "correlations"
    assert f"bill_length_mm and bill_depth_mm are negatively correlated over all rows (r = {r_all:.3f})" in first.text
    assert f"r = {r_adelie.statistic:.3f} (95 % CI {ci.low:.3f} to {ci.high:.3f}) in Adelie" in first.text


def test_a_registered_finder_adds_its_findings(penguins: edakit.Report, monkeypatch: pytest.MonkeyPatch) -> None:
    def reversal(report: object) -> list[Finding]:
        return [Finding("reversal", "A reversal: the association changes sign within every group.", 0.99)]

    def broken(report: object) -> list[Finding]:
        raise ValueError("one odd result")

    monkeypatch.setattr(findings, "FINDERS", [*findings.FINDERS, reversal, broken])
    found = key_findings(penguins)
    assert found[0].kind == "reversal" and len(found) <= findings.LIMIT  # ranked first; the broken finder adds nothing


def test_counts_agree_with_their_nouns_and_verbs() -> None:
    from edakit.explain.probability import pca_summary
    from edakit.stats.pca import pca

    # Two perfectly correlated columns: one component carries 100 % of the variance (a closed form: the
    # correlation matrix [[1, 1], [1, 1]] has eigenvalues 2 and 0).
    x = np.arange(10.0)
    summary = pca_summary(pca(np.column_stack([x, 2 * x + 1]), ["a", "b"]))
    assert "1 component reaches 80 % of the variance; 1 has an eigenvalue above 1" in summary
    rep = edakit.report(pl.DataFrame({"flag": ["yes"] * 9 + ["no"], "v": [1.0] * 9 + [50.0]}))
    card = rep.column("flag").summary
    assert "flag has 2 distinct values in 10 non-missing rows" in card and not re.search(r"\d \w+\(s\)", rep.to_html())
