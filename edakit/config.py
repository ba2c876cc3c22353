"""Every report option in one place; the CLI and `edakit.report(...)` both build a ReportConfig."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from edakit.errors import EdakitError

EXPLAIN_LEVELS = ("full", "brief")
#: How the groups came about: causal wording only for a randomised design (`edakit ab` is randomised).
DESIGNS = ("observational", "randomised")
#: The decision threshold when none is given: `ReportConfig.alpha`, and the words of results computed outside a
#: report (`edakit.stats.ttest(...)` has no configuration).
DEFAULT_ALPHA = 0.05


#: The option groups, in the order `help(edakit.report)` and the API page list them.
GROUPS = {
    "output": "The report",
    "load": "Loading the table",
    "profile": "Profile, sample and charts",
    "analysis": "Analyses",
    "ab": "A/B test (`edakit ab`; `group` names the variant column)",
}


def _option(default: Any, group: str, help: str, factory: Any = None) -> Any:
    """A ReportConfig field with its group and its one-line help (read by `ReportConfig.options_help`)."""
    meta = {"group": group, "help": help}
    return field(default_factory=factory, metadata=meta) if factory else field(default=default, metadata=meta)


@dataclass
class ReportConfig:
    """Every report option. `edakit.report(source, **options)` and the CLI build one; each field belongs to one
    group (`GROUPS`) and has a one-line help, listed by `ReportConfig.options_help()`."""

    title: str | None = _option(None, "output", "title of the report [default: Report on NAME]")
    explain: str = _option("full", "output", '"full" (methods and formulas) or "brief" (one sentence per result)')
    encoding: str | None = _option(None, "load", "text encoding of a CSV [default: sniffed]")
    delimiter: str | None = _option(None, "load", "field delimiter of a CSV [default: sniffed]")
    header: bool | None = _option(None, "load", "whether the first row of a CSV holds the names [default: detected]")
    na_values: list[str] | None = _option(None, "load", "markers of missing values in text files [default: a list]")
    stream: bool | None = _option(None, "load", "read a CSV through a temporary Parquet file [default: above 1 GiB]")
    table: str | None = _option(None, "load", "the table of a SQLite or DuckDB file [default: its only table]")
    sql: str | None = _option(None, "load", "a query on a SQLite or DuckDB file whose result is the table")
    sheet: str | None = _option(None, "load", "the sheet of an Excel or OpenDocument workbook [default: the first]")
    engine: str = _option(
        "polars", "load", '"polars", "duckdb" or "spark": the engine that reads a file and runs every query'
    )
    columns: list[str] | None = _option(None, "load", "restrict the report to these columns")
    sample_size: int = _option(100_000, "profile", "rows of the seeded uniform sample used by sample-based methods")
    seed: int = _option(0, "profile", "seed of the sample and of every resampling")
    columns_per_pass: int = _option(200, "profile", "columns aggregated in one engine pass (memory against time)")
    max_charted_columns: int = _option(100, "profile", "charts for the first N columns only (the report says so)")
    conf_level: float = _option(0.95, "analysis", "confidence level of every interval")
    alpha: float = _option(DEFAULT_ALPHA, "analysis", "decision threshold of every test (A/B decisions included)")
    p_adjust: str = _option("holm", "analysis", 'multiple-testing adjustment within a section: "holm" or "bh"')
    group: str | None = _option(None, "analysis", "compare every column across the levels of this column")
    pair: str | None = _option(
        None, "analysis", "with group: the column naming the unit measured in every group (paired tests)"
    )
    design: str | None = _option(
        None,
        "analysis",
        '"observational" or "randomised": whether the groups were assigned at random [default: randomised for an '
        "A/B test (metrics), else observational]",
    )
    target: str | None = _option(None, "analysis", "analyse every column as a predictor of this outcome")
    baseline: list[str] | None = _option(
        None, "analysis", "with group: columns measured before the groups were formed, adjusted apart from outcomes"
    )
    correlations: bool = _option(True, "analysis", "the correlations and associations section")
    comparisons: bool = _option(True, "analysis", "the group/target comparison section (with group or target)")
    roles: dict[str, str] | None = _option(
        None, "analysis", "column -> role set by hand, e.g. {'ID': 'identifier'} [default: inferred]"
    )
    metrics: list[str] | None = _option(None, "ab", "outcome columns of the experiment")
    control: str | None = _option(None, "ab", "the control variant's label [default: first in sorted order]")
    expected_split: list[float] | None = _option(None, "ab", "planned allocation, e.g. [50, 50] [default: equal]")
    covariate: str | None = _option(None, "ab", "pre-period covariate for CUPED variance reduction")
    power: float = _option(0.8, "ab", "target power for the minimum detectable effect and sample size")
    metric_types: dict[str, str] | None = _option(None, "ab", 'metric -> "binary" or "continuous" [default: detected]')
    equivalence_margin: float | None = _option(
        None, "ab", "smallest lift that matters, in the metric's units (rates: 0.01 = 1 point): adds a TOST"
    )

    @classmethod
    def options_help(cls) -> str:
        """Every option by group, one line each: `name (default): help`."""
        lines = []
        for group, title in GROUPS.items():
            lines.append(f"{title}:")
            for f in fields(cls):
                if f.metadata.get("group") == group:
                    lines.append(f"    {f.name} ({f.default!r}): {f.metadata['help']}")
        return "\n".join(lines)

    @classmethod
    def group_of(cls, name: str) -> str:
        """The group an option belongs to (one of `GROUPS`)."""
        return next(f.metadata["group"] for f in fields(cls) if f.name == name)

    def __post_init__(self) -> None:
        if not 0 < self.conf_level < 1:
            raise EdakitError(f"Confidence level must be between 0 and 1 (got {self.conf_level}).")
        if self.p_adjust not in ("holm", "bh"):
            raise EdakitError(f"p-value adjustment must be 'holm' or 'bh' (got {self.p_adjust!r}).")
        if self.group and self.target and self.group == self.target:
            raise EdakitError("--group and --target name the same column; give one of them.")
        if self.design is None:
            self.design = "randomised" if self.metrics else "observational"
        if self.design == "randomized":
            self.design = "randomised"
        if self.design not in DESIGNS:
            raise EdakitError(f"--design must be 'observational' or 'randomised' (got {self.design!r}).")
        if self.pair and not self.group:
            raise EdakitError("--pair needs --group: it names the unit measured in each group of the group column.")
        if self.pair and self.pair == self.group:
            raise EdakitError("--pair and --group name the same column; --pair names the unit measured in each group.")
        if self.max_charted_columns < 0:
            raise EdakitError(f"--max-charts must be 0 or more (got {self.max_charted_columns}).")
        if self.explain not in EXPLAIN_LEVELS:
            raise EdakitError(f"--explain must be 'full' or 'brief' (got {self.explain!r}).")
        if not (isinstance(self.alpha, (int, float)) and 0 < self.alpha < 1):
            raise EdakitError(f"--alpha must be between 0 and 1 (e.g. 0.05), not {self.alpha!r}.")
        if not (isinstance(self.power, (int, float)) and self.alpha < self.power < 1):
            raise EdakitError(f"--power must be between alpha and 1 (e.g. 0.8), not {self.power!r}.")
        margin = self.equivalence_margin
        if margin is not None and not (isinstance(margin, (int, float)) and math.isfinite(margin) and margin > 0):
            raise EdakitError(f"--equivalence-margin must be a positive number (e.g. 0.01), not {margin!r}.")
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
