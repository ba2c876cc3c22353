"""Bootstrap intervals for the centre of a column.

Bootstrap (`bootstrap_center`): `scipy.stats.bootstrap` percentile intervals (Efron & Tibshirani 1993, ch. 13)
for the mean and the median from `BOOT_RESAMPLES` seeded resamples, next to Student's t-interval for the mean and
the distribution-free order-statistic interval for the median, [x_(k), x_(n−k+1)] with k = qbinom(α/2, n, 1/2)
(coverage ≥ 1 − α; e.g. Conover 1999, §3.2).

`boundary_interval` is the percentile interval of an effect size bounded below by 0 (generalized eta², eta_Q,
Kendall's W), with edakit's rule for an estimate at its boundary (as `stats.ncp` for the noncentral intervals):
such an estimate is biased upwards near 0, so when it is 0 or lies below the lower percentile limit (the two-sided
interval would exclude it) the interval is one-sided, [0, U] with U the one-sided conf_level upper percentile
(`ci_kind` "one-sided upper"); when even U is 0 no interval is given. Never a zero-width interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from edakit.stats._draws import SharedDraws, state_key, subset_state
from edakit.stats.ncp import ONE_SIDED_UPPER, TWO_SIDED
from edakit.stats.result import Result

BOOT_RESAMPLES = 2_000
BOOT_MAX_N = 2_000  # values resampled by the bootstrap (a seeded subset beyond), as for the KS test
BOOT_BINS = 30
MIN_BOOT_N = 10
# Values resampled per batch: 100,000 (50 resamples of 2,000) keep a batch's arrays in a core's cache, a quarter
# faster than 2,000,000; the resamples are the same numbers whatever the batch (numpy's generator keeps one stream).
BOOT_BATCH_VALUES = 100_000


@dataclass(repr=False)
class BootstrapResult(Result):
    """Bootstrap percentile intervals of the mean and median next to the t-interval and the order-statistic
    interval. `estimate` and `ci` are the mean and its bootstrap interval."""

    name: str = ""
    resamples: int = 0
    seed: int = 0
    subset_of: int | None = None  # bootstrapped a seeded subset of n of these values
    sampled: bool = False  # the values are the report's seeded sample of the rows
    mean: float | None = None
    mean_t_ci: tuple[float, float] | None = None
    mean_boot_ci: tuple[float, float] | None = None  # percentile interval (also `ci`)
    mean_se: float | None = None  # s / √n
    mean_boot_se: float | None = None  # sd of the bootstrap means
    median: float | None = None
    median_ci: tuple[float, float] | None = None  # order-statistic interval
    median_ci_coverage: float | None = None  # its exact coverage, ≥ conf_level
    median_boot_ci: tuple[float, float] | None = None
    median_boot_se: float | None = None
    skewness: float | None = None  # G1 of the values
    boot_skewness: float | None = None  # skewness of the bootstrap means
    # Width of the percentile interval of the mean over the t-interval's, expected even for normal data:
    # √((n − 1)/n) · z / t(n − 1) (the bootstrap's SD uses the divisor n, and normal rather than t quantiles).
    # Below 1, the percentile bootstrap is too narrow at this n by construction, whatever the skewness.
    expected_width_ratio: float | None = None
    histogram: dict[str, Any] = field(default_factory=dict)  # bootstrap means: edges, counts, normal curve


def median_interval(values: Any, conf_level: float = 0.95) -> tuple[tuple[float, float] | None, float | None]:
    """Distribution-free interval for the median: [x_(k), x_(n−k+1)] with k = qbinom(α/2, n, 1/2), and its
    exact coverage 1 − 2·P(B ≤ k − 1), B ~ Binomial(n, 1/2). (None, None) when n is too small (k = 0).

    >>> median_interval(range(1, 21))
    ((6.0, 15.0), 0.9586105346679688)
    """
    from edakit.stats.distfuncs import binom

    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    alpha = 1 - conf_level
    k = int(binom.ppf(alpha / 2, n, 0.5)) if n else 0
    if k < 1:
        return None, None
    coverage = float(1 - 2 * binom.cdf(k - 1, n, 0.5))
    return (float(x[k - 1]), float(x[n - k])), coverage


@dataclass
class CenterResamples:
    """The bootstrap means and medians of one column's values, drawn as `scipy.stats.bootstrap` draws them (numpy
    alone); `bootstrap_center` turns them into intervals."""

    values: np.ndarray  # the values bootstrapped: the finite ones, or a seeded subset of `max_n` of them
    seed: int
    resamples: int
    subset_of: int | None = None
    distribution: np.ndarray | None = None  # (2, resamples): means, medians; None when there is nothing to resample


def rank_key(count: int, *, seed: int = 0, resamples: int = BOOT_RESAMPLES, max_n: int = BOOT_MAX_N) -> tuple[Any, ...]:
    """What the draws of a bootstrap of `count` values depend on (not the values themselves): the generator's state
    after the seeded subset (`stats._draws.subset_state`), the values resampled and the resamples. Columns of one
    analysis with the same key share the resampled ranks (`stats._draws.SharedDraws`): their first column draws
    them and sorts them (for the medians), two thirds of a bootstrap's work."""
    return _rank_key(subset_state(count, seed, max_n), min(count, max_n), resamples)


