"""The report's "Correlations and associations" section, checked against R.

Reference numbers come from R 4.2.2 (base `stats`: cor.test, chisq.test, aov, p.adjust; effectsize 0.8.3 only for
the intervals of V and eta²) via tests/r/correlation_section.R; its output is tests/r/correlation_section.out, read
here with `read_r_output`. A few key numbers are also pasted below with the call that produced them. Nothing here
is copied from edakit's own output.
"""

from __future__ import annotations

import json
import math
from itertools import combinations

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit._json import to_jsonable
from edakit.config import ReportConfig
from edakit.engine import pairs as engine
from edakit.engine.profile import profile
from edakit.explain.correlation import association_summary, short_explanation
from edakit.loader import load
from edakit.page import ChartBlock, TableBlock
from edakit.schema import infer_schema
from edakit.sections import AnalysisContext, correlations
from edakit.stats import correlation_analysis
from edakit.stats.association import correlation_ratio_from_groups, cramers_v_from_table
from edakit.stats.correlations import correlation
from tests.conftest import DATASETS, read_r_output

R = read_r_output("correlation_section.out")
REL = 1e-9  # R prints 17 significant digits; engine sums agree far better than the required 1e-6
NUMERIC = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
CATEGORICAL = ["species", "island", "sex"]


def approx(value: float, rel: float = REL) -> object:
    return pytest.approx(value, rel=rel, abs=1e-300)


def context(source: object, **options: object) -> AnalysisContext:
    """Load → infer → profile, as the pipeline does, without the other sections."""
    config = ReportConfig(**options)
    table = load(source)
    schema = infer_schema(table.frame)
    summary = profile(table.frame, schema, sample_size=config.sample_size, seed=config.seed, max_charted_columns=0)
    return AnalysisContext(table, schema, summary, [], config)


@pytest.fixture(scope="module")
def penguins() -> AnalysisContext:
    return context(DATASETS / "penguins.csv")


@pytest.fixture(scope="module")
def pairs(penguins: AnalysisContext) -> dict[str, correlations.Pair]:
    """Every measured pair of penguins, keyed like the R output (kind|column|column)."""
    gathered = correlations.gather(penguins)
    rows, conf = penguins.summary.rows, 0.95
    found = correlations.numeric_pairs(gathered.moments, rows, conf)
    found += correlations.categorical_pairs(gathered.tables, rows, conf)
    found += correlations.mixed_pairs(gathered.groups, rows, conf)
    out = {}
    for pair in found:
        r = pair.result
        kind = {"numeric": "pearson", "categorical": "cramer", "mixed": "eta"}[pair.kind]
        names = (r.values_name, r.groups_name) if pair.kind == "mixed" else (r.x_name, r.y_name)
        out["|".join((kind, *names))] = pair
    return out


@pytest.fixture(scope="module")
def section(penguins: AnalysisContext):
    (sec,) = correlations.build(penguins)
    return sec


def test_scatter_plots_start_from_the_same_pearson_pairs_as_the_analysis(penguins: AnalysisContext) -> None:
    """The scatter plots' engine step starts from `pearson_pairs` while the rest is analysed: the same columns and
    the same Pearson results (R's cor.test r) as the full analysis gives the numeric pairs, so the same plots."""
    gathered = correlations.gather(penguins)
    early = correlations.pearson_pairs(gathered, 0.95, 0.05)
    full = correlation_analysis.analyse(gathered, penguins.summary.sample, conf_level=0.95, alpha=0.05)
    assert (early.numeric, early.categorical, early.too_few) == (full.numeric, full.categorical, full.too_few)
    numeric = [(p.x, p.y, p.result) for p in full.pairs if p.kind == "numeric"]
    assert [(p.x, p.y, p.result) for p in early.pairs] == numeric
    r = R["pearson|flipper_length_mm|body_mass_g"]
    assert early.pair("flipper_length_mm", "body_mass_g").result.estimate == approx(r["r"])
    assert correlations.scatter_blocks(penguins, early) == correlations.scatter_blocks(penguins, full)


def _table(sec, caption_start: str) -> TableBlock:
    return next(b for b in sec.blocks if isinstance(b, TableBlock) and b.caption.startswith(caption_start))


# --- numbers against R -------------------------------------------------------------------------------------------


