"""Distribution fits and their goodness of fit, per numeric column.

Distribution fits (`fit_distributions`, per numeric column): candidate families chosen by the data's support and
fitted by maximum likelihood, with R's `MASS::fitdistr` parameterisations —

* continuous: normal (mean, sd), log-normal (meanlog, sdlog) and gamma (shape, rate) for positive values,
  exponential (rate) for non-negative ones; MLEs as `scipy.stats.<family>.fit` computes them (closed forms, and
  the exact root of log a − ψ(a) = log x̄ − mean(log x) for the gamma shape), by `stats.families`;
* counts (whole numbers ≥ 0 with at most `DISCRETE_LEVELS` distinct values, or the columns the schema calls
  counts when `counts` says so: a rounded measurement is not a count): Poisson (lambda = x̄) and negative
  binomial (size, mu = x̄; size is the root of its score equation, which has a finite root only when the variance
  exceeds the mean — otherwise the Poisson is the negative binomial's limit and the latter is skipped);
* 0/1 columns: Bernoulli (prob = share of 1s).

Families are ranked by AIC = 2k − 2 ℓ(θ̂) (Akaike 1974), with Akaike weights exp(−Δ/2) / Σ exp(−Δ/2).
Standard errors come from the observed information (the inverse of minus the Hessian of ℓ at θ̂; closed forms
for every family here), and intervals are Wald intervals θ̂ ± z·se — on the log scale, θ̂·exp(±z·se/θ̂), for
parameters that must be positive, so they stay positive — and Wilson's score interval for a Bernoulli share.
Goodness of fit of the best family: for continuous families the Kolmogorov–Smirnov distance D between the
empirical and the fitted CDF, with its p-value from a seeded parametric bootstrap that re-fits the parameters
on every simulated sample (`scipy.stats.goodness_of_fit`'s numbers by `stats.gof`, `GOF_RESAMPLES` samples, on
at most `GOF_MAX_N` values), since the textbook KS p-value assumes known parameters and is far too large when they
are estimated (Lilliefors 1967; Stute, Manteiga & Quindimil 1993); for counts Pearson's chi-square over cells
merged until each expects at least 5, whose null distribution lies between χ²(cells − 1 − k) and χ²(cells − 1)
when θ̂ is fitted on the raw values (Chernoff & Lehmann 1954): both p-values are given, with Fisher's
index-of-dispersion test (variance against mean).

Every density, distribution function, quantile, draw and fit here is scipy.stats' own number, computed by
`stats.families`, `stats.gof` and `stats.distfuncs` (the chi-square) with scipy.special and numpy alone: a
default report does not import scipy.stats (`families`' docstring says why).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.errors import NotComputable
from edakit.stats._draws import SharedDraws
from edakit.stats._search import bracket_and_solve
from edakit.stats.families import Family, FitError
from edakit.stats.families import fit as mle
from edakit.stats.modes import DISCRETE_LEVELS
from edakit.stats.result import Result

MIN_FIT_N = 10
GOF_MAX_N = 2_000  # values used by the parametric-bootstrap KS test (a seeded subset beyond)
GOF_RESAMPLES = 199
MIN_CELL_EXPECTED = 5.0

POSITIVE = {"sd", "sdlog", "rate", "shape", "lambda", "size", "mu"}  # parameters whose interval uses the log scale


@dataclass
class FamilyFit:
    """One family fitted by maximum likelihood: parameters (R's names), standard errors, intervals, ℓ and AIC."""

    family: str
    params: dict[str, float]
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]
    loglik: float
    k: int  # number of fitted parameters
    aic: float
    discrete: bool = False
    delta_aic: float = 0.0
    weight: float = 0.0  # Akaike weight among the families fitted

    def frozen(self) -> Any:
        """The fitted distribution as a frozen `scipy.stats` object (imports scipy.stats)."""
        return self.distribution().frozen()

    def distribution(self) -> Family:
        """The fitted distribution as its scipy.stats family and parameters: the frozen object's numbers without
        scipy.stats (`stats.families`)."""
        p = self.params
        if self.family == "normal":
            return Family("norm", (), p["mean"], p["sd"])
        if self.family == "log-normal":
            return Family("lognorm", (p["sdlog"],), 0.0, math.exp(p["meanlog"]))
        if self.family == "exponential":
            return Family("expon", (), 0.0, 1 / p["rate"])
        if self.family == "gamma":
            return Family("gamma", (p["shape"],), 0.0, 1 / p["rate"])
        if self.family == "Poisson":
            return Family("poisson", (p["lambda"],))
        if self.family == "negative binomial":
            return Family("nbinom", (p["size"], p["size"] / (p["size"] + p["mu"])))
        if self.family == "Bernoulli":
            return Family("bernoulli", (p["prob"],))
        raise ValueError(f"unknown family {self.family!r}")


