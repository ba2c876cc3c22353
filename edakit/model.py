"""The Report model: plain dataclasses that HTML, JSON and notebook views all render from.

Numbers are stored as numbers; words (explanations) are stored next to them, filled in by the explain
stage. `Report.to_dict()` is the JSON form (schema version `SCHEMA_VERSION`); `Report.from_dict()` reads
it back so a report computed on one machine can be rendered on another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit._document import Document
from edakit._json import from_jsonable
from edakit._present import present
from edakit.explain.facts import Explained
from edakit.explain.findings import Finding
from edakit.loader import SourceInfo
from edakit.page import Section
from edakit.stats.correlation_analysis import CorrelationAnalysis
from edakit.stats.descriptive import Describe
from edakit.stats.distributions import DistributionAnalysis
from edakit.stats.modes import EntropySummary, ModeSummary
from edakit.stats.pca import PCAResult
from edakit.stats.quality import Alert

if TYPE_CHECKING:  # imported when their names are needed (`_field_types`), not by every report that lacks them
    from edakit.stats.ab_results import ABResult
    from edakit.stats.comparison_results import ComparisonAnalysis
    from edakit.stats.model_analysis import ModelAnalysis
    from edakit.stats.timeseries import TimeSeriesAnalysis

SCHEMA_VERSION = "2.0"  # 2.0: the typed results (comparisons, target, correlations, ab, distributions, pca)


@dataclass
class TopValue:
    value: Any
    count: int
    proportion: float
    ci: tuple[float, float]  # Wilson score interval of the proportion


@dataclass
class Chart:
    """One chart as data: what to draw (`data`: bins and counts, quartiles, points...) and the words for it.

    The model keeps the chart's numbers, not its picture: JSON carries them, and `render()` draws the SVG
    at render time (`edakit.render.charts`), so `Report.from_dict` can draw it again.
    `kind` names the drawing: histogram, box, qq, bars, timeline, missing, missing_patterns, heatmap,
    group_box, group_means. `note` says why a chart was not drawn (too few values, ...), shown instead.
    """

    kind: str
    title: str
    data: dict[str, Any] = field(default_factory=dict)
    caption: str = ""  # filled by explain: how to read it
    alt: str = ""  # filled by explain: what it shows, in words (alt text)
    note: str | None = None

    def render(self) -> str:
        """The chart as inline SVG markup (or a note if it cannot be drawn)."""
        return present("chart_svg", self)


@dataclass
class ColumnReport:
    # One column's part of a report (get it with `Report.column(name)`): it shows itself in a notebook as a
    # card (`_repr_html_`) and in the console as one line (`repr`). No docstring: the JSON schema's
    # description of ColumnReport is taken from it (see edakit.model_schema).
    name: str
    role: str
    dtype: str
    role_reason: str
    rows: int
    missing: int
    distinct: int
    numeric: Describe | None = None
    top_values: list[TopValue] = field(default_factory=list)
    other_count: int = 0
    rare_levels: int | None = None  # levels seen in under 1 % of rows (categorical)
    lengths: dict[str, Any] = field(default_factory=dict)
    datetime: dict[str, Any] = field(default_factory=dict)
    mode: ModeSummary | None = None  # most common value(s); modal bin for continuous data
    entropy: EntropySummary | None = None  # Shannon entropy of the level shares (categorical, discrete)
    facts: list[Explained] = field(default_factory=list)  # filled by explain: the table rows shown
    charts: list[Chart] = field(default_factory=list)
    summary: str = ""  # one-paragraph explanation of the column
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # reason when the column could not be profiled
    kind: str | None = None  # "year": whole numbers that are years, printed without thousands separators

    # The Report this column belongs to (set by Report), for its settings (the confidence level) in the card.
    # A plain attribute, not a field: it is not part of to_dict()/JSON, of equality or of the constructor.
    _report = None

    @property
    def missing_fraction(self) -> float:
        return self.missing / self.rows if self.rows else 0.0

    def _repr_html_(self) -> str:
        return present("column_html", self, self._report)

    def __repr__(self) -> str:
        from edakit.explain.words import fmt_num

        parts = [f"n={self.rows - self.missing:,}", f"missing={self.missing:,}"]
        d = self.numeric
        if d is not None and d.mean is not None:
            ci = f" [{fmt_num(d.mean_ci[0])}, {fmt_num(d.mean_ci[1])}]" if d.mean_ci else ""
            parts.append(f"mean={fmt_num(d.mean)}{ci}")
        elif self.datetime.get("min") is not None and self.datetime.get("max") is not None:
            parts.append(f"from {self.datetime['min']} to {self.datetime['max']}")
        elif self.top_values:
            top = self.top_values[0]
            parts += [f"distinct={self.distinct:,}", f"top={_short(top.value)} ({100 * top.proportion:.1f} %)"]
        if self.skipped:
            parts.append(f"skipped: {_short(self.skipped, 80)}")
        return f"<ColumnReport {self.name!r} {self.role}: {', '.join(parts)}>"


@dataclass
class Overview:
    rows: int
    columns: int
    missing_cells: int
    missing_fraction: float
    duplicate_rows: int | None
    memory_bytes: int | None
    file_size: int | None
    roles: dict[str, int]
    sample_size: int
    sampled: bool
    summary: str = ""


@dataclass
class Report(Document):
    """Everything one report says. Render with `to_html`, `to_json`, or display it in a notebook."""

    PRESENTER = "report_html"

    title: str
    created: str
    edakit_version: str
    source: SourceInfo
    overview: Overview
    columns: list[ColumnReport]
    alerts: list[Alert] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # filled by explain: the key findings, ranked
    sections: list[Section] = field(default_factory=list)  # correlations, group comparisons, ...
    # The typed results the sections are laid out from (named fields, the same numbers as the page's tables);
    # None when the analysis was not run. Each is a result class of `edakit.stats`.
    comparisons: ComparisonAnalysis | None = None  # --group: every column compared across the groups
    target: ComparisonAnalysis | None = None  # --target: every column analysed as a predictor of the target
    correlations: CorrelationAnalysis | None = None  # every measured pair of columns
    ab: ABResult | None = None  # `edakit ab`: the A/B test
    distributions: DistributionAnalysis | None = None  # distribution fits and bootstrap intervals per numeric column
    pca: PCAResult | None = None  # principal components of the numeric columns
    timeseries: TimeSeriesAnalysis | None = None  # numeric columns over the date/time column (trend, season, ACF)
    models: ModelAnalysis | None = None  # --target: a regression of the target on the other columns, and its curves
    notes: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)  # table-level charts (missing values, patterns)
    charts_omitted: int = 0  # columns left without charts by `max_charted_columns`
    chart_note: str = ""  # filled by explain: what was left out and how to get it
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        for col in self.columns:
            col._report = self

    @staticmethod
    def _field_types() -> dict[str, type]:
        """The result classes some fields name but this module imports only for type checkers: a report without a
        group, target, A/B test, model or date column never uses them, and importing them costs every run ~20 ms.
        `_json.type_hints` (reading JSON back) and the JSON schema resolve the fields' types with these."""
        from edakit.stats.ab_results import ABResult
        from edakit.stats.comparison_results import ComparisonAnalysis
        from edakit.stats.model_analysis import ModelAnalysis
        from edakit.stats.timeseries import TimeSeriesAnalysis

        return {
            "ABResult": ABResult,
            "ComparisonAnalysis": ComparisonAnalysis,
            "ModelAnalysis": ModelAnalysis,
            "TimeSeriesAnalysis": TimeSeriesAnalysis,
        }

    def column(self, name: str) -> ColumnReport:
        """The part of the report on column `name` (shows itself as a card in a notebook)."""
        for col in self.columns:
            if col.name == name:
                col._report = self
                return col
        from edakit.errors import EdakitError

        raise EdakitError(f"No column named {name!r}; columns are: {', '.join(c.name for c in self.columns)}.")

    def __repr__(self) -> str:
        o = self.overview
        return f"<edakit Report {self.title!r}: {o.rows:,} rows × {o.columns} columns, {len(self.alerts)} alerts>"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a Report from `to_dict()` output (for rendering elsewhere)."""
        return from_jsonable(cls, data)

    @classmethod
    def from_json(cls, text_or_path: str | Path) -> Report:
        text = str(text_or_path)
        if not text.lstrip().startswith("{"):
            text = Path(text_or_path).read_text(encoding="utf-8")
        return cls.from_dict(json.loads(text))


def _short(value: Any, width: int = 40) -> str:
    """`repr(value)` on one line, cut to `width` characters."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"
