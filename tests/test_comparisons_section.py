"""The report's group-comparison section (`--group COLUMN`, `--target COLUMN`), checked against R.

Reference numbers come from R 4.2.2 (base `stats`: t.test, wilcox.test, oneway.test, aov, TukeyHSD, kruskal.test,
shapiro.test, chisq.test, fisher.test, cor.test, p.adjust; car 3.1.1 `leveneTest(center = median)` for
Brown–Forsythe; effectsize 0.8.3 for the intervals of eta², Cohen's d and Cramér's V; Games–Howell and Dunn written
out with ptukey/qtukey/pnorm) via tests/r/comparisons_section.R. Its output, tests/r/comparisons_section.out, is read
here with `read_r_output`; a few key numbers are also pasted next to the call that produced them. The R script
re-implements the section's method-choice rule, so the adjusted p-values are checked end to end. Nothing here is
copied from edakit's own output.

Tolerances: rel 1e-9 for everything computed from exact sums; rel 1e-6 for intervals found by root search in R
(effectsize's noncentral-t/F/chi-square inversion); `P_TUKEY` for studentized-range tail probabilities (R's ptukey
and scipy differ by ~1e-10 absolute in far tails); rel 1e-3 for Fisher's odds ratio, which R finds with
`uniroot(tol = 1e-4)`; the same algorithm at full precision (in the R script) is matched to 1e-7.
"""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

import edakit
from edakit._json import to_jsonable
from edakit.config import ReportConfig
from edakit.engine.profile import profile
from edakit.errors import EdakitError
from edakit.loader import load
from edakit.model import Report
from edakit.schema import infer_schema
from edakit.sections import AnalysisContext, comparisons
from edakit.stats.comparison_results import CategoricalComparison, GroupTest, NumericComparison
from tests.conftest import DATASETS, read_r_output, run_cli

R = read_r_output("comparisons_section.out")
REL = 1e-9
P_TUKEY = {"rel": 1e-6, "abs": 1e-9}
NUMERIC = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]


def approx(value: float, rel: float = REL) -> object:
    return pytest.approx(value, rel=rel, abs=1e-300)


def context(source: object, **options: object) -> AnalysisContext:
    """Load → infer → profile, as the pipeline does, without the other sections."""
    config = ReportConfig(**options)
    table = load(source)
    schema = infer_schema(table.frame)
    summary = profile(table.frame, schema, sample_size=config.sample_size, seed=config.seed, max_charted_columns=0)
    return AnalysisContext(table, schema, summary, [], config)


def analyse(source: object, by: str, mode: str = "group", **options: object) -> comparisons.ComparisonAnalysis:
    return comparisons.analyse(context(source, **{mode: by}, **options), by, mode)


def by_label(a: comparisons.ComparisonAnalysis) -> dict[str, comparisons.Comparison]:
    return {c.label: c for c in a.comparisons}


def find_test(c: comparisons.Comparison, key: str) -> GroupTest:
    return next(t for t in [c.primary, c.alternative, *c.others] if t is not None and t.key == key)


@pytest.fixture(scope="module")
def species() -> comparisons.ComparisonAnalysis:
    return analyse(DATASETS / "penguins.csv", "species")


@pytest.fixture(scope="module")
def target() -> comparisons.ComparisonAnalysis:
    return analyse(DATASETS / "penguins.csv", "body_mass_g", "target")


@pytest.fixture(scope="module")
def sleep() -> comparisons.ComparisonAnalysis:
    return analyse(DATASETS / "sleep.csv", "group")


# --------------------------------------------------------------------------------------------- penguins by species


def check_groups(c: NumericComparison, ds: str) -> None:
    for g in c.groups:
        ref = R[f"group|{ds}|{c.label}|{g.label}"]
        assert g.n == ref["n"] and g.mean == approx(ref["mean"]) and g.sd**2 == approx(ref["var"])
        assert g.ci == (approx(ref["lo"]), approx(ref["hi"]))  # t.test(y[g == level])$conf.int
        check = next(k for k in c.checks if k.check == "normality" and k.group == g.label)
        assert check.statistic == approx(ref["sw_w"], 1e-6) and check.p_value == approx(ref["sw_p"], 1e-6)


