"""Sniff a delimited text file from its head: encoding, delimiter, title lines, ragged rows, decimal commas and the
missing-value markers it uses. Everything here reads only the first `SNIFF_BYTES` of the file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from edakit.errors import EdakitError

SNIFF_BYTES = 256 * 1024
DELIMITERS = ",;\t|"


@dataclass
class Layout:
    """The shape of a delimited file's first lines, as sniffed."""

    skip_rows: int  # title/comment lines before the header
    fields: int  # fields per row in the header
    ragged_rows: int  # rows in the sniffed head whose field count differs
    head_rows: int  # data rows seen in the sniffed head
    complete: bool  # whether the head holds the whole file
    decimal_comma: bool
    spacing: str | None = None  # "runs": fields split by runs of spaces; "after_comma": ", " (see `respace`)
    header_line: int = 0  # index of the header's line in the head (skip_rows counts the lines before it, less
    # the comment lines when `comment` is set, as polars does)
    comment: str | None = None  # "#" when lines starting with it are comments (above the header or among rows)
    trailing: str | None = None  # "all": every line ends with a delimiter; "rows": every row but the header does
    first_table_rows: int | None = None  # the rows of the first table when a second one follows a blank line
    second_table_line: int | None = None  # line number (1-based) of the second table's first line
    blank_rows: int = 0  # blank lines among the rows of the (first) table
    header_rows: int = 1  # 2: a second header row (units, labels) under the names, left out of the rows
    quoted: bool = True  # False: the file's double quotes are stray characters, read as text (no quoting)
    # the head's csv rows, each with the index of the line it starts on, read with the quoting above: parsed once
    # for `markers_in_head` and `first_row_is_data` too (three parses took 12 of the 25 CPU-ms of sniffing 256 kB)
    rows: list[tuple[list[str], int]] = field(default_factory=list, repr=False, compare=False)


def markers_in_head(layout: Layout, markers: list[str]) -> set[str]:
    """The missing-value markers that occur as whole fields in the sniffed head of a file (`sniff_layout`'s rows)."""
    wanted, seen = set(markers), set()
    for row, _ in layout.rows:
        seen.update(wanted.intersection(row))
        if len(seen) == len(wanted):
            break
    return seen


