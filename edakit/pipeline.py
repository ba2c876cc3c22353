"""Run the stages in order: load → infer → profile → analyse → explain, and assemble the Report; or, for
`edakit.ab`, load → infer → gather → analyse for the A/B test alone (`run_ab`).

Each stage lives in its own module; this one only sequences them, times them and turns per-column
failures into skipped columns so that one odd column never sinks the report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from edakit._document import Ready
from edakit.config import ReportConfig
from edakit.engine.levels import LevelCounts
from edakit.engine.profile import ColumnSummary, TableSummary, profile
from edakit.errors import EdakitError
from edakit.loader import Table, load_table
from edakit.model import ColumnReport, Overview, Report, TopValue
from edakit.schema import check_overrides, infer_schema
from edakit.stats import quality
from edakit.stats.descriptive import describe_aggregates
from edakit.stats.modes import column_probability
from edakit.stats.proportion import wilson_interval

if TYPE_CHECKING:
    from edakit.sections import SectionRun
    from edakit.stats.ab_results import ABResult

StageCallback = Callable[[str], None]


def build_report(
    source: Any,
    config: ReportConfig,
    on_stage: StageCallback | None = None,
    loading: Future[Table] | None = None,
    render_early: bool = False,
) -> Report:
    """Compute a Report for `source` (path, dataset name or DataFrame) under `config`; `loading`: its load already
    started (`loader.start_load_table`), whose end this waits for after importing what the analysis needs;
    `render_early`: for a report whose page and JSON are written at once (the command line), render each section
    and column card, and encode its JSON, as soon as it is final, beside the analyses still running (`_ready`)."""
    timings: dict[str, float] = {}
    settings = {
        "conf_level": config.conf_level,
        "sample_size": config.sample_size,
        "seed": config.seed,
        "max_charted_columns": config.max_charted_columns,
        "explain": config.explain,
    }
    ready = Ready() if render_early else None

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        if on_stage:
            on_stage(name)
        start = time.perf_counter()
        yield
        timings[name] = round(time.perf_counter() - start, 4)

    with stage("load"):
        # polars' GIL-free read leaves a core partly idle: what the analyse stage imports first is imported meanwhile
        # on a thread, joined before this thread imports any of scipy: scipy.stats for an A/B report (its sections
        # import it), else scipy.special (the column estimates' intervals and entropies; 0.1 CPU-s on the critical
        # path). With `loading` (the command line), the read started before this module was imported.
        scipy_module = "scipy.stats" if config.metrics else "scipy.special"
        if loading is None:
            scipy_import = _import_beside_read(scipy_module)
            table = load_table(source, config)
        else:
            scipy_import = _import_on_thread(scipy_module)
            _import_for_analyses(render_early)
            table = loading.result()
    with stage("infer"):
        schema = infer_schema(table.frame)
        check_overrides(schema, config.roles)
    gathering = _start_ab_gather(table, schema, config)
    started: list[tuple[list[ColumnReport], SectionRun]] = []

    def start_analyses(summary: TableSummary) -> None:
        """The column estimates, then every section's builder on its threads: as soon as the columns' summaries
        and the sample are final, beside the profile's last table-wide queries (`profile`'s `on_columns`)."""
        from edakit.sections import AnalysisContext, start_sections

        scipy_import.join()
        columns = [
            analyse_column(summary.columns[c.name], c.dtype, c.reason, config, summary.levels.get(c.name), c.kind)
            for c in schema.columns
        ]
        _import_for_charts(ready is not None)  # before the builders' threads start: no two threads import at once
        on_built = functools.partial(_ready_sections, ready, settings) if ready is not None else None
        context = AnalysisContext(table, schema, summary, columns, config, gathering=gathering, on_built=on_built)
        started.append((columns, start_sections(context)))

    try:
        with stage("profile"):
            summary = profile(
                table.frame,
                schema,
                sample_size=config.sample_size,
                seed=config.seed,
                columns_per_pass=config.columns_per_pass,
                max_charted_columns=config.max_charted_columns,
                in_memory=table.in_memory,
                group=config.group,
                roles=config.roles,
                pair=config.pair,
                on_columns=start_analyses,
            )
    except BaseException:
        for _, run in started:
            run.close()
        raise
    with stage("analyse"):
        ((columns, run),) = started
        context = run.ctx
        overview = _overview(table, columns, summary)
        alerts = quality.table_alerts(summary.rows, summary.duplicate_rows)
        for col in columns:
            alerts += quality.column_alerts(
                col.name,
                col.role,
                col.rows,
                col.missing,
                col.distinct,
                skewness=col.numeric.skewness if col.numeric else None,
                outliers=col.numeric.outliers if col.numeric else None,
            )
        with ThreadPoolExecutor(max_workers=1) as charting:  # chart inputs (drawn at render time) beside the sections
            charts = charting.submit(_chart_inputs, columns, summary, config)
            if ready is not None:  # then the columns' words, cards and JSON, on the same thread
                cards = charting.submit(_ready_columns, ready, columns, settings)
            sections, section_notes = run.finish()
        table_charts, omitted = charts.result()
        if ready is not None:
            cards.result()
    report = Report(
        title=config.title or f"Report on {table.source.name}",
        created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        edakit_version=_version(),
        source=table.source,
        overview=overview,
        columns=columns,
        alerts=alerts,
        sections=sections,
        **context.results,
        notes=_hand_roles_note(config.roles) + list(summary.notes) + section_notes,
        settings=settings,
        charts=table_charts,
        charts_omitted=omitted,
    )
    with stage("explain"):
        from edakit.sections.words import fill_words

        fill_words(report, parts_done=ready is not None)
    report.timings = timings
    report._ready = ready
    return report


def _ready_sections(ready: Ready, settings: dict[str, Any], sections: list[Any], results: dict[str, Any]) -> list[Any]:
    """A builder's sections (a brief report's cut now, not at the end: `sections.words.brief_sections`) rendered and
    encoded, and its results encoded, on its thread as it returns them; nothing later changes a section or a
    result. Returns the sections the report keeps."""
    from edakit.render.html import render_section
    from edakit.sections.words import brief_sections

    if settings["explain"] == "brief":
        sections = brief_sections(sections)
    for section in sections:
        ready.add_html(section, render_section(section, settings))
        ready.add_json(section, 2)  # an item of the report's list of sections
    for result in results.values():
        ready.add_json(result, 1)  # a field of the report
    return sections


def _ready_columns(ready: Ready, columns: list[ColumnReport], settings: dict[str, Any]) -> None:
    """Every column's words (`sections.words.column_words`; a brief report's cut now: `brief_column`), then its card
    and JSON, once the chart inputs are made (on their thread, beside the sections): nothing later changes them."""
    from edakit.render.html import render_card, slugify
    from edakit.sections.words import brief_column, column_words

    for index, col in enumerate(columns, 1):
        column_words(col, settings["conf_level"])
        if settings["explain"] == "brief":
            brief_column(col)
        col_id = slugify(col.name, index)  # the page's id for it (`report.html.j2`)
        ready.add_html(col, render_card(col, col_id, settings), col_id)
        ready.add_json(col, 2)  # an item of the report's list of columns


def _start_ab_gather(table: Table, schema: Any, config: ReportConfig) -> dict[str, Future]:
    """The A/B test's gather (`engine.ab.gather`) on a thread from the end of the inference, beside the profile, for
    rows polars holds in memory: it reads the table and the schema's conversions, none of the profile's figures
    (it counts the variants itself), and when it started with the other builders it ended the report alone on one
    core (`benchmarks/README.md`). Returned as the section runner's started gathers (builder name -> future)."""
    from edakit.engine import ab_sums

    if not config.metrics or not ab_sums.applies(table.frame, table.in_memory):
        return {}
    from edakit.engine.ab import gather

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ab.gather")
    future = pool.submit(gather, table.frame, schema, config, None, True)
    pool.shutdown(wait=False)  # its thread ends with the gather
    return {"ab": future}


