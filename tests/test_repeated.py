"""Three or more conditions on the same units (`--group COLUMN --pair KEY`): the repeated-measures ANOVA with the
Greenhouse–Geisser correction and Cochran's Q, against published examples, statsmodels and closed forms computed
here independently; and the pages of `edakit report chickweight --group Time --pair Chick` and of a binary outcome."""

from __future__ import annotations

import itertools
import json
import math
from html import unescape
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from scipy import stats
from statsmodels.stats.anova import AnovaRM

import edakit
from edakit.errors import EdakitError
from edakit.model import Report
from edakit.stats.paired import friedman
from edakit.stats.repeated import cochran_q, gg_epsilon, rm_anova
from tests.test_paired import ROUNDING  # ?friedman.test's RoundingTimes (Hollander & Wolfe 1973, p. 140)

# Winer (1971), the drug example NCSS's chapter 214 uses: reaction time of 5 subjects under 4 drugs
DRUGS = [[30, 28, 16, 34], [14, 18, 10, 22], [24, 20, 18, 30], [38, 34, 20, 44], [26, 28, 14, 30]]
# WaveMetrics' Igor Pro manual, StatsCochranTest: 9 blocks × 5 groups (wave1) and the same with more 1s (wave2);
# published Q = 5.56522, p = 0.234056 and Q = 10.3636, p = 0.0347281
WAVE1 = [
    [0, 0, 0, 0, 1], [0, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 1, 0, 1, 1], [0, 1, 0, 1, 0],
    [1, 1, 0, 1, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0],
]  # fmt: skip
WAVE2 = [
    [0, 0, 0, 0, 1], [0, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 1, 0, 1, 1], [1, 1, 0, 1, 1],
    [1, 1, 0, 1, 1], [1, 1, 0, 1, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0],
]  # fmt: skip


def _long(blocks: list[list[float]], names: list[str], column: str = "y") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "subject": [i for i, row in enumerate(blocks) for _ in row],
            "cond": [names[j] for row in blocks for j in range(len(row))],
            column: [float(v) for row in blocks for v in row],
        }
    )


def _epsilon_by_contrasts(m: np.ndarray) -> float:
    """Greenhouse–Geisser epsilon from its definition (Greenhouse and Geisser 1959): with C a k × (k - 1) matrix of
    orthonormal contrasts and S the covariance of the conditions, epsilon = tr(C'SC)² / ((k - 1) tr((C'SC)²)).
    Here C comes from a QR decomposition of Helmert contrasts, not from the double-centring the code uses."""
    k = m.shape[1]
    helmert = np.zeros((k, k - 1))
    for j in range(1, k):
        helmert[:j, j - 1] = 1.0
        helmert[j, j - 1] = -j
    c, _ = np.linalg.qr(helmert)
    v = c.T @ np.cov(m, rowvar=False) @ c
    return float(np.trace(v) ** 2 / ((k - 1) * np.trace(v @ v)))


@pytest.mark.parametrize("blocks", [ROUNDING, DRUGS])
def test_rm_anova_f_matches_statsmodels_and_epsilon_its_definition(blocks: list[list[float]]) -> None:
    m = np.asarray(blocks, dtype=float)
    n, k = m.shape
    names = [f"c{j}" for j in range(k)]
    table = AnovaRM(_long(blocks, names), "y", "subject", within=["cond"]).fit().anova_table
    r = rm_anova(m)
    assert r.statistic == pytest.approx(float(table["F Value"].iloc[0]), rel=1e-10)
    assert r.df == (float(table["Num DF"].iloc[0]), float(table["Den DF"].iloc[0])) == (k - 1, (k - 1) * (n - 1))
    assert r.details["p_uncorrected"] == pytest.approx(float(table["Pr > F"].iloc[0]), rel=1e-8)
    eps = _epsilon_by_contrasts(m)
    assert r.details["epsilon"] == pytest.approx(eps, rel=1e-10) and gg_epsilon(m) == pytest.approx(eps, rel=1e-10)
    assert 1 / (k - 1) <= eps <= 1
    # the corrected p: the same F on epsilon times both degrees of freedom (ez's p[GG])
    assert r.p_value == pytest.approx(stats.f.sf(r.statistic, eps * (k - 1), eps * (k - 1) * (n - 1)), rel=1e-10)
    assert r.p_value >= r.details["p_uncorrected"]


