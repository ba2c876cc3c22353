"""Analyse, target direction: a categorical target read the way a reader asks (`edakit report data.csv --target
COLUMN`): the outcome's rate in each level of a predictor, and for a two-level predictor the odds ratio, risk
ratio and risk difference of the outcome; with `--group`, the Mantel–Haenszel odds ratio stratified by the group.

* rate per predictor level: Wilson score interval (R `prop.test(x, n, correct = FALSE)$conf.int`);
* odds ratio (compared level vs the reference, the first level as R's treatment contrasts take it): the sample
  odds ratio with Woolf's logit interval exp(log OR ± z·sqrt(1/a + 1/b + 1/c + 1/d)); risk ratio with Katz's log
  interval; both from statsmodels' `Table2x2` (0.5 added to every cell when one is 0, and said so);
* risk difference: Newcombe's hybrid score interval (`stats.proportion.newcombe_interval`);
* a numeric predictor: the outcome's rate in each of its quartile bands (full-data quartiles, type 7 as R's
  `quantile`; band i is (q_i, q_i+1], the first closed on the left), each with its Wilson interval (`binned_rates`);
* stratified by the group: statsmodels' `StratifiedTable`, i.e. R's `mantelhaen.test(x)` for 2×2×K tables (the
  Mantel–Haenszel common odds ratio, the Robins–Breslow–Greenland interval, the Mantel–Haenszel chi-square with
  continuity correction) and the odds ratio in each stratum; a reversal of direction between the crude and the
  stratified odds ratio (Simpson's paradox) is flagged;
* stratified, for a predictor or target with more than two levels: the generalized Cochran–Mantel–Haenszel test
  of general association (Landis, Heyman and Koch 1978), R's `mantelhaen.test(x)` on an I×J×K table, with the same
  statistic on the table collapsed over the strata beside it. statsmodels' `StratifiedTable` handles 2×2×K
  only, so it is written here from R's closed form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.stats.proportion import newcombe_interval, wilson_interval


@dataclass
class LevelRate:
    """The outcome in one level of the predictor: its rows, and the count, share and Wilson interval of each
    outcome level (in the order of `OutcomeRates.outcome_levels`)."""

    level: str
    n: int
    counts: list[int]
    shares: list[float]
    cis: list[tuple[float, float]]


@dataclass
class StratumOdds:
    """The odds ratio of the event (compared vs reference level) within one level of the stratifying group."""

    stratum: str
    n: int
    odds_ratio: float | None
    ci: tuple[float, float] | None


@dataclass
class MantelHaenszel:
    """The common odds ratio of the event across the strata of a group (R's `mantelhaen.test`)."""

    by: str  # the stratifying group column
    strata: list[StratumOdds]
    odds_ratio: float | None
    ci: tuple[float, float] | None  # Robins–Breslow–Greenland
    statistic: float | None  # Mantel–Haenszel X-squared, with continuity correction, 1 df
    p_value: float | None
    n: int
    reversal: bool = False  # the crude and the stratified odds ratio lie on opposite sides of 1
    method: str = "Mantel-Haenszel chi-squared test with continuity correction"
    notes: list[str] = field(default_factory=list)


@dataclass
class GeneralizedCMH:
    """The generalized Cochran–Mantel–Haenszel test of association between a predictor and the target within the
    strata of a group (R's `mantelhaen.test` on an I×J×K table), and the same statistic ignoring the group."""

    by: str  # the stratifying group column
    strata: list[str]  # the levels of `by` used (a level with fewer than 2 rows carries no information)
    statistic: float | None  # Cochran–Mantel–Haenszel M², (I - 1)(J - 1) df
    df: int
    p_value: float | None
    n: int
    crude_statistic: float | None = None  # the same statistic on the table summed over the strata
    crude_p_value: float | None = None
    method: str = "Cochran-Mantel-Haenszel test"
    notes: list[str] = field(default_factory=list)


@dataclass
class OutcomeRates:
    """A categorical target in each level of one predictor; for a binary target the rate of `event`, and for a
    two-level predictor the odds ratio, risk ratio and risk difference of `event`, `compared` vs `reference`."""

    target: str
    predictor: str
    outcome_levels: list[str]
    event: str | None  # the outcome level whose rate is read (binary target: its second level, as R's glm)
    levels: list[LevelRate]
    reference: str | None = None
    compared: str | None = None
    odds_ratio: float | None = None
    odds_ratio_ci: tuple[float, float] | None = None
    risk_ratio: float | None = None
    risk_ratio_ci: tuple[float, float] | None = None
    risk_difference: float | None = None
    risk_difference_ci: tuple[float, float] | None = None
    conf_level: float = 0.95
    stratified: MantelHaenszel | None = None
    association: GeneralizedCMH | None = None  # more than two levels on either side, with --group
    notes: list[str] = field(default_factory=list)

    def rate(self, level: str) -> LevelRate:
        """The outcome in `level` of the predictor."""
        for r in self.levels:
            if r.level == level:
                return r
        raise KeyError(f"{level!r} is not a level of {self.predictor}; levels: {', '.join(self.level_names)}")

    @property
    def level_names(self) -> list[str]:
        return [r.level for r in self.levels]

    @property
    def event_index(self) -> int | None:
        return None if self.event is None else self.outcome_levels.index(self.event)


@dataclass
class BinnedRates:
    """A categorical target in each band of a numeric predictor: `breaks` (the minimum, quartiles and maximum,
    repeated values merged), one `LevelRate` per band (its `level` the band, written "[a, b]" or "(a, b]"), and
    for a binary target the rate of `event`."""

    target: str
    predictor: str
    outcome_levels: list[str]
    event: str | None
    breaks: list[float]
    bands: list[LevelRate]
    conf_level: float = 0.95
    binning: str = "quartiles"  # the full data's minimum, quartiles and maximum (R's quantile, type 7)

    @property
    def event_index(self) -> int | None:
        return None if self.event is None else self.outcome_levels.index(self.event)


def binned_rates(
    target: str, predictor: str, outcome_levels: list[str], breaks: list[float], counts: np.ndarray, conf: float
) -> BinnedRates:
    """The target's levels (columns of `counts`) in each band of the predictor (rows), with Wilson intervals;
    bands with no rows are left out. For a binary target the event is its second level (as `outcome_rates`)."""
    from edakit._format import fmt_num

    bands = []
    for i, row in enumerate(np.asarray(counts, dtype=int)):
        n = int(row.sum())
        if n == 0:
            continue
        lo, hi = fmt_num(breaks[i]), fmt_num(breaks[i + 1])
        name = f"[{lo}, {hi}]" if i == 0 else f"({lo}, {hi}]"
        shares = [int(c) / n for c in row]
        bands.append(LevelRate(name, n, [int(c) for c in row], shares, [wilson_interval(int(c), n, conf) for c in row]))
    event = outcome_levels[1] if len(outcome_levels) == 2 else None
    return BinnedRates(target, predictor, list(outcome_levels), event, list(breaks), bands, conf)


def outcome_rates(
    target: str, predictor: str, row_labels: list[str], col_labels: list[str], counts: np.ndarray, conf: float
) -> OutcomeRates:
    """The target (columns of `counts`) within each level of the predictor (rows), with Wilson intervals; for a
    binary target and a two-level predictor the odds ratio, risk ratio and risk difference of the second target
    level (the event), second predictor level vs the first (the reference)."""
    levels = []
    for label, row in zip(row_labels, counts, strict=True):
        n = int(row.sum())
        levels.append(
            LevelRate(
                label,
                n,
                [int(c) for c in row],
                [float(c) / n for c in row],
                [wilson_interval(int(c), n, conf) for c in row],
            )
        )
    binary = len(col_labels) == 2
    out = OutcomeRates(target, predictor, list(col_labels), col_labels[1] if binary else None, levels, conf_level=conf)
    if binary and len(row_labels) == 2:
        _two_by_two(out, counts, conf)
    return out


def _two_by_two(out: OutcomeRates, counts: np.ndarray, conf: float) -> None:
    """Odds ratio (Woolf), risk ratio (Katz) and risk difference (Newcombe) of the event, row 2 vs row 1."""
    from statsmodels.stats.contingency_tables import Table2x2

    out.reference, out.compared = out.levels[0].level, out.levels[1].level
    # rows: compared, reference; columns: event, no event (statsmodels' orientation for the risk ratio)
    table = np.array([[counts[1][1], counts[1][0]], [counts[0][1], counts[0][0]]], dtype=float)
    (x1, n1), (x2, n2) = (int(table[0, 0]), int(table[0].sum())), (int(table[1, 0]), int(table[1].sum()))
    out.risk_difference = x1 / n1 - x2 / n2
    out.risk_difference_ci = newcombe_interval(x1, n1, x2, n2, conf)
    zero = bool((table == 0).any())
    t = Table2x2(table + 0.5 if zero else table)  # statsmodels' shift_zeros moves only the 0 cells
    alpha = 1 - conf
    out.odds_ratio, out.odds_ratio_ci = _ratio(t.oddsratio, t.oddsratio_confint(alpha))
    if x2 > 0:
        out.risk_ratio, out.risk_ratio_ci = _ratio(t.riskratio, t.riskratio_confint(alpha))
    else:
        out.notes.append(f"No {out.event} in {out.reference}: the risk ratio (a ratio to that rate) is undefined.")
    if zero:
        out.notes.append(
            "A cell of the 2×2 table is 0, so 0.5 was added to every cell for the odds ratio and risk ratio "
            "(Haldane–Anscombe); their intervals are approximate."
        )


def _ratio(value: float, ci: tuple[float, float]) -> tuple[float | None, tuple[float, float] | None]:
    v, (lo, hi) = float(value), (float(ci[0]), float(ci[1]))
    if not all(math.isfinite(x) for x in (v, lo, hi)):
        return None, None
    return v, (lo, hi)


def mantel_haenszel(
    out: OutcomeRates, by: str, strata: list[str], tables: list[np.ndarray], conf: float
) -> MantelHaenszel | None:
    """The Mantel–Haenszel odds ratio of the event across the strata of `by` (R's `mantelhaen.test` on the 2×2×K
    table), each `tables[k]` laid out as `outcome_rates`' counts (rows: reference, compared; columns: no event,
    event). Strata with a row or column of zeros carry no information and are left out (as R's sums do)."""
    from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2

    if out.compared is None:
        return None
    used, kept = [], []
    for name, t in zip(strata, tables, strict=True):
        t = np.asarray(t, dtype=float)
        oriented = np.array([[t[1][1], t[1][0]], [t[0][1], t[0][0]]])
        n = int(oriented.sum())
        if (oriented.sum(axis=0) == 0).any() or (oriented.sum(axis=1) == 0).any():
            continue
        kept.append(oriented)
        zero = bool((oriented == 0).any())
        s = Table2x2(oriented)
        if zero:
            used.append(StratumOdds(name, n, None, None))
        else:
            odds, ci = _ratio(s.oddsratio, s.oddsratio_confint(1 - conf))
            used.append(StratumOdds(name, n, odds, ci))
    if len(kept) < 2:
        return None
    st = StratifiedTable(np.stack(kept, axis=2))
    test = st.test_null_odds(correction=True)
    odds, ci = _ratio(st.oddsratio_pooled, st.oddsratio_pooled_confint(1 - conf))
    mh = MantelHaenszel(
        by,
        used,
        odds,
        ci,
        float(test.statistic),
        float(test.pvalue),
        int(sum(t.sum() for t in kept)),
    )
    if len(kept) < len(strata):
        mh.notes.append(
            f"{len(strata) - len(kept)} level(s) of {by} lack a level of {out.predictor} or of {out.target} and "
            "carry no information about the odds ratio; they were left out."
        )
    if odds is not None and out.odds_ratio is not None:
        mh.reversal = (out.odds_ratio - 1) * (odds - 1) < 0
    return mh


def cmh_statistic(tables: Any) -> tuple[float, int]:
    """The generalized Cochran–Mantel–Haenszel M² of an I×J×K table (`tables[k]` is stratum k, I×J) and its
    degrees of freedom, as R's `mantelhaen.test`: with n the counts of the first I - 1 rows and J - 1 columns
    summed over the strata, m their expectations under independence within each stratum and V the sum of the
    strata's hypergeometric covariances, M² = (n - m)' V⁻¹ (n - m) on (I - 1)(J - 1) df. Strata with fewer than 2
    rows are left out (R stops on them). When V is singular (a level seen in one stratum only, say) a generalized
    inverse is used and the df are V's rank.

    >>> stat, df = cmh_statistic([[[10, 5, 3], [4, 8, 9]], [[6, 6, 2], [3, 7, 8]]])
    >>> df, round(stat, 4)
    (2, 9.7711)
    """
    t = np.asarray(tables, dtype=float)
    if t.ndim != 3 or t.shape[1] < 2 or t.shape[2] < 2:
        raise ValueError("the generalized Cochran–Mantel–Haenszel test needs K tables of at least 2×2 counts")
    k_, i_, j_ = t.shape
    df = (i_ - 1) * (j_ - 1)
    dev = np.zeros(df)
    v = np.zeros((df, df))
    for f in t:
        total = f.sum()
        if total < 2:
            continue
        rows, cols = f.sum(axis=1)[:-1], f.sum(axis=0)[:-1]
        dev += f[:-1, :-1].flatten(order="F") - np.outer(rows, cols).flatten(order="F") / total
        v += np.kron(np.diag(total * cols) - np.outer(cols, cols), np.diag(total * rows) - np.outer(rows, rows)) / (
            total**2 * (total - 1)
        )
    rank = int(np.linalg.matrix_rank(v))
    if rank == 0:
        return math.nan, 0
    solved = np.linalg.solve(v, dev) if rank == df else np.linalg.pinv(v) @ dev
    return float(dev @ solved), rank


def generalized_cmh(by: str, strata: list[str], tables: list[np.ndarray]) -> GeneralizedCMH | None:
    """The generalized CMH test of the predictor (rows of each `tables[k]`) against the target (columns) within the
    levels of `by`, and the same statistic on the collapsed table. Levels seen in no stratum are dropped first."""
    from scipy import stats

    t = np.asarray(tables, dtype=float)
    pooled = t.sum(axis=0)
    t = t[:, pooled.sum(axis=1) > 0][:, :, pooled.sum(axis=0) > 0]
    used = [name for name, f in zip(strata, t, strict=True) if f.sum() >= 2]
    t = np.stack([f for f in t if f.sum() >= 2]) if used else t[:0]
    if len(used) < 2 or t.shape[1] < 2 or t.shape[2] < 2:
        return None
    stat, df = cmh_statistic(t)
    out = GeneralizedCMH(by, used, None, df, None, int(t.sum()))
    if df > 0 and math.isfinite(stat):
        out.statistic, out.p_value = stat, float(stats.chi2.sf(stat, df))
    crude, crude_df = cmh_statistic(t.sum(axis=0, keepdims=True))
    if crude_df > 0 and math.isfinite(crude):
        out.crude_statistic, out.crude_p_value = crude, float(stats.chi2.sf(crude, crude_df))
    full = (t.shape[1] - 1) * (t.shape[2] - 1)
    if 0 < df < full:
        out.notes.append(
            f"Some combinations of levels occur in too few levels of {by} for all {full} degrees of freedom; the test "
            f"uses the {df} the data support (a generalized inverse of the covariance)."
        )
    if len(used) < len(strata):
        out.notes.append(f"{len(strata) - len(used)} level(s) of {by} with fewer than 2 rows were left out.")
    return out
