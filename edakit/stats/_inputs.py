"""Accept the array-likes people pass (lists, numpy, pandas, polars, pyarrow) as float numpy arrays, and the
checks every test shares: the alternative, the confidence level, sample labels and groups."""

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


# ------------------------------------------------------------------------------- shared argument checks

_ALTERNATIVES = {"two-sided": "two-sided", "less": "less", "greater": "greater"}


def check_alternative(alternative: str) -> str:
    """Normalise "two-sided" / R's "two.sided" (any case, "." or "_" for "-") / "less" / "greater"; anything
    else is a user error."""
    alt = str(alternative).replace(".", "-").replace("_", "-").lower() if isinstance(alternative, str) else None
    try:
        return _ALTERNATIVES[alt]  # type: ignore[index]
    except KeyError:
        raise EdakitError(f"alternative must be 'two-sided', 'less' or 'greater', not {alternative!r}.") from None


def check_conf_level(conf_level: float) -> float:
    """The confidence level as a float strictly between 0 and 1; anything else is a user error."""
    if not (isinstance(conf_level, (int, float)) and 0 < conf_level < 1):
        raise EdakitError(f"conf_level must be a number between 0 and 1 (e.g. 0.95), not {conf_level!r}.")
    return float(conf_level)


def label_of(values: Any, default: str, given: str | None = None) -> str:
    """`given` if any, else the name of a pandas/polars Series, else `default`."""
    if given is not None:
        return str(given)
    name = getattr(values, "name", None)
    return name if isinstance(name, str) and name else default


def dropped_note(n_dropped: int, what: str) -> list[str]:
    """A note saying how many missing values were removed from `what` (none when nothing was removed)."""
    return [f"{n_dropped:,} missing value{'s' if n_dropped != 1 else ''} in {what} removed."] if n_dropped else []


def groups_with_notes(
    groups: Mapping[Any, Any] | Iterable[Any], min_groups: int, procedure: str
) -> tuple[dict[str, np.ndarray], list[str]]:
    """`as_groups`, then drop empty groups (with a note) and require at least `min_groups` groups."""
    if isinstance(groups, (str, bytes)) or not isinstance(groups, (Mapping, Iterable)):
        raise EdakitError(f"{procedure} needs the groups as a mapping label -> values or a list of samples.")
    raw = dict(groups.items()) if isinstance(groups, Mapping) else list(groups)
    n_missing = 0
    items = raw.items() if isinstance(raw, dict) else ((f"group {i + 1}", g) for i, g in enumerate(raw))
    for _label, vals in items:
        n_missing += int(np.isnan(as_float_array(vals)).sum())
    data = as_groups(raw)
    notes = dropped_note(n_missing, "the groups")
    empty = [k for k, v in data.items() if v.size == 0]
    if empty:
        notes.append(f"Group(s) without values left out: {', '.join(empty)}.")
        data = {k: v for k, v in data.items() if v.size}
    if len(data) < min_groups:
        raise EdakitError(
            f"{procedure} compares at least {min_groups} groups with data; got {len(data)}. "
            "Pass a mapping label -> values (or a list of samples) with at least two non-empty groups."
        )
    return data, notes