@dataclass
class GoodnessOfFit:
    """How far the data are from the best fit: KS distance (continuous) or chi-square over cells (counts)."""

    test: str
    statistic: float
    p_value: float | None
    n: int
    df: int | None = None
    p_value_upper: float | None = None  # chi-square: p with cells − 1 df (the other Chernoff–Lehmann bound)
    resamples: int | None = None  # parametric bootstrap resamples (KS)
    subset_of: int | None = None  # the test used a seeded subset of n of these values
    cells: dict[str, list[Any]] | None = None  # chi-square: labels, observed, expected
    note: str = ""


@dataclass(repr=False)
class DistributionFit(Result):
    """Candidate families fitted to one column, best (lowest AIC) first, with the best one's goodness of fit."""

    name: str = ""
    kind: str = ""  # "continuous", "count" or "binary"; "" when the column was skipped
    fits: list[FamilyFit] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # family -> why it was not fitted
    gof: GoodnessOfFit | None = None
    chart: dict[str, Any] | None = None  # QQ points (continuous) or observed/expected cells (counts)
    sampled: bool = False
    skip_reason: str | None = None  # why no family was fitted
    dispersion: float | None = None  # counts: variance (n − 1) / mean, 1 for a Poisson
    dispersion_p: float | None = None  # two-sided p of Fisher's index-of-dispersion test, χ²(n − 1)

    @property
    def best(self) -> FamilyFit | None:
        return self.fits[0] if self.fits else None

    def _json_extra(self) -> dict[str, Any]:
        # `kind` is a field of this result (continuous, count or binary): the JSON keeps it, not the class name
        return {k: v for k, v in super()._json_extra().items() if k != "kind"}


