"""A/B comparisons (edakit.ab, edakit.stats.ab, edakit.stats.power, the A/B report section) checked against R.

Every reference number in `R` below was computed by R 4.2.2 with tests/r/ab.R and pasted from its output
tests/r/ab.out (12 significant digits). Each key is the label that script prints: e.g. "lic4h ci" is
`prop.test(c(x_licorice, x_sugar), c(n_licorice, n_sugar), correct = FALSE)$conf.int` on datasets/licorice.csv,
"licpain ci" is `t.test(pain[licorice], pain[sugar])$conf.int`, "srm three" is `chisq.test(c(2010, 1985, 4005),
p = c(.25, .25, .5))`, "pt n delta1 sd3" is `power.t.test(delta = 1, sd = 3, power = .8, strict = TRUE)$n`,
"cuped lm diff" is the arm coefficient of `lm(Postwt ~ Treat + I(Prewt - mean(Prewt)))` on MASS::anorexia.
Quantities without a built-in R function (delta-method relative lift, arcsine power and its inverse, noncentral-t
power with unequal arms, Welch on CUPED-adjusted values) are computed in that script from their textbook
formulas with R's own pnorm/qnorm/pt/qt/uniroot. Nothing here is copied from edakit's output.
"""

from __future__ import annotations

import json
import math

import numpy as np
import polars as pl
import pytest

from edakit.abtest import ab
from edakit.config import ReportConfig
from edakit.errors import EdakitError
from edakit.explain import explain
from edakit.page import ChartBlock, Paragraph, TableBlock
from edakit.pipeline import build_report
from edakit.render.charts import render_chart_block
from edakit.sections.ab import section_of
from edakit.stats import ab as sab
from edakit.stats import power as pw

REL = 1e-9
approx = pytest.approx

# fmt: off
# --- reference values: tests/r/ab.out, R 4.2.2 -------------------------------------------------------------------
R: dict[str, list[float]] = {
    "licorice rows": [118, 117],
    "licorice srm": [0.00425531914894, 0.947988640296],
    "lic4h counts": [24, 117, 52, 116],
    "lic4h diff": [-0.243147656941],
    "lic4h ci": [-0.359525687671, -0.126769626211],
    "lic4h chisq": [15.6684741386],
    "lic4h p": [7.54717308412e-05],
    "lic4h wilson t": [0.141899453064, 0.287104461045],
    "lic4h wilson c": [0.36087984001, 0.538987867558],
    "lic4h rel": [-0.542406311637, -0.729956088911, -0.354856534364, 0.0956904202081],
    "lic4h cohen h": [-0.527107624125],
    "lic4h power": [0.980442418899],
    "lic4h mde h": [0.367078831391],
    "lic4h mde abs up": [0.181928327881],
    "lic4h mde abs down": [0.175036573316],
    "lic30 counts": [22, 117, 42, 116],
    "lic30 diff": [-0.174034777483],
    "lic30 ci": [-0.286559560104, -0.0615099948616],
    "lic30 p": [0.00292232883286],
    "licpain n": [117, 116],
    "licpain means": [0.273504273504, 1.02586206897],
    "licpain vars": [0.459033303861, 2.39062968516],
    "licpain diff": [-0.752357795461],
    "licpain ci": [-1.0617225335, -0.442993057418],
    "licpain t": [-4.80347836601],
    "licpain df": [157.301716275],
    "licpain p": [3.60758741321e-06],
    "licpain mean ci t": [0.149444311644, 0.397564235365],
    "licpain mean ci c": [0.741501457054, 1.31022268088],
    "licpain rel": [-0.733390792214, -0.873634374222, -0.593147210207, 0.0715541627875],
    "licpain cohen d": [-0.631220061662],
    "licpain power": [0.997726248789],
    "licpain mde d": [0.368613725257],
    "licpain mde abs": [0.439354555654],
    "lic3 raw p": [0.00292232883286, 7.54717308412e-05, 3.60758741321e-06],
    "lic3 holm": [0.00292232883286, 0.000150943461682, 1.08227622396e-05],
    "lic3 bh": [0.00292232883286, 0.000113207596262, 1.08227622396e-05],
    "srm bad": [15.3846153846, 1, 8.76994237559e-05],
    "srm three": [0.16875, 2, 0.919086534014],
    "srm three 30-30-40": [337.643229167, 2, 4.80512135567e-74],
    "pt power n50 d0.5": [0.696893405534],
    "pt n delta1 sd3": [142.246249912],
    "pt n delta1 sd3 a01 p9": [269.492912148],
    "pt delta n200 sd2": [0.561672900575],
    "pd n ratio2 d0.3": [131.457656402],
    "ph h 0.12 0.10": [0.0639821029861],
    "ph n 0.12 0.10": [3834.59573988],
    "ph n 0.12 0.10 a01 p9 ratio3": [4846.26055573],
    "ph power n2000": [0.525281235218],
    "ph n rel10": [14744.1048368],
    "anx CBT n": [29, 26],
    "anx CBT means": [85.6965517241, 81.1076923077],
    "anx CBT diff": [4.58885941645],
    "anx CBT ci": [0.946650138824, 8.23106869407],
    "anx CBT t": [2.53724858216],
    "anx CBT df": [45.2210804056],
    "anx CBT p": [0.0146899036377],
    "anx CBT mean ci t": [82.5196498286, 88.8734536197],
    "anx CBT mean ci c": [79.1914469685, 83.0239376469],
    "anx CBT rel": [0.0565773638219, 0.0122048810155, 0.100949846628, 0.022639437845],
    "anx CBT cohen d": [0.666042902148],
    "anx CBT power": [0.677688983011],
    "anx CBT mde abs": [5.3100341569],
    "anx FT n": [17, 26],
    "anx FT means": [90.4941176471, 81.1076923077],
    "anx FT diff": [9.38642533937],
    "anx FT ci": [4.71461806867, 14.0582326101],
    "anx FT t": [4.16013375945],
    "anx FT df": [22.6204693785],
    "anx FT p": [0.000388753194554],
    "anx FT mean ci t": [86.136637927, 94.8515973671],
    "anx FT rel": [0.115727930019, 0.060081528876, 0.171374331161, 0.0283915426924],
    "anx FT cohen d": [1.45261132887],
    "anx FT power": [0.995140945469],
    "anx FT mde abs": [5.7831097191],
    "anx 4 holm": [0.0293798072755, 0.00155501277822, 0.10149859566, 0.00645544067256],
    "anx 4 bh": [0.0195865381836, 0.00155501277822, 0.10149859566, 0.00430362711504],
    "anx srm": [3.25, 0.196911675204],
    "cuped theta": [0.434461150361],
    "cuped lm diff": [4.09706552807, 8.66012818099],
    "cuped adj means": [85.5743283143, 81.4772627862, 90.1373909672],  # CBT, Cont, FT
    "cuped CBT ci": [0.501270371016, 7.69286068513],
    "cuped CBT p": [0.026341475968],
    "cuped CBT df": [51.5800867562],
    "cuped CBT rel": [0.0502847713333, 0.00633188605524, 0.0942376566115, 0.0224253535396],
    "cuped FT ci": [4.27292761607, 13.0473287459],
    "cuped FT p": [0.000377446387161],
    "cuped FT df": [27.7320742122],
    "cuped FT rel": [0.106288894409, 0.0532437401329, 0.159334048684, 0.0270643515361],
    "cuped variance reduction": [0.0965318840993],
    "cuped holm": [0.026341475968, 0.000754892774321],
}

