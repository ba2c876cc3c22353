"""The report's templates compiled ahead of time, so that no process pays for Jinja's lexer, parser and code
generator (about 0.13 s of CPU for the report's templates, in every `edakit` run).

`jinja2.Environment.compile_templates` writes each template as a Python module into `templates/_compiled/`, which
ships in the wheel (pip byte-compiles it with the rest of the package) and is read by a `jinja2.ModuleLoader`:
nothing is written at run time, so a read-only install, a missing home folder and concurrent processes are all
fine. `_compiled/FINGERPRINT` records what the modules were compiled from: Jinja's version, and a hash of the
environment's options and of every template. When either no longer matches (a template edited, another Jinja),
the templates are compiled at run time as before, so a stale folder can slow a report but never change it;
tests/test_render_templates.py fails when the folder is stale, and

    python -m edakit.render.compile_templates

rewrites it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

COMPILED = "_compiled"  # inside the templates folder
FINGERPRINT = "FINGERPRINT"


def sources(folder: Path) -> list[Path]:
    """The templates: every file at the top of the templates folder (the compiled folder is below it)."""
    return sorted(p for p in folder.iterdir() if p.is_file())


def fingerprint(folder: Path, options: dict[str, Any]) -> str:
    """Two lines: the Jinja version the modules need, and a hash of the options and of every template's text."""
    import jinja2

    digest = hashlib.sha256(repr(sorted(options.items())).encode())
    for path in sources(folder):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return f"jinja2 {jinja2.__version__}\ntemplates {digest.hexdigest()}\n"


def loader(folder: Path, options: dict[str, Any]) -> Any:
    """A loader of the compiled modules when they match the templates and this Jinja, else of the templates."""
    import jinja2

    compiled = folder / COMPILED
    try:
        recorded = (compiled / FINGERPRINT).read_text(encoding="utf-8")
    except OSError:
        recorded = ""
    if recorded == fingerprint(folder, options):
        return jinja2.ModuleLoader(str(compiled))
    return jinja2.FileSystemLoader(str(folder))


def write(folder: Path, target: Path, make_environment: Callable[[Any], Any], options: dict[str, Any]) -> None:
    """Compile every template of `folder` into `target` (emptied first) with the environment `make_environment`
    builds around a loader, and record the fingerprint."""
    import jinja2

    env = make_environment(jinja2.FileSystemLoader(str(folder)))
    names = [p.name for p in sources(folder)]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    env.compile_templates(str(target), zip=None, filter_func=names.__contains__, ignore_errors=False)
    (target / FINGERPRINT).write_text(fingerprint(folder, options), encoding="utf-8")
