"""The families that `stats.fitting` fits, evaluated, drawn from and fitted as scipy.stats does, without scipy.stats.

Why a copy: importing scipy.stats (with scipy.optimize) takes 0.6 CPU-s, most of a small report's time, and a
default report needs of it only these seven families. `Family` computes what scipy's frozen distribution
computes: the same scipy.special function that the family's `_logpdf`, `_cdf`, `_ppf`, `_pmf`, `_sf` calls, on
the values standardised as `rv_continuous` standardises them ((x − loc)/scale, then − log scale for a density),
with scipy's values outside the support (−∞, 0 or 1) and NaN for invalid parameters or values; `rvs` draws what
`_rvs` draws from the numpy Generator, then loc + scale · x, so a seeded stream is the same. `fit` returns what
`<family>.fit(x, floc=0)` (`norm.fit(x)`) returns: scipy's closed forms, and the gamma shape's root of
log a − ψ(a) = s by scipy's bracket and Brent's steps (`_search.brentq`); along the last axis, so one call fits
every simulated sample of the KS test. `tests/test_fit_bootstrap_scipy.py` compares every function with
scipy.stats (imported there) over grids of values and parameters and on the datasets' columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from edakit.stats._search import CONVERGED, NOT_CONVERGED, brentq

CONTINUOUS = {"norm": (-np.inf, np.inf), "lognorm": (0.0, np.inf), "expon": (0.0, np.inf), "gamma": (0.0, np.inf)}
DISCRETE = {"poisson": (0.0, np.inf), "nbinom": (0.0, np.inf), "bernoulli": (0.0, 1.0)}  # scipy's supports [a, b]


class FitError(ValueError):
    """Data that scipy's `fit` refuses (a value outside the support, a root it cannot bracket): scipy raises a
    ValueError (its FitDataError is one) there too."""


@dataclass(frozen=True)
class Family:
    """scipy.stats' `name` family ("norm", "lognorm", "expon", "gamma", "poisson", "nbinom", "bernoulli") with its
    shape parameters, location and scale (scalars, or arrays that broadcast against the values)."""

    name: str
    shapes: tuple[Any, ...] = ()
    loc: Any = 0.0
    scale: Any = 1.0

    def frozen(self) -> Any:
        """The same distribution as a frozen `scipy.stats` object (imports scipy.stats)."""
        from scipy import stats

        dist = getattr(stats, self.name)
        if self.name in DISCRETE:
            return dist(*self.shapes, loc=self.loc)
        return dist(*self.shapes, loc=self.loc, scale=self.scale)

    def valid(self) -> Any:
        """scipy's `_argcheck` of the shapes (and scale > 0 for a continuous family), elementwise."""
        s = [np.asarray(v) for v in self.shapes]
        if self.name == "poisson":
            return s[0] >= 0
        if self.name == "nbinom":
            return (s[0] > 0) & (s[1] > 0) & (s[1] <= 1)
        if self.name == "bernoulli":
            return (s[0] >= 0) & (s[0] <= 1)
        ok = np.asarray(self.scale) > 0
        for v in s:
            ok = ok & (v > 0)
        return ok

    def _standard(self, x: Any) -> tuple[np.ndarray, Any]:
        z = np.asarray((np.asarray(x, float) - self.loc) / self.scale, float)
        return z, self.valid()

    def logpdf(self, x: Any) -> np.ndarray:
        """`dist.logpdf(x)`: −∞ outside the closed support, NaN for a NaN value or invalid parameters."""
        z, ok = self._standard(x)
        low, high = CONTINUOUS[self.name]
        with np.errstate(all="ignore"):
            out = _logpdf(self.name, z, self.shapes) - np.log(self.scale)
            out = np.where(ok & (low <= z) & (z <= high), out, -np.inf)
        return _bad(out, ok, z)

    def cdf(self, x: Any) -> np.ndarray:
        """`dist.cdf(x)` (continuous; a count family's through `_count_cdf`): 0 below the open support, 1 above."""
        if self.name in DISCRETE:
            return self._count_cdf(x)
        z, ok = self._standard(x)
        low, high = CONTINUOUS[self.name]
        with np.errstate(all="ignore"):
            out = np.where(ok & (low < z) & (z < high), _cdf(self.name, z, self.shapes), 0.0)
            out = np.where(ok & (z >= high), 1.0, out)
        return _bad(out, ok, z)

    def ppf(self, q: Any) -> np.ndarray:
        """`dist.ppf(q)`: the support's ends at q = 0 and 1, NaN outside [0, 1]."""
        q = np.asarray(q, float)
        ok = self.valid() & (np.asarray(self.loc) == self.loc)
        low, high = CONTINUOUS[self.name]
        with np.errstate(all="ignore"):
            out = _ppf(self.name, q, self.shapes) * self.scale + self.loc
            out = np.where(ok & (q > 0) & (q < 1), out, np.nan)
            out = np.where(ok & (q == 0), low * self.scale + self.loc, out)
            return np.where(ok & (q == 1), high * self.scale + self.loc, out)

    def rvs(self, size: Any, rng: np.random.Generator) -> np.ndarray:
        """`dist.rvs(size=size, random_state=rng)`: `_rvs`'s standard draws, times scale, plus loc."""
        if self.name == "gamma":
            return rng.standard_gamma(self.shapes[0], size) * self.scale + self.loc
        if self.name not in STANDARD_DRAWS:
            raise ValueError(f"no draws of {self.name!r} here")
        return self.from_standard(standard_draws(STANDARD_DRAWS[self.name], size, rng))

    def from_standard(self, x: np.ndarray) -> np.ndarray:
        """What `rvs` makes of the standard draws `x` (`standard_draws` of the family's `STANDARD_DRAWS` kind,
        which do not depend on the parameters): the rest of `_rvs`, times scale, plus loc. Each value is a rising
        function of its draw (scale > 0), so sorted draws give sorted values."""
        if self.name == "lognorm":
            x = np.exp(self.shapes[0] * x)
        return x * self.scale + self.loc

    def _count(self, k: Any) -> tuple[np.ndarray, Any, float, float]:
        return np.asarray(np.asarray(k, float) - self.loc), self.valid(), *DISCRETE[self.name]

    def logpmf(self, k: Any) -> np.ndarray:
        """`dist.logpmf(k)`: −∞ off the support's whole numbers."""
        k, ok, low, high = self._count(k)
        with np.errstate(all="ignore"):
            inside = ok & (k >= low) & (k <= high) & (np.floor(k) == k)
            out = np.where(inside, _logpmf(self.name, k, self.shapes), -np.inf)
        return _bad(out, ok, k)

    def pmf(self, k: Any) -> np.ndarray:
        """`dist.pmf(k)`: 0 off the support's whole numbers."""
        k, ok, low, high = self._count(k)
        with np.errstate(all="ignore"):
            inside = ok & (k >= low) & (k <= high) & (np.floor(k) == k)
            out = np.where(inside, np.clip(_count_fn(self.name, "pmf", k, self.shapes), 0, 1), 0.0)
        return _bad(out, ok, k)

    def _count_cdf(self, k: Any) -> np.ndarray:
        k, ok, low, high = self._count(k)
        with np.errstate(all="ignore"):
            inside = ok & (k >= low) & (k < high) & np.isfinite(k)
            out = np.where(inside, np.clip(_count_fn(self.name, "cdf", np.floor(k), self.shapes), 0, 1), 0.0)
            out = np.where(k >= high, 1.0, out)
        return _bad(out, ok, k)

    def sf(self, k: Any) -> np.ndarray:
        """`dist.sf(k)` of a count family: 1 below the support."""
        k, ok, low, high = self._count(k)
        with np.errstate(all="ignore"):
            inside = ok & (k >= low) & (k < high) & np.isfinite(k)
            out = np.where(inside, np.clip(_count_fn(self.name, "sf", np.floor(k), self.shapes), 0, 1), 0.0)
            out = np.where(ok & (k < low), 1.0, out)
        return _bad(out, ok, k)


