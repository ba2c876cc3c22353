"""Typed results of the dataset comparison (`edakit compare`, `edakit.compare`): what changed from table a (the
reference: train, before, last month) to table b, column by column, each shift with its interval.

`DatasetComparison` is what `edakit.compare(a, b)` returns: its fields are the numbers the page shows, it renders
itself (`to_html`, `_repr_html_`) through `edakit._present`, and `to_json` / `DatasetComparison.from_json` round-trip
it as `Report` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edakit._document import Document
from edakit._json import from_jsonable
from edakit.stats.result import EffectSize


@dataclass
class ShiftThresholds:
    """When a column's shift counts as a shift (`--fail-on-shift`): any one measure at or above its threshold."""

    psi: float = 0.25  # population stability index: 0.1-0.25 moderate, 0.25 and above a major shift (Siddiqi 2006)
    smd: float = 0.2  # |standardised mean difference| (Cohen's d): 0.2 is Cohen's "small"
    cramers_v: float = 0.1  # Cramér's V of table × level: 0.1 is Cohen's "small" (w = V for two tables)
    missing: float = 0.05  # |difference in the share of missing values| (5 percentage points)


@dataclass
class MissingShift:
    """Share of missing values in each table and its difference b − a, with Newcombe's hybrid score interval."""

    missing_a: int
    rows_a: int
    missing_b: int
    rows_b: int
    rate_a: float | None
    rate_b: float | None
    difference: float | None
    ci: tuple[float, float] | None = None


@dataclass
class PSI:
    """Population stability index Σ (b_i − a_i)·ln(b_i / a_i) over bins (shares a_i, b_i); an empty bin's share is
    replaced by `epsilon` so the logarithm is finite. `bins` names each bin (its interval, or a level)."""

    value: float
    bins: list[str]
    shares_a: list[float]
    shares_b: list[float]
    epsilon: float = 1e-4


@dataclass
class QuantileShift:
    p: float
    a: float | None
    b: float | None
    difference: float | None


@dataclass
class NumericShift:
    """One numeric column, table a against table b (b − a throughout). Moments and quantiles are exact, on every
    finite value; `smd` is Cohen's d (pooled SD) with its noncentral-t interval."""

    column: str
    n_a: int
    n_b: int
    missing: MissingShift
    mean_a: float | None = None
    mean_b: float | None = None
    sd_a: float | None = None
    sd_b: float | None = None
    mean_difference: float | None = None
    mean_difference_ci: tuple[float, float] | None = None  # Welch's interval
    welch_t: float | None = None
    welch_df: float | None = None
    welch_p: float | None = None
    smd: EffectSize | None = None
    sd_ratio: float | None = None  # sd_b / sd_a
    sd_ratio_ci: tuple[float, float] | None = None  # from the F distribution (R's var.test), square-rooted
    quantiles: list[QuantileShift] = field(default_factory=list)
    ks_d: float | None = None
    ks_p: float | None = None
    ks_method: str = ""
    wasserstein: float | None = None  # in the column's units
    wasserstein_sd: float | None = None  # divided by sd_a: comparable across columns
    psi: PSI | None = None
    p_adjusted: float | None = None  # the KS p-value adjusted across every compared column
    hist_edges: list[float] = field(default_factory=list)
    hist_a: list[int] = field(default_factory=list)
    hist_b: list[int] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)  # the thresholds this column's shift reached
    notes: list[str] = field(default_factory=list)


@dataclass
class LevelShare:
    level: str
    count_a: int
    share_a: float | None
    ci_a: tuple[float, float] | None
    count_b: int
    share_b: float | None
    ci_b: tuple[float, float] | None


@dataclass
class CategoricalShift:
    """One categorical column: level shares in each table (Wilson intervals), levels new in b or gone from a, the
    chi-square test of table × level (R's chisq.test(correct = FALSE)) with Cramér's V and its interval."""

    column: str
    n_a: int
    n_b: int
    missing: MissingShift
    levels: list[LevelShare] = field(default_factory=list)
    new_levels: list[str] = field(default_factory=list)
    vanished_levels: list[str] = field(default_factory=list)
    pooled_levels: int = 0
    chi_square: float | None = None
    df: int | None = None
    p_value: float | None = None
    cramers_v: float | None = None
    cramers_v_ci: tuple[float, float] | None = None
    js_distance: float | None = None  # Jensen-Shannon distance, base 2: 0 same shares, 1 no level in common
    psi: PSI | None = None
    p_adjusted: float | None = None
    passed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class OtherShift:
    """A column compared only by its missing values (text, identifiers, dates, or a role that differs)."""

    column: str
    role_a: str
    role_b: str
    missing: MissingShift
    passed: list[str] = field(default_factory=list)


@dataclass
class RoleChange:
    column: str
    role_a: str
    role_b: str
    dtype_a: str
    dtype_b: str


@dataclass
class SchemaChanges:
    added: list[str] = field(default_factory=list)  # in b only
    removed: list[str] = field(default_factory=list)  # in a only
    changed: list[RoleChange] = field(default_factory=list)


@dataclass
class ShiftRank:
    """One row of the ranking: columns ordered by the size of their shift (PSI), never by p-value."""

    column: str
    kind: str  # numeric, categorical
    psi: float | None
    effect: str  # the effect size shown next to it, named
    effect_value: float | None
    p_adjusted: float | None
    passed: list[str] = field(default_factory=list)


@dataclass(repr=False)
class DatasetComparison(Document):
    """Everything a comparison of two tables says. `to_html`, `to_json`, or display it in a notebook."""

    PRESENTER = "comparison_html"

    title: str
    created: str
    edakit_version: str
    name_a: str
    name_b: str
    rows_a: int
    rows_b: int
    duplicates_a: int | None
    duplicates_b: int | None
    across: int | None  # rows of b equal to a row of a (leakage between train and test)
    schema: SchemaChanges
    numeric: list[NumericShift] = field(default_factory=list)
    categorical: list[CategoricalShift] = field(default_factory=list)
    other: list[OtherShift] = field(default_factory=list)
    ranking: list[ShiftRank] = field(default_factory=list)
    thresholds: ShiftThresholds = field(default_factory=ShiftThresholds)
    passed: list[str] = field(default_factory=list)  # columns whose shift reached a threshold
    conf_level: float = 0.95
    p_adjust: str = "holm"
    source_a: str = ""
    source_b: str = ""
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def column(self, name: str) -> NumericShift | CategoricalShift | OtherShift:
        """The comparison of column `name`."""
        for shift in [*self.numeric, *self.categorical, *self.other]:
            if shift.column == name:
                return shift
        from edakit.errors import EdakitError

        raise EdakitError(f"No compared column named {name!r}.")

    def __repr__(self) -> str:
        return (
            f"<edakit DatasetComparison {self.name_a!r} ({self.rows_a:,} rows) vs {self.name_b!r} "
            f"({self.rows_b:,} rows): {len(self.ranking)} columns compared, {len(self.passed)} shifted>"
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DatasetComparison:
        return from_jsonable(cls, data)

    @classmethod
    def from_json(cls, text_or_path: str | Path) -> DatasetComparison:
        text = str(text_or_path)
        if not text.lstrip().startswith("{"):
            text = Path(text_or_path).read_text(encoding="utf-8")
        return cls.from_dict(json.loads(text))
