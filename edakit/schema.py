"""Infer stage: one role per column, decided from the dtype and a bounded head sample of the values.

Roles: numeric, categorical, boolean, datetime, text, identifier, constant, empty; nested values (lists,
structs) and binary data are "unsupported": counted, shown, and skipped with the reason. Numbers stored as text
("1,234", " 42 ") and dates stored as text are recognised when every sampled value parses unambiguously;
the column then carries a `conversion` that the profile stage applies (the raw text stays in the table).
`finalize_roles` settles constant, empty, identifier and text-vs-categorical from full-data counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import narwhals.stable.v2 as nw

INFER_SAMPLE_ROWS = 10_000
CATEGORICAL_MAX_LEVELS = 50  # more distinct values than this (and mostly unique) makes text
TEXT_MEAN_LENGTH = 40  # long strings are free text, not categories
ID_NAME = re.compile(r"(^|_|\b)(id|uuid|guid|key|code)$|^id", re.IGNORECASE)

_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$")
_BOOL_WORDS = {
    frozenset({"true", "false"}),
    frozenset({"yes", "no"}),
    frozenset({"y", "n"}),
    frozenset({"t", "f"}),
}
# (regex, polars strptime format) for dates stored as text; day-first and month-first are told apart later.
_DATE_FORMATS = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$"), "%Y-%m-%d %H:%M:%S"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$"), "%Y-%m-%d %H:%M"),
    (re.compile(r"^\d{4}/\d{2}/\d{2}$"), "%Y/%m/%d"),
]
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

ROLES = ("numeric", "categorical", "boolean", "datetime", "text", "identifier", "constant", "empty", "unsupported")


@dataclass
class ColumnSchema:
    """What we decided about one column, and why."""

    name: str
    dtype: str
    role: str
    conversion: str | None = None  # "number_text", "bool_text", or a strptime format for date text
    reason: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Schema:
    columns: list[ColumnSchema]

    def by_role(self, *roles: str) -> list[ColumnSchema]:
        return [c for c in self.columns if c.role in roles]

    def __getitem__(self, name: str) -> ColumnSchema:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def infer_schema(frame: nw.LazyFrame, sample_rows: int = INFER_SAMPLE_ROWS) -> Schema:
    """Assign a provisional role to every column from its dtype and the first `sample_rows` rows."""
    schema = frame.collect_schema()
    head = frame.head(sample_rows).collect()
    return Schema([_infer_column(name, dtype, head[name]) for name, dtype in schema.items()])


def _infer_column(name: str, dtype: nw.dtypes.DType, values: nw.Series) -> ColumnSchema:
    dtype_name = str(dtype)
    if dtype == nw.Boolean:
        return ColumnSchema(name, dtype_name, "boolean", reason="stored as true/false")
    if dtype.is_numeric():
        return ColumnSchema(name, dtype_name, "numeric", reason="stored as numbers")
    if dtype in (nw.Date, nw.Datetime):
        return ColumnSchema(name, dtype_name, "datetime", reason="stored as dates")
    if dtype in (nw.String, nw.Categorical, nw.Enum):
        return _infer_text_column(name, dtype_name, values)
    return ColumnSchema(name, dtype_name, "unsupported", reason=f"values of type {dtype_name} are not summarised")


def _infer_text_column(name: str, dtype_name: str, values: nw.Series) -> ColumnSchema:
    sample = [str(v).strip() for v in values.drop_nulls().to_list()]
    sample = [v for v in sample if v]
    if not sample:
        return ColumnSchema(name, dtype_name, "categorical", reason="text; no values in the first rows")
    distinct = set(sample)
    lowered = frozenset(v.lower() for v in distinct)
    if lowered in _BOOL_WORDS:
        return ColumnSchema(name, dtype_name, "boolean", "bool_text", reason=f"text values {sorted(distinct)}")
    if all(_NUMBER_TEXT.match(v) for v in distinct):
        return ColumnSchema(
            name, dtype_name, "numeric", "number_text", reason="numbers stored as text (separators or spaces)"
        )
    date_format = _date_format(distinct)
    if date_format:
        return ColumnSchema(name, dtype_name, "datetime", date_format, reason=f"dates stored as text ({date_format})")
    mean_length = sum(len(v) for v in sample) / len(sample)
    if mean_length > TEXT_MEAN_LENGTH:
        return ColumnSchema(name, dtype_name, "text", reason=f"long strings (mean length {mean_length:.0f})")
    return ColumnSchema(name, dtype_name, "categorical", reason="text labels")


def _date_format(distinct: set[str]) -> str | None:
    for pattern, fmt in _DATE_FORMATS:
        if all(pattern.match(v) for v in distinct):
            return fmt
    parts = [_SLASH_DATE.match(v) for v in distinct]
    if not all(parts):
        return None
    first = [int(p.group(1)) for p in parts if p]
    second = [int(p.group(2)) for p in parts if p]
    if max(first) > 12 >= max(second):
        return "%d/%m/%Y"
    if max(second) > 12 >= max(first):
        return "%m/%d/%Y"
    return None  # ambiguous (every day <= 12): keep as text rather than guess


def finalize_roles(schema: Schema, rows: int, counts: dict[str, dict[str, int]]) -> None:
    """Settle roles that need full-data counts: empty, constant, identifier, text vs categorical.

    `counts[name]` holds `missing` and `distinct` (non-missing distinct values) for every column.
    """
    for col in schema.columns:
        if col.role == "unsupported":
            continue
        c = counts[col.name]
        present = rows - c["missing"]
        if present == 0:
            col.role, col.reason = "empty", "every value is missing"
        elif c["distinct"] == 1:
            col.role, col.reason = "constant", "only one distinct value"
        elif col.role == "numeric" and _looks_like_identifier(col, present, c["distinct"]):
            col.role, col.reason = "identifier", "integers, all distinct, named like an identifier"
        elif col.role in ("categorical", "text") and present > 1 and c["distinct"] == present and present >= 20:
            col.role, col.reason = "identifier", "every value is distinct"
        elif col.role == "categorical" and c["distinct"] > max(CATEGORICAL_MAX_LEVELS, 0.5 * present):
            col.role, col.reason = "text", f"{c['distinct']:,} distinct values: free text rather than categories"


def _looks_like_identifier(col: ColumnSchema, present: int, distinct: int) -> bool:
    is_integer = col.dtype.startswith(("Int", "UInt"))
    return is_integer and distinct == present and present >= 20 and bool(ID_NAME.search(col.name))
