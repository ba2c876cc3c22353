"""The reads the command starts before it parses its options, and their hand-over once the options are parsed.

Python, edakit's package, typer (which imports pydantic) and typer's parsing of the options took 0.3-0.4 s before
the read of a file could begin, while polars reads flights 1x in about as long. So the command's entry point
(`edakit._launch`) starts reading the file named right after `report` or `ab` (each of the two files of `compare`)
before it imports typer, with the reading options a default `ReportConfig` gives (`start`). Once typer has parsed
every option, `claim` hands such a read to the command only when the parsed options read the file the same way
(`loader.read_key`: every option `load` takes); otherwise the started read is dropped and the file read as before.
The column selection (`--columns`, with the group, target and metric columns kept) is applied to the table
afterwards, as `load_table` does.

The threads are daemons: a bad option exits at once (typer's message, code 2) instead of waiting for a large read
to end. A file that the default options would stream through a temporary Parquet file is not read early, so a
process that exits during the read never leaves that directory behind.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from edakit import loader
from edakit.config import ReportConfig
from edakit.loader import Table, read_key, read_table, restrict_table, streams_by_default

# The reads started early, by source: each one's key (`loader.read_key`) and its table to come (taken by `claim`).
_started: dict[str, tuple[tuple[Any, ...], Future[Table]]] = {}


def start(source: str) -> None:
    """Start reading the file `source` on a daemon thread as a default ReportConfig would, unless it is a file the
    default options stream (or cannot be opened: the report then says why, as before)."""
    path = Path(source)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        if streams_by_default(path, path.stat().st_size, head):
            return
    except OSError:
        return
    # numpy and polars first, on this thread: the read's code must never find them half-imported (as in
    # `loader.start_load_table`)
    import numpy  # noqa: F401
    import polars  # noqa: F401

    config = ReportConfig()
    future: Future[Table] = Future()

    def read() -> None:
        try:
            future.set_result(read_table(source, config))
        except BaseException as exc:  # raised by the report where it reads the table (`claim`)
            future.set_exception(exc)

    threading.Thread(target=read, name="early read", daemon=True).start()
    _started[source] = (read_key(source, config), future)


def claim(source: Any, config: ReportConfig) -> Future[Table] | None:
    """The early read of `source`, restricted to `config`'s columns, when it reads the file as `config` does; None
    when no read started early or it used other options (it then ends on its own thread and is dropped)."""
    started = _started.pop(source, None) if isinstance(source, str) else None
    if started is None or started[0] != read_key(source, config):
        return None
    loading: Future[Table] = Future()

    def hand_over(read: Future[Table]) -> None:
        try:
            loading.set_result(restrict_table(read.result(), config))
        except BaseException as exc:  # the read's error (a bad file) or an unknown column, as `load_table` raises
            loading.set_exception(exc)

    started[1].add_done_callback(hand_over)
    return loading


def load_table(source: Any, config: ReportConfig) -> Table:
    """`loader.load_table`, from the early read of `source` when `claim` gives it (`edakit compare`'s tables)."""
    loading = claim(source, config)
    return loading.result() if loading is not None else loader.load_table(source, config)
