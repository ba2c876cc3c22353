"""Is this checkout slower than an earlier commit? Both full reports against polars' plain read, in one run.

    python benchmarks/compare_commits.py BASE [--scale 10] [--repeat 5]
    python benchmarks/compare_commits.py BASE --ab [--repeat 5]     # `edakit ab` on the harness's 5M-row A/B file
    python benchmarks/compare_commits.py BASE --args "--group origin"  # the report with more options
    python benchmarks/compare_commits.py BASE --compare [--scale 10]   # `edakit compare` of flights and a shuffled copy

A refactoring promises "no slower"; on a shared 2-core machine two runs made minutes apart cannot show that (the
load changes the walls by more than the change being measured). This script checks BASE out into a temporary
worktree and interleaves, round by round, the baseline read (`polars.read_csv`), the full default report of
BASE and the full default report of this checkout, each in a fresh process measured by `_measure.py`; the medians
and ratios it prints (and writes to `results/<date>-compare-<BASE>.json`) come from the same minutes. The input is
the harness's flights file (`run.py` builds it in `data/` on first use); with `--ab`, the harness's A/B file and
its `edakit ab` command (`run.py`'s AB_ARGS) instead of the report; with `--compare`, `edakit compare` of the flights
file and its seeded shuffled copy (`run.py`'s `shuffled_copy`, written once to `data/`), the baseline then reading both
files.
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


def measure(command: list[str], repo: Path, log: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(repo), "MPLBACKEND": "Agg"}
    wrapper = [sys.executable, str(MEASURE), "--log", str(log), "--timeout", "900", "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, cwd=repo, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("base", help="the earlier commit (anything `git rev-parse` takes)")
    p.add_argument("--scale", type=int, default=10, help="flights repeated N times (the file run.py builds)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--ab", action="store_true", help="edakit ab on the harness's A/B file instead of the report")
    p.add_argument("--compare", action="store_true", help="edakit compare of flights and its shuffled copy")
    p.add_argument("--args", default="", help='more edakit options for the report, e.g. "--group origin"')
    args = p.parse_args()
    files: list[Path] = []
    if args.ab:
        from run import AB_ARGS, AB_ROWS

        data, edakit_args = HERE / "data" / f"ab-{AB_ROWS}.csv", ["ab", "{input}", *AB_ARGS]
        build = "--scales '' --no-wide --no-import --paths ab --repeat 1"
    else:
        data, edakit_args = HERE / "data" / f"flights-{args.scale}x.csv", ["report", "{input}", *args.args.split()]
        build = f"--scales {args.scale} --repeat 1"
    if not data.exists():
        sys.exit(f"{data} is missing: run `python benchmarks/run.py {build}` once first.")
    files = [data]
    if args.compare:
        from run import shuffled_copy

        other = shuffled_copy(data, HERE / "data")
        files.append(other)
        edakit_args = ["compare", "{input}", str(other), *args.args.split()]
    base = subprocess.run(["git", "rev-parse", "--short", args.base], capture_output=True, text=True, check=True)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    base_rev, head_rev = base.stdout.strip(), head.stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        tree, work = Path(tmp) / "base", Path(tmp) / "work"
        work.mkdir()
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), base_rev], cwd=REPO, check=True)
        try:
            for repo in (tree, REPO):  # bytecode compiled once, as `pip install` does (templates/_compiled too)
                folders = [str(repo / f) for f in ("edakit", "templates") if (repo / f).is_dir()]
                subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=False)
            reads = "; ".join(f"pl.read_csv({str(f)!r})" for f in files)
            tools = {
                "polars-read": ([sys.executable, "-c", f"import polars as pl; {reads}"], REPO),
                f"edakit@{base_rev}": (None, tree),
                f"edakit@{head_rev}": (None, REPO),
            }
            runs: dict[str, list[dict]] = {name: [] for name in tools}
            for f in files:  # the page cache
                subprocess.run([sys.executable, "-c", f"open({str(f)!r}, 'rb').read()"], check=True)
            for r in range(args.repeat):
                for name, (command, repo) in tools.items():
                    out = work / f"{name}-{r}"
                    html, json_out = str(out.with_suffix(".html")), str(out.with_suffix(".json"))
                    command_args = [a.format(input=data) for a in edakit_args]
                    report = [sys.executable, "-m", "edakit", *command_args, "-o", html, "--quiet", "--json"]
                    command = command or [*report, json_out]
                    result = measure(command, repo, out.with_suffix(".log"))
                    runs[name].append(result)
                    wall, peak, cpu = result["wall_s"], result["peak_rss_mb"], _cpu(result)
                    print(f"round {r + 1}: {name:18s} {wall:6.2f} s {cpu:6.2f} s CPU {peak:7.0f} MB", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
    medians = {name: statistics.median(r["wall_s"] for r in rs) for name, rs in runs.items()}
    peaks = {name: statistics.median(r["peak_rss_mb"] for r in rs) for name, rs in runs.items()}
    cpus = {name: statistics.median(_cpu(r) for r in rs) for name, rs in runs.items()}
    read = medians["polars-read"]
    summary = {
        "date": dt.date.today().isoformat(),
        "input": data.name,
        "repeat": args.repeat,
        "load_average": os.getloadavg(),
        "median_wall_s": medians,
        "median_peak_rss_mb": peaks,
        "median_cpu_s": cpus,
        "command": ["edakit", *edakit_args],
        "ratio_to_read": {name: m / read for name, m in medians.items()},
        "head_over_base": medians[f"edakit@{head_rev}"] / medians[f"edakit@{base_rev}"],
        "runs": runs,
    }
    for name in medians:
        print(
            f"{name:18s} median {medians[name]:6.2f} s ({medians[name] / read:.2f}× the read), "
            f"{cpus[name]:.2f} s CPU ({cpus[name] / cpus['polars-read']:.2f}×), {peaks[name]:.0f} MB"
        )
    print(f"this checkout / {base_rev}: {summary['head_over_base']:.3f}")
    options = "".join(f"{a.strip('-')}-" for a in args.args.split())
    kind = "ab-" if args.ab else "datasets-" if args.compare else ""
    out = HERE / "results" / f"{summary['date']}-compare-{kind}{options}{base_rev}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def _cpu(result: dict) -> float:
    """CPU seconds (user + system) of the measured process tree: steadier than the wall on a busy machine."""
    return result.get("user_s", 0.0) + result.get("sys_s", 0.0)


if __name__ == "__main__":
    main()
