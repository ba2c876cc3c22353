"""A/B judgement (issue 20): Newcombe's interval for the difference of rates, effect sizes with intervals and without
Cohen's labels, CUPED's robust (HC2) ANCOVA standard error, and the equivalence test (TOST).

Independent references: Newcombe (1998, Statistics in Medicine 17:873-890), method 10 on 56/70 vs 48/80: difference
0.2, interval 0.0524 to 0.3339; statsmodels `confint_proportions_2indep(method="newcomb")`; statsmodels OLS with
`cov_type="HC2"` (= R `sandwich::vcovHC(type = "HC2")`); closed forms written out below (Cohen's h interval
h ± z·sqrt(1/n_t + 1/n_c), Katz's log interval of the risk ratio, TOST p = max of the two one-sided p-values,
the noncentral-t interval of Cohen's d by root search with scipy's `nct`).
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import polars as pl
from pytest import approx
from scipy import optimize, stats
from statsmodels.stats.proportion import confint_proportions_2indep

import edakit
from edakit.stats import ab as sab
from tests.conftest import run_cli

Z = float(stats.norm.ppf(0.975))


def test_difference_of_rates_uses_newcombes_interval() -> None:
    c = sab.compare_proportions(56, 70, 48, 80)
    assert c.estimate == approx(0.2, rel=1e-12)
    assert (round(c.ci[0], 4), round(c.ci[1], 4)) == (0.0524, 0.3339)  # Newcombe (1998), method 10
    ref = confint_proportions_2indep(56, 70, 48, 80, method="newcomb", compare="diff")
    assert c.ci == approx(tuple(ref), rel=1e-12)
    assert "Newcombe" in c.method
    # the interval never leaves [-1, 1], unlike the Wald interval at extreme rates
    extreme = sab.compare_proportions(10, 10, 0, 10)
    assert -1 <= extreme.ci[0] <= extreme.ci[1] <= 1


def test_effect_sizes_have_intervals_and_no_cohen_labels() -> None:
    xt, nt, xc, nc = 56, 70, 48, 80
    c = sab.compare_proportions(xt, nt, xc, nc)
    sizes = {e.name: e for e in c.effect_sizes}
    pt, pc = xt / nt, xc / nc
    h = 2 * math.asin(math.sqrt(pt)) - 2 * math.asin(math.sqrt(pc))
    half = Z * math.sqrt(1 / nt + 1 / nc)
    assert sizes["Cohen's h"].value == approx(h, rel=1e-12)
    assert sizes["Cohen's h"].ci == approx((h - half, h + half), rel=1e-12)
    assert sizes["risk difference"].ci == c.ci
    rr, se = pt / pc, math.sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc)  # Katz's log interval
    assert sizes["risk ratio"].value == approx(rr, rel=1e-12)
    assert sizes["risk ratio"].ci == approx((rr * math.exp(-Z * se), rr * math.exp(Z * se)), rel=1e-9)
    assert all(e.magnitude is None for e in c.effect_sizes)


def test_cohens_d_interval_is_the_noncentral_t_inversion() -> None:
    mt, vt, n_t, mc, vc, n_c = 10.5, 4.0, 40, 9.6, 5.0, 35
    c = sab.compare_means(mt, vt, n_t, mc, vc, n_c)
    d = c.effect_sizes[0]
    sp = math.sqrt(((n_t - 1) * vt + (n_c - 1) * vc) / (n_t + n_c - 2))
    scale = math.sqrt(1 / n_t + 1 / n_c)
    t_obs, df = (mt - mc) / sp / scale, n_t + n_c - 2
    lo = optimize.brentq(lambda ncp: stats.nct.cdf(t_obs, df, ncp) - 0.975, -10, 10, xtol=1e-14)
    hi = optimize.brentq(lambda ncp: stats.nct.cdf(t_obs, df, ncp) - 0.025, -10, 10, xtol=1e-14)
    assert d.name == "Cohen's d" and d.value == approx((mt - mc) / sp, rel=1e-12)
    assert d.ci == approx((lo * scale, hi * scale), rel=1e-6)
    assert d.magnitude is None


def test_a_small_standardised_lift_is_not_called_negligible() -> None:
    # issue 20: an 11.5 % relative lift with Cohen's h = 0.037 was "statistically significant but negligible"
    c = sab.compare_proportions(5575, 50_000, 5000, 50_000)
    assert c.relative_lift == approx(0.115) and abs(c.effect_size.value) < 0.04 and c.p_value < 1e-6
    text = c.explanation
    assert "negligible" not in text and "by Cohen's 1988 convention" not in text
    assert "+11.5 %" in text and "no label such as" in text


def test_tost_is_the_larger_one_sided_p_value() -> None:
    # rates, unpooled standard error and the normal distribution (TOSTER's twoprop_test)
    c = sab.compare_proportions(500, 1000, 510, 1000)
    e = sab.equivalence_test(c, 0.05)
    d, se = -0.01, math.sqrt(0.5 * 0.5 / 1000 + 0.51 * 0.49 / 1000)
    p_lower, p_upper = stats.norm.sf((d + 0.05) / se), stats.norm.cdf((d - 0.05) / se)
    assert (e.p_lower, e.p_upper) == (approx(p_lower, rel=1e-12), approx(p_upper, rel=1e-12))
    assert e.p_value == max(e.p_lower, e.p_upper) == approx(0.03678, abs=5e-5)
    assert e.equivalent and e.ci == approx((d - 1.6448536269514722 * se, d + 1.6448536269514722 * se), rel=1e-9)
    # means: Welch's t with its df
    m = sab.compare_means(10.2, 4.0, 50, 10.0, 4.5, 60)
    em = sab.equivalence_test(m, 1.0)
    se_m = math.sqrt(4.0 / 50 + 4.5 / 60)
    df = se_m**4 / ((4.0 / 50) ** 2 / 49 + (4.5 / 60) ** 2 / 59)  # Welch–Satterthwaite
    assert em.df == approx(df, rel=1e-12)
    assert em.p_lower == approx(stats.t.sf((0.2 + 1.0) / se_m, df), rel=1e-9)
    assert em.p_upper == approx(stats.t.cdf((0.2 - 1.0) / se_m, df), rel=1e-9)
    assert em.p_value == max(em.p_lower, em.p_upper) and em.equivalent
    # too small a margin: not shown
    assert not sab.equivalence_test(m, 0.1).equivalent


def test_cuped_on_the_engine_matches_statsmodels_hc2() -> None:
    import statsmodels.api as sm

    rng = np.random.default_rng(7)
    n = 400
    arm = np.repeat(["control", "treatment"], [300, 100])
    x = rng.gamma(2.0, 5.0, n)
    noise = rng.normal(0, 1 + 3 * (arm == "treatment"), n)  # the small arm noisier: HC2 and the classical SE differ
    y = 3 + 0.9 * x + 0.7 * (arm == "treatment") + noise
    y[::37] = np.nan  # a few missing outcomes: complete cases only
    frame = pl.DataFrame({"arm": arm, "pre": x, "y": y})
    cu = edakit.ab(frame, group="arm", metrics=["y"], covariate="pre", control="control").comparison("y").cuped
    ok = ~np.isnan(y)
    design = np.column_stack([np.ones(ok.sum()), (arm[ok] == "treatment").astype(float), x[ok]])
    fit = sm.OLS(y[ok], design).fit(cov_type="HC2", use_t=True)
    assert cu.estimate == approx(fit.params[1], rel=1e-9)
    assert cu.se == approx(fit.bse[1], rel=1e-9)
    assert cu.ci == approx(fit.conf_int()[1], rel=1e-9)
    assert cu.p_value == approx(fit.pvalues[1], rel=1e-8)
    assert cu.df == fit.df_resid and cu.notes == []  # 100 or more per arm: no small-sample note
    classical = sm.OLS(y[ok], design).fit()
    assert cu.se > 1.2 * classical.bse[1]  # the classical error would be too small here


def test_cli_equivalence_margin(tmp_path) -> None:
    out = tmp_path / "ab.html"
    res = run_cli(
        "ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", "--control", "sugar",
        "--equivalence-margin", "0.05", "-o", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text())))
    assert "sore_throat_4h: equivalence (TOST) within the smallest lift that matters" in page
    assert "Equivalence is not shown" in page and "±5 percentage points" in page
    assert "Newcombe's hybrid score interval" in page and "rows used" in page
    bad = run_cli("ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", "--equivalence-margin", "-1")
    assert bad.returncode == 2 and "equivalence-margin must be a positive number" in bad.stderr
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_python_api_equivalence_margin() -> None:
    r = edakit.ab("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar", equivalence_margin=0.4)
    e = r.comparison("sore_throat_4h").equivalence
    # lift -0.2431, unpooled SE 0.0594: the 90 % interval -0.341 to -0.146 lies within a margin of 40 points
    assert e is not None and e.margin == 0.4 and e.equivalent
    assert "can be called equivalent" in r.comparison("sore_throat_4h").explanation
