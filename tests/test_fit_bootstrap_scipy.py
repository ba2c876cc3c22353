"""The distribution section's fast paths give scipy's own numbers: the bootstrap of the centre (resampled ranks, a
small batch) against `scipy.stats.bootstrap` resampling the values with `np.mean` and `np.median`, both seeded
alike; the KS test's vectorised re-fits (closed forms, Brent's method on every sample at once) against
`<family>.fit` per sample and `scipy.optimize.brentq`, and its statistic and p-value against
`scipy.stats.goodness_of_fit`; and the families, fits and Brent's method that the report evaluates without
scipy.stats or scipy.optimize (`stats.families`, `stats._search.brentq`) against the scipy calls they replace, over
grids with edges and on the bundled datasets' columns. Equality is exact: the fast paths only change how the same
numbers are computed."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from edakit.stats import _search, families, fitting, gof
from edakit.stats import bootstrap as boot
from edakit.stats._draws import SharedDraws

KNOWN = {"norm": None, "lognorm": {"loc": 0.0}, "expon": {"loc": 0.0}, "gamma": {"loc": 0.0}}  # the fixed locations


def ks_of_frozen(dist: object, data: np.ndarray, axis: int = -1) -> np.ndarray:
    """`gof.ks_statistic` as a `goodness_of_fit` statistic: scipy's frozen re-fit (shapes, loc, scale) as a Family."""
    *shapes, loc, scale = dist.args
    return gof.ks_statistic(families.Family(dist.dist.name, tuple(shapes), loc, scale), data, axis)


def _scipy_center(x: np.ndarray, seed: int, resamples: int, max_n: int) -> stats._resampling.BootstrapResult:
    """scipy's bootstrap of (mean, median) of the values as `bootstrap_center` draws them: the same seeded subset,
    then resamples of the sorted values (the ranks `bootstrap_center` resamples index the sorted values)."""
    rng = np.random.default_rng(seed)
    if x.size > max_n:
        x = rng.choice(x, max_n, replace=False)

    def mean_and_median(sample: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.stack([np.mean(sample, axis=axis), np.median(sample, axis=axis)])

    return stats.bootstrap(
        (np.sort(x),), mean_and_median, n_resamples=resamples, method="percentile", vectorized=True, rng=rng
    )


@pytest.mark.parametrize(
    "size, max_n, resamples",
    [(345, 2_000, 2_000), (1_999, 2_000, 701), (5_000, 2_000, 300)],  # odd and even n, a subset, odd counts
)
def test_bootstrap_center_equals_scipy_on_the_values(size: int, max_n: int, resamples: int) -> None:
    rng = np.random.default_rng(size)
    x = np.round(rng.gamma(2.0, 3.0, size), 1)  # ties, as in rounded measurements
    ours = boot.bootstrap_center(x, seed=5, resamples=resamples, max_n=max_n)
    ref = _scipy_center(x, 5, resamples, max_n)
    low, high, se = ref.confidence_interval.low, ref.confidence_interval.high, ref.standard_error
    assert ours.mean_boot_ci == (low[0], high[0]) and ours.median_boot_ci == (low[1], high[1])
    assert (ours.mean_boot_se, ours.median_boot_se) == (se[0], se[1])
    assert ours.boot_skewness == stats.skew(ref.bootstrap_distribution[0])


@pytest.mark.parametrize(
    "family, draw",
    [
        ("normal", lambda rng: rng.normal(5.0, 2.0, 300)),
        ("log-normal", lambda rng: rng.lognormal(1.0, 0.5, 300)),
        ("exponential", lambda rng: np.r_[0.0, rng.exponential(2.0, 299)]),  # a 0: no log-normal or gamma
        ("gamma", lambda rng: rng.gamma(2.0, 3.0, 2_500)),  # a seeded subset of GOF_MAX_N, re-fitted
    ],
)
def test_ks_p_value_equals_scipys_goodness_of_fit(family: str, draw: object) -> None:
    """`ks_test`'s parametric-bootstrap p-value is scipy's `goodness_of_fit(statistic="ks")` on the same values
    with the same seed, and its statistic gives scipy's null distribution of D to the last bit."""
    x = draw(np.random.default_rng(8))
    fit = fitting.fit_distributions(x, seed=4)
    assert fit.best.family == family
    rng = np.random.default_rng(4)
    data = rng.choice(x, fitting.GOF_MAX_N, replace=False) if x.size > fitting.GOF_MAX_N else x
    name = fitting._SCIPY_FIT[family]
    dist, known, n = getattr(stats, name), KNOWN[name], fitting.GOF_RESAMPLES
    ref = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=n, rng=rng)
    assert fit.gof.p_value == ref.pvalue and fit.gof.n == data.size
    refit = fitting._CONTINUOUS[family](data, 1.0) if x.size > data.size else fit.best
    assert fit.gof.statistic == stats.kstest(data, refit.frozen().cdf).statistic
    ours = stats.goodness_of_fit(dist, data, known_params=known, statistic=ks_of_frozen, n_mc_samples=n, rng=1)
    scipys = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=n, rng=1)
    assert np.array_equal(ours.null_distribution, scipys.null_distribution) and ours.statistic == scipys.statistic


