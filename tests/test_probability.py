"""The probability view: modes and entropy of columns, distribution fits, bootstrap intervals, PCA, checked against R.

Reference numbers come from R 4.2.2 with MASS 7.3-58.2 via tests/r/probability.R (output tests/r/probability.out,
read with `read_r_output`): entropy by its closed form, `MASS::fitdistr` fits (gamma and negative binomial also by
solving their score equations with `uniroot`, since fitdistr's optimiser stops at about 5 significant digits),
`ks.test` distances, the merged-cell chi-square, `t.test`, order-statistic median intervals and
`prcomp(scale. = TRUE)`. A few key numbers are also pasted below with the call that produced them. Nothing here is
copied from edakit's own output.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import polars as pl
import pytest

from edakit.config import ReportConfig
from edakit.engine.convert import apply_conversions
from edakit.engine.levels import count_levels
from edakit.engine.profile import profile
from edakit.explain import probability as words
from edakit.explain.report import explain_column
from edakit.loader import load
from edakit.model import Report
from edakit.page import ChartBlock, Paragraph, TableBlock
from edakit.pipeline import analyse_column
from edakit.schema import infer_schema
from edakit.sections import BUILDERS, AnalysisContext, distributions
from edakit.sections import pca as pca_section
from edakit.stats import bootstrap as boot
from edakit.stats import fitting, modes
from edakit.stats import pca as pca_stats
from tests.conftest import DATASETS, read_r_output

R = read_r_output("probability.out")
REL = 1e-9  # R prints 17 significant digits; closed forms agree far better than the required 1e-6


def approx(value: float, rel: float = REL) -> object:
    return pytest.approx(value, rel=rel, abs=1e-300)


def values(name: str, column: str) -> np.ndarray:
    x = pl.read_csv(DATASETS / f"{name}.csv", null_values="NA")[column].cast(pl.Float64).to_numpy()
    return x[np.isfinite(x)]


def context(source: object, **options: object) -> AnalysisContext:
    """Load → infer → profile → level counts → column reports, as the pipeline does."""
    config = ReportConfig(**options)
    table = load(source)
    schema = infer_schema(table.frame)
    summary = profile(table.frame, schema, sample_size=config.sample_size, seed=config.seed)
    columns = [
        analyse_column(summary.columns[c.name], c.dtype, c.reason, config, summary.levels.get(c.name))
        for c in schema.columns
    ]
    for col in columns:
        explain_column(col)
    return AnalysisContext(table, schema, summary, columns, config)


@pytest.fixture(scope="module")
def penguins() -> AnalysisContext:
    return context(DATASETS / "penguins.csv", group="species")


@pytest.fixture(scope="module")
def mtcars() -> AnalysisContext:
    return context(DATASETS / "mtcars.csv")


@pytest.fixture(scope="module")
def insects() -> AnalysisContext:
    return context(DATASETS / "insectsprays.csv")


def column(ctx: AnalysisContext, name: str):
    return next(c for c in ctx.columns if c.name == name)


# --------------------------------------------------------------------------------------------- entropy and mode


@pytest.mark.parametrize(
    "fixture, name",
    [
        ("penguins", "species"),
        ("penguins", "island"),
        ("penguins", "sex"),
        ("penguins", "year"),
        ("insects", "spray"),
        ("insects", "count"),
        ("mtcars", "cyl"),
        ("mtcars", "gear"),
    ],
)
def test_entropy_matches_closed_form(request, fixture, name):
    ref = R[f"entropy|{ {'insects': 'insectsprays'}.get(fixture, fixture) }|{name}"]  # R: -sum(p * log2(p))
    e = column(request.getfixturevalue(fixture), name).entropy
    assert e.bits == approx(ref["bits"]) and e.normalized == approx(ref["norm"])
    assert e.max_bits == approx(ref["max"]) and e.miller_madow == approx(ref["mm"])
    assert e.levels == ref["levels"] and e.n == ref["n"]


def test_entropy_key_numbers_and_limits():
    # R: p <- table(penguins$species) / 344; -sum(p * log2(p))
    assert modes.entropy_bits([152, 68, 124])[0] == approx(1.5136112729101776)
    assert modes.entropy_bits([7]) == (0.0, 0.0)  # one level: no uncertainty
    assert modes.entropy_bits([3, 3, 3, 3]) == (approx(2.0), approx(1.0))  # log2(4) bits, uniform
    # continuous values have no entropy here; a categorical column beyond the level limit says why
    assert modes.column_entropy("numeric", 100, 90, None, False, fractional=40) is None
    e = modes.column_entropy("categorical", 50_000, 2_000, [5, 4], False)
    assert e.bits is None and "2,000 levels" in e.reason and "1,000" in e.reason


@pytest.mark.parametrize(
    "fixture, name",
    [("insects", "count"), ("mtcars", "cyl"), ("mtcars", "carb"), ("penguins", "flipper_length_mm")],
)
def test_mode_matches_r_table(request, fixture, name):
    ref = R[f"mode|{ {'insects': 'insectsprays'}.get(fixture, fixture) }|{name}"]  # R: table(x), max and ties
    m = column(request.getfixturevalue(fixture), name).mode
    assert m.count == ref["count"] and m.ties == ref["ties"] and m.values[0] == ref["first"]
    assert m.meaningful and m.ties_exact


def test_mode_ties_and_meaningless_modes(penguins, insects, mtcars):
    carb = column(mtcars, "carb").mode  # R: table(mtcars$carb): 2 and 4 both 10 times
    assert carb.values == [2, 4] and carb.ties == 2
    spray = column(insects, "spray").mode  # 12 plots per spray
    assert not spray.meaningful and "all 6 values are equally common" in spray.reason
    mass = column(penguins, "body_mass_g").mode  # 94 distinct weights, the most common 12 times (3.5 %)
    assert mass.continuous and not mass.meaningful and mass.bin_kind == "histogram"
    chart = penguins.summary.columns["body_mass_g"].chart
    assert mass.bin_count == max(chart["hist_counts"]) and mass.bin[0] in chart["hist_edges"]
    assert column(penguins, "species").mode.values == ["Adelie"]  # R: table(species): Adelie 152
    model = column(mtcars, "model").mode  # an identifier: every value distinct
    assert model is not None and not model.meaningful and "appears once" in model.reason


def test_mode_from_top_counts_only_says_at_least():
    m = modes.column_mode("categorical", 5000, 4000, ["a", "b", "c"], [2, 2, 2], complete=False)
    assert not m.ties_exact and m.ties == 3
    assert m.values == ["a", "b", "c"]
    assert modes.column_mode("numeric", 0, 0, None, None, False) is None


def test_level_counts_bounded(penguins, monkeypatch):
    work = apply_conversions(penguins.table.frame, penguins.schema)
    full, _ = count_levels(work, penguins.schema, penguins.summary.columns)
    assert full["species"].complete and sum(full["species"].counts) == 344
    assert full["bill_length_mm"].counts[0] == 7  # R: max(table(bill_length_mm)) (41.1 mm)
    capped, _ = count_levels(work, penguins.schema, penguins.summary.columns, max_levels=10, top=3)
    assert not capped["bill_length_mm"].complete and len(capped["bill_length_mm"].counts) == 3
    assert capped["species"].complete  # 3 levels: within the cap


def test_column_facts_words(penguins, insects):
    facts = {f.label: f for f in column(penguins, "species").facts}
    assert facts["mode"].value == "Adelie" and "152 of 344" in facts["mode"].explanation
    assert "bits" in facts["entropy (bits)"].explanation
    assert "spread almost evenly" in facts["normalised entropy"].explanation
    count = {f.label: f for f in column(insects, "count").facts}
    assert "Miller–Madow" in count["entropy (bits)"].explanation  # 72 values for 24 levels: biased plug-in
    mass = {f.label: f for f in column(penguins, "body_mass_g").facts}
    assert mass["mode"].value == "not meaningful" and "modal bin" in mass
    spray = {f.label: f for f in column(insects, "spray").facts}
    assert spray["mode"].value == "none (all 6 tie)"
    assert "exactly equally common" in spray["normalised entropy"].explanation


# --------------------------------------------------------------------------------------------- fits against R


def _check_fit(fit: fitting.FamilyFit, ref: dict, names: list[str], rel: float = REL) -> None:
    for name in names:
        assert fit.params[name] == approx(ref[name], rel), name
        assert fit.se[name] == approx(ref[f"se_{name}"], rel), name
    assert fit.loglik == approx(ref["loglik"], rel) and fit.aic == approx(ref["aic"], rel)


@pytest.mark.parametrize(
    "dataset, col",
    [
        ("rivers", "length_miles"),
        ("penguins", "body_mass_g"),
        ("penguins", "bill_length_mm"),
        ("penguins", "bill_depth_mm"),
        ("faithful", "eruptions"),
    ],
)
def test_continuous_fits_match_fitdistr(dataset, col):
    r = fitting.fit_distributions(values(dataset, col), name=col)
    fits = {f.family: f for f in r.fits}
    assert r.kind == "continuous" and set(fits) == {"normal", "log-normal", "gamma", "exponential"}
    key = f"fit|{dataset}|{col}"
    ref = R[f"{key}|normal"]  # R: fitdistr(x, "normal")
    _check_fit(fits["normal"], ref, ["mean", "sd"])
    assert fits["normal"].ci["mean"] == (approx(ref["lo"]), approx(ref["hi"]))
    assert fits["normal"].ci["sd"] == (approx(ref["sd_ci.lo"]), approx(ref["sd_ci.hi"]))
    ref = R[f"{key}|log-normal"]  # R: fitdistr(x, "lognormal")
    _check_fit(fits["log-normal"], ref, ["meanlog", "sdlog"])
    assert fits["log-normal"].ci["sdlog"] == (approx(ref["sdlog_ci.lo"]), approx(ref["sdlog_ci.hi"]))
    ref = R[f"{key}|exponential"]  # R: fitdistr(x, "exponential")
    _check_fit(fits["exponential"], ref, ["rate"])
    assert fits["exponential"].ci["rate"] == (approx(ref["rate_ci.lo"]), approx(ref["rate_ci.hi"]))
    ref = R[f"{key}|gamma"]  # R: uniroot(log(a) - digamma(a) = log(mean) - mean(log)), analytic information
    _check_fit(fits["gamma"], ref, ["shape", "rate"], rel=1e-8)
    assert fits["gamma"].ci["shape"] == (approx(ref["shape_ci.lo"], 1e-8), approx(ref["shape_ci.hi"], 1e-8))
    # fitdistr's own optimiser (on x / mean(x)) stops up to 2 % short along the flat shape direction; the exact
    # root above has the higher log-likelihood, so fitdistr serves only as a rough cross-check here
    assert fits["gamma"].params["shape"] == approx(ref["fitdistr_shape"], 3e-2)
    assert [f.family for f in r.fits] == sorted(fits, key=lambda f: R[f"{key}|{f}"]["aic"])  # ranked by R's AIC


def test_rivers_key_numbers():
    r = fitting.fit_distributions(values("rivers", "length_miles"))
    best = r.best  # R: fitdistr(rivers, "lognormal"); AIC(.)
    assert best.family == "log-normal"
    assert best.params["meanlog"] == approx(6.1758788810974998) and best.params["sdlog"] == approx(0.58938291349766603)
    assert best.aic == approx(1996.6509767848095)
    assert sum(f.weight for f in r.fits) == approx(1.0)
    # R: ks.test(rivers, "plnorm", meanlog, sdlog)$statistic
    assert r.gof.statistic == approx(0.09254295577330017)


@pytest.mark.parametrize(
    "dataset, col",
    [("rivers", "length_miles"), ("penguins", "body_mass_g"), ("penguins", "bill_depth_mm"), ("faithful", "eruptions")],
)
def test_ks_distance_matches_r(dataset, col):
    r = fitting.fit_distributions(values(dataset, col))
    assert r.gof.statistic == approx(R[f"ks|{dataset}|{col}"]["d"])
    assert r.gof.resamples == fitting.GOF_RESAMPLES and 0 < r.gof.p_value <= 1


@pytest.mark.parametrize("dataset, col", [("insectsprays", "count"), ("mtcars", "hp")])
def test_count_fits_match_fitdistr(dataset, col):
    r = fitting.fit_distributions(values(dataset, col))
    fits = {f.family: f for f in r.fits}
    assert r.kind == "count" and r.best.family == "negative binomial"
    key = f"fit|{dataset}|{col}"
    ref = R[f"{key}|Poisson"]  # R: fitdistr(x, "Poisson")
    _check_fit(fits["Poisson"], ref, ["lambda"])
    assert fits["Poisson"].ci["lambda"] == (approx(ref["lambda_ci.lo"]), approx(ref["lambda_ci.hi"]))
    ref = R[f"{key}|negative_binomial"]  # R: uniroot of the profile score in log(size); analytic information
    _check_fit(fits["negative binomial"], ref, ["size", "mu"], rel=1e-8)
    nb = fits["negative binomial"]
    assert nb.ci["size"] == (approx(ref["size_ci.lo"], 1e-8), approx(ref["size_ci.hi"], 1e-8))
    assert nb.params["size"] == approx(ref["fitdistr_size"], 1e-6)  # and fitdistr(x, "negative binomial")
    assert nb.loglik == approx(ref["fitdistr_loglik"], 1e-9)
    ref = R[f"chisq|{dataset}|{col}|negative_binomial"]  # R: merged cells, pchisq with cells-1-2 and cells-1 df
    assert r.gof.statistic == approx(ref["x2"]) and r.gof.df == ref["df"]
    assert len(r.gof.cells["labels"]) == ref["cells"]
    assert r.gof.p_value == approx(ref["p"]) and r.gof.p_value_upper == approx(ref["p_upper"])
    ref = R[f"dispersion|{dataset}|{col}"]  # R: var/mean; 2 * min(pchisq(...)) of sum((x - m)^2) / m on n - 1 df
    assert r.dispersion == approx(ref["index"]) and r.dispersion_p == approx(ref["p"], 1e-7)


@pytest.mark.parametrize(
    "dataset, col", [("insectsprays", "count"), ("mtcars", "hp"), ("mtcars", "carb"), ("mtcars", "gear")]
)
def test_poisson_chisq_matches_r(dataset, col):
    x = values(dataset, col)
    ref = R[f"chisq|{dataset}|{col}|Poisson"]
    g = fitting.chisq_test(x, fitting._poisson(x, 1.96))
    assert g.statistic == approx(ref["x2"]) and g.df == ref["df"] and len(g.cells["labels"]) == ref["cells"]
    assert g.p_value == approx(ref["p"], 1e-8) and g.p_value_upper == approx(ref["p_upper"], 1e-8)
    assert sum(g.cells["observed"]) == x.size and sum(g.cells["expected"]) == approx(x.size)


def test_underdispersed_counts_skip_the_negative_binomial():
    r = fitting.fit_distributions(values("mtcars", "carb"))  # R: var(carb) = 2.61 < mean 2.81
    assert [f.family for f in r.fits] == ["Poisson"]
    assert "does not exceed the mean" in r.skipped["negative binomial"]
    assert r.dispersion == approx(R["dispersion|mtcars|carb"]["index"])
    assert r.best.params["lambda"] == approx(R["fit|mtcars|carb|Poisson"]["lambda"])


def test_bernoulli_fit_matches_r():
    r = fitting.fit_distributions(values("mtcars", "am"))
    ref = R["fit|mtcars|am|Bernoulli"]  # R: mean(am); prop.test(13, 32, correct = FALSE)$conf.int
    assert r.kind == "binary" and r.best.family == "Bernoulli" and r.gof is None
    _check_fit(r.best, ref, ["prob"])
    assert r.best.ci["prob"] == (approx(ref["lo"], 1e-8), approx(ref["hi"], 1e-8))


def test_pathological_columns_are_skipped_with_a_reason():
    assert "only 3 value(s)" in fitting.fit_distributions([1.0, 2.0, 3.0]).skip_reason
    assert "every value is the same" in fitting.fit_distributions([4.0] * 20).skip_reason
    assert "only two distinct values (1 and 2)" in fitting.fit_distributions([1, 2] * 10).skip_reason
    assert fitting.fit_distributions([math.nan] * 30).skip_reason.startswith("only 0 value(s)")
    assert "below zero" in fitting.fit_distributions([-2, -1, 0, 1, 2, 3] * 3).skip_reason
    rng = np.random.default_rng(3)
    signed = fitting.fit_distributions(rng.normal(0, 1, 200))
    assert [f.family for f in signed.fits] == ["normal"]
    assert set(signed.skipped) == {"exponential", "log-normal", "gamma"}
    assert "negative" in signed.skipped["gamma"]
    zeros = fitting.fit_distributions(np.r_[0.0, rng.exponential(2.0, 199)])
    assert {f.family for f in zeros.fits} == {"normal", "exponential"}
    assert "1 equal to 0" in zeros.skipped["log-normal"]
    for r in (signed, zeros):
        assert r.explanation  # registered explainer, no error


def test_goodness_of_fit_subset_and_power():
    rng = np.random.default_rng(7)
    big = fitting.fit_distributions(rng.gamma(3.0, 2.0, 6_000), seed=1)
    assert big.gof.n == fitting.GOF_MAX_N and big.gof.subset_of == 6_000
    assert big.best.family == "gamma" and big.gof.p_value > 0.01  # the true family passes
    skewed = fitting.fit_distributions(rng.exponential(1.0, 400) ** 2, seed=1)  # no candidate fits well
    assert skewed.gof.p_value <= 0.01


def test_fit_sorts_once_for_levels_and_qq_points_as_numpy_and_scipy_give_them():
    """The distinct levels and the QQ points of a fit come from one sort of the values: the QQ points are numpy's
    sort of the raw, shuffled values against scipy's quantiles of the fitted family."""
    from scipy import stats

    from edakit.stats.chartdata import ppoints, qq_indices

    rng = np.random.default_rng(11)
    raw = np.r_[rng.gamma(2.0, 3.0, 1_500), [np.nan, np.inf]]
    rng.shuffle(raw)
    fit = fitting.fit_distributions(raw)
    values = np.sort(raw[np.isfinite(raw)])
    keep = qq_indices(values.size)
    assert fit.chart["sample"] == values[keep].tolist() and fit.n == 1_500
    shape, rate = fit.best.params["shape"], fit.best.params["rate"]
    assert fit.best.family == "gamma"
    assert fit.chart["theoretical"] == approx(stats.gamma.ppf(ppoints(1_500)[keep], shape, scale=1 / rate), rel=1e-12)
    counts = fitting.fit_distributions(rng.permutation(np.repeat([0, 1, 2, 3, 5, 8], [9, 7, 5, 3, 2, 1])))
    assert counts.kind == "count" and counts.chart["labels"][0] == "≤ 0"


