"""The page model: the blocks analysis sections are laid out in (paragraphs, tables of raw numbers, chart specs).

Sections beyond the per-column profile (correlations, group comparisons, A/B tests, ...) are assembled from
these plain dataclasses, so one generic template renders them all and JSON keeps the numbers. A table cell
holds a raw value; its column's `format` tells the renderer how to show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How a column's cells are shown: text as is; num with significant digits; int with separators; pct as a
# percentage of a fraction; p as a p-value; ci and ci_pct as an interval [low, high].
FORMATS = ("text", "num", "int", "pct", "p", "ci", "ci_pct")


@dataclass
class Paragraph:
    text: str
    tone: str = "explain"  # explain, note, warning, method, formula (a brief report drops method and formula)
    fold: bool = False  # shown one click away, with the section's methods (a <details>, open in print)
    type: str = "paragraph"


@dataclass
class TableColumn:
    name: str
    format: str = "num"
    help: str = ""  # tooltip: what the column means
    tag: str = ""  # a short label under the name (the data's own columns: their role)


@dataclass
class TableBlock:
    caption: str
    columns: list[TableColumn]
    rows: list[list[Any]]
    row_notes: list[str] = field(default_factory=list)  # optional sentence per row, shown under the table
    fold: bool = False  # shown one click away (reference tables: fitted families, parameters, loadings)
    type: str = "table"


@dataclass
class ChartBlock:
    """A chart to draw at render time from its inputs (`kind` names a function in edakit.render.charts)."""

    kind: str
    data: dict[str, Any]
    caption: str
    alt: str
    fold: bool = False  # shown one click away (supporting charts: bootstrap distributions)
    type: str = "chart"


Block = Paragraph | TableBlock | ChartBlock


@dataclass
class Section:
    """One titled part of the report, e.g. "Correlations" or "Comparison across species"."""

    id: str
    title: str
    summary: str = ""
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fold: bool = False  # reference sections (how to read, glossary): the summary shown, the rest one click away
