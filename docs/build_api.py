"""Write docs/API.md from the docstrings of edakit's public API (run: python docs/build_api.py).

tests/test_docs.py checks that the committed page equals what this script writes, so it cannot rot.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import edakit  # noqa: E402
import edakit.datasets  # noqa: E402
import edakit.stats  # noqa: E402

SECTIONS = [
    (
        "edakit",
        edakit,
        ["report", "ab", "compare", "load", "Report", "DatasetComparison", "ReportConfig", "EdakitError"],
    ),
    ("edakit.datasets", edakit.datasets, ["list_datasets", "card", "show", "path", "load", "exists"]),
    ("edakit.stats", edakit.stats, None),
]


def entry(qualname: str, obj: object) -> str:
    try:
        signature = str(inspect.signature(obj))
    except (TypeError, ValueError):
        signature = ""
    kind = "class" if inspect.isclass(obj) else "function"
    doc = inspect.cleandoc(obj.__doc__ or "(no docstring)")
    return f"### `{qualname}{signature}`\n\n*{kind}*\n\n```text\n{doc}\n```\n"


def build() -> str:
    parts = [
        "# edakit API reference",
        "",
        "Generated from the docstrings by `python docs/build_api.py`; the examples run as doctests in the test "
        "suite. Every statistical function accepts lists, numpy arrays, pandas or polars Series and returns a "
        "result with `to_dict()`, a readable `repr`, a notebook view and an `explanation`.",
        "",
    ]
    for title, module, names in SECTIONS:
        parts += [f"## `{title}`", ""]
        for name in names if names is not None else sorted(module.__all__):
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                parts.append(entry(f"{title}.{name}", obj))
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    (HERE / "API.md").write_text(build(), encoding="utf-8")
    print(f"Wrote {HERE / 'API.md'}")
