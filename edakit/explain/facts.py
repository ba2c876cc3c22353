"""The explain stage's unit of output: a labelled value with its plain-language explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Explained:
    """A labelled value with its plain-language explanation, e.g. one row of a statistics table."""

    label: str
    value: Any
    ci: tuple[float, float] | None = None
    explanation: str = ""
