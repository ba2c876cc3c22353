"""The distribution analysis of a table's numeric columns: a fit and a bootstrap per column.

`DistributionAnalysis` is what `Report.distributions` holds: for each fitted column its `DistributionFit`
(`edakit.stats.fitting`) and its `BootstrapResult` (`edakit.stats.bootstrap`), both from the report's seeded sample
of rows (every row when the table is small). In a notebook:

>>> import edakit
>>> d = edakit.report("penguins").distributions["body_mass_g"]
>>> d.fit.best.family, [round(v) for v in d.bootstrap.mean_boot_ci]   # best by AIC; seeded percentile interval
('log-normal', [4122, 4286])

`analyse` runs each column's fit and its bootstrap as two tasks on two threads (numpy releases the GIL in the
draws, sorts and gathers, so the columns share two cores; every result is seeded, so the threads do not change the
numbers): the report calls it from the moment the profile's sample is final, and the section's work, the critical
path of a long table's report, keeps both cores busy to its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.stats._draws import SharedDraws, subset_state
from edakit.stats.bootstrap import BootstrapResult, bootstrap_center, rank_key
from edakit.stats.fitting import GOF_MAX_N, DistributionFit, fit_distributions


@dataclass
class ColumnDistribution:
    """One column's fit and bootstrap (what `DistributionAnalysis[column]` gives)."""

    column: str
    fit: DistributionFit
    bootstrap: BootstrapResult


@dataclass
class DistributionAnalysis:
    """The fits and bootstraps of the numeric columns, in table order: `analysis["column"]` is one column's
    `ColumnDistribution`, `fits` and `bootstraps` map each column to its results."""

    conf_level: float
    seed: int
    sampled: bool  # the values are the report's seeded sample of the rows
    fits: dict[str, DistributionFit] = field(default_factory=dict)
    bootstraps: dict[str, BootstrapResult] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # numeric columns beyond the cap on fitted columns
    no_values: list[str] = field(default_factory=list)  # numeric columns without values in the sample

    @property
    def columns(self) -> list[str]:
        return list(self.fits)

    def __iter__(self) -> Iterator[ColumnDistribution]:
        return (self[name] for name in self.fits)

    def __len__(self) -> int:
        return len(self.fits)

    def __contains__(self, column: object) -> bool:
        return column in self.fits

    def __getitem__(self, column: str) -> ColumnDistribution:
        """The fit and bootstrap of `column` (a KeyError says why when it was not fitted)."""
        if column in self.fits:
            return ColumnDistribution(column, self.fits[column], self.bootstraps[column])
        if column in self.left_out:
            raise KeyError(f"{column!r} was left out: only the first numeric columns are fitted")
        if column in self.no_values:
            raise KeyError(f"{column!r} has no sampled values to fit")
        raise KeyError(f"{column!r} is not a fitted column; fitted: {', '.join(self.fits) or 'none'}")

    def __repr__(self) -> str:
        lines = [f"<DistributionAnalysis: {len(self.fits)} column(s) fitted, intervals at {100 * self.conf_level:g} %"]
        width = max((len(name) for name in self.fits), default=0)
        for name, fit in self.fits.items():
            best = fit.best
            boot = self.bootstraps[name]
            what = f"best {best.family} (Akaike weight {best.weight:.3g})" if best else f"not fitted: {fit.skip_reason}"
            mean = boot.mean_boot_ci
            ci = f", bootstrap CI of the mean [{mean[0]:.4g}, {mean[1]:.4g}]" if mean else ""
            lines.append(f"  {name:<{width}}  {what}{ci}")
        return "\n".join(lines) + ">"


LOST_SPREAD = (
    "its values differ by less than double-precision arithmetic resolves at their size (whole numbers beyond 2^53 "
    "are rounded), so as floating-point numbers they are all the same"
)


def _distinct(column: Any) -> int:
    """Distinct non-missing values as stored (a polars Series keeps 64-bit integers exact), before any float cast."""
    return int(column.drop_nulls().n_unique()) if hasattr(column, "n_unique") else len(set(np.asarray(column).tolist()))


