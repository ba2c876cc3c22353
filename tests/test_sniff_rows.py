"""The sniffer parses the head of a file once (`sniff_layout` keeps its csv rows in `Layout.rows`), and the
missing-value markers seen there and the header decision read those rows instead of parsing the head again: the
rows from the header line on are those Python's csv module reads from that line, and the markers those it finds in
the whole head (the reference here: `csv.reader` on the head's lines)."""

from __future__ import annotations

import csv

import pytest

from edakit.loader import NA_VALUES
from edakit.sniff import first_row_is_data, markers_in_head, sniff_layout

HEADS = {
    "plain": "a,b,c\n1,NA,x\n2,3,\n",
    "quoted_newlines": 'id,note,n\n1,"two\nlines, NA",3\n2,"three\nmore\nlines",NULL\n3,plain,4\n',
    "title_and_comments": "Survey 2024,,\n# exported by hand\nname,age,score\nAnn,31,?\n# a note\nBob,NA,2.5\n",
    "no_header": "1,2,3\n4,N/A,6\n7,8,9\n",
    "trailing": "x;y;\n1,5;2;\n2,5;-;\n",
    "second_table": "a,b\n1,2\n3,4\n\nc,d,e\n5,6,7\n",
    "cut_last_line": "a,b\n1,2\n3,NA\n4,n",
}


def _reference_rows(text: str, delimiter: str, complete: bool, start: int) -> list[list[str]]:
    lines = text.splitlines()
    if not complete:
        lines = lines[:-1]
    return list(csv.reader(lines[start:], delimiter=delimiter))


@pytest.mark.parametrize("name", sorted(HEADS))
def test_the_rows_kept_are_those_the_csv_module_reads(name: str) -> None:
    text = HEADS[name]
    delimiter = ";" if name == "trailing" else ","
    complete = name != "cut_last_line"
    layout = sniff_layout(text, delimiter, complete=complete)
    kept = [row for row, line in layout.rows if line >= layout.header_line]
    assert kept == _reference_rows(text, delimiter, complete, layout.header_line)
    every = _reference_rows(text, delimiter, complete, 0)
    for markers in (NA_VALUES, ["NA"], []):
        assert markers_in_head(layout, markers) == {m for m in markers if any(m in row for row in every)}


def test_the_header_decision_reads_the_kept_rows() -> None:
    assert first_row_is_data(sniff_layout(HEADS["no_header"], ",", complete=True), NA_VALUES) is not None
    assert first_row_is_data(sniff_layout(HEADS["plain"], ",", complete=True), NA_VALUES) is None
    layout = sniff_layout(HEADS["title_and_comments"], ",", complete=True)
    assert (layout.header_line, layout.comment) == (2, "#")
    assert first_row_is_data(layout, NA_VALUES) is None  # "name,age,score" over numbers: names
