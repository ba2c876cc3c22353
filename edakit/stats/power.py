"""Power, minimum detectable effect and sample size for comparing two proportions or two means.

Conventions (documented because R and statsmodels differ on them):

* Two proportions use Cohen's h = 2·asin(sqrt(p_t)) − 2·asin(sqrt(p_c)) and the two-sided normal test on it
  (Cohen 1988, ch. 6; statsmodels `NormalIndPower`): power = Φ(|h|·sqrt(ñ) − z) + Φ(−|h|·sqrt(ñ) − z),
  ñ = n_c·n_t/(n_c + n_t), z = z_{1−α/2}; both tails are counted. R's `power.prop.test` works on the raw
  difference with pooled/unpooled variances instead; its answers are close but not equal (for 10 % vs 12 %
  at 80 % power: 3,834.6 per arm here, 3,840.8 with `power.prop.test(strict = TRUE)`).
* Two means use the noncentral t: df = n_c + n_t − 2, ncp = d·sqrt(ñ), both tails counted (statsmodels
  `TTestIndPower`); for equal arms this is exactly R's `power.t.test(strict = TRUE)` (R's default
  `strict = FALSE` drops the far tail, which matters only for tiny effects).

Checked against R in tests/r/ab.R (power.t.test, and the arcsine formula above solved with `uniroot`). Both
powers are statsmodels' formulas written out with scipy's distributions (the same calls, the same numbers, checked
against statsmodels in tests/test_ab_power.py): importing statsmodels.stats.power (and pandas with it) cost
about 0.5 CPU-seconds in every `edakit ab`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from edakit.errors import EdakitError, NotComputable
from edakit.stats import effect_sizes as es
from edakit.stats._search import bracket_and_solve
from edakit.stats.result import EffectSize, Result


@dataclass(repr=False)
class SampleSizeResult(Result):
    """Result of `sample_size`: `estimate` is the exact (fractional) n of the control arm."""

    kind: str = "binary"  # binary (two proportions) or continuous (two means)
    n_control: int = 0  # rounded up
    n_treatment: int = 0  # rounded up
    mde: float = 0.0  # the absolute difference to detect
    baseline: float | None = None  # control rate (binary)
    sd: float | None = None  # common standard deviation (continuous)
    alpha: float = 0.05
    power: float = 0.8
    ratio: float = 1.0  # n_treatment / n_control


def _check(alpha: float, power: float | None = None) -> None:
    if not (isinstance(alpha, (int, float)) and 0 < alpha < 1):
        raise EdakitError(f"alpha must be a number between 0 and 1 (e.g. 0.05), not {alpha!r}.")
    if power is not None and not (isinstance(power, (int, float)) and alpha < power < 1):
        raise EdakitError(f"power must be between alpha ({alpha:g}) and 1 (e.g. 0.8), not {power!r}.")


def power_proportions(h: float, n_control: float, n_treatment: float, alpha: float = 0.05) -> float:
    """Power of the two-sided two-proportion z test to detect Cohen's h with these arm sizes: statsmodels
    `NormalIndPower().power(|h|, nobs1=n_control, alpha, ratio=n_treatment / n_control)`, term for term.

    >>> round(power_proportions(0.2, 400, 400), 4)
    0.8074
    """
    from scipy import stats

    _check(alpha)
    nobs = _effective_n(n_control, n_treatment) if n_treatment / n_control > 0 else n_control
    shift, tail = abs(h) * math.sqrt(nobs), alpha / 2.0
    return float(stats.norm.sf(stats.norm.isf(tail) - shift) + stats.norm.cdf(stats.norm.ppf(tail) - shift))


def power_means(d: float, n_control: float, n_treatment: float, alpha: float = 0.05) -> float:
    """Power of the two-sided two-sample t test to detect a standardised difference d (noncentral t).

    statsmodels `TTestIndPower().power(|d|, nobs1=n_control, alpha, ratio=n_treatment / n_control)`, term for
    term: df = n_c + n_t − 2, the noncentral t from `scipy.special.nctdtr`.

    >>> round(power_means(0.5, 50, 50), 4)  # R: power.t.test(n = 50, delta = 0.5, strict = TRUE)
    0.6969
    """
    from scipy import special, stats

    _check(alpha)
    n_t = n_control * (n_treatment / n_control)  # as statsmodels forms the second arm from the ratio
    df = n_control - 1 + n_t - 1
    ncp, tail = abs(d) * math.sqrt(_effective_n(n_control, n_treatment)), alpha / 2.0
    upper, lower = float(stats.t.isf(tail, df)), float(stats.t.ppf(tail, df))
    if math.isnan(upper) or math.isnan(lower):
        value = math.nan
    else:
        value = float((1 - special.nctdtr(df, ncp, upper)) + special.nctdtr(df, ncp, lower))
    if math.isnan(value):  # scipy's noncentral t returns NaN for a far tail that underflows: count it as 0
        df = n_control + n_treatment - 2
        ncp = abs(d) * math.sqrt(n_control * n_treatment / (n_control + n_treatment))
        crit = float(stats.t.isf(alpha / 2, df))
        tails = [float(stats.nct.sf(crit, df, ncp)), float(stats.nct.cdf(-crit, df, ncp))]
        value = min(sum(0.0 if math.isnan(t) else t for t in tails), 1.0)
    return value


def _effective_n(n_control: float, n_treatment: float) -> float:
    """ñ = 1 / (1/n_c + 1/n_t), the second arm formed from the ratio as statsmodels forms it."""
    return 1.0 / (1.0 / n_control + 1.0 / (n_control * (n_treatment / n_control)))


MAX_SOLVE = 1e15  # the largest sample size or effect the solver looks for


def _solve(power_of: Any, power: float, lo: float, hi: float) -> float:
    """The x in [lo, ∞) where the increasing function power_of(x) reaches `power` (Brent's method).

    statsmodels' `solve_power` stops at about 1e-6 relative error; this bracketed root is exact to ~1e-12.
    The bracket grows ×4 at most until MAX_SOLVE (`_search.bracket_and_solve`); beyond that, or when power_of
    is not a number, raises `NotComputable`.
    """
    return bracket_and_solve(
        lambda x: power_of(x) - power,
        lo,
        hi,
        decreasing=False,
        what="the power equation",
        next_hi=lambda x, i: x * 4,
        carry=True,
        limit=MAX_SOLVE,
        xtol=1e-14,
        rtol=1e-14,
        maxiter=500,
    )


def _solve_n(power_of: Any, power: float, lo: float, hi: float) -> float:
    """`_solve` for a sample size: a clear EdakitError when there is none (the effect is too small to detect
    with fewer than MAX_SOLVE units, or so large that the smallest arm already has more power)."""
    try:
        return _solve(power_of, power, lo, hi)
    except NotComputable as exc:
        raise EdakitError(
            f"The sample size is {exc}. Check that the difference to detect is neither vanishingly small nor "
            "as large as the whole range of the metric."
        ) from None


def mde_h(n_control: float, n_treatment: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """The smallest |Cohen's h| detected with probability `power` by the two-proportion test.

    >>> round(mde_h(400, 400), 4)
    0.1981
    """
    _check(alpha, power)
    try:
        return _solve(lambda h: power_proportions(h, n_control, n_treatment, alpha), power, 1e-12, 1.0)
    except NotComputable:
        return math.nan  # undefined, as for arms too small (callers test for a finite value)


def mde_d(n_control: float, n_treatment: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """The smallest |d| (difference / SD) detected with probability `power` by the two-sample t test.

    >>> round(mde_d(200, 200), 4)  # R: power.t.test(n = 200, sd = 1, power = 0.8, strict = TRUE)$delta
    0.2808
    """
    _check(alpha, power)
    if n_control < 1 or n_treatment < 1 or n_control + n_treatment < 3:
        return math.nan
    try:
        return _solve(lambda d: power_means(d, n_control, n_treatment, alpha), power, 1e-12, 1.0)
    except NotComputable:
        return math.nan  # undefined, as for arms too small (callers test for a finite value)


def rate_change(baseline: float, h: float) -> tuple[float | None, float | None]:
    """The absolute rise and fall of a `baseline` rate that correspond to |h| on the arcsine scale.

    Returns (up, down); a direction that would leave [0, 1] is None.

    >>> [round(v, 4) for v in rate_change(0.5, 0.2)]
    [0.0993, 0.0993]
    """
    phi = math.asin(math.sqrt(baseline))
    half = abs(h) / 2
    up = math.sin(phi + half) ** 2 - baseline if phi + half <= math.pi / 2 else None
    down = baseline - math.sin(phi - half) ** 2 if phi - half >= 0 else None
    return up, down


def sample_size(
    mde: float,
    *,
    baseline: float | None = None,
    sd: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
    ratio: float = 1.0,
    relative: bool = False,
) -> SampleSizeResult:
    """Units needed per arm to detect a difference `mde` with probability `power` at two-sided level `alpha`.

    Binary metric: give the control rate `baseline`; the treatment rate is baseline + mde (or
    baseline·(1 + mde) with `relative=True`), the effect is Cohen's h, n from statsmodels `NormalIndPower`.
    Continuous metric: give the standard deviation `sd`; d = mde / sd (mde·baseline/sd when relative, with
    `baseline` the control mean), n from statsmodels `TTestIndPower`. `ratio` = n_treatment / n_control.
    See the module docstring for how this relates to R's `power.prop.test` / `power.t.test`.

    >>> r = sample_size(0.02, baseline=0.10)  # 10 % -> 12 %
    >>> r.n_control, r.n_treatment
    (3835, 3835)
    >>> sample_size(1, sd=3).n_control  # R: power.t.test(delta = 1, sd = 3, power = 0.8, strict = TRUE) 142.2
    143
    """
    _check(alpha, power)
    if not (isinstance(ratio, (int, float)) and ratio > 0):
        raise EdakitError(f"ratio (treatment / control size) must be positive, not {ratio!r}.")
    if not isinstance(mde, (int, float)) or not math.isfinite(mde) or mde == 0:
        raise EdakitError(f"mde (the difference to detect) must be a non-zero number, not {mde!r}.")
    if (baseline is None) == (sd is None) and not (relative and sd is not None and baseline is not None):
        raise EdakitError(
            "Give baseline= (the control rate) for a binary metric, or sd= (the standard deviation) for a "
            "continuous one."
        )
    notes: list[str] = []
    if sd is None:
        if not (baseline is not None and 0 < baseline < 1):
            raise EdakitError(f"baseline must be a rate strictly between 0 and 1, not {baseline!r}.")
        diff = baseline * mde if relative else mde
        target = baseline + diff
        if not 0 <= target <= 1:
            raise EdakitError(f"baseline {baseline:g} plus the difference {diff:g} leaves the range 0-1.")
        effect: EffectSize = es.cohens_h(target, baseline)
        h = abs(effect.value)
        n = _solve_n(lambda n: power_proportions(h, n, n * ratio, alpha), power, 1.0, 100.0)
        kind = "binary"
        method = "Sample size for two proportions (Cohen's h, two-sided normal test)"
    else:
        if not (isinstance(sd, (int, float)) and sd > 0):
            raise EdakitError(f"sd must be a positive number, not {sd!r}.")
        if relative and baseline is None:
            raise EdakitError("A relative mde for a continuous metric needs baseline= (the control mean).")
        diff = mde * baseline if relative else mde
        d = diff / sd
        effect = EffectSize("Cohen's d", d, None, es.magnitude(d, "d"), es.COHEN_D)
        n = _solve_n(lambda n: power_means(d, n, n * ratio, alpha), power, 1.0 + 1.0 / (1 + ratio), 100.0)
        kind = "continuous"
        method = "Sample size for two means (two-sided two-sample t test, noncentral t)"
    n = float(n)
    return SampleSizeResult(
        method,
        estimate=n,
        effect_size=effect,
        n=math.ceil(n) + math.ceil(n * ratio),
        notes=notes,
        details={"n_control_exact": n, "n_treatment_exact": n * ratio, "relative": relative},
        kind=kind,
        n_control=math.ceil(n),
        n_treatment=math.ceil(n * ratio - 1e-9),
        mde=float(diff),
        baseline=baseline,
        sd=sd,
        alpha=alpha,
        power=power,
        ratio=float(ratio),
    )
