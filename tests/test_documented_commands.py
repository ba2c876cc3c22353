"""Every `edakit ...` command the documentation shows runs, and its report draws every chart (issue 17).

The commands are collected from the fenced code blocks of README.md, datasets/README.md and docs/*.md, and from
the data cards' ready commands (`command` in datasets/*.toml). Each runs through the real CLI (in-process through
the typer app, which is the `edakit` command without the interpreter's start-up; `python -m edakit ...` runs as a
subprocess) in a fresh working directory, so relative outputs (`-o out.html`, `reports/NAME.html`) land there.
Placeholder files in the documentation (`data.csv`, `big.csv`, `big.parquet`, `huge.csv`, `data.tsv`, `book.xlsx`,
`zoo.duckdb`) are small real files written for the test; any other file name fails the collection test, so a new
placeholder cannot slip by.

A written report fails when a chart fell back to its "could not be drawn" (or "could not be prepared") note,
when an SVG chart has no drawn mark or a non-finite coordinate, or when a section or analysis "could not be
computed" because of an exception rather than the data.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

import edakit
from edakit.cli import app
from edakit.page import ChartBlock, Section
from edakit.render.charts import DRAWERS, render_chart, render_chart_block
from tests.conftest import DATASETS, ROOT, run_cli

DOC_FILES = [ROOT / "README.md", DATASETS / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CARDS = sorted(DATASETS.glob("*.toml"))
BUNDLED = {p.stem.lower() for p in DATASETS.glob("*.csv")}
RENDERING = {"report", "ab", "compare"}  # subcommands that write an HTML report; the others only need exit code 0

# --------------------------------------------------------------------------------------------- placeholders


def _small_table(n: int = 240) -> list[list[str]]:
    """A deterministic mixed table: numeric (with gaps), integer, category, yes/no, date, and free text."""
    rows = []
    for i in range(n):
        rows.append(
            [
                str(i + 1),
                "" if i % 17 == 5 else f"{50 + (i * 37 % 101) / 3:.2f}",
                str(i * 7 % 23),
                ("north", "south", "east", "west")[i * 5 % 4 if i % 3 else i % 4],
                "yes" if i * 11 % 7 < 3 else "no",
                f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                ("café au lait", "thé", "crème brûlée", "naïve")[i % 4],
            ]
        )
    return rows


HEADER = ["id", "score", "visits", "region", "member", "joined", "favourite"]


def _write_csv(path: Path, rows: int) -> None:
    lines = [",".join(HEADER), *(",".join(r) for r in _small_table(rows))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_tsv_cp1252_no_header(path: Path) -> None:
    """The README's `data.tsv --encoding cp1252 --delimiter tab --no-header` case: a tab-separated cp1252 file."""
    path.write_bytes(("\n".join("\t".join(r) for r in _small_table(120)) + "\n").encode("cp1252"))


def _write_workbook(path: Path) -> None:
    """The README's `book.xlsx --sheet scores`: a title sheet first, then the small table (numbers as numbers)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "about"
    book.active.append(["A small table for the README's workbook command"])
    sheet = book.create_sheet("scores")
    sheet.append(HEADER)
    for row in _small_table(240):
        sheet.append([float(v) if v.replace(".", "", 1).isdigit() else (v or None) for v in row])
    book.save(path)


def _write_duckdb(path: Path) -> None:
    """The README's `zoo.duckdb --sql ...`: the bundled penguins as a table of a DuckDB file."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE penguins AS SELECT * FROM read_csv(?)", [str(DATASETS / "penguins.csv")])
    con.close()


def _write_parquet(path: Path) -> None:
    """The README's `big.parquet --engine duckdb`: the small table (numbers as numbers) as a Parquet file."""
    import polars as pl

    csv = path.with_suffix(".csv")
    _write_csv(csv, 3000)
    pl.read_csv(csv).write_parquet(path)
    csv.unlink()


PLACEHOLDERS = {
    "data.csv": lambda p: _write_csv(p, 240),
    "book.xlsx": _write_workbook,
    "zoo.duckdb": _write_duckdb,
    "big.csv": lambda p: _write_csv(p, 3000),
    "big.parquet": _write_parquet,  # `--engine duckdb`: DuckDB reads the Parquet file and runs every query
    "huge.csv": lambda p: _write_csv(p, 3000),  # `--stream` forces the Parquet path whatever the size
    "data.tsv": _write_tsv_cp1252_no_header,
}

# --------------------------------------------------------------------------------------------- collection


@dataclass
class Documented:
    args: tuple[str, ...]  # the arguments after `edakit`
    module: bool  # written as `python -m edakit ...`
    sources: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return ("python -m edakit " if self.module else "edakit ") + shlex.join(self.args)


def _fenced_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


def _commands_in(line: str) -> list[tuple[tuple[str, ...], bool]]:
    """The edakit commands on one shell line: `&&`-chains split, comments stripped, other programs ignored."""
    found = []
    for part in line.split("&&"):
        try:
            tokens = shlex.split(part, comments=True)
        except ValueError:  # not shell (an unbalanced quote in prose or Python)
            continue
        if tokens[:1] == ["edakit"]:
            found.append((tuple(tokens[1:]), False))
        elif tokens[:3] == ["python", "-m", "edakit"]:
            found.append((tuple(tokens[3:]), True))
    return found


