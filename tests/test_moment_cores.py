"""One implementation per procedure (issue 18): the raw-value functions and the engine path call the same core on
sufficient statistics, so from raw values and from the group moments they give identical numbers.

R references (R 4.2.2): `oneway.test(weight ~ group, PlantGrowth, var.equal = TRUE)` F = 4.846088 on (2, 27) df,
p = 0.01591; `summary(aov(weight ~ group, PlantGrowth))` SS 3.76634 and 10.49209;
`t.test(extra ~ group, sleep)` t = -1.860813, df = 17.77647, p = 0.07939414, CI (-3.3654832, 0.2054832).
"""

from __future__ import annotations

import numpy as np
import pytest
from pytest import approx

from edakit.errors import EdakitError
from edakit.stats.association import correlation_ratio, correlation_ratio_from_groups, cramers_v_from_table
from edakit.stats.contingency import prop_test
from edakit.stats.correlations import correlation, pearson_from_moments
from edakit.stats.effect_sizes import cohens_d, cohens_d_from_moments, eta_squared, omega_squared
from edakit.stats.means import oneway_from_moments, welch_anova_from_moments, welch_df, welch_t_from_moments
from edakit.stats.nonparametric import mann_whitney
from edakit.stats.parametric import anova, ttest
from edakit.stats.posthoc import games_howell, games_howell_from_moments, tukey_from_moments, tukey_hsd

