"""What every result a user saves or shows has in common: JSON, one HTML page, and its notebook view.

`Report` (edakit report) and `DatasetComparison` (edakit compare) are both documents: the JSON is their
fields (`_json.to_jsonable`), the HTML is drawn by the presenter the top-level package registers under
`PRESENTER` (`_present`), and a file is written atomically (`_files.write_atomic`), so no half-written report
is ever left.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, ClassVar

from edakit._files import write_atomic
from edakit._json import Encoded, dumps, encode_at, to_jsonable
from edakit._present import present

INDENT = 2  # the indent of the JSON a document writes by default (and the one its ready parts are encoded with)


class Ready:
    """Parts of a document's page and JSON made as soon as their part was final, while the rest was still being
    computed (`pipeline.build_report(render_early=True)`, the command line): HTML fragments and JSON texts, each
    kept with the object it was made from and used only for that very object; the page and the JSON are then put
    together from them instead of rendered and encoded at the end, on one core, after the last analysis.

    The object must not change after its part is made: the pipeline makes parts only of what nothing changes later
    (a section once its builder returned, a column once its words are written) and the command line writes the
    page at once. Builders add their parts from their own threads: each is one dict assignment, atomic in Python.
    """

    def __init__(self) -> None:
        self._html: dict[tuple[int, str], tuple[Any, str]] = {}
        self._json: dict[int, tuple[Any, str]] = {}

    def add_html(self, obj: Any, html: str, key: str = "") -> None:
        """`obj`'s HTML fragment (`key`: what else it was rendered with, e.g. a column card's id)."""
        self._html[(id(obj), key)] = (obj, html)

    def html(self, obj: Any, key: str = "") -> str | None:
        """The fragment made for this very `obj` (and `key`), or None."""
        kept = self._html.get((id(obj), key))
        return kept[1] if kept is not None and kept[0] is obj else None

    def add_json(self, obj: Any, level: int) -> None:
        """Encode `obj` now as it will stand in the document's JSON, `level` containers deep."""
        text = encode_at(to_jsonable(obj), level, INDENT)
        self._json[id(obj)] = (obj, text)

    def json(self, obj: Any) -> Encoded | None:
        kept = self._json.get(id(obj))
        return Encoded(kept[1]) if kept is not None and kept[0] is obj else None


def _or_plain(encoded: Encoded | None, item: Any) -> Any:
    return to_jsonable(item) if encoded is None else encoded


class Document:
    """A mixin for dataclasses that are saved as JSON and shown as one HTML page."""

    PRESENTER: ClassVar[str]  # the `_present` kind that draws the page ("report_html", "comparison_html")
    _ready: Ready | None = None  # parts made early (`Ready`); not a field: neither in the JSON nor compared

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    def to_json(self, path: str | Path | None = None, indent: int | None = INDENT) -> str:
        """The document as JSON text; also written (atomically) to `path` when given."""
        text = dumps(self._with_ready() if indent == INDENT and self._ready else self.to_dict(), indent=indent)
        if path is not None:
            write_atomic(Path(path), text)
        return text

    def _with_ready(self) -> dict[str, Any]:
        """`to_dict()`, with the parts encoded early in place (a field, or an item of a list field)."""
        ready = self._ready
        assert ready is not None
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if not f.repr:
                continue
            value = getattr(self, f.name)
            encoded = ready.json(value)
            if encoded is not None:
                out[f.name] = encoded
            elif type(value) is list:
                out[f.name] = [_or_plain(ready.json(item), item) for item in value]
            else:
                out[f.name] = to_jsonable(value)
        return out

    def to_html(self, path: str | Path | None = None) -> str:
        """The document as one self-contained HTML page; also written (atomically) to `path` when given."""
        html = present(self.PRESENTER, self)
        if path is not None:
            write_atomic(Path(path), html)
        return html

    def _repr_html_(self) -> str:
        return present(self.PRESENTER, self, fragment=True)
