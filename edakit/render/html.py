"""HTML rendering over Jinja2 (autoescape on). Templates only lay out; number formatting lives here."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from numbers import Number
from typing import Any

from edakit._format import in_years_format, years_format
from edakit._resources import resource_dir
from edakit.explain.words import fmt_num, fmt_p

#: The environment's options, also part of the fingerprint of the compiled templates (`render.precompiled`).
OPTIONS: dict[str, Any] = {
    "autoescape": True,  # every string from the data is escaped, in all templates
    "undefined": "strict",  # jinja2.StrictUndefined (named here so that importing this module needs no Jinja)
    "trim_blocks": True,
    "lstrip_blocks": True,
}


@lru_cache(maxsize=1)
def environment() -> Any:
    """The one Jinja environment, reading the templates compiled ahead of time when they are up to date."""
    from edakit.render.precompiled import loader

    folder = resource_dir("templates")
    return build_environment(loader(folder, OPTIONS))


def build_environment(loader: Any) -> Any:
    """A Jinja environment with the report's options and filters around `loader`."""
    import jinja2

    options = {**OPTIONS, "undefined": jinja2.StrictUndefined}
    env = jinja2.Environment(loader=loader, **options)
    env.filters.update(
        num=format_number,
        exact=exact_number,
        pct=format_percent,
        pvalue=format_p,
        ci=format_interval,
        bytes=format_bytes,
        slug=slugify,
        cell=format_cell,
        table_row=table_row,
        chart=render_chart_block,
        glossary_links=glossary_links,
    )
    return env


def prepare() -> None:
    """Import and load what `render_report` uses (Jinja2, the compiled templates, the chart drawers, the glossary's
    pattern: 0.04 CPU-s), for a caller with a core to spare now: the command line, beside polars' read, instead of
    at the end of the run, when nothing else is left to run beside the page."""
    import edakit.render.charts  # noqa: F401

    for name in ("report.html.j2", "report.css"):
        environment().get_template(name)
    _glossary_pattern()


def render_report(report: Any, fragment: bool = False) -> str:
    """The full page, or (`fragment=True`) a scoped block for a notebook cell, its ids prefixed so that several
    reports on one notebook page keep their links apart."""
    template = environment().get_template("report.html.j2")
    css = environment().get_template("report.css").render()
    html = template.render(report=report, css=css, fragment=fragment, ready=_ready_fragments(report))
    if not fragment:
        return html
    import hashlib

    key = f"{report.title}|{report.created}|{report.overview.rows}|{[c.name for c in report.columns]}"
    return scope_ids(html, "r" + hashlib.blake2s(key.encode(), digest_size=4).hexdigest() + "-")


def render_section(section: Any, settings: dict[str, Any]) -> str:
    """One analysis section's fragment, as the page includes it (`report.html.j2`), `settings` being the report's
    (the section template reads its explanation level): `Ready`."""
    template = environment().get_template("section.html.j2")
    return template.render(section=section, level=2, report={"settings": settings})


def render_card(col: Any, col_id: str, settings: dict[str, Any]) -> str:
    """One column's card as the page includes it, `settings` being the report's (`Ready`)."""
    return environment().get_template("column.html.j2").render(col=col, col_id=col_id, report={"settings": settings})


def _ready_fragments(report: Any) -> Any:
    """The page template's `ready(obj, key)`: the fragment made early for `obj` (`_document.Ready`), as markup, or
    None."""
    from markupsafe import Markup

    ready = getattr(report, "_ready", None)

    def fragment(obj: Any, key: str = "") -> Markup | None:
        html = ready.html(obj, key) if ready is not None else None
        return None if html is None else Markup(html)

    return fragment


_ID_ATTRS = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
_LOCAL_REFS = re.compile(r'(href="#|url\(#)([^")]+)')


def scope_ids(html: str, prefix: str) -> str:
    """Prefix every id in `html` and every reference to one (href="#…", url(#…), for=, aria-*): data is escaped
    before it reaches the markup, so these patterns only ever match the template's own attributes."""
    html = _ID_ATTRS.sub(lambda m: f'{m.group(1)}="{" ".join(prefix + v for v in m.group(2).split())}"', html)
    return _LOCAL_REFS.sub(lambda m: m.group(1) + prefix + m.group(2), html)


