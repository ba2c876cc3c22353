"""Analysis sections beyond the per-column profile, each built by its own module.

A builder module exposes `build(ctx: AnalysisContext) -> list[Section]`. Builders run after the profile; a
builder that fails becomes a note in the report instead of sinking it. Modules are listed in `BUILDERS`
(in report order) and imported on first use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from edakit.errors import EdakitError
from edakit.sections.blocks import Section

BUILDERS = ("ab", "comparisons", "correlations")


@dataclass
class AnalysisContext:
    """What a section builder may use: the loaded table, its schema and profile, the column reports."""

    table: Any  # edakit.loader.Table
    schema: Any  # edakit.schema.Schema
    summary: Any  # edakit.engine.profile.TableSummary
    columns: list[Any]  # edakit.model.ColumnReport
    config: Any  # edakit.config.ReportConfig


def build_sections(ctx: AnalysisContext) -> tuple[list[Section], list[str]]:
    """Run every builder; return the sections and notes about builders that could not run."""
    sections: list[Section] = []
    notes: list[str] = []
    for name in BUILDERS:
        try:
            module = importlib.import_module(f"edakit.sections.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"edakit.sections.{name}":
                continue
            raise
        try:
            sections += module.build(ctx)
        except EdakitError:
            raise  # a user error (e.g. unknown --group column) stops the report with its message
        except Exception as exc:  # one failing analysis never sinks the report
            notes.append(f"The {name} section could not be computed ({type(exc).__name__}: {exc}).")
    return sections, notes