def test_generalized_eta_squared_is_the_conditions_share_of_all_variation() -> None:
    # One within-unit factor: ges = SS_conditions / (SS_conditions + SS_units + SS_error) (Olejnik & Algina 2003,
    # Table 2; Bakeman 2005), i.e. SS_conditions / SS_total; partial eta² leaves the units out of the denominator.
    m = np.asarray(DRUGS, dtype=float)
    total = ((m - m.mean()) ** 2).sum()
    conditions = m.shape[0] * ((m.mean(axis=0) - m.mean()) ** 2).sum()
    units = m.shape[1] * ((m.mean(axis=1) - m.mean()) ** 2).sum()
    r = rm_anova(m)
    assert r.effect_size.value == pytest.approx(conditions / total)
    assert r.details["partial_eta_squared"] == pytest.approx(conditions / (total - units))
    assert r.effect_size.ci is not None and r.effect_size.ci[0] <= r.effect_size.value <= r.effect_size.ci[1]


def test_epsilon_is_one_under_compound_symmetry() -> None:
    # Every ordering of (0, 1, 2, 3) as a unit: the conditions are exchangeable, so the sample covariance is
    # compound symmetric and every within-unit difference has the same variance (sphericity holds exactly).
    m = np.array(list(itertools.permutations([0.0, 1.0, 2.0, 3.0])))
    diffs = [np.var(m[:, i] - m[:, j], ddof=1) for i in range(4) for j in range(i + 1, 4)]
    assert np.allclose(diffs, diffs[0])  # sphericity holds exactly in the sample
    assert gg_epsilon(m) == pytest.approx(1.0)


def test_cochran_q_matches_the_published_example_and_closed_form() -> None:
    for blocks, q, p in ((WAVE1, 5.56522, 0.234056), (WAVE2, 10.3636, 0.0347281)):
        r = cochran_q(blocks)
        assert r.statistic == pytest.approx(q, abs=5e-5) and r.p_value == pytest.approx(p, abs=1e-6)
        assert r.df == 4
        m = np.asarray(blocks, dtype=float)
        n, k = m.shape
        c, row = m.sum(axis=0), m.sum(axis=1)
        closed = (k - 1) * (k * (c**2).sum() - c.sum() ** 2) / (k * c.sum() - (row**2).sum())
        assert r.statistic == pytest.approx(closed)
        # Cochran's Q is Friedman's tie-corrected test on 0/1 values, so eta_Q = Q / (n (k - 1)) is Kendall's W
        assert stats.friedmanchisquare(*m.T).statistic == pytest.approx(r.statistic)
        assert r.effect_size.value == pytest.approx(closed / (n * (k - 1)))


def test_cochran_q_pairwise_mcnemar_is_holm_adjusted() -> None:
    r = cochran_q(WAVE2, names=list("ABCDE"))
    rows = r.details["pairwise"]
    assert len(rows) == 10 and (rows[0]["first"], rows[0]["second"]) == ("A", "B")
    m = np.asarray(WAVE2)
    raw = []
    for row in rows:
        i, j = "ABCDE".index(row["first"]), "ABCDE".index(row["second"])
        b, c = int(np.sum((m[:, i] == 1) & (m[:, j] == 0))), int(np.sum((m[:, i] == 0) & (m[:, j] == 1)))
        assert row["discordant"] == [b, c]
        n = len(m)  # the Wald interval of the difference of paired shares (Agresti 2002, §10.1), by hand
        se = math.sqrt((b + c) - (b - c) ** 2 / n) / n
        if se > 0:
            half = stats.norm.ppf(0.975) * se
            assert row["ci"] == pytest.approx([(b - c) / n - half, (b - c) / n + half])
        else:
            assert row["ci"] is None
        if b + c:  # R's mcnemar.test: (|b - c| - 1)² / (b + c) on 1 df
            assert row["p_value"] == pytest.approx(stats.chi2.sf((abs(b - c) - 1) ** 2 / (b + c), 1))
            raw.append(row["p_value"])
        else:
            assert row["p_value"] is None and row["p_holm"] is None
    # Holm by hand: the i-th smallest of m p-values times (m - i), cumulative maximum, capped at 1
    order = np.argsort(raw)
    holm = np.minimum(1, np.maximum.accumulate(np.asarray(raw)[order] * (len(raw) - np.arange(len(raw)))))
    expected = dict(zip(order, holm, strict=True))
    got = [row["p_holm"] for row in rows if row["p_value"] is not None]
    assert got == pytest.approx([expected[i] for i in range(len(raw))])


