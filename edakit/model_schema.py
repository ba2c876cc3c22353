"""The JSON Schema of a report, derived from the Report dataclasses so that it cannot drift from them.

`python -m edakit.model_schema` rewrites the shipped `edakit/report.schema.json`; a test checks that the
shipped file equals what this module generates and that real reports validate against it. Wherever a
number may appear, the strings "NaN", "Infinity" and "-Infinity" are allowed too (see edakit._json).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any

from edakit._json import type_hints

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")
NUMBER = {"anyOf": [{"type": "number"}, {"enum": ["NaN", "Infinity", "-Infinity"]}]}


def json_schema() -> dict[str, Any]:
    """The draft 2020-12 schema of `Report.to_dict()` output."""
    from edakit.model import SCHEMA_VERSION, Report

    definitions: dict[str, Any] = {}
    root = _schema_of(Report, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://edakit.invalid/report-{SCHEMA_VERSION}.schema.json",
        "title": "edakit report",
        "description": f"The JSON form of an edakit report, schema version {SCHEMA_VERSION}.",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any or tp is object:
        return {}
    if tp is type(None):
        return {"type": "null"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return NUMBER
    if tp is str:
        return {"type": "string"}
    if origin in (typing.Union, types.UnionType):
        options = [_schema_of(a, defs) for a in args]
        return {} if {} in options else {"anyOf": options}
    if origin in (list, set, frozenset) or tp is list:
        return {"type": "array", "items": _schema_of(args[0], defs) if args else {}}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_of(args[0], defs)}
        return {"type": "array", "prefixItems": [_schema_of(a, defs) for a in args], "minItems": len(args)}
    if origin is dict or tp is dict:
        return {"type": "object", "additionalProperties": _schema_of(args[1], defs) if args else {}}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion (Section contains Sections)
            defs[name] = _dataclass_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _dataclass_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = type_hints(cls)
    properties = {f.name: _schema_of(hints[f.name], defs) for f in dataclasses.fields(cls) if f.repr}
    required = [f.name for f in dataclasses.fields(cls) if f.repr]
    if callable(getattr(cls, "_json_extra", None)):  # results add their kind and explanation
        properties["kind"] = {"type": "string"}
        properties["explanation"] = {"type": "string"}
    doc = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        "description": doc[0] if doc else cls.__name__,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"Wrote {write_schema()}")