# --- MASS::anorexia (R 4.2.2, printed by tests/r/ab.R): 26 Cont, 29 CBT, 17 FT --------------------------------------
TREAT = ["Cont"] * 26 + ["CBT"] * 29 + ["FT"] * 17
PREWT = [80.7, 89.4, 91.8, 74, 78.1, 88.3, 87.3, 75.1, 80.6, 78.4, 77.6, 88.7, 81.3, 78.1, 70.5, 77.3, 85.2, 86,
         84.1, 79.7, 85.5, 84.4, 79.6, 77.5, 72.3, 89, 80.5, 84.9, 81.5, 82.6, 79.9, 88.7, 94.9, 76.3, 81, 80.5,
         85, 89.2, 81.3, 76.5, 70, 80.4, 83.3, 83, 87.7, 84.2, 86.4, 76.5, 80.2, 87.8, 83.3, 79.7, 84.5, 80.8,
         87.4, 83.8, 83.3, 86, 82.5, 86.7, 79.6, 76.9, 94.2, 73.4, 80.5, 81.6, 82.1, 77.6, 83.5, 89.9, 86, 87.3]
POSTWT = [80.2, 80.1, 86.4, 86.3, 76.1, 78.1, 75.1, 86.7, 73.5, 84.6, 77.4, 79.5, 89.6, 81.4, 81.8, 77.3, 84.2,
          75.4, 79.5, 73, 88.3, 84.7, 81.4, 81.2, 88.2, 78.8, 82.2, 85.6, 81.4, 81.9, 76.4, 103.6, 98.4, 93.4,
          73.4, 82.1, 96.7, 95.3, 82.4, 72.5, 90.9, 71.3, 85.4, 81.6, 89.1, 83.9, 82.7, 75.7, 82.6, 100.4, 85.2,
          83.6, 84.6, 96.2, 86.7, 95.2, 94.3, 91.5, 91.9, 100.3, 76.7, 76.8, 101.6, 94.9, 75.2, 77.8, 95.5, 90.7,
          92.5, 93.8, 91.7, 98]
# fmt: on
Z975 = 1.959963984540054  # R: qnorm(0.975)


def log_scale_relative_ci(rel: list[float], z: float = Z975) -> list[float]:
    """The log-scale interval of the ratio from R's delta-method output (r, lo, hi, se) of tests/r/ab.R.

    With ratio = m_t/m_c = 1 + r, the delta-method variance of the ratio is (v_t + ratio²·v_c)/m_c² and that of
    log(ratio) is v_t/m_t² + v_c/m_c² = (v_t + ratio²·v_c)/m_t², so se(log ratio) = se(ratio)/ratio exactly, and
    the interval is ratio·exp(±z·se/ratio) − 1.
    """
    r, _lo, _hi, se = rel
    ratio = 1 + r
    return [ratio * math.exp(-z * se / ratio) - 1, ratio * math.exp(z * se / ratio) - 1]


ANOREXIA = pl.DataFrame({"Treat": TREAT, "Prewt": PREWT, "Postwt": POSTWT}).with_columns(
    gain=pl.col("Postwt") - pl.col("Prewt")
)
LICORICE_METRICS = ["sore_throat_30min", "sore_throat_4h", "throat_pain_30min"]


