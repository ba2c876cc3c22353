"""Plain-language explanations, generated from a result's own numbers.

`explain(result)` dispatches on the result's type. Each family of results registers its explainer in
its own module (describe, hypothesis, correlation, ...), listed in `_FAMILIES`; a family is imported with the
first explanation of a result it explains (`_FAMILY_OF`), so `import edakit` stays fast and a report imports
only the families its results need.
"""

from __future__ import annotations

import importlib
from functools import singledispatch
from typing import Any

from edakit.explain.words import generic_explanation

_FAMILIES = ("describe", "hypothesis", "correlation", "ab", "probability", "timeseries", "paired", "models", "rmcorr")

#: The family that explains the results each stats module defines. A default report explains descriptions,
#: correlations and fits only; importing every family (and the A/B, paired, model and time-series stats modules
#: they import) cost it about 0.03 CPU-s. tests/test_explanations.py checks this map against the registrations.
_FAMILY_OF = {
    "edakit.stats.descriptive": "describe",
    "edakit.stats.contingency": "hypothesis",
    "edakit.stats.nonparametric": "hypothesis",
    "edakit.stats.parametric": "hypothesis",
    "edakit.stats.association": "correlation",
    "edakit.stats.correlations": "correlation",
    "edakit.stats.ab_results": "ab",
    "edakit.stats.power": "ab",
    "edakit.stats.bootstrap": "probability",
    "edakit.stats.fitting": "probability",
    "edakit.stats.pca": "probability",
    "edakit.stats.timeseries": "timeseries",
    "edakit.stats.paired": "paired",
    "edakit.stats.repeated": "paired",
    "edakit.stats.model_analysis": "models",
    "edakit.stats.models": "models",
    "edakit.stats.rmcorr": "rmcorr",
}
_imported: set[str] = set()


@singledispatch
def _explain(result: Any) -> str:
    return generic_explanation(result)


register = _explain.register


def explain(result: Any) -> str:
    """Return the explanation of `result` (a Result or a report element)."""
    family = _FAMILY_OF.get(type(result).__module__)
    if family is not None and family not in _imported:
        _import(family)
    if _explain.dispatch(type(result)) is _explain.registry[object] and len(_imported) < len(_FAMILIES):
        for other in _FAMILIES:  # a class the map does not name (or a subclass): every family, then dispatch
            _import(other)
    return _explain(result)


def _import(family: str) -> None:
    try:
        importlib.import_module(f"edakit.explain.{family}")
    except ModuleNotFoundError as exc:  # a family not written yet
        if exc.name != f"edakit.explain.{family}":
            raise
    _imported.add(family)
