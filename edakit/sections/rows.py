"""The data itself: the first rows and a seeded random sample of the others, each column headed by its role.

Placed first among the sections (right after the overview and the key findings), so readers see what the values
look like before any statistic. Long values are cut for the table (the full value is in the file); a table with
more than `MAX_COLUMNS` columns shows the first ones and says so.
"""

from __future__ import annotations

from typing import Any

from edakit.engine.rows import RowsPreview, preview_rows
from edakit.explain.words import fmt_num
from edakit.page import Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext

SECTION_ID = "data"
TITLE = "The data"
POSITION = "first"
HEAD = 5  # first rows shown
SAMPLE = 10  # rows drawn at random from the others
MAX_COLUMNS = 40
MAX_CHARS = 40  # a longer value is cut, with an ellipsis


def gather(ctx: AnalysisContext) -> RowsPreview:
    """The engine's two small queries (no scipy: run beside scipy.stats' import in a run that needs it)."""
    names = [c.name for c in ctx.schema.columns][:MAX_COLUMNS]
    return preview_rows(ctx.table.frame, names, int(ctx.summary.rows), HEAD, SAMPLE, int(ctx.config.seed))


def build(ctx: AnalysisContext, preview: RowsPreview | None = None) -> list[Section]:
    """The section: one table when the table is small enough to show whole, else the head and the sample."""
    preview = preview or gather(ctx)
    if not preview.head:
        return []
    roles = {c.name: c.role for c in ctx.columns}
    columns = [TableColumn("Row", "int", help="Position of the row in the table, counted from 1")]
    columns += [
        TableColumn(name, "text", help=f"{name}: {roles.get(name, '')}", tag=roles.get(name, ""))
        for name in preview.columns
    ]
    n = preview.rows
    blocks: list[Any] = []
    if preview.sample:
        summary = (
            f"The first {HEAD} of the {fmt_num(n)} rows, then {SAMPLE} rows drawn at random from the others "
            f"(seed {preview.seed}, so the same rows each time), each column headed by its role."
        )
        blocks.append(TableBlock(f"The first {HEAD} rows", columns, _shown(preview.head)))
        blocks.append(
            TableBlock(f"{SAMPLE} rows drawn at random (seed {preview.seed})", columns, _shown(preview.sample))
        )
    else:
        summary = f"All {fmt_num(n)} rows, each column headed by its role."
        blocks.append(TableBlock(f"All {fmt_num(n)} rows", columns, _shown(preview.head)))
    notes = []
    total = len(ctx.schema.columns)
    if total > len(preview.columns):
        notes.append(f"The first {len(preview.columns)} of the {fmt_num(total)} columns are shown.")
    return [Section(SECTION_ID, TITLE, summary=summary, blocks=blocks, notes=notes)]


def _shown(rows: list[list[Any]]) -> list[list[Any]]:
    """Cells as the table shows them: missing values stay None (shown as a dash), long text is cut."""
    return [[row[0], *(_cell(v) for v in row[1:])] for row in rows]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, bool)):
        return value
    text = str(value)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"
