"""Dates and times as users' files hold them (issue 21): month names, ISO with time zones, day/month order decided
from the values (and said when the values cannot tell), Unix timestamps only in columns named so.

Expected dates come from Python's own `datetime` (its strptime, or the calendar), never from edakit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import edakit

UTC = dt.UTC


def _report(tmp_path: Path, text: str):
    path = tmp_path / "dates.csv"
    path.write_text(text, encoding="utf-8")
    return edakit.report(path), path


def test_vega_stocks_month_name_dates() -> None:
    vega = pytest.importorskip("vega_datasets")
    path = Path(vega.__file__).parent / "_data" / "stocks.csv"
    raw = [line.split(",")[1] for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    parsed = [dt.datetime.strptime(v, "%b %d %Y").date() for v in raw]  # Python's reading of "Jan 1 2000"
    col = edakit.report(path).column("date")
    assert col.role == "datetime" and "%B %d %Y" in col.role_reason
    assert col.datetime["min"] == min(parsed) == dt.date(2000, 1, 1)
    assert col.datetime["max"] == max(parsed) == dt.date(2010, 3, 1)


def test_month_names_first_or_after_the_day(tmp_path: Path) -> None:
    rep, _ = _report(
        tmp_path,
        'long,day_first,oracle\n"January 5, 2001",1 January 2000,01-JAN-2000\n'
        '"Feb 28, 2001",29 February 2000,15-Mar-2000\n"december 31, 2001",3 Dec 2000,31-dec-2000\n',
    )
    assert (rep.column("long").datetime["min"], rep.column("long").datetime["max"]) == (
        dt.date(2001, 1, 5),
        dt.date(2001, 12, 31),
    )
    assert rep.column("day_first").datetime["max"] == dt.date(2000, 12, 3)
    assert rep.column("oracle").datetime["min"] == dt.date(2000, 1, 1)
    assert all(rep.column(c).role == "datetime" for c in ("long", "day_first", "oracle"))


def test_iso_times_with_zones_are_converted_to_utc(tmp_path: Path) -> None:
    rep, _ = _report(
        tmp_path,
        "at,local\n2000-01-01T10:00:00Z,2000-01-01 10:00\n2000-01-01T12:30:00+02:00,2000-01-01 11:15\n"
        "2000-01-02T10:00:00.5-0500,2000-01-03 09:00\n",
    )
    at = rep.column("at")
    assert at.role == "datetime" and "converted to UTC" in at.role_reason
    # 12:30 at +02:00 is 10:30 UTC; 10:00:00.5 at -05:00 is 15:00:00.5 UTC the same day
    assert at.datetime["min"] == dt.datetime(2000, 1, 1, 10, 0, tzinfo=UTC)
    assert at.datetime["max"] == dt.datetime(2000, 1, 2, 15, 0, 0, 500000, tzinfo=UTC)
    assert rep.column("local").datetime["max"] == dt.datetime(2000, 1, 3, 9, 0)


def test_day_and_month_order_from_the_values(tmp_path: Path) -> None:
    rep, _ = _report(
        tmp_path,
        "uk,us,de\n13/01/2000,01/13/2000,24.12.1999\n01/02/2000,02/01/2000,01.02.2000\n"
        "05/03/2000,03/05/2000,02.01.2000\n",
    )
    uk, us, de = rep.column("uk"), rep.column("us"), rep.column("de")
    assert "dd/mm/yyyy" in uk.role_reason and "mm/dd/yyyy" in us.role_reason and "dd.mm.yyyy" in de.role_reason
    # the same three days written both ways
    assert uk.datetime == us.datetime == {"min": dt.date(2000, 1, 13), "max": dt.date(2000, 3, 5)}
    assert de.datetime == {"min": dt.date(1999, 12, 24), "max": dt.date(2000, 2, 1)}


def test_ambiguous_day_and_month_are_said(tmp_path: Path) -> None:
    # monthly readings on the first of the month: 01/02/2001 is 1 February (dd/mm) or 2 January (mm/dd), and both
    # readings are in date order, so nothing in the values tells; the report must say which it took
    days = [dt.date(2001, m, 1) for m in range(1, 13)]
    rows = "\n".join(f"{d:%d/%m/%Y},{i}" for i, d in enumerate(days))
    rep, _ = _report(tmp_path, f"reading,value\n{rows}\n")
    col = rep.column("reading")
    assert col.role == "datetime" and "read as mm/dd/yyyy" in col.role_reason
    assert "no number above 12" in col.role_reason and "if they are dd/mm/yyyy" in col.role_reason
    assert col.datetime == {"min": dt.date(2001, 1, 1), "max": dt.date(2001, 1, 12)}
    html = tmp_path / "r.html"
    rep.to_html(html)
    assert "no number above 12 tells the day from the month" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("values", "reading", "first", "last"),
    [
        # in date order only as dd/mm: 2 Jan, 1 Feb, 1 Mar, 2 Mar (as mm/dd: 1 Feb, 2 Jan, 3 Jan, 3 Feb)
        (["02/01/2001", "01/02/2001", "01/03/2001", "02/03/2001"], "dd/mm/yyyy", (1, 2), (3, 2)),
        # in date order only as mm/dd: 2 Jan, 1 Feb, 1 Mar, 2 Mar
        (["01/02/2001", "02/01/2001", "03/01/2001", "03/02/2001"], "mm/dd/yyyy", (1, 2), (3, 2)),
    ],
)
def test_ambiguous_order_decided_by_rows_in_date_order(
    tmp_path: Path, values: list[str], reading: str, first: tuple[int, int], last: tuple[int, int]
) -> None:
    rep, _ = _report(tmp_path, "day\n" + "\n".join(values) + "\n")
    col = rep.column("day")
    assert f"read as {reading}" in col.role_reason and "in date order only when read this way" in col.role_reason
    assert col.datetime == {"min": dt.date(2001, *first), "max": dt.date(2001, *last)}


def test_impossible_dates_stay_text(tmp_path: Path) -> None:
    rep, _ = _report(tmp_path, "d,m\n30/02/2000,Foo 1 2000\n13/13/2000,Bar 2 2000\n01/01/2000,Baz 3 2000\n")
    assert rep.column("d").role != "datetime" and rep.column("m").role != "datetime"


def test_unix_timestamps_only_when_named_so(tmp_path: Path) -> None:
    # 946684800 s after 1970-01-01 is 2000-01-01 00:00 UTC (10,957 days of 86,400 s)
    assert dt.datetime(1970, 1, 1) + dt.timedelta(seconds=946_684_800) == dt.datetime(2000, 1, 1)
    rep, _ = _report(
        tmp_path,
        "created_ts,unix_time_ms,amount\n946684800,946684800000,946684800\n946771200,946771200000,946771200\n"
        "946857600,946857600500,946857600\n",
    )
    ts, ms, amount = rep.column("created_ts"), rep.column("unix_time_ms"), rep.column("amount")
    assert ts.role == "datetime" and "Unix timestamps (in seconds)" in ts.role_reason
    assert ts.datetime == {"min": dt.datetime(2000, 1, 1), "max": dt.datetime(2000, 1, 3)}
    assert ms.role == "datetime" and ms.datetime["max"] == dt.datetime(2000, 1, 3, 0, 0, 0, 500000)
    assert amount.role == "numeric"  # the same numbers without the name are numbers
