"""`edakit compare` / `edakit.compare` (issue 23): every shift measure against an independent reference (R's
documented output, scipy's documented equivalents of R, or a closed form written out here), and the command's
page, JSON and exit codes."""

from __future__ import annotations

import html as html_module
import json
import math
import re
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy import stats
from typer.testing import CliRunner

import edakit
from edakit.cli import app
from edakit.engine import shift
from edakit.engine.shift import _merged
from edakit.stats.shift_results import DatasetComparison
from tests.test_documented_commands import page_problems

runner = CliRunner()


def _text(html: str) -> str:
    """The page's words without tags (glossary links split sentences into pieces of markup)."""
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)))


@pytest.fixture(scope="module")
def sleep() -> DatasetComparison:
    return edakit.compare("sleep", by="group")


# --------------------------------------------------------------------------------------------- numeric measures


def test_welch_interval_and_cohens_d_match_r_on_sleep(sleep: DatasetComparison) -> None:
    # R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95 percent CI -3.3654832 0.2054832 (for group 1 - group 2; here b - a = group 2 - group 1).
    s = sleep.column("extra")
    assert (sleep.name_a, sleep.name_b) == ("1", "2")
    assert s.mean_difference == pytest.approx(1.58)
    assert s.mean_difference_ci == pytest.approx((-0.2054832, 3.3654832), abs=1e-6)
    assert s.welch_t == pytest.approx(1.8608, abs=1e-4) and s.welch_df == pytest.approx(17.776, abs=1e-3)
    assert s.welch_p == pytest.approx(0.07939, abs=1e-5)
    # closed form: d = 1.58 / sqrt((s1² + s2²) / 2), s1² = 3.200556, s2² = 4.009 (var(extra) by group in R)
    assert s.smd.value == pytest.approx(1.58 / math.sqrt((3.2005556 + 4.009) / 2), rel=1e-6)


def test_sd_ratio_interval_is_var_test_square_rooted(sleep: DatasetComparison) -> None:
    # R: var.test(extra ~ group, data = sleep): F = 0.7983, CI 0.198297 3.214123 for var1/var2, from
    # qf(0.975, 9, 9) = 4.025994. Here the ratio is sd2/sd1, so the interval is sqrt(1/3.214123), sqrt(1/0.198297).
    s = sleep.column("extra")
    assert s.sd_ratio == pytest.approx(math.sqrt(4.009 / 3.2005556), rel=1e-6)
    assert s.sd_ratio_ci == pytest.approx((math.sqrt(1 / 3.214123), math.sqrt(1 / 0.198297)), rel=1e-5)


def _kolmogorov_sf(z: float) -> float:
    """Kolmogorov's limiting distribution's upper tail, 2 Σ (-1)^(k-1) exp(-2 k² z²) (the series R's C_pKS2 sums)."""
    return 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * z * z) for k in range(1, 101))