# the families whose draws are a function of standard draws that do not depend on the parameters, and their kind
STANDARD_DRAWS = {"norm": "normal", "lognorm": "normal", "expon": "exponential"}


def standard_draws(kind: str, size: Any, rng: np.random.Generator) -> np.ndarray:
    """`rng`'s standard normal or exponential draws, as `_rvs` of the families of that `STANDARD_DRAWS` kind
    draws them."""
    return rng.standard_normal(size) if kind == "normal" else rng.standard_exponential(size)


def _bad(out: np.ndarray, ok: Any, x: np.ndarray) -> np.ndarray:
    """scipy's `badvalue` (NaN) where the parameters are invalid or the value is NaN; a 0-d result as a scalar."""
    out = np.where(~np.asarray(ok) | np.isnan(x), np.nan, out)
    return out[()] if out.ndim == 0 else out


def _logpdf(name: str, z: np.ndarray, shapes: tuple[Any, ...]) -> np.ndarray:
    """The family's `_logpdf` at standardised values (scipy's expressions, in its order of operations)."""
    from scipy import special

    if name == "norm":
        return -(z**2) / 2.0 - np.log(np.sqrt(2 * np.pi))
    if name == "lognorm":
        s = np.asarray(shapes[0])
        value = -(np.log(z) ** 2) / (2 * s**2) - np.log(s * z * np.sqrt(2 * np.pi))
        return np.where(z != 0, value, -np.inf)
    if name == "expon":
        return -z
    a = np.asarray(shapes[0])
    return special.xlogy(a - 1.0, z) - z - special.gammaln(a)


