"""The models of a target (`--target`): linear and logistic regression against R's `lm` and `glm`, the additions
checked against closed forms, the complexity and learning curves, and the rendered page.

R reference values (R 4.x, datasets package; outputs as printed by `summary()`):

    summary(lm(Volume ~ Girth + Height, data = trees))
      (Intercept) -57.9877  8.6382 -6.713 2.75e-07;  Girth 4.7082 0.2643 17.816 < 2e-16;
      Height 0.3393 0.1302 2.607 0.0145
      Residual standard error: 3.882 on 28 degrees of freedom
      Multiple R-squared: 0.948, Adjusted R-squared: 0.9442; F-statistic: 255 on 2 and 28 DF, p-value: < 2.2e-16
    sd(trees$Girth) = 3.138139; sd(trees$Volume) = 16.43785; cor(trees$Girth, trees$Height) = 0.5192801
    summary(glm(am ~ wt + hp, data = mtcars, family = binomial))
      (Intercept) 18.86630 7.44356 2.535 0.01126;  wt -8.08348 3.06868 -2.634 0.00843;
      hp 0.03626 0.01773 2.044 0.04091
      Null deviance: 43.230 on 31 df; Residual deviance: 10.059 on 29 df; AIC: 16.059
    coef(lm(weight ~ group, data = PlantGrowth))  # 5.032, -0.371 (trt1), 0.494 (trt2): the group means' differences
"""

from __future__ import annotations

import json
import re

import jsonschema
import numpy as np
import polars as pl
import pytest
from scipy import stats

import edakit
from edakit import datasets
from edakit.model import Report
from edakit.model_schema import json_schema
from edakit.stats.model_analysis import ModelAnalysis, analyse
from edakit.stats.model_complexity import folds_of, learning_curve, polynomial_curve
from edakit.stats.models import LinearModel, LogisticModel, design, linear_model, r_squared_interval


def _frame(name: str, columns: list[str]) -> tuple[dict, dict]:
    frame = datasets.load(name)
    values = {c: frame[c].to_numpy() for c in columns}
    return values, {c: "numeric" for c in columns}


@pytest.fixture(scope="module")
def trees() -> ModelAnalysis:
    values, kinds = _frame("trees", ["Girth", "Height", "Volume"])
    return analyse(values, kinds, "Volume")


@pytest.fixture(scope="module")
def cars() -> ModelAnalysis:
    values, kinds = _frame("mtcars", ["am", "wt", "hp"])
    return analyse(values, kinds, "am")


def test_trees_linear_model_matches_r(trees: ModelAnalysis):
    m = trees.linear
    assert trees.family == "linear" and trees.logistic is None
    assert [t.term for t in m.terms] == ["(Intercept)", "Girth", "Height"]
    est = [t.estimate for t in m.terms]
    assert est == pytest.approx([-57.9877, 4.7082, 0.3393], abs=5e-5)
    assert [t.se for t in m.terms] == pytest.approx([8.6382, 0.2643, 0.1302], abs=5e-5)
    assert [t.statistic for t in m.terms] == pytest.approx([-6.713, 17.816, 2.607], abs=5e-4)
    assert m.terms[0].p_value == pytest.approx(2.75e-07, rel=5e-3)
    assert m.terms[2].p_value == pytest.approx(0.0145, abs=5e-5)
    assert m.terms[1].p_value < 2e-16
    assert m.r_squared == pytest.approx(0.948, abs=5e-4)
    assert m.adj_r_squared == pytest.approx(0.9442, abs=5e-5)
    assert m.sigma == pytest.approx(3.882, abs=5e-4)
    assert m.statistic == pytest.approx(255, abs=0.5) and m.df == (2, 28) and m.df_residual == 28
    assert m.p_value < 2.2e-16
    # t-based 95 % interval: estimate ± qt(0.975, 28) · SE
    q = stats.t.ppf(0.975, 28)
    assert m.terms[1].ci == pytest.approx((4.7082 - q * 0.2643, 4.7082 + q * 0.2643), abs=2e-4)


