"""`--target` read the way a reader asks: the target's rate in each level of a predictor, with Wilson intervals,
and the odds ratio, risk ratio and risk difference for a two-level predictor, in the target's own words (No/Yes).

Independent sources: the titanic counts are tallied here with pandas from the bundled CSV; Wilson intervals from
statsmodels `proportion_confint(method="wilson")` (= R `prop.test(x, n, correct = FALSE)$conf.int`); the odds
ratio's interval is Woolf's closed form exp(log OR ± z·sqrt(Σ 1/cell)) and the risk ratio's Katz's
exp(log RR ± z·sqrt(1/a − 1/n1 + 1/c − 1/n2)), written out below; the risk difference's is Newcombe's (1998)
method 10, checked on his worked example 56/70 vs 48/80 → 0.0524 to 0.3339 and against statsmodels
`confint_proportions_2indep(method="newcomb")`. The Mantel–Haenszel numbers are R's `mantelhaen.test` on
UCBAdmissions (see tests/test_simpson.py).
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

import edakit
from edakit.stats.proportion import newcombe_interval
from edakit.stats.target import outcome_rates
from tests.conftest import DATASETS, run_cli

Z = float(norm.ppf(0.975))


@pytest.fixture(scope="module")
def titanic() -> pd.DataFrame:
    return pd.read_csv(DATASETS / "titanic.csv")


@pytest.fixture(scope="module")
def rep() -> edakit.Report:
    return edakit.report("titanic", target="survived", correlations=False)


def test_newcombe_worked_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873-890, table II, example (c): 56/70 vs 48/80, method 10
    lo, hi = newcombe_interval(56, 70, 48, 80)
    assert (round(lo, 4), round(hi, 4)) == (0.0524, 0.3339)
    ref = confint_proportions_2indep(56, 70, 48, 80, method="newcomb", compare="diff")
    assert lo == pytest.approx(ref[0], rel=1e-12) and hi == pytest.approx(ref[1], rel=1e-12)


def test_target_keeps_its_own_labels(rep: edakit.Report) -> None:
    assert rep.target.labels == ["No", "Yes"]
    assert rep.target.group_rows == {"No": 1490, "Yes": 711}  # R: table(Titanic survived): No 1490, Yes 711
    assert rep.target["sex"].outcome.event == "Yes"


def test_survival_rate_per_level_matches_counts_and_wilson(rep: edakit.Report, titanic: pd.DataFrame) -> None:
    for column in ("class", "sex", "age"):
        o = rep.target[column].outcome
        counts = pd.crosstab(titanic[column], titanic["survived"])
        assert o.level_names == [str(v) for v in counts.index]
        for level, row in counts.iterrows():
            r = o.rate(str(level))
            yes, n = int(row["Yes"]), int(row.sum())
            assert (r.n, r.counts[1]) == (n, yes)
            assert r.shares[1] == pytest.approx(yes / n, rel=1e-12)
            lo, hi = proportion_confint(yes, n, alpha=0.05, method="wilson")
            assert r.cis[1] == pytest.approx((lo, hi), rel=1e-9)
    # the classic figures: 344 of 470 women survived (73.2 %), 367 of 1731 men (21.2 %)
    assert rep.target["sex"].outcome.rate("Female").counts == [126, 344]
    assert rep.target["sex"].outcome.rate("Male").counts == [1364, 367]


def test_odds_and_risk_ratio_match_closed_forms(rep: edakit.Report) -> None:
    o = rep.target["sex"].outcome
    assert (o.compared, o.reference) == ("Male", "Female")
    a, b, c, d = 367, 1364, 344, 126  # Male yes/no, Female yes/no
    odds = (a / b) / (c / d)
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    assert o.odds_ratio == pytest.approx(odds, rel=1e-12)
    assert o.odds_ratio_ci == pytest.approx((odds * math.exp(-Z * se), odds * math.exp(Z * se)), rel=1e-9)
    n1, n2 = a + b, c + d
    rr = (a / n1) / (c / n2)
    se_rr = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    assert o.risk_ratio == pytest.approx(rr, rel=1e-12)
    assert o.risk_ratio_ci == pytest.approx((rr * math.exp(-Z * se_rr), rr * math.exp(Z * se_rr)), rel=1e-9)
    assert o.risk_difference == pytest.approx(a / n1 - c / n2, rel=1e-12)
    ref = confint_proportions_2indep(a, n1, c, n2, method="newcomb", compare="diff")
    assert o.risk_difference_ci == pytest.approx(tuple(ref), rel=1e-9)
    # Fisher's conditional odds ratio is named in the same direction (R: fisher.test gives 0.0987 for this table)
    fisher = next(t for t in rep.target["sex"].tests if t.key == "fisher")
    assert fisher.estimate_name.endswith("odds of Yes for Male vs Female)")
    assert fisher.estimate == pytest.approx(0.0987, abs=5e-4)


def test_zero_cell_adds_a_half_and_says_so() -> None:
    counts = np.array([[10, 0], [7, 3]], dtype=float)  # reference: 0 events; compared: 3 of 10
    o = outcome_rates("y", "x", ["a", "b"], ["no", "yes"], counts, 0.95)
    # Haldane–Anscombe: (3.5/7.5) / (0.5/10.5)
    assert o.odds_ratio == pytest.approx((3.5 / 7.5) / (0.5 / 10.5), rel=1e-12)
    assert o.risk_ratio is None and any("undefined" in n for n in o.notes)
    assert any("0.5 was added" in n for n in o.notes)


def test_three_level_target_shows_row_shares() -> None:
    counts = np.array([[5, 3, 2], [1, 4, 5]], dtype=float)
    o = outcome_rates("y", "x", ["a", "b"], ["p", "q", "r"], counts, 0.95)
    assert o.event is None and o.odds_ratio is None
    assert o.rate("b").shares == pytest.approx([0.1, 0.4, 0.5])


def _text(page: str, start: str) -> str:
    i = page.find(start)
    end = page.find("<script", i)
    body = re.sub(r"<svg.*?</svg>", " ", page[i : end if end > 0 else None], flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_page_shows_survival_rates_and_ratios(tmp_path) -> None:
    out = tmp_path / "t.html"
    res = run_cli("report", "titanic", "--target", "survived", "--no-correlations", "-o", str(out))
    assert res.returncode == 0, res.stderr
    page = out.read_text()
    text = _text(page, 'id="comparisons-target"')
    assert "Share with survived = Yes in each level of each categorical column" in text
    assert "sex Female 470 344 0.7319" in text and "sex Male 1,731 367 0.212" in text
    assert "Male vs Female 0.09855" in text and "Child vs Adult 2.41" in text
    assert "Female 73.2 % (69.0 % to 77.0 %, n = 470)" in text
    assert "The odds of survived = Yes are 0.0986 times as high for Male (vs Female)" in text
    assert "survived = No survived = Yes" in text
    assert "odds of Female in" not in text and "false vs true" not in text and "survived = true" not in text
    assert 'class="chart-error"' not in page


def test_target_summary_reads_the_columns_as_predictors(rep: edakit.Report) -> None:
    # the target is the outcome: the columns relate to it, and the causal caveat is about them, not about the target
    summary = next(s for s in rep.sections if s.id == "comparisons-target").summary
    assert "clearly relate to survived" in summary and "the columns were not assigned at random" in summary
    assert "survived was not assigned at random" not in summary and "groups of survived" not in summary


def test_numeric_predictor_gets_the_target_rate_per_quartile_band() -> None:
    # penguins --target sex: P(sex = male) in each quartile band of body mass. Independent: numpy's default
    # percentile (type 7, as R's quantile) of every body mass, the males counted per band with polars, and
    # statsmodels' Wilson interval (R: prop.test(x, n, correct = FALSE)$conf.int).
    import polars as pl

    raw = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")
    mass = raw["body_mass_g"].drop_nulls().to_numpy().astype(float)
    breaks = [mass.min(), *np.percentile(mass, [25, 50, 75]), mass.max()]
    assert breaks == [2700, 3550, 4050, 4750, 6300]
    both = raw.filter(pl.col("sex").is_not_null() & pl.col("body_mass_g").is_not_null())
    expected = []
    for i in range(4):
        lo, hi = breaks[i], breaks[i + 1]
        band = both.filter(
            (pl.col("body_mass_g") >= lo if i == 0 else pl.col("body_mass_g") > lo) & (pl.col("body_mass_g") <= hi)
        )
        males = band.filter(pl.col("sex") == "male").height
        expected.append((band.height, males, proportion_confint(males, band.height, method="wilson")))
    rep = edakit.report("penguins", target="sex", correlations=False, max_charted_columns=0)
    c = next(c for c in rep.target.numeric if c.column == "body_mass_g")
    b = c.binned
    assert b.event == "male" and b.breaks == breaks and b.binning == "quartiles"
    for band, (n, males, (lo, hi)) in zip(b.bands, expected, strict=True):
        assert (band.n, band.counts[1]) == (n, males)
        assert band.cis[1] == (pytest.approx(lo, abs=1e-12), pytest.approx(hi, abs=1e-12))
    assert [x.level for x in b.bands] == ["[2,700, 3,550]", "(3,550, 4,050]", "(4,050, 4,750]", "(4,750, 6,300]"]
    assert next(c for c in rep.target.numeric if c.column == "year").binned is None  # years are times: no bands
    # the page shows the rate per band first, then the old comparison of body mass between the sexes
    page = html.unescape(rep.to_html())
    first = f"{expected[0][1]} ({100 * expected[0][1] / expected[0][0]:.1f} %"
    assert "sex within each quartile band of body_mass_g" in page and first in page
    assert page.index("quartile band of body_mass_g") < page.index("body_mass_g in each group of sex")
    assert "cut at its quartiles" in page
    # the overview lists every band of every numeric column beside the levels of the categorical ones
    (section,) = [s for s in rep.sections if s.id == "comparisons-target"]
    (overview,) = [
        b for b in section.blocks if getattr(b, "caption", "").startswith("Share with sex = male in each quartile")
    ]
    mass = [row for row in overview.rows if row[0] == "body_mass_g"]
    assert [(row[2], row[3]) for row in mass] == [(n, males) for n, males, _ in expected]