def test_chickweight_page_runs_the_repeated_measures_anova() -> None:
    rep = edakit.report("chickweight", group="Time", pair="Chick", correlations=False)
    c = rep.comparisons["weight"]
    assert c.units == 45 and len(c.conditions) == 12
    assert c.primary.key == "rm_anova" and c.alternative is not None and c.alternative.key == "friedman"
    # the same numbers from the CSV by statsmodels and the contrast definition of epsilon
    frame = pl.read_csv(edakit.datasets.path("chickweight")).to_pandas()
    complete = frame.groupby("Chick").filter(lambda g: len(g) == 12)
    wide = complete.pivot(index="Chick", columns="Time", values="weight").to_numpy(dtype=float)
    table = AnovaRM(complete, "weight", "Chick", within=["Time"]).fit().anova_table
    assert c.primary.statistic == pytest.approx(float(table["F Value"].iloc[0]), rel=1e-9)
    assert c.primary.details["epsilon"] == pytest.approx(_epsilon_by_contrasts(wide), rel=1e-9)
    html = unescape(rep.to_html())
    section = html.split('id="comparisons-paired"')[1]
    assert "F(11, 484) = " in section and "GG ε = " in section
    assert "Greenhouse–Geisser epsilon" in section and "Generalized eta squared is the share" in section
    assert "no sphericity) are what epsilon corrects" in section and "otherwise large" in section
    assert "5 of the 50 units (Chick) lack a row" in section
    assert "Diet" in section and "4 levels" in section
    # the unit named by --pair is an identifier everywhere: no correlation of weight with a chick's number
    assert "named by --pair" in html and "weight and Chick" not in html
    # ges 0.71 is large by Cohen's eta² labels (0.14 and up), its whole interval too: a key finding, linked here
    assert c.primary.effect_size.magnitude == "large" and c.primary.effect_size.ci[0] > 0.14
    findings = html.split('id="findings"')[1].split("</section>")[0]
    assert "weight differs across Time (large): generalized eta² = " in findings and "#comparisons-paired" in findings
    data = json.loads(rep.to_json())
    back = Report.from_dict(data).comparisons.paired[0].primary
    assert back.df == (11.0, 484.0) and back.details["epsilon"] == pytest.approx(c.primary.details["epsilon"])
    assert back.details["pairwise"] == c.primary.details["pairwise"]
    # Huynh–Feldt beside Greenhouse–Geisser, by car's formula from the contrast definition of epsilon
    hf = _hf_car(_epsilon_by_contrasts(wide), 45, 12)
    assert c.primary.details["epsilon_hf"] == pytest.approx(hf, rel=1e-9)
    assert f"HF ε = {hf:.3f}" in section and "Huynh–Feldt epsilon (with Lecoutre's correction" in section
    # the follow-up: R's pairwise.t.test(weight, Time, paired = TRUE, p.adjust.method = "holm") on the 45 complete
    # chicks, 66 pairs, by ttest_rel pair by pair and Holm by hand
    rows = c.primary.details["pairwise"]
    assert len(rows) == 66
    for got, (diff, lo, hi, p, holm) in zip(rows, _pairwise_reference(wide), strict=True):
        assert got["difference"] == pytest.approx(diff) and got["ci"] == pytest.approx([lo, hi])
        assert got["p_value"] == pytest.approx(p, rel=1e-9) and got["p_holm"] == pytest.approx(holm, rel=1e-9)
    # Time is ordered and 66 pairs are too many to scan: the 11 successive pairs are shown, all 66 one click away
    shown = section.split("Successive groups of Time: paired t-tests of weight")[1].split("</table>")[0]
    assert shown.count("<tr") == 12 and "2 − 0" in shown and "21 − 20" in shown and "4 − 0" not in shown
    assert "(11 of the 66 pairs; p Holm-adjusted over all 66" in section and "95 % CI (unadjusted)" in shown
    folded = section.split("Paired t-tests of weight for all 66 pairs of groups of Time")[1].split("</table>")[0]
    assert folded.count("<tr") == 67 and "4 − 0" in folded
    before_folded = section.split("Paired t-tests of weight for all 66 pairs")[0]
    assert "<details" in before_folded.split("Successive groups of Time")[1]  # the full table is in a <details>
    assert "Time is ordered, so the table shows the 11 successive pairs" in section
    assert "All 11 successive pairs differ at the 0.05 level after adjustment." in section
    first = next(r for r in rows if (r["first"], r["second"]) == ("0", "2"))
    assert first["difference"] == pytest.approx(wide[:, 1].mean() - wide[:, 0].mean())


