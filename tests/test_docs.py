"""Documentation that cannot rot: the API page is regenerated from docstrings, and every public function
has an example that runs as a doctest."""

from __future__ import annotations

import importlib.util
import inspect

import edakit
import edakit.datasets
import edakit.stats
from tests.conftest import ROOT


def _builder():
    spec = importlib.util.spec_from_file_location("build_api", ROOT / "docs" / "build_api.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_page_is_current() -> None:
    """Regenerate with `python docs/build_api.py` after changing a public docstring or signature."""
    assert (ROOT / "docs" / "API.md").read_text(encoding="utf-8") == _builder().build()


def test_every_public_function_has_a_runnable_example() -> None:
    functions = [(f"edakit.stats.{n}", getattr(edakit.stats, n)) for n in edakit.stats.__all__]
    functions += [(f"edakit.{n}", getattr(edakit, n)) for n in ("report", "ab", "compare", "load")]
    functions += [
        (f"edakit.datasets.{n}", getattr(edakit.datasets, n))
        for n in ("list_datasets", "card", "show", "path", "load", "exists")
    ]
    missing = [name for name, obj in functions if inspect.isfunction(obj) and ">>>" not in (obj.__doc__ or "")]
    assert missing == []
