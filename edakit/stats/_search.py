"""One bounded root search (expand a bracket a fixed number of times, then Brent's method) for every interval
inversion and solver in `edakit.stats`, and the one Brent's method (`brentq`) that every root in `edakit.stats`
is found by.

Why one helper: each site used to widen its bracket in its own `while` loop, and a loop whose test never
becomes false (an infinite or NaN statistic makes `cdf(hi) > target` true for ever, or `hi` itself infinite)
hangs the whole report. Here the number of expansions is bounded, every evaluation must be a number, and the
bracket must stay finite (and within `limit`); otherwise `NotComputable` says why, and the caller keeps its
other numbers and reports that one as not computable. The expansion sequences are the ones the sites used
before, so the answers are unchanged where they were defined.

Why a copy of `scipy.optimize.brentq`: a default report imports neither scipy.optimize nor scipy.stats (their
import is most of a small report's time), and the KS test's re-fits solve one gamma shape per simulated sample,
199 at once. `brentq` takes scipy's C steps (scipy/optimize/Zeros/brentq.c, as of scipy 1.17) lane by lane on
many brackets together, so each lane returns the root that scipy's `brentq` returns for it, to the last bit; a
single root (`bracket_and_solve`) takes the same steps on numpy scalars. `tests/test_fit_bootstrap_scipy.py`
compares it with scipy's `brentq`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from edakit.errors import NotComputable

MAX_EXPANSIONS = 64
XTOL, RTOL, MAXITER = 2e-12, 4 * np.finfo(float).eps, 100  # scipy.optimize.brentq's defaults
# a lane's outcome, as scipy's solver reports it: its root, f(a) and f(b) of one sign (brentq raises ValueError),
# f NaN somewhere (brentq raises ValueError), or the last iterate after `maxiter` steps (RuntimeError, or that
# iterate with disp=False)
CONVERGED, SIGN_ERROR, NAN_VALUE, NOT_CONVERGED = 0, 1, 2, 3


def brentq(
    f: Callable[..., Any],
    xa: Any,
    xb: Any,
    *,
    xtol: float = XTOL,
    rtol: float = RTOL,
    maxiter: int = MAXITER,
) -> tuple[np.ndarray, np.ndarray]:
    """Brent's method on the brackets [xa[i], xb[i]] at once: lane i takes exactly the steps that
    `scipy.optimize.brentq(f_i, xa[i], xb[i], xtol, rtol, maxiter)` takes; `f(x, lanes)` evaluates the lanes
    `lanes` (indices into xa) at `x`. With scalar xa and xb, the one root of `f(x)` (a float in, a float out, as
    scipy calls it), the same steps on numpy scalars (a tenth of the time of one-lane arrays). Returns each lane's
    last iterate and its status (CONVERGED, SIGN_ERROR, NAN_VALUE, NOT_CONVERGED), arrays of one for a scalar."""
    one = np.ndim(xa) == 0 and np.ndim(xb) == 0
    if one:  # numpy scalars (C's doubles: a division by 0 gives inf, not an exception), tests without ufuncs
        where, isnan, signbit = _pick, _isnan, _signbit
        evaluate: Callable[[Any, Any], Any] = lambda x, _: np.float64(f(float(x)))  # noqa: E731
        xpre, xcur, zero = np.float64(xa), np.float64(xb), np.float64(0.0)
    else:
        where, isnan, signbit = np.where, np.isnan, np.signbit
        evaluate = lambda x, lanes: np.asarray(f(x, lanes), float)  # noqa: E731
        xpre, xcur = np.array(xa, dtype=float), np.array(xb, dtype=float)
        zero = np.zeros(xpre.size)
    lanes = np.arange(np.size(xpre))
    root, status = np.full(lanes.size, np.nan), np.full(lanes.size, NOT_CONVERGED)

    def finish(ended: Any, code: int, value: Any = None) -> None:
        """Record the lanes `ended` with their status and root."""
        if one:
            if ended:
                status[0], root[0] = code, np.nan if value is None else value
        elif ended.any():
            status[lanes[ended]] = code
            if value is not None:
                root[lanes[ended]] = value[ended]

    def going(ended: Any, *state: Any) -> tuple[Any, ...] | None:
        """The state of the lanes not `ended`; None when none is left."""
        if one:
            return None if ended else state
        if not ended.any():
            return state
        return tuple(v[~ended] for v in state) if not ended.all() else None

    fpre, fcur = evaluate(xpre, lanes), evaluate(xcur, lanes)
    with np.errstate(all="ignore"):  # the branches a lane does not take may divide by 0 or overflow
        nan = isnan(fpre) | isnan(fcur)
        sign = ~nan & (fpre * fcur > 0)  # C's test: a product that underflows to 0 passes
        at_pre = ~nan & ~sign & (fpre == 0)
        at_cur = ~nan & ~sign & ~at_pre & (fcur == 0)
        finish(nan, NAN_VALUE)
        finish(sign, SIGN_ERROR)
        finish(at_pre, CONVERGED, xpre)
        finish(at_cur, CONVERGED, xcur)
        state = going(nan | sign | at_pre | at_cur, lanes, xpre, xcur, fpre, fcur)
        if state is None:
            return root, status
        lanes, xpre, xcur, fpre, fcur = state
        xblk, fblk, spre, scur = (zero if one else zero[: lanes.size] for _ in range(4))
        for _ in range(maxiter):
            bracket = (fpre != 0) & (fcur != 0) & (signbit(fpre) != signbit(fcur))
            xblk, fblk = where(bracket, xpre, xblk), where(bracket, fpre, fblk)
            step = xcur - xpre
            spre, scur = where(bracket, step, spre), where(bracket, step, scur)
            swap = abs(fblk) < abs(fcur)
            xpre, xcur, xblk = where(swap, xcur, xpre), where(swap, xblk, xcur), where(swap, xcur, xblk)
            fpre, fcur, fblk = where(swap, fcur, fpre), where(swap, fblk, fcur), where(swap, fcur, fblk)
            delta = (xtol + rtol * abs(xcur)) / 2
            sbis = (xblk - xcur) / 2
            done = (fcur == 0) | (abs(sbis) < delta)
            finish(done, CONVERGED, xcur)
            state = going(done, lanes, xpre, xcur, xblk, fpre, fcur, fblk, spre, scur, delta, sbis)
            if state is None:
                return root, status
            lanes, xpre, xcur, xblk, fpre, fcur, fblk, spre, scur, delta, sbis = state
            dpre, dblk = (fpre - fcur) / (xpre - xcur), (fblk - fcur) / (xblk - xcur)
            stry = where(
                xpre == xblk,
                -fcur * (xcur - xpre) / (fcur - fpre),  # interpolate
                -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre)),  # extrapolate
            )
            limit = 3 * abs(sbis) - delta
            limit = where(abs(spre) < limit, abs(spre), limit)  # C's MIN(|spre|, 3|sbis| − delta)
            short = (abs(spre) > delta) & (abs(fcur) < abs(fpre)) & (2 * abs(stry) < limit)
            spre, scur = where(short, scur, sbis), where(short, stry, sbis)
            xpre, fpre = xcur, fcur
            xcur = where(abs(scur) > delta, xcur + scur, xcur + where(sbis > 0, delta, -delta))
            fcur = evaluate(xcur, lanes)
            nan = isnan(fcur)  # scipy raises at the first NaN value
            finish(nan, NAN_VALUE)
            state = going(nan, lanes, xpre, xcur, xblk, fpre, fcur, fblk, spre, scur)
            if state is None:
                return root, status
            lanes, xpre, xcur, xblk, fpre, fcur, fblk, spre, scur = state
    root[lanes] = xcur  # NOT_CONVERGED: the last iterate, as scipy returns it with disp=False
    return root, status


def _pick(condition: Any, a: Any, b: Any) -> Any:
    """np.where for one lane: a if condition else b."""
    return a if condition else b


def _isnan(x: np.float64) -> Any:
    """np.isnan for one lane (a numpy bool, which `~` negates)."""
    return x != x


def _signbit(x: np.float64) -> bool:
    """np.signbit for one lane."""
    return math.copysign(1.0, x) < 0


def _value(f: Callable[[float], float], x: float, what: str) -> float:
    if not math.isfinite(x):
        raise NotComputable(f"the search for {what} ran off to infinity")
    y = float(f(x))
    if math.isnan(y):
        raise NotComputable(f"the distribution function needed for {what} is not defined (NaN) at {x:.6g}")
    return y


def bracket_and_solve(
    f: Callable[[float], float],
    lo: float,
    hi: float,
    *,
    decreasing: bool,
    what: str,
    next_lo: Callable[[float, int], float] | None = None,
    next_hi: Callable[[float, int], float] | None = None,
    carry: bool = False,
    limit: float = math.inf,
    max_expansions: int = MAX_EXPANSIONS,
    xtol: float = 2e-12,
    rtol: float = 8.881784197001252e-16,
    maxiter: int = 500,
) -> float:
    """The root of the monotone `f` (Brent's method), after widening [lo, hi] until it changes sign there.

    `decreasing`: f(lo) must be ≥ 0 and f(hi) ≤ 0 (else f(lo) ≤ 0 ≤ f(hi)). `next_lo(lo, i)` / `next_hi(hi, i)`
    give the i-th (0-based) widened end; None means that end is not moved (it must already be on its side).
    With `carry`, the end that was just abandoned becomes the other end (it is on that side too), which keeps
    the bracket short. At most `max_expansions` widenings per end, ends within ±`limit`, f never NaN: otherwise
    `NotComputable` naming `what`.
    """
    sign = 1.0 if decreasing else -1.0  # sign * f is ≥ 0 at lo and ≤ 0 at hi

    def widen(end: float, other: float, step: Callable[[float, int], float] | None, low: bool) -> tuple[float, float]:
        for i in range(max_expansions + 1):
            v = sign * _value(f, end, what)
            if (v >= 0) if low else (v <= 0):
                return end, other
            if step is None:
                raise NotComputable(f"{what} lies outside the range searched (beyond {end:.6g})")
            if i == max_expansions:
                break
            new = step(end, i)
            if not math.isfinite(new) or abs(new) > limit:
                raise NotComputable(f"the search for {what} left the range where it can be evaluated")
            if carry:
                other = end
            end = new
        raise NotComputable(f"no bracket for {what} was found within {max_expansions} widening steps")

    lo, hi = widen(lo, hi, next_lo, True)
    hi, lo = widen(hi, lo, next_hi, False)
    roots, status = brentq(f, lo, hi, xtol=xtol, rtol=rtol, maxiter=maxiter)
    if status[0] != CONVERGED:
        why = {SIGN_ERROR: "no sign change", NAN_VALUE: "a value was NaN", NOT_CONVERGED: f"{maxiter} steps"}
        raise NotComputable(f"the root search for {what} did not converge ({why[int(status[0])]})")
    root = float(roots[0])
    if not math.isfinite(root):
        raise NotComputable(f"the search for {what} gave no finite answer")
    return root