def check_spread(c: NumericComparison, ds: str, key: str) -> None:
    ref = R[f"spread|{ds}|{key}"]
    bf = next(k for k in c.checks if k.check == "equal spread")
    ratio = next(k for k in c.checks if k.check == "SD ratio")
    assert bf.statistic == approx(ref["bf_f"]) and bf.p_value == approx(ref["bf_p"])  # car::leveneTest
    assert ratio.statistic == approx(ref["sd_ratio"])


def check_k_groups(c: NumericComparison, ds: str, key: str) -> None:
    classic, welch, kw = find_test(c, "anova"), find_test(c, "welch_anova"), find_test(c, "kruskal")
    ref = R[f"anova|{ds}|{key}"]  # summary(aov(y ~ g)); effectsize::eta_squared(partial = FALSE)
    assert classic.statistic == approx(ref["F"]) and classic.df == (ref["df1"], ref["df2"])
    assert classic.p_value == approx(ref["p"]) and classic.estimate == approx(ref["eta2"])
    assert classic.ci == pytest.approx((ref["lo"], ref["hi"]), rel=1e-6, abs=1e-12)
    ref = R[f"welch_anova|{ds}|{key}"]  # oneway.test(y ~ g)
    assert welch.statistic == approx(ref["F"]) and welch.p_value == approx(ref["p"])
    assert welch.df == (approx(ref["df1"]), approx(ref["df2"]))
    ref = R[f"kruskal|{ds}|{key}"]  # kruskal.test(y, g)
    assert kw.statistic == approx(ref["H"]) and kw.df == ref["df"] and kw.p_value == approx(ref["p"])
    assert kw.estimate == approx(ref["eps2"])


def test_penguins_numeric_columns_match_r(species: comparisons.ComparisonAnalysis) -> None:
    found = by_label(species)
    assert species.labels == ["Adelie", "Chinstrap", "Gentoo"]
    assert species.group_rows == {"Adelie": 152, "Chinstrap": 68, "Gentoo": 124}
    for col in NUMERIC:
        c = found[col]
        assert isinstance(c, NumericComparison)
        check_groups(c, "penguins")
        check_spread(c, "penguins", col)
        check_k_groups(c, "penguins", col)
    # The rule is fixed in advance, whatever the spread checks say: Welch's F (oneway.test) is primary for every
    # column, Kruskal–Wallis the sensitivity analysis, the classic F shown for reference. body_mass_g: oneway.test
    # F = 317.57226710415608 on 2 and 189.478 df.
    assert all(found[col].primary.key == "welch_anova" for col in NUMERIC)
    assert found["body_mass_g"].primary.statistic == approx(317.57226710415608)
    assert all(found[col].alternative.key == "kruskal" for col in NUMERIC)
    assert all([t.key for t in found[col].others] == ["anova"] for col in NUMERIC)
    assert all("fixed in advance" in found[col].reasons[0] for col in NUMERIC)


def test_penguins_posthoc_match_r(species: comparisons.ComparisonAnalysis) -> None:
    found = by_label(species)
    for col in NUMERIC[:4]:  # Games–Howell after Welch's ANOVA, written out in R with qtukey/ptukey
        c = found[col]
        assert c.posthoc_method == "Games–Howell" and [r["pair"] for r in c.posthoc] == [
            "Chinstrap-Adelie",
            "Gentoo-Adelie",
            "Gentoo-Chinstrap",
        ]
        for row in c.posthoc:
            ref = R[f"games_howell|penguins|{col}|{row['pair']}"]
            assert row["diff"] == approx(ref["diff"]) and row["p_adj"] == pytest.approx(ref["p"], **P_TUKEY)
            assert row["ci"] == (approx(ref["lo"], 1e-6), approx(ref["hi"], 1e-6))  # qtukey: ~1e-8 of scipy's
    assert found["year"].posthoc == [] and "not significant" not in (found["year"].posthoc_note or "x")
    assert "only when the overall test is significant" in found["year"].posthoc_note