@pytest.fixture(scope="module")
def licorice() -> sab.ABResult:
    return ab("licorice", group="treatment", metrics=LICORICE_METRICS, control="sugar")


@pytest.fixture(scope="module")
def anorexia_cuped() -> sab.ABResult:
    return ab(ANOREXIA, group="Treat", metrics=["Postwt"], control="Cont", covariate="Prewt")


# ---------------------------------------------------------------------------------------------- binary metric


def test_binary_lift_matches_prop_test_without_correction(licorice: sab.ABResult) -> None:
    c = licorice.comparison("sore_throat_4h")
    assert c.kind == "binary" and (c.treatment, c.control) == ("licorice", "sugar")
    xt, nt, xc, nc = R["lic4h counts"]
    assert (c.n_treatment, c.n_control) == (nt, nc)
    assert (c.treatment_mean, c.control_mean) == (approx(xt / nt, rel=REL), approx(xc / nc, rel=REL))
    assert c.estimate == approx(R["lic4h diff"][0], rel=REL)
    # the interval is Newcombe's hybrid score interval (1998, method 10), from R's two Wilson intervals
    # (prop.test(x, n, correct = FALSE)$conf.int per arm): d − sqrt((p_t − l_t)² + (u_c − p_c)²), d + sqrt(...)
    (lt, ut), (lc, uc), d = R["lic4h wilson t"], R["lic4h wilson c"], R["lic4h diff"][0]
    pt_, pc_ = xt / nt, xc / nc
    newcombe = [d - math.sqrt((pt_ - lt) ** 2 + (uc - pc_) ** 2), d + math.sqrt((ut - pt_) ** 2 + (pc_ - lc) ** 2)]
    assert c.ci == approx(newcombe, rel=1e-9)
    assert c.ci != approx(R["lic4h ci"], rel=1e-3)  # no longer the unpooled Wald interval of prop.test
    assert c.statistic == approx(R["lic4h chisq"][0], rel=REL)  # X² = z² of the pooled z test
    assert c.p_value == approx(R["lic4h p"][0], rel=REL)
    assert c.effect_size.name == "Cohen's h" and c.effect_size.value == approx(R["lic4h cohen h"][0], rel=REL)


def test_rates_per_variant_have_wilson_intervals(licorice: sab.ABResult) -> None:
    est = {e.label: e for e in licorice.variants["sore_throat_4h"]}
    assert est["licorice"].ci == approx(R["lic4h wilson t"], rel=REL)
    assert est["sugar"].ci == approx(R["lic4h wilson c"], rel=REL)
    assert (est["licorice"].missing, est["sugar"].missing) == (1, 1)  # one patient per arm without an outcome


def test_binary_relative_lift_power_and_mde(licorice: sab.ABResult) -> None:
    c = licorice.comparison("sore_throat_4h")
    assert c.relative_lift == approx(R["lic4h rel"][0], rel=REL)
    assert c.relative_ci == approx(log_scale_relative_ci(R["lic4h rel"]), rel=REL)
    assert not hasattr(c, "achieved_power")  # issue 20: no observed power (it adds nothing to the p-value)
    assert c.details["mde_h"] == approx(R["lic4h mde h"][0], rel=1e-9)
    assert c.mde == approx(R["lic4h mde abs up"][0], rel=1e-9)
    assert c.details["mde_increase"] == approx(R["lic4h mde abs up"][0], rel=1e-9)
    assert c.details["mde_decrease"] == approx(R["lic4h mde abs down"][0], rel=1e-9)
    assert pw.rate_change(c.control_mean, R["lic4h mde h"][0])[1] == approx(R["lic4h mde abs down"][0], rel=1e-9)


def test_relative_lift_interval_is_on_the_log_scale_and_never_below_minus_100_percent() -> None:
    # compare_proportions(successes_t, n_t, successes_c, n_c): p_t = 2/20 = 0.1, p_c = 7/20 = 0.35. Closed form:
    # log ratio log(0.1/0.35), se² = 0.1·0.9/(20·0.1²) + 0.35·0.65/(20·0.35²) = 0.45 + 0.65/7; interval
    # exp(log ratio ± z·se) − 1. (The delta-method interval on the ratio gave −112.7 % to −30.2 %.)
    c = sab.compare_proportions(2, 20, 7, 20)
    se = math.sqrt(0.45 + 0.65 / 7)
    expected = [math.exp(math.log(0.1 / 0.35) + k * Z975 * se) - 1 for k in (-1, 1)]
    assert c.relative_lift == approx(0.1 / 0.35 - 1, rel=REL)
    assert c.relative_ci == approx(expected, rel=REL)
    assert c.relative_ci == approx([-0.932581896017, 0.210841721118], rel=1e-9)
    assert not any("logarithm" in n for n in c.notes)
    assert "log scale" in c.explanation
    # property: for positive means the lower limit is above −100 %, whatever the noise
    rng = np.random.default_rng(20)
    for _ in range(500):
        mt, mc = rng.uniform(1e-3, 10, 2)
        cv_t, cv_c = rng.uniform(0, 3, 2)  # standard error of each mean up to 3 times the mean
        rel, (lo, hi) = sab.relative_lift(mt, (cv_t * mt) ** 2, mc, (cv_c * mc) ** 2, float(rng.uniform(0.5, 0.999)))
        assert -1 < lo <= rel <= hi


