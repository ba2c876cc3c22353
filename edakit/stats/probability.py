"""The probability view of a table: modes, entropy, maximum-likelihood fits, bootstrap intervals and PCA.

Mode and entropy (per column, from exact full-data level counts, `engine.levels`):

* mode: the most frequent value(s), every tie reported. For continuous values (a numeric or date column with
  non-integer values or more than `DISCRETE_LEVELS` distinct values) the exact value that repeats most is an
  artefact of rounding unless it holds a real share of the rows: when it holds less than `MIN_MODE_SHARE` the
  mode is called not meaningful and the histogram's modal bin (or the busiest period) is given instead.
* Shannon entropy of the level shares p_i (categorical columns and discrete numeric ones, up to
  `engine.levels.MAX_LEVELS` levels): H = −Σ p_i log2 p_i bits (Shannon 1948; `scipy.stats.entropy`), and the
  normalised entropy H / log2 K for K observed levels: 0 when one level holds every row, 1 when all K are equally
  common. The plug-in H is biased low when n is not large against K; the Miller–Madow correction
  H + (K − 1) / (2 n ln 2) is kept alongside (Miller 1955).

Distribution fits (`fit_distributions`, per numeric column): candidate families chosen by the data's support and
fitted by maximum likelihood, with R's `MASS::fitdistr` parameterisations —

* continuous: normal (mean, sd), log-normal (meanlog, sdlog) and gamma (shape, rate) for positive values,
  exponential (rate) for non-negative ones; MLEs by `scipy.stats.<family>.fit` (closed forms, and the exact
  root of log a − ψ(a) = log x̄ − mean(log x) for the gamma shape);
* counts (whole numbers ≥ 0 with at most `DISCRETE_LEVELS` distinct values): Poisson (lambda = x̄) and negative
  binomial (size, mu = x̄; size is the root of its score equation, which has a finite root only when the variance
  exceeds the mean — otherwise the Poisson is the negative binomial's limit and the latter is skipped);
* 0/1 columns: Bernoulli (prob = share of 1s).

Families are ranked by AIC = 2k − 2 ℓ(θ̂) (Akaike 1974), with Akaike weights exp(−Δ/2) / Σ exp(−Δ/2).
Standard errors come from the observed information (the inverse of minus the Hessian of ℓ at θ̂; closed forms
for every family here), and intervals are Wald intervals θ̂ ± z·se — on the log scale, θ̂·exp(±z·se/θ̂), for
parameters that must be positive, so they stay positive — and Wilson's score interval for a Bernoulli share.
Goodness of fit of the best family: for continuous families the Kolmogorov–Smirnov distance D between the
empirical and the fitted CDF, with its p-value from a seeded parametric bootstrap that re-fits the parameters
on every simulated sample (`scipy.stats.goodness_of_fit`, `GOF_RESAMPLES` samples, on at most `GOF_MAX_N`
values), since the textbook KS p-value assumes known parameters and is far too large when they are estimated
(Lilliefors 1967; Stute, Manteiga & Quindimil 1993); for counts Pearson's chi-square over cells merged until
each expects at least 5, whose null distribution lies between χ²(cells − 1 − k) and χ²(cells − 1) when θ̂ is
fitted on the raw values (Chernoff & Lehmann 1954): both p-values are given, with Fisher's index-of-dispersion
test (variance against mean).

Bootstrap (`bootstrap_center`): `scipy.stats.bootstrap` percentile intervals (Efron & Tibshirani 1993, ch. 13)
for the mean and the median from `BOOT_RESAMPLES` seeded resamples, next to Student's t-interval for the mean and
the distribution-free order-statistic interval for the median, [x_(k), x_(n−k+1)] with k = qbinom(α/2, n, 1/2)
(coverage ≥ 1 − α; e.g. Conover 1999, §3.2).

PCA (`pca`): R's `prcomp(x, scale. = TRUE)` on complete rows — each column centred and divided by its sd
(n − 1), then the singular value decomposition Z = U D Vᵀ; eigenvalues of the correlation matrix
λ_j = d_j² / (n − 1), loadings V, scores Z V. Each component's sign is arbitrary; here the loading of largest
absolute value is made positive, so results are reproducible.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.engine.levels import MAX_LEVELS
from edakit.errors import NotComputable
from edakit.stats._search import bracket_and_solve
from edakit.stats.result import Result

DISCRETE_LEVELS = 50  # whole numbers with at most this many distinct values are discrete (counts, ratings)
MIN_MODE_SHARE = 0.05  # a continuous column's mode must hold at least this share of values to be meaningful
MAX_TIES = 10  # modal values listed (all are counted)
MIN_FIT_N = 10
GOF_MAX_N = 2_000  # values used by the parametric-bootstrap KS test (a seeded subset beyond)
GOF_RESAMPLES = 199
MIN_CELL_EXPECTED = 5.0
BOOT_RESAMPLES = 2_000
BOOT_MAX_N = 2_000  # values resampled by the bootstrap (a seeded subset beyond), as for the KS test
BOOT_BINS = 30
MIN_BOOT_N = 10
MAX_SCORE_POINTS = 2_000

POSITIVE = {"sd", "sdlog", "rate", "shape", "lambda", "size", "mu"}  # parameters whose interval uses the log scale


# ============================================================================================ mode and entropy


@dataclass
class ModeSummary:
    """The most frequent value(s) of a column, and for continuous data the histogram's modal bin."""

    n: int  # present values
    distinct: int
    values: list[Any] = field(default_factory=list)  # the modal values (at most MAX_TIES listed), in value order
    count: int | None = None  # rows holding each modal value
    ties: int = 0  # how many values share the top count
    ties_exact: bool = True  # False: at least `ties` values tie (only the most frequent were counted)
    meaningful: bool = True
    reason: str = ""  # why the mode is not meaningful
    continuous: bool = False
    bin: list[Any] | None = None  # [low, high] of the modal histogram bin, or [period] for dates
    bin_count: int | None = None
    bin_ties: int = 0  # bins sharing the top count
    bin_kind: str = ""  # "histogram" or the time resolution ("month", ...)

    @property
    def share(self) -> float | None:
        return self.count / self.n if self.count is not None and self.n else None


