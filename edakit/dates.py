"""Dates and times stored as text or as Unix timestamps, recognised from a column's head sample (infer stage).

`date_format_of` finds the one strptime format (polars/chrono syntax, which `engine.convert` applies) that every
sampled value matches: ISO dates and times with or without a time zone ("2000-01-01T10:00:00+02:00", "Z"),
year/month/day with slashes, month names ("Jan 1 2000", "January 1, 2000", "1 January 2000", "01-Jan-2000") and
day and month as numbers ("31/12/2000", "12/31/2000", "31.12.2000"). Which of the two numbers is the day is
decided from the values: a first number above 12 makes them day/month, a second one month/day. When no number is
above 12 the values cannot tell; the order under which the rows are sorted by date is taken when only one is
(files are mostly written in date order), else the usual one for the separator, and the column's reason says so.
A candidate is kept only when polars parses every sampled value with it, so the conversion never turns a sampled
date into a missing value.

`epoch_unit` recognises Unix timestamps, but only in a numeric column named so (timestamp, epoch, unix_time, ...)
whose whole numbers fall in the range of seconds, milliseconds or microseconds between 1973 and 2100: numbers
alone never make a date."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

_TIME = r"\d{2}:\d{2}"
_SECONDS = r":\d{2}(?:\.\d+)?"
_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?)"


def _iso_formats() -> list[tuple[re.Pattern[str], str]]:
    """ISO 8601 date-times: "T" or a space between date and time, with or without seconds (and fractions of a
    second), with or without a time zone (Z, +hh, +hhmm, +hh:mm; converted to UTC)."""
    out = []
    for sep in ("T", " "):
        for seconds in (True, False):
            for zone in (True, False):
                pattern = rf"^\d{{4}}-\d{{2}}-\d{{2}}{sep}{_TIME}{_SECONDS if seconds else ''}{_ZONE if zone else ''}$"
                fmt = f"%Y-%m-%d{sep}%H:%M" + (":%S%.f" if seconds else "") + ("%#z" if zone else "")
                out.append((re.compile(pattern), fmt))
    return out


# (pattern every value must match, polars strptime format); the first that fits every value wins.
FORMATS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    *_iso_formats(),
    (re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$"), "%Y/%m/%d"),
    # month names, full or abbreviated in any case (chrono's %B takes both when parsing)
    (re.compile(r"^[A-Za-z]{3,9} \d{1,2} \d{4}$"), "%B %d %Y"),
    (re.compile(r"^[A-Za-z]{3,9} \d{1,2}, \d{4}$"), "%B %d, %Y"),
    (re.compile(r"^\d{1,2} [A-Za-z]{3,9} \d{4}$"), "%d %B %Y"),
    (re.compile(r"^\d{1,2}-[A-Za-z]{3,9}-\d{4}$"), "%d-%B-%Y"),
]
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
EPOCH_NAME = re.compile(r"(^|_)(epoch|unix|timestamp|ts)(_|$)|unix_?time|time_?stamp|epoch", re.IGNORECASE)
# Unix time units by the range of their values between 1973-03-03 (1e8 s) and 2100-01-01 (4.1e9 s)
EPOCH_RANGES = {"s": (1e8, 4.11e9), "ms": (1e11, 4.11e12), "us": (1e14, 4.11e15)}


def date_format_of(distinct: set[str], ordered: Callable[[], Sequence[str]]) -> tuple[str, str] | None:
    """(strptime format, reason) when every value of a column's head sample is a date or date-time in one format;
    None otherwise. `distinct`: the sample's distinct non-empty values; `ordered()` gives the sample itself, in
    file order, and is called only when the order of the rows decides between day/month and month/day (a column
    of text labels never needs it: `schema` builds it from thousands of values only then)."""
    if not distinct:
        return None
    for pattern, fmt in FORMATS:
        if all(pattern.match(v) for v in distinct) and _parses(distinct, fmt):
            zone = " with time zones, converted to UTC" if fmt.endswith("%#z") else ""
            return fmt, f"dates stored as text ({fmt}{zone})"
    return _day_month_format(ordered, distinct)


def _day_month_format(ordered: Callable[[], Sequence[str]], distinct: set[str]) -> tuple[str, str] | None:
    """Day and month as numbers: which comes first, from the values (a number above 12 is a day)."""
    parts = [_NUMERIC_DATE.match(v) for v in distinct]
    if not all(parts) or len({p.group(2) for p in parts if p}) != 1:
        return None
    sep = parts[0].group(2) if parts[0] else "/"
    day_first, month_first = f"%d{sep}%m{sep}%Y", f"%m{sep}%d{sep}%Y"
    first = max(int(p.group(1)) for p in parts if p)
    second = max(int(p.group(3)) for p in parts if p)
    if first > 12 >= second:
        chosen, why = day_first, f"a first number above 12 ({first}) is a day"
    elif second > 12 >= first:
        chosen, why = month_first, f"a second number above 12 ({second}) is a day"
    elif first <= 12 and second <= 12:
        return _ambiguous(ordered(), distinct, day_first, month_first, sep)
    else:
        return None  # both numbers go above 12: not day and month
    if not _parses(distinct, chosen):
        return None
    return chosen, f"dates stored as text ({_plain(chosen)}: {why})"


def _ambiguous(
    sample: Sequence[str], distinct: set[str], day_first: str, month_first: str, sep: str
) -> tuple[str, str] | None:
    """No number above 12: take the order under which the rows are sorted by date when only one is, else the
    usual order for the separator (day first for dots, month first otherwise), and say so."""
    valid = [fmt for fmt in (day_first, month_first) if _parses(distinct, fmt)]
    if not valid:
        return None
    in_order = [fmt for fmt in valid if _sorted(sample, fmt)]
    if len(in_order) == 1:
        chosen, why = in_order[0], "the rows are in date order only when read this way"
    else:
        usual = day_first if sep == "." else month_first  # dotted dates are day-first wherever they are written
        chosen = usual if usual in valid else valid[0]
        why = f"the order of the rows does not tell either, so the usual order for '{sep}' was taken"
    other = day_first if chosen == month_first else month_first
    return chosen, (
        f"dates stored as text, read as {_plain(chosen)}: no number above 12 tells the day from the month, and "
        f"{why}; if they are {_plain(other)}, convert the column to dates before reporting"
    )


def _plain(fmt: str) -> str:
    """A day/month/year format as people write it: %d/%m/%Y -> dd/mm/yyyy."""
    return fmt.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")


def _parses(values: set[str], fmt: str) -> bool:
    """Whether polars parses every value with `fmt` (the conversion `engine.convert` will make)."""
    import polars as pl

    target = pl.Datetime if "%H" in fmt else pl.Date
    parsed = pl.Series(sorted(values), dtype=pl.String).str.strptime(target, fmt, strict=False)
    return parsed.null_count() == 0


def _sorted(sample: Sequence[str], fmt: str) -> bool:
    """Whether the sampled dates read with `fmt` run in one direction (rising or falling) and not all on one day."""
    import polars as pl

    steps = pl.Series(list(sample), dtype=pl.String).str.strptime(pl.Date, fmt, strict=False).drop_nulls()
    steps = steps.cast(pl.Int32).diff().drop_nulls()
    return bool(steps.len()) and (bool((steps >= 0).all()) or bool((steps <= 0).all())) and bool((steps != 0).any())


def epoch_unit(name: str, sample: Any) -> str | None:
    """ "s", "ms" or "us" when a numeric column is named like a Unix timestamp and every value of its head sample
    (a narwhals Series) is a whole number in that unit's range (1973 to 2100); None otherwise."""
    if not EPOCH_NAME.search(name):
        return None
    values = [float(v) for v in sample.drop_nulls().to_list()]
    if not values:
        return None
    if any(v != v or v != int(v) for v in values):  # NaN or a fraction
        return None
    low, high = min(values), max(values)
    for unit, (start, end) in EPOCH_RANGES.items():
        if start <= low and high <= end:
            return unit
    return None