def test_relative_lift_falls_back_to_the_delta_method_when_a_mean_is_not_positive() -> None:
    # p_t = 0: the log ratio is undefined; r = −1 and the delta-method interval on the ratio, with a note.
    c = sab.compare_proportions(0, 20, 7, 20)
    assert c.relative_lift == -1.0
    assert c.relative_ci == approx([-1.0, -1.0])  # v_t = 0·1/20 = 0, and m_t = 0 removes the control's variance
    assert any("logarithm is undefined" in n and "treatment rate" in n for n in c.notes)
    assert "delta method" in c.explanation
    # means below 0: delta method, r ± z·sqrt(v_t/m_c² + m_t²·v_c/m_c⁴)
    rel, ci = sab.relative_lift(-1.0, 0.04, 2.0, 0.01)
    se = math.sqrt(0.04 / 4 + 0.01 / 16)
    assert rel == -1.5 and ci == approx([-1.5 - Z975 * se, -1.5 + Z975 * se], rel=1e-12)
    assert sab.relative_lift_note(-1.0, 2.0) is not None and sab.relative_lift_note(1.0, 2.0) is None


# ---------------------------------------------------------------------------------------------- continuous metric


def test_continuous_lift_matches_welch_t_test(licorice: sab.ABResult) -> None:
    c = licorice.comparison("throat_pain_30min")
    assert c.kind == "continuous" and c.method == "Welch Two Sample t-test"
    assert (c.n_treatment, c.n_control) == tuple(R["licpain n"])
    assert (c.treatment_mean, c.control_mean) == approx(R["licpain means"], rel=REL)
    assert c.estimate == approx(R["licpain diff"][0], rel=REL)
    assert c.ci == approx(R["licpain ci"], rel=REL)
    assert c.statistic == approx(R["licpain t"][0], rel=REL)
    assert c.df == approx(R["licpain df"][0], rel=REL)
    assert c.p_value == approx(R["licpain p"][0], rel=1e-8)
    est = {e.label: e for e in licorice.variants["throat_pain_30min"]}
    assert est["licorice"].ci == approx(R["licpain mean ci t"], rel=REL)
    assert est["sugar"].ci == approx(R["licpain mean ci c"], rel=REL)
    assert est["sugar"].sd ** 2 == approx(R["licpain vars"][1], rel=REL)


def test_continuous_relative_lift_effect_size_power_and_mde(licorice: sab.ABResult) -> None:
    c = licorice.comparison("throat_pain_30min")
    assert c.relative_lift == approx(R["licpain rel"][0], rel=REL)
    assert c.relative_ci == approx(log_scale_relative_ci(R["licpain rel"]), rel=REL)
    assert c.effect_size.name == "Cohen's d" and c.effect_size.value == approx(R["licpain cohen d"][0], rel=REL)
    assert c.details["mde_d"] == approx(R["licpain mde d"][0], rel=1e-9)
    assert c.mde == approx(R["licpain mde abs"][0], rel=1e-9)


def test_three_arms_unequal_n_welch_against_control() -> None:
    r = ab(ANOREXIA, group="Treat", metrics=["Postwt"], control="Cont")
    assert r.labels == ["CBT", "Cont", "FT"] and r.control == "Cont"
    for arm in ("CBT", "FT"):
        c = r.comparison("Postwt", arm)
        assert (c.n_treatment, c.n_control) == tuple(R[f"anx {arm} n"])
        assert c.estimate == approx(R[f"anx {arm} diff"][0], rel=REL)
        assert c.ci == approx(R[f"anx {arm} ci"], rel=REL)
        assert c.statistic == approx(R[f"anx {arm} t"][0], rel=REL)
        assert c.df == approx(R[f"anx {arm} df"][0], rel=REL)
        assert c.p_value == approx(R[f"anx {arm} p"][0], rel=1e-8)
        assert c.relative_lift == approx(R[f"anx {arm} rel"][0], rel=REL)
        assert c.relative_ci == approx(log_scale_relative_ci(R[f"anx {arm} rel"]), rel=REL)
        assert c.effect_size.value == approx(R[f"anx {arm} cohen d"][0], rel=REL)
        assert c.mde == approx(R[f"anx {arm} mde abs"][0], rel=1e-9)
    est = {e.label: e for e in r.variants["Postwt"]}
    assert est["CBT"].ci == approx(R["anx CBT mean ci t"], rel=REL)
    assert est["Cont"].ci == approx(R["anx CBT mean ci c"], rel=REL)
    assert r.srm.statistic == approx(R["anx srm"][0], rel=REL) and r.srm.p_value == approx(R["anx srm"][1], rel=REL)


# ---------------------------------------------------------------------------------------------- multiplicity


def test_holm_and_bh_across_all_comparisons(licorice: sab.ABResult) -> None:
    cs = [licorice.comparison(m) for m in LICORICE_METRICS]
    assert [c.p_value for c in cs] == approx(R["lic3 raw p"], rel=1e-8)
    assert [c.p_adjusted for c in cs] == approx(R["lic3 holm"], rel=1e-8)
    assert all(c.p_adjust_method == "holm" and c.family_size == 3 for c in cs)
    bh = ab("licorice", group="treatment", metrics=LICORICE_METRICS, control="sugar", p_adjust="bh")
    assert [bh.comparison(m).p_adjusted for m in LICORICE_METRICS] == approx(R["lic3 bh"], rel=1e-8)