def _import_beside_read(module: str) -> threading.Thread:
    """Import polars on this thread, then start importing `module` on another, to be imported during the read.

    Why in this order: an import holds the GIL nearly all the time, so polars' import (0.15 CPU-s) and scipy's run
    side by side took turns and ended together, and only then could the read start; imported first, polars lets the
    read (which releases the GIL) start at once while scipy is imported beside it. Flights 1x: the read started
    0.2 s into the load, now 0.03 s (the sniffing); the whole report 0.1-0.15 s sooner (`benchmarks/README.md`)."""
    import polars  # noqa: F401

    return _import_on_thread(module)


def _import_on_thread(module: str) -> threading.Thread:
    """Start importing `module` on a thread; join it before this thread imports any module it imports (two
    threads importing scipy's subpackages at once can deadlock on their import locks). Not a daemon: when the load
    fails, the process waits for the import to end before it exits, rather than stop it half-way."""
    thread = threading.Thread(target=importlib.import_module, args=(module,), name=f"import {module}")
    thread.start()
    return thread


def run_ab(source: Any, config: ReportConfig) -> ABResult:
    """The A/B test alone (`edakit.ab`): load and infer as `build_report` does, then the A/B analysis' gather
    (`engine.ab`) and analyse (`stats.ab_analysis`) steps, without the profile or any section. The analysis'
    scipy.stats is imported on a thread meanwhile (the load and the gather import none of scipy)."""
    from edakit.engine.ab import gather
    from edakit.stats.ab_analysis import analyse

    scipy_stats = _import_beside_read("scipy.stats")
    table = load_table(source, config)
    gathered = gather(table.frame, infer_schema(table.frame), config, in_memory=table.in_memory)
    scipy_stats.join()
    return analyse(gathered, config)


