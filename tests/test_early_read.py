"""The command starts reading its file before typer parses the options (`edakit._launch`, `edakit.early_read`).

Each test runs the command as `python -m edakit` does, in a fresh process, under a spy that records which thread
opens the data file, the threads running when typer is first looked for, the process settings when numpy and
polars are first looked for, and the threads alive at exit. The reference for "the same report" is the command
without the early read (`edakit.cli.main`, the entry point before it) and, for what the options change, Python's
csv module.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SPY = """
import atexit, json, os, runpy, sys, threading, importlib.machinery
alive = lambda: sorted(t.name for t in threading.enumerate() if t.is_alive())
FILES = [os.path.realpath(f) for f in os.environ["SPY_FILES"].split(os.pathsep)]
opened, settings, at_typer = [], {}, []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, os.PathLike)) and os.path.realpath(args[0]) in FILES:
        opened.append(threading.current_thread().name + ("" if os.path.realpath(args[0]) == FILES[0] else " 2"))
sys.addaudithook(hook)
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "typer" and not at_typer:
            at_typer.append(alive())
        if name in ("numpy", "polars") and name not in settings:
            settings[name] = [os.environ.get("OPENBLAS_NUM_THREADS"), os.environ.get("_RJEM_MALLOC_CONF")]
        if name == "edakit.loader" and os.environ.get("SPY_ENDLESS"):  # a read that never ends
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            run = spec.loader.exec_module
            def exec_module(module):
                run(module)
                module.load = lambda *a, **k: threading.Event().wait()
            spec.loader.exec_module = exec_module
            return spec
        return None
sys.meta_path.insert(0, Spy())
records = lambda: {"opened": opened, "settings": settings, "at_typer": at_typer[0], "alive": alive()}
atexit.register(lambda: print("SPY", json.dumps(records())))
sys.argv = ["edakit", *sys.argv[1:]]
if os.environ.get("SPY_PLAIN"):  # the command without the early read
    from edakit.cli import main
    main()
else:
    runpy.run_module("edakit", run_name="__main__")
"""


def _run(data: Path, *args: str, other: Path | None = None, **env: str) -> tuple[subprocess.CompletedProcess, dict]:
    """The command on `data` (and `other`) under the spy: the finished process and the spy's records (the threads
    that open `data`, and `other` with " 2" after the thread's name)."""
    base = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "_RJEM_MALLOC_CONF")}
    files = [str(data), *([str(other)] if other else [])]
    env = {**base, "PYTHONPATH": str(ROOT), "SPY_FILES": os.pathsep.join(files), **env}
    command = [sys.executable, "-c", SPY, args[0], *files, *args[1:]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    line = next(line for line in done.stdout.splitlines() if line.startswith("SPY "))
    return done, json.loads(line.removeprefix("SPY "))


def _report(path: Path) -> dict:
    """The JSON report without what differs between two runs (its creation time and the stages' timings)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    for key in ("created", "timings"):
        report.pop(key)
    return report


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """A small CSV: a numeric column with three "NA" (a default marker), a text column, a group column; 40 rows."""
    rows = [["a", "b", "g"]] + [[str(i) if i % 17 else "NA", f"t{i % 5}", "ctl" if i % 2 else "trt"] for i in range(40)]
    path = tmp_path / "data.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_the_read_starts_before_typer_and_the_report_is_the_same(table: Path, tmp_path: Path) -> None:
    args = ["report", "--columns", "a", "--group", "g", "--quiet"]
    early, spy = _run(table, *args, "--json", str(tmp_path / "early.json"), "-o", str(tmp_path / "early.html"))
    assert early.returncode == 0, early.stderr
    # the early read's thread runs before typer is imported and opens the file; nothing else reads it (the report
    # took that read: no second one on the load's thread)
    assert "early read" in spy["at_typer"]
    assert spy["opened"] == ["MainThread", "early read"]  # the launch's look at the first bytes, then the read
    # the process settings numpy and polars read when they load were made before either was looked for
    assert spy["settings"] == {"numpy": ["1", "dirty_decay_ms:250"], "polars": ["1", "dirty_decay_ms:250"]}
    outputs = ["--json", str(tmp_path / "plain.json"), "-o", str(tmp_path / "plain.html")]
    plain, spy = _run(table, *args, *outputs, SPY_PLAIN="1")
    assert plain.returncode == 0, plain.stderr
    assert spy["opened"] == ["load_0"]
    report = _report(tmp_path / "early.json")
    assert report == _report(tmp_path / "plain.json")
    # --columns applied after the early read, the group column kept; all 40 rows, the three "NA" read as missing
    assert [c["name"] for c in report["columns"]] == ["a", "g"]
    assert report["overview"]["rows"] == 40
    assert report["columns"][0]["missing"] == 3


@pytest.mark.parametrize(
    ("option", "check"),
    [
        (["--na-values", "t0"], "markers"),  # other missing-value markers: "NA" is not one of them
        (["--delimiter=;"], "delimiter"),  # the whole line one field
        (["--engine", "duckdb"], "engine"),
    ],
)
def test_a_read_option_reads_the_file_once_with_it(table: Path, tmp_path: Path, option: list[str], check: str) -> None:
    """An option that changes how the file is read: no read with the default options starts early (it would be
    dropped and hold a second copy of the table meanwhile); the command's own read applies the option."""
    pytest.importorskip("duckdb")
    out = tmp_path / "r.json"
    done, spy = _run(table, "report", *option, "--json", str(out), "-o", str(tmp_path / "r.html"), "--quiet")
    assert done.returncode == 0, done.stderr
    assert "early read" not in spy["opened"] and "early read" not in spy["at_typer"]
    assert spy["opened"]  # the report's own read (DuckDB's opens the file on the main thread)
    report = _report(out)
    with table.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";" if check == "delimiter" else ","))
    names = rows[0]
    assert [c["name"] for c in report["columns"]] == names
    assert report["overview"]["rows"] == len(rows) - 1
    if check == "markers":
        missing = {n: sum(r[i] == "t0" for r in rows[1:]) for i, n in enumerate(names)}
        assert {c["name"]: c["missing"] for c in report["columns"]} == missing == {"a": 0, "b": 8, "g": 0}
    if check == "engine":
        assert report["source"]["reader"] == "duckdb"