def test_standardised_coefficients_and_vifs_match_closed_forms(trees: ModelAnalysis):
    m = trees.linear
    # standardised b = b · sd(x) / sd(y), with R's sds; VIF with two predictors = 1 / (1 − r²)
    assert m.terms[1].standardised == pytest.approx(4.7082 * 3.138139 / 16.43785, abs=5e-5)
    assert m.terms[1].vif == pytest.approx(1 / (1 - 0.5192801**2), abs=1e-6)
    assert m.terms[2].vif == pytest.approx(m.terms[1].vif) and m.max_vif == pytest.approx(m.terms[1].vif)


def test_hc3_errors_match_the_sandwich_formula(trees: ModelAnalysis):
    # MacKinnon and White (1985): (X'X)⁻¹ X' diag(e² / (1 − h)²) X (X'X)⁻¹
    frame = datasets.load("trees")
    x = np.column_stack([np.ones(31), frame["Girth"].to_numpy(), frame["Height"].to_numpy()])
    y = frame["Volume"].to_numpy()
    xtx = np.linalg.inv(x.T @ x)
    e = y - x @ (xtx @ x.T @ y)
    h = np.einsum("ij,jk,ik->i", x, xtx, x)
    cov = xtx @ x.T @ np.diag(e**2 / (1 - h) ** 2) @ x @ xtx
    assert [t.robust_se for t in trees.linear.terms] == pytest.approx(np.sqrt(np.diag(cov)).tolist(), rel=1e-9)


def test_r_squared_interval_inverts_the_noncentral_f():
    lo, hi, kind = r_squared_interval(254.97, 2, 28, 0.95)
    n = 31
    lam_lo, lam_hi = lo * n / (1 - lo), hi * n / (1 - hi)  # R² = λ / (λ + n)
    assert stats.ncf.cdf(254.97, 2, 28, lam_lo) == pytest.approx(0.975, abs=1e-6)
    assert stats.ncf.cdf(254.97, 2, 28, lam_hi) == pytest.approx(0.025, abs=1e-6)
    assert lo < 0.948 < hi and kind == "two-sided"
    # F above 1 but below its central 97.5 % quantile: a two-sided interval whose lower limit is 0
    lo, hi, kind = r_squared_interval(1.5, 2, 28)
    assert lo == 0.0 and kind == "two-sided"
    assert stats.ncf.cdf(1.5, 2, 28, hi * n / (1 - hi)) == pytest.approx(0.025, abs=1e-6)


def test_r_squared_interval_follows_the_boundary_rule():
    # F ≤ 1 means adjusted R² ≤ 0: the estimate of the population R² sits at its boundary 0, so the interval is
    # one-sided [0, U] with P(F ≤ f | λ_U) = 1 − conf_level (stats.ncp's rule, as omega²'s), R² = λ / (λ + n)
    notes: list[str] = []
    lo, hi, kind = r_squared_interval(0.6, 3, 40, 0.95, notes)
    n = 44
    assert (lo, kind) == (0.0, "one-sided upper") and hi > 0
    assert stats.ncf.cdf(0.6, 3, 40, hi * n / (1 - hi)) == pytest.approx(0.05, abs=1e-6)
    assert "one-sided" in notes[0]
    # an F so small that even its one-sided and two-sided upper limits are 0: no interval, never (0, 0)
    assert stats.f.cdf(0.01, 3, 40) < 0.025
    notes = []
    assert r_squared_interval(0.01, 3, 40, 0.95, notes) is None
    assert "cannot be estimated" in notes[0]


def test_a_model_that_explains_nothing_gets_a_one_sided_r_squared_interval():
    rng = np.random.default_rng(3)
    values = {"y": rng.normal(size=40), "a": rng.normal(size=40), "b": rng.normal(size=40)}
    m = analyse(values, dict.fromkeys(values, "numeric"), "y").linear
    assert m.statistic <= 1 and m.adj_r_squared <= 0  # the seed gives a model with nothing to find
    assert m.ci_kind == "one-sided upper" and m.ci[0] == 0.0
    assert stats.ncf.cdf(m.statistic, 2, 37, m.ci[1] * 40 / (1 - m.ci[1])) == pytest.approx(0.05, abs=1e-6)
    rep = edakit.report(pl.DataFrame(values), target="y", correlations=False)
    text = _text(_section_text(rep.to_html(), "models"))
    assert f"one-sided 95 % upper limit {rep.models.linear.ci[1]:.3g}" in text