def _rank_key(state: str, n: int, resamples: int) -> tuple[Any, ...]:
    return ("ranks", state, n, resamples)


def _draw_ranks(rng: np.random.Generator, n: int, resamples: int) -> tuple[np.ndarray, np.ndarray]:
    """Each resample's ranks of n values, as `scipy.stats.bootstrap` draws them (`rng.integers(0, n, (batch, n))`,
    in batches of BOOT_BATCH_VALUES values), and its middle ranks (the median's: the two middle positions of the
    sorted ranks for an even n, the middle one for an odd n). Sorting the ranks (small integers: numpy's radix sort)
    finds the middle ones faster than partitioning the values."""
    rank_type = np.min_scalar_type(n)
    ranks = np.empty((resamples, n), rank_type)
    half = n // 2
    first = half - 1 + n % 2
    middle = np.empty((resamples, half + 1 - first), rank_type)
    batch = max(1, BOOT_BATCH_VALUES // n)
    for k in range(0, resamples, batch):
        rows = slice(k, k + min(batch, resamples - k))
        ranks[rows] = rng.integers(0, n, (rows.stop - rows.start, n), dtype=np.int32)
        middle[rows] = np.sort(ranks[rows], axis=-1, kind="stable")[:, first : half + 1]
    return ranks, middle


def resample_center(
    values: Any,
    *,
    seed: int = 0,
    resamples: int = BOOT_RESAMPLES,
    max_n: int = BOOT_MAX_N,
    shared: SharedDraws | None = None,
    peers: Sequence[Any] = (),
    member: int = 0,
) -> CenterResamples:
    """The seeded subset (beyond `max_n` values) and the bootstrap distribution of (mean, median): the numbers of
    `scipy.stats.bootstrap((ranks,), statistic, vectorized=True, batch=…, rng=rng)` with the mean and the median of
    `ordered[ranks]`, the resampled sorted values. scipy draws each batch as `rng.integers(0, n, (batch, n))` and
    takes `ranks[..., i]`; the ranks 0 … n − 1 are `i` itself, so `i` is only narrowed (drawn as int32, the same
    numbers as int64 below 2³²: numpy's bounded draw is 32-bit for both). `shared`: ranks drawn for another column
    with as many values resampled from a generator in the same state (the same numbers: `rank_key`). `peers`: the
    values of every column of `shared` with this one's `rank_key` (this one is `peers[member]`): whoever draws
    the ranks also takes the means of those of whole numbers together (`_whole_means`)."""
    x, subset_of, rng = _subset(values, seed, max_n)
    out = CenterResamples(x, seed, resamples, subset_of)
    n = int(x.size)
    if n < MIN_BOOT_N or np.all(x == x[0]):
        return out
    ordered = np.sort(x)
    if shared is None:
        ranks, middle = _draw_ranks(rng, n, resamples)
        means = None
    else:
        draw = partial(_draw_group, rng, n, resamples, peers, seed, max_n)
        ranks, middle, whole = shared.get(_rank_key(state_key(rng), n, resamples), draw)
        means = whole.get(member) if peers else None
    out.distribution = np.empty((2, resamples))
    if means is not None:
        out.distribution[0] = means
    else:
        # a batch of resampled values stays in a core's cache; np.take gathers what ordered[ranks] gathers, in
        # 60 % of its time (on ranks already drawn)
        batch = max(1, BOOT_BATCH_VALUES // n)
        for k in range(0, resamples, batch):
            out.distribution[0, k : k + batch] = np.mean(np.take(ordered, ranks[k : k + batch]), axis=-1)
    with np.errstate(over="ignore"):  # values near the float limits: inf, as np.median gives
        if n % 2:
            out.distribution[1] = ordered[middle[:, 0]]
        else:
            out.distribution[1] = (ordered[middle[:, 0]] + ordered[middle[:, 1]]) / 2
    return out


def _subset(values: Any, seed: int, max_n: int) -> tuple[np.ndarray, int | None, np.random.Generator]:
    """The finite values (a seeded subset of `max_n` of them when there are more), how many there were when a
    subset was drawn, and the generator after it: what a column's resamples start from."""
    from edakit.stats._inputs import as_float_array

    arr = as_float_array(values)
    x = arr[np.isfinite(arr)]
    rng = np.random.default_rng(seed)
    if x.size > max_n:
        return rng.choice(x, max_n, replace=False), int(x.size), rng
    return x, None, rng


def _draw_group(
    rng: np.random.Generator, n: int, resamples: int, peers: Sequence[Any], seed: int, max_n: int
) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
    """The shared ranks and middle ranks (`_draw_ranks`), and the bootstrap means of the `peers` whose sums are
    exact (`_exact_sums`), by their index: each peer's subset and sort as `resample_center` takes them."""
    ranks, middle = _draw_ranks(rng, n, resamples)
    whole: dict[int, np.ndarray] = {}
    for i, values in enumerate(peers):
        x = np.sort(_subset(values, seed, max_n)[0])
        if x.size == n and not np.all(x == x[0]) and _exact_sums(x):
            whole[i] = x
    if whole:
        means = _whole_means(ranks, list(whole.values()))
        whole = dict(zip(whole, means, strict=True))
    return ranks, middle, whole


def _exact_sums(ordered: np.ndarray) -> bool:
    """Whether every sum of n of these sorted values, in any order, is exact: whole numbers (no −0.0, whose sign a
    sum can keep) whose n-fold largest magnitude stays below 2^53, so every partial sum is a whole number that a
    double holds exactly."""
    top = max(-float(ordered[0]), float(ordered[-1]))
    if top * ordered.size >= 2.0**53 or not np.all(ordered == np.round(ordered)):
        return False
    zeros = ordered == 0
    return not (zeros.any() and np.signbit(ordered[zeros]).any())


def _whole_means(ranks: np.ndarray, columns: list[np.ndarray]) -> np.ndarray:
    """The bootstrap means of the sorted `columns` (each `_exact_sums`) over the resampled `ranks`, one row per
    column: each resample's sum is its count of every rank times that rank's value, summed (a matrix product for
    all columns at once, a batch of resamples at a time), and exact, so the sum np.mean takes in its own order;
    then divided by n as np.mean divides. Counting the ranks once for all columns costs about two columns'
    gathers (`np.take`, `resample_center`)."""
    resamples, n = ranks.shape
    values = np.column_stack(columns)
    sums = np.empty((resamples, values.shape[1]))
    batch = max(1, BOOT_BATCH_VALUES // n)
    offsets = (np.arange(batch) * n)[:, np.newaxis]  # each resample's ranks counted in a span of its own
    for k in range(0, resamples, batch):
        rows = ranks[k : k + batch]
        counts = np.bincount((rows + offsets[: rows.shape[0]]).ravel(), minlength=rows.size).reshape(rows.shape)
        np.matmul(counts.astype(float), values, out=sums[k : k + batch])
    return (sums / n).T


def bootstrap_center(
    values: Any,
    *,
    name: str = "",
    conf_level: float = 0.95,
    seed: int = 0,
    resamples: int = BOOT_RESAMPLES,
    max_n: int = BOOT_MAX_N,
    sampled: bool = False,
    shared: SharedDraws | None = None,
    peers: Sequence[Any] = (),
    member: int = 0,
) -> BootstrapResult:
    """Percentile bootstrap intervals of the mean and median (`scipy.stats.bootstrap`'s numbers, seeded, one set
    of resamples for both: `resample_center`, with the ranks `shared` with other columns), the t-interval and the
    order-statistic interval, all on the same values (a seeded subset of `max_n` when there are more).

    >>> r = bootstrap_center([1.2, 3.4, 2.2, 5.0, 2.8, 3.1, 4.4, 2.0, 3.9, 2.5], resamples=500)
    >>> round(r.mean, 2), r.n, r.resamples
    (3.05, 10, 500)
    """
    from edakit.stats.descriptive import describe
    from edakit.stats.distfuncs import norm, t

    drawn = resample_center(
        values, seed=seed, resamples=resamples, max_n=max_n, shared=shared, peers=peers, member=member
    )
    x, resamples, seed = drawn.values, drawn.resamples, drawn.seed
    n = int(x.size)
    method = f"Percentile bootstrap ({resamples:,} resamples) with Student's t and order-statistic intervals"
    out = BootstrapResult(
        method=method, n=n, conf_level=conf_level, name=name, resamples=resamples, seed=seed, subset_of=drawn.subset_of
    )
    out.sampled = sampled
    if n < MIN_BOOT_N:
        out.notes.append(f"Only {n} value(s): the bootstrap needs at least {MIN_BOOT_N}.")
        return out
    if drawn.distribution is None:
        out.notes.append("Every value is the same: every resample is identical, so there is nothing to bootstrap.")
        return out
    d = describe(x, conf_level)
    if d.sem is None or not np.isfinite(drawn.distribution).all():
        return _median_only(out, x, d.notes)
    out.mean, out.mean_se, out.skewness = d.mean, d.sem, d.skewness
    out.mean_t_ci = (float(d.mean_ci[0]), float(d.mean_ci[1])) if d.mean_ci else None
    out.median = d.median
    q = (1 + conf_level) / 2
    out.expected_width_ratio = math.sqrt((n - 1) / n) * float(norm.ppf(q) / t.ppf(q, n - 1))
    out.median_ci, out.median_ci_coverage = median_interval(x, conf_level)
    # the percentile interval and standard error as scipy.stats.bootstrap computes them from its distribution
    dist = drawn.distribution
    alpha = (1 - conf_level) / 2
    ci = _quantiles(dist, np.array([alpha, 1 - alpha]))
    low, high, se = ci[..., 0], ci[..., 1], np.std(dist, ddof=1, axis=-1)
    out.estimate = out.mean
    out.ci = out.mean_boot_ci = (float(low[0]), float(high[0]))
    out.median_boot_ci = (float(low[1]), float(high[1]))
    out.mean_boot_se, out.median_boot_se = float(se[0]), float(se[1])
    means = dist[0]
    out.boot_skewness = _skewness(means) if np.ptp(means) > 0 else None
    out.histogram = _boot_histogram(means, out)
    return out


def _median_only(out: BootstrapResult, x: np.ndarray, why: list[str]) -> BootstrapResult:
    """The median and its order-statistic interval (exact whatever the values' size) when the mean, its standard
    error or a resample's mean or median is not a finite number: said so in a note, never shown as inf."""
    out.median = float(np.median(x)) if np.isfinite(np.median(x)) else None
    out.median_ci, out.median_ci_coverage = median_interval(x, out.conf_level)
    reason = " ".join(why) or "The resamples' means overflow double-precision arithmetic."
    out.notes.append(f"{reason} So the bootstrap of the mean and median is not computed.")
    return out


def _quantiles(rows: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Each row's type-7 quantiles at `p`: the numbers of `scipy.stats.quantile(rows, p, axis=-1)` ("linear"), in
    its operations (j = ⌊p·n + 1 − p⌋ − 1, g = (p·n + 1 − p) mod 1, (1 − g)·y_j + g·y_j+1 of the sorted row, NaN for
    a row holding a NaN), which `np.quantile` computes otherwise (its numbers differ in the last bit)."""
    y = np.sort(rows, axis=-1)
    n = float(y.shape[-1])
    jg = p * n + (1 - p)
    upper = jg // 1
    lower, g = upper - 1, jg % 1
    g[lower < 0] = 0
    lower, upper = (np.clip(i, 0.0, n - 1).astype(np.int64) for i in (lower, upper))
    out = (1 - g) * y[..., lower] + g * y[..., upper]
    out[np.isnan(y).any(axis=-1)] = np.nan
    return out


def _skewness(x: np.ndarray) -> float:
    """The moment skewness m3/m2^1.5 (`scipy.stats.skew(x)`, bias=True), in scipy's operations: NaN when m2 is 0
    to within the mean's rounding."""
    mean = np.mean(x, keepdims=True)
    d = x - mean
    m2, m3 = np.mean(d**2), np.mean(d**2 * d)
    with np.errstate(all="ignore"):
        zero = m2 <= (np.finfo(m2.dtype).eps * mean[0]) ** 2
        return float(np.nan if zero else m3 / m2**1.5)


def _boot_histogram(means: np.ndarray, r: BootstrapResult) -> dict[str, Any]:
    """Bins of the bootstrap means, and the normal curve N(x̄, s/√n) the t-interval relies on, as expected counts."""
    from edakit.stats.distfuncs import norm

    lo, hi = float(means.min()), float(means.max())
    steps = (hi - lo) / float(np.spacing(max(abs(lo), abs(hi))))  # floats in the range: fewer bins when few
    counts, edges = np.histogram(means, bins=max(1, min(BOOT_BINS, int(steps))))
    width = float(edges[1] - edges[0])
    lo = min(float(edges[0]), r.mean - 4 * r.mean_se)
    hi = max(float(edges[-1]), r.mean + 4 * r.mean_se)
    grid = np.linspace(lo, hi, 81)
    curve = means.size * width * norm.pdf(grid, r.mean, r.mean_se)
    return {
        "edges": [float(e) for e in edges],
        "counts": [int(c) for c in counts],
        "estimate": r.mean,
        "boot_ci": list(r.mean_boot_ci),
        "t_ci": list(r.mean_t_ci) if r.mean_t_ci else None,
        "normal_x": [float(v) for v in grid],
        "normal_y": [float(v) for v in curve],
        "resamples": int(means.size),
        "conf_level": r.conf_level,
    }


def boundary_interval(
    boot: np.ndarray, estimate: float, conf_level: float, what: str, notes: list[str]
) -> tuple[tuple[float, float] | None, str]:
    """Percentile interval of an estimate bounded below by 0, with its kind, by the rule in the module's docstring.

    A bootstrap of a share of variance near 0 draws values mostly above the estimate (they cannot go lower), so
    the two-sided percentile interval can lie wholly above the estimate; then only its upper side says something,
    and the interval is [0, the one-sided conf_level percentile]."""
    boot = boot[np.isfinite(boot)]
    if not boot.size:
        notes.append(f"The interval of {what} cannot be estimated: no bootstrap resample gave a value.")
        return None, TWO_SIDED
    a = (1 - conf_level) / 2
    lo, hi = (float(v) for v in np.quantile(boot, [a, 1 - a]))
    if estimate > 0 and lo <= estimate <= hi and hi > lo:
        return (lo, hi), TWO_SIDED
    upper = float(np.quantile(boot, conf_level))
    if upper > 0 and upper >= estimate:
        where = "is 0, the lowest value possible" if estimate <= 0 else "lies below most of its bootstrap resamples"
        why = (
            "a two-sided percentile interval would lie wholly above it"
            if lo > estimate
            else "a two-sided interval around an estimate that cannot go lower says nothing about its lower side"
        )
        notes.append(
            f"The interval of {what} is one-sided, from 0 up to its one-sided {100 * conf_level:g} % upper limit: the "
            f"estimate {where} (it cannot go lower, so resampling pushes it up), and {why}."
        )
        return (0.0, upper), ONE_SIDED_UPPER
    notes.append(f"The interval of {what} cannot be estimated: every bootstrap resample gives the same value.")
    return None, TWO_SIDED
