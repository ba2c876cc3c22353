"""The normal, t, F, chi-square and binomial distribution functions of the default report, without scipy.stats.

Importing scipy.stats costs about 0.6 CPU-s (it builds its hundred-odd distributions and imports scipy.optimize,
scipy.integrate...), half of a small report's time. What its distributions evaluate is a scipy.special function
(`t._cdf` is `stdtr`, `chi2._isf` is `chdtri`, ...), wrapped by scipy's generic methods, which give NaN for
arguments out of range or NaN, 0 and 1 outside the support, the support's ends at the probabilities 0 and 1, and
apply `loc` and `scale`. `norm`, `t`, `f`, `chi2` and `binom` here are those same calls in those same wrappers,
called as scipy.stats' objects are (`t.sf(x, df)`, `norm.pdf(x, loc, scale)`), so they give scipy.stats' numbers to
the bit (tests/test_distfuncs.py compares them over grids of arguments, tails, NaN and df from 1e-3 to 1e12).
The families' sources: scipy/stats/_continuous_distns.py (`norm_gen`, `t_gen`, `f_gen`, `chi2_gen`) and
_discrete_distns.py (`binom_gen`); the wrappers: `rv_continuous` and `rv_discrete` in _distn_infrastructure.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.special as sc
import scipy.special._ufuncs as scu  # the binomial's boost functions, which scipy.stats.binom calls

Core = Callable[..., Any]
_NORM_PDF_C = np.sqrt(2 * np.pi)


def _out(values: np.ndarray) -> Any:
    """A NumPy scalar for a scalar result, the array otherwise (as scipy.stats returns)."""
    return values[()] if values.ndim == 0 else values


def _positive(args: tuple[np.ndarray, ...]) -> Any:
    """scipy's default `_argcheck`: every shape argument > 0 (NaN fails)."""
    ok: Any = True
    for arg in args:
        ok = np.logical_and(ok, arg > 0)
    return np.asarray(ok)


