"""Command line: `edakit report`, `edakit ab`, `edakit compare`, `edakit datasets`. A thin layer over the Python API.

User errors (EdakitError) print one line on stderr and exit with code 2; progress goes to stderr.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from edakit._process import prepare_process
from edakit.errors import EdakitError

app = typer.Typer(
    name="edakit",
    help="Exploratory data analysis reports with confidence intervals and plain-language explanations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # option help uses [default: ...] literally
)
datasets_app = typer.Typer(help="Bundled teaching datasets.", invoke_without_command=True)
app.add_typer(datasets_app, name="datasets")

EXIT_USER_ERROR = 2


def _fail(message: str) -> None:
    typer.echo(f"edakit: error: {message}", err=True)
    raise typer.Exit(EXIT_USER_ERROR)


def default_output(source: str, suffix: str = "") -> Path:
    """reports/<name><suffix>.html for a path or a bundled dataset name.

    `ab` passes suffix "_ab", so `edakit ab licorice ...` and `edakit report licorice` do not overwrite each other.

    >>> default_output("data/survey.csv.gz").as_posix(), default_output("licorice", "_ab").as_posix()
    ('reports/survey.html', 'reports/licorice_ab.html')
    """
    stem = Path(source).name
    for ending in (".gz", ".csv", ".tsv", ".txt", ".parquet", ".tab"):
        stem = stem.removesuffix(ending)
    return Path("reports") / f"{stem or 'report'}{suffix}.html"


def _print_version(value: bool) -> None:
    if value:
        from edakit import __version__

        typer.echo(f"edakit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    pass


# Options shared by `report` and `ab`, declared once.
Source = Annotated[
    str,
    typer.Argument(
        help="CSV/TSV, JSON, Parquet, Arrow, SQLite or DuckDB file, or a bundled dataset name (see `edakit datasets`)."
    ),
]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="HTML file to write [default: reports/NAME.html].")]
AbOutput = Annotated[
    Path | None, typer.Option("-o", "--output", help="HTML file to write [default: reports/NAME_ab.html].")
]
JsonPath = Annotated[Path | None, typer.Option("--json", help="Also write the report model as JSON here.")]
Title = Annotated[str | None, typer.Option(help="Report title.")]
Sample = Annotated[int, typer.Option("--sample", help="Rows used by sample-based methods (seeded).")]
Seed = Annotated[int, typer.Option(help="Seed of the random sample.")]
ConfLevel = Annotated[float, typer.Option("--conf-level", help="Confidence level of every interval.")]
Columns = Annotated[str | None, typer.Option(help="Comma-separated columns to report on [default: all].")]
Encoding = Annotated[str | None, typer.Option(help="Text encoding of the file [default: detected].")]
Delimiter = Annotated[str | None, typer.Option(help="Field delimiter, e.g. ';' or tab [default: detected].")]
Header = Annotated[
    bool | None,
    typer.Option("--header/--no-header", help="The first line holds column names, or is data [default: detected]."),
]
TableName = Annotated[
    str | None, typer.Option("--table", help="The table of a SQLite or DuckDB file [default: its only table].")
]
SheetName = Annotated[
    str | None, typer.Option("--sheet", help="The sheet of an Excel or OpenDocument workbook [default: the first].")
]
SqlQuery = Annotated[
    str | None, typer.Option("--sql", help="A query whose result is the table, on a SQLite or DuckDB file.")
]
NaValues = Annotated[
    str | None, typer.Option("--na-values", help="Comma-separated markers of missing values [default: NA, N/A, ...].")
]
MaxCharts = Annotated[
    int, typer.Option("--max-charts", help="Draw charts for the first N columns only (0: no column charts).")
]
PAdjust = Annotated[str, typer.Option("--p-adjust", help="Multiple-testing correction: holm or bh.")]
Role = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        help="Set a column's role by hand: NAME=ROLE (numeric, categorical, boolean, datetime, text, "
        "identifier); repeat for several.",
    ),
]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing but errors.")]
Stream = Annotated[
    bool | None,
    typer.Option(
        "--stream/--no-stream",
        help="Read the CSV through a temporary Parquet file, never whole in memory [default: when over 1 GiB].",
    ),
]
Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="The engine that reads a CSV or Parquet file and runs every query: polars, duckdb or spark.",
    ),
]
ExplainLevel = Annotated[
    str,
    typer.Option(
        "--explain",
        help="Explanations: full (methods, formulas, every caveat) or brief (one sentence per result).",
    ),
]


@app.command()
def report(
    ctx: typer.Context,
    source: Source,
    output: Output = None,
    json_path: JsonPath = None,
    title: Title = None,
    group: Annotated[
        str | None, typer.Option(help="Compare every other column across the levels of this column.")
    ] = None,
    pair: Annotated[
        str | None,
        typer.Option(help="With --group: the column naming the unit measured in every group (paired tests)."),
    ] = None,
    design: Annotated[
        str,
        typer.Option(help="How the groups came about: observational or randomised (causal wording only then)."),
    ] = "observational",
    target: Annotated[str | None, typer.Option(help="Analyse every other column against this outcome.")] = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            help="With --group: comma-separated columns measured before the groups were formed (baseline "
            "covariates); their tests form their own multiple-testing family, apart from the outcomes."
        ),
    ] = None,
    no_correlations: Annotated[
        bool, typer.Option("--no-correlations", help="Leave out the correlations section.")
    ] = False,
    p_adjust: PAdjust = "holm",
    role: Role = None,
    sample: Sample = 100_000,
    seed: Seed = 0,
    conf_level: ConfLevel = 0.95,
    columns: Columns = None,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    header: Header = None,
    table: TableName = None,
    sheet: SheetName = None,
    sql: SqlQuery = None,
    na_values: NaValues = None,
    stream: Stream = None,
    engine: Engine = "polars",
    max_charts: MaxCharts = 100,
    explain: ExplainLevel = "full",
    quiet: Quiet = False,
) -> None:
    """Write an HTML report (and optionally JSON) describing every column of SOURCE."""
    try:
        roles = _roles(role)
    except EdakitError as exc:
        _fail(str(exc))
    _write_report(
        ctx,
        group=group,
        pair=pair,
        design=design.lower(),
        target=target,
        baseline=_names(baseline),
        correlations=not no_correlations,
        p_adjust=p_adjust,
        roles=roles,
    )


@app.command()
def ab(
    ctx: typer.Context,
    source: Source,
    group: Annotated[str, typer.Option(help="The column naming each row's variant (arm).")],
    metric: Annotated[list[str], typer.Option("--metric", help="An outcome column; repeat for several.")],
    control: Annotated[str | None, typer.Option(help="The control variant [default: first in sorted order].")] = None,
    expected_split: Annotated[
        str | None, typer.Option("--expected-split", help="Planned allocation in sorted variant order, e.g. 50,50.")
    ] = None,
    covariate: Annotated[str | None, typer.Option(help="Pre-period covariate for CUPED variance reduction.")] = None,
    equivalence_margin: Annotated[
        float | None,
        typer.Option(
            "--equivalence-margin",
            help="Smallest lift that matters, in the metric's units (rates: 0.01 = 1 point): adds an equivalence "
            "test (TOST).",
        ),
    ] = None,
    alpha: Annotated[float, typer.Option(help="Significance level of the decision.")] = 0.05,
    power: Annotated[float, typer.Option(help="Target power for the minimum detectable effect.")] = 0.8,
    metric_type: Annotated[
        list[str] | None, typer.Option("--metric-type", help="Override detection: COLUMN=binary|continuous.")
    ] = None,
    p_adjust: PAdjust = "holm",
    role: Role = None,
    design: Annotated[
        str, typer.Option(help="How the variants were assigned: randomised or observational (no causal wording).")
    ] = "randomised",
    output: AbOutput = None,
    json_path: JsonPath = None,
    title: Title = None,
    sample: Sample = 100_000,
    seed: Seed = 0,
    conf_level: Annotated[
        float | None, typer.Option("--conf-level", help="Confidence level [default: 1 - alpha].")
    ] = None,
    columns: Columns = None,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    header: Header = None,
    table: TableName = None,
    sheet: SheetName = None,
    sql: SqlQuery = None,
    na_values: NaValues = None,
    stream: Stream = None,
    engine: Engine = "polars",
    max_charts: MaxCharts = 100,
    explain: ExplainLevel = "full",
    quiet: Quiet = False,
) -> None:
    """Write an A/B test report: allocation check, lift with intervals, power, corrections, then the profile."""
    try:
        options = dict(
            group=group,
            metrics=metric,
            control=control,
            covariate=covariate,
            equivalence_margin=equivalence_margin,
            alpha=alpha,
            power=power,
            p_adjust=p_adjust,
            expected_split=_numbers(expected_split, "--expected-split"),
            metric_types=_metric_types(metric_type),
            roles=_roles(role),
            correlations=False,
            comparisons=False,
            design=design.lower(),
        )
    except EdakitError as exc:
        _fail(str(exc))
    _write_report(ctx, conf_level=conf_level if conf_level is not None else 1 - alpha, output_suffix="_ab", **options)


@app.command()
def compare(
    source: Source,
    other: Annotated[
        str | None, typer.Argument(help="The table to compare with SOURCE (the reference); omit it with --by.")
    ] = None,
    by: Annotated[
        str | None, typer.Option(help="Compare the two subsets of SOURCE that this column's two values define.")
    ] = None,
    values: Annotated[
        str | None, typer.Option(help="With --by: the two values to compare, e.g. train,test [default: its only two].")
    ] = None,
    names: Annotated[
        str | None, typer.Option(help="Labels of the two tables, e.g. train,test [default: their names].")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="HTML file to write [default: reports/A_vs_B.html].")
    ] = None,
    json_path: JsonPath = None,
    title: Title = None,
    fail_on_shift: Annotated[
        bool,
        typer.Option("--fail-on-shift", help="Exit with code 1 when a column's shift reaches a threshold."),
    ] = False,
    psi_threshold: Annotated[float, typer.Option("--psi-threshold", help="Shifted at this PSI or more.")] = 0.25,
    smd_threshold: Annotated[
        float, typer.Option("--smd-threshold", help="Shifted at this |Cohen's d| or more (numeric).")
    ] = 0.2,
    v_threshold: Annotated[
        float, typer.Option("--v-threshold", help="Shifted at this Cramér's V or more (categorical).")
    ] = 0.1,
    missing_threshold: Annotated[
        float,
        typer.Option("--missing-threshold", help="Shifted when the missing share moves this much (0.05: 5 points)."),
    ] = 0.05,
    p_adjust: PAdjust = "holm",
    conf_level: ConfLevel = 0.95,
    columns: Columns = None,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    header: Header = None,
    na_values: NaValues = None,
    stream: Stream = None,
    engine: Engine = "polars",
    table: TableName = None,
    sheet: SheetName = None,
    sql: SqlQuery = None,
    quiet: Quiet = False,
) -> None:
    """Compare two tables (or two parts of one, with --by): which columns shifted, by how much, how sure."""
    from edakit import early_read
    from edakit.config import ReportConfig
    from edakit.pipeline import run_compare
    from edakit.stats.shift_results import ShiftThresholds

    try:
        if other is not None and by is not None:
            raise EdakitError("Give either a second table or --by COLUMN, not both.")
        config = ReportConfig(
            title=title,
            conf_level=conf_level,
            p_adjust=p_adjust,
            columns=_names(columns),
            encoding=encoding,
            delimiter=_unescape(delimiter),
            header=header,
            na_values=_names(na_values, keep_empty=True),
            stream=stream,
            engine=engine,
            table=table,
            sheet=sheet,
            sql=sql,
        )
        thresholds = ShiftThresholds(psi_threshold, smd_threshold, v_threshold, missing_threshold)
        with _progress(quiet) as on_stage:
            result = run_compare(
                source,
                other,
                config,
                names=_two(names, "--names"),
                by=by,
                values=_two(values, "--values"),
                thresholds=thresholds,
                on_stage=on_stage,
                load=early_read.load_table,  # the reads `edakit._launch` started, when the options agree
            )
            on_stage("render")
            out = output or compare_output(source, other, by)
            result.to_html(out)
            if json_path:
                result.to_json(json_path)
    except EdakitError as exc:
        _fail(str(exc))
    if not quiet:
        typer.echo(f"Wrote {out}" + (f" and {json_path}" if json_path else ""))
    if fail_on_shift and result.passed:
        shifted = {s.column: s.passed for s in [*result.numeric, *result.categorical, *result.other]}
        typer.echo(f"Shifted past a threshold ({len(result.passed)} column(s)):")
        for name in result.passed:
            typer.echo(f"  {name}: {'; '.join(shifted[name])}")
        raise typer.Exit(1)


def compare_output(source: str, other: str | None, by: str | None) -> Path:
    """reports/A_vs_B.html for two tables, reports/A_by_COLUMN.html for one split by a column.

    >>> compare_output("train.csv", "test.csv", None).as_posix(), compare_output("data.csv", None, "split").as_posix()
    ('reports/train_vs_test.html', 'reports/data_by_split.html')
    """
    first = default_output(source).stem
    second = f"by_{by}" if by else f"vs_{default_output(other or 'other').stem}"
    return Path("reports") / f"{first}_{second}.html"


def _two(text: str | None, option: str) -> tuple[str, str] | None:
    """A pair of comma-separated labels (`--names train,test`)."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise EdakitError(f"{option} takes two comma-separated labels, e.g. train,test (got {text!r}).")
    return parts[0], parts[1]


