"""One bounded root search (expand a bracket a fixed number of times, then Brent's method) for every interval
inversion and solver in `edakit.stats`.

Why one helper: each site used to widen its bracket in its own `while` loop, and a loop whose test never
becomes false (an infinite or NaN statistic makes `cdf(hi) > target` true for ever, or `hi` itself infinite)
hangs the whole report. Here the number of expansions is bounded, every evaluation must be a number, and the
bracket must stay finite (and within `limit`); otherwise `NotComputable` says why, and the caller keeps its
other numbers and reports that one as not computable. The expansion sequences are the ones the sites used
before, so the answers are unchanged where they were defined.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from edakit.errors import NotComputable

MAX_EXPANSIONS = 64


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
    from scipy import optimize

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
    try:
        root = optimize.brentq(f, lo, hi, xtol=xtol, rtol=rtol, maxiter=maxiter)
    except (RuntimeError, ValueError) as exc:
        raise NotComputable(f"the root search for {what} did not converge ({exc})") from None
    root = float(root)
    if not math.isfinite(root):
        raise NotComputable(f"the search for {what} gave no finite answer")
    return root
