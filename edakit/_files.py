"""Atomic file writes: a temporary file in the target folder, then a rename, so no half-written report."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from edakit.errors import EdakitError


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path`, creating parent folders; an earlier file survives any failure."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise EdakitError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise EdakitError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