def _write_report(ctx: typer.Context, output_suffix: str = "", **options: Any) -> None:
    """Build the config, run the pipeline with progress on stderr, write HTML (and JSON) atomically.

    The options every report command shares (SOURCE, --output, --sample, --encoding, ... declared once above)
    are read from the command's parsed parameters, `ctx.params`; `options` are the command's own ReportConfig
    fields and take precedence (`ab` gives its own conf_level). `output_suffix` goes into the default file name.
    """
    from edakit.config import ReportConfig
    from edakit.early_read import claim
    from edakit.loader import start_load_table

    shared = ctx.params
    source, output, json_path, quiet = shared["source"], shared["output"], shared["json_path"], shared["quiet"]
    try:
        config = ReportConfig(**{**_shared_config(shared), **options})
        out = output or default_output(source, output_suffix)
        # the read `edakit._launch` started before typer when it reads the file as `config` does, else one started
        # now; polars reads while what comes next is imported
        loading = claim(source, config) or start_load_table(source, config)
        from edakit.pipeline import build_report
        from edakit.render.html import prepare

        prepare()
        with _progress(quiet) as on_stage:
            rep = build_report(source, config, on_stage=on_stage, loading=loading, render_early=True)
            on_stage("render")
            rep.to_html(out)
            if json_path:
                rep.to_json(json_path)
    except EdakitError as exc:
        _fail(str(exc))
    if not quiet:
        typer.echo(f"Wrote {out}" + (f" and {json_path}" if json_path else ""))