def _frames(a: dict, b: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
    return pl.DataFrame(a), pl.DataFrame(b)


def test_ks_wasserstein_and_quantiles_on_full_data_match_scipy() -> None:
    rng = np.random.default_rng(1)
    x = np.round(rng.normal(10, 2, 3000), 2)  # rounded: ties, as real data have
    y = np.round(rng.normal(10.4, 2.5, 2500), 2)
    c = edakit.compare(pl.DataFrame({"v": x}), pl.DataFrame({"v": y}))
    s = c.column("v")
    ref = stats.ks_2samp(x, y)
    assert s.ks_d == pytest.approx(ref.statistic, abs=1e-12)
    assert s.ks_method == "asymptotic"
    assert s.ks_p == pytest.approx(_kolmogorov_sf(math.sqrt(3000 * 2500 / 5500) * ref.statistic), rel=1e-9)
    assert s.wasserstein == pytest.approx(stats.wasserstein_distance(x, y), rel=1e-9)
    for q in s.quantiles:  # type-7 quantiles, R's default (numpy's "linear")
        assert q.a == pytest.approx(np.quantile(x, q.p)) and q.b == pytest.approx(np.quantile(y, q.p))


@pytest.mark.parametrize("counted", [True, False])
def test_16_bit_integers_far_apart_match_scipy_and_numpy(counted: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # 8- and 16-bit integer columns in polars' memory are compared from their numpy value counts (`counted`);
    # otherwise by the engine's queries, whose gaps between consecutive values (-17000 to 17000 at the middle) must
    # not wrap around in 16 bits
    rng = np.random.default_rng(5)
    x = (rng.choice([-1, 1], 3000) * (17_000 + 10 * rng.integers(0, 200, 3000))).astype(np.int16)  # ties
    y = (rng.choice([-1, 1], 2500, p=[0.4, 0.6]) * (17_005 + 10 * rng.integers(0, 180, 2500))).astype(np.int16)
    merged = []
    monkeypatch.setattr(shift, "_merged", lambda a, b: merged.append(1) or _merged(a, b))
    if not counted:
        monkeypatch.setattr(shift, "small_integer_tables", lambda work, in_memory: {})
    c = edakit.compare(pl.DataFrame({"v": pl.Series(x)}), pl.DataFrame({"v": pl.Series(y)}))
    assert merged == ([1] if counted else [])
    s = c.column("v")
    assert s.ks_d == pytest.approx(stats.ks_2samp(x, y).statistic, abs=1e-12)
    assert s.wasserstein == pytest.approx(stats.wasserstein_distance(x, y), rel=1e-12)
    for q in s.quantiles:
        assert q.a == pytest.approx(np.quantile(x, q.p)) and q.b == pytest.approx(np.quantile(y, q.p))
    edges = np.array(s.hist_edges)
    assert s.hist_a == np.histogram(x, edges)[0].tolist() and s.hist_b == np.histogram(y, edges)[0].tolist()
    deciles = np.unique(np.quantile(x, np.arange(1, 10) / 10))  # PSI bins: a value on an edge is in the bin above
    for shares, values in ((s.psi.shares_a, x), (s.psi.shares_b, y)):
        counts = np.bincount(np.searchsorted(deciles, values, side="right"), minlength=deciles.size + 1)
        assert shares == pytest.approx((counts / values.size).tolist(), rel=1e-12)


def test_value_counts_give_the_queries_numbers_to_the_last_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    # the numpy path (`_merged_distribution`, `_merged_bins`) repeats the queries' arithmetic in the same order
    rng = np.random.default_rng(11)

    def table(n: int, shift_: int) -> pl.DataFrame:
        wide = rng.normal(300 + shift_, 900, n).round()
        few = rng.integers(0, 12, n).astype(float)
        few[rng.random(n) < 0.1] = np.nan  # missing values
        return pl.DataFrame({"wide": wide, "few": few, "one": np.full(n, 7.0)}, nan_to_null=True).cast(pl.Int16)

    a, b = table(4000, 0), table(3000, 40)
    counted = edakit.compare(a, b)
    monkeypatch.setattr(shift, "small_integer_tables", lambda work, in_memory: {})
    queried = edakit.compare(a, b)
    assert [x.column for x in counted.numeric] == ["wide", "few"]
    for x, y in zip(counted.numeric, queried.numeric, strict=True):
        assert (x.ks_d, x.wasserstein, x.quantiles, x.psi, x.hist_edges, x.hist_a, x.hist_b) == (
            y.ks_d,
            y.wasserstein,
            y.quantiles,
            y.psi,
            y.hist_edges,
            y.hist_a,
            y.hist_b,
        )


@pytest.mark.parametrize("other", [pl.Int16, pl.Float64])
def test_a_column_of_another_type_in_each_table_is_compared(other: pl.DataType) -> None:
    # a small file's Int64 column against a large file's Int16 (the loader narrows it), or floats
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 300, 2000), rng.integers(20, 320, 1500)
    c = edakit.compare(pl.DataFrame({"v": x}), pl.DataFrame({"v": pl.Series(y).cast(other)}))
    s = c.column("v")
    assert not s.notes
    assert s.ks_d == pytest.approx(stats.ks_2samp(x, y).statistic, abs=1e-12)
    assert s.wasserstein == pytest.approx(stats.wasserstein_distance(x, y), rel=1e-12)
    for q in s.quantiles:
        assert q.a == pytest.approx(np.quantile(x, q.p)) and q.b == pytest.approx(np.quantile(y, q.p))


def test_small_samples_without_ties_get_the_exact_ks_p_value() -> None:
    # R's ks.test is exact when n_x * n_y < 10000 and there are no ties; scipy's method="exact" is the same
    x = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06]
    y = [2.2, 1.9, 0.3, 1.1, 0.95, 1.4, 2.8, -0.2, 1.75]
    s = edakit.compare(pl.DataFrame({"v": x}), pl.DataFrame({"v": y})).column("v")
    ref = stats.ks_2samp(x, y, method="exact")
    assert s.ks_method == "exact"
    assert s.ks_d == pytest.approx(ref.statistic) and s.ks_p == pytest.approx(ref.pvalue, rel=1e-12)


