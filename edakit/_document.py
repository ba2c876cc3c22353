"""What every result a user saves or shows has in common: JSON, one HTML page, and its notebook view.

`Report` (edakit report) and `DatasetComparison` (edakit compare) are both documents: the JSON is their
fields (`_json.to_jsonable`), the HTML is drawn by the presenter the top-level package registers under
`PRESENTER` (`_present`), and a file is written atomically (`_files.write_atomic`), so no half-written report
is ever left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from edakit._files import write_atomic
from edakit._json import dumps, to_jsonable
from edakit._present import present


class Document:
    """A mixin for dataclasses that are saved as JSON and shown as one HTML page."""

    PRESENTER: ClassVar[str]  # the `_present` kind that draws the page ("report_html", "comparison_html")

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    def to_json(self, path: str | Path | None = None, indent: int | None = 2) -> str:
        """The document as JSON text; also written (atomically) to `path` when given."""
        text = dumps(self.to_dict(), indent=indent)
        if path is not None:
            write_atomic(Path(path), text)
        return text

    def to_html(self, path: str | Path | None = None) -> str:
        """The document as one self-contained HTML page; also written (atomically) to `path` when given."""
        html = present(self.PRESENTER, self)
        if path is not None:
            write_atomic(Path(path), html)
        return html

    def _repr_html_(self) -> str:
        return present(self.PRESENTER, self, fragment=True)
