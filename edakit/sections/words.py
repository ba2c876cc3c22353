"""Lay the explain stage's words into a Report: column tables and paragraphs, alert messages, the overview
summary and the chart captions, then cut them to the chosen explanation level.

The level comes from `report.settings["explain"]`: "full" (the default) keeps everything; "brief" keeps one
sentence per result (each paragraph, row note, summary, statistic's explanation and chart caption cut to its
first sentence), drops the methods and formula paragraphs of the sections (`Paragraph` tones "method" and
"formula") and the guide's teaching paragraphs: at least half the words of the full report.
"""

from __future__ import annotations

from edakit._format import years_format
from edakit.explain.charts import explain_chart, omitted_note
from edakit.explain.findings import key_findings
from edakit.explain.report import alert_message, explain_column, first_sentence, overview_summary
from edakit.explain.words import level_pct
from edakit.model import ColumnReport, Report
from edakit.page import ChartBlock, Paragraph, Section, TableBlock
from edakit.sections.guide import GUIDE_ID

BRIEF_DROPS = ("method", "formula")  # paragraph tones a brief report leaves out


def fill_words(report: Report, parts_done: bool = False) -> None:
    """Every explanation, message, summary and caption of `report`, at its explanation level; `parts_done`: the
    columns' words are written (`column_words`), and in a brief report the columns and sections cut (`brief_column`,
    `brief_sections`), already."""
    level = level_pct(report.settings.get("conf_level", 0.95))
    for col in [] if parts_done else report.columns:
        explain_column(col, level)
    for alert in report.alerts:
        reasons = {col.name: col.role_reason for col in report.columns}
        alert.message = alert_message(alert, report.overview.rows, reasons.get(alert.column or "", ""))
    report.overview.summary = overview_summary(report)
    report.findings = key_findings(report)
    for col in [] if parts_done else report.columns:
        _chart_words(col)
    for chart in report.charts:
        explain_chart(chart, None)
    report.chart_note = omitted_note(report.charts_omitted, report.settings.get("max_charted_columns"))
    if report.settings.get("explain", "full") == "brief":
        make_brief(report, parts_done)


def column_words(col: ColumnReport, conf_level: float) -> None:
    """One column's words (its summary, its statistics' explanations, its charts' captions) at the full level, as
    `fill_words` writes them: they read nothing but the column, so the pipeline may write them as soon as the
    column's charts are made (`pipeline.build_report(render_early=True)`)."""
    explain_column(col, level_pct(conf_level))
    _chart_words(col)


def _chart_words(col: ColumnReport) -> None:
    with years_format(col.kind == "year"):  # a year column's numbers: 2007, not 2,007
        for chart in col.charts:
            explain_chart(chart, col)


def make_brief(report: Report, parts_done: bool = False) -> None:
    """One sentence per result, statistic, row note and chart caption; no methods or formula paragraphs, and the
    guide's teaching paragraphs left to the full version (its summary stays). `parts_done`: the columns and the
    sections are cut already (`brief_column`, `brief_sections`)."""
    for col in [] if parts_done else report.columns:
        brief_column(col)
    for chart in report.charts:
        chart.caption = first_sentence(chart.caption)
    if not parts_done:
        report.sections = brief_sections(report.sections)


def brief_column(col: ColumnReport) -> None:
    """A column's words cut to one sentence each (its summary, statistics and chart captions). Nothing else of the
    report reads them, so the pipeline may cut them as soon as they are written (`render_early`)."""
    col.summary = first_sentence(col.summary)
    for fact in col.facts:
        fact.explanation = first_sentence(fact.explanation)
    for chart in col.charts:
        chart.caption = first_sentence(chart.caption)


def brief_sections(sections: list[Section]) -> list[Section]:
    """`sections` (in place) without methods and formulas, those with nothing left dropped, and the guide without
    its teaching paragraphs. The pipeline may cut a builder's sections as it returns them (`render_early`): the
    rest of the words read only the ids of the sections a finding links to, which have a summary and are never
    dropped."""
    sections = [s for s in (_brief_section(s) for s in sections) if s is not None]
    for section in sections:
        if section.id == GUIDE_ID:
            section.blocks, section.subsections = [], []
            section.notes.append(
                "This is the brief version: one sentence per statistic, without the methods paragraphs and "
                'formulas. Make the report with --explain full (explain="full" in Python) for them.'
            )
    return sections


def _brief_section(section: Section) -> Section | None:
    """The section without methods and formulas, or None when nothing is left of it."""
    blocks = []
    section.summary = first_sentence(section.summary)
    for block in section.blocks:
        if isinstance(block, Paragraph) and block.tone in BRIEF_DROPS:
            continue
        if isinstance(block, Paragraph):
            block.text = first_sentence(block.text)
        if isinstance(block, ChartBlock):
            block.caption = first_sentence(block.caption)
        if isinstance(block, TableBlock):
            block.row_notes = [first_sentence(note) for note in block.row_notes]
        blocks.append(block)
    dropped = len(blocks) < len(section.blocks)
    section.blocks = blocks
    section.subsections = [s for s in (_brief_section(s) for s in section.subsections) if s is not None]
    if dropped and not (section.blocks or section.subsections or section.summary or section.notes):
        return None
    return section
