"""Rewrite templates/_compiled from the templates: `python -m edakit.render.compile_templates` after editing one
(see `edakit.render.precompiled`; tests/test_render_templates.py fails until this is rerun)."""

from __future__ import annotations

from edakit._resources import resource_dir
from edakit.render.html import OPTIONS, build_environment
from edakit.render.precompiled import COMPILED, sources, write


def main() -> None:
    folder = resource_dir("templates")
    write(folder, folder / COMPILED, build_environment, OPTIONS)
    print(f"compiled {len(sources(folder))} templates into {folder / COMPILED}")


if __name__ == "__main__":
    main()