def test_an_early_read_under_other_options_is_not_taken(table: Path) -> None:
    """`claim` hands over a started read only when the parsed options read the file as the default ones do."""
    from edakit import early_read
    from edakit.config import ReportConfig

    source = str(table)
    early_read.start(source)
    assert early_read.claim(source, ReportConfig(delimiter=";")) is None  # dropped: read again with ";"
    early_read.start(source)
    taken = early_read.claim(source, ReportConfig(columns=["a"], group="g"))
    assert taken is not None and taken.result().columns == ["a", "g"]


def test_a_bad_option_exits_at_once_while_the_file_is_read(table: Path, tmp_path: Path) -> None:
    """typer's error and exit code 2, without waiting for the read (here one that never ends); no temporary file."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done, spy = _run(table, "report", "--bogus", SPY_ENDLESS="1", TMPDIR=str(scratch))
    assert done.returncode == 2
    assert "No such option: --bogus" in done.stderr
    assert "early read" in spy["alive"]  # the process exits with the read still running
    assert list(scratch.iterdir()) == []


def test_a_bad_file_gives_the_same_one_line_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    early, spy = _run(empty, "report", "-o", str(tmp_path / "r.html"))
    assert "early read" in spy["opened"]
    plain, _ = _run(empty, "report", "-o", str(tmp_path / "r.html"), SPY_PLAIN="1")
    assert (early.returncode, early.stderr) == (plain.returncode, plain.stderr) == (2, early.stderr)
    assert early.stderr == f"edakit: error: {empty} is empty (0 bytes); there is no table to report on.\n"


def test_compare_reads_both_files_before_typer(table: Path, tmp_path: Path) -> None:
    """`edakit compare A B`: both reads start before typer, and the comparison is the one without them."""
    other = tmp_path / "other.csv"
    other.write_text(table.read_text(encoding="utf-8").replace("trt", "new"), encoding="utf-8")
    outputs = ["--json", str(tmp_path / "early.json"), "-o", str(tmp_path / "e.html")]
    early, spy = _run(table, "compare", *outputs, other=other)
    assert early.returncode == 0, early.stderr
    assert spy["at_typer"].count("early read") == 2
    assert sorted(spy["opened"]) == ["MainThread", "MainThread 2", "early read", "early read 2"]
    outputs = ["--json", str(tmp_path / "plain.json"), "-o", str(tmp_path / "p.html")]
    plain, spy = _run(table, "compare", *outputs, other=other, SPY_PLAIN="1")
    assert plain.returncode == 0, plain.stderr
    assert "early read" not in spy["opened"]
    comparison = _report(tmp_path / "early.json")
    assert comparison == _report(tmp_path / "plain.json")
