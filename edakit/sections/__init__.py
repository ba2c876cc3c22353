"""The lay-out stage: analysis sections beyond the per-column profile, each built by its own module.

Every analysis takes four steps, each in its stage's package (docs/ARCHITECTURE.md):

1. gather (`edakit/engine/`): the engine queries it needs, returned as typed aggregates, no scipy;
2. analyse (`edakit/stats/`): typed result dataclasses from those aggregates (`p_value`, `ci`, `effect_size`...);
3. explain (`edakit/explain/`): words from a result's numbers;
4. lay out (here): tables, charts and words into the page model, built from the typed result, which the builder
   leaves in `ctx.results[field]` for the Report to keep (`rep.comparisons`, `rep.correlations`, `rep.ab`...).

A builder module exposes `build(ctx: AnalysisContext) -> list[Section]` and, when it has engine work, `gather(ctx)`
(step 1 alone), which the runner starts first; `build(ctx, gathered)` then does steps 2 to 4. Builders run after
the profile; a builder that fails becomes a note in the report instead of sinking it. Modules are listed in `BUILDERS`
(in report order) and imported on first use; one that `WHEN` rules out for this report is not imported at all. A
module may declare `POSITION`: "first" or "last" for all its sections, or a mapping section id -> "first" | "last"
(the guide puts "How to read" first and the glossary last); sections keep the BUILDERS order otherwise.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from edakit.errors import EdakitError
from edakit.page import Section

BUILDERS = ("rows", "guide", "ab", "comparisons", "models", "correlations", "distributions", "pca", "timeseries")
_RANK = {"first": 0, "last": 2}
WORKERS: int | None = None  # threads for the builders; None: one each (1 runs them in turn, gathers first)
#: Builders whose build imports scipy.stats (their tests, models and A/B analyses, in the functions that need it),
#: each run only when an option asks for it (`WHEN`). scipy.stats costs 0.5-0.6 CPU-s to import; every other build
#: takes its distributions from scipy.special (`stats.distfuncs`), so a run without these imports none of it
#: (tests/test_default_imports.py); with one, this thread imports it while every other builder runs, and then
#: starts those (tests/test_sections.py checks that the others import none of it).
NEEDS_SCIPY_STATS = frozenset({"ab", "comparisons", "models"})
#: Builders that lay out nothing unless an option (or a date/time column) asks for them, with that test: a builder
#: whose test fails is not imported, which spares a plain report its engine, stats and explain modules. Each test
#: is the builder's own first check (or wider), so skipping it drops nothing (tests/test_sections.py).
WHEN = {
    "ab": lambda ctx: bool(ctx.config.metrics),
    "comparisons": lambda ctx: (
        bool(ctx.config.comparisons and not ctx.config.metrics) and bool(ctx.config.group or ctx.config.target)
    ),
    "models": lambda ctx: bool(ctx.config.target),
    "timeseries": lambda ctx: any(c.role == "datetime" for c in ctx.schema.columns),
}


@dataclass
class AnalysisContext:
    """What a section builder may use: the loaded table, its schema and profile, the column reports; and where it
    leaves its typed result (`results[name]`, `name` a field of the Report such as "comparisons"), which the
    Report keeps beside the section laid out from it."""

    table: Any  # edakit.loader.Table
    schema: Any  # edakit.schema.Schema
    summary: Any  # edakit.engine.profile.TableSummary
    columns: list[Any]  # edakit.model.ColumnReport
    config: Any  # edakit.config.ReportConfig
    results: dict[str, Any] = field(default_factory=dict)
    shared: dict[Any, Any] = field(default_factory=dict, repr=False)  # engine passes two gathers share (engine.shared)
    # builder name -> its gather, started by the pipeline before the profile ended (the A/B test's, `sections.ab`)
    gathering: dict[str, Future] = field(default_factory=dict, repr=False)
    # called on a builder's thread with its sections and its results (field -> result) once it has returned them:
    # the pipeline renders them there, while other builders run (`pipeline.build_report(render_early=True)`), and
    # returns the sections the report keeps (a brief report's cut: `words.brief_sections`)
    on_built: Callable[[list[Section], dict[str, Any]], list[Section]] | None = field(default=None, repr=False)


def import_builders() -> None:
    """Import the builder modules every report runs (those `WHEN` does not decide on, as it needs the schema) ahead
    of `start_sections`, for a caller with time to spare before the profile (`pipeline.build_report`, waiting for
    the read). None of them imports scipy."""
    for name in BUILDERS:
        if name not in WHEN:
            importlib.import_module(f"edakit.sections.{name}")


def build_sections(ctx: AnalysisContext) -> tuple[list[Section], list[str]]:
    """Run every builder; return the sections and notes about builders that could not run (`start_sections`, then
    its `finish`)."""
    return start_sections(ctx).finish()


def start_sections(ctx: AnalysisContext) -> SectionRun:
    """Start every builder that can start now on its thread; `finish()` on the returned run gives the sections and
    notes. Builders read the summary's rows, columns, levels and sample only (never `duplicate_rows` nor
    `missing_patterns`), so the report starts them while the profile's table-wide queries still run
    (`engine.profile.profile`'s `on_columns`)."""
    return SectionRun(ctx)


class SectionRun:
    """The builders of one report, running.

    Builders run at once on threads: the engine passes wait with the GIL released while the distribution fits
    and bootstraps run numpy, so two cores stay busy. A builder module may also have `gather(ctx)`: its engine
    passes alone, which import no scipy; it starts first, and `build(ctx, gathered)` then gets its result.
    The builder modules and scipy.special are imported on the starting thread before the threads start, and
    scipy.stats, when a builder of the run needs it (`NEEDS_SCIPY_STATS`), by the thread that calls `finish` while
    the other builders run (about 0.6 CPU-s), before those that need it start: so no two threads ever import the
    same modules at once (scipy's subpackages import each other and can deadlock). Every builder is seeded and
    reads the context without changing it, so the results do not depend on the threads."""

    def __init__(self, ctx: AnalysisContext) -> None:
        self.ctx = ctx
        self.modules: list[tuple[str, Any]] = []
        for name in BUILDERS:
            if name in WHEN and not WHEN[name](ctx):
                continue
            try:
                self.modules.append((name, importlib.import_module(f"edakit.sections.{name}")))
            except ModuleNotFoundError as exc:
                if exc.name != f"edakit.sections.{name}":
                    raise
        self.later = {name for name, _ in self.modules if name in NEEDS_SCIPY_STATS}
        importlib.import_module("scipy.special")
        self.pool = ThreadPoolExecutor(max_workers=_workers(ctx, len(self.modules)))
        self.gathering = {
            name: ctx.gathering.get(name) or self.pool.submit(module.gather, ctx)
            for name, module in self.modules
            if hasattr(module, "gather")
        }
        self.building = {name: self._start(name, module) for name, module in self.modules if name not in self.later}

    def _start(self, name: str, module: Any) -> Future:
        return self.pool.submit(_build, name, module, self.ctx, self.gathering.get(name))

    def finish(self) -> tuple[list[Section], list[str]]:
        """Start the builders that need scipy.stats (imported first, on this thread), wait for every builder and
        return the sections in report order and the notes about builders that could not run."""
        try:
            if self.later:
                importlib.import_module("scipy.stats")
                later = {name: self._start(name, module) for name, module in self.modules if name in self.later}
                self.building |= later
            built = [self.building[name].result() for name, _ in self.modules]
        finally:
            self.close()
        placed: list[tuple[int, Section]] = []
        notes: list[str] = []
        for (_, module), (sections, note) in zip(self.modules, built, strict=True):
            placed += [(_rank(module, section), section) for section in sections]
            notes += [note] if note else []
        placed.sort(key=lambda rs: rs[0])  # stable: BUILDERS order within first, middle and last
        return [section for _, section in placed], notes

    def close(self) -> None:
        """Wait for the builders started (those not yet started are dropped): when the report stops half-way."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _workers(ctx: AnalysisContext, builders: int) -> int:
    """Threads for the builders: one each, but one in all on DuckDB, whose connection refuses a second query
    while one runs ("connection is busy"), so its builders run in turn."""
    import narwhals.stable.v2 as nw

    frame = getattr(ctx.table, "frame", None)
    if frame is not None and nw.get_native_namespace(frame).__name__.startswith("duckdb"):
        return 1
    return WORKERS or builders or 1


def _build(name: str, module: Any, ctx: AnalysisContext, gathered: Future | None) -> tuple[list[Section], str | None]:
    """One builder's sections, or a note saying why it could not run (a user error still stops the report).

    The builder leaves its results in a context of its own (the same table, summary and shared passes), so that
    `ctx.on_built` gets this builder's results alone; they join `ctx.results` when it returns, or fails."""
    own = dataclasses.replace(ctx, results={}) if ctx.on_built is not None else ctx
    try:
        sections = module.build(own) if gathered is None else module.build(own, gathered.result())
    except EdakitError:
        raise  # a user error (e.g. unknown --group column) stops the report with its message
    except Exception as exc:  # one failing analysis never sinks the report
        return [], f"The {name} section could not be computed ({type(exc).__name__}: {exc})."
    finally:
        if own is not ctx:
            ctx.results.update(own.results)
    if ctx.on_built is not None:
        sections = ctx.on_built(sections, own.results)
    return sections, None


def _rank(module: Any, section: Section) -> int:
    """0 for a section placed first, 2 for last, 1 otherwise (from the module's optional `POSITION`)."""
    position = getattr(module, "POSITION", None)
    if isinstance(position, dict):
        position = position.get(section.id)
    return _RANK.get(position, 1) if isinstance(position, str) else 1
