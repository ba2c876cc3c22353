"""The A/B test's power functions (`edakit.stats.power`) against statsmodels, whose formulas they write out with
scipy's distributions so that `edakit ab` need not import statsmodels (and pandas): the same numbers, bit for
bit, over effects, arm sizes (equal, unequal, fractional, millions) and levels. R's values for the same
quantities are checked in tests/test_ab.py ("pt power n50 d0.5", "ph power n2000", the MDEs)."""

from __future__ import annotations

import itertools
import math

import pytest

from edakit.stats import power as pw

EFFECTS = (1e-9, 0.003, 0.05, 0.2, 0.5, 1.3, 4.0)
CONTROL = (2, 3, 17, 117, 3834.6, 2.5e6)
TREATMENT = (2, 5, 116, 7000.3, 2.4e6)
ALPHAS = (0.001, 0.05, 0.1)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_power_of_two_proportions_is_statsmodels_normal_ind_power(alpha: float) -> None:
    from statsmodels.stats.power import NormalIndPower

    for h, n_c, n_t in itertools.product(EFFECTS, CONTROL, TREATMENT):
        expected = float(NormalIndPower().power(h, nobs1=n_c, alpha=alpha, ratio=n_t / n_c))
        assert pw.power_proportions(h, n_c, n_t, alpha) == expected
        assert pw.power_proportions(-h, n_c, n_t, alpha) == expected  # two-sided: the sign does not matter


@pytest.mark.parametrize("alpha", ALPHAS)
def test_power_of_two_means_is_statsmodels_ttest_ind_power(alpha: float) -> None:
    from statsmodels.stats.power import TTestIndPower

    compared = 0
    for d, n_c, n_t in itertools.product(EFFECTS, CONTROL, TREATMENT):
        expected = float(TTestIndPower().power(d, nobs1=n_c, alpha=alpha, ratio=n_t / n_c))
        if math.isnan(expected):  # a far tail scipy cannot evaluate: edakit counts it as 0 (tests/test_ab.py)
            continue
        assert pw.power_means(d, n_c, n_t, alpha) == expected
        assert pw.power_means(-d, n_c, n_t, alpha) == expected
        compared += 1
    assert compared > 90


def test_mde_and_sample_size_solve_the_same_power_equations() -> None:
    from statsmodels.stats.power import NormalIndPower, TTestIndPower

    # the MDEs of a 2.5-million-per-arm test (the benchmark's A/B file): at the MDE the power is exactly 0.8
    h, d = pw.mde_h(2_500_000, 2_400_000), pw.mde_d(2_500_000, 2_400_000)
    assert NormalIndPower().power(h, nobs1=2_500_000, alpha=0.05, ratio=0.96) == pytest.approx(0.8, abs=1e-12)
    assert TTestIndPower().power(d, nobs1=2_500_000, alpha=0.05, ratio=0.96) == pytest.approx(0.8, abs=1e-12)
    n = pw.sample_size(1, sd=3, ratio=2).estimate
    assert TTestIndPower().power(1 / 3, nobs1=n, alpha=0.05, ratio=2) == pytest.approx(0.8, abs=1e-12)
