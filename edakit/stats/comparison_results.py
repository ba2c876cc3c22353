"""The typed results of the group-comparison analysis (`edakit report data.csv --group COLUMN` / `--target`).

`ComparisonAnalysis` is what `Report.comparisons` (for `--group`) and `Report.target` (for `--target`) hold: one
comparison per column, each with its tests under named fields. In a notebook:

>>> import edakit
>>> rep = edakit.report("penguins", group="species", correlations=False)
>>> c = rep.comparisons["body_mass_g"]
>>> c.primary.name, round(c.primary.statistic, 2), [t.name for t in c.tests]
("Welch's ANOVA", 317.57, ["Welch's ANOVA", 'Kruskal–Wallis test', 'classic ANOVA'])

`repr(rep.comparisons)` lists one line per column: the chosen test, its effect size, p and adjusted p.

The procedures that fill them are in `edakit.stats.comparisons`; the words in `edakit.explain.comparisons`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from edakit.stats.chartdata import BoxStats
from edakit.stats.result import EffectSize
from edakit.stats.target import BinnedRates, OutcomeRates


@dataclass
class GroupTest:
    """One test's numbers (from a full-data or a sample-based procedure): the statistic with its degrees of
    freedom, the p-value, the estimate with its interval and the effect size."""

    key: str  # welch_t, mann_whitney, anova, welch_anova, kruskal, chisq, fisher, pearson, spearman
    name: str  # e.g. "Welch's t test"
    method: str  # R's method line, e.g. "Welch Two Sample t-test"
    statistic_name: str = ""  # t, W, F, H, X-squared, S
    statistic: float | None = None
    # (numerator, denominator) for an F test; the tuple first, as the JSON decoder tries a union's types in order
    df: tuple[float, float] | float | None = None
    p_value: float | None = None
    estimate_name: str = ""
    estimate: float | None = None
    ci: tuple[float, float] | None = None  # interval of the estimate, at the analysis' conf_level
    ci_kind: str = "two-sided"  # or "one-sided upper" ([0, U]) for an eta² or epsilon² at 0 (stats.ncp)
    effect_size: EffectSize | None = None
    n: int = 0  # values (or rows) the test used
    on_sample: bool = False  # computed on the seeded sample (when the table is larger than the sample)
    notes: list[str] = field(default_factory=list)
    hedges_g: EffectSize | None = None  # Welch's t: Cohen's d corrected for small-sample bias
    details: dict[str, Any] = field(default_factory=dict)  # procedure-specific numbers (medians, cells, ...)

    @property
    def defined(self) -> bool:
        return self.p_value is not None and math.isfinite(self.p_value)


@dataclass
class GroupStats:
    """One group's full-data n, mean (t interval) and SD, and its median in the sample."""

    label: str
    n: int
    mean: float | None
    ci: tuple[float, float] | None
    sd: float | None
    median: float | None = None
    sample_n: int = 0


@dataclass
class Check:
    """An assumption check: Shapiro–Wilk per group, Brown–Forsythe, or the ratio of group SDs."""

    check: str  # normality, equal spread, SD ratio
    test: str
    group: str | None = None
    n: int | None = None
    statistic: float | None = None
    p_value: float | None = None
    note: str = ""


@dataclass
class PosthocPair:
    """One pairwise comparison after a significant overall test: Tukey, Games–Howell (with `ci`) or Dunn (`z`)."""

    pair: str  # e.g. "Chinstrap-Adelie"
    groups: list[str]  # [first, second]: `diff` is first minus second
    diff: float  # difference in means (or, for Dunn, in mean ranks)
    p_adj: float  # adjusted for the pairs of this column
    ci: tuple[float, float] | None = None  # simultaneous interval of `diff`
    z: float | None = None  # Dunn's z
    p: float | None = None  # Dunn's unadjusted p
    t: float | None = None  # Games–Howell's t
    df: float | None = None  # Games–Howell's df

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PosthocPair:
        """From a row of `stats.parametric.tukey_from_moments`, `games_howell_from_moments` or Dunn's test."""
        ci = row.get("ci")
        return cls(
            pair=str(row["pair"]),
            groups=[str(g) for g in row["groups"]],
            diff=float(row["diff"]),
            p_adj=float(row["p_adj"]),
            ci=(float(ci[0]), float(ci[1])) if ci is not None else None,
            **{k: float(row[k]) for k in ("z", "p", "t", "df") if row.get(k) is not None},
        )

    def as_row(self) -> dict[str, Any]:
        """The row as a dict of the values present (the form `explain.hypothesis` reads)."""
        row = {"pair": self.pair, "groups": self.groups, "diff": self.diff, "p_adj": self.p_adj}
        extra = {"ci": self.ci, "z": self.z, "p": self.p, "t": self.t, "df": self.df}
        return row | {k: v for k, v in extra.items() if v is not None}

    # A pair also reads like the row the procedures return: pair["p_adj"], "ci" in pair, pair.get("z").
    def __getitem__(self, key: str) -> Any:
        return self.as_row()[key]

    def __contains__(self, key: object) -> bool:
        return key in self.as_row()

    def get(self, key: str, default: Any = None) -> Any:
        return self.as_row().get(key, default)