# fmt: off
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2]         # sleep$extra[sleep$group == "1"]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]        # sleep$extra[sleep$group == "2"]
PLANT = {  # PlantGrowth$weight by group
    "ctrl": [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14],
    "trt1": [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
    "trt2": [6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26],
}
# fmt: on


def moments(groups: dict[str, list[float]]) -> tuple[list[int], list[float], list[float]]:
    arrays = [np.asarray(v, dtype=float) for v in groups.values()]
    return [a.size for a in arrays], [float(a.mean()) for a in arrays], [float(a.var(ddof=1)) for a in arrays]


def test_classic_anova_from_raw_values_and_from_moments_is_one_computation() -> None:
    sizes, means, variances = moments(PLANT)
    core = oneway_from_moments(sizes, means, variances)
    raw = anova(PLANT, posthoc=False)
    eta = correlation_ratio_from_groups(sizes, means, variances, labels=list(PLANT))
    values = [v for vals in PLANT.values() for v in vals]
    eta_raw = correlation_ratio(values, [g for g, vals in PLANT.items() for _ in vals])
    # R: oneway.test(weight ~ group, var.equal = TRUE): F = 4.846, p = 0.01591
    assert core.statistic == approx(4.846088, abs=1e-6) and core.p_value == approx(0.01591, abs=1e-5)
    assert core.df == (2, 27) and core.ss_between == approx(3.76634, abs=1e-5)
    assert core.ss_within == approx(10.49209, abs=1e-5)
    for r in (raw, eta, eta_raw):
        assert r.statistic == core.statistic and r.p_value == core.p_value
    assert raw.df == (2.0, 27.0) and eta.df == (2, 27)
    assert raw.effect_size.value == eta.eta_squared == eta_raw.eta_squared == core.eta_squared
    assert raw.details["omega_squared"].value == core.omega_squared


def test_welch_anova_from_raw_values_and_from_moments_is_one_computation() -> None:
    w = welch_anova_from_moments(*moments(PLANT))
    raw = anova(PLANT, welch=True, posthoc=False)
    assert (raw.statistic, raw.df, raw.p_value) == (w["statistic"], w["df"], w["p_value"])


def test_welch_t_from_raw_values_and_from_moments_is_one_computation() -> None:
    (n1, n2), (m1, m2), (v1, v2) = moments({"1": SLEEP1, "2": SLEEP2})
    core = welch_t_from_moments(m1, v1, n1, m2, v2, n2)
    raw = ttest(SLEEP1, SLEEP2)
    assert raw.method == "Welch Two Sample t-test"
    assert core.statistic == approx(-1.860813, abs=1e-6) and core.df == approx(17.77647, abs=1e-5)
    assert core.p_value == approx(0.07939414, abs=1e-8)
    assert core.ci == (approx(-3.3654832, abs=1e-7), approx(0.2054832, abs=1e-7))
    assert (raw.statistic, raw.df, raw.p_value, raw.ci, raw.estimate) == (
        core.statistic,
        core.df,
        core.p_value,
        core.ci,
        core.estimate,
    )
    assert raw.details["se"] == core.se


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("mu", [0.0, -1.0])
def test_welch_t_core_agrees_with_scipy(alternative: str, mu: float) -> None:
    from scipy import stats

    x, y = np.asarray(SLEEP1), np.asarray(SLEEP2)
    ref = stats.ttest_ind(x - mu, y, equal_var=False, alternative=alternative)
    ci = ref.confidence_interval(0.9)
    w = welch_t_from_moments(x.mean(), x.var(ddof=1), x.size, y.mean(), y.var(ddof=1), y.size, 0.9, mu=mu,
                             alternative=alternative)  # fmt: skip
    assert (w.statistic, w.df, w.p_value) == (approx(ref.statistic), approx(ref.df), approx(ref.pvalue))
    assert w.ci == (approx(ci.low + mu), approx(ci.high + mu))


def test_welch_t_core_not_computable() -> None:
    assert welch_t_from_moments(1.0, 1.0, 1, 2.0, 1.0, 5).statistic is None
    flat = welch_t_from_moments(1.0, 0.0, 5, 2.0, 0.0, 5)
    assert flat.statistic is None and flat.se == 0.0 and flat.reason is None and flat.estimate == -1.0
    inf = welch_t_from_moments(float("inf"), 1.0, 5, 2.0, 1.0, 5)
    assert inf.statistic is None and "infinite or missing" in inf.reason


def test_posthoc_from_raw_values_and_from_moments_is_one_computation() -> None:
    data = {k: np.asarray(v) for k, v in PLANT.items()}
    sizes, means, variances = moments(PLANT)
    assert tukey_hsd(data) == tukey_from_moments(list(PLANT), sizes, means, variances)
    assert games_howell(data) == games_howell_from_moments(list(PLANT), sizes, means, variances)
    classic = anova(PLANT)
    assert classic.details["posthoc"] == tukey_from_moments(list(PLANT), sizes, means, variances)
    for row, (i, j) in zip(games_howell(data), [(0, 1), (0, 2), (1, 2)], strict=True):  # Welch's df per pair
        assert row["df"] == welch_df(variances[i] / sizes[i], variances[j] / sizes[j], sizes[i], sizes[j])


def test_shares_of_variance_use_the_anova_core() -> None:
    core = oneway_from_moments(*moments(PLANT))
    arrays = [np.asarray(v) for v in PLANT.values()]
    assert eta_squared(arrays).value == core.eta_squared
    assert omega_squared(arrays).value == core.omega_squared


def test_one_confidence_level_check() -> None:
    """Every test rejects a bad conf_level with the same words."""
    calls = [
        lambda: ttest(SLEEP1, SLEEP2, conf_level=1.5),
        lambda: anova(PLANT, conf_level=1.5),
        lambda: correlation(SLEEP1, SLEEP2, conf_level=1.5),
        lambda: pearson_from_moments(5, 1.0, 1.0, 0.5, conf_level=1.5),
        lambda: cramers_v_from_table([[1, 2], [3, 4]], conf_level=1.5),
        lambda: correlation_ratio_from_groups([2, 2], [1.0, 2.0], [1.0, 1.0], 1.5),
        lambda: mann_whitney(SLEEP1, SLEEP2, conf_level=1.5),
        lambda: prop_test([3, 5], [10, 10], conf_level=1.5),
        lambda: tukey_from_moments(["a", "b"], [3, 3], [1.0, 2.0], [1.0, 1.0], 1.5),
        lambda: games_howell_from_moments(["a", "b"], [3, 3], [1.0, 2.0], [1.0, 1.0], 1.5),
        lambda: welch_t_from_moments(1.0, 1.0, 3, 2.0, 1.0, 3, 1.5),
    ]
    messages = set()
    for call in calls:
        with pytest.raises(EdakitError) as info:
            call()
        messages.add(str(info.value))
    assert messages == {"conf_level must be a number between 0 and 1 (e.g. 0.95), not 1.5."}


def test_cohens_d_from_raw_values_and_from_moments_is_one_computation() -> None:
    (n1, n2), (m1, m2), (v1, v2) = moments({"1": SLEEP1, "2": SLEEP2})
    d, g = cohens_d(np.asarray(SLEEP1), np.asarray(SLEEP2))
    dm, gm = cohens_d_from_moments(m1, v1, n1, m2, v2, n2)
    assert (d.value, d.ci, g.value, g.ci) == (dm.value, dm.ci, gm.value, gm.ci)
    assert ttest(SLEEP1, SLEEP2).effect_size.value == d.value
