"""edakit: exploratory data analysis reports with intervals on every estimate and words for every result.

    >>> import edakit
    >>> rep = edakit.report("penguins")
    >>> rep.overview.rows
    344

Heavy libraries (polars, scipy, statsmodels) are imported on first use, so `import edakit` is quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edakit import _present
from edakit._version import __version__
from edakit.errors import EdakitError

__all__ = [
    "DatasetComparison",
    "EdakitError",
    "Report",
    "ReportConfig",
    "__version__",
    "ab",
    "compare",
    "datasets",
    "load",
    "report",
    "stats",
]

if TYPE_CHECKING:
    from edakit.config import ReportConfig
    from edakit.loader import Table
    from edakit.model import Report
    from edakit.stats.shift_results import DatasetComparison


def report(source: Any, config: ReportConfig | None = None, **options: Any) -> Report:
    """Profile `source` (a CSV/Parquet path, a bundled dataset name, or a DataFrame) into a Report.

    Every number of the page is in the Report: `rep.column(name)` for a column's card, and the typed results
    `rep.comparisons` (with `group=`), `rep.target` and `rep.models` (with `target=`: the regression of the
    target on the other columns), `rep.correlations`, `rep.ab` (with `metrics=`), `rep.distributions`, `rep.pca`
    and `rep.timeseries`; `rep.to_html()`, `rep.to_json()`.

    Options are keywords (or a `ReportConfig` as `config`, which keywords override), by group:

    OPTIONS

    >>> rep = report("sleep", title="Student's sleep data")
    >>> rep.overview.rows, rep.column("extra").numeric.n
    (20, 20)
    """
    from edakit.config import ReportConfig
    from edakit.pipeline import build_report

    return build_report(source, ReportConfig.from_options(config, **options))


def _document_options() -> None:
    """Put every option with its help into `report`'s docstring, from ReportConfig, so `help` cannot drift."""
    from edakit.config import ReportConfig

    lines = ReportConfig.options_help().splitlines()
    report.__doc__ = (report.__doc__ or "").replace("OPTIONS", "\n    ".join(lines))


_document_options()


def load(source: Any, **options: Any) -> Table:
    """Load a path, bundled dataset name or DataFrame into an edakit Table, as a report reads it (options: see
    `edakit.loader.load`: encoding, delimiter, header, na_values, stream, sheet, table, sql, engine). The Table's repr
    says rows, columns, format, dialect and encoding; `to_polars()` / `to_pandas()` give the rows, and
    `source.notes` what the loader decided.

    >>> load("mtcars").source.delimiter
    ','
    >>> load("mtcars").to_polars().shape
    (32, 12)
    """
    from edakit.loader import load as _load

    return _load(source, **options)


def compare(
    a: Any,
    b: Any = None,
    *,
    by: str | None = None,
    values: tuple[str, str] | list[str] | None = None,
    names: tuple[str, str] | list[str] | None = None,
    psi_threshold: float = 0.25,
    smd_threshold: float = 0.2,
    v_threshold: float = 0.1,
    missing_threshold: float = 0.05,
    **options: Any,
) -> DatasetComparison:
    """Compare table `b` with table `a` (the reference), or the two subsets of `a` that column `by` defines.

    `a` and `b` are paths, bundled dataset names or DataFrames (pandas, polars, DuckDB, ... through narwhals).
    Every column both share is compared on all rows: missing share, and for numeric columns the mean (Welch),
    Cohen's d, SD ratio, quantiles, Kolmogorov-Smirnov, Wasserstein and PSI; for categorical ones the level shares
    (Wilson), new and vanished levels, chi-square with Cramér's V, Jensen-Shannon and PSI. `names`: the two tables'
    labels; `values`: the two values of `by` to compare (default: its only two). A column counts as shifted when
    one measure reaches its threshold (`result.passed`). `options`: loading and analysis options of `report`
    (`conf_level`, `p_adjust`, `title`, `encoding`, ...). The result has `to_html`, `to_json` and a notebook view.

    >>> c = compare("penguins", by="sex")
    >>> c.name_a, c.name_b, c.ranking[0].column
    ('female', 'male', 'bill_depth_mm')
    """
    from edakit.config import ReportConfig
    from edakit.pipeline import run_compare
    from edakit.stats.shift_results import ShiftThresholds

    config = ReportConfig.from_options(None, **options)
    thresholds = ShiftThresholds(psi_threshold, smd_threshold, v_threshold, missing_threshold)
    pair = _pair(names, "names")
    return run_compare(a, b, config, names=pair, by=by, values=_pair(values, "values"), thresholds=thresholds)


def _pair(items: Any, what: str) -> tuple[str, str] | None:
    if items is None:
        return None
    if isinstance(items, str) or len(items) != 2:
        raise EdakitError(f"{what} takes two labels, e.g. ('train', 'test'); got {items!r}.")
    return (str(items[0]), str(items[1]))


def __dir__() -> list[str]:
    """The public API only (tab completion in a notebook lists what a user can call)."""
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    import importlib

    if name in ("stats", "datasets"):
        return importlib.import_module(f"edakit.{name}")
    if name == "ab":
        from edakit.abtest import ab

        return ab
    if name == "Report":
        from edakit.model import Report

        return Report
    if name in ("DatasetComparison", "Comparison"):
        from edakit.stats.shift_results import DatasetComparison

        return DatasetComparison
    if name == "ReportConfig":
        from edakit.config import ReportConfig

        return ReportConfig
    raise AttributeError(f"module 'edakit' has no attribute {name!r}")


def _presenters() -> dict[str, Any]:
    """The later stages' presenters, each imported on first use (see edakit._present)."""

    def explanation(result: Any) -> str:
        from edakit.explain import explain

        return explain(result)

    def result_text(result: Any) -> str:
        from edakit.render.text import result_text

        return result_text(result)

    def result_html(result: Any) -> str:
        from edakit.render.notebook import result_html

        return result_html(result)

    def column_html(column: Any, report: Any = None) -> str:
        from edakit.render.notebook import column_html

        return column_html(column, report)

    def ab_html(result: Any) -> str:
        """An A/B result in a notebook: its report section (laid out by sections.ab) with the report's style."""
        from edakit.render.html import environment
        from edakit.sections.ab import section_of

        env = environment()
        css = env.get_template("report.css").render()
        body = env.get_template("section.html.j2").render(section=section_of(result), level=2)
        return f'<div class="edakit"><style>{css}</style>{body}</div>'

    def report_html(report: Any, fragment: bool = False) -> str:
        from edakit.render.html import render_report

        return render_report(report, fragment=fragment)

    def comparison_html(comparison: Any, fragment: bool = False) -> str:
        from edakit.render.html import render_comparison

        return render_comparison(comparison, fragment=fragment)

    def chart_svg(chart: Any) -> str:
        from edakit.render.charts import render_chart

        return render_chart(chart)

    return locals()


_present.register(**_presenters())