@dataclass
class Comparison:
    """What every comparison shares: the column shown, the grouping, its tests and adjusted p-value."""

    label: str  # the column this row is about (not the group/target)
    column: str  # the outcome
    by: str  # the grouping (for correlations: the target)
    primary: GroupTest  # the chosen test (its p-value is in the adjusted family)
    alternative: GroupTest | None = None  # the other family of test, shown alongside
    others: list[GroupTest] = field(default_factory=list)  # any other test computed (e.g. the other ANOVA)
    reasons: list[str] = field(default_factory=list)  # why the primary test was chosen
    p_adjusted: float | None = None  # the primary p-value adjusted across the analysis
    notes: list[str] = field(default_factory=list)
    order: int = 0  # position of `label` in the table

    @property
    def tests(self) -> list[GroupTest]:
        """Every test computed: the primary, the alternative, then the others."""
        return [t for t in (self.primary, self.alternative, *self.others) if t is not None]


@dataclass
class NumericComparison(Comparison):
    """A numeric column compared across groups: group statistics, checks, tests, pairwise comparisons."""

    groups: list[GroupStats] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    posthoc: list[PosthocPair] = field(default_factory=list)
    posthoc_method: str | None = None
    posthoc_note: str | None = None  # why no pairwise comparisons are shown
    box: list[BoxStats] | None = None  # per-group box statistics from the sample
    overall_mean: float | None = None
    # --target with a categorical target: the target's rate in each quartile band of this column
    binned: BinnedRates | None = None
    kind: str = "numeric"


@dataclass
class CategoricalComparison(Comparison):
    """A categorical column tested against the groups: its cross-table, chi-square (and Fisher) tests."""

    row_labels: list[str] = field(default_factory=list)  # levels of the column
    col_labels: list[str] = field(default_factory=list)  # groups
    table: list[list[int]] = field(default_factory=list)
    # Wilson interval of each cell's share of its group (table[i][j] / the rows of group j), at conf_level
    share_ci: list[list[tuple[float, float]]] = field(default_factory=list)
    min_expected: float | None = None
    # --target with a categorical target: the target's rate in each level of this column (and odds/risk ratios)
    outcome: OutcomeRates | None = None
    kind: str = "categorical"


@dataclass
class CorrelationComparison(Comparison):
    """A numeric column correlated with a numeric target: Pearson's r (full data), Spearman's rho alongside."""

    kind: str = "correlation"


@dataclass
class PairedComparison(Comparison):
    """A column measured on the same units in every group (`--pair`): the paired t-test and the Wilcoxon
    signed-rank test of the differences, McNemar's test for a two-level column, Friedman's test for three or more
    groups. `means` (or, for a two-level column, the share of its second level) are over the complete units."""

    conditions: list[str] = field(default_factory=list)  # the groups, in order: differences are first − second
    units: int = 0  # units with a value in every group
    means: list[float | None] = field(default_factory=list)
    sds: list[float | None] = field(default_factory=list)
    diff_sd: float | None = None  # two groups: SD of the within-unit differences
    levels: list[str] = field(default_factory=list)  # a two-level column: its levels (sorted)
    table: list[list[int]] = field(default_factory=list)  # a two-level column: level in group 1 × level in group 2
    kind: str = "paired"