def documented_commands() -> list[Documented]:
    found: dict[tuple[tuple[str, ...], bool], Documented] = {}

    def add(args: tuple[str, ...], module: bool, where: str) -> None:
        found.setdefault((args, module), Documented(args, module)).sources.append(where)

    for doc in DOC_FILES:
        for line in _fenced_lines(doc.read_text(encoding="utf-8")):
            for args, module in _commands_in(line):
                add(args, module, doc.relative_to(ROOT).as_posix())
    for card in CARDS:
        command = tomllib.loads(card.read_text(encoding="utf-8"))["command"]
        for args, module in _commands_in(command):
            add(args, module, f"{card.relative_to(ROOT).as_posix()} (command)")
    return list(found.values())


COMMANDS = documented_commands()


def _source_of(args: tuple[str, ...]) -> str | None:
    return args[1] if len(args) > 1 and args[0] in RENDERING else None


def _sources_of(args: tuple[str, ...]) -> list[str]:
    """Every table a command reads: its source, and for `compare` the second table when one is given."""
    first = _source_of(args)
    second = args[2] if first and args[0] == "compare" and len(args) > 2 and not args[2].startswith("-") else None
    return [s for s in (first, second) if s]


# Documented commands that fail for a reason outside the charts, reported rather than fixed here. Empty now.
KNOWN_FAILURES: dict[str, str] = {}


def _param(c: Documented) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[c.text])] if c.text in KNOWN_FAILURES else []
    return pytest.param(c, id=c.text, marks=marks)


def test_the_documentation_shows_commands_on_every_bundled_dataset_card() -> None:
    texts = {c.text for c in COMMANDS}
    assert "edakit ab licorice --group treatment --metric sore_throat_4h --control sugar" in texts
    assert "python -m edakit report penguins" in texts and "edakit datasets" in texts
    assert len(CARDS) == 14  # chickweight joined the thirteen
    card_sources = {_source_of(c.args) for c in COMMANDS if any(s.endswith("(command)") for s in c.sources)}
    assert card_sources == {p.stem for p in CARDS}
    for c in COMMANDS:  # every file a command reads is a bundled dataset or a placeholder the test writes
        for source in _sources_of(c.args):
            assert source.lower() in BUNDLED or source in PLACEHOLDERS, (
                f"{c.text} ({', '.join(c.sources)}) reads {source!r}: add it to PLACEHOLDERS"
            )


# --------------------------------------------------------------------------------------------- checks

FALLBACKS = (
    "could not be drawn",  # render.charts: the drawer raised
    "could not be prepared",  # stats.chartdata: building the chart's data raised
    "No drawing for charts of kind",  # a kind without a drawer
    "section could not be computed",  # sections: a whole section raised
)
# "... could not be computed (SomeError: ...)": an analysis skipped because code raised, not because of the data
CRASHED = re.compile(r"could not be computed \((?:[A-Z]\w*\.)*[A-Z]\w*(?:Error|Exception)\b[^)]*\)")
SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
MARK = r"(?:path|rect|line|polyline|polygon|circle|ellipse|use)"
PLOT_BODY = re.compile(r'<g clip-path="url\(#[^"]+\)">(.*?)</g>', re.S)  # render.svgplot: the plot's shapes
ANY_MARK = re.compile(rf"<{MARK}\b")
# coordinates are numbers and path commands (no n, i or f among them), so "nan" / "inf" can only be a bad number
NON_FINITE = re.compile(r'\b(?:d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points|transform)="[^"]*(?:nan|inf)', re.I)