def test_log_likelihoods_of_repeated_values_equal_scipys_sum_over_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole numbers spanning few values have their log-densities evaluated once per number of the span: ℓ is
    still scipy's `logpdf(x).sum()` (or `logpmf`) over every value in the column's order, to the last bit (the fit
    with that shortcut turned off makes exactly that call), and the fitted family's own log-density agrees."""
    rng = np.random.default_rng(12)
    rounded = np.round(rng.gamma(3.0, 40.0, 20_000))  # whole minutes: a few hundred distinct values
    counts = rng.negative_binomial(3, 0.3, 20_000).astype(float)

    def fit_both() -> list[fitting.FamilyFit]:
        return fitting.fit_distributions(rounded, counts=False).fits + fitting.fit_distributions(counts).fits

    fits = fit_both()
    monkeypatch.setattr(fitting._Whole, "of", classmethod(lambda cls, x, low, high: None))
    plain = fit_both()
    assert [f.family for f in fits] == [f.family for f in plain] and len(fits) == 6
    for f, g in zip(fits, plain, strict=True):
        assert f.loglik == g.loglik and f.params == g.params and f.se == g.se, f.family
        x = counts if f.discrete else rounded
        scipys = (f.frozen().logpmf(x) if f.discrete else f.frozen().logpdf(x)).sum()
        assert f.loglik == pytest.approx(scipys, rel=1e-13), f.family


def test_resampled_centres_are_scipys_bootstrap_distribution() -> None:
    """`resample_center` (numpy alone) draws what `scipy.stats.bootstrap` draws: its (mean, median) distribution is
    scipy's, value for value, for a subset (5,000 values), an odd n and a column too short or constant to bootstrap."""
    rng = np.random.default_rng(21)
    for x, resamples in [(rng.lognormal(1.0, 0.8, 5_000), 333), (np.round(rng.normal(0, 1, 301), 2), 120)]:
        drawn = boot.resample_center(x, seed=9, resamples=resamples)
        ref = _scipy_center(x, 9, resamples, boot.BOOT_MAX_N)
        assert np.array_equal(drawn.distribution, ref.bootstrap_distribution)
        assert drawn.subset_of == (x.size if x.size > boot.BOOT_MAX_N else None) and drawn.values.size <= 2_000
    assert boot.resample_center(np.arange(9.0)).distribution is None
    assert boot.resample_center(np.full(50, 3.0)).distribution is None


