"""How well edakit's loader reads malformed CSV files, against DuckDB's most lenient automatic reader (issue 21).

The public corpus of polluted CSVs with clean versions (Pollock, HPI) is not reachable from the machines this
project runs on, so this script builds one the same way: every bundled dataset (real data: penguins, mtcars,
titanic, ...) is written clean, then once per pollution below; the clean rows are the truth. Each file is loaded
by

- edakit: `edakit.load(path)` with every option left to detection;
- DuckDB: `read_csv(path, strict_mode=false, ignore_errors=true, null_padding=true, parallel=false)`, its most
  lenient settings, everything else sniffed;

and scored as Pollock scores a loader: the F1 of the multiset of header cells, of whole records (a row's cells
joined) and of data cells, each loaded value against the clean one (a loader that fails on a file scores 0 on it).
Values are compared as text after normalising: whitespace stripped, numbers written the same way (39.10 = 39.1),
yes/no and true/false as one pair (DuckDB reads No/Yes as booleans), and missing values (empty, NA) as empty.
Where the clean file's header is absent (the "no header" pollution), the header score is 1 whatever is loaded,
as in Pollock; the rows then tell. For "two tables" the truth is the first table (the one a report can be about)
and for "multi-row header" the two header rows are the header.

    python benchmarks/polluted_csv.py                 # writes benchmarks/data/polluted/, prints the table
    python benchmarks/polluted_csv.py --write-readme  # and puts the table into benchmarks/README.md

It is not part of the test suite (a run takes about a minute).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
OUT = ROOT / "benchmarks" / "data" / "polluted"
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "benchmarks" / "README.md"
MISSING = {"", "NA"}
BOOLEAN = {"true": "true", "yes": "true", "false": "false", "no": "false"}

Table = tuple[list[str], list[list[str]]]  # header, rows (the clean file's text cells)


def _write(rows: list[list[str]], delimiter: str = ",", quotechar: str = '"', terminator: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quotechar=quotechar, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def _spaced(rows: list[list[str]], pad: bool) -> str:
    """Space-separated: one space between fields, or columns padded to a common width (several spaces)."""
    cells = [[f'"{c}"' if (" " in c or not c) else c for c in r] for r in rows]
    if not pad:
        return "".join(" ".join(r) + "\n" for r in cells)
    widths = [max(len(r[k]) for r in cells if k < len(r)) for k in range(max(len(r) for r in cells))]
    return "".join("  ".join(c.ljust(widths[k]) for k, c in enumerate(r)).rstrip() + "\n" for r in cells)


def _ragged(header: list[str], rows: list[list[str]]) -> tuple[str, Table]:
    """Every 7th row loses its trailing missing field (written shorter); the truth pads it back."""
    cut = [r[:-1] if i % 7 == 3 and len(r) > 1 else r for i, r in enumerate(rows)]
    truth = [r[:-1] + [""] if i % 7 == 3 and len(r) > 1 else r for i, r in enumerate(rows)]
    return _write([header, *cut]), (header, truth)


def _stray_quote(header: list[str], rows: list[list[str]]) -> tuple[str, Table]:
    """A double quote inside a text field of every 10th row, written unescaped (as hand-made exports do)."""
    k = next((i for i, c in enumerate(rows[0]) if not _number(c)), 0)
    truth = [r[:k] + [r[k] + '"' if i % 10 == 5 else r[k]] + r[k + 1 :] for i, r in enumerate(rows)]
    text = _write([header]) + "".join(
        ",".join(r[:k] + [r[k] + '"' if i % 10 == 5 else r[k]] + r[k + 1 :]) + "\n" for i, r in enumerate(rows)
    )
    return text, (header, truth)


def _opening_quote(header: list[str], rows: list[list[str]]) -> tuple[str, Table]:
    """A double quote at the start of a text field of every 50th row, never closed: a quoted field that would
    run to the end of the file; the truth keeps the quote as a character of that cell."""
    k = next((i for i, c in enumerate(rows[0]) if not _number(c)), 0)
    hit = [i % 50 == 7 for i in range(len(rows))]
    truth = [r[:k] + ['"' + r[k] if h else r[k]] + r[k + 1 :] for r, h in zip(rows, hit, strict=True)]
    text = _write([header]) + "".join(",".join(r) + "\n" for r in truth)
    return text, (header, truth)


def _second_table(header: list[str], rows: list[list[str]]) -> tuple[str, Table]:
    counts = Counter(r[0] for r in rows)
    summary = [["value", "rows"], *([k, str(v)] for k, v in sorted(counts.items())[:10])]
    return _write([header, *rows]) + "\n" + _write(summary), (header, rows)


def _multirow_header(header: list[str], rows: list[list[str]]) -> tuple[str, Table]:
    second = ["(unit)" if _number(c) else "(label)" for c in rows[0]]
    return _write([header, second, *rows]), (header + second, rows)


POLLUTIONS: dict[str, Callable[[list[str], list[list[str]]], tuple[str, Table]]] = {
    "clean": lambda h, r: (_write([h, *r]), (h, r)),
    "semicolon": lambda h, r: (_write([h, *r], ";"), (h, r)),
    "tab": lambda h, r: (_write([h, *r], "\t"), (h, r)),
    "pipe": lambda h, r: (_write([h, *r], "|"), (h, r)),
    "single space": lambda h, r: (_spaced([h, *r], pad=False), (h, r)),
    "aligned spaces": lambda h, r: (_spaced([h, *r], pad=True), (h, r)),
    "comma space": lambda h, r: (_write([h, *r]).replace(",", ", "), (h, r)),
    "CRLF line ends": lambda h, r: (_write([h, *r], terminator="\r\n"), (h, r)),
    "no header": lambda h, r: (_write(r), ([], r)),
    "preamble": lambda h, r: ("Exported table\nsource: R datasets\n\n" + _write([h, *r]), (h, r)),
    "padded title": lambda h, r: ("Exported table" + "," * (len(h) - 1) + "\n" + _write([h, *r]), (h, r)),
    "comment lines": lambda h, r: (
        "# exported\n"
        + _write([h])
        + "".join(("# checked\n" if i % 25 == 24 else "") + _write([x]) for i, x in enumerate(r)),
        (h, r),
    ),
    "trailing delimiters": lambda h, r: ("".join(line + ",\n" for line in _write([h, *r]).splitlines()), (h, r)),
    "blank lines": lambda h, r: (
        "".join(_write([x]) + ("\n" if i % 20 == 19 else "") for i, x in enumerate([h, *r])),
        (h, r),
    ),
    "multi-row header": _multirow_header,
    "two tables": _second_table,
    "ragged rows": _ragged,
    "stray quotes": _stray_quote,
    "opening quote": _opening_quote,
}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def norm(value: Any) -> str:
    """A cell as comparable text: stripped, numbers in one spelling, missing values empty."""
    text = "" if value is None else str(value).strip()
    if text in MISSING:
        return ""
    if text.lower() in BOOLEAN:  # DuckDB reads No/Yes columns as booleans: the same values, not an error
        return BOOLEAN[text.lower()]
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        number = float(text)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return text


def f1(truth: list[str], loaded: list[str]) -> float:
    """Pollock's F1 of two multisets (1 when the truth is empty)."""
    if not truth:
        return 1.0
    common = sum((Counter(truth) & Counter(loaded)).values())
    if not common:
        return 0.0
    precision, recall = common / len(loaded), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def score(truth: Table, loaded: Table | None) -> dict[str, float]:
    if loaded is None:
        return {"header": 0.0, "records": 0.0, "cells": 0.0}
    (t_head, t_rows), (l_head, l_rows) = truth, loaded
    t_rows = [[norm(c) for c in r] for r in t_rows]
    l_rows = [[norm(c) for c in r] for r in l_rows]
    return {
        "header": f1([norm(c) for c in t_head], [norm(c) for c in l_head]),
        "records": f1(["\x1f".join(r) for r in t_rows], ["\x1f".join(r) for r in l_rows]),
        "cells": f1([c for r in t_rows for c in r], [c for r in l_rows for c in r]),
    }


