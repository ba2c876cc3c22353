"""How long `edakit compare` takes against one `edakit report` of the same file (issue 23: at most about twice).

    python benchmarks/compare.py [--scale 10] [--repeat 3] [--data DIR]

The input is the harness's flights file (`run.py` builds `data/flights-<N>x.csv` on first use; `--data` reads it
from another checkout's `benchmarks/data/`). A shuffled copy of it (the same rows in a seeded random order, written
once to this checkout's `data/`) is the second table, so every column's distribution is the same and every row of
the copy is also in the original: the comparison has to find no shift and full leakage. Round by round, in fresh
processes measured by `_measure.py`, it runs `edakit report FILE` and `edakit compare FILE SHUFFLED`, and prints
(and writes to `results/<date>-compare-datasets.json`) the medians of wall time, CPU time and peak memory and the
ratio compare / report. `python benchmarks/run.py --paths compare` measures the same command (same shuffled copy)
against polars' read of both files, with the harness's other rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MEASURE = HERE / "_measure.py"


def measure(command: list[str], log: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLBACKEND": "Agg"}
    wrapper = [sys.executable, str(MEASURE), "--log", str(log), "--timeout", "1800", "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, cwd=REPO, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cpu_s(result: dict) -> float:
    """CPU seconds (user + system) of the measured process tree."""
    return result.get("user_s", 0.0) + result.get("sys_s", 0.0)


def shuffled_copy(data: Path, seed: int = 23) -> Path:
    """`data`'s rows in a seeded random order, written once next to this script (git-ignored `data/`): the
    harness's own copy (`run.py --paths compare` measures the same `edakit compare` against polars' read)."""
    from run import shuffled_copy as build

    return build(data, HERE / "data", seed)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=int, default=10, help="flights repeated N times (the file run.py builds)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--data", type=Path, default=HERE / "data", help="the folder holding flights-<N>x.csv")
    args = p.parse_args()
    data = args.data / f"flights-{args.scale}x.csv"
    if not data.exists():
        sys.exit(f"{data} is missing: run `python benchmarks/run.py --scales {args.scale} --repeat 1` once first.")
    other = shuffled_copy(data)
    folders = [str(REPO / "edakit"), str(REPO / "templates")]  # as pip does for the wheel (templates/_compiled)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=False)
    runs: dict[str, list[dict]] = {"report": [], "compare": []}
    timings: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in (data, other):  # both files in the page cache before the first round
            subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'rb').read()"], check=True)
        for r in range(args.repeat):
            for name in runs:
                out = work / f"{name}-{r}"
                html, js = str(out.with_suffix(".html")), str(out.with_suffix(".json"))
                tail = ["-o", html, "--quiet", "--json", js]
                if name == "report":
                    command = [sys.executable, "-m", "edakit", "report", str(data), *tail]
                else:
                    command = [sys.executable, "-m", "edakit", "compare", str(data), str(other), *tail]
                result = measure(command, out.with_suffix(".log"))
                runs[name].append(result)
                if name == "compare":
                    written = json.loads(Path(js).read_text(encoding="utf-8"))
                    timings.append(written["timings"])
                    shifted, across = written["passed"], written["across"]
                print(
                    f"round {r + 1}: {name:8s} {result['wall_s']:7.2f} s wall, {cpu_s(result):7.2f} s CPU, "
                    f"{result['peak_rss_mb']:6.0f} MB",
                    flush=True,
                )
    medians = {n: statistics.median(x["wall_s"] for x in rs) for n, rs in runs.items()}
    cpu = {n: statistics.median(cpu_s(x) for x in rs) for n, rs in runs.items()}
    peaks = {n: statistics.median(x["peak_rss_mb"] for x in rs) for n, rs in runs.items()}
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    summary = {
        "date": dt.date.today().isoformat(),
        "commit": head.stdout.strip(),
        "input": data.name,
        "second": other.name,
        "repeat": args.repeat,
        "wall_s": medians,
        "cpu_s": cpu,
        "peak_rss_mb": peaks,
        "ratio_wall": medians["compare"] / medians["report"],
        "ratio_cpu": cpu["compare"] / cpu["report"] if cpu["report"] else None,
        "compare_timings": timings,
        "shifted_columns": shifted,
        "rows_of_copy_in_original": across,
        "load_average": os.getloadavg()[0],
        "runs": runs,
    }
    (HERE / "results").mkdir(exist_ok=True)
    out = HERE / "results" / f"{summary['date']}-compare-datasets.json"
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(
        f"median: report {medians['report']:.2f} s, compare {medians['compare']:.2f} s "
        f"(× {summary['ratio_wall']:.2f} wall, × {summary['ratio_cpu'] or 0:.2f} CPU); peak "
        f"{peaks['report']:.0f} / {peaks['compare']:.0f} MB; shifted: {shifted or 'none'}; wrote {out}"
    )


if __name__ == "__main__":
    main()