def fit_distributions(
    values: Any,
    *,
    name: str = "",
    conf_level: float = 0.95,
    seed: int = 0,
    sampled: bool = False,
    counts: bool | None = None,
    shared: SharedDraws | None = None,
    group: Hashable = None,
) -> DistributionFit:
    """Fit the candidate families that suit the values' support and rank them by AIC (module docstring).

    `counts`: whether the values count something (the report passes the column's role, decided on the full
    column); None decides from these values alone (whole numbers with at most `DISCRETE_LEVELS` levels).
    `shared`, `group`: the KS test's draws shared with the other columns of `group` (`stats.gof.simulate`).

    Missing and non-finite values are dropped. A column with fewer than MIN_FIT_N values, a single value, or two
    values other than 0 and 1 gets no fit and a `skip_reason`. A family whose fit raises (scipy's fit raises there
    too) or whose log-likelihood is not a finite number (values beyond floating point for its density; an infinite
    ℓ would win any ranking) is left out, with the reason in `skipped`.

    >>> r = fit_distributions([0, 1, 1, 2, 0, 3, 1, 0, 2, 1, 4, 0])
    >>> r.kind, r.best.family, round(r.best.params["lambda"], 4)
    ('count', 'Poisson', 1.25)
    """
    from edakit.stats._inputs import as_float_array

    arr = as_float_array(values)
    x = arr[np.isfinite(arr)]
    n = int(x.size)
    out = DistributionFit(
        method="Maximum-likelihood fits ranked by AIC", n=n, conf_level=conf_level, name=name, sampled=sampled
    )
    if n < MIN_FIT_N:
        out.skip_reason = f"only {n} value(s); comparing distributions needs at least {MIN_FIT_N}"
        return out
    integer = bool(np.all(x == np.round(x)))
    whole = _Whole.of(x, float(x.min()), float(x.max())) if integer else None
    ordered, levels, tally = _sorted(x, whole)
    if levels.size == 1:
        out.skip_reason = "every value is the same, so there is no distribution to fit"
        return out
    z = _z(conf_level)
    if levels.size == 2:
        if not (levels[0] == 0 and levels[1] == 1):
            out.skip_reason = (
                f"only two distinct values ({_two(levels[0], levels[1])}); their shares say everything "
                "a distribution could"
            )
            return out
        out.kind = "binary"
        out.fits = [_bernoulli(x, conf_level)]
    elif integer and levels.size <= DISCRETE_LEVELS and counts is not False:
        if levels[0] < 0:
            out.skip_reason = (
                "whole numbers below zero: the count families (Poisson, negative binomial) need 0, 1, 2, …, and "
                f"with at most {DISCRETE_LEVELS} distinct values a continuous family does not apply"
            )
            return out
        out.kind = "count"
        out.dispersion, out.dispersion_p = dispersion_test(x)
        out.fits = [_poisson(x, z, whole)]
        try:
            out.fits.append(_negative_binomial(x, z, whole, (levels, tally)))
        except _NotFitted as exc:
            out.skipped["negative binomial"] = str(exc)
    else:
        out.kind = "continuous"
        out.fits = [_normal(x, z, whole)]
        low = float(levels[0])
        if low < 0:
            why = f"needs values ≥ 0; {_count(int((x < 0).sum()))} negative"
            out.skipped["exponential"] = why
            out.skipped["log-normal"] = out.skipped["gamma"] = why.replace("≥ 0", "> 0")
        else:
            out.fits.append(_exponential(x, z, whole))
            if low == 0:
                why = f"needs values > 0; {_count(int((x == 0).sum()))} equal to 0"
                out.skipped["log-normal"] = out.skipped["gamma"] = why
            else:
                logs = _logs(x, whole)
                for family, fitter in (("log-normal", _lognormal), ("gamma", _gamma)):
                    try:
                        out.fits.append(fitter(x, z, whole, logs))
                    except FitError as exc:  # where scipy's fit raises: that family, not the column, is left out
                        out.skipped[family] = f"not computable: {exc}"
    for f in [f for f in out.fits if not math.isfinite(f.loglik)]:
        out.fits.remove(f)
        out.skipped[f.family] = (
            "not computable: its log-likelihood is not a finite number (the values lie beyond what floating point "
            "holds for this family's density)"
        )
    for f in [f for f in out.fits if not all(math.isfinite(v) for v in f.params.values())]:
        out.fits.remove(f)  # e.g. a rate 1/scale of values near 1e-308: beyond floating point, never shown as inf
        out.skipped[f.family] = (
            "not computable: a fitted parameter is not a finite number (the values lie beyond what floating point "
            "holds for this family)"
        )
    if not out.fits:
        out.kind, out.skip_reason = "", "no family's log-likelihood is a finite number for these values"
        return out
    _rank(out.fits)
    out.estimate = dict(out.fits[0].params)
    if out.kind == "continuous":
        out.gof = ks_test(x, out.fits[0], seed=seed, shared=shared, group=group)
        out.chart = qq_points(ordered, out.fits[0])
    elif out.kind == "count":
        out.gof = chisq_test(x, out.fits[0])
        if out.gof.cells:
            out.chart = {**out.gof.cells, "family": out.fits[0].family, "n": n}
    if out.gof is not None:
        out.statistic, out.p_value, out.df = out.gof.statistic, out.gof.p_value, out.gof.df
    return out


class _NotFitted(Exception):
    """A family whose maximum-likelihood fit does not exist for these data; the message says why."""


def dispersion_test(x: np.ndarray) -> tuple[float | None, float | None]:
    """Index of dispersion s²/x̄ and Fisher's test: Σ(x − x̄)²/x̄ ~ χ²(n − 1) for Poisson counts (two-sided p).

    >>> [round(v, 6) for v in dispersion_test(np.array([0, 1, 1, 2, 0, 3, 1, 0, 2, 1, 4, 0]))]
    [1.327273, 0.403102]
    """
    from edakit.stats.distfuncs import chi2

    n, mean = x.size, float(x.mean())
    if n < 2 or mean <= 0:
        return None, None
    d = float(np.sum((x - mean) ** 2) / mean)
    p = 2 * min(float(chi2.cdf(d, n - 1)), float(chi2.sf(d, n - 1)))
    return d / (n - 1), min(p, 1.0)