class Continuous:
    """A continuous family on the support (a, b): its standard-form functions (the scipy.special calls of scipy's
    `_cdf`, `_sf`, `_ppf`, `_isf`, `_pdf`) inside scipy's generic `cdf`, `sf`, `ppf`, `isf` and `pdf`."""

    def __init__(self, shapes: int, a: float, b: float, *, pdf: Core, cdf: Core, sf: Core, ppf: Core, isf: Core):
        self.shapes, self.a, self.b = shapes, a, b
        self._cdf, self._sf, self._ppf, self._isf, self._pdf = cdf, sf, ppf, isf, pdf

    def _parse(self, args: tuple[Any, ...], loc: Any, scale: Any) -> tuple[tuple[np.ndarray, ...], Any, Any]:
        """Shape arguments, loc and scale, the last two also accepted by position (as scipy.stats does)."""
        if not self.shapes <= len(args) <= self.shapes + 2:
            raise TypeError(f"expected {self.shapes} shape argument(s), then loc and scale, got {len(args)}")
        extra = args[self.shapes :]
        loc, scale = (*extra, *(loc, scale)[len(extra) :])
        return tuple(np.asarray(a) for a in args[: self.shapes]), np.asarray(loc), np.asarray(scale)

    def _standardised(self, x: Any, args: tuple[Any, ...], loc: Any, scale: Any) -> tuple[Any, ...]:
        shapes, loc, scale = self._parse(args, loc, scale)
        x = np.asarray(x)
        z = np.asarray((x - loc) / scale, dtype=np.promote_types(x.dtype, np.float64))
        return z, shapes, _positive(shapes) & (scale > 0), scale

    def cdf(self, x: Any, *args: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """P(X ≤ x): 0 at and below the support, 1 at and above it."""
        z, shapes, ok, _ = self._standardised(x, args, loc, scale)
        with np.errstate(all="ignore"):
            inside = ok & (self.a < z) & (z < self.b)
            out = np.where(ok & (z >= self.b), 1.0, np.where(~ok | np.isnan(z), np.nan, 0.0))
            return _out(np.where(inside, self._cdf(z, *shapes), out))

    def sf(self, x: Any, *args: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """P(X > x): 1 at and below the support, 0 at and above it."""
        z, shapes, ok, _ = self._standardised(x, args, loc, scale)
        with np.errstate(all="ignore"):
            inside = ok & (self.a < z) & (z < self.b)
            out = np.where(ok & (z <= self.a), 1.0, np.where(~ok | np.isnan(z), np.nan, 0.0))
            return _out(np.where(inside, self._sf(z, *shapes), out))

    def pdf(self, x: Any, *args: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """The density: 0 outside the closed support."""
        z, shapes, ok, scale = self._standardised(x, args, loc, scale)
        with np.errstate(all="ignore"):
            inside = ok & (self.a <= z) & (z <= self.b)
            out = np.where(~ok | np.isnan(z), np.nan, 0.0)
            return _out(np.where(inside, self._pdf(z, *shapes) / scale, out))

    def ppf(self, q: Any, *args: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """The q quantile: the support's ends at q = 0 and 1, NaN for q outside [0, 1]."""
        return self._quantile(self._ppf, q, args, loc, scale, lower_at=0)

    def isf(self, q: Any, *args: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """The 1 − q quantile: the support's ends at q = 1 and 0, NaN for q outside [0, 1]."""
        return self._quantile(self._isf, q, args, loc, scale, lower_at=1)

    def _quantile(self, core: Core, q: Any, args: tuple[Any, ...], loc: Any, scale: Any, lower_at: int) -> Any:
        shapes, loc, scale = self._parse(args, loc, scale)
        q = np.asarray(q)
        ok = _positive(shapes) & (scale > 0) & (loc == loc)
        with np.errstate(all="ignore"):
            out = np.where(ok & (q == lower_at), self.a * scale + loc, np.nan)
            out = np.where(ok & (q == 1 - lower_at), self.b * scale + loc, out)
            return _out(np.where(ok & (q > 0) & (q < 1), core(q, *shapes) * scale + loc, out))


def _norm_pdf(z: Any) -> Any:
    return np.exp(-(z**2) / 2.0) / _NORM_PDF_C


def _t_pdf(z: Any, df: Any) -> Any:
    """scipy's `t._pdf`: the normal density for infinite df, exp of `t._logpdf` otherwise."""
    logpdf = np.log(sc.poch(0.5 * df, 0.5)) - 0.5 * (np.log(df) + np.log(np.pi)) - (df + 1) / 2 * np.log1p(z * z / df)
    return np.where(df == np.inf, _norm_pdf(z), np.exp(logpdf))


def _f_pdf(z: Any, dfn: Any, dfd: Any) -> Any:
    """scipy's `f._pdf`: exp of `f._logpdf`."""
    n, m = 1.0 * dfn, 1.0 * dfd
    log_pdf = m / 2 * np.log(m) + n / 2 * np.log(n) + sc.xlogy(n / 2 - 1, z)
    return np.exp(log_pdf - ((n + m) / 2 * np.log(m + n * z) + sc.betaln(n / 2, m / 2)))


def _chi2_pdf(z: Any, df: Any) -> Any:
    """scipy's `chi2._pdf`: exp of `chi2._logpdf`."""
    return np.exp(sc.xlogy(df / 2.0 - 1, z) - z / 2.0 - sc.gammaln(df / 2.0) - (np.log(2) * df) / 2.0)


norm = Continuous(
    0,
    -np.inf,
    np.inf,
    pdf=_norm_pdf,
    cdf=sc.ndtr,
    sf=lambda z: sc.ndtr(-z),
    ppf=sc.ndtri,
    isf=lambda q: -sc.ndtri(q),
)
t = Continuous(
    1,
    -np.inf,
    np.inf,
    pdf=_t_pdf,
    cdf=lambda z, df: sc.stdtr(df, z),
    sf=lambda z, df: sc.stdtr(df, -z),
    ppf=lambda q, df: sc.stdtrit(df, q),
    isf=lambda q, df: -sc.stdtrit(df, q),
)
f = Continuous(
    2,
    0.0,
    np.inf,
    pdf=_f_pdf,
    cdf=lambda z, dfn, dfd: sc.fdtr(dfn, dfd, z),
    sf=lambda z, dfn, dfd: sc.fdtrc(dfn, dfd, z),
    ppf=lambda q, dfn, dfd: sc.fdtri(dfn, dfd, q),
    isf=lambda q, dfn, dfd: sc.fdtri(dfn, dfd, 1.0 - q),  # scipy's generic `_isf`: `_ppf(1 − q)`
)
chi2 = Continuous(
    1,
    0.0,
    np.inf,
    pdf=_chi2_pdf,
    cdf=lambda z, df: sc.chdtr(df, z),
    sf=lambda z, df: sc.chdtrc(df, z),
    ppf=lambda q, df: 2 * sc.gammaincinv(df / 2, q),
    isf=lambda q, df: sc.chdtri(df, q),
)


class _Binomial:
    """scipy.stats.binom's `cdf` and `ppf` (loc 0): scipy.special's boost functions inside `rv_discrete`'s
    wrappers (support 0 … n; NaN for n not a whole number ≥ 0 or p outside [0, 1])."""

    @staticmethod
    def _ok(n: np.ndarray, p: np.ndarray) -> np.ndarray:
        return (n >= 0) & (n == np.round(n)) & (p >= 0) & (p <= 1)

    def cdf(self, k: Any, n: Any, p: Any) -> Any:
        """P(X ≤ k)."""
        k, n, p = np.asarray(k), np.asarray(n), np.asarray(p)
        ok = self._ok(n, p)
        with np.errstate(all="ignore"):
            out = np.where(k >= n, 1.0, 0.0)
            out = np.where(~ok | np.isnan(k), np.nan, np.where(np.isneginf(k), 0.0, out))
            inside = ok & (k >= 0) & (k < n) & np.isfinite(k)
            return _out(np.where(inside, np.clip(scu._binom_cdf(np.floor(k), n, p), 0, 1), out))

    def ppf(self, q: Any, n: Any, p: Any) -> Any:
        """The smallest k with P(X ≤ k) ≥ q: −1 at q = 0, n at q = 1."""
        q, n, p = np.asarray(q), np.asarray(n), np.asarray(p)
        ok = self._ok(n, p)
        with np.errstate(all="ignore"):
            out = np.where(ok & (q == 0), -1.0, np.where(ok & (q == 1), n, np.nan))
            return _out(np.where(ok & (q > 0) & (q < 1), scu._binom_ppf(q, n, p) + 0, out))  # + loc (0), as scipy


binom = _Binomial()
