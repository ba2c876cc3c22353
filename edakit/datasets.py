"""The bundled teaching datasets: small, real tables with a data card each.

Every dataset is a CSV file plus a TOML card (``<name>.toml``) in the folder returned by
``resource_dir("datasets")``: the repository's top-level ``datasets/`` in a checkout,
``edakit/datasets_data/`` in an installed wheel. The card says where the data come from, under which
licence, what each column means and which statistical ideas the data set illustrates. Importing this module
is cheap: polars is imported only by :func:`load`.

>>> from edakit import datasets
>>> datasets.card("sleep").rows
20
>>> "sleep" in [c.name for c in datasets.list_datasets()]
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edakit._resources import resource_dir
from edakit.errors import EdakitError

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DatasetCard", "card", "exists", "list_datasets", "load", "path", "show"]

_NULL_VALUES = ["NA", ""]


@dataclass
class DatasetCard:
    """The data card of one bundled dataset, as read from ``datasets/<name>.toml``."""

    name: str
    title: str
    description: str
    long_description: str
    source: str
    licence: str
    rows: int
    columns: dict[str, str]
    suggested_questions: list[str]
    concepts: list[str]
    command: str
    file: str
    url: str | None = None
    design: str = "observational"  # "randomised" when the groups were assigned at random (`--design`)
    licence_short: str = ""
    folder: Path = field(default_factory=lambda: resource_dir("datasets"), repr=False, compare=False)

    @property
    def path(self) -> Path:
        """The CSV file of this dataset."""
        return self.folder / self.file

    @property
    def n_columns(self) -> int:
        """Number of columns the CSV file has, according to the card."""
        return len(self.columns)


_REQUIRED: dict[str, type] = {
    "name": str,
    "title": str,
    "description": str,
    "long_description": str,
    "source": str,
    "licence": str,
    "rows": int,
    "columns": dict,
    "suggested_questions": list,
    "concepts": list,
    "command": str,
    "file": str,
}
_OPTIONAL: dict[str, type] = {"url": str, "licence_short": str, "design": str}


def _read_card(toml_path: Path) -> DatasetCard:
    """Parse and check one card; a malformed card is a packaging bug, reported with its file name."""
    try:
        raw: dict[str, Any] = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EdakitError(f"cannot read the data card {toml_path}: {exc}") from exc
    for key, kind in {**_REQUIRED, **_OPTIONAL}.items():
        if key not in raw:
            if key in _REQUIRED:
                raise EdakitError(f"data card {toml_path.name} lacks the field {key!r}")
            continue
        if not isinstance(raw[key], kind) or isinstance(raw[key], bool):
            raise EdakitError(f"data card {toml_path.name}: field {key!r} should be a {kind.__name__}")
    if raw.get("design", "observational") not in ("observational", "randomised"):
        raise EdakitError(f"data card {toml_path.name}: design should be 'observational' or 'randomised'")
    unknown = set(raw) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise EdakitError(f"data card {toml_path.name} has unknown fields: {', '.join(sorted(unknown))}")
    if raw["name"] != toml_path.stem:
        raise EdakitError(f"data card {toml_path.name} names itself {raw['name']!r}; they must agree")
    fields = {key: raw[key] for key in (*_REQUIRED, *_OPTIONAL) if key in raw}
    fields["columns"] = {str(k): str(v) for k, v in raw["columns"].items()}
    fields["long_description"] = raw["long_description"].strip()
    return DatasetCard(**fields, folder=toml_path.parent)


def _cards() -> dict[str, DatasetCard]:
    folder = resource_dir("datasets")
    return {p.stem: _read_card(p) for p in sorted(folder.glob("*.toml"))}


def list_datasets() -> list[DatasetCard]:
    """All bundled datasets' cards, sorted by name.

    >>> [c.name for c in list_datasets()][:3]
    ['airpassengers', 'airquality', 'chickweight']
    """
    return sorted(_cards().values(), key=lambda c: c.name)


def _key(name: str) -> str:
    """A dataset's name as its card's file is named: trimmed, lower case, without `.csv`."""
    return str(name).strip().lower().removesuffix(".csv")


def _resolve(name: str, cards: dict[str, DatasetCard]) -> str:
    """The card key for `name` (case-insensitive, an optional ``.csv`` suffix allowed) or an EdakitError."""
    key = _key(name)
    if key in cards:
        return key
    import difflib

    available = ", ".join(cards) or "(none found)"
    close = difflib.get_close_matches(key, list(cards), n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise EdakitError(f"unknown dataset {name!r}.{hint} Available datasets: {available}.")


def exists(name: str) -> bool:
    """True when `name` is a bundled dataset (case-insensitive).

    >>> exists("ToothGrowth"), exists("nope")
    (True, False)
    """
    try:
        _resolve(name, _cards())
    except EdakitError:
        return False
    return True


def card(name: str) -> DatasetCard:
    """The data card of dataset `name`; an unknown name raises EdakitError listing the available ones.

    >>> card("sleep").rows
    20
    """
    # The dataset's own card when the name is its file's (a report on it reads one card, not all); every card only
    # to resolve another spelling (a capital, `.csv`) or to list them in the error.
    key = _key(name)
    own = resource_dir("datasets") / f"{key}.toml"
    if key and own.name == f"{key}.toml" and own.is_file():  # the name is one file name, no folder in it
        return _read_card(own)
    cards = _cards()
    return cards[_resolve(name, cards)]


def path(name: str) -> Path:
    """Path of the CSV file of dataset `name`.

    >>> path("penguins").name
    'penguins.csv'
    """
    return card(name).path


def load(name: str) -> pl.DataFrame:
    """Read dataset `name` into a polars DataFrame (``NA`` and empty fields are missing values).

    ISO 8601 date columns (``airquality.date``, ``airpassengers.month``) are parsed as dates.

    >>> load("sleep").shape
    (20, 3)
    """
    import polars as pl

    info = card(name)
    return pl.read_csv(info.path, null_values=_NULL_VALUES, infer_schema_length=None, try_parse_dates=True)


def show(name: str, width: int = 88) -> str:
    """The data card of `name` as plain text for a terminal.

    >>> show("sleep").splitlines()[0]
    "sleep: Student's sleep data: two sleeping drugs tried on the same ten patients"
    """
    import textwrap

    info = card(name)

    def para(text: str, indent: str = "") -> str:
        return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)

    def bullets(items: list[str]) -> list[str]:
        return [textwrap.fill(i, width=width, initial_indent="  - ", subsequent_indent="    ") for i in items]

    heading = f"{info.name}: {info.title}"
    lines = [heading, "=" * min(len(heading), width), para(info.description), ""]
    lines += [para(info.long_description), ""]
    lines.append(f"Size: {info.rows} rows x {info.n_columns} columns  (file: {info.path})")
    design = (
        "randomised: the groups were assigned at random (use --design randomised)"
        if info.design == "randomised"
        else "observational: no random assignment is recorded, so group differences are not read as causal"
    )
    lines.append(para(f"Design: {design}"))
    lines += ["", "Columns:"]
    pad = min(max(len(c) for c in info.columns), 24)
    for column, meaning in info.columns.items():
        first = f"  {column.ljust(pad)}  "
        lines.append(textwrap.fill(meaning, width=width, initial_indent=first, subsequent_indent=" " * (pad + 4)))
    lines += ["", "Questions to ask:", *bullets(info.suggested_questions)]
    lines += ["", "Concepts:", *bullets(info.concepts)]
    lines += ["", "Source:", para(info.source, "  ")]
    if info.url:
        lines.append(f"  {info.url}")
    lines += ["", "Licence:", para(info.licence, "  ")]
    lines += ["", "Try:", f"  {info.command}"]
    return "\n".join(lines)