def test_pairwise_mcnemar_interval_matches_agresti() -> None:
    # Agresti (2002, §10.1.1; 2007, §8.1.1), presidential approval of 1,600 people asked twice: 794 approve twice,
    # 150 approve then disapprove, 86 the reverse, 570 disapprove twice. The difference of the paired shares
    # 0.59 − 0.55 = 0.04 has Wald SE 0.0095 and 95 % CI 0.04 ± 1.96 · 0.0095 = (0.021, 0.059) (R's
    # PropCIs::diffpropci.Wald.mp(150, 86, 1600, 0.95) gives the same)
    blocks = [[1, 1]] * 794 + [[1, 0]] * 150 + [[0, 1]] * 86 + [[0, 0]] * 570
    (row,) = cochran_q(blocks, names=["first", "second"]).details["pairwise"]
    assert row["difference"] == pytest.approx(0.04)
    assert row["ci"] == pytest.approx([0.0213, 0.0587], abs=5e-5)
    assert (row["ci"][1] - row["ci"][0]) / 2 / stats.norm.ppf(0.975) == pytest.approx(0.0095, abs=5e-5)


def test_report_runs_cochran_q_for_a_binary_column_in_five_groups() -> None:
    blocks = WAVE2
    df = pl.DataFrame(
        {
            "unit": [i for i, row in enumerate(blocks) for _ in row],
            "group": [g for row in blocks for g in "ABCDE"[: len(row)]],
            "result": ["yes" if v else "no" for row in blocks for v in row],
            "site": [f"s{i % 2}" for i, row in enumerate(blocks) for _ in row],  # constant within each unit
        }
    )
    rep = edakit.report(df, group="group", pair="unit", correlations=False)
    c = rep.comparisons["result"]
    # a yes/no column keeps its words (not false/true); Cochran's Q of the share of "no" is the same test as of "yes"
    assert c.primary.key == "cochran_q" and c.levels == ["no", "yes"]
    assert c.primary.statistic == pytest.approx(10.3636, abs=1e-4) and c.primary.p_value == pytest.approx(0.0347281)
    assert [s.column for s in rep.comparisons.skipped if "trait of the unit" in s.reason] == ["site"]
    html = unescape(rep.to_html())
    assert "Pairwise McNemar tests of result" in html and "Holm-adjusted among the pairs" in html
    blocks = [b for s in rep.sections for b in _blocks(s)]
    table = next(b for b in blocks if getattr(b, "caption", "").startswith("Pairwise McNemar"))
    assert table.columns[4].name == "95 % CI (unadjusted)" and table.columns[4].format == "ci_pct"
    assert [r[4] for r in table.rows] == [p["ci"] for p in c.primary.details["pairwise"]]
    assert "Q(4) = 10.36" in html and "Serlin's eta_Q" in html and "Share of no in result" in html
    assert "Units that keep one level in every group carry no information" in html
    data = json.loads(rep.to_json())  # the pairwise follow-up travels in the JSON and reads back the same
    assert Report.from_dict(data).to_dict() == data
    assert data["comparisons"]["paired"][0]["primary"]["details"]["pairwise"][0]["first"] == "A"


