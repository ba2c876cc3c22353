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

#: Our method names (R's, lower-cased). All but Hommel's are R's `p.adjust` one-liners, written here with numpy
#: (statsmodels' import costs a second or more); Hommel's comes from statsmodels `multipletests`. Both are checked
#: against R's `p.adjust` in tests/test_correlation.py (tests/r/correlation.out).
METHODS: tuple[str, ...] = ("holm", "hochberg", "hommel", "bonferroni", "bh", "by")
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
    "bh" (alias "fdr"), "by".
    References: Holm (1979) Scand J Stat 6:65–70; Benjamini & Hochberg (1995) JRSS B 57:289–300.

    >>> adjust_pvalues([0.01, None, 0.04, 0.03], method="bonferroni")
    [0.03, None, 0.12, 0.09]
    >>> [round(p, 4) for p in adjust_pvalues([0.01, 0.04, 0.03], method="bh")]
    [0.03, 0.04, 0.04]
    """
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
        adjusted = _adjust(values, key)
        for i, p in zip(present, adjusted, strict=True):
            out[i] = float(min(1.0, p))
    return out


def _adjust(p: np.ndarray, method: str) -> np.ndarray:
    """R's `p.adjust(p, method)` for a vector without missing values."""
    n = p.size
    if method == "bonferroni":
        return np.minimum(1.0, n * p)
    if method == "hommel":
        from statsmodels.stats.multitest import multipletests

        return multipletests(p, method="hommel")[1]
    if method == "holm":  # step-down: cummax over increasing p of (n - i + 1) p_(i)
        order = np.argsort(p, kind="stable")
        steps = np.maximum.accumulate((n - np.arange(n)) * p[order])
    else:  # step-up: cummin over decreasing p; i = n, n-1, ..., 1
        order = np.argsort(-p, kind="stable")
        i = np.arange(n, 0, -1)
        factor = {"hochberg": n + 1 - i, "bh": n / i, "by": np.sum(1 / np.arange(1, n + 1)) * n / i}[method]
        steps = np.minimum.accumulate(factor * p[order])
    out = np.empty(n)
    out[order] = np.minimum(1.0, steps)
    return out
