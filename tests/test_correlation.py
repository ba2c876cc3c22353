"""Correlation and association API, checked against R.

Every reference number below was computed by R 4.2.2 (base `stats`; effectsize 0.8.3 only for the printed
cross-checks) with tests/r/correlation.R; its output is tests/r/correlation.out. The call that produced each
number is named next to it. Nothing here is copied from edakit's own output.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import optimize, stats

from edakit._sums import dot
from edakit.errors import EdakitError
from edakit.stats.association import (
    CorrelationRatioResult,
    CramersVResult,
    correlation_ratio,
    cramers_v,
    cramers_v_from_table,
)
from edakit.stats.correlations import CorrelationResult, correlation, pearson_from_moments
from edakit.stats.multitest import adjust_pvalues

REL = 1e-9  # R prints 15 significant digits; everything here agrees far better than the required 1e-6


# fmt: off
# --- R datasets, copied from R's `datasets` package with dput() (values only; NA -> None) ---------------------
MTCARS_MPG = [
    21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4,
    33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4
]
MTCARS_WT = [
    2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2,
    1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78
]
MTCARS_CYL = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4]
MTCARS_GEAR = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4]
MTCARS_AM = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]
MTCARS_VS = [0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]
IRIS_SEPAL_LENGTH = [
    5.1, 4.9, 4.7, 4.6, 5, 5.4, 4.6, 5, 4.4, 4.9, 5.4, 4.8, 4.8, 4.3, 5.8, 5.7, 5.4, 5.1, 5.7, 5.1, 5.4, 5.1, 4.6,
    5.1, 4.8, 5, 5, 5.2, 5.2, 4.7, 4.8, 5.4, 5.2, 5.5, 4.9, 5, 5.5, 4.9, 4.4, 5.1, 5, 4.5, 4.4, 5, 5.1, 4.8, 5.1,
    4.6, 5.3, 5, 7, 6.4, 6.9, 5.5, 6.5, 5.7, 6.3, 4.9, 6.6, 5.2, 5, 5.9, 6, 6.1, 5.6, 6.7, 5.6, 5.8, 6.2, 5.6, 5.9,
    6.1, 6.3, 6.1, 6.4, 6.6, 6.8, 6.7, 6, 5.7, 5.5, 5.5, 5.8, 6, 5.4, 6, 6.7, 6.3, 5.6, 5.5, 5.5, 6.1, 5.8, 5, 5.6,
    5.7, 5.7, 6.2, 5.1, 5.7, 6.3, 5.8, 7.1, 6.3, 6.5, 7.6, 4.9, 7.3, 6.7, 7.2, 6.5, 6.4, 6.8, 5.7, 5.8, 6.4, 6.5,
    7.7, 7.7, 6, 6.9, 5.6, 7.7, 6.3, 6.7, 7.2, 6.2, 6.1, 6.4, 7.2, 7.4, 7.9, 6.4, 6.3, 6.1, 7.7, 6.3, 6.4, 6, 6.9,
    6.7, 6.9, 5.8, 6.8, 6.7, 6.7, 6.3, 6.5, 6.2, 5.9
]
IRIS_PETAL_LENGTH = [
    1.4, 1.4, 1.3, 1.5, 1.4, 1.7, 1.4, 1.5, 1.4, 1.5, 1.5, 1.6, 1.4, 1.1, 1.2, 1.5, 1.3, 1.4, 1.7, 1.5, 1.7, 1.5, 1,
    1.7, 1.9, 1.6, 1.6, 1.5, 1.4, 1.6, 1.6, 1.5, 1.5, 1.4, 1.5, 1.2, 1.3, 1.4, 1.3, 1.5, 1.3, 1.3, 1.3, 1.6, 1.9,
    1.4, 1.6, 1.4, 1.5, 1.4, 4.7, 4.5, 4.9, 4, 4.6, 4.5, 4.7, 3.3, 4.6, 3.9, 3.5, 4.2, 4, 4.7, 3.6, 4.4, 4.5, 4.1,
    4.5, 3.9, 4.8, 4, 4.9, 4.7, 4.3, 4.4, 4.8, 5, 4.5, 3.5, 3.8, 3.7, 3.9, 5.1, 4.5, 4.5, 4.7, 4.4, 4.1, 4, 4.4,
    4.6, 4, 3.3, 4.2, 4.2, 4.2, 4.3, 3, 4.1, 6, 5.1, 5.9, 5.6, 5.8, 6.6, 4.5, 6.3, 5.8, 6.1, 5.1, 5.3, 5.5, 5, 5.1,
    5.3, 5.5, 6.7, 6.9, 5, 5.7, 4.9, 6.7, 4.9, 5.7, 6, 4.8, 4.9, 5.6, 5.8, 6.1, 6.4, 5.6, 5.1, 5.6, 6.1, 5.6, 5.5,
    4.8, 5.4, 5.6, 5.1, 5.1, 5.9, 5.7, 5.2, 5, 5.2, 5.4, 5.1
]
IRIS_SPECIES = ["setosa"] * 50 + ["versicolor"] * 50 + ["virginica"] * 50
AIR_OZONE = [
    41, 36, 12, 18, None, 28, 23, 19, 8, None, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, None, None, None,
    23, 45, 115, 37, None, None, None, None, None, None, 29, None, 71, 39, None, None, 23, None, None, 21, 37, 20,
    12, 13, None, None, None, None, None, None, None, None, None, None, 135, 49, 32, None, 64, 40, 77, 97, 97, 85,
    None, 10, 27, None, 7, 48, 35, 61, 79, 63, 16, None, None, 80, 108, 20, 52, 82, 50, 64, 59, 39, 9, 16, 78, 35,
    66, 122, 89, 110, None, None, 44, 28, 65, None, 22, 59, 23, 31, 44, 21, 9, None, 45, 168, 73, None, 76, 118, 84,
    85, 96, 78, 73, 91, 47, 32, 20, 23, 21, 24, 44, 21, 28, 9, 13, 46, 18, 13, 24, 16, 13, 23, 36, 7, 14, 30, None,
    14, 18, 20
]
AIR_SOLAR_R = [
    190, 118, 149, 313, None, None, 299, 99, 19, 194, None, 256, 290, 274, 65, 334, 307, 78, 322, 44, 8, 320, 25,
    92, 66, 266, None, 13, 252, 223, 279, 286, 287, 242, 186, 220, 264, 127, 273, 291, 323, 259, 250, 148, 332, 322,
    191, 284, 37, 120, 137, 150, 59, 91, 250, 135, 127, 47, 98, 31, 138, 269, 248, 236, 101, 175, 314, 276, 267,
    272, 175, 139, 264, 175, 291, 48, 260, 274, 285, 187, 220, 7, 258, 295, 294, 223, 81, 82, 213, 275, 253, 254,
    83, 24, 77, None, None, None, 255, 229, 207, 222, 137, 192, 273, 157, 64, 71, 51, 115, 244, 190, 259, 36, 255,
    212, 238, 215, 153, 203, 225, 237, 188, 167, 197, 183, 189, 95, 92, 252, 220, 230, 259, 236, 259, 238, 24, 112,
    237, 224, 27, 238, 201, 238, 14, 139, 49, 20, 193, 145, 191, 131, 223
]
AIR_TEMP = [
    67, 72, 74, 62, 56, 66, 65, 59, 61, 69, 74, 69, 66, 68, 58, 64, 66, 57, 68, 62, 59, 73, 61, 61, 57, 58, 57, 67,
    81, 79, 76, 78, 74, 67, 84, 85, 79, 82, 87, 90, 87, 93, 92, 82, 80, 79, 77, 72, 65, 73, 76, 77, 76, 76, 76, 75,
    78, 73, 80, 77, 83, 84, 85, 81, 84, 83, 83, 88, 92, 92, 89, 82, 73, 81, 91, 80, 81, 82, 84, 87, 85, 74, 81, 82,
    86, 85, 82, 86, 88, 86, 83, 81, 81, 81, 82, 86, 85, 87, 89, 90, 90, 92, 86, 86, 82, 80, 79, 77, 79, 76, 78, 78,
    77, 72, 75, 79, 81, 86, 88, 97, 94, 96, 94, 91, 92, 93, 93, 87, 84, 80, 78, 75, 73, 81, 76, 77, 71, 71, 78, 67,
    76, 68, 82, 64, 71, 81, 69, 63, 70, 77, 75, 76, 68
]
AIR_MONTH = [5] * 31 + [6] * 30 + [7] * 31 + [8] * 31 + [9] * 30
# apply(HairEyeColor, c(1, 2), sum): rows Hair (Black, Brown, Red, Blond), columns Eye (Brown, Blue, Hazel, Green)
HAIR_EYE = [[68, 20, 15, 5], [119, 84, 54, 29], [26, 17, 14, 14], [7, 94, 10, 16]]
# Hand-made vectors, identical in tests/r/correlation.R
TIES_X = [1, 2, 2, 3, 4, 4, 4, 5, 6, 6]
TIES_Y = [2, 1, 3, 3, 5, 4, 6, 6, 5, 8]
NOTIES_X = [3.1, 1.2, 5.5, 4.4, 2.8, 6.0, 7.3, 0.5, 9.9, 8.1, 6.6, 2.2]
NOTIES_Y = [2.0, 1.5, 4.1, 6.2, 3.3, 3.0, 8.8, 0.9, 7.7, 9.5, 5.0, 4.4]
# fmt: on


def approx(value, rel=REL):
    return pytest.approx(value, rel=rel, abs=1e-300)


# --- cor.test ---------------------------------------------------------------------------------------------------
# (label, x, y, method, alternative, conf_level) -> R cor.test(x, y, method, alternative, conf.level, exact = FALSE):
# estimate, statistic, df, p.value, conf.int (None where R gives none), n complete pairs.
COR_TEST_CASES = {
    "P1 mtcars mpg~wt": (
        (MTCARS_MPG, MTCARS_WT, "pearson", "two-sided", 0.95),
        (
            -8.67659376517228e-01,
            -9.55904414697211e00,
            30,
            1.29395870135052e-10,
            (-9.33826413284994e-01, -7.44087196460113e-01),
            32,
        ),
    ),
    "P2 mtcars less conf=0.9": (
        (MTCARS_MPG, MTCARS_WT, "pearson", "less", 0.9),
        (-8.67659376517228e-01, -9.55904414697211e00, 30, 6.46979350675258e-11, (-1.0, -7.95249270134097e-01), 32),
    ),
    "P3 mtcars greater": (
        (MTCARS_MPG, MTCARS_WT, "pearson", "greater", 0.95),
        (-0.867659376517228, -9.559044146972111, 30, 0.999999999935302, (-0.925915149884019, 1.0), 32),
    ),
    "P4 airquality Ozone~Solar.R (NAs)": (
        (AIR_OZONE, AIR_SOLAR_R, "pearson", "two-sided", 0.95),
        (
            3.48341692993603e-01,
            3.87979480686798e00,
            109,
            1.79310857164885e-04,
            (1.73194001147126e-01, 5.02131962722811e-01),
            111,
        ),
    ),
    "P5 iris": (
        (IRIS_SEPAL_LENGTH, IRIS_PETAL_LENGTH, "pearson", "two-sided", 0.95),
        (
            8.71753775886583e-01,
            2.16460193457598e01,
            148,
            1.03866741944984e-47,
            (8.27036329664362e-01, 9.05508048821454e-01),
            150,
        ),
    ),
    "P6 n=3 (R gives no interval)": (
        ([1, 2, 4], [1, 3, 2], "pearson", "two-sided", 0.95),
        (0.327326835353989, 0.346410161513775, 1, 0.787704384990343, None, 3),
    ),
    "P7 n=4": (
        ([1, 2, 3, 5], [2, 1, 4, 3], "pearson", "two-sided", 0.95),
        (0.529150262212918, 0.881917103688197, 2, 0.470849737787082, (-0.878919837303419, 0.987854547868651), 4),
    ),
    "P8 ties": (
        (TIES_X, TIES_Y, "pearson", "two-sided", 0.95),
        (0.8624059879521493, 4.8185881694028092, 8, 0.0013237459815508, (0.5093574890050735, 0.9669725092405687), 10),
    ),
    "S1 mtcars": (
        (MTCARS_MPG, MTCARS_WT, "spearman", "two-sided", 0.95),
        (-8.86422033270298e-01, 1.02923186135227e04, None, 1.48759485812743e-11, None, 32),
    ),
    "S2 airquality Ozone~Temp (NAs)": (
        (AIR_OZONE, AIR_TEMP, "spearman", "two-sided", 0.95),
        (7.74042955461301e-01, 5.87782059958517e04, None, 2.24766056986358e-24, None, 116),
    ),
    "S3 ties": (
        (TIES_X, TIES_Y, "spearman", "two-sided", 0.95),
        (0.86608143798660164, 22.09656273221072809, None, 0.00119339655789497, None, 10),
    ),
    "S4 iris greater": (
        (IRIS_SEPAL_LENGTH, IRIS_PETAL_LENGTH, "spearman", "greater", 0.95),
        (8.81898126434986e-01, 6.64293513334813e04, None, 1.72154363902360e-50, None, 150),
    ),
    "S5 no ties (R default: AS 89)": (
        (NOTIES_X, NOTIES_Y, "spearman", "two-sided", 0.95),
        (0.81118881118881125, 53.99999999999997868, None, 0.00236893039782362, None, 12),
    ),
    "K1 mtcars": (
        (MTCARS_MPG, MTCARS_WT, "kendall", "two-sided", 0.95),
        (-7.27832149528431e-01, -5.79813189498173e00, None, 6.70577040559586e-09, None, 32),
    ),
    "K2 airquality Ozone~Solar.R (NAs)": (
        (AIR_OZONE, AIR_SOLAR_R, "kendall", "two-sided", 0.95),
        (2.40319421449213e-01, 3.70955900154001e00, None, 2.07620570762072e-04, None, 111),
    ),
    "K3 ties": (
        (TIES_X, TIES_Y, "kendall", "two-sided", 0.95),
        (0.75632255653511327, 2.87004230929490944, None, 0.00410416879134112, None, 10),
    ),
    "K4 ties less": (
        (TIES_X, TIES_Y, "kendall", "less", 0.95),
        (0.756322556535113, 2.870042309294909, None, 0.997947915604329, None, 10),
    ),
    "K5 no ties (R default: exact, statistic T)": (
        (NOTIES_X, NOTIES_Y, "kendall", "two-sided", 0.95),
        (0.63636363636363635, 54.0, None, 0.00318164699241086, None, 12),
    ),
}


@pytest.mark.parametrize("label", list(COR_TEST_CASES))
def test_correlation_matches_r_cor_test(label):
    (x, y, method, alternative, conf), (est, stat, df, p, ci, n) = COR_TEST_CASES[label]
    r = correlation(x, y, method=method, alternative=alternative, conf_level=conf)
    assert isinstance(r, CorrelationResult)
    assert r.estimate == approx(est)
    assert r.statistic == approx(stat)
    assert r.p_value == approx(p)
    assert r.n == n
    assert r.n_dropped == len(x) - n
    assert r.alternative == alternative
    if method == "pearson":
        assert r.df == df
        if ci is None:
            assert r.ci is None
            assert any("4 pairs" in note for note in r.notes)
        else:
            assert r.ci == (approx(ci[0]), approx(ci[1]))
    else:
        assert r.df is None


def test_method_names_are_r_names():
    # R cor.test()$method
    assert correlation(TIES_X, TIES_Y).method == "Pearson's product-moment correlation"
    assert correlation(TIES_X, TIES_Y, "spearman").method == "Spearman's rank correlation rho"
    assert correlation(TIES_X, TIES_Y, "kendall").method == "Kendall's rank correlation tau"
    assert correlation(TIES_X, TIES_Y, "spearman").details["statistic_name"] == "S"


def test_r_default_exact_pvalues_are_used_without_ties():
    # R's cor.test defaults (tests/r/correlation.out, "R default exact"): without ties, Kendall's exact
    # distribution for n < 50 and Spearman's AS 89 for n < 1290; with ties, the approximations (cases S3, K3).
    k = correlation(NOTIES_X, NOTIES_Y, "kendall")
    s = correlation(NOTIES_X, NOTIES_Y, "spearman")
    assert k.p_value == approx(0.00318164699241086)
    assert s.p_value == approx(0.00236893039782362)
    assert k.details["p_value_exact"] is True and k.details["statistic_name"] == "T"
    assert s.details["p_value_exact"] is False  # n = 12: AS 89's Edgeworth series, not an enumeration
    assert "exact null distribution of T" in k.explanation and "It is exact" in k.explanation
    assert "Edgeworth" in s.explanation and "AS 89" in s.explanation and "It is exact" not in s.explanation
    tied = correlation(TIES_X, TIES_Y, "spearman")
    assert tied.details["p_value_exact"] is False and "ties rule out" in tied.explanation
    assert "AS 89" not in tied.explanation  # R also uses the t approximation with ties


def test_exact_rank_pvalues_closed_forms():
    # Spearman 1..5 vs 1..5: S = 0 is reached by 1 of the 5! orderings, two-sided p = 2/120 = 1/60
    # (the t approximation gave 1.4e-24).
    s = correlation([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], "spearman")
    assert s.statistic == pytest.approx(0.0, abs=1e-12)
    assert s.p_value == approx(1 / 60) and s.details["p_value_exact"] is True
    assert correlation([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], "spearman", alternative="greater").p_value == approx(1 / 120)
    # Kendall n = 6 in perfect order: T = 15 concordant pairs in 1 of 6! orderings, two-sided p = 2/720.
    k = correlation(range(6), range(6), "kendall")
    assert k.statistic == 15 and k.p_value == approx(2 / 720) and k.details["p_value_exact"] is True
    assert correlation(range(6), range(6), "kendall", alternative="less").p_value == 1.0
    # R's ?cor.test example (Hollander & Wolfe 1973, p. 187), printed by R: T = 26, p-value = 0.1194;
    # S = 48, p-value = 0.0968 (both exact, n = 9).
    x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1]
    y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8]
    k9, s9 = correlation(x, y, "kendall"), correlation(x, y, "spearman")
    assert k9.statistic == 26 and round(k9.p_value, 4) == 0.1194
    assert s9.statistic == approx(48) and round(s9.p_value, 4) == 0.0968


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_exact_rank_pvalues_match_brute_force_enumeration(alternative):
    # Reference: every one of the 7! = 5040 orderings of y, counted in the test itself. R's two-sided p-value is
    # twice the smaller tail (capped at 1), the tail chosen by which side of the null mean the statistic is.
    import itertools

    x = [0.3, 1.9, 1.1, 4.2, 2.5, 3.3, 0.8]
    y = [2.0, 1.0, 3.5, 6.1, 4.4, 2.9, 5.0]
    n = len(x)
    rx = np.argsort(np.argsort(x)) + 1
    ry = np.argsort(np.argsort(y)) + 1
    s_obs = int(((rx - ry) ** 2).sum())
    t_obs = sum((rx[i] - rx[j]) * (ry[i] - ry[j]) > 0 for i in range(n) for j in range(i + 1, n))
    s_all, t_all = [], []
    for perm in itertools.permutations(range(1, n + 1)):
        p = np.array(perm)
        s_all.append(int(((rx - p) ** 2).sum()))
        t_all.append(sum((rx[i] - rx[j]) * (p[i] - p[j]) > 0 for i in range(n) for j in range(i + 1, n)))
    s_all, t_all = np.array(s_all), np.array(t_all)

    def expected(stat, dist, positive_is_small):
        lower, upper = np.mean(dist <= stat), np.mean(dist >= stat)
        # "greater" (positive association) means small S but large T.
        greater, less = (lower, upper) if positive_is_small else (upper, lower)
        if alternative == "greater":
            return greater
        if alternative == "less":
            return less
        return min(1.0, 2 * (upper if stat > dist.mean() else lower))

    s = correlation(x, y, "spearman", alternative=alternative)
    k = correlation(x, y, "kendall", alternative=alternative)
    assert s.statistic == approx(s_obs) and k.statistic == t_obs
    assert s.p_value == approx(expected(s_obs, s_all, True), rel=1e-12)
    assert k.p_value == approx(expected(t_obs, t_all, False), rel=1e-12)


# Rank-correlation intervals: R's cor.test gives none; the script writes out the published formulas in R:
# Spearman, Bonett & Wright (2000): se = sqrt((1 + rho^2/2)/(n - 3)); Kendall, Fieller et al. (1957): sqrt(0.437/(n-4)).
RANK_CI_CASES = {
    "S1": ((MTCARS_MPG, MTCARS_WT, "spearman", "two-sided"), (-0.950265882378298, -0.751081976970414)),
    "S2": ((AIR_OZONE, AIR_TEMP, "spearman", "two-sided"), (0.675150011364819, 0.845605038195144)),
    "S3": ((TIES_X, TIES_Y, "spearman", "two-sided"), (0.420669795722761, 0.975055962544595)),
    "S4": ((IRIS_SEPAL_LENGTH, IRIS_PETAL_LENGTH, "spearman", "greater"), (0.840936250197529, 1.0)),
    "K1": ((MTCARS_MPG, MTCARS_WT, "kendall", "two-sided"), (-0.823937644160412, -0.591029295284200)),
    "K2": ((AIR_OZONE, AIR_SOLAR_R, "kendall", "two-sided"), (0.119286879403317, 0.354314097074240)),
    "K4": ((TIES_X, TIES_Y, "kendall", "less"), (-1.0, 0.891968145136708)),
}


@pytest.mark.parametrize("label", list(RANK_CI_CASES))
def test_rank_correlation_intervals(label):
    (x, y, method, alternative), (lo, hi) = RANK_CI_CASES[label]
    r = correlation(x, y, method, alternative=alternative)
    assert r.ci == (approx(lo), approx(hi))
    assert r.effect_size.ci == r.ci


def test_pearson_agrees_with_scipy():
    from scipy.stats import pearsonr

    ref = pearsonr(MTCARS_MPG, MTCARS_WT)
    r = correlation(MTCARS_MPG, MTCARS_WT)
    assert r.estimate == approx(float(ref.statistic), rel=1e-12)
    assert r.p_value == approx(float(ref.pvalue), rel=1e-9)
    assert r.ci == tuple(approx(float(v), rel=1e-12) for v in ref.confidence_interval())


# --- Pearson from engine moments --------------------------------------------------------------------------------


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_rank_correlations_from_shared_sorts_equal_scipy_on_the_raw_pairs(alternative):
    """Spearman and Kendall from each column sorted once (`stats.ranks`, shared by every pair of the column, as the
    report's correlation section does) give scipy's numbers on each pair's complete observations: ties, missing and
    infinite values, and 2,000 pairs (the t and normal approximations), checked against spearmanr and kendalltau."""
    from scipy import stats

    from edakit.stats.correlations import rank_correlations
    from edakit.stats.ranks import SortedColumn, pair_ranks

    rng = np.random.default_rng(7)
    n = 2_000
    base = rng.normal(size=n)
    columns = {
        "a": np.round(base * 3, 0),  # many ties
        "b": base + rng.normal(size=n),
        "c": np.round(rng.exponential(size=n) - base, 1),
    }
    columns["b"][rng.choice(n, 40, replace=False)] = np.nan
    columns["c"][rng.choice(n, 30, replace=False)] = np.nan
    columns["c"][:3] = [np.inf, -np.inf, np.inf]
    shared = {name: SortedColumn(values, name) for name, values in columns.items()}
    for name, values in columns.items():  # "a": whole numbers, sorted as 16-bit integers; "b", "c": as floats
        finite = np.isfinite(values)
        stable = np.argsort(np.where(finite, values, np.inf), kind="stable")
        assert shared[name].order[: finite.sum()].tolist() == stable[: finite.sum()].tolist()
    for x, y in [("a", "b"), ("a", "c"), ("b", "c"), ("c", "a")]:
        ours = rank_correlations(shared[x], shared[y], alternative=alternative, x_name=x, y_name=y)
        keep = np.isfinite(columns[x]) & np.isfinite(columns[y])
        xs, ys = columns[x][keep], columns[y][keep]
        rho = stats.spearmanr(xs, ys, alternative=alternative)
        tau = stats.kendalltau(xs, ys, variant="b", method="asymptotic", alternative=alternative)
        assert ours["spearman"].estimate == pytest.approx(rho.statistic, rel=1e-14, abs=1e-15)
        assert ours["spearman"].p_value == pytest.approx(rho.pvalue, rel=1e-12, abs=1e-300)
        assert ours["kendall"].estimate == pytest.approx(tau.statistic, rel=1e-14, abs=1e-15)
        assert ours["kendall"].p_value == pytest.approx(tau.pvalue, rel=1e-12, abs=1e-300)
        assert ours["spearman"].n == ours["kendall"].n == keep.sum()
        assert ours["spearman"].n_dropped == n - keep.sum()
        assert ours["spearman"].details["ties"] is True
        ranks = pair_ranks(shared[x], keep)
        assert ranks.mid.tolist() == stats.rankdata(xs).tolist()  # exact: whole numbers and halves
        assert ours == {m: correlation(columns[x], columns[y], m, alternative, x_name=x, y_name=y) for m in ours}
    infinite = rank_correlations(shared["a"], shared["c"])["kendall"].notes
    assert any("3 pair(s) with an infinite value" in note for note in infinite)


def test_pearson_from_moments_matches_cor_test():
    x, y = np.array(MTCARS_MPG), np.array(MTCARS_WT)
    dx, dy = x - x.mean(), y - y.mean()
    r = pearson_from_moments(32, dot(dx, dx), dot(dy, dy), dot(dx, dy))  # the sums `correlation` takes
    # R cor.test(mtcars$mpg, mtcars$wt)
    assert r.estimate == approx(-8.67659376517228e-01)
    assert r.statistic == approx(-9.55904414697211e00)
    assert r.p_value == approx(1.29395870135052e-10)
    assert r.ci == (approx(-9.33826413284994e-01), approx(-7.44087196460113e-01))
    assert r.df == 30
    same = correlation(MTCARS_MPG, MTCARS_WT)
    assert (r.estimate, r.statistic, r.p_value, r.ci, r.df, r.n) == (
        same.estimate,
        same.statistic,
        same.p_value,
        same.ci,
        same.df,
        same.n,
    )


def test_pearson_from_moments_is_stable_for_large_means():
    # Same data shifted by 1e9: raw sums would cancel catastrophically, centred sums do not.
    x, y = np.array(MTCARS_MPG) + 1e9, np.array(MTCARS_WT) + 1e9
    dx, dy = x - x.mean(), y - y.mean()
    r = pearson_from_moments(32, float(dx @ dx), float(dy @ dy), float(dx @ dy))
    assert r.estimate == pytest.approx(-8.67659376517228e-01, rel=1e-6)
    assert correlation(x, y).estimate == pytest.approx(-8.67659376517228e-01, rel=1e-6)


def test_pearson_from_moments_undefined_and_invalid():
    r = pearson_from_moments(10, 0.0, 5.0, 0.0, x_name="price")
    assert r.estimate is None and r.p_value is None
    assert "price is constant" in r.notes[0]
    assert pearson_from_moments(2, 1.0, 1.0, 0.5).estimate is None
    with pytest.raises(EdakitError):
        pearson_from_moments(10, -1.0, 1.0, 0.0)
    with pytest.raises(EdakitError):
        pearson_from_moments(10, 1.0, 1.0, math.nan)


# --- undefined and edge cases -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_constant_column_is_undefined_not_nan(method):
    r = correlation([1, 2, 3, 4], [7, 7, 7, 7], method, y_name="flag")
    assert r.estimate is None and r.statistic is None and r.p_value is None and r.ci is None
    assert "flag is constant" in r.notes[0]
    text = r.explanation
    assert "could not be computed" in text and "constant" in text
    assert "nan" not in text.lower()
    json.loads(r.to_json())  # valid JSON, no NaN


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_fewer_than_three_pairs(method):
    r = correlation([1.0, 2.0, None, 4.0], [2.0, None, 1.0, 3.0], method)
    assert r.n == 2 and r.n_dropped == 2
    assert r.estimate is None
    assert "at least 3 complete pairs" in r.notes[0]


def test_pairwise_deletion_counts_and_input_types():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    ref = correlation(AIR_OZONE, AIR_SOLAR_R)
    assert (ref.n, ref.n_dropped) == (111, 42)  # R: sum(complete.cases(Ozone, Solar.R)) = 111 of 153
    s1 = pd.Series(AIR_OZONE, dtype="Float64", name="Ozone")
    s2 = pd.Series(AIR_SOLAR_R, dtype="float64", name="Solar.R")
    r_pd = correlation(s1, s2)
    assert (r_pd.x_name, r_pd.y_name) == ("Ozone", "Solar.R")
    r_pl = correlation(pl.Series("Ozone", AIR_OZONE), pl.Series("Solar.R", AIR_SOLAR_R))
    for r in (r_pd, r_pl):
        assert r.estimate == approx(3.48341692993603e-01)
        assert r.n == 111 and r.n_dropped == 42


def test_perfect_correlation():
    r = correlation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    # R: cor.test(1:5, c(2, 4, 6, 8, 10)) rounds r to 1 - 2e-16, so t = 8.2e7, p = 3.97e-24, interval (1 - 4e-15, 1).
    # Our centred sums give r = 1 exactly: t is infinite, p = 0 and the interval is (1, 1).
    assert r.estimate == 1.0 and math.isinf(r.statistic) and r.p_value < 1e-20
    assert r.ci == (pytest.approx(1.0, abs=1e-12), 1.0)
    assert any("straight line" in note for note in r.notes)
    k = correlation([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], "kendall")
    assert k.estimate == pytest.approx(-1.0, abs=1e-15)
    # R's default cor.test(1:5, 5:1, method = "kendall") is exact: T = 0, reached by 1 of the 5! orderings,
    # p = 2/120. (With exact = FALSE R gives z = -2.44948974278318, p = 0.0143058784354297.)
    assert k.statistic == 0
    assert k.p_value == approx(2 / 120)


def test_invalid_arguments():
    with pytest.raises(EdakitError):
        correlation([1, 2, 3], [1, 2], "pearson")
    with pytest.raises(EdakitError):
        correlation([1, 2, 3], [1, 2, 3], "distance")
    with pytest.raises(EdakitError):
        correlation([1, 2, 3], [1, 2, 3], alternative="bigger")
    with pytest.raises(EdakitError):
        correlation([1, 2, 3], [1, 2, 3], conf_level=95)
    with pytest.raises(EdakitError):
        correlation(["a", "b", "c"], [1, 2, 3])
    assert correlation([1, 2, 3, 5], [2, 1, 4, 3], alternative="two.sided").alternative == "two-sided"


# --- chi-square test and Cramer's V -----------------------------------------------------------------------------
# R: chisq.test(tab, correct = FALSE) for X2, df, p; bias-corrected V from Bergsma's (2013) formula written out in R
# (equal to effectsize::cramers_v(adjust = TRUE)); interval by noncentral chi-square inversion with uniroot (equal
# to effectsize::cramers_v(adjust = FALSE, alternative = "two.sided") to its optimiser's accuracy, ~1e-8).
CRAMER_CASES = {
    "C1 mtcars cyl x gear": (
        (MTCARS_CYL, MTCARS_GEAR, 0.95),
        (
            18.03636363636363527,
            4,
            0.00121406603378516,
            32,
            0.48196307042544084,
            0.53086550256932485,
            (0.21830568334506409, 0.73831513562528883),
            1.09375,
        ),
    ),
    "C2 mtcars am x vs": (
        (MTCARS_AM, MTCARS_VS, 0.95),
        (0.906882591093117, 1, 0.340942914274381, 32, 0.0, 0.168345124585359, (0.0, 0.514652280296679), 5.6875),
    ),
}
HAIR_EYE_R = (1.38289841626008e02, 9, 2.32528678709881e-25, 592, 2.70483152912316e-01, 2.79044623342658e-01)


@pytest.mark.parametrize("label", list(CRAMER_CASES))
def test_cramers_v_matches_r(label):
    (x, y, conf), (x2, df, p, n, v_bc, v_raw, ci, min_e) = CRAMER_CASES[label]
    r = cramers_v(x, y, conf_level=conf)
    assert isinstance(r, CramersVResult)
    assert r.method == "Pearson's Chi-squared test"  # R chisq.test(correct = FALSE)$method
    assert r.statistic == approx(x2)
    assert r.df == df
    assert r.p_value == approx(p)
    assert r.n == n
    assert r.estimate == pytest.approx(v_bc, rel=REL, abs=1e-15)
    assert r.v_uncorrected == approx(v_raw)
    assert r.min_expected == approx(min_e)
    plain = cramers_v(x, y, bias_correction=False, conf_level=conf)
    assert plain.estimate == approx(v_raw) and plain.ci_kind == "two-sided"
    # effectsize::cramers_v(adjust = FALSE, alternative = "two.sided"): the interval of V inside its range
    assert plain.ci == (pytest.approx(ci[0], rel=1e-7, abs=1e-12), pytest.approx(ci[1], rel=1e-7))
    if v_bc > 0:
        assert r.ci == plain.ci and r.ci_kind == "two-sided"
    else:  # the bias-corrected V at its boundary 0: one-sided [0, U], as effectsize's alternative = "less", whose
        # upper limit is √(λ/(n·(k − 1))) with pchisq(X², df, ncp = λ) = 1 − conf (solved here with brentq)
        lam = optimize.brentq(lambda m: stats.ncx2.cdf(x2, df, m) - (1 - conf), 0, 100 * (x2 + df + 10), xtol=1e-14)
        k = min(len(set(x)), len(set(y)))
        assert r.ci_kind == "one-sided upper" and r.ci[0] == 0
        assert r.ci[1] == pytest.approx(math.sqrt(lam / (n * (k - 1))), rel=1e-7) and r.ci[1] < ci[1]


@pytest.mark.parametrize(
    ("conf", "ci"),
    [(0.95, (2.23527016368901e-01, 3.17988102937572e-01)), (0.9, (2.31148842585328e-01, 3.10417337959160e-01))],
)
def test_cramers_v_from_table_hair_eye(conf, ci):
    x2, df, p, n, v_bc, v_raw = HAIR_EYE_R
    r = cramers_v_from_table(HAIR_EYE, conf_level=conf, row_labels=["Black", "Brown", "Red", "Blond"])
    assert (r.statistic, r.df, r.p_value, r.n) == (approx(x2), df, approx(p), n)
    assert r.estimate == approx(v_bc)
    assert r.v_uncorrected == approx(v_raw)
    assert r.ci == (pytest.approx(ci[0], rel=1e-7), pytest.approx(ci[1], rel=1e-7))
    assert r.effect_size.magnitude == "medium"  # w = 0.2705 * sqrt(3) = 0.468


def test_cramers_v_near_independence():
    # R: matrix(c(10, 11, 12, 10), 2): X2 = 0.2062929855137645, p = 0.6496885706164442, V = 0.0692640692640692,
    # bias-corrected V = 0, two-sided interval (0, 0.3623069090907414) (effectsize, adjust = FALSE)
    r = cramers_v_from_table([[10, 12], [11, 10]])
    assert r.statistic == approx(0.2062929855137645)
    assert r.p_value == approx(0.6496885706164442)
    assert r.estimate == 0.0
    assert r.v_uncorrected == approx(0.0692640692640692)
    plain = cramers_v_from_table([[10, 12], [11, 10]], bias_correction=False)
    assert plain.ci == (0.0, pytest.approx(0.3623069090907414, rel=1e-7)) and plain.ci_kind == "two-sided"
    # the shown V is 0, at its boundary: one-sided [0, U], effectsize's alternative = "less", U = √(λ/43) with
    # pchisq(0.2062929855137645, 1, ncp = λ) = 0.05 (brentq here), below the two-sided 97.5 % limit
    lam = optimize.brentq(lambda m: stats.ncx2.cdf(0.2062929855137645, 1, m) - 0.05, 0, 100, xtol=1e-14)
    assert r.ci_kind == "one-sided upper" and r.ci == (0.0, pytest.approx(math.sqrt(lam / 43), rel=1e-7))
    assert "one-sided 95 % upper limit" in r.explanation or "one-sided, from 0" in r.explanation
    text = r.explanation
    assert "compatible with" in text and "not evidence that there is no effect" in text
    assert "uncorrected V would be 0.0693" in text


def test_bergsma_closed_form():
    # [[30, 10], [10, 30]], n = 80: X2 = 80 (900 - 100)^2 / 40^4 = 20, phi^2 = 1/4,
    # phi~^2 = 1/4 - 1/79, r~ - 1 = c~ - 1 = 1 - 1/79, so V~ = sqrt((79/4 - 1) / 78) = sqrt(18.75 / 78).
    r = cramers_v_from_table([[30, 10], [10, 30]])
    assert r.statistic == approx(20.0)
    assert r.estimate == approx(math.sqrt(18.75 / 78))
    assert r.v_uncorrected == approx(0.5)


def test_cramers_v_missing_labels_and_edge_cases():
    x = ["a", "a", "b", None, "b", "a", float("nan"), "b"]
    y = ["u", "v", "v", "u", "v", "u", "u", None]
    r = cramers_v(x, y, x_name="colour", y_name="size")
    assert r.n == 5 and r.n_dropped == 3
    assert r.table == [[2, 1], [0, 2]]
    assert (r.row_labels, r.col_labels) == (["a", "b"], ["u", "v"])
    one = cramers_v(["a", "a", "a"], ["u", "v", "u"], x_name="colour")
    assert one.estimate is None and one.statistic is None
    assert "colour has only one category" in one.notes[0]
    assert "could not be computed" in one.explanation
    empty = cramers_v_from_table([[5, 0, 3], [0, 0, 0], [2, 0, 6]])
    assert len(empty.table) == 2 and len(empty.table[0]) == 2
    assert any("empty" in note for note in empty.notes)
    with pytest.raises(EdakitError):
        cramers_v_from_table([[1.5, 2], [3, 4]])
    with pytest.raises(EdakitError):
        cramers_v_from_table([[-1, 2], [3, 4]])
    with pytest.raises(EdakitError):
        cramers_v(["a", "b"], ["u"])


# --- correlation ratio ------------------------------------------------------------------------------------------
# R: summary(aov(y ~ factor(g))) for F, df, p; eta2 = SS_between / SS_total; eta2 interval by inverting the
# noncentral F with uniroot, eta2 = lambda / (lambda + df_error) (= effectsize::eta_squared(partial = FALSE,
# alternative = "two.sided") to its optimiser's accuracy).
ETA_CASES = {
    "E1 iris": (
        (IRIS_SEPAL_LENGTH, IRIS_SPECIES),
        (
            1.19264502184505e02,
            2,
            147,
            1.66966919076940e-31,
            150,
            6.18705730738487e-01,
            7.86578496234474e-01,
            (5.25349261607440e-01, 6.88783225723774e-01),
        ),
    ),
    "E2 airquality Ozone ~ Month (NAs)": (
        (AIR_OZONE, AIR_MONTH),
        (
            8.53560658861385e00,
            4,
            111,
            4.82706453411467e-06,
            116,
            2.35233950623613e-01,
            4.85009227359247e-01,
            (9.33658042181942e-02, 3.49215053210429e-01),
        ),
    ),
    "E3 mtcars mpg ~ cyl": (
        (MTCARS_MPG, MTCARS_CYL),
        (
            3.96975152558690e01,
            2,
            29,
            4.97891917440023e-09,
            32,
            7.32460059625523e-01,
            8.55838804697195e-01,
            (5.36217494755609e-01, 8.28595016724380e-01),
        ),
    ),
}


@pytest.mark.parametrize("label", list(ETA_CASES))
def test_correlation_ratio_matches_r_aov(label):
    (y, g), (f, df1, df2, p, n, eta2, eta, ci2) = ETA_CASES[label]
    r = correlation_ratio(y, g)
    assert isinstance(r, CorrelationRatioResult)
    assert r.statistic == approx(f)
    assert r.df == (df1, df2)
    assert r.p_value == approx(p)
    assert r.n == n and r.n_dropped == len(y) - n
    assert r.eta_squared == approx(eta2)
    assert r.estimate == approx(eta)
    assert r.eta_squared_ci == (pytest.approx(ci2[0], rel=1e-7), pytest.approx(ci2[1], rel=1e-7))
    assert r.ci == (pytest.approx(math.sqrt(ci2[0]), rel=1e-7), pytest.approx(math.sqrt(ci2[1]), rel=1e-7))


def test_correlation_ratio_undefined_cases():
    one = correlation_ratio([1, 2, 3], ["a", "a", "a"], groups_name="shop")
    assert one.estimate is None and "only one group" in one.notes[0]
    const = correlation_ratio([5, 5, 5, 5], ["a", "a", "b", "b"], values_name="price")
    assert const.estimate is None and "price is constant" in const.notes[0]
    assert "could not be computed" in const.explanation
    exact = correlation_ratio([1, 1, 2, 2], ["a", "a", "b", "b"])
    assert exact.estimate == 1.0 and math.isinf(exact.statistic) and exact.p_value == 0.0
    json.loads(exact.to_json())
    with pytest.raises(EdakitError):
        correlation_ratio([1, 2, 3], ["a", "b"])


# --- p.adjust ---------------------------------------------------------------------------------------------------
# R: p.adjust(c(0.01, 0.04, NA, 0.03, 0.005, 0.2, NA, 0.5, 0.012), method)
P_RAW = [0.01, 0.04, None, 0.03, 0.005, 0.2, float("nan"), 0.5, 0.012]
P_ADJUSTED_R = {
    "holm": [0.060, 0.120, None, 0.120, 0.035, 0.400, None, 0.500, 0.060],
    "hochberg": [0.060, 0.120, None, 0.120, 0.035, 0.400, None, 0.500, 0.060],
    "hommel": [0.05, 0.12, None, 0.09, 0.03, 0.40, None, 0.50, 0.06],
    "bonferroni": [0.070, 0.280, None, 0.210, 0.035, 1.000, None, 1.000, 0.084],
    "BH": [0.028, 0.056, None, 0.0525, 0.028, 0.233333333333333, None, 0.5, 0.028],
    "BY": [0.072600, 0.145200, None, 0.136125, 0.072600, 0.605000, None, 1.000000, 0.072600],
}


@pytest.mark.parametrize("method", list(P_ADJUSTED_R))
def test_adjust_pvalues_matches_r_p_adjust(method):
    got = adjust_pvalues(P_RAW, method=method)
    for g, want in zip(got, P_ADJUSTED_R[method], strict=True):
        if want is None:
            assert g is None
        else:
            assert g == pytest.approx(want, rel=1e-12)


def test_adjust_pvalues_edge_cases():
    assert adjust_pvalues([]) == []
    assert adjust_pvalues([None, None]) == [None, None]
    assert adjust_pvalues(np.array([0.01, np.nan]), "fdr") == [0.01, None]
    with pytest.raises(EdakitError):
        adjust_pvalues([0.1], "tukey")
    with pytest.raises(EdakitError):
        adjust_pvalues([1.2])


# --- explanations -----------------------------------------------------------------------------------------------


def test_explanation_significant_pearson():
    r = correlation(MTCARS_WT, MTCARS_MPG, x_name="weight", y_name="mpg")
    text = r.explanation
    assert "32 complete pairs" in text
    assert "negative" in text and "larger values of weight tend to go with smaller values of mpg" in text
    assert "large correlation" in text and "Cohen (1988)" in text
    assert "95 % confidence interval runs from -0.9338 to -0.7441" in text
    assert "p < 0.001" in text and "does not by itself say the effect is large" in text
    assert "linear association" in text
    assert "confounding" in text and "reverse causation" in text


def test_explanation_not_significant_with_dropped_pairs():
    r = correlation(AIR_SOLAR_R, AIR_TEMP, "kendall", x_name="Solar.R", y_name="Temp")
    text = r.explanation
    assert "7 with a missing value left out" in text
    assert "monotonic association" in text
    weak = correlation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], "spearman")
    assert weak.p_value > 0.05
    wtext = weak.explanation
    assert "compatible with" in wtext and "cannot rule it out" in wtext
    assert "includes 0" in wtext
    assert "monotonic" in wtext


def test_explanation_tiny_sample_and_missing_interval():
    r = correlation([1, 2, 4], [1, 3, 2])
    text = r.explanation
    assert "very imprecise" in text
    assert "No confidence interval" in text


def test_explanation_mentions_caller_notes():
    r = correlation(MTCARS_MPG, MTCARS_WT, "spearman")
    r.notes.append("Computed on a seeded random sample of 20 of 32 rows.")
    assert "Computed on a seeded random sample of 20 of 32 rows." in r.explanation


def test_explanation_failed_assumptions():
    eta = correlation_ratio(MTCARS_MPG, MTCARS_CYL, values_name="mpg", groups_name="cyl")
    text = eta.explanation
    assert "equal-variance assumption of the F test is doubtful" in text  # SDs 4.51 (cyl 4) vs 1.45 (cyl 6)
    assert "73.2 % of the variance of mpg" in text
    assert "F(2, 29)" in text
    cv = cramers_v(MTCARS_CYL, MTCARS_GEAR, x_name="cyl", y_name="gear")
    ctext = cv.explanation
    assert "expected counts are below 5" in ctext
    assert "bias-corrected Cramér's V" in ctext and "large association" in ctext
    assert "does not show that one causes the other" in ctext


def test_explanation_one_sided_and_degrees_of_freedom():
    r = correlation(MTCARS_MPG, MTCARS_WT, alternative="less", conf_level=0.9)
    text = r.explanation
    assert "one-sided test" in text and "correlation is negative" in text
    assert "one-sided interval" in text and "90 % confidence interval" in text
    assert "1 degree of freedom" in correlation([1, 2, 4], [1, 3, 2]).explanation
    assert "on 1 degree of freedom" in cramers_v(MTCARS_AM, MTCARS_VS).explanation
