"""Analysis sections beyond the per-column profile, each built by its own module.

A builder module exposes `build(ctx: AnalysisContext) -> list[Section]`. Builders run after the profile; a
builder that fails becomes a note in the report instead of sinking it. Modules are listed in `BUILDERS`
(in report order) and imported on first use. A module may declare `POSITION`: "first" or "last" for all its
sections, or a mapping section id -> "first" | "last" (the guide puts "How to read" first and the glossary
last); sections keep the BUILDERS order otherwise.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from edakit.errors import EdakitError
from edakit.sections.blocks import Section

BUILDERS = ("guide", "ab", "comparisons", "correlations", "distributions", "pca")
_RANK = {"first": 0, "last": 2}


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
    placed: list[tuple[int, Section]] = []
    notes: list[str] = []
    for name in BUILDERS:
        try:
            module = importlib.import_module(f"edakit.sections.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"edakit.sections.{name}":
                continue
            raise
        try:
            placed += [(_rank(module, section), section) for section in module.build(ctx)]
        except EdakitError:
            raise  # a user error (e.g. unknown --group column) stops the report with its message
        except Exception as exc:  # one failing analysis never sinks the report
            notes.append(f"The {name} section could not be computed ({type(exc).__name__}: {exc}).")
    placed.sort(key=lambda rs: rs[0])  # stable: BUILDERS order within first, middle and last
    return [section for _, section in placed], notes


def _rank(module: Any, section: Section) -> int:
    """0 for a section placed first, 2 for last, 1 otherwise (from the module's optional `POSITION`)."""
    position = getattr(module, "POSITION", None)
    if isinstance(position, dict):
        position = position.get(section.id)
    return _RANK.get(position, 1) if isinstance(position, str) else 1
