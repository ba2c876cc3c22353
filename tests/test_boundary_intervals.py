"""Intervals at the boundary 0 (issue 20): an estimate of V, eta², epsilon² or omega² at 0 gets the one-sided
upper limit, as R effectsize's `alternative = "less"`; estimates inside the range keep effectsize's two-sided
intervals (checked against R in test_correlation_section.py); omega² has its interval (effectsize's
`omega_squared(ci = )`); and the JSON says which kind an interval is.

R is not installed here, so the reference values are computed independently in each test: the noncentral
chi-square and F distributions are inverted with `scipy.optimize.brentq` on `scipy.stats.ncx2` / `ncf`, the
statistics are computed from the raw CSV with polars, and the R call whose output they equal is named.
"""

from __future__ import annotations

import html
import json
import math
import re

import numpy as np
import polars as pl
import pytest
from scipy import optimize, stats

import edakit
from edakit.stats.ncp import ONE_SIDED_UPPER, TWO_SIDED, ncp_interval, omega_squared_interval
from tests.conftest import DATASETS, run_cli


def _ncp_at(cdf, target: float) -> float:
    """The noncentrality λ with cdf(λ) = target (cdf decreasing in λ), or 0 when even cdf(0) <= target."""
    if cdf(0.0) <= target:
        return 0.0
    hi = 1.0
    while cdf(hi) > target:
        hi *= 2
    return optimize.brentq(lambda lam: cdf(lam) - target, 0.0, hi, xtol=1e-13, rtol=1e-13)


def _chi_square(table: np.ndarray) -> float:
    """Pearson's X² without continuity correction, written out: Σ (O − E)² / E."""
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    return float(((table - expected) ** 2 / expected).sum())


def test_the_three_regimes_of_a_noncentral_chi_square_interval() -> None:
    df, notes = 2, []

    def interval(x2: float, at_boundary: bool):
        cdf = lambda lam: stats.ncx2.cdf(x2, df, lam)  # noqa: E731
        return ncp_interval(cdf, x2, df, 0.95, float(stats.chi2.cdf(x2, df)), "V", notes, at_boundary)

    x2 = float(stats.chi2.ppf(0.3, df))
    # inside the range: two-sided, P(X² <= x2 | hi) = 0.025 (lo is 0 here, as the 30 % point is below 97.5 %)
    lo, hi, kind = interval(x2, False)
    assert kind == TWO_SIDED and lo == 0 and hi == pytest.approx(_ncp_at(lambda m: stats.ncx2.cdf(x2, df, m), 0.025))
    # the estimate at 0: one-sided [0, U], P(X² <= x2 | U) = 0.05 (R effectsize's alternative = "less")
    lo, hi, kind = interval(x2, True)
    assert kind == ONE_SIDED_UPPER and lo == 0
    assert hi == pytest.approx(_ncp_at(lambda m: stats.ncx2.cdf(x2, df, m), 0.05), rel=1e-8)
    assert "one-sided" in notes[-1]
    # between the 2.5 % and the 5 % points: the one-sided limit is 0, the two-sided one is not, and is kept
    x2 = float(stats.chi2.ppf(0.04, df))
    lo, hi, kind = interval(x2, True)
    assert kind == TWO_SIDED and lo == 0 and hi == pytest.approx(_ncp_at(lambda m: stats.ncx2.cdf(x2, df, m), 0.025))
    # below the 2.5 % point: every limit is 0, no zero-width interval
    x2 = float(stats.chi2.ppf(0.01, df))
    assert interval(x2, True) is None and interval(x2, False) is None and "cannot be estimated" in notes[-1]