def test_plan_penguins(penguins):
    plan = correlations.plan_columns(penguins)
    assert plan.numeric == NUMERIC and plan.categorical == CATEGORICAL and plan.notes == []


@pytest.mark.parametrize("a, b", list(combinations(NUMERIC, 2)))
def test_pearson_every_numeric_pair_matches_r_cor_test(pairs, a, b):
    ref = R[f"pearson|{a}|{b}"]  # R: cor.test(x, y) (incomplete pairs dropped)
    r = pairs[f"pearson|{a}|{b}"].result
    assert r.estimate == approx(ref["r"])
    assert r.ci == (approx(ref["lo"]), approx(ref["hi"]))
    assert r.statistic == approx(ref["t"])
    assert r.p_value == approx(ref["p"], rel=1e-7)  # p down to 1e-107: the t tail agrees to ~1e-10 relative
    assert r.n == ref["n"] and r.df == ref["n"] - 2


def test_pair_n_is_the_complete_pair_count(pairs):
    df = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")
    for a, b in combinations(NUMERIC, 2):
        complete = df.select((pl.col(a).is_not_null() & pl.col(b).is_not_null()).sum()).item()
        pair = pairs[f"pearson|{a}|{b}"].result
        assert pair.n == complete and pair.n_dropped == df.height - complete


def test_key_numbers_pasted_from_r(pairs):
    # R: cor.test(d$flipper_length_mm, d$body_mass_g)
    r = pairs["pearson|flipper_length_mm|body_mass_g"].result
    assert r.estimate == approx(0.87120176730601151)
    assert r.ci == (approx(0.84304103263034602), approx(0.8945989968524185))
    assert r.p_value == approx(4.3706809629993421e-107, rel=1e-7)
    # R: t <- table(d$species, d$island); chisq.test(t, correct = FALSE) and Bergsma's formula written out
    v = correlations._cramers_v(pairs["cramer|species|island"].inputs, "species", "island", 0.95, interval=True)
    assert v.estimate == approx(0.65732901905378638)
    assert v.statistic == approx(299.55032743148195)
    # R: s <- summary(aov(body_mass_g ~ species)); sqrt(SSB / (SSB + SSW))
    eta = pairs["eta|body_mass_g|species"].result
    assert eta.estimate == approx(0.81833486647457632)
    assert eta.statistic == approx(343.62627520548313)


@pytest.mark.parametrize("a, b", list(combinations(CATEGORICAL, 2)))
def test_cramers_v_matches_r(pairs, a, b):
    ref = R[f"cramer|{a}|{b}"]
    pair = pairs[f"cramer|{a}|{b}"]
    screened = pair.result
    assert screened.ci is None  # screening skips the interval; it is added for the pairs shown
    r = correlations._cramers_v(pair.inputs, a, b, 0.95, interval=True)
    assert r.estimate == approx(ref["v"])
    assert r.v_uncorrected == approx(ref["v_raw"])
    assert r.statistic == approx(ref["x2"]) and r.df == ref["df"]
    assert r.p_value == approx(ref["p"]) and screened.p_value == r.p_value
    assert r.n == ref["n"]
    if ref["hi"] > 0:
        assert r.ci == (approx(ref["lo"], 1e-6), approx(ref["hi"], 1e-6))  # effectsize::cramers_v(adjust = FALSE)
    else:  # effectsize's 0 to 0: no zero-width interval, it cannot be estimated
        assert r.ci is None and any("cannot be estimated" in n for n in r.notes)


@pytest.mark.parametrize("g", CATEGORICAL)
@pytest.mark.parametrize("y", NUMERIC)
def test_eta_matches_r_aov(pairs, y, g):
    ref = R[f"eta|{y}|{g}"]
    pair = pairs[f"eta|{y}|{g}"]
    r = correlations._eta(pair.inputs, y, g, 0.95, interval=True)
    assert r.estimate == approx(ref["eta"], 1e-8)
    assert r.eta_squared == approx(ref["eta2"], 1e-8)
    assert r.statistic == approx(ref["F"], 1e-8)
    assert r.df == (ref["df1"], ref["df2"])
    assert r.p_value == approx(ref["p"], 1e-7)
    assert r.n == ref["n"]
    if ref["hi2"] == 0:  # effectsize's 0 to 0: no zero-width interval, it cannot be estimated
        assert r.eta_squared_ci is None and any("cannot be estimated" in n for n in r.notes)
        return
    lo2, hi2 = r.eta_squared_ci  # effectsize::eta_squared(partial = FALSE, alternative = "two.sided")
    assert lo2 == pytest.approx(ref["lo2"], rel=1e-6, abs=1e-12) and hi2 == pytest.approx(
        ref["hi2"], rel=1e-6, abs=1e-12
    )


