"""The "Time series" section: each numeric column against the table's date/time column.

Time column: the datetime column with the most distinct values (others are named). Columns: numeric columns with
spread, not skipped, not years and not date parts (year, month, day, hour... by name: they are the calendar, not a
measurement), the first `MAX_SERIES` in table order; the section names any left out. Per column (one subsection
each): the series per period (the engine's means per truncated timestamp, `engine.timeseries`) with its STL trend,
the seasonal pattern by position in the cycle, the autocorrelations with their white-noise band, and the ADF and KPSS
tests read together (`stats.timeseries`). `build` leaves the `TimeSeriesAnalysis` in `ctx.results["timeseries"]`.
"""

from __future__ import annotations

from typing import Any

from edakit.engine.timeseries import PeriodSeries, series_per_period
from edakit.explain import timeseries as words
from edakit.explain.charts import period_label
from edakit.explain.words import fmt_num
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.timeseries import SeriesAnalysis, TimeSeriesAnalysis, analyse_series

SECTION_ID = "timeseries"
TITLE = "Time series"
MAX_SERIES = 6
DATE_PARTS = {"year", "quarter", "month", "week", "weekday", "day", "dayofweek", "hour", "minute", "second", "doy"}


def gather(ctx: AnalysisContext) -> tuple[TimeSeriesAnalysis, PeriodSeries] | None:
    """Step 1: pick the time and numeric columns, then one engine `group_by` for the means per period."""
    times = [c for c in ctx.schema.columns if c.role == "datetime"]
    times = [c for c in times if ctx.summary.columns[c.name].datetime.get("min") is not None]
    if not times:
        return None
    time = max(times, key=lambda c: ctx.summary.columns[c.name].distinct).name
    names, notes = choose_columns(ctx)
    if not names:
        return None
    s = ctx.summary.columns[time]
    lo, hi = s.datetime["min"], s.datetime["max"]
    rows = ctx.summary.rows
    complete = {n for n in names if ctx.summary.columns[n].numeric.get("count") == rows}  # a finite value each row
    data = series_per_period(ctx.table.frame, ctx.schema, time, names[:MAX_SERIES], lo, hi, s.distinct, rows, complete)
    if data is None:
        return None
    result = TimeSeriesAnalysis(
        time, data.resolution, data.natural, alpha=ctx.config.alpha, conf_level=ctx.config.conf_level
    )
    result.other_time_columns = [c.name for c in times if c.name != time]
    result.left_out, result.notes = names[MAX_SERIES:], notes
    return result, data


def choose_columns(ctx: AnalysisContext) -> tuple[list[str], list[str]]:
    """Numeric columns with spread that measure something (not years or date parts), in table order."""
    skipped = {c.name for c in ctx.columns if getattr(c, "skipped", None)}
    names, parts = [], []
    for col in ctx.schema.columns:
        if col.role != "numeric" or col.name in skipped or col.kind == "year":
            continue
        if col.name.lower().replace("_", "").replace(".", "") in DATE_PARTS:
            parts.append(col.name)
        elif ctx.summary.columns[col.name].numeric.get("var"):
            names.append(col.name)
    notes = (
        [f"Date parts are the calendar, not measurements, so they get no series: {', '.join(parts)}."] if parts else []
    )
    return names, notes


def build(ctx: AnalysisContext, gathered: tuple[TimeSeriesAnalysis, PeriodSeries] | None = None) -> list[Section]:
    """Steps 2 to 4: analyse each series, then lay out one subsection per column."""
    if gathered is None:
        return []
    result, data = gathered
    for name in data.means:
        result.series.append(
            analyse_series(
                name,
                result.time_column,
                result.resolution,
                data.periods,
                data.means[name],
                data.rows,
                alpha=result.alpha,
                conf_level=result.conf_level,
            )
        )
    ctx.results["timeseries"] = result
    notes = list(result.notes)
    if result.left_out:
        notes.append(
            f"Only the first {MAX_SERIES} numeric columns get a time series, to keep the section short; left out: "
            f"{', '.join(result.left_out)}."
        )
    if result.other_time_columns:
        notes.append(
            f"Other date/time columns, not used as the time axis: {', '.join(result.other_time_columns)} "
            f"({result.time_column} has the most distinct values)."
        )
    charts = getattr(ctx.config, "max_charted_columns", 1) != 0
    subsections = [_series_section(s, result, charts) for s in result.series]
    methods = [Paragraph(words.STL_METHOD, "method"), Paragraph(words.ACF_METHOD, "method")]
    methods.append(Paragraph(words.TESTS_METHOD, "method"))
    return [
        Section(
            SECTION_ID,
            TITLE,
            summary=words.analysis_summary(result),
            blocks=methods,
            subsections=subsections,
            notes=notes,
        )
    ]