@dataclass(frozen=True)
class _Whole:
    """Whole numbers spanning few values (counts, minutes, codes: most values repeat): a log-likelihood evaluates
    its density once per number from the lowest to the highest value and looks each value's term up."""

    points: np.ndarray  # low, low + 1, …, high
    index: np.ndarray  # points[index] == x

    @classmethod
    def of(cls, x: np.ndarray, low: float, high: float) -> _Whole | None:
        """None when the span exceeds a quarter of the number of values (the lookup would save little)."""
        if 4 * (high - low + 1) > x.size:
            return None
        span = int(high - low) + 1  # int32 offsets: numpy casts floats to them 20 times faster than to int64
        return cls(low + np.arange(span, dtype=float), (x - low).astype(np.int32 if span < 2**31 else np.intp))


def _sorted(x: np.ndarray, whole: _Whole | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The values sorted (for the QQ points), their distinct levels and how often each occurs (np.unique's), from
    one sort; whole numbers spanning few values are counted instead (`np.bincount` over their span, then each
    number repeated its count: what the sort gives, in a tenth of its time), unless a −0.0 is among them (the sort
    keeps its sign)."""
    zeros = x == 0
    if whole is None or (zeros.any() and np.signbit(x[zeros]).any()):
        ordered = np.sort(x)
        first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        return ordered, ordered[first], np.diff(np.r_[first, x.size])
    counts = np.bincount(whole.index, minlength=whole.points.size)
    present = counts > 0
    return np.repeat(whole.points, counts), whole.points[present], counts[present]


def _loglik(log_density: Callable[[np.ndarray], np.ndarray], x: np.ndarray, whole: _Whole | None) -> float:
    """ℓ = Σ log f(x_i), summed in the values' order. With `whole`, log f is evaluated once per number of its
    span and looked up for every value: the same terms in the same order, so the same sum to the last bit."""
    terms = log_density(x) if whole is None else log_density(whole.points)[whole.index]
    return float(terms.sum())


def _logs(x: np.ndarray, whole: _Whole | None) -> np.ndarray:
    """np.log(x) of values above 0, taken once for the log-normal's and the gamma's fits; with `whole`, evaluated
    once per number of its span and looked up (each value's log is the same number, as in `_loglik`)."""
    return np.log(x) if whole is None else np.log(whole.points)[whole.index]


def _z(conf_level: float) -> float:
    from scipy.special import ndtri

    return float(ndtri(0.5 + conf_level / 2))


def _wald(params: dict[str, float], se: dict[str, float], z: float) -> dict[str, tuple[float, float]]:
    """θ ± z·se, or θ·exp(±z·se/θ) for parameters that must be positive (delta method on log θ)."""
    out = {}
    for key, value in params.items():
        s = se[key]
        if key in POSITIVE and value > 0:
            out[key] = (value * math.exp(-z * s / value), value * math.exp(z * s / value))
        else:
            out[key] = (value - z * s, value + z * s)
    return out


def _family(family: str, params: dict, se: dict, loglik: float, z: float, discrete: bool = False) -> FamilyFit:
    return FamilyFit(
        family, params, se, _wald(params, se, z), loglik, len(params), 2 * len(params) - 2 * loglik, discrete
    )


def _normal(x: np.ndarray, z: float, whole: _Whole | None = None) -> FamilyFit:
    """mean = x̄, sd = √(Σ(x − x̄)²/n); se = sd/√n and sd/√(2n)."""
    mean, sd = (float(v) for v in mle("norm", x))
    n = x.size
    loglik = _loglik(Family("norm", (), mean, sd).logpdf, x, whole)
    return _family(
        "normal", {"mean": mean, "sd": sd}, {"mean": sd / math.sqrt(n), "sd": sd / math.sqrt(2 * n)}, loglik, z
    )


def _lognormal(x: np.ndarray, z: float, whole: _Whole | None = None, logs: np.ndarray | None = None) -> FamilyFit:
    """meanlog, sdlog: the normal MLE of log x; ℓ includes the Jacobian −Σ log x. `logs`: `_logs(x, whole)`."""
    sdlog, _, scale = (float(v) for v in mle("lognorm", x, logs=logs))
    meanlog, n = math.log(scale), x.size
    loglik = _loglik(Family("lognorm", (sdlog,), 0.0, scale).logpdf, x, whole)
    se = {"meanlog": sdlog / math.sqrt(n), "sdlog": sdlog / math.sqrt(2 * n)}
    return _family("log-normal", {"meanlog": meanlog, "sdlog": sdlog}, se, loglik, z)


def _exponential(x: np.ndarray, z: float, whole: _Whole | None = None) -> FamilyFit:
    """rate = 1/x̄, se = rate/√n."""
    _, scale = (float(v) for v in mle("expon", x))
    rate = 1 / scale
    loglik = _loglik(Family("expon", (), 0.0, scale).logpdf, x, whole)
    return _family("exponential", {"rate": rate}, {"rate": rate / math.sqrt(x.size)}, loglik, z)


def _gamma(x: np.ndarray, z: float, whole: _Whole | None = None, logs: np.ndarray | None = None) -> FamilyFit:
    """shape a solves log a − ψ(a) = log x̄ − mean(log x); rate = a/x̄. Observed information
    n·[[ψ'(a), −1/b], [−1/b, a/b²]] gives var(a) = a / (n(aψ'(a) − 1)), var(b) = b²ψ'(a) / (n(aψ'(a) − 1))."""
    from scipy import special

    shape, _, scale = (float(v) for v in mle("gamma", x, logs=logs))
    rate, n = 1 / scale, x.size
    trigamma = float(special.polygamma(1, shape))
    denom = n * (shape * trigamma - 1)
    se = {"shape": math.sqrt(shape / denom), "rate": math.sqrt(rate**2 * trigamma / denom)}
    loglik = _loglik(Family("gamma", (shape,), 0.0, scale).logpdf, x, whole)
    return _family("gamma", {"shape": shape, "rate": rate}, se, loglik, z)


def _poisson(x: np.ndarray, z: float, whole: _Whole | None = None) -> FamilyFit:
    """lambda = x̄, se = √(lambda/n)."""
    lam = float(x.mean())
    loglik = _loglik(Family("poisson", (lam,)).logpmf, x, whole)
    return _family("Poisson", {"lambda": lam}, {"lambda": math.sqrt(lam / x.size)}, loglik, z, discrete=True)


def _negative_binomial(
    x: np.ndarray, z: float, whole: _Whole | None = None, tally: tuple[np.ndarray, np.ndarray] | None = None
) -> FamilyFit:
    """mu = x̄; size r solves S(r) = Σ ψ(x_i + r) − n ψ(r) + n log(r/(r + x̄)) = 0 (the profile score), which
    has a root only when the variance Σ(x − x̄)²/n exceeds x̄ (Anscombe 1950; Aragón et al. 1992). At the MLE the
    observed information is diagonal: var(mu) = mu(r + mu)/(n r), var(r) = −1/ℓ_rr with
    ℓ_rr = Σ ψ'(x_i + r) − n ψ'(r) + n (1/r − 1/(r + mu))."""
    from scipy import special

    n, mu = x.size, float(x.mean())
    var = float(np.mean((x - mu) ** 2))
    if var <= mu:
        raise _NotFitted(
            f"the variance ({_num(var)}) does not exceed the mean ({_num(mu)}): no overdispersion, so the "
            "negative binomial's best fit is the Poisson itself (size → ∞)"
        )
    u, c = np.unique(x, return_counts=True) if tally is None else tally  # the distinct counts and how often

    def score(log_r: float) -> float:
        r = math.exp(log_r)
        return float(np.sum(c * special.digamma(u + r)) - n * special.digamma(r) + n * math.log(r / (r + mu)))

    start = math.log(mu * mu / (var - mu))  # the method-of-moments size
    if not math.isfinite(start) or abs(start) > 600:  # exp(log r) must stay a finite, non-zero float
        raise _NotFitted("the size parameter is not computable: the moments put it beyond the range of numbers")
    try:  # the score decreases in log r; the bracket widens by 2 at most 60 times each way
        log_r = bracket_and_solve(
            score,
            start - 1.0,
            start + 1.0,
            decreasing=True,
            what="the size parameter",
            next_lo=lambda lo, i: lo - 2.0,
            next_hi=lambda hi, i: hi + 2.0,
            limit=700.0,
            max_expansions=60,
            xtol=1e-14,
            rtol=4 * np.finfo(float).eps,
            maxiter=500,
        )
    except NotComputable as exc:
        raise _NotFitted(
            f"the size parameter runs off to infinity or is {exc}: the counts are not overdispersed enough"
        ) from None
    r = math.exp(log_r)
    l_rr = float(np.sum(c * special.polygamma(1, u + r)) - n * special.polygamma(1, r) + n * (1 / r - 1 / (r + mu)))
    if not l_rr < 0:
        raise _NotFitted("the likelihood is flat in the size parameter at its maximum")
    se = {"size": math.sqrt(-1 / l_rr), "mu": math.sqrt(mu * (r + mu) / (n * r))}
    loglik = _loglik(Family("nbinom", (r, r / (r + mu))).logpmf, x, whole)
    return _family("negative binomial", {"size": r, "mu": mu}, se, loglik, z, discrete=True)


def _bernoulli(x: np.ndarray, conf_level: float) -> FamilyFit:
    """prob = share of 1s, se = √(p(1 − p)/n), Wilson score interval."""
    from edakit.stats.proportion import wilson_interval

    n, ones = x.size, int(x.sum())
    p = ones / n
    loglik = float(Family("bernoulli", (p,)).logpmf(x).sum())
    fit = _family("Bernoulli", {"prob": p}, {"prob": math.sqrt(p * (1 - p) / n)}, loglik, _z(conf_level), True)
    fit.ci = {"prob": wilson_interval(ones, n, conf_level)}
    return fit


def _rank(fits: list[FamilyFit]) -> None:
    fits.sort(key=lambda f: f.aic)
    best = fits[0].aic
    raw = [math.exp(-(f.aic - best) / 2) for f in fits]
    for f, w in zip(fits, raw, strict=True):
        f.delta_aic, f.weight = f.aic - best, w / sum(raw)


_CONTINUOUS = {"normal": _normal, "log-normal": _lognormal, "exponential": _exponential, "gamma": _gamma}
_SCIPY_FIT = {"normal": "norm", "log-normal": "lognorm", "exponential": "expon", "gamma": "gamma"}  # goodness_of_fit's


def ks_test(
    x: np.ndarray,
    fit: FamilyFit,
    *,
    seed: int = 0,
    resamples: int = GOF_RESAMPLES,
    shared: SharedDraws | None = None,
    group: Hashable = None,
) -> GoodnessOfFit:
    """KS distance D = sup |F_n − F_θ̂| at the maximum-likelihood θ̂ (R: `ks.test(x, "plnorm", meanlog, sdlog)`
    with fitdistr's estimates), and a parametric-bootstrap p-value: that of `scipy.stats.goodness_of_fit`, which
    draws samples from the fitted family and re-fits each one as it fitted the data (`stats.gof.parametric_ks`,
    the same numbers with the re-fits done for all samples at once). (scipy fits a normal with the n − 1 standard
    deviation, Lilliefors' convention, so for a normal its own D can differ from the one reported in the third or
    fourth digit; the other families are fitted by maximum likelihood there too.) On at most GOF_MAX_N values:
    beyond, a seeded subset, re-fitted. When a simulated sample cannot be re-fitted (a gamma with a tiny shape
    draws values that underflow to 0, which its fit refuses, as scipy's `goodness_of_fit` raises), D is given
    without a p-value and the note says why, so that the column's fits still stand. `shared`, `group`: the
    simulated samples' standard draws shared with other columns (`stats.gof.simulate`)."""
    from edakit.stats.gof import ks_statistic, parametric_ks

    rng = np.random.default_rng(seed)
    data, subset_of = x, None
    if x.size > GOF_MAX_N:
        data, subset_of = rng.choice(x, GOF_MAX_N, replace=False), int(x.size)
        fit = _CONTINUOUS[fit.family](data, 1.0)
    distance = float(ks_statistic(fit.distribution(), data))  # `stats.kstest(data, cdf).statistic`, without its p-value
    p_value, note = None, ""
    try:
        _, p_value = parametric_ks(_SCIPY_FIT[fit.family], data, rng, resamples, shared, group)
    except ValueError:  # as scipy's goodness_of_fit raises (its FitDataError is a ValueError)
        note = (
            f"not computable: some samples simulated from the fitted {fit.family} cannot be re-fitted as the data "
            "were (values too close to 0 for its maximum-likelihood fit)"
        )
    return GoodnessOfFit(
        test="Kolmogorov–Smirnov distance, p-value by parametric bootstrap",
        statistic=distance,
        p_value=p_value,
        n=int(data.size),
        resamples=resamples,
        subset_of=subset_of,
        note=note,
    )


def count_cells(x: np.ndarray, fit: FamilyFit) -> dict[str, list[Any]]:
    """Observed and expected counts over the cells "≤ min(x)", min(x) + 1, …, max(x) − 1 and "≥ max(x)" (the
    tails go to the end cells), merged left to right until each expects at least MIN_CELL_EXPECTED; a short
    last cell joins the one before."""
    dist = fit.distribution()
    n, low, top = x.size, int(x.min()), int(x.max())
    k = np.arange(low, top + 1)
    observed = np.bincount(x.astype(int) - low, minlength=top - low + 1).astype(float)
    expected = n * dist.pmf(k)
    expected[0] = n * dist.cdf(low)
    expected[-1] = n * dist.sf(top - 1) if top > low else n
    cells: list[list[float]] = []  # [first value, last value, observed, expected]
    current = [low, low, 0.0, 0.0]
    for j, value in enumerate(k):
        current[1], current[2], current[3] = int(value), current[2] + observed[j], current[3] + expected[j]
        if current[3] >= MIN_CELL_EXPECTED:
            cells.append(current)
            current = [int(value) + 1, int(value) + 1, 0.0, 0.0]
    if current[0] <= top:  # a remainder expecting fewer than MIN_CELL_EXPECTED
        if cells:
            last = cells[-1]
            cells[-1] = [last[0], current[1], last[2] + current[2], last[3] + current[3]]
        else:
            cells.append(current)
    labels = []
    for i, (a, b, _, _) in enumerate(cells):
        a, b = int(a), int(b)
        if len(cells) == 1:
            labels.append("all")
        elif i == len(cells) - 1:
            labels.append(f"≥ {a}")
        elif i == 0:
            labels.append(f"≤ {b}")
        else:
            labels.append(str(a) if a == b else f"{a}–{b}")
    return {"labels": labels, "observed": [int(c[2]) for c in cells], "expected": [float(c[3]) for c in cells]}


def chisq_test(x: np.ndarray, fit: FamilyFit) -> GoodnessOfFit:
    """Pearson's X² = Σ (O − E)² / E over `count_cells`; p from χ²(cells − 1 − k) and χ²(cells − 1)."""
    from edakit.stats.distfuncs import chi2

    cells = count_cells(x, fit)
    o, e = np.asarray(cells["observed"], float), np.asarray(cells["expected"], float)
    stat = float(np.sum((o - e) ** 2 / e))
    m = len(o)
    df = m - 1 - fit.k
    out = GoodnessOfFit(test="Pearson chi-square over count cells", statistic=stat, p_value=None, n=int(x.size))
    out.cells = cells
    if df < 1:
        out.note = f"only {m} cell(s) expect {MIN_CELL_EXPECTED:g} or more values: too few for a chi-square test"
        return out
    out.df, out.p_value, out.p_value_upper = df, float(chi2.sf(stat, df)), float(chi2.sf(stat, m - 1))
    return out


def qq_points(values: np.ndarray, fit: FamilyFit) -> dict[str, Any]:
    """The sorted `values` against the fitted family's quantiles at R's ppoints(n), thinned as the normal QQ plot
    is; the reference line is y = x (both axes in the data's units)."""
    from edakit.stats.chartdata import ppoints, qq_indices

    n = values.size
    keep = qq_indices(n)
    theoretical = fit.distribution().ppf(ppoints(n, keep))
    beyond = ~np.isfinite(theoretical)  # the fitted quantile overflows (a fit to values near 1.8e308)
    keep, theoretical = keep[~beyond], theoretical[~beyond]
    return {
        "theoretical": [float(v) for v in theoretical],
        "sample": values[keep].tolist(),
        "n": int(n),
        "shown": int(keep.size),
        "beyond_float": int(beyond.sum()),
        "slope": 1.0,
        "intercept": 0.0,
        "family": fit.family,
        "x_label": f"fitted {fit.family} quantiles",
    }


def _two(a: float, b: float) -> str:
    """'a and b', with every digit when rounding would print them alike (1e15 and 1e15 + 0.125)."""
    left, right = _num(a), _num(b)
    return f"{left} and {right}" if left != right else f"{float(a)!r} and {float(b)!r}"


def _num(value: float) -> str:
    from edakit._format import fmt_num

    v = float(value)
    return fmt_num(int(v) if v == int(v) and abs(v) < 1e15 else v)


def _count(k: int) -> str:
    return f"{k:,}"
