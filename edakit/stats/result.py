"""Result objects shared by every statistical procedure.

A result holds numbers only. Its words come from `edakit.explain` and its console and notebook views from
`edakit.render`, reached through `edakit._present` when asked for, so that computing and presenting stay separate
(and this stage never imports the later ones).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

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

    def replace(self, **changes: Any) -> Result:
        return dataclasses.replace(self, **changes)
