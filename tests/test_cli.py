"""The CLI through its real entry point (`python -m edakit`), as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def test_report_on_bundled_dataset_writes_default_path(tmp_path: Path) -> None:
    result = run_cli("report", "penguins", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "reports" / "penguins.html"
    assert out.exists()
    assert f"Wrote {Path('reports') / 'penguins.html'}" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "body_mass_g" in html


def test_report_on_csv_with_output_json_title_and_sample(tmp_path: Path, penguins_csv: Path) -> None:
    out, js = tmp_path / "x" / "r.html", tmp_path / "r.json"
    result = run_cli(
        "report",
        str(penguins_csv),
        "-o",
        str(out),
        "--json",
        str(js),
        "--title",
        "My <b>title</b>",
        "--sample",
        "50",
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    html = out.read_text(encoding="utf-8")
    assert "My &lt;b&gt;title&lt;/b&gt;" in html and "<b>title</b>" not in html
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["title"] == "My <b>title</b>"
    assert data["overview"]["rows"] == 344 and data["settings"]["sample_size"] == 50


def test_columns_option_restricts_the_report(tmp_path: Path) -> None:
    js = tmp_path / "r.json"
    result = run_cli(
        "report",
        "penguins",
        "-o",
        str(tmp_path / "r.html"),
        "--json",
        str(js),
        "--columns",
        "species,body_mass_g",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    assert [c["name"] for c in json.loads(js.read_text())["columns"]] == ["species", "body_mass_g"]


def test_datasets_commands() -> None:
    listing = run_cli("datasets")
    assert listing.returncode == 0 and "penguins" in listing.stdout and "sleep" in listing.stdout
    card = run_cli("datasets", "show", "sleep")
    assert card.returncode == 0 and "Student" in card.stdout
    path = run_cli("datasets", "path", "penguins")
    assert path.returncode == 0 and Path(path.stdout.strip()).name == "penguins.csv"


def _assert_user_error(result, fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment.lower() in lines[0].lower()


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda d: d / "missing.csv", "not found"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.csv", b""), "empty"),
        (lambda d: _write(d / "bin.csv", bytes(range(256)) * 4), "binary"),
    ],
)
def test_bad_input_files_exit_2_with_one_line_and_no_output(tmp_path: Path, setup, fragment: str) -> None:
    source = setup(tmp_path)
    out = tmp_path / "out.html"
    _assert_user_error(run_cli("report", str(source), "-o", str(out)), fragment)
    assert not out.exists()


def test_undecodable_file_with_forced_encoding(tmp_path: Path) -> None:
    source = _write(tmp_path / "latin.csv", "name\nJosé\n".encode("latin-1"))
    _assert_user_error(
        run_cli("report", str(source), "--encoding", "utf-8", "-o", str(tmp_path / "o.html")), "not valid utf-8"
    )


def test_unknown_dataset_name_suggests(tmp_path: Path) -> None:
    _assert_user_error(run_cli("report", "pengiuns", cwd=tmp_path), "not found")
    _assert_user_error(run_cli("datasets", "show", "pengiuns"), "penguins")


def test_unknown_column_option(tmp_path: Path) -> None:
    _assert_user_error(
        run_cli("report", "penguins", "--columns", "nope", "-o", str(tmp_path / "o.html")), "unknown column"
    )


def test_unwritable_output_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "file", b"x")
    _assert_user_error(run_cli("report", "penguins", "-o", str(blocker / "sub" / "r.html")), "cannot write")


def test_failed_run_keeps_the_earlier_report(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_cli("report", "sleep", "-o", str(out), "-q").returncode == 0
    before = out.read_bytes()
    _assert_user_error(run_cli("report", str(tmp_path / "missing.csv"), "-o", str(out)), "not found")
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_python_dash_m_and_help() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "report" in result.stdout
    assert (ROOT / "edakit" / "__main__.py").exists()


def test_version_option_prints_the_version() -> None:
    import edakit

    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"edakit {edakit.__version__}\n"
    try:  # the installed distribution (edakit-report, not PyPI's unrelated "edakit") carries the same version
        from importlib.metadata import PackageNotFoundError, version

        assert version("edakit-report") == edakit.__version__
    except PackageNotFoundError:
        pass  # running from a checkout that was never installed


def test_ab_default_output_does_not_replace_the_report(tmp_path: Path) -> None:
    """`edakit report licorice` writes reports/licorice.html; `edakit ab licorice ...` must not overwrite it."""
    result = run_cli("ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Wrote {Path('reports') / 'licorice_ab.html'}" in result.stdout
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["licorice_ab.html"]
    assert "A/B test" in (tmp_path / "reports" / "licorice_ab.html").read_text(encoding="utf-8")
    assert "reports/NAME_ab.html" in run_cli("ab", "--help").stdout


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_header_only_file_still_gets_a_report(tmp_path: Path) -> None:
    source = _write(tmp_path / "header.csv", b'a,"<b>"\n')
    out = tmp_path / "out.html"
    done = run_cli("report", str(source), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "0 rows × 2 columns" in html and "&lt;b&gt;" in html and "no data rows" in html
    assert "has no values: the table has no rows" in html and "entirely missing" not in html


def test_streamed_copy_is_removed_when_the_command_exits(tmp_path: Path, penguins_csv: Path) -> None:
    """The temporary Parquet copy of a streamed file is removed at exit (the CLI freezes the heap at exit, and
    the copy's finalizer must still run)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    out = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "edakit", "report", str(penguins_csv), "--stream", "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    ("variable", "library", "given", "expected"),
    [
        ("OPENBLAS_NUM_THREADS", "numpy", None, "1"),  # OpenBLAS reads it when numpy is imported
        ("OPENBLAS_NUM_THREADS", "numpy", "2", "2"),
        ("_RJEM_MALLOC_CONF", "polars", None, "dirty_decay_ms:250"),  # polars' jemalloc, when polars is imported
        ("_RJEM_MALLOC_CONF", "polars", "narenas:2", "narenas:2"),
    ],
)
def test_command_sets_library_options_before_the_library_loads(
    variable: str, library: str, given: str | None, expected: str
) -> None:
    """`main` sets OpenBLAS's thread count and polars' jemalloc options (keeping a value the user gave) before the
    library that reads them is imported; the command's own work stands in for a report here."""
    env = {k: v for k, v in os.environ.items() if k != variable} | {"PYTHONPATH": str(ROOT)}
    if given is not None:
        env[variable] = given
    code = (
        "import sys, os, edakit.cli as cli\n"
        f"cli.app = lambda: print(os.environ.get({variable!r}), {library!r} in sys.modules)\n"
        "cli.main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [expected, "False"]