def _shared_config(params: dict[str, Any]) -> dict[str, Any]:
    """ReportConfig fields from the shared options, as parsed on the command line."""
    return dict(
        title=params["title"],
        sample_size=params["sample"],
        seed=params["seed"],
        conf_level=params["conf_level"],
        columns=_names(params["columns"]),
        encoding=params["encoding"],
        delimiter=_unescape(params["delimiter"]),
        header=params["header"],
        na_values=_names(params["na_values"], keep_empty=True),
        stream=params["stream"],
        engine=params["engine"],
        table=params["table"],
        sheet=params["sheet"],
        sql=params["sql"],
        max_charted_columns=params["max_charts"],
        explain=params["explain"].lower(),
    )


def _names(text: str | None, keep_empty: bool = False) -> list[str] | None:
    """Split a comma-separated option; None when not given."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",")]
    return parts if keep_empty else [p for p in parts if p]


def _numbers(text: str | None, option: str) -> list[float] | None:
    if text is None:
        return None
    try:
        return [float(p) for p in text.split(",")]
    except ValueError:
        raise EdakitError(f"{option} takes comma-separated numbers, e.g. 50,50 (got {text!r}).") from None


def _metric_types(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        name, sep, kind = pair.rpartition("=")
        if not sep or kind not in ("binary", "continuous"):
            raise EdakitError(f"--metric-type takes COLUMN=binary or COLUMN=continuous (got {pair!r}).")
        out[name] = kind
    return out


def _roles(pairs: list[str] | None) -> dict[str, str] | None:
    """`--role NAME=ROLE` options as {name: role} (the roles themselves are checked against the table)."""
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        name, sep, role = pair.rpartition("=")
        if not sep or not name or not role:
            raise EdakitError(f"--role takes NAME=ROLE, e.g. --role ID=identifier (got {pair!r}).")
        out[name] = role.strip().lower()
    return out


@datasets_app.callback()
def datasets_list(ctx: typer.Context) -> None:
    """List the bundled datasets (`edakit datasets show NAME` for a data card)."""
    if ctx.invoked_subcommand is not None:
        return
    from edakit import datasets

    for card in datasets.list_datasets():
        typer.echo(f"{card.name:<16} {card.rows:>6} × {len(card.columns):<3} {card.description}")


@datasets_app.command("show")
def datasets_show(name: str) -> None:
    """Print the data card of dataset NAME."""
    from edakit import datasets

    try:
        typer.echo(datasets.show(name))
    except EdakitError as exc:
        _fail(str(exc))


@datasets_app.command("path")
def datasets_path(name: str) -> None:
    """Print the path of dataset NAME's CSV file."""
    from edakit import datasets

    try:
        typer.echo(str(datasets.path(name)))
    except EdakitError as exc:
        _fail(str(exc))


