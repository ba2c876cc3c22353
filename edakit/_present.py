"""How results and reports reach the stages that present them, without importing those stages.

A statistical result (analyse stage) offers `.explanation`, a readable `repr` and a notebook view; the Report
(report-model stage) offers `to_html` and a notebook view. The code that makes them lives in later stages
(`edakit.explain`, `edakit.render`); importing it from the earlier stage would make the stages import each
other. So the earlier stages call `present(kind, obj)` and the top-level package `edakit`, which may import
every stage and is always imported before any of its submodules, registers the presenters here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: kind -> presenter: explanation, result_text, result_html, ab_html, report_html, column_html, chart_svg
PRESENTERS: dict[str, Callable[..., Any]] = {}


def register(**presenters: Callable[..., Any]) -> None:
    """Install presenters by kind (the top-level package does this once, on import)."""
    PRESENTERS.update(presenters)


def present(kind: str, obj: Any, *args: Any, **kwargs: Any) -> Any:
    """The `kind` presentation of `obj` (for example its explanation or its HTML)."""
    return PRESENTERS[kind](obj, *args, **kwargs)