def test_psi_on_the_reference_deciles_matches_its_closed_form() -> None:
    # a: 0.5, 1.5, ..., 999.5, its type-7 deciles 100.4, 200.3, ... put exactly 100 values in each bin. b: the same
    # with the first 500 twice: 200 of 1500 in each of the first five bins, 100 in each of the last five.
    a = pl.DataFrame({"v": np.arange(1000) + 0.5})
    b = pl.DataFrame({"v": np.concatenate([np.arange(1000), np.arange(500)]) + 0.5})
    s = edakit.compare(a, b).column("v")
    expected = 5 * (2 / 15 - 0.1) * math.log((2 / 15) / 0.1) + 5 * (1 / 15 - 0.1) * math.log((1 / 15) / 0.1)
    assert s.psi.value == pytest.approx(expected, rel=1e-12)
    assert s.psi.shares_a == pytest.approx([0.1] * 10)
    assert len(s.psi.bins) == 10 and s.psi.bins[0] == "below 100.4"


# --------------------------------------------------------------------------------------------- categorical measures


def test_chi_square_and_cramers_v_match_r_chisq_test() -> None:
    # R's ?chisq.test example (Agresti 2007, gender and party): M <- as.table(rbind(c(762, 327, 468),
    # c(484, 239, 477))); chisq.test(M) -> X-squared = 30.07, df = 2, p-value = 2.954e-07.
    a = pl.DataFrame({"party": ["Democrat"] * 762 + ["Independent"] * 327 + ["Republican"] * 468})
    b = pl.DataFrame({"party": ["Democrat"] * 484 + ["Independent"] * 239 + ["Republican"] * 477})
    s = edakit.compare(a, b).column("party")
    assert s.chi_square == pytest.approx(30.07, abs=0.005) and s.df == 2
    assert s.p_value == pytest.approx(2.954e-07, rel=1e-3)
    assert s.cramers_v == pytest.approx(math.sqrt(s.chi_square / 2757), rel=1e-12)  # V = sqrt(X² / (n (2 - 1)))
    lo, hi = s.cramers_v_ci
    assert lo < s.cramers_v < hi
    dem = s.levels[0]
    assert dem.level == "Democrat" and dem.share_a == pytest.approx(762 / 1557)
    assert dem.ci_a == pytest.approx(edakit.stats.proportion.wilson_interval(762, 1557))


def test_psi_and_jensen_shannon_of_level_shares_match_closed_forms() -> None:
    a = pl.DataFrame({"g": ["x"] * 50 + ["y"] * 50})
    b = pl.DataFrame({"g": ["x"] * 25 + ["y"] * 75 + ["z"] * 0})
    s = edakit.compare(a, b).column("g")
    assert s.psi.value == pytest.approx((0.25 - 0.5) * math.log(0.25 / 0.5) + (0.75 - 0.5) * math.log(0.75 / 0.5))
    m = [0.375, 0.625]
    jsd = 0.5 * (0.5 * math.log2(0.5 / m[0]) + 0.5 * math.log2(0.5 / m[1]))
    jsd += 0.5 * (0.25 * math.log2(0.25 / m[0]) + 0.75 * math.log2(0.75 / m[1]))
    assert s.js_distance == pytest.approx(math.sqrt(jsd), rel=1e-12)


def test_new_and_vanished_levels() -> None:
    a = pl.DataFrame({"g": ["x", "y", "z"] * 20})
    b = pl.DataFrame({"g": ["x", "y", "w"] * 20})
    c = edakit.compare(a, b, names=("old", "new"))
    s = c.column("g")
    assert s.new_levels == ["w"] and s.vanished_levels == ["z"]
    html = c.to_html()
    html = _text(html)
    assert "New in new: w (never seen in old)" in html and "Gone from new: z (seen in old)" in html


# --------------------------------------------------------------------------------------------- tables, schema


def test_missing_share_difference_has_newcombes_interval() -> None:
    # Newcombe (1998), Stat Med 17:873, Table II example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339
    a = pl.DataFrame({"v": [None] * 48 + [1.0, 2.0] * 16, "k": list(range(80))})
    b = pl.DataFrame({"v": [None] * 56 + [1.0, 3.0] * 7, "k": list(range(70))})
    m = edakit.compare(a, b).column("v").missing
    assert (m.missing_a, m.rows_a, m.missing_b, m.rows_b) == (48, 80, 56, 70)
    assert m.difference == pytest.approx(56 / 70 - 48 / 80)
    assert m.ci == pytest.approx((0.0524, 0.3339), abs=5e-5)