def _unescape(delimiter: str | None) -> str | None:
    """Let people type `--delimiter '\\t'` or `--delimiter tab`."""
    if delimiter is None:
        return None
    named = {"\\t": "\t", "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
    value = named.get(delimiter.lower(), delimiter)
    if len(value) != 1:
        raise EdakitError(f"--delimiter must be one character (got {delimiter!r}).")
    return value


class _progress:
    """A rich spinner on stderr naming the current stage; silent when quiet or not a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self):  # noqa: ANN204
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("starting", total=None)
        return self.on_stage

    def on_stage(self, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=f"edakit: {name}")

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)


def main() -> None:
    """Entry point of the command without the read started before typer (`edakit._launch.main` is the command's:
    it prepares the process and may start the read, then calls `run`)."""
    prepare_process()
    run()


def run() -> None:
    """Parse the command line and run the command; user errors raised outside a command body exit 2 too."""
    try:
        app()
    except EdakitError as exc:  # raised outside a command body (e.g. option parsing helpers)
        typer.echo(f"edakit: error: {exc}", err=True)
        sys.exit(EXIT_USER_ERROR)
    finally:
        # The command has done its work. Freezing the heap spares the interpreter's exit from garbage-collecting
        # the several hundred thousand objects scipy, polars and the report leave (0.25 s); they are freed anyway,
        # and temporary files are removed by their atexit finalizers, which run regardless.
        gc.freeze()
