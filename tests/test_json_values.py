"""`_json.to_jsonable`: every kind of value a result holds, turned into JSON-safe data (the encoding documented in
edakit._json: non-finite floats as "NaN", "Infinity", "-Infinity"; tuples and sets as lists; numpy scalars as
Python numbers; dataclasses as their shown fields plus `_json_extra`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from pathlib import Path

import numpy as np

from edakit._json import to_jsonable


class Level(enum.IntEnum):
    LOW = 1


class Colour(enum.Enum):
    RED = "red"


class Ratio(float):
    """A float subclass (as numpy's float64 is one)."""


@dataclasses.dataclass
class Inner:
    x: float
    hidden: str = dataclasses.field(default="no", repr=False)


@dataclasses.dataclass
class Outer:
    name: str
    values: list[float]
    inner: Inner
    pairs: dict[int, tuple[float, float]]

    def _json_extra(self) -> dict[str, object]:
        return {"kind": "Outer", "count": np.int64(len(self.values))}


def test_plain_values_and_containers() -> None:
    values = [1.5, math.nan, math.inf, -math.inf, 0.0, -0.0, 3, True, None, "é"]
    assert to_jsonable(values) == [1.5, "NaN", "Infinity", "-Infinity", 0.0, -0.0, 3, True, None, "é"]
    assert to_jsonable((1, (2.0, math.nan))) == [1, [2.0, "NaN"]]
    assert to_jsonable({1: {2}, "b": frozenset()}) == {"1": [2], "b": []}


def test_lists_of_plain_numbers() -> None:
    """Lists of plain numbers are copied whole when every float is finite; otherwise (a NaN, an infinity, a sum that
    overflows, an int too large for a float) value by value, with the same result."""
    assert to_jsonable([1.5e308, 1.5e308, math.nan]) == [1.5e308, 1.5e308, "NaN"]
    assert to_jsonable([1.5e308, 1.5e308, -1.0]) == [1.5e308, 1.5e308, -1.0]  # the sum overflows, no value does
    assert to_jsonable([10**400, 0.5, -math.inf]) == [10**400, 0.5, "-Infinity"]
    assert to_jsonable([10**400, 0.5]) == [10**400, 0.5]
    assert to_jsonable([True, 2, 0.25, None, "a"]) == [True, 2, 0.25, None, "a"]
    values = [0.5, 2]
    out = to_jsonable(values)
    assert out == values and out is not values and type(to_jsonable((0.5, 2))) is list


def test_numpy_subclasses_and_other_types() -> None:
    out = to_jsonable([np.float64("nan"), np.float32(0.5), np.int64(7), np.bool_(True), Ratio(2.5), Ratio(math.inf)])
    assert out == ["NaN", 0.5, 7, True, 2.5, "Infinity"]
    assert [type(v) for v in out] == [str, float, int, bool, float, str]
    assert to_jsonable(np.array([[1.0, np.nan], [2.0, 3.0]])) == [[1.0, "NaN"], [2.0, 3.0]]
    assert to_jsonable([Level.LOW, Colour.RED]) == [1, "red"]
    assert type(to_jsonable(Level.LOW)) is int
    assert to_jsonable([dt.date(2020, 1, 2), dt.timedelta(minutes=1), Path("a/b")]) == ["2020-01-02", 60.0, "a/b"]


def test_dataclasses_write_their_shown_fields_and_extras() -> None:
    obj = Outer("o", [1.0, math.nan], Inner(np.float64(0.25)), {3: (1.0, math.inf)})
    expected = {
        "name": "o",
        "values": [1.0, "NaN"],
        "inner": {"x": 0.25},  # `hidden` has repr=False: not written
        "pairs": {"3": [1.0, "Infinity"]},
        "kind": "Outer",
        "count": 2,
    }
    assert to_jsonable(obj) == expected
    assert to_jsonable([obj, obj]) == [expected, expected]  # the second time from the cached field names
    assert to_jsonable(Outer) == str(Outer)  # a class, not an instance, is written as text


def test_dumps_writes_the_text_json_dumps_writes() -> None:
    """`_json.dumps` encodes containers of plain values with json's C encoder: the text must be json.dumps's."""
    import json

    import edakit
    from edakit._json import dumps

    nested = {
        "empty": [[], {}, [[]], [{}]],
        "text": ["é", 'quote " and \\ back', "tab\tnew\nline", "", "😀", "\u2028"],
        "numbers": [0, -0.0, 1e-05, 1.5e300, -7, 2**70, True, False, None, Level.LOW, Ratio(0.1)],
        "mixed": [1, [2, [3, {"a": None}]], {"b": [], "c": {"d": [1.25, "x"]}}, "end"],
        "tuple": (1.0, (2, 3)),
        "ints as keys": {1: "one", 2.5: [1], None: {}, False: 0},
        "deep": {"a": {"b": {"c": {"d": [1, 2]}}}},
    }
    report = edakit.report("airquality").to_dict()
    for data in (nested, report, [], {}, "x", 1.5, None, [[1, 2], [3]]):
        for indent in (2, 0, 4, None):
            assert dumps(data, indent) == json.dumps(data, indent=indent, allow_nan=False, ensure_ascii=False)
    for bad in ([1.0, math.nan], {"a": [{"b": math.inf}]}, [np.int64(1)]):
        for indent in (2, None):
            try:
                json.dumps(bad, indent=indent, allow_nan=False, ensure_ascii=False)
            except (ValueError, TypeError) as exc:
                expected = type(exc)
            try:
                dumps(bad, indent)
            except (ValueError, TypeError) as exc:
                assert type(exc) is expected
            else:
                raise AssertionError(f"dumps({bad!r}) did not fail as json.dumps does")