def format_number(value: Any, digits: int = 4, years: bool = False) -> str:
    """Numbers for people in tables: like sentences, with a dash for missing and symbols for infinity; `years`:
    a year column's numbers, without thousands separators (`years_format`)."""
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if years == in_years_format():  # already so (a table's every cell): no context to enter
        return fmt_num(value, digits, missing="—")
    with years_format(years):
        return fmt_num(value, digits, missing="—")


def format_cell(value: Any, fmt: str) -> str:
    """A table cell of a section, shown according to its column's format (see edakit.page.FORMATS)."""
    if value is None:
        return "—"
    if fmt == "int":
        return format_number(int(value)) if isinstance(value, (int, float)) and math.isfinite(value) else str(value)
    if fmt == "num":
        return format_number(value)
    if fmt == "pct":
        return format_percent(value)
    if fmt == "p":
        return format_p(value)
    if fmt in ("ci", "ci_pct"):
        if not value:
            return "—"
        text = format_interval(tuple(value[:2]), percent=fmt == "ci_pct")
        # a third entry names a one-sided interval [0, U] (an estimate at its boundary 0; edakit.stats.ncp)
        return f"{text} ({value[2].split()[0]})" if len(value) > 2 and value[2] else text
    return str(value)


def table_row(row: Sequence[Any], columns: Sequence[Any]) -> Any:
    """A section table's row as markup: its first cell the row's header, each other a data cell with its column's
    class and, for a number, its full precision in a `title` (`exact`); every cell shown by `format_cell`, escaped.
    Written here, not cell by cell in `section.html.j2`: a report's tables hold thousands of cells."""
    from markupsafe import Markup, escape

    parts = ["<tr>"]
    for index, cell in enumerate(row):
        fmt = columns[index].format
        if index == 0:
            parts.append('<th scope="row">')
        else:
            parts.append('<td class="ek-num"' if fmt != "text" else "<td")
            if fmt in ("num", "p") and isinstance(cell, Number):
                parts.append(f' title="{escape(exact_number(cell))}"')
            elif fmt == "pct" and isinstance(cell, Number):
                parts.append(f' title="{escape(exact_number(100 * cell))} %"')
            elif fmt in ("ci", "ci_pct") and cell and all(isinstance(_item(cell, i), Number) for i in (0, 1)):
                k, unit = (100, " %") if fmt == "ci_pct" else (1, "")
                low, high = escape(exact_number(k * cell[0])), escape(exact_number(k * cell[1]))
                parts.append(f' title="{low}{unit} to {high}{unit}"')
            parts.append(">")
        parts.append(escape(format_cell(cell, fmt)))
        parts.append("</th>" if index == 0 else "</td>")
    parts.append("</tr>")
    return Markup("".join(parts))


def _item(value: Any, index: int) -> Any:
    """`value[index]`, or None where the template's `value[index]` is undefined (not a sequence, too short)."""
    try:
        return value[index]
    except (TypeError, LookupError):
        return None


def render_chart_block(block: Any, show_alt: bool = True) -> Any:
    """A section's chart drawn now from its inputs, as inline markup (figure with caption and alt text)."""
    from markupsafe import Markup

    from edakit.render.charts import render_chart_block as draw

    return Markup(draw(block, show_alt))


def glossary_links(text: Any, skip: str | None = None) -> Any:
    """Escape `text`, then link the first mention of each glossary term to its entry (`#glossary-KEY`).

    Escaping comes first and the links are found in the escaped text, so data can never become markup:
    only our own `<a>` tags are added. Text that is already Markup keeps its tags, and nothing inside a
    tag or an existing link is touched. `skip` (a section id such as "glossary-p-value") leaves that
    entry's own term unlinked inside it.

    >>> str(glossary_links("A p-value < 0.05 and another p-value"))
    'A <a href="#glossary-p-value" class="ek-term">p-value</a> &lt; 0.05 and another p-value'
    """
    from markupsafe import Markup, escape

    escaped = str(escape("" if text is None else text))
    pattern, lookup = _glossary_pattern()
    done = {skip.removeprefix("glossary-")} if skip and skip.startswith("glossary-") else set()

    def link(match: re.Match[str]) -> str:
        word = match.group("term")
        if word is None:  # a tag or an existing link: leave it as it is
            return match.group(0)
        key = lookup(word)
        if key is None or key in done:
            return word
        done.add(key)
        return f'<a href="#glossary-{key}" class="ek-term">{word}</a>'

    return Markup(pattern.sub(link, escaped))