def test_penguins_categorical_columns_match_r(species: comparisons.ComparisonAnalysis) -> None:
    found = by_label(species)
    for col in ["island", "sex"]:
        c = found[col]
        assert isinstance(c, CategoricalComparison) and c.primary.key == "chisq" and c.alternative is None
        ref = R[f"chisq|penguins|{col}"]  # chisq.test(table(x, species)); V bias-corrected (Bergsma 2013)
        assert c.primary.statistic == approx(ref["X2"]) and c.primary.df == ref["df"] and c.primary.n == ref["n"]
        assert c.primary.p_value == approx(ref["p"]) and c.min_expected == approx(ref["min_expected"])
        assert c.primary.estimate == pytest.approx(ref["v"], rel=REL, abs=1e-12)
        if ref["hi"] > 0:
            assert c.primary.ci == pytest.approx((ref["lo"], ref["hi"]), rel=1e-6, abs=1e-9)  # effectsize::cramers_v
        else:  # effectsize gives 0 to 0 (X² below its 2.5 % point): no zero-width interval, "cannot be estimated"
            assert c.primary.ci is None and any("cannot be estimated" in n for n in c.primary.notes)
    # island × species: R prints X-squared = 299.55, df = 4, p-value < 2.2e-16 (1.3545738297192639e-63)
    assert found["island"].primary.p_value == approx(1.3545738297192639e-63)


def test_penguins_adjusted_p_values_match_p_adjust(species: comparisons.ComparisonAnalysis) -> None:
    found = by_label(species)
    assert [c.label for c in species.comparisons] == ["island", *NUMERIC[:4], "sex", "year"]
    # the family: R's oneway.test p of each numeric column and chisq.test p of each categorical one, adjusted by
    # statsmodels' multipletests (the same Holm and BH procedures as R's p.adjust)
    from statsmodels.stats.multitest import multipletests

    raw = {c: R[f"welch_anova|penguins|{c}"]["p"] if c in NUMERIC else R[f"adjusted|penguins|{c}"]["p"] for c in found}
    expected = {
        how: dict(zip(raw, multipletests(list(raw.values()), method=method)[1], strict=True))
        for how, method in (("holm", "holm"), ("bh", "fdr_bh"))
    }
    for col, c in found.items():
        assert c.primary.p_value == approx(raw[col]) and c.p_adjusted == approx(expected["holm"][col])
    species.p_adjust = "bh"
    try:
        comparisons.adjust(species)
        for col, c in found.items():
            assert c.p_adjusted == approx(expected["bh"][col])
    finally:
        species.p_adjust = "holm"
        comparisons.adjust(species)
    assert found["year"].p_adjusted == 1.0  # oneway.test p = 0.642: Holm's adjusted p is capped at 1


# --------------------------------------------------------------------------------------------- two groups


def check_two_groups(c: NumericComparison, ds: str) -> None:
    welch, mw = find_test(c, "welch_t"), find_test(c, "mann_whitney")
    ref = R[f"welch_t|{ds}|{c.label}"]  # t.test(y ~ g); effectsize::cohens_d(y ~ g)
    assert welch.statistic == pytest.approx(ref["t"], rel=REL, abs=1e-12) and welch.df == approx(ref["df"])
    assert welch.p_value == approx(ref["p"]) and welch.estimate == pytest.approx(ref["diff"], rel=REL, abs=1e-12)
    assert welch.ci == (approx(ref["lo"]), approx(ref["hi"]))
    d = welch.effect_size
    assert d.value == pytest.approx(ref["d"], rel=REL, abs=1e-12)
    assert d.ci == pytest.approx((ref["d_lo"], ref["d_hi"]), rel=1e-6, abs=1e-7)  # R's root search near 0
    ref = R[f"wilcox|{ds}|{c.label}"]  # wilcox.test(y ~ g, exact = FALSE, correct = TRUE)
    assert mw.statistic == ref["W"] and mw.p_value == approx(ref["p"])