def _cdf(name: str, z: np.ndarray, shapes: tuple[Any, ...]) -> np.ndarray:
    """The family's `_cdf` at standardised values."""
    from scipy import special

    if name == "norm":
        return special.ndtr(z)
    if name == "lognorm":
        return special.ndtr(np.log(z) / shapes[0])
    if name == "expon":
        return -special.expm1(-z)
    return special.gammainc(shapes[0], z)


def _ppf(name: str, q: np.ndarray, shapes: tuple[Any, ...]) -> np.ndarray:
    """The family's `_ppf`."""
    from scipy import special

    if name == "norm":
        return special.ndtri(q)
    if name == "lognorm":
        return np.exp(shapes[0] * special.ndtri(q))
    if name == "expon":
        return -special.log1p(-q)
    return special.gammaincinv(shapes[0], q)


def _logpmf(name: str, k: np.ndarray, shapes: tuple[Any, ...]) -> np.ndarray:
    """The count family's `_logpmf` (the Bernoulli's is the binomial's with n = 1)."""
    from scipy import special

    if name == "poisson":
        return special.xlogy(k, shapes[0]) - special.gammaln(k + 1) - shapes[0]
    if name == "nbinom":
        n, p = (np.asarray(v) for v in shapes)
        coeff = special.gammaln(n + k) - special.gammaln(k + 1) - special.gammaln(n)
        return coeff + n * np.log(p) + special.xlog1py(k, -p)
    p, k = shapes[0], np.floor(k)
    combiln = special.gammaln(1 + 1) - (special.gammaln(k + 1) + special.gammaln(1 - k + 1))
    return combiln + special.xlogy(k, p) + special.xlog1py(1 - k, -p)


def _count_fn(name: str, which: str, k: np.ndarray, shapes: tuple[Any, ...]) -> np.ndarray:
    """The count family's `_pmf`, `_cdf` or `_sf` (k already floored for the last two): the Poisson's by its log
    pmf and `pdtr`/`pdtrc`, the negative binomial's and the Bernoulli's by the Boost functions scipy.stats calls
    (private ufuncs of scipy.special, which scipy.special loads anyway)."""
    from scipy import special
    from scipy.special import _ufuncs

    if name == "poisson":
        if which == "pmf":
            return np.exp(_logpmf(name, k, shapes))
        return (special.pdtr if which == "cdf" else special.pdtrc)(k, shapes[0])
    if name == "nbinom":
        return getattr(_ufuncs, f"_nbinom_{which}")(k, *shapes)
    return getattr(_ufuncs, f"_binom_{which}")(k, 1, shapes[0])


def fit(name: str, x: np.ndarray, *, ddof: int = 0, logs: np.ndarray | None = None) -> tuple[Any, ...]:
    """The parameters (shapes, loc, scale) that scipy fits to each sample along x's last axis: `norm.fit(x)` (with
    `ddof=1`, `goodness_of_fit`'s normal fit: the n − 1 standard deviation), and `<family>.fit(x, floc=0)` for
    "lognorm", "expon" and "gamma". Scalars for a 1-D x. Raises FitError where scipy's fit raises. (A
    log-normal sample whose log-values do not vary at all, where scipy turns to its numerical optimiser, raises
    too: its sdlog would be 0.) `logs`: np.log(x)'s values, when at hand."""
    if name == "norm":
        loc = x.mean(axis=-1)
        if ddof:
            return loc, np.std(x, ddof=ddof, axis=-1)
        return loc, np.sqrt(((x - (loc[..., np.newaxis] if x.ndim > 1 else loc)) ** 2).mean(axis=-1))
    if name == "expon":
        if not np.all(x >= 0):
            raise FitError("a value is below 0")
        return 0.0, x.mean(axis=-1) - 0
    if not np.all(x > 0):
        raise FitError("a value is not above 0")
    logs = np.log(x) if logs is None else logs
    if name == "lognorm":
        scale = np.exp(logs.mean(axis=-1))
        centred = logs - (np.log(scale)[..., np.newaxis] if x.ndim > 1 else np.log(scale))
        shape = np.sqrt(np.mean(centred**2, axis=-1))
        if not (np.all(shape > 0) and np.all(scale > 0)):
            raise FitError("the logarithms of the values do not vary")
        return shape, 0.0, scale
    if name != "gamma":
        raise ValueError(f"no fit of {name!r} here")
    from scipy import special

    xbar = x.mean(axis=-1)
    s = np.atleast_1d(np.log(xbar) - logs.mean(axis=-1))
    aest = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)
    root, status = brentq(lambda a, i: np.log(a) - special.digamma(a) - s[i], aest * (1 - 0.4), aest * (1 + 0.4))
    if not np.all((status == CONVERGED) | (status == NOT_CONVERGED)):  # gamma.fit calls brentq with disp=0
        raise FitError("the gamma shape's likelihood equation has no root in the range searched")
    shape = root if x.ndim > 1 else root[0]
    return shape, 0.0, xbar / shape
