"""The A/B test's engine pass for CUPED (`engine.ancova.hc2_sums`: every metric's HC2 sums in one `group_by`)
checked against statsmodels' own HC2 fit on the raw rows, with several metrics sharing one covariate.

Each metric has its own complete cases (rows with a variant, a finite metric and a finite covariate), so each
gets its own ANCOVA; the reference is statsmodels `OLS(y ~ variant indicators + x).fit(cov_type="HC2",
use_t=True)` on exactly those rows, which is R's `lm` with `sandwich::vcovHC(type = "HC2")` and
`lmtest::coeftest`. Nothing here is copied from edakit's output.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from edakit.abtest import ab

ARMS = ("a", "b", "c")


def _table() -> pl.DataFrame:
    """Three arms of unequal size; `spend` (float) has NaN, infinities and missing values, `orders` (integer) is
    missing in every row of arm c, and the covariate `pre` is missing in some rows."""
    rng = np.random.default_rng(2025)
    n = 900
    arm = rng.choice(ARMS, n, p=[0.5, 0.3, 0.2])
    pre = rng.gamma(2.0, 10.0, n)
    lift = np.select([arm == "b", arm == "c"], [1.5, -0.5], 0.0)
    spend = 3.0 + 0.8 * pre + lift + rng.normal(0, 1 + pre / 10, n)  # unequal variances: HC2 differs from OLS
    orders = rng.poisson(1 + pre / 20).astype(float)
    spend[rng.choice(n, 20, replace=False)] = np.nan
    spend[:3] = [np.inf, -np.inf, np.nan]
    pre_missing = rng.choice(n, 15, replace=False)
    frame = pl.DataFrame({"arm": arm, "pre": pre, "spend": spend, "orders": orders})
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()).is_in(pre_missing)).then(None).otherwise(pl.col("pre")).alias("pre"),
        pl.when(pl.col("arm") == "c").then(None).otherwise(pl.col("orders")).cast(pl.Int64).alias("orders"),
    )


def _hc2_reference(frame: pl.DataFrame, metric: str) -> dict[str, tuple[float, float]]:
    """statsmodels' HC2 fit on the metric's complete cases: treatment -> (coefficient, standard error)."""
    import statsmodels.api as sm

    rows = frame.filter(
        pl.col(metric).cast(pl.Float64).is_finite() & pl.col("pre").is_not_null() & pl.col("arm").is_not_null()
    )
    arms = sorted(set(rows["arm"].to_list()))
    treatments = [t for t in arms if t != "a"]
    design = np.column_stack(
        [np.ones(rows.height)] + [(rows["arm"] == t).to_numpy() for t in treatments] + [rows["pre"].to_numpy()]
    ).astype(float)
    fit = sm.OLS(rows[metric].cast(pl.Float64).to_numpy(), design).fit(cov_type="HC2", use_t=True)
    return {t: (fit.params[1 + i], fit.bse[1 + i]) for i, t in enumerate(treatments)}


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return _table()


@pytest.fixture(params=["one chunk", "small chunks"])
def chunks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The numpy sums (`engine.ab_sums`) over the fixture's rows read in one chunk and one block per variant, or in
    chunks of 97 rows and blocks of 13 values (a chunk's variants cut into blocks, the blocks added in order)."""
    if request.param == "small chunks":
        from edakit.engine import ab_sums

        monkeypatch.setattr(ab_sums, "CHUNK_ROWS", 97)
        monkeypatch.setattr(ab_sums, "BLOCK", 13)


@pytest.mark.usefixtures("chunks")
def test_every_metric_gets_its_own_hc2_fit_from_one_pass(table: pl.DataFrame) -> None:
    r = ab(table, group="arm", metrics=["spend", "orders"], control="a", covariate="pre")
    for metric, treatments in (("spend", ("b", "c")), ("orders", ("b",))):
        reference = _hc2_reference(table, metric)
        assert sorted(reference) == list(treatments)  # arm c has no complete case of orders: not in its model
        for t in treatments:
            cu = r.comparison(metric, t).cuped
            assert cu is not None and "HC2" in cu.method
            assert cu.estimate == pytest.approx(reference[t][0], rel=1e-9)
            assert cu.se == pytest.approx(reference[t][1], rel=1e-9)
    assert r.skipped == {"orders: c vs a": "every value of orders is missing in variant c"}