def _series_section(s: SeriesAnalysis, r: TimeSeriesAnalysis, charts: bool) -> Section:
    blocks: list[Any] = [Paragraph(words.series_words(s))]
    if charts and s.n >= 2:
        blocks.append(line_block(s))
    if s.n >= 2:
        blocks.append(Paragraph(words.decomposition_words(s)))
    if charts and s.decomposition is not None:
        blocks.append(season_block(s))
    if s.acf is not None:
        blocks.append(Paragraph(words.acf_words(s)))
        if charts:
            blocks.append(acf_block(s))
    if s.adf is not None and s.kpss is not None:
        blocks.append(tests_table(s))
        blocks.append(Paragraph(words.stationarity_words(s, r.alpha)))
    return Section(f"{SECTION_ID}-{_slug(s.column)}", f"{s.column} over time", blocks=blocks, notes=list(s.notes))


def line_block(s: SeriesAnalysis) -> ChartBlock:
    data: dict[str, Any] = {
        "periods": s.periods,
        "values": s.values,
        "trend": s.decomposition.trend if s.decomposition else None,
        "y_label": s.column if s.aggregate == "value" else f"mean {s.column}",
        "resolution": s.resolution,
    }
    known = [(p, v) for p, v in zip(s.periods, s.values, strict=True) if v is not None]
    hi = max(known, key=lambda pv: pv[1])
    alt = (
        f"Line chart of {s.column} per {s.resolution} from {period_label(s.periods[0], s.resolution)} to "
        f"{period_label(s.periods[-1], s.resolution)}, highest {fmt_num(hi[1])} in {period_label(hi[0], s.resolution)}"
        + (", with the STL trend dashed." if s.decomposition else ".")
    )
    caption = "The series (solid)" + (" and its STL trend (dashed)" if s.decomposition else "") + "."
    if s.filled or s.n < len(s.periods):
        caption += " Periods without a value are left as gaps."
    return ChartBlock(kind="ts_line", data=data, caption=caption, alt=alt)


def season_block(s: SeriesAnalysis) -> ChartBlock:
    d = s.decomposition
    assert d is not None
    data = {"labels": d.season_labels, "values": d.season_means, "value_label": f"seasonal part of {s.column}"}
    alt = (
        f"Bar chart of the mean STL seasonal component of {s.column} at each of {len(d.season_labels)} positions of "
        f"the {s.period}-{s.resolution} cycle."
    )
    caption = (
        "The seasonal pattern: how far above (+) or below (−) the trend each position in the cycle lies on average "
        "over the series."
    )
    return ChartBlock(kind="ts_season", data=data, caption=caption, alt=alt)


def acf_block(s: SeriesAnalysis) -> ChartBlock:
    a = s.acf
    assert a is not None
    data = {"lags": a.lags, "values": a.values, "band": a.band, "period": s.period}
    alt = (
        f"Autocorrelation of {s.column} at lags 1 to {a.lags[-1]}; lag 1 is {fmt_num(a.values[0], 3)}; "
        f"{words.plural(len(a.outside), 'lag')} outside the ±{fmt_num(a.band, 3)} band."
    )
    caption = (
        f"Autocorrelation at each lag ({words.UNITS.get(s.resolution, s.resolution)}), with the dashed band "
        f"±{fmt_num(a.band, 3)} where {100 * a.conf_level:g} % of white-noise autocorrelations would fall."
    )
    return ChartBlock(kind="acf", data=data, caption=caption, alt=alt)


def tests_table(s: SeriesAnalysis) -> TableBlock:
    rows = []
    for t in (s.adf, s.kpss):
        assert t is not None
        rows.append(
            [t.method, t.null, t.statistic, t.lags, words.p_text(t), "rejected" if t.rejected else "not rejected"]
        )
    columns = [
        TableColumn("Test", "text"),
        TableColumn("Null hypothesis", "text"),
        TableColumn("Statistic", "num"),
        TableColumn("Lags", "int"),
        TableColumn("p-value", "text"),
        TableColumn("Null hypothesis is", "text"),
    ]
    return TableBlock(caption=f"Stationarity tests on {s.column}", columns=columns, rows=rows)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "column"
