"""Shared fixtures: paths to bundled data and R reference outputs, and a runner for the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
R_DIR = Path(__file__).resolve().parent / "r"
DATASETS = ROOT / "datasets"


def in_ci() -> bool:
    """True in CI (CI set, and not to "0" or "false"), where a missing optional tool fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def read_r_output(name: str) -> dict[str, dict[str, float]]:
    """Parse lines `label key=value key=value ...` written by the R scripts in tests/r/."""
    out: dict[str, dict[str, float]] = {}
    for line in (R_DIR / name).read_text().splitlines():
        label, *pairs = line.split()
        if pairs and all("=" in p for p in pairs):
            out[label] = {k: float(v) for k, v in (p.split("=", 1) for p in pairs)}
    return out


def run_cli(*args: str, cwd: Path | None = None, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m edakit ARGS` as a user would, capturing output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "edakit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        input=input_text,
        timeout=300,
    )


@pytest.fixture
def penguins_csv() -> Path:
    return DATASETS / "penguins.csv"