def test_the_pass_gives_the_same_numbers_on_pandas_and_duckdb(table: pl.DataFrame) -> None:
    import duckdb

    kwargs = {"group": "arm", "metrics": ["spend", "orders"], "control": "a", "covariate": "pre"}
    base = ab(table, **kwargs)
    for frame in (table.to_pandas(), duckdb.connect().from_arrow(table.to_arrow())):
        other = ab(frame, **kwargs)
        for c in base.comparisons:
            o = other.comparison(c.metric, c.treatment)
            assert o.cuped.se == pytest.approx(c.cuped.se, rel=1e-10)
            assert o.cuped.ci == pytest.approx(c.cuped.ci, rel=1e-10)


@pytest.mark.usefixtures("chunks")
@pytest.mark.parametrize("in_memory", [False, True], ids=["engine", "numpy"])
@pytest.mark.parametrize("complete", [True, False])
def test_per_variant_and_joint_moments_equal_numpy(table: pl.DataFrame, complete: bool, in_memory: bool) -> None:
    """`engine.groups.group_aggregates` against numpy on each variant's rows: n, mean, variance (ddof 1) and the
    sum of the metric; with the covariate, the complete cases' means, variances and covariance. `complete`: no
    value missing anywhere, where every metric's complete cases are the covariate's rows and the joint sums are
    shared; else each metric has its own complete cases (the fixture's NaN, ±inf and gaps). `in_memory`: the
    sums added by numpy in row order (`engine.ab_sums`), else by the engine's per-variant selects."""
    import narwhals.stable.v2 as nw

    from edakit.engine.groups import group_aggregates

    if complete:
        table = table.filter(pl.col("spend").is_finite() & pl.col("pre").is_not_null()).with_columns(
            pl.col("orders").fill_null(2)
        )
    agg = group_aggregates(nw.from_native(table.lazy()), "arm", ["spend", "orders"], "pre", in_memory=in_memory)
    assert agg.labels == list(ARMS) and agg.rows == {a: int((table["arm"] == a).sum()) for a in ARMS}
    for metric in ("spend", "orders"):
        for arm in ARMS:
            rows = table.filter(pl.col("arm") == arm)
            y = rows[metric].cast(pl.Float64).to_numpy()
            x = rows["pre"].cast(pl.Float64).to_numpy()
            finite = np.isfinite(y)
            m = agg.metrics[metric][arm]
            assert m.n == finite.sum()
            if m.n > 1:
                assert m.mean == pytest.approx(y[finite].mean(), rel=1e-12)
                assert m.var == pytest.approx(y[finite].var(ddof=1), rel=1e-10)
                assert m.total == pytest.approx(y[finite].sum(), rel=1e-12)
            both = finite & np.isfinite(x)
            j = agg.joint[metric][arm]
            assert j.n == both.sum()
            if j.n > 1:
                cov = np.cov(y[both], x[both], ddof=1)
                assert (j.mean_y, j.mean_x) == pytest.approx((y[both].mean(), x[both].mean()), rel=1e-12)
                assert (j.var_y, j.var_x, j.cov_xy) == pytest.approx((cov[0, 0], cov[1, 1], cov[0, 1]), rel=1e-10)


def test_column_names_like_the_working_columns_change_nothing(table: pl.DataFrame) -> None:
    """The passes' working columns never clash with the table's: columns named like them give the same result."""
    kwargs = {"control": "a"}
    base = ab(table, group="arm", metrics=["spend", "orders"], covariate="pre", **kwargs)
    renamed = table.rename({"arm": "g", "spend": "x", "orders": "y0", "pre": "d0"})
    other = ab(renamed, group="g", metrics=["x", "y0"], covariate="d0", **kwargs)
    for c in base.comparisons:
        o = other.comparison({"spend": "x", "orders": "y0"}[c.metric], c.treatment)
        assert (o.estimate, o.p_value) == pytest.approx((c.estimate, c.p_value), rel=1e-12)
        assert o.cuped.se == pytest.approx(c.cuped.se, rel=1e-10)