def test_sleep_two_groups_match_r(sleep: comparisons.ComparisonAnalysis) -> None:
    # `group` holds the integers 1 and 2: a code (categorical), used as the grouping with labels "1", "2"; ID is
    # the patient (an identifier), so extra is the only column compared and the family has one test
    assert sleep.labels == ["1", "2"] and sleep.role == "categorical"
    found = by_label(sleep)
    assert list(found) == ["extra"]
    c = found["extra"]
    check_groups(c, "sleep")
    assert c.primary.key == "welch_t" and c.alternative.key == "mann_whitney"
    check_two_groups(c, "sleep")
    # t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939, CI -3.3654832 0.2054832
    extra = found["extra"].primary
    assert extra.statistic == approx(-1.8608134674868531) and extra.p_value == approx(0.079394140187358173)
    assert extra.estimate_name == "difference in means (1 − 2)"
    assert found["extra"].p_adjusted == approx(0.079394140187358173)  # p.adjust(0.0794, "holm"): one test


def test_toothgrowth_supp_match_r() -> None:
    a = analyse(DATASETS / "toothgrowth.csv", "supp")
    found = by_label(a)
    length = found["len"]
    check_groups(length, "toothgrowth")
    check_two_groups(length, "toothgrowth")
    # shapiro.test(len[supp == "OJ"]): p = 0.02358 < 0.05, a description only: Welch's t stays primary
    assert length.primary.key == "welch_t" and "fixed in advance" in length.reasons[0]
    dose = found["dose"]  # the same doses in both groups: t = 0, p = 1
    check_two_groups(dose, "toothgrowth")
    assert dose.primary.statistic == 0 and dose.primary.p_value == 1.0
    for col in ("len", "dose"):
        assert found[col].p_adjusted == approx(R[f"adjusted|toothgrowth|{col}"]["holm"])


def test_insectsprays_normality_checks_do_not_choose_the_test() -> None:
    a = analyse(DATASETS / "insectsprays.csv", "spray")
    (c,) = a.comparisons
    check_groups(c, "insectsprays")
    check_spread(c, "insectsprays", "count")
    check_k_groups(c, "insectsprays", "count")
    # shapiro.test: spray C p = 0.04759, D p = 0.002713 with 12 values each: described, not a gate. Welch's F
    # (oneway.test) stays primary; kruskal.test(count ~ spray): chi-squared = 54.691, df = 5, p-value = 1.511e-10
    # is the sensitivity analysis beside it
    assert c.primary.key == "welch_anova" and c.primary.p_value == approx(R["welch_anova|insectsprays|count"]["p"])
    assert c.alternative.key == "kruskal" and c.alternative.statistic == approx(54.691344622371446)
    assert "fixed in advance" in c.reasons[0] and "Shapiro" not in " ".join(c.reasons)
    assert c.p_adjusted == c.primary.p_value  # a single test: nothing to adjust
    assert c.posthoc_method == "Games–Howell" and len(c.posthoc) == 15
    for row in c.posthoc:
        ref = R[f"games_howell|insectsprays|count|{row['pair']}"]
        assert row["diff"] == approx(ref["diff"]) and row["p_adj"] == pytest.approx(ref["p"], **P_TUKEY)


def test_fisher_exact_is_primary_for_a_sparse_2x2_table() -> None:
    mt = pl.read_csv(DATASETS / "mtcars.csv")
    frame = pl.DataFrame(
        {
            "engine": pl.Series(["V" if v == 0 else "S" for v in mt["vs"]]),
            "gear5": pl.Series(["five" if g == 5 else "fewer" for g in mt["gear"]]),
        }
    )
    a = analyse(frame, "gear5")
    (c,) = a.comparisons
    ref = R["fisher|mtcars|engine"]  # fisher.test(table(engine, gear5))
    assert c.primary.key == "fisher" and c.primary.p_value == approx(ref["p"])
    assert c.primary.estimate == pytest.approx(ref["or"], rel=1e-3)  # R's uniroot(tol = 1e-4): ~3 digits
    assert c.primary.ci == pytest.approx((ref["lo"], ref["hi"]), rel=2e-3)
    ref = R["fisher_precise|mtcars|engine"]  # the same algorithm at tol = 1e-15 (see the R script)
    assert c.primary.estimate == approx(ref["or"], 1e-7)
    assert c.primary.ci == (approx(ref["lo"], 1e-7), approx(ref["hi"], 1e-7))
    assert "smallest expected count is 2.19" in c.reasons[0]
    ref = R["chisq|mtcars|engine"]  # chisq.test(table(engine, gear5)), Yates-corrected
    chi = c.alternative
    assert chi.key == "chisq" and chi.method == "Pearson's Chi-squared test with Yates' continuity correction"
    assert chi.statistic == approx(ref["X2"]) and chi.p_value == approx(ref["p"])
    assert chi.estimate == approx(ref["v"]) and chi.ci == pytest.approx((ref["lo"], ref["hi"]), rel=1e-6, abs=1e-9)