@dataclass
class EntropySummary:
    """Shannon entropy of a column's level shares, in bits; `bits` is None with a `reason` when not computed."""

    n: int
    levels: int
    bits: float | None = None
    normalized: float | None = None  # bits / log2(levels): 0 = one level, 1 = all equally common
    max_bits: float | None = None  # log2(levels)
    miller_madow: float | None = None  # bias-corrected bits: bits + (levels − 1) / (2 n ln 2)
    reason: str = ""


def entropy_bits(counts: Any) -> tuple[float, float]:
    """(H, H / log2 K) of level counts: H = −Σ p log2 p in bits; the normalised value is 0 for one level.

    >>> entropy_bits([5, 5])
    (1.0, 1.0)
    >>> [round(v, 6) for v in entropy_bits([2, 1, 1])]
    [1.5, 0.946395]
    """
    from scipy.special import entr  # -p ln p; the sum below is scipy.stats.entropy's, without importing scipy.stats

    c = np.asarray(counts, dtype=float)
    c = c[c > 0]
    h = float(np.sum(entr(c / np.sum(c))) / np.log(2)) if c.size else 0.0
    h = max(h, 0.0)  # -0.0 and rounding below zero for one level
    return h, (h / math.log2(c.size) if c.size > 1 else 0.0)


def is_continuous(role: str, distinct: int, fractional: int | None) -> bool:
    """Numeric or date values are continuous when non-integer or when they have many distinct values."""
    if role == "numeric":
        return bool(fractional) or distinct > DISCRETE_LEVELS
    return role == "datetime" and distinct > DISCRETE_LEVELS


