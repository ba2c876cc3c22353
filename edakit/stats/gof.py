"""The parametric-bootstrap Kolmogorov–Smirnov test of a fitted continuous family: scipy's numbers, in less time.

`parametric_ks` gives what `scipy.stats.goodness_of_fit(dist, data, known_params=…, statistic="ks", rng=rng)`
gives — the same draws from the family fitted to the data, the same re-fits of every simulated sample, the same
KS distances and p-value — without scipy.stats, with the re-fits done for all samples at once: `families.fit`
computes scipy's closed forms (normal mean and sd with n − 1, log-normal and exponential with the location fixed
at 0) along the samples' axis, and the gamma shape's root by Brent's method run on every sample together
(`_search.brentq`, scipy's `brentq` steps lane by lane, so each sample's root is the one `gamma.fit` returns, to
the last bit); the draws are `families.Family.rvs`, scipy's `rvs` stream. The standard normal or exponential
draws of a normal, log-normal or exponential fit's samples depend only on the generator's state, so the columns of
one analysis whose generators are in one state share them, with each row sorted (`simulate`): the sort of the
199 samples, a third of a test, is done once for them all. More: a sample of such a fit is a location and scale
(the log-normal's on the log scale) applied to its standard draws, and its re-fit takes them off again, so its KS
distance is the unit family's on the same draws (norm(0, 1), lognorm(1), expon(1)) up to rounding that the
parameters scale (`_margin`). The p-value only counts the null distances at or above the observed one, so each
column counts them on the unit family's null, simulated once per state, family and size (`unit_null`), unless a
unit distance lies within that rounding margin of its threshold (a chance of about 1e-4 for a D amid the null's,
none for a D beyond them) or the parameters take the samples near the float limits: then it simulates its own, as
before. The count, and so the p-value, is the same number.

`ks_statistic` is the KS distance D = max(D+, D−) of each sorted sample against its fitted CDF. The gamma CDF
(the regularised incomplete gamma function) costs ten times a sort, so for the gamma it is evaluated where D can
be the largest: the CDF at every KS_STEP-th order statistic bounds D over the values between (the CDF rises, the
empirical CDF climbs 1/n a step), and the values between are evaluated only where that bound reaches the largest
D found (a fifth of the values); D is the same maximum of the same terms as over every value. The other CDFs cost
less than picking the values out, and are evaluated everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

from edakit.stats._draws import SharedDraws, state_key
from edakit.stats.families import STANDARD_DRAWS, Family, fit, standard_draws

KS_ROWS = 8  # simulated samples per step of the KS statistic (8 × 2,000 values: a core's cache)
KS_STEP = 8  # order statistics per block whose bound decides whether its inside is evaluated (gamma)
PRUNED = {"gamma"}  # families whose CDF is evaluated only where D can be reached
# Slack on the blocks' bounds: far above the CDFs' own departures from monotonicity in floating point (~1e-15),
# so that no value that could reach the largest distance is left out.
KS_SLACK = 1e-9
# The KS distances of a normal, log-normal or exponential fit's simulated samples are those of the unit family's
# up to rounding, which the parameters scale by (1 + location / scale) (`_margin`): measured at most 1 eps times
# that (locations up to 3e8 scales), 4.5e6 times below this margin; a column's count of null distances at or
# above its own is taken from the unit family's when no unit distance lies within the scaled margin of it.
NULL_MARGIN = 1e-9
SAFE_LOG = 230.0  # samples within e^±230 (1e±100): their squares and sums of 2,000 stay far from the float limits


def parametric_ks(
    family: str,
    data: np.ndarray,
    rng: np.random.Generator,
    resamples: int,
    shared: SharedDraws | None = None,
    group: Hashable = None,
) -> tuple[float, float]:
    """The KS distance of `data` to scipy's `family` ("norm", "lognorm", "expon", "gamma", the location of the
    last three fixed at 0) fitted as `goodness_of_fit` fits it, and its parametric-bootstrap p-value from
    `resamples` samples drawn with `rng`: `goodness_of_fit(…, statistic="ks")`'s statistic and p-value. Raises
    ValueError where `goodness_of_fit` raises: a simulated sample that its family's fit refuses (a draw that
    underflowed to 0 for the log-normal or the gamma, a gamma shape's root that is not bracketed). `shared`: the
    standard draws of another column of `group` from a generator in the same state (`simulate`)."""
    fitted = _family(family, fit(family, data, ddof=_ddof(family)))
    observed = ks_statistic(fitted, data)
    # monte_carlo_test's p-value: the share of the null at or above the observed D, less a relative 100 eps
    gamma = np.abs(np.finfo(float).eps * 100 * observed)
    size, state = (resamples, data.size), state_key(rng)  # the draws' key: taken before anything is drawn
    above = None if shared is None else _count_by_unit_null(fitted, observed - gamma, size, rng, shared, group, state)
    if above is None:
        samples, ordered = simulate(fitted, size, rng, shared, group, state)
        null = _null(family, samples, ordered)
        above = np.sum(null >= observed - gamma, dtype=float)
    p = (above + 1.0) / (resamples + 1.0)
    return float(observed), float(np.clip(p, 0.0, 1.0))


def _ddof(family: str) -> int:
    """goodness_of_fit fits the normal with the n − 1 standard deviation, the other families by maximum likelihood."""
    return 1 if family == "norm" else 0


def _null(family: str, samples: np.ndarray, ordered: np.ndarray | None) -> np.ndarray:
    """The KS distance of each simulated sample to `family` re-fitted to it: the null distribution of D."""
    refit = _family(family, fit(family, samples, ddof=_ddof(family)), per_row=True)
    return ks_statistic(refit, samples, ordered=ordered)


def _count_by_unit_null(
    fitted: Family,
    threshold: Any,
    size: tuple[int, int],
    rng: np.random.Generator,
    shared: SharedDraws,
    group: Hashable,
    state: str,
) -> float | None:
    """How many of the null distances of `fitted`'s simulated samples are ≥ `threshold`, counted on the null of
    the unit family from the same standard draws (`unit_null`, once per group, family and size; module
    docstring), or None when that count could differ from the column's own: a unit distance within the rounding
    margin of the threshold (`_margin`), or parameters that take the samples near the float limits."""
    margin = _margin(fitted) if fitted.name in STANDARD_DRAWS else None
    if margin is None or not np.isfinite(threshold):
        return None
    key = (group, "unit null", fitted.name, size, state)
    null, extreme = shared.get(key, lambda: unit_null(fitted.name, size, rng, shared, group, state))
    if not _in_range(fitted, extreme):
        return None
    below = int(np.searchsorted(null, threshold - margin, side="left"))
    if below != int(np.searchsorted(null, threshold + margin, side="right")):
        return None  # a unit distance near the threshold: the column's own may lie on either side of it
    return float(size[0] - below)


def unit_null(
    family: str, size: tuple[int, int], rng: np.random.Generator, shared: SharedDraws, group: Hashable, state: str
) -> tuple[np.ndarray, float]:
    """The null distribution of D, sorted, of the unit `family` (norm(0, 1), lognorm(1) or expon(1)) simulated
    from the standard draws of `group`'s generator in `state` (`simulate`), and the largest of those draws in
    magnitude (how far a column's parameters take its samples: `_in_range`)."""
    if family == "lognorm":
        samples, ordered = simulate(Family(family, (1.0,), 0.0, 1.0), size, rng, shared, group, state)
    else:  # norm(0, 1)'s and expon(1)'s samples are the standard draws themselves (x · 1 + 0), sorted as drawn
        samples, ordered = _standard(STANDARD_DRAWS[family], size, rng, shared, group, state)
    low, high = float(samples.min()), float(samples.max())
    if family == "lognorm":  # the samples are exp(draw)
        low, high = math.log(low), math.log(high)
    return np.sort(_null(family, samples, ordered)), max(-low, high)


def _margin(fitted: Family) -> float | None:
    """`NULL_MARGIN` scaled by how much rounding a column's parameters add to its samples' distances beyond the
    unit family's: the location over the scale (the normal's; on the log scale for the log-normal), none for the
    exponential. None for parameters that are not finite numbers with a positive scale."""
    scale = float(np.asarray(fitted.scale))
    if fitted.name == "lognorm":
        shape = float(np.asarray(fitted.shapes[0]))
        ratio = abs(math.log(scale)) / shape if scale > 0 and shape > 0 else math.nan
    else:
        ratio = abs(float(np.asarray(fitted.loc))) / scale if scale > 0 else math.nan
    return NULL_MARGIN * (1.0 + ratio) if math.isfinite(ratio) else None


def _in_range(fitted: Family, extreme: float) -> bool:
    """Whether the column's samples (a standard draw of at most `extreme` in magnitude, through its parameters) stay
    far inside double precision, where their deviations and squares neither overflow nor lose digits to
    underflow: then only rounding separates their distances from the unit family's."""
    scale = float(np.asarray(fitted.scale))
    if fitted.name == "lognorm":
        shape = float(np.asarray(fitted.shapes[0]))
        return abs(math.log(scale)) + shape * extreme < SAFE_LOG
    loc = abs(float(np.asarray(fitted.loc)))
    return math.exp(-SAFE_LOG) < scale and loc + scale * extreme < math.exp(SAFE_LOG)


def simulate(
    dist: Family,
    size: tuple[int, int],
    rng: np.random.Generator,
    shared: SharedDraws | None,
    group: Hashable,
    state: str | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """`dist.rvs(size, rng)`, and the same samples each sorted when they come sorted for less than a sort (else
    None). A normal, log-normal or exponential sample is a rising function of standard draws that depend only on
    the generator's state (`families.STANDARD_DRAWS`): the first column of `group` whose generator is in that state
    draws them and sorts each row, and the others take both (`shared`; the generator then is not advanced, so it
    must not be drawn from again) and turn the sorted draws into their sorted samples, checked to be in order
    (the same values as sorting the samples: a sorted array of given values is unique). `state`: the generator's
    `state_key` before anything was drawn from it (taken now when None)."""
    kind = STANDARD_DRAWS.get(dist.name)
    if shared is None or kind is None:
        return dist.rvs(size, rng), None
    draws, ordered = _standard(kind, size, rng, shared, group, state)
    samples, ordered = dist.from_standard(draws), dist.from_standard(ordered)
    return samples, (ordered if bool(np.all(ordered[:, 1:] >= ordered[:, :-1])) else None)


def _standard(
    kind: str, size: tuple[int, int], rng: np.random.Generator, shared: SharedDraws, group: Hashable, state: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """The standard draws of `kind` of `group`'s generator in `state` (`rng`'s now when None), and each row sorted:
    drawn by the first caller, taken by the others."""
    key = (group, kind, size, state_key(rng) if state is None else state)  # the draws depend on these alone

    def draw() -> tuple[np.ndarray, np.ndarray]:
        x = standard_draws(kind, size, rng)
        return x, np.sort(x, axis=-1)

    return shared.get(key, draw)


def _family(family: str, params: tuple[Any, ...], per_row: bool = False) -> Family:
    """scipy's frozen `family(*params)` as a `Family`; `per_row`: one parameter per sample (a column each)."""
    arrays = np.broadcast_arrays(*params)
    *shapes, loc, scale = (p[:, np.newaxis] if per_row else p for p in arrays)
    return Family(family, tuple(shapes), loc, scale)


def ks_statistic(dist: Family, data: np.ndarray, axis: int = -1, ordered: np.ndarray | None = None) -> np.ndarray:
    """scipy's KS statistic of `goodness_of_fit` (its `statistic="ks"`: D = max(D+, D−) of each sorted sample
    against its fitted CDF), the same numbers in less time: the CDF is the scipy.special function that the family's
    `_cdf` calls, on the same standardised values, without `rv_continuous.cdf`'s argument checks, evaluated only
    where D can be reached (module docstring); the samples go KS_ROWS at a time, so that their arrays stay in a
    core's cache. Every value lies inside the family's support (the data, or draws from the fitted family);
    parameters that `cdf` would reject go through `dist.cdf`, as scipy's statistic does. `ordered`: `data` with
    each sample sorted, when at hand (2-D samples along the last axis)."""
    data = np.moveaxis(data, axis, -1)
    n = data.shape[-1]
    above, below = np.arange(1.0, n + 1) / n, np.arange(0.0, n) / n
    if not np.all(dist.valid()):
        cdf = dist.cdf(np.sort(data, axis=-1) if ordered is None else ordered)
        return np.maximum((above - cdf).max(axis=-1), (cdf - below).max(axis=-1))
    shapes, loc, scale = dist.shapes, dist.loc, dist.scale
    samples = data.reshape(-1, n)
    loc, scale, *shapes = (np.broadcast_to(p, (*data.shape[:-1], 1)).reshape(-1, 1) for p in (loc, scale, *shapes))
    out = np.empty(samples.shape[0])
    for i in range(0, samples.shape[0], KS_ROWS):
        rows = slice(i, i + KS_ROWS)
        if ordered is None:
            z = np.sort(samples[rows], axis=-1)
            z -= loc[rows]
        else:
            z = ordered[rows] - loc[rows]
        z /= scale[rows]  # (x − loc)/scale, as rv_continuous.cdf standardises
        out[rows] = _largest_distance(dist.name, z, [a[rows, 0] for a in shapes], above, below)
    return out.reshape(data.shape[:-1])


def _largest_distance(
    family: str, z: np.ndarray, shapes: list[np.ndarray], above: np.ndarray, below: np.ndarray
) -> np.ndarray:
    """max over i of max(above_i − F(z_i), F(z_i) − below_i) for each row of sorted standardised values `z`, with
    F evaluated at the block ends and inside the blocks whose bound reaches the largest term found (`PRUNED`
    families; the others everywhere)."""
    rows, n = z.shape
    special_cdf = _cdf(family, z, shapes)
    if family not in PRUNED:
        cdf = special_cdf(np.s_[:, :], None)
        return np.maximum((above - cdf).max(axis=-1), (cdf - below).max(axis=-1))
    ends = np.unique(np.r_[np.arange(0, n, KS_STEP), n - 1])
    at_ends = special_cdf(np.s_[:, ends], None)
    best = np.maximum(above[ends] - at_ends, at_ends - below[ends]).max(axis=-1)
    lo, hi = ends[:-1], ends[1:]
    # inside a block (lo, hi): F ≥ F(lo) and F ≤ F(hi), so above_i − F ≤ above_(hi−1) − F(lo), F − below_i ≤
    # F(hi) − below_(lo+1)
    bound = np.maximum(above[hi - 1] - at_ends[:, :-1], at_ends[:, 1:] - below[np.minimum(lo + 1, n - 1)])
    row, block = np.nonzero((bound >= (best - KS_SLACK)[:, np.newaxis]) & (hi - lo > 1))
    if row.size:
        col = lo[block][:, np.newaxis] + np.arange(1, KS_STEP)
        inside = col < hi[block][:, np.newaxis]
        row, col = np.broadcast_to(row[:, np.newaxis], col.shape)[inside], col[inside]
        cdf = special_cdf((row, col), row)
        np.maximum.at(best, row, np.maximum(above[col] - cdf, cdf - below[col]))
    return best


def _cdf(family: str, z: np.ndarray, shapes: list[np.ndarray]) -> Callable[..., np.ndarray]:
    """The CDF of scipy's standardised `family` (what its `_cdf` returns) at chosen places of `z`: `cdf(where,
    rows)` is F(z[where]) with the rows' shape parameters (`rows` None: every row). A log is taken of the whole
    array first, as before on every value (numpy's vectorised log), and the scipy.special function where asked."""
    from scipy import special

    if family == "norm":
        return lambda where, rows: special.ndtr(z[where])
    if family == "lognorm":
        with np.errstate(divide="ignore"):  # a draw that underflowed to 0: log 0 = −∞, CDF 0 as scipy's
            arg = np.log(z) / shapes[0][:, np.newaxis]
        return lambda where, rows: special.ndtr(arg[where])
    if family == "expon":
        return lambda where, rows: -special.expm1(-z[where])
    if family == "gamma":
        a = shapes[0]
        return lambda where, rows: special.gammainc(a[:, np.newaxis] if rows is None else a[rows], z[where])
    raise ValueError(f"no standard CDF for {family!r}")
