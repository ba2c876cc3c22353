"""The parametric-bootstrap Kolmogorov–Smirnov test of a fitted continuous family: scipy's numbers, in less time.

`parametric_ks` gives what `scipy.stats.goodness_of_fit(dist, data, known_params=…, statistic="ks", rng=rng)`
gives — the same draws from the family fitted to the data, the same re-fits of every simulated sample, the same
KS distances and p-value — with the re-fits done for all samples at once: the closed forms of the normal (mean, sd
with n − 1), log-normal and exponential MLEs (`scipy.stats.<family>.fit` with the location fixed at 0) computed
along the samples' axis, and the gamma shape's root found by Brent's method run on every sample together (the
steps of scipy's `brentq`, lane by lane, so each sample's root is the one `gamma.fit` returns, to the last bit).

`ks_statistic` is the KS distance D = max(D+, D−) of each sorted sample against its fitted CDF. The gamma CDF
(the regularised incomplete gamma function) costs ten times a sort, so for the gamma it is evaluated where D can
be the largest: the CDF at every KS_STEP-th order statistic bounds D over the values between (the CDF rises, the
empirical CDF climbs 1/n a step), and the values between are evaluated only where that bound reaches the largest
D found (a fifth of the values); D is the same maximum of the same terms as over every value. The other CDFs cost
less than picking the values out, and are evaluated everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

KS_ROWS = 8  # simulated samples per step of the KS statistic (8 × 2,000 values: a core's cache)
KS_STEP = 8  # order statistics per block whose bound decides whether its inside is evaluated (gamma)
PRUNED = {"gamma"}  # families whose CDF is evaluated only where D can be reached
# Slack on the blocks' bounds: far above the CDFs' own departures from monotonicity in floating point (~1e-15),
# so that no value that could reach the largest distance is left out.
KS_SLACK = 1e-9
BRENT_XTOL, BRENT_RTOL, BRENT_ITER = 2e-12, 4 * np.finfo(float).eps, 100  # scipy.optimize.brentq's defaults
FIXED = {"norm": {}, "lognorm": {"loc": 0.0}, "expon": {"loc": 0.0}, "gamma": {"loc": 0.0}}  # goodness_of_fit's


@dataclass(frozen=True)
class Parameterised:
    """A `scipy.stats` family with its arguments: what a frozen distribution computes (`dist.cdf(x, *args,
    **kwds)`…), without building one (`rv_frozen` copies the family, formatting its docstring: about 1 ms)."""

    dist: Any
    args: tuple = ()
    kwds: dict[str, Any] = field(default_factory=dict)

    def frozen(self) -> Any:
        return self.dist(*self.args, **self.kwds)

    def cdf(self, x: Any) -> Any:
        return self.dist.cdf(x, *self.args, **self.kwds)

    def sf(self, x: Any) -> Any:
        return self.dist.sf(x, *self.args, **self.kwds)

    def ppf(self, q: Any) -> Any:
        return self.dist.ppf(q, *self.args, **self.kwds)

    def pmf(self, k: Any) -> Any:
        return self.dist.pmf(k, *self.args, **self.kwds)

    def rvs(self, size: Any, random_state: Any) -> Any:
        return self.dist.rvs(*self.args, size=size, random_state=random_state, **self.kwds)


def parametric_ks(family: str, data: np.ndarray, rng: np.random.Generator, resamples: int) -> tuple[float, float]:
    """The KS distance of `data` to scipy's `family` ("norm", "lognorm", "expon", "gamma", the location of the
    last three fixed at 0) fitted as `goodness_of_fit` fits it, and its parametric-bootstrap p-value from
    `resamples` samples drawn with `rng`: `goodness_of_fit(…, statistic=ks_statistic)`'s statistic and p-value."""
    from scipy import stats

    dist = getattr(stats, family)
    fixed = {f"f{k}": v for k, v in FIXED[family].items()}
    params = (np.mean(data), np.std(data, ddof=1)) if family == "norm" else dist.fit(data, **fixed)
    fitted = Parameterised(dist, tuple(np.asarray(np.broadcast_arrays(*params))))  # goodness_of_fit's dist(*…)
    observed = ks_statistic(fitted, data)
    samples = fitted.rvs(size=(resamples, data.size), random_state=rng)
    refits = _refit(family, samples)
    if refits is None:  # a sample that the closed forms or the root's bracket do not cover: scipy's own fits
        refits = list(np.apply_along_axis(lambda s: dist.fit(s, **fixed), -1, samples).T)
    null = ks_statistic(Parameterised(dist, tuple(p[:, np.newaxis] for p in refits)), samples)
    # monte_carlo_test's p-value: the share of the null at or above the observed D, less a relative 100 eps
    gamma = np.abs(np.finfo(float).eps * 100 * observed)
    p = (np.sum(null >= observed - gamma, dtype=float) + 1.0) / (resamples + 1.0)
    return float(observed), float(np.clip(p, 0.0, 1.0))