def column_mode(
    role: str,
    n: int,
    distinct: int,
    values: list[Any] | None,
    counts: list[int] | None,
    complete: bool,
    *,
    fractional: int | None = None,
    chart: dict[str, Any] | None = None,
) -> ModeSummary | None:
    """The mode of a column from its level counts (most frequent first, ties in value order).

    `complete` says every level is in `counts`; otherwise only the most frequent ones are, and a tie running to
    the end of the list is reported as "at least". `chart` holds the histogram (hist_edges, hist_counts) or the
    counts over time (periods, counts) from which the modal bin of continuous data is read. None when the column
    has no values or its counts are unknown.

    >>> m = column_mode("categorical", 6, 3, ["a", "b", "c"], [3, 2, 1], True)
    >>> m.values, m.count, m.ties, m.meaningful
    (['a'], 3, 1, True)
    """
    if n <= 0:
        return None
    continuous = is_continuous(role, distinct, fractional)
    out = ModeSummary(n=n, distinct=distinct, continuous=continuous)
    if distinct >= n and n > 1:  # every value appears once
        out.count, out.ties, out.meaningful = 1, n, False
        out.reason = f"every value appears once ({n:,} distinct values)"
    elif not counts:
        return None
    else:
        top = counts[0]
        tied = [v for v, c in zip(values or [], counts, strict=True) if c == top]
        out.count, out.ties = top, len(tied)
        out.values = tied[:MAX_TIES]
        out.ties_exact = complete or len(tied) < len(counts)
        if out.ties_exact and out.ties == distinct and distinct > 1:
            out.meaningful = False
            out.reason = f"all {distinct:,} values are equally common ({top:,} rows each)"
        elif continuous and top / n < MIN_MODE_SHARE:
            out.meaningful = False
            if distinct > n / 2:
                out.reason = f"most values are unique ({distinct:,} distinct values among {n:,})"
            else:
                out.reason = (
                    f"no exact value stands out: the most common holds {100 * top / n:.1f} % of the values, "
                    "and on a continuous scale which value repeats most depends on rounding"
                )
    if continuous and chart:
        _modal_bin(out, chart)
    return out


def _modal_bin(out: ModeSummary, chart: dict[str, Any]) -> None:
    if chart.get("hist_counts") and chart.get("hist_edges"):
        counts, edges = chart["hist_counts"], chart["hist_edges"]
        top = max(counts)
        j = counts.index(top)
        out.bin, out.bin_count, out.bin_kind = [edges[j], edges[j + 1]], int(top), "histogram"
        out.bin_ties = sum(c == top for c in counts)
    elif chart.get("counts") and chart.get("periods"):
        counts, periods = chart["counts"], chart["periods"]
        top = max(counts)
        j = counts.index(top)
        out.bin, out.bin_count, out.bin_kind = [periods[j]], int(top), str(chart.get("resolution", "period"))
        out.bin_ties = sum(c == top for c in counts)


def column_entropy(
    role: str, n: int, distinct: int, counts: list[int] | None, complete: bool, *, fractional: int | None = None
) -> EntropySummary | None:
    """Entropy of a categorical, true/false, constant or discrete numeric column; None for other columns.

    >>> e = column_entropy("categorical", 4, 2, [2, 2], True)
    >>> e.bits, e.normalized
    (1.0, 1.0)
    """
    discrete_numeric = role == "numeric" and not is_continuous(role, distinct, fractional)
    if n <= 0 or not (role in ("categorical", "boolean", "constant") or discrete_numeric):
        return None
    if counts and complete:
        levels = len(counts)
    elif distinct >= n:  # every value distinct: n levels of one row each
        counts, levels = [1] * n, n
    else:
        return EntropySummary(
            n=n,
            levels=distinct,
            reason=f"not computed: {distinct:,} levels, more than the {MAX_LEVELS:,} whose counts are collected",
        )
    bits, normalized = entropy_bits(counts)
    return EntropySummary(
        n=n,
        levels=levels,
        bits=bits,
        normalized=normalized,
        max_bits=math.log2(levels) if levels > 1 else 0.0,
        miller_madow=bits + (levels - 1) / (2 * n * math.log(2)),
    )


def column_probability(summary: Any, levels: Any | None) -> tuple[ModeSummary | None, EntropySummary | None]:
    """Mode and entropy of one profiled column (`engine.profile.ColumnSummary`) from its level counts
    (`engine.levels.LevelCounts`, or None: then the profile's top values are used where there are any)."""
    role = summary.role
    if role in ("empty", "unsupported", "identifier"):
        if role == "identifier" and summary.count:
            return column_mode(role, summary.count, summary.distinct, None, None, False), None
        return None, None
    numeric = summary.numeric or {}
    n = int(numeric.get("count") or 0) if role == "numeric" else summary.count
    fractional = numeric.get("fractional")
    if levels is not None:
        values, counts, complete = list(levels.values), list(levels.counts), bool(levels.complete)
    elif summary.top_values:
        values = [v for v, _ in summary.top_values]
        counts = [int(c) for _, c in summary.top_values]
        complete = len(counts) >= summary.distinct
    else:
        values, counts, complete = None, None, False
    mode = column_mode(
        role, n, summary.distinct, values, counts, complete, fractional=fractional, chart=summary.chart or None
    )
    entropy = column_entropy(role, n, summary.distinct, counts, complete, fractional=fractional)
    return mode, entropy