# --------------------------------------------------------------------------------------------- bootstrap


@pytest.mark.parametrize(
    "dataset, col", [("rivers", "length_miles"), ("insectsprays", "count"), ("penguins", "body_mass_g")]
)
def test_classical_intervals_match_r(dataset, col):
    ref = R[f"center|{dataset}|{col}"]  # R: t.test(x)$conf.int; sort(x)[c(k, n - k + 1)], k = qbinom(.025, n, .5)
    b = boot.bootstrap_center(values(dataset, col), resamples=200)
    assert b.mean == approx(ref["mean"]) and b.mean_se == approx(ref["se"])
    assert b.mean_t_ci == (approx(ref["t_lo"]), approx(ref["t_hi"]))
    assert b.median == ref["median"] and b.median_ci == (ref["med_lo"], ref["med_hi"])
    assert b.median_ci_coverage == approx(ref["coverage"])


def test_bootstrap_is_seeded_bounded_and_shows_skew():
    x = values("rivers", "length_miles")
    a, b = boot.bootstrap_center(x, seed=3), boot.bootstrap_center(x, seed=3)
    assert a.mean_boot_ci == b.mean_boot_ci and a.median_boot_ci == b.median_boot_ci
    assert a.resamples == sum(a.histogram["counts"]) == boot.BOOT_RESAMPLES
    lo, hi = a.mean_boot_ci
    assert lo < a.mean < hi and hi - a.mean > a.mean - lo  # right-skewed values: the longer side is above
    assert a.boot_skewness > 0.1 and a.mean_boot_se == pytest.approx(a.mean_se, rel=0.1)
    rng = np.random.default_rng(0)
    big = boot.bootstrap_center(rng.normal(10, 2, 8_000), seed=0, resamples=500)
    assert big.n == boot.BOOT_MAX_N and big.subset_of == 8_000
    assert words.agreement(big) <= 0.15  # symmetric values, large n: the two intervals nearly coincide
    assert f"subset of {boot.BOOT_MAX_N:,} of the 8,000" in words.bootstrap_words(big)
    tiny = boot.bootstrap_center([1.0, 2.0, 3.0])
    assert tiny.mean_boot_ci is None and "at least 10" in tiny.notes[0]
    flat = boot.bootstrap_center([5.0] * 30)
    assert flat.mean_boot_ci is None and "nothing to bootstrap" in flat.explanation


