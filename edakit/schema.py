"""Infer stage: one role per column, decided from the dtype and a bounded head sample of the values.

Roles: numeric, categorical, boolean, datetime, text, identifier, constant, empty; nested values (lists,
structs) and binary data are "unsupported": counted, shown, and skipped with the reason. Numbers stored as text
("1,234", " 42 ") and dates stored as text (`edakit.dates`) are recognised when every sampled value parses;
so are Unix timestamps in a numeric column named so. The column then carries a `conversion` that the profile
stage applies (the raw values stay in the table).
`finalize_roles` settles constant, empty, identifier, boolean (0/1), year, integer code, count and
text-vs-categorical from full-data counts (distinct values, minimum, fractional values), with what the head sample
showed (`ColumnSchema.sample_facts`); then it applies the roles set by hand.

Whole numbers are told apart by what they mean, as a statistician would label them (tests/test_roles.py holds the
bundled datasets' columns labelled by hand, with the reasons):

* identifiers: row numbers 1..n, or names like `id`, `*_id`, `PassengerId`, `key`, `code`, `rownames` (labels of
  units, even when a unit is measured more than once, as sleep's `ID`);
* years: whole numbers from 1800 to 2100 named like a year, or with few distinct values;
* codes (role categorical, kind "code", drawn in value order): at most `CODE_MAX_LEVELS` distinct values, each
  seen `CODE_MIN_REPEATS` times on average, that start at 1 or above (mtcars' `cyl`, `gear`, `carb`, a class
  1/2/3) or are named like a rating or score (a 0-10 pain score);
* counts (kind "count", fitted with count distributions): whole numbers ≥ 0 over the full column that include 0
  or are named like a count; a measurement that happens to be rounded (flipper length 172-231 mm) is not one, and
  neither is a clock or calendar part that starts at 0 (flights' `minute`);
* two labels stored as text stay categorical, with the share of each label and its interval: which label would be
  "true" is arbitrary, and both shares are shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw

from edakit.dates import date_format_of, epoch_unit
from edakit.errors import EdakitError

INFER_SAMPLE_ROWS = 10_000
CATEGORICAL_MAX_LEVELS = 50  # more distinct values than this (and mostly unique) makes text
TEXT_MEAN_LENGTH = 40  # long strings are free text, not categories
ID_NAME = re.compile(r"(^|[_\s.]|\b)(id|uuid|guid|key|code)$|^(id|uuid|guid)([_\s.]|$)|^rownames$", re.IGNORECASE)
ID_CAMEL_NAME = re.compile(r"[a-z0-9](Id|ID)$")  # PassengerId, userID
ORDINAL_NAME = re.compile(r"score|rating|grade|rank|level|class|stage|scale|severity|pain|likert", re.IGNORECASE)
COUNT_NAME = re.compile(r"count|number|^num_|^n_|_n$|^n$|total|freq|visits|clicks|events", re.IGNORECASE)
#: clock and calendar parts (flights' `minute`, 0-59; an `hour`, 0-23) start at 0 but count nothing
CLOCK_NAME = re.compile(r"(^|_)(second|sec|minute|min|hour|hr|day|week|month|quarter|year|time|date)s?(_|$)", re.I)
CODE_MAX_LEVELS = 12  # whole numbers with at most this many distinct values may be codes (ratings, classes)
CODE_MIN_REPEATS = 5  # ... when each value is seen this many times on average (fewer: too few rows to tell)
ROW_NUMBERS_MIN_ROWS = 10  # an integer column 1..n (or 0..n-1) in order over at least this many rows: row numbers
YEAR_NAME = re.compile(r"year|^yr$|_yr$", re.IGNORECASE)
YEAR_RANGE = (1800, 2100)
YEAR_MAX_LEVELS = 20  # whole numbers within YEAR_RANGE, not named like a year, are years with at most this many values
#: The role reason of a pairing key: a column whose values appear once in each level of --group (sleep's ID).
PAIRING_REASON = "it pairs the rows of the groups: each value appears once in every group"
#: Roles a user may set by hand (`ReportConfig.roles`); numeric and datetime only where the values are stored so.
SETTABLE_ROLES = ("numeric", "categorical", "boolean", "datetime", "text", "identifier")

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
    conversion: str | None = None  # "number_text", "bool_text", "epoch_s" (ms, us), or a strptime format for dates
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    # "year": whole numbers that are years (numeric, printed without thousands separators); "code": integer codes
    # (categorical, levels in value order); "count": whole numbers >= 0 that count something (numeric)
    kind: str | None = None
    # What the head sample showed of a numeric column (see `_sample_facts`), for `finalize_roles`.
    sample_facts: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Schema:
    columns: list[ColumnSchema]

    def by_role(self, *roles: str) -> list[ColumnSchema]:
        return [c for c in self.columns if c.role in roles]

    def __getitem__(self, name: str) -> ColumnSchema:
        """The column named `name`, from a name index built on first use: passes look up every column by name,
        and a search of the list made that quadratic on wide tables. Rebuilt if the column list has changed
        length since (the index keeps the first of equal names, as a search of the list found it)."""
        built = self.__dict__.get("_index")
        if built is None or built[0] != len(self.columns):
            index: dict[str, ColumnSchema] = {}
            for col in self.columns:
                index.setdefault(col.name, col)
            built = self.__dict__["_index"] = (len(self.columns), index)
        return built[1][name]


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
        unit = epoch_unit(name, values)
        if unit:
            why = f"Unix timestamps (in {'seconds' if unit == 's' else unit}), named so and in range"
            return ColumnSchema(name, dtype_name, "datetime", f"epoch_{unit}", reason=why)
        col = ColumnSchema(name, dtype_name, "numeric", reason="stored as numbers")
        col.sample_facts = _sample_facts(values)
        return col
    if dtype in (nw.Date, nw.Datetime):
        return ColumnSchema(name, dtype_name, "datetime", reason="stored as dates")
    if dtype in (nw.String, nw.Categorical, nw.Enum):
        return _infer_text_column(name, dtype_name, values)
    return ColumnSchema(name, dtype_name, "unsupported", reason=f"values of type {dtype_name} are not summarised")


def _sample_facts(values: nw.Series) -> dict[str, Any]:
    """What the head sample says of a numeric column: `whole` (every value a whole number), `in_order` (no value
    missing and the values are 0, 1, 2, ... or 1, 2, 3, ...: row numbers), `years` (whole numbers within
    YEAR_RANGE) and `values` (the distinct values when there are at most two)."""
    import numpy as np

    try:
        raw = values.to_numpy()
        x = raw[~np.isnan(raw.astype(float))].astype(float) if raw.dtype.kind in "iuf" else None
    except (TypeError, ValueError):  # decimals and other numbers numpy cannot hold as floats
        x = None
    if x is None or not x.size or not np.isfinite(x).all():
        return {}
    whole = bool((x == np.round(x)).all())
    low, high = float(x.min()), float(x.max())  # the distinct values when at most two, without sorting them all
    two = [low] if low == high else [low, high] if bool(((x == low) | (x == high)).all()) else None
    facts: dict[str, Any] = {"whole": whole, "values": two}
    if whole:
        facts["in_order"] = x.size == len(values) and x[0] in (0, 1) and bool((np.diff(x) == 1).all())
        facts["years"] = bool(YEAR_RANGE[0] <= low and high <= YEAR_RANGE[1])
    return facts


def _infer_text_column(name: str, dtype_name: str, values: nw.Series) -> ColumnSchema:
    """The role of a text column from its head sample: its non-empty values with surrounding spaces removed,
    taken once per distinct value with its count (a wide table's 600 text columns of 8,000 rows: 0.9 → 0.1
    CPU-s); the values in file order are listed only when day/month order needs them (`dates.date_format_of`)."""
    present = values.drop_nulls()
    counted = present.alias("value").value_counts(name="n")
    stripped = [(str(v).strip(), n) for v, n in zip(counted["value"].to_list(), counted["n"].to_list(), strict=True)]
    stripped = [(v, n) for v, n in stripped if v]
    if not stripped:
        return ColumnSchema(name, dtype_name, "categorical", reason="text; no values in the first rows")
    distinct = {v for v, _ in stripped}
    lowered = frozenset(v.lower() for v in distinct)
    if lowered in _BOOL_WORDS:
        return ColumnSchema(name, dtype_name, "boolean", "bool_text", reason=f"text values {sorted(distinct)}")
    if all(_NUMBER_TEXT.match(v) for v in distinct):
        return ColumnSchema(
            name, dtype_name, "numeric", "number_text", reason="numbers stored as text (separators or spaces)"
        )
    date = date_format_of(distinct, lambda: [v for v in (str(v).strip() for v in present.to_list()) if v])
    if date:
        return ColumnSchema(name, dtype_name, "datetime", date[0], reason=date[1])
    mean_length = sum(len(v) * n for v, n in stripped) / sum(n for _, n in stripped)
    if mean_length > TEXT_MEAN_LENGTH:
        return ColumnSchema(name, dtype_name, "text", reason=f"long strings (mean length {mean_length:.0f})")
    return ColumnSchema(name, dtype_name, "categorical", reason="text labels")


def finalize_roles(
    schema: Schema,
    rows: int,
    counts: dict[str, dict[str, Any]],
    paired: set[str] | frozenset[str] = frozenset(),
    overrides: dict[str, str] | None = None,
    unit_key: str | None = None,
) -> None:
    """Settle roles that need full-data counts: empty, constant, identifier, boolean, year, code, count, text vs
    categorical; then apply the roles set by hand (`overrides`, checked by `check_overrides`).

    `counts[name]` holds `missing` and `distinct` (non-missing distinct values) for every column, and for numeric
    columns `min` (the smallest finite value) and `fractional` (finite values that are not whole numbers), so
    codes and counts are decided from the full column, not the head sample. `paired`: whole-number columns named
    like an identifier whose every value occurs exactly once in each group of the report's group column (found by
    the profile stage, which knows the group): the pairing key of a paired design. `unit_key`: the column `--pair`
    names, an identifier whatever its name (a chick's number is a label, not a quantity to correlate).
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
        elif col.role == "numeric":
            _settle_numeric(col, rows, present, c, col.name in paired)
        elif col.role in ("categorical", "text") and present > 1 and c["distinct"] == present and present >= 20:
            col.role, col.reason = "identifier", "every value is distinct"
        elif col.role == "categorical" and c["distinct"] > max(CATEGORICAL_MAX_LEVELS, 0.5 * present):
            col.role, col.reason = "text", f"{c['distinct']:,} distinct values: free text rather than categories"
    key = next((c for c in schema.columns if c.name == unit_key), None)
    if key is not None and key.role not in ("empty", "constant", "identifier", "unsupported"):
        key.role, key.kind = "identifier", None
        key.reason = "named by --pair: the label of the unit measured in every group, not a quantity"
    for name, role in (overrides or {}).items():
        col = schema[name]
        col.role, col.reason = role, "set by hand"
        if role != "numeric" or col.kind == "code":
            col.kind = None


def named_like_identifier(name: str) -> bool:
    """Whether a column's name says it labels units: `id`, `*_id`, `PassengerId`, `key`, `uuid`, `rownames`."""
    return bool(ID_NAME.search(name) or ID_CAMEL_NAME.search(name))


def _settle_numeric(col: ColumnSchema, rows: int, present: int, c: dict[str, Any], paired: bool) -> None:
    facts = col.sample_facts
    distinct = c["distinct"]
    integer = col.dtype.startswith(("Int", "UInt"))
    # whole numbers over the full column when the profile counted them; else what the head sample showed
    whole = integer or (c["fractional"] == 0 if "fractional" in c else facts.get("whole", False))
    low = c.get("min")
    named = named_like_identifier(col.name)
    if integer and facts.get("in_order") and distinct == present == rows >= ROW_NUMBERS_MIN_ROWS:
        col.role, col.reason = "identifier", "whole numbers counting the rows in order (0 or 1, 2, 3, ...): row numbers"
    elif whole and named and paired:
        col.role, col.reason = "identifier", PAIRING_REASON
    elif whole and named and distinct == present and present >= 2:
        col.role, col.reason = "identifier", "whole numbers, all distinct, named like an identifier"
    elif whole and named:
        col.role, col.reason = (
            "identifier",
            (f"whole numbers named like an identifier: labels of {distinct:,} units, some seen more than once"),
        )
    elif distinct == 2 and facts.get("values") == [0.0, 1.0]:
        col.role, col.reason = "boolean", "only the values 0 and 1: a yes/no flag"
    elif whole and facts.get("years") and (YEAR_NAME.search(col.name) or distinct <= YEAR_MAX_LEVELS):
        col.kind = "year"
        col.reason = f"whole numbers from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}: years (printed without separators)"
    elif whole and low is not None and _is_code(col.name, distinct, present, low):
        col.role, col.kind = "categorical", "code"
        why = "named like a rating or score" if ORDINAL_NAME.search(col.name) else f"starting at {low:g}"
        col.reason = f"{distinct} whole-number levels, {why}: ordered codes, not quantities"
    elif whole and low is not None and low >= 0 and _is_count(col.name, low):
        col.kind = "count"
        why = "named like a count" if COUNT_NAME.search(col.name) else "starting at 0"
        col.reason = f"whole numbers ≥ 0 over every row, {why}: counts"


def _is_count(name: str, low: float) -> bool:
    """Whole numbers >= 0 named like a count, or starting at 0 and not named like a clock or calendar part."""
    return bool(COUNT_NAME.search(name)) or (low == 0 and not CLOCK_NAME.search(name))


def _is_code(name: str, distinct: int, present: int, low: float) -> bool:
    """Few whole-number levels, each seen often, that start at 1 or more (a class, cylinders, a month) or are named
    like a rating; 0, 1, 2, ... unnamed are counts (children, defects), whose arithmetic means something."""
    if distinct > CODE_MAX_LEVELS or present < CODE_MIN_REPEATS * distinct:
        return False
    return bool(ORDINAL_NAME.search(name)) or low >= 1


def pairing_candidates(schema: Schema, group: str | None) -> list[str]:
    """Numeric columns that may be the pairing key of a paired design over `group`: whole numbers named like an
    identifier (the profile stage then checks that each value occurs once per group)."""
    if not group:
        return []
    return [
        c.name
        for c in schema.columns
        if c.role == "numeric" and c.name != group and c.sample_facts.get("whole") and named_like_identifier(c.name)
    ]


def check_overrides(schema: Schema, overrides: dict[str, str] | None) -> None:
    """Raise EdakitError (one line) for a role set by hand on an unknown column, an unknown role, or a role the
    stored values cannot take (numeric for text, datetime for numbers)."""
    names = [c.name for c in schema.columns]
    for name, role in (overrides or {}).items():
        if name not in names:
            raise EdakitError(f"--role names an unknown column {name!r}. Columns are: {', '.join(names)}.")
        if role not in SETTABLE_ROLES:
            raise EdakitError(f"--role {name}={role}: unknown role; choose one of {', '.join(SETTABLE_ROLES)}.")
        inferred = schema[name].role
        if role in ("numeric", "datetime") and inferred != role:
            raise EdakitError(
                f"--role {name}={role}: the values of {name} are not stored as "
                f"{'numbers' if role == 'numeric' else 'dates'} ({schema[name].dtype}); choose another role."
            )
        if role == "text" and not schema[name].dtype.startswith(("String", "Categorical", "Enum")):
            raise EdakitError(f"--role {name}=text: {name} is not stored as text ({schema[name].dtype}).")
