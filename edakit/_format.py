"""Numbers for people: one formatting of counts, estimates, p-values and percentages for every stage.

It sits below the stages because a result's own notes ("not computable: ...", "only two distinct values (0 and
1)") are written where the result is computed, and they must print numbers exactly as the explanations do.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: On while a year column's numbers are written (`years_format`): numbers under 10,000 get no thousands separator.
_YEARS: ContextVar[bool] = ContextVar("edakit_years_format", default=False)


@contextmanager
def years_format(on: bool = True) -> Iterator[None]:
    """Within it (when `on`), `fmt_num` and chart tick labels write numbers under 10,000 without a thousands
    separator, as years are written (2007, not 2,007), and numbers from 1,000 get one more significant digit
    (2007.9); larger numbers (counts of rows) keep their separators.

    >>> with years_format():
    ...     fmt_num(2007), fmt_num(2008.03), fmt_num(2007.94), fmt_num(12345)
    ('2007', '2008', '2007.9', '12,345')
    """
    token = _YEARS.set(on)
    try:
        yield
    finally:
        _YEARS.reset(token)


def in_years_format() -> bool:
    """Whether numbers are being written as years (inside `years_format`)."""
    return _YEARS.get()


def separator(value: float) -> str:
    """The thousands separator for `value` under the current format ("" for a year under `years_format`)."""
    return "" if _YEARS.get() and abs(value) < 10_000 else ","


def fmt_num(value: float | int | None, digits: int = 4, missing: str = "undefined") -> str:
    """A number for people: thousands separators, `digits` significant digits, scientific only when huge/tiny."""
    if value is None:
        return missing
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:{separator(value)}}"
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "infinity" if value > 0 else "minus infinity"
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if _YEARS.get() and 1000 <= magnitude < 10_000:
        digits += 1  # a year's mean or interval: 2007.9 to 2008.2, not 2008 to 2008
    if magnitude >= 1e12 or magnitude < 1e-4:
        return f"{value:.{digits - 1}e}"
    if value == int(value) and magnitude < 1e15:
        return f"{int(value):{separator(value)}}"
    decimals = max(digits - 1 - math.floor(math.log10(magnitude)), 0)
    text = f"{value:{separator(value)}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


#: R's `.Machine$double.eps`: `format.pval` writes a p-value below it as "< 2.2e-16" (a p-value computed as 0 has
#: underflowed, it is not 0).
P_EPS = 2.220446049250313e-16


def fmt_p(p: float | None) -> str:
    """p-value as people write it: 'p < 0.001' or 'p = 0.032'; below R's double.eps 'p < 2.2e-16', as R writes it.

    >>> fmt_p(0.0), fmt_p(1e-111), fmt_p(0.0004), fmt_p(0.032)
    ('p < 2.2e-16', 'p < 2.2e-16', 'p < 0.001', 'p = 0.032')
    """
    if p is None or math.isnan(p):
        return "p undefined"
    if p < P_EPS:
        return "p < 2.2e-16"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def fmt_p_number(p: float | None, digits: int = 2) -> str:
    """A p-value as a number in a sentence ('with probability 0.032'), never 0: below R's double.eps it is
    'below 2.2e-16', as R's `format.pval` writes '< 2.2e-16'.

    >>> fmt_p_number(0.0), fmt_p_number(3.2e-5), fmt_p_number(0.0321)
    ('below 2.2e-16', '3.2e-05', '0.032')
    """
    if p is not None and not math.isnan(p) and p < P_EPS:
        return "below 2.2e-16"
    return fmt_num(p, digits)


def fmt_pct(fraction: float, digits: int = 1) -> str:
    return f"{100 * fraction:.{digits}f} %"


def level_pct(conf_level: float | None) -> str:
    return f"{100 * (conf_level or 0.95):g} %"


def fmt_duration(span: dt.timedelta) -> str:
    """A length of time in words: "4,352 days (about 11.9 years)", "3 days 4 hours", "2 hours 5 minutes", never
    "4352 days, 0:00:00".

    >>> fmt_duration(dt.timedelta(days=1461))
    '1,461 days (about 4 years)'
    >>> fmt_duration(dt.timedelta(days=1, hours=4)), fmt_duration(dt.timedelta(minutes=90))
    ('1 day 4 hours', '1 hour 30 minutes')
    """
    seconds = span.total_seconds()
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days >= 365:
        years = days / 365.25
        return f"{sign}{_plural(days, 'day')} (about {fmt_num(round(years, 1 if years < 10 else 0), 3)} years)"
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute"), (round(secs, 3), "second")]
    words = [_plural(value, unit) for value, unit in parts if value][:2]  # the two largest units are enough
    return sign + (" ".join(words) or "0 seconds")


def _plural(value: float, unit: str) -> str:
    """`1 day`, `2 days`, `1,461 days`."""
    return f"{fmt_num(value)} {unit}{'' if value == 1 else 's'}"


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """'1 value', '2 values', '1,200 rows': a count with its noun in the right number.

    >>> count_of(1, "component"), count_of(3, "component"), count_of(2, "copy", "copies")
    ('1 component', '3 components', '2 copies')
    """
    return f"{fmt_num(int(n))} {noun if n == 1 else plural or noun + 's'}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: verb(1, "is", "are") == "is"."""
    return singular if n == 1 else plural
