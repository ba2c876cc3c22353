"""Every report option in one place; the CLI and `edakit.report(...)` both build a ReportConfig."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from edakit.errors import EdakitError

EXPLAIN_LEVELS = ("full", "brief")
#: The decision threshold when none is given: `ReportConfig.alpha`, and the words of results computed outside a
#: report (`edakit.stats.ttest(...)` has no configuration).
DEFAULT_ALPHA = 0.05


@dataclass
class ReportConfig:
    title: str | None = None
    sample_size: int = 100_000  # rows used by sample-based methods (seeded, uniform)
    seed: int = 0
    conf_level: float = 0.95
    columns: list[str] | None = None  # restrict the report to these columns
    encoding: str | None = None
    delimiter: str | None = None
    header: bool = True
    na_values: list[str] | None = None  # markers of missing values in text files [default: loader's list]
    stream: bool | None = None  # CSV via a temporary Parquet file, never whole in memory [default: when > 1 GiB]
    columns_per_pass: int = 200
    max_charted_columns: int = 100  # charts for the first N columns only; the report says what was left out
    group: str | None = None  # compare every column across the levels of this column
    target: str | None = None  # analyse every column as a predictor of this outcome
    correlations: bool = True  # the correlations and associations section
    comparisons: bool = True  # the group/target comparison section (when group or target is given)
    p_adjust: str = "holm"  # multiple-testing correction across a section's tests: holm or bh
    # A/B comparison (the `edakit ab` command): `group` names the variant column, these name the rest.
    metrics: list[str] | None = None  # outcome columns of the experiment
    control: str | None = None  # the control variant's label [default: first in sorted order]
    expected_split: list[float] | None = None  # planned allocation, e.g. [50, 50]; default equal
    covariate: str | None = None  # pre-period covariate for CUPED variance reduction
    alpha: float = DEFAULT_ALPHA  # decision threshold of every test in the report (A/B decisions included)
    power: float = 0.8  # target power for minimum detectable effect and sample size
    metric_types: dict[str, str] | None = None  # override detection: metric -> "binary" | "continuous"
    explain: str = "full"  # explanation level: "full" (methods, formulas) or "brief" (one sentence per statistic)

    def __post_init__(self) -> None:
        if not 0 < self.conf_level < 1:
            raise EdakitError(f"Confidence level must be between 0 and 1 (got {self.conf_level}).")
        if self.p_adjust not in ("holm", "bh"):
            raise EdakitError(f"p-value adjustment must be 'holm' or 'bh' (got {self.p_adjust!r}).")
        if self.group and self.target and self.group == self.target:
            raise EdakitError("--group and --target name the same column; give one of them.")
        if self.max_charted_columns < 0:
            raise EdakitError(f"--max-charts must be 0 or more (got {self.max_charted_columns}).")
        if self.explain not in EXPLAIN_LEVELS:
            raise EdakitError(f"--explain must be 'full' or 'brief' (got {self.explain!r}).")
        if self.sample_size < 10:
            raise EdakitError(f"--sample must be at least 10 rows (got {self.sample_size}).")

    @classmethod
    def from_options(cls, config: ReportConfig | None = None, **options: Any) -> ReportConfig:
        """Merge keyword options over an existing config; unknown names are a user error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise EdakitError(f"Unknown report option(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}.")
        base = asdict(config) if config else {}
        base.update({k: v for k, v in options.items() if v is not None})
        return cls(**base)
