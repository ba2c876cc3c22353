"""Smoke test of the benchmark harness (benchmarks/run.py --quick), so it cannot rot.

It runs the whole harness on tiny generated inputs (one repeat, no network, results in a temporary directory)
and checks the shape of what it writes. It never asserts a time or memory limit: those depend on the machine.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = REPO / "benchmarks" / "run.py"


def _load_run_module():
    spec = importlib.util.spec_from_file_location("edakit_benchmarks_run", RUN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("bench")
    readme = tmp / "README.md"
    readme.write_text("# Benchmarks\n\nintro\n\n<!-- results:start -->\nSTALE-TABLE\n<!-- results:end -->\n\nafter\n")
    command = [
        sys.executable,
        str(RUN),
        "--quick",
        "--no-wide",  # the wide table goes through the same code; its generator is tested in-process below
        "--paths",  # of the other paths, compare (two inputs); the others' datasets are tested in-process below
        "compare",
        "--import-repeat",
        "1",
        "--data-dir",
        str(tmp / "data"),
        "--results-dir",
        str(tmp / "results"),
        "--readme",
        str(readme),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)
    return {"done": done, "tmp": tmp, "readme": readme}


def test_quick_run_succeeds(quick_run: dict) -> None:
    done = quick_run["done"]
    assert done.returncode == 0, done.stderr[-3000:]


def test_results_have_medians_ratios_memory_and_stage_timings(quick_run: dict) -> None:
    results = sorted((quick_run["tmp"] / "results").glob("*.json"))
    labels = {json.loads(p.read_text())["label"] for p in results}
    assert labels == {"quick", "quick-compare", "import"}
    doc = json.loads(next(p for p in results if p.name.endswith("-quick.json")).read_text())
    assert doc["dataset"]["rows"] == 3000 and doc["dataset"]["bytes"] > 0
    assert doc["machine"]["cpu_count"] >= 1 and doc["machine"]["packages"]["polars"]
    base, eda = doc["tools"]["polars-read"], doc["tools"]["edakit"]
    for tool in (base, eda):
        assert tool["ok_runs"] == 1 and "error" not in tool
        assert tool["wall_s"] > 0 and tool["peak_rss_mb"] > 0
    assert eda["ratio"] == pytest.approx(eda["wall_s"] / base["wall_s"], rel=0.01)
    assert {"load", "infer", "profile", "analyse", "explain"} <= set(eda["timings"])
    assert eda["runs"][0]["output_bytes"] > 0  # the HTML report was written


def test_compare_path_reads_both_tables_in_the_baseline_too(quick_run: dict) -> None:
    doc = json.loads(next((quick_run["tmp"] / "results").glob("*-quick-compare.json")).read_text())
    base, eda = doc["tools"]["polars-read"], doc["tools"]["edakit"]
    assert base["command"][-2:] == [
        str(quick_run["tmp"] / "data" / n) for n in ("tiny-3000.csv", "tiny-3000-shuffled.csv")
    ]
    assert eda["command"][2:6] == ["edakit", "compare", base["command"][-2], base["command"][-1]]
    assert eda["ok_runs"] == 1 and {"load", "gather", "analyse"} <= set(eda["timings"])
    assert doc["dataset"]["command"] == ["edakit", "compare", "tiny-3000.csv", "{other}"]
    shuffled = quick_run["tmp"] / "data" / "tiny-3000-shuffled.csv"
    import polars as pl

    a, b = pl.read_csv(shuffled.with_name("tiny-3000.csv")), pl.read_csv(shuffled)
    assert a.sort("id").equals(b.sort("id")) and not a.equals(b)  # the same rows in another order


def test_other_paths_run_their_own_commands(tmp_path: Path) -> None:
    run = _load_run_module()
    sets = {d.label: d for d in run.other_paths(["group", "ab", "penguins"], tmp_path, 10, quick=True)}
    assert sets["quick-group"].edakit_args() == ["report", str(sets["quick-group"].path), "--group", "group"]
    assert sets["quick-ab"].edakit_args()[:2] == ["ab", str(sets["quick-ab"].path)]
    assert sets["penguins"].edakit_args() == ["report", "penguins"]  # by its bundled name, end to end
    assert (sets["penguins"].rows, sets["penguins"].columns) == (344, 8)
    with pytest.raises(SystemExit, match="unknown --paths"):
        run.other_paths(["nope"], tmp_path, 10, quick=True)


def test_ab_file_is_seeded_with_two_arms_two_metrics_and_a_covariate(tmp_path: Path) -> None:
    import numpy as np
    import polars as pl

    run = _load_run_module()
    ds = run.ab_test(tmp_path, rows=2_000, label="ab-small")
    frame = pl.read_csv(ds.path)
    assert frame.columns == ["user_id", "variant", "converted", "revenue", "pre_revenue"] and frame.height == 2_000
    assert sorted(frame["variant"].unique()) == ["control", "treatment"]
    assert set(frame["converted"].unique()) == {0, 1} and frame["revenue"].min() >= 0
    assert frame["user_id"].n_unique() == 2_000 and frame.null_count().sum_horizontal().item() == 0
    assert np.corrcoef(frame["revenue"], frame["pre_revenue"])[0, 1] > 0.5  # CUPED has work to do
    args = ds.edakit_args()
    assert args[args.index("--covariate") + 1] == "pre_revenue" and args.count("--metric") == 2
    again = pl.read_csv(run.ab_test(tmp_path / "again", rows=2_000).path)
    assert frame.equals(again)  # the fixed seed makes the file reproducible
    targets = run._targets("ab", {"rows": run.AB_ROWS}, {"wall_s": 2.0, "peak_rss_mb": 500.0, "ratio": 2.9})
    assert targets == "≤ 3× ✅"


def test_import_times_are_recorded(quick_run: dict) -> None:
    path = next((quick_run["tmp"] / "results").glob("*-import.json"))
    tools = json.loads(path.read_text())["tools"]
    assert tools["import-edakit"]["wall_s"] > 0 and "net_s" in tools["import-edakit"]
    assert tools["python-pass"]["wall_s"] > 0
    assert any(row["module"] == "edakit" for row in tools["importtime_top"])


def test_readme_block_is_replaced_between_markers(quick_run: dict) -> None:
    text = quick_run["readme"].read_text()
    assert text.startswith("# Benchmarks\n\nintro\n") and text.endswith("\n\nafter\n")
    assert "STALE-TABLE" not in text
    block = text.split("<!-- results:start -->")[1].split("<!-- results:end -->")[0]
    assert "| tiny 3,000 rows | 3,000 × 7 |" in block
    stage_header = next(line for line in block.splitlines() if line.startswith("| data | load |"))
    assert all(f"| {stage} |" in stage_header for stage in ("load", "infer", "profile", "analyse", "explain"))
    assert 'python -c "import edakit"' in block


def test_measure_wrapper_counts_child_memory(tmp_path: Path) -> None:
    """A child that allocates ~200 MB must show at least that as the peak of the tree."""
    run = _load_run_module()
    code = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    m = run.measure([sys.executable, "-c", code], tmp_path / "log.txt", timeout=60)
    assert m["returncode"] == 0 and m["peak_rss_mb"] >= 190


def test_measure_wrapper_reports_failures(tmp_path: Path) -> None:
    run = _load_run_module()
    m = run.measure([sys.executable, "-c", "raise SystemExit('boom')"], tmp_path / "log.txt", timeout=60)
    assert m["returncode"] == 1 and "boom" in (tmp_path / "log.txt").read_text()


def test_growth_line_reports_marginal_cost_per_million_rows() -> None:
    """2 s fixed + 1 s per million rows is linear: both steps cost 1 s per million rows."""
    run = _load_run_module()
    docs = {
        f"{k}x": {"dataset": {"rows": 1_000_000 * k}, "tools": {"edakit": {"wall_s": 2.0 + k, "run_id": "r1"}}}
        for k in (1, 3, 10)
    }
    line = run._growth(docs)
    assert "wall 1x → 3x: 1.00 s, 3x → 10x: 1.00 s (implied fixed cost 2.0 s)" in line and "✅" in line
    docs["10x"]["tools"]["edakit"]["wall_s"] = 2.0 + 30  # marginal cost grows: superlinear
    assert "❌" in run._growth(docs)
    docs["10x"]["tools"]["edakit"]["run_id"] = "another run"  # figures from different runs are not compared:
    assert "3x → 10x" not in run._growth(docs)  # the largest set measured together (1x, 3x) is used
    docs["3x"]["tools"]["edakit"]["run_id"] = "a third run"
    assert "not computed" in run._growth(docs)


def test_wide_table_generator_is_seeded_and_mixed(tmp_path: Path) -> None:
    import polars as pl

    run = _load_run_module()
    ds = run.wide(tmp_path, rows=50, columns=15, label="w")
    frame = pl.read_csv(ds.path)
    assert frame.shape == (50, 15) and (ds.rows, ds.columns) == (50, 15)
    assert sum(c.startswith("num_") for c in frame.columns) == 9  # 60 % numeric
    assert all(frame[c].dtype == pl.String for c in frame.columns if c.startswith("cat_"))
    assert any(frame[c].null_count() > 0 for c in frame.columns)  # some columns have missing values
    again = pl.read_csv(run.wide(tmp_path / "again", rows=50, columns=15, label="w").path)
    assert frame.equals(again)  # the fixed seed makes the table reproducible


def test_peer_table_uses_edakit_of_the_same_run(tmp_path: Path) -> None:
    """The side-by-side table pairs peers with the edakit measured in their run, not a later edakit run."""
    run = _load_run_module()
    dataset = {"title": "flights 1×", "rows": 10, "columns": 2, "bytes": 100, "scale": 1}

    def tool(wall: float, **extra: object) -> dict:
        return {"wall_s": wall, "cpu_s": wall, "peak_rss_mb": 100.0, "ok_runs": 1, "runs": [], **extra}

    older = {
        "label": "1x",
        "date": "2000-01-01",
        "dataset": dataset,
        "tools": {
            "polars-read": tool(1.0),
            "edakit": tool(5.0, ratio=5.0),
            "skrub": tool(7.0, ratio=7.0, version="0.11"),
            "edakit@compare": tool(5.0, ratio=5.0),
        },
    }
    newer = {"label": "1x", "date": "2000-01-02", "dataset": dataset, "tools": {"edakit": tool(3.0, ratio=3.0)}}
    (tmp_path / "2000-01-01-1x.json").write_text(json.dumps(older))
    (tmp_path / "2000-01-02-1x.json").write_text(json.dumps(newer))
    text = run.render_tables(tmp_path)
    peers = text.split("Side by side")[1].splitlines()
    assert any(line.startswith("| flights 1× | edakit |  | 5.00 s | 5.0× |") for line in peers)
    assert any(line.startswith("| flights 1× | skrub | 0.11 | 7.00 s | 7.0× |") for line in peers)
    assert "| 3.00 s | 3.0× |" in text.split("Side by side")[0]  # the main table shows the latest edakit
