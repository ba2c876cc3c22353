"""edakit: exploratory data analysis reports with intervals on every estimate and words for every result.

    >>> import edakit
    >>> rep = edakit.report("penguins")
    >>> rep.overview.rows
    344

Heavy libraries (polars, scipy, matplotlib) are imported on first use, so `import edakit` is quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edakit.errors import EdakitError

__version__ = "0.1.0"
__all__ = ["EdakitError", "Report", "ReportConfig", "ab", "datasets", "load", "report", "stats"]

if TYPE_CHECKING:
    from edakit.config import ReportConfig
    from edakit.loader import Table
    from edakit.model import Report


def report(source: Any, config: ReportConfig | None = None, **options: Any) -> Report:
    """Profile `source` (a CSV/Parquet path, a bundled dataset name, or a DataFrame) into a Report.

    Options are the fields of `edakit.ReportConfig` (title, sample_size, seed, conf_level, columns, group, ...).

    >>> rep = report("sleep", title="Student's sleep data")
    >>> rep.overview.rows, rep.column("extra").numeric.n
    (20, 20)
    """
    from edakit.config import ReportConfig
    from edakit.pipeline import build_report

    return build_report(source, ReportConfig.from_options(config, **options))


def load(source: Any, **options: Any) -> Table:
    """Load a path, bundled dataset name or DataFrame into an edakit Table (see `edakit.loader.load`).

    >>> load("mtcars").source.delimiter
    ','
    """
    from edakit.loader import load as _load

    return _load(source, **options)


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