def test_bh_adjusted_p_matches_r_p_adjust(section, pairs):
    """R: p.adjust(<the 28 p-values>, "BH"); the section's table shows the adjusted p of every shown pair."""
    ranked = _table(section, "The 25 strongest")
    names = [c.name for c in ranked.columns]
    for row in ranked.rows:
        a, b = row[0].split(" × ")
        kind = {"Pearson's r": "pearson", "eta": "eta"}.get(row[1], "cramer")
        ref = R[f"bh:{kind}|{a}|{b}"]
        assert row[names.index("p")] == approx(ref["p"], 1e-7)
        assert row[names.index("p (BH)")] == approx(ref["p_bh"], 1e-7)


def test_rank_correlations_match_r(section):
    ranked = _table(section, "The 25 strongest")
    names = [c.name for c in ranked.columns]
    seen = 0
    for row in ranked.rows:
        if row[1] != "Pearson's r":
            assert row[names.index("Spearman rho")] is None
            continue
        a, b = row[0].split(" × ")
        ref = R[f"rank|{a}|{b}"]  # R: cor.test(x, y, method = "spearman" / "kendall", exact = FALSE)
        assert row[names.index("Spearman rho")] == approx(ref["rho"])
        assert row[names.index("Kendall tau-b")] == approx(ref["tau"])
        seen += 1
    assert seen == 10


def test_correlation_ratio_from_groups_matches_r():
    # R: tapply(body_mass_g, species, length/mean/var) on complete rows (tests/r/correlation_section.out)
    groups = [R[f"groups|body_mass_g|{s}"] for s in ("Adelie", "Chinstrap", "Gentoo")]
    r = correlation_ratio_from_groups(
        [g["n"] for g in groups], [g["mean"] for g in groups], [g["var"] for g in groups], labels=["A", "C", "G"]
    )
    ref = R["eta|body_mass_g|species"]  # R: summary(aov(body_mass_g ~ species))
    assert r.estimate == approx(ref["eta"]) and r.statistic == approx(ref["F"]) and r.p_value == approx(ref["p"])
    assert r.eta_squared_ci == (approx(ref["lo2"], 1e-6), approx(ref["hi2"], 1e-6))
    assert r.group_sizes == {"A": 151, "C": 68, "G": 123}
    quick = correlation_ratio_from_groups([2, 2], [1.0, 3.0], [0.5, 1.0], interval=False)
    assert quick.ci is None and quick.eta_squared_ci is None and quick.p_value is not None


def test_from_groups_edge_cases():
    one = correlation_ratio_from_groups([3, 0], [2.0, None], [1.0, None], groups_name="shop")
    assert one.estimate is None and "only one group" in one.notes[0]
    flat = correlation_ratio_from_groups([2, 3], [5.0, 5.0], [0.0, 0.0], values_name="price")
    assert flat.estimate is None and "price is constant" in flat.notes[0]
    exact = correlation_ratio_from_groups([2, 2], [1.0, 2.0], [0.0, 0.0])
    assert exact.estimate == 1.0 and math.isinf(exact.statistic)
    single = correlation_ratio_from_groups([1, 1, 2], [1.0, 2.0, 3.0], [None, None, 0.5])
    assert single.n == 4 and single.df == (2, 1)


def test_cramers_v_without_interval_and_empty_table():
    full = cramers_v_from_table([[10, 20], [30, 40]])
    quick = cramers_v_from_table([[10, 20], [30, 40]], interval=False)
    assert quick.ci is None and quick.estimate == full.estimate and quick.p_value == full.p_value
    empty = cramers_v_from_table(np.zeros((0, 0)), x_name="a", y_name="b")
    assert empty.estimate is None and "no observation has both a and b" in empty.notes[0]


# --- the section -------------------------------------------------------------------------------------------------


