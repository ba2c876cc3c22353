"""Words for charts: a caption (how to read it, what it was computed on) and alt text (what it shows).

Both come from the chart's own numbers and the column's statistics; the plotting code never writes words.
Alt text is what a screen reader says in place of the picture, so it states the finding ("right-skewed,
half the values between 3,550 and 4,750"), not the chart's construction; the caption carries the method.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from edakit._format import count_of, verb
from edakit.explain.describe import skew_words
from edakit.explain.words import fmt_num, fmt_pct, level_pct

if TYPE_CHECKING:
    from edakit.model import Chart, ColumnReport


def explain_chart(chart: Chart, col: ColumnReport | None) -> None:
    if chart.note:
        chart.alt, chart.caption = f"{chart.title}: not drawn. {chart.note}", ""
        return
    words = _EXPLAINERS.get(chart.kind)
    if words is None:
        chart.alt = chart.alt or chart.title
        return
    try:
        chart.alt, chart.caption = words(chart.data, col)
    except (ArithmeticError, LookupError, TypeError, ValueError):  # odd inputs: plain words, never a crash
        chart.alt, chart.caption = chart.title, ""


def omitted_note(omitted: int, limit: int | None) -> str:
    if not omitted:
        return ""
    if not limit:
        return (
            f"Column charts are turned off (--max-charts 0); {fmt_num(omitted)} columns have statistics but no "
            "charts. Give --max-charts N to chart the first N columns."
        )
    return (
        f"Charts are drawn for the first {fmt_num(limit)} columns only; the other {fmt_num(omitted)} have "
        "statistics but no charts, to keep the report small. To chart them, raise the limit (--max-charts N, "
        "or max_charted_columns=N in Python) or report on chosen columns (--columns a,b,c)."
    )


# ---- column charts ---------------------------------------------------------------------------------------


def histogram_words(data: dict[str, Any], col: ColumnReport | None) -> tuple[str, str]:
    name = col.name if col else "the values"
    d = col.numeric if col else None
    edges, counts = data["edges"], data["counts"]
    n = data["n"]
    peak = max(range(len(counts)), key=lambda i: counts[i])
    width = edges[1] - edges[0]
    unit_bins = len(edges) > 1 and width == 1 and edges[0] % 1 == 0.5
    parts = [f"Histogram of {name} ({fmt_num(n)} values"]
    parts[0] += ", one bar per value)" if unit_bins else f", {len(counts)} bins of width {fmt_num(width)})"
    shape = skew_words(d.skewness) if d and d.skewness is not None else None
    if shape:
        parts[0] += f": {shape}"
    sentence = parts[0] + "."
    if d and d.q25 is not None and d.q25 != d.q75:
        sentence += f" Half the values lie between {fmt_num(d.q25)} and {fmt_num(d.q75)}."
    whole = width == int(width) and edges[0] % 1 == 0.5  # integer data: bins hold the whole numbers inside
    if unit_bins:
        where = f"at {fmt_num(edges[peak] + 0.5)}"
    elif whole:
        where = f"from {fmt_num(edges[peak] + 0.5)} to {fmt_num(edges[peak + 1] - 0.5)}"
    else:
        where = f"from {fmt_num(edges[peak])} to {fmt_num(edges[peak + 1])}"
    sentence += f" The tallest bar is {where}, with {_values(counts[peak])} ({fmt_pct(counts[peak] / n)})."
    if data.get("mean") is not None and data.get("median") is not None:
        sentence += f" Mean {fmt_num(data['mean'])}, median {fmt_num(data['median'])}."
    rule = (
        "one bar per whole number"
        if unit_bins
        else "bin width by the Freedman–Diaconis rule, rounded to a round number"
    )
    caption = (
        f"Bars count the values in each bin ({rule}), computed on all {fmt_num(n)} non-missing values. "
        "Solid line: median; dashed line: mean."
    )
    if data.get("non_finite"):
        caption += (
            f" {count_of(data['non_finite'], 'infinite or NaN value')} {verb(data['non_finite'], 'is', 'are')} "
            "treated as missing and not drawn."
        )
    if d and d.outliers and d.q25 is not None and d.q75 is not None and d.min is not None and d.max is not None:
        half_range = d.max / 2 - d.min / 2  # halves, so ±1e308 cannot overflow
        if half_range > 0 and (d.q75 / 2 - d.q25 / 2) < half_range / 50:
            caption += (
                " A few extreme values stretch the axis and squeeze the bulk of the data into a few bars; "
                "the box plot shows them apart."
            )
    return sentence, caption


def box_words(data: dict[str, Any], col: ColumnReport | None) -> tuple[str, str]:
    name = col.name if col else "the values"
    n = data["n"]
    beyond = (data.get("outliers_low") or 0) + (data.get("outliers_high") or 0)
    alt = (
        f"Box plot of {name}: the box spans the middle half of the values, from {fmt_num(data['q25'])} to "
        f"{fmt_num(data['q75'])}, with the median at {fmt_num(data['median'])}; the whiskers reach from "
        f"{fmt_num(data['whisker_low'])} to {fmt_num(data['whisker_high'])}."
    )
    if beyond:
        alt += (
            f" {count_of(beyond, 'value')} ({fmt_pct(beyond / n)}) {verb(beyond, 'lies', 'lie')} beyond the whiskers: "
            f"{fmt_num(data.get('outliers_low') or 0)} below and {fmt_num(data.get('outliers_high') or 0)} above."
        )
    else:
        alt += " No value lies beyond the whiskers."
    caption = (
        f"Box: first quartile, median and third quartile of all {fmt_num(n)} values; whiskers: the most extreme "
        "values within 1.5 × IQR of the box (Tukey's fences); ◆: the mean."
    )
    shown = len(data.get("outliers") or [])
    if beyond:
        if shown >= beyond:
            caption += " Circles: every value beyond the whiskers."
        elif data.get("sampled"):
            caption += (
                f" Circles: {fmt_num(shown)} of the {fmt_num(beyond)} values beyond the whiskers — the smallest and "
                "largest, and others taken from the seeded random sample; the counts above use every row."
            )
        else:
            caption += f" Circles: {fmt_num(shown)} of the {fmt_num(beyond)} values beyond the whiskers, evenly spread."
    return alt, caption


QQ_TAIL = 0.15  # mean distance from the line, in IQRs, below which a tail "follows the line"


def qq_words(data: dict[str, Any], col: ColumnReport | None) -> tuple[str, str]:
    name = col.name if col else "the values"
    n = data["n"]
    alt = f"Normal QQ plot of {name} ({fmt_num(n)} values): {qq_shape(data.get('tail_low'), data.get('tail_high'))}"
    if n < 50:
        alt += " With this few values, some wobble at the ends is expected even for normal data."
    caption = (
        "Circles: the values in sorted order, against where they would fall if they came from a normal "
        "distribution; line: through the quartiles (as R's qqline). On the line means normal-looking; bent away "
        "at an end means a longer or shorter tail than a normal distribution's."
    )
    if data.get("sampled"):
        caption += f" Drawn from a seeded random sample of {fmt_num(n)} rows; the line uses the full-data quartiles."
    if data.get("shown", n) < n:
        caption += (
            f" {fmt_num(data['shown'])} of the {fmt_num(n)} points are drawn: every point in both tails, "
            "evenly spaced ones between."
        )
    return alt, caption


def qq_shape(low: float | None, high: float | None) -> str:
    """What the ends of a QQ plot do, from the mean distance of the lowest and highest 10 % of points from the
    line (in IQRs; see `stats.chartdata.qq_tails`)."""
    if low is None or high is None:
        return "the shape cannot be read from these values."
    left = (
        "follow the line"
        if abs(low) < QQ_TAIL
        else "lie above the line (the smallest values are less extreme than a normal distribution's: a short left tail)"
        if low > 0
        else "lie below the line (the smallest values are more extreme than a normal distribution's: a long left tail)"
    )
    right = (
        "follow the line"
        if abs(high) < QQ_TAIL
        else "lie above the line (the largest values are more extreme than a normal distribution's: a long right tail)"
        if high > 0
        else "lie below the line (the largest values are less extreme than a normal distribution's: a short right tail)"
    )
    low_kind = 0 if abs(low) < QQ_TAIL else (-1 if low > 0 else 1)  # +1 long tail, -1 short tail
    high_kind = 0 if abs(high) < QQ_TAIL else (1 if high > 0 else -1)
    verdict = {
        (0, 0): "consistent with a normal shape",
        (1, 1): "heavier tails than a normal distribution",
        (-1, -1): "lighter tails than a normal distribution (or a bounded or mixed one)",
        (-1, 1): "skewed to the right",
        (0, 1): "skewed to the right",
        (1, -1): "skewed to the left",
        (1, 0): "skewed to the left",
        (-1, 0): "somewhat skewed to the right (a short left tail)",
        (0, -1): "somewhat skewed to the left (a short right tail)",
    }[(low_kind, high_kind)]
    return f"at the left end the circles {left}; at the right end they {right}. Overall: {verdict}."


def bars_words(data: dict[str, Any], col: ColumnReport | None) -> tuple[str, str]:
    name = col.name if col else "the values"
    level = level_pct(data.get("conf_level"))
    labels, counts, shares = data["labels"], data["counts"], data["proportions"]
    # the bars of ordered codes stand in the codes' order: the words go from the most common down
    order = sorted(range(len(labels)), key=lambda i: -counts[i])
    top = order[0]
    first = (
        f"Bar chart of {name}: {labels[top]} is the most common value ({fmt_num(counts[top])} rows, "
        f"{fmt_pct(shares[top])}; {level} interval {fmt_pct(data['ci_low'][top])} to {fmt_pct(data['ci_high'][top])})"
    )
    rest = [f"{labels[i]} ({fmt_pct(shares[i])})" for i in order[1:4]]
    if rest:
        first += ", followed by " + _join(rest)
    if len(labels) > 4:
        first += f" and {len(labels) - 4} more"
    alt = first + "."
    if data.get("other"):
        alt += f" All other values together: {fmt_pct(data['other']['proportion'])}."
    caption = (
        f"Bars: share of the {fmt_num(data['n'])} non-missing rows taking each value; lines: {level} Wilson "
        "confidence intervals for the share in the population the rows come from."
    )
    if data.get("missing"):
        caption += f" {count_of(data['missing'], 'missing row')} {verb(data['missing'], 'is', 'are')} not counted."
    return alt, caption


_PERIOD_WORDS = {"century": "centuries"}


def period_label(iso: str, unit: str) -> str:
    """A period as people write it: 1949-03 for a month, 1949 Q1, the 1950s, 2020-01-01 05:00.

    >>> period_label("1949-04-01", "quarter"), period_label("1950-01-01", "decade")
    ('1949 Q2', 'the 1950s')
    >>> period_label("0001-01-01", "century")
    'years 1–99'
    """
    year, month = int(iso[:4]), int(iso[5:7])
    if unit in ("minute", "hour"):
        return iso[:16].replace("T", " ")
    if unit == "month":
        return iso[:7]
    if unit == "quarter":
        return f"{year} Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return str(year)
    if unit == "decade":
        return f"the {year}s"
    if unit == "century":
        return f"years {year}–{year // 100 * 100 + 99}"
    return iso[:10]  # day; week (its Monday)


def timeline_words(data: dict[str, Any], col: ColumnReport | None) -> tuple[str, str]:
    name = col.name if col else "the dates"
    unit = data["resolution"]
    units = _PERIOD_WORDS.get(unit, unit + "s")
    periods, counts = [period_label(p, unit) for p in data["periods"]], data["counts"]
    verb = "starts" if unit == "week" else "is"  # a week is named by its Monday
    if len(periods) == 1:
        alt = f"Rows per {unit} of {name}: all {_rows(counts[0])} fall in one {unit}, which {verb} {periods[0]}."
    else:
        top = max(range(len(counts)), key=lambda i: counts[i])
        low = min(range(len(counts)), key=lambda i: counts[i])
        alt = (
            f"Rows per {unit} of {name}, from {periods[0]} to {periods[-1]} ({fmt_num(len(periods))} {units} with "
            f"data): the busiest {unit} {verb} {periods[top]}, with {_rows(counts[top])}"
        )
        alt += (
            f"; the quietest {verb} {periods[low]}, with {_rows(counts[low])}."
            if counts[low] != counts[top]
            else f"; every {unit} with data has the same count."
        )
    caption = f"Counts per {unit} of all {fmt_num(data['n'])} non-missing values."
    if unit == "week":
        caption += " Weeks start on Monday."
    if data.get("missing"):
        caption += f" {count_of(data['missing'], 'missing value')} {verb(data['missing'], 'is', 'are')} not counted."
    return alt, caption


def _values(count: int) -> str:
    return f"{fmt_num(count)} value" if count == 1 else f"{fmt_num(count)} values"


def _rows(count: int) -> str:
    return f"{fmt_num(count)} row" if count == 1 else f"{fmt_num(count)} rows"


# ---- table charts ----------------------------------------------------------------------------------------


def missing_words(data: dict[str, Any], col: ColumnReport | None = None) -> tuple[str, str]:
    names, counts, rows = data["columns"], data["missing"], data["rows"]
    ranked = sorted(((c, n) for n, c in zip(names, counts, strict=True) if c), key=lambda t: -t[0])  # stable
    gaps = data["columns_with_missing"]
    alt = f"Missing values per column: {fmt_num(gaps)} of {fmt_num(data['total_columns'])} columns have gaps"
    if ranked:
        count, name = ranked[0]
        alt += f"; the most is {name} with {fmt_num(count)} missing ({fmt_pct(count / rows)})"
        others = [f"{n} ({fmt_num(c)})" for c, n in ranked[1:4]]
        if others:
            alt += ", then " + _join(others)
    alt += "."
    caption = (
        f"Share of the {fmt_num(rows)} rows with no value in each column (NaN and infinite numbers count as missing)."
    )
    if data.get("top_only"):
        caption += f" Only the {fmt_num(len(names))} columns with the most missing values are shown."
    return alt, caption


def pattern_words(data: dict[str, Any], col: ColumnReport | None = None) -> tuple[str, str]:
    names, patterns, counts, rows = data["columns"], data["patterns"], data["counts"], data["rows"]
    phrases = []
    for pattern, count in zip(patterns[:4], counts[:4], strict=False):
        gone = [n for n, m in zip(names, pattern, strict=True) if m]
        what = "are complete" if not gone else f"miss {_join(gone)}" if len(gone) <= 4 else f"miss {len(gone)} columns"
        if len(gone) == 1:
            what = f"miss only {gone[0]}"
        phrases.append(f"{fmt_num(count)} rows ({fmt_pct(count / rows)}) {what}")
    alt = "Missing-value patterns: " + "; ".join(phrases) + "."
    caption = (
        "Each row of the grid is one combination of missing (dark) and present (light) cells over the columns that "
        "have gaps, most common first, with its number of rows, counted on every row."
    )
    if data.get("other_rows"):
        caption += f" Another {fmt_num(data['other_rows'])} rows follow rarer patterns not shown."
    return alt, caption


# ---- charts for other sections ---------------------------------------------------------------------------


def heatmap_words(data: dict[str, Any], col: ColumnReport | None = None) -> tuple[str, str]:
    names, matrix = data["names"], data["matrix"]
    pairs = [
        (matrix[i][j], names[i], names[j])
        for i in range(len(names))
        for j in range(i + 1, len(names))
        if isinstance(matrix[i][j], (int, float)) and matrix[i][j] == matrix[i][j]
    ]
    label = data.get("label", "correlation")
    alt = f"Heatmap of the {label}s between {fmt_num(len(names))} variables"
    if pairs:
        r, a, b = max(pairs, key=lambda t: abs(t[0]))
        alt += f": the strongest is between {a} and {b} ({fmt_num(r, 2)})"
        r0, a0, b0 = min(pairs, key=lambda t: abs(t[0]))
        if (a0, b0) != (a, b):
            alt += f", the weakest between {a0} and {b0} ({fmt_num(r0, 2)})"
    alt += "."
    caption = (
        f"Colour shows the {label}: red positive, blue negative, white near zero; grey cells could not be computed. "
        "A correlation describes association, not cause."
    )
    return alt, caption


def group_box_words(data: dict[str, Any], col: ColumnReport | None = None) -> tuple[str, str]:
    labels, stats = data["labels"], data["stats"]
    what = data.get("value_label") or "the values"
    medians = [(s["median"], label) for label, s in zip(labels, stats, strict=True) if s.get("median") is not None]
    alt = f"Box plots of {what} in {fmt_num(len(labels))} groups"
    if medians:
        hi, lo = max(medians), min(medians)
        alt += f": the median ranges from {fmt_num(lo[0])} ({lo[1]}) to {fmt_num(hi[0])} ({hi[1]})"
    alt += "."
    caption = (
        "Each box spans its group's quartiles with the median inside; whiskers reach the most extreme values "
        "within 1.5 × IQR."
    )
    return alt, caption


def group_means_words(data: dict[str, Any], col: ColumnReport | None = None) -> tuple[str, str]:
    labels, means = data["labels"], data["means"]
    level = level_pct(data.get("conf_level"))
    what = data.get("value_label") or "the values"
    ranked = sorted(zip(means, labels, data["cis"], strict=True), key=lambda t: t[0])
    alt = f"Means of {what} in {fmt_num(len(labels))} groups with {level} confidence intervals"
    if ranked:
        (m_lo, g_lo, ci_lo), (m_hi, g_hi, ci_hi) = ranked[0], ranked[-1]
        alt += (
            f": highest {g_hi} ({fmt_num(m_hi)}, {fmt_num(ci_hi[0])} to {fmt_num(ci_hi[1])}), "
            f"lowest {g_lo} ({fmt_num(m_lo)}, {fmt_num(ci_lo[0])} to {fmt_num(ci_lo[1])})"
        )
    alt += "."
    caption = (
        f"Points: group means; lines: {level} confidence intervals. Intervals that overlap do not by themselves "
        "show that the means are equal; the comparison test says how strong the evidence of a difference is."
    )
    if data.get("overall") is not None:
        caption += " Dotted line: the overall mean."
    return alt, caption


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_EXPLAINERS = {
    "histogram": histogram_words,
    "box": box_words,
    "qq": qq_words,
    "bars": bars_words,
    "timeline": timeline_words,
    "missing": missing_words,
    "missing_patterns": pattern_words,
    "heatmap": heatmap_words,
    "group_box": group_box_words,
    "group_means": group_means_words,
}