def analyse_column(
    s: ColumnSummary,
    dtype: str,
    reason: str,
    config: ReportConfig,
    levels: LevelCounts | None = None,
    kind: str | None = None,
) -> ColumnReport:
    """Turn one column's aggregates into estimates with intervals; failures become a skip note. `levels`: the
    column's level counts (`engine.levels`) for its mode and entropy; `kind`: the schema's kind ("year", "code",
    "count")."""
    col = ColumnReport(
        name=s.name,
        role=s.role,
        dtype=dtype,
        role_reason=reason,
        rows=s.rows,
        missing=s.missing,
        distinct=s.distinct,
        kind=kind,
    )
    if s.role == "unsupported":
        col.skipped = reason
        return col
    try:
        if s.role == "numeric":
            col.numeric = describe_aggregates(s.numeric, missing=s.missing, conf_level=config.conf_level)
            col.missing = col.numeric.missing  # infinities and NaN count as missing
        present = s.count
        col.top_values = [
            TopValue(value, count, count / present, wilson_interval(count, present, config.conf_level))
            for value, count in s.top_values
        ]
        col.other_count = s.other_count
        if s.role in ("categorical", "boolean"):
            col.rare_levels = quality.rare_levels(s.top_values, present, s.distinct)
        col.lengths, col.datetime = s.lengths, s.datetime
    except (ArithmeticError, ValueError, TypeError) as exc:
        col.skipped = f"could not be summarised ({type(exc).__name__}: {exc})"
    if not col.skipped:
        try:
            col.mode, col.entropy = column_probability(s, levels)
        except (ArithmeticError, ValueError, TypeError) as exc:
            col.notes.append(f"Its mode and entropy could not be computed ({type(exc).__name__}: {exc}).")
    return col


def _import_for_charts(render: bool = False) -> None:
    """Import what `_chart_inputs` uses before it starts on its thread, so that no two threads import the same
    modules at once (the sections' threads import scipy's subpackages meanwhile); `render`: and what `_ready_columns`
    and `_ready_sections` use."""
    import scipy.special  # noqa: F401  (the normal quantiles of the QQ plots)

    import edakit.sections.charts  # noqa: F401

    if render:
        import edakit.sections.words  # noqa: F401
        from edakit.render.html import prepare

        prepare()