@pytest.mark.parametrize("in_memory", [False, True], ids=["engine", "numpy"])
@pytest.mark.parametrize("variants", [["a", "b"], ["a", "b", "c", "zz"], ["c", "a", "b"]])
def test_variants_given_by_the_caller_are_checked_against_the_rows(
    table: pl.DataFrame, variants: list[str], in_memory: bool
) -> None:
    """The variant values a caller passes (the report's profile counts them) spare the query of the distinct
    values; a list that misses a variant or names one absent from the rows gives the rows' own variants and the
    same allocation, counted here by numpy, and the same moments as without the list."""
    import narwhals.stable.v2 as nw

    from edakit.engine.groups import group_aggregates

    frame = nw.from_native(table.lazy())
    given = group_aggregates(frame, "arm", ["spend", "orders"], "pre", variants=variants, in_memory=in_memory)
    plain = group_aggregates(frame, "arm", ["spend", "orders"], covariate="pre")
    arms, counts = np.unique(table["arm"].to_numpy(), return_counts=True)
    assert given.labels == list(arms) == plain.labels
    assert given.rows == dict(zip(arms.tolist(), counts.tolist(), strict=True))
    for metric in ("spend", "orders"):
        for arm in ARMS:
            g, p = given.metrics[metric][arm], plain.metrics[metric][arm]
            assert g.n == p.n and (g.mean, g.var) == pytest.approx((p.mean, p.var), rel=1e-12, nan_ok=True)
            assert given.joint[metric][arm].cov_xy == pytest.approx(plain.joint[metric][arm].cov_xy, nan_ok=True)