def _refit(family: str, samples: np.ndarray) -> list[np.ndarray] | None:
    """Every sample's parameters as `scipy.stats.goodness_of_fit` re-fits it (`_fit_norm` for the normal,
    `<family>.fit(sample, floc=0)` for the others), one array per parameter; None when some sample falls outside
    what the closed forms and the bracketed root cover (scipy's own fit then decides, or raises)."""
    if family == "norm":  # scipy's _fit_norm: mean and the n − 1 standard deviation
        return [np.mean(samples, axis=-1), np.std(samples, ddof=1, axis=-1)]
    zero = np.zeros(samples.shape[0])
    if family == "expon":  # expon.fit(floc=0): scale = mean − 0
        if not np.all(samples >= 0):
            return None
        return [zero, samples.mean(axis=-1) - 0.0]
    if not np.all(samples > 0):
        return None
    logs = np.log(samples)
    if family == "lognorm":  # lognorm.fit(floc=0): scale = exp(mean log x), shape = rms of log x − log scale
        scale = np.exp(logs.mean(axis=-1))
        shape = np.sqrt(np.mean((logs - np.log(scale)[:, np.newaxis]) ** 2, axis=-1))
        return [shape, zero, scale] if np.all(shape > 0) and np.all(scale > 0) else None
    # gamma.fit(floc=0): the shape a solves log a − ψ(a) = s, s = log x̄ − mean(log x), by brentq on
    # [0.6, 1.4] × an approximation; scale = x̄ / a
    from scipy import special

    xbar = samples.mean(axis=-1)
    s = np.log(xbar) - logs.mean(axis=-1)
    aest = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
    shape = _brentq(lambda a, i: np.log(a) - special.digamma(a) - s[i], aest * (1 - 0.4), aest * (1 + 0.4))
    return None if shape is None else [shape, zero, xbar / shape]