def _import_for_analyses(render: bool) -> None:
    """Import, while polars ends the read this thread waits for next, what `start_analyses` imports after the
    profile: the builder modules every report runs (`sections.import_builders`), the chart inputs' and, with
    `render`, the words of the cards and sections. There they held up the builders' start (flights 1x: 15 CPU-ms
    of imports); here this thread would wait for the read, which since typer parses without pydantic ends after
    the pipeline's imports (benchmarks/README.md, ninth round)."""
    from edakit.sections import import_builders

    import_builders()
    import edakit.sections.charts  # noqa: F401

    if render:
        import edakit.sections.words  # noqa: F401


def _chart_inputs(columns: list[ColumnReport], summary: TableSummary, config: ReportConfig) -> tuple[list, int]:
    """Chart inputs for the first `max_charted_columns` columns and the table; returns (table charts, omitted).
    Runs on its own thread while the sections are built: it only sets each column report's `charts`, which no
    section reads, and sorts the sample's values (numpy releases the GIL), so the results do not depend on it."""
    from edakit.sections.charts import column_charts, table_charts

    charted = columns[: config.max_charted_columns]
    sample = summary.sample
    for col in charted:
        if col.skipped:
            continue
        values = sample[col.name] if col.role == "numeric" and col.name in sample.columns else None
        col.charts = column_charts(col, summary.columns[col.name].chart, values, summary.sampled, config.conf_level)
    return table_charts(columns, summary.missing_patterns, summary.rows), len(columns) - len(charted)


def _hand_roles_note(roles: dict[str, str] | None) -> list[str]:
    """The report's note naming the roles set by hand (`--role`, `roles=`), if any."""
    if not roles:
        return []
    return ["Roles set by hand (--role): " + ", ".join(f"{name} as {role}" for name, role in roles.items()) + "."]


def _overview(table: Table, columns: list[ColumnReport], summary: TableSummary) -> Overview:
    missing = sum(c.missing for c in columns)
    cells = summary.rows * len(columns)
    roles: dict[str, int] = {}
    for col in columns:
        roles[col.role] = roles.get(col.role, 0) + 1
    return Overview(
        rows=summary.rows,
        columns=len(columns),
        missing_cells=missing,
        missing_fraction=missing / cells if cells else 0.0,
        duplicate_rows=summary.duplicate_rows,
        memory_bytes=table.source.memory_bytes,
        file_size=table.source.file_size,
        roles=roles,
        sample_size=min(summary.sample_size, summary.rows),
        sampled=summary.sampled,
    )


def _version() -> str:
    from edakit._version import __version__

    return __version__


