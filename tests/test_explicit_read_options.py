"""A read option given with the value the sniffer finds (`--delimiter ,`, `--encoding utf-8`) reads the file as the
default options do: the same compact dtypes (small integers as Int16, long repeated text as Categorical), and so
the same report. The reference is the file as written here (which columns hold small integers, which hold long
repeated text) and the report read with the default options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from edakit import csv_read
from edakit.config import ReportConfig
from edakit.loader import load
from edakit.pipeline import build_report

ROOT = Path(__file__).resolve().parents[1]
ROWS = 600
PLACES = ["Bergen, Vestland, NO", "Cusco, Cusco Region, PE", "Lviv, Lviv Oblast, UA"]  # 20-23 bytes


def _write(path: Path) -> Path:
    """n: integers 0-599 (fit Int16); big: beyond Int16's range; place: three long names repeated; code: unique;
    x: decimals."""
    lines = ["n,big,place,code,x"]
    for i in range(ROWS):
        lines.append(f'{i},{100_000 + i * 7},"{PLACES[i % 3]}",c{i:05d},{(i * 37 % 101) / 7:.4f}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _held(path: Path, **options: str) -> dict[str, pl.DataType]:
    """The dtypes the loader holds the rows in (the compact DataFrame behind the lazy frame, when there is one)."""
    native = load(path, **options).to_native()
    frame = getattr(native, csv_read.COMPACT_ATTRIBUTE, native)
    return dict(frame.collect_schema())


@pytest.mark.parametrize(
    "options", [{"delimiter": ","}, {"encoding": "utf-8"}, {"delimiter": ",", "encoding": "utf-8"}]
)
def test_a_read_option_equal_to_the_sniffed_one_holds_the_same_dtypes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, str]
) -> None:
    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)  # the compact read of a large file
    path = _write(tmp_path / "t.csv")
    expected = {"n": pl.Int16, "big": pl.Int64, "place": pl.Categorical, "code": pl.String, "x": pl.Float64}
    assert _held(path) == expected
    assert _held(path, **options) == expected


def test_a_read_option_equal_to_the_sniffed_one_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_read, "NARROW_ABOVE_BYTES", 0)
    path = _write(tmp_path / "t.csv")
    reports = [build_report(path, ReportConfig(**o)).to_dict() for o in ({}, {"delimiter": ","})]
    for report in reports:
        for key in ("created", "timings"):
            report.pop(key)
    assert reports[0]["source"]["delimiter"] == ","
    assert reports[0] == reports[1]


def test_the_command_with_the_sniffed_delimiter_writes_the_same_json(tmp_path: Path) -> None:
    """The command: without options the file is read early (before typer), with `--delimiter ,` after it; the JSON
    is the same."""
    path = _write(tmp_path / "t.csv")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = []
    for name, extra in (("plain", []), ("given", ["--delimiter", ","])):
        target = tmp_path / f"{name}.json"
        command = [sys.executable, "-m", "edakit", "report", str(path), "-o", str(tmp_path / f"{name}.html")]
        done = subprocess.run(
            [*command, "--quiet", "--json", str(target), *extra], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(target.read_text(encoding="utf-8"))
        for key in ("created", "timings"):
            report.pop(key)
        out.append(report)
    assert out[0]["overview"]["rows"] == ROWS
    assert out[0] == out[1]