def test_mtcars_logistic_model_matches_r(cars: ModelAnalysis):
    m = cars.logistic
    assert cars.family == "logistic" and m.event == "1" and m.events == 13 and m.n == 32
    assert [t.estimate for t in m.terms] == pytest.approx([18.86630, -8.08348, 0.03626], abs=5e-5)
    assert [t.se for t in m.terms] == pytest.approx([7.44356, 3.06868, 0.01773], abs=5e-5)
    assert [t.p_value for t in m.terms] == pytest.approx([0.01126, 0.00843, 0.04091], abs=5e-6)
    assert m.null_deviance == pytest.approx(43.230, abs=5e-4) and m.deviance == pytest.approx(10.059, abs=5e-4)
    assert m.aic == pytest.approx(16.059, abs=5e-4)
    assert m.statistic == pytest.approx(43.230 - 10.059, abs=1e-3) and m.df == 2
    assert m.p_value == pytest.approx(stats.chi2.sf(43.2297 - 10.0591, 2), rel=1e-3)
    wt = m.terms[1]
    assert wt.odds_ratio == pytest.approx(np.exp(-8.08348), rel=1e-4)
    z = stats.norm.ppf(0.975)  # Wald: exp(b ± z·SE), R's exp(confint.default(fit))
    assert wt.odds_ratio_ci == pytest.approx((np.exp(-8.08348 - z * 3.06868), np.exp(-8.08348 + z * 3.06868)), rel=1e-4)
    assert not m.separation


def test_auc_is_the_mann_whitney_statistic_and_the_roc_ends_at_the_corners(cars: ModelAnalysis):
    import statsmodels.api as sm

    frame = datasets.load("mtcars")
    x = sm.add_constant(np.column_stack([frame["wt"].to_numpy(), frame["hp"].to_numpy()]))
    y = frame["am"].to_numpy()
    prob = sm.GLM(y, x, family=sm.families.Binomial()).fit().fittedvalues
    u = stats.mannwhitneyu(prob[y == 1], prob[y == 0]).statistic
    m = cars.logistic
    assert m.auc == pytest.approx(u / (13 * 19), rel=1e-12)
    assert m.auc_ci[0] < m.auc <= m.auc_ci[1] <= 1
    assert (m.roc_fpr[0], m.roc_tpr[0], m.roc_fpr[-1], m.roc_tpr[-1]) == (0, 0, 1, 1)
    assert sum(b.n for b in m.calibration) == 32
    assert m.brier == pytest.approx(np.mean((prob - y) ** 2))


def test_categorical_predictor_is_dummy_coded_against_the_first_level():
    frame = datasets.load("plantgrowth")
    values = {"weight": frame["weight"].to_numpy(), "group": frame["group"].to_list()}
    m = linear_model(design(values, {"weight": "numeric", "group": "categorical"}, "weight"), "weight")
    assert m.reference_levels == {"group": "ctrl"}
    assert [t.term for t in m.terms] == ["(Intercept)", "group: trt1", "group: trt2"]
    assert [t.estimate for t in m.terms] == pytest.approx([5.032, -0.371, 0.494], abs=1e-9)
    assert "rows with group = trt2 (rather than ctrl) go with a weight larger by 0.494" in m.explanation