def test_several_variants_and_metrics_form_one_family() -> None:
    r = ab(ANOREXIA, group="Treat", metrics=["Postwt", "gain"], control="Cont")
    order = [(c.metric, c.treatment) for c in r.comparisons]
    assert order == [("Postwt", "CBT"), ("Postwt", "FT"), ("gain", "CBT"), ("gain", "FT")]
    assert [c.p_adjusted for c in r.comparisons] == approx(R["anx 4 holm"], rel=1e-8)
    bh = ab(ANOREXIA, group="Treat", metrics=["Postwt", "gain"], control="Cont", p_adjust="bh")
    assert [c.p_adjusted for c in bh.comparisons] == approx(R["anx 4 bh"], rel=1e-8)


def test_single_comparison_is_not_adjusted() -> None:
    r = ab("licorice", group="treatment", metrics="sore_throat_4h", control="sugar")
    c = r.comparison("sore_throat_4h")
    assert c.p_adjusted is None and c.decision_p == c.p_value and c.significant


# ---------------------------------------------------------------------------------------------- SRM


def test_srm_matches_chisq_test_for_given_probabilities(licorice: sab.ABResult) -> None:
    assert licorice.rows == {"licorice": 118, "sugar": 117}
    assert licorice.srm.statistic == approx(R["licorice srm"][0], rel=REL)
    assert licorice.srm.p_value == approx(R["licorice srm"][1], rel=REL)
    assert not licorice.srm.mismatch
    bad = sab.srm_test([5000, 5400])
    assert [bad.statistic, bad.df, bad.p_value] == approx(R["srm bad"], rel=REL) and bad.mismatch
    three = sab.srm_test({"a": 2010, "b": 1985, "c": 4005}, [25, 25, 50])
    assert [three.statistic, three.df, three.p_value] == approx(R["srm three"], rel=REL)
    assert three.expected_share == {"a": 0.25, "b": 0.25, "c": 0.5}
    off = sab.srm_test([2010, 1985, 4005], [30, 30, 40])  # shares rescaled, as rescale.p = TRUE
    assert [off.statistic, off.df, off.p_value] == approx(R["srm three 30-30-40"], rel=1e-8)


def _frame_with_split(n_a: int, n_b: int, rate_a: float = 0.10, rate_b: float = 0.11) -> pl.DataFrame:
    def arm(label: str, n: int, rate: float) -> pl.DataFrame:
        ones = round(n * rate)
        return pl.DataFrame({"variant": [label] * n, "converted": [1] * ones + [0] * (n - ones)})

    return pl.concat([arm("A", n_a, rate_a), arm("B", n_b, rate_b)])


def test_srm_mismatch_gives_a_loud_warning_first() -> None:
    r = ab(_frame_with_split(5000, 5400), group="variant", metrics=["converted"])
    assert r.srm.mismatch and r.srm.p_value == approx(R["srm bad"][2], rel=REL)
    section = section_of(r)
    first = section.blocks[0]
    assert isinstance(first, Paragraph) and first.tone == "warning"
    assert "SAMPLE-RATIO MISMATCH" in first.text and "cannot be trusted" in first.text
    assert "WARNING" in r.explanation
    ok = ab(_frame_with_split(5000, 5400), group="variant", metrics=["converted"], expected_split=[50, 54])
    assert not ok.srm.mismatch and ok.srm.p_value == approx(1.0)
    by_name = ab(
        _frame_with_split(5000, 5400), group="variant", metrics=["converted"], expected_split={"B": 54, "A": 50}
    )
    assert by_name.srm.expected_share == approx({"A": 50 / 104, "B": 54 / 104}, rel=1e-12)
    assert all(getattr(b, "tone", "") != "warning" for b in section_of(ok).blocks)


# ---------------------------------------------------------------------------------------------- power, sample size


def test_sample_size_two_means_matches_power_t_test() -> None:
    assert pw.sample_size(1, sd=3).estimate == approx(R["pt n delta1 sd3"][0], rel=1e-9)
    r = pw.sample_size(1, sd=3, alpha=0.01, power=0.9)
    assert r.estimate == approx(R["pt n delta1 sd3 a01 p9"][0], rel=1e-9)
    assert (r.n_control, r.n_treatment, r.kind) == (270, 270, "continuous")
    unequal = pw.sample_size(0.3, sd=1, ratio=2)
    assert unequal.estimate == approx(R["pd n ratio2 d0.3"][0], rel=1e-9)
    assert (unequal.n_control, unequal.n_treatment) == (132, 263)
    assert pw.power_means(0.5, 50, 50) == approx(R["pt power n50 d0.5"][0], rel=1e-9)
    assert 2 * pw.mde_d(200, 200) == approx(R["pt delta n200 sd2"][0], rel=1e-9)  # delta = d * sd, sd = 2