@pytest.mark.parametrize("size, max_n", [(2_600, 2_000), (411, 2_000), (410, 2_000)])  # a subset; odd, even n
def test_columns_sharing_their_ranks_each_get_scipys_bootstrap(
    size: int, max_n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Columns with as many values share one draw of the resampled ranks (`SharedDraws`): each column's bootstrap
    distribution is still scipy's for its own values, as is that of a column with a different count; the shared
    ranks are let go after the last column of their count."""
    rng = np.random.default_rng(size)
    columns = [np.round(rng.lognormal(2.0, 0.7, size), 1), rng.normal(-4.0, 3.0, size), rng.gamma(3.0, 1.0, size + 7)]
    columns[1][[5, 99]] = np.nan  # as many finite values as ...
    columns[0][[17, 300]] = np.inf  # ... this column, missing elsewhere
    draws: list[int] = []
    draw_ranks = boot._draw_ranks
    monkeypatch.setattr(boot, "_draw_ranks", lambda *args: draws.append(1) or draw_ranks(*args))
    keys = [boot.rank_key(int(np.isfinite(x).sum()), seed=11, resamples=250, max_n=max_n) for x in columns]
    shared = SharedDraws(keys)
    for x in columns:
        drawn = boot.resample_center(x, seed=11, resamples=250, max_n=max_n, shared=shared)
        ref = _scipy_center(x[np.isfinite(x)], 11, 250, max_n)
        assert np.array_equal(drawn.distribution, ref.bootstrap_distribution)
    # one draw per generator state after the subset and number of values resampled, as numpy leaves them: a
    # subset of 2,000 of 2,598 or of 2,607 values takes as many draws (one state), none taken from 409 or 418
    after = [_state_after_subset(int(np.isfinite(x).sum()), 11, max_n) for x in columns]
    assert len(draws) == len(set(after)) == (1 if size > max_n else 2) and not shared._drawn


@pytest.mark.parametrize("size", [2_600, 411, 410])  # a subset; odd and even n
def test_whole_number_columns_sharing_their_ranks_take_their_means_together(
    size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever of the columns sharing their ranks draws them takes the bootstrap means of the peers of whole
    numbers together (a count of each rank times its value: exact sums, so np.mean's numbers): each column's
    bootstrap distribution is still scipy's, whether its means came with its peers' or, for values whose sums
    are not exact (fractions, magnitudes whose n-fold exceeds 2^53, a −0.0), by its own gather."""
    rng = np.random.default_rng(size)
    columns = [
        rng.integers(-50, 5_000, size).astype(float),  # whole numbers: taken together
        np.round(rng.normal(-4.0, 3.0, size), 1),  # fractions: its own gather
        rng.poisson(3.0, size).astype(float),  # whole numbers with many ties
        np.r_[2.0**52, rng.integers(0, 100, size - 1)].astype(float),  # whole, but 2^52 n-fold is beyond 2^53
        np.r_[rng.integers(1, 9, size - 1), 7.0],  # whole numbers, one of them infinite below
    ]
    for x in columns[:4]:
        x[9] = np.nan  # as many finite values in every column: one state, one draw of the ranks
    columns[4][4] = np.inf
    gathered: list[int] = []
    take = np.take
    monkeypatch.setattr(boot.np, "take", lambda *args: gathered.append(1) or take(*args))
    keys = [boot.rank_key(int(np.isfinite(x).sum()), seed=3, resamples=250) for x in columns]
    assert len(set(keys)) == 1
    shared = SharedDraws(keys)
    batches = -(-250 // max(1, boot.BOOT_BATCH_VALUES // min(size - 1, 2_000)))
    own = []
    for i, x in enumerate(columns):
        before = len(gathered)
        drawn = boot.resample_center(x, seed=3, resamples=250, shared=shared, peers=columns, member=i)
        own.append(len(gathered) > before)
        ref = _scipy_center(x[np.isfinite(x)], 3, 250, boot.BOOT_MAX_N)
        assert np.array_equal(drawn.distribution, ref.bootstrap_distribution), i
        assert len(gathered) - before in (0, batches)
    assert own == [False, True, False, True, False] and not shared._drawn
    # a −0.0 among the sorted values (np.sort may keep its sign): a sum of zeros keeps it, a product's would not
    assert not boot._exact_sums(np.array([-0.0, 0.0, 1.0])) and boot._exact_sums(np.array([0.0, 0.0, 1.0]))


def _state_after_subset(count: int, seed: int, max_n: int) -> tuple[str, int]:
    """numpy's generator state after a seeded subset of `max_n` of `count` values (none drawn when there are no
    more), and the number of values kept."""
    rng = np.random.default_rng(seed)
    if count > max_n:
        rng.choice(np.zeros(count), max_n, replace=False)
    return repr(rng.bit_generator.state), min(count, max_n)


def _sharing_columns() -> list[tuple[str, np.ndarray]]:
    """(family, values) of columns whose KS tests share draws: counts 2,598 and 2,607 leave one state after their
    subset; 400 keeps the seed's; a normal far from 0 for its spread (location / scale 1e5: a wide rounding margin)."""
    rng = np.random.default_rng(30)
    return [
        ("norm", rng.normal(10.0, 3.0, 2_598)),
        ("lognorm", rng.lognormal(1.0, 0.6, 2_607)),
        ("expon", rng.exponential(4.0, 2_598)),
        ("norm", rng.normal(-2.0, 0.5, 2_607)),
        ("norm", rng.normal(0.0, 1.0, 400)),
        ("lognorm", rng.lognormal(-3.0, 2.0, 2_598)),
        ("norm", rng.normal(1e5, 1.0, 2_607)),
    ]


@pytest.mark.parametrize("margin", [gof.NULL_MARGIN, 1.0])  # 1.0: every count falls back to the column's own null
def test_columns_sharing_the_ks_draws_each_get_scipys_test(monkeypatch: pytest.MonkeyPatch, margin: float) -> None:
    """The KS tests of columns whose generators are in one state after their subset share the standard draws of
    their simulated samples (normal and log-normal: standard normal draws; exponential: standard exponential) and
    the null distribution of D of the unit family simulated from them: each column's statistic and p-value are
    still `scipy.stats.goodness_of_fit`'s on its own subset, whether its count of null distances is taken from the
    unit family's or, when a unit distance lies within the margin of its threshold, from its own null (then
    scipy's to the last bit); scipy's null of each column is the unit family's to within a thousandth of the
    column's margin; the draws are made once per state and kind, the unit nulls once per state, family and size,
    and all are let go when every column of the state is done."""
    monkeypatch.setattr(gof, "NULL_MARGIN", margin)
    columns = _sharing_columns()
    groups = [_state_after_subset(x.size, 6, 2_000)[0] for _, x in columns]
    assert len(set(groups)) == 2  # the premise: numpy's subsets of 2,598 and 2,607 values take as many draws
    draws: list[str] = []
    standard = gof.standard_draws
    monkeypatch.setattr(gof, "standard_draws", lambda kind, *args: draws.append(kind) or standard(kind, *args))
    units: dict[tuple, np.ndarray] = {}
    unit_null = gof.unit_null

    def recorded_unit_null(family: str, size: tuple, rng: object, shared: object, group: str, state: str) -> tuple:
        assert (group, family, size) not in units  # once per state, family and size
        out = unit_null(family, size, rng, shared, group, state)
        units[group, family, size] = out[0]
        own.pop()  # the unit family's null, not a column's
        return out

    monkeypatch.setattr(gof, "unit_null", recorded_unit_null)
    own: list[np.ndarray] = []
    null = gof._null
    monkeypatch.setattr(gof, "_null", lambda *args: own.append(null(*args)) or own[-1])
    shared = SharedDraws(groups=groups)
    for (family, x), group in zip(columns, groups, strict=True):
        ours, theirs = np.random.default_rng(6), np.random.default_rng(6)
        data = ours.choice(x, 2_000, replace=False) if x.size > 2_000 else x
        ref_data = theirs.choice(x, 2_000, replace=False) if x.size > 2_000 else x
        computed = len(own)
        result = gof.parametric_ks(family, data, ours, 99, shared, group)
        shared.done(group)
        dist, known = getattr(stats, family), KNOWN[family]
        ref = stats.goodness_of_fit(dist, ref_data, known_params=known, statistic="ks", n_mc_samples=99, rng=theirs)
        assert result == (ref.statistic, ref.pvalue)
        unit = units[group, family, (99, data.size)]
        fitted = gof._family(family, families.fit(family, data, ddof=gof._ddof(family)))
        column_margin = gof._margin(fitted)
        assert np.max(np.abs(np.sort(ref.null_distribution) - unit)) < 1e-3 * column_margin / margin * gof.NULL_MARGIN
        threshold = ref.statistic * (1 - 100 * np.finfo(float).eps)
        near = bool(np.any(np.abs(unit - threshold) <= column_margin))
        assert len(own) == computed + near  # its own null only when a unit distance is near its threshold
        if near:  # then scipy's to the last bit
            assert np.array_equal(own[-1], ref.null_distribution)
    # by default only the normal far from 0 (its margin 1e-4) has a unit distance near its threshold
    assert len(own) == (len(columns) if margin == 1.0 else 1)
    assert len(units) == 4  # the normal, log-normal and exponential of the subsets' state; the normal of 400 values
    assert draws == ["normal", "exponential", "normal"] and not shared._drawn


def test_simulated_samples_come_sorted_only_when_in_order() -> None:
    """`gof.simulate` gives `rvs`'s samples, and their sorted rows when the sorted standard draws map to values in
    order (each row `np.sort`'s); a transform that reverses the order (a negative scale, which no fit gives) leaves
    the sort to the KS statistic."""
    size = (20, 301)
    for dist in (families.Family("lognorm", (0.7,), 0.0, 3.0), families.Family("expon", (), 0.0, 2.0)):
        samples, ordered = gof.simulate(dist, size, np.random.default_rng(2), SharedDraws(), "g")
        assert np.array_equal(samples, dist.rvs(size, np.random.default_rng(2)))
        assert np.array_equal(ordered, np.sort(samples, axis=-1))
    reversed_ = families.Family("norm", (), 1.0, -2.0)
    samples, ordered = gof.simulate(reversed_, size, np.random.default_rng(2), SharedDraws(), "g")
    assert ordered is None and np.array_equal(samples, reversed_.rvs(size, np.random.default_rng(2)))


def test_analysis_on_two_threads_gives_each_columns_own_results() -> None:
    """`analyse` runs the columns' fits and bootstraps as separate tasks on two threads: every result is what
    `fit_distributions` and `bootstrap_center` give for that column alone (seeded, so the threads change nothing)."""
    from edakit.stats import distributions as analysis

    rng = np.random.default_rng(3)
    values = {"a": rng.gamma(2.0, 3.0, 3_000), "b": np.round(rng.normal(10, 2, 400)), "c": np.full(30, 1.0)}
    # columns whose subsets share the KS test's and the bootstrap's draws (3,000 and 2,990 values: one state)
    values |= {"d": rng.normal(5.0, 1.0, 3_000), "e": np.r_[rng.lognormal(1.0, 0.5, 2_990), [np.nan] * 10]}
    ours = analysis.analyse(values, seed=7)
    assert [ours.fits[name].best.family for name in "de"] == ["normal", "log-normal"]
    assert list(ours.fits) == list(ours.bootstraps) == list(values)
    for name, x in values.items():
        a, b = ours.bootstraps[name], boot.bootstrap_center(x, name=name, seed=7)
        assert (a.mean_boot_ci, a.median_boot_ci, a.mean_boot_se, a.histogram, a.notes) == (
            b.mean_boot_ci,
            b.median_boot_ci,
            b.mean_boot_se,
            b.histogram,
            b.notes,
        )
        f, g = ours.fits[name], fitting.fit_distributions(x, name=name, seed=7)
        assert (f.skip_reason, f.estimate, f.p_value, f.statistic) == (
            g.skip_reason,
            g.estimate,
            g.p_value,
            g.statistic,
        )


@pytest.mark.parametrize(
    "family, draw",
    [
        ("norm", lambda rng, n: rng.normal(-3.0, 0.01, n)),
        ("lognorm", lambda rng, n: rng.lognormal(0.0, 2.0, n)),
        ("expon", lambda rng, n: rng.exponential(1e-3, n)),
        ("gamma", lambda rng, n: rng.gamma(0.35, 5.0, n)),  # a small shape: the root near 0
        ("gamma", lambda rng, n: rng.gamma(60.0, 0.1, n)),  # a large one: s near 0
    ],
)
def test_vectorised_refits_are_scipys_fit_of_every_sample(family: str, draw: object) -> None:
    """Every simulated sample's parameters, fitted all at once, are what `goodness_of_fit` gets by fitting each
    sample alone (`np.mean`/`np.std(ddof=1)` for the normal, `<family>.fit(sample, floc=0)` otherwise), bit for bit;
    and the KS test on data of an odd size has scipy's statistic and p-value."""
    rng = np.random.default_rng(17)
    samples = draw(rng, (150, 701))
    dist = getattr(stats, family)
    if family == "norm":
        expected = np.array([np.mean(samples, axis=-1), np.std(samples, ddof=1, axis=-1)])
    else:
        expected = np.array([dist.fit(sample, floc=0.0) for sample in samples]).T
    ours = families.fit(family, samples, ddof=1 if family == "norm" else 0)
    assert np.array_equal(np.array(np.broadcast_arrays(*ours)), expected)
    data = draw(rng, 701)
    known = KNOWN[family]
    ref = stats.goodness_of_fit(dist, data, known_params=known, statistic="ks", n_mc_samples=99, rng=3)
    assert gof.parametric_ks(family, data, np.random.default_rng(3), 99) == (ref.statistic, ref.pvalue)


def test_brent_on_many_brackets_is_scipys_brentq_on_each() -> None:
    """The lane-by-lane Brent's method returns `scipy.optimize.brentq`'s root for each bracket (x³ = c and the
    gamma shape's equation, brackets on either side), and reports a failure where brentq raises (no sign change)."""
    from scipy import optimize, special

    c = np.geomspace(1e-6, 1e6, 41)
    lo, hi = np.cbrt(c) * 0.3, np.cbrt(c) * 2.5 + np.arange(41)
    roots, status = _search.brentq(lambda x, i: x**3 - c[i], lo, hi)
    expected = [optimize.brentq(lambda x, k=k: x**3 - k, a, b) for k, a, b in zip(c, lo, hi, strict=True)]
    assert np.array_equal(roots, expected) and np.all(status == _search.CONVERGED)
    s = np.geomspace(1e-4, 3.0, 25)  # log a − ψ(a) ≈ 1/(2a): the root near 1/(2s), inside [0.2/s, 1/s]
    roots, _ = _search.brentq(lambda a, i: np.log(a) - special.digamma(a) - s[i], 0.2 / s, 1.0 / s)
    expected = [optimize.brentq(lambda a, v=v: np.log(a) - special.digamma(a) - v, 0.2 / v, 1.0 / v) for v in s]
    assert np.array_equal(roots, expected)
    _, status = _search.brentq(lambda x, i: x**2 + 1.0, np.zeros(3), np.ones(3))
    assert np.all(status == _search.SIGN_ERROR)


@pytest.mark.parametrize("n", [12, 17, 640, 2_000])
def test_ks_statistic_evaluated_where_it_can_peak_is_scipys(n: int) -> None:
    """For the gamma the CDF is evaluated at block ends and inside the blocks that can hold the largest distance
    only: the null distribution of D is still scipy's (every value's CDF), for sample sizes that do and do not
    fill whole blocks, and for a sample that fits badly (the largest distance far from the block ends' values)."""
    rng = np.random.default_rng(n)
    for data in (rng.gamma(1.7, 2.0, n), np.r_[rng.gamma(5.0, 1.0, n // 2), rng.gamma(0.5, 1.0, n - n // 2)]):
        ours = stats.goodness_of_fit(
            stats.gamma, data, known_params={"loc": 0.0}, statistic=ks_of_frozen, n_mc_samples=199, rng=5
        )
        scipys = stats.goodness_of_fit(
            stats.gamma, data, known_params={"loc": 0.0}, statistic="ks", n_mc_samples=199, rng=5
        )
        assert np.array_equal(ours.null_distribution, scipys.null_distribution)
        assert ours.statistic == scipys.statistic and ours.pvalue == scipys.pvalue


def test_whole_numbers_counted_instead_of_sorted_give_the_sort() -> None:
    """Whole numbers spanning few values are counted, not sorted: the sorted values, the distinct levels and their
    counts are `np.sort`'s and `np.unique`'s (negative numbers, numbers beyond 2⁵³ whose neighbours are not floats,
    and a −0.0, whose sign only the sort keeps)."""
    rng = np.random.default_rng(6)
    cases = [
        np.round(rng.normal(0, 40, 5_000)),
        2.0**60 + 256 * rng.integers(0, 20, 30_000).astype(float),
        np.r_[rng.integers(0, 9, 200).astype(float), -0.0],
    ]
    for x in cases:
        whole = fitting._Whole.of(x, float(x.min()), float(x.max()))
        ordered, levels, tally = fitting._sorted(x, whole)
        assert whole is not None and ordered.dtype == x.dtype
        assert np.array_equal(ordered, np.sort(x)) and np.array_equal(np.signbit(ordered), np.signbit(np.sort(x)))
        expected_levels, expected_tally = np.unique(x, return_counts=True)
        assert np.array_equal(levels, expected_levels) and np.array_equal(tally, expected_tally)


def test_qq_probabilities_at_the_points_drawn_are_ppoints() -> None:
    """The fitted family's QQ quantiles are taken at R's ppoints(n) of the points drawn only: the same numbers as
    ppoints(n) at those positions, and (i − 1/2)/n by hand for n > 10."""
    from edakit.stats.chartdata import ppoints, qq_indices

    for n in (7, 11, 2_001, 100_000):
        keep = qq_indices(n)
        assert np.array_equal(ppoints(n, keep), ppoints(n)[keep])
    assert ppoints(20, np.array([0, 19])).tolist() == [0.5 / 20, 19.5 / 20]


def test_a_sample_that_cannot_be_refitted_leaves_d_without_a_p_value() -> None:
    """Values of a gamma with a tiny shape: samples simulated from the fit hold values that underflow to 0, which
    the gamma's fit refuses (scipy's `goodness_of_fit` raises on these data and seed). The column keeps its fits
    and D (kstest's), with no p-value and a note; the words and the overview say so instead of the section failing."""
    from edakit.explain import probability as words
    from edakit.sections import distributions as section

    x = np.random.default_rng(1).gamma(0.004, 5.0, 3_000)
    x = x[x > 0]
    fit = fitting.fit_distributions(x, name="tiny", seed=0)
    rng = np.random.default_rng(0)
    data = rng.choice(x, fitting.GOF_MAX_N, replace=False)
    with pytest.raises(ValueError):
        stats.goodness_of_fit(stats.gamma, data, known_params={"loc": 0.0}, statistic="ks", n_mc_samples=199, rng=rng)
    assert fit.best.family == "gamma" and fit.gof.p_value is None and fit.gof.note.startswith("not computable")
    refit = fitting._CONTINUOUS["gamma"](data, 1.0)
    assert fit.gof.statistic == stats.kstest(data, refit.frozen().cdf).statistic
    text = words.gof_words(fit)
    assert f"D = {words.fmt_num(fit.gof.statistic, 3)}" in text and "p-value is not computable" in text
    assert section._gof_text(fit).endswith("no p-value")


# The families, their fits and Brent's method without scipy.stats / scipy.optimize (stats.families, _search.brentq):
# every function against the scipy.stats call it replaces, over grids with edges (0, the support's ends, ±inf,
# NaN, invalid parameters) and on the datasets' columns, to the last bit.

EDGES = [-np.inf, -1e300, -5.0, -1.0, -0.0, 0.0, 1e-300, 1e-10, 0.25, 1.0, 2.0, 30.0, 1e10, 1e300, np.inf, np.nan]
QUANTILES = [-0.5, 0.0, 1e-300, 1e-16, 1e-5, 0.1, 0.5, 0.9, 1 - 1e-12, 1 - 2**-53, 1.0, 1.5, np.nan]
CONTINUOUS_CASES = [
    ("norm", (), 0.0, 1.0),
    ("norm", (), -3.5, 0.01),
    ("norm", (), 1e6, 2e5),
    ("norm", (), 1.0, 0.0),  # invalid scale: NaN
    ("lognorm", (0.5,), 0.0, 1.0),
    ("lognorm", (2.0,), 0.0, 40.0),
    ("lognorm", (1e-3,), 0.0, 3e-4),
    ("lognorm", (-1.0,), 0.0, 1.0),  # invalid shape
    ("expon", (), 0.0, 1.0),
    ("expon", (), 0.0, 1e-3),
    ("expon", (), 0.0, 250.0),
    ("gamma", (0.05,), 0.0, 1.0),
    ("gamma", (1.0,), 0.0, 2.0),
    ("gamma", (3.7,), 0.0, 0.125),
    ("gamma", (450.0,), 0.0, 1.5),
    ("gamma", (0.0,), 0.0, 1.0),  # invalid shape
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name, shapes, loc, scale", CONTINUOUS_CASES)
def test_continuous_family_functions_are_scipys(name: str, shapes: tuple, loc: float, scale: float) -> None:
    """logpdf, cdf and ppf of `Family` are the frozen scipy.stats distribution's, value for value (NaN where
    scipy gives NaN), at the edges of the support, beyond it, at ±inf and NaN, and for invalid parameters."""
    ours, ref = families.Family(name, shapes, loc, scale), getattr(stats, name)(*shapes, loc=loc, scale=scale)
    x = np.array(EDGES) * max(scale, 1e-300) + loc
    for values in (x, np.array(EDGES)):
        np.testing.assert_array_equal(ours.logpdf(values), ref.logpdf(values))
        np.testing.assert_array_equal(ours.cdf(values), ref.cdf(values))
    np.testing.assert_array_equal(ours.ppf(np.array(QUANTILES)), ref.ppf(np.array(QUANTILES)))
    np.testing.assert_equal(ours.cdf(x[8]), ref.cdf(x[8]))  # a scalar in, a scalar out
    assert np.ndim(ours.logpdf(x[9])) == 0


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize(
    "name, shapes",
    [
        ("poisson", (0.0,)),
        ("poisson", (1.25,)),
        ("poisson", (37.5,)),
        ("poisson", (4e5,)),
        ("poisson", (-1.0,)),  # invalid
        ("nbinom", (0.4, 0.05)),
        ("nbinom", (3.0, 0.5)),
        ("nbinom", (1e6, 0.999)),
        ("nbinom", (2.5, 1.0)),
        ("nbinom", (0.0, 0.5)),  # invalid
        ("bernoulli", (0.0,)),
        ("bernoulli", (0.3,)),
        ("bernoulli", (1.0,)),
        ("bernoulli", (1.2,)),  # invalid
    ],
)
def test_count_family_functions_are_scipys(name: str, shapes: tuple) -> None:
    """logpmf, pmf, cdf and sf of the Poisson, negative binomial and Bernoulli `Family` are scipy.stats', for whole
    and fractional counts, below and beyond the support, ±inf and NaN, and invalid parameters."""
    ours, ref = families.Family(name, shapes), getattr(stats, name)(*shapes)
    k = np.array([-np.inf, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 7.0, 40.0, 1e3, 4e5, 1e9, np.inf, np.nan])
    for method in ("logpmf", "pmf", "cdf", "sf"):
        np.testing.assert_array_equal(getattr(ours, method)(k), getattr(ref, method)(k), err_msg=method)
    ints = np.arange(0, 60)  # integer arrays, as the count cells pass them
    for method in ("pmf", "cdf", "sf"):
        np.testing.assert_array_equal(getattr(ours, method)(ints), getattr(ref, method)(ints), err_msg=method)


VALID_CONTINUOUS = [c for c in CONTINUOUS_CASES if c[3] > 0 and all(v > 0 for v in c[1])]


@pytest.mark.parametrize("name, shapes, loc, scale", VALID_CONTINUOUS)
def test_draws_are_scipys_stream(name: str, shapes: tuple, loc: float, scale: float) -> None:
    """`Family.rvs` draws scipy's `rvs` stream from the same Generator: the same numbers, and the Generator left in
    the same state (the next draw agrees too), with one parameter per row as the KS test's samples use."""
    a, b = np.random.default_rng(31), np.random.default_rng(31)
    ours = families.Family(name, shapes, loc, scale).rvs((7, 301), a)
    ref = getattr(stats, name)(*shapes, loc=loc, scale=scale).rvs(size=(7, 301), random_state=b)
    assert np.array_equal(ours, ref) and a.random() == b.random()
    rows = np.linspace(0.5, 2.0, 7)[:, np.newaxis]
    per_row = tuple(s * rows for s in shapes)
    ours = families.Family(name, per_row, loc, scale * rows).rvs((7, 50), a)
    ref = getattr(stats, name)(*per_row, loc=loc, scale=scale * rows).rvs(size=(7, 50), random_state=b)
    assert np.array_equal(ours, ref)


def _columns() -> dict[str, np.ndarray]:
    """The bundled datasets' numeric columns (missing values dropped)."""
    import polars as pl

    from tests.conftest import DATASETS

    out = {}
    for name in ("penguins", "rivers", "faithful", "airquality", "trees", "mtcars", "insectsprays", "chickweight"):
        frame = pl.read_csv(DATASETS / f"{name}.csv", null_values="NA")
        for column in frame.columns:
            if frame[column].dtype.is_numeric():
                x = frame[column].cast(pl.Float64).drop_nulls().to_numpy()
                out[f"{name}.{column}"] = x[np.isfinite(x)]
    return out


def _scipys_loglik(f: fitting.FamilyFit, x: np.ndarray) -> float:
    """ℓ as the fit computed it before: scipy's logpdf (logpmf) at scipy's fitted parameters, summed."""
    if f.family == "normal":
        return float(stats.norm.logpdf(x, *stats.norm.fit(x)).sum())
    if f.family in ("log-normal", "gamma", "exponential"):
        dist = {"log-normal": stats.lognorm, "gamma": stats.gamma, "exponential": stats.expon}[f.family]
        *shapes, _, scale = dist.fit(x, floc=0)
        return float(dist.logpdf(x, *shapes, scale=scale).sum())
    if f.family == "Poisson":
        return float(stats.poisson.logpmf(x, x.mean()).sum())
    if f.family == "Bernoulli":
        return float(stats.bernoulli.logpmf(x, x.sum() / x.size).sum())
    r, mu = f.params["size"], f.params["mu"]
    return float(stats.nbinom.logpmf(x, r, r / (r + mu)).sum())


def test_fits_on_the_datasets_columns_are_scipys() -> None:
    """On every numeric column of the bundled datasets: `families.fit` returns `norm.fit(x)` and
    `<family>.fit(x, floc=0)` (the normal of `goodness_of_fit` with ddof=1), and each `FamilyFit` that
    `fit_distributions` reports has scipy's parameters, ℓ = scipy's logpdf (logpmf) summed, its QQ quantiles are
    scipy's ppf, and its chi-square and dispersion p-values are scipy's chi2.sf / chi2.cdf: to the last bit."""
    from edakit.stats.chartdata import ppoints, qq_indices

    checked = {"continuous": 0, "count": 0, "binary": 0}
    for label, x in _columns().items():
        assert np.array_equal(np.array(families.fit("norm", x)), np.array(stats.norm.fit(x))), label
        assert families.fit("norm", x, ddof=1) == (np.mean(x), np.std(x, ddof=1)), label
        if x.min() >= 0:
            assert families.fit("expon", x) == stats.expon.fit(x, floc=0), label
        if x.min() > 0:
            for name in ("lognorm", "gamma"):
                assert families.fit(name, x) == getattr(stats, name).fit(x, floc=0), (label, name)
        result = fitting.fit_distributions(x, name=label)
        if not result.fits:
            continue
        checked[result.kind] += 1
        for f in result.fits:
            assert f.loglik == _scipys_loglik(f, x), (label, f.family)
        if result.kind == "continuous":
            keep = qq_indices(x.size)
            assert result.chart["theoretical"] == result.fits[0].frozen().ppf(ppoints(x.size, keep)).tolist()
        if result.kind == "count":
            d = np.sum((x - x.mean()) ** 2) / x.mean()
            p = 2 * min(stats.chi2.cdf(d, x.size - 1), stats.chi2.sf(d, x.size - 1))
            assert result.dispersion_p == min(p, 1.0), label
            if result.gof.df is not None:
                g = result.gof
                assert (g.p_value, g.p_value_upper) == (
                    stats.chi2.sf(g.statistic, g.df),
                    stats.chi2.sf(g.statistic, len(g.cells["observed"]) - 1),
                )
                dist, k = result.fits[0].frozen(), np.arange(x.min(), x.max() + 1)
                assert sum(g.cells["expected"]) == pytest.approx(x.size, rel=1e-12) and dist.pmf(k).sum() <= 1
    assert min(checked.values()) >= 1, checked


def test_scipys_fits_parameters_reproduced_for_the_report() -> None:
    """`FamilyFit`'s parameters are scipy's fits on the values (R's parameterisation): normal (mean, sd) =
    norm.fit; log-normal meanlog = log(scale), sdlog = shape of lognorm.fit(floc=0); exponential rate = 1/scale;
    gamma shape and rate = 1/scale of gamma.fit(floc=0); on the penguins' body mass, whose best fit is log-normal."""
    x = _columns()["penguins.body_mass_g"]
    fits = {f.family: f.params for f in fitting.fit_distributions(x).fits}
    mean, sd = stats.norm.fit(x)
    sdlog, _, scale = stats.lognorm.fit(x, floc=0)
    shape, _, gscale = stats.gamma.fit(x, floc=0)
    assert fits["normal"] == {"mean": mean, "sd": sd}
    assert fits["log-normal"] == {"meanlog": np.log(scale), "sdlog": sdlog}
    assert fits["exponential"] == {"rate": 1 / stats.expon.fit(x, floc=0)[1]}
    assert fits["gamma"] == {"shape": shape, "rate": 1 / gscale}


def test_the_gamma_fit_refuses_what_scipy_refuses() -> None:
    """A value at 0 (or below) is refused by the gamma's and the log-normal's fit with the location at 0, and a
    negative value by the exponential's, as scipy's fit raises FitDataError (a ValueError) there."""
    for name, x in [("gamma", np.r_[0.0, 1.0, 2.0]), ("lognorm", np.r_[-1.0, 1.0]), ("expon", np.r_[-1.0, 1.0])]:
        with pytest.raises(ValueError):
            getattr(stats, name).fit(x, floc=0)
        with pytest.raises(families.FitError):
            families.fit(name, x)


def test_bracket_and_solve_is_scipys_brentq_and_fails_where_it_raises() -> None:
    """A single root is a one-lane `brentq`: the t quantile's inversion gives scipy.optimize.brentq's root to the
    last bit over a grid of probabilities and degrees of freedom (scipy's tolerances and the solver's own); a
    function that is NaN inside the bracket, a bracket without a sign change and a search that runs out of steps
    are not computable (scipy raises ValueError, ValueError and RuntimeError); a product f(a)·f(b) that underflows
    to zero (f ~ 1e-200) follows scipy's signs, not the product."""
    from scipy import optimize, special

    from edakit.errors import NotComputable

    converged = {True: 0, False: 0}
    for df in (1.0, 2.5, 30.0, 1e6):
        for p in (0.001, 0.01, 0.3, 0.5, 0.975, 0.999):
            f = lambda t, df=df, p=p: float(special.stdtr(df, t)) - p  # noqa: E731
            ours = _search.bracket_and_solve(f, -1e3, 1e3, decreasing=False, what="t")
            assert ours == optimize.brentq(f, -1e3, 1e3, xtol=2e-12, rtol=8.881784197001252e-16, maxiter=500)
            try:
                ref = optimize.brentq(f, -1e3, 1e3, xtol=1e-14, maxiter=12)
            except RuntimeError:  # scipy ran out of steps: so does the copy
                converged[False] += 1
                with pytest.raises(NotComputable, match="12 steps"):
                    _search.bracket_and_solve(f, -1e3, 1e3, decreasing=False, what="t", xtol=1e-14, maxiter=12)
            else:
                converged[True] += 1
                ours = _search.bracket_and_solve(f, -1e3, 1e3, decreasing=False, what="t", xtol=1e-14, maxiter=12)
                assert ours == ref
    assert min(converged.values()) > 0, converged
    tiny = lambda x: 1e-200 * (x - 0.3)  # noqa: E731
    assert _search.bracket_and_solve(tiny, 0.0, 1.0, decreasing=False, what="x") == optimize.brentq(tiny, 0.0, 1.0)
    lanes, _ = _search.brentq(lambda x, i: 1e-200 * (x - 0.3), np.zeros(2), np.ones(2))
    assert lanes.tolist() == [optimize.brentq(tiny, 0.0, 1.0)] * 2
    with pytest.raises(ValueError):
        optimize.brentq(lambda x: np.nan if 0.2 < x < 0.8 else x - 0.5, 0.0, 1.0)
    with pytest.raises(NotComputable, match="NaN"):
        _search.bracket_and_solve(lambda x: np.nan if 0.2 < x < 0.8 else x - 0.5, 0, 1, decreasing=False, what="x")
    cube_root = lambda x: float(np.cbrt(x - 1 / 3))  # noqa: E731  (slow for Brent's method: many steps)
    with pytest.raises(RuntimeError):
        optimize.brentq(cube_root, 0.0, 1.0, maxiter=5)
    with pytest.raises(NotComputable, match="5 steps"):
        _search.bracket_and_solve(cube_root, 0.0, 1.0, decreasing=False, what="x", maxiter=5)
    roots, status = _search.brentq(lambda x, i: np.cbrt(x - 1 / 3), np.zeros(2), np.ones(2), maxiter=5)
    assert np.all(status == _search.NOT_CONVERGED)
    assert roots[0] == optimize.brentq(cube_root, 0.0, 1.0, maxiter=5, disp=False)


def test_fits_and_their_tests_import_neither_scipy_stats_nor_scipy_optimize() -> None:
    """A continuous column (a subset re-fitted, the KS test's 199 gamma re-fits), a count column (Poisson and
    negative binomial, chi-square, dispersion), a 0/1 column and a bracketed root: none imports scipy.stats or
    scipy.optimize."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from edakit.stats.fitting import fit_distributions\n"
        "from edakit.stats._search import bracket_and_solve\n"
        "rng = np.random.default_rng(2)\n"
        "g = fit_distributions(rng.gamma(2.0, 3.0, 2_500))\n"
        "c = fit_distributions(rng.negative_binomial(3, 0.3, 500).astype(float))\n"
        "b = fit_distributions(rng.integers(0, 2, 50).astype(float))\n"
        "assert g.best.family == 'gamma' and g.gof.p_value is not None and c.gof.p_value is not None, (g, c)\n"
        "assert [f.family for f in c.fits] == ['negative binomial', 'Poisson'] and b.best.family == 'Bernoulli'\n"
        "assert abs(bracket_and_solve(lambda x: x * x - 2, 0.0, 1.0, decreasing=False, what='x',"
        " next_hi=lambda hi, i: 2 * hi) - 2 ** 0.5) < 1e-12\n"
        "bad = [m for m in sys.modules if m.startswith(('scipy.stats', 'scipy.optimize'))]\n"
        "assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_family_that_cannot_be_fitted_is_left_out_not_the_column() -> None:
    """Where scipy's gamma fit raises (values varying by 1e-15 around 1: its shape's root lies outside the bracket
    it searches) or the fitted gamma's log-likelihood is infinite (values from 1e-300 to 1e100, where scipy's
    logpdf sums to +inf, which would win any AIC ranking), that family is listed as not computable and the others
    keep scipy's fits; the report lays the column out and says why the gamma is missing."""
    import polars as pl

    import edakit

    tiny, wide = 1.0 + 1e-15 * np.arange(40), np.geomspace(1e-300, 1e100, 40)
    with pytest.raises(ValueError):
        stats.gamma.fit(tiny, floc=0)
    shape, _, scale = stats.gamma.fit(wide, floc=0)
    assert stats.gamma.logpdf(wide, shape, scale=scale).sum() == np.inf
    for x in (tiny, wide):
        fit = fitting.fit_distributions(x)
        assert fit.skipped["gamma"].startswith("not computable") and "gamma" not in [f.family for f in fit.fits]
        assert all(np.isfinite(f.loglik) for f in fit.fits) and fit.best.family in ("normal", "log-normal")
        sdlog, _, lscale = stats.lognorm.fit(x, floc=0)
        assert {f.family: f.params for f in fit.fits}["log-normal"] == {"meanlog": np.log(lscale), "sdlog": sdlog}
    rep = edakit.report(pl.DataFrame({"tiny": tiny, "wide": wide, "plain": np.linspace(1.0, 5.0, 40) ** 2}))
    assert not rep.notes and set(rep.distributions.fits) == {"tiny", "wide", "plain"}
    assert rep.to_html().count("Not fitted: gamma (not computable") == 2


def test_logs_looked_up_over_a_span_of_whole_numbers_are_numpys_logs() -> None:
    """The log-normal's and the gamma's fits take np.log of the values once (`fitting._logs`), for whole numbers
    over a short span evaluated once per number and looked up: the same numbers as np.log of every value, so the
    same fits as scipy's (which `test_fits_on_the_datasets_columns_are_scipys` checks)."""
    rng = np.random.default_rng(12)
    for low, high, size in [(1, 31, 1_000), (20, 686, 97_145), (500, 2_359, 100_000), (1, 6, 170)]:
        x = rng.integers(low, high + 1, size).astype(float)
        whole = fitting._Whole.of(x, float(x.min()), float(x.max()))
        assert whole is not None
        assert np.array_equal(fitting._logs(x, whole), np.log(x))
        assert families.fit("gamma", x, logs=fitting._logs(x, whole)) == families.fit("gamma", x)