def _holm(p: list[float]) -> np.ndarray:
    """Holm (1979) by hand: the i-th smallest of m p-values times (m - i), cumulative maximum, capped at 1."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p)
    stepped = np.minimum(1, np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p)))))
    out = np.empty_like(p)
    out[order] = stepped
    return out


def _pairwise_reference(m: np.ndarray, level: float = 0.95) -> list[tuple[float, float, float, float, float]]:
    """R's pairwise.t.test(y, cond, paired = TRUE, p.adjust.method = "holm") on complete units, pair by pair with
    scipy.stats.ttest_rel, each pair's interval by t.test(paired = TRUE)'s closed form mean ± t_{n-1} sd / √n, and
    Holm by hand: (difference, lo, hi, p, p_holm) for i < j, difference = column j − column i."""
    n, k = m.shape
    rows, raw = [], []
    for i in range(k):
        for j in range(i + 1, k):
            d = m[:, j] - m[:, i]
            half = stats.t.ppf((1 + level) / 2, n - 1) * d.std(ddof=1) / np.sqrt(n)
            p = float(stats.ttest_rel(m[:, j], m[:, i]).pvalue)
            rows.append((d.mean(), d.mean() - half, d.mean() + half, p))
            raw.append(p)
    return [(*r, h) for r, h in zip(rows, _holm(raw), strict=True)]


def test_pairwise_paired_t_tests_match_ttest_rel_and_holm_by_hand() -> None:
    m = np.asarray(DRUGS, dtype=float)
    r = rm_anova(m, names=["A", "B", "C", "D"])
    rows = r.details["pairwise"]
    assert [(x["first"], x["second"]) for x in rows] == [tuple(p) for p in itertools.combinations("ABCD", 2)]
    for got, (diff, lo, hi, p, holm) in zip(rows, _pairwise_reference(m), strict=True):
        assert got["difference"] == pytest.approx(diff) and got["ci"] == pytest.approx([lo, hi])
        assert got["p_value"] == pytest.approx(p, rel=1e-10) and got["p_holm"] == pytest.approx(holm, rel=1e-10)
        assert got["df"] == 4 and got["statistic"] == pytest.approx(diff / ((hi - diff) / stats.t.ppf(0.975, 4)))
    clear = sum(holm < 0.05 for *_, holm in _pairwise_reference(m))
    assert f"Follow-up: {clear} of the 6 pairwise paired t-tests have a Holm-adjusted p below 0.05" in r.explanation
    # a pair whose differences are all equal has no test (R's t.test: "data are essentially constant") and is not
    # counted in the Holm family of the others
    shifted = np.column_stack([m[:, 0], m[:, 0] + 3, m[:, 2]])
    rows = rm_anova(shifted).details["pairwise"]
    assert rows[0]["p_value"] is None and rows[0]["ci"] is None and rows[0]["difference"] == pytest.approx(3)
    raw = [stats.ttest_rel(shifted[:, j], shifted[:, i]).pvalue for i, j in ((0, 2), (1, 2))]
    assert [x["p_holm"] for x in rows[1:]] == pytest.approx(list(_holm(raw)))


def _hf_car(gg: float, n: int, k: int) -> float:
    """car:::summary.Anova.mlm (as afex uses it), one group of units: error.df = n - 1, p = k - 1,
    HF.eps <- ((error.df + 1) * p * GG.eps - 2) / (p * (error.df - p * GG.eps)) (Lecoutre's 1991 correction)."""
    error_df, p = n - 1, k - 1
    return ((error_df + 1) * p * gg - 2) / (p * (error_df - p * gg))


@pytest.mark.parametrize("blocks", [ROUNDING, DRUGS])
def test_huynh_feldt_epsilon_is_cars_formula_with_lecoutres_correction(blocks: list[list[float]]) -> None:
    m = np.asarray(blocks, dtype=float)
    n, k = m.shape
    r = rm_anova(m)
    hf = _hf_car(_epsilon_by_contrasts(m), n, k)
    assert r.details["epsilon_hf"] == pytest.approx(hf, rel=1e-10) and hf >= r.details["epsilon"]
    used = min(1.0, hf)  # car and afex cap it at 1 for the p
    assert r.details["p_hf"] == pytest.approx(stats.f.sf(r.statistic, used * (k - 1), used * (k - 1) * (n - 1)))


def test_huynh_feldt_above_one_corrects_nothing() -> None:
    # compound symmetry (every ordering of 0..3): GG epsilon is 1, HF = (24·3 - 2) / (3 (23 - 3)) = 70/60 > 1
    m = np.array(list(itertools.permutations([0.0, 1.0, 2.0, 3.0]))) + np.arange(24)[:, None] % 5
    r = rm_anova(m)
    assert r.details["epsilon"] == pytest.approx(1.0)
    assert r.details["epsilon_hf"] == pytest.approx(70 / 60)
    assert r.details["p_hf"] == pytest.approx(r.details["p_uncorrected"])


# Four triples, each in its three cyclic orders (12 units): every condition has the same mean, so generalized eta²
# is exactly 0; the same layout of 0/1 values (one 1 per unit, each condition's share 1/3) gives Q = 0, eta_Q = 0.
LATIN = [list(np.roll(t, s)) for t in ((1, 2, 3), (10, 15, 30), (4, 9, 5), (7, 100, 8)) for s in range(3)]
LATIN01 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]] * 3


def _own_ges_bootstrap(m: np.ndarray) -> list[float]:
    """500 resamples of the units, ges = SS_conditions / SS_total of each, with a generator of the test's own."""
    rng = np.random.default_rng(12345)
    n = len(m)
    boot = []
    for _ in range(500):
        s = m[rng.integers(0, n, n)]
        boot.append(n * ((s.mean(axis=0) - s.mean()) ** 2).sum() / ((s - s.mean()) ** 2).sum())
    return boot