def load_edakit(path: Path) -> Table:
    import polars as pl

    from edakit.loader import load

    frame = pl.from_arrow(load(path).frame.collect().to_arrow())
    generated = frame.columns == [f"column_{i + 1}" for i in range(frame.width)]
    return ([] if generated else frame.columns), [list(r) for r in frame.iter_rows()]


def load_duckdb(path: Path) -> Table:
    import duckdb

    con = duckdb.connect()
    try:
        relation = con.read_csv(str(path), strict_mode=False, ignore_errors=True, null_padding=True, parallel=False)
        header, rows = relation.columns, relation.fetchall()
    finally:
        con.close()
    generated = header == [f"column{i}" for i in range(len(header))] or header == [
        f"column{i:0{len(str(len(header) - 1))}d}" for i in range(len(header))
    ]
    return ([] if generated else list(header)), [list(r) for r in rows]


LOADERS = {"edakit": load_edakit, "duckdb": load_duckdb}


def build_corpus() -> list[tuple[str, str, Path, Table]]:
    """(dataset, pollution, path, truth) for every bundled dataset and pollution; files under OUT."""
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = []
    for source in sorted(DATASETS.glob("*.csv")):
        with source.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        for name, pollute in POLLUTIONS.items():
            if len(header) < 2 and name not in ("clean", "no header", "preamble", "comment lines", "blank lines"):
                continue  # a one-column file has no delimiter to pollute
            text, truth = pollute(header, rows)
            path = OUT / f"{source.stem}--{name.replace(' ', '_')}.csv"
            path.write_text(text, encoding="utf-8", newline="")
            corpus.append((source.stem, name, path, truth))
    return corpus