def test_constant_duplicate_and_aliased_columns_are_left_out_with_the_reason():
    rng = np.random.default_rng(1)
    x = rng.normal(size=40)
    values = {
        "y": 2 * x + rng.normal(size=40),
        "x": x,
        "flat": np.ones(40),
        "twin": 3 * x + 1e-4 * rng.normal(size=40),
        "level": np.where(x > 0, "a", "b").tolist(),
    }
    values["y"][3] = np.nan
    kinds = {"y": "numeric", "x": "numeric", "flat": "numeric", "twin": "numeric", "level": "categorical"}
    d = design(values, kinds, "y")
    reasons = {o.column: o.reason for o in d.left_out}
    assert "constant" in reasons["flat"] and "near-duplicate of x" in reasons["twin"]
    assert d.predictors == ["x", "level"] and d.n_dropped == 1 and d.x.shape == (39, 3)
    values["copy"] = (2 * x).tolist()
    values["copy_of_level"] = values["level"]
    kinds.update(copy="numeric", copy_of_level="categorical")
    reasons = {o.column: o.reason for o in design(values, kinds, "y").left_out}
    assert "copy" in reasons and "linear combination" in reasons["copy_of_level: b"]


def test_folds_partition_the_rows():
    folds = folds_of(23, 5, seed=3)
    assert sorted(np.concatenate(folds).tolist()) == list(range(23))
    assert [f.size for f in folds] == [5, 5, 5, 4, 4]


def test_polynomial_curve_finds_a_quadratic_and_training_error_only_falls():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 200)
    y = 1 + x - 2 * x**2 + rng.normal(scale=0.5, size=200)
    c = polynomial_curve(x, y, "x", seed=0)
    assert c.folds == 10 and c.steps[0] == "1" and len(c.steps) == 10
    assert c.steps[c.one_se] == "2"  # the simplest model within one SE of the best is the true degree
    assert c.cv_error[0] > 2 * c.cv_error[1]  # a straight line underfits badly
    # nested least-squares models: each fold's training error can only fall as terms are added
    assert all(b <= a + 1e-12 for a, b in zip(c.train_error, c.train_error[1:], strict=False))
    # the noise sd is 0.5: the best validation RMSE is near it
    assert c.cv_error[c.best] == pytest.approx(0.5, abs=0.08)
    lc = learning_curve(np.column_stack([np.ones(200), x, x**2]), y, seed=0)
    assert lc.sizes == sorted(lc.sizes) and lc.cv_error[0] > lc.cv_error[-1]


def _section_text(html: str, section_id: str) -> str:
    """The HTML of a section and its subsections (up to the next section with another id prefix)."""
    start = html.index(f'id="{section_id}"')
    later = re.compile(rf'<section class="ek-section" id="(?!{section_id}-)')
    end = later.search(html, start)
    return html[start : end.start() if end else None]


def _text(chunk: str) -> str:
    import html as h

    chunk = re.sub(r"<svg.*?</svg>", " [chart] ", chunk, flags=re.S)
    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", chunk)))


@pytest.fixture(scope="module")
def trees_report() -> Report:
    return edakit.report("trees", target="Volume")


def test_trees_page_shows_the_model_its_words_and_charts(trees_report: Report):
    html = trees_report.to_html()
    chunk = _section_text(html, "models")
    text = _text(chunk)
    assert "Model of Volume" in text
    assert "R's lm(Volume ~ Girth + Height)" in text
    assert "-57.99" in text and "4.708" in text and "0.3393" in text and "R² = 0.948" in text
    assert "F = 255 on 2 and 28 degrees of freedom" in text
    assert "holding the other columns fixed, a one-unit larger Girth goes with a Volume larger by 4.708" in text
    assert "What R² is not" in text
    assert "Tukey's test for curvature" in text and "the relation bends" in text
    assert "not what would happen if someone changed the column" in text
    assert "Overfitting and underfitting" in text and "underfits" in text and "overfits" in text
    assert "could not be drawn" not in chunk
    # residuals, QQ, leverage, two complexity curves and the learning curve
    assert chunk.count("<svg") == 6
    # the words agree with the table: the best degree in the sentence is the one marked in the table
    best = trees_report.models.polynomial
    assert f"lowest at degree {best.steps[best.best]}" in text


