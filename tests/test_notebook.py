"""The example notebook runs top to bottom in a real kernel, and its outputs contain the rendered report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def test_example_notebook_executes_and_shows_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.environ.get("CI") is None:
        pytest.importorskip("nbclient")
        pytest.importorskip("ipykernel")
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel imports edakit from this checkout.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    html = [
        out["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "text/html" in out.get("data", {})
    ]
    assert any('class="edakit"' in h and "body_mass_g" in h for h in html)  # the report
    assert any("Paired t-test" in h for h in html)  # a single result's card
    assert any("sore_throat_4h" in h for h in html)  # the A/B result
    assert any("Linear regression by ordinary least squares" in h and "94.8 %" in h for h in html)  # trees' lm
    text = [
        "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    ]
    assert any("('Girth', 4.7082" in t for t in text)  # R: coef(lm(Volume ~ Girth + Height, trees))
    assert any("lowest validation error at degree" in t for t in text)
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert errors == []