def test_section_structure_and_heatmap_contract(section):
    assert section.id == "correlations" and section.title == "Correlations and associations"
    (chart,) = [b for b in section.blocks if isinstance(b, ChartBlock) and b.kind == "correlation_heatmap"]
    assert chart.kind == "correlation_heatmap" and chart.alt and chart.caption
    data = chart.data
    assert data["names"] == NUMERIC and data["method"] == "pearson"
    m = data["matrix"]
    assert len(m) == 5 and all(len(row) == 5 for row in m)
    for i, a in enumerate(NUMERIC):
        assert m[i][i] == 1.0
        for j, b in enumerate(NUMERIC):
            if i < j:
                assert m[i][j] == m[j][i] == approx(R[f"pearson|{a}|{b}"]["r"])
    ranked = _table(section, "The 25 strongest")
    strengths = [row[2] for row in ranked.rows]
    assert strengths == sorted(strengths, reverse=True) and len(ranked.rows) == 25
    assert len(ranked.row_notes) == 25
    assert ranked.rows[0][:2] == ["flipper_length_mm × species", "eta"]
    assert any("25 strongest of 28" in n for n in section.notes)
    json.dumps(to_jsonable(section), allow_nan=False)


def test_summary_paragraph_words(section):
    text = section.summary
    assert text.startswith("The strongest associations are flipper_length_mm by species (eta = 0.88)")
    assert "flipper_length_mm and body_mass_g (r = 0.87)" in text
    # R: sum(p.adjust(p, "BH") < 0.05) over the 28 p-values
    n_sig = sum(v["p_bh"] < 0.05 for k, v in R.items() if k.startswith("bh:"))
    assert f"Of the 28 pairs tested, {n_sig} have a Benjamini–Hochberg-adjusted p-value below 0.05" in text
    for phrase in (
        "false discovery rate",
        "exploratory screening",
        "confounding",
        "reverse causation",
        "not that it is strong",
    ):
        assert phrase in text
    methods = section.blocks[0].text
    assert "from all 344 rows" in methods and "each pair uses its own complete rows" in methods


def test_duckdb_backend_gives_the_same_numbers():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rel = con.from_arrow(pl.read_csv(DATASETS / "penguins.csv", null_values="NA").to_arrow())
    ctx = context(rel)
    assert nw.get_native_namespace(ctx.table.frame).__name__ == "duckdb"
    (sec,) = correlations.build(ctx)
    (chart,) = [b for b in sec.blocks if isinstance(b, ChartBlock) and b.kind == "correlation_heatmap"]
    for i, a in enumerate(NUMERIC):
        for j, b in enumerate(NUMERIC):
            if i < j:
                assert chart.data["matrix"][i][j] == approx(R[f"pearson|{a}|{b}"]["r"])
    ranked = _table(sec, "The 25 strongest")
    row = next(r for r in ranked.rows if r[0] == "species × island")
    assert row[3] == approx(R["cramer|species|island"]["v"]) and row[5] == 344
    row = next(r for r in ranked.rows if r[0] == "body_mass_g × species")
    assert row[3] == approx(R["eta|body_mass_g|species"]["eta"], 1e-8) and row[5] == 342


def test_engine_functions_on_duckdb_match_polars():
    duckdb = pytest.importorskip("duckdb")
    df = pl.DataFrame(
        {"a": [1.0, 2, 3, None, float("nan"), 5], "b": [2.0, 4, 7, 1, 3, 9], "g": ["u", "v", "u", None, "v", "u"]}
    )
    frames = [nw.from_native(df.lazy()), nw.from_native(duckdb.connect().from_arrow(df.to_arrow()))]
    results = []
    for lf in frames:
        values = {"a": nw.when(nw.col("a").is_finite()).then(nw.col("a")), "b": nw.col("b")}
        results.append(
            (
                engine.pair_moments(lf, values, [("a", "b")], rows=6),
                engine.cross_table(lf, "g", "g"),
                engine.group_moments(lf, "g", values),
            )
        )
    assert results[0] == results[1]
    m = results[0][0][("a", "b")]  # complete finite pairs: (1,2), (2,4), (3,7), (5,9)
    assert (m.n, m.mean_x, m.mean_y, m.sxx, m.syy, m.sxy) == (4, 2.75, 5.5, 8.75, 29.0, 15.5)


