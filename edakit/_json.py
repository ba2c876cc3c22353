"""Turn result objects into JSON-safe plain data.

Non-finite floats are encoded explicitly as the strings "NaN", "Infinity" and "-Infinity" so that the
output is valid JSON (the schema allows those three strings wherever a number may appear).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import types
import typing
from pathlib import Path
from typing import Any

import numpy as np

NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def encode_float(value: float) -> float | str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def to_jsonable(obj: Any) -> Any:
    """Recursively convert dataclasses, numpy scalars, tuples, dates and paths to JSON-safe values."""
    kind = type(obj)  # the plain types first, by exact type: a report holds tens of thousands of floats
    if kind is float:
        return obj if math.isfinite(obj) else encode_float(obj)
    if kind is str or kind is int or kind is bool or obj is None:
        return obj
    if kind is list or kind is tuple:
        kinds = set(map(type, obj))
        if kinds <= _AS_IS or (kinds <= _NUMBERS and _finite_sum(obj)):
            return list(obj)  # a list of plain values (bins, counts, quantiles): each is its own JSON value
        return [to_jsonable(v) for v in obj]
    if kind is dict:
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    fields = _json_fields(kind)
    if fields is not None:
        out = {name: to_jsonable(getattr(obj, name)) for name in fields}
        extra = getattr(obj, "_json_extra", None)
        if callable(extra):
            out.update({k: to_jsonable(v) for k, v in extra().items()})
        return out
    return _other_to_jsonable(obj)


def _finite_sum(numbers: Any) -> bool:
    """Whether the sum of `numbers` is finite, hence none of them NaN or infinite (a sum that overflows says no, and
    the numbers are then converted one by one)."""
    try:
        return math.isfinite(sum(numbers))
    except OverflowError:  # an int too large for a float
        return False


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _json_fields(kind: type) -> tuple[str, ...] | None:
    """The fields `to_jsonable` writes for instances of `kind` (those shown in its repr), None if no dataclass (or
    a dataclass that is also a number or text, written as that)."""
    if kind not in _FIELDS:
        plain = issubclass(kind, (int, float, str, np.generic, type))
        _FIELDS[kind] = (
            None
            if plain or not dataclasses.is_dataclass(kind)
            else tuple(f.name for f in dataclasses.fields(kind) if f.repr)
        )
    return _FIELDS[kind]


def _other_to_jsonable(obj: Any) -> Any:
    """`to_jsonable` of everything but plain values and dataclass instances (numpy, sets, dates, paths...)."""
    if isinstance(obj, (int, np.integer)) and not isinstance(obj, bool):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return encode_float(float(obj))
    if isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (dt.datetime, dt.date, dt.time)):
        return obj.isoformat()
    if isinstance(obj, dt.timedelta):
        return obj.total_seconds()
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, Path):
        return str(obj)
    return str(obj)


_SCALARS = (str, int, float, type(None))  # bool is an int
_AS_IS = frozenset((str, int, bool, type(None)))  # the types `to_jsonable` returns unchanged
_NUMBERS = frozenset((int, float, bool))  # unchanged too when finite (a finite sum: every float finite)
_SCALAR_TYPES = frozenset((str, int, float, bool, type(None)))  # the exact types to_jsonable leaves
_TEXT = frozenset((str,))


def dumps(data: Any, indent: int | None = 2) -> str:
    """`json.dumps(data, indent=indent, allow_nan=False, ensure_ascii=False)`, the same text, faster.

    With an indent the standard library encodes in Python, value by value (60 ms for flights' 2.4 MB of JSON); its C
    encoder writes only one separator for every level. So a container of plain values alone (most of a report:
    counts, bins, quantiles) is encoded by the C encoder with the indented separator of its own level, and only the
    containers around them are walked here; tests/test_json_values.py compares the text with `json.dumps`.
    """
    if indent is None:
        return json.dumps(data, allow_nan=False, ensure_ascii=False)
    out: list[str] = []
    _dump(data, " " * indent, 0, out, {})
    return "".join(out)


class Encoded:
    """A value's JSON text already encoded by `encode_at` at its depth: `dumps` writes it as it is. (Not a str,
    which `dumps` would write as a JSON string.)"""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def encode_at(value: Any, level: int, indent: int = 2) -> str:
    """The text `dumps(..., indent=indent)` writes for the plain data `value` where it stands `level` containers
    deep (a document's field: 1; an item of a list field: 2), to be given back to `dumps` inside an `Encoded`."""
    out: list[str] = []
    _dump(value, " " * indent, level, out, {})
    return "".join(out)


def _dump(value: Any, unit: str, level: int, out: list[str], encoders: dict[int, json.JSONEncoder]) -> None:
    """Append `value`'s indented JSON at depth `level` to `out`; `encoders`: the C encoder of each depth."""
    if type(value) is Encoded:
        out.append(value.text)
        return
    is_dict = isinstance(value, dict)
    if level not in encoders:
        separators = (",\n" + unit * (level + 1), ": ")
        encoders[level] = json.JSONEncoder(allow_nan=False, ensure_ascii=False, separators=separators)
    if not (is_dict or isinstance(value, (list, tuple))):
        out.append(_plain(value, encoders[level]))
        return
    if not value:
        out.append("{}" if is_dict else "[]")
        return
    if is_dict and not _TEXT.issuperset(map(type, value)):  # keys that json turns into text: json's own way
        text = json.dumps(value, indent=unit, allow_nan=False, ensure_ascii=False)
        out.append(text.replace("\n", "\n" + unit * level))
        return
    values = value.values() if is_dict else value
    # the exact types first (a set lookup a value, in C), the subclasses isinstance admits (np.float64) only then
    if _SCALAR_TYPES.issuperset(map(type, values)) or all(isinstance(v, _SCALARS) for v in values):
        text = encoders[level].encode(value)  # "[a,\n<indent>b]", made "[\n<indent>a,\n<indent>b\n<outdent>]"
        out.append(f"{text[0]}\n{unit * (level + 1)}{text[1:-1]}\n{unit * level}{text[-1]}")
        return
    inner = "\n" + unit * (level + 1)
    out.append("{" if is_dict else "[")
    for i, item in enumerate(value.items() if is_dict else value):
        out.append(inner if i == 0 else "," + inner)
        if is_dict:
            out.append(json.encoder.encode_basestring(item[0]) + ": ")
            item = item[1]
        _dump(item, unit, level + 1, out, encoders)
    out.append("\n" + unit * level + ("}" if is_dict else "]"))


def _plain(value: Any, encoder: json.JSONEncoder) -> str:
    """One value as json's encoder writes it (as its Python encoder does: text by `encode_basestring`, numbers by
    their `repr`), without a call into the encoder for each of thousands; anything else by `encoder`, which also
    refuses NaN and infinity as json.dumps(allow_nan=False) does."""
    if isinstance(value, str):
        return json.encoder.encode_basestring(value)
    if value is None or value is True or value is False:
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    return encoder.encode(value)


def decode_float(value: Any) -> Any:
    """The inverse of `encode_float` ("NaN", "Infinity", "-Infinity" back to floats); anything else as is."""
    return NON_FINITE[value] if isinstance(value, str) and value in NON_FINITE else value


def from_jsonable(tp: Any, data: Any) -> Any:
    """Rebuild a value of type `tp` (a dataclass, list, dict, tuple, union, float...) from its `to_jsonable` form.

    Dataclasses are rebuilt field by field from their type hints, so typed results read back as the same classes;
    keys a dataclass does not declare (the `kind` and `explanation` that results add) are dropped. In a union of
    several dataclasses the `kind` key (the class name) chooses one.
    """
    if data is None:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any or tp is object:
        return _decode_plain(data)
    if tp is float:
        return float(decode_float(data))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        classes = [a for a in options if dataclasses.is_dataclass(a)]
        if isinstance(data, dict) and classes:
            return from_jsonable(_choose(classes, data), data)
        for option in options:
            if _fits(option, data):
                return from_jsonable(option, data)
        return _decode_plain(data)
    if origin in (list, set, frozenset) or tp is list:
        return [from_jsonable(args[0] if args else Any, v) for v in data]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in data)
        return tuple(from_jsonable(a, v) for a, v in zip(args or [Any] * len(data), data, strict=False))
    if origin is dict or tp is dict:
        value_type = args[1] if args else Any
        return {k: from_jsonable(value_type, v) for k, v in data.items()}
    if dataclasses.is_dataclass(tp) and isinstance(data, dict):
        hints = type_hints(tp)
        known = {f.name: f for f in dataclasses.fields(tp) if f.init}
        values = {k: from_jsonable(hints.get(k, Any), v) for k, v in data.items() if k in known}
        return tp(**values)
    return data