def detect_encoding(head: bytes, path: Path) -> str:
    """Encoding of a file from its first bytes: BOMs first, then UTF-8, then charset-normalizer."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "utf-16-be"
    if b"\x00" in head:
        raise EdakitError(f"{path} looks like a binary file, not a text table (CSV/TSV) or Parquet file.")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte character cut by the sniff window
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    if best is None:
        raise EdakitError(f"Cannot tell the text encoding of {path}; pass it with --encoding (e.g. --encoding cp1252).")
    return "cp1252" if best.encoding in ("cp1252", "windows_1252") else best.encoding.replace("_", "-")


def decode_head(head: bytes, encoding: str, path: Path) -> str:
    try:
        return head.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        if len(head) == SNIFF_BYTES and exc.start >= len(head) - 4:  # window ends inside a character
            return head[: exc.start].decode(encoding, errors="replace")
        raise EdakitError(f"{path} is not valid {encoding} text; pass the right one with --encoding.") from None
    except LookupError:
        raise EdakitError(f"Unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1252.") from None


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the first lines most consistently; a comma when nothing else fits."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    sample = "\n".join(lines[:-1] if len(lines) > 2 else lines)
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    if not any(_fits(lines, d) for d in DELIMITERS) and _fits(lines, " "):
        return " "  # runs of spaces (normalised by `respace` before reading)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _fits(lines: list[str], delimiter: str) -> bool:
    """Whether every line of the head splits into the same number (two or more) of fields on `delimiter` (runs of
    whitespace for a space), quoted fields kept whole; the last line is left out when there are a few."""
    body = lines[:-1] if len(lines) > 2 else lines
    if not body:
        return False
    if delimiter == " ":
        counts = {len(_TOKEN.findall(line)) for line in body}
    else:
        counts = {len(row) for row in csv.reader(body, delimiter=delimiter)}
    return len(counts) == 1 and counts.pop() > 1


_TOKEN = re.compile(r'"(?:[^"]|"")*"|\S+')


def sniff_spacing(text: str, delimiter: str) -> str | None:
    """How spaces separate fields: "runs" for a space delimiter (one or more spaces, or tabs, between fields),
    "after_comma" when nearly every field after the first starts with a space after a comma (", "), else None."""
    if delimiter == " ":
        return "runs"
    if delimiter != ",":
        return None
    fields = [f for row in csv.reader(text.splitlines()[:200]) for f in row[1:] if f]
    spaced = sum(1 for f in fields if f.startswith(" "))
    return "after_comma" if spaced >= 5 and spaced >= 0.8 * len(fields) else None


def respace(lines: Iterable[str], spacing: str) -> Iterator[str]:
    """The lines of a space-separated file with one space between fields ("runs", quoted fields kept whole), or of
    a ", " file with the spaces after each comma removed ("after_comma", read with the csv module so quoted
    fields, commas and newlines in them survive). Lines come in and go out with their line ends."""
    if spacing == "runs":
        for line in lines:
            yield " ".join(_TOKEN.findall(line) if '"' in line else line.split()) + "\n"
        return
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(lines, skipinitialspace=True):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")


def sniff_layout(text: str, delimiter: str, complete: bool) -> Layout:
    """Find title and comment lines above the header, comment lines among the rows, trailing delimiters, a second
    table after a blank line, rows with the wrong number of fields, and decimal commas."""
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut by the sniff window
    entries = _rows_with_lines(lines, delimiter)
    quoting = _stray_quotes(lines, delimiter, entries)
    if quoting is not None:
        entries = quoting
    filled = [(r, i) for r, i in entries if not _blank(r)]
    if not filled:
        return Layout(0, 0, 0, 0, complete, False, rows=entries)
    hashed = [r for r, _ in filled if r[0].lstrip().startswith("#")]
    trailing = _trailing(filled)
    width = _table_width(entries, trailing)
    comment = "#" if hashed and all(_width(r, trailing) != width or _sparse(r) for r in hashed) else None
    table = [(r, i) for r, i in filled if not (comment and r[0].lstrip().startswith("#"))]
    head = 0
    while (
        head < min(len(table) - 1, 20)
        and width > 1
        and (_width(table[head][0], trailing) < width or _title_row(table[head][0], table[head + 1][0], width))
    ):
        head += 1
    header, header_line = table[head]
    comments_above = sum(1 for r, i in filled if i < header_line and comment and r[0].lstrip().startswith("#"))
    layout = Layout(header_line - comments_above, width, 0, 0, complete, False, header_line=header_line, rows=entries)
    layout.comment = comment
    layout.quoted = quoting is None
    if trailing:
        layout.trailing = "all" if header[-1] == "" and len(header) > width else "rows"
    data = table[head + 1 :]
    _second_table(layout, entries, data, header_line, width, trailing)
    if layout.first_table_rows is not None:
        data = data[: layout.first_table_rows]
    if len(data) >= 3 and _second_header_row(data[0][0], [r for r, _ in data[1:51]], width):
        layout.header_rows = 2
        data = data[1:]
    end = data[-1][1] if data else header_line
    layout.blank_rows = sum(1 for r, i in entries if header_line < i < end and _blank(r))
    layout.ragged_rows = sum(1 for r, _ in data if _width(r, trailing) != width)
    layout.head_rows = len(data)
    if delimiter == ";":  # decimal commas are read in semicolon files only
        cells = [c.strip() for r, _ in data[:500] for c in r]
        comma = sum(1 for c in cells if _DECIMAL_COMMA.match(c))
        point = sum(1 for c in cells if _DECIMAL_POINT.match(c))
        layout.decimal_comma = comma > 0 and point == 0
    # Lines that quoted newlines split in two are counted by csv.reader as one row, so `ragged` is exact.
    return layout


def _stray_quotes(
    lines: list[str], delimiter: str, entries: list[tuple[list[str], int]]
) -> list[tuple[list[str], int]] | None:
    """The rows read without quoting when the file's double quotes are stray characters, not quoting: no line
    closes a quote it opens (each line with a quote has an odd number of them), and read without quoting every
    row of the head has one width while read with it some rows run over several lines. None when quotes are (or
    may be) quoting."""
    quoted = [line for line in lines if '"' in line]
    if not quoted or any(line.count('"') % 2 == 0 for line in quoted):
        return None
    plain = _rows_with_lines(lines, delimiter, quoting=csv.QUOTE_NONE)
    widths = {len(r) for r, _ in plain if not _blank(r)}
    if len(widths) == 1 and len(plain) > len(entries):
        return plain
    return None


def _rows_with_lines(lines: list[str], delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> list[tuple[list[str], int]]:
    """Every csv row of `lines` with the index of the line it starts on (blank lines give empty rows)."""
    reader = csv.reader(lines, delimiter=delimiter, quoting=quoting)
    out, start = [], 0
    for row in reader:
        out.append((row, start))
        start = reader.line_num
    return out


def _blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and not row[0].strip())


def _title_row(row: list[str], below: list[str], width: int) -> bool:
    """A title padded with delimiters above the header: one field of text, under which (in a two-column table)
    comes a row of names."""
    if not _sparse(row):
        return False
    return width >= 3 or all(c.strip() and not _is_number(c, False) for c in below)


_MISSING_WORDS = {"na", "n/a", "nan", "null", "none", "#n/a", "#na", "-", "?", "."}


def _second_header_row(row: list[str], below: list[list[str]], width: int) -> bool:
    """Whether the row under the header is a second header row (units, labels): text, not a missing-value
    marker, in every column whose values below are all numbers (and at least one such column)."""
    if len(row) != width:
        return False
    numeric = [all(_number_or_missing(r[k]) for r in below if len(r) > k) for k in range(width)]
    return any(numeric) and all(
        c.strip() and not _is_number(c, False) and c.strip().lower() not in _MISSING_WORDS
        for c, num in zip(row, numeric, strict=True)
        if num
    )


def _number_or_missing(cell: str) -> bool:
    return not cell.strip() or cell.strip().lower() in _MISSING_WORDS or _is_number(cell, False)


def _sparse(row: list[str]) -> bool:
    """A title padded with delimiters ("Penguins 2007,,,"): at most one field holds text."""
    return sum(1 for c in row if c.strip()) <= 1


def _trailing(filled: list[tuple[list[str], int]]) -> bool:
    """Whether (nearly) every row below the first ends with a delimiter: an empty last field."""
    body = [r for r, _ in filled[max(1, len(filled) // 5) :]]
    ends = sum(1 for r in body if len(r) > 1 and r[-1] == "")
    return len(body) >= 2 and ends >= 0.9 * len(body)


def _width(row: list[str], trailing: bool) -> int:
    return len(row) - 1 if trailing and len(row) > 1 and row[-1] == "" else len(row)


def _table_width(entries: list[tuple[list[str], int]], trailing: bool) -> int:
    """The (first) table's own width: the most common field count of the first block of lines (between blank
    lines) that has two rows of one width of two fields or more, after its top fifth (titles, notes); of all
    rows when no block has."""
    blocks: list[list[int]] = [[]]
    for row, _ in entries:
        if _blank(row):
            blocks.append([])
        else:
            blocks[-1].append(_width(row, trailing))
    for block in blocks:
        widths = block[len(block) // 5 :] or block
        top = max(set(widths), key=widths.count) if widths else 0
        if top >= 2 and widths.count(top) >= 2:
            return top
    every = [_width(r, trailing) for r, _ in entries if not _blank(r)]
    return max(set(every), key=every.count)


def _second_table(
    layout: Layout,
    entries: list[tuple[list[str], int]],
    data: list[tuple[list[str], int]],
    header_line: int,
    width: int,
    trailing: bool,
) -> None:
    """A blank line followed by a row of another width, or by a header over the table's numeric columns, starts a
    second table: `layout` gets the first table's row count and the line where the second starts."""
    blanks = {i for r, i in entries if i > header_line and _blank(r)}
    for n, (row, line) in enumerate(data):
        if n == 0 or line - 1 not in blanks:
            continue
        above = [r for r, _ in data[:n]]
        numeric = [all(_is_number(r[k], False) or not r[k].strip() for r in above if len(r) > k) for k in range(width)]
        new_width = _width(row, trailing) != width
        new_header = any(numeric) and all(
            c.strip() and not _is_number(c, False) for c, num in zip(row, numeric, strict=False) if num
        )
        if new_width or new_header:
            layout.first_table_rows = n
            layout.second_table_line = line + 1
            return


