"""The same data give the same numbers to the last digit, whatever polars' thread count and from run to run.

polars' streaming engine (its default) adds up morsels whose size follows the thread count, in the order the
threads finish them, so float sums once varied in their last digits between runs. Each check runs the code twice
in fresh processes, with POLARS_MAX_THREADS=1 and =2 (a process cannot change polars' pool once it started), on a
table built to expose the order of addition: many groups, values of magnitudes from 1e-8 to 1e8. The figures are
also compared with numpy on the raw values (within float rounding) and, for integers, with exact fractions.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import narwhals.stable.v2 as nw
import numpy as np
import polars as pl
import pytest

from edakit.engine import pairs

ROOT = Path(__file__).resolve().parents[1]


def _table(path: Path, rows: int = 60_000) -> pl.DataFrame:
    """Three grouping columns (11 × 7 × 3 levels, a few missing) and numbers that are hard to add in any order."""
    rng = np.random.default_rng(25)
    frame = pl.DataFrame(
        {
            "g": [f"g{v:02d}" for v in rng.integers(0, 11, rows)],
            "h": rng.integers(0, 7, rows).astype(str),
            "k": rng.choice(["low", "mid", "high"], rows),
            "wild": rng.standard_normal(rows) * 10.0 ** rng.integers(-8, 9, rows),
            "tiny": 1e-6 + rng.random(rows) * 1e-9,
            "big": rng.integers(-(10**6), 10**6, rows),
            "count": rng.poisson(30, rows),
        }
    ).with_columns(pl.when(pl.int_range(pl.len()) % 97 == 0).then(None).otherwise(pl.col("h")).alias("h"))
    frame.write_csv(path)
    return frame


GATHER = """
import json, sys
import narwhals.stable.v2 as nw
import polars as pl
from edakit.engine import pairs
from edakit.schema import ColumnSchema, Schema
frame = pl.read_csv(sys.argv[1], schema_overrides={"h": pl.String})
work = nw.from_native(frame.lazy())
numeric = ["wild", "tiny", "big", "count"]
schema = Schema([ColumnSchema(n, str(frame[n].dtype), "numeric") for n in numeric])
stats = {n: {"count": frame[n].count(), "min": frame[n].min(), "max": frame[n].max()} for n in numeric}
exact = pairs.exact_sums(numeric, schema, stats)
values = {n: nw.col(n) for n in numeric}
distinct = {g: frame[g].n_unique() for g in ("g", "h", "k")}
moments, tables = pairs.groups_aggregates(work, ["g", "h", "k"], values, distinct, [("g", "k")], True, exact)
single = pairs.group_moments(work, "g", values, in_memory=True, exact=exact)
out = {"exact": sorted(exact), "tables": repr(tables), "single": repr(single)}
out["moments"] = {g: {n: repr(m) for n, m in by.items()} for g, by in moments.items()}
print(json.dumps(out))
"""


def _run(args: list[str], threads: int) -> str:
    env = os.environ | {"POLARS_MAX_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_group_moments_same_digits_with_one_or_two_threads(tmp_path: Path) -> None:
    frame = _table(tmp_path / "t.csv")
    runs = [_run([sys.executable, "-c", GATHER, str(tmp_path / "t.csv")], threads) for threads in (1, 2, 2, 1)]
    assert len(set(runs)) == 1
    out = json.loads(runs[0])
    assert out["exact"] == ["big", "count"]  # integers whose Σx² fits in 64 bits; floats are not summed as integers
    work = nw.from_native(frame.lazy())
    values = {n: nw.col(n) for n in ("wild", "tiny", "big", "count")}
    moments, _ = pairs.groups_aggregates(
        work, ["g", "h", "k"], values, {"g": 11, "h": 7, "k": 3}, (), True, {"big", "count"}
    )
    assert {g: {n: repr(m) for n, m in by.items()} for g, by in moments.items()} == out["moments"]
    for group in ("g", "h", "k"):
        for name, m in moments[group].items():
            for level, size, mean, var in zip(m.labels, m.sizes, m.means, m.variances, strict=True):
                x = frame.filter(pl.col(group) == level)[name].to_numpy()
                assert size == x.size
                if name in ("big", "count"):  # exact: the fractions rounded once
                    total, squares = sum(int(v) for v in x), sum(int(v) ** 2 for v in x)
                    assert mean == float(Fraction(total, size))
                    assert var == float(Fraction(size * squares - total * total, size * (size - 1)))
                else:
                    assert mean == pytest.approx(np.mean(x), rel=1e-12, abs=1e-300)
                    assert var == pytest.approx(np.var(x, ddof=1), rel=1e-9)


def _numbers(path: Path) -> dict:
    """The report's JSON without what differs by design: when it was made and how long each stage took."""
    document = json.loads(path.read_text(encoding="utf-8"))
    for key in ("created", "timings"):
        document.pop(key, None)
    return document


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{t}", "--group", "g"],
        ["report", "{t}", "--target", "k"],
        ["report", "{t}", "--target", "wild"],
        ["compare", "{a}", "{b}"],
    ],
    ids=["report-group", "target-categorical", "target-numeric", "compare"],
)
def test_report_json_same_with_one_or_two_threads(tmp_path: Path, command: list[str]) -> None:
    """Every number of the JSON (the profile's moments, correlations, eta, group comparisons, the target's
    figures, the comparison's moments and Wasserstein distances): before, 59 to 295 of them differed here."""
    frame = _table(tmp_path / "t.csv", rows=20_000)
    frame.head(10_000).write_csv(tmp_path / "a.csv")
    frame.tail(10_000).write_csv(tmp_path / "b.csv")
    files = {k: str(tmp_path / f"{k}.csv") for k in "tab"}
    documents = []
    for run, threads in enumerate((1, 2)):
        out = tmp_path / f"run{run}.json"
        args = [a.format(**files) for a in command]
        _run([sys.executable, "-m", "edakit", *args, "-q", "-o", str(tmp_path / "r.html"), "--json", str(out)], threads)
        documents.append(_numbers(out))
    assert documents[0] == documents[1]