def test_bootstrap_words_explain_agreement_and_the_clt():
    rivers = boot.bootstrap_center(values("rivers", "length_miles"))
    text = words.bootstrap_words(rivers)
    assert "√141" in text and "central limit theorem" in text and "longer side lies above" in text
    rng = np.random.default_rng(2)
    normal = boot.bootstrap_center(rng.normal(0, 1, 2_000), resamples=1_000)
    text = words.bootstrap_words(normal)
    assert "agree closely" in text or "nearly agree" in text
    assert "close to normal" in text
    med = boot.median_interval(range(1, 21))  # R: k <- qbinom(.025, 20, .5) = 6; x[6], x[15]
    assert med == ((6.0, 15.0), approx(1 - 2 * 0.020694732666015625))  # 1 - 2 * pbinom(5, 20, .5)
    assert boot.median_interval([1.0, 2.0, 3.0]) == (None, None)


# --------------------------------------------------------------------------------------------- PCA


PENGUIN_COLS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]


def test_pca_matches_prcomp_penguins():
    d = pl.read_csv(DATASETS / "penguins.csv", null_values="NA").select(PENGUIN_COLS)
    r = pca_stats.pca(d.cast(pl.Float64).to_numpy(), PENGUIN_COLS)
    ref = R["pca|penguins"]  # R: prcomp(d[complete.cases(d), ], scale. = TRUE)$sdev^2
    assert r.n == ref["n"] == 342 and r.n_dropped == 2
    assert r.eigenvalues == [approx(ref[f"ev{j}"]) for j in range(1, 6)]
    assert r.cumulative == [approx(ref[f"cum{j}"]) for j in range(1, 6)]
    for j in range(3):  # rotation, each column's sign set so its largest |loading| is positive
        pc = R[f"pca|penguins|PC{j + 1}"]
        assert [row[j] for row in r.loadings] == [approx(pc[c], 1e-8) for c in PENGUIN_COLS]
    scores = R["pca|penguins|scores"]
    assert r.scores[0, 0] == approx(scores["pc1_row1"], 1e-8) and r.scores[0, 1] == approx(scores["pc2_row1"], 1e-8)
    assert r.scores[-1, 0] == approx(scores["pc1_last"], 1e-8) and r.scores[-1, 1] == approx(scores["pc2_last"], 1e-8)
    assert sum(r.eigenvalues) == approx(5.0)  # the trace of a correlation matrix