def test_sample_size_two_proportions_on_cohens_h() -> None:
    r = pw.sample_size(0.02, baseline=0.10)
    assert r.effect_size.value == approx(R["ph h 0.12 0.10"][0], rel=REL)
    assert r.estimate == approx(R["ph n 0.12 0.10"][0], rel=1e-9)
    assert (r.n_control, r.n_treatment, r.n) == (3835, 3835, 7670)
    r3 = pw.sample_size(0.02, baseline=0.10, alpha=0.01, power=0.9, ratio=3)
    assert r3.estimate == approx(R["ph n 0.12 0.10 a01 p9 ratio3"][0], rel=1e-9)
    assert pw.sample_size(0.10, baseline=0.10, relative=True).estimate == approx(R["ph n rel10"][0], rel=1e-9)
    assert pw.power_proportions(R["ph h 0.12 0.10"][0], 2000, 2000) == approx(R["ph power n2000"][0], rel=1e-9)
    words = r.explanation
    assert "3,835 per arm" in words and "10 % to 12 %" in words and "80 % power" in words


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mde": 0.02}, "baseline="),
        ({"mde": 0.02, "baseline": 1.5}, "strictly between 0 and 1"),
        ({"mde": 0.5, "baseline": 0.8}, "leaves the range"),
        ({"mde": 0, "sd": 1}, "non-zero"),
        ({"mde": 1, "sd": 1, "power": 0.01}, "power must be"),
        ({"mde": 1, "sd": -1}, "positive"),
    ],
)
def test_sample_size_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(EdakitError, match=message):
        pw.sample_size(**kwargs)


# ---------------------------------------------------------------------------------------------- CUPED


def test_cuped_matches_ancova_with_hc2_standard_errors(anorexia_cuped: sab.ABResult) -> None:
    import statsmodels.api as sm
    from statsmodels.stats.multitest import multipletests

    # statsmodels OLS Postwt ~ CBT + FT + Prewt (Cont the reference), cov_type="HC2", t on the residual df: the
    # same fit as R's lm with sandwich::vcovHC(type = "HC2") and lmtest::coeftest (tests/r/ab.R, "cuped hc2")
    frame = ANOREXIA.to_pandas()
    design = np.column_stack(
        [np.ones(len(frame)), frame["Treat"] == "CBT", frame["Treat"] == "FT", frame["Prewt"]]
    ).astype(float)
    fit = sm.OLS(frame["Postwt"].to_numpy(), design).fit(cov_type="HC2", use_t=True)
    hc2_p = []
    for i, arm in enumerate(("CBT", "FT")):
        cu = anorexia_cuped.comparison("Postwt", arm).cuped
        assert cu.estimate == approx(fit.params[1 + i], rel=1e-9)
        assert cu.se == approx(fit.bse[1 + i], rel=1e-9)
        assert cu.ci == approx(fit.conf_int()[1 + i], rel=1e-9)
        assert cu.p_value == approx(fit.pvalues[1 + i], rel=1e-8)
        assert cu.df == fit.df_resid == 68
        # 29 CBT, 26 Cont and 17 FT patients: below about 30 per arm HC2 can be too small, and the result says so
        assert "HC2" in cu.method and any(f"Cont and {arm} have fewer than 30" in n for n in cu.notes)
        hc2_p.append(fit.pvalues[1 + i])
    holm = multipletests(hc2_p, method="holm")[1]
    for i, arm in enumerate(("CBT", "FT")):
        assert anorexia_cuped.comparison("Postwt", arm).p_adjusted == approx(holm[i], rel=1e-8)


def test_cuped_matches_ancova_and_welch_on_adjusted_values(anorexia_cuped: sab.ABResult) -> None:
    for i, arm in enumerate(("CBT", "FT")):
        c = anorexia_cuped.comparison("Postwt", arm)
        cu = c.cuped
        assert cu is not None and cu.covariate == "Prewt"
        assert cu.theta == approx(R["cuped theta"][0], rel=REL)
        assert cu.estimate == approx(R["cuped lm diff"][i], rel=REL)  # = lm's arm coefficient
        assert cu.relative_lift == approx(R[f"cuped {arm} rel"][0], rel=REL)
        assert cu.relative_ci == approx(log_scale_relative_ci(R[f"cuped {arm} rel"]), rel=REL)
        assert cu.variance_reduction == approx(R["cuped variance reduction"][0], rel=REL)
        assert c.estimate == approx(R[f"anx {arm} diff"][0], rel=REL)  # the unadjusted lift is kept
    adj = {"CBT": 0, "Cont": 1, "FT": 2}
    c = anorexia_cuped.comparison("Postwt", "CBT")
    assert (c.cuped.treatment_mean, c.cuped.control_mean) == approx(
        [R["cuped adj means"][adj["CBT"]], R["cuped adj means"][adj["Cont"]]], rel=REL
    )


def test_same_numbers_on_pandas_and_duckdb(anorexia_cuped: sab.ABResult) -> None:
    import duckdb

    frames = [ANOREXIA.to_pandas(), duckdb.connect().from_arrow(ANOREXIA.to_arrow())]
    for frame in frames:
        r = ab(frame, group="Treat", metrics=["Postwt"], control="Cont", covariate="Prewt")
        for arm in ("CBT", "FT"):
            a, b = r.comparison("Postwt", arm), anorexia_cuped.comparison("Postwt", arm)
            assert a.ci == approx(b.ci, rel=1e-12) and a.cuped.ci == approx(b.cuped.ci, rel=1e-10)


# ---------------------------------------------------------------------------------------------- metric types


def test_metric_type_detection_and_override() -> None:
    df = pl.DataFrame(
        {
            "v": ["a", "b"] * 50,
            "flag": [True, False, False, True] * 25,
            "clicks01": [0, 1, 1, 1] * 25,
            "revenue": [0.0, 2.5, 1.0, 0.0] * 25,
        }
    )
    r = ab(df, group="v", metrics=["flag", "clicks01", "revenue"])
    assert r.kinds == {"flag": "binary", "clicks01": "binary", "revenue": "continuous"}
    forced = ab(df, group="v", metrics=["clicks01"], metric_types={"clicks01": "continuous"})
    assert forced.kinds == {"clicks01": "continuous"}
    assert forced.comparison("clicks01").method == "Welch Two Sample t-test"