def test_duplicates_leakage_and_schema_changes() -> None:
    a = pl.DataFrame({"x": [1, 2, 3, 3, 4, 5], "g": ["a", "b", "a", "a", "b", "a"], "old": [1] * 6})
    b = pl.DataFrame({"x": [3, 4, 9, 9, 8], "g": ["a", "b", "b", "b", "a"], "new": ["q"] * 5})
    c = edakit.compare(a, b, names=["train", "test"])
    assert (c.duplicates_a, c.duplicates_b) == (1, 1)  # (3, a) twice in a; (9, b) twice in b
    assert c.across == 2  # (3, a) and (4, b) of b occur in a
    assert c.schema.added == ["new"] and c.schema.removed == ["old"]
    html = c.to_html()
    assert "2 row(s) of test (40.0 %) equal a row of train" in _text(html) and "leak" in html


def test_duplicates_and_leakage_of_packed_small_integers_match_python_sets() -> None:
    # 16-bit integer columns are packed into shared words before hashing (`engine.duplicates.hash_units`): both
    # tables' rows hashed once with the same units, counted against plain Python tuples
    rng = np.random.default_rng(7)

    def table(n: int) -> pl.DataFrame:
        x = [None if v == 0 else int(v) for v in rng.integers(-3, 4, n)]
        return pl.DataFrame(
            {"x": x, "y": rng.integers(0, 3, n).tolist(), "g": rng.choice(["p", "q"], n).tolist()},
            schema={"x": pl.Int16, "y": pl.Int16, "g": pl.String},
        )

    a, b = table(300), table(200)
    rows_a, rows_b = set(a.iter_rows()), list(b.iter_rows())
    c = edakit.compare(a, b)
    assert (c.duplicates_a, c.duplicates_b) == (a.height - len(rows_a), b.height - len(set(rows_b)))
    assert c.across == sum(row in rows_a for row in rows_b) > 0


# --------------------------------------------------------------------------------------------- ranking, thresholds


def test_ranking_is_by_size_and_p_values_are_adjusted(sleep: DatasetComparison) -> None:
    pen = edakit.compare("penguins", by="sex")
    shifted = [r for r in pen.ranking if r.passed]
    assert pen.ranking[: len(shifted)] == shifted  # columns past a threshold first, then by PSI within each group
    for group in (shifted, pen.ranking[len(shifted) :]):
        assert [r.psi for r in group] == sorted((r.psi for r in group), reverse=True)
    raw = {s.column: s.ks_p for s in pen.numeric} | {s.column: s.p_value for s in pen.categorical}
    holm = edakit.stats.multitest.adjust_pvalues(list(raw.values()), "holm")
    assert {r.column: r.p_adjusted for r in pen.ranking} == pytest.approx(dict(zip(raw, holm, strict=True)))
    assert set(pen.passed) >= {"body_mass_g", "flipper_length_mm"} and "species" not in pen.passed
    loose = edakit.compare("penguins", by="sex", psi_threshold=100, smd_threshold=100, missing_threshold=1)
    assert loose.passed == []


def test_significant_but_negligible_is_said() -> None:
    rng = np.random.default_rng(7)
    a = pl.DataFrame({"v": rng.normal(0, 1, 200_000)})
    b = pl.DataFrame({"v": rng.normal(0.03, 1, 200_000)})
    c = edakit.compare(a, b)
    s = c.column("v")
    assert s.p_adjusted < 0.05 and s.psi.value < 0.1 and abs(s.smd.value) < 0.2
    assert "statistically significant but negligible" in _text(c.to_html())


# --------------------------------------------------------------------------------------------- API, JSON, page, CLI


def test_pandas_frames_and_json_round_trip() -> None:
    pd = pytest.importorskip("pandas")
    a = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0] * 4, "g": list("abcab") * 4})
    b = pd.DataFrame({"x": [2.0, 3.0, 4.0, 5.0, 9.0] * 4, "g": list("abccc") * 4})
    c = edakit.compare(a, b, names=("before", "after"))
    again = DatasetComparison.from_json(c.to_json())
    assert again == c and isinstance(again.numeric[0].psi, type(c.numeric[0].psi))
    assert '<div class="edakit">' in c._repr_html_()


def test_cli_writes_the_page_and_exits_by_thresholds(tmp_path: Path) -> None:
    out, js = tmp_path / "c.html", tmp_path / "c.json"
    done = runner.invoke(app, ["compare", "penguins", "--by", "sex", "-o", str(out), "--json", str(js)])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert page_problems(html) == []
    assert "Which columns shifted" in html and "Overlaid histograms of body_mass_g" in html
    assert "Side-by-side bars of the level shares of species" in html
    assert json.loads(js.read_text())["name_b"] == "male"
    failed = runner.invoke(app, ["compare", "penguins", "--by", "sex", "-o", str(out), "--fail-on-shift"])
    assert failed.exit_code == 1 and "body_mass_g: PSI" in failed.output
    calm = [
        "compare", "penguins", "--by", "species", "--values", "Adelie,Chinstrap", "--fail-on-shift", "-o", str(out),
        "--psi-threshold", "100", "--smd-threshold", "100", "--v-threshold", "1", "--missing-threshold", "1",
    ]  # fmt: skip
    assert runner.invoke(app, calm).exit_code == 0


