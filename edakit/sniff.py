"""Sniff a delimited text file from its head: encoding, delimiter, title lines, ragged rows, decimal commas and the
missing-value markers it uses. Everything here reads only the first `SNIFF_BYTES` of the file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


def markers_in_head(text: str, delimiter: str, markers: list[str], complete: bool) -> set[str]:
    """The missing-value markers that occur as whole fields in the sniffed head of a file."""
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut by the sniff window
    wanted, seen = set(markers), set()
    for row in csv.reader(lines, delimiter=delimiter):
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
    """Find title lines above the header, rows with the wrong number of fields, and decimal commas."""
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut by the sniff window
    rows = [r for r in csv.reader(lines, delimiter=delimiter) if r]
    counts = [len(r) for r in rows]
    if not counts:
        return Layout(0, 0, 0, 0, complete, False)
    body = counts[len(counts) // 5 :] or counts  # the table's own width: most common count after the top
    width = max(set(body), key=body.count)
    skip = 0
    while skip < min(len(counts) - 1, 20) and counts[skip] < width and width > 1:
        skip += 1
    data = rows[skip + 1 :]
    ragged = sum(1 for r in data if len(r) != width)
    cells = [c.strip() for r in data[:500] for c in r]
    comma = sum(1 for c in cells if _DECIMAL_COMMA.match(c))
    point = sum(1 for c in cells if _DECIMAL_POINT.match(c))
    decimal_comma = delimiter == ";" and comma > 0 and point == 0
    # Lines that quoted newlines split in two are counted by csv.reader as one row, so `ragged` is exact.
    return Layout(skip, width, ragged, len(data), complete, decimal_comma)


def _is_number(cell: str, decimal_comma: bool) -> bool:
    text = cell.strip()
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        float(text)
    except ValueError:
        return False
    return text.lower() not in ("nan", "inf", "-inf", "infinity", "-infinity")


def first_row_is_data(text: str, delimiter: str, layout: Layout, markers: list[str]) -> str | None:
    """Why the first row (after the title lines) is data rather than column names, or None when it is a header.

    The idea of CPython's `csv.Sniffer.has_header`, made stricter: the head's rows below the first give each
    column a type (number when every present value parses as one, text otherwise); the first row is data when at
    least one column is numeric, its value is a number in every numeric column, and it has at least one number.
    A header over numeric columns holds names there, which are not numbers. Only whole rows of the table's width
    are looked at, and missing-value markers count as missing in the body (never as a number in the first row)."""
    lines = text.splitlines()
    if not layout.complete and len(lines) > 1:
        lines = lines[:-1]
    rows = [r for r in csv.reader(lines[layout.skip_rows :], delimiter=delimiter) if r]
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
