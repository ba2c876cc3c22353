"""Multiple-testing adjustment of p-values, as R's `p.adjust`.

Running many tests on one data set (every pair of columns, every group) makes some small p-values turn up by
chance alone; an adjustment keeps either the family-wise error rate (Bonferroni, Holm, Hochberg, Hommel) or
the false discovery rate (Benjamini–Hochberg, Benjamini–Yekutieli) at the nominal level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from edakit.errors import EdakitError

#: Our method names (R's, lower-cased) -> statsmodels `multipletests` names. The statsmodels implementations
#: give the same numbers as R's `p.adjust` (checked in tests/test_correlation.py against tests/r/correlation.out).
METHODS: dict[str, str] = {
    "holm": "holm",
    "hochberg": "simes-hochberg",
    "hommel": "hommel",
    "bonferroni": "bonferroni",
    "bh": "fdr_bh",
    "by": "fdr_by",
}
_ALIASES = {"fdr": "bh", "benjamini-hochberg": "bh", "fdr_bh": "bh", "benjamini-yekutieli": "by", "fdr_by": "by"}

#: Human-readable names, for explanations.
METHOD_NAMES: dict[str, str] = {
    "holm": "Holm (1979) step-down",
    "hochberg": "Hochberg (1988) step-up",
    "hommel": "Hommel (1988)",
    "bonferroni": "Bonferroni",
    "bh": "Benjamini–Hochberg (1995) false discovery rate",
    "by": "Benjamini–Yekutieli (2001) false discovery rate",
}


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return type(value).__name__ == "NAType"


def adjust_pvalues(pvalues: Iterable[Any], method: str = "holm") -> list[float | None]:
    """Adjust p-values for multiple testing; missing entries (None/NaN) stay missing, in place.

    Missing entries are left out of the family (as R's `p.adjust` does with NA: `n` counts only the
    p-values present), and come back as None at their original positions.

    Methods (R's names): "holm" (default, as R), "hochberg", "hommel", "bonferroni" (p·m, capped at 1),
    "bh" (alias "fdr"), "by". Computed with statsmodels' `multipletests`.
    References: Holm (1979) Scand J Stat 6:65–70; Benjamini & Hochberg (1995) JRSS B 57:289–300.

    >>> adjust_pvalues([0.01, None, 0.04, 0.03], method="bonferroni")
    [0.03, None, 0.12, 0.09]
    >>> [round(p, 4) for p in adjust_pvalues([0.01, 0.04, 0.03], method="bh")]
    [0.03, 0.04, 0.04]
    """
    from statsmodels.stats.multitest import multipletests

    key = str(method).strip().lower()
    key = _ALIASES.get(key, key)
    if key not in METHODS:
        raise EdakitError(
            f"Unknown p-value adjustment method {method!r}; use one of: {', '.join(METHODS)} ('fdr' = 'bh')."
        )
    raw = list(pvalues)
    present = [i for i, p in enumerate(raw) if not _is_missing(p)]
    values = np.array([float(raw[i]) for i in present], dtype=float)
    if values.size and (values.min() < 0 or values.max() > 1):
        raise EdakitError("p-values must lie between 0 and 1; check the values passed to adjust_pvalues.")
    out: list[float | None] = [None] * len(raw)
    if values.size:
        adjusted = multipletests(values, method=METHODS[key])[1]
        for i, p in zip(present, adjusted, strict=True):
            out[i] = float(min(1.0, p))
    return out