def _choose(classes: list[type], data: dict[str, Any]) -> type:
    """The member of a union of dataclasses that `data` was written from: by its `type` tag (page blocks), by the
    `kind` that results add (their class name), else the class whose fields cover most of the keys."""
    for cls in classes:
        tag = next((f for f in dataclasses.fields(cls) if f.name == "type"), None)
        if tag is not None and tag.default == data.get("type"):
            return cls
    named = [c for c in classes if c.__name__ == data.get("kind")]
    if named:
        return named[0]
    return max(classes, key=lambda c: len(set(data) & {f.name for f in dataclasses.fields(c)}))


def _fits(tp: Any, data: Any) -> bool:
    """Whether `data` looks like a value of `tp` (to choose among a union's members)."""
    origin = typing.get_origin(tp) or tp
    if tp is Any:
        return True
    if tp is float:
        return isinstance(data, (int, float)) or (isinstance(data, str) and data in NON_FINITE)
    if isinstance(origin, type):
        if origin in (list, tuple, set, frozenset):
            return isinstance(data, list)
        if dataclasses.is_dataclass(origin) or origin is dict:
            return isinstance(data, dict)
        return isinstance(data, origin)
    return False


def _decode_plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _decode_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_decode_plain(v) for v in data]
    return decode_float(data)


_HINTS: dict[type, dict[str, Any]] = {}


def type_hints(cls: type) -> dict[str, Any]:
    """`typing.get_type_hints(cls)`, also resolving the names a class's module imports only for type checkers: the
    class lists them in a static `_field_types()` (the Report's rarely used result classes, see `edakit.model`)."""
    if cls not in _HINTS:
        lazy = getattr(cls, "_field_types", None)
        _HINTS[cls] = typing.get_type_hints(cls, localns=lazy() if lazy else None)
    return _HINTS[cls]