def test_pca_matches_prcomp_mtcars():
    d = pl.read_csv(DATASETS / "mtcars.csv").drop("model")
    r = pca_stats.pca(d.cast(pl.Float64).to_numpy(), d.columns)
    ref = R["pca|mtcars"]
    assert r.eigenvalues == [approx(ref[f"ev{j}"], 1e-8) for j in range(1, 12)]
    assert r.eigenvalues[0] == approx(6.6084002527991474, 1e-8)  # R: prcomp(mtcars, scale. = TRUE)$sdev[1]^2
    pc1 = R["pca|mtcars|PC1"]
    assert [row[0] for row in r.loadings] == [approx(pc1[c], 1e-8) for c in d.columns]
    # an independent route: eigenvalues of the correlation matrix
    assert sorted(np.linalg.eigvalsh(np.corrcoef(d.to_numpy(), rowvar=False)), reverse=True) == [
        approx(v, 1e-9) for v in r.eigenvalues
    ]


def test_pca_refuses_what_it_cannot_do():
    with pytest.raises(ValueError, match="at least two columns"):
        pca_stats.pca([[1.0], [2.0], [3.0]])
    with pytest.raises(ValueError, match="complete row"):
        pca_stats.pca([[1.0, np.nan], [2.0, 3.0]], ["a", "b"])
    with pytest.raises(ValueError, match="no spread in b"):
        pca_stats.pca([[1.0, 2.0], [2.0, 2.0], [3.0, 2.0]], ["a", "b"])


