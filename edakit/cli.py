"""Command line: `edakit report ...`, `edakit datasets ...`. A thin layer over the Python API.

User errors (EdakitError) print one line on stderr and exit with code 2; progress goes to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from edakit.errors import EdakitError

app = typer.Typer(
    name="edakit",
    help="Exploratory data analysis reports with confidence intervals and plain-language explanations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
datasets_app = typer.Typer(help="Bundled teaching datasets.", invoke_without_command=True)
app.add_typer(datasets_app, name="datasets")

EXIT_USER_ERROR = 2


def _fail(message: str) -> None:
    typer.echo(f"edakit: error: {message}", err=True)
    raise typer.Exit(EXIT_USER_ERROR)


def default_output(source: str) -> Path:
    """reports/<name>.html for a path or a bundled dataset name."""
    stem = Path(source).name
    for suffix in (".gz", ".csv", ".tsv", ".txt", ".parquet", ".tab"):
        stem = stem.removesuffix(suffix)
    return Path("reports") / f"{stem or 'report'}.html"


@app.command()
def report(
    source: Annotated[
        str, typer.Argument(help="CSV/TSV/Parquet file, or a bundled dataset name (see `edakit datasets`).")
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="HTML file to write [default: reports/NAME.html].")
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the report model as JSON here.")] = None,
    title: Annotated[str | None, typer.Option(help="Report title.")] = None,
    sample: Annotated[int, typer.Option("--sample", help="Rows used by sample-based methods (seeded).")] = 100_000,
    seed: Annotated[int, typer.Option(help="Seed of the random sample.")] = 0,
    conf_level: Annotated[float, typer.Option("--conf-level", help="Confidence level of every interval.")] = 0.95,
    columns: Annotated[str | None, typer.Option(help="Comma-separated columns to report on [default: all].")] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding of the file [default: detected].")] = None,
    delimiter: Annotated[str | None, typer.Option(help="Field delimiter [default: detected].")] = None,
    no_header: Annotated[bool, typer.Option("--no-header", help="The first line is data, not column names.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing but errors.")] = False,
) -> None:
    """Write an HTML report (and optionally JSON) describing every column of SOURCE."""
    from edakit.config import ReportConfig
    from edakit.pipeline import build_report

    try:
        config = ReportConfig(
            title=title,
            sample_size=sample,
            seed=seed,
            conf_level=conf_level,
            columns=[c.strip() for c in columns.split(",") if c.strip()] if columns else None,
            encoding=encoding,
            delimiter=_unescape(delimiter),
            header=not no_header,
        )
        out = output or default_output(source)
        with _progress(quiet) as on_stage:
            rep = build_report(source, config, on_stage=on_stage)
            on_stage("render")
            rep.to_html(out)
            if json_path:
                rep.to_json(json_path)
    except EdakitError as exc:
        _fail(str(exc))
    if not quiet:
        typer.echo(f"Wrote {out}" + (f" and {json_path}" if json_path else ""))


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
    """Entry point of the `edakit` command."""
    try:
        app()
    except EdakitError as exc:  # raised outside a command body (e.g. option parsing helpers)
        typer.echo(f"edakit: error: {exc}", err=True)
        sys.exit(EXIT_USER_ERROR)