# --------------------------------------------------------------------------------------------- from-moment helpers


def r_moments(ds: str, col: str, labels: list[str]) -> tuple[list[float], list[float], list[float]]:
    refs = [R[f"group|{ds}|{col}|{lab}"] for lab in labels]
    return [r["n"] for r in refs], [r["mean"] for r in refs], [r["var"] for r in refs]


def test_moment_helpers_match_r_on_r_moments() -> None:
    """The from-summary helpers of stats.parametric, fed R's own group n, mean and var (R: tapply)."""
    from edakit.stats.effect_sizes import cohens_d_from_moments
    from edakit.stats.means import welch_anova_from_moments
    from edakit.stats.posthoc import games_howell_from_moments, tukey_from_moments

    species = ["Adelie", "Chinstrap", "Gentoo"]
    n, m, v = r_moments("penguins", "body_mass_g", species)
    w = welch_anova_from_moments(n, m, v)
    ref = R["welch_anova|penguins|body_mass_g"]  # oneway.test(body_mass_g ~ species)
    assert w["statistic"] == approx(ref["F"]) and w["df"] == (ref["df1"], approx(ref["df2"]))
    assert w["p_value"] == approx(ref["p"])
    for row in games_howell_from_moments(species, n, m, v):
        ref = R[f"games_howell|penguins|body_mass_g|{row['pair']}"]
        assert row["ci"] == (approx(ref["lo"], 1e-6), approx(ref["hi"], 1e-6))
    n, m, v = r_moments("penguins", "flipper_length_mm", species)
    for row in tukey_from_moments(species, n, m, v):  # TukeyHSD(aov(flipper_length_mm ~ species))
        ref = R[f"tukey|penguins|flipper_length_mm|{row['pair']}"]
        assert row["diff"] == approx(ref["diff"]) and row["ci"] == (approx(ref["lo"], 1e-8), approx(ref["hi"], 1e-8))
        assert row["p_adj"] == pytest.approx(ref["p"], **P_TUKEY)
    # Cohen's d of bill_depth_mm and flipper_length_mm by sex: t = -7.31 on 331 df, where a fixed ±10 search bracket
    # of the noncentral t reached scipy's NaN region. effectsize::cohens_d(bill_depth_mm ~ sex): -0.8008 [-1.02, -0.58]
    for col in ("bill_depth_mm", "flipper_length_mm"):
        n, m, v = r_moments("sex", col, ["female", "male"])
        d, _ = cohens_d_from_moments(m[0], v[0], n[0], m[1], v[1], n[1])
        ref = R[f"welch_t|sex|{col}"]
        assert d.value == approx(ref["d"]) and d.ci == (approx(ref["d_lo"], 1e-6), approx(ref["d_hi"], 1e-6))
    with pytest.raises(EdakitError, match="at least 2 values"):
        welch_anova_from_moments([1, 5], [1.0, 2.0], [None, 1.0])
    with pytest.raises(EdakitError, match="all equal"):
        games_howell_from_moments(["a", "b"], [3, 3], [1.0, 2.0], [0.0, 1.0])
    with pytest.raises(EdakitError, match="both groups are constant"):
        cohens_d_from_moments(1.0, 0.0, 3, 2.0, 0.0, 3)


# --------------------------------------------------------------------------------------------- target