# ============================================================================================ distribution fits


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
        """The fitted distribution as a frozen `scipy.stats` object."""
        from scipy import stats

        p = self.params
        if self.family == "normal":
            return stats.norm(p["mean"], p["sd"])
        if self.family == "log-normal":
            return stats.lognorm(p["sdlog"], scale=math.exp(p["meanlog"]))
        if self.family == "exponential":
            return stats.expon(scale=1 / p["rate"])
        if self.family == "gamma":
            return stats.gamma(p["shape"], scale=1 / p["rate"])
        if self.family == "Poisson":
            return stats.poisson(p["lambda"])
        if self.family == "negative binomial":
            return stats.nbinom(p["size"], p["size"] / (p["size"] + p["mu"]))
        if self.family == "Bernoulli":
            return stats.bernoulli(p["prob"])
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


def fit_distributions(
    values: Any, *, name: str = "", conf_level: float = 0.95, seed: int = 0, sampled: bool = False
) -> DistributionFit:
    """Fit the candidate families that suit the values' support and rank them by AIC (module docstring).

    Missing and non-finite values are dropped. A column with fewer than MIN_FIT_N values, a single value, or two
    values other than 0 and 1 gets no fit and a `skip_reason`.

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
    levels = np.unique(x)
    if n < MIN_FIT_N:
        out.skip_reason = f"only {n} value(s); comparing distributions needs at least {MIN_FIT_N}"
        return out
    if levels.size == 1:
        out.skip_reason = "every value is the same, so there is no distribution to fit"
        return out
    integer = bool(np.all(x == np.round(x)))
    z = _z(conf_level)
    if levels.size == 2:
        if not (levels[0] == 0 and levels[1] == 1):
            out.skip_reason = (
                f"only two distinct values ({_num(levels[0])} and {_num(levels[1])}); their shares say everything "
                "a distribution could"
            )
            return out
        out.kind = "binary"
        out.fits = [_bernoulli(x, conf_level)]
    elif integer and levels.size <= DISCRETE_LEVELS:
        if levels[0] < 0:
            out.skip_reason = (
                "whole numbers below zero: the count families (Poisson, negative binomial) need 0, 1, 2, …, and "
                f"with at most {DISCRETE_LEVELS} distinct values a continuous family does not apply"
            )
            return out
        out.kind = "count"
        out.dispersion, out.dispersion_p = dispersion_test(x)
        out.fits = [_poisson(x, z)]
        try:
            out.fits.append(_negative_binomial(x, z))
        except _NotFitted as exc:
            out.skipped["negative binomial"] = str(exc)
    else:
        out.kind = "continuous"
        out.fits = [_normal(x, z)]
        low = float(levels[0])
        if low < 0:
            why = f"needs values ≥ 0; {_count(int((x < 0).sum()))} negative"
            out.skipped["exponential"] = why
            out.skipped["log-normal"] = out.skipped["gamma"] = why.replace("≥ 0", "> 0")
        else:
            out.fits.append(_exponential(x, z))
            if low == 0:
                why = f"needs values > 0; {_count(int((x == 0).sum()))} equal to 0"
                out.skipped["log-normal"] = out.skipped["gamma"] = why
            else:
                out.fits += [_lognormal(x, z), _gamma(x, z)]
    _rank(out.fits)
    out.estimate = dict(out.fits[0].params)
    if out.kind == "continuous":
        out.gof = ks_test(x, out.fits[0], seed=seed)
        out.chart = qq_points(x, out.fits[0])
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
    from scipy import stats

    n, mean = x.size, float(x.mean())
    if n < 2 or mean <= 0:
        return None, None
    d = float(np.sum((x - mean) ** 2) / mean)
    p = 2 * min(float(stats.chi2.cdf(d, n - 1)), float(stats.chi2.sf(d, n - 1)))
    return d / (n - 1), min(p, 1.0)


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


def _normal(x: np.ndarray, z: float) -> FamilyFit:
    """mean = x̄, sd = √(Σ(x − x̄)²/n); se = sd/√n and sd/√(2n)."""
    from scipy import stats

    mean, sd = (float(v) for v in stats.norm.fit(x))
    n = x.size
    loglik = float(stats.norm.logpdf(x, mean, sd).sum())
    return _family(
        "normal", {"mean": mean, "sd": sd}, {"mean": sd / math.sqrt(n), "sd": sd / math.sqrt(2 * n)}, loglik, z
    )


def _lognormal(x: np.ndarray, z: float) -> FamilyFit:
    """meanlog, sdlog: the normal MLE of log x; ℓ includes the Jacobian −Σ log x."""
    from scipy import stats

    sdlog, _, scale = (float(v) for v in stats.lognorm.fit(x, floc=0))
    meanlog, n = math.log(scale), x.size
    loglik = float(stats.lognorm.logpdf(x, sdlog, scale=scale).sum())
    se = {"meanlog": sdlog / math.sqrt(n), "sdlog": sdlog / math.sqrt(2 * n)}
    return _family("log-normal", {"meanlog": meanlog, "sdlog": sdlog}, se, loglik, z)


def _exponential(x: np.ndarray, z: float) -> FamilyFit:
    """rate = 1/x̄, se = rate/√n."""
    from scipy import stats

    _, scale = (float(v) for v in stats.expon.fit(x, floc=0))
    rate = 1 / scale
    loglik = float(stats.expon.logpdf(x, scale=scale).sum())
    return _family("exponential", {"rate": rate}, {"rate": rate / math.sqrt(x.size)}, loglik, z)


def _gamma(x: np.ndarray, z: float) -> FamilyFit:
    """shape a solves log a − ψ(a) = log x̄ − mean(log x); rate = a/x̄. Observed information
    n·[[ψ'(a), −1/b], [−1/b, a/b²]] gives var(a) = a / (n(aψ'(a) − 1)), var(b) = b²ψ'(a) / (n(aψ'(a) − 1))."""
    from scipy import special, stats

    shape, _, scale = (float(v) for v in stats.gamma.fit(x, floc=0))
    rate, n = 1 / scale, x.size
    trigamma = float(special.polygamma(1, shape))
    denom = n * (shape * trigamma - 1)
    se = {"shape": math.sqrt(shape / denom), "rate": math.sqrt(rate**2 * trigamma / denom)}
    loglik = float(stats.gamma.logpdf(x, shape, scale=scale).sum())
    return _family("gamma", {"shape": shape, "rate": rate}, se, loglik, z)


def _poisson(x: np.ndarray, z: float) -> FamilyFit:
    """lambda = x̄, se = √(lambda/n)."""
    from scipy import stats

    lam = float(x.mean())
    loglik = float(stats.poisson.logpmf(x, lam).sum())
    return _family("Poisson", {"lambda": lam}, {"lambda": math.sqrt(lam / x.size)}, loglik, z, discrete=True)


def _negative_binomial(x: np.ndarray, z: float) -> FamilyFit:
    """mu = x̄; size r solves S(r) = Σ ψ(x_i + r) − n ψ(r) + n log(r/(r + x̄)) = 0 (the profile score), which
    has a root only when the variance Σ(x − x̄)²/n exceeds x̄ (Anscombe 1950; Aragón et al. 1992). At the MLE the
    observed information is diagonal: var(mu) = mu(r + mu)/(n r), var(r) = −1/ℓ_rr with
    ℓ_rr = Σ ψ'(x_i + r) − n ψ'(r) + n (1/r − 1/(r + mu))."""
    from scipy import special, stats

    n, mu = x.size, float(x.mean())
    var = float(np.mean((x - mu) ** 2))
    if var <= mu:
        raise _NotFitted(
            f"the variance ({_num(var)}) does not exceed the mean ({_num(mu)}): no overdispersion, so the "
            "negative binomial's best fit is the Poisson itself (size → ∞)"
        )
    u, c = np.unique(x, return_counts=True)

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
    loglik = float(stats.nbinom.logpmf(x, r, r / (r + mu)).sum())
    return _family("negative binomial", {"size": r, "mu": mu}, se, loglik, z, discrete=True)


def _bernoulli(x: np.ndarray, conf_level: float) -> FamilyFit:
    """prob = share of 1s, se = √(p(1 − p)/n), Wilson score interval."""
    from scipy import stats

    from edakit.stats.proportion import wilson_interval

    n, ones = x.size, int(x.sum())
    p = ones / n
    loglik = float(stats.bernoulli.logpmf(x, p).sum())
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
_SCIPY_FIT = {  # scipy family, fixed parameters for `goodness_of_fit`
    "normal": ("norm", {}),
    "log-normal": ("lognorm", {"loc": 0.0}),
    "exponential": ("expon", {"loc": 0.0}),
    "gamma": ("gamma", {"loc": 0.0}),
}


def ks_test(x: np.ndarray, fit: FamilyFit, *, seed: int = 0, resamples: int = GOF_RESAMPLES) -> GoodnessOfFit:
    """KS distance D = sup |F_n − F_θ̂| at the maximum-likelihood θ̂ (R: `ks.test(x, "plnorm", meanlog, sdlog)`
    with fitdistr's estimates), and a parametric-bootstrap p-value from `scipy.stats.goodness_of_fit`, which draws
    samples from the fitted family and re-fits each one as it fitted the data. (scipy fits a normal with the n − 1
    standard deviation, Lilliefors' convention, so for a normal its own D can differ from the one reported in the
    third or fourth digit; the other families are fitted by maximum likelihood there too.) On at most GOF_MAX_N
    values: beyond, a seeded subset, re-fitted."""
    from scipy import stats

    rng = np.random.default_rng(seed)
    data, subset_of = x, None
    if x.size > GOF_MAX_N:
        data, subset_of = rng.choice(x, GOF_MAX_N, replace=False), int(x.size)
        fit = _CONTINUOUS[fit.family](data, 1.0)
    distance = float(stats.kstest(data, fit.frozen().cdf).statistic)
    family, known = _SCIPY_FIT[fit.family]
    res = stats.goodness_of_fit(
        getattr(stats, family), data, known_params=known or None, statistic="ks", n_mc_samples=resamples, rng=rng
    )
    return GoodnessOfFit(
        test="Kolmogorov–Smirnov distance, p-value by parametric bootstrap",
        statistic=distance,
        p_value=float(res.pvalue),
        n=int(data.size),
        resamples=resamples,
        subset_of=subset_of,
    )


def count_cells(x: np.ndarray, fit: FamilyFit) -> dict[str, list[Any]]:
    """Observed and expected counts over the cells "≤ min(x)", min(x) + 1, …, max(x) − 1 and "≥ max(x)" (the
    tails go to the end cells), merged left to right until each expects at least MIN_CELL_EXPECTED; a short
    last cell joins the one before."""
    dist = fit.frozen()
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
    from scipy import stats

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
    out.df, out.p_value, out.p_value_upper = df, float(stats.chi2.sf(stat, df)), float(stats.chi2.sf(stat, m - 1))
    return out


def qq_points(x: np.ndarray, fit: FamilyFit) -> dict[str, Any]:
    """Sorted values against the fitted family's quantiles at R's ppoints(n), thinned as the normal QQ plot is;
    the reference line is y = x (both axes in the data's units)."""
    from edakit.stats.chartdata import ppoints, qq_indices

    values = np.sort(x)
    n = values.size
    keep = qq_indices(n)
    theoretical = fit.frozen().ppf(ppoints(n)[keep])
    return {
        "theoretical": [float(v) for v in theoretical],
        "sample": values[keep].tolist(),
        "n": int(n),
        "shown": int(keep.size),
        "slope": 1.0,
        "intercept": 0.0,
        "family": fit.family,
        "x_label": f"fitted {fit.family} quantiles",
    }


# ============================================================================================ bootstrap


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
    histogram: dict[str, Any] = field(default_factory=dict)  # bootstrap means: edges, counts, normal curve


def median_interval(values: Any, conf_level: float = 0.95) -> tuple[tuple[float, float] | None, float | None]:
    """Distribution-free interval for the median: [x_(k), x_(n−k+1)] with k = qbinom(α/2, n, 1/2), and its
    exact coverage 1 − 2·P(B ≤ k − 1), B ~ Binomial(n, 1/2). (None, None) when n is too small (k = 0).

    >>> median_interval(range(1, 21))
    ((6.0, 15.0), 0.9586105346679688)
    """
    from scipy import stats

    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    alpha = 1 - conf_level
    k = int(stats.binom.ppf(alpha / 2, n, 0.5)) if n else 0
    if k < 1:
        return None, None
    coverage = float(1 - 2 * stats.binom.cdf(k - 1, n, 0.5))
    return (float(x[k - 1]), float(x[n - k])), coverage


def bootstrap_center(
    values: Any,
    *,
    name: str = "",
    conf_level: float = 0.95,
    seed: int = 0,
    resamples: int = BOOT_RESAMPLES,
    max_n: int = BOOT_MAX_N,
    sampled: bool = False,
) -> BootstrapResult:
    """Percentile bootstrap intervals of the mean and median (`scipy.stats.bootstrap`, seeded, one set of resamples
    for both), the t-interval and the order-statistic interval, all on the same values (a seeded subset of `max_n`
    when there are more).

    >>> r = bootstrap_center([1.2, 3.4, 2.2, 5.0, 2.8, 3.1, 4.4, 2.0, 3.9, 2.5], resamples=500)
    >>> round(r.mean, 2), r.n, r.resamples
    (3.05, 10, 500)
    """
    from scipy import stats

    from edakit.stats._inputs import as_float_array
    from edakit.stats.descriptive import describe

    arr = as_float_array(values)
    x = arr[np.isfinite(arr)]
    rng = np.random.default_rng(seed)
    subset_of = None
    if x.size > max_n:
        x, subset_of = rng.choice(x, max_n, replace=False), int(x.size)
    n = int(x.size)
    method = f"Percentile bootstrap ({resamples:,} resamples) with Student's t and order-statistic intervals"
    out = BootstrapResult(
        method=method, n=n, conf_level=conf_level, name=name, resamples=resamples, seed=seed, subset_of=subset_of
    )
    out.sampled = sampled
    if n < MIN_BOOT_N:
        out.notes.append(f"Only {n} value(s): the bootstrap needs at least {MIN_BOOT_N}.")
        return out
    if np.all(x == x[0]):
        out.notes.append("Every value is the same: every resample is identical, so there is nothing to bootstrap.")
        return out
    d = describe(x, conf_level)
    out.mean, out.mean_se, out.skewness = d.mean, d.sem, d.skewness
    out.mean_t_ci = (float(d.mean_ci[0]), float(d.mean_ci[1])) if d.mean_ci else None
    out.median = d.median
    out.median_ci, out.median_ci_coverage = median_interval(x, conf_level)
    ordered = np.sort(x)
    ranks = np.arange(n, dtype=np.min_scalar_type(n))  # resampled in place of the values: see _mean_and_median
    res = stats.bootstrap(  # one set of resamples serves both statistics
        (ranks,),
        functools.partial(_mean_and_median, ordered),
        n_resamples=resamples,
        method="percentile",
        confidence_level=conf_level,
        vectorized=True,
        batch=max(1, 2_000_000 // n),
        rng=rng,
    )
    low, high, se = res.confidence_interval.low, res.confidence_interval.high, res.standard_error
    out.estimate = out.mean
    out.ci = out.mean_boot_ci = (float(low[0]), float(high[0]))
    out.median_boot_ci = (float(low[1]), float(high[1]))
    out.mean_boot_se, out.median_boot_se = float(se[0]), float(se[1])
    means = np.asarray(res.bootstrap_distribution[0], dtype=float)
    out.boot_skewness = float(stats.skew(means)) if np.ptp(means) > 0 else None
    out.histogram = _boot_histogram(means, out)
    return out


def _mean_and_median(ordered: np.ndarray, ranks: np.ndarray, axis: int = -1) -> np.ndarray:
    """The mean and the median of each resample, stacked (a vectorised statistic for `scipy.stats.bootstrap`).

    The bootstrap resamples the ranks 0 … n − 1 of the sorted values `ordered`, so a resample's values are
    `ordered[ranks]` and its middle values are those of its middle ranks: sorting small integers (numpy's radix
    sort) finds them faster than partitioning the values. The numbers are those of resampling the values."""
    n = ordered.size
    middle = np.sort(ranks, axis=axis, kind="stable")
    half = n // 2
    with np.errstate(over="ignore"):  # values near the float limits: inf, as np.median gives
        if n % 2:
            median = ordered[np.take(middle, half, axis=axis)]
        else:
            median = (ordered[np.take(middle, half - 1, axis=axis)] + ordered[np.take(middle, half, axis=axis)]) / 2
        return np.stack([np.mean(ordered[ranks], axis=axis), median])


def _boot_histogram(means: np.ndarray, r: BootstrapResult) -> dict[str, Any]:
    """Bins of the bootstrap means, and the normal curve N(x̄, s/√n) the t-interval relies on, as expected counts."""
    from scipy import stats

    counts, edges = np.histogram(means, bins=BOOT_BINS)
    width = float(edges[1] - edges[0])
    lo = min(float(edges[0]), r.mean - 4 * r.mean_se)
    hi = max(float(edges[-1]), r.mean + 4 * r.mean_se)
    grid = np.linspace(lo, hi, 81)
    curve = means.size * width * stats.norm.pdf(grid, r.mean, r.mean_se)
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


# ============================================================================================ PCA


@dataclass(repr=False)
class PCAResult(Result):
    """Principal components of standardised columns (prcomp(scale. = TRUE) on complete rows).
    `loadings[i][j]` is column i's loading on component j; `estimate` maps PC1, PC2, … to eigenvalues."""

    columns: list[str] = field(default_factory=list)
    n_dropped: int = 0  # rows left out for a missing value in a used column
    center: list[float] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)
    eigenvalues: list[float] = field(default_factory=list)
    explained: list[float] = field(default_factory=list)  # share of the total variance (eigenvalue / columns)
    cumulative: list[float] = field(default_factory=list)
    loadings: list[list[float]] = field(default_factory=list)
    sampled: bool = False
    scores: Any = field(default=None, repr=False)  # n × components array (not serialised)


def pca(data: Any, columns: list[str] | None = None, *, sampled: bool = False) -> PCAResult:
    """PCA of the columns of `data` (n × p array-like, NaN/inf = missing) on its complete rows, standardised.

    >>> r = pca([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9], [4.0, 8.2]], ["a", "b"])
    >>> [round(v, 4) for v in r.eigenvalues], [round(v, 4) for v in r.explained]
    ([1.999, 0.001], [0.9995, 0.0005])
    """
    x = np.asarray(data, dtype=float)
    if x.ndim != 2:
        raise ValueError("PCA needs a two-dimensional table of numbers")
    names = list(columns) if columns is not None else [f"x{i + 1}" for i in range(x.shape[1])]
    complete = np.all(np.isfinite(x), axis=1)
    x = x[complete]
    n, p = x.shape
    out = PCAResult(method="Principal component analysis of standardised columns (correlation matrix)")
    out.n, out.n_dropped, out.columns, out.sampled, out.conf_level = n, int((~complete).sum()), names, sampled, None
    out.alternative = None
    if p < 2:
        raise ValueError("PCA needs at least two columns")
    if n < 3:
        raise ValueError(f"only {n} complete row(s); PCA needs at least 3")
    center, scale = x.mean(axis=0), x.std(axis=0, ddof=1)
    if np.any(scale == 0):
        flat = [names[i] for i in np.flatnonzero(scale == 0)]
        raise ValueError(f"no spread in {', '.join(flat)} on the complete rows; standardising needs some")
    z = (x - center) / scale
    _, d, vt = np.linalg.svd(z, full_matrices=False)
    v = vt.T
    signs = np.sign(v[np.argmax(np.abs(v), axis=0), np.arange(v.shape[1])])
    signs[signs == 0] = 1
    v = v * signs
    eigen = d**2 / (n - 1)
    out.center, out.scale = center.tolist(), scale.tolist()
    out.eigenvalues = eigen.tolist()
    total = float(eigen.sum())  # = p up to rounding (the trace of the correlation matrix)
    out.explained = (eigen / total).tolist()
    out.cumulative = np.cumsum(eigen / total).tolist()
    out.loadings = v.tolist()
    out.scores = z @ v
    out.estimate = {f"PC{j + 1}": float(e) for j, e in enumerate(eigen)}
    if n <= p:
        out.notes.append(
            f"Only {n} complete rows for {p} columns: at most {n - 1} components carry variance; the rest are 0."
        )
    return out


def _num(value: float) -> str:
    from edakit._format import fmt_num

    v = float(value)
    return fmt_num(int(v) if v == int(v) and abs(v) < 1e15 else v)


def _count(k: int) -> str:
    return f"{k:,}"
