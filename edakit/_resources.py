"""Locate files shipped with edakit: inside the wheel, or at the repository's top level in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

# In a wheel, hatchling copies top-level folders into the package under these names.
_WHEEL_NAMES = {"templates": "templates", "datasets": "datasets_data"}


def resource_dir(name: str) -> Path:
    """Return the folder `templates` or `datasets`, wherever this install keeps it."""
    inside = _PACKAGE_DIR / _WHEEL_NAMES[name]
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name