def test_cramers_v_at_zero_is_one_sided_on_the_licorice_page() -> None:
    # licorice gender by treatment: X² = 0.2312 on 1 df (uncorrected) on n = 235, so the bias-corrected V is
    # max(0, X²/n - 1/(n - 1)) = 0. R: effectsize::cramers_v(table(d$gender, d$treatment), adjust = FALSE,
    # alternative = "less") gives the upper limit √(λ_U/n) with pchisq(X², 1, ncp = λ_U) = 0.05.
    raw = pl.read_csv(DATASETS / "licorice.csv", null_values="NA")
    counts = raw.group_by("gender", "treatment").len().pivot("treatment", index="gender", values="len")
    table = counts.drop("gender").to_numpy().astype(float)
    n, x2 = table.sum(), _chi_square(table)
    assert max(0.0, x2 / n - 1 / (n - 1)) == 0
    upper = math.sqrt(_ncp_at(lambda lam: stats.ncx2.cdf(x2, 1, lam), 0.05) / n)

    rep = edakit.report("licorice", group="treatment", design="randomised", correlations=False)
    test = rep.comparisons["gender"].primary
    v = test.effect_size
    assert v.value == 0 and v.ci_kind == ONE_SIDED_UPPER and test.ci_kind == ONE_SIDED_UPPER
    assert v.ci[0] == 0 and v.ci[1] == pytest.approx(upper, rel=1e-7)
    # the JSON carries the kind, and the page says it in words and in the table
    data = json.loads(rep.to_json())
    assert '"ci_kind": "one-sided upper"' in json.dumps(data)
    page = html.unescape(rep.to_html())
    shown = f"{upper:.3g}"
    assert f"Cramér's V (bias-corrected) = 0, with a one-sided 95 % upper limit of {shown}" in page
    assert f"0 – {shown} (one-sided)" in page
    assert "0 (95 % CI 0 to 0)" not in page and "0 – 0 " not in page


def test_an_estimate_inside_the_range_keeps_the_two_sided_interval() -> None:
    # penguins island by sex: V (bias-corrected) = 0, but X² = 0.0576 (2 df) sits between the 2.5 % and 5 % points,
    # so the one-sided limit is 0 while effectsize's two-sided one is 0.02783 (tests/r/correlation_section.out:
    # cramers_v(table(island, sex), adjust = FALSE, alternative = "two.sided") = 0 to 0.027831021100204811)
    island = edakit.report("penguins", group="sex", correlations=False).comparisons["island"].primary
    assert island.estimate == 0 and island.ci_kind == TWO_SIDED
    assert island.ci == (0, pytest.approx(0.027831021100204811, rel=1e-6))


def _plant_anova() -> tuple[float, int, int, float]:
    """F, df1, df2 and omega² of weight by group in R's PlantGrowth, from the raw CSV."""
    raw = pl.read_csv(DATASETS / "plantgrowth.csv")
    y, groups = raw["weight"].to_numpy(), raw["group"].to_numpy()
    grand = y.mean()
    levels = sorted(set(groups))
    ssb = sum((groups == g).sum() * (y[groups == g].mean() - grand) ** 2 for g in levels)
    ssw = sum(((y[groups == g] - y[groups == g].mean()) ** 2).sum() for g in levels)
    df1, df2 = len(levels) - 1, y.size - len(levels)
    msw = ssw / df2
    return (ssb / df1) / msw, df1, df2, (ssb - df1 * msw) / (ssb + ssw + msw)


def test_omega_squared_has_effectsizes_interval() -> None:
    # R: effectsize::omega_squared(aov(weight ~ group, PlantGrowth), partial = FALSE, alternative = "two.sided"):
    # omega² = 0.20407884599 (tests/r/hypothesis_tests.out), and its interval inverts the noncentral F at the F
    # that omega² implies, f* = (omega²/df1)/((1 - omega²)/df2), mapped to λ/(λ + df2).
    f, df1, df2, omega2 = _plant_anova()
    assert omega2 == pytest.approx(0.20407884599, rel=1e-9)
    f_star = (omega2 / df1) / ((1 - omega2) / df2)
    lam = [_ncp_at(lambda m: stats.ncf.cdf(f_star, df1, df2, m), t) for t in (0.975, 0.025)]
    expected = [v / (v + df2) for v in lam]
    raw = pl.read_csv(DATASETS / "plantgrowth.csv")
    r = edakit.stats.anova({g: raw.filter(pl.col("group") == g)["weight"] for g in ("ctrl", "trt1", "trt2")})
    omega = r.details["omega_squared"]
    assert omega.value == pytest.approx(omega2, rel=1e-9) and omega.ci_kind == TWO_SIDED
    assert omega.ci == (pytest.approx(expected[0], abs=1e-9), pytest.approx(expected[1], rel=1e-7))
    assert f"omega² = {omega.value:.3f}".rstrip("0") in r.explanation and "95 % CI" in r.explanation