def test_numeric_target_matches_r(target: comparisons.ComparisonAnalysis) -> None:
    assert target.numeric_target and target.labels == []
    found = by_label(target)
    for col in ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year"]:
        c = found[col]
        ref = R[f"pearson|target|{col}"]  # cor.test(x, body_mass_g); cor.test(..., "spearman", exact = FALSE)
        r, rho = c.primary, c.alternative
        assert (r.key, rho.key) == ("pearson", "spearman") and r.n == ref["n"]
        assert r.estimate == approx(ref["r"]) and r.statistic == approx(ref["t"]) and r.p_value == approx(ref["p"])
        assert r.ci == (approx(ref["lo"]), approx(ref["hi"]))
        assert rho.estimate == approx(ref["rho"]) and rho.p_value == approx(ref["rho_p"], 1e-8)
    for col in ["species", "island"]:  # body_mass_g across each categorical column: Welch's F (spreads differ)
        c = found[col]
        assert c.column == "body_mass_g" and c.by == col and c.primary.key == "welch_anova"
        check_groups(c, "target")
        check_k_groups(c, "target", col)
        for row in c.posthoc:
            gh = R[f"games_howell|target|{col}|{row['pair']}"]
            assert row["diff"] == approx(gh["diff"]) and row["p_adj"] == pytest.approx(gh["p"], **P_TUKEY)
    sex = found["sex"]
    check_two_groups(sex, "target")
    assert sex.primary.key == "welch_t"
    for col, c in found.items():
        ref = R[f"adjusted|target|{col}"]
        assert c.primary.p_value == approx(ref["p"]) and c.p_adjusted == approx(ref["holm"])
    # cor.test(flipper_length_mm, body_mass_g): r = 0.8712018, 95 % CI 0.8430410 0.8945990
    assert found["flipper_length_mm"].primary.estimate == approx(0.87120176730601151)


# --------------------------------------------------------------------------------------------- bad input


def test_bad_group_columns_are_user_errors(tmp_path) -> None:
    frame = pl.DataFrame({"g": ["a"] * 6, "y": [1.0, 2, 3, 4, 5, 6], "id": ["r1", "r2", "r3", "r4", "r5", "r6"]})
    with pytest.raises(EdakitError, match="'g' has one level; nothing to compare"):
        edakit.report(frame, group="g")
    with pytest.raises(EdakitError, match="different value in every row"):
        edakit.report(frame, group="id")
    with pytest.raises(EdakitError, match="Unknown column"):
        edakit.report(frame, group="nope")
    with pytest.raises(EdakitError, match="164 levels.*coarser column"):
        edakit.report(DATASETS / "penguins.csv", group="bill_length_mm")
    with pytest.raises(EdakitError, match="target column 'g' has one level"):
        edakit.report(frame, target="g")
    path = tmp_path / "one.csv"
    frame.write_csv(path)
    done = run_cli("report", str(path), "--group", "g", "-o", str(tmp_path / "x.html"))
    assert done.returncode == 2, done.stderr
    assert "has one level; nothing to compare" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_undefined_cases_become_notes_and_skips() -> None:
    rng = np.random.default_rng(1)
    frame = pl.DataFrame(
        {
            "g": ["a"] * 19 + ["b"] * 20 + ["c"],  # c has a single row
            "y": rng.normal(size=40),
            "flat": [1.5] * 19 + [2.5] * 20 + [3.5],  # no spread within any group (not whole: not a code)
            "miss_c": [*rng.normal(size=39), None],  # every value missing in group c
            "same": [2.5] * 39 + [None],  # constant where present
            "row": [f"r{i}" for i in range(40)],
            "when": pl.date_range(pl.date(2020, 1, 1), pl.date(2020, 2, 9), eager=True),
        }
    )
    a = comparisons.analyse(context(frame, group="g"), "g")
    sec = comparisons.section_of(a)
    json.dumps(to_jsonable(sec), allow_nan=False)  # no NaN anywhere
    skips = dict(next(b for b in sec.blocks if getattr(b, "caption", "") == "Columns not compared").rows)
    assert skips["miss_c"].startswith("every value of miss_c is missing in group c of g")
    assert skips["row"].startswith("an identifier") and skips["when"].startswith("dates")
    assert skips["same"].startswith("constant") and skips["g"] == "the group column itself"
    y, flat = by_label(a)["y"], by_label(a)["flat"]
    welch = find_test(y, "welch_anova")
    assert y.primary.key == "anova" and not welch.defined and "needs at least 2 values" in welch.notes[0]
    assert any("Welch's ANOVA is undefined here" in r for r in y.reasons)  # the classic F is the test of means
    assert flat.primary.key == "kruskal"  # both F tests are undefined without within-group spread
    assert not find_test(flat, "anova").defined and find_test(flat, "anova").statistic is None
    paragraph = sec.subsections[0].blocks[-1].text
    assert "fewer than 5 values of y" in paragraph and "nan" not in paragraph.lower()