def test_an_effect_size_at_zero_gets_a_one_sided_interval_that_contains_it() -> None:
    m = np.asarray(LATIN, dtype=float)
    r = rm_anova(m)
    assert r.statistic == pytest.approx(0.0) and r.effect_size.value == pytest.approx(0.0, abs=1e-15)
    # why: every bootstrap resample of the units has ges >= 0 and most > 0, so the two-sided percentile interval
    # lies wholly above the estimate (shown here with a bootstrap of the test's own)
    assert np.quantile(_own_ges_bootstrap(m), 0.025) > 0
    e = r.effect_size
    assert e.ci_kind == "one-sided upper" and e.ci[0] == 0 <= e.value < e.ci[1] < 1
    assert any("one-sided" in n for n in r.notes)
    q = cochran_q(LATIN01)
    assert q.statistic == pytest.approx(0.0) and q.p_value == pytest.approx(1.0)
    assert q.effect_size.ci_kind == "one-sided upper" and q.effect_size.ci[0] == 0 <= q.effect_size.ci[1]
    assert q.effect_size.ci[1] > 0
    # near the boundary: condition a shifted by 1 gives ges = 3.2e-4 > 0, still below its bootstrap's lower 2.5 %
    # point, so the interval is [0, U] too and contains the estimate
    near = m + np.array([1.0, 0.0, 0.0])
    e = rm_anova(near).effect_size
    assert np.quantile(_own_ges_bootstrap(near), 0.025) > e.value
    assert 0 < e.value < 1e-3 and e.ci_kind == "one-sided upper" and e.ci[0] == 0 < e.value < e.ci[1]
    # Friedman's test of the same table: W = 0, one-sided as well
    w = friedman(m).effect_size
    assert w.value == pytest.approx(0.0) and w.ci_kind == "one-sided upper" and w.ci[0] == 0 < w.ci[1]
    # away from the boundary the intervals stay two-sided
    assert rm_anova(DRUGS).effect_size.ci_kind == "two-sided" and friedman(DRUGS).effect_size.ci_kind == "two-sided"


def test_page_of_three_conditions_at_the_boundary() -> None:
    df = _long(LATIN, ["a", "b", "c"])
    rep = edakit.report(pl.from_pandas(df), group="cond", pair="subject", correlations=False)
    c = rep.comparisons["y"]
    assert c.primary.ci_kind == "one-sided upper"
    html = unescape(rep.to_html())
    section = html.split('id="comparisons-paired"')[1]
    assert "generalized eta² = 0, with a one-sided 95 % upper limit of " in section
    assert "(95 % CI 0 to" not in section
    # three pairs: all shown, the interval beside the Holm p labelled unadjusted
    assert "Paired t-tests of y for all 3 pairs of groups of cond" in section and "95 % CI (unadjusted)" in section
    assert "p (Holm, 3 pairs)" in section and "Successive groups" not in section
    assert "None of the 3 pairs differs at the 0.05 level after adjustment." in section


def test_pairwise_count_uses_the_reports_alpha_not_a_fixed_005() -> None:
    m = np.asarray(DRUGS, dtype=float)
    holm = sorted(h for *_, h in _pairwise_reference(m))
    low, high = sorted(set(holm))[:2]
    alpha = (low + high) / 2  # between the two smallest distinct Holm-adjusted p-values
    r = rm_anova(m, names=["A", "B", "C", "D"], alpha=alpha)
    assert r.details["alpha"] == alpha
    stand = holm.count(low)
    words = f"Follow-up: {stand} of the 6 pairwise paired t-tests have a Holm-adjusted p below {alpha:g}"
    assert words in r.explanation
    # without alpha, the threshold is 1 − conf_level
    clear = sum(h < 0.01 for h in holm)
    r = rm_anova(m, conf_level=0.99)
    assert f"Follow-up: {clear} of the 6 pairwise paired t-tests have a Holm-adjusted p below 0.01" in r.explanation
    with pytest.raises(EdakitError):
        rm_anova(m, alpha=1.5)


def test_the_reports_alpha_reaches_the_repeated_measures_anova() -> None:
    rep = edakit.report("chickweight", group="Time", pair="Chick", alpha=0.001, correlations=False)
    (comp,) = [c for c in rep.comparisons.paired if c.column == "weight"]
    assert comp.primary.details["alpha"] == 0.001


def _blocks(section: Any) -> list[Any]:
    """Every block of a section and of its subsections, in page order."""
    return [*section.blocks, *(b for sub in section.subsections for b in _blocks(sub))]