def run_compare(
    source_a: Any,
    source_b: Any,
    config: ReportConfig,
    *,
    names: tuple[str, str] | None = None,
    by: str | None = None,
    values: tuple[str, str] | None = None,
    thresholds: Any = None,
    on_stage: StageCallback | None = None,
    load: Callable[[Any, ReportConfig], Table] = load_table,
) -> Any:
    """The comparison of two tables (`edakit compare`, `edakit.compare`): load each (or split one by the two values
    of `by`), infer each schema, then the comparison's gather (`engine.shift`) and analyse (`stats.shift`) steps.
    Returns a `stats.shift_results.DatasetComparison`. `load`: `load_table`, or the command's, which takes a read
    started before the options were parsed (`early_read.load_table`)."""
    from edakit.engine.shift import converted, gather, settle_roles, small_integer_tables
    from edakit.stats.shift import analyse
    from edakit.stats.shift_results import DatasetComparison, ShiftThresholds

    timings: dict[str, float] = {}
    start = time.perf_counter()
    if on_stage:
        on_stage("load")
    if by is not None and config.columns and by not in config.columns:
        config = dataclasses.replace(config, columns=[*config.columns, by])
    table_a = load(source_a, config)
    if by is None:
        if source_b is None:
            raise EdakitError("Give two tables to compare, or one table and --by COLUMN naming what splits it.")
        table_b = load(source_b, config)
        label_a, label_b = names or (_label(table_a, "a"), _label(table_b, "b"))
        frame_a, frame_b = table_a.frame, table_b.frame
    else:
        split = split_by(table_a, by, values)
        label_a, label_b = names or split
    if label_a == label_b:
        label_b = f"{label_b} (2)"
    timings["load"] = round(time.perf_counter() - start, 4)
    if on_stage:
        on_stage("compare")
    if by is None:
        schema_a, schema_b = infer_schema(frame_a), infer_schema(frame_b)
        frame_a = converted(frame_a, schema_a, table_a.in_memory)
        frame_b = converted(frame_b, schema_b, table_b.in_memory)
        tables = small_integer_tables(frame_a, table_a.in_memory), small_integer_tables(frame_b, table_b.in_memory)
        settle_roles(frame_a, schema_a, table_a.in_memory, tables[0])
        settle_roles(frame_b, schema_b, table_b.in_memory, tables[1])
    else:  # the parts of one table: one schema, inferred and settled on the whole table, so both parts' roles agree
        schema_a = schema_b = infer_schema(table_a.frame.drop(by))
        work = converted(table_a.frame, schema_a, table_a.in_memory)  # `by` has no conversion: not in the schema
        settle_roles(work.drop(by), schema_a, table_a.in_memory)
        frame_a, frame_b = parts(work, by, split)
        tables = None  # the parts' value counts: taken by `gather`
    in_memory = table_a.in_memory and (by is not None or table_b.in_memory)  # --by: both parts of table a
    gathered = gather(frame_a, schema_a, frame_b, schema_b, in_memory, tables)
    timings["gather"] = round(time.perf_counter() - start - timings["load"], 4)
    thresholds = thresholds or ShiftThresholds()
    fields = analyse(gathered, thresholds, conf_level=config.conf_level, p_adjust=config.p_adjust)
    comparison = DatasetComparison(
        title=config.title or f"{label_a} compared with {label_b}",
        created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        edakit_version=_version(),
        name_a=label_a,
        name_b=label_b,
        rows_a=gathered.rows_a,
        rows_b=gathered.rows_b,
        duplicates_a=gathered.duplicates_a,
        duplicates_b=gathered.duplicates_b,
        across=gathered.across,
        thresholds=thresholds,
        conf_level=config.conf_level,
        p_adjust=config.p_adjust,
        source_a=table_a.source.name,
        source_b=table_a.source.name if by is not None else table_b.source.name,
        notes=[f"Split by {by}: {label_a} is {by} = {split[0]}, {label_b} is {by} = {split[1]}."] if by else [],
        **fields,
    )
    timings["analyse"] = round(time.perf_counter() - start - timings["load"] - timings["gather"], 4)
    comparison.timings = timings
    return comparison


def _label(table: Table, default: str) -> str:
    """A table's name for the comparison page: its file or dataset name; `default` (a, b) for a DataFrame."""
    return default if table.source.kind == "dataframe" else table.source.name


def split_by(table: Table, by: str, values: tuple[str, str] | None) -> tuple[str, str]:
    """The two values of `table`'s column `by` (given, or its only two values) that split it (`parts`), as text."""
    import narwhals.stable.v2 as nw

    if by not in table.columns:
        raise EdakitError(f"Unknown column {by!r} for --by. Columns are: {', '.join(table.columns)}.")
    text = nw.col(by).cast(nw.String)
    present = table.frame.select(text.alias("v")).filter(~nw.col("v").is_null()).unique().collect()["v"].to_list()
    if values is None:
        if len(present) != 2:
            shown = ", ".join(sorted(map(str, present))[:10])
            raise EdakitError(
                f"--by {by} needs a column with exactly two values, or --values A,B naming two of them; "
                f"it has {len(present)}: {shown}."
            )
        values = (sorted(present)[0], sorted(present)[1])
    missing = [v for v in values if v not in present]
    if missing:
        raise EdakitError(f"Column {by!r} has no value {missing[0]!r}; its values include {', '.join(present[:10])}.")
    return str(values[0]), str(values[1])


def parts(frame: Any, by: str, values: tuple[str, str]) -> tuple[Any, Any]:
    """The rows of `frame` whose column `by`, as text, holds each of `values`, without that column."""
    import narwhals.stable.v2 as nw

    rest = [c for c in frame.collect_schema().names() if c != by]
    text = nw.col(by).cast(nw.String)
    return frame.filter(text == values[0]).select(rest), frame.filter(text == values[1]).select(rest)
