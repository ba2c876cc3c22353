"""Result objects shared by every statistical procedure.

A result holds numbers only. Its words come from `edakit.explain` and its console and notebook views from
`edakit.render`, reached through `edakit._present` when asked for, so that computing and presenting stay separate
(and this stage never imports the later ones).
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit._json import to_jsonable
from edakit._present import present


@dataclass
class EffectSize:
    """A named effect size, optionally with a confidence interval and a conventional label."""

    name: str
    value: float
    ci: tuple[float, float] | None = None
    magnitude: str | None = None  # e.g. "medium", by the convention named in `convention`
    convention: str | None = None  # e.g. "Cohen (1988): 0.2 small, 0.5 medium, 0.8 large"
    # "two-sided", or "one-sided upper" ([0, U]) for an estimate at its boundary 0 (edakit.stats.ncp)
    ci_kind: str = "two-sided"


class Presentable:
    """What every result offers: words, plain data, a console line and a notebook card."""

    @property
    def explanation(self) -> str:
        """Plain-language explanation generated from this result's numbers."""
        return present("explanation", self)

    def _json_extra(self) -> dict[str, Any]:
        return {"kind": type(self).__name__, "explanation": self.explanation}

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of every field plus `kind` and `explanation`."""
        return to_jsonable(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, allow_nan=False)

    def __repr__(self) -> str:
        return present("result_text", self)

    def _repr_html_(self) -> str:
        return present("result_html", self)


@dataclass(repr=False)
class Result(Presentable):
    """Base of all inferential results: one procedure applied to some data.

    Subclasses may add fields; the base fields are what every report section relies on.
    """

    method: str
    statistic: float | None = None
    p_value: float | None = None
    df: float | tuple[float, ...] | None = None
    estimate: Any = None
    ci: tuple[float, float] | None = None
    conf_level: float | None = 0.95
    alternative: str | None = "two-sided"
    effect_size: EffectSize | None = None
    n: Any = None
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """A NaN is never an answer: a statistic, p-value, estimate or interval that evaluates to NaN (infinite
        or degenerate inputs) is not computable, so it is None and a note says so (issue 17)."""
        dropped = [name for name in ("statistic", "p_value", "estimate") if _is_nan(getattr(self, name))]
        for name in dropped:
            setattr(self, name, None)
        if self.ci is not None and any(_is_nan(v) for v in self.ci):
            self.ci = None
            dropped.append("ci")
        e = self.effect_size
        if e is not None and _is_nan(e.value):
            self.effect_size = None
            dropped.append("effect size")
        elif e is not None and e.ci is not None and any(_is_nan(v) for v in e.ci):
            e.ci = None
            dropped.append("effect size's interval")
        if dropped:
            words = {"statistic": "test statistic", "p_value": "p-value", "ci": "interval"}
            what = ", ".join(words.get(name, name) for name in dropped)
            self.notes.append(
                f"The {what} {'is' if len(dropped) == 1 else 'are'} not computable from these values (the arithmetic "
                "gives NaN, e.g. from infinite or degenerate values)."
            )

    def replace(self, **changes: Any) -> Result:
        return dataclasses.replace(self, **changes)


def _is_nan(value: Any) -> bool:
    return isinstance(value, (float, np.floating)) and math.isnan(value)
