"""The generalized Cochran–Mantel–Haenszel test (`--target` with `--group` when a side has more than two levels),
against R's documented examples, statsmodels for 2×2×K, Pearson's X² for one stratum, and Landis, Heyman and
Koch's (1978) matrix form written out here independently; and the page of `edakit report titanic --target survived
--group sex`."""

from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import polars as pl
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable

import edakit
from edakit.model import Report
from edakit.stats.target import cmh_statistic, generalized_cmh

# ?mantelhaen.test, Agresti (2002) p. 288 Table 7.8: job satisfaction (columns: very dissatisfied, a little,
# moderately, very satisfied) by income (rows: <5000, 5000-15000, 15000-25000, >25000), one table per gender.
# R: mantelhaen.test(Satisfaction): Cochran-Mantel-Haenszel M^2 = 10.2, df = 9, p-value = 0.3345;
# Agresti (2002) Table 7.12: general association 10.2001, df 9, p 0.3345.
FEMALE = [[1, 3, 11, 2], [2, 3, 17, 3], [0, 1, 8, 5], [0, 2, 4, 2]]
MALE = [[1, 1, 2, 1], [0, 3, 5, 1], [0, 0, 7, 3], [0, 1, 9, 6]]
# vcd::MSPatients (Landis and Koch 1977): New Orleans neurologist (rows) by Winnipeg neurologist (columns), one
# table per patient group. vcdExtra's ?CMHtest: mantelhaen.test(MSPatients) M^2 = 101.21, df = 9; general
# association within Winnipeg patients 64.318 and within New Orleans patients 43.428 (9 df each).
WINNIPEG = [[38, 5, 0, 1], [33, 11, 3, 0], [10, 14, 5, 6], [3, 7, 3, 10]]
NEW_ORLEANS = [[5, 3, 0, 0], [3, 11, 4, 0], [2, 13, 3, 4], [1, 2, 4, 14]]


def _landis_heyman_koch(tables: np.ndarray) -> float:
    """Q_G of Landis, Heyman and Koch (1978), eq. (2.7)-(2.10), written row-major: for stratum h with n_h rows,
    row shares p and column shares q, E(n) = n_h (p ⊗ q) and Var(n) = n_h² / (n_h - 1) (D_p - pp') ⊗ (D_q - qq');
    A keeps the first (I - 1)(J - 1) cells; Q_G = g' (A V A')⁻¹ g with g = A Σ_h (n_h - E(n_h))."""
    _, i, j = tables.shape
    a = np.kron(np.eye(i)[:-1], np.eye(j)[:-1])
    g = np.zeros(a.shape[0])
    v = np.zeros((a.shape[0], a.shape[0]))
    for f in tables.astype(float):
        n = f.sum()
        p, q = f.sum(axis=1) / n, f.sum(axis=0) / n
        g += a @ (f.ravel() - n * np.kron(p, q))
        cov = n**2 / (n - 1) * np.kron(np.diag(p) - np.outer(p, p), np.diag(q) - np.outer(q, q))
        v += a @ cov @ a.T
    return float(g @ np.linalg.solve(v, g))


def test_generalized_cmh_matches_r_and_agresti_on_job_satisfaction() -> None:
    stat, df = cmh_statistic([FEMALE, MALE])
    assert df == 9
    assert stat == pytest.approx(10.2001, abs=1e-4)
    assert stats.chi2.sf(stat, df) == pytest.approx(0.3345, abs=1e-4)


def test_generalized_cmh_matches_vcdextra_on_ms_patients() -> None:
    assert cmh_statistic([WINNIPEG, NEW_ORLEANS])[0] == pytest.approx(101.21, abs=5e-3)
    assert cmh_statistic([WINNIPEG])[0] == pytest.approx(64.318, abs=5e-4)
    assert cmh_statistic([NEW_ORLEANS])[0] == pytest.approx(43.428, abs=5e-4)


def test_generalized_cmh_equals_the_matrix_form_and_its_special_cases() -> None:
    rng = np.random.default_rng(3)
    for shape in [(3, 3, 4), (4, 2, 3), (2, 5, 2)]:
        t = rng.integers(1, 30, size=shape)
        assert cmh_statistic(t)[0] == pytest.approx(_landis_heyman_koch(t), rel=1e-10)
        assert cmh_statistic(t)[1] == (shape[1] - 1) * (shape[2] - 1)
    # one stratum: (n - 1)/n times Pearson's X² of the table
    one = rng.integers(1, 30, size=(3, 4))
    pearson = stats.chi2_contingency(one, correction=False)[0]
    assert cmh_statistic([one])[0] == pytest.approx((one.sum() - 1) / one.sum() * pearson)
    # 2×2×K: the Mantel–Haenszel X² without continuity correction (R: mantelhaen.test(x, correct = FALSE))
    two = rng.integers(1, 30, size=(5, 2, 2))
    mh = StratifiedTable(np.moveaxis(two, 0, 2).astype(float)).test_null_odds(correction=False).statistic
    assert cmh_statistic(two)[0] == pytest.approx(mh)


def test_a_level_missing_from_a_stratum_or_a_tiny_stratum_is_handled() -> None:
    t = [np.array([[5, 3, 0], [2, 6, 0]]), np.array([[4, 1, 3], [2, 5, 6]]), np.array([[1, 0, 0], [0, 0, 0]])]
    out = generalized_cmh("site", ["a", "b", "c"], t)
    assert out is not None and out.strata == ["a", "b"] and out.n == 37
    assert out.df == 2 and out.statistic == pytest.approx(cmh_statistic(t[:2])[0])
    assert any("fewer than 2 rows" in n for n in out.notes)
    assert generalized_cmh("site", ["a"], [np.array([[5, 3], [2, 6]])]) is None  # one stratum: nothing to pool


def test_titanic_page_shows_the_cmh_test_of_class_within_sex() -> None:
    rep = edakit.report("titanic", target="survived", group="sex", correlations=False)
    m = rep.target["class"].outcome.association
    assert m is not None and m.by == "sex" and m.df == 3 and m.strata == ["Female", "Male"]
    frame = pl.read_csv(edakit.datasets.path("titanic"))
    classes = sorted(frame["class"].unique().to_list())
    tables = np.array(
        [
            [[frame.filter((pl.col("sex") == s) & (pl.col("class") == c) & (pl.col("survived") == v)).height
              for v in ("No", "Yes")] for c in classes]
            for s in ("Female", "Male")
        ]
    )  # fmt: skip
    assert m.statistic == pytest.approx(_landis_heyman_koch(tables), rel=1e-10)
    # ignoring sex: R's chisq.test(apply(Titanic, c(1, 4), sum)) X-squared = 190.4, times (n - 1)/n
    n = tables.sum()
    assert m.crude_statistic == pytest.approx(stats.chi2_contingency(tables.sum(axis=0))[0] * (n - 1) / n)
    assert rep.target["age"].outcome.stratified is not None  # 2×2×2 keeps the Mantel–Haenszel odds ratio
    html = unescape(re.sub(r"<[^>]+>", "", rep.to_html()))  # words without the glossary links
    assert "generalized Cochran–Mantel–Haenszel" in html
    assert f"M² = {m.statistic:.4g} on 3 degrees of freedom" in html
    assert "sex alone does not explain the association" in html
    data = json.loads(rep.to_json())
    assert Report.from_dict(data).target["class"].outcome.association == m