def test_undefined_pair_is_reported_not_nan():
    # z is constant on the rows where y is present: Pearson's r of (z, y) is undefined.
    df = pl.DataFrame({"z": [1.0, 1, 1, 1, 2, 3], "y": [1.0, 2, 3, 4, None, None], "w": [3.0, 1, 2, 5, 4, 4]})
    (sec,) = correlations.build(context(df))
    (chart,) = [b for b in sec.blocks if isinstance(b, ChartBlock) and b.kind == "correlation_heatmap"]
    assert chart.data["matrix"][0][1] is None and chart.data["matrix"][1][0] is None
    undefined = _table(sec, "Pairs whose association is undefined")
    assert undefined.rows == [
        [
            "z × y",
            "Pearson's r",
            "undefined",
            4,
            "Pearson's r is undefined because z is constant (its 4 complete values are all equal): a correlation "
            "needs both variables to vary.",
        ]
    ]
    json.dumps(to_jsonable(sec), allow_nan=False)  # no NaN anywhere


def test_overflowing_values_give_undefined_not_an_error():
    df = pl.DataFrame({"a": [1e200, 2e200, 3e200, 4e200, 1e200], "b": [1.0, 2, 3, 4, 6]})
    (sec,) = correlations.build(context(df))
    row = _table(sec, "Pairs whose association is undefined").rows[0]
    assert row[2] == "undefined" and row[4].startswith("Not computable: the values of a are too large")


def test_wide_table_is_capped():
    rng = np.random.default_rng(7)
    n = 60
    data = {f"x{i:02d}": rng.normal(size=n) for i in range(40)}
    df = pl.DataFrame(data).with_columns(  # x00..x09 have missing values: the cap keeps the 30 complete ones
        [pl.when(pl.int_range(n) <= i).then(None).otherwise(pl.col(f"x{i:02d}")).alias(f"x{i:02d}") for i in range(10)]
    )
    (sec,) = correlations.build(context(df))
    (chart,) = [b for b in sec.blocks if isinstance(b, ChartBlock) and b.kind == "correlation_heatmap"]
    assert chart.data["names"] == [f"x{i:02d}" for i in range(10, 40)]
    assert any(
        note.startswith("10 columns left out (only the 30 numeric columns with the most present values")
        for note in sec.notes
    )
    ranked = _table(sec, "The 25 strongest associations of 435")
    assert len(ranked.rows) == correlations.TOP_PAIRS == 25
    assert any("25 strongest of 435 measured pairs" in note and "all 435 tests" in note for note in sec.notes)


def test_categorical_caps_and_levels():
    rng = np.random.default_rng(3)
    n = 80
    data = {f"c{i:02d}": rng.choice(["a", "b", "c"], n).tolist() for i in range(22)}
    data["c00"] = [None] * 5 + data["c00"][5:]  # fewest present values: left out by the cap
    data["c01"] = [None] * 4 + data["c01"][4:]
    data["many"] = [f"L{i % 31}" for i in range(n)]  # 31 levels
    plan = correlations.plan_columns(context(pl.DataFrame(data)))
    assert len(plan.categorical) == 20 and "c00" not in plan.categorical and "c01" not in plan.categorical
    assert any("more than 30 categories" in note and "many" in note for note in plan.notes)
    assert any(note.startswith("2 columns left out (only the 20 categorical") for note in plan.notes)


def test_zero_or_one_usable_column_and_switch_off():
    (one,) = correlations.build(context(pl.DataFrame({"a": [1.0, 2, 3, 5]})))
    assert one.blocks == [] and "1 usable numeric and 0 usable categorical" in one.summary
    ctx = context(pl.DataFrame({"a": [1.0, 2, 3, 5], "b": [2.0, 1, 4, 3]}), correlations=False)
    assert correlations.build(ctx) == []
    (mixed,) = correlations.build(context(pl.DataFrame({"a": [1.0, 2, 3, 5], "g": ["u", "v", "u", "v"]})))
    assert [b.type for b in mixed.blocks] == ["paragraph", "table"]  # one eta, no heatmap


def test_sampled_rank_correlations_say_so():
    ctx = context(DATASETS / "penguins.csv", sample_size=100)
    assert ctx.summary.sampled
    (sec,) = correlations.build(ctx)
    assert "a uniform random sample of 100 of the 344 rows" in sec.blocks[0].text
    ranked = _table(sec, "The 25 strongest")
    assert ranked.columns[8].help.endswith("from a random sample of 100 rows")
    (chart,) = [b for b in sec.blocks if isinstance(b, ChartBlock) and b.kind == "correlation_heatmap"]
    assert chart.data["matrix"][2][3] == approx(R["pearson|flipper_length_mm|body_mass_g"]["r"])  # still full data