def test_pca_words_name_the_loadings():
    d = pl.read_csv(DATASETS / "penguins.csv", null_values="NA").select(PENGUIN_COLS)
    r = pca_stats.pca(d.cast(pl.Float64).to_numpy(), PENGUIN_COLS)
    summary = words.pca_summary(r)
    assert "PC1 carries 55.4 %" in summary and "eigenvalue 2.77" in summary
    assert "1 has an eigenvalue above 1" in summary and "3 components reach 80 %" in summary
    loads = words.pca_loadings_words(r)
    assert "PC1 loads positively on flipper_length_mm (0.58)" in loads
    assert "negatively on bill_depth_mm" in loads and "not causes" in loads
    assert r.explanation.startswith("Principal component analysis")


# --------------------------------------------------------------------------------------------- sections


def test_builders_order():
    assert BUILDERS.index("correlations") < BUILDERS.index("distributions") < BUILDERS.index("pca")


def test_distributions_section_structure(penguins):
    (sec,) = distributions.build(penguins)
    # year holds years (issue 19): no distribution is fitted to it, and the section says so
    assert sec.id == "distributions" and len(sec.subsections) == 4
    assert any("no distribution is fitted" in n and "year" in n for n in sec.notes)
    tones = [b.tone for b in sec.blocks if isinstance(b, Paragraph)]
    assert tones.count("formula") == 4 and "method" in tones
    overview = next(b for b in sec.blocks if isinstance(b, TableBlock) and b.caption.startswith("Best fit"))
    assert [row[0] for row in overview.rows] == PENGUIN_COLS[:-1]
    entropy = next(b for b in sec.blocks if isinstance(b, TableBlock) and b.caption.startswith("Entropy"))
    assert [row[0] for row in entropy.rows] == ["species", "island", "sex", "year"]
    mass = next(s for s in sec.subsections if s.title == "Distribution of body_mass_g")
    kinds = [b.kind for b in mass.blocks if isinstance(b, ChartBlock)]
    assert kinds == ["qq", "bootstrap"]
    assert not [s for s in sec.subsections if s.title == "Distribution of year"]
    text = " ".join(b.text for s in sec.subsections for b in s.blocks if isinstance(b, Paragraph))
    claims = re.compile(
        r"\b(?:values|data|bill_\w+|body_mass_g|flipper_length_mm|year) (?:is|are|follows?) (?:a |the )?"
        r"(?:normal|log-normal|gamma|exponential|Poisson)"
    )
    assert not claims.search(text) and "describes" in text  # a model describes the data; the data never "are" it