@pytest.mark.parametrize("variants", [None, ["b"]], ids=["none given", "one given"])
def test_variants_first_seen_in_later_chunks_are_found(
    table: pl.DataFrame, variants: list[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows sorted by their variant and read in chunks of 97: arms b and c first appear chunks after the first, so
    the numpy pass (`engine.ab_sums.partition`) finds them where they appear (no query of the distinct values
    first; the report starts it before the profile has counted them). Allocation by numpy's `unique`, each arm's
    n, mean and SD by numpy on its rows, and the rows without a variant counted, not kept."""
    import narwhals.stable.v2 as nw

    from edakit.engine import ab_sums
    from edakit.engine.groups import group_aggregates

    monkeypatch.setattr(ab_sums, "CHUNK_ROWS", 97)
    monkeypatch.setattr(ab_sums, "BLOCK", 13)
    unsorted = table.with_columns(pl.when(pl.int_range(pl.len()) % 50 == 7).then(None).otherwise("arm").alias("arm"))
    rows = unsorted.sort("arm", nulls_last=True, maintain_order=True)
    agg = group_aggregates(nw.from_native(rows.lazy()), "arm", ["spend"], "pre", variants=variants, in_memory=True)
    arms, counts = np.unique(rows["arm"].drop_nulls().to_numpy(), return_counts=True)
    assert agg.labels == list(arms) == list(ARMS)
    assert agg.rows == dict(zip(arms.tolist(), counts.tolist(), strict=True))
    assert agg.missing_group == rows["arm"].null_count() == 18
    for arm in ARMS:
        y = rows.filter(pl.col("arm") == arm)["spend"].to_numpy()
        y = y[np.isfinite(y)]
        m = agg.metrics["spend"][arm]
        assert (m.n, m.mean, math.sqrt(m.var)) == (y.size, pytest.approx(y.mean()), pytest.approx(y.std(ddof=1)))


def test_too_many_variants_on_rows_in_memory_says_how_many() -> None:
    """More distinct values than an A/B test has variants: the numpy pass stops when it has found 21, and the
    error gives their number (counted by the engine), as the selects' path does."""
    import narwhals.stable.v2 as nw

    from edakit.engine.groups import group_aggregates
    from edakit.errors import EdakitError

    frame = pl.DataFrame({"g": [f"v{i % 40}" for i in range(400)], "y": np.arange(400.0)})
    for in_memory in (True, False):
        with pytest.raises(EdakitError, match="'g' has 40 distinct values"):
            group_aggregates(nw.from_native(frame.lazy()), "g", ["y"], in_memory=in_memory)


@pytest.mark.usefixtures("chunks")
@pytest.mark.parametrize("dtype", [pl.Int16, pl.UInt8])
def test_small_integer_metrics_kept_as_integers_give_statsmodels_fit(table: pl.DataFrame, dtype: pl.DataType) -> None:
    """A metric of 8- or 16-bit integers is kept as such by the numpy pass in its chunks without a missing value
    (with chunks of 97 rows, all but the first; with one chunk, none): each arm's n, mean and SD by numpy on its
    rows, and CUPED's estimate and HC2 standard error by statsmodels, as for the 64-bit column."""
    import narwhals.stable.v2 as nw

    from edakit.engine.groups import group_aggregates

    first = pl.int_range(pl.len()) < 40  # missing in the first rows only: the chunks after them have none
    orders = pl.when(first).then(None).otherwise(pl.col("orders").fill_null(3)).cast(dtype)
    small = table.with_columns(orders.alias("orders"))
    agg = group_aggregates(nw.from_native(small.lazy()), "arm", ["orders"], "pre", in_memory=True)
    for arm in ARMS:
        y = small.filter(pl.col("arm") == arm)["orders"].drop_nulls().cast(pl.Float64).to_numpy()
        m = agg.metrics["orders"][arm]
        assert (m.n, m.mean, m.var) == (y.size, pytest.approx(y.mean()), pytest.approx(y.var(ddof=1)))
        assert m.total == pytest.approx(y.sum())
    r = ab(small, group="arm", metrics=["orders"], control="a", covariate="pre")
    for arm, (estimate, se) in _hc2_reference(small, "orders").items():
        cu = r.comparison("orders", arm).cuped
        assert (cu.estimate, cu.se) == (pytest.approx(estimate, rel=1e-9), pytest.approx(se, rel=1e-9))


@pytest.mark.usefixtures("chunks")
def test_metric_scans_count_the_rows_with_a_variant(table: pl.DataFrame) -> None:
    """What the first pass learns of each metric (finite values, values other than 0 and 1, negative ones,
    NaN and ±inf apart from missing ones) and the covariate's and complete cases' counts, over the rows with a
    variant: the same from the numpy pass (`engine.ab_sums.shifts`) and the engine's select, and as numpy counts
    them on those rows. Some rows lose their variant, some of spend's values are missing (not NaN) and some
    negative."""
    import narwhals.stable.v2 as nw

    from edakit.engine.groups import group_aggregates

    row = pl.int_range(pl.len())
    rows = table.with_columns(
        pl.when(row % 31 == 5).then(None).otherwise("arm").alias("arm"),
        pl.when(row % 37 == 11).then(None).when(row % 13 == 4).then(-pl.col("spend")).otherwise("spend").alias("spend"),
    )
    frame = nw.from_native(rows.lazy())
    numpy_pass = group_aggregates(frame, "arm", ["spend", "orders"], "pre", in_memory=True)
    engine_pass = group_aggregates(frame, "arm", ["spend", "orders"], "pre", in_memory=False)
    kept = rows.filter(pl.col("arm").is_not_null())
    pre = kept["pre"].to_numpy()
    for metric in ("spend", "orders"):
        raw = kept[metric].cast(pl.Float64)
        y = raw.to_numpy()
        finite = np.isfinite(y)
        scan = numpy_pass.scans[metric]
        assert scan == engine_pass.scans[metric]
        assert scan.count == finite.sum() and scan.non_finite == (~finite).sum() - raw.null_count()
        assert scan.not_01 == ((y != 0) & (y != 1) & finite).sum() and scan.negatives == (finite & (y < 0)).sum()
        assert sum(j.n for j in numpy_pass.joint[metric].values()) == (finite & np.isfinite(pre)).sum()
    assert numpy_pass.scans["spend"].non_finite > 0 and numpy_pass.scans["spend"].negatives > 0
    assert numpy_pass.missing_group == engine_pass.missing_group == rows["arm"].null_count()