@dataclass
class Skip:
    """A column that was not compared, and why."""

    column: str
    reason: str


@dataclass
class ComparisonAnalysis:
    """Every comparison of one group (or target) column: `analysis["column"]` is that column's comparison,
    iterating gives the comparisons in table order, `columns` their names."""

    mode: str  # "group" or "target"
    by: str
    role: str  # role of the group/target column
    labels: list[str]  # levels of the group (or categorical target); [] for a numeric target
    rows: int
    group_rows: dict[str, int]
    missing: int  # rows without a value of `by`
    alpha: float  # decision threshold (config.alpha)
    conf_level: float  # level of every interval (config.conf_level)
    p_adjust: str  # "holm" or "bh": the adjustment of the primary p-values across the analysis
    numeric: list[NumericComparison] = field(default_factory=list)
    categorical: list[CategoricalComparison] = field(default_factory=list)
    correlations: list[CorrelationComparison] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # usable columns beyond the cap on compared columns
    pairing_keys: list[str] = field(default_factory=list)  # columns that pair the rows: the groups are paired
    pair: str | None = None  # `--pair`: the column naming the unit measured in every group (a paired analysis)
    units: int = 0  # with `pair`: units with a row in every group
    paired: list[PairedComparison] = field(default_factory=list)
    design: str = "observational"  # "observational" or "randomised": how the groups came about (`--design`)
    # `--baseline`: compared columns measured before the groups were formed; their p-values are adjusted as a
    # family of their own (a balance check), apart from the outcomes'
    baseline: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sample_rows: int = 0
    sampled: bool = False

    @property
    def comparisons(self) -> list[Comparison]:
        """Every comparison in the adjusted family, in table order."""
        return sorted([*self.numeric, *self.categorical, *self.correlations, *self.paired], key=lambda c: c.order)

    @property
    def numeric_target(self) -> bool:
        return self.mode == "target" and not self.labels

    @property
    def columns(self) -> list[str]:
        """The names of the compared columns, in table order."""
        return [c.label for c in self.comparisons]

    def __iter__(self) -> Iterator[Comparison]:
        return iter(self.comparisons)

    def __contains__(self, column: object) -> bool:
        return column in self.columns

    def __getitem__(self, column: str) -> Comparison:
        """The comparison of `column` (a KeyError says why when it was not compared)."""
        for c in self.comparisons:
            if c.label == column:
                return c
        skip = next((s for s in self.skipped if s.column == column), None)
        if skip is not None:
            raise KeyError(f"{column!r} was not compared: {skip.reason}")
        if column in self.left_out:
            raise KeyError(f"{column!r} was left out: only the first usable columns are compared")
        raise KeyError(f"{column!r} is not a compared column; compared: {', '.join(self.columns) or 'none'}")

    def __repr__(self) -> str:
        adjust = "Holm" if self.p_adjust == "holm" else "BH"
        head = f"target {self.by!r}" if self.numeric_target else f"{self.mode} {self.by!r} ({len(self.labels)} levels)"
        lines = [
            f"<ComparisonAnalysis {head}: {len(self.comparisons)} column(s) compared, {len(self.skipped)} skipped; "
            f"alpha {self.alpha:g}, {adjust}-adjusted p"
        ]
        width = max((len(c.label) for c in self.comparisons), default=0)
        for c in self.comparisons:
            t = c.primary
            estimate = f"{t.estimate_name or 'estimate'} = {_num(t.estimate)}"
            lines.append(
                f"  {c.label:<{width}}  {t.name}{' (sample)' if t.on_sample else ''}: {estimate}, "
                f"p = {_num(t.p_value)}, p ({adjust}) = {_num(c.p_adjusted)}"
            )
        return "\n".join(lines) + ">"


def as_interval(ci: Any) -> tuple[float, float] | None:
    """An interval as a tuple of floats (as it reads back from JSON), or None."""
    return None if ci is None else (float(ci[0]), float(ci[1]))


def as_df(df: Any) -> tuple[float, float] | float | None:
    """Degrees of freedom as a float, or a (numerator, denominator) tuple of floats (as they read back from JSON)."""
    if df is None:
        return None
    return (float(df[0]), float(df[1])) if isinstance(df, (tuple, list)) else float(df)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"