def run() -> dict[str, Any]:
    corpus = build_corpus()
    files = []
    for dataset, pollution, path, truth in corpus:
        entry: dict[str, Any] = {"dataset": dataset, "pollution": pollution, "file": path.name}
        for loader, read in LOADERS.items():
            try:
                loaded = read(path)
                error = None
            except Exception as exc:  # noqa: BLE001 - a loader that fails on a file scores 0 on it
                loaded, error = None, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            entry[loader] = score(truth, loaded) | ({"error": error} if error else {})
        files.append(entry)
    return {"date": date.today().isoformat(), "files": files, "summary": summarise(files)}


def summarise(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean scores per pollution and overall, per loader."""
    out: dict[str, Any] = {}
    for pollution in [*POLLUTIONS, "all"]:
        chosen = [f for f in files if pollution in ("all", f["pollution"])]
        if not chosen:
            continue
        out[pollution] = {
            loader: {m: statistics.fmean(f[loader][m] for f in chosen) for m in ("header", "records", "cells")}
            | {"files": len(chosen), "failed": sum(1 for f in chosen if "error" in f[loader])}
            for loader in LOADERS
        }
    return out


def table(summary: dict[str, Any]) -> str:
    lines = [
        "| pollution | files | edakit header | edakit records | edakit cells | DuckDB header | DuckDB records | "
        "DuckDB cells |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for pollution, scores in summary.items():
        e, d = scores["edakit"], scores["duckdb"]
        cells = [f"{e[m]:.1%}" for m in ("header", "records", "cells")] + [
            f"{d[m]:.1%}" for m in ("header", "records", "cells")
        ]
        name = f"**{pollution}**" if pollution == "all" else pollution
        lines.append(f"| {name} | {e['files']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_readme(summary: dict[str, Any], day: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- polluted:start -->", "<!-- polluted:end -->"
    block = f"{start}\nMeasured {day} (`python benchmarks/polluted_csv.py --write-readme`):\n\n{table(summary)}\n{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-readme", action="store_true", help="put the table into benchmarks/README.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    result = run()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{result['date']}-polluted.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result["summary"]))
    if args.write_readme:
        write_readme(result["summary"], result["date"])


if __name__ == "__main__":
    main()