def test_pca_section_structure_and_charts(penguins):
    (sec,) = pca_section.build(penguins)
    charts = {b.kind: b for b in sec.blocks if isinstance(b, ChartBlock)}
    assert set(charts) == {"scree", "loadings", "scores"}
    scores = charts["scores"].data
    assert len(scores["x"]) == 342 and set(scores["groups"]) == {"Adelie", "Chinstrap", "Gentoo"}
    assert charts["loadings"].data["columns"] == ["PC1", "PC2", "PC3"]  # the first three reach 90 %
    assert len(charts["loadings"].data["matrix"]) == 5
    from edakit.render.charts import render_chart_block

    for block in charts.values():
        assert "<svg" in str(render_chart_block(block))


def test_pca_section_caps_and_skips():
    frame = pl.DataFrame({f"x{i}": np.random.default_rng(i).normal(size=40) for i in range(33)})
    frame = frame.with_columns(
        flat=pl.lit(1.0), sparse=pl.Series([float(i) if i % 2 else None for i in range(10)] + [None] * 30)
    )
    ctx = context(frame)
    (sec,) = pca_section.build(ctx)
    eigen = next(b for b in sec.blocks if isinstance(b, TableBlock))
    assert len(eigen.rows) == pca_section.MAX_COLUMNS
    notes = " ".join(sec.notes)
    assert "sparse" in notes and "x30" in notes
    assert pca_section.build(context(pl.DataFrame({"a": [1.0, 2.0, 3.0]}))) == []


def test_report_round_trip_and_rendering():
    from edakit.pipeline import build_report

    report = build_report(DATASETS / "insectsprays.csv", ReportConfig())
    ids = [s.id for s in report.sections]
    assert "distributions" in ids and "pca" not in ids  # one numeric column: no PCA
    again = Report.from_dict(json.loads(report.to_json()))
    count = again.column("count")
    assert count.mode.values == [3] and count.entropy.bits == approx(R["entropy|insectsprays|count"]["bits"])
    html = again.to_html()
    assert "Distributions and probability models" in html and "negative binomial" in html
    assert html.count("<svg") >= 3


def test_duckdb_gives_the_same_modes_and_entropy(penguins):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("p", pl.read_csv(DATASETS / "penguins.csv", null_values="NA").to_arrow())
    other = context(con.sql("SELECT * FROM p"))
    for col in penguins.columns:
        dk = column(other, col.name)
        assert (dk.mode.values, dk.mode.count, dk.mode.ties, dk.mode.bin) == (
            col.mode.values,
            col.mode.count,
            col.mode.ties,
            col.mode.bin,
        )
        assert (dk.entropy.bits if dk.entropy else None) == (col.entropy.bits if col.entropy else None)
