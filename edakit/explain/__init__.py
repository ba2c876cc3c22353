"""Plain-language explanations, generated from a result's own numbers.

`explain(result)` dispatches on the result's type. Each family of results registers its explainer in
its own module (describe, hypothesis, correlation, ...), listed in `_FAMILIES`; modules are imported on
first use so `import edakit` stays fast.
"""

from __future__ import annotations

import importlib
from functools import singledispatch
from typing import Any

from edakit.explain.words import generic_explanation

_FAMILIES = ("describe", "hypothesis", "correlation", "ab", "probability", "timeseries", "paired", "models", "rmcorr")
_loaded = False


@singledispatch
def _explain(result: Any) -> str:
    return generic_explanation(result)


register = _explain.register


def explain(result: Any) -> str:
    """Return the explanation of `result` (a Result or a report element)."""
    global _loaded
    if not _loaded:
        for family in _FAMILIES:
            try:
                importlib.import_module(f"edakit.explain.{family}")
            except ModuleNotFoundError as exc:  # a family not written yet
                if exc.name != f"edakit.explain.{family}":
                    raise
        _loaded = True
    return _explain(result)