def test_work_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(2)
    frame = pl.DataFrame({"g": [f"g{i % 7}" for i in range(70)], **{f"x{i}": rng.normal(size=70) for i in range(4)}})
    frame = frame.with_columns(pl.col("x0") + pl.col("g").str.slice(1).cast(pl.Float64))  # x0 differs clearly
    monkeypatch.setattr(comparisons, "MAX_COLUMNS", 2)
    a = comparisons.analyse(context(frame, group="g"), "g")
    assert [c.label for c in a.comparisons] == ["x0", "x1"] and a.left_out == ["x2", "x3"]
    sec = comparisons.section_of(a)
    assert any("Only the first 2 usable columns" in n and "x2, x3" in n for n in sec.notes)
    x0 = by_label(a)["x0"]
    assert x0.p_adjusted < 0.05 and x0.posthoc == [] and "7 groups make 21 pairs" in x0.posthoc_note


# --------------------------------------------------------------------------------------------- words and report


def test_words_for_significant_non_significant_and_failed_assumptions(
    species: comparisons.ComparisonAnalysis, sleep: comparisons.ComparisonAnalysis
) -> None:
    from edakit.explain import comparisons as words

    summary = words.section_summary(species)
    assert summary.startswith("5 of the 7 columns compared clearly differ between the groups of species after adj")
    assert "island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g" in summary
    assert "Largest effects: flipper_length_mm (eta squared = 0.778, large)" in summary
    assert "not necessarily a large or important one" in summary and "not assigned at random" in summary
    text = words.numeric_paragraph(by_label(species)["bill_length_mm"], species)
    assert "Primary test: Welch's ANOVA." in text and "still below 0.05" in text and "Games–Howell" in text
    assert "(eta² = 0.708)" in text and "large by the convention of Cohen (1988)" in text
    text = words.numeric_paragraph(by_label(sleep)["extra"], sleep)
    assert "Primary test: Welch's t test." in text and "It includes 0 (no difference)." in text
    assert "Adjusted for" not in text  # ID is the patient, not a measurement: extra is the only test
    assert "this is not evidence that there is no effect" in text and "Mann–Whitney test, gives p = 0.069" in text
    assert "The one column compared, extra, does not clearly differ" in words.section_summary(sleep)
    methods = words.methods_paragraph(sleep)
    assert "Two groups: Welch's t test" in methods and "Three or more" not in methods
    assert "There is a single test, so no adjustment for multiple testing is needed." in methods
    methods = words.methods_paragraph(species)
    assert "not chosen by a normality or variance pre-test" in methods and "Categorical columns: chi-square" in methods
    assert "The multiplicity family, fixed in advance, is the 7 primary tests of this section" in methods


def test_report_section_renders_and_round_trips() -> None:
    from edakit.render.html import environment

    rep = edakit.report("sleep", group="group", p_adjust="bh", max_charted_columns=0, correlations=False)
    (sec,) = [s for s in rep.sections if s.id.startswith("comparisons")]
    # ID pairs the groups (issue 19): an identifier, not compared; extra is the one column compared
    assert sec.title == "Comparison across group" and len(sec.subsections) == 1
    table = sec.blocks[1]
    assert [c.name for c in table.columns][8] == "p (BH)"
    kinds = [b.kind for b in sec.subsections[0].blocks if b.type == "chart"]
    assert kinds == ["group_means_ci", "group_box"]
    html = environment().get_template("section.html.j2").render(section=sec, level=2)
    assert "Comparison across group" in html and html.count("<svg") == 2 and "could not be drawn" not in html
    assert "sampled" not in html and "all 20 rows" in html
    again = Report.from_dict(json.loads(rep.to_json()))
    (sec2,) = [s for s in again.sections if s.id.startswith("comparisons")]
    assert sec2.blocks[1].rows == [[pytest.approx(v) if isinstance(v, float) else v for v in r] for r in table.rows]
    ctx = context(DATASETS / "sleep.csv", group="group", comparisons=False)
    assert comparisons.build(ctx) == []
    ctx.config.comparisons, ctx.config.metrics = True, ["extra"]  # an A/B test owns the group column
    assert comparisons.build(ctx) == []