def test_report_keeps_the_typed_result_and_it_round_trips_through_json(trees_report: Report):
    a = trees_report.models
    assert isinstance(a, ModelAnalysis) and isinstance(a.linear, LinearModel)
    assert a.linear.r_squared == pytest.approx(0.948, abs=5e-4)
    back = Report.from_json(trees_report.to_json())
    assert isinstance(back.models.linear, LinearModel)
    assert back.models.linear.terms[1].ci == a.linear.terms[1].ci
    assert back.models.polynomial.cv_error == a.polynomial.cv_error
    data = json.loads(trees_report.to_json())
    assert data["models"]["kind"] == "ModelAnalysis" and "Volume" in data["models"]["explanation"]
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data).to_dict() == data


def test_mtcars_logistic_page_and_left_out_columns():
    rep = edakit.report("mtcars", target="am")
    m = rep.models.logistic
    assert isinstance(m, LogisticModel)
    assert any(o.column == "model" and "identifier" in o.reason for o in m.left_out)
    data = json.loads(rep.to_json())
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data).to_dict() == data
    text = _text(_section_text(rep.to_html(), "models"))
    assert "Odds ratio" in text and "AUC" in text and "DeLong" in text and "Hosmer-Lemeshow" in text
    assert "Left out: model (it is an identifier)" in text
    # ten predictors for 32 cars separate the transmissions: R's glm warns, and so does the page
    assert m.separation and "Warning: fitted probabilities of 0 or 1 occurred" in text


def test_sampled_rows_are_labelled():
    rep = edakit.report("trees", target="Volume", sample_size=20)
    a = rep.models
    assert a.sampled and a.sample_rows == 20 and a.linear.n == 20
    assert "seeded random sample of 20 of the table's 31 rows" in _text(rep.to_html())


def test_a_target_with_many_levels_gets_a_note_not_a_crash():
    rep = edakit.report("penguins", target="island")
    assert rep.models is None
    text = _text(_section_text(rep.to_html(), "models"))
    assert "No model of island" in text


def test_tukey_curvature_is_the_t_of_the_squared_fitted_values(trees: ModelAnalysis):
    # Tukey (1949), as car::residualPlots: add fitted² to the model; its t with a standard-normal p-value.
    frame = datasets.load("trees")
    x = np.column_stack([np.ones(31), frame["Girth"].to_numpy(), frame["Height"].to_numpy()])
    y = frame["Volume"].to_numpy()
    fitted = x @ np.linalg.lstsq(x, y, rcond=None)[0]
    xa = np.column_stack([x, fitted**2])
    beta, rss = np.linalg.lstsq(xa, y, rcond=None)[:2]
    se = np.sqrt(rss[0] / (31 - 4) * np.linalg.inv(xa.T @ xa)[3, 3])
    m = trees.linear
    assert m.curvature_statistic == pytest.approx(beta[3] / se, rel=1e-8)
    assert m.curvature_p_value == pytest.approx(2 * stats.norm.sf(abs(beta[3] / se)), rel=1e-8)
    # the page says the relation bends
    assert m.curvature_p_value < 0.05


def test_perfect_separation_is_named_and_warned_about():
    x = np.arange(20, dtype=float)
    values = {"y": (x >= 10).astype(float), "x": x, "z": np.cos(x)}
    a = analyse(values, {"y": "numeric", "x": "numeric", "z": "numeric"}, "y")
    assert a.logistic.separation and a.logistic.auc == 1.0
    assert "separate the two outcomes" in a.logistic.explanation


def test_the_curves_logistic_fit_gives_statsmodels_glm_estimates():
    import statsmodels.api as sm

    from edakit.stats.model_complexity import logistic_fit

    frame = datasets.load("mtcars")
    x = sm.add_constant(np.column_stack([frame["wt"].to_numpy(), frame["hp"].to_numpy()]))
    y = frame["am"].to_numpy().astype(float)
    reference = sm.GLM(y, x, family=sm.families.Binomial()).fit().fittedvalues
    assert logistic_fit(x, y, x) == pytest.approx(reference, abs=1e-8)