# --- wording -----------------------------------------------------------------------------------------------------


def test_short_explanations():
    x = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    curved = [math.exp(v) for v in x]
    strong = correlation(x, curved, x_name="dose", y_name="response")
    rho = correlation(x, curved, "spearman")
    text = short_explanation(strong, 0.0001, rank=rho)
    assert text.startswith(f"dose and response: r = {np.corrcoef(x, curved)[0, 1]:.3f}")  # numpy as the reference
    assert "large positive correlation (larger dose goes with larger response)" in text
    assert "Benjamini–Hochberg-adjusted p < 0.001." in text
    assert "Spearman's rho is 1, stronger than r: the relation may be curved" in text
    weak = correlation(x, [3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8], x_name="a", y_name="b")
    assert "compatible with no correlation" in short_explanation(weak, 0.4)
    tiny = correlation([1.0, 2, 3, 4, 5], [2.0, 1, 4, 3, 5])
    assert "With only 5 rows the estimate is very imprecise." in short_explanation(tiny, 0.2)
    undefined = correlation([1.0, 2, 3], [5.0, 5, 5], x_name="a", y_name="b")
    assert short_explanation(undefined).startswith("a and b: Pearson's r is undefined. Pearson's r is undefined")
    assert (
        association_summary([], 0, 0) == "No pair of columns could be measured, so there are no associations to report."
    )


def test_stacked_group_moments_equal_numpy_per_group():
    """One group_by over three grouping columns, pooled per column, gives each group's count, mean and variance
    as numpy computes them on that group's present finite values (missing group rows left out), on polars and
    DuckDB; and the per-group pass's figures when the combinations are too many to stack."""
    duckdb = pytest.importorskip("duckdb")
    rng = np.random.default_rng(7)
    n = 600
    y = rng.normal(1e6, 3.0, n)  # a large mean: pooling must not lose the small variance to cancellation
    y[rng.random(n) < 0.1] = np.nan
    df = pl.DataFrame(
        {
            "g": rng.choice(["a", "b", "c"], n),
            "h": rng.integers(1, 6, n),
            "k": rng.random(n) < 0.3,
            "y": y,
        }
    ).with_columns(
        pl.when(pl.int_range(pl.len()) % 17 == 0).then(None).otherwise(pl.col("g")).alias("g"),
        pl.when(pl.int_range(pl.len()) % 23 == 0).then(None).otherwise(pl.col("h")).alias("h"),
    )
    values = {"y": nw.when(~nw.col("y").is_nan()).then(nw.col("y"))}
    distinct = {"g": 3, "h": 5, "k": 2}
    for native in (df.lazy(), duckdb.connect().from_arrow(df.to_arrow())):
        stacked = engine.groups_moments(nw.from_native(native), ["g", "h", "k"], values, distinct)
        for group in ("g", "h", "k"):
            moments = stacked[group]["y"]
            present = df.filter(pl.col(group).is_not_null())
            levels = sorted(present[group].unique().to_list())
            assert moments.labels == [engine.label(v) for v in levels]
            for i, level in enumerate(levels):
                ys = present.filter(pl.col(group) == level)["y"].to_numpy()
                ys = ys[~np.isnan(ys)]
                assert moments.sizes[i] == len(ys)
                assert moments.means[i] == approx(ys.mean(), rel=1e-14)
                assert moments.variances[i] == approx(ys.var(ddof=1), rel=1e-9)
    one_pass_each = engine.groups_moments(nw.from_native(df.lazy()), ["g", "h"], values, {"g": 20_000, "h": 5})
    separate = engine.group_moments(nw.from_native(df.lazy()), "h", values)["y"]
    assert one_pass_each["h"]["y"].labels == separate.labels and one_pass_each["h"]["y"].sizes == separate.sizes
    # polars' threaded sums may add in another order from one query to the next: equal up to float rounding
    assert one_pass_each["h"]["y"].means == approx(separate.means, rel=1e-14)
    assert one_pass_each["h"]["y"].variances == approx(separate.variances, rel=1e-9)


