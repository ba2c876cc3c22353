"""The templates compiled ahead of time (`edakit.render.precompiled`): up to date with the .j2 sources, exactly what
Jinja's compiler writes, used by the report, and never used once stale; autoescaping stays on through them."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from edakit._resources import resource_dir
from edakit.render import html, precompiled

TEMPLATES = resource_dir("templates")
COMPILED = TEMPLATES / precompiled.COMPILED


def _recorded() -> str:
    return (COMPILED / precompiled.FINGERPRINT).read_text(encoding="utf-8")


def test_compiled_templates_match_their_sources() -> None:
    recorded = _recorded().splitlines()
    current = precompiled.fingerprint(TEMPLATES, html.OPTIONS).splitlines()
    assert recorded[1] == current[1], "templates/_compiled is stale: run `python -m edakit.render.compile_templates`"


def test_compiled_modules_are_what_jinja_writes_and_the_report_reads_them(tmp_path: Path) -> None:
    recorded_jinja = _recorded().splitlines()[0]
    if recorded_jinja != f"jinja2 {jinja2.__version__}":  # compiled by another Jinja: the report compiles at run time
        assert isinstance(html.environment().loader, jinja2.FileSystemLoader)
        return
    precompiled.write(TEMPLATES, tmp_path, html.build_environment, html.OPTIONS)
    ours = sorted(p.name for p in COMPILED.iterdir() if p.is_file())
    assert ours == sorted(p.name for p in tmp_path.iterdir())
    for name in ours:
        assert (COMPILED / name).read_text(encoding="utf-8") == (tmp_path / name).read_text(encoding="utf-8"), name
    assert isinstance(html.environment().loader, jinja2.ModuleLoader)


def test_a_page_is_the_same_from_compiled_and_from_source_templates() -> None:
    import edakit

    report = edakit.report("penguins")
    compiled = html.environment()
    source = html.build_environment(jinja2.FileSystemLoader(str(TEMPLATES)))
    css = source.get_template("report.css").render()
    assert compiled.get_template("report.css").render() == css
    page = source.get_template("report.html.j2").render(report=report, css=css, fragment=False)
    assert compiled.get_template("report.html.j2").render(report=report, css=css, fragment=False) == page


def test_a_stale_folder_is_never_used_and_escaping_stays_on(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(TEMPLATES / "chart.html.j2", folder)
    (folder / "t.j2").write_text("{{ x }}", encoding="utf-8")
    precompiled.write(folder, folder / precompiled.COMPILED, html.build_environment, html.OPTIONS)
    env = html.build_environment(precompiled.loader(folder, html.OPTIONS))
    assert isinstance(env.loader, jinja2.ModuleLoader) and env.autoescape is True
    assert env.get_template("t.j2").render(x="<b>&") == "&lt;b&gt;&amp;"
    (folder / "t.j2").write_text("[{{ x }}]", encoding="utf-8")  # edited after compiling
    env = html.build_environment(precompiled.loader(folder, html.OPTIONS))
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    assert env.get_template("t.j2").render(x="<b>") == "[&lt;b&gt;]"
    options = {**html.OPTIONS, "autoescape": False}  # another option is another fingerprint, too
    assert precompiled.fingerprint(folder, options) != precompiled.fingerprint(folder, html.OPTIONS)


def test_the_report_environment_escapes() -> None:
    env = html.environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("report.html.j2").render()


#: A section table's row as `section.html.j2` wrote it cell by cell before `html.table_row`.
_ROW_TEMPLATE = (
    '<tr>{% for cell in row %}{% set fmt = columns[loop.index0].format %}{% if loop.first %}<th scope="row">'
    '{% else %}<td{% if fmt != "text" %} class="ek-num"{% endif %}{% if fmt in ("num", "p") and cell is number %}'
    ' title="{{ cell|exact }}"{% elif fmt == "pct" and cell is number %} title="{{ (100 * cell)|exact }} %"'
    '{% elif fmt in ("ci", "ci_pct") and cell and cell[0] is number and cell[1] is number %}'
    "{% set k = 100 if fmt == \"ci_pct\" else 1 %} title=\"{{ (k * cell[0])|exact }}{{ ' %' if k == 100 else '' }}"
    " to {{ (k * cell[1])|exact }}{{ ' %' if k == 100 else '' }}\"{% endif %}>{% endif %}{{ cell|cell(fmt) }}"
    "{% if loop.first %}</th>{% else %}</td>{% endif %}{% endfor %}</tr>"
)


@pytest.mark.parametrize(
    "row",
    [
        ["a<b & 'c'", 0.5, 0.03, 0.25, [1.5, 2.5], (0.1, 0.2, "one-sided upper"), 12, None],
        ["x", None, None, None, [], None, 3.0, "<i>y</i>"],
        [7, 1e-300, 2.2e-16, 1.0, ["n/a", 2.0], [0.5, None], float("nan"), 1.5],
        ["z", True, 1, -0.5, (3, 4), (0, 1), -2, 0.1],
    ],
)
def test_table_rows_are_what_the_template_wrote_cell_by_cell(row: list) -> None:
    from types import SimpleNamespace

    columns = [SimpleNamespace(format=f) for f in ("text", "num", "p", "pct", "ci", "ci_pct", "int", "text")]
    old = html.build_environment(jinja2.DictLoader({"row": _ROW_TEMPLATE})).get_template("row")
    assert str(html.table_row(row, columns)) == old.render(row=row, columns=columns)
    if row[0] == "a<b & 'c'":  # the data escaped, the interval's ends in its title
        assert str(html.table_row(row, columns)).startswith('<tr><th scope="row">a&lt;b &amp; &#39;c&#39;</th>')
        assert ' title="1.5 to 2.5">' in str(html.table_row(row, columns))