def _ab_table(path: Path, rows: int = 100_000) -> pl.DataFrame:
    """Three arms (a few rows without one) and a covariate `pre` with gaps; `spend` follows `pre` plus values of
    magnitudes 1e-8 to 1e8 (a few NaN and ±inf), hard to add in any order; `converted` is 0/1. Written as an
    Arrow IPC stream, which edakit reads into memory: at 7ea61ed, polars' streaming sums gave 111 numbers of this
    table's `edakit ab` JSON that differed between one and two threads."""
    rng = np.random.default_rng(25)
    arm = rng.choice(["a", "b", "c"], rows, p=[0.4, 0.35, 0.25])
    pre = rng.gamma(2.0, 50.0, rows) * 10.0 ** rng.integers(-3, 4, rows)
    spend = 3.0 + 0.8 * pre + rng.standard_normal(rows) * 10.0 ** rng.integers(-8, 9, rows)
    spend[rng.choice(rows, 30, replace=False)] = [np.nan, np.inf, -np.inf] * 10
    converted = (rng.random(rows) < np.where(arm == "b", 0.12, 0.1)).astype(np.int64)
    index = pl.int_range(pl.len())
    frame = pl.DataFrame({"arm": arm, "pre": pre, "spend": spend, "converted": converted}).with_columns(
        pl.when(index % 101 == 0).then(None).otherwise(pl.col("arm")).alias("arm"),
        pl.when(index % 89 == 0).then(None).otherwise(pl.col("pre")).alias("pre"),
    )
    frame.write_ipc_stream(path)
    return frame


