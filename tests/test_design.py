"""The study design drives the causal words (`--design`), the tests are fixed in advance, and intervals are
reported honestly: labels over wide intervals, one-sided limits at the boundary, no zero-width intervals, and a
bootstrap that says when it is too narrow."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats
from typer.testing import CliRunner

import edakit
from edakit.cli import app
from edakit.datasets import show
from edakit.errors import EdakitError

SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]  # R's datasets::sleep, drug 1


def _summary(rep: edakit.Report) -> str:
    return next(s for s in rep.sections if s.id == "comparisons-group").summary


def test_randomised_design_allows_attribution_observational_does_not() -> None:
    observational = _summary(edakit.report("licorice", group="treatment", correlations=False))
    randomised = _summary(edakit.report("licorice", group="treatment", design="randomised", correlations=False))
    assert "(design: observational)" in observational and "was not assigned at random" in observational
    assert "can be attributed" not in observational
    assert "assigned at random (design: randomised)" in randomised and "not assigned at random" not in randomised
    assert "can be attributed to treatment" in randomised and "do not prove it" in randomised
    with pytest.raises(EdakitError, match="--design must be"):
        edakit.report("licorice", group="treatment", design="quasi")


def test_ab_is_randomised_by_default_and_never_rests_on_the_allocation_check() -> None:
    r = edakit.ab("penguins", group="sex", metrics="body_mass_g")
    assert r.design == "randomised" and "can be attributed to the variant" in r.explanation
    assert "necessary, not sufficient" in r.srm.explanation  # a passing check is not enough for a causal claim
    r = edakit.ab("penguins", group="sex", metrics="body_mass_g", design="observational")
    assert "not assigned at random (design: observational)" in r.explanation
    assert "attributed to the variant" not in r.explanation
    rep = edakit.report("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar")
    guide = next(s for s in rep.sections if s.id == "how-to-read")
    text = " ".join(getattr(b, "text", "") for b in guide.blocks)
    assert "The design is randomised" in text and "provided the allocation check passes" not in text


def test_cli_design_and_card() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["report", "sleep", "--group", "group", "--design", "whatever", "-o", "/dev/null"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Design: randomised" in show("licorice") and "Design: observational" in show("sleep")


def test_welch_is_primary_whatever_the_pre_tests_say() -> None:
    # InsectSprays: Shapiro-Wilk rejects normality in sprays C and D (R: p = 0.04759, 0.002713), and the SDs differ
    # (ratio 3.59): the tests stay Welch's ANOVA (primary) and Kruskal-Wallis (sensitivity analysis).
    a = edakit.report("insectsprays", group="spray", correlations=False).comparisons
    c = a["count"]
    assert (c.primary.key, c.alternative.key) == ("welch_anova", "kruskal")
    # R: oneway.test(count ~ spray, InsectSprays): F = 36.065, num df = 5.000, denom df = 30.043, p = 7.999e-12
    assert c.primary.statistic == pytest.approx(36.065, abs=1e-3) and c.primary.p_value == pytest.approx(
        7.999e-12, rel=1e-3
    )
    section = next(s for s in edakit.report("insectsprays", group="spray", correlations=False).sections
                   if s.id == "comparisons-group")  # fmt: skip
    assert "not chosen by a normality or variance pre-test" in section.blocks[0].text
    assert "multiplicity family, fixed in advance" in section.blocks[0].text or "single test" in section.blocks[0].text


def test_effect_label_is_qualified_when_its_interval_spans_labels() -> None:
    rep = edakit.report("sleep", group="group", correlations=False)
    c = rep.comparisons["extra"]
    d = c.primary.effect_size
    assert d.magnitude == "large" and d.ci[0] < 0 < d.ci[1]  # d = -0.83, its interval includes 0
    html = rep.to_html()
    assert "the interval runs from negligible to large" in html and "large?, CI spans negligible to large" in html


def test_a_collapsed_interval_cannot_be_estimated() -> None:
    # penguins sex by species: X² = 0.049 on 2 df, below its 2.5 % point: V = 0, and both the two-sided limits
    # (effectsize's "0 to 0") and the one-sided 95 % upper limit are 0, so no interval (tests/test_boundary_intervals)
    x2, df = 0.048607170140783189, 2  # R: chisq.test(table(sex, species), correct = FALSE)
    assert stats.chi2.cdf(x2, df) < 0.025
    sex = edakit.report("penguins", group="species", correlations=False).comparisons["sex"]
    assert sex.primary.estimate == 0 and sex.primary.ci is None
    assert any("cannot be estimated" in n for n in sex.primary.notes)


def test_a_constant_group_has_no_zero_width_interval() -> None:
    df = pl.DataFrame({"g": ["a"] * 5 + ["b"] * 5, "y": [1.0] * 5 + [2.0, 3, 4, 5, 6]})
    rep = edakit.report(df, group="g", correlations=False)
    groups = {g.label: g for g in rep.comparisons["y"].groups}
    assert groups["a"].ci is None and groups["a"].sd == 0 and groups["b"].ci is not None
    assert "a 1 (constant: its interval cannot be estimated)" in rep.to_html()


def test_bootstrap_says_when_the_percentile_interval_is_too_narrow() -> None:
    from edakit.explain.probability import bootstrap_words
    from edakit.stats.bootstrap import bootstrap_center

    r = bootstrap_center(np.array(SLEEP_1), name="extra")
    n = 10  # closed form: sqrt((n - 1)/n) · z(0.975) / t(0.975, n - 1)
    assert r.expected_width_ratio == pytest.approx(math.sqrt(0.9) * stats.norm.ppf(0.975) / stats.t.ppf(0.975, n - 1))
    text = bootstrap_words(r)
    assert "too narrow by construction" in text and "not skewness" in text
    up, down = r.mean_boot_ci[1] - r.mean, r.mean - r.mean_boot_ci[0]
    side = "above" if up > down else "below"
    assert f"longer side lies {side} the mean" in text or "nearly symmetric" in text


def test_rank_epsilon_squared_has_the_interval_of_the_anova_on_ranks() -> None:
    from edakit.stats import correlation_ratio, kruskal

    groups = {"a": [1.0, 2, 3, 4], "b": [3.0, 5, 6, 8], "c": [7.0, 9, 10, 12]}
    r = kruskal(groups)
    ranks = stats.rankdata(np.concatenate(list(groups.values())))
    labels = np.repeat(list(groups), 4)
    # closed form: H / (N - 1) is eta² of the ranks, SS_between / SS_total (ties included)
    ss_b = sum(4 * (ranks[labels == g].mean() - ranks.mean()) ** 2 for g in groups)
    assert r.effect_size.value == pytest.approx(ss_b / ((ranks - ranks.mean()) ** 2).sum())
    # its interval is the eta² interval of the ANOVA on the ranks (checked against effectsize::eta_squared elsewhere)
    eta = correlation_ratio(pl.Series("rank", ranks), pl.Series("g", labels))
    assert r.effect_size.ci == pytest.approx(eta.eta_squared_ci)


def test_anova_eta_squared_has_its_interval() -> None:
    import json
    from pathlib import Path

    from edakit.stats import anova

    penguins = edakit.datasets.load("penguins").drop_nulls("flipper_length_mm")
    groups = {
        s: penguins.filter(pl.col("species") == s)["flipper_length_mm"].to_numpy()
        for s in ["Adelie", "Chinstrap", "Gentoo"]
    }
    r = anova(groups)
    # R: effectsize::eta_squared(aov(flipper_length_mm ~ species), partial = FALSE, alternative = "two.sided"),
    # from tests/r/comparisons_section.out
    line = next(
        ln for ln in (Path(__file__).parent / "r" / "comparisons_section.out").read_text().splitlines()
        if ln.startswith("anova|penguins|flipper_length_mm ")
    )  # fmt: skip
    ref = {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    assert r.effect_size.value == pytest.approx(ref["eta2"]) and r.effect_size.ci == pytest.approx(
        (ref["lo"], ref["hi"])
    )
    assert json.dumps(r.to_dict(), allow_nan=False)
