"""Accept the array-likes people pass (lists, numpy, pandas, polars, pyarrow) as float numpy arrays."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from edakit.errors import EdakitError


def as_float_array(values: Any, name: str = "values") -> np.ndarray:
    """Return a 1-D float64 array; None/null become NaN. Raises EdakitError for non-numeric data."""
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        try:  # polars/pandas Series: nulls to NaN
            values = values.to_numpy(allow_copy=True) if _is_polars(values) else values.to_numpy()
        except TypeError:
            values = values.to_numpy()
    elif hasattr(values, "to_pylist"):  # pyarrow
        values = values.to_pylist()
    try:
        arr = np.asarray(
            [np.nan if v is None else v for v in values] if not isinstance(values, np.ndarray) else values,
            dtype=float,
        )
    except (TypeError, ValueError) as exc:
        raise EdakitError(f"{name} must be numeric; could not convert it to numbers ({exc}).") from None
    if arr.ndim != 1:
        arr = arr.ravel()
    return arr


def drop_missing(arr: np.ndarray) -> tuple[np.ndarray, int]:
    """Remove NaN values; return the clean array and how many were dropped."""
    mask = np.isnan(arr)
    return arr[~mask], int(mask.sum())


def clean(values: Any, name: str = "values") -> tuple[np.ndarray, int]:
    """as_float_array then drop_missing."""
    return drop_missing(as_float_array(values, name))


def as_groups(groups: Mapping[Any, Any] | Iterable[Any]) -> dict[str, np.ndarray]:
    """Normalise `groups` (mapping label -> values, or a list of value sequences) to label -> clean array."""
    items = groups.items() if isinstance(groups, Mapping) else ((f"group {i + 1}", g) for i, g in enumerate(groups))
    return {str(label): clean(vals, f"group {label!s}")[0] for label, vals in items}


def _is_polars(obj: Any) -> bool:
    return type(obj).__module__.startswith("polars")