def test_pandas_input_gives_the_same_numbers() -> None:
    import pandas as pd

    frame = pd.read_csv(DATASETS / "sleep.csv")
    c = by_label(comparisons.analyse(context(frame, group="group"), "group"))["extra"]
    assert c.primary.statistic == approx(R["welch_t|sleep|extra"]["t"])
    assert find_test(c, "mann_whitney").p_value == approx(R["wilcox|sleep|extra"]["p"])


# --------------------------------------------------------------------------------------------- the engine's passes


def test_one_pass_of_group_moments_and_one_of_cross_tables_match_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """`engine.comparisons.grouped`: the levels' rows, each numeric column's moments and quartile-band counts from
    one `group_by`, the cross-tables of the categorical columns from one more (those whose level combinations
    fit) or one each (the others); all equal to numpy's counts, means and variances per group of the raw rows,
    missing values left out as documented."""
    import narwhals.stable.v2 as nw

    from edakit.engine import comparisons as engine
    from edakit.engine import pairs

    rng = np.random.default_rng(11)
    n = 3000
    g = rng.choice(["a", "b", "c", None], n, p=[0.4, 0.3, 0.25, 0.05])
    c = rng.choice(["u", "v", "w", None], n)
    d = rng.integers(0, 12, n).astype(float)
    d[rng.random(n) < 0.1] = np.nan
    x = rng.normal(3, 2, n)
    x[rng.random(n) < 0.2] = np.nan
    frame = pl.DataFrame({"g": g, "c": c, "d": pl.Series(d).fill_nan(None).cast(pl.Int64), "x": x}).with_columns(
        pl.col("x").fill_nan(None)
    )
    lf = nw.from_native(frame.lazy())
    monkeypatch.setattr(pairs, "MAX_STACKED_CELLS", 100)  # g × c: 4 × 4 cells with missing; × d: 208, too many
    own_pass = []
    separate = pairs.cross_table
    monkeypatch.setattr(pairs, "cross_table", lambda work, a, b: own_pass.append(a) or separate(work, a, b))
    labels, rows, moments, tables, bins = engine.grouped(
        lf, "g", ["c", "d"], {"x": nw.col("x")}, {"x": [-5.0, 2.0, 3.0, 12.0]}, {"g": 3, "c": 3, "d": 12}
    )
    assert labels == ["a", "b", "c"]
    xs = {lab: x[(g == lab) & ~np.isnan(x)] for lab in labels}
    assert rows == {lab: int((g == lab).sum()) for lab in labels}
    assert moments["x"].sizes == [xs[lab].size for lab in labels]
    assert moments["x"].means == pytest.approx([xs[lab].mean() for lab in labels], rel=1e-12)
    assert moments["x"].variances == pytest.approx([xs[lab].var(ddof=1) for lab in labels], rel=1e-12)
    for name, levels in (("c", ["u", "v", "w"]), ("d", [str(v) for v in range(12)])):
        t = tables[name]
        values = {"c": c, "d": np.array([None if np.isnan(v) else str(int(v)) for v in d], dtype=object)}[name]
        assert t.row_labels == levels and t.col_labels == labels
        assert t.counts == [[int(((values == r) & (g == k)).sum()) for k in labels] for r in levels]
    assert own_pass == ["d"]

    def band(v: np.ndarray, lo: float, hi: float, first: bool) -> int:  # (lo, hi], the first band [lo, hi]
        return int((((v >= lo) if first else (v > lo)) & (v <= hi)).sum())

    cuts = [(-5.0, 2.0), (2.0, 3.0), (3.0, 12.0)]
    assert bins["x"].counts == [[band(xs[lab], lo, hi, j == 0) for lab in labels] for j, (lo, hi) in enumerate(cuts)]