def test_omega_squared_at_the_boundary_is_one_sided() -> None:
    # F <= 1 makes omega² <= 0; effectsize's f* is then 0 and its interval 0 to 0, so the one-sided upper limit
    # comes from the observed F: pf(F, df1, df2, ncp = λ_U) = 0.05, U = λ_U/(λ_U + df2).
    groups = {"a": [4.1, 5.3, 6.0, 4.8, 5.5], "b": [5.0, 4.6, 5.9, 5.2, 4.4], "c": [5.6, 4.3, 5.1, 6.1, 4.9]}
    ys = [np.array(v) for v in groups.values()]
    f, p = stats.f_oneway(*ys)
    assert f < 1
    lam = _ncp_at(lambda m: stats.ncf.cdf(f, 2, 12, m), 0.05)
    r = edakit.stats.anova(groups, welch=False)
    omega = r.details["omega_squared"]
    assert omega.value < 0 and omega.ci_kind == ONE_SIDED_UPPER
    assert omega.ci == (0, pytest.approx(lam / (lam + 12), rel=1e-7))
    notes: list[str] = []
    assert omega_squared_interval(f, 2, 12, omega.value, 0.95, notes)[2] == ONE_SIDED_UPPER and "one-sided" in notes[0]


def _headers(page: str, caption: str) -> list[str]:
    """The column headers of the table whose caption starts with `caption`."""
    for table in re.findall(r"<table\b.*?</table>", page, re.S):
        found = re.search(r"<caption>(.*?)</caption>", table, re.S)
        if found and html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip().startswith(caption):
            head = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
            return [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th\b.*?</th>", head, re.S)]
    raise AssertionError(f"no table {caption!r}")


def test_an_interval_beside_an_adjusted_p_says_it_is_not_adjusted(tmp_path) -> None:
    # plantgrowth by group: the Holm-adjusted p of the section sits beside unadjusted 95 % intervals, and the
    # Games-Howell pairs (3 groups) beside their own simultaneous intervals, which match their adjusted p
    page = edakit.report("plantgrowth", group="group", correlations=False).to_html()
    heads = _headers(page, "Comparisons of numeric columns across group")
    assert "p (Holm)" in heads and "95 % CI (unadjusted)" in heads and "95 % CI" not in heads
    heads = _headers(page, "Tests of weight by group")
    assert "p (Holm)" in heads and "95 % CI (unadjusted)" in heads
    heads = _headers(page, "Pairwise comparisons: Games–Howell")
    assert "95 % simultaneous CI" in heads and "adjusted p" in heads
    # an A/B test with two variants against the control: Holm-adjusted p beside unadjusted intervals of the lift
    out = tmp_path / "ab.html"
    assert (
        run_cli(
            "ab", "plantgrowth", "--group", "group", "--metric", "weight", "--control", "ctrl", "-o", str(out)
        ).returncode
        == 0
    )
    heads = _headers(out.read_text(encoding="utf-8"), "weight: each variant against ctrl")
    assert any(h.startswith("p (") for h in heads)
    assert "95 % CI (unadjusted)" in heads and "95 % CI (relative) (unadjusted)" in heads


def test_noncentral_cdfs_are_scipys_own_numbers() -> None:
    """The intervals invert `ncp.ncf_cdf` and `ncp.ncx2_cdf` (scipy.special's functions without rv_continuous'
    argument checks): equal to `scipy.stats.ncf.cdf` and `ncx2.cdf`, bit for bit, over random arguments, at
    λ = 0, at a statistic of 0 and at a negative λ (NaN from both)."""
    from edakit.stats.ncp import ncf_cdf, ncx2_cdf

    rng = np.random.default_rng(5)
    for _ in range(400):
        f, df1, df2 = rng.exponential(3), rng.integers(1, 40), rng.exponential(200) + 0.5
        for lam in (0.0, rng.exponential(10), rng.exponential(1e4), -1.0):
            assert np.array_equal(ncf_cdf(f, df1, df2)(lam), stats.ncf.cdf(f, df1, df2, lam), equal_nan=True)
            assert np.array_equal(ncx2_cdf(f * df1, df1)(lam), stats.ncx2.cdf(f * df1, df1, lam), equal_nan=True)
    assert ncf_cdf(0.0, 2, 10)(3.0) == stats.ncf.cdf(0.0, 2, 10, 3.0) and ncx2_cdf(0.0, 2)(3.0) == 0.0