def test_cli_two_files_default_output_and_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pen = pl.read_csv(edakit.datasets.path("penguins"), null_values="NA")
    pen.filter(pl.col("year") < 2009).write_csv(tmp_path / "train.csv")
    pen.filter(pl.col("year") == 2009).write_csv(tmp_path / "test.csv")
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["compare", "train.csv", "test.csv", "--names", "early,late"])
    assert done.exit_code == 0, done.output
    html = (tmp_path / "reports" / "train_vs_test.html").read_text(encoding="utf-8")
    assert "late (" in html and page_problems(html) == []


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "no_such_file.csv", "penguins"],
        ["compare", "penguins", "--by", "species"],  # three values and no --values
        ["compare", "penguins", "--by", "nope"],
        ["compare", "penguins", "--by", "sex", "--values", "male,unknown"],
        ["compare", "penguins", "sleep", "--by", "sex"],
        ["compare", "penguins", "--by", "sex", "--names", "one"],
        ["compare", "penguins"],
        ["compare", "penguins", "sleep"],  # no column in common
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    done = runner.invoke(app, [*args, "-o", str(tmp_path / "x.html")])
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output and done.output.count("edakit: error:") == 1


def test_a_large_shift_in_a_rarely_filled_column_is_said() -> None:
    a = pl.DataFrame({"v": [1.0, 2.0, 3.0, 4.0] * 5 + [None] * 180})
    b = pl.DataFrame({"v": [11.0, 12.0, 13.0, 14.0] * 5 + [None] * 180})
    c = edakit.compare(a, b)
    assert c.column("v").psi.value > 0.25
    assert "has a value in only 10.0 % of one table's rows" in _text(c.to_html())


def test_by_keeps_its_column_when_columns_are_restricted() -> None:
    c = edakit.compare("penguins", by="sex", columns=["species", "island"])
    assert {r.column for r in c.ranking} == {"species", "island"} and c.passed == []


def test_a_column_constant_in_one_part_is_still_compared() -> None:
    # penguins 2007 vs 2009: every column keeps its role from the whole table, so none falls back to
    # "missing values only" because one part happens to hold few values
    c = edakit.compare("penguins", by="year", values=["2007", "2009"])
    assert c.other == [] and not c.schema.changed
    a = pl.DataFrame({"x": [5, 5, 5, 5, 5, 5], "y": [1.0, 2, 3, 4, 5, 6]})
    b = pl.DataFrame({"x": [5, 6, 7, 8, 9, 10], "y": [1.0, 2, 3, 4, 5, 6]})
    assert edakit.compare(a, b).column("x").ks_d == pytest.approx(stats.ks_2samp(a["x"], b["x"]).statistic)


def test_an_odd_column_never_sinks_the_page() -> None:
    # values at the float limits: the means overflow, so Welch and Cohen's d are not computable and say so,
    # while the distribution measures (exact on the values) and the other column are still there
    a = pl.DataFrame({"x": [1e308, -1e308, 0.5, 5.5] * 5, "y": [1.5, 2.5, 3.5, 4.5] * 5})
    b = pl.DataFrame({"x": [1e308, 1e308, 0.5, 5.5] * 5, "y": [1.5, 2.5, 3.5, 5.5] * 5})
    c = edakit.compare(a, b)
    x = c.column("x")
    assert x.smd is None and any("not computable" in n for n in x.notes)
    assert x.ks_d == pytest.approx(stats.ks_2samp(a["x"], b["x"]).statistic)
    assert c.column("y").ks_d == pytest.approx(0.25)
    assert page_problems(c.to_html()) == []


def test_roles_are_settled_as_the_report_settles_them() -> None:
    # a row number is an identifier (compared by its missing values only), as `edakit report` says of it
    a = pl.DataFrame({"id": list(range(1, 41)), "v": [0.5 + i % 7 for i in range(40)]})
    b = pl.DataFrame({"id": list(range(41, 81)), "v": [1.5 + i % 7 for i in range(40)]})
    c = edakit.compare(a, b)
    assert [(o.column, o.role_a, o.role_b) for o in c.other] == [("id", "identifier", "identifier")]
    assert edakit.report(a).column("id").role == "identifier"
    assert c.column("v").mean_difference == pytest.approx(1.0)