def test_binary_declared_metric_with_other_values_is_skipped_with_reason() -> None:
    df = pl.DataFrame({"v": ["a", "b"] * 4, "y": [0, 1, 2, -1, 0, 1, 1, 0]})
    r = ab(df, group="v", metrics=["y"], metric_types={"y": "binary"})
    assert not r.comparisons and "y" in r.skipped
    assert "neither 0 nor 1" in r.skipped["y"] and "1 of them negative" in r.skipped["y"]
    assert "Skipped: y" in r.explanation


def test_non_numeric_metric_is_skipped() -> None:
    df = pl.DataFrame({"v": ["a", "b"] * 4, "y": ["x", "y", "z", "w"] * 2, "z": [1.0, 2.0, 3.0, 5.0] * 2})
    r = ab(df, group="v", metrics=["y", "z"])
    assert "not numeric" in r.skipped["y"] and [c.metric for c in r.comparisons] == ["z"]


def test_metric_all_missing_in_one_arm_is_reported() -> None:
    df = pl.DataFrame({"v": ["a", "a", "b", "b", "c", "c"], "y": [1.0, 2.0, None, None, 3.0, 5.0]})
    r = ab(df, group="v", metrics=["y"], control="a")
    assert [c.treatment for c in r.comparisons] == ["c"]
    assert r.skipped == {"y: b vs a": "every value of y is missing in variant b"}
    section = section_of(r)
    assert any("every value of y is missing in variant b" in n for n in section.subsections[0].notes)


# ---------------------------------------------------------------------------------------------- bad input


def test_bad_input_raises_clear_errors() -> None:
    one = pl.DataFrame({"v": ["a"] * 5, "y": [1.0, 2, 3, 4, 5]})
    with pytest.raises(EdakitError, match="at least two variants"):
        ab(one, group="v", metrics=["y"])
    with pytest.raises(EdakitError, match=r"Unknown control variant 'C'.*are CBT, Cont, FT"):
        ab(ANOREXIA, group="Treat", metrics=["Postwt"], control="C")
    many = pl.DataFrame({"v": [str(i) for i in range(3000)], "y": [1.0] * 3000})
    with pytest.raises(EdakitError, match="3,000 distinct values"):
        ab(many, group="v", metrics=["y"])
    with pytest.raises(EdakitError, match="Unknown column"):
        ab(ANOREXIA, group="Treat", metrics=["nope"])
    with pytest.raises(EdakitError, match="expected split has 2 value"):
        ab(ANOREXIA, group="Treat", metrics=["Postwt"], control="Cont", expected_split=[50, 50])
    with pytest.raises(EdakitError, match="'binary' or 'continuous'"):
        ab(ANOREXIA, group="Treat", metrics=["Postwt"], metric_types={"Postwt": "count"})
    with pytest.raises(EdakitError, match="cannot also be a metric"):
        ab(ANOREXIA, group="Treat", metrics=["Treat"])
    with pytest.raises(EdakitError, match="--alpha"):
        ab(ANOREXIA, group="Treat", metrics=["Postwt"], alpha=1.5)


def test_numeric_and_boolean_variant_labels_and_missing_variant_rows() -> None:
    df = pl.DataFrame({"arm": [0, 1, 0, 1, None, 1, 0], "y": [1.0, 2.0, 1.5, 2.5, 9.0, 3.0, 0.5]})
    r = ab(df, group="arm", metrics=["y"], control=0)
    assert r.labels == ["0", "1"] and r.control == "0" and r.rows == {"0": 3, "1": 3}
    assert any("1 row(s) without a value" in n for n in r.notes)
    flags = ab(df.with_columns(pl.col("arm") == 1), group="arm", metrics=["y"], control=True)
    assert flags.labels == ["false", "true"] and flags.control == "true"


# ---------------------------------------------------------------------------------------------- report section


def test_section_blocks_and_chart_data(licorice: sab.ABResult) -> None:
    section = section_of(licorice)
    assert section.id == "ab-test" and section.title.startswith("A/B test:")
    metric = section.subsections[1]  # sore_throat_4h
    chart = next(b for b in metric.blocks if isinstance(b, ChartBlock))
    assert chart.kind == "group_means_ci" and chart.data["metric"] == "sore_throat_4h"
    assert chart.data["labels"] == ["licorice", "sugar"]
    xt, nt, xc, nc = R["lic4h counts"]
    assert chart.data["means"] == approx([xt / nt, xc / nc], rel=REL)
    assert chart.data["cis"] == [approx(R["lic4h wilson t"], rel=REL), approx(R["lic4h wilson c"], rel=REL)]
    assert chart.data["percent"] is True and chart.data["value_label"] == "sore_throat_4h (rate)"
    assert chart.alt and chart.caption
    drawn = str(render_chart_block(chart))  # the data's keys are the ones the drawing reads (issue 17)
    assert "<svg" in drawn and "could not be drawn" not in drawn and "ek-chart-note" not in drawn
    assert ">20 %<" in drawn and ">licorice<" in drawn and ">sugar<" in drawn
    tables = [b for b in metric.blocks if isinstance(b, TableBlock)]
    comp = tables[1]
    assert [c.format for c in comp.columns][:3] == ["text", "pct", "ci_pct"]
    assert comp.rows[0][1] == approx(R["lic4h diff"][0], rel=REL)
    reading = section.subsections[-1]
    text = " ".join(b.text for b in reading.blocks)
    assert "peeking" in text and "novelty" in text and "log scale" in text
    data = json.loads(json.dumps(licorice.to_dict(), allow_nan=False))
    assert data["kind"] == "ABResult" and data["srm"]["mismatch"] is False
    assert data["comparisons"][1]["significant"] is True and data["comparisons"][1]["explanation"]


