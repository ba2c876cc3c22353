"""Words for the scatter plots: what each plot shows, on which rows, and the r it illustrates."""

from __future__ import annotations

from edakit._format import fmt_num, level_pct
from edakit.stats.scatter import ScatterPlot


def rows_phrase(p: ScatterPlot) -> str:
    """Which rows a plot draws: every row counted on the grid, all rows as points, or the seeded sample."""
    if p.mode == "binned":
        cells = f"{len(p.x_edges) - 1} × {len(p.y_edges) - 1}"
        return (
            f"all {fmt_num(p.n)} rows with both values, counted on a {cells} grid over the full data "
            "(a darker cell holds more rows, on a log scale)"
        )
    if p.sampled:
        return f"{fmt_num(p.n)} points: the rows with both values in a seeded random sample of the {fmt_num(p.rows)}"
    return f"all {fmt_num(p.n)} rows with both values, one point each"


def r_phrase(p: ScatterPlot) -> str:
    """ "Pearson's r = 0.65 (95 % CI 0.58 to 0.71) on the full data" or why there is none."""
    if p.r is None:
        return "Pearson's r is undefined for this pair"
    text = f"Pearson's r = {fmt_num(p.r, 3)}"
    if p.ci:
        text += f" ({level_pct(p.conf_level)} CI {fmt_num(p.ci[0], 3)} to {fmt_num(p.ci[1], 3)})"
    return text + ", computed on every row with both values"


def group_phrase(p: ScatterPlot) -> str:
    if not p.group:
        return ""
    if p.mode == "binned":
        return (
            f" Each cell takes the colour of the {p.group} most common in it, greyer the more evenly the groups mix "
            "in the cell, so clean colours mean separated groups."
        )
    other = " (grey: other or missing)" if "other" in p.labels else ""
    return f" Colours mark {p.group}{other}."


def scatter_caption(p: ScatterPlot) -> str:
    """The sentence under one pair's plot."""
    return (
        f"{p.y} against {p.x}: {rows_phrase(p)}. {r_phrase(p)}; r measures the straight-line part of the relation "
        f"only, so look for curves, clusters and outliers it hides.{group_phrase(p)}"
    )


def scatter_alt(p: ScatterPlot) -> str:
    kind = "2-D histogram" if p.mode == "binned" else "Scatter plot"
    r = "" if p.r is None else f", r = {p.r:.2f}"
    coloured = f", coloured by {p.group}" if p.group else ""
    return f"{kind} of {p.y} against {p.x}{r}{coloured}."


def matrix_caption(plots: list[ScatterPlot], names: list[str]) -> str:
    """The sentence under the pair matrix."""
    first = plots[0]
    if first.mode == "binned":
        drawn = (
            f"the full data's rows with both values counted on a {len(first.x_edges) - 1} × "
            f"{len(first.y_edges) - 1} grid, darker where more rows fall"
        )
    elif first.sampled:
        drawn = f"one point per row with both values in a seeded random sample of the {fmt_num(first.rows)} rows"
    else:
        drawn = "one point per row with both values"
    return (
        f"Every pair of the {len(names)} numeric columns: below the diagonal, the row's column (up) against the "
        f"column's column (across), {drawn}; above it, Pearson's r of the pair on every row with both values."
        f"{group_phrase(first)}"
    )


def matrix_alt(names: list[str], group: str | None) -> str:
    coloured = f", coloured by {group}" if group else ""
    return f"Pair matrix of {len(names)} numeric columns ({', '.join(names)}){coloured}."


def uncoloured_note(group: str) -> str:
    return f" Not coloured by {group}: the profile could not count its levels (e.g. every value is distinct)."
