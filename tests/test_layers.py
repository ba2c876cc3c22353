"""The pipeline's stages import one way only, and no module imports itself back through others.

Every `import` in the package is read from the source (module level and inside functions alike; only imports
under `if TYPE_CHECKING:` are left out, as they never run). A module may import its own stage and earlier
stages, never a later one: that is what keeps computing, explaining, laying out and rendering apart (see
docs/ARCHITECTURE.md). The later stages reach back only through `edakit._present`, which the top-level package
fills with its presenters.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "edakit"

#: The stages in pipeline order; a module's stage is its first name under `edakit` (a package or a module).
STAGES: list[tuple[str, set[str]]] = [
    (
        "base",
        {
            "errors",
            "_json",
            "_resources",
            "_present",
            "_version",
            "_format",
            "_files",
            "_document",
            "config",
            "_sums",
            "_process",
        },
    ),
    ("load", {"datasets", "loader", "sniff", "lenient_csv", "formats", "csv_read", "engines", "early_read"}),
    ("infer", {"schema", "dates"}),
    ("profile (gather)", {"engine"}),
    ("analyse", {"stats"}),
    ("explain", {"explain"}),
    ("report model", {"model", "page", "model_schema"}),
    ("lay out", {"sections"}),
    ("render", {"render"}),
    ("spine", {"pipeline"}),
    ("public API", {"__init__", "abtest"}),
    ("command line", {"cli", "__main__", "_launch"}),
]
RANK = {part: i for i, (_, parts) in enumerate(STAGES) for part in parts}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _stage(module: str) -> int:
    parts = module.split(".")
    return RANK["__init__"] if len(parts) == 1 else RANK[parts[1]]


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _imports(path: Path) -> set[str]:
    """The edakit modules `path` imports when it runs (TYPE_CHECKING blocks left out)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "edakit")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "edakit":
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            found.update(submodules or {node.module})
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in MODULES}


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def test_every_module_has_a_stage() -> None:
    unplaced = sorted(m for m in MODULES if m != "edakit" and m.split(".")[1] not in RANK)
    assert not unplaced, f"add these modules to a stage in tests/test_layers.py: {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module: str) -> None:
    later = sorted(d for d in GRAPH[module] if _stage(d) > _stage(module))
    names = [f"{d} ({STAGES[_stage(d)][0]})" for d in later]
    assert not later, f"{module} ({STAGES[_stage(module)][0]}) imports a later stage: {', '.join(names)}"


def test_no_import_cycle() -> None:
    """Tarjan's strongly connected components of the module graph: every component is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            connect(v)
    assert not cycles, f"import cycles: {cycles}"


def test_no_module_is_too_long_to_walk() -> None:
    """A newcomer reads a module in one sitting: at most about 600 lines each."""
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > 620}
    assert not long, f"split these modules: {long}"