def test_report_runs_the_ab_section_first() -> None:
    # edakit.report(...) goes through the same build_report; called directly because importing the submodule
    # edakit.report rebinds the name `edakit.report` to the module (see the report to the lead).
    rep = build_report("licorice", ReportConfig(group="treatment", metrics=["sore_throat_4h"], control="sugar"))
    analyses = [s for s in rep.sections if s.id not in ("data", "how-to-read", "glossary")]  # rows and guide frame them
    assert analyses[0].id == "ab-test"
    table = analyses[0].subsections[0].blocks[2]
    assert table.rows[0][1] == approx(R["lic4h diff"][0], rel=REL)
    from edakit.sections import AnalysisContext
    from edakit.sections.ab import build

    assert build(AnalysisContext(None, None, None, [], ReportConfig(group="treatment"))) == []


def test_notebook_html() -> None:
    r = ab("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar")
    html = r._repr_html_()
    assert 'class="edakit"' in html and "A/B test" in html and "sore_throat_4h" in html


# ---------------------------------------------------------------------------------------------- words


def test_significant_wording_in_business_terms(licorice: sab.ABResult) -> None:
    text = explain(licorice.comparison("sore_throat_4h"))
    assert "between -35.4 and -12.3 percentage points" in text  # Newcombe from R's Wilson intervals: -0.3537, -0.1233
    assert "statistically significant" in text and "not statistically" not in text
    assert "licorice has a lower sore_throat_4h rate than sugar" in text
    assert "Significance is not size" in text and "Holm" in text
    assert "observed power" not in text and "Power to detect" not in text  # issue 20: no observed power


def test_non_significant_wording_explains_power_and_mde() -> None:
    r = ab(_frame_with_split(1000, 1000, 0.10, 0.11), group="variant", metrics=["converted"])
    c = r.comparison("converted")
    assert not c.significant
    text = c.explanation
    assert "not statistically significant" in text and "does not show" in text
    assert "minimum detectable effect" in text and "percentage points" in text
    # the MDE is quoted without the sign of the observed lift, both ways (a rise and a fall differ for a rate)
    up, down = c.details["mde_increase"], c.details["mde_decrease"]
    assert f"a true rise of {100 * up:.3g} or fall of {100 * down:.3g} percentage points in the rate" in text
    assert "observed power" not in text and "Power to detect" not in text
    means = ab(ANOREXIA, group="Treat", metrics=["gain"], control="Cont").comparison("gain", "CBT")
    assert not means.significant
    size = f"{means.mde:.3g}"
    assert f"a true change of {size} either way" in means.explanation
    assert "+" + size not in means.explanation


def test_tiny_sample_and_constant_arms() -> None:
    df = pl.DataFrame({"v": ["a", "a", "b", "b"], "y": [1.0, 1.0, 2.0, 2.0], "b": [0, 0, 0, 0]})
    r = ab(df, group="v", metrics=["y", "b"])
    y = r.comparison("y")
    assert y.p_value is None and any("constant" in n for n in y.notes)
    small = ab(ANOREXIA.head(40), group="Treat", metrics=["Postwt"], control="Cont").comparison("Postwt")
    assert "fewer than 30 values" in small.explanation
    assert "No test could be computed" in y.explanation
    b = r.comparison("b")
    assert b.p_value is None and b.relative_lift is None
    assert any("relative lift" in n for n in b.notes)


def test_cuped_wording(anorexia_cuped: sab.ABResult) -> None:
    text = anorexia_cuped.comparison("Postwt", "FT").explanation
    assert "CUPED" in text and "Prewt" in text and "9.65 %" in text  # R: variance reduction 0.0965
    assert math.isfinite(anorexia_cuped.comparison("Postwt", "FT").cuped.theta)
    assert np.isclose(anorexia_cuped.comparison("Postwt", "CBT").cuped.theta, R["cuped theta"][0])


def test_report_starts_the_ab_gather_beside_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """On rows polars holds, the report starts the A/B gather on its own thread when the schema is inferred,
    before the profile starts (`pipeline._start_ab_gather`), and the section lays out that gather's result:
    gathered once, on that thread (not the section runner's), and the section's table is R's prop.test
    difference as above."""
    import threading

    import edakit.engine.ab as engine_ab

    calls: list[str] = []
    gather = engine_ab.gather

    def watched_gather(*args: object, **kwargs: object) -> object:
        calls.append(threading.current_thread().name)
        return gather(*args, **kwargs)

    monkeypatch.setattr(engine_ab, "gather", watched_gather)
    rep = build_report("licorice", ReportConfig(group="treatment", metrics=["sore_throat_4h"], control="sugar"))
    assert len(calls) == 1 and calls[0].startswith("ab.gather")
    table = next(s for s in rep.sections if s.id == "ab-test").subsections[0].blocks[2]
    assert table.rows[0][1] == approx(R["lic4h diff"][0], rel=REL)
