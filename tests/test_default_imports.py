"""The default `edakit report` (no --group, --target, --pair or metrics) imports neither scipy.stats nor
scipy.optimize, statsmodels or pandas: scipy.stats alone costs 0.6 CPU-s, half of a small report's time
(docs/ARCHITECTURE.md). Its distributions come from `stats.distfuncs` (scipy.special), which tests/test_distfuncs.py
compares with scipy.stats. Checked in a fresh interpreter running the command, on penguins and on a table with
every kind of column the default sections analyse (numbers with missing values, counts, categories, a boolean and a
date column, so the time series runs too); the page must hold every section and no failed analysis. A report with
--group still imports scipy.stats for its comparisons and lays them out.

No command imports pydantic either: typer 0.29 coerces every option through a pydantic TypeAdapter (0.08 CPU-s
before the report can take its read), so pyproject.toml holds typer below 0.29."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy.stats", "scipy.optimize", "statsmodels", "pandas", "pydantic")
# Runs the command as `python -m edakit` does and prints, at exit, which of HEAVY the process imported.
RUN = (
    "import atexit, json, runpy, sys\n"
    f"atexit.register(lambda: print('IMPORTED', json.dumps([m for m in {HEAVY!r} if m in sys.modules])))\n"
    "sys.argv = ['edakit', *sys.argv[1:]]\n"
    "runpy.run_module('edakit', run_name='__main__')\n"
)


def _command(*args: str) -> list[str]:
    """The modules of HEAVY the command imported (it must succeed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=600, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("IMPORTED"))
    return json.loads(line.removeprefix("IMPORTED"))


@pytest.fixture(scope="module")
def flights_like(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded table shaped like flights: delays with missing values, counts, a carrier, a boolean, a date."""
    rng = np.random.default_rng(25)
    n = 3_000
    day = rng.integers(0, 365, n)
    delay = np.round(rng.gamma(1.5, 12.0, n) - 10 + 5 * np.sin(day / 58), 1)
    delay[rng.random(n) < 0.03] = np.nan
    frame = pl.DataFrame(
        {
            "date": pl.date_range(pl.date(2013, 1, 1), pl.date(2013, 12, 31), eager=True).gather(day),
            "carrier": rng.choice(["UA", "AA", "B6", "DL", "EV"], n, p=[0.3, 0.2, 0.2, 0.2, 0.1]),
            "origin": rng.choice(["EWR", "JFK", "LGA"], n),
            "dep_delay": delay,
            "distance": np.round(rng.lognormal(6.6, 0.5, n)),
            "passengers": rng.poisson(120, n),
            "cancelled": rng.random(n) < 0.05,
        }
    )
    path = tmp_path_factory.mktemp("default-imports") / "flights_like.csv"
    frame.write_csv(path)
    return path


def _page(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    assert "could not be" not in html  # a failed analysis or chart says so on the page
    return html


def test_default_report_of_penguins_imports_no_scipy_stats(tmp_path: Path) -> None:
    out = tmp_path / "penguins.html"
    assert _command("report", "penguins", "-o", str(out), "--quiet") == []
    html = _page(out)
    for section in ('id="correlations"', 'id="distributions"', 'id="pca"'):
        assert section in html


def test_default_report_of_a_flights_like_table_imports_no_scipy_stats(tmp_path: Path, flights_like: Path) -> None:
    out = tmp_path / "flights.html"
    assert _command("report", str(flights_like), "-o", str(out), "--quiet") == []
    html = _page(out)
    for section in ('id="correlations"', 'id="distributions"', 'id="timeseries"'):
        assert section in html


def test_a_report_with_a_group_still_imports_scipy_stats_for_its_comparisons(tmp_path: Path) -> None:
    out = tmp_path / "grouped.html"
    assert "scipy.stats" in _command("report", "penguins", "--group", "species", "-o", str(out), "--quiet")
    assert 'id="comparisons-group"' in _page(out)