@lru_cache(maxsize=1)
def _glossary_pattern() -> tuple[re.Pattern[str], Any]:
    """One regex for every alias of every glossary term (longest first), and a function from a match to its key.

    Aliases are matched in their escaped form (Cramér's V is Cramér&#39;s V in escaped text), whole words
    only, with an optional plural s; all-capital aliases (CI, IQR) only in capitals.
    """
    from markupsafe import escape

    from edakit.explain.glossary import TERMS

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    groups: dict[str, list[str]] = {}  # the aliases by their first letter (any case), longest first within each
    aliases = sorted(((a, t.key) for t in TERMS for a in t.aliases), key=lambda at: -len(at[0]))
    for alias, key in aliases:
        text = str(escape(alias))
        if alias.isupper():
            exact.setdefault(text, key)
            part = re.escape(text)
        else:
            folded.setdefault(text.casefold(), key)
            part = f"(?i:{re.escape(text)})"
        groups.setdefault(text[0].lower(), []).append(part)
    # A word start is tried only when its letter begins some alias, and then only against the aliases beginning with
    # it (a lookahead on the letter), not all hundred: aliases with other first letters cannot match there, so the
    # match is the one the single longest-first alternation finds (tests/test_explanations.py compares the two), in
    # under half the time.
    first_letters = "".join(re.escape(first) for first in groups)
    terms = "|".join(f"(?=(?i:{re.escape(first)}))(?:{'|'.join(parts)})" for first, parts in groups.items())
    pattern = re.compile(
        r"(?P<link><a\b[^>]*>.*?</a>)|(?P<tag><[^>]*>)"
        rf"|(?<![\w-])(?=(?i:[{first_letters}]))(?P<term>(?:{terms})s?)(?![\w-])",
        re.DOTALL,
    )

    def lookup(word: str) -> str | None:
        for candidate in (word, word[:-1] if word.endswith("s") else None):
            if candidate is None:
                continue
            if candidate in exact:
                return exact[candidate]
            if candidate.casefold() in folded:
                return folded[candidate.casefold()]
        return None

    return pattern, lookup


def exact_number(value: Any) -> str:
    """Full precision, for a title attribute."""
    if isinstance(value, float):
        return repr(float(value))  # float(): numpy scalars would show as np.float64(...)
    return str(value)


def format_percent(fraction: float | None, decimals: int = 1) -> str:
    if fraction is None:
        return "—"
    return f"{100 * fraction:.{decimals}f} %"


def format_p(p: float | None) -> str:
    return fmt_p(p).removeprefix("p ").removeprefix("= ") if p is not None else "—"


def format_interval(ci: tuple[float, float] | None, percent: bool = False, years: bool = False) -> str:
    if not ci:
        return ""
    if percent:
        return f"{format_percent(ci[0])} – {format_percent(ci[1])}"
    return f"{format_number(ci[0], years=years)} – {format_number(ci[1], years=years)}"


def format_bytes(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{size} B"


def slugify(text: Any, index: int | None = None) -> str:
    """An id for anchors: ASCII letters, digits and dashes, plus the position to keep ids unique."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:40] or "column"
    return f"col-{index}-{slug}" if index is not None else slug


def render_comparison(comparison: Any, fragment: bool = False) -> str:
    """The page of a dataset comparison (`edakit compare`), laid out by `sections.shift`; `fragment` as in
    `render_report`."""
    from edakit.sections.shift import sections_of

    env = environment()
    css = env.get_template("report.css").render()
    html = env.get_template("compare.html.j2").render(
        comparison=comparison, sections=sections_of(comparison), css=css, fragment=fragment
    )
    if not fragment:
        return html
    import hashlib

    key = f"{comparison.title}|{comparison.created}|{comparison.rows_a}|{comparison.rows_b}"
    return scope_ids(html, "c" + hashlib.blake2s(key.encode(), digest_size=4).hexdigest() + "-")
