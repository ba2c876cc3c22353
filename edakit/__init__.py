"""edakit: exploratory data analysis reports with intervals on every estimate and words for every result.

    >>> import edakit
    >>> rep = edakit.report("penguins")
    >>> rep.overview.rows
    344

Heavy libraries (polars, scipy, matplotlib) are imported on first use, so `import edakit` is quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edakit import _present
from edakit._version import __version__
from edakit.errors import EdakitError

__all__ = ["EdakitError", "Report", "ReportConfig", "__version__", "ab", "datasets", "load", "report", "stats"]

if TYPE_CHECKING:
    from edakit.config import ReportConfig
    from edakit.loader import Table
    from edakit.model import Report


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
    `edakit.loader.load`: encoding, delimiter, header, na_values, stream, sheet, table, sql). The Table's repr
    says rows, columns, format, dialect and encoding; `to_polars()` / `to_pandas()` give the rows, and
    `source.notes` what the loader decided.

    >>> load("mtcars").source.delimiter
    ','
    >>> load("mtcars").to_polars().shape
    (32, 12)
    """
    from edakit.loader import load as _load

    return _load(source, **options)


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

    def chart_svg(chart: Any) -> str:
        from edakit.render.charts import render_chart

        return render_chart(chart)

    return locals()


_present.register(**_presenters())