def _as_array(column: Any) -> np.ndarray:
    """A polars Series (or any array-like) as float64 numpy values."""
    return np.asarray(column.cast(float).to_numpy() if hasattr(column, "cast") else column, dtype=float)


def analyse(
    values: dict[str, Any],
    *,
    conf_level: float = 0.95,
    seed: int = 0,
    sampled: bool = False,
    left_out: list[str] | None = None,
    no_values: list[str] | None = None,
    counts: set[str] | None = None,
) -> DistributionAnalysis:
    """Fit the candidate families to each column of `values` (name → its values: a Series or array) and bootstrap
    its centre, with the same seed for every column. `counts`: the columns that count something (fitted with the
    count families); None lets each column's values decide (`fit_distributions`)."""
    arrays = {name: _as_array(column) for name, column in values.items()}
    finite = {name: int(np.isfinite(x).sum()) for name, x in arrays.items()}
    # the columns whose generator is in one state after their seeded subset (`stats._draws`) draw the same KS
    # samples' standard draws (of a normal, log-normal or exponential fit: `gof.simulate`), let go after the last
    state = {name: subset_state(count, seed, GOF_MAX_N) for name, count in finite.items()}
    simulated = SharedDraws(groups=state.values())

    def fit(name: str) -> DistributionFit:
        is_count = None if counts is None else name in counts
        # values near the float limits overflow in the fits and the bootstrap: each result says so in a note, so
        # numpy's warnings would only print on the terminal (errstate is per thread)
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                return fit_distributions(
                    arrays[name],
                    name=name,
                    conf_level=conf_level,
                    seed=seed,
                    sampled=sampled,
                    counts=is_count,
                    shared=simulated,
                    group=state[name],
                )
        finally:
            simulated.done(state[name])

    # the columns with as many values resampled from a generator in the same state resample the same ranks, and
    # whoever draws them takes the means of those of whole numbers at once (`bootstrap.resample_center`'s peers)
    ranks = {name: rank_key(count, seed=seed) for name, count in finite.items()}
    shared = SharedDraws(ranks.values())
    peers = {key: [name for name in arrays if ranks[name] == key] for key in ranks.values()}

    def bootstrap(name: str) -> BootstrapResult:
        group = peers[ranks[name]]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return bootstrap_center(
                arrays[name],
                name=name,
                conf_level=conf_level,
                seed=seed,
                sampled=sampled,
                shared=shared,
                peers=[arrays[peer] for peer in group],
                member=group.index(name),
            )

    out = DistributionAnalysis(
        conf_level, seed, sampled, left_out=list(left_out or []), no_values=list(no_values or [])
    )
    names = list(values)
    # the fits and the bootstraps are independent tasks of 5-40 ms each, nine tenths of their time in numpy without
    # the GIL (py-spy --gil): two threads take them in turn, so the last of them leaves at most one task's time
    # to a single core. The columns that share draws go one after the other (in the order of their first), so
    # that the draws are let go sooner
    first = {group: i for i, group in reversed(list(enumerate(state.values())))}
    order = sorted(names, key=lambda name: first[state[name]])
    with ThreadPoolExecutor(max_workers=2) as pool:
        tasks = {name: (pool.submit(fit, name), pool.submit(bootstrap, name)) for name in order}
        for name in names:
            fitted, booted = tasks[name]
            out.fits[name], out.bootstraps[name] = fitted.result(), booted.result()
    for name, fitted in out.fits.items():
        x = arrays[name]
        if x.size and np.all(x == x[0]) and _distinct(values[name]) > 1:  # e.g. 2^62 + k: one float for all
            fitted.skip_reason = f"{LOST_SPREAD}: there is no distribution to fit"
            out.bootstraps[name].notes = [f"{LOST_SPREAD[0].upper()}{LOST_SPREAD[1:]}: there is nothing to bootstrap."]
    return out