def test_stacked_cross_tables_count_every_pair_of_levels():
    """The cross-tables added up from the stacked group_by's cells: the rows of every pair of levels, counted here
    in Python over the raw rows (missing values left out), on polars and DuckDB, and the per-pair passes' tables
    when the combinations are too many to stack."""
    from collections import Counter

    duckdb = pytest.importorskip("duckdb")
    rng = np.random.default_rng(9)
    n = 500
    df = pl.DataFrame(
        {
            "g": rng.choice(["b", "a", "c", None], n).tolist(),
            "h": [None if v == 0 else int(v) for v in rng.choice([3, 1, 2, 0], n)],
            "k": rng.random(n) < 0.4,
        }
    )
    values = {"y": nw.lit(1.0)}
    tables = [("g", "h"), ("g", "k"), ("h", "k")]
    rows = df.rows(named=True)
    for native in (df.lazy(), duckdb.connect().from_arrow(df.to_arrow())):
        for distinct in ({"g": 3, "h": 3, "k": 2}, {"g": 20_000, "h": 3, "k": 2}):  # stacked, then one pass each
            _, found = engine.groups_aggregates(nw.from_native(native), ["g", "h", "k"], values, distinct, tables)
            assert list(found) == tables
            for a, b in tables:
                counted = Counter((r[a], r[b]) for r in rows if r[a] is not None and r[b] is not None)
                row_levels = sorted({x for x, _ in counted})
                col_levels = sorted({y for _, y in counted})
                assert found[(a, b)] == (
                    [engine.label(v) for v in row_levels],
                    [engine.label(v) for v in col_levels],
                    [[counted[(x, y)] for y in col_levels] for x in row_levels],
                )


def schema_of(df: pl.DataFrame, names: list[str]) -> object:
    from edakit.schema import ColumnSchema, Schema

    return Schema([ColumnSchema(n, str(df[n].dtype), "numeric") for n in names])


def stats_of(df: pl.DataFrame, names: list[str]) -> dict[str, dict[str, int]]:
    return {n: {"count": df[n].count(), "min": df[n].min(), "max": df[n].max()} for n in names}


def test_stacked_integer_sums_of_narrow_and_complete_columns_are_exact():
    """The stacked `group_by`'s integer sums with a complete column's count taken from the cell's rows and 8- and
    16-bit columns summed as held (polars widens them): each level's size, mean and variance equal the fractions of
    Python integers over the raw rows, on polars and DuckDB, for sums far beyond the columns' own range."""
    from fractions import Fraction

    duckdb = pytest.importorskip("duckdb")
    rng = np.random.default_rng(3)
    n = 4_000
    df = pl.DataFrame(
        {
            "g": rng.choice(["b", "a", "c"], n).tolist(),
            "k": rng.choice([1, 2], n).tolist(),
            "i16": pl.Series(rng.integers(30_000, 32_767, n), dtype=pl.Int16),  # Σx ≈ 4e7, far above Int16
            "u8": pl.Series(rng.integers(200, 256, n), dtype=pl.UInt8),
            "gap": pl.Series(
                [None if i % 7 == 0 else int(v) for i, v in enumerate(rng.integers(-900, 900, n))], dtype=pl.Int16
            ),
            "i32": pl.Series(rng.integers(30_000_000, 45_000_000, n), dtype=pl.Int32),  # Σx beyond Int32
        }
    )
    names = ["i16", "u8", "gap", "i32"]
    values = {name: nw.col(name) for name in names}
    complete = {"i16", "u8", "i32"}
    assert engine.exact_sums(names, schema_of(df, names), stats_of(df, names)) == set(names)
    rows = df.rows(named=True)
    for native in (df.lazy(), duckdb.connect().from_arrow(df.to_arrow())):
        work = nw.from_native(native)
        moments, _ = engine.groups_aggregates(work, ["g", "k"], values, {"g": 3, "k": 2}, (), True, names, complete)
        for group in ("g", "k"):
            for name in names:
                m = moments[group][name]
                for level, size, mean, var in zip(m.labels, m.sizes, m.means, m.variances, strict=True):
                    x = [r[name] for r in rows if engine.label(r[group]) == level and r[name] is not None]
                    total, squares = sum(x), sum(v * v for v in x)
                    assert size == len(x)
                    assert mean == float(Fraction(total, size))
                    assert var == float(Fraction(size * squares - total * total, size * (size - 1)))