def _title(svg: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
    return (m.group(1) if m else svg[:120])[:120]


def svg_problems(svg: str) -> list[str]:
    """An empty chart (no drawn mark in the plotting area) or a mark at a non-finite coordinate."""
    problems = []
    bodies = PLOT_BODY.findall(svg)
    if not any(ANY_MARK.search(b) for b in bodies):
        problems.append(f"empty chart: {_title(svg)}")
    if NON_FINITE.search(svg):
        problems.append(f"non-finite coordinate in: {_title(svg)}")
    return problems


def page_problems(html: str) -> list[str]:
    problems = []
    for phrase in FALLBACKS:
        for m in re.finditer(re.escape(phrase), html):
            problems.append(f"{phrase!r}: …{html[max(0, m.start() - 150) : m.end() + 150]}…")
    problems += [f"crashed analysis: {m.group(0)}" for m in CRASHED.finditer(html)]
    svgs = SVG.findall(html)
    for svg in svgs:
        problems += svg_problems(svg)
    if not svgs:
        problems.append("the report has no chart at all")
    return problems


def _drawn(kind: str, data: dict[str, Any]) -> str:
    return str(render_chart(SimpleNamespace(kind=kind, data=data, alt=kind, title=kind, note=None)))


def test_the_checks_catch_a_failed_an_empty_and_a_non_finite_chart() -> None:
    good = _drawn("histogram", {"edges": [0, 1, 2], "counts": [3, 4]})
    assert page_problems(good) == []
    broken = _drawn("group_means", {"labels": ["a"], "means": [1.0], "ci": [[0, 2]]})  # the bug of issue 17
    assert "could not be drawn (KeyError" in broken and page_problems(broken)
    no_box = dict.fromkeys(("q25", "median", "q75", "whisker_low", "whisker_high"))
    empty = _drawn("group_box", {"labels": ["a"], "stats": [no_box]})  # axes and labels, but nothing drawn
    assert "<svg" in empty and [p for p in page_problems(empty) if p.startswith("empty chart")]
    assert [p for p in page_problems(good.replace('d="M', 'd="Mnan,')) if "non-finite" in p]
    assert page_problems("<p>The correlations section could not be computed (ValueError: x).</p>" + good)
    assert page_problems("<p>r could not be computed (ZeroDivisionError: division by zero)</p>" + good)
    assert page_problems("<p>Only 3 value(s): too few for a box plot.</p>" + good) == []  # explained by the data


# --------------------------------------------------------------------------------------------- running


def _prepare(c: Documented, where: Path) -> list[str]:
    args = list(c.args)
    for source in _sources_of(c.args):
        if source in PLACEHOLDERS:
            PLACEHOLDERS[source](where / source)
    return args


def _run(c: Documented, where: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    args = _prepare(c, where)
    if c.module:  # the one spelling that is about the interpreter: run it as a user would
        done = run_cli(*args, cwd=where)
        return done.returncode, done.stdout + done.stderr
    monkeypatch.chdir(where)
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        output += "".join(traceback.format_exception(result.exception))
    return result.exit_code, output


@pytest.mark.parametrize("command", [_param(c) for c in COMMANDS])
def test_documented_command_renders_every_chart(
    command: Documented, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "work"
    where.mkdir()
    code, output = _run(command, where, monkeypatch)
    assert code == 0, f"{command.text} (from {', '.join(command.sources)}) exited {code}:\n{output[-3000:]}"
    if command.args[0] not in RENDERING:
        assert output.strip(), f"{command.text} printed nothing"
        return
    pages = sorted(where.rglob("*.html"))
    assert len(pages) == 1, f"{command.text} wrote {pages}"
    if "--json" in command.args:
        json.loads((where / command.args[command.args.index("--json") + 1]).read_text(encoding="utf-8"))
    problems = page_problems(pages[0].read_text(encoding="utf-8"))
    assert not problems, f"{command.text} (from {', '.join(command.sources)}):\n" + "\n".join(problems)


# --------------------------------------------------------------------------------------------- unit: every kind


def _blocks(sections: list[Section]) -> list[ChartBlock]:
    out = []
    for s in sections:
        out += [b for b in s.blocks if isinstance(b, ChartBlock)]
        out += _blocks(s.subsections)
    return out


REPORTS = {
    "licorice A/B": lambda: edakit.report(
        "licorice",
        group="treatment",
        metrics=["sore_throat_4h"],
        control="sugar",
        correlations=False,
        comparisons=False,
    ),
    "penguins --group species": lambda: edakit.report("penguins", group="species"),
}
MUST_DRAW = {  # kinds these two reports are known to emit (the test fails if one goes missing unnoticed)
    "licorice A/B": {"group_means_ci", "histogram", "box", "qq", "bars", "missing", "missing_patterns"},
    "penguins --group species": {
        *("group_means_ci", "group_box", "bars", "correlation_heatmap", "scatter", "pair_matrix"),
        *("histogram", "box", "qq", "missing", "missing_patterns"),
    },
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_chart_kind_the_sections_emit_draws_without_the_fallback(name: str) -> None:
    rep = REPORTS[name]()
    drawn: dict[str, int] = {}
    problems = []
    for block in _blocks(rep.sections):
        html = str(render_chart_block(block))
        if "<svg" not in html or "ek-chart-note" in html:
            problems.append(f"section chart {block.kind}: {html[:300]}")
        problems += [f"section chart {block.kind}: {p}" for p in svg_problems(html)] if "<svg" in html else []
        drawn[block.kind] = drawn.get(block.kind, 0) + 1
    charts = [*rep.charts, *(ch for col in rep.columns for ch in col.charts)]
    for chart in charts:
        assert chart.kind in DRAWERS, f"no drawer for {chart.kind}"
        if chart.note:  # a chart the data do not allow, said in words ("Only 3 value(s) ..."): not a failure
            assert not any(f in chart.note for f in FALLBACKS), chart.note
            continue
        html = str(render_chart(chart))
        if "<svg" not in html:
            problems.append(f"column chart {chart.kind} ({chart.title}): {html[:300]}")
        else:
            problems += [f"column chart {chart.kind}: {p}" for p in svg_problems(html)]
        drawn[chart.kind] = drawn.get(chart.kind, 0) + 1
    assert not problems, "\n".join(problems)
    assert MUST_DRAW[name] <= set(drawn), f"{name}: drew {sorted(drawn)}, expected at least {sorted(MUST_DRAW[name])}"