def _brentq(f: Callable[..., np.ndarray], xa: np.ndarray, xb: np.ndarray) -> np.ndarray | None:
    """scipy's `brentq` (its C steps, with its default tolerances) run on many brackets at once: lane i follows
    exactly the steps that `brentq(lambda x: f_i(x), xa[i], xb[i], disp=0)` takes, so it returns the same root.
    `f(x, i)` evaluates the lanes `i` at `x`. None when a bracket has no sign change or a value is not finite
    (brentq raises there)."""
    lanes = np.arange(xa.size)
    root = np.full(xa.size, np.nan)
    xpre, xcur = np.asarray(xa, float).copy(), np.asarray(xb, float).copy()
    fpre, fcur = f(xpre, lanes), f(xcur, lanes)
    if np.any(fpre * fcur > 0) or not np.all(np.isfinite(fpre) & np.isfinite(fcur)):
        return None
    root[fpre == 0] = xpre[fpre == 0]
    root[(fpre != 0) & (fcur == 0)] = xcur[(fpre != 0) & (fcur == 0)]
    keep = (fpre != 0) & (fcur != 0)
    lanes, xpre, xcur, fpre, fcur = lanes[keep], xpre[keep], xcur[keep], fpre[keep], fcur[keep]
    xblk, fblk, spre, scur = np.zeros_like(xpre), np.zeros_like(xpre), np.zeros_like(xpre), np.zeros_like(xpre)
    with np.errstate(all="ignore"):  # the branches a lane does not take may divide by 0
        for _ in range(BRENT_ITER):
            bracket = fpre * fcur < 0
            xblk, fblk = np.where(bracket, xpre, xblk), np.where(bracket, fpre, fblk)
            step = xcur - xpre
            spre, scur = np.where(bracket, step, spre), np.where(bracket, step, scur)
            swap = np.abs(fblk) < np.abs(fcur)
            xpre, xcur, xblk = np.where(swap, xcur, xpre), np.where(swap, xblk, xcur), np.where(swap, xcur, xblk)
            fpre, fcur, fblk = np.where(swap, fcur, fpre), np.where(swap, fblk, fcur), np.where(swap, fcur, fblk)
            delta = (BRENT_XTOL + BRENT_RTOL * np.abs(xcur)) / 2
            sbis = (xblk - xcur) / 2
            done = (fcur == 0) | (np.abs(sbis) < delta)
            root[lanes[done]] = xcur[done]
            if done.all():
                return root
            go = ~done
            lanes, xpre, xcur, xblk = lanes[go], xpre[go], xcur[go], xblk[go]
            fpre, fcur, fblk, spre, scur = fpre[go], fcur[go], fblk[go], spre[go], scur[go]
            delta, sbis = delta[go], sbis[go]
            interpolate = xpre == xblk
            dpre, dblk = (fpre - fcur) / (xpre - xcur), (fblk - fcur) / (xblk - xcur)
            stry = np.where(
                interpolate,
                -fcur * (xcur - xpre) / (fcur - fpre),
                -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre)),
            )
            limit = 3 * np.abs(sbis) - delta
            limit = np.where(np.abs(spre) < limit, np.abs(spre), limit)  # C's MIN(|spre|, 3|sbis| − delta)
            short = (np.abs(spre) > delta) & (np.abs(fcur) < np.abs(fpre)) & (2 * np.abs(stry) < limit)
            spre, scur = np.where(short, scur, sbis), np.where(short, stry, sbis)
            xpre, fpre = xcur, fcur
            xcur = np.where(np.abs(scur) > delta, xcur + scur, xcur + np.where(sbis > 0, delta, -delta))
            fcur = f(xcur, lanes)
    root[lanes] = xcur  # gamma.fit calls brentq with disp=0: the last iterate, as scipy returns it
    return root


def ks_statistic(dist: Any, data: np.ndarray, axis: int = -1) -> np.ndarray:
    """scipy's KS statistic of `goodness_of_fit` (its `statistic="ks"`: D = max(D+, D−) of each sorted sample
    against its fitted CDF), the same numbers in less time: the CDF is the scipy.special function that the family's
    `_cdf` calls, on the same standardised values, without `rv_continuous.cdf`'s argument checks, evaluated only
    where D can be reached (module docstring); the samples go KS_ROWS at a time, so that their arrays stay in a
    core's cache. `dist` is a frozen distribution or a `Parameterised` one. Every value lies inside the family's
    support (the data, or draws from the fitted family); parameters that `cdf` would reject go through `dist.cdf`,
    as scipy's statistic does."""
    data = np.moveaxis(data, axis, -1)
    n = data.shape[-1]
    above, below = np.arange(1.0, n + 1) / n, np.arange(0.0, n) / n
    args = dist.args
    if dist.kwds or len(args) != dist.dist.numargs + 2 or not all(np.all(a > 0) for a in (*args[:-2], args[-1])):
        cdf = dist.cdf(np.sort(data, axis=-1))
        return np.maximum((above - cdf).max(axis=-1), (cdf - below).max(axis=-1))
    *shapes, loc, scale = args
    samples = data.reshape(-1, n)
    loc, scale, *shapes = (np.broadcast_to(p, (*data.shape[:-1], 1)).reshape(-1, 1) for p in (loc, scale, *shapes))
    out = np.empty(samples.shape[0])
    for i in range(0, samples.shape[0], KS_ROWS):
        rows = slice(i, i + KS_ROWS)
        z = np.sort(samples[rows], axis=-1)
        z -= loc[rows]
        z /= scale[rows]  # (x − loc)/scale, as rv_continuous.cdf standardises
        out[rows] = _largest_distance(dist.dist.name, z, [a[rows, 0] for a in shapes], above, below)
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