def _is_number(cell: str, decimal_comma: bool) -> bool:
    text = cell.strip()
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        float(text)
    except ValueError:
        return False
    return text.lower() not in ("nan", "inf", "-inf", "infinity", "-infinity")


def first_row_is_data(layout: Layout, markers: list[str]) -> str | None:
    """Why the first row (after the title lines) is data rather than column names, or None when it is a header.

    The idea of CPython's `csv.Sniffer.has_header`, made stricter: the head's rows below the first give each
    column a type (number when every present value parses as one, text otherwise); the first row is data when at
    least one column is numeric, its value is a number in every numeric column, and it has at least one number.
    A header over numeric columns holds names there, which are not numbers. Only whole rows of the table's width
    are looked at, and missing-value markers count as missing in the body (never as a number in the first row)."""
    rows = [
        r[:-1] if layout.trailing and len(r) > layout.fields and r[-1] == "" else r
        for r, line in layout.rows
        if line >= layout.header_line
        and not _blank(r)
        and not (layout.comment and r[0].lstrip().startswith(layout.comment))
    ]
    if layout.first_table_rows is not None:
        rows = rows[: layout.first_table_rows + 1]
    if len(rows) < 2 or layout.fields < 1:
        return None
    first, body = rows[0], [r for r in rows[1:501] if len(r) == len(rows[0])]
    if len(first) != layout.fields or not body:
        return None
    missing = {m.strip() for m in markers} | {""}
    numeric = []
    for i in range(len(first)):
        present = [r[i] for r in body if r[i].strip() not in missing]
        numeric.append(bool(present) and all(_is_number(v, layout.decimal_comma) for v in present))
    if not any(numeric):
        return None
    absent = [c.strip() in missing for c in first]
    is_num = [not a and _is_number(c, layout.decimal_comma) for c, a in zip(first, absent, strict=True)]
    if not any(is_num) or any(n and not (v or a) for n, v, a in zip(numeric, is_num, absent, strict=True)):
        return None
    if all(is_num):
        return "every value in it is a number, like the rows below"
    return "its values have the types of the rows below (numbers over the numeric columns)"