def test_ab_json_same_with_one_or_two_threads(tmp_path: Path) -> None:
    """`edakit ab` with CUPED: every number of its JSON the same with one and two threads (the per-variant sums
    and CUPED's HC2 sums are added by numpy in row order, `engine.ab_sums`), and the figures those sums give equal
    to numpy's and statsmodels' on the raw rows: each arm's n, mean and SD, CUPED's θ (the within-arm slope over
    the complete cases), its adjusted difference and HC2 standard error."""
    import statsmodels.api as sm

    frame = _ab_table(tmp_path / "ab.arrows")
    documents = []
    for run, threads in enumerate((1, 2)):
        out = tmp_path / f"run{run}.json"
        args = ["ab", str(tmp_path / "ab.arrows"), "--group", "arm", "--metric", "spend", "--metric", "converted"]
        args += ["--covariate", "pre", "-q", "-o", str(tmp_path / "r.html"), "--json", str(out)]
        _run([sys.executable, "-m", "edakit", *args], threads)
        documents.append(_numbers(out))
    assert documents[0] == documents[1]
    ab = documents[0]["ab"]
    rows = frame.filter(pl.col("arm").is_not_null())
    for metric in ("spend", "converted"):
        for variant in ab["variants"][metric]:
            y = rows.filter(pl.col("arm") == variant["label"])[metric].cast(pl.Float64).to_numpy()
            y = y[np.isfinite(y)]
            assert variant["n"] == y.size
            assert variant["mean"] == pytest.approx(math.fsum(y) / y.size, rel=1e-12)
            ddof = 0 if metric == "converted" else 1  # a rate's SD is sqrt(p(1 − p))
            assert variant["sd"] == pytest.approx(np.std(y, ddof=ddof), rel=1e-11)
        complete = rows.filter(pl.col(metric).cast(pl.Float64).is_finite() & pl.col("pre").is_not_null())
        y, x = complete[metric].cast(pl.Float64).to_numpy(), complete["pre"].to_numpy()
        arms = complete["arm"].to_numpy()
        within = [(y[arms == a] - y[arms == a].mean(), x[arms == a] - x[arms == a].mean()) for a in "abc"]
        theta = sum(np.sum(dy * dx) for dy, dx in within) / sum(np.sum(dx * dx) for _, dx in within)
        design = np.column_stack([np.ones(y.size), arms == "b", arms == "c", x]).astype(float)
        fit = sm.OLS(y, design).fit(cov_type="HC2")
        for comparison in (c for c in ab["comparisons"] if c["metric"] == metric):
            cuped, j = comparison["cuped"], "bc".index(comparison["treatment"]) + 1
            assert cuped["theta"] == pytest.approx(theta, rel=1e-9)
            assert cuped["estimate"] == pytest.approx(fit.params[j], rel=1e-9)
            assert cuped["se"] == pytest.approx(fit.bse[j], rel=1e-9)


BLAS_REPORT = """
import json, sys
import edakit
document = json.loads(edakit.report(sys.argv[1]).to_json())
for key in ("created", "timings"):
    document.pop(key, None)
print(json.dumps(document, sort_keys=True))
"""


def test_python_report_same_with_one_or_two_blas_threads(tmp_path: Path) -> None:
    """`edakit.report()` leaves the caller's BLAS threads as they are (the command pins one): the profile's
    moments of a column summed from its value counts, and the sample's Pearson sums, once took other last digits
    with two OpenBLAS threads (np.dot splits a vector among them); `edakit._sums.dot` adds in numpy's fixed order."""
    rng = np.random.default_rng(3)
    rows = 120_000
    pl.DataFrame(
        {
            "price": np.round(rng.gamma(2.0, 60.0, rows), 2),  # ~25,000 distinct values: summed from its counts
            "wild": rng.standard_normal(rows) * 10.0 ** rng.integers(-6, 7, rows),
            "y": rng.standard_normal(rows) * 1e3 + 7,
        }
    ).write_csv(tmp_path / "t.csv")
    runs = []
    for threads in ("1", "2"):
        env = os.environ | {"OPENBLAS_NUM_THREADS": threads, "PYTHONPATH": str(ROOT)}
        args = [sys.executable, "-c", BLAS_REPORT, str(tmp_path / "t.csv")]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    price = pl.read_csv(tmp_path / "t.csv")["price"].to_numpy()
    column = next(c for c in runs[0]["columns"] if c["name"] == "price")
    assert column["numeric"]["var"] == pytest.approx(np.var(price, ddof=1), rel=1e-12)
    from scipy import stats  # the independent reference, in the test process only

    assert column["numeric"]["skewness"] == pytest.approx(stats.skew(price, bias=False), rel=1e-9)
