"""A report imports polars before it starts importing scipy on a thread beside the load (`pipeline.
_import_beside_read`): both imports hold the GIL nearly all the time, so side by side they took turns and the read,
which releases the GIL, started only when both had ended; polars imported first lets the read start at once while
scipy is imported beside it. Checked in a fresh interpreter running the command: the first look for scipy is
the thread's, and polars is imported whole by then.

The command starts the read sooner still (`loader.start_load_table`): on a thread, once polars and numpy are
imported, before the pipeline's own modules, which its thread imports meanwhile (with the page's, `render.html.
prepare`), so the read's code never meets a half-imported numpy. narwhals (0.03-0.05 CPU-s), which the read
needs only to wrap its frame, is imported after the read has started too (`loader._wrap`). A file named on the
command line is read sooner again, before typer parses the options (`edakit.early_read`, tests/test_early_read.py);
a bundled dataset's name, as here, is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Runs the command as `python -m edakit` does; records, when a thread first looks for a WATCHED module, its name
# and whether polars was then imported whole, and prints the records at exit.
RUN = """
import atexit, json, runpy, sys, threading
seen = []
WATCHED = ("scipy.special", "scipy.stats", "edakit.pipeline", "narwhals")
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in WATCHED and not any(s[0] == name for s in seen):
            whole = [m in sys.modules and not getattr(sys.modules[m].__spec__, "_initializing", False)
                     for m in ("polars", "numpy")]
            threads = sorted(t.name for t in threading.enumerate())
            seen.append((name, threading.current_thread().name, whole, threads))
        return None
sys.meta_path.insert(0, Spy())
atexit.register(lambda: print("SEEN", json.dumps(seen)))
sys.argv = ["edakit", *sys.argv[1:]]
runpy.run_module("edakit", run_name="__main__")
"""


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (["report", "penguins"], "scipy.special"),
        (["ab", "penguins", "--group", "sex", "--metric", "body_mass_g"], "scipy.stats"),
    ],
)
def test_polars_is_imported_before_scipy_starts_on_its_thread(tmp_path: Path, command: list[str], module: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", RUN, *command, "-o", str(tmp_path / "r.html"), "--quiet"]
    done = subprocess.run(run, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    seen = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("SEEN")).removeprefix("SEEN"))
    scipy = [s for s in seen if s[0].startswith("scipy")]
    name, thread, (polars_whole, _), _ = scipy[0]
    assert (name, thread) == (module, f"import {module}")  # the first look for scipy is the thread's
    assert polars_whole
    # the pipeline's modules are first looked for on the main thread while the load's thread runs, polars and
    # numpy imported whole before it started
    ((_, thread, whole, threads),) = [s for s in seen if s[0] == "edakit.pipeline"]
    assert thread == "MainThread"
    assert whole == [True, True]
    assert any(t.startswith("load") for t in threads)
    # narwhals is first looked for once the read runs (the load's thread wrapping its frame, or the pipeline's
    # modules beside it): at 53dd3b7 `edakit.loader` imported it before the read started
    ((_, _, _, threads),) = [s for s in seen if s[0] == "narwhals"]
    assert any(t.startswith("load") for t in threads)
